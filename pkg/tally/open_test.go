package tally

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// A counter that learns its categories while counting (open lists: Extend as each new one
// comes, then Reorder once done) gives the analysis of a counter that knew them all from the
// start, in the final order, whatever order they came in; merged per-file counters extended
// alike give it too.
func TestLearntCategoriesCountAsKnownOnes(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 20))
	for iter := range 60 {
		nS, nP, nA, nT := 1+rng.IntN(70), 1+rng.IntN(6), 1+rng.IntN(12), 1+rng.IntN(9)
		// The final labels, sorted; the categories come in a random order.
		ps, as, ts := labels("P", nP), labels("A", nA), labels("T", nT)
		type act struct {
			s       string
			p, a, t int
		}
		var acts []act
		for range 1 + rng.IntN(400) {
			acts = append(acts, act{strings.Repeat("s", 1+rng.IntN(nS)), rng.IntN(nP), rng.IntN(nA), rng.IntN(nT)})
		}
		known := NewCounter(ps, as, ts)
		for _, x := range acts {
			if err := known.Add(x.s, x.p, x.a, x.t); err != nil {
				t.Fatal(err)
			}
		}
		// Start with some categories listed (a schema's values), learn the rest.
		listed := [3]int{rng.IntN(nP + 1), rng.IntN(nA + 1), rng.IntN(nT + 1)}
		all, part := NewCounter(ps[:listed[0]], as[:listed[1]], ts[:listed[2]]), NewCounter(ps[:listed[0]], as[:listed[1]], ts[:listed[2]])
		learnt := [3][]int{} // learnt index -> final index
		for d := range 3 {
			for i := range listed[d] {
				learnt[d] = append(learnt[d], i)
			}
		}
		idx := func(d, final int) int {
			if i := slices.Index(learnt[d], final); i >= 0 {
				return i
			}
			all.Extend(d, "new")
			part.Extend(d, "new")
			learnt[d] = append(learnt[d], final)
			return len(learnt[d]) - 1
		}
		for i, x := range acts {
			p, a, ty := idx(DimPartner, x.p), idx(DimArea, x.a), idx(DimType, x.t)
			if err := part.Add(x.s, p, a, ty); err != nil {
				t.Fatal(err)
			}
			if i%50 == 49 { // a file ends
				if err := all.Merge(part); err != nil {
					t.Fatal(err)
				}
				part.Reset()
			}
		}
		if err := all.Merge(part); err != nil {
			t.Fatal(err)
		}
		for d, want := range [3][]string{ps, as, ts} {
			// Categories never seen are learnt at the end, as a reader lists them.
			for final := range want {
				idx(d, final)
			}
			order := make([]int, len(want))
			for i, final := range learnt[d] {
				order[final] = i
			}
			if err := all.Reorder(d, order, want); err != nil {
				t.Fatal(err)
			}
		}
		if got, want := all.Analysis(), known.Analysis(); !reflect.DeepEqual(got, want) {
			t.Fatalf("iter %d: learnt analysis\n%+v\nwant\n%+v", iter, got, want)
		}
	}
}

func TestReorderRefusesABadOrder(t *testing.T) {
	c := NewCounter(labels("P", 2), labels("A", 2), labels("T", 2))
	for _, order := range [][]int{{0}, {0, 0}, {0, 2}} {
		if err := c.Reorder(DimArea, order, []string{"a", "b"}[:len(order)]); err == nil {
			t.Errorf("order %v accepted", order)
		}
	}
}
