package records

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/crosstab"
	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

func cellAt(row sheet.Row, c int) string {
	if c < 0 || c >= len(row.Cells) {
		return ""
	}
	return row.Cells[c]
}

// readSheet counts the data rows of one sheet: those read ahead with its header, then the rest
// of more (nil when the whole sheet was read ahead), as they come, so that a large sheet is
// never held in memory.
func (r *reader) readSheet(path string, s *sheetResult, more sheet.Rows) {
	l := s.layout
	src := Source{File: path, Sheet: s.name, HeaderRow: l.headerRow, HXLRow: l.hxlRow}
	for _, row := range s.rows[l.dataFrom:] {
		r.countRow(path, s.name, l, &src, row)
	}
	for more != nil && more.Next() {
		r.countRow(path, s.name, l, &src, more.Row())
	}
	r.ds.Sources = append(r.ds.Sources, src)
}

// countRow counts one data row; every "continue" below leaves the row, with its findings.
func (r *reader) countRow(path, sheetName string, l *layout, src *Source, row sheet.Row) {
	schema := r.ds.Schema
	rec := &r.rec
	for once := true; once; once = false {
		if blank(row.Cells) {
			continue
		}
		src.Rows++
		at := func(c int) replies.Position {
			return replies.Position{File: path, Sheet: sheetName, Row: row.Num, Col: c + 1}
		}
		bad := func(c int, format string, args ...any) {
			r.add(Finding{Pos: at(c), Severity: replies.Error, Message: fmt.Sprintf(format, args...)})
		}
		// Filters on other columns than the counted dimensions keep or leave out the row.
		keep, failed := true, false
		for i, f := range r.opts.Where {
			if l.filterDim[i] >= 0 {
				// A counted dimension's values are filtered one by one below; an empty cell
				// here, as in any column.
				if vals, _ := splitValues(cellAt(row, l.filters[i])); len(vals) == 0 {
					keep = keep && f.keepEmpty()
				}
				continue
			}
			ok, err := passes(&f, cellAt(row, l.filters[i]))
			if err != nil {
				bad(l.filters[i], "%v", err)
				failed = true
			}
			keep = keep && ok
		}
		if failed || !keep {
			continue
		}
		// The respondent.
		name := tidy(cellAt(row, l.resp))
		if name == "" {
			bad(l.resp, "no %s: every row names the %s it comes from; fill it in, or leave such rows out with --where '%s!='",
				schema.Respondent, schema.Respondent, whereName(l, l.resp))
			continue
		}
		key := r.folds.fold(name)
		if r.resp != nil {
			i, ok := r.resp.Match(name)
			if !ok {
				msg := fmt.Sprintf("unknown %s %q", schema.Respondent, name)
				if sug := r.resp.Suggest(name); sug != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", sug)
				}
				bad(l.resp, "%s", msg)
				continue
			}
			name = schema.RespondentValues[i].Label
			key = Fold(name)
		}
		// The values of each dimension.
		ok := true
		nilCells, emptyCells := 0, 0
		for d, dim := range r.dims {
			rec.Values[d], rec.Weights[d] = rec.Values[d][:0], nil
			c := l.dims[d]
			text := cellAt(row, c)
			vals, onlySep := splitValues(text)
			switch {
			case onlySep:
				bad(c, "%q holds separators only, no %s: write the %s, or leave the cell empty", strings.TrimSpace(text), dim.info.Noun, dim.info.Noun)
				ok = false
				continue
			case len(vals) == 1 && r.nilw[Fold(vals[0])]:
				nilCells++
				continue
			case len(vals) == 0:
				emptyCells++
				continue
			}
			weights, good := r.weights(l, row, d, len(vals), bad)
			if !good {
				ok = false
				continue
			}
			parent := ""
			if p := l.parents[d]; p >= 0 {
				parent = tidy(cellAt(row, p))
			}
			kept := 0
			for vi, v := range vals {
				idx, known := dim.value(v, parent)
				if !known {
					msg := fmt.Sprintf("unknown %s %q", dim.info.Noun, v)
					if sug := dim.match.Suggest(v); sug != "" {
						msg += fmt.Sprintf(" (did you mean %q?)", sug)
					}
					bad(c, "%s", msg)
					ok = false
					continue
				}
				if code := l.codes[d]; code >= 0 && len(vals) == 1 {
					r.checkCode(dim, at(code), tidy(cellAt(row, code)), v)
				}
				if r.keepDimValue(l, d, v, bad) {
					rec.Values[d] = append(rec.Values[d], idx)
					if weights != nil {
						rec.Weights[d] = append(rec.Weights[d], weights[vi])
					}
					kept++
				}
			}
			if kept == 0 {
				keep = false // a filter on this dimension left none of its values
			}
		}
		if !ok {
			continue
		}
		filled := len(r.dims) - nilCells - emptyCells
		switch {
		case filled == 0 && (nilCells > 0 || schema.RespondentOnlyIsNil):
			// "none", or the respondent alone: a reply with no activity
			for d := range rec.Values {
				rec.Values[d] = rec.Values[d][:0]
			}
		case nilCells+emptyCells > 0:
			for d := range r.dims {
				if len(rec.Values[d]) == 0 && strings.TrimSpace(cellAt(row, l.dims[d])) == "" {
					bad(l.dims[d], "no %s: fill it in, or leave such rows out with --where '%s!='", r.dims[d].info.Noun, whereName(l, l.dims[d]))
				} else if len(rec.Values[d]) == 0 {
					bad(l.dims[d], "%q stands for no activity, but the row gives other values: leave it out, or write the %s", tidy(cellAt(row, l.dims[d])), r.dims[d].info.Noun)
				}
			}
			continue
		case !keep:
			continue
		}
		rec.Respondent = r.respondent(key, name)
		// The amount.
		rec.HasAmount = false
		if l.sum >= 0 {
			if t := strings.TrimSpace(cellAt(row, l.sum)); t != "" {
				v, err := ParseNumber(t)
				if err != nil {
					bad(l.sum, "%v", err)
					continue
				}
				rec.Amount, rec.HasAmount = v, true
				if acts := activities(rec.Values); acts > 1 && r.opts.Split == "" {
					bad(l.sum, "an amount (%s) on a row of %d activities: say how to share it with --split even, or --split DIMENSION=COLUMN for a column of percentages",
						t, acts)
					continue
				}
			}
		}
		// The presence key.
		rec.Key, rec.KeyDims = "", nil
		if len(l.key) > 0 {
			var b strings.Builder
			for i, c := range l.key {
				if !l.keyDim[i] {
					b.WriteString(r.folds.fold(cellAt(row, c)))
				}
				b.WriteByte(0x1f)
			}
			rec.Key, rec.KeyDims = b.String(), l.keyDims
		}
		n, err := r.counter.Add(*rec)
		if err != nil {
			bad(-1, "%v", err)
			continue
		}
		if rec.Key != "" {
			r.repeats(rec, n, at(-1))
		}
		src.Kept++
	}
}

