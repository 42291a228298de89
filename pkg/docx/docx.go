// Package docx writes a small WordprocessingML (.docx) document of the kind a Council annex is:
// headings in Word's heading styles, paragraphs, tables in one table style, captions numbered by
// Word's own SEQ fields, real footnotes, inline PNG images, and one section with a running header
// and page numbers. It writes the same bytes for the same content: fixed zip times, ids counted
// in order. docs/docx.md says why it is not a third-party library.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"strings"
	"time"
)

// EMU per centimetre: DrawingML measures in English Metric Units.
const EMUPerCM = 360000

// Page geometry: A4 with 2.5 cm margins on every side, so that the text is 16 cm wide, the
// width the note's charts are drawn for. Lengths in twentieths of a point (twips).
const (
	pageWidth, pageHeight = 11906, 16838
	margin                = 1417 // 2.5 cm
	headerDistance        = 709  // 1.25 cm
	// TextWidthCM is the width of the text between the margins.
	TextWidthCM = 16.0
	// MaxImageHeightCM leaves room on a page for an image's caption under it.
	MaxImageHeightCM = 21.0
)

// Run is a piece of text in one format, or a footnote reference.
type Run struct {
	Text string
	Bold bool
	// Note, when set, makes this run the reference to that footnote (Text is then ignored).
	Note *Note
}

// Note is a footnote. Numbered footnotes get Word's automatic number; a note with a Mark
// (Kosovo's "*") shows that mark instead, and takes no number.
type Note struct {
	id     int
	Mark   string
	Number int // Word's number for it, 0 for a marked note
	Text   string
}

// Cell is one table cell.
type Cell []Run

// Table is a table in the document's table style: a header row repeated on every page, body
// rows, and an optional total row in bold.
type Table struct {
	Header  []Cell
	Rows    [][]Cell
	Total   []Cell
	Numeric []bool // per column: right-aligned
	// Grouped merges a first-column cell that repeats the one above into it, so that a group's
	// label (the area of a top 3) stands once, beside all its rows.
	Grouped bool
}

// Document collects the body in order; Write packages it.
type Document struct {
	Title string
	// HeaderLeft and HeaderRight make the running header (document number, classification); the
	// footer holds the page number.
	HeaderLeft, HeaderRight string

	body      strings.Builder
	notes     []*Note
	numbered  int
	images    [][]byte
	seq       map[string]int
	drawingID int
}

// New starts a document.
func New(title string) *Document { return &Document{Title: title, seq: map[string]int{}} }

// Footnote makes a footnote to reference from one run (Word numbers a footnote where it is
// referenced, so each is referenced once). mark "" gives a numbered footnote.
func (d *Document) Footnote(text, mark string) *Note {
	n := &Note{id: len(d.notes) + 1, Mark: mark, Text: text}
	if mark == "" {
		d.numbered++
		n.Number = d.numbered
	}
	d.notes = append(d.notes, n)
	return n
}

// Heading adds a heading in Word's Heading 1-3 styles (level 0 is the Title style).
func (d *Document) Heading(level int, text string) {
	style := "Title"
	if level > 0 {
		style = fmt.Sprintf("Heading%d", min(level, 3))
	}
	d.paragraph(style, false, "", []Run{{Text: text}})
}

// Paragraph adds a paragraph in the Normal style.
func (d *Document) Paragraph(runs ...Run) { d.paragraph("", false, "", runs) }

// Caption adds a caption: "Table 3. Title" where 3 is a SEQ field Word numbers itself (the number
// written is the one Word will compute, so that the document reads right before fields are
// updated). sub, if any, follows on a second line; notes are referenced after the title.
// keepNext keeps the caption on the page of what follows it (a table's caption stands above it).
func (d *Document) Caption(label, title, sub string, keepNext bool, notes ...*Note) {
	d.seq[label]++
	var b strings.Builder
	b.WriteString(textRun(label+" ", false))
	fmt.Fprintf(&b, `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> SEQ %s \* ARABIC </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>%s<w:r><w:fldChar w:fldCharType="end"/></w:r>`,
		label, textRun(fmt.Sprint(d.seq[label]), false))
	b.WriteString(textRun(". "+title, false))
	for _, n := range notes {
		b.WriteString(d.noteRef(n))
	}
	if sub != "" {
		b.WriteString(`<w:r><w:br/></w:r>`)
		fmt.Fprintf(&b, `<w:r><w:rPr><w:b w:val="0"/><w:sz w:val="17"/></w:rPr>%s</w:r>`, wt(sub))
	}
	d.rawParagraph("Caption", keepNext, "", b.String())
}

