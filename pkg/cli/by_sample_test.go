package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/cli"
	"github.com/mapsurvey/mapsurvey/pkg/contract"
)

// runJSON runs analyse --format json --quiet with args and decodes the document.
func runJSON[T any](t *testing.T, args ...string) T {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Run(append([]string{"analyse", "--format", "json", "--quiet"}, args...),
		cli.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var doc T
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func crossTabJSON(t *testing.T, args ...string) contract.CrossTab {
	t.Helper()
	doc := runJSON[contract.CrossTab](t, args...)
	if doc.Schema != contract.CrossTabID {
		t.Fatalf("schema %q", doc.Schema)
	}
	return doc
}

// TestByGivesTheNotesFiguresOnTheSample counts the bundled sample through the general model
// (pkg/records and pkg/crosstab) and through the note's (pkg/replies and pkg/tally): two
// implementations, one set of figures, cell by cell, in every table and cross-tabulation.
func TestByGivesTheNotesFiguresOnTheSample(t *testing.T) {
	const sample = "../../testdata/sample/replies-7896-20.xlsx"
	note := analyseJSON(t, sample)
	general := crossTabJSON(t, sample, "--by", "partner,area,type")
	if general.Respondents != note.Respondents || general.ActiveRespondents != note.ActiveStates || general.Activities != note.Activities {
		t.Fatalf("totals: general %d replied, %d active, %d activities; note %d, %d, %d", general.Respondents,
			general.ActiveRespondents, general.Activities, note.Respondents, note.ActiveStates, note.Activities)
	}
	var want []string
	for _, s := range note.Partner {
		want = append(want, fmt.Sprintf("partner|%s|%d|%d", s.Partner, s.States, s.Activities))
	}
	for _, s := range note.Area {
		want = append(want, fmt.Sprintf("area|%s|%d|%d", s.Area, s.States, s.Activities))
	}
	for _, s := range note.Type {
		want = append(want, fmt.Sprintf("type|%s|%d|%d", s.Type, s.States, s.Activities))
	}
	combos := func(dims string, cs []contract.Combo) {
		for _, c := range cs {
			if c.Activities == 0 {
				continue // the note's JSON lists every combination; the general one those with activities
			}
			var labels []string
			for _, l := range []string{c.Partner, c.Area, c.Type} {
				if l != "" {
					labels = append(labels, l)
				}
			}
			want = append(want, fmt.Sprintf("%s|%s|%d|%d", dims, strings.Join(labels, ","), c.States, c.Activities))
		}
	}
	combos("partner,area", note.PartnerArea)
	combos("partner,type", note.PartnerType)
	combos("area,type", note.AreaType)
	combos("partner,area,type", note.PartnerAreaT)
	var got []string
	for _, tab := range general.Tables {
		for _, c := range tab.Cells {
			got = append(got, fmt.Sprintf("%s|%s|%d|%d", strings.Join(tab.Dimensions, ","), strings.Join(c.Values, ","), c.Respondents, c.Activities))
		}
	}
	// The note's single tables list zero rows too.
	want = slices.DeleteFunc(want, func(s string) bool { return strings.HasSuffix(s, "|0|0") })
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("the general model disagrees with the note's:\n%s", lineDiff(got, want))
	}
	if len(got) < 100 {
		t.Errorf("only %d cells compared", len(got))
	}
}
