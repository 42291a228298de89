package cli_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/contract"
)

// The real 3W and IATI excerpts of testdata/3w (SOURCE.md there says where they come from),
// counted by mapsurvey and by testdata/3w/count.py, an analyst's independent computation with
// Python's standard library: every cell of every table must agree.
var threeW = []struct {
	scenario string
	args     []string
}{
	{"lebanon", []string{"lebanon-sectors-by-district.csv", "--by", "sector,adm1"}},
	{"lebanon-key", []string{"lebanon-sectors-by-district.csv", "--by", "sector,adm1", "--key", "org,adm2,sector", "--where", "adm1=South"}},
	{"ethiopia", []string{"ethiopia", "--schema", "ethiopia-4w.yaml", "--by", "cluster,region", "--where", "Activity status=Completed"}},
	{"iati", []string{"iati-dfid-drc-activities.csv", "--schema", "iati-activities.yaml", "--by", "sector", "--where", "sector!=",
		"--sum", "total-Disbursement", "--split", "sector=sector-percentage"}},
}

func TestThreeWAgreesWithAnIndependentCount(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("MAPSURVEY_REQUIRE_TOOLS") == "1" {
			t.Fatal("python3 is not on PATH, and MAPSURVEY_REQUIRE_TOOLS=1")
		}
		t.Skip("python3 is not on PATH: the independent count cannot run")
	}
	dir, err := filepath.Abs("../../testdata/3w")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, c := range threeW {
		t.Run(c.scenario, func(t *testing.T) {
			want, err := exec.Command(python, "count.py", c.scenario).Output()
			if err != nil {
				t.Fatalf("count.py %s: %v", c.scenario, err)
			}
			doc := crossTabJSON(t, c.args...)
			got := crossTabLines(doc)
			wantLines := strings.Split(strings.TrimSpace(string(want)), "\n")
			if !slices.Equal(got, wantLines) {
				t.Errorf("mapsurvey and count.py disagree:\n%s", lineDiff(got, wantLines))
			}
			if len(wantLines) < 5 {
				t.Errorf("count.py gave only %d lines: the comparison proves little", len(wantLines))
			}
		})
	}
}

// crossTabLines writes a document as count.py writes its counts.
func crossTabLines(doc contract.CrossTab) []string {
	out := []string{fmt.Sprintf("total|%d|%d|%d", doc.ActiveRespondents, doc.Activities, doc.Duplicates)}
	for _, t := range doc.Tables {
		for _, c := range t.Cells {
			sum := "-"
			if c.Amount != nil {
				sum = fmt.Sprintf("%.2f", c.Amount.Sum)
			}
			out = append(out, fmt.Sprintf("%s|%s|%d|%d|%s", strings.Join(t.Dimensions, ","), strings.Join(c.Values, ","),
				c.Respondents, c.Activities, sum))
		}
	}
	slices.Sort(out)
	return out
}

func lineDiff(got, want []string) string {
	var b strings.Builder
	for _, l := range got {
		if !slices.Contains(want, l) {
			fmt.Fprintf(&b, "  mapsurvey only: %s\n", l)
		}
	}
	for _, l := range want {
		if !slices.Contains(got, l) {
			fmt.Fprintf(&b, "  count.py only:  %s\n", l)
		}
	}
	return b.String()
}
