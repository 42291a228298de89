package contract

import "github.com/mapsurvey/mapsurvey/pkg/buildinfo"

// FindingsID names the contract of Findings.
const FindingsID = "mapsurvey/findings/v1"

// Findings is the document of validate --format json.
type Findings struct {
	Schema string `json:"schema"`

	Mapsurvey buildinfo.Info `json:"mapsurvey"` // the build that wrote the document

	Files    int       `json:"files"`
	Rows     int       `json:"rows"`
	Errors   int       `json:"errors"`
	Warnings int       `json:"warnings"`
	Notes    int       `json:"notes"`
	Findings []Finding `json:"findings"`
}

// Finding is one finding at its position.
type Finding struct {
	File     string `json:"file"`
	Sheet    string `json:"sheet,omitempty"`
	Cell     string `json:"cell,omitempty"`
	Row      int    `json:"row,omitempty"`
	Column   string `json:"column,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}
