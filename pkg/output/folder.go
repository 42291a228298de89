package output

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// MetaDir is mapsurvey's own folder inside an output folder: the lock, the list of the files
// mapsurvey wrote there, and the temporaries of a run under way. Everything in it is
// mapsurvey's; nothing outside it is removed.
const MetaDir = ".mapsurvey"

const (
	lockName     = "lock"
	manifestName = "files" // the outputs mapsurvey wrote into the folder, one slash path a line
)

// Spec says which folder to write and how to name it in messages.
type Spec struct {
	Dir    string
	Flag   string // the flag that named it, e.g. "-o" or "--charts"
	Inputs *Inputs
	// Set names the kind of outputs ("report", "charts"): a set replaces the files an earlier
	// set of the same kind wrote there, removing those it does not write again (charts in
	// another format, or of a partner no longer in the replies), and leaves other kinds alone.
	Set string
}

// Folder is a set of outputs being written into a folder. Files are written into a temporary
// folder inside MetaDir; Commit puts them all in place, or none; Close removes what is left.
// While a Folder is open, no other mapsurvey run can open the same folder.
type Folder struct {
	ctx     context.Context
	spec    Spec
	meta    string
	staging string
	lock    *os.File
	created bool              // the run created the output folder: it goes if nothing is committed
	ours    map[string]string // files the manifest lists (written by mapsurvey), with their set
	mu      sync.Mutex        // Write is called from several goroutines (charts are drawn in parallel)
	names   []string          // slash paths written into staging
	done    bool
}

// Open locks the output folder (creating it if needed), removes what a killed run left in its
// MetaDir, and starts a new set. It refuses a folder that is a file or one of the inputs, and a
// folder another run is writing.
func Open(ctx context.Context, spec Spec) (*Folder, error) {
	dir := spec.Dir
	st, err := os.Stat(dir)
	switch {
	case err == nil && !st.IsDir():
		return nil, refusef("%s %s is a file: give a folder to write into (it is created if needed)", spec.Flag, show(dir))
	case err == nil:
		if err := spec.Inputs.refuseDir(spec.Flag, dir); err != nil {
			return nil, err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s %s: %w", spec.Flag, show(dir), plainErr(err))
	}
	f := &Folder{ctx: ctx, spec: spec, meta: filepath.Join(dir, MetaDir), created: err != nil}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("%s %s: cannot create the folder: %w", spec.Flag, show(dir), plainErr(err))
	}
	if err := os.MkdirAll(f.meta, 0o755); err != nil {
		f.removeCreated()
		return nil, fmt.Errorf("%s %s: cannot write into the folder: %w", spec.Flag, show(dir), plainErr(err))
	}
	hide(f.meta)
	lock, err := os.OpenFile(filepath.Join(f.meta, lockName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		f.removeCreated()
		return nil, fmt.Errorf("%s %s: cannot write into the folder: %w", spec.Flag, show(dir), plainErr(err))
	}
	locked, err := lockFile(lock)
	if !locked {
		lock.Close()
		if err != nil {
			return nil, fmt.Errorf("%s %s: cannot lock the folder: %w", spec.Flag, show(dir), plainErr(err))
		}
		return nil, &Busy{Dir: dir}
	}
	f.lock = lock
	if err := f.removeLeftovers(); err != nil {
		f.Close()
		return nil, err
	}
	if f.ours, err = readManifest(filepath.Join(f.meta, manifestName)); err != nil {
		f.Close()
		return nil, err
	}
	if f.staging, err = os.MkdirTemp(f.meta, "new-"); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s %s: cannot write into the folder: %w", spec.Flag, show(dir), plainErr(err))
	}
	staging := f.staging
	addTemp(staging, func() { os.RemoveAll(staging); f.removeCreated() })
	return f, nil
}

// Busy is a folder that another mapsurvey run is writing.
type Busy struct{ Dir string }

func (e *Busy) Error() string {
	return fmt.Sprintf("%s is being written by another mapsurvey run: wait for it to finish, or choose another folder", show(e.Dir))
}

// Dir is the output folder as given.
func (f *Folder) Dir() string { return f.spec.Dir }

// removeLeftovers removes what killed runs left: their temporaries in MetaDir (the lock, held
// now, says no run is using them).
func (f *Folder) removeLeftovers() error {
	entries, err := os.ReadDir(f.meta)
	if err != nil {
		return fmt.Errorf("%s %s: %w", f.spec.Flag, show(f.spec.Dir), plainErr(err))
	}
	for _, e := range entries {
		if e.Name() == lockName || e.Name() == manifestName {
			continue
		}
		if err := os.RemoveAll(filepath.Join(f.meta, e.Name())); err != nil {
			return fmt.Errorf("cannot remove %s, left by an earlier run: %w", show(filepath.Join(f.meta, e.Name())), plainErr(err))
		}
	}
	return nil
}

