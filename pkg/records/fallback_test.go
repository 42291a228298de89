package records_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/mapsurvey/mapsurvey/pkg/records"
)

// TestFastReaderGivingUpHalfWay: a workbook whose first date cell comes after the rows read
// ahead makes the fast reader give up with rows already counted; the run counts everything
// again with excelize, and nothing twice.
func TestFastReaderGivingUpHalfWay(t *testing.T) {
	f := excelize.NewFile()
	set := func(r, c int, v any) {
		cell, _ := excelize.CoordinatesToCellName(c, r)
		if err := f.SetCellValue("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	for c, v := range []string{"#org", "#sector", "#date"} {
		set(1, c+1, v)
	}
	const rows = 3000
	for i := range rows {
		set(i+2, 1, fmt.Sprintf("Org %d", i%7))
		set(i+2, 2, []string{"WASH", "Health", "Food"}[i%3])
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	set(2900, 3, time.Date(2023, 12, 15, 0, 0, 0, 0, time.UTC))
	if err := f.SetCellStyle("Sheet1", "C2900", "C2900", style); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "late-date.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	ds, err := records.Read([]string{p}, records.Options{By: []string{"sector"}})
	if err != nil || ds.Errors() > 0 {
		t.Fatal(err, ds.Findings)
	}
	if got := ds.Result.Total.Activities; got != rows || len(ds.Sources) != 1 || ds.Sources[0].Rows != rows {
		t.Errorf("%d activities, sources %+v: want %d, once", got, ds.Sources, rows)
	}
}
