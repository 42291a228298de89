// Package output writes mapsurvey's outputs so that nothing a user has is lost: an output never
// replaces one of the inputs (compared by file identity, not by name), a set of outputs (a
// report, the charts, the CSV tables) replaces the previous set as a whole or not at all, a
// second run into the same folder is refused while the first writes, and the temporaries of a
// run that was killed are removed by the next one. Files in an output folder that mapsurvey did
// not write are never replaced or removed.
package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Inputs are the identities (device and inode, or the Windows file index) of every file a run
// reads, including the files found inside folder inputs, and of the folders themselves.
type Inputs struct {
	files []input
	dirs  []input
}

type input struct {
	path string // as the user named it, or as found inside a folder
	info os.FileInfo
}

// CollectInputs records the identity of each input and of the files inside folder inputs (and
// of their sub-folders' files when recursive; each folder once, however many links lead to it).
// Paths that cannot be read are left out: the reader reports them.
func CollectInputs(paths []string, recursive bool) *Inputs {
	in := &Inputs{}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			continue
		}
		if st.IsDir() {
			in.addDir(p, st, recursive)
		} else {
			in.files = append(in.files, input{p, st})
		}
	}
	return in
}

func (in *Inputs) addDir(dir string, st os.FileInfo, recursive bool) {
	for _, d := range in.dirs {
		if os.SameFile(d.info, st) {
			return // a link back to a folder already seen
		}
	}
	in.dirs = append(in.dirs, input{dir, st})
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		est, err := os.Stat(p) // follows links: a linked reply is read, so it is an input
		if err != nil {
			continue
		}
		switch {
		case est.Mode().IsRegular():
			in.files = append(in.files, input{p, est})
		case est.IsDir() && recursive:
			in.addDir(p, est, recursive)
		}
	}
}

// Refusal is an output the command will not write as asked: the user chooses another. It is a
// mistake on the command line, not a failure of the run.
type Refusal struct{ msg string }

func (e *Refusal) Error() string { return e.msg }

func refusef(format string, args ...any) error { return &Refusal{fmt.Sprintf(format, args...)} }

// IsRefusal tells whether err is a Refusal.
func IsRefusal(err error) bool {
	var r *Refusal
	return errors.As(err, &r)
}

// refuseFile is a Refusal when path, if it exists, is the same file as an input, whatever the
// path says (a link, a hard link, a folder named differently).
func (in *Inputs) refuseFile(path, instead string) error {
	if in == nil {
		return nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil
	}
	for _, f := range in.files {
		if os.SameFile(f.info, st) {
			return refusef("%s is %s: outputs never replace replies; choose another %s", show(path), sameAs(path, f.path, "file"), instead)
		}
	}
	return nil
}

// refuseDir is a Refusal when dir, if it exists, is one of the input folders.
func (in *Inputs) refuseDir(flag, dir string) error {
	if in == nil {
		return nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil
	}
	for _, d := range in.dirs {
		if os.SameFile(d.info, st) {
			return refusef("%s %s is %s: choose another output folder", flag, show(dir), sameAs(dir, d.path, "folder"))
		}
	}
	return nil
}

// sameAs says which input path is, naming it when the user wrote it differently.
func sameAs(path, input, kind string) string {
	if filepath.Clean(path) == filepath.Clean(input) {
		return "one of the inputs"
	}
	return "the same " + kind + " as " + show(input) + ", one of the inputs"
}

// show writes a path as messages do: with forward slashes.
func show(path string) string { return filepath.Clean(path) }
