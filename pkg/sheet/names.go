package sheet

import "github.com/mapsurvey/mapsurvey/pkg/xlsxstream"

// SheetNames lists the sheets of the workbook at path, in the workbook's order, for completing
// --sheet: the fast reader reads only the workbook's list of sheets; a workbook it cannot open
// goes through the same bounded excelize opening as reading does.
func SheetNames(path string) ([]string, error) {
	var names []string
	if w, err := xlsxstream.Open(path); err == nil {
		defer w.Close()
		for _, s := range w.Sheets() {
			names = append(names, s.Name)
		}
		return names, nil
	}
	book, err := openExcelize(path, Options{})
	if err != nil {
		return nil, err
	}
	defer book.close()
	return book.f.GetSheetList(), nil
}
