// Package golden holds the one switch that rewrites every committed file a test compares with
// what the code makes now. `make update-golden` sets it; review the result with git diff.
//
//	MAPSURVEY_UPDATE=1 go test ./...
//
// It rewrites:
//   - testdata/script/*.txtar, the stdout and stderr sections (pkg/cli TestScripts);
//   - testdata/sample/replies-7896-20.xlsx, from its CSV source (pkg/workbook TestSampleWorkbook);
//   - docs/reference/*.md, the command reference (internal/docs TestReferenceIsCurrent);
//   - pkg/xlsxstream/testdata/fuzz/FuzzFastWorkbook, the fuzz seeds (pkg/xlsxstream TestWriteFuzzSeeds).
//
// The workbooks LibreOffice saved (pkg/sheet/testdata/libreoffice) are inputs, not goldens: they
// need LibreOffice, and every save gives other bytes (tried: all three change), so they are
// remade only on purpose (MAPSURVEY_WRITE_FIXTURES=1).
package golden

import "os"

// Var names the switch.
const Var = "MAPSURVEY_UPDATE"

// Update tells whether tests rewrite their golden files instead of comparing with them.
func Update() bool { return os.Getenv(Var) == "1" }
