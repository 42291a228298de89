package chart

// The limits that keep every chart legible on an A4 page at 16 cm, whatever the number of
// categories (tested up to 100). Below them a chart shows everything, as the note's do.
const (
	// MaxBars is the most bars a bar chart shows: 20 rows of 0.72 cm fill a page's height
	// with its caption. A chart of shares with more categories shows the MaxBars-1 largest and
	// one "Other (k more)" bar for the rest together; a chart of respondents (not additive)
	// shows the MaxBars largest and says that it leaves the others out.
	MaxBars = 20
	// MaxHeatRows is the most rows of one heat map (20 rows of labels on two lines fill a page);
	// a longer grid is split into parts.
	MaxHeatRows = 20
	// MaxHeatCols is the most columns of one heat map: at 16 cm, beside the row labels, a
	// column keeps about a centimetre, room for a count and a label wrapped on three lines.
	MaxHeatCols = 12
	// MaxHeatColGroups is the most column groups a split heat map has: beyond it only the
	// MaxHeatCols*MaxHeatColGroups largest columns are shown.
	MaxHeatColGroups = 2
	// MaxPartnerCharts is the most per-partner charts: with more partners, only those with the
	// most respondents have one; the report lists the others in a table.
	MaxPartnerCharts = 12
)

// Omission says what a chart leaves out of its categories, for the report's caption.
type Omission struct {
	// Sentence says it in words, for the chart's own subtitle: "The 19 districts with the
	// most activities; the other 42 together as one bar."
	Sentence string
	// Table is the name (without its number) of the table that lists every category, "" if
	// none does; Total is how many categories it lists.
	Table string
	Total int
}

// Top is how many of n categories a bar chart shows one by one, and how many it gathers into
// one "Other" bar (other) or leaves out (when it cannot sum them).
func Top(n int, summable bool) (shown, rest int) {
	if n <= MaxBars {
		return n, 0
	}
	if summable {
		return MaxBars - 1, n - (MaxBars - 1)
	}
	return MaxBars, n - MaxBars
}

// Split cuts n items into the fewest runs of at most size, as even as they can be (the longer
// ones first): 61 rows of at most 20 are 16, 15, 15 and 15. Each run is [from, to).
func Split(n, size int) [][2]int {
	if n <= 0 {
		return nil
	}
	parts := (n + size - 1) / size
	out := make([][2]int, 0, parts)
	from := 0
	for i := range parts {
		l := n / parts
		if i < n%parts {
			l++
		}
		out = append(out, [2]int{from, from + l})
		from += l
	}
	return out
}

// HeatPlan is how a grid of rows x cols is laid out as heat maps.
type HeatPlan struct {
	// Transpose puts the grid's columns down the side: the longer category list runs down,
	// where a row costs height only, and the shorter across.
	Transpose bool
	// Rows and Cols are the runs of (possibly transposed) rows and columns; every pair is one
	// chart. Cols may cover fewer than all columns (ShownCols < the number of columns).
	Rows, Cols [][2]int
	ShownCols  int
}

// PlanHeat lays out a grid of rows x cols categories.
func PlanHeat(rows, cols int) HeatPlan {
	var p HeatPlan
	if cols > MaxHeatCols && cols > rows {
		p.Transpose = true
		rows, cols = cols, rows
	}
	p.ShownCols = min(cols, MaxHeatCols*MaxHeatColGroups)
	p.Rows = Split(rows, MaxHeatRows)
	p.Cols = Split(p.ShownCols, MaxHeatCols)
	return p
}

// Charts is the number of charts of a plan.
func (p HeatPlan) Charts() int { return len(p.Rows) * len(p.Cols) }
