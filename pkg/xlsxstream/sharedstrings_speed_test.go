package xlsxstream_test

import (
	"archive/zip"
	"io"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/sheet/sheettest"
	"github.com/mapsurvey/mapsurvey/pkg/xlsxstream"
)

// BenchmarkSharedStringsXML parses the benchmark workbook's shared strings, inflated
// beforehand: the parsing alone, which BenchmarkSharedStrings mixes with inflating. Held as one
// block ("plain"), it runs on one goroutine, so that a profile of it attributes costs cleanly.
func BenchmarkSharedStringsXML(b *testing.B) {
	xml, err := sharedStringsPart(sheettest.LaidOut(b, *benchRows, sheettest.Shared))
	if err != nil {
		b.Fatal(err)
	}
	for _, compressed := range []bool{false, true} {
		name := "plain"
		if compressed {
			name = "compressed"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(xml)))
			for b.Loop() {
				n, err := xlsxstream.ReadSharedStringsXML(xml, compressed)
				if err != nil {
					b.Fatal(err)
				}
				if n < *benchRows {
					b.Fatalf("%d strings for %d rows", n, *benchRows)
				}
			}
		})
	}
}

// sharedStringsPart is the inflated xl/sharedStrings.xml of the workbook at p.
func sharedStringsPart(p string) ([]byte, error) {
	z, err := zip.OpenReader(p)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	f, err := z.Open("xl/sharedStrings.xml")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
