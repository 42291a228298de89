package sheet_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/internal/officetest"
	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// shown is what a reader gives of one file: per sheet, its name, whether hidden, and its rows
// with text, as "num: cells" (num left out when withNums is false).
func shown(t *testing.T, path string, withNums bool) []string {
	t.Helper()
	var out []string
	err := sheet.Read(path, sheet.Options{}, func(info sheet.Info, rows sheet.Rows) error {
		out = append(out, fmt.Sprintf("sheet %q hidden=%v", info.Name, info.Hidden))
		for rows.Next() {
			r := rows.Row()
			cells := r.Cells
			for len(cells) > 0 && cells[len(cells)-1] == "" {
				cells = cells[:len(cells)-1]
			}
			if len(cells) == 0 {
				continue // readers may or may not give blank rows
			}
			line := fmt.Sprintf("%q hidden=%v", cells, r.Hidden)
			if withNums {
				line = fmt.Sprintf("%d: %s", r.Num, line)
			}
			out = append(out, line)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

func office(name string) string { return filepath.Join(officeDir, name) }

// An .ods or .xls file that LibreOffice saved gives the rows of the .xlsx of the same content,
// row numbers, hidden rows and sheets, merged cells and the text of numbers and dates included.
func TestODSAndXLSGiveTheRowsOfTheXLSX(t *testing.T) {
	for _, tc := range []struct {
		file, xlsx string
		soffice    bool
	}{
		{"features.ods", office("features-lo.xlsx"), false},
		{"sample.ods", samplePath, false},
		{"features.xls", office("features-lo.xlsx"), true},
		{"sample.xls", samplePath, true},
	} {
		t.Run(tc.file, func(t *testing.T) {
			if tc.soffice {
				if testing.Short() {
					t.Skip("short: converting with LibreOffice takes seconds")
				}
				officetest.Soffice(t)
			}
			got, want := shown(t, office(tc.file), true), shown(t, tc.xlsx, true)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s gives\n%s\nwant (%s)\n%s", tc.file, strings.Join(got, "\n"), tc.xlsx, strings.Join(want, "\n"))
			}
		})
	}
}

// The table of a .docx document LibreOffice Writer saved gives the sample's rows, in order;
// its caption is the document's title and the heading and paragraph before the table.
func TestDocxTableGivesTheRowsOfTheXLSX(t *testing.T) {
	var infos []sheet.Info
	var got [][]string
	err := sheet.Read(office("sample.docx"), sheet.Options{}, func(info sheet.Info, rows sheet.Rows) error {
		infos = append(infos, info)
		for rows.Next() {
			got = append(got, rows.Row().Cells)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{}
	err = sheet.Read(samplePath, sheet.Options{Sheet: "Replies"}, func(_ sheet.Info, rows sheet.Rows) error {
		for rows.Next() {
			if c := rows.Row().Cells; len(c) > 0 {
				want = append(want, c)
			}
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the table gives %d rows, first %q; want %d, first %q", len(got), got[:min(3, len(got))], len(want), want[:3])
	}
	wantInfo := []sheet.Info{{Name: "table 1", Table: 1, Caption: "Replies\nCompiled replies\nReply of the Member States"}}
	if !reflect.DeepEqual(infos, wantInfo) {
		t.Errorf("info %+v, want %+v", infos, wantInfo)
	}
}

// readTables gives each table of a Word document as its info and its rows.
func readTables(t *testing.T, path string) []string {
	t.Helper()
	var out []string
	err := sheet.Read(path, sheet.Options{}, func(info sheet.Info, rows sheet.Rows) error {
		out = append(out, fmt.Sprintf("%s table=%d merged=%d caption=%q", info.Name, info.Table, info.Merged, info.Caption))
		for rows.Next() {
			out = append(out, fmt.Sprintf("%d: %q", rows.Row().Num, rows.Row().Cells))
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A Word form as it comes back, written here and saved again by LibreOffice Writer (which
// nests each check box in a second content control): check boxes of both kinds, a drop-down,
// merged cells and the headings that name the partner read the same from both files.
func TestWordFormSavedByLibreOffice(t *testing.T) {
	want := []string{
		`table 1 table=1 merged=0 caption="Reply of Austria\nSerbia"`,
		`1: ["Area" "Expert assistance" "Equipment" "Financial assistance"]`,
		`2: ["Asylum" "X" "" "X"]`,
		`3: ["Return" "" "" "X"]`,
		`table 2 table=2 merged=2 caption="Reply of Austria\nAlbania\nActivities, one a row"`,
		`1: ["Partner" "Area" "Type of support"]`,
		`2: ["Albania" "Border management" "Equipment"]`,
		`3: ["Albania" "Asylum" "Training"]`,
		`4: ["Merged across" "Merged across" "Expert assistance"]`,
	}
	for _, file := range []string{"form-written.docx", "form.docx"} {
		if got := readTables(t, office(file)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n%s\nwant\n%s", file, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	// One table is asked for by its name.
	rows, err := readWith(office("form.docx"), sheet.Options{Sheet: "Table 2"})
	if err != nil || len(rows) != 4 {
		t.Errorf("--sheet 'Table 2': %d rows, error %v", len(rows), err)
	}
	_, err = readWith(office("form.docx"), sheet.Options{Sheet: "table 3"})
	wantRefused(t, office("form.docx"), err, `no sheet named "table 3"; the sheets are "table 1", "table 2"`)
}

// Files nobody here wrote: documents saved by Microsoft Word (for Mac, for Windows, in Strict
// Open XML) and a workbook saved by Microsoft Excel (for Mac), from Go modules and an npm
// package (testdata/word/SOURCE.md).
func TestFilesSavedByWordAndExcel(t *testing.T) {
	_, err := readWith(filepath.Join("testdata", "word", "godocx-lists.docx"), sheet.Options{})
	wantRefused(t, filepath.Join("testdata", "word", "godocx-lists.docx"), err, "the Word document holds no table")
	strict := filepath.Join("testdata", "word", "mammoth-strict-format.docx")
	_, err = readWith(strict, sheet.Options{})
	wantRefused(t, strict, err, "the Word document holds no table")
	// A table Word (for Windows) saved amid paragraphs: its cells as Word shows them.
	if got, want := readTables(t, filepath.Join("testdata", "word", "mammoth-tables.docx")), []string{
		`table 1 table=1 merged=0 caption="Above"`,
		`1: ["Top left" "Top right"]`,
		`2: ["Bottom left" "Bottom right"]`,
	}; !reflect.DeepEqual(got, want) {
		t.Errorf("mammoth-tables.docx:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if testing.Short() {
		t.Skip("short: converting with LibreOffice takes seconds")
	}
	officetest.Soffice(t)
	got := shown(t, filepath.Join("testdata", "word", "extrame-table.xls"), true)
	want := []string{`sheet "Table" hidden=false`, `1: ["Code" "Name" "Description"] hidden=false`}
	for i := 1; i <= 11; i++ {
		want = append(want, fmt.Sprintf(`%d: ["code%d" "name%d" "description%d"] hidden=false`, i+1, i, i, i))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// --sheet picks one sheet of an .ods file, whatever its case; a name it lacks is an error that
// lists the sheets.
func TestODSSheetByName(t *testing.T) {
	rows, err := readWith(office("features.ods"), sheet.Options{Sheet: "repeats"})
	if err != nil || len(rows) != 3 {
		t.Errorf("--sheet repeats: %d rows, error %v", len(rows), err)
	}
	_, err = readWith(office("features.ods"), sheet.Options{Sheet: "Nothing"})
	wantRefused(t, office("features.ods"), err, `no sheet named "Nothing"; the sheets are "Replies", "Working", "Repeats"`)
}
