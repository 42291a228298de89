package expect_test

import (
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/expect"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// threeThirds: three partners with one activity each, so that 33.3% shows as 34, 33, 33.
func threeThirds(t *testing.T) (*tally.Analysis, *survey.Schema) {
	t.Helper()
	s := survey.Builtin()
	a, err := tally.Count(tally.Input{States: []string{"A", "B"}, Partners: s.Labels(survey.Partner),
		Areas: s.Labels(survey.Area), Types: s.Labels(survey.Type),
		Activities: []tally.Activity{{State: 0, Partner: 0}, {State: 0, Partner: 1}, {State: 1, Partner: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	return a, s
}

func TestSharesAreComparedAsShownAtTheirPrecision(t *testing.T) {
	a, s := threeThirds(t)
	for _, tc := range []struct {
		yaml string
		bad  int
	}{
		{"partner:\n  Albania: {activity_pct: 34}\n  BiH: {activity_pct: 33}\n  Kosovo: {activity_pct: 33}\n", 0},
		// Conventional rounding would say 33 for Albania; the tables show 34.
		{"partner:\n  Albania: {activity_pct: 33}\n", 1},
		{"partner:\n  Albania: {activity_pct: 33.4, state_pct: 50.0}\n  Serbia: {activity_pct: 0}\n", 0},
		{"partner:\n  Albania: {activity_pct: 33.3}\n", 1},
		{"respondents: 2\nactive_states: 2\nnil_replies: 0\nactivities: 3\n", 0},
		{"partner_area:\n  Republic of Albania:\n    asylum: {states: 1, activities: 1}\n    return: {states: 0}\n", 0},
		{"area_type:\n  Asylum:\n    Financial: {states: 3}\n", 1},
	} {
		figs, err := expect.Parse("f.yaml", []byte(tc.yaml), s)
		if err != nil {
			t.Fatalf("%q: %v", tc.yaml, err)
		}
		if bad := expect.Check(figs, a); len(bad) != tc.bad {
			t.Errorf("%q: %d mismatches %v, want %d", tc.yaml, len(bad), bad, tc.bad)
		}
	}
}

func TestMistakesNameTheirLine(t *testing.T) {
	_, s := threeThirds(t)
	for yaml, want := range map[string]string{
		"respondents: 2\npartner:\n  Serbai: {states: 1}\n": `f.yaml:3: unknown partner "Serbai" (did you mean "Serbia"?)`,
		"respondents: two\n":                 `f.yaml:1: respondents: "two" is not a whole number`,
		"partner:\n  Serbia: {members: 1}\n": `f.yaml:2: partner/Serbia: unknown measure "members"`,
		"partners:\n  Serbia: {states: 1}\n": `f.yaml:1: unknown figure "partners"`,
	} {
		_, err := expect.Parse("f.yaml", []byte(yaml), s)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: error %v, want it to start %q", yaml, err, want)
		}
	}
}

func TestWrittenFiguresHold(t *testing.T) {
	a, s := threeThirds(t)
	figs, err := expect.Parse("w.yaml", expect.Write(a, s), s)
	if err != nil {
		t.Fatal(err)
	}
	// 4 overview figures, 3 measures for each of 17 labels, 2 for each of 48 + 18 + 24 combinations.
	if want := 4 + 3*17 + 2*(48+18+24); len(figs) != want {
		t.Errorf("%d figures written, want %d", len(figs), want)
	}
	if bad := expect.Check(figs, a); len(bad) != 0 {
		t.Errorf("written figures do not hold: %v", bad)
	}
}
