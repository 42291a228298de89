package xlsxstream_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// TestCorpus measures the fast reader on a folder of real workbooks: MAPSURVEY_CORPUS=dir names
// it (every .xlsx and .xlsm under it, at any depth). Each workbook is read with the fast reader
// alone and with the excelize-based reader (the reference); the test tallies the workbooks the
// fast reader reads, those it falls back on (by reason), and every cell where the two differ,
// and fails on a difference. MAPSURVEY_CORPUS_REPORT=file writes the tally there as well.
//
//	MAPSURVEY_CORPUS=/work/corpus/files go test -run TestCorpus -timeout 2h -v ./pkg/xlsxstream
func TestCorpus(t *testing.T) {
	dir := os.Getenv("MAPSURVEY_CORPUS")
	if dir == "" {
		t.Skip("MAPSURVEY_CORPUS names no folder of workbooks")
	}
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := strings.ToLower(filepath.Ext(p)); !d.IsDir() && (ext == ".xlsx" || ext == ".xlsm") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	tally := map[string][]string{}
	var lines []string
	fastN, diffCells, diffFiles := 0, 0, 0
	var fastTime, refTime time.Duration
	for _, p := range files {
		rel, _ := filepath.Rel(dir, p)
		start := time.Now()
		fast, ferr := readFast(p)
		fastTime += time.Since(start)
		start = time.Now()
		want, werr, timedOut := readExcelizeWithin(p, 2*time.Minute)
		refTime += time.Since(start)
		switch {
		case timedOut:
			tally["excelize took over 2 minutes"] = append(tally["excelize took over 2 minutes"], rel)
			lines = append(lines, fmt.Sprintf("%s: excelize took over 2 minutes (fast reader: %v)", rel, ferr))
			continue
		case ferr != nil && werr != nil:
			why := "both refuse"
			if strings.Contains(werr.Error(), "password") {
				why = "both refuse: encrypted (no password given)"
			}
			tally[why] = append(tally[why], rel)
			lines = append(lines, fmt.Sprintf("%s: both refuse: %v", rel, werr))
			continue
		case ferr != nil && isFallback(ferr):
			why := fallbackReason(ferr)
			tally["fallback: "+why] = append(tally["fallback: "+why], rel)
			lines = append(lines, fmt.Sprintf("%s: %v", rel, ferr))
			continue
		case ferr != nil:
			tally["fast refuses, excelize reads"] = append(tally["fast refuses, excelize reads"], rel)
			lines = append(lines, fmt.Sprintf("%s: fast refuses: %v", rel, ferr))
			continue
		case werr != nil:
			tally["fast reads, excelize refuses"] = append(tally["fast reads, excelize refuses"], rel)
			lines = append(lines, fmt.Sprintf("%s: excelize refuses: %v", rel, werr))
			continue
		}
		fastN++
		n, first := cellDiffs(fast, want)
		if n > 0 {
			diffCells += n
			diffFiles++
			lines = append(lines, fmt.Sprintf("%s: %d differences, first: %s", rel, n, first))
			t.Errorf("%s: %d cells differ; first: %s", rel, n, first)
		}
		tally["fast path"] = append(tally["fast path"], rel)
	}
	keys := make([]string, 0, len(tally))
	for k := range tally {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(tally[keys[i]]) != len(tally[keys[j]]) {
			return len(tally[keys[i]]) > len(tally[keys[j]])
		}
		return keys[i] < keys[j]
	})
	var b strings.Builder
	fallbacks := 0
	for k, v := range tally {
		if strings.HasPrefix(k, "fallback: ") {
			fallbacks += len(v)
		}
	}
	fmt.Fprintf(&b, "%d workbooks: %d on the fast path, %d fall back (%.1f%%); %d cells differ in %d workbooks\n",
		len(files), fastN, fallbacks, 100*float64(fallbacks)/float64(max(len(files), 1)), diffCells, diffFiles)
	fmt.Fprintf(&b, "time: fast reader %v, excelize-based reader %v\n", fastTime.Round(time.Millisecond), refTime.Round(time.Millisecond))
	for _, k := range keys {
		fmt.Fprintf(&b, "%5d  %s\n", len(tally[k]), k)
	}
	b.WriteString("\n")
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	t.Log(b.String())
	if out := os.Getenv("MAPSURVEY_CORPUS_REPORT"); out != "" {
		if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readExcelizeWithin is readExcelize given at most d: excelize's merged-cell handling is
// quadratic, and a workbook with tens of thousands of merged ranges takes minutes.
func readExcelizeWithin(p string, d time.Duration) ([]sheetRows, error, bool) {
	type result struct {
		rows []sheetRows
		err  error
	}
	done := make(chan result, 1)
	go func() {
		rows, err := readExcelize(p)
		done <- result{rows, err}
	}()
	select {
	case r := <-done:
		return r.rows, r.err, false
	case <-time.After(d):
		return nil, nil, true
	}
}

var (
	quoted  = regexp.MustCompile(`"[^"]*"`)
	numbers = regexp.MustCompile(`\b(row|line) \d+`)
)

// fallbackReason is the fast reader's reason for falling back, without the sheet, row and
// values that differ from one workbook to the next.
func fallbackReason(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, sheet.ErrFallback.Error()+": "); i >= 0 {
		s = s[i+len(sheet.ErrFallback.Error()+": "):]
	}
	s = quoted.ReplaceAllString(s, "…")
	s = numbers.ReplaceAllString(s, "$1 N")
	s = strings.TrimPrefix(s, "sheet … row N: ")
	s = strings.TrimPrefix(s, "sheet …: ")
	return s
}

