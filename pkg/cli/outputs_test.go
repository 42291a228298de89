package cli_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/cli"
	"github.com/mapsurvey/mapsurvey/pkg/output"
)

// mapsurveyCmd runs the test binary as the mapsurvey command (TestMain dispatches on the
// program name), so that these tests exercise a real process: its signals, locks and exit codes.
func mapsurveyCmd(dir string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Args[0] = "mapsurvey"
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// twoRounds writes two reply files whose reports differ in every file (b leaves out rows) but
// have the same file names, and returns their names.
func twoRounds(t *testing.T, dir string) (a, b string) {
	t.Helper()
	data, err := os.ReadFile("../../testdata/sample/replies-7896-20.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	if err := os.WriteFile(filepath.Join(dir, "a.csv"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.csv"), []byte(strings.Join(lines[:len(lines)-60], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	return "a.csv", "b.csv"
}

// snapshot is the content of every file in an output folder, mapsurvey's own folder left out,
// and the leftovers: anything in .mapsurvey but the lock and the list of files, and any
// temporary beside the outputs.
func snapshot(t *testing.T, dir string) (files map[string]string, leftovers []string) {
	t.Helper()
	files = map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "." || rel == output.MetaDir || rel == output.MetaDir+"/lock" || rel == output.MetaDir+"/files":
			return nil
		case strings.HasPrefix(rel, output.MetaDir+"/") || strings.HasPrefix(d.Name(), "."):
			leftovers = append(leftovers, rel)
			return nil
		case d.IsDir():
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		files[rel] = hex.EncodeToString(sum[:8])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, leftovers
}

func sameFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// mixOf says which files of got come from which reference, for a failure message.
func mixOf(got, a, b map[string]string) string {
	var names []string
	for k := range got {
		names = append(names, k)
	}
	sort.Strings(names)
	var out []string
	for _, k := range names {
		switch got[k] {
		case a[k]:
			out = append(out, k+"=a")
		case b[k]:
			out = append(out, k+"=b")
		default:
			out = append(out, k+"=?")
		}
	}
	return strings.Join(out, " ")
}

func reportArgs(in, out string) []string {
	return []string{"report", in, "-o", out, "--chart-format", "svg", "-q"}
}

// references writes the report of each round alone and returns their snapshots.
func references(t *testing.T, dir, a, b string) (refA, refB map[string]string) {
	t.Helper()
	for _, r := range []struct {
		in, out string
		ref     *map[string]string
	}{{a, "ref-a", &refA}, {b, "ref-b", &refB}} {
		if out, err := mapsurveyCmd(dir, nil, reportArgs(r.in, r.out)...).CombinedOutput(); err != nil {
			t.Fatalf("report %s: %v\n%s", r.in, err, out)
		}
		*r.ref, _ = snapshot(t, filepath.Join(dir, r.out))
	}
	if len(refA) < 10 {
		t.Fatalf("reference report has %d files", len(refA))
	}
	for k, v := range refA {
		if refB[k] == "" || refB[k] == v && strings.HasPrefix(k, "report.") {
			t.Fatalf("the two rounds must give the same file names and different reports: %s", k)
		}
	}
	return refA, refB
}

// Two runs into one folder at once: the folder holds one run's report whole, never a mix, and
// a run that could not write says so.
func TestTwoRunsIntoOneFolderNeverMix(t *testing.T) {
	skipManyProcessesInShort(t)
	dir := t.TempDir()
	a, b := twoRounds(t, dir)
	refA, refB := references(t, dir, a, b)
	const trials = 30
	refused := 0
	for i := range trials {
		out := filepath.Join(dir, "annex")
		first, second := a, b
		if i%2 == 1 {
			first, second = b, a
		}
		var errs [2]bytes.Buffer
		cmds := [2]*exec.Cmd{mapsurveyCmd(dir, nil, reportArgs(first, "annex")...), mapsurveyCmd(dir, nil, reportArgs(second, "annex")...)}
		for j, c := range cmds {
			c.Stderr = &errs[j]
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
		}
		ok := 0
		for j, c := range cmds {
			err := c.Wait()
			var ee *exec.ExitError
			switch {
			case err == nil:
				ok++
			case errors.As(err, &ee) && ee.ExitCode() == cli.ExitFailure &&
				strings.Contains(errs[j].String(), "mapsurvey: annex is being written by another mapsurvey run: wait for it to finish, or choose another folder"):
				refused++
			default:
				t.Fatalf("trial %d: run %d: %v\n%s", i, j, err, errs[j].String())
			}
		}
		if ok == 0 {
			t.Fatalf("trial %d: neither run wrote", i)
		}
		got, left := snapshot(t, out)
		if !sameFiles(got, refA) && !sameFiles(got, refB) {
			t.Fatalf("trial %d: the folder mixes the two runs: %s", i, mixOf(got, refA, refB))
		}
		if len(left) > 0 {
			t.Fatalf("trial %d: left behind: %v", i, left)
		}
	}
	t.Logf("%d trials, %d runs refused because the other was writing", trials, refused)
}

// Ctrl-C at the moment every output is ready and none is in place: nothing is replaced and
// the message says so. Just after they are in place, the message says what was written.
func TestInterruptBeforeCommitReplacesNothing(t *testing.T) {
	dir := t.TempDir()
	a, b := twoRounds(t, dir)
	refA, _ := references(t, dir, a, b)
	annex := filepath.Join(dir, "ref-a")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ctx = output.WithHooks(ctx, output.Hooks{BeforeCommit: cancel})
	var stdout, stderr bytes.Buffer
	code := cli.RunContext(ctx, reportArgs(filepath.Join(dir, b), annex), cli.IOStreams{Out: &stdout, ErrOut: &stderr})
	if code != cli.ExitInterrupted || stderr.String() != "mapsurvey: interrupted; no output was written\n" {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	got, left := snapshot(t, annex)
	if !sameFiles(got, refA) || len(left) > 0 {
		t.Fatalf("an interrupted run changed the folder: %s; left %v", mixOf(got, refA, nil), left)
	}

	// analyse puts its charts and its tables in place one after the other: interrupted between
	// the two, it names the one written.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	ctx = output.WithHooks(ctx, output.Hooks{AfterCommit: cancel})
	stderr.Reset()
	charts, tables := filepath.Join(dir, "charts"), filepath.Join(dir, "tables")
	code = cli.RunContext(ctx, []string{"analyse", filepath.Join(dir, a), "--charts", charts, "--format", "csv", "--out", tables, "-q"},
		cli.IOStreams{Out: &stdout, ErrOut: &stderr})
	want := "mapsurvey: interrupted; " + filepath.ToSlash(charts) + "/ (12 files) had been written in full before; nothing else was written\n"
	if code != cli.ExitInterrupted || stderr.String() != want {
		t.Fatalf("exit %d, stderr %q, want %q", code, stderr.String(), want)
	}
	if _, err := os.Stat(tables); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the tables were written, or their folder left: %v", err)
	}
}

// skipManyProcessesInShort keeps the tests that race, interrupt or kill real processes many
// times out of the fast loop (go test -short): they take seconds each; the full suite runs them.
func skipManyProcessesInShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipped with -short: real processes raced, interrupted or killed many times; runs in the full suite")
	}
}
