package layout

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/cellref"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// ScanRows is how many rows at the top of a table are searched for its header row.
const ScanRows = 20

// MaxCount is the largest count a cell may hold: a count stands for that many activities, and
// a pasted year or budget must not become thousands of them.
const MaxCount = 100

// What a column holds: nothing read, a value across (a tick-box column), a key (labels down the
// side, or a titled column), the description.
const (
	ignored = iota
	valueCol
	keyCol
	descCol
)

type column struct {
	role   int
	key    survey.Key // keyCol: the key it holds; valueCol: the key of its header value
	titled bool       // keyCol: its header names it; false when its cells told the key
	value  int        // valueCol: the index of its value
	text   string     // the header cell
	header Cell
}

// colStats is what a column holds under the header, found in one pass over the cells.
type colStats struct {
	text       bool
	tick, mark Cell   // the first tick, the first tick or count
	hits       [4]int // cells that name a value of each key (columns left of the values only)
}

type detector struct {
	s       *survey.Schema
	m       [4]*survey.Matcher
	titles  map[string]survey.Key
	ctx     Context
	rows    []Row
	header  int // index in rows
	width   int
	cols    []column // 1-based: cols[0] unused
	active  []int    // the columns that are not ignored, in order
	stats   []colStats
	across  survey.Key
	hasCell bool       // the cells list values of cellKey
	cellKey survey.Key // the key the cells list, when hasCell
	t       *Table
}

// Detect finds a tick-box or grid table in rows and reads it. With mode Auto it returns nil
// and no error when the rows hold no such table (a sheet of instructions, or a long table the
// caller reads); with Ticks or Grid that is an error saying what was expected. An error is a
// table that looks hand-drawn but cannot be read; Table.Problems are cells that cannot be read
// in a table that can.
func Detect(rows []Row, s *survey.Schema, ctx Context, mode Mode) (*Table, error) {
	d, err := newDetector(rows, s, ctx)
	if err != nil {
		return nil, err
	}
	return d.detect(mode)
}

// DetectAll is Detect for a sheet that may hold several tables one under another, each with
// its header row and, just above it, the title that names it ("Serbia", then its grid;
// "Albania", then its). A table that cannot be read makes the sheet an error.
func DetectAll(rows []Row, s *survey.Schema, ctx Context, mode Mode) ([]*Table, error) {
	d, err := newDetector(rows, s, ctx)
	if err != nil {
		return nil, err
	}
	starts := d.blocks()
	if len(starts) == 0 {
		tab, err := d.detect(mode)
		if tab == nil {
			return nil, err
		}
		return []*Table{tab}, err
	}
	var tabs []*Table
	for i, start := range starts {
		end := len(rows)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		tab, err := Detect(rows[start:end], s, ctx, max(mode, Ticks))
		if err != nil {
			return nil, err
		}
		tabs = append(tabs, tab)
	}
	return tabs, nil
}

// blocks finds where the tables of a sheet start when it holds more than one: the index of
// each table's first row (its title rows, then its header). It returns nil for one table.
func (d *detector) blocks() []int {
	if !d.findHeader() {
		return nil
	}
	var headers []int
	for i := d.header + 1; i < len(d.rows); i++ {
		if d.acrossValues(d.rows[i]) >= 2 && !d.namesOther(d.rows[i]) {
			headers = append(headers, i)
		}
	}
	if len(headers) == 0 {
		return nil
	}
	label := d.labelOfFirst(headers[0])
	starts := []int{0}
	for _, h := range headers {
		start := h
		for i := h - 1; i > starts[len(starts)-1]; i-- {
			if blankRow(d.rows[i]) {
				continue
			}
			if !d.titleRow(d.rows[i], label) {
				break
			}
			start = i
		}
		starts = append(starts, start)
	}
	return starts
}

// acrossValues counts the distinct values of the key across that a row names.
func (d *detector) acrossValues(r Row) int {
	seen := map[int]bool{}
	for _, c := range r.Cells {
		if v, ok := d.m[d.across].Match(strings.TrimSpace(c)); ok {
			seen[v] = true
		}
	}
	return len(seen)
}

