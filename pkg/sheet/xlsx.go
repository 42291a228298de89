package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mapsurvey/mapsurvey/pkg/cellref"
	"github.com/xuri/excelize/v2"
)

// oleHeader starts a compound document: an encrypted workbook, or an old .xls renamed .xlsx.
var oleHeader = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}

// encryptionInfo is the name of the stream an encrypted workbook's compound document holds
// (UTF-16): an old .xls workbook, or a damaged file, has none.
var encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")

// excelizeBook is a workbook opened by excelize, with what is read of each sheet before its rows.
type excelizeBook struct {
	f      *excelize.File
	sheets []excelizeSheet
}

type excelizeSheet struct {
	info     Info
	rows     *excelize.Rows
	merges   []mergedRange
	formulas map[int][]formulaCell
}

func (b *excelizeBook) close() {
	if b == nil {
		return
	}
	for _, s := range b.sheets {
		if s.rows != nil {
			s.rows.Close()
		}
	}
	b.f.Close()
}

func readExcelize(path string, opts Options, fn func(Info, Rows) error) error {
	var book *excelizeBook
	// excelize parses a whole sheet before giving its first row, which can take minutes: the
	// caller returns at once on cancel (Ctrl-C), the work ends on its own goroutine.
	err := whileRunning(opts.Context, func() error {
		var err error
		book, err = openExcelize(path, opts)
		return err
	}, func() { book.close() })
	if err != nil {
		return err
	}
	defer book.close()
	for _, s := range book.sheets {
		if s.rows == nil { // not a worksheet (see otherSheet)
			if err := fn(s.info, noRows{}); err != nil {
				return err
			}
			continue
		}
		xr := &xlsxRows{path: path, sheet: s.info.Name, rows: s.rows, merges: s.merges, formulas: s.formulas, ctx: opts.Context}
		if err := fn(s.info, xr); err != nil {
			return err
		}
	}
	return nil
}

// whileRunning runs work and returns its error, or ctx's as soon as ctx is done; cleanup then
// runs when work has ended.
func whileRunning(ctx context.Context, work func() error, cleanup func()) error {
	if ctx == nil {
		return work()
	}
	done := make(chan error, 1)
	go func() { done <- work() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		go func() {
			<-done
			cleanup()
		}()
		return ctx.Err()
	}
}

