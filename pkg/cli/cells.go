package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// CellsOptions are the flags and input of cells.
type CellsOptions struct {
	IO       IOStreams
	File     string
	Sheet    string
	Reader   string // auto, fast or excelize
	Format   string // table, csv or json
	Password string
	Range    cellRange
}

// cellRange is a block of cells, 1-based and inclusive; the zero value is every cell.
type cellRange struct{ Top, Left, Bottom, Right int }

func (r cellRange) all() bool { return r == cellRange{} }

func (r cellRange) holds(row, col int) bool {
	return r.all() || row >= r.Top && row <= r.Bottom && col >= r.Left && col <= r.Right
}

// The values of cells --reader and --format, which completion offers too.
var (
	cellsReaders = []string{"auto", "fast", "excelize"}
	cellsFormats = []string{"table", "csv", "json"}
)

// NewCmdCells builds the cells command.
func NewCmdCells(io IOStreams, runF func(*CellsOptions) error) *cobra.Command {
	opts := &CellsOptions{IO: io}
	var rangeSpec string
	cmd := &cobra.Command{
		Use:   "cells FILE",
		Short: "Print the cells of a workbook or CSV file as mapsurvey reads them",
		Long: `Prints every cell that holds text, as mapsurvey reads it: its sheet, its reference, its
value (a formula's stored value; a merged range's value in each of its cells), whether its row
or sheet is hidden, and whether it holds a formula. Empty cells are left out.

--reader chooses who reads a workbook: auto (the default) reads it as analyse does, with the
fast reader and with excelize where the fast reader cannot; fast reads it with the fast reader
alone, and says why when it cannot; excelize reads it with the excelize library, the reference.
The two readers give the same cells on a good file, so that

  diff <(mapsurvey cells f.xlsx --reader fast) <(mapsurvey cells f.xlsx --reader excelize)

prints nothing. --format csv and json give every value in full; the table shortens long ones.`,
		Example: `  mapsurvey cells replies.xlsx --sheet Replies --range A1:D20
  mapsurvey cells replies.csv --format csv
  diff <(mapsurvey cells replies.xlsx --reader fast) <(mapsurvey cells replies.xlsx --reader excelize)`,
		ValidArgsFunction: completeFiles("xlsx", "xlsm", "csv", "tsv", "txt"),
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("cells needs one file (a workbook or a CSV file), got %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if !slices.Contains(cellsReaders, opts.Reader) {
				return usagef("--reader %q: use auto, fast or excelize", opts.Reader)
			}
			if !slices.Contains(cellsFormats, opts.Format) {
				return usagef("--format %q: use table, csv or json", opts.Format)
			}
			r, err := parseCellRange(rangeSpec)
			if err != nil {
				return err
			}
			opts.Range = r
			if runF != nil {
				return runF(opts)
			}
			return cellsRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Sheet, "sheet", "", "print only this sheet of the workbook")
	f.StringVar(&opts.Reader, "reader", "auto", "who reads a workbook: auto (as analyse does), fast or excelize")
	f.StringVarP(&opts.Format, "format", "f", "table", "output format: table, csv or json")
	f.StringVar(&rangeSpec, "range", "", "print only the cells of this block, e.g. A1:D20 (or one cell, B7)")
	f.StringVar(&opts.Password, "password", "", "password of an encrypted workbook")
	return cmd
}

// parseCellRange reads --range: A1:D20, D20:A1 or B7; "" is every cell.
func parseCellRange(spec string) (cellRange, error) {
	if strings.TrimSpace(spec) == "" {
		return cellRange{}, nil
	}
	from, to, two := strings.Cut(spec, ":")
	if !two {
		to = from
	}
	c1, r1, ok1 := parseCellRef(from)
	c2, r2, ok2 := parseCellRef(to)
	if !ok1 || !ok2 {
		return cellRange{}, usagef("--range %q: write a block of cells as its corners, e.g. A1:D20", spec)
	}
	return cellRange{Top: min(r1, r2), Left: min(c1, c2), Bottom: max(r1, r2), Right: max(c1, c2)}, nil
}

// parseCellRef reads a cell reference such as B7 (or $B$7).
func parseCellRef(ref string) (col, row int, ok bool) {
	ref = strings.ReplaceAll(strings.TrimSpace(ref), "$", "")
	i := strings.IndexFunc(ref, func(r rune) bool { return r >= '0' && r <= '9' })
	if i <= 0 {
		return 0, 0, false
	}
	col = sheet.ColumnNumber(ref[:i])
	row, err := strconv.Atoi(ref[i:])
	if col == 0 || err != nil || row < 1 || row > maxSheetRows {
		return 0, 0, false
	}
	return col, row, true
}

// maxSheetRows is the most rows a worksheet can have.
const maxSheetRows = 1048576

// tableWidth is how much of a value the table shows; csv and json show it all.
const tableWidth = 60

// cellLine is one cell as printed.
type cellLine struct {
	Sheet   string   `json:"sheet"`
	Cell    string   `json:"cell"`
	Value   string   `json:"value"`
	Hidden  []string `json:"hidden,omitempty"`
	Formula string   `json:"formula,omitempty"`
}

// cellWriter prints cells in one of the formats, one at a time: a file of a million rows is not
// held in memory.
type cellWriter struct {
	w      *bufio.Writer
	format string
	csv    *csv.Writer
	buf    bytes.Buffer
	n      int
}

