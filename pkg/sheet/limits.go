package sheet

import (
	"archive/zip"
	"fmt"
	"strings"
)

// The bounds on what a workbook may unpack to. A workbook is a zip archive whose parts are
// inflated to be read; a few megabytes can be made to inflate to gigabytes (a zip bomb), which
// would take minutes and all the memory. archive/zip, which both readers use, refuses to inflate
// a part past the size its directory declares, so the declared sizes are checked before anything
// is inflated.
const (
	// MaxCellChars is the most characters a spreadsheet cell can hold (Excel's limit).
	MaxCellChars = 32767
	// maxPartSize bounds one part: a sheet of a million rows of replies is about 260 MB of XML.
	maxPartSize = 1 << 30
	// maxExcelizeSize bounds one part read by excelize, which holds a sheet in memory several
	// times over (about 4 bytes per byte of XML, and minutes per 100 MB).
	maxExcelizeSize = 256 << 20
	// maxTotalSize bounds all parts together.
	maxTotalSize = 2 << 30
	// maxRatio bounds how many times a large part may inflate: spreadsheet XML compresses 5 to
	// 30 times, a run of one character a thousand times.
	maxRatio = 100
	// ratioFrom is the size from which a part's ratio is checked: a small part cannot hurt.
	ratioFrom = 16 << 20
)

// checkPackage refuses a workbook that would unpack to more than the bounds above, or that holds
// two parts of one name (a damaged file: which one a reader takes is a matter of chance). limit
// bounds each part: maxPartSize for the fast reader, maxExcelizeSize for excelize.
func checkPackage(file string, zr *zip.Reader, limit uint64) error {
	seen := make(map[string]bool, len(zr.File))
	var total uint64
	for _, zf := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))
		if seen[name] {
			return &Error{Path: file, Problem: fmt.Sprintf("the workbook holds two parts named %s (the file is damaged)", zf.Name),
				Fix: "open it in Excel or LibreOffice and save it again as .xlsx"}
		}
		seen[name] = true
		size := zf.UncompressedSize64
		total += size
		switch {
		case size > limit:
			return &Error{Path: file, Problem: fmt.Sprintf("%s would unpack to %s, more than a workbook of replies can (%s)",
				partWords(zr, zf.Name), megabytes(size), megabytes(limit)), Fix: inflateFix}
		case size >= ratioFrom && size > maxRatio*zf.CompressedSize64:
			return &Error{Path: file, Problem: fmt.Sprintf("%s would unpack to %s from %s, more than %d times its size: the file is damaged or made to exhaust memory",
				partWords(zr, zf.Name), megabytes(size), megabytes(zf.CompressedSize64), maxRatio), Fix: inflateFix}
		case total > maxTotalSize:
			return &Error{Path: file, Problem: fmt.Sprintf("the workbook would unpack to more than %s", megabytes(maxTotalSize)), Fix: inflateFix}
		}
	}
	return nil
}

const inflateFix = "open it in Excel or LibreOffice, check that it holds only the replies, and save it again (or save the replies as CSV)"

// megabytes writes a size for people: "1,024 MB".
func megabytes(n uint64) string {
	mb := (n + 1<<20 - 1) >> 20
	return thousands(int(mb)) + " MB"
}

// thousands writes n with commas between thousands: 32,767.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// partWords names a part as a user sees it: "the workbook's sheet 'Replies'", "the workbook's
// shared strings (the text of its cells)", or by its name in the archive.
func partWords(zr *zip.Reader, name string) string {
	switch strings.ToLower(name) {
	case "xl/sharedstrings.xml":
		return "the text of the workbook's cells (" + name + ")"
	}
	if sheet := sheetOfPart(zr, name); sheet != "" {
		return fmt.Sprintf("the workbook's sheet '%s'", sheet)
	}
	return "the workbook's part " + name
}

// sheetOfPart finds the sheet whose XML is the part called name, from the small parts that list
// the sheets (only when they are small: a bomb could be there too); "" when it cannot tell.
func sheetOfPart(zr *zip.Reader, name string) string {
	parts := zipParts(zr)
	for _, small := range []string{"xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
		if zf := parts[small]; zf == nil || zf.UncompressedSize64 > 1<<20 {
			return ""
		}
	}
	sheets, err := sheetParts(parts)
	if err != nil {
		return ""
	}
	found := ""
	for sheet, part := range sheets {
		if strings.EqualFold(part, name) && (found == "" || sheet < found) {
			found = sheet // the first by name, should two sheets share a part
		}
	}
	return found
}