// namesOther says whether a row names a value of another key than the one across: a data row
// whose marks are the values' own names ("Equipment" under Equipment) has its labels.
func (d *detector) namesOther(r Row) bool {
	for _, c := range r.Cells {
		t := strings.TrimSpace(c)
		if _, ok := d.m[d.across].Match(t); ok || t == "" {
			continue
		}
		for _, k := range survey.Keys {
			if _, ok := d.m[k].Match(t); ok && k != d.across && !d.m[k].Open() {
				return true
			}
		}
	}
	return false
}

// labelOfFirst is the key that the first cells of the first table's rows name (its row
// labels), or -1.
func (d *detector) labelOfFirst(end int) survey.Key {
	var hits [4]int
	for _, r := range d.rows[d.header+1 : end] {
		t := cellText(r, 1)
		for _, k := range survey.Keys {
			if _, ok := d.m[k].Match(t); ok && t != "" && k != d.across {
				hits[k]++
			}
		}
	}
	best, bestN := survey.Key(-1), 0
	for _, k := range survey.Keys {
		if hits[k] > bestN {
			best, bestN = k, hits[k]
		}
	}
	return best
}

// titleRow says whether a row above a header is its title: one cell of text, which is not a
// row label of the table above.
func (d *detector) titleRow(r Row, label survey.Key) bool {
	text := ""
	for _, c := range r.Cells {
		if t := strings.TrimSpace(c); t != "" {
			if text != "" {
				return false
			}
			text = t
		}
	}
	if label >= 0 {
		if _, ok := d.m[label].Match(text); ok {
			return false
		}
	}
	return !isTotal(text)
}

func newDetector(rows []Row, s *survey.Schema, ctx Context) (*detector, error) {
	d := &detector{s: s, ctx: ctx, rows: rows, titles: map[string]survey.Key{}}
	for _, k := range survey.Keys {
		m, err := survey.NewMatcher(s.Dim(k))
		if err != nil {
			return nil, fmt.Errorf("survey schema: %s: %w", k, err)
		}
		d.m[k] = m
		dim := s.Dim(k)
		for _, t := range append([]string{dim.Title}, dim.Headers...) {
			if h := survey.NormalizeTitle(t); h != "" {
				if _, taken := d.titles[h]; !taken {
					d.titles[h] = k
				}
			}
		}
	}
	return d, nil
}

func (d *detector) detect(mode Mode) (*Table, error) {
	if !d.findHeader() {
		if mode == Auto {
			return nil, nil
		}
		return nil, &Error{NotFound: true, Message: fmt.Sprintf("expected a %s table: a header row, in the first %d rows, that names two or more %s across the top; found none. Put the values across one row, or read the sheet with --layout long",
			pick(mode == Grid, "grid", "tick-box"), ScanRows, d.valueNouns())}
	}
	if err := d.roles(); err != nil {
		return nil, err
	}
	if err := d.fix(); err != nil {
		return nil, err
	}
	d.t.HeaderRow = d.rows[d.header].Num
	d.t.Mode = Ticks
	if d.keyCols() == 1 {
		d.t.Mode = Grid
	}
	d.body()
	d.t.Describe = d.describe()
	return d.t, nil
}

// valueNouns lists the kinds of value a header may hold: "types of support, partners or areas".
func (d *detector) valueNouns() string {
	var nouns []string
	for _, k := range []survey.Key{survey.Type, survey.Partner, survey.Area, survey.State} {
		if !d.m[k].Open() {
			nouns = append(nouns, d.plural(k))
		}
	}
	if len(nouns) < 2 {
		return strings.Join(nouns, "")
	}
	return strings.Join(nouns[:len(nouns)-1], ", ") + " or " + nouns[len(nouns)-1]
}

func cellText(r Row, col int) string {
	if col < 1 || col > len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(r.Cells[col-1])
}

