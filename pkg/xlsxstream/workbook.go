package xlsxstream

// The fast reader: a streaming reader of .xlsx sheet XML and shared strings that gives exactly
// the rows of the excelize-based reader (pkg/sheet's readExcelize) for the workbooks it handles, and
// ErrFallback for the others.
//
// What it matches. pkg/sheet's excelize reader reads a sheet after excelize has parsed it whole
// (GetMergeCells) and rebuilt it with an element for every row, cells sorted into place; its
// cells are then what rows.Columns() gives with default options, its formula cells come from
// formulaIndex. For sheets whose rows and cells are in order and in their rows, that is what
// excelize's rows.Columns() gives on the file as it is, and what the fast reader computes:
// values decoded as encoding/xml decodes text, shared and inline strings as xlsxSI.String()
// (with _xHHHH_ escapes), booleans as TRUE/FALSE, numbers rewritten as getCellDefault does and,
// under the General format, shortened as excelize's General formatting does.
//
// What falls back, and why:
//   - merged cells: the excelize reader repeats a merged range's value over its cells, and the
//     <mergeCells> element comes after <sheetData>, too late for a stream;
//   - a number under a number format other than General or "@" (dates, percentages,
//     decimals...), a cell whose format has a text section, date cells (t="d"), unknown cell
//     types: excelize formats them, and matching its formatting is a project of its own;
//   - rows or cells out of order or outside their row, a row without a number that is hidden:
//     excelize's rebuild of the sheet moves or drops them;
//   - XML spreadsheet programs do not write (comments, CDATA, processing instructions or
//     prefixed elements inside the sheet data, unknown entities, another encoding, Strict OOXML),
//     encrypted workbooks, workbook parts in unusual places, names excelize refuses;
//   - any damage: the fast reader does not try to say what is wrong, excelize does.
//
// Merged cells are listed after the sheet data. In a sheet under 4 MiB of XML (every
// questionnaire) a first pass looks for them before any row is given, so that the fallback costs
// nothing. A larger sheet is not read twice for them (a first pass over 1M rows, 260 MB of XML,
// costs 0.5 s of CPU): its rows are given as they come, the XML after the sheet data is checked
// for merged cells, and Rows.Err returns ErrFallback if it has them, so that the caller reads the
// workbook again with excelize. Merged cells in a sheet that large are rare; a million-row export
// is not laid out for the eye.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf16"

	kflate "github.com/klauspost/compress/flate"
)

var errElementTooLarge = errors.New("an XML element larger than 64 MiB")

// maxElement bounds the buffer the fast reader grows to hold one row or one shared string.
const maxElement = 64 << 20

// failure is the error for a part that ends early or cannot be read: the fast reader falls back,
// and excelize says what is wrong with the file.
func (c *chunkReader) failure(what string) error {
	if c.err != nil {
		return fallback(what + ": " + c.err.Error())
	}
	return fallback(what)
}

// Workbook is an .xlsx opened for fast reading (from a file, never read whole into memory).
//
// The fast reader gives exactly the rows the excelize-based reader gives (Read), for the
// workbooks it handles, at a fraction of the cost: it scans the sheet XML byte by byte and keeps
// the shared strings in one block of memory. For anything else it returns ErrFallback: merged
// cells, numbers with a number format other than General (dates, percentages...), date cells,
// rows or cells out of order, XML constructs spreadsheet programs do not write. A Workbook is
// not safe for concurrent use.
type Workbook struct {
	path   string
	file   *os.File
	size   int64
	parts  map[string]*zip.File
	sheets []fastSheet
	styles []styleKind

	sstOnce sync.Once
	sst     *sharedStrings
	sstErr  error

	done   chan struct{} // closed by Close: stops the readers' goroutines
	once   sync.Once
	closed bool
}

type fastSheet struct {
	info SheetInfo
	part string // the worksheet's part; "" when the fast reader cannot read the sheet
	why  string // why not
}

// SheetInfo describes a sheet of a Workbook.
type SheetInfo struct {
	Name string
	// Hidden is true for a sheet whose state is not visible (hidden or veryHidden), as excelize's
	// GetSheetVisible tells.
	Hidden bool
}

// The part names excelize reads whatever their case (ReadZipReader).
var docParts = map[string]string{
	"[content_types].xml":  "[Content_Types].xml",
	"xl/sharedstrings.xml": "xl/sharedStrings.xml",
}

const (
	relOfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relWorksheet      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
	sharedStringsPart = "xl/sharedStrings.xml"
	workbookPart      = "xl/workbook.xml"
)

