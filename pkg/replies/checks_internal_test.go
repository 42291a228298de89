package replies

import (
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// rowKey tells apart the rows whose state or normalised description differ, wherever the
// difference lies in the text hashed (in its last bytes too, past the last eight), and gives
// rows alike once normalised one key; activityKey tells apart the activities of a row.
func TestRowKeysTellRowsApart(t *testing.T) {
	p, err := newParser(Options{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ state, description string }
	var rows []row
	for _, state := range []string{"Austria", "Austri", "Austriaa", ""} {
		for n := 1; n <= 25; n++ {
			base := strings.Repeat("x", n)
			rows = append(rows, row{state, base}, row{state, base + "\x00"})
			for i := range n {
				rows = append(rows, row{state, base[:i] + "y" + base[i+1:]})
			}
		}
		rows = append(rows, row{state, "a"}, row{state, "aa"}) // Austri+aa, Austria+a
	}
	seen := map[uint64]row{}
	for _, r := range rows {
		key := p.rowKey(r.state, r.description)
		if key == 0 {
			t.Fatalf("rowKey(%q, %q) = 0, for a row with a description", r.state, r.description)
		}
		if other, dup := seen[key]; dup && other != r {
			t.Fatalf("rowKey(%q, %q) = rowKey(%q, %q)", r.state, r.description, other.state, other.description)
		}
		seen[key] = r
		if alike := p.rowKey(r.state, "  "+strings.ToUpper(r.description)+" *"); alike != key && survey.Normalize(r.description) == r.description {
			t.Errorf("rowKey(%q, %q) differs from the key of the same description in other case and spacing", r.state, r.description)
		}
	}
	for _, empty := range []string{"", "*", " * "} {
		if key := p.rowKey("Austria", empty); key != 0 {
			t.Errorf("rowKey(Austria, %q) = %d, want 0 (no description)", empty, key)
		}
	}
	activities := map[uint64]bool{}
	key := p.rowKey("Austria", "Activity 1")
	for pi := range 40 {
		for ai := range 40 {
			for ti := range 40 {
				activities[activityKey(key, pi, ai, ti)] = true
			}
		}
	}
	if len(activities) != 40*40*40 {
		t.Errorf("activityKey gives %d keys to %d activities", len(activities), 40*40*40)
	}
}
