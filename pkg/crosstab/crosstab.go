// Package crosstab counts a survey with any number of dimensions: for any chosen combination of
// dimensions, the distinct respondents and the activities in each cell, and the sum, minimum,
// maximum and mean of an amount. Only the cells that hold an activity are kept (a table of 34
// provinces by 89 sectors by 12 types has 36,312 cells, and real data fill a few hundred of
// them). A presence key makes repeated reports of the same presence count once.
//
// It is pure: records in, tables out, no I/O, and never an order taken from a map.
package crosstab

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"slices"
)

// Record is one row of replies, read and matched: who reported it and the values it gives each
// dimension of the counter.
type Record struct {
	// Respondent is the respondent's number (0, 1, ...): the reader numbers them.
	Respondent int
	// Values holds, for each dimension of the counter, the indices of the values the row gives
	// it: one, or several for a cell listing several values. A row gives one activity per
	// combination of values (a row with 2 sectors and 3 districts is 6 activities). A dimension
	// with no value makes a row with no activity (a nil reply).
	Values [][]int
	// Weights, when set for a dimension, holds the share of the row's amount that goes to each of
	// its values (parallel to Values[d], adding up to 1). Without weights, a dimension's values
	// share the amount evenly. Weights matter only when Amount is set.
	Weights [][]float64
	// Amount is the row's amount (budget, people reached); HasAmount says it is given.
	Amount    float64
	HasAmount bool
	// Key, when set, makes the activities of rows with the same key and the same values of the
	// dimensions in KeyDims count once: the first is counted, the later ones are duplicates.
	Key     string
	KeyDims []int
}

// Counter counts records into tables.
type Counter struct {
	names   []string
	combos  [][]int
	tables  []map[string]*cell
	total   cell
	replied bitset
	// pairs holds each (cell, respondent) counted, so that a respondent counts once per cell:
	// memory grows with the pairs that occur, not with cells times respondents.
	pairs   map[pair]struct{}
	seen    map[string]struct{}
	dupes   int
	keyBuf  []byte
	idx     []int // the value index of each dimension in the combination being counted
	weights []float64
}

// New returns a counter of the dimensions named (names only serve error messages) that tallies
// each combination listed: {0} is the table of dimension 0, {0, 1} its cross-tabulation with
// dimension 1. A combination lists dimensions in increasing order, each at most once.
func New(names []string, combos [][]int) (*Counter, error) {
	c := &Counter{names: slices.Clone(names), seen: map[string]struct{}{}, pairs: map[pair]struct{}{}}
	for _, combo := range combos {
		if len(combo) == 0 {
			return nil, fmt.Errorf("a combination of no dimensions")
		}
		for i, d := range combo {
			if d < 0 || d >= len(names) {
				return nil, fmt.Errorf("dimension %d: the counter has %d", d, len(names))
			}
			if i > 0 && combo[i-1] >= d {
				return nil, fmt.Errorf("combination %v: list each dimension once, in increasing order", combo)
			}
		}
		c.combos = append(c.combos, slices.Clone(combo))
		c.tables = append(c.tables, map[string]*cell{})
	}
	c.idx = make([]int, len(names))
	c.weights = make([]float64, len(names))
	return c, nil
}

// Add counts one record and returns how many activities it gave (duplicates under its key left
// out).
func (c *Counter) Add(r Record) (int, error) {
	if len(r.Values) != len(c.names) {
		return 0, fmt.Errorf("a record with %d dimensions for a counter of %d", len(r.Values), len(c.names))
	}
	if r.Respondent < 0 {
		return 0, fmt.Errorf("respondent %d: respondents are numbered from 0", r.Respondent)
	}
	c.replied.set(r.Respondent)
	for d, vals := range r.Values {
		if len(vals) == 0 {
			return 0, nil // a reply with no activity
		}
		if d < len(r.Weights) && r.Weights[d] != nil && len(r.Weights[d]) != len(vals) {
			return 0, fmt.Errorf("%s: %d weights for %d values", c.names[d], len(r.Weights[d]), len(vals))
		}
	}
	n := 0
	// Walk every combination of values like an odometer, last dimension fastest.
	pos := make([]int, len(r.Values))
	for {
		for d, vals := range r.Values {
			c.idx[d] = vals[pos[d]]
			switch {
			case d < len(r.Weights) && r.Weights[d] != nil:
				c.weights[d] = r.Weights[d][pos[d]]
			default:
				c.weights[d] = 1 / float64(len(vals))
			}
		}
		if c.first(r) {
			amount, has := 0.0, r.HasAmount
			if has {
				amount = r.Amount
				for _, w := range c.weights {
					amount *= w
				}
			}
			c.count(r.Respondent, amount, has)
			n++
		} else {
			c.dupes++
		}
		d := len(pos) - 1
		for ; d >= 0; d-- {
			pos[d]++
			if pos[d] < len(r.Values[d]) {
				break
			}
			pos[d] = 0
		}
		if d < 0 {
			return n, nil
		}
	}
}

