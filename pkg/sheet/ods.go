package sheet

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/ods"
)

// readODS reads an OpenDocument spreadsheet with pkg/ods, under the bounds of a workbook.
func readODS(path string, opts Options, fn func(Info, Rows) error) error {
	f, zr, err := openZip(path, ".ods spreadsheet", "open it in LibreOffice and save it again")
	if err != nil {
		return err
	}
	defer f.Close()
	book, err := ods.Open(zr)
	if err != nil {
		return odsError(path, err)
	}
	want := ""
	if opts.Sheet != "" {
		sheets, err := book.Sheets()
		if err != nil {
			return odsError(path, err)
		}
		var names []string
		for _, s := range sheets {
			names = append(names, s.Name)
		}
		if want, err = pickSheet(path, opts.Sheet, names); err != nil {
			return err
		}
	}
	err = book.Read(func(s ods.Sheet, rows *ods.Rows) error {
		if want != "" && s.Name != want {
			return nil
		}
		if err := fn(Info{Name: s.Name, Hidden: s.Hidden, Merged: s.Merged}, &odsRows{path: path, src: rows, ctx: opts.Context}); err != nil {
			return &passedError{err}
		}
		return nil
	})
	var passed *passedError
	if errors.As(err, &passed) {
		return passed.err
	}
	return odsError(path, err)
}

// passedError carries an error of the caller's, or one already worded, through a reader's
// callback untouched.
type passedError struct{ err error }

func (p *passedError) Error() string { return p.err.Error() }
func (p *passedError) Unwrap() error { return p.err }

// openZip opens path as a zip archive within the bounds of checkPackage; what names the kind
// of file for the message when it is not one.
func openZip(path, what, fix string) (*os.File, *zip.Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, openError(path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, openError(path, err)
	}
	if st.Size() == 0 {
		f.Close()
		return nil, nil, emptyFile(path)
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		f.Close()
		return nil, nil, &Error{Path: path, Problem: fmt.Sprintf("not a readable %s (the file is damaged, or is another format renamed %s)", what, strings.ToLower(filepath.Ext(path))),
			Fix: fix}
	}
	if err := checkPackage(path, zr, maxPartSize); err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, zr, nil
}

// pickSheet is the sheet --sheet names among names: itself, or the first that differs only by
// case; "" when every sheet is read.
func pickSheet(path, sheet string, names []string) (string, error) {
	if sheet == "" {
		return "", nil
	}
	found := ""
	for _, n := range names {
		if n == sheet || found == "" && strings.EqualFold(n, sheet) {
			found = n
		}
	}
	if found == "" {
		fix := "the file holds no sheet or table"
		if len(names) > 0 {
			fix = "the sheets are " + quoteList(names)
		}
		return "", &Error{Path: path, Problem: fmt.Sprintf("no sheet named %q", sheet), Fix: fix}
	}
	return found, nil
}

// odsError words pkg/ods's errors for users.
func odsError(path string, err error) error {
	var oe *ods.Error
	var se *Error
	const fix = "open it in LibreOffice and save it again as .ods (or as .xlsx)"
	switch {
	case err == nil:
		return nil
	case errors.As(err, &se), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.As(err, &oe) && oe.TooLong:
		where := oe.Where()
		return cellTooLong(path, where[:len(where)-2], oe.Chars)
	case errors.As(err, &oe):
		return &Error{Path: path, Problem: oe.Where() + oe.Problem, Fix: fix}
	case errors.Is(err, ods.ErrNotODS):
		return &Error{Path: path, Problem: "not a readable .ods spreadsheet: it has no content.xml (it is another format renamed .ods, or is damaged)", Fix: fix}
	}
	return &Error{Path: path, Problem: "not a readable .ods spreadsheet: " + xmlProblem("content.xml", err), Fix: fix}
}

// odsRows gives pkg/ods's rows as this package's.
type odsRows struct {
	path string
	src  *ods.Rows
	row  Row
	n    int
	ctx  context.Context
	err  error
}

func (o *odsRows) Next() bool {
	if o.err != nil {
		return false
	}
	if o.n++; o.ctx != nil && o.n%1024 == 0 && o.ctx.Err() != nil {
		o.err = o.ctx.Err()
		return false
	}
	if !o.src.Next() {
		return false
	}
	r := o.src.Row()
	o.row = Row{Num: r.Num, Cells: r.Cells, Hidden: r.Hidden}
	return true
}

func (o *odsRows) Row() Row { return o.row }

func (o *odsRows) Err() error {
	if o.err != nil {
		return o.err
	}
	return odsError(o.path, o.src.Err())
}
