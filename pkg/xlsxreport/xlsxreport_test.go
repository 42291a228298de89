package xlsxreport

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/internal/officetest"
	"github.com/mapsurvey/mapsurvey/pkg/narrative"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/table"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// fixture is a small survey on the built-in questionnaire: 17 activities of four Member States
// (a fifth replied with none), so that shares have remainders to distribute.
func fixture(t *testing.T) (*tally.Analysis, *survey.Schema) {
	t.Helper()
	s := survey.Builtin()
	// Partners: 0 Albania, 1 Bosnia and Herzegovina, 2 Kosovo*, 3 Montenegro, 4 North Macedonia,
	// 5 Serbia. Areas: 0 Asylum, 1 Reception, 2 Border management, 3 Return, ... Types: 0
	// Financial, 1 Expert, 2 Equipment.
	var acts []tally.Activity
	for _, x := range [][4]int{ // state, partner, area, type
		{0, 5, 2, 1}, {0, 5, 2, 2}, {0, 5, 0, 1}, {0, 4, 2, 2}, {0, 1, 3, 0},
		{1, 5, 2, 0}, {1, 1, 1, 0}, {1, 2, 4, 1}, {1, 0, 7, 1},
		{2, 5, 3, 1}, {2, 4, 2, 2}, {2, 1, 0, 1}, {2, 3, 5, 0},
		{3, 5, 2, 1}, {3, 4, 6, 1}, {3, 1, 2, 2}, {3, 5, 1, 0},
	} {
		acts = append(acts, tally.Activity{State: x[0], Partner: x[1], Area: x[2], Type: x[3]})
	}
	a, err := tally.Count(tally.Input{
		States:   []string{"Austria", "Belgium", "Croatia", "Denmark", "Estonia"},
		Partners: s.Labels(survey.Partner), Areas: s.Labels(survey.Area), Types: s.Labels(survey.Type),
		Activities: acts,
	})
	if err != nil {
		t.Fatal(err)
	}
	return a, s
}

func tables(t *testing.T, decimals int) ([]render.Table, string) {
	t.Helper()
	a, s := fixture(t)
	return render.Tables(a, s, render.Options{Decimals: decimals}), s.Title
}

func write(t *testing.T, title string, tt []render.Table) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, title, tt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func find(t *testing.T, tt []render.Table, suffix string) render.Table {
	t.Helper()
	for _, tb := range tt {
		if strings.HasSuffix(tb.Name, suffix) {
			return tb
		}
	}
	t.Fatalf("no table named *%s", suffix)
	return render.Table{}
}

var wantSheets = []string{"Contents", "T01 overview", "T02 partners", "T03 types", "T04 areas",
	"T05 area states", "T06 top partners", "T07 Serbia", "T08 Bosnia and Herzegovina",
	"T09 North Macedonia", "T10 Albania", "T11 Kosovo", "T12 Montenegro"}

