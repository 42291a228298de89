package cli

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/output"
	"github.com/mapsurvey/mapsurvey/pkg/records"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/report"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/table"
)

// reportByRun is report in the general model: a method paragraph that says what was counted
// and under which filter, key and split, then each dimension's table and charts, then each
// combination's table and heat map, as Markdown, HTML or Word.
func reportByRun(ctx context.Context, opts *ReportOptions) error {
	for _, f := range opts.Formats {
		if f == "xlsx" {
			return usagef("report --by writes md, html and docx; the workbook (xlsx) is the note's model only: use analyse --by --format csv --out DIR for the tables")
		}
	}
	if f := opts.Charts.Format; f != "png" && contains(opts.Formats, "docx") {
		return usagef("report.docx places PNG charts: leave out --chart-format %s, or the docx format", f)
	}
	if opts.SuppressBelow > 0 || opts.SkipInvalid {
		return usagef("--suppress-below and --skip-invalid are for the note's model: they cannot go with --by, --where, --key or --sum yet")
	}
	out, err := output.Open(ctx, output.Spec{Dir: opts.Out, Flag: "-o", Inputs: inputsOf(&opts.InputOptions), Set: "report"})
	if err != nil {
		return err
	}
	defer out.Close()
	ds, err := opts.General.read(ctx, &opts.InputOptions, opts.IO, opts.Quiet)
	if err != nil {
		return err
	}
	tables := crossTables(ds, opts.Order, opts.Decimals)
	charts := crossCharts(ds, opts.Decimals)
	chartOpts := opts.Charts
	chartOpts.Untitled = true // the report captions each chart
	if err := drawChartList(chartOpts, charts, out, "charts/"); err != nil {
		return err
	}
	doc := crossReport(ds, tables, charts, func(name string) string { return "charts/" + name + "." + chartOpts.Format })
	word := opts.Word
	doc.DocNumber, doc.Classification = word.DocNumber, word.Classification
	return writeReportFiles(opts, out, func(w *bytes.Buffer, format string) error {
		switch format {
		case "md":
			return report.Markdown(w, doc)
		case "html":
			return report.HTML(w, doc, out.Read)
		case "docx":
			return report.DOCX(w, doc, report.DOCXOptions{DocNumber: word.DocNumber, Classification: word.Classification, PNG: out.Read})
		}
		return nil
	})
}

// crossReport lays out the report of a general run: the tables of crossTables, each single
// dimension's followed by its two charts, each pair's by its heat map.
func crossReport(ds *records.Dataset, tables []render.Table, charts []chart.Chart, file func(string) string) *report.Document {
	s := ds.Schema
	title := s.Title
	if title == "" {
		title = survey.Capitalize(s.Respondents) + " and activities"
	}
	var names []string
	for _, d := range ds.Dims {
		names = append(names, d.Noun)
	}
	doc := &report.Document{Title: title, Subtitle: survey.Capitalize(s.Respondents) + " and activities per " + andList(names)}
	read, kept := 0, 0
	for _, src := range ds.Sources {
		read, kept = read+src.Rows, kept+src.Kept
	}
	method := fmt.Sprintf("%s rows were read from %s; %s reported %s.", groupThousands(fmt.Sprint(read)),
		plural(len(ds.Sources), "sheet", "sheets"), survey.CountOf(ds.Result.Total.Respondents, s.Respondent, s.Respondents),
		survey.Activities(ds.Result.Total.Activities))
	if len(ds.Filters) > 0 {
		method += fmt.Sprintf(" Only the %s rows where %s were counted.", groupThousands(fmt.Sprint(kept)), strings.Join(ds.FilterWords, " and "))
	}
	if rest := runConditions(ds); len(ds.Filters) > 0 && len(rest) > 1 {
		method += " " + strings.Join(rest[1:], " ")
	} else if len(ds.Filters) == 0 && len(rest) > 0 {
		method += " " + strings.Join(rest, " ")
	}
	method += fmt.Sprintf(" An activity is one combination of the values of %s in a row; %s are counted once in each category they are active in.",
		strings.Join(dimTitles(ds), ", "), s.Respondents)
	sections := []report.Section{{Heading: "Method", Blocks: []report.Block{{Paragraph: method}}}}
	number, chartNo := 0, 0
	addTable := func(sec *report.Section, t render.Table) {
		number++
		tc := t
		sec.Blocks = append(sec.Blocks, report.Block{Table: &tc, Number: number})
	}
	addChart := func(sec *report.Section, c chart.Chart) {
		chartNo++
		h := c.Header()
		sec.Blocks = append(sec.Blocks, report.Block{Chart: &report.Figure{Title: h.Title, Caption: h.Subtitle, Footnotes: h.Footnotes,
			File: file(c.FileName())}, Number: chartNo})
	}
	overview := report.Section{Heading: "Overview"}
	addTable(&overview, tables[0])
	sections = append(sections, overview)
	// The charts follow the tables' order (crossCharts): two per dimension, one per pair.
	ci := 0
	for _, t := range tables[1:] {
		sec := report.Section{Heading: t.Title}
		addTable(&sec, t)
		labels := 0
		for _, c := range t.Columns {
			if c.Kind == table.Label {
				labels++
			}
		}
		want := map[int]int{1: 2, 2: 1}[labels]
		for ; want > 0 && ci < len(charts); want-- {
			addChart(&sec, charts[ci])
			ci++
		}
		sections = append(sections, sec)
	}
	doc.Sections = sections
	return doc
}

// andList joins words as a sentence lists them: "a", "a and b", "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
