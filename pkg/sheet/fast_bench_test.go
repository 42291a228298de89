package sheet_test

import (
	"archive/zip"
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/xuri/excelize/v2"
)

var benchRows = flag.Int("rows", 1000000, "rows of the workbook the fast-reader benchmarks read")

// The vocabulary of a compiled reply: every row names a state, a partner, an area and a type of
// support (few distinct values), describes the support (a text of its own) and gives a year.
var (
	benchStates = strings.Fields("Austria Belgium Bulgaria Croatia Cyprus Czechia Denmark Estonia Finland France " +
		"Germany Greece Hungary Ireland Italy Latvia Lithuania Luxembourg Malta Netherlands Poland Portugal " +
		"Romania Slovakia Slovenia Spain Sweden")
	benchPartners = []string{"Albania", "Bosnia and Herzegovina", "Kosovo", "Montenegro", "North Macedonia", "Serbia"}
	benchAreas    = []string{"Asylum", "Border management", "Return", "Migration management", "Trafficking", "Visa", "Integration", "Other"}
	benchTypes    = []string{"Training", "Equipment", "Expert deployment", "Study visit", "Funding"}
	benchHeader   = []string{"Member State", "Partner", "Area", "Type of support", "Description", "Year"}
)

// writeBenchWorkbook writes a one-sheet workbook of n data rows laid out as Excel saves one: a
// shared strings table (vocabulary first, then one description per row) and a worksheet whose
// text cells point into it. It writes the XML directly; excelize would take minutes.
func writeBenchWorkbook(path string, n int) error {
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
		{"xl/workbook.xml", dec + `<workbook ` + ns + `><sheets><sheet name="Replies" sheetId="1" r:id="rId1"/></sheets></workbook>`},
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
	for _, list := range [][]string{benchHeader, benchStates, benchPartners, benchAreas, benchTypes} {
		for _, s := range list {
			index[s] = len(vocab)
			vocab = append(vocab, s)
		}
	}
	description := func(i int) string {
		return fmt.Sprintf("%s for %s officers on %s, project %d", benchTypes[i%5], benchPartners[i%6], strings.ToLower(benchAreas[i%8]), i)
	}

	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, dec+`<worksheet %s xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1:F%d"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>`, ns, n+1)
	bw.WriteString(`<row r="1" spans="1:6" x14ac:dyDescent="0.25">`)
	for c := range benchHeader {
		fmt.Fprintf(bw, `<c r="%s1" s="1" t="s"><v>%d</v></c>`, sheet.ColumnName(c+1), c)
	}
	bw.WriteString(`</row>`)
	for i := range n {
		r := i + 2
		fmt.Fprintf(bw, `<row r="%d" spans="1:6" x14ac:dyDescent="0.25"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c><c r="C%d" t="s"><v>%d</v></c><c r="D%d" t="s"><v>%d</v></c><c r="E%d" t="s"><v>%d</v></c><c r="F%d"><v>%d</v></c></row>`,
			r, r, index[benchStates[(i/7)%len(benchStates)]], r, index[benchPartners[i%6]], r, index[benchAreas[(i/3)%8]],
			r, index[benchTypes[i%5]], r, len(vocab)+i, r, 2015+i%10)
	}
	bw.WriteString(`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	if err := bw.Flush(); err != nil {
		return err
	}

	if w, err = zw.Create("xl/sharedStrings.xml"); err != nil {
		return err
	}
	bw = bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, dec+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, 5*n+6, len(vocab)+n)
	for _, s := range vocab {
		fmt.Fprintf(bw, `<si><t>%s</t></si>`, s)
	}
	for i := range n {
		fmt.Fprintf(bw, `<si><t>%s</t></si>`, description(i))
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

var benchFile struct {
	once sync.Once
	path string
	err  error
}

// benchWorkbook is the benchmark workbook of -rows rows. Written once (about 8 s for 1M rows,
// 31 MB), it is kept in the system's temporary folder under its row count and reused by later
// runs: the benchmarks share it, and no benchmark's cleanup may remove it while another needs it.
func benchWorkbook(b *testing.B) string {
	b.Helper()
	benchFile.once.Do(func() {
		dir := filepath.Join(os.TempDir(), "mapsurvey-bench")
		benchFile.path = filepath.Join(dir, fmt.Sprintf("replies-%d-v1.xlsx", *benchRows))
		if _, err := os.Stat(benchFile.path); err == nil {
			return
		}
		if benchFile.err = os.MkdirAll(dir, 0o755); benchFile.err != nil {
			return
		}
		tmp := benchFile.path + ".tmp"
		if benchFile.err = writeBenchWorkbook(tmp, *benchRows); benchFile.err == nil {
			benchFile.err = os.Rename(tmp, benchFile.path)
		}
	})
	if benchFile.err != nil {
		b.Fatal(benchFile.err)
	}
	return benchFile.path
}

// peakMemory reports the largest resident memory of the process while a benchmark runs, as
// peak-RSS-MB, as /usr/bin/time -v would (Linux: the peak is reset through /proc/self/clear_refs
// and read from VmHWM in /proc/self/status; elsewhere nothing is reported).
func peakMemory(b *testing.B) func() {
	runtime.GC()
	debug.FreeOSMemory()
	if os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) != nil {
		return func() {}
	}
	return func() {
		status, err := os.ReadFile("/proc/self/status")
		if err != nil {
			return
		}
		for _, line := range strings.Split(string(status), "\n") {
			if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" {
				if kb, err := strconv.Atoi(f[1]); err == nil {
					b.ReportMetric(float64(kb)/1024, "peak-RSS-MB")
				}
			}
		}
	}
}

// BenchmarkFastRows reads every row of the benchmark workbook with the fast reader.
func BenchmarkFastRows(b *testing.B) {
	p := benchWorkbook(b)
	b.ReportAllocs()
	b.ResetTimer()
	done := peakMemory(b)
	for b.Loop() {
		w, err := sheet.OpenFast(p)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := w.Rows("Replies")
		if err != nil {
			b.Fatal(err)
		}
		n, cells := 0, 0
		for rows.Next() {
			n++
			cells += len(rows.Row().Cells)
		}
		if err := rows.Err(); err != nil {
			b.Fatal(err)
		}
		if n != *benchRows+1 || cells != 6*n {
			b.Fatalf("%d rows, %d cells", n, cells)
		}
		w.Close()
	}
	done()
}

// BenchmarkExcelizeRows reads the same rows with excelize's Rows and Columns.
func BenchmarkExcelizeRows(b *testing.B) {
	p := benchWorkbook(b)
	b.ReportAllocs()
	b.ResetTimer()
	done := peakMemory(b)
	for b.Loop() {
		f, err := excelize.OpenFile(p, excelize.Options{TmpDir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Replies")
		if err != nil {
			b.Fatal(err)
		}
		n, cells := 0, 0
		for rows.Next() {
			c, err := rows.Columns()
			if err != nil {
				b.Fatal(err)
			}
			n++
			cells += len(c)
		}
		if n != *benchRows+1 || cells != 6*n {
			b.Fatalf("%d rows, %d cells", n, cells)
		}
		rows.Close()
		f.Close()
	}
	done()
}

// BenchmarkUnzipFloor only inflates the sheet XML and the shared strings: no reader can be
// faster without inflating in parallel.
func BenchmarkUnzipFloor(b *testing.B) {
	p := benchWorkbook(b)
	b.ReportAllocs()
	b.ResetTimer()
	var size int64
	for b.Loop() {
		zr, err := zip.OpenReader(p)
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for _, f := range zr.File {
			if f.Name != "xl/worksheets/sheet1.xml" && f.Name != "xl/sharedStrings.xml" {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				b.Fatal(err)
			}
			n, err := io.Copy(io.Discard, rc)
			if err != nil {
				b.Fatal(err)
			}
			size += n
			rc.Close()
		}
		zr.Close()
	}
	b.ReportMetric(float64(size)/(1<<20), "xml-MB")
}
