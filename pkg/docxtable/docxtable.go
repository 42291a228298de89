// Package docxtable reads the tables of a Word document (.docx) as rows of text cells, with
// the text before each table that may say whom it is about. It knows nothing of surveys;
// pkg/sheet gives each table to the rest of mapsurvey as a sheet named "table N".
//
// What it reads:
//   - every w:tbl of the document body, numbered 1, 2, ... in the order the tables start: a
//     table nested in a cell of another is numbered after the table it is in (and after the
//     tables that start before it), and its text is not part of that cell's text;
//   - rows (w:tr) numbered from 1, cells placed on the table's grid: w:gridBefore skips
//     columns, a cell spanning columns (w:gridSpan) repeats its text over them, and a cell
//     continuing a vertical merge (w:vMerge) takes the text of the merge's first cell; each
//     merged range counts once in Table.Merged;
//   - a cell's paragraphs as lines, with tabs, line breaks and the result text of fields;
//     deleted text (revisions), drawings and text boxes are left out;
//   - check boxes as "X" (ticked) or "" (not ticked): content controls (w14:checkbox), legacy
//     form fields (FORMCHECKBOX), Wingdings box symbols, and a cell whose only text is box or
//     tick characters (☒ ☑ ✓ ✔ ✗ ✘ × ticked, ☐ not);
//   - drop-downs as the text they show: content controls (their content), legacy FORMDROPDOWN
//     fields (the entry chosen).
//
// Caption: the document's title (docProps/core.xml, or the first paragraph in the Title style),
// the nearest heading before the table and the nearest other paragraph after that heading, one
// line each. A heading is a paragraph whose style is one of Word's "heading N" (whatever the
// document's language calls it) or that has an outline level.
package docxtable

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mapsurvey/mapsurvey/pkg/xmldepth"
)

// The bounds.
const (
	MaxColumns   = 16384
	MaxRows      = 1048576
	MaxCellChars = 32767
	// maxExpanded bounds the cells made by merges over a whole document, which is held in
	// memory: 4 million (64 MB of cells), far more than any table of replies.
	maxExpanded = 1 << 22
	// maxDepth bounds how deeply elements nest: a table in a table in a table is about 20.
	maxDepth = 256
	// maxSmallPart bounds styles.xml and core.xml, read whole.
	maxSmallPart = 16 << 20
)

const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsW14 = "http://schemas.microsoft.com/office/word/2010/wordml"
	nsMC  = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsDC  = "http://purl.org/dc/elements/1.1/"
)

// Table is one table of the document.
type Table struct {
	Num     int
	Caption string
	Rows    []Row
	Merged  int
}

// Row is one row of a table: its 1-based number and its cells from column 1 on (trailing empty
// cells left out). Rows with no text are left out.
type Row struct {
	Num   int
	Cells []string
}

// Error is a problem at a place in the document: a table, row and column when known.
type Error struct {
	Table, Row, Col int
	Problem         string
	TooLong         bool
	Chars           int
}

func (e *Error) Error() string { return e.Where() + e.Problem }

// Where is the error's place, "table 2, row 5, column 3: ", or "".
func (e *Error) Where() string {
	var parts []string
	if e.Table > 0 {
		parts = append(parts, fmt.Sprintf("table %d", e.Table))
	}
	if e.Row > 0 {
		parts = append(parts, fmt.Sprintf("row %d", e.Row))
	}
	if e.Col > 0 {
		parts = append(parts, fmt.Sprintf("column %d", e.Col))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, ", ") + ": "
}

// ErrNotDocx means the archive has no word/document.xml.
var ErrNotDocx = errors.New("not a Word document (no word/document.xml)")

// PartError is an XML or unpacking problem in one part of the document.
type PartError struct {
	Part string
	Err  error
}

func (e *PartError) Error() string { return e.Part + ": " + e.Err.Error() }
func (e *PartError) Unwrap() error { return e.Err }

