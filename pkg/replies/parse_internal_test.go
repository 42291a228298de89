package replies

import (
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

func TestRowListIsCompactAndBounded(t *testing.T) {
	every := func(n, step int) []int {
		var rows []int
		for r := 2; len(rows) < n; r += step {
			rows = append(rows, r)
		}
		return rows
	}
	for _, tc := range []struct {
		rows []int
		want string
	}{
		{[]int{3}, "row 3"},
		{[]int{5, 6, 7, 8, 9, 12}, "rows 5-9 and 12"},
		{every(20, 2), "rows 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38 and 40"},
		{every(21, 2), "rows 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40 and 1 more row"},
		// Every other row of a million hidden: a line, not megabytes.
		{every(500000, 2), "rows 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40 and 499980 more rows"},
	} {
		if got := rowList(tc.rows); got != tc.want {
			t.Errorf("rowList(%d rows) = %q, want %q", len(tc.rows), got, tc.want)
		}
	}
}

// keyCell remembers at most cacheLimit texts per column, and none longer than a label can be;
// past the limit it still answers, the same as before it.
func TestKeyCellsAreRememberedWithinBounds(t *testing.T) {
	p, err := newParser(Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Spellings of one partner that differ only in case: 2^13 of them.
	name := "Bosnia and Herzegovina"
	want := p.keyCell(survey.Partner, name)
	if want.value < 0 || want.title || want.nilReply {
		t.Fatalf("keyCell(%q) = %+v", name, want)
	}
	for i := range 2 * cacheLimit {
		b := []byte(name)
		for j, bit := 0, 0; j < len(b) && bit < 13; j++ {
			if b[j] != ' ' {
				if i>>bit&1 == 1 {
					b[j] ^= 0x20 // flip the case
				}
				bit++
			}
		}
		if got := p.keyCell(survey.Partner, string(b)); got != want {
			t.Fatalf("keyCell(%q) = %+v, want %+v", b, got, want)
		}
	}
	if n := len(p.memo[survey.Partner]); n != cacheLimit {
		t.Errorf("%d partner cells remembered, want %d", n, cacheLimit)
	}
	long := strings.Repeat("x", survey.CacheableLength+1)
	if c := p.keyCell(survey.State, long); c.value >= 0 || c.title {
		t.Errorf("keyCell(long) = %+v", c)
	}
	if _, kept := p.memo[survey.State][long]; kept {
		t.Error("a text longer than a label is remembered")
	}
	for _, tc := range []struct {
		k    survey.Key
		text string
		want keyCell
	}{
		{survey.State, "Member State", keyCell{title: true, value: -1}},
		{survey.State, "AT;DE", keyCell{value: -1, several: true}},
		{survey.Partner, "none", keyCell{value: -1, nilReply: true}},
		{survey.Partner, "Serbia; Albania", keyCell{value: -1}}, // two values: the general way
		{survey.Area, "Asylum", keyCell{value: 0}},
		{survey.Type, "Type of support", keyCell{title: true, value: -1}},
		{survey.Type, "", keyCell{value: -1}},
	} {
		if got := p.keyCell(tc.k, tc.text); got != tc.want {
			t.Errorf("keyCell(%v, %q) = %+v, want %+v", tc.k, tc.text, got, tc.want)
		}
	}
}

// Texts that share a slot of parser.recent take turns there, each still read as itself.
func TestKeyCellsSharingARecentSlot(t *testing.T) {
	p, err := newParser(Options{})
	if err != nil {
		t.Fatal(err)
	}
	other := "" // a text of three letters in Albania's slot
	for i := 0; other == "" && i < 26*26*26; i++ {
		if s := string([]byte{byte('a' + i/676), byte('a' + i/26%26), byte('a' + i%26)}); recentSlot(s) == recentSlot("Albania") {
			other = s
		}
	}
	if other == "" {
		t.Fatal("no text of three letters shares Albania's slot")
	}
	for range 3 {
		if c := p.keyCell(survey.Partner, "Albania"); c.value != 0 {
			t.Fatalf("Albania: %+v, want the first partner", c)
		}
		if c := p.keyCell(survey.Partner, other); c.value != -1 {
			t.Fatalf("%s: %+v, want no partner of the built-in survey", other, c)
		}
	}
}
