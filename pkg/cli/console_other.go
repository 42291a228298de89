//go:build !windows

package cli

import "os"

// consoleTakesEscapes: every terminal of macOS and Linux does, TERM=dumb aside (drawsProgress).
func consoleTakesEscapes(*os.File) (ok bool, restore func()) { return true, func() {} }
