package survey

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize reduces a label to the form in which two spellings of the same label compare equal:
// Unicode NFC, lower case, the accents of Latin letters dropped ("Ségou" and "SEGOU" are one
// label), "&" read as "and", typographic dashes and quotes as ASCII, every kind of space (the
// no-break space too) as one, none at the ends or around "/", and no trailing footnote marker
// ("*").
func Normalize(s string) string {
	if isASCII(s) {
		return string(appendNormalizedASCII(make([]byte, 0, len(s)), s))
	}
	return normalizeUnicode(s)
}

// AppendNormalized appends Normalize(s) to dst. For the ASCII text most replies hold, it does so
// without allocating: the duplicate check normalises a description on every row.
func AppendNormalized(dst []byte, s string) []byte {
	if out, ok := appendPlain(dst, s); ok {
		return out
	}
	if isASCII(s) {
		return appendNormalizedASCII(dst, s)
	}
	return append(dst, normalizeUnicode(s)...)
}

// appendPlain appends the lower case of s to dst when that is what s normalises to, as for
// nearly every description and label: ASCII text with no space at its ends, no trailing "*", no
// "&" nor space other than ' ', and no ' ' or '/' next to another. Otherwise it returns dst as
// it was, and false. One pass over the bytes copied, with no branch but the one that refuses.
func appendPlain(dst []byte, s string) ([]byte, bool) {
	n := len(s)
	if n == 0 || s[n-1] == ' ' || s[n-1] == '*' {
		return dst, n == 0
	}
	start := len(dst)
	dst = append(dst, s...)
	out := dst[start:]
	last := separator // before s: s may not start with one
	for i, c := range out {
		class := byteClass[c]
		if class&rewritten|class&last&separator != 0 {
			return dst[:start], false
		}
		out[i], last = lowerASCII[c], class
	}
	return dst, true
}

// The classes of bytes appendPlain tells apart, as bits.
const (
	separator byte = 1 << iota // ' ' or '/', kept where neither byte beside it is one
	rewritten                  // rewritten wherever it is: the other spaces, "&", and non-ASCII bytes
)

// byteClass and lowerASCII give each byte its class (0 for a byte kept as it is, in lower
// case) and its ASCII lower case, for appendPlain.
var byteClass, lowerASCII = func() (class, lower [256]byte) {
	for c := range 256 {
		b := byte(c)
		lower[c] = b
		switch {
		case 'A' <= b && b <= 'Z':
			lower[c] = b + 'a' - 'A'
		case b == ' ' || b == '/':
			class[c] = separator
		case b >= utf8.RuneSelf || b == '&' || '\t' <= b && b <= '\r':
			class[c] = rewritten
		}
	}
	return class, lower
}()

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// appendNormalizedASCII is normalizeUnicode for ASCII text, where NFC changes nothing and
// lower-casing is a byte's.
func appendNormalizedASCII(dst []byte, s string) []byte {
	start := len(dst)
	afterSlash := func() bool { return len(dst) > start && dst[len(dst)-1] == '/' }
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || '\t' <= c && c <= '\r':
			space = true
			continue
		case c == '&':
			if len(dst) > start && !afterSlash() {
				dst = append(dst, ' ')
			}
			dst = append(dst, "and"...)
			space = true
			continue
		case c == '/':
			space = false
			dst = append(dst, '/')
			continue
		}
		if space && len(dst) > start && !afterSlash() {
			dst = append(dst, ' ')
		}
		space = false
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	for len(dst) > start && (dst[len(dst)-1] == '*' || dst[len(dst)-1] == ' ') {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// normalizeUnicode is Normalize for any text.
func normalizeUnicode(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case r == '&':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "/") {
				b.WriteByte(' ')
			}
			b.WriteString("and")
			space = true
			continue
		case r == '/':
			space = false
			b.WriteByte('/')
			continue
		}
		if space && b.Len() > 0 && !strings.HasSuffix(b.String(), "/") {
			b.WriteByte(' ')
		}
		space = false
		switch r {
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
			r = '-'
		case '\u2018', '\u2019', '\u02bc':
			r = '\''
		}
		b.WriteRune(unicode.ToLower(r))
	}
	out := b.String()
	for {
		trimmed := strings.TrimRight(out, "* ")
		if trimmed == out {
			break
		}
		out = trimmed
	}
	return foldAccents(out)
}

// foldAccents drops the accents of Latin letters ("Ségou" -> "segou", "Ménaka" -> "menaka",
// "Łódź" -> "lodz"): replies type the same place name with and without them. Marks on letters
// of other scripts are part of the spelling and stay. The result is in NFC, so that it is
// stable (lower-casing can decompose "İ").
func foldAccents(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	latin := false // the last letter written is Latin: marks after it are accents
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			if latin {
				continue
			}
			b.WriteRune(r)
			continue
		}
		if f, ok := latinFold[r]; ok {
			r = f
		}
		latin = unicode.Is(unicode.Latin, r)
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// latinFold maps the Latin letters with a stroke or other mark that Unicode does not decompose
// onto their base letters.
var latinFold = map[rune]rune{'ł': 'l', 'ø': 'o', 'đ': 'd', 'ħ': 'h', 'ı': 'i', 'ŧ': 't', 'ƀ': 'b', 'ɨ': 'i'}

