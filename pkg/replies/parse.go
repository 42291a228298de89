package replies

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	handlayout "github.com/mapsurvey/mapsurvey/pkg/layout"
	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// parser reads the sheets of all inputs into one dataset.
type parser struct {
	opts     Options
	schema   *survey.Schema
	headers  headerIndex
	hxl      hxlIndex
	matchers [4]*survey.Matcher
	open     [4]*openList // the open lists among the dimensions, learnt while reading
	nil      map[string]bool
	// memo remembers, per key column, what the parser makes of a cell's text (see keyCell):
	// replies repeat a handful of labels over a million rows. recent holds some of its entries
	// where a cheap hash of the text puts them, looked at before the map.
	memo   [4]map[string]keyCell
	recent [4][recentSize]recentCell
	desc   []byte            // the row being read's state and normalised description (rowKey)
	values [4][]int          // the values the row being read names, per dimension
	states map[string]string // normalized name -> canonical name, for open respondent lists
	// The spellings of respondents of an open list: remembered, counted per file, and totalled
	// over the files read, for naming each by its most frequent spelling.
	stateSeen          map[string]*stateSpelling
	stateTouched       []*stateSpelling
	lastSpelling       *stateSpelling // the spelling of the row being read
	fileStateSpellings map[stateSpellingKey]int
	stateSpellings     map[stateSpellingKey]int
	// all is what the files read to their end gave; file is what the file being read gives so far.
	all     *dataset
	file    *fileCount
	ctx     context.Context
	stopped error // set when the context ended reading
	again   bool  // the file is being read a second time, with excelize
	// hiddenPass is set while the hidden sheets of a workbook with no visible sheet of replies
	// are read.
	hiddenPass bool
	files      int
	fileBytes  []int64 // the size of each file, -1 where it cannot be told
	doneBytes  int64   // the sizes of the files read so far
	allBytes   int64
	rowsRead   int
	folders    []visited            // the folders read, so that links to them are not followed again
	tables     map[string]seenTable // the tick-box and grid tables read, by the reply they are
	// observe, when set, is given every activity counted, once its file is read (tests only).
	observe func(observedActivity)
}

func newParser(opts Options) (*parser, error) {
	if opts.Schema == nil {
		opts.Schema = survey.Builtin()
	}
	p := &parser{
		opts:      opts,
		schema:    opts.Schema,
		headers:   newHeaderIndex(opts.Schema),
		hxl:       newHXLIndex(opts.Schema),
		nil:       map[string]bool{},
		states:    map[string]string{},
		stateSeen: map[string]*stateSpelling{}, fileStateSpellings: map[stateSpellingKey]int{},
		stateSpellings: map[stateSpellingKey]int{},
	}
	for k := range p.memo {
		p.memo[k] = map[string]keyCell{}
	}
	newCounter := func() *tally.Counter {
		return tally.NewCounter(opts.Schema.Labels(survey.Partner), opts.Schema.Labels(survey.Area), opts.Schema.Labels(survey.Type))
	}
	p.all = &dataset{ds: &Dataset{Schema: opts.Schema, counter: newCounter()}, perState: map[string]*StateSummary{}, checks: newCrossChecks()}
	p.file = newFileCount(newCounter(), p.all.checks)
	p.ctx = opts.Context
	if p.ctx == nil {
		p.ctx = context.Background()
	}
	for _, k := range survey.Keys {
		m, err := survey.NewMatcher(opts.Schema.Dim(k))
		if err != nil {
			return nil, fmt.Errorf("survey schema: %s: %w", k, err)
		}
		p.matchers[k] = m
	}
	for dim, k := range survey.Dims {
		if d := opts.Schema.Dim(k); d.Open {
			p.open[k] = newOpenList(dim, d)
		}
	}
	for _, w := range opts.Schema.NilWords {
		p.nil[survey.Normalize(w)] = true
	}
	for _, k := range survey.Keys {
		// Every slot starts as the empty text, with what it says: a slot never needs telling
		// whether it is set.
		empty := recentCell{cell: p.readKeyCell(k, "")}
		for i := range p.recent[k] {
			p.recent[k][i] = empty
		}
	}
	return p, nil
}

