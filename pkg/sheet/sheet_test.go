package sheet_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/workbook"
)

func readCSVString(t *testing.T, text string) ([]sheet.Row, error) {
	t.Helper()
	rows, err := sheet.NewCSV("in.csv", strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	var out []sheet.Row
	for rows.Next() {
		out = append(out, rows.Row())
	}
	return out, rows.Err()
}

func TestCSVDelimiterEncodingAndLineEnds(t *testing.T) {
	want := [][]string{{"Member State", "Partner", "Area"}, {"Austria", "Serbia", "Asylum"}}
	for _, tc := range []struct {
		name, text string
	}{
		{"comma", "Member State,Partner,Area\nAustria,Serbia,Asylum\n"},
		{"semicolon", "Member State;Partner;Area\nAustria;Serbia;Asylum\n"},
		{"tab", "Member State\tPartner\tArea\nAustria\tSerbia\tAsylum\n"},
		{"byte order mark", "\uFEFFMember State,Partner,Area\nAustria,Serbia,Asylum\n"},
		{"CRLF", "Member State;Partner;Area\r\nAustria;Serbia;Asylum\r\n"},
		{"no final line end", "Member State,Partner,Area\nAustria,Serbia,Asylum"},
		// Commas inside quoted cells must not make comma the delimiter.
		{"semicolon with commas in cells", "\"Member State\";Partner;Area\nAustria;Serbia;Asylum\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := readCSVString(t, tc.text)
			if err != nil {
				t.Fatal(err)
			}
			var got [][]string
			for _, r := range rows {
				got = append(got, r.Cells)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

func TestCSVPicksTheConsistentDelimiter(t *testing.T) {
	text := "State;Partner;Area;Description\nAT;Serbia;Asylum;Training, seminars, visits\nDE;Albania;Return;Vehicles, fuel\n"
	rows, err := readCSVString(t, text)
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[1].Cells[3]; got != "Training, seminars, visits" {
		t.Errorf("description = %q: the semicolon should have been taken as the delimiter", got)
	}
}

// Row numbers must be those a spreadsheet program shows: blank lines are rows, line breaks
// inside quoted cells are not.
func TestCSVRowNumbersMatchSpreadsheetRows(t *testing.T) {
	text := "A,B\n\"two\nlines\",x\n\ny,z\n\"three\nline\ncell\",w\nlast,row\n"
	rows, err := readCSVString(t, text)
	if err != nil {
		t.Fatal(err)
	}
	var nums []int
	for _, r := range rows {
		nums = append(nums, r.Num)
	}
	if want := []int{1, 2, 4, 5, 6}; !reflect.DeepEqual(nums, want) {
		t.Errorf("row numbers %v, want %v", nums, want)
	}
}

func TestCSVRejectsOtherEncodings(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"UTF-16", "\xff\xfeM\x00S\x00", "in.csv: the file is in UTF-16, not UTF-8"},
		{"Latin-1", "State,Partner\nGro\xdfbritannien,Serbia\n", "in.csv: A2: the text is not UTF-8"},
		{"unclosed quote", "State,Partner\n\"Austria,Serbia\nGermany,Albania\n", "in.csv: line 3: the quoted cell that starts on line 2 is not closed"},
		{"bare quote", "State,Partner\nAustria,Se\"rbia\n", "in.csv: line 2: bare \" in non-quoted-field; check the quotes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readCSVString(t, tc.text)
			var se *sheet.Error
			if !errors.As(err, &se) || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %v, want a *sheet.Error starting %q", err, tc.want)
			}
		})
	}
}

func TestColumnNames(t *testing.T) {
	for n, name := range map[int]string{1: "A", 3: "C", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA", 16384: "XFD"} {
		if got := sheet.ColumnName(n); got != name {
			t.Errorf("ColumnName(%d) = %q, want %q", n, got, name)
		}
		if got := sheet.ColumnNumber(strings.ToLower(name)); got != n {
			t.Errorf("ColumnNumber(%q) = %d, want %d", name, got, n)
		}
	}
	for _, bad := range []string{"", "1", "A1", "XFE", "Ä"} {
		if got := sheet.ColumnNumber(bad); got != 0 {
			t.Errorf("ColumnNumber(%q) = %d, want 0", bad, got)
		}
	}
}

// Without LibreOffice, an .xls workbook is refused with a message that says what to install
// or how to save it; a workbook saved as .xlsx but named .xls is read all the same.
func TestXLSWithoutLibreOffice(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv(sheet.SofficeVar, "")
	dir := t.TempDir()
	path := filepath.Join(dir, "reply.xls")
	emptyCompound(t, path)
	err := sheet.Read(path, sheet.Options{}, func(sheet.Info, sheet.Rows) error { return nil })
	want := path + ": old Excel 97-2003 workbooks (.xls) are read through LibreOffice, which is not installed here; install LibreOffice (or set MAPSURVEY_SOFFICE to its soffice program), or open the file in Excel or LibreOffice and save it as .xlsx"
	if err == nil || err.Error() != want {
		t.Errorf("error %v\nwant %s", err, want)
	}
	renamed := filepath.Join(dir, "saved-as-xlsx.xls")
	data, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(renamed, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if rows, err := readWith(renamed, sheet.Options{Sheet: "Replies"}); err != nil || len(rows) < 200 {
		t.Errorf("an .xlsx named .xls: %d rows, error %v", len(rows), err)
	}
}

func TestReadRefusesUnsupportedFilesWithAFix(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		file, want string
	}{
		{"reply.ods", "reply.ods: not a readable .ods spreadsheet (the file is damaged, or is another format renamed .ods); open it in LibreOffice and save it again"},
		{"reply.docx", "reply.docx: not a readable .docx document (the file is damaged, or is another format renamed .docx); open it in Word or LibreOffice and save it again"},
		{"reply.doc", "reply.doc: old Word 97-2003 documents (.doc) are not read; open it in Word or LibreOffice and save it as .docx"},
		{"reply", "reply: the file has no extension, so its format is unknown; give replies as .xlsx, .ods, .xls, .docx or .csv files"},
		{"reply.pdf", "reply.pdf: .pdf files are not read; give replies as .xlsx, .ods, .xls, .docx or .csv files"},
		{"missing.xlsx", "missing.xlsx: no such file; check the name and the folder"},
		{"missing.csv", "missing.csv: no such file; check the name and the folder"},
		{"text.xlsx", "text.xlsx: not a readable .xlsx workbook"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := tc.file
			if !strings.HasPrefix(tc.file, "missing") {
				path = filepath.Join(dir, tc.file)
				if err := os.WriteFile(path, []byte("plain text"), 0o644); err != nil {
					t.Fatal(err)
				}
				tc.want = filepath.Join(dir, tc.want)
			}
			err := sheet.Read(path, sheet.Options{}, func(sheet.Info, sheet.Rows) error { return nil })
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %v, want it to start %q", err, tc.want)
			}
		})
	}
}

func TestReadWorkbookSheetsInOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.xlsx")
	err := workbook.Write(path, []workbook.Sheet{
		{Name: "Instructions", Rows: [][]string{{"Read me"}}},
		{Name: "Replies", Rows: [][]string{{"Member State", "Partner"}, {}, {"Austria", "Serbia", "", ""}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	type seen struct {
		sheet string
		rows  []sheet.Row
	}
	read := func(opts sheet.Options) ([]seen, error) {
		var out []seen
		err := sheet.Read(path, opts, func(info sheet.Info, rows sheet.Rows) error {
			s := seen{sheet: info.Name}
			for rows.Next() {
				s.rows = append(s.rows, rows.Row())
			}
			out = append(out, s)
			return rows.Err()
		})
		return out, err
	}
	all, err := read(sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].sheet != "Instructions" || all[1].sheet != "Replies" {
		t.Fatalf("sheets %+v, want Instructions then Replies", all)
	}
	rows := all[1].rows
	if len(rows) != 3 || rows[0].Num != 1 || rows[1].Num != 2 || len(rows[1].Cells) != 0 || rows[2].Num != 3 ||
		!reflect.DeepEqual(rows[2].Cells, []string{"Austria", "Serbia"}) {
		t.Errorf("Replies rows %+v: want rows 1-3 numbered, the blank one empty", rows)
	}

	one, err := read(sheet.Options{Sheet: "replies"})
	if err != nil || len(one) != 1 || one[0].sheet != "Replies" {
		t.Errorf("--sheet replies: %+v, %v; want only the Replies sheet, matched without regard to case", one, err)
	}
	_, err = read(sheet.Options{Sheet: "Other"})
	if err == nil || !strings.Contains(err.Error(), `no sheet named "Other"; the sheets are "Instructions", "Replies"`) {
		t.Errorf("unknown sheet: %v", err)
	}
}

func TestReadCSVWithSheetOptionIsAnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.csv")
	if err := os.WriteFile(path, []byte("a,b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := sheet.Read(path, sheet.Options{Sheet: "Replies"}, func(sheet.Info, sheet.Rows) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "a CSV file has no sheets") {
		t.Errorf("error %v", err)
	}
}
