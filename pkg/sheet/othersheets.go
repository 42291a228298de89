package sheet

import (
	"archive/zip"
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/mapsurvey/mapsurvey/pkg/xlsxstream"
)

// otherSheet tells a chart sheet, a dialog sheet or an Excel 4 macro sheet, which excelize
// refuses to read as a worksheet (err), and a sheet listed without a part (err says it does not
// exist; see xlsxstream.NoCellsSheet): such a sheet holds no replies, and both readers give it
// with no rows and Info.Other set, for the caller to note it skipped. It returns "" for any
// other sheet, or error.
func otherSheet(zr *zip.Reader, name string, err error) string {
	if errors.As(err, new(excelize.ErrSheetNotExist)) {
		if parts, perr := sheetParts(zipParts(zr)); perr == nil {
			if part, listed := parts[name]; listed && part == "" {
				return xlsxstream.NoCellsSheet // listed with an empty relationship id
			}
		}
	}
	if err == nil || err.Error() != fmt.Sprintf("sheet %s is not a worksheet", name) {
		return ""
	}
	if kind := xlsxstream.OtherSheetKind(sheetPartOf(zr, name)); kind != "" {
		return kind
	}
	return "sheet that is not a worksheet"
}

// noRows are the rows of a sheet that has none to give.
type noRows struct{}

func (noRows) Next() bool { return false }
func (noRows) Row() Row   { return Row{} }
func (noRows) Err() error { return nil }
