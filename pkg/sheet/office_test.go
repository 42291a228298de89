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
