// Package records reads replies of any survey, described by a general schema or by the HXL
// hashtags of the file itself, into the records pkg/crosstab counts: a respondent column and any
// number of named dimensions, with open or closed lists of values, filters (--where), a presence
// key (--key) and an amount to sum (--sum). The built-in 7896/20 survey and the schemas of
// pkg/surveyfile read here too (FromSurvey), so that --by works on them.
package records

import (
	"fmt"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// Column says how a reply's column is recognised: by its title, other titles, or its hashtag.
type Column struct {
	Title   string
	Headers []string
	HXL     string
}

// Dim is one dimension of a general survey.
type Dim struct {
	// Name is how --by, --where and --key call it: "sector", "adm1".
	Name string
	Column
	// Noun is what one value is called in sentences and messages ("sector", "province").
	Noun string
	// Values are the canonical labels, with their aliases. A closed list (Open false) accepts
	// only these; an open list accepts any value, these giving canonical spellings.
	Values []survey.Value
	Open   bool
	// Parent names the dimension one level up (adm1 for adm2): values of this dimension are told
	// apart by their parent, so that two districts of one name in two provinces stay two.
	Parent string
	// Code names the column of the values' codes (a title or hashtag: "WoredaPcod",
	// "#adm3+code"): a name that disagrees with its code is a warning.
	Code string
}

// Schema is a general survey.
type Schema struct {
	Title string
	// Respondent is what one respondent is called, singular and plural ("organisation").
	Respondent, Respondents string
	RespondentColumn        Column
	// RespondentValues, when set, are the only respondents accepted (the Member States), with
	// their aliases; otherwise any name is.
	RespondentValues []survey.Value
	Dims             []Dim
	// NilWords mark a reply with no activity when they stand alone in a dimension's cell.
	NilWords []string
	// RespondentOnlyIsNil makes a row with the respondent alone a reply with no activity, as in
	// the built-in survey; elsewhere such a row is missing its values.
	RespondentOnlyIsNil bool
	// Key is the presence key used when --key is not given: the dimensions or columns whose
	// values make one presence (a 3W's organisation, district and sector).
	Key []string
	// FromHXL says the schema was made from a file's hashtags, not written by anyone.
	FromHXL bool
}

// Dim returns the dimension called name (case ignored), or nil.
func (s *Schema) Dim(name string) *Dim {
	for i := range s.Dims {
		if strings.EqualFold(s.Dims[i].Name, name) {
			return &s.Dims[i]
		}
	}
	return nil
}

// Names lists the dimensions' names, in schema order.
func (s *Schema) Names() []string {
	out := make([]string, len(s.Dims))
	for i, d := range s.Dims {
		out[i] = d.Name
	}
	return out
}

// Validate reports the first inconsistency: a dimension without a name or title, two of one
// name, a closed list without values, a parent that is not a dimension or is itself.
func (s *Schema) Validate() error {
	if s.Respondent == "" {
		return fmt.Errorf("no respondent noun")
	}
	if len(s.Dims) == 0 {
		return fmt.Errorf("no dimensions: a survey counts at least one")
	}
	seen := map[string]bool{}
	for _, d := range s.Dims {
		name := strings.ToLower(d.Name)
		switch {
		case d.Name == "":
			return fmt.Errorf("a dimension without a name")
		case seen[name]:
			return fmt.Errorf("dimension %q: given twice", d.Name)
		case d.Title == "" && d.HXL == "":
			return fmt.Errorf("dimension %q: no title or hashtag to find its column by", d.Name)
		case !d.Open && len(d.Values) == 0:
			return fmt.Errorf("dimension %q: a closed list with no values (write open: true to accept any value)", d.Name)
		}
		seen[name] = true
		if _, err := survey.NewMatcher(&survey.Dimension{Title: d.Title, Values: d.Values}); err != nil {
			return fmt.Errorf("dimension %q: %w", d.Name, err)
		}
	}
	for _, d := range s.Dims {
		if d.Parent == "" {
			continue
		}
		if strings.EqualFold(d.Parent, d.Name) || s.Dim(d.Parent) == nil {
			return fmt.Errorf("dimension %q: parent %q is not another dimension (use one of %s)", d.Name, d.Parent, strings.Join(s.Names(), ", "))
		}
	}
	return nil
}

// FromSurvey is the survey of the note's model as a general one: the state column is the
// respondent, and partner, area and type are closed dimensions of those names.
func FromSurvey(s *survey.Schema) *Schema {
	st := s.Dim(survey.State)
	g := &Schema{
		Title: s.Title, Respondent: s.Respondent, Respondents: s.Respondents,
		RespondentColumn:    Column{Title: st.Title, Headers: st.Headers, HXL: st.HXL},
		RespondentValues:    st.Values,
		NilWords:            s.NilWords,
		RespondentOnlyIsNil: true,
	}
	for _, k := range survey.Dims {
		d := s.Dim(k)
		g.Dims = append(g.Dims, Dim{Name: k.String(), Column: Column{Title: d.Title, Headers: d.Headers, HXL: d.HXL},
			Noun: d.Noun, Values: d.Values, Open: len(d.Values) == 0})
	}
	return g
}
