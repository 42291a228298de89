// Package expect checks the figures a draft note states against an analysis: a YAML file lists
// the figures (respondents, states and activities per partner, area, type and combination,
// shares as the note rounds them), and every one that does not hold is reported with both
// values and its line. It also writes such a file from an analysis, to lock the figures.
package expect

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/mapsurvey/mapsurvey/pkg/percent"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// Figure is one expected figure: where it is in the file and what it says.
type Figure struct {
	Path  string // "partner/Serbia/activity_pct", labels canonical
	Want  string // as written: "24", "24.1"
	Line  int
	value func(a *tally.Analysis) (string, bool) // the figure as mapsurvey shows it at Want's precision
}

// Mismatch is a figure that does not hold.
type Mismatch struct {
	Figure
	Got string
}

func (m Mismatch) String() string {
	return fmt.Sprintf("line %d: %s: the draft says %s, the replies give %s", m.Line, m.Path, m.Want, m.Got)
}

// Error is a problem in the expectation file, with its line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Parse reads an expectation file. Labels may be any spelling the survey accepts.
func Parse(name string, data []byte, s *survey.Schema) ([]Figure, error) {
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, &Error{File: name, Line: 1, Msg: strings.ReplaceAll(err.Error(), "\n", " ")}
	}
	p := &parse{name: name, s: s}
	for k := range p.matchers {
		if m, err := survey.NewMatcher(s.Dim(survey.Key(k))); err == nil {
			p.matchers[k] = m
		}
	}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return nil, nil
	}
	top, ok := mapping(file.Docs[0].Body)
	if !ok {
		return nil, &Error{File: name, Line: line(file.Docs[0].Body), Msg: "expected a mapping of figures (respondents:, partner:, ...)"}
	}
	for _, kv := range top {
		p.top(kv)
	}
	if p.err != nil {
		return nil, p.err
	}
	return p.figures, nil
}

type parse struct {
	name     string
	s        *survey.Schema
	matchers [4]*survey.Matcher
	figures  []Figure
	err      error
}

func (p *parse) fail(n ast.Node, format string, args ...any) {
	if p.err == nil {
		p.err = &Error{File: p.name, Line: line(n), Msg: fmt.Sprintf(format, args...)}
	}
}

var overview = map[string]func(a *tally.Analysis) int{
	"respondents":   func(a *tally.Analysis) int { return a.Respondents },
	"active_states": func(a *tally.Analysis) int { return a.ActiveStates },
	"nil_replies":   func(a *tally.Analysis) int { return a.NilReplies() },
	"activities":    func(a *tally.Analysis) int { return a.Activities },
}

var pairs = map[string][2]survey.Key{
	"partner_area": {survey.Partner, survey.Area},
	"partner_type": {survey.Partner, survey.Type},
	"area_type":    {survey.Area, survey.Type},
}

func (p *parse) top(kv *ast.MappingValueNode) {
	key := kv.Key.GetToken().Value
	if f, ok := overview[key]; ok {
		want := scalar(kv.Value)
		p.figures = append(p.figures, Figure{Path: key, Want: want, Line: line(kv.Value),
			value: func(a *tally.Analysis) (string, bool) { return strconv.Itoa(f(a)), true }})
		if _, err := strconv.Atoi(want); err != nil {
			p.fail(kv.Value, "%s: %q is not a whole number", key, want)
		}
		return
	}
	if k, ok := survey.ParseKey(key); ok && k != survey.State {
		entries, ok := mapping(kv.Value)
		if !ok {
			p.fail(kv.Value, "%s: expected labels, each with its figures", key)
			return
		}
		for _, e := range entries {
			i, ok := p.label(k, e.Key)
			if !ok {
				continue
			}
			label := p.s.Labels(k)[i]
			p.measures(key+"/"+label, e.Value, func(a *tally.Analysis) []tally.Cell { return cells(a, k) }, i)
		}
		return
	}
	if dims, ok := pairs[key]; ok {
		outer, ok := mapping(kv.Value)
		if !ok {
			p.fail(kv.Value, "%s: expected labels, each with labels and their figures", key)
			return
		}
		for _, o := range outer {
			i, ok := p.label(dims[0], o.Key)
			if !ok {
				continue
			}
			inner, ok := mapping(o.Value)
			if !ok {
				p.fail(o.Value, "%s: expected %s labels with their figures", key, p.s.Dim(dims[1]).Noun)
				continue
			}
			for _, in := range inner {
				j, ok := p.label(dims[1], in.Key)
				if !ok {
					continue
				}
				path := key + "/" + p.s.Labels(dims[0])[i] + "/" + p.s.Labels(dims[1])[j]
				row := i
				p.measures(path, in.Value, func(a *tally.Analysis) []tally.Cell { return grid(a, key)[row] }, j)
			}
		}
		return
	}
	p.fail(kv.Key, "unknown figure %q: use respondents, active_states, nil_replies, activities, partner, area, type, partner_area, partner_type or area_type", key)
}

