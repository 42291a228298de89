package contract

import "github.com/mapsurvey/mapsurvey/pkg/buildinfo"

// CrossTabID names the contract of CrossTab.
const CrossTabID = "mapsurvey/crosstab/v1"

// CrossTab is the document of analyse --by ... --format json: the tallies of a survey with any
// number of dimensions. Its top-level respondents and activities are where scripts read them in
// mapsurvey/analysis/v2. Every table is sparse: it lists the cells that hold at least one
// activity, and a cell not listed has none.
type CrossTab struct {
	Schema    string         `json:"schema"`
	Mapsurvey buildinfo.Info `json:"mapsurvey"`

	Survey string `json:"survey"`
	// Respondent is what one respondent is called ("organisation", "Member State").
	Respondent string `json:"respondent"`
	// Respondents counts those with at least one row kept by the filters, nil replies included;
	// ActiveRespondents those with at least one activity.
	Respondents       int `json:"respondents"`
	ActiveRespondents int `json:"active_respondents"`
	Activities        int `json:"activities"`
	// Rows counts the data rows read and those the filters kept.
	Rows RowCount `json:"rows"`
	// Filter lists the --where conditions the counts ran under, all of which a row passes; empty
	// for none.
	Filter []string `json:"filter"`
	// Key lists the columns that make one presence (--key); Duplicates counts the activities
	// left out as repeats of a presence already counted.
	Key        []string `json:"key"`
	Duplicates int      `json:"duplicates"`
	// Amount is the column summed (--sum) and how a row's amount is shared (--split); absent
	// without --sum.
	Amount     *AmountSpec   `json:"amount,omitempty"`
	Dimensions []Dimension   `json:"dimensions"`
	Total      Cell          `json:"total"`
	Tables     []CrossTable  `json:"tables"`
	Sources    []CrossSource `json:"sources"`
}

// RowCount is how many data rows were read and kept.
type RowCount struct {
	Read int `json:"read"`
	Kept int `json:"kept"`
}

// AmountSpec says what was summed.
type AmountSpec struct {
	Column string `json:"column"`
	// Split is "even" or "DIMENSION=COLUMN"; empty when no row needed sharing.
	Split string `json:"split"`
}

// Dimension is one counted dimension.
type Dimension struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Noun  string `json:"noun"`
	// Values are the dimension's values met, in questionnaire order (a closed list's order,
	// then first met).
	Values []string `json:"values"`
}

// CrossTable is the tally of one combination of dimensions.
type CrossTable struct {
	Dimensions []string `json:"dimensions"`
	// Cells lists the combinations with at least one activity, ordered by their values'
	// positions in Dimension.Values.
	Cells []Cell `json:"cells"`
}

// Cell is one combination of values (none for the total).
type Cell struct {
	Values      []string `json:"values,omitempty"`
	Respondents int      `json:"respondents"`
	Activities  int      `json:"activities"`
	Amount      *Amount  `json:"amount,omitempty"`
}

// Amount summarises the amounts of a cell's activities: N have one; Mean is Sum/N, and Min,
// Max and Mean are null when N is 0.
type Amount struct {
	N    int      `json:"n"`
	Sum  float64  `json:"sum"`
	Min  *float64 `json:"min"`
	Max  *float64 `json:"max"`
	Mean *float64 `json:"mean"`
}

// CrossSource is what was read from one sheet of one file.
type CrossSource struct {
	File      string `json:"file"`
	Sheet     string `json:"sheet,omitempty"`
	HeaderRow int    `json:"header_row"`
	HXLRow    int    `json:"hxl_row,omitempty"`
}
