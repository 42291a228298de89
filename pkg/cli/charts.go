package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/chartdraw"
	"github.com/mapsurvey/mapsurvey/pkg/output"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// ChartOptions are the flags that draw charts; analyse and report share them.
type ChartOptions struct {
	Dir     string
	Format  string
	WidthCM float64
	DPI     int
	// Untitled leaves titles to the document that captions the charts (report).
	Untitled bool
}

// bindFlags binds the chart flags; --charts only where drawing charts is optional.
func (o *ChartOptions) bindFlags(f *pflag.FlagSet, dirFlag bool) {
	if dirFlag {
		f.StringVar(&o.Dir, "charts", "", "draw the note's charts into this folder")
	}
	f.StringVar(&o.Format, "chart-format", "png", "chart file format: png, svg or pdf")
	f.Float64Var(&o.WidthCM, "chart-width", 16, "chart width in centimetres (16 cm is the text width of an A4 note)")
	f.IntVar(&o.DPI, "dpi", 300, "resolution of PNG charts, in dots per inch")
}

func (o *ChartOptions) check() error {
	if !contains(chartdraw.Formats, o.Format) {
		return usagef("--chart-format %q: use png, svg or pdf", o.Format)
	}
	if o.WidthCM < 5 || o.WidthCM > 60 {
		return usagef("--chart-width %g: use a width between 5 and 60 cm", o.WidthCM)
	}
	if o.DPI < 50 || o.DPI > 1200 {
		return usagef("--dpi %d: use 50 to 1200", o.DPI)
	}
	return nil
}

// drawCharts draws every chart concurrently (biggest first) into the output set out, under
// prefix ("" or "charts/"). Nothing is in place before the set is committed, so an interrupted
// run leaves no chart, half-drawn or not. It returns the number of charts.
func drawCharts(o ChartOptions, a *tally.Analysis, s *survey.Schema, co chart.Options, out *output.Folder, prefix string) (int, error) {
	charts := chart.Build(a, s, co)
	if err := drawChartList(o, charts, out, prefix); err != nil {
		return 0, err
	}
	return len(charts), nil
}

// drawChartList draws charts as drawCharts does.
func drawChartList(o ChartOptions, charts []chart.Chart, out *output.Folder, prefix string) error {
	names := make([]string, len(charts))
	for i, c := range charts {
		names[i] = prefix + c.FileName() + "." + o.Format
	}
	opts := chartdraw.Options{WidthCM: o.WidthCM, DPI: o.DPI, Format: o.Format, Untitled: o.Untitled}
	errs := chartdraw.DrawAll(charts, opts, func(i int, data []byte) error {
		if err := out.Write(names[i], data); err != nil {
			return &writeError{err}
		}
		return nil
	})
	for i, err := range errs {
		var we *writeError
		switch {
		case errors.As(err, &we):
			return we.err // names the file already, and says what was changed
		case err != nil:
			return fmt.Errorf("chart %s: %w", names[i], err)
		}
	}
	return nil
}

// writeError is a chart drawn but not written: its message is the output set's.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }
