package sheet_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// FuzzWorkbook feeds damaged workbooks to both readers (the fast one, with excelize behind it,
// and excelize alone): whatever the bytes, each returns rows or an error naming the file, and
// never panics.
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
		for _, opts := range []sheet.Options{{}, {Excelize: true}} {
			err := sheet.Read(path, opts, func(_ sheet.Info, rows sheet.Rows) error {
				for rows.Next() {
					_ = rows.Row()
				}
				return rows.Err()
			})
			if se, ok := err.(*sheet.Error); err != nil && (!ok || se.Path != path) && !errors.Is(err, sheet.ErrFallback) {
				t.Fatalf("%+v: error %v (%T) does not name the file", opts, err, err)
			}
		}
	})
}
