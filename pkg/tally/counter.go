package tally

import (
	"fmt"
	"math/bits"
)

// Counter counts activities one at a time, in memory that does not grow with their number: for
// each partner x area x type cell it keeps the number of activities and the set of states seen
// there (a bitset), from which every other tally is derived at the end. A million-row export
// costs the same memory as the note's 228 activities.
type Counter struct {
	partners, areas, types []string
	nP, nA, nT             int
	// cA and cT are the room kept for areas and types in the cube's layout, at least nA and nT:
	// a category learnt while counting (an open list) grows them by doubling, so that the cube
	// is laid out again only a few times however many categories come.
	cA, cT  int
	states  []string
	index   map[string]int
	cube    []int      // activities per cube cell, at (partner*cA+area)*cT+type
	seen    [][]uint64 // per cube cell, a bitset of states
	byState [][]int    // per state: activities per partner, then area, then type
}

// NewCounter starts counting over the given labels.
func NewCounter(partners, areas, types []string) *Counter {
	n := len(partners) * len(areas) * len(types)
	return &Counter{partners: partners, areas: areas, types: types,
		nP: len(partners), nA: len(areas), nT: len(types), cA: len(areas), cT: len(types),
		index: map[string]int{}, cube: make([]int, n), seen: make([][]uint64, n)}
}

// The dimensions Extend and Reorder take.
const (
	DimPartner = iota
	DimArea
	DimType
)

// Extend adds a category to a dimension (DimPartner, DimArea or DimType), for lists that are
// learnt while counting, and returns its index. Counts so far keep their indices.
func (c *Counter) Extend(dim int, label string) int {
	nP, nA, nT := c.nP, c.nA, c.nT
	cA, cT := c.cA, c.cT
	var i int
	switch dim {
	case DimPartner:
		c.partners = append(c.partners[:c.nP:c.nP], label)
		i, nP = c.nP, c.nP+1
	case DimArea:
		c.areas = append(c.areas[:c.nA:c.nA], label)
		i, nA = c.nA, c.nA+1
		if nA > cA {
			cA = max(2*cA, 4)
		}
	case DimType:
		c.types = append(c.types[:c.nT:c.nT], label)
		i, nT = c.nT, c.nT+1
		if nT > cT {
			cT = max(2*cT, 4)
		}
	}
	if cA != c.cA || cT != c.cT {
		c.relayout(cA, cT, func(p, a, t int) int { return (p*cA+a)*cT + t })
	}
	if need := nP * cA * cT; need > len(c.cube) {
		// New partners go at the end of the layout: room for them, doubling.
		n := max(need, 2*len(c.cube))
		c.cube = append(c.cube, make([]int, n-len(c.cube))...)
		c.seen = append(c.seen, make([][]uint64, n-len(c.seen))...)
	}
	for s := range c.byState {
		c.byState[s] = extendRow(c.byState[s], c.nP, c.nA, c.nT, nP, nA, nT)
	}
	c.nP, c.nA, c.nT = nP, nA, nT
	return i
}

// extendRow lays out a state's row of counts for nP, nA and nT categories.
func extendRow(row []int, oP, oA, oT, nP, nA, nT int) []int {
	if oP == nP && oA == nA && oT == nT {
		return row
	}
	out := make([]int, nP+nA+nT)
	copy(out, row[:oP])
	copy(out[nP:], row[oP:oP+oA])
	copy(out[nP+nA:], row[oP+oA:oP+oA+oT])
	return out
}

// relayout moves every cube cell to where place puts it, in a cube with room cA x cT.
func (c *Counter) relayout(cA, cT int, place func(p, a, t int) int) {
	n := max(c.nP, 1) * cA * cT
	cube, seen := make([]int, n), make([][]uint64, n)
	for p := range c.nP {
		for a := range c.nA {
			for t := range c.nT {
				from, to := c.cell(p, a, t), place(p, a, t)
				cube[to], seen[to] = c.cube[from], c.seen[from]
			}
		}
	}
	c.cube, c.seen, c.cA, c.cT = cube, seen, cA, cT
}

// cell is the cube index of a combination.
func (c *Counter) cell(p, a, t int) int { return (p*c.cA+a)*c.cT + t }

