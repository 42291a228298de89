package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/output"
)

// The errors a command returns say which exit code the run ends with; exitCode maps them, and
// prints them, in this one place.

// usageError is a command-line mistake: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// inputError means findings were printed already; it carries only the exit code's reason: exit 3.
type inputError struct {
	errors      int
	unskippable bool // --skip-invalid was given, but some errors are not about rows
	// noneLeft: --skip-invalid left out every row that had a reply, so there is nothing to count
	noneLeft bool
}

func (e *inputError) Error() string {
	if e.noneLeft {
		return "no reply is left once the rows with errors are left out (--skip-invalid); nothing was analysed: fix the rows listed above and run again"
	}
	msg := fmt.Sprintf("%d errors in the input; nothing was analysed: fix them and run again", e.errors)
	if e.errors == 1 {
		msg = "1 error in the input; nothing was analysed: fix it and run again"
	}
	if e.unskippable {
		msg += " (--skip-invalid leaves out rows, not files, sheets or headers that cannot be read)"
	}
	return msg
}

// inputFileError is an input that cannot be used at all, such as a wrong schema: exit code 3.
type inputFileError struct{ err error }

func (e *inputFileError) Error() string { return e.err.Error() }
func (e *inputFileError) Unwrap() error { return e.err }

// findingsError makes validate, check and compare --fail-on-change exit 3 without a second
// message: the findings they printed are the message.
type findingsError struct{ errors int }

func (e *findingsError) Error() string { return "" }

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
	case errors.As(err, &ue), output.IsRefusal(err):
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

// DebugVar names the variable that, set to 1, prints the stack of an internal error: a developer
// needs it, a user reporting the error is asked for the one line only.
const DebugVar = "MAPSURVEY_DEBUG"

// reportPanic prints a recovered panic and returns the exit code. Call it in the deferred
// function that recovered, so that the stack still shows where the panic happened.
func reportPanic(w io.Writer, r any) int {
	fmt.Fprintf(w, "mapsurvey: internal error: %v\n", r)
	if os.Getenv(DebugVar) == "1" {
		w.Write(debug.Stack())
	}
	fmt.Fprintln(w, "Please report it with the command you ran; your files were not changed.")
	return ExitFailure
}
