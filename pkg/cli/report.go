package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/narrative"
	"github.com/mapsurvey/mapsurvey/pkg/output"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/report"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
	"github.com/mapsurvey/mapsurvey/pkg/xlsxreport"
)

// ReportOptions are the flags and inputs of report.
type ReportOptions struct {
	IO IOStreams
	InputOptions
	Charts ChartOptions

	Out           string
	Formats       []string
	Decimals      int
	Overlap       int
	SkipInvalid   bool
	Quiet         bool
	SuppressBelow int
	Order         render.Order
	Word          WordOptions
	// General is the general survey model (--by, --where, --key, --sum, --split).
	General ByOptions
}

var reportFormats = []string{"md", "html", "xlsx", "docx"}

// NewCmdReport builds the report command.
func NewCmdReport(io IOStreams, runF func(*ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{IO: io}
	var formats, order string
	cmd := &cobra.Command{
		Use:   "report FILE|FOLDER... -o DIR",
		Short: "Write the whole analysis as a note annex: Markdown, HTML and Excel, with narrative and charts",
		Long: `Reads the replies as analyse does and writes into DIR everything the note's annex needs:

  report.md     the sections in the note's order (method; overview; the main charts as the
                note numbers them; Member States and activities per partner; type of support;
                areas; Member States per area beside the shares; top 3 partners per area; gaps
                and overlaps; one section per partner, in the survey's order), with narrative
                text generated from the figures, tables and charts numbered in order of
                appearance, each with a caption that says what is counted and its base;
  report.html   the same as one self-contained page (charts embedded), printable on A4;
  report.docx   the same as a Word document: native tables in one table style, captions
                numbered by Word, the notes as footnotes, charts 16 cm wide on A4, a running
                header (--doc-number, --classification) and page numbers;
  report.xlsx   one sheet per table, numbers as numbers, shares as percentages, native
                Excel charts for the main shares; a partner x area sheet and a gaps and
                overlaps sheet;
  charts/       the charts, as with analyse --charts.

Gaps are partner and area combinations where no Member State is active; overlaps are those
where at least --overlap Member States report activities (the replies do not tell current
activities from discontinued ones).`,
		Example: `  mapsurvey report replies.xlsx -o annex/
  mapsurvey report replies/ -o annex/ --format html,xlsx --overlap 6
  mapsurvey report replies.xlsx -o annex/ --format docx --doc-number 7896/20 --classification LIMITE`,
		Args: needInputs("report"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Out == "" {
				return usagef("report needs an output folder: -o DIR")
			}
			for _, f := range strings.Split(formats, ",") {
				f = strings.TrimSpace(f)
				if !contains(reportFormats, f) {
					return usagef("--format %q: use md, html, xlsx or docx, or several separated by commas", f)
				}
				if !contains(opts.Formats, f) {
					opts.Formats = append(opts.Formats, f)
				}
			}
			var err error
			if opts.Order, err = parseOrder(order); err != nil {
				return err
			}
			if opts.Overlap < 1 {
				return usagef("--overlap %d: use 1 or more", opts.Overlap)
			}
			if err := checkDecimals(opts.Decimals); err != nil {
				return err
			}
			if err := opts.Charts.check(); err != nil {
				return err
			}
			if err := checkSuppress(opts.SuppressBelow, false, ""); err != nil {
				return err
			}
			if opts.General.active(cmd.Flags(), opts.SchemaFile) {
				if err := opts.General.complete(cmd.Flags(), &opts.InputOptions, args); err != nil {
					return err
				}
				if runF != nil {
					return runF(opts)
				}
				return reportByRun(cmd.Context(), opts)
			}
			if err := opts.complete(args); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return reportRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	opts.bindFlags(f)
	opts.General.bindFlags(f)
	f.StringVarP(&opts.Out, "out", "o", "", "folder to write the report into")
	f.StringVarP(&formats, "format", "f", "md,html,xlsx,docx", "which files to write: md, html, xlsx, docx, comma-separated")
	f.StringVar(&order, "order", "size", "list categories in tables by size (as the note does) or in survey order")
	opts.Word.bindFlags(f)
	f.IntVar(&opts.Decimals, "decimals", 0, "decimals of the percentages shown")
	f.IntVar(&opts.Overlap, "overlap", 5, "a partner and area with at least this many Member States active counts as an overlap")
	f.IntVar(&opts.SuppressBelow, "suppress-below", 0, "show state counts below N as \"<N\" (with their activities), keep them out of charts, and leave out the narrative")
	f.BoolVar(&opts.SkipInvalid, "skip-invalid", false, "leave out rows that cannot be read, and say on stderr how many and where")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print no summary or notes on standard error, only errors")
	opts.Charts.bindFlags(f, false)
	return cmd
}

// writeReportXLSX writes report.xlsx: the tables, then the partner x area grid and the gaps and
// overlaps, with charts in the PNG charts' colours.
func writeReportXLSX(w io.Writer, a *tally.Analysis, s *survey.Schema, tables []render.Table, opts *ReportOptions) error {
	ro := render.Options{Order: opts.Order, Decimals: opts.Decimals, SuppressBelow: opts.SuppressBelow}
	sheets := append(tables[:len(tables):len(tables)], render.PartnerAreaTable(a, s, ro), render.GapsOverlapsTable(a, s, ro, opts.Overlap))
	colours := map[string]string{}
	for i, c := range chart.Colours(s)[survey.Area] {
		colours[s.Dim(survey.Area).Values[i].Label] = c
	}
	return xlsxreport.WriteWith(w, s.Title, sheets, xlsxreport.Options{Colours: colours})
}

func reportRun(ctx context.Context, opts *ReportOptions) error {
	// Locked before reading: a second run into the folder is told at once.
	out, err := output.Open(ctx, output.Spec{Dir: opts.Out, Flag: "-o", Inputs: inputsOf(&opts.InputOptions), Set: "report"})
	if err != nil {
		return err
	}
	defer out.Close()
	ds, err := opts.readReplies(ctx, opts.Inputs, opts.IO, opts.Quiet, opts.SkipInvalid)
	if err != nil {
		return err
	}
	schema := ds.Schema // the schema with the categories its open lists learnt
	a := ds.Analysis()
	tables := render.Tables(a, schema, render.Options{Order: opts.Order, Decimals: opts.Decimals, SuppressBelow: opts.SuppressBelow})
	co := chart.Options{Decimals: opts.Decimals, SuppressBelow: opts.SuppressBelow, BySurvey: opts.Order == render.BySurvey}
	charts := chart.Build(a, schema, co)

	chartOpts := opts.Charts
	chartOpts.Untitled = true // the report captions each chart: "Chart 3. ..." and its base
	if _, err := drawCharts(chartOpts, a, schema, co, out, "charts/"); err != nil {
		return err
	}
	word := opts.Word.withDefaults(schema)
	doc := report.Build(a, schema, tables, charts, report.Options{
		// Prose cannot hide a cell: with suppression the narrative is left out.
		NoNarrative: opts.SuppressBelow > 1,
		Narrative:   narrative.Options{Decimals: opts.Decimals, OverlapThreshold: opts.Overlap},
		ChartFile:   func(name string) string { return "charts/" + name + "." + chartOpts.Format },
		Period:      word.Period,
		Scope:       word.Scope,
		DocNumber:   word.DocNumber, Classification: word.Classification,
		SuppressBelow: opts.SuppressBelow,
	})
	return writeReportFiles(opts, out, func(w *bytes.Buffer, format string) error {
		switch format {
		case "md":
			return report.Markdown(w, doc)
		case "html":
			return report.HTML(w, doc, out.Read)
		case "xlsx":
			return writeReportXLSX(w, a, schema, tables, opts)
		case "docx":
			return writeReportDOCX(w, doc, word, chartOpts, a, schema, co, out.Read)
		}
		return nil
	})
}

// writeReportFiles writes report.FORMAT for each of --format, as write renders it, beside the
// charts already in out, then puts the whole set in place and says what it wrote.
func writeReportFiles(opts *ReportOptions, out *output.Folder, write func(w *bytes.Buffer, format string) error) error {
	var written []string
	for _, f := range opts.Formats {
		var buf bytes.Buffer
		if err := write(&buf, f); err != nil {
			return fmt.Errorf("report.%s: %w", f, err)
		}
		if err := out.Write("report."+f, buf.Bytes()); err != nil {
			return err
		}
		written = append(written, filepath.Join(opts.Out, "report."+f))
	}
	// Every file is ready: the set replaces the previous report whole.
	if _, err := out.Commit(); err != nil {
		return err
	}
	if !opts.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "wrote %s and %s\n", strings.Join(written, ", "), filepath.Join(opts.Out, "charts")+string(filepath.Separator))
	}
	return nil
}
