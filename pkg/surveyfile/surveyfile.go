// Package surveyfile reads and writes survey schemas (survey.Schema) as YAML files, so that
// mapsurvey can analyse questionnaires other than the built-in one. docs/schema.md describes the
// format.
//
// Errors name the file, line and column of the offending node and say how to fix it:
//
//	central-asia.yaml:12:7: unknown key "aliasses" (expected label, aliases, footnote, colour)
package surveyfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// Error is one problem in a schema file.
type Error struct {
	File   string
	Line   int // 1-based; 0 when the problem concerns the whole file
	Column int // 1-based; 0 when unknown
	Msg    string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Errors is every problem found in one file, in the order of the file, one per line.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As find each *Error.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// MaxSize is the largest schema file Parse reads: the built-in survey takes 7 KB.
const MaxSize = 1 << 20

// Load reads the schema file at path. Messages name the file as path is written.
func Load(path string) (*survey.Schema, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, Errors{{File: path, Msg: "no such file: check the path given to --schema"}}
		case errors.As(err, &pe):
			return nil, Errors{{File: path, Msg: fmt.Sprintf("cannot read the schema: %v", pe.Err)}}
		}
		return nil, Errors{{File: path, Msg: fmt.Sprintf("cannot read the schema: %v", err)}}
	}
	return Parse(path, data)
}

// Parse reads a schema from data, checks it and fills in the defaults. name is the file's name
// as messages should show it. The error, if any, is of type Errors and lists every problem found.
func Parse(name string, data []byte) (s *survey.Schema, err error) {
	d := &decoder{name: name, src: data}
	defer func() {
		// The YAML parser is third-party code: should it ever panic on some input, that input
		// is still only a bad file, to be reported as such.
		if r := recover(); r != nil {
			s, err = nil, Errors{{File: name, Msg: oneLine(fmt.Sprintf("cannot read this file as YAML (%v); "+
				"check it against docs/schema.md", r))}}
		}
	}()
	if len(data) > MaxSize {
		return nil, Errors{{File: name, Msg: fmt.Sprintf("the file has %d bytes; a survey schema has a few thousand: "+
			"is it the right file?", len(data))}}
	}
	s = d.decode()
	if len(d.errs) > 0 {
		d.sort()
		return nil, d.errs
	}
	// Every check of Validate is made above with positions; this is a safety net.
	if err := s.Validate(); err != nil {
		return nil, Errors{{File: name, Msg: oneLine(err.Error())}}
	}
	return s, nil
}
