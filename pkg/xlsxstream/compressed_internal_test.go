package xlsxstream

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// compressSharedStrings makes the rest of the test keep every shared strings table compressed, as
// the reader does for a large one, so that small workbooks take that path.
func compressSharedStrings(t testing.TB) {
	old := compressMin
	compressMin = 0
	t.Cleanup(func() { compressMin = old })
}

// readEvery reads every sheet of the workbook at p, with OnlyColumns(only) when only is not nil.
func readEvery(p string, only []int) ([][]Row, error) {
	w, err := Open(p)
	if err != nil {
		return nil, err
	}
	defer w.Close()
	var out [][]Row
	for _, s := range w.Sheets() {
		rows, err := w.Rows(s.Name)
		if err != nil {
			return nil, err
		}
		rows.OnlyColumns(only)
		var got []Row
		for rows.Next() {
			got = append(got, rows.Row())
		}
		if err := rows.Finish(); err != nil {
			return nil, err
		}
		out = append(out, got)
	}
	return out, nil
}

// sameCompressed checks that a workbook read with its shared strings compressed gives what it
// gives read plainly (the external tests compare the plain reading with excelize).
func sameCompressed(t *testing.T, p string) {
	for _, only := range [][]int{nil, {1}} {
		compressMin = 1 << 62
		plain, perr := readEvery(p, only)
		compressMin = 0
		packed, cerr := readEvery(p, only)
		if (perr == nil) != (cerr == nil) || !reflect.DeepEqual(plain, packed) {
			t.Fatalf("%s, columns %v: read plainly %v (%v), compressed %v (%v)", p, only, plain, perr, packed, cerr)
		}
	}
}

func compressedSeeds(tb testing.TB) []string {
	files, _ := filepath.Glob("testdata/libreoffice/*.xlsx")
	return append(files, "../../testdata/sample/replies-7896-20.xlsx", "../../testdata/workbooks/formulas-libreoffice.xlsx")
}

func TestCompressedSharedStringsGiveTheSameRows(t *testing.T) {
	old := compressMin
	t.Cleanup(func() { compressMin = old })
	for _, p := range compressedSeeds(t) {
		sameCompressed(t, p)
	}
}

// FuzzCompressedSharedStrings: a damaged workbook read with its shared strings compressed gives
// the rows, or the error, it gives read plainly.
func FuzzCompressedSharedStrings(f *testing.F) {
	for _, p := range compressedSeeds(f) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	old := compressMin
	f.Cleanup(func() { compressMin = old })
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.xlsx")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		sameCompressed(t, p)
	})
}
