package narrative

import (
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// TestListsKeepLabelsWithAndApart: a label with an "and" of its own ("return and readmission")
// is set off by semicolons, so that a list cannot be read as other labels.
func TestListsKeepLabelsWithAndApart(t *testing.T) {
	for _, c := range []struct {
		items []string
		conj  string
		want  string
	}{
		{[]string{"asylum", "reception", "return"}, "and", "asylum, reception and return"},
		{[]string{"labour migration", "return and readmission", "trade facilitation"}, "and",
			"labour migration; return and readmission; and trade facilitation"},
		{[]string{"return and readmission", "trade facilitation"}, "and", "return and readmission, and trade facilitation"},
		{[]string{"equipment", "study visits", "conferences and coordination"}, "or",
			"equipment; study visits; or conferences and coordination"},
		{[]string{"Bosnia and Herzegovina"}, "and", "Bosnia and Herzegovina"},
	} {
		if got := join(c.items, c.conj); got != c.want {
			t.Errorf("join(%q) = %q, want %q", c.items, got, c.want)
		}
	}
}

// A label goes into the middle of a sentence lower-cased when it is written in sentence case,
// as it is when it is a title case label, an acronym or a name.
func TestLabelsInTheMiddleOfASentence(t *testing.T) {
	for in, want := range map[string]string{
		"Border management":                          "border management",
		"Information exchange/situational awareness": "information exchange/situational awareness",
		"Early Recovery and Livelihoods":             "Early Recovery and Livelihoods",
		"Camp Coordination / Camp Management":        "Camp Coordination / Camp Management",
		"IBM":                                        "IBM",
		"EU funds":                                   "EU funds",
		"Training of UNHCR staff":                    "training of UNHCR staff",
		"Asylum":                                     "asylum",
	} {
		if got := lower(in); got != want {
			t.Errorf("lower(%q) = %q, want %q", in, got, want)
		}
	}
	names := &survey.Dimension{Names: true}
	if got := InSentenceOf(names, "Ségou"); got != "Ségou" {
		t.Errorf("a name: %q", got)
	}
	if got := InSentenceOf(&survey.Dimension{HXL: "#adm1+name"}, "Ménaka"); got != "Ménaka" {
		t.Errorf("a column tagged #adm1: %q", got)
	}
	if got := InSentenceOf(&survey.Dimension{HXL: "#sector"}, "Health"); got != "health" {
		t.Errorf("a sector: %q", got)
	}
}
