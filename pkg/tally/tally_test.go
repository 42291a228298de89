package tally

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// handInput is small enough to count on paper; the expected values in TestCount were worked out
// by hand from this list. Activities of different states are interleaved on purpose, and Malta
// replied without any activity.
func handInput() Input {
	const (
		germany, austria, croatia = 0, 1, 2
		p0, p1                    = 0, 1
		a0, a1                    = 0, 1
		t0, t1                    = 0, 1
	)
	return Input{
		States:   []string{"Germany", "Austria", "Croatia", "Malta"},
		Partners: []string{"P0", "P1", "P2"},
		Areas:    []string{"A0", "A1"},
		Types:    []string{"T0", "T1"},
		Activities: []Activity{
			{germany, p0, a0, t0},
			{croatia, p1, a0, t0},
			{germany, p0, a0, t0},
			{austria, p0, a0, t1},
			{germany, p0, a1, t1},
			{austria, p1, a1, t0},
			{croatia, p1, a0, t0},
			{germany, p0, a0, t0},
		},
	}
}

func TestCount(t *testing.T) {
	a, err := Count(handInput())
	if err != nil {
		t.Fatalf("Count: %v", err)
	}

	totals := []struct {
		name      string
		got, want int
	}{
		{"Respondents", a.Respondents, 4},
		{"ActiveStates", a.ActiveStates, 3},
		{"Activities", a.Activities, 8},
		{"NilReplies", a.NilReplies(), 1},
	}
	for _, tt := range totals {
		if tt.got != tt.want {
			t.Errorf("%s = %d, want %d", tt.name, tt.got, tt.want)
		}
	}

	z := Cell{}
	cells := []struct {
		name      string
		got, want any
	}{
		// Germany's 3 activities in P0/A0/T0 count once as a state; P0 and A0 count Germany once
		// although it is active in both of P0's areas and with several activities in A0.
		{"Partner", a.Partner, []Cell{{2, 5}, {2, 3}, z}},
		{"Area", a.Area, []Cell{{3, 6}, {2, 2}}},
		{"Type", a.Type, []Cell{{3, 6}, {2, 2}}},
		{"PartnerArea", a.PartnerArea, [][]Cell{
			{{2, 4}, {1, 1}},
			{{1, 2}, {1, 1}},
			{z, z},
		}},
		{"PartnerType", a.PartnerType, [][]Cell{
			{{1, 3}, {2, 2}},
			{{2, 3}, z},
			{z, z},
		}},
		{"AreaType", a.AreaType, [][]Cell{
			{{2, 5}, {1, 1}},
			{{1, 1}, {1, 1}},
		}},
		{"PartnerAreaType", a.PartnerAreaType, [][][]Cell{
			{{{1, 3}, {1, 1}}, {z, {1, 1}}},
			{{{1, 2}, z}, {{1, 1}, z}},
			{{z, z}, {z, z}},
		}},
		{"ByState", a.ByState, []StateCounts{
			{State: "Austria", Activities: 2, Partner: []int{1, 1, 0}, Area: []int{1, 1}, Type: []int{1, 1}},
			{State: "Croatia", Activities: 2, Partner: []int{0, 2, 0}, Area: []int{2, 0}, Type: []int{2, 0}},
			{State: "Germany", Activities: 4, Partner: []int{4, 0, 0}, Area: []int{3, 1}, Type: []int{3, 1}},
			{State: "Malta", Activities: 0, Partner: []int{0, 0, 0}, Area: []int{0, 0}, Type: []int{0, 0}},
		}},
	}
	for _, tt := range cells {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s =\n\t%v\nwant\n\t%v", tt.name, tt.got, tt.want)
		}
	}
}

