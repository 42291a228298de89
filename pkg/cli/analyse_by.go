package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/mapsurvey/mapsurvey/pkg/contract"
	"github.com/mapsurvey/mapsurvey/pkg/records"
	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// ByOptions are the flags of the general survey model: which dimensions to tally and cross,
// which rows to keep, what makes one presence and what to sum.
type ByOptions struct {
	By    []string
	Where []records.Filter
	Key   []string
	// KeySet says --key was given (an empty --key turns the schema's key off).
	KeySet bool
	Sum    string
	Split  string
	// Schema is the general schema (--schema of either form); nil reads files by their HXL
	// hashtags.
	Schema *records.Schema

	by, where []string
	key       string
}

func (b *ByOptions) bindFlags(f *pflag.FlagSet) {
	f.StringSliceVar(&b.by, "by", nil, "tally and cross these dimensions (a schema's names, HXL hashtags or column titles), e.g. --by sector,adm1")
	f.StringArrayVar(&b.where, "where", nil, "count only the rows where COLUMN=VALUE (also !=, >=, <=, >, <; VALUE may list several: Status=Ongoing,Planned); repeatable, all must hold")
	f.StringVar(&b.key, "key", "", "columns whose values make one presence, counted once however often reported, e.g. --key org,adm2,sector")
	f.StringVar(&b.Sum, "sum", "", "column of amounts to sum (and min, max, mean) per category and cell, e.g. --sum '#value'")
	f.StringVar(&b.Split, "split", "", "how a row's amount is shared among its values: even, or DIMENSION=COLUMN of percentages (several separated by commas), e.g. --split sector=sector-percentage")
}

// active says whether the run uses the general model: any of its flags, or a general schema.
func (b *ByOptions) active(f *pflag.FlagSet, schemaFile string) bool {
	for _, name := range []string{"by", "where", "key", "sum", "split"} {
		if f.Changed(name) {
			return true
		}
	}
	if schemaFile == "" {
		return false
	}
	src, err := os.ReadFile(schemaFile)
	return err == nil && records.IsGeneral(src)
}

// complete parses the flags and loads the schema: the general one given, the note's model
// given or built in, or none with --by on a file of HXL hashtags.
func (b *ByOptions) complete(f *pflag.FlagSet, in *InputOptions, args []string) error {
	in.Inputs = args
	if in.columns != "" {
		return usagef("--columns names the note's four columns; with --by, name columns by their titles or hashtags")
	}
	if in.FillDown {
		return usagef("--fill-down is for the note's model; with --by, every row names its %s", "respondent")
	}
	for _, s := range b.by {
		if s = strings.TrimSpace(s); s != "" {
			b.By = append(b.By, s)
		}
	}
	for _, w := range b.where {
		flt, err := records.ParseFilter(w)
		if err != nil {
			return usagef("%v", err)
		}
		b.Where = append(b.Where, flt)
	}
	if b.KeySet = f.Changed("key"); b.KeySet {
		b.Key = []string{}
		for _, k := range strings.Split(b.key, ",") {
			if k = strings.TrimSpace(k); k != "" {
				b.Key = append(b.Key, k)
			}
		}
	}
	if b.Split != "" && b.Sum == "" {
		return usagef("--split says how to share an amount: give the amount's column with --sum")
	}
	switch {
	case in.SchemaFile != "":
		s, err := records.LoadSchema(in.SchemaFile)
		if err != nil {
			return &inputFileError{err}
		}
		b.Schema = s
	case len(b.By) == 0:
		b.Schema = records.FromSurvey(survey.Builtin())
	default:
		// --by without --schema: the built-in survey when --by names its dimensions, else the
		// files' own hashtags.
		builtin := records.FromSurvey(survey.Builtin())
		all := true
		for _, name := range b.By {
			all = all && builtin.Dim(name) != nil
		}
		if all {
			b.Schema = builtin
		}
	}
	return nil
}

func (b *ByOptions) readerOptions(ctx context.Context, in *InputOptions) records.Options {
	o := records.Options{Schema: b.Schema, By: b.By, Where: b.Where, Sum: b.Sum, Split: b.Split, Sheet: in.Sheet,
		Password: in.Password, Recursive: in.Recursive, Context: ctx}
	if b.KeySet {
		o.Key = b.Key
	}
	return o
}

// read reads the inputs in the general model and prints the findings; errors stop it.
func (b *ByOptions) read(ctx context.Context, in *InputOptions, io IOStreams, quiet bool) (*records.Dataset, error) {
	ds, err := records.Read(in.Inputs, b.readerOptions(ctx, in))
	if err != nil {
		return nil, usagef("%v", err)
	}
	if err := reportRecordFindings(io, ds, quiet); err != nil {
		return nil, err
	}
	return ds, nil
}

