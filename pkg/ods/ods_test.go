package ods_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mapsurvey/mapsurvey/pkg/ods"
)

const head = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ` +
	`xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ` +
	`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ` +
	`xmlns:dc="http://purl.org/dc/elements/1.1/"><office:automatic-styles>` +
	`<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>` +
	`<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>` +
	`</office:automatic-styles><office:body><office:spreadsheet>`

const tail = `</office:spreadsheet></office:body></office:document-content>`

// spreadsheet is an .ods archive whose spreadsheet body is body.
func spreadsheet(t testing.TB, body string) *zip.Reader {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("content.xml")
	if err == nil {
		_, err = w.Write([]byte(head + body + tail))
	}
	if err != nil {
		t.Fatal(err)
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

func table(name, style, rows string) string {
	return `<table:table table:name="` + name + `" table:style-name="` + style + `"><table:table-column table:number-columns-repeated="16384"/>` + rows + `</table:table>`
}

func c(text string) string {
	return `<table:table-cell office:value-type="string"><text:p>` + text + `</text:p></table:table-cell>`
}

func row(cells ...string) string {
	return `<table:table-row>` + strings.Join(cells, "") + `</table:table-row>`
}

// readAll gives every sheet as "name hidden merged" and its rows as "num hidden: cells".
func readAll(zr *zip.Reader) ([]string, error) {
	book, err := ods.Open(zr)
	if err != nil {
		return nil, err
	}
	var out []string
	err = book.Read(func(s ods.Sheet, rows *ods.Rows) error {
		out = append(out, fmt.Sprintf("%s hidden=%v merged=%d", s.Name, s.Hidden, s.Merged))
		for rows.Next() {
			r := rows.Row()
			out = append(out, fmt.Sprintf("%d %v: %q", r.Num, r.Hidden, r.Cells))
		}
		return rows.Err()
	})
	return out, err
}

func TestSheetsRowsAndCells(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []string
	}{
		{"sheets in order, the hidden one said", table("Replies", "ta1", row(c("a"), c("b"))) + table("Working", "ta2", row(c("w"))),
			[]string{"Replies hidden=false merged=0", `1 false: ["a" "b"]`, "Working hidden=true merged=0", `1 false: ["w"]`}},
		{"repeated rows and cells; empty runs only move on", table("S", "ta1",
			`<table:table-row table:number-rows-repeated="2">`+c("x")+`<table:table-cell table:number-columns-repeated="3"/>`+`<table:table-cell table:number-columns-repeated="2"><text:p>y</text:p></table:table-cell></table:table-row>`+
				`<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`+row(c("last"))),
			[]string{"S hidden=false merged=0", `1 false: ["x" "" "" "" "y" "y"]`, `2 false: ["x" "" "" "" "y" "y"]`, `1048573 false: ["last"]`}},
		{"merged cells repeat their first cell; covered cells' own text is not read", table("S", "ta1",
			row(`<table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2"><text:p>AT</text:p></table:table-cell>`, `<table:covered-table-cell><text:p>hidden</text:p></table:covered-table-cell>`, c("1"))+
				row(`<table:covered-table-cell table:number-columns-repeated="2"/>`, c("2"))+row(c("BE"), c(""), c("3"))),
			[]string{"S hidden=false merged=1", `1 false: ["AT" "AT" "1"]`, `2 false: ["AT" "AT" "2"]`, `3 false: ["BE" "" "3"]`}},
		{"hidden rows, in groups and header rows too", table("S", "ta1",
			`<table:table-header-rows>`+row(c("head"))+`</table:table-header-rows><table:table-row-group><table:table-row table:visibility="collapse">`+c("a")+`</table:table-row>`+
				`<table:table-row table:visibility="filter">`+c("b")+`</table:table-row></table:table-row-group>`+row(c("c"))),
			[]string{"S hidden=false merged=0", `1 false: ["head"]`, `2 true: ["a"]`, `3 true: ["b"]`, `4 false: ["c"]`}},
		{"text: spans, spaces, tabs, breaks, links, paragraphs; no comments", table("S", "ta1", row(
			`<table:table-cell><office:annotation><dc:creator>me</dc:creator><text:p>a comment</text:p></office:annotation><text:p>two<text:s/> spaces, <text:span>a span</text:span><text:s text:c="3"/>x</text:p><text:p>next<text:tab/>line<text:line-break/>break <text:a>link</text:a></text:p></table:table-cell>`,
			"<table:table-cell><text:p>\n   collapsed \n  white   space  </text:p></table:table-cell>")),
			[]string{"S hidden=false merged=0", `1 false: ["two  spaces, a span   x\nnext\tline\nbreak link" "collapsed white space"]`}},
		{"a value with no paragraph", table("S", "ta1", row(`<table:table-cell office:value-type="float" office:value="12.5"/>`, `<table:table-cell office:value-type="boolean" office:boolean-value="true"/>`, `<table:table-cell office:value-type="date" office:date-value="2020-01-02"/>`)),
			[]string{"S hidden=false merged=0", `1 false: ["12.5" "TRUE" "2020-01-02"]`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readAll(spreadsheet(t, tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// A few bytes of XML that would make billions of cells, nesting without end, or damaged XML
// end quickly with one error.
func TestHostileSpreadsheets(t *testing.T) {
	full := `<table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell>`
	for _, tc := range []struct {
		name, body, want string
	}{
		{"a full row repeated a million times", table("S", "ta1", `<table:table-row table:number-rows-repeated="1048576">`+full+`</table:table-row>`),
			"S!row 1: the sheet repeats or merges cells into more than 16,777,216 cells"},
		{"a cell merged over the whole sheet", table("S", "ta1", row(`<table:table-cell table:number-columns-spanned="16384" table:number-rows-spanned="1048576"><text:p>x</text:p></table:table-cell>`)),
			"the sheet repeats or merges cells into more than 16,777,216 cells"},
		{"many rows each repeating a full row", table("S", "ta1", strings.Repeat(row(full), 1100)),
			"the sheet repeats or merges cells into more than 16,777,216 cells"},
		{"text past the last column", table("S", "ta1", row(`<table:table-cell table:number-columns-repeated="16384"/>`, c("x"))),
			"S!row 1: the row has text beyond column XFD"},
		{"a repeat that is not a number", table("S", "ta1", `<table:table-row table:number-rows-repeated="-1">`+c("x")+`</table:table-row>`),
			`S!row 1: number-rows-repeated="-1" is not a count (the file is damaged)`},
		{"deep nesting", table("S", "ta1", row(`<table:table-cell><text:p>`+strings.Repeat("<text:span>", 100000))),
			"nests more than 200 elements deep"},
		// Outside any table, the error leaves through the scan of the sheets, not the rows.
		{"deep nesting before the tables", strings.Repeat("<text:p>", 300) + table("S", "ta1", row(c("x"))),
			"nests more than 200 elements deep"},
		{"damaged XML", table("S", "ta1", row(c("x"))+"<table:table-row>"),
			"XML syntax error"},
		{"a cell too long", table("S", "ta1", row(c(strings.Repeat("x", 40000)))),
			"S!A1: the cell holds 40,000 characters"},
		{"spaces too many", table("S", "ta1", row(`<table:table-cell><text:p>`+strings.Repeat(`<text:s text:c="30000"/>`, 10)+`</text:p></table:table-cell>`)),
			"S!A1: the cell holds more than the 32,767 characters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := readAll(spreadsheet(t, tc.body))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
			// The bound on work is the cell limit the error names; the clock only catches a hang.
			// It is generous because the full-row case makes 16.7 million cells before the limit
			// (about 2 s alone, 6.5 s once on this shared machine under load).
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}
