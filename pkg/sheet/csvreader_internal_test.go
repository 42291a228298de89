package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// referenceCSV reads CSV text as mapsurvey did before csvReader: encoding/csv behind the guard,
// which saw every byte. csvReader must give the same rows and the same errors.
func referenceCSV(name string, data []byte) (rows []Row, err error) {
	br := bufio.NewReaderSize(bytes.NewReader(data), sniffSize)
	head, _ := br.Peek(sniffSize)
	for bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
		head = head[3:]
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return nil, &Error{Path: name, Problem: "the file is in UTF-16, not UTF-8", Fix: `save it again as "CSV UTF-8 (comma delimited)"`}
	}
	crOnly := bytes.IndexByte(head, '\r') >= 0 && bytes.IndexByte(head, '\n') < 0
	if crOnly {
		head = bytes.ReplaceAll(head, []byte{'\r'}, []byte{'\n'})
	}
	comma := sniffDelimiter(head)
	cr := csv.NewReader(&guardReader{g: &csvGuard{r: br, comma: byte(comma), crOnly: crOnly, row: 1, col: 1}, r: br})
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	lastRow, lastLine := 0, 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				if pe.StartLine != pe.Line {
					return rows, &Error{Path: name, Problem: fmt.Sprintf("line %d: the quoted cell that starts on line %d is not closed", pe.Line, pe.StartLine),
						Fix: "check the quotes on that line"}
				}
				return rows, &Error{Path: name, Problem: fmt.Sprintf("line %d: %v", pe.Line, pe.Err),
					Fix: "check the quotes on that line: a cell that contains a quote must be quoted and its quote doubled"}
			} else if ge := (*csvGuardError)(nil); errors.As(err, &ge) {
				return rows, ge.forUser(name)
			}
			return rows, &Error{Path: name, Problem: err.Error()}
		}
		start, _ := cr.FieldPos(0)
		line := lastRow + start - lastLine
		last, _ := cr.FieldPos(len(rec) - 1)
		lastRow, lastLine = line, last+strings.Count(rec[len(rec)-1], "\n")
		for i, cell := range rec {
			if len(cell) > MaxCellChars {
				if n := utf8.RuneCountInString(cell); n > MaxCellChars {
					return rows, cellTooLong(name, fmt.Sprintf("%s%d", ColumnName(i+1), line), n)
				}
			}
			if !utf8.ValidString(cell) {
				return rows, &Error{Path: name, Problem: fmt.Sprintf("%s%d: the text is not UTF-8", ColumnName(i+1), line),
					Fix: `save the file again as "CSV UTF-8 (comma delimited)"`}
			}
		}
		rows = append(rows, Row{Num: line, Cells: rec})
	}
}

// guardReader is the guard as it was: a reader that sees every byte, turning CR into LF in a file
// whose lines end in CR alone.
type guardReader struct {
	g *csvGuard
	r io.Reader
}

func (gr *guardReader) Read(p []byte) (int, error) {
	if gr.g.err != nil {
		return 0, gr.g.err
	}
	n, err := gr.r.Read(p)
	if gr.g.crOnly {
		for i := range p[:n] {
			if p[i] == '\r' {
				p[i] = '\n'
			}
		}
	}
	k := gr.g.scan(p[:n])
	if gr.g.err != nil {
		return k, gr.g.err
	}
	return n, err
}

// newCSVRows reads data with csvReader, in reads of at most chunk bytes (0: any).
func newCSVRows(data []byte, chunk int) (rows []Row, err error) {
	var r io.Reader = bytes.NewReader(data)
	if chunk > 0 {
		r = &chunked{r: r, n: chunk}
	}
	rs, err := NewCSV("test.csv", r)
	if err != nil {
		return nil, err
	}
	defer rs.(*rowsAhead).Close()
	for rs.Next() {
		rows = append(rows, rs.Row())
	}
	return rows, rs.Err()
}

type chunked struct {
	r io.Reader
	n int
}

func (c *chunked) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }

func compareWithReference(t *testing.T, data []byte) {
	t.Helper()
	want, werr := referenceCSV("test.csv", data)
	for _, chunk := range []int{0, 1, 7, 4096} {
		got, gerr := newCSVRows(data, chunk)
		if fmt.Sprint(gerr) != fmt.Sprint(werr) {
			t.Fatalf("%.200q (reads of %d): error %v\nwant %v", data, chunk, gerr, werr)
		}
		if len(got) != len(want) {
			t.Fatalf("%.200q (reads of %d): %d rows, want %d", data, chunk, len(got), len(want))
		}
		for i := range got {
			if got[i].Num != want[i].Num || fmt.Sprintf("%q", got[i].Cells) != fmt.Sprintf("%q", want[i].Cells) {
				t.Fatalf("%.200q (reads of %d): row %d is %d %.200q, want %d %.200q", data, chunk, i, got[i].Num, got[i].Cells, want[i].Num, want[i].Cells)
			}
		}
	}
}

