package xlsxstream_test

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/sheet/sheettest"
	"github.com/mapsurvey/mapsurvey/pkg/xlsxstream"
	"github.com/xuri/excelize/v2"
)

// numberValues are stored number texts whose display excelize decides: integers, decimals,
// exponents, long numbers past General's 11 digits and Excel's 15, and texts strconv reads as
// numbers though a spreadsheet would not write them.
var numberValues = []string{
	"0", "-0", "1", "-1", "2019", "0.1", "-2.5", "1E+20", "1e20", "1.5E-7", "1e-7", "0.000001",
	"123456789012", "-12345678901", "12345678901", "123456789012345", "1234567890123456",
	"12345678901234567", "123456789012345678901", "100000000000000000000", "0.1234567890123",
	"3.14159265358979", "0.30000000000000004", "9007199254740993", "1e400", "1e-400",
	"4.9e-324", "1.7976931348623157e308", "+5", ".5", "5.", "007", "0x1p-2", "NaN", "Inf",
	"-Infinity", "1_000", " 12", "12 ", "1,5", "abc", "", "45123.5", "99999999999", "-99999999999",
}

// excelizeWorkbook writes a workbook through excelize's cell API: every kind of value, styles,
// hidden rows, blank rows, several sheets.
func excelizeWorkbook(t *testing.T) string {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Replies"))
	must(f.SetSheetRow("Replies", "A1", &[]any{"Member State", "Partner", "Area", "Year", "Amount", "Done"}))
	must(f.SetSheetRow("Replies", "A2", &[]any{"Austria", "Serbia", "Asylum", 2019, 1500.5, true}))
	must(f.SetSheetRow("Replies", "A3", &[]any{"Germany & Co <GmbH>", `"quoted" 'apos'`, "line\nbreak", int64(-7), 0.1, false}))
	must(f.SetSheetRow("Replies", "A4", &[]any{"  spaced  ", "tab\there", "Ελλάδα Österreich 🇦🇹", 1e20, 1.0 / 3, "007"}))
	must(f.SetCellStr("Replies", "B5", "only B"))
	must(f.SetCellValue("Replies", "Z5", "far right"))
	must(f.SetRowVisible("Replies", 5, false))
	// rows 6-8 blank
	must(f.SetCellRichText("Replies", "A9", []excelize.RichTextRun{
		{Text: "Bold", Font: &excelize.Font{Bold: true}}, {Text: " and plain"}}))
	must(f.SetCellFormula("Replies", "B9", `A2&" "&B2`))
	must(f.SetCellBool("Replies", "C9", true))
	must(f.SetCellValue("Replies", "D9", 123456789012.5))
	must(f.SetCellValue("Replies", "E9", math.MaxInt64))
	must(f.SetCellValue("Replies", "F9", -1.5e-9))
	must(f.SetCellStr("Replies", "G9", "_x000D_ escaped"))
	must(f.SetCellStr("Replies", "H9", "1E+20"))
	for i, v := range numberValues {
		cell, _ := excelize.CoordinatesToCellName(i+1, 10)
		must(f.SetCellDefault("Replies", cell, v))
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	must(err)
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	must(err)
	twoPlaces, err := f.NewStyle(&excelize.Style{NumFmt: 2})
	must(err)
	for i, v := range numberValues {
		for j, style := range []int{bold, text} {
			cell, _ := excelize.CoordinatesToCellName(i+1, 11+j)
			must(f.SetCellDefault("Replies", cell, v))
			must(f.SetCellStyle("Replies", cell, cell, style))
		}
	}
	must(f.SetCellStr("Replies", "A13", "text with a number format"))
	must(f.SetCellStyle("Replies", "A13", "B13", twoPlaces))
	must(f.SetCellStyle("Replies", "C13", "C13", bold))

	_, err = f.NewSheet("Partners")
	must(err)
	must(f.SetSheetRow("Partners", "B2", &[]any{"Serbia", 7}))
	must(f.SetSheetRow("Partners", "A4", &[]any{"Albania", 3}))
	_, err = f.NewSheet("Hidden")
	must(err)
	must(f.SetCellValue("Hidden", "A1", "secret"))
	must(f.SetSheetVisible("Hidden", false))
	_, err = f.NewSheet("Empty")
	must(err)
	p := filepath.Join(t.TempDir(), "excelize.xlsx")
	must(f.SaveAs(p))
	return p
}

// streamWorkbook writes a workbook with excelize's StreamWriter, which writes inline strings.
func streamWorkbook(t *testing.T) string {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"State", "Partner", "Count", "Share", "OK"},
		{"Austria", "Serbia", 12, 0.25, true},
		{"Belgium & Luxembourg", "<Kosovo>", -3, 1e-10, false},
		nil,
		{nil, "gap first", 123456789012345, "", nil},
		{excelize.Cell{Value: "with formula"}, excelize.Cell{Formula: "1+1"}, excelize.Cell{Formula: "A2", Value: "Austria"}},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		var opts []excelize.RowOpts
		if i == 2 {
			opts = append(opts, excelize.RowOpts{Hidden: true})
		}
		if err := sw.SetRow(cell, r, opts...); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.SetRow("B9", []any{"after a gap", 9}); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "stream.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFastMatchesExcelizeWrittenWorkbooks(t *testing.T) {
	t.Run("cell API", func(t *testing.T) {
		got := checkSame(t, excelizeWorkbook(t))
		if len(got) != 4 || got[0].Rows[4].Num != 5 || !got[0].Rows[4].Hidden || got[0].Rows[6].Cells != nil || !got[2].Hidden {
			t.Errorf("sheets %+v: want the hidden row 5, blank rows 6-8, the Hidden sheet hidden", got)
		}
	})
	t.Run("stream writer", func(t *testing.T) { checkSame(t, streamWorkbook(t)) })
}

