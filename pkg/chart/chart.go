// Package chart decides what the note's charts show: which bars, in which order, with which
// values, labels, colours, titles, bases and footnotes. It is pure data; pkg/chartdraw draws it.
package chart

import (
	"fmt"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/percent"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// Chart is one of the note's charts.
type Chart interface {
	// FileName is the chart's stable file name without extension: "01-areas-activity-share".
	FileName() string
	// Header is its title, subtitle (what is counted and the base) and footnotes.
	Header() *Heading
}

// Heading is the text around a chart.
type Heading struct {
	Name      string
	Title     string
	Subtitle  string
	Footnotes []string
	// Omits says which categories the chart leaves out or gathers into "Other", nil when it
	// shows every one.
	Omits *Omission
}

// FileName implements Chart.
func (h *Heading) FileName() string { return h.Name }

// Header implements Chart.
func (h *Heading) Header() *Heading { return h }

// Bar is one bar: its category, length, the text written at its end and its colour.
type Bar struct {
	Label  string
	Value  float64
	Text   string
	Colour string // "#rrggbb"
}

// Bars is a horizontal bar chart, bars top to bottom.
type Bars struct {
	Heading
	Axis string // what the bar length measures
	Max  float64
	Bars []Bar
}

// Panels are bar charts side by side that share their categories, in the same order: Table 7
// of the note (states per area beside the share of activities).
type Panels struct {
	Heading
	Panels []Bars
}

// Series is one colour of a grouped bar chart.
type Series struct {
	Label  string
	Colour string
	Values []float64
	Texts  []string
}

// Grouped is a horizontal grouped bar chart: for each category, one bar per series.
type Grouped struct {
	Heading
	Axis       string
	Max        float64
	Categories []string
	Series     []Series
	Empty      string // written across a category with no value in any series
}

// Heat is a grid of counts, coloured by size, zero cells left empty.
type Heat struct {
	Heading
	Rows, Cols []string
	Values     [][]int // [row][col]; -1 for a suppressed cell
	Max        int
	Legend     string // what a cell counts
	Mark       string // written in suppressed cells
}

// Options shape the charts.
type Options struct {
	// Decimals of the shares written on bars.
	Decimals int
	// SuppressBelow, when above 1, leaves out of the charts every bar or cell of fewer than that
	// many states (written "<N"), so that a small cell cannot point at one state.
	SuppressBelow int
	// BySurvey lists the areas of a partner's chart in the questionnaire's order, as the tables
	// beside them do with --order survey; otherwise by the number of states, as they do by default.
	BySurvey bool
}

// OtherColour is the colour of the bar that gathers the smaller categories: paler than
// OneMeasure, so that it does not read as one more category.
const OtherColour = "#A9B8C6"

// OneMeasure is the colour of every bar of a chart of one measure: its bars differ in length,
// not in kind, so a colour per bar would only suggest categories that mean something.
const OneMeasure = "#3A6E9E"

// Build returns every chart of the note for an analysis, in the order of their file names.
func Build(a *tally.Analysis, s *survey.Schema, opts Options) []Chart {
	b := builder{a: a, s: s, opts: opts, colours: Colours(s)}
	charts := []Chart{
		b.shares("01-areas-activity-share", survey.Area, a.Area),
		b.shares("02-types-activity-share", survey.Type, a.Type),
		b.shares("03-partners-activity-share", survey.Partner, a.Partner),
		b.states("04-partners-states", survey.Partner, a.Partner),
		b.areaPanels(),
	}
	charts = append(charts, b.heats()...)
	for _, p := range PartnerCharts(a) {
		charts = append(charts, b.partner(p))
	}
	if opts.SuppressBelow > 1 {
		for _, c := range charts {
			if b.suppressedIn(c) {
				h := c.Header()
				h.Footnotes = append(h.Footnotes, fmt.Sprintf("<%d: fewer than %d %s; not shown, so that a small figure cannot point at one of them.",
					opts.SuppressBelow, opts.SuppressBelow, s.Respondents))
			}
		}
	}
	return charts
}

// PartnerCharts are the partners that have a chart of their own, in the charts' order: every
// partner by states, or with more than MaxPartnerCharts partners the MaxPartnerCharts with the
// most.
func PartnerCharts(a *tally.Analysis) []int {
	order := tally.Order(a.Partner, tally.ByStates)
	return order[:min(len(order), MaxPartnerCharts)]
}

// hidden reports whether a count of states is small enough to point at a state.
func (b *builder) hidden(states int) bool {
	return b.opts.SuppressBelow > 1 && states > 0 && states < b.opts.SuppressBelow
}

func (b *builder) mark() string { return fmt.Sprintf("<%d", b.opts.SuppressBelow) }

// suppress blanks a bar that stands for too few states.
func (b *builder) suppress(bar *Bar, states int) {
	if b.hidden(states) {
		bar.Value, bar.Text = 0, b.mark()
	}
}

func (b *builder) suppressedIn(c Chart) bool {
	mark := b.mark()
	switch ch := c.(type) {
	case *Bars:
		for _, bar := range ch.Bars {
			if bar.Text == mark {
				return true
			}
		}
	case *Panels:
		for _, p := range ch.Panels {
			for _, bar := range p.Bars {
				if bar.Text == mark {
					return true
				}
			}
		}
	case *Grouped:
		for _, s := range ch.Series {
			for _, t := range s.Texts {
				if t == mark {
					return true
				}
			}
		}
	case *Heat:
		for _, row := range ch.Values {
			for _, v := range row {
				if v < 0 {
					return true
				}
			}
		}
	}
	return false
}

type builder struct {
	a       *tally.Analysis
	s       *survey.Schema
	opts    Options
	colours [4][]string
}

func (b *builder) plural(k survey.Key) string { return survey.Plural(b.s.Dim(k).Noun) }

// respondentsTitle is the plural respondent noun at the start of a title.
func (b *builder) respondentsTitle() string { return survey.Capitalize(b.s.Respondents) }

// states writes a number of respondents: "1 Member State", "15 Member States".
func (b *builder) nStates(n int) string { return survey.CountOf(n, b.s.Respondent, b.s.Respondents) }

// shares is a chart of the share of activities per category, largest first; each bar says its
// share (rounded to add up to 100: as in the tables when every category has its bar) and its count.
func (b *builder) shares(name string, k survey.Key, cells []tally.Cell) *Bars {
	counts := make([]int, len(cells))
	for i, c := range cells {
		counts[i] = c.Activities
	}
	labels := b.s.Labels(k)
	ch := &Bars{
		Heading: Heading{Name: name, Title: fmt.Sprintf("Share of activities per %s", b.s.Dim(k).Noun),
			Subtitle: fmt.Sprintf("%% of all activities, number of activities in brackets (n = %s)", survey.Activities(b.a.Activities))},
		Axis: "% of activities",
	}
	order := tally.Order(cells, tally.ByActivities)
	top, rest := Top(len(order), true)
	// The shares are rounded over the bars the chart shows, "Other" being one of them, so that
	// every label is its bar's own value rounded and the labels add up to 100. (Adding the
	// table's rounded shares of the others instead showed 53% for an "Other" of 56.7%.) Without
	// an "Other" bar these are the table's shares.
	groups := make([]int, 0, top+1)
	for _, i := range order[:top] {
		groups = append(groups, counts[i])
	}
	other := 0
	for _, i := range order[top:] {
		other += counts[i]
	}
	if rest > 0 {
		groups = append(groups, other)
	}
	shown := percent.LargestRemainder(groups, b.a.Activities, b.opts.Decimals)
	if rest == 0 {
		// In the table's order, so that ties are broken as the table breaks them.
		tableShares := percent.LargestRemainder(counts, b.a.Activities, b.opts.Decimals)
		for g, i := range order {
			shown[g] = tableShares[i]
		}
	}
	for g, i := range order[:top] {
		v := percent.Exact(cells[i].Activities, b.a.Activities)
		bar := Bar{Label: labels[i], Value: v, Colour: OneMeasure,
			Text: fmt.Sprintf("%s%% (%d)", percent.Format(shown[g], b.opts.Decimals), cells[i].Activities)}
		b.suppress(&bar, cells[i].States)
		ch.Bars = append(ch.Bars, bar)
		ch.Max = max(ch.Max, bar.Value)
	}
	if rest > 0 {
		bar := Bar{Label: fmt.Sprintf("Other (%d more)", rest), Value: percent.Exact(other, b.a.Activities), Colour: OtherColour,
			Text: fmt.Sprintf("%s%% (%d)", percent.Format(shown[top], b.opts.Decimals), other)}
		ch.Bars = append(ch.Bars, bar)
		ch.Max = max(ch.Max, bar.Value)
		b.omits(&ch.Heading, k, len(order), fmt.Sprintf("The %d %s with the most activities; the other %d together as one bar.",
			top, b.plural(k), rest))
	}
	b.footnotes(&ch.Heading, k, barLabels(ch.Bars))
	return ch
}

// omits records that a chart leaves categories of k out, in its subtitle and for the report.
func (b *builder) omits(h *Heading, k survey.Key, total int, sentence string) {
	h.Subtitle += ". " + sentence
	h.Omits = &Omission{Sentence: sentence, Table: tableOf[k], Total: total}
}

// tableOf names the table that lists every category of a column (pkg/render's names).
var tableOf = [4]string{survey.Partner: "partners", survey.Area: "areas", survey.Type: "types"}

// states is a chart of the number of distinct states per category.
func (b *builder) states(name string, k survey.Key, cells []tally.Cell) *Bars {
	labels := b.s.Labels(k)
	ch := &Bars{
		Heading: Heading{Name: name, Title: fmt.Sprintf("%s per %s", b.respondentsTitle(), b.s.Dim(k).Noun),
			Subtitle: fmt.Sprintf("Number of %s active (n = %s with activities; %s active with several %s counts in each)",
				b.s.Respondents, b.nStates(b.a.ActiveStates), survey.A(b.s.Respondent), b.plural(k))},
		Axis: b.respondentsTitle(),
		Max:  float64(b.a.ActiveStates),
	}
	order := tally.Order(cells, tally.ByStates)
	top, rest := Top(len(order), false)
	for _, i := range order[:top] {
		bar := Bar{Label: labels[i], Value: float64(cells[i].States), Colour: OneMeasure, Text: fmt.Sprint(cells[i].States)}
		b.suppress(&bar, cells[i].States)
		ch.Bars = append(ch.Bars, bar)
	}
	if rest > 0 {
		b.omits(&ch.Heading, k, len(order), fmt.Sprintf("The %d %s with the most %s; %d more not shown (%s are not additive, so they make no bar together).",
			top, b.plural(k), b.s.Respondents, rest, b.s.Respondents))
	}
	b.footnotes(&ch.Heading, k, barLabels(ch.Bars))
	return ch
}

// areaPanels sets the states per area beside the share of activities, areas ordered by states.
func (b *builder) areaPanels() *Panels {
	order := tally.Order(b.a.Area, tally.ByStates)
	counts := make([]int, len(b.a.Area))
	for i, c := range b.a.Area {
		counts[i] = c.Activities
	}
	shown := percent.LargestRemainder(counts, b.a.Activities, b.opts.Decimals)
	labels := b.s.Labels(survey.Area)
	left := Bars{Heading: Heading{Title: fmt.Sprintf("%s (n = %d)", b.respondentsTitle(), b.a.ActiveStates)},
		Axis: b.respondentsTitle(), Max: float64(b.a.ActiveStates)}
	right := Bars{Heading: Heading{Title: fmt.Sprintf("Share of activities (n = %d)", b.a.Activities)}, Axis: "% of activities"}
	// Both panels list the areas in the same order, that of the states, so that they read across.
	top, rest := Top(len(order), false)
	for _, i := range order[:top] {
		c := b.a.Area[i]
		lb := Bar{Label: labels[i], Value: float64(c.States), Text: fmt.Sprint(c.States), Colour: OneMeasure}
		rb := Bar{Label: labels[i], Value: percent.Exact(c.Activities, b.a.Activities), Colour: OneMeasure,
			Text: fmt.Sprintf("%s%% (%d)", percent.Format(shown[i], b.opts.Decimals), c.Activities)}
		b.suppress(&lb, c.States)
		b.suppress(&rb, c.States)
		left.Bars = append(left.Bars, lb)
		right.Bars = append(right.Bars, rb)
		right.Max = max(right.Max, rb.Value)
	}
	ch := &Panels{
		Heading: Heading{Name: "05-areas-states-and-share",
			Title: fmt.Sprintf("%s and share of activities per %s", b.respondentsTitle(), b.s.Dim(survey.Area).Noun),
			Subtitle: fmt.Sprintf("Distinct %s active in each %s, and the %s's share of all activities (n = %s with activities, %s)",
				b.s.Respondents, b.s.Dim(survey.Area).Noun, b.s.Dim(survey.Area).Noun, b.nStates(b.a.ActiveStates), survey.Activities(b.a.Activities))},
		Panels: []Bars{left, right},
	}
	if rest > 0 {
		b.omits(&ch.Heading, survey.Area, len(order), fmt.Sprintf("The %d %s with the most %s; %d more not shown.",
			top, b.plural(survey.Area), b.s.Respondents, rest))
	}
	b.footnotes(&ch.Heading, survey.Area, barLabels(left.Bars))
	return ch
}

// heats are the partner x area grid of states: where support overlaps and where there are gaps.
// A grid too large for one page (chart.PlanHeat) runs the longer list down the side and is
// split into parts, with one scale for all of them.
func (b *builder) heats() []Chart {
	areaOrder := tally.Order(b.a.Area, tally.ByStates)
	partnerOrder := tally.Order(b.a.Partner, tally.ByStates)
	areas, partners := b.s.Labels(survey.Area), b.s.Labels(survey.Partner)
	plan := PlanHeat(len(areaOrder), len(partnerOrder))
	rowKey, colKey := survey.Area, survey.Partner
	rowOrder, colOrder, rowLabels, colLabels := areaOrder, partnerOrder, areas, partners
	cell := func(r, c int) int { return b.a.PartnerArea[c][r].States }
	if plan.Transpose {
		rowKey, colKey = colKey, rowKey
		rowOrder, colOrder, rowLabels, colLabels = partnerOrder, areaOrder, partners, areas
		cell = func(r, c int) int { return b.a.PartnerArea[r][c].States }
	}
	scale := 0
	for _, r := range rowOrder {
		for _, c := range colOrder[:plan.ShownCols] {
			scale = max(scale, cell(r, c))
		}
	}
	var out []Chart
	n := plan.Charts()
	for _, rr := range plan.Rows {
		for _, cr := range plan.Cols {
			ch := &Heat{
				Heading: Heading{Name: "06-partner-area-states",
					Title: fmt.Sprintf("%s per %s and %s", b.respondentsTitle(), b.s.Dim(survey.Partner).Noun, b.s.Dim(survey.Area).Noun),
					Subtitle: fmt.Sprintf("Number of %s active in each %s and %s; an empty cell: no %s active (n = %s with activities)",
						b.s.Respondents, b.s.Dim(survey.Partner).Noun, b.s.Dim(survey.Area).Noun, b.s.Respondent, b.nStates(b.a.ActiveStates))},
				Legend: b.s.Respondents,
				Mark:   b.mark(),
				Max:    scale,
			}
			if n > 1 {
				// Numbered with as many digits as the last part, so that file names sort.
				ch.Name += fmt.Sprintf("-%0*d", len(fmt.Sprint(n)), len(out)+1)
				ch.Title += fmt.Sprintf(" (part %d of %d)", len(out)+1, n)
			}
			for _, r := range rowOrder[rr[0]:rr[1]] {
				ch.Rows = append(ch.Rows, rowLabels[r])
				line := make([]int, 0, cr[1]-cr[0])
				for _, c := range colOrder[cr[0]:cr[1]] {
					v := cell(r, c)
					if b.hidden(v) {
						v = -1 // drawn as "<N", uncoloured
					}
					line = append(line, v)
				}
				ch.Values = append(ch.Values, line)
			}
			for _, c := range colOrder[cr[0]:cr[1]] {
				ch.Cols = append(ch.Cols, colLabels[c])
			}
			if n > 1 || plan.ShownCols < len(colOrder) {
				b.heatOmits(&ch.Heading, plan, rr, cr, rowKey, colKey, len(rowOrder), len(colOrder), len(out)+1)
			}
			if plan.Transpose {
				b.footnotes(&ch.Heading, survey.Partner, ch.Rows)
			} else {
				b.footnotes(&ch.Heading, survey.Partner, ch.Cols)
			}
			out = append(out, ch)
		}
	}
	return out
}

// heatOmits says which part of the grid a heat map shows.
func (b *builder) heatOmits(h *Heading, plan HeatPlan, rr, cr [2]int, rowKey, colKey survey.Key, rows, cols, part int) {
	var sentence string
	if plan.Charts() > 1 {
		sentence = fmt.Sprintf("Part %d of %d: %s %s and %s %s, each ranked by %s", part, plan.Charts(),
			b.plural(rowKey), span(rr, rows), b.plural(colKey), span(cr, cols), b.s.Respondents)
	}
	if plan.ShownCols < cols {
		if sentence != "" {
			sentence += "; "
		}
		sentence += fmt.Sprintf("only the %d %s with the most %s are shown", plan.ShownCols, b.plural(colKey), b.s.Respondents)
	}
	sentence = survey.Capitalize(sentence) + "."
	h.Subtitle += ". " + sentence
	h.Omits = &Omission{Sentence: sentence}
}

// span writes a run of ranks: "1-21 of 61".
func span(r [2]int, total int) string {
	if r[1]-r[0] == 1 {
		return fmt.Sprintf("%d of %d", r[0]+1, total)
	}
	return fmt.Sprintf("%d-%d of %d", r[0]+1, r[1], total)
}

// partner is one partner's states per area and type of support as a small heat map: areas down
// the side in the order of the partner's table, types across. It fits a page with ten types and
// draws nothing for a zero; every partner's map has one scale, the most states in any cell of any
// partner, so that the maps compare.
func (b *builder) partner(p int) *Heat {
	label := b.a.Partners[p]
	var order []int
	if b.opts.BySurvey {
		for a := range b.a.PartnerArea[p] {
			order = append(order, a)
		}
	} else {
		order = tally.Order(b.a.PartnerArea[p], tally.ByStates)
	}
	areas, types := b.s.Labels(survey.Area), b.s.Labels(survey.Type)
	// With more areas than a page holds, the areas where the partner has no activity go first
	// (the partner x area grid shows those gaps), then the smallest.
	var cut []string
	if len(order) > MaxHeatRows {
		active := order[:0:0]
		for _, a := range order {
			if b.a.PartnerArea[p][a].Activities > 0 {
				active = append(active, a)
			}
		}
		if len(active) > MaxHeatRows {
			cut = append(cut, fmt.Sprintf("the %d %s with the most %s of the %d with activities", MaxHeatRows, b.plural(survey.Area), b.s.Respondents, len(active)))
			active = active[:MaxHeatRows]
		} else {
			cut = append(cut, fmt.Sprintf("the %d %s with activities", len(active), b.plural(survey.Area)))
		}
		order = active
	}
	typeOrder := make([]int, len(types))
	for t := range typeOrder {
		typeOrder[t] = t
	}
	if len(types) > MaxHeatCols {
		typeOrder = tally.Order(b.a.PartnerType[p], tally.ByStates)[:MaxHeatCols]
		cut = append(cut, fmt.Sprintf("the %d %s with the most %s", MaxHeatCols, b.plural(survey.Type), b.s.Respondents))
	}
	scale := 0
	for _, byArea := range b.a.PartnerAreaType {
		for _, byType := range byArea {
			for _, c := range byType {
				scale = max(scale, c.States)
			}
		}
	}
	ch := &Heat{
		Heading: Heading{Name: fmt.Sprintf("07-partner-%s-areas-by-type", survey.Slug(label)),
			Title: fmt.Sprintf("%s: %s per %s and %s", label, b.s.Respondents, b.s.Dim(survey.Area).Noun, b.s.Dim(survey.Type).Noun),
			Subtitle: fmt.Sprintf("Number of %s active in each %s and %s; an empty cell: none; %s may give several types (n = %s, %s in %s)",
				b.s.Respondents, b.s.Dim(survey.Area).Noun, b.s.Dim(survey.Type).Noun, survey.A(b.s.Respondent),
				b.nStates(b.a.Partner[p].States), survey.Activities(b.a.Partner[p].Activities), label)},
		Max:    scale,
		Legend: b.s.Respondents,
		Mark:   b.mark(),
	}
	for _, a := range order {
		ch.Rows = append(ch.Rows, areas[a])
		line := make([]int, len(typeOrder))
		for i, t := range typeOrder {
			line[i] = b.a.PartnerAreaType[p][a][t].States
			if b.hidden(line[i]) {
				line[i] = -1
			}
		}
		ch.Values = append(ch.Values, line)
	}
	for _, t := range typeOrder {
		ch.Cols = append(ch.Cols, types[t])
	}
	if len(cut) > 0 {
		sentence := strings.Join(cut, "; ") + "."
		ch.Subtitle += ". Shown: " + sentence
		ch.Omits = &Omission{Sentence: "Shown: " + sentence, Table: "partner-" + survey.Slug(label)}
	}
	b.footnotes(&ch.Heading, survey.Partner, []string{label})
	return ch
}

// footnotes adds the footnote of every label of k that the chart shows.
func (b *builder) footnotes(h *Heading, k survey.Key, shown []string) {
	for _, v := range b.s.Dim(k).Values {
		if v.Footnote == "" {
			continue
		}
		for _, l := range shown {
			if l == v.Label {
				h.Footnotes = append(h.Footnotes, survey.FootnoteMarker(v.Label)+" "+v.Footnote)
				break
			}
		}
	}
}

func barLabels(bars []Bar) []string {
	out := make([]string, len(bars))
	for i, b := range bars {
		out[i] = b.Label
	}
	return out
}
