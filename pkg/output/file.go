package output

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// WriteFile writes one output file (a questionnaire, an expectation file) in place of path:
// into a temporary beside it, synced, then renamed, so that path holds the old bytes or the
// new ones. It refuses a path that is one of the inputs, and writes nothing once ctx has ended.
func WriteFile(ctx context.Context, path string, data []byte, inputs *Inputs) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return refusef("%s is a folder: give the name of the file to write", show(path))
	}
	if err := inputs.refuseFile(path, "file name"); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".mapsurvey-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", show(path), plainErr(err))
	}
	name := tmp.Name()
	addTemp(name, func() { os.Remove(name) })
	defer dropTemp(name)
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	if err != nil {
		os.Remove(name)
		return fmt.Errorf("cannot write %s: %w; it was not changed", show(path), plainErr(err))
	}
	if h := hooksFrom(ctx).BeforeCommit; h != nil {
		h()
	}
	if err := ctx.Err(); err != nil {
		os.Remove(name)
		return err
	}
	beginCommit()
	defer endCommit()
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("cannot replace %s: %w (is it open in another program? close it and run again)", show(path), plainErr(err))
	}
	logFrom(ctx).add(Written{Dir: filepath.Dir(path), Files: []string{filepath.Base(path)}})
	if h := hooksFrom(ctx).AfterCommit; h != nil {
		h()
	}
	return nil
}

// Same tells whether two output folders are one (the same path, or the same existing folder).
func Same(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	if aa, err := filepath.Abs(a); err == nil {
		if bb, err := filepath.Abs(b); err == nil && aa == bb {
			return true
		}
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
