// Package sheettest writes the large workbooks that the benchmarks of several packages read: a
// million-row reply sheet takes seconds to write, so it is written once into the system's
// temporary folder and shared.
package sheettest

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// The vocabulary of a compiled reply, in the labels of the built-in 7896/20 survey so that every
// row counts: each row names a state, a partner, an area and a type of support (few distinct
// values), describes the support (a text of its own) and gives a year.
var (
	States = strings.Fields("Austria Belgium Bulgaria Croatia Cyprus Czechia Denmark Estonia Finland France " +
		"Germany Greece Hungary Ireland Italy Latvia Lithuania Luxembourg Malta Netherlands Poland Portugal " +
		"Romania Slovakia Slovenia Spain Sweden")
	Partners = []string{"Albania", "Bosnia and Herzegovina", "Kosovo*", "Montenegro", "North Macedonia", "Serbia"}
	Areas    = []string{"Asylum", "Reception", "Border management", "Return", "Combating migrant smuggling",
		"Integration", "Legal migration", "Information exchange/situational awareness"}
	Types  = []string{"Financial assistance", "Expert assistance", "Equipment"}
	Header = []string{"Member State", "Partner", "Area", "Type of support", "Description", "Year"}
)

// SheetName is the name of the one sheet of a benchmark workbook.
const SheetName = "Replies"

// Row i of a benchmark workbook (0-based, after the header); the same function lays out both the
// workbook and the figures tests expect from it.
func Row(i int) (state, partner, area, kind string) {
	return States[(i/7)%len(States)], Partners[i%len(Partners)], Areas[(i/3)%len(Areas)], Types[i%len(Types)]
}

func description(i int) string {
	_, partner, area, kind := Row(i)
	return fmt.Sprintf("%s for %s officers on %s, project %d", kind, partner, strings.ToLower(area), i)
}

// WriteWorkbook writes a one-sheet workbook of n data rows laid out as Excel saves one: a shared
// strings table (vocabulary first, then one description per row) and a worksheet whose text cells
// point into it. It writes the XML directly; excelize would take minutes. merged lists cell
// ranges to merge, such as "A2:A8".
func WriteWorkbook(path string, n int, merged ...string) error {
	return write(path, n, Shared, merged, 0)
}

// WriteWorkbookWithCDATA writes the workbook of WriteWorkbook with the year of spreadsheet row
// cdataRow written as a CDATA section (<v><![CDATA[2019]]></v>): valid XML that excelize reads
// and the fast reader leaves to it, only once it reaches that row, after giving the rows above.
// Tests of reading a workbook again after the fast reader gave up half-way use it.
func WriteWorkbookWithCDATA(path string, n, cdataRow int, merged ...string) error {
	return write(path, n, Shared, merged, cdataRow)
}

// Layout is how a workbook holds its text.
type Layout int

const (
	// Shared strings, as Excel and LibreOffice save workbooks.
	Shared Layout = iota
	// Inline strings, as excelize's StreamWriter and other export libraries write them.
	Inline
)

func (l Layout) String() string { return [...]string{"shared", "inline"}[l] }

// WriteInlineWorkbook writes the workbook of WriteWorkbook with its text in inline strings.
func WriteInlineWorkbook(path string, n int) error { return write(path, n, Inline, nil, 0) }

