package survey

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Plural makes a noun or title plural for tables and charts: "partner" -> "partners",
// "country" -> "countries", "Type of support" -> "Types of support", "activity type" ->
// "activity types", "Project sector" -> "Project sectors". The word that takes the plural is
// the one before a preposition ("of", "for", "in", ...), else the last.
func Plural(noun string) string {
	words := strings.Split(noun, " ")
	head := len(words) - 1
	for i, w := range words {
		if i > 0 && prepositions[strings.ToLower(w)] {
			head = i - 1
			break
		}
	}
	words[head] = pluralWord(words[head])
	return strings.Join(words, " ")
}

// prepositions end the head of a noun phrase: "type of support", "area in need".
var prepositions = map[string]bool{"of": true, "for": true, "in": true, "per": true, "by": true, "with": true, "to": true}

func pluralWord(w string) string {
	switch {
	case w == "":
		return w
	case strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "sh") || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "x"):
		return w + "es"
	case strings.HasSuffix(w, "s"):
		return w // already plural, or a word such as "status" that schemas rarely use
	case strings.HasSuffix(w, "y") && !strings.HasSuffix(w, "ay") && !strings.HasSuffix(w, "ey") &&
		!strings.HasSuffix(w, "oy") && !strings.HasSuffix(w, "uy"):
		return strings.TrimSuffix(w, "y") + "ies"
	case w == strings.ToUpper(w) && len(w) > 1:
		return w + "s" // an acronym: "NGO" -> "NGOs"
	}
	return w + "s"
}

// A writes a noun with its indefinite article, for sentences whatever noun a schema gives:
// "a partner", "an organisation", "an NGO", "a unit", "a Member State".
func A(noun string) string { return Article(noun) + " " + noun }

// Article is "a" or "an" for a noun, by how its first word sounds: a vowel, except the "you"
// and "one" sounds of "unit", "European", "one"; a silent h in "hour" and "honour"; an
// acronym by the name of its first letter ("an NGO", "a UN agency").
func Article(noun string) string {
	word, _, _ := strings.Cut(strings.TrimSpace(noun), " ")
	if word == "" {
		return "a"
	}
	lw := strings.ToLower(word)
	if len(word) > 1 && word == strings.ToUpper(word) && strings.ToLower(word) != word {
		// Letters named with a vowel sound: A, E, F, H, I, L, M, N, O, R, S, X.
		if strings.ContainsRune("AEFHILMNORSX", rune(word[0])) {
			return "an"
		}
		return "a"
	}
	for _, p := range []string{"uni", "use", "usu", "uti", "eu", "one", "once"} {
		if strings.HasPrefix(lw, p) {
			return "a"
		}
	}
	for _, p := range []string{"hour", "honour", "honor", "honest", "heir"} {
		if strings.HasPrefix(lw, p) {
			return "an"
		}
	}
	r, _ := utf8.DecodeRuneInString(foldFirst(lw))
	if strings.ContainsRune("aeiou", r) {
		return "an"
	}
	return "a"
}

// foldFirst drops the accent of a first letter ("été" -> "ete"), for Article.
func foldFirst(s string) string { return Normalize(s) }

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