// Open opens the workbook at path for fast reading. It returns ErrFallback for an encrypted
// workbook and for a workbook laid out in a way the fast reader does not handle, and a *Error
// naming the file when it is missing, empty or not a zip archive.
func Open(path string) (*Workbook, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	w, err := openFast(path, f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

func openFast(path string, f *os.File) (*Workbook, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() == 0 {
		return nil, ErrEmpty
	}
	head := make([]byte, len(oleHeader))
	if n, _ := f.ReadAt(head, 0); n == len(head) && bytes.Equal(head, oleHeader) {
		return nil, fallback("an encrypted workbook (or an old .xls workbook renamed .xlsx)")
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotZip, err)
	}
	// klauspost/compress inflates a third faster than compress/flate: inflating is the larger
	// part of reading a big sheet. archive/zip still checks every part's checksum.
	zr.RegisterDecompressor(zip.Deflate, kflate.NewReader)
	w := &Workbook{path: path, file: f, size: st.Size(), parts: make(map[string]*zip.File, len(zr.File)), done: make(chan struct{})}
	for _, zf := range zr.File {
		name := strings.ReplaceAll(zf.Name, "\\", "/")
		if canonical, ok := docParts[strings.ToLower(name)]; ok {
			name = canonical
		}
		if _, dup := w.parts[name]; dup {
			return nil, fallback("two parts named " + name)
		}
		w.parts[name] = zf
	}

	var rootRels, wbRels relationships
	if err := w.decode("_rels/.rels", &rootRels); err != nil {
		return nil, err
	}
	wbPath := ""
	for _, rel := range rootRels.Relationships {
		if rel.Type == relOfficeDocument {
			wbPath = strings.TrimPrefix(rel.Target, "/")
			break
		}
	}
	if wbPath != workbookPart {
		// The excelize-based reader finds formula cells through xl/workbook.xml.
		return nil, fallback("the workbook part is not " + workbookPart)
	}
	var wb workbookXML
	if err := w.decode(workbookPart, &wb); err != nil {
		return nil, err
	}
	if err := w.decode("xl/_rels/workbook.xml.rels", &wbRels); err != nil {
		return nil, err
	}
	for i, s := range wb.Sheets {
		for _, o := range wb.Sheets[:i] {
			if strings.EqualFold(o.Name, s.Name) {
				return nil, fallback(fmt.Sprintf("two sheets named %q", s.Name))
			}
		}
		fs := fastSheet{info: SheetInfo{Name: s.Name, Hidden: s.State != "" && s.State != "visible"}}
		var found []relationship
		for _, rel := range wbRels.Relationships {
			if rel.ID == s.ID {
				found = append(found, rel)
			}
		}
		switch {
		case !validSheetName(s.Name):
			fs.why = "a sheet name excelize refuses"
		case len(found) != 1:
			fs.why = "the sheet has no single relationship"
		case found[0].Type != relWorksheet:
			fs.why = "not a worksheet"
		default:
			part := worksheetPath(found[0].Target)
			if part != formulaIndexPath(found[0].Target) {
				fs.why = "a sheet target the formula index reads differently"
			} else if _, ok := w.parts[part]; !ok {
				fs.why = "the sheet's part is missing"
			} else {
				fs.part = part
			}
		}
		w.sheets = append(w.sheets, fs)
	}
	if zf, ok := w.parts["xl/styles.xml"]; ok {
		rc, err := zf.Open()
		if err != nil {
			return nil, fallback("xl/styles.xml: " + err.Error())
		}
		w.styles, err = readStyles(rc)
		rc.Close()
		if err != nil {
			return nil, fallback("xl/styles.xml: " + err.Error())
		}
	}
	return w, nil
}

// validSheetName is excelize's checkSheetName: excelize reads no rows from a sheet whose name
// breaks its rules.
func validSheetName(name string) bool {
	if name == "" || strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'") || strings.ContainsAny(name, ":\\/?*[]") {
		return false
	}
	n := 0
	for _, r := range name {
		n += utf16.RuneLen(r)
	}
	return n <= 31
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Target string `xml:",attr"`
	Type   string `xml:",attr"`
}

type relationships struct {
	XMLName       xml.Name       `xml:"http://schemas.openxmlformats.org/package/2006/relationships Relationships"`
	Relationships []relationship `xml:"Relationship"`
}

type workbookXML struct {
	XMLName xml.Name `xml:"http://schemas.openxmlformats.org/spreadsheetml/2006/main workbook"`
	Sheets  []struct {
		Name  string `xml:"name,attr"`
		ID    string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		State string `xml:"state,attr"`
	} `xml:"sheets>sheet"`
}