// add records a finding about the file being read.
func (p *parser) add(pos Position, sev Severity, format string, args ...any) {
	p.file.findings = append(p.file.findings, Finding{Pos: pos, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// rowErrorsFull says that row errors are past MaxRowErrors: only counted from now on.
func (p *parser) rowErrorsFull() bool { return p.all.rowErrors+p.file.rowErrors >= MaxRowErrors }

// rowError records an error about one row's cells: skipping that row gets round it.
func (p *parser) rowError(pos Position, format string, args ...any) {
	f := p.file
	if p.rowErrorsFull() {
		// A file that is wrong on every row must not hold a message per row in memory: past the
		// limit, errors and their rows are only counted.
		f.moreErrors++
		if row := (Position{File: pos.File, Sheet: pos.Sheet, Row: pos.Row}); row != f.lastMoreRow {
			f.lastMoreRow = row
			f.moreInvalidRows++
		}
		return
	}
	f.rowErrors++
	f.findings = append(f.findings, Finding{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...), rowLevel: true})
}

// rowWarning records a warning or note about one row, such as an activity entered twice: past
// MaxRowWarnings they are counted, and one note says how many were left out.
func (p *parser) rowWarning(pos Position, sev Severity, format string, args ...any) {
	f := p.file
	if p.all.rowWarnings+f.rowWarnings >= MaxRowWarnings {
		if p.all.moreWarnings+f.moreWarnings == 0 {
			f.firstMoreWarning = pos
		}
		f.moreWarnings++
		return
	}
	f.rowWarnings++
	p.add(pos, sev, format, args...)
}

// MaxRowErrors is how many errors about rows are kept with their messages; the rest are counted.
const MaxRowErrors = 1000

// MaxRowWarnings is how many warnings and notes about rows are kept: a million rows entered twice
// must not hold a million messages.
const MaxRowWarnings = 1000

// sheetResult tells the caller whether a sheet held a reply table.
type sheetResult int

const (
	sheetRead sheetResult = iota
	sheetEmpty
	sheetNoHeader
	sheetPartialHeader
	sheetHidden // a hidden sheet of replies, left for later: see readSheets
)

// sheetState is what reading one sheet remembers from row to row.
type sheetState struct {
	pos       Position // the sheet's position; rows and cells are set from it
	here      Position // the position of the row being read (rowAt): pos but for the row
	layout    layout
	src       *Source
	descCol   int    // the column whose text tells two activities apart, 0 if none
	lastState string // the last Member State cell seen, for --fill-down
	lastRow   int
	// lastRepeated says that the row above lastRow names the same state: the sheet names a
	// state on every row, not once over its rows.
	lastRepeated bool
	// blankRun holds the findings (indices in the file's) of the empty state cells under
	// lastState, until the run ends: see settleBlankRun.
	blankRun  []int
	hidden    []int  // hidden rows that hold data
	formulas  int    // formula cells read
	fileState string // the state the file's name gives, for sheets without a state column
	// pickedDesc says that the reader was asked for the description column (see pickColumns).
	pickedDesc bool
	// table, for a tick-box or grid table, holds its records: row n is record n (handdrawn.go).
	table *handlayout.Table
}

// readSheet reads one sheet. A sheet without a header is reported by the caller, which knows
// whether other sheets of the workbook had one.
func (p *parser) readSheet(file string, fileIdx, sheetIdx int, info sheet.Info, rows sheet.Rows) (sheetResult, *Finding, error) {
	pos := Position{File: file, Sheet: info.Name, Table: info.Table, fileIdx: fileIdx, sheetIdx: sheetIdx}
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
	l, ok, partial := findHeader(top, p.headers, p.hxl, p.opts.Columns)
	fileState := ""
	if !ok && l.headerRow > 0 && partial[survey.State] == 0 && partial[survey.Partner] > 0 && partial[survey.Area] > 0 && partial[survey.Type] > 0 {
		// One reply per file, with no state column: the file's name says whose it is.
		var named bool
		fileState, named = p.stateFromFileName(file)
		if !named {
			return sheetPartialHeader, &Finding{Pos: pos, Severity: Error, Message: fmt.Sprintf(
				"the sheet has no %s column and the file name does not name one: name the file after the %s (Austria.xlsx, AT - reply.xlsx) or add %s column",
				p.noun(survey.State), p.noun(survey.State), survey.A(p.schema.Dim(survey.State).Title))}, nil
		}
		ok = true
	}
	if p.opts.Layout != handlayout.Long && (!ok || p.opts.Layout != handlayout.Auto) {
		// Tick-box columns and grids (pkg/layout): read here, or not at all.
		if res, f, done := p.readHandDrawn(pos, info, top, rows); done {
			return res, f, rows.Err()
		}
	}
	if !ok {
		f, isPartial := p.noHeader(pos, top, l, partial)
		if isPartial {
			return sheetPartialHeader, &f, nil
		}
		return sheetNoHeader, &f, nil
	}
	if info.Hidden {
		if !p.opts.HiddenSheets && p.opts.Sheet == "" && !p.hiddenPass {
			// A hidden sheet is a working sheet (a pivot's source, last round's copy) while a
			// visible one holds the replies: readSheets decides once it knows.
			return sheetHidden, &Finding{Pos: pos, Severity: Note, Message: "skipped: the sheet is hidden and a visible sheet holds the replies; " +
				"give --hidden-sheets to count its rows too"}, nil
		}
		why := ""
		if p.hiddenPass {
			why = ", as no visible sheet holds any"
		}
		p.add(pos, Warning, "the sheet is hidden but holds replies: they are counted%s; delete the sheet if they should not be", why)
	}
	src := Source{File: file, Sheet: info.Name, HeaderRow: l.headerRow}
	st := &sheetState{pos: pos, here: pos, layout: l, src: &src, descCol: descriptionColumn(l), fileState: fileState}
	for _, r := range top {
		if r.Num > l.dataAfter {
			p.readRow(st, r)
		}
	}
	p.pickColumns(rows, st)
	for rows.Next() {
		p.readRow(st, rows.Row())
		if st.pickedDesc && !p.file.checks.checking() {
			p.pickColumns(rows, st) // the duplicate check has stopped: descriptions are no longer read
		}
		// Every few thousand rows: stop if asked to, and say how far reading has come.
		if p.rowsRead++; p.rowsRead%4096 == 0 {
			if err := p.ctx.Err(); err != nil {
				return 0, nil, err
			}
			if p.opts.Progress != nil {
				read := int64(-1)
				if br, ok := rows.(interface{ BytesRead() int64 }); ok {
					read = br.BytesRead()
				}
				p.opts.Progress(Progress{File: file, FileIndex: fileIdx, Files: p.files, Rows: p.rowsRead,
					FileBytes: max(p.fileBytes[fileIdx-1], 0), BytesRead: read, DoneBytes: p.doneBytes, AllBytes: p.allBytes, Again: p.again})
			}
		}
	}
	if err := rows.Err(); err != nil {
		return 0, nil, err
	}
	if len(st.blankRun) > 0 {
		p.settleBlankRun(st, "")
	}
	if n := len(st.hidden); n > 0 {
		p.add(pos, Warning, "%s %s hidden but %s data: %s counted; delete %s if %s should not be",
			rowList(st.hidden), pick(n == 1, "is", "are"), pick(n == 1, "holds", "hold"), pick(n == 1, "it is", "they are"),
			pick(n == 1, "it", "them"), pick(n == 1, "it", "they"))
	}
	if st.formulas > 0 {
		p.add(pos, Warning, "%d %s a formula: the value %s computed when the file was last saved is used; check %s",
			st.formulas, pick(st.formulas == 1, "cell holds", "cells hold"), pick(st.formulas == 1, "it", "each"),
			pick(st.formulas == 1, "it", "them"))
	}
	p.file.sources = append(p.file.sources, src)
	return sheetRead, nil, nil
}

// pick returns singular when one is true, plural otherwise.
func pick(one bool, singular, plural string) string {
	if one {
		return singular
	}
	return plural
}

// maxRowRanges is how many ranges of rows a message lists before it only counts the rest.
const maxRowRanges = 20

// rowList writes row numbers compactly: "rows 5-9 and 12", "row 3"; past maxRowRanges ranges,
// "and 4000 more rows".
func rowList(rows []int) string {
	var parts []string
	for i := 0; i < len(rows); {
		if len(parts) == maxRowRanges {
			parts = append(parts, fmt.Sprintf("%d more %s", len(rows)-i, pick(len(rows)-i == 1, "row", "rows")))
			break
		}
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", rows[i], rows[j]))
		} else {
			parts = append(parts, fmt.Sprint(rows[i]))
		}
		i = j + 1
	}
	if len(rows) == 1 {
		return "row " + parts[0]
	}
	if len(parts) == 1 {
		return "rows " + parts[0]
	}
	return "rows " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// descriptionColumn finds the column that describes each activity: two rows alike in it and in
// state, partner, area and type are likely the same activity entered twice.
func descriptionColumn(l layout) int {
	best := 0
	for c, title := range l.details {
		t := headerText(title)
		if strings.Contains(t, "description") || t == "activity" || t == "project" || t == "title" || t == "activity title" {
			if best == 0 || c < best {
				best = c
			}
		}
	}
	return best
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
			looked := describeTitles(p.schema, k)
			if closest.hashtags {
				// A row of hashtags is matched by hashtag, not by title: name the one looked for.
				looked = p.hxl.describe(k)
			}
			parts = append(parts, fmt.Sprintf("%s (looked for %s)", p.schema.Dim(k).Noun, looked))
		}
		return Finding{Pos: pos, Severity: Error, Message: fmt.Sprintf(
			"the header row has no column for the %s; rename the column, or %s", strings.Join(parts, ", nor for the "), hint)}, true
	}
	var parts []string
	for _, k := range survey.Keys {
		parts = append(parts, "["+describeTitles(p.schema, k)+"]")
	}
	return Finding{Pos: pos, Severity: Error, Message: fmt.Sprintf(
		"no header row found in rows 1-%d: looked for a row with the columns %s; add such a header row, or %s",
		last, strings.Join(parts, " and "), hint)}, false
}

