package sheet_test

import (
	"archive/zip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// part is one part of a workbook built by oddWorkbook: its text, or raw bytes written as they are
// with the method given (a deflated part of 0 bytes, which no inflater accepts).
type part struct {
	name   string
	text   string
	raw    bool
	method uint16
}

const (
	oddContentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
		`<Default Extension="jpeg" ContentType="image/jpeg"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`
	oddRootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="` + nsRel + `/extended-properties" Target="docProps/app.xml"/>` +
		`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail" Target="docProps/thumbnail.jpeg"/></Relationships>`
	oddWorkbookXML = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">` +
		`<sheets><sheet name="Replies" sheetId="1" r:id="rId1"/></sheets></workbook>`
	oddWorkbookRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="` + nsRel + `/sharedStrings" Target="sharedStrings.xml"/>` +
		`<Relationship Id="rId3" Type="` + nsRel + `/styles" Target="styles.xml"/></Relationships>`
	oddStyles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="` + nsMain + `"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
		`<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
		`<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`
	oddSST = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="` + nsMain + `" count="6" uniqueCount="6">` +
		`<si><t>Member State</t></si><si><t>Partner</t></si><si><t>Austria</t></si><si><t>Serbia</t></si><si><t>Belgium</t></si><si><t>Kosovo*</t></si></sst>`
	oddCore = `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>someone</dc:creator></cp:coreProperties>`
	oddApp = `<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`
)

// oddRows are the rows of the odd workbooks: shared strings, a number, a hidden row.
var oddRows = []string{
	`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`,
	`<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>2019</v></c></row>`,
	`<row r="3" hidden="1"><c r="A3" t="s"><v>4</v></c><c r="B3" t="s"><v>5</v></c></row>`,
}

func oddSheet(rows []string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">` +
		`<dimension ref="A1:C3"/><sheetData>` + strings.Join(rows, "") + `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
}

// oddParts are the parts of a workbook as Excel writes one, properties and thumbnail included.
func oddParts() []part {
	return []part{
		{name: "[Content_Types].xml", text: oddContentTypes},
		{name: "_rels/.rels", text: oddRootRels},
		{name: "docProps/core.xml", text: oddCore},
		{name: "docProps/app.xml", text: oddApp},
		{name: "docProps/thumbnail.jpeg", text: "\xff\xd8\xff\xe0 not really a picture"},
		{name: "xl/workbook.xml", text: oddWorkbookXML},
		{name: "xl/_rels/workbook.xml.rels", text: oddWorkbookRels},
		{name: "xl/styles.xml", text: oddStyles},
		{name: "xl/sharedStrings.xml", text: oddSST},
		{name: "xl/worksheets/sheet1.xml", text: oddSheet(oddRows)},
	}
}

func writeParts(t *testing.T, parts []part) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "odd.xlsx")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, pt := range parts {
		if pt.raw {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: pt.name, Method: pt.method, CompressedSize64: uint64(len(pt.text))})
			if err == nil {
				_, err = w.Write([]byte(pt.text))
			}
			if err != nil {
				t.Fatal(err)
			}
			continue
		}
		w, err := zw.Create(pt.name)
		if err == nil {
			_, err = w.Write([]byte(pt.text))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

// withPart returns parts with the part called name replaced by pt, or added, or (pt nil) taken out.
func withPart(parts []part, name string, pt *part) []part {
	var out []part
	found := false
	for _, p := range parts {
		if p.name == name {
			found = true
			if pt != nil {
				out = append(out, *pt)
			}
			continue
		}
		out = append(out, p)
	}
	if !found && pt != nil {
		out = append(out, *pt)
	}
	return out
}

// cellsOf reads p and writes what was read as text, or the error.
func cellsOf(p string, opts sheet.Options) string {
	var b strings.Builder
	err := sheet.Read(p, opts, func(info sheet.Info, rs sheet.Rows) error {
		fmt.Fprintf(&b, "sheet %q hidden=%v\n", info.Name, info.Hidden)
		for rs.Next() {
			r := rs.Row()
			if len(r.Cells) == 0 {
				continue
			}
			fmt.Fprintf(&b, "%d %q hidden=%v formulas=%v\n", r.Num, r.Cells, r.Hidden, r.Formulas)
		}
		return rs.Err()
	})
	if err != nil {
		fmt.Fprintf(&b, "error: %v\n", err)
	}
	return b.String()
}

func sheetWith(old, new string) []part {
	text := oddSheet(oddRows)
	if !strings.Contains(text, old) {
		panic(old)
	}
	return withPart(oddParts(), "xl/worksheets/sheet1.xml", &part{name: "xl/worksheets/sheet1.xml", text: strings.Replace(text, old, new, 1)})
}

// Odd but harmless workbooks: what replies do not need (document properties, thumbnails,
// themes, layout attributes) is damaged, missing or unknown. Both readers read each as they
// read the plain workbook; before tidy.go, excelize refused most of them, the fast reader none.
func TestReadOrRefusedWhicheverReader(t *testing.T) {
	zeroDeflated := func(name string) *part { return &part{name: name, raw: true, method: zip.Deflate} }
	withRow := func(attrs string) []part { return sheetWith(`<row r="1">`, `<row r="1" `+attrs+`>`) }
	withCell := func(attrs string) []part { return sheetWith(`<c r="A1" t="s">`, `<c r="A1" t="s" `+attrs+`>`) }
	with := func(p part) []part { return append(oddParts(), p) }
	sst := func(old, new string) []part {
		return withPart(oddParts(), "xl/sharedStrings.xml", &part{name: "xl/sharedStrings.xml", text: strings.Replace(oddSST, old, new, 1)})
	}
	book := func(old, new string) []part {
		return withPart(oddParts(), "xl/workbook.xml", &part{name: "xl/workbook.xml", text: strings.Replace(oddWorkbookXML, old, new, 1)})
	}
	for _, tc := range []struct {
		name  string
		parts []part
	}{
		{"a 0-byte deflated thumbnail", withPart(oddParts(), "docProps/thumbnail.jpeg", zeroDeflated("docProps/thumbnail.jpeg"))},
		{"a 0-byte deflated core properties part", withPart(oddParts(), "docProps/core.xml", zeroDeflated("docProps/core.xml"))},
		{"app properties that do not inflate", withPart(oddParts(), "docProps/app.xml", &part{name: "docProps/app.xml", text: "garbage!", raw: true, method: zip.Deflate})},
		{"0-byte deflated printer settings", with(*zeroDeflated("xl/printerSettings/printerSettings1.bin"))},
		{"no document properties", withPart(withPart(withPart(oddParts(), "docProps/core.xml", nil), "docProps/app.xml", nil), "docProps/thumbnail.jpeg", nil)},
		{"core properties cut short", withPart(oddParts(), "docProps/core.xml", &part{name: "docProps/core.xml", text: "<cp:coreProperties"})},
		{"empty core properties", withPart(oddParts(), "docProps/core.xml", &part{name: "docProps/core.xml", text: ""})},
		{"a theme cut short", with(part{name: "xl/theme/theme1.xml", text: "<a:theme"})},
		{"a calculation chain cut short", with(part{name: "xl/calcChain.xml", text: "<calcChain><c r="})},
		{"custom XML cut short", with(part{name: "customXml/item1.xml", text: "<x"})},
		{"no styles", withPart(oddParts(), "xl/styles.xml", nil)},
		{`<row ht="string">`, withRow(`ht="string"`)},
		{`<row customHeight="yes">`, withRow(`customHeight="yes"`)},
		{`<row s="x">`, withRow(`s="x" customFormat="1"`)},
		{`<row outlineLevel="x">`, withRow(`outlineLevel="x" collapsed="maybe" thickBot="x"`)},
		{`<row spans="x">`, withRow(`spans="x"`)},
		{"an unknown row attribute", withRow(`foo="bar"`)},
		{"a prefixed row attribute", withRow(`xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" x14ac:dyDescent="x"`)},
		{"an unknown cell attribute", withCell(`foo="bar"`)},
		{`<c cm="x" vm="y" ph="z">`, withCell(`cm="x" vm="y" ph="z"`)},
		{"a dimension that is no range", sheetWith(`ref="A1:C3"`, `ref="nonsense"`)},
		{`<pageMargins left="wide">`, sheetWith(`left="0.7"`, `left="wide"`)},
		{`<sheetFormatPr defaultRowHeight="tall">`, sheetWith(`<sheetData>`, `<sheetFormatPr defaultRowHeight="tall"/><sheetData>`)},
		{`<col width="wide">`, sheetWith(`<sheetData>`, `<cols><col min="1" max="2" width="wide"/></cols><sheetData>`)},
		{`<sheetView zoomScale="big">`, sheetWith(`<dimension ref="A1:C3"/>`, `<dimension ref="A1:C3"/><sheetViews><sheetView zoomScale="big" workbookViewId="0"/></sheetViews>`)},
		{"an unknown element in the sheet", sheetWith(`<sheetData>`, `<foo bar="1"><baz/></foo><sheetData>`)},
		{"comments and a processing instruction", sheetWith(`<sheetData>`, `<!-- a > comment --><?pi x?><sheetData>`)},
		{`<sst count="many">`, sst(`count="6"`, `count="many"`)},
		{"rich text with a size that is no number", sst(`<si><t>Partner</t></si>`, `<si><r><rPr><sz val="big"/><b val="maybe"/></rPr><t>Part</t></r><r><t>ner</t></r></si>`)},
		{"phonetic text with odd attributes", sst(`<si><t>Austria</t></si>`, `<si><t>Austria</t><rPh sb="x" eb="y"><t>o</t></rPh><phoneticPr fontId="x"/></si>`)},
		{"unknown workbook settings", book(`<sheets>`, `<fileVersion appName="xl" lastEdited="x"/><workbookPr date1904="maybe" filterPrivacy="x"/><bookViews><workbookView activeTab="x"/></bookViews><calcPr calcId="x"/><sheets>`)},
		{"a sheet id that is no number", book(`sheetId="1"`, `sheetId="x"`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := cellsOf(writeParts(t, oddParts()), sheet.Options{FastOnly: true})
			p := writeParts(t, tc.parts)
			for _, r := range []struct {
				name string
				opts sheet.Options
			}{{"fast reader", sheet.Options{FastOnly: true}}, {"excelize", sheet.Options{Excelize: true}}, {"as analyse reads", sheet.Options{}}} {
				if got := cellsOf(p, r.opts); got != want {
					t.Errorf("%s:\n%s\nwant\n%s", r.name, got, want)
				}
			}
		})
	}
}

