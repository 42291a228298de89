package xlsxstream

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
)

const (
	totalRows  = 1048576 // the last row a workbook can have
	maxColumns = 16384   // XFD
)

var rowEnd = []byte("</row>")

// Rows streams the rows of one sheet's XML. It reads one <row> element at a time into its
// buffer and parses it there; the memory it holds does not depend on the number of rows.
type Rows struct {
	w      *Workbook
	sheet  string
	src    *chunkReader
	stop   func() // releases the part's reader; idempotent
	sst    *sharedStrings
	styles []styleKind

	num      int  // the number of the row Row returns
	at       int  // the number of the row element being read, for messages
	last     int  // the number of the last <row> element read
	pending  bool // cur, read ahead, is the next row element, after blank rows
	cur, row Row
	err      error
	done     bool

	// large is a sheet over largePart of XML: inflated and parsed on other goroutines.
	large bool
	// lateCheck: a sheet over preScanPart, checked for merged cells at its end rather than by
	// a first pass.
	lateCheck bool
	// want, when set, marks the columns (from 1) whose text is needed: see OnlyColumns.
	want atomic.Pointer[[]bool]
	// For progress: the sheet XML inflated so far (large sheets only) and its size; the bytes
	// of the file taken as read before this sheet, and the sheet's own in the file.
	inflated   *atomic.Int64
	xmlSize    int64
	fileBefore int64
	fileSize   int64

	cellErr error // a cell too long, found by parseCells
	// generalOnly reads every row with parseCells' general loop, never plainCells: for the
	// tests that compare the two.
	generalOnly bool

	// Merged ranges (see merges.go): sorted by top row, the next to start (mi), those covering
	// the current row, and the values of their top-left cells, by anchorKey.
	merges  []mergedRange
	mi      int
	active  []mergedRange
	anchors map[uint64]string
	mergedN int

	attrs []xattr
	// rowTail is what followed the r attribute of the last row start tag read (` r="N"` first),
	// up to and with its ">" or "/>", when that tag was one the reader takes: a sheet's rows
	// repeat it (` spans="1:6" x14ac:dyDescent="0.25">`), so that a row whose tag ends the same
	// way is taken without parsing its attributes again. rowTailHidden and rowTailEmpty are
	// what that tag said.
	rowTail []byte
	// cellTails does for the start tags of a row's first cells, by their place in the row, what
	// rowTail does for rows: ` t="s">` after ` r="B7"` is taken as the same bytes were before.
	cellTails                   [cellTailCells]cellTail
	rowTailOK                   bool
	rowTailHidden, rowTailEmpty bool
	scratch                     []byte
	rowDigits                   []byte // see digitsOf
	digitsWord, digitsMask      uint64 // rowDigits' first eight bytes as a word, and which bytes
	digitsFor                   int
	text                        []byte // the cell's decoded <v>
	itext                       []byte // the cell's decoded inline string
	ftext                       []byte
	block                       []string       // where rows' cell slices are cut from
	lastCells                   int            // the number of cells of the last row read
	blockN                      int            // the size of the next block
	shared                      []cachedString // a power of two long
	interns                     []string       // a power of two long
}

type cachedString struct {
	idx int // string index + 1; 0 for none
	s   string
}

// Next advances to the next row. Blank rows between row elements come as rows without cells,
// as excelize reports every row number.
func (r *Rows) Next() bool {
	if r.err != nil {
		return false
	}
	if r.w.closed {
		// The shared strings are gone with the workbook.
		r.fail(errors.New("sheet: the workbook was closed before its rows were read"))
		return false
	}
	if !r.pending && !r.done {
		r.readRow()
		if r.err != nil {
			return false
		}
	}
	if !r.pending {
		r.row = Row{}
		return false
	}
	r.num++
	if r.num < r.cur.Num {
		r.row = Row{Num: r.num}
	} else {
		r.row, r.pending = r.cur, false
	}
	if r.merges != nil {
		r.row = r.fillMerged(r.row)
	}
	return true
}

func (r *Rows) Row() Row { return r.row }

// OnlyColumns tells the reader that only the text of these columns (from 1) is needed from now
// on: other cells holding text come as Skipped, sparing the making of a string per cell. A
// million-row export has a description per row that a count does not read. The cells after the
// last of cols fold into one: a Skipped just after it when any of them has data (a number or a
// formula too), none otherwise. It may be called while another goroutine reads rows (prefetch);
// rows already read keep their text.
func (r *Rows) OnlyColumns(cols []int) {
	if cols == nil {
		r.want.Store(nil)
		return
	}
	want := make([]bool, slices.Max(append(cols, 0))+1)
	for _, c := range cols {
		if c > 0 {
			want[c] = true
		}
	}
	r.want.Store(&want)
}