func blank(cells []string) bool {
	for _, c := range cells {
		if trimSpace(c) != "" {
			return false
		}
	}
	return true
}

func cell(r sheet.Row, col int) string {
	if col < 1 || col > len(r.Cells) {
		return ""
	}
	return trimSpace(r.Cells[col-1])
}

// trimSpace is strings.TrimSpace, answering at once for text that starts and ends with a
// printable ASCII character, as nearly every cell does.
func trimSpace(s string) string {
	if n := len(s); n > 0 && s[0]-'!' <= '~'-'!' && s[n-1]-'!' <= '~'-'!' { // both in '!'...'~'
		return s
	}
	return strings.TrimSpace(s)
}

// pickColumns tells the reader which columns a count reads (the key columns, and the description
// while the duplicate check runs), so that it need not make the text of the others: a
// million-row export has a description per row. Cells of other columns then come as
// sheet.Skipped, which is not empty, so that a row with data is never taken for a blank one.
func (p *parser) pickColumns(rows sheet.Rows, st *sheetState) {
	cp, ok := rows.(sheet.ColumnPicker)
	if !ok {
		return
	}
	var cols []int
	for _, k := range survey.Keys {
		if c := st.layout.cols[k]; c > 0 {
			cols = append(cols, c)
		}
	}
	st.pickedDesc = st.descCol > 0 && p.file.checks.checking()
	if st.pickedDesc {
		cols = append(cols, st.descCol)
	}
	cp.OnlyColumns(cols)
}

