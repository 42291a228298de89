package sheet

import (
	"fmt"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/xlsxstream"
)

// readFastOnly reads a workbook with the fast reader alone (Options.FastOnly): what makes
// readWorkbook fall back to excelize is returned as an error wrapping ErrFallback.
func readFastOnly(path string, opts Options, fn func(Info, Rows) error) error {
	if err := checkFile(path); err != nil {
		return err
	}
	if opts.Password != "" {
		return fallbackError("an encrypted workbook is decrypted by excelize")
	}
	err := readFast(path, opts, fn)
	if err == ErrFallback && opts.Sheet != "" { // the sheet asked for is not there: say so as excelize does
		if w, oerr := xlsxstream.Open(path); oerr == nil {
			defer w.Close()
			var names []string
			for _, s := range w.Sheets() {
				if strings.EqualFold(s.Name, opts.Sheet) {
					return err
				}
				names = append(names, s.Name)
			}
			return &Error{Path: path, Problem: fmt.Sprintf("no sheet named %q", opts.Sheet), Fix: "the sheets are " + quoteList(names)}
		}
	}
	return err
}

// fallbackError is ErrFallback with a reason.
func fallbackError(why string) error { return &fallback{why: why} }

type fallback struct{ why string }

func (f *fallback) Error() string { return ErrFallback.Error() + ": " + f.why }
func (f *fallback) Unwrap() error { return ErrFallback }
