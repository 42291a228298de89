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
	tables := compare.Tables(r, old, new, s)
	// The replies, the overview and the partners.
	if err := render.Text(os.Stdout, tables[:3]); err != nil {
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
	// | Activities                                   |   1 |   2 |         +1 |
	// +----------------------------------------------+-----+-----+------------+
	// Replies received and activities reported. Each activity counts as one item regardless of its value or content.
	//
	// Table 3. Member States and activities per partner: old and new
	// +------------------------+-------------------+-------------------+------+----------------+----------------+------+
	// | Partner                | Member States old | Member States new | Diff | Activities old | Activities new | Diff |
	// +------------------------+-------------------+-------------------+------+----------------+----------------+------+
	// | Albania                |                 0 |                 0 |    0 |              0 |              0 |    0 |
	// | Bosnia and Herzegovina |                 0 |                 0 |    0 |              0 |              0 |    0 |
	// | Kosovo*                |                 0 |                 0 |    0 |              0 |              0 |    0 |
	// | Montenegro             |                 0 |                 0 |    0 |              0 |              0 |    0 |
	// | North Macedonia        |                 0 |                 0 |    0 |              0 |              0 |    0 |
	// | Serbia                 |                 1 |                 2 |   +1 |              1 |              2 |   +1 |
	// +------------------------+-------------------+-------------------+------+----------------+----------------+------+
	// | Total                  |                 1 |                 2 |   +1 |              1 |              2 |   +1 |
	// +------------------------+-------------------+-------------------+------+----------------+----------------+------+
	// Old: n = 1 activity, 1 Member State with activities; new: n = 2 activities, 2 Member States with activities. Every partner is listed. Member States are counted once in each row they are active in, so their columns do not add up; their total is the number of distinct Member States.
	// * This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.
}
