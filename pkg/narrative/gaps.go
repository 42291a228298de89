package narrative

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// Cell is one partner and area combination with its counts.
type Cell struct {
	Partner, Area      string
	States, Activities int
}

// GapsOverlaps are the partner and area combinations where no respondent is active (gaps) and
// those where at least Threshold are (overlaps), with the paragraphs that say so: the note's
// concern of "duplication in some areas while leaving gaps in others".
type GapsOverlaps struct {
	Gaps, Overlaps []Cell
	Threshold      int
	Paragraphs     []string
}

// GapsAndOverlaps returns the gaps, in questionnaire order of partner then area, and the
// overlaps, by states from most to fewest, then in questionnaire order of partner and area.
func GapsAndOverlaps(a *tally.Analysis, s *survey.Schema, o Options) GapsOverlaps {
	th := o.OverlapThreshold
	if th <= 0 {
		th = DefaultOverlapThreshold
	}
	out := GapsOverlaps{Threshold: th}
	if a == nil {
		return out
	}
	w := newWords(s, o)
	type pos struct{ p, ar int }
	var over []pos
	total := 0
	for p, row := range a.PartnerArea {
		for ar, c := range row {
			total++
			cell := Cell{Partner: a.Partners[p], Area: a.Areas[ar], States: c.States, Activities: c.Activities}
			if c.States == 0 {
				out.Gaps = append(out.Gaps, cell)
			}
			if c.States >= th {
				over = append(over, pos{p, ar})
			}
		}
	}
	sort.SliceStable(over, func(i, j int) bool {
		x, y := a.PartnerArea[over[i].p][over[i].ar], a.PartnerArea[over[j].p][over[j].ar]
		if x.States != y.States {
			return x.States > y.States
		}
		if over[i].p != over[j].p {
			return over[i].p < over[j].p
		}
		return over[i].ar < over[j].ar
	})
	for _, q := range over {
		c := a.PartnerArea[q.p][q.ar]
		out.Overlaps = append(out.Overlaps, Cell{Partner: a.Partners[q.p], Area: a.Areas[q.ar],
			States: c.States, Activities: c.Activities})
	}
	out.Paragraphs = []string{gapsText(w, out.Gaps, total), overlapsText(w, out.Overlaps, th)}
	return out
}

// combinations is "48 partner and area combinations".
func (w words) combinations(n int) string {
	c := "combinations"
	if n == 1 {
		c = "combination"
	}
	return spell(n) + " " + w.partner + " and " + w.area + " " + c
}

func gapsText(w words, gaps []Cell, total int) string {
	switch {
	case len(gaps) == 0:
		return "Every " + w.partner + " receives support in every " + w.area + "."
	case len(gaps) == total:
		return "No " + w.one + " is active in any of the " + w.combinations(total) + "."
	}
	// Grouped by partner, in questionnaire order: "asylum and integration in Kosovo*".
	var parts, lists, partners []string
	var cells []int
	for i := 0; i < len(gaps); {
		j := i
		var areas []string
		for ; j < len(gaps) && gaps[j].Partner == gaps[i].Partner; j++ {
			areas = append(areas, w.inArea(gaps[j].Area))
		}
		lists = append(lists, list(areas))
		partners = append(partners, gaps[i].Partner)
		parts = append(parts, list(areas)+" in "+gaps[i].Partner)
		cells = append(cells, j-i)
		i = j
	}
	of := "of the " + w.combinations(total)
	if len(gaps) == 1 {
		of = "one " + of
	} else {
		of = spell(len(gaps)) + " " + of
	}
	lead := "No " + w.one + " is active in " + of
	if slices.ContainsFunc(lists, func(l string) bool { return strings.Contains(l, ";") }) {
		// A partner's list keeps labels with an "and" of their own apart with semicolons, so the
		// partners cannot be kept apart by semicolons too ("labour migration; return and
		// readmission in Turkmenistan; ..." would read as one list): a sentence for each.
		for i := range lists {
			lists[i] = "In " + partners[i] + ": " + lists[i] + "."
		}
		if len(lists) > MaxPhrases {
			rest := 0
			for _, n := range cells[MaxPhrases:] {
				rest += n
			}
			more := "Another " + spell(rest) + " combinations are shown in the charts below."
			if rest == 1 {
				more = "Another combination is shown in the charts below."
			}
			lists = append(lists[:MaxPhrases:MaxPhrases], more)
		}
		return lead + ". " + strings.Join(lists, " ")
	}
	return lead + ": " + semicolons(capped(parts, cells)) + "."
}

// MaxPhrases is the most phrases a list of combinations names; a survey of 60 districts would
// otherwise name hundreds in one paragraph. The charts beside it show every combination.
const MaxPhrases = 15

// capped keeps the first MaxPhrases phrases (cells[i] is how many combinations phrase i
// names) and ends with how many combinations it leaves out.
func capped(parts []string, cells []int) []string {
	if len(parts) <= MaxPhrases {
		return parts
	}
	rest := 0
	for _, n := range cells[MaxPhrases:] {
		rest += n
	}
	more := spell(rest) + " more combinations, shown in the charts below"
	if rest == 1 {
		more = "one more combination, shown in the charts below"
	}
	return append(parts[:MaxPhrases:MaxPhrases], more)
}

// semicolons joins phrases that contain their own "and": "a; b; and c".
func semicolons(parts []string) string {
	if len(parts) < 3 {
		return strings.Join(parts, "; and ")
	}
	return strings.Join(parts[:len(parts)-1], "; ") + "; and " + parts[len(parts)-1]
}

func overlapsText(w words, over []Cell, th int) string {
	// The replies cover a period and do not tell current activities from discontinued ones: a
	// count says how many report activities there, not how many are active at the same time.
	atLeast := "at least " + w.respondents(th) + " " + verb(th, "reports", "report") + " activities"
	if len(over) == 0 {
		return "No combination has activities reported by " + spell(th) + " or more " + w.many + "."
	}
	// Each run of equal states is grouped by area, areas in order of first appearance:
	// "border management in North Macedonia and Serbia (11 each)".
	var parts []string
	var cells []int
	for i := 0; i < len(over); {
		j := i
		for j < len(over) && over[j].States == over[i].States {
			j++
		}
		run := over[i:j]
		done := make([]bool, len(run))
		for k := range run {
			if done[k] {
				continue
			}
			var partners []string
			for m := k; m < len(run); m++ {
				if !done[m] && run[m].Area == run[k].Area {
					done[m] = true
					partners = append(partners, run[m].Partner)
				}
			}
			in := strconv.Itoa(run[k].States)
			if len(partners) > 1 {
				in += " each"
			}
			parts = append(parts, w.inArea(run[k].Area)+" in "+list(partners)+" ("+in+")")
			cells = append(cells, len(partners))
		}
		i = j
	}
	parts = capped(parts, cells)
	n := "In one combination "
	if len(over) > 1 {
		n = "In " + spell(len(over)) + " combinations "
	}
	return n + atLeast + ": " + semicolons(parts) + "."
}
