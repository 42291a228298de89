package compare_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/compare"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// round2 changes base: Denmark joins with a nil reply, Croatia becomes active in Serbia, and
// Austria adds an activity in Albania.
func round2(t *testing.T) *tally.Analysis {
	return analysis(t, []string{"Austria", "Belgium", "Croatia", "Denmark"},
		act{"Austria", "Albania", "Asylum", "Expert assistance"},
		act{"Austria", "Albania", "Asylum", "Equipment"},
		act{"Austria", "Serbia", "Return", "Equipment"},
		act{"Belgium", "Serbia", "Return", "Financial assistance"},
		act{"Croatia", "Serbia", "Border management", "Equipment"},
	)
}

// tablesOf sets old and new side by side with every difference shown (--by-state): round2's
// Croatia becomes active, whose differences are otherwise withheld.
func tablesOf(t *testing.T, old, new *tally.Analysis) []render.Table {
	t.Helper()
	return compare.Tables(mustCompare(t, old, new), old, new, survey.Builtin(), compare.Options{ByState: true})
}

func table(t *testing.T, tables []render.Table, name string) render.Table {
	t.Helper()
	for _, tb := range tables {
		if tb.Name == name {
			return tb
		}
	}
	t.Fatalf("no table %s", name)
	return render.Table{}
}

// texts returns the shown text of each row.
func texts(rows [][]render.Value) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		for _, v := range r {
			out[i] = append(out[i], v.Text)
		}
	}
	return out
}

func TestTableNames(t *testing.T) {
	var names []string
	for _, tb := range tablesOf(t, base(t), round2(t)) {
		names = append(names, tb.Name)
	}
	want := []string{"01-replies", "02-overview", "03-partners", "04-areas", "05-types",
		"06-partner-area", "07-partner-type", "08-area-type"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("tables %q, want %q", names, want)
	}
}

func TestTableRows(t *testing.T) {
	tables := tablesOf(t, base(t), round2(t))
	tests := []struct {
		name  string
		rows  [][]string
		total []string
	}{
		{"01-replies", [][]string{
			{"Joined (replied in new, not in old)", "1", "Denmark"},
			{"Left (replied in old, not in new)", "0", "(none)"},
			{"Became active (activities in new, none in old)", "1", "Croatia"},
			{"Became inactive (activities in old, none in new)", "0", "(none)"},
		}, nil},
		{"02-overview", [][]string{
			{"Replies (Member States that replied)", "3", "4", "+1"},
			{"Member States with at least one activity", "2", "3", "+1"},
			{"Member States with no activity (nil replies)", "1", "1", "0"},
			{"Activities", "3", "5", "+2"},
		}, nil},
		// Every partner, changed or not, in questionnaire order.
		{"03-partners", [][]string{
			{"Albania", "1", "1", "0", "1", "2", "+1"},
			{"Bosnia and Herzegovina", "0", "0", "0", "0", "0", "0"},
			{"Kosovo*", "0", "0", "0", "0", "0", "0"},
			{"Montenegro", "0", "0", "0", "0", "0", "0"},
			{"North Macedonia", "0", "0", "0", "0", "0", "0"},
			{"Serbia", "2", "3", "+1", "2", "3", "+1"},
		}, []string{"Total", "2", "3", "+1", "3", "5", "+2"}},
		// Only the combinations that changed.
		{"06-partner-area", [][]string{
			{"Albania", "Asylum", "1", "1", "0", "1", "2", "+1"},
			{"Serbia", "Border management", "0", "1", "+1", "0", "1", "+1"},
		}, nil},
		{"07-partner-type", [][]string{
			{"Albania", "Equipment", "0", "1", "+1", "0", "1", "+1"},
			{"Serbia", "Equipment", "1", "2", "+1", "1", "2", "+1"},
		}, nil},
		{"08-area-type", [][]string{
			{"Asylum", "Equipment", "0", "1", "+1", "0", "1", "+1"},
			{"Border management", "Equipment", "0", "1", "+1", "0", "1", "+1"},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := table(t, tables, tt.name)
			if got := texts(tb.Rows); !reflect.DeepEqual(got, tt.rows) {
				t.Errorf("rows:\n got %q\nwant %q", got, tt.rows)
			}
			var total []string
			if tb.Total != nil {
				total = texts([][]render.Value{tb.Total})[0]
			}
			if !reflect.DeepEqual(total, tt.total) {
				t.Errorf("total %q, want %q", total, tt.total)
			}
			for _, row := range tb.Rows {
				if len(row) != len(tb.Columns) {
					t.Errorf("row %q has %d cells for %d columns", texts([][]render.Value{row})[0], len(row), len(tb.Columns))
				}
			}
		})
	}
}

