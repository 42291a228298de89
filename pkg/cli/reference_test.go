package cli_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/cli"
	"github.com/mapsurvey/mapsurvey/pkg/render"
)

// The published figures of Council note 7896/20, as laid out in
// shared/reference/council-note-7896-20.md. The bundled sample must reproduce every one.
var (
	refPartnerStates = map[string]int{"North Macedonia": 13, "Serbia": 13, "Montenegro": 10,
		"Bosnia and Herzegovina": 9, "Albania": 9, "Kosovo*": 7}
	refPartnerPct = map[string]string{"Serbia": "24", "North Macedonia": "23", "Albania": "16",
		"Bosnia and Herzegovina": "16", "Montenegro": "12", "Kosovo*": "9"}
	refTypePct = map[string]string{"Expert assistance": "67", "Financial assistance": "17", "Equipment": "16"}
	refAreaPct = map[string]string{"Border management": "32", "Combating migrant smuggling": "22",
		"Information exchange/situational awareness": "19", "Reception": "8", "Return": "7", "Asylum": "6",
		"Legal migration": "4", "Integration": "2"}
	// States per partner and area (Tables 8, 10, 12, 13, 15, 17); only the figures the note states.
	refPartnerArea = map[string]map[string]int{
		"Albania": {"Border management": 7, "Information exchange/situational awareness": 6,
			"Combating migrant smuggling": 5, "Return": 4, "Asylum": 3, "Reception": 1, "Integration": 1, "Legal migration": 0},
		"Bosnia and Herzegovina": {"Information exchange/situational awareness": 9, "Border management": 7, "Asylum": 2,
			"Reception": 2, "Return": 2, "Legal migration": 2, "Integration": 0},
		"Kosovo*": {"Border management": 6, "Combating migrant smuggling": 4, "Asylum": 0, "Integration": 0},
		"Montenegro": {"Border management": 9, "Information exchange/situational awareness": 7,
			"Combating migrant smuggling": 6, "Asylum": 1, "Reception": 1, "Return": 1, "Legal migration": 0, "Integration": 0},
		"North Macedonia": {"Border management": 11, "Combating migrant smuggling": 9,
			"Information exchange/situational awareness": 8, "Asylum": 5, "Reception": 4, "Return": 2, "Legal migration": 1,
			"Integration": 0},
		"Serbia": {"Border management": 11, "Combating migrant smuggling": 9,
			"Information exchange/situational awareness": 9, "Integration": 1},
	}
)

func analyseJSON(t *testing.T, args ...string) render.Analysis {
	t.Helper()
	return runJSON[render.Analysis](t, args...)
}

// shownShares runs analyse with args and returns the displayed share of activities per label of
// the table whose title contains title.
func shownShares(t *testing.T, title string, args ...string) map[string]string {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := cli.Run(append([]string{"analyse", "--format", "markdown", "-q"}, args...), cli.IOStreams{Out: &out, ErrOut: &errOut}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	shares := map[string]string{}
	in := false
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "### ") {
			in = strings.Contains(line, title)
			continue
		}
		if !in || !strings.HasPrefix(line, "| ") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), "|")
		label := strings.ReplaceAll(strings.TrimSpace(cells[0]), `\*`, "*")
		shares[label] = strings.TrimSpace(cells[len(cells)-1])
	}
	return shares
}