// What replies need that is damaged refuses the file whichever reader reads it.
func TestDamagedStylesRefusedWhicheverReader(t *testing.T) {
	p := writeParts(t, withPart(oddParts(), "xl/styles.xml", &part{name: "xl/styles.xml", text: "<styleSheet><x"}))
	for _, opts := range []sheet.Options{{Excelize: true}, {}} {
		got := cellsOf(p, opts)
		if want := "error: " + p + ": not a readable .xlsx workbook: its part xl/styles.xml is damaged (line 1: the XML ends too early)"; !strings.HasPrefix(got, want) {
			t.Errorf("%+v: %s, want %s", opts, got, want)
		}
	}
	// A sheet part that does not inflate is named, not the thumbnail beside it.
	parts := withPart(oddParts(), "docProps/thumbnail.jpeg", &part{name: "docProps/thumbnail.jpeg", raw: true, method: zip.Deflate})
	parts = withPart(parts, "xl/sharedStrings.xml", &part{name: "xl/sharedStrings.xml", text: "garbage!", raw: true, method: zip.Deflate})
	p = writeParts(t, parts)
	got := cellsOf(p, sheet.Options{Excelize: true})
	if want := "error: " + p + ": not a readable .xlsx workbook: its part xl/sharedStrings.xml is damaged"; !strings.HasPrefix(got, want) {
		t.Errorf("%s, want %s", got, want)
	}
}

