package cli_test

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"

	"github.com/mapsurvey/mapsurvey/pkg/cli"
	"github.com/mapsurvey/mapsurvey/pkg/internal/golden"
	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/workbook"
)

// TestMain lets the test binary stand in for the built commands: testscript runs it as
// "mapsurvey" (and as the csv2xlsx helper) in a child process, so scripts exercise the real
// binary's arguments, streams and exit codes.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"mapsurvey": func() { os.Exit(cli.Main()) },
		"csv2xlsx":  func() { os.Exit(csv2xlsx(os.Args[1:])) },
		"pngsize":   func() { os.Exit(pngsize(os.Args[1:])) },
	})
}

// TestScripts runs testdata/script/*.txtar. With MAPSURVEY_UPDATE=1 (make update-golden) the
// expected stdout and stderr sections are rewritten from the actual output; review them with git
// diff.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "../../testdata/script",
		UpdateScripts: golden.Update(),
		Setup: func(env *testscript.Env) error {
			if err := copyDir("../../testdata/sample", filepath.Join(env.WorkDir, "sample")); err != nil {
				return err
			}
			if err := copyDir("../../testdata/central-asia", filepath.Join(env.WorkDir, "ca")); err != nil {
				return err
			}
			for _, d := range []string{"3w", "3w/ethiopia"} {
				if err := copyDir("../../testdata/"+d, filepath.Join(env.WorkDir, d)); err != nil {
					return err
				}
			}
			if err := copyDir("../../testdata/workbooks", filepath.Join(env.WorkDir, "workbooks")); err != nil {
				return err
			}
			data, err := os.ReadFile("../../docs/examples/central-asia.yaml")
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(env.WorkDir, "ca", "central-asia.yaml"), data, 0o644)
		},
	})
}

func copyDir(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// csv2xlsx builds a workbook from CSV files, one sheet each, so that scripts (which hold text
// only) can test real workbooks; -password encrypts it as Excel does:
//
//	csv2xlsx [-password PW] OUT.xlsx SHEET=FILE.csv [hidden:SHEET=FILE.csv ...]
func csv2xlsx(args []string) int {
	password := ""
	if len(args) > 1 && args[0] == "-password" {
		password, args = args[1], args[2:]
	}
	if len(args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: csv2xlsx OUT.xlsx SHEET=FILE.csv...")
		return 2
	}
	var sheets []workbook.Sheet
	for _, spec := range args[1:] {
		hidden := strings.HasPrefix(spec, "hidden:")
		spec = strings.TrimPrefix(spec, "hidden:")
		name, file, ok := strings.Cut(spec, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "csv2xlsx: %q: want SHEET=FILE.csv\n", spec)
			return 2
		}
		rows, err := readCSV(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, "csv2xlsx:", err)
			return 1
		}
		sheets = append(sheets, workbook.Sheet{Name: name, Rows: rows, Hidden: hidden})
	}
	if err := workbook.Write(args[0], sheets); err != nil {
		fmt.Fprintln(os.Stderr, "csv2xlsx:", err)
		return 1
	}
	if password != "" {
		if err := encrypt(args[0], password); err != nil {
			fmt.Fprintln(os.Stderr, "csv2xlsx:", err)
			return 1
		}
	}
	return 0
}

func encrypt(path, password string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.SaveAs(path, excelize.Options{Password: password})
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := sheet.NewCSV(path, f)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for rows.Next() {
		r := rows.Row()
		for len(out) < r.Num-1 {
			out = append(out, nil) // keep blank lines as blank rows
		}
		out = append(out, r.Cells)
	}
	return out, rows.Err()
}

// pngsize decodes PNG files and prints their size, "NAME WIDTHxHEIGHT", one per line: scripts
// check chart sizes without comparing image bytes across machines.
func pngsize(args []string) int {
	for _, path := range args {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "pngsize:", err)
			return 1
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(os.Stderr, "pngsize: %s: %v\n", path, err)
			return 1
		}
		fmt.Printf("%s %dx%d\n", filepath.Base(path), img.Bounds().Dx(), img.Bounds().Dy())
	}
	return 0
}
