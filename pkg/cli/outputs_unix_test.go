//go:build unix

package cli_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mapsurvey/mapsurvey/pkg/cli"
)

// copyTree copies an output folder, mapsurvey's list of its files included.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	if err := os.RemoveAll(to); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func exitOf(t *testing.T, err error) (code int, signalled bool) {
	t.Helper()
	if err == nil {
		return 0, false
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatal(err)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return -1, true
	}
	return ee.ExitCode(), false
}

// SIGINT sent to a real process at moments spread over the whole run: whatever the moment, the
// folder holds the old report or the new one, whole, and the message says which.
func TestSIGINTAtAnyMomentLeavesOneWholeReport(t *testing.T) {
	skipManyProcessesInShort(t)
	dir := t.TempDir()
	a, b := twoRounds(t, dir)
	refA, _ := references(t, dir, a, b)
	// PNG charts make the run long enough to be interrupted while drawing and writing.
	args := []string{"report", b, "-o", "annex", "-q"}
	start := time.Now()
	if out, err := mapsurveyCmd(dir, nil, append(args[:3:3], "timing", "-q")...).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	whole := time.Since(start)
	copyTree(t, filepath.Join(dir, "timing"), filepath.Join(dir, "ref-b-png"))
	refPNG, _ := snapshot(t, filepath.Join(dir, "ref-b-png"))
	// Up to twice the time of one run: a run beside the signal sender runs slower.
	const steps = 24
	outcomes := map[string]int{}
	for i := 0; i <= steps; i++ {
		copyTree(t, filepath.Join(dir, "ref-a"), filepath.Join(dir, "annex"))
		cmd := mapsurveyCmd(dir, nil, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * whole * time.Duration(i) / time.Duration(steps))
		cmd.Process.Signal(os.Interrupt)
		code, signalled := exitOf(t, cmd.Wait())
		got, left := snapshot(t, filepath.Join(dir, "annex"))
		msg := stderr.String()
		var outcome string
		switch {
		case signalled: // before mapsurvey's handler was installed
			outcome = "killed before start"
			if !sameFiles(got, refA) {
				t.Fatalf("step %d: killed at start, yet the folder changed: %s", i, mixOf(got, refA, refPNG))
			}
		case code == cli.ExitInterrupted && msg == "mapsurvey: interrupted; no output was written\n":
			outcome = "interrupted, nothing written"
			if !sameFiles(got, refA) {
				t.Fatalf("step %d: %q, yet the folder holds %s", i, msg, mixOf(got, refA, refPNG))
			}
		case code == cli.ExitInterrupted && strings.Contains(msg, "annex/ ("):
			outcome = "interrupted, report written"
			if !sameFiles(got, refPNG) {
				t.Fatalf("step %d: %q, yet the folder holds %s", i, msg, mixOf(got, refA, refPNG))
			}
		case code == 0:
			outcome = "finished"
			if !sameFiles(got, refPNG) {
				t.Fatalf("step %d: exit 0, yet the folder holds %s", i, mixOf(got, refA, refPNG))
			}
		default:
			t.Fatalf("step %d: exit %d, stderr %q", i, code, msg)
		}
		if len(left) > 0 {
			t.Fatalf("step %d (%s): left behind %v", i, outcome, left)
		}
		outcomes[outcome]++
	}
	t.Logf("one run %v; outcomes %v", whole, outcomes)
	if outcomes["interrupted, nothing written"] == 0 {
		t.Fatalf("no step interrupted the run: %v", outcomes)
	}
}

// A run killed outright (SIGKILL) may leave its temporaries; the next run removes them and
// writes its report whole.
func TestTheRunAfterAKillCleansUp(t *testing.T) {
	skipManyProcessesInShort(t)
	dir := t.TempDir()
	a, b := twoRounds(t, dir)
	_, _ = references(t, dir, a, b)
	refPNG := map[string]string{}
	killedWithLeftovers := 0
	delays := []time.Duration{50, 100, 150, 200, 300, 400}
	for i, delay := range delays {
		copyTree(t, filepath.Join(dir, "ref-a"), filepath.Join(dir, "annex"))
		cmd := mapsurveyCmd(dir, nil, "report", b, "-o", "annex", "-q")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		if _, left := snapshot(t, filepath.Join(dir, "annex")); len(left) > 0 {
			killedWithLeftovers++
		}
		if out, err := mapsurveyCmd(dir, nil, "report", b, "-o", "annex", "-q").CombinedOutput(); err != nil {
			t.Fatalf("kill %d: the next run: %v\n%s", i, err, out)
		}
		got, left := snapshot(t, filepath.Join(dir, "annex"))
		if len(left) > 0 {
			t.Fatalf("kill %d: the next run left %v", i, left)
		}
		if len(refPNG) == 0 {
			refPNG = got
		} else if !sameFiles(got, refPNG) {
			t.Fatalf("kill %d: the next run's report differs", i)
		}
	}
	t.Logf("%d of %d kills left temporaries, all removed by the next run", killedWithLeftovers, len(delays))
}