func activities(vals [][]int) int {
	n := 1
	for _, v := range vals {
		n *= len(v)
	}
	return n
}

// whereName is how a --where names column c: its title, or its hashtag.
func whereName(l *layout, c int) string {
	t := l.title(c)
	if strings.ContainsAny(t, "'") {
		return l.tags[c].String()
	}
	return t
}

// passes says whether a cell passes a filter: an empty cell as keepEmpty says, any other when
// one of its values passes.
func passes(f *Filter, text string) (bool, error) {
	vals, _ := splitValues(text)
	if len(vals) == 0 {
		return f.keepEmpty(), nil
	}
	for _, v := range vals {
		ok, err := f.keepValue(v)
		if err != nil {
			return false, err
		}
		if ok {
			return true, nil
		}
	}
	return false, nil
}

// keepDimValue applies the filters on dimension d's column to one of its values: a row listing
// WASH and Health counts only its WASH activity under --where sector=WASH.
func (r *reader) keepDimValue(l *layout, d int, v string, bad func(int, string, ...any)) bool {
	for i, f := range r.opts.Where {
		if l.filterDim[i] != d {
			continue
		}
		ok, err := f.keepValue(v)
		if err != nil {
			bad(l.filters[i], "%v", err)
			return false
		}
		if !ok {
			return false
		}
	}
	return true
}