// Options.FastOnly reads with the fast reader alone: what it leaves to excelize is an error
// wrapping ErrFallback, with the reason; a sheet that is not there is named as excelize names it.
func TestFastOnly(t *testing.T) {
	// Merged ranges are the fast reader's own; overlapping ones (which excelize joins) are not.
	merged := writeParts(t, sheetWith(`</sheetData>`, `</sheetData><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>`))
	for _, opts := range []sheet.Options{{FastOnly: true}, {}} {
		if got := cellsOf(merged, opts); !strings.Contains(got, `3 ["Austria" "Kosovo*"] hidden=true`) {
			t.Errorf("merged cells, %+v: %s, want A3 read as Austria", opts, got)
		}
	}
	overlapping := writeParts(t, sheetWith(`</sheetData>`, `</sheetData><mergeCells count="2"><mergeCell ref="A2:A3"/><mergeCell ref="A3:B3"/></mergeCells>`))
	err := sheet.Read(overlapping, sheet.Options{FastOnly: true}, func(sheet.Info, sheet.Rows) error { return nil })
	if !errors.Is(err, sheet.ErrFallback) || !strings.Contains(err.Error(), "merged") {
		t.Errorf("overlapping merged cells, fast reader alone: %v, want ErrFallback for merged cells", err)
	}
	if err := sheet.Read(overlapping, sheet.Options{}, func(sheet.Info, sheet.Rows) error { return nil }); err != nil {
		t.Errorf("overlapping merged cells as analyse reads (excelize): %v", err)
	}
	p := writeParts(t, oddParts())
	err = sheet.Read(p, sheet.Options{FastOnly: true, Sheet: "Other"}, func(sheet.Info, sheet.Rows) error { return nil })
	if want := p + `: no sheet named "Other"; the sheets are "Replies"`; err == nil || err.Error() != want {
		t.Errorf("a missing sheet: %v, want %s", err, want)
	}
	if got := cellsOf(p, sheet.Options{FastOnly: true, Sheet: "replies"}); !strings.HasPrefix(got, `sheet "Replies"`) {
		t.Errorf("a sheet named in other case: %s", got)
	}
}
