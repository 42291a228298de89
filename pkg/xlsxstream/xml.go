package xlsxstream

import (
	"bytes"
	"io"
	"strconv"
	"unicode/utf8"
)

// The byte-level XML primitives of the fast reader. They accept the XML that spreadsheet programs
// write and refuse (ok == false, which the reader turns into ErrFallback) anything they are not
// sure encoding/xml, and so excelize, reads the same way: comments, CDATA sections and processing
// instructions inside the data, prefixed element names, unknown entities, invalid UTF-8 and
// characters XML forbids.

// textClass marks the bytes appendText cannot copy as they are.
var textClass = func() (t [256]bool) {
	for b := 0; b < 0x20; b++ {
		t[b] = b != '\t' && b != '\n'
	}
	for b := 0x80; b < 0x100; b++ {
		t[b] = true
	}
	t['&'], t['<'], t[']'] = true, true, true
	return t
}()

// appendText appends the character data src (the bytes between two tags) to dst decoded as
// encoding/xml decodes it: the five predefined entities and character references replaced, "\r\n"
// and a lone "\r" turned into "\n". ok is false when encoding/xml would reject the text.
func appendText(dst, src []byte) ([]byte, bool) {
	i := 0
	for i < len(src) && !textClass[src[i]] {
		i++
	}
	dst = append(dst, src[:i]...)
	if i == len(src) {
		return dst, true
	}
	cr := false // the last byte written was a raw "\r", written as "\n"
	for i < len(src) {
		b := src[i]
		if b == '\n' && cr { // the "\n" of a "\r\n", already written
			cr = false
			i++
			continue
		}
		if !textClass[b] {
			dst = append(dst, b)
			cr = false
			i++
			continue
		}
		switch {
		case b == '\r':
			dst = append(dst, '\n')
			cr = true
			i++
			continue
		case b == ']':
			if i+2 < len(src) && src[i+1] == ']' && src[i+2] == '>' {
				return dst, false
			}
			dst = append(dst, b)
		case b == '&':
			r, n := entity(src[i:])
			if n == 0 || !xmlChar(r) {
				return dst, false
			}
			dst = utf8.AppendRune(dst, r)
			i += n
			cr = false
			continue
		case b >= 0x80:
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n == 1 || !xmlChar(r) {
				return dst, false
			}
			dst = append(dst, src[i:i+n]...)
			i += n
			cr = false
			continue
		default: // '<' or a control character
			return dst, false
		}
		cr = false
		i++
	}
	return dst, true
}

// textOK tells whether appendText would accept src, without decoding it.
func textOK(src []byte, scratch *[]byte) bool {
	for _, b := range src {
		if textClass[b] {
			var ok bool
			*scratch, ok = appendText((*scratch)[:0], src)
			return ok
		}
	}
	return true
}

// entity decodes the entity or character reference at the start of s ("&amp;", "&#10;",
// "&#x41;"); n is 0 when encoding/xml would reject it. A reference to a surrogate decodes to
// U+FFFD, as encoding/xml's string(rune(n)) does.
func entity(s []byte) (r rune, n int) {
	end := bytes.IndexByte(s, ';')
	if end < 2 || end > 12 {
		return 0, 0
	}
	name := s[1:end]
	if name[0] != '#' {
		switch string(name) {
		case "lt":
			return '<', end + 1
		case "gt":
			return '>', end + 1
		case "amp":
			return '&', end + 1
		case "apos":
			return '\'', end + 1
		case "quot":
			return '"', end + 1
		}
		return 0, 0
	}
	digits, base := name[1:], 10
	if len(digits) > 0 && digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return 0, 0
	}
	for _, c := range digits {
		if !('0' <= c && c <= '9' || base == 16 && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')) {
			return 0, 0
		}
	}
	v, err := strconv.ParseUint(string(digits), base, 64)
	if err != nil || v > utf8.MaxRune {
		return 0, 0
	}
	r = rune(v)
	if 0xD800 <= r && r <= 0xDFFF {
		r = utf8.RuneError
	}
	return r, end + 1
}

// xmlChar is encoding/xml's isInCharacterRange.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

// skipSpace returns the index of the first byte at or after i that is not XML white space.
func skipSpace(w []byte, i int) int {
	for i < len(w) && isSpace(w[i]) {
		i++
	}
	return i
}

// xattr is one attribute of a start tag; value is as written, before entities are decoded.
type xattr struct {
	name, value []byte
}

// tagResult says how parsing a tag went.
type tagResult int

const (
	tagOK         tagResult = iota
	tagIncomplete           // the tag runs past the end of the data read so far
	tagBad                  // not something the fast reader handles
)

// startTag parses the start tag whose name (unprefixed) ends at w[i] (the byte after "<name"):
// its attributes into attrs (reused), the index just past its ">" and whether it ends "/>".
// Attribute values are checked to be valid XML text.
func startTag(w []byte, i int, attrs []xattr, scratch *[]byte) (next int, empty bool, out []xattr, res tagResult) {
	out = attrs[:0]
	if i < len(w) && !isSpace(w[i]) && w[i] != '>' && w[i] != '/' {
		return 0, false, out, tagBad // a longer name
	}
	for {
		name, value, next, empty, res := nextAttr(w, i)
		if res != tagOK || name == nil {
			return next, empty, out, res
		}
		if !textOK(value, scratch) {
			return 0, false, out, tagBad
		}
		out = append(out, xattr{name: name, value: value})
		i = next
	}
}

