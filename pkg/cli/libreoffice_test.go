package cli_test

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/cli"
	"github.com/mapsurvey/mapsurvey/pkg/internal/officetest"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/replies"
)

// TestReportWorkbookInLibreOffice writes the bundled sample's report.xlsx and has a real
// spreadsheet program read it: LibreOffice must open it without complaint, and every table
// sheet must show the figures of the printed tables, and of the partner x area and gaps sheets.
func TestReportWorkbookInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short: LibreOffice takes seconds to start")
	}
	officetest.Soffice(t)
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
	ro := render.Options{}
	// The tables, then the partner x area grid and the gaps and overlaps (--overlap 5).
	tables := append(render.Tables(a, ds.Schema, ro), render.PartnerAreaTable(a, ds.Schema, ro), render.GapsOverlapsTable(a, ds.Schema, ro, 5))

	csvDir := filepath.Join(dir, "csv")
	// Every sheet to its own CSV, cells as shown (so a share reads "24%").
	officetest.Convert(t, officetest.SheetsAsShownCSV, csvDir, filepath.Join(dir, "report.xlsx"))
	files, err := filepath.Glob(filepath.Join(csvDir, "report-T*.csv"))
	if err != nil || len(files) != len(tables) {
		t.Fatalf("LibreOffice wrote %d table sheets, want %d (%v)", len(files), len(tables), err)
	}
	for _, f := range files {
		rows := officetest.ReadCSV(t, f)
		num, _, _ := strings.Cut(strings.TrimPrefix(rows[0][0], "Table "), ".")
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 || n > len(tables) {
			t.Fatalf("%s: A1 = %q", filepath.Base(f), rows[0][0])
		}
		for i, want := range officetest.ShownRows(tables[n-1]) {
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
