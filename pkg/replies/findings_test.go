package replies_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/workbook"
)

var header = []string{"Member State", "Partner", "Area", "Type of support", "Description"}

// xlsx writes a workbook of the given sheets into a fresh folder and returns the folder and the
// workbook's path.
func xlsx(t *testing.T, sheets ...workbook.Sheet) (string, string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "w.xlsx")
	if err := workbook.Write(path, sheets); err != nil {
		t.Fatal(err)
	}
	return dir, path
}

func TestMergedStateCellsAreReadOverTheirRange(t *testing.T) {
	dir, path := xlsx(t, workbook.Sheet{Name: "Replies", Merges: []string{"A2:A4"}, Rows: [][]string{
		header,
		{"Austria", "Serbia", "Asylum", "Expert", "a"},
		{"", "Albania", "Return", "Expert", "b"},
		{"", "Montenegro", "Return", "Equipment", "c"},
		{"Germany", "Serbia", "Asylum", "Expert", "d"},
	}})
	ds := read(t, replies.Options{}, path)
	if len(ds.Findings) > 0 {
		t.Fatalf("findings %q", messages(dir, ds.Findings))
	}
	var states []string
	for _, a := range ds.Activities {
		states = append(states, a.State)
	}
	if want := []string{"Austria", "Austria", "Austria", "Germany"}; !reflect.DeepEqual(states, want) {
		t.Errorf("states %v, want %v", states, want)
	}
}

