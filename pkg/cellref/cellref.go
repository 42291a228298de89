// Package cellref names spreadsheet columns as spreadsheet programs show them (A, Z, AA, XFD)
// and repeats a merged range's value over its cells, for every reader and the pure packages
// that place findings at a cell. It does no I/O.
package cellref

import "strings"

// MaxColumn is the last column a workbook can have, XFD.
const MaxColumn = 16384

// ColumnName is the name of 1-based column n: 1 is A, 27 is AA; "" for n < 1.
func ColumnName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// ColumnNumber is the inverse of ColumnName, case and surrounding spaces ignored; it returns 0
// for anything that is not a column name up to XFD.
func ColumnNumber(name string) int {
	n := 0
	for _, r := range strings.ToUpper(strings.TrimSpace(name)) {
		if r < 'A' || r > 'Z' {
			return 0
		}
		n = n*26 + int(r-'A'+1)
		if n > MaxColumn {
			return 0
		}
	}
	return n
}

// Merged is a merged range of cells, 1-based and inclusive; its value shows in every cell it
// covers, as the readers give merged cells.
type Merged struct {
	Top, Left, Bottom, Right int
	Value                    string
}

// FillMerged writes the value of each range of merged that covers row into cells, growing
// cells where a range reaches past its end. Rows come in order, so it also returns the ranges
// still to come or covering row, in merged's own storage.
func FillMerged(cells []string, row int, merged []Merged) ([]string, []Merged) {
	keep := merged[:0]
	for _, m := range merged {
		if m.Bottom < row {
			continue // passed: dropped
		}
		keep = append(keep, m)
		if m.Top > row {
			continue
		}
		for len(cells) < m.Right {
			cells = append(cells, "")
		}
		for c := m.Left; c <= m.Right; c++ {
			cells[c-1] = m.Value
		}
	}
	return cells, keep
}