func TestWorkbook(t *testing.T) {
	tt, title := tables(t, 0)
	data := write(t, title, tt)
	path := filepath.Join(t.TempDir(), "tables.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	if got := strings.Join(f.GetSheetList(), "|"); got != strings.Join(wantSheets, "|") {
		t.Errorf("sheets:\n got %s\nwant %s", got, strings.Join(wantSheets, "|"))
	}

	// Contents: the title, then one line per table with a link to its sheet.
	wantCells(t, f, "Contents", map[string]string{
		"A1": title,
		"A3": "Table 1", "B3": "Overview", "C3": "T01 overview",
		"A4": "Table 2", "B4": "Member States and activities per partner", "C4": "T02 partners",
		"A14": "Table 12", "C14": "T12 Montenegro",
	})
	if ok, link, err := f.GetCellHyperLink("Contents", "C4"); err != nil || !ok || link != "'T02 partners'!A1" {
		t.Errorf("Contents!C4 links to %q (%v, %v), want 'T02 partners'!A1", link, ok, err)
	}

	// The partners table: title, header, rows, total, caption and note.
	partners := find(t, tt, "-partners")
	sh := "T02 partners"
	wantCells(t, f, sh, map[string]string{
		"A1": "Table 2. Member States and activities per partner",
		"A3": "Partner", "B3": "Member States", "C3": "% of Member States", "D3": "% of Member States (exact)",
		"E3": "Activities", "F3": "% of activities", "G3": "% of activities (exact)",
	})
	rows := append(append([][]render.Value{}, partners.Rows...), partners.Total)
	for i, row := range rows {
		r := 4 + i
		wantText(t, f, sh, cellName(1, r), row[0].Text)
		for _, c := range [][2]int{{2, 1}, {5, 3}} { // counts: sheet column, table column
			wantNumber(t, f, sh, cellName(c[0], r), row[c[1]].Text, "")
		}
		for _, c := range [][2]int{{3, 2}, {6, 4}} { // shares as shown
			n, _ := strconv.Atoi(row[c[1]].Text)
			wantNumber(t, f, sh, cellName(c[0], r), strconv.FormatFloat(float64(n)/100, 'f', -1, 64), "0%")
			if got, _ := f.GetCellValue(sh, cellName(c[0], r)); got != row[c[1]].Text+"%" {
				t.Errorf("%s!%s shows %q, want %q", sh, cellName(c[0], r), got, row[c[1]].Text+"%")
			}
		}
	}
	if raw, _ := f.GetCellValue(sh, "F4", excelize.Options{RawCellValue: true}); raw != "0.41" {
		t.Errorf("%s!F4 = %s, want 0.41 (7 of 17 activities, shown as 41%%)", sh, raw)
	}
	wantNumber(t, f, sh, "G4", strconv.FormatFloat(7.0/17, 'g', -1, 64), "0.00%")
	last := 4 + len(rows) + 1
	wantText(t, f, sh, cellName(1, last), partners.Caption)
	wantText(t, f, sh, cellName(1, last+1), partners.Notes[0])
	if !strings.HasPrefix(partners.Notes[0], "* ") {
		t.Errorf("note %q: want Kosovo's footnote", partners.Notes[0])
	}

	// Bold title, header and total; a rule under the header.
	for _, ref := range []string{"A1", "A3", "E3", "G3", "A10", "E10", "G10"} {
		if st := cellStyle(t, f, sh, ref); st.Font == nil || !st.Font.Bold {
			t.Errorf("%s!%s is not bold", sh, ref)
		}
	}
	if st := cellStyle(t, f, sh, "A4"); st.Font != nil && st.Font.Bold {
		t.Errorf("%s!A4 is bold", sh)
	}
	if st := cellStyle(t, f, sh, "C3"); len(st.Border) == 0 || st.Border[0].Type != "bottom" {
		t.Errorf("%s!C3 borders %+v, want a bottom border", sh, st.Border)
	}

	// Frozen below the header on every table sheet.
	for _, name := range wantSheets[1:] {
		p, err := f.GetPanes(name)
		if err != nil || !p.Freeze || p.YSplit != 3 || p.TopLeftCell != "A4" {
			t.Errorf("%s: panes %+v (%v), want frozen below row 3", name, p, err)
		}
	}

	// Columns fitted: the long area label gets a wide column, the counts narrow ones.
	wa, _ := f.GetColWidth("T04 areas", "A")
	wb, _ := f.GetColWidth("T04 areas", "B")
	if wa < 35 || wa > 60 || wb < 10 || wb > 20 {
		t.Errorf("T04 areas widths A %v, B %v: want A fitted to the longest area, B to its title", wa, wb)
	}

	// The other tables' numbers are numbers too.
	wantNumber(t, f, "T01 overview", "B7", "17", "")
	wantNumber(t, f, "T07 Serbia", "C4", "4", "")

	// Native charts on the partners, types and areas sheets only.
	charts := zipCharts(t, data)
	if len(charts) != 3 {
		t.Fatalf("charts %v, want 3", keys(charts))
	}
	for i, want := range []struct{ sheet, title string }{
		{"T02 partners", "Share of activities per partner"},
		{"T03 types", "Share of activities per type of support"},
		{"T04 areas", "Share of activities per area"},
	} {
		xml := charts["xl/charts/chart"+strconv.Itoa(i+1)+".xml"]
		for _, s := range []string{`<barDir val="bar">`, `<grouping val="clustered">`, want.title,
			`<showVal val="1">`, "&#39;" + want.sheet + "&#39;!$F$4:$F$"} {
			if !strings.Contains(xml, s) {
				t.Errorf("chart %d: no %s", i+1, s)
			}
		}
	}
}

