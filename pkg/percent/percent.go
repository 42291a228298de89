// Package percent turns counts into shares as a note prints them: exact values for machines, and
// rounded values whose column adds up to exactly 100 for people.
package percent

import (
	"math/big"
	"sort"
	"strconv"
)

// Exact returns count as a percentage of base, unrounded; 0 when base is 0.
func Exact(count, base int) float64 {
	if base == 0 {
		return 0
	}
	return 100 * float64(count) / float64(base)
}

// Units are shares in steps of 10^-decimals percent: 241 at one decimal is 24.1%.
type Units = int64

// Round returns count as a percentage of base rounded half away from zero to the given number of
// decimals, in Units. It computes in integers so that 12.5 rounds to 13 on every machine.
func Round(count, base, decimals int) Units {
	if base == 0 {
		return 0
	}
	scale := pow10(decimals) * 100
	num := big.NewInt(int64(count))
	num.Mul(num, big.NewInt(scale))
	den := big.NewInt(int64(base))
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if new(big.Int).Mul(r.Abs(r), big.NewInt(2)).Cmp(den) >= 0 {
		if count < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q.Int64()
}

// LargestRemainder rounds the shares counts[i]/base to the given number of decimals so that they
// add up to exactly 100% when the counts add up to base (Hamilton's method): every share is
// first rounded down, then the units still missing go to the shares with the largest remainders.
// Ties go to the larger count, then to the earlier position, so the result never depends on
// anything but the input.
func LargestRemainder(counts []int, base, decimals int) []Units {
	out := make([]Units, len(counts))
	if base <= 0 {
		return out
	}
	scale := pow10(decimals) * 100
	type part struct {
		idx       int
		remainder int64 // numerator of the fractional part, over base
	}
	parts := make([]part, len(counts))
	var given, sum int64
	for i, c := range counts {
		num := int64(c) * scale
		out[i] = num / int64(base)
		parts[i] = part{i, num % int64(base)}
		given += out[i]
		sum += int64(c)
	}
	// Only a column that covers the whole base is forced to 100; a partial one keeps its floors
	// plus the units its own remainders justify.
	target := Round(int(sum), base, decimals)
	missing := target - given
	sort.SliceStable(parts, func(a, b int) bool {
		pa, pb := parts[a], parts[b]
		if pa.remainder != pb.remainder {
			return pa.remainder > pb.remainder
		}
		return counts[pa.idx] > counts[pb.idx]
	})
	for k := 0; k < len(parts) && missing > 0; k++ {
		if parts[k].remainder == 0 {
			break
		}
		out[parts[k].idx]++
		missing--
	}
	return out
}

// Format writes units with the given number of decimals: Format(241, 1) is "24.1".
func Format(u Units, decimals int) string {
	if decimals <= 0 {
		return strconv.FormatInt(u, 10)
	}
	sign := ""
	if u < 0 {
		sign, u = "-", -u
	}
	p := pow10(decimals)
	frac := strconv.FormatInt(u%p, 10)
	for len(frac) < decimals {
		frac = "0" + frac
	}
	return sign + strconv.FormatInt(u/p, 10) + "." + frac
}

// Float converts units back to a percentage.
func Float(u Units, decimals int) float64 { return float64(u) / float64(pow10(decimals)) }

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}
