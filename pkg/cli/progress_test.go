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
	r := replies.Progress{File: "dir/big.csv", FileIndex: 1, Files: 1, Rows: 250000, FileBytes: 100e6, BytesRead: 25e6}
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
