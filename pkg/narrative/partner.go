// Package narrative writes the prose of a mapping note from its figures, in the plain style of
// Council note 7896/20: an overview, a paragraph per partner, and the gaps and overlaps between
// partners and areas. It does no I/O; every text depends on the analysis and schema alone.
package narrative

import (
	"slices"
	"strconv"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// Options tune the prose.
type Options struct {
	Decimals         int // decimals of shares, as in the tables (0 by default)
	OverlapThreshold int // a partner x area cell with at least this many states is an overlap; 0 means the default 5
}

// DefaultOverlapThreshold is the overlap threshold when Options leaves it at zero.
const DefaultOverlapThreshold = 5

// maxTop is how many distinct values the list of a partner's leading areas shows.
const maxTop = 3

// supports is the verb for helping partner p: a pseudo-partner such as "Regional (Central
// Asia)" is no country that receives assistance, but a heading activities are reported under.
func supports(s *survey.Schema, p int, real, pseudo string) string {
	if s.Pseudo(survey.Partner, p) {
		return pseudo
	}
	return real
}

// Partner returns the paragraph on partner index p: how many respondents support it, in which
// areas most, which areas none, and in which forms. It returns "" for an index out of range.
func Partner(a *tally.Analysis, s *survey.Schema, p int, o Options) string {
	if a == nil || p < 0 || p >= len(a.Partner) || p >= len(a.Partners) {
		return ""
	}
	w := newWords(s, o)
	name := a.Partners[p]
	n := a.Partner[p].States
	if n == 0 {
		return "No " + w.one + " reports activities in " + name + "."
	}
	row := a.PartnerArea[p]
	states := func(i int) int { return row[i].States }
	active := nonzero(tally.Order(row, tally.ByStates), states)
	empty := zeros(len(row), states)

	var b strings.Builder
	if n == 1 {
		// One respondent gives every area the same count: the areas follow questionnaire order.
		inOrder := slices.Sorted(slices.Values(active))
		b.WriteString("One " + w.one + " " + supports(s, p, "provides assistance to", "reports activities under") + " " + name + ", in the " + w.areas(len(inOrder)) +
			" of " + list(pick(a.Areas, inOrder, w.lowerAreas)) + ".")
	} else {
		if n >= 10 {
			b.WriteString("A total of " + w.respondents(n))
		} else {
			b.WriteString(survey.Capitalize(w.respondents(n)))
		}
		b.WriteString(" " + supports(s, p, "provide assistance to", "report activities under") + " " + name + ", ")
		groups := groupBy(active, func(i int) int64 { return int64(row[i].States) })
		top := groups[:min(maxTop, len(groups))]
		if top[0].value == int64(n) {
			b.WriteString("all")
		} else {
			b.WriteString("most")
		}
		b.WriteString(" of them in the " + w.areas(len(top[0].idx)) + " of " + areaGroup(w, a, top[0]))
		if len(top) > 1 {
			b.WriteString(", followed by " + areaGroups(w, a, top[1:]))
		}
		b.WriteString(".")
		if len(groups) > maxTop {
			last := groups[len(groups)-1]
			b.WriteString(" The fewest " + w.many + " are active in the " + w.areas(len(last.idx)) + " of " +
				areaGroup(w, a, last) + ".")
		}
	}
	if len(empty) > 0 {
		b.WriteString(" No " + w.one + " is active in the " + w.areas(len(empty)) + " of " +
			list(pick(a.Areas, empty, w.lowerAreas)) + ".")
	} else if len(row) > 1 {
		b.WriteString(" Assistance covers every " + w.area + ".")
	}
	if t := partnerTypes(a, w, p, n); t != "" {
		b.WriteString(" " + t)
	}
	return b.String()
}

// areaGroup writes one group of areas with its state count: "border management (11)".
func areaGroup(w words, a *tally.Analysis, g group) string {
	return bracket(g.labels(a.Areas, w.lowerAreas), strconv.FormatInt(g.value, 10), "")
}

// areaGroups writes several groups of areas one after another.
func areaGroups(w words, a *tally.Analysis, gs []group) string {
	phrases := make([]string, len(gs))
	multi := false
	for k, g := range gs {
		phrases[k] = areaGroup(w, a, g)
		multi = multi || len(g.idx) > 1
	}
	return joinPhrases(phrases, multi)
}

// partnerTypes is the sentence on the forms of a partner's support, ordered by states, then
// activities, then questionnaire order.
func partnerTypes(a *tally.Analysis, w words, p, n int) string {
	if p >= len(a.PartnerType) || len(a.PartnerType[p]) == 0 {
		return ""
	}
	row := a.PartnerType[p]
	states := func(i int) int { return row[i].States }
	active := nonzero(tally.Order(row, tally.ByStates), states)
	empty := zeros(len(row), states)
	if len(active) == 0 {
		return ""
	}
	if n == 1 {
		return "Its assistance takes the form of " + list(pick(a.Types, slices.Sorted(slices.Values(active)), w.lowerTypes)) + "."
	}
	groups := groupBy(active, func(i int) int64 { return int64(row[i].States) })
	first := groups[0]
	firstText := bracket(first.labels(a.Types, w.lowerTypes), strconv.FormatInt(first.value, 10), w.noun(int(first.value)))
	// The figures count states, not volumes of assistance: the sentences say who gives what
	// ("expert assistance is given by the most Member States (12)"), never "most assistance".
	firstLabels := survey.Capitalize(list(first.labels(a.Types, w.lowerTypes)))
	each := ""
	if len(first.idx) > 1 {
		each = " each"
	}
	var b strings.Builder
	switch {
	case len(groups) == 1 && len(first.idx) == 1:
		b.WriteString("All assistance takes the form of " + firstText)
	case len(groups) == 1:
		b.WriteString(firstLabels + " are given by " + w.respondents(int(first.value)) + each)
	default:
		b.WriteString(firstLabels + " " + verb(len(first.idx), "is", "are") + " given by the most " + w.many +
			" (" + strconv.FormatInt(first.value, 10) + each + ")")
		phrases := make([]string, 0, len(groups)-1)
		multi := false
		for _, g := range groups[1:] {
			phrases = append(phrases, bracket(g.labels(a.Types, w.lowerTypes), strconv.FormatInt(g.value, 10), ""))
			multi = multi || len(g.idx) > 1
		}
		b.WriteString(", followed by " + joinPhrases(phrases, multi))
	}
	if len(empty) > 0 && len(groups) > 0 {
		b.WriteString("; " + w.respondents(0) + " gives " + join(pick(a.Types, empty, w.lowerTypes), "or"))
	}
	b.WriteString(".")
	return b.String()
}
