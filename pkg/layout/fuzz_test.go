package layout_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/layout"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// FuzzDetect feeds the detector arbitrary tables ("|" between cells, a line per row), sheet and
// file names and modes: it never panics, gives the same answer twice, gives a table or an error
// when a layout is forced, and every record and problem points at a cell of the table, a record
// at a cell with text.
func FuzzDetect(f *testing.F) {
	for _, seed := range []struct{ rows, sheet, file string }{
		{"Member State|Partner|Area|Financial assistance|Expert assistance|Equipment\nAustria|Serbia|Asylum|X|☐|✓\nBelgium||", "Replies", "ticks.xlsx"},
		{"|Financial assistance|Expert assistance|Equipment\nAsylum|1||X\nBorder management||3|\nTotal|1|3|1", "Serbia", "AT-reply.xlsx"},
		{"Reply of Austria\n\nArea \\ partner|Albania|Serbia\nAsylum|Equipment; Expert assistance|Financial assistance (2)", "Sheet1", "x.xlsx"},
		{"|Financial assistance|Expert assistance|\nAsylm|X|maybe|X\n|Financial assistance|Expert assistance", "Serbia", "FR.xlsx"},
		{"Area|Type of support|Albania|Serbia|Kosovo*\nAsylum|Equipment|x||✔", "Austria", ""},
		{"How to fill in\nOne row per activity", "Instructions", "q.xlsx"},
	} {
		for m := range 4 {
			f.Add(seed.rows, seed.sheet, seed.file, uint8(m))
		}
	}
	s := survey.Builtin()
	f.Fuzz(func(t *testing.T, text, sheetName, file string, m uint8) {
		rows := table(text)
		mode := layout.Mode(m % 4)
		if mode == layout.Long {
			mode = layout.Auto
		}
		ctx := layout.Context{Sheet: sheetName, File: file, Caption: sheetName}
		tab, err := layout.Detect(rows, s, ctx, mode)
		again, err2 := layout.Detect(rows, s, ctx, mode)
		if !reflect.DeepEqual(tab, again) || !reflect.DeepEqual(err, err2) {
			t.Fatalf("two answers: %+v / %v and %+v / %v", tab, err, again, err2)
		}
		var le *layout.Error
		switch {
		case err != nil && !errors.As(err, &le):
			t.Fatalf("an error that is no *layout.Error: %v", err)
		case err != nil:
			if le.Message == "" || le.At.Row < 0 || le.At.Row > len(rows) {
				t.Fatalf("error %+v", le)
			}
			return
		case tab == nil && mode != layout.Auto:
			t.Fatal("a forced layout gave neither a table nor an error")
		case tab == nil:
			return
		}
		checkTable(t, rows, tab)
		tabs, err := layout.DetectAll(rows, s, ctx, mode)
		if err != nil && !errors.As(err, &le) {
			t.Fatalf("DetectAll: an error that is no *layout.Error: %v", err)
		}
		for _, tab := range tabs {
			checkTable(t, rows, tab)
		}
	})
}

// checkTable checks that every record and problem of tab points at a cell of rows.
func checkTable(t *testing.T, rows []layout.Row, tab *layout.Table) {
	t.Helper()
	text2 := func(c layout.Cell) (string, bool) {
		if c.Row < 1 || c.Row > len(rows) || c.Col < 1 {
			return "", false
		}
		r := rows[c.Row-1]
		if c.Col > len(r.Cells) {
			return "", true
		}
		return strings.TrimSpace(r.Cells[c.Col-1]), true
	}
	acts := 0
	for _, r := range tab.Records {
		if at, ok := text2(r.At); !ok || at == "" {
			t.Fatalf("record %+v at a cell with no text", r)
		}
		for k, c := range r.From {
			if c == (layout.Cell{}) {
				if r.Text[k] != "" && r.Text[k] != tab.Fixed[k] {
					t.Fatalf("record %+v: %s from no cell, but not the context's", r, survey.Key(k))
				}
				continue
			}
			if _, ok := text2(c); !ok {
				t.Fatalf("record %+v: %s from a cell outside the table", r, survey.Key(k))
			}
		}
		if r.Text[survey.Partner] != "" || r.Text[survey.Area] != "" || r.Text[survey.Type] != "" {
			acts++
		}
	}
	if acts != tab.Activities || tab.Describe == "" || tab.HeaderRow < 1 || tab.HeaderRow > len(rows) {
		t.Fatalf("table %+v", tab)
	}
	for _, p := range tab.Problems {
		if (p.Message == "") == (p.Unknown == nil) || p.At.Row < 1 || p.At.Row > len(rows) {
			t.Fatalf("problem %+v", p)
		}
	}
}
