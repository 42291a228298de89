// Package compare compares two analyses of the same survey (two rounds, or two drafts of one
// round): who replied in one and not the other, who became active or inactive, and every figure
// of the note that moved. It does no I/O.
//
// Like the note's own tables, a comparison never says which respondent does what: it names the
// respondents that joined, left, or started or stopped reporting activities, and gives only
// aggregate counts otherwise. When a named respondent's activities are among the differences
// (see Result.Revealing), those differences are shown only when asked for.
package compare

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// Change is one figure that differs between the two analyses.
type Change struct {
	// Figure is a stable path naming the figure: "respondents", "active_states", "nil_replies",
	// "activities", "partner/Serbia/states", "partner_area/Albania/Legal migration/activities",
	// "area_type/Asylum/Expert assistance/states". Labels are escaped as in a JSON Pointer
	// (RFC 6901), "~" as "~0" and "/" as "~1", so that a label such as
	// "Information exchange/situational awareness" stays one segment; see Path and SplitPath.
	Figure   string
	Old, New int
}

// Diff is New - Old.
func (c Change) Diff() int { return c.New - c.Old }

// Result is the difference between two analyses.
type Result struct {
	// StatesJoined replied in the new analysis but not in the old; StatesLeft the reverse.
	StatesJoined, StatesLeft []string
	// BecameActive reported at least one activity in the new analysis but none in the old (or
	// did not reply to it); BecameInactive the reverse.
	BecameActive, BecameInactive []string
	// Changes lists every figure that moved: the overview, then per partner, area, type,
	// partner x area, partner x type and area x type, each in questionnaire order and, within a
	// category, states before activities.
	Changes []Change
}

// Changed reports whether anything differs: a figure, or who replied or was active.
func (r Result) Changed() bool {
	return len(r.Changes) > 0 || len(r.StatesJoined) > 0 || len(r.StatesLeft) > 0 ||
		len(r.BecameActive) > 0 || len(r.BecameInactive) > 0
}

// Revealing lists, sorted, the respondents whose own activities make up part of the
// differences while the comparison names them: those that became active (including by joining
// with activities) or inactive (including by leaving). When one alone became active, every
// difference in activities is what it reported. Tables leave such differences out, and the
// CLI refuses to write them as JSON, unless --by-state is given (docs/confidentiality.md).
// Who joined or left with no activity reveals nothing of what anyone does.
func (r Result) Revealing() []string {
	out := append(append([]string{}, r.BecameActive...), r.BecameInactive...)
	slices.Sort(out)
	return out
}

// WithheldReason says why differences are withheld when Revealing is not empty: "Austria
// became active, and the differences in activities would say what it does".
func (r Result) WithheldReason() string {
	return becameWhat(r) + ", and the differences in activities would say what " + pronounDoes(r.Revealing())
}

// becameWhat says who became active or inactive: "Austria became active; Belgium and Croatia
// became inactive".
func becameWhat(r Result) string {
	var parts []string
	if len(r.BecameActive) > 0 {
		parts = append(parts, joinNames(r.BecameActive)+" became active")
	}
	if len(r.BecameInactive) > 0 {
		parts = append(parts, joinNames(r.BecameInactive)+" became inactive")
	}
	return strings.Join(parts, "; ")
}

func pronounDoes(names []string) string {
	if len(names) == 1 {
		return "it does"
	}
	return "they do"
}

// joinNames lists names as "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// Shown is the figures that a comparison shows without --by-state when Revealing is not empty:
// who replied and who is active, which the names of the replies table say already.
func (r Result) Shown() []Change {
	var out []Change
	for _, c := range r.Changes {
		if c.Figure == FigRespondents || c.Figure == FigActiveStates || c.Figure == FigNilReplies {
			out = append(out, c)
		}
	}
	return out
}

// Figure names of the overview.
const (
	FigRespondents  = "respondents"
	FigActiveStates = "active_states"
	FigNilReplies   = "nil_replies"
	FigActivities   = "activities"
)

// Prefixes of the per-category figures; a full figure is Path(prefix, labels..., measure).
const (
	FigPartner     = "partner"
	FigArea        = "area"
	FigType        = "type"
	FigPartnerArea = "partner_area"
	FigPartnerType = "partner_type"
	FigAreaType    = "area_type"

	MeasureStates     = "states"
	MeasureActivities = "activities"
)

var escaper = strings.NewReplacer("~", "~0", "/", "~1")
var unescaper = strings.NewReplacer("~1", "/", "~0", "~")

// Path joins the segments of a figure with "/", escaping "~" and "/" in each as a JSON Pointer
// does (RFC 6901).
func Path(segments ...string) string {
	esc := make([]string, len(segments))
	for i, s := range segments {
		esc[i] = escaper.Replace(s)
	}
	return strings.Join(esc, "/")
}

// SplitPath is the inverse of Path.
func SplitPath(figure string) []string {
	parts := strings.Split(figure, "/")
	for i, p := range parts {
		parts[i] = unescaper.Replace(p)
	}
	return parts
}

