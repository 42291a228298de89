package chart_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/internal/threew"
)

func TestTop(t *testing.T) {
	for _, tc := range []struct {
		n          int
		summable   bool
		shown, out int
	}{
		{6, true, 6, 0}, {20, true, 20, 0}, {20, false, 20, 0},
		// One bar more than fits: 19 bars and "Other (2 more)", or the 20 largest alone.
		{21, true, 19, 2}, {21, false, 20, 1},
		{61, true, 19, 42}, {61, false, 20, 41}, {100, true, 19, 81},
	} {
		shown, out := chart.Top(tc.n, tc.summable)
		if shown != tc.shown || out != tc.out {
			t.Errorf("Top(%d, %v) = %d, %d; want %d, %d", tc.n, tc.summable, shown, out, tc.shown, tc.out)
		}
	}
}

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		n, size int
		want    [][2]int
	}{
		{0, 20, nil},
		{8, 20, [][2]int{{0, 8}}},
		{20, 20, [][2]int{{0, 20}}},
		{21, 20, [][2]int{{0, 11}, {11, 21}}},
		{61, 20, [][2]int{{0, 16}, {16, 31}, {31, 46}, {46, 61}}},
		{20, 12, [][2]int{{0, 10}, {10, 20}}},
	} {
		if got := chart.Split(tc.n, tc.size); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Split(%d, %d) = %v, want %v", tc.n, tc.size, got, tc.want)
		}
	}
}

func TestPlanHeat(t *testing.T) {
	for _, tc := range []struct {
		rows, cols      int
		transpose       bool
		rowRuns, colRun int
		shownCols       int
	}{
		// The note: 8 areas x 6 partners, one chart as it is.
		{8, 6, false, 1, 1, 6},
		{12, 12, false, 1, 1, 12},
		// 20 sectors x 61 districts: districts down the side in 4 parts, sectors in 2 groups.
		{20, 61, true, 4, 2, 20},
		{61, 20, false, 4, 2, 20},
		// 100 x 100: 5 parts of 20 rows, and only the 24 largest columns.
		{100, 100, false, 5, 2, 24},
		// A long list of areas and few partners stays as it is, split down.
		{60, 5, false, 3, 1, 5},
	} {
		p := chart.PlanHeat(tc.rows, tc.cols)
		if p.Transpose != tc.transpose || len(p.Rows) != tc.rowRuns || len(p.Cols) != tc.colRun || p.ShownCols != tc.shownCols {
			t.Errorf("PlanHeat(%d, %d) = %+v; want transpose %v, %d x %d runs, %d columns", tc.rows, tc.cols, p, tc.transpose, tc.rowRuns, tc.colRun, tc.shownCols)
		}
	}
}

// TestManyCategories builds the charts of generated 3W surveys and checks what each says it
// leaves out: no chart is larger than the limits, the shares still add up to 100, and every
// omission is in the chart's subtitle.
func TestManyCategories(t *testing.T) {
	for _, n := range []int{10, 30, 61, 100} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			size := threew.Size{Rows: 60 * n, Organisations: 150, Districts: n, Sectors: min(n, 25), Modalities: 4}
			a, s := threew.Load(t, size)
			charts := chart.Build(a, s, chart.Options{})
			perPartner, heats := 0, 0
			for _, c := range charts {
				h := c.Header()
				if h.Omits != nil && !strings.Contains(h.Subtitle, h.Omits.Sentence) {
					t.Errorf("%s: subtitle %q does not say %q", h.Name, h.Subtitle, h.Omits.Sentence)
				}
				switch ch := c.(type) {
				case *chart.Bars:
					if len(ch.Bars) > chart.MaxBars {
						t.Errorf("%s: %d bars", h.Name, len(ch.Bars))
					}
					categories := map[string]int{"01": size.Sectors, "02": size.Modalities, "03": n, "04": n}[h.Name[:2]]
					if (categories > chart.MaxBars) != (h.Omits != nil) {
						t.Errorf("%s: %d categories, omission %+v", h.Name, categories, h.Omits)
					}
				case *chart.Heat:
					if len(ch.Rows) > chart.MaxHeatRows || len(ch.Cols) > chart.MaxHeatCols {
						t.Errorf("%s: %d x %d cells", h.Name, len(ch.Rows), len(ch.Cols))
					}
					if strings.HasPrefix(h.Name, "07-") {
						perPartner++
					} else {
						heats++
					}
				}
			}
			if want := min(n, chart.MaxPartnerCharts); perPartner != want {
				t.Errorf("%d per-partner charts, want %d", perPartner, want)
			}
			if want := chart.PlanHeat(min(n, 25), n).Charts(); heats != want {
				t.Errorf("%d partner x area charts, want %d", heats, want)
			}
			// The districts' shares: the shown bars and "Other" add up to 100.
			share := byName(t, charts, "03-partners-activity-share").(*chart.Bars)
			total := 0.0
			for _, b := range share.Bars {
				total += b.Value
			}
			if total < 99.999 || total > 100.001 {
				t.Errorf("district shares add up to %v", total)
			}
			// Every label is its own bar's value rounded (within one point), and the labels add
			// up to 100 too: "Other" once read 53% for a bar of 56.7%.
			shownTotal := 0
			for _, b := range share.Bars {
				var shown, count int
				if _, err := fmt.Sscanf(b.Text, "%d%% (%d)", &shown, &count); err != nil {
					t.Fatalf("bar %q: text %q: %v", b.Label, b.Text, err)
				}
				if d := float64(shown) - b.Value; d <= -1 || d >= 1 {
					t.Errorf("bar %q shows %d%% for %.2f%%", b.Label, shown, b.Value)
				}
				shownTotal += shown
			}
			if shownTotal != 100 {
				t.Errorf("district share labels add up to %d", shownTotal)
			}
			last := share.Bars[len(share.Bars)-1]
			if n > chart.MaxBars && last.Label != fmt.Sprintf("Other (%d more)", n-chart.MaxBars+1) {
				t.Errorf("last bar %q", last.Label)
			}
		})
	}
}
