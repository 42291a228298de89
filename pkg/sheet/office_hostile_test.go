package sheet_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mapsurvey/mapsurvey/pkg/internal/officetest"
	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// Damaged and hostile .ods, .docx and .xls files end quickly with one error naming the file:
// a truncated archive, a part declared to unpack to gigabytes, a part that is not XML, a
// document with no content.
func TestHostileOfficeFiles(t *testing.T) {
	dir := t.TempDir()
	truncated := func(name string) string {
		data, err := os.ReadFile(office(name))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "truncated-"+name)
		if err := os.WriteFile(p, data[:len(data)/2], 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	build := func(name string, parts ...zipPart) string {
		p := filepath.Join(dir, name)
		writeZip(t, p, parts)
		return p
	}
	for _, tc := range []struct {
		name, path, want string
		soffice          bool
	}{
		{"a truncated .ods", truncated("sample.ods"), "not a readable .ods spreadsheet (the file is damaged, or is another format renamed .ods)", false},
		{"a truncated .docx", truncated("form.docx"), "not a readable .docx document (the file is damaged, or is another format renamed .docx)", false},
		{"an .ods bomb", build("bomb.ods", zipPart{name: "content.xml", body: strings.NewReader("<x/>"), declared: 3 << 30}), "would unpack to 3,072 MB", false},
		{"a .docx bomb", build("bomb.docx", zipPart{name: "word/document.xml", body: strings.NewReader("<x/>"), declared: 300 << 20}), "word/document.xml would unpack to 300 MB", false},
		{"an .ods without content", build("empty.ods", zipPart{name: "mimetype", body: strings.NewReader("application/vnd.oasis.opendocument.spreadsheet")}), "not a readable .ods spreadsheet: it has no content.xml", false},
		{"a .docx without a document", build("empty.docx", zipPart{name: "word/styles.xml", body: strings.NewReader("<x/>")}), "not a readable .docx document: it has no word/document.xml", false},
		{"a .docx whose document is not XML", build("text.docx", zipPart{name: "word/document.xml", body: strings.NewReader("plain <text")}), "not a readable .docx document: its part word/document.xml is damaged", false},
		{"an .ods whose content is not XML", build("text.ods", zipPart{name: "content.xml", body: strings.NewReader("<a><b></a>")}), "not a readable .ods spreadsheet: its part content.xml is damaged (line 1: element <b> closed by </a>)", false},
		{"a truncated .xls", truncated("sample.xls"), "the .xls workbook is damaged: it ends before its last part", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.soffice {
				if testing.Short() {
					t.Skip("short: converting with LibreOffice takes seconds")
				}
				officetest.Soffice(t)
			}
			start := time.Now()
			_, err := readWith(tc.path, sheet.Options{})
			wantRefused(t, tc.path, err, tc.want)
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// A compound document that is no workbook is refused: left to guess, LibreOffice would import
// it as text, a row of garbage.
func TestEmptyCompoundDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("short: converting with LibreOffice takes seconds")
	}
	officetest.Soffice(t)
	p := emptyCompound(t, filepath.Join(t.TempDir(), "empty.xls"))
	_, err := readWith(p, sheet.Options{})
	wantRefused(t, p, err, "LibreOffice could not read it as a workbook")
}

// emptyCompound writes a compound document header with no sectors at path.
func emptyCompound(t *testing.T, path string) string {
	data := make([]byte, 1024)
	copy(data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
	data[30] = 9 // 512-byte sectors
	for i := 76; i < 512; i++ {
		data[i] = 0xff // no allocation table
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
