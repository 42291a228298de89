package replies

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// HeaderScanRows is how many rows at the top of a sheet are searched for the header.
const HeaderScanRows = 20

// headerText reduces a column title for comparison.
func headerText(s string) string { return survey.NormalizeTitle(s) }

// headerIndex maps reduced column titles to the column they name.
type headerIndex map[string]survey.Key

func newHeaderIndex(s *survey.Schema) headerIndex {
	idx := headerIndex{}
	for _, k := range survey.Keys {
		d := s.Dim(k)
		for _, t := range append([]string{d.Title}, d.Headers...) {
			if h := headerText(t); h != "" {
				if _, taken := idx[h]; !taken {
					idx[h] = k
				}
			}
		}
	}
	return idx
}

// hxlTag is a hashtag with its attributes: "#activity+type" is {activity, [type]}. A pattern
// may also exclude attributes, as HXL tag patterns do: "#org-type" is {org, [], [type]}.
type hxlTag struct {
	base    string
	attrs   []string
	without []string
}

func parseHXL(s string) (hxlTag, bool) {
	s = strings.ToLower(strings.Join(strings.Fields(s), ""))
	if !strings.HasPrefix(s, "#") || len(s) < 2 {
		return hxlTag{}, false
	}
	var t hxlTag
	rest := s[1:]
	i := strings.IndexAny(rest, "+-")
	if i < 0 {
		i = len(rest)
	}
	t.base, rest = rest[:i], rest[i:]
	for rest != "" {
		sign := rest[0]
		rest = rest[1:]
		j := strings.IndexAny(rest, "+-")
		if j < 0 {
			j = len(rest)
		}
		if a := rest[:j]; a != "" {
			if sign == '+' {
				t.attrs = append(t.attrs, a)
			} else {
				t.without = append(t.without, a)
			}
		}
		rest = rest[j:]
	}
	return t, t.base != ""
}

// String writes the tag as HXL does: "#org+type".
func (t hxlTag) String() string {
	var b strings.Builder
	b.WriteString("#" + t.base)
	for _, a := range t.attrs {
		b.WriteString("+" + a)
	}
	for _, a := range t.without {
		b.WriteString("-" + a)
	}
	return b.String()
}

// hxlEntry is one column's hashtag in the schema.
type hxlEntry struct {
	key survey.Key
	tag hxlTag
}

// hxlIndex lists the schema's hashtags by column.
type hxlIndex []hxlEntry

func newHXLIndex(s *survey.Schema) hxlIndex {
	var idx hxlIndex
	for _, k := range survey.Keys {
		if t, ok := parseHXL(s.Dim(k).HXL); ok {
			idx = append(idx, hxlEntry{k, t})
		}
	}
	return idx
}

// tagOf returns the schema's hashtag of column k, for messages.
func (idx hxlIndex) tagOf(k survey.Key) (hxlTag, bool) {
	for _, e := range idx {
		if e.key == k {
			return e.tag, true
		}
	}
	return hxlTag{}, false
}

// describe names the hashtag of column k for messages, and says so when the schema gives none.
func (idx hxlIndex) describe(k survey.Key) string {
	if t, ok := idx.tagOf(k); ok {
		return "a column tagged " + t.String() + ", with or without more attributes"
	}
	return "a hashtag, but the schema gives this column none: give it one with hxl:"
}

