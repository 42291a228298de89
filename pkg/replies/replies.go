package replies

import (
	"context"
	"fmt"

	handlayout "github.com/mapsurvey/mapsurvey/pkg/layout"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// Source summarises what was read from one sheet.
type Source struct {
	File, Sheet string
	// HeaderRow is the row of column titles, or 0 when there is none: every column was named
	// (Options.Columns) and data starts in row 1.
	HeaderRow  int
	Rows       int // data rows: activities, nil replies and rows with errors; blank rows excluded
	Activities int
	// Layout says how a tick-box or grid table was read ("grid: areas x types of support,
	// partner from the sheet name 'Serbia' (header in row 3)"); empty for the long layout.
	Layout string
	// Table is N for the Nth table of a Word document.
	Table int
}

// Header says where the sheet's columns came from, for a summary: "header in row 4", or, with
// no header row, that the columns were named on the command line.
func (s Source) Header() string {
	if s.Layout != "" {
		return s.Layout
	}
	if s.HeaderRow == 0 {
		return "no header row (the columns named by --columns, data from row 1)"
	}
	return fmt.Sprintf("header in row %d", s.HeaderRow)
}

// Dataset is everything read from the inputs.
type Dataset struct {
	Schema *survey.Schema
	// Respondents are the canonical names of the states that replied, in the order first met:
	// those counted (Analysis), nil replies included and rows with errors left out.
	Respondents []string
	Sources     []Source
	Findings    []Finding
	// PerState says, for each respondent in name order, what was read from it.
	PerState []StateSummary
	// MoreErrors counts the row errors past MaxRowErrors, kept without their messages, and
	// MoreInvalidRows the rows they concern.
	MoreErrors, MoreInvalidRows int

	counter *tally.Counter
}

// Analysis returns every tally of the activities read.
func (d *Dataset) Analysis() *tally.Analysis { return d.counter.Analysis() }

// StateSummary is what was read from one respondent.
type StateSummary struct {
	State      string
	Files      []string // in reading order
	Rows       int      // rows that gave activities or a nil reply
	Activities int
}

// Errors returns the findings that stop an analysis.
func (d *Dataset) Errors() []Finding {
	return d.filter(func(f Finding) bool { return f.Severity == Error })
}

// Fatal returns the errors that no skipping can get round: a file, sheet or header that cannot
// be read.
func (d *Dataset) Fatal() []Finding {
	return d.filter(func(f Finding) bool { return f.Severity == Error && !f.rowLevel })
}

// InvalidRows returns the rows that had errors, each once, in order. Such rows gave no activity
// and no respondent.
func (d *Dataset) InvalidRows() []Position {
	var out []Position
	seen := map[Position]bool{}
	for _, f := range d.Findings {
		if f.Severity != Error || !f.rowLevel {
			continue
		}
		row := f.Pos
		row.Col = 0
		if !seen[row] {
			seen[row] = true
			out = append(out, row)
		}
	}
	return out
}

func (d *Dataset) filter(keep func(Finding) bool) []Finding {
	var out []Finding
	for _, f := range d.Findings {
		if keep(f) {
			out = append(out, f)
		}
	}
	return out
}

// Options say how to read replies.
type Options struct {
	Schema *survey.Schema
	// Sheet restricts workbooks to one sheet.
	Sheet string
	// Password opens encrypted workbooks.
	Password string
	// Columns gives the 1-based column of some keys, overriding header detection for them.
	Columns [4]int
	// FillDown takes an empty Member State cell to mean the Member State of the rows above, as
	// in compiled replies that write a state's name once over its rows.
	FillDown bool
	// HiddenSheets reads hidden sheets of replies too. Without it a hidden sheet is left out,
	// with a note, when a visible sheet of the workbook holds replies: such sheets are working
	// copies. Hidden rows are always read.
	HiddenSheets bool
	// Recursive reads the sub-folders of folders too.
	Recursive bool
	// Layout says how sheets are laid out: Auto reads tick-box and grid tables where a sheet
	// has no long header (pkg/layout); Long never does; Ticks and Grid always do.
	Layout handlayout.Mode
	// Context stops reading when done (Ctrl-C): Read then returns its error and no dataset.
	Context context.Context
	// Progress, when set, is called every few thousand rows while reading.
	Progress func(Progress)
}

// Progress says how far reading has come.
type Progress struct {
	File             string
	FileIndex, Files int   // the file being read (from 1) and how many there are
	Rows             int   // rows read so far, all files
	FileBytes        int64 // the size of the current file
	BytesRead        int64 // of the current file: exact for CSV, estimated for a large sheet of a workbook; else -1
	DoneBytes        int64 // the sizes of the files read before the current one
	AllBytes         int64 // the sizes of all the files
	// Again is set while the current file is read a second time, with excelize: the fast
	// workbook reader gave up half-way through it. Rows and bytes go back to where they were
	// before this file.
	Again bool
}