func TestFastMatchesSpreadsheetProgramWorkbooks(t *testing.T) {
	files, err := filepath.Glob("testdata/libreoffice/*.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "../../testdata/workbooks/formulas-libreoffice.xlsx", "../../testdata/sample/replies-7896-20.xlsx")
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) { checkSame(t, p) })
	}
}

// cellsRow is a row of cells in <sheetData> XML, one <c> for each value written.
func cellsRow(row int, cells ...string) string {
	return fmt.Sprintf(`<row r="%d">%s</row>`, row, strings.Join(cells, ""))
}

func TestFastMatchesHandWrittenWorkbooks(t *testing.T) {
	sst := `<si><t>Austria</t></si>` +
		`<si><r><t>Rich</t></r><r><rPr><b/><sz val="11"/><color rgb="FFFF0000"/><rFont val="Calibri"/></rPr><t xml:space="preserve"> text</t></r></si>` +
		`<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>` +
		`<si><t xml:space="preserve">  two spaces  </t></si>` +
		`<si><t>  not preserved  </t></si>` +
		"<si><t>crlf\r\nlf\ncr\rend</t></si>" +
		`<si><t>&amp; &lt; &gt; &quot; &apos; &#10; &#x41;&#66; &#128512; &#xD800;</t></si>` +
		`<si><t>_x000D_ _x005F_x0041_ _xD83D_ _x0041__x0042_ _x00e9_ _xZZZZ_</t></si>` +
		`<si><t/></si>` +
		`<si/>` +
		`<si><t>plain</t><r><t> then run</t></r></si>` +
		"<si>\n  <t>indented</t>\n</si>" +
		`<si><t>2019</t></si>` +
		`<si><r><t>a</t></r><r/><r><rPr/></r><r><t/></r></si>`
	var numbers strings.Builder
	for i, v := range numberValues {
		col := sheet.ColumnName(i + 1)
		fmt.Fprintf(&numbers, `<row r="%d">`, i+1)
		for j, s := range []string{"", ` s="0"`, ` s="1"`, ` s="2"`, ` s="3"`, ` s="8"`, ` s="99"`, ` t="n"`, ` t="e"`} {
			fmt.Fprintf(&numbers, `<c r="%s%d"%s><v>%s</v></c>`, sheet.ColumnName(j+1), i+1, s, v)
		}
		fmt.Fprintf(&numbers, `<c r="J%d" t="str"><v>%s</v></c><c r="K%d" t="inlineStr" s="4"><is><t>%s</t></is></c></row>`, i+1, v, i+1, v)
		_ = col
	}
	for _, tc := range []struct {
		name string
		wb   handWorkbook
	}{
		{"shared strings", handWorkbook{sst: sst, sheets: []handSheet{{name: "S", data: cellsRow(1,
			`<c r="A1" t="s"><v>0</v></c>`, `<c r="B1" t="s"><v>1</v></c>`, `<c r="C1" t="s"><v>2</v></c>`,
			`<c r="D1" t="s"><v>3</v></c>`, `<c r="E1" t="s"><v>4</v></c>`, `<c r="F1" t="s"><v>5</v></c>`,
			`<c r="G1" t="s"><v>6</v></c>`, `<c r="H1" t="s"><v>7</v></c>`, `<c r="I1" t="s"><v>8</v></c>`,
			`<c r="J1" t="s"><v>9</v></c>`, `<c r="K1" t="s"><v>10</v></c>`, `<c r="L1" t="s"><v>11</v></c>`,
			`<c r="M1" t="s" s="4"><v>12</v></c>`, `<c r="N1" t="s" s="1"><v>12</v></c>`, `<c r="O1" t="s"><v>13</v></c>`,
			`<c r="P1" t="s"/>`, `<c r="Q1" t="s"><v></v></c>`, `<c r="R1" t="s"><v>0</v></c>`)}}}},
		{"numbers and styles", handWorkbook{sheets: []handSheet{{name: "N", data: numbers.String()}}}},
		{"inline strings, booleans, errors, formulas", handWorkbook{sheets: []handSheet{{name: "I", data: cellsRow(1,
			`<c r="A1" t="inlineStr"><is><t>inline</t></is></c>`,
			`<c r="B1" t="inlineStr"><is><r><rPr><i/></rPr><t>ri</t></r><r><t>ch</t></r></is></c>`,
			`<c r="C1" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c>`,
			`<c r="D1" t="inlineStr"><is/></c>`, `<c r="E1" t="inlineStr"><v>from v</v></c>`,
			`<c r="F1" t="inlineStr"><is><t>_x0041_&amp;</t></is></c>`,
			`<c r="G1" t="b"><v>1</v></c>`, `<c r="H1" t="b"><v>0</v></c>`, `<c r="I1" t="b"><v>true</v></c>`,
			`<c r="J1" t="b" s="1"><v>2</v></c>`, `<c r="K1" t="b"/>`,
			`<c r="L1" t="e"><v>#N/A</v></c>`, `<c r="M1" t="e"><f>1/0</f><v>#DIV/0!</v></c>`,
			`<c r="N1" t="str"><f>A1&amp;"x"</f><v>inlinex</v></c>`, `<c r="O1" t="str"><f>""</f></c>`,
			`<c r="P1"><f>1+1</f><v>2</v></c>`, `<c r="Q1"><f>1+1</f><v></v></c>`, `<c r="R1"><f>1+1</f><v>  </v></c>`,
			`<c r="S1"><f t="shared" ref="S1:S2" si="0">1+1</f><v>2</v></c>`, `<c r="T1"><f/></c>`,
			`<c r="U1" t="str"><v>_x0041_ kept</v></c>`, `<c r="V1" t="inlineStr"><is><t>last</t></is></c>`,
			`<c r="W1" s="1"/>`, `<c r="X1"></c>`, `<c r="Y1"><v></v></c>`) +
			cellsRow(2, `<c r="S2"><f t="shared" si="0"/><v>2</v></c>`)}}}},
		{"missing r attributes", handWorkbook{sheets: []handSheet{{name: "M", data: `<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c><c/><c><v>3</v></c></row>` +
			`<row><c><v>2</v></c></row>` +
			`<row r="5"><c r="B5"><v>3</v></c><c><v>4</v></c><c r="F5"><v>5</v></c><c><f>1</f></c></row>` +
			`<row><c r="A6"><v>6</v></c><c r="B6"><v>7</v></c><c><v>8</v></c></row>` +
			`<row hidden="0"><c><v>9</v></c></row>`}}}},
		{"rows: blank, self-closing, hidden, gaps", handWorkbook{sheets: []handSheet{{name: "R", data: `<row r="3" hidden="1"><c r="A3" t="inlineStr"><is><t>first row 3, hidden</t></is></c></row>` +
			`<row r="4"/><row r="5" hidden="true" spans="1:3" x14ac:dyDescent="0.25" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><c r="C5"><v>5</v></c></row>` +
			`<row r="6" hidden="false"><c r="A6" s="1"/><c r="B6" s="1"/></row>` +
			"\n  <row r=\"9\" ht=\"20\" customHeight=\"1\">\n    <c r=\"A9\">\n      <v>9</v>\n    </c>\n  </row>\n" +
			`<row r="10" hidden="1"/>`}}}},
		{"sheets: order, targets, states, no shared strings", handWorkbook{sheets: []handSheet{
			{name: "Second part", target: "worksheets/sheet2.xml", data: cellsRow(1, `<c r="A1"><v>2</v></c>`)},
			{name: "Absolute", target: "/xl/worksheets/sheet1.xml", data: cellsRow(1, `<c r="A1"><v>1</v></c>`)},
			{name: "Dotted", state: "hidden", target: "worksheets/../worksheets/other.xml", data: cellsRow(1, `<c r="A1"><v>3</v></c>`)},
			{name: "Very hidden", state: "veryHidden", target: "worksheets/v.xml", data: ""},
			{name: "Visible", state: "visible", target: "worksheets/vis.xml", xml: xmlDec + `<worksheet xmlns="` + nsMain + `"/>`},
			{name: "Whole XML & more", target: "worksheets/w.xml", xml: "<!-- before the root -->\n<?xml-stylesheet href=\"x\"?>" +
				`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac">` +
				`<sheetPr filterMode="false"><pageSetUpPr fitToPage="false"/></sheetPr><dimension ref="A1:B2"/>` +
				`<sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>` +
				`<sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="2" width="12" customWidth="1"/></cols><!-- a comment -->` +
				`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>whole</t></is></c></row></sheetData>` +
				`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`},
			{name: "Empty sheetData", target: "worksheets/e.xml", xml: `<worksheet xmlns="` + nsMain + `"><sheetData/></worksheet>`},
		}}},
		{"shared strings part in other case", handWorkbook{sst: `<si><t>found</t></si>`, sstPart: "xl/SharedStrings.xml",
			sheets: []handSheet{{name: "S", data: cellsRow(1, `<c r="A1" t="s"><v>0</v></c>`)}}}},
		{"no styles part", handWorkbook{styles: xmlDec + `<styleSheet xmlns="` + nsMain + `"/>`,
			sheets: []handSheet{{name: "S", data: cellsRow(1, `<c r="A1" s="5"><v>45123</v></c>`, `<c r="B1" s="1"><v>123456789012</v></c>`)}}}},
	} {
		t.Run(tc.name, func(t *testing.T) { checkSame(t, tc.wb.write(t)) })
	}
}

