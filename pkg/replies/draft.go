package replies

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/surveyfile"
)

// DraftSchema reads files of replies with no schema and drafts one (mapsurvey schema --from):
// the header row (titles, a row of HXL hashtags, or both) of the first sheet with data in each
// file, every column's values with their counts, spellings that are one value once normalised,
// near-duplicates, and a guess of the columns for the respondent and the three dimensions. A
// hidden sheet is read only when no visible one holds data. Columns of the same title in several
// files are one column.
func DraftSchema(inputs []string, password string) (*surveyfile.Draft, error) {
	d, err := draftSchema(inputs, password, false)
	if errors.Is(err, sheet.ErrFallback) {
		// The fast reader gave up half-way through a workbook: everything again with excelize,
		// so that no row is counted twice.
		d, err = draftSchema(inputs, password, true)
	}
	return d, err
}

func draftSchema(inputs []string, password string, excelize bool) (*surveyfile.Draft, error) {
	dr := &drafter{byTitle: map[string]int{}}
	for _, path := range inputs {
		if err := dr.file(path, password, excelize); err != nil {
			return nil, err
		}
	}
	return dr.finish()
}

// drafter gathers the columns of the files read.
type drafter struct {
	d       surveyfile.Draft
	cols    []*draftCol
	byTitle map[string]int // normalised title (or hashtag) -> column
}

type draftCol struct {
	title, hxl string
	rows       int
	numbers    int
	values     map[string]map[string]int // normalised value -> spelling -> rows
	order      []string                  // the normalised values, first met first
	over       bool                      // more than MaxDraftValues distinct values
}

