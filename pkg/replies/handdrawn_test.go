package replies_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/layout"
	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/workbook"
)

func TestWordTablePosition(t *testing.T) {
	for _, tc := range []struct {
		pos  replies.Position
		want string
	}{
		{replies.Position{File: "AT.docx", Sheet: "table 2", Table: 2, Row: 5, Col: 3}, "AT.docx: table 2, row 5, column 3"},
		{replies.Position{File: "AT.docx", Sheet: "table 2", Table: 2, Row: 5}, "AT.docx: table 2, row 5"},
		{replies.Position{File: "AT.docx", Sheet: "table 2", Table: 2}, "AT.docx: table 2"},
		{replies.Position{File: "AT.xlsx", Sheet: "Serbia", Row: 5, Col: 3}, "AT.xlsx: Serbia!C5"},
	} {
		if got := tc.pos.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.pos, got, tc.want)
		}
	}
	run := replies.Run{Finding: replies.Finding{Pos: replies.Position{File: "AT.docx", Table: 1, Row: 2, Col: 4}}, Last: 6}
	if got := run.Where(); got != "AT.docx: table 1, rows 2-6, column 4" {
		t.Errorf("run: %q", got)
	}
}

// printed is the findings as printed.
func printed(ds *replies.Dataset) string {
	var out []string
	for _, f := range ds.Findings {
		out = append(out, f.Severity.String()+": "+f.String())
	}
	return strings.Join(out, "\n")
}

// TestHandDrawnFindingsPointAtTheirCells: a finding about a tick-box or grid table names the
// cell of the original table, not a row of the long rows it was turned into.
func TestHandDrawnFindingsPointAtTheirCells(t *testing.T) {
	dir := write(t, map[string]string{
		// A grid per partner: areas down, types across; the state and partner from the name.
		"AT - Serbia.csv": ",Financial assistance,Expert assistance,Equipment\nAsylm,X,2,\nReturn,,X,\n",
		// Tick boxes with a state column: an unknown partner in B3, ticked twice.
		"ticks.csv": "Member State,Partner,Area,Financial assistance,Expert assistance\nCroatia,Serbia,Asylum,X,\nCroatia,Serbai,Return,X,X\nGermny,Serbia,Asylum,X,X\n,Serbia,Asylum,,X\n",
	})
	ds := read(t, replies.Options{}, filepath.Join(dir, "AT - Serbia.csv"), filepath.Join(dir, "ticks.csv"))
	got := printed(ds.Dataset)
	for _, want := range []string{
		`error: ` + filepath.Join(dir, "AT - Serbia.csv") + `: A2: unknown area "Asylm" (did you mean "Asylum"?)`,
		`error: ` + filepath.Join(dir, "ticks.csv") + `: B3: unknown partner "Serbai" (did you mean "Serbia"?)`,
		`error: ` + filepath.Join(dir, "ticks.csv") + `: A4: unknown Member State "Germny" (did you mean "Germany"?)`,
		// The long rows' own check, at the tick-box table's cell.
		`error: ` + filepath.Join(dir, "ticks.csv") + `: A5: missing Member State: the cell is empty under "Croatia" (row 2)`,
	} {
		if strings.Count(got, want) != 1 {
			t.Errorf("want once:\n%s\ngot:\n%s", want, got)
		}
	}
	if n := len(ds.Errors()); n != 4 {
		t.Errorf("%d errors, want 4:\n%s", n, got)
	}
	// The rows that could be read are counted: Austria's return (1), Croatia's asylum (1).
	if len(ds.Activities) != 2 {
		t.Errorf("%d activities, want 2", len(ds.Activities))
	}
	if p := ds.Activities[0].Pos; p.Row != 3 || p.Col != 3 {
		t.Errorf("the activity is at %v, want C3 (its mark)", p)
	}
}