// The last cell a workbook can have, after a million blank rows.
func TestFastMatchesTheLastCell(t *testing.T) {
	if testing.Short() {
		t.Skip("excelize takes seconds over a million blank rows; runs in the full suite")
	}
	checkSame(t, handWorkbook{sheets: []handSheet{{name: "R", data: `<row r="2"><c r="A2"><v>2</v></c></row>` +
		`<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`}}}.write(t))
}

// Spot checks that the differential tests compare what they should.
func TestFastValues(t *testing.T) {
	wb := handWorkbook{sst: `<si><t>Austria</t></si><si><r><t>a</t></r><r><t>b</t></r></si>`,
		sheets: []handSheet{{name: "S", data: `<row r="2" hidden="1"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c>` +
			`<c r="D2"><v>2019</v></c><c r="E2" s="1"><v>123456789012</v></c><c r="F2" t="b"><v>1</v></c>` +
			`<c r="G2" t="str"><f>1</f><v>1</v></c><c r="H2"><f>2</f></c><c r="I2" s="1"/></row>`}}}
	got, err := readFast(wb.write(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []sheet.Row{{Num: 1}, {Num: 2, Hidden: true, Cells: []string{"Austria", "", "ab", "2019", "1.23456789E+11", "TRUE", "1", ""},
		Formulas: []sheet.Formula{{Col: 7, Cached: true}, {Col: 8}}}}
	if !reflect.DeepEqual(got[0].Rows, want) {
		t.Errorf("rows\n%#v\nwant\n%#v", got[0].Rows, want)
	}
}

// excelizeFile is a workbook excelize writes with build.
func excelizeFile(t *testing.T, build func(f *excelize.File) error, opts ...excelize.Options) string {
	f := excelize.NewFile()
	defer f.Close()
	if err := build(f); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "f.xlsx")
	if err := f.SaveAs(p, opts...); err != nil {
		t.Fatal(err)
	}
	return p
}

// one is a workbook of one sheet whose sheet data is data.
func one(data string) handWorkbook {
	return handWorkbook{sst: `<si><t>x</t></si>`, sheets: []handSheet{{name: "S", data: data}}}
}

func TestFastFallsBack(t *testing.T) {
	for _, tc := range []struct {
		name string
		path func(t *testing.T) string
	}{
		{"encrypted", func(t *testing.T) string {
			return excelizeFile(t, func(f *excelize.File) error { return f.SetCellValue("Sheet1", "A1", "secret") },
				excelize.Options{Password: "pw"})
		}},
		{"cells out of order", func(t *testing.T) string {
			return one(cellsRow(1, `<c r="C1"><v>3</v></c><c r="A1"><v>1</v></c>`)).write(t)
		}},
		{"a cell in another row", func(t *testing.T) string { return one(cellsRow(1, `<c r="A2"><v>3</v></c>`)).write(t) }},
		{"rows out of order", func(t *testing.T) string {
			return one(cellsRow(2, `<c r="A2"><v>2</v></c>`) + cellsRow(1, `<c r="A1"><v>1</v></c>`)).write(t)
		}},
		{"a hidden row without a number", func(t *testing.T) string { return one(`<row hidden="1"><c><v>1</v></c></row>`).write(t) }},
		{"a gap in a row without a number", func(t *testing.T) string { return one(`<row><c r="B1"><v>1</v></c></row>`).write(t) }},
		{"a comment in the data", func(t *testing.T) string { return one(cellsRow(1, `<!-- x --><c r="A1"><v>1</v></c>`)).write(t) }},
		{"CDATA", func(t *testing.T) string {
			return one(cellsRow(1, `<c r="A1" t="inlineStr"><is><t><![CDATA[x]]></t></is></c>`)).write(t)
		}},
		{"a prefixed element", func(t *testing.T) string {
			return one(`<x:row xmlns:x="` + nsMain + `" r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>`).write(t)
		}},
		{"an unknown entity", func(t *testing.T) string {
			return one(cellsRow(1, `<c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c>`)).write(t)
		}},
		{"a shared string index out of range", func(t *testing.T) string { return one(cellsRow(1, `<c r="A1" t="s"><v>5</v></c>`)).write(t) }},
		{"an extension in a cell", func(t *testing.T) string {
			return one(cellsRow(1, `<c r="A1"><v>1</v><extLst><ext uri="x"/></extLst></c>`)).write(t)
		}},
		{"another encoding", func(t *testing.T) string {
			return handWorkbook{sheets: []handSheet{{name: "S", xml: `<?xml version="1.0" encoding="ISO-8859-1"?><worksheet xmlns="` + nsMain + `"><sheetData/></worksheet>`}}}.write(t)
		}},
		{"a sheet name excelize refuses", func(t *testing.T) string {
			return handWorkbook{sheets: []handSheet{{name: "a:b", data: cellsRow(1, `<c r="A1"><v>1</v></c>`)}}}.write(t)
		}},
		{"two sheetData elements", func(t *testing.T) string {
			return handWorkbook{sheets: []handSheet{{name: "S", xml: `<worksheet xmlns="` + nsMain + `"><sheetData>` +
				cellsRow(1, `<c r="A1"><v>1</v></c>`) + `</sheetData><sheetData>` + cellsRow(2, `<c r="A2"><v>2</v></c>`) +
				`</sheetData></worksheet>`}}}.write(t)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readFast(tc.path(t))
			if !isFallback(err) {
				t.Errorf("error %v, want ErrFallback", err)
			}
			t.Log(err)
		})
	}
}

// What the fast reader once gave to excelize, and now reads as excelize does: merged cells,
// number formats, Strict OOXML.
func TestFastReadsWhatFellBack(t *testing.T) {
	for _, tc := range []struct {
		name string
		path func(t *testing.T) string
	}{
		{"merged cells", func(t *testing.T) string {
			return excelizeFile(t, func(f *excelize.File) error {
				if err := f.SetCellValue("Sheet1", "A1", "Austria"); err != nil {
					return err
				}
				return f.MergeCell("Sheet1", "A1", "A3")
			})
		}},
		{"a date", func(t *testing.T) string {
			return excelizeFile(t, func(f *excelize.File) error {
				return f.SetCellValue("Sheet1", "A1", time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC))
			})
		}},
		{"a percentage", func(t *testing.T) string {
			return excelizeFile(t, func(f *excelize.File) error {
				style, err := f.NewStyle(&excelize.Style{NumFmt: 9})
				if err != nil {
					return err
				}
				if err := f.SetCellValue("Sheet1", "A1", 0.25); err != nil {
					return err
				}
				return f.SetCellStyle("Sheet1", "A1", "A1", style)
			})
		}},
		{"numbers with a date style", func(t *testing.T) string { return one(cellsRow(1, `<c r="A1" s="5"><v>45123</v></c>`)).write(t) }},
		{"a text section format", func(t *testing.T) string { return one(cellsRow(1, `<c r="A1" s="7" t="s"><v>0</v></c>`)).write(t) }},
		{"Strict OOXML", func(t *testing.T) string {
			return handWorkbook{sheets: []handSheet{{name: "S", xml: `<worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><sheetData/></worksheet>`}}}.write(t)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) { checkSame(t, tc.path(t)) })
	}
}

