package cli

import (
	"strings"
	"testing"
)

func TestCellsOptions(t *testing.T) {
	cells := func(f func(*CellsOptions)) *CellsOptions {
		o := &CellsOptions{IO: testStreams, File: "r.xlsx", Reader: "auto", Format: "table"}
		if f != nil {
			f(o)
		}
		return o
	}
	for _, tc := range []parseCase[CellsOptions]{
		{args: "r.xlsx", want: cells(nil)},
		{args: "r.xlsx --reader fast --format csv --sheet Replies", want: cells(func(o *CellsOptions) { o.Reader, o.Format, o.Sheet = "fast", "csv", "Replies" })},
		{args: "r.xlsx --reader excelize -f json --password pw", want: cells(func(o *CellsOptions) { o.Reader, o.Format, o.Password = "excelize", "json", "pw" })},
		{args: "r.xlsx --range A1:D20", want: cells(func(o *CellsOptions) { o.Range = cellRange{Top: 1, Left: 1, Bottom: 20, Right: 4} })},
		{args: "r.xlsx --range d20:$A$1", want: cells(func(o *CellsOptions) { o.Range = cellRange{Top: 1, Left: 1, Bottom: 20, Right: 4} })},
		{args: "r.xlsx --range B7", want: cells(func(o *CellsOptions) { o.Range = cellRange{Top: 7, Left: 2, Bottom: 7, Right: 2} })},
		{args: "r.xlsx --range XFD1048576", want: cells(func(o *CellsOptions) { o.Range = cellRange{Top: 1048576, Left: 16384, Bottom: 1048576, Right: 16384} })},

		{args: "", wantErr: "cells needs one file (a workbook or a CSV file), got 0"},
		{args: "a.xlsx b.xlsx", wantErr: "cells needs one file (a workbook or a CSV file), got 2"},
		{args: "r.xlsx --reader slow", wantErr: `--reader "slow": use auto, fast or excelize`},
		{args: "r.xlsx --format xml", wantErr: `--format "xml": use table, csv or json`},
		{args: "r.xlsx --range A1:", wantErr: `--range "A1:": write a block of cells as its corners, e.g. A1:D20`},
		{args: "r.xlsx --range A0", wantErr: `--range "A0": write a block of cells as its corners, e.g. A1:D20`},
		{args: "r.xlsx --range 7", wantErr: `--range "7": write a block of cells as its corners, e.g. A1:D20`},
		{args: "r.xlsx --range XFE1", wantErr: `--range "XFE1": write a block of cells as its corners, e.g. A1:D20`},
		{args: "r.xlsx --range A1048577", wantErr: `--range "A1048577": write a block of cells as its corners, e.g. A1:D20`},
	} {
		args := strings.Fields(tc.args)
		got, err := parseArgs(t, NewCmdCells, args)
		checkParse(t, args, got, err, tc.want, tc.wantErr)
		if err != nil && !isUsage(err) {
			t.Errorf("%q: %v is not a usage error (exit 2)", args, err)
		}
	}
}

func isUsage(err error) bool { return exitCode(discard{}, err) == ExitUsage }

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func TestTableValue(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Austria", "Austria"},
		{"", ""},
		{" Austria", `" Austria"`},
		{"two\nlines", `"two\nlines"`},
		{"tab\there", `"tab\there"`},
		{"Kosovo*", "Kosovo*"},
		{strings.Repeat("é", 61), strings.Repeat("é", 60) + "... (61 characters)"},
		{strings.Repeat("a", 60), strings.Repeat("a", 60)},
	} {
		if got := tableValue(tc.in); got != tc.want {
			t.Errorf("tableValue(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
