package questionnaire

import (
	"fmt"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// Widths of the instructions sheet's three columns: label, other spellings, note.
var instructionWidths = [3]float64{34, 58, 46}

// Row heights per line of text, in points, and the width of a character in column-width units
// (a little under one for ordinary text, more for the large bold title).
const (
	lineHeight      = 15.0
	titleLineHeight = 19.0
	textScale       = 0.85
	titleScale      = 1.3
)

type blockKind int

const (
	titleBlock     blockKind = iota
	paraBlock                // text over the three columns
	headingBlock             // a section's title
	subheadBlock             // a table's title
	tableHeadBlock           // a table's column titles
	tableRowBlock            // a table's row
	blankBlock
)

// block is one row of the instructions sheet.
type block struct {
	kind  blockKind
	cells []string // one cell for text over the three columns, else one per column
	// joinNote merges the note column into the one before it (a table without notes).
	joinNote bool
	// pageBreak starts a new printed page with the row.
	pageBreak bool
}

func para(format string, args ...any) block {
	return block{kind: paraBlock, cells: []string{fmt.Sprintf(format, args...)}}
}

func bullet(format string, args ...any) block {
	return block{kind: paraBlock, cells: []string{"\u2022  " + fmt.Sprintf(format, args...)}}
}

// blocks returns the instructions sheet's text, row by row: the cells of each row (a single
// cell for a row of text). Tests use it to check that no cell reads as a column title.
func (b *book) blocks() []block {
	s, o := b.s, b.o
	st, pd, ad, td := s.Dim(survey.State), s.Dim(survey.Partner), s.Dim(survey.Area), s.Dim(survey.Type)
	resp := s.Respondent
	if resp == "" {
		resp = st.Noun
	}
	nilWord := NilWord(s)
	partners, areas, types := survey.Plural(pd.Noun), survey.Plural(ad.Noun), survey.Plural(td.Noun)

	named := fmt.Sprintf("named after the %s replying", resp)
	if len(st.Values) > 0 {
		named += fmt.Sprintf(" (for example %s.xlsx)", st.Values[0].Label)
	}
	out := []block{
		{kind: titleBlock, cells: []string{s.Title}},
		para("Please fill in the sheet %s of this workbook and send the workbook back as an .xlsx file (not .xls, .ods or PDF), %s.",
			quote(ReplySheet), named),
		{kind: blankBlock},
		{kind: headingBlock, cells: []string{"What to report"}},
		bullet("Period covered: %s.", o.Period),
	}
	if o.Scope != "" {
		out = append(out, bullet("Scope: %s.", o.Scope))
	}
	out = append(out,
		bullet("In the sheet %s, write one row per activity: which %s, which %s, which %s.", quote(ReplySheet), pd.Noun, ad.Noun, td.Noun),
		bullet("Each activity counts as one item regardless of its value or content: one expert mission counts as much as a donation of 100 thermal cameras."),
	)
	if nilWord != "" {
		out = append(out, bullet("A %s with no activity to report writes its name in the %s column and %s in the %s column, and leaves the other columns empty.",
			resp, quote(st.Title), quote(nilWord), quote(pd.Title)))
	} else {
		out = append(out, bullet("A %s with no activity to report writes only its name, in the %s column, and leaves the other columns empty.",
			resp, quote(st.Title)))
	}
	example := ""
	if p := s.Labels(survey.Partner); len(p) >= 2 {
		example = fmt.Sprintf(" (for example %s)", quote(p[0]+"; "+p[1]))
	}
	out = append(out,
		bullet("Prefer one row per activity. A cell may name several %s, %s or %s separated by \";\"%s: each counts as one activity, and a row naming 2 %s and 2 %s counts as 4 activities. The drop-down list then warns that the text is not in the list: confirm to keep it.",
			partners, areas, types, example, partners, areas),
		block{kind: blankBlock},
		block{kind: headingBlock, cells: []string{fmt.Sprintf("How to fill in the sheet %s", quote(ReplySheet))}},
	)
	if len(st.Values) > 0 {
		out = append(out, bullet("%s: choose the %s from the drop-down list, on every row.", st.Title, resp))
	} else {
		out = append(out, bullet("%s: write the name of the %s, the same on every row.", st.Title, resp))
	}
	out = append(out,
		// The accepted aliases are not printed: they include names a Member State must not be
		// shown ("FYROM"); the reader understands them anyway.
		bullet("%s, %s, %s: choose from the drop-down lists. The labels are defined below; other usual spellings are understood too, but the labels of the lists are preferred.",
			pd.Title, ad.Title, td.Title),
		bullet("%s: a short description of the activity (for example %s). %s: the year the activity took place (the first year, if it lasted longer).",
			DescriptionTitle, quote("training of border police officers"), YearTitle),
		bullet("Do not change the titles in row 1 of the sheet %s: the replies are read by a program that finds the columns by these titles. Columns added to the right, for your own remarks, are kept.",
			quote(ReplySheet)),
		bullet("The drop-down lists cover %s. For more rows, copy the last row down: the copies keep the lists.", rowsNote(o.Rows)),
		block{kind: blankBlock},
		block{kind: headingBlock, cells: []string{"Definitions"}, pageBreak: true},
	)
	for _, k := range survey.Dims {
		d := s.Dim(k)
		notes := false
		for _, v := range d.Values {
			notes = notes || v.Footnote != ""
		}
		head := []string{"Label", "Note"}
		if !notes {
			head = head[:1]
		}
		out = append(out,
			block{kind: subheadBlock, cells: []string{fmt.Sprintf("The labels of the %s column", quote(d.Title))}},
			block{kind: tableHeadBlock, cells: head, joinNote: !notes})
		for _, v := range d.Values {
			row := []string{v.Label}
			if notes {
				row = append(row, v.Footnote)
			}
			out = append(out, block{kind: tableRowBlock, cells: row, joinNote: !notes})
		}
		if k == survey.Partner && nilWord != "" {
			row := []string{nilWord + ": no activity to report (the other columns stay empty)"}
			if notes {
				row = append(row, "")
			}
			out = append(out, block{kind: tableRowBlock, cells: row, joinNote: !notes})
		}
		out = append(out, block{kind: blankBlock})
	}
	return out
}

// height is the row height of a block, in points: enough for its text wrapped in its columns.
func (bl block) height() float64 {
	total := instructionWidths[0] + instructionWidths[1] + instructionWidths[2]
	switch bl.kind {
	case titleBlock:
		return titleLineHeight*float64(lines(bl.cells[0], total, titleScale)) + 4
	case headingBlock:
		return 24
	case subheadBlock:
		return 22
	case paraBlock:
		return lineHeight*float64(lines(bl.cells[0], total, textScale)) + 3
	case tableHeadBlock, tableRowBlock:
		n := 1
		for c, text := range bl.cells {
			width := instructionWidths[c]
			if bl.joinNote && c == 1 {
				width += instructionWidths[2]
			}
			n = max(n, lines(text, width, textScale))
		}
		return lineHeight*float64(n) + 3
	}
	return lineHeight
}

// pageHeight is what a printed page holds, in points of row height: an A4 page in landscape
// (595 points high) less its top and bottom margins of 0.6 inch, with room to spare for the
// differences between spreadsheet programs.
const pageHeight = 480

// paginate marks the rows that start a printed page: the definitions start a page, and a table
// that would not fit in what remains of a page starts the next one, with its title.
func paginate(blocks []block) {
	used := 0.0
	for i := range blocks {
		bl := &blocks[i]
		if bl.kind == subheadBlock && !bl.pageBreak && used > 0 {
			group := 0.0
			for _, next := range blocks[i:] {
				if next.kind == blankBlock {
					break
				}
				group += next.height()
			}
			if used+group > pageHeight {
				bl.pageBreak = true
			}
		}
		if bl.pageBreak {
			used = 0
		}
		used += bl.height()
		for used > pageHeight { // a table longer than a page runs on
			used -= pageHeight
		}
	}
}

// instructions writes the instructions sheet.
func (b *book) instructions() error {
	f, sh := b.f, InstructionsSheet
	for i, w := range instructionWidths {
		if err := f.SetColWidth(sh, colName(i+1), colName(i+1), w); err != nil {
			return err
		}
	}
	lastCol := colName(len(instructionWidths))
	blocks := b.blocks()
	paginate(blocks)
	for i, bl := range blocks {
		row := i + 1
		if bl.pageBreak {
			if err := f.InsertPageBreak(sh, cell(1, row)); err != nil {
				return err
			}
		}
		if bl.kind == blankBlock {
			continue
		}
		for c, text := range bl.cells {
			if err := f.SetCellStr(sh, cell(c+1, row), text); err != nil {
				return err
			}
		}
		var style int
		switch bl.kind {
		case titleBlock:
			style = b.styles.title
		case headingBlock, subheadBlock:
			style = b.styles.heading
		case paraBlock:
			style = b.styles.text
		case tableHeadBlock:
			style = b.styles.tableHead
		case tableRowBlock:
			style = b.styles.tableCell
		}
		switch {
		case len(bl.cells) == 1:
			if err := f.MergeCell(sh, cell(1, row), cell(3, row)); err != nil {
				return err
			}
		case bl.joinNote:
			if err := f.MergeCell(sh, cell(2, row), cell(3, row)); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sh, cell(1, row), lastCol+fmt.Sprint(row), style); err != nil {
			return err
		}
		if err := f.SetRowHeight(sh, row, bl.height()); err != nil {
			return err
		}
	}
	return b.pageSetup(sh)
}
