package surveyfile

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/table"
)

// The keys of each mapping, in the order messages list them.
var (
	rootKeys      = []string{"title", "respondent", "respondents", "nil_words", "doc_number", "classification", "period", "scope", "charts", "dimensions"}
	dimensionKeys = []string{"state", "partner", "area", "type"}
	columnKeys    = []string{"title", "noun", "headers", "hxl", "values", "open", "names"}
	valueKeys     = []string{"label", "aliases", "footnote", "colour", "pseudo"}
)

// decoder walks the YAML syntax tree by hand rather than decoding into structs, so that every
// message can point at the node it is about and say what to write instead.
type decoder struct {
	name    string
	src     []byte
	errs    Errors
	seen    map[Error]bool // errors already reported
	more    int            // errors found beyond maxErrors
	anchors []anchor
	// Where the nodes of each dimension are, for the checks that compare values.
	pos [4]dimPos
}

type anchor struct {
	name   string
	offset int
	node   ast.Node
}

// dimPos holds the nodes of one dimension, parallel to survey.Dimension.
type dimPos struct {
	key     ast.Node // the dimension's key (partner:); nil when the dimension is absent
	title   ast.Node // nil when defaulted
	headers []ast.Node
	hxl     ast.Node
	vals    []valuePos
}

type valuePos struct {
	label   ast.Node
	aliases []ast.Node
	colour  ast.Node
}

// field is one key of a mapping and its value.
type field struct {
	key, val ast.Node
}

// fields is a decoded mapping: its keys and where to report a missing key.
type fields struct {
	at   ast.Node
	vals map[string]field
}

func (f fields) get(key string) (field, bool) {
	v, ok := f.vals[key]
	return v, ok
}

// errAt records a problem at node n.
func (d *decoder) errAt(n ast.Node, format string, args ...any) {
	line, col := position(n)
	e := Error{File: d.name, Line: line, Column: col, Msg: oneLine(fmt.Sprintf(format, args...))}
	if d.seen[e] {
		return // an alias followed twice
	}
	if d.seen == nil {
		d.seen = map[Error]bool{}
	}
	d.seen[e] = true
	if len(d.errs) >= maxErrors {
		d.more++
		return
	}
	d.errs = append(d.errs, &e)
}

// maxErrors is how many problems one file reports at most: past that, the file is likely not a
// schema at all.
const maxErrors = 20

// sort puts the errors in file order; the walk finds them mostly in that order already.
func (d *decoder) sort() {
	defer func() {
		if d.more > 0 {
			d.errs = append(d.errs, &Error{File: d.name, Msg: fmt.Sprintf("%d more problems not shown", d.more)})
		}
	}()
	slices.SortStableFunc(d.errs, func(a, b *Error) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
}

// position is where a node starts: a mapping at its first key, anything else at its token.
func position(n ast.Node) (line, col int) {
	if n == nil {
		return 1, 1
	}
	switch t := n.(type) {
	case *ast.MappingNode:
		if len(t.Values) > 0 {
			return position(t.Values[0].Key)
		}
	case *ast.MappingValueNode:
		return position(t.Key)
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 1, 1
	}
	return tk.Position.Line, tk.Position.Column
}

func (d *decoder) decode() *survey.Schema {
	data := bytes.TrimPrefix(d.src, []byte("\ufeff"))
	if !utf8.Valid(data) {
		d.notUTF8(data)
		return nil
	}
	file, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		d.syntax(err)
		return nil
	}
	var bodies []ast.Node
	for _, doc := range file.Docs {
		if doc != nil && doc.Body != nil {
			bodies = append(bodies, doc.Body)
		}
	}
	if len(bodies) == 0 {
		d.errs = append(d.errs, &Error{File: d.name, Line: 1, Column: 1, Msg: "the file holds no schema: " +
			"write at least title, respondent and dimensions (docs/schema.md has an example)"})
		return nil
	}
	if len(bodies) > 1 {
		d.errAt(bodies[1], "a second YAML document starts here; a schema file holds one survey: "+
			"remove the \"---\" line and what follows, or put it in a file of its own")
		return nil
	}
	ast.Walk(anchorCollector{d}, bodies[0])
	return d.schema(bodies[0])
}

