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
	form := filepath.Join(tmp, "form.docx")
	writeForm(t, form)
	out := filepath.Join(tmp, "out")
	officetest.Convert(t, "docx:MS Word 2007 XML", out, form)
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
		filepath.Join(out, "form.docx"):    "form.docx",
		form:                               "form-written.docx",
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

// writeForm writes a Word reply as a Presidency's form comes back: a title and a heading per
// partner, grids of check boxes (content controls and legacy form fields), a drop-down, cells
// merged down and across.
func writeForm(t *testing.T, path string) {
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14"`
	para := func(style, text string) string {
		ps := ""
		if style != "" {
			ps = `<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`
		}
		return `<w:p>` + ps + `<w:r><w:t xml:space="preserve">` + html.EscapeString(text) + `</w:t></w:r></w:p>`
	}
	box := func(on bool) string {
		v, glyph := "0", "☐"
		if on {
			v, glyph = "1", "☒"
		}
		return `<w:p><w:sdt><w:sdtPr><w:id w:val="` + fmt.Sprint(len(v)+len(glyph)) + `"/><w14:checkbox><w14:checked w14:val="` + v + `"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>` +
			`<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr><w:t>` + glyph + `</w:t></w:r></w:sdtContent></w:sdt></w:p>`
	}
	legacy := func(on bool) string {
		checked := ""
		if on {
			checked = `<w:checked/>`
		}
		return `<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check"/><w:enabled/><w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/><w:default w:val="0"/>` + checked + `</w:checkBox></w:ffData></w:fldChar></w:r>` +
			`<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`
	}
	drop := func(shown string) string {
		return `<w:p><w:sdt><w:sdtPr><w:alias w:val="Partner"/><w:id w:val="77"/><w:dropDownList><w:listItem w:displayText="Albania" w:value="Albania"/><w:listItem w:displayText="Serbia" w:value="Serbia"/></w:dropDownList></w:sdtPr>` +
			`<w:sdtContent><w:r><w:t>` + shown + `</w:t></w:r></w:sdtContent></w:sdt></w:p>`
	}
	tc := func(props, content string) string {
		return `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/>` + props + `</w:tcPr>` + content + `</w:tc>`
	}
	tr := func(cells ...string) string { return `<w:tr>` + strings.Join(cells, "") + `</w:tr>` }
	tbl := func(cols int, rows ...string) string {
		grid := strings.Repeat(`<w:gridCol w:w="2000"/>`, cols)
		return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr><w:tblGrid>` +
			grid + `</w:tblGrid>` + strings.Join(rows, "") + `</w:tbl>`
	}
	text := func(s string) string { return tc("", para("", s)) }
	body := para("Title", "Reply of Austria") +
		para("Heading1", "Serbia") +
		tbl(4,
			tr(text("Area"), text("Expert assistance"), text("Equipment"), text("Financial assistance")),
			tr(text("Asylum"), tc("", box(true)), tc("", box(false)), tc("", legacy(true))),
			tr(text("Return"), tc("", box(false)), tc("", legacy(false)), tc("", box(true)))) +
		para("Heading1", "Albania") +
		para("", "Activities, one a row") +
		tbl(3,
			tr(text("Partner"), text("Area"), text("Type of support")),
			tr(tc(`<w:vMerge w:val="restart"/>`, drop("Albania")), text("Border management"), text("Equipment")),
			tr(tc(`<w:vMerge/>`, `<w:p/>`), text("Asylum"), text("Training")),
			tr(tc(`<w:gridSpan w:val="2"/>`, para("", "Merged across")), text("Expert assistance"))) +
		`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr>`
	styles := `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="48"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>`
	parts := []zipPart{
		{name: "[Content_Types].xml", body: strings.NewReader(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`)},
		{name: "_rels/.rels", body: strings.NewReader(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`)},
		{name: "word/_rels/document.xml.rels", body: strings.NewReader(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`)},
		{name: "word/document.xml", body: strings.NewReader(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + ns + `><w:body>` + body + `</w:body></w:document>`)},
		{name: "word/styles.xml", body: strings.NewReader(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ` + ns + `>` + styles + `</w:styles>`)},
	}
	writeZip(t, path, parts)
}

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
