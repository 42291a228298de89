package records

import (
	"fmt"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// HeaderScanRows is how many rows at the top of a sheet are searched for the header.
const HeaderScanRows = 20

// layout is where a sheet's columns are; columns are 0-based, -1 for none.
type layout struct {
	headerRow, hxlRow int // spreadsheet rows, 0 for none
	dataFrom          int // index in the sheet's rows of the first data row
	titles            []string
	tags              []tag
	resp              int
	dims              []int
	parents           []int // per dimension, its parent level's column
	codes             []int // per dimension, the column of its values' codes
	filters           []int
	filterDim         []int // per filter, the dimension whose column it filters, or -1
	key               []int
	keyDims           []int
	keyDim            []bool // per key column, whether it is a counted dimension
	sum               int
	pct               []int // per dimension, its column of percentages, or -1
}

func (l *layout) title(c int) string {
	if c >= 0 && c < len(l.titles) && strings.TrimSpace(l.titles[c]) != "" {
		return strings.TrimSpace(l.titles[c])
	}
	if c >= 0 && c < len(l.tags) {
		return l.tags[c].String()
	}
	return "column " + sheet.ColumnName(c+1)
}

// byTitle finds the column with one of the titles, compared as column titles are.
func (l *layout) byTitle(titles ...string) int {
	for _, t := range titles {
		want := survey.NormalizeTitle(t)
		if want == "" {
			continue
		}
		for c, have := range l.titles {
			if survey.NormalizeTitle(have) == want {
				return c
			}
		}
	}
	return -1
}

func (l *layout) byTag(s string) int {
	t, ok := parseTag(s)
	if !ok || len(l.tags) == 0 {
		return -1
	}
	return bestTag(l.tags, t)
}

// column finds a schema column: by its hashtag when the sheet has hashtags, else by its titles.
func (l *layout) column(c Column) int {
	if c.HXL != "" {
		if i := l.byTag(c.HXL); i >= 0 {
			return i
		}
	}
	return l.byTitle(append([]string{c.Title}, c.Headers...)...)
}

// ref finds the column a --by, --where, --key or --sum reference names: a dimension of the
// schema, a hashtag (written with or without "#" in a file with hashtags), a column title, or
// the respondent.
func (r *reader) ref(l *layout, ref string) int {
	ref = strings.TrimSpace(ref)
	s := r.ds.Schema
	if s.FromHXL && (strings.EqualFold(ref, "org") || strings.EqualFold(ref, "#org")) {
		return l.resp // the organisations' column, whichever #org column that is
	}
	if d := s.Dim(ref); d != nil {
		if c := l.column(d.Column); c >= 0 {
			return c
		}
	}
	if strings.HasPrefix(ref, "#") {
		return l.byTag(ref)
	}
	if c := l.byTitle(ref); c >= 0 {
		return c
	}
	if len(l.tags) > 0 && !strings.ContainsAny(ref, " ") {
		if c := l.byTag("#" + ref); c >= 0 {
			return c
		}
	}
	if strings.EqualFold(ref, s.Respondent) || strings.EqualFold(ref, "respondent") || survey.NormalizeTitle(ref) == survey.NormalizeTitle(s.RespondentColumn.Title) {
		return l.resp
	}
	return -1
}

// unknownColumn is the message for a reference that names no column of the sheet.
func (r *reader) unknownColumn(l *layout, flag, ref string) string {
	var names []survey.Value
	var listed []string
	for c := range max(len(l.titles), len(l.tags)) {
		t := l.title(c)
		if strings.HasPrefix(t, "column ") {
			continue
		}
		listed = append(listed, t)
		names = append(names, survey.Value{Label: t})
	}
	msg := fmt.Sprintf("%s: no column %q in this sheet", flag, ref)
	if m, err := survey.NewMatcher(&survey.Dimension{Values: dedupeValues(names)}); err == nil {
		if s := m.Suggest(ref); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
	}
	if len(listed) > 0 {
		msg += "; its columns are " + strings.Join(listed, ", ")
	}
	return msg
}

func dedupeValues(vals []survey.Value) []survey.Value {
	seen := map[string]bool{}
	var out []survey.Value
	for _, v := range vals {
		k := survey.Normalize(v.Label)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, v)
	}
	return out
}

