package replies

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// crossChecks looks across rows and files for likely mistakes that no single cell shows: the
// same activity entered twice, a state that replied in several files, a nil reply from a state
// that also reports activities. Each file is checked into checks of its own, which look up the
// files read before in base and are merged into them once the file is read to its end.
type crossChecks struct {
	base     *crossChecks  // the checks of the files read before; nil for those
	first    activityTable // activity key -> where the activity was first seen
	sheets   []Position    // the sheets rowRef points into
	capped   bool
	cappedAt Position
	nilRows  map[string][]Position
	active   map[string]bool
	files    map[string][]Position // per state, its first row in each file, in reading order
	order    []string
	// The state and file of the last activity: activity skips the per-state maps while they
	// stay the same.
	lastState, lastFile string
	// seenIn holds, per respondent listed in the schema (by index), the file of its last
	// activity, so that activity skips the per-state maps also when the state changes on every
	// row; seenAny says which entries are set (a file may be named "").
	seenIn  []string
	seenAny []bool
}

// duplicateLimit bounds the activities remembered for the duplicate check: a million-row export
// would otherwise hold every description. Past it, the check stops and says so.
const duplicateLimit = 200000

// rowRef is a row of one of the sheets read: 8 bytes where a Position takes 64, so that the
// duplicate check's memory stays small up to its limit.
type rowRef struct{ sheet, row uint32 }

// activityTable maps the keys of activities (activityKey, never 0) to the rows where they were
// first seen: open addressing with linear probing, in a power of two of slots at most 13/16
// full, so that the duplicate check's 200,000 activities fit in 2^18 slots (4 MB). An activity
// that is not there is added where its look-up ended: a Go map looked twice, and took a third
// of the check's time. A look-up reads a byte per slot first (tags: 256 KB, which the cache
// holds) and the slot itself only when its tag matches: a million rows' look-ups, past the
// 200,000 the check remembers, then about never wait for the 4 MB of slots.
type activityTable struct {
	slots []activitySlot
	tags  []uint8 // per slot: 0 when it is empty, else tagOf its key
	n     int     // keys held
}

type activitySlot struct {
	key uint64
	row rowRef
}

// tagOf is a key's byte in tags: seven of its bits that do not choose its slot, and a set bit.
func tagOf(key uint64) uint8 { return uint8(key>>57) | 0x80 }

// slot returns the index of the slot that holds key, or of the empty one where it would go,
// making room for one more key first.
func (t *activityTable) slot(key uint64) int {
	if t.n >= len(t.slots)/16*13 {
		t.grow()
	}
	return t.find(key)
}

// find is slot in a table that has room.
func (t *activityTable) find(key uint64) int {
	mask := uint64(len(t.slots) - 1)
	tag := tagOf(key)
	for i := key & mask; ; i = (i + 1) & mask {
		switch t.tags[i] {
		case 0:
			return int(i)
		case tag:
			if t.slots[i].key == key {
				return int(i)
			}
		}
	}
}

// holds tells whether slot i, which find returned, holds the key looked for.
func (t *activityTable) holds(i int) bool { return t.tags[i] != 0 }

// get returns the row of key, if the table holds it.
func (t *activityTable) get(key uint64) (rowRef, bool) {
	if t.n == 0 {
		return rowRef{}, false
	}
	if i := t.find(key); t.holds(i) {
		return t.slots[i].row, true
	}
	return rowRef{}, false
}

// add puts key and its row in the slot i that slot returned for it.
func (t *activityTable) add(i int, key uint64, row rowRef) {
	if !t.holds(i) {
		t.n++
	}
	t.slots[i], t.tags[i] = activitySlot{key: key, row: row}, tagOf(key)
}

// grow doubles the slots, from 64.
func (t *activityTable) grow() {
	old, oldTags := t.slots, t.tags
	t.slots = make([]activitySlot, max(2*len(old), 64))
	t.tags = make([]uint8, len(t.slots))
	for i, e := range old {
		if oldTags[i] != 0 {
			j := t.find(e.key) // keys are distinct: find gives an empty slot
			t.slots[j], t.tags[j] = e, oldTags[i]
		}
	}
}

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
	return &crossChecks{nilRows: map[string][]Position{},
		active: map[string]bool{}, files: map[string][]Position{}}
}

// forFile starts the checks of one more file.
func (c *crossChecks) forFile() *crossChecks {
	f := newCrossChecks()
	f.base = c
	f.capped, f.cappedAt = c.capped, c.cappedAt
	return f
}

// hasActivity records that a state has an activity in the file of pos; index is the state's among
// the schema's respondents, -1 if it has none. Small enough to be inlined: it is called for
// every activity, and does its work once per state and file.
func (c *crossChecks) hasActivity(state string, index int, pos *Position) {
	if index < 0 || index >= len(c.seenIn) || !c.seenAny[index] || c.seenIn[index] != pos.File {
		c.newlyActive(state, index, pos)
	}
}

