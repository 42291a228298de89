package chart_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// smallSurvey: three partners (the last with a footnote), two areas, two types; counts chosen
// by hand so that every expected figure below can be checked on paper.
func smallSurvey(t *testing.T) (*tally.Analysis, *survey.Schema) {
	t.Helper()
	s := survey.Builtin()
	s.Columns[survey.Partner].Values = []survey.Value{{Label: "Albania"}, {Label: "Serbia", Colour: "#123456"}, {Label: "Kosovo*", Footnote: "Designation."}}
	s.Columns[survey.Area].Values = []survey.Value{{Label: "Asylum"}, {Label: "Return"}}
	s.Columns[survey.Type].Values = []survey.Value{{Label: "Expert"}, {Label: "Equipment"}}
	// States A and B are active, C is a nil reply. A: Serbia/Asylum/Expert twice and
	// Kosovo*/Return/Expert; B: Serbia/Return/Equipment, Albania/Return/Expert, Kosovo*/Return/Expert.
	acts := []tally.Activity{
		{State: 0, Partner: 1, Area: 0, Type: 0},
		{State: 0, Partner: 1, Area: 0, Type: 0},
		{State: 1, Partner: 1, Area: 1, Type: 1},
		{State: 1, Partner: 0, Area: 1, Type: 0},
		{State: 0, Partner: 2, Area: 1, Type: 0},
		{State: 1, Partner: 2, Area: 1, Type: 0},
	}
	a, err := tally.Count(tally.Input{States: []string{"A", "B", "C"}, Partners: s.Labels(survey.Partner),
		Areas: s.Labels(survey.Area), Types: s.Labels(survey.Type), Activities: acts})
	if err != nil {
		t.Fatal(err)
	}
	return a, s
}

func byName(t *testing.T, charts []chart.Chart, name string) chart.Chart {
	t.Helper()
	for _, c := range charts {
		if c.FileName() == name {
			return c
		}
	}
	t.Fatalf("no chart %s", name)
	return nil
}

func TestChartsAreTheNotesInStableOrder(t *testing.T) {
	a, s := smallSurvey(t)
	var names []string
	for _, c := range chart.Build(a, s, chart.Options{}) {
		names = append(names, c.FileName())
	}
	want := []string{"01-areas-activity-share", "02-types-activity-share", "03-partners-activity-share", "04-partners-states",
		"05-areas-states-and-share", "06-partner-area-states",
		// Partners by states (2 each for Serbia and Kosovo*, then activities: Serbia 3, Kosovo* 2), then Albania.
		"07-partner-serbia-areas-by-type", "07-partner-kosovo-areas-by-type", "07-partner-albania-areas-by-type"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("charts\n%v\nwant\n%v", names, want)
	}
}

func TestShareChartsAreSortedAndLabelledWithShareAndCount(t *testing.T) {
	a, s := smallSurvey(t)
	partners := byName(t, chart.Build(a, s, chart.Options{}), "03-partners-activity-share").(*chart.Bars)
	var got []string
	for _, b := range partners.Bars {
		got = append(got, b.Label+" "+b.Text)
	}
	// 3, 2 and 1 of 6 activities: 50%, 33.3% and 16.7% shown as 50, 33, 17 (adds to 100).
	if want := []string{"Serbia 50% (3)", "Kosovo* 33% (2)", "Albania 17% (1)"}; !reflect.DeepEqual(got, want) {
		t.Errorf("bars %v, want %v", got, want)
	}
	if partners.Bars[0].Value != 50 || partners.Max != 50 {
		t.Errorf("bar length %v, max %v: want the exact share, 50", partners.Bars[0].Value, partners.Max)
	}
	if !strings.Contains(partners.Subtitle, "6 activities") {
		t.Errorf("subtitle %q does not give the base", partners.Subtitle)
	}
}

func TestStateChartsCountDistinctStates(t *testing.T) {
	a, s := smallSurvey(t)
	states := byName(t, chart.Build(a, s, chart.Options{}), "04-partners-states").(*chart.Bars)
	var got []string
	for _, b := range states.Bars {
		got = append(got, b.Label+"="+b.Text)
	}
	if want := []string{"Serbia=2", "Kosovo*=2", "Albania=1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("bars %v, want %v", got, want)
	}
	if states.Max != 2 || !strings.Contains(states.Subtitle, "n = 2 Member States") {
		t.Errorf("max %v, subtitle %q: the base is the 2 active states", states.Max, states.Subtitle)
	}
}

// TestOneMeasureOneColour: a bar chart of one measure paints every bar alike (the bars differ
// in length, not in kind), so that no colour in the report suggests a category it does not
// stand for; categories have colours only where a chart tells them apart (Colours).
func TestOneMeasureOneColour(t *testing.T) {
	a, s := smallSurvey(t)
	for _, c := range chart.Build(a, s, chart.Options{}) {
		var bars []chart.Bar
		switch ch := c.(type) {
		case *chart.Bars:
			bars = ch.Bars
		case *chart.Panels:
			for _, p := range ch.Panels {
				bars = append(bars, p.Bars...)
			}
		}
		for _, b := range bars {
			if b.Colour != chart.OneMeasure {
				t.Errorf("%s: %s in %s", c.FileName(), b.Label, b.Colour)
			}
		}
	}
}

