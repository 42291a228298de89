package docxtable_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/docxtable"
)

const (
	nsDecl = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
		`xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ` +
		`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`
)

// document is a minimal .docx whose body is body; styles and core, when not empty, are the
// content of word/styles.xml and docProps/core.xml.
func document(t testing.TB, body, styles, core string) *zip.Reader {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, text string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	add("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document `+nsDecl+`><w:body>`+body+`</w:body></w:document>`)
	if styles != "" {
		add("word/styles.xml", `<?xml version="1.0"?><w:styles `+nsDecl+`>`+styles+`</w:styles>`)
	}
	if core != "" {
		add("docProps/core.xml", `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">`+core+`</cp:coreProperties>`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	return zr
}

func p(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func styled(style, text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func tc(props, content string) string {
	return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + content + `</w:tc>`
}

func cell(text string) string { return tc("", p(text)) }

func tr(cells ...string) string { return `<w:tr>` + strings.Join(cells, "") + `</w:tr>` }

func tbl(rows ...string) string {
	return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol/></w:tblGrid>` + strings.Join(rows, "") + `</w:tbl>`
}

func checkbox(checked bool) string {
	v, glyph := "0", "☐"
	if checked {
		v, glyph = "1", "☒"
	}
	return `<w:sdt><w:sdtPr><w:id w:val="1"/><w14:checkbox><w14:checked w14:val="` + v + `"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>` +
		`<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic"/></w:rPr><w:t>` + glyph + `</w:t></w:r></w:sdtContent></w:sdt>`
}

func formCheckbox(ffData string) string {
	return `<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/><w:calcOnExit w:val="0"/><w:checkBox>` + ffData + `</w:checkBox></w:ffData></w:fldChar></w:r>` +
		`<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`
}

func dropDown(shown string, placeholder bool) string {
	ph := ""
	if placeholder {
		ph = `<w:showingPlcHdr/>`
	}
	return `<w:sdt><w:sdtPr><w:alias w:val="Partner"/>` + ph + `<w:dropDownList><w:listItem w:displayText="Serbia" w:value="RS"/><w:listItem w:displayText="Albania" w:value="AL"/></w:dropDownList></w:sdtPr>` +
		`<w:sdtContent><w:r><w:t>` + shown + `</w:t></w:r></w:sdtContent></w:sdt>`
}

func rows(tb docxtable.Table) []string {
	var out []string
	for _, r := range tb.Rows {
		out = append(out, fmt.Sprintf("%d: %q", r.Num, r.Cells))
	}
	return out
}

func TestCellsOfATable(t *testing.T) {
	para := func(runs string) string { return `<w:p>` + runs + `</w:p>` }
	for _, tc := range []struct {
		name   string
		body   string
		want   []string
		merged int
	}{
		{"plain", tbl(tr(cell("Member State"), cell("Partner")), tr(cell("Austria"), cell("Serbia"))),
			[]string{`1: ["Member State" "Partner"]`, `2: ["Austria" "Serbia"]`}, 0},
		{"a cell spanning columns repeats its text", tbl(tr(tc(`<w:gridSpan w:val="2"/>`, p("Austria")), cell("x")), tr(cell("a"), cell("b"), cell("c"))),
			[]string{`1: ["Austria" "Austria" "x"]`, `2: ["a" "b" "c"]`}, 1},
		{"a vertical merge gives its first cell's text", tbl(
			tr(tc(`<w:vMerge w:val="restart"/>`, p("Austria")), cell("Serbia")),
			tr(tc(`<w:vMerge/>`, p("")), cell("Albania")),
			tr(tc(`<w:vMerge/>`, `<w:p/>`), cell("Montenegro")),
			tr(cell("Belgium"), cell("Kosovo*"))),
			[]string{`1: ["Austria" "Serbia"]`, `2: ["Austria" "Albania"]`, `3: ["Austria" "Montenegro"]`, `4: ["Belgium" "Kosovo*"]`}, 1},
		{"a merge down and across", tbl(
			tr(tc(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, p("AT")), cell("1")),
			tr(tc(`<w:gridSpan w:val="2"/><w:vMerge/>`, `<w:p/>`), cell("2"))),
			[]string{`1: ["AT" "AT" "1"]`, `2: ["AT" "AT" "2"]`}, 2},
		{"grid before skips columns", tbl(tr(cell("a"), cell("b"), cell("c")), `<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>`+cell("z")+`</w:tr>`),
			[]string{`1: ["a" "b" "c"]`, `2: ["" "" "z"]`}, 0},
		{"check boxes", tbl(tr(cell("Asylum"), cell("Return")),
			tr(tc("", para(checkbox(true))), tc("", para(checkbox(false)))),
			tr(tc("", para(formCheckbox(`<w:default w:val="0"/><w:checked/>`))), tc("", para(formCheckbox(`<w:default w:val="0"/>`)))),
			tr(tc("", para(formCheckbox(`<w:default w:val="1"/>`))), tc("", para(formCheckbox(`<w:default w:val="1"/><w:checked w:val="0"/>`)))),
			tr(cell("☒"), cell("☐")), tr(cell(" ✓ "), cell("")), tr(cell("✔"), cell("×")),
			tr(tc("", para(`<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>`)), tc("", para(`<w:r><w:sym w:font="Wingdings" w:char="F0A8"/></w:r>`)))),
			[]string{`1: ["Asylum" "Return"]`, `2: ["X"]`, `3: ["X"]`, `4: ["X"]`, `5: ["X"]`, `6: ["X"]`, `7: ["X" "X"]`, `8: ["X"]`}, 0},
		{"a box beside a label stays as written", tbl(tr(cell("☒ Asylum"), cell("☐ Return"))),
			[]string{`1: ["☒ Asylum" "☐ Return"]`}, 0},
		{"drop-downs show their choice; one not chosen is empty", tbl(tr(tc("", para(dropDown("Serbia", false))), tc("", para(dropDown("Choose an item.", true))), cell("z"))),
			[]string{`1: ["Serbia" "" "z"]`}, 0},
		{"a legacy drop-down field", tbl(tr(tc("", para(`<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:ddList><w:result w:val="1"/><w:listEntry w:val="Serbia"/><w:listEntry w:val="Albania"/></w:ddList></w:ffData></w:fldChar></w:r>`+
			`<w:r><w:instrText> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>stale</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`)))),
			[]string{`1: ["Albania"]`}, 0},
		{"paragraphs are lines; deleted text, field codes and drawings are left out", tbl(tr(tc("", p("line one")+
			para(`<w:r><w:t>line</w:t></w:r><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del><w:r><w:tab/><w:t>two</w:t><w:br/><w:t>three</w:t></w:r>`)+
			para(`<w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:drawing><w:t>in a drawing</w:t></w:drawing></w:r>`+
				`<mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>choice</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>fallback</w:t></w:r></mc:Fallback></mc:AlternateContent>`)+`<w:p/>`))),
			[]string{`1: ["line one\nline\ttwo\nthree\nchoice"]`}, 0},
		{"blank rows are left out, numbers kept", tbl(tr(cell("a")), tr(cell("")), tr(cell("b"))),
			[]string{`1: ["a"]`, `3: ["b"]`}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tables, err := docxtable.Read(document(t, tc.body, "", ""))
			if err != nil {
				t.Fatal(err)
			}
			if len(tables) != 1 {
				t.Fatalf("%d tables, want 1", len(tables))
			}
			if got := rows(tables[0]); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if tables[0].Merged != tc.merged {
				t.Errorf("merged %d, want %d", tables[0].Merged, tc.merged)
			}
		})
	}
}

// Tables are numbered in the order they start, a nested one after the table it is in, and
// each has the title, the nearest heading and the nearest paragraph before it as caption.
func TestTablesAndCaptions(t *testing.T) {
	styles := `<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Plain"><w:name w:val="Normal"/></w:style>`
	body := styled("Titel", "Reply of Austria") + p("Introduction") +
		styled("berschrift1", "Serbia") + tbl(tr(cell("a1"))) +
		p("Montenegro") + p("  ") + tbl(tr(tc("", p("before the inner")+tbl(tr(cell("inner")))+p("after")), cell("b2"))) +
		`<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>Albania</w:t></w:r></w:p>` + tbl(tr(tc("", tbl(tr(cell("inner2")))))) +
		tbl(tr(cell("last")))
	tables, err := docxtable.Read(document(t, body, styles, ""))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tb := range tables {
		got = append(got, fmt.Sprintf("table %d %q %s", tb.Num, tb.Caption, strings.Join(rows(tb), "; ")))
	}
	want := []string{
		`table 1 "Reply of Austria\nSerbia" 1: ["a1"]`,
		`table 2 "Reply of Austria\nSerbia\nMontenegro" 1: ["before the inner\nafter" "b2"]`,
		`table 3 "Reply of Austria\nbefore the inner" 1: ["inner"]`,
		`table 4 "Reply of Austria\nAlbania" 1: [""]`,
		`table 5 "Reply of Austria\nAlbania" 1: ["inner2"]`,
		`table 6 "Reply of Austria\nAlbania" 1: ["last"]`,
	}
	// Table 4's only cell holds a table: its own text is empty, and the row has no text.
	want[3] = `table 4 "Reply of Austria\nAlbania" `
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The title in the document's properties comes first.
	tables, err = docxtable.Read(document(t, p("Serbia")+tbl(tr(cell("x"))), "", "<dc:title>Reply of Belgium</dc:title>"))
	if err != nil || tables[0].Caption != "Reply of Belgium\nSerbia" {
		t.Errorf("caption %q, error %v", tables[0].Caption, err)
	}
}

// Hostile documents end quickly with one error: deep nesting, a huge span, damaged XML.
func TestHostileDocuments(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
	}{
		{"deep nesting", strings.Repeat("<w:sdt><w:sdtContent>", 5000) + tbl(tr(cell("x"))), "nests more than 256 elements deep"},
		{"deep tables", strings.Repeat(`<w:tbl><w:tr><w:tc>`, 300), "nests more than 256 elements deep"},
		{"a span past the last column", tbl(tr(tc(`<w:gridSpan w:val="99999999"/>`, p("x")), cell("y"))), "more than 16,384 columns"},
		{"a span that is not a number", tbl(tr(tc(`<w:gridSpan w:val="many"/>`, p("x")))), `table 1, row 1, column 1: w:gridSpan="many" is not a count`},
		{"damaged XML", tbl(tr(cell("x"))) + "<w:p>", "element <p> closed by </body>"},
		{"a cell too long", tbl(tr(cell(strings.Repeat("x", 40000)))), "table 1, row 1, column 1: the cell holds 40,000 characters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := docxtable.Read(document(t, tc.body, "", ""))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
	// Many merged cells: one cell spanning 2,000 columns, continued down 2,100 rows: more than
	// 4 million cells, refused.
	var b strings.Builder
	b.WriteString(`<w:tbl>`)
	b.WriteString(tr(tc(`<w:gridSpan w:val="2000"/><w:vMerge w:val="restart"/>`, p("x"))))
	for i := 0; i < 2100; i++ {
		b.WriteString(tr(tc(`<w:gridSpan w:val="2000"/><w:vMerge/>`, "")))
	}
	b.WriteString(`</w:tbl>`)
	_, err := docxtable.Read(document(t, b.String(), "", ""))
	if err == nil || !strings.Contains(err.Error(), "merges cells into more than 4,194,304 cells") {
		t.Errorf("merge bomb: error %v", err)
	}
	var pe *docxtable.PartError
	if _, err := docxtable.Read(document(t, "<w:p>", "", "")); !errors.As(err, &pe) || pe.Part != "word/document.xml" {
		t.Errorf("damaged: error %v, want one naming word/document.xml", err)
	}
}
