package xlsxstream

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// The prefix comes out of every tag, wherever the reads cut the XML: one byte at a time, or
// in halves.
func TestUnprefix(t *testing.T) {
	in := `<x:worksheet xmlns:x="m"><x:sheetData><x:row r="1"><x:c t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>x:y &lt;x:z</x:t></x:is></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:B2"/></x:mergeCells><xy:other/></x:worksheet>`
	want := `<worksheet xmlns:x="m"><sheetData><row r="1"><c t="s"><v>0</v></c><c t="inlineStr"><is><t>x:y &lt;x:z</t></is></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells><xy:other/></worksheet>`
	for name, r := range map[string]func() io.Reader{
		"whole":    func() io.Reader { return strings.NewReader(in) },
		"one byte": func() io.Reader { return iotest.OneByteReader(strings.NewReader(in)) },
		"halves":   func() io.Reader { return iotest.HalfReader(strings.NewReader(in)) },
	} {
		got, err := io.ReadAll(newUnprefix(r(), "x"))
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v\nwant %q", name, got, err, want)
		}
	}
}