// Read reads every table of the Word document in zr.
func Read(zr *zip.Reader) ([]Table, error) {
	parts := map[string]*zip.File{}
	for _, zf := range zr.File {
		parts[strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))] = zf
	}
	doc := parts["word/document.xml"]
	if doc == nil {
		return nil, ErrNotDocx
	}
	r := &reader{headings: map[string]bool{}, titles: map[string]bool{}}
	if zf := parts["word/styles.xml"]; zf != nil && zf.UncompressedSize64 <= maxSmallPart {
		if err := r.readStyles(zf); err != nil {
			return nil, &PartError{Part: zf.Name, Err: err}
		}
	}
	if zf := parts["docprops/core.xml"]; zf != nil && zf.UncompressedSize64 <= maxSmallPart {
		if err := r.readTitle(zf); err != nil {
			return nil, &PartError{Part: zf.Name, Err: err}
		}
	}
	if err := r.readDocument(doc); err != nil {
		var e *Error
		if errors.As(err, &e) {
			return nil, err
		}
		return nil, &PartError{Part: doc.Name, Err: err}
	}
	return r.tables, nil
}

type reader struct {
	headings, titles map[string]bool // style ids
	title            string
	tables           []Table
	xr               *xmldepth.Reader
	expanded         int

	stack []*tableBuild // the tables open, innermost last
	body  context       // the paragraphs outside any table
	para  *paragraph    // the paragraph open, if any
	// fields is the stack of complex fields open: whether each hides its result text.
	fields []bool
	inText bool // in a w:t
	// hideAt, when set, is the depth of a content control's content that shows its placeholder
	// text: text within it is no answer.
	hideAt int
}

// context is where paragraphs are: the body or a cell. It remembers what may caption a table.
type context struct {
	heading, text string
}

type paragraph struct {
	b       strings.Builder
	style   string
	heading bool
}

type tableBuild struct {
	num     int
	caption string
	rows    [][]cell
	row     []cell
	col     int // grid columns used in the row so far
	cell    *cell
	cellCtx context
	inRow   bool
}

type cell struct {
	col, span int
	vmerge    int // 0 none, 1 restart, 2 continue
	hmerge    int // legacy horizontal merge: 1 restart, 2 continue
	lines     []string
}

const (
	mergeRestart  = 1
	mergeContinue = 2
)

// token is the next token of the part being read; its errors go out through tokens.
func (r *reader) token() (xml.Token, error) {
	tok, err := r.xr.Token()
	if err != nil {
		return nil, err
	}
	if r.xr.Depth() < r.hideAt { // only an end element makes it less
		r.hideAt = 0
	}
	return tok, nil
}

// skip reads to the end of the element just started. Its tokens are all inside that element,
// deeper than the content hideAt marks (that content's own end is never skipped), so skip need
// not check hideAt.
func (r *reader) skip() error { return r.xr.Skip() }

// tokens calls fn with each token of a part of the document, read within the depth bound, to
// the part's end.
func (r *reader) tokens(zf *zip.File, fn func(xml.Token) error) error {
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	r.xr = xmldepth.New(xml.NewDecoder(rc), maxDepth)
	for {
		tok, err := r.token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return tooDeep(err)
		}
		if err := fn(tok); err != nil {
			return tooDeep(err) // from a skip, or a loop of its own that fn reads
		}
	}
}

// tooDeep is err, with nesting past maxDepth told the way this package tells problems.
func tooDeep(err error) error {
	var e *xmldepth.TooDeepError
	if errors.As(err, &e) {
		return &Error{Problem: fmt.Sprintf("the document nests more than %d elements deep (the file is damaged or made to exhaust memory)", e.Max)}
	}
	return err
}

// readStyles finds the paragraph styles that are headings or the title.
func (r *reader) readStyles(zf *zip.File) error {
	id := ""
	return r.tokens(zf, func(tok xml.Token) error {
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Space != nsW {
			return nil
		}
		switch se.Name.Local {
		case "style":
			id = ""
			if attr(se, nsW, "type") == "paragraph" {
				id = attr(se, nsW, "styleId")
			}
		case "name":
			name := strings.ToLower(strings.TrimSpace(attr(se, nsW, "val")))
			if id != "" && name == "title" {
				r.titles[id] = true
			}
			if n, ok := strings.CutPrefix(name, "heading "); id != "" && ok && isDigits(n) {
				r.headings[id] = true
			}
		case "outlineLvl":
			if id != "" && !r.titles[id] {
				r.headings[id] = true
			}
		}
		return nil
	})
}

