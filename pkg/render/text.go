package render

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Text writes the tables for a terminal: numbered titles, ASCII borders (they survive e-mail,
// CI logs and any console), captions and footnotes under each table.
func Text(w io.Writer, tables []Table) error {
	for i, t := range tables {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if _, err := fmt.Fprintf(w, "Table %d. %s\n", i+1, t.Title); err != nil {
			return err
		}
		r := renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleASCII)})
		if err := writeTable(w, t, r, func(s string) string { return s }); err != nil {
			return err
		}
		if err := writeNotes(w, t, "", func(s string) string { return s }); err != nil {
			return err
		}
	}
	return nil
}

// Markdown writes the tables as GitHub-flavoured Markdown, ready to paste into a draft.
func Markdown(w io.Writer, tables []Table) error {
	for i, t := range tables {
		if err := MarkdownTable(w, "### Table "+strconv.Itoa(i+1), t); err != nil {
			return err
		}
	}
	return nil
}

// MarkdownTable writes one table under a heading such as "### Table 3", with its caption and
// notes after it.
func MarkdownTable(w io.Writer, heading string, t Table) error {
	if _, err := fmt.Fprintf(w, "%s. %s\n\n", heading, EscapeMarkdown(t.Title)); err != nil {
		return err
	}
	if err := writeTable(w, t, renderer.NewMarkdown(), EscapeMarkdown); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return err
	}
	return writeNotes(w, t, "\n", EscapeMarkdown)
}

// EscapeMarkdown keeps labels literal: "Kosovo*" must not start emphasis, "|" not end a cell,
// "[x](javascript:...)" not make a link, and "<img onerror=...>" not be raw HTML, which
// Markdown passes through to the page.
func EscapeMarkdown(s string) string {
	return htmlStart.ReplaceAllString(markdownSyntax.Replace(s), "&lt;$1")
}

var markdownSyntax = strings.NewReplacer(`\`, `\\`, `|`, `\|`, `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`)

// htmlStart matches a "<" that begins a tag, a closing tag, a comment, a declaration or an
// autolink; "<3", a suppressed count, stays as it is.
var htmlStart = regexp.MustCompile(`<([A-Za-z/!?])`)

func writeTable(w io.Writer, t Table, r tw.Renderer, esc func(string) string) error {
	aligns := make([]tw.Align, len(t.Columns))
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		aligns[i] = tw.AlignLeft
		if c.Numeric() {
			aligns[i] = tw.AlignRight
		}
		header[i] = esc(c.Title)
	}
	table := tablewriter.NewTable(w,
		tablewriter.WithRenderer(r),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithFooterAutoFormat(tw.Off),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithFooterAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAlignmentConfig(tw.CellAlignment{PerColumn: aligns}),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: aligns}),
		tablewriter.WithFooterAlignmentConfig(tw.CellAlignment{PerColumn: aligns}),
	)
	table.Header(header)
	for _, row := range t.Rows {
		if err := table.Append(texts(row, esc)); err != nil {
			return err
		}
	}
	if t.Total != nil {
		table.Footer(texts(t.Total, esc))
	}
	return table.Render()
}

func texts(row []Value, esc func(string) string) []string {
	out := make([]string, len(row))
	for i, v := range row {
		out[i] = esc(v.Text)
	}
	return out
}

func writeNotes(w io.Writer, t Table, sep string, esc func(string) string) error {
	lines := append([]string{t.Caption}, t.Notes...)
	for _, l := range lines {
		if l == "" {
			continue
		}
		if _, err := fmt.Fprintf(w, "%s%s", esc(l), "\n"+sep); err != nil {
			return err
		}
	}
	return nil
}