// Write adds a file to the set; name is a slash path inside the folder ("charts/01-areas.png").
// Nothing is in place before Commit.
func (f *Folder) Write(name string, data []byte) error {
	if err := f.ctx.Err(); err != nil {
		return err
	}
	if !fs.ValidPath(name) || name == "." || strings.HasPrefix(name, MetaDir+"/") || name == MetaDir {
		return fmt.Errorf("output name %q is not a file inside the folder", name)
	}
	target := filepath.Join(f.spec.Dir, filepath.FromSlash(name))
	if err := f.spec.Inputs.refuseFile(target, "output folder"); err != nil {
		return err
	}
	if st, err := os.Lstat(target); err == nil {
		if !st.Mode().IsRegular() {
			return refusef("%s exists and is not a file mapsurvey writes: move it away, or choose another folder", show(target))
		}
		if _, ok := f.ours[name]; !ok {
			return refusef("%s exists and mapsurvey did not write it: mapsurvey replaces only its own files; move it away, or choose another folder", show(target))
		}
	}
	tmp := filepath.Join(f.staging, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(tmp), 0o755); err != nil {
		return f.writeError(target, err)
	}
	if err := writeSynced(tmp, data); err != nil {
		return f.writeError(target, err)
	}
	f.mu.Lock()
	f.names = append(f.names, name)
	f.mu.Unlock()
	return nil
}

func (f *Folder) writeError(target string, err error) error {
	return fmt.Errorf("cannot write %s: %w; nothing in %s was changed", show(target), plainErr(err), show(f.spec.Dir))
}

// writeSynced writes data to a new file and waits for the disk: a full disk shows here, before
// anything is replaced, not after.
func writeSynced(path string, data []byte) error {
	fl, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = fl.Write(data)
	if err == nil {
		err = fl.Sync()
	}
	if cerr := fl.Close(); err == nil {
		err = cerr
	}
	return err
}

// Read returns a file written to the set (the report's HTML embeds the charts).
func (f *Folder) Read(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join(f.staging, filepath.FromSlash(name)))
}

// Commit puts every file of the set in place and returns their paths (slashes, sorted). Files
// of an earlier set are moved aside first and moved back if any step fails, so the folder holds
// the old set or the new one. Once begun, a commit is not interrupted: it takes milliseconds,
// and the Log in the context records it.
func (f *Folder) Commit() ([]string, error) {
	if f.done {
		return nil, errors.New("output set committed twice")
	}
	if h := hooksFrom(f.ctx).BeforeCommit; h != nil {
		h()
	}
	if err := f.ctx.Err(); err != nil {
		return nil, err
	}
	beginCommit()
	defer endCommit()
	names := append([]string(nil), f.names...)
	sort.Strings(names)
	// Files the earlier set of this kind wrote and this one does not: they go with the old set.
	fresh := map[string]bool{}
	for _, n := range names {
		fresh[n] = true
	}
	var stale []string
	for n, set := range f.ours {
		if set == f.spec.Set && !fresh[n] {
			if st, err := os.Lstat(filepath.Join(f.spec.Dir, filepath.FromSlash(n))); err == nil && st.Mode().IsRegular() {
				stale = append(stale, n)
			}
		}
	}
	sort.Strings(stale)
	// The manifest first: should the process die half-way, the next run knows every file here
	// that is mapsurvey's.
	all := map[string]string{}
	for n, set := range f.ours {
		all[n] = set
	}
	for _, n := range names {
		all[n] = f.spec.Set
	}
	if err := writeManifest(filepath.Join(f.meta, manifestName), all); err != nil {
		return nil, f.writeError(filepath.Join(f.meta, manifestName), err)
	}
	backup, err := os.MkdirTemp(f.meta, "old-")
	if err != nil {
		return nil, f.writeError(f.spec.Dir, err)
	}
	addTemp(backup, func() { os.RemoveAll(backup) })
	defer func() { os.RemoveAll(backup); dropTemp(backup) }()
	var moved, placed []string
	undo := func(cause error) error {
		for i := len(placed) - 1; i >= 0; i-- {
			os.Remove(filepath.Join(f.spec.Dir, filepath.FromSlash(placed[i])))
		}
		var lost []string
		for i := len(moved) - 1; i >= 0; i-- {
			n := filepath.FromSlash(moved[i])
			if err := os.Rename(filepath.Join(backup, n), filepath.Join(f.spec.Dir, n)); err != nil {
				lost = append(lost, moved[i])
			}
		}
		if len(lost) > 0 {
			// Keep the backup: it holds the only copy of these.
			dropTemp(backup)
			backup = ""
			return fmt.Errorf("%w; the earlier %s could not be put back: they are in %s", cause, strings.Join(lost, ", "), show(filepath.Join(f.meta)))
		}
		return fmt.Errorf("%w; nothing in %s was changed", cause, show(f.spec.Dir))
	}
	for _, name := range stale {
		n := filepath.FromSlash(name)
		if err := os.MkdirAll(filepath.Dir(filepath.Join(backup, n)), 0o755); err != nil {
			return nil, undo(fmt.Errorf("cannot remove the earlier %s: %w", show(filepath.Join(f.spec.Dir, n)), plainErr(err)))
		}
		if err := os.Rename(filepath.Join(f.spec.Dir, n), filepath.Join(backup, n)); err != nil {
			return nil, undo(fmt.Errorf("cannot remove the earlier %s: %w (is it open in another program? close it and run again)", show(filepath.Join(f.spec.Dir, n)), plainErr(err)))
		}
		moved = append(moved, name)
	}
	for _, name := range names {
		n := filepath.FromSlash(name)
		target := filepath.Join(f.spec.Dir, n)
		if _, err := os.Lstat(target); err == nil {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(backup, n)), 0o755); err != nil {
				return nil, undo(fmt.Errorf("cannot replace %s: %w", show(target), plainErr(err)))
			}
			if err := os.Rename(target, filepath.Join(backup, n)); err != nil {
				return nil, undo(fmt.Errorf("cannot replace %s: %w (is it open in another program? close it and run again)", show(target), plainErr(err)))
			}
			moved = append(moved, name)
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return nil, undo(fmt.Errorf("cannot write %s: %w", show(target), plainErr(err)))
		}
		if err := os.Rename(filepath.Join(f.staging, n), target); err != nil {
			return nil, undo(fmt.Errorf("cannot write %s: %w", show(target), plainErr(err)))
		}
		placed = append(placed, name)
	}
	f.done = true
	if len(stale) > 0 {
		for _, n := range stale {
			delete(all, n)
		}
		// Only tidies the list: a name listed but absent is harmless.
		writeManifest(filepath.Join(f.meta, manifestName), all)
	}
	removeOldTemporaries(f.spec.Dir, names)
	logFrom(f.ctx).add(Written{Dir: f.spec.Dir, Files: names})
	if h := hooksFrom(f.ctx).AfterCommit; h != nil {
		h()
	}
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join(f.spec.Dir, n)
	}
	return paths, nil
}