// notUTF8 reports the first byte that is not UTF-8.
func (d *decoder) notUTF8(data []byte) {
	line, col := 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	msg := "the file is not UTF-8 text: save it as UTF-8"
	if bytes.HasPrefix(d.src, []byte{0xff, 0xfe}) || bytes.HasPrefix(d.src, []byte{0xfe, 0xff}) {
		msg = "the file is UTF-16 text: save it as UTF-8"
		line, col = 1, 1
	}
	d.errs = append(d.errs, &Error{File: d.name, Line: line, Column: col, Msg: msg})
}

// syntax reports a YAML syntax error at its position.
func (d *decoder) syntax(err error) {
	var ye yaml.Error
	if !errors.As(err, &ye) || ye.GetToken() == nil || ye.GetToken().Position == nil {
		d.errs = append(d.errs, &Error{File: d.name, Msg: "not valid YAML: " + firstLine(err.Error())})
		return
	}
	pos := ye.GetToken().Position
	msg := ye.GetMessage()
	hint := "check the indentation and quoting here against docs/schema.md"
	if strings.Contains(msg, "\t") {
		msg = strings.ReplaceAll(msg, "\t", `\t`)
		hint = "indent with spaces, not tabs"
	}
	d.errs = append(d.errs, &Error{File: d.name, Line: pos.Line, Column: pos.Column,
		Msg: oneLine(fmt.Sprintf("not valid YAML: %s; %s", msg, hint))})
}

// oneLine keeps a message on one line, whatever text of the file it quotes.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", `\n`, "\n", `\n`, "\r", `\r`).Replace(s)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// anchorCollector records every anchor (&name) so that aliases (*name) can be followed.
type anchorCollector struct{ d *decoder }

func (c anchorCollector) Visit(n ast.Node) ast.Visitor {
	if a, ok := n.(*ast.AnchorNode); ok && a.Name != nil && a.Value != nil {
		c.d.anchors = append(c.d.anchors, anchor{name: a.Name.GetToken().Value, offset: offset(a), node: a.Value})
	}
	return c
}

func offset(n ast.Node) int {
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 0
	}
	return tk.Position.Offset
}

// resolve looks through anchors, tags and aliases to the node that holds the value. It returns
// nil, after reporting it, for an alias of no anchor.
func (d *decoder) resolve(n ast.Node) ast.Node {
	for range 64 {
		switch t := n.(type) {
		case *ast.AnchorNode:
			n = t.Value
		case *ast.TagNode:
			n = t.Value
		case *ast.MappingKeyNode:
			n = t.Value
		case *ast.AliasNode:
			if t.Value == nil {
				d.errAt(t, "an alias (*) needs a name")
				return nil
			}
			name := t.Value.GetToken().Value
			var target ast.Node
			for _, a := range d.anchors {
				if a.name == name && a.offset < offset(t) {
					target = a.node // the latest definition before the alias
				}
			}
			if target == nil {
				d.errAt(t, "alias *%s names no anchor: define &%s before it, or write the value out", name, name)
				return nil
			}
			n = target
		default:
			return n
		}
	}
	d.errAt(n, "too many nested aliases: write the value out")
	return nil
}

// scalarText is the text of a scalar node as written (numbers and booleans included, so that
// "2020" or "yes" can be labels), with surrounding spaces removed.
func scalarText(n ast.Node) (string, bool) {
	switch t := n.(type) {
	case *ast.StringNode:
		return strings.TrimSpace(t.Value), true
	case *ast.LiteralNode:
		if t.Value == nil {
			return "", true
		}
		return strings.TrimSpace(t.Value.Value), true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		if tk := n.GetToken(); tk != nil {
			return strings.TrimSpace(tk.Value), true
		}
	}
	return "", false
}

// kind describes a node for messages.
func kind(n ast.Node) string {
	switch n.(type) {
	case *ast.MappingNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.NullNode, nil:
		return "empty"
	}
	if _, ok := scalarText(n); ok {
		return "text"
	}
	return "a " + strings.ToLower(n.Type().String())
}

// mapping decodes a mapping with the given keys. at is where a missing key is reported (the key
// holding the mapping). An empty value ("partner:") is an empty mapping.
func (d *decoder) mapping(n, at ast.Node, what string, allowed []string) (fields, bool) {
	f := fields{at: at, vals: map[string]field{}}
	n = d.resolve(n)
	if n == nil {
		return f, false
	}
	if at == nil {
		f.at = n
	}
	switch t := n.(type) {
	case *ast.NullNode:
		return f, true
	case *ast.MappingNode:
		for _, mv := range t.Values {
			d.entry(f, mv, what, allowed)
		}
		return f, true
	}
	d.errAt(n, "%s must be a mapping of keys (%s), not %s", what, strings.Join(allowed, ", "), kind(n))
	return f, false
}