// weights are the shares of a row's amount for the n values of dimension d: nil (even) unless
// --split names a column of percentages for d. Percentages that do not add up to 100 share the
// amount in proportion, and the rows are listed in a note.
func (r *reader) weights(l *layout, row sheet.Row, d, n int, bad func(int, string, ...any)) ([]float64, bool) {
	pct := l.pct[d]
	if pct < 0 || l.sum < 0 || strings.TrimSpace(cellAt(row, l.sum)) == "" {
		return nil, true
	}
	text := strings.TrimSpace(cellAt(row, pct))
	if text == "" && n == 1 {
		return []float64{1}, true
	}
	// The values were made unique; the percentages follow the cell's parts, repeats included.
	parts := splitParts(cellAt(row, l.dims[d]))
	parts = slices.DeleteFunc(parts, func(s string) bool { return s == "" })
	pcts := splitParts(text)
	if len(pcts) != len(parts) {
		bad(pct, "%d percentages (%s) for %d values of %s in column %s: give one per value, in the same order",
			len(pcts), text, len(parts), r.dims[d].info.Noun, sheet.ColumnName(l.dims[d]+1))
		return nil, false
	}
	byValue := map[string]float64{}
	var order []string
	sum := 0.0
	for i, p := range pcts {
		v, err := ParseNumber(p)
		if err != nil || v < 0 {
			bad(pct, "percentage %q: not a number from 0 to 100", p)
			return nil, false
		}
		k := Fold(parts[i])
		if _, seen := byValue[k]; !seen {
			order = append(order, k)
		}
		byValue[k] += v
		sum += v
	}
	if sum == 0 {
		bad(pct, "the percentages (%s) add up to 0: the amount cannot be shared by them", text)
		return nil, false
	}
	if math.Abs(sum-100) > 0.01 && (len(r.proportional) == 0 || r.proportional[len(r.proportional)-1].Row != row.Num) {
		r.proportional = append(r.proportional, replies.Position{Row: row.Num})
	}
	out := make([]float64, len(order))
	for i, k := range order {
		out[i] = byValue[k] / sum
	}
	return out, true
}

// value returns the index of label in the dimension, and false for a closed list's unknown
// label. A level's label is told apart by its parent's.
func (d *dimState) value(label, parent string) (int, bool) {
	if d.match != nil {
		i, ok := d.match.Match(label)
		if !ok {
			if d.schema != nil && d.schema.Open {
				return d.openValue(label, parent), true
			}
			return 0, false
		}
		return d.label(d.schema.Values[i].Label, Fold(d.schema.Values[i].Label)), true
	}
	return d.openValue(label, parent), true
}

func (d *dimState) openValue(label, parent string) int {
	name := d.folds.fold(label)
	key := name
	if parent != "" {
		fp := d.folds.fold(parent)
		key = fp + "\x00" + name
		if d.parents[name] == nil {
			d.parents[name] = map[string]bool{}
		}
		d.parents[name][fp] = true
	}
	n := len(d.values.labels)
	i := d.label(label, key)
	if i == n {
		d.parentOf[i] = parent
	}
	return i
}

