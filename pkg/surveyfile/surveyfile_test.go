package surveyfile

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/table"
)

// withPartner is a schema whose partner dimension starts at line 4 with the given lines; the
// other dimensions are valid and follow it.
func withPartner(partner string) string {
	return "title: EU support to Central Asia\n" +
		"respondent: Donor\n" +
		"dimensions:\n" +
		partner +
		"  area: {title: Field, values: [Border management]}\n" +
		"  type: {title: Type of support, values: [Training]}\n"
}

func TestRoundTripBuiltin(t *testing.T) {
	data, err := Marshal(survey.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte(Header)) {
		t.Errorf("output does not start with the header comment:\n%s", data)
	}
	got, err := Parse("builtin.yaml", data)
	if err != nil {
		t.Fatalf("Parse(Marshal(Builtin())): %v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, survey.Builtin()) {
		t.Errorf("Parse(Marshal(Builtin())) differs from Builtin():\ngot  %#v\nwant %#v", got, survey.Builtin())
	}
	again, err := Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, data) {
		t.Errorf("Marshal is not deterministic")
	}
}

func TestRoundTripQuoting(t *testing.T) {
	// Labels that a careless writer would turn into numbers, booleans, comments, anchors or
	// flow-list separators.
	tricky := []string{"yes", "No", "null", "2020", "1e3", "0x1F", ".inf", "#1", "a: b", "a #b", "*star", "&amp",
		"!tag", "[x]", "a, b", "-x", "- x", "? q", "%p", "@at", "`tick", "O'Brien", "naïve", "İstanbul", "tab\there",
		"quote\"d", "back\\slash", "Kosovo*", "B&H", "x/y", "{a}", "|lit", ">fold", "~", "a  b", "Ünïcödé – dash",
		"zero\u200bwidth", "emoji 😀", "nb\u00a0sp", "x\u2028y"}
	s := survey.Builtin()
	vals := make([]survey.Value, len(tricky))
	for i, l := range tricky {
		vals[i] = survey.Value{Label: l, Aliases: []string{l + " alias", "x" + l}, Footnote: l}
		if _, ok := table.FormulaStart(l); ok {
			// Refused as a label (a spreadsheet would run it), still quoted right as an alias.
			vals[i].Label, vals[i].Aliases = "v"+l, append(vals[i].Aliases, l)
		}
	}
	s.Columns[survey.Area].Values = vals
	s.Columns[survey.State].Values = nil
	s.Columns[survey.State].Headers = nil
	s.NilWords = nil
	data, err := Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse("tricky.yaml", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, s) {
		for i := range got.Columns[survey.Area].Values {
			if !reflect.DeepEqual(got.Columns[survey.Area].Values[i], vals[i]) {
				t.Errorf("value %d: got %#v, want %#v", i, got.Columns[survey.Area].Values[i], vals[i])
			}
		}
		t.Fatalf("round trip differs:\n%s", data)
	}
}

