package replies_test

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// openSchema is a 3W schema whose regions and sectors are open lists: any value is a category.
// One region is listed, with an alias.
func openSchema() *survey.Schema {
	s := threeW()
	s.Columns[survey.Area].Open = true
	s.Columns[survey.Area].Values = []survey.Value{{Label: "Tombouctou", Aliases: []string{"Timbuktu"}}}
	s.Columns[survey.Type].Open = true
	s.Columns[survey.Type].Values = nil
	return s
}

// Open lists learn their categories from the data: spellings that differ in case, spaces,
// no-break spaces or accents are one category, named by the most frequent spelling (ties: the
// first in sort order); listed values keep their label and aliases and come first, the learnt
// ones follow sorted by name; a row with an error teaches nothing. Reading the files in another
// order gives the same figures.
func TestOpenListsLearnTheirCategories(t *testing.T) {
	dir := write(t, map[string]string{
		"a.csv": "Organisation,Organisation type,Region,Sector\n" +
			"IRC,NGO,Ségou,Health\n" +
			"IRC,NGO,SEGOU,Health;HEALTH\n" + // the sector twice: once
			"IRC,NGO,Mopti\u00a0 Region,Education\n" +
			"MSF,NGO,Timbuktu,Health\n",
		"b.csv": "Organisation,Organisation type,Region,Sector\n" +
			"UNICEF,UN agency,ségou,education\n" +
			"UNICEF,UN agency,Ségou,WASH\n" +
			"UNICEF,UN agency,mopti region,Education\n" +
			"UNICEF,UN agncy,Kidal,Protection\n", // an error: Kidal and Protection are not learnt
	})
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	ds := read(t, replies.Options{Schema: openSchema()}, a, b)
	want := []string{
		`a.csv: D3: "Health;HEALTH" names "Health" more than once: counted once`,
		`b.csv: B5: unknown organisation type "UN agncy" (did you mean "UN agency"?)`,
	}
	if got := messages(dir, ds.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	an := ds.Analysis()
	if want := []string{"Tombouctou", "Mopti Region", "Ségou"}; !reflect.DeepEqual(an.Areas, want) {
		t.Errorf("regions %q, want %q", an.Areas, want)
	}
	if want := []string{"Education", "Health", "WASH"}; !reflect.DeepEqual(an.Types, want) {
		t.Errorf("sectors %q, want %q", an.Types, want)
	}
	if want := []tally.Cell{{States: 1, Activities: 1}, {States: 2, Activities: 2}, {States: 2, Activities: 4}}; !reflect.DeepEqual(an.Area, want) {
		t.Errorf("per region %+v, want %+v", an.Area, want)
	}
	if got := ds.Schema.Labels(survey.Area); !reflect.DeepEqual(got, an.Areas) {
		t.Errorf("the dataset's schema lists %q, the analysis %q", got, an.Areas)
	}
	for _, act := range activities(ds) {
		if act.State == "MSF" && act.Area != "Tombouctou" {
			t.Errorf("MSF's activity in %q, want Tombouctou (the alias)", act.Area)
		}
	}
	again := read(t, replies.Options{Schema: openSchema()}, b, a).Analysis()
	if !reflect.DeepEqual(again.Areas, an.Areas) || !reflect.DeepEqual(again.Types, an.Types) ||
		!reflect.DeepEqual(again.PartnerAreaType, an.PartnerAreaType) {
		t.Errorf("files in the other order: regions %q, sectors %q", again.Areas, again.Types)
	}
}

// A tie between spellings goes to the first in sort order, whichever came first.
func TestOpenListLabelTiesGoToTheFirstInSortOrder(t *testing.T) {
	for _, rows := range []string{"IRC,NGO,Mopti,Health\nIRC,NGO,MOPTI,Health\n", "IRC,NGO,MOPTI,Health\nIRC,NGO,Mopti,Health\n"} {
		dir := write(t, map[string]string{"r.csv": "Organisation,Organisation type,Region,Sector\n" + rows})
		an := read(t, replies.Options{Schema: openSchema()}, filepath.Join(dir, "r.csv")).Analysis()
		if want := []string{"Tombouctou", "MOPTI"}; !reflect.DeepEqual(an.Areas, want) {
			t.Errorf("regions %q, want %q", an.Areas, want)
		}
	}
}

// In an open list only a value with no name is refused.
func TestOpenListsRefuseOnlyValuesWithoutAName(t *testing.T) {
	dir := write(t, map[string]string{"r.csv": "Organisation,Organisation type,Region,Sector\nIRC,NGO,*,Health\n"})
	ds := read(t, replies.Options{Schema: openSchema()}, filepath.Join(dir, "r.csv"))
	if got, want := messages(dir, ds.Findings), []string{`r.csv: C2: "*" is no region: write its name`}; !reflect.DeepEqual(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}

// Respondents without a list are named by their most frequent spelling too, whatever the order
// of the files.
func TestOpenRespondentsAreNamedByTheirMostFrequentSpelling(t *testing.T) {
	dir := write(t, map[string]string{
		"a.csv": "Organisation,Organisation type,Region,Sector\nSolidarités International,NGO,Mopti,Health\n",
		"b.csv": "Organisation,Organisation type,Region,Sector\nSOLIDARITES INTERNATIONAL,NGO,Mopti,WASH\nSOLIDARITES  INTERNATIONAL,NGO,Gao,WASH\nIRC,NGO,Gao,WASH\n",
	})
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	for _, order := range [][]string{{a, b}, {b, a}} {
		ds := read(t, replies.Options{Schema: openSchema()}, order...)
		an := ds.Analysis()
		var names []string
		for _, s := range ds.PerState {
			names = append(names, s.State)
		}
		want := []string{"IRC", "SOLIDARITES INTERNATIONAL"}
		if !reflect.DeepEqual(names, want) || len(an.ByState) != 2 || an.ByState[1].State != want[1] || an.ByState[1].Activities != 3 {
			t.Errorf("files %q: respondents %q, by state %+v; want %q", order, names, an.ByState, want)
		}
		for _, act := range activities(ds) {
			if act.State != want[0] && act.State != want[1] {
				t.Errorf("an activity of %q", act.State)
			}
		}
	}
}
