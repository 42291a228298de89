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

// The formatter starts again after 65,536 values (its workbook would keep every string it
// was given), and formats as before.
func TestFormatterStartsAgain(t *testing.T) {
	if testing.Short() {
		t.Skip("70,000 values through excelize")
	}
	fm := newFormatter([]byte(testStyles), false)
	for i := range 70000 {
		got, ok := fm.value(2, i%2 == 0, strconv.Itoa(i))
		if want := strconv.Itoa(i); !ok || i%2 == 1 && got != fmtThousands(i) || i%2 == 0 && got != want {
			t.Fatalf("value %d: %q, %v", i, got, ok)
		}
	}
	if len(fm.cache) >= 1<<16 {
		t.Errorf("%d values kept", len(fm.cache))
	}
}

// fmtThousands is #,##0.00.
func fmtThousands(i int) string {
	s := strconv.Itoa(i)
	if len(s) > 3 {
		s = s[:len(s)-3] + "," + s[len(s)-3:]
	}
	return s + ".00"
}
