package cli

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/buildinfo"
	"github.com/mapsurvey/mapsurvey/pkg/contract"
	"github.com/mapsurvey/mapsurvey/pkg/crosstab"
	"github.com/mapsurvey/mapsurvey/pkg/percent"
	"github.com/mapsurvey/mapsurvey/pkg/records"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/table"
)

// crossTabDoc is the JSON document of a general run (contract.CrossTabID).
func crossTabDoc(ds *records.Dataset) contract.CrossTab {
	res := ds.Result
	doc := contract.CrossTab{
		Schema: contract.CrossTabID, Mapsurvey: buildinfo.Get(), Survey: ds.Schema.Title, Respondent: ds.Schema.Respondent,
		Respondents: res.Replied, ActiveRespondents: res.Total.Respondents, Activities: res.Total.Activities,
		Filter: append([]string{}, ds.Filters...), Key: append([]string{}, ds.KeyColumns...), Duplicates: res.Duplicates,
		Total: jsonCell(nil, res.Total, ds.SumColumn != ""),
	}
	for _, s := range ds.Sources {
		doc.Rows.Read += s.Rows
		doc.Rows.Kept += s.Kept
		doc.Sources = append(doc.Sources, contract.CrossSource{File: slashPath(s.File), Sheet: s.Sheet, HeaderRow: s.HeaderRow, HXLRow: s.HXLRow})
	}
	if ds.SumColumn != "" {
		doc.Amount = &contract.AmountSpec{Column: ds.SumColumn, Split: ds.Split}
	}
	for _, d := range ds.Dims {
		vals := make([]string, len(d.Order))
		for i, v := range d.Order {
			vals[i] = d.Labels[v]
		}
		doc.Dimensions = append(doc.Dimensions, contract.Dimension{Name: d.Name, Title: d.Title, Noun: d.Noun, Values: vals})
	}
	for _, t := range res.Tables {
		ct := contract.CrossTable{Dimensions: []string{}, Cells: []contract.Cell{}}
		for _, d := range t.Dims {
			ct.Dimensions = append(ct.Dimensions, ds.Dims[d].Name)
		}
		for _, c := range t.Cells {
			labels := make([]string, len(c.Values))
			for i, v := range c.Values {
				labels[i] = ds.Dims[t.Dims[i]].Labels[v]
			}
			ct.Cells = append(ct.Cells, jsonCell(labels, c, ds.SumColumn != ""))
		}
		doc.Tables = append(doc.Tables, ct)
	}
	return doc
}

func jsonCell(labels []string, c crosstab.Cell, amounts bool) contract.Cell {
	out := contract.Cell{Values: labels, Respondents: c.Respondents, Activities: c.Activities}
	if amounts {
		a := &contract.Amount{N: c.Amount.N, Sum: c.Amount.Sum}
		if c.Amount.N > 0 {
			minV, maxV, mean := c.Amount.Min, c.Amount.Max, c.Amount.Mean()
			a.Min, a.Max, a.Mean = &minV, &maxV, &mean
		}
		out.Amount = a
	}
	return out
}

