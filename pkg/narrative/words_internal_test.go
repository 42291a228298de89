package narrative

import "testing"

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
