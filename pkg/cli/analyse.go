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
	"github.com/mapsurvey/mapsurvey/pkg/output"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// AnalyseOptions are the flags and inputs of analyse.
type AnalyseOptions struct {
	IO IOStreams
	InputOptions

	Charts ChartOptions
	// General is the general survey model (--by, --where, --key, --sum, --split).
	General ByOptions

	Format        string
	Out           string
	Order         render.Order
	Decimals      int
	ByState       bool
	SkipInvalid   bool
	Quiet         bool
	SuppressBelow int
}

// Formats of analyse, in the order help lists them.
var analyseFormats = []string{"table", "markdown", "csv", "json"}

// NewCmdAnalyse builds the analyse command. runF replaces the work in tests of flag parsing.
func NewCmdAnalyse(io IOStreams, runF func(*AnalyseOptions) error) *cobra.Command {
	opts := &AnalyseOptions{IO: io}
	var order string
	cmd := &cobra.Command{
		Use:     "analyse FILE|FOLDER...",
		Aliases: []string{"analyze"},
		Short:   "Compute the note's tallies from questionnaire replies",
		Long: `Reads the replies (.xlsx workbooks and .csv files; a folder means its .xlsx and .csv
files, sorted by name) and prints every tally of the note: overview; Member States and
activities per partner, per type of support and per area; Member States per area beside the
share of activities; the top 3 partners in each area; and for each partner the Member States
per area and per type of support.

Replies are read in the long layout: one row per activity, with columns for the Member State,
the partner, the area and the type of support. The header row is found by its titles in the
first 20 rows of each sheet; other columns are kept. A cell listing several values separated by
";" or line breaks is one activity per value (one per combination when several cells do). A
row with the Member State only, or "none" in the partner cell, is a reply with no activity.

Any cell that cannot be read is reported with its file, sheet and cell, all at once, and
nothing is printed on standard output: no row is ever dropped.

Shares of activities are shown rounded so that each column adds up to exactly 100
(largest remainder); CSV and JSON carry the unadjusted share to one decimal. Outputs never say
which Member State does what unless --by-state is given.

Any other survey: --by tallies and crosses any dimensions (a schema's names, HXL hashtags or
column titles), --where keeps the rows that match, --key counts repeated reports of a presence
once, --sum sums a column (--split says how a row's amount is shared). A file with an HXL
hashtag row needs no schema; docs/schema.md describes general schemas. The tables list only
the combinations with activities; --format json writes mapsurvey/crosstab/v1.`,
		Example: `  mapsurvey analyse replies.xlsx
  mapsurvey analyse replies/ --format markdown > tables.md
  mapsurvey analyse a.xlsx b.csv --format json > figures.json
  mapsurvey analyse replies.xlsx --format csv --out tables/
  mapsurvey analyse replies.xlsx --sheet Replies --columns state=A,partner=B,area=C,type=D
  mapsurvey analyse 3w.csv --by sector,adm1 --where 'Status=Ongoing,Planned' --key org,adm2,sector
  mapsurvey analyse iati.csv --schema iati.yaml --by sector --sum total-Disbursement --split sector=sector-percentage`,
		Args: needInputs("analyse"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !contains(analyseFormats, opts.Format) {
				return usagef("--format %q: use one of %s", opts.Format, strings.Join(analyseFormats, ", "))
			}
			if opts.Out != "" && opts.Format != "csv" {
				return usagef("--out writes one CSV file per table: use it with --format csv")
			}
			if err := checkDecimals(opts.Decimals); err != nil {
				return err
			}
			var err error
			if opts.Order, err = parseOrder(order); err != nil {
				return err
			}
			if err := opts.Charts.check(); err != nil {
				return err
			}
			if err := checkSuppress(opts.SuppressBelow, opts.ByState, opts.Format); err != nil {
				return err
			}
			if opts.General.active(cmd.Flags(), opts.SchemaFile) {
				if err := opts.General.complete(cmd.Flags(), &opts.InputOptions, args); err != nil {
					return err
				}
				if runF != nil {
					return runF(opts)
				}
				return analyseByRun(cmd.Context(), opts)
			}
			if err := opts.complete(args); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return analyseRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "table", "output format: "+strings.Join(analyseFormats, ", "))
	f.StringVarP(&opts.Out, "out", "o", "", "with --format csv: write one CSV file per table into this folder")
	opts.bindFlags(f)
	opts.Charts.bindFlags(f, true)
	opts.General.bindFlags(f)
	f.BoolVar(&opts.SkipInvalid, "skip-invalid", false, "leave out rows that cannot be read, and say on stderr how many and where")
	f.IntVar(&opts.SuppressBelow, "suppress-below", 0, "show state counts below N as \"<N\" (with their activities) and keep them out of charts")
	f.StringVar(&order, "order", "size", "list categories by size (as the note does) or in survey order")
	f.IntVar(&opts.Decimals, "decimals", 0, "decimals of the percentages shown in tables")
	f.BoolVar(&opts.ByState, "by-state", false, "add a table of each Member State's activities (confidential detail)")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print no summary or notes on standard error, only errors")
	return cmd
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func analyseRun(ctx context.Context, opts *AnalyseOptions) error {
	// The output folders are locked before reading, so that a second run into them is told at
	// once rather than after reading.
	sets, err := openAnalyseOutputs(ctx, opts)
	if err != nil {
		return err
	}
	defer sets.close()
	ds, err := opts.readReplies(ctx, opts.Inputs, opts.IO, opts.Quiet, opts.SkipInvalid)
	if err != nil {
		return err
	}
	schema := ds.Schema // the schema with the categories its open lists learnt
	a := ds.Analysis()
	tables := render.Tables(a, schema, render.Options{Order: opts.Order, Decimals: opts.Decimals, ByState: opts.ByState,
		SuppressBelow: opts.SuppressBelow})
	nCharts := 0
	if sets.charts != nil {
		if nCharts, err = drawCharts(opts.Charts, a, schema, chart.Options{Decimals: opts.Decimals, SuppressBelow: opts.SuppressBelow}, sets.charts, ""); err != nil {
			return err
		}
	}
	if done, err := sets.finish(opts, tables, nCharts); done || err != nil {
		return err
	}

	// Render into memory first: a failure half-way must not leave half the figures printed.
	var buf bytes.Buffer
	switch {
	case opts.Format == "json":
		err = render.JSON(&buf, render.NewAnalysis(a, schema, jsonSources(ds), opts.ByState))
	default:
		err = renderTables(&buf, opts.Format, tables)
	}
	if err != nil {
		return err
	}
	_, err = opts.IO.Out.Write(buf.Bytes())
	return err
}

// analyseOutputs are the folders analyse writes: --charts and --out, which may be one folder.
type analyseOutputs struct{ charts, tables *output.Folder }

func openAnalyseOutputs(ctx context.Context, opts *AnalyseOptions) (*analyseOutputs, error) {
	sets := &analyseOutputs{}
	inputs := inputsOf(&opts.InputOptions)
	var err error
	if opts.Charts.Dir != "" {
		set := "charts"
		if opts.Out != "" && output.Same(opts.Out, opts.Charts.Dir) {
			set = "charts and tables"
		}
		if sets.charts, err = output.Open(ctx, output.Spec{Dir: opts.Charts.Dir, Flag: "--charts", Inputs: inputs, Set: set}); err != nil {
			return nil, err
		}
	}
	if opts.Out != "" {
		if sets.charts != nil && output.Same(opts.Out, opts.Charts.Dir) {
			sets.tables = sets.charts
		} else if sets.tables, err = output.Open(ctx, output.Spec{Dir: opts.Out, Flag: "--out", Inputs: inputs, Set: "tables"}); err != nil {
			sets.close()
			return nil, err
		}
	}
	return sets, nil
}

func (s *analyseOutputs) list() []*output.Folder {
	var out []*output.Folder
	for _, f := range []*output.Folder{s.charts, s.tables} {
		if f != nil && (len(out) == 0 || out[0] != f) {
			out = append(out, f)
		}
	}
	return out
}

// finish writes the tables into --out, and puts the charts and tables in place together, after
// everything was written, saying so unless quiet. done says the run wrote its tables into --out
// and prints nothing more.
func (s *analyseOutputs) finish(opts *AnalyseOptions, tables []render.Table, nCharts int) (done bool, err error) {
	if s.tables != nil {
		if err := writeCSVDir(s.tables, tables); err != nil {
			return true, err
		}
	}
	for _, f := range s.list() {
		if _, err := f.Commit(); err != nil {
			return true, err
		}
	}
	if !opts.Quiet && s.charts != nil {
		fmt.Fprintf(opts.IO.ErrOut, "wrote %s to %s\n", plural(nCharts, "chart", "charts"), opts.Charts.Dir)
	}
	if s.tables != nil && !opts.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "wrote %d tables to %s\n", len(tables), opts.Out)
	}
	return s.tables != nil, nil
}

