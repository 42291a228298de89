package narrative

import (
	"slices"
	"strconv"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/percent"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// maxLeading is how many areas the overview names at most as leading, ties at the edge aside.
const maxLeading = 3

// Overview returns the overview paragraphs: the replies and activities, then the areas, the
// types of support and the partners by share. With no activity it returns the first alone.
func Overview(a *tally.Analysis, s *survey.Schema, o Options) []string {
	if a == nil {
		return nil
	}
	w := newWords(s, o)
	out := []string{overviewReplies(a, w)}
	if a.Activities == 0 {
		return out
	}
	for _, p := range []string{overviewAreas(a, w), overviewTypes(a, w), overviewPartners(a, s, w)} {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// activities is "one activity", "nine activities", "228 activities".
func activities(n int) string {
	if n == 1 {
		return "one activity"
	}
	return spell(n) + " activities"
}

func overviewReplies(a *tally.Analysis, w words) string {
	r, act := a.Respondents, a.ActiveStates
	if r == 0 {
		return "No " + w.one + " has replied, so there are no activities to analyse."
	}
	var b strings.Builder
	if r == 1 {
		b.WriteString("The analysis is based on the reply from one " + w.one)
	} else {
		b.WriteString("The analysis is based on replies from " + w.respondents(r))
	}
	switch {
	case act == 0 && r == 1:
		b.WriteString(", which reports no activity.")
		return b.String()
	case act == 0:
		b.WriteString(", none of which reports any activity.")
		return b.String()
	case r == 1:
		b.WriteString(", which reports at least one activity")
	case act == r:
		b.WriteString(", all of which report at least one activity")
	default:
		b.WriteString(", " + spell(act) + " of which " + verb(act, "reports", "report") + " at least one activity")
	}
	b.WriteString(": " + activities(a.Activities) + " in all.")
	return b.String()
}

// counted returns the activities of each cell.
func counted(cells []tally.Cell) []int {
	out := make([]int, len(cells))
	for i, c := range cells {
		out[i] = c.Activities
	}
	return out
}

// shareGroups ranks cells by activities and groups the ones with activities by their shown share.
func shareGroups(cells []tally.Cell, shares []percent.Units) []group {
	acts := func(i int) int { return cells[i].Activities }
	active := nonzero(tally.Order(cells, tally.ByActivities), acts)
	return groupBy(active, func(i int) int64 { return shares[i] })
}

// shareText writes groups as "border management (32%)", "a and b (9% each)", one after another.
func shareText(w words, labels []string, gs []group, lowerCase bool) string {
	phrases := make([]string, len(gs))
	multi := false
	for k, g := range gs {
		phrases[k] = bracket(g.labels(labels, lowerCase), w.pct(g.value), "")
		multi = multi || len(g.idx) > 1
	}
	if len(gs) > 1 && !multi {
		return list(phrases)
	}
	return joinPhrases(phrases, multi)
}

func overviewAreas(a *tally.Analysis, w words) string {
	cells := a.Area
	shares := w.shares(counted(cells), a.Activities)
	acts := func(i int) int { return cells[i].Activities }
	active := nonzero(tally.Order(cells, tally.ByActivities), acts)
	empty := zeros(len(cells), acts)
	if len(active) == 0 {
		return ""
	}
	if len(active) == 1 {
		return "All activities concern " + w.inArea(a.Areas[active[0]]) + "."
	}
	// The leading areas are the fewest that together hold more than half of the activities, at
	// most three unless the next area shows the same share as the last one named.
	k, sum := 0, 0
	for k < len(active) {
		sum += cells[active[k]].Activities
		k++
		if 2*sum > a.Activities || k >= maxLeading {
			break
		}
	}
	for k < len(active) && shares[active[k]] == shares[active[k-1]] {
		k++
	}
	leading := active[:k]
	var together percent.Units
	for _, i := range leading {
		together += shares[i]
	}
	lead := groupBy(leading, func(i int) int64 { return shares[i] })
	var b strings.Builder
	most := "Most"
	if k == len(active) && len(empty) > 0 {
		most = "All"
	}
	b.WriteString(most + " activities concern " + shareText(w, a.Areas, lead, w.lowerAreas))
	if len(leading) > 1 && k < len(active) {
		b.WriteString(", together " + w.pct(together) + " of all activities")
	}
	if rest := active[k:]; len(rest) > 0 {
		all := groupBy(rest, func(i int) int64 { return shares[i] })
		b.WriteString("; the fewest concern " + shareText(w, a.Areas, all[len(all)-1:], w.lowerAreas))
	}
	b.WriteString(".")
	if len(empty) > 0 {
		b.WriteString(" No activity concerns " + join(pick(a.Areas, empty, w.lowerAreas), "or") + ".")
	}
	return b.String()
}

func overviewTypes(a *tally.Analysis, w words) string {
	cells := a.Type
	shares := w.shares(counted(cells), a.Activities)
	groups := shareGroups(cells, shares)
	empty := zeros(len(cells), func(i int) int { return cells[i].Activities })
	if len(groups) == 0 {
		return ""
	}
	var b strings.Builder
	first := groups[0]
	names := first.labels(a.Types, w.lowerTypes)
	switch {
	case len(groups) == 1 && len(names) == 1:
		b.WriteString("Every activity takes the form of " + names[0])
	case len(names) == 1:
		b.WriteString(survey.Capitalize(names[0]) + " accounts for " + w.pct(first.value) + " of all activities")
	default:
		b.WriteString(survey.Capitalize(list(names)) + " account for " + w.pct(first.value) + " of all activities each")
	}
	if len(groups) > 1 {
		b.WriteString(", followed by " + shareText(w, a.Types, groups[1:], w.lowerTypes))
	}
	b.WriteString(".")
	if len(empty) > 0 && (len(groups) > 1 || len(names) > 1) {
		b.WriteString(" No activity takes the form of " + join(pick(a.Types, empty, w.lowerTypes), "or") + ".")
	}
	return b.String()
}

// overviewPartners ranks the real partners only: a pseudo-partner ("Regional") is not compared
// with countries, though its activities stay in the shares' base.
func overviewPartners(a *tally.Analysis, s *survey.Schema, w words) string {
	cells := a.Partner
	if len(cells) == 0 {
		return ""
	}
	rankedOnly := func(idx []int) []int {
		return slices.DeleteFunc(idx, func(i int) bool { return s.Pseudo(survey.Partner, i) })
	}
	states := func(i int) int { return cells[i].States }
	active := rankedOnly(nonzero(tally.Order(cells, tally.ByStates), states))
	empty := rankedOnly(zeros(len(cells), states))
	ranked := len(active) + len(empty)
	byStates := groupBy(active, func(i int) int64 { return int64(cells[i].States) })
	if len(byStates) == 0 {
		return ""
	}
	var b strings.Builder
	first := byStates[0]
	n := int(first.value)
	switch {
	case len(byStates) == 1 && len(empty) == 0 && ranked == 1:
		b.WriteString(survey.Capitalize(a.Partners[first.idx[0]]) + " receives support from " + w.respondents(n))
	case len(byStates) == 1 && len(empty) == 0:
		b.WriteString("Each " + w.partner + " receives support from " + w.respondents(n))
	default:
		names := first.labels(a.Partners, false)
		b.WriteString(survey.Capitalize(list(names)) + " " + verb(len(names), "receives", "receive") +
			" support from the most " + w.many + " (" + strconv.Itoa(n))
		if len(names) > 1 {
			b.WriteString(" each")
		}
		b.WriteString(")")
		if len(byStates) > 1 {
			last := byStates[len(byStates)-1]
			b.WriteString("; " + list(last.labels(a.Partners, false)) + " from the fewest (" +
				strconv.FormatInt(last.value, 10))
			if len(last.idx) > 1 {
				b.WriteString(" each")
			}
			b.WriteString(")")
		}
	}
	if len(empty) > 0 {
		b.WriteString("; no " + w.one + " supports " + join(pick(a.Partners, empty, false), "or"))
	}
	b.WriteString(".")

	shares := w.shares(counted(cells), a.Activities)
	acts := func(i int) int { return cells[i].Activities }
	byShare := groupBy(rankedOnly(nonzero(tally.Order(cells, tally.ByActivities), acts)), func(i int) int64 { return shares[i] })
	switch {
	case len(byShare) == 0:
	case len(byShare) == 1 && len(byShare[0].idx) == 1 && cells[byShare[0].idx[0]].Activities == a.Activities:
		b.WriteString(" By activities, " + a.Partners[byShare[0].idx[0]] + " accounts for all of them.")
	case len(byShare) == 1 && len(byShare[0].idx) == 1: // the rest are a pseudo-partner's
		b.WriteString(" By activities, " + a.Partners[byShare[0].idx[0]] + " accounts for " + w.pct(byShare[0].value) + ".")
	case len(byShare) == 1:
		b.WriteString(" By activities, " + list(byShare[0].labels(a.Partners, false)) + " hold equal shares (" +
			w.pct(byShare[0].value) + " each).")
	default:
		top, bottom := byShare[0], byShare[len(byShare)-1]
		b.WriteString(" By activities, " + bracketFirst(w, a.Partners, top) + ", " +
			list(bottom.labels(a.Partners, false)) + " last (" + w.pct(bottom.value))
		if len(bottom.idx) > 1 {
			b.WriteString(" each")
		}
		b.WriteString(").")
	}
	return b.String()
}

// bracketFirst writes "Serbia comes first (24%)" or "A and B come first (20% each)".
func bracketFirst(w words, labels []string, g group) string {
	names := g.labels(labels, false)
	s := list(names) + " " + verb(len(names), "comes", "come") + " first (" + w.pct(g.value)
	if len(names) > 1 {
		s += " each"
	}
	return s + ")"
}
