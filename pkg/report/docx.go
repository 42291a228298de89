package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/docx"
	"github.com/mapsurvey/mapsurvey/pkg/render"
)

// DOCXOptions shape the Word document.
type DOCXOptions struct {
	// DocNumber and Classification make the running header ("7896/20", "LIMITE"); both optional.
	DocNumber, Classification string
	// PNG gives the PNG bytes of a chart file named in the document.
	PNG func(file string) ([]byte, error)
}

// DOCX writes the annex as a Word document: tables in one table style, captions numbered by
// Word's SEQ fields, the notes as real footnotes where they first apply, charts 16 cm wide.
//
// Footnotes: the paragraphs' notes (the caveats and "not additive") where the method states
// them; a label's note (Kosovo's designation, with its own "*") at the label's first mention; each
// table's base and reading note on its caption, and where a table's note repeats an earlier
// one, "See the explanation in footnote N." as the note does.
func DOCX(w io.Writer, doc *Document, o DOCXOptions) error {
	d := docx.New(doc.Title)
	d.HeaderLeft, d.HeaderRight = o.DocNumber, o.Classification
	x := &docxWriter{d: d, tableNotes: map[string]int{}}
	x.labels = labelNotes(doc)
	d.Heading(0, doc.Title)
	d.Paragraph(docx.Run{Text: doc.Subtitle})
	for i, sec := range doc.Sections {
		d.Heading(1, fmt.Sprintf("%d. %s", i+1, sec.Heading))
		for _, bl := range sec.Blocks {
			switch {
			case bl.Paragraph != "":
				runs := x.runs(bl.Paragraph)
				for _, n := range bl.Notes {
					runs = append(runs, docx.Run{Note: d.Footnote(n, "")})
				}
				d.Paragraph(runs...)
			case bl.Table != nil:
				x.table(bl.Table)
			case bl.Chart != nil:
				if o.PNG == nil {
					return fmt.Errorf("chart %s: no PNG to place in the Word document", bl.Chart.File)
				}
				data, err := o.PNG(bl.Chart.File)
				if err != nil {
					return fmt.Errorf("chart %s: %w", bl.Chart.File, err)
				}
				name := fmt.Sprintf("Chart %d", bl.Number)
				if err := d.Image(data, docx.TextWidthCM, name, name+". "+bl.Chart.Title, true); err != nil {
					return err
				}
				d.Caption("Chart", bl.Chart.Title, bl.Chart.Caption, false)
			}
		}
	}
	return d.Write(w)
}

type labelNote struct {
	label, mark, text string
	done              bool
}

// labelNotes finds the notes that belong to a label ("* This designation ..." for "Kosovo*",
// "Regional (Central Asia): Activities ..."), from the tables' notes.
func labelNotes(doc *Document) []*labelNote {
	var out []*labelNote
	seen := map[string]bool{}
	for _, sec := range doc.Sections {
		for _, bl := range sec.Blocks {
			if bl.Table == nil {
				continue
			}
			for _, n := range bl.Table.Notes {
				if seen[n] {
					continue
				}
				seen[n] = true
				if ln := findLabel(bl.Table, n); ln != nil {
					out = append(out, ln)
				}
			}
		}
	}
	return out
}

// findLabel matches a note to the row label it was made for (survey.FootnoteMarker's shapes:
// "Kosovo*" gives "* text", any other label "Label: text").
func findLabel(t *render.Table, note string) *labelNote {
	for _, row := range t.Rows {
		if len(row) == 0 {
			continue
		}
		label := row[0].Text
		trimmed := strings.TrimRight(label, "*")
		if mark := label[len(trimmed):]; mark != "" {
			if text, ok := strings.CutPrefix(note, mark+" "); ok {
				return &labelNote{label: label, mark: mark, text: text}
			}
		} else if text, ok := strings.CutPrefix(note, label+": "); ok {
			return &labelNote{label: label, text: text}
		}
	}
	return nil
}

type docxWriter struct {
	d          *docx.Document
	labels     []*labelNote
	tableNotes map[string]int // a table note already given, and its footnote number
}

// runs splits text at the first mention of a label whose note is still to be given, and
// references the note there. A marked label's mark ("*") becomes the footnote's own mark.
func (x *docxWriter) runs(text string) []docx.Run {
	var out []docx.Run
	for {
		first, at := (*labelNote)(nil), -1
		for _, ln := range x.labels {
			if ln.done {
				continue
			}
			if i := strings.Index(text, ln.label); i >= 0 && (at < 0 || i < at) {
				first, at = ln, i
			}
		}
		if first == nil {
			if text != "" {
				out = append(out, docx.Run{Text: text})
			}
			return out
		}
		first.done = true
		end := at + len(first.label) - len(first.mark)
		out = append(out, docx.Run{Text: text[:end]}, docx.Run{Note: x.d.Footnote(first.text, first.mark)})
		text = text[at+len(first.label):]
	}
}

func (x *docxWriter) table(t *render.Table) {
	var notes []*docx.Note
	if t.Caption != "" {
		text := t.Caption
		if n, ok := x.tableNotes[t.Caption]; ok {
			text = fmt.Sprintf("See the explanation in footnote %d.", n)
		}
		note := x.d.Footnote(text, "")
		if _, ok := x.tableNotes[t.Caption]; !ok {
			x.tableNotes[t.Caption] = note.Number
		}
		notes = append(notes, note)
	}
	x.d.Caption("Table", t.Title, "", true, notes...)
	// The top 3 of each area: the area stands once beside its three rows.
	dt := docx.Table{Grouped: suffix(t.Name) == "top-partners"}
	for _, c := range t.Columns {
		dt.Header = append(dt.Header, docx.Cell{{Text: c.Title}})
		dt.Numeric = append(dt.Numeric, c.Numeric())
	}
	cells := func(row []render.Value) []docx.Cell {
		out := make([]docx.Cell, len(row))
		for i, v := range row {
			out[i] = x.runs(v.Text)
		}
		return out
	}
	for _, r := range t.Rows {
		dt.Rows = append(dt.Rows, cells(r))
	}
	if t.Total != nil {
		dt.Total = cells(t.Total)
	}
	x.d.Table(dt)
}
