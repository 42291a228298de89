package chartdraw

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/internal/threew"
)

// pageHeight is the most a chart may take: an A4 page's text height (29.7 cm less 2 cm margins)
// less room for its caption.
const pageHeight = 24 * vg.Centimeter

// manyCategories are generated 3W surveys with n districts, sectors and up to 15 modalities.
func manyCategories(t *testing.T, n int) []chart.Chart {
	t.Helper()
	size := threew.Size{Rows: 60 * n, Organisations: 150, Districts: n, Sectors: n, Modalities: min(n, 15)}
	a, s := threew.Load(t, size)
	return chart.Build(a, s, chart.Options{})
}

// TestChartsStayLegibleUpTo100Categories lays out every chart of surveys of 10 to 100
// categories per column and measures each label against the room it has: no label line is
// wider than its column, none taller than its row, no count wider than its cell, and no chart
// taller than a page. MAPSURVEY_CHART_DIR=dir also writes the charts there as PNG, to look at.
func TestChartsStayLegibleUpTo100Categories(t *testing.T) {
	dir := os.Getenv("MAPSURVEY_CHART_DIR")
	for _, n := range []int{10, 30, 60, 100} {
		charts := manyCategories(t, n)
		for _, c := range charts {
			name := fmt.Sprintf("%d/%s", n, c.FileName())
			j, err := plan(c, Options{Untitled: true})
			if err != nil {
				t.Fatal(err)
			}
			if h := j.height; h > pageHeight {
				t.Errorf("%s: %.1f cm tall, more than a page", name, h/vg.Centimeter)
			}
			switch d := j.body.(type) {
			case *barsDrawer:
				checkBars(t, name, d)
			case *panelsDrawer:
				for _, p := range d.panels {
					checkBars(t, name, p)
				}
			case *heatDrawer:
				checkHeat(t, name, d)
			}
			if dir != "" {
				data, err := Draw(c, Options{DPI: 100})
				if err != nil {
					t.Fatal(err)
				}
				p := filepath.Join(dir, strconv.Itoa(n), c.FileName()+".png")
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

func checkBars(t *testing.T, name string, d *barsDrawer) {
	t.Helper()
	if len(d.ch.Bars) > chart.MaxBars {
		t.Errorf("%s: %d bars, more than %d", name, len(d.ch.Bars), chart.MaxBars)
	}
	limit := d.l.width * labelShare
	for _, lab := range d.labels {
		checkLines(t, name, d.l.label, lab, limit, d.rowH)
	}
}

func checkHeat(t *testing.T, name string, d *heatDrawer) {
	t.Helper()
	if len(d.ch.Rows) > chart.MaxHeatRows || len(d.ch.Cols) > chart.MaxHeatCols {
		t.Errorf("%s: %d x %d cells, more than %d x %d", name, len(d.ch.Rows), len(d.ch.Cols), chart.MaxHeatRows, chart.MaxHeatCols)
	}
	for _, lab := range d.rows {
		checkLines(t, name, d.l.label, lab, d.l.width*labelShare, d.rowH)
	}
	// Column labels are centred on their columns: a label no wider than its column less two
	// points cannot touch its neighbours'.
	for _, lab := range d.cols {
		checkLines(t, name, d.colSty, lab, d.colW-2, d.colH)
	}
	// The widest count in a cell, in the cell's style, with the cell's 1-point inset each side.
	widest := strconv.Itoa(d.ch.Max)
	if w := d.l.label.Width(widest); w > d.colW-2 {
		t.Errorf("%s: the count %s is %.1f pt wide in a %.1f pt cell", name, widest, w, d.colW-2)
	}
}

// checkLines fails when a label's lines are wider than width or, stacked, taller than height.
func checkLines(t *testing.T, name string, s text.Style, label string, width, height vg.Length) {
	t.Helper()
	lines := strings.Split(label, "\n")
	for _, line := range lines {
		if w := s.Width(line); w > width+0.01 {
			t.Errorf("%s: label line %q is %.1f pt wide, room for %.1f", name, line, w, width)
		}
	}
	if h := vg.Length(len(lines)) * lineHeight(s); h > height+0.01 {
		t.Errorf("%s: label %q is %.1f pt tall (%d lines), room for %.1f", name, label, h, len(lines), height)
	}
	if len(lines) > max(maxLabelLines, maxColLines) {
		t.Errorf("%s: label %q has %d lines", name, label, len(lines))
	}
}