func TestFastFileErrors(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "text.xlsx")
	empty := filepath.Join(dir, "empty.xlsx")
	if err := os.WriteFile(text, []byte("plain text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{text, "not a readable .xlsx workbook"},
		{empty, "the file is empty"},
		{filepath.Join(dir, "missing.xlsx"), "no such file"},
	} {
		// Through sheet.Read, which gives the fast reader's errors as its own.
		err := sheet.Read(tc.path, sheet.Options{}, func(sheet.Info, sheet.Rows) error { return nil })
		var se *sheet.Error
		if !errors.As(err, &se) || se.Path != tc.path || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want a *sheet.Error naming the file: %s", tc.path, err, tc.want)
		}
	}
	w := openFast(t, handWorkbook{sheets: []handSheet{{name: "S"}}}.write(t))
	defer w.Close()
	_, err := w.Rows("Other")
	if err == nil || !strings.Contains(err.Error(), `no sheet named "Other"; the sheets are "S"`) {
		t.Errorf("unknown sheet: %v", err)
	}
	if _, err := w.Rows("s"); err != nil {
		t.Errorf("sheet names are matched regardless of case, as excelize does: %v", err)
	}
}

// A sheet large enough to be inflated on a second goroutine reads the same, and closing the
// workbook before its last row stops that goroutine.
func TestFastLargeSheetAndEarlyClose(t *testing.T) {
	if testing.Short() {
		t.Skip("a large sheet takes seconds to write and read; runs in the full suite")
	}
	p := filepath.Join(t.TempDir(), "large.xlsx")
	if err := sheettest.WriteWorkbook(p, 20000); err != nil {
		t.Fatal(err)
	}
	checkSame(t, p)
	inline := filepath.Join(t.TempDir(), "inline.xlsx")
	if err := sheettest.WriteInlineWorkbook(inline, 20000); err != nil {
		t.Fatal(err)
	}
	checkSame(t, inline)

	before := runtime.NumGoroutine()
	w, rows := openFastRows(t, p, sheettest.SheetName)
	for i := 0; i < 10 && rows.Next(); i++ {
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100 && runtime.NumGoroutine() > before; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after Close, %d before", n, before)
	}
	for rows.Next() {
	}
	if rows.Err() == nil {
		t.Error("reading on after Close: no error")
	}
}

