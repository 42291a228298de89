package memguard

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"2GB": 2e9, "1.5 GB": 1.5e9, "800MB": 8e8, "512MiB": 512 << 20, "100000": 1e5} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "GB", "-1GB", "2XB", "lots"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) is no error", in)
		}
	}
}

func TestLimitFromTheEnvironment(t *testing.T) {
	env := func(v string) func(string) string { return func(string) string { return v } }
	if n, err := Limit(env("")); n != DefaultLimit || err != nil {
		t.Errorf("unset: %d, %v", n, err)
	}
	if n, err := Limit(env("off")); n != 0 || err != nil {
		t.Errorf("off: %d, %v", n, err)
	}
	if n, err := Limit(env("300MB")); n != 3e8 || err != nil {
		t.Errorf("300MB: %d, %v", n, err)
	}
	if _, err := Limit(env("much")); err == nil || err.Error() != "MAPSURVEY_MEMORY_LIMIT=much: write a size such as 2GB or 800MB" {
		t.Errorf("much: %v", err)
	}
}

// The guard cancels the run, with its cause, once usage stays above the limit, and ends the
// process when the run goes on growing.
func TestGuardStopsARunAboveItsLimit(t *testing.T) {
	var usage atomic.Uint64
	usage.Store(50)
	exited := make(chan error, 1)
	g := &Guard{Limit: 100, Interval: time.Millisecond, Grace: time.Hour, Usage: usage.Load,
		Exit: func(err error) { exited <- err }}
	ctx, stop := g.Start(context.Background())
	defer stop()
	time.Sleep(20 * time.Millisecond)
	if ctx.Err() != nil {
		t.Fatal("cancelled under the limit")
	}
	usage.Store(120)
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("not cancelled above the limit")
	}
	var le *LimitError
	if !errors.As(context.Cause(ctx), &le) || le.Limit != 100 {
		t.Fatalf("cause %v", context.Cause(ctx))
	}
	select {
	case err := <-exited:
		t.Fatalf("exited at 1.2 times the limit: %v", err)
	case <-time.After(20 * time.Millisecond):
	}
	usage.Store(160)
	select {
	case err := <-exited:
		if !errors.As(err, &le) {
			t.Fatalf("exit with %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a run growing past 1.5 times the limit was not ended")
	}
}

func TestGuardEndsARunThatDoesNotStopWithinItsGrace(t *testing.T) {
	exited := make(chan error, 1)
	g := &Guard{Limit: 100, Interval: time.Millisecond, Grace: 10 * time.Millisecond,
		Usage: func() uint64 { return 101 }, Exit: func(err error) { exited <- err }}
	_, stop := g.Start(context.Background())
	defer stop()
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		t.Fatal("not ended after its grace")
	}
}

func TestLimitErrorSaysWhatToDo(t *testing.T) {
	got := (&LimitError{Limit: 2e9}).Error()
	want := "stopped: the run needed more than 2 GB of memory, its limit; the input is probably too large or damaged. " +
		"To allow more, set MAPSURVEY_MEMORY_LIMIT (for example MAPSURVEY_MEMORY_LIMIT=4GB)"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if got := Size(25e6); got != "25 MB" {
		t.Fatalf("Size(25e6) = %s", got)
	}
}
