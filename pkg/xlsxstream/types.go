// Package xlsxstream is the fast reader of .xlsx workbooks: it streams a sheet's XML byte by byte
// and keeps the shared strings in one block of memory, giving exactly the rows that pkg/sheet's
// excelize-based reader gives for the workbooks it handles, and ErrFallback for the others.
// pkg/sheet dispatches to it; nothing else should need to.
package xlsxstream

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// Row is one row of a sheet, as pkg/sheet's Row (which converts from it): its 1-based number and
// its cells from column A on. Trailing empty cells may be missing.
type Row struct {
	Num      int
	Cells    []string
	Hidden   bool
	Formulas []Formula
}

// Formula is a cell whose value a formula computes.
type Formula struct {
	Col    int  // 1-based
	Cached bool // the workbook stores the formula's last computed value
}

// Skipped stands for the text of a cell left out by OnlyColumns (see pkg/sheet's Skipped).
const Skipped = "\x00"

// ErrEmpty is the error of an empty file.
var ErrEmpty = errors.New("the file is empty")

// ErrFallback means the workbook uses something the fast reader does not handle; read it with
// excelize.
var ErrFallback = errors.New("sheet: fast reader cannot handle this workbook")

// ErrNotZip wraps the error of a file that is not a zip archive, so not a workbook.
var ErrNotZip = errors.New("not a zip archive")

// MaxCellChars is the most characters a spreadsheet cell can hold (Excel's limit).
const MaxCellChars = 32767

// CellTooLongError is a cell of more than MaxCellChars characters: no spreadsheet program wrote
// it, and reading it could take memory without bound.
type CellTooLongError struct {
	Sheet    string
	Col, Row int // 1-based; Col is 0 when the cell could not be told
	Chars    int // 0 when there were too many to count
}

func (e *CellTooLongError) Error() string {
	return fmt.Sprintf("sheet %q row %d column %d: a cell of more than %d characters", e.Sheet, e.Row, e.Col, MaxCellChars)
}

// charsOver is the number of characters of text when they are more than MaxCellChars, else 0.
func charsOver(text []byte) int {
	if len(text) <= MaxCellChars {
		return 0
	}
	if n := utf8.RuneCount(text); n > MaxCellChars {
		return n
	}
	return 0
}

// fallback is ErrFallback with the reason, for logs and tests.
func fallback(why string) error { return fmt.Errorf("%w: %s", ErrFallback, why) }

// oleHeader starts a compound document: an encrypted workbook, or an old .xls renamed .xlsx.
var oleHeader = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}

func quoteList(names []string) string {
	q := ""
	for i, n := range names {
		if i > 0 {
			q += ", "
		}
		q += fmt.Sprintf("%q", n)
	}
	return q
}
