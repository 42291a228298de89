package questionnaire

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// Widths of the reply sheet's last two columns.
const (
	descriptionWidth = 60
	yearWidth        = 9
	// freeTextWidth is the width of a respondent column without a list.
	freeTextWidth = 24
)

// Excel refuses longer titles and messages in data validations.
const (
	maxAlertTitle   = 32
	maxAlertMessage = 255
)

// reply writes the reply sheet: the header in row 1, frozen, and the validations of the rows
// below it.
func (b *book) reply() error {
	f, sh := b.f, ReplySheet
	header := ReplyHeader(b.s)
	for i, title := range header {
		if err := f.SetCellStr(sh, cell(i+1, 1), title); err != nil {
			return err
		}
	}
	last := colName(len(header))
	if err := f.SetCellStyle(sh, "A1", last+"1", b.styles.replyHead); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, 1, 20); err != nil {
		return err
	}
	for i, k := range survey.Keys {
		width := textWidth(header[i]) + 2
		if l, ok := b.list(k); ok {
			for _, v := range l.Values {
				width = max(width, textWidth(v))
			}
		} else {
			width = max(width, freeTextWidth) // names typed in, such as "EU (BOMCA)"
		}
		// Room for the drop-down arrow beside the longest label.
		if err := f.SetColWidth(sh, colName(i+1), colName(i+1), float64(min(width+4, 60))); err != nil {
			return err
		}
	}
	desc, year := colName(len(survey.Keys)+1), colName(len(survey.Keys)+2)
	if err := f.SetColWidth(sh, desc, desc, descriptionWidth); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, year, year, yearWidth); err != nil {
		return err
	}
	if err := f.SetColStyle(sh, desc, b.styles.wrap); err != nil {
		return err
	}
	// The column style would restyle the header cell too: set it again.
	if err := f.SetCellStyle(sh, desc+"1", desc+"1", b.styles.replyHead); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	if err := b.validations(); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: ReplySheet + "!$1:$1",
		Scope: ReplySheet}); err != nil {
		return err
	}
	return b.pageSetup(sh)
}

// validations adds the drop-down lists and the Year check to the reply rows.
func (b *book) validations() error {
	rows := b.o.Rows
	for i, k := range survey.Keys {
		l, ok := b.list(k)
		if !ok {
			continue
		}
		col := colName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, rows+1)
		dv.SetSqrefDropList(l.Range())
		prompt, title, msg, style := b.alert(k)
		dv.SetInput(clip(b.s.Dim(k).Title, maxAlertTitle), clip(prompt, maxAlertMessage))
		dv.SetError(style, clip(title, maxAlertTitle), clip(msg, maxAlertMessage))
		if err := b.f.AddDataValidation(ReplySheet, dv); err != nil {
			return err
		}
	}
	col := colName(len(survey.Keys) + 2)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, rows+1)
	lo, hi := b.o.YearBounds()
	if err := dv.SetRange(lo, hi, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetInput(YearTitle, fmt.Sprintf("The year the activity took place (the first year, if it lasted longer), e.g. %d.", hi-(hi-lo)/2))
	dv.SetError(excelize.DataValidationErrorStyleStop, "Not a year of the period",
		fmt.Sprintf("Write the year as a whole number from %d to %d (the period covered: %s). For an activity over several years, write the first one.", lo, hi, b.o.Period))
	return b.f.AddDataValidation(ReplySheet, dv)
}

// alert returns the input prompt and the error alert of column k. The respondent must be one of
// the list; a partner, area or type may also list several labels separated by ";", so that
// only a warning, which the user can confirm, stops other text.
func (b *book) alert(k survey.Key) (prompt, title, msg string, style excelize.DataValidationErrorStyle) {
	d := b.s.Dim(k)
	if k == survey.State {
		return fmt.Sprintf("Choose the %s from the list; the same on every row.", d.Noun),
			"Not in the list",
			fmt.Sprintf("Choose the %s from the drop-down list: one %s per row.", d.Noun, d.Noun),
			excelize.DataValidationErrorStyleStop
	}
	prompt = fmt.Sprintf("Choose the %s from the list.", d.Noun)
	if w := NilWord(b.s); k == survey.Partner && w != "" {
		prompt += fmt.Sprintf(` "%s": no activity to report.`, w)
	}
	plural := survey.Plural(d.Noun)
	msg = fmt.Sprintf(`This text is not in the list of %s: prefer the list's labels (defined in the sheet %s). Several %s separated by ";" count as one activity each. To keep the text anyway, confirm (Yes or OK).`,
		plural, InstructionsSheet, plural)
	return prompt, "Not in the list", msg, excelize.DataValidationErrorStyleWarning
}

// clip shortens s to n characters, as Excel requires of alert texts.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// list returns the drop-down list of column k, if it has one.
func (b *book) list(k survey.Key) (List, bool) {
	for _, l := range b.lists {
		if l.Key == k {
			return l, true
		}
	}
	return List{}, false
}

// ListHeading is the title of a list's column on the lists sheet. It is no column title of the
// schema, so that analyse never takes the lists for replies.
func ListHeading(s *survey.Schema, k survey.Key) string {
	return "Choices: " + s.Dim(k).Title
}

// listsSheet writes the lists, one column each under a heading, and hides the sheet.
func (b *book) listsSheet() error {
	f, sh := b.f, ListsSheet
	for _, l := range b.lists {
		if err := f.SetCellStr(sh, cell(l.Col, 1), ListHeading(b.s, l.Key)); err != nil {
			return err
		}
		width := textWidth(ListHeading(b.s, l.Key))
		for i, v := range l.Values {
			if err := f.SetCellStr(sh, cell(l.Col, i+2), v); err != nil {
				return err
			}
			width = max(width, textWidth(v))
		}
		if err := f.SetColWidth(sh, colName(l.Col), colName(l.Col), float64(width+2)); err != nil {
			return err
		}
	}
	if len(b.lists) > 0 {
		if err := f.SetCellStyle(sh, "A1", cell(len(b.lists), 1), b.styles.replyHead); err != nil {
			return err
		}
	}
	return f.SetSheetVisible(sh, false)
}

// pageSetup prints a sheet landscape on A4, as wide as one page.
func (b *book) pageSetup(sh string) error {
	size, orient, one, auto, fit := 9, "landscape", 1, 0, true
	if err := b.f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	side, edge, band := 0.5, 0.6, 0.3 // inches
	if err := b.f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &edge,
		Bottom: &edge, Header: &band, Footer: &band}); err != nil {
		return err
	}
	return b.f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one,
		FitToHeight: &auto})
}

// rowsNote says which rows have drop-down lists: "rows 2 to 301".
func rowsNote(rows int) string {
	if rows == 1 {
		return "row 2"
	}
	return "rows 2 to " + strconv.Itoa(rows+1)
}

// quote puts a label or title in quotes for the instructions.
func quote(s string) string { return `"` + strings.TrimSpace(s) + `"` }