// readRow turns one data row into activities, a nil reply, or findings. A row with any error
// gives nothing at all, so that --skip-invalid leaves no trace of it in the figures.
func (p *parser) readRow(st *sheetState, r sheet.Row) {
	l := st.layout
	var text [4]string
	var keys [4]keyCell
	filled := false
	for _, k := range survey.Keys {
		text[k] = cell(r, l.cols[k])
		filled = filled || text[k] != ""
		// keyCell, with its first look inlined. The slot keeps the reader's latest string for the
		// text, which the next look then compares by its pointer.
		if e := &p.recent[k][recentSlot(text[k])]; e.text == text[k] {
			keys[k], e.text = e.cell, text[k]
		} else {
			keys[k] = p.keyCellMiss(k, text[k])
		}
	}
	if !filled && blank(r.Cells) { // a row with a key cell filled is no blank one
		return
	}
	pos := st.rowAt(r.Num)
	at := func(k survey.Key) Position { return st.cellPos(r.Num, l.cols[k], k) }
	if isHeader(&keys) {
		// Compiled workbooks often repeat the header where each state's reply was pasted.
		p.rowWarning(*pos, Note, "skipped: a repeated header row")
		return
	}
	st.src.Rows++
	if r.Hidden {
		st.hidden = append(st.hidden, r.Num)
	}
	bad := false
	st.formulas += len(r.Formulas)
	var uncached [4]bool // key cells whose formula has no value: reported once, as such
	for _, f := range r.Formulas {
		for _, k := range survey.Keys {
			if !f.Cached && l.cols[k] == f.Col {
				p.rowError(at(k), "the cell holds a formula with no stored value: open the file in Excel or LibreOffice and save it, or type the value in")
				uncached[k], bad = true, true
			}
		}
	}

	dimsFilled := 0
	for _, k := range survey.Dims {
		if text[k] != "" {
			dimsFilled++
		}
	}
	stateText := text[survey.State]
	if st.fileState != "" {
		stateText = st.fileState
	}
	if stateText == "" && dimsFilled > 0 && p.opts.FillDown && st.lastState != "" {
		stateText = st.lastState
	}
	if text[survey.State] != "" {
		if len(st.blankRun) > 0 {
			p.settleBlankRun(st, text[survey.State])
		}
		st.lastRepeated = pos.Row == st.lastRow+1 && text[survey.State] == st.lastState
		st.lastState, st.lastRow = text[survey.State], pos.Row
	}

	if stateText == "" {
		if uncached[survey.State] {
			return
		}
		if dimsFilled == 0 {
			p.rowError(*pos, "the row has data but no %s, %s, %s or %s; fill them in or delete the row",
				p.noun(survey.State), p.noun(survey.Partner), p.noun(survey.Area), p.noun(survey.Type))
			return
		}
		if st.lastState != "" {
			n := len(p.file.findings)
			p.rowError(at(survey.State), "missing %s: the cell is empty under %s (row %d); fill it in, or give --fill-down to repeat the %s above",
				p.noun(survey.State), quote(st.lastState), st.lastRow, p.noun(survey.State))
			if len(p.file.findings) > n {
				st.blankRun = append(st.blankRun, n) // whether --fill-down fits is known at the run's end
			}
			return
		}
		p.rowError(at(survey.State), "missing %s: every row with %s, %s or %s needs the %s that reports it",
			p.noun(survey.State), survey.A(p.noun(survey.Partner)), p.noun(survey.Area), p.noun(survey.Type), p.noun(survey.State))
		return
	}
	fromCell := stateText == text[survey.State]
	if fromCell && keys[survey.State].several || !fromCell && strings.ContainsAny(stateText, ";\n") {
		p.rowError(at(survey.State), "%s names several %s: put one %s per row",
			quote(stateText), p.schema.Respondents, p.noun(survey.State))
		return
	}
	var state string
	stateIdx := -1 // among the schema's respondents, -1 for one of an open list
	if i := keys[survey.State].value; fromCell && i >= 0 {
		state, stateIdx, p.lastSpelling = p.schema.Dim(survey.State).Values[i].Label, i, nil
	} else {
		var ok bool
		if state, stateIdx, ok = p.matchStateIndex(stateText); !ok {
			p.unknown(at(survey.State), survey.State, stateText)
			return
		}
	}

	if dimsFilled == 0 || keys[survey.Partner].nilReply {
		if dimsFilled > 0 && (text[survey.Area] != "" || text[survey.Type] != "") {
			p.rowError(at(survey.Partner), "%s says %s reported no activity, but the row also has %s or %s; clear them, or name the %s",
				quote(text[survey.Partner]), state, survey.A(p.noun(survey.Area)), p.noun(survey.Type), p.noun(survey.Partner))
			return
		}
		if bad {
			return
		}
		p.file.counter.Respond(state)
		p.file.checks.nilReply(state, *pos)
		p.tally(state, stateIdx, pos.File, 0)
		return
	}
	// The values of the row: the parser's buffers, reused from row to row.
	values := &p.values
	for _, k := range survey.Dims {
		values[k] = values[k][:0]
	}
	if keys[survey.Partner].value >= 0 && keys[survey.Area].value >= 0 && keys[survey.Type].value >= 0 {
		// The common row: each cell names one value of a listed dimension.
		for _, k := range survey.Dims {
			values[k] = append(values[k], keys[k].value)
		}
	} else {
		bad = p.cellValues(st, r.Num, &text, &uncached, &keys, bad, values)
	}
	if bad {
		return
	}
	p.tally(state, stateIdx, pos.File, len(values[survey.Partner])*len(values[survey.Area])*len(values[survey.Type]))
	f := p.file
	row := uint64(0) // no description: no duplicate to look for
	if st.descCol > 0 && f.checks.checking() {
		row = p.rowKey(state, cell(r, st.descCol))
	}
	counted := f.stateCounted(state, stateIdx)
	f.checks.hasActivity(state, stateIdx, pos)
	var warned map[Position]bool // the earlier rows this one was said to repeat
	for _, pi := range values[survey.Partner] {
		for _, ai := range values[survey.Area] {
			for _, ti := range values[survey.Type] {
				// The indices come from the schema's matchers: always in range.
				_ = f.counter.AddIndex(counted, pi, ai, ti)
				st.src.Activities++
				if p.observe != nil {
					f.observed = append(f.observed, observedActivity{State: state, Partner: pi, Area: ai, Type: ti, Pos: *pos})
				}
				if row == 0 {
					continue // no description: no duplicate to look for
				}
				if first, dup := f.checks.duplicate(row, pi, ai, ti, pos); dup && !warned[first] {
					// Once per earlier row: a row listing several values may repeat many of its
					// activities.
					if warned == nil {
						warned = map[Position]bool{}
					}
					warned[first] = true
					p.rowWarning(*pos, Warning, "the same activity as %s (same %s, %s, %s, %s and description): delete one if it was entered twice",
						first.sameFile(*pos), p.noun(survey.State), p.noun(survey.Partner), p.noun(survey.Area), p.noun(survey.Type))
				}
			}
		}
	}
}

