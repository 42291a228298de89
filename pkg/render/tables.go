// Package render builds the note's tables (the model is pkg/table) and writes tables as text,
// Markdown and CSV, and an analysis as the JSON contract of pkg/contract. It decides what each
// table shows; the counting is done before.
package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/percent"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/table"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// The table model lives in pkg/table; these names let the writers' callers (pkg/report,
// pkg/xlsxreport, the CLI) keep writing render.Table while they move to pkg/table.
type (
	Value  = table.Value
	Column = table.Column
	Table  = table.Table
)

func text(s string) Value { return Value{Text: s, Raw: s} }

func num(n int) Value { return text(strconv.Itoa(n)) }

// Order chooses how categories are listed.
type Order int

// By size (as the note lists them) or in questionnaire order.
const (
	BySize Order = iota
	BySurvey
)

// Options shape the tables.
type Options struct {
	Order Order
	// Decimals of the shares shown to people; machine-readable outputs keep one decimal.
	Decimals int
	// ByState adds the table of each respondent's activities. Off by default: replies are
	// confidential and the other tables never say which state does what.
	ByState bool
	// SuppressBelow, when above 1, shows a state count from 1 to SuppressBelow-1 as "<N", and
	// the activities and shares of that row or cell likewise, so that a small cell cannot point
	// at one state.
	SuppressBelow int
}

// rawDecimals is the precision of shares in machine-readable outputs.
const rawDecimals = 1

// Tables builds the note's tables in the note's order.
func Tables(a *tally.Analysis, s *survey.Schema, opts Options) []Table {
	b := builder{a: a, s: s, opts: opts}
	tables := []Table{
		b.overview(),
		b.dimension("partners", survey.Partner, a.Partner),
		b.dimension("types", survey.Type, a.Type),
		b.dimension("areas", survey.Area, a.Area),
		b.areaStates(),
		b.topPartners(),
	}
	for _, p := range b.order(a.Partner, tally.ByStates, true) {
		tables = append(tables, b.partner(p))
	}
	if opts.ByState {
		tables = append(tables, b.byState())
	}
	for i := range tables {
		tables[i].Name = fmt.Sprintf("%02d-%s", i+1, tables[i].Name)
		b.addFootnotes(&tables[i])
		if b.suppressed(&tables[i]) {
			tables[i].Notes = append(tables[i].Notes, SuppressionNote(opts.SuppressBelow, s.Respondents))
		}
	}
	return tables
}

type builder struct {
	a    *tally.Analysis
	s    *survey.Schema
	opts Options
}

func (b *builder) respondents() string { return b.s.Respondents }

// states writes a number of respondents: "1 Member State", "15 Member States".
func (b *builder) states(n int) string { return survey.CountOf(n, b.s.Respondent, b.s.Respondents) }

// respondentsTitle is the plural noun at the start of a sentence or as a column title: schemas
// may write it in lower case ("donors") for the middle of sentences.
func (b *builder) respondentsTitle() string { return survey.Capitalize(b.s.Respondents) }

// order lists the indices of cells as the options say. keepAll keeps empty categories, which
// tables list (a zero is a gap the note talks about).
func (b *builder) order(cells []tally.Cell, by tally.Measure, keepAll bool) []int {
	var idx []int
	if b.opts.Order == BySurvey {
		for i := range cells {
			idx = append(idx, i)
		}
	} else {
		idx = tally.Order(cells, by)
	}
	if keepAll {
		return idx
	}
	out := idx[:0]
	for _, i := range idx {
		if cells[i].Activities > 0 {
			out = append(out, i)
		}
	}
	return out
}

func (b *builder) overview() Table {
	a := b.a
	return Table{
		Name:    "overview",
		Title:   "Overview",
		Caption: fmt.Sprintf("Replies received and activities reported. %s", footnoteActivity),
		Columns: []Column{{Title: "", Kind: table.Label}, {Title: "Number", Kind: table.Count}},
		Rows: [][]Value{
			{text("Replies (" + b.respondents() + " that replied)"), num(a.Respondents)},
			{text(b.respondentsTitle() + " with at least one activity"), num(a.ActiveStates)},
			{text(b.respondentsTitle() + " with no activity (nil replies)"), num(a.NilReplies())},
			{text("Activities"), num(a.Activities)},
			{text(survey.Plural(b.s.Dim(survey.Partner).Title) + " with activities"), num(nonEmpty(a.Partner))},
			{text(survey.Plural(b.s.Dim(survey.Area).Title) + " with activities"), num(nonEmpty(a.Area))},
			{text(survey.Plural(b.s.Dim(survey.Type).Title) + " used"), num(nonEmpty(a.Type))},
		},
	}
}

