package questionnaire_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/docx"
	"github.com/mapsurvey/mapsurvey/pkg/internal/officetest"
	"github.com/mapsurvey/mapsurvey/pkg/questionnaire"
	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// fillWord writes the Word form of s and fills in its drop-down lists as a respondent would in
// Word: rows[r][c] is chosen in reply row r+1, column c+1 ("" leaves it).
func fillWord(t *testing.T, s *survey.Schema, name string, rows [][]string) string {
	t.Helper()
	var form bytes.Buffer
	if err := questionnaire.WriteWord(&form, s, questionnaire.Options{}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(form.Bytes()), int64(form.Len()))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == "word/document.xml" {
			data = []byte(choose(t, string(data), rows))
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// choose makes the drop-down lists of document show the values chosen, as Word writes them:
// the placeholder flag gone, the choice's text in the content.
func choose(t *testing.T, document string, rows [][]string) string {
	for r, row := range rows {
		for c, v := range row {
			if v == "" {
				continue
			}
			tag := `<w:tag w:val="` + docx.FormTag(r+1, c+1) + `"/>`
			at := strings.Index(document, tag)
			if at < 0 {
				t.Fatalf("no drop-down list %s", tag)
			}
			end := at + strings.Index(document[at:], "</w:sdt>")
			control := document[at:end]
			control = strings.Replace(control, "<w:showingPlcHdr/>", "", 1)
			control = strings.Replace(control, ">"+docx.FormPlaceholder+"<", ">"+v+"<", 1)
			document = document[:at] + control + document[end:]
		}
	}
	return document
}

// The Word form, filled in, reads back as the activities chosen; so does LibreOffice Writer's
// save of it (LibreOffice keeps the content controls and their choices).
func TestFilledWordFormReadsBack(t *testing.T) {
	s := survey.Builtin()
	path := fillWord(t, s, "Austria.docx", [][]string{
		{"Austria", "Serbia", "Asylum", "Expert assistance"},
		{"Austria", "Kosovo*", "Border management", "Equipment"},
		{"Austria", "North Macedonia", "Information exchange/situational awareness", "Financial assistance"},
		{"Belgium", "none"},
	})
	want := []activity{
		{"Austria", "Kosovo*", "Border management", "Equipment"},
		{"Austria", "North Macedonia", "Information exchange/situational awareness", "Financial assistance"},
		{"Austria", "Serbia", "Asylum", "Expert assistance"},
	}
	check := func(t *testing.T, path string) {
		ds, err := replies.Read([]string{path}, replies.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range ds.Findings {
			// The definitions' tables are no reply tables: analyse notes that it skipped them.
			if fd.Severity != replies.Note || fd.Message != "skipped: no header row of replies in its first rows" {
				t.Errorf("finding: %s: %s", fd.Severity, fd)
			}
		}
		if got := counted(ds.Analysis()); !reflect.DeepEqual(got, want) {
			t.Errorf("activities\n%v\nwant\n%v", got, want)
		}
		if !reflect.DeepEqual(ds.Respondents, []string{"Austria", "Belgium"}) {
			t.Errorf("respondents %v", ds.Respondents)
		}
		if len(ds.Sources) != 1 || ds.Sources[0].Sheet != "table 1" || ds.Sources[0].HeaderRow != 1 {
			t.Errorf("sources %+v, want table 1 with its header in row 1", ds.Sources)
		}
	}
	t.Run("as written", func(t *testing.T) { check(t, path) })
	t.Run("saved by LibreOffice", func(t *testing.T) {
		if testing.Short() {
			t.Skip("short: LibreOffice takes seconds")
		}
		out := t.TempDir()
		officetest.Convert(t, "docx:MS Word 2007 XML", out, path)
		check(t, filepath.Join(out, "Austria.docx"))
	})
}

// The same options give the same bytes.
func TestWordFormSameBytes(t *testing.T) {
	var a, b bytes.Buffer
	for _, buf := range []*bytes.Buffer{&a, &b} {
		if err := questionnaire.WriteWord(buf, survey.Builtin(), questionnaire.Options{Period: "2019 to 2021"}); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes differ")
	}
}