func (cw *cellWriter) start() {
	switch cw.format {
	case "csv":
		cw.csv = csv.NewWriter(cw.w)
		_ = cw.csv.Write([]string{"sheet", "cell", "value", "hidden", "formula"})
	case "json":
		cw.w.WriteString("[")
	}
}

func (cw *cellWriter) cell(c cellLine) {
	cw.n++
	switch cw.format {
	case "csv":
		_ = cw.csv.Write([]string{c.Sheet, c.Cell, c.Value, strings.Join(c.Hidden, " "), c.Formula})
	case "json":
		if cw.n > 1 {
			cw.w.WriteString(",")
		}
		cw.buf.Reset()
		enc := json.NewEncoder(&cw.buf)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(c) // strings only: cannot fail
		cw.w.WriteString("\n  ")
		cw.w.Write(bytes.TrimSuffix(cw.buf.Bytes(), []byte("\n")))
	default:
		ref := c.Cell
		if c.Sheet != "" {
			ref = sheetRef(c.Sheet) + "!" + c.Cell
		}
		fmt.Fprintf(cw.w, "%s\t%s", ref, tableValue(c.Value))
		if len(c.Hidden) > 0 {
			fmt.Fprintf(cw.w, "\thidden: %s", strings.Join(c.Hidden, ", "))
		}
		if c.Formula != "" {
			fmt.Fprintf(cw.w, "\t%s", c.Formula)
		}
		cw.w.WriteString("\n")
	}
}

func (cw *cellWriter) end() error {
	switch cw.format {
	case "csv":
		cw.csv.Flush()
	case "json":
		if cw.n > 0 {
			cw.w.WriteString("\n")
		}
		cw.w.WriteString("]\n")
	}
	return cw.w.Flush()
}

// sheetRef writes a sheet's name as a formula would: quoted when it is not one plain word.
func sheetRef(name string) string {
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '.' {
			return "'" + strings.ReplaceAll(name, "'", "''") + "'"
		}
	}
	return name
}

// tableValue shows a value on one line: quoted (as Go quotes) when it has line breaks, tabs,
// other control characters or spaces at its ends, and shortened past tableWidth characters.
func tableValue(v string) string {
	short := v
	if n := utf8.RuneCountInString(v); n > tableWidth {
		cut := 0
		for i := range v {
			if cut == tableWidth {
				short = v[:i]
				break
			}
			cut++
		}
		short += fmt.Sprintf("... (%s characters)", thousands(n))
	}
	plain := strings.TrimSpace(v) == v
	for _, r := range v {
		if unicode.IsControl(r) || r == utf8.RuneError {
			plain = false
			break
		}
	}
	if plain {
		return short
	}
	return strconv.Quote(short)
}

// thousands writes n with commas between thousands.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func cellsRun(ctx context.Context, opts *CellsOptions) error {
	so := sheet.Options{Sheet: opts.Sheet, Password: opts.Password, Context: ctx,
		Excelize: opts.Reader == "excelize", FastOnly: opts.Reader == "fast"}
	cw := &cellWriter{w: bufio.NewWriterSize(opts.IO.Out, 64<<10), format: opts.Format}
	cw.start()
	err := sheet.Read(opts.File, so, func(info sheet.Info, rows sheet.Rows) error {
		for rows.Next() {
			if ctx != nil && ctx.Err() != nil {
				return ctx.Err()
			}
			r := rows.Row()
			if !opts.Range.all() && r.Num > opts.Range.Bottom {
				break
			}
			cellsOfRow(cw, info, r, opts.Range)
		}
		return rows.Err()
	})
	if err == nil {
		return cw.end()
	}
	// What was printed stays, without the end of a JSON array: the output is not taken for whole.
	_ = cw.w.Flush()
	if errors.Is(err, sheet.ErrFallback) {
		why := strings.TrimPrefix(strings.TrimPrefix(err.Error(), sheet.ErrFallback.Error()), ": ")
		if why != "" {
			why = " (" + why + ")"
		}
		return &inputFileError{fmt.Errorf("%s: the fast reader does not read this workbook%s; analyse reads it with excelize: run with --reader excelize (or auto) to see its cells",
			opts.File, why)}
	}
	var se *sheet.Error
	if errors.As(err, &se) {
		return &inputFileError{err}
	}
	return err
}

// cellsOfRow prints, in column order, the cells of row r that hold text or a formula and lie in
// rg. A formula with no stored value has no text, but is a cell all the same.
func cellsOfRow(cw *cellWriter, info sheet.Info, r sheet.Row, rg cellRange) {
	var hidden []string
	if info.Hidden {
		hidden = append(hidden, "sheet")
	}
	if r.Hidden {
		hidden = append(hidden, "row")
	}
	last := len(r.Cells)
	for _, f := range r.Formulas {
		last = max(last, f.Col)
	}
	for col := 1; col <= last; col++ {
		v := ""
		if col <= len(r.Cells) {
			v = r.Cells[col-1]
		}
		formula := ""
		for _, f := range r.Formulas {
			if f.Col == col {
				formula = "formula"
				if !f.Cached {
					formula = "formula, no stored value"
				}
			}
		}
		if v == "" && formula != "formula, no stored value" || !rg.holds(r.Num, col) {
			continue
		}
		cw.cell(cellLine{Sheet: info.Name, Cell: sheet.ColumnName(col) + strconv.Itoa(r.Num), Value: v, Hidden: hidden, Formula: formula})
	}
}
