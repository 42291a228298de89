package xlsxstream_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// The shapes real workbooks come in that the fast reader once gave to excelize (issue 16: a
// third of 2,742 public test workbooks), each in a minimal workbook: the fast reader must read
// it, as excelize does (checkSame fails when the fast reader falls back).
func TestFastReadsRealShapes(t *testing.T) {
	bom := "\xef\xbb\xbf"
	nsStrict := "http://purl.oclc.org/ooxml/spreadsheetml/main"
	relStrict := "http://purl.oclc.org/ooxml/officeDocument/relationships"
	inline := func(ref, text string) string {
		return `<c r="` + ref + `" t="inlineStr"><is><t>` + text + `</t></is></c>`
	}
	shared := func(ref string, i int) string { return `<c r="` + ref + `" t="s"><v>` + strconv.Itoa(i) + `</v></c>` }
	sst := `<si><t>Member State</t></si><si><t>Austria</t></si>`
	for _, tc := range []struct {
		name  string
		wb    handWorkbook
		check func(t *testing.T, got []sheetRows)
	}{
		{"merged cells", handWorkbook{sheets: []handSheet{{name: "S", xml: xmlDec + `<worksheet xmlns="` + nsMain + `"><sheetData>` +
			cellsRow(1, inline("A1", "State"), inline("B1", "Partner")) + cellsRow(2, inline("A2", "Austria"), inline("B2", "Serbia")) +
			cellsRow(3, inline("B3", "Kosovo")) + cellsRow(5, `<c r="A5" s="4"><v>1.5</v></c>`) + cellsRow(6, inline("A6", "x")) +
			`</sheetData><mergeCells count="3"><mergeCell ref="A2:A4"/><mergeCell ref="$A$5:$C$6"/><mergeCell ref="D1"/></mergeCells></worksheet>`}}},
			func(t *testing.T, got []sheetRows) {
				rows := got[0].Rows
				if got[0].Merged != 3 || rows[3].Cells[0] != "Austria" || rows[5].Cells[2] != "1.50" {
					t.Errorf("merged %d, rows %+v: want Austria down to A4, 1.50 over A5:C6", got[0].Merged, rows)
				}
			}},
		{"dates, percentages, decimals", handWorkbook{sheets: []handSheet{{name: "S", data: cellsRow(1,
			`<c r="A1" s="5"><v>45123</v></c>`, `<c r="B1" s="6"><v>0.255</v></c>`, `<c r="C1" s="4"><v>3</v></c>`,
			`<c r="D1" s="5"><v>45123.5</v></c>`, `<c r="E1" s="4"><v>-0.004</v></c>`, `<c r="F1" s="5"><v>text</v></c>`,
			`<c r="G1" s="5" t="e"><v>#N/A</v></c>`, `<c r="H1" s="6"><v>12345678901234567890</v></c>`)}}},
			func(t *testing.T, got []sheetRows) {
				if c := got[0].Rows[0].Cells; c[0] != "07-16-23" || c[1] != "26%" || c[2] != "3.00" {
					t.Errorf("cells %q: want excelize's 07-16-23, 26%%, 3.00", c)
				}
			}},
		{"a format with a text section", handWorkbook{sst: sst, sheets: []handSheet{{name: "S", data: cellsRow(1,
			`<c r="A1" s="7" t="s"><v>1</v></c>`, `<c r="B1" s="7"><v>12</v></c>`, `<c r="C1" s="7" t="inlineStr"><is><t>in</t></is></c>`,
			`<c r="D1" s="7"/>`, `<c r="E1" s="7" t="b"><v>1</v></c>`, `<c r="F1" s="7" t="str"><v>kept</v></c>`)}}},
			func(t *testing.T, got []sheetRows) {
				if c := got[0].Rows[0].Cells; c[0] != "text: Austria" || c[2] != "text: in" {
					t.Errorf("cells %q: want the text section applied", c)
				}
			}},
		{"date cells (t=d)", handWorkbook{sheets: []handSheet{{name: "S", data: cellsRow(1,
			`<c r="A1" t="d"><v>2019-03-01T00:00:00Z</v></c>`, `<c r="B1" t="d" s="5"><v>2019-03-01T12:00:00Z</v></c>`,
			`<c r="C1" t="d" s="6"><v>not a date</v></c>`, `<c r="D1" t="d" s="4"><v>2019-03-01</v></c>`, `<c r="E1" s="5"><v>45123</v></c>`)}}},
			func(t *testing.T, got []sheetRows) {
				if c := got[0].Rows[0].Cells; c[0] != "43525" || c[1] != "03-01-19" {
					t.Errorf("cells %q: want excelize's 43525 and 03-01-19", c)
				}
			}},
		{"the date system of 1904", handWorkbook{
			workbookXML: xmlDec + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
			sheets:      []handSheet{{name: "S", data: cellsRow(1, `<c r="A1" s="5"><v>1</v></c>`)}}},
			func(t *testing.T, got []sheetRows) {
				// excelize's own reading of day 1 in the 1904 system; 01-01-00 in the 1900 one.
				if c := got[0].Rows[0].Cells; c[0] != "01-03-00" {
					t.Errorf("cells %q: want 01-03-00, as excelize gives day 1 of the 1904 date system", c)
				}
			}},
		{"x: prefixed shared strings and sheet, as .NET writers write", handWorkbook{sst: "-",
			sstXML: bom + `<?xml version="1.0" encoding="utf-8"?><x:sst xmlns:x="` + nsMain + `" count="2"><x:si><x:t>Member State</x:t></x:si><x:si><x:r><x:t>Aus</x:t></x:r><x:r><x:t>tria</x:t></x:r></x:si></x:sst>`,
			sheets: []handSheet{{name: "S", xml: bom + `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="` + nsMain + `"><x:sheetData>` +
				`<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Partner</x:t></x:is></x:c></x:row>` +
				`<x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c><x:c r="B2"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row>` +
				`</x:sheetData><x:mergeCells><x:mergeCell ref="A2:A3"/></x:mergeCells></x:worksheet>`}}},
			func(t *testing.T, got []sheetRows) {
				if r := got[0].Rows; len(r) != 2 || r[1].Cells[0] != "Austria" || len(r[1].Formulas) != 1 {
					t.Errorf("rows %+v: want Austria and a formula in row 2", r)
				}
			}},
		{"shared strings starting with a byte-order mark", handWorkbook{sst: "-",
			sstXML: bom + xmlDec + `<sst xmlns="` + nsMain + `">` + sst + `</sst>`,
			sheets: []handSheet{{name: "S", xml: bom + xmlDec + `<worksheet xmlns="` + nsMain + `"><sheetData>` + cellsRow(1, shared("A1", 0), shared("B1", 1)) + `</sheetData></worksheet>`}}},
			nil},
		{"Strict OOXML", handWorkbook{sst: "-",
			sstXML:      xmlDec + `<sst xmlns="` + nsStrict + `">` + sst + `</sst>`,
			workbookXML: xmlDec + `<workbook xmlns="` + nsStrict + `" xmlns:r="` + relStrict + `" conformance="strict"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
			rels: xmlDec + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relStrict + `/worksheet" Target="worksheets/sheet1.xml"/>` +
				`<Relationship Id="rId2" Type="` + relStrict + `/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
			rootRels: xmlDec + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relStrict + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
			sheets: []handSheet{{name: "S", xml: xmlDec + `<worksheet xmlns="` + nsStrict + `" xmlns:r="` + relStrict + `"><sheetData>` +
				cellsRow(1, shared("A1", 0), `<c r="B1" s="5"><v>45123</v></c>`) + `</sheetData></worksheet>`}}},
			func(t *testing.T, got []sheetRows) {
				if c := got[0].Rows[0].Cells; len(c) != 2 || c[0] != "Member State" {
					t.Errorf("cells %q", c)
				}
			}},
		{"a workbook part not at xl/workbook.xml", handWorkbook{sst: sst, wbTarget: "xl/main.xml",
			names:  map[string]string{"xl/workbook.xml": "xl/main.xml", "xl/_rels/workbook.xml.rels": "xl/_rels/main.xml.rels"},
			sheets: []handSheet{{name: "S", data: cellsRow(1, shared("A1", 0), `<c r="B1"><f>1</f><v>1</v></c>`)}}},
			func(t *testing.T, got []sheetRows) {
				if r := got[0].Rows; len(r) != 1 || len(r[0].Formulas) != 1 {
					t.Errorf("rows %+v: want one row with a formula", r)
				}
			}},
		{"part names in other letter cases", handWorkbook{sst: sst,
			names: map[string]string{"xl/workbook.xml": "xl/WorkBook.xml", "xl/worksheets/sheet1.xml": "xl/WorkSheets/SHEET1.xml",
				"xl/_rels/workbook.xml.rels": "XL/_RELS/workbook.xml.rels", "xl/styles.xml": "xl/Styles.xml"},
			sheets: []handSheet{{name: "S", data: cellsRow(1, shared("A1", 0), `<c r="B1" s="6"><v>0.5</v></c>`)}}},
			func(t *testing.T, got []sheetRows) {
				if len(got) != 1 || len(got[0].Rows) != 1 || got[0].Rows[0].Cells[1] != "50%" {
					t.Errorf("sheets %+v: want the one row, 50%% as the styles say", got)
				}
			}},
		{"parts at the zip root", handWorkbook{sst: sst, wbTarget: "workbook.xml",
			names: map[string]string{"xl/workbook.xml": "workbook.xml", "xl/_rels/workbook.xml.rels": "_rels/workbook.xml.rels",
				"xl/worksheets/sheet1.xml": "worksheets/sheet1.xml", "xl/sharedStrings.xml": "sharedStrings.xml", "xl/styles.xml": "styles.xml"},
			sheets: []handSheet{{name: "S", data: cellsRow(1, shared("A1", 1), `<c r="B1" s="6"><v>0.5</v></c>`)}}},
			func(t *testing.T, got []sheetRows) {
				if len(got) != 1 || len(got[0].Rows) != 1 || got[0].Rows[0].Cells[0] != "Austria" || got[0].Rows[0].Cells[1] != "50%" {
					t.Errorf("sheets %+v: want the one row, its shared string and its style", got)
				}
			}},
		{"a chart sheet, a dialog sheet, a macro sheet and a sheet stored without cells", handWorkbook{
			workbookXML: xmlDec + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets><sheet name="Chart1" sheetId="2" r:id="rId2"/><sheet name="S" sheetId="1" r:id="rId1"/>` +
				`<sheet name="Dialog1" sheetId="3" r:id="rId3"/><sheet name="Macro1" sheetId="4" r:id="rId4"/><sheet name="Module" sheetId="5" r:id=""/></sheets></workbook>`,
			rels: xmlDec + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
				`<Relationship Id="rId2" Type="` + nsRel + `/chartsheet" Target="chartsheets/sheet1.xml"/>` +
				`<Relationship Id="rId3" Type="http://schemas.microsoft.com/office/2006/relationships/xlIntlMacrosheet" Target="dialogsheets/sheet1.xml"/>` +
				`<Relationship Id="rId4" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/></Relationships>`,
			extra: map[string]string{
				"xl/chartsheets/sheet1.xml":  xmlDec + `<chartsheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>`,
				"xl/dialogsheets/sheet1.xml": xmlDec + `<dialogsheet xmlns="` + nsMain + `"/>`,
				"xl/macrosheets/sheet1.xml":  xmlDec + `<xm:macrosheet xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData/></xm:macrosheet>`,
			},
			sheets: []handSheet{{name: "S", data: cellsRow(1, inline("A1", "Member State"))}}},
			func(t *testing.T, got []sheetRows) {
				if len(got) != 5 || got[0].Name != "Chart1" || got[0].Rows != nil || got[1].Rows == nil || got[4].Name != "Module" || got[4].Rows != nil {
					t.Errorf("sheets %+v: want Chart1 with no rows, then S, ..., Module with no rows", got)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.wb.write(t)
			// excelize itself finds these parts only under the names pkg/sheet gives them, and
			// its Rows refuse a sheet stored without cells.
			got := checkSameAs(t, p, !strings.Contains(tc.name, "letter case") && !strings.Contains(tc.name, "zip root") && !strings.Contains(tc.name, "without cells"))
			if tc.check != nil {
				tc.check(t, got)
			}
		})
	}
}

// A chart, dialog or macro sheet is given with no rows and what it is, by both readers; so is a
// sheet listed with an empty relationship id, as Excel 5 module and dialog sheets are kept
// (Apache POI's 60825.xlsx, LibreOffice's tdf111974.xlsm in ClosedXML's tests).
func TestOtherSheetsAreNamed(t *testing.T) {
	hw := handWorkbook{
		workbookXML: xmlDec + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets><sheet name="S" sheetId="1" r:id="rId1"/><sheet name="Chart1" sheetId="2" r:id="rId2"/>` +
			`<sheet name="Module" sheetId="3" state="veryHidden" r:id=""/></sheets></workbook>`,
		rels: xmlDec + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="` + nsRel + `/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
		extra:  map[string]string{"xl/chartsheets/sheet1.xml": xmlDec + `<chartsheet xmlns="` + nsMain + `"/>`},
		sheets: []handSheet{{name: "S", data: cellsRow(1, `<c r="A1"><v>1</v></c>`)}},
	}
	p := hw.write(t)
	for _, excelize := range []bool{false, true} {
		var others []string
		err := sheet.Read(p, sheet.Options{Excelize: excelize}, func(info sheet.Info, rows sheet.Rows) error {
			others = append(others, info.Name+":"+info.Other)
			for rows.Next() {
			}
			return rows.Err()
		})
		if err != nil || strings.Join(others, ",") != "S:,Chart1:chart sheet,Module:sheet stored without cells" {
			t.Errorf("excelize %v: sheets %q, %v; want S, then Chart1 named a chart sheet, then Module", excelize, others, err)
		}
	}
}
