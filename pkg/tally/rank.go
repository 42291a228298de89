package tally

import (
	"sort"
	"strings"
)

// Measure is what a ranking sorts by first.
type Measure int

// The two ways of counting.
const (
	ByStates Measure = iota
	ByActivities
)

// Order returns the indices of cells from largest to smallest by the given measure, then by the
// other measure, then in questionnaire order: the order in which the note lists categories.
func Order(cells []Cell, by Measure) []int {
	idx := make([]int, len(cells))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		return less(cells[idx[i]], cells[idx[j]], by)
	})
	return idx
}

// less reports whether x ranks before y: larger first by the primary measure, then the other.
func less(x, y Cell, by Measure) bool {
	first, second := x.States-y.States, x.Activities-y.Activities
	if by == ByActivities {
		first, second = second, first
	}
	if first != 0 {
		return first > 0
	}
	return second > 0
}

// Ranked is one entry of a top-n list.
type Ranked struct {
	Index int
	Label string
	Cell
}

// TopPartners returns the n partners with most states active in the area, then most activities,
// then by label; partners with no state there are left out, so the list may be shorter than n.
func (a *Analysis) TopPartners(area, n int) []Ranked { return a.TopPartnersOf(area, n, nil) }

// TopPartnersOf is TopPartners among the partners ranked says may be ranked (nil: all).
func (a *Analysis) TopPartnersOf(area, n int, ranked func(p int) bool) []Ranked {
	var list []Ranked
	for p, row := range a.PartnerArea {
		if c := row[area]; c.States > 0 && (ranked == nil || ranked(p)) {
			list = append(list, Ranked{Index: p, Label: a.Partners[p], Cell: c})
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		x, y := list[i], list[j]
		if x.Cell != y.Cell {
			return less(x.Cell, y.Cell, ByStates)
		}
		return strings.Compare(x.Label, y.Label) < 0
	})
	if len(list) > n {
		list = list[:n]
	}
	return list
}
