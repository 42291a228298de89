package xlsxstream

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// What excelize's rows.Columns() does to a cell's stored value, for the cells the fast reader
// handles. excelize (cell.go getValueFrom, formattedValue; numfmt.go format) first rewrites a
// number cell's value (getCellDefault), then applies the number format of the cell's style, if
// the cell has a style (s > 0) and the workbook's styles define it.

// styleKind is what a cell style's number format does to a value, as far as the fast reader
// knows.
type styleKind uint8

const (
	// styleRaw: excelize leaves the value as it is (no style, or one the styles do not define).
	styleRaw styleKind = iota
	// styleGeneral: the General format, which shortens long numbers.
	styleGeneral
	// styleText: the text format "@", which changes nothing.
	styleText
	// styleNoText: a format without a text section: text is left as it is; numbers are
	// formatted (dates, percentages...), by excelize (see formatter).
	styleNoText
	// styleOther: a format whose text section could change text: numbers and text are
	// formatted by excelize.
	styleOther
)

// styleSheet is the part of xl/styles.xml that decides number formats, decoded as excelize
// decodes it (xlsxStyleSheet).
type styleSheet struct {
	XMLName xml.Name `xml:"http://schemas.openxmlformats.org/spreadsheetml/2006/main styleSheet"`
	NumFmts *struct {
		NumFmt []struct {
			NumFmtID     int    `xml:"numFmtId,attr"`
			FormatCode   string `xml:"formatCode,attr"`
			FormatCode16 string `xml:"http://schemas.microsoft.com/office/spreadsheetml/2015/02/main formatCode16,attr"`
		} `xml:"numFmt"`
	} `xml:"numFmts"`
	CellXfs *struct {
		Xf []struct {
			NumFmtID *int `xml:"numFmtId,attr"`
		} `xml:"xf"`
	} `xml:"cellXfs"`
}

// readStyles classifies each cell style (xf) of a workbook. nil means every style is styleRaw.
func readStyles(r io.Reader) ([]styleKind, error) {
	var ss styleSheet
	if err := xml.NewDecoder(r).Decode(&ss); err != nil && err != io.EOF {
		return nil, err
	}
	if ss.CellXfs == nil {
		return nil, nil
	}
	kinds := make([]styleKind, len(ss.CellXfs.Xf))
	for i, xf := range ss.CellXfs.Xf {
		if i == 0 {
			continue // s="0" is never formatted
		}
		id := 0
		if xf.NumFmtID != nil {
			id = *xf.NumFmtID
		}
		code, custom := "", false
		if ss.NumFmts != nil {
			for _, nf := range ss.NumFmts.NumFmt {
				if nf.NumFmtID == id {
					code, custom = nf.FormatCode, true
					if nf.FormatCode16 != "" {
						code = nf.FormatCode16
					}
					break
				}
			}
		}
		switch {
		case custom:
			kinds[i] = formatKind(code)
		case id == 0:
			kinds[i] = styleGeneral
		case id == 49:
			kinds[i] = styleText
		default:
			// The other built-in formats (numbers, dates, and the language-dependent ones, which
			// excelize leaves alone by default) have no text section.
			kinds[i] = styleNoText
		}
	}
	return kinds, nil
}

// formatKind classifies a custom number format code. excelize's parser (nfp) makes a text
// section of a section with "@" or of the fourth section.
func formatKind(code string) styleKind {
	code = strings.TrimSpace(code)
	switch {
	case strings.EqualFold(code, "General"):
		return styleGeneral
	case code == "@":
		return styleText
	case strings.Contains(code, "@") || strings.Count(code, ";") >= 3:
		return styleOther
	}
	return styleNoText
}

// isNumeric is excelize's isNumeric (lib.go): whether s parses as a float, and its precision
// (the digits of its plain notation, sign included).
func isNumeric(s string) (bool, int, float64) {
	if strings.Contains(s, "_") {
		return false, 0, 0
	}
	flt, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return false, 0, 0
	}
	plain := strconv.FormatFloat(flt, 'f', -1, 64)
	return true, len(plain) - strings.Count(plain, "."), flt
}

// isNumWithinPrecision is excelize's: integers zero-filled after Excel's 15 significant digits.
func isNumWithinPrecision(str string) bool {
	if strings.ContainsAny(str, ".Ee") {
		return false
	}
	str = strings.TrimLeft(str, "+-0")
	return len(strings.TrimRight(str, "0")) <= 15
}

// plainInteger tells whether v is an integer excelize shows as it is stored, with or without
// the General format: no sign but "-", no leading zero, at most 11 characters.
func plainInteger(v []byte) bool {
	if len(v) == 0 || len(v) > 11 {
		return false
	}
	d := v
	if d[0] == '-' {
		d = d[1:]
	}
	if len(d) == 0 || d[0] < '1' || d[0] > '9' {
		return len(v) == 1 && v[0] == '0'
	}
	for _, c := range d[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// numberValue is the value excelize gives a cell of type n (or e, or no type) with stored value
// v under a style of kind k (styleRaw, styleGeneral or styleText); ok is false for the other
// kinds, which the formatter formats.
func numberValue(v string, k styleKind) (string, bool) {
	isNum, prec, f := isNumeric(v)
	if !isNum {
		return v, k != styleOther
	}
	// getCellDefault
	if prec > 15 && !isNumWithinPrecision(v) {
		v = strconv.FormatFloat(f, 'G', 15, 64)
	} else {
		v = strconv.FormatFloat(f, 'f', -1, 64)
	}
	switch k {
	case styleRaw, styleText:
		return v, true
	case styleGeneral:
		// numfmt.go positiveHandler, General token: isNumeric on the rewritten value.
		if isNum, prec, _ := isNumeric(v); isNum && prec > 11 {
			f, _ := strconv.ParseFloat(v, 64)
			return strconv.FormatFloat(f, 'G', 10, 64), true
		}
		return v, true
	}
	return "", false
}
