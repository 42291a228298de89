package xlsxstream_test

import (
	"flag"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/sheet/sheettest"
	"github.com/xuri/excelize/v2"
)

var benchRows = flag.Int("rows", 1000000, "rows of the workbook the fast-reader benchmarks read")

// BenchmarkFastRows reads every row of the benchmark workbook with the fast reader.
func BenchmarkFastRows(b *testing.B) {
	p := sheettest.Workbook(b, *benchRows)
	b.ReportAllocs()
	done := sheettest.PeakMemory(b)
	sheettest.AgainstFloor(b, p, func() {
		w, rows := openFastRows(b, p, sheettest.SheetName)
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
	})
	done()
}

// BenchmarkFastCountRows reads the rows as a count does: only the key columns A-D as text, the
// description and year as Skipped or values. Its CPU profile is the reader's share of analyse.
func BenchmarkFastCountRows(b *testing.B) {
	for _, layout := range []sheettest.Layout{sheettest.Shared, sheettest.Inline} {
		b.Run(layout.String(), func(b *testing.B) {
			p := sheettest.LaidOut(b, *benchRows, layout)
			b.ReportAllocs()
			for b.Loop() {
				w, rows := openFastRows(b, p, sheettest.SheetName)
				rows.OnlyColumns([]int{1, 2, 3, 4})
				n, skipped := 0, 0
				for rows.Next() {
					n++
					if c := rows.Row().Cells; len(c) == 5 && c[4] == sheet.Skipped { // description and year, folded
						skipped++
					}
				}
				if err := rows.Err(); err != nil {
					b.Fatal(err)
				}
				if n != *benchRows+1 || skipped < *benchRows-5000 {
					b.Fatalf("%d rows, %d descriptions skipped", n, skipped)
				}
				w.Close()
			}
		})
	}
}

// BenchmarkSharedStrings opens the benchmark workbook's sheet, which reads its shared strings
// (a million descriptions, 93 MB of XML, kept compressed), and stops before the rows: the part
// of a run that comes before its first row.
func BenchmarkSharedStrings(b *testing.B) {
	p := sheettest.LaidOut(b, *benchRows, sheettest.Shared)
	b.ReportAllocs()
	for b.Loop() {
		w, rows := openFastRows(b, p, sheettest.SheetName)
		rows.Close()
		w.Close()
	}
}

// BenchmarkExcelizeRows reads the same rows with excelize's Rows and Columns.
func BenchmarkExcelizeRows(b *testing.B) {
	p := sheettest.Workbook(b, *benchRows)
	b.ReportAllocs()
	done := sheettest.PeakMemory(b)
	sheettest.AgainstFloor(b, p, func() {
		f, err := excelize.OpenFile(p, excelize.Options{TmpDir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows(sheettest.SheetName)
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
	})
	done()
}

// BenchmarkUnzipFloor only inflates the sheet XML and the shared strings: no reader can be
// faster without inflating in parallel.
func BenchmarkUnzipFloor(b *testing.B) {
	p := sheettest.Workbook(b, *benchRows)
	b.ReportAllocs()
	b.ResetTimer()
	var size int64
	for b.Loop() {
		n, err := sheettest.Inflate(p)
		if err != nil {
			b.Fatal(err)
		}
		size = n
	}
	b.ReportMetric(float64(size)/(1<<20), "xml-MB")
}
