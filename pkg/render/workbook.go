package render

import (
	"fmt"

	"github.com/mapsurvey/mapsurvey/pkg/narrative"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/table"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// PartnerAreaTable is the respondents active per partner and area, one column per area: the
// grid behind the gaps and overlaps, for the report's workbook.
func PartnerAreaTable(a *tally.Analysis, s *survey.Schema, opts Options) Table {
	b := builder{a: a, s: s, opts: opts}
	pd, ad := s.Dim(survey.Partner), s.Dim(survey.Area)
	t := Table{
		Name:  "partners-by-area",
		Title: fmt.Sprintf("%s per %s and %s", b.respondentsTitle(), pd.Noun, ad.Noun),
		Caption: fmt.Sprintf("Distinct %s active in each %s and %s (n = %d). %s", b.respondents(), pd.Noun, ad.Noun,
			a.ActiveStates, b.sortedBy("Rows")),
		Columns: []Column{{Title: pd.Title}},
	}
	for _, label := range s.Labels(survey.Area) {
		t.Columns = append(t.Columns, Column{Title: label, Kind: table.Count})
	}
	for _, p := range b.order(a.Partner, tally.ByStates, true) {
		row := []Value{text(a.Partners[p])}
		for ai := range a.Areas {
			row = append(row, b.stateCount(a.PartnerArea[p][ai].States))
		}
		t.Rows = append(t.Rows, row)
	}
	t.Total = []Value{text("Total")}
	for ai := range a.Areas {
		t.Total = append(t.Total, b.stateCount(a.Area[ai].States))
	}
	return b.finish(t)
}

// GapsOverlapsTable lists the gaps (no respondent active) and the overlaps (at least the
// threshold of respondents active) that the narrative describes, one partner and area a row.
func GapsOverlapsTable(a *tally.Analysis, s *survey.Schema, opts Options, overlap int) Table {
	b := builder{a: a, s: s, opts: opts}
	g := narrative.GapsAndOverlaps(a, s, narrative.Options{OverlapThreshold: overlap})
	pd, ad := s.Dim(survey.Partner), s.Dim(survey.Area)
	t := Table{
		Name:  "gaps-overlaps",
		Title: "Gaps and overlaps",
		Caption: fmt.Sprintf("A gap: no %s active in the %s and %s. An overlap: at least %d %s active there. "+
			"Gaps in questionnaire order, overlaps by the number of %s active.",
			s.Respondent, pd.Noun, ad.Noun, g.Threshold, b.respondents(), b.respondents()),
		Columns: []Column{{Title: "Finding"}, {Title: pd.Title}, {Title: ad.Title},
			{Title: b.respondentsTitle(), Kind: table.Count}, {Title: "Activities", Kind: table.Count}},
	}
	for _, c := range g.Gaps {
		t.Rows = append(t.Rows, []Value{text("Gap"), text(c.Partner), text(c.Area), num(0), num(0)})
	}
	for _, c := range g.Overlaps {
		t.Rows = append(t.Rows, []Value{text("Overlap"), text(c.Partner), text(c.Area), b.stateCount(c.States), b.activities(c.States, c.Activities)})
	}
	return b.finish(t)
}

// finish adds the footnotes and the suppression note, as Tables does.
func (b *builder) finish(t Table) Table {
	b.addFootnotes(&t)
	if b.suppressed(&t) {
		t.Notes = append(t.Notes, SuppressionNote(b.opts.SuppressBelow, b.s.Respondents))
	}
	return t
}
