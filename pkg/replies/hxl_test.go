package replies_test

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// vals makes a dimension's values of labels alone.
func vals(labels ...string) []survey.Value {
	var out []survey.Value
	for _, l := range labels {
		out = append(out, survey.Value{Label: l})
	}
	return out
}

// threeW is a schema of a 3W table as OCHA offices tag it: the organisation replies, and its
// type is a column of its own, tagged #org+type.
func threeW() *survey.Schema {
	return &survey.Schema{
		Title: "3W", Respondent: "organisation", Respondents: "organisations",
		Columns: [4]survey.Dimension{
			survey.State:   {Title: "Organisation", Noun: "organisation", HXL: "#org"},
			survey.Partner: {Title: "Organisation type", Noun: "organisation type", HXL: "#org+type", Values: vals("NGO", "UN agency")},
			survey.Area:    {Title: "Region", Noun: "region", HXL: "#adm1", Values: vals("Ségou", "Ménaka", "Mopti")},
			survey.Type:    {Title: "Sector", Noun: "sector", HXL: "#sector", Values: vals("Health", "Education")},
		},
	}
}

// The most specific hashtag wins: "#org +type +name" is the organisation type, not the
// organisation, wherever it stands; among columns that match one pattern, the closest.
func TestTheMostSpecificHashtagWins(t *testing.T) {
	for _, tc := range []struct {
		name, csv string
	}{
		{"type before name", "Type,Org,Region,Sector\n#org +type +name,#org+name,#adm1+name,#sector\nNGO,MSF,SEGOU,Health\n"},
		{"name before type", "Org,Type,Region,Sector\n#org+name,#org+type+name,#adm1,#sector+cluster\nMSF,NGO,Segou,Health\n"},
		{"the closest of two", "Acronym,Org,Type,Region,Sector\n#org+name+acronym,#org+name,#org+type,#adm1,#sector\nMédecins,MSF,NGO,Ségou,Health\n"},
		{"an excluded attribute", "Org,Type,Region,Sector\n#org-type,#org+type,#adm1,#sector\nMSF,NGO,Ségou,Health\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := write(t, map[string]string{"3w.csv": tc.csv})
			s := threeW()
			if tc.name == "an excluded attribute" {
				s.Columns[survey.State].HXL = "#org-type"
			}
			ds := read(t, replies.Options{Schema: s}, filepath.Join(dir, "3w.csv"))
			if len(ds.Findings) > 0 || len(ds.Activities) != 1 {
				t.Fatalf("findings %q, %d activities", messages(dir, ds.Findings), len(ds.Activities))
			}
			if a := activities(ds)[0]; a != (triple{"MSF", "NGO", "Ségou", "Health"}) {
				t.Errorf("activity %v", a)
			}
		})
	}
}

// A row of hashtags without the one a column needs says which hashtag it looked for.
func TestAMissingHashtagIsNamed(t *testing.T) {
	dir := write(t, map[string]string{"3w.csv": "Org,Region,Sector\n#org+name,#adm1+name,#sector\nMSF,Ségou,Health\n"})
	ds := read(t, replies.Options{Schema: threeW()}, filepath.Join(dir, "3w.csv"))
	want := []string{"3w.csv: row 2: the header row has no column for the organisation type (looked for a column tagged #org+type, " +
		"with or without more attributes); rename the column, or name the columns with --columns, for example --columns state=A,partner=B,area=C,type=D"}
	if got := messages(dir, ds.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Two files of the HXL standard's own library (testdata/real/SOURCE.md): group titles, titles
// and hashtags with attributes over the data, Spanish titles and accented names. The schema
// lists the names without accents, as an analyst types them.
func TestRealHXLFilesWithAccents(t *testing.T) {
	s := &survey.Schema{Title: "3W", Respondent: "organisation", Respondents: "organisations",
		Columns: [4]survey.Dimension{
			survey.State:   {Title: "Organización", Noun: "organisation", HXL: "#org"},
			survey.Partner: {Title: "País", Noun: "country", HXL: "#country", Values: vals("Panama", "Colombia", "Venezuela")},
			survey.Area:    {Title: "Departamento", Noun: "department", HXL: "#adm1", Values: vals("Los Santos", "Cauca", "Choco", "Amazonas")},
			survey.Type:    {Title: "Sector", Noun: "sector", HXL: "#sector", Values: vals("WASH", "Salud", "Educacion")},
		}}
	for _, tc := range []struct {
		file        string
		activities  int
		respondents []string
		notes       int
	}{
		{"libhxl-sample.csv", 4, []string{"ACNUR", "OMS", "UNICEF"}, 0},
		// Each activity is listed twice, once per sex: the duplicate check has no description
		// to tell them apart, so it says nothing, and each row counts.
		{"libhxl-input-status.csv", 8, []string{"ACNUR", "OMS", "UNICEF"}, 0},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "real", tc.file)
			ds := read(t, replies.Options{Schema: s}, path)
			if len(ds.Findings) != tc.notes {
				t.Fatalf("findings %q", messages("", ds.Findings))
			}
			if len(ds.Activities) != tc.activities {
				t.Errorf("%d activities, want %d", len(ds.Activities), tc.activities)
			}
			a := ds.Analysis()
			if got := a.States; !reflect.DeepEqual(got, tc.respondents) {
				t.Errorf("respondents %v, want %v", a.States, tc.respondents)
			}
			if n := a.Area[2].Activities; n != tc.activities/4 {
				t.Errorf("Chocó: %d activities, want %d", n, tc.activities/4)
			}
		})
	}
}
