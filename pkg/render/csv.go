package render

import (
	"encoding/csv"
	"io"
)

// CSVTable writes one table as CSV: a header row, the rows and the total row, with raw values
// (shares unadjusted, one decimal) so that spreadsheets can compute with them.
func CSVTable(w io.Writer, t Table) error {
	cw := csv.NewWriter(w)
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = c.Title
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
			rec[i] = v.Raw
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
		if err := cw.Write([]string{t.Name}); err != nil {
			return err
		}
		cw.Flush()
		if err := CSVTable(w, t); err != nil {
			return err
		}
	}
	return nil
}