func (d *Document) paragraph(style string, keepNext bool, jc string, runs []Run) {
	var b strings.Builder
	for _, r := range runs {
		if r.Note != nil {
			b.WriteString(d.noteRef(r.Note))
			continue
		}
		b.WriteString(textRun(r.Text, r.Bold))
	}
	d.rawParagraph(style, keepNext, jc, b.String())
}

func (d *Document) rawParagraph(style string, keepNext bool, jc, runs string) {
	d.body.WriteString(paragraphXML(style, keepNext, jc, runs))
}

func paragraphXML(style string, keepNext bool, jc, runs string) string {
	var p strings.Builder
	p.WriteString("<w:p>")
	if style != "" || keepNext || jc != "" {
		p.WriteString("<w:pPr>")
		if style != "" {
			fmt.Fprintf(&p, `<w:pStyle w:val="%s"/>`, style)
		}
		if keepNext {
			p.WriteString("<w:keepNext/>")
		}
		if jc != "" {
			fmt.Fprintf(&p, `<w:jc w:val="%s"/>`, jc)
		}
		p.WriteString("</w:pPr>")
	}
	p.WriteString(runs)
	p.WriteString("</w:p>")
	return p.String()
}

func (d *Document) noteRef(n *Note) string {
	if n.Mark != "" {
		return fmt.Sprintf(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="%d"/>%s</w:r>`, n.id, wt(n.Mark))
	}
	return fmt.Sprintf(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="%d"/></w:r>`, n.id)
}

// keepWholeRows is the most rows (header and total included) of a table kept on one page; a
// longer table may break across pages, its header row repeated, rather than leave half a page
// empty before it.
const keepWholeRows = 16

// keepsWithNext says whether row i of table t (of n rows, the header row 0) keeps with the
// next one. A short table keeps every row but the last with the next, so it is not split from
// its caption or across pages; a long one keeps its header with its first rows, its last rows
// (the total) with each other, and rows of one group (the same first cell: the top 3 of an
// area) together, and may break between groups.
func keepsWithNext(t Table, i, n int) bool {
	if n <= keepWholeRows {
		return i < n-1
	}
	if i < 3 || i >= n-3 && i < n-1 {
		return true
	}
	// Body row i is t.Rows[i-1].
	if i >= 1 && i < len(t.Rows) {
		return cellText(t.Rows[i-1]) == cellText(t.Rows[i]) && cellText(t.Rows[i]) != ""
	}
	return false
}

// cellText is the text of a row's first cell.
func cellText(row []Cell) string {
	if len(row) == 0 {
		return ""
	}
	var b strings.Builder
	for _, r := range row[0] {
		b.WriteString(r.Text)
	}
	return b.String()
}

// Table adds a table across the text width (keepsWithNext says how it keeps together); rows
// never split.
func (d *Document) Table(t Table) {
	cols := len(t.Header)
	if cols == 0 {
		return
	}
	textTwips := pageWidth - 2*margin
	widths, rotated := columnWidths(t, textTwips)
	b := &d.body
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="AnnexTable"/>`)
	fmt.Fprintf(b, `<w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/>`, textTwips)
	fmt.Fprintf(b, `<w:tblLook w:val="%s" w:firstRow="1" w:lastRow="%d" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>`,
		map[bool]string{true: "0260", false: "0220"}[t.Total != nil], boolInt(t.Total != nil))
	b.WriteString("<w:tblGrid>")
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString("</w:tblGrid>")
	rows := 1 + len(t.Rows)
	if t.Total != nil {
		rows++
	}
	row := func(i int, cells []Cell, header, total bool) {
		b.WriteString("<w:tr><w:trPr><w:cantSplit/>")
		if header && rotated {
			fmt.Fprintf(b, `<w:trHeight w:val="%d" w:hRule="atLeast"/>`, rotatedHeaderHeight(t))
		}
		if header {
			b.WriteString("<w:tblHeader/>")
		}
		b.WriteString("</w:trPr>")
		for c := 0; c < cols; c++ {
			var cell Cell
			if c < len(cells) {
				cell = cells[c]
			}
			numeric := c < len(t.Numeric) && t.Numeric[c]
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, widths[c])
			if c == 0 && t.Grouped && !header && !total {
				switch {
				case i >= 2 && cellText(t.Rows[i-2]) == cellText(cells):
					b.WriteString(`<w:vMerge/>`)
					cell = nil // Word shows the first cell of a merge only
				case i < len(t.Rows) && cellText(t.Rows[i]) == cellText(cells):
					b.WriteString(`<w:vMerge w:val="restart"/>`)
				}
			}
			if header && rotated && numeric && c > 0 {
				b.WriteString(`<w:textDirection w:val="btLr"/><w:vAlign w:val="bottom"/>`)
			}
			b.WriteString(`</w:tcPr>`)
			jc := ""
			if numeric {
				jc = "right"
			}
			if header && rotated && numeric && c > 0 {
				jc = "left" // the start of upward text: the bottom of the cell
			}
			var runs strings.Builder
			for _, r := range cell {
				if r.Note != nil {
					runs.WriteString(d.noteRef(r.Note))
					continue
				}
				// Header and total rows are bold through the table style's conditional
				// formats; the run says so too, for readers that ignore them.
				runs.WriteString(textRun(r.Text, r.Bold || header || total))
			}
			b.WriteString(paragraphXML("TableText", keepsWithNext(t, i, rows), jc, runs.String()))
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	row(0, t.Header, true, false)
	for i, r := range t.Rows {
		row(i+1, r, false, false)
	}
	if t.Total != nil {
		row(rows-1, t.Total, false, true)
	}
	b.WriteString("</w:tbl>")
}

// Image adds a PNG as its own centred paragraph, widthCM wide (no taller than
// MaxImageHeightCM, keeping its proportions). keepNext keeps it with the caption under it.
func (d *Document) Image(data []byte, widthCM float64, name, descr string, keepNext bool) error {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: not a PNG image: %w", name, err)
	}
	if cfg.Width == 0 || cfg.Height == 0 {
		return fmt.Errorf("%s: the image is empty", name)
	}
	cx := int64(widthCM * EMUPerCM)
	cy := cx * int64(cfg.Height) / int64(cfg.Width)
	if maxCY := int64(MaxImageHeightCM * EMUPerCM); cy > maxCY {
		cx = cx * maxCY / cy
		cy = maxCY
	}
	d.images = append(d.images, data)
	d.drawingID++
	id, rel := d.drawingID, fmt.Sprintf("rIdImage%d", len(d.images))
	run := fmt.Sprintf(`<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="%d" name="%s" descr="%s"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="%d" name="image%d.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`,
		cx, cy, id, esc(name), esc(descr), id, len(d.images), rel, cx, cy)
	d.rawParagraph("Figure", keepNext, "center", run)
	return nil
}

