package records

import (
	"slices"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// tag is an HXL hashtag with its attributes: "#adm1+name" is {adm1, [name]}.
type tag struct {
	base  string
	attrs []string
}

func parseTag(s string) (tag, bool) {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if !strings.HasPrefix(s, "#") || len(s) < 2 {
		return tag{}, false
	}
	parts := strings.Split(s[1:], "+")
	if parts[0] == "" {
		return tag{}, false
	}
	attrs := slices.DeleteFunc(parts[1:], func(a string) bool { return a == "" })
	return tag{base: parts[0], attrs: attrs}, true
}

func (t tag) String() string {
	if t.base == "" {
		return ""
	}
	return "#" + strings.Join(append([]string{t.base}, t.attrs...), "+")
}

func (t tag) has(attr string) bool { return slices.Contains(t.attrs, attr) }

// matches says whether t, found in a file, is what pattern asks for: the same hashtag and at
// least the pattern's attributes, as HXL patterns match ("#org" matches "#org+impl+name").
func (t tag) matches(pattern tag) bool {
	if t.base != pattern.base {
		return false
	}
	for _, a := range pattern.attrs {
		if !t.has(a) {
			return false
		}
	}
	return true
}

// isHXLRow says whether a row is a row of hashtags: every cell with text starts with "#".
func isHXLRow(cells []string) bool {
	n := 0
	for _, c := range cells {
		if t := strings.TrimSpace(c); t != "" {
			if !strings.HasPrefix(t, "#") {
				return false
			}
			n++
		}
	}
	return n > 0
}

// bestTag picks, among the columns whose tags match pattern, the most specific match: the one
// whose tag is exactly the pattern, then one naming (+name) rather than coding (+code, +id), then
// the one with the fewest other attributes, then the first. It returns the 0-based column, or -1.
func bestTag(tags []tag, pattern tag) int {
	best, bestScore := -1, 0
	for i, t := range tags {
		if !t.matches(pattern) {
			continue
		}
		extra := len(t.attrs) - len(pattern.attrs)
		score := 1000 - 10*extra
		if extra == 0 {
			score += 5000
		}
		if (t.has("code") || t.has("id") || t.has("pcode")) && !pattern.has("code") && !pattern.has("id") && !pattern.has("pcode") {
			score -= 2000
		}
		if t.has("name") && !pattern.has("name") {
			score += 100
		}
		if best < 0 || score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// respondentTag picks the column of the respondent in a file analysed by its hashtags alone:
// an #org column that names an organisation (not its type, code, or the funder's or donor's)
// filled in on nearly every row; among those, by HXL meaning, the implementing organisation's
// name, then any name, then an acronym, then plain #org. fill counts the rows with text in each
// column. It returns the 0-based column, or -1.
func respondentTag(tags []tag, fill []int) int {
	most := 0
	for i, t := range tags {
		if orgCandidate(t) && fill[i] > most {
			most = fill[i]
		}
	}
	best, bestScore := -1, -1
	for i, t := range tags {
		if !orgCandidate(t) || most == 0 || fill[i]*100 < most*95 {
			continue
		}
		score := 0
		switch {
		case t.has("impl") && t.has("name"):
			score = 50
		case t.has("impl"):
			score = 40
		case t.has("name"):
			score = 30
		case t.has("acronym"):
			score = 20
		case len(t.attrs) == 0:
			score = 10
		}
		if t.has("prog") || t.has("partner") {
			score -= 5
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

func orgCandidate(t tag) bool {
	if t.base != "org" {
		return false
	}
	for _, a := range []string{"type", "code", "id", "funder", "donor", "role"} {
		if t.has(a) {
			return false
		}
	}
	return true
}

// hxlNouns are the words for the hashtags of a 3W, after the HXL standard's meanings.
var hxlNouns = map[string][3]string{
	"org":       {"organisation", "organisations", "Organisation"},
	"sector":    {"sector", "sectors", "Sector"},
	"subsector": {"sub-sector", "sub-sectors", "Sub-sector"},
	"activity":  {"activity", "activities", "Activity"},
	"country":   {"country", "countries", "Country"},
	"adm1":      {"admin 1 area", "admin 1 areas", "Admin 1"},
	"adm2":      {"admin 2 area", "admin 2 areas", "Admin 2"},
	"adm3":      {"admin 3 area", "admin 3 areas", "Admin 3"},
	"adm4":      {"admin 4 area", "admin 4 areas", "Admin 4"},
	"adm5":      {"admin 5 area", "admin 5 areas", "Admin 5"},
	"loc":       {"location", "locations", "Location"},
	"status":    {"status", "statuses", "Status"},
	"modality":  {"modality", "modalities", "Modality"},
	"date":      {"date", "dates", "Date"},
}

// HXLSchema is the survey of a file analysed by its hashtags alone: organisations are the
// respondents, and every other hashtag a dimension with an open list, called by its hashtag
// without "#" ("sector", "adm1"). An admin level's parent is the level above it.
func HXLSchema(title string) *Schema {
	return &Schema{Title: title, Respondent: "organisation", Respondents: "organisations",
		RespondentColumn: Column{Title: "Organisation", HXL: "#org"}, FromHXL: true}
}

// parentLevel is the hashtag one administrative level up: #adm1 for #adm2, #country for #adm1.
func parentLevel(base string) string {
	if len(base) == 4 && strings.HasPrefix(base, "adm") && base[3] >= '2' && base[3] <= '5' {
		return "adm" + string(base[3]-1)
	}
	return ""
}

// nounOf is what one value of a column is called, and many, and its tables' title: its
// hashtag's words, else its title's.
func nounOf(t tag, title string) (noun, plural, heading string) {
	if w, ok := hxlNouns[t.base]; ok && (title == "" || t.base == "org") {
		return w[0], w[1], w[2]
	}
	if title == "" {
		title = t.base
	}
	return strings.ToLower(title), survey.Plural(strings.ToLower(title)), survey.Capitalize(title)
}
