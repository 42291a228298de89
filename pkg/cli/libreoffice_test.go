package cli_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mapsurvey/mapsurvey/pkg/cli"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/replies"
)

// TestReportWorkbookInLibreOffice writes the bundled sample's report.xlsx and has a real
// spreadsheet program read it: LibreOffice must open it without complaint, and every table
// sheet must show the figures of the printed tables.
func TestReportWorkbookInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("soffice is not on PATH: install libreoffice-calc-nogui (.ci/run does) to check the workbook in a spreadsheet program")
	}
	const sample = "../../testdata/sample/replies-7896-20.xlsx"
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := cli.Run([]string{"report", sample, "-o", dir, "--format", "xlsx", "-q"}, cli.IOStreams{Out: &out, ErrOut: &errOut}); code != 0 {
		t.Fatalf("report: exit %d: %s", code, errOut.String())
	}
	ds, err := replies.Read([]string{sample}, replies.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := ds.Analysis()
	tables := render.Tables(a, ds.Schema, render.Options{})

	csvDir := filepath.Join(dir, "csv")
	profile := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "profile"))}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Every sheet to its own CSV, cells as shown (so a share reads "24%").
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile.String(), "--headless", "--norestore",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
		"--outdir", csvDir, filepath.Join(dir, "report.xlsx"))
	var so bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &so
	if err := cmd.Run(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, so.String())
	}
	for _, line := range strings.Split(so.String(), "\n") {
		if l := strings.ToLower(line); !strings.Contains(l, "javaldx") && (strings.Contains(l, "error") || strings.Contains(l, "repair")) {
			t.Errorf("soffice: %s", line)
		}
	}
	files, err := filepath.Glob(filepath.Join(csvDir, "report-T*.csv"))
	if err != nil || len(files) != len(tables) {
		t.Fatalf("LibreOffice wrote %d table sheets, want %d (%v)", len(files), len(tables), err)
	}
	for _, f := range files {
		rows := readLibreOfficeCSV(t, f)
		num, _, _ := strings.Cut(strings.TrimPrefix(rows[0][0], "Table "), ".")
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 || n > len(tables) {
			t.Fatalf("%s: A1 = %q", filepath.Base(f), rows[0][0])
		}
		tb := tables[n-1]
		body := append(append([][]render.Value{}, tb.Rows...), tb.Total)
		if tb.Total == nil {
			body = body[:len(body)-1]
		}
		for i, row := range body {
			var want []string
			for c, v := range row {
				s := v.Text
				if strings.HasPrefix(tb.Columns[c].Title, "%") {
					s += "%"
				}
				want = append(want, s)
			}
			got := rows[3+i]
			if len(got) > len(want) {
				got = got[:len(want)] // a chart's neighbouring cells are empty
			}
			if g, w := strings.Join(got, "|"), strings.Join(want, "|"); g != w {
				t.Errorf("Table %d row %d in LibreOffice: %s, want %s", n, i+1, g, w)
			}
		}
	}
}

func readLibreOfficeCSV(t *testing.T, path string) [][]string {
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
