package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// formulaCell tells whether a formula cell carries the value it last computed.
type formulaCell struct {
	col    int
	cached bool
}

// formulaIndex lists the formula cells of each sheet of a workbook, by sheet name and row. The
// reader takes the values a workbook stores, which for a formula is its last computed value;
// a formula saved without one (written by a program, never opened in a spreadsheet) has none.
// excelize does not say which cells hold formulas, so the sheet XML is scanned for them.
func formulaIndex(path string, zr *zip.Reader) (map[string]map[int][]formulaCell, error) {
	parts := zipParts(zr)
	sheets, err := sheetParts(parts)
	if err != nil {
		return nil, damagedPart(path, zr, err)
	}
	strs, err := countSharedStrings(parts)
	if err != nil {
		return nil, damagedPart(path, zr, err)
	}
	out := map[string]map[int][]formulaCell{}
	for name, part := range sheets {
		f, ok := parts[part]
		if !ok {
			continue
		}
		cells, err := scanFormulas(f, strs)
		var damage *sheetDamage
		var long *cellTooLongError
		if errors.As(err, &long) {
			return nil, cellTooLong(path, fmt.Sprintf("%s!%s%d", name, ColumnName(long.col), long.row), long.chars)
		}
		if errors.As(err, &damage) && damage.limit {
			return nil, &Error{Path: path, Problem: name + "!" + damage.what,
				Fix: "delete the columns right of the replies (or unmerge the cells), or save the replies as CSV"}
		}
		if errors.As(err, &damage) {
			return nil, &Error{Path: path, Problem: fmt.Sprintf("%s!%s (the file is damaged)", name, damage.what),
				Fix: "open it in Excel or LibreOffice and save it again as .xlsx"}
		}
		if err != nil {
			return nil, damagedSheet(path, zr, name, err)
		}
		if len(cells) > 0 {
			out[name] = cells
		}
	}
	return out, nil
}

func zipParts(zr *zip.Reader) map[string]*zip.File {
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[f.Name] = f
	}
	return parts
}

// sheetParts maps sheet names to their parts through the workbook and its relationships, found
// as excelize finds them: the workbook part named by _rels/.rels, its relationships beside it,
// the sheets' targets relative to its folder.
func sheetParts(parts map[string]*zip.File) (map[string]string, error) {
	var root, rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
			Type   string `xml:"Type,attr"`
		} `xml:"Relationship"`
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := decodePart(parts, "_rels/.rels", &root); err != nil {
		return nil, err
	}
	wbPath := ""
	for _, r := range root.Rels {
		if r.Type == "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" {
			wbPath = strings.TrimPrefix(r.Target, "/")
			break
		}
	}
	if err := decodePart(parts, wbPath, &wb); err != nil {
		return nil, err
	}
	relsPath := strings.TrimPrefix(path.Dir(wbPath)+"/_rels/"+path.Base(wbPath)+".rels", "/")
	if path.Dir(wbPath) == "." {
		relsPath = "_rels/" + path.Base(wbPath) + ".rels"
	}
	if err := decodePart(parts, relsPath, &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(path.Clean(t), "/")
		} else {
			t = strings.TrimPrefix(path.Clean(path.Dir(wbPath)+"/"+t), "/")
		}
		targets[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		if t, ok := targets[s.ID]; ok {
			out[s.Name] = t
		} else if s.ID == "" {
			out[s.Name] = "" // kept without a part: see xlsxstream.NoCellsSheet
		}
	}
	return out, nil
}

func decodePart(parts map[string]*zip.File, name string, v any) error {
	f, ok := parts[name]
	if !ok {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return err
	}
	return xml.NewDecoder(bytes.NewReader(transitional(data))).Decode(v)
}

// strictNames are the Strict OOXML namespaces that excelize reads as their transitional
// counterparts (namespaceStrictToTransitional), longest first.
var strictNames = strings.NewReplacer(
	"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
	"http://purl.oclc.org/ooxml/officeDocument/relationships", "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
	"http://purl.oclc.org/ooxml/spreadsheetml/main", "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
)

// transitional rewrites the Strict OOXML namespaces of a part as excelize does.
func transitional(data []byte) []byte {
	if !bytes.Contains(data, []byte("purl.oclc.org")) {
		return data
	}
	return []byte(strictNames.Replace(string(data)))
}

// maxExcelizeCells bounds the cells, empty ones included, excelize may make of a sheet: a
// million rows of 100 columns.
const maxExcelizeCells = 100_000_000

