package cli

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/chartdraw"
	"github.com/mapsurvey/mapsurvey/pkg/report"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// WordOptions are report's flags for the Word document and its method section. Each one the
// user leaves out is taken from the survey schema (doc_number, classification, period, scope).
type WordOptions struct {
	DocNumber, Classification string
	Period, Scope             string
	set                       map[string]bool // which of the four flags the user gave; nil: none
}

func (o *WordOptions) bindFlags(f *pflag.FlagSet) {
	flag := func(name string, to *string, usage string) {
		f.Var(&trackedString{to: to, set: func() {
			if o.set == nil {
				o.set = map[string]bool{}
			}
			o.set[name] = true
		}}, name, usage)
	}
	b := survey.Builtin()
	flag("doc-number", &o.DocNumber, "document number in the running header of report.docx and of report.html printed, e.g. 7896/20 (default: the schema's doc_number)")
	flag("classification", &o.Classification, "classification in the running header, e.g. LIMITE (default: the schema's classification)")
	flag("period", &o.Period, "period the questionnaire covered, for the method section (default: the schema's period; built-in survey: \""+b.Period+"\")")
	flag("scope", &o.Scope, "what the questionnaire covered, for the method section (default: the schema's scope; built-in survey: \""+b.Scope+"\")")
}

// trackedString is a string flag that records that it was given, even as "".
type trackedString struct {
	to  *string
	set func()
}

func (t *trackedString) String() string {
	if t.to == nil {
		return ""
	}
	return *t.to
}
func (t *trackedString) Set(s string) error { *t.to = s; t.set(); return nil }
func (t *trackedString) Type() string       { return "string" }

// withDefaults fills the flags the user did not give from the schema: flags win.
func (o WordOptions) withDefaults(s *survey.Schema) WordOptions {
	for _, k := range []struct {
		flag       string
		to         *string
		fromSchema string
	}{{"doc-number", &o.DocNumber, s.DocNumber}, {"classification", &o.Classification, s.Classification},
		{"period", &o.Period, s.Period}, {"scope", &o.Scope, s.Scope}} {
		if !o.set[k.flag] {
			*k.to = k.fromSchema
		}
	}
	return o
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
