// Package cellref names spreadsheet columns as spreadsheet programs show them (A, Z, AA, XFD),
// for every reader and the pure packages that place findings at a cell. It does no I/O.
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
