package percent

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestExact(t *testing.T) {
	tests := []struct {
		name        string
		count, base int
		want        float64
	}{
		{"zero base is zero, not NaN or Inf", 5, 0, 0},
		{"zero count", 0, 7, 0},
		{"whole", 228, 228, 100},
		{"quarter", 57, 228, 25},
		{"one eighth keeps its half", 1, 8, 12.5},
		{"third is not rounded", 1, 3, 100.0 / 3},
		{"more than the base", 3, 2, 150},
		{"negative count", -1, 4, -25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Exact(tt.count, tt.base); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("Exact(%d, %d) = %v, want %v", tt.count, tt.base, got, tt.want)
			}
		})
	}
}

func TestRound(t *testing.T) {
	tests := []struct {
		name                  string
		count, base, decimals int
		want                  Units
	}{
		{"zero base", 1, 0, 0, 0},
		{"zero base with decimals", 1, 0, 2, 0},
		{"zero count", 0, 9, 1, 0},
		{"whole at 0 decimals", 228, 228, 0, 100},
		{"whole at 1 decimal", 228, 228, 1, 1000},
		{"whole at 2 decimals", 228, 228, 2, 10000},
		{"12.5 rounds half up to 13", 1, 8, 0, 13},
		{"37.5 rounds half up to 38", 3, 8, 0, 38},
		{"12.5 at 1 decimal is exact", 1, 8, 1, 125},
		{"0.5 rounds up to 1", 1, 200, 0, 1},
		{"just under 0.5 rounds down", 1, 201, 0, 0},
		{"33.33 at 1 decimal", 1, 3, 1, 333},
		{"66.67 at 0 decimals", 2, 3, 0, 67},
		{"66.667 at 2 decimals", 2, 3, 2, 6667},
		{"6.14 rounds down", 14, 228, 0, 6},
		{"7.89 rounds up", 18, 228, 0, 8},
		{"24.12 at 1 decimal", 55, 228, 1, 241},
		{"0.125 at 2 decimals rounds half up", 1, 800, 2, 13},
		{"-12.5 rounds away from zero", -1, 8, 0, -13},
		{"-0.4975 rounds to zero", -1, 201, 0, 0},
		{"more than the base", 3, 2, 0, 150},
		// MaxInt x 10000 overflows int64: only exact arithmetic gets this right.
		{"count too large to scale in int64", math.MaxInt, math.MaxInt, 2, 10000},
		{"half of a huge base", math.MaxInt / 2, math.MaxInt - 1, 0, 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Round(tt.count, tt.base, tt.decimals); got != tt.want {
				t.Errorf("Round(%d, %d, %d) = %d, want %d", tt.count, tt.base, tt.decimals, got, tt.want)
			}
		})
	}
}

func TestLargestRemainder(t *testing.T) {
	tests := []struct {
		name           string
		counts         []int
		base, decimals int
		want           []Units
	}{
		// The three columns of note 7896/20 (228 activities), as the note prints them.
		{"note 7896/20 activities per area", []int{14, 18, 73, 16, 50, 5, 9, 43}, 228, 0,
			[]Units{6, 8, 32, 7, 22, 2, 4, 19}},
		{"note 7896/20 activities per partner", []int{37, 37, 20, 27, 52, 55}, 228, 0,
			[]Units{16, 16, 9, 12, 23, 24}},
		{"note 7896/20 activities per type", []int{39, 153, 36}, 228, 0,
			[]Units{17, 67, 16}},

		// Naive rounding gives 33+33+33 = 99; the missing unit goes to the earliest tie.
		{"three equal thirds", []int{1, 1, 1}, 3, 0, []Units{34, 33, 33}},
		{"three equal thirds at 1 decimal", []int{1, 1, 1}, 3, 1, []Units{334, 333, 333}},
		{"three equal thirds at 2 decimals", []int{1, 1, 1}, 3, 2, []Units{3334, 3333, 3333}},
		// Naive rounding gives 7 x 14 = 98.
		{"seven equal sevenths", []int{1, 1, 1, 1, 1, 1, 1}, 7, 0, []Units{15, 15, 14, 14, 14, 14, 14}},
		// Naive rounding gives 29+29+29+14 = 101.
		{"naive sum of 101", []int{2, 2, 2, 1}, 7, 0, []Units{29, 29, 28, 14}},
		// Naive rounding gives 3 x 13 + 63 = 102; all remainders tie, so the larger count goes
		// first, then the earlier position.
		{"equal remainders favour the larger count", []int{1, 1, 1, 5}, 8, 0, []Units{13, 12, 12, 63}},
		{"exact shares are left alone", []int{1, 1, 2}, 4, 0, []Units{25, 25, 50}},
		{"exact shares at 1 decimal", []int{1, 7}, 8, 1, []Units{125, 875}},
		{"one share takes everything", []int{0, 5, 0}, 5, 0, []Units{0, 100, 0}},
		{"at 1 decimal", []int{14, 18, 73, 16, 50, 5, 9, 43}, 228, 1,
			[]Units{61, 79, 320, 70, 219, 22, 40, 189}},

		// A partial column (here 2 of 3) adds up to its own rounded share, 67, not to 100.
		{"partial column", []int{1, 1}, 3, 0, []Units{34, 33}},
		{"partial column of one half share", []int{1}, 8, 0, []Units{13}},
		{"partial column at 1 decimal", []int{1, 1}, 3, 1, []Units{334, 333}},

		{"zero base", []int{1, 2, 3}, 0, 0, []Units{0, 0, 0}},
		{"negative base", []int{1, 2, 3}, -6, 1, []Units{0, 0, 0}},
		{"all zero counts", []int{0, 0}, 5, 0, []Units{0, 0}},
		{"no counts", []int{}, 5, 0, []Units{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LargestRemainder(tt.counts, tt.base, tt.decimals)
			if !slices.Equal(got, tt.want) {
				t.Errorf("LargestRemainder(%v, %d, %d) = %v, want %v", tt.counts, tt.base, tt.decimals, got, tt.want)
			}
		})
	}
}