const footnoteActivity = "Each activity counts as one item regardless of its value or content."

func nonEmpty(cells []tally.Cell) int {
	n := 0
	for _, c := range cells {
		if c.Activities > 0 {
			n++
		}
	}
	return n
}

// shares returns the activity shares of cells: largest-remainder for display, one decimal for
// machines.
func (b *builder) shares(cells []tally.Cell) []Value {
	counts := make([]int, len(cells))
	for i, c := range cells {
		counts[i] = c.Activities
	}
	shown := percent.LargestRemainder(counts, b.a.Activities, b.opts.Decimals)
	out := make([]Value, len(cells))
	for i, c := range cells {
		out[i] = Value{Text: percent.Format(shown[i], b.opts.Decimals),
			Raw:  percent.Format(percent.Round(c.Activities, b.a.Activities, rawDecimals), rawDecimals),
			Part: c.Activities, Whole: b.a.Activities}
	}
	return out
}

// stateShare is the share of active states: not additive, so each is rounded on its own.
func (b *builder) stateShare(n int) Value {
	return Value{Text: percent.Format(percent.Round(n, b.a.ActiveStates, b.opts.Decimals), b.opts.Decimals),
		Raw:  percent.Format(percent.Round(n, b.a.ActiveStates, rawDecimals), rawDecimals),
		Part: n, Whole: b.a.ActiveStates}
}

func (b *builder) bases() string {
	return fmt.Sprintf("n = %s; n = %s with activities", survey.Activities(b.a.Activities), b.states(b.a.ActiveStates))
}

func (b *builder) notAdditive() string {
	return fmt.Sprintf("%s are counted once in each row they are active in, so that column does not add up; its total is the number of distinct %s.",
		b.respondentsTitle(), b.respondents())
}

// sortedBy says how a table's rows are ordered. By size every table sorts by the number of
// respondents active, the first count it shows, then by activities. The wording is the same in
// every table so that Word can give identical captions one footnote.
func (b *builder) sortedBy(rows string) string {
	if b.opts.Order == BySurvey {
		return fmt.Sprintf("%s in questionnaire order.", rows)
	}
	return fmt.Sprintf("%s sorted by the number of %s active, then by activities.", rows, b.respondents())
}

func (b *builder) dimension(name string, k survey.Key, cells []tally.Cell) Table {
	d := b.s.Dim(k)
	labels := b.s.Labels(k)
	shares := b.shares(cells)
	t := Table{
		Name:    name,
		Title:   fmt.Sprintf("%s and activities per %s", b.respondentsTitle(), d.Noun),
		Caption: b.bases() + ". Shares of activities add up to 100%. " + b.notAdditive() + " " + b.sortedBy("Rows"),
		Columns: []Column{{Title: d.Title}, {Title: b.respondentsTitle(), Kind: table.Count},
			{Title: "% of " + b.respondents(), Kind: table.Share}, {Title: "Activities", Kind: table.Count},
			{Title: "% of activities", Kind: table.Share}},
	}
	for _, i := range b.order(cells, tally.ByStates, true) {
		c := cells[i]
		if b.hidden(c.States) {
			t.Rows = append(t.Rows, []Value{text(labels[i]), b.small(), b.small(), b.small(), b.small()})
			continue
		}
		t.Rows = append(t.Rows, []Value{text(labels[i]), num(c.States), b.stateShare(c.States), num(c.Activities), shares[i]})
	}
	t.Total = []Value{text("Total"), num(b.a.ActiveStates), b.stateShare(b.a.ActiveStates), num(b.a.Activities),
		Value{Text: percent.Format(percent.Round(b.a.Activities, b.a.Activities, b.opts.Decimals), b.opts.Decimals),
			Raw:  percent.Format(percent.Round(b.a.Activities, b.a.Activities, rawDecimals), rawDecimals),
			Part: b.a.Activities, Whole: b.a.Activities}}
	return t
}

