package xlsxstream

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
)

// Merged cells. The excelize-based reader repeats a merged range's value (that of its top-left
// cell, as excelize's GetCellValue gives it) over every cell of the range, in every row excelize
// reports. excelize first merges overlapping ranges into one, comparing every pair of ranges
// until none overlap (mergeOverlapCells), which takes minutes for tens of thousands of ranges;
// the fast reader reads the ranges in one pass and gives the sheet to excelize only when two of
// them overlap, which no spreadsheet program writes.

// mergedRange is a block of merged cells, from 1.
type mergedRange struct {
	top, left, bottom, right int
}

// scanSheet inflates a small sheet's XML for what must be known before its rows are read (see
// lateParts): its merged ranges, or ErrFallback.
func scanSheet(zf *zip.File, prefix string) ([]mergedRange, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, fallback(err.Error())
	}
	defer rc.Close()
	var src io.Reader = rc
	if prefix != "" {
		src = newUnprefix(rc, prefix)
	}
	merges, why, err := lateParts(newChunkReader(src, bufferSize(zf), maxElement), 1)
	switch {
	case why != "":
		return nil, fallback(why)
	case err != nil:
		return nil, fallback(err.Error())
	}
	return merges, nil
}

// lateParts reads a sheet's XML from c to its end for what a streaming reader meets too late:
// merged cells (listed after the sheet data) and more sheetData elements than dataElements
// (excelize would read them all). It returns the merged ranges, why the fast reader cannot read
// the sheet (or ""), and the read error, if any.
func lateParts(c *chunkReader, dataElements int) (merges []mergedRange, why string, err error) {
	merge, data := []byte("mergeCell"), []byte("Data")
	const keep = 16 // bytes kept from one read to the next, so that a name cut in two is found
	base := 0       // the offset in the part of the window's first byte
	doneData := 0   // the offset up to which "Data" was searched
	doneMerge := 0  // the offset up to which "mergeCell" was handled
	var scratch []byte
	var attrs []xattr
	odd := false // a comment or CDATA section: merged ranges are not searched for in those
	for {
		w := c.window()
		// Count the "<sheetData" that end in the new bytes. Its "D" is rare in the sheet data,
		// where "<" is everywhere: searching for "Data" is much faster.
		for i := max(doneData-base, 0); ; {
			k := bytes.Index(w[i:], data)
			if k < 0 {
				break
			}
			p := i + k
			if p >= 6 && string(w[p-6:p]) == "<sheet" {
				if dataElements--; dataElements < 0 {
					return nil, "a second sheetData element", nil
				}
			}
			i = p + 1
		}
		doneData = base + max(len(w)-len(data)+1, 0)
		odd = odd || bytes.Contains(w, []byte("<!--")) || bytes.Contains(w, []byte("<![CDATA["))
		upTo := len(w) - keep // what may be consumed
		for i := max(doneMerge-base, 0); ; {
			k := bytes.Index(w[i:], merge)
			if k < 0 {
				break
			}
			p := i + k
			if p+len(merge) >= len(w) && !c.eof {
				upTo = min(upTo, p-2)
				break
			}
			switch {
			case p >= 2 && w[p-2] == '<' && w[p-1] == '/':
				// </mergeCells> or </mergeCell>
			case p >= 1 && w[p-1] == '<' && p+len(merge) < len(w) && w[p+len(merge)] == 's':
				// <mergeCells count="..."> holds them
			case p >= 1 && w[p-1] == '<':
				next, _, a, res := startTag(w, p+len(merge), attrs, &scratch)
				attrs = a
				if res == tagIncomplete && !c.eof {
					upTo = min(upTo, p-2)
					i = len(w)
					continue
				}
				if res != tagOK {
					return nil, "a malformed mergeCell element", nil
				}
				m, ok := mergeRef(a)
				if !ok {
					return nil, "a merged range the fast reader does not handle", nil
				}
				merges = append(merges, m)
				i = next
				doneMerge = base + next
				continue
			default:
				return nil, "merged cells written in a way the fast reader does not handle", nil
			}
			i = p + len(merge)
			doneMerge = base + i
			if i >= len(w) {
				break
			}
		}
		if upTo > 0 {
			c.consume(upTo)
			base += upTo
		}
		if !c.fill() {
			if c.err != nil {
				return nil, "", c.err
			}
			break
		}
	}
	if len(merges) > 0 && odd {
		return nil, "merged cells beside a comment or CDATA section", nil
	}
	if len(merges) > 0 && !disjoint(merges) {
		return nil, "overlapping merged ranges", nil
	}
	return merges, "", nil
}

