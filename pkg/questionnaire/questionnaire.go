// Package questionnaire writes the questionnaire workbook that a Presidency sends to the
// respondents: an instructions sheet (what to report, how, and the definitions of every label),
// a reply sheet whose header analyse finds and whose cells offer the survey's labels in
// drop-down lists, and a hidden sheet holding those lists.
package questionnaire

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// The sheets, in their order in the workbook.
const (
	InstructionsSheet = "Instructions"
	ReplySheet        = "Reply"
	ListsSheet        = "Lists"
)

// Defaults of Options.
const (
	DefaultRows   = 300
	DefaultPeriod = "2015 to the present"
	// MaxRows keeps the reply sheet within what spreadsheets open quickly.
	MaxRows = 100000
)

// The reply sheet's columns after the survey's four.
const (
	DescriptionTitle = "Description"
	YearTitle        = "Year"
)

// The years that the Year column accepts.
const (
	MinYear = 2000
	MaxYear = 2100
)

// Options say what the questionnaire asks for.
type Options struct {
	// Rows is the number of reply rows that get drop-down lists; 0 means DefaultRows.
	Rows int
	// Period is the period the replies cover, as a sentence ends: "2015 to the present".
	// Empty means DefaultPeriod.
	Period string
	// Scope says which support the questionnaire asks about, as a sentence ends: "support
	// not financed under EU funds" (7896/20). Empty leaves it out.
	Scope string
}

// YearBounds are the years the Year column accepts: from the period's first year (2015 in
// "2015 to the present") to its second, if it names one ("2019-2021"), else MinYear to MaxYear.
func (o Options) YearBounds() (lo, hi int) {
	lo, hi = MinYear, MaxYear
	years := yearRE.FindAllString(o.Period, 2)
	if len(years) > 0 {
		lo, _ = strconv.Atoi(years[0])
	}
	if len(years) > 1 {
		hi, _ = strconv.Atoi(years[1])
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	return max(lo, MinYear), min(hi, MaxYear)
}

var yearRE = regexp.MustCompile(`\b(19|20)[0-9]{2}\b`)

func (o Options) complete() (Options, error) {
	switch {
	case o.Rows == 0:
		o.Rows = DefaultRows
	case o.Rows < 0 || o.Rows > MaxRows:
		return o, fmt.Errorf("rows %d: give 1 to %d", o.Rows, MaxRows)
	}
	if o.Period == "" {
		o.Period = DefaultPeriod
	}
	return o, nil
}

// Write writes the questionnaire of s as an .xlsx workbook to w. The same schema and options
// always give the same bytes.
func Write(w io.Writer, s *survey.Schema, o Options) error {
	if s == nil {
		return errors.New("questionnaire: no schema")
	}
	o, err := o.complete()
	if err != nil {
		return fmt.Errorf("questionnaire: %w", err)
	}
	if err := s.Validate(); err != nil {
		return fmt.Errorf("questionnaire: schema: %w", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	b, err := newBook(f, s, o)
	if err != nil {
		return fmt.Errorf("questionnaire: %w", err)
	}
	if err := b.write(); err != nil {
		return fmt.Errorf("questionnaire: %w", err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("questionnaire: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// NilWord is the word that the partner list offers for a reply with no activity: "none" when
// the schema knows it, else the schema's first nil word, else "" (a row with only the
// respondent's name is then the nil reply).
func NilWord(s *survey.Schema) string {
	for _, w := range s.NilWords {
		if survey.Normalize(w) == "none" {
			return "none"
		}
	}
	if len(s.NilWords) > 0 {
		return s.NilWords[0]
	}
	return ""
}

// List is one drop-down list: the column of the reply sheet it serves, and its place and
// values on the lists sheet.
type List struct {
	Key    survey.Key
	Col    int // 1-based column on the lists sheet
	Values []string
}

// Range is the list's cells on the lists sheet, as data validations refer to them:
// "Lists!$B$2:$B$8".
func (l List) Range() string {
	col, _ := excelize.ColumnNumberToName(l.Col)
	return fmt.Sprintf("%s!$%s$%d:$%s$%d", ListsSheet, col, 2, col, len(l.Values)+1)
}

// Lists returns the drop-down lists of s in their order on the lists sheet: the respondents
// (when the schema lists them), the partners followed by the nil word, the areas and the types.
func Lists(s *survey.Schema) []List {
	var out []List
	for _, k := range survey.Keys {
		vals := s.Labels(k)
		if len(vals) == 0 {
			continue
		}
		if k == survey.Partner {
			if w := NilWord(s); w != "" {
				vals = append(vals, w)
			}
		}
		out = append(out, List{Key: k, Col: len(out) + 1, Values: vals})
	}
	return out
}

// ReplyHeader is the reply sheet's row 1: the titles of the survey's four columns, then
// Description and Year.
func ReplyHeader(s *survey.Schema) []string {
	out := make([]string, 0, len(survey.Keys)+2)
	for _, k := range survey.Keys {
		out = append(out, s.Dim(k).Title)
	}
	return append(out, DescriptionTitle, YearTitle)
}
