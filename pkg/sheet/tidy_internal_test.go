package sheet

import (
	"bytes"
	"encoding/xml"
	"io"
	"testing"
)

func TestTidyXML(t *testing.T) {
	const ws = `<worksheet xmlns="m" xmlns:r="r">`
	for _, tc := range []struct{ in, want string }{
		{ws + `<sheetPr><tabColor rgb="x"/></sheetPr><dimension ref="A1"/><sheetData><row r="1" ht="x" hidden="1" spans="1:2"><c r="A1" s="3" t="s" cm="x"><v>0</v></c></row></sheetData>` +
			`<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><pageMargins left="x"/></worksheet>`,
			ws + `<sheetData><row r="1" hidden="1"><c r="A1" s="3" t="s"><v>0</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`},
		// Prefixed names, single quotes, a '>' in a value, CDATA and comments pass.
		{`<x:worksheet xmlns:x="m"><x:sheetData><x:row r='2' ht='a>b'><x:c r="A2" t="inlineStr"><x:is><x:t><![CDATA[<row ht="1">]]></x:t></x:is></x:c></x:row><!-- <c> --></x:sheetData></x:worksheet>`,
			`<x:worksheet xmlns:x="m"><x:sheetData><x:row r='2'><x:c r="A2" t="inlineStr"><x:is><x:t><![CDATA[<row ht="1">]]></x:t></x:is></x:c></x:row><!-- <c> --></x:sheetData></x:worksheet>`},
		{`<?xml version="1.0"?><sst xmlns="m" count="x" uniqueCount="2"><si><r><rPr><sz val="x"/></rPr><t>a</t></r></si><si><t>b</t><rPh sb="x"><t>c</t></rPh><phoneticPr fontId="x"/></si></sst>`,
			`<?xml version="1.0"?><sst xmlns="m"><si><r><t>a</t></r></si><si><t>b</t><rPh><t>c</t></rPh></si></sst>`},
		{`<workbook xmlns="m" xmlns:r="r"><fileVersion x="1"/><workbookPr date1904="1" codeName="x"/><sheets><sheet name="A" sheetId="x" state="hidden" r:id="rId1"/></sheets><definedNames><definedName name="x">A</definedName></definedNames></workbook>`,
			`<workbook xmlns="m" xmlns:r="r"><workbookPr date1904="1"/><sheets><sheet name="A" state="hidden" r:id="rId1"/></sheets></workbook>`},
		// Other parts, and what cannot be followed, are left as they are.
		{`<styleSheet><numFmts count="x"/></styleSheet>`, `<styleSheet><numFmts count="x"/></styleSheet>`},
		{ws + `<sheetData><row r="1" ht="x"`, ws + `<sheetData><row r="1" ht="x"`},
		{ws + `<sheetData><row r="1" ht=x></row></sheetData></worksheet>`, ws + `<sheetData><row r="1" ht=x></row></sheetData></worksheet>`},
		{ws + `<sheetData></sheetData>`, ws + `<sheetData></sheetData>`},
		{ws + `</sheetData></worksheet></x>`, ws + `</sheetData></worksheet></x>`},
		{"", ""},
	} {
		if got := string(tidyXML([]byte(tc.in), packageRule)); got != tc.want {
			t.Errorf("tidyXML(%s)\n = %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

// Tidying never makes well-formed XML ill-formed, nor panics on anything.
func FuzzTidyXML(f *testing.F) {
	for _, s := range []string{`<worksheet><sheetData><row r="1" ht="x"><c r="A1" cm="1"><v>1</v></c></row></sheetData><cols/></worksheet>`,
		`<sst count="1"><si><r><rPr><b/></rPr><t>x</t></r></si></sst>`, `<workbook><sheets><sheet name="a" sheetId="x"/></sheets><calcPr/></workbook>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out := tidyXML(data, packageRule)
		if wellFormedXML(data) && !wellFormedXML(out) {
			t.Fatalf("tidied well-formed XML into ill-formed:\n%s\n%s", data, out)
		}
	})
}

func wellFormedXML(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	n := 0
	for {
		_, err := d.Token()
		if err == io.EOF {
			return n > 0
		}
		if err != nil {
			return false
		}
		n++
	}
}
