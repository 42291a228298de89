// Package replies turns the rows of reply files into activities of a survey: it finds the header,
// matches every label to the survey's canonical values and reports every cell it cannot read,
// with its position and how to fix it.
package replies

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// Position locates a finding: a file, a sheet (empty for CSV), a row and a column (1-based; 0
// when the finding concerns a whole row, sheet or file).
type Position struct {
	File  string
	Sheet string
	Row   int
	Col   int
	// The file's place in the input order and the sheet's in its workbook (from 1; 0 for the
	// file itself), so that findings sort as the user gave and sees them.
	fileIdx, sheetIdx int
}

// String writes the position as a spreadsheet user looks it up: "replies.xlsx: Replies!C103".
func (p Position) String() string {
	s := p.File
	where := ""
	switch {
	case p.Col > 0:
		where = sheet.ColumnName(p.Col) + strconv.Itoa(p.Row)
		if p.Sheet != "" {
			where = p.Sheet + "!" + where
		}
	case p.Row > 0:
		where = "row " + strconv.Itoa(p.Row)
		if p.Sheet != "" {
			where = p.Sheet + " " + where
		}
	default:
		where = p.Sheet
	}
	if where != "" {
		s += ": " + where
	}
	return s
}

// Severity grades findings.
type Severity int

// Errors stop the analysis; warnings point at likely mistakes that do not stop it; notes only
// inform (a skipped sheet, a skipped file).
const (
	Error Severity = iota
	Warning
	Note
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Note:
		return "note"
	}
	return "error"
}

// Finding is one problem or remark about the input.
type Finding struct {
	Pos      Position
	Severity Severity
	Message  string
	rowLevel bool // about one row's cells: skipping the row gets round it
}

func (f Finding) String() string { return f.Pos.String() + ": " + f.Message }

// SortFindings orders findings by input order, sheet, row and column, then by message.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Pos.fileIdx, b.Pos.fileIdx),
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.sheetIdx, b.Pos.sheetIdx),
			cmp.Compare(a.Pos.Row, b.Pos.Row),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Message, b.Message),
		)
	})
}
