package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/report"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// TestHostileLabelsStayText: a label holding HTML or a Markdown link reaches headings, tables,
// chart captions and the narrative; neither report.md nor report.html may carry it as markup.
func TestHostileLabelsStayText(t *testing.T) {
	const img, link = `<img src=x onerror=alert(1)>`, `[click](javascript:alert(1))`
	s := survey.Builtin()
	s.Columns[survey.Partner].Values[0].Label = img
	s.Columns[survey.Area].Values[0].Label = link
	a, err := tally.Count(tally.Input{States: []string{"Austria", "Belgium"}, Partners: s.Labels(survey.Partner),
		Areas: s.Labels(survey.Area), Types: s.Labels(survey.Type),
		Activities: []tally.Activity{{State: 0, Partner: 0, Area: 0, Type: 0}, {State: 1, Partner: 0, Area: 1, Type: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	doc := report.Build(a, s, render.Tables(a, s, render.Options{}), chart.Build(a, s, chart.Options{}),
		report.Options{ChartFile: func(name string) string { return "charts/" + name + ".png" }})

	var md bytes.Buffer
	if err := report.Markdown(&md, doc); err != nil {
		t.Fatal(err)
	}
	out := md.String()
	if strings.Contains(out, "<img") || strings.Contains(strings.ReplaceAll(out, `\]`, ""), "](javascript") {
		t.Errorf("report.md carries raw HTML or a link:\n%s", out)
	}
	if n := strings.Count(out, "&lt;img src=x onerror=alert(1)>"); n < 3 {
		t.Errorf("the label is shown escaped %d times, want it in the heading, tables and narrative:\n%s", n, out)
	}

	var page bytes.Buffer
	if err := report.HTML(&page, doc, func(string) ([]byte, error) { return []byte("PNG"), nil }); err != nil {
		t.Fatal(err)
	}
	html := page.String()
	if strings.Contains(html, "<img src=x") || strings.Contains(html, `href="javascript`) {
		t.Errorf("report.html carries the label as markup")
	}
	if !strings.Contains(html, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Errorf("report.html does not show the label as text")
	}
}
