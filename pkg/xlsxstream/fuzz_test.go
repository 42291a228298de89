package xlsxstream_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/internal/golden"
	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/xlsxstream"
)

// fuzzSeedWorkbooks are small workbooks stored without compression and without checksums: a
// fuzzer's changes to their bytes reach the XML, where both readers see them, instead of
// breaking the compressed stream.
func fuzzSeedWorkbooks() map[string]handWorkbook {
	sst := `<si><t>Member State</t></si><si><t>Partner</t></si><si><t>Austria</t></si><si><t>Serbia</t></si>` +
		`<si><r><t>Rich</t></r><r><rPr><b/></rPr><t xml:space="preserve"> run</t></r></si>` +
		`<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>` +
		`<si><t>&amp;&lt;&#10;_x000D_ 12</t></si>`
	return map[string]handWorkbook{
		"shared-strings": {stored: true, sst: sst, sheets: []handSheet{{name: "Replies", data: cellsRow(1,
			`<c r="A1" t="s"><v>0</v></c>`, `<c r="B1" t="s" s="1"><v>1</v></c>`) +
			cellsRow(2, `<c r="A2" t="s"><v>2</v></c>`, `<c r="B2" t="s"><v>3</v></c>`, `<c r="C2" t="s"><v>4</v></c>`, `<c r="D2" t="s"><v>5</v></c>`) +
			`<row r="4" hidden="1"><c r="B4" t="s"><v>6</v></c><c r="C4"><v>2019</v></c></row>`}}},
		"values": {stored: true, sheets: []handSheet{
			{name: "Values", data: cellsRow(1, `<c r="A1"><v>0.1</v></c>`, `<c r="B1" s="1"><v>123456789012</v></c>`,
				`<c r="C1" s="3"><v>1E+20</v></c>`, `<c r="D1" t="b"><v>1</v></c>`, `<c r="E1" t="e"><v>#N/A</v></c>`,
				`<c r="F1" t="str"><f>A1&amp;""</f><v>0.1</v></c>`, `<c r="G1"><f>1+1</f></c>`,
				`<c r="H1" t="inlineStr" s="4"><is><t xml:space="preserve"> x&#x41; </t></is></c>`) +
				`<row><c><v>-12345678901</v></c><c/><c t="n"><v>1.5E-7</v></c></row>` +
				`<row r="5" spans="1:2"><c r="A5" s="2"><v>3.14159265358979</v></c></row>`},
			{name: "Hidden", state: "hidden", target: "/xl/worksheets/sheet2.xml", data: cellsRow(2, `<c r="B2" t="inlineStr"><is><t>hidden sheet</t></is></c>`)},
		}},
		"worksheet": {stored: true, sheets: []handSheet{{name: "Whole", xml: xmlDec +
			`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><dimension ref="A1:B2"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
			`<cols><col min="1" max="2" width="12"/></cols><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1"><v>1</v></c></row>` +
			`<row r="2"><c r="A2" t="b"><v>0</v></c></row></sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`}}},
		// Merged cells and number formats, which the fast reader reads as excelize does.
		"merged-formats": {stored: true, sst: sst, sheets: []handSheet{{name: "Merged", xml: xmlDec +
			`<worksheet xmlns="` + nsMain + `"><sheetData>` + cellsRow(1, `<c r="A1" t="s"><v>0</v></c>`, `<c r="B1" s="5"><v>45123</v></c>`) +
			cellsRow(2, `<c r="A2" t="s"><v>2</v></c>`, `<c r="B2" s="6"><v>0.25</v></c>`, `<c r="C2" s="7" t="s"><v>3</v></c>`, `<c r="D2" s="4"><v>-1.5</v></c>`) +
			`</sheetData><mergeCells count="2"><mergeCell ref="A2:A4"/><mergeCell ref="C2:D3"/></mergeCells></worksheet>`}}},
		// Prefixed elements, a byte-order mark and Strict OOXML, as .NET writers and Excel's
		// Strict format write them.
		"prefixed-strict": {stored: true, sst: "-",
			sstXML: "\xef\xbb\xbf" + `<?xml version="1.0" encoding="utf-8"?><x:sst xmlns:x="` + nsMain + `"><x:si><x:t>Member State</x:t></x:si></x:sst>`,
			sheets: []handSheet{
				{name: "Prefixed", xml: "\xef\xbb\xbf" + `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="` + nsMain + `"><x:sheetData>` +
					`<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`},
				{name: "Strict", xml: xmlDec + `<worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><sheetData>` +
					cellsRow(1, `<c r="A1" t="s"><v>0</v></c>`, `<c r="B1" s="5"><v>1</v></c>`) + `</sheetData></worksheet>`},
			}},
	}
}

