package replies

import (
	"fmt"
	"strings"
)

// crossChecks looks across rows and files for likely mistakes that no single cell shows: the
// same activity entered twice, a state that replied in several files, a nil reply from a state
// that also reports activities.
type crossChecks struct {
	first   map[activityKey]Position
	nilRows map[string][]Position
	active  map[string]bool
	files   map[string][]Position // per state, its first row in each file, in reading order
	order   []string
}

type activityKey struct {
	state              string
	partner, area, typ int
	description        string
}

func newCrossChecks() *crossChecks {
	return &crossChecks{first: map[activityKey]Position{}, nilRows: map[string][]Position{},
		active: map[string]bool{}, files: map[string][]Position{}}
}

// activity records an activity; it returns the position of an earlier one with the same state,
// labels and (non-empty) description.
func (c *crossChecks) activity(a Activity, description string) (Position, bool) {
	c.active[a.State] = true
	c.inFile(a.State, a.Pos)
	if description == "" {
		return Position{}, false
	}
	k := activityKey{a.State, a.Partner, a.Area, a.Type, description}
	if first, ok := c.first[k]; ok && first != a.Pos {
		return first, true
	}
	if _, ok := c.first[k]; !ok {
		c.first[k] = a.Pos
	}
	return Position{}, false
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
