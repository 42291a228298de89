package replies

import (
	"fmt"
	"strings"
)

// crossChecks looks across rows and files for likely mistakes that no single cell shows: the
// same activity entered twice, a state that replied in several files, a nil reply from a state
// that also reports activities.
type crossChecks struct {
	first    map[uint64]rowRef // activity key -> where the activity was first seen
	sheets   []Position        // the sheets rowRef points into
	capped   bool
	cappedAt Position
	nilRows  map[string][]Position
	active   map[string]bool
	files    map[string][]Position // per state, its first row in each file, in reading order
	order    []string
	// The state and file of the last activity: activity skips the per-state maps while they
	// stay the same.
	lastState, lastFile string
}

// duplicateLimit bounds the activities remembered for the duplicate check: a million-row export
// would otherwise hold every description. Past it, the check stops and says so.
const duplicateLimit = 200000

// rowRef is a row of one of the sheets read: 8 bytes where a Position takes 64, so that the
// duplicate check's memory stays small up to its limit.
type rowRef struct{ sheet, row uint32 }

func (c *crossChecks) ref(pos Position) rowRef {
	if n := len(c.sheets); n == 0 || !sameSheet(c.sheets[n-1], pos) {
		c.sheets = append(c.sheets, Position{File: pos.File, Sheet: pos.Sheet, fileIdx: pos.fileIdx, sheetIdx: pos.sheetIdx})
	}
	return rowRef{sheet: uint32(len(c.sheets) - 1), row: uint32(pos.Row)}
}

func (c *crossChecks) position(r rowRef) Position {
	pos := c.sheets[r.sheet]
	pos.Row = int(r.row)
	return pos
}

func sameSheet(a, b Position) bool {
	return a.File == b.File && a.Sheet == b.Sheet && a.fileIdx == b.fileIdx && a.sheetIdx == b.sheetIdx
}

func newCrossChecks() *crossChecks {
	return &crossChecks{first: map[uint64]rowRef{}, nilRows: map[string][]Position{},
		active: map[string]bool{}, files: map[string][]Position{}}
}

// activity records an activity; it returns the position of an earlier one with the same state,
// labels and (non-empty, normalised) description.
func (c *crossChecks) activity(a Activity, description []byte) (Position, bool) {
	if a.State != c.lastState || a.Pos.File != c.lastFile {
		// Rows of one state come together: the per-state maps are touched once per run of them.
		c.active[a.State] = true
		c.inFile(a.State, a.Pos)
		c.lastState, c.lastFile = a.State, a.Pos.File
	}
	if len(description) == 0 {
		return Position{}, false
	}
	k := activityKey(a, description)
	here := c.ref(a.Pos)
	if first, ok := c.first[k]; ok {
		if first != here {
			return c.position(first), true
		}
		return Position{}, false
	}
	if len(c.first) >= duplicateLimit {
		if !c.capped {
			c.capped, c.cappedAt = true, a.Pos
		}
		return Position{}, false
	}
	c.first[k] = here
	return Position{}, false
}

// activityKey is a 64-bit FNV-1a hash of an activity's state, labels and description, computed
// without allocating.
func activityKey(a Activity, description []byte) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	for i := 0; i < len(a.State); i++ {
		h = (h ^ uint64(a.State[i])) * prime
	}
	for _, v := range [...]int{0, a.Partner, a.Area, a.Type} {
		for _, b := range [...]byte{byte(v), byte(v >> 8)} {
			h = (h ^ uint64(b)) * prime
		}
	}
	for _, b := range description {
		h = (h ^ uint64(b)) * prime
	}
	return h
}

func (c *crossChecks) nilReply(state string, pos Position) {
	c.nilRows[state] = append(c.nilRows[state], pos)
	c.inFile(state, pos)
}

func (c *crossChecks) inFile(state string, pos Position) {
	list, known := c.files[state]
	if !known {
		c.order = append(c.order, state)
	}
	for _, p := range list {
		if p.File == pos.File {
			return
		}
	}
	c.files[state] = append(list, pos)
}

// finish adds the warnings that need every file read.
func (c *crossChecks) finish(p *parser) {
	if c.capped {
		p.add(c.cappedAt, Note, "the check for activities entered twice stopped here, after %d distinct activities, to keep memory bounded", duplicateLimit)
	}
	for _, state := range c.order {
		if c.active[state] {
			for _, pos := range c.nilRows[state] {
				p.add(pos, Warning, "%s reports no activity here but has activities elsewhere: delete this row if the activities stand", state)
			}
		}
		files := c.files[state]
		for i := 1; i < len(files); i++ {
			var others []string
			for _, f := range files[:i] {
				others = append(others, f.File)
			}
			p.add(files[i], Warning, "%s also has rows in %s: check that its reply is not included twice", state, strings.Join(others, ", "))
		}
	}
}

// sameFile writes p as seen from another position: just the row within the same sheet.
func (p Position) sameFile(from Position) string {
	switch {
	case p.File == from.File && p.Sheet == from.Sheet:
		return fmt.Sprintf("row %d", p.Row)
	case p.File == from.File:
		return fmt.Sprintf("%s row %d", p.Sheet, p.Row)
	}
	return p.String()
}

// checking reports whether the duplicate check still runs: callers skip preparing its key after.
func (c *crossChecks) checking() bool { return !c.capped }
