package survey

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize reduces a label to the form in which two spellings of the same label compare equal:
// Unicode NFC, lower case, "&" read as "and", typographic dashes and quotes as ASCII, no spaces at
// the ends, none around "/" and single spaces elsewhere, and no trailing footnote marker ("*").
func Normalize(s string) string {
	if isASCII(s) {
		return string(appendNormalizedASCII(make([]byte, 0, len(s)), s))
	}
	return normalizeUnicode(s)
}

// AppendNormalized appends Normalize(s) to dst. For the ASCII text most replies hold, it does so
// without allocating: the duplicate check normalises a description on every row.
func AppendNormalized(dst []byte, s string) []byte {
	if isASCII(s) {
		return appendNormalizedASCII(dst, s)
	}
	return append(dst, normalizeUnicode(s)...)
}

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
	// Lower-casing can decompose ("İ" + accent): compose again so that the result is stable.
	return norm.NFC.String(out)
}

var trailingRemark = regexp.MustCompile(`\s*\([^()]*\)$`)

// NormalizeTitle reduces a column title for comparison: beyond Normalize it drops a trailing
// ":", "*" or "." and a trailing remark in brackets, so that "Type of support (select):" and
// "type of  support*" are the same title.
func NormalizeTitle(s string) string {
	s = Normalize(s)
	for {
		t := strings.TrimRight(s, ":*. ")
		t = trailingRemark.ReplaceAllString(t, "")
		if t == s {
			return s
		}
		s = t
	}
}

// Matcher maps the labels found in replies onto a dimension's canonical values.
type Matcher struct {
	index map[string]int
	dim   *Dimension
	// seen remembers raw spellings already matched: replies repeat a handful of labels over
	// thousands of rows, and normalising each costs more than the rest of a row.
	seen map[string]int
}

// cacheLimit bounds the spellings remembered, so that memory stays flat on hostile input.
const cacheLimit = 4096

// NewMatcher builds the matcher of d. It fails when a label or alias would match two values.
func NewMatcher(d *Dimension) (*Matcher, error) { return newMatcher(d) }

func newMatcher(d *Dimension) (*Matcher, error) {
	m := &Matcher{index: make(map[string]int), dim: d, seen: make(map[string]int)}
	for i, v := range d.Values {
		if Normalize(v.Label) == "" {
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
		}
	}
	return m, nil
}

// Open reports whether any label is accepted (a dimension without listed values).
func (m *Matcher) Open() bool { return len(m.dim.Values) == 0 }

// Match returns the index of the canonical value that label names.
func (m *Matcher) Match(label string) (int, bool) {
	if i, ok := m.seen[label]; ok {
		return i, i >= 0
	}
	i, ok := m.index[Normalize(label)]
	if !ok {
		i = -1
	}
	if len(m.seen) < cacheLimit {
		m.seen[label] = i
	}
	return i, ok
}

// Suggest returns the canonical label closest to an unknown label, or "" when none is close
// enough to be a likely typing slip.
func (m *Matcher) Suggest(label string) string {
	key := Normalize(label)
	if key == "" {
		return ""
	}
	best, bestDist := -1, 0
	// The index is a map: walk the values in order so that ties resolve the same way every run.
	for i, v := range m.dim.Values {
		for _, name := range append([]string{v.Label}, v.Aliases...) {
			name = Normalize(name)
			if utf8.RuneCountInString(name) < 4 && name != Normalize(v.Label) {
				continue // codes such as "ITA" are not what a typing slip aims at
			}
			d := editDistance(key, name)
			if best < 0 || d < bestDist {
				best, bestDist = i, d
			}
		}
	}
	if best < 0 {
		return ""
	}
	// A third of the label's length, at least 2 edits: catches "Border managment" and
	// "Montengro" without proposing "Asylum" for "Visa".
	limit := max(2, utf8.RuneCountInString(key)/3)
	if bestDist > limit {
		return ""
	}
	return m.dim.Values[best].Label
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
