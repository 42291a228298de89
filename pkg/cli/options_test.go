package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/mapsurvey/mapsurvey/pkg/layout"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// These tests check each command's flag parsing alone: argv in, the Options its run function
// would get out (captured through runF), or the exact error a user sees. Nothing is read.

// testStreams are streams that no command under test may use: parsing writes nothing.
var testStreams = IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard}

const caSchema = "../../docs/examples/central-asia.yaml"

// parseArgs runs newCmd's flag parsing on args and returns the Options runF was given.
func parseArgs[O any](t *testing.T, newCmd func(IOStreams, func(*O) error) *cobra.Command, args []string) (*O, error) {
	t.Helper()
	var got *O
	cmd := newCmd(testStreams, func(o *O) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	if err == nil && got == nil {
		t.Fatalf("%q: no error, but the run function was not called", args)
	}
	if err != nil && got != nil {
		t.Fatalf("%q: the run function was called despite %v", args, err)
	}
	return got, err
}

// schemaTitle takes the loaded schema out of the options (a pointer, compared apart) and
// returns its title.
func schemaTitle(in *InputOptions) string {
	s := in.Schema
	in.Schema = nil
	if s == nil {
		return ""
	}
	return s.Title
}

// parseCase is an argv (split at spaces) and the Options it gives, or the error.
type parseCase[O any] struct {
	args    string
	want    *O
	wantErr string
}

// inputs is promoted to every Options that embeds InputOptions: checkCases reaches the schema
// through it.
func (o *InputOptions) inputs() *InputOptions { return o }

// checkCases parses each case's argv with newCmd and compares; a command that reads replies
// must have loaded the schema wantTitle names (the built-in one unless the case says).
func checkCases[O any](t *testing.T, newCmd func(IOStreams, func(*O) error) *cobra.Command, cases []parseCase[O],
	wantTitle func(args string) string) {
	t.Helper()
	for _, tc := range cases {
		args := strings.Fields(tc.args)
		got, err := parseArgs(t, newCmd, args)
		if got != nil {
			want := builtinTitle
			if wantTitle != nil {
				want = wantTitle(tc.args)
			}
			in := any(got).(interface{ inputs() *InputOptions }).inputs()
			if title := schemaTitle(in); title != want {
				t.Errorf("%q: schema %q, want %q", args, title, want)
			}
		}
		checkParse(t, args, got, err, tc.want, tc.wantErr)
	}
}

// checkParse compares the parsed options (or the error) with the case's.
func checkParse[O any](t *testing.T, args []string, got *O, err error, want *O, wantErr string) {
	t.Helper()
	switch {
	case wantErr != "":
		if err == nil || err.Error() != wantErr {
			t.Errorf("%q: error %v, want %q", args, err, wantErr)
		}
	case err != nil:
		t.Errorf("%q: %v", args, err)
	case !reflect.DeepEqual(got, want):
		t.Errorf("%q:\n got %+v\nwant %+v", args, *got, *want)
	}
}

var builtinTitle = survey.Builtin().Title

func caTitle(t *testing.T) string {
	t.Helper()
	s, err := loadSchema(caSchema)
	if err != nil {
		t.Fatal(err)
	}
	return s.Title
}

func defaultCharts() ChartOptions { return ChartOptions{Format: "png", WidthCM: 16, DPI: 300} }

func TestAnalyseOptions(t *testing.T) {
	analyse := func(f func(*AnalyseOptions)) *AnalyseOptions {
		o := &AnalyseOptions{IO: testStreams, InputOptions: InputOptions{Inputs: []string{"r.csv"}, layout: "auto"},
			Charts: defaultCharts(), Format: "table", Order: render.BySize}
		if f != nil {
			f(o)
		}
		return o
	}
	ca := caTitle(t)
	checkCases(t, NewCmdAnalyse, []parseCase[AnalyseOptions]{
		{args: "r.csv", want: analyse(nil)},
		{args: "analyse-a.csv b/", want: analyse(func(o *AnalyseOptions) { o.Inputs = []string{"analyse-a.csv", "b/"} })},
		{args: "r.csv -f json --by-state --order survey --decimals 2 -q --skip-invalid", want: analyse(func(o *AnalyseOptions) {
			o.Format, o.ByState, o.Order, o.Decimals, o.Quiet, o.SkipInvalid = "json", true, render.BySurvey, 2, true, true
		})},
		{args: "r.csv --format csv --out tables/", want: analyse(func(o *AnalyseOptions) { o.Format, o.Out = "csv", "tables/" })},
		{args: "r.csv --suppress-below 3", want: analyse(func(o *AnalyseOptions) { o.SuppressBelow = 3 })},
		{args: "r.csv --layout grid", want: analyse(func(o *AnalyseOptions) { o.Layout, o.layout = layout.Grid, "grid" })},
		{args: "r.csv --layout Ticks", want: analyse(func(o *AnalyseOptions) { o.Layout, o.layout = layout.Ticks, "Ticks" })},
		{args: "r.csv --layout wide", wantErr: `--layout "wide": use auto, long, ticks, grid`},
		{args: "r.csv --hidden-sheets", want: analyse(func(o *AnalyseOptions) { o.HiddenSheets = true })},
		{args: "r.csv --sheet Replies --columns state=A,partner=C,area=D,type=E --fill-down --recursive --password pw",
			want: analyse(func(o *AnalyseOptions) {
				o.Sheet, o.FillDown, o.Recursive, o.Password = "Replies", true, true, "pw"
				o.columns = "state=A,partner=C,area=D,type=E"
				o.Columns = [4]int{survey.State: 1, survey.Partner: 3, survey.Area: 4, survey.Type: 5}
			})},
		{args: "r.csv --charts c --chart-format svg --chart-width 20 --dpi 150", want: analyse(func(o *AnalyseOptions) {
			o.Charts = ChartOptions{Dir: "c", Format: "svg", WidthCM: 20, DPI: 150}
		})},
		{args: "r.csv --schema " + caSchema, want: analyse(func(o *AnalyseOptions) { o.SchemaFile = caSchema })},

		{args: "", wantErr: "analyse needs at least one file or folder of replies"},
		{args: "r.csv --format xml", wantErr: `--format "xml": use one of table, markdown, csv, json`},
		{args: "r.csv --out tables/", wantErr: "--out writes one CSV file per table: use it with --format csv"},
		{args: "r.csv --decimals 4", wantErr: "--decimals 4: use 0 to 3"},
		{args: "r.csv --decimals -1", wantErr: "--decimals -1: use 0 to 3"},
		{args: "r.csv --order name", wantErr: `--order "name": use size or survey`},
		{args: "r.csv --chart-format gif", wantErr: `--chart-format "gif": use png, svg or pdf`},
		{args: "r.csv --chart-width 4", wantErr: "--chart-width 4: use a width between 5 and 60 cm"},
		{args: "r.csv --dpi 2000", wantErr: "--dpi 2000: use 50 to 1200"},
		{args: "r.csv --suppress-below 1", wantErr: "--suppress-below 1: use 2 or more (0 shows every figure)"},
		{args: "r.csv --suppress-below 3 --by-state", wantErr: "--by-state names every state's activities: it cannot go with --suppress-below"},
		{args: "r.csv --suppress-below 3 -f json", wantErr: "--suppress-below applies to tables, charts and reports; JSON is for scripts and carries every figure"},
		{args: "r.csv --columns state", wantErr: `--columns "state": write key=COLUMN pairs, e.g. state=A,partner=C`},
		{args: "r.csv --columns country=A", wantErr: `--columns: unknown key "country": use state, partner, area or type`},
		{args: "r.csv --columns state=1", wantErr: `--columns: "1" is not a column letter (A, B, ..., AA, ...)`},
		{args: "r.csv --columns state=A,partner=a", wantErr: "--columns: column A is given for both state and partner"},
		{args: "r.csv --schema nowhere.yaml", wantErr: "nowhere.yaml: no such file: check the path given to --schema"},
		{args: "r.csv --bogus", wantErr: "unknown flag: --bogus"},
	}, func(args string) string {
		if strings.Contains(args, caSchema) {
			return ca
		}
		return builtinTitle
	})
}

func TestReportOptions(t *testing.T) {
	report := func(f func(*ReportOptions)) *ReportOptions {
		o := &ReportOptions{IO: testStreams, InputOptions: InputOptions{Inputs: []string{"r.csv"}, layout: "auto"},
			Charts: defaultCharts(), Out: "annex", Formats: []string{"md", "html", "xlsx", "docx"}, Overlap: 5}
		if f != nil {
			f(o)
		}
		return o
	}
	checkCases(t, NewCmdReport, []parseCase[ReportOptions]{
		{args: "r.csv -o annex", want: report(nil)},
		{args: "r.csv -o annex --format html,xlsx,html", want: report(func(o *ReportOptions) { o.Formats = []string{"html", "xlsx"} })},
		{args: "r.csv -o annex --doc-number 7/26 --scope=", want: report(func(o *ReportOptions) {
			o.Word = WordOptions{DocNumber: "7/26", set: map[string]bool{"doc-number": true, "scope": true}}
		})},
		{args: "r.csv -o annex -f md --overlap 6 --decimals 1 --suppress-below 2 -q --skip-invalid",
			want: report(func(o *ReportOptions) {
				o.Formats, o.Overlap, o.Decimals, o.SuppressBelow, o.Quiet, o.SkipInvalid = []string{"md"}, 6, 1, 2, true, true
			})},
		{args: "r.csv -o annex --chart-format pdf --chart-width 12 --dpi 600", want: report(func(o *ReportOptions) {
			o.Charts = ChartOptions{Format: "pdf", WidthCM: 12, DPI: 600}
		})},

		{args: "-o annex", wantErr: "report needs at least one file or folder of replies"},
		{args: "r.csv", wantErr: "report needs an output folder: -o DIR"},
		{args: "r.csv -o annex --format pdf", wantErr: `--format "pdf": use md, html, xlsx or docx, or several separated by commas`},
		{args: "r.csv -o annex --format md,", wantErr: `--format "": use md, html, xlsx or docx, or several separated by commas`},
		{args: "r.csv -o annex --overlap 0", wantErr: "--overlap 0: use 1 or more"},
		{args: "r.csv -o annex --decimals 9", wantErr: "--decimals 9: use 0 to 3"},
		{args: "r.csv -o annex --suppress-below 1", wantErr: "--suppress-below 1: use 2 or more (0 shows every figure)"},
		{args: "r.csv -o annex --dpi 10", wantErr: "--dpi 10: use 50 to 1200"},
		// The report always draws its charts into DIR/charts: there is no folder to choose.
		{args: "r.csv -o annex --charts c", wantErr: "unknown flag: --charts"},
	}, nil)
}

func TestCompareOptions(t *testing.T) {
	compare := func(old, cur []string, f func(*CompareOptions)) *CompareOptions {
		o := &CompareOptions{IO: testStreams, InputOptions: InputOptions{Inputs: append(append([]string{}, old...), cur...), layout: "auto"},
			Old: old, New: cur, Format: "table"}
		if f != nil {
			f(o)
		}
		return o
	}
	checkCases(t, NewCmdCompare, []parseCase[CompareOptions]{
		{args: "round1/ round2/", want: compare([]string{"round1/"}, []string{"round2/"}, nil)},
		{args: "--old a.xlsx --new b.xlsx --new late.xlsx -f json", want: compare([]string{"a.xlsx"}, []string{"b.xlsx", "late.xlsx"},
			func(o *CompareOptions) { o.Format = "json" })},
		{args: "a b --fail-on-change -q --skip-invalid --sheet S", want: compare([]string{"a"}, []string{"b"}, func(o *CompareOptions) {
			o.FailOnChange, o.Quiet, o.SkipInvalid, o.Sheet = true, true, true, "S"
		})},

		{args: "", wantErr: "compare needs OLD and NEW: two files or folders, or --old and --new"},
		{args: "a", wantErr: "compare needs OLD and NEW: two files or folders, or --old and --new"},
		{args: "a b c", wantErr: "compare needs OLD and NEW: two files or folders, or --old and --new"},
		{args: "a b --old c", wantErr: "compare needs OLD and NEW: two files or folders, or --old and --new"},
		{args: "--old a", wantErr: "compare needs OLD and NEW: two files or folders, or --old and --new"},
		{args: "a b --format html", wantErr: `--format "html": use one of table, markdown, csv, json`},
		{args: "a b --columns state=A,state=B", wantErr: "--columns: state is given twice (columns A and B): give each key once"},
	}, nil)
}

func TestCheckAndValidateOptions(t *testing.T) {
	in := InputOptions{Inputs: []string{"r.xlsx"}, layout: "auto"}
	checkCases(t, NewCmdCheck, []parseCase[CheckOptions]{
		{args: "r.xlsx --expect f.yaml", want: &CheckOptions{IO: testStreams, InputOptions: in, Expect: "f.yaml", Format: "text"}},
		{args: "r.xlsx --write-expect f.yaml -q", want: &CheckOptions{IO: testStreams, InputOptions: in, WriteExpect: "f.yaml", Quiet: true, Format: "text"}},
		{args: "r.xlsx --expect f.yaml --format junit", want: &CheckOptions{IO: testStreams, InputOptions: in, Expect: "f.yaml", Format: "junit"}},
		{args: "r.xlsx --write-expect f.yaml --format junit", wantErr: "--format junit reports the figures of --expect FILE: give it too"},
		{args: "--expect f.yaml", wantErr: "check needs at least one file or folder of replies"},
		{args: "r.xlsx", wantErr: "check needs --expect FILE (figures to check) or --write-expect FILE (figures to lock)"},
	}, nil)
	checkCases(t, NewCmdValidate, []parseCase[ValidateOptions]{
		{args: "r.xlsx", want: &ValidateOptions{IO: testStreams, InputOptions: in, Format: "text"}},
		{args: "r.xlsx -f json", want: &ValidateOptions{IO: testStreams, InputOptions: in, Format: "json"}},
		{args: "", wantErr: "validate needs at least one file or folder of replies"},
		{args: "r.xlsx --format table", wantErr: `--format "table": use text or json`},
	}, nil)
}

func TestTemplateAndSchemaOptions(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "old.xlsx")
	if err := os.WriteFile(existing, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	slash := filepath.ToSlash
	tmpl := func(out string, f func(*TemplateOptions)) *TemplateOptions {
		o := &TemplateOptions{IO: testStreams, Out: out, Period: "2015 to the present", Rows: 300, Format: "xlsx"}
		if f != nil {
			f(o)
		}
		return o
	}
	for _, tc := range []struct {
		args    []string
		want    *TemplateOptions
		wantErr string
	}{
		{args: []string{"-o", "q.xlsx"}, want: tmpl("q.xlsx", nil)},
		{args: []string{"-o", "q.XLSX", "--rows", "500", "--period", " 2019 to 2021 ", "--schema", "s.yaml"},
			want: tmpl("q.XLSX", func(o *TemplateOptions) { o.Rows, o.Period, o.SchemaFile = 500, "2019 to 2021", "s.yaml" })},
		{args: []string{"-o", existing, "--force"}, want: tmpl(existing, func(o *TemplateOptions) { o.Force = true })},

		{args: nil, wantErr: "template needs an output file: -o FILE.xlsx"},
		{args: []string{"-o", "q.csv"}, wantErr: "-o q.csv: the questionnaire is an Excel workbook or a Word form: give a name ending in .xlsx or .docx"},
		{args: []string{"-o", "q.docx"}, want: tmpl("q.docx", func(o *TemplateOptions) { o.Format, o.Rows = "docx", 40 })},
		{args: []string{"-o", "q.docx", "--rows", "300"}, want: tmpl("q.docx", func(o *TemplateOptions) { o.Format = "docx" })},
		{args: []string{"-o", "q.xlsx", "--format", "docx"}, wantErr: "-o q.xlsx: --format docx writes a .docx file: give a name ending in .docx"},
		{args: []string{"-o", "q.pdf", "--format", "pdf"}, wantErr: `--format "pdf": use xlsx (a workbook) or docx (a Word form)`},
		{args: []string{"-o", "q.xlsx", "--rows", "0"}, wantErr: "--rows 0: use 1 to 100000"},
		{args: []string{"-o", "q.xlsx", "--period", " "}, wantErr: `--period: give the period the replies cover, e.g. "2015 to the present"`},
		{args: []string{"-o", existing}, wantErr: slash(existing) + " exists: give --force to replace it, or choose another name"},
		{args: []string{"-o", dir + "/d.xlsx"}, want: tmpl(dir+"/d.xlsx", nil)},
		{args: []string{"q.xlsx"}, wantErr: `unknown command "q.xlsx" for "template"`},
	} {
		got, err := parseArgs(t, NewCmdTemplate, tc.args)
		checkParse(t, tc.args, got, err, tc.want, tc.wantErr)
	}
	if err := os.Mkdir(filepath.Join(dir, "f.xlsx"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := parseArgs(t, NewCmdTemplate, []string{"-o", filepath.Join(dir, "f.xlsx")})
	if want := "-o " + slash(filepath.Join(dir, "f.xlsx")) + " is a folder: give the name of the workbook to write"; err == nil || err.Error() != want {
		t.Errorf("template -o FOLDER: %v, want %q", err, want)
	}

	got, err := parseArgs(t, NewCmdSchema, []string{"--check", "s.yaml"})
	checkParse(t, nil, got, err, &SchemaOptions{IO: testStreams, Check: "s.yaml"}, "")
	got, err = parseArgs(t, NewCmdSchema, nil)
	checkParse(t, nil, got, err, &SchemaOptions{IO: testStreams}, "")
	_, err = parseArgs(t, NewCmdSchema, []string{"s.yaml"})
	checkParse[SchemaOptions](t, []string{"s.yaml"}, nil, err, nil, `unknown command "s.yaml" for "schema"`)
	got, err = parseArgs(t, NewCmdSchema, []string{"--from", "a.csv", "b.xlsx"})
	checkParse(t, nil, got, err, &SchemaOptions{IO: testStreams, From: true, Files: []string{"a.csv", "b.xlsx"}}, "")
	_, err = parseArgs(t, NewCmdSchema, []string{"--from"})
	checkParse[SchemaOptions](t, []string{"--from"}, nil, err, nil, "schema --from needs at least one file of replies to draft the schema from")
	_, err = parseArgs(t, NewCmdSchema, []string{"--from", "a.csv", "--check", "s.yaml"})
	checkParse[SchemaOptions](t, nil, nil, err, nil, "--from drafts a schema and --check checks one: give one of them")
}

// Every usage mistake above is a usageError, so that it exits 2 with the hint to run help.
func TestParseErrorsAreUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"r.csv", "--decimals", "4"}, {"r.csv", "--columns", "x=A"}, {}} {
		_, err := parseArgs(t, NewCmdAnalyse, args)
		var ue *usageError
		if !errors.As(err, &ue) {
			t.Errorf("%q: %T is not a usage error", args, err)
		}
	}
}

