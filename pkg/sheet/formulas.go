package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"
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
	out := map[string]map[int][]formulaCell{}
	for name, part := range sheets {
		f, ok := parts[part]
		if !ok {
			continue
		}
		cells, err := scanFormulas(f)
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

// sheetParts maps sheet names to their parts through the workbook and its relationships.
func sheetParts(parts map[string]*zip.File) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(parts, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := decodePart(parts, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		if t, ok := targets[s.ID]; ok {
			out[s.Name] = t
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
	return xml.NewDecoder(rc).Decode(v)
}

// scanFormulas streams one sheet's XML and notes every cell with an <f> element and whether it
// has a non-empty <v>.
func scanFormulas(f *zip.File) (map[int][]formulaCell, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	out := map[int][]formulaCell{}
	row, col := 0, 0
	inCell, hasFormula, inValue, cached := false, false, false, false
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
				row++
				col = 0
				if r := attr(t, "r"); r != "" {
					if n, err := strconv.Atoi(r); err == nil {
						row = n
					}
				}
			case "c":
				col++
				if ref := attr(t, "r"); ref != "" {
					if c, r := splitRef(ref); c > 0 {
						col, row = c, r
					}
				}
				inCell, hasFormula, cached = true, false, false
			case "f":
				hasFormula = hasFormula || inCell
			case "v":
				inValue = inCell
			}
		case xml.CharData:
			if inValue && len(bytes.TrimSpace(t)) > 0 {
				cached = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inValue = false
			case "c":
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
