package records

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/crosstab"
	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// Options say what to read and count.
type Options struct {
	// Schema is the survey; nil reads each file by its HXL hashtags (HXLSchema).
	Schema *Schema
	// By names the dimensions to tally and cross: a dimension's name, a hashtag ("#sector",
	// or "sector" in a file with hashtags) or a column's title. Empty: every dimension of the
	// schema.
	By []string
	// Where are the filters, all of which a row must pass.
	Where []Filter
	// Key names the columns whose values make one presence (nil: the schema's key; empty: none).
	Key []string
	// Sum names the column of amounts to sum, min, max and average per cell.
	Sum string
	// Split says how the amount of a row with several values is shared: "even", or
	// "DIMENSION=COLUMN" for a column of percentages parallel to that dimension's values
	// ("sector=sector-percentage"), several separated by commas
	// ("sector=sector-percentage,country=recipient-country-percentage"); other dimensions share
	// evenly. Empty: such a row is an error.
	Split string
	// Sheet, Password, Recursive and Context are as for pkg/replies.
	Sheet     string
	Password  string
	Recursive bool
	Context   context.Context
}

// DimInfo describes a counted dimension.
type DimInfo struct {
	Name, Title, Noun, Plural string
	// Labels are the values met, by index; Order lists the indices in questionnaire order (a
	// closed list's order, then first met).
	Labels []string
	Order  []int
}

// Source is what was read from one sheet.
type Source struct {
	File, Sheet       string
	HeaderRow, HXLRow int
	Rows, Kept        int // data rows, and those the filters kept
}

// Finding is a problem or remark with its position.
type Finding struct {
	Pos      replies.Position
	Severity replies.Severity
	Message  string
	partial  bool // a header that lacks a column: never a sheet to skip
}

func (f Finding) String() string { return f.Pos.String() + ": " + f.Message }

// Dataset is what was read and counted.
type Dataset struct {
	Schema      *Schema
	Dims        []DimInfo
	Respondents []string // by number, as first met
	Result      *crosstab.Result
	Sources     []Source
	Findings    []Finding
	// Filters, KeyColumns, SumColumn and Split say what the counts ran under, for every output:
	// Filters as given (tidied), FilterWords as captions say them.
	Filters     []string
	FilterWords []string
	KeyColumns  []string
	SumColumn   string
	Split       string
	// MoreErrors counts errors past MaxErrors, not kept.
	MoreErrors int
}

// Errors counts the findings that stop the analysis.
func (d *Dataset) Errors() int {
	n := d.MoreErrors
	for _, f := range d.Findings {
		if f.Severity == replies.Error {
			n++
		}
	}
	return n
}

// MaxErrors is how many errors are kept with their messages.
const MaxErrors = 100

// ErrNoDimensions is returned when nothing says what to count.
var ErrNoDimensions = errors.New("no dimensions to count: name them with --by (e.g. --by sector,adm1) or in the schema")

// Read reads every input and counts the records. The error is for what stops reading before any
// row (no dimensions, a bad --split, Ctrl-C); problems with files, sheets and cells are findings.
func Read(inputs []string, opts Options) (*Dataset, error) {
	excelize := map[string]bool{}
	for {
		r := &reader{opts: opts, ds: &Dataset{Schema: opts.Schema}, folds: folder{}, inputs: inputs, excelize: excelize}
		ds, err := r.run()
		var again *readAgain
		if errors.As(err, &again) && !excelize[again.path] {
			// Rows of that file were counted already: count everything again, that file with
			// excelize. Rare (the fast reader gives up on few workbooks, and mostly at once).
			excelize[again.path] = true
			continue
		}
		return ds, err
	}
}

// readAgain says that the fast workbook reader gave up on a file after some of its rows were
// counted.
type readAgain struct{ path string }

func (e *readAgain) Error() string { return e.path + ": read again with excelize" }

func (r *reader) run() (*Dataset, error) {
	if r.opts.Context == nil {
		r.opts.Context = context.Background()
	}
	if err := r.setup(); err != nil {
		return nil, err
	}
	r.rec = crosstab.Record{Values: make([][]int, len(r.dims)), Weights: make([][]float64, len(r.dims))}
	files, notes := replies.ListFiles(r.inputs, r.opts.Recursive)
	for _, n := range notes {
		r.add(Finding{Pos: n.Pos, Severity: n.Severity, Message: n.Message})
	}
	for _, f := range files {
		if err := r.readFile(f); err != nil {
			return nil, err
		}
	}
	r.finish()
	return r.ds, nil
}

