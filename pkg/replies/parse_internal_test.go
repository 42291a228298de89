package replies

import "testing"

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