// Close removes the set's temporaries and unlocks the folder. A folder the run created and
// committed nothing to is removed again, if it is still empty.
func (f *Folder) Close() error {
	if f.staging != "" {
		os.RemoveAll(f.staging)
		dropTemp(f.staging)
		f.staging = ""
	}
	if f.lock != nil {
		f.lock.Close()
		f.lock = nil
		if !f.done {
			f.removeCreated()
		}
	}
	return nil
}

// removeCreated removes the output folder this run created, and only if it holds nothing but
// mapsurvey's own folder with no manifest.
func (f *Folder) removeCreated() {
	if !f.created {
		return
	}
	if _, err := os.Stat(filepath.Join(f.meta, manifestName)); err == nil {
		return
	}
	os.Remove(filepath.Join(f.meta, lockName))
	os.Remove(f.meta)
	os.Remove(f.spec.Dir) // fails, as it should, if anything else is there
}

func readManifest(path string) (map[string]string, error) {
	ours := map[string]string{}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return ours, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", show(path), plainErr(err))
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		set, name, ok := strings.Cut(line, "\t")
		if !ok {
			set, name = "", line
		}
		ours[name] = set
	}
	return ours, nil
}

func writeManifest(path string, names map[string]string) error {
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	var b bytes.Buffer
	b.WriteString("# Files mapsurvey wrote into this folder (kind, tab, file); it replaces only these. Do not edit.\n")
	for _, n := range list {
		b.WriteString(names[n] + "\t" + n + "\n")
	}
	tmp := path + ".new"
	if err := writeSynced(tmp, b.Bytes()); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// plainErr drops the operation and the temporary path that os errors carry ("open
// /x/.mapsurvey/new-123/report.md: no space left on device"): messages name the output instead.
func plainErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// removeOldTemporaries removes, beside each file put in place, the temporaries that mapsurvey's
// earlier writer left when killed (".report.md.123456789"): that exact shape, for these names.
func removeOldTemporaries(dir string, names []string) {
	byDir := map[string][]string{}
	var dirs []string
	for _, n := range names {
		d, base := path.Split(n)
		if _, seen := byDir[d]; !seen {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], base)
	}
	for _, d := range dirs {
		folder := filepath.Join(dir, filepath.FromSlash(d))
		entries, err := os.ReadDir(folder)
		if err != nil {
			continue
		}
		for _, base := range byDir[d] {
			old := regexp.MustCompile(`^\.` + regexp.QuoteMeta(base) + `\.[0-9]+$`)
			for _, e := range entries {
				if e.Type().IsRegular() && old.MatchString(e.Name()) {
					os.Remove(filepath.Join(folder, e.Name()))
				}
			}
		}
	}
}
