package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// tree lists the files under dir (slash paths), mapsurvey's own folder included.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func mustRefuse(t *testing.T, err error, want string) {
	t.Helper()
	if !IsRefusal(err) || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want a refusal saying %q", err, want)
	}
}

// An output is refused when it is an input under another name: inside a folder input, through a
// linked folder, as a hard link, or inside a sub-folder with --recursive.
func TestOutputsNeverReplaceAnInputWhateverItsName(t *testing.T) {
	root := t.TempDir()
	r := filepath.Join(root, "R")
	write(t, filepath.Join(r, "a.csv"), "reply a")
	write(t, filepath.Join(r, "sub", "b.csv"), "reply b")
	if err := os.Symlink(r, filepath.Join(root, "Rlink")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(filepath.Join(r, "a.csv"), filepath.Join(root, "hard.csv")); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	in := CollectInputs([]string{r}, false)

	mustRefuse(t, WriteFile(ctx, filepath.Join(r, "a.csv"), []byte("x"), in), "R/a.csv is one of the inputs: outputs never replace replies; choose another file name")
	mustRefuse(t, WriteFile(ctx, filepath.Join(root, "Rlink", "a.csv"), []byte("x"), in), "Rlink/a.csv is the same file as "+filepath.ToSlash(r)+"/a.csv")
	mustRefuse(t, WriteFile(ctx, filepath.Join(root, "hard.csv"), []byte("x"), in), "hard.csv is the same file as "+filepath.ToSlash(r)+"/a.csv, one of the inputs")
	_, err := Open(ctx, Spec{Dir: filepath.Join(root, "Rlink"), Flag: "-o", Inputs: in})
	mustRefuse(t, err, "-o "+filepath.ToSlash(root)+"/Rlink is the same folder as "+filepath.ToSlash(r)+", one of the inputs: choose another output folder")

	// Not recursive, the sub-folder's files are not inputs; recursive, they are.
	if err := WriteFile(ctx, filepath.Join(r, "sub", "b.csv"), []byte("b, replaced"), in); err != nil {
		t.Fatalf("without --recursive R/sub/b.csv is not an input: %v", err)
	}
	rec := CollectInputs([]string{r}, true)
	mustRefuse(t, WriteFile(ctx, filepath.Join(r, "sub", "b.csv"), []byte("x"), rec), "R/sub/b.csv is one of the inputs")

	// A folder output holding a hard link to an input.
	out := filepath.Join(root, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(filepath.Join(r, "a.csv"), filepath.Join(out, "table.csv")); err != nil {
		t.Fatal(err)
	}
	f, err := Open(ctx, Spec{Dir: out, Flag: "--out", Inputs: in})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	mustRefuse(t, f.Write("table.csv", []byte("x")), "out/table.csv is the same file as "+filepath.ToSlash(r)+"/a.csv, one of the inputs: outputs never replace replies; choose another output folder")
	if got := read(t, filepath.Join(r, "a.csv")); got != "reply a" {
		t.Fatalf("the input was changed: %q", got)
	}
}

// A folder linked back to its parent is visited once, not until the path is too long.
func TestCollectInputsVisitsALinkedLoopOnce(t *testing.T) {
	r := t.TempDir()
	write(t, filepath.Join(r, "a.csv"), "a")
	if err := os.Symlink(".", filepath.Join(r, "self")); err != nil {
		t.Fatal(err)
	}
	in := CollectInputs([]string{r}, true)
	if len(in.files) != 1 || len(in.dirs) != 1 {
		t.Fatalf("got %d files and %d folders, want 1 and 1", len(in.files), len(in.dirs))
	}
}

func commitSet(t *testing.T, ctx context.Context, dir string, files map[string]string) ([]string, error) {
	t.Helper()
	f, err := Open(ctx, Spec{Dir: dir, Flag: "-o"})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := f.Write(n, []byte(files[n])); err != nil {
			return nil, err
		}
	}
	return f.Commit()
}

func TestCommitReplacesTheSetAndLeavesTheUsersFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "annex")
	ctx := context.Background()
	paths, err := commitSet(t, ctx, dir, map[string]string{"report.md": "md 1", "charts/a.png": "a 1"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.ToSlash(dir) + "/charts/a.png", filepath.ToSlash(dir) + "/report.md"}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Fatalf("paths %v, want %v", paths, want)
	}
	write(t, filepath.Join(dir, "notes.txt"), "the user's")
	if _, err := commitSet(t, ctx, dir, map[string]string{"report.md": "md 2", "charts/a.png": "a 2"}); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(dir, "report.md")) != "md 2" || read(t, filepath.Join(dir, "charts", "a.png")) != "a 2" {
		t.Fatal("the second set did not replace the first")
	}
	if read(t, filepath.Join(dir, "notes.txt")) != "the user's" {
		t.Fatal("a file of the user's was changed")
	}
	got := strings.Join(tree(t, dir), " ")
	if got != ".mapsurvey/files .mapsurvey/lock charts/a.png notes.txt report.md" {
		t.Fatalf("the folder holds %s", got)
	}

	// A file of the user's at an output's name is neither replaced nor removed.
	_, err = commitSet(t, ctx, dir, map[string]string{"report.md": "md 3", "notes.txt": "mapsurvey's"})
	mustRefuse(t, err, "notes.txt exists and mapsurvey did not write it")
	if read(t, filepath.Join(dir, "notes.txt")) != "the user's" || read(t, filepath.Join(dir, "report.md")) != "md 2" {
		t.Fatal("a refused set changed the folder")
	}
}

