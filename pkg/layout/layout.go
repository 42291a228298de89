// Package layout reads the reply tables people draw by hand: tick-box columns (one column per
// type of support, partner or area, holding a mark) and grids (areas down the side, partners or
// types across the top, with marks, counts or lists in the cells). It detects such a table from
// its content and turns it into the long layout, one record per activity, each cell of which
// keeps the position of the cell it came from. The respondent, and any other value the table
// does not hold, comes from a title cell, a caption (the heading of a Word table), the sheet's
// name or the file's name, in that order. It is pure: rows in, records or an error out.
package layout

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// Mode is the layout a sheet is read in.
type Mode int

// The modes. Auto detects tick-box and grid tables where a sheet has no long header.
const (
	Auto Mode = iota
	Long
	Ticks
	Grid
)

// Modes lists the names of --layout, in order.
var Modes = []string{"auto", "long", "ticks", "grid"}

func (m Mode) String() string {
	if m >= 0 && int(m) < len(Modes) {
		return Modes[m]
	}
	return fmt.Sprintf("mode(%d)", int(m))
}

// ParseMode is the inverse of Mode.String.
func ParseMode(s string) (Mode, bool) {
	for i, name := range Modes {
		if strings.EqualFold(strings.TrimSpace(s), name) {
			return Mode(i), true
		}
	}
	return 0, false
}

// Row is one row of a sheet: its 1-based number and its cells from column A on.
type Row struct {
	Num   int
	Cells []string
	// NoValue lists the 1-based columns whose formula has no stored value: their empty text is
	// no empty box.
	NoValue []int
}

// Context is what names a table besides its cells.
type Context struct {
	File    string // the file's name (its folder is ignored)
	Sheet   string // the sheet's name; empty for a CSV file and for a Word table
	Caption string // the text before a Word table, one line each, widest first (sheet.Info.Caption): "Reply of Austria\nSerbia"
}

// Cell is a position in the sheet, 1-based; the zero Cell is no cell (a value the context gave).
type Cell struct{ Row, Col int }

// Record is one activity, or a respondent's nil reply (Text[Partner], Text[Area] and
// Text[Type] empty), in the long layout. Text holds, for each survey key, the text to match
// (the cell's own text, or the canonical label when the context gave it); From says where each
// came from; At is the cell that makes it an activity (the mark, count or list).
type Record struct {
	Text [4]string
	From [4]Cell
	At   Cell
	Desc string // the row's description, when the table has a description column
}

// Problem is a cell the table cannot be read at, with the fix in its message. RowLevel
// problems concern one row's activities only (--skip-invalid leaves that row out).
type Problem struct {
	At       Cell
	Message  string
	RowLevel bool
	// Unknown, when set, is a label that names no value: the caller words the message (with its
	// did-you-mean) as for any cell, and Message is empty.
	Unknown *Unknown
}

// Table is a tick-box or grid table read into records.
type Table struct {
	Mode Mode // Ticks or Grid
	// Describe says how the table was read: "grid: areas x types, partner from the sheet name
	// 'Serbia'".
	Describe  string
	HeaderRow int
	Records   []Record
	// Fixed holds the canonical value of each key the context gave (a title, the sheet's or the
	// file's name), "" for the keys the table's cells give; FixedFrom says where from.
	Fixed     [4]string
	FixedFrom [4]string
	Problems  []Problem
	// Activities counts the records that are activities (not nil replies).
	Activities int
}

// Key names the reply a table is, when the context fixes its respondent: "Austria" for a
// state's grid, "Austria, partner Serbia" for one grid per partner. Two tables with one key
// are the same reply given twice. It is "" when the respondent comes from a column.
func (t *Table) Key(s *survey.Schema) string {
	if t.Fixed[survey.State] == "" {
		return ""
	}
	key := t.Fixed[survey.State]
	for _, k := range survey.Dims {
		if t.Fixed[k] != "" {
			key += ", " + s.Dim(k).Noun + " " + t.Fixed[k]
		}
	}
	return key
}

// Content is the table's activities as canonical text, sorted, to compare two tables of one
// reply.
func (t *Table) Content() string {
	lines := make([]string, 0, len(t.Records))
	for _, r := range t.Records {
		var parts []string
		for _, k := range survey.Keys {
			parts = append(parts, survey.Normalize(r.Text[k]))
		}
		lines = append(lines, strings.Join(parts, "|"))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// Error is a table that cannot be interpreted: where, and what was expected.
type Error struct {
	At      Cell
	Message string
	// NotFound says that the rows hold no such table at all (a layout was forced on a sheet of
	// instructions, say), rather than one that cannot be read.
	NotFound bool
}

func (e *Error) Error() string { return e.Message }
