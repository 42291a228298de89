package cli_test

import (
	"flag"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/cli"
	"github.com/mapsurvey/mapsurvey/pkg/internal/threew"
	"github.com/mapsurvey/mapsurvey/pkg/sheet/sheettest"
)

// BenchmarkAnalyseSample runs the whole of analyse in-process on the bundled workbook: reading,
// counting and rendering, as an analyst's CI does on every commit of a note.
func BenchmarkAnalyseSample(b *testing.B) {
	for _, format := range []string{"table", "json"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				code := cli.Run([]string{"analyse", "-q", "--format", format, "../../testdata/sample/replies-7896-20.xlsx"},
					cli.IOStreams{Out: io.Discard, ErrOut: io.Discard})
				if code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}

var benchRows = flag.Int("rows", 1000000, "rows of the workbook BenchmarkAnalyseWorkbook reads")

// BenchmarkAnalyseWorkbook runs `analyse --format json` in-process on a million-row workbook,
// with its text in shared strings (as Excel saves it: one description per row in the table) and
// inline (as export libraries write it), and reports its time as a multiple of inflating the
// workbook's XML (x-floor) and the process's peak memory.
func BenchmarkAnalyseWorkbook(b *testing.B) {
	for _, layout := range []sheettest.Layout{sheettest.Shared, sheettest.Inline} {
		b.Run(layout.String(), func(b *testing.B) {
			p := sheettest.LaidOut(b, *benchRows, layout)
			b.ReportAllocs()
			done := sheettest.PeakMemory(b)
			sheettest.AgainstFloor(b, p, func() {
				var errOut strings.Builder
				code := cli.Run([]string{"analyse", "-q", "--format", "json", p}, cli.IOStreams{Out: io.Discard, ErrOut: &errOut})
				if code != 0 {
					b.Fatalf("exit %d: %s", code, errOut.String())
				}
			})
			done()
		})
	}
}

// BenchmarkReport3W runs the whole of `report` in-process (every format: md, html, xlsx, docx,
// and the PNG charts) on generated 3W workbooks: the 25,000 rows with 150 organisations,
// 60 districts and 20 sectors, and the 9,000-row, 61-district file that took 6.2 s. Issue 11
// holds the built command to 1.5 s on the first (docs/performance.md).
//
//	go test -run=NONE -bench=Report3W -benchtime=5x ./pkg/cli
func BenchmarkReport3W(b *testing.B) {
	for _, tc := range []struct {
		name string
		size threew.Size
	}{{"25000-rows-60-districts", threew.Report}, {"9000-rows-61-districts", threew.Slow}} {
		b.Run(tc.name, func(b *testing.B) {
			dir := b.TempDir()
			schema, book, err := threew.Write(dir, tc.size)
			if err != nil {
				b.Fatal(err)
			}
			out := filepath.Join(dir, "annex")
			b.ReportAllocs()
			for b.Loop() {
				var errOut strings.Builder
				code := cli.Run([]string{"report", "-q", book, "--schema", schema, "-o", out}, cli.IOStreams{Out: io.Discard, ErrOut: &errOut})
				if code != 0 {
					b.Fatalf("exit %d: %s", code, errOut.String())
				}
			}
		})
	}
}

var benchCSV = flag.String("csv", "", "CSV file BenchmarkAnalyseCSV reads (.ci/bench writes the million-row one)")

// BenchmarkAnalyseCSV runs `analyse --format json` in-process on the CSV file given with -csv
// (skipped without it), for profiling the CSV path: go test -bench=AnalyseCSV -cpuprofile.
func BenchmarkAnalyseCSV(b *testing.B) {
	if *benchCSV == "" {
		b.Skip("give a CSV file with -args -csv=FILE")
	}
	b.ReportAllocs()
	done := sheettest.PeakMemory(b)
	for b.Loop() {
		var errOut strings.Builder
		code := cli.Run([]string{"analyse", "-q", "--format", "json", *benchCSV}, cli.IOStreams{Out: io.Discard, ErrOut: &errOut})
		if code != 0 {
			b.Fatalf("exit %d: %s", code, errOut.String())
		}
	}
	done()
}
