package compare_test

import (
	"fmt"
	"os"

	"github.com/mapsurvey/mapsurvey/pkg/compare"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

func ExampleTables() {
	s := survey.Builtin()
	count := func(states []string, acts ...tally.Activity) *tally.Analysis {
		a, err := tally.Count(tally.Input{States: states, Partners: s.Labels(survey.Partner),
			Areas: s.Labels(survey.Area), Types: s.Labels(survey.Type), Activities: acts})
		if err != nil {
			panic(err)
		}
		return a
	}
	// Partner 5 is Serbia, area 0 Asylum and 3 Return, type 1 Expert assistance and 2 Equipment.
	old := count([]string{"Austria", "Belgium"},
		tally.Activity{State: 0, Partner: 5, Area: 0, Type: 1})
	new := count([]string{"Austria", "Belgium", "Croatia"},
		tally.Activity{State: 0, Partner: 5, Area: 0, Type: 1},
		tally.Activity{State: 1, Partner: 5, Area: 3, Type: 2})
	r, err := compare.Compare(old, new)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Belgium became active: the figures that moved are what it reported, so they are shown
	// with --by-state only (compare.Options{ByState: true}).
	tables := compare.Tables(r, old, new, s, compare.Options{})
	if err := render.Text(os.Stdout, tables); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Table 1. Member States that joined, left, became active or became inactive
	// +--------------------------------------------------+--------+---------------+
	// |                                                  | Number | Member States |
	// +--------------------------------------------------+--------+---------------+
	// | Joined (replied in new, not in old)              |      1 | Croatia       |
	// | Left (replied in old, not in new)                |      0 | (none)        |
	// | Became active (activities in new, none in old)   |      1 | Belgium       |
	// | Became inactive (activities in old, none in new) |      0 | (none)        |
	// +--------------------------------------------------+--------+---------------+
	// Old: 2 Member States replied, 1 Member State with activities; new: 3 Member States replied, 2 Member States with activities. Only who replied, and who reported at least one activity, is named: no table says which Member State does what.
	//
	// Table 2. Overview: old and new
	// +----------------------------------------------+-----+-----+------------+
	// |                                              | Old | New | Difference |
	// +----------------------------------------------+-----+-----+------------+
	// | Replies (Member States that replied)         |   2 |   3 |         +1 |
	// | Member States with at least one activity     |   1 |   2 |         +1 |
	// | Member States with no activity (nil replies) |   1 |   1 |          0 |
	// +----------------------------------------------+-----+-----+------------+
	// Replies received, and who reported activities.
	// Activities, and the figures per partner, area and type of support, are not shown: Belgium became active, and the differences in activities would say what it does. --by-state shows them (confidential detail).
}
