// Package officetest runs LibreOffice for the tests that open mapsurvey's outputs in a real
// office program. Without LibreOffice those tests skip with a message naming what is missing, so
// that `make test` passes on a machine with Go only; MAPSURVEY_REQUIRE_TOOLS=1 (which
// .ci/run sets) makes a missing LibreOffice a failure, so that CI can never skip them.
package officetest

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/table"
)

// RequireVar names the variable that turns a missing LibreOffice from a skip into a failure.
const RequireVar = "MAPSURVEY_REQUIRE_TOOLS"

// SheetsAsShownCSV is the filter that saves every sheet of a workbook to FILE-SHEET.csv. Tokens:
// comma, double quote, UTF-8, from line 1, no column formats, default language, quoted fields
// not as text, detect special numbers, cells AS SHOWN (so that 0.41 is written as 41%), no
// formulas, no trimming, -1: every sheet.
const SheetsAsShownCSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"

// Soffice returns the path of LibreOffice's soffice. When it is not on PATH, it skips t, or
// fails it if RequireVar is 1.
func Soffice(t testing.TB) string {
	t.Helper()
	path, problem, required := find(exec.LookPath, os.Getenv)
	switch {
	case problem != "" && required:
		t.Fatal(problem)
	case problem != "":
		t.Skip(problem)
	}
	return path
}

// find decides what Soffice does: a path, or the problem and whether it is a failure.
func find(lookPath func(string) (string, error), getenv func(string) string) (path, problem string, required bool) {
	path, err := lookPath("soffice")
	if err == nil {
		return path, "", false
	}
	if getenv(RequireVar) == "1" {
		return "", "LibreOffice (soffice) is not on PATH and " + RequireVar + "=1 requires it: install libreoffice-calc-nogui", true
	}
	return "", "skipped: LibreOffice (soffice) is not on PATH; install libreoffice-calc-nogui to run this check, " +
		"or set " + RequireVar + "=1 to make its absence a failure (.ci/run does)", false
}

// Convert has LibreOffice convert files with filter into outDir, in a profile of its own (so
// that parallel runs and a LibreOffice the developer has open do not collide). It fails t when
// LibreOffice fails or reports an error, a corrupt file or a repair.
func Convert(t testing.TB, filter, outDir string, files ...string) {
	t.Helper()
	soffice := Soffice(t)
	profile := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(t.TempDir(), "profile"))}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=" + profile.String(), "--headless", "--norestore",
		"--convert-to", filter, "--outdir", outDir}, files...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	t.Logf("soffice took %v", time.Since(start).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out.String())
	}
	for _, line := range complaints(out.String()) {
		t.Errorf("soffice: %s", line)
	}
}

// complaints are the lines of LibreOffice's output that say a file did not load cleanly.
func complaints(output string) []string {
	var lines []string
	for _, line := range strings.Split(output, "\n") {
		// LibreOffice says this without Java, which Calc does not need.
		if strings.Contains(line, "javaldx") {
			continue
		}
		if l := strings.ToLower(line); strings.Contains(l, "error") || strings.Contains(l, "corrupt") || strings.Contains(l, "repair") {
			lines = append(lines, line)
		}
	}
	return lines
}

// ReadCSV reads a CSV file LibreOffice wrote; rows may differ in length.
func ReadCSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// ShownRows are a table's rows, and its total row if it has one, as LibreOffice shows them in a
// workbook that stores shares as fractions with a percent format: the text of each cell, with
// "%" after a share, and after each share its exact value with two decimals ("41.18%", the
// column report.xlsx adds beside each share column), or the share's text where it has no
// fraction (a suppressed "<3").
func ShownRows(tb render.Table) [][]string {
	body := tb.Rows
	if tb.Total != nil {
		body = append(append([][]render.Value{}, tb.Rows...), tb.Total)
	}
	var out [][]string
	for _, row := range body {
		var cells []string
		for c, v := range row {
			s := v.Text
			if tb.Columns[c].Kind != table.Share {
				cells = append(cells, s)
				continue
			}
			exact := s
			if v.Whole > 0 {
				exact = strconv.FormatFloat(100*float64(v.Part)/float64(v.Whole), 'f', 2, 64) + "%"
			}
			if number.MatchString(s) {
				s += "%"
			}
			cells = append(cells, s, exact)
		}
		out = append(out, cells)
	}
	return out
}

var number = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// Need skips t when a tool that a test needs is missing (missing says which, and how to
// install it), or fails it if RequireVar is 1: on a machine with only Go the tests pass, saying
// what they left out, and CI, which installs the tools and sets the variable, cannot skip.
func Need(t testing.TB, missing string) {
	t.Helper()
	if missing == "" {
		return
	}
	if os.Getenv(RequireVar) == "1" {
		t.Fatalf("%s, and %s=1 requires it", missing, RequireVar)
	}
	t.Skipf("skipped: %s; install it to run this check, or set %s=1 to make its absence a failure (.ci/run does)", missing, RequireVar)
}
