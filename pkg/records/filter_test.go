package records

import (
	"strings"
	"testing"
)

func TestParseFilter(t *testing.T) {
	for in, want := range map[string]string{
		"Status=Ongoing":            "Status=[Ongoing]",
		"Status = Ongoing, Planned": "Status!=[Ongoing Planned]",
		"Status!=Closed":            "Status!=[Closed]",
		"Year>=2018":                "Year>=[2018]",
		"Budget<1,000,000":          "Budget<[1,000,000]",
		"Month=2023-12":             "Month=[2023-12]",
		"Sector!=":                  "Sector!=[]",
		"#adm1+name=South":          "#adm1+name=[South]",
	} {
		f, err := ParseFilter(in)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		got := f.Column + f.Op.String() + "[" + strings.Join(f.Values, " ") + "]"
		if in == "Status = Ongoing, Planned" {
			want = "Status=[Ongoing Planned]"
		}
		if got != want {
			t.Errorf("%q: %s, want %s", in, got, want)
		}
	}
	for in, msg := range map[string]string{
		"Status":        "write COLUMN=VALUE",
		"=x":            "write COLUMN=VALUE",
		"Year>=":        "needs a number or a date",
		"Year>=soon":    "neither a number nor a date",
		"Budget<EUR 5m": "neither a number nor a date",
	} {
		if _, err := ParseFilter(in); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: %v, want %q", in, err, msg)
		}
	}
}

func TestFilterKeeps(t *testing.T) {
	for _, c := range []struct {
		filter string
		keep   []string
		drop   []string
	}{
		{"Status=Ongoing,Planned", []string{"ongoing", "Planned "}, []string{"Closed"}},
		{"Status!=Completed", []string{"On-going"}, []string{"completed"}},
		{"Year>=2018", []string{"2018", "2024", "2 019"}, []string{"2017"}},
		{"Year<2018", []string{"2017"}, []string{"2018"}},
		{"Budget<=1,000,000", []string{"1000000", "999 999,99"}, []string{"1000000.01"}},
		{"Month=2023-12", []string{"2023-12", "2023-12-15", "15/12/2023", "12-15-23"}, []string{"2023-11-30", "2024-01-01", "2023", "11-02-23"}},
		{"Start>=2023-06", []string{"2023-06-01", "2023-07", "2024"}, []string{"2023-05-31", "2022"}},
		{"Start<2023-06", []string{"2023-05-31", "2022"}, []string{"2023-06-01"}},
	} {
		f, err := ParseFilter(c.filter)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range c.keep {
			if ok, err := f.keepValue(v); !ok || err != nil {
				t.Errorf("%s drops %q (%v)", c.filter, v, err)
			}
		}
		for _, v := range c.drop {
			if ok, err := f.keepValue(v); ok || err != nil {
				t.Errorf("%s keeps %q (%v)", c.filter, v, err)
			}
		}
	}
	f, _ := ParseFilter("Year>=2018")
	if _, err := f.keepValue("n/a"); err == nil || !strings.Contains(err.Error(), `"n/a" is not a number`) {
		t.Errorf("a cell that is no number: %v", err)
	}
	g, _ := ParseFilter("Start>=2023-06")
	if _, err := g.keepValue("2023"); err == nil {
		t.Error("a year that overlaps the month compared")
	}
	for filter, want := range map[string]bool{"Sector=": true, "Sector!=": false, "Status!=Closed": true, "Status=Open": false, "Year>=2018": false} {
		f, _ := ParseFilter(filter)
		if f.keepEmpty() != want {
			t.Errorf("%s on an empty cell: %v", filter, !want)
		}
	}
}
