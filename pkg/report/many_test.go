package report_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/internal/threew"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/report"
)

// TestManyPartnersReportAdapts lays out the report of a 3W survey of 61 districts: 12 district
// sections with their chart, one table for the other 49 (each listed once), the partner x area
// grid in parts, and captions that say what a chart leaves out and which table has it all.
func TestManyPartnersReportAdapts(t *testing.T) {
	a, s := threew.Load(t, threew.Slow)
	charts := chart.Build(a, s, chart.Options{})
	doc := report.Build(a, s, render.Tables(a, s, render.Options{}), charts,
		report.Options{ChartFile: func(name string) string { return "charts/" + name + ".png" }})
	var md bytes.Buffer
	if err := report.Markdown(&md, doc); err != nil {
		t.Fatal(err)
	}
	text := md.String()

	own, heatParts := 0, 0
	var others *report.Section
	for i, sec := range doc.Sections {
		for _, bl := range sec.Blocks {
			if bl.Chart != nil && strings.Contains(bl.Chart.File, "-areas-by-type") {
				own++
			}
			if bl.Chart != nil && strings.Contains(bl.Chart.File, "06-partner-area-states-") {
				heatParts++
			}
		}
		if sec.Heading == "Other districts" {
			others = &doc.Sections[i]
		}
	}
	if own != chart.MaxPartnerCharts {
		t.Errorf("%d per-district charts, want %d", own, chart.MaxPartnerCharts)
	}
	if want := chart.PlanHeat(20, 61).Charts(); heatParts != want {
		t.Errorf("%d parts of the district x sector grid, want %d", heatParts, want)
	}
	if others == nil {
		t.Fatal("no section for the other districts")
	}
	var table *render.Table
	for _, bl := range others.Blocks {
		if bl.Table != nil {
			table = bl.Table
		}
	}
	if table == nil || len(table.Rows) != 61-chart.MaxPartnerCharts {
		t.Fatalf("other districts' table: %+v", table)
	}
	// Every district is in a section of its own or in that table, once.
	seen := map[string]int{}
	for _, sec := range doc.Sections {
		seen[sec.Heading]++
	}
	for _, row := range table.Rows {
		seen[row[0].Text]++
	}
	for _, p := range a.Partners {
		if seen[p] != 1 {
			t.Errorf("district %s: %d times among the sections and the table", p, seen[p])
		}
	}
	// The paragraph names the table by its number.
	if !regexp.MustCompile(`Table \d+ gives the other 49`).MatchString(text) {
		t.Errorf("the other districts' paragraph does not name its table:\n%s", others.Blocks[0].Paragraph)
	}
	// Charts that leave districts out say so and name the table that lists all 61.
	m := regexp.MustCompile(`#### Table (\d+)\. Organisations and activities per district\n`).FindStringSubmatch(text)
	if m == nil {
		t.Fatal("no table of districts")
	}
	for _, title := range []string{"Share of activities per district", "Organisations per district"} {
		want := fmt.Sprintf("All 61 are in Table %s.", m[1])
		re := regexp.MustCompile(`\*\*Chart \d+\. ` + title + `\*\*  \n[^\n]*`)
		caption := re.FindString(text)
		if !strings.Contains(caption, want) || !strings.Contains(caption, "The ") {
			t.Errorf("caption of %q: %q, want it to say what it leaves out and %q", title, caption, want)
		}
	}
}