// readTitle reads the document's title from its properties.
func (r *reader) readTitle(zf *zip.File) error {
	in := false
	var b strings.Builder
	err := r.tokens(zf, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			in = t.Name.Space == nsDC && t.Name.Local == "title"
		case xml.EndElement:
			in = false
		case xml.CharData:
			if in && b.Len() < 4096 {
				b.Write(t)
			}
		}
		return nil
	})
	if err == nil {
		r.title = oneLine(b.String())
	}
	return err
}

func (r *reader) readDocument(zf *zip.File) error {
	return r.tokens(zf, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			return r.start(t)
		case xml.EndElement:
			return r.end(t)
		case xml.CharData:
			if r.para != nil && r.inText && !r.hidden() {
				r.para.b.Write(t)
				if r.para.b.Len() > 4*MaxCellChars {
					return r.tooLong(0)
				}
			}
		}
		return nil
	})
}

// hidden tells whether text now is a form field's result, which the field's data gives.
func (r *reader) hidden() bool {
	if r.hideAt > 0 {
		return true
	}
	for _, h := range r.fields {
		if h {
			return true
		}
	}
	return false
}

func (r *reader) top() *tableBuild {
	if len(r.stack) == 0 {
		return nil
	}
	return r.stack[len(r.stack)-1]
}

// ctx is the context paragraphs are in now.
func (r *reader) ctx() *context {
	if t := r.top(); t != nil && t.cell != nil {
		return &t.cellCtx
	}
	return &r.body
}

func (r *reader) write(s string) {
	if r.para != nil && !r.hidden() {
		r.para.b.WriteString(s)
	}
}

func (r *reader) start(t xml.StartElement) error {
	if t.Name.Space == nsMC && t.Name.Local == "Fallback" {
		return r.skip() // the choice before it is read
	}
	if t.Name.Space != nsW {
		return nil // mc:AlternateContent and mc:Choice are read through; others hold no text
	}
	switch t.Name.Local {
	case "tbl":
		return r.startTable()
	case "tr":
		if tb := r.top(); tb != nil {
			tb.inRow, tb.row, tb.col = true, nil, 0
			if len(tb.rows) >= MaxRows {
				return &Error{Table: tb.num, Problem: fmt.Sprintf("the table has more than %s rows (the file is damaged)", thousands(MaxRows))}
			}
		}
	case "gridBefore":
		if tb := r.top(); tb != nil && tb.inRow && tb.cell == nil {
			n, err := number(t, MaxColumns)
			if err != nil {
				return r.at(err.Error())
			}
			tb.col += n
		}
	case "tc":
		if tb := r.top(); tb != nil && tb.inRow {
			tb.cell = &cell{col: tb.col + 1, span: 1}
			tb.cellCtx = context{}
		}
	case "gridSpan":
		if c := r.openCell(); c != nil {
			n, err := number(t, MaxColumns)
			if err != nil {
				return r.at(err.Error())
			}
			c.span = n
		}
	case "vMerge", "hMerge":
		if c := r.openCell(); c != nil {
			m := mergeContinue
			if attr(t, nsW, "val") == "restart" {
				m = mergeRestart
			}
			if t.Name.Local == "vMerge" {
				c.vmerge = m
			} else {
				c.hmerge = m
			}
		}
	case "p":
		r.para = &paragraph{}
	case "pStyle":
		if r.para != nil {
			r.para.style = attr(t, nsW, "val")
		}
	case "outlineLvl":
		if r.para != nil {
			r.para.heading = true
		}
	case "t":
		r.inText = true
	case "tab", "ptab":
		r.write("\t") // a tab stop's w:tab is in w:tabs, skipped
	case "br", "cr":
		r.write("\n")
	case "noBreakHyphen":
		r.write("-")
	case "sym":
		r.write(symbol(attr(t, nsW, "font"), attr(t, nsW, "char")))
	case "sdt":
		return r.contentControl()
	case "fldChar":
		return r.fieldChar(t)
	case "del", "moveFrom", "drawing", "pict", "object", "instrText", "delText", "footnoteReference", "endnoteReference", "sectPr", "tblPr", "tblGrid", "rPr", "tabs":
		return r.skip()
	}
	return nil
}

