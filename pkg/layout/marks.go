package layout

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/cellref"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// ticks are the marks that tick a box; unticked the marks that leave it empty. Compared in
// lower case, trimmed.
var (
	ticks    = []string{"x", "✓", "✔", "☒", "☑", "🗹", "yes", "y", "true"}
	unticked = []string{"☐", "□", "no", "n", "false", "0", "-", "–", "—"}
)

// TickMarks and UntickedMarks list the marks, for the documentation and for tests.
func TickMarks() []string     { return append([]string(nil), ticks...) }
func UntickedMarks() []string { return append([]string(nil), unticked...) }

func isTick(t string) bool {
	l := strings.ToLower(strings.TrimSpace(t))
	for _, m := range ticks {
		if l == m {
			return true
		}
	}
	return false
}

func isUnticked(t string) bool {
	l := strings.ToLower(strings.TrimSpace(t))
	if l == "" {
		return true
	}
	for _, m := range unticked {
		if l == m {
			return true
		}
	}
	return false
}

// count reads a count: a whole number, "3" or "3.0" as a spreadsheet may store it.
func count(t string) (int, bool) {
	t = strings.TrimSuffix(strings.TrimSpace(t), ".0")
	if t == "" || len(t) > 9 {
		return 0, false
	}
	for _, r := range t {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(t)
	return n, err == nil
}

func isCount(t string) bool {
	n, ok := count(t)
	return ok && n > 0
}

// item is a value a cell lists, with how many activities it stands for.
type item struct {
	label string
	n     int
}

// classify reads a cell of a value column: a number of activities (a tick is one, a count n is
// n, the column's own value is one), or the values of the key the cells list, or bad, the
// message saying why the cell cannot be read.
func (d *detector) classify(t string, colValue int) (int, []item, string) {
	if isUnticked(t) {
		return 0, nil, ""
	}
	if isTick(t) {
		return 1, nil, ""
	}
	if n, ok := count(t); ok {
		if n > MaxCount {
			return 0, nil, fmt.Sprintf("%s is more activities than a cell may stand for (at most %d): give a count of activities, or a mark", quote(t), MaxCount)
		}
		return n, nil, ""
	}
	if v, ok := d.m[d.across].Match(t); ok && v == colValue {
		return 1, nil, ""
	}
	if !d.hasCell {
		return 0, nil, fmt.Sprintf("%s is not a mark (X, ✓, yes), a count (2) or empty: write a mark for one activity, a count for several, or leave the cell empty",
			quote(t))
	}
	parts := splitList(t)
	if len(parts) == 1 && strings.Contains(t, ",") {
		if _, ok := d.m[d.cellKey].Match(strings.TrimSpace(t)); !ok {
			parts = strings.Split(t, ",")
		}
	}
	var items []item
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		label, n := itemCount(p)
		v, ok := d.m[d.cellKey].Match(label)
		if !ok {
			hint := ""
			if s := d.m[d.cellKey].Suggest(label); s != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", s)
			}
			return 0, nil, fmt.Sprintf("unknown %s %s in the cell%s: the cells list %s (%s; a count in brackets, \"%s (2)\", for several activities)",
				d.s.Dim(d.cellKey).Noun, quote(label), hint, d.plural(d.cellKey), d.example(d.cellKey), d.s.Labels(d.cellKey)[0])
		}
		if n > MaxCount {
			return 0, nil, fmt.Sprintf("%s is more activities than a cell may stand for (at most %d)", quote(p), MaxCount)
		}
		items = addItem(items, item{label: d.s.Dim(d.cellKey).Values[v].Label, n: n})
	}
	if len(items) == 0 {
		return 0, nil, fmt.Sprintf("%s is not a list of %s", quote(t), d.plural(d.cellKey))
	}
	return 0, items, ""
}

// addItem adds it to a cell's items. A value named twice in one cell counts once, as in a long
// table's cell ("Equipment; Equipment" is one activity): several are written with a count,
// "Equipment (2)"; of two counts the larger stands.
func addItem(items []item, it item) []item {
	for i := range items {
		if items[i].label == it.label {
			items[i].n = max(items[i].n, it.n)
			return items
		}
	}
	return append(items, it)
}

// itemCount reads "Equipment (2)", "2 x Equipment" or "2× Equipment": a label and a count.
func itemCount(p string) (string, int) {
	if strings.HasSuffix(p, ")") {
		if i := strings.LastIndex(p, "("); i > 0 {
			if n, ok := count(p[i+1 : len(p)-1]); ok && n > 0 {
				return strings.TrimSpace(p[:i]), n
			}
		}
	}
	for _, sep := range []string{" x ", " X ", "× ", " ×"} {
		if head, rest, ok := strings.Cut(p, sep); ok {
			if n, ok := count(head); ok && n > 0 {
				return strings.TrimSpace(rest), n
			}
		}
	}
	return p, 1
}

// splitList splits a cell that lists several values, one per line or separated by ";", as the
// long layout does.
func splitList(t string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(t, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// isTotal says whether a row label or column title is a total, which repeats what the other rows
// or columns say.
func isTotal(t string) bool {
	switch survey.NormalizeTitle(t) {
	case "total", "totals", "sum", "grand total", "total activities", "all":
		return true
	}
	return false
}

func cellName(c Cell) string {
	if c.Col == 0 {
		return fmt.Sprintf("row %d", c.Row)
	}
	return cellref.ColumnName(c.Col) + strconv.Itoa(c.Row)
}

const maxQuoted = 60

func quote(s string) string {
	r := []rune(s)
	if len(r) <= maxQuoted {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q...", string(r[:maxQuoted]))
}

func pick(one bool, a, b string) string {
	if one {
		return a
	}
	return b
}

func andList(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// baseName is a file's name without its folder, on any system.
func baseName(p string) string {
	return path.Base(strings.ReplaceAll(p, "\\", "/"))
}

func stripExt(name string) string { return strings.TrimSuffix(name, path.Ext(name)) }
