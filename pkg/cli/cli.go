// Package cli is mapsurvey's command layer: it parses arguments, calls the readers, the counting
// core and the renderers, and maps errors to exit codes in one place.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/mapsurvey/mapsurvey/pkg/memguard"
	"github.com/mapsurvey/mapsurvey/pkg/output"
)

// Exit codes, documented in README.md.
const (
	ExitOK      = 0
	ExitFailure = 1 // an output could not be written, or another failure of the run itself
	ExitUsage   = 2 // the command line is wrong
	ExitInput   = 3 // the input has errors: nothing was analysed
	// ExitInterrupted follows the shell's convention for a run stopped by Ctrl-C (128 + SIGINT).
	ExitInterrupted = 130
)

// IOStreams are the command's standard streams. Commands never touch os.Stdout or os.Stderr:
// tests give them buffers and flip IsTerminal.
type IOStreams struct {
	In         io.Reader
	Out        io.Writer
	ErrOut     io.Writer
	IsTerminal bool // stderr is a terminal: progress may be drawn
}

// Main runs mapsurvey with the process's arguments and streams and returns the exit code.
func Main() int {
	// Ctrl-C (or SIGTERM) ends the run at the next check: reading stops within a few thousand
	// rows, and outputs, prepared aside, are not put in place. A second Ctrl-C ends the process
	// at once, for a step that does not look; the temporaries go with it.
	ctx, interrupt := context.WithCancelCause(context.Background())
	ctx, log := output.WithLog(ctx)
	signals := make(chan os.Signal, 2)
	// Not stopped when Main returns: a Ctrl-C in the moment between the last output and the
	// exit would otherwise kill the process by the signal, its report written but its exit code
	// and message lost (TestSIGINTAtAnyMomentLeavesOneWholeReport saw it once).
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-signals
		interrupt(errInterrupted)
		<-signals
		endNow(os.Stderr, "mapsurvey: stopped at once (interrupted twice); "+whatWasWritten(log), ExitInterrupted)
	}()

	if os.Getenv("GOGC") == "" {
		// A heap goal of 1.5 times the live heap rather than Go's 2: a million-row workbook is
		// read in 4-5 MB less, for no CPU time that measures (docs/performance.md).
		debug.SetGCPercent(50)
	}
	limit, err := memguard.Limit(os.Getenv)
	if err != nil {
		fmt.Fprintf(os.Stderr, "mapsurvey: %v\n", err)
		return ExitUsage
	}
	guard := &memguard.Guard{Limit: limit, Exit: func(err error) { endNow(os.Stderr, memoryMessage(err, log), ExitFailure) }}
	ctx, stopGuard := guard.Start(ctx)
	defer stopGuard()
	escapes, restore := consoleTakesEscapes(os.Stderr)
	defer restore()
	return RunContext(ctx, os.Args[1:], IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		IsTerminal: drawsProgress(term.IsTerminal(int(os.Stderr.Fd())), os.Getenv) && escapes,
	})
}

var errInterrupted = errors.New("interrupted")

// endNow ends the process from outside the run: it lets a commit under way finish (it takes
// milliseconds), removes the temporaries, and says what was written.
func endNow(w io.Writer, msg string, code int) {
	for !output.RemoveTemporaries() {
		time.Sleep(5 * time.Millisecond)
	}
	fmt.Fprintln(w, msg)
	os.Exit(code)
}

// memoryMessage is the whole message for a run stopped by the memory guard.
func memoryMessage(err error, log *output.Log) string {
	return fmt.Sprintf("mapsurvey: %v\n%s.", err, upperFirst(whatWasWritten(log)))
}

// whatWasWritten says, for a run that was stopped, which outputs had been put in place in full
// (each set is whole or absent, never mixed).
func whatWasWritten(log *output.Log) string {
	sets := log.Sets()
	if len(sets) == 0 {
		return "no output was written"
	}
	var parts []string
	for _, w := range sets {
		if len(w.Files) == 1 && !strings.Contains(w.Files[0], "/") {
			parts = append(parts, filepath.Join(w.Dir, w.Files[0]))
		} else {
			parts = append(parts, fmt.Sprintf("%s%c (%s)", w.Dir, filepath.Separator, plural(len(w.Files), "file", "files")))
		}
	}
	return fmt.Sprintf("%s had been written in full before; nothing else was written", strings.Join(parts, " and "))
}

// drawsProgress tells whether stderr is a terminal a person watches: not when a CI system runs
// the command (they set CI, and some give it a pseudo-terminal whose log would keep every
// redrawn line), nor on a terminal that cannot move the cursor (TERM=dumb).
func drawsProgress(isTerminal bool, getenv func(string) string) bool {
	return isTerminal && getenv("CI") == "" && getenv("TERM") != "dumb"
}

// Run runs mapsurvey with the given arguments and streams.
func Run(args []string, io IOStreams) int { return RunContext(context.Background(), args, io) }

// RunContext runs mapsurvey until done or until ctx ends. A panic is reported as an internal
// error in one line, never as a stack trace: users are not programmers.
func RunContext(ctx context.Context, args []string, io IOStreams) (code int) {
	log := output.LogFrom(ctx)
	if log == nil {
		ctx, log = output.WithLog(ctx)
	}
	defer func() {
		if r := recover(); r != nil {
			code = reportPanic(io.ErrOut, r)
		}
	}()
	root := NewRootCmd(io)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	// A run that ended its work before the interruption took effect has nothing to report.
	if err != nil && ctx.Err() != nil {
		var le *memguard.LimitError
		if errors.As(context.Cause(ctx), &le) {
			fmt.Fprintln(io.ErrOut, memoryMessage(le, log))
			return ExitFailure
		}
		fmt.Fprintf(io.ErrOut, "mapsurvey: interrupted; %s\n", whatWasWritten(log))
		return ExitInterrupted
	}
	return exitCode(io.ErrOut, err)
}

// NewRootCmd builds the command tree.
func NewRootCmd(io IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "mapsurvey",
		Short: "Analyse mapping surveys: who supports which partner, in which area, in what form",
		Long: `mapsurvey reads the replies to a mapping questionnaire (which bilateral support each
Member State gives to which partner, in which area, in what form) and computes the tallies of a
Council note: activities by partner, area and type of support, each counted by Member State
(distinct states, not additive) and by activity (shares add up to 100%).

The built-in questionnaire is that of Council note 7896/20 (support to the Western Balkans).

Exit codes: 0 done; 1 the run failed; 2 the command line is wrong; 3 the input has errors (or,
for validate, check and compare --fail-on-change: findings, figures that do not hold, changes);
130 interrupted.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.SetIn(io.In)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err.Error()} })
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(NewCmdAnalyse(io, nil), NewCmdValidate(io, nil), NewCmdReport(io, nil), NewCmdCheck(io, nil), NewCmdCompare(io, nil), NewCmdTemplate(io, nil), NewCmdSchema(io, nil), NewCmdCells(io, nil))
	setVersion(root)
	addCompletion(root, io)
	return root
}

// upperFirst starts a message with a capital letter.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
