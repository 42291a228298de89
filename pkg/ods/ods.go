// Package ods reads the sheets of an OpenDocument spreadsheet (.ods, LibreOffice Calc's own
// format) as rows of the text each cell shows, streaming its content.xml. It knows nothing of
// surveys; pkg/sheet gives its rows to the rest of mapsurvey.
//
// What it reads, and why it is bounded: a cell repeated by table:number-columns-repeated and a
// row by table:number-rows-repeated are written out (an empty run only moves the column or row
// number on), up to the 16,384 columns and 1,048,576 rows a sheet can have and up to maxExpanded
// cells made by repetition or merging in a whole file, so that a few bytes of XML cannot make
// billions of cells. Merged cells (table:number-columns-spanned, -rows-spanned) repeat the value
// of their first cell over the cells they cover. A row with table:visibility "collapse" or
// "filter" is hidden; a sheet whose table style says table:display="false" is hidden. A cell's
// text is its text:p paragraphs (one line each) with their spans, links, text:s spaces, tabs and
// line breaks: the text LibreOffice shows, numbers and dates as formatted. Comments
// (office:annotation) and drawings are left out.
package ods

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mapsurvey/mapsurvey/pkg/cellref"
	"github.com/mapsurvey/mapsurvey/pkg/xmldepth"
)

// The bounds.
const (
	// MaxColumns and MaxRows are the size of a sheet, as in Calc and Excel.
	MaxColumns = 16384
	MaxRows    = 1048576
	// MaxCellChars is the most characters a cell can hold.
	MaxCellChars = 32767
	// maxExpanded bounds the cells a file makes by repetition and merging, beyond those its XML
	// writes one by one: 16 million, far more than any table of replies.
	maxExpanded = 1 << 24
	// maxDepth bounds how deeply elements nest: a spreadsheet needs about a dozen levels.
	maxDepth = 200
)

const (
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsStyle  = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
)

// Sheet describes one sheet.
type Sheet struct {
	Name   string
	Hidden bool
	// Merged counts the merged ranges whose value is repeated over their cells.
	Merged int
}

// Row is one row: its 1-based number, its cells from column A on (trailing empty cells left
// out) and whether it is hidden. Rows with no text are not reported.
type Row struct {
	Num    int
	Cells  []string
	Hidden bool
}

// Error is a problem at a place in the file: a sheet, and a row and column when known (0
// otherwise). Problem says what is wrong, for users.
type Error struct {
	Sheet   string
	Row     int
	Col     int
	Problem string
	// TooLong is set when a cell holds more than MaxCellChars characters (Chars, when counted).
	TooLong bool
	Chars   int
}

func (e *Error) Error() string { return e.Where() + e.Problem }

// Where is the error's place for messages, "Replies!C7: ", "Replies!row 7: ", or "".
func (e *Error) Where() string {
	switch {
	case e.Sheet == "":
		return ""
	case e.Row > 0 && e.Col > 0:
		return fmt.Sprintf("%s!%s%d: ", e.Sheet, cellref.ColumnName(e.Col), e.Row)
	case e.Row > 0:
		return fmt.Sprintf("%s!row %d: ", e.Sheet, e.Row)
	}
	return fmt.Sprintf("sheet '%s': ", e.Sheet)
}

// ErrNotODS means the archive has no content.xml: it is not an OpenDocument spreadsheet.
var ErrNotODS = errors.New("not an OpenDocument spreadsheet (no content.xml)")

// Book is an opened spreadsheet.
type Book struct {
	content *zip.File
	sheets  []Sheet
	known   bool // sheets is complete, with the merged ranges counted
}

