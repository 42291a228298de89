package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/render"
)

// TestSourcesGiveCountsOnlyByState: with one file per state, a file's rows and activities are
// that state's reply; the JSON gives them only with --by-state.
func TestSourcesGiveCountsOnlyByState(t *testing.T) {
	a, s := threeThirds(t)
	rows, acts := 2, 2
	sources := []render.Source{{File: "replies/Austria.csv", HeaderRow: 1, Rows: &rows, Activities: &acts}}
	for _, byState := range []bool{false, true} {
		var buf bytes.Buffer
		if err := render.JSON(&buf, render.NewAnalysis(a, s, sources, byState)); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		i := strings.Index(out, `"sources"`)
		if i < 0 {
			t.Fatalf("no sources:\n%s", out)
		}
		src := out[i:]
		counted := strings.Contains(src, `"rows": 2`) && strings.Contains(src, `"activities": 2`)
		if counted != byState || !strings.Contains(src, `"file": "replies/Austria.csv"`) {
			t.Errorf("by state %v: sources\n%s", byState, src)
		}
	}
	if sources[0].Rows == nil {
		t.Error("NewAnalysis changed its caller's sources")
	}
}