func TestBlankStateUnderAFilledOneNeedsFillDown(t *testing.T) {
	rows := [][]string{
		header,
		{"Austria", "Serbia", "Asylum", "Expert", "a"},
		{"", "Albania", "Return", "Expert", "b"},
		{"Germany", "Serbia", "Asylum", "Expert", "c"},
		{"", "Serbia", "Return", "Expert", "d"},
	}
	dir, path := xlsx(t, workbook.Sheet{Name: "Replies", Rows: rows})
	ds := read(t, replies.Options{}, path)
	want := []string{
		`w.xlsx: Replies!A3: missing Member State: the cell is empty under "Austria" (row 2); fill it in, or give --fill-down to repeat the Member State above`,
		`w.xlsx: Replies!A5: missing Member State: the cell is empty under "Germany" (row 4); fill it in, or give --fill-down to repeat the Member State above`,
	}
	if got := messages(dir, ds.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	ds = read(t, replies.Options{FillDown: true}, path)
	if len(ds.Findings) > 0 || len(ds.Activities) != 4 || ds.Activities[1].State != "Austria" || ds.Activities[3].State != "Germany" {
		t.Errorf("--fill-down: findings %q, activities %+v", messages(dir, ds.Findings), ds.Activities)
	}
}

// A sheet that names the state on every row has forgotten a cell: --fill-down would credit the
// row to the state above it, so the error asks for that row's state instead. --fill-down is
// suggested where the layout names each state once over its rows (TestBlankStateUnderAFilledOneNeedsFillDown).
func TestBlankStateInASheetThatNamesEveryRowAsksForThatRow(t *testing.T) {
	forgot := func(row, above int) string {
		return fmt.Sprintf(`w.xlsx: Replies!A%d: missing Member State: fill in the Member State that reports this row; the sheet names one on every row, so the one above ("Austria", row %d) may not be it`, row, above)
	}
	for _, tc := range []struct {
		name string
		rows [][]string
		want []string
	}{
		{"repeated above", [][]string{header,
			{"Austria", "Serbia", "Asylum", "Expert", "a"},
			{"Austria", "Albania", "Return", "Expert", "b"},
			{"", "Serbia", "Return", "Expert", "c"},
			{"Germany", "Serbia", "Asylum", "Expert", "d"},
		}, []string{forgot(4, 3)}},
		{"the same state below", [][]string{header,
			{"Germany", "Serbia", "Asylum", "Expert", "a"},
			{"Austria", "Albania", "Return", "Expert", "b"},
			{"", "Serbia", "Return", "Expert", "c"},
			{"", "Serbia", "Asylum", "Expert", "d"},
			{"Austria", "Serbia", "Asylum", "Equipment", "e"},
		}, []string{forgot(4, 3), forgot(5, 3)}},
		{"at the end of a sheet that repeats", [][]string{header,
			{"Austria", "Serbia", "Asylum", "Expert", "a"},
			{"Austria", "Albania", "Return", "Expert", "b"},
			{"", "Serbia", "Return", "Expert", "c"},
		}, []string{forgot(4, 3)}},
		{"named once over its rows", [][]string{header,
			{"Austria", "Serbia", "Asylum", "Expert", "a"},
			{"", "Albania", "Return", "Expert", "b"},
			{"Germany", "Serbia", "Asylum", "Expert", "c"},
		}, []string{`w.xlsx: Replies!A3: missing Member State: the cell is empty under "Austria" (row 2); fill it in, or give --fill-down to repeat the Member State above`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, path := xlsx(t, workbook.Sheet{Name: "Replies", Rows: tc.rows})
			ds := read(t, replies.Options{}, path)
			if got := messages(dir, ds.Findings); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// Hidden rows are data: counted, and warned. A hidden sheet of replies is a working sheet (last
// round's copy, a pivot's source) when a visible sheet holds the replies: left out with a note,
// unless --hidden-sheets asks for it; when no visible sheet holds replies, it is the reply.
func TestHiddenRowsAndSheetsThatHoldDataAreCountedAndWarned(t *testing.T) {
	replySheet := workbook.Sheet{Name: "Replies", HiddenRows: []int{3, 4, 6}, Rows: [][]string{
		header,
		{"Austria", "Serbia", "Asylum", "Expert", "a"},
		{"Austria", "Serbia", "Return", "Expert", "b"},
		{"Austria", "Serbia", "Integration", "Expert", "c"},
		{"Austria", "Albania", "Asylum", "Expert", "d"},
		{"Austria", "Albania", "Return", "Expert", "e"},
	}}
	oldRound := workbook.Sheet{Name: "Old round", Hidden: true, Rows: [][]string{header, {"Germany", "Serbia", "Asylum", "Expert", "f"}}}
	lists := workbook.Sheet{Name: "Lists", Hidden: true, Rows: [][]string{{"Albania"}, {"Serbia"}}}
	// The first sheet is the one a workbook opens on: it cannot be hidden.
	about := workbook.Sheet{Name: "About", Rows: [][]string{{"Replies to the questionnaire"}}}
	aboutNote := "w.xlsx: About: skipped: no header row of replies in its first rows"
	hiddenRows := "w.xlsx: Replies: rows 3-4 and 6 are hidden but hold data: they are counted; delete them if they should not be"
	for _, tc := range []struct {
		name       string
		sheets     []workbook.Sheet
		opts       replies.Options
		want       []string
		activities int
	}{
		{"a hidden sheet beside a visible one is left out", []workbook.Sheet{about, oldRound, replySheet, lists}, replies.Options{}, []string{
			aboutNote,
			"w.xlsx: Old round: skipped: the sheet is hidden and a visible sheet holds the replies; give --hidden-sheets to count its rows too",
			hiddenRows,
			"w.xlsx: Lists: skipped: no header row of replies in its first rows",
		}, 5},
		{"--hidden-sheets reads it", []workbook.Sheet{replySheet, oldRound, lists}, replies.Options{HiddenSheets: true}, []string{
			hiddenRows,
			"w.xlsx: Old round: the sheet is hidden but holds replies: they are counted; delete the sheet if they should not be",
			"w.xlsx: Lists: skipped: no header row of replies in its first rows",
		}, 6},
		{"--sheet reads it", []workbook.Sheet{replySheet, oldRound, lists}, replies.Options{Sheet: "Old round"}, []string{
			"w.xlsx: Old round: the sheet is hidden but holds replies: they are counted; delete the sheet if they should not be",
		}, 1},
		{"a hidden sheet alone holds the replies", []workbook.Sheet{about, lists, oldRound}, replies.Options{}, []string{
			aboutNote,
			"w.xlsx: Lists: skipped: no header row of replies in its first rows",
			"w.xlsx: Old round: the sheet is hidden but holds replies: they are counted, as no visible sheet holds any; delete the sheet if they should not be",
		}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, path := xlsx(t, tc.sheets...)
			ds := read(t, tc.opts, path)
			if got := messages(dir, ds.Findings); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if len(ds.Activities) != tc.activities {
				t.Errorf("%d activities, want %d", len(ds.Activities), tc.activities)
			}
		})
	}
}

func TestFormulasWithoutAStoredValueInKeyColumnsAreErrors(t *testing.T) {
	dir, path := xlsx(t, workbook.Sheet{Name: "Replies",
		Formulas: map[string]string{"B2": `"Ser"&"bia"`, "E3": `"desc"&"ription"`},
		Rows: [][]string{
			header,
			{"Austria", "", "Asylum", "Expert", "a"},
			{"Austria", "Serbia", "Return", "Expert", ""},
		}})
	ds := read(t, replies.Options{}, path)
	want := []string{
		"w.xlsx: Replies: 2 cells hold a formula: the value each computed when the file was last saved is used; check them",
		"w.xlsx: Replies!B2: the cell holds a formula with no stored value: open the file in Excel or LibreOffice and save it, or type the value in",
	}
	// The formula in B2 leaves the partner empty too; that is not reported a second time.
	if got := messages(dir, ds.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%s\nwant first\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(ds.Activities) != 1 {
		t.Errorf("%d activities, want 1 (the row with a formula in a description counts)", len(ds.Activities))
	}
}

func TestDuplicateActivitiesAreWarned(t *testing.T) {
	dir, path := xlsx(t, workbook.Sheet{Name: "Replies", Rows: [][]string{
		header,
		{"Austria", "Serbia", "Asylum", "Expert", "Study visit"},
		{"Austria", "Serbia", "Asylum", "Expert", "Study visit "}, // same, but for a space
		{"Austria", "Serbia", "Asylum", "Expert", "Workshop"},
		{"AT", "Serbia", "Asylum", "Experts", "study visit"},
		{"Austria", "Serbia", "Asylum", "Expert", ""}, // no description: not comparable
		{"Austria", "Serbia", "Asylum", "Expert", ""},
	}})
	ds := read(t, replies.Options{}, path)
	dup := "the same activity as row 2 (same Member State, partner, area, type of support and description): delete one if it was entered twice"
	want := []string{"w.xlsx: Replies row 3: " + dup, "w.xlsx: Replies row 5: " + dup}
	if got := messages(dir, ds.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(ds.Activities) != 6 {
		t.Errorf("%d activities, want 6: warnings do not drop rows", len(ds.Activities))
	}
}

func TestStatesInSeveralFilesAndNilRepliesWithActivitiesAreWarned(t *testing.T) {
	dir := write(t, map[string]string{
		"a.csv": "State,Partner,Area,Type\nAustria,Serbia,Asylum,Expert\nBelgium,,,\n",
		"b.csv": "State,Partner,Area,Type\nAustria,,,\nGermany,Serbia,Asylum,Expert\n",
		"c.csv": "State,Partner,Area,Type\nAT,Albania,Return,Expert\n",
	})
	ds := read(t, replies.Options{}, filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv"), filepath.Join(dir, "c.csv"))
	want := []string{
		"b.csv: row 2: Austria also has rows in a.csv: check that its reply is not included twice",
		"b.csv: row 2: Austria reports no activity here but has activities elsewhere: delete this row if the activities stand",
		"c.csv: row 2: Austria also has rows in a.csv, b.csv: check that its reply is not included twice",
	}
	if got := messages(dir, ds.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestHXLHashtagRowsIdentifyColumns(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows [][]string
	}{
		{"hashtags under titles", [][]string{
			{"Organisation", "Country", "Sector", "Modality", "Description"},
			{"#org+name", "#country", "#sector", "#activity+type", "#description"},
			{"Austria", "Serbia", "Asylum", "Expert", "a"},
		}},
		{"hashtags only", [][]string{
			{"#country", "#org", "#activity+type+code", "#sector"},
			{"Serbia", "Austria", "Expert", "Asylum"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, path := xlsx(t, workbook.Sheet{Name: "3W", Rows: tc.rows})
			ds := read(t, replies.Options{}, path)
			if len(ds.Findings) > 0 || len(ds.Activities) != 1 {
				t.Fatalf("findings %q, %d activities", messages(dir, ds.Findings), len(ds.Activities))
			}
			if a := activities(ds)[0]; a != (triple{"Austria", "Serbia", "Asylum", "Expert assistance"}) {
				t.Errorf("activity %v", a)
			}
		})
	}
}

func TestRowsWithErrorsGiveNeitherActivitiesNorRespondents(t *testing.T) {
	dir := write(t, map[string]string{"r.csv": "State,Partner,Area,Type\n" +
		"Austria,Serbia,Asylum,Expert\n" +
		"Germany,Serbia,Asylumm,Expert\n" + // Germany only appears in a bad row
		"France,none,Asylum,\n" + // a contradictory nil reply
		"Austria,Serbia,Return,Expertt\n",
	})
	ds := read(t, replies.Options{}, filepath.Join(dir, "r.csv"))
	if !reflect.DeepEqual(ds.Respondents, []string{"Austria"}) || len(ds.Activities) != 1 {
		t.Errorf("respondents %v, %d activities; want only Austria's one good row", ds.Respondents, len(ds.Activities))
	}
	var rows []int
	for _, p := range ds.InvalidRows() {
		rows = append(rows, p.Row)
	}
	if !reflect.DeepEqual(rows, []int{3, 4, 5}) || len(ds.Fatal()) != 0 {
		t.Errorf("invalid rows %v, fatal %v", rows, ds.Fatal())
	}
}

func TestFileAndHeaderErrorsAreFatal(t *testing.T) {
	dir := write(t, map[string]string{"r.csv": "State,Partner,Area\nAustria,Serbia,Asylum\n"})
	ds := read(t, replies.Options{}, filepath.Join(dir, "r.csv"), filepath.Join(dir, "missing.csv"))
	if len(ds.Fatal()) != 2 || len(ds.InvalidRows()) != 0 {
		t.Errorf("fatal %q, invalid rows %v", messages(dir, ds.Fatal()), ds.InvalidRows())
	}
}

func TestPasswordProtectedWorkbooks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "secret.xlsx")
	f := excelize.NewFile()
	for i, row := range [][]string{{"Member State", "Partner", "Area", "Type of support"}, {"Austria", "Serbia", "Asylum", "Expert"}} {
		for j, v := range row {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue("Sheet1", ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path, excelize.Options{Password: "LIMITE"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		password, want string
		activities     int
	}{
		{"", "secret.xlsx: the workbook is protected by a password; give the password with --password, or save it as .xlsx without a password", 0},
		{"wrong", "secret.xlsx: the password does not open the workbook; check the password given with --password", 0},
		{"LIMITE", "", 1},
	} {
		ds := read(t, replies.Options{Password: tc.password}, path)
		got := strings.Join(messages(dir, ds.Findings), "\n")
		if got != tc.want || len(ds.Activities) != tc.activities {
			t.Errorf("password %q: findings %q, %d activities; want %q, %d", tc.password, got, len(ds.Activities), tc.want, tc.activities)
		}
	}
}

func TestLongCellsAreShortenedInMessages(t *testing.T) {
	long := strings.Repeat("Border management and much more ", 1000) // 32,000 characters, under a cell's limit
	dir := write(t, map[string]string{"r.csv": "State,Partner,Area,Type\nAustria,Serbia,\"" + long + "\",Expert\n"})
	ds := read(t, replies.Options{}, filepath.Join(dir, "r.csv"))
	msgs := messages(dir, ds.Findings)
	if len(msgs) != 1 || len(msgs[0]) > 500 || !strings.Contains(msgs[0], "... (31999 characters)") {
		t.Errorf("message %.400q", msgs)
	}
}

// A workbook saved by LibreOffice stores each formula's computed value: it is read, and the
// formulas are pointed out once.
func TestFormulasWithStoredValuesAreRead(t *testing.T) {
	dir := "../../testdata/workbooks"
	ds := read(t, replies.Options{}, dir+"/formulas-libreoffice.xlsx")
	want := []string{"formulas-libreoffice.xlsx: Replies: 3 cells hold a formula: the value each computed when the file was last saved is used; check them"}
	if got := messages(dir, ds.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
	if got := activities(ds); !reflect.DeepEqual(got, []triple{
		{"Austria", "Serbia", "Asylum", "Expert assistance"}, {"Austria", "Albania", "Return", "Expert assistance"},
	}) {
		t.Errorf("activities %v", got)
	}
}

func TestThousandsOfColumns(t *testing.T) {
	// The header sits far to the right, behind thousands of empty or foreign columns.
	cols := make([]string, 5000)
	for i := range cols {
		cols[i] = fmt.Sprintf("Extra %d", i)
	}
	head := append(append([]string{}, cols...), "Member State", "Partner", "Area", "Type of support")
	row := append(make([]string, 5000), "Austria", "Serbia", "Asylum", "Expert")
	dir := write(t, map[string]string{"wide.csv": strings.Join(head, ",") + "\n" + strings.Join(row, ",") + "\n"})
	ds := read(t, replies.Options{}, filepath.Join(dir, "wide.csv"))
	if len(ds.Findings) > 0 || len(ds.Activities) != 1 {
		t.Fatalf("findings %q, %d activities", messages(dir, ds.Findings), len(ds.Activities))
	}
	if p := ds.Activities[0].Pos; p.Row != 2 {
		t.Errorf("position %+v", p)
	}
	bad := append(make([]string, 5000), "Austria", "Serbia", "Asylumm", "Expert")
	dir = write(t, map[string]string{"wide.csv": strings.Join(head, ",") + "\n" + strings.Join(bad, ",") + "\n"})
	ds = read(t, replies.Options{}, filepath.Join(dir, "wide.csv"))
	if got := messages(dir, ds.Findings); len(got) != 1 || !strings.HasPrefix(got[0], "wide.csv: GJK2: unknown area") {
		t.Errorf("findings %q: want the area cell named by its column letters", got)
	}
}

// A file wrong on every row keeps the first errors with their messages and counts the rest, so
// that memory stays bounded; the count of rows is still exact.
func TestErrorsPastTheLimitAreCounted(t *testing.T) {
	var b strings.Builder
	b.WriteString("State,Partner,Area,Type\n")
	n := replies.MaxRowErrors + 250
	for range n {
		b.WriteString("Austria,Serbia,Visa,Expert\n")
	}
	dir := write(t, map[string]string{"r.csv": b.String()})
	ds := read(t, replies.Options{}, filepath.Join(dir, "r.csv"))
	if got := len(ds.Errors()); got != replies.MaxRowErrors {
		t.Errorf("%d errors kept, want %d", got, replies.MaxRowErrors)
	}
	if ds.MoreErrors != 250 || ds.MoreInvalidRows != 250 || len(ds.InvalidRows())+ds.MoreInvalidRows != n {
		t.Errorf("more errors %d, more rows %d, listed rows %d; want 250, 250 and %d in all", ds.MoreErrors, ds.MoreInvalidRows, len(ds.InvalidRows()), n)
	}
}

// A count asks the workbook reader for its key columns only (and the description while the
// duplicate check runs); a row whose only text is in another column is still a row with data,
// named in an error, and a row of spaces there is still blank: the findings and figures are those
// of the same replies read from CSV, where every column is read.
func TestColumnsLeftOutByACountStillTellRowsWithData(t *testing.T) {
	rows := [][]string{append(header, "Year", "Notes")}
	// The reader is told which columns are read once the header is found in the first rows.
	for i := range replies.HeaderScanRows {
		rows = append(rows, []string{"Austria", "Serbia", "Asylum", "Expert", fmt.Sprint("a", i), "2019", "x"})
	}
	rows = append(rows,
		[]string{"", "", "", "", "", "", "only a note"},
		[]string{"", "", "", "", "", "2020", ""},
		[]string{"", "", "", "", "", "", "   "},
		[]string{"", "", "", "", "", "", "\u00a0\u3000"}, // Unicode spaces: blank too
		[]string{"Germany", "Serbia", "Asylum", "Expert", "b", "", ""})
	dir, path := xlsx(t, workbook.Sheet{Name: "Replies", Rows: rows})
	var csv strings.Builder
	for _, r := range rows {
		csv.WriteString(strings.Join(r, ",") + "\n")
	}
	csvPath := filepath.Join(dir, "w.csv")
	if err := os.WriteFile(csvPath, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	counted := read(t, replies.Options{}, path)
	fromCSV := read(t, replies.Options{}, csvPath)
	rowsAndMessages := func(fs []replies.Finding) string {
		var out []string
		for _, f := range fs {
			out = append(out, fmt.Sprintf("row %d: %s", f.Pos.Row, f.Message))
		}
		return strings.Join(out, "\n")
	}
	got, want := rowsAndMessages(counted.Findings), rowsAndMessages(fromCSV.Findings)
	if got != want {
		t.Errorf("findings of the workbook:\n%s\nwant those of the CSV:\n%s", got, want)
	}
	for _, row := range []string{"row 22: the row has data", "row 23: the row has data"} {
		if !strings.Contains(got, row) {
			t.Errorf("%q: a row with text only outside the key columns is not named:\n%s", row, got)
		}
	}
	for _, blank := range []string{"row 24", "row 25"} {
		if strings.Contains(got, blank) {
			t.Errorf("a row of spaces is named:\n%s", got)
		}
	}
	if !reflect.DeepEqual(counted.PerState, []replies.StateSummary{
		{State: "Austria", Files: []string{filepath.ToSlash(path)}, Rows: replies.HeaderScanRows, Activities: replies.HeaderScanRows},
		{State: "Germany", Files: []string{filepath.ToSlash(path)}, Rows: 1, Activities: 1},
	}) {
		t.Errorf("per state %+v", counted.PerState)
	}
}

// A file whose state changes on every row, as a database export sorts it, gives the summaries,
// respondents, activities and warnings that the same rows grouped by state give: the parser keeps
// per-state counts by the state's index there, not by the last state seen.
func TestStatesChangingOnEveryRowAreCountedAsGrouped(t *testing.T) {
	interleaved := "State,Partner,Area,Type\n" +
		"Austria,Serbia,Asylum,Expert\n" +
		"Belgium,Albania,Return,Expert\n" +
		"AT,Serbia,Return,Equipment\n" +
		"Germany,none,,\n" +
		"Belgium,Serbia,Asylum,Expert\n" +
		"Austria,Montenegro,Asylum;Return,Expert\n"
	grouped := "State,Partner,Area,Type\n" +
		"Austria,Serbia,Asylum,Expert\n" +
		"AT,Serbia,Return,Equipment\n" +
		"Austria,Montenegro,Asylum;Return,Expert\n" +
		"Belgium,Albania,Return,Expert\n" +
		"Belgium,Serbia,Asylum,Expert\n" +
		"Germany,none,,\n"
	later := "State,Partner,Area,Type\nBelgium,Kosovo,Asylum,Expert\nAustria,Serbia,Asylum,Financial\n"
	dir := write(t, map[string]string{"i.csv": interleaved, "g.csv": grouped, "z.csv": later})
	type summary struct {
		State            string
		Files            int
		Rows, Activities int
	}
	summaries := func(first string) ([]summary, []string, []string, []triple) {
		ds := read(t, replies.Options{}, filepath.Join(dir, first), filepath.Join(dir, "z.csv"))
		var out []summary
		for _, s := range ds.PerState {
			out = append(out, summary{State: s.State, Files: len(s.Files), Rows: s.Rows, Activities: s.Activities})
		}
		var msgs []string
		for _, m := range messages(dir, ds.Findings) {
			msgs = append(msgs, strings.ReplaceAll(m, first, "FIRST"))
		}
		acts := activities(ds)
		slices.SortFunc(acts, func(a, b triple) int {
			return strings.Compare(a.State+a.Partner+a.Area+a.Type, b.State+b.Partner+b.Area+b.Type)
		})
		return out, msgs, ds.Respondents, acts
	}
	gotSum, gotMsgs, gotResp, gotActs := summaries("i.csv")
	wantSum, wantMsgs, wantResp, wantActs := summaries("g.csv")
	if !reflect.DeepEqual(gotResp, []string{"Austria", "Belgium", "Germany"}) || !reflect.DeepEqual(gotResp, wantResp) {
		t.Errorf("respondents, interleaved %v, grouped %v", gotResp, wantResp)
	}
	if len(gotActs) != 8 || !reflect.DeepEqual(gotActs, wantActs) {
		t.Errorf("activities, interleaved\n%v\ngrouped\n%v", gotActs, wantActs)
	}
	want := []summary{
		{State: "Austria", Files: 2, Rows: 4, Activities: 5},
		{State: "Belgium", Files: 2, Rows: 3, Activities: 3},
		{State: "Germany", Files: 1, Rows: 1, Activities: 0},
	}
	if !reflect.DeepEqual(gotSum, want) || !reflect.DeepEqual(wantSum, want) {
		t.Errorf("per state, interleaved %+v, grouped %+v, want %+v", gotSum, wantSum, want)
	}
	if len(gotMsgs) != 2 || !reflect.DeepEqual(gotMsgs, wantMsgs) {
		t.Errorf("findings, interleaved\n%s\ngrouped\n%s", strings.Join(gotMsgs, "\n"), strings.Join(wantMsgs, "\n"))
	}
}

// An activity entered in one file and again in a later one is warned about with the earlier
// file's row, whichever file first held descriptions.
func TestDuplicateActivitiesAcrossFilesAreWarned(t *testing.T) {
	const head = "State,Partner,Area,Type,Description\n"
	dir := write(t, map[string]string{
		"a.csv": head + "Austria,Serbia,Asylum,Expert,\n",            // no description: nothing to compare
		"b.csv": head + "Belgium,Serbia,Asylum,Expert,Study visit\n", // the first with a description
		"c.csv": head + "Austria,Albania,Return,Expert,Workshop\nBelgium,Serbia,Asylum,Expert,study visit\n",
		"d.csv": head + "Austria,Albania,Return,Expert,workshop\n",
	})
	var inputs []string
	for _, f := range []string{"a.csv", "b.csv", "c.csv", "d.csv"} {
		inputs = append(inputs, filepath.Join(dir, f))
	}
	ds := read(t, replies.Options{}, inputs...)
	dup := ": the same activity as %s (same Member State, partner, area, type of support and description): delete one if it was entered twice"
	var got []string
	for _, m := range messages(dir, ds.Findings) {
		if strings.Contains(m, "the same activity") {
			got = append(got, m)
		}
	}
	want := []string{"c.csv: row 3" + fmt.Sprintf(dup, "b.csv: row 2"), "d.csv: row 2" + fmt.Sprintf(dup, "c.csv: row 2")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