// blankText tells a cell a reader of rows takes for empty (strings.TrimSpace, Unicode spaces
// included): such a cell keeps its text when its column is left out, so that a row of spaces
// stays blank.
func blankText(b []byte) bool { return len(bytes.TrimSpace(b)) == 0 }

// BytesRead estimates how far into the file reading has come, for progress displays: the parts
// before this sheet, then the share of its XML inflated so far; -1 for a small sheet, which is
// read in a moment. Another goroutine may be reading the rows (prefetch): only the atomic count
// of inflated bytes changes.
func (r *Rows) BytesRead() int64 {
	if r.inflated == nil || r.xmlSize == 0 {
		return -1
	}
	return r.fileBefore + int64(float64(r.inflated.Load())/float64(r.xmlSize)*float64(r.fileSize))
}
func (r *Rows) Err() error { return r.err }

// Close releases the sheet's part early, for a caller that stops before the last row; Next
// returns false after it.
func (r *Rows) Close() error {
	r.done, r.pending = true, false
	r.stop()
	return nil
}

func (r *Rows) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.pending = false
	r.stop()
}

func (r *Rows) fallback(format string, args ...any) {
	r.fail(fallback(fmt.Sprintf("sheet %q row %d: ", r.sheet, r.at) + fmt.Sprintf(format, args...)))
}

// seekSheetData consumes the XML up to the content of the worksheet's <sheetData>; found is false
// when the worksheet has no rows.
func (r *Rows) seekSheetData() (found, ok bool) {
	c := r.src
	if !c.skipProlog() {
		return false, false
	}
	empty, _, ok := c.rootTag("worksheet", &r.scratch)
	if !ok || empty {
		return false, ok
	}
	depth := 0
	for {
		w := c.window()
		lt := bytes.IndexByte(w, '<')
		if lt < 0 || len(w)-lt < 4 {
			if c.fill() {
				continue
			}
			return false, false
		}
		c.consume(lt)
		w = c.window()
		switch w[1] {
		case '/':
			gt := bytes.IndexByte(w, '>')
			if gt < 0 {
				if c.fill() {
					continue
				}
				return false, false
			}
			if depth == 0 {
				return false, true // the end of the worksheet: no sheetData
			}
			depth--
			c.consume(gt + 1)
			continue
		case '!', '?':
			end := "?>"
			if w[1] == '!' {
				if !bytes.HasPrefix(w, []byte("<!--")) {
					return false, false
				}
				end = "-->"
			}
			k := bytes.Index(w, []byte(end))
			if k < 0 {
				if c.fill() {
					continue
				}
				return false, false
			}
			c.consume(k + len(end))
			continue
		}
		j := 1
		for j < len(w) && !isSpace(w[j]) && w[j] != '>' && w[j] != '/' {
			j++
		}
		next, empty, attrs, res := startTag(w, j, r.attrs, &r.scratch)
		r.attrs = attrs
		if res == tagIncomplete || j == len(w) {
			if c.fill() {
				continue
			}
			return false, false
		}
		if res != tagOK {
			return false, false
		}
		name := w[1:j]
		if local, prefixed := localName(name); prefixed && string(local) == "sheetData" {
			return false, false
		}
		if depth == 0 && string(name) == "sheetData" {
			c.consume(next)
			return !empty, true
		}
		if !empty {
			depth++
		}
		c.consume(next)
	}
}

// readRow reads the next <row> element into r.cur, or notes the end of the sheet data.
func (r *Rows) readRow() {
	c := r.src
	r.at = r.last + 1
	for {
		w := c.window()
		i := skipSpace(w, 0)
		if len(w)-i < len("</sheetData>") && c.fill() {
			continue
		}
		if i >= len(w) {
			r.fail(c.failure(fmt.Sprintf("sheet %q: the sheet data ends early", r.sheet)))
			return
		}
		if w[i] != '<' {
			r.fallback("text between rows")
			return
		}
		if end, ok := endTag(w, i, "sheetData"); ok {
			c.consume(end)
			r.endOfData()
			return
		}
		if !at(w, i, "row") {
			r.fallback("an element other than <row> in the sheet data")
			return
		}
		if num, next, hidden, empty, ok := r.sameRowTag(w, i+4); ok {
			if !r.rowFrom(w, next, num, hidden, empty, true) {
				continue
			}
			return
		}
		next, empty, attrs, res := startTag(w, i+4, r.attrs, &r.scratch)
		r.attrs = attrs
		if res == tagIncomplete {
			if c.fill() {
				continue
			}
			r.fail(c.failure(fmt.Sprintf("sheet %q: the sheet data ends early", r.sheet)))
			return
		}
		if res != tagOK {
			r.fallback("a malformed <row>")
			return
		}
		num, hidden, hasR, ok := r.rowAttrs(attrs)
		if !ok {
			r.fallback("a row number or hidden attribute the fast reader does not handle (missing on a hidden row, out of order, or not a plain number)")
			return
		}
		r.keepRowTail(w, i+4, next, hidden, empty, hasR)
		if !r.rowFrom(w, next, num, hidden, empty, hasR) {
			continue
		}
		return
	}
}

