//go:build !unix && !windows

package output

import "os"

// lockFile cannot lock on this system: runs into one folder are not kept apart.
func lockFile(*os.File) (bool, error) { return true, nil }

func hide(string) {}