// cellDiffs counts the cells (and sheets, rows, hidden flags and formula lists) where got and
// want differ, with the first difference.
func cellDiffs(got, want []sheetRows) (int, string) {
	n, first := 0, ""
	note := func(format string, args ...any) {
		if n == 0 {
			first = fmt.Sprintf(format, args...)
		}
		n++
	}
	if len(got) != len(want) {
		note("%d sheets, want %d", len(got), len(want))
		return n, first
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Name != w.Name || g.Hidden != w.Hidden {
			note("sheet %d is %q hidden=%v, want %q hidden=%v", i, g.Name, g.Hidden, w.Name, w.Hidden)
		}
		byNum := map[int]sheet.Row{}
		for _, r := range w.Rows {
			byNum[r.Num] = r
		}
		seen := map[int]bool{}
		for _, gr := range g.Rows {
			seen[gr.Num] = true
			wr := byNum[gr.Num]
			for c := 0; c < max(len(gr.Cells), len(wr.Cells)); c++ {
				gv, wv := cell(gr.Cells, c), cell(wr.Cells, c)
				if gv != wv {
					note("sheet %q %s%d: %q, want %q", g.Name, sheet.ColumnName(c+1), gr.Num, gv, wv)
				}
			}
			if len(gr.Cells) > 0 && gr.Hidden != wr.Hidden {
				note("sheet %q row %d hidden=%v, want %v", g.Name, gr.Num, gr.Hidden, wr.Hidden)
			}
			if !reflect.DeepEqual(gr.Formulas, wr.Formulas) && (len(gr.Formulas) > 0 || len(wr.Formulas) > 0) {
				note("sheet %q row %d formulas %v, want %v", g.Name, gr.Num, gr.Formulas, wr.Formulas)
			}
		}
		for _, wr := range w.Rows {
			if !seen[wr.Num] && len(wr.Cells) > 0 {
				for c, v := range wr.Cells {
					if v != "" {
						note("sheet %q %s%d: missing, want %q", g.Name, sheet.ColumnName(c+1), wr.Num, v)
					}
				}
			}
		}
	}
	return n, first
}

func cell(cells []string, i int) string {
	if i < len(cells) {
		return cells[i]
	}
	return ""
}
