package replies_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/sheet/sheettest"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/workbook"
)

// write puts files into a fresh folder and returns its path.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// dataset is what Read gives, with the activities it counted.
type dataset struct {
	*replies.Dataset
	Activities []replies.Activity
}

func read(t *testing.T, opts replies.Options, inputs ...string) dataset {
	t.Helper()
	ds, acts, err := replies.ReadActivities(inputs, opts)
	if err != nil {
		t.Fatal(err)
	}
	return dataset{ds, acts}
}

// messages lists findings as "position: message" with the folder prefix removed.
func messages(dir string, fs []replies.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, strings.ReplaceAll(f.String(), filepath.ToSlash(dir)+"/", ""))
	}
	return out
}

// triple is an activity's labels, for comparisons.
type triple struct{ State, Partner, Area, Type string }

func activities(ds dataset) []triple {
	s := ds.Schema
	var out []triple
	for _, a := range ds.Activities {
		out = append(out, triple{a.State, s.Labels(survey.Partner)[a.Partner], s.Labels(survey.Area)[a.Area], s.Labels(survey.Type)[a.Type]})
	}
	return out
}

func TestHeaderIsFoundUnderTitleRowsByItsSynonyms(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		header     int
	}{
		{"plain", "Member State,Partner,Area,Type of support\nAT,Serbia,Asylum,Expert\n", 1},
		{"title rows and a blank row", "Mapping 2020\nCompiled replies\n\nMS,WB partner,Field,Type of assistance\nAT,Serbia,Asylum,Expert\n", 4},
		{"case, spaces and markers", "  member   STATE ,Beneficiary:,Field of support*,Type of support (select)\nAT,Serbia,Asylum,Expert\n", 1},
		{"other column order and extra columns", "Year,Type,Description,Area,State,Partner\n2019,Expert,Training,Asylum,AT,Serbia\n", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := write(t, map[string]string{"r.csv": tc.text})
			ds := read(t, replies.Options{}, filepath.Join(dir, "r.csv"))
			if errs := messages(dir, ds.Findings); len(errs) > 0 {
				t.Fatalf("findings: %q", errs)
			}
			want := []triple{{"Austria", "Serbia", "Asylum", "Expert assistance"}}
			if got := activities(ds); !reflect.DeepEqual(got, want) {
				t.Errorf("activities %v, want %v", got, want)
			}
			if ds.Sources[0].HeaderRow != tc.header {
				t.Errorf("header row %d, want %d", ds.Sources[0].HeaderRow, tc.header)
			}
		})
	}
}

func TestNilRepliesCountAsRespondentsOnly(t *testing.T) {
	text := "Member State,Partner,Area,Type of support,Comment\n" +
		"Belgium,,,,\n" +
		"Estonia,none,,,\n" +
		"Finland,NIL,,,\n" +
		"Latvia,No activities,,,nothing to report\n" +
		"Austria,Serbia,Asylum,Expert,\n" +
		"Austria,,,,\n" // a nil row from a state with activities: still one respondent
	dir := write(t, map[string]string{"r.csv": text})
	ds := read(t, replies.Options{}, filepath.Join(dir, "r.csv"))
	if got, want := messages(dir, ds.Findings), []string{"r.csv: row 7: Austria reports no activity here but has activities elsewhere: delete this row if the activities stand"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("findings %q, want %q", got, want)
	}
	if want := []string{"Belgium", "Estonia", "Finland", "Latvia", "Austria"}; !reflect.DeepEqual(ds.Respondents, want) {
		t.Errorf("respondents %v, want %v", ds.Respondents, want)
	}
	if len(ds.Activities) != 1 {
		t.Errorf("%d activities, want 1", len(ds.Activities))
	}
}