var (
	randomWorkbooks = flag.Int("fastrandom", 400, "random workbooks TestFastMatchesRandomWorkbooks compares")
	randomSeed      = flag.Uint64("fastseed", 7896, "the seed of TestFastMatchesRandomWorkbooks")
)

// randomText is text as spreadsheet programs write it, with the XML escapes and the OOXML
// _xHHHH_ escapes excelize decodes.
func randomText(rng *rand.Rand) string {
	pieces := []string{"Austria", "Serbia", " ", "  ", "&amp;", "&lt;b&gt;", "&quot;", "&apos;", "&#10;", "&#13;", "&#x41;",
		"\r\n", "\n", "\t", "Ελλάδα", "東京", "🇦🇹", "_x000D_", "_x005F_x0041_", "_x0041_", "_xD83D_", "_x", "2019", "0.1", "1E+20",
		"-", "#N/A", "TRUE", "]]", "'", "%", "007"}
	var b strings.Builder
	for range rng.IntN(4) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

// randomRichText is the content of an <si> or an <is>.
func randomRichText(rng *rand.Rand) string {
	t := func() string {
		switch rng.IntN(4) {
		case 0:
			return `<t xml:space="preserve">` + randomText(rng) + `</t>`
		case 1:
			return `<t/>`
		}
		return `<t>` + randomText(rng) + `</t>`
	}
	switch rng.IntN(5) {
	case 0:
		var b strings.Builder
		for range 1 + rng.IntN(3) {
			b.WriteString(`<r>`)
			if rng.IntN(2) == 0 {
				b.WriteString(`<rPr><b/><sz val="11"/><color rgb="FFFF0000"/><rFont val="Calibri"/><family val="2"/></rPr>`)
			}
			b.WriteString(t() + `</r>`)
		}
		return b.String()
	case 1:
		return t() + `<rPh sb="0" eb="1"><t>` + randomText(rng) + `</t></rPh><phoneticPr fontId="1" type="noConversion"/>`
	case 2:
		return ""
	}
	return t()
}

// randomWorkbook is a workbook of random rows of random cells of every kind the fast reader
// handles, and a few it does not.
func randomWorkbook(rng *rand.Rand) handWorkbook {
	var sst strings.Builder
	nsst := rng.IntN(6)
	for range nsst {
		sst.WriteString(`<si>` + randomRichText(rng) + `</si>`)
	}
	var data strings.Builder
	row := 0
	for range rng.IntN(8) {
		hasR := rng.IntN(6) > 0
		row++
		if hasR {
			row += rng.IntN(3) * rng.IntN(2)
		}
		hidden := ""
		switch rng.IntN(6) {
		case 0:
			hidden = ` hidden="1"`
			if !hasR {
				hidden = ` hidden="0"`
			}
		case 1:
			hidden = ` hidden="false"`
		}
		if hasR {
			fmt.Fprintf(&data, `<row r="%d" spans="1:9"%s>`, row, hidden)
		} else {
			fmt.Fprintf(&data, `<row%s>`, hidden)
		}
		col := 0
		for range rng.IntN(7) {
			col++
			ref := ""
			if hasR && rng.IntN(3) > 0 {
				col += rng.IntN(3) * rng.IntN(2)
				ref = fmt.Sprintf(` r="%s%d"`, sheet.ColumnName(col), row)
			} else if !hasR && rng.IntN(2) == 0 {
				ref = fmt.Sprintf(` r="%s%d"`, sheet.ColumnName(col), row)
			}
			style := []string{"", "", "", ` s="0"`, ` s="1"`, ` s="2"`, ` s="3"`, ` s="4"`, ` s="8"`, ` s="99"`}[rng.IntN(10)]
			f := []string{"", "", "", `<f>A1&amp;"x"</f>`, `<f/>`, `<f t="shared" si="0"/>`}[rng.IntN(6)]
			var typ, body string
			value := func(v string) string {
				switch rng.IntN(8) {
				case 0:
					return ""
				case 1:
					return `<v/>`
				}
				return `<v>` + v + `</v>`
			}
			switch rng.IntN(7) {
			case 0:
				k := rng.IntN(nsst + 1)
				if k == nsst && rng.IntN(10) > 0 {
					k = 0 // out of range now and then only
				}
				typ, body = ` t="s"`, value(fmt.Sprint(k))
				if nsst == 0 {
					body = ""
				}
			case 1:
				typ, body = ` t="str"`, value(randomText(rng))
			case 2:
				typ, body = ` t="inlineStr"`, `<is>`+randomRichText(rng)+`</is>`
			case 3:
				typ, body = ` t="b"`, value([]string{"1", "0", "1", "0", "true", ""}[rng.IntN(6)])
			case 4:
				typ, body = ` t="e"`, value([]string{"#N/A", "#DIV/0!", "#REF!"}[rng.IntN(3)])
			default:
				typ, body = []string{"", "", ` t="n"`}[rng.IntN(3)], value(numberValues[rng.IntN(len(numberValues))])
			}
			// Layout spreadsheet programs also write: white space between elements, other
			// attributes, single quotes, spaces around "=".
			space := []string{"", "", "", "\n    ", " "}[rng.IntN(5)]
			extra := []string{"", "", "", ` cm="1"`, ` ph="1"`, ` xml:space="preserve"`}[rng.IntN(6)]
			if rng.IntN(8) == 0 {
				ref = strings.ReplaceAll(strings.ReplaceAll(ref, `"`, `'`), "=", " = ")
			}
			if f == "" && body == "" && rng.IntN(2) == 0 {
				fmt.Fprintf(&data, `%s<c%s%s%s%s/>`, space, ref, style, typ, extra)
				continue
			}
			fmt.Fprintf(&data, `%s<c%s%s%s%s>%s%s%s</c%s>`, space, ref, style, typ, extra, f, space, body, []string{"", "", " "}[rng.IntN(3)])
		}
		data.WriteString([]string{"</row>", "</row>", "\n</row>\n"}[rng.IntN(3)])
	}
	return handWorkbook{sst: sst.String(), sheets: []handSheet{{name: "Random", data: data.String()}}}
}

// Random workbooks, compared with both excelize readers: most are read, the rest fall back.
func TestFastMatchesRandomWorkbooks(t *testing.T) {
	rng := rand.New(rand.NewPCG(*randomSeed, 20))
	dir := t.TempDir()
	read, reasons := 0, map[string]int{}
	for i := range *randomWorkbooks {
		hw := randomWorkbook(rng)
		if hw.sst == "" && i%2 == 0 {
			hw.sst = `<si><t>unused</t></si>`
		}
		p := filepath.Join(dir, fmt.Sprintf("random-%d.xlsx", i))
		if err := os.WriteFile(p, hw.bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readFast(p); err != nil {
			if !isFallback(err) {
				t.Fatalf("%s: %v", p, err)
			}
			why := err.Error()
			if k := strings.LastIndex(why, ": "); k >= 0 {
				why = why[k+2:]
			}
			if k := strings.IndexByte(why, '"'); k >= 0 {
				why = why[:k]
			}
			reasons[why]++
			continue
		}
		read++
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			checkSame(t, p)
			if t.Failed() {
				t.Logf("sheet data: %s\nshared strings: %s", hw.sheets[0].data, hw.sst)
			}
		})
	}
	t.Logf("read %d of %d random workbooks; fell back: %v", read, *randomWorkbooks, reasons)
	if read < *randomWorkbooks/3 {
		t.Errorf("only %d of %d random workbooks were read", read, *randomWorkbooks)
	}
}

