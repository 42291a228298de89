package xlsxstream

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// nextAttr's short cut gives what the general scan gives, on the shapes it takes and on near
// misses.
func TestAttrShortCutIsTheGeneralScan(t *testing.T) {
	for _, in := range []string{
		` r="A1" s="1">`, ` s="12"/>`, ` t="inlineStr">`, ` r="A1`, ` r=`, ` r="`, ` r="A"1">`,
		` r='A1'>`, `  r="A1">`, ` r ="A1">`, ` r= "A1">`, ` rr="A1">`, ` x="1">`, ` x:r="A1">`,
		`>`, `/>`, ` />`, ` r="A1"s="2">`, ` r="&amp;">`, ` t=""`, ` t="">`, "\tr=\"A1\">", ` R="A1">`,
	} {
		for cut := 0; cut <= len(in); cut++ {
			w := []byte(in[:cut])
			n1, v1, next1, e1, res1 := nextAttr(w, 0)
			n2, v2, next2, e2, res2 := scanAttr(w, 0)
			got := fmt.Sprintf("%q %q %d %v %v", n1, v1, next1, e1, res1)
			want := fmt.Sprintf("%q %q %d %v %v", n2, v2, next2, e2, res2)
			if got != want {
				t.Errorf("%q: nextAttr gives %s, scanAttr %s", w, got, want)
			}
		}
	}
}

// A survey's labels are interned once: reading them again, row after row, makes no string,
// even when two of them share a slot of the cache.
func TestInternKeepsLabels(t *testing.T) {
	labels := []string{"Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark",
		"Estonia", "Finland", "France", "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia",
		"Lithuania", "Luxembourg", "Malta", "Netherlands", "Poland", "Portugal", "Romania", "Slovakia",
		"Slovenia", "Spain", "Sweden", "Albania", "Bosnia and Herzegovina", "Kosovo*", "Montenegro",
		"North Macedonia", "Serbia", "Asylum", "Reception", "Border management", "Return",
		"Integration", "Legal migration", "Financial assistance", "Expert assistance", "Equipment",
		"Training", "2014", "2015", "2016", "2017", "2018", "2019", "2020", "2021", "x"}
	r := &Rows{interns: make([]string, 4096)}
	for _, l := range labels {
		if got := r.intern([]byte(l)); got != l {
			t.Fatalf("intern(%q) = %q", l, got)
		}
	}
	bs := make([][]byte, len(labels))
	for i, l := range labels {
		bs[i] = []byte(l)
	}
	// Row after row, every label in turn: a label evicted by another would be made again.
	if allocs := testing.AllocsPerRun(5, func() {
		for _, b := range bs {
			r.intern(b)
		}
	}); allocs != 0 {
		t.Errorf("interning the labels again made %.0f new strings", allocs)
	}
	// A small cache still gives every string right, evicting as it must.
	small := &Rows{interns: make([]string, 2)}
	for i := 0; i < 3; i++ {
		for _, l := range labels {
			if got := small.intern([]byte(l)); got != l {
				t.Fatalf("intern(%q) = %q", l, got)
			}
		}
	}
}

func TestPlainInline(t *testing.T) {
	for _, tc := range []struct {
		in, raw string
		after   int
	}{
		{`<is><t>abc</t></is><`, "abc", 19},
		{`<is><t></t></is>`, "", 16},
		{`<is><t>a</t></is >`, "", 0},
		{`<is><t xml:space="preserve"> a</t></is>`, "", 0},
		{`<is><r><t>a</t></r></is>`, "", 0},
		{`<is><t>a</t>`, "", 0},
		{`<is><t>a`, "", 0},
		{`<is>`, "", 0},
	} {
		raw, after := plainInline([]byte(tc.in), 0)
		if string(raw) != tc.raw || after != tc.after {
			t.Errorf("plainInline(%q) = %q, %d; want %q, %d", tc.in, raw, after, tc.raw, tc.after)
		}
		// plainText, which shared strings and rich inline strings go through, reads the
		// same after the <is>, and after an <si> for a shared string.
		for _, end := range []string{"is", "si"} {
			in := strings.ReplaceAll(tc.in, "is>", end+">")
			if !strings.HasPrefix(in, "<"+end+">") {
				continue
			}
			raw, after := plainText([]byte(in), len("<is>"), end)
			if string(raw) != tc.raw || after != tc.after {
				t.Errorf("plainText(%q, %q) = %q, %d; want %q, %d", in, end, raw, after, tc.raw, tc.after)
			}
		}
	}
}