// cellValues finds the values that a row's partner, area and type cells name, into values, for
// rows whose cells are not each one listed value: lists of several, open lists, empty or unknown
// values. It reports whether the row has an error, bad telling that it had one before.
func (p *parser) cellValues(st *sheetState, num int, text *[4]string, uncached *[4]bool, keys *[4]keyCell, bad bool, values *[4][]int) bool {
	l := st.layout
	pos := st.rowPos(num)
	at := func(k survey.Key) Position { return st.cellPos(num, l.cols[k], k) }
	var parts [4][]string
	var partBuf [4][4]string
	var listed [4]int // values per cell, counted past those kept in parts
	for _, k := range survey.Dims {
		if text[k] == "" {
			if uncached[k] {
				continue
			}
			p.rowError(at(k), "missing %s: fill it in, or leave %s, %s and %s all empty for %s with no activity",
				p.noun(k), p.noun(survey.Partner), p.noun(survey.Area), p.noun(survey.Type), survey.A(p.noun(survey.State)))
			bad = true
			continue
		}
		if i := keys[k].value; i >= 0 {
			values[k], listed[k] = append(values[k], i), 1 // the cell names one listed value
			continue
		}
		if parts[k], listed[k] = splitValues(text[k], partBuf[k][:0], MaxCombinations); listed[k] == 0 {
			// ";" or ";;" alone: an empty cell, as written with the separators of a list.
			p.rowError(at(k), "missing %s: the cell holds only the separators %s; fill it in, or leave %s, %s and %s all empty for %s with no activity",
				p.noun(k), quote(text[k]), p.noun(survey.Partner), p.noun(survey.Area), p.noun(survey.Type), survey.A(p.noun(survey.State)))
			bad = true
		}
	}
	if !bad && p.tooManyCombinations(pos, l, listed) {
		return true
	}
	var repeated [4]bool  // cells already said to repeat a value
	var spelt [4][]string // for open lists: the spelling of each value, parallel to values
	var seen [4][]*seenSpelling
	var speltBuf [4][4]string // room on the stack, as for values
	var seenBuf [4][4]*seenSpelling
	for _, k := range survey.Dims {
		open := p.open[k]
		spelt[k], seen[k] = speltBuf[k][:0], seenBuf[k][:0]
		for _, part := range parts[k] {
			var i int
			var ok bool
			var e *seenSpelling
			if open == nil || open.listed > 0 {
				i, ok = p.matchers[k].Match(part)
			}
			if !ok && open != nil {
				i, e, ok = open.match(part)
			}
			if !ok {
				p.unknown(at(k), k, part)
				bad = true
				continue
			}
			if indexOf(values[k], i) >= 0 {
				// "Sierra Leone;Sierra Leone", or a label and its alias: one activity, not two.
				if !repeated[k] {
					repeated[k] = true
					p.rowWarning(at(k), Note, "%s names %s more than once: counted once",
						quote(text[k]), quote(p.label(k, i)))
				}
				continue
			}
			values[k] = append(values[k], i)
			if open != nil {
				spelt[k], seen[k] = append(spelt[k], part), append(seen[k], e)
			}
		}
	}
	for _, k := range survey.Dims {
		if o := p.open[k]; o != nil {
			if bad {
				o.pending = o.pending[:0]
				continue
			}
			o.commit(p.file.counter, p.all.ds.counter)
			for j, i := range values[k] {
				switch {
				case i < o.listed:
				case seen[k][j] != nil:
					o.count(seen[k][j])
				default: // the first of a category, or a spelling past the cache
					p.file.spellings[spelling{k, i, tidy(spelt[k][j])}]++
				}
			}
		}
	}
	return bad
}

