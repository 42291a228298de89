package compare_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/compare"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// act is one activity named by labels of survey.Builtin().
type act struct{ state, partner, area, typ string }

// analysis counts a hand-made reply set on the built-in questionnaire's labels.
func analysis(t *testing.T, states []string, acts ...act) *tally.Analysis {
	t.Helper()
	s := survey.Builtin()
	in := tally.Input{States: states, Partners: s.Labels(survey.Partner), Areas: s.Labels(survey.Area), Types: s.Labels(survey.Type)}
	index := func(list []string, label string) int {
		i := slices.Index(list, label)
		if i < 0 {
			t.Fatalf("unknown label %q", label)
		}
		return i
	}
	for _, a := range acts {
		in.Activities = append(in.Activities, tally.Activity{State: index(states, a.state),
			Partner: index(in.Partners, a.partner), Area: index(in.Areas, a.area), Type: index(in.Types, a.typ)})
	}
	an, err := tally.Count(in)
	if err != nil {
		t.Fatal(err)
	}
	return an
}

func mustCompare(t *testing.T, old, new *tally.Analysis) compare.Result {
	t.Helper()
	r, err := compare.Compare(old, new)
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	return r
}

// base is a small first round: two active states and a nil reply.
func base(t *testing.T) *tally.Analysis {
	return analysis(t, []string{"Austria", "Belgium", "Croatia"},
		act{"Austria", "Albania", "Asylum", "Expert assistance"},
		act{"Austria", "Serbia", "Return", "Equipment"},
		act{"Belgium", "Serbia", "Return", "Financial assistance"},
	)
}

func TestNoChange(t *testing.T) {
	tests := []struct {
		name     string
		old, new *tally.Analysis
	}{
		{"same analysis", base(t), base(t)},
		{"states listed in another order", base(t), analysis(t, []string{"Croatia", "Belgium", "Austria"},
			act{"Belgium", "Serbia", "Return", "Financial assistance"},
			act{"Austria", "Serbia", "Return", "Equipment"},
			act{"Austria", "Albania", "Asylum", "Expert assistance"},
		)},
		{"empty analyses", analysis(t, nil), analysis(t, nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustCompare(t, tt.old, tt.new)
			if r.Changed() {
				t.Errorf("Changed() = true, want false: %+v", r)
			}
			if len(r.Changes)+len(r.StatesJoined)+len(r.StatesLeft)+len(r.BecameActive)+len(r.BecameInactive) != 0 {
				t.Errorf("result not empty: %+v", r)
			}
		})
	}
}

