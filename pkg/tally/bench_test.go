package tally

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkCount counts a million random activities over the note's dimensions: 27 Member
// States, 6 partners, 8 areas and 3 types. The input is built once, outside the timed loop.
func BenchmarkCount(b *testing.B) {
	const (
		nStates, nPartners, nAreas, nTypes = 27, 6, 8, 3
		nActivities                        = 1_000_000
	)
	rng := rand.New(rand.NewPCG(7896, 2020))
	in := Input{
		States:     labels("S", nStates),
		Partners:   labels("P", nPartners),
		Areas:      labels("A", nAreas),
		Types:      labels("T", nTypes),
		Activities: make([]Activity, nActivities),
	}
	for i := range in.Activities {
		in.Activities[i] = Activity{rng.IntN(nStates), rng.IntN(nPartners), rng.IntN(nAreas), rng.IntN(nTypes)}
	}
	b.ReportAllocs()
	for b.Loop() {
		a, err := Count(in)
		if err != nil {
			b.Fatal(err)
		}
		if a.Activities != nActivities {
			b.Fatalf("Activities = %d, want %d", a.Activities, nActivities)
		}
	}
}