// findHeader picks the row, among the first ScanRows, whose cells name the most distinct values
// of one key (at least two): the values across the top.
func (d *detector) findHeader() bool {
	best, bestN := -1, 1
	for i := 0; i < len(d.rows) && i < ScanRows; i++ {
		for _, k := range []survey.Key{survey.Type, survey.Partner, survey.Area, survey.State} {
			if d.m[k].Open() {
				continue
			}
			seen := map[int]bool{}
			for _, c := range d.rows[i].Cells {
				if v, ok := d.m[k].Match(strings.TrimSpace(c)); ok {
					seen[v] = true
				}
			}
			if len(seen) > bestN {
				best, bestN, d.across = i, len(seen), k
			}
		}
	}
	if best < 0 {
		return false
	}
	d.header = best
	for _, r := range d.rows {
		d.width = max(d.width, len(r.Cells))
	}
	d.t = &Table{}
	return true
}

func (d *detector) keyCols() int {
	n := 0
	for _, c := range d.active {
		if d.cols[c].role == keyCol {
			n++
		}
	}
	return n
}

// roles says what each column holds.
func (d *detector) roles() error {
	h := d.rows[d.header]
	d.cols = make([]column, d.width+1)
	firstValue := 0
	taken := map[int]int{}
	for c := 1; c <= d.width; c++ {
		text := cellText(h, c)
		if v, ok := d.m[d.across].Match(text); ok && text != "" {
			if prev, dup := taken[v]; dup {
				return &Error{At: Cell{h.Num, c}, Message: fmt.Sprintf("columns %s and %s both stand for %s %q: give each %s one column",
					cellref.ColumnName(prev), cellref.ColumnName(c), d.s.Dim(d.across).Noun, d.s.Dim(d.across).Values[v].Label, d.s.Dim(d.across).Noun)}
			}
			taken[v] = c
			d.cols[c] = column{role: valueCol, key: d.across, value: v, text: text, header: Cell{h.Num, c}}
			if firstValue == 0 {
				firstValue = c
			}
		}
	}
	d.collect(firstValue)
	used := map[survey.Key]int{}
	for c := 1; c <= d.width; c++ {
		if d.cols[c].role == valueCol {
			continue
		}
		at := Cell{h.Num, c}
		text := cellText(h, c)
		if text == "" && d.header > 0 {
			// A two-row header: the title above, often merged over the columns below.
			if up := cellText(d.rows[d.header-1], c); up != "" {
				if _, ok := d.titles[survey.NormalizeTitle(up)]; ok {
					text, at = up, Cell{d.rows[d.header-1].Num, c}
				}
			}
		}
		col := column{text: text, header: at}
		title := survey.NormalizeTitle(text)
		k, isKey := d.titles[title]
		switch {
		case isKey && k == d.across:
			if d.hasText(c) {
				return &Error{At: at, Message: fmt.Sprintf("column %s is titled %q, but the %s are the columns %s; put each in its column, or leave column %s empty",
					cellref.ColumnName(c), text, d.plural(k), d.acrossList(), cellref.ColumnName(c))}
			}
		case isKey:
			if prev, dup := used[k]; dup {
				return &Error{At: at, Message: fmt.Sprintf("columns %s and %s are both titled as the %s column: keep one", cellref.ColumnName(prev), cellref.ColumnName(c), d.s.Dim(k).Noun)}
			}
			used[k] = c
			col.role, col.key, col.titled = keyCol, k, true
		case c < firstValue && !isDescription(title) && d.isLabelColumn(c, used):
			// Row labels, under an empty corner cell or one such as "Area \ type".
			k, _ := d.labelKey(c, used)
			used[k] = c
			col.role, col.key = keyCol, k
		case text == "":
			if at, ok := d.firstMark(c, true); ok {
				d.t.Problems = append(d.t.Problems, Problem{At: at, Message: fmt.Sprintf(
					"a mark in column %s, which has no title in row %d: give the column the name of the %s it stands for, or clear it",
					cellref.ColumnName(c), h.Num, d.s.Dim(d.across).Noun)})
			}
		case isDescription(title):
			col.role = descCol
		default:
			if at, ok := d.firstMark(c, false); ok && !isTotal(text) {
				hint := ""
				if s := d.m[d.across].Suggest(text); s != "" {
					hint = fmt.Sprintf(" (did you mean %q?)", s)
				}
				d.t.Problems = append(d.t.Problems, Problem{At: Cell{h.Num, c}, Message: fmt.Sprintf(
					"column %s is titled %q, which is not a %s%s, but holds marks (%s): rename the column, or clear its marks",
					cellref.ColumnName(c), text, d.s.Dim(d.across).Noun, hint, cellName(at))})
			}
		}
		d.cols[c] = col
	}
	for c := 1; c <= d.width; c++ {
		if d.cols[c].role != ignored {
			d.active = append(d.active, c)
		}
	}
	return nil
}