func openExcelize(path string, opts Options) (*excelizeBook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, openError(path, err)
	}
	if len(data) == 0 {
		return nil, emptyFile(path)
	}
	plain := data
	if bytes.HasPrefix(data, oleHeader) {
		if !bytes.Contains(data, encryptionInfo) {
			return nil, &Error{Path: path, Problem: "not a readable .xlsx workbook: it is an old Excel 97-2003 workbook (.xls) renamed .xlsx, or is damaged",
				Fix: "open it in Excel or LibreOffice and save it again as .xlsx"}
		}
		if opts.Password == "" {
			return nil, &Error{Path: path, Problem: "the workbook is protected by a password",
				Fix: "give the password with --password, or save it as .xlsx without a password"}
		}
		plain, err = excelize.Decrypt(data, &excelize.Options{Password: opts.Password})
		if err != nil || !bytes.HasPrefix(plain, []byte("PK")) {
			return nil, &Error{Path: path, Problem: "the password does not open the workbook", Fix: "check the password given with --password"}
		}
	}
	plain = canonicalNames(plain)
	zr, err := zip.NewReader(bytes.NewReader(plain), int64(len(plain)))
	if err != nil {
		return nil, workbookError(path, err)
	}
	if err := checkPackage(path, zr, maxExcelizeSize); err != nil {
		return nil, err
	}
	// The sheets' XML is scanned first, as it streams: damage, and cells too long, are refused
	// before excelize holds the whole sheet in memory.
	formulas, err := formulaIndex(path, zr)
	if err != nil {
		return nil, err
	}
	// Excelize is given only what replies need (tidy.go), so that what it would refuse and the
	// fast reader passes over (a damaged thumbnail, a row height that is not a number) does not
	// decide whether the file is read.
	tidied, large, kept, err := tidyPackage(zr)
	if err != nil {
		var pe *partError
		if errors.As(err, &pe) {
			return nil, &Error{Path: path, Problem: "not a readable .xlsx workbook: " + xmlProblem(pe.part, pe.err),
				Fix: "open it in Excel or LibreOffice and save it again as .xlsx"}
		}
		return nil, workbookError(path, err)
	}
	// Every part in memory: no temporary files, which a kill would leave behind (checkPackage
	// has bounded the parts).
	f, err := excelize.OpenReader(bytes.NewReader(tidied), excelize.Options{UnzipSizeLimit: maxTotalSize, UnzipXMLSizeLimit: maxTotalSize})
	if err != nil {
		return nil, damagedPart(path, kept, err)
	}
	for name, data := range large {
		f.Pkg.Store(name, data)
	}
	zr = kept
	book := &excelizeBook{f: f}
	ok := false
	defer func() {
		if !ok {
			book.close()
		}
	}()
	names := f.GetSheetList()
	if opts.Sheet != "" {
		found := ""
		for _, n := range names {
			if n == opts.Sheet || strings.EqualFold(n, opts.Sheet) && found == "" {
				found = n
			}
		}
		if found == "" {
			return nil, &Error{Path: path, Problem: fmt.Sprintf("no sheet named %q", opts.Sheet),
				Fix: "the sheets are " + quoteList(names)}
		}
		names = []string{found}
	}
	for _, name := range names {
		damaged := func(err error) error { return damagedSheet(path, zr, name, err) }
		visible, err := f.GetSheetVisible(name)
		if err != nil {
			return nil, damaged(err)
		}
		merges, err := mergedRanges(f, name)
		if kind := otherSheet(zr, name, err); kind != "" {
			book.sheets = append(book.sheets, excelizeSheet{info: Info{Name: name, Hidden: !visible, Other: kind}})
			continue
		}
		if err != nil {
			return nil, damaged(err)
		}
		rows, err := f.Rows(name)
		if err != nil {
			return nil, damaged(err)
		}
		book.sheets = append(book.sheets, excelizeSheet{info: Info{Name: name, Hidden: !visible, Merged: len(merges)},
			rows: rows, merges: merges, formulas: formulas[name]})
	}
	ok = true
	return book, nil
}

// damagedSheet is the error for a sheet excelize cannot read, naming the sheet and its part.
func damagedSheet(path string, zr *zip.Reader, name string, err error) error {
	var missing excelize.ErrSheetNotExist
	if errors.As(err, &missing) {
		return &Error{Path: path, Problem: fmt.Sprintf("sheet %q is listed in the workbook but its data is missing (the file is damaged)", name),
			Fix: "open it in Excel or LibreOffice and save it again as .xlsx"}
	}
	part := sheetPartOf(zr, name)
	return &Error{Path: path, Problem: fmt.Sprintf("sheet %q cannot be read: %s", name, xmlProblem(part, err)),
		Fix: "open it in Excel or LibreOffice and save it again as .xlsx"}
}

// damagedPart is the error for a workbook excelize cannot open: it names the part that is not
// well-formed XML, when one is not.
func damagedPart(path string, zr *zip.Reader, err error) error {
	for _, zf := range zr.File {
		name := strings.ToLower(zf.Name)
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") || zf.UncompressedSize64 > 16<<20 {
			continue
		}
		if xerr := wellFormed(zf); xerr != nil {
			return &Error{Path: path, Problem: "not a readable .xlsx workbook: " + xmlProblem(zf.Name, xerr),
				Fix: "open it in Excel or LibreOffice and save it again as .xlsx"}
		}
	}
	return workbookError(path, err)
}

var errEmptyPart = errors.New("an empty part")

