package cli

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/chartdraw"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/report"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// WordOptions are report's flags for the Word document and its method section.
type WordOptions struct {
	DocNumber, Classification string
	Period, Scope             string
	periodSet, scopeSet       bool
}

func (o *WordOptions) bindFlags(f *pflag.FlagSet) {
	f.StringVar(&o.DocNumber, "doc-number", "", "document number in the Word document's running header, e.g. 7896/20")
	f.StringVar(&o.Classification, "classification", "", "classification in the running header, e.g. LIMITE")
	f.Func("period", "period the questionnaire covered, for the method section (built-in survey: \""+report.BuiltinPeriod+"\")",
		func(s string) error { o.Period, o.periodSet = s, true; return nil })
	f.Func("scope", "what the questionnaire covered, for the method section (built-in survey: \""+report.BuiltinScope+"\")",
		func(s string) error { o.Scope, o.scopeSet = s, true; return nil })
}

// period is --period, or for the built-in survey (no --schema) what note 7896/20 says.
func (o WordOptions) period(schemaFile string) string {
	if !o.periodSet && schemaFile == "" {
		return report.BuiltinPeriod
	}
	return o.Period
}

func (o WordOptions) scope(schemaFile string) string {
	if !o.scopeSet && schemaFile == "" {
		return report.BuiltinScope
	}
	return o.Scope
}

// parseOrder reads --order as analyse does. (analyse.go has the same switch; it can call this.)
func parseOrder(order string) (render.Order, error) {
	switch order {
	case "size":
		return render.BySize, nil
	case "survey":
		return render.BySurvey, nil
	}
	return 0, usagef("--order %q: use size or survey", order)
}

// writeReportDOCX writes report.docx. Word takes PNG: the chart files themselves when they are
// PNGs (read through written, since the new set is not in place yet), else the same charts drawn
// as PNGs in memory.
func writeReportDOCX(w io.Writer, doc *report.Document, o WordOptions, charts ChartOptions, a *tally.Analysis, s *survey.Schema, co chart.Options,
	written func(file string) ([]byte, error)) error {
	png := written
	if charts.Format != "png" {
		built := chart.Build(a, s, co)
		// DrawAll writes from several goroutines, each chart to its own slot.
		pngs := make([][]byte, len(built))
		opts := chartdraw.Options{WidthCM: charts.WidthCM, DPI: charts.DPI, Format: "png", Untitled: charts.Untitled}
		errs := chartdraw.DrawAll(built, opts, func(i int, data []byte) error {
			pngs[i] = data
			return nil
		})
		drawn := map[string][]byte{}
		for i, err := range errs {
			if err != nil {
				return fmt.Errorf("chart %s: %w", built[i].FileName(), err)
			}
			drawn["charts/"+built[i].FileName()+"."+charts.Format] = pngs[i]
		}
		png = func(file string) ([]byte, error) {
			if data, ok := drawn[file]; ok {
				return data, nil
			}
			return nil, fmt.Errorf("no such chart")
		}
	}
	return report.DOCX(w, doc, report.DOCXOptions{DocNumber: o.DocNumber, Classification: o.Classification, PNG: png})
}
