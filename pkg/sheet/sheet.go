// Package sheet reads tabular files, .xlsx workbooks and CSV, as named sheets of rows of text
// cells, with the row numbers a spreadsheet program shows. It knows nothing of surveys.
package sheet

import (
	"context"
	"fmt"

	"github.com/mapsurvey/mapsurvey/pkg/xlsxstream"
	"path/filepath"
	"strings"
)

// Row is one row of a sheet: its 1-based number and its cells from column A on. Trailing empty
// cells may be missing.
type Row struct {
	Num    int
	Cells  []string
	Hidden bool
	// Formulas lists the row's formula cells; their Cells hold the last computed value.
	Formulas []Formula
}

// Formula is a cell whose value a formula computes: Col (1-based), and Cached when the workbook
// stores the formula's last computed value. It is the fast reader's type, so that its rows
// convert to Row at no cost.
type Formula = xlsxstream.Formula

// Info describes a sheet.
type Info struct {
	Name   string // empty for a CSV file
	Hidden bool
	// Merged counts the merged ranges whose value was repeated over their cells.
	Merged int
	// Other names a sheet that is not a worksheet ("chart sheet", "dialog sheet", "macro
	// sheet"): it holds no cells, and comes with no rows, for the caller to note it skipped.
	Other string
}

// Rows iterates over the rows of one sheet in order. Blank rows may or may not be reported.
type Rows interface {
	Next() bool
	Row() Row
	Err() error
}

// ColumnPicker is implemented by rows that can leave out the text of columns nobody reads: after
// OnlyColumns(cols), a cell with text outside cols comes as Skipped (a cell without text stays
// empty), and the cells after the last of cols fold into one Skipped just after it when any of
// them has data (a row with one cell at XFD is then not 16,384 strings). OnlyColumns(nil) asks
// for every column again.
type ColumnPicker interface {
	OnlyColumns(cols []int)
}

// Skipped stands for the text of a cell left out by OnlyColumns: not empty, so that a row with
// text only there is still a row with data (a cell of Unicode spaces keeps its text, and stays
// blank). It says nothing else: a cell could hold a NUL too, written as _x0000_.
const Skipped = xlsxstream.Skipped

// Options choose what to read.
type Options struct {
	// Sheet, when set, is the only sheet read; it is an error when the workbook has no such sheet.
	Sheet string
	// Password opens an encrypted workbook.
	Password string
	// Excelize reads workbooks with excelize only, never the fast reader: after the fast reader
	// fell back half-way through a workbook, the whole run is read again this way.
	Excelize bool
	// Context, when set, stops the reading when it is done (Ctrl-C): Read then returns its
	// error promptly, even while excelize is still parsing a sheet.
	Context context.Context
}

// Error is a problem with a whole file: it names the file, says what is wrong and how to fix it.
type Error struct {
	Path    string
	Problem string
	Fix     string
}

func (e *Error) Error() string {
	if e.Fix == "" {
		return e.Path + ": " + e.Problem
	}
	return e.Path + ": " + e.Problem + "; " + e.Fix
}

// Kind is a file format that Read understands.
type Kind int

// The formats.
const (
	Unsupported Kind = iota
	Workbook
	CSV
)

// KindOf tells the format of path from its extension.
func KindOf(path string) Kind {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return Workbook
	case ".csv", ".tsv", ".txt":
		return CSV
	}
	return Unsupported
}

// Read calls fn with the rows of each sheet of the file at path, in the workbook's order (a CSV
// file is one sheet with an empty name). It stops at the first error fn returns.
func Read(path string, opts Options, fn func(info Info, rows Rows) error) error {
	switch KindOf(path) {
	case Workbook:
		return readWorkbook(path, opts, fn)
	case CSV:
		if opts.Sheet != "" {
			return &Error{Path: path, Problem: fmt.Sprintf("--sheet %q was given but a CSV file has no sheets", opts.Sheet),
				Fix: "leave out --sheet for CSV files"}
		}
		return readCSVFile(path, fn)
	}
	return unsupported(path)
}

func unsupported(path string) error {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".xls":
		return &Error{Path: path, Problem: "old Excel 97-2003 workbooks (.xls) are not read",
			Fix: "open it in Excel or LibreOffice and save it as .xlsx or CSV UTF-8"}
	case ".ods":
		return &Error{Path: path, Problem: "OpenDocument spreadsheets (.ods) are not read",
			Fix: "open it in LibreOffice and save it as .xlsx or CSV UTF-8"}
	case "":
		return &Error{Path: path, Problem: "the file has no extension, so its format is unknown",
			Fix: "give replies as .xlsx or .csv files"}
	}
	return &Error{Path: path, Problem: fmt.Sprintf("%s files are not read", ext),
		Fix: "give replies as .xlsx or .csv files"}
}

// ColumnName is the spreadsheet name of 1-based column n: 1 is A, 27 is AA.
func ColumnName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// ColumnNumber is the inverse of ColumnName; it returns 0 for anything that is not a column name.
func ColumnNumber(name string) int {
	n := 0
	for _, r := range strings.ToUpper(strings.TrimSpace(name)) {
		if r < 'A' || r > 'Z' {
			return 0
		}
		n = n*26 + int(r-'A'+1)
		if n > 16384 { // XFD, the last column a workbook can have
			return 0
		}
	}
	return n
}
