package render

import (
	"encoding/csv"
	"io"
	"regexp"

	"github.com/mapsurvey/mapsurvey/pkg/table"
)

// CSVTable writes one table as CSV: a header row, the rows and the total row, with raw values
// (shares unadjusted, one decimal) so that spreadsheets can compute with them. Text that a
// spreadsheet would run as a formula is escaped (see SafeCSV).
func CSVTable(w io.Writer, t Table) error {
	cw := csv.NewWriter(w)
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = SafeCSV(c.Title)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	rows := t.Rows
	if t.Total != nil {
		rows = append(rows[:len(rows):len(rows)], t.Total)
	}
	for _, row := range rows {
		rec := make([]string, len(row))
		for i, v := range row {
			if i < len(t.Columns) && t.Columns[i].Numeric() && plainNumber.MatchString(v.Raw) {
				rec[i] = v.Raw // -3 in a column of differences is a number, not a formula
				continue
			}
			rec[i] = SafeCSV(v.Raw)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CSV writes all tables to one stream, each after a one-cell title record and separated by a
// blank line; --out DIR writes one file per table instead, for spreadsheets.
func CSV(w io.Writer, tables []Table) error {
	for i, t := range tables {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		cw := csv.NewWriter(w)
		if err := cw.Write([]string{SafeCSV(t.Name)}); err != nil {
			return err
		}
		cw.Flush()
		if err := CSVTable(w, t); err != nil {
			return err
		}
	}
	return nil
}

var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// SafeCSV escapes text that a spreadsheet would run: a cell that starts with =, +, -, @, a tab
// or a line break (after any spaces) gets a single quote in front, as OWASP recommends
// ("=HYPERLINK(...)" becomes "'=HYPERLINK(...)"), so that it opens as the text it is. Numbers
// of numeric columns are written as they are by CSVTable, not through SafeCSV.
func SafeCSV(s string) string {
	if _, ok := table.FormulaStart(s); ok {
		return "'" + s
	}
	return s
}
