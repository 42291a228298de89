package tally

import (
	"slices"
	"testing"
)

func TestOrder(t *testing.T) {
	tests := []struct {
		name  string
		cells []Cell
		by    Measure
		want  []int
	}{
		{"empty", nil, ByStates, []int{}},
		{"single", []Cell{{1, 1}}, ByActivities, []int{0}},
		{"by states, largest first", []Cell{{1, 1}, {3, 3}, {2, 2}}, ByStates, []int{1, 2, 0}},
		{"by activities, largest first", []Cell{{1, 1}, {3, 3}, {2, 2}}, ByActivities, []int{1, 2, 0}},
		// The primary measure wins even against a larger secondary one.
		{"by states ignores more activities", []Cell{{1, 9}, {2, 2}}, ByStates, []int{1, 0}},
		{"by activities ignores more states", []Cell{{3, 3}, {1, 4}}, ByActivities, []int{1, 0}},
		// Ties on the primary measure go to the larger secondary one.
		{"by states tie broken by activities", []Cell{{2, 1}, {2, 9}}, ByStates, []int{1, 0}},
		{"by activities tie broken by states", []Cell{{1, 4}, {3, 4}}, ByActivities, []int{1, 0}},
		// Full ties keep questionnaire order.
		{"full ties keep index order", []Cell{{2, 5}, {2, 5}, {2, 5}}, ByStates, []int{0, 1, 2}},
		{"mixed by states", []Cell{{2, 5}, {3, 1}, {2, 7}, {0, 0}, {2, 5}, {3, 1}}, ByStates,
			[]int{1, 5, 2, 0, 4, 3}},
		{"mixed by activities", []Cell{{2, 5}, {3, 1}, {2, 7}, {0, 0}, {2, 5}, {3, 1}}, ByActivities,
			[]int{2, 0, 4, 1, 5, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Order(tt.cells, tt.by); !slices.Equal(got, tt.want) {
				t.Errorf("Order(%v, %v) = %v, want %v", tt.cells, tt.by, got, tt.want)
			}
		})
	}
}

// rankInput gives area 0 a ranking with every kind of tie; area 1 has one partner only, and
// North Macedonia (the busiest partner overall) is active in area 1 alone.
func rankInput() Input {
	const (
		serbia, albania, montenegro, kosovo, northMacedonia, bosnia = 0, 1, 2, 3, 4, 5
	)
	acts := []Activity{
		// Montenegro, area 0: 2 states, 3 activities.
		{0, montenegro, 0, 0}, {0, montenegro, 0, 1}, {1, montenegro, 0, 0},
		// Kosovo*, area 0: 2 states, 2 activities.
		{0, kosovo, 0, 0}, {2, kosovo, 0, 2},
		// Bosnia, area 0: 1 state, 5 activities: more activities than Kosovo*, fewer states.
		{0, bosnia, 0, 0}, {0, bosnia, 0, 0}, {0, bosnia, 0, 1}, {0, bosnia, 0, 2}, {0, bosnia, 0, 2},
		// Serbia and Albania, area 0: 1 state, 1 activity each; Albania comes first by label
		// although Serbia comes first in questionnaire order.
		{1, serbia, 0, 0},
		{2, albania, 0, 0},
		// North Macedonia, area 1 only: 3 states, 7 activities.
		{0, northMacedonia, 1, 0}, {1, northMacedonia, 1, 0},
		{2, northMacedonia, 1, 0}, {2, northMacedonia, 1, 1}, {2, northMacedonia, 1, 1},
		{2, northMacedonia, 1, 2}, {2, northMacedonia, 1, 2},
	}
	return Input{
		States:     []string{"S0", "S1", "S2"},
		Partners:   []string{"Serbia", "Albania", "Montenegro", "Kosovo*", "North Macedonia", "Bosnia and Herzegovina"},
		Areas:      []string{"A0", "A1", "A2"},
		Types:      []string{"T0", "T1", "T2"},
		Activities: acts,
	}
}

func TestTopPartners(t *testing.T) {
	a, err := Count(rankInput())
	if err != nil {
		t.Fatalf("Count: %v", err)
	}
	area0 := []Ranked{
		{Index: 2, Label: "Montenegro", Cell: Cell{2, 3}},
		{Index: 3, Label: "Kosovo*", Cell: Cell{2, 2}},
		{Index: 5, Label: "Bosnia and Herzegovina", Cell: Cell{1, 5}},
		{Index: 1, Label: "Albania", Cell: Cell{1, 1}},
		{Index: 0, Label: "Serbia", Cell: Cell{1, 1}},
	}
	tests := []struct {
		name    string
		area, n int
		want    []Ranked
	}{
		{"all active partners, fewer than n", 0, 10, area0},
		{"exactly as many as active", 0, 5, area0},
		{"cut to n", 0, 3, area0[:3]},
		{"cut inside a tie keeps the alphabetical first", 0, 4, area0[:4]},
		{"n of zero", 0, 0, nil},
		{"one active partner", 1, 3, []Ranked{{Index: 4, Label: "North Macedonia", Cell: Cell{3, 7}}}},
		{"area with no activity", 2, 3, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := a.TopPartners(tt.area, tt.n)
			if len(got) != len(tt.want) || (len(got) > 0 && !slices.Equal(got, tt.want)) {
				t.Errorf("TopPartners(%d, %d) =\n\t%+v\nwant\n\t%+v", tt.area, tt.n, got, tt.want)
			}
		})
	}
}
