package records

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/surveyfile"
)

// A general schema is YAML whose dimensions are a list, each with a name:
//
//	title: Ethiopia 4W
//	respondent: organisation
//	respondent_column: {title: Implementing Partner Acronym, hxl: "#org+impl"}
//	key: [organisation, woreda, cluster]
//	dimensions:
//	  - {name: cluster, title: Cluster, hxl: "#sector", open: true}
//	  - {name: woreda, title: Woreda, parent: zone, open: true}
//
// A schema whose dimensions are the mapping of state, partner, area and type is the note's model
// (pkg/surveyfile) and loads unchanged.

type yamlSchema struct {
	Title            string     `yaml:"title"`
	Respondent       string     `yaml:"respondent"`
	Respondents      string     `yaml:"respondents"`
	RespondentColumn yamlColumn `yaml:"respondent_column"`
	NilWords         []string   `yaml:"nil_words"`
	Key              []string   `yaml:"key"`
	Dimensions       []yamlDim  `yaml:"dimensions"`
}

type yamlColumn struct {
	Title   string   `yaml:"title"`
	Headers []string `yaml:"headers"`
	HXL     string   `yaml:"hxl"`
}

type yamlDim struct {
	Name    string   `yaml:"name"`
	Title   string   `yaml:"title"`
	Noun    string   `yaml:"noun"`
	Headers []string `yaml:"headers"`
	HXL     string   `yaml:"hxl"`
	Open    *bool    `yaml:"open"`
	Parent  string   `yaml:"parent"`
	Code    string   `yaml:"code"`
	Values  []any    `yaml:"values"`
}

// IsGeneral says whether the YAML in src is a general schema: its dimensions are a list.
func IsGeneral(src []byte) bool {
	f, err := parser.ParseBytes(src, 0)
	if err != nil || len(f.Docs) == 0 {
		return false
	}
	m, ok := f.Docs[0].Body.(*ast.MappingNode)
	if !ok {
		return false
	}
	for _, kv := range m.Values {
		if kv.Key.String() == "dimensions" {
			_, seq := kv.Value.(*ast.SequenceNode)
			return seq
		}
	}
	return false
}

// LoadSchema reads a schema file of either form: a general schema, or the note's model (which
// becomes general through FromSurvey). Errors name the file and the line.
func LoadSchema(path string) (*Schema, error) {
	src, err := os.ReadFile(path)
	if err != nil || !IsGeneral(src) {
		s, err := surveyfile.Load(path)
		if err != nil {
			return nil, err
		}
		return FromSurvey(s), nil
	}
	return ParseSchema(path, src)
}

// ParseSchema decodes a general schema.
func ParseSchema(name string, src []byte) (*Schema, error) {
	var y yamlSchema
	if err := yaml.UnmarshalWithOptions(src, &y, yaml.Strict()); err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) && ye.GetToken() != nil {
			p := ye.GetToken().Position
			return nil, fmt.Errorf("%s:%d:%d: %s", name, p.Line, p.Column, oneLine(ye.GetMessage()))
		}
		return nil, fmt.Errorf("%s: %s", name, oneLine(err.Error()))
	}
	file, _ := parser.ParseBytes(src, 0)
	at := func(path string) string {
		p, err := yaml.PathString(path)
		if err != nil || file == nil {
			return name
		}
		n, err := p.FilterFile(file)
		if err != nil || n == nil || n.GetToken() == nil {
			return name
		}
		return fmt.Sprintf("%s:%d:%d", name, n.GetToken().Position.Line, n.GetToken().Position.Column)
	}
	s := &Schema{Title: y.Title, Respondent: y.Respondent, Respondents: y.Respondents, NilWords: y.NilWords, Key: y.Key,
		RespondentColumn: Column{Title: y.RespondentColumn.Title, Headers: y.RespondentColumn.Headers, HXL: y.RespondentColumn.HXL}}
	if s.Title == "" {
		return nil, fmt.Errorf("%s: no title: give the survey's title, e.g. title: Ethiopia 4W", at("$"))
	}
	if s.Respondent == "" {
		return nil, fmt.Errorf("%s: no respondent: say what one respondent is called, e.g. respondent: organisation", at("$"))
	}
	if s.Respondents == "" {
		s.Respondents = survey.Plural(s.Respondent)
	}
	if s.RespondentColumn.Title == "" {
		s.RespondentColumn.Title = survey.Capitalize(s.Respondent)
	}
	for i, d := range y.Dimensions {
		here := at(fmt.Sprintf("$.dimensions[%d]", i))
		dim := Dim{Name: d.Name, Column: Column{Title: d.Title, Headers: d.Headers, HXL: d.HXL}, Noun: d.Noun, Parent: d.Parent, Code: d.Code}
		if dim.Name == "" {
			return nil, fmt.Errorf("%s: a dimension without a name: give each a name that --by can use, e.g. name: sector", here)
		}
		if dim.Title == "" {
			dim.Title = survey.Capitalize(dim.Name)
		}
		if dim.Noun == "" {
			dim.Noun = strings.ToLower(dim.Title)
		}
		for j, v := range d.Values {
			val, err := yamlValue(v)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", at(fmt.Sprintf("$.dimensions[%d].values[%d]", i, j)), err)
			}
			dim.Values = append(dim.Values, val)
		}
		dim.Open = len(dim.Values) == 0
		if d.Open != nil {
			dim.Open = *d.Open
		}
		if !dim.Open && len(dim.Values) == 0 {
			return nil, fmt.Errorf("%s: dimension %s: open: false with no values: list the values, or write open: true to accept any", here, dim.Name)
		}
		if dim.HXL != "" {
			if _, ok := parseTag(dim.HXL); !ok {
				return nil, fmt.Errorf("%s: dimension %s: hxl %q is not a hashtag: write it as \"#sector\" or \"#adm1+name\", in quotes", here, dim.Name, dim.HXL)
			}
		}
		s.Dims = append(s.Dims, dim)
	}
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %v", at("$.dimensions"), err)
	}
	return s, nil
}

// yamlValue is a value of a list: a label, or a mapping of label and aliases.
func yamlValue(v any) (survey.Value, error) {
	switch t := v.(type) {
	case string:
		return survey.Value{Label: t}, nil
	case map[string]any:
		var out survey.Value
		for k, x := range t {
			switch k {
			case "label":
				s, ok := x.(string)
				if !ok {
					return out, fmt.Errorf("label: write the label as text")
				}
				out.Label = s
			case "aliases":
				list, ok := x.([]any)
				if !ok {
					return out, fmt.Errorf("aliases: write a list, e.g. aliases: [WASH, Water]")
				}
				for _, a := range list {
					s, ok := a.(string)
					if !ok {
						return out, fmt.Errorf("aliases: write each alias as text")
					}
					out.Aliases = append(out.Aliases, s)
				}
			default:
				return out, fmt.Errorf("unknown key %q (expected label, aliases)", k)
			}
		}
		if out.Label == "" {
			return out, fmt.Errorf("a value without a label")
		}
		return out, nil
	}
	return survey.Value{}, fmt.Errorf("a value is a label, or a mapping with label and aliases")
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
