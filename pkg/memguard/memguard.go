// Package memguard is mapsurvey's last line of defence against running out of memory: the
// readers bound what an input can make them hold, and this stops a run that still grows past a
// limit with one clear message, before the system kills it or Go's runtime dies with a stack
// trace (exit code 2, which mapsurvey uses for usage errors).
package memguard

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// EnvVar overrides the limit: "4GB", "1500MB", "512MiB", or "off".
const EnvVar = "MAPSURVEY_MEMORY_LIMIT"

// DefaultLimit is 2 GB: on an 8 GB office PC, room is left for the system, Excel and a browser,
// and it is over 20 times what the largest valid inputs measured need (1M rows: under 100 MB).
const DefaultLimit int64 = 2e9

// LimitError is the cause of a run stopped by the guard.
type LimitError struct{ Limit int64 }

func (e *LimitError) Error() string {
	return fmt.Sprintf("stopped: the run needed more than %s of memory, its limit; the input is probably too large or damaged. "+
		"To allow more, set %s (for example %s=4GB)", Size(e.Limit), EnvVar, EnvVar)
}

// Limit reads the limit from the environment: DefaultLimit when unset, 0 for "off".
func Limit(getenv func(string) string) (int64, error) {
	v := strings.TrimSpace(getenv(EnvVar))
	if v == "" {
		return DefaultLimit, nil
	}
	if strings.EqualFold(v, "off") || v == "0" {
		return 0, nil
	}
	n, err := ParseSize(v)
	if err != nil {
		return 0, fmt.Errorf("%s=%s: %w", EnvVar, v, err)
	}
	return n, nil
}

// ParseSize reads a size in bytes written as people write them: 2GB, 1.5 GB, 800MB, 512MiB.
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := s, ""
	if i >= 0 {
		num, unit = s[:i], strings.ToUpper(strings.TrimSpace(s[i:]))
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f <= 0 {
		return 0, fmt.Errorf("write a size such as 2GB or 800MB")
	}
	mult := map[string]float64{"": 1, "B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
		"KIB": 1 << 10, "MIB": 1 << 20, "GIB": 1 << 30, "TIB": 1 << 40, "K": 1e3, "M": 1e6, "G": 1e9}[unit]
	if mult == 0 {
		return 0, fmt.Errorf("unknown unit %q: use MB or GB", unit)
	}
	if f*mult > math.MaxInt64/2 {
		return 0, fmt.Errorf("too large")
	}
	return int64(f * mult), nil
}

// Size writes n bytes as "2 GB" or "800 MB".
func Size(n int64) string {
	if n >= 1e9 {
		return strconv.FormatFloat(float64(n)/1e9, 'f', -1, 64) + " GB"
	}
	return strconv.FormatFloat(math.Round(float64(n)/1e5)/10, 'f', -1, 64) + " MB"
}

// Guard watches the memory a run uses.
type Guard struct {
	Limit    int64
	Interval time.Duration // between looks; each costs about a microsecond
	// Grace is how long a stopped run has to end by itself (its readers look at the context)
	// before Exit ends the process; so is growing to 1.5 times the limit.
	Grace time.Duration
	// Exit ends the process at once: clean up, print err, exit 1.
	Exit func(err error)
	// Usage gives the memory in use; runtime metrics by default.
	Usage func() uint64
}

// Start sets Go's soft memory limit a little under the limit, so that the collector works hard
// before the guard acts, and watches until stop is called. When the run stays above the limit
// after a collection, the returned context is cancelled with a *LimitError as its cause.
func (g *Guard) Start(parent context.Context) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	if g.Limit <= 0 {
		return ctx, func() { cancel(nil) }
	}
	if g.Usage == nil {
		debug.SetMemoryLimit(g.Limit / 10 * 9)
		g.Usage = runtimeUsage()
	}
	if g.Interval == 0 {
		g.Interval = 50 * time.Millisecond
	}
	if g.Grace == 0 {
		g.Grace = 3 * time.Second
	}
	done := make(chan struct{})
	go g.watch(cancel, done)
	return ctx, func() { close(done); cancel(nil) }
}

func (g *Guard) watch(cancel context.CancelCauseFunc, done chan struct{}) {
	t := time.NewTicker(g.Interval)
	defer t.Stop()
	limit := uint64(g.Limit)
	var stopped time.Time
	for {
		select {
		case <-done:
			return
		case <-t.C:
		}
		u := g.Usage()
		if stopped.IsZero() {
			if u <= limit {
				continue
			}
			runtime.GC() // garbage is not a reason to stop
			if g.Usage() <= limit {
				continue
			}
			stopped = time.Now()
			cancel(&LimitError{Limit: g.Limit})
			continue
		}
		if u > limit/2*3 || time.Since(stopped) > g.Grace {
			g.Exit(&LimitError{Limit: g.Limit})
			return
		}
	}
}

// runtimeUsage reads the memory Go has taken from the system and not given back.
func runtimeUsage() func() uint64 {
	samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	return func() uint64 {
		metrics.Read(samples)
		return samples[0].Value.Uint64() - samples[1].Value.Uint64()
	}
}
