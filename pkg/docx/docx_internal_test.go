package docx

import (
	"fmt"
	"strings"
	"testing"
)

func cells(texts ...string) []Cell {
	out := make([]Cell, len(texts))
	for i, t := range texts {
		out[i] = Cell{{Text: t}}
	}
	return out
}

// TestColumnsFitTheirLongestWord: each column is at least as wide as its longest word (so that
// "Activities" never breaks into "Activitie|s"), the label column takes what is left, and the
// whole is the text width.
func TestColumnsFitTheirLongestWord(t *testing.T) {
	const total = pageWidth - 2*margin
	tbl := Table{Header: cells("Area", "Member States", "Activities", "Financial assistance", "Expert assistance", "Equipment"),
		Rows:    [][]Cell{cells("Information exchange/situational awareness", "9", "9", "3", "5", "1")},
		Numeric: []bool{false, true, true, true, true, true}}
	widths, rotated := columnWidths(tbl, total)
	if rotated {
		t.Fatal("six columns fit with their headers across")
	}
	sum := 0
	for c, w := range widths {
		sum += w
		for _, word := range strings.Fields(tbl.Header[c][0].Text) {
			if need := textWidth(word, true) + cellPadding; w < need {
				t.Errorf("column %d: %d twips, %q needs %d", c, w, word, need)
			}
		}
	}
	if sum != total {
		t.Errorf("columns add up to %d twips, the text is %d wide", sum, total)
	}
	if widths[0] < 3000 {
		t.Errorf("the label column has %d twips", widths[0])
	}
}

// TestWideTablesTurnTheirHeaders: ten columns whose header words cannot stand side by side get
// upward headers, and the numbers' columns shrink to leave the labels room.
func TestWideTablesTurnTheirHeaders(t *testing.T) {
	const total = pageWidth - 2*margin
	header := cells("Field", "Donors", "Activities", "Training", "Technical assistance", "Equipment", "Infrastructure",
		"Study visits", "Conferences and coordination", "Awareness raising")
	numeric := []bool{false, true, true, true, true, true, true, true, true, true}
	tbl := Table{Header: header, Rows: [][]Cell{cells("Counter-trafficking and organised crime", "4", "5", "1", "2", "0", "0", "0", "0", "2")},
		Numeric: numeric}
	widths, rotated := columnWidths(tbl, total)
	if !rotated {
		t.Fatal("ten columns of long headers are not turned")
	}
	sum := 0
	for _, w := range widths {
		sum += w
	}
	if sum != total || widths[0] < 3000 {
		t.Errorf("widths %v (sum %d of %d)", widths, sum, total)
	}
	d := New("t")
	d.Table(tbl)
	if got := strings.Count(d.body.String(), `<w:textDirection w:val="btLr"/>`); got != 9 {
		t.Errorf("%d headers turned, want the 9 numeric ones", got)
	}
}

// TestMarkedFootnotesTakeNoNumber: Word numbers footnotes 1, 2, ... skipping those with a mark
// of their own, so that "see footnote 2" can be written before Word renumbers.
func TestMarkedFootnotesTakeNoNumber(t *testing.T) {
	d := New("t")
	a, k, b := d.Footnote("a", ""), d.Footnote("Kosovo", "*"), d.Footnote("b", "")
	if a.Number != 1 || k.Number != 0 || b.Number != 2 {
		t.Errorf("numbers %d, %d, %d; want 1, 0, 2", a.Number, k.Number, b.Number)
	}
}

