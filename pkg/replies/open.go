package replies

import (
	"sort"
	"strings"
	"unicode"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// openList learns the categories of an open dimension (survey.Dimension.Open) while reading:
// any non-empty value is a category, spellings that normalise alike (case, spaces, no-break
// spaces, accents) are one, and the values the schema lists keep their labels and aliases. A
// category is learnt only from a row that counts, so that a row with an error leaves no
// category behind.
type openList struct {
	dim    int // tally.DimPartner, DimArea or DimType
	listed int // the schema's values: indices below are theirs
	keys   map[string]int
	// first holds the first spelling of each learnt category, indexed from listed: its label
	// until the most frequent spelling is known (finish).
	first []string
	// seen remembers the spellings met in learnt categories, with their counts in the file
	// being read: a pointer to bump per value, where a map of counts would hash each one.
	seen    map[string]*seenSpelling
	touched []*seenSpelling // those counted in the file being read
	// pending are the categories the row being read would add, in the order met: they are
	// given the indices they will have, and added when the row counts.
	pending []pendingCategory
}

type pendingCategory struct{ key, text string }

func newOpenList(dim int, d *survey.Dimension) *openList {
	return &openList{dim: dim, listed: len(d.Values), keys: map[string]int{}, seen: map[string]*seenSpelling{}}
}

// seenSpelling is a spelling of a learnt category and how often the file being read counted it.
type seenSpelling struct {
	index int
	text  string // tidied
	n     int
}

// match returns the category of a spelling that the schema's values do not name, learning it
// (pending) when new, with the spelling's counter when it is remembered (nil otherwise). It
// fails only for a spelling that normalises to nothing, such as "*".
func (o *openList) match(raw string) (int, *seenSpelling, bool) {
	if e, ok := o.seen[raw]; ok {
		return e.index, e, true
	}
	key := survey.Normalize(raw)
	if key == "" {
		return 0, nil, false
	}
	if i, ok := o.keys[key]; ok {
		var e *seenSpelling
		if len(o.seen) < cacheLimit && len(raw) <= survey.CacheableLength {
			e = &seenSpelling{index: i, text: tidy(raw)}
			o.seen[raw] = e
		}
		return i, e, true
	}
	next := o.listed + len(o.first)
	for j, pc := range o.pending {
		if pc.key == key {
			return next + j, nil, true
		}
	}
	o.pending = append(o.pending, pendingCategory{key: key, text: tidy(raw)})
	return next + len(o.pending) - 1, nil, true
}

// count adds one use of a remembered spelling to the file being read.
func (o *openList) count(e *seenSpelling) {
	if e.n == 0 {
		o.touched = append(o.touched, e)
	}
	e.n++
}

// flush moves the counts of the file read into counts, and forgets them when counts is nil
// (the file is read again).
func (o *openList) flush(k survey.Key, counts map[spelling]int) {
	for _, e := range o.touched {
		if counts != nil {
			counts[spelling{k, e.index, e.text}] += e.n
		}
		e.n = 0
	}
	o.touched = o.touched[:0]
}

// cacheLimit bounds the spellings remembered, as survey.Matcher does.
const cacheLimit = 4096

// commit adds the pending categories of a row that counts to the list and to the counters.
func (o *openList) commit(counters ...*tally.Counter) {
	for _, pc := range o.pending {
		i := o.listed + len(o.first)
		o.keys[pc.key] = i
		o.first = append(o.first, pc.text)
		for _, c := range counters {
			c.Extend(o.dim, pc.text)
		}
	}
	o.pending = o.pending[:0]
}

// tidy writes a spelling as a label: every run of spaces (no-break spaces too) one space.
func tidy(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// spelling is one way a learnt category was written, for choosing its label.
type spelling struct {
	key   survey.Key
	index int
	text  string
}

// label returns the label of category i of dimension k while reading: the schema's, or the first
// spelling of a learnt one.
func (p *parser) label(k survey.Key, i int) string {
	vals := p.schema.Dim(k).Values
	if i < len(vals) {
		return vals[i].Label
	}
	if o := p.open[k]; o != nil {
		j := i - o.listed
		if j < len(o.first) {
			return o.first[j]
		}
		return o.pending[j-len(o.first)].text
	}
	return ""
}

// settleOpenLists names and orders the learnt categories once every file is read, so that the
// result does not depend on the order of the files: each is named by its most frequent spelling
// (ties: the first in sort order), and they follow the schema's values sorted by name. The
// dataset gets a schema that lists them, which every table and chart then shows. It returns,
// per dimension, the new index of each category (nil where nothing moved).
func (p *parser) settleOpenLists(d *dataset) [4][]int {
	var moved [4][]int
	var schema *survey.Schema
	for _, k := range survey.Dims {
		o := p.open[k]
		if o == nil || len(o.first) == 0 {
			continue
		}
		best := make([]string, len(o.first))
		bestN := make([]int, len(o.first))
		copy(best, o.first)
		for sp, n := range d.spellings {
			if sp.key != k {
				continue
			}
			j := sp.index - o.listed
			if n > bestN[j] || n == bestN[j] && sp.text < best[j] {
				best[j], bestN[j] = sp.text, n
			}
		}
		learnt := make([]int, len(o.first))
		for j := range learnt {
			learnt[j] = j
		}
		sort.SliceStable(learnt, func(a, b int) bool {
			ka, kb := survey.Normalize(best[learnt[a]]), survey.Normalize(best[learnt[b]])
			if ka != kb {
				return ka < kb
			}
			return best[learnt[a]] < best[learnt[b]]
		})
		if schema == nil {
			cp := *p.schema
			schema = &cp
		}
		dim := &schema.Columns[k]
		vals := append([]survey.Value(nil), dim.Values...)
		order := make([]int, 0, o.listed+len(o.first))
		labels := make([]string, 0, cap(order))
		for i := range o.listed {
			order = append(order, i)
			labels = append(labels, vals[i].Label)
		}
		for _, j := range learnt {
			order = append(order, o.listed+j)
			labels = append(labels, best[j])
			vals = append(vals, survey.Value{Label: best[j]})
		}
		dim.Values = vals
		// Both come from the same list of categories: reordering cannot fail.
		_ = d.ds.counter.Reorder(o.dim, order, labels)
		moved[k] = make([]int, len(order))
		for to, from := range order {
			moved[k][from] = to
		}
	}
	if schema != nil {
		d.ds.Schema = schema
	}
	return moved
}
