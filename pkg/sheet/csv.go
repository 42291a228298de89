package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"unicode/utf8"
)

func readCSVFile(path string, fn func(Info, Rows) error) error {
	f, err := os.Open(path)
	if err != nil {
		return openError(path, err)
	}
	defer f.Close()
	rows, err := NewCSV(path, f)
	if err != nil {
		return err
	}
	defer rows.(*rowsAhead).Close()
	return fn(Info{}, rows)
}

func openError(path string, err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return &Error{Path: path, Problem: "no such file", Fix: "check the name and the folder"}
	case errors.Is(err, os.ErrPermission):
		return &Error{Path: path, Problem: "permission denied", Fix: "check that you may read the file"}
	case lockedByAnother(err):
		return lockedError(path)
	}
	return &Error{Path: path, Problem: err.Error()}
}

func lockedError(path string) error {
	return &Error{Path: path, Problem: "another program (Excel?) has the file open and locked",
		Fix: "close it there and run again, or save a copy under another name and read the copy"}
}

// sniffSize is how much of a CSV file is read to tell its delimiter.
const sniffSize = 64 << 10

// NewCSV reads CSV text from r: comma, semicolon or tab separated (whichever gives the most
// consistent rows in the first 64 KiB), UTF-8 with or without a byte order mark, LF or CRLF line
// ends. name is used in error messages.
func NewCSV(name string, r io.Reader) (Rows, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, &Error{Path: name, Problem: err.Error()}
	}
	// A file saved twice by a careless program can start with two byte order marks.
	for bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
		head = head[3:]
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return nil, &Error{Path: name, Problem: "the file is in UTF-16, not UTF-8",
			Fix: `save it again as "CSV UTF-8 (comma delimited)"`}
	}
	// Lines that end in CR alone, as old Mac programs write them: encoding/csv knows only LF
	// and CRLF, and would read the file as one line.
	crOnly := bytes.IndexByte(head, '\r') >= 0 && bytes.IndexByte(head, '\n') < 0
	if crOnly {
		head = bytes.ReplaceAll(head, []byte{'\r'}, []byte{'\n'})
	}
	counted := &countingReader{r: br}
	comma := sniffDelimiter(head)
	cr := &csvReader{src: counted, comma: byte(comma), crOnly: crOnly, buf: make([]byte, 0, csvBufSize)}
	return readAhead(&csvRows{name: name, r: cr, counted: counted}), nil
}

