package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/chartdraw"
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

// drawCharts draws every chart concurrently (biggest first) and writes the files, each to a temporary name
// renamed into place, so that an interrupted run leaves no half-drawn chart. It returns the
// paths written, in file-name order.
func drawCharts(o ChartOptions, a *tally.Analysis, s *survey.Schema, co chart.Options, inputs []string) ([]string, error) {
	charts := chart.Build(a, s, co)
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("--charts %s: %w", o.Dir, err)
	}
	paths := make([]string, len(charts))
	for i, c := range charts {
		paths[i] = filepath.Join(o.Dir, c.FileName()+"."+o.Format)
		if err := refuseInput(paths[i], inputs); err != nil {
			return nil, err
		}
	}
	opts := chartdraw.Options{WidthCM: o.WidthCM, DPI: o.DPI, Format: o.Format, Untitled: o.Untitled}
	errs := chartdraw.DrawAll(charts, opts, func(i int, data []byte) error {
		return writeFileAtomic(paths[i], data)
	})
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", paths[i], err)
		}
	}
	for i := range paths {
		paths[i] = filepath.ToSlash(paths[i])
	}
	return paths, nil
}

// refuseInput is an error when path is one of the inputs: outputs never overwrite replies.
func refuseInput(path string, inputs []string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	for _, in := range inputs {
		if a, err := filepath.Abs(in); err == nil && a == abs {
			return usagef("%s is one of the inputs: choose another output folder", filepath.ToSlash(path))
		}
	}
	return nil
}
