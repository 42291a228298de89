package cli

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/crosstab"
	"github.com/mapsurvey/mapsurvey/pkg/percent"
	"github.com/mapsurvey/mapsurvey/pkg/records"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// The most categories a chart of the general model shows one by one: the rest are one bar
// ("Other: 37 sectors") or left out of a heat map, which says so, so that a chart of 100
// districts stays legible.
const (
	maxBars     = 25
	maxHeatRows = 30
	maxHeatCols = 15 // column labels stand side by side: fewer fit
)

// crossCharts are the charts of a general run: per dimension, the share of activities and the
// respondents; per pair of dimensions, a heat map of respondents. Every subtitle states the
// base and the filter, key and split the run was under.
func crossCharts(ds *records.Dataset, decimals int) []chart.Chart {
	res := ds.Result
	s := ds.Schema
	conditions := strings.Join(runConditions(ds), " ")
	var out []chart.Chart
	n := 0
	byActivities := map[int][]crosstab.Cell{} // per dimension, its cells by activities
	for _, t := range res.Tables {
		if len(t.Dims) != 1 {
			continue
		}
		d := ds.Dims[t.Dims[0]]
		cells := slices.Clone(t.Cells)
		slices.SortStableFunc(cells, func(a, b crosstab.Cell) int {
			if c := cmp.Compare(b.Activities, a.Activities); c != 0 {
				return c
			}
			return cmp.Compare(b.Respondents, a.Respondents)
		})
		byActivities[t.Dims[0]] = cells
		shown, rest := cells, []crosstab.Cell(nil)
		if len(cells) > maxBars {
			shown, rest = cells[:maxBars-1], cells[maxBars-1:]
		}
		acts := make([]int, 0, len(shown)+1)
		for _, c := range shown {
			acts = append(acts, c.Activities)
		}
		other := 0
		for _, c := range rest {
			other += c.Activities
		}
		if len(rest) > 0 {
			acts = append(acts, other)
		}
		shares := percent.LargestRemainder(acts, res.Total.Activities, decimals)
		n++
		share := chart.Bars{Heading: chart.Heading{Name: fmt.Sprintf("%02d-%s-activity-share", n, survey.Slug(d.Name)),
			Title:    "Share of activities per " + d.Noun,
			Subtitle: strings.TrimSpace(fmt.Sprintf("n = %s. %s", survey.Activities(res.Total.Activities), conditions))},
			Axis: "% of activities"}
		resp := chart.Bars{Heading: chart.Heading{Name: fmt.Sprintf("%02d-%s-%s", n, survey.Slug(d.Name), survey.Slug(s.Respondents)),
			Title: survey.Capitalize(s.Respondents) + " per " + d.Noun,
			Subtitle: strings.TrimSpace(fmt.Sprintf("n = %s with activities; not additive. %s",
				survey.CountOf(res.Total.Respondents, s.Respondent, s.Respondents), conditions))},
			Axis: s.Respondents, Max: float64(res.Total.Respondents)}
		for i, c := range shown {
			label := d.Labels[c.Values[0]]
			share.Bars = append(share.Bars, chart.Bar{Label: label, Value: percent.Exact(c.Activities, res.Total.Activities),
				Text: fmt.Sprintf("%s%% (%d)", percent.Format(shares[i], decimals), c.Activities), Colour: chart.OneMeasure})
		}
		// Respondents are not additive: no "other" bar, the largest in their own order, as the
		// table beside lists them.
		byResp := slices.Clone(cells)
		slices.SortStableFunc(byResp, func(a, b crosstab.Cell) int { return cmp.Compare(b.Respondents, a.Respondents) })
		for _, c := range byResp[:min(len(byResp), maxBars-1)] {
			resp.Bars = append(resp.Bars, chart.Bar{Label: d.Labels[c.Values[0]], Value: float64(c.Respondents), Text: fmt.Sprint(c.Respondents), Colour: chart.OneMeasure})
		}
		if len(rest) > 0 {
			label := fmt.Sprintf("Other: %d %s", len(rest), d.Plural)
			share.Bars = append(share.Bars, chart.Bar{Label: label, Value: percent.Exact(other, res.Total.Activities),
				Text: fmt.Sprintf("%s%% (%d)", percent.Format(shares[len(shown)], decimals), other), Colour: chart.OneMeasure})
			resp.Footnotes = append(resp.Footnotes, fmt.Sprintf("The %d %s with the most activities; %d more not shown.", len(shown), d.Plural, len(rest)))
		}
		for _, b := range share.Bars {
			share.Max = max(share.Max, b.Value)
		}
		out = append(out, &share, &resp)
	}
	for _, t := range res.Tables {
		if len(t.Dims) != 2 {
			continue
		}
		// The dimension with more values runs down the side, where long lists fit.
		r0, c0 := 0, 1
		if len(ds.Dims[t.Dims[1]].Labels) > len(ds.Dims[t.Dims[0]].Labels) {
			r0, c0 = 1, 0
		}
		rowDim, colDim := ds.Dims[t.Dims[r0]], ds.Dims[t.Dims[c0]]
		rows, cols := firstOf(byActivities[t.Dims[r0]], maxHeatRows), firstOf(byActivities[t.Dims[c0]], maxHeatCols)
		heat := chart.Heat{Legend: s.Respondents}
		rowAt, colAt := map[int]int{}, map[int]int{}
		for i, v := range rows {
			rowAt[v] = i
			heat.Rows = append(heat.Rows, rowDim.Labels[v])
			heat.Values = append(heat.Values, make([]int, len(cols)))
		}
		for j, v := range cols {
			colAt[v] = j
			heat.Cols = append(heat.Cols, colDim.Labels[v])
		}
		for _, c := range t.Cells {
			i, okR := rowAt[c.Values[r0]]
			j, okC := colAt[c.Values[c0]]
			if okR && okC {
				heat.Values[i][j] = c.Respondents
				heat.Max = max(heat.Max, c.Respondents)
			}
		}
		n++
		heat.Heading = chart.Heading{Name: fmt.Sprintf("%02d-%s-%s-%s", n, survey.Slug(rowDim.Name), survey.Slug(colDim.Name), survey.Slug(s.Respondents)),
			Title:    fmt.Sprintf("%s per %s and %s", survey.Capitalize(s.Respondents), rowDim.Noun, colDim.Noun),
			Subtitle: strings.TrimSpace(fmt.Sprintf("Empty cells: no %s. %s", s.Respondent, conditions))}
		if len(rows) < len(rowDim.Labels) || len(cols) < len(colDim.Labels) {
			heat.Footnotes = append(heat.Footnotes, fmt.Sprintf("The %d %s and %d %s with the most activities (of %d and %d).",
				len(rows), rowDim.Plural, len(cols), colDim.Plural, len(rowDim.Labels), len(colDim.Labels)))
		}
		out = append(out, &heat)
	}
	return out
}

// firstOf is the value indices of the first n cells.
func firstOf(cells []crosstab.Cell, n int) []int {
	out := make([]int, 0, min(n, len(cells)))
	for _, c := range cells[:min(n, len(cells))] {
		out = append(out, c.Values[0])
	}
	return out
}
