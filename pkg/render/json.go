package render

import (
	"encoding/json"
	"io"

	"github.com/mapsurvey/mapsurvey/pkg/buildinfo"
	"github.com/mapsurvey/mapsurvey/pkg/percent"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// JSONSchemaID names the JSON contract; it changes only when a field changes meaning or goes.
const JSONSchemaID = "mapsurvey/analysis/v1"

// Analysis is the JSON document; docs/json.md describes every field.
type Analysis struct {
	Schema string `json:"schema"`

	Mapsurvey buildinfo.Info `json:"mapsurvey"` // the build that wrote the document

	Survey       string      `json:"survey"`
	Respondent   string      `json:"respondent"`
	Respondents  int         `json:"respondents"`
	ActiveStates int         `json:"active_states"`
	NilReplies   int         `json:"nil_replies"`
	Activities   int         `json:"activities"`
	Partner      []Share     `json:"partner"`
	Area         []Share     `json:"area"`
	Type         []Share     `json:"type"`
	PartnerArea  []Combo     `json:"partner_area"`
	PartnerType  []Combo     `json:"partner_type"`
	AreaType     []Combo     `json:"area_type"`
	PartnerAreaT []Combo     `json:"partner_area_type"`
	TopPartners  []TopList   `json:"top_partners_by_area"`
	Footnotes    []Footnote  `json:"footnotes"`
	Sources      []Source    `json:"sources"`
	ByState      []StateJSON `json:"by_state,omitempty"`
}

// Share is one category of a dimension. Only the field of its dimension is set.
type Share struct {
	Partner     string  `json:"partner,omitempty"`
	Area        string  `json:"area,omitempty"`
	Type        string  `json:"type,omitempty"`
	States      int     `json:"states"`
	Activities  int     `json:"activities"`
	ActivityPct float64 `json:"activity_pct"`
	StatePct    float64 `json:"state_pct"`
}

// Combo is one cell of a cross-tabulation; only the fields of its dimensions are set.
type Combo struct {
	Partner    string `json:"partner,omitempty"`
	Area       string `json:"area,omitempty"`
	Type       string `json:"type,omitempty"`
	States     int    `json:"states"`
	Activities int    `json:"activities"`
}

// TopList is the top partners of one area.
type TopList struct {
	Area     string  `json:"area"`
	Partners []Combo `json:"partners"`
}

// Footnote is a survey label's footnote.
type Footnote struct {
	Label string `json:"label"`
	Text  string `json:"text"`
}

// Source is what was read from one sheet of one file.
type Source struct {
	File       string `json:"file"`
	Sheet      string `json:"sheet,omitempty"`
	HeaderRow  int    `json:"header_row"`
	Rows       int    `json:"rows"`
	Activities int    `json:"activities"`
}

// StateJSON is one respondent's counts, present only with --by-state.
type StateJSON struct {
	State      string         `json:"state"`
	Activities int            `json:"activities"`
	Partner    map[string]int `json:"partner"`
	Area       map[string]int `json:"area"`
	Type       map[string]int `json:"type"`
}

// NewAnalysis assembles the JSON document. Lists follow the questionnaire's order, so that
// scripts find the same category at the same place in every run.
func NewAnalysis(a *tally.Analysis, s *survey.Schema, sources []Source, byState bool) Analysis {
	pct := func(n, base int) float64 {
		return percent.Float(percent.Round(n, base, rawDecimals), rawDecimals)
	}
	shares := func(k survey.Key, cells []tally.Cell) []Share {
		labels := s.Labels(k)
		out := make([]Share, len(cells))
		for i, c := range cells {
			out[i] = Share{States: c.States, Activities: c.Activities,
				ActivityPct: pct(c.Activities, a.Activities), StatePct: pct(c.States, a.ActiveStates)}
			setLabel(&out[i].Partner, &out[i].Area, &out[i].Type, k, labels[i])
		}
		return out
	}
	combos := func(k1, k2 survey.Key, grid [][]tally.Cell) []Combo {
		l1, l2 := s.Labels(k1), s.Labels(k2)
		var out []Combo
		for i, row := range grid {
			for j, c := range row {
				cb := Combo{States: c.States, Activities: c.Activities}
				setLabel(&cb.Partner, &cb.Area, &cb.Type, k1, l1[i])
				setLabel(&cb.Partner, &cb.Area, &cb.Type, k2, l2[j])
				out = append(out, cb)
			}
		}
		return out
	}
	doc := Analysis{
		Schema:       JSONSchemaID,
		Survey:       s.Title,
		Respondent:   s.Respondent,
		Respondents:  a.Respondents,
		ActiveStates: a.ActiveStates,
		NilReplies:   a.NilReplies(),
		Activities:   a.Activities,
		Partner:      shares(survey.Partner, a.Partner),
		Area:         shares(survey.Area, a.Area),
		Type:         shares(survey.Type, a.Type),
		PartnerArea:  combos(survey.Partner, survey.Area, a.PartnerArea),
		PartnerType:  combos(survey.Partner, survey.Type, a.PartnerType),
		AreaType:     combos(survey.Area, survey.Type, a.AreaType),
		Footnotes:    []Footnote{},
		Sources:      sources,
	}
	for p, plane := range a.PartnerAreaType {
		for ar, row := range plane {
			for t, c := range row {
				doc.PartnerAreaT = append(doc.PartnerAreaT, Combo{Partner: a.Partners[p], Area: a.Areas[ar], Type: a.Types[t],
					States: c.States, Activities: c.Activities})
			}
		}
	}
	for ai, area := range a.Areas {
		list := TopList{Area: area, Partners: []Combo{}}
		for _, r := range a.TopPartners(ai, TopN) {
			list.Partners = append(list.Partners, Combo{Partner: r.Label, States: r.States, Activities: r.Activities})
		}
		doc.TopPartners = append(doc.TopPartners, list)
	}
	for _, k := range survey.Dims {
		for _, v := range s.Dim(k).Values {
			if v.Footnote != "" {
				doc.Footnotes = append(doc.Footnotes, Footnote{Label: v.Label, Text: v.Footnote})
			}
		}
	}
	if byState {
		for _, sc := range a.ByState {
			st := StateJSON{State: sc.State, Activities: sc.Activities,
				Partner: map[string]int{}, Area: map[string]int{}, Type: map[string]int{}}
			for i, n := range sc.Partner {
				st.Partner[a.Partners[i]] = n
			}
			for i, n := range sc.Area {
				st.Area[a.Areas[i]] = n
			}
			for i, n := range sc.Type {
				st.Type[a.Types[i]] = n
			}
			doc.ByState = append(doc.ByState, st)
		}
	}
	doc.Mapsurvey = buildinfo.Get()
	return doc
}

func setLabel(partner, area, typ *string, k survey.Key, label string) {
	switch k {
	case survey.Partner:
		*partner = label
	case survey.Area:
		*area = label
	case survey.Type:
		*typ = label
	}
}

// JSON writes the document indented, with a final newline. encoding/json sorts map keys, so the
// bytes are the same on every run.
func JSON(w io.Writer, doc Analysis) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