func (r *reader) openCell() *cell {
	if tb := r.top(); tb != nil {
		return tb.cell
	}
	return nil
}

func (r *reader) at(problem string) error {
	e := &Error{Problem: problem + " (the file is damaged)"}
	if tb := r.top(); tb != nil {
		e.Table, e.Row = tb.num, len(tb.rows)+1
		if tb.cell != nil {
			e.Col = tb.cell.col
		}
	}
	return e
}

func (r *reader) tooLong(n int) error {
	e := &Error{TooLong: true, Chars: n, Problem: fmt.Sprintf("the cell holds more than the %s characters a cell can", thousands(MaxCellChars))}
	if n > 0 {
		e.Problem = fmt.Sprintf("the cell holds %s characters, more than a cell can (%s)", thousands(n), thousands(MaxCellChars))
	}
	if tb := r.top(); tb != nil {
		e.Table, e.Row = tb.num, len(tb.rows)+1
		if tb.cell != nil {
			e.Col = tb.cell.col
		}
	} else {
		e.Problem = strings.Replace(e.Problem, "the cell holds", "a paragraph holds", 1)
	}
	return e
}

func (r *reader) startTable() error {
	num := len(r.tables) + 1
	outer := r.top()
	caption := r.caption(r.ctx())
	if outer != nil && outer.cell != nil && caption == r.caption(&context{}) {
		caption = outer.caption // nothing in the cell before it: the outer table's caption
	}
	r.tables = append(r.tables, Table{Num: num})
	r.stack = append(r.stack, &tableBuild{num: num, caption: caption})
	r.para = nil // a table inside a paragraph's run cannot be; a paragraph open is closed
	return nil
}

// caption is what may name whom a table in ctx is about.
func (r *reader) caption(ctx *context) string {
	var lines []string
	for _, s := range []string{r.title, ctx.heading, ctx.text} {
		if s != "" && (len(lines) == 0 || lines[len(lines)-1] != s) {
			lines = append(lines, s)
		}
	}
	return strings.Join(lines, "\n")
}

func (r *reader) end(t xml.EndElement) error {
	if t.Name.Space != nsW {
		return nil
	}
	switch t.Name.Local {
	case "t":
		r.inText = false
	case "p":
		return r.endParagraph()
	case "tc":
		tb := r.top()
		if tb == nil || tb.cell == nil {
			return nil
		}
		c := tb.cell
		tb.cell = nil
		if tb.col+c.span > MaxColumns {
			return &Error{Table: tb.num, Row: len(tb.rows) + 1, Problem: fmt.Sprintf("the row has more than %s columns (the file is damaged)", thousands(MaxColumns))}
		}
		tb.col += c.span
		tb.row = append(tb.row, *c)
	case "tr":
		tb := r.top()
		if tb == nil || !tb.inRow {
			return nil
		}
		tb.rows = append(tb.rows, tb.row)
		tb.row, tb.inRow = nil, false
	case "tbl":
		tb := r.top()
		if tb == nil {
			return nil
		}
		r.stack = r.stack[:len(r.stack)-1]
		return r.finish(tb)
	}
	return nil
}

func (r *reader) endParagraph() error {
	p := r.para
	r.para = nil
	r.fields = r.fields[:0] // a field does not run on past its paragraph's end in practice
	if p == nil {
		return nil
	}
	text := p.b.String()
	if tb := r.top(); tb != nil && tb.cell != nil {
		tb.cell.lines = append(tb.cell.lines, text)
		n := 0
		for _, l := range tb.cell.lines {
			n += len(l) + 1
		}
		if n > 4*MaxCellChars {
			return r.tooLong(0)
		}
	}
	line := oneLine(text)
	if line == "" {
		return nil
	}
	ctx := r.ctx()
	switch {
	case r.titles[p.style]:
		if r.title == "" {
			r.title = line
		}
	case p.heading || r.headings[p.style]:
		ctx.heading, ctx.text = line, ""
	default:
		ctx.text = line
	}
	return nil
}