// TestLongTablesMayBreak: a table of up to keepWholeRows rows keeps together (every row but the
// last with the next); a longer one keeps its header with its first rows and its total with the
// rows before it, and may break between, rather than move whole to the next page.
func TestLongTablesMayBreak(t *testing.T) {
	for _, tt := range []struct {
		body int
		want string // per row, header first: k keeps with the next, - does not
	}{
		{3, "kkkk-"},
		{keepWholeRows - 2, strings.Repeat("k", keepWholeRows-1) + "-"},
		{22, "kkk" + strings.Repeat("-", 18) + "kk-"},
	} {
		d := New("t")
		tbl := Table{Header: cells("Area", "Rank"), Numeric: []bool{false, true}, Total: cells("Total", "9")}
		for i := range tt.body {
			tbl.Rows = append(tbl.Rows, cells(fmt.Sprintf("Area %d", i), "1"))
		}
		d.Table(tbl)
		var got strings.Builder
		for _, row := range strings.Split(d.body.String(), "<w:tr>")[1:] {
			if strings.Contains(row, "<w:keepNext/>") {
				got.WriteString("k")
			} else {
				got.WriteString("-")
			}
		}
		if got.String() != tt.want {
			t.Errorf("%d rows: %s, want %s", tt.body, got.String(), tt.want)
		}
	}
	// Rows of one group (the same first cell) keep together: the break falls between groups.
	d := New("t")
	tbl := Table{Header: cells("Area", "Rank"), Numeric: []bool{false, true}}
	for g := range 7 {
		for r := range 3 {
			tbl.Rows = append(tbl.Rows, cells(fmt.Sprintf("Area %d", g), fmt.Sprint(r+1)))
		}
	}
	d.Table(tbl)
	var got strings.Builder
	for _, row := range strings.Split(d.body.String(), "<w:tr>")[1:] {
		got.WriteString(map[bool]string{true: "k", false: "-"}[strings.Contains(row, "<w:keepNext/>")])
	}
	if want := "k" + strings.Repeat("kk-", 7); got.String() != want {
		t.Errorf("groups of 3: %s, want %s", got.String(), want)
	}
}

// TestTurnedHeadersWrap: an upward header longer than 3 cm wraps onto a second line rather than
// making a 5 cm header row, and its column is a line wider than those of one line.
func TestTurnedHeadersWrap(t *testing.T) {
	header := cells("Field", "Donors", "Activities", "Training", "Technical assistance", "Equipment", "Infrastructure",
		"Study visits", "Conferences and coordination", "Awareness raising")
	numeric := []bool{false, true, true, true, true, true, true, true, true, true}
	tbl := Table{Header: header, Rows: [][]Cell{cells("Drug control", "4", "5", "1", "2", "0", "0", "0", "0", "2")}, Numeric: numeric}
	widths, rotated := columnWidths(tbl, pageWidth-2*margin)
	if !rotated {
		t.Fatal("not turned")
	}
	if h := rotatedHeaderHeight(tbl); h > 1701+cellPadding {
		t.Errorf("header row %d twips high, want at most 3 cm and the padding (%d)", h, 1701+cellPadding)
	}
	if widths[8] < rotatedMinWidth+lineTwips || widths[3] >= rotatedMinWidth+lineTwips {
		t.Errorf("widths %v: the wrapped header's column (8) is not a line wider than a one-line one (3)", widths)
	}
}

// TestGroupedTablesMergeTheirLabels: in a grouped table a first cell that repeats the one above
// is merged into it (w:vMerge) and shows no text of its own; other columns are untouched.
func TestGroupedTablesMergeTheirLabels(t *testing.T) {
	d := New("t")
	d.Table(Table{Header: cells("Area", "Rank", "Partner"), Numeric: []bool{false, true, false}, Grouped: true,
		Rows: [][]Cell{cells("Asylum", "1", "Serbia"), cells("Asylum", "2", "Albania"), cells("Return", "1", "Serbia")}})
	rows := strings.Split(d.body.String(), "<w:tr>")[2:]
	first := func(row string) string { return strings.Split(row, "</w:tc>")[0] }
	if c := first(rows[0]); !strings.Contains(c, `<w:vMerge w:val="restart"/>`) || !strings.Contains(c, ">Asylum<") {
		t.Errorf("the group's first row does not start the merge: %s", c)
	}
	if c := first(rows[1]); !strings.Contains(c, `<w:vMerge/>`) || strings.Contains(c, "Asylum") {
		t.Errorf("the group's second row is not merged into the first: %s", c)
	}
	if c := first(rows[2]); strings.Contains(c, "vMerge") || !strings.Contains(c, ">Return<") {
		t.Errorf("a group of one is merged: %s", c)
	}
	if !strings.Contains(rows[1], ">Albania<") {
		t.Error("the merged row lost its other cells")
	}
}
