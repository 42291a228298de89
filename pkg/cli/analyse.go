package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/replies"
)

// AnalyseOptions are the flags and inputs of analyse.
type AnalyseOptions struct {
	IO IOStreams
	InputOptions

	Charts ChartOptions

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
which Member State does what unless --by-state is given.`,
		Example: `  mapsurvey analyse replies.xlsx
  mapsurvey analyse replies/ --format markdown > tables.md
  mapsurvey analyse a.xlsx b.csv --format json > figures.json
  mapsurvey analyse replies.xlsx --format csv --out tables/
  mapsurvey analyse replies.xlsx --sheet Replies --columns state=A,partner=C,area=D,type=E`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("analyse needs at least one file or folder of replies")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if !contains(analyseFormats, opts.Format) {
				return usagef("--format %q: use one of %s", opts.Format, strings.Join(analyseFormats, ", "))
			}
			if opts.Out != "" && opts.Format != "csv" {
				return usagef("--out writes one CSV file per table: use it with --format csv")
			}
			if opts.Decimals < 0 || opts.Decimals > 3 {
				return usagef("--decimals %d: use 0 to 3", opts.Decimals)
			}
			switch order {
			case "size":
				opts.Order = render.BySize
			case "survey":
				opts.Order = render.BySurvey
			default:
				return usagef("--order %q: use size or survey", order)
			}
			if err := opts.Charts.check(); err != nil {
				return err
			}
			if err := checkSuppress(opts.SuppressBelow, opts.ByState, opts.Format); err != nil {
				return err
			}
			if err := opts.complete(cmd.Context(), args); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return analyseRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "table", "output format: "+strings.Join(analyseFormats, ", "))
	f.StringVarP(&opts.Out, "out", "o", "", "with --format csv: write one CSV file per table into this folder")
	opts.bindFlags(f)
	opts.Charts.bindFlags(f, true)
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

func analyseRun(opts *AnalyseOptions) error {
	schema := opts.Schema
	ds, err := opts.readReplies(opts.Inputs, opts.IO, opts.Quiet, opts.SkipInvalid)
	if err != nil {
		return err
	}
	a := ds.Analysis()
	tables := render.Tables(a, schema, render.Options{Order: opts.Order, Decimals: opts.Decimals, ByState: opts.ByState,
		SuppressBelow: opts.SuppressBelow})
	if opts.Charts.Dir != "" {
		paths, err := drawCharts(opts.Charts, a, schema, chart.Options{Decimals: opts.Decimals, SuppressBelow: opts.SuppressBelow}, opts.Inputs)
		if err != nil {
			return err
		}
		if !opts.Quiet {
			fmt.Fprintf(opts.IO.ErrOut, "wrote %s to %s\n", plural(len(paths), "chart", "charts"), filepath.ToSlash(opts.Charts.Dir))
		}
	}

	// Render into memory first: a failure half-way must not leave half the figures printed.
	var buf bytes.Buffer
	switch opts.Format {
	case "table":
		err = render.Text(&buf, tables)
	case "markdown":
		err = render.Markdown(&buf, tables)
	case "json":
		err = render.JSON(&buf, render.NewAnalysis(a, schema, jsonSources(ds), opts.ByState))
	case "csv":
		if opts.Out != "" {
			return writeCSVDir(opts, tables)
		}
		err = render.CSV(&buf, tables)
	}
	if err != nil {
		return err
	}
	_, err = opts.IO.Out.Write(buf.Bytes())
	return err
}

// reportFindings prints errors, and warnings and notes unless quiet, to stderr. Errors stop the
// analysis, unless skipInvalid is set and every error concerns a row that can be left out.
func reportFindings(io IOStreams, ds *replies.Dataset, quiet, skipInvalid bool) error {
	errs := len(ds.Errors()) + ds.MoreErrors
	for _, f := range ds.Findings {
		if f.Severity == replies.Error || !quiet {
			fmt.Fprintf(io.ErrOut, "%s\n", f)
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

// printSummary says on stderr what was read, so that a missing sheet or file shows at once.
func printSummary(io IOStreams, ds *replies.Dataset) {
	rows, acts := 0, 0
	files := map[string]bool{}
	for _, s := range ds.Sources {
		rows += s.Rows
		acts += s.Activities
		files[s.File] = true
	}
	fmt.Fprintf(io.ErrOut, "read %d rows from %s: %d activities, %d %s replied\n",
		rows, plural(len(files), "file", "files"), acts, len(ds.Respondents), ds.Schema.Respondents)
	for _, s := range ds.Sources {
		where := s.File
		if s.Sheet != "" {
			where += " (sheet " + s.Sheet + ")"
		}
		fmt.Fprintf(io.ErrOut, "  %s: header in row %d, %s, %s\n", where, s.HeaderRow, plural(s.Rows, "row", "rows"),
			plural(s.Activities, "activity", "activities"))
	}
	if len(files) > 1 {
		// Replies sent one per state: say what came from each, so that a missing one shows.
		fmt.Fprintf(io.ErrOut, "per %s:\n", ds.Schema.Respondent)
		for _, st := range ds.PerState {
			fmt.Fprintf(io.ErrOut, "  %s: %s, %s, %s\n", st.State, plural(len(st.Files), "file", "files"),
				plural(st.Rows, "row", "rows"), plural(st.Activities, "activity", "activities"))
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
		out[i] = render.Source{File: filepath.ToSlash(s.File), Sheet: s.Sheet, HeaderRow: s.HeaderRow, Rows: s.Rows, Activities: s.Activities}
	}
	return out
}

// writeCSVDir writes one CSV file per table. Each file is written beside its final name and
// renamed, so an interrupted run leaves no half-written table.
func writeCSVDir(opts *AnalyseOptions, tables []render.Table) error {
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return fmt.Errorf("--out %s: %w", opts.Out, err)
	}
	var names []string
	for _, t := range tables {
		path := filepath.Join(opts.Out, t.Name+".csv")
		if err := refuseInput(path, opts.Inputs); err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := render.CSVTable(&buf, t); err != nil {
			return err
		}
		if err := writeFileAtomic(path, buf.Bytes()); err != nil {
			return err
		}
		names = append(names, filepath.ToSlash(path))
	}
	if !opts.Quiet {
		sort.Strings(names)
		fmt.Fprintf(opts.IO.ErrOut, "wrote %d tables to %s\n", len(names), filepath.ToSlash(opts.Out))
	}
	return nil
}

func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		if werr != nil {
			return werr
		}
		return cerr
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
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