// finish resolves the table's merges and keeps its rows.
func (r *reader) finish(tb *tableBuild) error {
	out := &r.tables[tb.num-1]
	out.Caption = tb.caption
	var above []string // the text of the row above, by grid column
	var aboveMerge []int
	for i, row := range tb.rows {
		width := 0
		for _, c := range row {
			width = max(width, c.col+c.span-1)
		}
		cells := make([]string, width)
		merge := make([]int, width) // vmerge state by column, for counting ranges
		prevHRestart := false
		for _, c := range row {
			text, err := r.cellText(c, tb.num, i+1)
			if err != nil {
				return err
			}
			if c.vmerge == mergeContinue {
				text = ""
				if c.col-1 < len(above) {
					text = above[c.col-1]
				}
				if c.col-1 < len(aboveMerge) && aboveMerge[c.col-1] == mergeRestart {
					out.Merged++ // the first cell that continues a merge makes it a range
				}
			}
			if c.hmerge == mergeContinue {
				if c.col >= 2 {
					text = cells[c.col-2]
				}
				if prevHRestart {
					out.Merged++ // the first cell that continues a merge makes it a range
				}
			}
			prevHRestart = c.hmerge == mergeRestart
			if c.span > 1 && c.vmerge != mergeContinue {
				out.Merged++
			}
			if c.span > 1 {
				r.expanded += c.span - 1
			}
			if c.vmerge == mergeContinue {
				r.expanded += c.span
			}
			if r.expanded > maxExpanded {
				return &Error{Table: tb.num, Row: i + 1, Problem: fmt.Sprintf("the document merges cells into more than %s cells (the file is damaged or made to exhaust memory)", thousands(maxExpanded))}
			}
			for k := 0; k < c.span; k++ {
				cells[c.col-1+k] = text
				if c.vmerge != 0 {
					merge[c.col-1+k] = c.vmerge
				}
			}
		}
		above, aboveMerge = cells, merge
		trimmed := cells
		for len(trimmed) > 0 && trimmed[len(trimmed)-1] == "" {
			trimmed = trimmed[:len(trimmed)-1]
		}
		if len(trimmed) > 0 {
			out.Rows = append(out.Rows, Row{Num: i + 1, Cells: trimmed})
		}
	}
	return nil
}

// cellText is a cell's text: its paragraphs as lines, without the empty last ones; a cell of
// box characters only is a check box.
func (r *reader) cellText(c cell, table, row int) (string, error) {
	lines := c.lines
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	s := strings.Join(lines, "\n")
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if n := utf8.RuneCountInString(s); n > MaxCellChars {
		return "", &Error{Table: table, Row: row, Col: c.col, TooLong: true, Chars: n,
			Problem: fmt.Sprintf("the cell holds %s characters, more than a cell can (%s)", thousands(n), thousands(MaxCellChars))}
	}
	if mark, ok := boxes(s); ok {
		return mark, nil
	}
	return s, nil
}

// The characters of a ticked and of an empty box.
const (
	ticked   = "☒☑✓✔✗✘×"
	unticked = "☐"
)

// boxes reads a text made of box and tick characters only (and spaces): "X" when one is ticked,
// "" when none is; ok is false for any other text.
func boxes(s string) (string, bool) {
	any, tick := false, false
	for _, c := range s {
		switch {
		case strings.ContainsRune(ticked, c):
			any, tick = true, true
		case strings.ContainsRune(unticked, c):
			any = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\u00a0':
		default:
			return "", false
		}
	}
	if !any {
		return "", false
	}
	if tick {
		return "X", true
	}
	return "", true
}

// symbol is the text of a w:sym: the box and tick symbols of the Wingdings fonts as box
// characters, which boxes then reads; other symbols as nothing.
func symbol(font, char string) string {
	if !strings.HasPrefix(strings.ToLower(font), "wingdings") {
		return ""
	}
	n, err := strconv.ParseUint(char, 16, 32)
	if err != nil {
		return ""
	}
	switch n & 0xff {
	case 0xfd, 0xfe:
		return "☒"
	case 0xfc:
		return "✓"
	case 0xfb:
		return "✗"
	case 0xa8, 0x6f, 0x71:
		return "☐"
	}
	return ""
}