// cellTailCells is the number of a row's first cells whose start tags are remembered.
const cellTailCells = 32

// cellTail is what followed the reference of a cell's start tag, from the quote closing it, and
// what the tag said: its type and its style, resolved.
type cellTail struct {
	tail []byte // `" t="s">`: with the quote and the closing ">" or "/>"
	// words and masks are tail eight bytes at a time, for a tail of up to 24 bytes: compared
	// so, it takes no call to memeqbody (see follows).
	words, masks [3]uint64
	typ          []byte // in tail; nil when absent
	code         cellType
	kind         styleKind
	styleIdx     int
	empty, kept  bool
}

// refFirst tells a start tag whose attributes begin, at w[i], with ` r="` and more: the tags whose
// ends sameCellTag and sameRowTag remember.
func refFirst(w []byte, i int) bool {
	return i+4 < len(w) && binary.LittleEndian.Uint32(w[i:]) == refOpen
}

// refOpen is ` r="` as a little-endian word.
const refOpen = '"'<<24 | '='<<16 | 'r'<<8 | ' '

// follows tells whether w[end:] starts with t.tail.
func (t *cellTail) follows(w []byte, end int) bool {
	if len(t.tail) > len(t.words)*8 || len(w)-end < len(t.words)*8 {
		return bytes.HasPrefix(w[end:], t.tail)
	}
	x := w[end : end+len(t.words)*8]
	return (binary.LittleEndian.Uint64(x)^t.words[0])&t.masks[0]|
		(binary.LittleEndian.Uint64(x[8:])^t.words[1])&t.masks[1]|
		(binary.LittleEndian.Uint64(x[16:])^t.words[2])&t.masks[2] == 0
}

// setWords sets t.words and t.masks from t.tail.
func (t *cellTail) setWords() {
	rest := t.tail[:min(len(t.tail), len(t.words)*8)]
	for k := range t.words {
		t.words[k], t.masks[k] = wordOf(rest[min(len(rest), 8*k):min(len(rest), 8*k+8)])
	}
}

// wordOf is b, up to eight bytes, as a little-endian word, and the mask of the bytes it fills.
func wordOf(b []byte) (word, mask uint64) {
	var w [8]byte
	n := copy(w[:], b)
	if n == 0 {
		return 0, 0
	}
	return binary.LittleEndian.Uint64(w[:]), ^uint64(0) >> (64 - 8*n)
}

// sameCellTag reads a cell start tag (from w[i], after "<c") that is ` r="`, a reference in this
// row (column letters, then rowDigits, the row's number as written) and then the bytes the n-th
// cell's tag had after its reference last time it was parsed: it gives the column and what the
// attribute loop, cellRef and the style lookup of parseCells gave for that tag.
func (r *Rows) sameCellTag(w []byte, i, n int) (ref []byte, col int, t *cellTail, next int, ok bool) {
	if n >= cellTailCells {
		return nil, 0, nil, 0, false
	}
	t = &r.cellTails[n]
	if !t.kept || !refFirst(w, i) {
		return nil, 0, nil, 0, false
	}
	j := i + 4
	// Three letters reach XFD; a fourth makes the row's digits below fail to match.
	for j < len(w) && j < i+4+3 && 'A' <= w[j] && w[j] <= 'Z' {
		col = col*26 + int(w[j]-'A'+1)
		j++
	}
	if j == i+4 || col > maxColumns {
		return nil, 0, nil, 0, false
	}
	if len(r.rowDigits) <= 8 && len(w)-j >= 8 {
		// The row's digits as one word (see digitsOf): no call to bytes.Equal.
		if (binary.LittleEndian.Uint64(w[j:])^r.digitsWord)&r.digitsMask != 0 {
			return nil, 0, nil, 0, false
		}
	} else if !bytes.HasPrefix(w[j:], r.rowDigits) {
		return nil, 0, nil, 0, false
	}
	end := j + len(r.rowDigits)
	if !t.follows(w, end) {
		return nil, 0, nil, 0, false
	}
	return w[i+4 : end], col, t, end + len(t.tail), true
}