type reader struct {
	opts    Options
	ds      *Dataset
	by      []string // the --by references, as given
	dims    []*dimState
	counter *crosstab.Counter
	resps   names
	resp    *survey.Matcher
	nilw    map[string]bool
	// split holds, per dimension, the column of percentages that shares a row's amount among
	// its values ("" for evenly).
	split        []string
	proportional []replies.Position // rows whose percentages did not add up to 100
	folds        folder
	inputs       []string
	rec          crosstab.Record             // reused from row to row
	firstOf      map[string]replies.Position // where each presence key was first reported
	repeatNotes  int
	excelize     map[string]bool // files to read with excelize only: the fast reader gave up half-way
}

// dimState is a counted dimension while reading.
type dimState struct {
	ref    string
	schema *Dim // nil for a column counted as it comes
	info   DimInfo
	values names // by folded label (with the parent's, for levels)
	match  *survey.Matcher
	// levels: the folded names met under each parent, to tell same-named places apart
	parents  map[string]map[string]bool // folded name -> folded parents
	parentOf []string                   // value -> its parent's label
	codes    map[string]string          // code -> folded name, to find names that disagree with their code
	codeSeen map[string]bool
	folds    folder
}

func (r *reader) setup() error {
	s := r.opts.Schema
	r.by = r.opts.By
	if len(r.by) == 0 && s != nil {
		r.by = s.Names()
	}
	if len(r.by) == 0 {
		return ErrNoDimensions
	}
	for i, ref := range r.by {
		if slices.ContainsFunc(r.by[:i], func(o string) bool { return strings.EqualFold(o, ref) }) {
			return fmt.Errorf("--by %s: %q is given twice", strings.Join(r.by, ","), ref)
		}
	}
	if s == nil {
		s = HXLSchema("")
		r.ds.Schema = s
	}
	for _, ref := range r.by {
		ds := &dimState{ref: ref, schema: s.Dim(ref), parents: map[string]map[string]bool{}, folds: r.folds,
			codes: map[string]string{}, codeSeen: map[string]bool{}}
		ds.info.Name = ref
		if d := ds.schema; d != nil {
			ds.info.Title, ds.info.Noun = d.Title, d.Noun
			if ds.info.Noun == "" {
				ds.info.Noun = strings.ToLower(d.Title)
			}
			ds.info.Plural = survey.Plural(ds.info.Noun)
			if len(d.Values) > 0 {
				m, err := survey.NewMatcher(&survey.Dimension{Title: d.Title, Noun: ds.info.Noun, Values: d.Values})
				if err != nil {
					return fmt.Errorf("dimension %s: %w", ref, err)
				}
				ds.match = m
				for _, v := range d.Values {
					ds.label(v.Label, Fold(v.Label))
				}
			}
		}
		r.dims = append(r.dims, ds)
	}
	if len(s.RespondentValues) > 0 {
		m, err := survey.NewMatcher(&survey.Dimension{Values: s.RespondentValues})
		if err != nil {
			return fmt.Errorf("respondents: %w", err)
		}
		r.resp = m
	}
	r.nilw = map[string]bool{}
	for _, w := range s.NilWords {
		r.nilw[Fold(w)] = true
	}
	r.split = make([]string, len(r.dims))
	if sp := strings.TrimSpace(r.opts.Split); sp != "" && !strings.EqualFold(sp, "even") {
		for _, part := range strings.Split(sp, ",") {
			dim, col, ok := strings.Cut(part, "=")
			i := slices.IndexFunc(r.by, func(b string) bool { return strings.EqualFold(b, strings.TrimSpace(dim)) })
			if !ok || i < 0 || strings.TrimSpace(col) == "" || r.split[i] != "" {
				return fmt.Errorf("--split %q: write even, or DIMENSION=COLUMN for a column of percentages (several separated by commas), each with a dimension of --by (%s) once, e.g. --split %s=percentage",
					sp, strings.Join(r.by, ", "), r.by[0])
			}
			r.split[i] = strings.TrimSpace(col)
		}
	}
	if r.opts.Split != "" && r.opts.Sum == "" {
		return fmt.Errorf("--split says how to share an amount: give the amount's column with --sum")
	}
	var combos [][]int
	n := len(r.dims)
	if n > 4 {
		return fmt.Errorf("--by %s: at most 4 dimensions are crossed at once", strings.Join(r.by, ","))
	}
	for size := 1; size <= n; size++ {
		combos = append(combos, subsets(n, size)...)
	}
	names := make([]string, n)
	for i, d := range r.dims {
		names[i] = d.ref
	}
	c, err := crosstab.New(names, combos)
	if err != nil {
		return err
	}
	r.counter = c
	for _, f := range r.opts.Where {
		r.ds.Filters = append(r.ds.Filters, f.Text)
		r.ds.FilterWords = append(r.ds.FilterWords, f.Describe())
	}
	r.ds.KeyColumns = r.opts.Key
	if r.opts.Key == nil {
		r.ds.KeyColumns = s.Key
	}
	r.ds.SumColumn, r.ds.Split = r.opts.Sum, strings.TrimSpace(r.opts.Split)
	return nil
}

// subsets lists the sets of size k of 0..n-1, in order: {0,1}, {0,2}, {1,2}.
func subsets(n, k int) [][]int {
	var out [][]int
	var rec func(start int, cur []int)
	rec = func(start int, cur []int) {
		if len(cur) == k {
			out = append(out, slices.Clone(cur))
			return
		}
		for i := start; i < n; i++ {
			rec(i+1, append(cur, i))
		}
	}
	rec(0, nil)
	return out
}

// names numbers the distinct names met by their folded keys, keeping the spelling first met.
type names struct {
	index  map[string]int
	labels []string
}

// add returns the number of the name with key, and whether it is new.
func (n *names) add(key, label string) (int, bool) {
	if i, ok := n.index[key]; ok {
		return i, false
	}
	if n.index == nil {
		n.index = map[string]int{}
	}
	n.index[key] = len(n.labels)
	n.labels = append(n.labels, label)
	return len(n.labels) - 1, true
}

// label returns the index of the value with the folded key, adding it with its label if new.
func (d *dimState) label(label, key string) int {
	i, added := d.values.add(key, label)
	if added {
		d.parentOf = append(d.parentOf, "")
	}
	return i
}

func (r *reader) add(f Finding) {
	if f.Severity == replies.Error {
		n := 0
		for _, g := range r.ds.Findings {
			if g.Severity == replies.Error {
				n++
			}
		}
		if n >= MaxErrors {
			r.ds.MoreErrors++
			return
		}
	}
	r.ds.Findings = append(r.ds.Findings, f)
}

// sheetResult is one sheet read, kept until the file is done: a hidden sheet counts only when
// no visible sheet holds replies.
type sheetResult struct {
	info     sheet.Info
	rows     []sheet.Row
	name     string
	noHeader *Finding
	layout   *layout
}

// headRows is how many rows of a sheet are read ahead, for its header and, in a file read by
// its hashtags, to see which #org column is filled in.
const headRows = HeaderScanRows + 2000

func (r *reader) readFile(path string) error {
	var sheets []*sheetResult
	counted, read := false, 0
	readAll := func(excelize bool) error {
		sheets, read = sheets[:0], 0
		return sheet.Read(path, sheet.Options{Sheet: r.opts.Sheet, Password: r.opts.Password, Excelize: excelize, Context: r.opts.Context},
			func(info sheet.Info, rows sheet.Rows) error {
				sr := &sheetResult{info: info, name: info.Name}
				// A hidden sheet counts only when no visible sheet holds replies: it is kept
				// whole until the end of the file (working sheets are small).
				hidden := info.Hidden && r.opts.Sheet == ""
				for (hidden || len(sr.rows) < headRows) && rows.Next() {
					row := rows.Row()
					row.Cells = slices.Clone(row.Cells)
					sr.rows = append(sr.rows, row)
				}
				if err := rows.Err(); err != nil {
					return err
				}
				sheets = append(sheets, sr)
				if hidden {
					return nil
				}
				if sr.layout, sr.noHeader = r.findLayout(path, sr); sr.layout == nil {
					return nil
				}
				counted = true
				r.readSheet(path, sr, rows)
				read++
				return rows.Err()
			})
	}
	err := readAll(r.excelize[path])
	if errors.Is(err, sheet.ErrFallback) && r.opts.Context.Err() == nil {
		if counted {
			return &readAgain{path}
		}
		err = readAll(true)
	}
	if err := r.opts.Context.Err(); err != nil {
		return err
	}
	if err != nil {
		var se *sheet.Error
		msg := err.Error()
		if errors.As(err, &se) {
			msg = se.Problem
			if se.Fix != "" {
				msg += "; " + se.Fix
			}
		}
		r.add(Finding{Pos: replies.Position{File: path}, Severity: replies.Error, Message: msg})
		return nil
	}
	for _, s := range sheets {
		if !s.info.Hidden || r.opts.Sheet != "" {
			continue
		}
		switch s.layout, s.noHeader = r.findLayout(path, s); {
		case s.layout == nil:
		case read > 0:
			s.noHeader = nil
			r.add(Finding{Pos: replies.Position{File: path, Sheet: s.name}, Severity: replies.Note,
				Message: "skipped: a hidden sheet, and a visible sheet holds the replies (--sheet reads it)"})
		default:
			r.readSheet(path, s, nil)
		}
	}
	for _, s := range sheets {
		if s.noHeader == nil {
			continue
		}
		if read > 0 && r.opts.Sheet == "" && !s.noHeader.partial {
			r.add(Finding{Pos: s.noHeader.Pos, Severity: replies.Note, Message: "skipped: no header row of replies in its first rows"})
		} else {
			r.add(*s.noHeader)
		}
	}
	if len(sheets) == 0 {
		r.add(Finding{Pos: replies.Position{File: path}, Severity: replies.Error, Message: "the file holds no data"})
	}
	return nil
}
