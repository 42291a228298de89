package sheet_test

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The builders of hostile workbooks: built in the tests, never kept as files.

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// zipPart is one part of a built workbook: its text, streamed, or a body declared larger than
// it is (declared > 0), which archive/zip would refuse to inflate past.
type zipPart struct {
	name     string
	body     io.Reader
	declared uint64
}

// repeated is prefix, then unit n times, then suffix, without holding it in memory.
func repeated(prefix, unit string, n int, suffix string) io.Reader {
	return io.MultiReader(strings.NewReader(prefix), &repeatReader{unit: unit, n: n}, strings.NewReader(suffix))
}

type repeatReader struct {
	unit  string
	n     int
	chunk []byte // the unit repeated, made once
	buf   []byte
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if len(r.buf) == 0 {
		if r.n == 0 {
			return 0, io.EOF
		}
		per := max(1, (1<<20)/max(1, len(r.unit)))
		if r.chunk == nil {
			r.chunk = []byte(strings.Repeat(r.unit, min(per, r.n)))
		}
		k := min(r.n, per)
		r.buf, r.n = r.chunk[:k*len(r.unit)], r.n-k
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// sheetXML wraps the content of <sheetData>.
func sheetXML(data io.Reader) io.Reader {
	return io.MultiReader(strings.NewReader(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<worksheet xmlns="`+nsMain+`" xmlns:r="`+nsRel+`"><sheetData>`), data, strings.NewReader(`</sheetData></worksheet>`))
}

// replyWorkbook is a workbook with one sheet, Replies, whose <sheetData> holds data; sst, when
// not nil, is the content of the shared strings table; extra parts are added at the end.
func replyWorkbook(data, sst io.Reader, extra ...zipPart) []zipPart {
	rels := `<Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/>`
	parts := []zipPart{
		{name: "[Content_Types].xml", body: strings.NewReader(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)},
		{name: "_rels/.rels", body: strings.NewReader(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{name: "xl/workbook.xml", body: strings.NewReader(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">` +
			`<sheets><sheet name="Replies" sheetId="1" r:id="rId1"/></sheets></workbook>`)},
	}
	if sst != nil {
		rels += `<Relationship Id="rId2" Type="` + nsRel + `/sharedStrings" Target="sharedStrings.xml"/>`
		parts = append(parts, zipPart{name: "xl/sharedStrings.xml", body: io.MultiReader(strings.NewReader(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="`+nsMain+`">`), sst, strings.NewReader(`</sst>`))})
	}
	parts = append(parts, zipPart{name: "xl/_rels/workbook.xml.rels", body: strings.NewReader(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels + `</Relationships>`)},
		zipPart{name: "xl/worksheets/sheet1.xml", body: sheetXML(data)})
	return append(parts, extra...)
}

// writeZip writes parts as a zip archive at path.
func writeZip(tb testing.TB, path string, parts []zipPart) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, p := range parts {
		var w io.Writer
		if p.declared > 0 {
			// A stored body that says it is larger than it is.
			body, _ := io.ReadAll(p.body)
			w, err = zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Store, CompressedSize64: uint64(len(body)), UncompressedSize64: p.declared})
			if err == nil {
				_, err = w.Write(body)
			}
		} else if w, err = zw.Create(p.name); err == nil {
			_, err = io.Copy(w, p.body)
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
}

// workbookFile writes parts into t's temporary folder as name.
func workbookFile(tb testing.TB, name string, parts []zipPart) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	writeZip(tb, p, parts)
	return p
}

func cellRow(n int, cells ...string) string {
	return fmt.Sprintf(`<row r="%d">%s</row>`, n, strings.Join(cells, ""))
}

func inline(ref, text string) string {
	return `<c r="` + ref + `" t="inlineStr"><is><t>` + text + `</t></is></c>`
}
