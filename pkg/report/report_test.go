package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/report"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/surveyfile"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

func build(t *testing.T, withCharts bool) *report.Document {
	t.Helper()
	s := survey.Builtin()
	a, err := tally.Count(tally.Input{States: []string{"Austria", "Belgium"}, Partners: s.Labels(survey.Partner),
		Areas: s.Labels(survey.Area), Types: s.Labels(survey.Type),
		Activities: []tally.Activity{{State: 0, Partner: 5, Area: 2, Type: 1}, {State: 0, Partner: 2, Area: 0, Type: 0}}})
	if err != nil {
		t.Fatal(err)
	}
	o := report.Options{}
	if withCharts {
		o.ChartFile = func(name string) string { return "charts/" + name + ".png" }
	}
	return report.Build(a, s, render.Tables(a, s, render.Options{}), chart.Build(a, s, chart.Options{}), o)
}

func TestTablesAndChartsAreNumberedInOrderOfAppearance(t *testing.T) {
	doc := build(t, true)
	tables, charts := 0, 0
	var headings, chartFiles []string
	for _, sec := range doc.Sections {
		headings = append(headings, sec.Heading)
		for _, bl := range sec.Blocks {
			switch {
			case bl.Table != nil:
				tables++
				if bl.Number != tables {
					t.Errorf("%s: table numbered %d, is the %dth", sec.Heading, bl.Number, tables)
				}
			case bl.Chart != nil:
				charts++
				if bl.Number != charts {
					t.Errorf("%s: chart numbered %d, is the %dth", sec.Heading, bl.Number, charts)
				}
				chartFiles = append(chartFiles, bl.Chart.File)
			}
		}
	}
	// 6 note tables and 6 partner tables; 6 charts and one per partner. The partners' sections
	// keep the questionnaire's order (the note's, alphabetical), whatever their counts.
	if tables != 12 || charts != 12 {
		t.Errorf("%d tables and %d charts, want 12 and 12", tables, charts)
	}
	want := "Method|Overview|Main results in charts|Member States and activities per partner|Type of support|Areas|" +
		"Member States per area beside the share of activities|Top 3 partners in each area|Gaps and overlaps|" +
		"Albania|Bosnia and Herzegovina|Kosovo*|Montenegro|North Macedonia|Serbia"
	if got := strings.Join(headings, "|"); got != want {
		t.Errorf("sections\n%s\nwant\n%s", got, want)
	}
	// Charts 1 to 4 are the note's: areas, types of support, partners, Member States per partner.
	wantCharts := "charts/01-areas-activity-share.png charts/02-types-activity-share.png " +
		"charts/03-partners-activity-share.png charts/04-partners-states.png"
	if got := strings.Join(chartFiles[:4], " "); got != wantCharts {
		t.Errorf("charts 1-4\n%s\nwant\n%s", got, wantCharts)
	}
	if !strings.HasPrefix(doc.Notes[0], "The replies do not tell current activities from discontinued ones. Each activity counts as one item") ||
		doc.Notes[1] != "Member States are counted once in each partner, area and type of support they are active in: such counts are not additive." ||
		!strings.HasPrefix(doc.Notes[2], "* This designation is without prejudice") {
		t.Errorf("notes %q", doc.Notes)
	}
}

// Without chart files the report keeps every section and table, and only the charts go.
func TestWithoutChartFilesTheReportHasNoCharts(t *testing.T) {
	count := func(doc *report.Document) (headings string, tables, charts int) {
		var hs []string
		for _, sec := range doc.Sections {
			hs = append(hs, sec.Heading)
			for _, bl := range sec.Blocks {
				switch {
				case bl.Table != nil:
					tables++
				case bl.Chart != nil:
					charts++
				}
			}
		}
		return strings.Join(hs, "|"), tables, charts
	}
	withHeadings, withTables, _ := count(build(t, true))
	headings, tables, charts := count(build(t, false))
	if headings == "" || headings != withHeadings {
		t.Errorf("sections without chart files:\n%s\nwant those of the report with charts:\n%s", headings, withHeadings)
	}
	if tables != 12 || tables != withTables {
		t.Errorf("%d tables without chart files, want 12 as with charts (%d)", tables, withTables)
	}
	if charts != 0 {
		t.Errorf("%d charts without chart files, want none", charts)
	}
}

func TestHTMLEmbedsChartsAndEscapes(t *testing.T) {
	doc := build(t, true)
	var buf bytes.Buffer
	read := func(file string) ([]byte, error) { return []byte("PNG:" + file), nil }
	if err := report.HTML(&buf, doc, read); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		`<caption>Table 2. Member States and activities per partner</caption>`,
		`<img src="data:image/png;base64,UE5HOmNoYXJ0cy8wNC1wYXJ0bmVycy1zdGF0ZXMucG5n"`, // "PNG:charts/04-partners-states.png"
		`<td class="num">2</td>`,
		`Member States&#39; bilateral support`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	var md bytes.Buffer
	if err := report.Markdown(&md, doc); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "#### Table 9. Kosovo\\*: Member States per area and type of support") ||
		!strings.Contains(md.String(), "![Chart 4. Member States per partner](charts/04-partners-states.png)") {
		t.Errorf("markdown:\n%s", md.String())
	}
}