// FuzzFastWorkbook feeds damaged workbooks to the fast reader (half of them with the shared
// strings kept compressed, as in a large workbook): whatever the bytes, it never panics, it fails only with ErrFallback, ErrNotZip or ErrEmpty, and when it reads a
// workbook the excelize-based reader also reads, both give the same sheets and rows.
func FuzzFastWorkbook(f *testing.F) {
	files, _ := filepath.Glob("testdata/libreoffice/*.xlsx")
	files = append(files, "../../testdata/sample/replies-7896-20.xlsx", "../../testdata/workbooks/formulas-libreoffice.xlsx")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, hw := range fuzzSeedWorkbooks() {
		f.Add(hw.bytes())
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.xlsx")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if fast, ok := readFastFuzzed(t, p); ok {
			compareWithExcelize(t, p, fast)
		}
	})
}

// readFastFuzzed reads a fuzzed workbook with the fast reader. Its only errors may be
// ErrFallback, ErrNotZip or ErrEmpty (which pkg/sheet words for the user); ok is false when it gave up, or when the rows go
// on past row 5000 (a changed row number makes both readers slow, the excelize-based one very).
func readFastFuzzed(t *testing.T, p string) (fast []sheetRows, ok bool) {
	fast, complete, err := readFastUpTo(p, 5000)
	if err != nil {
		if !isFallback(err) && !errors.Is(err, xlsxstream.ErrNotZip) && !errors.Is(err, xlsxstream.ErrEmpty) {
			t.Fatalf("error %v (%T) is neither ErrFallback, ErrNotZip nor ErrEmpty", err, err)
		}
		return nil, false
	}
	return fast, complete
}

// compareWithExcelize fails the test when the excelize-based reader reads p and gives other
// sheets or rows than the fast reader's.
func compareWithExcelize(t *testing.T, p string, fast []sheetRows) {
	want, err := readExcelizeRecovered(p)
	if err != nil {
		return
	}
	if d := diffRead(fast, want); d != "" {
		t.Fatalf("the fast reader and sheet.Read differ: %s", d)
	}
}

// readExcelizeRecovered is readExcelize, with a panic in excelize taken as a failure: that is
// not the fast reader's to fix.
func readExcelizeRecovered(p string) (out []sheetRows, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("excelize panicked: %v", r)
		}
	}()
	return readExcelize(p)
}

