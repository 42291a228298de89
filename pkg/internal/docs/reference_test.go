package docs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/internal/golden"
)

const committed = "../../../docs/reference"

// TestReferenceIsCurrent regenerates the command reference into a temporary folder and compares
// it with docs/reference, so that a changed flag or help text cannot leave the reference
// behind. MAPSURVEY_UPDATE=1 (make docs, make update-golden) rewrites docs/reference instead.
func TestReferenceIsCurrent(t *testing.T) {
	if golden.Update() {
		if err := Regenerate(committed); err != nil {
			t.Fatal(err)
		}
	}
	fresh := t.TempDir()
	if err := Write(fresh); err != nil {
		t.Fatal(err)
	}
	want, got := pages(t, fresh), pages(t, committed)
	for name, text := range want {
		old, ok := got[name]
		switch {
		case !ok:
			t.Errorf("docs/reference/%s is missing: run make docs", name)
		case old != text:
			t.Errorf("docs/reference/%s is out of date (line %d differs): run make docs", name, firstDifference(old, text))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("docs/reference/%s documents no command: run make docs", name)
		}
	}
}

// TestReferenceCoversEveryCommand: the reference has a page per command, each with its
// examples, so that the test above compares something.
func TestReferenceCoversEveryCommand(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir); err != nil {
		t.Fatal(err)
	}
	got := pages(t, dir)
	for _, cmd := range []string{"analyse", "validate", "report", "check", "compare", "template", "schema"} {
		page, ok := got["mapsurvey_"+cmd+".md"]
		if !ok {
			t.Errorf("no page for %s", cmd)
			continue
		}
		if !strings.Contains(page, "### Examples") || !strings.Contains(page, "mapsurvey "+cmd) {
			t.Errorf("mapsurvey_%s.md has no examples", cmd)
		}
		if strings.Contains(page, "Auto generated") {
			t.Errorf("mapsurvey_%s.md carries a generation date: the same tree must give the same bytes", cmd)
		}
	}
}

func pages(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "mapsurvey*.md"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = string(data)
	}
	return out
}

func firstDifference(a, b string) int {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return i + 1
		}
	}
	return min(len(al), len(bl)) + 1
}