func TestSampleReproducesReference(t *testing.T) {
	const sample = "../../testdata/sample/replies-7896-20.xlsx"
	doc := analyseJSON(t, sample)
	if doc.Respondents != 23 || doc.ActiveStates != 15 || doc.NilReplies != 8 || doc.Activities != 228 {
		t.Errorf("overview: %d replies, %d active, %d nil, %d activities; want 23, 15, 8, 228",
			doc.Respondents, doc.ActiveStates, doc.NilReplies, doc.Activities)
	}
	if len(doc.Partner) != len(refPartnerStates) {
		t.Errorf("Table 2: %d partners, want the note's %d", len(doc.Partner), len(refPartnerStates))
	}
	for _, p := range doc.Partner {
		if want := refPartnerStates[p.Partner]; p.States != want {
			t.Errorf("Table 2: %s: %d Member States, want %d", p.Partner, p.States, want)
		}
	}
	areaStates := map[string]int{}
	for _, a := range doc.Area {
		areaStates[a.Area] = a.States
	}
	if areaStates["Border management"] != 13 || areaStates["Combating migrant smuggling"] != 12 {
		t.Errorf("Table 7: border management %d, smuggling %d; want 13 and 12",
			areaStates["Border management"], areaStates["Combating migrant smuggling"])
	}
	for area, n := range areaStates {
		if area != "Border management" && area != "Combating migrant smuggling" && n >= 12 {
			t.Errorf("Table 7: %s has %d Member States; the note's two highest are border management and smuggling", area, n)
		}
	}
	got := map[string]map[string]int{}
	for _, c := range doc.PartnerArea {
		if got[c.Partner] == nil {
			got[c.Partner] = map[string]int{}
		}
		got[c.Partner][c.Area] = c.States
	}
	for partner, areas := range refPartnerArea {
		for area, want := range areas {
			if got[partner][area] != want {
				t.Errorf("%s, %s: %d Member States, want %d", partner, area, got[partner][area], want)
			}
		}
	}
	// Serbia: "the lowest number relates to integration (1)".
	for area, n := range got["Serbia"] {
		if area != "Integration" && n <= 1 {
			t.Errorf("Serbia, %s: %d Member States; the note has integration (1) as the lowest", area, n)
		}
	}
	for name, want := range map[string]map[string]string{
		"per partner": refPartnerPct, "per type": refTypePct, "per area": refAreaPct,
	} {
		shown := shownShares(t, "Member States and activities "+name, sample)
		for label, pct := range want {
			if shown[label] != pct {
				t.Errorf("share of activities %s, %s: shown %q%%, want %s%%", name, label, shown[label], pct)
			}
		}
	}
	// "Over 50%" for border management and smuggling together; "almost 50%" for Serbia and North Macedonia.
	pct := map[string]float64{}
	for _, a := range doc.Area {
		pct[a.Area] = a.ActivityPct
	}
	for _, p := range doc.Partner {
		pct[p.Partner] = p.ActivityPct
	}
	if s := pct["Border management"] + pct["Combating migrant smuggling"]; s <= 50 {
		t.Errorf("border management + smuggling = %.1f%%, the note says over 50%%", s)
	}
	if s := pct["Serbia"] + pct["North Macedonia"]; s >= 50 || s < 45 {
		t.Errorf("Serbia + North Macedonia = %.1f%%, the note says almost 50%%", s)
	}
	checkTypeOrders(t, doc)
}

// checkTypeOrders checks the note's statements on types of support per partner (Tables 9-18),
// which hold for the state counts and for the activities alike.
func checkTypeOrders(t *testing.T, doc render.Analysis) {
	t.Helper()
	states := map[string]map[string]int{}
	acts := map[string]map[string]int{}
	for _, c := range doc.PartnerType {
		if states[c.Partner] == nil {
			states[c.Partner], acts[c.Partner] = map[string]int{}, map[string]int{}
		}
		states[c.Partner][c.Type] = c.States
		acts[c.Partner][c.Type] = c.Activities
	}
	const exp, fin, eq = "Expert assistance", "Financial assistance", "Equipment"
	for _, m := range []map[string]map[string]int{states, acts} {
		for p, byType := range m {
			if byType[exp] <= byType[fin] || byType[exp] <= byType[eq] {
				t.Errorf("%s: experts are not first: %v", p, byType)
			}
		}
		if a := m["Albania"]; a[fin] <= a[eq] {
			t.Errorf("Albania: financial should come before equipment: %v", a)
		}
		if b := m["Bosnia and Herzegovina"]; b[eq] >= b[fin] {
			t.Errorf("Bosnia and Herzegovina: equipment should be least: %v", b)
		}
		if n := m["North Macedonia"]; n[eq] <= n[fin] {
			t.Errorf("North Macedonia: equipment should come before financial: %v", n)
		}
		if s := m["Serbia"]; s[fin] <= s[eq] {
			t.Errorf("Serbia: financial should come before equipment: %v", s)
		}
	}
}