// collect reads every cell under the header once: a sheet with a cell far to the right must
// not cost its width for every row.
func (d *detector) collect(firstValue int) {
	d.stats = make([]colStats, d.width+1)
	for _, r := range d.rows[d.header+1:] {
		for i, raw := range r.Cells {
			t := strings.TrimSpace(raw)
			if t == "" {
				continue
			}
			c := i + 1
			st := &d.stats[c]
			st.text = true
			at := Cell{r.Num, c}
			if isTick(t) && st.tick == (Cell{}) {
				st.tick = at
			}
			if (isTick(t) || isCount(t)) && st.mark == (Cell{}) {
				st.mark = at
			}
			if c < firstValue {
				for _, k := range survey.Keys {
					if _, ok := d.m[k].Match(t); ok && !d.m[k].Open() {
						st.hits[k]++
					}
				}
			}
		}
	}
}

func (d *detector) acrossList() string {
	var names []string
	for c := 1; c < len(d.cols); c++ {
		if d.cols[c].role == valueCol {
			names = append(names, cellref.ColumnName(c))
		}
	}
	return andList(names)
}

// hasText says whether a column holds text under the header.
func (d *detector) hasText(c int) bool { return d.stats[c].text }

func (d *detector) isLabelColumn(c int, used map[survey.Key]int) bool {
	_, ok := d.labelKey(c, used)
	return ok
}

// labelKey tells which key an untitled column's cells name: the key most of its cells match,
// when at least one does and it is not the key across nor a column already.
func (d *detector) labelKey(c int, used map[survey.Key]int) (survey.Key, bool) {
	hits := d.stats[c].hits
	best, bestN := survey.State, 0
	for _, k := range survey.Keys {
		if _, dup := used[k]; dup || k == d.across {
			continue
		}
		if hits[k] > bestN {
			best, bestN = k, hits[k]
		}
	}
	return best, bestN > 0
}

// firstMark finds the first cell under the header holding a tick (or, withCounts, a tick or a
// count).
func (d *detector) firstMark(c int, withCounts bool) (Cell, bool) {
	at := d.stats[c].tick
	if withCounts {
		at = d.stats[c].mark
	}
	return at, at != (Cell{})
}

func isDescription(title string) bool {
	return strings.Contains(title, "description") || title == "activity" || title == "project" || title == "title" || title == "activity title"
}

// fix finds the keys that no column gives in the context, and the key the cells list.
func (d *detector) fix() error {
	var missing []survey.Key
	for _, k := range survey.Keys {
		if k != d.across && d.col(k) == 0 {
			missing = append(missing, k)
		}
	}
	sources := d.sources()
	var open []survey.Key
	for _, k := range missing {
		found := false
		if base := stripExt(baseName(d.ctx.File)); k == survey.State && d.m[k].Open() && strings.TrimSpace(base) != "" {
			// Without a list of respondents the file's whole name is one, as in the long layout.
			d.t.Fixed[k], d.t.FixedFrom[k] = strings.TrimSpace(base), "the file name "+quote(baseName(d.ctx.File))
			found = true
		}
		if !d.m[k].Open() {
			for _, src := range sources {
				if v, ok := d.named(src.text, k); ok {
					d.t.Fixed[k], d.t.FixedFrom[k] = v, src.name
					found = true
					break
				}
			}
		}
		if !found {
			open = append(open, k)
		}
	}
	switch {
	case len(open) == 0:
		return nil
	case len(open) == 1 && !d.m[open[0]].Open() && (open[0] != survey.State || !d.marked()):
		// The cells list it: "Equipment; Expert assistance", or the states: "AT; DE". A table of
		// marks with no state named is a reply nobody sent.
		d.hasCell, d.cellKey = true, open[0]
		return nil
	}
	var nouns []string
	for _, k := range open {
		nouns = append(nouns, d.s.Dim(k).Noun)
	}
	where := "a column, a title above the table, the sheet's name or the file's name"
	return &Error{At: d.t0(), Message: fmt.Sprintf("the table (header in row %d, %s across) does not say which %s it is about: expected it in %s; name %s there, or add a column for %s",
		d.rows[d.header].Num, d.plural(d.across), andList(nouns), where, pick(len(open) == 1, "it", "them"), pick(len(open) == 1, "it", "each"))}
}