// analyseByRun is analyse in the general model.
func analyseByRun(ctx context.Context, opts *AnalyseOptions) error {
	if opts.ByState || opts.SuppressBelow > 0 || opts.SkipInvalid {
		return usagef("--by-state, --suppress-below and --skip-invalid are for the note's model: they cannot go with --by, --where, --key or --sum yet")
	}
	sets, err := openAnalyseOutputs(ctx, opts)
	if err != nil {
		return err
	}
	defer sets.close()
	ds, err := opts.General.read(ctx, &opts.InputOptions, opts.IO, opts.Quiet)
	if err != nil {
		return err
	}
	tables := crossTables(ds, opts.Order, opts.Decimals)
	nCharts := 0
	if sets.charts != nil {
		charts := crossCharts(ds, opts.Decimals)
		if err := drawChartList(opts.Charts, charts, sets.charts, ""); err != nil {
			return err
		}
		nCharts = len(charts)
	}
	if done, err := sets.finish(opts, tables, nCharts); done || err != nil {
		return err
	}
	var buf bytes.Buffer
	if opts.Format == "json" {
		err = contract.Write(&buf, crossTabDoc(ds))
	} else {
		err = renderTables(&buf, opts.Format, tables)
	}
	if err != nil {
		return err
	}
	_, err = opts.IO.Out.Write(buf.Bytes())
	return err
}

// reportRecordFindings prints the findings (errors always, the rest unless quiet) and the
// summary, and stops on errors.
func reportRecordFindings(io IOStreams, ds *records.Dataset, quiet bool) error {
	for _, f := range ds.Findings {
		if f.Severity == replies.Error || !quiet {
			fmt.Fprintf(io.ErrOut, "%s\n", f)
		}
	}
	if ds.MoreErrors > 0 {
		fmt.Fprintf(io.ErrOut, "... and %s more, not shown: fix the first ones, which are often the same mistake\n",
			plural(ds.MoreErrors, "error", "errors"))
	}
	if n := ds.Errors(); n > 0 {
		return &inputError{errors: n}
	}
	read, kept := 0, 0
	for _, s := range ds.Sources {
		read, kept = read+s.Rows, kept+s.Kept
	}
	if len(ds.Sources) == 0 || ds.Result.Replied == 0 {
		if read > 0 && kept == 0 && len(ds.FilterWords) > 0 {
			// Say which filter, so that a misspelt value ("Soor" for "Sour") is found at once.
			return &inputFileError{fmt.Errorf("no rows to count: none of the %s read has %s; check the spelling of the values (mapsurvey schema --from FILE lists the values of each column)",
				plural(read, "row", "rows"), strings.Join(ds.FilterWords, " and "))}
		}
		return &inputFileError{errors.New("no rows to count: the files hold no data rows under their headers, or the filters left none")}
	}
	if !quiet {
		fmt.Fprintf(io.ErrOut, "read %s from %s: %s, %s with activities%s\n", plural(read, "row", "rows"),
			plural(len(ds.Sources), "sheet", "sheets"), survey.Activities(ds.Result.Total.Activities),
			survey.CountOf(ds.Result.Total.Respondents, ds.Schema.Respondent, ds.Schema.Respondents), underFilter(ds, kept))
	}
	return nil
}

func underFilter(ds *records.Dataset, kept int) string {
	if len(ds.Filters) == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s kept by %s)", plural(kept, "row", "rows"), filterText(ds))
}

// filterText is the filter as every output states it: "--where 'Status=Ongoing' --where ...".
func filterText(ds *records.Dataset) string {
	q := make([]string, len(ds.Filters))
	for i, f := range ds.Filters {
		q[i] = "--where '" + f + "'"
	}
	return strings.Join(q, " ")
}

// checkGeneralSchema is schema --check for a general schema (dimensions as a list): it says
// whether it can be used, naming its dimensions. general is false for the note's schemas.
func checkGeneralSchema(opts *SchemaOptions) (general bool, err error) {
	src, err := os.ReadFile(opts.Check)
	if err != nil || !records.IsGeneral(src) {
		return false, nil
	}
	s, err := records.ParseSchema(opts.Check, src)
	if err != nil {
		return true, &inputFileError{err}
	}
	var dims []string
	for _, d := range s.Dims {
		kind := "open"
		if !d.Open {
			kind = plural(len(d.Values), "value", "values")
		}
		dims = append(dims, fmt.Sprintf("%s (%s)", d.Name, kind))
	}
	fmt.Fprintf(opts.IO.Out, "%s: a valid general schema: %q, %s counted by %s; %s\n", opts.Check, s.Title, s.Respondents,
		plural(len(s.Dims), "dimension", "dimensions"), strings.Join(dims, ", "))
	return true, nil
}

// validateByRun is validate in the general model: the findings of reading as analyse --by reads.
func validateByRun(ctx context.Context, opts *ValidateOptions) error {
	ds, err := records.Read(opts.Inputs, opts.General.readerOptions(ctx, &opts.InputOptions))
	if err != nil {
		return usagef("%v", err)
	}
	findings := make([]replies.Finding, len(ds.Findings))
	for i, f := range ds.Findings {
		findings[i] = replies.Finding{Pos: f.Pos, Severity: f.Severity, Message: f.Message}
	}
	rows := 0
	files := map[string]bool{}
	for _, s := range ds.Sources {
		files[s.File] = true
		rows += s.Rows
	}
	return writeFindings(opts, findings, files, rows, ds.MoreErrors, 0)
}
