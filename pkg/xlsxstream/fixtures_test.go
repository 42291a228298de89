package xlsxstream_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestWriteLibreOfficeFixtures remakes testdata/libreoffice/*.xlsx: workbooks written by excelize,
// then opened and saved by LibreOffice Calc, which lays them out as a spreadsheet program does
// (a shared strings table, its own styles, computed formula values). It runs only when asked:
//
//	MAPSURVEY_WRITE_FIXTURES=1 go test ./pkg/xlsxstream -run TestWriteLibreOfficeFixtures
func TestWriteLibreOfficeFixtures(t *testing.T) {
	if os.Getenv("MAPSURVEY_WRITE_FIXTURES") == "" {
		t.Skip("set MAPSURVEY_WRITE_FIXTURES=1 to remake the LibreOffice fixtures")
	}
	src := t.TempDir()
	sources := map[string]string{
		"cells-libreoffice.xlsx":  excelizeWorkbook(t),
		"stream-libreoffice.xlsx": streamWorkbook(t),
		"fallback-dates-libreoffice.xlsx": func() string {
			f := excelize.NewFile()
			defer f.Close()
			must := func(err error) {
				if err != nil {
					t.Fatal(err)
				}
			}
			must(f.SetSheetRow("Sheet1", "A1", &[]any{"State", "Date", "Share"}))
			must(f.SetSheetRow("Sheet1", "A2", &[]any{"Austria", time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC), 0.25}))
			pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
			must(err)
			must(f.SetCellStyle("Sheet1", "C2", "C2", pct))
			p := filepath.Join(t.TempDir(), "dates.xlsx")
			must(f.SaveAs(p))
			return p
		}(),
	}
	profile := "file://" + t.TempDir()
	out := filepath.Join("testdata", "libreoffice")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, p := range sources {
		in := filepath.Join(src, strings.TrimSuffix(name, "-libreoffice.xlsx")+".xlsx")
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(in, data, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("soffice", "-env:UserInstallation="+profile, "--headless", "--convert-to", "xlsx", "--outdir", t.TempDir(), in)
		cmd.Dir = src
		outDir := cmd.Args[len(cmd.Args)-2]
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, b)
		}
		converted, err := os.ReadFile(filepath.Join(outDir, filepath.Base(in)))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, name), converted, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%s bytes)", name, strconv.Itoa(len(converted)))
	}
}