// A full disk: the new report does not fit beside the old one. Nothing is replaced, nothing is
// left, and the message names the file and says nothing changed.
func TestFullDiskReplacesNothing(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	dir := t.TempDir()
	a, b := twoRounds(t, dir)
	refA, _ := references(t, dir, a, b)
	disk := filepath.Join(dir, "disk")
	if err := os.Mkdir(disk, 0o755); err != nil {
		t.Fatal(err)
	}
	// Room for the old report and a third of the new one.
	room := int64(0)
	filepath.WalkDir(filepath.Join(dir, "ref-a"), func(p string, d os.DirEntry, err error) error {
		if info, err := d.Info(); err == nil {
			room += (info.Size() + 4095) / 4096 * 4096
		}
		return nil
	})
	room = room * 4 / 3
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%dk", room/1024), "tmpfs", disk).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", disk).Run() })
	copyTree(t, filepath.Join(dir, "ref-a"), filepath.Join(disk, "annex"))
	cmd := mapsurveyCmd(dir, nil, reportArgs(b, "disk/annex")...)
	out, err := cmd.CombinedOutput()
	code, _ := exitOf(t, err)
	if code != cli.ExitFailure || !strings.Contains(string(out), "no space left on device; nothing in disk/annex was changed") {
		t.Fatalf("exit %d: %s", code, out)
	}
	got, left := snapshot(t, filepath.Join(disk, "annex"))
	if !sameFiles(got, refA) || len(left) > 0 {
		t.Fatalf("a full disk changed the folder: %s; left %v", mixOf(got, refA, nil), left)
	}
}

// Past its memory limit a run stops with one message and exit 1: no stack trace, no exit 2,
// no temporaries, the old report untouched.
func TestMemoryLimitStopsTheRunCleanly(t *testing.T) {
	skipManyProcessesInShort(t)
	dir := t.TempDir()
	a, b := twoRounds(t, dir)
	refA, _ := references(t, dir, a, b)
	var big strings.Builder
	big.WriteString("Member State,Partner,Area,Type of support,Description\n")
	for i := range 300000 {
		fmt.Fprintf(&big, "Austria,Serbia,Asylum,Expert assistance,activity %d\n", i)
	}
	if err := os.WriteFile(filepath.Join(dir, "big.csv"), []byte(big.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []string{"4MB", "8MB"} {
		copyTree(t, filepath.Join(dir, "ref-a"), filepath.Join(dir, "annex"))
		out, err := mapsurveyCmd(dir, []string{"MAPSURVEY_MEMORY_LIMIT=" + limit}, reportArgs("big.csv", "annex")...).CombinedOutput()
		code, _ := exitOf(t, err)
		want := "mapsurvey: stopped: the run needed more than " + strings.TrimSuffix(limit, "MB") + " MB of memory, its limit; " +
			"the input is probably too large or damaged. To allow more, set MAPSURVEY_MEMORY_LIMIT (for example MAPSURVEY_MEMORY_LIMIT=4GB)\n" +
			"No output was written.\n"
		if code != cli.ExitFailure || string(out) != want {
			t.Fatalf("limit %s: exit %d:\n%s", limit, code, out)
		}
		got, left := snapshot(t, filepath.Join(dir, "annex"))
		if !sameFiles(got, refA) || len(left) > 0 {
			t.Fatalf("limit %s: the folder changed: %s; left %v", limit, mixOf(got, refA, nil), left)
		}
	}
	// The same run without a limit finishes.
	if out, err := mapsurveyCmd(dir, []string{"MAPSURVEY_MEMORY_LIMIT=off"}, reportArgs("big.csv", "annex")...).CombinedOutput(); err != nil {
		t.Fatalf("without a limit: %v\n%s", err, out)
	}
}
