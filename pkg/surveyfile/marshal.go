package surveyfile

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// Header is the comment that starts every file Marshal writes.
const Header = "# mapsurvey survey schema. Edit and use with --schema FILE.yaml; docs/schema.md describes every key.\n"

// flowWidth is the longest line on which a list is written as "[a, b]"; longer lists get one
// entry per line.
const flowWidth = 100

// Marshal writes s in the format that Parse reads: every key explicit (defaults included), values
// in questionnaire order, short lists in flow style. The output depends on s only.
func Marshal(s *survey.Schema) ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("cannot write an invalid schema: %w", err)
	}
	var b bytes.Buffer
	b.WriteString(Header)
	b.WriteByte('\n')
	scalarKey(&b, "", "title", s.Title)
	scalarKey(&b, "", "respondent", s.Respondent)
	scalarKey(&b, "", "respondents", s.Respondents)
	listKey(&b, "", "nil_words", s.NilWords, true)
	scalarKey(&b, "", "doc_number", s.DocNumber)
	scalarKey(&b, "", "classification", s.Classification)
	scalarKey(&b, "", "period", s.Period)
	scalarKey(&b, "", "scope", s.Scope)
	listKey(&b, "", "charts", s.Charts, s.Charts != nil)
	b.WriteString("dimensions:\n")
	for _, k := range survey.Keys {
		col := s.Dim(k)
		fmt.Fprintf(&b, "  %s:\n", k)
		scalarKey(&b, "    ", "title", col.Title)
		scalarKey(&b, "    ", "noun", col.Noun)
		listKey(&b, "    ", "headers", col.Headers, false)
		scalarKey(&b, "    ", "hxl", col.HXL)
		if col.Open {
			b.WriteString("    open: true\n")
		}
		if col.Names {
			b.WriteString("    names: true\n")
		}
		if len(col.Values) == 0 {
			continue
		}
		b.WriteString("    values:\n")
		for _, v := range col.Values {
			if len(v.Aliases) == 0 && v.Footnote == "" && v.Colour == "" && !v.Pseudo {
				fmt.Fprintf(&b, "      - %s\n", quote(v.Label))
				continue
			}
			fmt.Fprintf(&b, "      - label: %s\n", quote(v.Label))
			listKey(&b, "        ", "aliases", v.Aliases, false)
			scalarKey(&b, "        ", "footnote", v.Footnote)
			scalarKey(&b, "        ", "colour", v.Colour)
			if v.Pseudo {
				b.WriteString("        pseudo: true\n")
			}
		}
	}
	return b.Bytes(), nil
}

// scalarKey writes "key: value", or nothing for an empty value.
func scalarKey(b *bytes.Buffer, indent, key, value string) {
	if value == "" {
		return
	}
	fmt.Fprintf(b, "%s%s: %s\n", indent, key, quote(value))
}

// listKey writes a list in flow style when it fits on a line, else one entry per line. An empty
// list is written only when always is set ("nil_words: []" differs from no nil_words).
func listKey(b *bytes.Buffer, indent, key string, items []string, always bool) {
	if len(items) == 0 {
		if always {
			fmt.Fprintf(b, "%s%s: []\n", indent, key)
		}
		return
	}
	q := make([]string, len(items))
	for i, it := range items {
		q[i] = quote(it)
	}
	line := fmt.Sprintf("%s%s: [%s]", indent, key, strings.Join(q, ", "))
	if len(line) <= flowWidth {
		b.WriteString(line + "\n")
		return
	}
	fmt.Fprintf(b, "%s%s:\n", indent, key)
	for _, it := range items {
		fmt.Fprintf(b, "%s  - %s\n", indent, quote(it))
	}
}

// quote writes s as a plain scalar when that is safe in any YAML reader, else double-quoted.
// The plain form allows no comma or bracket, so it is safe inside "[...]" too.
func quote(s string) string {
	if plainSafe(s) {
		return s
	}
	return strconv.Quote(s)
}

// reserved are the plain words that YAML 1.1 or 1.2 readers take for something other than text.
var reserved = map[string]bool{
	"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true, "y": true, "n": true,
	"null": true, "nan": true, "inf": true,
}

func plainSafe(s string) bool {
	if s == "" || strings.TrimSpace(s) != s || reserved[strings.ToLower(s)] {
		return false
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r):
		case i == 0:
			return false // digits (numbers), punctuation (indicators) and the rest: quote
		case r < 0x80 && (r == ' ' || r >= '0' && r <= '9' || strings.ContainsRune(".'()/-&*_+", r)):
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)):
		default:
			return false
		}
	}
	return !strings.Contains(s, "  ")
}
