package layout_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/layout"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// table writes rows as lines of cells separated by "|", from row 1; "\n" inside a cell is "¶".
func table(text string) []layout.Row {
	var rows []layout.Row
	for i, line := range strings.Split(strings.Trim(text, "\n"), "\n") {
		cells := strings.Split(line, "|")
		for j := range cells {
			cells[j] = strings.ReplaceAll(strings.TrimSpace(cells[j]), "¶", "\n")
		}
		rows = append(rows, layout.Row{Num: i + 1, Cells: cells})
	}
	return rows
}

// activities writes the records as "state/partner/area/type@cell" lines, for comparison.
func activities(tab *layout.Table) []string {
	var out []string
	for _, r := range tab.Records {
		out = append(out, fmt.Sprintf("%s/%s/%s/%s@%s", r.Text[0], r.Text[1], r.Text[2], r.Text[3], cellName(r.At)))
	}
	return out
}

func cellName(c layout.Cell) string { return fmt.Sprintf("%c%d", 'A'+c.Col-1, c.Row) }

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name     string
		rows     string
		ctx      layout.Context
		mode     layout.Mode
		want     []string // nil: no table found
		describe string
	}{
		{
			name: "a long table is not drawn by hand",
			rows: "Member State|Partner|Area|Type of support\nAustria|Serbia|Asylum|Equipment\nAustria|Albania|Return|Expert assistance",
		},
		{
			name: "instructions are no table",
			rows: "How to fill in this questionnaire\nOne row per activity",
		},
		{
			name: "tick boxes for the types, a state column, every mark and a count",
			rows: "Member State|Partner|Area|Financial assistance|Expert assistance|Equipment\n" +
				"Austria|Serbia|Asylum|X|☐|✓\n" +
				"Austria|Albania|Return|no|2|\n" +
				"Belgium|||\n" +
				"Croatia|Serbia|Reception|0|yes|Equipment",
			want: []string{"Austria/Serbia/Asylum/Financial assistance@D2", "Austria/Serbia/Asylum/Equipment@F2",
				"Austria/Albania/Return/Expert assistance@E3", "Austria/Albania/Return/Expert assistance@E3",
				"Belgium///@A4", "Croatia/Serbia/Reception/Expert assistance@E5", "Croatia/Serbia/Reception/Equipment@F5"},
			describe: "ticks: one column per type of support (header in row 1)",
		},
		{
			name:     "tick boxes for the partners, the state from the sheet's name",
			rows:     "Area|Type of support|Albania|Serbia|Kosovo*\nAsylum|Equipment|x||✔\nReturn|Expert assistance||☒|",
			ctx:      layout.Context{Sheet: "Austria", File: "replies.xlsx"},
			want:     []string{"Austria/Albania/Asylum/Equipment@C2", "Austria/Kosovo*/Asylum/Equipment@E2", "Austria/Serbia/Return/Expert assistance@D3"},
			describe: `ticks: one column per partner, Member State from the sheet name "Austria" (header in row 1)`,
		},
		{
			name: "a grid per partner: areas x types, partner from the sheet, state from the file",
			rows: "|Financial assistance|Expert assistance|Equipment\nAsylum|1||X\nBorder management||3|\nTotal|1|3|1",
			ctx:  layout.Context{Sheet: "Serbia", File: "replies/AT-reply.xlsx"},
			want: []string{"Austria/Serbia/Asylum/Financial assistance@B2", "Austria/Serbia/Asylum/Equipment@D2",
				"Austria/Serbia/Border management/Expert assistance@C3", "Austria/Serbia/Border management/Expert assistance@C3",
				"Austria/Serbia/Border management/Expert assistance@C3"},
			describe: `grid: areas x types of support, Member State from the file name "AT-reply.xlsx", partner from the sheet name "Serbia" (header in row 1)`,
		},
		{
			name: "a grid per state: areas x partners, types listed in the cells, state from a title",
			rows: "Reply of Austria\n\nArea \\ partner|Albania|Serbia\nAsylum|Equipment; Expert assistance; Equipment|Financial assistance (2)\nReturn||2 x Equipment¶Expert",
			ctx:  layout.Context{Sheet: "Sheet1", File: "compiled.xlsx"},
			want: []string{"Austria/Albania/Asylum/Equipment@B4", "Austria/Albania/Asylum/Expert assistance@B4",
				"Austria/Serbia/Asylum/Financial assistance@C4", "Austria/Serbia/Asylum/Financial assistance@C4",
				"Austria/Serbia/Return/Equipment@C5", "Austria/Serbia/Return/Equipment@C5", "Austria/Serbia/Return/Expert assistance@C5"},
			describe: `grid: areas x partners, types of support listed in the cells, Member State from the title "Reply of Austria" (A1) (header in row 3)`,
		},
		{
			name:     "a Word table: the state from the heading before it",
			rows:     "Area|Financial assistance|Expert assistance\nAsylum|X|",
			ctx:      layout.Context{Caption: "Reply of Croatia on Serbia", File: "reply.docx"},
			want:     []string{"Croatia/Serbia/Asylum/Financial assistance@B2"},
			describe: `grid: areas x types of support, Member State from the heading "Reply of Croatia on Serbia", partner from the heading "Reply of Croatia on Serbia" (header in row 1)`,
		},
		{
			name: "a title comes before the sheet's name, which comes before the file's",
			rows: "Reply of Austria\n|Financial assistance|Expert assistance\nAsylum|X|",
			ctx:  layout.Context{Sheet: "Germany - Serbia", File: "FR-reply.xlsx"},
			want: []string{"Austria/Serbia/Asylum/Financial assistance@B3"},
		},
		{
			name: "a title naming two states names none: the sheet's name does",
			rows: "Replies of Austria and Germany\n|Financial assistance|Expert assistance\nAsylum|X|",
			ctx:  layout.Context{Sheet: "Germany - Serbia"},
			want: []string{"Germany/Serbia/Asylum/Financial assistance@B3"},
		},
		{
			name:     "the partner from the corner cell above the row labels",
			rows:     "Serbia|Financial assistance|Expert assistance\nAsylum|X|",
			ctx:      layout.Context{File: "Austria.xlsx"},
			want:     []string{"Austria/Serbia/Asylum/Financial assistance@B2"},
			describe: `grid: areas x types of support, Member State from the file name "Austria.xlsx", partner from the corner cell "Serbia" (A1) (header in row 1)`,
		},
		{
			name: "a code counts only in capitals: 'it' is not Italy",
			rows: "|Financial assistance|Expert assistance\nAsylum|X|",
			ctx:  layout.Context{Sheet: "Serbia", File: "it is ours - AT.xlsx"},
			want: []string{"Austria/Serbia/Asylum/Financial assistance@B2"},
		},
		{
			name: "a two-row header, titles merged over the tick columns",
			rows: "Member State|Partner|Area|Type of support|Type of support\nMember State|Partner|Area|Equipment|Expert assistance\nAustria|Serbia|Asylum|X|",
			want: []string{"Austria/Serbia/Asylum/Equipment@D3"},
		},
		{
			name: "an empty grid: nothing, the state replied",
			rows: "|Financial assistance|Expert assistance\nAsylum||\nReturn|☐|no",
			ctx:  layout.Context{Sheet: "Serbia", File: "Austria.xlsx"},
			want: []string{},
		},
		{
			name: "a note under a grid is not a row",
			rows: "|Financial assistance|Expert assistance\nAsylum|X|\n\nSource: ministry of the interior||",
			ctx:  layout.Context{Sheet: "Serbia", File: "Austria.xlsx"},
			want: []string{"Austria/Serbia/Asylum/Financial assistance@B2"},
		},
		{
			name: "forced: a long header is read as ticks",
			rows: "Member State|Partner|Area|Equipment|Expert assistance\nAustria|Serbia|Asylum|X|",
			mode: layout.Ticks,
			want: []string{"Austria/Serbia/Asylum/Equipment@D2"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mode := tc.mode
			tab, err := layout.Detect(table(tc.rows), survey.Builtin(), tc.ctx, mode)
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == nil {
				if tab != nil {
					t.Fatalf("found a table: %s", tab.Describe)
				}
				return
			}
			if tab == nil {
				t.Fatal("no table found")
			}
			if len(tab.Problems) > 0 {
				t.Fatalf("problems: %+v", tab.Problems)
			}
			got := activities(tab)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("records\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if tc.describe != "" && tab.Describe != tc.describe {
				t.Errorf("described as\n%s\nwant\n%s", tab.Describe, tc.describe)
			}
		})
	}
}

