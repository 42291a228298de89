package sheet_test

import (
	"context"
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// readWith reads every row of every sheet of p with opts.
func readWith(p string, opts sheet.Options) (rows []sheet.Row, err error) {
	err = sheet.Read(p, opts, func(_ sheet.Info, rs sheet.Rows) error {
		for rs.Next() {
			rows = append(rows, rs.Row())
		}
		return rs.Err()
	})
	return rows, err
}

var bothReaders = []struct {
	name string
	opts sheet.Options
}{{"fast reader", sheet.Options{}}, {"excelize", sheet.Options{Excelize: true}}}

// wantRefused checks that err is a *sheet.Error naming p and saying want.
func wantRefused(t *testing.T, p string, err error, want string) {
	t.Helper()
	var se *sheet.Error
	if !errors.As(err, &se) || se.Path != p || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want a *sheet.Error naming the file and saying %q", err, want)
	}
}

const mib = 1 << 20

// Workbooks of a few kilobytes whose parts inflate to many megabytes (to gigabytes in the wild:
// a run of spaces, one huge cell, empty rows, one huge shared string) are refused before
// anything is inflated, by either reader.
func TestWorkbookBombsAreRefused(t *testing.T) {
	head := cellRow(1, inline("A1", "Member State"))
	for _, tc := range []struct {
		name  string
		parts func() []zipPart // readers, read once: a new set for each file
		want  string
	}{
		{"a run of spaces", func() []zipPart { return replyWorkbook(repeated(head, " ", 20*mib, ""), nil) }, "the workbook's sheet 'Replies' would unpack to 21 MB from"},
		{"one huge cell", func() []zipPart {
			return replyWorkbook(repeated(`<row r="1"><c r="A1" t="inlineStr"><is><t>`, "x", 20*mib, `</t></is></c></row>`), nil)
		},
			"the workbook's sheet 'Replies' would unpack to 21 MB"},
		{"empty rows", func() []zipPart { return replyWorkbook(repeated(head, "<row/>", 4*mib, ""), nil) }, "the workbook's sheet 'Replies' would unpack to 25 MB"},
		{"one huge shared string", func() []zipPart {
			return replyWorkbook(strings.NewReader(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), repeated("<si><t>", "x", 20*mib, "</t></si>"))
		},
			"the text of the workbook's cells (xl/sharedStrings.xml) would unpack to 21 MB"},
	} {
		for _, r := range bothReaders {
			t.Run(tc.name+", "+r.name, func(t *testing.T) {
				p := workbookFile(t, "bomb.xlsx", tc.parts())
				st, _ := os.Stat(p)
				if st.Size() > 512<<10 {
					t.Fatalf("the bomb is %d bytes, not a small file", st.Size())
				}
				_, err := readWith(p, r.opts)
				wantRefused(t, p, err, tc.want)
				wantRefused(t, p, err, "more than 100 times its size")
			})
		}
	}
	// A part whose directory says it is huge: refused by its size alone.
	for _, r := range bothReaders {
		p := workbookFile(t, "declared.xlsx", replyWorkbook(strings.NewReader(head), nil, zipPart{name: "xl/media/image1.png", body: strings.NewReader("tiny"), declared: 3 << 30}))
		_, err := readWith(p, r.opts)
		wantRefused(t, p, err, "the workbook's part xl/media/image1.png would unpack to 3,072 MB, more than a workbook of replies can")
	}
}

// A sheet of some megabytes that compresses as sheets do (not a bomb): excelize reads it without
// writing the temporary files it writes for parts over 16 MB by default, which an
// out-of-memory crash or a kill leaves behind.
func TestExcelizeWritesNoTemporaryFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("excelize takes seconds over a 17 MB sheet; runs in the full suite")
	}
	var data strings.Builder
	for i := 1; data.Len() < 17*mib; i++ {
		data.WriteString(cellRow(i, inline("A"+itoa(i), "Austria "+itoa(i*7919%100003)), inline("B"+itoa(i), "Serbia "+itoa(i))))
	}
	p := workbookFile(t, "big.xlsx", replyWorkbook(strings.NewReader(data.String()), nil))
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	n := 0
	err := sheet.Read(p, sheet.Options{Excelize: true}, func(_ sheet.Info, rows sheet.Rows) error {
		entries, _ := os.ReadDir(tmp)
		for _, e := range entries {
			t.Errorf("while reading, a temporary file %s", e.Name())
		}
		for rows.Next() {
			n++
		}
		return rows.Err()
	})
	if err != nil || n < 100000 {
		t.Fatalf("%d rows, %v", n, err)
	}
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(n)) }