// Open opens the spreadsheet in zr. When content.xml merges cells anywhere (a quick look for
// the span attributes, at the speed of inflating), a first pass over it counts each sheet's
// merged ranges, so that Sheet.Merged is right before the sheet's first row; otherwise every
// count is 0 and the sheets are read in one pass.
func Open(zr *zip.Reader) (*Book, error) {
	b := &Book{}
	for _, zf := range zr.File {
		if zf.Name == "content.xml" {
			b.content = zf
		}
	}
	if b.content == nil {
		return nil, ErrNotODS
	}
	spans, err := b.hasSpans()
	if err != nil {
		return nil, err
	}
	if spans {
		if err := b.survey(); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// hasSpans tells whether content.xml has a span attribute anywhere.
func (b *Book) hasSpans() (bool, error) {
	rc, err := b.content.Open()
	if err != nil {
		return false, err
	}
	defer rc.Close()
	mark := []byte("-spanned=")
	buf := make([]byte, 64<<10)
	keep := 0
	for {
		n, err := rc.Read(buf[keep:])
		chunk := buf[:keep+n]
		if bytes.Contains(chunk, mark) {
			return true, nil
		}
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		// The last bytes may start the mark: they go in front of the next read.
		keep = min(len(mark)-1, len(chunk))
		copy(buf, chunk[len(chunk)-keep:])
	}
}

// survey is the first pass: the sheets, which are hidden, and their merged ranges.
func (b *Book) survey() error {
	var sheets []Sheet
	err := b.scan(func(p *parser, s Sheet) error {
		rows := p.rows(s.Name)
		for rows.Next() {
		}
		if rows.err != nil {
			return rows.err
		}
		s.Merged = rows.merged
		sheets = append(sheets, s)
		return nil
	})
	if err != nil {
		return err
	}
	b.sheets, b.known = sheets, true
	return nil
}

// Sheets lists the sheets in the order of the file (reading content.xml through once, if
// Open did not).
func (b *Book) Sheets() ([]Sheet, error) {
	if !b.known {
		if err := b.survey(); err != nil {
			return nil, err
		}
	}
	return b.sheets, nil
}

// Read calls fn with the rows of each sheet in order; it stops at the first error fn returns.
// Rows that fn leaves unread are skipped.
func (b *Book) Read(fn func(s Sheet, rows *Rows) error) error {
	i := 0
	return b.scan(func(p *parser, s Sheet) error {
		if b.known && i < len(b.sheets) {
			s.Merged = b.sheets[i].Merged
		}
		i++
		rows := p.rows(s.Name)
		if err := fn(s, rows); err != nil {
			return err
		}
		for rows.Next() {
		}
		return rows.err
	})
}

// scan walks content.xml, noting the table styles that hide a sheet, and calls at for each
// sheet at its start; at reads the sheet's rows (or leaves them, to be skipped).
func (b *Book) scan(at func(p *parser, s Sheet) error) error {
	rc, err := b.content.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	p := &parser{Reader: xmldepth.New(xml.NewDecoder(rc), maxDepth)}
	hidden := map[string]bool{}
	for {
		tok, err := p.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return tooDeep(err)
		}
		se, ok := tok.(xml.StartElement)
		switch {
		case !ok:
		case se.Name.Space == nsStyle && se.Name.Local == "style":
			if err := p.tableStyle(se, hidden); err != nil {
				return tooDeep(err)
			}
		case se.Name.Space == nsTable && se.Name.Local == "table":
			s := Sheet{Name: attr(se, nsTable, "name"), Hidden: hidden[attr(se, nsTable, "style-name")]}
			if err := at(p, s); err != nil {
				return err // the rows' errors are told already (Rows.fail)
			}
		}
	}
}

// parser is the decoder with the depth of the element it is in, bounded. Its errors go out
// through scan and Rows.fail, which tell nesting past the bound in this package's words.
type parser struct {
	*xmldepth.Reader
	expanded int // cells made by repetition and merging so far, in the whole file
}

// tooDeep is err, with nesting past maxDepth told the way this package tells problems.
func tooDeep(err error) error {
	var e *xmldepth.TooDeepError
	if errors.As(err, &e) {
		return &Error{Problem: fmt.Sprintf("its content nests more than %d elements deep (the file is damaged or made to exhaust memory)", e.Max)}
	}
	return err
}

// tableStyle notes a table style that hides its sheet (table:display="false").
func (p *parser) tableStyle(se xml.StartElement, hidden map[string]bool) error {
	if attr(se, nsStyle, "family") != "table" {
		return nil
	}
	name := attr(se, nsStyle, "name")
	for depth := p.Depth(); p.Depth() >= depth; {
		tok, err := p.Token()
		if err != nil {
			return err
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Space == nsStyle && e.Name.Local == "table-properties" && attr(e, nsTable, "display") == "false" {
			hidden[name] = true
		}
	}
	return nil
}

func (p *parser) rows(sheet string) *Rows {
	return &Rows{p: p, sheet: sheet, depth: p.Depth()}
}

// Rows streams the rows of one sheet.
type Rows struct {
	p      *parser
	sheet  string
	depth  int // the depth of the table element
	num    int // the number of the last row element read
	row    Row
	err    error
	done   bool
	merged int
	merges []cellref.Merged
	// pending is a row element repeated: its cells and how many more times it comes.
	pending    []string
	pendingN   int
	pendingHid bool
}

// merge is a block of merged cells and the value of its first cell.
// Row is the current row.
func (r *Rows) Row() Row { return r.row }

// Err is the error that ended the rows, if any.
func (r *Rows) Err() error { return r.err }

// Next advances to the next row with text.
func (r *Rows) Next() bool {
	for r.err == nil {
		if r.pendingN > 0 {
			r.pendingN--
			r.num++
			if r.emit(append([]string(nil), r.pending...), r.pendingHid) {
				return true
			}
			continue
		}
		if r.done {
			return false
		}
		cells, hidden, repeat, ok := r.nextRow()
		if !ok {
			continue
		}
		if repeat > 1 {
			if len(cells) == 0 && !r.covering(r.num+1, r.num+repeat) {
				r.num += repeat // a run of blank rows: nothing to give
				if r.num > MaxRows {
					r.num = MaxRows
				}
				continue
			}
			if r.num+repeat > MaxRows {
				repeat = MaxRows - r.num
			}
			if !r.expand(len(cells) * (repeat - 1)) {
				return false
			}
			r.pending, r.pendingN, r.pendingHid = cells, repeat, hidden
			continue
		}
		r.num++
		if r.emit(cells, hidden) {
			return true
		}
	}
	return false
}

// covering tells whether a merged range covers any row from top to bottom.
func (r *Rows) covering(top, bottom int) bool {
	for _, m := range r.merges {
		if m.Top <= bottom && m.Bottom >= top {
			return true
		}
	}
	return false
}

// emit fills the merged ranges into the row numbered r.num and makes it the current row; false
// when it has no text.
func (r *Rows) emit(cells []string, hidden bool) bool {
	if r.num > MaxRows {
		r.fail(&Error{Sheet: r.sheet, Problem: fmt.Sprintf("the sheet has text beyond row %s, the last a sheet can have (the file is damaged)", thousands(MaxRows))})
		return false
	}
	cells, r.merges = cellref.FillMerged(cells, r.num, r.merges)
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	if len(cells) == 0 {
		return false
	}
	r.row = Row{Num: r.num, Cells: cells, Hidden: hidden}
	return true
}

func (r *Rows) fail(err error) {
	if r.err == nil {
		r.err = tooDeep(err)
	}
}

// expand counts n cells made by repetition or merging; false, with the error set, past the
// bound.
func (r *Rows) expand(n int) bool {
	r.p.expanded += n
	if n < 0 || r.p.expanded > maxExpanded {
		r.fail(&Error{Sheet: r.sheet, Row: r.num + 1, Problem: fmt.Sprintf("the sheet repeats or merges cells into more than %s cells (the file is damaged or made to exhaust memory)", thousands(maxExpanded))})
		return false
	}
	return true
}

// nextRow reads up to the next row element and returns its cells, whether it is hidden and
// how many times it repeats; ok is false when there was no row (the sheet ended, or an error).
func (r *Rows) nextRow() (cells []string, hidden bool, repeat int, ok bool) {
	p := r.p
	for {
		tok, err := p.Token()
		if err != nil {
			r.fail(err)
			return nil, false, 0, false
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if p.Depth() < r.depth {
				r.done = true
				return nil, false, 0, false
			}
		case xml.StartElement:
			switch {
			case t.Name.Space != nsTable:
				if err := p.Skip(); err != nil {
					r.fail(err)
					return nil, false, 0, false
				}
			case t.Name.Local == "table-row":
				repeat, err := count(t, "number-rows-repeated", MaxRows)
				if err != nil {
					r.fail(&Error{Sheet: r.sheet, Row: r.num + 1, Problem: err.Error()})
					return nil, false, 0, false
				}
				v := attr(t, nsTable, "visibility")
				cells, err := r.readCells()
				if err != nil {
					r.fail(err)
					return nil, false, 0, false
				}
				return cells, v == "collapse" || v == "filter", repeat, true
			case t.Name.Local == "table-header-rows", t.Name.Local == "table-rows", t.Name.Local == "table-row-group":
				// rows inside: read on
			default:
				if err := p.Skip(); err != nil {
					r.fail(err)
					return nil, false, 0, false
				}
			}
		}
	}
}

// readCells reads the cells of the row element just started, up to its end.
func (r *Rows) readCells() ([]string, error) {
	p := r.p
	row := r.num + 1
	var cells []string
	col := 0 // the columns read so far
	for depth := p.Depth(); ; {
		tok, err := p.Token()
		if err != nil {
			return nil, err
		}
		if p.Depth() < depth {
			break
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if t.Name.Space != nsTable || t.Name.Local != "table-cell" && t.Name.Local != "covered-table-cell" {
			if err := p.Skip(); err != nil {
				return nil, err
			}
			continue
		}
		repeat, err := count(t, "number-columns-repeated", MaxColumns)
		if err != nil {
			return nil, &Error{Sheet: r.sheet, Row: row, Col: col + 1, Problem: err.Error()}
		}
		text, err := r.cellText(t, row, col+1)
		if err != nil {
			return nil, err
		}
		if t.Name.Local == "covered-table-cell" {
			text = "" // the merged range's first cell gives the value
		}
		if text == "" {
			col += repeat // an empty run moves on, and makes nothing
			if col > MaxColumns {
				col = MaxColumns
			}
			if t.Name.Local == "table-cell" {
				if err := r.span(t, row, col-repeat+1, ""); err != nil {
					return nil, err
				}
			}
			continue
		}
		if col+repeat > MaxColumns {
			return nil, &Error{Sheet: r.sheet, Row: row, Problem: fmt.Sprintf("the row has text beyond column %s, the last a sheet can have (the file is damaged)", cellref.ColumnName(MaxColumns))}
		}
		if !r.expand(repeat - 1) {
			return nil, r.err
		}
		for len(cells) < col {
			cells = append(cells, "")
		}
		for i := 0; i < repeat; i++ {
			cells = append(cells, text)
		}
		if err := r.span(t, row, col+1, text); err != nil {
			return nil, err
		}
		col += repeat
	}
	return cells, nil
}

// span notes the merged range that the cell at row, col starts, if any. An empty first cell
// merges nothing worth repeating, but is still a merged range.
func (r *Rows) span(t xml.StartElement, row, col int, value string) error {
	cs, err1 := count(t, "number-columns-spanned", MaxColumns)
	rs, err2 := count(t, "number-rows-spanned", MaxRows)
	if err := errors.Join(err1, err2); err != nil {
		return &Error{Sheet: r.sheet, Row: row, Col: col, Problem: err.Error()}
	}
	if cs == 1 && rs == 1 {
		return nil
	}
	r.merged++
	if value == "" {
		return nil
	}
	right, bottom := min(col+cs-1, MaxColumns), min(row+rs-1, MaxRows)
	if !r.expand((right-col+1)*(bottom-row+1) - 1) {
		return r.err
	}
	r.merges = append(r.merges, cellref.Merged{Top: row, Left: col, Bottom: bottom, Right: right, Value: value})
	return nil
}

// cellText reads the text of the cell element just started, to its end: its paragraphs, one
// line each, or when it has none the value its attributes store.
func (r *Rows) cellText(t xml.StartElement, row, col int) (string, error) {
	p := r.p
	var b strings.Builder
	paragraphs := 0
	// White space in the XML collapses to one space, and none at a paragraph's start or end
	// (ODF 1.2, 6.1.2); text:s, text:tab and text:line-break are the spaces that count.
	started, space := false, false
	write := func(s string) {
		if space && started {
			b.WriteByte(' ')
		}
		space = false
		started = true
		b.WriteString(s)
	}
	tooLong := func() error {
		return &Error{Sheet: r.sheet, Row: row, Col: col, TooLong: true,
			Problem: fmt.Sprintf("the cell holds more than the %s characters a spreadsheet cell can", thousands(MaxCellChars))}
	}
	for depth := p.Depth(); ; {
		tok, err := p.Token()
		if err != nil {
			return "", err
		}
		if p.Depth() < depth {
			break
		}
		switch e := tok.(type) {
		case xml.CharData:
			if p.Depth() == depth { // text outside a paragraph is layout
				continue
			}
			for len(e) > 0 {
				i := 0
				for i < len(e) && !isSpace(e[i]) {
					i++
				}
				if i > 0 {
					write(string(e[:i]))
				}
				for i < len(e) && isSpace(e[i]) {
					i++
					space = true
				}
				e = e[i:]
			}
		case xml.StartElement:
			switch {
			case e.Name.Space == nsText && (e.Name.Local == "p" || e.Name.Local == "h"):
				if paragraphs > 0 {
					b.WriteByte('\n')
				}
				paragraphs++
				started, space = false, false
			case e.Name.Space == nsText && e.Name.Local == "s":
				n, err := count(e, "c", MaxCellChars+1)
				if err != nil {
					n = 1
				}
				write(strings.Repeat(" ", n))
			case e.Name.Space == nsText && e.Name.Local == "tab":
				write("\t")
			case e.Name.Space == nsText && e.Name.Local == "line-break":
				write("\n")
			case e.Name.Space == nsText:
				// spans, links, fields: their text is the cell's
			default:
				// comments (office:annotation), drawings, shapes: not the cell's text
				if err := p.Skip(); err != nil {
					return "", err
				}
			}
		}
		if b.Len() > 4*MaxCellChars {
			return "", tooLong()
		}
	}
	s := b.String()
	if paragraphs == 0 && s == "" {
		s = storedValue(t)
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if len(s) > MaxCellChars {
		if n := utf8.RuneCountInString(s); n > MaxCellChars {
			e := tooLong().(*Error)
			e.Chars = n
			e.Problem = fmt.Sprintf("the cell holds %s characters, more than a spreadsheet cell can (%s)", thousands(n), thousands(MaxCellChars))
			return "", e
		}
	}
	return s, nil
}

// storedValue is the value a cell with no paragraph stores in its attributes (some programs
// other than LibreOffice write no text for numbers).
func storedValue(t xml.StartElement) string {
	switch attr(t, nsOffice, "value-type") {
	case "string":
		return attr(t, nsOffice, "string-value")
	case "float", "percentage", "currency":
		return attr(t, nsOffice, "value")
	case "date":
		return attr(t, nsOffice, "date-value")
	case "time":
		return attr(t, nsOffice, "time-value")
	case "boolean":
		switch attr(t, nsOffice, "boolean-value") {
		case "true":
			return "TRUE"
		case "false":
			return "FALSE"
		}
	}
	return ""
}

// count reads a repetition or span attribute of the table namespace: 1 when absent, an error
// when it is not a whole number from 1; values over limit are taken as limit.
func count(t xml.StartElement, name string, limit int) (int, error) {
	v := attr(t, nsTable, name)
	if t.Name.Local == "s" {
		v = attr(t, nsText, name)
	}
	if v == "" {
		return 1, nil
	}
	n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 64)
	if err != nil || n == 0 {
		return 0, fmt.Errorf("%s=%q is not a count (the file is damaged)", name, v)
	}
	if n > uint64(limit) {
		return limit, nil
	}
	return int(n), nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func attr(t xml.StartElement, space, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value
		}
	}
	return ""
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
