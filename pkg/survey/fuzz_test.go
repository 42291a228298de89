package survey

import (
	"slices"
	"strings"
	"testing"
)

// FuzzMatch checks the matcher on arbitrary labels: Normalize never panics and is idempotent,
// matching a label and matching its key agree, and Suggest proposes nothing or a canonical label.
// Seeds with odd Unicode live in testdata/fuzz/FuzzMatch.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{"", "Kosovo *", "Bosnia & Herzegovina", "Information exchange / situational awareness",
		"Border managment", "Experts\u2019 assistance",
		"  A & B ", "Activity  12 of THE Year", "Information exchange/situational awareness", "a//B", "/Ab", "a/ b", " Austria", "x/&y", "a\t\v\f b**  * ", "&", "/ & /", "ABC*/* "} {
		f.Add(s)
	}
	s := Builtin()
	var ms [4]*Matcher
	var labels [4][]string
	for _, k := range Keys {
		m, err := NewMatcher(s.Dim(k))
		if err != nil {
			f.Fatalf("NewMatcher(%v): %v", k, err)
		}
		ms[k], labels[k] = m, s.Labels(k)
	}

	f.Fuzz(func(t *testing.T, label string) {
		key := Normalize(label)
		if slow := normalizeUnicode(label); key != slow {
			t.Errorf("Normalize(%+q) = %+q, but the Unicode path gives %+q", label, key, slow)
		}
		if got := string(AppendNormalized([]byte("prefix"), label)); got != "prefix"+key {
			t.Errorf("AppendNormalized(%+q) = %+q, want %+q", label, got, "prefix"+key)
		}
		if again := Normalize(key); again != key {
			t.Errorf("Normalize is not idempotent: Normalize(%+q) = %+q, Normalize(%+q) = %+q", label, key, key, again)
		}
		if strings.TrimSpace(key) != key {
			t.Errorf("Normalize(%+q) = %+q has spaces at an end", label, key)
		}
		for _, k := range Keys {
			i, ok := ms[k].Match(label)
			j, okKey := ms[k].Match(key)
			if i != j || ok != okKey {
				t.Errorf("%v: Match(%+q) = %d, %v but Match(%+q) = %d, %v", k, label, i, ok, key, j, okKey)
			}
			if sug := ms[k].Suggest(label); sug != "" && !slices.Contains(labels[k], sug) {
				t.Errorf("%v: Suggest(%+q) = %+q, not a canonical label", k, label, sug)
			}
		}
	})
}