// cellPadding is a cell's margins and some room to spare, in twips.
const cellPadding = 2*85 + 60

// textWidth estimates the width of text at 10 pt in Times New Roman, in twips: bold widths by
// kind of letter (Times Bold's capitals about 7.2 pt, "m" 8.3, "i" 2.8, other letters and
// digits 5), the regular face a tenth narrower.
func textWidth(s string, bold bool) int {
	w := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z', r == 'm', r == 'w':
			w += 150
		case strings.ContainsRune("iljtfr.,;:'()/-", r):
			w += 65
		default:
			w += 105
		}
	}
	if !bold {
		w = w * 9 / 10
	}
	return w
}

// columnWidths gives every column room for its longest word, so that no word breaks (a header
// such as "Activities" broken into "Activitie|s"), then shares what is left in proportion to
// what each column's longest body text would need on one line.
//
// When the headers' words cannot all stand side by side (ten columns of types of support), the
// headers of the numeric columns are turned to read upwards, as cross tables in print do, and
// those columns need only the width of their numbers; rotated reports that.
func columnWidths(t Table, total int) (widths []int, rotated bool) {
	widths = fitColumns(t, total, false)
	sum := 0
	for _, w := range widths {
		sum += w
	}
	if sum <= total {
		return widths, false
	}
	return fitColumns(t, total, true), true
}