// TestColoursNameOneCategory: where categories are coloured, a schema's colour is used, the
// first value takes its palette's first colour, and columns have palettes of their own.
func TestColoursNameOneCategory(t *testing.T) {
	_, s := smallSurvey(t)
	colours := chart.Colours(s)
	if colours[survey.Partner][1] != "#123456" {
		t.Errorf("Serbia's colour from the schema was not used: %v", colours[survey.Partner])
	}
	if colours[survey.Partner][0] != chart.Palettes[survey.Partner][0] || colours[survey.Area][0] != chart.Palettes[survey.Area][0] {
		t.Errorf("first values take their palette's first colour: %v %v", colours[survey.Partner], colours[survey.Area])
	}
	if colours[survey.Partner][0] == colours[survey.Area][0] {
		t.Errorf("Albania has the first area's colour")
	}
}

func TestFootnotesFollowTheLabel(t *testing.T) {
	a, s := smallSurvey(t)
	for _, c := range chart.Build(a, s, chart.Options{}) {
		h := c.Header()
		shows := strings.Contains(h.Title, "Kosovo*")
		switch ch := c.(type) {
		case *chart.Bars:
			for _, b := range ch.Bars {
				shows = shows || b.Label == "Kosovo*"
			}
		case *chart.Heat:
			for _, col := range ch.Cols {
				shows = shows || col == "Kosovo*"
			}
		}
		has := reflect.DeepEqual(h.Footnotes, []string{"* Designation."})
		if shows != has {
			t.Errorf("%s: shows Kosovo* %v, footnotes %q", c.FileName(), shows, h.Footnotes)
		}
	}
}

func TestHeatMapHoldsStatesPerPartnerAndAreaWithZeros(t *testing.T) {
	a, s := smallSurvey(t)
	heat := byName(t, chart.Build(a, s, chart.Options{}), "06-partner-area-states").(*chart.Heat)
	// Rows by states: Return (A and B), then Asylum (A); columns: Serbia, Kosovo*, Albania.
	if !reflect.DeepEqual(heat.Rows, []string{"Return", "Asylum"}) || !reflect.DeepEqual(heat.Cols, []string{"Serbia", "Kosovo*", "Albania"}) {
		t.Fatalf("rows %v, cols %v", heat.Rows, heat.Cols)
	}
	want := [][]int{{1, 2, 1}, {1, 0, 0}}
	if !reflect.DeepEqual(heat.Values, want) || heat.Max != 2 {
		t.Errorf("values %v max %d, want %v max 2", heat.Values, heat.Max, want)
	}
}

// TestPartnerChartIsAHeatMapOfAreasAndTypes: a partner's chart is a small grid, areas in the
// order of the partner's table (its own states, then activities), types of support across in
// questionnaire order, on one scale for every partner.
func TestPartnerChartIsAHeatMapOfAreasAndTypes(t *testing.T) {
	a, s := smallSurvey(t)
	charts := chart.Build(a, s, chart.Options{})
	serbia := byName(t, charts, "07-partner-serbia-areas-by-type").(*chart.Heat)
	// Serbia: Asylum (state A, 2 activities) and Return (state B, 1): one state each, Asylum
	// first by activities, as in Serbia's table.
	if !reflect.DeepEqual(serbia.Rows, []string{"Asylum", "Return"}) || !reflect.DeepEqual(serbia.Cols, []string{"Expert", "Equipment"}) {
		t.Fatalf("rows %v, cols %v", serbia.Rows, serbia.Cols)
	}
	if want := [][]int{{1, 0}, {0, 1}}; !reflect.DeepEqual(serbia.Values, want) {
		t.Errorf("values %v, want %v", serbia.Values, want)
	}
	// Kosovo*/Return/Expert has two states (A and B): the scale of every partner's map.
	kosovo := byName(t, charts, "07-partner-kosovo-areas-by-type").(*chart.Heat)
	if serbia.Max != 2 || kosovo.Max != 2 {
		t.Errorf("scales %d and %d, want 2, the most states in any partner's cell", serbia.Max, kosovo.Max)
	}
	bySurvey := byName(t, chart.Build(a, s, chart.Options{BySurvey: true}), "07-partner-kosovo-areas-by-type").(*chart.Heat)
	if !reflect.DeepEqual(bySurvey.Rows, []string{"Asylum", "Return"}) || !reflect.DeepEqual(kosovo.Rows, []string{"Return", "Asylum"}) {
		t.Errorf("rows by size %v, in survey order %v", kosovo.Rows, bySurvey.Rows)
	}
}
