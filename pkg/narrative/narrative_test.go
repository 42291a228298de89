package narrative

import (
	"encoding/csv"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// act is one activity written by labels, for inputs that are easy to read.
type act struct{ state, partner, area, typ string }

// count tallies acts over the schema's labels; states lists every respondent, active or not.
func count(t *testing.T, s *survey.Schema, states []string, acts []act) *tally.Analysis {
	t.Helper()
	in := tally.Input{States: states, Partners: s.Labels(survey.Partner), Areas: s.Labels(survey.Area),
		Types: s.Labels(survey.Type)}
	index := func(list []string, v string) int {
		i := slices.Index(list, v)
		if i < 0 {
			t.Fatalf("unknown label %q", v)
		}
		return i
	}
	for _, x := range acts {
		in.Activities = append(in.Activities, tally.Activity{State: index(states, x.state),
			Partner: index(in.Partners, x.partner), Area: index(in.Areas, x.area), Type: index(in.Types, x.typ)})
	}
	a, err := tally.Count(in)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// donors is a small schema that writes its respondents in lower case and has an acronym area.
func donors() *survey.Schema {
	s := &survey.Schema{Respondent: "donor", Respondents: "donors"}
	s.Columns[survey.State] = survey.Dimension{Title: "Donor", Noun: "donor"}
	s.Columns[survey.Partner] = survey.Dimension{Title: "Country", Noun: "country",
		Values: []survey.Value{{Label: "Chad"}, {Label: "Mali"}, {Label: "Niger"}}}
	s.Columns[survey.Area] = survey.Dimension{Title: "Sector", Noun: "sector",
		Values: []survey.Value{{Label: "IBM"}, {Label: "Health"}, {Label: "Water supply"}}}
	s.Columns[survey.Type] = survey.Dimension{Title: "Type of support", Noun: "type of support",
		Values: []survey.Value{{Label: "Grants"}, {Label: "Loans"}}}
	return s
}

const (
	al, ba, xk, me, mk, rs = "Albania", "Bosnia and Herzegovina", "Kosovo*", "Montenegro", "North Macedonia", "Serbia"
	asy, rec, bm, ret      = "Asylum", "Reception", "Border management", "Return"
	sm, integ, legal, info = "Combating migrant smuggling", "Integration", "Legal migration",
		"Information exchange/situational awareness"
	fin, exp, eq = "Financial assistance", "Expert assistance", "Equipment"
)

func TestPartner(t *testing.T) {
	b := survey.Builtin()
	ms := []string{"Austria", "Croatia", "Germany", "Malta"}
	tests := []struct {
		name     string
		s        *survey.Schema
		states   []string
		acts     []act
		partner  int
		want     []string // substrings, in order
		wantNot  []string
		wantFull string // the whole paragraph, when set
	}{
		{
			name: "no state", s: b, states: ms,
			acts:     []act{{"Austria", rs, bm, exp}},
			partner:  2,
			wantFull: "No Member State reports activities in Kosovo*.",
		},
		{
			name: "one state", s: b, states: ms,
			acts:    []act{{"Austria", al, bm, exp}, {"Austria", al, ret, eq}, {"Austria", al, ret, exp}},
			partner: 0,
			wantFull: "One Member State provides assistance to Albania, in the areas of border management and return. " +
				"No Member State is active in the areas of asylum, reception, combating migrant smuggling, " +
				"integration, legal migration and information exchange/situational awareness. " +
				"Its assistance takes the form of expert assistance and equipment.",
		},
		{
			name: "two states, plural and spelled at sentence start", s: b, states: ms,
			acts: []act{{"Austria", rs, bm, exp}, {"Croatia", rs, bm, fin}, {"Croatia", rs, sm, fin},
				{"Croatia", rs, sm, fin}},
			partner: 5,
			want: []string{"Two Member States provide assistance to Serbia, all of them in the area of border management (2), " +
				"followed by combating migrant smuggling (1).",
				"Financial assistance and expert assistance are given by one Member State each" +
					"; no Member State gives equipment."},
			wantNot: []string{"two Member States", "Member States provides"},
		},
		{
			name: "ties and the fewest", s: b, states: ms,
			acts: []act{
				{"Austria", mk, bm, exp}, {"Croatia", mk, bm, exp}, {"Germany", mk, bm, exp},
				{"Austria", mk, sm, exp}, {"Croatia", mk, sm, fin},
				{"Austria", mk, info, exp}, {"Croatia", mk, info, eq},
				{"Austria", mk, asy, fin},
				{"Germany", mk, ret, eq}, {"Malta", mk, rec, exp}, {"Malta", mk, legal, exp},
			},
			partner: 4,
			want: []string{"Four Member States provide assistance to North Macedonia, most of them in the area of " +
				"border management (3), followed by combating migrant smuggling and information exchange/situational " +
				"awareness (2 each)",
				", then asylum, reception, return and legal migration (1 each).",
				"No Member State is active in the area of integration.",
				"Expert assistance is given by the most Member States (4), followed by financial assistance and equipment (2 each)."},
		},
		{
			name: "every area", s: donors(), states: []string{"Ada", "Bo"},
			acts: []act{{"Ada", "Mali", "IBM", "Grants"}, {"Bo", "Mali", "Health", "Grants"},
				{"Bo", "Mali", "Water supply", "Grants"}},
			partner: 1,
			want: []string{"Two donors provide assistance to Mali, most of them in the sectors of IBM, health and water supply (1 each).",
				"Assistance covers every sector.",
				"All assistance takes the form of grants (2 donors); no donor gives loans."},
		},
		{
			name: "lower-case respondent, zero", s: donors(), states: []string{"Ada"},
			acts:     []act{{"Ada", "Mali", "IBM", "Grants"}},
			partner:  0,
			wantFull: "No donor reports activities in Chad.",
		},
		{
			name: "10 and above in digits", s: b,
			states: []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"},
			acts: []act{{"a", me, bm, exp}, {"b", me, bm, exp}, {"c", me, bm, exp}, {"d", me, bm, exp},
				{"e", me, bm, exp}, {"f", me, bm, exp}, {"g", me, bm, exp}, {"h", me, bm, exp}, {"i", me, bm, exp},
				{"j", me, ret, exp}},
			partner: 3,
			want: []string{"A total of 10 Member States provide assistance to Montenegro, most of them in the area of " +
				"border management (9), followed by return (1).",
				"All assistance takes the form of expert assistance (10 Member States)"},
		},
		{name: "out of range", s: b, states: ms, partner: 9, wantFull: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := count(t, tt.s, tt.states, tt.acts)
			got := Partner(a, tt.s, tt.partner, Options{})
			if tt.want == nil && got != tt.wantFull {
				t.Fatalf("Partner =\n%q\nwant\n%q", got, tt.wantFull)
			}
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("Partner =\n%q\nlacks (in order)\n%q", got, w)
				}
				rest = rest[i+len(w):]
			}
			for _, w := range tt.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("Partner =\n%q\nhas %q", got, w)
				}
			}
		})
	}
}

