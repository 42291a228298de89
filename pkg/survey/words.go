package survey

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Plural makes a noun or title plural for tables and charts: "partner" -> "partners",
// "country" -> "countries", "Type of support" -> "Types of support".
func Plural(noun string) string {
	head, rest, found := strings.Cut(noun, " ")
	if found {
		rest = " " + rest
	}
	switch {
	case strings.HasSuffix(head, "s"):
		return noun
	case strings.HasSuffix(head, "y") && !strings.HasSuffix(head, "ay") && !strings.HasSuffix(head, "ey") &&
		!strings.HasSuffix(head, "oy"):
		return strings.TrimSuffix(head, "y") + "ies" + rest
	}
	return head + "s" + rest
}

// Capitalize upper-cases the first letter, for a noun at the start of a sentence or title:
// schemas may write nouns in lower case ("donors") for the middle of sentences.
func Capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// FootnoteMarker is what introduces a label's footnote: the trailing "*" of "Kosovo*", or the
// label and a colon for a label without a marker.
func FootnoteMarker(label string) string {
	trimmed := strings.TrimRight(label, "*")
	if trimmed != label {
		return label[len(trimmed):]
	}
	return label + ":"
}

// Slug makes a label safe and stable in file names: "Kosovo*" -> "kosovo",
// "Bosnia and Herzegovina" -> "bosnia-and-herzegovina".
func Slug(label string) string {
	var b strings.Builder
	dash := false
	for _, r := range Normalize(label) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

// CountOf writes a count with its noun in the right number: "1 Member State", "15 Member States",
// "0 activities".
func CountOf(n int, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return strconv.Itoa(n) + " " + plural
}

// Activities writes a number of activities: "1 activity", "228 activities".
func Activities(n int) string { return CountOf(n, "activity", "activities") }