func slashPath(p string) string { return strings.ReplaceAll(p, `\`, "/") }

// crossTables are the tables of a general run: an overview, one table per dimension, and one
// per combination of dimensions (listing only the combinations with activities).
func crossTables(ds *records.Dataset, order render.Order, decimals int) []render.Table {
	res := ds.Result
	s := ds.Schema
	resp, resps := survey.Capitalize(s.Respondents), s.Respondents
	conditions := runConditions(ds)
	overview := render.Table{Name: "01-overview", Title: "Overview",
		Columns: []table.Column{{Title: "", Kind: table.Label}, {Title: "Number", Kind: table.Count}}}
	row := func(label string, n int) {
		overview.Rows = append(overview.Rows, []table.Value{{Text: label, Raw: label}, countValue(n)})
	}
	read, kept := 0, 0
	for _, src := range ds.Sources {
		read, kept = read+src.Rows, kept+src.Kept
	}
	row("Rows read", read)
	if len(ds.Filters) > 0 {
		// Said in the table itself, so that CSV, which has no captions, states it too.
		row("Rows kept where "+strings.Join(ds.FilterWords, " and "), kept)
	}
	row(resp+" with rows counted", res.Replied)
	row(resp+" with at least one activity", res.Total.Respondents)
	row("Activities", res.Total.Activities)
	if len(ds.KeyColumns) > 0 {
		row("Repeated reports of a presence (counted once)", res.Duplicates)
	}
	overview.Caption = strings.Join(append([]string{"Activities are combinations of the values of " + strings.Join(dimTitles(ds), ", ") + "."}, conditions...), " ")
	tables := []render.Table{overview}
	ranks := make([][]int, len(ds.Dims)) // per dimension, each value's position in the tables
	for ti, t := range res.Tables {
		if len(t.Dims) != 1 {
			continue
		}
		d := ds.Dims[t.Dims[0]]
		cells := slices.Clone(t.Cells)
		sortCells(cells, d, order)
		ranks[t.Dims[0]] = make([]int, len(d.Labels))
		for i, c := range cells {
			ranks[t.Dims[0]][c.Values[0]] = i
		}
		acts := make([]int, len(cells))
		for i, c := range cells {
			acts[i] = c.Activities
		}
		shares := percent.LargestRemainder(acts, res.Total.Activities, decimals)
		tab := render.Table{Name: fmt.Sprintf("%02d-%s", len(tables)+1, survey.Slug(d.Name)),
			Title: fmt.Sprintf("%s and activities per %s", resp, d.Noun),
			Columns: []table.Column{{Title: d.Title, Kind: table.Label}, {Title: resp, Kind: table.Count}, {Title: "% of " + resps, Kind: table.Share},
				{Title: "Activities", Kind: table.Count}, {Title: "% of activities", Kind: table.Share}},
		}
		tab.Columns = append(tab.Columns, amountColumns(ds)...)
		for i, c := range cells {
			r := []table.Value{labelValue(d.Labels[c.Values[0]]), countValue(c.Respondents),
				shareValue(percent.Round(c.Respondents, res.Total.Respondents, decimals), percent.Exact(c.Respondents, res.Total.Respondents), decimals),
				countValue(c.Activities), shareValue(shares[i], percent.Exact(c.Activities, res.Total.Activities), decimals)}
			tab.Rows = append(tab.Rows, append(r, amountValues(ds, c.Amount)...))
		}
		total := []table.Value{labelValue("Total"), countValue(res.Total.Respondents), shareValue(percent.Round(1, 1, decimals), 100, decimals),
			countValue(res.Total.Activities), shareValue(percent.Round(1, 1, decimals), 100, decimals)}
		tab.Total = append(total, amountValues(ds, res.Total.Amount)...)
		tab.Caption = strings.Join(append([]string{fmt.Sprintf("n = %s; n = %s with activities. %s are not additive: one active in several %s counts in each. Shares of activities add up to 100%%.",
			survey.Activities(res.Total.Activities), survey.CountOf(res.Total.Respondents, s.Respondent, s.Respondents), resp, d.Plural)},
			conditions...), " ")
		_ = ti
		tables = append(tables, tab)
	}
	for _, t := range res.Tables {
		if len(t.Dims) < 2 {
			continue
		}
		cells := slices.Clone(t.Cells)
		slices.SortStableFunc(cells, func(a, b crosstab.Cell) int {
			for i, d := range t.Dims {
				if c := cmp.Compare(ranks[d][a.Values[i]], ranks[d][b.Values[i]]); c != 0 {
					return c
				}
			}
			return 0
		})
		var names, nouns []string
		tab := render.Table{}
		for _, d := range t.Dims {
			names = append(names, ds.Dims[d].Name)
			nouns = append(nouns, ds.Dims[d].Noun)
			tab.Columns = append(tab.Columns, table.Column{Title: ds.Dims[d].Title, Kind: table.Label})
		}
		tab.Name = fmt.Sprintf("%02d-%s", len(tables)+1, survey.Slug(strings.Join(names, "-")))
		tab.Title = fmt.Sprintf("%s and activities per %s", resp, strings.Join(nouns, " and "))
		tab.Columns = append(tab.Columns, table.Column{Title: resp, Kind: table.Count}, table.Column{Title: "Activities", Kind: table.Count})
		tab.Columns = append(tab.Columns, amountColumns(ds)...)
		for _, c := range cells {
			var r []table.Value
			for i, v := range c.Values {
				r = append(r, labelValue(ds.Dims[t.Dims[i]].Labels[v]))
			}
			r = append(r, countValue(c.Respondents), countValue(c.Activities))
			tab.Rows = append(tab.Rows, append(r, amountValues(ds, c.Amount)...))
		}
		all := 1
		for _, d := range t.Dims {
			all *= len(ds.Dims[d].Labels)
		}
		tab.Caption = strings.Join(append([]string{fmt.Sprintf("Only the %d combinations with activities are listed (of %d possible).", len(cells), all)},
			conditions...), " ")
		tables = append(tables, tab)
	}
	return tables
}

// runConditions are the sentences every table's caption ends with: the filter, the key and the
// split it ran under.
func runConditions(ds *records.Dataset) []string {
	var out []string
	if len(ds.Filters) > 0 {
		out = append(out, "Only rows where "+strings.Join(ds.FilterWords, " and ")+".")
	}
	if len(ds.KeyColumns) > 0 {
		out = append(out, "One presence per "+strings.Join(ds.KeyColumns, ", ")+": repeated reports counted once.")
	}
	switch {
	case ds.Split == "even":
		out = append(out, "The amount of a row of several activities is shared evenly among them.")
	case ds.Split != "":
		var by []string
		for _, part := range strings.Split(ds.Split, ",") {
			dim, col, _ := strings.Cut(part, "=")
			by = append(by, fmt.Sprintf("of several %s values by the percentages in %s", strings.TrimSpace(dim), strings.TrimSpace(col)))
		}
		out = append(out, "The amount of a row "+strings.Join(by, ", and ")+" is shared accordingly; other values share evenly.")
	}
	return out
}

func dimTitles(ds *records.Dataset) []string {
	out := make([]string, len(ds.Dims))
	for i, d := range ds.Dims {
		out[i] = d.Title
	}
	return out
}

// sortCells orders a dimension's cells by size (respondents, then activities, then label), or
// in questionnaire order.
func sortCells(cells []crosstab.Cell, d records.DimInfo, order render.Order) {
	pos := make([]int, len(d.Labels))
	for i, v := range d.Order {
		pos[v] = i
	}
	slices.SortStableFunc(cells, func(a, b crosstab.Cell) int {
		if order == render.BySize {
			if c := cmp.Compare(b.Respondents, a.Respondents); c != 0 {
				return c
			}
			if c := cmp.Compare(b.Activities, a.Activities); c != 0 {
				return c
			}
			return cmp.Compare(d.Labels[a.Values[0]], d.Labels[b.Values[0]])
		}
		return cmp.Compare(pos[a.Values[0]], pos[b.Values[0]])
	})
}

func amountColumns(ds *records.Dataset) []table.Column {
	if ds.SumColumn == "" {
		return nil
	}
	return []table.Column{{Title: "Sum of " + ds.SumColumn, Kind: table.Count}, {Title: "Mean", Kind: table.Count},
		{Title: "Min", Kind: table.Count}, {Title: "Max", Kind: table.Count}}
}

func amountValues(ds *records.Dataset, s crosstab.Stats) []table.Value {
	if ds.SumColumn == "" {
		return nil
	}
	if s.N == 0 {
		return []table.Value{amountValue(0), {Text: "-", Raw: ""}, {Text: "-", Raw: ""}, {Text: "-", Raw: ""}}
	}
	return []table.Value{amountValue(s.Sum), amountValue(s.Mean()), amountValue(s.Min), amountValue(s.Max)}
}

// amountValue shows an amount with two decimals and thousands separated by commas; CSV carries
// the exact value.
func amountValue(v float64) table.Value {
	if math.IsNaN(v) {
		return table.Value{Text: "-", Raw: ""}
	}
	return table.Value{Text: groupThousands(strconv.FormatFloat(v, 'f', 2, 64)), Raw: strconv.FormatFloat(v, 'f', -1, 64)}
}

func groupThousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

func labelValue(s string) table.Value { return table.Value{Text: s, Raw: s} }

func countValue(n int) table.Value {
	s := strconv.Itoa(n)
	return table.Value{Text: s, Raw: s}
}

func shareValue(u percent.Units, exact float64, decimals int) table.Value {
	return table.Value{Text: percent.Format(u, decimals), Raw: strconv.FormatFloat(math.Round(exact*10)/10, 'f', 1, 64)}
}