func TestMarshalInvalid(t *testing.T) {
	s := survey.Builtin()
	s.Columns[survey.Type].Values = nil
	if _, err := Marshal(s); err == nil {
		t.Error("Marshal accepted a schema without types of support")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"unknown value key", withPartner("  partner:\n    title: Country\n    values:\n" +
			"      - label: Kyrgyzstan\n        aliasses: [KG]\n"),
			`ca.yaml:8:9: unknown key "aliasses" (expected label, aliases, footnote, colour, pseudo)`},
		{"pseudo not a boolean", withPartner("  partner:\n    title: Country\n    values:\n      - {label: Regional, pseudo: maybe}\n"),
			`ca.yaml:7:27: pseudo must be true or false (true: "Regional" is not a real partner and is not ranked)`},
		{"pseudo area", "title: T\nrespondent: Donor\ndimensions:\n  partner: {title: Country, values: [KZ]}\n" +
			"  area: {title: Field, values: [{label: All fields, pseudo: true}]}\n  type: {title: Type of support, values: [Training]}\n",
			`ca.yaml:5:34: pseudo: true is for partner values only (a partner that is not one, such as a region): remove it from area "All fields"`},
		{"annex key a list", "period: [2015, 2020]\n" + withPartner("  partner: {title: Country, values: [KZ]}\n"),
			`ca.yaml:1:9: period must be text, not a list`},
		{"unknown root key", "title: T\nrespondent: Donor\nrespondant: Donors\n",
			`ca.yaml:1:1: missing key "dimensions": add the columns partner, area and type (and optionally state); docs/schema.md has an example` + "\n" +
				`ca.yaml:3:1: unknown key "respondant" (expected title, respondent, respondents, nil_words, doc_number, classification, period, scope, charts, dimensions)`},
		{"unknown dimension", withPartner("  partner: {title: Country, values: [Kazakhstan]}\n  sector: {title: Sector}\n"),
			`ca.yaml:5:3: unknown key "sector" (expected state, partner, area, type)`},
		{"unknown column key", withPartner("  partner:\n    title: Country\n    header: [Beneficiary]\n    values: [Kazakhstan]\n"),
			`ca.yaml:6:5: unknown key "header" (expected title, noun, headers, hxl, values, open, names)`},
		{"alias of two values", withPartner("  partner:\n    title: Country\n    values:\n" +
			"      - label: Kyrgyzstan\n        aliases: [Kyrgyz Republic, KG]\n" +
			"      - label: Kazakhstan\n        aliases: [KZ, KG]\n"),
			`ca.yaml:10:23: "KG" is an alias of both "Kyrgyzstan" and "Kazakhstan"; an alias may name one value only`},
		{"alias of two values, spelt differently", withPartner("  partner:\n    title: Country\n    values:\n" +
			"      - {label: Kyrgyzstan, aliases: [K G]}\n      - {label: Kazakhstan, aliases: [k  g]}\n"),
			`ca.yaml:8:39: "k  g" is an alias of both "Kyrgyzstan" and "Kazakhstan"; an alias may name one value only ` +
				`("K G" and "k  g" are the same once case, accents, spacing, "&"/"and" and a trailing "*" are ignored)`},
		{"alias is another label", withPartner("  partner:\n    title: Country\n    values:\n" +
			"      - Kyrgyzstan\n      - {label: Kazakhstan, aliases: [Kyrgyzstan]}\n"),
			`ca.yaml:8:39: alias "Kyrgyzstan" of "Kazakhstan" is the label of "Kyrgyzstan"; an alias may name one value only: remove it`},
		{"label is another alias", withPartner("  partner:\n    title: Country\n    values:\n" +
			"      - {label: Kyrgyzstan, aliases: [Kyrgyz Republic]}\n      - Kyrgyz Republic\n"),
			`ca.yaml:8:9: label "Kyrgyz Republic" is already an alias of "Kyrgyzstan": remove that alias or choose another label`},
		{"duplicate label", withPartner("  partner:\n    title: Country\n    values:\n" +
			"      - Tajikistan\n      - Uzbekistan\n      - label: Tajikistan\n"),
			`ca.yaml:9:16: label "Tajikistan" appears twice (first at line 7): each value needs its own label`},
		{"duplicate label ignoring the footnote marker", withPartner("  partner:\n    title: Country\n    values: [Kosovo*, Kosovo]\n"),
			`ca.yaml:6:23: label "Kosovo" appears twice (first at line 6): each value needs its own label ` +
				`("Kosovo*" and "Kosovo" are the same once case, accents, spacing, "&"/"and" and a trailing "*" are ignored)`},
		{"labels that differ only by accents", withPartner("  partner:\n    title: Region\n    values: [Ménaka, Menaka]\n"),
			`ca.yaml:6:22: label "Menaka" appears twice (first at line 6): each value needs its own label ` +
				`("Ménaka" and "Menaka" are the same once case, accents, spacing, "&"/"and" and a trailing "*" are ignored)`},
		{"no values", withPartner("  partner:\n    title: Country\n    values: []\n"),
			`ca.yaml:6:5: partner has no values: list them under values, e.g. values: [Kazakhstan, Kyrgyzstan], or accept any value with open: true`},
		{"values missing", withPartner("  partner:\n    title: Country\n"),
			`ca.yaml:4:3: partner has no values: list them under values, e.g. values: [Kazakhstan, Kyrgyzstan], or accept any value with open: true`},
		{"area missing", "title: T\nrespondent: Donor\ndimensions:\n  partner: {title: Country, values: [Kazakhstan]}\n" +
			"  type: {title: Type of support, values: [Training]}\n",
			`ca.yaml:3:1: missing dimension "area": add area: with a title and values`},
		{"empty label", withPartner("  partner:\n    title: Country\n    values:\n      - Kazakhstan\n      - \"\"\n"),
			`ca.yaml:8:9: empty label: write the value's name, or remove the entry`},
		{"empty label in mapping", withPartner("  partner:\n    title: Country\n    values:\n      - label: \" \"\n        aliases: [KZ]\n"),
			`ca.yaml:7:9: empty label: write the value's name, or remove the entry`},
		{"label of a footnote marker only", withPartner("  partner:\n    title: Country\n    values: [\"*\"]\n"),
			`ca.yaml:6:14: label "*" is empty once spaces and a trailing "*" are ignored: write the value's name`},
		// A leading tab or carriage return is trimmed with the spaces: "Tab" and "Return" are fine.
		{"formula labels", withPartner("  partner:\n    title: Country\n    values:\n" +
			"      - '=HYPERLINK(\"http://x\",\"y\")'\n      - \"+cmd|' /C calc'!A0\"\n      - -2+3\n" +
			"      - {label: '@SUM(1+1)'}\n      - \"\\tTab\"\n      - \"\\rReturn\"\n      - Kazakhstan\n"),
			`ca.yaml:7:9: label "=HYPERLINK(\"http://x\",\"y\")" starts with "=", which makes spreadsheet programs run it as a formula: write it without that character` + "\n" +
				`ca.yaml:8:9: label "+cmd|' /C calc'!A0" starts with "+", which makes spreadsheet programs run it as a formula: write it without that character` + "\n" +
				`ca.yaml:9:9: label "-2+3" starts with "-", which makes spreadsheet programs run it as a formula: write it without that character` + "\n" +
				`ca.yaml:10:10: label "@SUM(1+1)" starts with "@", which makes spreadsheet programs run it as a formula: write it without that character`},
		{"formula title", withPartner("  partner:\n    title: \"=1+1\"\n    values: [Kazakhstan]\n"),
			`ca.yaml:5:12: title "=1+1" starts with "=", which makes spreadsheet programs run it as a formula: write it without that character`},
		{"value without label", withPartner("  partner:\n    title: Country\n    values:\n      - aliases: [KZ]\n"),
			`ca.yaml:7:9: value without a label: add label: NAME`},
		{"empty entry", withPartner("  partner:\n    title: Country\n    values:\n      - Kazakhstan\n      -\n"),
			`ca.yaml:8:8: empty entry in values: write a label or remove the line`},
		{"missing title", "respondent: Donor\ndimensions:\n  partner: {title: Country, values: [Kazakhstan]}\n" +
			"  area: {title: Field, values: [Border management]}\n  type: {title: Type of support, values: [Training]}\n",
			`ca.yaml:1:1: missing key "title": add the survey's title, e.g. title: EU support to Central Asia`},
		{"empty title", "title:\n" + strings.TrimPrefix(withPartner("  partner: {title: Country, values: [Kazakhstan]}\n"),
			"title: EU support to Central Asia\n"),
			`ca.yaml:1:1: title is empty: write the survey's title, e.g. title: EU support to Central Asia`},
		{"missing respondent", "title: T\ndimensions:\n  partner: {title: Country, values: [Kazakhstan]}\n" +
			"  area: {title: Field, values: [Border management]}\n  type: {title: Type of support, values: [Training]}\n",
			`ca.yaml:1:1: missing key "respondent": add what one reply is called, e.g. respondent: Donor`},
		{"missing column title", withPartner("  partner:\n    values: [Kazakhstan]\n"),
			`ca.yaml:4:3: missing key "title": add the column's title in tables, e.g. title: Country`},
		{"bad colour", withPartner("  partner:\n    title: Country\n    values:\n      - label: Kazakhstan\n        colour: \"#1b9e7\"\n"),
			`ca.yaml:8:17: colour "#1b9e7" is not of the form #rrggbb: write "#" and six hexadecimal digits in quotes, e.g. colour: "#1b9e77"`},
		{"colour name", withPartner("  partner:\n    title: Country\n    values:\n      - {label: Kazakhstan, colour: teal}\n"),
			`ca.yaml:7:37: colour "teal" is not of the form #rrggbb: write "#" and six hexadecimal digits in quotes, e.g. colour: "#1b9e77"`},
		{"unquoted colour", withPartner("  partner:\n    title: Country\n    values:\n      - label: Kazakhstan\n        colour: #1b9e77\n"),
			`ca.yaml:8:9: colour is empty: write it in quotes, e.g. colour: "#1b9e77" (an unquoted # starts a comment)`},
		{"bad hxl", withPartner("  partner:\n    title: Country\n    hxl: country\n    values: [Kazakhstan]\n"),
			`ca.yaml:6:10: hxl tag "country" is not an HXL hashtag: write "#", a lower-case name and any attributes as "+name" (or "-name" for one it must not have), in quotes, e.g. hxl: "#activity+type"`},
		{"hxl with capitals", withPartner("  partner:\n    title: Country\n    hxl: \"#Country+Name\"\n    values: [Kazakhstan]\n"),
			`ca.yaml:6:10: hxl tag "#Country+Name" is not an HXL hashtag: write "#", a lower-case name and any attributes as "+name" (or "-name" for one it must not have), in quotes, e.g. hxl: "#activity+type"`},
		{"hxl with empty attribute", withPartner("  partner:\n    title: Country\n    hxl: \"#country+\"\n    values: [Kazakhstan]\n"),
			`ca.yaml:6:10: hxl tag "#country+" is not an HXL hashtag: write "#", a lower-case name and any attributes as "+name" (or "-name" for one it must not have), in quotes, e.g. hxl: "#activity+type"`},
		{"unquoted hxl", withPartner("  partner:\n    title: Country\n    hxl: #country\n    values: [Kazakhstan]\n"),
			`ca.yaml:6:5: hxl is empty: write the tag in quotes, e.g. hxl: "#country" (an unquoted # starts a comment)`},
		{"hxl twice", "title: T\nrespondent: Donor\ndimensions:\n  state: {hxl: \"#org\"}\n" +
			"  partner: {title: Country, hxl: \"#org\", values: [Kazakhstan]}\n" +
			"  area: {title: Field, values: [Border management]}\n  type: {title: Type of support, values: [Training]}\n",
			`ca.yaml:5:34: hxl tag "#org" is also the tag of the state column: each column needs its own tag`},
		{"header of two columns", withPartner("  partner:\n    title: Country\n    headers: [Field]\n    values: [Kazakhstan]\n"),
			`ca.yaml:8:17: column title "Field" also names the partner column (line 6); a title may name one column only: remove it from one of them`},
		{"title of the state by default", withPartner("  partner:\n    title: donor\n    values: [Kazakhstan]\n"),
			`ca.yaml:5:12: column title "donor" also names the state column (its default title, the respondent); a title may name one column only: remove it from one of them`},
		{"duplicate key", withPartner("  partner:\n    title: Country\n    title: Land\n    values: [Kazakhstan]\n"),
			`ca.yaml:6:5: duplicate key "title" (first at line 5): keep one`},
		{"aliases not a list", withPartner("  partner:\n    title: Country\n    values:\n      - label: Kazakhstan\n        aliases: KZ\n"),
			`ca.yaml:8:18: aliases must be a list: write aliases: [KZ]`},
		{"headers a mapping", withPartner("  partner:\n    title: Country\n    headers: {a: b}\n    values: [Kazakhstan]\n"),
			`ca.yaml:6:15: headers must be a list of text, e.g. headers: [a, b], not a mapping`},
		{"title a list", "title: [a, b]\n" + strings.TrimPrefix(withPartner("  partner: {title: Country, values: [Kazakhstan]}\n"),
			"title: EU support to Central Asia\n"),
			`ca.yaml:1:8: title must be text, not a list`},
		{"value a list", withPartner("  partner:\n    title: Country\n    values:\n      - [Kazakhstan, KZ]\n"),
			`ca.yaml:7:9: a value must be a label or a mapping of keys (label, aliases, footnote, colour, pseudo), not a list`},
		{"dimension a string", withPartner("  partner: Country\n"),
			`ca.yaml:4:12: dimension partner must be a mapping of keys (title, noun, headers, hxl, values, open, names), not text`},
		{"root a list", "- title\n- respondent\n",
			`ca.yaml:1:1: a survey schema must be a mapping of keys (title, respondent, respondents, nil_words, doc_number, classification, period, scope, charts, dimensions), not a list`},
		{"empty file", "# nothing yet\n",
			`ca.yaml:1:1: the file holds no schema: write at least title, respondent and dimensions (docs/schema.md has an example)`},
		{"two documents", withPartner("  partner: {title: Country, values: [Kazakhstan]}\n") + "---\ntitle: Other\n",
			`ca.yaml:8:1: a second YAML document starts here; a schema file holds one survey: remove the "---" line and what follows, or put it in a file of its own`},
		{"tab indentation", "title: T\nrespondent: Donor\ndimensions:\n\tpartner: {}\n",
			`ca.yaml:4:1: not valid YAML: found character '\t' that cannot start any token; indent with spaces, not tabs`},
		{"unclosed list", withPartner("  partner:\n    title: Country\n    values: [Kazakhstan\n"),
			`ca.yaml:7:3: not valid YAML: ',' or ']' must be specified; check the indentation and quoting here against docs/schema.md`},
		{"not UTF-8", "title: Caf\xe9\nrespondent: Donor\n",
			`ca.yaml:1:11: the file is not UTF-8 text: save it as UTF-8`},
		{"UTF-16", "\xff\xfet\x00i\x00",
			`ca.yaml:1:1: the file is UTF-16 text: save it as UTF-8`},
		{"merge key", withPartner("  partner:\n    <<: {title: Country}\n    values: [Kazakhstan]\n"),
			`ca.yaml:4:3: missing key "title": add the column's title in tables, e.g. title: Country` + "\n" +
				`ca.yaml:5:5: merge keys (<<) are not supported: write the keys out in full`},
		{"alias of no anchor", withPartner("  partner:\n    title: *country\n    values: [Kazakhstan]\n"),
			`ca.yaml:5:12: alias *country names no anchor: define &country before it, or write the value out`},
		{"empty alias", withPartner("  partner:\n    title: Country\n    values:\n      - {label: Kazakhstan, aliases: [KZ, \"*\"]}\n"),
			`ca.yaml:7:43: alias "*" is empty once spaces and a trailing "*" are ignored: remove it`},
		{"empty nil word", "title: T\nrespondent: Donor\nnil_words: [none, \"\"]\n" +
			strings.TrimPrefix(withPartner("  partner: {title: Country, values: [Kazakhstan]}\n"), "title: EU support to Central Asia\nrespondent: Donor\n"),
			`ca.yaml:3:19: empty entry in nil_words: remove it`},
	}
	// Too many problems: the first ones and a count of the others.
	var many strings.Builder
	many.WriteString(withPartner("  partner: {title: Country, values: [Kazakhstan]}\n"))
	var want []string
	for i := range 25 {
		fmt.Fprintf(&many, "k%d: x\n", i)
		if i < maxErrors {
			want = append(want, fmt.Sprintf(`ca.yaml:%d:1: unknown key "k%d" (expected title, respondent, respondents, nil_words, doc_number, classification, period, scope, charts, dimensions)`, 7+i, i))
		}
	}
	tests = append(tests, struct{ name, data, want string }{"too many problems", many.String(),
		strings.Join(append(want, "ca.yaml: 5 more problems not shown"), "\n")})
	tests = append(tests, struct{ name, data, want string }{"too large", strings.Repeat("#", MaxSize+1),
		"ca.yaml: the file has 1048577 bytes; a survey schema has a few thousand: is it the right file?"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("ca.yaml", []byte(tt.data))
			if err == nil {
				t.Fatalf("no error; got %+v\n%s", s, tt.data)
			}
			if s != nil {
				t.Errorf("a schema with the error")
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got: %s\nwant: %s\n--\n%s", err, tt.want, tt.data)
			}
			var e *Error
			if !errors.As(err, &e) || e.File != "ca.yaml" || e.Line == 0 && tt.name != "too large" {
				t.Errorf("errors.As(*Error) = %+v", e)
			}
		})
	}
}

