package cli_test

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

const (
	centralAsiaSchema   = "../../docs/examples/central-asia.yaml"
	centralAsiaReplies  = "../../testdata/central-asia/replies.csv"
	centralAsiaExpected = "../../testdata/central-asia/expected.md"
)

// mdTables reads the Markdown tables of a document by the heading above each: heading -> rows
// of cells, header row first.
func mdTables(t *testing.T, path string) map[string][][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][][]string{}
	heading := ""
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			heading = strings.TrimPrefix(line, "## ")
		case strings.HasPrefix(line, "|") && !strings.HasPrefix(line, "|---"):
			var cells []string
			for _, c := range strings.Split(strings.Trim(line, "|"), "|") {
				cells = append(cells, strings.TrimSpace(c))
			}
			out[heading] = append(out[heading], cells)
		}
	}
	return out
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.Fields(s)[0])
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return n
}

// TestCentralAsiaExample checks the shipped example schema against figures computed
// independently (by a separate script) and recorded in testdata/central-asia/expected.md: the
// replies use other titles, an HXL hashtag row, aliases and cells listing two countries.
func TestCentralAsiaExample(t *testing.T) {
	doc := analyseJSON(t, "--schema", centralAsiaSchema, centralAsiaReplies)
	want := mdTables(t, centralAsiaExpected)

	overview := map[string]int{}
	for _, r := range want["Overview"][1:] {
		overview[r[0]] = atoi(t, r[1])
	}
	if doc.Respondents != overview["Respondents (donors that replied)"] || doc.ActiveStates != overview["Active donors"] ||
		doc.NilReplies != overview["Nil replies"] || doc.Activities != overview["Activities"] {
		t.Errorf("overview %d/%d/%d/%d, want %v", doc.Respondents, doc.ActiveStates, doc.NilReplies, doc.Activities, overview)
	}

	type fig struct{ states, activities int }
	got := map[string]fig{}
	for _, s := range doc.Partner {
		got[s.Partner] = fig{s.States, s.Activities}
	}
	for _, s := range doc.Area {
		got[s.Area] = fig{s.States, s.Activities}
	}
	for _, s := range doc.Type {
		got[s.Type] = fig{s.States, s.Activities}
	}
	shown := map[string]string{}
	for _, title := range []string{"per country", "per type of support", "per field"} {
		for label, pct := range shownShares(t, "Donors and activities "+title, "--schema", centralAsiaSchema, centralAsiaReplies) {
			shown[label] = pct
		}
	}
	for _, heading := range []string{"By partner (Country)", "By area (Field)", "By type (Type of support)"} {
		rows := want[heading]
		if len(rows) < 3 {
			t.Fatalf("expected.md: no table under %q", heading)
		}
		for _, r := range rows[1:] {
			if r[0] == "Total" {
				continue
			}
			w := fig{atoi(t, r[1]), atoi(t, r[2])}
			if got[r[0]] != w {
				t.Errorf("%s: %+v, want %+v", r[0], got[r[0]], w)
			}
			if shown[r[0]] != r[4] {
				t.Errorf("%s: shown share %q%%, want %s%% (largest remainder)", r[0], shown[r[0]], r[4])
			}
		}
	}

	for _, m := range []struct {
		heading    string
		activities bool
	}{{"Donors per country and field (distinct donors)", false}, {"Activities per country and field", true}} {
		rows := want[m.heading]
		cells := map[[2]string]int{}
		for _, c := range doc.PartnerArea {
			n := c.States
			if m.activities {
				n = c.Activities
			}
			cells[[2]string{c.Area, c.Partner}] = n
		}
		partners := rows[0]
		for _, r := range rows[1:] {
			if strings.HasPrefix(r[0], "Any") || r[0] == "Total" {
				continue
			}
			for i := 1; i < len(r) && partners[i] != "Total"; i++ {
				if g := cells[[2]string{r[0], partners[i]}]; g != atoi(t, r[i]) {
					t.Errorf("%s: %s x %s = %d, want %s", m.heading, r[0], partners[i], g, r[i])
				}
			}
		}
	}
}