// checkCode reports a name that disagrees with its code: the same code under two names.
func (r *reader) checkCode(d *dimState, pos replies.Position, code, name string) {
	if code == "" {
		return
	}
	k := Fold(code)
	first, seen := d.codes[k]
	switch {
	case !seen:
		d.codes[k] = name
	case Fold(first) != Fold(name) && !d.codeSeen[k+"\x00"+Fold(name)]:
		d.codeSeen[k+"\x00"+Fold(name)] = true
		r.add(Finding{Pos: pos, Severity: replies.Warning,
			Message: fmt.Sprintf("code %s is %q here but %q in an earlier row: one of them is misspelt or miscoded", code, name, first)})
	}
}

// respondent returns the number of the respondent with the folded name key.
func (r *reader) respondent(key, name string) int {
	i, _ := r.resps.add(key, name)
	return i
}

// finish keeps the counts and the dimensions' labels, telling apart same-named values of
// different parents ("Centre (Haiti)" and "Centre (Burkina Faso)").
func (r *reader) finish() {
	r.ds.Result = r.counter.Result()
	r.ds.Respondents = r.resps.labels
	for _, d := range r.dims {
		d.info.Labels = d.values.labels
		for i, label := range d.info.Labels {
			if len(d.parents[Fold(label)]) > 1 && d.parentOf[i] != "" {
				d.info.Labels[i] = label + " (" + d.parentOf[i] + ")"
			}
		}
		d.info.Order = make([]int, len(d.info.Labels))
		for i := range d.info.Order {
			d.info.Order[i] = i
		}
		r.ds.Dims = append(r.ds.Dims, d.info)
	}
	if n := len(r.proportional); n > 0 {
		rows := make([]string, 0, 5)
		for _, p := range r.proportional[:min(n, 5)] {
			rows = append(rows, fmt.Sprint(p.Row))
		}
		more := ""
		if n > 5 {
			more = fmt.Sprintf(" and %d more", n-5)
		}
		r.add(Finding{Pos: r.firstSource(), Severity: replies.Note,
			Message: fmt.Sprintf("%d rows give percentages (--split %s) that do not add up to 100 (rows %s%s): their amounts were shared in proportion to them",
				n, r.opts.Split, strings.Join(rows, ", "), more)})
	}
	if dup := r.ds.Result.Duplicates; dup > 0 {
		r.add(Finding{Pos: r.firstSource(), Severity: replies.Note,
			Message: fmt.Sprintf("%d activities repeat a presence already counted (same %s): each presence is counted once",
				dup, strings.Join(r.ds.KeyColumns, ", "))})
	}
}

// firstSource is where a remark about the whole run is made: the input, when one was given,
// else the first sheet read.
func (r *reader) firstSource() replies.Position {
	if len(r.inputs) == 1 {
		return replies.Position{File: r.inputs[0]}
	}
	if len(r.ds.Sources) == 0 {
		return replies.Position{}
	}
	return replies.Position{File: r.ds.Sources[0].File, Sheet: r.ds.Sources[0].Sheet}
}

// maxRepeatNotes is how many rows repeating a presence are listed one by one.
const maxRepeatNotes = 5

// repeats lists, for the first rows whose every activity repeats a presence counted before, the
// row that first reported it: the duplicate check of a survey with a presence key.
func (r *reader) repeats(rec *crosstab.Record, counted int, pos replies.Position) {
	var b strings.Builder
	b.WriteString(rec.Key)
	for _, d := range rec.KeyDims {
		fmt.Fprint(&b, rec.Values[d], ";")
	}
	k := b.String()
	first, seen := r.firstOf[k]
	switch {
	case !seen:
		if r.firstOf == nil {
			r.firstOf = map[string]replies.Position{}
		}
		r.firstOf[k] = pos
	case counted == 0 && r.repeatNotes < maxRepeatNotes:
		r.repeatNotes++
		where := fmt.Sprintf("row %d", first.Row)
		if first.File != pos.File || first.Sheet != pos.Sheet {
			where = first.String()
		}
		r.add(Finding{Pos: pos, Severity: replies.Note, Message: fmt.Sprintf("repeats the presence first reported in %s (same %s): counted once",
			where, strings.Join(r.ds.KeyColumns, ", "))})
	}
}