// rotatedHeaderHeight is the header row's height when its headers read upwards: the longest
// header, wrapped at rotatedWrap.
func rotatedHeaderHeight(t Table) int {
	wrap, longest := rotatedWrap(t), 0
	for _, c := range t.Header[1:] {
		for _, r := range c {
			longest = max(longest, min(textWidth(r.Text, true), wrap))
		}
	}
	return longest + cellPadding
}

// rotatedWrap is where an upward header wraps onto a next line: at 3 cm, or at its longest
// word if that is longer, so that a header such as "Conferences and coordination" takes two
// short lines rather than a 5 cm row of one.
func rotatedWrap(t Table) int {
	wrap := 1701
	for _, c := range t.Header[1:] {
		for _, r := range c {
			for _, w := range strings.Fields(r.Text) {
				wrap = max(wrap, textWidth(w, true))
			}
		}
	}
	return wrap
}

// wrappedLines counts the lines text takes, wrapped at its spaces within width twips.
func wrappedLines(text string, width int) int {
	lines, line := 0, 0
	for _, w := range strings.Fields(text) {
		ww := textWidth(w, true)
		if line > 0 && line+textWidth(" ", true)+ww <= width {
			line += textWidth(" ", true) + ww
			continue
		}
		lines++
		line = ww
	}
	return max(lines, 1)
}

// A rotated header's column is at least one line of header text wide, and a line wider for
// each line its header wraps onto.
const (
	rotatedMinWidth = 560
	lineTwips       = 240 // a line of 10 pt text
)

func fitColumns(t Table, total int, rotate bool) []int {
	cols := len(t.Header)
	minW, want := make([]int, cols), make([]int, cols)
	// A header may wrap at its spaces ("Member|States"); body text should not need to.
	measure := func(c int, cell Cell, bold, wraps bool) {
		for _, r := range cell {
			if !wraps {
				want[c] = max(want[c], textWidth(r.Text, bold)+cellPadding)
			}
			for _, word := range strings.Fields(r.Text) {
				minW[c] = max(minW[c], textWidth(word, bold)+cellPadding)
			}
		}
	}
	for c := 0; c < cols; c++ {
		if rotate && c > 0 && c < len(t.Numeric) && t.Numeric[c] {
			// The row is rotatedWrap and the padding high; textWidth errs on the wide side by
			// about a tenth, which a header may take before it wraps.
			lines := 0
			for _, r := range t.Header[c] {
				lines += wrappedLines(r.Text, (rotatedWrap(t)+cellPadding)*11/10)
			}
			minW[c] = rotatedMinWidth + max(0, lines-1)*lineTwips
		} else {
			measure(c, t.Header[c], true, true)
		}
		for _, row := range append(append([][]Cell{}, t.Rows...), t.Total) {
			if c < len(row) {
				measure(c, row[c], false, false)
			}
		}
		want[c] = max(want[c], minW[c])
	}
	widths := make([]int, cols)
	used, extra := 0, 0
	for c := range widths {
		widths[c] = minW[c]
		used += minW[c]
		extra += want[c] - minW[c]
	}
	left := total - used
	for c := range widths {
		if left > 0 && extra > 0 {
			widths[c] += left * (want[c] - minW[c]) / extra
		}
	}
	// Rounding is settled on the first column; words wider than the page, together, make the
	// table wider than the page rather than break.
	sum := 0
	for _, w := range widths {
		sum += w
	}
	widths[0] = max(widths[0]+total-sum, minW[0])
	return widths
}

func textRun(s string, bold bool) string {
	if s == "" {
		return ""
	}
	if bold {
		return "<w:r><w:rPr><w:b/></w:rPr>" + wt(s) + "</w:r>"
	}
	return "<w:r>" + wt(s) + "</w:r>"
}

func wt(s string) string { return `<w:t xml:space="preserve">` + esc(s) + `</w:t>` }

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // writing to a strings.Builder cannot fail
	return b.String()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// zipTime is the time of every part: a fixed one, so that the same document gives the same bytes.