// TestWriteFuzzSeeds remakes testdata/fuzz/FuzzFastWorkbook from fuzzSeedWorkbooks, with every
// golden file (internal/golden):
//
//	MAPSURVEY_UPDATE=1 go test ./pkg/xlsxstream -run TestWriteFuzzSeeds
func TestWriteFuzzSeeds(t *testing.T) {
	if !golden.Update() {
		t.Skip("set MAPSURVEY_UPDATE=1 to remake the fuzz seeds")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzFastWorkbook")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, hw := range fuzzSeedWorkbooks() {
		var b strings.Builder
		fmt.Fprintf(&b, "go test fuzz v1\n[]byte(%q)\n", hw.bytes())
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The fuzz seeds are workbooks both readers read, so that the fuzzer starts from comparisons.
func TestFastFuzzSeedsMatch(t *testing.T) {
	for name, hw := range fuzzSeedWorkbooks() {
		t.Run(name, func(t *testing.T) { checkSame(t, hw.write(t)) })
	}
}

// FuzzFastSheetXML is FuzzFastWorkbook aimed at the XML: the fuzzer changes the content of a
// sheet's <sheetData> and of the shared strings table, which go into a well-formed workbook.
func FuzzFastSheetXML(f *testing.F) {
	for _, hw := range fuzzSeedWorkbooks() {
		for _, s := range hw.sheets {
			if s.data != "" {
				f.Add(s.data, hw.sst)
			}
		}
	}
	f.Add(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>123456789012</v></c><c r="C1" t="inlineStr"><is><t>_x0041_</t></is></c></row>`+
		`<row><c><f>1</f><v> </v></c><c t="b"><v>0</v></c></row><row r="4" hidden="true"/>`,
		`<si><t>a&#13;&#10;b</t></si>`)
	// Rows whose tags repeat the row before's, which plainCells reads.
	f.Add(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>7</v></c><c r="C1" t="inlineStr"><is><t>a</t></is></c></row>`+
		`<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>2015</v></c><c r="C2" t="inlineStr"><is><t> </t></is></c></row>`+
		`<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><v>007</v></c><c r="C3" t="inlineStr"><is><t>b</t></is></c></row>`,
		`<si><t>x</t></si><si><t> </t></si><si><t></t></si>`)
	for _, v := range numberValues {
		f.Add(`<row r="1"><c r="A1"><v>`+v+`</v></c><c r="B1" s="1"><v>`+v+`</v></c><c r="C1" s="3"><v>`+v+`</v></c></row>`, "")
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data, sst string) {
		hw := handWorkbook{stored: true, sst: sst, sheets: []handSheet{{name: "S", data: data}}}
		if sst == "" {
			hw.sst = "<si><t>x</t></si>"
		}
		p := filepath.Join(dir, "fuzz.xlsx")
		if err := os.WriteFile(p, hw.bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if fast, ok := readFastFuzzed(t, p); ok {
			checkOnlyFirstColumn(t, p, fast[0].Rows)
			compareWithExcelize(t, p, fast)
		}
	})
}

// checkOnlyFirstColumn reads the one sheet of p again asking only for column A: it must give
// exact's rows, except that the cells after A fold into one Skipped when any has data.
func checkOnlyFirstColumn(t *testing.T, p string, exact []sheet.Row) {
	t.Helper()
	w, rows := openFastRows(t, p, "")
	defer w.Close()
	rows.OnlyColumns([]int{1})
	i := 0
	for ; i < len(exact) && rows.Next(); i++ {
		got, want := sheet.Row(rows.Row()), exact[i]
		want.Cells = foldAfterFirst(want)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("asking for column A only, row %d is %+v, want %+v", i+1, got, want)
		}
	}
	if err := rows.Err(); err != nil || i < len(exact) {
		t.Fatalf("asking for column A only, %d rows of %d, then %v", i, len(exact), err)
	}
}

// foldAfterFirst is what OnlyColumns([]int{1}) makes of a row's cells: column A as it is, then
// one Skipped when any later cell holds more than white space or a formula.
func foldAfterFirst(r sheet.Row) []string {
	var out []string
	if len(r.Cells) > 0 && r.Cells[0] != "" {
		out = []string{r.Cells[0]}
	}
	data := false
	for c, text := range r.Cells {
		data = data || c > 0 && strings.TrimSpace(text) != ""
	}
	for _, f := range r.Formulas {
		if f.Col == 1 && out == nil {
			out = []string{""}
		}
		data = data || f.Col > 1
	}
	if data {
		if out == nil {
			out = []string{""}
		}
		out = append(out, sheet.Skipped)
	}
	return out
}