func TestChanges(t *testing.T) {
	type c = compare.Change
	tests := []struct {
		name                                 string
		new                                  *tally.Analysis
		joined, left, becameActive, inactive []string
		want                                 []compare.Change
	}{
		{
			name: "a state joins with a nil reply",
			new: analysis(t, []string{"Austria", "Belgium", "Croatia", "Denmark"},
				act{"Austria", "Albania", "Asylum", "Expert assistance"},
				act{"Austria", "Serbia", "Return", "Equipment"},
				act{"Belgium", "Serbia", "Return", "Financial assistance"},
			),
			joined: []string{"Denmark"},
			want:   []c{{"respondents", 3, 4}, {"nil_replies", 1, 2}},
		},
		{
			name: "an activity in a new partner, area and type",
			new: analysis(t, []string{"Austria", "Belgium", "Croatia"},
				act{"Austria", "Albania", "Asylum", "Expert assistance"},
				act{"Austria", "Serbia", "Return", "Equipment"},
				act{"Belgium", "Serbia", "Return", "Financial assistance"},
				act{"Belgium", "Montenegro", "Legal migration", "Expert assistance"},
			),
			want: []c{
				{"activities", 3, 4},
				{"partner/Montenegro/states", 0, 1}, {"partner/Montenegro/activities", 0, 1},
				{"area/Legal migration/states", 0, 1}, {"area/Legal migration/activities", 0, 1},
				{"type/Expert assistance/states", 1, 2}, {"type/Expert assistance/activities", 1, 2},
				{"partner_area/Montenegro/Legal migration/states", 0, 1}, {"partner_area/Montenegro/Legal migration/activities", 0, 1},
				{"partner_type/Montenegro/Expert assistance/states", 0, 1}, {"partner_type/Montenegro/Expert assistance/activities", 0, 1},
				{"area_type/Legal migration/Expert assistance/states", 0, 1}, {"area_type/Legal migration/Expert assistance/activities", 0, 1},
			},
		},
		{
			name: "a second activity in a cell changes activities, not states",
			new: analysis(t, []string{"Austria", "Belgium", "Croatia"},
				act{"Austria", "Albania", "Asylum", "Expert assistance"},
				act{"Austria", "Albania", "Asylum", "Expert assistance"},
				act{"Austria", "Serbia", "Return", "Equipment"},
				act{"Belgium", "Serbia", "Return", "Financial assistance"},
			),
			want: []c{
				{"activities", 3, 4},
				{"partner/Albania/activities", 1, 2},
				{"area/Asylum/activities", 1, 2},
				{"type/Expert assistance/activities", 1, 2},
				{"partner_area/Albania/Asylum/activities", 1, 2},
				{"partner_type/Albania/Expert assistance/activities", 1, 2},
				{"area_type/Asylum/Expert assistance/activities", 1, 2},
			},
		},
		{
			name: "a nil reply becomes active",
			new: analysis(t, []string{"Austria", "Belgium", "Croatia"},
				act{"Austria", "Albania", "Asylum", "Expert assistance"},
				act{"Austria", "Serbia", "Return", "Equipment"},
				act{"Belgium", "Serbia", "Return", "Financial assistance"},
				act{"Croatia", "Serbia", "Return", "Equipment"},
			),
			becameActive: []string{"Croatia"},
			want: []c{
				{"active_states", 2, 3}, {"nil_replies", 1, 0}, {"activities", 3, 4},
				{"partner/Serbia/states", 2, 3}, {"partner/Serbia/activities", 2, 3},
				{"area/Return/states", 2, 3}, {"area/Return/activities", 2, 3},
				{"type/Equipment/states", 1, 2}, {"type/Equipment/activities", 1, 2},
				{"partner_area/Serbia/Return/states", 2, 3}, {"partner_area/Serbia/Return/activities", 2, 3},
				{"partner_type/Serbia/Equipment/states", 1, 2}, {"partner_type/Serbia/Equipment/activities", 1, 2},
				{"area_type/Return/Equipment/states", 1, 2}, {"area_type/Return/Equipment/activities", 1, 2},
			},
		},
		{
			name: "an active state leaves and another becomes inactive",
			new: analysis(t, []string{"Austria", "Croatia"},
				act{"Austria", "Albania", "Asylum", "Expert assistance"},
				act{"Austria", "Serbia", "Return", "Equipment"},
			),
			// Belgium left; it was active, so it is also no longer active.
			left: []string{"Belgium"}, inactive: []string{"Belgium"},
			want: []c{
				{"respondents", 3, 2}, {"active_states", 2, 1}, {"activities", 3, 2},
				{"partner/Serbia/states", 2, 1}, {"partner/Serbia/activities", 2, 1},
				{"area/Return/states", 2, 1}, {"area/Return/activities", 2, 1},
				{"type/Financial assistance/states", 1, 0}, {"type/Financial assistance/activities", 1, 0},
				{"partner_area/Serbia/Return/states", 2, 1}, {"partner_area/Serbia/Return/activities", 2, 1},
				{"partner_type/Serbia/Financial assistance/states", 1, 0}, {"partner_type/Serbia/Financial assistance/activities", 1, 0},
				{"area_type/Return/Financial assistance/states", 1, 0}, {"area_type/Return/Financial assistance/activities", 1, 0},
			},
		},
		{
			name: "a label with a slash stays one segment",
			new: analysis(t, []string{"Austria", "Belgium", "Croatia"},
				act{"Austria", "Albania", "Asylum", "Expert assistance"},
				act{"Austria", "Serbia", "Return", "Equipment"},
				act{"Belgium", "Serbia", "Return", "Financial assistance"},
				act{"Austria", "Albania", "Information exchange/situational awareness", "Expert assistance"},
			),
			want: []c{
				{"activities", 3, 4},
				{"partner/Albania/activities", 1, 2},
				{"area/Information exchange~1situational awareness/states", 0, 1},
				{"area/Information exchange~1situational awareness/activities", 0, 1},
				{"type/Expert assistance/activities", 1, 2},
				{"partner_area/Albania/Information exchange~1situational awareness/states", 0, 1},
				{"partner_area/Albania/Information exchange~1situational awareness/activities", 0, 1},
				{"partner_type/Albania/Expert assistance/activities", 1, 2},
				{"area_type/Information exchange~1situational awareness/Expert assistance/states", 0, 1},
				{"area_type/Information exchange~1situational awareness/Expert assistance/activities", 0, 1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustCompare(t, base(t), tt.new)
			if !r.Changed() {
				t.Error("Changed() = false, want true")
			}
			for _, l := range []struct {
				name      string
				got, want []string
			}{{"StatesJoined", r.StatesJoined, tt.joined}, {"StatesLeft", r.StatesLeft, tt.left},
				{"BecameActive", r.BecameActive, tt.becameActive}, {"BecameInactive", r.BecameInactive, tt.inactive}} {
				if !slices.Equal(l.got, l.want) {
					t.Errorf("%s = %q, want %q", l.name, l.got, l.want)
				}
			}
			if !reflect.DeepEqual(r.Changes, tt.want) {
				t.Errorf("Changes:\n got %v\nwant %v", r.Changes, tt.want)
			}
		})
	}
}

func TestDiff(t *testing.T) {
	for _, tt := range []struct {
		c    compare.Change
		want int
	}{{compare.Change{Old: 13, New: 12}, -1}, {compare.Change{Old: 0, New: 3}, 3}, {compare.Change{Old: 5, New: 5}, 0}} {
		if got := tt.c.Diff(); got != tt.want {
			t.Errorf("%+v.Diff() = %d, want %d", tt.c, got, tt.want)
		}
	}
}

func TestDifferentSurveysFail(t *testing.T) {
	swap := func(l []string) []string {
		l = slices.Clone(l)
		l[0], l[1] = l[1], l[0]
		return l
	}
	tests := []struct {
		name   string
		change func(a *tally.Analysis)
		want   string
	}{
		{"other partners", func(a *tally.Analysis) { a.Partners = append(slices.Clone(a.Partners), "Turkey") }, "partners"},
		{"partners in another order", func(a *tally.Analysis) { a.Partners = swap(a.Partners) }, "partners"},
		{"other areas", func(a *tally.Analysis) { a.Areas = a.Areas[:3] }, "areas"},
		{"a renamed type", func(a *tally.Analysis) {
			a.Types = slices.Clone(a.Types)
			a.Types[2] = "Equipment donation"
		}, "types"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			other := base(t)
			tt.change(other)
			for _, pair := range [][2]*tally.Analysis{{base(t), other}, {other, base(t)}} {
				_, err := compare.Compare(pair[0], pair[1])
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("Compare error = %v, want one about %s", err, tt.want)
				}
			}
		})
	}
	if _, err := compare.Compare(nil, base(t)); err == nil {
		t.Error("Compare(nil, a) succeeded")
	}
	malformed := base(t)
	malformed.AreaType = malformed.AreaType[:2]
	if _, err := compare.Compare(base(t), malformed); err == nil {
		t.Error("Compare with a truncated cross-tabulation succeeded")
	}
}

