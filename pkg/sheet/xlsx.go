package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// oleHeader starts a compound document: an encrypted workbook, or an old .xls renamed .xlsx.
var oleHeader = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}

func readExcelize(path string, opts Options, fn func(Info, Rows) error) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return openError(path, err)
	}
	if len(data) == 0 {
		return emptyFile(path)
	}
	plain := data
	if bytes.HasPrefix(data, oleHeader) {
		if opts.Password == "" {
			return &Error{Path: path, Problem: "the workbook is protected by a password (or is an old .xls workbook renamed .xlsx)",
				Fix: "give the password with --password, or save it as .xlsx without a password"}
		}
		plain, err = excelize.Decrypt(data, &excelize.Options{Password: opts.Password})
		if err != nil || !bytes.HasPrefix(plain, []byte("PK")) {
			return &Error{Path: path, Problem: "the password does not open the workbook", Fix: "check the password given with --password"}
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(plain))
	if err != nil {
		return workbookError(path, err)
	}
	// Close removes the temporary files excelize makes for large sheets.
	defer f.Close()
	formulas, err := formulaIndex(plain)
	if err != nil {
		return workbookError(path, err)
	}

	names := f.GetSheetList()
	if opts.Sheet != "" {
		found := ""
		for _, n := range names {
			if n == opts.Sheet || strings.EqualFold(n, opts.Sheet) && found == "" {
				found = n
			}
		}
		if found == "" {
			return &Error{Path: path, Problem: fmt.Sprintf("no sheet named %q", opts.Sheet),
				Fix: "the sheets are " + quoteList(names)}
		}
		names = []string{found}
	}
	for _, name := range names {
		visible, err := f.GetSheetVisible(name)
		if err != nil {
			return &Error{Path: path, Problem: fmt.Sprintf("sheet %q cannot be read: %v", name, err)}
		}
		merges, err := mergedRanges(f, name)
		if err != nil {
			return &Error{Path: path, Problem: fmt.Sprintf("sheet %q: merged cells cannot be read: %v", name, err)}
		}
		rows, err := f.Rows(name)
		if err != nil {
			return &Error{Path: path, Problem: fmt.Sprintf("sheet %q cannot be read: %v", name, err)}
		}
		xr := &xlsxRows{path: path, sheet: name, rows: rows, merges: merges, formulas: formulas[name]}
		err = fn(Info{Name: name, Hidden: !visible, Merged: len(merges)}, xr)
		if cerr := rows.Close(); err == nil && cerr != nil {
			err = &Error{Path: path, Problem: cerr.Error()}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func emptyFile(path string) error {
	return &Error{Path: path, Problem: "the file is empty", Fix: "check that it was saved completely"}
}

func workbookError(path string, err error) error {
	switch {
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm), errors.Is(err, zip.ErrChecksum),
		errors.Is(err, excelize.ErrWorkbookFileFormat):
		return &Error{Path: path, Problem: "not a readable .xlsx workbook (the file is damaged, or is another format renamed .xlsx)",
			Fix: "open it in Excel or LibreOffice and save it again as .xlsx"}
	}
	return &Error{Path: path, Problem: "cannot be opened as a workbook: " + err.Error(),
		Fix: "open it in Excel or LibreOffice and save it again as .xlsx"}
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// mergedRange is a block of merged cells and the value of its top-left cell.
type mergedRange struct {
	top, left, bottom, right int
	value                    string
}

// mergedRanges lists the sheet's merged ranges, top to bottom. Compiled replies often merge a
// state's name over all its rows; each cell of the range is read as that value.
func mergedRanges(f *excelize.File, sheet string) ([]mergedRange, error) {
	cells, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, err
	}
	var out []mergedRange
	for _, m := range cells {
		l, t, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		r, b, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, mergedRange{top: min(t, b), left: min(l, r), bottom: max(t, b), right: max(l, r), value: m.GetCellValue()})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].top < out[j].top })
	return out, nil
}

type xlsxRows struct {
	path, sheet string
	rows        *excelize.Rows
	num         int
	row         Row
	err         error
	merges      []mergedRange // not yet reached or still covering the current row
	formulas    map[int][]formulaCell
}

// Next advances one row; excelize reports every row number, blank ones with no cells.
func (x *xlsxRows) Next() bool {
	if x.err != nil || !x.rows.Next() {
		if x.err == nil && x.rows.Error() != nil {
			x.err = &Error{Path: x.path, Problem: fmt.Sprintf("sheet %q: %v", x.sheet, x.rows.Error())}
		}
		return false
	}
	x.num++
	cells, err := x.rows.Columns()
	if err != nil {
		x.err = &Error{Path: x.path, Problem: fmt.Sprintf("%s!row %d: %v", x.sheet, x.num, err)}
		return false
	}
	x.row = Row{Num: x.num, Cells: x.fillMerged(cells), Hidden: x.rows.GetRowOpts().Hidden}
	for _, fc := range x.formulas[x.num] {
		x.row.Formulas = append(x.row.Formulas, Formula{Col: fc.col, Cached: fc.cached})
	}
	return true
}

// fillMerged writes each merged range's value into the cells of the current row it covers.
func (x *xlsxRows) fillMerged(cells []string) []string {
	keep := x.merges[:0]
	for _, m := range x.merges {
		if m.bottom < x.num {
			continue // passed: drop it
		}
		keep = append(keep, m)
		if m.top > x.num {
			continue
		}
		for len(cells) < m.right {
			cells = append(cells, "")
		}
		for c := m.left; c <= m.right; c++ {
			cells[c-1] = m.value
		}
	}
	x.merges = keep
	return cells
}

func (x *xlsxRows) Row() Row   { return x.row }
func (x *xlsxRows) Err() error { return x.err }
