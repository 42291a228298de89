package cli_test

import (
	"io"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/cli"
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