// keepCellTail notes the end of the n-th cell's start tag, w[i:next], when it starts ` r="REF"`
// and the attribute loop took it, with what its type and style said.
func (r *Rows) keepCellTail(w []byte, i, next, n int, typ []byte, code cellType, kind styleKind, styleIdx int, empty bool) {
	if n >= cellTailCells {
		return
	}
	t := &r.cellTails[n]
	t.kept = false
	if !refFirst(w[:next], i) {
		return
	}
	q := bytes.IndexByte(w[i+4:next], '"')
	if q < 0 {
		return
	}
	start := i + 4 + q
	t.tail = append(t.tail[:0], w[start:next]...)
	t.setWords()
	t.typ = within(t.tail, w, start, typ)
	if typ != nil && t.typ == nil {
		return
	}
	t.code, t.kind, t.styleIdx, t.empty, t.kept = code, kind, styleIdx, empty, true
}

// within is v, a slice of w, as the same bytes of tail, a copy of w[start:]; nil when v is nil
// or not in that part of w.
func within(tail, w []byte, start int, v []byte) []byte {
	if len(v) == 0 {
		if v != nil {
			return tail[:0:0]
		}
		return nil
	}
	off := cap(w) - cap(v) - start // v's offset in w, from start
	if off < 0 || off+len(v) > len(tail) {
		return nil
	}
	return tail[off : off+len(v) : off+len(v)]
}

// sameRowTag reads a row start tag (from w[i], after "<row") that is ` r="N"` followed by the
// same bytes as the last one taken (see rowTail): it gives what startTag and rowAttrs would.
func (r *Rows) sameRowTag(w []byte, i int) (num, next int, hidden, empty, ok bool) {
	if !r.rowTailOK || !refFirst(w, i) {
		return 0, 0, false, false, false
	}
	q := i + 4
	for q < len(w) && q < i+4+10 && w[q] != '"' {
		q++
	}
	if q >= len(w) || w[q] != '"' || !bytes.HasPrefix(w[q+1:], r.rowTail) {
		return 0, 0, false, false, false
	}
	n, ok := digits(w[i+4 : q])
	if !ok || n < 1 || n > totalRows || n <= r.last {
		return 0, 0, false, false, false
	}
	return n, q + 1 + len(r.rowTail), r.rowTailHidden, r.rowTailEmpty, true
}

// keepRowTail notes the end of a row start tag taken, w[i:next], when it starts ` r="N"`.
func (r *Rows) keepRowTail(w []byte, i, next int, hidden, empty, hasR bool) {
	r.rowTailOK = false
	if !hasR || !refFirst(w[:next], i) {
		return
	}
	q := bytes.IndexByte(w[i+4:next], '"')
	if q < 0 {
		return
	}
	r.rowTail = append(r.rowTail[:0], w[i+4+q+1:next]...)
	r.rowTailOK, r.rowTailHidden, r.rowTailEmpty = true, hidden, empty
}

// rowFrom reads the cells of a row whose start tag ends at w[next] and makes it the current
// row. It returns false when the window must be filled and the row read again.
func (r *Rows) rowFrom(w []byte, next, num int, hidden, empty, hasR bool) bool {
	c := r.src
	end, cells, formulas := next, []string(nil), []Formula(nil)
	if !empty {
		var why string
		cells, formulas, end, why = r.parseCells(w, next, num, hasR)
		if r.cellErr != nil {
			r.fail(r.cellErr)
			return true
		}
		if why != "" {
			// The row may only be cut by the end of the data read so far.
			if !bytes.Contains(w[next:], rowEnd) {
				if c.fill() {
					return false
				}
				if c.err == errElementTooLarge {
					r.fail(bigCell(r.sheet, w[next:], num))
					return true
				}
				if c.err != nil {
					r.fail(c.failure(fmt.Sprintf("sheet %q row %d", r.sheet, num)))
					return true
				}
			}
			r.at = num
			r.fallback("%s", why)
			return true
		}
	}
	r.last, r.at = num, num
	r.cur = Row{Num: num, Cells: cells, Hidden: hidden, Formulas: formulas}
	r.pending = true
	c.consume(end)
	return true
}

// endOfData ends the rows after the sheet data. For a sheet that had no first pass, it reads the
// rest of the XML first: merged cells, or a second sheetData element, mean that the rows given
// were not those excelize gives, and the sheet must be read again (ErrFallback).
func (r *Rows) endOfData() {
	if r.lateCheck && !r.scanRest() {
		return
	}
	r.done = true
	r.stop()
}

// scanRest reads the rest of the sheet's XML (see lateParts); it fails the rows with
// ErrFallback, and returns false, when it finds what the fast reader cannot read.
func (r *Rows) scanRest() bool {
	merges, why, err := lateParts(r.src, 0)
	if why == "" && err == nil && len(merges) > 0 {
		why = "merged cells"
	}
	switch {
	case why != "":
		r.fallback("%s, after the rows given", why)
		return false
	case err != nil:
		r.fail(r.src.failure(fmt.Sprintf("sheet %q: after the sheet data", r.sheet)))
		return false
	}
	return true
}

