package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"github.com/mapsurvey/mapsurvey/pkg/internal/officetest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/mapsurvey/mapsurvey/pkg/cli"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// TestReportDocxInLibreOffice has a real word processor read report.docx: LibreOffice Writer
// converts it to PDF, and the PDF's text must hold, in the order of report.md, every heading,
// paragraph, caption and table cell of report.md, and every note of report.md somewhere (they
// are footnotes in Word). Run for the bundled sample and the Central Asia example.
func TestReportDocxInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short: LibreOffice takes seconds to start")
	}
	soffice, pdftotext := lookTools(t)
	for _, c := range []struct{ name, schema, input string }{
		{"sample", "", "../../testdata/sample/replies-7896-20.xlsx"},
		{"central-asia", "../../docs/examples/central-asia.yaml", "../../testdata/central-asia/replies.csv"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			args := []string{"report", c.input, "-o", dir, "--format", "md,docx", "-q", "--doc-number", "7896/20", "--classification", "LIMITE"}
			if c.schema != "" {
				args = append(args, "--schema", c.schema)
			}
			var out, errOut bytes.Buffer
			if code := cli.Run(args, cli.IOStreams{Out: &out, ErrOut: &errOut}); code != 0 {
				t.Fatalf("report: exit %d: %s", code, errOut.String())
			}
			pdf := convertToPDF(t, soffice, filepath.Join(dir, "report.docx"))
			text := runOut(t, pdftotext, "-layout", pdf, "-")
			md, err := os.ReadFile(filepath.Join(dir, "report.md"))
			if err != nil {
				t.Fatal(err)
			}
			for _, msg := range compareWithMarkdown(string(md), text) {
				t.Error(msg)
			}
			if !strings.Contains(text, "7896/20") || !strings.Contains(text, "LIMITE") {
				t.Error("the running header (7896/20, LIMITE) is not on the pages")
			}
			if strings.Contains(string(md), survey.KosovoFootnote) {
				if msg := markShownOnce(text, "Kosovo", "*", survey.KosovoFootnote); msg != "" {
					t.Error(msg)
				}
			}
		})
	}
}

// markShownOnce checks a footnote with a mark of its own (Kosovo's "*") on the pages: the label
// carries the mark once wherever it stands ("Kosovo*", never "Kosovo**"), and the footnote's
// text comes after the mark once ("* This designation", not "* * This designation", which
// LibreOffice showed when the footnote also held its mark as text).
func markShownOnce(text, label, mark, note string) string {
	words := fields(text)
	noteWords := fields(note)
	labelled := 0
	for i, w := range words {
		if rest, ok := strings.CutPrefix(w, label); ok && strings.HasPrefix(rest, mark) {
			labelled++
			if strings.HasPrefix(rest, mark+mark) {
				return fmt.Sprintf("%q on the pages: the label carries its mark twice", w)
			}
		}
		if w != noteWords[0] || strings.Join(words[i:min(len(words), i+len(noteWords))], " ") != strings.Join(noteWords, " ") {
			continue
		}
		marks := 0
		for j := i - 1; j >= 0 && words[j] == mark; j-- {
			marks++
		}
		if marks != 1 {
			return fmt.Sprintf("the footnote %q... comes after its mark %q %d times (%s)", strings.Join(noteWords[:3], " "), mark, marks,
				strings.Join(words[max(0, i-4):i+3], " "))
		}
		if labelled == 0 {
			return fmt.Sprintf("the footnote %q... comes before any %q on the pages", strings.Join(noteWords[:3], " "), label+mark)
		}
		return ""
	}
	return fmt.Sprintf("the footnote %q... is not on the pages as one text", strings.Join(noteWords[:3], " "))
}

// TestMarkShownOnceFindsADoubledMark proves markShownOnce can fail: the footnote area as
// LibreOffice drew it when the mark was also in the footnote's text, a label with its mark
// twice, and a footnote without its mark.
func TestMarkShownOnceFindsADoubledMark(t *testing.T) {
	const note = "This designation is without prejudice."
	good := "Kosovo* from the fewest (7).\n1 The replies.\n* This designation is without\nprejudice.\n"
	if msg := markShownOnce(good, "Kosovo", "*", note); msg != "" {
		t.Fatalf("a faithful rendering fails: %s", msg)
	}
	for name, bad := range map[string]string{
		"mark twice in the footnote": strings.Replace(good, "* This", "*   *\n    This", 1),
		"mark twice on the label":    strings.Replace(good, "Kosovo*", "Kosovo**", 1),
		"no mark in the footnote":    strings.Replace(good, "* This", "This", 1),
		"no footnote":                strings.Replace(good, "This designation", "That designation", 1),
	} {
		if msg := markShownOnce(bad, "Kosovo", "*", note); msg == "" {
			t.Errorf("%s: not found", name)
		}
	}
}