func (dr *drafter) file(path, password string, excelize bool) error {
	opts := sheet.Options{Password: password, Excelize: excelize}
	done, hidden := false, ""
	read := func(info sheet.Info, rows sheet.Rows) error {
		if done {
			return nil // the first sheet with data is the draft's
		}
		if info.Hidden && opts.Sheet == "" {
			// A working copy, unless no visible sheet holds data: then it is read by name.
			if hidden == "" {
				hidden = info.Name
			}
			return nil
		}
		ok, err := dr.sheet(path, info, rows)
		done = ok
		return err
	}
	err := sheet.Read(path, opts, read)
	if err == nil && !done && hidden != "" {
		opts.Sheet = hidden
		err = sheet.Read(path, opts, read)
	}
	if err != nil {
		var se *sheet.Error
		if errors.As(err, &se) {
			return fmt.Errorf("%s: %s", path, fixMessage(se))
		}
		if errors.Is(err, sheet.ErrFallback) {
			return err
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	if !done {
		return fmt.Errorf("%s: no sheet with a header row and data under it in its first %d rows", path, HeaderScanRows)
	}
	return nil
}

// sheet counts the values of one sheet, streaming its rows, and says whether it held a header
// with data under it.
func (dr *drafter) sheet(path string, info sheet.Info, rows sheet.Rows) (bool, error) {
	var top []sheet.Row
	for len(top) < HeaderScanRows && rows.Next() {
		top = append(top, rows.Row())
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	hi, ti := draftHeader(top)
	if hi < 0 && ti < 0 {
		return false, nil
	}
	var header, tags []string
	var parts []string
	if hi >= 0 {
		header = top[hi].Cells
		parts = append(parts, fmt.Sprintf("titles in row %d", top[hi].Num))
	}
	if ti >= 0 {
		tags = top[ti].Cells
		parts = append(parts, fmt.Sprintf("HXL hashtags in row %d", top[ti].Num))
	}
	// The columns: those of earlier files with the same title and hashtag are the same.
	width := max(len(header), len(tags))
	idx := make([]int, width)
	before := len(dr.cols)
	for c := range width {
		title, tag := cellAt(header, c), cellAt(tags, c)
		if title == "" && tag == "" {
			idx[c] = -1
			continue
		}
		if title == "" {
			title = tag
		}
		key := survey.NormalizeTitle(title) + "\x00" + strings.ToLower(tag)
		i, ok := dr.byTitle[key]
		if !ok {
			i = len(dr.cols)
			dr.byTitle[key] = i
			dr.cols = append(dr.cols, &draftCol{title: title, hxl: tag, values: map[string]map[string]int{}})
		}
		idx[c] = i
	}
	n := 0
	add := func(cells []string) {
		if blank(cells) {
			return
		}
		n++
		for c, i := range idx {
			if i >= 0 {
				dr.cols[i].add(cellAt(cells, c))
			}
		}
	}
	for _, r := range top[max(hi, ti)+1:] {
		add(r.Cells)
	}
	for rows.Next() {
		add(rows.Row().Cells)
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	if n == 0 {
		// A header with nothing under it: its new columns are forgotten.
		for _, c := range dr.cols[before:] {
			delete(dr.byTitle, survey.NormalizeTitle(c.title)+"\x00"+strings.ToLower(c.hxl))
		}
		dr.cols = dr.cols[:before]
		return false, nil
	}
	where := path
	if info.Name != "" {
		where += ", sheet " + strconv.Quote(info.Name)
		if info.Hidden {
			where += " (hidden: no visible sheet holds data)"
		}
	}
	parts = append(parts, survey.CountOf(n, "row", "rows")+" of data")
	dr.d.Sources = append(dr.d.Sources, where+": "+strings.Join(parts, ", "))
	dr.d.Rows += n
	return true, nil
}

func cellAt(cells []string, c int) string {
	if c < len(cells) {
		return strings.TrimSpace(cells[c])
	}
	return ""
}

// draftHeader finds the header among a sheet's first rows: the index of the row of titles and of
// the row of hashtags (-1 where there is none). Without hashtags, the titles are the first row
// with the most text cells: title rows above a table have one or two.
func draftHeader(top []sheet.Row) (titles, tags int) {
	titles, tags = -1, -1
	for i, r := range top {
		if isHXLRow(r) {
			tags = i
			for j := i - 1; j >= 0; j-- {
				if !blank(top[j].Cells) {
					titles = j
					break
				}
			}
			return titles, tags
		}
	}
	best := 1 // a header names at least two columns
	for i, r := range top {
		n := 0
		for _, c := range r.Cells {
			if t := strings.TrimSpace(c); t != "" && !isNumber(t) {
				n++
			}
		}
		if n > best {
			titles, best = i, n
		}
	}
	return titles, -1
}

// isNumber reports whether a cell holds a number ("1,100", "080.50", "2015"), or a date written as
// digits: such a column is a measure, not a category.
func isNumber(s string) bool {
	s = strings.ReplaceAll(strings.ReplaceAll(s, ",", ""), " ", "")
	if s == "" {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// add counts a cell of the column: each of the values it lists, once.
func (c *draftCol) add(text string) {
	if text == "" {
		return
	}
	c.rows++
	if isNumber(text) {
		c.numbers++
		return
	}
	parts, _ := splitValues(text, nil, MaxCombinations)
	var done []string
	for _, part := range parts {
		key := survey.Normalize(part)
		if key == "" || containsString(done, key) {
			continue
		}
		done = append(done, key)
		sp, ok := c.values[key]
		if !ok {
			if len(c.order) >= surveyfile.MaxDraftValues {
				c.over = true
				c.order = append(c.order, "") // counted only
				continue
			}
			sp = map[string]int{}
			c.values[key] = sp
			c.order = append(c.order, key)
		}
		if len(sp) < 16 {
			sp[tidy(part)]++
		} else {
			sp[firstSpelling(sp)]++
		}
	}
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// firstSpelling is the spelling of a value that sorts first, where more spellings are not kept.
func firstSpelling(sp map[string]int) string {
	first := ""
	for s := range sp {
		if first == "" || s < first {
			first = s
		}
	}
	return first
}

func (dr *drafter) finish() (*surveyfile.Draft, error) {
	d := &dr.d
	for _, c := range dr.cols {
		d.Columns = append(d.Columns, c.column())
	}
	d.Roles, d.Why = guessRoles(d.Columns)
	return d, nil
}

// column makes the draft's view of a column: values named by their most frequent spelling (ties:
// the first in sort order), sorted by name, with the near-duplicates flagged.
func (c *draftCol) column() surveyfile.DraftColumn {
	out := surveyfile.DraftColumn{Title: c.title, HXL: c.hxl, Rows: c.rows, Distinct: len(c.order)}
	out.Numbers = c.rows > 0 && c.numbers*10 >= c.rows*9 // nine in ten cells are numbers
	if out.Numbers || c.over {
		return out
	}
	for _, key := range c.order {
		sp := c.values[key]
		var all []surveyfile.Spelling
		rows := 0
		for text, n := range sp {
			all = append(all, surveyfile.Spelling{Text: text, Rows: n})
			rows += n
		}
		sort.Slice(all, func(i, j int) bool {
			if all[i].Rows != all[j].Rows {
				return all[i].Rows > all[j].Rows
			}
			return all[i].Text < all[j].Text
		})
		out.Values = append(out.Values, surveyfile.DraftValue{Label: all[0].Text, Rows: rows, Others: all[1:]})
	}
	sort.Slice(out.Values, func(i, j int) bool {
		ki, kj := survey.Normalize(out.Values[i].Label), survey.Normalize(out.Values[j].Label)
		if ki != kj {
			return ki < kj
		}
		return out.Values[i].Label < out.Values[j].Label
	})
	for i := range out.Values {
		for j := range out.Values {
			if i != j && near(out.Values[i].Label, out.Values[j].Label) {
				out.Values[i].Near = append(out.Values[i].Near, out.Values[j].Label)
			}
		}
	}
	return out
}

// near reports whether two values of a column (already different once normalised) are within a
// typing slip or two of each other: "Tombouctou" and "Tombuctou", "Kidal" and "Kidal region"
// are not near, "WASH" and "WAHS" are.
func near(a, b string) bool {
	ka, kb := survey.Normalize(a), survey.Normalize(b)
	na, nb := utf8.RuneCountInString(ka), utf8.RuneCountInString(kb)
	if min(na, nb) < 4 {
		return false // codes and short words: every pair is a slip apart
	}
	limit := max(1, min(na, nb)/6)
	if na-nb > limit || nb-na > limit {
		return false
	}
	return survey.EditDistance(ka, kb) <= limit
}

// roleHints are the words of column titles that suggest each key, in English, French and
// Spanish as 3W tables are written, with their weight.
var roleHints = [4][]struct {
	word  string
	score int
}{
	survey.State: {{"organisation", 60}, {"organization", 60}, {"organizacion", 60}, {"organisme", 60}, {"agency", 55},
		{"agence", 55}, {"implementing", 55}, {"donor", 55}, {"bailleur", 55}, {"acteur", 50}, {"actor", 50}, {"member state", 60},
		{"respondent", 60}, {"org", 40}, {"partner", 30}},
	survey.Partner: {{"region", 65}, {"province", 65}, {"departement", 65}, {"departamento", 65}, {"state", 40},
		{"district", 55}, {"cercle", 55}, {"commune", 50}, {"county", 55}, {"country", 50}, {"pays", 50}, {"pais", 50},
		{"admin", 45}, {"adm", 40}, {"location", 40}, {"lieu", 40}, {"zone", 40}, {"beneficiary", 45}},
	survey.Area: {{"sector", 60}, {"secteur", 60}, {"cluster", 60}, {"thematic", 50}, {"field", 45}, {"domaine", 45}, {"area", 40}},
	survey.Type: {{"activity", 55}, {"activite", 55}, {"actividad", 55}, {"modality", 55}, {"modalite", 55}, {"type", 50},
		{"subsector", 50}, {"sous-secteur", 50}, {"subsector", 50}, {"support", 45}},
}

// roleByHashtag scores a column's hashtag for each key, after the HXL standard's meanings.
func roleByHashtag(tag string) (scores [4]int) {
	t, ok := parseHXL(tag)
	if !ok {
		return scores
	}
	has := func(a string) bool { return containsString(t.attrs, a) }
	switch t.base {
	case "org":
		if has("type") {
			scores[survey.Type] = 80
			break
		}
		scores[survey.State] = 100
		if has("acronym") || has("code") || has("id") {
			scores[survey.State] = 90 // the name, when there is one, reads better
		}
	case "adm1":
		scores[survey.Partner] = 95
	case "adm2":
		scores[survey.Partner], scores[survey.Type] = 85, 20
	case "country":
		scores[survey.Partner] = 90
	case "adm3", "adm4", "adm5", "loc":
		scores[survey.Partner] = 70
	case "sector":
		scores[survey.Area] = 100
		if has("cluster") || has("name") {
			scores[survey.Area] = 105
		}
		scores[survey.Type] = 30
	case "subsector":
		scores[survey.Type] = 75
	case "activity", "modality":
		scores[survey.Type] = 90
	}
	if has("code") || has("id") || has("pcode") {
		for k := range scores {
			scores[k] -= 15 // codes count as the names do, but read worse
		}
	}
	return scores
}

// guessRoles picks the columns for the respondent and the three dimensions: by hashtag, else by
// title, else the first columns left that hold few enough values to be categories.
func guessRoles(cols []surveyfile.DraftColumn) (roles [4]int, why [4]string) {
	scores := make([][4]int, len(cols))
	reasons := make([][4]string, len(cols))
	for i, c := range cols {
		if c.Numbers || c.Rows == 0 || len(c.Values) == 0 {
			continue
		}
		if c.HXL != "" {
			scores[i] = roleByHashtag(c.HXL)
			for k := range scores[i] {
				reasons[i][k] = "hashtag " + c.HXL
			}
		}
		title := survey.Normalize(c.Title)
		for k, hints := range roleHints {
			for _, h := range hints {
				if strings.Contains(title, h.word) && h.score > scores[i][k] {
					scores[i][k], reasons[i][k] = h.score, fmt.Sprintf("title with %q", h.word)
				}
			}
		}
	}
	taken := make([]bool, len(cols))
	for k := range roles {
		roles[k] = -1
	}
	for _, k := range []survey.Key{survey.State, survey.Area, survey.Partner, survey.Type} {
		best := -1
		for i := range cols {
			if !taken[i] && scores[i][k] > 0 && (best < 0 || scores[i][k] > scores[best][k]) {
				best = i
			}
		}
		if best >= 0 {
			roles[k], why[k], taken[best] = best, "taken for its "+reasons[best][k], true
		}
	}
	for _, k := range survey.Keys {
		if roles[k] >= 0 {
			continue
		}
		for i, c := range cols {
			if !taken[i] && !c.Numbers && len(c.Values) > 1 {
				roles[k], why[k], taken[i] = i, "the first column left whose values look like categories", true
				break
			}
		}
	}
	return roles, why
}
