package replies_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/workbook"
)

// A partner, area or type cell that holds only separators is an empty cell: an error there, not a
// row dropped without a word. A state whose only row is such is no respondent, in the dataset as
// in the tables.
func TestCellsOfSeparatorsOnlyAreMissing(t *testing.T) {
	text := "Member State,Partner,Area,Type of support\n" +
		"Austria,Serbia,;,Equipment\n" +
		"Belgium,;;,Asylum,Expert\n" +
		"Croatia,Serbia,Asylum,\" ; \n\"\n" +
		"Denmark,Serbia,Asylum,Expert\n"
	dir := write(t, map[string]string{"r.csv": text})
	ds := read(t, replies.Options{}, filepath.Join(dir, "r.csv"))
	want := []string{
		`r.csv: C2: missing area: the cell holds only the separators ";"; fill it in, or leave partner, area and type of support all empty for a Member State with no activity`,
		`r.csv: B3: missing partner: the cell holds only the separators ";;"; fill it in, or leave partner, area and type of support all empty for a Member State with no activity`,
		`r.csv: D4: missing type of support: the cell holds only the separators ";"; fill it in, or leave partner, area and type of support all empty for a Member State with no activity`,
	}
	if got := messages(dir, ds.Errors()); !reflect.DeepEqual(got, want) {
		t.Errorf("errors\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := activities(ds); !reflect.DeepEqual(got, []triple{{"Denmark", "Serbia", "Asylum", "Expert assistance"}}) {
		t.Errorf("activities %v, want Denmark's only", got)
	}
}

// A respondent is one thing everywhere: the states the tables count (Analysis) are the dataset's
// respondents, in the same order, nil replies included and rows with errors left out.
func TestRespondentsAreTheStatesCounted(t *testing.T) {
	text := "Member State,Partner,Area,Type of support\n" +
		"Estonia,,,\n" +
		"Austria,Serbia,;,Equipment\n" +
		"Denmark,Serbia,Asylum,Expert\n" +
		"Finland,Serbia,Visa,Expert\n" +
		"Belgium,none,,\n"
	dir := write(t, map[string]string{"r.csv": text})
	ds := read(t, replies.Options{}, filepath.Join(dir, "r.csv"))
	a := ds.Analysis()
	want := []string{"Estonia", "Denmark", "Belgium"}
	if !reflect.DeepEqual(ds.Respondents, want) || !reflect.DeepEqual(a.States, want) || a.Respondents != len(want) {
		t.Errorf("respondents %v, analysis %v (%d); want %v in both", ds.Respondents, a.States, a.Respondents, want)
	}
}

// A row whose cells list more combinations than MaxCombinations is refused at once, with the
// cells named; up to the bound, every combination is an activity.
func TestRowsListingTooManyCombinationsAreRefused(t *testing.T) {
	list := func(label string, n int) string { return strings.TrimSuffix(strings.Repeat(label+";", n), ";") }
	// Ten values each, all different: a value repeated in a cell counts once.
	atBound := "Austria," + numbered("P", 10) + "," + numbered("A", 10) + "," + numbered("T", 10) + "\n"
	over := "Austria," + list("Serbia", 11) + ",Asylum," + list("Expert", 100) + "\n"
	// 4,000 x 4,000 x 4,000 combinations in a 80 KB row, each cell within the 32,767 characters
	// a cell holds: refused without counting them.
	hostile := "Belgium," + list("Serbia", 4000) + "," + list("Asylum", 4000) + "," + list("Expert", 4000) + "\n"
	dir := write(t, map[string]string{"r.csv": "Member State,Partner,Area,Type of support\n" + atBound + over + hostile})
	start := time.Now()
	ds := read(t, replies.Options{Schema: numberedSchema(10)}, filepath.Join(dir, "r.csv"))
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %s", took)
	}
	want := []string{
		"r.csv: row 3: cells B3 and D3 list 11 partners and 100 types of support: 1100 combinations, each an activity, more than the 1000 one row may stand for; split the row into rows that list fewer values",
		"r.csv: row 4: cells B4, C4 and D4 list 4000 partners, 4000 areas and 4000 types of support: 64000000000 combinations, each an activity, more than the 1000 one row may stand for; split the row into rows that list fewer values",
	}
	if got := messages(dir, ds.Errors()); !reflect.DeepEqual(got, want) {
		t.Errorf("errors\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if a := ds.Analysis(); a.Activities != replies.MaxCombinations || len(ds.InvalidRows()) != 2 {
		t.Errorf("%d activities, %d invalid rows; want the row at the bound's %d and rows 3 and 4 invalid", a.Activities, len(ds.InvalidRows()), replies.MaxCombinations)
	}
}

// A long unknown label costs one suggestion, not one per row and alias: a small workbook whose
// rows share a state name of 32,000 characters (the most a workbook cell holds), and a CSV whose
// rows share an area as long, are read in moments, each such cell an error quoting the start of
// the text.
func TestLongUnknownLabelsAreCheap(t *testing.T) {
	long := strings.Repeat("Austria and more ", 1900) // 32,299 characters once trimmed
	rows := [][]string{header}
	var csv strings.Builder
	csv.WriteString("State,Partner,Area,Type\n")
	for i := range 200 {
		rows = append(rows, []string{long, "Serbia", "Asylum", "Expert", fmt.Sprint(i)})
		if i < 199 {
			csv.WriteString("Austria,Serbia," + long + ",Expert\n")
		}
	}
	dir, path := xlsx(t, workbook.Sheet{Name: "Replies", Rows: rows})
	csvPath := filepath.Join(dir, "r.csv")
	if err := os.WriteFile(csvPath, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	ds := read(t, replies.Options{}, path, csvPath)
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %s", took)
	}
	errs := messages(dir, ds.Errors())
	quoted := `"Austria and more Austria and more Austria and more Austria a"... (32299 characters)`
	if len(errs) != 399 || !strings.HasPrefix(errs[0], `w.xlsx: Replies!A2: unknown Member State `+quoted) ||
		!strings.HasPrefix(errs[398], `r.csv: C200: unknown area `+quoted) {
		t.Errorf("%d errors: %.300q ... %.300q", len(errs), errs[0], errs[len(errs)-1])
	}
}

// Under Recursive, each folder is read once however many links lead to it: a link to the folder
// itself and two links into each other are skipped with a note naming the link, while a link to
// a folder read nowhere else is followed.
func TestLinkedFoldersAreReadOnce(t *testing.T) {
	files := map[string]string{"elsewhere/e.csv": "State,Partner,Area,Type\nEstonia,Serbia,Asylum,Expert\n"}
	for i, state := range []string{"Austria", "Belgium", "Croatia", "Denmark"} {
		files[fmt.Sprintf("r/%c.csv", 'a'+i)] = "State,Partner,Area,Type\n" + state + ",Serbia,Asylum,Expert\n"
	}
	dir := write(t, files)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Skipf("cannot make links here: %v", err)
		}
	}
	must(os.Mkdir(filepath.Join(dir, "r", "p"), 0o755))
	must(os.Mkdir(filepath.Join(dir, "r", "q"), 0o755))
	must(os.Symlink(".", filepath.Join(dir, "r", "self")))
	must(os.Symlink("../q", filepath.Join(dir, "r", "p", "toq")))
	must(os.Symlink("../p", filepath.Join(dir, "r", "q", "top")))
	must(os.Symlink("../elsewhere", filepath.Join(dir, "r", "z")))
	done := make(chan dataset)
	go func() { done <- read(t, replies.Options{Recursive: true}, filepath.Join(dir, "r")) }()
	var ds dataset
	select {
	case ds = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("reading a folder with linked sub-folders does not end")
	}
	if got, want := ds.Respondents, []string{"Austria", "Belgium", "Croatia", "Denmark", "Estonia"}; !reflect.DeepEqual(got, want) || ds.Analysis().Activities != 5 {
		t.Errorf("respondents %v, %d activities; want %v, each once", got, ds.Analysis().Activities, want)
	}
	want := []string{
		"r/p/toq/top: skipped: the same folder as r/p, which is read already",
		"r/q: skipped: the same folder as r/p/toq, which is read already",
		"r/self: skipped: the same folder as r, which is read already",
	}
	if got := messages(dir, ds.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Warnings about rows are bounded as errors are: a file of one activity entered 1,500 times keeps
// the first MaxRowWarnings warnings and a note that counts the rest.
func TestRowWarningsPastTheLimitAreCounted(t *testing.T) {
	var b strings.Builder
	b.WriteString("State,Partner,Area,Type,Description\n")
	for range 1500 {
		b.WriteString("Austria,Serbia,Asylum,Expert,Study visit\n")
	}
	dir := write(t, map[string]string{"r.csv": b.String()})
	ds := read(t, replies.Options{}, filepath.Join(dir, "r.csv"))
	got := messages(dir, ds.Findings)
	if len(got) != replies.MaxRowWarnings+1 || got[0] != "r.csv: row 3: the same activity as row 2 (same Member State, partner, area, type of support and description): delete one if it was entered twice" ||
		got[len(got)-1] != "r.csv: row 1003: 499 more warnings and notes about rows from here on are not listed, to keep memory bounded: fix the first ones, which are often the same" {
		t.Errorf("%d findings: %q ... %q", len(got), got[0], got[len(got)-1])
	}
	if ds.Analysis().Activities != 1500 {
		t.Errorf("%d activities, want 1500: warnings drop nothing", ds.Analysis().Activities)
	}
}

// The duplicate check hashes a row's description once, not once per combination: 200 rows of a
// thousand combinations each, with 30,000-character descriptions, are counted in moments (16 s
// for 300 such rows before).
func TestLongDescriptionsOfRowsWithManyCombinationsAreCheap(t *testing.T) {
	var b strings.Builder
	b.WriteString("State,Partner,Area,Type,Description\n")
	desc := strings.Repeat("x", 30000)
	for i := range 200 {
		fmt.Fprintf(&b, "Austria,%s,%s,%s,%s%d\n", numbered("P", 10), numbered("A", 10), numbered("T", 10), desc, i)
	}
	fmt.Fprintf(&b, "Austria,P1,A1,T1,%s0\n", desc) // the same as row 2's
	dir := write(t, map[string]string{"r.csv": b.String()})
	start := time.Now()
	ds := read(t, replies.Options{Schema: numberedSchema(10)}, filepath.Join(dir, "r.csv"))
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("took %s", took)
	}
	if got := messages(dir, ds.Findings); len(got) != 1 || !strings.HasPrefix(got[0], "r.csv: row 202: the same activity as row 2 ") {
		t.Errorf("findings %q, want row 202 a duplicate of row 2", got)
	}
	if ds.Analysis().Activities != 200*1000+1 {
		t.Errorf("%d activities", ds.Analysis().Activities)
	}
}

