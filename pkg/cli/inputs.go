package cli

import (
	"context"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mapsurvey/mapsurvey/pkg/layout"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/surveyfile"
)

// InputOptions say how replies are read; analyse and validate share them, so that validate
// reads exactly what analyse reads.
type InputOptions struct {
	Inputs   []string
	Sheet    string
	Columns  [4]int
	FillDown bool
	// HiddenSheets reads hidden sheets of replies beside visible ones (--hidden-sheets).
	HiddenSheets bool
	Recursive    bool
	Password     string
	Schema       *survey.Schema
	// SchemaFile is the --schema path; empty for the built-in survey.
	SchemaFile string
	// Layout is --layout: how sheets are laid out (pkg/layout).
	Layout layout.Mode

	columns string
	layout  string
}

const schemaUsage = "survey schema (YAML) to use instead of the built-in 7896/20 survey; see 'mapsurvey schema'"

func (o *InputOptions) bindFlags(f *pflag.FlagSet) {
	f.StringVar(&o.Sheet, "sheet", "", "read only this sheet of each workbook")
	f.StringVar(&o.columns, "columns", "", "name the columns instead of detecting them, e.g. state=A,partner=B,area=C,type=D")
	f.BoolVar(&o.FillDown, "fill-down", false, "an empty Member State cell repeats the one above (compiled replies that name a state once)")
	f.BoolVar(&o.HiddenSheets, "hidden-sheets", false, "count the rows of hidden sheets too (left out by default when a visible sheet holds replies)")
	f.StringVar(&o.Password, "password", "", "password of encrypted workbooks")
	f.BoolVar(&o.Recursive, "recursive", false, "read the sub-folders of folders too")
	f.StringVar(&o.SchemaFile, "schema", "", schemaUsage)
	f.StringVar(&o.layout, "layout", "auto", "how replies are laid out: auto (detect tick-box columns and grids where a sheet has no long header), long (one row per activity), ticks or grid (read every sheet as a tick-box or grid table)")
}

// needInputs requires the files or folders of replies that command reads.
func needInputs(command string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usagef("%s needs at least one file or folder of replies", command)
		}
		return nil
	}
}

// complete checks the flags and loads the schema.
func (o *InputOptions) complete(args []string) error {
	o.Inputs = args
	cols, err := parseColumns(o.columns)
	if err != nil {
		return err
	}
	o.Columns = cols
	mode, ok := layout.ParseMode(o.layout)
	if !ok {
		return usagef("--layout %q: use %s", o.layout, strings.Join(layout.Modes, ", "))
	}
	o.Layout = mode
	s, err := loadSchema(o.SchemaFile)
	if err != nil {
		return err
	}
	o.Schema = s
	return nil
}

// readerOptions are the reader's options; ctx stops reading on Ctrl-C, and pr (nil for none)
// shows progress.
func (o *InputOptions) readerOptions(ctx context.Context, pr *progress) replies.Options {
	ro := replies.Options{Schema: o.Schema, Sheet: o.Sheet, Columns: o.Columns, FillDown: o.FillDown, Password: o.Password,
		HiddenSheets: o.HiddenSheets, Recursive: o.Recursive, Layout: o.Layout, Context: ctx}
	if pr != nil {
		ro.Progress = pr.update
	}
	return ro
}

// readReplies reads inputs with progress on a terminal, prints the findings, and returns the
// dataset unless errors stop the analysis. ctx (the command's, cmd.Context()) ends reading early
// on Ctrl-C.
func (o *InputOptions) readReplies(ctx context.Context, inputs []string, io IOStreams, quiet, skipInvalid bool) (*replies.Dataset, error) {
	pr := newProgress(io, quiet)
	ds, err := replies.Read(inputs, o.readerOptions(ctx, pr))
	pr.done()
	if err != nil {
		return nil, err
	}
	if err := reportFindings(io, ds, quiet, skipInvalid); err != nil {
		return nil, err
	}
	o.Schema = ds.Schema // with the categories its open lists learnt, for what follows
	return ds, nil
}

// parseColumns reads --columns state=A,partner=C,...
func parseColumns(spec string) ([4]int, error) {
	var cols [4]int
	if strings.TrimSpace(spec) == "" {
		return cols, nil
	}
	used := map[int]string{}
	for _, part := range strings.Split(spec, ",") {
		name, letter, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return cols, usagef("--columns %q: write key=COLUMN pairs, e.g. state=A,partner=C", part)
		}
		k, ok := survey.ParseKey(strings.ToLower(strings.TrimSpace(name)))
		if !ok {
			return cols, usagef("--columns: unknown key %q: use state, partner, area or type", name)
		}
		n := sheet.ColumnNumber(letter)
		if n == 0 {
			return cols, usagef("--columns: %q is not a column letter (A, B, ..., AA, ...)", letter)
		}
		if cols[k] != 0 {
			return cols, usagef("--columns: %s is given twice (columns %s and %s): give each key once", k,
				sheet.ColumnName(cols[k]), strings.ToUpper(strings.TrimSpace(letter)))
		}
		if other, dup := used[n]; dup {
			return cols, usagef("--columns: column %s is given for both %s and %s", strings.ToUpper(letter), other, k)
		}
		used[n] = k.String()
		cols[k] = n
	}
	return cols, nil
}

// loadSchema returns the built-in survey, or the one in path.
func loadSchema(path string) (*survey.Schema, error) {
	if path == "" {
		return survey.Builtin(), nil
	}
	s, err := surveyfile.Load(path)
	if err != nil {
		return nil, &inputFileError{err}
	}
	return s, nil
}

// parseOrder reads --order, which analyse and report share.
func parseOrder(order string) (render.Order, error) {
	switch order {
	case "size":
		return render.BySize, nil
	case "survey":
		return render.BySurvey, nil
	}
	return 0, usagef("--order %q: use size or survey", order)
}
