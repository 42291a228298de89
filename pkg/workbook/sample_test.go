package workbook_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/mapsurvey/mapsurvey/pkg/internal/golden"
	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/workbook"
)

const (
	sampleDir = "../../testdata/sample"
	sampleCSV = sampleDir + "/replies-7896-20.csv"
	sampleXLS = sampleDir + "/replies-7896-20.xlsx"
)

// sampleSheets lays the sample replies out as a Presidency compiles them: an instructions sheet,
// then the replies under two title rows and a blank row.
func sampleSheets(t *testing.T) []workbook.Sheet {
	t.Helper()
	f, err := os.Open(sampleCSV)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := sheet.NewCSV(sampleCSV, f)
	if err != nil {
		t.Fatal(err)
	}
	replies := [][]string{
		{"Mapping of Member States' bilateral support to the Western Balkan partners in the area of migration (2015 to the present)"},
		{"Compiled replies - LIMITE - invented sample that reproduces the figures of Council note 7896/20"},
		{},
	}
	for rows.Next() {
		replies = append(replies, rows.Row().Cells)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	instructions := [][]string{
		{"Questionnaire on bilateral cooperation with the Western Balkan partners in the area of migration"},
		{"One row per activity: the Member State, the partner, the area and the type of support."},
		{"Each activity counts as one item regardless of its value or content."},
		{"A Member State with no activity: one row with its name only."},
	}
	return []workbook.Sheet{{Name: "Instructions", Rows: instructions}, {Name: "Replies", Rows: replies}}
}

// TestSampleWorkbook keeps the bundled workbook in step with its CSV source: MAPSURVEY_UPDATE=1
// (make update-golden, or make sample) rewrites it.
func TestSampleWorkbook(t *testing.T) {
	sheets := sampleSheets(t)
	if golden.Update() {
		if err := workbook.Write(sampleXLS, sheets); err != nil {
			t.Fatal(err)
		}
	}
	got := readAll(t, sampleXLS)
	fresh := filepath.Join(t.TempDir(), "fresh.xlsx")
	if err := workbook.Write(fresh, sheets); err != nil {
		t.Fatal(err)
	}
	want := readAll(t, fresh)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s differs from its source %s: run make sample", sampleXLS, sampleCSV)
	}
}

func readAll(t *testing.T, path string) map[string][][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = rows
	}
	return out
}

func TestWriteKeepsSharedStringsAndNumbers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.xlsx")
	err := workbook.Write(path, []workbook.Sheet{{Name: "S", Rows: [][]string{{"Member State", "Year"}, {"Austria", "2019"}, {"", "007"}}}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, tc := range []struct {
		cell string
		typ  excelize.CellType
		val  string
	}{
		{"A2", excelize.CellTypeSharedString, "Austria"},
		{"B2", excelize.CellTypeUnset, "2019"}, // a number cell carries no t attribute
		{"B3", excelize.CellTypeSharedString, "007"},
	} {
		typ, err := f.GetCellType("S", tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		val, _ := f.GetCellValue("S", tc.cell)
		if typ != tc.typ || val != tc.val {
			t.Errorf("%s: type %v value %q, want type %v value %q", tc.cell, typ, val, tc.typ, tc.val)
		}
	}
}
