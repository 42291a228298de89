package sheet_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

const saveAgain = "; open it in Excel or LibreOffice and save it again as .xlsx"

// Damaged workbooks that excelize reads without a word, keeping one of two rows or parts or
// reading a bad index as the first string, are refused by both readers (the fast reader may
// leave them to excelize), naming the sheet and the cell or row; damage excelize words in its
// own terms (EOF, XML errors without the part) is worded for users.
func TestDamagedWorkbooksAreRefusedByBothReaders(t *testing.T) {
	head := cellRow(1, inline("A1", "Member State"), inline("B1", "Partner"))
	sst := func() *strings.Reader { return strings.NewReader("<si><t>zero</t></si>") }
	withWorkbook := func(wb string) []zipPart {
		parts := replyWorkbook(strings.NewReader(head), nil)
		parts[2].body = strings.NewReader(wb)
		return parts
	}
	for _, tc := range []struct {
		name  string
		parts func() []zipPart
		want  string
	}{
		{"a row given twice", func() []zipPart {
			return replyWorkbook(strings.NewReader(head+cellRow(2, inline("A2", "Austria"))+cellRow(2, inline("A2", "Belgium"))), nil)
		}, "Replies!row 2: the sheet holds row 2 twice (the file is damaged)" + saveAgain},
		{"a shared string index that is not a number", func() []zipPart {
			return replyWorkbook(strings.NewReader(head+cellRow(2, `<c r="A2" t="s"><v>abc</v></c>`)), sst())
		}, `Replies!A2: the cell points to shared text "abc", which the workbook does not hold (the file is damaged)` + saveAgain},
		{"a shared string index past the table", func() []zipPart {
			return replyWorkbook(strings.NewReader(head+cellRow(2, `<c r="B2" t="s"><v>7</v></c>`)), sst())
		}, `Replies!B2: the cell points to shared text "7", which the workbook does not hold (the file is damaged)` + saveAgain},
		{"two parts of one name", func() []zipPart {
			return append(replyWorkbook(strings.NewReader(head), nil), zipPart{name: "xl/worksheets/sheet1.xml", body: sheetXML(strings.NewReader(""))})
		}, "the workbook holds two parts named xl/worksheets/sheet1.xml (the file is damaged)" + saveAgain},
		{"a cell reference that is not one", func() []zipPart {
			return replyWorkbook(strings.NewReader(head+cellRow(2, `<c r="A" t="inlineStr"><is><t>x</t></is></c>`)), nil)
		}, `Replies!row 2: a cell is called "A", which is not a cell (the file is damaged)` + saveAgain},
		{"sheet XML cut short", func() []zipPart {
			parts := replyWorkbook(nil, nil)
			parts[len(parts)-1].body = strings.NewReader(`<?xml version="1.0"?><worksheet xmlns="` + nsMain + `"><sheetData>` + head)
			return parts
		}, `sheet "Replies" cannot be read: its part xl/worksheets/sheet1.xml is damaged (line 1: the XML ends too early)` + saveAgain},
		{"a style that is not a number", func() []zipPart {
			return replyWorkbook(strings.NewReader(head+cellRow(2, `<c r="A2" s="x"><v>1</v></c>`)), nil)
		}, `sheet "Replies" cannot be read: its part xl/worksheets/sheet1.xml is damaged ("x" stands where a number belongs)` + saveAgain},
		{"an empty workbook part", func() []zipPart { return withWorkbook("") },
			"not a readable .xlsx workbook: its part xl/workbook.xml is damaged (it is empty)" + saveAgain},
		{"a sheet without its part", func() []zipPart {
			return withWorkbook(`<?xml version="1.0"?><workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets><sheet name="Replies" sheetId="1" r:id="rId1"/>` +
				`<sheet name="Module" sheetId="2" r:id="rId9"/></sheets></workbook>`)
		}, `sheet "Module" is listed in the workbook but its data is missing (the file is damaged)` + saveAgain},
	} {
		for _, r := range bothReaders {
			t.Run(tc.name+", "+r.name, func(t *testing.T) {
				p := workbookFile(t, "damaged.xlsx", tc.parts())
				_, err := readReread(p, r.opts)
				if err == nil || err.Error() != p+": "+tc.want {
					t.Errorf("error %v\nwant  %s: %s", err, p, tc.want)
				}
			})
		}
	}
}

// readReread reads as pkg/replies does: a fast read that falls back half-way is read again with
// excelize.
func readReread(p string, opts sheet.Options) ([]sheet.Row, error) {
	rows, err := readWith(p, opts)
	if err != nil && strings.Contains(err.Error(), sheet.ErrFallback.Error()) {
		opts.Excelize = true
		return readWith(p, opts)
	}
	return rows, err
}

// A file that starts as an encrypted workbook does but is not one (an old .xls renamed, or a
// damaged file) is not blamed on the password.
func TestCompoundFileThatIsNotEncrypted(t *testing.T) {
	p := filepath.Join(t.TempDir(), "old.xlsx")
	if err := os.WriteFile(p, append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 600)...), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, opts := range []sheet.Options{{}, {Password: "secret"}} {
		_, err := readWith(p, opts)
		want := p + ": not a readable .xlsx workbook: it is an old Excel 97-2003 workbook (.xls) renamed .xlsx, or is damaged" + saveAgain
		if err == nil || err.Error() != want {
			t.Errorf("password %q: %v, want %s", opts.Password, err, want)
		}
	}
}

// Line ends in CR alone (old Mac programs) end lines; two byte order marks are taken away.
func TestCSVCarriageReturnLinesAndDoubleByteOrderMark(t *testing.T) {
	want := "[{1 [State Partner] false []} {2 [Austria Serbia] false []} {4 [Belgium two\nlines] false []}]"
	for _, text := range []string{"State,Partner\rAustria,Serbia\r\rBelgium,\"two\rlines\"\r", "\uFEFF\uFEFFState,Partner\nAustria,Serbia\n\nBelgium,\"two\nlines\"\n"} {
		rows, err := readCSVString(t, text)
		if got := fmtRows(rows); err != nil || got != want {
			t.Errorf("%q: %s, %v\nwant %s", text, got, err, want)
		}
	}
}

func fmtRows(rows []sheet.Row) string {
	var b strings.Builder
	b.WriteString("[")
	for i, r := range rows {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString("{" + itoa(r.Num) + " [" + strings.Join(r.Cells, " ") + "] false []}")
	}
	return b.String() + "]"
}
