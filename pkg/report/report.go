// Package report assembles the note's annex: the narrative, the tables and the charts in the
// note's order, each table and chart numbered in order of appearance with a caption, and writes
// it as Markdown or as one self-contained HTML page.
package report

import (
	"fmt"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/narrative"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/table"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// Document is the whole annex.
type Document struct {
	Title    string
	Subtitle string
	// DocNumber and Classification head every printed page ("7896/20", "LIMITE"); "" for none.
	DocNumber, Classification string
	Sections                  []Section
	Notes                     []string // the standard footnotes, at the end
}

// Section is one heading and what follows it.
type Section struct {
	Heading string
	Blocks  []Block
}

// Block is a paragraph, a table or a chart.
type Block struct {
	Paragraph string
	Table     *table.Table
	Chart     *Figure
	Number    int // of the table or chart, in order of appearance
	// Notes are footnotes to a paragraph; Word shows them as its footnotes, the other formats
	// in the list of notes at the end.
	Notes []string
}

// Figure is a chart as the report shows it: its caption and its file, relative to the report.
type Figure struct {
	Title, Caption string
	Footnotes      []string
	File           string
	// omitsTable names the table that lists every category the chart leaves out; Build adds
	// "All N are in Table M." to the caption once the tables are numbered.
	omitsTable string
	omitsTotal int
}

// Options shape the report.
type Options struct {
	// NoNarrative leaves out the generated paragraphs (they would name small counts that the
	// tables suppress).
	NoNarrative bool
	Narrative   narrative.Options
	// ChartFile gives the path, relative to the report, of a chart's file; "" leaves it out.
	ChartFile func(name string) string
	// Period and Scope describe what the questionnaire covered, in the method section
	// ("from 2015 to the present", "not financed under EU funds"); "" leaves them out.
	Period, Scope string
	// DocNumber and Classification are the running header of the printed document.
	DocNumber, Classification string
	// SuppressBelow, when above 1, writes counts of fewer respondents as "<N" in the tables
	// the report builds itself (as render.Options.SuppressBelow does in the others).
	SuppressBelow int
}

// Build lays out the annex from the analysis, its tables (render.Tables) and its charts
// (chart.Build).
func Build(a *tally.Analysis, s *survey.Schema, tables []table.Table, charts []chart.Chart, o Options) *Document {
	b := &builder{a: a, s: s, o: o, tables: map[string]*table.Table{}, charts: map[string]chart.Chart{}, all: charts}
	for i := range tables {
		b.tables[suffix(tables[i].Name)] = &tables[i]
	}
	for _, c := range charts {
		b.charts[suffix(c.FileName())] = c
	}
	partnerNoun, areaNoun, typeNoun := s.Dim(survey.Partner).Noun, s.Dim(survey.Area).Noun, s.Dim(survey.Type).Noun
	resp := survey.Capitalize(s.Respondents)
	doc := &Document{
		DocNumber: o.DocNumber, Classification: o.Classification,
		Title: s.Title,
		Subtitle: fmt.Sprintf("Analysis of the replies: %s, %s", survey.CountOf(a.Respondents, s.Respondent, s.Respondents),
			survey.Activities(a.Activities)),
	}
	doc.Sections = append(doc.Sections, method(a, s, o))
	overview := Section{Heading: "Overview"}
	if !o.NoNarrative {
		for _, p := range narrative.Overview(a, s, o.Narrative) {
			overview.Blocks = append(overview.Blocks, Block{Paragraph: p})
		}
	}
	overview.Blocks = append(overview.Blocks, b.table("overview"))
	doc.Sections = append(doc.Sections, overview)
	// A schema's charts: [] leaves the main charts out, and their section with them.
	if order := s.ChartOrder(); len(order) > 0 {
		doc.Sections = append(doc.Sections, Section{Heading: "Main results in charts", Blocks: b.mainCharts(order)})
	}
	doc.Sections = append(doc.Sections,
		Section{Heading: fmt.Sprintf("%s and activities per %s", resp, partnerNoun),
			Blocks: []Block{b.table("partners")}},
		Section{Heading: survey.Capitalize(typeNoun),
			Blocks: []Block{b.table("types")}},
		Section{Heading: survey.Capitalize(survey.Plural(areaNoun)),
			Blocks: []Block{b.table("areas")}},
		Section{Heading: fmt.Sprintf("%s per %s beside the share of activities", resp, areaNoun),
			Blocks: []Block{b.table("area-states"), b.chart("areas-states-and-share")}},
		Section{Heading: fmt.Sprintf("Top %d %s in each %s", render.TopN, survey.Plural(partnerNoun), areaNoun),
			Blocks: []Block{b.table("top-partners")}},
	)
	gaps := narrative.GapsAndOverlaps(a, s, o.Narrative)
	gapSection := Section{Heading: "Gaps and overlaps"}
	if !o.NoNarrative {
		for _, p := range gaps.Paragraphs {
			gapSection.Blocks = append(gapSection.Blocks, Block{Paragraph: p})
		}
	}
	gapSection.Blocks = append(gapSection.Blocks, b.chartParts("partner-area-states")...)
	doc.Sections = append(doc.Sections, gapSection)
	// One section per partner in the survey's order, as the note has them (alphabetical); with
	// more partners than charts can show (chart.MaxPartnerCharts), only the partners with a chart
	// have a section, and one table gives the others.
	own := make([]bool, len(a.Partners))
	for _, p := range chart.PartnerCharts(a) {
		own[p] = true
	}
	for p := range a.Partners {
		if !own[p] {
			continue
		}
		slug := survey.Slug(a.Partners[p])
		var para string
		if !o.NoNarrative {
			para = narrative.Partner(a, s, p, o.Narrative)
		}
		doc.Sections = append(doc.Sections, Section{Heading: a.Partners[p], Blocks: []Block{
			{Paragraph: para},
			b.table("partner-" + slug),
			b.chart("partner-" + slug + "-areas-by-type"),
		}})
	}
	if rest := b.otherPartners(own); rest != nil {
		doc.Sections = append(doc.Sections, *rest)
	}
	for _, sec := range doc.Sections {
		for _, bl := range sec.Blocks {
			if bl.Table != nil {
				doc.Notes = appendNew(doc.Notes, bl.Table.Notes...)
			}
			if bl.Chart != nil {
				doc.Notes = appendNew(doc.Notes, bl.Chart.Footnotes...)
			}
		}
	}
	doc.Notes = append([]string{caveatNote(), notAdditiveNote(s)}, doc.Notes...)
	// Blocks that found no table or chart (a chart not drawn) are dropped.
	for i := range doc.Sections {
		var keep []Block
		for _, bl := range doc.Sections[i].Blocks {
			if bl.Paragraph != "" || bl.Table != nil || bl.Chart != nil {
				keep = append(keep, bl)
			}
		}
		doc.Sections[i].Blocks = keep
	}
	number(doc)
	numberNextTables(doc)
	saySeeTable(doc)
	return doc
}

// saySeeTable ends the caption of each chart that leaves categories out with the table that
// lists them all.
func saySeeTable(doc *Document) {
	numbers := map[string]int{}
	for _, sec := range doc.Sections {
		for _, bl := range sec.Blocks {
			if bl.Table == nil {
				continue
			}
			if _, seen := numbers[suffix(bl.Table.Name)]; !seen {
				numbers[suffix(bl.Table.Name)] = bl.Number
			}
		}
	}
	for _, sec := range doc.Sections {
		for _, bl := range sec.Blocks {
			f := bl.Chart
			if f == nil || f.omitsTable == "" {
				continue
			}
			if n, ok := numbers[f.omitsTable]; ok {
				if f.omitsTotal > 0 {
					f.Caption += fmt.Sprintf(" All %d are in Table %d.", f.omitsTotal, n)
				} else {
					f.Caption += fmt.Sprintf(" All are in Table %d.", n)
				}
			}
		}
	}
}

// number gives tables and charts their numbers in order of appearance.
func number(doc *Document) {
	tables, charts := 0, 0
	for i := range doc.Sections {
		for j := range doc.Sections[i].Blocks {
			bl := &doc.Sections[i].Blocks[j]
			switch {
			case bl.Table != nil:
				tables++
				bl.Number = tables
			case bl.Chart != nil:
				charts++
				bl.Number = charts
			}
		}
	}
}

type builder struct {
	a      *tally.Analysis
	s      *survey.Schema
	o      Options
	tables map[string]*table.Table
	charts map[string]chart.Chart
	all    []chart.Chart
}

// suffix drops the number in front of a table or chart name: "02-partners" -> "partners".
func suffix(name string) string {
	if _, rest, ok := strings.Cut(name, "-"); ok {
		return rest
	}
	return name
}

func (b *builder) table(name string) Block {
	t, ok := b.tables[name]
	if !ok {
		return Block{}
	}
	return Block{Table: t}
}

func (b *builder) chart(name string) Block {
	c, ok := b.charts[name]
	if !ok || b.o.ChartFile == nil {
		return Block{}
	}
	file := b.o.ChartFile(c.FileName())
	if file == "" {
		return Block{}
	}
	h := c.Header()
	f := &Figure{Title: h.Title, Caption: h.Subtitle, Footnotes: h.Footnotes, File: file}
	if h.Omits != nil {
		f.omitsTable, f.omitsTotal = h.Omits.Table, h.Omits.Total
	}
	return Block{Chart: f}
}

// chartParts are the blocks of a chart that may be split into parts (name, or name-1, name-2,
// ...), in order.
func (b *builder) chartParts(name string) []Block {
	var out []Block
	for _, c := range b.all {
		n := suffix(c.FileName())
		if n == name || isPart(n, name) {
			out = append(out, b.chart(n))
		}
	}
	return out
}

// isPart reports whether n is name followed by "-" and a number.
func isPart(n, name string) bool {
	rest, ok := strings.CutPrefix(n, name+"-")
	if !ok || rest == "" {
		return false
	}
	for _, r := range rest {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// mainChartFiles are the charts (by file name, without the number) that the schema's names of
// the main charts stand for.
var mainChartFiles = map[string]string{
	survey.ChartAreas:            "areas-activity-share",
	survey.ChartTypes:            "types-activity-share",
	survey.ChartPartners:         "partners-activity-share",
	survey.ChartStatesPerPartner: "partners-states",
}

// mainCharts are the main charts, first of all and in the schema's order (order), by default the note's
// (Chart 1 areas, Chart 2 types, Chart 3 partners, Chart 4 states per partner), as in its main
// text, so that "see Chart 1" holds.
func (b *builder) mainCharts(order []string) []Block {
	var out []Block
	for _, name := range order {
		out = append(out, b.chart(mainChartFiles[name]))
	}
	return out
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		found := false
		for _, l := range list {
			found = found || l == it
		}
		if !found {
			list = append(list, it)
		}
	}
	return list
}
