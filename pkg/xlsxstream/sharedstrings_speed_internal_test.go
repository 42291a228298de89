package xlsxstream

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
)

// ReadSharedStringsXML reads a shared strings part held in memory, kept compressed or not, for
// BenchmarkSharedStringsXML: the parsing alone, without inflating, on one goroutine when not
// compressed.
func ReadSharedStringsXML(xml []byte, compressed bool) (int, error) {
	old := compressMin
	defer func() { compressMin = old }()
	compressMin = math.MaxUint64
	if compressed {
		compressMin = 0
	}
	sst, err := readSharedStrings(bytes.NewReader(xml), uint64(len(xml)), 1<<16, false)
	if err != nil {
		return 0, err
	}
	defer sst.free()
	return sst.count(), nil
}

// slowSI is what the general reading makes of the <si> at the start of w: its text decoded
// (richText, then bstrDecode), the index after it, whether it is blank; ok false when the fast
// reader falls back.
func slowSI(w []byte) (text []byte, after int, blank, ok bool) {
	if !bytes.HasPrefix(w, []byte("<si>")) {
		return nil, 0, false, false
	}
	var scratch []byte
	out, end, ok := richText(nil, w, len("<si>"), "si", &scratch)
	if !ok {
		return nil, 0, false, false
	}
	out = bstrDecode(out)
	return out, end, blankText(out), true
}

// verbatimTexts are texts for the fast path of <si><t>text</t></si>: each byte that needs
// decoding or checking, and some that do not but look alike to eight bytes at a time, at every
// position of the words verbatim reads, in texts of lengths around one and two words.
func verbatimTexts() []string {
	texts := []string{
		"", " ", "   ", "\t\n ", "\n", " a ", "a", "Expert assistance for Albania officers on asylum, project 24",
		"&amp;", "a &lt; b", "&#x41;", "&#10;", "&bogus;", "AT&T", "_x0041_", "_x005F_x0041_", "snake_case",
		"a]]>b", "a]b", "a]]b", "\r\n", "a\rb", "\u00a0", " \u2003 ", "é", "\xff", "\xc3", "\x00", "\x0b", "\x0c", "\x1f",
		"\x7f", "^", "$", "%", "'", "\"", ">", "~", "`", "\\", "/", "?",
	}
	odd := []string{"&", "]", "_", "\r", "\x01", "\x1f", "\x80", "\xc3\xa9", "\xff", "\t", "\n", "^", "\\", "^_", "%", "'", "\x7f", "\x20", "]]>", "&amp;", "_x0041_"}
	for _, n := range []int{1, 7, 8, 9, 15, 16, 17, 23, 24, 31, 32, 33, 40} {
		for p := range n {
			for _, b := range odd {
				texts = append(texts, strings.Repeat("a", p)+b+strings.Repeat("a", n-p-1))
			}
		}
		texts = append(texts, strings.Repeat(" ", n), strings.Repeat(" ", n-1)+"x", "x"+strings.Repeat("\t", n-1))
	}
	return texts
}

// The fast path for <si><t>text</t></si> gives what the general reading gives (the decoded
// text, where the string ends, blankness) for every string it takes, takes every string whose
// text decodes to itself, and leaves the others to the general reading.
func TestVerbatimSIMatchesGeneralReading(t *testing.T) {
	for _, text := range verbatimTexts() {
		w := []byte("<si><t>" + text + "</t></si><si><t>next</t></si>")
		want, wantAfter, wantBlank, ok := slowSI(w)
		prefix := []byte("before")
		got, after, blank := appendVerbatimSI(prefix, w, 0)
		// What the fast path must take: the text is its own decoding and holds no byte that
		// could make the general reading refuse or change it.
		plain := ok && string(want) == text && !strings.ContainsAny(text, "&]_\r") && !strings.ContainsFunc(text, func(r rune) bool { return r >= 0x80 || r < 0x20 && r != '\t' && r != '\n' })
		switch {
		case after == 0 && plain:
			t.Errorf("%q: not taken by the fast path", text)
		case after == 0:
			if string(got) != "before" {
				t.Errorf("%q: declined, but dst became %q", text, got)
			}
		case !ok:
			t.Errorf("%q: taken by the fast path as %q, the general reading falls back", text, got)
		case string(got) != "before"+string(want) || after != wantAfter || blank != wantBlank:
			t.Errorf("%q: fast path %q, after %d, blank %v; general reading %q, after %d, blank %v",
				text, got[len("before"):], after, blank, want, wantAfter, wantBlank)
		}
	}
}

