package xlsxstream

import (
	"strconv"
	"testing"
)

const testStyles = `<styleSheet xmlns="` + nsMain + `"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>`

// A value excelize formats costs microseconds, once: the formatter keeps what it was told.
func BenchmarkFormatter(b *testing.B) {
	for _, tc := range []struct {
		name     string
		distinct int
	}{{"repeated dates", 400}, {"distinct amounts", 1 << 30}} {
		b.Run(tc.name, func(b *testing.B) {
			fm := newFormatter([]byte(testStyles), false)
			for i := 0; b.Loop(); i++ {
				if _, ok := fm.value(1+i%2, false, strconv.Itoa(40000+i%tc.distinct)); !ok {
					b.Fatal(fm.err)
				}
			}
		})
	}
}
