// Package threew generates "3W" (who does what where) surveys in the shape humanitarian
// operational-presence files have: organisations as respondents (an open list of names),
// districts as partners, sectors as areas and a modality as the type of support, with the
// skew real files show (a few districts and sectors hold most rows, many hold a handful). The
// report's legibility tests and benchmarks share it. Everything is deterministic: the same
// sizes give the same schema and rows.
package threew

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/surveyfile"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
	"github.com/mapsurvey/mapsurvey/pkg/workbook"
)

// Size is a survey's shape.
type Size struct {
	Rows, Organisations, Districts, Sectors, Modalities int
}

// Report is the shape of the target: 25,000 rows, 150 organisations, 60 districts and
// 20 sectors. Slow is the file that took 6.2 s: 9,000 rows and 61 districts.
var (
	Report = Size{Rows: 25000, Organisations: 150, Districts: 60, Sectors: 20, Modalities: 4}
	Slow   = Size{Rows: 9000, Organisations: 150, Districts: 61, Sectors: 20, Modalities: 4}
)

// Sectors are the humanitarian clusters and sub-sectors, long names and all.
var Sectors = []string{
	"Food Security", "Health", "Water, Sanitation and Hygiene", "Protection", "Education",
	"Shelter and Non-Food Items", "Nutrition", "Camp Coordination and Camp Management",
	"Early Recovery and Livelihoods", "Logistics", "Emergency Telecommunications",
	"Gender-Based Violence", "Child Protection", "Mine Action", "Housing, Land and Property",
	"Multi-Purpose Cash", "Agriculture", "Coordination and Common Services",
	"Community Engagement and Accountability", "Mental Health and Psychosocial Support",
	"Disaster Risk Reduction", "Social Cohesion", "Legal Aid", "Peacebuilding", "Energy",
}

// Modalities are the ways support is given.
var Modalities = []string{"Cash", "In-kind", "Service delivery", "Capacity building", "Infrastructure"}

var syllables = []string{"ka", "bo", "ra", "ndi", "sa", "lu", "me", "to", "gu", "ya", "shi", "no", "be", "da", "ko", "ma", "ri", "zu"}

// District is the i-th district's name: invented, of varied length, some of two words with
// a compass point ("Upper Kabora West") as district names often are.
func District(i int) string {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	var b strings.Builder
	for n := 2 + r.IntN(3); n > 0; n-- {
		b.WriteString(syllables[r.IntN(len(syllables))])
	}
	name := strings.ToUpper(b.String()[:1]) + b.String()[1:]
	switch i % 7 {
	case 3:
		name = "Upper " + name
	case 5:
		name += " West"
	case 6:
		if i%2 == 0 {
			name = "Lower " + name + " Rural"
		}
	}
	// Names stay distinct: a number where two would clash.
	return fmt.Sprintf("%s %d", name, i+1)
}

// Sector is the i-th sector's name: the clusters first, then invented sub-sectors, some long.
func Sector(i int) string {
	if i < len(Sectors) {
		return Sectors[i]
	}
	return fmt.Sprintf("%s: %s support %d", Sectors[i%len(Sectors)], []string{"targeted", "community-based", "mobile and outreach"}[i%3], i+1)
}

// Modality is the i-th modality's name.
func Modality(i int) string {
	if i < len(Modalities) {
		return Modalities[i]
	}
	return fmt.Sprintf("%s (mixed %d)", Modalities[i%len(Modalities)], i+1)
}

// Organisation is the i-th organisation's name.
func Organisation(i int) string {
	kinds := []string{"Relief", "Aid", "Action", "Foundation", "Development Agency", "Red Crescent Society", "Mission"}
	return fmt.Sprintf("%s %s %d", strings.ToUpper(syllables[i%len(syllables)][:1])+syllables[i%len(syllables)][1:]+syllables[(i/3)%len(syllables)],
		kinds[i%len(kinds)], i+1)
}

// Header is the reply sheet's header row, as a 3W file has it.
var Header = []string{"Organisation", "District", "Sector", "Modality", "Activity"}

