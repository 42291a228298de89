// Package chart decides what the note's charts show: which bars, in which order, with which
// values, labels, colours, titles, bases and footnotes. It is pure data; pkg/chartdraw draws it.
package chart

import (
	"fmt"

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
		b.heat(),
	}
	for _, p := range tally.Order(a.Partner, tally.ByStates) {
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
// share (rounded to add up to 100, as in the tables) and its count.
func (b *builder) shares(name string, k survey.Key, cells []tally.Cell) *Bars {
	counts := make([]int, len(cells))
	for i, c := range cells {
		counts[i] = c.Activities
	}
	shown := percent.LargestRemainder(counts, b.a.Activities, b.opts.Decimals)
	labels := b.s.Labels(k)
	ch := &Bars{
		Heading: Heading{Name: name, Title: fmt.Sprintf("Share of activities per %s", b.s.Dim(k).Noun),
			Subtitle: fmt.Sprintf("%% of all activities, number of activities in brackets (n = %s)", survey.Activities(b.a.Activities))},
		Axis: "% of activities",
	}
	for _, i := range tally.Order(cells, tally.ByActivities) {
		v := percent.Exact(cells[i].Activities, b.a.Activities)
		bar := Bar{Label: labels[i], Value: v, Colour: OneMeasure,
			Text: fmt.Sprintf("%s%% (%d)", percent.Format(shown[i], b.opts.Decimals), cells[i].Activities)}
		b.suppress(&bar, cells[i].States)
		ch.Bars = append(ch.Bars, bar)
		ch.Max = max(ch.Max, bar.Value)
	}
	b.footnotes(&ch.Heading, k, barLabels(ch.Bars))
	return ch
}

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
	for _, i := range tally.Order(cells, tally.ByStates) {
		bar := Bar{Label: labels[i], Value: float64(cells[i].States), Colour: OneMeasure, Text: fmt.Sprint(cells[i].States)}
		b.suppress(&bar, cells[i].States)
		ch.Bars = append(ch.Bars, bar)
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
	for _, i := range order {
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
	b.footnotes(&ch.Heading, survey.Area, barLabels(left.Bars))
	return ch
}

// heat is the partner x area grid of states: where support overlaps and where there are gaps.
func (b *builder) heat() *Heat {
	rows := tally.Order(b.a.Area, tally.ByStates)
	cols := tally.Order(b.a.Partner, tally.ByStates)
	areas, partners := b.s.Labels(survey.Area), b.s.Labels(survey.Partner)
	ch := &Heat{
		Heading: Heading{Name: "06-partner-area-states",
			Title: fmt.Sprintf("%s per %s and %s", b.respondentsTitle(), b.s.Dim(survey.Partner).Noun, b.s.Dim(survey.Area).Noun),
			Subtitle: fmt.Sprintf("Number of %s active in each %s and %s; an empty cell: no %s active (n = %s with activities)",
				b.s.Respondents, b.s.Dim(survey.Partner).Noun, b.s.Dim(survey.Area).Noun, b.s.Respondent, b.nStates(b.a.ActiveStates))},
		Legend: b.s.Respondents,
		Mark:   b.mark(),
	}
	for _, r := range rows {
		ch.Rows = append(ch.Rows, areas[r])
	}
	for _, c := range cols {
		ch.Cols = append(ch.Cols, partners[c])
	}
	for _, r := range rows {
		line := make([]int, len(cols))
		for j, c := range cols {
			line[j] = b.a.PartnerArea[c][r].States
			if b.hidden(line[j]) {
				line[j] = -1 // drawn as "<N", uncoloured
			}
			ch.Max = max(ch.Max, line[j])
		}
		ch.Values = append(ch.Values, line)
	}
	b.footnotes(&ch.Heading, survey.Partner, ch.Cols)
	return ch
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
		Cols:   types,
		Max:    scale,
		Legend: b.s.Respondents,
		Mark:   b.mark(),
	}
	for _, a := range order {
		ch.Rows = append(ch.Rows, areas[a])
		line := make([]int, len(types))
		for t := range types {
			line[t] = b.a.PartnerAreaType[p][a][t].States
			if b.hidden(line[t]) {
				line[t] = -1
			}
		}
		ch.Values = append(ch.Values, line)
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