// TestCountKeepsLabels checks that the analysis carries the input's labels in input order, so
// that renderers can index them with the tallies; only ByState is re-sorted.
func TestCountKeepsLabels(t *testing.T) {
	in := handInput()
	a, err := Count(in)
	if err != nil {
		t.Fatalf("Count: %v", err)
	}
	for _, tt := range []struct {
		name      string
		got, want []string
	}{
		{"States", a.States, []string{"Germany", "Austria", "Croatia", "Malta"}},
		{"Partners", a.Partners, []string{"P0", "P1", "P2"}},
		{"Areas", a.Areas, []string{"A0", "A1"}},
		{"Types", a.Types, []string{"T0", "T1"}},
	} {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestCountOneStateManyActivitiesInOneCell(t *testing.T) {
	in := Input{
		States:   []string{"Only"},
		Partners: []string{"P"},
		Areas:    []string{"A"},
		Types:    []string{"T"},
		Activities: []Activity{
			{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0},
		},
	}
	a, err := Count(in)
	if err != nil {
		t.Fatalf("Count: %v", err)
	}
	want := Cell{States: 1, Activities: 3}
	for name, got := range map[string]Cell{
		"Partner":         a.Partner[0],
		"Area":            a.Area[0],
		"Type":            a.Type[0],
		"PartnerArea":     a.PartnerArea[0][0],
		"PartnerType":     a.PartnerType[0][0],
		"AreaType":        a.AreaType[0][0],
		"PartnerAreaType": a.PartnerAreaType[0][0][0],
	} {
		if got != want {
			t.Errorf("%s = %+v, want %+v", name, got, want)
		}
	}
}

func TestCountNoActivities(t *testing.T) {
	in := Input{
		States:   []string{"Sweden", "Austria"},
		Partners: []string{"P0", "P1"},
		Areas:    []string{"A0", "A1", "A2"},
		Types:    []string{"T0"},
	}
	a, err := Count(in)
	if err != nil {
		t.Fatalf("Count: %v", err)
	}
	// Both replied, neither is active: they are respondents and nil replies.
	if a.Respondents != 2 || a.ActiveStates != 0 || a.Activities != 0 || a.NilReplies() != 2 {
		t.Errorf("Respondents, ActiveStates, Activities, NilReplies = %d, %d, %d, %d; want 2, 0, 0, 2",
			a.Respondents, a.ActiveStates, a.Activities, a.NilReplies())
	}
	// Every cross-tab still has its full shape, filled with zeros.
	if len(a.PartnerArea) != 2 || len(a.PartnerArea[0]) != 3 || len(a.PartnerArea[1]) != 3 {
		t.Errorf("PartnerArea has shape %d rows, want 2 x 3: %v", len(a.PartnerArea), a.PartnerArea)
	}
	if len(a.PartnerAreaType) != 2 || len(a.PartnerAreaType[1]) != 3 || len(a.PartnerAreaType[1][2]) != 1 {
		t.Errorf("PartnerAreaType has the wrong shape: %v", a.PartnerAreaType)
	}
	for _, row := range a.PartnerArea {
		for _, c := range row {
			if c != (Cell{}) {
				t.Errorf("PartnerArea has a non-zero cell %+v", c)
			}
		}
	}
	wantByState := []string{"Austria", "Sweden"}
	var gotByState []string
	for _, sc := range a.ByState {
		gotByState = append(gotByState, sc.State)
		if sc.Activities != 0 {
			t.Errorf("ByState %s has %d activities, want 0", sc.State, sc.Activities)
		}
	}
	if !slices.Equal(gotByState, wantByState) {
		t.Errorf("ByState order = %v, want %v", gotByState, wantByState)
	}
}

func TestCountEmptyInput(t *testing.T) {
	a, err := Count(Input{})
	if err != nil {
		t.Fatalf("Count(Input{}): %v", err)
	}
	if a.Respondents != 0 || a.ActiveStates != 0 || a.Activities != 0 || a.NilReplies() != 0 {
		t.Errorf("totals = %d, %d, %d, nil %d; want all 0", a.Respondents, a.ActiveStates, a.Activities, a.NilReplies())
	}
	if len(a.Partner)+len(a.Area)+len(a.Type)+len(a.PartnerArea)+len(a.PartnerAreaType)+len(a.ByState) != 0 {
		t.Errorf("empty input gave non-empty tallies: %+v", a)
	}
}

func TestCountOutOfRange(t *testing.T) {
	base := Input{
		States:   []string{"S0", "S1"},
		Partners: []string{"P0", "P1", "P2"},
		Areas:    []string{"A0"},
		Types:    []string{"T0", "T1"},
	}
	tests := []struct {
		name string
		act  Activity
	}{
		{"negative state", Activity{-1, 0, 0, 0}},
		{"state past the end", Activity{2, 0, 0, 0}},
		{"negative partner", Activity{0, -1, 0, 0}},
		{"partner past the end", Activity{0, 3, 0, 0}},
		{"negative area", Activity{0, 0, -1, 0}},
		{"area past the end", Activity{0, 0, 1, 0}},
		{"negative type", Activity{0, 0, 0, -1}},
		{"type past the end", Activity{0, 0, 0, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			// The bad activity comes after a good one: the error must name its position.
			in.Activities = []Activity{{1, 2, 0, 1}, tt.act}
			a, err := Count(in)
			if err == nil {
				t.Fatalf("Count accepted %+v, want an error", tt.act)
			}
			if a != nil {
				t.Errorf("Count returned an analysis with its error: %+v", a)
			}
			if !strings.Contains(err.Error(), "activity 1") {
				t.Errorf("error %q does not name activity 1", err)
			}
		})
	}

	t.Run("last valid indices are accepted", func(t *testing.T) {
		in := base
		in.Activities = []Activity{{1, 2, 0, 1}}
		if _, err := Count(in); err != nil {
			t.Errorf("Count: %v", err)
		}
	})
}

// TestCountMatchesNaiveCount compares Count on random inputs with a direct count that keeps a
// set of states per cell: slow, but obviously right.
func TestCountMatchesNaiveCount(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := range 200 {
		nS, nP, nA, nT := 1+rng.IntN(6), 1+rng.IntN(4), 1+rng.IntN(4), 1+rng.IntN(3)
		in := Input{
			States:   labels("S", nS),
			Partners: labels("P", nP),
			Areas:    labels("A", nA),
			Types:    labels("T", nT),
		}
		for range rng.IntN(40) {
			in.Activities = append(in.Activities, Activity{rng.IntN(nS), rng.IntN(nP), rng.IntN(nA), rng.IntN(nT)})
		}
		a, err := Count(in)
		if err != nil {
			t.Fatalf("iter %d: Count: %v", iter, err)
		}

		type key struct{ p, a, t int } // -1 means "any"
		states := map[key]map[int]bool{}
		acts := map[key]int{}
		active := map[int]bool{}
		for _, act := range in.Activities {
			active[act.State] = true
			for _, k := range []key{
				{act.Partner, -1, -1}, {-1, act.Area, -1}, {-1, -1, act.Type},
				{act.Partner, act.Area, -1}, {act.Partner, -1, act.Type}, {-1, act.Area, act.Type},
				{act.Partner, act.Area, act.Type},
			} {
				if states[k] == nil {
					states[k] = map[int]bool{}
				}
				states[k][act.State] = true
				acts[k]++
			}
		}
		want := func(k key) Cell { return Cell{States: len(states[k]), Activities: acts[k]} }
		check := func(name string, got Cell, k key) {
			if w := want(k); got != w {
				t.Fatalf("iter %d: %s%v = %+v, want %+v (input %+v)", iter, name, k, got, w, in)
			}
		}

		if a.ActiveStates != len(active) {
			t.Fatalf("iter %d: ActiveStates = %d, want %d", iter, a.ActiveStates, len(active))
		}
		for p := range nP {
			check("Partner", a.Partner[p], key{p, -1, -1})
			for ar := range nA {
				check("PartnerArea", a.PartnerArea[p][ar], key{p, ar, -1})
				for ty := range nT {
					check("PartnerAreaType", a.PartnerAreaType[p][ar][ty], key{p, ar, ty})
				}
			}
			for ty := range nT {
				check("PartnerType", a.PartnerType[p][ty], key{p, -1, ty})
			}
		}
		for ar := range nA {
			check("Area", a.Area[ar], key{-1, ar, -1})
			for ty := range nT {
				check("AreaType", a.AreaType[ar][ty], key{-1, ar, ty})
			}
		}
		for ty := range nT {
			check("Type", a.Type[ty], key{-1, -1, ty})
		}
	}
}

func labels(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + string(rune('a'+i))
	}
	return out
}

// TestMergeEqualsOneCount counts random activities split into parts (as a reader counts each file
// into its own counter, reusing it) and merges the parts: the analysis is the one counter's that
// counts everything, respondents in the same order, with more than 64 states so that the
// bitsets' later words are remapped too.
func TestMergeEqualsOneCount(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for iter := range 100 {
		nS, nP, nA, nT := 1+rng.IntN(150), 1+rng.IntN(4), 1+rng.IntN(4), 1+rng.IntN(3)
		ps, as, ts := labels("P", nP), labels("A", nA), labels("T", nT)
		states := make([]string, nS)
		for i := range states {
			states[i] = "S" + strings.Repeat("x", i)
		}
		whole, merged, part := NewCounter(ps, as, ts), NewCounter(ps, as, ts), NewCounter(ps, as, ts)
		for range 1 + rng.IntN(5) {
			for range rng.IntN(300) {
				s := states[rng.IntN(nS)]
				if rng.IntN(10) == 0 {
					whole.Respond(s)
					part.Respond(s)
					continue
				}
				p, a, ty := rng.IntN(nP), rng.IntN(nA), rng.IntN(nT)
				if err := whole.Add(s, p, a, ty); err != nil {
					t.Fatal(err)
				}
				if err := part.Add(s, p, a, ty); err != nil {
					t.Fatal(err)
				}
			}
			if err := merged.Merge(part); err != nil {
				t.Fatal(err)
			}
			part.Reset()
		}
		if got, want := merged.Analysis(), whole.Analysis(); !reflect.DeepEqual(got, want) {
			t.Fatalf("iter %d: merged analysis\n%+v\nwant\n%+v", iter, got, want)
		}
	}
}

func TestMergeRefusesOtherLabels(t *testing.T) {
	c := NewCounter(labels("P", 2), labels("A", 2), labels("T", 2))
	if err := c.Merge(NewCounter(labels("P", 2), labels("A", 3), labels("T", 2))); err == nil {
		t.Error("counters of different shapes merged")
	}
}

// AddIndex counts what Add counts, given the index Respond returned, and refuses what is out of
// range, the state's index included.
func TestAddIndexEqualsAdd(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	ps, as, ts := labels("P", 3), labels("A", 4), labels("T", 2)
	byName, byIndex := NewCounter(ps, as, ts), NewCounter(ps, as, ts)
	states := labels("S", 70) // past one word of the per-cell bitsets
	for range 2000 {
		s, p, a, ty := states[rng.IntN(len(states))], rng.IntN(3), rng.IntN(4), rng.IntN(2)
		if err := byName.Add(s, p, a, ty); err != nil {
			t.Fatal(err)
		}
		if err := byIndex.AddIndex(byIndex.Respond(s), p, a, ty); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := byIndex.Analysis(), byName.Analysis(); !reflect.DeepEqual(got, want) {
		t.Fatalf("AddIndex analysis\n%+v\nwant\n%+v", got, want)
	}
	n := len(byIndex.States())
	for _, tc := range []struct {
		name        string
		s, p, a, ty int
	}{
		{"negative state", -1, 0, 0, 0},
		{"state not responded", n, 0, 0, 0},
		{"partner past the end", 0, 3, 0, 0},
		{"negative area", 0, 0, -1, 0},
		{"type past the end", 0, 0, 0, 2},
	} {
		if err := byIndex.AddIndex(tc.s, tc.p, tc.a, tc.ty); err == nil {
			t.Errorf("%s: AddIndex(%d, %d, %d, %d) accepted", tc.name, tc.s, tc.p, tc.a, tc.ty)
		}
	}
}