// panicWriter stands for a fault deep in a command: writing to it panics.
type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("boom") }

// TestInternalErrorDebug: a panic is one line for a user, and its stack with MAPSURVEY_DEBUG=1.
func TestInternalErrorDebug(t *testing.T) {
	run := func() (int, string) {
		var errOut bytes.Buffer
		code := Run([]string{"schema"}, IOStreams{In: strings.NewReader(""), Out: panicWriter{}, ErrOut: &errOut})
		return code, errOut.String()
	}
	const first = "mapsurvey: internal error: boom\n"
	const last = "Please report it with the command you ran; your files were not changed.\n"

	t.Setenv(DebugVar, "")
	code, msg := run()
	if code != ExitFailure || msg != first+last {
		t.Errorf("without %s: exit %d, stderr:\n%s", DebugVar, code, msg)
	}

	t.Setenv(DebugVar, "1")
	code, msg = run()
	if code != ExitFailure || !strings.HasPrefix(msg, first) || !strings.HasSuffix(msg, last) {
		t.Fatalf("with %s=1: exit %d, stderr:\n%s", DebugVar, code, msg)
	}
	// The stack names the frame that panicked, not only the one that recovered.
	for _, want := range []string{"goroutine ", "panicWriter.Write", "schemaRun"} {
		if !strings.Contains(msg, want) {
			t.Errorf("with %s=1, the stack lacks %q:\n%s", DebugVar, want, msg)
		}
	}
}
