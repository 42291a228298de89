package docx

import (
	"fmt"
	"strings"
)

// FormColumn is one column of a form table: its title and, for a drop-down list, the choices.
// A column without choices is left empty for the user to type in.
type FormColumn struct {
	Title   string
	Choices []string
	// Wide columns get twice the width of the others.
	Wide bool
}

// Form is a table to fill in: a header row (repeated on every page) and Rows empty rows.
type Form struct {
	Columns []FormColumn
	Rows    int
}

// FormPlaceholder is what a drop-down list shows until a choice is made (Word's own words); a
// reader takes a list still showing it (w:showingPlcHdr) as empty.
const FormPlaceholder = "Choose an item."

// FormTag is the tag of the drop-down list in row r (from 1, the header being row 0), column c
// (from 1), by which a filled-in form's controls can be told apart.
func FormTag(r, c int) string { return fmt.Sprintf("form:%d:%d", r, c) }

// Form adds a form table across the text width: each cell of a column with choices holds a
// drop-down list content control (w:dropDownList) showing FormPlaceholder until a choice is
// made; the other cells are empty paragraphs.
func (d *Document) Form(f Form) {
	if len(f.Columns) == 0 {
		return
	}
	units := 0
	for _, c := range f.Columns {
		units += 1 + boolInt(c.Wide)
	}
	textTwips := pageWidth - 2*margin
	widths := make([]int, len(f.Columns))
	left := textTwips
	for i, c := range f.Columns {
		widths[i] = textTwips * (1 + boolInt(c.Wide)) / units
		left -= widths[i]
	}
	widths[len(widths)-1] += left
	b := &d.body
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="AnnexTable"/>`)
	fmt.Fprintf(b, `<w:tblW w:w="%d" w:type="dxa"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders><w:tblLayout w:type="fixed"/>`, textTwips)
	b.WriteString(`<w:tblLook w:val="0220" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString("</w:tblGrid>")
	b.WriteString(`<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
	for i, c := range f.Columns {
		fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>`, widths[i], paragraphXML("TableText", false, "", textRun(c.Title, true)))
	}
	b.WriteString("</w:tr>")
	for r := 1; r <= f.Rows; r++ {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		for i, c := range f.Columns {
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, widths[i])
			if len(c.Choices) == 0 {
				b.WriteString(paragraphXML("TableText", false, "", ""))
			} else {
				b.WriteString(paragraphXML("TableText", false, "", dropDown(c, FormTag(r, i+1), r*len(f.Columns)+i+1)))
			}
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
}

// dropDown is a drop-down list content control in a paragraph, showing the placeholder.
func dropDown(c FormColumn, tag string, id int) string {
	var items strings.Builder
	for _, v := range c.Choices {
		fmt.Fprintf(&items, `<w:listItem w:displayText="%s" w:value="%s"/>`, esc(v), esc(v))
	}
	return fmt.Sprintf(`<w:sdt><w:sdtPr><w:alias w:val="%s"/><w:tag w:val="%s"/><w:id w:val="%d"/><w:showingPlcHdr/><w:dropDownList>%s</w:dropDownList></w:sdtPr>`+
		`<w:sdtContent><w:r><w:rPr><w:color w:val="808080"/></w:rPr>%s</w:r></w:sdtContent></w:sdt>`,
		esc(c.Title), tag, id, items.String(), wt(FormPlaceholder))
}