// wellFormed reads a part through, reporting its first XML error.
func wellFormed(zf *zip.File) error {
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	for tokens := 0; ; tokens++ {
		_, err := dec.RawToken()
		if err == io.EOF && tokens == 0 {
			return errEmptyPart
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// xmlProblem words an XML error in part for users: "its part xl/worksheets/sheet1.xml is damaged
// (line 2: unexpected end of the data)".
func xmlProblem(part string, err error) string {
	where := "the workbook"
	if part != "" {
		where = "its part " + part
	}
	var se *xml.SyntaxError
	var ne *strconv.NumError
	switch {
	case errors.As(err, &ne):
		return fmt.Sprintf("%s is damaged (%q stands where a number belongs)", where, ne.Num)
	case errors.Is(err, errEmptyPart):
		return where + " is damaged (it is empty)"
	case errors.As(err, &se):
		return fmt.Sprintf("%s is damaged (line %d: %s)", where, se.Line, strings.ReplaceAll(se.Msg, "unexpected EOF", "the XML ends too early"))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return where + " is damaged (it ends too early)"
	case errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm):
		return where + " is damaged (it cannot be unpacked)"
	}
	return where + " is damaged"
}

// sheetPartOf is the part of the sheet called name; "" when the workbook does not tell.
func sheetPartOf(zr *zip.Reader, name string) string {
	parts, err := sheetParts(zipParts(zr))
	if err != nil {
		return ""
	}
	return parts[name]
}

// cellTooLong is the error for a cell of more than MaxCellChars characters (n, or more when n
// is 0) at cell, written as a spreadsheet program writes it ("Replies!D7").
func cellTooLong(path, cell string, n int) error {
	problem := fmt.Sprintf("%s: the cell holds more than the %s characters a spreadsheet cell can", cell, thousands(MaxCellChars))
	if n > MaxCellChars {
		problem = fmt.Sprintf("%s: the cell holds %s characters, more than a spreadsheet cell can (%s)", cell, thousands(n), thousands(MaxCellChars))
	}
	return &Error{Path: path, Problem: problem,
		Fix: "shorten the text of that cell, or split it over several cells"}
}

func emptyFile(path string) error {
	return &Error{Path: path, Problem: "the file is empty", Fix: "check that it was saved completely"}
}

// workbookError is the error for a file that is not a readable workbook; whatever the library
// says (zip: not a valid zip file, EOF...) is not for users.
func workbookError(path string, err error) error {
	if lockedByAnother(err) {
		return lockedError(path)
	}
	return &Error{Path: path, Problem: "not a readable .xlsx workbook (the file is damaged, or is another format renamed .xlsx)",
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
type mergedRange = cellref.Merged

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
		out = append(out, mergedRange{Top: min(t, b), Left: min(l, r), Bottom: max(t, b), Right: max(l, r), Value: m.GetCellValue()})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Top < out[j].Top })
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
	ctx         context.Context // nil, or stops the rows when done
}

// Next advances one row; excelize reports every row number, blank ones with no cells.
func (x *xlsxRows) Next() bool {
	if x.err != nil || !x.rows.Next() {
		if x.err == nil && x.rows.Error() != nil {
			x.err = &Error{Path: x.path, Problem: fmt.Sprintf("sheet %q cannot be read: %s", x.sheet, xmlProblem("", x.rows.Error())),
				Fix: "open it in Excel or LibreOffice and save it again as .xlsx"}
		}
		return false
	}
	x.num++
	if x.ctx != nil && x.num%1024 == 0 && x.ctx.Err() != nil {
		x.err = x.ctx.Err()
		return false
	}
	cells, err := x.rows.Columns()
	if err != nil {
		x.err = &Error{Path: x.path, Problem: fmt.Sprintf("%s!row %d: a cell of the row cannot be read (the file is damaged)", x.sheet, x.num),
			Fix: "open it in Excel or LibreOffice and save it again as .xlsx"}
		return false
	}
	for i, c := range cells {
		if len(c) > MaxCellChars {
			if n := utf8.RuneCountInString(c); n > MaxCellChars {
				x.err = cellTooLong(x.path, fmt.Sprintf("%s!%s%d", x.sheet, ColumnName(i+1), x.num), n)
				return false
			}
		}
	}
	x.row = Row{Num: x.num, Cells: x.fillMerged(cells), Hidden: x.rows.GetRowOpts().Hidden}
	for _, fc := range x.formulas[x.num] {
		x.row.Formulas = append(x.row.Formulas, Formula{Col: fc.col, Cached: fc.cached})
	}
	return true
}

// fillMerged writes each merged range's value into the cells of the current row it covers.
func (x *xlsxRows) fillMerged(cells []string) []string {
	cells, x.merges = cellref.FillMerged(cells, x.num, x.merges)
	return cells
}

func (x *xlsxRows) Row() Row   { return x.row }
func (x *xlsxRows) Err() error { return x.err }