// contentControl reads a w:sdt just started. A check box gives "X" or "" in place of its
// content; any other (drop-down, text, date) is read through, its content being what it shows.
func (r *reader) contentControl() error {
	checkbox, checked, placeholder := false, false, false
	for depth := r.xr.Depth(); ; {
		tok, err := r.token()
		if err != nil {
			return err
		}
		if r.xr.Depth() < depth {
			return nil // an empty w:sdt
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch {
		case se.Name.Space == nsW14 && se.Name.Local == "checkbox":
			checkbox = true
		case se.Name.Space == nsW14 && se.Name.Local == "checked":
			v := attr(se, nsW14, "val")
			checked = v == "1" || v == "true" || v == "on"
		case se.Name.Space == nsW && se.Name.Local == "showingPlcHdr":
			placeholder = true // "Choose an item.", "Click here to enter text.": no answer
		case se.Name.Space == nsW && se.Name.Local == "sdtContent" && placeholder && !checkbox:
			// Read on (it may hold cells or rows) without its text.
			if r.hideAt == 0 {
				r.hideAt = r.xr.Depth()
			}
			return nil
		case se.Name.Space == nsW && se.Name.Local == "sdtContent":
			if !checkbox {
				// What follows is the document's own content: read on, from this level. The
				// w:sdt's end is then an end tag that closes nothing of ours.
				return nil
			}
			mark := ""
			if checked {
				mark = "☒"
			} else {
				mark = "☐"
			}
			if err := r.skip(); err != nil {
				return err
			}
			if r.para != nil {
				r.write(mark)
			} else if tb := r.top(); tb != nil && tb.cell != nil {
				tb.cell.lines = append(tb.cell.lines, mark) // a check box around paragraphs
			}
		}
	}
}

// fieldChar reads a w:fldChar: a legacy form field's check box or drop-down gives its state and
// hides the field's result text.
func (r *reader) fieldChar(t xml.StartElement) error {
	switch attr(t, nsW, "fldCharType") {
	case "begin":
		form, text, err := r.formField()
		if err != nil {
			return err
		}
		if form {
			r.write(text)
		}
		r.fields = append(r.fields, form)
	case "end":
		if len(r.fields) > 0 {
			r.fields = r.fields[:len(r.fields)-1]
		}
		return r.skip()
	default:
		return r.skip()
	}
	return nil
}

// formField reads the w:ffData of a field's begin, to the end of the w:fldChar: a check box's
// state as a box character, or a drop-down's chosen entry.
func (r *reader) formField() (form bool, text string, err error) {
	checkbox, dropdown := false, false
	checked, dflt := -1, 0
	result := 0
	var entries []string
	for depth := r.xr.Depth(); ; {
		tok, err := r.token()
		if err != nil {
			return false, "", err
		}
		if r.xr.Depth() < depth {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Space != nsW {
			continue
		}
		on := func() int {
			switch attr(se, nsW, "val") {
			case "", "1", "true", "on":
				return 1
			}
			return 0
		}
		switch se.Name.Local {
		case "checkBox":
			checkbox = true
		case "checked":
			checked = on()
		case "default":
			if checkbox {
				dflt = on()
			} else {
				dflt, _ = strconv.Atoi(attr(se, nsW, "val"))
			}
		case "ddList":
			dropdown = true
		case "result":
			result, _ = strconv.Atoi(attr(se, nsW, "val"))
		case "listEntry":
			if len(entries) < 1000 {
				entries = append(entries, attr(se, nsW, "val"))
			}
		}
	}
	switch {
	case checkbox:
		if checked == -1 {
			checked = dflt
		}
		if checked == 1 {
			return true, "☒", nil
		}
		return true, "☐", nil
	case dropdown:
		if result == 0 {
			result = dflt
		}
		if result >= 0 && result < len(entries) {
			return true, entries[result], nil
		}
		return true, "", nil
	}
	return false, "", nil
}

// number reads a w:val count of 1 or more; values over limit are limit.
func number(t xml.StartElement, limit int) (int, error) {
	v := strings.TrimSpace(attr(t, nsW, "val"))
	if v == "" {
		return 1, nil
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("w:%s=%q is not a count", t.Name.Local, v)
	}
	if n == 0 && t.Name.Local == "gridSpan" {
		n = 1
	}
	return int(min(n, uint64(limit))), nil
}

func attr(t xml.StartElement, space, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value
		}
	}
	return ""
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// oneLine is text as one trimmed line: runs of white space as one space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