// marked says whether a value cell holds a tick or a count.
func (d *detector) marked() bool {
	for _, c := range d.active {
		if d.cols[c].role == valueCol {
			if _, ok := d.firstMark(c, true); ok {
				return true
			}
		}
	}
	return false
}

// plural is the plural of key k's noun: the schema's word for respondents, "types of support".
func (d *detector) plural(k survey.Key) string {
	if k == survey.State && d.s.Respondents != "" {
		return d.s.Respondents
	}
	return survey.Plural(d.s.Dim(k).Noun)
}

func (d *detector) t0() Cell { return Cell{d.rows[d.header].Num, 0} }

func (d *detector) col(k survey.Key) int {
	for _, c := range d.active {
		if d.cols[c].role == keyCol && d.cols[c].key == k {
			return c
		}
	}
	return 0
}

type source struct{ text, name string }

// sources lists the texts that may name what the table does not: title cells above the header,
// the caption, the sheet's name, the file's name, in that order.
func (d *detector) sources() []source {
	var out []source
	for _, r := range d.rows[:d.header] {
		for c := range r.Cells {
			if t := strings.TrimSpace(r.Cells[c]); t != "" {
				out = append(out, source{t, fmt.Sprintf("the title %s (%s)", quote(t), cellName(Cell{r.Num, c + 1}))})
			}
		}
	}
	// The corner cell above the row labels: "Serbia", "Austria - Serbia".
	for c := 1; c <= d.width; c++ {
		if col := d.cols[c]; col.role == keyCol && !col.titled && col.text != "" {
			out = append(out, source{col.text, fmt.Sprintf("the corner cell %s (%s)", quote(col.text), cellName(col.header))})
		}
	}
	// A Word table's caption holds up to three lines, the widest first (the document's title,
	// the heading, the paragraph under it): the nearest to the table is asked first.
	if d.ctx.Caption != "" {
		lines := strings.Split(d.ctx.Caption, "\n")
		for i := len(lines) - 1; i >= 0; i-- {
			if t := strings.TrimSpace(lines[i]); t != "" {
				out = append(out, source{t, "the heading " + quote(t)})
			}
		}
	}
	if d.ctx.Sheet != "" {
		out = append(out, source{d.ctx.Sheet, "the sheet name " + quote(d.ctx.Sheet)})
	}
	if base := baseName(d.ctx.File); base != "" {
		out = append(out, source{stripExt(base), "the file name " + quote(base)})
	}
	return out
}

// maxTitleWords bounds the words of a title searched for names: a pasted paragraph is no title.
const maxTitleWords = 40

// named finds the one value of k a text names: "Reply of Austria" names Austria, "AT - reply"
// too. Codes count only in capitals, so that a word such as "it" is not taken for Italy. A text
// that names two values of k names none.
func (d *detector) named(text string, k survey.Key) (string, bool) {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 && !isSpaceOrPunct(r)) && r != '.' && r != '\'' && r != '*'
	})
	if len(words) > maxTitleWords {
		return "", false
	}
	found := -1
	for n := min(len(words), 6); n >= 1; n-- {
		for i := 0; i+n <= len(words); i++ {
			candidate := strings.Join(words[i:i+n], " ")
			v, ok := d.m[k].Match(candidate)
			if ok && n == 1 && len([]rune(candidate)) <= 3 && candidate != strings.ToUpper(candidate) && !d.spelled(k, v, candidate) {
				continue // "it" is no Italy; "BiH", written as the schema writes it, is Bosnia
			}
			if ok {
				if found >= 0 && found != v {
					return "", false
				}
				found = v
			}
		}
	}
	if found < 0 {
		return "", false
	}
	return d.s.Dim(k).Values[found].Label, true
}

