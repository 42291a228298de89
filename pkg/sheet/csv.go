package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
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
	}
	return &Error{Path: path, Problem: err.Error()}
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
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
		head = head[3:]
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return nil, &Error{Path: name, Problem: "the file is in UTF-16, not UTF-8",
			Fix: `save it again as "CSV UTF-8 (comma delimited)"`}
	}
	counted := &countingReader{r: br}
	cr := csv.NewReader(counted)
	cr.Comma = sniffDelimiter(head)
	cr.FieldsPerRecord = -1
	// Strict quotes: a lazy reader lets one unterminated quote swallow every following row into
	// a single cell, which would lose rows without a word.
	cr.LazyQuotes = false
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
	r       *csv.Reader
	counted *countingReader
	row     Row
	err     error

	lastRow, lastLine int
}

func (c *csvRows) Next() bool {
	if c.err != nil {
		return false
	}
	rec, err := c.r.Read()
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
		} else {
			c.err = &Error{Path: c.name, Problem: err.Error()}
		}
		return false
	}
	// A spreadsheet program shows a record's row, which differs from its line when an earlier
	// cell spans lines: count blank lines between records as rows, but not breaks inside cells.
	start, _ := c.r.FieldPos(0)
	line := c.lastRow + start - c.lastLine
	last, _ := c.r.FieldPos(len(rec) - 1)
	c.lastRow, c.lastLine = line, last+strings.Count(rec[len(rec)-1], "\n")
	for i, cell := range rec {
		if !utf8.ValidString(cell) {
			c.err = &Error{Path: c.name, Problem: fmt.Sprintf("%s%d: the text is not UTF-8", ColumnName(i+1), line),
				Fix: `save the file again as "CSV UTF-8 (comma delimited)"`}
			return false
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