// A shared strings table over 16 MiB, which excelize reads through a temporary file by
// another path (getFromStringItem), reads the same.
func TestFastLargeSharedStrings(t *testing.T) {
	if testing.Short() {
		t.Skip("200,000 shared strings take seconds to write and read with excelize; runs in the full suite")
	}
	const n = 200000
	special := []string{`<r><t>Rich</t></r><r><rPr><b/></rPr><t xml:space="preserve"> run</t></r>`,
		`<t>&amp;&lt;&#10;_x000D_ x</t>`, `<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh>`, `<t/>`, ``}
	var sst, data strings.Builder
	for i := range n {
		if i%40000 == 7 {
			sst.WriteString(`<si>` + special[(i/40000)%len(special)] + `</si>`)
			continue
		}
		fmt.Fprintf(&sst, `<si><t>Description %d of the support given, long enough to make the table large</t></si>`, i)
	}
	if sst.Len() < 17<<20 {
		t.Fatalf("the table is only %d bytes", sst.Len())
	}
	for row := 1; row <= 60; row++ {
		k := (row*7919 + row*row*104729) % n
		fmt.Fprintf(&data, `<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c><c r="C%d" t="s"><v>%d</v></c></row>`,
			row, row, k, row, (row-1)*40000%n+7, row, n-row)
	}
	checkSame(t, handWorkbook{sst: sst.String(), sheets: []handSheet{{name: "S", data: data.String()}}}.write(t))
}