// TestOpenRespondents: without a list of respondents (the Central Asia survey's donors), the
// file's whole name is the respondent of a grid, as in the long layout.
func TestOpenRespondents(t *testing.T) {
	s := survey.Builtin()
	s.Columns[survey.State].Values = nil
	tab, err := layout.Detect(table("|Financial assistance|Expert assistance\nAsylum|X|"), s, layout.Context{Sheet: "Serbia", File: "in/EU (BOMCA).xlsx"}, layout.Auto)
	if err != nil || tab == nil {
		t.Fatalf("%v %+v", err, tab)
	}
	if got := activities(tab); len(got) != 1 || got[0] != "EU (BOMCA)/Serbia/Asylum/Financial assistance@B2" {
		t.Errorf("records %q", got)
	}
}

// TestRecordsKeepTheirCells checks that every cell of a record points at the cell it came from:
// row labels at their cell, the value across at its header, the context's values nowhere.
func TestRecordsKeepTheirCells(t *testing.T) {
	tab, err := layout.Detect(table("Reply of Austria\n|Albania|Serbia\nAsylum||Equipment; Experts"), survey.Builtin(), layout.Context{}, layout.Auto)
	if err != nil || tab == nil || len(tab.Records) != 2 {
		t.Fatalf("%v %+v", err, tab)
	}
	r := tab.Records[1]
	want := [4]layout.Cell{{}, {Row: 2, Col: 3}, {Row: 3, Col: 1}, {Row: 3, Col: 3}}
	if r.From != want || r.At != (layout.Cell{Row: 3, Col: 3}) {
		t.Errorf("from %v at %v, want %v at C3", r.From, r.At, want)
	}
	if r.Text[survey.Type] != "Expert assistance" || r.Text[survey.Area] != "Asylum" {
		t.Errorf("text %q", r.Text)
	}
}

