// Package survey describes a mapping questionnaire: who replies, to which partners, in which
// areas and with which types of support, and how the labels found in replies map onto the
// survey's canonical labels. It does no I/O.
package survey

import (
	"fmt"
	"strings"
)

// Key names one column of a reply.
type Key int

// The columns every reply has. Partner, Area and Type are the counted dimensions.
const (
	State Key = iota
	Partner
	Area
	Type
)

// Keys lists every column in questionnaire order.
var Keys = []Key{State, Partner, Area, Type}

// Dims lists the counted dimensions in questionnaire order.
var Dims = []Key{Partner, Area, Type}

// String is the key's name in flags and JSON ("state", "partner", "area", "type").
func (k Key) String() string {
	switch k {
	case State:
		return "state"
	case Partner:
		return "partner"
	case Area:
		return "area"
	case Type:
		return "type"
	}
	return fmt.Sprintf("key(%d)", int(k))
}

// ParseKey is the inverse of Key.String.
func ParseKey(s string) (Key, bool) {
	for _, k := range Keys {
		if k.String() == s {
			return k, true
		}
	}
	return 0, false
}

// Value is one canonical label of a dimension.
type Value struct {
	Label    string
	Aliases  []string
	Footnote string // shown wherever the label appears, e.g. Kosovo's designation
	Colour   string // "#rrggbb" for charts; empty means the default palette's colour
	// Pseudo marks a partner that is not one ("Regional (Central Asia)"): counted in tables,
	// never ranked against the real ones in prose or top lists.
	Pseudo bool
}

// Dimension is one column of the questionnaire.
type Dimension struct {
	// Title is the column's name in tables ("Partner", "Area").
	Title string
	// Noun is what one value is called in sentences and errors ("partner", "area").
	Noun string
	// Headers are the column titles that identify this column in a reply, besides Title.
	Headers []string
	// HXL is the column's hashtag in the humanitarian exchange language ("#org", "#country",
	// "#sector", "#activity+type"): a row of hashtags identifies the columns as a header does.
	HXL string
	// Values are the canonical labels. For the State column they may be empty, meaning that
	// any name is accepted.
	Values []Value
	// Open accepts any non-empty value as a category, besides Values (which then only give
	// canonical spellings and aliases): spellings that normalise alike are one category, named
	// by its most frequent spelling (docs/schema.md).
	Open bool
	// Names says that the labels are names (places, organisations): sentences write them as
	// they are, never lower-cased ("in Ségou", not "in ségou").
	Names bool
}

// NamesLabels reports whether the labels are names, written as they are in sentences: Names, or
// a column whose HXL hashtag is one of places or organisations (#country, #adm1 to #adm5,
// #loc, #region, #org).
func (d *Dimension) NamesLabels() bool {
	if d.Names {
		return true
	}
	tag := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(d.HXL)), "#")
	if i := strings.IndexAny(tag, "+-"); i >= 0 {
		tag = tag[:i]
	}
	switch tag {
	case "country", "adm1", "adm2", "adm3", "adm4", "adm5", "loc", "region", "org":
		return true
	}
	return false
}

// IsOpen reports whether any value is accepted: an open list, or a State column without values.
func (d *Dimension) IsOpen() bool { return d.Open || len(d.Values) == 0 }

// Schema is a whole questionnaire.
type Schema struct {
	Title string
	// Respondent is what one reply is called: singular and plural.
	Respondent, Respondents string
	// NilWords in the partner cell mark a reply with no activities.
	NilWords []string
	Columns  [4]Dimension // indexed by Key
	// DocNumber and Classification head the Word annex ("7896/20", "LIMITE"); Period and Scope
	// say what the questionnaire covered, in the report's method section. All optional.
	DocNumber, Classification string
	Period, Scope             string
	// Charts are the report's main charts in their order and so their numbers (MainCharts'
	// names); nil keeps the note's order (see ChartOrder).
	Charts []string
}

// Pseudo tells whether value i of k is marked as no real category (see Value.Pseudo).
func (s *Schema) Pseudo(k Key, i int) bool {
	if s == nil {
		return false
	}
	vals := s.Columns[k].Values
	return i >= 0 && i < len(vals) && vals[i].Pseudo
}

// Dim returns the column for k.
func (s *Schema) Dim(k Key) *Dimension { return &s.Columns[k] }

// Labels returns the canonical labels of k in questionnaire order.
func (s *Schema) Labels(k Key) []string {
	vals := s.Columns[k].Values
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = v.Label
	}
	return out
}

// Validate reports the first inconsistency in s: a dimension without values, or a label or alias
// that would match two different values.
func (s *Schema) Validate() error {
	for _, k := range Keys {
		d := &s.Columns[k]
		if d.Title == "" {
			return fmt.Errorf("%s: no title", k)
		}
		if k != State && len(d.Values) == 0 && !d.Open {
			return fmt.Errorf("%s: no values (list them, or make the list open)", k)
		}
		if _, err := newMatcher(d); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	if _, problems := CheckCharts(s.Charts); len(problems) > 0 {
		for i := range s.Charts {
			if msg, bad := problems[i]; bad {
				return fmt.Errorf("charts: %s", msg)
			}
		}
	}
	return nil
}
