package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/internal/officetest"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/workbook"
)

// The sample rewritten in the layouts people draw by hand (pkg/layout): tick-box columns for the
// types of support, a grid per partner (a workbook per state, a sheet per partner), a grid per
// state (a sheet per state, the types listed in the cells). Each must give the sample's figures.

// sampleActivity is one row of the sample: a state's activity, or its nil reply (partner "").
type sampleActivity struct{ state, partner, area, typ string }

func sampleActivities(t *testing.T) []sampleActivity {
	t.Helper()
	var out []sampleActivity
	for _, r := range sampleRecords(t)[1:] {
		out = append(out, sampleActivity{r[0], r[1], r[2], r[3]})
	}
	return out
}

// states lists the states in the order of the sample, with whether each has an activity.
func statesOf(acts []sampleActivity) (order []string, active map[string]bool) {
	active = map[string]bool{}
	seen := map[string]bool{}
	for _, a := range acts {
		if !seen[a.state] {
			seen[a.state] = true
			order = append(order, a.state)
		}
		if a.partner != "" {
			active[a.state] = true
		}
	}
	return order, active
}

// tickMark writes n activities in a box: a count, or for one activity one of the marks people
// use (varied with i, so that every mark occurs).
func tickMark(n, i int, own string) string {
	if n > 1 {
		return fmt.Sprint(n)
	}
	marks := []string{"X", "x", "✓", "✔", "☒", "yes", "1", own}
	return marks[i%len(marks)]
}

// emptyMark is an unticked box.
func emptyMark(i int) string { return []string{"", "☐", "no", "0", ""}[i%5] }

func countOf[K comparable](keys []K) (map[K]int, []K) {
	n := map[K]int{}
	var order []K
	for _, k := range keys {
		if n[k] == 0 {
			order = append(order, k)
		}
		n[k]++
	}
	return n, order
}

