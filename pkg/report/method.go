package report

import (
	"fmt"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/narrative"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// The caveats every mapsurvey count carries: the replies have one row per activity and no status
// or value column. They are the note's footnote 1 and 2.
func caveatNote() string {
	return "The replies do not tell current activities from discontinued ones. " +
		"Each activity counts as one item regardless of its value or content " +
		"(the help of one expert counts as much as a large donation of equipment)."
}

func notAdditiveNote(s *survey.Schema) string {
	return fmt.Sprintf("%s are counted once in each %s, %s and %s they are active in: such counts are not additive.",
		survey.Capitalize(s.Respondents), s.Dim(survey.Partner).Noun, s.Dim(survey.Area).Noun, s.Dim(survey.Type).Noun)
}

// method is the note's "Work methodology": what the questionnaire covered, the replies received
// and active, and the two ways of counting, with the caveats as footnotes to the paragraphs.
func method(a *tally.Analysis, s *survey.Schema, o Options) Section {
	resp := s.Respondents
	partners, areas, types := s.Dim(survey.Partner), s.Dim(survey.Area), s.Dim(survey.Type)
	var covered []string
	for _, v := range areas.Values {
		covered = append(covered, narrative.InSentenceOf(areas, v.Label))
	}
	var scope strings.Builder
	fmt.Fprintf(&scope, "The questionnaire asked %s about their support to %s", resp, survey.Plural(partners.Noun))
	if o.Scope != "" {
		fmt.Fprintf(&scope, " (%s)", o.Scope)
	}
	if o.Period != "" {
		fmt.Fprintf(&scope, " for the period %s", o.Period)
	}
	scope.WriteString(".")
	if len(covered) > 0 {
		fmt.Fprintf(&scope, " It covered %s: %s; and %s.", survey.CountOf(len(covered), areas.Noun, survey.Plural(areas.Noun)),
			strings.Join(covered, "; "), survey.CountOf(len(types.Values), types.Noun, survey.Plural(types.Noun)))
	}
	report := "report"
	if a.ActiveStates == 1 {
		report = "reports"
	}
	replies := fmt.Sprintf("Replies were received from %s; %d of them %s at least one activity, %s in all.",
		survey.CountOf(a.Respondents, s.Respondent, resp), a.ActiveStates, report, survey.CountOf(a.Activities, "activity", "activities"))
	counting := fmt.Sprintf("The figures are given in two ways: by %s, the number of distinct %s active, and by activities, "+
		"each reported activity once; shares of activities add up to 100%%.", s.Respondent, resp)
	return Section{Heading: "Method", Blocks: []Block{
		{Paragraph: scope.String()},
		{Paragraph: replies, Notes: []string{caveatNote()}},
		{Paragraph: counting, Notes: []string{notAdditiveNote(s)}},
	}}
}
