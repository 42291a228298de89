package questionnaire

import (
	"errors"
	"fmt"
	"io"

	"github.com/mapsurvey/mapsurvey/pkg/docx"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// DefaultWordRows is the number of reply rows of the Word form: a Word table of drop-down
// lists is slower to scroll than a sheet, and a reply rarely needs more (rows are added in
// Word with Tab in the last cell).
const DefaultWordRows = 40

// ReplyTable is the heading above the Word form's reply table.
const ReplyTable = "Reply"

// WriteWord writes the questionnaire of s as a Word form (.docx) to w: the instructions, a
// reply table whose header analyse finds and whose Member State, partner, area and type cells
// are drop-down lists of the survey's labels (content controls), and the definitions of the
// labels. analyse reads a filled-in copy back as it is. The same schema and options always give
// the same bytes.
func WriteWord(w io.Writer, s *survey.Schema, o Options) error {
	if s == nil {
		return errors.New("questionnaire: no schema")
	}
	if o.Rows == 0 {
		o.Rows = DefaultWordRows
	}
	o, err := o.complete()
	if err != nil {
		return fmt.Errorf("questionnaire: %w", err)
	}
	if err := s.Validate(); err != nil {
		return fmt.Errorf("questionnaire: schema: %w", err)
	}
	b := &book{s: s, o: o, lists: Lists(s)}
	d := docx.New(s.Title)
	st, pd, ad, td := s.Dim(survey.State), s.Dim(survey.Partner), s.Dim(survey.Area), s.Dim(survey.Type)
	resp := s.Respondent
	if resp == "" {
		resp = st.Noun
	}
	text := func(format string, args ...any) { d.Paragraph(docx.Run{Text: fmt.Sprintf(format, args...)}) }
	bullet := func(format string, args ...any) { text("\u2022  "+format, args...) }
	d.Heading(0, s.Title)
	named := fmt.Sprintf("named after the %s replying", resp)
	if len(st.Values) > 0 {
		named += fmt.Sprintf(" (for example %s.docx)", st.Values[0].Label)
	}
	text("Please fill in the table %s of this document and send the document back as a Word file (.docx, not PDF), %s.", quote(ReplyTable), named)
	d.Heading(1, "What to report")
	bullet("Period covered: %s.", o.Period)
	if o.Scope != "" {
		bullet("Scope: %s.", o.Scope)
	}
	bullet("In the table %s, write one row per activity: which %s, which %s, which %s.", quote(ReplyTable), pd.Noun, ad.Noun, td.Noun)
	bullet("Each activity counts as one item regardless of its value or content: one expert mission counts as much as a donation of 100 thermal cameras.")
	if nilWord := NilWord(s); nilWord != "" {
		bullet("A %s with no activity to report chooses its name in the %s column and %s in the %s column, and leaves the other columns empty.",
			resp, quote(st.Title), quote(nilWord), quote(pd.Title))
	} else {
		bullet("A %s with no activity to report writes only its name, in the %s column, and leaves the other columns empty.", resp, quote(st.Title))
	}
	d.Heading(1, fmt.Sprintf("How to fill in the table %s", quote(ReplyTable)))
	bullet("%s, %s, %s, %s: click the cell and choose from the drop-down list; the labels are defined below.", st.Title, pd.Title, ad.Title, td.Title)
	bullet("%s: a short description of the activity (for example %s). %s: the year the activity took place (the first year, if it lasted longer).",
		DescriptionTitle, quote("training of border police officers"), YearTitle)
	bullet("Do not change the titles in the first row of the table: the replies are read by a program that finds the columns by these titles.")
	bullet("The table has %s. For more rows, put the cursor in the last cell and press Tab, or copy a row: the copies keep the lists.", rowsNote(o.Rows))
	d.Heading(1, ReplyTable)
	var cols []docx.FormColumn
	for _, k := range survey.Keys {
		col := docx.FormColumn{Title: s.Dim(k).Title}
		if l, ok := b.list(k); ok {
			col.Choices = l.Values
		}
		cols = append(cols, col)
	}
	cols = append(cols, docx.FormColumn{Title: DescriptionTitle, Wide: true}, docx.FormColumn{Title: YearTitle})
	d.Form(docx.Form{Columns: cols, Rows: o.Rows})
	// The definitions: the workbook's, from its heading on, as headings and tables.
	blocks := b.blocks()
	for i, bl := range blocks {
		if bl.kind == headingBlock && bl.cells[0] == "Definitions" {
			blocks = blocks[i:]
			break
		}
	}
	var table *docx.Table
	flush := func() {
		if table != nil {
			d.Table(*table)
			table = nil
		}
	}
	cells := func(texts []string) []docx.Cell {
		out := make([]docx.Cell, len(texts))
		for i, t := range texts {
			out[i] = docx.Cell{{Text: t}}
		}
		return out
	}
	for _, bl := range blocks {
		switch bl.kind {
		case headingBlock:
			flush()
			d.Heading(1, bl.cells[0])
		case subheadBlock:
			flush()
			d.Heading(2, bl.cells[0])
		case tableHeadBlock:
			flush()
			table = &docx.Table{Header: cells(bl.cells)}
		case tableRowBlock:
			if table != nil {
				table.Rows = append(table.Rows, cells(bl.cells))
			}
		case paraBlock:
			flush()
			text("%s", bl.cells[0])
		}
	}
	flush()
	return d.Write(w)
}