// Rows lays out n rows (after the header). Districts and sectors are drawn with a skew (a
// district's weight falls with its rank), organisations each work in a few districts.
func Rows(s Size) [][]string {
	r := rand.New(rand.NewPCG(uint64(s.Rows), uint64(s.Districts)))
	skewed := func(n int) int {
		// Rank k has weight about 1/(k+1): a Zipf-like pick in [0, n).
		u := r.Float64()
		k := int(float64(n+1)*math.Pow(u, 2.2)) % n
		return k
	}
	out := make([][]string, 0, s.Rows+1)
	out = append(out, Header)
	for i := 0; i < s.Rows; i++ {
		org := skewed(s.Organisations)
		// An organisation's districts cluster around a home district.
		d := (org*7 + skewed(s.Districts)) % s.Districts
		if r.IntN(3) == 0 {
			d = skewed(s.Districts)
		}
		sec := skewed(s.Sectors)
		mod := r.IntN(s.Modalities)
		out = append(out, []string{Organisation(org), District(d), Sector(sec), Modality(mod),
			fmt.Sprintf("%s in %s, activity %d", Sector(sec), District(d), i+1)})
	}
	return out
}

// Schema is the survey schema of a 3W file of this shape: every district, sector and modality
// listed (the counting model reads closed lists), organisations open.
func Schema(s Size) string {
	var b strings.Builder
	b.WriteString("# A generated 3W survey: organisations, districts, sectors, modalities.\n")
	b.WriteString("title: Operational presence (3W)\nrespondent: organisation\nrespondents: organisations\n")
	b.WriteString("dimensions:\n  state:\n    title: Organisation\n    noun: organisation\n    hxl: \"#org\"\n")
	list := func(key, title, noun, hxl string, values []string) {
		fmt.Fprintf(&b, "  %s:\n    title: %s\n    noun: %s\n    hxl: %q\n    values:\n", key, title, noun, hxl)
		for _, v := range values {
			fmt.Fprintf(&b, "      - %q\n", v)
		}
	}
	list("partner", "District", "district", "#adm2", names(s.Districts, District))
	list("area", "Sector", "sector", "#sector", names(s.Sectors, Sector))
	list("type", "Modality", "modality", "#modality", names(s.Modalities, Modality))
	return b.String()
}

func names(n int, name func(int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = name(i)
	}
	return out
}

// Analysis counts the rows of a shape as reading its workbook would, without the workbook: for
// tests of what comes after reading (charts, the report).
func Analysis(s Size) (*tally.Analysis, error) {
	in := tally.Input{Partners: names(s.Districts, District), Areas: names(s.Sectors, Sector), Types: names(s.Modalities, Modality)}
	index := func(list []string) map[string]int {
		m := make(map[string]int, len(list))
		for i, v := range list {
			m[v] = i
		}
		return m
	}
	states, partners, areas, types := map[string]int{}, index(in.Partners), index(in.Areas), index(in.Types)
	for _, row := range Rows(s)[1:] {
		st, ok := states[row[0]]
		if !ok {
			st = len(in.States)
			states[row[0]] = st
			in.States = append(in.States, row[0])
		}
		in.Activities = append(in.Activities, tally.Activity{State: st, Partner: partners[row[1]], Area: areas[row[2]], Type: types[row[3]]})
	}
	return tally.Count(in)
}

// Survey is the parsed schema of a shape.
func Survey(s Size) (*survey.Schema, error) {
	return surveyfile.Parse("survey.yaml", []byte(Schema(s)))
}

// Load is the analysis and the schema of a shape, for tests: it stops the test on an error.
func Load(tb testing.TB, s Size) (*tally.Analysis, *survey.Schema) {
	tb.Helper()
	a, err := Analysis(s)
	if err != nil {
		tb.Fatal(err)
	}
	schema, err := Survey(s)
	if err != nil {
		tb.Fatal(err)
	}
	return a, schema
}

// Write writes the schema (survey.yaml) and the workbook (3w.xlsx) of a shape into dir and
// returns their paths.
func Write(dir string, s Size) (schema, book string, err error) {
	schema = filepath.Join(dir, "survey.yaml")
	book = filepath.Join(dir, "3w.xlsx")
	if err := os.WriteFile(schema, []byte(Schema(s)), 0o644); err != nil {
		return "", "", err
	}
	if err := workbook.Write(book, []workbook.Sheet{{Name: "3W", Rows: Rows(s)}}); err != nil {
		return "", "", err
	}
	return schema, book, nil
}