func write(path string, n int, layout Layout, merged []string, cdataRow int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	put := func(name, body string) error {
		w, err := zw.Create(name)
		if err == nil {
			_, err = io.WriteString(w, body)
		}
		return err
	}
	const dec = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	for _, p := range [][2]string{
		{"[Content_Types].xml", dec + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
		{"_rels/.rels", dec + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", dec + `<workbook ` + ns + `><sheets><sheet name="` + SheetName + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", dec + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/styles.xml", dec + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`},
	} {
		if err := put(p[0], p[1]); err != nil {
			return err
		}
	}

	// Shared string indexes: the header, then the vocabulary, then row i's description.
	index := map[string]int{}
	var vocab []string
	for _, list := range [][]string{Header, States, Partners, Areas, Types} {
		for _, s := range list {
			index[s] = len(vocab)
			vocab = append(vocab, s)
		}
	}

	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, dec+`<worksheet %s xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1:F%d"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>`, ns, n+1)
	bw.WriteString(`<row r="1" spans="1:6" x14ac:dyDescent="0.25">`)
	for c := range Header {
		fmt.Fprintf(bw, `<c r="%s1" s="1" t="s"><v>%d</v></c>`, sheet.ColumnName(c+1), c)
	}
	bw.WriteString(`</row>`)
	for i := range n {
		r := i + 2
		state, partner, area, kind := Row(i)
		if layout == Inline {
			fmt.Fprintf(bw, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d" t="inlineStr"><is><t>%s</t></is></c><c r="C%d" t="inlineStr"><is><t>%s</t></is></c><c r="D%d" t="inlineStr"><is><t>%s</t></is></c><c r="E%d" t="inlineStr"><is><t>%s</t></is></c><c r="F%d"><v>%d</v></c></row>`,
				r, r, state, r, partner, r, area, r, kind, r, description(i), r, 2015+i%10)
			continue
		}
		year := fmt.Sprint(2015 + i%10)
		if r == cdataRow {
			year = "<![CDATA[" + year + "]]>"
		}
		fmt.Fprintf(bw, `<row r="%d" spans="1:6" x14ac:dyDescent="0.25"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c><c r="C%d" t="s"><v>%d</v></c><c r="D%d" t="s"><v>%d</v></c><c r="E%d" t="s"><v>%d</v></c><c r="F%d"><v>%s</v></c></row>`,
			r, r, index[state], r, index[partner], r, index[area], r, index[kind], r, len(vocab)+i, r, year)
	}
	bw.WriteString(`</sheetData>`)
	if len(merged) > 0 {
		fmt.Fprintf(bw, `<mergeCells count="%d">`, len(merged))
		for _, ref := range merged {
			fmt.Fprintf(bw, `<mergeCell ref="%s"/>`, ref)
		}
		bw.WriteString(`</mergeCells>`)
	}
	bw.WriteString(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	if err := bw.Flush(); err != nil {
		return err
	}

	if w, err = zw.Create("xl/sharedStrings.xml"); err != nil {
		return err
	}
	bw = bufio.NewWriterSize(w, 1<<16)
	if layout == Inline {
		// The header row points into the table either way.
		fmt.Fprintf(bw, dec+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(Header), len(Header))
		for _, s := range Header {
			fmt.Fprintf(bw, `<si><t>%s</t></si>`, s)
		}
	} else {
		fmt.Fprintf(bw, dec+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, 5*n+len(Header), len(vocab)+n)
		for _, s := range vocab {
			fmt.Fprintf(bw, `<si><t>%s</t></si>`, s)
		}
		for i := range n {
			fmt.Fprintf(bw, `<si><t>%s</t></si>`, description(i))
		}
	}
	bw.WriteString(`</sst>`)
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

var written struct {
	sync.Mutex
	paths map[string]string
}

// Workbook is the benchmark workbook of n rows in the shared strings layout.
func Workbook(tb testing.TB, n int) string { return LaidOut(tb, n, Shared) }

// LaidOut is the benchmark workbook of n rows in a layout. Written once (about 8 s for 1M rows,
// 31 MB), it is kept in the system's temporary folder under its row count, layout and a version,
// and reused by later runs: benchmarks share it, so none may remove it.
func LaidOut(tb testing.TB, n int, layout Layout) string {
	tb.Helper()
	written.Lock()
	defer written.Unlock()
	name := fmt.Sprintf("replies-%d-%s-v2.xlsx", n, layout)
	if layout == Shared {
		name = fmt.Sprintf("replies-%d-v2.xlsx", n)
	}
	if p, ok := written.paths[name]; ok {
		return p
	}
	dir := filepath.Join(os.TempDir(), "mapsurvey-bench")
	path := filepath.Join(dir, name)
	if _, err := os.Stat(path); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			tb.Fatal(err)
		}
		tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
		if err := write(tmp, n, layout, nil, 0); err != nil {
			os.Remove(tmp)
			tb.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			tb.Fatal(err)
		}
	}
	if written.paths == nil {
		written.paths = map[string]string{}
	}
	written.paths[name] = path
	return path
}
