package cli_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/workbook"
)

// sampleRecords reads the sample's CSV source: header and rows.
func sampleRecords(t *testing.T) [][]string {
	t.Helper()
	rows, err := readCSV("../../testdata/sample/replies-7896-20.csv")
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// respell writes a canonical label the way some administration might: an alias, other case,
// extra spaces, "&" for "and", a trailing "*" dropped. Which one depends on i, so every spelling
// occurs and the result is the same on every run.
func respell(d *survey.Dimension, label string, i int) string {
	var v survey.Value
	for _, x := range d.Values {
		if x.Label == label {
			v = x
		}
	}
	spellings := append([]string{label, strings.ToUpper(label), "  " + strings.ReplaceAll(label, " ", "   ") + " ",
		strings.ReplaceAll(label, " and ", " & "), strings.TrimSuffix(label, "*"), strings.ReplaceAll(label, "/", " / ")},
		v.Aliases...)
	return spellings[i%len(spellings)]
}

// otherLayout rewrites the sample as another compiled workbook would hold it: other column
// titles in another order, title rows, blank rows, aliases, nil replies written "none", and
// activities that differ only in area listed in one cell separated by ";" or a line break.
func otherLayout(t *testing.T) [][]string {
	t.Helper()
	s := survey.Builtin()
	recs := sampleRecords(t)
	out := [][]string{
		{"Bilateral cooperation with the Western Balkans - compiled replies"},
		{},
		{"Description", "Type of assistance", "MS", "Field of support", "WB partner", "Year"},
	}
	body := recs[1:]
	for i := 0; i < len(body); i++ {
		r := body[i]
		state, partner, area, typ, desc, year := r[0], r[1], r[2], r[3], r[4], r[5]
		stateOut := respell(s.Dim(survey.State), state, i)
		if partner == "" {
			out = append(out, []string{desc, "", stateOut, "", "none", ""})
			continue
		}
		areas := []string{respell(s.Dim(survey.Area), area, i)}
		// Fold the next row into this one when only its area differs.
		if i+1 < len(body) {
			n := body[i+1]
			if n[0] == state && n[1] == partner && n[3] == typ && n[2] != area && i%3 != 2 {
				areas = append(areas, respell(s.Dim(survey.Area), n[2], i+1))
				i++
			}
		}
		sep := "; "
		if i%2 == 0 {
			sep = "\n"
		}
		out = append(out, []string{desc, respell(s.Dim(survey.Type), typ, i), stateOut,
			strings.Join(areas, sep), respell(s.Dim(survey.Partner), partner, i), year})
		if i%17 == 0 {
			out = append(out, []string{}, []string{"", "", "", "", "", ""})
		}
	}
	return out
}

func writeCSVFile(t *testing.T, path string, rows [][]string, comma rune, bom, crlf bool) {
	t.Helper()
	var b strings.Builder
	if bom {
		b.WriteString("\uFEFF")
	}
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = comma, crlf
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func figuresOnly(doc render.Analysis) render.Analysis {
	doc.Sources = nil
	return doc
}

// TestOtherLayoutsGiveTheSameFigures reads the sample in other layouts and formats and expects
// exactly the figures of the bundled workbook.
func TestOtherLayoutsGiveTheSameFigures(t *testing.T) {
	want := figuresOnly(analyseJSON(t, "../../testdata/sample/replies-7896-20.xlsx"))
	rows := otherLayout(t)
	dir := t.TempDir()

	xlsx := filepath.Join(dir, "compiled.xlsx")
	if err := workbook.Write(xlsx, []workbook.Sheet{{Name: "Notes", Rows: [][]string{{"Read me first"}}}, {Name: "All replies", Rows: rows}}); err != nil {
		t.Fatal(err)
	}
	semicolon := filepath.Join(dir, "compiled.csv")
	writeCSVFile(t, semicolon, rows, ';', true, true)
	tab := filepath.Join(dir, "compiled.tsv")
	writeCSVFile(t, tab, rows, '\t', false, false)

	// One compiled reply split over a folder of files, as states send them.
	folder := filepath.Join(dir, "replies")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	header := rows[2]
	half := 3 + (len(rows)-3)/2
	writeCSVFile(t, filepath.Join(folder, "a.csv"), append([][]string{header}, rows[3:half]...), ',', false, false)
	if err := workbook.Write(filepath.Join(folder, "b.xlsx"), []workbook.Sheet{{Name: "Replies", Rows: append([][]string{header}, rows[half:]...)}}); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name string
		args []string
	}{
		{"workbook with title rows, other headers and aliases", []string{xlsx}},
		{"the same sheet named with --sheet", []string{"--sheet", "all replies", xlsx}},
		{"semicolon CSV with BOM and CRLF", []string{semicolon}},
		{"tab-separated", []string{tab}},
		{"a folder of CSV and workbook files", []string{folder}},
		{"columns named on the command line", []string{"--columns", "type=B,state=C,area=D,partner=E", semicolon}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := figuresOnly(analyseJSON(t, tc.args...))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("figures differ from the bundled sample's")
			}
		})
	}
}

// TestOtherLayoutFoldsActivities guards the test above: the layout must really use the
// features it claims to test, or it would pass on the sample itself.
func TestOtherLayoutFoldsActivities(t *testing.T) {
	rows := otherLayout(t)
	var folded, newline, none, alias int
	for _, r := range rows[3:] {
		if len(r) < 5 {
			continue
		}
		if strings.Contains(r[3], ";") {
			folded++
		}
		if strings.Contains(r[3], "\n") {
			newline++
		}
		if r[4] == "none" {
			none++
		}
		if r[4] == "BiH" || r[4] == "Republic of Serbia" || r[1] == "Experts" {
			alias++
		}
	}
	if folded == 0 || newline == 0 || none != 8 || alias == 0 {
		t.Fatalf("layout folds %d cells with ';' and %d with line breaks, %d nil replies, %d aliases", folded, newline, none, alias)
	}
	if len(rows)-3 >= 236 {
		t.Fatalf("layout has %d rows: nothing was folded", len(rows)-3)
	}
}
