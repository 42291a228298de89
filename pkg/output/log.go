package output

import (
	"context"
	"sort"
	"sync"
)

// Log records the outputs a run has put in place, so that a run stopped part-way (Ctrl-C, the
// memory limit) can say truthfully what was written and what was not.
type Log struct {
	mu   sync.Mutex
	sets []Written
}

// Written is one set of outputs put in place in full: a folder and the files written into it, or
// a single file (Dir is then its folder and Files its name).
type Written struct {
	Dir   string
	Files []string
}

type logKey struct{}

// WithLog returns a context whose runs record what they write into the returned Log.
func WithLog(ctx context.Context) (context.Context, *Log) {
	l := &Log{}
	return context.WithValue(ctx, logKey{}, l), l
}

func (l *Log) add(w Written) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sets = append(l.sets, w)
}

// Sets returns the sets written so far, in the order they were put in place.
func (l *Log) Sets() []Written {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Written(nil), l.sets...)
}

// LogFrom returns the Log of ctx, or nil.
func LogFrom(ctx context.Context) *Log { return logFrom(ctx) }

func logFrom(ctx context.Context) *Log {
	l, _ := ctx.Value(logKey{}).(*Log)
	return l
}

// Hooks let tests stop a run at the moment that matters: outputs prepared but not in place yet
// (BeforeCommit), or just put in place (AfterCommit).
type Hooks struct {
	BeforeCommit, AfterCommit func()
}

type hooksKey struct{}

// WithHooks returns a context that calls h around each commit; for tests.
func WithHooks(ctx context.Context, h Hooks) context.Context {
	return context.WithValue(ctx, hooksKey{}, h)
}

func hooksFrom(ctx context.Context) Hooks {
	h, _ := ctx.Value(hooksKey{}).(Hooks)
	return h
}

// The clean-ups of every open set, for RemoveTemporaries, and the count of commits under way.
var (
	tempMu     sync.Mutex
	temps      = map[string]func(){}
	committing int
)

func addTemp(path string, cleanup func()) {
	tempMu.Lock()
	defer tempMu.Unlock()
	temps[path] = cleanup
}

func dropTemp(path string) {
	tempMu.Lock()
	defer tempMu.Unlock()
	delete(temps, path)
}

// RemoveTemporaries removes the temporary folders and files of sets that are still being
// written (and an output folder created for them), for a process that must end at once (a
// second Ctrl-C, the memory limit). While a set's files are being put in place, which takes
// milliseconds, it does nothing and returns false: the caller should wait and call it again.
func RemoveTemporaries() (removed bool) {
	tempMu.Lock()
	defer tempMu.Unlock()
	if committing > 0 {
		return false
	}
	paths := make([]string, 0, len(temps))
	for p := range temps {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		temps[p]()
		delete(temps, p)
	}
	return true
}

// beginCommit marks a commit under way, which RemoveTemporaries waits for.
func beginCommit() {
	tempMu.Lock()
	defer tempMu.Unlock()
	committing++
}

func endCommit() {
	tempMu.Lock()
	defer tempMu.Unlock()
	committing--
}