// first says whether the activity at c.idx is the first of its presence key.
func (c *Counter) first(r Record) bool {
	if r.Key == "" {
		return true
	}
	b := append(c.keyBuf[:0], r.Key...)
	b = append(b, 0)
	for _, d := range r.KeyDims {
		b = binary.AppendUvarint(b, uint64(c.idx[d]))
	}
	c.keyBuf = b
	if _, dup := c.seen[string(b)]; dup {
		return false
	}
	c.seen[string(b)] = struct{}{}
	return true
}

func (c *Counter) count(respondent int, amount float64, hasAmount bool) {
	c.add(&c.total, respondent, amount, hasAmount)
	var key [64]byte
	for t, combo := range c.combos {
		k := key[:0]
		for _, d := range combo {
			k = binary.AppendUvarint(k, uint64(c.idx[d]))
		}
		cl, ok := c.tables[t][string(k)]
		if !ok {
			cl = &cell{values: make([]int, len(combo))}
			for i, d := range combo {
				cl.values[i] = c.idx[d]
			}
			c.tables[t][string(k)] = cl
		}
		c.add(cl, respondent, amount, hasAmount)
	}
}

// Result is what was counted.
type Result struct {
	// Replied counts the respondents of every record added, those with no activity included.
	Replied int
	// Total is the whole: every activity, and the respondents with at least one.
	Total Cell
	// Duplicates counts the activities left out as repeats of a presence already counted.
	Duplicates int
	Tables     []Table
}

// Table is the tally of one combination of dimensions.
type Table struct {
	Dims []int
	// Cells are the combinations of values with at least one activity, ordered by their values'
	// indices (the first dimension's first).
	Cells []Cell
}

// Cell is one combination of values.
type Cell struct {
	Values      []int // one value index per dimension of the table
	Respondents int   // distinct respondents with an activity here
	Activities  int
	Amount      Stats
}

// Stats summarises the amounts of a cell's activities.
type Stats struct {
	N             int // activities with an amount
	Sum, Min, Max float64
}

// Mean is the mean amount per activity with an amount, or NaN when none has one.
func (s Stats) Mean() float64 {
	if s.N == 0 {
		return math.NaN()
	}
	return s.Sum / float64(s.N)
}

// Result returns the tables counted so far.
func (c *Counter) Result() *Result {
	res := &Result{Replied: c.replied.count(), Total: c.total.result(), Duplicates: c.dupes}
	for t, combo := range c.combos {
		tab := Table{Dims: slices.Clone(combo)}
		for _, cl := range c.tables[t] {
			tab.Cells = append(tab.Cells, cl.result())
		}
		slices.SortFunc(tab.Cells, func(a, b Cell) int { return slices.Compare(a.Values, b.Values) })
		res.Tables = append(res.Tables, tab)
	}
	return res
}

// cell accumulates one combination of values.
type cell struct {
	values      []int
	respondents int
	last        int // the respondent counted last, +1 (0: none yet): rows come grouped by respondent
	activities  int
	amount      Stats
}

type pair struct {
	cell       *cell
	respondent int
}

func (k *Counter) add(c *cell, respondent int, amount float64, has bool) {
	if c.last != respondent+1 {
		c.last = respondent + 1
		p := pair{c, respondent}
		if _, ok := k.pairs[p]; !ok {
			k.pairs[p] = struct{}{}
			c.respondents++
		}
	}
	c.activities++
	if !has {
		return
	}
	if c.amount.N == 0 || amount < c.amount.Min {
		c.amount.Min = amount
	}
	if c.amount.N == 0 || amount > c.amount.Max {
		c.amount.Max = amount
	}
	c.amount.N++
	c.amount.Sum += amount
}

func (c *cell) result() Cell {
	return Cell{Values: slices.Clone(c.values), Respondents: c.respondents, Activities: c.activities, Amount: c.amount}
}

// bitset is a set of respondent numbers.
type bitset []uint64

func (b *bitset) set(i int) {
	w := i / 64
	if w >= len(*b) {
		*b = append(*b, make([]uint64, w+1-len(*b))...)
	}
	(*b)[w] |= 1 << (uint(i) % 64)
}

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}
