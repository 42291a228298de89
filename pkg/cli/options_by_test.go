package cli

import (
	"reflect"
	"testing"
)

// TestAnalyseByOptions checks the flags of the general model: argv in, the reader's options out,
// or the exact error.
func TestAnalyseByOptions(t *testing.T) {
	for _, c := range []struct {
		args   []string
		by     []string
		where  []string
		key    []string
		keySet bool
		sum    string
		split  string
		schema string // the title of the schema loaded; "" for none (the files' hashtags)
		err    string
	}{
		{args: []string{"3w.csv", "--by", "sector,adm1"}, by: []string{"sector", "adm1"}},
		{args: []string{"3w.csv", "--by", "sector", "--by", " adm2 "}, by: []string{"sector", "adm2"}},
		{args: []string{"3w.csv", "--by", "sector", "--where", "Status=Ongoing,Planned", "--where", "Year>=2018"},
			by: []string{"sector"}, where: []string{"Status=Ongoing,Planned", "Year>=2018"}},
		{args: []string{"3w.csv", "--by", "sector", "--key", "org, adm2,sector"}, by: []string{"sector"},
			key: []string{"org", "adm2", "sector"}, keySet: true},
		{args: []string{"3w.csv", "--by", "sector", "--key", ""}, by: []string{"sector"}, key: []string{}, keySet: true},
		{args: []string{"3w.csv", "--by", "sector", "--sum", "#value", "--split", "even"}, by: []string{"sector"}, sum: "#value", split: "even"},
		// --by with the built-in survey's dimensions counts the built-in survey.
		{args: []string{"r.xlsx", "--by", "partner,area"}, by: []string{"partner", "area"},
			schema: "Member States' bilateral support to the Western Balkans in migration management (7896/20)"},
		// A filter alone counts the built-in survey by all its dimensions.
		{args: []string{"r.xlsx", "--where", "partner=Serbia"}, where: []string{"partner=Serbia"},
			schema: "Member States' bilateral support to the Western Balkans in migration management (7896/20)"},
		{args: []string{"3w.csv", "--by", "sector", "--where", "Status"}, err: "--where \"Status\": write COLUMN=VALUE (or !=, >=, <=, >, <), e.g. 'Status=Ongoing' or 'Year>=2018'"},
		{args: []string{"3w.csv", "--by", "sector", "--where", "Year>=soon"}, err: `--where "Year>=soon": "soon" is neither a number nor a date (2023, 2023-12, 2023-12-31)`},
		{args: []string{"3w.csv", "--by", "sector", "--split", "even"}, err: "--split says how to share an amount: give the amount's column with --sum"},
		{args: []string{"3w.csv", "--by", "sector", "--columns", "state=A"}, err: "--columns names the note's four columns; with --by, name columns by their titles or hashtags"},
	} {
		o, err := parseArgs(t, NewCmdAnalyse, c.args)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%q: error %v, want %q", c.args, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		g := o.General
		var where []string
		for _, f := range g.Where {
			where = append(where, f.Text)
		}
		title := ""
		if g.Schema != nil {
			title = g.Schema.Title
		}
		if !reflect.DeepEqual(g.By, c.by) || !reflect.DeepEqual(where, c.where) || !reflect.DeepEqual(g.Key, c.key) ||
			g.KeySet != c.keySet || g.Sum != c.sum || g.Split != c.split || title != c.schema {
			t.Errorf("%q: by %q where %q key %q (%v) sum %q split %q schema %q", c.args, g.By, where, g.Key, g.KeySet, g.Sum, g.Split, title)
		}
	}
}

// TestReportAndValidateTakeBy: report and validate parse the general model's flags as analyse.
func TestReportAndValidateTakeBy(t *testing.T) {
	r, err := parseArgs(t, NewCmdReport, []string{"3w.csv", "-o", "out", "--by", "sector,adm1", "--where", "Status=Ongoing", "--key", "org,adm2"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r.General.By, []string{"sector", "adm1"}) || len(r.General.Where) != 1 || !reflect.DeepEqual(r.General.Key, []string{"org", "adm2"}) {
		t.Errorf("report: %+v", r.General)
	}
	v, err := parseArgs(t, NewCmdValidate, []string{"3w.csv", "--by", "sector", "--sum", "#value", "--split", "even"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(v.General.By, []string{"sector"}) || v.General.Sum != "#value" || v.General.Split != "even" {
		t.Errorf("validate: %+v", v.General)
	}
	if _, err := parseArgs(t, NewCmdValidate, []string{"3w.csv", "--by", "sector", "--where", "x"}); err == nil {
		t.Error("validate accepted --where x")
	}
}
