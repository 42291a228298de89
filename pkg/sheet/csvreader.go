package sheet

import (
	"bytes"
	"encoding/csv"
	"io"
	"unicode/utf8"
)

// csvReader reads CSV records as encoding/csv's Reader does with FieldsPerRecord -1 and strict
// quotes (the same records, line numbers and *csv.ParseError), about three times faster: a
// record on one line without quotes, nearly every record of an export, is split where it lies
// in the buffer into one string, and only records with quotes or long lines are followed by the
// guard (csvGuard), from their first byte. Its logic for the other records is encoding/csv's
// (Go 1.26, src/encoding/csv/reader.go), which TestCSVReaderAgreesWithEncodingCSV and
// FuzzCSVReader compare it with.
type csvReader struct {
	src    io.Reader
	comma  byte
	crOnly bool // turn CR into LF as it is read: the file's lines end in CR alone

	buf  []byte // buf[r:] is not read yet
	r    int
	err  error // from src, once buf[r:] is all there is
	dead error // the guard's error: every later read returns it

	numLine int // lines read, as encoding/csv counts them
	// recLine and endLine are the lines where the last record read started and ended, Row its
	// row as a spreadsheet program shows it: blank lines between records count as rows, line
	// breaks inside cells do not.
	recLine, endLine, Row int
	lastRow, lastLine     int
	// check is set when a cell of the last record could be too long or not UTF-8: csvRows
	// then looks at each cell.
	check bool

	guard    csvGuard
	guarding bool // the guard follows the current record
	scanned  int  // bytes of the line being read that the guard has seen

	recordBuffer []byte
	fieldIndexes []int
	fieldLines   []int
	cells        []string // cut into the records' cells, so that a record is not an allocation of its own
}

// csvBufSize is the reader's buffer; a longer line grows it, followed by the guard.
const csvBufSize = 256 << 10

// guardFrom is the length from which a line without quotes can hold a cell too long for the guard.
const guardFrom = 2*MaxCellChars + 2

// fill reads more of src into buf, dropping buf[:from], and returns false at the end of src.
func (c *csvReader) fill(from int) bool {
	if from > 0 {
		n := copy(c.buf, c.buf[from:])
		c.buf = c.buf[:n]
		c.r = 0
	}
	if c.err != nil {
		return false
	}
	if len(c.buf) == cap(c.buf) {
		grown := make([]byte, len(c.buf), 2*cap(c.buf))
		copy(grown, c.buf)
		c.buf = grown
	}
	for tries := 0; tries < 100; tries++ {
		n, err := c.src.Read(c.buf[len(c.buf):cap(c.buf)])
		if c.crOnly {
			for p := c.buf[len(c.buf) : len(c.buf)+n]; ; {
				i := bytes.IndexByte(p, '\r')
				if i < 0 {
					break
				}
				p[i] = '\n'
				p = p[i+1:]
			}
		}
		c.buf = c.buf[:len(c.buf)+n]
		if err != nil {
			c.err = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	c.err = io.ErrNoProgress
	return false
}

// readSlice returns the next line, its '\n' included, as bufio.Reader.ReadSlice does; the line
// is valid until the next call. first tells that the line starts a record: the guard then
// starts to follow the record when the line holds a quote or is long.
func (c *csvReader) readSlice(first bool) ([]byte, error) {
	if c.dead != nil {
		return nil, c.dead
	}
	if first {
		c.guarding = false
	}
	c.scanned = 0
	start := c.r
	searched := 0
	for {
		if i := bytes.IndexByte(c.buf[start+searched:], '\n'); i >= 0 {
			return c.line(start, start+searched+i+1, first, nil)
		}
		searched = len(c.buf) - start
		if searched > guardFrom {
			// A long line is followed as it is read, so that it stops where the guard does.
			c.startGuard(first, c.buf[start:])
			if stop := c.follow(start, len(c.buf)); stop >= 0 {
				return c.stopped(start, stop)
			}
		}
		more := c.fill(start)
		start = 0
		if !more {
			return c.line(start, len(c.buf), first, c.err)
		}
	}
}

// startGuard starts the guard on a record's first line when the line needs it: it holds a quote,
// or is long enough for a cell too long.
func (c *csvReader) startGuard(first bool, line []byte) {
	if first && !c.guarding && (len(line) > guardFrom || bytes.IndexByte(line, '"') >= 0) {
		c.guarding = true
		row := c.lastRow + c.numLine + 1 - c.lastLine // the row of the record, as csvRows counts
		c.guard = csvGuard{comma: c.comma, crOnly: c.crOnly, row: row, col: 1}
	}
}

// follow gives the guard, when it follows the record, the bytes of the line buf[start:end] it
// has not seen, and returns where in the line it stopped, or -1.
func (c *csvReader) follow(start, end int) int {
	if !c.guarding {
		return -1
	}
	c.guard.r = io.MultiReader(bytes.NewReader(c.buf[end:]), c.src)
	n := c.guard.scan(c.buf[start+c.scanned : end])
	if c.guard.err != nil {
		return c.scanned + n
	}
	c.scanned = end - start
	return -1
}

// stopped ends reading at the guard's stop, stop bytes into the line at start.
func (c *csvReader) stopped(start, stop int) ([]byte, error) {
	c.dead = c.guard.err
	line := c.buf[start : start+stop]
	c.r = len(c.buf)
	c.numLine++
	return line, c.dead
}

// line finishes reading the line buf[start:end] as encoding/csv's readLine does; err is src's
// error when the line is the last.
func (c *csvReader) line(start, end int, first bool, err error) ([]byte, error) {
	c.startGuard(first, c.buf[start:end])
	if stop := c.follow(start, end); stop >= 0 {
		return c.stopped(start, stop)
	}
	line := c.buf[start:end]
	c.r = end
	if len(line) > 0 && err == io.EOF {
		err = nil
		// For backwards compatibility, drop trailing \r before EOF.
		if line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
	}
	c.numLine++
	// Normalize \r\n to \n on all input lines.
	if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
		line[n-2] = '\n'
		line = line[:n-1]
	}
	return line, err
}

func lengthNL(b []byte) int {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		return 1
	}
	return 0
}