func TestCellsListingSeveralValuesGiveOneActivityPerCombination(t *testing.T) {
	text := "Member State,Partner,Area,Type of support\n" +
		"AT,Serbia; Albania,\"Asylum\nReturn\",Expert\n" +
		"DE,Montenegro,Asylum;;,Equipment;\n"
	dir := write(t, map[string]string{"r.csv": text})
	ds := read(t, replies.Options{}, filepath.Join(dir, "r.csv"))
	if len(ds.Findings) > 0 {
		t.Fatalf("findings: %q", messages(dir, ds.Findings))
	}
	want := []triple{
		{"Austria", "Serbia", "Asylum", "Expert assistance"},
		{"Austria", "Serbia", "Return", "Expert assistance"},
		{"Austria", "Albania", "Asylum", "Expert assistance"},
		{"Austria", "Albania", "Return", "Expert assistance"},
		{"Germany", "Montenegro", "Asylum", "Equipment"},
	}
	if got := activities(ds); !reflect.DeepEqual(got, want) {
		t.Errorf("activities\n%v\nwant\n%v", got, want)
	}
}

func TestEveryBadCellIsNamed(t *testing.T) {
	text := "Member State,Partner,Area,Type of support\n" +
		"AT;DE,Serbia,Asylum,Expert\n" + // two states in one row
		"AT,Serbia,Asylum,Expertise;Advice\n" + // one good and one bad value
		"AT,Serbia,,\n" + // partner without area and type: two findings
		"AT,nil,Asylum,\n"
	dir := write(t, map[string]string{"r.csv": text})
	ds := read(t, replies.Options{}, filepath.Join(dir, "r.csv"))
	want := []string{
		`r.csv: A2: "AT;DE" names several Member States: put one Member State per row`,
		`r.csv: D3: unknown type of support "Advice": use one of "Financial assistance", "Expert assistance", "Equipment"`,
		"r.csv: C4: missing area: fill it in, or leave partner, area and type of support all empty for a Member State with no activity",
		"r.csv: D4: missing type of support: fill it in, or leave partner, area and type of support all empty for a Member State with no activity",
		`r.csv: B5: "nil" says Austria reported no activity, but the row also has an area or type of support; clear them, or name the partner`,
	}
	if got := messages(dir, ds.Errors()); !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(ds.Activities) != 0 {
		t.Errorf("%d activities kept from rows with errors", len(ds.Activities))
	}
}

func TestColumnsGivenOnTheCommandLine(t *testing.T) {
	// No recognisable titles: data starts in row 1 once every column is named.
	text := "AT,x,Serbia,Asylum,Expert\nDE,y,Albania,Return,Equipment\n"
	dir := write(t, map[string]string{"r.csv": text})
	ds := read(t, replies.Options{Columns: [4]int{1, 3, 4, 5}}, filepath.Join(dir, "r.csv"))
	if len(ds.Findings) > 0 || len(ds.Activities) != 2 || ds.Sources[0].HeaderRow != 0 {
		t.Fatalf("findings %q, %d activities, header row %d", messages(dir, ds.Findings), len(ds.Activities), ds.Sources[0].HeaderRow)
	}
	if got, want := ds.Sources[0].Header(), "no header row (the columns named by --columns, data from row 1)"; got != want {
		t.Errorf("header %q, want %q", got, want)
	}
	// Some columns named, the rest found by title.
	text = "Who,Partner,Area,Type of support\nAT,Serbia,Asylum,Expert\n"
	dir = write(t, map[string]string{"r.csv": text})
	ds = read(t, replies.Options{Columns: [4]int{1, 0, 0, 0}}, filepath.Join(dir, "r.csv"))
	if len(ds.Findings) > 0 || len(ds.Activities) != 1 || ds.Sources[0].HeaderRow != 1 {
		t.Fatalf("findings %q, %d activities, header row %d", messages(dir, ds.Findings), len(ds.Activities), ds.Sources[0].HeaderRow)
	}
	if got, want := ds.Sources[0].Header(), "header in row 1"; got != want {
		t.Errorf("header %q, want %q", got, want)
	}
}