// lrActs are seven activities split 3:2:2 over the areas and over the partners, 4:3 over the types.
var lrActs = []act{
	{"Ada", "Chad", "IBM", "Grants"}, {"Bo", "Chad", "IBM", "Grants"}, {"Cy", "Chad", "IBM", "Loans"},
	{"Ada", "Mali", "Health", "Grants"}, {"Bo", "Mali", "Health", "Loans"},
	{"Ada", "Niger", "Water supply", "Grants"}, {"Ada", "Niger", "Water supply", "Loans"},
}

// regional is donors with Chad marked as a pseudo-partner, as a region would be.
func regional() *survey.Schema {
	s := donors()
	s.Dim(survey.Partner).Values[0].Pseudo = true
	return s
}

// A pseudo-partner is not ranked, even when it has most donors and activities: the ranking and
// the "fewest" are among the real partners, and its activities stay in the shares' base.
func TestOverviewDoesNotRankPseudoPartners(t *testing.T) {
	tests := []struct {
		name string
		acts []act
		want string
	}{
		{"pseudo first", lrActs, "Mali receives support from the most donors (2); Niger from the fewest (1). " +
			"By activities, Mali comes first (29%), Niger last (28%)."},
		{"one real partner", []act{{"Ada", "Chad", "IBM", "Grants"}, {"Bo", "Chad", "IBM", "Grants"}, {"Ada", "Mali", "IBM", "Loans"}},
			"Mali receives support from the most donors (1); no donor supports Niger. By activities, Mali accounts for 33%."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := regional()
			got := Overview(count(t, s, []string{"Ada", "Bo", "Cy"}, tt.acts), s, Options{})
			if last := got[len(got)-1]; last != tt.want {
				t.Errorf("partners paragraph\n%s\nwant\n%s", last, tt.want)
			}
		})
	}
}