var csvCases = []string{
	"", "\n", "\n\n\n", "a", "a\n", "a\r\n", "a\r", "a,b\nc,d", "a,b\r\nc,d\r\n", "\n\na,b\n\n\nc\n",
	"Member State,Partner\nAustria,Serbia\n", "MS;Partner\nAT;RS\n", "a\tb\tc\n1\t2\t3\n",
	`a,"b,c",d` + "\n", `"a""b",c` + "\n", "\"two\nlines\",x\ny,z\n", "\"two\r\nlines\",x\r\ny,z\r\n",
	"\"a\n\nb\"\n\nc\n", `a,b"c` + "\n", `"a"b,c` + "\n", "\"unterminated\n", "a,\"unterminated,\nb\nc\n",
	`"a",` + "\n", `"",""` + "\n", "\"\"", "\"", ",,,\n", "a,\n,b\n", "\"a\"\r", "x\ry\rz\r", "x\r\"y\rz\"\r\rw\r",
	"a,\xff\n", "\xef\xbb\xbf\xef\xbb\xbfa,b\n", "a,b\n\"c\nd\"e\n", "a,b\nc,\"d\"\"\n", " a , b \n",
	"a,b\n\"x\"\n\"\"\"\"\n", "é,ü\n\"ñ\n\",x\n", "a\rb,c\n", "a,b\r\r\nc\n",
}

func TestCSVReaderAgreesWithEncodingCSV(t *testing.T) {
	for _, c := range csvCases {
		compareWithReference(t, []byte(c))
	}
	long := strings.Repeat("x", MaxCellChars)
	big := strings.Repeat("y", 2*MaxCellChars+10)
	for _, c := range []string{
		"a," + long + "\n", "a," + long + "x\n", "a,\"" + long + "\"\n", "a,\"" + long + "x\"\n",
		"a," + big + "\n", "a,\"" + big + "\nb\"\n", "\"" + strings.Repeat("\"\"", MaxCellChars+1) + "\"\n",
		"a,b\n" + strings.Repeat("c,", maxCSVCells) + "d\n", "a,b\n" + strings.Repeat("c,", maxCSVCells-1) + "d\n",
		"a,b\n\"q\"," + strings.Repeat("c,", maxCSVCells) + "d\n", "a,\"b" + big + "\"x\n",
		strings.Repeat("a,b\n", 100000), strings.Repeat("\"a\nb\",c\n\n", 30000), "x," + big + ",\"y\n",
		"x\"" + big + "\n", "a," + strings.Repeat("é", MaxCellChars+1) + "\n", strings.Repeat(long+",", 20) + "\n",
	} {
		compareWithReference(t, []byte(c))
	}
}

func FuzzCSVReader(f *testing.F) {
	for _, c := range csvCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compareWithReference(t, data)
	})
}

// millionCSV is a million activities as .ci/bench writes them (the same labels, one description
// per row), in memory.
func millionCSV() []byte {
	states := strings.Fields("Austria Belgium Bulgaria Croatia Cyprus Czechia Denmark Estonia Finland France Germany Greece Hungary Ireland Italy Latvia Lithuania Luxembourg Malta Netherlands Poland Portugal Romania Slovakia Slovenia Spain Sweden")
	partners := strings.Split("Albania|Bosnia and Herzegovina|Kosovo*|Montenegro|North Macedonia|Serbia", "|")
	areas := strings.Split("Asylum|Reception|Border management|Return|Combating migrant smuggling|Integration|Legal migration|Information exchange/situational awareness", "|")
	types := strings.Split("Financial assistance|Expert assistance|Equipment", "|")
	var b bytes.Buffer
	b.WriteString("Member State,Partner,Area,Type of support,Description,Year\n")
	x := uint32(1)
	next := func(n int) int { x = x*1664525 + 1013904223; return int(x>>8) % n }
	for i := range 1000000 {
		fmt.Fprintf(&b, "%s,%s,%s,%s,Activity %d,%d\n", states[next(27)], partners[next(6)], areas[next(8)], types[next(3)], i, 2015+i%6)
	}
	return b.Bytes()
}

// BenchmarkCSVReader reads the million-row CSV with csvReader and with encoding/csv behind the
// guard, as before it, on one goroutine each (no read-ahead), keeping no row.
func BenchmarkCSVReader(b *testing.B) {
	data := millionCSV()
	b.Run("csvReader", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			cr := &csvReader{src: bytes.NewReader(data), comma: ',', buf: make([]byte, 0, csvBufSize)}
			for {
				if _, err := cr.read(); err != nil {
					if err != io.EOF {
						b.Fatal(err)
					}
					break
				}
			}
		}
	})
	b.Run("encoding-csv", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			br := bytes.NewReader(data)
			cr := csv.NewReader(&guardReader{g: &csvGuard{r: br, comma: ',', row: 1, col: 1}, r: br})
			cr.FieldsPerRecord = -1
			for {
				if _, err := cr.Read(); err != nil {
					if err != io.EOF {
						b.Fatal(err)
					}
					break
				}
			}
		}
	})
}