// TestBadShapes: each shape that cannot be read gives one error or problem, at its cell.
func TestBadShapes(t *testing.T) {
	serbia := layout.Context{Sheet: "Serbia", File: "Austria.xlsx"}
	for _, tc := range []struct {
		name    string
		rows    string
		ctx     layout.Context
		mode    layout.Mode
		at      layout.Cell
		message string // a part of the message; "unknown area X" for an unknown label
		table   bool   // the rest of the table is read (a problem, not an error)
	}{
		{
			name: "a grid with an unknown row label", rows: "|Financial assistance|Expert assistance\nAsylm|X|2\nReturn|X|",
			ctx: serbia, at: layout.Cell{Row: 2, Col: 1}, message: `unknown area "Asylm"`, table: true,
		},
		{
			name: "a tick in a column with no title", rows: "|Financial assistance|Expert assistance|\nAsylum|X||X",
			ctx: serbia, at: layout.Cell{Row: 2, Col: 4}, message: "a mark in column D, which has no title in row 1", table: true,
		},
		{
			name: "ticks under a title that is no type", rows: "|Financial assistance|Expert assistance|Equipmnt\nAsylum|X||X",
			ctx: serbia, at: layout.Cell{Row: 1, Col: 4}, message: `column D is titled "Equipmnt", which is not a type of support (did you mean "Equipment"?), but holds marks (D2)`, table: true,
		},
		{
			name: "a cell that is no mark", rows: "|Financial assistance|Expert assistance\nAsylum|maybe|",
			ctx: serbia, at: layout.Cell{Row: 2, Col: 2}, message: `"maybe" is not a mark (X, ✓, yes), a count (2) or empty: write a mark for one activity, a count for several, or leave the cell empty`, table: true,
		},
		{
			name: "a count too large (a year)", rows: "|Financial assistance|Expert assistance\nAsylum|2018|",
			ctx: serbia, at: layout.Cell{Row: 2, Col: 2}, message: `"2018" is more activities than a cell may stand for (at most 100)`, table: true,
		},
		{
			name: "a mark where the cells list the types", rows: "Reply of Austria\n|Albania|Serbia\nAsylum|X|",
			at: layout.Cell{Row: 3, Col: 2}, message: `"X" is a mark, but the table does not say which type of support`, table: true,
		},
		{
			name: "an unknown type listed in a cell", rows: "Reply of Austria\n|Albania|Serbia\nAsylum|Equipmen|",
			at: layout.Cell{Row: 3, Col: 2}, message: `unknown type of support "Equipmen" in the cell (did you mean "Equipment"?)`, table: true,
		},
		{
			name: "a tick-box row that ticks nothing", rows: "Member State|Partner|Area|Financial assistance|Expert assistance\nAustria|Serbia|Asylum||",
			at: layout.Cell{Row: 2}, message: "the row ticks no type of support (columns D and E)", table: true,
		},
		{
			name: "a second header row", rows: "|Financial assistance|Expert assistance\nAsylum|X|\n|Financial assistance|Expert assistance\nReturn||X",
			ctx: serbia, at: layout.Cell{Row: 3}, message: "a second header row (the header is row 1)", table: true,
		},
		{
			name: "a second partner's grid under the first", rows: "|Financial assistance|Expert assistance\nAsylum|X|\nAlbania||\nAsylum||X",
			ctx: serbia, at: layout.Cell{Row: 3, Col: 1}, message: `"Albania" names partner Albania inside a table that the sheet name "Serbia" gives as Serbia`, table: true,
		},
		{
			name: "no state anywhere", rows: "|Financial assistance|Expert assistance\nAsylum|X|",
			ctx: layout.Context{Sheet: "Serbia", File: "reply.xlsx"}, at: layout.Cell{Row: 1}, message: "does not say which Member State it is about",
		},
		{
			name: "neither the partner nor the area", rows: "Financial assistance|Expert assistance\nX|",
			ctx: layout.Context{File: "Austria.xlsx"}, at: layout.Cell{Row: 1}, message: "does not say which partner and area it is about",
		},
		{
			name: "one type in two columns", rows: "|Financial assistance|Expert assistance|Funding\nAsylum|X||",
			ctx: serbia, at: layout.Cell{Row: 1, Col: 4}, message: `columns B and D both stand for type of support "Financial assistance"`,
		},
		{
			name: "a type column beside the type columns", rows: "Area|Type of support|Financial assistance|Expert assistance\nAsylum|Equipment|X|",
			ctx: serbia, at: layout.Cell{Row: 1, Col: 2}, message: `column B is titled "Type of support", but the types of support are the columns C and D`,
		},
		{
			name: "forced on a sheet with no such table", rows: "How to fill in this questionnaire", mode: layout.Grid,
			message: "expected a grid table: a header row, in the first 20 rows, that names two or more types of support, partners, areas or Member States across the top",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := layout.Detect(table(tc.rows), survey.Builtin(), tc.ctx, tc.mode)
			var le *layout.Error
			switch {
			case tc.table && err != nil:
				t.Fatalf("error %v, want a table with a problem", err)
			case tc.table:
				if tab == nil || len(tab.Problems) != 1 {
					t.Fatalf("want one problem, got %+v", tab)
				}
				p := tab.Problems[0]
				msg := p.Message
				if p.Unknown != nil {
					msg = fmt.Sprintf("unknown %s %q", survey.Builtin().Dim(p.Unknown.Key).Noun, p.Unknown.Label)
				}
				if p.At != tc.at || !strings.Contains(msg, tc.message) {
					t.Errorf("problem at %v: %s\nwant at %v: %s", p.At, msg, tc.at, tc.message)
				}
			case !errors.As(err, &le):
				t.Fatalf("want an error, got %v and %+v", err, tab)
			case le.At != tc.at || !strings.Contains(le.Message, tc.message):
				t.Errorf("error at %v: %s\nwant at %v: %s", le.At, le.Message, tc.at, tc.message)
			}
		})
	}
}