// nextAttr parses what follows w[i] in a start tag: an attribute (name and value as written,
// next after it) or the end of the tag (name nil, next after it, empty when it is "/>").
func nextAttr(w []byte, i int) (name, value []byte, next int, empty bool, res tagResult) {
	// The shape of the attributes every cell has (r, s, t) as programs write them, a space, one
	// letter and ="value", without the general scan: it gives what scanAttr gives.
	if i+4 < len(w) && w[i] == ' ' && !nameEnd[w[i+1]] && w[i+2] == '=' && w[i+3] == '"' {
		if q := bytes.IndexByte(w[i+4:], '"'); q >= 0 {
			return w[i+1 : i+2], w[i+4 : i+4+q], i + 5 + q, false, tagOK
		}
	}
	return scanAttr(w, i)
}

// scanAttr is nextAttr for any attribute.
func scanAttr(w []byte, i int) (name, value []byte, next int, empty bool, res tagResult) {
	i = skipSpace(w, i)
	if i >= len(w) {
		return nil, nil, 0, false, tagIncomplete
	}
	switch w[i] {
	case '>':
		return nil, nil, i + 1, false, tagOK
	case '/':
		if i+1 >= len(w) {
			return nil, nil, 0, false, tagIncomplete
		}
		if w[i+1] != '>' {
			return nil, nil, 0, false, tagBad
		}
		return nil, nil, i + 2, true, tagOK
	}
	start := i
	for i < len(w) && !nameEnd[w[i]] {
		i++
	}
	name = w[start:i]
	if i < len(w) && w[i] != '=' {
		i = skipSpace(w, i)
	}
	if i >= len(w) {
		return nil, nil, 0, false, tagIncomplete
	}
	if len(name) == 0 || w[i] != '=' {
		return nil, nil, 0, false, tagBad
	}
	i++
	if i < len(w) && w[i] != '"' {
		i = skipSpace(w, i)
	}
	if i >= len(w) {
		return nil, nil, 0, false, tagIncomplete
	}
	q := w[i]
	if q != '"' && q != '\'' {
		return nil, nil, 0, false, tagBad
	}
	end := i + 1
	for end < len(w) && w[end] != q {
		end++
	}
	if end == len(w) {
		return nil, nil, 0, false, tagIncomplete
	}
	return name, w[i+1 : end], end + 1, false, tagOK
}

// nameEnd marks the bytes that end an attribute name.
var nameEnd = func() (t [256]bool) {
	for _, b := range []byte(" \t\r\n=>/<\"'") {
		t[b] = true
	}
	return t
}()

// localName is the part of an attribute name after its prefix, and whether it had one.
func localName(name []byte) ([]byte, bool) {
	if c := bytes.IndexByte(name, ':'); c >= 0 {
		return name[c+1:], true
	}
	return name, false
}

// elementAt tells whether w[i:] starts with "<"+name followed by a byte that can end an element
// name (space, '>' or '/'); incomplete when w ends too soon to tell.
func elementAt(w []byte, i int, name string) (match, incomplete bool) {
	j := i + 1 + len(name)
	if j >= len(w) {
		return false, true
	}
	if w[i] != '<' || string(w[i+1:j]) != name {
		return false, false
	}
	b := w[j]
	return isSpace(b) || b == '>' || b == '/', false
}

// endTag checks that w[i:] is the end tag "</name>" (white space allowed before ">") and returns
// the index after it.
func endTag(w []byte, i int, name string) (int, bool) {
	if i+2+len(name) > len(w) || w[i] != '<' || w[i+1] != '/' || string(w[i+2:i+2+len(name)]) != name {
		return 0, false
	}
	j := skipSpace(w, i+2+len(name))
	if j >= len(w) || w[j] != '>' {
		return 0, false
	}
	return j + 1, true
}

// skipElement skips the content and end tag of the element name whose start tag ends at w[i]:
// elements nested in it are skipped whatever they are, their text checked. It refuses comments,
// CDATA sections and processing instructions.
func skipElement(w []byte, i int, name string, scratch *[]byte) (int, bool) {
	var attrs []xattr
	depth := 0
	for {
		lt := bytes.IndexByte(w[i:], '<')
		if lt < 0 {
			return 0, false
		}
		if !textOK(w[i:i+lt], scratch) {
			return 0, false
		}
		i += lt
		if i+1 >= len(w) {
			return 0, false
		}
		switch w[i+1] {
		case '/':
			if depth == 0 {
				return endTag(w, i, name)
			}
			gt := bytes.IndexByte(w[i:], '>')
			if gt < 0 {
				return 0, false
			}
			i += gt + 1
			depth--
			continue
		case '!', '?':
			return 0, false
		}
		j := i + 1
		for j < len(w) && !isSpace(w[j]) && w[j] != '>' && w[j] != '/' {
			j++
		}
		next, empty, a, res := startTag(w, j, attrs, scratch)
		attrs = a
		if res != tagOK {
			return 0, false
		}
		if !empty {
			depth++
		}
		i = next
	}
}

