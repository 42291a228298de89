package sheet_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// FuzzWorkbook feeds damaged workbooks to the reader: whatever the bytes, it returns rows or an
// error naming the file, and never panics.
func FuzzWorkbook(f *testing.F) {
	sample, err := os.ReadFile("../../testdata/sample/replies-7896-20.xlsx")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	f.Add(sample[:len(sample)/2])
	f.Add([]byte("PK\x03\x04not really a zip"))
	f.Add([]byte{})
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		err := sheet.Read(path, sheet.Options{}, func(_ sheet.Info, rows sheet.Rows) error {
			for rows.Next() {
				_ = rows.Row()
			}
			return rows.Err()
		})
		if err != nil {
			if se, ok := err.(*sheet.Error); !ok || se.Path != path {
				t.Fatalf("error %v (%T) does not name the file", err, err)
			}
		}
	})
}
