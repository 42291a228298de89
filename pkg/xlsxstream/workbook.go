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
// What it also reads as excelize does (issue 16: these sent a third of 2,742 public test
// workbooks to excelize):
//   - merged cells: each range's value (its top-left cell's) repeated over its cells, the
//     ranges read in one pass over a sheet of up to 64 MiB of XML before its rows (merges.go),
//     not compared two by two as excelize does;
//   - number formats (dates, percentages, decimals, text sections) and date cells (t="d"):
//     excelize itself formats the value (format.go), so the result is its own;
//   - elements written with a prefix (<x:sst>, <x:worksheet>, as .NET writers write them), a
//     byte-order mark, Strict OOXML namespaces (rewritten as excelize rewrites them);
//   - the workbook part wherever _rels/.rels puts it, part names in any letter case;
//   - chart, dialog and macro sheets: given with no rows and SheetInfo.Other, as pkg/sheet's
//     excelize reader gives them.
//
// What falls back, and why:
//   - merged cells in a sheet of 64 MiB of XML or more (found only after its rows: see below),
//     and ranges that overlap, which excelize merges into one;
//   - rows or cells out of order or outside their row, a row without a number that is hidden:
//     excelize's rebuild of the sheet moves or drops them;
//   - XML spreadsheet programs do not write (comments, CDATA, processing instructions or
//     prefixed elements inside the sheet data of an unprefixed sheet, unknown entities,
//     another encoding), encrypted workbooks, names excelize refuses;
//   - any damage: the fast reader does not try to say what is wrong, excelize does.
//
// Merged cells are listed after the sheet data. In a sheet under 64 MiB of XML (every
// questionnaire, and 250,000-row exports) a first pass reads them before any row is given, on
// another core. A larger sheet is not read twice for them (a first pass over 1M rows, 260 MB
// of XML, costs 0.5 s of CPU): its rows are
// given as they come, the XML after the sheet data is checked for merged cells, and Rows.Err
// returns ErrFallback if it has them, so that the caller reads the workbook again with
// excelize. Merged cells in a sheet that large are rare; a million-row export
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
// cells in a large sheet, rows or cells out of order, XML constructs spreadsheet programs do
// not write. A Workbook is not safe for concurrent use.
type Workbook struct {
	path   string
	file   *os.File
	size   int64
	parts  map[string]*zip.File
	sheets []fastSheet
	styles []styleKind
	wbPath string // the workbook part
	// sstPart and stylesPart are the shared strings' and the styles' parts.
	sstPart, stylesPart string
	// stylesXML is xl/styles.xml and date1904 the workbook's date system, for the number
	// formats (see formatter), made when a cell first needs it.
	stylesXML []byte
	date1904  bool
	fmt       *formatter

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
	// Other names a sheet that is not a worksheet: "chart sheet", "dialog sheet" or "macro
	// sheet". It holds no cells; Rows gives none.
	Other string
}

const (
	relOfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relWorksheet      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
	relSharedStrings  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
	relStyles         = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
	sharedStringsPart = "xl/sharedStrings.xml"
	stylesPart        = "xl/styles.xml"
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
		// Part names are case-insensitive (ECMA-376 part 2, 6.2.2.3): a part is found
		// whatever the case it is named or referred to in. pkg/sheet gives excelize, which
		// looks them up as written, the parts under the names they are referred to by.
		name := strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))
		if _, dup := w.parts[name]; dup {
			return nil, fallback("two parts named " + zf.Name + ", whatever their case")
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
	if wbPath == "" || w.part(wbPath) == nil {
		// excelize reads no sheets: the file holds no data, as it says
		return nil, fallback("no workbook part")
	}
	w.wbPath = wbPath
	var wb workbookXML
	if err := w.decode(wbPath, &wb); err != nil {
		return nil, err
	}
	w.date1904 = wb.Pr != nil && (wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true")
	if err := w.decode(workbookRelsPath(wbPath), &wbRels); err != nil {
		return nil, err
	}
	// excelize reads the shared strings and styles from xl/, wherever the workbook is; pkg/sheet
	// gives it those a workbook at the zip root holds beside it (canonicalNames): so here.
	w.sstPart, w.stylesPart = sharedStringsPart, stylesPart
	for _, rel := range wbRels.Relationships {
		switch {
		case rel.Type == relSharedStrings && w.part(sharedStringsPart) == nil:
			w.sstPart = worksheetPath(wbPath, rel.Target)
		case rel.Type == relStyles && w.part(stylesPart) == nil:
			w.stylesPart = worksheetPath(wbPath, rel.Target)
		}
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
		case s.ID == "":
			// How Excel 5 module and dialog sheets are kept: listed, with no part.
			fs.info.Other = NoCellsSheet
		case len(found) != 1:
			fs.why = "the sheet has no single relationship"
		default:
			part := worksheetPath(wbPath, found[0].Target)
			if kind := OtherSheetKind(part); kind != "" {
				fs.info.Other = kind
			} else if found[0].Type != relWorksheet {
				fs.why = "not a worksheet"
			} else if w.part(part) == nil {
				fs.why = "the sheet's part is missing"
			} else {
				fs.part = part
			}
		}
		w.sheets = append(w.sheets, fs)
	}
	if zf := w.part(w.stylesPart); zf != nil {
		data, err := w.readPart(w.stylesPart)
		if err != nil {
			return nil, err
		}
		w.styles, err = readStyles(bytes.NewReader(transitional(data)))
		if err != nil {
			return nil, fallback("xl/styles.xml: " + err.Error())
		}
		w.stylesXML = data
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
	Pr      *struct {
		// A string, not a bool: a value that is no xsd:boolean ("maybe") is ignored, as the
		// excelize path (given a tidied workbook) ignores it, rather than refusing the workbook.
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name  string `xml:"name,attr"`
		ID    string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		State string `xml:"state,attr"`
	} `xml:"sheets>sheet"`
}

// part is the part called name, whatever the case of its name; nil when there is none.
func (w *Workbook) part(name string) *zip.File { return w.parts[strings.ToLower(name)] }

// readPart reads a small part whole.
func (w *Workbook) readPart(name string) ([]byte, error) {
	zf := w.part(name)
	if zf.UncompressedSize64 > 64<<20 {
		return nil, fallback(name + " is too large")
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, fallback(name + ": " + err.Error())
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, fallback(name + ": " + err.Error())
	}
	return data, nil
}

// decode decodes a small part with encoding/xml, its Strict OOXML names rewritten, as excelize
// does; a missing part decodes to nothing.
func (w *Workbook) decode(name string, v any) error {
	if w.part(name) == nil {
		return nil
	}
	data, err := w.readPart(name)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fallback(name + " is empty") // excelize says the file is damaged
	}
	if err := xml.NewDecoder(bytes.NewReader(transitional(data))).Decode(v); err != nil && err != io.EOF {
		return fallback(name + ": " + err.Error())
	}
	return nil
}