func (c *crossChecks) newlyActive(state string, index int, pos *Position) {
	switch {
	case index >= 0:
		if index >= len(c.seenIn) {
			c.seenIn = append(c.seenIn, make([]string, index+1-len(c.seenIn))...)
			c.seenAny = append(c.seenAny, make([]bool, index+1-len(c.seenAny))...)
		}
		c.seenIn[index], c.seenAny[index] = pos.File, true
	case state == c.lastState && pos.File == c.lastFile:
		return // rows of one state come together: the per-state maps are touched once per run of them
	}
	c.active[state] = true
	c.inFile(state, *pos)
	c.lastState, c.lastFile = state, pos.File
}

// duplicate records an activity for the check for activities entered twice; it returns the
// position of an earlier one with the same state, labels and (non-empty, normalised)
// description, given by its row's rowKey (not 0: a row without a description is not checked).
func (c *crossChecks) duplicate(row uint64, partner, area, typ int, pos *Position) (Position, bool) {
	k := activityKey(row, partner, area, typ)
	if first, ok := c.base.first.get(k); ok {
		return c.base.position(first), true
	}
	here := c.ref(*pos)
	slot := c.first.slot(k)
	if c.first.holds(slot) {
		if first := c.first.slots[slot].row; first != here {
			return c.position(first), true
		}
		return Position{}, false
	}
	if c.base.first.n+c.first.n >= duplicateLimit {
		if !c.capped {
			c.capped, c.cappedAt = true, *pos
		}
		return Position{}, false
	}
	c.first.add(slot, k, here)
	return Position{}, false
}

// merge adds the checks of a file read to its end.
func (c *crossChecks) merge(f *crossChecks) {
	offset := uint32(len(c.sheets))
	c.sheets = append(c.sheets, f.sheets...)
	if c.first.n == 0 && offset == 0 {
		// The first file with descriptions (often the only one): its table becomes c's, spared
		// copying up to duplicateLimit entries. f is not used after merging.
		c.first, f.first = f.first, activityTable{}
	}
	for i, e := range f.first.slots { // keys are new to c: the order of insertion does not matter
		if f.first.holds(i) {
			e.row.sheet += offset
			c.first.add(c.first.slot(e.key), e.key, e.row)
		}
	}
	if f.capped && !c.capped {
		c.capped, c.cappedAt = true, f.cappedAt
	}
	for _, state := range f.order {
		c.active[state] = c.active[state] || f.active[state]
		c.nilRows[state] = append(c.nilRows[state], f.nilRows[state]...)
		for _, pos := range f.files[state] {
			c.inFile(state, pos)
		}
	}
}

// rowKey is a 64-bit hash of a row's state and normalised description, computed once per row
// without allocating (the text hashed is built in p.desc, reused from row to row): a row
// listing a thousand combinations hashes a long description once, not a thousand times. It is
// 0 when the description is empty once normalised.
func (p *parser) rowKey(state, description string) uint64 {
	// Between the state and the description, a byte that is in no UTF-8 text, so that the two
	// cannot run together.
	p.desc = append(append(p.desc[:0], state...), 0xff)
	p.desc = survey.AppendNormalized(p.desc, description)
	if len(p.desc) == len(state)+1 {
		return 0
	}
	return max(hash64(p.desc), 1)
}

// activityKey adds an activity's labels to its row's key. It is never 0 (activityTable).
func activityKey(row uint64, partner, area, typ int) uint64 {
	return max(mix(mix(row^uint64(partner)<<32^uint64(area), hashPrime)^uint64(typ), hashPrime), 1)
}

// hash64 hashes b eight bytes at a time, with its length: the duplicate check hashes a
// description on each of its first 200,000 rows, and a byte at a time (FNV-1a) took longer
// than normalising it.
func hash64(b []byte) uint64 {
	h := uint64(len(b)) ^ hashSeed
	for ; len(b) >= 8; b = b[8:] {
		h = mix(h^binary.LittleEndian.Uint64(b), hashPrime)
	}
	var tail uint64
	for i, c := range b {
		tail |= uint64(c) << (8 * i)
	}
	return mix(h^tail, hashPrime)
}

// The constants of wyhash (github.com/wangyi-fudan/wyhash), whose mixing step mix is.
const hashSeed, hashPrime = 0xa0761d6478bd642f, 0xe7037ed1a0b428db

// mix folds the 128-bit product of a and b into 64 bits.
func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
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
				p.rowWarning(pos, Warning, "%s reports no activity here but has activities elsewhere: delete this row if the activities stand", state)
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