// findLayout finds the header of a sheet and every column the run needs. A sheet with no header
// gives noHeader (a note when another sheet holds the replies); a header that lacks a column the
// run needs is an error at the header.
func (r *reader) findLayout(path string, s *sheetResult) (*layout, *Finding) {
	pos := replies.Position{File: path, Sheet: s.name}
	top := s.rows[:min(len(s.rows), HeaderScanRows)]
	l := &layout{resp: -1, sum: -1}
	hxl := -1
	for i, row := range top {
		if isHXLRow(row.Cells) {
			hxl = i
			break
		}
	}
	schema := r.ds.Schema
	switch {
	case hxl >= 0:
		l.hxlRow, l.dataFrom = top[hxl].Num, hxl+1
		for _, c := range top[hxl].Cells {
			t, _ := parseTag(c)
			l.tags = append(l.tags, t)
		}
		if hxl > 0 && !blank(top[hxl-1].Cells) {
			l.headerRow, l.titles = top[hxl-1].Num, top[hxl-1].Cells
		}
	case schema.FromHXL:
		return nil, &Finding{Pos: pos, Severity: replies.Error,
			Message: "no row of HXL hashtags (#org, #sector, #adm1, ...) in the first rows, and no --schema to say which columns are which: add the hashtag row under the titles, or describe the survey in a schema (see 'mapsurvey schema')"}
	default:
		best, bestScore := -1, 0
		for i, row := range top {
			probe := &layout{titles: row.Cells}
			score := 0
			if probe.column(schema.RespondentColumn) >= 0 {
				score++
			}
			for _, d := range r.dims {
				if r.ref(probe, d.ref) >= 0 {
					score++
				}
			}
			if score > bestScore {
				best, bestScore = i, score
			}
		}
		if best < 0 {
			return nil, &Finding{Pos: pos, Severity: replies.Error, Message: fmt.Sprintf(
				"no header row in the first %d rows: no row has a column for the %s (%s) or for %s", HeaderScanRows,
				schema.Respondent, quoteTitles(schema.RespondentColumn), strings.Join(r.by, ", "))}
		}
		l.headerRow, l.titles, l.dataFrom = top[best].Num, top[best].Cells, best+1
	}
	hdr := pos
	hdr.Row = max(l.headerRow, l.hxlRow)
	// A sheet with a header that lacks a column is a table of replies with a mistake: always an
	// error, even when another sheet holds replies.
	fail := func(format string, args ...any) (*layout, *Finding) {
		return nil, &Finding{Pos: hdr, Severity: replies.Error, Message: fmt.Sprintf(format, args...), partial: true}
	}
	// The respondent.
	if schema.FromHXL {
		fill := make([]int, len(l.tags))
		for _, row := range s.rows[l.dataFrom:] {
			for c := range fill {
				if c < len(row.Cells) && strings.TrimSpace(row.Cells[c]) != "" {
					fill[c]++
				}
			}
		}
		l.resp = respondentTag(l.tags, fill)
		if l.resp < 0 {
			return fail("no #org column names the organisations (#org, #org+name, #org+acronym, #org+impl; not +type, +code or +funder): add one, or describe the survey in a schema")
		}
	} else if l.resp = l.column(schema.RespondentColumn); l.resp < 0 {
		return fail("no column for the %s: a column titled %s", schema.Respondent, quoteTitles(schema.RespondentColumn))
	}
	// The dimensions.
	for _, d := range r.dims {
		c := r.ref(l, d.ref)
		if c < 0 {
			return fail("%s", r.unknownColumn(l, "--by", d.ref))
		}
		if c == l.resp {
			return fail("--by %s: that is the column of the %s, who are counted in every table; count by another column", d.ref, schema.Respondents)
		}
		l.dims = append(l.dims, c)
		if d.info.Title == "" {
			t := tag{}
			if c < len(l.tags) {
				t = l.tags[c]
			}
			title := ""
			if c < len(l.titles) {
				title = strings.TrimSpace(l.titles[c])
			}
			d.info.Noun, d.info.Plural, d.info.Title = nounOf(t, title)
		}
		l.parents = append(l.parents, r.parentColumn(l, d, c))
		code := r.codeColumn(l, c)
		if d.schema != nil && d.schema.Code != "" {
			if code = r.ref(l, d.schema.Code); code < 0 {
				return fail("%s", r.unknownColumn(l, "the code column of "+d.ref, d.schema.Code))
			}
		}
		l.codes = append(l.codes, code)
	}
	for _, f := range r.opts.Where {
		c := r.ref(l, f.Column)
		if c < 0 {
			return fail("%s", r.unknownColumn(l, "--where '"+f.Text+"'", f.Column))
		}
		l.filters = append(l.filters, c)
		l.filterDim = append(l.filterDim, indexOf(l.dims, c))
	}
	for _, k := range r.ds.KeyColumns {
		c := r.ref(l, k)
		if c < 0 {
			return fail("%s", r.unknownColumn(l, "--key", k))
		}
		l.key = append(l.key, c)
		di := indexOf(l.dims, c)
		l.keyDim = append(l.keyDim, di >= 0)
		if di >= 0 {
			l.keyDims = append(l.keyDims, di)
		}
	}
	if r.opts.Sum != "" {
		if l.sum = r.ref(l, r.opts.Sum); l.sum < 0 {
			return fail("%s", r.unknownColumn(l, "--sum", r.opts.Sum))
		}
	}
	for _, col := range r.split {
		c := -1
		if col != "" {
			if c = r.ref(l, col); c < 0 {
				return fail("%s", r.unknownColumn(l, "--split", col))
			}
		}
		l.pct = append(l.pct, c)
	}
	return l, nil
}

// parentColumn is the column of the level above d, when d has one: the schema's parent, or in a
// file with hashtags the next admin level up (#adm1 above #adm2), when the sheet has it.
func (r *reader) parentColumn(l *layout, d *dimState, c int) int {
	if d.schema != nil && d.schema.Parent != "" {
		return r.ref(l, d.schema.Parent)
	}
	if c < len(l.tags) {
		if p := parentLevel(l.tags[c].base); p != "" {
			return l.byTag("#" + p)
		}
	}
	return -1
}

// codeColumn is the column of codes of the values in column c: in a file with hashtags, the
// same hashtag with +code (#adm2+code beside #adm2+name).
func (r *reader) codeColumn(l *layout, c int) int {
	if c >= len(l.tags) || l.tags[c].base == "" || l.tags[c].has("code") {
		return -1
	}
	for i, t := range l.tags {
		if i != c && t.base == l.tags[c].base && (t.has("code") || t.has("pcode")) {
			return i
		}
	}
	return -1
}

func indexOf(cols []int, c int) int {
	for i, x := range cols {
		if x == c {
			return i
		}
	}
	return -1
}

func quoteTitles(c Column) string {
	var q []string
	for _, t := range append([]string{c.Title}, c.Headers...) {
		if t != "" {
			q = append(q, fmt.Sprintf("%q", t))
		}
	}
	if c.HXL != "" {
		q = append(q, "or tagged "+c.HXL)
	}
	if len(q) == 0 {
		return "(none given)"
	}
	return strings.Join(q, ", ")
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
