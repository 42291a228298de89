package cellref_test

import (
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
