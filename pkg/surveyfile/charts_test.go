package surveyfile

import (
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// TestChartsKey: charts sets which main charts the report gives, in what order; names are
// written as docs/schema.md spells them, case and spaces aside; without the key the note's
// order holds.
func TestChartsKey(t *testing.T) {
	partner := "  partner: {title: Country, values: [KZ]}\n"
	for _, tt := range []struct{ name, key, want string }{
		{"absent", "", "areas,types,partners,states-per-partner"},
		{"reordered", "charts: [partners, states-per-partner, areas]\n", "partners,states-per-partner,areas"},
		{"spelt loosely", "charts:\n  - Partners\n  - \" types \"\n", "partners,types"},
		{"none", "charts: []\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("ca.yaml", []byte(tt.key+withPartner(partner)))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(s.ChartOrder(), ","); got != tt.want {
				t.Errorf("chart order %q, want %q", got, tt.want)
			}
			// Written and read again, the order is the same.
			data, err := Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			again, err := Parse("again.yaml", data)
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			if got := strings.Join(again.ChartOrder(), ","); got != tt.want {
				t.Errorf("after Marshal: chart order %q, want %q\n%s", got, tt.want, data)
			}
			if (s.Charts == nil) != (tt.key == "") || (s.Charts == nil) != !strings.Contains(string(data), "charts:") {
				t.Errorf("charts %#v: written as\n%s", s.Charts, data)
			}
		})
	}
}

// TestChartsKeyErrors: an unknown or repeated chart is refused at its own line and column, with
// the closest name for a typing slip and the list of names.
func TestChartsKeyErrors(t *testing.T) {
	partner := "  partner: {title: Country, values: [KZ]}\n"
	for _, tt := range []struct{ name, key, want string }{
		{"typing slip", "charts: [areas, tpyes]\n",
			`ca.yaml:1:17: unknown chart "tpyes" (did you mean "types"?); the main charts are areas, types, partners, states-per-partner`},
		{"unknown, on its own line", "charts:\n  - partners\n  - budget\n",
			`ca.yaml:3:5: unknown chart "budget"; the main charts are areas, types, partners, states-per-partner`},
		{"twice", "charts: [areas, types, Areas]\n",
			`ca.yaml:1:24: chart "areas" is listed twice (entries 1 and 3): give each chart once`},
		{"not a list", "charts: areas\n", `ca.yaml:1:9: charts must be a list: write charts: [areas]`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("ca.yaml", []byte(tt.key+withPartner(partner)))
			if err == nil {
				t.Fatal("accepted")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

// TestBuiltinKeepsTheNotesChartOrder: the built-in survey sets no order (so `mapsurvey schema`
// writes no charts key) and gives the note's: Chart 1 areas, 2 types, 3 partners, 4 Member
// States per partner.
func TestBuiltinKeepsTheNotesChartOrder(t *testing.T) {
	s := survey.Builtin()
	if s.Charts != nil {
		t.Errorf("built-in charts %q", s.Charts)
	}
	if got := strings.Join(s.ChartOrder(), ","); got != "areas,types,partners,states-per-partner" {
		t.Errorf("built-in chart order %s", got)
	}
	data, err := Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "charts:") {
		t.Error("mapsurvey schema writes a charts key for the built-in survey")
	}
}