func TestFoldersAreReadSortedAndSkipsAreListed(t *testing.T) {
	dir := write(t, map[string]string{
		"replies/b.csv":     "State,Partner,Area,Type\nDE,Serbia,Asylum,Expert\n",
		"replies/a.csv":     "State,Partner,Area,Type\nAT,Serbia,Asylum,Expert\n",
		"replies/~$a.xlsx":  "lock",
		"replies/notes.txt": "not a reply",
		"replies/old/c.csv": "State,Partner,Area,Type\nFR,Serbia,Asylum,Expert\n",
		"replies/.DS_Store": "",
		"empty/readme.md":   "",
	})
	ds := read(t, replies.Options{}, filepath.Join(dir, "replies"), filepath.Join(dir, "empty"))
	if want := []string{"Austria", "Germany"}; !reflect.DeepEqual(ds.Respondents, want) {
		t.Errorf("respondents %v, want %v (a.csv before b.csv; sub-folder not read)", ds.Respondents, want)
	}
	want := []string{
		"empty: the folder holds no .xlsx or .csv file",
		"empty/readme.md: skipped: not a spreadsheet (.xlsx, .ods, .xls), a Word document (.docx) or a .csv file",
		"replies/notes.txt: skipped: not a spreadsheet (.xlsx, .ods, .xls), a Word document (.docx) or a .csv file",
		"replies/old: skipped: sub-folders are read only with --recursive",
		"replies/~$a.xlsx: skipped: a lock file that Excel or LibreOffice leaves while a workbook is open",
	}
	if got := messages(dir, ds.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWorkbookSheetsWithoutRepliesAreNotedNotRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.xlsx")
	err := workbook.Write(path, []workbook.Sheet{
		{Name: "Instructions", Rows: [][]string{{"Fill in one row per activity"}}},
		{Name: "Replies 1", Rows: [][]string{{"Member State", "Partner", "Area", "Type of support"}, {"AT", "Serbia", "Asylum", "Expert"}}},
		{Name: "Empty"},
		{Name: "Replies 2", Rows: [][]string{{}, {"MS", "Partner", "Area", "Type"}, {"DE", "BiH", "Return", "Equipment"}}},
		{Name: "Broken", Rows: [][]string{{"MS", "Partner", "Field"}, {"FR", "Serbia", "Asylum"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ds := read(t, replies.Options{}, path)
	if len(ds.Activities) != 2 || len(ds.Sources) != 2 {
		t.Errorf("%d activities from %d sheets, want 2 from 2", len(ds.Activities), len(ds.Sources))
	}
	got := messages(filepath.Dir(path), ds.Findings)
	want := []string{
		"w.xlsx: Instructions: skipped: no header row of replies in its first rows",
		`w.xlsx: Broken row 1: the header row has no column for the type of support (looked for "Type of support", "Type", "Type of assistance", "Types of support", "Form of support", "Form of assistance", ...); rename the column, or name the columns with --columns, for example --columns state=A,partner=B,area=C,type=D`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFindingsSortByInputOrderThenPosition(t *testing.T) {
	dir := write(t, map[string]string{
		"z.csv": "State,Partner,Area,Type\nAT,Serbiaa,Asylum,Expert\nAT,Serbia,Asylumm,Expert\n",
		"a.csv": "State,Partner,Area,Type\nAT,Serbia,Asylum,Expertt\n",
	})
	ds := read(t, replies.Options{}, filepath.Join(dir, "z.csv"), filepath.Join(dir, "a.csv"))
	var got []string
	for _, m := range messages(dir, ds.Errors()) {
		got = append(got, strings.SplitN(m, " unknown", 2)[0])
	}
	if want := []string{"z.csv: B2:", "z.csv: C3:", "a.csv: D2:"}; !reflect.DeepEqual(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func TestStatesWithoutAListAreMatchedBySpelling(t *testing.T) {
	s := survey.Builtin()
	s.Columns[survey.State].Values = nil // any donor name accepted
	dir := write(t, map[string]string{"r.csv": "Donor,Partner,Area,Type\nUNDP,Serbia,Asylum,Expert\n  undp ,Serbia,Return,Expert\nJapan,Serbia,Return,Expert\n"})
	s.Columns[survey.State].Headers = append(s.Columns[survey.State].Headers, "Donor")
	ds := read(t, replies.Options{Schema: s}, filepath.Join(dir, "r.csv"))
	if len(ds.Findings) > 0 {
		t.Fatalf("findings %q", messages(dir, ds.Findings))
	}
	if want := []string{"UNDP", "Japan"}; !reflect.DeepEqual(ds.Respondents, want) {
		t.Errorf("respondents %v, want %v", ds.Respondents, want)
	}
}

func TestRepeatedHeaderRowsAreSkippedWithANote(t *testing.T) {
	text := "Member State,Partner,Area,Type of support\nAT,Serbia,Asylum,Expert\nMS,Partner,Area,Type\nDE,Serbia,Return,Expert\n"
	dir := write(t, map[string]string{"r.csv": text})
	ds := read(t, replies.Options{}, filepath.Join(dir, "r.csv"))
	if got, want := messages(dir, ds.Findings), []string{"r.csv: row 3: skipped: a repeated header row"}; !reflect.DeepEqual(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
	if len(ds.Activities) != 2 || ds.Sources[0].Rows != 2 {
		t.Errorf("%d activities from %d rows, want 2 from 2", len(ds.Activities), ds.Sources[0].Rows)
	}
}

// A workbook with merged cells is read with the merged range's value repeated over it, every row
// once and the other files unaffected: on the fast path, and when the fast reader gives up
// after giving rows (here at a CDATA section in row 15,000) and the file is read again with
// excelize, that file alone.
func TestLargeWorkbookWithMergedCellsIsReadAgain(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: writes and reads 20,000-row workbooks (about 2 s)")
	}
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.xlsx")
	if err := sheettest.WriteWorkbook(plain, 20000); err != nil {
		t.Fatal(err)
	}
	sample := "../../testdata/sample/replies-7896-20.csv"
	perState := func(ds dataset) map[string]replies.StateSummary {
		out := map[string]replies.StateSummary{}
		for _, s := range ds.PerState {
			out[s.State] = s
		}
		return out
	}
	before := perState(read(t, replies.Options{}, plain))
	alone := read(t, replies.Options{}, sample)
	total := func(ds dataset) (n int) {
		for _, s := range ds.PerState {
			n += s.Activities
		}
		return n
	}
	for _, tc := range []struct {
		name     string
		cdataRow int
	}{{"fast path", 0}, {"read again after the fast reader gave up", 15000}} {
		t.Run(tc.name, func(t *testing.T) {
			// Rows 9-12 name Belgium; merged under row 2 they read as Austria.
			merged := filepath.Join(t.TempDir(), "merged.xlsx")
			if err := sheettest.WriteWorkbookWithCDATA(merged, 20000, tc.cdataRow, "A2:A12"); err != nil {
				t.Fatal(err)
			}
			ds := read(t, replies.Options{}, merged, sample)
			after := perState(ds)
			if got, want := total(ds), 20000+total(alone); got != want {
				t.Errorf("%d activities, want %d: each row once", got, want)
			}
			for state, diff := range map[string]int{"Austria": 4, "Belgium": -4, "Croatia": 0} {
				onlyMerged := after[state].Activities - countIn(alone, state)
				if onlyMerged-before[state].Activities != diff {
					t.Errorf("%s: %d activities in the merged workbook, %d in the plain one; want a difference of %d",
						state, onlyMerged, before[state].Activities, diff)
				}
			}
		})
	}
}

func countIn(ds dataset, state string) int {
	for _, s := range ds.PerState {
		if s.State == state {
			return s.Activities
		}
	}
	return 0
}

// Progress counts bytes over all the files: the second file starts where the first ended.
func TestProgressRunsOverAllFiles(t *testing.T) {
	var b strings.Builder
	b.WriteString("Member State,Partner,Area,Type of support\n")
	for range 5000 {
		b.WriteString("Austria,Serbia,Asylum,Expert assistance\n")
	}
	dir := write(t, map[string]string{"a.csv": b.String(), "b.csv": b.String() + b.String()[43:]})
	a, err := os.Stat(filepath.Join(dir, "a.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var seen []replies.Progress
	if _, err := replies.Read([]string{dir}, replies.Options{Progress: func(p replies.Progress) { seen = append(seen, p) }}); err != nil {
		t.Fatal(err)
	}
	all := 3*a.Size() - 43
	var files []int
	for _, p := range seen {
		files = append(files, p.FileIndex)
		done := map[int]int64{1: 0, 2: a.Size()}[p.FileIndex]
		size := map[int]int64{1: a.Size(), 2: 2*a.Size() - 43}[p.FileIndex]
		if p.Files != 2 || p.AllBytes != all || p.DoneBytes != done || p.FileBytes != size || p.BytesRead <= 0 || p.BytesRead > size {
			t.Errorf("progress %+v: want 2 files, %d bytes in all, %d before this file, %d in it", p, all, done, size)
		}
	}
	if !reflect.DeepEqual(files, []int{1, 2, 2}) {
		t.Errorf("progress reported in files %v, want once in a.csv and twice in b.csv", files)
	}
}

// A workbook the fast reader gives up on after its first rows (a CDATA section in row 15,000) is
// read again, alone: progress says so (Again) for that file only, its rows start again from those of the files
// before it, and within each reading progress never goes back.
func TestProgressWhenReadingAgain(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: writes and reads 40,000 rows twice (about 2 s)")
	}
	var b strings.Builder
	b.WriteString("Member State,Partner,Area,Type of support\n")
	for range 20000 {
		b.WriteString("Austria,Serbia,Asylum,Expert assistance\n")
	}
	dir := write(t, map[string]string{"a.csv": b.String()})
	if err := sheettest.WriteWorkbookWithCDATA(filepath.Join(dir, "b.xlsx"), 20000, 15000); err != nil {
		t.Fatal(err)
	}
	csv, err := os.Stat(filepath.Join(dir, "a.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var seen []replies.Progress
	if _, err := replies.Read([]string{dir}, replies.Options{Progress: func(p replies.Progress) { seen = append(seen, p) }}); err != nil {
		t.Fatal(err)
	}
	againFrom := slices.IndexFunc(seen, func(p replies.Progress) bool { return p.Again })
	if againFrom <= 0 || slices.ContainsFunc(seen[againFrom:], func(p replies.Progress) bool { return !p.Again }) {
		t.Fatalf("want a first reading, then only a second one; Again from report %d of %d", againFrom, len(seen))
	}
	for _, p := range seen[againFrom:] {
		if p.FileIndex != 2 || p.DoneBytes != csv.Size() || p.Rows <= 20000 || p.Rows > 40000 {
			t.Errorf("reading again %+v: want b.xlsx alone (file 2), after a.csv's %d bytes and 20000 rows", p, csv.Size())
		}
	}
	for _, pass := range [][]replies.Progress{seen[:againFrom], seen[againFrom:]} {
		for i := 1; i < len(pass); i++ {
			before, now := pass[i-1].DoneBytes+max(pass[i-1].BytesRead, 0), pass[i].DoneBytes+max(pass[i].BytesRead, 0)
			if now < before || pass[i].Rows < pass[i-1].Rows {
				t.Errorf("progress went back within a reading: %+v then %+v", pass[i-1], pass[i])
			}
		}
	}
}

// A chart sheet (here in a workbook Excel for Mac saved, from a Go module's test files) holds
// no replies: it is noted and left, whichever reader reads the workbook, instead of refusing
// the workbook ("sheet Chart1 is not a worksheet").
func TestChartSheetsAreNotedNotRead(t *testing.T) {
	path := filepath.Join("..", "xlsxstream", "testdata", "real", "tealeg-testchartsheet.xlsx")
	ds := read(t, replies.Options{}, path)
	found := false
	for _, m := range messages(filepath.Dir(path), ds.Findings) {
		found = found || strings.HasSuffix(m, ": skipped: a chart sheet holds no replies")
		if strings.Contains(m, "not a worksheet") {
			t.Errorf("finding %q: want the chart sheet skipped", m)
		}
	}
	if !found {
		t.Errorf("findings %q: want the chart sheet noted as skipped", messages(filepath.Dir(path), ds.Findings))
	}
}
