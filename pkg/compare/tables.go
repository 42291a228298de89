package compare

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/table"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// Tables sets the two analyses side by side as tables that render.Text, render.Markdown and
// render.CSV print: the replies (who joined, left, became active or inactive), the overview, one
// table per partner, area and type listing every category, and one table per cross-tabulation
// listing only the combinations that changed. r must be the result of Compare(old, new).
//
// When a respondent named there became active or inactive (Result.Revealing), the differences
// in activities would say what it does: unless opts.ByState, the overview then gives who
// replied and who is active only, with a note saying why, and the other tables are left out.
func Tables(r Result, old, new *tally.Analysis, s *survey.Schema, opts Options) []table.Table {
	b := builder{old: old, new: new, s: s}
	tables := []table.Table{b.replies(r, opts.ByState), b.overview()}
	if len(r.Revealing()) > 0 && !opts.ByState {
		tables[1] = b.withheld(tables[1], r)
	} else {
		for _, d := range dims(old, new) {
			tables = append(tables, b.dimension(d))
		}
		for _, g := range grids(old, new) {
			tables = append(tables, b.crossTab(g))
		}
	}
	for i := range tables {
		tables[i].Name = fmt.Sprintf("%02d-%s", i+1, tables[i].Name)
		addFootnotes(&tables[i], s)
	}
	return tables
}

// Options shape the tables of a comparison.
type Options struct {
	// ByState shows every difference, even those that say what a named respondent does.
	ByState bool
}

type builder struct {
	old, new *tally.Analysis
	s        *survey.Schema
}

func text(s string) table.Value { return table.Value{Text: s, Raw: s} }

func num(n int) table.Value { return text(strconv.Itoa(n)) }

// signed writes a difference with its sign for people ("+3", "-2", "0") and as a plain integer
// for machines.
func signed(d int) table.Value {
	v := num(d)
	if d > 0 {
		v.Text = "+" + v.Text
	}
	return v
}

func (b *builder) states(n int) string { return survey.CountOf(n, b.s.Respondent, b.s.Respondents) }

func (b *builder) title() string { return survey.Capitalize(b.s.Respondents) }

// bases states the base of each analysis: "old: n = 228 activities, 15 Member States with
// activities; new: ...".
func (b *builder) bases() string {
	return fmt.Sprintf("Old: n = %s, %s with activities; new: n = %s, %s with activities.",
		survey.Activities(b.old.Activities), b.states(b.old.ActiveStates),
		survey.Activities(b.new.Activities), b.states(b.new.ActiveStates))
}

func (b *builder) replies(r Result, byState bool) table.Table {
	list := func(names []string) table.Value {
		if len(names) == 0 {
			return table.Value{Text: "(none)", Raw: ""}
		}
		return text(strings.Join(names, ", "))
	}
	row := func(label string, names []string) []table.Value {
		return []table.Value{text(label), num(len(names)), list(names)}
	}
	return table.Table{
		Name:  "replies",
		Title: fmt.Sprintf("%s that joined, left, became active or became inactive", b.title()),
		Caption: fmt.Sprintf("Old: %s replied, %s with activities; new: %s replied, %s with activities. ",
			b.states(b.old.Respondents), b.states(b.old.ActiveStates),
			b.states(b.new.Respondents), b.states(b.new.ActiveStates)) + b.namedNote(r, byState),
		Columns: []table.Column{{Title: ""}, {Title: "Number", Kind: table.Count}, {Title: b.title()}},
		Rows: [][]table.Value{
			row("Joined (replied in new, not in old)", r.StatesJoined),
			row("Left (replied in old, not in new)", r.StatesLeft),
			row("Became active (activities in new, none in old)", r.BecameActive),
			row("Became inactive (activities in old, none in new)", r.BecameInactive),
		},
	}
}

// namedNote says what the names of the replies table tell about what each respondent does.
func (b *builder) namedNote(r Result, byState bool) string {
	if revealing := r.Revealing(); len(revealing) > 0 && byState {
		return fmt.Sprintf("CONFIDENTIAL DETAIL: %s, so the differences below include what %s; shown because --by-state was given.",
			becameWhat(r), pronounDoes(revealing))
	}
	return fmt.Sprintf("Only who replied, and who reported at least one activity, is named: no table says which %s does what.",
		b.s.Respondent)
}

// withheld keeps of the overview who replied and who is active, which the replies table's
// names say already, and says why the rest is not shown.
func (b *builder) withheld(t table.Table, r Result) table.Table {
	t.Rows = t.Rows[:3]
	t.Caption = "Replies received, and who reported activities."
	t.Notes = append(t.Notes, fmt.Sprintf("Activities, and the figures per %s, %s and %s, are not shown: %s. "+
		"--by-state shows them (confidential detail).",
		b.s.Dim(survey.Partner).Noun, b.s.Dim(survey.Area).Noun, b.s.Dim(survey.Type).Noun, r.WithheldReason()))
	return t
}

