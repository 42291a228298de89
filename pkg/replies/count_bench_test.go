package replies

import (
	"strconv"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// madeRows hands out rows made beforehand, so that a benchmark times the counting alone.
type madeRows struct {
	rows []sheet.Row
	i    int
}

func (m *madeRows) Next() bool     { m.i++; return m.i <= len(m.rows) }
func (m *madeRows) Row() sheet.Row { return m.rows[m.i-1] }
func (m *madeRows) Err() error     { return nil }

// benchRows makes the rows of .ci/bench's million-row file (a header, then a random state,
// partner, area and type, a description of its own and a year per row). With shared, the
// rows' labels are the same strings from row to row, as the fast workbook reader hands out
// shared strings; otherwise each row's cells are cut from a string of its own, as the CSV
// reader's are.
func benchRows(n int, shared bool) []sheet.Row {
	states := strings.Fields("Austria Belgium Bulgaria Croatia Cyprus Czechia Denmark Estonia Finland France Germany Greece Hungary Ireland Italy Latvia Lithuania Luxembourg Malta Netherlands Poland Portugal Romania Slovakia Slovenia Spain Sweden")
	partners := strings.Split("Albania|Bosnia and Herzegovina|Kosovo*|Montenegro|North Macedonia|Serbia", "|")
	areas := strings.Split("Asylum|Reception|Border management|Return|Combating migrant smuggling|Integration|Legal migration|Information exchange/situational awareness", "|")
	types := strings.Split("Financial assistance|Expert assistance|Equipment", "|")
	years := strings.Fields("2015 2016 2017 2018 2019 2020")
	rows := []sheet.Row{{Num: 1, Cells: []string{"Member State", "Partner", "Area", "Type of support", "Description", "Year"}}}
	seed := uint32(1)
	random := func(k int) int { seed = seed*1664525 + 1013904223; return int(uint64(seed) * uint64(k) >> 32) }
	for i := range n {
		cells := []string{states[random(len(states))], partners[random(len(partners))], areas[random(len(areas))],
			types[random(len(types))], "Activity " + strconv.Itoa(i), years[i%len(years)]}
		if !shared {
			line := strings.Join(cells, ",")
			cells = strings.Split(line, ",")
		}
		rows = append(rows, sheet.Row{Num: i + 2, Cells: cells})
	}
	return rows
}

// BenchmarkCountRows times the counting of a million made rows (readSheet and readRow, the
// duplicate check and the tally), without the reading of a file:
//
//	go test ./pkg/replies -run=NONE -bench=CountRows -benchtime=10x
func BenchmarkCountRows(b *testing.B) {
	for _, tc := range []struct {
		name   string
		shared bool
	}{{"shared", true}, {"cut", false}} {
		b.Run(tc.name, func(b *testing.B) {
			rows := benchRows(1000000, tc.shared)
			b.ReportAllocs()
			for b.Loop() {
				p, err := newParser(Options{})
				if err != nil {
					b.Fatal(err)
				}
				res, _, err := p.readSheet("million.csv", 1, 1, sheet.Info{}, &madeRows{rows: rows})
				if err != nil || res != sheetRead {
					b.Fatalf("readSheet: %v, %v", res, err)
				}
				if got := p.file.sources[0].Activities; got != 1000000 {
					b.Fatalf("%d activities counted, want 1000000", got)
				}
			}
		})
	}
}
