package replies

import (
	"fmt"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// Activity is one activity read from a reply, its labels already canonical.
type Activity struct {
	State               string
	Partner, Area, Type int // indices into the schema's values
	Pos                 Position
	Details             []Detail // the row's other columns, kept for later use
}

// Detail is one of a row's other columns: its title in the header and its value.
type Detail struct {
	Title, Value string
}

// Source summarises what was read from one sheet.
type Source struct {
	File, Sheet string
	HeaderRow   int
	Rows        int // data rows: activities, nil replies and rows with errors; blank rows excluded
	Activities  int
}

// Dataset is everything read from the inputs.
type Dataset struct {
	Schema *survey.Schema
	// Respondents are the canonical names of the states that replied, in the order first met.
	Respondents []string
	Activities  []Activity
	Sources     []Source
	Findings    []Finding
}

// Errors returns the findings that stop an analysis.
func (d *Dataset) Errors() []Finding {
	var out []Finding
	for _, f := range d.Findings {
		if f.Severity == Error {
			out = append(out, f)
		}
	}
	return out
}

// Options say how to read replies.
type Options struct {
	Schema *survey.Schema
	// Sheet restricts workbooks to one sheet.
	Sheet string
	// Columns gives the 1-based column of some keys, overriding header detection for them.
	Columns [4]int
}

// parser reads the sheets of all inputs into one dataset.
type parser struct {
	opts     Options
	schema   *survey.Schema
	headers  headerIndex
	matchers [4]*survey.Matcher
	nil      map[string]bool
	states   map[string]string // normalized name -> canonical name, for open respondent lists
	seen     map[string]bool
	ds       *Dataset
}

func newParser(opts Options) (*parser, error) {
	if opts.Schema == nil {
		opts.Schema = survey.Builtin()
	}
	p := &parser{
		opts:    opts,
		schema:  opts.Schema,
		headers: newHeaderIndex(opts.Schema),
		nil:     map[string]bool{},
		states:  map[string]string{},
		seen:    map[string]bool{},
		ds:      &Dataset{Schema: opts.Schema},
	}
	for _, k := range survey.Keys {
		m, err := survey.NewMatcher(opts.Schema.Dim(k))
		if err != nil {
			return nil, fmt.Errorf("survey schema: %s: %w", k, err)
		}
		p.matchers[k] = m
	}
	for _, w := range opts.Schema.NilWords {
		p.nil[survey.Normalize(w)] = true
	}
	return p, nil
}

func (p *parser) add(pos Position, sev Severity, format string, args ...any) {
	p.ds.Findings = append(p.ds.Findings, Finding{Pos: pos, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// sheetResult tells the caller whether a sheet held a reply table.
type sheetResult int

const (
	sheetRead sheetResult = iota
	sheetEmpty
	sheetNoHeader
	sheetPartialHeader
)

// readSheet reads one sheet. A sheet without a header is reported by the caller, which knows
// whether other sheets of the workbook had one.
func (p *parser) readSheet(file string, fileIdx, sheetIdx int, sheetName string, rows sheet.Rows) (sheetResult, *Finding, error) {
	pos := Position{File: file, Sheet: sheetName, fileIdx: fileIdx, sheetIdx: sheetIdx}
	var top []sheet.Row
	nonEmpty := false
	for len(top) < HeaderScanRows && rows.Next() {
		r := rows.Row()
		top = append(top, r)
		nonEmpty = nonEmpty || !blank(r.Cells)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, err
	}
	if !nonEmpty && !rows.Next() {
		return sheetEmpty, nil, rows.Err()
	}
	l, ok, partial := findHeader(top, p.headers, p.opts.Columns)
	if !ok {
		f, isPartial := p.noHeader(pos, top, l, partial)
		if isPartial {
			return sheetPartialHeader, &f, nil
		}
		return sheetNoHeader, &f, nil
	}
	src := Source{File: file, Sheet: sheetName, HeaderRow: l.headerRow}
	for _, r := range top {
		if r.Num > l.headerRow {
			p.readRow(pos, l, r, &src)
		}
	}
	for rows.Next() {
		p.readRow(pos, l, rows.Row(), &src)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, err
	}
	p.ds.Sources = append(p.ds.Sources, src)
	return sheetRead, nil, nil
}

// noHeader explains why no header was found: which titles were looked for, in which rows, and
// which were missing from the row that came closest.
func (p *parser) noHeader(pos Position, top []sheet.Row, closest layout, cols [4]int) (Finding, bool) {
	last := HeaderScanRows
	if len(top) > 0 {
		last = top[len(top)-1].Num
	}
	var missing []survey.Key
	found := 0
	for _, k := range survey.Keys {
		if cols[k] == 0 {
			missing = append(missing, k)
		} else if p.opts.Columns[k] == 0 {
			found++
		}
	}
	hint := "name the columns with --columns, for example --columns state=A,partner=B,area=C,type=D"
	if closest.headerRow > 0 && found >= 2 {
		pos.Row = closest.headerRow
		var parts []string
		for _, k := range missing {
			parts = append(parts, fmt.Sprintf("%s (looked for %s)", p.schema.Dim(k).Noun, describeTitles(p.schema, k)))
		}
		return Finding{Pos: pos, Severity: Error, Message: fmt.Sprintf(
			"the header row has no column for the %s; rename the column, or %s", strings.Join(parts, ", nor for the "), hint)}, true
	}
	var parts []string
	for _, k := range survey.Keys {
		parts = append(parts, describeTitles(p.schema, k))
	}
	return Finding{Pos: pos, Severity: Error, Message: fmt.Sprintf(
		"no header row found in rows 1-%d: looked for a row with the columns %s; add such a header row, or %s",
		last, strings.Join(wrapEach(parts), " and "), hint)}, false
}

func wrapEach(parts []string) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = "[" + p + "]"
	}
	return out
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func cell(r sheet.Row, col int) string {
	if col < 1 || col > len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(r.Cells[col-1])
}

// readRow turns one data row into activities, a nil reply, or findings.
func (p *parser) readRow(sheetPos Position, l layout, r sheet.Row, src *Source) {
	if blank(r.Cells) {
		return
	}
	src.Rows++
	pos := sheetPos
	pos.Row = r.Num
	at := func(k survey.Key) Position { q := pos; q.Col = l.cols[k]; return q }

	var text [4]string
	for _, k := range survey.Keys {
		text[k] = cell(r, l.cols[k])
	}
	if p.isHeader(text) {
		// Compiled workbooks often repeat the header where each state's reply was pasted.
		p.add(pos, Note, "skipped: a repeated header row")
		src.Rows--
		return
	}
	dimsFilled := 0
	for _, k := range survey.Dims {
		if text[k] != "" {
			dimsFilled++
		}
	}

	if text[survey.State] == "" {
		if dimsFilled == 0 {
			p.add(pos, Error, "the row has data but no %s, %s, %s or %s; fill them in or delete the row",
				p.noun(survey.State), p.noun(survey.Partner), p.noun(survey.Area), p.noun(survey.Type))
			return
		}
		p.add(at(survey.State), Error, "missing %s: every row with a %s, %s or %s needs the %s that reports it",
			p.noun(survey.State), p.noun(survey.Partner), p.noun(survey.Area), p.noun(survey.Type), p.noun(survey.State))
		return
	}
	if strings.ContainsAny(text[survey.State], ";\n") {
		p.add(at(survey.State), Error, "%q names several %s: put one %s per row",
			text[survey.State], p.schema.Respondents, p.noun(survey.State))
		return
	}
	state, ok := p.matchState(text[survey.State])
	if !ok {
		p.unknown(at(survey.State), survey.State, text[survey.State])
		return
	}
	p.respond(state)

	nilReply := dimsFilled == 0 || p.nil[survey.Normalize(text[survey.Partner])]
	if nilReply {
		if dimsFilled > 0 && (text[survey.Area] != "" || text[survey.Type] != "") {
			p.add(at(survey.Partner), Error, "%q says %s reported no activity, but the row also has an %s or %s; clear them, or name the %s",
				text[survey.Partner], state, p.noun(survey.Area), p.noun(survey.Type), p.noun(survey.Partner))
		}
		return
	}
	bad := false
	var values [4][]int
	for _, k := range survey.Dims {
		if text[k] == "" {
			p.add(at(k), Error, "missing %s: fill it in, or leave %s, %s and %s all empty for a %s with no activity",
				p.noun(k), p.noun(survey.Partner), p.noun(survey.Area), p.noun(survey.Type), p.noun(survey.State))
			bad = true
			continue
		}
		for _, part := range splitValues(text[k]) {
			i, ok := p.matchers[k].Match(part)
			if !ok {
				p.unknown(at(k), k, part)
				bad = true
				continue
			}
			values[k] = append(values[k], i)
		}
	}
	if bad {
		return
	}
	details := p.details(l, r)
	for _, pi := range values[survey.Partner] {
		for _, ai := range values[survey.Area] {
			for _, ti := range values[survey.Type] {
				p.ds.Activities = append(p.ds.Activities, Activity{
					State: state, Partner: pi, Area: ai, Type: ti, Pos: pos, Details: details,
				})
				src.Activities++
			}
		}
	}
}

// isHeader reports whether every key cell holds a title of its own column.
func (p *parser) isHeader(text [4]string) bool {
	for _, k := range survey.Keys {
		if got, ok := p.headers[headerText(text[k])]; !ok || got != k {
			return false
		}
	}
	return true
}

func (p *parser) noun(k survey.Key) string { return p.schema.Dim(k).Noun }

func (p *parser) details(l layout, r sheet.Row) []Detail {
	var out []Detail
	for c := 1; c <= len(r.Cells); c++ {
		title, ok := l.details[c]
		if !ok {
			continue
		}
		if v := strings.TrimSpace(r.Cells[c-1]); v != "" {
			out = append(out, Detail{Title: title, Value: v})
		}
	}
	return out
}

// splitValues splits a cell that lists several values, one per line or separated by ";".
func splitValues(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		if t := strings.TrimSpace(part); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// matchState returns the canonical name of a respondent. Without a list of respondents in the
// schema any name is accepted, and spellings that differ only in case or spacing are one state.
func (p *parser) matchState(name string) (string, bool) {
	m := p.matchers[survey.State]
	if !m.Open() {
		i, ok := m.Match(name)
		if !ok {
			return "", false
		}
		return p.schema.Dim(survey.State).Values[i].Label, true
	}
	key := survey.Normalize(name)
	if c, ok := p.states[key]; ok {
		return c, true
	}
	p.states[key] = name
	return name, true
}

func (p *parser) respond(state string) {
	if !p.seen[state] {
		p.seen[state] = true
		p.ds.Respondents = append(p.ds.Respondents, state)
	}
}

// unknown reports a label that matches no canonical value, with the likely intended one or the
// list of accepted values.
func (p *parser) unknown(pos Position, k survey.Key, label string) {
	noun := p.noun(k)
	if s := p.matchers[k].Suggest(label); s != "" {
		p.add(pos, Error, "unknown %s %q (did you mean %q?)", noun, label, s)
		return
	}
	labels := p.schema.Labels(k)
	if len(labels) > 12 {
		example := fmt.Sprintf("%q", labels[0])
		if aliases := p.schema.Dim(k).Values[0].Aliases; len(aliases) > 0 {
			example += fmt.Sprintf(" or %q", aliases[0])
		}
		p.add(pos, Error, "unknown %s %q: not one of the survey's %d; write it as, for example, %s", noun, label, len(labels), example)
		return
	}
	p.add(pos, Error, "unknown %s %q: use one of %s", noun, label, quoteJoin(labels))
}

func quoteJoin(labels []string) string {
	q := make([]string, len(labels))
	for i, l := range labels {
		q[i] = fmt.Sprintf("%q", l)
	}
	return strings.Join(q, ", ")
}

// TallyInput hands the dataset to the counting core.
func (d *Dataset) TallyInput() tally.Input {
	index := make(map[string]int, len(d.Respondents))
	for i, s := range d.Respondents {
		index[s] = i
	}
	acts := make([]tally.Activity, len(d.Activities))
	for i, a := range d.Activities {
		acts[i] = tally.Activity{State: index[a.State], Partner: a.Partner, Area: a.Area, Type: a.Type}
	}
	return tally.Input{
		States:     d.Respondents,
		Partners:   d.Schema.Labels(survey.Partner),
		Areas:      d.Schema.Labels(survey.Area),
		Types:      d.Schema.Labels(survey.Type),
		Activities: acts,
	}
}