// Large tells a sheet over largePart of XML, worth parsing on a goroutine of its own while the
// caller counts its rows (one over 64 MiB is checked for merged cells at its end: see Finish).
func (r *Rows) Large() bool { return r.large }

// Finish is called when the caller is done with a sheet. A sheet over 64 MiB of XML left before
// its end (a sheet without a header is left after its first rows) has not been checked for merged cells:
// the rest of its XML is, and merged cells give ErrFallback, since the rows given were not
// excelize's. It returns the rows' error, if any.
func (r *Rows) Finish() error {
	if r.done || r.err != nil {
		return r.err
	}
	if r.lateCheck && r.scanRest() {
		r.done = true
	}
	r.stop()
	return r.err
}

// rowAttrs reads a row's number and hidden flag. A row without a number follows the previous
// one; excelize drops the other attributes of such a row, so a hidden one is not handled.
func (r *Rows) rowAttrs(attrs []xattr) (num int, hidden, hasR, ok bool) {
	seenHidden := false
	for _, a := range attrs {
		local, prefixed := localName(a.name)
		switch string(local) {
		case "r":
			if prefixed || hasR {
				return 0, false, false, false
			}
			n, ok := digits(a.value)
			if !ok || n < 1 || n > totalRows {
				return 0, false, false, false
			}
			num, hasR = n, true
		case "hidden":
			if prefixed || seenHidden {
				return 0, false, false, false
			}
			seenHidden = true
			switch string(a.value) {
			case "1", "true":
				hidden = true
			case "0", "false":
			default:
				return 0, false, false, false
			}
		}
	}
	if !hasR {
		num = r.last + 1
		return num, false, false, !hidden && num <= totalRows
	}
	return num, hidden, true, num > r.last
}

