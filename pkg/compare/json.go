package compare

import (
	"encoding/json"
	"io"

	"github.com/mapsurvey/mapsurvey/pkg/buildinfo"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// JSONSchemaID names the JSON contract of a comparison; it changes only when a field changes
// meaning or goes.
const JSONSchemaID = "mapsurvey/comparison/v1"

// Document is the JSON form of a Result. Lists are never null.
type Document struct {
	Schema string `json:"schema"`

	Mapsurvey buildinfo.Info `json:"mapsurvey"` // the build that wrote the document

	Changed        bool         `json:"changed"`
	StatesJoined   []string     `json:"states_joined"`
	StatesLeft     []string     `json:"states_left"`
	BecameActive   []string     `json:"became_active"`
	BecameInactive []string     `json:"became_inactive"`
	Changes        []ChangeJSON `json:"changes"`
}

// ChangeJSON is one Change with its difference.
type ChangeJSON struct {
	Figure string `json:"figure"`
	Old    int    `json:"old"`
	New    int    `json:"new"`
	Diff   int    `json:"diff"`
}

// NewDocument assembles the JSON document of r.
func NewDocument(r Result) Document {
	doc := Document{
		Schema:         JSONSchemaID,
		Changed:        r.Changed(),
		StatesJoined:   nonNil(r.StatesJoined),
		StatesLeft:     nonNil(r.StatesLeft),
		BecameActive:   nonNil(r.BecameActive),
		BecameInactive: nonNil(r.BecameInactive),
		Changes:        make([]ChangeJSON, len(r.Changes)),
	}
	for i, c := range r.Changes {
		doc.Changes[i] = ChangeJSON{Figure: c.Figure, Old: c.Old, New: c.New, Diff: c.Diff()}
	}
	doc.Mapsurvey = buildinfo.Get()
	return doc
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// JSON writes the comparison as the mapsurvey/comparison/v1 document, indented as the analysis
// document is, with a final newline. old and new must be the analyses r was computed from: JSON
// fails, as Compare does, when they are not of the same survey.
func JSON(w io.Writer, r Result, old, new *tally.Analysis) error {
	if err := compatible(old, new); err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(NewDocument(r))
}
