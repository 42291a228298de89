// Package tally is the counting core: from the activities that replies report it computes every
// tally of a mapping note, each counted two ways, by distinct respondent ("states", not additive)
// and by activity (every activity once). It does no I/O and knows nothing of file formats.
package tally

import (
	"fmt"
	"sort"
)

// Activity is one reported activity: the index of the respondent that reported it and the
// indices of its partner, area and type in the survey's value lists.
type Activity struct {
	State, Partner, Area, Type int
}

// Input is everything the counts depend on.
type Input struct {
	// States are the respondents that replied, active or not; Activity.State indexes it.
	States []string
	// Partners, Areas and Types are the canonical labels, in questionnaire order.
	Partners, Areas, Types []string
	Activities             []Activity
}

// Cell counts one category or combination of categories.
type Cell struct {
	States     int // distinct respondents with at least one activity here
	Activities int
}

// Analysis holds every tally. Slices are indexed by the survey's value order; cross-tabulations
// list every combination, zeros included.
type Analysis struct {
	Respondents  int
	ActiveStates int
	Activities   int

	States                 []string
	Partners, Areas, Types []string

	Partner []Cell
	Area    []Cell
	Type    []Cell

	PartnerArea     [][]Cell   // [partner][area]
	PartnerType     [][]Cell   // [partner][type]
	AreaType        [][]Cell   // [area][type]
	PartnerAreaType [][][]Cell // [partner][area][type]

	// ByState holds each respondent's own counts, for the --by-state table only.
	ByState []StateCounts
}

// StateCounts is one respondent's activities per partner, area and type.
type StateCounts struct {
	State      string
	Activities int
	Partner    []int
	Area       []int
	Type       []int
}

// NilReplies is the number of respondents that reported no activity.
func (a *Analysis) NilReplies() int { return a.Respondents - a.ActiveStates }

// Count computes the analysis of in. It fails only on an activity whose indices lie outside the
// input's lists, which is a programming error in the caller.
func Count(in Input) (*Analysis, error) {
	nP, nA, nT := len(in.Partners), len(in.Areas), len(in.Types)
	a := &Analysis{
		Respondents: len(in.States),
		Activities:  len(in.Activities),
		States:      in.States,
		Partners:    in.Partners,
		Areas:       in.Areas,
		Types:       in.Types,
	}
	for i, act := range in.Activities {
		if act.State < 0 || act.State >= len(in.States) || act.Partner < 0 || act.Partner >= nP ||
			act.Area < 0 || act.Area >= nA || act.Type < 0 || act.Type >= nT {
			return nil, fmt.Errorf("tally: activity %d out of range: %+v", i, act)
		}
	}

	// Every tally is a projection of the partner x area x type cube; a cell's state count needs
	// each state once, so the activities are visited state by state and a stamp per cell
	// remembers the last state counted there. That keeps the work linear in the activities and
	// the memory in the number of cells.
	cube := newGrid(nP * nA * nT)
	pa, pt, at := newGrid(nP*nA), newGrid(nP*nT), newGrid(nA*nT)
	p, ar, t := newGrid(nP), newGrid(nA), newGrid(nT)
	byState := groupByState(in.Activities, len(in.States))
	a.ByState = make([]StateCounts, len(in.States))
	for s, acts := range byState {
		sc := StateCounts{State: in.States[s], Activities: len(acts),
			Partner: make([]int, nP), Area: make([]int, nA), Type: make([]int, nT)}
		if len(acts) > 0 {
			a.ActiveStates++
		}
		stamp := s + 1
		for _, act := range acts {
			cube.add((act.Partner*nA+act.Area)*nT+act.Type, stamp)
			pa.add(act.Partner*nA+act.Area, stamp)
			pt.add(act.Partner*nT+act.Type, stamp)
			at.add(act.Area*nT+act.Type, stamp)
			p.add(act.Partner, stamp)
			ar.add(act.Area, stamp)
			t.add(act.Type, stamp)
			sc.Partner[act.Partner]++
			sc.Area[act.Area]++
			sc.Type[act.Type]++
		}
		a.ByState[s] = sc
	}
	sort.SliceStable(a.ByState, func(i, j int) bool { return a.ByState[i].State < a.ByState[j].State })

	a.Partner, a.Area, a.Type = p.cells, ar.cells, t.cells
	a.PartnerArea = reshape(pa.cells, nP, nA)
	a.PartnerType = reshape(pt.cells, nP, nT)
	a.AreaType = reshape(at.cells, nA, nT)
	a.PartnerAreaType = make([][][]Cell, nP)
	for i := range nP {
		a.PartnerAreaType[i] = reshape(cube.cells[i*nA*nT:(i+1)*nA*nT], nA, nT)
	}
	return a, nil
}

// grid is a flat array of cells with the stamp of the last state counted in each.
type grid struct {
	cells  []Cell
	stamps []int
}

func newGrid(n int) *grid { return &grid{cells: make([]Cell, n), stamps: make([]int, n)} }

func (g *grid) add(i, stamp int) {
	g.cells[i].Activities++
	if g.stamps[i] != stamp {
		g.stamps[i] = stamp
		g.cells[i].States++
	}
}

func reshape(flat []Cell, rows, cols int) [][]Cell {
	out := make([][]Cell, rows)
	for i := range rows {
		out[i] = flat[i*cols : (i+1)*cols : (i+1)*cols]
	}
	return out
}

// groupByState buckets activities by state, keeping their order within a state.
func groupByState(acts []Activity, nStates int) [][]Activity {
	counts := make([]int, nStates)
	for _, act := range acts {
		counts[act.State]++
	}
	flat := make([]Activity, len(acts))
	out := make([][]Activity, nStates)
	off := 0
	for s, c := range counts {
		out[s] = flat[off : off : off+c]
		off += c
	}
	for _, act := range acts {
		out[act.State] = append(out[act.State], act)
	}
	return out
}
