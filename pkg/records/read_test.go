package records_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/records"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

const threeW = `Organisation,Sector,Province,District,Status,Budget,Share
#org+name,#sector,#adm1+name,#adm2+name,#status,#value,#meta+pct
NGO A,WASH,North,Centre,Ongoing,"1,200.50",
NGO A,WASH,North,Centre,Ongoing,100,
NGO B,Health;WASH,South,Centre,Planned,300,25;75
NGO C,Health,South,Hill,Completed,4 954 784,
`

func write(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func filters(t *testing.T, ws ...string) []records.Filter {
	t.Helper()
	var out []records.Filter
	for _, w := range ws {
		f, err := records.ParseFilter(w)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

func findings(ds *records.Dataset) string {
	var b strings.Builder
	for _, f := range ds.Findings {
		b.WriteString(f.Severity.String() + ": " + f.String() + "\n")
	}
	return b.String()
}

func TestHXLWithoutSchema(t *testing.T) {
	p := write(t, "3w.csv", threeW)
	ds, err := records.Read([]string{p}, records.Options{By: []string{"sector", "adm2"}, Sum: "#value", Split: "sector=#meta+pct"})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Errors() > 0 {
		t.Fatal(findings(ds))
	}
	res := ds.Result
	if res.Total.Respondents != 3 || res.Total.Activities != 5 {
		t.Fatalf("total %+v", res.Total)
	}
	// Two districts called Centre in two provinces stay apart.
	if got := strings.Join(ds.Dims[1].Labels, "|"); got != "Centre (North)|Centre (South)|Hill" {
		t.Errorf("districts %q", got)
	}
	if ds.Dims[0].Noun != "sector" || ds.Dims[1].Title != "District" {
		t.Errorf("dimension words %+v", ds.Dims)
	}
	// WASH: 1,200.50 + 100 + 75% of 300; Health: 25% of 300 + 4,954,784.
	sums := map[string]float64{}
	for _, c := range res.Tables[0].Cells {
		sums[ds.Dims[0].Labels[c.Values[0]]] = c.Amount.Sum
	}
	if sums["WASH"] != 1525.5 || sums["Health"] != 4954859 {
		t.Errorf("sums %v", sums)
	}
}

func TestFiltersAndKey(t *testing.T) {
	p := write(t, "3w.csv", threeW)
	for _, c := range []struct {
		where      []string
		key        []string
		acts, orgs int
		dupes      int
	}{
		{[]string{"Status=Ongoing,Planned"}, nil, 4, 2, 0},
		{[]string{"Status!=Completed", "Province=North"}, nil, 2, 1, 0},
		{[]string{"sector=WASH"}, nil, 3, 2, 0}, // NGO B's Health activity is not WASH
		{[]string{"Budget>=300"}, nil, 4, 3, 0},
		{nil, []string{"org", "adm2", "sector"}, 4, 3, 1},
		{nil, []string{}, 5, 3, 0},
	} {
		ds, err := records.Read([]string{p}, records.Options{By: []string{"sector", "adm2"}, Where: filters(t, c.where...), Key: c.key})
		if err != nil || ds.Errors() > 0 {
			t.Fatalf("%v: %v %s", c.where, err, findings(ds))
		}
		if r := ds.Result; r.Total.Activities != c.acts || r.Total.Respondents != c.orgs || r.Duplicates != c.dupes {
			t.Errorf("where %v key %v: %d activities, %d organisations, %d duplicates; want %d, %d, %d", c.where, c.key,
				r.Total.Activities, r.Total.Respondents, r.Duplicates, c.acts, c.orgs, c.dupes)
		}
	}
}

func TestPositionedErrors(t *testing.T) {
	for _, c := range []struct {
		name, csv string
		opts      records.Options
		want      string
	}{
		{"unknown column in --where", threeW, records.Options{Where: filtersOf("Statut=Ongoing")},
			`3w.csv: row 2: --where 'Statut=Ongoing': no column "Statut" in this sheet (did you mean "Status"?); its columns are Organisation, Sector`},
		{"unknown --by", threeW, records.Options{By: []string{"cluster"}}, `3w.csv: row 2: --by: no column "cluster" in this sheet`},
		{"a range filter on a cell that is no number", strings.Replace(threeW, "300,25;75", "n/a,25;75", 1),
			records.Options{Where: filtersOf("Budget>=300")}, `3w.csv: F5: "n/a" is not a number, so --where 'Budget>=300' cannot compare it`},
		{"an amount with a currency", strings.Replace(threeW, `"1,200.50"`, "EUR 5m", 1), records.Options{Sum: "Budget"},
			`3w.csv: F3: "EUR 5m" is not a number: write the amount alone, in digits, without a currency or unit`},
		{"an amount on several activities without --split", threeW, records.Options{Sum: "Budget"},
			`3w.csv: F5: an amount (300) on a row of 2 activities: say how to share it with --split even`},
		{"percentages that do not match the values", strings.Replace(threeW, "25;75", "100", 1),
			records.Options{Sum: "Budget", Split: "sector=Share"}, `3w.csv: G5: 1 percentages (100) for 2 values of sector in column B`},
		{"separators only", strings.Replace(threeW, "Health,South,Hill", ";,South,Hill", 1), records.Options{},
			`3w.csv: B6: ";" holds separators only, no sector`},
		{"no organisation", strings.Replace(threeW, "NGO C,", ",", 1), records.Options{},
			`3w.csv: A6: no organisation: every row names the organisation it comes from; fill it in, or leave such rows out with --where 'Organisation!='`},
		{"no sector", strings.Replace(threeW, "NGO C,Health", "NGO C,", 1), records.Options{},
			`3w.csv: B6: no sector: fill it in, or leave such rows out with --where 'Sector!='`},
		{"no hashtags and no schema", "Organisation,Sector\nA,WASH\n", records.Options{}, `3w.csv: no row of HXL hashtags`},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := write(t, "3w.csv", c.csv)
			c.opts.By = append([]string{"sector"}, c.opts.By...)
			if c.name == "unknown --by" {
				c.opts.By = []string{"cluster"}
			}
			ds, err := records.Read([]string{p}, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.ReplaceAll(findings(ds), filepath.Dir(p)+string(filepath.Separator), "")
			if ds.Errors() == 0 || !strings.Contains(got, c.want) {
				t.Errorf("findings:\n%s\nwant one containing\n%s", got, c.want)
			}
		})
	}
}

func filtersOf(ws ...string) []records.Filter {
	var out []records.Filter
	for _, w := range ws {
		f, _ := records.ParseFilter(w)
		out = append(out, f)
	}
	return out
}

func TestClosedListsSuggest(t *testing.T) {
	p := write(t, "r.csv", "Member State,Partner,Area,Type of support\nAustria,Serbia,Border managment,Equipment\n")
	ds, err := records.Read([]string{p}, records.Options{Schema: records.FromSurvey(survey.Builtin()), By: []string{"area"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := findings(ds); !strings.Contains(got, `C2: unknown area "Border managment" (did you mean "Border management"?)`) {
		t.Errorf("findings:\n%s", got)
	}
}

func TestHiddenSheetLeftOut(t *testing.T) {
	// The sheet reader's hidden flag is exercised with workbooks in pkg/cli's scripts; here, a
	// CSV file is one visible sheet and is read.
	p := write(t, "3w.csv", threeW)
	ds, _ := records.Read([]string{p}, records.Options{By: []string{"sector"}})
	if len(ds.Sources) != 1 || ds.Sources[0].HXLRow != 2 || ds.Sources[0].HeaderRow != 1 {
		t.Errorf("sources %+v", ds.Sources)
	}
}

func TestNameThatDisagreesWithItsCode(t *testing.T) {
	p := write(t, "3w.csv", "#org,#sector,#adm1+name,#adm2+name,#adm2+code\nA,WASH,North,Centre,X01\nB,WASH,North,Centrr,X01\nC,WASH,North,Hill,X02\n")
	ds, err := records.Read([]string{p}, records.Options{By: []string{"adm2"}})
	if err != nil || ds.Errors() > 0 {
		t.Fatal(err, findings(ds))
	}
	if got := findings(ds); !strings.Contains(got, `warning: `+p+`: E3: code X01 is "Centrr" here but "Centre" in an earlier row`) {
		t.Errorf("findings:\n%s", got)
	}
}

func TestSheetsWithoutTheirColumns(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a.csv": threeW,
		"b.csv": "Read me first\nThis folder holds the 3W.\n",                 // no header: a note
		"c.csv": "Organisation,Province\n#org+name,#adm1+name\nNGO D,North\n", // hashtags, but no #sector: an error
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := records.Read([]string{dir}, records.Options{By: []string{"sector"}})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.ReplaceAll(findings(ds), dir+string(filepath.Separator), "")
	for _, want := range []string{
		"error: c.csv: row 2: --by: no column \"sector\" in this sheet",
		"error: b.csv: no row of HXL hashtags",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("findings:\n%s\nwant %s", got, want)
		}
	}
}

func TestRepeatedPresenceNamesItsFirstRow(t *testing.T) {
	p := write(t, "3w.csv", threeW)
	ds, err := records.Read([]string{p}, records.Options{By: []string{"sector", "adm2"}, Key: []string{"org", "adm2", "sector"}})
	if err != nil || ds.Errors() > 0 {
		t.Fatal(err, findings(ds))
	}
	if got := findings(ds); !strings.Contains(got, "note: "+p+": row 4: repeats the presence first reported in row 3 (same org, adm2, sector): counted once") {
		t.Errorf("findings:\n%s", got)
	}
}

func TestSplitByTwoColumnsOfPercentages(t *testing.T) {
	p := write(t, "iati.csv", "id,sector,sector-pct,country,country-pct,amount\nA1,S1;S2,75;25,X;Y,60;40,1000\nA2,S1,,X,,10\n")
	s := &records.Schema{Title: "T", Respondent: "project", Respondents: "projects", RespondentColumn: records.Column{Title: "id"},
		Dims: []records.Dim{{Name: "sector", Column: records.Column{Title: "sector"}, Open: true}, {Name: "country", Column: records.Column{Title: "country"}, Open: true}}}
	ds, err := records.Read([]string{p}, records.Options{Schema: s, Sum: "amount", Split: "sector=sector-pct, country=country-pct"})
	if err != nil || ds.Errors() > 0 {
		t.Fatal(err, findings(ds))
	}
	got := map[string]float64{}
	for _, tab := range ds.Result.Tables {
		if len(tab.Dims) == 2 {
			for _, c := range tab.Cells {
				got[ds.Dims[0].Labels[c.Values[0]]+"/"+ds.Dims[1].Labels[c.Values[1]]] = c.Amount.Sum
			}
		}
	}
	want := map[string]float64{"S1/X": 460, "S1/Y": 300, "S2/X": 150, "S2/Y": 100}
	for k, v := range want {
		if math.Abs(got[k]-v) > 1e-9 {
			t.Errorf("%s: %v, want %v (all: %v)", k, got[k], v, got)
		}
	}
}
