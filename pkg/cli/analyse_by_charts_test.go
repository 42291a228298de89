package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/records"
)

// TestCrossChartsStayLegible checks what the general model's charts show, in pure data: 40
// sectors are 24 bars and one for the other 16, whose activities it adds up; a heat map puts
// the dimension with more values down the side and keeps 30 rows and 15 columns.
func TestCrossChartsStayLegible(t *testing.T) {
	var b strings.Builder
	b.WriteString("#org,#sector,#adm1\n")
	for i := range 40 {
		for j := range i + 1 { // sector i has i+1 activities
			fmt.Fprintf(&b, "Org %d,Sector %02d,Province %d\n", j%7, i, (i+j)%3)
		}
	}
	p := filepath.Join(t.TempDir(), "3w.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	where, _ := records.ParseFilter("adm1!=Province 9")
	ds, err := records.Read([]string{p}, records.Options{By: []string{"adm1", "sector"}, Where: []records.Filter{where}})
	if err != nil || ds.Errors() > 0 {
		t.Fatal(err, ds.Findings)
	}
	charts := crossCharts(ds, 0)
	if len(charts) != 5 {
		t.Fatalf("%d charts", len(charts))
	}
	share := charts[2].(*chart.Bars)
	if share.FileName() != "02-sector-activity-share" || len(share.Bars) != 25 {
		t.Fatalf("%s: %d bars", share.FileName(), len(share.Bars))
	}
	if share.Bars[0].Label != "Sector 39" || share.Bars[0].Text != "5% (40)" {
		t.Errorf("first bar %+v", share.Bars[0])
	}
	other := share.Bars[24]
	// The 16 smallest sectors have 1 to 16 activities: 136 of 820.
	if other.Label != "Other: 16 sectors" || other.Text != "17% (136)" || other.Colour != chart.OneMeasure {
		t.Errorf("other bar %+v", other)
	}
	if !strings.Contains(share.Subtitle, "n = 820 activities.") || !strings.Contains(share.Subtitle, "Only rows where adm1 is not Province 9.") {
		t.Errorf("subtitle %q", share.Subtitle)
	}
	heat := charts[4].(*chart.Heat)
	if len(heat.Rows) != 30 || len(heat.Cols) != 3 || heat.Rows[0] != "Sector 39" || !strings.HasPrefix(heat.Cols[0], "Province") {
		t.Errorf("heat %d x %d, %q, %q", len(heat.Rows), len(heat.Cols), heat.Rows[0], heat.Cols)
	}
	if len(heat.Footnotes) != 1 || !strings.Contains(heat.Footnotes[0], "The 30 sectors and 3 admin 1 areas with the most activities (of 40 and 3).") {
		t.Errorf("footnotes %q", heat.Footnotes)
	}
}