// settleBlankRun decides what the empty state cells under st.lastState ask of the user, once the
// next state cell (next, "" at the end of the sheet) is known. --fill-down fits a sheet that
// names each state once over its rows: the state above was not repeated on the row before it,
// and the run of empty cells ends where another state begins. A sheet that names the state on
// every row has only forgotten a cell, and --fill-down would credit the row to whichever state
// stands above it: the message then asks for the state of that row alone.
func (p *parser) settleBlankRun(st *sheetState, next string) {
	if st.lastRepeated || next == st.lastState {
		state := p.noun(survey.State)
		for _, i := range st.blankRun {
			f := &p.file.findings[i]
			f.Message = fmt.Sprintf("missing %s: fill in the %s that reports this row; the sheet names one on every row, so the one above (%s, row %d) may not be it",
				state, state, quote(st.lastState), st.lastRow)
		}
	}
	st.blankRun = st.blankRun[:0]
}

// MaxCombinations bounds the activities one row may stand for: the product of the numbers of
// values its partner, area and type cells list. A row listing every value of the built-in survey
// stands for 6 x 8 x 3 = 144; a pasted column of names stands for millions, which would take
// minutes to count and say nothing. Past the bound the row is an error, asking to split it.
const MaxCombinations = 1000

// tooManyCombinations reports a row whose cells list more combinations than MaxCombinations,
// naming the cells that list several values.
func (p *parser) tooManyCombinations(pos Position, l layout, listed [4]int) bool {
	n := 1
	for _, k := range survey.Dims {
		n *= listed[k]
		if n > MaxCombinations {
			break // the count stops here: past the bound, more digits say nothing
		}
	}
	if n <= MaxCombinations {
		return false
	}
	var cells, counts []string
	product := 1.0
	for _, k := range survey.Dims {
		product *= float64(listed[k])
		if listed[k] > 1 {
			cells = append(cells, sheet.ColumnName(l.cols[k])+fmt.Sprint(pos.Row))
			counts = append(counts, fmt.Sprintf("%d %s", listed[k], survey.Plural(p.noun(k))))
		}
	}
	p.rowError(pos, "%s %s %s %s: %.0f combinations, each an activity, more than the %d one row may stand for; split the row into rows that list fewer values",
		pick(len(cells) == 1, "cell", "cells"), andList(cells), pick(len(cells) == 1, "lists", "list"), andList(counts), product, MaxCombinations)
	return true
}

// indexOf is the position of v in vs, or -1: cells list a handful of values.
func indexOf(vs []int, v int) int {
	for j, w := range vs {
		if w == v {
			return j
		}
	}
	return -1
}

