package replies

import (
	"errors"
	"fmt"

	handlayout "github.com/mapsurvey/mapsurvey/pkg/layout"
	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// MaxHandDrawnRows bounds the rows of a sheet read as a tick-box or grid table: such tables are
// drawn by hand, and the whole table is held while it is read.
const MaxHandDrawnRows = 10000

// seenTable is a tick-box or grid table read, remembered to tell the same reply given twice.
type seenTable struct {
	pos     Position
	content string
	acts    int
}

// readHandDrawn is the one place where tick-box and grid tables (pkg/layout) join the reading
// of long tables: it reads the rest of the sheet, asks pkg/layout whether it is such a table,
// and if so reads its records as rows of the long layout, each cell's findings at the cell it
// came from. done is false when the sheet is no such table (with --layout auto) and is read as
// before.
func (p *parser) readHandDrawn(pos Position, info sheet.Info, top []sheet.Row, rows sheet.Rows) (sheetResult, *Finding, bool) {
	all := make([]handlayout.Row, 0, len(top))
	for _, r := range top {
		all = append(all, handlayout.Row{Num: r.Num, Cells: r.Cells, NoValue: noValue(r)})
	}
	for rows.Next() {
		if len(all) == MaxHandDrawnRows {
			if p.opts.Layout == handlayout.Auto {
				return 0, nil, false // too long to be drawn by hand
			}
			return sheetPartialHeader, &Finding{Pos: pos, Severity: Error, Message: fmt.Sprintf(
				"the sheet has more than %d rows, too many for a tick-box or grid table: read it with --layout long or auto", MaxHandDrawnRows)}, true
		}
		r := rows.Row()
		all = append(all, handlayout.Row{Num: r.Num, Cells: append([]string(nil), r.Cells...), NoValue: noValue(r)})
	}
	if rows.Err() != nil {
		return 0, nil, true
	}
	ctx := handlayout.Context{File: pos.File, Caption: info.Caption}
	if info.Table == 0 {
		ctx.Sheet = info.Name
	}
	tabs, err := handlayout.DetectAll(all, p.schema, ctx, p.opts.Layout)
	var le *handlayout.Error
	switch {
	case errors.As(err, &le) && le.NotFound:
		// As a sheet without a header: a note when another sheet of the workbook holds replies.
		return sheetNoHeader, &Finding{Pos: pos, Severity: Error, Message: le.Message}, true
	case errors.As(err, &le):
		return sheetPartialHeader, &Finding{Pos: at(pos, le.At), Severity: Error, Message: le.Message}, true
	case err != nil:
		return sheetPartialHeader, &Finding{Pos: pos, Severity: Error, Message: err.Error()}, true
	case len(tabs) == 0:
		return 0, nil, false
	}
	if info.Hidden {
		p.add(pos, Warning, "the sheet is hidden but holds replies: they are counted; delete the sheet if they should not be")
	}
	res, first := sheetPartialHeader, (*Finding)(nil)
	for _, tab := range tabs {
		if f := p.givenTwice(pos, tab); f != nil {
			if first == nil {
				first = f
			} else {
				p.file.findings = append(p.file.findings, *f)
			}
			continue
		}
		p.readTable(pos, info, tab)
		res = sheetRead
	}
	if res == sheetRead && first != nil {
		p.file.findings = append(p.file.findings, *first)
		first = nil
	}
	return res, first, true
}

// readTable reads one tick-box or grid table's records as rows of the long layout.
func (p *parser) readTable(pos Position, info sheet.Info, tab *handlayout.Table) {
	src := Source{File: pos.File, Sheet: info.Name, HeaderRow: tab.HeaderRow, Layout: tab.Describe, Table: info.Table}
	for _, pr := range tab.Problems {
		switch q := at(pos, pr.At); {
		case pr.Unknown != nil:
			p.unknown(q, pr.Unknown.Key, pr.Unknown.Label)
		case pr.RowLevel:
			p.rowError(q, "%s", pr.Message)
		default:
			p.add(q, Error, "%s", pr.Message)
		}
	}
	// The records are read as rows of a long table: state, partner, area and type in columns 1
	// to 4, the description in 5.
	st := &sheetState{pos: pos, src: &src, table: tab, descCol: 5,
		layout: layout{headerRow: tab.HeaderRow, dataAfter: tab.HeaderRow, cols: [4]int{1, 2, 3, 4}}}
	for i, rec := range tab.Records {
		p.readRow(st, sheet.Row{Num: i + 1, Cells: []string{rec.Text[0], rec.Text[1], rec.Text[2], rec.Text[3], rec.Desc}})
	}
	if state := tab.Fixed[survey.State]; tab.Activities == 0 && state != "" && len(tab.Problems) == 0 {
		// Nothing marked: the respondent replied, with nothing for what this table covers.
		if name, ok := p.matchState(state); ok {
			p.file.counter.Respond(name)
			p.file.checks.inFile(name, pos)
			p.tally(name, -1, pos.File, 0)
		}
	}
	p.file.sources = append(p.file.sources, src)
}

// at is the position of a table's cell.
func at(pos Position, c handlayout.Cell) Position {
	pos.Row, pos.Col = c.Row, c.Col
	return pos
}

// givenTwice reports a table that is a reply already read (the same respondent and the same
// values from the context, in another sheet or file): with the same activities it is the same
// reply given twice, with others the two contradict each other. Either way one must go.
func (p *parser) givenTwice(pos Position, tab *handlayout.Table) *Finding {
	pos.Row = tab.HeaderRow
	key := tab.Key(p.schema)
	if key == "" {
		return nil
	}
	if p.tables == nil {
		p.tables = map[string]seenTable{}
	}
	content := tab.Content()
	prev, seen := p.tables[key]
	if !seen || prev.pos.File == pos.File && prev.pos.Sheet == pos.Sheet && prev.pos.Row == pos.Row {
		// (The same sheet again is the file read a second time, after the fast reader gave up.)
		p.tables[key] = seenTable{pos: pos, content: content, acts: tab.Activities}
		return nil
	}
	if prev.content == content {
		return &Finding{Pos: pos, Severity: Error, Message: fmt.Sprintf(
			"the reply of %s is given twice, here and in %s, with the same activities (%d); delete one of the two", key, prev.pos, tab.Activities)}
	}
	return &Finding{Pos: pos, Severity: Error, Message: fmt.Sprintf(
		"the reply of %s is given twice and the two contradict each other: here %s; in %s, %s; keep the one that stands and delete the other",
		key, plural(tab.Activities, "activity", "activities"), prev.pos, differs(prev.acts, tab.Activities))}
}

func differs(before, now int) string {
	if before == now {
		return "as many but others"
	}
	return plural(before, "activity", "activities")
}

// rowPos is the position of row num of a sheet, or of record num of a tick-box or grid table
// (the cell that makes it an activity).
func (st *sheetState) rowPos(num int) Position {
	q := st.pos
	if st.table == nil {
		q.Row = num
		return q
	}
	return at(q, st.table.Records[num-1].At)
}

// rowAt is rowPos(num), in st.here: the position was built and copied on every row, 72 bytes
// twice over. It is the row's until the next call.
func (st *sheetState) rowAt(num int) *Position {
	if st.table != nil {
		st.here = st.rowPos(num)
	} else {
		st.here.Row = num // the rest is st.pos's
	}
	return &st.here
}

// cellPos is the position of the cell of key k in row num (column col), or the cell a table's
// record took it from; a value the context gave is at the record's own cell.
func (st *sheetState) cellPos(num, col int, k survey.Key) Position {
	if st.table == nil {
		q := st.pos
		q.Row, q.Col = num, col
		return q
	}
	rec := st.table.Records[num-1]
	if c := rec.From[k]; c != (handlayout.Cell{}) {
		return at(st.pos, c)
	}
	return at(st.pos, rec.At)
}

// noValue lists the columns of r whose formula has no stored value.
func noValue(r sheet.Row) []int {
	var cols []int
	for _, f := range r.Formulas {
		if !f.Cached {
			cols = append(cols, f.Col)
		}
	}
	return cols
}
