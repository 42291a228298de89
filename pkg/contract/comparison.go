package contract

import "github.com/mapsurvey/mapsurvey/pkg/buildinfo"

// ComparisonID names the contract of Comparison.
const ComparisonID = "mapsurvey/comparison/v1"

// Comparison is the document of compare --format json. Lists are never null.
type Comparison struct {
	Schema string `json:"schema"`

	Mapsurvey buildinfo.Info `json:"mapsurvey"` // the build that wrote the document

	Changed        bool     `json:"changed"`
	StatesJoined   []string `json:"states_joined"`
	StatesLeft     []string `json:"states_left"`
	BecameActive   []string `json:"became_active"`
	BecameInactive []string `json:"became_inactive"`
	Changes        []Change `json:"changes"`
}

// Change is one figure that moved, with its difference (new - old).
type Change struct {
	Figure string `json:"figure"`
	Old    int    `json:"old"`
	New    int    `json:"new"`
	Diff   int    `json:"diff"`
}
