package render

import (
	"io"

	"github.com/mapsurvey/mapsurvey/pkg/buildinfo"
	"github.com/mapsurvey/mapsurvey/pkg/contract"
	"github.com/mapsurvey/mapsurvey/pkg/percent"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// JSONSchemaID names the JSON contract of an analysis (see pkg/contract).
const JSONSchemaID = contract.AnalysisID

// The analysis document is defined in pkg/contract; these names are kept for callers.
type (
	Analysis = contract.Analysis
	Source   = contract.Source
)

// NewAnalysis assembles the JSON document. Lists follow the questionnaire's order, so that
// scripts find the same category at the same place in every run. Without byState, nothing in
// it is one respondent's own: the by_state list and each source's counts are left out.
func NewAnalysis(a *tally.Analysis, s *survey.Schema, sources []Source, byState bool) Analysis {
	pct := func(n, base int) float64 {
		return percent.Float(percent.Round(n, base, rawDecimals), rawDecimals)
	}
	shares := func(k survey.Key, cells []tally.Cell) []contract.Share {
		labels := s.Labels(k)
		out := make([]contract.Share, len(cells))
		for i, c := range cells {
			out[i] = contract.Share{States: c.States, Activities: c.Activities,
				ActivityPct: pct(c.Activities, a.Activities), StatePct: pct(c.States, a.ActiveStates)}
			setLabel(&out[i].Partner, &out[i].Area, &out[i].Type, k, labels[i])
		}
		return out
	}
	combos := func(k1, k2 survey.Key, grid [][]tally.Cell) []contract.Combo {
		l1, l2 := s.Labels(k1), s.Labels(k2)
		var out []contract.Combo
		for i, row := range grid {
			for j, c := range row {
				cb := contract.Combo{States: c.States, Activities: c.Activities}
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
		Footnotes:    []contract.Footnote{},
		Sources:      make([]Source, len(sources)),
	}
	for i, src := range sources {
		if !byState {
			src.Rows, src.Activities = nil, nil
		}
		doc.Sources[i] = src
	}
	for p, plane := range a.PartnerAreaType {
		for ar, row := range plane {
			for t, c := range row {
				doc.PartnerAreaT = append(doc.PartnerAreaT, contract.Combo{Partner: a.Partners[p], Area: a.Areas[ar], Type: a.Types[t],
					States: c.States, Activities: c.Activities})
			}
		}
	}
	for ai, area := range a.Areas {
		list := contract.TopList{Area: area, Partners: []contract.Combo{}}
		for _, r := range a.TopPartnersOf(ai, TopN, Ranked(s)) {
			list.Partners = append(list.Partners, contract.Combo{Partner: r.Label, States: r.States, Activities: r.Activities})
		}
		doc.TopPartners = append(doc.TopPartners, list)
	}
	for _, k := range survey.Dims {
		for _, v := range s.Dim(k).Values {
			if v.Footnote != "" {
				doc.Footnotes = append(doc.Footnotes, contract.Footnote{Label: v.Label, Text: v.Footnote})
			}
		}
	}
	if byState {
		for _, sc := range a.ByState {
			st := contract.State{State: sc.State, Activities: sc.Activities,
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
	doc.SparseIfLarge()
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

// JSON writes the document as contract.Write does.
func JSON(w io.Writer, doc Analysis) error { return contract.Write(w, doc) }