func (b *builder) areaStates() Table {
	d := b.s.Dim(survey.Area)
	labels := b.s.Labels(survey.Area)
	shares := b.shares(b.a.Area)
	t := Table{
		Name:  "area-states",
		Title: fmt.Sprintf("%s per %s beside the share of activities", b.respondentsTitle(), d.Noun),
		Caption: fmt.Sprintf("%s: distinct %s active in the %s (n = %d); activities: share of %s. %s",
			b.respondentsTitle(), b.respondents(), d.Noun, b.a.ActiveStates, allActivities(b.a.Activities), b.sortedBy("Rows")),
		Columns: []Column{{Title: d.Title}, {Title: b.respondentsTitle(), Kind: table.Count}, {Title: "% of activities", Kind: table.Share}},
	}
	for _, i := range b.order(b.a.Area, tally.ByStates, true) {
		if b.hidden(b.a.Area[i].States) {
			t.Rows = append(t.Rows, []Value{text(labels[i]), b.small(), b.small()})
			continue
		}
		t.Rows = append(t.Rows, []Value{text(labels[i]), num(b.a.Area[i].States), shares[i]})
	}
	return t
}

// Ranked says which partners top lists may rank: all but the schema's pseudo-partners.
func Ranked(s *survey.Schema) func(p int) bool {
	return func(p int) bool { return !s.Pseudo(survey.Partner, p) }
}

// TopN is the length of the top lists per area.
const TopN = 3

func (b *builder) topPartners() Table {
	pd, ad := b.s.Dim(survey.Partner), b.s.Dim(survey.Area)
	t := Table{
		Name:  "top-partners",
		Title: fmt.Sprintf("Top %d %s in each %s", TopN, survey.Plural(pd.Noun), ad.Noun),
		Caption: fmt.Sprintf("%s Within each, the %s are ranked by the number of %s active, then by activities, then by name; %s with no %s active are not listed.",
			b.sortedBy(survey.Capitalize(survey.Plural(ad.Noun))), survey.Plural(pd.Noun), b.respondents(), survey.Plural(pd.Noun), b.s.Respondent),
		Columns: []Column{{Title: ad.Title}, {Title: "Rank", Kind: table.Rank}, {Title: pd.Title},
			{Title: b.respondentsTitle(), Kind: table.Count}, {Title: "Activities", Kind: table.Count}},
	}
	var unranked []string
	for _, v := range pd.Values {
		if v.Pseudo {
			unranked = append(unranked, v.Label)
		}
	}
	if len(unranked) > 0 {
		t.Caption += fmt.Sprintf(" %s: not ranked, as no single %s.", strings.Join(unranked, "; "), pd.Noun)
	}
	labels := b.s.Labels(survey.Area)
	for _, ai := range b.order(b.a.Area, tally.ByStates, true) {
		top := b.a.TopPartnersOf(ai, TopN, Ranked(b.s))
		if len(top) == 0 {
			t.Rows = append(t.Rows, []Value{text(labels[ai]), text("-"), text("(none)"), num(0), num(0)})
		}
		for r, e := range top {
			t.Rows = append(t.Rows, []Value{text(labels[ai]), num(r + 1), text(e.Label), b.stateCount(e.States), b.activities(e.States, e.Activities)})
		}
	}
	return t
}