func (d *decoder) entry(f fields, mv *ast.MappingValueNode, what string, allowed []string) {
	if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
		d.errAt(mv.Key, "merge keys (<<) are not supported: write the keys out in full")
		return
	}
	key := d.resolve(mv.Key)
	if key == nil {
		return
	}
	name, ok := scalarText(key)
	if !ok {
		d.errAt(mv.Key, "a key must be text, not %s: expected one of %s", kind(key), strings.Join(allowed, ", "))
		return
	}
	if !slices.Contains(allowed, name) {
		d.errAt(mv.Key, "unknown key %q (expected %s)", name, strings.Join(allowed, ", "))
		return
	}
	if prev, dup := f.vals[name]; dup {
		line, _ := position(prev.key)
		d.errAt(mv.Key, "duplicate key %q (first at line %d): keep one", name, line)
		return
	}
	f.vals[name] = field{key: mv.Key, val: mv.Value}
}

// text decodes a scalar. null reports an empty value ("key:" or "key: ~").
func (d *decoder) text(n ast.Node, what string) (s string, null, ok bool) {
	n = d.resolve(n)
	if n == nil {
		return "", false, false
	}
	if _, isNull := n.(*ast.NullNode); isNull {
		return "", true, true
	}
	if s, ok := scalarText(n); ok {
		return s, false, true
	}
	d.errAt(n, "%s must be text, not %s", what, kind(n))
	return "", false, false
}

// item is one entry of a list of text, with its node.
type item struct {
	text string
	node ast.Node
}

// list decodes the list of text under key ("[a, b]" or one "- a" per line). An empty value is an
// empty list.
func (d *decoder) list(n ast.Node, key string) []item {
	r := d.resolve(n)
	if r == nil {
		return nil
	}
	switch t := r.(type) {
	case *ast.NullNode:
		return nil
	case *ast.SequenceNode:
		out := make([]item, 0, len(t.Values))
		for _, v := range t.Values {
			s, null, isText := d.text(v, "each entry of "+key)
			switch {
			case !isText:
			case null || s == "":
				d.errAt(v, "empty entry in %s: remove it", key)
			default:
				out = append(out, item{text: s, node: d.resolve(v)})
			}
		}
		return out
	}
	if s, isText := scalarText(r); isText {
		d.errAt(r, "%s must be a list: write %s: [%s]", key, key, quote(s))
		return nil
	}
	d.errAt(r, "%s must be a list of text, e.g. %s: [a, b], not %s", key, key, kind(r))
	return nil
}

func texts(items []item) []string {
	if len(items) == 0 {
		return nil
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.text
	}
	return out
}

func nodes(items []item) []ast.Node {
	out := make([]ast.Node, len(items))
	for i, it := range items {
		out[i] = it.node
	}
	return out
}

// required decodes a key that must be present and non-empty.
func (d *decoder) required(f fields, key, what, example string) (string, ast.Node) {
	v, ok := f.get(key)
	if !ok {
		d.errAt(f.at, "missing key %q: add %s, e.g. %s: %s", key, what, key, example)
		return "", nil
	}
	s, _, ok := d.text(v.val, key)
	if ok && s == "" {
		d.errAt(v.key, "%s is empty: write %s, e.g. %s: %s", key, what, key, example)
	}
	return s, v.val
}

// optional decodes a key that may be absent; an empty value counts as absent.
func (d *decoder) optional(f fields, key string) (string, ast.Node) {
	v, ok := f.get(key)
	if !ok {
		return "", nil
	}
	s, _, _ := d.text(v.val, key)
	return s, d.resolve(v.val)
}

