package report

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/render"
)

// Markdown writes the annex as Markdown, charts as images beside the file.
func Markdown(w io.Writer, doc *Document) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n%s\n", render.EscapeMarkdown(doc.Title), render.EscapeMarkdown(doc.Subtitle))
	for i, sec := range doc.Sections {
		fmt.Fprintf(&b, "\n## %d. %s\n\n", i+1, render.EscapeMarkdown(sec.Heading))
		for _, bl := range sec.Blocks {
			switch {
			case bl.Paragraph != "":
				fmt.Fprintf(&b, "%s\n\n", render.EscapeMarkdown(bl.Paragraph))
			case bl.Table != nil:
				t := *bl.Table
				t.Notes = nil // label footnotes are given once, at the end
				if err := render.MarkdownTable(&b, fmt.Sprintf("#### Table %d", bl.Number), t); err != nil {
					return err
				}
			case bl.Chart != nil:
				title := fmt.Sprintf("Chart %d. %s", bl.Number, bl.Chart.Title)
				fmt.Fprintf(&b, "![%s](%s)\n\n**%s**  \n%s\n\n", render.EscapeMarkdown(title), filepath.ToSlash(bl.Chart.File),
					render.EscapeMarkdown(title), render.EscapeMarkdown(bl.Chart.Caption))
			}
		}
	}
	b.WriteString("\n## Notes\n\n")
	for i, n := range doc.Notes {
		fmt.Fprintf(&b, "%d. %s\n", i+1, render.EscapeMarkdown(n))
	}
	_, err := w.Write(b.Bytes())
	return err
}

// HTML writes the annex as one self-contained page: styles inline, charts embedded, laid out to
// print on A4. read gives the bytes of a chart file.
func HTML(w io.Writer, doc *Document, read func(file string) ([]byte, error)) error {
	type cell struct {
		Text    string
		Numeric bool
	}
	type table struct {
		Number  int
		Title   string
		Header  []cell
		Rows    [][]cell
		Total   []cell
		Caption string
	}
	type figure struct {
		Number         int
		Title, Caption string
		Src            template.HTMLAttr // src="data:...", written as it is
		Link           string
	}
	type block struct {
		Paragraph string
		Table     *table
		Figure    *figure
	}
	type section struct {
		Number  int
		Heading string
		Blocks  []block
	}
	cells := func(t *render.Table, row []render.Value) []cell {
		out := make([]cell, len(row))
		for i, v := range row {
			out[i] = cell{Text: v.Text, Numeric: i < len(t.Columns) && t.Columns[i].Numeric()}
		}
		return out
	}
	var secs []section
	for i, sec := range doc.Sections {
		s := section{Number: i + 1, Heading: sec.Heading}
		for _, bl := range sec.Blocks {
			switch {
			case bl.Paragraph != "":
				s.Blocks = append(s.Blocks, block{Paragraph: bl.Paragraph})
			case bl.Table != nil:
				t := bl.Table
				tb := &table{Number: bl.Number, Title: t.Title, Caption: t.Caption}
				for _, c := range t.Columns {
					tb.Header = append(tb.Header, cell{Text: c.Title, Numeric: c.Numeric()})
				}
				for _, r := range t.Rows {
					tb.Rows = append(tb.Rows, cells(t, r))
				}
				if t.Total != nil {
					tb.Total = cells(t, t.Total)
				}
				s.Blocks = append(s.Blocks, block{Table: tb})
			case bl.Chart != nil:
				f := &figure{Number: bl.Number, Title: bl.Chart.Title, Caption: bl.Chart.Caption}
				data, err := read(bl.Chart.File)
				if err != nil {
					return fmt.Errorf("chart %s: %w", bl.Chart.File, err)
				}
				switch strings.ToLower(filepath.Ext(bl.Chart.File)) {
				case ".png":
					f.Src = dataSrc("image/png", data)
				case ".svg":
					f.Src = dataSrc("image/svg+xml", data)
				default:
					f.Link = filepath.ToSlash(bl.Chart.File) // a PDF cannot be shown inline
				}
				s.Blocks = append(s.Blocks, block{Figure: f})
			}
		}
		secs = append(secs, s)
	}
	return page.Execute(w, map[string]any{"Doc": doc, "Sections": secs})
}

