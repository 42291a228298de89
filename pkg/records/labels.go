package records

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// Fold reduces a label of an open list to the form in which two spellings of one category
// compare equal: survey.Normalize (case, spaces, "&", dashes, a footnote "*") and, beyond it,
// accents ("Ségou" and "SEGOU", "Ménaka" and "Menaka" are one category).
func Fold(s string) string {
	n := survey.Normalize(s)
	for i := 0; i < len(n); i++ {
		if n[i] >= 0x80 {
			t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
			out, _, err := transform.String(t, n)
			if err != nil {
				return n
			}
			return out
		}
	}
	return n
}

// tidy is a label as tables print it: the spelling first met, with its spaces tidied.
func tidy(s string) string {
	if tidyAlready(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// tidyAlready says whether s has no space at its ends, no run of spaces and no other white
// space: most cells, which then cost no allocation.
func tidyAlready(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return false // Unicode spaces: let strings.Fields decide
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c < ' ':
			return false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

// folder remembers the folded form of the cells met: a 3W repeats a few hundred labels over
// thousands of rows, and folding each costs more than the rest of a row.
type folder map[string]string

func (f folder) fold(s string) string {
	if v, ok := f[s]; ok {
		return v
	}
	v := Fold(s)
	if len(f) < 1<<14 && len(s) <= 256 {
		f[s] = v
	}
	return v
}

// splitValues splits a multi-value cell at ";" and line breaks into its values, tidied, each
// once (a value repeated in one cell is one value). It also returns whether the cell held
// separators only (";", ";;"), which is no value at all and a mistake.
func splitValues(s string) (vals []string, onlySeparators bool) {
	if !strings.ContainsAny(s, ";\n\r") {
		if t := tidy(s); t != "" {
			return []string{t}, false
		}
		return nil, false
	}
	seen := map[string]bool{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		t := tidy(part)
		if t == "" || seen[Fold(t)] {
			continue
		}
		seen[Fold(t)] = true
		vals = append(vals, t)
	}
	return vals, len(vals) == 0 && strings.TrimSpace(s) != ""
}

// splitParts splits a cell as splitValues does but keeps every part, repeats and blanks
// included, so that a column of percentages stays parallel to its values.
func splitParts(s string) []string {
	if !strings.ContainsAny(s, ";\n\r") {
		return []string{tidy(s)}
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' })
	for i := range parts {
		parts[i] = tidy(parts[i])
	}
	return parts
}
