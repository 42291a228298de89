package xlsxstream

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// formatter gives a cell's value under a number format exactly as excelize does, by asking
// excelize: a workbook of its own holds the read workbook's styles (xl/styles.xml, as it is)
// and its date system, and a cell per style, into which each value is put and read back with
// GetCellValue, which formats it as rows.Columns() does. Number formats are excelize's own
// (thousands of lines of sections, dates, currencies and locales); reproducing them would be
// a second implementation to keep in step, and this one is the reference.
//
// It costs a few microseconds a value, and values repeat (dates, years, percentages), so the
// results are kept: a sheet of a million rows with a date column asks excelize a few thousand
// times.
type formatter struct {
	f        *excelize.File
	err      error
	styled   map[int]string // the cell of each style set up
	cache    map[formatKey]string
	styles   []byte
	date1904 bool
}

type formatKey struct {
	style int
	text  bool // a text cell (shared or inline string, boolean), not a number
	date  bool // a date cell (t="d")
	value string
}

const formatterSheet = "Sheet1"

// newFormatter makes the formatter of a workbook whose xl/styles.xml is styles and whose
// workbookPr date1904 is date1904.
func newFormatter(styles []byte, date1904 bool) *formatter {
	fm := &formatter{styles: styles, date1904: date1904}
	fm.reset()
	return fm
}

// reset starts again from a new workbook, with nothing kept: the workbook keeps every string
// it was given in its shared strings.
func (fm *formatter) reset() {
	fm.styled, fm.cache = map[int]string{}, map[formatKey]string{}
	styles, date1904 := fm.styles, fm.date1904
	f := excelize.NewFile()
	f.Styles = nil // read again from the part stored below
	f.Pkg.Store("xl/styles.xml", styles)
	if date1904 {
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
			fm.err = err
		}
	}
	fm.f = f
}

// value is what excelize gives a cell of style s holding value v: a number (t="n", "e" or
// none, v numeric) or text. ok is false when excelize cannot be asked for it exactly: text
// with an _xHHHH_ escape (which excelize would decode again).
func (fm *formatter) value(s int, text bool, v string) (string, bool) {
	if fm.err != nil {
		return "", false
	}
	if text && (strings.Contains(v, "_x") || strings.Contains(v, "_X")) {
		return "", false
	}
	key := formatKey{style: s, text: text, value: v}
	if out, ok := fm.cache[key]; ok {
		return out, true
	}
	ref, ok := fm.styled[s]
	if !ok {
		ref = fmt.Sprintf("A%d", len(fm.styled)+1)
		if err := fm.f.SetCellStyle(formatterSheet, ref, ref, s); err != nil {
			fm.err = err
			return "", false
		}
		fm.styled[s] = ref
	}
	var err error
	if text {
		err = fm.f.SetCellStr(formatterSheet, ref, v)
	} else {
		err = fm.f.SetCellDefault(formatterSheet, ref, v)
	}
	if err != nil {
		return "", false
	}
	return fm.readBack(key, ref)
}

// readBack reads the value excelize gives the cell at ref, and keeps it under key.
func (fm *formatter) readBack(key formatKey, ref string) (string, bool) {
	out, err := fm.f.GetCellValue(formatterSheet, ref)
	if err != nil {
		return "", false
	}
	if len(fm.cache) >= 1<<16 {
		fm.reset()
	}
	fm.cache[key] = out
	return out, true
}

// date is what excelize gives a date cell (t="d") of style s holding v, an ISO 8601 date:
// excelize turns it into a serial number and formats that (getCellDate). The public API
// writes no such cell, so the formatter's sheet is replaced by one holding it, read again.
func (fm *formatter) date(s int, v string) (string, bool) {
	if fm.err != nil || strings.ContainsAny(v, "<&") {
		return "", false
	}
	key := formatKey{style: s, date: true, value: v}
	if out, ok := fm.cache[key]; ok {
		return out, true
	}
	const part = "xl/worksheets/sheet1.xml"
	fm.f.Pkg.Store(part, []byte(`<worksheet xmlns="`+nsMain+`"><sheetData><row r="1"><c r="A1" s="`+strconv.Itoa(s)+`" t="d"><v>`+v+`</v></c></row></sheetData></worksheet>`))
	fm.f.Sheet.Delete(part)
	clear(fm.styled) // the cells set up are gone with the sheet
	return fm.readBack(key, "A1")
}

// formatter is the workbook's formatter, made when a cell first needs it.
func (w *Workbook) formatter() *formatter {
	if w.fmt == nil {
		w.fmt = newFormatter(bytes.Clone(w.stylesXML), w.date1904)
	}
	return w.fmt
}