// The method section counts with the right number: a survey of one area and one type of
// support, with one reply and one activity, reads "1 area", "1 type of support", "1 activity".
func TestMethodCountsInTheRightNumber(t *testing.T) {
	yaml := `title: One of each
respondent: donor
respondents: donors
dimensions:
  state: {title: Donor, noun: donor}
  partner:
    title: Country
    noun: country
    values: [{label: Chad}, {label: Mali}]
  area:
    title: Field
    noun: field
    values: [{label: Health}]
  type:
    title: Type
    noun: type of support
    values: [{label: Grants}]
`
	s, err := surveyfile.Parse("one.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	a, err := tally.Count(tally.Input{States: []string{"EU"}, Partners: s.Labels(survey.Partner), Areas: s.Labels(survey.Area),
		Types: s.Labels(survey.Type), Activities: []tally.Activity{{State: 0, Partner: 1, Area: 0, Type: 0}}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	doc := report.Build(a, s, render.Tables(a, s, render.Options{}), chart.Build(a, s, chart.Options{}), report.Options{})
	if err := report.Markdown(&buf, doc); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{"It covered 1 field: health; and 1 type of support.",
		"Replies were received from 1 donor; 1 of them reports at least one activity, 1 activity in all."} {
		if !strings.Contains(md, want) {
			t.Errorf("the method section lacks %q:\n%s", want, md[:min(len(md), 900)])
		}
	}
}

// Printed, the page carries the running header (document number, classification) and page
// numbers in its margins, and each table keeps its note: table and note sit in one box that
// does not break across pages.
func TestPrintedHTMLHasRunningHeaderAndKeepsNotesWithTables(t *testing.T) {
	s := survey.Builtin()
	a, err := tally.Count(tally.Input{States: []string{"Austria"}, Partners: s.Labels(survey.Partner),
		Areas: s.Labels(survey.Area), Types: s.Labels(survey.Type), Activities: []tally.Activity{{State: 0, Partner: 1, Area: 0, Type: 0}}})
	if err != nil {
		t.Fatal(err)
	}
	doc := report.Build(a, s, render.Tables(a, s, render.Options{}), nil, report.Options{DocNumber: "7896/20", Classification: "LIMITE"})
	var buf bytes.Buffer
	if err := report.HTML(&buf, doc, func(string) ([]byte, error) { return nil, nil }); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{`@top-left { content: "7896\2f 20"`, `@top-right { content: "LIMITE"`,
		`@bottom-center { content: counter(page) " / " counter(pages)`, ".tablebox { break-inside: avoid; }"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	tables, boxed := strings.Count(page, "<table>"), strings.Count(page, "<div class=\"tablebox\"><table>")
	notes := strings.Count(page, "</table>\n<p class=\"caption\">")
	closed := strings.Count(page, "</p></div>")
	if tables == 0 || boxed != tables || notes != tables || closed < tables {
		t.Errorf("%d tables, %d in a box, %d followed by their note, %d boxes closed after a note", tables, boxed, notes, closed)
	}
}

// TestSchemaSetsTheMainChartsOrder: a schema's charts key orders the main charts and so numbers
// them (Chart 1 is the first it names); charts: [] leaves the section out; the rest of the
// report keeps its order and numbers its charts after them.
func TestSchemaSetsTheMainChartsOrder(t *testing.T) {
	for _, tt := range []struct {
		charts []string
		want   string
	}{
		{nil, "01-areas-activity-share 02-types-activity-share 03-partners-activity-share 04-partners-states"},
		{[]string{survey.ChartPartners, survey.ChartStatesPerPartner, survey.ChartAreas, survey.ChartTypes},
			"03-partners-activity-share 04-partners-states 01-areas-activity-share 02-types-activity-share"},
		{[]string{survey.ChartStatesPerPartner}, "04-partners-states"},
		{[]string{}, ""},
	} {
		s := survey.Builtin()
		s.Charts = tt.charts
		a, err := tally.Count(tally.Input{States: []string{"Austria"}, Partners: s.Labels(survey.Partner),
			Areas: s.Labels(survey.Area), Types: s.Labels(survey.Type),
			Activities: []tally.Activity{{State: 0, Partner: 5, Area: 2, Type: 1}}})
		if err != nil {
			t.Fatal(err)
		}
		o := report.Options{ChartFile: func(name string) string { return name }}
		doc := report.Build(a, s, render.Tables(a, s, render.Options{}), chart.Build(a, s, chart.Options{}), o)
		var main []string
		first, hasSection := 0, false
		for _, sec := range doc.Sections {
			for _, bl := range sec.Blocks {
				if bl.Chart == nil {
					continue
				}
				if sec.Heading == "Main results in charts" {
					main = append(main, strings.TrimSuffix(bl.Chart.File, ".png"))
					if bl.Number != len(main) {
						t.Errorf("%v: %s is Chart %d, want %d", tt.charts, bl.Chart.File, bl.Number, len(main))
					}
				} else if first == 0 {
					first = bl.Number
				}
			}
			hasSection = hasSection || sec.Heading == "Main results in charts"
		}
		if got := strings.Join(main, " "); got != tt.want {
			t.Errorf("charts %v: main charts\n%s\nwant\n%s", tt.charts, got, tt.want)
		}
		if hasSection != (tt.want != "") {
			t.Errorf("charts %v: the main charts' section is there: %v", tt.charts, hasSection)
		}
		if first != len(main)+1 {
			t.Errorf("charts %v: the first other chart is Chart %d, want %d", tt.charts, first, len(main)+1)
		}
	}
}
