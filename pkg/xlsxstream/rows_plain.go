package xlsxstream

import (
	"encoding/binary"
	"strings"
)

// plainCells reads, as parseCells would, a row whose content starts at w[i] when every cell in
// it has the shape nearly every cell of a workbook of replies has: a start tag that ends as the
// same cell's did in an earlier row (sameCellTag), then a shared string or a plain integer in
// <v>digits</v> or a plain inline string, no formula, no style that formats it, and the row's
// end tag right after the last cell. Anything else, and a row cut by the end of w, gives ok ==
// false, and parseCells reads the row from its start. Reading rows so took a third fewer
// instructions than the general loop (callgrind, BenchmarkFastCountRows), whose cell-by-cell
// cases the compiler cannot keep in registers.
func (r *Rows) plainCells(w []byte, i int, hasR bool, want []bool) (cells []string, end int, ok bool) {
	if r.anchors != nil {
		return nil, 0, false
	}
	fold := len(want)
	cells = r.block[:0:len(r.block)]
	col, n := 0, 0
	for {
		i = skipSpace(w, i)
		if len(w)-i < len("</row>") || w[i] != '<' {
			return nil, 0, false
		}
		if w[i+1] == '/' {
			if string(w[i:i+len("</row>")]) != "</row>" {
				return nil, 0, false
			}
			return r.rowCells(cells), i + len("</row>"), true
		}
		if w[i+1] != 'c' {
			return nil, 0, false
		}
		n++
		_, c, t, next, same := r.sameCellTag(w, i+2, n)
		if !same || c <= col || !hasR && c != n || t.empty || t.kind >= styleNoText {
			return nil, 0, false
		}
		col = c
		skip := want != nil && (col >= len(want) || !want[col])
		var val string
		if t.code == typeInline {
			// <is><t>text</t></is></c>
			raw, after := plainInline(w, next)
			if after == 0 || len(w)-after < len("</c>") || binary.LittleEndian.Uint32(w[after:]) != cEnd ||
				len(raw) > MaxCellChars || !verbatim(raw) {
				return nil, 0, false
			}
			after += len("</c>")
			if skip && !asciiSpaceOnly(raw) {
				val = Skipped
			} else {
				val = r.intern(raw)
			}
			i = after
			cells = appendCell(cells, col, fold, val, false)
			continue
		}
		v, k, after := plainV(w, next)
		if after == 0 {
			return nil, 0, false
		}
		i = after
		switch t.code {
		case typeShared:
			if r.sst == nil || k >= r.sst.count() || r.sst.long != nil && r.sst.long[k] > 0 {
				return nil, 0, false
			}
			switch {
			case !skip:
				val = r.sharedString(k)
			case !r.sst.isBlank(k):
				val = Skipped
			default:
				val = string(r.sst.bytes(k))
			}
		case typeNumber:
			if len(v) > 1 && v[0] == '0' { // not plainInteger: numberValue reads it
				return nil, 0, false
			}
			if fold > 0 && col >= fold {
				val = Skipped
			} else {
				val = r.intern(v)
			}
		default:
			return nil, 0, false
		}
		cells = appendCell(cells, col, fold, val, false)
	}
}

// appendCell adds the value of the cell in column col to the row's cells, where cells from
// column fold on (see OnlyColumns; 0 for none) fold into one. A cell with a formula (formula)
// is kept even when it is empty.
func appendCell(cells []string, col, fold int, val string, formula bool) []string {
	switch {
	case fold > 0 && col >= fold:
		// Past the last column asked for, all that counts is whether a cell has data: one
		// Skipped says so, and a row with a cell at XFD is not 16,384 strings.
		if (formula || strings.TrimSpace(val) != "") && len(cells) < fold {
			for len(cells) < fold-1 {
				cells = append(cells, "")
			}
			cells = append(cells, Skipped)
		}
	case val != "" || formula:
		for len(cells) < col-1 {
			cells = append(cells, "")
		}
		cells = append(cells, val)
	}
	return cells
}

// plainV reads, at w[i], the content nearly every cell has: <v>, one to nine digits, </v> and the
// cell's end tag. It gives the digits, their value and the index after </c>, or after == 0 for
// any other content, which the general loop of parseCells reads.
func plainV(w []byte, i int) (v []byte, k, after int) {
	if len(w)-i < len("<v>0</v></c>") || w[i] != '<' || w[i+1] != 'v' || w[i+2] != '>' {
		return nil, 0, 0
	}
	d := w[i+3 : min(len(w), i+3+10)]
	j := 0
	for j < len(d) && d[j]-'0' <= 9 {
		k = k*10 + int(d[j]-'0')
		j++
	}
	rest := w[i+3+j:]
	if j == 0 || j > 9 || len(rest) < len("</v></c>") || string(rest[:len("</v></c>")]) != "</v></c>" {
		return nil, 0, 0
	}
	return d[:j], k, i + 3 + j + len("</v></c>")
}