// mergeRef reads a <mergeCell>'s ref, "B2:C4" or "B2" (excelize's Rect), with $ signs dropped.
func mergeRef(attrs []xattr) (mergedRange, bool) {
	var ref []byte
	for _, a := range attrs {
		if string(a.name) == "ref" {
			if ref != nil {
				return mergedRange{}, false
			}
			ref = a.value
		} else if local, _ := localName(a.name); string(local) == "ref" {
			return mergedRange{}, false
		}
	}
	if ref == nil || bytes.ContainsAny(ref, "&\t\r\n ") {
		return mergedRange{}, false
	}
	ref = bytes.ReplaceAll(ref, []byte("$"), nil)
	first, last, found := bytes.Cut(ref, []byte(":"))
	if !found {
		last = first
	}
	l, t, ok1 := cellRef(first)
	r, b, ok2 := cellRef(last)
	if !ok1 || !ok2 || t > totalRows || b > totalRows || r < l || b < t || bytes.Contains(last, []byte(":")) {
		return mergedRange{}, false
	}
	return mergedRange{top: t, left: l, bottom: b, right: r}, true
}

// disjoint tells whether no two ranges share a cell. excelize merges ranges that overlap; the
// fast reader leaves such sheets to it.
func disjoint(ms []mergedRange) bool {
	s := slices.Clone(ms)
	slices.SortFunc(s, func(a, b mergedRange) int {
		if a.top != b.top {
			return a.top - b.top
		}
		return a.left - b.left
	})
	for i := range s {
		for j := i + 1; j < len(s) && s[j].top <= s[i].bottom; j++ {
			if s[j].left <= s[i].right && s[i].left <= s[j].right {
				return false
			}
		}
	}
	return true
}

// anchorKey is a cell's key in Rows.anchors.
func anchorKey(row, col int) uint64 { return uint64(row)<<14 | uint64(col) }

// setMerges readies the rows to repeat the merged ranges' values, sorted top to bottom as
// pkg/sheet's mergedRanges does.
func (r *Rows) setMerges(ms []mergedRange) {
	if len(ms) == 0 {
		return
	}
	r.merges = slices.Clone(ms)
	slices.SortStableFunc(r.merges, func(a, b mergedRange) int { return a.top - b.top })
	r.anchors = make(map[uint64]string, len(ms))
	for _, m := range ms {
		r.anchors[anchorKey(m.top, m.left)] = ""
	}
	r.mergedN = len(ms)
}

// Merged is the number of merged ranges whose value the rows repeat over their cells.
func (r *Rows) Merged() int { return r.mergedN }

// isAnchor tells a merged range's top-left cell, whose value is kept whatever OnlyColumns says.
func (r *Rows) isAnchor(row, col int) bool {
	if r.anchors == nil {
		return false
	}
	_, ok := r.anchors[anchorKey(row, col)]
	return ok
}

// fillMerged writes each merged range's value into the cells of row it covers (pkg/sheet's
// fillMerged), in a slice of their own.
func (r *Rows) fillMerged(row Row) Row {
	for r.mi < len(r.merges) && r.merges[r.mi].top <= row.Num {
		r.active = append(r.active, r.merges[r.mi])
		r.mi++
	}
	if len(r.active) == 0 {
		return row
	}
	keep := r.active[:0]
	var cells []string
	for _, m := range r.active {
		if m.bottom < row.Num {
			delete(r.anchors, anchorKey(m.top, m.left))
			continue
		}
		keep = append(keep, m)
		if cells == nil {
			cells = slices.Clone(row.Cells)
		}
		v := r.anchors[anchorKey(m.top, m.left)]
		for len(cells) < m.right {
			cells = append(cells, "")
		}
		for c := m.left; c <= m.right; c++ {
			cells[c-1] = v
		}
	}
	r.active = keep
	if cells != nil {
		row.Cells = cells
	}
	return row
}

func (m mergedRange) String() string {
	return fmt.Sprintf("R%dC%d:R%dC%d", m.top, m.left, m.bottom, m.right)
}
