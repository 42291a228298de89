package surveyfile

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/table"
)

// Draft is what a file of replies says about the schema that would read it: its columns, the
// values each holds and how often, and which columns look like the respondent and the three
// counted dimensions. replies.DraftSchema fills it in; MarshalDraft writes it for the user to
// edit.
type Draft struct {
	// Sources says what was read: "3w.csv: header in row 2, hashtags in row 3, 515 rows".
	Sources []string
	Rows    int
	Columns []DraftColumn
	// Roles are the columns (indices into Columns) taken for the state, partner, area and type
	// keys, in survey.Keys order; -1 where none was found.
	Roles [4]int
	// Why says, per key, why that column was taken ("hashtag #org", "title like \"sector\"").
	Why [4]string
}

// DraftColumn is one column of the replies.
type DraftColumn struct {
	Title, HXL string
	Rows       int // rows with a value in the column
	Numbers    bool
	// Values are the categories, named by their most frequent spelling, sorted by name; past
	// MaxDraftValues distinct ones they are only counted.
	Values   []DraftValue
	Distinct int
}

// DraftValue is one category of a column.
type DraftValue struct {
	Label string
	Rows  int
	// Others are the other spellings met (case, spaces, accents), with their counts.
	Others []Spelling
	// Near lists the other categories of the column within a few typing slips: perhaps the
	// same value, to merge with aliases.
	Near []string
}

// Spelling is one way a value was written, and how often.
type Spelling struct {
	Text string
	Rows int
}

// MaxDraftValues is how many values of a column a draft lists: more are free text (titles,
// descriptions), not categories.
const MaxDraftValues = 300

// MarshalDraft writes a draft as a schema file that Load reads: the four columns chosen, open
// lists of the values seen with their counts as comments and near-duplicates flagged, and the
// other columns in comments, to swap in by hand. command is how the draft was made, for its
// first comment.
func MarshalDraft(d *Draft, command string) []byte {
	var b bytes.Buffer
	b.WriteString(Header)
	fmt.Fprintf(&b, "#\n# A DRAFT, written by `%s` from what the replies hold:\n", command)
	for _, s := range d.Sources {
		fmt.Fprintf(&b, "#   %s\n", s)
	}
	b.WriteString("# Check every line before use: the columns taken for the respondent and the three counted\n" +
		"# dimensions (the other columns are listed at the end), the titles and nouns, and the values.\n" +
		"# The lists are open (open: true): values not listed are counted too. Spellings that differ\n" +
		"# only in case, spaces or accents are one value already; values marked NEAR may be one value\n" +
		"# written two ways: merge them by moving one into the other's aliases.\n\n")
	title := "Draft schema"
	if len(d.Sources) > 0 {
		title = "Draft schema from " + strings.SplitN(d.Sources[0], ":", 2)[0]
	}
	state := d.role(survey.State)
	respondent := "respondent"
	if state != nil {
		respondent = nounOf(noFormula(state.Title, survey.State))
		if strings.HasPrefix(strings.ToLower(state.HXL), "#org") {
			respondent = "organisation" // what #org means in HXL, whatever the title's language
		}
	}
	scalarKey(&b, "", "title", title)
	scalarKey(&b, "", "respondent", respondent)
	scalarKey(&b, "", "respondents", survey.Plural(respondent))
	b.WriteString("dimensions:\n")
	for _, k := range survey.Keys {
		c := d.role(k)
		fmt.Fprintf(&b, "  %s:\n", k)
		if c == nil {
			fmt.Fprintf(&b, "    # No column looked like the %s: give one (title, hxl, values).\n", k)
			fmt.Fprintf(&b, "    title: %s column to fill in\n    open: true\n", strings.ToUpper(k.String()[:1])+k.String()[1:])
			continue
		}
		fmt.Fprintf(&b, "    # %s; %s.\n", d.Why[k], summary(c))
		title := noFormula(c.Title, k)
		scalarKey(&b, "    ", "title", title)
		noun := nounOf(title)
		if k == survey.State {
			noun = respondent
		}
		scalarKey(&b, "    ", "noun", noun)
		if tag := strings.ToLower(strings.Join(strings.Fields(c.HXL), "")); hxlRE.MatchString(tag) {
			scalarKey(&b, "    ", "hxl", tag)
		} else if c.HXL != "" {
			fmt.Fprintf(&b, "    # The column's hashtag %s is not one a schema can use: left out.\n", quoteTitle(c.HXL))
		}
		if k == survey.State {
			b.WriteString("    # No values: any name is a respondent. The names seen:\n")
			writeValues(&b, "    #   ", c, false)
			continue
		}
		b.WriteString("    open: true\n")
		if len(c.Values) == 0 {
			continue
		}
		b.WriteString("    values:\n")
		writeValues(&b, "      - ", c, true)
	}
	var others []int
	for i := range d.Columns {
		if !d.isRole(i) {
			others = append(others, i)
		}
	}
	if len(others) > 0 {
		b.WriteString("\n# Other columns of the replies, not counted (swap one in above by its title and hxl):\n")
		for _, i := range others {
			c := &d.Columns[i]
			tag := ""
			if c.HXL != "" {
				tag = " " + c.HXL
			}
			fmt.Fprintf(&b, "#   %s%s: %s\n", quoteTitle(c.Title), tag, summary(c))
		}
	}
	return b.Bytes()
}

