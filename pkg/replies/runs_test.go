package replies_test

import (
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/replies"
)

// A finding repeated word for word down consecutive rows is said once with its range; anything
// that breaks the run (another message, column, sheet, a gap of a row) starts a new one, and
// runs shorter than MinRun stay as they are.
func TestRunsFoldRepeatedFindings(t *testing.T) {
	at := func(sheet string, row, col int, msg string) replies.Finding {
		return replies.Finding{Pos: replies.Position{File: "r.xlsx", Sheet: sheet, Row: row, Col: col}, Severity: replies.Error, Message: msg}
	}
	var fs []replies.Finding
	for row := 2; row <= 40; row++ {
		fs = append(fs, at("Replies", row, 3, `unknown area "X"`))
	}
	fs = append(fs,
		at("Replies", 41, 3, `unknown area "Y"`), // another message
		at("Replies", 43, 3, `unknown area "X"`), // a gap
		at("Replies", 44, 3, `unknown area "X"`),
		at("Replies", 50, 0, "no Member State"),
		at("Replies", 51, 0, "no Member State"),
		at("Replies", 52, 0, "no Member State"),
		at("Other", 53, 0, "no Member State"), // another sheet
	)
	var got []string
	for _, r := range replies.Runs(fs) {
		got = append(got, r.String())
	}
	want := []string{
		`r.xlsx: Replies!C2:C40: unknown area "X"`,
		`r.xlsx: Replies!C41: unknown area "Y"`,
		`r.xlsx: Replies!C43: unknown area "X"`,
		`r.xlsx: Replies!C44: unknown area "X"`,
		`r.xlsx: Replies rows 50-52: no Member State`,
		`r.xlsx: Other row 53: no Member State`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("runs\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
