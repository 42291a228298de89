package expect

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"

	"github.com/mapsurvey/mapsurvey/pkg/percent"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// Write writes every figure of the analysis in the format Parse reads: the overview, states,
// activities and shares (as the tables show them, whole percent) per partner, area and type, and
// states and activities of every combination.
func Write(a *tally.Analysis, s *survey.Schema) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Figures of %s, written by mapsurvey check --write-expect.\n", s.Title)
	b.WriteString("# Shares are whole percent as the tables show them; write 24.1 to check one decimal.\n")
	fmt.Fprintf(&b, "respondents: %d\nactive_states: %d\nnil_replies: %d\nactivities: %d\n", a.Respondents, a.ActiveStates, a.NilReplies(), a.Activities)
	for _, k := range survey.Dims {
		col := cells(a, k)
		counts := make([]int, len(col))
		for i, c := range col {
			counts[i] = c.Activities
		}
		shown := percent.LargestRemainder(counts, a.Activities, 0)
		fmt.Fprintf(&b, "%s:\n", k)
		for i, label := range s.Labels(k) {
			fmt.Fprintf(&b, "  %s: {states: %d, activities: %d, activity_pct: %d}\n", yamlKey(label), col[i].States, col[i].Activities, shown[i])
		}
	}
	for _, key := range []string{"partner_area", "partner_type", "area_type"} {
		dims := pairs[key]
		fmt.Fprintf(&b, "%s:\n", key)
		g := grid(a, key)
		for i, outer := range s.Labels(dims[0]) {
			fmt.Fprintf(&b, "  %s:\n", yamlKey(outer))
			for j, inner := range s.Labels(dims[1]) {
				fmt.Fprintf(&b, "    %s: {states: %d, activities: %d}\n", yamlKey(inner), g[i][j].States, g[i][j].Activities)
			}
		}
	}
	return b.Bytes()
}

var plainKey = regexp.MustCompile(`^[\p{L}][\p{L}\p{N} ()'/,.*&-]*$`)

// yamlKey quotes a label when YAML would not read it back as the same string.
func yamlKey(s string) string {
	if plainKey.MatchString(s) {
		return s
	}
	return strconv.Quote(s)
}
