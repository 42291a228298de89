package compare

import (
	"io"

	"github.com/mapsurvey/mapsurvey/pkg/buildinfo"
	"github.com/mapsurvey/mapsurvey/pkg/contract"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// JSONSchemaID names the JSON contract of a comparison (see pkg/contract).
const JSONSchemaID = contract.ComparisonID

// NewDocument assembles the JSON document of r.
func NewDocument(r Result) contract.Comparison {
	doc := contract.Comparison{
		Schema:         JSONSchemaID,
		Changed:        r.Changed(),
		StatesJoined:   nonNil(r.StatesJoined),
		StatesLeft:     nonNil(r.StatesLeft),
		BecameActive:   nonNil(r.BecameActive),
		BecameInactive: nonNil(r.BecameInactive),
		Changes:        make([]contract.Change, len(r.Changes)),
	}
	for i, c := range r.Changes {
		doc.Changes[i] = contract.Change{Figure: c.Figure, Old: c.Old, New: c.New, Diff: c.Diff()}
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
	return contract.Write(w, NewDocument(r))
}
