// Package workbook writes plain .xlsx workbooks in the layout Excel saves (text in the shared
// strings table, whole numbers as numbers), for the bundled sample and for tests that need real
// workbooks built from text.
package workbook

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sheet is one worksheet: its name and its rows from A1 on.
type Sheet struct {
	Name   string
	Rows   [][]string
	Hidden bool
	// Merges are ranges such as "A2:A5"; the value is that of the top-left cell in Rows.
	Merges []string
	// HiddenRows are 1-based row numbers.
	HiddenRows []int
	// Formulas maps cells ("B2") to formulas written without a stored value, as a program that
	// never calculates writes them.
	Formulas map[string]string
}

var wholeNumber = regexp.MustCompile(`^-?[1-9][0-9]{0,14}$|^0$`)

// Write saves the sheets, in order, as a new workbook at path.
func Write(path string, sheets []Sheet) error {
	if len(sheets) == 0 {
		return fmt.Errorf("workbook %s: no sheets", path)
	}
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(sh.Name); err != nil {
			return err
		}
		for r, row := range sh.Rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				ref, err := excelize.CoordinatesToCellName(c+1, r+1)
				if err != nil {
					return err
				}
				var val any = v
				if wholeNumber.MatchString(v) {
					var n int64
					fmt.Sscan(v, &n)
					val = n
				}
				if err := f.SetCellValue(sh.Name, ref, val); err != nil {
					return err
				}
			}
		}
		for _, m := range sh.Merges {
			from, to, ok := strings.Cut(m, ":")
			if !ok {
				return fmt.Errorf("sheet %s: merge %q: want a range such as A2:A5", sh.Name, m)
			}
			if err := f.MergeCell(sh.Name, from, to); err != nil {
				return err
			}
		}
		for _, r := range sh.HiddenRows {
			if err := f.SetRowVisible(sh.Name, r, false); err != nil {
				return err
			}
		}
		refs := make([]string, 0, len(sh.Formulas))
		for ref := range sh.Formulas {
			refs = append(refs, ref)
		}
		sort.Strings(refs)
		for _, ref := range refs {
			if err := f.SetCellFormula(sh.Name, ref, sh.Formulas[ref]); err != nil {
				return err
			}
		}
		if sh.Hidden {
			if err := f.SetSheetVisible(sh.Name, false); err != nil {
				return err
			}
		}
	}
	f.SetActiveSheet(0)
	return f.SaveAs(path)
}

// FixedTime is written as a workbook's creation and modification time, so that the same input
// gives the same bytes.
const FixedTime = "2020-01-01T00:00:00Z"

// SetProps sets the document properties mapsurvey writes into every workbook it makes: the
// title and subject, mapsurvey as the author, and FixedTime.
func SetProps(f *excelize.File, title, subject string) error {
	return f.SetDocProps(&excelize.DocProperties{
		Title:          title,
		Subject:        subject,
		Creator:        "mapsurvey",
		LastModifiedBy: "mapsurvey",
		Created:        FixedTime,
		Modified:       FixedTime,
	})
}
