package replies

import (
	"fmt"
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

// The duplicate check remembers the activities of up to duplicateLimit rows, through the growth
// of its table and across files, and stops at the limit, saying where.
func TestDuplicateCheckRemembersUpToItsLimit(t *testing.T) {
	p, err := newParser(Options{})
	if err != nil {
		t.Fatal(err)
	}
	key := func(i int) uint64 { return p.rowKey("Austria", fmt.Sprint("Activity ", i)) }
	base := newCrossChecks()
	file := base.forFile()
	at := func(file string, row int) *Position { return &Position{File: file, Sheet: "Replies", Row: row} }
	for i := range duplicateLimit {
		if first, dup := file.duplicate(key(i), 1, 2, 0, at("a.xlsx", i+2)); dup {
			t.Fatalf("activity %d: a duplicate of %s", i, first)
		}
	}
	if _, dup := file.duplicate(key(duplicateLimit), 1, 2, 0, at("a.xlsx", duplicateLimit+2)); dup || !file.capped ||
		file.cappedAt != *at("a.xlsx", duplicateLimit+2) {
		t.Fatalf("past the limit: duplicate %v, capped %v at %s", dup, file.capped, file.cappedAt)
	}
	for _, i := range []int{0, 1, 150000, duplicateLimit - 1} {
		if first, dup := file.duplicate(key(i), 1, 2, 0, at("a.xlsx", 300000)); !dup || first != *at("a.xlsx", i+2) {
			t.Errorf("activity %d again: duplicate %v of %s, want of row %d", i, dup, first, i+2)
		}
		if first, dup := file.duplicate(key(i), 1, 2, 1, at("a.xlsx", 300000)); dup {
			t.Errorf("activity %d of another type: a duplicate of %s", i, first)
		}
	}
	base.merge(file)
	next := base.forFile()
	if first, dup := next.duplicate(key(duplicateLimit-1), 1, 2, 0, at("b.xlsx", 2)); !dup || first != *at("a.xlsx", duplicateLimit+1) {
		t.Errorf("in the next file: duplicate %v of %s, want of a.xlsx row %d", dup, first, duplicateLimit+1)
	}
	if _, dup := next.duplicate(key(duplicateLimit+1), 1, 2, 0, at("b.xlsx", 3)); dup || next.first.n != 0 {
		t.Errorf("a new activity past the limit, in the next file: duplicate %v, %d remembered", dup, next.first.n)
	}
}
