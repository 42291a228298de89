package xlsxstream_test

import (
	"path/filepath"
	"testing"
)

// Real workbooks, written by spreadsheet programs nobody here controls (Excel for Windows and
// Mac, Google Sheets, Apple Numbers, WPS, Tencent Office, LibreOffice), taken from Go modules'
// test files (testdata/real/SOURCE.md): the fast reader must read every one, sheet by sheet
// and cell by cell as the excelize-based reader does (sheet.Options{Excelize: true}: excelize
// itself, not the fast path).
func TestFastMatchesRealWorkbooks(t *testing.T) {
	files, err := filepath.Glob("testdata/real/*.xlsx")
	if err != nil || len(files) < 10 {
		t.Fatalf("%d real workbooks, %v", len(files), err)
	}
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			fast, err := readFast(p)
			if err != nil {
				t.Fatalf("fast reader: %v", err)
			}
			want, err := readExcelize(p)
			if err != nil {
				t.Fatalf("excelize-based reader: %v", err)
			}
			if n, first := cellDiffs(fast, want); n > 0 {
				t.Errorf("%d differences; the first: %s", n, first)
			}
			if d := diffRead(fast, want); d != "" {
				t.Errorf("fast reader and excelize differ: %s", d)
			}
		})
	}
}
