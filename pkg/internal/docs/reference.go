// Package docs keeps the documentation that describes the tree in step with it. It writes the
// command reference (docs/reference/*.md) from the command tree with cobra's doc package (every
// flag, default, example and help text, as `mapsurvey help COMMAND` prints them), and its tests
// fail when that reference is stale or docs/development.md leaves out a package. It lives apart
// from pkg/cli so that the mapsurvey binary does not carry the doc generator.
package docs

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra/doc"

	"github.com/mapsurvey/mapsurvey/pkg/cli"
)

// Write writes one Markdown file per command into dir, which must exist: mapsurvey.md and
// mapsurvey_COMMAND.md. The same commands always give the same bytes (no generation date).
func Write(dir string) error {
	root := cli.NewRootCmd(cli.IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard})
	root.DisableAutoGenTag = true
	return doc.GenMarkdownTree(root, dir)
}

// Regenerate makes dir hold the reference of the commands as they are: it creates dir, removes
// the pages of commands that are gone, and writes every page.
func Regenerate(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasPrefix(e.Name(), "mapsurvey") && strings.HasSuffix(e.Name(), ".md") {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return Write(dir)
}
