package crosstab_test

import (
	"math"
	"reflect"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/crosstab"
)

func count(t *testing.T, combos [][]int, recs ...crosstab.Record) *crosstab.Result {
	t.Helper()
	c, err := crosstab.New([]string{"sector", "adm1"}, combos)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if _, err := c.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	return c.Result()
}

func vals(v ...[]int) [][]int { return v }

func TestCountsRespondentsOncePerCellAndActivitiesPerCombination(t *testing.T) {
	res := count(t, [][]int{{0}, {1}, {0, 1}},
		crosstab.Record{Respondent: 0, Values: vals([]int{0, 1}, []int{0})}, // 2 activities
		crosstab.Record{Respondent: 0, Values: vals([]int{0}, []int{0, 1})}, // 2 more, sector 0 again
		crosstab.Record{Respondent: 1, Values: vals([]int{1}, []int{1})},
		crosstab.Record{Respondent: 2, Values: vals(nil, []int{1})}, // a reply with no activity
	)
	if res.Replied != 3 || res.Total.Respondents != 2 || res.Total.Activities != 5 {
		t.Fatalf("replied %d, total %+v", res.Replied, res.Total)
	}
	want := [][]crosstab.Cell{
		{{Values: []int{0}, Respondents: 1, Activities: 3}, {Values: []int{1}, Respondents: 2, Activities: 2}},
		{{Values: []int{0}, Respondents: 1, Activities: 3}, {Values: []int{1}, Respondents: 2, Activities: 2}},
		{
			{Values: []int{0, 0}, Respondents: 1, Activities: 2},
			{Values: []int{0, 1}, Respondents: 1, Activities: 1},
			{Values: []int{1, 0}, Respondents: 1, Activities: 1},
			{Values: []int{1, 1}, Respondents: 1, Activities: 1},
		},
	}
	for i, tab := range res.Tables {
		if !reflect.DeepEqual(tab.Cells, want[i]) {
			t.Errorf("table %v:\n got %+v\nwant %+v", tab.Dims, tab.Cells, want[i])
		}
	}
}

func TestOnlyCellsWithActivitiesAreKept(t *testing.T) {
	res := count(t, [][]int{{0, 1}}, crosstab.Record{Respondent: 0, Values: vals([]int{40}, []int{70})})
	if len(res.Tables[0].Cells) != 1 || !reflect.DeepEqual(res.Tables[0].Cells[0].Values, []int{40, 70}) {
		t.Fatalf("cells %+v", res.Tables[0].Cells)
	}
}

func TestPresenceKeyCountsRepeatedReportsOnce(t *testing.T) {
	// Monthly reports of the same organisation in the same sector and district: one presence.
	rec := func(resp int, sector, adm int, key string) crosstab.Record {
		return crosstab.Record{Respondent: resp, Values: vals([]int{sector}, []int{adm}), Key: key, KeyDims: []int{0, 1}}
	}
	res := count(t, [][]int{{0}},
		rec(0, 0, 0, "org0"), rec(0, 0, 0, "org0"), rec(0, 0, 1, "org0"), rec(1, 0, 0, "org1"),
	)
	if res.Total.Activities != 3 || res.Duplicates != 1 {
		t.Fatalf("activities %d, duplicates %d", res.Total.Activities, res.Duplicates)
	}
	// Without a key, every report counts.
	res = count(t, [][]int{{0}}, rec(0, 0, 0, ""), rec(0, 0, 0, ""))
	if res.Total.Activities != 2 || res.Duplicates != 0 {
		t.Fatalf("without key: activities %d, duplicates %d", res.Total.Activities, res.Duplicates)
	}
}

func TestKeyOnlyOverItsDimensions(t *testing.T) {
	// The key names the sector but not the province: a second province of the same sector is
	// a repeat.
	res := count(t, [][]int{{1}},
		crosstab.Record{Respondent: 0, Values: vals([]int{0}, []int{0, 1}), Key: "org0", KeyDims: []int{0}})
	if res.Total.Activities != 1 || res.Duplicates != 1 {
		t.Fatalf("activities %d, duplicates %d", res.Total.Activities, res.Duplicates)
	}
}

func TestAmountsSplitEvenlyOrByWeights(t *testing.T) {
	res := count(t, [][]int{{0}},
		crosstab.Record{Respondent: 0, Values: vals([]int{0, 1}, []int{0}), Amount: 1000, HasAmount: true},
		crosstab.Record{Respondent: 1, Values: vals([]int{0, 1}, []int{0}), Weights: [][]float64{{0.75, 0.25}, nil},
			Amount: 400, HasAmount: true},
		crosstab.Record{Respondent: 1, Values: vals([]int{1}, []int{0})}, // no amount: not in N
	)
	got := res.Tables[0].Cells
	want := []crosstab.Stats{{N: 2, Sum: 800, Min: 300, Max: 500}, {N: 2, Sum: 600, Min: 100, Max: 500}}
	for i := range want {
		if got[i].Amount != want[i] {
			t.Errorf("sector %d: %+v, want %+v", i, got[i].Amount, want[i])
		}
	}
	if got[1].Activities != 3 || got[1].Amount.Mean() != 300 {
		t.Errorf("sector 1: %d activities, mean %v", got[1].Activities, got[1].Amount.Mean())
	}
	if res.Total.Amount.Sum != 1400 {
		t.Errorf("total sum %v, want 1400: splitting keeps the whole", res.Total.Amount.Sum)
	}
	if !math.IsNaN((crosstab.Stats{}).Mean()) {
		t.Error("the mean of no amounts is not NaN")
	}
}

func TestNewRefusesBadCombinations(t *testing.T) {
	for _, combo := range [][]int{{}, {2}, {1, 0}, {0, 0}, {-1}} {
		if _, err := crosstab.New([]string{"a", "b"}, [][]int{combo}); err == nil {
			t.Errorf("%v accepted", combo)
		}
	}
	c, _ := crosstab.New([]string{"a", "b"}, [][]int{{0}})
	if _, err := c.Add(crosstab.Record{Values: vals([]int{0})}); err == nil {
		t.Error("a record with too few dimensions accepted")
	}
	if _, err := c.Add(crosstab.Record{Values: vals([]int{0, 1}, []int{0}), Weights: [][]float64{{1}, nil}}); err == nil {
		t.Error("weights not parallel to values accepted")
	}
}

func TestManyRespondentsInOneCell(t *testing.T) {
	c, _ := crosstab.New([]string{"a"}, [][]int{{0}})
	for i := 0; i < 1000; i++ {
		c.Add(crosstab.Record{Respondent: i % 300, Values: vals([]int{i % 2})})
	}
	res := c.Result()
	if res.Total.Respondents != 300 || res.Tables[0].Cells[0].Respondents != 150 || res.Tables[0].Cells[1].Respondents != 150 {
		t.Fatalf("total %d, cells %+v", res.Total.Respondents, res.Tables[0].Cells)
	}
}
