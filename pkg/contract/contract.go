// Package contract defines the JSON documents mapsurvey writes for scripts, in one place:
//
//   - Analysis, written by analyse --format json (built by pkg/render);
//   - Comparison, written by compare --format json (built by pkg/compare);
//   - Findings, written by validate --format json (built by pkg/cli).
//
// docs/json.md describes every field. Each document names its contract in its "schema" field;
// within one version fields are only ever added, never renamed, removed or given another
// meaning, and such a change gets a new version.
package contract

import (
	"encoding/json"
	"io"
)

// Write writes a document indented by two spaces, with a final newline and "<", ">" and "&"
// as they are. encoding/json sorts map keys, so the bytes are the same on every run.
func Write(w io.Writer, doc any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