func (p *parse) label(k survey.Key, n ast.Node) (int, bool) {
	text := n.GetToken().Value
	i, ok := p.matchers[k].Match(text)
	if !ok {
		hint := ""
		if s := p.matchers[k].Suggest(text); s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		}
		p.fail(n, "unknown %s %q%s", p.s.Dim(k).Noun, text, hint)
	}
	return i, ok
}

// measures reads {states: 13, activities: 55, activity_pct: 24, state_pct: 86.7} for one cell
// of a column of cells (the column a share is rounded within).
func (p *parse) measures(path string, n ast.Node, column func(*tally.Analysis) []tally.Cell, i int) {
	entries, ok := mapping(n)
	if !ok {
		p.fail(n, "%s: expected {states: N, activities: N, activity_pct: N, state_pct: N}", path)
		return
	}
	for _, e := range entries {
		measure := e.Key.GetToken().Value
		want := scalar(e.Value)
		decimals := decimalsOf(want)
		if _, err := strconv.ParseFloat(want, 64); err != nil || decimals < 0 {
			p.fail(e.Value, "%s/%s: %q is not a number", path, measure, want)
			continue
		}
		var value func(a *tally.Analysis) (string, bool)
		switch measure {
		case "states":
			value = func(a *tally.Analysis) (string, bool) { return strconv.Itoa(column(a)[i].States), true }
		case "activities":
			value = func(a *tally.Analysis) (string, bool) { return strconv.Itoa(column(a)[i].Activities), true }
		case "activity_pct":
			// As the tables show it: rounded within its column so that the column adds up to 100.
			value = func(a *tally.Analysis) (string, bool) {
				col := column(a)
				counts := make([]int, len(col))
				for j, c := range col {
					counts[j] = c.Activities
				}
				return percent.Format(percent.LargestRemainder(counts, a.Activities, decimals)[i], decimals), true
			}
		case "state_pct":
			value = func(a *tally.Analysis) (string, bool) {
				return percent.Format(percent.Round(column(a)[i].States, a.ActiveStates, decimals), decimals), true
			}
		default:
			p.fail(e.Key, "%s: unknown measure %q: use states, activities, activity_pct or state_pct", path, measure)
			continue
		}
		p.figures = append(p.figures, Figure{Path: path + "/" + measure, Want: want, Line: line(e.Value), value: value})
	}
}

// decimalsOf counts the decimals written: "24" 0, "24.1" 1; -1 for something else.
func decimalsOf(s string) int {
	_, frac, found := strings.Cut(s, ".")
	if !found {
		return 0
	}
	if strings.ContainsAny(frac, ".eE") {
		return -1
	}
	return len(frac)
}

// Check returns the figures that do not hold, in file order.
func Check(figures []Figure, a *tally.Analysis) []Mismatch {
	var out []Mismatch
	for _, f := range figures {
		got, _ := f.value(a)
		if !sameNumber(got, f.Want) {
			out = append(out, Mismatch{Figure: f, Got: got})
		}
	}
	return out
}

func sameNumber(a, b string) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil {
		return a == b
	}
	return math.Abs(x-y) < 1e-9
}

func cells(a *tally.Analysis, k survey.Key) []tally.Cell {
	switch k {
	case survey.Partner:
		return a.Partner
	case survey.Area:
		return a.Area
	}
	return a.Type
}

func grid(a *tally.Analysis, key string) [][]tally.Cell {
	switch key {
	case "partner_area":
		return a.PartnerArea
	case "partner_type":
		return a.PartnerType
	}
	return a.AreaType
}

func mapping(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch t := n.(type) {
	case *ast.MappingNode:
		return t.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{t}, true
	}
	return nil, false
}

func scalar(n ast.Node) string {
	if n == nil || n.GetToken() == nil {
		return ""
	}
	return strings.TrimSpace(n.GetToken().Value)
}

func line(n ast.Node) int {
	if n == nil || n.GetToken() == nil || n.GetToken().Position == nil {
		return 1
	}
	return n.GetToken().Position.Line
}