func TestParsePlainValuesAndDefaults(t *testing.T) {
	data := withPartner("  partner:\n    title: Beneficiary Country\n    values:\n      - Kazakhstan\n" +
		"      - label: Kyrgyzstan\n        aliases: [Kyrgyz Republic, KG]\n        colour: \"#1B9E77\"\n      - 2020\n")
	got, err := Parse("ca.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := &survey.Schema{
		Title:       "EU support to Central Asia",
		Respondent:  "Donor",
		Respondents: "Donors",
		NilWords:    survey.Builtin().NilWords,
		Columns: [4]survey.Dimension{
			survey.State: {Title: "Donor", Noun: "Donor"},
			survey.Partner: {Title: "Beneficiary Country", Noun: "beneficiary country", Values: []survey.Value{{Label: "Kazakhstan"},
				{Label: "Kyrgyzstan", Aliases: []string{"Kyrgyz Republic", "KG"}, Colour: "#1B9E77"}, {Label: "2020"}}},
			survey.Area: {Title: "Field", Noun: "field", Values: []survey.Value{{Label: "Border management"}}},
			survey.Type: {Title: "Type of support", Noun: "type of support", Values: []survey.Value{{Label: "Training"}}},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
}

func TestParseExplicit(t *testing.T) {
	tests := []struct {
		name, data string
		check      func(*survey.Schema) string
	}{
		{"respondents given", "respondents: Donor agencies\n" + withPartner("  partner: {title: Country, values: [KZ]}\n"),
			func(s *survey.Schema) string { return s.Respondents }},
		{"nil words given", "nil_words: [no support, \"-\"]\n" + withPartner("  partner: {title: Country, values: [KZ]}\n"),
			func(s *survey.Schema) string { return strings.Join(s.NilWords, "|") }},
		{"nil words empty", "nil_words: []\n" + withPartner("  partner: {title: Country, values: [KZ]}\n"),
			func(s *survey.Schema) string { return strings.Join(s.NilWords, "|") }},
		{"state with values", withPartner("  state:\n    title: Donor organisation\n    values: [EU, {label: Germany, aliases: [DE]}]\n" +
			"  partner: {title: Country, values: [KZ]}\n"),
			func(s *survey.Schema) string {
				d := s.Dim(survey.State)
				return d.Title + "|" + d.Noun + "|" + strings.Join(s.Labels(survey.State), ",")
			}},
		{"noun given", withPartner("  partner: {title: Country, noun: partner country, values: [KZ]}\n"),
			func(s *survey.Schema) string { return s.Dim(survey.Partner).Noun }},
		{"anchors and aliases", withPartner("  partner:\n    title: &t Country\n    headers: [*t, Code]\n    values: [KZ]\n"),
			func(s *survey.Schema) string { return strings.Join(s.Dim(survey.Partner).Headers, "|") }},
		{"empty optional values are absent", withPartner("  partner:\n    title: Country\n    noun:\n    headers:\n    values:\n" +
			"      - {label: KZ, aliases: [], footnote: \"\"}\n"),
			func(s *survey.Schema) string {
				d := s.Dim(survey.Partner)
				return d.Noun + "|" + strings.Join(d.Headers, ",") + "|" + strings.Join(d.Values[0].Aliases, ",")
			}},
		{"byte-order mark", "\ufeff" + withPartner("  partner: {title: Country, values: [KZ]}\n"),
			func(s *survey.Schema) string { return s.Title }},
		{"folded footnote", withPartner("  partner:\n    title: Country\n    values:\n      - label: KZ\n        footnote: >\n" +
			"          two\n          lines\n"),
			func(s *survey.Schema) string { return s.Dim(survey.Partner).Values[0].Footnote }},
		{"annex keys", "doc_number: 1234/26\nclassification: LIMITE\nperiod: from 2020 to 2025\nscope: bilateral only\n" +
			withPartner("  partner: {title: Country, values: [KZ]}\n"),
			func(s *survey.Schema) string {
				return s.DocNumber + "|" + s.Classification + "|" + s.Period + "|" + s.Scope
			}},
		{"pseudo partner", withPartner("  partner:\n    title: Country\n    values:\n      - KZ\n      - {label: Regional, pseudo: true}\n      - {label: UZ, pseudo: false}\n"),
			func(s *survey.Schema) string {
				return fmt.Sprint(s.Pseudo(survey.Partner, 0), s.Pseudo(survey.Partner, 1), s.Pseudo(survey.Partner, 2))
			}},
	}
	want := []string{"Donor agencies", "no support|-", "", "Donor organisation|Donor|EU,Germany", "partner country",
		"Country|Code", "country||", "EU support to Central Asia", "two lines", "1234/26|LIMITE|from 2020 to 2025|bilateral only",
		"false true false"}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("ca.yaml", []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.check(s); got != want[i] {
				t.Errorf("got %q, want %q", got, want[i])
			}
		})
	}
}