// digits parses a plain decimal number of up to 9 digits.
func digits(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// cellRef parses a cell reference such as "AB12": uppercase column letters, then the row.
func cellRef(b []byte) (col, row int, ok bool) {
	i := 0
	for i < len(b) && i < 4 && 'A' <= b[i] && b[i] <= 'Z' {
		col = col*26 + int(b[i]-'A'+1)
		i++
	}
	if i == 0 || col > maxColumns {
		return 0, 0, false
	}
	row, ok = digits(b[i:])
	return col, row, ok && row > 0
}

// parseCells reads the cells of the row whose content starts at w[i], as excelize's Columns
// gives them: from column A, with "" for the gaps, trailing empty cells left out. It returns the
// index after the row's end tag, or why it cannot read the row (which may be that w ends within
// it).
func (r *Rows) parseCells(w []byte, i int, rowNum int, hasR bool) (_ []string, _ []Formula, end int, why string) {
	fold := 0 // the column from which cells fold into one (see OnlyColumns); 0 for none
	var want []bool
	if p := r.want.Load(); p != nil {
		want = *p
		fold = len(want)
	}
	// The cells go straight into the free part of the block rows' cells are cut from (see
	// rowCells); a row too long for it gets a slice of its own from append.
	if len(r.block) < r.lastCells || len(r.block) == 0 {
		r.blockN = min(max(2*r.blockN, 32), 2048)
		r.block = make([]string, max(r.lastCells, r.blockN))
	}
	r.digitsOf(rowNum) // for sameCellTag
	if !r.generalOnly {
		if cells, end, ok := r.plainCells(w, i, hasR, want); ok {
			return cells, nil, end, ""
		}
	}
	cells := r.block[:0:len(r.block)]
	var formulas []Formula
	col, n := 0, 0
	for {
		i = skipSpace(w, i)
		if i+1 >= len(w) {
			return nil, nil, 0, "the row does not end"
		}
		if w[i+1] == '/' {
			e, ok := endTag(w, i, "row")
			if !ok {
				return nil, nil, 0, "the row does not end with </row>"
			}
			end = e
			break
		}
		if w[i+1] != 'c' || i+2 >= len(w) || !(isSpace(w[i+2]) || w[i+2] == '>' || w[i+2] == '/') {
			return nil, nil, 0, "an element other than <c> in a row"
		}
		n++
		var ref, style, typ []byte
		var next, styleIdx int
		var empty bool
		var code cellType
		kind := styleRaw
		if sref, c, t, nx, same := r.sameCellTag(w, i+2, n); same {
			if c <= col || !hasR && c != n {
				return nil, nil, 0, fmt.Sprintf("cell reference %q out of order or not in its row", sref)
			}
			col, typ, code, kind, styleIdx, empty, next = c, t.typ, t.code, t.kind, t.styleIdx, t.empty, nx
		} else {
			next = i + 2
			for {
				name, value, nx, e, res := nextAttr(w, next)
				if res != tagOK {
					return nil, nil, 0, "a malformed <c>"
				}
				next = nx
				if name == nil {
					empty = e
					break
				}
				var p *[]byte
				if len(name) == 1 {
					switch name[0] {
					case 'r':
						p = &ref
					case 's':
						p = &style
					case 't':
						p = &typ
					}
				}
				if p == nil {
					// Other attributes are checked as excelize's decoder would check them; a
					// prefixed r, s or t is one excelize would take as the cell's.
					if local, prefixed := localName(name); prefixed && len(local) == 1 && strings.IndexByte("rst", local[0]) >= 0 || !textOK(value, &r.scratch) {
						return nil, nil, 0, "a prefixed cell attribute or a malformed one"
					}
					continue
				}
				if *p != nil {
					return nil, nil, 0, "a repeated cell attribute"
				}
				*p = value
			}
			if ref != nil {
				c, row, ok := cellRef(ref)
				// excelize places cells by their reference only after sorting them into place, and
				// the formula index reads the row from it: take them only in order, in their row.
				if !ok || row != rowNum || c <= col || !hasR && c != n {
					return nil, nil, 0, fmt.Sprintf("cell reference %q out of order or not in its row", ref)
				}
				col = c
			} else if col++; col > maxColumns {
				return nil, nil, 0, fmt.Sprintf("more than %d columns", maxColumns)
			}
			if style != nil {
				s, ok := digits(style)
				if !ok {
					return nil, nil, 0, fmt.Sprintf("style %q", style)
				}
				if s < len(r.styles) {
					kind, styleIdx = r.styles[s], s
				}
			}
			code = typeOf(typ)
			r.keepCellTail(w, i+2, next, n, typ, code, kind, styleIdx, empty)
		}
		// skip: the caller does not need this column's text (OnlyColumns); a cell with text
		// comes as Skipped, and text that is plainly not blank is not decoded.
		anchor := r.isAnchor(rowNum, col)
		skip := want != nil && (col >= len(want) || !want[col]) && !anchor && kind != styleOther
		hasV, hasF, hasIS, isSkipped := false, false, false, false
		// The cell's <v> and inline text: where they lie in w when they need no decoding,
		// decoded into r.text and r.itext otherwise.
		var v, itext []byte
		vIndex := -1                      // v as a number, when plainV read it
		if !empty && code != typeInline { // an inline string's <is> would only fail plainV
			if pv, k, after := plainV(w, next); after > 0 {
				// <v>digits</v></c>, nearly every cell of a workbook of replies
				hasV, v, vIndex, next = true, pv, k, after
			}
		}
		if !empty && vIndex < 0 {
			j, ok := next, true
			for ok {
				if j < len(w) && w[j] != '<' {
					lt := bytes.IndexByte(w[j:], '<')
					if lt < 0 || !allSpace(w[j:j+lt]) {
						ok = false
						break
					}
					j += lt
				}
				if j+3 >= len(w) {
					ok = false
					break
				}
				if w[j+1] == '/' {
					if w[j+2] == 'c' && w[j+3] == '>' {
						j += 4
						break
					}
					j, ok = endTag(w, j, "c")
					break
				}
				switch w[j+1] {
				case 'v':
					switch {
					case hasV:
						ok = false
					case w[j+2] == '>':
						// <v>text</v>, the common case
						hasV = true
						lt := j + 3
						for lt < len(w) && !textClass[w[lt]] {
							lt++
						}
						if lt < len(w) && w[lt] == '<' {
							v = w[j+3 : lt]
						} else {
							for lt < len(w) && w[lt] != '<' {
								lt++
							}
							r.text, ok = appendText(r.text[:0], w[j+3:lt])
							v = r.text
						}
						if ok {
							if lt+3 < len(w) && w[lt+1] == '/' && w[lt+2] == 'v' && w[lt+3] == '>' {
								j = lt + 4
							} else {
								j, ok = endTag(w, lt, "v")
							}
						}
					case at(w, j, "v"):
						hasV = true
						r.text, j, ok = textElement(r.text[:0], w, j, "v", &r.scratch)
						v = r.text
					default:
						ok = false
					}
				case 'f':
					if hasF || !at(w, j, "f") {
						ok = false
						break
					}
					hasF = true
					r.ftext, j, ok = textElement(r.ftext[:0], w, j, "f", &r.scratch)
				case 'i':
					if hasIS {
						ok = false
						break
					}
					if raw, after := plainInline(w, j); after > 0 {
						// <is><t>text</t></is>, the common case
						hasIS, j = true, after
						plain, blank := plainness(raw)
						switch {
						case plain && skip && !blank && len(raw) <= MaxCellChars:
							// Text too long for a cell is kept, to be counted and refused.
							isSkipped = true
						case plain:
							itext = raw
						default:
							r.itext, ok = appendText(r.itext[:0], raw)
							r.itext = bstrDecode(r.itext)
							itext = r.itext
						}
						break
					}
					if !at(w, j, "is") {
						ok = false
						break
					}
					hasIS = true
					var e bool
					var res tagResult
					j, e, _, res = startTag(w, j+3, r.attrs, &r.scratch)
					if ok = res == tagOK; ok && !e {
						r.itext, j, ok = richText(r.itext[:0], w, j, "is", &r.scratch)
						r.itext = bstrDecode(r.itext)
						itext = r.itext
					}
				default:
					ok = false
				}
			}
			if !ok {
				return nil, nil, 0, "cell content the fast reader does not handle"
			}
			next = j
		}
		i = next

		var val string
		switch code {
		case typeShared:
			if len(v) > 0 {
				k, ok := vIndex, vIndex >= 0
				if !ok {
					k, ok = digits(v)
				}
				if !ok || r.sst == nil || k >= r.sst.count() {
					return nil, nil, 0, fmt.Sprintf("shared string index %q", v)
				}
				if !skip {
					val = r.sharedString(k)
				} else if !r.sst.isBlank(k) {
					val = Skipped
				} else {
					val = string(r.sst.bytes(k))
				}
			}
		case typeStr:
			val = r.intern(v)
		case typeInline:
			if isSkipped || hasIS && skip && !blankText(itext) {
				val = Skipped
			} else if hasIS {
				val = r.intern(itext)
			} else {
				val = r.intern(v)
			}
		case typeBool:
			switch string(v) {
			case "1":
				val = "TRUE"
			case "0":
				val = "FALSE"
			default:
				val = r.intern(v)
			}
		case typeNumber:
			if kind < styleNoText && plainInteger(v) {
				if fold > 0 && col >= fold && !anchor {
					// Past the columns asked for, all that counts is that the cell has data
					// (see the folding below): the number is not made into a string.
					val = Skipped
				} else {
					val = r.intern(v)
				}
				break
			}
			if kind >= styleNoText {
				// A number format: excelize's own formatting (see formatter). Text in a number
				// cell takes the format's text section, as a string cell's does.
				num, _, _ := isNumeric(string(v))
				if !num && kind == styleNoText {
					val = r.intern(v)
					break
				}
				var ok bool
				if val, ok = r.w.formatter().value(styleIdx, !num, string(v)); !ok {
					return nil, nil, 0, "a value excelize's number formatting cannot be asked for"
				}
				break
			}
			val, _ = numberValue(string(v), kind)
		case typeDate:
			// An ISO 8601 date, which excelize shows as a number, in the cell's format.
			var ok bool
			if val, ok = r.w.formatter().date(styleIdx, string(v)); !ok {
				return nil, nil, 0, "a date cell excelize's formatting cannot be asked for"
			}
		default:
			return nil, nil, 0, fmt.Sprintf("cell type t=%q", typ)
		}
		if kind == styleOther && (code == typeShared || code == typeInline || code == typeBool && val != "TRUE" && val != "FALSE") {
			// A format with a text section changes text too, and formats an empty cell's.
			var ok bool
			if val, ok = r.w.formatter().value(styleIdx, true, val); !ok {
				return nil, nil, 0, "a value excelize's number formatting cannot be asked for"
			}
		}
		chars := 0
		switch {
		case code == typeShared && len(v) > 0:
			if r.sst.long != nil {
				k, _ := digits(v)
				chars = r.sst.long[k]
			}
		case code == typeInline && hasIS:
			chars = charsOver(itext)
		case len(val) > MaxCellChars:
			chars = charsOver([]byte(val))
		}
		if chars > 0 {
			r.cellErr = &CellTooLongError{Sheet: r.sheet, Col: col, Row: rowNum, Chars: chars}
			return nil, nil, 0, "a cell too long"
		}
		if anchor {
			r.anchors[anchorKey(rowNum, col)] = val
		}
		cells = appendCell(cells, col, fold, val, hasF)
		if hasF {
			formulas = append(formulas, Formula{Col: col, Cached: len(bytes.TrimSpace(v)) > 0})
		}
	}
	return r.rowCells(cells), formulas, end, ""
}

// cellType is a cell's t attribute, told once per cell.
type cellType uint8

const (
	typeOther  cellType = iota // one the fast reader does not read
	typeNumber                 // none, "n" or "e", which excelize reads alike
	typeShared                 // "s"
	typeStr                    // "str", a formula's text
	typeInline                 // "inlineStr"
	typeBool                   // "b"
	typeDate                   // "d"
)

func typeOf(t []byte) cellType {
	switch string(t) {
	case "", "n", "e":
		return typeNumber
	case "s":
		return typeShared
	case "str":
		return typeStr
	case "inlineStr":
		return typeInline
	case "b":
		return typeBool
	case "d":
		return typeDate
	}
	return typeOther
}

// bigCell is the error for a row too large for the reader's buffer: its last cell, which is
// where the buffer ran out, is too long to count.
func bigCell(sheet string, row []byte, num int) error {
	err := &CellTooLongError{Sheet: sheet, Row: num}
	if i := bytes.LastIndex(row, []byte("<c ")); i >= 0 {
		if j := bytes.Index(row[i:], []byte(` r="`)); j >= 0 && j < 64 {
			ref := row[i+j+4:]
			if k := bytes.IndexByte(ref, '"'); k >= 0 {
				if col, rn, ok := cellRef(ref[:k]); ok && rn == num {
					err.Col = col
				}
			}
		}
	}
	return err
}

// plainInline finds the shape nearly every inline string has, <is><t>text</t></is>, at w[i]:
// the raw text and the index after </is>, or after == 0. It is plainText after "<is>", with
// the two start tags compared as one word: every inline string cell of a sheet passes here.
func plainInline(w []byte, i int) (raw []byte, after int) {
	if len(w)-i < 8 || binary.LittleEndian.Uint64(w[i:])&(1<<56-1) != isTOpen {
		return nil, 0
	}
	return closedText(w, i+len("<is><t>"), isClosing)
}

// isTOpen is "<is><t>" as a little-endian word; cEnd, "</c>".
const isTOpen, cEnd = '<' | 'i'<<8 | 's'<<16 | '>'<<24 | '<'<<32 | 't'<<40 | '>'<<48, '<' | '/'<<8 | 'c'<<16 | '>'<<24

// plainness tells text that needs no decoding (no entity, no \r, no _xHHHH_ escape, only
// ASCII: text XML accepts as it is), and whether such text is blank (only spaces), which a
// reader of rows takes for an empty cell.
func plainness(raw []byte) (plain, blank bool) {
	var seen byte
	for _, b := range raw {
		seen |= plainClass[b]
	}
	return seen&needsDecoding == 0, seen&notSpace == 0
}

const (
	needsDecoding = 1 << iota
	notSpace
)

// plainClass gives, for each byte, the bits of plainness: one pass, without a branch per byte.
var plainClass = func() (t [256]byte) {
	for b := range 256 {
		if textClass[b] || b == '_' {
			t[b] |= needsDecoding
		}
		if !isSpace(byte(b)) {
			t[b] |= notSpace
		}
	}
	return t
}()

// digitsOf gives the decimal digits of num, the number of the row being read, as its cells'
// references write it (for sameCellTag): usually the last row's number plus one, counted up in
// place.
func (r *Rows) digitsOf(num int) []byte {
	d := r.rowDigits
	if num == r.digitsFor+1 && len(d) > 0 {
		i := len(d) - 1
		for i >= 0 && d[i] == '9' {
			d[i] = '0'
			i--
		}
		if i >= 0 {
			d[i]++
		} else {
			d = append(d, '0')
			d[0] = '1'
		}
	} else {
		d = strconv.AppendInt(d[:0], int64(num), 10)
	}
	r.rowDigits, r.digitsFor = d, num
	r.digitsWord, r.digitsMask = wordOf(d)
	return d
}

// rowCells gives the row's cells a slice of their own: the part of the block they were written
// into, which the next rows' cells then follow, or the slice append made for a row too long.
func (r *Rows) rowCells(cells []string) []string {
	n := len(cells)
	r.lastCells = n
	if n == 0 {
		return nil
	}
	if n <= len(r.block) && &cells[0] == &r.block[0] {
		r.block = r.block[n:]
	}
	return cells[:n:n]
}

// sharedString returns shared string k, reusing the string made for it when it was last seen.
func (r *Rows) sharedString(k int) string {
	e := &r.shared[k&(len(r.shared)-1)]
	if e.idx == k+1 {
		return e.s
	}
	s := string(r.sst.bytes(k))
	e.idx, e.s = k+1, s
	return s
}

// intern returns b as a string, reusing a recent equal string when b is short. The cache is
// two-way: a survey's few dozen labels would otherwise often share a slot and evict each other
// on every row.
func (r *Rows) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > 24 {
		return string(b)
	}
	// A cheap hash of the ends and the length.
	var h uint64
	if len(b) >= 8 {
		h = binary.LittleEndian.Uint64(b) ^ binary.LittleEndian.Uint64(b[len(b)-8:])<<7
	} else {
		for _, c := range b {
			h = h<<8 | uint64(c)
		}
	}
	h = (h ^ uint64(len(b))) * 0x9E3779B97F4A7C15
	set := r.interns[(h>>32)&uint64(len(r.interns)-2):]
	if set[0] == string(b) {
		return set[0]
	}
	if set[1] == string(b) {
		set[0], set[1] = set[1], set[0]
		return set[0]
	}
	set[1], set[0] = set[0], string(b)
	return set[0]
}