// cellTooLongError is a cell of more than MaxCellChars characters, found by the scan.
type cellTooLongError struct{ col, row, chars int }

func (e *cellTooLongError) Error() string { return "a cell too long" }

// sheetDamage is what makes a sheet's XML one no spreadsheet program writes, and that excelize
// would read without a word: the reader refuses it, as the fast reader does.
type sheetDamage struct {
	what  string
	limit bool // not damage: more than a reader can take
}

func (d *sheetDamage) Error() string { return d.what }

// countSharedStrings counts the strings of the shared strings table; -1 when there is none.
func countSharedStrings(parts map[string]*zip.File) (int, error) {
	var f *zip.File
	for name, zf := range parts {
		if strings.EqualFold(name, "xl/sharedStrings.xml") {
			f = zf
		}
	}
	if f == nil {
		return -1, nil
	}
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	n, depth := 0, 0
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth == 2 && t.Name.Local == "si" {
				n++
			}
		case xml.EndElement:
			depth--
		}
	}
}

// scanFormulas streams one sheet's XML and notes every cell with an <f> element and whether it
// has a non-empty <v>. It refuses (*sheetDamage) what excelize would misread without a word: a
// row number given twice (excelize keeps the last), a shared string index that is not one of
// the strMax strings (excelize reads the first, or nothing), a cell reference that is not one.
func scanFormulas(f *zip.File, strMax int) (map[int][]formulaCell, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	out := map[int][]formulaCell{}
	row, col := 0, 0
	inCell, hasFormula, inValue, cached := false, false, false, false
	var seen []uint64 // the row numbers met, a bit each
	shared := false
	padded := 0 // cells excelize makes, row after row
	var value []byte
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				// excelize makes a string of every cell from column A to the last of each row: a
				// million rows reaching XFD would be 16 billion (minutes, and gigabytes).
				if padded += col; padded > maxExcelizeCells {
					return nil, &sheetDamage{what: fmt.Sprintf("row %d: the rows reach too far to the right (column %s) to be read with this workbook's merged cells, dates or password", row, ColumnName(col)), limit: true}
				}
				row++
				col = 0
				if r := attr(t, "r"); r != "" {
					if n, err := strconv.Atoi(r); err == nil {
						row = n
					}
				}
				if row > 0 && row <= 1<<20 {
					if len(seen) <= row>>6 {
						seen = append(seen, make([]uint64, row>>6+1-len(seen))...)
					}
					if seen[row>>6]&(1<<(row&63)) != 0 {
						return nil, &sheetDamage{what: fmt.Sprintf("row %d: the sheet holds row %d twice", row, row)}
					}
					seen[row>>6] |= 1 << (row & 63)
				}
			case "c":
				col++
				if ref := attr(t, "r"); ref != "" {
					c, r := splitRef(ref)
					if c == 0 {
						return nil, &sheetDamage{what: fmt.Sprintf("row %d: a cell is called %q, which is not a cell", row, ref)}
					}
					col, row = c, r
				}
				shared = attr(t, "t") == "s"
				inCell, hasFormula, cached = true, false, false
				value = value[:0]
			case "f":
				hasFormula = hasFormula || inCell
			case "v":
				inValue = inCell
			}
		case xml.CharData:
			if inValue && len(bytes.TrimSpace(t)) > 0 {
				cached = true
			}
			if inCell && len(t) > MaxCellChars {
				if n := utf8.RuneCount(t); n > MaxCellChars {
					return nil, &cellTooLongError{col: col, row: row, chars: n}
				}
			}
			if inValue && shared && len(value) < 32 {
				value = append(value, t...)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inValue = false
			case "c":
				if v := strings.TrimSpace(string(value)); shared && v != "" {
					if k, err := strconv.Atoi(v); err != nil || k < 0 || k >= strMax {
						return nil, &sheetDamage{what: fmt.Sprintf("%s%d: the cell points to shared text %q, which the workbook does not hold", ColumnName(col), row, v)}
					}
				}
				if hasFormula {
					out[row] = append(out[row], formulaCell{col: col, cached: cached})
				}
				inCell = false
			}
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// splitRef splits "C103" into column 3 and row 103; 0 when it is not a cell reference.
func splitRef(ref string) (col, row int) {
	i := 0
	for i < len(ref) && (ref[i] >= 'A' && ref[i] <= 'Z' || ref[i] >= 'a' && ref[i] <= 'z') {
		i++
	}
	col = ColumnNumber(ref[:i])
	row, err := strconv.Atoi(ref[i:])
	if err != nil || col == 0 {
		return 0, 0
	}
	return col, row
}