func (b *builder) overview() table.Table {
	row := func(label string, o, n int) []table.Value {
		return []table.Value{text(label), num(o), num(n), signed(n - o)}
	}
	o, n := b.old, b.new
	return table.Table{
		Name:    "overview",
		Title:   "Overview: old and new",
		Caption: "Replies received and activities reported. Each activity counts as one item regardless of its value or content.",
		Columns: []table.Column{{Title: ""}, {Title: "Old", Kind: table.Count}, {Title: "New", Kind: table.Count},
			{Title: "Difference", Kind: table.Difference}},
		Rows: [][]table.Value{
			row("Replies ("+b.s.Respondents+" that replied)", o.Respondents, n.Respondents),
			row(b.title()+" with at least one activity", o.ActiveStates, n.ActiveStates),
			row(b.title()+" with no activity (nil replies)", o.NilReplies(), n.NilReplies()),
			row("Activities", o.Activities, n.Activities),
		},
	}
}

// measureColumns are the six numeric columns of a cell compared.
func (b *builder) measureColumns() []table.Column {
	return []table.Column{
		{Title: b.title() + " old", Kind: table.Count}, {Title: b.title() + " new", Kind: table.Count}, {Title: "Diff", Kind: table.Difference},
		{Title: "Activities old", Kind: table.Count}, {Title: "Activities new", Kind: table.Count}, {Title: "Diff", Kind: table.Difference},
	}
}

func measures(o, n tally.Cell) []table.Value {
	return []table.Value{num(o.States), num(n.States), signed(n.States - o.States),
		num(o.Activities), num(n.Activities), signed(n.Activities - o.Activities)}
}

func keyOf(prefix string) survey.Key {
	switch prefix {
	case FigPartner:
		return survey.Partner
	case FigArea:
		return survey.Area
	}
	return survey.Type
}

func (b *builder) dimension(d dimension) table.Table {
	dim := b.s.Dim(keyOf(d.prefix))
	t := table.Table{
		Name:  survey.Plural(d.prefix),
		Title: fmt.Sprintf("%s and activities per %s: old and new", b.title(), dim.Noun),
		Caption: fmt.Sprintf("%s Every %s is listed. %s are counted once in each row they are active in, so their columns do not add up; "+
			"their total is the number of distinct %s.", b.bases(), dim.Noun, b.title(), b.s.Respondents),
		Columns: append([]table.Column{{Title: dim.Title}}, b.measureColumns()...),
	}
	for i, label := range d.labels {
		t.Rows = append(t.Rows, append([]table.Value{text(label)}, measures(d.oldCells[i], d.newCells[i])...))
	}
	t.Total = append([]table.Value{text("Total")}, measures(
		tally.Cell{States: b.old.ActiveStates, Activities: b.old.Activities},
		tally.Cell{States: b.new.ActiveStates, Activities: b.new.Activities})...)
	return t
}

func (b *builder) crossTab(g crossTab) table.Table {
	first, second, _ := strings.Cut(g.prefix, "_")
	d1, d2 := b.s.Dim(keyOf(first)), b.s.Dim(keyOf(second))
	t := table.Table{
		Name:    first + "-" + second,
		Title:   fmt.Sprintf("%s and activities per %s and %s: combinations that changed", b.title(), d1.Noun, d2.Noun),
		Columns: append([]table.Column{{Title: d1.Title}, {Title: d2.Title}}, b.measureColumns()...),
	}
	for i := range g.oldCells {
		for j := range g.oldCells[i] {
			o, n := g.oldCells[i][j], g.newCells[i][j]
			if o != n {
				t.Rows = append(t.Rows, append([]table.Value{text(g.rows[i]), text(g.cols[j])}, measures(o, n)...))
			}
		}
	}
	listed := "Only the combinations whose count of " + b.s.Respondents + " or of activities changed are listed."
	if len(t.Rows) == 0 {
		listed = "No combination changed."
	}
	t.Caption = fmt.Sprintf("%s %s %s are counted once per combination: the columns do not add up.",
		b.bases(), listed, b.title())
	return t
}

// addFootnotes appends the footnote of every label that the table shows, as the note's tables do.
func addFootnotes(t *table.Table, s *survey.Schema) {
	seen := map[string]bool{}
	for _, k := range survey.Dims {
		for _, v := range s.Dim(k).Values {
			if v.Footnote == "" || seen[v.Label] || !shows(t, v.Label) {
				continue
			}
			seen[v.Label] = true
			t.Notes = append(t.Notes, survey.FootnoteMarker(v.Label)+" "+v.Footnote)
		}
	}
}

func shows(t *table.Table, label string) bool {
	for _, r := range t.Rows {
		for _, v := range r {
			if v.Text == label {
				return true
			}
		}
	}
	return false
}
