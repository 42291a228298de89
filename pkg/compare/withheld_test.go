package compare_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/compare"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// TestOneStateJoiningIsNotSpelledOut: when exactly one state joins with activities, every
// difference in activities is its own reply. Without --by-state no table may give them.
func TestOneStateJoiningIsNotSpelledOut(t *testing.T) {
	old := analysis(t, []string{"Austria", "Belgium"},
		act{"Austria", "Albania", "Asylum", "Expert assistance"},
		act{"Belgium", "Serbia", "Return", "Equipment"})
	new := analysis(t, []string{"Austria", "Belgium", "Croatia"},
		act{"Austria", "Albania", "Asylum", "Expert assistance"},
		act{"Belgium", "Serbia", "Return", "Equipment"},
		act{"Croatia", "Montenegro", "Border management", "Financial assistance"},
		act{"Croatia", "Montenegro", "Border management", "Financial assistance"})
	r := mustCompare(t, old, new)
	if got := r.Revealing(); !reflect.DeepEqual(got, []string{"Croatia"}) {
		t.Fatalf("Revealing() = %q, want Croatia", got)
	}

	tables := compare.Tables(r, old, new, survey.Builtin(), compare.Options{})
	var text, csvOut bytes.Buffer
	if err := render.Text(&text, tables); err != nil {
		t.Fatal(err)
	}
	if err := render.CSV(&csvOut, tables); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{text.String(), csvOut.String()} {
		for _, leak := range []string{"Montenegro", "Border management", "Financial assistance", "| Activities", "\nActivities,0,2,2"} {
			if strings.Contains(out, leak) {
				t.Errorf("the comparison spells out what Croatia does (%q):\n%s", leak, out)
			}
		}
	}
	if len(tables) != 2 || len(tables[1].Rows) != 3 {
		t.Errorf("%d tables, overview of %d rows; want the replies and an overview of who replied and who is active", len(tables), len(tables[1].Rows))
	}
	if !strings.Contains(text.String(), "not shown: Croatia became active, and the differences in activities would say what it does. --by-state shows them") {
		t.Errorf("the output does not say why figures are missing:\n%s", text.String())
	}
	if got := len(r.Shown()); got != 2 {
		t.Errorf("Shown() has %d figures, want respondents and active states", got)
	}

	// Asked for, everything is there, and the replies table says it is confidential.
	tables = compare.Tables(r, old, new, survey.Builtin(), compare.Options{ByState: true})
	if len(tables) != 8 || !strings.Contains(tables[0].Caption, "CONFIDENTIAL DETAIL: Croatia became active, so the differences below include what it does") {
		t.Errorf("--by-state: %d tables, caption %q", len(tables), tables[0].Caption)
	}
}

// TestNilReplyJoiningRevealsNothing: a state that joins with a nil reply, or a state already
// active that changes, is not what the differences spell out: they are shown.
func TestNilReplyJoiningRevealsNothing(t *testing.T) {
	old := base(t)
	new := analysis(t, []string{"Austria", "Belgium", "Croatia", "Denmark"},
		act{"Austria", "Albania", "Asylum", "Expert assistance"},
		act{"Austria", "Albania", "Return", "Equipment"},
		act{"Belgium", "Serbia", "Return", "Financial assistance"})
	r := mustCompare(t, old, new)
	if got := r.Revealing(); len(got) != 0 {
		t.Fatalf("Revealing() = %q, want none", got)
	}
	if n := len(compare.Tables(r, old, new, survey.Builtin(), compare.Options{})); n != 8 {
		t.Errorf("%d tables, want all 8", n)
	}
}

func TestLeavingWithActivitiesReveals(t *testing.T) {
	r := mustCompare(t, base(t), analysis(t, []string{"Belgium", "Croatia"},
		act{"Belgium", "Serbia", "Return", "Financial assistance"}))
	if got := r.Revealing(); !reflect.DeepEqual(got, []string{"Austria"}) {
		t.Errorf("Revealing() = %q, want Austria, which left", got)
	}
	if got := r.WithheldReason(); got != "Austria became inactive, and the differences in activities would say what it does" {
		t.Errorf("WithheldReason() = %q", got)
	}
}