// sniffDelimiter picks the delimiter under which most of the sample's rows have the same number
// of fields, more than one; ties go to comma, then semicolon, then tab.
func sniffDelimiter(sample []byte) rune {
	if i := bytes.LastIndexByte(sample, '\n'); i >= 0 && len(sample) == sniffSize {
		sample = sample[:i+1] // a cut last line would count wrong
	}
	best, bestScore := ',', -1
	for _, d := range []rune{',', ';', '\t'} {
		cr := csv.NewReader(bytes.NewReader(sample))
		cr.Comma = d
		cr.FieldsPerRecord = -1
		cr.LazyQuotes = true
		widths := map[int]int{}
		for {
			rec, err := cr.Read()
			if err != nil {
				break
			}
			if len(rec) > 1 {
				widths[len(rec)]++
			}
		}
		score := 0
		for _, n := range widths {
			score = max(score, n)
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

type csvRows struct {
	name    string
	r       *csvReader
	counted *countingReader
	row     Row
	err     error
}

func (c *csvRows) Next() bool {
	if c.err != nil {
		return false
	}
	rec, err := c.r.read()
	if err == io.EOF {
		return false
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			c.err = &Error{Path: c.name, Problem: fmt.Sprintf("line %d: %v", pe.Line, pe.Err),
				Fix: "check the quotes on that line: a cell that contains a quote must be quoted and its quote doubled"}
			if pe.StartLine != pe.Line {
				c.err = &Error{Path: c.name, Problem: fmt.Sprintf("line %d: the quoted cell that starts on line %d is not closed", pe.Line, pe.StartLine),
					Fix: "check the quotes on that line"}
			}
		} else if ge := (*csvGuardError)(nil); errors.As(err, &ge) {
			c.err = ge.forUser(c.name)
		} else {
			c.err = &Error{Path: c.name, Problem: err.Error()}
		}
		return false
	}
	// A spreadsheet program shows a record's row, which differs from its line when an earlier
	// cell spans lines: count blank lines between records as rows, but not breaks inside cells.
	line := c.r.Row
	if c.r.check {
		for i, cell := range rec {
			if len(cell) > MaxCellChars {
				if n := utf8.RuneCountInString(cell); n > MaxCellChars {
					c.err = cellTooLong(c.name, fmt.Sprintf("%s%d", ColumnName(i+1), line), n)
					return false
				}
			}
			if !utf8.ValidString(cell) {
				c.err = &Error{Path: c.name, Problem: fmt.Sprintf("%s%d: the text is not UTF-8", ColumnName(i+1), line),
					Fix: `save the file again as "CSV UTF-8 (comma delimited)"`}
				return false
			}
		}
	}
	c.row = Row{Num: line, Cells: rec}
	return true
}

func (c *csvRows) Row() Row   { return c.row }
func (c *csvRows) Err() error { return c.err }

// BytesRead tells how much of the file has been read, for progress displays.
func (c *csvRows) BytesRead() int64 { return c.counted.n.Load() }

// countingReader counts the bytes read; the count is read from another goroutine.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// maxCSVCells is the most cells a spreadsheet row can have (column XFD).
const maxCSVCells = 16384

// csvGuard follows the text of a record that could hold a cell too long (one with quotes, or a
// long line) and stops the reader at a cell far longer than a spreadsheet cell can be or a row of
// more cells than a spreadsheet row can have, so that a 1 GB line costs no memory. It follows
// quotes to tell the delimiters and line ends that end cells from those inside them. r is the
// rest of the file, which tooLong reads to count the characters of a cell too long.
type csvGuard struct {
	r        io.Reader
	comma    byte
	crOnly   bool
	quoted   bool
	row, col int // where the text read is, from 1
	chars    int // characters of the current cell, its quotes included
	quotes   int // the quotes among them
	err      error
}

// maxCountedCell is how many bytes of a cell too long are counted for the message.
const maxCountedCell = 16 << 20

// csvGuardError tells where the guard stopped.
type csvGuardError struct {
	row, col int
	chars    int  // the characters of the cell too long, 0 when not counted
	cells    bool // too many cells, rather than a cell too long
}

func (e *csvGuardError) Error() string {
	return fmt.Sprintf("row %d column %d too large", e.row, e.col)
}

func (e *csvGuardError) forUser(path string) error {
	if e.cells {
		return &Error{Path: path, Problem: fmt.Sprintf("row %d has more than %s cells, more than a spreadsheet row can", e.row, thousands(maxCSVCells)),
			Fix: "check the delimiters on that line"}
	}
	return cellTooLong(path, fmt.Sprintf("%s%d", ColumnName(e.col), e.row), e.chars)
}

// csvPlain marks the bytes that neither end a cell nor open or close quotes, nor continue a
// character: the guard only counts them.
var csvPlain = func() (t [256]bool) {
	for b := range 0x80 {
		t[b] = b != '"' && b != '\n' && b != '\r' && b != ',' && b != ';' && b != '\t'
	}
	for b := 0xC0; b < 0x100; b++ {
		t[b] = true
	}
	return t
}()

// scan follows the bytes of p, which come next in the file, and returns how many of them may be
// read: all of them, or those before the guard stopped (g.err is then set).
func (g *csvGuard) scan(p []byte) int {
	if g.err != nil {
		return 0
	}
	// Counted in characters, quotes included; twice the limit leaves room for a cell of quotes,
	// each doubled. csvRows counts exactly what stays under it. The count is kept in a local
	// variable: this loop sees every byte it is given.
	const limit = 2*MaxCellChars + 2
	chars := g.chars
	n := len(p)
	for i := 0; i < n; i++ {
		b := p[i]
		if csvPlain[b] {
			if chars++; chars > limit {
				g.chars = chars
				g.err = g.tooLong(p[i+1 : n])
				return i
			}
			continue
		}
		if b&0xC0 == 0x80 { // within a character
			continue
		}
		g.chars = chars
		g.step(b)
		chars = g.chars
		if g.err != nil {
			return i
		}
		if chars > limit {
			g.err = g.tooLong(p[i+1 : n])
			return i
		}
	}
	g.chars = chars
	return n
}

// step follows byte b: a quote, a delimiter, a line end or another character.
func (g *csvGuard) step(b byte) (ends bool) {
	switch {
	case b == '"':
		g.quoted = !g.quoted // a doubled quote inside a quoted cell turns it twice
		g.quotes++
	case g.quoted:
	case b == g.comma:
		g.col, g.chars, g.quotes = g.col+1, 0, 0
		if g.col > maxCSVCells && g.err == nil {
			g.err = &csvGuardError{row: g.row, col: g.col, cells: true}
		}
		return true
	case b == '\n':
		g.row, g.col, g.chars, g.quotes = g.row+1, 1, 0, 0
		return true
	}
	g.chars++
	return false
}

// tooLong reads the rest of the cell too long, rest first, counting its characters without
// keeping them, for the message. It gives up counting after maxCountedCell bytes (the message
// then says "more than"): a cell of a gigabyte would otherwise keep the user waiting for a
// number that changes nothing.
func (g *csvGuard) tooLong(rest []byte) error {
	e := &csvGuardError{row: g.row, col: g.col}
	buf := make([]byte, 64<<10)
	chars, quotes, quoted := g.chars, g.quotes, g.quoted
	for read := 0; ; read += len(rest) {
		if read > maxCountedCell {
			return e // chars 0: "more than 32,767"
		}
		for _, b := range rest {
			switch {
			case csvPlain[b]:
				chars++
			case b&0xC0 == 0x80:
			case b == '"':
				quoted = !quoted
				quotes++
				chars++
			case !quoted && (b == g.comma || b == '\n' || b == '\r' && g.crOnly):
				e.chars = chars - quotes + max(quotes-2, 0)/2
				return e
			default:
				chars++
			}
		}
		n, err := g.r.Read(buf)
		rest = buf[:n]
		if n == 0 && err != nil {
			e.chars = chars - quotes + max(quotes-2, 0)/2
			return e
		}
	}
}
