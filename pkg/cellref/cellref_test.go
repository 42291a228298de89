package cellref_test

import (
	"slices"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/cellref"
)

func TestColumnName(t *testing.T) {
	for _, tc := range []struct {
		n    int
		name string
	}{{0, ""}, {1, "A"}, {26, "Z"}, {27, "AA"}, {52, "AZ"}, {53, "BA"}, {702, "ZZ"}, {703, "AAA"}, {16384, "XFD"}} {
		if got := cellref.ColumnName(tc.n); got != tc.name {
			t.Errorf("ColumnName(%d) = %q, want %q", tc.n, got, tc.name)
		}
		if tc.n > 0 {
			if got := cellref.ColumnNumber(tc.name); got != tc.n {
				t.Errorf("ColumnNumber(%q) = %d, want %d", tc.name, got, tc.n)
			}
		}
	}
	for _, bad := range []string{"", "A1", "XFE", "ZZZZ", "é"} {
		if got := cellref.ColumnNumber(bad); got != 0 {
			t.Errorf("ColumnNumber(%q) = %d, want 0", bad, got)
		}
	}
	if got := cellref.ColumnNumber(" xfd "); got != 16384 {
		t.Errorf("ColumnNumber(\" xfd \") = %d", got)
	}
}

// Merged ranges fill the rows they cover, grow a short row, and are dropped once passed.
func TestFillMerged(t *testing.T) {
	merged := []cellref.Merged{{Top: 2, Left: 1, Bottom: 3, Right: 1, Value: "Austria"}, {Top: 3, Left: 2, Bottom: 3, Right: 4, Value: "x"}, {Top: 9, Left: 1, Bottom: 9, Right: 1, Value: "later"}}
	for _, tc := range []struct {
		row   int
		cells []string
		want  []string
		left  int
	}{
		{1, []string{"a"}, []string{"a"}, 3},
		{2, []string{"", "b"}, []string{"Austria", "b"}, 3},
		{3, nil, []string{"Austria", "x", "x", "x"}, 3},
		{4, []string{"c"}, []string{"c"}, 1},
	} {
		var got []string
		got, merged = cellref.FillMerged(tc.cells, tc.row, merged)
		if !slices.Equal(got, tc.want) || len(merged) != tc.left {
			t.Errorf("row %d: %q with %d ranges left, want %q and %d", tc.row, got, len(merged), tc.want, tc.left)
		}
	}
}
