package replies

import (
	"sort"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// fileCount is what reading one file adds to the dataset: counts, findings, sheets and
// per-state summaries, kept apart until the file has been read to its end. A file that the fast
// workbook reader gives up on half-way is then read again from a fresh count, and the rows it
// gave the first time are never counted.
type fileCount struct {
	counter  *tally.Counter
	findings []Finding
	sources  []Source
	perState map[string]*StateSummary
	states   []string      // the keys of perState, in the order first met
	lastSum  *StateSummary // rows of one state come together
	// slots hold, per respondent listed in the schema (by its index), what the file's rows of it
	// would otherwise look up by its name on every row: a file whose state changes on every row
	// spent a good part of each row in such look-ups.
	slots  []stateSlot
	checks *crossChecks
	// Row errors and warnings kept with their messages, and those past the limits, only counted.
	rowErrors, rowWarnings                    int
	moreErrors, moreInvalidRows, moreWarnings int
	lastMoreRow                               Position
	firstMoreWarning                          Position
	observed                                  []observedActivity // only for Read's observer (tests)
	spellings                                 map[spelling]int   // how often each learnt category was written so far
}

func newFileCount(counter *tally.Counter, base *crossChecks) *fileCount {
	return &fileCount{counter: counter, perState: map[string]*StateSummary{}, checks: base.forFile(), spellings: map[spelling]int{}}
}

// reset starts the count of a file afresh, keeping the memory of the last one.
func (f *fileCount) reset(base *crossChecks) {
	f.counter.Reset()
	*f = fileCount{counter: f.counter, perState: f.perState, states: f.states[:0], checks: base.forFile(),
		findings: f.findings[:0], sources: f.sources[:0], observed: f.observed[:0], spellings: f.spellings,
		slots: f.slots[:0]}
	clear(f.perState)
	clear(f.spellings)
}

// stateSlot is what a file's count keeps of one respondent listed in the schema.
type stateSlot struct {
	sum     *StateSummary // its summary in perState, nil until a row of it counts
	counted int           // 1 + its index in the file's counter, 0 until counted
}

// slot returns the slot of the respondent with the given index among the schema's.
func (f *fileCount) slot(index int) *stateSlot {
	if index >= len(f.slots) {
		f.slots = append(f.slots, make([]stateSlot, index+1-len(f.slots))...)
	}
	return &f.slots[index]
}

// stateCounted returns the index of a state in the file's counter, making it one of the
// counter's states if it is not yet; index is the state's among the schema's respondents, or -1.
func (f *fileCount) stateCounted(state string, index int) int {
	if index < 0 {
		return f.counter.Respond(state)
	}
	s := f.slot(index)
	if s.counted == 0 {
		s.counted = f.counter.Respond(state) + 1
	}
	return s.counted - 1
}

// dataset gathers the counts of every file read.
type dataset struct {
	ds       *Dataset
	perState map[string]*StateSummary
	checks   *crossChecks
	// Row errors and warnings kept over all files; the caps apply to the whole run.
	rowErrors, rowWarnings int
	moreWarnings           int
	firstMoreWarning       Position
	spellings              map[spelling]int   // of the files read to their end
	observed               []observedActivity // for Read's observer, given once the lists are settled
}

// keep adds a file read to its end to the dataset.
func (d *dataset) keep(f *fileCount, observe func(observedActivity)) {
	// Both counters count over the schema's labels: merging cannot fail.
	_ = d.ds.counter.Merge(f.counter)
	d.ds.Findings = append(d.ds.Findings, f.findings...)
	d.ds.Sources = append(d.ds.Sources, f.sources...)
	for _, state := range f.states {
		from := f.perState[state]
		to, ok := d.perState[state]
		if !ok {
			to = &StateSummary{State: state}
			d.perState[state] = to
		}
		for _, file := range from.Files {
			if n := len(to.Files); n == 0 || to.Files[n-1] != file {
				to.Files = append(to.Files, file)
			}
		}
		to.Rows += from.Rows
		to.Activities += from.Activities
	}
	d.checks.merge(f.checks)
	d.rowErrors += f.rowErrors
	d.rowWarnings += f.rowWarnings
	d.ds.MoreErrors += f.moreErrors
	d.ds.MoreInvalidRows += f.moreInvalidRows
	if f.moreWarnings > 0 && d.moreWarnings == 0 {
		d.firstMoreWarning = f.firstMoreWarning
	}
	d.moreWarnings += f.moreWarnings
	if observe != nil {
		d.observed = append(d.observed, f.observed...)
	}
	for sp, n := range f.spellings {
		if d.spellings == nil {
			d.spellings = map[spelling]int{}
		}
		d.spellings[sp] += n
	}
}

// finish completes the dataset once every file is read: the open lists are settled, and
// observe (when set) is given every activity counted, with the categories' final indices.
func (d *dataset) finish(p *parser, observe func(observedActivity)) {
	moved := p.settleOpenLists(d)
	renamed := p.renameStates(d)
	if observe != nil {
		for _, a := range d.observed {
			if name, ok := renamed[a.State]; ok {
				a.State = name
			}
			if m := moved[survey.Partner]; m != nil {
				a.Partner = m[a.Partner]
			}
			if m := moved[survey.Area]; m != nil {
				a.Area = m[a.Area]
			}
			if m := moved[survey.Type]; m != nil {
				a.Type = m[a.Type]
			}
			observe(a)
		}
	}
	d.ds.Respondents = append([]string(nil), d.ds.counter.States()...)
	for _, sum := range d.perState {
		d.ds.PerState = append(d.ds.PerState, *sum)
	}
	sort.Slice(d.ds.PerState, func(i, j int) bool { return d.ds.PerState[i].State < d.ds.PerState[j].State })
}

// observedActivity is one activity as counted, for tests that check which rows gave which
// activities (see export_test.go).
type observedActivity struct {
	State               string
	Partner, Area, Type int
	Pos                 Position
}
