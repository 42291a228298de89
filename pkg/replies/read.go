package replies

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// Read reads every input in order: files as given, folders as their .xlsx and .csv files sorted
// by name. Problems with a file, a sheet or a cell become findings, so that one run reports all of
// them; the error is only for a schema that cannot be used.
func Read(inputs []string, opts Options) (*Dataset, error) {
	slow := map[string]bool{}
	for {
		ds, err := read(inputs, opts, slow)
		var fb *fallbackError
		if errors.As(err, &fb) && !slow[fb.path] {
			// The fast workbook reader gave up half-way through a file, after giving rows that
			// are already counted: read everything again, that file with excelize.
			slow[fb.path] = true
			continue
		}
		return ds, err
	}
}

// fallbackError is the fast reader giving up half-way through a file.
type fallbackError struct {
	path string
	err  error
}

func (e *fallbackError) Error() string { return e.path + ": " + e.err.Error() }
func (e *fallbackError) Unwrap() error { return e.err }

func read(inputs []string, opts Options, excelize map[string]bool) (*Dataset, error) {
	p, err := newParser(opts)
	if err != nil {
		return nil, err
	}
	p.excelize = excelize
	files := p.expand(inputs)
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
	p.checks.finish(p)
	SortFindings(p.ds.Findings)
	for _, sum := range p.perState {
		p.ds.PerState = append(p.ds.PerState, *sum)
	}
	sort.Slice(p.ds.PerState, func(i, j int) bool { return p.ds.PerState[i].State < p.ds.PerState[j].State })
	return p.ds, nil
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
		found := p.folder(in, &files)
		if found == 0 {
			p.add(Position{File: slash(in)}, Error, "the folder holds no .xlsx or .csv file")
		}
	}
	return files
}

// folder appends the reply files of dir to files and returns how many it found.
func (p *parser) folder(dir string, files *[]string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		p.add(Position{File: slash(dir)}, Error, "cannot list the folder: %v", err)
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
			p.add(Position{File: slash(path)}, Note, "skipped: a lock file that Excel or LibreOffice leaves while a workbook is open")
		case strings.HasPrefix(name, "."):
			// hidden files such as .DS_Store are not replies
		case isDir(path) && p.opts.Recursive:
			found += p.folder(path, files)
		case isDir(path):
			p.add(Position{File: slash(path)}, Note, "skipped: sub-folders are read only with --recursive")
		case sheet.KindOf(name) == sheet.Workbook || strings.EqualFold(filepath.Ext(name), ".csv"):
			*files = append(*files, path)
			found++
		default:
			p.add(Position{File: slash(path)}, Note, "skipped: not an .xlsx or .csv file")
		}
	}
	return found
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// slash writes paths with forward slashes, the same on every system.
func slash(path string) string { return filepath.ToSlash(path) }

func (p *parser) readFile(path string, fileIdx int) {
	file := slash(path)
	var noHeader []Finding
	sheetIdx, read := 0, 0
	err := sheet.Read(path, sheet.Options{Sheet: p.opts.Sheet, Password: p.opts.Password, Excelize: p.excelize[path], Context: p.ctx}, func(info sheet.Info, rows sheet.Rows) error {
		sheetIdx++
		res, f, err := p.readSheet(file, fileIdx, sheetIdx, info, rows)
		switch {
		case err != nil:
			return err
		case res == sheetRead:
			read++
		case res == sheetPartialHeader:
			// A header with some of the titles is a reply table with a mistake: always an error.
			p.ds.Findings = append(p.ds.Findings, *f)
		case res == sheetNoHeader:
			noHeader = append(noHeader, *f)
		}
		return nil
	})
	if err != nil {
		if p.ctx.Err() != nil {
			p.stopped = p.ctx.Err()
			return
		}
		if errors.Is(err, sheet.ErrFallback) {
			p.stopped = &fallbackError{path: path, err: err}
			return
		}
		var se *sheet.Error
		if errors.As(err, &se) {
			p.add(Position{File: file, fileIdx: fileIdx}, Error, "%s", fixMessage(se))
		} else {
			p.add(Position{File: file, fileIdx: fileIdx}, Error, "%v", err)
		}
		return
	}
	switch {
	case read == 0 && len(noHeader) == 0 && !p.hasErrorIn(file):
		p.add(Position{File: file, fileIdx: fileIdx}, Error, "the file holds no data")
	case read == 0 || p.opts.Sheet != "":
		// No sheet of this file is a reply table: each is an error, as is the one sheet asked for.
		p.ds.Findings = append(p.ds.Findings, noHeader...)
	default:
		// Other sheets held the replies; these are instructions, lists and the like.
		for _, f := range noHeader {
			f.Severity = Note
			f.Pos.Row, f.Pos.Col = 0, 0
			f.Message = "skipped: no header row of replies in its first rows"
			p.ds.Findings = append(p.ds.Findings, f)
		}
	}
}

func (p *parser) hasErrorIn(file string) bool {
	for _, f := range p.ds.Findings {
		if f.Pos.File == file && f.Severity == Error {
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