func TestTableColumnsAndCounts(t *testing.T) {
	tables := tablesOf(t, base(t), round2(t))
	for name, n := range map[string]int{"03-partners": 6, "04-areas": 8, "05-types": 3} {
		if got := len(table(t, tables, name).Rows); got != n {
			t.Errorf("%s: %d rows, want every one of the %d categories", name, got, n)
		}
	}
	cols := func(tb render.Table) []string {
		var out []string
		for _, c := range tb.Columns {
			out = append(out, c.Title)
		}
		return out
	}
	if got, want := cols(table(t, tables, "04-areas")), []string{"Area", "Member States old", "Member States new", "Diff",
		"Activities old", "Activities new", "Diff"}; !reflect.DeepEqual(got, want) {
		t.Errorf("area columns %q, want %q", got, want)
	}
	if got, want := cols(table(t, tables, "07-partner-type"))[:2], []string{"Partner", "Type of support"}; !reflect.DeepEqual(got, want) {
		t.Errorf("partner x type columns start %q, want %q", got, want)
	}
}

func TestCaptions(t *testing.T) {
	tables := tablesOf(t, base(t), round2(t))
	bases := "Old: n = 3 activities, 2 Member States with activities; new: n = 5 activities, 3 Member States with activities."
	for _, tb := range tables[2:] {
		if !strings.HasPrefix(tb.Caption, bases) {
			t.Errorf("%s: caption %q does not start with both bases", tb.Name, tb.Caption)
		}
		if !strings.Contains(tb.Caption, "do not add up") {
			t.Errorf("%s: caption %q does not say that state counts are not additive", tb.Name, tb.Caption)
		}
	}
	partners := table(t, tables, "03-partners")
	if len(partners.Notes) != 1 || !strings.HasPrefix(partners.Notes[0], "* This designation") {
		t.Errorf("partner table notes %q, want Kosovo's footnote", partners.Notes)
	}
	if n := table(t, tables, "04-areas").Notes; len(n) != 0 {
		t.Errorf("area table notes %q, want none", n)
	}
}

func TestUnchangedCrossTablesAreEmpty(t *testing.T) {
	tables := tablesOf(t, base(t), base(t))
	for _, name := range []string{"06-partner-area", "07-partner-type", "08-area-type"} {
		tb := table(t, tables, name)
		if len(tb.Rows) != 0 {
			t.Errorf("%s: %d rows, want none", name, len(tb.Rows))
		}
		if !strings.Contains(tb.Caption, "No combination changed.") {
			t.Errorf("%s: caption %q does not say that nothing changed", name, tb.Caption)
		}
	}
	var buf bytes.Buffer
	if err := render.Text(&buf, tables); err != nil {
		t.Fatalf("render.Text: %v", err)
	}
}

func TestTablesRender(t *testing.T) {
	tables := tablesOf(t, base(t), round2(t))
	var text, md, csvOut bytes.Buffer
	if err := render.Text(&text, tables); err != nil {
		t.Fatal(err)
	}
	if err := render.Markdown(&md, tables); err != nil {
		t.Fatal(err)
	}
	if err := render.CSV(&csvOut, tables); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "Table 8. Member States and activities per area and type of support: combinations that changed") {
		t.Errorf("text output lacks the last table's title:\n%s", text.String())
	}
	if !strings.Contains(md.String(), `Kosovo\*`) {
		t.Errorf("markdown output does not escape Kosovo*")
	}
	// The raw value of a difference is a plain integer, for spreadsheets.
	r := csv.NewReader(strings.NewReader(table8CSV(t, tables)))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := recs[1]; !reflect.DeepEqual(got, []string{"Asylum", "Equipment", "0", "1", "1", "0", "1", "1"}) {
		t.Errorf("CSV row %q, want raw integers", got)
	}
}

