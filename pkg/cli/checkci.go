package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/mapsurvey/mapsurvey/pkg/ciresult"
	"github.com/mapsurvey/mapsurvey/pkg/expect"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// Formats of check: text for people; junit, github and gitlab for CI systems (docs/check.md).
var checkFormats = []string{"text", "junit", "github", "gitlab"}

func checkFormatUsage(format, expectFile string) error {
	switch {
	case !contains(checkFormats, format):
		return usagef("--format %q: use one of %s", format, strings.Join(checkFormats, ", "))
	case format != "text" && expectFile == "":
		return usagef("--format %s reports the figures of --expect FILE: give it too", format)
	}
	return nil
}

// writeCheckCI writes the figures of the expectation file checked against a in a CI format.
// Standard output carries the report alone (junit and gitlab are files CI reads); standard
// error, which the job's log shows, has each figure that does not hold (github's annotations
// show in the log already) and the count. Any figure that does not hold makes the exit code 3,
// as in text.
func writeCheckCI(opts *CheckOptions, figures []expect.Figure, a *tally.Analysis) error {
	suite := checkSuite(filepath.ToSlash(opts.Expect), figures, a)
	var err error
	switch opts.Format {
	case "junit":
		err = ciresult.JUnit(opts.IO.Out, suite)
	case "github":
		err = ciresult.GitHub(opts.IO.Out, suite)
	case "gitlab":
		err = ciresult.GitLab(opts.IO.Out, suite)
	}
	if err != nil {
		return err
	}
	if bad := suite.Failed(); bad > 0 {
		if opts.Format != "github" {
			for _, c := range suite.Cases {
				if c.Failure != nil {
					fmt.Fprintf(opts.IO.ErrOut, "%s:%d: %s: %s\n", suite.File, c.Line, c.Name, c.Failure.Message)
				}
			}
		}
		fmt.Fprintf(opts.IO.ErrOut, "%d of %s do not hold\n", bad, plural(len(figures), "figure", "figures"))
		return &findingsError{errors: bad}
	}
	if !opts.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "all %s hold\n", plural(len(figures), "figure", "figures"))
	}
	return nil
}

// checkSuite is one test case per figure, in the file's order. The failure's message is the
// one the text output gives, without its line and figure (the test case carries them).
func checkSuite(file string, figures []expect.Figure, a *tally.Analysis) ciresult.Suite {
	suite := ciresult.Suite{Name: file, File: file, Cases: make([]ciresult.Case, len(figures))}
	for i, f := range figures {
		c := ciresult.Case{Name: f.Path, Line: f.Line}
		if bad := expect.Check([]expect.Figure{f}, a); len(bad) == 1 {
			m := bad[0]
			c.Failure = &ciresult.Failure{Message: strings.TrimPrefix(m.String(), fmt.Sprintf("line %d: %s: ", m.Line, m.Path)),
				Expected: m.Want, Found: m.Got}
		}
		suite.Cases[i] = c
	}
	return suite
}
