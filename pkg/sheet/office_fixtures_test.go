package sheet_test

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/mapsurvey/mapsurvey/pkg/internal/officetest"
)

// The files LibreOffice saved for the .ods, .xls and .docx readers' tests, in testdata/office.
// They are inputs, not goldens: they need LibreOffice and every save gives other bytes, so they
// are remade only on purpose, with
//
//	MAPSURVEY_WRITE_FIXTURES=1 go test ./pkg/sheet -run TestWriteOfficeFixtures
//
// features.xlsx is written here with excelize (merged cells, hidden rows and sheets, number
// and date formats, spaces, line breaks, comments, far cells); LibreOffice saves it as
// features.ods, features.xls and features-lo.xlsx (the rows the others must give, numbers as
// LibreOffice shows them), and the sample workbook as sample.ods and sample.xls. sample.docx
// is LibreOffice Writer's save of an HTML page holding the sample's Replies sheet as a table.
const officeDir = "testdata/office"

func TestWriteOfficeFixtures(t *testing.T) {
	if os.Getenv("MAPSURVEY_WRITE_FIXTURES") != "1" {
		t.Skip("set MAPSURVEY_WRITE_FIXTURES=1 to remake testdata/office with LibreOffice")
	}
	tmp := t.TempDir()
	features := filepath.Join(tmp, "features.xlsx")
	writeFeatures(t, features)
	sample := filepath.Join(tmp, "sample.xlsx")
	data, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(sample, data, 0o644); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(tmp, "sample.html")
	if err := os.WriteFile(page, []byte(sampleHTML(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "out")
	officetest.Convert(t, "ods", out, features, sample)
	officetest.Convert(t, "xls", out, features, sample)
	officetest.Convert(t, "docx:MS Word 2007 XML", out, page)
	lo := filepath.Join(tmp, "lo")
	officetest.Convert(t, "xlsx:Calc MS Excel 2007 XML", lo, features)
	if err := os.MkdirAll(officeDir, 0o755); err != nil {
		t.Fatal(err)
	}
	copies := map[string]string{
		filepath.Join(out, "features.ods"): "features.ods",
		filepath.Join(out, "features.xls"): "features.xls",
		filepath.Join(lo, "features.xlsx"): "features-lo.xlsx",
		filepath.Join(out, "sample.ods"):   "sample.ods",
		filepath.Join(out, "sample.xls"):   "sample.xls",
		filepath.Join(out, "sample.docx"):  "sample.docx",
		features:                           "features.xlsx",
	}
	for from, to := range copies {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(officeDir, to), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const samplePath = "../../testdata/sample/replies-7896-20.xlsx"

// writeFeatures writes a workbook with what the readers must get right.
func writeFeatures(t *testing.T, path string) {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Replies"))
	rows := [][]any{
		{"Member State", "Partner", "Area", "Type of support", "Amount", "Date", "Share", "Note"},
		{"Austria", "Serbia", "Asylum", "Expert assistance", 1234.5, 45000, 0.25, "two  spaces"},
		{nil, "Montenegro", "Return", "Equipment", 7, 45001, 1, "line one\nline two"},
		{nil, "Albania", "Border management", "Training", -3.75, 45002, 0.125, true},
		{"Belgium", "Kosovo*", "Asylum; Return", "Financial assistance", 1e6, 45003, 0, "  leading"},
		{"Croatia", "North Macedonia", "Visa policy", "Equipment", 0.5, 45004, 0.5, "hidden row"},
		{"Denmark", nil, nil, nil, nil, nil, nil, "merged across"},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(f.SetSheetRow("Replies", cell, &row))
	}
	money, _ := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	date, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true}})
	must(f.SetCellStyle("Replies", "E2", "E7", money))
	must(f.SetCellStyle("Replies", "F2", "F7", date))
	must(f.SetCellStyle("Replies", "G2", "G7", pct))
	must(f.SetCellStyle("Replies", "H3", "H3", wrap))
	must(f.MergeCell("Replies", "A2", "A4")) // Austria over three rows
	must(f.MergeCell("Replies", "H7", "J7")) // across three columns
	must(f.SetRowVisible("Replies", 6, false))
	must(f.AddComment("Replies", excelize.Comment{Cell: "B2", Author: "Secretariat", Text: "checked with the reply"}))
	must(f.SetCellValue("Replies", "AB40", "far away"))
	_, err := f.NewSheet("Working")
	must(err)
	must(f.SetCellValue("Working", "A1", "a hidden working sheet"))
	must(f.SetSheetVisible("Working", false))
	_, err = f.NewSheet("Repeats")
	must(err)
	for r := 1; r <= 3; r++ {
		for c := 1; c <= 5; c++ {
			cell, _ := excelize.CoordinatesToCellName(c, r)
			must(f.SetCellValue("Repeats", cell, "same"))
		}
	}
	must(f.SaveAs(path))
}

func ptr[T any](v T) *T { return &v }

// sampleHTML is the sample's Replies sheet as an HTML table, with a heading before it.
func sampleHTML(t *testing.T) string {
	f, err := excelize.OpenFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Replies")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("<html><head><meta charset=\"utf-8\"><title>Replies</title></head><body>\n<h1>Compiled replies</h1>\n<p>Reply of the Member States</p>\n<table border=\"1\">\n")
	for _, row := range rows {
		b.WriteString("<tr>")
		for _, c := range row {
			fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(c))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n</body></html>\n")
	return b.String()
}
