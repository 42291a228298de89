package questionnaire_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/mapsurvey/mapsurvey/pkg/questionnaire"
	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/surveyfile"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// write returns the questionnaire of s as bytes.
func write(t *testing.T, s *survey.Schema, o questionnaire.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := questionnaire.Write(&buf, s, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// open writes the questionnaire of s and opens it.
func open(t *testing.T, s *survey.Schema, o questionnaire.Options) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(write(t, s, o)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// twoPartners is a small survey built in code, with titles of its own and no list of
// respondents.
func twoPartners() *survey.Schema {
	return &survey.Schema{
		Title:       "Support to the Moon and Mars",
		Respondent:  "agency",
		Respondents: "agencies",
		NilWords:    []string{"nothing", "none"},
		Columns: [4]survey.Dimension{
			survey.State:   {Title: "Agency", Noun: "agency"},
			survey.Partner: {Title: "Body", Noun: "body", Values: []survey.Value{{Label: "Moon", Aliases: []string{"Luna"}}, {Label: "Mars"}}},
			survey.Area:    {Title: "Domain", Noun: "domain", Values: []survey.Value{{Label: "Landing"}, {Label: "Orbit"}, {Label: "Rovers"}}},
			survey.Type:    {Title: "Kind of help", Noun: "kind of help", Values: []survey.Value{{Label: "Money"}, {Label: "People"}}},
		},
	}
}

func centralAsia(t *testing.T) *survey.Schema {
	t.Helper()
	s, err := surveyfile.Load(filepath.Join("..", "..", "docs", "examples", "central-asia.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// schemas are the surveys every structural test runs on.
func schemas(t *testing.T) []struct {
	name string
	s    *survey.Schema
} {
	return []struct {
		name string
		s    *survey.Schema
	}{
		{"builtin", survey.Builtin()},
		{"central asia", centralAsia(t)},
		{"two partners", twoPartners()},
	}
}

func TestSheetsInOrderWithListsHidden(t *testing.T) {
	for _, tc := range schemas(t) {
		t.Run(tc.name, func(t *testing.T) {
			f := open(t, tc.s, questionnaire.Options{})
			want := []string{questionnaire.InstructionsSheet, questionnaire.ReplySheet, questionnaire.ListsSheet}
			if got := f.GetSheetList(); !reflect.DeepEqual(got, want) {
				t.Errorf("sheets %v, want %v", got, want)
			}
			for _, sh := range want {
				visible, err := f.GetSheetVisible(sh)
				if err != nil {
					t.Fatal(err)
				}
				if visible != (sh != questionnaire.ListsSheet) {
					t.Errorf("sheet %s visible: %v", sh, visible)
				}
			}
			if f.GetActiveSheetIndex() != 0 {
				t.Errorf("active sheet %d, want the instructions", f.GetActiveSheetIndex())
			}
			props, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if props.Title != tc.s.Title || props.Created != "2020-01-01T00:00:00Z" || props.Modified != "2020-01-01T00:00:00Z" {
				t.Errorf("document properties %+v", props)
			}
			title, _ := f.GetCellValue(questionnaire.InstructionsSheet, "A1")
			if title != tc.s.Title {
				t.Errorf("instructions A1 %q, want the schema's title", title)
			}
		})
	}
}

func TestReplyHeaderIsWhatAnalyseFinds(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    *survey.Schema
		want []string
	}{
		{"builtin", survey.Builtin(), []string{"Member State", "Partner", "Area", "Type of support", "Description", "Year"}},
		{"central asia", centralAsia(t), []string{"Donor", "Country", "Field", "Type of support", "Description", "Year"}},
		{"two partners", twoPartners(), []string{"Agency", "Body", "Domain", "Kind of help", "Description", "Year"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := open(t, tc.s, questionnaire.Options{})
			rows, err := f.GetRows(questionnaire.ReplySheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 || !reflect.DeepEqual(rows[0], tc.want) {
				t.Fatalf("reply rows %q, want only the header %q", rows, tc.want)
			}
			panes, err := f.GetPanes(questionnaire.ReplySheet)
			if err != nil {
				t.Fatal(err)
			}
			if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 {
				t.Errorf("panes %+v, want row 1 frozen", panes)
			}
			style, err := f.GetCellStyle(questionnaire.ReplySheet, "E1")
			if err != nil {
				t.Fatal(err)
			}
			st, err := f.GetStyle(style)
			if err != nil {
				t.Fatal(err)
			}
			if st.Font == nil || !st.Font.Bold {
				t.Errorf("header E1 is not bold: %+v", st.Font)
			}
		})
	}
}

// validation is what a test checks of one data validation.
type validation struct {
	sqref, typ, formula1, formula2, errorStyle string
}

func TestValidationsReferToTheLists(t *testing.T) {
	builtin := survey.Builtin()
	for _, tc := range []struct {
		name  string
		s     *survey.Schema
		rows  int
		want  []validation
		lists [][]string // the Lists sheet's columns, headings first
	}{
		{"builtin", builtin, 0, []validation{
			{"A2:A301", "list", "Lists!$A$2:$A$28", "", "stop"},
			{"B2:B301", "list", "Lists!$B$2:$B$8", "", "warning"},
			{"C2:C301", "list", "Lists!$C$2:$C$9", "", "warning"},
			{"D2:D301", "list", "Lists!$D$2:$D$4", "", "warning"},
			{"F2:F301", "whole", "2015", "2100", "stop"},
		}, [][]string{
			append([]string{"Choices: Member State"}, builtin.Labels(survey.State)...),
			append([]string{"Choices: Partner"}, append(builtin.Labels(survey.Partner), "none")...),
			append([]string{"Choices: Area"}, builtin.Labels(survey.Area)...),
			append([]string{"Choices: Type of support"}, builtin.Labels(survey.Type)...),
		}},
		{"two partners, 5 rows", twoPartners(), 5, []validation{
			{"B2:B6", "list", "Lists!$A$2:$A$4", "", "warning"},
			{"C2:C6", "list", "Lists!$B$2:$B$4", "", "warning"},
			{"D2:D6", "list", "Lists!$C$2:$C$3", "", "warning"},
			{"F2:F6", "whole", "2015", "2100", "stop"},
		}, [][]string{
			{"Choices: Body", "Moon", "Mars", "none"},
			{"Choices: Domain", "Landing", "Orbit", "Rovers"},
			{"Choices: Kind of help", "Money", "People"},
		}},
		{"central asia, 1 row", centralAsia(t), 1, []validation{
			{"B2:B2", "list", "Lists!$A$2:$A$8", "", "warning"},
			{"C2:C2", "list", "Lists!$B$2:$B$9", "", "warning"},
			{"D2:D2", "list", "Lists!$C$2:$C$8", "", "warning"},
			{"F2:F2", "whole", "2015", "2100", "stop"},
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := open(t, tc.s, questionnaire.Options{Rows: tc.rows})
			dvs, err := f.GetDataValidations(questionnaire.ReplySheet)
			if err != nil {
				t.Fatal(err)
			}
			var got []validation
			for _, dv := range dvs {
				style := ""
				if dv.ErrorStyle != nil {
					style = *dv.ErrorStyle
				}
				if !dv.ShowErrorMessage || dv.ErrorTitle == nil || dv.Error == nil || *dv.Error == "" {
					t.Errorf("validation of %s shows no error alert", dv.Sqref)
				}
				if len(*dv.ErrorTitle) > 32 || len(*dv.Error) > 255 {
					t.Errorf("validation of %s: alert too long for Excel", dv.Sqref)
				}
				if dv.ShowDropDown {
					t.Errorf("validation of %s hides its drop-down arrow", dv.Sqref)
				}
				got = append(got, validation{dv.Sqref, dv.Type, dv.Formula1, dv.Formula2, style})
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("validations\n%v\nwant\n%v", got, tc.want)
			}
			cols, err := f.GetCols(questionnaire.ListsSheet)
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range cols { // GetCols pads the columns to the longest
				for len(c) > 0 && c[len(c)-1] == "" {
					c = c[:len(c)-1]
				}
				cols[i] = c
			}
			lists := questionnaire.Lists(tc.s)
			if len(cols) != len(lists) {
				t.Fatalf("%d columns on the lists sheet, want %d", len(cols), len(lists))
			}
			for i, l := range lists {
				want := append([]string{questionnaire.ListHeading(tc.s, l.Key)}, l.Values...)
				if !reflect.DeepEqual(cols[i], want) {
					t.Errorf("lists column %d %q, want %q", i+1, cols[i], want)
				}
			}
			if tc.lists != nil && !reflect.DeepEqual(cols, tc.lists) {
				t.Errorf("lists sheet %q, want %q", cols, tc.lists)
			}
		})
	}
}

func TestSameInputSameBytes(t *testing.T) {
	for _, tc := range schemas(t) {
		t.Run(tc.name, func(t *testing.T) {
			a := write(t, tc.s, questionnaire.Options{})
			b := write(t, tc.s, questionnaire.Options{})
			if !bytes.Equal(a, b) {
				t.Fatal("two writes of the same questionnaire differ")
			}
			zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
			if err != nil {
				t.Fatal(err)
			}
			for _, zf := range zr.File {
				if zf.Name != "docProps/core.xml" {
					continue
				}
				rc, err := zf.Open()
				if err != nil {
					t.Fatal(err)
				}
				core, _ := io.ReadAll(rc)
				rc.Close()
				if !strings.Contains(string(core), "2020-01-01T00:00:00Z") {
					t.Errorf("core properties carry no fixed date: %s", core)
				}
			}
			if c := write(t, tc.s, questionnaire.Options{Period: "2021"}); bytes.Equal(a, c) {
				t.Error("another period gives the same bytes")
			}
		})
	}
}

func TestOptions(t *testing.T) {
	s := survey.Builtin()
	for _, tc := range []struct {
		o       questionnaire.Options
		sqref   string
		period  string
		wantErr string
	}{
		{questionnaire.Options{}, "A2:A301", "Period covered: 2015 to the present.", ""},
		{questionnaire.Options{Rows: 40, Period: "2019-2021"}, "A2:A41", "Period covered: 2019-2021.", ""},
		{questionnaire.Options{Rows: questionnaire.MaxRows}, fmt.Sprintf("A2:A%d", questionnaire.MaxRows+1), "", ""},
		{questionnaire.Options{Rows: -1}, "", "", "rows -1"},
		{questionnaire.Options{Rows: questionnaire.MaxRows + 1}, "", "", "rows 100001"},
	} {
		t.Run(fmt.Sprintf("rows %d", tc.o.Rows), func(t *testing.T) {
			var buf bytes.Buffer
			err := questionnaire.Write(&buf, s, tc.o)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one about %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			dvs, err := f.GetDataValidations(questionnaire.ReplySheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(dvs) == 0 || dvs[0].Sqref != tc.sqref {
				t.Errorf("first validation %+v, want it on %s", dvs, tc.sqref)
			}
			if tc.period != "" && !strings.Contains(strings.Join(instructionTexts(t, f), "\n"), tc.period) {
				t.Errorf("instructions do not say %q", tc.period)
			}
		})
	}
	if err := questionnaire.Write(io.Discard, nil, questionnaire.Options{}); err == nil {
		t.Error("no error without a schema")
	}
}

// instructionTexts returns every non-empty cell of the instructions sheet.
func instructionTexts(t *testing.T, f *excelize.File) []string {
	t.Helper()
	rows, err := f.GetRows(questionnaire.InstructionsSheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		for _, c := range r {
			if c != "" {
				out = append(out, c)
			}
		}
	}
	return out
}

func TestInstructionsSayWhatToReportAndDefineEveryLabel(t *testing.T) {
	for _, tc := range schemas(t) {
		t.Run(tc.name, func(t *testing.T) {
			f := open(t, tc.s, questionnaire.Options{})
			texts := instructionTexts(t, f)
			all := strings.Join(texts, "\n")
			for _, want := range []string{
				"one row per activity",
				"one expert mission counts as much as a donation of 100 thermal cameras",
				`"none" in the "` + tc.s.Dim(survey.Partner).Title + `" column`,
				`separated by ";"`,
				"other usual spellings are understood too",
			} {
				if !strings.Contains(all, want) {
					t.Errorf("instructions do not say %q", want)
				}
			}
			has := map[string]bool{}
			for _, c := range texts {
				has[c] = true
			}
			for _, k := range survey.Dims {
				for _, v := range tc.s.Dim(k).Values {
					if !has[v.Label] {
						t.Errorf("label %q not defined", v.Label)
					}
					// Aliases are understood, never shown: they include names a Member
					// State must not be shown ("FYROM").
					for _, alias := range v.Aliases {
						if strings.Contains(all, alias) && !strings.Contains(strings.ToLower(v.Label), strings.ToLower(alias)) &&
							!labelContains(tc.s, alias) {
							t.Errorf("alias %q of %q is shown", alias, v.Label)
						}
					}
					if v.Footnote != "" && !has[v.Footnote] {
						t.Errorf("footnote of %q not given", v.Label)
					}
				}
			}
		})
	}
	if f := open(t, survey.Builtin(), questionnaire.Options{}); !strings.Contains(strings.Join(instructionTexts(t, f), "\n"), survey.KosovoFootnote) {
		t.Error("Kosovo*'s designation is missing")
	}
}

// TestNoCellReadsAsAColumnTitle guards the round trip: a cell of the instructions or the lists
// that reads as a column title would make analyse take the sheet for a (broken) reply table.
func TestNoCellReadsAsAColumnTitle(t *testing.T) {
	for _, tc := range schemas(t) {
		t.Run(tc.name, func(t *testing.T) {
			titles := map[string]survey.Key{}
			for _, k := range survey.Keys {
				d := tc.s.Dim(k)
				for _, title := range append([]string{d.Title}, d.Headers...) {
					titles[survey.NormalizeTitle(title)] = k
				}
			}
			f := open(t, tc.s, questionnaire.Options{})
			for _, sh := range []string{questionnaire.InstructionsSheet, questionnaire.ListsSheet} {
				rows, err := f.GetRows(sh)
				if err != nil {
					t.Fatal(err)
				}
				for r, row := range rows {
					for c, text := range row {
						if k, ok := titles[survey.NormalizeTitle(text)]; ok {
							t.Errorf("%s row %d column %d: %q reads as the %s column's title", sh, r+1, c+1, text, k)
						}
						if strings.HasPrefix(strings.TrimSpace(text), "#") {
							t.Errorf("%s row %d column %d: %q reads as a hashtag", sh, r+1, c+1, text)
						}
					}
				}
			}
		})
	}
}

// fill writes rows into the reply sheet of a questionnaire and saves it as a reply file.
func fill(t *testing.T, s *survey.Schema, name string, rows [][]any) string {
	t.Helper()
	f := open(t, s, questionnaire.Options{})
	for r, row := range rows {
		for c, v := range row {
			if v == nil || v == "" {
				continue
			}
			ref, err := excelize.CoordinatesToCellName(c+1, r+2)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellValue(questionnaire.ReplySheet, ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// activity is an activity with its labels, for comparisons.
type activity struct {
	State, Partner, Area, Type string
}

func TestFilledQuestionnaireReadsBack(t *testing.T) {
	for _, tc := range []struct {
		name        string
		s           *survey.Schema
		opts        replies.Options // analyse's defaults for the built-in survey
		rows        [][]any
		want        []activity
		respondents []string
	}{
		{"builtin", survey.Builtin(), replies.Options{}, [][]any{
			{"Austria", "Serbia", "Asylum", "Expert assistance", "Study visit of asylum officers", 2019},
			{"Austria", "Kosovo*", "Border management", "Equipment", "100 thermal cameras", 2020},
			{"Austria", "North Macedonia", "Information exchange/situational awareness", "Financial assistance", "", 2016},
			{"Belgium", "none"},
		}, []activity{
			{"Austria", "Serbia", "Asylum", "Expert assistance"},
			{"Austria", "Kosovo*", "Border management", "Equipment"},
			{"Austria", "North Macedonia", "Information exchange/situational awareness", "Financial assistance"},
		}, []string{"Austria", "Belgium"}},
		{"central asia", centralAsia(t), replies.Options{Schema: centralAsia(t)}, [][]any{
			{"EU (BOMCA)", "Tajikistan", "Integrated border management", "Training", "Training of border guards", 2018},
			{"EU (BOMCA)", "Regional (Central Asia)", "Drug control", "Conferences and coordination", "CABSI conference", 2019},
			{"EU (BOMCA)", "Kazakhstan", "Trade facilitation", "Equipment", "", 2021},
			{"Germany", "none"},
		}, []activity{
			{"EU (BOMCA)", "Tajikistan", "Integrated border management", "Training"},
			{"EU (BOMCA)", "Regional (Central Asia)", "Drug control", "Conferences and coordination"},
			{"EU (BOMCA)", "Kazakhstan", "Trade facilitation", "Equipment"},
		}, []string{"EU (BOMCA)", "Germany"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := fill(t, tc.s, "reply.xlsx", tc.rows)
			ds, err := replies.Read([]string{path}, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, fd := range ds.Findings {
				// The instructions and the lists are no reply tables: analyse notes that it
				// skipped them, and nothing else.
				skipped := fd.Severity == replies.Note && fd.Message == "skipped: no header row of replies in its first rows" &&
					(fd.Pos.Sheet == questionnaire.InstructionsSheet || fd.Pos.Sheet == questionnaire.ListsSheet)
				if !skipped {
					t.Errorf("finding: %s: %s", fd.Severity, fd)
				}
			}
			got := counted(ds.Analysis())
			want := slices.Clone(tc.want)
			slices.SortFunc(want, func(a, b activity) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
			if !reflect.DeepEqual(got, want) {
				t.Errorf("activities\n%v\nwant\n%v", got, tc.want)
			}
			if !reflect.DeepEqual(ds.Respondents, tc.respondents) {
				t.Errorf("respondents %v, want %v", ds.Respondents, tc.respondents)
			}
			if len(ds.Sources) != 1 || ds.Sources[0].Sheet != questionnaire.ReplySheet || ds.Sources[0].HeaderRow != 1 {
				t.Errorf("sources %+v, want the reply sheet with its header in row 1", ds.Sources)
			}
		})
	}
}

// counted lists the activities counted, sorted, for replies in which one state is active.
func counted(a *tally.Analysis) []activity {
	state := ""
	for _, sc := range a.ByState {
		if sc.Activities > 0 {
			state = sc.State
		}
	}
	var out []activity
	for p := range a.Partners {
		for ar := range a.Areas {
			for ty := range a.Types {
				for range a.PartnerAreaType[p][ar][ty].Activities {
					out = append(out, activity{state, a.Partners[p], a.Areas[ar], a.Types[ty]})
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b activity) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
	return out
}

// TestSeveralLabelsInACell checks what the instructions promise of a cell that names several
// partners: one activity each.
func TestSeveralLabelsInACell(t *testing.T) {
	path := fill(t, survey.Builtin(), "Austria.xlsx", [][]any{
		{"Austria", "Albania", "Return", "Expert assistance", "Return counselling", 2017},
		{"Austria", "Albania; Serbia", "Return; Asylum", "Expert assistance", "Regional workshop", 2018},
	})
	ds, err := replies.Read([]string{path}, replies.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Errors()) > 0 || ds.Analysis().Activities != 5 {
		t.Errorf("errors %v, %d activities; want none and 1 + 2×2", ds.Errors(), ds.Analysis().Activities)
	}
}

// labelContains reports whether some label or footnote of s contains text, so that an alias
// which is also part of another label ("Macedonia" in "North Macedonia") does not count as shown.
func labelContains(s *survey.Schema, text string) bool {
	for _, k := range survey.Keys {
		for _, v := range s.Dim(k).Values {
			if strings.Contains(v.Label, text) || strings.Contains(v.Footnote, text) {
				return true
			}
		}
	}
	return false
}

// TestYearIsBoundedByThePeriod: the Year column accepts the years of the period the
// questionnaire covers, and the scope is stated when given.
func TestYearIsBoundedByThePeriod(t *testing.T) {
	for _, c := range []struct {
		period string
		lo, hi int
	}{
		{"", 2015, questionnaire.MaxYear},
		{"2015 to the present", 2015, questionnaire.MaxYear},
		{"2019-2021", 2019, 2021},
		{"the last years", questionnaire.MinYear, questionnaire.MaxYear},
	} {
		o := questionnaire.Options{Period: c.period}
		if c.period == "" {
			o.Period = questionnaire.DefaultPeriod
		}
		if lo, hi := o.YearBounds(); lo != c.lo || hi != c.hi {
			t.Errorf("%q: years %d to %d, want %d to %d", c.period, lo, hi, c.lo, c.hi)
		}
	}
	f := open(t, survey.Builtin(), questionnaire.Options{Period: "2019-2021", Scope: "support not financed under EU funds"})
	dvs, err := f.GetDataValidations(questionnaire.ReplySheet)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, dv := range dvs {
		found = found || dv.Formula1 == "2019" && dv.Formula2 == "2021"
	}
	if !found {
		t.Error("the Year column does not accept 2019 to 2021 only")
	}
	if !strings.Contains(strings.Join(instructionTexts(t, f), "\n"), "Scope: support not financed under EU funds.") {
		t.Error("the scope is not stated")
	}
}
