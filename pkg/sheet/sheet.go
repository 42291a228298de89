// Package sheet reads tabular files as named sheets of rows of text cells, with the row numbers
// a spreadsheet program shows: .xlsx workbooks, OpenDocument spreadsheets (.ods), old Excel
// workbooks (.xls, through LibreOffice), the tables of Word documents (.docx) and CSV. It knows
// nothing of surveys.
package sheet

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/cellref"
	"github.com/mapsurvey/mapsurvey/pkg/xlsxstream"
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
	// Name is the sheet's name; empty for a CSV file, "table N" for a Word document's table.
	Name   string
	Hidden bool
	// Merged counts the merged ranges whose value was repeated over their cells.
	Merged int
	// Table is N for a Word document's table N (1-based, in the order the tables start in the
	// document, a table nested in another's cell numbered after it); 0 for a sheet. Findings
	// in it are placed as "table N, row R, column C", R and C the row's Num and the cell's
	// column.
	Table int
	// Caption is the text before a Word table that may name whom it is about, one line each,
	// the widest first: the document's title when it has one, then the nearest heading before
	// the table, then the nearest other paragraph after that heading (each only when present
	// and different from the one before). Empty for a sheet.
	Caption string
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
	// FastOnly reads workbooks with the fast reader only: a workbook it cannot read gives an
	// error wrapping ErrFallback (with the reason) instead of being read with excelize. For
	// comparing the two readers (mapsurvey cells --reader fast).
	FastOnly bool
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
	Workbook         // .xlsx, .xlsm
	CSV              // .csv, .tsv, .txt
	ODS              // OpenDocument spreadsheet, .ods
	XLS              // Excel 97-2003, .xls
	Word             // Word document, .docx, .docm
)

// KindOf tells the format of path from its extension.
func KindOf(path string) Kind {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return Workbook
	case ".csv", ".tsv", ".txt":
		return CSV
	case ".ods":
		return ODS
	case ".xls":
		return XLS
	case ".docx", ".docm":
		return Word
	}
	return Unsupported
}

// InFolder tells whether a file found in a folder of replies is read: every kind but the
// .txt and .tsv files a folder also holds for other reasons (notes, exports).
func InFolder(name string) bool {
	switch KindOf(name) {
	case Workbook, ODS, XLS, Word:
		return true
	case CSV:
		return strings.EqualFold(filepath.Ext(name), ".csv")
	}
	return false
}

// FolderKinds names the files InFolder reads, for messages.
const FolderKinds = "a spreadsheet (.xlsx, .ods, .xls), a Word document (.docx) or a .csv file"

// Read calls fn with the rows of each sheet of the file at path, in the workbook's order (a CSV
// file is one sheet with an empty name). It stops at the first error fn returns.
func Read(path string, opts Options, fn func(info Info, rows Rows) error) error {
	switch KindOf(path) {
	case Workbook:
		if opts.FastOnly && !opts.Excelize {
			return readFastOnly(path, opts, fn)
		}
		return readWorkbook(path, opts, fn)
	case CSV:
		if opts.Sheet != "" {
			return &Error{Path: path, Problem: fmt.Sprintf("--sheet %q was given but a CSV file has no sheets", opts.Sheet),
				Fix: "leave out --sheet for CSV files"}
		}
		return readCSVFile(path, fn)
	case ODS:
		return readODS(path, opts, fn)
	case XLS:
		return readXLS(path, opts, fn)
	case Word:
		return readWord(path, opts, fn)
	}
	return unsupported(path)
}

const supportedFix = "give replies as .xlsx, .ods, .xls, .docx or .csv files"

func unsupported(path string) error {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".doc":
		return &Error{Path: path, Problem: "old Word 97-2003 documents (.doc) are not read",
			Fix: "open it in Word or LibreOffice and save it as .docx"}
	case ".odt":
		return &Error{Path: path, Problem: "OpenDocument text documents (.odt) are not read",
			Fix: "open it in LibreOffice and save it as .docx (Word), or copy its tables into a spreadsheet"}
	case ".xlsb":
		return &Error{Path: path, Problem: "Excel binary workbooks (.xlsb) are not read",
			Fix: "open it in Excel and save it as .xlsx"}
	case "":
		return &Error{Path: path, Problem: "the file has no extension, so its format is unknown",
			Fix: supportedFix}
	}
	return &Error{Path: path, Problem: fmt.Sprintf("%s files are not read", ext),
		Fix: supportedFix}
}

// ColumnName is the spreadsheet name of 1-based column n: 1 is A, 27 is AA.
func ColumnName(n int) string { return cellref.ColumnName(n) }

// ColumnNumber is the inverse of ColumnName; it returns 0 for anything that is not a column name.
func ColumnNumber(name string) int { return cellref.ColumnNumber(name) }
