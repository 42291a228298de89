package replies_test

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/replies"
)

// A value listed twice in one cell is one activity, with a note naming the cell: counting it once
// per repetition would credit the row with activities it does not report.
func TestAValueRepeatedInACellCountsOnce(t *testing.T) {
	dir := write(t, map[string]string{"r.csv": "State,Partner,Area,Type\n" +
		"Austria,Serbia;Serbia,Asylum,Expert\n" +
		"Austria,Albania,Return;RETURN;Readmission;Asylum,Expert\n" + // an alias is the same value too
		"Austria,Montenegro,Asylum,Expert;Equipment\n",
	})
	ds := read(t, replies.Options{}, filepath.Join(dir, "r.csv"))
	want := []string{
		`r.csv: B2: "Serbia;Serbia" names "Serbia" more than once: counted once`,
		`r.csv: C3: "Return;RETURN;Readmission;Asylum" names "Return" more than once: counted once`,
	}
	if got := messages(dir, ds.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(ds.Activities); n != 5 {
		t.Errorf("%d activities, want 5 (1 + 2 + 2)", n)
	}
}