func (d *Draft) role(k survey.Key) *DraftColumn {
	if i := d.Roles[k]; i >= 0 && i < len(d.Columns) {
		return &d.Columns[i]
	}
	return nil
}

func (d *Draft) isRole(i int) bool {
	for _, r := range d.Roles {
		if r == i {
			return true
		}
	}
	return false
}

// summary describes a column's content: "4 values in 515 rows", "numbers".
func summary(c *DraftColumn) string {
	switch {
	case c.Rows == 0:
		return "empty"
	case c.Numbers:
		return fmt.Sprintf("numbers, in %s", survey.CountOf(c.Rows, "row", "rows"))
	case c.Distinct > len(c.Values):
		return fmt.Sprintf("%d different values in %s (free text? not listed)", c.Distinct, survey.CountOf(c.Rows, "row", "rows"))
	}
	return fmt.Sprintf("%s in %s", survey.CountOf(c.Distinct, "value", "values"), survey.CountOf(c.Rows, "row", "rows"))
}

// writeValues lists a column's values, one per line with its count, other spellings and
// near-duplicates as a comment; as YAML entries (prefix "- ") or as comments.
func writeValues(b *bytes.Buffer, prefix string, c *DraftColumn, entries bool) {
	if c.Distinct > len(c.Values) {
		fmt.Fprintf(b, "%s# %d different values: too many to list\n", strings.TrimSuffix(prefix, "- "), c.Distinct)
		return
	}
	for _, v := range c.Values {
		note := survey.CountOf(v.Rows, "row", "rows")
		if len(v.Others) > 0 {
			var o []string
			for _, s := range v.Others {
				o = append(o, fmt.Sprintf("%s (%d of them)", quoteTitle(s.Text), s.Rows))
			}
			note += "; also written " + strings.Join(o, ", ")
		}
		if len(v.Near) > 0 {
			var q []string
			for _, n := range v.Near {
				q = append(q, quoteTitle(n))
			}
			note += "; NEAR " + strings.Join(q, ", ")
		}
		label := v.Label
		if _, formula := table.FormulaStart(label); formula && entries {
			// A schema refuses such a label; the open list counts the value all the same.
			fmt.Fprintf(b, "%s# %s  # %s; not listed: it starts as a formula does\n", strings.TrimSuffix(prefix, "- "), quoteTitle(label), note)
			continue
		}
		if entries {
			label = quote(label)
		}
		fmt.Fprintf(b, "%s%s  # %s\n", prefix, label, note)
	}
}

// nounOf makes a noun of a column title: "Organisation" -> "organisation", "Implementing
// Partner" -> "implementing partner"; words in capitals stay ("NGO type").
func nounOf(title string) string {
	words := strings.Fields(title)
	for i, w := range words {
		if len(w) > 1 && w == strings.ToUpper(w) {
			continue
		}
		words[i] = strings.ToLower(w)
	}
	return strings.Join(words, " ")
}

// noFormula drops what would make a title run as a formula in a spreadsheet ("=Total"), which a
// schema refuses; a title of nothing else is called after its key.
func noFormula(title string, k survey.Key) string {
	for {
		r, formula := table.FormulaStart(title)
		if !formula {
			break
		}
		title = strings.TrimSpace(strings.TrimPrefix(title, string(r)))
	}
	if survey.NormalizeTitle(title) == "" {
		return strings.ToUpper(k.String()[:1]) + k.String()[1:]
	}
	return title
}

func quoteTitle(s string) string { return fmt.Sprintf("%q", s) }
