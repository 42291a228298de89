// Package cmdref writes mapsurvey's command reference (docs/reference/*.md) from the command
// tree, with cobra's doc package, so that the reference says what the commands do: every flag,
// default, example and the help text, as `mapsurvey help COMMAND` prints them. It lives apart
// from pkg/cli so that the mapsurvey binary does not carry the doc generator.
package cmdref

import (
	"io"
	"os"
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

// Clean removes the reference's files from dir, so that a command that is gone leaves no page.
func Clean(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasPrefix(e.Name(), "mapsurvey") && strings.HasSuffix(e.Name(), ".md") {
			if err := os.Remove(dir + "/" + e.Name()); err != nil {
				return err
			}
		}
	}
	return nil
}