// andList joins words as a sentence does: "a", "a and b", "a, b and c".
func andList(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// isHeader reports whether every key cell holds a title of its own column, given what the
// parser knows of the cells (keyCells).
func isHeader(cells *[4]keyCell) bool {
	for _, k := range survey.Keys {
		if !cells[k].title {
			return false
		}
	}
	return true
}

// keyCell is what the parser makes of the text of a key cell, remembered by the text (see
// keyCells): replies repeat a handful of labels over a million rows, and working this out again
// on every row took more time than the rest of a row.
type keyCell struct {
	title bool // the text is a title of the cell's own column (isHeader)
	// value is the index of the value of a listed (not open) dimension that the cell names, the
	// cell naming one value and no more; -1 otherwise, and the row takes the general way.
	value    int
	nilReply bool // a partner cell that says that the state reported no activity (isNil)
	several  bool // a state cell that names several states: it holds ";" or a line break
}

// recentCell is a text of a key column with what it says (parser.recent). The text is the
// reader's own string, not a copy: the fast workbook reader hands out one string per shared
// string, which then compares equal by its pointer without reading its bytes. The strings kept
// are at most recentSize per column, fewer than the rows the reader keeps read ahead.
type recentCell struct {
	text string
	cell keyCell
}

// recentSize is the number of entries of parser.recent per column: a power of two, well above
// the labels a column names in a reply, so that few share a slot.
const recentSize = 512

// recentSlot is where parser.recent keeps text: a hash of its length and its first, middle and
// last bytes, enough to tell apart the labels of a survey, at the cost of a few instructions
// where the map hashes the whole text.
func recentSlot(text string) int {
	n := len(text)
	x := uint64(n)
	if n > 0 {
		x = x<<24 | uint64(text[0])<<16 | uint64(text[n/2])<<8 | uint64(text[n-1])
	}
	return int(x * 0x9E3779B97F4A7C15 >> (64 - 9)) // Fibonacci hashing into 2^9 slots
}

// keyCell works out what the parser makes of text in the key column k; memoised. Small enough
// to be inlined where the text is in parser.recent.
func (p *parser) keyCell(k survey.Key, text string) keyCell {
	if e := &p.recent[k][recentSlot(text)]; e.text == text {
		return e.cell
	}
	return p.keyCellMiss(k, text)
}

// keyCellMiss is keyCell for a text not in parser.recent.
func (p *parser) keyCellMiss(k survey.Key, text string) keyCell {
	if len(text) > survey.CacheableLength { // a page of text is no label: not remembered
		return p.readKeyCell(k, text)
	}
	c, ok := p.memo[k][text]
	if !ok {
		c = p.readKeyCell(k, text)
		if len(p.memo[k]) < cacheLimit {
			p.memo[k][strings.Clone(text)] = c // not a substring keeping the reader's row alive
		}
	}
	p.recent[k][recentSlot(text)] = recentCell{text: text, cell: c}
	return c
}

// readKeyCell works out what the parser makes of text in the key column k.
func (p *parser) readKeyCell(k survey.Key, text string) keyCell {
	c := keyCell{value: -1}
	if len(text) <= survey.CacheableLength { // a page of text is no column title
		got, ok := p.headers[headerText(text)]
		c.title = ok && got == k
	}
	switch k {
	case survey.State:
		c.several = strings.ContainsAny(text, ";\n")
		if !c.several && len(p.schema.Dim(k).Values) > 0 {
			if i, ok := p.matchers[k].Match(text); ok {
				c.value = i
			}
		}
	case survey.Partner:
		c.nilReply = p.nil[survey.Normalize(text)]
	}
	if k != survey.State && p.open[k] == nil && text != "" && valueSeparator(text) < 0 {
		// One value (the text is trimmed, as splitValues would leave it).
		if i, ok := p.matchers[k].Match(text); ok {
			c.value = i
		}
	}
	return c
}

func (p *parser) noun(k survey.Key) string { return p.schema.Dim(k).Noun }

// splitValues splits a cell that lists several values, one per line or separated by ";". It
// appends up to keep of them to out and returns them with how many the cell lists: a pasted
// column of a million names is counted, not copied.
func splitValues(s string, out []string, keep int) ([]string, int) {
	n := 0
	for s != "" {
		part := s
		if i := valueSeparator(s); i >= 0 {
			part, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if t := strings.TrimSpace(part); t != "" {
			if n++; n <= keep {
				out = append(out, t)
			}
		}
	}
	return out, n
}

// valueSeparator is the index of the first ";" or line break in s, or -1 (strings.IndexAny
// costs more on every cell of a million rows).
func valueSeparator(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ';' || c == '\n' || c == '\r' {
			return i
		}
	}
	return -1
}

// matchState returns the canonical name of a respondent. Without a list of respondents in the
// schema any name is accepted, and spellings that differ only in case, spacing or accents are
// one state: named, while reading, by its first spelling, and once every file is read by its
// most frequent (renameStates).
func (p *parser) matchState(name string) (string, bool) {
	state, _, ok := p.matchStateIndex(name)
	return state, ok
}

// matchStateIndex is matchState, also returning the index of the state among the schema's listed
// respondents, or -1 for one of an open list.
func (p *parser) matchStateIndex(name string) (string, int, bool) {
	p.lastSpelling = nil
	m := p.matchers[survey.State]
	if vals := p.schema.Dim(survey.State).Values; len(vals) > 0 {
		if i, ok := m.Match(name); ok {
			return vals[i].Label, i, true
		}
	}
	if !m.Open() {
		return "", -1, false
	}
	if e, ok := p.stateSeen[name]; ok {
		p.lastSpelling = e
		return e.canonical, -1, true
	}
	key := survey.Normalize(name)
	c, ok := p.states[key]
	if !ok {
		c = name
		p.states[key] = name
	}
	e := &stateSpelling{key: key, canonical: c, text: tidy(name)}
	if len(p.stateSeen) < cacheLimit && len(name) <= survey.CacheableLength {
		p.stateSeen[name] = e
	} else {
		e.uncached = true
	}
	p.lastSpelling = e
	return c, -1, true
}

// stateSpelling is one spelling of a respondent of an open list, and how often the file being
// read gave a counted row with it: the respondent is named by its most frequent spelling.
type stateSpelling struct {
	key, canonical, text string
	n                    int
	uncached             bool // past the cache: counted straight into the file's totals
}

type stateSpellingKey struct{ key, text string }

// countSpelling counts the spelling of the respondent of a row that counts.
func (p *parser) countSpelling() {
	e := p.lastSpelling
	if e == nil {
		return
	}
	p.lastSpelling = nil
	if e.uncached {
		p.fileStateSpellings[stateSpellingKey{e.key, e.text}]++
		return
	}
	if e.n == 0 {
		p.stateTouched = append(p.stateTouched, e)
	}
	e.n++
}

// flushStateSpellings adds the spellings counted in the file just read to the totals, or drops
// them when keep is false (the file is read again).
func (p *parser) flushStateSpellings(keep bool) {
	for _, e := range p.stateTouched {
		if keep {
			p.stateSpellings[stateSpellingKey{e.key, e.text}] += e.n
		}
		e.n = 0
	}
	p.stateTouched = p.stateTouched[:0]
	for k, n := range p.fileStateSpellings {
		if keep {
			p.stateSpellings[k] += n
		}
	}
	clear(p.fileStateSpellings)
}

// renameStates names each respondent of an open list by its most frequent spelling (ties: the
// first in sort order), so that the names do not depend on the order of the files. It returns
// the new name of each renamed state.
func (p *parser) renameStates(d *dataset) map[string]string {
	best := map[string]stateSpellingKey{}
	bestN := map[string]int{}
	for k, n := range p.stateSpellings {
		b, ok := best[k.key]
		if !ok || n > bestN[k.key] || n == bestN[k.key] && k.text < b.text {
			best[k.key], bestN[k.key] = k, n
		}
	}
	renamed := map[string]string{}
	for key, b := range best {
		old := p.states[key]
		if b.text == old {
			continue
		}
		if d.ds.counter.RenameState(old, b.text) != nil {
			continue // not counted (its rows had errors), or a name taken: keep the first
		}
		renamed[old] = b.text
		if sum, ok := d.perState[old]; ok {
			delete(d.perState, old)
			sum.State = b.text
			d.perState[b.text] = sum
		}
	}
	return renamed
}

// tally adds one good row of a state to its summary; index is the state's among the schema's
// respondents (matchStateIndex), -1 if it has none.
func (p *parser) tally(state string, index int, file string, activities int) {
	p.countSpelling()
	f := p.file
	var sum *StateSummary
	if index >= 0 && index < len(f.slots) {
		sum = f.slots[index].sum
	}
	if sum == nil {
		if sum = f.lastSum; sum == nil || sum.State != state {
			var ok bool
			if sum, ok = f.perState[state]; !ok {
				sum = &StateSummary{State: state}
				f.perState[state] = sum
				f.states = append(f.states, state)
			}
			f.lastSum = sum // rows of one state come together
		}
		if index >= 0 {
			f.slot(index).sum = sum
		}
	}
	if n := len(sum.Files); n == 0 || sum.Files[n-1] != file {
		sum.Files = append(sum.Files, file)
	}
	sum.Rows++
	sum.Activities += activities
}

// unknown reports a label that matches no canonical value, with the likely intended one or the
// list of accepted values.
func (p *parser) unknown(pos Position, k survey.Key, label string) {
	if p.rowErrorsFull() {
		p.rowError(pos, "") // only counted: the suggestion would cost more than the row
		return
	}
	noun := p.noun(k)
	if p.open[k] != nil {
		// An open list takes any value that has a name: this one has none once reduced ("*").
		p.rowError(pos, "%s is no %s: write its name", quote(label), noun)
		return
	}
	if s := p.matchers[k].Suggest(label); s != "" {
		p.rowError(pos, "unknown %s %s (did you mean %q?)", noun, quote(label), s)
		return
	}
	labels := p.schema.Labels(k)
	if len(labels) > 12 {
		example := fmt.Sprintf("%q", labels[0])
		if aliases := p.schema.Dim(k).Values[0].Aliases; len(aliases) > 0 {
			example += fmt.Sprintf(" or %q", aliases[0])
		}
		p.rowError(pos, "unknown %s %s: not one of the survey's %d; write it as, for example, %s", noun, quote(label), len(labels), example)
		return
	}
	p.rowError(pos, "unknown %s %s: use one of %s", noun, quote(label), quoteJoin(labels))
}

// maxQuoted is how much of a cell a message quotes: a pasted paragraph must not flood the screen.
const maxQuoted = 60

// quote quotes a cell's text for a message, shortened when long.
func quote(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= maxQuoted {
		return fmt.Sprintf("%q", s)
	}
	end := 0
	for range maxQuoted {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	return fmt.Sprintf("%q... (%d characters)", s[:end], n)
}

func quoteJoin(labels []string) string {
	q := make([]string, len(labels))
	for i, l := range labels {
		q[i] = fmt.Sprintf("%q", l)
	}
	return strings.Join(q, ", ")
}

// stateFromFileName finds the respondent a file is named after: "Austria.xlsx",
// "AT - reply.xlsx", "reply_Czech Republic_2020.csv". Codes count only in capitals, so that a
// word such as "it" is not taken for Italy. Without a list of respondents the whole name is one.
func (p *parser) stateFromFileName(file string) (string, bool) {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	if p.matchers[survey.State].Open() {
		name := strings.TrimSpace(base)
		if name == "" {
			return "", false
		}
		return p.matchState(name)
	}
	words := strings.FieldsFunc(base, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' && r != '\'' })
	for n := len(words); n >= 1; n-- {
		for i := 0; i+n <= len(words); i++ {
			candidate := strings.Join(words[i:i+n], " ")
			if n == 1 && utf8.RuneCountInString(candidate) <= 3 && candidate != strings.ToUpper(candidate) {
				continue
			}
			if state, ok := p.matchState(candidate); ok {
				return state, true
			}
		}
	}
	return "", false
}