func (d *decoder) schema(root ast.Node) *survey.Schema {
	f, ok := d.mapping(root, nil, "a survey schema", rootKeys)
	if !ok {
		return nil
	}
	s := &survey.Schema{}
	s.Title, _ = d.required(f, "title", "the survey's title", "EU support to Central Asia")
	var at ast.Node
	s.Respondent, at = d.required(f, "respondent", "what one reply is called", "Donor")
	d.checkFormula("respondent", s.Respondent, at)
	s.Respondents, at = d.optional(f, "respondents")
	d.checkFormula("respondents", s.Respondents, at)
	if s.Respondents == "" && s.Respondent != "" {
		s.Respondents = s.Respondent + "s"
	}
	for _, k := range []struct {
		key string
		to  *string
	}{{"doc_number", &s.DocNumber}, {"classification", &s.Classification}, {"period", &s.Period}, {"scope", &s.Scope}} {
		*k.to, at = d.optional(f, k.key)
		d.checkFormula(k.key, *k.to, at)
	}
	if v, ok := f.get("charts"); ok {
		d.charts(s, v.val)
	}
	if v, ok := f.get("nil_words"); ok {
		items := d.list(v.val, "nil_words")
		s.NilWords = texts(items)
	} else {
		s.NilWords = survey.Builtin().NilWords
	}
	v, ok := f.get("dimensions")
	if !ok {
		d.errAt(f.at, "missing key \"dimensions\": add the columns partner, area and type (and optionally state); "+
			"docs/schema.md has an example")
		return s
	}
	dims, ok := d.mapping(v.val, v.key, "dimensions", dimensionKeys)
	if !ok {
		return s
	}
	for _, k := range survey.Keys {
		d.dimension(s, k, dims)
	}
	d.check(s)
	return s
}

// charts decodes the order of the report's main charts: names as survey.MainCharts spells
// them, each once; an unknown name is refused at its position, with the closest name.
func (d *decoder) charts(s *survey.Schema, n ast.Node) {
	items := d.list(n, "charts")
	canonical, problems := survey.CheckCharts(texts(items))
	for i, it := range items {
		if msg, bad := problems[i]; bad {
			d.errAt(it.node, "%s", msg)
		}
	}
	s.Charts = append([]string{}, canonical...)
}

// dimension decodes one column and fills in its defaults.
func (d *decoder) dimension(s *survey.Schema, k survey.Key, dims fields) {
	col := &s.Columns[k]
	pos := &d.pos[k]
	v, given := dims.get(k.String())
	if !given {
		if k == survey.State {
			col.Title, col.Noun = s.Respondent, s.Respondent
			return
		}
		d.errAt(dims.at, "missing dimension %q: add %s: with a title and values", k, k)
		return
	}
	pos.key = v.key
	f, ok := d.mapping(v.val, v.key, "dimension "+k.String(), columnKeys)
	if !ok {
		return
	}
	if k == survey.State {
		col.Title, pos.title = d.optional(f, "title")
		if col.Title == "" {
			col.Title = s.Respondent
		}
	} else {
		col.Title, pos.title = d.required(f, "title", "the column's title in tables", map[survey.Key]string{
			survey.Partner: "Country", survey.Area: "Field", survey.Type: "Type of support"}[k])
	}
	d.checkFormula("title", col.Title, pos.title)
	var nounAt ast.Node
	col.Noun, nounAt = d.optional(f, "noun")
	d.checkFormula("noun", col.Noun, nounAt)
	if col.Noun == "" {
		if k == survey.State {
			col.Noun = s.Respondent
		} else {
			col.Noun = strings.ToLower(col.Title)
		}
	}
	if h, ok := f.get("headers"); ok {
		items := d.list(h.val, "headers")
		col.Headers, pos.headers = texts(items), nodes(items)
	}
	if h, ok := f.get("hxl"); ok {
		tag, null, _ := d.text(h.val, "hxl")
		if null {
			d.errAt(h.key, "hxl is empty: write the tag in quotes, e.g. hxl: \"#country\" "+
				"(an unquoted # starts a comment)")
		}
		col.HXL, pos.hxl = tag, d.resolve(h.val)
	}
	var openOK bool
	col.Open, openOK = d.flag(f, "open", "true: any value is a category, besides those listed")
	col.Names, _ = d.flag(f, "names", "true: the labels are names, written as they are in sentences")
	vals, ok := f.get("values")
	entries := 0
	if ok {
		col.Values, pos.vals, entries = d.values(vals.val, k)
	}
	// Entries that were all wrong have been reported each.
	if k != survey.State && entries == 0 && !col.Open && openOK {
		at := v.key
		if ok {
			at = vals.key
		}
		d.errAt(at, "%s has no values: list them under values, e.g. values: [%s], or accept any value with open: true", k,
			map[survey.Key]string{survey.Partner: "Kazakhstan, Kyrgyzstan", survey.Area: "Border management, Migration",
				survey.Type: "Training, Equipment"}[k])
	}
}

// flag decodes an optional true/false key; what says what true means, for the message. ok is
// false when the key is given something else (an error is reported).
func (d *decoder) flag(f fields, key, what string) (value, ok bool) {
	v, given := f.get(key)
	if !given {
		return false, true
	}
	b, isBool := d.resolve(v.val).(*ast.BoolNode)
	if !isBool {
		d.errAt(v.key, "%s must be true or false (%s)", key, what)
		return false, false
	}
	return b.Value, true
}