// Ctrl-C when every file is ready but none is in place: nothing is replaced, nothing is left.
func TestCancelBeforeCommitReplacesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "annex")
	if _, err := commitSet(t, context.Background(), dir, map[string]string{"report.md": "old", "report.html": "old"}); err != nil {
		t.Fatal(err)
	}
	before := tree(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	ctx, log := WithLog(WithHooks(ctx, Hooks{BeforeCommit: cancel}))
	_, err := commitSet(t, ctx, dir, map[string]string{"report.md": "new", "report.html": "new"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want the cancellation", err)
	}
	if read(t, filepath.Join(dir, "report.md")) != "old" || read(t, filepath.Join(dir, "report.html")) != "old" {
		t.Fatal("a cancelled set replaced files")
	}
	if got := strings.Join(tree(t, dir), " "); got != strings.Join(before, " ") {
		t.Fatalf("the folder holds %s, want %s", got, strings.Join(before, " "))
	}
	if len(log.Sets()) != 0 {
		t.Fatalf("the log says %v was written", log.Sets())
	}
}

// A step that fails half-way through putting the set in place puts the old set back.
func TestFailedCommitPutsTheOldSetBack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "annex")
	ctx := context.Background()
	if _, err := commitSet(t, ctx, dir, map[string]string{"a.md": "old a", "b.md": "old b"}); err != nil {
		t.Fatal(err)
	}
	f, err := Open(ctx, Spec{Dir: dir, Flag: "-o"})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, n := range []string{"a.md", "b.md"} {
		if err := f.Write(n, []byte("new")); err != nil {
			t.Fatal(err)
		}
	}
	// b.md cannot be put in place: a.md, already replaced, must come back.
	if err := os.Remove(filepath.Join(f.staging, "b.md")); err != nil {
		t.Fatal(err)
	}
	_, err = f.Commit()
	if err == nil || !strings.Contains(err.Error(), "nothing in "+filepath.ToSlash(dir)+" was changed") {
		t.Fatalf("got %v", err)
	}
	if read(t, filepath.Join(dir, "a.md")) != "old a" || read(t, filepath.Join(dir, "b.md")) != "old b" {
		t.Fatal("the old set was not put back")
	}
}

func TestSecondRunIntoAFolderIsRefusedWhileTheFirstWrites(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	first, err := Open(ctx, Spec{Dir: dir, Flag: "-o"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(ctx, Spec{Dir: dir, Flag: "-o"})
	var busy *Busy
	if !errors.As(err, &busy) || !strings.Contains(err.Error(), "is being written by another mapsurvey run") {
		t.Fatalf("got %v, want the folder busy", err)
	}
	first.Close()
	second, err := Open(ctx, Spec{Dir: dir, Flag: "-o"})
	if err != nil {
		t.Fatalf("after the first run, the folder is free: %v", err)
	}
	second.Close()
}

// A killed run's temporaries go with the next run, and only they.
func TestLeftoversOfAKilledRunAreRemoved(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, MetaDir, "new-123", "report.md"), "half")
	write(t, filepath.Join(dir, MetaDir, "old-456", "report.md"), "old")
	write(t, filepath.Join(dir, ".report.md.8273645"), "left by the earlier writer")
	write(t, filepath.Join(dir, ".notes.txt.12"), "the user's")
	if _, err := commitSet(t, context.Background(), dir, map[string]string{"report.md": "new"}); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(tree(t, dir), " ")
	if got != ".mapsurvey/files .mapsurvey/lock .notes.txt.12 report.md" {
		t.Fatalf("the folder holds %s", got)
	}
}

func TestAFolderCreatedForNothingIsRemoved(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "annex")
	f, err := Open(context.Background(), Spec{Dir: dir, Flag: "-o"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Write("report.md", []byte("x")); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the folder created for an aborted run is still there: %v", err)
	}
}

func TestOpenRefusesAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "annex.md")
	write(t, file, "x")
	_, err := Open(context.Background(), Spec{Dir: file, Flag: "-o"})
	mustRefuse(t, err, "-o "+filepath.ToSlash(file)+" is a file: give a folder to write into")
}

func TestWriteFileCancelledLeavesTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "figures.yaml")
	write(t, path, "old")
	ctx, cancel := context.WithCancel(context.Background())
	ctx, log := WithLog(WithHooks(ctx, Hooks{BeforeCommit: cancel}))
	if err := WriteFile(ctx, path, []byte("new"), nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
	if read(t, path) != "old" || len(tree(t, dir)) != 1 || len(log.Sets()) != 0 {
		t.Fatalf("a cancelled write changed the folder: %v", tree(t, dir))
	}
	ctx, log = WithLog(context.Background())
	if err := WriteFile(ctx, path, []byte("new"), nil); err != nil {
		t.Fatal(err)
	}
	if read(t, path) != "new" || len(log.Sets()) != 1 {
		t.Fatal("the file was not written, or not logged")
	}
}

// A set replaces the earlier set of its kind whole: files of it not written again (charts in
// another format) go; files of another kind stay.
func TestASetRemovesTheEarlierSetsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	open := func(set string, files ...string) {
		t.Helper()
		f, err := Open(ctx, Spec{Dir: dir, Flag: "-o", Set: set})
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, n := range files {
			if err := f.Write(n, []byte(set)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	open("charts", "a.svg", "b.svg")
	open("tables", "t.csv")
	open("charts", "a.png", "b.png")
	got := strings.Join(tree(t, dir), " ")
	if got != ".mapsurvey/files .mapsurvey/lock a.png b.png t.csv" {
		t.Fatalf("the folder holds %s", got)
	}
	if m := read(t, filepath.Join(dir, MetaDir, "files")); strings.Contains(m, "svg") || !strings.Contains(m, "tables\tt.csv\n") {
		t.Fatalf("the list of files says:\n%s", m)
	}
}