func fmtInt(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return fmtInt(n/10) + string(rune('0'+n%10))
}

// excelize parses a sheet whole before its first row, quadratically in its merged cells: with a
// context, Read returns promptly when it is cancelled (Ctrl-C) rather than when excelize is done.
func TestExcelizeStopsOnCancel(t *testing.T) {
	var merges strings.Builder
	for i := 1; i <= 20000; i++ {
		merges.WriteString(`<mergeCell ref="A` + itoa(2*i) + `:B` + itoa(2*i) + `"/>`)
	}
	parts := replyWorkbook(strings.NewReader(cellRow(1, inline("A1", "x"))), nil)
	last := &parts[len(parts)-1]
	last.body = io.MultiReader(strings.NewReader(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="`+nsMain+`"><sheetData>`+cellRow(1, inline("A1", "x"))+
		`</sheetData><mergeCells>`), strings.NewReader(merges.String()), strings.NewReader(`</mergeCells></worksheet>`))
	p := workbookFile(t, "merged.xlsx", parts)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := readWith(p, sheet.Options{Excelize: true, Context: ctx})
	if took := time.Since(start); !errors.Is(err, context.Canceled) || took > 2*time.Second {
		t.Errorf("cancelled after 0.2 s: returned after %v with %v, want context.Canceled within 2 s", took, err)
	}
}

const longCell = "Replies!D7: the cell holds 100,000 characters, more than a spreadsheet cell can (32,767)"

// A cell longer than a spreadsheet cell can be is refused, naming it, by every reader; a cell
// of exactly the limit is read.
func TestCellsLongerThanASpreadsheetCell(t *testing.T) {
	long := strings.Repeat("é", 100000)
	full := strings.Repeat("x", sheet.MaxCellChars)
	before := cellRow(1, inline("A1", "Member State")) + cellRow(6, inline("A6", "Austria"))
	for _, tc := range []struct {
		name  string
		parts func() []zipPart // readers, read once: a new set for each file
		want  string
	}{
		{"inline string", func() []zipPart {
			return replyWorkbook(strings.NewReader(before+cellRow(7, inline("A7", "Austria"), inline("D7", long))), nil)
		}, longCell},
		{"shared string", func() []zipPart {
			return replyWorkbook(strings.NewReader(before+cellRow(7, `<c r="D7" t="s"><v>1</v></c>`)),
				strings.NewReader("<si><t>a</t></si><si><t>"+long+"</t></si>"))
		}, longCell},
		{"at the limit", func() []zipPart { return replyWorkbook(strings.NewReader(before+cellRow(7, inline("D7", full))), nil) }, ""},
	} {
		for _, r := range bothReaders {
			t.Run(tc.name+", "+r.name, func(t *testing.T) {
				p := workbookFile(t, "long.xlsx", tc.parts())
				rows, err := readWith(p, r.opts)
				if tc.want == "" {
					if err != nil || len(rows) < 7 || rows[6].Cells[3] != full {
						t.Errorf("a cell of %d characters: %v", sheet.MaxCellChars, err)
					}
					return
				}
				wantRefused(t, p, err, tc.want)
			})
		}
	}
	// The fast reader, asked for column A only, still counts column D.
	p := workbookFile(t, "long.xlsx", replyWorkbook(strings.NewReader(before+cellRow(7, inline("A7", "Austria"), inline("D7", strings.Repeat("x", 100000)))), nil))
	err := sheet.Read(p, sheet.Options{}, func(_ sheet.Info, rows sheet.Rows) error {
		rows.(sheet.ColumnPicker).OnlyColumns([]int{1})
		for rows.Next() {
		}
		return rows.Err()
	})
	wantRefused(t, p, err, longCell)
}

func TestCSVCellsLongerThanASpreadsheetCell(t *testing.T) {
	text := "State,Partner,Area,Description\n\n\n\n\n\nAustria,Serbia,Asylum,\"" + strings.Repeat("é", 100000) + "\"\n"
	_, err := readCSVString(t, text)
	if err == nil || err.Error() != "in.csv: D7: the cell holds 100,000 characters, more than a spreadsheet cell can (32,767); shorten the text of that cell, or split it over several cells" {
		t.Errorf("error %v", err)
	}
	full := "a,\"" + strings.Repeat("\"\"", sheet.MaxCellChars-1) + "x\"\n"
	if rows, err := readCSVString(t, full); err != nil || len([]rune(rows[0].Cells[1])) != sheet.MaxCellChars {
		t.Errorf("a cell of %d characters, quotes doubled: %v", sheet.MaxCellChars, err)
	}
}

// A line of 64 MB (a 1 GB one in the wild) costs no memory in proportion, nor the time to read
// it: the reader stops at the cell that is too long, counting at most 16 MB more of it for the
// message.
func TestCSVHugeLineCostsNoMemory(t *testing.T) {
	for _, tc := range []struct{ name, open, unit, want string }{
		{"one cell", "", "x", "huge.csv: C2: the cell holds more than the 32,767 characters a spreadsheet cell can"},
		{"a quoted cell over lines", `"`, "x\n", "huge.csv: C2: the cell holds more than the 32,767 characters a spreadsheet cell can"},
		{"many cells", "", "x,", "huge.csv: row 2 has more than 16,384 cells"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			r := repeated("State,Partner,Area\nAustria,Serbia,"+tc.open, tc.unit, 64*mib/len(tc.unit), "\n")
			rows, err := sheet.NewCSV("huge.csv", r)
			if err == nil {
				for rows.Next() {
				}
				err = rows.Err()
			}
			runtime.ReadMemStats(&after)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 32*mib {
				t.Errorf("reading allocated %d MB", grew/mib)
			}
		})
	}
}