// cut returns n cells of the slab, so that a million records do not allocate a million slices.
func (c *csvReader) cut(n int) []string {
	if n > cap(c.cells)-len(c.cells) {
		c.cells = make([]string, 0, max(4096, n))
	}
	rec := c.cells[len(c.cells) : len(c.cells)+n : len(c.cells)+n]
	c.cells = c.cells[:len(c.cells)+n]
	return rec
}

// read reads one record, as encoding/csv's Reader.Read does.
func (c *csvReader) read() ([]string, error) {
	var line []byte
	var errRead error
	for errRead == nil {
		line, errRead = c.readSlice(true)
		if errRead == nil && len(line) == lengthNL(line) {
			line = nil
			continue // Skip empty lines
		}
		break
	}
	if errRead == io.EOF {
		return nil, errRead
	}
	c.recLine = c.numLine
	if errRead == nil && !c.guarding {
		// One line, no quote, no cell too long: the cells are where they lie.
		body := line[:len(line)-lengthNL(line)]
		c.check = len(body) > MaxCellChars || !utf8.Valid(body)
		n := bytes.Count(body, []byte{c.comma}) + 1
		if n > maxCSVCells {
			c.dead = &csvGuardError{row: c.lastRow + c.recLine - c.lastLine, col: maxCSVCells + 1, cells: true}
			return nil, c.dead
		}
		str := string(body)
		rec := c.cut(n)
		for i := 0; i < n-1; i++ {
			j := indexByteString(str, c.comma)
			rec[i] = str[:j]
			str = str[j+1:]
		}
		rec[n-1] = str
		c.endLine = c.recLine
		c.done()
		return rec, nil
	}
	return c.readQuoted(line, errRead)
}

// done counts the record just read.
func (c *csvReader) done() {
	c.Row = c.lastRow + c.recLine - c.lastLine
	c.lastRow, c.lastLine = c.Row, c.endLine
}

func indexByteString(s string, b byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			return i
		}
	}
	return -1
}