// Reorder puts the categories of a dimension in a new order, with new labels: order[i] is the
// current index of the category that becomes i, and every current category must appear once.
// An open list is ordered once counting is done, so that its order does not depend on the order
// in which the files came.
func (c *Counter) Reorder(dim int, order []int, labels []string) error {
	n := [3]int{c.nP, c.nA, c.nT}[dim]
	if len(order) != n || len(labels) != n {
		return fmt.Errorf("tally: reordering %d categories with %d indices and %d labels", n, len(order), len(labels))
	}
	inv := make([]int, n) // current index -> new
	seen := make([]bool, n)
	for i, o := range order {
		if o < 0 || o >= n || seen[o] {
			return fmt.Errorf("tally: reordering: index %d missing or repeated", o)
		}
		seen[o], inv[o] = true, i
	}
	move := func(p, a, t int) int {
		switch dim {
		case DimPartner:
			p = inv[p]
		case DimArea:
			a = inv[a]
		default:
			t = inv[t]
		}
		return (p*c.cA+a)*c.cT + t
	}
	c.relayout(c.cA, c.cT, move)
	off := [3]int{0, c.nP, c.nP + c.nA}[dim]
	for _, row := range c.byState {
		part := append([]int(nil), row[off:off+n]...)
		for old, v := range part {
			row[off+inv[old]] = v
		}
	}
	switch dim {
	case DimPartner:
		c.partners = labels
	case DimArea:
		c.areas = labels
	default:
		c.types = labels
	}
	return nil
}

// Respond records a state that replied, with or without activities, and returns its index.
func (c *Counter) Respond(state string) int {
	if i, ok := c.index[state]; ok {
		return i
	}
	i := len(c.states)
	c.index[state] = i
	c.states = append(c.states, state)
	c.byState = append(c.byState, make([]int, c.nP+c.nA+c.nT))
	return i
}

// Add counts one activity of a state.
func (c *Counter) Add(state string, partner, area, typ int) error {
	if partner < 0 || partner >= c.nP || area < 0 || area >= c.nA || typ < 0 || typ >= c.nT {
		return fmt.Errorf("tally: activity out of range: partner %d, area %d, type %d", partner, area, typ)
	}
	return c.AddIndex(c.Respond(state), partner, area, typ)
}

// AddIndex counts one activity of the state with index s, as Respond returned it: Add without
// looking the state up by its name, for a caller that counts many activities of a few states.
func (c *Counter) AddIndex(s, partner, area, typ int) error {
	if s < 0 || s >= len(c.states) || partner < 0 || partner >= c.nP || area < 0 || area >= c.nA || typ < 0 || typ >= c.nT {
		return fmt.Errorf("tally: activity out of range: state %d, partner %d, area %d, type %d", s, partner, area, typ)
	}
	cell := (partner*c.cA+area)*c.cT + typ
	c.cube[cell]++
	c.mark(cell, s)
	bs := c.byState[s]
	bs[partner]++
	bs[c.nP+area]++
	bs[c.nP+c.nA+typ]++
	return nil
}

// States returns the states that replied, in the order first met.
func (c *Counter) States() []string { return c.states }

// RenameState gives a state another name, keeping its place and counts: a respondent of an
// open list is named, once every reply is read, by its most frequent spelling. It fails when
// the state is unknown or the new name is another state's.
func (c *Counter) RenameState(old, name string) error {
	i, ok := c.index[old]
	if !ok {
		return fmt.Errorf("tally: renaming %q: no such state", old)
	}
	if _, taken := c.index[name]; taken && name != old {
		return fmt.Errorf("tally: renaming %q: %q is another state", old, name)
	}
	delete(c.index, old)
	c.index[name] = i
	c.states[i] = name
	return nil
}