// TestSharesWithDecimals stores the share shown with --decimals 1, with a format that shows one
// decimal.
func TestSharesWithDecimals(t *testing.T) {
	tt, title := tables(t, 1)
	f, err := excelize.OpenReader(bytes.NewReader(write(t, title, tt)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	partners := find(t, tt, "-partners")
	if got := partners.Rows[0][4].Text; got != "41.2" {
		t.Fatalf("fixture: Serbia's share %s, want 41.2", got)
	}
	wantNumber(t, f, "T02 partners", "F4", "0.412", "0.0%")
	wantNumber(t, f, "T02 partners", "C6", "0.75", "0.0%") // 75.0
	if got, _ := f.GetCellValue("T02 partners", "F4"); got != "41.2%" {
		t.Errorf("F4 shows %q, want 41.2%%", got)
	}
}

// TestPlaceholdersAndText keeps "-" in a numeric column as text and never turns labels that look
// like numbers into numbers.
func TestPlaceholdersAndText(t *testing.T) {
	tb := render.Table{
		Name: "06-top-partners", Title: "Top", Caption: "Caption.",
		Columns: []render.Column{{Title: "Code"}, {Title: "Rank", Kind: table.Rank}, {Title: "% of x", Kind: table.Share}},
		Rows: [][]render.Value{
			{{Text: "007", Raw: "007"}, {Text: "-", Raw: "-"}, {Text: "-", Raw: "-"}},
			{{Text: "12", Raw: "12"}, {Text: "2", Raw: "2"}, {Text: "5.25", Raw: "5.3"}},
		},
	}
	f, err := excelize.OpenReader(bytes.NewReader(write(t, "T", []render.Table{tb})))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := "T06 top partners"
	wantText(t, f, sh, "A4", "007")
	wantText(t, f, sh, "A5", "12")
	wantText(t, f, sh, "B4", "-")
	wantText(t, f, sh, "C4", "-")
	if st := cellStyle(t, f, sh, "B4"); st.Alignment == nil || st.Alignment.Horizontal != "right" {
		t.Errorf("the placeholder is not right-aligned like the numbers of its column")
	}
	wantNumber(t, f, sh, "B5", "2", "")
	wantNumber(t, f, sh, "C5", "0.0525", "0.00%")
	// A share that does not say of what (no Part and Whole) has no exact value beside it; a
	// placeholder stays as it is.
	wantText(t, f, sh, "D4", "-")
	if got, _ := f.GetCellValue(sh, "D5"); got != "" {
		t.Errorf("%s!D5 = %q: an exact value made up from the share shown", sh, got)
	}
	if len(zipCharts(t, write(t, "T", []render.Table{tb}))) != 0 {
		t.Error("a table that is not a share per partner, type or area got a chart")
	}
}

// TestColumnKindNotTitleMakesAShare: a type of support whose label starts with "%" heads a
// column of counts in the per-partner tables; its cells stay whole numbers.
func TestColumnKindNotTitleMakesAShare(t *testing.T) {
	tb := render.Table{
		Name: "07-partner-x", Title: "X", Caption: "Caption.",
		Columns: []render.Column{{Title: "Area"}, {Title: "% of budget", Kind: table.Count}, {Title: "Share", Kind: table.Share}},
		Rows:    [][]render.Value{{{Text: "Asylum", Raw: "Asylum"}, {Text: "12", Raw: "12"}, {Text: "40", Raw: "40.0"}}},
	}
	f, err := excelize.OpenReader(bytes.NewReader(write(t, "T", []render.Table{tb})))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	wantNumber(t, f, "T07 x", "B4", "12", "")
	wantNumber(t, f, "T07 x", "C4", "0.4", "0%")
}

func TestDeterministic(t *testing.T) {
	tt, title := tables(t, 0)
	first := write(t, title, tt)
	for range 3 {
		if !bytes.Equal(write(t, title, tt), first) {
			t.Fatal("two writes of the same tables differ")
		}
	}
	core := zipFile(t, first, "docProps/core.xml")
	if !strings.Contains(core, "2020-01-01T00:00:00Z") {
		t.Errorf("docProps/core.xml has no fixed date:\n%s", core)
	}
}

func TestSheetNames(t *testing.T) {
	long := strings.Repeat("x", 40)
	got := sheetNames([]render.Table{
		{Name: "02-partners"},
		{Name: "07-partner-serbia", Title: "Serbia: Member States per area"},
		{Name: "08-partner-kosovo", Title: "Kosovo*: Member States per area"},
		{Name: "09-partner-a-b-x", Title: "A/B [x]: Member States"},
		{Name: "10-partner-" + long, Title: long + ": Member States"},
		{Name: "10-partner-" + long + "y", Title: long + "y: Member States"},
		{Name: "by-state"},
		{Name: "contents"},
		{Name: "13-'quoted'"},
	})
	want := []string{"T02 partners", "T07 Serbia", "T08 Kosovo", "T09 AB x", "T10 " + strings.Repeat("x", 27),
		"T10 " + strings.Repeat("x", 23) + " (2)", "T07 by state", "T08 contents", "T13 'quoted"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheet names:\n got %q\nwant %q", got, want)
	}
	for _, n := range got {
		if len([]rune(n)) > 31 || strings.ContainsAny(n, `[]:*?/\`) {
			t.Errorf("sheet name %q is not valid in Excel", n)
		}
	}
}

// TestLibreOffice opens the workbook in LibreOffice Calc and saves every sheet as CSV: the file
// must load without errors and the partners sheet must show the table's figures.
func TestLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short: LibreOffice takes seconds to start")
	}
	officetest.Soffice(t)
	dir := t.TempDir()
	var files []string
	want := map[string]render.Table{}
	for _, decimals := range []int{0, 1} {
		tt, title := tables(t, decimals)
		name := "tables" + strconv.Itoa(decimals)
		path := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(path, write(t, title, tt), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
		want[name] = find(t, tt, "-partners")
	}
	out := filepath.Join(dir, "csv")
	officetest.Convert(t, officetest.SheetsAsShownCSV, out, files...)

	for name, tb := range want {
		for _, sheet := range wantSheets {
			if _, err := os.Stat(filepath.Join(out, name+"-"+sheet+".csv")); err != nil {
				t.Errorf("LibreOffice wrote no sheet %s: %v", sheet, err)
			}
		}
		got := officetest.ReadCSV(t, filepath.Join(out, name+"-T02 partners.csv"))
		if len(got) < 3+len(tb.Rows)+1 {
			t.Fatalf("%s: partners sheet has %d rows:\n%q", name, len(got), got)
		}
		if got[0][0] != "Table 2. "+tb.Title {
			t.Errorf("%s: A1 = %q", name, got[0][0])
		}
		if h := strings.Join(got[2], "|"); h != "Partner|Member States|% of Member States|% of Member States (exact)|Activities|% of activities|% of activities (exact)" {
			t.Errorf("%s: header %s", name, h)
		}
		for i, wantRow := range officetest.ShownRows(tb) {
			if g, w := strings.Join(got[3+i], "|"), strings.Join(wantRow, "|"); g != w {
				t.Errorf("%s: row %d in LibreOffice: %s, want %s", name, 4+i, g, w)
			}
		}
	}
}

func wantCells(t *testing.T, f *excelize.File, sheet string, cells map[string]string) {
	t.Helper()
	for ref, want := range cells {
		wantText(t, f, sheet, ref, want)
	}
}

// wantText checks that a cell holds text (not a number) with the given value.
func wantText(t *testing.T, f *excelize.File, sheet, ref, want string) {
	t.Helper()
	got, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil || got != want {
		t.Errorf("%s!%s = %q (%v), want %q", sheet, ref, got, err, want)
	}
	typ, _ := f.GetCellType(sheet, ref)
	if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("%s!%s holds %q as cell type %v, want text", sheet, ref, got, typ)
	}
}

// wantNumber checks that a cell holds a number with the given raw value and, when format is not
// empty, that number format.
func wantNumber(t *testing.T, f *excelize.File, sheet, ref, want, format string) {
	t.Helper()
	typ, _ := f.GetCellType(sheet, ref)
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("%s!%s has cell type %v, want a number", sheet, ref, typ)
	}
	got, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil || got != want {
		t.Errorf("%s!%s = %q (%v), want the number %s", sheet, ref, got, err, want)
	}
	if format == "" {
		return
	}
	st := cellStyle(t, f, sheet, ref)
	if st.CustomNumFmt == nil || *st.CustomNumFmt != format {
		got := "<none>"
		if st.CustomNumFmt != nil {
			got = *st.CustomNumFmt
		}
		t.Errorf("%s!%s number format %s (built-in %d), want %s", sheet, ref, got, st.NumFmt, format)
	}
}

func cellStyle(t *testing.T, f *excelize.File, sheet, ref string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// zipCharts returns the chart parts of a workbook by name.
func zipCharts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			out[zf.Name] = zipFile(t, data, zf.Name)
		}
	}
	return out
}

func zipFile(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestEveryFontIsNamed: every font of the workbook's styles, and of its charts, names Arial, so
// that no program falls back to a serif font of its choice (LibreOffice did, without Calibri).
func TestEveryFontIsNamed(t *testing.T) {
	tt, title := tables(t, 0)
	data := write(t, title, tt)
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	fonts, charts := 0, 0
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, _ := io.ReadAll(r)
		r.Close()
		switch {
		case f.Name == "xl/styles.xml":
			fontsPart := string(part)
			fontsPart = fontsPart[strings.Index(fontsPart, "<fonts"):strings.Index(fontsPart, "</fonts>")]
			for _, font := range strings.Split(fontsPart, "<font>")[1:] {
				fonts++
				if !strings.Contains(font, `<name val="Arial"/>`) && !strings.Contains(font, `<name val="Arial"></name>`) {
					t.Errorf("a style's font names no Arial: %s", font)
				}
			}
		case strings.HasPrefix(f.Name, "xl/charts/chart"):
			charts++
		case f.Name == "xl/theme/theme1.xml":
			// Chart text without a font of its own (data labels) takes the theme's.
			for _, kind := range []string{"major", "minor"} {
				if !strings.Contains(string(part), "<a:"+kind+`Font><a:latin typeface="Arial"`) {
					t.Errorf("the theme's %s font is not Arial", kind)
				}
			}
		}
	}
	if fonts < 2 || charts == 0 {
		t.Errorf("%d fonts, %d charts: the workbook is not what this test expects", fonts, charts)
	}
}

// TestPartnerAreaAndGapsSheets: the report's workbook can carry the partner x area grid, charted
// per partner with each area in its colour, and the gaps and overlaps; the one-measure charts
// are in the PNGs' single colour.
func TestPartnerAreaAndGapsSheets(t *testing.T) {
	a, s := fixture(t)
	ro := render.Options{}
	tt := append(render.Tables(a, s, ro), render.PartnerAreaTable(a, s, ro), render.GapsOverlapsTable(a, s, ro, 2))
	colours := map[string]string{}
	for i, c := range chart.Colours(s)[survey.Area] {
		colours[s.Dim(survey.Area).Values[i].Label] = c
	}
	var buf bytes.Buffer
	if err := WriteWith(&buf, s.Title, tt, Options{Colours: colours}); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := f.GetSheetList()
	grid, gaps := names[len(names)-2], names[len(names)-1]
	if !strings.Contains(grid, "partners by area") || !strings.Contains(gaps, "gaps overlaps") {
		t.Fatalf("last sheets %q and %q, want the partner x area and the gaps and overlaps", grid, gaps)
	}
	// Every cell of the grid is the count of states of its partner and area.
	rows, err := f.GetRows(grid)
	if err != nil {
		t.Fatal(err)
	}
	header := rows[headerRow-1]
	for _, row := range rows[headerRow : headerRow+len(a.Partners)] {
		p := slices.Index(a.Partners, row[0])
		for c := 1; c < len(header); c++ {
			ar := slices.Index(a.Areas, header[c])
			if p < 0 || ar < 0 || row[c] != strconv.Itoa(a.PartnerArea[p][ar].States) {
				t.Errorf("%s %s: %q, want %d states", row[0], header[c], row[c], a.PartnerArea[p][ar].States)
			}
		}
	}
	g := narrative.GapsAndOverlaps(a, s, narrative.Options{OverlapThreshold: 2})
	gapRows, _ := f.GetRows(gaps)
	if n := len(gapRows) - headerRow; n < len(g.Gaps)+len(g.Overlaps) || len(g.Gaps) == 0 || len(g.Overlaps) == 0 {
		t.Errorf("gaps sheet has %d rows; the fixture has %d gaps and %d overlaps", n, len(g.Gaps), len(g.Overlaps))
	}
	charts := zipCharts(t, data)
	if len(charts) != 4 {
		t.Fatalf("charts %v, want the three of shares and the partner x area one", keys(charts))
	}
	for i := 1; i <= 3; i++ {
		if xml := charts["xl/charts/chart"+strconv.Itoa(i)+".xml"]; !strings.Contains(xml, `<a:srgbClr val="`+strings.TrimPrefix(chart.OneMeasure, "#")+`">`) {
			t.Errorf("chart %d is not in the PNGs' one-measure colour %s", i, chart.OneMeasure)
		}
	}
	gridXML := charts["xl/charts/chart4.xml"]
	if !strings.Contains(gridXML, `<majorUnit val="1">`) {
		t.Errorf("partner x area chart of at most a few states: no tick per whole state")
	}
	for _, v := range s.Dim(survey.Area).Values {
		if want := `<a:srgbClr val="` + strings.TrimPrefix(colours[v.Label], "#") + `">`; !strings.Contains(gridXML, want) {
			t.Errorf("partner x area chart: %s is not in its colour %s", v.Label, colours[v.Label])
		}
	}
}

// TestExactShares: beside every share column of every sheet stands "<title> (exact)", holding
// the exact fraction, the activities (or states) over their total as counted, with a format of
// two decimals; the share column itself keeps the largest-remainder value the tables print, so
// that the shares of activities shown add up to 100.
func TestExactShares(t *testing.T) {
	a, s := fixture(t)
	tt := render.Tables(a, s, render.Options{})
	f, err := excelize.OpenReader(bytes.NewReader(write(t, s.Title, tt)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	counts := map[string]map[string]tally.Cell{} // table suffix -> row label -> counts
	for suffix, dim := range map[string]struct {
		labels []string
		cells  []tally.Cell
	}{"-partners": {a.Partners, a.Partner}, "-types": {a.Types, a.Type}, "-areas": {a.Areas, a.Area}, "-area-states": {a.Areas, a.Area}} {
		counts[suffix] = map[string]tally.Cell{}
		for i, l := range dim.labels {
			counts[suffix][l] = dim.cells[i]
		}
	}
	names := sheetNames(tt)
	sheets := 0
	for i, tb := range tt {
		sh := names[i]
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		header := rows[headerRow-1]
		for c, title := range header {
			shown, ok := strings.CutSuffix(title, ExactSuffix)
			if !ok {
				continue
			}
			if c == 0 || header[c-1] != shown {
				t.Errorf("%s: %q does not stand beside %q", sh, title, shown)
				continue
			}
			sheets++
			sum, last := 0.0, headerRow+len(tb.Rows)
			for r := headerRow; r < last; r++ {
				row := rows[r]
				label := row[0]
				x, err := strconv.ParseFloat(row[c], 64)
				if err != nil {
					t.Errorf("%s!%s = %q: not a number", sh, cellName(c+1, r+1), row[c])
					continue
				}
				// The exact value: of the counts themselves, not of the table's text.
				var suffix string
				for sfx := range counts {
					if strings.HasSuffix(tb.Name, sfx) && len(sfx) > len(suffix) {
						suffix = sfx
					}
				}
				if suffix != "" {
					cell := counts[suffix][strings.TrimSpace(label)]
					want := float64(cell.Activities) / float64(a.Activities)
					if shown == "% of Member States" {
						want = float64(cell.States) / float64(a.ActiveStates)
					}
					if x != want {
						t.Errorf("%s!%s = %v, want %v exactly (%s)", sh, cellName(c+1, r+1), x, want, label)
					}
				}
				wantFormat(t, f, sh, cellName(c+1, r+1), "0.00%")
				v, err := strconv.ParseFloat(row[c-1], 64)
				if err != nil {
					t.Errorf("%s!%s = %q: not a number", sh, cellName(c, r+1), row[c-1])
				}
				sum += v
			}
			if shown == shareColumn && math.Round(sum*100) != 100 {
				t.Errorf("%s: the %s shown add up to %v%%, want 100%%", sh, shown, sum*100)
			}
			if tb.Total != nil {
				if got := rows[last][c]; got != "1" {
					t.Errorf("%s: the total's exact share is %q, want 1", sh, got)
				}
			}
		}
	}
	if sheets < 7 { // partners, types, areas: two share columns each; area states: one
		t.Errorf("%d exact columns, want 7", sheets)
	}
}

func wantFormat(t *testing.T, f *excelize.File, sheet, ref, format string) {
	t.Helper()
	if st := cellStyle(t, f, sheet, ref); st.CustomNumFmt == nil || *st.CustomNumFmt != format {
		t.Errorf("%s!%s: number format %v, want %s", sheet, ref, st.CustomNumFmt, format)
	}
}
