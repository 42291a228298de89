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
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"golang.org/x/term"
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
	// Ctrl-C ends reading at the next few thousand rows; outputs are written to temporary files
	// and renamed, so an interrupted run leaves none half-written.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	escapes, restore := consoleTakesEscapes(os.Stderr)
	defer restore()
	return RunContext(ctx, os.Args[1:], IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		IsTerminal: drawsProgress(term.IsTerminal(int(os.Stderr.Fd())), os.Getenv) && escapes,
	})
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
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(io.ErrOut, "mapsurvey: internal error: %v\nPlease report it with the command you ran; your files were not changed.\n", r)
			code = ExitFailure
		}
	}()
	root := NewRootCmd(io)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if ctx.Err() != nil {
		fmt.Fprintln(io.ErrOut, "mapsurvey: interrupted; no output was written")
		return ExitInterrupted
	}
	return exitCode(io.ErrOut, err)
}

// usageError is a command-line mistake.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// inputError means findings were printed already; it carries only the exit code's reason.
type inputError struct {
	errors      int
	unskippable bool // --skip-invalid was given, but some errors are not about rows
}

func (e *inputError) Error() string {
	msg := fmt.Sprintf("%d errors in the input; nothing was analysed: fix them and run again", e.errors)
	if e.errors == 1 {
		msg = "1 error in the input; nothing was analysed: fix it and run again"
	}
	if e.unskippable {
		msg += " (--skip-invalid leaves out rows, not files, sheets or headers that cannot be read)"
	}
	return msg
}

func exitCode(w io.Writer, err error) int {
	if err == nil {
		return ExitOK
	}
	var fnd *findingsError
	if errors.As(err, &fnd) {
		return ExitInput
	}
	fmt.Fprintf(w, "mapsurvey: %v\n", err)
	var ue *usageError
	var ie *inputError
	var fe *inputFileError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintln(w, "Run 'mapsurvey help' for usage.")
		return ExitUsage
	case errors.As(err, &ie), errors.As(err, &fe):
		return ExitInput
	case isFlagError(err):
		fmt.Fprintln(w, "Run 'mapsurvey help' for usage.")
		return ExitUsage
	}
	return ExitFailure
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
	root.AddCommand(NewCmdAnalyse(io, nil), NewCmdValidate(io, nil), NewCmdReport(io, nil), NewCmdCheck(io, nil), NewCmdCompare(io, nil), NewCmdTemplate(io), NewCmdSchema(io))
	setVersion(root)
	addCompletion(root, io)
	return root
}

// isFlagError recognises cobra's own errors about the command line, which are plain errors.
func isFlagError(err error) bool {
	msg := err.Error()
	for _, prefix := range []string{"unknown command", "unknown flag", "unknown shorthand", "invalid argument",
		"flag needs an argument", "accepts ", "requires "} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}