// dataSrc is the src attribute of an embedded image, as html/template would write a data URL
// there: a MIME type and base64 need no URL escaping, and of their characters only "+" is
// escaped in an attribute. html/template would scan the megabytes of every chart twice to find that out.
func dataSrc(mime string, data []byte) template.HTMLAttr {
	url := strings.ReplaceAll("data:"+mime+";base64,"+base64.StdEncoding.EncodeToString(data), "+", "&#43;")
	return template.HTMLAttr(`src="` + url + `"`)
}

var page = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Doc.Title}}</title>
<style>
@page { size: A4; margin: 2cm 2.2cm;
  @top-left { content: "{{.Doc.DocNumber}}"; font: 9pt "Liberation Sans", Arial, sans-serif; }
  @top-right { content: "{{.Doc.Classification}}"; font: bold 9pt "Liberation Sans", Arial, sans-serif; }
  @bottom-center { content: counter(page) " / " counter(pages); font: 9pt "Liberation Sans", Arial, sans-serif; } }
html { background: #f4f4f4; }
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10.5pt; line-height: 1.45;
  color: #1a1a1a; background: #fff; max-width: 16.6cm; margin: 1.5em auto; padding: 1.5cm 2cm; }
h1 { font-size: 16pt; margin: 0 0 .2em; }
.subtitle { color: #555; margin: 0 0 1.5em; }
h2 { font-size: 12.5pt; margin: 1.6em 0 .5em; border-bottom: 1px solid #ccc; padding-bottom: .15em; break-after: avoid; }
p { margin: .5em 0; text-align: left; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: .6em 0 .2em; break-inside: avoid; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: .35em; font-size: 9.5pt; }
th, td { border-bottom: 1px solid #ddd; padding: .22em .45em; vertical-align: top; }
th { border-bottom: 1.5px solid #555; text-align: left; font-weight: bold; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot td { font-weight: bold; border-top: 1.5px solid #555; border-bottom: none; }
.caption { font-size: 8.5pt; color: #555; margin: .2em 0 1.1em; }
figure { margin: 1em 0 1.2em; break-inside: avoid; }
.tablebox { break-inside: avoid; } /* a table's note never stands alone at the top of the next page */
figure img { width: 100%; height: auto; display: block; border: 1px solid #eee; }
figcaption { font-size: 9.5pt; margin-top: .3em; }
figcaption b { display: block; }
figcaption span { font-size: 8.5pt; color: #555; }
ol.notes { font-size: 8.5pt; color: #333; padding-left: 1.4em; }
@media print {
  html { background: #fff; }
  body { margin: 0; padding: 0; max-width: none; }
}
</style>
</head>
<body>
<h1>{{.Doc.Title}}</h1>
<p class="subtitle">{{.Doc.Subtitle}}</p>
{{range .Sections}}<section>
<h2>{{.Number}}. {{.Heading}}</h2>
{{range .Blocks}}{{if .Paragraph}}<p>{{.Paragraph}}</p>
{{else if .Table}}{{with .Table}}<div class="tablebox"><table>
<caption>Table {{.Number}}. {{.Title}}</caption>
<thead><tr>{{range .Header}}<th{{if .Numeric}} class="num"{{end}}>{{.Text}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range .}}<td{{if .Numeric}} class="num"{{end}}>{{.Text}}</td>{{end}}</tr>
{{end}}</tbody>
{{if .Total}}<tfoot><tr>{{range .Total}}<td{{if .Numeric}} class="num"{{end}}>{{.Text}}</td>{{end}}</tr></tfoot>
{{end}}</table>
<p class="caption">{{.Caption}}</p></div>
{{end}}{{else if .Figure}}{{with .Figure}}<figure>
{{if .Src}}<img {{.Src}} alt="Chart {{.Number}}. {{.Title}}">{{else}}<p><a href="{{.Link}}">{{.Link}}</a></p>{{end}}
<figcaption><b>Chart {{.Number}}. {{.Title}}</b><span>{{.Caption}}</span></figcaption>
</figure>
{{end}}{{end}}{{end}}</section>
{{end}}<section>
<h2>Notes</h2>
<ol class="notes">
{{range .Doc.Notes}}<li>{{.}}</li>
{{end}}</ol>
</section>
</body>
</html>
`))
