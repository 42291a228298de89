package cli

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

// TestExitCodes: each kind of error exits with its documented code and prints what a user needs,
// once.
func TestExitCodes(t *testing.T) {
	const hint = "Run 'mapsurvey help' for usage.\n"
	for _, tc := range []struct {
		name   string
		err    error
		code   int
		stderr string
	}{
		{"none", nil, ExitOK, ""},
		{"usage", usagef("--decimals %d: use 0 to 3", 4), ExitUsage, "mapsurvey: --decimals 4: use 0 to 3\n" + hint},
		{"usage, wrapped", fmt.Errorf("report: %w", usagef("x")), ExitUsage, "mapsurvey: report: x\n" + hint},
		{"cobra's own", errors.New(`unknown flag: --bogus`), ExitUsage, "mapsurvey: unknown flag: --bogus\n" + hint},
		{"input", &inputError{errors: 2}, ExitInput, "mapsurvey: 2 errors in the input; nothing was analysed: fix them and run again\n"},
		{"input, one", &inputError{errors: 1}, ExitInput, "mapsurvey: 1 error in the input; nothing was analysed: fix it and run again\n"},
		{"input file", &inputFileError{errors.New("s.yaml:3: bad")}, ExitInput, "mapsurvey: s.yaml:3: bad\n"},
		// The findings were printed already: nothing more.
		{"findings", &findingsError{errors: 3}, ExitInput, ""},
		{"anything else", errors.New("disk full"), ExitFailure, "mapsurvey: disk full\n"},
	} {
		var w bytes.Buffer
		if code := exitCode(&w, tc.err); code != tc.code || w.String() != tc.stderr {
			t.Errorf("%s: exit %d, stderr %q; want %d, %q", tc.name, code, w.String(), tc.code, tc.stderr)
		}
	}
}
