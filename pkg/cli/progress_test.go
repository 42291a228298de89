package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mapsurvey/mapsurvey/pkg/replies"
)

func TestProgressOnlyOnTerminalsAndAfterASecond(t *testing.T) {
	if newProgress(IOStreams{IsTerminal: false}, false) != nil || newProgress(IOStreams{IsTerminal: true}, true) != nil {
		t.Fatal("progress drawn into a pipe or with --quiet")
	}
	var buf bytes.Buffer
	p := newProgress(IOStreams{IsTerminal: true, ErrOut: &buf}, false)
	clock := p.start
	p.now = func() time.Time { return clock }
	r := replies.Progress{File: "dir/big.csv", FileIndex: 1, Files: 1, Rows: 250000, BytesRead: 25e6, AllBytes: 100e6}
	p.update(r)
	if buf.Len() != 0 {
		t.Fatalf("drawn in the first second: %q", buf.String())
	}
	clock = clock.Add(2 * time.Second)
	p.update(r)
	want := "\r\x1b[Kreading big.csv: 250000 rows, 25 of 100 MB (25%), about 6s left"
	if buf.String() != want {
		t.Errorf("line %q, want %q", buf.String(), want)
	}
	p.done()
	if !strings.HasSuffix(buf.String(), "\r\x1b[K") {
		t.Errorf("line not cleared: %q", buf.String())
	}
}

func TestProgressNotInCIOrOnADumbTerminal(t *testing.T) {
	for _, tc := range []struct {
		terminal bool
		env      map[string]string
		want     bool
	}{
		{true, map[string]string{"TERM": "xterm-256color"}, true},
		{true, nil, true},
		{false, map[string]string{"TERM": "xterm"}, false},
		{true, map[string]string{"CI": "true", "TERM": "xterm"}, false},
		{true, map[string]string{"TERM": "dumb"}, false},
	} {
		if got := drawsProgress(tc.terminal, func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("terminal %v, environment %v: progress %v, want %v", tc.terminal, tc.env, got, tc.want)
		}
	}
}

// Bytes and the time left run over all the files, and a file whose reader cannot tell how far it
// has come (a small sheet) counts as not started.
func TestProgressLines(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    replies.Progress
		want string
	}{
		{"one CSV", replies.Progress{File: "a.csv", FileIndex: 1, Files: 1, Rows: 4096, BytesRead: 50e6, AllBytes: 200e6},
			"reading a.csv: 4096 rows, 50 of 200 MB (25%), about 6s left"},
		{"one small sheet", replies.Progress{File: "a.xlsx", FileIndex: 1, Files: 1, Rows: 4096, BytesRead: -1, AllBytes: 1e6},
			"reading a.xlsx: 4096 rows"},
		{"the second of four files", replies.Progress{File: "b.xlsx", FileIndex: 2, Files: 4, Rows: 8192, BytesRead: 25e6, DoneBytes: 75e6, AllBytes: 400e6},
			"reading b.xlsx: 8192 rows, 100 of 400 MB (25%), about 6s left, file 2 of 4"},
		{"a small sheet after a large file", replies.Progress{File: "c.xlsx", FileIndex: 2, Files: 2, Rows: 8192, FileBytes: 1e6, BytesRead: -1, DoneBytes: 90e6, AllBytes: 91e6},
			"reading c.xlsx: 8192 rows, 90 of 91 MB (99%), about 0s left, file 2 of 2"},
		{"a large workbook read by excelize", replies.Progress{File: "m.xlsx", FileIndex: 2, Files: 2, Rows: 8192, FileBytes: 50e6, BytesRead: -1, DoneBytes: 50e6, AllBytes: 100e6},
			"reading m.xlsx: 8192 rows, 50 of 100 MB (50%), file 2 of 2"},
		{"the first of many small files", replies.Progress{File: "d.csv", FileIndex: 1, Files: 50, Rows: 4096, BytesRead: 0, AllBytes: 100e6},
			"reading d.csv: 4096 rows, 0 of 100 MB (0%), file 1 of 50"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			p := newProgress(IOStreams{IsTerminal: true, ErrOut: &buf}, false)
			start := p.start
			p.now = func() time.Time { return start.Add(2 * time.Second) }
			p.update(tc.r)
			if got := strings.TrimPrefix(buf.String(), "\r\x1b[K"); got != tc.want {
				t.Errorf("line %q, want %q", got, tc.want)
			}
		})
	}
}

// When a file is read again (the fast reader gave up half-way through it), the line says so and
// its time left counts from the new start and the bytes done by then, not from the first pass.
func TestProgressReadingAgain(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(IOStreams{IsTerminal: true, ErrOut: &buf}, false)
	clock := p.start
	p.now = func() time.Time { return clock }
	at := func(sec float64, r replies.Progress) string {
		clock = p.start.Add(time.Duration(sec * float64(time.Second)))
		buf.Reset()
		p.update(r)
		return strings.TrimPrefix(buf.String(), "\r\x1b[K")
	}
	first := replies.Progress{File: "b.csv", FileIndex: 2, Files: 3, Rows: 90000, BytesRead: 30e6, DoneBytes: 20e6, AllBytes: 100e6}
	if got, want := at(5, first), "reading b.csv: 90000 rows, 50 of 100 MB (50%), about 5s left, file 2 of 3"; got != want {
		t.Errorf("first pass: %q, want %q", got, want)
	}
	again := replies.Progress{File: "b.csv", FileIndex: 2, Files: 3, Rows: 5000, BytesRead: 0, DoneBytes: 20e6, AllBytes: 100e6, Again: true}
	at(10, again)
	again.Rows, again.BytesRead = 20000, 20e6
	if got, want := at(12, again), "reading again b.csv: 20000 rows, 40 of 100 MB (40%), about 6s left, file 2 of 3"; got != want {
		t.Errorf("second pass: %q, want %q", got, want)
	}
	next := replies.Progress{File: "c.csv", FileIndex: 3, Files: 3, Rows: 30000, BytesRead: 10e6, DoneBytes: 80e6, AllBytes: 100e6}
	if got, want := at(20, next), "reading c.csv: 30000 rows, 90 of 100 MB (90%), about 2s left, file 3 of 3"; got != want {
		t.Errorf("after the file read again: %q, want %q", got, want)
	}
}

// An interrupted run stops reading, writes nothing and exits 130.
func TestInterruptedRunWritesNothing(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("Member State,Partner,Area,Type of support\n")
	for range 20000 {
		b.WriteString("Austria,Serbia,Asylum,Expert\n")
	}
	in := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	code := RunContext(ctx, []string{"analyse", in, "--format", "csv", "--out", filepath.Join(dir, "tables")}, IOStreams{Out: &out, ErrOut: &errOut})
	if code != ExitInterrupted || out.Len() != 0 || !strings.Contains(errOut.String(), "interrupted") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "tables")); !os.IsNotExist(err) {
		t.Errorf("an output folder was made: %v", err)
	}
}