// A sheet whose rows each hold a cell at XFD, the last column, is not 16,384 strings a row
// (a million such rows took 6 minutes): asked for its first columns, the fast reader folds the
// cells right of them into one Skipped, which still tells that the row has data.
func TestSparseRowsAtTheLastColumnFold(t *testing.T) {
	var data strings.Builder
	data.WriteString(cellRow(1, inline("A1", "Member State"), inline("B1", "Partner")))
	const n = 20000
	for i := 2; i <= n; i++ {
		data.WriteString(`<row r="` + itoa(i) + `"><c r="A` + itoa(i) + `" t="inlineStr"><is><t>Austria</t></is></c><c r="XFD` + itoa(i) + `"><v>1</v></c></row>`)
	}
	p := workbookFile(t, "sparse.xlsx", replyWorkbook(strings.NewReader(data.String()), nil))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	rowsRead := 0
	err := sheet.Read(p, sheet.Options{}, func(_ sheet.Info, rows sheet.Rows) error {
		rows.(sheet.ColumnPicker).OnlyColumns([]int{1, 2})
		for rows.Next() {
			c := rows.Row().Cells
			if rowsRead++; rowsRead > 1 && (len(c) != 3 || c[0] != "Austria" || c[2] != sheet.Skipped) {
				t.Fatalf("row %d: %q, want Austria, nothing, then Skipped", rowsRead, c)
			}
		}
		return rows.Err()
	})
	runtime.ReadMemStats(&after)
	if err != nil || rowsRead != n {
		t.Fatalf("%d rows, %v", rowsRead, err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64*mib {
		t.Errorf("reading %d sparse rows allocated %d MB", n, grew/mib)
	}
}

// excelize makes a string of every cell from A to the last of each row, so a workbook it must
// read (one the fast reader gives up on, or any with --password) whose rows reach XFD is
// refused before it starts, not read for minutes.
func TestExcelizeRefusesRowsReachingTooFar(t *testing.T) {
	var data strings.Builder
	data.WriteString(cellRow(1, inline("A1", "Member State")))
	for i := 2; i <= 7000; i++ {
		data.WriteString(`<row r="` + itoa(i) + `"><c r="XFD` + itoa(i) + `"><v>1</v></c></row>`)
	}
	parts := replyWorkbook(nil, nil)
	parts[len(parts)-1].body = strings.NewReader(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="` + nsMain + `"><sheetData>` + data.String() +
		`</sheetData><mergeCells><mergeCell ref="A2:B2"/></mergeCells></worksheet>`)
	p := workbookFile(t, "far.xlsx", parts)
	start := time.Now()
	_, err := readReread(p, sheet.Options{Excelize: true})
	wantRefused(t, p, err, "Replies!row 6105: the rows reach too far to the right (column XFD) to be read with this workbook's merged cells, dates or password; delete the columns right of the replies (or unmerge the cells), or save the replies as CSV")
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("refused after %v", took)
	}
}
