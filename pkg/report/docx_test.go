package report_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/png"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/report"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// node is any XML element, kept whole so that tests can walk a part.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n node) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func (n node) all(local string) []node {
	var out []node
	for _, c := range n.Nodes {
		if c.XMLName.Local == local {
			out = append(out, c)
		}
		out = append(out, c.all(local)...)
	}
	return out
}

func (n node) has(local string) bool { return len(n.all(local)) > 0 }

// text is the text of a paragraph or cell: its w:t and w:instrText.
func (n node) text() string {
	var b strings.Builder
	for _, t := range n.all("t") {
		b.WriteString(t.Text)
	}
	return b.String()
}

func (n node) style() string {
	for _, s := range n.all("pStyle") {
		return s.attr("val")
	}
	return ""
}

func pngOf(w, h int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// writeDOCX writes the test report as Word, the partner charts tall (2:3) and the others wide (16:10).
func writeDOCX(t *testing.T) (map[string][]byte, *report.Document) {
	t.Helper()
	doc := build(t, true)
	var buf bytes.Buffer
	err := report.DOCX(&buf, doc, report.DOCXOptions{DocNumber: "7896/20", Classification: "LIMITE",
		PNG: func(file string) ([]byte, error) {
			if strings.Contains(file, "-areas-by-type") {
				return pngOf(1000, 1500), nil
			}
			return pngOf(1600, 1000), nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], _ = io.ReadAll(r)
		r.Close()
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			var n node
			if err := xml.Unmarshal(parts[f.Name], &n); err != nil {
				t.Errorf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
	}
	var again bytes.Buffer
	_ = report.DOCX(&again, doc, report.DOCXOptions{DocNumber: "7896/20", Classification: "LIMITE",
		PNG: func(file string) ([]byte, error) {
			if strings.Contains(file, "-areas-by-type") {
				return pngOf(1000, 1500), nil
			}
			return pngOf(1600, 1000), nil
		}})
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two writes of the same document differ")
	}
	return parts, doc
}

func parse(t *testing.T, data []byte) node {
	t.Helper()
	var n node
	if err := xml.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestDOCXCaptionsAreWordFieldsKeptWithTheirTableOrChart: every table has a caption above it
// and every chart one below it, numbered by a SEQ field whose written result is the number
// Word computes, and kept on the page of its table or image.
func TestDOCXCaptionsAreWordFieldsKeptWithTheirTableOrChart(t *testing.T) {
	parts, doc := writeDOCX(t)
	body := parse(t, parts["word/document.xml"]).all("body")[0].Nodes
	wantTables, wantCharts := 0, 0
	for _, sec := range doc.Sections {
		for _, bl := range sec.Blocks {
			if bl.Table != nil {
				wantTables++
			}
			if bl.Chart != nil {
				wantCharts++
			}
		}
	}
	seq := regexp.MustCompile(`^ SEQ (Table|Chart) \\\* ARABIC $`)
	count := map[string]int{}
	for i, el := range body {
		if el.XMLName.Local != "p" || el.style() != "Caption" {
			continue
		}
		instr := el.all("instrText")
		if len(instr) != 1 || !seq.MatchString(instr[0].Text) {
			t.Fatalf("caption %q: field %v, want one SEQ Table or SEQ Chart field", el.text(), instr)
		}
		label := seq.FindStringSubmatch(instr[0].Text)[1]
		count[label]++
		if !strings.HasPrefix(el.text(), fmt.Sprintf("%s %d. ", label, count[label])) {
			t.Errorf("caption %q: want %s %d", el.text(), label, count[label])
		}
		switch label {
		case "Table":
			if !el.has("keepNext") || i+1 >= len(body) || body[i+1].XMLName.Local != "tbl" {
				t.Errorf("%q: a table caption keeps with the table that follows it", el.text())
			}
		case "Chart":
			prev := body[i-1]
			if !prev.has("drawing") || !prev.has("keepNext") {
				t.Errorf("%q: the chart's image stands before its caption and keeps with it", el.text())
			}
		}
	}
	if count["Table"] != wantTables || count["Chart"] != wantCharts {
		t.Errorf("%d table and %d chart captions, want %d and %d", count["Table"], count["Chart"], wantTables, wantCharts)
	}
	// Headings in Word's own heading styles.
	var headings []string
	for _, el := range body {
		if el.XMLName.Local == "p" && strings.HasPrefix(el.style(), "Heading") {
			headings = append(headings, el.style()+":"+el.text())
		}
	}
	if len(headings) != len(doc.Sections) || headings[0] != "Heading1:1. Method" {
		t.Errorf("headings %q", headings)
	}
}

// TestDOCXNotesAreFootnotes: the caveats, "not additive", Kosovo's designation (with its own
// "*") and each table's note are Word footnotes, referenced once each; a table note that
// repeats an earlier one points to it by its number, as the note does ("See the explanation in
// footnote 2."). No table note stands as text under a table.
func TestDOCXNotesAreFootnotes(t *testing.T) {
	parts, doc := writeDOCX(t)
	document := parse(t, parts["word/document.xml"])
	notes := map[string]node{}
	var numbered []string // footnote ids in Word's numbering order
	for _, fn := range parse(t, parts["word/footnotes.xml"]).all("footnote") {
		notes[fn.attr("id")] = fn
	}
	refs := map[string]int{}
	markOf := map[string]string{}
	for _, r := range document.all("footnoteReference") {
		id := r.attr("id")
		refs[id]++
		if _, ok := notes[id]; !ok {
			t.Errorf("footnote %s referenced, not in footnotes.xml", id)
		}
		if r.attr("customMarkFollows") == "1" {
			markOf[id] = "*"
		} else if refs[id] == 1 {
			numbered = append(numbered, id)
		}
	}
	for id, n := range refs {
		if n != 1 {
			t.Errorf("footnote %s referenced %d times: Word numbers a footnote where it is referenced", id, n)
		}
	}
	// Every footnote opens with a run in the FootnoteReference style that shows its mark once: a
	// numbered one footnoteRef alone; a marked one its mark as text, as Word writes it, inside a
	// choice for Word 2013 (w15) with an empty fallback, which LibreOffice takes (it shows the
	// mark itself, and showed "* * This designation" when the text stood plain).
	for id := range refs {
		runs := notes[id].all("r")
		if len(runs) == 0 || len(runs[0].all("rStyle")) == 0 || runs[0].all("rStyle")[0].attr("val") != "FootnoteReference" {
			t.Errorf("footnote %s does not open with a run in the FootnoteReference style", id)
			continue
		}
		if m := markOf[id]; m == "" {
			if !runs[0].has("footnoteRef") || runs[0].text() != "" {
				t.Errorf("numbered footnote %s does not open with footnoteRef alone", id)
			}
		} else {
			choice, fallback := runs[0].all("Choice"), runs[0].all("Fallback")
			if runs[0].has("footnoteRef") || len(choice) != 1 || choice[0].attr("Requires") != "w15" || choice[0].text() != m ||
				len(fallback) != 1 || len(fallback[0].Nodes) != 0 {
				t.Errorf("marked footnote %s: its mark %q is not in a w15 choice with an empty fallback", id, m)
			}
		}
		if len(runs) < 2 || !runs[1].has("tab") || runs[1].text() != "" {
			t.Errorf("footnote %s: no tab after its mark (the text would not start at the hanging indent)", id)
		}
	}
	textOf := func(id string) string { return strings.TrimSpace(strings.TrimPrefix(notes[id].text(), markOf[id])) }
	find := func(prefix string) string {
		for id := range refs {
			if strings.HasPrefix(textOf(id), prefix) {
				return id
			}
		}
		t.Errorf("no footnote %q", prefix)
		return ""
	}
	if id := find(survey.KosovoFootnote); id != "" && markOf[id] != "*" {
		t.Errorf("Kosovo's designation is footnote %s without its own mark", id)
	}
	find("The replies do not tell current activities from discontinued ones.")
	find("Member States are counted once in each partner, area and type of support")
	// The first table note of "n = ..." for the partners' table, and the types' table pointing to it.
	partnersNote := find("n = 2 activities; n = 1 Member State with activities.")
	number := 0
	for i, id := range numbered {
		if id == partnersNote {
			number = i + 1
		}
	}
	find(fmt.Sprintf("See the explanation in footnote %d.", number))
	for _, p := range document.all("p") {
		for _, sec := range doc.Sections {
			for _, bl := range sec.Blocks {
				if bl.Table != nil && bl.Table.Caption != "" && p.text() == bl.Table.Caption {
					t.Errorf("table note %q stands in the text", bl.Table.Caption)
				}
			}
		}
	}
}

// TestDOCXTablesImagesAndPage: the table style, a header row repeated on every page, right-aligned
// numbers, a bold total; charts 16 cm wide unless that would make them taller than a page
// allows; A4 with the note's margins, a running header and the page number in the footer.
func TestDOCXTablesImagesAndPage(t *testing.T) {
	parts, _ := writeDOCX(t)
	document := parse(t, parts["word/document.xml"])
	tables := document.all("tbl")
	if len(tables) == 0 {
		t.Fatal("no tables")
	}
	for i, tbl := range tables {
		if s := tbl.all("tblStyle"); len(s) != 1 || s[0].attr("val") != "AnnexTable" {
			t.Errorf("table %d: style %v, want AnnexTable", i+1, s)
		}
		rows := tbl.all("tr")
		if !rows[0].has("tblHeader") {
			t.Errorf("table %d: header row not repeated across pages", i+1)
		}
		for _, r := range rows[1:] {
			if r.has("tblHeader") {
				t.Errorf("table %d: a body row marked as header", i+1)
			}
		}
	}
	// Table 2 (partners): Partner | Member States | % | Activities | % ; total bold.
	partners := tables[1].all("tr")
	cells := partners[1].all("tc")
	if jc := cells[1].all("jc"); len(jc) != 1 || jc[0].attr("val") != "right" {
		t.Errorf("a number is not right-aligned: %v", jc)
	}
	if jc := cells[0].all("jc"); len(jc) != 0 {
		t.Errorf("a label is aligned %v", jc)
	}
	total := partners[len(partners)-1]
	if !strings.HasPrefix(total.text(), "Total") || !total.has("b") {
		t.Errorf("last row %q is not a bold total", total.text())
	}
	if !strings.Contains(string(parts["word/styles.xml"]), `<w:tblStylePr w:type="lastRow"><w:rPr><w:b/>`) {
		t.Error("the table style does not set the total row bold")
	}

	extents := document.all("extent")
	if len(extents) == 0 {
		t.Fatal("no images")
	}
	wide, tall := 0, 0
	for _, e := range extents {
		switch cx, cy := e.attr("cx"), e.attr("cy"); {
		case cx == "5760000" && cy == "3600000": // 16 cm x 10 cm
			wide++
		case cx == "5040000" && cy == "7560000": // 21 cm tall, proportions kept
			tall++
		default:
			t.Errorf("image extent %s x %s EMU", cx, cy)
		}
	}
	if wide == 0 || tall == 0 {
		t.Errorf("%d wide and %d tall images", wide, tall)
	}

	sect := document.all("sectPr")[0]
	if sz := sect.all("pgSz")[0]; sz.attr("w") != "11906" || sz.attr("h") != "16838" {
		t.Errorf("page %s x %s, want A4", sz.attr("w"), sz.attr("h"))
	}
	if m := sect.all("pgMar")[0]; m.attr("left") != "1417" || m.attr("right") != "1417" {
		t.Errorf("margins %s and %s, want 2.5 cm (16 cm of text)", m.attr("left"), m.attr("right"))
	}
	if h := parse(t, parts["word/header1.xml"]).text(); h != "7896/20LIMITE" {
		t.Errorf("running header %q", h)
	}
	if f := parse(t, parts["word/footer1.xml"]).all("instrText"); len(f) != 1 || strings.TrimSpace(f[0].Text) != "PAGE" {
		t.Errorf("footer fields %v, want PAGE", f)
	}
}