func TestPlainness(t *testing.T) {
	// Whether the text is plain and holds more than spaces.
	for in, want := range map[string]bool{
		"a": true, " a ": true, "Financial assistance, project 1": true, "": false, " ": false,
		"\t\n": false, "a\tb": true, "&amp;": false, "a&lt;": false, "a\r": false, "_x0020_": false,
		"a_b": false, "é": false, "\u00a0": false, "a]": false, "a\x01": false,
	} {
		if plain, blank := plainness([]byte(in)); (plain && !blank) != want {
			t.Errorf("plainness(%q) = %v, %v", in, plain, blank)
		}
	}
}

func TestDigitsOf(t *testing.T) {
	var r Rows
	// Counting up in place, across carries, and jumps, forward and back.
	nums := []int{1, 2, 3}
	for n := 7; n <= 1100; n++ {
		nums = append(nums, n)
	}
	nums = append(nums, 99999, 100000, 100001, 5, 1048576, 9, 10, 11)
	for _, n := range nums {
		if got, want := string(r.digitsOf(n)), strconv.Itoa(n); got != want {
			t.Fatalf("digitsOf(%d) = %q, want %q", n, got, want)
		}
	}
}

// sameCellTag's word-at-a-time comparisons of the row's digits and of the remembered tail give
// what comparing the bytes gives: for tails and rows of every length around a word's, with a
// byte changed at each place, and in windows that end soon after the tag.
func TestSameCellTagComparesAllBytes(t *testing.T) {
	for _, rowNum := range []int{1, 9, 12, 99999, 1234567, 12345678, 123456789} {
		digits := strconv.Itoa(rowNum)
		for _, tail := range []string{`">`, `" t="s">`, `" t="s"/>`, `" s="12" t="s">`, `" t="inlineStr">`, `" s="123" t="inlineStr">`, `" s="1234" t="inlineStr">`, `" s="12345" t="inlineStr"/>`} {
			r := &Rows{}
			r.digitsOf(rowNum)
			kept := ` r="B` + digits + tail
			r.keepCellTail([]byte(kept), 0, len(kept), 1, nil, typeNumber, styleRaw, 0, false)
			if !r.cellTails[1].kept {
				t.Fatalf("tail %q not kept", tail)
			}
			same := ` r="C` + digits + tail
			for k := 0; k <= len(same); k++ {
				for _, pad := range []string{"", "<v>1</v></c></row><row r=\"2\">"} {
					in := []byte(same + pad)
					if k < len(same) {
						in[k] ^= 0x01 // one byte changed
					}
					_, col, _, next, ok := r.sameCellTag(in, 0, 1)
					want := k >= len(same) || k == len(` r="`) // the column letter may change
					if k == len(` r="`) {
						want = in[k] >= 'A' && in[k] <= 'Z'
					}
					if ok != want || ok && next != len(same) {
						t.Errorf("row %d, tail %q, byte %d changed, pad %q: ok %v (col %d, next %d), want %v", rowNum, tail, k, pad, ok, col, next, want)
					}
				}
			}
		}
	}
}

// plainV gives what reading the bytes one by one as parseCells' general loop would gives: for
// runs of every length up to and past nine digits, followed by each kind of byte (the end tag,
// other text, bytes past ASCII), in windows that end soon after the cell.
func TestPlainVIsTheDigitLoop(t *testing.T) {
	slow := func(w []byte, i int) (string, int, int) {
		if len(w)-i < len("<v>0</v></c>") || string(w[i:i+3]) != "<v>" {
			return "", 0, 0
		}
		j, k := i+3, 0
		for j < len(w) && j-(i+3) < 10 && w[j] >= '0' && w[j] <= '9' {
			k = k*10 + int(w[j]-'0')
			j++
		}
		n := j - (i + 3)
		if n == 0 || n > 9 || len(w)-j < 8 || string(w[j:j+8]) != "</v></c>" {
			return "", 0, 0
		}
		return string(w[i+3 : j]), k, j + 8
	}
	for n := 0; n <= 12; n++ {
		for _, digits := range []string{"0123456789012", "9999999999999", "1000000000000", "0000000000007"} {
			for _, after := range []string{"</v></c>", "</v></c><c r=\"B1\">", "</v>", "</v> </c>", "/v></c>", ".5</v></c>", "e3</v></c>", ":</v></c>", "/</v></c>", "\xfa\xff</v></c>", " </v></c>", "<"} {
				for _, lead := range []string{"", "xx"} {
					w := []byte(lead + "<v>" + digits[:n] + after)
					v, k, next := plainV(w, len(lead))
					sv, sk, snext := slow(w, len(lead))
					if string(v) != sv || k != sk || next != snext {
						t.Errorf("%q: plainV gives %q %d %d, the loop %q %d %d", w, v, k, next, sv, sk, snext)
					}
				}
			}
		}
	}
}
