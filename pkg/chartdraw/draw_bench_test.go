package chartdraw_test

import (
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/chartdraw"
	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// noteCharts builds the bundled note's charts (12 of them) as `mapsurvey analyse --charts`
// does.
func noteCharts(b *testing.B) []chart.Chart {
	b.Helper()
	s := survey.Builtin()
	ds, err := replies.Read([]string{"../../testdata/sample/replies-7896-20.xlsx"}, replies.Options{Schema: s})
	if err != nil {
		b.Fatal(err)
	}
	return chart.Build(ds.Analysis(), s, chart.Options{})
}

// BenchmarkDrawNote draws every chart of the bundled note at print size (16 cm at 300 dpi,
// 1890 px wide) as analyse --charts does: concurrently, with DrawAll. Issue 7 holds the whole
// command to three times a one-chart gonum/plot program (.ci/onechart), about 50 ms of work in
// process.
//
//	go test -run=NONE -bench=DrawNote ./pkg/chartdraw
func BenchmarkDrawNote(b *testing.B) {
	charts := noteCharts(b)
	b.Run("png", func(b *testing.B) {
		var bytes atomic.Int64
		for b.Loop() {
			bytes.Store(0)
			errs := chartdraw.DrawAll(charts, chartdraw.Options{}, func(_ int, data []byte) error {
				bytes.Add(int64(len(data)))
				return nil
			})
			for _, err := range errs {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(bytes.Load()), "png-bytes/op")
	})
	// The same on one processor: the work that DrawAll shares out, for profiles (-cpuprofile)
	// that the scheduling does not blur.
	b.Run("png-1cpu", func(b *testing.B) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
		for b.Loop() {
			for _, err := range chartdraw.DrawAll(charts, chartdraw.Options{}, func(int, []byte) error { return nil }) {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
