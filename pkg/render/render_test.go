package render_test

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// threeThirds is a small survey in which naive rounding of the activity shares gives 99%:
// three partners with one activity each.
func threeThirds(t *testing.T) (*tally.Analysis, *survey.Schema) {
	t.Helper()
	s := survey.Builtin()
	s.Columns[survey.Partner].Values = []survey.Value{{Label: "Alpha"}, {Label: "Beta | Gamma"}, {Label: "Kosovo*", Footnote: "Designation."}}
	s.Columns[survey.Area].Values = []survey.Value{{Label: "Asylum"}, {Label: "Return"}}
	s.Columns[survey.Type].Values = []survey.Value{{Label: "Expert"}}
	a, err := tally.Count(tally.Input{
		States:   []string{"Austria", "Belgium", "Croatia"},
		Partners: s.Labels(survey.Partner), Areas: s.Labels(survey.Area), Types: s.Labels(survey.Type),
		Activities: []tally.Activity{
			{State: 0, Partner: 0, Area: 0}, {State: 0, Partner: 1, Area: 0}, {State: 1, Partner: 2, Area: 1},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return a, s
}

func find(t *testing.T, tables []render.Table, suffix string) render.Table {
	t.Helper()
	for _, tb := range tables {
		if strings.HasSuffix(tb.Name, suffix) {
			return tb
		}
	}
	t.Fatalf("no table named *%s", suffix)
	return render.Table{}
}

func TestSharesShownAddUpTo100AndRawOnesAreUnadjusted(t *testing.T) {
	a, s := threeThirds(t)
	for _, decimals := range []int{0, 1} {
		partners := find(t, render.Tables(a, s, render.Options{Order: render.BySurvey, Decimals: decimals}), "-partners")
		var shown, raw []string
		for _, row := range partners.Rows {
			shown = append(shown, row[4].Text)
			raw = append(raw, row[4].Raw)
		}
		want := map[int]string{0: "34 33 33", 1: "33.4 33.3 33.3"}[decimals]
		if got := strings.Join(shown, " "); got != want {
			t.Errorf("decimals %d: shown shares %s, want %s", decimals, got, want)
		}
		if got := strings.Join(raw, " "); got != "33.3 33.3 33.3" {
			t.Errorf("raw shares %s, want 33.3 each", got)
		}
	}
}

func TestTotalRowCountsDistinctStates(t *testing.T) {
	a, s := threeThirds(t)
	partners := find(t, render.Tables(a, s, render.Options{}), "-partners")
	// Austria is active with two partners: the column sums to 3, the distinct count is 2.
	if got := partners.Total[1].Text; got != "2" {
		t.Errorf("total states %s, want 2 (distinct), not the column's sum", got)
	}
	if got := partners.Total[3].Text; got != "3" {
		t.Errorf("total activities %s, want 3", got)
	}
}

func TestFootnotesOnlyWhereTheLabelAppears(t *testing.T) {
	a, s := threeThirds(t)
	for _, tb := range render.Tables(a, s, render.Options{}) {
		shows := strings.Contains(tb.Title, "Kosovo*")
		for _, row := range tb.Rows {
			for _, v := range row {
				shows = shows || v.Text == "Kosovo*"
			}
		}
		hasNote := len(tb.Notes) == 1 && tb.Notes[0] == "* Designation."
		if shows != hasNote {
			t.Errorf("%s: shows Kosovo* %v, footnote %q", tb.Name, shows, tb.Notes)
		}
	}
}

func TestByStateTableOnlyWhenAsked(t *testing.T) {
	a, s := threeThirds(t)
	for _, asked := range []bool{false, true} {
		var buf bytes.Buffer
		if err := render.Text(&buf, render.Tables(a, s, render.Options{ByState: asked})); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(buf.String(), "Austria"); got != asked {
			t.Errorf("--by-state %v: output names a state: %v", asked, got)
		}
		var js bytes.Buffer
		if err := render.JSON(&js, render.NewAnalysis(a, s, nil, asked)); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(js.String(), "Austria"); got != asked {
			t.Errorf("--by-state %v: JSON names a state: %v", asked, got)
		}
	}
}

func TestMarkdownKeepsLabelsLiteral(t *testing.T) {
	a, s := threeThirds(t)
	var buf bytes.Buffer
	if err := render.Markdown(&buf, render.Tables(a, s, render.Options{})); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`| Beta \| Gamma `, `| Kosovo\* `, "\n\\* Designation.\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}

func TestCSVCarriesRawValues(t *testing.T) {
	a, s := threeThirds(t)
	var buf bytes.Buffer
	if err := render.CSVTable(&buf, find(t, render.Tables(a, s, render.Options{Order: render.BySurvey}), "-partners")); err != nil {
		t.Fatal(err)
	}
	want := "Partner,Member States,% of Member States,Activities,% of activities\n" +
		"Alpha,1,50.0,1,33.3\nBeta | Gamma,1,50.0,1,33.3\nKosovo*,1,50.0,1,33.3\nTotal,2,100.0,3,100.0\n"
	if buf.String() != want {
		t.Errorf("CSV\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestJSONListsEveryCombinationInSurveyOrder(t *testing.T) {
	a, s := threeThirds(t)
	doc := jsonRoundTrip(t, a, s)
	if len(doc.PartnerArea) != 6 || len(doc.PartnerAreaT) != 6 || len(doc.AreaType) != 2 {
		t.Fatalf("combinations: %d partner x area, %d partner x area x type, %d area x type; want 6, 6, 2",
			len(doc.PartnerArea), len(doc.PartnerAreaT), len(doc.AreaType))
	}
	first, last := doc.PartnerArea[0], doc.PartnerArea[5]
	if first.Partner != "Alpha" || first.Area != "Asylum" || last.Partner != "Kosovo*" || last.Area != "Return" || last.States != 1 {
		t.Errorf("order: first %+v, last %+v", first, last)
	}
	if doc.Schema != "mapsurvey/analysis/v2" || doc.NilReplies != 1 || doc.Partner[0].ActivityPct != 33.3 || doc.Partner[0].StatePct != 50 {
		t.Errorf("document %+v", doc)
	}
}

// TestColumnKinds: writers align and store cells by their column's kind, so every builder says
// which columns hold shares; a type of support titled "% of budget" heads a column of counts.
func TestColumnKinds(t *testing.T) {
	a, s := threeThirds(t)
	s.Columns[survey.Type].Values[0].Label = "% of budget"
	kinds := func(tb render.Table) string {
		var out []string
		for _, c := range tb.Columns {
			out = append(out, c.Kind.String())
		}
		return strings.Join(out, " ")
	}
	tables := render.Tables(a, s, render.Options{ByState: true})
	for suffix, want := range map[string]string{
		"-overview":      "label count",
		"-partners":      "label count share count share",
		"-area-states":   "label count share",
		"-top-partners":  "label rank label count count",
		"-partner-alpha": "label count count count",
		"-by-state":      "label count count count count",
	} {
		if got := kinds(find(t, tables, suffix)); got != want {
			t.Errorf("%s: column kinds %s, want %s", suffix, got, want)
		}
	}
}

// A pseudo-partner has most states in Asylum here, but the top lists rank only real partners,
// and the top table's caption says why it is missing; the partner table still counts it.
func TestTopListsLeaveOutPseudoPartners(t *testing.T) {
	a, s := threeThirds(t)
	s.Columns[survey.Partner].Values[0] = survey.Value{Label: "Alpha", Pseudo: true}
	top := find(t, render.Tables(a, s, render.Options{}), "top-partners")
	var ranked []string
	for _, row := range top.Rows {
		ranked = append(ranked, row[0].Text+": "+row[2].Text)
	}
	if got, want := strings.Join(ranked, "; "), "Asylum: Beta | Gamma; Return: Kosovo*"; got != want {
		t.Errorf("top partners %q, want %q", got, want)
	}
	if !strings.Contains(top.Caption, "Alpha: not ranked, as no single partner.") {
		t.Errorf("caption %q does not say Alpha is not ranked", top.Caption)
	}
	if partners := find(t, render.Tables(a, s, render.Options{}), "-partners"); !strings.Contains(fmtRows(partners), "Alpha") {
		t.Errorf("the partner table lost Alpha")
	}
	doc := jsonRoundTrip(t, a, s)
	if p := doc.TopPartners[0].Partners; len(p) != 1 || p[0].Partner != "Beta | Gamma" {
		t.Errorf("JSON top partners in Asylum: %+v, want Beta | Gamma alone", p)
	}
}

func fmtRows(tb render.Table) string {
	var b strings.Builder
	for _, row := range tb.Rows {
		for _, v := range row {
			b.WriteString(v.Text + "|")
		}
	}
	return b.String()
}

// jsonRoundTrip writes the analysis as JSON and reads it back, as a consumer would.
func jsonRoundTrip(t *testing.T, a *tally.Analysis, s *survey.Schema) render.Analysis {
	t.Helper()
	var buf bytes.Buffer
	if err := render.JSON(&buf, render.NewAnalysis(a, s, nil, false)); err != nil {
		t.Fatal(err)
	}
	var doc render.Analysis
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// Every table sorted by size says so in its caption and sorts by the first count it shows, the
// number of states active. Here Alpha has most activities but Beta most states.
func TestSortedTablesSortByTheirFirstCountAndSaySo(t *testing.T) {
	s := survey.Builtin()
	s.Columns[survey.Partner].Values = []survey.Value{{Label: "Alpha"}, {Label: "Beta"}}
	s.Columns[survey.Area].Values = []survey.Value{{Label: "Asylum"}, {Label: "Return"}}
	s.Columns[survey.Type].Values = []survey.Value{{Label: "Expert"}, {Label: "Grant"}}
	a, err := tally.Count(tally.Input{
		States:   []string{"Austria", "Belgium"},
		Partners: s.Labels(survey.Partner), Areas: s.Labels(survey.Area), Types: s.Labels(survey.Type),
		Activities: []tally.Activity{
			{State: 0, Partner: 0, Area: 0, Type: 0}, {State: 0, Partner: 0, Area: 0, Type: 0}, {State: 0, Partner: 0, Area: 0, Type: 0},
			{State: 0, Partner: 1, Area: 1, Type: 1}, {State: 1, Partner: 1, Area: 1, Type: 1},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	sorted := 0
	for _, tb := range render.Tables(a, s, render.Options{}) {
		if strings.HasSuffix(tb.Name, "overview") {
			continue
		}
		if !strings.Contains(tb.Caption, "sorted by the number of Member States active, then by activities.") {
			t.Errorf("%s: caption %q does not say how the rows are sorted", tb.Name, tb.Caption)
		}
		first := -1
		for c, col := range tb.Columns {
			if col.Title == "Member States" {
				first = c
				break
			}
		}
		if strings.HasSuffix(tb.Name, "top-partners") {
			continue // ranked within each area; the areas follow the area table
		}
		prev := 1 << 30
		for _, row := range tb.Rows {
			n, _ := strconv.Atoi(row[first].Raw)
			if n > prev {
				t.Errorf("%s: %s has %d Member States after a row with %d: not sorted by the first count shown", tb.Name, row[0].Text, n, prev)
			}
			prev = n
		}
		sorted++
	}
	// The top list takes its areas in the area table's order.
	tables := render.Tables(a, s, render.Options{})
	var areaOrder, topOrder []string
	for _, row := range find(t, tables, "area-states").Rows {
		areaOrder = append(areaOrder, row[0].Text)
	}
	for _, row := range find(t, tables, "top-partners").Rows {
		if len(topOrder) == 0 || topOrder[len(topOrder)-1] != row[0].Text {
			topOrder = append(topOrder, row[0].Text)
		}
	}
	if strings.Join(topOrder, ",") != strings.Join(areaOrder, ",") {
		t.Errorf("top list areas %v, area table %v", topOrder, areaOrder)
	}
	if sorted < 5 {
		t.Errorf("checked %d tables, want the partner, type, area and area-state tables and one per partner", sorted)
	}
	for _, tb := range render.Tables(a, s, render.Options{Order: render.BySurvey}) {
		if !strings.HasSuffix(tb.Name, "overview") && !strings.Contains(tb.Caption, "in questionnaire order.") {
			t.Errorf("%s with --order survey: caption %q does not say the rows follow the questionnaire", tb.Name, tb.Caption)
		}
	}
}

// The workbook's partner x area grid hides small counts as the other tables do, and the gaps
// table lists each gap and overlap once.
func TestPartnerAreaAndGapsTables(t *testing.T) {
	a, s := threeThirds(t)
	grid := render.PartnerAreaTable(a, s, render.Options{SuppressBelow: 2})
	if got := fmtRows(grid); got != "Alpha|<2|0|Beta | Gamma|<2|0|Kosovo*|0|<2|" {
		t.Errorf("grid rows %q", got)
	}
	if len(grid.Notes) != 2 { // Kosovo's footnote and the suppression note
		t.Errorf("grid notes %q", grid.Notes)
	}
	gaps := render.GapsOverlapsTable(a, s, render.Options{}, 1)
	var kinds []string
	for _, row := range gaps.Rows {
		kinds = append(kinds, row[0].Text+" "+row[1].Text+" "+row[2].Text)
	}
	want := "Gap Alpha Return; Gap Beta | Gamma Return; Gap Kosovo* Asylum; Overlap Alpha Asylum; Overlap Beta | Gamma Asylum; Overlap Kosovo* Return"
	if got := strings.Join(kinds, "; "); got != want {
		t.Errorf("gaps and overlaps\n%s\nwant\n%s", got, want)
	}
}
