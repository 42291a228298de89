package replies

import (
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// tableRows gives rows as a reader of Word tables would: numbered from 1.
type tableRows struct {
	rows [][]string
	i    int
}

func (t *tableRows) Next() bool     { t.i++; return t.i <= len(t.rows) }
func (t *tableRows) Row() sheet.Row { return sheet.Row{Num: t.i, Cells: t.rows[t.i-1]} }
func (t *tableRows) Err() error     { return nil }

// TestWordTableAsTheReadersGiveIt reads a Word table as the .docx reader hands it over (a sheet
// named "table N" with Info.Table and the heading before it as Info.Caption): the partner comes
// from the heading, and findings read "table 2, row 3, column 1".
func TestWordTableAsTheReadersGiveIt(t *testing.T) {
	p, err := newParser(Options{})
	if err != nil {
		t.Fatal(err)
	}
	info := sheet.Info{Name: "table 2", Table: 2, Caption: "Serbia"}
	rows := &tableRows{rows: [][]string{
		{"Area", "Financial assistance", "Expert assistance", "Equipment"},
		{"Asylum", "☒", "☐", "☐"},
		{"Retrun", "☐", "☒", "☐"},
	}}
	res, f, err := p.readSheet("AT-reply.docx", 1, 2, info, rows)
	if err != nil || f != nil || res != sheetRead {
		t.Fatalf("%v %v %v", res, f, err)
	}
	var got []string
	for _, f := range p.file.findings {
		got = append(got, f.String())
	}
	want := `AT-reply.docx: table 2, row 3, column 1: unknown area "Retrun" (did you mean "Return"?)`
	if len(got) != 1 || got[0] != want {
		t.Errorf("findings %q\nwant %q", got, want)
	}
	src := p.file.sources[0]
	if src.Table != 2 || !strings.Contains(src.Header(), `partner from the heading "Serbia"`) || !strings.Contains(src.Header(), `Member State from the file name "AT-reply.docx"`) {
		t.Errorf("source %+v", src)
	}
	if src.Activities != 1 {
		t.Errorf("%d activities, want 1", src.Activities)
	}
}
