package sheet_test

import (
	"archive/zip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// partOf is the text of one part of a file LibreOffice saved, for fuzz seeds.
func partOf(f *testing.F, file, part string) []byte {
	zr, err := zip.OpenReader(filepath.Join(officeDir, file))
	if err != nil {
		f.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if zf.Name == part {
			rc, err := zf.Open()
			if err != nil {
				f.Fatal(err)
			}
			defer rc.Close()
			data, err := io.ReadAll(rc)
			if err != nil {
				f.Fatal(err)
			}
			return data
		}
	}
	f.Fatalf("%s has no %s", file, part)
	return nil
}

// fuzzOffice reads data, as the part named part of a file name, through sheet.Read: it never
// panics nor hangs, rows come in increasing order with valid UTF-8 cells of at most
// MaxCellChars characters, and every failure is a *sheet.Error naming the file.
func fuzzOffice(t *testing.T, name, part string, data []byte) {
	path := filepath.Join(t.TempDir(), name)
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	w, _ := zw.Create(part)
	w.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	err = sheet.Read(path, sheet.Options{}, func(_ sheet.Info, rows sheet.Rows) error {
		last := 0
		for rows.Next() {
			r := rows.Row()
			if r.Num <= last {
				t.Fatalf("row %d after row %d", r.Num, last)
			}
			last = r.Num
			for _, c := range r.Cells {
				if !utf8.ValidString(c) || utf8.RuneCountInString(c) > sheet.MaxCellChars {
					t.Fatalf("cell %q", c)
				}
			}
		}
		return rows.Err()
	})
	var se *sheet.Error
	if err != nil && (!errors.As(err, &se) || se.Path != path) {
		t.Fatalf("error %v (%T) does not name the file", err, err)
	}
}

// FuzzODS feeds arbitrary content.xml to the .ods reader, seeded with what LibreOffice saved.
func FuzzODS(f *testing.F) {
	f.Add(partOf(f, "features.ods", "content.xml")) // 22 kB; the sample's 214 kB would slow every input
	f.Add([]byte(`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">` +
		`<office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2"><text:p>a<text:s text:c="2"/>b</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzOffice(t, "fuzz.ods", "content.xml", data) })
}

// FuzzDocx feeds arbitrary word/document.xml to the .docx reader, seeded with LibreOffice
// Writer's save of a form with merged cells, check boxes and drop-downs.
func FuzzDocx(f *testing.F) {
	f.Add(partOf(f, "form.docx", "word/document.xml"))
	f.Add([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Serbia</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzOffice(t, "fuzz.docx", "word/document.xml", data) })
}
