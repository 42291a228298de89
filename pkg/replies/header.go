package replies

import (
	"fmt"
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

// hxlTag is a hashtag with its attributes: "#activity+type" is {activity, [type]}.
type hxlTag struct {
	base  string
	attrs []string
}

func parseHXL(s string) (hxlTag, bool) {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if !strings.HasPrefix(s, "#") || len(s) < 2 {
		return hxlTag{}, false
	}
	parts := strings.Split(s[1:], "+")
	return hxlTag{base: parts[0], attrs: parts[1:]}, parts[0] != ""
}

// hxlIndex lists the schema's hashtags by column.
type hxlIndex []struct {
	key survey.Key
	tag hxlTag
}

func newHXLIndex(s *survey.Schema) hxlIndex {
	var idx hxlIndex
	for _, k := range survey.Keys {
		if t, ok := parseHXL(s.Dim(k).HXL); ok {
			idx = append(idx, struct {
				key survey.Key
				tag hxlTag
			}{k, t})
		}
	}
	return idx
}

// match finds the column a cell's hashtag names: the cell has the schema's hashtag and at least
// its attributes, as HXL patterns match ("#org" matches "#org+name").
func (idx hxlIndex) match(cell string) (survey.Key, bool) {
	t, ok := parseHXL(cell)
	if !ok {
		return 0, false
	}
	for _, e := range idx {
		if e.tag.base == t.base && subset(e.tag.attrs, t.attrs) {
			return e.key, true
		}
	}
	return 0, false
}

func subset(want, have []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			found = found || h == w
		}
		if !found {
			return false
		}
	}
	return true
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
}

// findHeader looks for the header among the first rows of a sheet: a row of column titles, or a
// row of HXL hashtags. Columns given by the user take precedence; the header is then only
// needed for the others, and to know where data starts.
func findHeader(rows []sheet.Row, idx headerIndex, hxl hxlIndex, given [4]int) (layout, bool, [4]int) {
	best, bestRow, bestKeys := [4]int{}, -1, -1
	for i, r := range rows {
		found := given
		n := 0
		hashtags := isHXLRow(r)
		for c, text := range r.Cells {
			var k survey.Key
			var ok bool
			if hashtags {
				k, ok = hxl.match(text)
			} else {
				k, ok = idx[headerText(text)]
			}
			if !ok {
				continue
			}
			if given[k] == c+1 {
				n++ // the user's column carries its title here
			}
			if found[k] == 0 {
				found[k] = c + 1
				n++
			}
		}
		keys := 0
		for _, col := range found {
			if col > 0 {
				keys++
			}
		}
		if n > 0 && keys > bestKeys {
			best, bestRow, bestKeys = found, i, keys
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