// spelled says whether text is written exactly as a label or alias of value v of k.
func (d *detector) spelled(k survey.Key, v int, text string) bool {
	val := d.s.Dim(k).Values[v]
	return text == val.Label || slices.Contains(val.Aliases, text)
}

func isSpaceOrPunct(r rune) bool {
	switch r {
	case '\u00a0', '\u2013', '\u2014', '\u2019', '\u201c', '\u201d', '\u2022':
		return true
	}
	return false
}

// body reads the rows under the header into records.
func (d *detector) body() {
	stateCol := d.col(survey.State)
	for _, r := range d.rows[d.header+1:] {
		if blankRow(r) {
			continue
		}
		d.row(r, stateCol)
	}
	for _, rec := range d.t.Records {
		if rec.Text[survey.Partner] != "" || rec.Text[survey.Area] != "" || rec.Text[survey.Type] != "" {
			d.t.Activities++
		}
	}
}

func (d *detector) row(r Row, stateCol int) {
	var base Record
	for _, k := range survey.Keys {
		if d.t.Fixed[k] != "" {
			base.Text[k] = d.t.Fixed[k]
		}
	}
	var problems []Problem
	keyText := false // a titled key cell other than the state's has text
	label := ""      // the row label of an untitled key column
	for _, c := range d.active {
		col := d.cols[c]
		t := cellText(r, c)
		switch col.role {
		case keyCol:
			base.Text[col.key], base.From[col.key] = t, Cell{r.Num, c}
			if t == "" {
				continue
			}
			if isTotal(t) {
				return // a total row repeats what the rows above say
			}
			if !col.titled && col.key != survey.State {
				label = t
			}
			if col.key != survey.State && col.titled {
				keyText = true
			}
		case descCol:
			base.Desc = t
		}
	}
	if d.sameHeader(r) {
		d.t.Problems = append(d.t.Problems, Problem{At: Cell{r.Num, 0}, Message: fmt.Sprintf(
			"a second header row (the header is row %d): put each table on a sheet of its own", d.rows[d.header].Num)})
		return
	}
	var recs []Record
	for _, c := range d.active {
		col := d.cols[c]
		if col.role != valueCol {
			continue
		}
		at := Cell{r.Num, c}
		t := cellText(r, c)
		n, items, bad := d.classify(t, col.value)
		if slices.Contains(r.NoValue, c) {
			bad = "the cell holds a formula with no stored value: open the file in Excel or LibreOffice and save it, or type the value in"
		}
		switch {
		case bad != "":
			problems = append(problems, Problem{At: at, Message: bad, RowLevel: true})
		case n > 0 && d.hasCell:
			problems = append(problems, Problem{At: at, Message: fmt.Sprintf(
				"%s is a mark, but the table does not say which %s: list the %s in the cell (%s), or name the %s in a title above the table or in the sheet's name",
				quote(t), d.s.Dim(d.cellKey).Noun, d.plural(d.cellKey), d.example(d.cellKey), d.s.Dim(d.cellKey).Noun), RowLevel: true})
		case n > 0:
			rec := base
			rec.Text[d.across], rec.From[d.across], rec.At = col.text, col.header, at
			for range n {
				recs = append(recs, rec)
			}
		default:
			for _, it := range items {
				rec := base
				rec.Text[d.across], rec.From[d.across], rec.At = col.text, col.header, at
				rec.Text[d.cellKey], rec.From[d.cellKey] = it.label, at
				for range it.n {
					recs = append(recs, rec)
				}
			}
		}
	}
	if len(problems) == 0 && len(recs) > 0 {
		problems = d.checkLabels(r, base)
	}
	if len(problems) > 0 {
		d.t.Problems = append(d.t.Problems, problems...)
		return
	}
	if len(recs) > 0 {
		d.t.Records = append(d.t.Records, recs...)
		return
	}
	// Nothing ticked.
	switch {
	case keyText && d.t.Mode == Ticks:
		d.t.Problems = append(d.t.Problems, Problem{At: Cell{r.Num, 0}, RowLevel: true, Message: fmt.Sprintf(
			"the row ticks no %s (columns %s): tick one, or delete the row", d.s.Dim(d.across).Noun, d.acrossList())})
	case stateCol > 0 && base.Text[survey.State] != "" && label == "":
		// A respondent with nothing ticked: a nil reply.
		nilRec := Record{At: Cell{r.Num, stateCol}}
		nilRec.Text[survey.State], nilRec.From[survey.State] = base.Text[survey.State], Cell{r.Num, stateCol}
		d.t.Records = append(d.t.Records, nilRec)
	case label != "":
		d.unmarkedLabel(r, label)
	}
}