// TestFormulaWithNoValue: a count computed by a formula that was never saved is no empty box.
func TestFormulaWithNoValue(t *testing.T) {
	rows := table("|Financial assistance|Expert assistance\nAsylum|X|")
	rows[1].NoValue = []int{3}
	tab, err := layout.Detect(rows, survey.Builtin(), layout.Context{Sheet: "Serbia", File: "Austria.xlsx"}, layout.Auto)
	if err != nil || len(tab.Problems) != 1 || tab.Problems[0].At != (layout.Cell{Row: 2, Col: 3}) || len(tab.Records) != 0 {
		t.Fatalf("%v %+v", err, tab)
	}
}

// TestRowWithProblemGivesNothing: a row with a cell that cannot be read gives no activity at
// all, as in the long layout, so that --skip-invalid leaves no trace of it.
func TestRowWithProblemGivesNothing(t *testing.T) {
	tab, err := layout.Detect(table("|Financial assistance|Expert assistance\nAsylum|X|maybe\nReturn|X|"), survey.Builtin(),
		layout.Context{Sheet: "Serbia", File: "Austria.xlsx"}, layout.Auto)
	if err != nil {
		t.Fatal(err)
	}
	if got := activities(tab); len(got) != 1 || got[0] != "Austria/Serbia/Return/Financial assistance@B3" {
		t.Errorf("records %q", got)
	}
}

