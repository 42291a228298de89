package questionnaire

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/workbook"
)

// book writes one questionnaire.
type book struct {
	f      *excelize.File
	s      *survey.Schema
	o      Options
	lists  []List
	styles styles
}

// styles are the cell styles the sheets use.
type styles struct {
	title, heading, text, tableHead, tableCell, replyHead, wrap int
}

const (
	headFill   = "#D9E1F2"
	borderGrey = "#A6A6A6"
	// fontFamily is the workbook's default font; styles that name no font are shown in a
	// fallback font (a serif one, in LibreOffice).
	fontFamily = "Calibri"
)

func newBook(f *excelize.File, s *survey.Schema, o Options) (*book, error) {
	b := &book{f: f, s: s, o: o, lists: Lists(s)}
	border := []excelize.Border{
		{Type: "left", Color: borderGrey, Style: 1}, {Type: "right", Color: borderGrey, Style: 1},
		{Type: "top", Color: borderGrey, Style: 1}, {Type: "bottom", Color: borderGrey, Style: 1},
	}
	fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{headFill}}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	font := func(bold bool, size float64) *excelize.Font {
		return &excelize.Font{Bold: bold, Size: size, Family: fontFamily}
	}
	for _, st := range []struct {
		id    *int
		style excelize.Style
	}{
		{&b.styles.title, excelize.Style{Font: font(true, 14), Alignment: top}},
		{&b.styles.heading, excelize.Style{Font: font(true, 12), Alignment: &excelize.Alignment{Vertical: "bottom"}}},
		{&b.styles.text, excelize.Style{Font: font(false, 11), Alignment: top}},
		{&b.styles.tableHead, excelize.Style{Font: font(true, 11), Fill: fill, Border: border, Alignment: top}},
		{&b.styles.tableCell, excelize.Style{Font: font(false, 11), Border: border, Alignment: top}},
		{&b.styles.replyHead, excelize.Style{Font: font(true, 11), Fill: fill, Border: border,
			Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&b.styles.wrap, excelize.Style{Font: font(false, 11), Alignment: top}},
	} {
		id, err := f.NewStyle(&st.style)
		if err != nil {
			return nil, err
		}
		*st.id = id
	}
	return b, nil
}

func (b *book) write() error {
	f := b.f
	if err := workbook.SetProps(f, b.s.Title, "Questionnaire"); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", InstructionsSheet); err != nil {
		return err
	}
	for _, name := range []string{ReplySheet, ListsSheet} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	if err := b.instructions(); err != nil {
		return err
	}
	if err := b.reply(); err != nil {
		return err
	}
	if err := b.listsSheet(); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return nil
}

// cell names a cell from 1-based column and row.
func cell(col, row int) string {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	return ref
}

// colName names a 1-based column.
func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// textWidth is the width of s in the units of column widths, roughly: one per character.
func textWidth(s string) int {
	w := 0
	for _, line := range strings.Split(s, "\n") {
		w = max(w, utf8.RuneCountInString(line))
	}
	return w
}

// lines estimates how many lines s takes when wrapped in a column width units wide, with
// characters about scale units wide (a little more for bold or large text).
func lines(s string, width float64, scale float64) int {
	perLine := int(math.Floor(width / scale))
	if perLine < 1 {
		perLine = 1
	}
	n := 0
	for _, para := range strings.Split(s, "\n") {
		n++
		used := 0
		for _, word := range strings.Fields(para) {
			wl := utf8.RuneCountInString(word)
			switch {
			case used == 0:
				used = wl
			case used+1+wl <= perLine:
				used += 1 + wl
			default:
				n++
				used = wl
			}
			for used > perLine { // a word longer than the line breaks anywhere
				n++
				used -= perLine
			}
		}
	}
	return n
}