// section ranks the sections of Changes in the specified order.
var section = map[string]int{"respondents": 0, "active_states": 0, "nil_replies": 0, "activities": 0,
	"partner": 1, "area": 2, "type": 3, "partner_area": 4, "partner_type": 5, "area_type": 6}

// position is where a figure belongs: its section, its labels' places in the questionnaire and
// its measure (states before activities).
func position(t *testing.T, s *survey.Schema, figure string) []int {
	t.Helper()
	parts := compare.SplitPath(figure)
	sec, ok := section[parts[0]]
	if !ok {
		t.Fatalf("figure %q: unknown section", figure)
	}
	if sec == 0 {
		return []int{0, slices.Index([]string{"respondents", "active_states", "nil_replies", "activities"}, parts[0])}
	}
	keys := map[string][]survey.Key{"partner": {survey.Partner}, "area": {survey.Area}, "type": {survey.Type},
		"partner_area": {survey.Partner, survey.Area}, "partner_type": {survey.Partner, survey.Type},
		"area_type": {survey.Area, survey.Type}}[parts[0]]
	if len(parts) != len(keys)+2 {
		t.Fatalf("figure %q: %d segments, want %d", figure, len(parts), len(keys)+2)
	}
	pos := []int{sec}
	for i, k := range keys {
		j := slices.Index(s.Labels(k), parts[1+i])
		if j < 0 {
			t.Fatalf("figure %q: unknown %v %q", figure, k, parts[1+i])
		}
		pos = append(pos, j)
	}
	return append(pos, slices.Index([]string{"states", "activities"}, parts[len(parts)-1]))
}

