package sheet_test

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// FuzzCSV feeds arbitrary bytes to the CSV reader: it must never panic, every failure must be a
// *sheet.Error naming the file, row numbers must increase, and cells must be valid UTF-8.
func FuzzCSV(f *testing.F) {
	for _, seed := range []string{
		"Member State,Partner,Area,Type of support\nAustria,Serbia,Asylum,Expert\n",
		"\uFEFFMS;WB partner;Field\r\nAT;BiH;Return\r\n",
		"a\tb\n\"multi\nline\"\tc\n\n\nd\te\n",
		"\"unterminated,quote\n",
		"\xff\xfeA\x00",
		"x,\"y\"\"z\",w\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := sheet.NewCSV("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			checkSheetError(t, err)
			return
		}
		last := 0
		for rows.Next() {
			r := rows.Row()
			if r.Num <= last {
				t.Fatalf("row %d after row %d", r.Num, last)
			}
			last = r.Num
			for _, c := range r.Cells {
				if !utf8.ValidString(c) {
					t.Fatalf("cell %q is not UTF-8", c)
				}
			}
		}
		if err := rows.Err(); err != nil {
			checkSheetError(t, err)
		}
	})
}

func checkSheetError(t *testing.T, err error) {
	t.Helper()
	var se *sheet.Error
	if !errors.As(err, &se) || se.Path != "fuzz.csv" {
		t.Fatalf("error %v (%T) does not name the file", err, err)
	}
}
