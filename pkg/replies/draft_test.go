package replies_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/surveyfile"
	"github.com/mapsurvey/mapsurvey/pkg/workbook"
)

// A draft finds the header under title rows or by its hashtags, counts each value once per row
// however the cell lists it, folds spellings, flags typing slips, tells numbers from
// categories, and takes the columns for the respondent and the dimensions by hashtag first,
// then by title; the draft it writes loads as a schema.
func TestDraftSchema(t *testing.T) {
	dir := write(t, map[string]string{
		"a.csv": "Who does what where,,,,\n\nOrganisation,Province,Cluster,Activity,People reached\n" +
			"IRC,Kandahar,Health,Vaccination,1 200\n" +
			"IRC,KANDAHAR,Health;Health,Vaccination,300\n" +
			"NRC,Kandahar,Shelter,Distribution,\n" +
			"NRC,Kandahr,Shelter,Distribution,80\n",
		"b.csv":    "Organisation,Province,Cluster,Activity,People reached\nWFP,Herat,Food,Distribution,5000\n",
		"tags.csv": "#adm2+name,#org+type,#org+name,#sector,#reached\nDistrict 1,NGO,IRC,Health,3\n",
	})
	d, err := replies.DraftSchema([]string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")}, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows != 5 || len(d.Columns) != 5 {
		t.Fatalf("%d rows, %d columns: %+v", d.Rows, len(d.Columns), d.Columns)
	}
	if want := [4]int{0, 1, 2, 3}; d.Roles != want {
		t.Errorf("roles %v, want %v (%q)", d.Roles, want, d.Why)
	}
	prov := d.Columns[1]
	var got []string
	for _, v := range prov.Values {
		got = append(got, v.Label)
	}
	if want := []string{"Herat", "Kandahar", "Kandahr"}; !reflect.DeepEqual(got, want) {
		t.Errorf("provinces %q, want %q", got, want)
	}
	if k := prov.Values[1]; k.Rows != 3 || len(k.Others) != 1 || k.Others[0] != (surveyfile.Spelling{Text: "KANDAHAR", Rows: 1}) ||
		!reflect.DeepEqual(k.Near, []string{"Kandahr"}) {
		t.Errorf("Kandahar: %+v", k)
	}
	if h := d.Columns[2].Values[1]; h.Label != "Health" || h.Rows != 2 {
		t.Errorf("Health: %+v (a value twice in a cell is one row)", h)
	}
	if !d.Columns[4].Numbers {
		t.Errorf("People reached: not numbers: %+v", d.Columns[4])
	}
	if _, err := surveyfile.Parse("draft.yaml", surveyfile.MarshalDraft(d, "test")); err != nil {
		t.Errorf("the draft does not load: %v", err)
	}

	d, err = replies.DraftSchema([]string{filepath.Join(dir, "tags.csv")}, "")
	if err != nil {
		t.Fatal(err)
	}
	// #org+type is the organisation type, not the organisation; #adm2 the place.
	if want := [4]int{2, 0, 3, 1}; d.Roles != want {
		t.Errorf("roles by hashtag %v, want %v (%q)", d.Roles, want, d.Why)
	}
}

// A hidden sheet is a working copy when a visible one holds data: the draft reads the visible.
func TestDraftSchemaReadsTheVisibleSheet(t *testing.T) {
	_, path := xlsx(t,
		workbook.Sheet{Name: "3W", Rows: [][]string{{"Organisation", "Region", "Sector", "Activity"}, {"IRC", "Mopti", "Health", "Vaccination"}}},
		workbook.Sheet{Name: "Old", Hidden: true, Rows: [][]string{{"Organisation", "Region", "Sector", "Activity"}, {"MSF", "Gao", "Health", "Surgery"}}},
	)
	d, err := replies.DraftSchema([]string{path}, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Columns[d.Roles[survey.State]].Values; len(got) != 1 || got[0].Label != "IRC" || !strings.Contains(d.Sources[0], `sheet "3W"`) {
		t.Errorf("respondents %+v from %q", got, d.Sources)
	}
	// When only a hidden sheet holds data, it is the one.
	_, path = xlsx(t,
		workbook.Sheet{Name: "About", Rows: [][]string{{"A 3W table"}}},
		workbook.Sheet{Name: "Data", Hidden: true, Rows: [][]string{{"Organisation", "Region", "Sector", "Activity"}, {"MSF", "Gao", "Health", "Surgery"}}},
	)
	d, err = replies.DraftSchema([]string{path}, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := path + `, sheet "Data" (hidden: no visible sheet holds data): titles in row 1, 1 row of data`; !reflect.DeepEqual(d.Sources, []string{want}) {
		t.Errorf("sources %q, want %q", d.Sources, want)
	}
}

// Whatever a file holds, drafting it never fails on it unexpectedly, and a draft always loads
// as a schema.
func FuzzDraftSchema(f *testing.F) {
	for _, seed := range []string{
		"Organisation,Region,Sector,Activity\nIRC,Ségou,Health,Vaccination\nIRC,SEGOU,Health;WASH,Vaccination\n",
		"#org,#adm1,#sector,#activity\nA,B,C,D\n",
		"Title\n\nName,Name,Name,Name\n1,2,3,4\na,*,b,c\n",
		"x,y\n\"a\nb\",c\n",
	} {
		f.Add(seed)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, text string) {
		path := filepath.Join(dir, "r.csv")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := replies.DraftSchema([]string{path}, "")
		if err != nil {
			return // a file with no table, or one the CSV reader refuses: an error, as it should be
		}
		out := surveyfile.MarshalDraft(d, "fuzz")
		if _, err := surveyfile.Parse("draft.yaml", out); err != nil {
			t.Fatalf("the draft of %q does not load: %v\n%s", text, err, out)
		}
	})
}