// workbookRelsPath is where excelize looks for the workbook's relationships
// (getWorkbookRelsPath).
func workbookRelsPath(wbPath string) string {
	dir := path.Dir(wbPath)
	if dir == "." {
		return "_rels/" + path.Base(wbPath) + ".rels"
	}
	return strings.TrimPrefix(dir+"/_rels/"+path.Base(wbPath)+".rels", "/")
}

// NoCellsSheet is the SheetInfo.Other of a sheet the workbook lists with an empty relationship
// id: nothing of it is stored, so it holds no cells.
const NoCellsSheet = "sheet stored without cells"

// OtherSheetKind tells a chart sheet, a dialog sheet or an Excel 4 macro sheet by its part, as
// excelize does (workSheetReader): such a sheet holds no cells to read. It returns "" for
// another part.
func OtherSheetKind(part string) string {
	switch {
	case strings.HasPrefix(part, "xl/chartsheets"):
		return "chart sheet"
	case strings.HasPrefix(part, "xl/dialogsheet"):
		return "dialog sheet"
	case strings.HasPrefix(part, "xl/macrosheet"):
		return "macro sheet"
	}
	return ""
}

// worksheetPath is where excelize looks for a sheet's part (getWorksheetPath), for a workbook
// part at wbPath.
func worksheetPath(wbPath, target string) string {
	if strings.HasPrefix(target, "/") {
		return filepath.ToSlash(strings.TrimPrefix(strings.ReplaceAll(filepath.Clean(target), "\\", "/"), "/"))
	}
	return filepath.ToSlash(strings.TrimPrefix(strings.ReplaceAll(filepath.Clean(filepath.Dir(wbPath)+"/"+target), "\\", "/"), "/"))
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
	if sh.info.Other != "" {
		return &Rows{w: w, sheet: sh.info.Name, done: true, stop: func() {}}, nil
	}
	if sh.part == "" {
		return nil, fallback(fmt.Sprintf("sheet %q: %s", sh.info.Name, sh.why))
	}
	zf := w.part(sh.part)
	pre, ok := rootPrefix(zf, "worksheet")
	if !ok {
		return nil, fallback(fmt.Sprintf("sheet %q: a prefixed root element the fast reader does not handle", sh.info.Name))
	}

	// Merged cells are listed after the sheet data, too late for a streaming reader: in a small
	// sheet a first pass looks for them, on another goroutine while this one reads the shared
	// strings; a large sheet is checked when its rows have been read (see Rows.Finish).
	large, lateCheck := zf.UncompressedSize64 >= largePart, zf.UncompressedSize64 >= preScanPart
	type scanned struct {
		merges []mergedRange
		err    error
	}
	var scan chan scanned
	if !lateCheck {
		scan = make(chan scanned, 1)
		go func() {
			m, err := scanSheet(zf, pre)
			scan <- scanned{m, err}
		}()
	}
	w.sstOnce.Do(w.loadSharedStrings)
	var err error
	var merges []mergedRange
	if scan != nil {
		res := <-scan
		merges, err = res.merges, res.err
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
	if pre != "" {
		src = newUnprefix(src, pre)
	}
	// Small parts get small buffers and caches: allocating and clearing them would be most of
	// the cost of a small sheet.
	cache := 1 << 12
	if zf.UncompressedSize64 < 1<<20 {
		cache = 1 << 8
	}
	r := &Rows{w: w, sheet: sh.info.Name, src: newChunkReader(src, bufferSize(zf), maxElement), sst: w.sst, styles: w.styles,
		shared: make([]cachedString, cache), interns: make([]string, cache), large: large, lateCheck: lateCheck,
		inflated: inflated, xmlSize: int64(zf.UncompressedSize64),
		fileBefore: w.bytesBefore(sh), fileSize: int64(zf.CompressedSize64)}
	r.src.unprefixed = pre != ""
	r.setMerges(merges)
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
	zf := w.part(w.sstPart)
	if zf == nil {
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
	pre, ok := rootPrefix(zf, "sst")
	if !ok {
		w.sstErr = fallback("shared strings: a prefixed root element the fast reader does not handle")
		return
	}
	if pre != "" {
		src = newUnprefix(src, pre)
	}
	w.sst, w.sstErr = readSharedStrings(src, zf.UncompressedSize64, bufferSize(zf), pre != "")
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
		if zf := w.part(s.part); s.part != "" && zf != nil && !counted[s.part] {
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