// values decodes the list of values of a dimension; each is a label or a mapping. entries counts
// the list's entries, right or wrong (-1 when the list itself is wrong).
func (d *decoder) values(n ast.Node, k survey.Key) (vals []survey.Value, pos []valuePos, entries int) {
	r := d.resolve(n)
	if r == nil {
		return nil, nil, -1
	}
	switch t := r.(type) {
	case *ast.NullNode:
		return nil, nil, 0
	case *ast.SequenceNode:
		for _, item := range t.Values {
			v, p, ok := d.value(item)
			if ok && v.Pseudo && k != survey.Partner {
				d.errAt(item, "pseudo: true is for %s values only (a partner that is not one, such as a region): "+
					"remove it from %s %q", survey.Partner, k, v.Label)
				ok = false
			}
			if ok {
				vals, pos = append(vals, v), append(pos, p)
			}
		}
		return vals, pos, len(t.Values)
	}
	d.errAt(r, "values of %s must be a list, one value per line (\"- label\"), not %s", k, kind(r))
	return nil, nil, -1
}

func (d *decoder) value(n ast.Node) (survey.Value, valuePos, bool) {
	var v survey.Value
	var p valuePos
	r := d.resolve(n)
	if r == nil {
		return v, p, false
	}
	if _, ok := r.(*ast.NullNode); ok {
		d.errAt(n, "empty entry in values: write a label or remove the line")
		return v, p, false
	}
	if s, ok := scalarText(r); ok {
		v.Label, p.label = s, r
		return v, p, d.checkLabel(s, r)
	}
	if _, ok := r.(*ast.MappingNode); !ok {
		d.errAt(r, "a value must be a label or a mapping of keys (%s), not %s", strings.Join(valueKeys, ", "), kind(r))
		return v, p, false
	}
	f, _ := d.mapping(r, r, "a value", valueKeys)
	lv, ok := f.get("label")
	if !ok {
		d.errAt(r, "value without a label: add label: NAME")
		return v, p, false
	}
	s, _, ok := d.text(lv.val, "label")
	if !ok {
		return v, p, false
	}
	v.Label, p.label = s, d.resolve(lv.val)
	if !d.checkLabel(s, lv.key) {
		return v, p, false
	}
	if a, ok := f.get("aliases"); ok {
		items := d.list(a.val, "aliases")
		for _, it := range items {
			if survey.Normalize(it.text) == "" {
				d.errAt(it.node, "alias %q is empty once spaces and a trailing \"*\" are ignored: remove it", it.text)
				continue
			}
			v.Aliases = append(v.Aliases, it.text)
			p.aliases = append(p.aliases, it.node)
		}
	}
	v.Footnote, _ = d.optional(f, "footnote")
	if c, ok := f.get("colour"); ok {
		s, null, _ := d.text(c.val, "colour")
		if null {
			d.errAt(c.key, "colour is empty: write it in quotes, e.g. colour: \"#1b9e77\" "+
				"(an unquoted # starts a comment)")
		}
		v.Colour, p.colour = s, d.resolve(c.val)
	}
	if ps, ok := f.get("pseudo"); ok {
		b, isBool := d.resolve(ps.val).(*ast.BoolNode)
		if !isBool {
			d.errAt(ps.key, "pseudo must be true or false (true: %q is not a real partner and is not ranked)", v.Label)
			return v, p, false
		}
		v.Pseudo = b.Value
	}
	return v, p, true
}

// checkLabel reports a label that would match nothing.
func (d *decoder) checkLabel(s string, at ast.Node) bool {
	switch {
	case s == "":
		d.errAt(at, "empty label: write the value's name, or remove the entry")
		return false
	case survey.Normalize(s) == "":
		d.errAt(at, "label %q is empty once spaces and a trailing \"*\" are ignored: write the value's name", s)
		return false
	}
	return d.checkFormula("label", s, at)
}

// checkFormula reports text that a spreadsheet program would run as a formula when it opens
// a CSV output (CSV outputs escape it too, but a label should read the same everywhere).
func (d *decoder) checkFormula(what, s string, at ast.Node) bool {
	r, ok := table.FormulaStart(s)
	if !ok {
		return true
	}
	d.errAt(at, "%s %q starts with %q, which makes spreadsheet programs run it as a formula: "+
		"write it without that character", what, s, string(r))
	return false
}