// TestLargestRemainderDoesNotModifyCounts guards the caller's slice: the ranking sorts a copy.
func TestLargestRemainderDoesNotModifyCounts(t *testing.T) {
	counts := []int{43, 5, 73, 9}
	orig := slices.Clone(counts)
	LargestRemainder(counts, 130, 1)
	if !slices.Equal(counts, orig) {
		t.Errorf("counts changed from %v to %v", orig, counts)
	}
}

// TestLargestRemainderProperties checks on random full columns that the shares add up to exactly
// 100% and that each share is its exact value rounded down or up, never further off.
func TestLargestRemainderProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7896, 20))
	for iter := range 2000 {
		n := 1 + rng.IntN(12)
		counts := make([]int, n)
		base := 0
		for i := range counts {
			// Some zeros, some small, some large counts.
			switch rng.IntN(4) {
			case 0:
				counts[i] = 0
			case 1:
				counts[i] = rng.IntN(5)
			default:
				counts[i] = rng.IntN(500)
			}
			base += counts[i]
		}
		if base == 0 {
			continue
		}
		for decimals := range 3 {
			got := LargestRemainder(counts, base, decimals)
			scale := int64(100)
			for range decimals {
				scale *= 10
			}
			var sum int64
			for i, u := range got {
				sum += u
				floor := int64(counts[i]) * scale / int64(base)
				exact := int64(counts[i])*scale%int64(base) == 0
				if u < floor || u > floor+1 || (exact && u != floor) {
					t.Fatalf("iter %d: LargestRemainder(%v, %d, %d)[%d] = %d, exact share is %d + %d/%d",
						iter, counts, base, decimals, i, u, floor, int64(counts[i])*scale%int64(base), base)
				}
			}
			if sum != scale {
				t.Fatalf("iter %d: LargestRemainder(%v, %d, %d) = %v sums to %d, want %d",
					iter, counts, base, decimals, got, sum, scale)
			}
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		u        Units
		decimals int
		want     string
	}{
		{241, 1, "24.1"},
		{5, 1, "0.5"},
		{-5, 1, "-0.5"},
		{7, 0, "7"},
		{-7, 0, "-7"},
		{100, 2, "1.00"},
		{0, 0, "0"},
		{0, 1, "0.0"},
		{0, 2, "0.00"},
		{1000, 1, "100.0"},
		{10000, 2, "100.00"},
		{3, 2, "0.03"},
		{-241, 2, "-2.41"},
		{-1005, 2, "-10.05"},
	}
	for _, tt := range tests {
		if got := Format(tt.u, tt.decimals); got != tt.want {
			t.Errorf("Format(%d, %d) = %q, want %q", tt.u, tt.decimals, got, tt.want)
		}
	}
}

func TestFloat(t *testing.T) {
	tests := []struct {
		u        Units
		decimals int
		want     float64
	}{
		{241, 1, 24.1},
		{7, 0, 7},
		{100, 2, 1},
		{-5, 1, -0.5},
		{3333, 2, 33.33},
		{0, 2, 0},
	}
	for _, tt := range tests {
		if got := Float(tt.u, tt.decimals); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Float(%d, %d) = %v, want %v", tt.u, tt.decimals, got, tt.want)
		}
	}
}

// TestRoundAgreesWithFormat ties the two halves together: a rounded share prints as the note
// prints it.
func TestRoundAgreesWithFormat(t *testing.T) {
	tests := []struct {
		count, base, decimals int
		want                  string
	}{
		{55, 228, 1, "24.1"},
		{1, 8, 0, "13"},
		{1, 3, 2, "33.33"},
		{228, 228, 1, "100.0"},
	}
	for _, tt := range tests {
		if got := Format(Round(tt.count, tt.base, tt.decimals), tt.decimals); got != tt.want {
			t.Errorf("Format(Round(%d, %d, %d)) = %q, want %q", tt.count, tt.base, tt.decimals, got, tt.want)
		}
	}
}
