package xlsxstream_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// plainCellVariants are cells, by their start tag's end and their content, that a row of
// replies may hold: those plainCells takes and their near misses, which it must leave to the
// general loop. %s is the value a row gives the cell.
var plainCellVariants = []struct{ tag, content string }{
	{` t="s">`, `<v>%s</v></c>`},
	{` t="s" s="1">`, `<v>%s</v></c>`},
	{` s="2" t="s">`, `<v>%s</v></c>`},
	{` t="s" s="7">`, `<v>%s</v></c>`},
	{` t="s">`, ` <v>%s</v></c>`},
	{` t="s">`, `<v>%s</v> </c>`},
	{` t="s">`, `<v>%s</v></c >`},
	{` t="s"/>`, ``},
	{`>`, `<v>%s</v></c>`},
	{` s="4">`, `<v>%s</v></c>`},
	{` s="5">`, `<v>%s</v></c>`},
	{` s="7">`, `<v>%s</v></c>`},
	{` t="n">`, `<v>%s</v></c>`},
	{`>`, `<f>1+1</f><v>%s</v></c>`},
	{` t="b">`, `<v>%s</v></c>`},
	{` t="str">`, `<v>%s</v></c>`},
	{` t="inlineStr">`, `<is><t>%s</t></is></c>`},
	{` t="inlineStr" s="7">`, `<is><t>%s</t></is></c>`},
	{` t="inlineStr">`, `<is><t>%s</t></is> </c>`},
	{` t="inlineStr">`, `<is><t xml:space="preserve">%s</t></is></c>`},
	{`/>`, ``},
}

// plainValues are the values a cell of a variant takes, by whether it is a shared string or
// a number (indexes and numbers), or text.
var (
	plainIndexes = []string{"0", "1", "2", "3", "5", "6", "00", "0003"}
	// Indexes that end the fast reading (an index too large or not a number, a string too long
	// for a cell), which one book in five holds, rarely.
	badIndexes   = []string{"4", "4", "7", "7", "99999", "-1", "1.5", "", " 1", "1234567890"}
	plainNumbers = []string{"0", "1", "2", "9", "2015", "123456789", "99999"}
	// Numbers that plainCells leaves to the general loop, which one number in five is.
	oddNumbers = []string{"007", "00", "-1", "1.5", "1234567890", "", " 1", "1e3"}
	plainTexts = []string{"Albania", " ", "", "a b", "a&amp;b", "_x0041_", "é", "Kosovo*", "  x  ", "\t"}
	plainSST   = `<si><t>Albania</t></si><si><t> </t></si><si><t></t></si><si><t>Serbia</t></si>` +
		`<si><t>` + strings.Repeat("a", 32768) + `</t></si><si><t>Expert assistance</t></si><si><t>_x0041_</t></si>`
)

// Every row plainCells reads, it reads as parseCells' general loop does: on rows built from the
// variants above, each shape repeated over rows so that its tags are remembered, read whole and
// with columns asked for, the rows and the errors are those of the general loop alone.
func TestPlainCellsAreTheGeneralLoop(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 16))
	dir := t.TempDir()
	for book := range 150 {
		var data strings.Builder
		var shape []int // a variant for each column, -1 for none
		// One book in three has, on one row after the first few, a fault that ends the fast
		// reading: a shared string index out of range, not a number, or of a string too long
		// for a cell, or a cell reference repeated.
		badRow := -1
		if book%3 == 2 {
			badRow = 8 + rng.IntN(32)
		}
		for row := 1; row <= 40; row++ {
			if row == 1 || rng.IntN(10) == 0 {
				shape = make([]int, 1+rng.IntN(8))
				for c := range shape {
					shape[c] = -1
					if rng.IntN(4) > 0 {
						shape[c] = rng.IntN(len(plainCellVariants))
						if rng.IntN(4) > 0 { // most cells of most rows are the common ones
							shape[c] = []int{0, 8, 16}[rng.IntN(3)]
						}
					}
				}
			}
			fmt.Fprintf(&data, `<row r="%d">`, row)
			again := row == badRow && rng.IntN(2) == 0
			badIndex := row == badRow && !again
			last := -1
			for c, v := range shape {
				if v < 0 {
					continue
				}
				cv := plainCellVariants[v]
				values := plainNumbers
				if rng.IntN(5) == 0 {
					values = oddNumbers
				}
				switch {
				case strings.Contains(cv.content, "<t"):
					values = plainTexts
				case strings.Contains(cv.tag, `t="s"`) && badIndex:
					values, badIndex = badIndexes, false
				case strings.Contains(cv.tag, `t="s"`):
					values = plainIndexes
				}
				val := values[rng.IntN(len(values))]
				col := c
				if again && c == len(shape)-1 && last >= 0 {
					col = last
				}
				last = c
				fmt.Fprintf(&data, `<c r="%c%d"%s`, 'A'+col, row, cv.tag)
				if cv.content != "" {
					fmt.Fprintf(&data, cv.content, val)
				}
			}
			data.WriteString(`</row>`)
		}
		hw := handWorkbook{sst: plainSST, styles: handStyles, sheets: []handSheet{{name: "S", data: data.String()}}}
		p := filepath.Join(dir, fmt.Sprintf("book%d.xlsx", book))
		if err := os.WriteFile(p, hw.bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, cols := range [][]int{nil, {1}, {1, 2, 3, 4}, {2, 5}} {
			plain, plainErr := readWith(t, p, cols, false)
			general, generalErr := readWith(t, p, cols, true)
			if plainErr != generalErr {
				t.Fatalf("book %d, columns %v: the reader gives error %q, the general loop %q\n%s", book, cols, plainErr, generalErr, data.String())
			}
			if !reflect.DeepEqual(plain, general) {
				for i := range min(len(plain), len(general)) {
					if !reflect.DeepEqual(plain[i], general[i]) {
						t.Fatalf("book %d, columns %v, row %d: the reader gives %+v, the general loop %+v\n%s", book, cols, i+1, plain[i], general[i], data.String())
					}
				}
				t.Fatalf("book %d, columns %v: the reader gives %d rows, the general loop %d", book, cols, len(plain), len(general))
			}
		}
	}
}