// tickSheet is one sheet of tick-box columns, one per type of support, for the given states:
// a row per state, partner and area, the types ticked (a count where a state reported the same
// activity twice); a state with no activity is its name alone.
func tickSheet(acts []sampleActivity, states map[string]bool) [][]string {
	s := survey.Builtin()
	types := s.Labels(survey.Type)
	rows := [][]string{{"Bilateral support in migration management: tick each type of support given"}, {},
		append([]string{"Member State", "WB partner", "Field of support"}, respellAll(types)...)}
	type spa struct{ s, p, a string }
	var keys []spa
	perType := map[sampleActivity]int{}
	for _, a := range acts {
		if !states[a.state] {
			continue
		}
		keys = append(keys, spa{a.state, a.partner, a.area})
		perType[a]++
	}
	_, order := countOf(keys)
	for i, k := range order {
		row := []string{k.s, k.p, k.a}
		if k.p != "" {
			for j, typ := range types {
				if n := perType[sampleActivity{k.s, k.p, k.a, typ}]; n > 0 {
					row = append(row, tickMark(n, i+j, typ))
				} else {
					row = append(row, emptyMark(i+j))
				}
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// respellAll writes some labels as their aliases, as a state's own table would.
func respellAll(labels []string) []string {
	out := append([]string(nil), labels...)
	for i, l := range out {
		if l == "Expert assistance" {
			out[i] = "Experts"
		}
	}
	return out
}

// partnerGrid is one partner's grid of a state: areas down the side, types across the top,
// counts and marks in the cells. title, when set, is written above it.
func partnerGrid(acts []sampleActivity, state, partner, title string, corner string) [][]string {
	s := survey.Builtin()
	var rows [][]string
	if title != "" {
		rows = append(rows, []string{title}, []string{})
	}
	rows = append(rows, append([]string{corner}, s.Labels(survey.Type)...))
	n := map[sampleActivity]int{}
	for _, a := range acts {
		if a.state == state && a.partner == partner {
			n[a]++
		}
	}
	for i, area := range s.Labels(survey.Area) {
		row := []string{area}
		for j, typ := range s.Labels(survey.Type) {
			if c := n[sampleActivity{state, partner, area, typ}]; c > 0 {
				row = append(row, tickMark(c, i+j, typ))
			} else {
				row = append(row, emptyMark(i+j))
			}
		}
		rows = append(rows, row)
	}
	return append(rows, []string{}, []string{"Total", "", "", ""})
}

// writePartnerGrids writes, for each state, a workbook with a grid per partner it supports,
// named so that the file or a title names the state: "AT-reply.xlsx", "Belgium.xlsx", or
// "reply-3.xlsx" with "Reply of Czechia" over each grid. A state with no activity sends one
// empty grid.
func writePartnerGrids(t *testing.T, dir string, acts []sampleActivity, states map[string]bool) {
	t.Helper()
	s := survey.Builtin()
	order, active := statesOf(acts)
	for i, state := range order {
		if !states[state] {
			continue
		}
		var code string
		for _, v := range s.Dim(survey.State).Values {
			if v.Label == state {
				code = v.Aliases[0]
			}
		}
		file, title := state+".xlsx", ""
		switch i % 3 {
		case 0:
			file = code + "-reply.xlsx"
		case 2:
			file, title = fmt.Sprintf("reply-%02d.xlsx", i), "Reply of "+state
		}
		var sheets []workbook.Sheet
		partners := s.Labels(survey.Partner)
		for j, p := range partners {
			has := false
			for _, a := range acts {
				has = has || a.state == state && a.partner == p
			}
			if !has && (active[state] || j > 0) {
				continue
			}
			name := p
			if p == "Bosnia and Herzegovina" && i%2 == 0 {
				name = "BiH"
			}
			sheets = append(sheets, workbook.Sheet{Name: strings.TrimSuffix(name, "*"), Rows: partnerGrid(acts, state, p, title, []string{"", "Area"}[j%2])})
		}
		if err := workbook.Write(filepath.Join(dir, file), sheets); err != nil {
			t.Fatal(err)
		}
	}
}

// writeStackedGrids writes a workbook per state with its partners' grids one under another on one
// sheet, each under its partner's name.
func writeStackedGrids(t *testing.T, dir string, acts []sampleActivity, states map[string]bool) {
	t.Helper()
	s := survey.Builtin()
	order, active := statesOf(acts)
	for _, state := range order {
		if !states[state] {
			continue
		}
		var rows [][]string
		for j, p := range s.Labels(survey.Partner) {
			has := false
			for _, a := range acts {
				has = has || a.state == state && a.partner == p
			}
			if !has && (active[state] || j > 0) {
				continue
			}
			rows = append(rows, partnerGrid(acts, state, p, p, "")...)
			rows = append(rows, []string{})
		}
		if err := workbook.Write(filepath.Join(dir, "stacked "+state+".xlsx"), []workbook.Sheet{{Name: "Reply", Rows: rows}}); err != nil {
			t.Fatal(err)
		}
	}
}

// stateGrid is one state's grid: areas down the side, partners across the top, the types of
// support listed in the cells ("Expert assistance (2)" for two activities).
func stateGrid(acts []sampleActivity, state string, i int) [][]string {
	s := survey.Builtin()
	var rows [][]string
	if i%2 == 1 {
		rows = append(rows, []string{"Reply of " + state}, []string{})
	}
	rows = append(rows, append([]string{"Area \\ partner"}, s.Labels(survey.Partner)...))
	n := map[sampleActivity]int{}
	for _, a := range acts {
		if a.state == state {
			n[a]++
		}
	}
	for _, area := range s.Labels(survey.Area) {
		row := []string{area}
		for _, p := range s.Labels(survey.Partner) {
			var items []string
			for _, typ := range s.Labels(survey.Type) {
				switch c := n[sampleActivity{state, p, area, typ}]; {
				case c == 1:
					items = append(items, typ)
				case c > 1 && i%2 == 0:
					items = append(items, fmt.Sprintf("%s (%d)", typ, c))
				case c > 1:
					items = append(items, fmt.Sprintf("%d x %s", c, typ))
				}
			}
			row = append(row, strings.Join(items, []string{"; ", "\n"}[i%2]))
		}
		rows = append(rows, row)
	}
	return rows
}

// stateGrids is a workbook of a grid per state, each sheet named after its state (or, every
// other one, a sheet "Reply N" with "Reply of <state>" above the grid).
func stateGrids(acts []sampleActivity, states map[string]bool) []workbook.Sheet {
	order, _ := statesOf(acts)
	var sheets []workbook.Sheet
	for i, state := range order {
		if !states[state] {
			continue
		}
		name := state
		if i%2 == 1 {
			name = fmt.Sprintf("Reply %d", i)
		}
		sheets = append(sheets, workbook.Sheet{Name: name, Rows: stateGrid(acts, state, i)})
	}
	return sheets
}

// longRows is the sample's own layout for the given states.
func longRows(t *testing.T, states map[string]bool) [][]string {
	recs := sampleRecords(t)
	out := [][]string{recs[0]}
	for _, r := range recs[1:] {
		if states[r[0]] {
			out = append(out, r)
		}
	}
	return out
}

// handLayouts writes the sample in every hand-drawn layout into dir, and a folder mixing them
// with the long layout, and returns the inputs by name.
func handLayouts(t *testing.T, dir string) map[string]string {
	t.Helper()
	acts := sampleActivities(t)
	order, _ := statesOf(acts)
	all := map[string]bool{}
	for _, s := range order {
		all[s] = true
	}
	ins := map[string]string{}
	ins["ticks"] = filepath.Join(dir, "ticks.xlsx")
	if err := workbook.Write(ins["ticks"], []workbook.Sheet{{Name: "Replies", Rows: tickSheet(acts, all)}}); err != nil {
		t.Fatal(err)
	}
	ins["grid per partner"] = filepath.Join(dir, "per-partner")
	mkdir(t, ins["grid per partner"])
	writePartnerGrids(t, ins["grid per partner"], acts, all)
	ins["grids stacked on one sheet"] = filepath.Join(dir, "stacked")
	mkdir(t, ins["grids stacked on one sheet"])
	writeStackedGrids(t, ins["grids stacked on one sheet"], acts, all)
	ins["grid per state"] = filepath.Join(dir, "per-state.xlsx")
	if err := workbook.Write(ins["grid per state"], stateGrids(acts, all)); err != nil {
		t.Fatal(err)
	}

	// The mixed folder: each state's reply in one of the five layouts.
	part := [5]map[string]bool{{}, {}, {}, {}, {}}
	for i, s := range order {
		part[i%5][s] = true
	}
	mixed := filepath.Join(dir, "mixed")
	mkdir(t, mixed)
	writeCSVFile(t, filepath.Join(mixed, "compiled-long.csv"), longRows(t, part[0]), ',', false, false)
	if err := workbook.Write(filepath.Join(mixed, "compiled-ticks.xlsx"), []workbook.Sheet{{Name: "Replies", Rows: tickSheet(acts, part[1])}}); err != nil {
		t.Fatal(err)
	}
	writePartnerGrids(t, mixed, acts, part[2])
	if err := workbook.Write(filepath.Join(mixed, "grids-of-states.xlsx"), stateGrids(acts, part[3])); err != nil {
		t.Fatal(err)
	}
	writeStackedGrids(t, mixed, acts, part[4])
	ins["a folder mixing them with the long layout"] = mixed
	return ins
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

// TestHandDrawnLayoutsGiveTheSameFigures reads the sample drawn by hand, in every layout and
// mixed, and expects exactly the figures of the bundled workbook.
func TestHandDrawnLayoutsGiveTheSameFigures(t *testing.T) {
	want := figuresOnly(analyseJSON(t, "../../testdata/sample/replies-7896-20.xlsx"))
	ins := handLayouts(t, t.TempDir())
	for _, name := range []string{"ticks", "grid per partner", "grids stacked on one sheet", "grid per state", "a folder mixing them with the long layout"} {
		t.Run(name, func(t *testing.T) {
			got := figuresOnly(analyseJSON(t, ins[name]))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("figures differ from the bundled sample's: %d respondents, %d activities (want %d, %d)",
					got.Respondents, got.Activities, want.Respondents, want.Activities)
			}
		})
	}
}

// savedByLibreOffice is the folder of hand-drawn replies that LibreOffice Calc re-saved: the
// mixed folder of handLayouts, each workbook opened and saved as .xlsx by LibreOffice (the CSV
// file as written). TestWriteHandLayoutFixtures remakes it.
const savedByLibreOffice = "../../testdata/layouts/libreoffice"

// resaveThroughLibreOffice copies the mixed folder into out, every workbook re-saved by
// LibreOffice.
func resaveThroughLibreOffice(t *testing.T, mixed, out string) {
	t.Helper()
	mkdir(t, out)
	entries, err := os.ReadDir(mixed)
	if err != nil {
		t.Fatal(err)
	}
	var books []string
	for _, e := range entries {
		path := filepath.Join(mixed, e.Name())
		if strings.HasSuffix(e.Name(), ".xlsx") {
			books = append(books, path)
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	officetest.Convert(t, "xlsx:Calc MS Excel 2007 XML", out, books...)
}

// TestHandDrawnLayoutsSavedByLibreOffice reads the hand-drawn replies as LibreOffice saved
// them: the kept copies always, and, where LibreOffice is installed and the run is not short,
// the workbooks generated now and saved through it.
func TestHandDrawnLayoutsSavedByLibreOffice(t *testing.T) {
	want := figuresOnly(analyseJSON(t, "../../testdata/sample/replies-7896-20.xlsx"))
	t.Run("kept in testdata", func(t *testing.T) {
		if got := figuresOnly(analyseJSON(t, savedByLibreOffice)); !reflect.DeepEqual(got, want) {
			t.Errorf("figures differ from the bundled sample's")
		}
	})
	t.Run("saved now", func(t *testing.T) {
		if testing.Short() {
			t.Skip("short: LibreOffice takes seconds")
		}
		officetest.Soffice(t)
		dir := t.TempDir()
		ins := handLayouts(t, dir)
		out := filepath.Join(dir, "saved")
		resaveThroughLibreOffice(t, ins["a folder mixing them with the long layout"], out)
		if got := figuresOnly(analyseJSON(t, out)); !reflect.DeepEqual(got, want) {
			t.Errorf("figures differ from the bundled sample's")
		}
	})
}

// TestWriteHandLayoutFixtures remakes testdata/layouts/libreoffice, with
// MAPSURVEY_WRITE_FIXTURES=1 (it needs LibreOffice, and every save gives other bytes).
func TestWriteHandLayoutFixtures(t *testing.T) {
	if os.Getenv("MAPSURVEY_WRITE_FIXTURES") != "1" {
		t.Skip("set MAPSURVEY_WRITE_FIXTURES=1 to remake " + savedByLibreOffice)
	}
	ins := handLayouts(t, t.TempDir())
	if err := os.RemoveAll(savedByLibreOffice); err != nil {
		t.Fatal(err)
	}
	resaveThroughLibreOffice(t, ins["a folder mixing them with the long layout"], savedByLibreOffice)
}

// TestHandLayoutsUseTheirFeatures guards the corpus: it must really hold every mark, counts,
// lists with counts, and each way of naming the state, or the figures above would prove less.
func TestHandLayoutsUseTheirFeatures(t *testing.T) {
	dir := t.TempDir()
	ins := handLayouts(t, dir)
	acts := sampleActivities(t)
	order, _ := statesOf(acts)
	all := map[string]bool{}
	for _, s := range order {
		all[s] = true
	}
	var cells []string
	for _, r := range tickSheet(acts, all) {
		cells = append(cells, r...)
	}
	for _, sh := range stateGrids(acts, all) {
		for _, r := range sh.Rows {
			cells = append(cells, r...)
		}
	}
	text := "\x00" + strings.Join(cells, "\x00") + "\x00"
	for _, want := range []string{"X", "x", "✓", "✔", "☒", "yes", "1", "2", "☐", "no", "0", "Equipment", "Experts"} {
		if !strings.Contains(text, "\x00"+want+"\x00") {
			t.Errorf("no cell %q", want)
		}
	}
	for _, want := range []string{" (2)", "2 x ", "\n", "; ", "Reply of "} {
		if !strings.Contains(text, want) {
			t.Errorf("no cell with %q", want)
		}
	}
	files, err := filepath.Glob(filepath.Join(ins["grid per partner"], "*.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	names := strings.Join(files, " ")
	for _, want := range []string{"AT-reply.xlsx", "Belgium.xlsx", "reply-"} {
		if !strings.Contains(names, want) {
			t.Errorf("no file named like %q among %s", want, names)
		}
	}
}

// TestEveryShapeAndFormatInOneFolder reads testdata/layouts/formats: the replies in every hand-drawn
// shape and in every format read (.xlsx, .ods, .xls, .docx, .csv), written by LibreOffice. The
// folder gives exactly the figures of the bundled workbook. Without LibreOffice the .xls reply is
// replaced by the .xlsx it was saved from.
func TestEveryShapeAndFormatInOneFolder(t *testing.T) {
	const folder = "../../testdata/layouts/formats"
	want := figuresOnly(analyseJSON(t, "../../testdata/sample/replies-7896-20.xlsx"))
	t.Run("without LibreOffice", func(t *testing.T) {
		dir := t.TempDir()
		entries, err := os.ReadDir(folder)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			from := filepath.Join(folder, e.Name())
			if strings.HasSuffix(e.Name(), ".xls") {
				from = filepath.Join(savedByLibreOffice, strings.TrimSuffix(e.Name(), ".xls")+".xlsx")
			}
			data, err := os.ReadFile(from)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(from)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got := figuresOnly(analyseJSON(t, dir)); !reflect.DeepEqual(got, want) {
			t.Errorf("figures differ from the bundled sample's: %d respondents, %d activities", got.Respondents, got.Activities)
		}
	})
	t.Run("with the .xls reply", func(t *testing.T) {
		if testing.Short() {
			t.Skip("short: converting the .xls reply with LibreOffice takes seconds")
		}
		officetest.Soffice(t)
		got := analyseJSON(t, folder)
		if !reflect.DeepEqual(figuresOnly(got), want) {
			t.Errorf("figures differ from the bundled sample's: %d respondents, %d activities", got.Respondents, got.Activities)
		}
		kinds := map[string]bool{}
		for _, s := range got.Sources {
			kinds[filepath.Ext(s.File)] = true
		}
		for _, ext := range []string{".xlsx", ".ods", ".xls", ".docx", ".csv"} {
			if !kinds[ext] {
				t.Errorf("no source read from a %s file: %v", ext, got.Sources)
			}
		}
	})
}