// A sheet too large for a first pass gives its rows as they come; merged cells, found after the
// sheet data, then end it with ErrFallback, and sheet.Read reports that rows were given before.
func TestFastLargeSheetWithMergedCellsFallsBackAtTheEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("a large sheet read by both readers takes seconds; runs in the full suite")
	}
	defer xlsxstream.SetPreScanPart(4 << 20)() // the 5 MB sheet below stands for one over 64 MiB
	p := filepath.Join(t.TempDir(), "merged.xlsx")
	if err := sheettest.WriteWorkbook(p, 20000, "A2:A12"); err != nil {
		t.Fatal(err)
	}
	w := openFast(t, p)
	defer w.Close()
	rows, err := w.Rows(sheettest.SheetName)
	if err != nil {
		t.Fatalf("a large sheet is not searched for merged cells before its rows: %v", err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	if n != 20001 {
		t.Errorf("%d rows given before the merged cells, want all 20001", n)
	}
	if err := rows.Err(); !errors.Is(err, sheet.ErrFallback) || !strings.Contains(err.Error(), "merged cells") {
		t.Errorf("Err() = %v, want ErrFallback for merged cells", err)
	}

	given := 0
	err = sheet.Read(p, sheet.Options{}, func(_ sheet.Info, rows sheet.Rows) error {
		for rows.Next() {
			given++
		}
		return rows.Err()
	})
	if !errors.Is(err, sheet.ErrFallback) || given == 0 {
		t.Errorf("sheet.Read: %v after %d rows, want ErrFallback after the rows given", err, given)
	}
	var merged []sheet.Row
	err = sheet.Read(p, sheet.Options{Excelize: true}, func(_ sheet.Info, rows sheet.Rows) error {
		for rows.Next() && len(merged) < 13 {
			merged = append(merged, rows.Row())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Rows 9-12 name Belgium in the file; merged under row 2 they read as Austria.
	for _, r := range merged[1:12] {
		if r.Cells[0] != "Austria" {
			t.Errorf("row %d: %q, want the merged range's value repeated", r.Num, r.Cells[0])
		}
	}
}

// In a small sheet, merged cells are found before any row is given: the fallback costs nothing.
// A sheet of 5 MB of XML (20,000 rows) with merged cells is read on the fast path: its merged
// ranges are read first, on another core. Apache POI's 57893-many-merges.xlsx (50,000 rows, as
// many ranges, 7 MB) took excelize 51 s.
func TestFastReadsLargeSheetWithMergedCells(t *testing.T) {
	if testing.Short() {
		t.Skip("a large sheet read by both readers takes seconds; runs in the full suite")
	}
	p := filepath.Join(t.TempDir(), "merged.xlsx")
	if err := sheettest.WriteWorkbook(p, 20000, "A2:A12", "B20:C20000"); err != nil {
		t.Fatal(err)
	}
	got := checkSame(t, p)
	if got[0].Merged != 2 || got[0].Rows[19999].Cells[2] != got[0].Rows[19].Cells[1] {
		t.Errorf("merged %d: want B20's value over B20:C20000", got[0].Merged)
	}
}

func TestFastReadsSmallSheetWithMergedCells(t *testing.T) {
	p := filepath.Join(t.TempDir(), "merged.xlsx")
	if err := sheettest.WriteWorkbook(p, 100, "A2:A8"); err != nil {
		t.Fatal(err)
	}
	got := checkSame(t, p)
	if len(got) != 1 || got[0].Merged != 1 || got[0].Rows[7].Cells[0] != got[0].Rows[1].Cells[0] {
		t.Errorf("got %+v, want A2's value repeated down to A8", got)
	}
}

// A large sheet tells how far into its file reading has come, for the progress display: from
// the start to the whole file, never backwards.
func TestFastLargeSheetReportsProgress(t *testing.T) {
	p := filepath.Join(t.TempDir(), "large.xlsx")
	if err := sheettest.WriteWorkbook(p, 20000); err != nil {
		t.Fatal(err)
	}
	seen, ends, size := readProgress(t, p, 1000)
	if len(ends) != 1 || ends[0] != size {
		t.Errorf("at the end %d bytes read of %d", ends, size)
	}
	if seen[0] >= size {
		t.Errorf("at the first row all %d bytes read already", seen[0])
	}
}

// A workbook of two large sheets shows one progress through the file, not one per sheet: the
// first sheet ends about half way, the second at the end.
func TestFastLargeSheetsReportOneProgress(t *testing.T) {
	var data strings.Builder
	for n := 1; data.Len() < 5<<20; n++ {
		fmt.Fprintf(&data, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>row %d of a large sheet, padded to be long enough</t></is></c><c r="B%d"><v>%d</v></c></row>`, n, n, n, n, n)
	}
	p := handWorkbook{sheets: []handSheet{{name: "One", data: data.String()}, {name: "Two", data: data.String()}}}.write(t)
	_, ends, size := readProgress(t, p, 5000)
	if len(ends) != 2 || ends[1] != size {
		t.Fatalf("at the end of each sheet %d bytes read, want the second at %d", ends, size)
	}
	if half := float64(ends[0]) / float64(size); half < 0.4 || half > 0.6 {
		t.Errorf("at the end of the first sheet %.0f%% of the file read, want about half", 100*half)
	}
}

// readProgress reads every sheet of the workbook at p, noting the bytes read every so many rows
// (seen) and at the end of each sheet (ends); it fails the test when they go backwards.
func readProgress(t *testing.T, p string, every int) (seen, ends []int64, size int64) {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	err = sheet.Read(p, sheet.Options{}, func(_ sheet.Info, rows sheet.Rows) error {
		br, ok := rows.(interface{ BytesRead() int64 })
		if !ok {
			t.Fatal("the rows of a large sheet do not tell how far reading has come")
		}
		for i := 0; rows.Next(); i++ {
			if i%every == 0 {
				seen = append(seen, br.BytesRead())
			}
		}
		seen = append(seen, br.BytesRead())
		ends = append(ends, br.BytesRead())
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(seen); i++ {
		if seen[i] < seen[i-1] || seen[i] < 0 {
			t.Fatalf("bytes read went %d then %d", seen[i-1], seen[i])
		}
	}
	return seen, ends, st.Size()
}

// OnlyColumns leaves out the text of other columns: a cell with text there comes as Skipped,
// numbers and the columns asked for come exact, and OnlyColumns(nil) brings every column back.
func TestFastOnlyColumns(t *testing.T) {
	for _, write := range []func(string, int) error{
		func(p string, n int) error { return sheettest.WriteWorkbook(p, n) },
		sheettest.WriteInlineWorkbook,
	} {
		p := filepath.Join(t.TempDir(), "w.xlsx")
		if err := write(p, 30); err != nil {
			t.Fatal(err)
		}
		want, err := readFast(p)
		if err != nil {
			t.Fatal(err)
		}
		w, rows := openFastRows(t, p, sheettest.SheetName)
		picker := rows
		for i := 0; rows.Next(); i++ {
			switch i {
			case 1:
				picker.OnlyColumns([]int{1, 2, 6}) // C-E left out
			case 20:
				picker.OnlyColumns(nil)
			}
			got, exact := rows.Row().Cells, want[0].Rows[i].Cells
			for c := range got {
				expected := exact[c]
				if i >= 2 && i <= 20 && c >= 2 && c <= 4 { // from the row after the call
					expected = sheet.Skipped // text in columns C-E
				}
				if got[c] != expected {
					t.Fatalf("row %d column %d: %q, want %q", i+1, c+1, got[c], expected)
				}
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		w.Close()
	}
}

// A caller that leaves a large sheet after its first rows (no header there) still learns of
// merged cells at its end: the rows it read were not those excelize gives.
func TestFastLargeSheetLeftEarlyIsCheckedForMergedCells(t *testing.T) {
	defer xlsxstream.SetPreScanPart(4 << 20)() // the 5 MB sheets below stand for ones over 64 MiB
	for _, merged := range []bool{false, true} {
		p := filepath.Join(t.TempDir(), "w.xlsx")
		var ranges []string
		if merged {
			ranges = []string{"A2:A12"}
		}
		if err := sheettest.WriteWorkbook(p, 20000, ranges...); err != nil {
			t.Fatal(err)
		}
		err := sheet.Read(p, sheet.Options{}, func(_ sheet.Info, rows sheet.Rows) error {
			for i := 0; i < 20 && rows.Next(); i++ {
			}
			return nil
		})
		if merged != errors.Is(err, sheet.ErrFallback) {
			t.Errorf("merged cells %v: sheet.Read after leaving early: %v", merged, err)
		}
	}
}

// A left-out column gives Skipped exactly for the cells that hold more than white space once
// decoded as excelize decodes them (entities, _xHHHH_ escapes, line ends, Unicode spaces), and
// the blank ones as they are: the short cut that leaves plain text undecoded must agree.
func TestFastOnlyColumnsTellsBlankFromText(t *testing.T) {
	texts := []string{"plain text", " x ", "a\tb", "   ", "\t\n", "&#32;", "&#x20;&#9;", "&amp;", "_x0020_",
		"_x0020_a", "a_x0020_", "\u00a0", "\u00a0\u2003", "x\u00a0", "é", "\r\n", " \r ", "a]b", "&#10;", "_x000D_"}
	var rows []string
	for i, text := range texts {
		n := i + 1
		rows = append(rows, cellsRow(n, fmt.Sprintf(`<c r="A%d" t="inlineStr"><is><t>key</t></is></c>`, n),
			fmt.Sprintf(`<c r="B%d" t="inlineStr"><is><t>%s</t></is></c>`, n, text),
			fmt.Sprintf(`<c r="C%d" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, n, text),
			fmt.Sprintf(`<c r="D%d" t="s"><v>%d</v></c>`, n, i)))
	}
	var sst strings.Builder
	for _, text := range texts {
		sst.WriteString(`<si><t xml:space="preserve">` + text + `</t></si>`)
	}
	p := handWorkbook{sst: sst.String(), sheets: []handSheet{{name: "S", data: strings.Join(rows, "")}}}.write(t)
	exact := checkSame(t, p)[0].Rows
	{
		w, rs := openFastRows(t, p, "S")
		rs.OnlyColumns([]int{1, 5}) // B-D left out, none folded
		for i := 0; rs.Next(); i++ {
			got := rs.Row().Cells
			if len(got) != len(exact[i].Cells) {
				t.Fatalf("row %d: %q, want as many cells as %q", i+1, got, exact[i].Cells)
			}
			for c, want := range exact[i].Cells {
				if c > 0 && strings.TrimSpace(want) != "" {
					want = sheet.Skipped
				}
				if got[c] != want {
					t.Errorf("row %d (%q) column %d: %q, want %q", i+1, texts[i], c+1, got[c], want)
				}
			}
		}
		if err := rs.Err(); err != nil {
			t.Fatal(err)
		}
		w.Close()
	}
}
