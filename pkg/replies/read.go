package replies

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// Read reads every input in order: files as given, folders as their .xlsx and .csv files sorted
// by name. Problems with a file, a sheet or a cell become findings, so that one run reports all of
// them; the error is only for a schema that cannot be used, or for reading stopped by
// Options.Context.
func Read(inputs []string, opts Options) (*Dataset, error) {
	return read(inputs, opts, nil)
}

// read is Read, giving observe (when set) every activity counted.
func read(inputs []string, opts Options, observe func(observedActivity)) (*Dataset, error) {
	p, err := newParser(opts)
	if err != nil {
		return nil, err
	}
	p.observe = observe
	files := p.expand(inputs)
	if err := p.ctx.Err(); err != nil {
		return nil, err // Ctrl-C while listing folders
	}
	p.keepFile()
	p.files = len(files)
	p.fileBytes = make([]int64, len(files))
	for i, file := range files {
		p.fileBytes[i] = -1
		if fi, err := os.Stat(file); err == nil {
			p.fileBytes[i] = fi.Size()
			p.allBytes += fi.Size()
		}
	}
	for i, file := range files {
		p.readFile(file, i+1)
		if p.stopped != nil {
			return nil, p.stopped
		}
		p.doneBytes += max(p.fileBytes[i], 0)
	}
	p.all.checks.finish(p)
	p.keepFile()
	p.noReplies(inputs)
	if n := p.all.moreWarnings; n > 0 {
		p.add(p.all.firstMoreWarning, Note, "%s about rows from here on %s not listed, to keep memory bounded: fix the first ones, which are often the same",
			plural(n, "more warning or note", "more warnings and notes"), pick(n == 1, "is", "are"))
	}
	p.keepFile()
	p.all.finish(p, p.observe)
	SortFindings(p.all.ds.Findings)
	return p.all.ds, nil
}

// keepFile adds what the file just read gave to the dataset, and starts the next file's count.
func (p *parser) keepFile() {
	p.flushStateSpellings(true)
	for _, k := range survey.Dims {
		if o := p.open[k]; o != nil {
			o.flush(k, p.file.spellings)
		}
	}
	p.all.keep(p.file, p.observe)
	p.file.reset(p.all.checks)
}