// unmarkedLabel checks a row label with no marks: a note under the grid is fine, but a value of
// a key the context fixed (a second partner's name in a sheet named after one) starts another
// table, which would be read as the first.
func (d *detector) unmarkedLabel(r Row, label string) {
	for _, k := range survey.Keys {
		if d.t.Fixed[k] == "" {
			continue
		}
		if v, ok := d.named(label, k); ok && v != d.t.Fixed[k] && !d.labelMatches(label) {
			d.t.Problems = append(d.t.Problems, Problem{At: Cell{r.Num, d.labelCol()}, Message: fmt.Sprintf(
				"%s names %s %s inside a table that %s gives as %s: put each %s's table on a sheet of its own",
				quote(label), d.s.Dim(k).Noun, v, d.t.FixedFrom[k], d.t.Fixed[k], d.s.Dim(k).Noun)})
			return
		}
	}
}

func (d *detector) labelCol() int {
	for _, c := range d.active {
		if d.cols[c].role == keyCol && !d.cols[c].titled {
			return c
		}
	}
	return 0
}

func (d *detector) labelMatches(label string) bool {
	c := d.labelCol()
	if c == 0 {
		return false
	}
	_, ok := d.m[d.cols[c].key].Match(label)
	return ok
}

// checkLabels reports the key cells of a row that gives activities when they name no value of
// their key: once per cell, however many activities the row gives.
func (d *detector) checkLabels(r Row, base Record) []Problem {
	var out []Problem
	for _, c := range d.active {
		col := d.cols[c]
		if col.role != keyCol || d.m[col.key].Open() {
			continue
		}
		t := base.Text[col.key]
		if t == "" {
			continue // the reader says it is missing, at this cell
		}
		for _, part := range splitList(t) {
			if _, ok := d.m[col.key].Match(part); !ok {
				out = append(out, Problem{At: Cell{r.Num, c}, RowLevel: true, Unknown: &Unknown{Key: col.key, Label: part}})
			}
		}
	}
	return out
}

// sameHeader says whether a row repeats the header's values across.
func (d *detector) sameHeader(r Row) bool {
	n := 0
	for _, c := range d.active {
		if d.cols[c].role == valueCol {
			if v, ok := d.m[d.across].Match(cellText(r, c)); ok && v == d.cols[c].value {
				n++
			}
		}
	}
	return n >= 2 && !d.namesOther(r)
}

func (d *detector) example(k survey.Key) string {
	labels := d.s.Labels(k)
	if len(labels) >= 2 {
		return labels[0] + "; " + labels[1]
	}
	return strings.Join(labels, "")
}

// describe says how the table was read.
func (d *detector) describe() string {
	var b strings.Builder
	across := d.plural(d.across)
	if d.t.Mode == Grid {
		down := d.cols[d.col0()].key
		fmt.Fprintf(&b, "grid: %s x %s", d.plural(down), across)
	} else {
		fmt.Fprintf(&b, "ticks: one column per %s", d.s.Dim(d.across).Noun)
	}
	if d.hasCell {
		fmt.Fprintf(&b, ", %s listed in the cells", d.plural(d.cellKey))
	}
	for _, k := range survey.Keys {
		if d.t.Fixed[k] != "" {
			fmt.Fprintf(&b, ", %s from %s", d.s.Dim(k).Noun, d.t.FixedFrom[k])
		}
	}
	fmt.Fprintf(&b, " (header in row %d)", d.t.HeaderRow)
	return b.String()
}

func (d *detector) col0() int {
	for _, c := range d.active {
		if d.cols[c].role == keyCol {
			return c
		}
	}
	return 0
}

// Unknown is a label that names no value of its key; the caller words the finding (with its
// did-you-mean), as for any other cell.
type Unknown struct {
	Key   survey.Key
	Label string
}

func blankRow(r Row) bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