// NormalizeTitle reduces a column title for comparison: beyond Normalize it drops a trailing
// ":", "*" or "." and a trailing remark in brackets, so that "Type of support (select):" and
// "type of  support*" are the same title. Its work is linear in the text's length, whatever it
// holds: a cell of a million "()" costs a scan, not a million.
func NormalizeTitle(s string) string {
	s = Normalize(s)
	for {
		t := strings.TrimRight(s, ":*. ")
		t = trimRemark(t)
		if t == s {
			return s
		}
		s = t
	}
}

// trimRemark drops a trailing remark in brackets that holds no bracket itself, and the spaces
// before it: "type (select)" -> "type".
func trimRemark(s string) string {
	if !strings.HasSuffix(s, ")") {
		return s
	}
	open := strings.LastIndexAny(s[:len(s)-1], "()")
	if open < 0 || s[open] != '(' {
		return s
	}
	return strings.TrimRight(s[:open], " \t\n\f\r")
}

// Matcher maps the labels found in replies onto a dimension's canonical values.
type Matcher struct {
	index map[string]int
	dim   *Dimension
	// seen remembers raw spellings already matched: replies repeat a handful of labels over
	// thousands of rows, and normalising each costs more than the rest of a row.
	seen map[string]int
	// names are what Suggest compares with, normalised once; longest is the longest in runes.
	names   []suggestName
	longest int
	// suggested remembers the suggestion for each normalised unknown label: a thousand rows may
	// repeat one long unknown label.
	suggested map[string]string
}

type suggestName struct {
	name  string
	runes int
	value int
}

// cacheLimit bounds the spellings remembered, so that memory stays flat on hostile input.
const cacheLimit = 4096

// CacheableLength is the longest text that caches keep: longer cells are never labels, and
// keeping them would hold megabytes per entry.
const CacheableLength = 1024

// NewMatcher builds the matcher of d. It fails when a label or alias would match two values.
func NewMatcher(d *Dimension) (*Matcher, error) { return newMatcher(d) }

func newMatcher(d *Dimension) (*Matcher, error) {
	m := &Matcher{index: make(map[string]int), dim: d, seen: make(map[string]int), suggested: make(map[string]string)}
	for i, v := range d.Values {
		label := Normalize(v.Label)
		if label == "" {
			return nil, fmt.Errorf("value %d has an empty label", i+1)
		}
		for _, name := range append([]string{v.Label}, v.Aliases...) {
			key := Normalize(name)
			if key == "" {
				continue
			}
			if j, ok := m.index[key]; ok && j != i {
				return nil, fmt.Errorf("%q matches both %q and %q", name, d.Values[j].Label, v.Label)
			}
			m.index[key] = i
			n := utf8.RuneCountInString(key)
			if n < 4 && key != label {
				continue // codes such as "ITA" are not what a typing slip aims at
			}
			m.names = append(m.names, suggestName{name: key, runes: n, value: i})
			m.longest = max(m.longest, n)
		}
	}
	return m, nil
}

// Open reports whether any label is accepted (a dimension without listed values, or an open
// list).
func (m *Matcher) Open() bool { return m.dim.IsOpen() }

// Match returns the index of the canonical value that label names.
func (m *Matcher) Match(label string) (int, bool) {
	if i, ok := m.seen[label]; ok {
		return i, i >= 0
	}
	i, ok := m.index[Normalize(label)]
	if !ok {
		i = -1
	}
	if len(m.seen) < cacheLimit && len(label) <= CacheableLength {
		m.seen[label] = i
	}
	return i, ok
}

// Suggest returns the canonical label closest to an unknown label, or "" when none is close
// enough to be a likely typing slip. Its work is bounded by the schema's labels, not by the
// label's length: a text far longer than any label is no slip, and is not compared.
func (m *Matcher) Suggest(label string) string {
	key := Normalize(label)
	if key == "" {
		return ""
	}
	runes := utf8.RuneCountInString(key)
	// A third of the label's length, at least 2 edits: catches "Border managment" and
	// "Montengro" without proposing "Asylum" for "Visa". Two texts whose lengths differ by more
	// are further apart than that, so they need no comparing.
	limit := max(2, runes/3)
	if runes-m.longest > limit {
		return ""
	}
	if s, ok := m.suggested[key]; ok {
		return s
	}
	best, bestDist := -1, 0
	// The index is a map: walk the values in order so that ties resolve the same way every run.
	for _, n := range m.names {
		if n.runes-runes > limit || runes-n.runes > limit {
			continue
		}
		d := editDistance(key, n.name)
		if best < 0 || d < bestDist {
			best, bestDist = n.value, d
		}
	}
	s := ""
	if best >= 0 && bestDist <= limit {
		s = m.dim.Values[best].Label
	}
	if len(m.suggested) < cacheLimit {
		m.suggested[key] = s // key is at most a few times the longest label
	}
	return s
}

// editDistance is the Levenshtein distance between a and b, counted in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// EditDistance is the Levenshtein distance between a and b, in runes: how many typing slips
// apart two labels are.
func EditDistance(a, b string) int { return editDistance(a, b) }
