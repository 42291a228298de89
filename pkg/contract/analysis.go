package contract

import "github.com/mapsurvey/mapsurvey/pkg/buildinfo"

// AnalysisID names the contract of Analysis. v2: sources give no rows or activities per file
// unless --by-state is given (with one file per state they said what each state reported).
const AnalysisID = "mapsurvey/analysis/v2"

// Analysis is the document of analyse --format json.
type Analysis struct {
	Schema string `json:"schema"`

	Mapsurvey buildinfo.Info `json:"mapsurvey"` // the build that wrote the document

	Survey       string     `json:"survey"`
	Respondent   string     `json:"respondent"`
	Respondents  int        `json:"respondents"`
	ActiveStates int        `json:"active_states"`
	NilReplies   int        `json:"nil_replies"`
	Activities   int        `json:"activities"`
	Partner      []Share    `json:"partner"`
	Area         []Share    `json:"area"`
	Type         []Share    `json:"type"`
	PartnerArea  []Combo    `json:"partner_area"`
	PartnerType  []Combo    `json:"partner_type"`
	AreaType     []Combo    `json:"area_type"`
	PartnerAreaT []Combo    `json:"partner_area_type"`
	TopPartners  []TopList  `json:"top_partners_by_area"`
	Footnotes    []Footnote `json:"footnotes"`
	Sources      []Source   `json:"sources"`
	ByState      []State    `json:"by_state,omitempty"`
	// Sparse is true in AnalysisSparseID documents only: the cross-tabulations list the
	// combinations with activities (see SparseIfLarge).
	Sparse bool `json:"sparse,omitempty"`
}

// Share is one category of a dimension. Only the field of its dimension is set.
type Share struct {
	Partner     string  `json:"partner,omitempty"`
	Area        string  `json:"area,omitempty"`
	Type        string  `json:"type,omitempty"`
	States      int     `json:"states"`
	Activities  int     `json:"activities"`
	ActivityPct float64 `json:"activity_pct"`
	StatePct    float64 `json:"state_pct"`
}

// Combo is one cell of a cross-tabulation; only the fields of its dimensions are set.
type Combo struct {
	Partner    string `json:"partner,omitempty"`
	Area       string `json:"area,omitempty"`
	Type       string `json:"type,omitempty"`
	States     int    `json:"states"`
	Activities int    `json:"activities"`
}

// TopList is the top partners of one area.
type TopList struct {
	Area     string  `json:"area"`
	Partners []Combo `json:"partners"`
}

// Footnote is a survey label's footnote.
type Footnote struct {
	Label string `json:"label"`
	Text  string `json:"text"`
}

// Source is what was read from one sheet of one file. Its rows and activities are there only
// with --by-state: a file is often one respondent's reply, and its counts would say what that
// respondent reported.
type Source struct {
	File       string `json:"file"`
	Sheet      string `json:"sheet,omitempty"`
	HeaderRow  int    `json:"header_row"`
	Rows       *int   `json:"rows,omitempty"`
	Activities *int   `json:"activities,omitempty"`
}

// State is one respondent's counts, present only with --by-state.
type State struct {
	State      string         `json:"state"`
	Activities int            `json:"activities"`
	Partner    map[string]int `json:"partner"`
	Area       map[string]int `json:"area"`
	Type       map[string]int `json:"type"`
}