func TestKeyAndContent(t *testing.T) {
	s := survey.Builtin()
	read := func(rows string, ctx layout.Context) *layout.Table {
		tab, err := layout.Detect(table(rows), s, ctx, layout.Auto)
		if err != nil || tab == nil {
			t.Fatalf("%v", err)
		}
		return tab
	}
	a := read("|Financial assistance|Expert assistance\nAsylum|X|", layout.Context{Sheet: "Serbia", File: "AT.xlsx"})
	b := read("|Expert assistance|Financial assistance\nAsylum||x", layout.Context{Sheet: "Republic of Serbia", File: "Austria.xlsx"})
	c := read("|Financial assistance|Expert assistance\nAsylum|2|", layout.Context{Sheet: "Serbia", File: "Austria.xlsx"})
	if a.Key(s) != "Austria, partner Serbia" || a.Key(s) != b.Key(s) {
		t.Errorf("keys %q, %q", a.Key(s), b.Key(s))
	}
	if a.Content() != b.Content() || a.Content() == c.Content() {
		t.Errorf("content\n%s\n%s\n%s", a.Content(), b.Content(), c.Content())
	}
	ticks := read("Member State|Partner|Area|Equipment|Financial assistance\nAustria|Serbia|Asylum|X|", layout.Context{})
	if ticks.Key(s) != "" {
		t.Errorf("a table with a state column is no one reply: key %q", ticks.Key(s))
	}
}

func TestParseMode(t *testing.T) {
	for _, name := range layout.Modes {
		m, ok := layout.ParseMode(name)
		if !ok || m.String() != name {
			t.Errorf("%s: %v %v", name, m, ok)
		}
	}
	if _, ok := layout.ParseMode("wide"); ok {
		t.Error("wide parsed")
	}
}

// TestDetectAll reads tables one under another, each named by the title above its header; a
// row of marks written as the values' own names is no second header.
func TestDetectAll(t *testing.T) {
	s := survey.Builtin()
	for _, tc := range []struct {
		name string
		rows string
		ctx  layout.Context
		want [][]string
	}{
		{
			name: "two partners' grids on one sheet",
			rows: "Serbia\n|Financial assistance|Expert assistance\nAsylum|X|\nReturn||2\n\nAlbania\n\n|Financial assistance|Expert assistance\nAsylum||X",
			ctx:  layout.Context{Sheet: "Sheet1", File: "Austria.xlsx"},
			want: [][]string{
				{"Austria/Serbia/Asylum/Financial assistance@B3", "Austria/Serbia/Return/Expert assistance@C4", "Austria/Serbia/Return/Expert assistance@C4"},
				{"Austria/Albania/Asylum/Expert assistance@C9"},
			},
		},
		{
			name: "a row label with no marks is no title",
			rows: "Serbia\n|Financial assistance|Expert assistance\nAsylum|X|\nReturn||\nAlbania\n|Financial assistance|Expert assistance\nReturn||X",
			ctx:  layout.Context{File: "Austria.xlsx"},
			want: [][]string{
				{"Austria/Serbia/Asylum/Financial assistance@B3"},
				{"Austria/Albania/Return/Expert assistance@C7"},
			},
		},
		{
			name: "marks written as the values' own names",
			rows: "Member State|Partner|Area|Financial assistance|Expert assistance\nCroatia|Serbia|Return|Financial assistance|Expert assistance",
			want: [][]string{{"Croatia/Serbia/Return/Financial assistance@D2", "Croatia/Serbia/Return/Expert assistance@E2"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tabs, err := layout.DetectAll(table(tc.rows), s, tc.ctx, layout.Auto)
			if err != nil {
				t.Fatal(err)
			}
			var got [][]string
			for _, tab := range tabs {
				if len(tab.Problems) > 0 {
					t.Errorf("problems %+v", tab.Problems)
				}
				got = append(got, activities(tab))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("tables\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}