// A row listing several values that repeats an earlier row's activities is warned once per
// earlier row, not once per combination, even when they come interleaved.
func TestARowRepeatingEarlierActivitiesIsWarnedOncePerEarlierRow(t *testing.T) {
	text := "State,Partner,Area,Type,Description\n" +
		"Austria,Serbia,Asylum;Return,Expert;Equipment,Visit\n" +
		"Austria,Albania,Asylum,Expert,Visit\n" +
		"Austria,Serbia;Albania;Montenegro,Asylum;Return,Expert;Equipment,Visit\n"
	dir := write(t, map[string]string{"r.csv": text})
	ds := read(t, replies.Options{}, filepath.Join(dir, "r.csv"))
	dup := " (same Member State, partner, area, type of support and description): delete one if it was entered twice"
	want := []string{"r.csv: row 4: the same activity as row 2" + dup, "r.csv: row 4: the same activity as row 3" + dup}
	if got := messages(dir, ds.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Listing folders stops when the context ends, as reading rows does: a tree of folders with no
// reply in them is not walked to its end.
func TestListingFoldersStopsWhenAsked(t *testing.T) {
	dir := write(t, map[string]string{"r/a/b/notes.txt": "not a reply"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if ds, err := replies.Read([]string{filepath.Join(dir, "r")}, replies.Options{Recursive: true, Context: ctx}); err != context.Canceled || ds != nil {
		t.Errorf("dataset %v, error %v; want none and context.Canceled", ds, err)
	}
}

// numbered lists n labels "P1;P2;...".
func numbered(prefix string, n int) string {
	var parts []string
	for i := 1; i <= n; i++ {
		parts = append(parts, fmt.Sprintf("%s%d", prefix, i))
	}
	return strings.Join(parts, ";")
}

// numberedSchema is the built-in survey with n more partners, areas and types, P1..Pn, A1..An
// and T1..Tn: rows that list many different values.
func numberedSchema(n int) *survey.Schema {
	s := survey.Builtin()
	for k, prefix := range map[survey.Key]string{survey.Partner: "P", survey.Area: "A", survey.Type: "T"} {
		for _, l := range strings.Split(numbered(prefix, n), ";") {
			s.Columns[k].Values = append(s.Columns[k].Values, survey.Value{Label: l})
		}
	}
	return s
}