var zipTime = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// Write packages the document.
func (d *Document) Write(w io.Writer) error {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	add := func(name string, data []byte) error {
		f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	parts := []struct {
		name string
		data string
	}{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", fmt.Sprintf(coreXML, esc(d.Title))},
		{"word/document.xml", d.documentXML()},
		{"word/styles.xml", stylesXML},
		{"word/settings.xml", settingsXML},
		{"word/footnotes.xml", d.footnotesXML()},
		{"word/header1.xml", d.headerXML()},
		{"word/footer1.xml", footerXML},
		{"word/_rels/document.xml.rels", d.documentRels()},
	}
	for _, p := range parts {
		if err := add(p.name, []byte(p.data)); err != nil {
			return err
		}
	}
	for i, img := range d.images {
		if err := add(fmt.Sprintf("word/media/image%d.png", i+1), img); err != nil {
			return err
		}
	}
	if err := z.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

const nsAll = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"`

func (d *Document) documentXML() string {
	return xml.Header + `<w:document ` + nsAll + `><w:body>` + d.body.String() +
		fmt.Sprintf(`<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/><w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr><w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/></w:sectPr>`,
			pageWidth, pageHeight, margin, margin, margin, margin, headerDistance, headerDistance) +
		`</w:body></w:document>`
}

func (d *Document) footnotesXML() string {
	var b strings.Builder
	b.WriteString(xml.Header + `<w:footnotes ` + nsAll + ` ` + nsMarkup + `>`)
	b.WriteString(`<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>`)
	b.WriteString(`<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`)
	for _, n := range d.notes {
		fmt.Fprintf(&b, `<w:footnote w:id="%d"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>`, n.id)
		b.WriteString(noteMark(n))
		// A tab, not a space, after the mark, as Word writes it: the text starts at the hanging
		// indent, its lines aligned (LibreOffice drops that first tab and aligns them itself).
		b.WriteString(`<w:r><w:tab/></w:r>` + textRun(n.Text, false))
		b.WriteString(`</w:p></w:footnote>`)
	}
	b.WriteString(`</w:footnotes>`)
	return b.String()
}

// nsMarkup declares the namespaces of a marked footnote's mark (noteMark).
const nsMarkup = `xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"`

// noteMark is the run that opens a footnote with its mark. A numbered footnote's is footnoteRef,
// which shows its number. A marked one's (Kosovo's "*") is the mark as text, as Word writes it
// (footnoteRef would show an automatic number): but LibreOffice (7.4) puts a marked
// footnote's mark before its text itself, and showed "* * This designation". So the text
// stands in a markup-compatibility choice that requires Word 2013's namespace (w15): Word
// 2013 and later take it and show the mark once, as in a footnote Word made; LibreOffice
// takes the empty fallback and shows its own mark, once.
func noteMark(n *Note) string {
	if n.Mark == "" {
		return `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>`
	}
	return `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><mc:AlternateContent><mc:Choice Requires="w15">` +
		wt(n.Mark) + `</mc:Choice><mc:Fallback/></mc:AlternateContent></w:r>`
}

func (d *Document) headerXML() string {
	runs := textRun(d.HeaderLeft, false)
	if d.HeaderRight != "" {
		runs += `<w:r><w:tab/></w:r>` + textRun(d.HeaderRight, true)
	}
	return xml.Header + `<w:hdr ` + nsAll + `>` + paragraphXML("Header", false, "", runs) + `</w:hdr>`
}

const footerXML = xml.Header + `<w:ftr ` + nsAll + `><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>`

func (d *Document) documentRels() string {
	var b strings.Builder
	b.WriteString(xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	const base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	for _, r := range [][3]string{
		{"rIdStyles", "styles", "styles.xml"},
		{"rIdSettings", "settings", "settings.xml"},
		{"rIdFootnotes", "footnotes", "footnotes.xml"},
		{"rIdHeader", "header", "header1.xml"},
		{"rIdFooter", "footer", "footer1.xml"},
	} {
		fmt.Fprintf(&b, `<Relationship Id="%s" Type="%s%s" Target="%s"/>`, r[0], base, r[1], r[2])
	}
	for i := range d.images {
		fmt.Fprintf(&b, `<Relationship Id="rIdImage%d" Type="%simage" Target="media/image%d.png"/>`, i+1, base, i+1)
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

const contentTypes = xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Default Extension="png" ContentType="image/png"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`</Types>`

const rootRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`</Relationships>`

// coreXML carries the title only: no author or dates, which would change the bytes.
const coreXML = xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>%s</dc:title></cp:coreProperties>`

const settingsXML = xml.Header + `<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:defaultTabStop w:val="709"/><w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`</w:settings>`
