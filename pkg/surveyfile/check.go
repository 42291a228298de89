package surveyfile

import (
	"fmt"
	"regexp"

	"github.com/goccy/go-yaml/ast"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

var (
	colourRE = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
	hxlRE    = regexp.MustCompile(`^#[a-z][a-z0-9_]*([+-][a-z][a-z0-9_]*)*$`)
)

// check makes the checks that compare values with one another, each reported at the later of
// the two nodes involved.
func (d *decoder) check(s *survey.Schema) {
	for _, k := range survey.Keys {
		d.checkNames(s, k)
		for i, p := range d.pos[k].vals {
			if c := s.Columns[k].Values[i].Colour; c != "" && !colourRE.MatchString(c) {
				d.errAt(p.colour, "colour %q is not of the form #rrggbb: write \"#\" and six hexadecimal digits "+
					"in quotes, e.g. colour: \"#1b9e77\"", c)
			}
		}
	}
	d.checkTitles(s)
	d.checkHXL(s)
}

// owner is the value that a label or alias names, for checkNames.
type owner struct {
	value int
	alias bool
	text  string
	node  ast.Node
}

// checkNames reports a label or alias that would match two values of dimension k, as
// survey.NewMatcher would refuse it, but with the position and a remedy.
func (d *decoder) checkNames(s *survey.Schema, k survey.Key) {
	vals := s.Columns[k].Values
	seen := map[string]owner{}
	for i, v := range vals {
		p := d.pos[k].vals[i]
		names := []owner{{value: i, text: v.Label, node: p.label}}
		for j, a := range v.Aliases {
			names = append(names, owner{value: i, alias: true, text: a, node: p.aliases[j]})
		}
		for _, n := range names {
			key := survey.Normalize(n.text)
			if key == "" {
				continue
			}
			o, taken := seen[key]
			if !taken {
				seen[key] = n
				continue
			}
			if o.value == i {
				continue // a repeated alias of the same value is harmless
			}
			first := vals[o.value].Label
			same := ""
			if o.text != n.text {
				same = fmt.Sprintf(" (%q and %q are the same once case, accents, spacing, \"&\"/\"and\" and a trailing \"*\" are ignored)",
					o.text, n.text)
			}
			switch {
			case o.alias && n.alias:
				d.errAt(n.node, "%q is an alias of both %q and %q; an alias may name one value only%s",
					n.text, first, v.Label, same)
			case n.alias:
				d.errAt(n.node, "alias %q of %q is the label of %q; an alias may name one value only: remove it%s",
					n.text, v.Label, first, same)
			case o.alias:
				d.errAt(n.node, "label %q is already an alias of %q: remove that alias or choose another label%s",
					n.text, first, same)
			default:
				line, _ := position(o.node)
				d.errAt(n.node, "label %q appears twice (first at line %d): each value needs its own label%s",
					n.text, line, same)
			}
		}
	}
}

// headerText reduces a column title as replies compare them.
func headerText(s string) string { return survey.NormalizeTitle(s) }

// checkTitles reports a column title or header that would identify two columns of a reply.
type titleOwner struct {
	key  survey.Key
	node ast.Node
}

func (d *decoder) checkTitles(s *survey.Schema) {
	seen := map[string]titleOwner{}
	for _, k := range survey.Keys {
		col, pos := &s.Columns[k], &d.pos[k]
		titleNode := pos.title
		if titleNode == nil {
			titleNode = pos.key
		}
		titles := []string{col.Title}
		at := []ast.Node{titleNode}
		for i, h := range col.Headers {
			titles = append(titles, h)
			at = append(at, pos.headers[i])
		}
		for i, t := range titles {
			key := headerText(t)
			if key == "" {
				if i > 0 {
					d.errAt(at[i], "header %q is empty once spaces and punctuation are ignored: remove it", t)
				}
				continue
			}
			o, taken := seen[key]
			switch {
			case !taken:
				seen[key] = titleOwner{key: k, node: at[i]}
			case o.key != k:
				where := ""
				if o.node != nil {
					line, _ := position(o.node)
					where = fmt.Sprintf(" (line %d)", line)
				} else {
					where = " (its default title, the respondent)"
				}
				d.errAt(at[i], "column title %q also names the %s column%s; a title may name one column only: "+
					"remove it from one of them", t, o.key, where)
			}
		}
	}
}

// checkHXL reports a malformed or repeated HXL hashtag.
func (d *decoder) checkHXL(s *survey.Schema) {
	seen := map[string]survey.Key{}
	for _, k := range survey.Keys {
		tag, at := s.Columns[k].HXL, d.pos[k].hxl
		if tag == "" {
			continue
		}
		if !hxlRE.MatchString(tag) {
			d.errAt(at, "hxl tag %q is not an HXL hashtag: write \"#\", a lower-case name and any attributes "+
				"as \"+name\" (or \"-name\" for one it must not have), in quotes, e.g. hxl: \"#activity+type\"", tag)
			continue
		}
		if o, taken := seen[tag]; taken {
			d.errAt(at, "hxl tag %q is also the tag of the %s column: each column needs its own tag", tag, o)
			continue
		}
		seen[tag] = k
	}
}
