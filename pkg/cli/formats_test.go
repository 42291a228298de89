package cli_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/internal/officetest"
)

// TestOtherFormatsGiveTheSameFigures reads the sample as LibreOffice saved it in other formats
// (pkg/sheet/testdata/office): an .ods spreadsheet, an .xls workbook and a Word document whose
// table holds the Replies sheet; each gives exactly the figures of the bundled workbook, and so
// does a folder holding all three.
func TestOtherFormatsGiveTheSameFigures(t *testing.T) {
	want := figuresOnly(analyseJSON(t, "../../testdata/sample/replies-7896-20.xlsx"))
	office := func(name string) string { return filepath.Join("..", "sheet", "testdata", "office", name) }
	folder := t.TempDir()
	for _, name := range []string{"sample.ods", "sample.docx", "sample.xls"} {
		data, err := os.ReadFile(office(name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(folder, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name    string
		args    []string
		soffice bool
	}{
		{"OpenDocument spreadsheet", []string{office("sample.ods")}, false},
		{"Word document", []string{office("sample.docx")}, false},
		{"the Word document's table named with --sheet", []string{"--sheet", "table 1", office("sample.docx")}, false},
		{"Excel 97-2003 workbook", []string{office("sample.xls")}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.soffice {
				if testing.Short() {
					t.Skip("short: converting with LibreOffice takes seconds")
				}
				officetest.Soffice(t)
			}
			if got := figuresOnly(analyseJSON(t, tc.args...)); !reflect.DeepEqual(got, want) {
				t.Errorf("figures differ from the bundled sample's")
			}
		})
	}
	t.Run("a folder of the three is read, each file a source", func(t *testing.T) {
		if testing.Short() {
			t.Skip("short: converting with LibreOffice takes seconds")
		}
		officetest.Soffice(t)
		got := analyseJSON(t, folder)
		if len(got.Sources) != 3 {
			t.Errorf("%d sources, want 3: %+v", len(got.Sources), got.Sources)
		}
	})
}

// TestWordGridReply reads a reply drawn as a Word document by hand, as LibreOffice Writer saved
// it (testdata/layouts/word): a heading per partner over a grid of areas x types of support
// with tick marks of four kinds. Each table's partner comes from its heading.
func TestWordGridReply(t *testing.T) {
	got := analyseJSON(t, "../../testdata/layouts/word/AT-reply.docx")
	if got.Respondents != 1 || got.Activities != 5 {
		t.Fatalf("%d respondents, %d activities; want 1 and 5", got.Respondents, got.Activities)
	}
	partners := map[string]int{}
	for _, p := range got.Partner {
		partners[p.Partner] = p.Activities
	}
	if partners["Serbia"] != 3 || partners["Albania"] != 2 {
		t.Errorf("activities per partner %v, want Serbia 3 and Albania 2", partners)
	}
	areas := map[string]int{}
	for _, a := range got.Area {
		areas[a.Area] = a.Activities
	}
	if want := map[string]int{"Border management": 2, "Return": 1, "Asylum": 2}; !subset(want, areas) {
		t.Errorf("activities per area %v, want %v", areas, want)
	}
}

func subset(want, got map[string]int) bool {
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}