func table8CSV(t *testing.T, tables []render.Table) string {
	var buf bytes.Buffer
	if err := render.CSVTable(&buf, table(t, tables, "08-area-type")); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestJSON(t *testing.T) {
	tiny := func(states []string, acts ...act) *tally.Analysis { return analysis(t, states, acts...) }
	tests := []struct {
		name     string
		old, new *tally.Analysis
		want     string
	}{
		{
			name: "nothing changed",
			old:  tiny([]string{"Austria"}), new: tiny([]string{"Austria"}),
			want: `{
  "schema": "mapsurvey/comparison/v1",
  "mapsurvey": {
    "version": "devel",
    "commit": "unknown",
    "date": "unknown"
  },
  "changed": false,
  "states_joined": [],
  "states_left": [],
  "became_active": [],
  "became_inactive": [],
  "changes": []
}
`,
		},
		{
			name: "a state joins with one activity, another leaves",
			old:  tiny([]string{"Austria"}),
			new:  tiny([]string{"Belgium"}, act{"Belgium", "Serbia", "Asylum", "Equipment"}),
			want: `{
  "schema": "mapsurvey/comparison/v1",
  "mapsurvey": {
    "version": "devel",
    "commit": "unknown",
    "date": "unknown"
  },
  "changed": true,
  "states_joined": [
    "Belgium"
  ],
  "states_left": [
    "Austria"
  ],
  "became_active": [
    "Belgium"
  ],
  "became_inactive": [],
  "changes": [
    {
      "figure": "active_states",
      "old": 0,
      "new": 1,
      "diff": 1
    },
    {
      "figure": "nil_replies",
      "old": 1,
      "new": 0,
      "diff": -1
    },
    {
      "figure": "activities",
      "old": 0,
      "new": 1,
      "diff": 1
    },
    {
      "figure": "partner/Serbia/states",
      "old": 0,
      "new": 1,
      "diff": 1
    },
    {
      "figure": "partner/Serbia/activities",
      "old": 0,
      "new": 1,
      "diff": 1
    },
    {
      "figure": "area/Asylum/states",
      "old": 0,
      "new": 1,
      "diff": 1
    },
    {
      "figure": "area/Asylum/activities",
      "old": 0,
      "new": 1,
      "diff": 1
    },
    {
      "figure": "type/Equipment/states",
      "old": 0,
      "new": 1,
      "diff": 1
    },
    {
      "figure": "type/Equipment/activities",
      "old": 0,
      "new": 1,
      "diff": 1
    },
    {
      "figure": "partner_area/Serbia/Asylum/states",
      "old": 0,
      "new": 1,
      "diff": 1
    },
    {
      "figure": "partner_area/Serbia/Asylum/activities",
      "old": 0,
      "new": 1,
      "diff": 1
    },
    {
      "figure": "partner_type/Serbia/Equipment/states",
      "old": 0,
      "new": 1,
      "diff": 1
    },
    {
      "figure": "partner_type/Serbia/Equipment/activities",
      "old": 0,
      "new": 1,
      "diff": 1
    },
    {
      "figure": "area_type/Asylum/Equipment/states",
      "old": 0,
      "new": 1,
      "diff": 1
    },
    {
      "figure": "area_type/Asylum/Equipment/activities",
      "old": 0,
      "new": 1,
      "diff": 1
    }
  ]
}
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustCompare(t, tt.old, tt.new)
			var first, second bytes.Buffer
			if err := compare.JSON(&first, r, tt.old, tt.new); err != nil {
				t.Fatal(err)
			}
			if err := compare.JSON(&second, r, tt.old, tt.new); err != nil {
				t.Fatal(err)
			}
			if first.String() != tt.want {
				t.Errorf("JSON:\n%s\nwant:\n%s", first.String(), tt.want)
			}
			if first.String() != second.String() {
				t.Error("two writes of the same comparison differ")
			}
			if !json.Valid(first.Bytes()) {
				t.Error("output is not valid JSON")
			}
		})
	}
}

func TestJSONNullsAndMismatch(t *testing.T) {
	// A zero Result (nil slices) still writes [] everywhere.
	var buf bytes.Buffer
	a := base(t)
	if err := compare.JSON(&buf, compare.Result{}, a, a); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "null") {
		t.Errorf("JSON of a zero result has null:\n%s", buf.String())
	}
	other := base(t)
	other.Partners = other.Partners[:5]
	if err := compare.JSON(&buf, compare.Result{}, a, other); err == nil {
		t.Error("JSON of analyses of different surveys succeeded")
	}
}