func TestCentralAsiaExample(t *testing.T) {
	path := filepath.Join("..", "..", "docs", "examples", "central-asia.yaml")
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Title != "EU support to Central Asia" || s.Respondent != "donor" || s.Respondents != "donors" {
		t.Errorf("title %q, respondent %q", s.Title, s.Respondent)
	}
	if s.Dim(survey.State).Title != "Donor" || len(s.Dim(survey.State).Values) != 0 {
		t.Errorf("state: %+v; want title Donor and no fixed values", s.Dim(survey.State))
	}
	// The regional pseudo-partner, and it alone, is kept out of rankings.
	for i, v := range s.Dim(survey.Partner).Values {
		if want := v.Label == "Regional (Central Asia)"; s.Pseudo(survey.Partner, i) != want {
			t.Errorf("partner %q: pseudo %v, want %v", v.Label, !want, want)
		}
	}
	partners := strings.Join(s.Labels(survey.Partner), ", ")
	for _, want := range []string{"Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"} {
		if !strings.Contains(partners, want) {
			t.Errorf("partners %s lack %s", partners, want)
		}
	}
	hxl := []string{"#org", "#country", "#sector", "#activity+type"}
	for i, k := range survey.Keys {
		if s.Dim(k).HXL != hxl[i] {
			t.Errorf("%s: hxl %q, want %q", k, s.Dim(k).HXL, hxl[i])
		}
	}
	m, err := survey.NewMatcher(s.Dim(survey.Partner))
	if err != nil {
		t.Fatal(err)
	}
	for _, alias := range []string{"Kyrgyz Republic", "KG", "kaz", "Republic of Uzbekistan", "tajikistan"} {
		if _, ok := m.Match(alias); !ok {
			t.Errorf("partner %q does not match", alias)
		}
	}
	// The example survives a round trip too.
	data, err := Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Parse("again.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again, s) {
		t.Errorf("round trip of the example differs")
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.yaml")
	_, err := Load(missing)
	if err == nil || err.Error() != missing+": no such file: check the path given to --schema" {
		t.Errorf("Load(missing) = %v", err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("title: T\nrespondent: Donor\ndimension: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Load(bad)
	if err == nil || !strings.Contains(err.Error(), bad+":3:1: unknown key \"dimension\" (expected") {
		t.Errorf("Load(bad) = %v", err)
	}
	good := filepath.Join(dir, "good.yaml")
	data, err := Marshal(survey.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(good, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := Load(good); err != nil || !reflect.DeepEqual(s, survey.Builtin()) {
		t.Errorf("Load(good) = %v", err)
	}
}

// open: true makes a list open, with or without values; names: true keeps labels as written.
// Both survive writing the schema out and reading it again.
func TestOpenListsAndNames(t *testing.T) {
	src := "title: 3W\nrespondent: organisation\ndimensions:\n" +
		"  partner: {title: Region, open: true, names: true}\n" +
		"  area: {title: Sector, open: true, values: [Health, {label: WASH, aliases: [Water]}]}\n" +
		"  type: {title: Activity, values: [Training]}\n"
	s, err := Parse("3w.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p, a, ty := s.Dim(survey.Partner), s.Dim(survey.Area), s.Dim(survey.Type)
	if !p.Open || !p.Names || len(p.Values) != 0 || !a.Open || a.Names || len(a.Values) != 2 || ty.Open {
		t.Errorf("partner %+v, area %+v, type %+v", p, a, ty)
	}
	out, err := Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Parse("again.yaml", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !reflect.DeepEqual(again, s) {
		t.Errorf("written and read again:\n%+v\nwant\n%+v", again, s)
	}
	for _, tc := range []struct{ src, want string }{
		{"title: 3W\nrespondent: organisation\ndimensions:\n  partner: {title: Region, open: maybe}\n" +
			"  area: {title: Sector, open: true}\n  type: {title: Activity, open: true}\n",
			`bad.yaml:4:28: open must be true or false (true: any value is a category, besides those listed)`},
		{"title: 3W\nrespondent: organisation\ndimensions:\n  partner: {title: Region, open: true, names: 1}\n" +
			"  area: {title: Sector, open: true}\n  type: {title: Activity, open: true}\n",
			`bad.yaml:4:40: names must be true or false (true: the labels are names, written as they are in sentences)`},
	} {
		if _, err := Parse("bad.yaml", []byte(tc.src)); err == nil || err.Error() != tc.want {
			t.Errorf("error %v, want %q", err, tc.want)
		}
	}
}