// The fast path takes only the exact shape <si><t>text</t></si>, whole in the window; the
// general reading takes the rest (attributes, white space in tags, runs, a window that ends
// inside the string).
func TestVerbatimSIShapes(t *testing.T) {
	whole := "<si><t>abc</t></si>"
	for _, w := range []string{
		`<si><t xml:space="preserve">abc</t></si>`, `<si ><t>abc</t></si>`, `<si><t >abc</t></si>`,
		`<si><t>abc</t ></si>`, `<si><t>abc</t></si >`, `<si><t>abc</t><rPh sb="0" eb="1"><t>x</t></rPh></si>`,
		`<si><r><t>abc</t></r></si>`, `<si><t>ab<!-- c --></t></si>`, `<si><t>ab<![CDATA[c]]></t></si>`,
		`<si><t/></si>`, `<si/>`, `<sst>`, `<si><t>abc</t></sx>`, `<si><t>abc</x></si>`, `<sj><t>abc</t></si>`,
		whole[:len(whole)-1], whole[:len(whole)-6], whole[:9], "<si><t>",
	} {
		if out, after, _ := appendVerbatimSI(nil, []byte(w), 0); after != 0 || len(out) != 0 {
			t.Errorf("%s: taken by the fast path (%q, after %d)", w, out, after)
		}
	}
	w := []byte("  " + whole + "<si>")
	if out, after, blank := appendVerbatimSI(nil, w, 2); string(out) != "abc" || after != 2+len(whole) || blank {
		t.Errorf("at 2: %q, after %d, blank %v", out, after, blank)
	}
}

// A table of strings the fast path takes, each followed by a string the general reading takes,
// with the ends of buffers of several sizes cutting some of them, reads as the general reading
// alone reads it.
func TestSharedStringsMixedPaths(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	var want []string
	for i := range 3000 {
		s := fmt.Sprintf("Equipment for officers, project %d", i)
		switch i % 6 {
		case 0:
			s = strings.Repeat(s+", ", 4)
			fmt.Fprintf(&b, "<si><t>%s</t></si>", s)
		case 1:
			// Shorter than the string before it: the general reading's search for </si> must
			// not start where it stopped in that one, if the end of the buffer cut it.
			s = fmt.Sprint(i)
			fmt.Fprintf(&b, "<si>\n<t xml:space=\"preserve\">%s</t></si>\n", s)
		case 2:
			s = strings.Repeat(" ", i%7)
			fmt.Fprintf(&b, "<si><t>%s</t></si>", s)
		case 3:
			fmt.Fprintf(&b, "<si><r><t>%s</t></r><r><rPr><b/></rPr><t> \u00e9</t></r></si>", s)
			s += " \u00e9"
		case 4:
			fmt.Fprintf(&b, "<si><t>%s</t></si>", s)
		case 5:
			fmt.Fprintf(&b, "<si><t>%s &amp; _x0041_</t></si>", s)
			s += " & A"
		}
		want = append(want, s)
	}
	b.WriteString("</sst>")
	xml := b.String()
	for _, compressed := range []bool{false, true} {
		if compressed {
			compressSharedStrings(t)
		}
		for _, bufSize := range []int{256, 300, 1000, 1 << 10, 4099} {
			sst, err := readSharedStrings(strings.NewReader(xml), uint64(len(xml)), bufSize, false)
			if err != nil {
				t.Fatalf("compressed %v, buffer %d: %v", compressed, bufSize, err)
			}
			if sst.count() != len(want) {
				t.Fatalf("compressed %v, buffer %d: %d strings, want %d", compressed, bufSize, sst.count(), len(want))
			}
			for i, s := range want {
				if got := string(sst.bytes(i)); got != s || sst.isBlank(i) != blankText([]byte(s)) {
					t.Fatalf("compressed %v, buffer %d: string %d = %q (blank %v), want %q", compressed, bufSize, i, got, sst.isBlank(i), s)
				}
			}
			sst.free()
		}
	}
}