// Compare computes what changed from old to new. It fails when either is nil or malformed, or
// when the two do not list the same partners, areas and types in the same order: they are then
// analyses of different surveys and their figures cannot be set side by side.
func Compare(old, new *tally.Analysis) (Result, error) {
	if err := compatible(old, new); err != nil {
		return Result{}, err
	}
	var r Result
	oldStates, newStates := set(old.States), set(new.States)
	r.StatesJoined = minus(newStates, oldStates)
	r.StatesLeft = minus(oldStates, newStates)
	oldActive, newActive := active(old), active(new)
	r.BecameActive = minus(newActive, oldActive)
	r.BecameInactive = minus(oldActive, newActive)

	add := func(fig string, o, n int) {
		if o != n {
			r.Changes = append(r.Changes, Change{Figure: fig, Old: o, New: n})
		}
	}
	addCell := func(o, n tally.Cell, segments ...string) {
		add(Path(append(segments, MeasureStates)...), o.States, n.States)
		add(Path(append(segments, MeasureActivities)...), o.Activities, n.Activities)
	}
	add(FigRespondents, old.Respondents, new.Respondents)
	add(FigActiveStates, old.ActiveStates, new.ActiveStates)
	add(FigNilReplies, old.NilReplies(), new.NilReplies())
	add(FigActivities, old.Activities, new.Activities)
	for _, d := range dims(old, new) {
		for i := range d.oldCells {
			addCell(d.oldCells[i], d.newCells[i], d.prefix, d.labels[i])
		}
	}
	for _, g := range grids(old, new) {
		for i := range g.oldCells {
			for j := range g.oldCells[i] {
				addCell(g.oldCells[i][j], g.newCells[i][j], g.prefix, g.rows[i], g.cols[j])
			}
		}
	}
	return r, nil
}

// dimension is one dimension's cells in both analyses.
type dimension struct {
	prefix             string
	labels             []string
	oldCells, newCells []tally.Cell
}

func dims(old, new *tally.Analysis) []dimension {
	return []dimension{
		{FigPartner, old.Partners, old.Partner, new.Partner},
		{FigArea, old.Areas, old.Area, new.Area},
		{FigType, old.Types, old.Type, new.Type},
	}
}

// crossTab is one cross-tabulation in both analyses.
type crossTab struct {
	prefix             string
	rows, cols         []string
	oldCells, newCells [][]tally.Cell
}

func grids(old, new *tally.Analysis) []crossTab {
	return []crossTab{
		{FigPartnerArea, old.Partners, old.Areas, old.PartnerArea, new.PartnerArea},
		{FigPartnerType, old.Partners, old.Types, old.PartnerType, new.PartnerType},
		{FigAreaType, old.Areas, old.Types, old.AreaType, new.AreaType},
	}
}

// compatible checks that old and new can be compared cell by cell.
func compatible(old, new *tally.Analysis) error {
	if old == nil || new == nil {
		return fmt.Errorf("compare: missing analysis")
	}
	for _, l := range []struct {
		what     string
		old, new []string
	}{{"partners", old.Partners, new.Partners}, {"areas", old.Areas, new.Areas}, {"types", old.Types, new.Types}} {
		if !slices.Equal(l.old, l.new) {
			return fmt.Errorf("compare: the two analyses list different %s (%s / %s): they are not of the same survey",
				l.what, quoteList(l.old), quoteList(l.new))
		}
	}
	for _, a := range []struct {
		name string
		a    *tally.Analysis
	}{{"old", old}, {"new", new}} {
		if err := wellFormed(a.a); err != nil {
			return fmt.Errorf("compare: %s analysis: %w", a.name, err)
		}
	}
	return nil
}

func wellFormed(a *tally.Analysis) error {
	nP, nA, nT := len(a.Partners), len(a.Areas), len(a.Types)
	if len(a.Partner) != nP || len(a.Area) != nA || len(a.Type) != nT {
		return fmt.Errorf("per-category counts do not match the label lists")
	}
	for _, g := range []struct {
		cells      [][]tally.Cell
		rows, cols int
	}{{a.PartnerArea, nP, nA}, {a.PartnerType, nP, nT}, {a.AreaType, nA, nT}} {
		if len(g.cells) != g.rows {
			return fmt.Errorf("cross-tabulation does not match the label lists")
		}
		for _, row := range g.cells {
			if len(row) != g.cols {
				return fmt.Errorf("cross-tabulation does not match the label lists")
			}
		}
	}
	return nil
}

func quoteList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func set(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// active is the set of respondents with at least one activity.
func active(a *tally.Analysis) map[string]bool {
	m := map[string]bool{}
	for _, sc := range a.ByState {
		if sc.Activities > 0 {
			m[sc.State] = true
		}
	}
	return m
}

// minus lists, sorted, the names in a but not in b; never nil.
func minus(a, b map[string]bool) []string {
	out := []string{}
	for n := range a {
		if !b[n] {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}