func (b *builder) partner(p int) Table {
	a := b.a
	label := a.Partners[p]
	types := b.s.Labels(survey.Type)
	t := Table{
		Name:  "partner-" + survey.Slug(label),
		Title: fmt.Sprintf("%s: %s per %s and %s", label, b.respondents(), b.s.Dim(survey.Area).Noun, b.s.Dim(survey.Type).Noun),
		Caption: fmt.Sprintf("n = %s active in %s, %s. The columns per %s count %s too. %s are counted once per %s and once per %s: rows and columns do not add up. %s",
			b.states(a.Partner[p].States), label, survey.Activities(a.Partner[p].Activities), b.s.Dim(survey.Type).Noun, b.respondents(),
			b.respondentsTitle(), b.s.Dim(survey.Area).Noun, b.s.Dim(survey.Type).Noun, b.sortedBy("Rows")),
		Columns: []Column{{Title: b.s.Dim(survey.Area).Title}, {Title: b.respondentsTitle(), Kind: table.Count},
			{Title: "Activities", Kind: table.Count}},
	}
	for _, ty := range types {
		t.Columns = append(t.Columns, Column{Title: ty, Kind: table.Count})
	}
	labels := b.s.Labels(survey.Area)
	for _, ai := range b.order(a.PartnerArea[p], tally.ByStates, true) {
		c := a.PartnerArea[p][ai]
		row := []Value{text(labels[ai]), b.stateCount(c.States), b.activities(c.States, c.Activities)}
		for ti := range types {
			row = append(row, b.stateCount(a.PartnerAreaType[p][ai][ti].States))
		}
		t.Rows = append(t.Rows, row)
	}
	t.Total = []Value{text("Total"), b.stateCount(a.Partner[p].States), b.activities(a.Partner[p].States, a.Partner[p].Activities)}
	for ti := range types {
		t.Total = append(t.Total, b.stateCount(a.PartnerType[p][ti].States))
	}
	return t
}

func (b *builder) byState() Table {
	a := b.a
	partners := a.Partners
	t := Table{
		Name:    "by-state",
		Title:   fmt.Sprintf("Activities per %s and %s", b.s.Respondent, b.s.Dim(survey.Partner).Noun),
		Caption: fmt.Sprintf("CONFIDENTIAL DETAIL: names which %s does what. Shown because --by-state was given.", b.s.Respondent),
		Columns: []Column{{Title: survey.Capitalize(b.s.Respondent)}, {Title: "Activities", Kind: table.Count}},
	}
	for _, p := range partners {
		t.Columns = append(t.Columns, Column{Title: p, Kind: table.Count})
	}
	for _, sc := range a.ByState {
		row := []Value{text(sc.State), num(sc.Activities)}
		for pi := range partners {
			row = append(row, num(sc.Partner[pi]))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// addFootnotes appends the footnote of every label that the table shows.
func (b *builder) addFootnotes(t *Table) {
	seen := map[string]bool{}
	for _, k := range survey.Dims {
		for _, v := range b.s.Dim(k).Values {
			if v.Footnote == "" || seen[v.Label] {
				continue
			}
			if tableShows(t, v.Label) {
				seen[v.Label] = true
				t.Notes = append(t.Notes, survey.FootnoteMarker(v.Label)+" "+v.Footnote)
			}
		}
	}
}

func tableShows(t *Table, label string) bool {
	if strings.Contains(t.Title, label) {
		return true
	}
	for _, c := range t.Columns {
		if strings.Contains(c.Title, label) {
			return true
		}
	}
	for _, r := range t.Rows {
		for _, v := range r {
			if v.Text == label {
				return true
			}
		}
	}
	return false
}

// hidden reports whether a count of states is small enough to point at a state.
func (b *builder) hidden(states int) bool {
	return b.opts.SuppressBelow > 1 && states > 0 && states < b.opts.SuppressBelow
}

// small is what stands in a suppressed cell.
func (b *builder) small() Value { return text("<" + strconv.Itoa(b.opts.SuppressBelow)) }

// stateCount is a count of states, suppressed when small.
func (b *builder) stateCount(n int) Value {
	if b.hidden(n) {
		return b.small()
	}
	return num(n)
}

// activities is the activities of a cell, suppressed with its states.
func (b *builder) activities(states, n int) Value {
	if b.hidden(states) {
		return b.small()
	}
	return num(n)
}

func (b *builder) suppressed(t *Table) bool {
	if b.opts.SuppressBelow <= 1 {
		return false
	}
	mark := b.small().Text
	for _, r := range append(t.Rows, t.Total) {
		for _, v := range r {
			if v.Text == mark {
				return true
			}
		}
	}
	return false
}

// SuppressionNote explains "<N" under a table or chart.
func SuppressionNote(n int, respondents string) string {
	return fmt.Sprintf("<%d: fewer than %d %s; such cells, with their activities and shares, are not shown, so that a small cell cannot point at one of them.",
		n, n, respondents)
}

// allActivities is "all 228 activities", or "the one activity".
func allActivities(n int) string {
	if n == 1 {
		return "the one activity"
	}
	return fmt.Sprintf("all %d activities", n)
}
