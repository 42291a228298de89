package survey

import (
	"fmt"
	"strings"
)

// The report's main charts, by the names a schema's charts key gives them.
const (
	// ChartAreas is the share of activities per area.
	ChartAreas = "areas"
	// ChartTypes is the share of activities per type of support.
	ChartTypes = "types"
	// ChartPartners is the share of activities per partner.
	ChartPartners = "partners"
	// ChartStatesPerPartner is the number of respondents (Member States) active per partner.
	ChartStatesPerPartner = "states-per-partner"
)

// MainCharts are the main charts in the order of note 7896/20 (Chart 1 areas, Chart 2 types of
// support, Chart 3 partners, Chart 4 Member States per partner): the order of a schema that sets
// none.
var MainCharts = []string{ChartAreas, ChartTypes, ChartPartners, ChartStatesPerPartner}

// ChartOrder is the order of the report's main charts: the schema's Charts, or MainCharts when
// it sets none. An empty, non-nil Charts means no main charts.
func (s *Schema) ChartOrder() []string {
	if s == nil || s.Charts == nil {
		return MainCharts
	}
	canonical, _ := CheckCharts(s.Charts)
	return append([]string{}, canonical...)
}

// CheckCharts reads a list of main charts: each name as MainCharts spell it (case and spaces
// do not matter), and what is wrong, per entry: a name that is none of MainCharts (with the
// closest one, for a typing slip), or a chart given twice.
func CheckCharts(names []string) (canonical []string, problems map[int]string) {
	problems = map[int]string{}
	valid := Dimension{Title: "chart"}
	for _, n := range MainCharts {
		valid.Values = append(valid.Values, Value{Label: n})
	}
	m, err := NewMatcher(&valid)
	if err != nil {
		panic(err) // MainCharts are distinct
	}
	seen := map[int]int{}
	for i, n := range names {
		c, ok := m.Match(n)
		if !ok {
			msg := fmt.Sprintf("unknown chart %q", n)
			if s := m.Suggest(n); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			problems[i] = msg + "; the main charts are " + strings.Join(MainCharts, ", ")
			continue
		}
		if j, dup := seen[c]; dup {
			problems[i] = fmt.Sprintf("chart %q is listed twice (entries %d and %d): give each chart once", MainCharts[c], j+1, i+1)
			continue
		}
		seen[c] = i
		canonical = append(canonical, MainCharts[c])
	}
	return canonical, problems
}
