package docs

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestDevelopmentNamesEveryPackage: docs/development.md is where a newcomer finds which package
// does what, so every package of the tree must be in its table, and nothing that is gone.
func TestDevelopmentNamesEveryPackage(t *testing.T) {
	data, err := os.ReadFile("../../../docs/development.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	pkgs := packages(t, "../../..")
	if len(pkgs) < 20 {
		t.Fatalf("found %d packages: the walk is wrong", len(pkgs))
	}
	for _, p := range pkgs {
		if !strings.Contains(doc, "| `"+p+"` |") {
			t.Errorf("docs/development.md does not name %s: add a row to its table of packages", p)
		}
	}
	for _, line := range strings.Split(doc, "\n") {
		if name, ok := strings.CutPrefix(line, "| `"); ok {
			name, _, _ = strings.Cut(name, "`")
			isPkg := strings.HasPrefix(name, "pkg/") || strings.HasPrefix(name, "cmd/")
			if i := sort.SearchStrings(pkgs, name); isPkg && (i == len(pkgs) || pkgs[i] != name) {
				t.Errorf("docs/development.md names %s, which is not a package of the tree", name)
			}
		}
	}
}

// packages lists the folders under pkg and cmd that hold Go files, sorted.
func packages(t *testing.T, root string) []string {
	t.Helper()
	seen := map[string]bool{}
	for _, top := range []string{"pkg", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(path, ".go") {
				rel, err := filepath.Rel(root, filepath.Dir(path))
				if err != nil {
					return err
				}
				seen[filepath.ToSlash(rel)] = true
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var out []string
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
