package sheet

import (
	"errors"
	"fmt"

	"github.com/mapsurvey/mapsurvey/pkg/docxtable"
)

// readWord reads the tables of a Word document with pkg/docxtable, each as a sheet named
// "table N". The document is read whole before the first table is given (a reply's document
// is small), under the bounds of a workbook read by excelize.
func readWord(path string, opts Options, fn func(Info, Rows) error) error {
	f, zr, err := openZip(path, ".docx document", "open it in Word or LibreOffice and save it again")
	if err != nil {
		return err
	}
	defer f.Close()
	if err := checkPackage(path, zr, maxExcelizeSize); err != nil {
		return err
	}
	tables, err := docxtable.Read(zr)
	if err != nil {
		return wordError(path, err)
	}
	if len(tables) == 0 {
		return &Error{Path: path, Problem: "the Word document holds no table",
			Fix: "give the replies in a table, one row per activity (mapsurvey template --format docx writes one), or in a spreadsheet"}
	}
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = tableName(t.Num)
	}
	want, err := pickSheet(path, opts.Sheet, names)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if want != "" && tableName(t.Num) != want {
			continue
		}
		if opts.Context != nil && opts.Context.Err() != nil {
			return opts.Context.Err()
		}
		info := Info{Name: tableName(t.Num), Merged: t.Merged, Table: t.Num, Caption: t.Caption}
		if err := fn(info, &tableRows{rows: t.Rows, at: -1}); err != nil {
			return err
		}
	}
	return nil
}

func tableName(n int) string { return fmt.Sprintf("table %d", n) }

// wordError words pkg/docxtable's errors for users.
func wordError(path string, err error) error {
	const fix = "open it in Word or LibreOffice and save it again as .docx"
	var de *docxtable.Error
	var pe *docxtable.PartError
	switch {
	case errors.As(err, &de) && de.TooLong:
		return &Error{Path: path, Problem: de.Error(), Fix: "shorten the text of that cell, or split it over several cells"}
	case errors.As(err, &de):
		return &Error{Path: path, Problem: de.Error(), Fix: fix}
	case errors.Is(err, docxtable.ErrNotDocx):
		return &Error{Path: path, Problem: "not a readable .docx document: it has no word/document.xml (it is another format renamed .docx, or is damaged)", Fix: fix}
	case errors.As(err, &pe):
		return &Error{Path: path, Problem: "not a readable .docx document: " + xmlProblem(pe.Part, pe.Err), Fix: fix}
	}
	return &Error{Path: path, Problem: "not a readable .docx document: " + xmlProblem("", err), Fix: fix}
}

// tableRows gives a table's rows, read already.
type tableRows struct {
	rows []docxtable.Row
	at   int
}

func (t *tableRows) Next() bool {
	if t.at+1 >= len(t.rows) {
		return false
	}
	t.at++
	return true
}

func (t *tableRows) Row() Row {
	r := t.rows[t.at]
	return Row{Num: r.Num, Cells: r.Cells}
}

func (t *tableRows) Err() error { return nil }
