package sheet

import (
	"archive/zip"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/xlsxstream"
)

// ErrFallback means the workbook uses something the fast reader does not handle; read it with
// excelize (Options.Excelize).
var ErrFallback = xlsxstream.ErrFallback

// readWorkbook reads with the fast streaming reader when it can, and with excelize otherwise.
// When the fast reader gives up before any row was handed over, excelize takes over here; when
// it gives up later, the error (wrapping ErrFallback) goes to the caller, who must start again
// with Options.Excelize, since rows already handed over cannot be taken back.
func readWorkbook(path string, opts Options, fn func(Info, Rows) error) error {
	if err := checkFile(path); err != nil {
		return err
	}
	if opts.Password == "" && !opts.Excelize {
		delivered := false
		err := readFast(path, opts, func(info Info, rows Rows) error {
			delivered = true
			return fn(info, rows)
		})
		if !errors.Is(err, ErrFallback) || delivered {
			return err
		}
	}
	return readExcelize(path, opts, fn)
}

// readFast reads every sheet (or the one asked for) with the fast reader. A sheet the fast
// reader cannot read makes the whole workbook fall back, so that one reader reads it all.
func readFast(path string, opts Options, fn func(Info, Rows) error) error {
	w, err := xlsxstream.Open(path)
	if err != nil {
		return fastError(path, err)
	}
	defer w.Close()
	sheets := w.Sheets()
	if opts.Sheet != "" {
		var found []xlsxstream.SheetInfo
		for _, s := range sheets {
			if s.Name == opts.Sheet {
				found = []xlsxstream.SheetInfo{s}
			}
		}
		for _, s := range sheets {
			if found == nil && strings.EqualFold(s.Name, opts.Sheet) {
				found = []xlsxstream.SheetInfo{s}
			}
		}
		if found == nil {
			return ErrFallback // excelize names the missing sheet and lists the others
		}
		sheets = found
	}
	// Every sheet must open before any row goes out, so that a fallback costs nothing.
	all := make([]*streamRows, len(sheets))
	for i, s := range sheets {
		rows, err := w.Rows(s.Name)
		if err != nil {
			return fastError(path, err)
		}
		all[i] = &streamRows{path: path, src: rows}
	}
	for i, s := range sheets {
		var rows Rows = all[i]
		if all[i].src.Large() {
			// A large sheet is parsed on a second core while its rows are counted.
			ahead := readAhead(rows)
			defer ahead.Close() // before w.Close, deferred above: the goroutine uses the workbook
			rows = ahead
		}
		if err := fn(Info{Name: s.Name, Hidden: s.Hidden, Merged: all[i].src.Merged(), Other: s.Other}, rows); err != nil {
			return err
		}
		// One sheet at a time: the read-ahead stops before the next sheet is read, since the
		// shared strings are not safe for concurrent use. Then what a caller that left a sheet
		// early did not read is checked: a large sheet's merged cells, found only at its end.
		if ahead, ok := rows.(*rowsAhead); ok {
			ahead.Close()
		}
		if err := all[i].src.Finish(); err != nil {
			return fastError(path, err)
		}
	}
	return nil
}

// checkFile refuses a workbook that would unpack to too much (see checkPackage) before either
// reader inflates anything. What is not a zip archive is left to the readers to word.
func checkFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return nil
	}
	return checkPackage(path, zr, maxPartSize)
}

// fastError turns the fast reader's errors into this package's.
func fastError(path string, err error) error {
	var long *xlsxstream.CellTooLongError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &long):
		cell := fmt.Sprintf("%s!row %d", long.Sheet, long.Row)
		if long.Col > 0 {
			cell = fmt.Sprintf("%s!%s%d", long.Sheet, ColumnName(long.Col), long.Row)
		}
		return cellTooLong(path, cell, long.Chars)
	case errors.Is(err, xlsxstream.ErrEmpty):
		return emptyFile(path)
	case errors.Is(err, xlsxstream.ErrNotZip):
		return workbookError(path, err)
	case errors.Is(err, os.ErrNotExist), errors.Is(err, os.ErrPermission), lockedByAnother(err):
		return openError(path, err)
	}
	return err
}

// streamRows gives the fast reader's rows as this package's.
type streamRows struct {
	path string
	src  *xlsxstream.Rows
}

func (s *streamRows) Next() bool             { return s.src.Next() }
func (s *streamRows) Row() Row               { return Row(s.src.Row()) }
func (s *streamRows) Err() error             { return fastError(s.path, s.src.Err()) }
func (s *streamRows) OnlyColumns(cols []int) { s.src.OnlyColumns(cols) }
func (s *streamRows) BytesRead() int64       { return s.src.BytesRead() }