// Merge adds every count of other, which counts over the same labels, to c. A state keeps its
// place if c knows it; states new to c follow in other's order, so that counting files one at a
// time and merging them gives the counter that counting every file into one would.
func (c *Counter) Merge(other *Counter) error {
	if other.nP != c.nP || other.nA != c.nA || other.nT != c.nT {
		return fmt.Errorf("tally: merging counters over different labels: %dx%dx%d into %dx%dx%d",
			other.nP, other.nA, other.nT, c.nP, c.nA, c.nT)
	}
	index := make([]int, len(other.states)) // other's state index -> c's
	for s, name := range other.states {
		index[s] = c.Respond(name)
		for i, n := range other.byState[s] {
			c.byState[index[s]][i] += n
		}
	}
	if other.cA != c.cA || other.cT != c.cT || len(other.cube) > len(c.cube) {
		return fmt.Errorf("tally: merging counters laid out differently: extend both alike")
	}
	for cell, n := range other.cube {
		if n == 0 {
			continue
		}
		c.cube[cell] += n
		for word, w := range other.seen[cell] {
			for w != 0 {
				bit := bits.TrailingZeros64(w)
				w &= w - 1
				c.mark(cell, index[word*64+bit])
			}
		}
	}
	return nil
}

// Reset forgets every count, keeping the memory for the next use.
func (c *Counter) Reset() {
	clear(c.cube)
	for i := range c.seen {
		clear(c.seen[i])
	}
	clear(c.index)
	c.states = c.states[:0]
	c.byState = c.byState[:0]
}

// mark records state s in a cube cell's bitset.
func (c *Counter) mark(cell, s int) {
	word := s / 64
	if len(c.seen[cell]) <= word {
		grown := make([]uint64, word+1)
		copy(grown, c.seen[cell])
		c.seen[cell] = grown
	}
	c.seen[cell][word] |= 1 << (s % 64)
}

// union accumulates bitsets and counts a projection of the cube.
type union struct {
	bits       []uint64
	activities int
}

func (u *union) add(set []uint64, activities int) {
	if len(u.bits) < len(set) {
		grown := make([]uint64, len(set))
		copy(grown, u.bits)
		u.bits = grown
	}
	for i, w := range set {
		u.bits[i] |= w
	}
	u.activities += activities
}

func (u *union) cell() Cell {
	n := 0
	for _, w := range u.bits {
		n += bits.OnesCount64(w)
	}
	return Cell{States: n, Activities: u.activities}
}

// Analysis derives every tally from the counts so far.
func (c *Counter) Analysis() *Analysis {
	nP, nA, nT := c.nP, c.nA, c.nT
	a := &Analysis{Respondents: len(c.states), States: c.states, Partners: c.partners, Areas: c.areas, Types: c.types}
	p, ar, t := make([]union, nP), make([]union, nA), make([]union, nT)
	pa, pt, at := make([]union, nP*nA), make([]union, nP*nT), make([]union, nA*nT)
	var all union
	a.PartnerAreaType = make([][][]Cell, nP)
	for pi := range nP {
		a.PartnerAreaType[pi] = make([][]Cell, nA)
		for ai := range nA {
			a.PartnerAreaType[pi][ai] = make([]Cell, nT)
			for ti := range nT {
				cell := c.cell(pi, ai, ti)
				set, n := c.seen[cell], c.cube[cell]
				one := union{}
				one.add(set, n)
				a.PartnerAreaType[pi][ai][ti] = one.cell()
				p[pi].add(set, n)
				ar[ai].add(set, n)
				t[ti].add(set, n)
				pa[pi*nA+ai].add(set, n)
				pt[pi*nT+ti].add(set, n)
				at[ai*nT+ti].add(set, n)
				all.add(set, n)
			}
		}
	}
	cells := func(us []union) []Cell {
		out := make([]Cell, len(us))
		for i := range us {
			out[i] = us[i].cell()
		}
		return out
	}
	total := all.cell()
	a.ActiveStates, a.Activities = total.States, total.Activities
	a.Partner, a.Area, a.Type = cells(p), cells(ar), cells(t)
	a.PartnerArea = reshape(cells(pa), nP, nA)
	a.PartnerType = reshape(cells(pt), nP, nT)
	a.AreaType = reshape(cells(at), nA, nT)
	a.ByState = make([]StateCounts, len(c.states))
	for s, name := range c.states {
		bs := c.byState[s]
		sc := StateCounts{State: name, Partner: append([]int(nil), bs[:nP]...), Area: append([]int(nil), bs[nP:nP+nA]...),
			Type: append([]int(nil), bs[nP+nA:]...)}
		for _, n := range sc.Partner {
			sc.Activities += n
		}
		a.ByState[s] = sc
	}
	sortByState(a.ByState)
	return a
}