// readQuoted parses a record that has quotes, or was cut short by the guard or an error: this
// is encoding/csv's readRecord, line being the record's first line.
func (c *csvReader) readQuoted(line []byte, errRead error) ([]string, error) {
	var err error
	const quoteLen = len(`"`)
	const commaLen = 1
	recLine := c.numLine // Starting line for record
	c.recordBuffer = c.recordBuffer[:0]
	c.fieldIndexes = c.fieldIndexes[:0]
	c.fieldLines = c.fieldLines[:0]
	type position struct{ line, col int }
	pos := position{line: c.numLine, col: 1}
parseField:
	for {
		if len(line) == 0 || line[0] != '"' {
			// Non-quoted string field
			i := bytes.IndexByte(line, c.comma)
			field := line
			if i >= 0 {
				field = field[:i]
			} else {
				field = field[:len(field)-lengthNL(field)]
			}
			// Check to make sure a quote does not appear in field.
			if j := bytes.IndexByte(field, '"'); j >= 0 {
				col := pos.col + j
				err = &csv.ParseError{StartLine: recLine, Line: c.numLine, Column: col, Err: csv.ErrBareQuote}
				break parseField
			}
			c.recordBuffer = append(c.recordBuffer, field...)
			c.fieldIndexes = append(c.fieldIndexes, len(c.recordBuffer))
			c.fieldLines = append(c.fieldLines, pos.line)
			if i >= 0 {
				line = line[i+commaLen:]
				pos.col += i + commaLen
				continue parseField
			}
			break parseField
		} else {
			// Quoted string field
			fieldPos := pos
			line = line[quoteLen:]
			pos.col += quoteLen
			for {
				i := bytes.IndexByte(line, '"')
				if i >= 0 {
					// Hit next quote.
					c.recordBuffer = append(c.recordBuffer, line[:i]...)
					line = line[i+quoteLen:]
					pos.col += i + quoteLen
					switch {
					case len(line) > 0 && line[0] == '"':
						// `""` sequence (append quote).
						c.recordBuffer = append(c.recordBuffer, '"')
						line = line[quoteLen:]
						pos.col += quoteLen
					case len(line) > 0 && line[0] == c.comma:
						// `",` sequence (end of field).
						line = line[commaLen:]
						pos.col += commaLen
						c.fieldIndexes = append(c.fieldIndexes, len(c.recordBuffer))
						c.fieldLines = append(c.fieldLines, fieldPos.line)
						continue parseField
					case lengthNL(line) == len(line):
						// `"\n` sequence (end of line).
						c.fieldIndexes = append(c.fieldIndexes, len(c.recordBuffer))
						c.fieldLines = append(c.fieldLines, fieldPos.line)
						break parseField
					default:
						// `"*` sequence (invalid non-escaped quote).
						err = &csv.ParseError{StartLine: recLine, Line: c.numLine, Column: pos.col - quoteLen, Err: csv.ErrQuote}
						break parseField
					}
				} else if len(line) > 0 {
					// Hit end of line (copy all data so far).
					c.recordBuffer = append(c.recordBuffer, line...)
					if errRead != nil {
						break parseField
					}
					pos.col += len(line)
					line, errRead = c.readSlice(false)
					if len(line) > 0 {
						pos.line++
						pos.col = 1
					}
					if errRead == io.EOF {
						errRead = nil
					}
				} else {
					// Abrupt end of file (EOF or error).
					if errRead == nil {
						err = &csv.ParseError{StartLine: recLine, Line: pos.line, Column: pos.col, Err: csv.ErrQuote}
						break parseField
					}
					c.fieldIndexes = append(c.fieldIndexes, len(c.recordBuffer))
					c.fieldLines = append(c.fieldLines, fieldPos.line)
					break parseField
				}
			}
		}
	}
	if err == nil {
		err = errRead
	}
	if err != nil {
		return nil, err
	}
	// Create a single string and create slices out of it.
	str := string(c.recordBuffer)
	rec := c.cut(len(c.fieldIndexes))
	preIdx := 0
	for i, idx := range c.fieldIndexes {
		rec[i] = str[preIdx:idx]
		preIdx = idx
	}
	last := len(rec) - 1
	c.endLine = c.fieldLines[last] + bytes.Count(c.recordBuffer[c.fieldIndexes[last]-len(rec[last]):c.fieldIndexes[last]], []byte{'\n'})
	c.check = true
	c.done()
	return rec, nil
}