// decode decodes a small part with encoding/xml, as excelize does; a missing part decodes to
// nothing.
func (w *Workbook) decode(name string, v any) error {
	zf, ok := w.parts[name]
	if !ok {
		return nil
	}
	if zf.UncompressedSize64 > 64<<20 {
		return fallback(name + " is too large")
	}
	rc, err := zf.Open()
	if err != nil {
		return fallback(name + ": " + err.Error())
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return fallback(name + ": " + err.Error())
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fallback(name + " is empty") // excelize says the file is damaged
	}
	if bytes.Contains(data, []byte("purl.oclc.org")) {
		return fallback(name + ": Strict OOXML")
	}
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(v); err != nil && err != io.EOF {
		return fallback(name + ": " + err.Error())
	}
	return nil
}

// worksheetPath is where excelize looks for a sheet's part (getWorksheetPath).
func worksheetPath(target string) string {
	if strings.HasPrefix(target, "/") {
		return filepath.ToSlash(strings.TrimPrefix(strings.ReplaceAll(filepath.Clean(target), "\\", "/"), "/"))
	}
	return filepath.ToSlash(strings.TrimPrefix(strings.ReplaceAll(filepath.Clean(path.Dir(workbookPart)+"/"+target), "\\", "/"), "/"))
}

// formulaIndexPath is where the excelize-based reader's formula index looks (sheetParts).
func formulaIndexPath(target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Join("xl", target)
}

// Close closes the file and stops the readers of its sheets.
func (w *Workbook) Close() error {
	var err error
	w.once.Do(func() {
		w.closed = true
		close(w.done)
		err = w.file.Close()
		w.sstOnce.Do(func() {}) // no shared strings loaded after Close
		if w.sst != nil {
			w.sst.free()
			w.sst = nil
		}
	})
	return err
}

// Sheets lists the sheets in workbook order.
func (w *Workbook) Sheets() []SheetInfo {
	out := make([]SheetInfo, len(w.sheets))
	for i, s := range w.sheets {
		out[i] = s.info
	}
	return out
}

// Rows streams the rows of the sheet called name (matched regardless of case, as excelize does).
// It returns ErrFallback when the sheet has merged cells or is not a worksheet the fast reader
// reads; Rows.Err returns ErrFallback (wrapped) when the reader meets something it does not
// handle mid-way: the rows given until then were right, but the sheet must be read again with
// excelize.
func (w *Workbook) Rows(name string) (*Rows, error) {
	if w.closed {
		return nil, errors.New("sheet: the workbook is closed")
	}
	var sh *fastSheet
	for i := range w.sheets {
		if w.sheets[i].info.Name == name {
			sh = &w.sheets[i]
		}
	}
	for i := range w.sheets {
		if sh == nil && strings.EqualFold(w.sheets[i].info.Name, name) {
			sh = &w.sheets[i]
		}
	}
	if sh == nil {
		names := make([]string, len(w.sheets))
		for i, s := range w.sheets {
			names[i] = s.info.Name
		}
		return nil, fmt.Errorf("%s: no sheet named %q; the sheets are %s", w.path, name, quoteList(names))
	}
	if sh.part == "" {
		return nil, fallback(fmt.Sprintf("sheet %q: %s", sh.info.Name, sh.why))
	}
	zf := w.parts[sh.part]

	// Merged cells are listed after the sheet data, too late for a streaming reader: in a small
	// sheet a first pass looks for them, on another goroutine while this one reads the shared
	// strings; a large sheet is checked when its rows have been read (see Rows.Finish).
	large := zf.UncompressedSize64 >= largePart
	var scan chan error
	if !large {
		scan = make(chan error, 1)
		go func() { scan <- scanSheet(zf) }()
	}
	w.sstOnce.Do(w.loadSharedStrings)
	var err error
	if scan != nil {
		err = <-scan
	}
	if err == nil {
		err = w.sstErr
	}
	if err != nil {
		return nil, fmt.Errorf("sheet %q: %w", sh.info.Name, err)
	}

	rc, err := zf.Open()
	if err != nil {
		return nil, fallback(fmt.Sprintf("sheet %q: %v", sh.info.Name, err))
	}
	var src io.Reader = rc
	stop := func() { rc.Close() }
	var inflated *atomic.Int64
	if zf.UncompressedSize64 >= largePart {
		p := newInflateAhead(rc, w.done)
		src, stop, inflated = p, p.close, &p.inflated
	}
	// Small parts get small buffers and caches: allocating and clearing them would be most of
	// the cost of a small sheet.
	cache := 1 << 12
	if zf.UncompressedSize64 < 1<<20 {
		cache = 1 << 8
	}
	r := &Rows{w: w, sheet: sh.info.Name, src: newChunkReader(src, bufferSize(zf), maxElement), sst: w.sst, styles: w.styles,
		shared: make([]cachedString, cache), interns: make([]string, cache), large: large,
		inflated: inflated, xmlSize: int64(zf.UncompressedSize64),
		fileBefore: w.bytesBefore(sh), fileSize: int64(zf.CompressedSize64)}
	var once sync.Once
	r.stop = func() { once.Do(stop) }
	found, ok := r.seekSheetData()
	if !ok {
		r.stop()
		return nil, r.src.failure(fmt.Sprintf("sheet %q: the worksheet XML starts in a way the fast reader does not handle", sh.info.Name))
	}
	if !found {
		r.endOfData()
		if r.err != nil {
			return nil, r.err
		}
	}
	return r, nil
}