// match finds the column a cell's hashtag names, as HXL tag patterns match: the cell has the
// pattern's hashtag, every attribute the pattern lists and none it excludes ("#org" matches
// "#org+name"). When several patterns match, the most specific wins, the one that lists the
// most attributes: "#org+type+name" is the organisation type ("#org+type"), not the
// organisation ("#org"). extra is how many of the cell's attributes the pattern does not name,
// which tells two cells that match one pattern apart (see findHeader).
func (idx hxlIndex) match(cell string) (k survey.Key, extra int, ok bool) {
	t, ok := parseHXL(cell)
	if !ok {
		return 0, 0, false
	}
	best := -1
	for i, e := range idx {
		if e.tag.base != t.base || !subset(e.tag.attrs, t.attrs) || overlaps(e.tag.without, t.attrs) {
			continue
		}
		if best < 0 || len(e.tag.attrs) > len(idx[best].tag.attrs) {
			best = i
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	return idx[best].key, len(t.attrs) - len(idx[best].tag.attrs), true
}

func subset(want, have []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// isHXLRow reports whether every non-empty cell of the row is a hashtag.
func isHXLRow(r sheet.Row) bool {
	n := 0
	for _, c := range r.Cells {
		if t := strings.TrimSpace(c); t != "" {
			if !strings.HasPrefix(t, "#") {
				return false
			}
			n++
		}
	}
	return n > 0
}

// layout is where a sheet's columns are: the header row (0 when there is none), the last row
// before the data (the header, or the hashtag row under it), and the 1-based column of each
// key, plus the titles of the other columns, kept as details.
type layout struct {
	headerRow int
	dataAfter int
	cols      [4]int
	details   map[int]string
	hashtags  bool // the header is a row of HXL hashtags
}

// findHeader looks for the header among the first rows of a sheet: a row of column titles, or a
// row of HXL hashtags. Columns given by the user take precedence; the header is then only
// needed for the others, and to know where data starts.
func findHeader(rows []sheet.Row, idx headerIndex, hxl hxlIndex, given [4]int) (layout, bool, [4]int) {
	best, bestRow, bestKeys := [4]int{}, -1, -1
	bestHashtags := false
	for i, r := range rows {
		found := given
		n := 0
		hashtags := isHXLRow(r)
		var extra [4]int // for hashtags: the attributes of the column found that its pattern does not name
		for c, text := range r.Cells {
			var k survey.Key
			var ok bool
			more := 0
			if hashtags {
				k, more, ok = hxl.match(text)
			} else {
				k, ok = idx[headerText(text)]
			}
			if !ok {
				continue
			}
			if given[k] == c+1 {
				n++ // the user's column carries its title here
			}
			switch {
			case found[k] == 0:
				found[k], extra[k] = c+1, more
				n++
			case hashtags && given[k] == 0 && more < extra[k]:
				// Two columns match the pattern: the one closer to it wins ("#org+name" rather
				// than "#org+name+acronym" for "#org"); on a tie, the first.
				found[k], extra[k] = c+1, more
			}
		}
		keys := 0
		for _, col := range found {
			if col > 0 {
				keys++
			}
		}
		if n > 0 && keys > bestKeys {
			best, bestRow, bestKeys, bestHashtags = found, i, keys, hashtags
		}
		if keys == 4 && n > 0 {
			l := makeLayout(r, found)
			// A hashtag row under the titles is part of the header.
			if !hashtags && i+1 < len(rows) && isHXLRow(rows[i+1]) {
				l.dataAfter = rows[i+1].Num
			}
			if hashtags && i > 0 && !blank(rows[i-1].Cells) {
				// Titles above the hashtags name the other columns better than hashtags do.
				l.details = makeLayout(rows[i-1], found).details
			}
			return l, true, found
		}
	}
	if allGiven(given) {
		// Every column was named and no row carries titles: data starts at the first row.
		return layout{cols: given}, true, given
	}
	if bestRow < 0 {
		return layout{}, false, [4]int{}
	}
	l := makeLayout(rows[bestRow], best)
	l.hashtags = bestHashtags
	return l, false, best
}

func allGiven(given [4]int) bool {
	for _, c := range given {
		if c == 0 {
			return false
		}
	}
	return true
}

func makeLayout(r sheet.Row, cols [4]int) layout {
	l := layout{headerRow: r.Num, dataAfter: r.Num, cols: cols, details: map[int]string{}}
	for c, cell := range r.Cells {
		if t := strings.TrimSpace(cell); t != "" && !isKeyCol(cols, c+1) {
			l.details[c+1] = t
		}
	}
	return l
}

func isKeyCol(cols [4]int, c int) bool {
	for _, k := range cols {
		if k == c {
			return true
		}
	}
	return false
}

// describeTitles lists the titles that identify column k, for messages.
func describeTitles(s *survey.Schema, k survey.Key) string {
	d := s.Dim(k)
	titles := append([]string{d.Title}, d.Headers...)
	if len(titles) > 6 {
		titles = append(titles[:6:6], "...")
	}
	q := make([]string, len(titles))
	for i, t := range titles {
		if t == "..." {
			q[i] = t
			continue
		}
		q[i] = fmt.Sprintf("%q", t)
	}
	return strings.Join(q, ", ")
}