// noReplies makes an error of inputs that hold no reply at all, such as a blank questionnaire:
// all-zero tables would otherwise add up to 100%.
func (p *parser) noReplies(inputs []string) {
	ds := p.all.ds
	if len(ds.counter.States()) > 0 || len(inputs) == 0 {
		return
	}
	for _, f := range ds.Findings {
		if f.Severity == Error {
			return // the errors say why
		}
	}
	pos := Position{File: asTyped(inputs[0])}
	if len(ds.Sources) > 0 {
		pos = Position{File: ds.Sources[0].File, Sheet: ds.Sources[0].Sheet}
	}
	p.add(pos, Error, "no replies: no row under the header names %s, so there is nothing to analyse; fill in one row per activity (%s with no activity: its name alone), then run again",
		survey.A(p.noun(survey.State)), survey.A(p.noun(survey.State)))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// expand lists the files to read. A folder contributes its spreadsheet files, sorted (and those
// of its sub-folders with Recursive); office lock files and other files are listed as notes,
// never silently passed over.
func (p *parser) expand(inputs []string) []string {
	var files []string
	for _, in := range inputs {
		st, err := os.Stat(in)
		if err != nil || !st.IsDir() {
			files = append(files, in)
			continue
		}
		found := p.folder(in, st, &files)
		if found == 0 {
			p.add(Position{File: asTyped(in)}, Error, "the folder holds no .xlsx or .csv file")
		}
	}
	return files
}

// folder appends the reply files of dir to files and returns how many it found. Each folder is
// read once, however many links lead to it: a link back to a folder above would otherwise read
// its files again and again, and two such links forever.
func (p *parser) folder(dir string, st os.FileInfo, files *[]string) int {
	if p.ctx.Err() != nil {
		return -1 // stopped: Read returns the context's error
	}
	for _, seen := range p.folders {
		if os.SameFile(seen.info, st) {
			p.add(Position{File: asTyped(dir)}, Note, "skipped: the same folder as %s, which is read already", asTyped(seen.path))
			return -1
		}
	}
	p.folders = append(p.folders, visited{path: dir, info: st})
	entries, err := os.ReadDir(dir)
	if err != nil {
		p.add(Position{File: asTyped(dir)}, Error, "cannot list the folder: %v", err)
		return 0
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	found := 0
	for _, name := range names {
		path := filepath.Join(dir, name)
		switch {
		case strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".~lock"):
			p.add(Position{File: asTyped(path)}, Note, "skipped: a lock file that Excel or LibreOffice leaves while a workbook is open")
		case strings.HasPrefix(name, "."):
			// hidden files such as .DS_Store are not replies
		case isDir(path) && p.opts.Recursive:
			st, _ := os.Stat(path)
			found += max(p.folder(path, st, files), 0)
		case isDir(path):
			p.add(Position{File: asTyped(path)}, Note, "skipped: sub-folders are read only with --recursive")
		case sheet.InFolder(name):
			*files = append(*files, path)
			found++
		default:
			p.add(Position{File: asTyped(path)}, Note, "skipped: not "+sheet.FolderKinds)
		}
	}
	return found
}

// visited is a folder read, known by its identity on disk.
type visited struct {
	path string
	info os.FileInfo
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// asTyped is a path as the user gave it (and as the system joins a folder's files), for
// messages: a Windows user who typed replies\AT.xlsx finds that in the message. JSON outputs
// write it with forward slashes, the same on every system.
func asTyped(path string) string { return path }

// readFile reads one file into a count of its own and adds it to the dataset. This is the one
// place where reading falls back: when the fast workbook reader gives up half-way through a file
// (sheet.ErrFallback, after it gave rows), the file's count is dropped and that file alone is
// read again with excelize; progress then says "reading again".
func (p *parser) readFile(path string, fileIdx int) {
	rowsBefore := p.rowsRead
	p.again = false
	err := p.readSheets(path, fileIdx, false)
	if errors.Is(err, sheet.ErrFallback) && p.ctx.Err() == nil {
		for _, k := range survey.Dims {
			if o := p.open[k]; o != nil {
				o.flush(k, nil) // the file's rows are counted again
			}
		}
		p.flushStateSpellings(false)
		p.file.reset(p.all.checks)
		p.rowsRead, p.again = rowsBefore, true
		err = p.readSheets(path, fileIdx, true)
	}
	p.again = false
	if p.ctx.Err() != nil {
		p.stopped = p.ctx.Err()
		return
	}
	if err != nil {
		file := asTyped(path)
		var se *sheet.Error
		if errors.As(err, &se) {
			p.add(Position{File: file, fileIdx: fileIdx}, Error, "%s", fixMessage(se))
		} else {
			p.add(Position{File: file, fileIdx: fileIdx}, Error, "%v", err)
		}
	}
	p.keepFile()
}

// readSheets reads the sheets of one file into p.file, with excelize only when asked to. The
// error is the reader's: the file could not be read to its end.
func (p *parser) readSheets(path string, fileIdx int, excelize bool) error {
	file := asTyped(path)
	var noHeader, hidden []Finding
	sheetIdx, read := 0, 0
	readSheet := func(info sheet.Info, rows sheet.Rows) error {
		sheetIdx++
		if info.Other != "" {
			// A chart, dialog or macro sheet holds no replies.
			p.add(Position{File: file, Sheet: info.Name, fileIdx: fileIdx, sheetIdx: sheetIdx}, Note, "skipped: a %s holds no replies", info.Other)
			return nil
		}
		res, f, err := p.readSheet(file, fileIdx, sheetIdx, info, rows)
		switch {
		case err != nil:
			return err
		case res == sheetRead:
			read++
		case res == sheetPartialHeader:
			// A header with some of the titles is a reply table with a mistake: always an error.
			p.file.findings = append(p.file.findings, *f)
		case res == sheetNoHeader:
			noHeader = append(noHeader, *f)
		case res == sheetHidden:
			hidden = append(hidden, *f)
		}
		return nil
	}
	opts := sheet.Options{Sheet: p.opts.Sheet, Password: p.opts.Password, Excelize: excelize, Context: p.ctx}
	if err := sheet.Read(path, opts, readSheet); err != nil {
		return err
	}
	if read > 0 {
		p.file.findings = append(p.file.findings, hidden...)
	} else if len(hidden) > 0 {
		// No visible sheet holds replies: the hidden ones are the replies. Each is read again
		// by its name, which costs a second pass over the file in this rare case only.
		p.hiddenPass = true
		defer func() { p.hiddenPass = false }()
		for _, f := range hidden {
			opts.Sheet = f.Pos.Sheet
			sheetIdx = f.Pos.sheetIdx - 1
			if err := sheet.Read(path, opts, readSheet); err != nil {
				return err
			}
		}
	}
	switch {
	case read == 0 && len(noHeader) == 0 && !p.fileHasError():
		p.add(Position{File: file, fileIdx: fileIdx}, Error, "the file holds no data")
	case read == 0 || p.opts.Sheet != "":
		// No sheet of this file is a reply table: each is an error, as is the one sheet asked for.
		p.file.findings = append(p.file.findings, noHeader...)
	default:
		// Other sheets held the replies; these are instructions, lists and the like.
		for _, f := range noHeader {
			f.Severity = Note
			f.Pos.Row, f.Pos.Col = 0, 0
			f.Message = "skipped: no header row of replies in its first rows"
			p.file.findings = append(p.file.findings, f)
		}
	}
	return nil
}

// fileHasError says whether the file being read has an error already.
func (p *parser) fileHasError() bool {
	for _, f := range p.file.findings {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

func fixMessage(e *sheet.Error) string {
	if e.Fix == "" {
		return e.Problem
	}
	return fmt.Sprintf("%s; %s", e.Problem, e.Fix)
}
