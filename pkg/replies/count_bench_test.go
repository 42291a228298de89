package replies

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/sheet/sheettest"
)

// madeRows hands out rows made beforehand, so that a benchmark times the counting alone.
type madeRows struct {
	rows []sheet.Row
	i    int
}

func (m *madeRows) Next() bool     { m.i++; return m.i <= len(m.rows) }
func (m *madeRows) Row() sheet.Row { return m.rows[m.i-1] }
func (m *madeRows) Err() error     { return nil }

// benchRows makes the rows of a million-row file: a header, then a random state, partner, area
// and type per row, a description of its own and a year. With shared, the rows are those of the
// benchmark workbook (sheettest): its labels are the same strings from row to row (for a few
// thousand rows at a time while the descriptions are read), as the fast workbook reader hands
// out shared strings, and its descriptions are sentences. Otherwise they
// are those of .ci/bench's CSV file: each row's cells are cut from a string of its own, as the
// CSV reader's are, and the descriptions are "Activity 1", "Activity 2"...
func benchRows(n int, shared bool) []sheet.Row {
	rows := []sheet.Row{{Num: 1, Cells: sheettest.Header}}
	seed := uint32(1)
	random := func(labels []string) string {
		seed = seed*1664525 + 1013904223
		return labels[uint64(seed)*uint64(len(labels))>>32]
	}
	years := strings.Fields("2015 2016 2017 2018 2019 2020")
	labels := [][]string{sheettest.States, sheettest.Partners, sheettest.Areas, sheettest.Types}
	for i := range n {
		if shared && i%4096 == 0 && i < duplicateLimit {
			// The fast reader keeps the strings it made in a cache of 4,096 by their index,
			// where the descriptions' indices come to take the labels' slots: each label is
			// made again every 4,096 rows or so, while the descriptions are read.
			for k, l := range labels {
				labels[k] = nil
				for _, label := range l {
					labels[k] = append(labels[k], strings.Clone(label))
				}
			}
		}
		cells := []string{random(labels[0]), random(labels[1]), random(labels[2]),
			random(labels[3]), "Activity " + strconv.Itoa(i), years[i%len(years)]}
		if shared {
			cells[4] = fmt.Sprintf("%s for %s officers on %s, project %d", cells[3], cells[1], strings.ToLower(cells[2]), i)
		} else {
			cells = strings.Split(strings.Join(cells, ","), ",")
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

// BenchmarkDuplicateCheck checks the activities of a million rows, none twice, as the
// duplicate check does: it records the first duplicateLimit and looks the others up.
func BenchmarkDuplicateCheck(b *testing.B) {
	pos := &Position{File: "million.csv", Row: 2}
	for b.Loop() {
		c := newCrossChecks().forFile()
		for i := range 1000000 {
			pos.Row = i + 2
			if _, dup := c.duplicate(uint64(i+1)*0x9E3779B97F4A7C15, i%6, i%8, i%3, pos); dup {
				b.Fatalf("row %d: a duplicate", pos.Row)
			}
		}
	}
}