func (s *analyseOutputs) close() {
	for _, f := range s.list() {
		f.Close()
	}
}

// reportFindings prints errors, and warnings and notes unless quiet, to stderr. Errors stop the
// analysis, unless skipInvalid is set and every error concerns a row that can be left out.
func reportFindings(io IOStreams, ds *replies.Dataset, quiet, skipInvalid bool) error {
	errs := len(ds.Errors()) + ds.MoreErrors
	for _, r := range replies.Runs(ds.Findings) {
		if r.Severity == replies.Error || !quiet {
			fmt.Fprintf(io.ErrOut, "%s\n", r)
		}
	}
	if ds.MoreErrors > 0 {
		fmt.Fprintf(io.ErrOut, "... and %s more in %s, not shown: fix the first ones, which are often the same mistake\n",
			plural(ds.MoreErrors, "error", "errors"), plural(ds.MoreInvalidRows, "row", "rows"))
	}
	if errs > 0 && (!skipInvalid || len(ds.Fatal()) > 0) {
		if skipInvalid {
			return &inputError{errors: len(ds.Fatal()), unskippable: true}
		}
		return &inputError{errors: errs}
	}
	if rows := ds.InvalidRows(); len(rows) > 0 {
		// Always said, even with --quiet: the figures leave these rows out.
		more := ""
		if ds.MoreInvalidRows > 0 {
			more = fmt.Sprintf("; and %d more rows", ds.MoreInvalidRows)
		}
		fmt.Fprintf(io.ErrOut, "skipped %s with errors (--skip-invalid): %s%s\n",
			plural(len(rows)+ds.MoreInvalidRows, "row", "rows"), rowPositions(rows), more)
		if len(ds.Respondents) == 0 {
			// All-zero tables would "add up to 100%" over nothing.
			return &inputError{noneLeft: true}
		}
	}
	if !quiet {
		printSummary(io, ds)
	}
	return nil
}