func TestOverview(t *testing.T) {
	b := survey.Builtin()
	tests := []struct {
		name   string
		s      *survey.Schema
		states []string
		acts   []act
		o      Options
		want   []string // whole paragraphs
	}{
		{
			name: "no activity", s: b, states: []string{"Malta", "Cyprus"},
			want: []string{"The analysis is based on replies from two Member States, none of which reports any activity."},
		},
		{
			name: "one reply", s: donors(), states: []string{"Ada"},
			acts: []act{{"Ada", "Mali", "IBM", "Grants"}},
			want: []string{
				"The analysis is based on the reply from one donor, which reports at least one activity: one activity in all.",
				"All activities concern IBM.",
				"Every activity takes the form of grants.",
				"Mali receives support from the most donors (1); no donor supports Chad or Niger. " +
					"By activities, Mali accounts for all of them.",
			},
		},
		{
			// 7 activities, 3:2:2 in areas and partners. Rounded alone the shares would be 43, 29
			// and 29; the largest remainder gives 43, 29 and 28, which is what the tables show.
			name: "largest remainder", s: donors(), states: []string{"Ada", "Bo", "Cy"},
			acts: lrActs,
			want: []string{
				"The analysis is based on replies from three donors, all of which report at least one activity: " +
					"seven activities in all.",
				"Most activities concern IBM (43%) and health (29%), together 72% of all activities; " +
					"the fewest concern water supply (28%).",
				"Grants accounts for 57% of all activities, followed by loans (43%).",
				"Chad receives support from the most donors (3); Niger from the fewest (1). " +
					"By activities, Chad comes first (43%), Niger last (28%).",
			},
		},
		{
			// At one decimal, 42.857 becomes 42.8: the two 28.571 shares have the larger remainders.
			name: "largest remainder, one decimal", s: donors(), states: []string{"Ada", "Bo", "Cy"},
			acts: lrActs, o: Options{Decimals: 1},
			want: []string{
				"The analysis is based on replies from three donors, all of which report at least one activity: " +
					"seven activities in all.",
				"Most activities concern IBM (42.8%), then health and water supply (28.6% each).",
				"Grants accounts for 57.1% of all activities, followed by loans (42.9%).",
				"Chad receives support from the most donors (3); Niger from the fewest (1). " +
					"By activities, Chad comes first (42.8%), Mali and Niger last (28.6% each).",
			},
		},
		{
			name: "ties, singular reply count, empty areas", s: b, states: []string{"Austria", "Croatia", "Malta"},
			acts: []act{{"Austria", rs, bm, exp}, {"Austria", rs, bm, exp}, {"Austria", mk, sm, eq},
				{"Austria", mk, sm, exp}},
			want: []string{
				"The analysis is based on replies from three Member States, one of which reports at least one " +
					"activity: four activities in all.",
				"All activities concern border management and combating migrant smuggling (50% each). No activity concerns asylum, reception, return, integration, " +
					"legal migration or information exchange/situational awareness.",
				"Expert assistance accounts for 75% of all activities, followed by equipment (25%). " +
					"No activity takes the form of financial assistance.",
				"North Macedonia and Serbia receive support from the most Member States (1 each); no Member State " +
					"supports Albania; Bosnia and Herzegovina; Kosovo*; or Montenegro. " +
					"By activities, North Macedonia and Serbia hold equal shares (50% each).",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := count(t, tt.s, tt.states, tt.acts)
			got := Overview(a, tt.s, tt.o)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Overview =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestGapsAndOverlaps(t *testing.T) {
	b := survey.Builtin()
	var all []act // every partner and area covered by Austria and Croatia; Serbia's border management by two more
	for _, p := range b.Labels(survey.Partner) {
		for _, ar := range b.Labels(survey.Area) {
			all = append(all, act{"Austria", p, ar, exp}, act{"Croatia", p, ar, fin})
		}
	}
	all = append(all, act{"Germany", rs, bm, eq}, act{"Malta", rs, bm, eq}, act{"Germany", al, info, eq})
	tests := []struct {
		name      string
		s         *survey.Schema
		states    []string
		acts      []act
		o         Options
		gaps      []Cell
		overlaps  []Cell
		threshold int
		want      []string
	}{
		{
			name: "no gaps, no overlaps at default", s: b, states: []string{"Austria", "Croatia", "Germany", "Malta"},
			acts: all, threshold: 5,
			want: []string{"Every partner receives support in every area.",
				"No combination has activities reported by five or more Member States."},
		},
		{
			name: "overlaps sorted by states then partner", s: b, states: []string{"Austria", "Croatia", "Germany", "Malta"},
			acts: all, o: Options{OverlapThreshold: 3}, threshold: 3,
			overlaps: []Cell{{rs, bm, 4, 4}, {al, info, 3, 3}},
			want: []string{"Every partner receives support in every area.",
				"In two combinations at least three Member States report activities: border management in Serbia (4); " +
					"and information exchange/situational awareness in Albania (3)."},
		},
		{
			name: "gaps grouped by partner, overlaps tied", s: donors(), states: []string{"Ada", "Bo"},
			acts: []act{{"Ada", "Chad", "IBM", "Grants"}, {"Bo", "Chad", "IBM", "Loans"},
				{"Ada", "Mali", "IBM", "Grants"}, {"Bo", "Mali", "IBM", "Grants"}, {"Ada", "Mali", "Health", "Grants"},
				{"Ada", "Niger", "Health", "Grants"}, {"Ada", "Niger", "Water supply", "Grants"},
				{"Bo", "Niger", "Water supply", "Grants"}},
			o: Options{OverlapThreshold: 2}, threshold: 2,
			gaps: []Cell{{"Chad", "Health", 0, 0}, {"Chad", "Water supply", 0, 0}, {"Mali", "Water supply", 0, 0},
				{"Niger", "IBM", 0, 0}},
			overlaps: []Cell{{"Chad", "IBM", 2, 2}, {"Mali", "IBM", 2, 2}, {"Niger", "Water supply", 2, 2}},
			want: []string{
				"No donor is active in four of the nine country and sector combinations: health and water supply " +
					"in Chad; water supply in Mali; and IBM in Niger.",
				"In three combinations at least two donors report activities: IBM in Chad and Mali (2 each); " +
					"and water supply in Niger (2).",
			},
		},
		{
			name: "one gap, one overlap", s: donors(), states: []string{"Ada"},
			acts: []act{{"Ada", "Chad", "IBM", "Grants"}, {"Ada", "Chad", "Health", "Grants"},
				{"Ada", "Chad", "Water supply", "Grants"}, {"Ada", "Mali", "IBM", "Grants"},
				{"Ada", "Mali", "Health", "Grants"}, {"Ada", "Mali", "Water supply", "Grants"},
				{"Ada", "Niger", "IBM", "Grants"}, {"Ada", "Niger", "Health", "Grants"}},
			o: Options{OverlapThreshold: 1}, threshold: 1,
			gaps: []Cell{{"Niger", "Water supply", 0, 0}},
			overlaps: []Cell{{"Chad", "IBM", 1, 1}, {"Chad", "Health", 1, 1}, {"Chad", "Water supply", 1, 1},
				{"Mali", "IBM", 1, 1}, {"Mali", "Health", 1, 1}, {"Mali", "Water supply", 1, 1},
				{"Niger", "IBM", 1, 1}, {"Niger", "Health", 1, 1}},
			want: []string{
				"No donor is active in one of the nine country and sector combinations: water supply in Niger.",
				"In eight combinations at least one donor reports activities: IBM in Chad, Mali and Niger (1 each); " +
					"health in Chad, Mali and Niger (1 each); and water supply in Chad and Mali (1 each).",
			},
		},
		{
			name: "nothing at all", s: donors(), states: []string{"Ada"}, threshold: 5,
			gaps: []Cell{{"Chad", "IBM", 0, 0}, {"Chad", "Health", 0, 0}, {"Chad", "Water supply", 0, 0},
				{"Mali", "IBM", 0, 0}, {"Mali", "Health", 0, 0}, {"Mali", "Water supply", 0, 0},
				{"Niger", "IBM", 0, 0}, {"Niger", "Health", 0, 0}, {"Niger", "Water supply", 0, 0}},
			want: []string{"No donor is active in any of the nine country and sector combinations.",
				"No combination has activities reported by five or more donors."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := count(t, tt.s, tt.states, tt.acts)
			got := GapsAndOverlaps(a, tt.s, tt.o)
			if !reflect.DeepEqual(got.Gaps, tt.gaps) {
				t.Errorf("Gaps = %v, want %v", got.Gaps, tt.gaps)
			}
			if !reflect.DeepEqual(got.Overlaps, tt.overlaps) {
				t.Errorf("Overlaps = %v, want %v", got.Overlaps, tt.overlaps)
			}
			if got.Threshold != tt.threshold {
				t.Errorf("Threshold = %d, want %d", got.Threshold, tt.threshold)
			}
			if !reflect.DeepEqual(got.Paragraphs, tt.want) {
				t.Errorf("Paragraphs =\n%s\nwant\n%s", strings.Join(got.Paragraphs, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct{ got, want string }{
		{spell(0), "zero"},
		{spell(1), "one"},
		{spell(9), "nine"},
		{spell(10), "10"},
		{spell(228), "228"},
		{lower("Border management"), "border management"},
		{lower("IBM"), "IBM"},
		{lower("EU funds"), "EU funds"},
		{lower("Équipement"), "équipement"},
		{lower("x"), "x"},
		{lower(""), ""},
		{list(nil), ""},
		{list([]string{"a"}), "a"},
		{list([]string{"a", "b"}), "a and b"},
		{list([]string{"a", "b", "c"}), "a, b and c"},
		{newWords(survey.Builtin(), Options{}).respondents(0), "no Member State"},
		{newWords(survey.Builtin(), Options{}).respondents(1), "one Member State"},
		{newWords(survey.Builtin(), Options{}).respondents(2), "two Member States"},
		{newWords(survey.Builtin(), Options{}).respondents(13), "13 Member States"},
		{newWords(donors(), Options{}).respondents(7), "seven donors"},
		{newWords(nil, Options{}).respondents(2), "two respondents"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

// sample counts the replies behind note 7896/20.
func sample(t *testing.T) (*tally.Analysis, *survey.Schema) {
	t.Helper()
	f, err := os.Open("../../testdata/sample/replies-7896-20.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	s := survey.Builtin()
	var states []string
	var acts []act
	for _, r := range rows[1:] {
		if !slices.Contains(states, r[0]) {
			states = append(states, r[0])
		}
		if r[1] != "" {
			acts = append(acts, act{r[0], r[1], r[2], r[3]})
		}
	}
	return count(t, s, states, acts), s
}

func TestSample(t *testing.T) {
	a, s := sample(t)
	p := func(label string) string {
		i := slices.Index(a.Partners, label)
		if i < 0 {
			t.Fatalf("no partner %q", label)
		}
		return Partner(a, s, i, Options{})
	}
	checks := []struct {
		name, text, want string
		prefix           bool
	}{
		{"Serbia", p(rs), "A total of 13 Member States provide assistance to Serbia, most of them in the area of " +
			"border management (11)", true},
		{"Albania", p(al), "No Member State is active in the area of legal migration.", false},
		{"overview", strings.Join(Overview(a, s, Options{}), "\n"),
			"The analysis is based on replies from 23 Member States, 15 of which report at least one activity: " +
				"228 activities in all.", true},
		{"overview areas", strings.Join(Overview(a, s, Options{}), "\n"), "border management (32%)", false},
		{"overview types", strings.Join(Overview(a, s, Options{}), "\n"), "Expert assistance accounts for 67%", false},
		{"overview partners", strings.Join(Overview(a, s, Options{}), "\n"), "Kosovo* last (9%)", false},
	}
	for _, c := range checks {
		ok := strings.Contains(c.text, c.want)
		if c.prefix {
			ok = strings.HasPrefix(c.text, c.want)
		}
		if !ok {
			t.Errorf("%s =\n%s\nwant it to contain %q", c.name, c.text, c.want)
		}
	}
	if t.Failed() || testing.Verbose() {
		for _, para := range Overview(a, s, Options{}) {
			t.Log(para)
		}
		for i := range a.Partners {
			t.Log(Partner(a, s, i, Options{}))
		}
		for _, para := range GapsAndOverlaps(a, s, Options{}).Paragraphs {
			t.Log(para)
		}
	}
}

// A pseudo-partner ("Regional (Central Asia)") is no country that receives assistance: its
// paragraph says the donors report activities under it.
func TestPseudoPartnerParagraph(t *testing.T) {
	acts := []act{{"Ada", "Chad", "IBM", "Grants"}, {"Bo", "Chad", "Health", "Grants"}, {"Ada", "Mali", "IBM", "Loans"}}
	for _, tt := range []struct {
		name    string
		s       *survey.Schema
		partner int
		want    string
	}{
		{"pseudo, two donors", regional(), 0, "Two donors report activities under Chad, "},
		{"pseudo, one donor", func() *survey.Schema { s := donors(); s.Dim(survey.Partner).Values[1].Pseudo = true; return s }(), 1,
			"One donor reports activities under Mali, "},
		{"real", donors(), 0, "Two donors provide assistance to Chad, "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Partner(count(t, tt.s, []string{"Ada", "Bo"}, acts), tt.s, tt.partner, Options{})
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q, want it to start %q", got, tt.want)
			}
		})
	}
}

// Gaps whose lists keep labels apart with semicolons (labels with an "and" of their own) take a
// sentence per partner, so that one partner's list cannot run into the next.
func TestGapsWithAndInLabelsTakeASentencePerPartner(t *testing.T) {
	s := donors()
	s.Dim(survey.Area).Values = []survey.Value{{Label: "Water and sanitation"}, {Label: "Return and readmission"}, {Label: "IBM"}, {Label: "Health"}}
	acts := []act{{"Ada", "Chad", "IBM", "Grants"}, {"Ada", "Mali", "Water and sanitation", "Grants"}, {"Bo", "Mali", "Health", "Loans"},
		{"Bo", "Niger", "Return and readmission", "Loans"}, {"Bo", "Niger", "IBM", "Loans"}, {"Ada", "Niger", "Health", "Loans"}}
	g := GapsAndOverlaps(count(t, s, []string{"Ada", "Bo"}, acts), s, Options{})
	want := "No donor is active in six of the 12 country and sector combinations. " +
		"In Chad: water and sanitation; return and readmission; and health. In Mali: return and readmission, and IBM. " +
		"In Niger: water and sanitation."
	if len(g.Paragraphs) == 0 || g.Paragraphs[0] != want {
		t.Errorf("got %q\nwant %q", g.Paragraphs, want)
	}
}
