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
func tidy(s string) string { return strings.Join(strings.Fields(s), " ") }

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