// rowPositions lists skipped rows compactly, grouped by file and sheet.
func rowPositions(rows []replies.Position) string {
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		var nums []string
		for j < len(rows) && rows[j].File == rows[i].File && rows[j].Sheet == rows[i].Sheet {
			nums = append(nums, fmt.Sprint(rows[j].Row))
			j++
		}
		where := rows[i].File
		if rows[i].Sheet != "" {
			where += " " + rows[i].Sheet
		}
		parts = append(parts, fmt.Sprintf("%s %s %s", where, pluralWord(len(nums), "row", "rows"), strings.Join(nums, ", ")))
		i = j
	}
	return strings.Join(parts, "; ")
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// printSummary says on stderr what was read, so that a missing sheet or file shows at once. It
// gives totals only: with one file per state, a file's rows or activities would say what that
// state reported (docs/confidentiality.md); --by-state's table gives them.
func printSummary(io IOStreams, ds *replies.Dataset) {
	rows, acts := 0, 0
	files := map[string]bool{}
	for _, s := range ds.Sources {
		rows += s.Rows
		acts += s.Activities
		files[s.File] = true
	}
	fmt.Fprintf(io.ErrOut, "read %s from %s: %s, %s replied\n",
		plural(rows, "row", "rows"), plural(len(files), "file", "files"), plural(acts, "activity", "activities"),
		survey.CountOf(len(ds.Respondents), ds.Schema.Respondent, ds.Schema.Respondents))
	for _, s := range ds.Sources {
		where := s.File
		switch {
		case s.Table > 0:
			where += fmt.Sprintf(" (table %d)", s.Table) // a Word document's table
		case s.Sheet != "":
			where += " (sheet " + s.Sheet + ")"
		}
		fmt.Fprintf(io.ErrOut, "  %s: %s\n", where, s.Header())
	}
	if len(files) > 1 {
		// Replies sent one per state: say who sent what, so that a missing one shows.
		fmt.Fprintf(io.ErrOut, "per %s:\n", ds.Schema.Respondent)
		for _, st := range ds.PerState {
			fmt.Fprintf(io.ErrOut, "  %s: %s\n", st.State, plural(len(st.Files), "file", "files"))
		}
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func jsonSources(ds *replies.Dataset) []render.Source {
	out := make([]render.Source, len(ds.Sources))
	for i, s := range ds.Sources {
		rows, acts := s.Rows, s.Activities
		out[i] = render.Source{File: filepath.ToSlash(s.File), Sheet: s.Sheet, HeaderRow: s.HeaderRow, Rows: &rows, Activities: &acts}
	}
	return out
}

// inputsOf gives the identities of every file the run reads, which no output may replace: the
// replies (with the files inside folders), the schema, and extra files such as --expect.
func inputsOf(o *InputOptions, extra ...string) *output.Inputs {
	paths := append(append([]string{}, o.Inputs...), extra...)
	if o.SchemaFile != "" {
		paths = append(paths, o.SchemaFile)
	}
	return output.CollectInputs(paths, o.Recursive)
}

// writeCSVDir writes one CSV file per table into the output set.
func writeCSVDir(out *output.Folder, tables []render.Table) error {
	for _, t := range tables {
		var buf bytes.Buffer
		if err := render.CSVTable(&buf, t); err != nil {
			return err
		}
		if err := out.Write(t.Name+".csv", buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// checkSuppress refuses --suppress-below where it cannot keep its promise.
func checkSuppress(n int, byState bool, format string) error {
	switch {
	case n < 0 || n == 1:
		return usagef("--suppress-below %d: use 2 or more (0 shows every figure)", n)
	case n > 1 && byState:
		return usagef("--by-state names every state's activities: it cannot go with --suppress-below")
	case n > 1 && format == "json":
		return usagef("--suppress-below applies to tables, charts and reports; JSON is for scripts and carries every figure")
	}
	return nil
}

// checkDecimals refuses decimals of percentages that tables and charts do not show.
func checkDecimals(n int) error {
	if n < 0 || n > 3 {
		return usagef("--decimals %d: use 0 to 3", n)
	}
	return nil
}

// renderTables writes tables in one of the text formats analyse and compare share.
func renderTables(w io.Writer, format string, tables []render.Table) error {
	switch format {
	case "table":
		return render.Text(w, tables)
	case "markdown":
		return render.Markdown(w, tables)
	case "csv":
		return render.CSV(w, tables)
	}
	return fmt.Errorf("no renderer for format %q", format)
}
