// Package table is the model of every table mapsurvey prints: columns that say what kind of
// figure they hold, rows of cells with a text for people and a raw value for machines. It has
// no writer: pkg/render writes tables as text, Markdown and CSV, pkg/report and pkg/xlsxreport
// lay them out in the annex. Builders (pkg/render for the note, pkg/compare for comparisons)
// decide what a table shows.
package table

// Kind is what a column holds. Writers decide from it, never from a title, how to align and
// store a cell: a type of support called "% of budget" is still a label.
type Kind int

const (
	// Label is text: a category, a respondent's name, a row's description.
	Label Kind = iota
	// Count is a whole number of respondents or activities.
	Count
	// Share is a percentage, written without its "%" sign ("33.3" is 33.3%).
	Share
	// Rank is a position in a ranking (1, 2, 3).
	Rank
	// Difference is a signed whole number, new minus old ("+3", "-2", "0" for people).
	Difference
)

// Numeric reports whether the column holds numbers (right-aligned; stored as numbers where
// the cell parses as one).
func (k Kind) Numeric() bool { return k != Label }

// String names the kind, for test failures and debugging.
func (k Kind) String() string {
	switch k {
	case Label:
		return "label"
	case Count:
		return "count"
	case Share:
		return "share"
	case Rank:
		return "rank"
	case Difference:
		return "difference"
	}
	return "unknown"
}

// Value is one table cell: the text shown to people and the raw value written for machines
// (the unadjusted share where Text is a largest-remainder share).
type Value struct {
	Text string
	Raw  string
	// Part and Whole, in a share's cell, are the counts it is the share of (Part/Whole exactly,
	// for writers that store exact values); Whole is 0 in every other cell.
	Part, Whole int
}

// Column is a table column: its title and the kind of figure its cells hold. A numeric column
// may still hold placeholders ("-", "<3") in some cells.
type Column struct {
	Title string
	Kind  Kind
}

// Numeric reports whether the column holds numbers.
func (c Column) Numeric() bool { return c.Kind.Numeric() }

// Table is one table: of the note, or of a comparison.
type Table struct {
	Name    string // stable and file-safe: "02-partners"
	Title   string
	Caption string // what is counted and its base
	Columns []Column
	Rows    [][]Value
	Total   []Value // nil when the table has no total row
	Notes   []string
}
