package narrative

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mapsurvey/mapsurvey/pkg/percent"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// words holds the nouns a schema gives the prose, with fallbacks for an incomplete schema.
type words struct {
	one, many string // respondent, singular and plural: "Member State", "Member States"
	partner   string // "partner"
	area      string // "area"
	decimals  int
	// lowerAreas and lowerTypes say that area and type labels are lower-cased in the middle of
	// a sentence ("border management"); not so for labels that are names (survey.Dimension.Names).
	lowerAreas, lowerTypes bool
}

// inArea writes an area label for the middle of a sentence.
func (w words) inArea(label string) string {
	if !w.lowerAreas {
		return label
	}
	return lower(label)
}

func newWords(s *survey.Schema, o Options) words {
	w := words{one: "respondent", many: "respondents", partner: "partner", area: "area", lowerAreas: true, lowerTypes: true}
	if s != nil {
		w.lowerAreas, w.lowerTypes = !s.Dim(survey.Area).NamesLabels(), !s.Dim(survey.Type).NamesLabels()
		if s.Respondent != "" {
			w.one = s.Respondent
			w.many = survey.Plural(s.Respondent)
		}
		if s.Respondents != "" {
			w.many = s.Respondents
		}
		if n := s.Dim(survey.Partner).Noun; n != "" {
			w.partner = n
		}
		if n := s.Dim(survey.Area).Noun; n != "" {
			w.area = n
		}
	}
	if o.Decimals > 0 {
		w.decimals = o.Decimals
	}
	return w
}

// respondents is "no Member State", "one Member State", "two Member States", "13 Member States".
func (w words) respondents(n int) string {
	switch n {
	case 0:
		return "no " + w.one
	case 1:
		return "one " + w.one
	}
	return spell(n) + " " + w.many
}

// noun is the respondent noun that goes with n, without the number.
func (w words) noun(n int) string {
	if n == 1 {
		return w.one
	}
	return w.many
}

// areas is "area" or "areas" for a list of n areas.
func (w words) areas(n int) string {
	if n == 1 {
		return w.area
	}
	return survey.Plural(w.area)
}

// pct writes a share as the tables show it: "32%".
func (w words) pct(u percent.Units) string { return percent.Format(u, w.decimals) + "%" }

// shares are the largest-remainder shares of the activities in cells, over all activities.
func (w words) shares(counts []int, base int) []percent.Units {
	return percent.LargestRemainder(counts, base, w.decimals)
}

var spelled = [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// spell writes one to nine in words and every other number in digits, as the note does.
func spell(n int) string {
	if n >= 0 && n < len(spelled) {
		return spelled[n]
	}
	return strconv.Itoa(n)
}

// verb picks the singular form for one (or "no" one) and the plural otherwise.
func verb(n int, singular, plural string) string {
	if n <= 1 {
		return singular
	}
	return plural
}

// lower writes an area or type label for the middle of a sentence: "Border management" becomes
// "border management", but an acronym such as "IBM" or "EU funds" whose second letter is upper
// case keeps its case, and so does a label in title case, whose other words start with a
// capital ("Early Recovery and Livelihoods"): lower-casing its first letter alone would make
// "early Recovery and Livelihoods".
func lower(label string) string {
	r, size := utf8.DecodeRuneInString(label)
	if size == 0 {
		return label
	}
	if r2, _ := utf8.DecodeRuneInString(label[size:]); unicode.IsUpper(r2) {
		return label
	}
	for _, word := range strings.Fields(label)[1:] {
		first, n := utf8.DecodeRuneInString(word)
		if second, _ := utf8.DecodeRuneInString(word[n:]); unicode.IsUpper(first) && !unicode.IsUpper(second) {
			return label
		}
	}
	return string(unicode.ToLower(r)) + label[size:]
}

// list joins items as "a", "a and b", "a, b and c".
func list(items []string) string { return join(items, "and") }

// join joins items with commas and the conjunction before the last.
func join(items []string, conj string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	if ambiguous(items) {
		// "labour migration, return and readmission and trade facilitation" could be read
		// three ways: labels with an "and" of their own are kept apart by punctuation.
		if len(items) == 2 {
			return items[0] + ", " + conj + " " + items[1]
		}
		return strings.Join(items[:len(items)-1], "; ") + "; " + conj + " " + items[len(items)-1]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}

// ambiguous reports whether an item of a list has an "and" or "or" of its own.
func ambiguous(items []string) bool {
	for _, it := range items {
		for _, w := range strings.Fields(it) {
			if w == "and" || w == "or" {
				return true
			}
		}
	}
	return false
}

// group is a run of categories with the same shown value, in ranking order.
type group struct {
	idx   []int
	value int64
}

// groupBy splits order into runs of equal value; order must already rank by that value. Within
// a run the categories follow questionnaire order, as they do in a table's tied rows.
func groupBy(order []int, value func(int) int64) []group {
	var out []group
	for _, i := range order {
		v := value(i)
		if n := len(out); n > 0 && out[n-1].value == v {
			out[n-1].idx = append(out[n-1].idx, i)
			continue
		}
		out = append(out, group{idx: []int{i}, value: v})
	}
	for _, g := range out {
		slices.Sort(g.idx)
	}
	return out
}

// labels returns the labels of a group, lower-cased for the middle of a sentence when asked.
func (g group) labels(all []string, lowerCase bool) []string {
	out := make([]string, len(g.idx))
	for k, i := range g.idx {
		out[k] = all[i]
		if lowerCase {
			out[k] = lower(all[i])
		}
	}
	return out
}

// bracket writes a group as "border management (11)" or "a and b (9 each)"; shown is the value
// as it should appear, suffix follows it ("Member States", "" for none).
func bracket(names []string, shown, suffix string) string {
	in := shown
	if suffix != "" {
		in += " " + suffix
	}
	if len(names) > 1 {
		in += " each"
	}
	return list(names) + " (" + in + ")"
}

// joinPhrases joins bracketed groups: with "and" when each is a single name, and with ", then"
// when a group already has its own "and", so that no reader has to guess which names go together.
func joinPhrases(phrases []string, multi bool) string {
	if !multi {
		return list(phrases)
	}
	return strings.Join(phrases, ", then ")
}

// nonzero keeps the indices whose value is above zero.
func nonzero(order []int, value func(int) int) []int {
	var out []int
	for _, i := range order {
		if value(i) > 0 {
			out = append(out, i)
		}
	}
	return out
}

// zeros lists the indices in 0..n-1, in questionnaire order, whose value is zero.
func zeros(n int, value func(int) int) []int {
	var out []int
	for i := range n {
		if value(i) == 0 {
			out = append(out, i)
		}
	}
	return out
}

// pick returns the labels at idx, lower-cased when asked.
func pick(all []string, idx []int, lowerCase bool) []string {
	return group{idx: idx}.labels(all, lowerCase)
}

// InSentence writes a label for the middle of a sentence, as the narrative does ("border
// management", but "IBM" and "EU funds" as they are).
func InSentence(label string) string { return lower(label) }

// InSentenceOf writes a label of dimension d for the middle of a sentence: as InSentence, but as
// written for a dimension whose labels are names ("Ségou").
func InSentenceOf(d *survey.Dimension, label string) string {
	if d != nil && d.NamesLabels() {
		return label
	}
	return lower(label)
}
