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
	c := NewCounter(in.Partners, in.Areas, in.Types)
	// Respondents keep their given order, active or not.
	for _, s := range in.States {
		c.Respond(s)
	}
	for i, act := range in.Activities {
		if act.State < 0 || act.State >= len(in.States) {
			return nil, fmt.Errorf("tally: activity %d out of range: %+v", i, act)
		}
		if err := c.Add(in.States[act.State], act.Partner, act.Area, act.Type); err != nil {
			return nil, fmt.Errorf("activity %d: %w", i, err)
		}
	}
	return c.Analysis(), nil
}

func sortByState(list []StateCounts) {
	sort.SliceStable(list, func(i, j int) bool { return list[i].State < list[j].State })
}

func reshape(flat []Cell, rows, cols int) [][]Cell {
	out := make([][]Cell, rows)
	for i := range rows {
		out[i] = flat[i*cols : (i+1)*cols : (i+1)*cols]
	}
	return out
}
