package sheet

import (
	"archive/zip"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

func readWorkbook(path string, opts Options, fn func(string, Rows) error) error {
	if _, err := os.Stat(path); err != nil {
		return openError(path, err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		return workbookError(path, err)
	}
	// Close removes the temporary files excelize makes for large sheets.
	defer f.Close()

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
		rows, err := f.Rows(name)
		if err != nil {
			return &Error{Path: path, Problem: fmt.Sprintf("sheet %q cannot be read: %v", name, err)}
		}
		xr := &xlsxRows{path: path, sheet: name, rows: rows}
		err = fn(name, xr)
		if cerr := rows.Close(); err == nil && cerr != nil {
			err = &Error{Path: path, Problem: cerr.Error()}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func workbookError(path string, err error) error {
	switch {
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm), errors.Is(err, zip.ErrChecksum):
		return &Error{Path: path, Problem: "not a readable .xlsx workbook (the file is damaged, or is another format renamed .xlsx)",
			Fix: "open it in Excel or LibreOffice and save it again as .xlsx"}
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return &Error{Path: path, Problem: "not an .xlsx workbook",
			Fix: "open it in Excel or LibreOffice and save it again as .xlsx"}
	}
	return &Error{Path: path, Problem: "cannot be opened as a workbook: " + err.Error()}
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

type xlsxRows struct {
	path, sheet string
	rows        *excelize.Rows
	num         int
	row         Row
	err         error
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
	x.row = Row{Num: x.num, Cells: cells, Hidden: x.rows.GetRowOpts().Hidden}
	return true
}

func (x *xlsxRows) Row() Row   { return x.row }
func (x *xlsxRows) Err() error { return x.err }
