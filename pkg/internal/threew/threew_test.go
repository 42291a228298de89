package threew_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/internal/threew"
)

// TestShapes: the generated surveys have the shape they promise (every organisation, district
// and sector used), the same rows every time, and a schema that parses.
func TestShapes(t *testing.T) {
	for _, s := range []threew.Size{threew.Report, threew.Slow} {
		a, err := threew.Analysis(s)
		if err != nil {
			t.Fatal(err)
		}
		used := func(n int, count func(i int) int) int {
			k := 0
			for i := range n {
				if count(i) > 0 {
					k++
				}
			}
			return k
		}
		got := threew.Size{Rows: a.Activities, Organisations: a.ActiveStates,
			Districts:  used(s.Districts, func(i int) int { return a.Partner[i].Activities }),
			Sectors:    used(s.Sectors, func(i int) int { return a.Area[i].Activities }),
			Modalities: used(s.Modalities, func(i int) int { return a.Type[i].Activities })}
		if got != s {
			t.Errorf("generated %+v, want %+v", got, s)
		}
		if !reflect.DeepEqual(threew.Rows(s), threew.Rows(s)) {
			t.Errorf("%+v: two generations differ", s)
		}
	}
}

// TestWriteFiles writes the two workbooks and their schema into MAPSURVEY_3W_DIR, for timing
// the built command on them (docs/performance.md); without it, into a temporary folder.
func TestWriteFiles(t *testing.T) {
	dir := os.Getenv("MAPSURVEY_3W_DIR")
	if dir == "" {
		if testing.Short() {
			t.Skip("writing 34,000 rows with excelize takes seconds")
		}
		dir = t.TempDir()
	}
	for name, s := range map[string]threew.Size{"25k": threew.Report, "9k": threew.Slow} {
		sub := filepath.Join(dir, name)
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if _, _, err := threew.Write(sub, s); err != nil {
			t.Fatal(err)
		}
	}
}