// TestSameReplyGivenTwice: two tables that are one reply (the same state, and the same partner
// from the context) are an error, whether they agree or contradict each other.
func TestSameReplyGivenTwice(t *testing.T) {
	grid := ",Financial assistance,Expert assistance\nAsylum,X,\n"
	for _, tc := range []struct {
		name, second, want string
	}{
		{"the same", grid, "the reply of Austria, partner Serbia is given twice, here and in FIRST, with the same activities (1); delete one of the two"},
		{"contradicting", ",Financial assistance,Expert assistance\nAsylum,,X\n",
			"the reply of Austria, partner Serbia is given twice and the two contradict each other: here 1 activity; in FIRST, as many but others; keep the one that stands and delete the other"},
		{"contradicting, with more activities", ",Financial assistance,Expert assistance\nAsylum,2,X\n",
			"the reply of Austria, partner Serbia is given twice and the two contradict each other: here 3 activities; in FIRST, 1 activity; keep the one that stands and delete the other"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := write(t, map[string]string{"AT-RS.csv": grid, "Austria - Serbia.csv": tc.second})
			ds := read(t, replies.Options{}, dir)
			errs := ds.Errors()
			if len(errs) != 1 {
				t.Fatalf("want one error, got:\n%s", printed(ds.Dataset))
			}
			want := strings.Replace(tc.want, "FIRST", filepath.Join(dir, "AT-RS.csv")+": row 1", 1)
			if errs[0].Message != want || errs[0].Pos.File != filepath.Join(dir, "Austria - Serbia.csv") {
				t.Errorf("got  %s\nwant %s: %s", errs[0], filepath.Join(dir, "Austria - Serbia.csv"), want)
			}
		})
	}
}

// TestEmptyGridIsAReply: a state's grid with nothing marked says it replied, with nothing.
func TestEmptyGridIsAReply(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Belgium.xlsx")
	rows := [][]string{{"", "Financial assistance", "Expert assistance"}, {"Asylum", "", "☐"}, {"Return", "no", ""}}
	if err := workbook.Write(path, []workbook.Sheet{{Name: "Serbia", Rows: rows}}); err != nil {
		t.Fatal(err)
	}
	ds := read(t, replies.Options{}, path)
	if len(ds.Errors()) > 0 || len(ds.Respondents) != 1 || ds.Respondents[0] != "Belgium" || len(ds.Activities) != 0 {
		t.Errorf("respondents %q, %d activities:\n%s", ds.Respondents, len(ds.Activities), printed(ds.Dataset))
	}
	if len(ds.Sources) != 1 || !strings.HasPrefix(ds.Sources[0].Header(), `grid: areas x types of support, Member State from the file name "Belgium.xlsx", partner from the sheet name "Serbia"`) {
		t.Errorf("sources %+v", ds.Sources)
	}
}

// TestLayoutLongReadsNoGrid: --layout long reads sheets as before, a grid being a sheet
// without a header.
func TestLayoutLongReadsNoGrid(t *testing.T) {
	dir := write(t, map[string]string{"AT - Serbia.csv": ",Financial assistance,Expert assistance\nAsylum,X,\n"})
	ds := read(t, replies.Options{Layout: layout.Long}, dir)
	if errs := ds.Errors(); len(errs) != 1 || !strings.Contains(errs[0].Message, "no header row found") {
		t.Errorf("got:\n%s", printed(ds.Dataset))
	}
}

// TestForcedLayoutSkipsInstructions: with --layout grid, a sheet with no grid beside sheets
// with grids is skipped with a note, as a sheet without a header is in the long layout; alone,
// it is an error saying what was expected.
func TestForcedLayoutSkipsInstructions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Austria.xlsx")
	if err := workbook.Write(path, []workbook.Sheet{
		{Name: "Instructions", Rows: [][]string{{"Tick one box per activity"}}},
		{Name: "Serbia", Rows: [][]string{{"", "Financial assistance", "Expert assistance"}, {"Asylum", "X", ""}}},
	}); err != nil {
		t.Fatal(err)
	}
	ds := read(t, replies.Options{Layout: layout.Grid}, path)
	if len(ds.Errors()) > 0 || len(ds.Activities) != 1 || !strings.Contains(printed(ds.Dataset), "note: "+path+": Instructions: skipped") {
		t.Errorf("%d activities:\n%s", len(ds.Activities), printed(ds.Dataset))
	}
	ds = read(t, replies.Options{Layout: layout.Grid, Sheet: "Instructions"}, path)
	if errs := ds.Errors(); len(errs) != 1 || !strings.Contains(errs[0].Message, "expected a grid table") {
		t.Errorf("got:\n%s", printed(ds.Dataset))
	}
}