// TestCompareWithMarkdownFindsMissingText proves the comparison can fail: a cell changed, a row
// missing, rows swapped, a paragraph cut, a footnote lost.
func TestCompareWithMarkdownFindsMissingText(t *testing.T) {
	md := "# Title\n\nSome words here.\n\n#### Table 1. Things\n\n| Thing | Number |\n|:--|--:|\n| Apples | 13 |\n| Pears | 7 |\n| Total | 20 |\n\nn = 20 things.\n\n## Notes\n\n1. A note.\n"
	good := "Title\nSome words\nhere.1\nTable 1. Things2\nThing    Number\nApples       13\nPears         7\nTotal        20\n1 A note.\n2 n = 20 things.\n"
	if msgs := compareWithMarkdown(md, good); len(msgs) != 0 {
		t.Fatalf("a faithful rendering fails: %v", msgs)
	}
	for name, bad := range map[string]string{
		"changed cell":   strings.Replace(good, "13", "14", 1),
		"missing row":    strings.Replace(good, "Pears         7\n", "", 1),
		"swapped rows":   strings.Replace(good, "Apples       13\nPears         7", "Pears         7\nApples       13", 1),
		"cut paragraph":  strings.Replace(good, "here.1", "", 1),
		"lost footnote":  strings.Replace(good, "1 A note.\n", "", 1),
		"lost tablenote": strings.Replace(good, "2 n = 20 things.\n", "", 1),
	} {
		if msgs := compareWithMarkdown(md, bad); len(msgs) == 0 {
			t.Errorf("%s: not found", name)
		}
	}
}

func lookTools(t *testing.T) (soffice, pdftotext string) {
	t.Helper()
	var missing []string
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		missing = append(missing, "soffice (libreoffice-writer-nogui)")
	}
	pdftotext, err = exec.LookPath("pdftotext")
	if err != nil {
		missing = append(missing, "pdftotext (poppler-utils)")
	}
	if len(missing) > 0 {
		officetest.Need(t, strings.Join(missing, " and ")+" not on PATH: the Word document is not checked in a word processor")
	}
	return soffice, pdftotext
}

func convertToPDF(t *testing.T, soffice, docx string) string {
	t.Helper()
	dir := filepath.Dir(docx)
	profile := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "profile"))}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile.String(), "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", filepath.Join(dir, "pdf"), docx)
	var so bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &so
	if err := cmd.Run(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, so.String())
	}
	pdf := filepath.Join(dir, "pdf", strings.TrimSuffix(filepath.Base(docx), ".docx")+".pdf")
	if _, err := os.Stat(pdf); err != nil {
		t.Fatalf("LibreOffice wrote no PDF: %s", so.String())
	}
	return pdf
}

func runOut(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
	return string(out)
}

var mdEscape = regexp.MustCompile(`\\([\\|*_])`)

// compareWithMarkdown checks the text of a rendered document against the Markdown report:
// headings, paragraphs, captions and table rows in order (a few words of page furniture or
// footnotes may come between the words of one item: a paragraph broken across pages); header
// rows as a set of words (wrapped headers interleave on the page); notes and the paragraph
// under each table (footnotes in Word) anywhere.
func compareWithMarkdown(md, rendered string) []string {
	words := fields(rendered)
	var msgs []string
	cursor := 0
	var anywhere []string
	lines := strings.Split(md, "\n")
	afterTable, inNotes := false, false
	prevLabel := "" // the first cell of the table row before
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		switch {
		case line == "":
			continue
		case line == "## Notes":
			inNotes = true
			continue
		case inNotes:
			_, note, _ := strings.Cut(line, ". ")
			anywhere = append(anywhere, note)
			continue
		case strings.HasPrefix(line, "!["):
			continue
		case strings.HasPrefix(line, "|"):
			header := !afterTable
			afterTable = true
			if i+1 < len(lines) && strings.HasPrefix(lines[i+1], "|:") {
				i++ // the alignment row
			}
			cells := splitRow(line)
			if header {
				prevLabel = ""
				if msg := bagWithin(words, cursor, fields(unescape(strings.Join(cells, " ")))); msg != "" {
					msgs = append(msgs, fmt.Sprintf("header row %q: %s", line, msg))
				}
				continue
			}
			label := cells[0]
			if label == prevLabel && len(cells) > 1 {
				// A group's label stands once in Word (the top 3 of each area): the row's other
				// cells begin its line.
				cells = cells[1:]
			}
			prevLabel = label
			next, msg := rowAt(rendered, words, cursor, cells)
			if msg != "" {
				msgs = append(msgs, fmt.Sprintf("table row %q: %s", line, msg))
				continue
			}
			cursor = next
			continue
		}
		if afterTable {
			afterTable = false
			anywhere = append(anywhere, line) // the table's note: a footnote in Word
			continue
		}
		text := strings.TrimLeft(line, "# ")
		text = strings.TrimSuffix(strings.ReplaceAll(text, "**", ""), "  ")
		next, msg := inOrder(words, cursor, fields(unescape(text)))
		if msg != "" {
			msgs = append(msgs, fmt.Sprintf("%q: %s", line, msg))
			continue
		}
		cursor = next
	}
	for _, a := range anywhere {
		found := somewhere(words, a)
		if label, text, ok := strings.Cut(a, ": "); ok && !found {
			// A label's note ("Regional (Central Asia): Activities ..."): Word gives it at the
			// label, without repeating the label.
			found = somewhere(words, text) && somewhere(words, label)
		}
		if !found {
			msgs = append(msgs, fmt.Sprintf("note %q is nowhere in the document", a))
		}
	}
	return msgs
}