func TestChangesOrder(t *testing.T) {
	s := survey.Builtin()
	// Everything moves: every state replies in both, with different activities everywhere.
	var oldActs, newActs []act
	for i, p := range s.Labels(survey.Partner) {
		for j, a := range s.Labels(survey.Area) {
			for k, ty := range s.Labels(survey.Type) {
				if (i+j+k)%2 == 0 {
					oldActs = append(oldActs, act{"Austria", p, a, ty})
				} else {
					newActs = append(newActs, act{"Belgium", p, a, ty}, act{"Belgium", p, a, ty})
				}
			}
		}
	}
	states := []string{"Austria", "Belgium"}
	old, new := analysis(t, states, oldActs...), analysis(t, states, newActs...)
	r := mustCompare(t, old, new)
	if again := mustCompare(t, old, new); !reflect.DeepEqual(r, again) {
		t.Fatal("two comparisons of the same analyses differ")
	}
	var prev []int
	seen := map[string]bool{}
	for _, c := range r.Changes {
		if seen[c.Figure] {
			t.Errorf("figure %q listed twice", c.Figure)
		}
		seen[c.Figure] = true
		pos := position(t, s, c.Figure)
		if prev != nil && slices.Compare(prev, pos) >= 0 {
			t.Errorf("figure %q (%v) comes after %v", c.Figure, pos, prev)
		}
		prev = pos
	}
	for _, sec := range []string{"partner/", "area/", "type/", "partner_area/", "partner_type/", "area_type/"} {
		if !slices.ContainsFunc(r.Changes, func(c compare.Change) bool { return strings.HasPrefix(c.Figure, sec) }) {
			t.Errorf("no change in section %s", sec)
		}
	}
}

func TestPath(t *testing.T) {
	tests := []struct {
		segments []string
		want     string
	}{
		{[]string{"partner", "Serbia", "states"}, "partner/Serbia/states"},
		{[]string{"area", "Information exchange/situational awareness", "states"}, "area/Information exchange~1situational awareness/states"},
		{[]string{"area", "a~1b", "activities"}, "area/a~01b/activities"},
		{[]string{"respondents"}, "respondents"},
	}
	for _, tt := range tests {
		got := compare.Path(tt.segments...)
		if got != tt.want {
			t.Errorf("Path(%q) = %q, want %q", tt.segments, got, tt.want)
		}
		if back := compare.SplitPath(got); !slices.Equal(back, tt.segments) {
			t.Errorf("SplitPath(%q) = %q, want %q", got, back, tt.segments)
		}
	}
}