// The faults plainCells must leave to the general loop, on a row whose tags are those of the
// row before it, so that it is plainCells that meets them.
func TestPlainCellsLeaveFaults(t *testing.T) {
	dir := t.TempDir()
	first := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c><c r="C1" t="inlineStr"><is><t>x</t></is></c></row>`
	for i, second := range []string{
		`<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>2</v></c><c r="C2" t="inlineStr"><is><t>y</t></is></c></row>`, // none
		`<row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2"><v>2</v></c><c r="C2" t="inlineStr"><is><t>y</t></is></c></row>`,
		`<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2"><v>2</v></c><c r="C2" t="inlineStr"><is><t>y</t></is></c></row>`,
		`<row r="2"><c r="A2" t="s"><v>1234567890</v></c><c r="B2"><v>2</v></c></row>`,
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>12345678901</v></c></row>`,
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="A2"><v>2</v></c></row>`,
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B3"><v>2</v></c></row>`,
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>2</v></c><c r="C2" t="inlineStr"><is><t>` + strings.Repeat("b", 32768) + `</t></is></c></row>`,
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>2</v></c><c r="C2" t="inlineStr"><is><t>a&amp;b</t></is></c></row>`,
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>2</v></c><c r="C2" t="inlineStr"><is><t>y</t></is><v>1</v></c></row>`,
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>2</v></c><c r="C2" t="inlineStr"><is><t>y</t></is>    </row>`,
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>2</v></c></row >`,
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>2</v></c><d/></row>`,
		`<row r="2"><c r="A2" t="s"/><v>1</v></c></row>`,
	} {
		data := first + second
		if strings.Contains(second, "/><v>") { // an empty cell's tag must be remembered as empty
			data = `<row r="1"><c r="A1" t="s"/></row>` + second
		}
		hw := handWorkbook{sst: plainSST, styles: handStyles, sheets: []handSheet{{name: "S", data: data}}}
		p := filepath.Join(dir, fmt.Sprintf("fault%d.xlsx", i))
		if err := os.WriteFile(p, hw.bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, cols := range [][]int{nil, {1}} {
			plain, plainErr := readWith(t, p, cols, false)
			general, generalErr := readWith(t, p, cols, true)
			if plainErr != generalErr || !reflect.DeepEqual(plain, general) {
				t.Errorf("%s, columns %v: the reader gives %+v, error %q; the general loop %+v, error %q", second, cols, plain, plainErr, general, generalErr)
			}
		}
	}
}

// readWith reads the rows of the one sheet of p, with only cols asked for when not nil, with
// parseCells' general loop alone when general is set. It gives the error's text, "" for none.
func readWith(t *testing.T, p string, cols []int, general bool) ([]sheet.Row, string) {
	t.Helper()
	w, rows := openFastRows(t, p, "")
	defer w.Close()
	if cols != nil {
		rows.OnlyColumns(cols)
	}
	if general {
		rows.GeneralOnly()
	}
	var out []sheet.Row
	for rows.Next() {
		out = append(out, sheet.Row(rows.Row()))
	}
	if err := rows.Err(); err != nil {
		return out, err.Error()
	}
	return out, ""
}
