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
	// Table is N for the Nth table of a Word document: the position then reads "table 2, row 5,
	// column 3", as a Word user finds it.
	Table int
	// The file's place in the input order and the sheet's in its workbook (from 1; 0 for the
	// file itself), so that findings sort as the user gave and sees them.
	fileIdx, sheetIdx int
}

// String writes the position as a spreadsheet user looks it up: "replies.xlsx: Replies!C103".
func (p Position) String() string {
	s := p.File
	where := ""
	switch {
	case p.Table > 0:
		where = tableWhere(p.Table, "row "+strconv.Itoa(p.Row), p.Row, p.Col)
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

// MinRun is the shortest run of identical findings in consecutive rows that Runs says once.
const MinRun = 3

// Run is a finding repeated, word for word, in consecutive rows of one column (or about whole
// rows): a mistake copied down a sheet, or a hostile sheet of a million bad rows, is said once
// with the range of its rows. Last is the last row; for a finding said once, it is Pos.Row.
type Run struct {
	Finding
	Last int
}

// Runs folds each run of at least MinRun findings that differ only by their row, one row
// after the other, into one. fs must be sorted (SortFindings); the order is kept.
func Runs(fs []Finding) []Run {
	var out []Run
	for i := 0; i < len(fs); {
		j := i + 1
		for j < len(fs) && continues(fs[j-1], fs[j]) {
			j++
		}
		if j-i >= MinRun {
			out = append(out, Run{Finding: fs[i], Last: fs[j-1].Pos.Row})
		} else {
			for _, f := range fs[i:j] {
				out = append(out, Run{Finding: f, Last: f.Pos.Row})
			}
		}
		i = j
	}
	return out
}

// continues tells whether b repeats a in the next row.
func continues(a, b Finding) bool {
	return a.Pos.Row > 0 && b.Pos.Row == a.Pos.Row+1 && b.Pos.File == a.Pos.File && b.Pos.Sheet == a.Pos.Sheet &&
		b.Pos.fileIdx == a.Pos.fileIdx && b.Pos.Col == a.Pos.Col && b.Severity == a.Severity && b.Message == a.Message
}

// Where is the run's position: "Replies!C2:C40" or "Replies rows 2-40", as a spreadsheet names
// a range; a single finding's position otherwise.
func (r Run) Where() string {
	p := r.Pos
	if r.Last == p.Row {
		return p.String()
	}
	where := ""
	if p.Table > 0 {
		return p.File + ": " + tableWhere(p.Table, "rows "+strconv.Itoa(p.Row)+"-"+strconv.Itoa(r.Last), p.Row, p.Col)
	}
	if p.Col > 0 {
		col := sheet.ColumnName(p.Col)
		where = col + strconv.Itoa(p.Row) + ":" + col + strconv.Itoa(r.Last)
		if p.Sheet != "" {
			where = p.Sheet + "!" + where
		}
	} else {
		where = "rows " + strconv.Itoa(p.Row) + "-" + strconv.Itoa(r.Last)
		if p.Sheet != "" {
			where = p.Sheet + " " + where
		}
	}
	return p.File + ": " + where
}

func (r Run) String() string { return r.Where() + ": " + r.Message }

// tableWhere names a place in a Word table: "table 2, row 5, column 3"; rows is how its row or
// rows read.
func tableWhere(table int, rows string, row, col int) string {
	where := "table " + strconv.Itoa(table)
	if row > 0 {
		where += ", " + rows
	}
	if col > 0 {
		where += ", column " + strconv.Itoa(col)
	}
	return where
}
