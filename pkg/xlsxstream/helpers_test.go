package xlsxstream_test

import (
	"archive/zip"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html"
	"maps"
	"os"
	"path"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/xlsxstream"
	"github.com/xuri/excelize/v2"
)

// sheetRows is everything a reader gave for one sheet.
type sheetRows struct {
	Name   string
	Hidden bool
	Merged int
	Rows   []sheet.Row
}

// openFast opens the workbook at path with the fast reader; the caller closes it.
func openFast(tb testing.TB, path string) *xlsxstream.Workbook {
	tb.Helper()
	w, err := xlsxstream.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// openFastRows is openFast and the rows of the sheet named, or of the first sheet for "".
func openFastRows(tb testing.TB, path, name string) (*xlsxstream.Workbook, *xlsxstream.Rows) {
	tb.Helper()
	w := openFast(tb, path)
	if name == "" {
		name = w.Sheets()[0].Name
	}
	rows, err := w.Rows(name)
	if err != nil {
		tb.Fatal(err)
	}
	return w, rows
}

// readFast reads every sheet of a workbook with the fast reader.
func readFast(path string) ([]sheetRows, error) {
	out, _, err := readFastUpTo(path, 0)
	return out, err
}

// readFastUpTo is readFast stopping at the first row numbered above last, when last > 0;
// complete is false then.
func readFastUpTo(path string, last int) (out []sheetRows, complete bool, err error) {
	w, err := xlsxstream.Open(path)
	if err != nil {
		return nil, false, err
	}
	defer w.Close()
	for _, info := range w.Sheets() {
		rows, err := w.Rows(info.Name)
		if err != nil {
			return nil, false, err
		}
		s := sheetRows{Name: info.Name, Hidden: info.Hidden, Merged: rows.Merged()}
		for rows.Next() {
			if r := rows.Row(); last > 0 && r.Num > last {
				return out, false, nil
			}
			s.Rows = append(s.Rows, sheet.Row(rows.Row()))
		}
		if err := rows.Err(); err != nil {
			return nil, false, err
		}
		out = append(out, s)
	}
	return out, true, nil
}

// readExcelize reads every sheet with the excelize-based reader the fast one stands in for.
func readExcelize(path string) ([]sheetRows, error) {
	var out []sheetRows
	err := sheet.Read(path, sheet.Options{Excelize: true}, func(info sheet.Info, rows sheet.Rows) error {
		s := sheetRows{Name: info.Name, Hidden: info.Hidden, Merged: info.Merged}
		for rows.Next() {
			s.Rows = append(s.Rows, rows.Row())
		}
		out = append(out, s)
		return rows.Err()
	})
	return out, err
}

// readRawExcelize reads every sheet with excelize's own f.Rows, rows.Columns and
// rows.GetRowOpts, on a freshly opened workbook.
func readRawExcelize(path string) ([]sheetRows, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []sheetRows
	for _, name := range f.GetSheetList() {
		rows, err := f.Rows(name)
		if err != nil {
			return nil, err
		}
		s := sheetRows{Name: name}
		for n := 1; rows.Next(); n++ {
			cells, err := rows.Columns()
			if err != nil {
				return nil, err
			}
			if len(cells) == 0 {
				cells = nil
			}
			s.Rows = append(s.Rows, sheet.Row{Num: n, Cells: cells, Hidden: rows.GetRowOpts().Hidden})
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// checkSame reads path with the fast reader, which must handle it, and with both excelize
// readers, and reports every difference.
func checkSame(t *testing.T, path string) []sheetRows {
	t.Helper()
	return checkSameAs(t, path, true)
}

// checkSameAs is checkSame, comparing with excelize's own Rows only when rawReadable: a
// workbook whose parts excelize finds only under the names pkg/sheet gives them (see
// canonicalNames) is compared with the excelize-based reader alone.
func checkSameAs(t *testing.T, path string, rawReadable bool) []sheetRows {
	t.Helper()
	fast, err := readFast(path)
	if err != nil {
		t.Fatalf("fast reader: %v", err)
	}
	want, err := readExcelize(path)
	if err != nil {
		t.Fatalf("excelize-based reader: %v", err)
	}
	if d := diffRead(fast, want); d != "" {
		t.Errorf("fast reader and sheet.Read differ: %s", d)
	}
	for _, s := range want {
		if s.Merged > 0 {
			return fast // excelize's own Rows do not repeat merged values
		}
	}
	if !rawReadable {
		return fast
	}
	raw, err := readRawExcelize(path)
	if err != nil {
		t.Fatalf("excelize Rows: %v", err)
	}
	if d := diffRaw(fast, raw); d != "" {
		t.Errorf("fast reader and excelize's Rows/Columns differ: %s", d)
	}
	return fast
}

// diffRead compares everything: sheets, their visibility, row numbers, cells, hidden rows and
// formula cells.
func diffRead(got, want []sheetRows) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d sheets, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Name != w.Name || g.Hidden != w.Hidden {
			return fmt.Sprintf("sheet %d is %q hidden=%v, want %q hidden=%v", i, g.Name, g.Hidden, w.Name, w.Hidden)
		}
		if g.Merged != w.Merged {
			return fmt.Sprintf("sheet %q has %d merged ranges, want %d", w.Name, g.Merged, w.Merged)
		}
		if len(g.Rows) != len(w.Rows) {
			return fmt.Sprintf("sheet %q: %d rows, want %d", g.Name, len(g.Rows), len(w.Rows))
		}
		for j := range g.Rows {
			if !reflect.DeepEqual(g.Rows[j], w.Rows[j]) {
				return fmt.Sprintf("sheet %q: row\n  %#v\nwant\n  %#v", g.Name, g.Rows[j], w.Rows[j])
			}
		}
	}
	return ""
}

// diffRaw compares row numbers and cells with excelize's Rows/Columns, and Hidden where
// GetRowOpts tells it right. On a freshly opened workbook, GetRowOpts gives a blank row (one
// without a <row> element) the attributes of the next row element, and the first row element
// after leading blank rows none: Hidden is compared only for rows that have cells and follow a
// row with cells (or are row 1). The excelize-based reader does not meet this: it reads a sheet
// after excelize has rebuilt it with an element for every row (GetMergeCells parses it).
func diffRaw(got, raw []sheetRows) string {
	if len(got) != len(raw) {
		return fmt.Sprintf("%d sheets, want %d", len(got), len(raw))
	}
	for i := range got {
		g, w := got[i], raw[i]
		if g.Name != w.Name {
			return fmt.Sprintf("sheet %d is %q, want %q", i, g.Name, w.Name)
		}
		if len(g.Rows) != len(w.Rows) {
			return fmt.Sprintf("sheet %q: %d rows, want %d", g.Name, len(g.Rows), len(w.Rows))
		}
		for j := range g.Rows {
			gr, wr := g.Rows[j], w.Rows[j]
			if gr.Num != wr.Num || !reflect.DeepEqual(gr.Cells, wr.Cells) {
				return fmt.Sprintf("sheet %q: row %d %q, want row %d %q", g.Name, gr.Num, gr.Cells, wr.Num, wr.Cells)
			}
			trusted := len(wr.Cells) > 0 && (j == 0 && wr.Num == 1 || j > 0 && len(w.Rows[j-1].Cells) > 0)
			if trusted && gr.Hidden != wr.Hidden {
				return fmt.Sprintf("sheet %q: row %d hidden=%v, want %v", g.Name, gr.Num, gr.Hidden, wr.Hidden)
			}
		}
	}
	return ""
}

// isFallback tells whether err is ErrFallback.
func isFallback(err error) bool { return errors.Is(err, sheet.ErrFallback) }

// A hand-written workbook: its parts are written as given, so that tests control every byte of
// the XML.
type handWorkbook struct {
	sheets []handSheet
	sst    string // the content of <sst>, or "" for no xl/sharedStrings.xml
	styles string // the whole xl/styles.xml, or ""
	// sstPart is where the shared strings go; xl/sharedStrings.xml by default.
	sstPart string
	// stored writes the parts without compression and with no checksum, so that a fuzzer's
	// changes to the bytes reach the XML.
	stored bool
	// sstXML is the whole shared strings part, instead of sst.
	sstXML string
	// wbTarget is the workbook part's target in _rels/.rels; xl/workbook.xml by default.
	wbTarget string
	// names renames parts as they are written (moved, or in another case).
	names map[string]string
	// extra parts, written as given.
	extra map[string]string
	// workbookXML is the whole workbook part, instead of one listing the sheets.
	workbookXML string
	// rels is the whole workbook relationships part, rootRels the package's.
	rels, rootRels string
}

type handSheet struct {
	name, state string
	target      string // the relationship's target; worksheets/sheetN.xml by default
	data        string // the content of <sheetData>
	xml         string // the whole worksheet part, instead of data
}

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	xmlDec = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// bytes builds the workbook's zip archive.
func (hw handWorkbook) bytes() []byte {
	type part struct{ name, body string }
	var parts []part
	var ct, wb, rels strings.Builder
	ct.WriteString(xmlDec + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`)
	wb.WriteString(xmlDec + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets>`)
	rels.WriteString(xmlDec + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	var sheetParts []part
	for i, s := range hw.sheets {
		target := s.target
		if target == "" {
			target = fmt.Sprintf("worksheets/sheet%d.xml", i+1)
		}
		name := strings.TrimPrefix(target, "/")
		if !strings.HasPrefix(target, "/") {
			name = path.Join("xl", target)
		}
		body := s.xml
		if body == "" {
			body = xmlDec + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheetData>` + s.data + `</sheetData></worksheet>`
		}
		sheetParts = append(sheetParts, part{name, body})
		fmt.Fprintf(&ct, `<Override PartName="/%s" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, name)
		state := ""
		if s.state != "" {
			state = ` state="` + s.state + `"`
		}
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, html.EscapeString(s.name), i+1, state, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/worksheet" Target="%s"/>`, i+1, nsRel, target)
	}
	n := len(hw.sheets)
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/>`, n+1, nsRel)
	if hw.sst != "" {
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/sharedStrings" Target="sharedStrings.xml"/>`, n+2, nsRel)
	}
	ct.WriteString(`</Types>`)
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`</Relationships>`)
	parts = append(parts,
		part{"[Content_Types].xml", ct.String()},
		part{"_rels/.rels", cmp.Or(hw.rootRels, xmlDec+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="`+nsRel+`/officeDocument" Target="`+cmp.Or(hw.wbTarget, "xl/workbook.xml")+`"/></Relationships>`)},
		part{"xl/workbook.xml", cmp.Or(hw.workbookXML, wb.String())},
		part{"xl/_rels/workbook.xml.rels", cmp.Or(hw.rels, rels.String())},
	)
	styles := hw.styles
	if styles == "" {
		styles = handStyles
	}
	parts = append(parts, part{"xl/styles.xml", styles})
	if hw.sst != "" {
		name := hw.sstPart
		if name == "" {
			name = "xl/sharedStrings.xml"
		}
		parts = append(parts, part{name, cmp.Or(hw.sstXML, xmlDec+`<sst xmlns="`+nsMain+`">`+hw.sst+`</sst>`)})
	}
	parts = append(parts, sheetParts...)
	for i := range parts {
		if n, ok := hw.names[parts[i].name]; ok {
			parts[i].name = n
		}
	}
	extra := slices.Sorted(maps.Keys(hw.extra))
	for _, name := range extra {
		parts = append(parts, part{name, hw.extra[name]})
	}

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		var w interface{ Write([]byte) (int, error) }
		var err error
		if hw.stored {
			w, err = zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Store,
				CompressedSize64: uint64(len(p.body)), UncompressedSize64: uint64(len(p.body))})
		} else {
			w, err = zw.Create(p.name)
		}
		if err != nil {
			panic(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// write writes the workbook to a new file in t's temporary folder.
func (hw handWorkbook) write(t testing.TB) string {
	t.Helper()
	p := path.Join(t.TempDir(), "hand.xlsx")
	if err := os.WriteFile(p, hw.bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// handStyles has cell styles of each kind the fast reader tells apart:
// 0 none, 1 General (bold), 2 General (custom code), 3 text "@", 4 "0.00", 5 a date,
// 6 a percentage, 7 a format with a text section, 8 a General custom code in capitals.
const handStyles = xmlDec + `<styleSheet xmlns="` + nsMain + `">` +
	`<numFmts count="3"><numFmt numFmtId="164" formatCode="General"/><numFmt numFmtId="165" formatCode="0;-0;0;&quot;text: &quot;@"/><numFmt numFmtId="166" formatCode="GENERAL"/></numFmts>` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
	`<fills count="1"><fill><patternFill patternType="none"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`</cellXfs></styleSheet>`