func (w *Workbook) loadSharedStrings() {
	zf, ok := w.parts[sharedStringsPart]
	if !ok {
		return
	}
	rc, err := zf.Open()
	if err != nil {
		w.sstErr = fallback("shared strings: " + err.Error())
		return
	}
	var src io.Reader = rc
	stop := func() { rc.Close() }
	if zf.UncompressedSize64 >= largePart {
		// Inflated on a second core while parsed on this one.
		p := newInflateAhead(rc, w.done)
		src, stop = p, p.close
	}
	defer stop()
	w.sst, w.sstErr = readSharedStrings(src, zf.UncompressedSize64, bufferSize(zf))
}

// bytesBefore is the share of the file taken as read when the rows of sheet sh start: the whole
// file but for the parts of sh and of the sheets after it, which are read in workbook order. A
// workbook with several large sheets then shows one progress from start to end, not one per sheet.
func (w *Workbook) bytesBefore(sh *fastSheet) int64 {
	after, counted := int64(0), map[string]bool{}
	for i := range w.sheets {
		s := &w.sheets[i]
		if s == sh {
			after = 0 // the sheets before sh are read
			clear(counted)
		}
		if zf := w.parts[s.part]; zf != nil && !counted[s.part] {
			counted[s.part] = true
			after += int64(zf.CompressedSize64)
		}
	}
	return max(w.size-after, 0)
}

// bufferSize is the size of the buffer a part is read through: 64 KiB, or less for a smaller
// part.
func bufferSize(zf *zip.File) int {
	return int(min(64<<10, zf.UncompressedSize64+16))
}

// scanSheet inflates a small sheet's XML looking for what must be known before its rows are
// read (see lateParts).
func scanSheet(zf *zip.File) error {
	rc, err := zf.Open()
	if err != nil {
		return fallback(err.Error())
	}
	defer rc.Close()
	why, err := lateParts(newChunkReader(rc, bufferSize(zf), maxElement), 1)
	switch {
	case why != "":
		return fallback(why)
	case err != nil:
		return fallback(err.Error())
	}
	return nil
}

// lateParts reads a sheet's XML from c to its end for what a streaming reader meets too late:
// merged cells (listed after the sheet data) and more sheetData elements than dataElements
// (excelize would read them all). It returns why the fast reader cannot read the sheet, or ""
// and the read error, if any.
func lateParts(c *chunkReader, dataElements int) (why string, err error) {
	merge, data := []byte("mergeCell"), []byte("Data")
	const keep = 16 // bytes kept from one read to the next, so that a name cut in two is found
	searched := 0   // bytes at the start of the window searched already
	for {
		w := c.window()
		if bytes.Contains(w, merge) {
			return "merged cells", nil
		}
		// Count the "<sheetData" that end in the new bytes. Its "D" is rare in the sheet data,
		// where "<" is everywhere: searching for "Data" is much faster.
		for i := 0; ; {
			k := bytes.Index(w[i:], data)
			if k < 0 {
				break
			}
			p := i + k
			if p >= 6 && string(w[p-6:p]) == "<sheet" && p+len(data) > searched {
				if dataElements--; dataElements < 0 {
					return "a second sheetData element", nil
				}
			}
			i = p + 1
		}
		if len(w) > keep {
			c.consume(len(w) - keep)
		}
		searched = len(c.window())
		if !c.fill() {
			return "", c.err
		}
	}
}

// readFull fills b from r like io.ReadFull, but returns io.EOF only at the end of the data: a
// damaged part's decompressor reports io.ErrUnexpectedEOF, which io.ReadFull would make
// indistinguishable from a short last read.
func readFull(r io.Reader, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := r.Read(b[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