// chunkReader holds a window of a part's XML read through a buffer that grows only when one
// element is larger than it.
type chunkReader struct {
	r        io.Reader
	buf      []byte
	pos, end int // buf[pos:end] is read and not yet consumed
	eof      bool
	err      error // a read error other than io.EOF
	max      int   // the largest the buffer may grow to
	// unprefixed: the part is read through unprefix, its root's prefix taken out.
	unprefixed bool
}

func newChunkReader(r io.Reader, size, max int) *chunkReader {
	return &chunkReader{r: r, buf: make([]byte, size), max: max}
}

// window is the data read and not consumed.
func (c *chunkReader) window() []byte { return c.buf[c.pos:c.end] }

// consume marks n bytes of the window as used.
func (c *chunkReader) consume(n int) { c.pos += n }

// fill reads more data after the window, moving the window to the start of the buffer and
// growing the buffer when it is full. It returns false when there is no more data (or no more
// room); c.err then tells a read error from the end of the part.
func (c *chunkReader) fill() bool {
	if c.eof || c.err != nil {
		return false
	}
	if c.pos > 0 {
		copy(c.buf, c.buf[c.pos:c.end])
		c.end -= c.pos
		c.pos = 0
	}
	if c.end == len(c.buf) {
		if len(c.buf) >= c.max {
			c.err = errElementTooLarge
			return false
		}
		nb := make([]byte, min(2*len(c.buf), c.max))
		copy(nb, c.buf[:c.end])
		c.buf = nb
	}
	for {
		n, err := c.r.Read(c.buf[c.end:])
		c.end += n
		if err == io.EOF {
			c.eof = true
		} else if err != nil {
			c.err = err
		}
		if n > 0 {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// skipProlog consumes the XML declaration, comments, processing instructions and white space
// before the root element, and checks that the declaration, if any, names no encoding other
// than UTF-8.
func (c *chunkReader) skipProlog() bool {
	// A byte-order mark, which encoding/xml (and so excelize) reads past.
	for len(c.window()) < 3 && c.fill() {
	}
	if bytes.HasPrefix(c.window(), []byte("\xef\xbb\xbf")) {
		c.consume(3)
	}
	for {
		w := c.window()
		i := skipSpace(w, 0)
		if i+4 > len(w) {
			if !c.fill() {
				return false
			}
			continue
		}
		if w[i] != '<' {
			return false
		}
		var end int
		switch {
		case bytes.HasPrefix(w[i:], []byte("<?")):
			end = bytes.Index(w[i:], []byte("?>"))
			if end >= 0 && bytes.HasPrefix(w[i:], []byte("<?xml")) && !utf8Declaration(w[i:i+end]) {
				return false
			}
			end += 2
		case bytes.HasPrefix(w[i:], []byte("<!--")):
			end = bytes.Index(w[i:], []byte("-->"))
			end += 3
		case w[i+1] == '!':
			return false // a DOCTYPE
		default:
			c.consume(i)
			return true
		}
		if end < 3 {
			if !c.fill() {
				return false
			}
			continue
		}
		c.consume(i + end)
	}
}

// utf8Declaration tells whether an XML declaration names no encoding or UTF-8.
func utf8Declaration(decl []byte) bool {
	k := bytes.Index(decl, []byte("encoding"))
	if k < 0 {
		return true
	}
	rest := bytes.TrimLeft(decl[k+len("encoding"):], " \t\r\n=")
	if len(rest) == 0 {
		return false
	}
	q := rest[0]
	end := bytes.IndexByte(rest[1:], q)
	if end < 0 {
		return false
	}
	return bytes.EqualFold(rest[1:1+end], []byte("utf-8"))
}

// rootTag reads the root element's start tag, which must be name in the SpreadsheetML main
// namespace (transitional), unprefixed. It returns whether the root is an empty element and its
// attributes, valid until the next fill.
func (c *chunkReader) rootTag(name string, scratch *[]byte) (empty bool, attrs []xattr, ok bool) {
	for {
		w := c.window()
		match, incomplete := elementAt(w, 0, name)
		if incomplete && c.fill() {
			continue
		}
		if !match {
			return false, nil, false
		}
		next, empty, attrs, res := startTag(w, 1+len(name), nil, scratch)
		if res == tagIncomplete && c.fill() {
			continue
		}
		if res != tagOK {
			return false, nil, false
		}
		// The SpreadsheetML namespace, transitional or Strict (excelize rewrites Strict names
		// before decoding), as the default namespace, or as the prefix taken out (unprefix).
		ns := false
		for _, a := range attrs {
			if string(a.name) == "xmlns" {
				ns = mainNamespace(a.value)
			} else if c.unprefixed && bytes.HasPrefix(a.name, []byte("xmlns:")) && mainNamespace(a.value) {
				ns = true
			}
		}
		c.consume(next)
		return empty, attrs, ns
	}
}

const nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
