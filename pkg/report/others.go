package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/table"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// mainAreas is how many areas a row of the other partners' table names.
const mainAreas = 3

// otherPartners is the section of the partners without a section of their own (own[p] false):
// one table, a row each, with its respondents, activities and main areas, instead of a
// near-empty chart and table per partner. nil when every partner has its section.
func (b *builder) otherPartners(own []bool) *Section {
	a, s := b.a, b.s
	var rest []int
	for _, p := range tally.Order(a.Partner, tally.ByStates) {
		if !own[p] {
			rest = append(rest, p)
		}
	}
	if len(rest) == 0 {
		return nil
	}
	pd, ad := s.Dim(survey.Partner), s.Dim(survey.Area)
	resp := survey.Capitalize(s.Respondents)
	areaLabels := s.Labels(survey.Area)
	t := &table.Table{
		Name:  "20-other-partners", // a number in front, as render's tables have: "other-partners" once cut
		Title: fmt.Sprintf("The other %s: %s, activities and main %s", survey.Plural(pd.Noun), s.Respondents, survey.Plural(ad.Noun)),
		Caption: fmt.Sprintf("The %s without a section of their own. Main %s: the %d with the most %s active in the %s, %s in brackets. "+
			"%s are counted once per %s: the %s column does not add up. Rows sorted by the number of %s active, then by activities.",
			survey.CountOf(len(rest), pd.Noun, survey.Plural(pd.Noun)), survey.Plural(ad.Noun), mainAreas, s.Respondents, pd.Noun, s.Respondents,
			resp, ad.Noun, s.Respondents, s.Respondents),
		Columns: []table.Column{{Title: pd.Title}, {Title: resp, Kind: table.Count}, {Title: "Activities", Kind: table.Count},
			{Title: "Main " + survey.Plural(ad.Noun)}},
	}
	for _, p := range rest {
		var main []string
		for _, ai := range tally.Order(a.PartnerArea[p], tally.ByStates) {
			c := a.PartnerArea[p][ai]
			if len(main) == mainAreas || c.Activities == 0 {
				break
			}
			main = append(main, fmt.Sprintf("%s (%s)", areaLabels[ai], b.count(c.States).Text))
		}
		c := a.Partner[p]
		row := []table.Value{plain(a.Partners[p]), b.count(c.States), b.activities(c.States, c.Activities), plain(strings.Join(main, "; "))}
		if len(main) == 0 {
			row[3] = plain("-")
		}
		t.Rows = append(t.Rows, row)
	}
	withSection := len(a.Partners) - len(rest)
	others := fmt.Sprintf("the other %d", len(rest))
	if len(rest) == 1 {
		others = "the other one"
	}
	intro := fmt.Sprintf("With %d %s, only the %d with the most %s have a section and a chart of their own above; Table %s gives %s, "+
		"and the %s per %s and %s charts show every one of them.",
		len(a.Partners), survey.Plural(pd.Noun), withSection, s.Respondents, tableRef, others, s.Respondents, pd.Noun, ad.Noun)
	return &Section{Heading: fmt.Sprintf("Other %s", survey.Plural(pd.Noun)), Blocks: []Block{{Paragraph: intro}, {Table: t}}}
}

// tableRef stands for the number of the next table in a paragraph; Build replaces it once the
// tables are numbered.
const tableRef = "\x00next"

func plain(s string) table.Value { return table.Value{Text: s, Raw: s} }

func (b *builder) hidden(states int) bool {
	return b.o.SuppressBelow > 1 && states > 0 && states < b.o.SuppressBelow
}

// count is a count of respondents, "<N" when small enough to point at one.
func (b *builder) count(n int) table.Value {
	if b.hidden(n) {
		return plain("<" + strconv.Itoa(b.o.SuppressBelow))
	}
	return plain(strconv.Itoa(n))
}

// activities of a cell are suppressed with its respondents, as in the other tables.
func (b *builder) activities(states, n int) table.Value {
	if b.hidden(states) {
		return plain("<" + strconv.Itoa(b.o.SuppressBelow))
	}
	return plain(strconv.Itoa(n))
}

// numberNextTables replaces tableRef in each paragraph with the number of the table after it.
func numberNextTables(doc *Document) {
	for i := range doc.Sections {
		blocks := doc.Sections[i].Blocks
		for j := range blocks {
			if !strings.Contains(blocks[j].Paragraph, tableRef) {
				continue
			}
			for k := j + 1; k < len(blocks); k++ {
				if blocks[k].Table != nil {
					blocks[j].Paragraph = strings.ReplaceAll(blocks[j].Paragraph, tableRef, strconv.Itoa(blocks[k].Number))
					break
				}
			}
		}
	}
}