var number = regexp.MustCompile(`^[<>]?[0-9][0-9.,%]*$`)

// rowAt finds a table row on the page from words[from:]: the line where its first cell begins
// holds its numbers in order (numbers are one word and stand on the row's first line), and the
// words of its text cells are on that line or the next three (a label may wrap within its cell).
// It returns the position of the first word after that line.
func rowAt(rendered string, words []string, from int, cells []string) (int, string) {
	lines := strings.Split(rendered, "\n")
	// The word positions where each line starts.
	starts := make([]int, len(lines)+1)
	for i, l := range lines {
		starts[i+1] = starts[i] + len(fields(l))
	}
	first := fields(unescape(cells[0]))
	for l := range lines {
		if starts[l+1] <= from {
			continue
		}
		if starts[l] > from+4*maxGap {
			break
		}
		lw := fields(lines[l])
		if len(lw) == 0 || len(first) > 0 && !sameWord(lw[0], first[0]) {
			continue
		}
		var nums, texts []string
		if c := unescape(cells[0]); number.MatchString(c) {
			nums = append(nums, c) // a row whose label is merged away begins with a number
		}
		for _, c := range cells[1:] {
			if c = unescape(c); number.MatchString(c) {
				nums = append(nums, c)
			} else {
				texts = append(texts, fields(c)...)
			}
		}
		texts = append(texts, first...)
		var got []string
		for _, w := range lw {
			if number.MatchString(w) {
				got = append(got, w)
			}
		}
		if strings.Join(got, " ") != strings.Join(nums, " ") {
			continue
		}
		near := fields(strings.Join(lines[l:min(len(lines), l+4)], " "))
		if bagWithin(near, 0, texts) == "" {
			return starts[l+1], ""
		}
	}
	return from, fmt.Sprintf("no line after word %d holds it (%s)", from, strings.Join(words[from:min(from+12, len(words))], " "))
}

func somewhere(words []string, text string) bool {
	want := fields(unescape(text))
	for start := 0; start < len(words); start++ {
		if sameWord(words[start], want[0]) {
			if _, msg := inOrder(words, start, want); msg == "" {
				return true
			}
		}
	}
	return false
}

// fields splits text into words, and a hyphenated word after its hyphen, where a line may break
// it ("Counter-" "trafficking").
func fields(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		for {
			i := strings.Index(w, "-")
			if i <= 0 || i == len(w)-1 {
				break
			}
			out = append(out, w[:i+1])
			w = w[i+1:]
		}
		out = append(out, w)
	}
	return out
}

func unescape(s string) string { return mdEscape.ReplaceAllString(s, "$1") }

func splitRow(line string) []string {
	line = strings.Trim(line, "|")
	var cells []string
	for _, c := range regexp.MustCompile(`[^\\]\|`).Split(" "+line+" ", -1) {
		cells = append(cells, strings.TrimSpace(c))
	}
	return cells
}

// maxGap is how many words of page furniture (running header, page number, footnotes) may come
// between two words of one item.
const maxGap = 120

// inOrder finds want's words from words[from:], the first within reach, each next one at most
// maxGap words after the one before; it returns the position after the last.
func inOrder(words []string, from int, want []string) (int, string) {
	if len(want) == 0 {
		return from, ""
	}
	for start := from; start < len(words); start++ {
		if !sameWord(words[start], want[0]) {
			continue
		}
		at, ok := start+1, true
		for _, w := range want[1:] {
			found := false
			for j := at; j < len(words) && j <= at+maxGap; j++ {
				if sameWord(words[j], w) {
					at, found = j+1, true
					break
				}
			}
			if !found {
				ok = false
				break
			}
		}
		if ok {
			return at, ""
		}
		if start-from > 4*maxGap {
			break
		}
	}
	return from, fmt.Sprintf("not found in order after word %d (%s)", from, strings.Join(words[from:min(from+12, len(words))], " "))
}

func bagWithin(words []string, from int, want []string) string {
	window := words[from:min(len(words), from+len(want)+4*maxGap)]
	for _, w := range want {
		found := false
		for _, g := range window {
			found = found || sameWord(g, w)
		}
		if !found {
			return fmt.Sprintf("%q not near word %d", w, from)
		}
	}
	return ""
}

// sameWord: equal, or the page's word carries a footnote mark after it ("all.1", "Overview3").
func sameWord(got, want string) bool {
	if got == want {
		return true
	}
	rest, ok := strings.CutPrefix(got, want)
	if !ok || want == "" || unicode.IsDigit(rune(want[len(want)-1])) {
		return false
	}
	return strings.Trim(rest, "0123456789*") == ""
}
