// Package ciresult writes the result of a check in the forms CI systems display: JUnit XML
// (shown as test results by GitLab, Jenkins, Azure DevOps and GitHub actions that read it),
// GitHub Actions workflow commands (shown as annotations on the file and line), and GitLab's
// Code Quality report (shown in merge requests). It knows nothing of figures: a Suite is a file
// of checks, each passed or failed with what was expected and what was found.
package ciresult

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Suite is one file of checks, in the file's order.
type Suite struct {
	Name  string // "figures.yaml", as the user named it (forward slashes)
	File  string // the path CI systems link to, relative to the repository's root, forward slashes
	Cases []Case
}

// Case is one check.
type Case struct {
	Name    string // "partner/Kosovo*/states"
	Line    int    // the line of the check in File
	Failure *Failure
}

// Failure says why a check does not hold.
type Failure struct {
	Message  string // one line a person reads: "the draft says 8, the replies give 7"
	Expected string
	Found    string
}

// Failed counts the checks that do not hold.
func (s Suite) Failed() int {
	n := 0
	for _, c := range s.Cases {
		if c.Failure != nil {
			n++
		}
	}
	return n
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	File     string      `xml:"file,attr,omitempty"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

// JUnit writes the suite as a JUnit XML report: one test case per check, named by the check
// and classed by its file, with the file and line as attributes (GitLab links them) and, for a
// failure, the message, the expected and the found value. No times or host names: the same
// result gives the same bytes.
func JUnit(w io.Writer, s Suite) error {
	suite := junitSuite{Name: s.Name, Tests: len(s.Cases), Failures: s.Failed(), File: s.File, Cases: make([]junitCase, len(s.Cases))}
	for i, c := range s.Cases {
		jc := junitCase{Name: c.Name, Classname: s.Name, File: s.File, Line: c.Line}
		if f := c.Failure; f != nil {
			jc.Failure = &junitFailure{Message: f.Message, Type: "figure does not hold",
				Text: fmt.Sprintf("%s:%d: %s: %s\nexpected: %s\nfound: %s\n", s.File, c.Line, c.Name, f.Message, f.Expected, f.Found)}
		}
		suite.Cases[i] = jc
	}
	doc := junitSuites{Name: "mapsurvey check", Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// GitHub writes one workflow command per failed check, which GitHub Actions shows as an error
// annotation on the file and line (in the job's summary and, for a pull request, in its diff).
func GitHub(w io.Writer, s Suite) error {
	for _, c := range s.Cases {
		if c.Failure == nil {
			continue
		}
		_, err := fmt.Fprintf(w, "::error file=%s,line=%d,title=%s::%s\n", githubProperty(s.File), c.Line,
			githubProperty(c.Name), githubData(c.Failure.Message))
		if err != nil {
			return err
		}
	}
	return nil
}

// githubData escapes a command's message as the GitHub runner unescapes it.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a command's property value, where ":" and "," also end the value.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

type codeQualityIssue struct {
	Description string              `json:"description"`
	CheckName   string              `json:"check_name"`
	Fingerprint string              `json:"fingerprint"`
	Severity    string              `json:"severity"`
	Location    codeQualityLocation `json:"location"`
}

type codeQualityLocation struct {
	Path  string           `json:"path"`
	Lines codeQualityLines `json:"lines"`
}

type codeQualityLines struct {
	Begin int `json:"begin"`
}

// GitLab writes the failed checks as a GitLab Code Quality report (a JSON array; an empty one
// when every check holds), which a merge request shows beside the lines it changed. The
// fingerprint names the check, not its line or values, so that GitLab sees a figure that
// still fails after an edit as the same finding, and one that holds again as resolved.
func GitLab(w io.Writer, s Suite) error {
	issues := []codeQualityIssue{}
	seen := map[string]int{}
	for _, c := range s.Cases {
		if c.Failure == nil {
			continue
		}
		key := s.File + "\x00" + c.Name
		seen[key]++
		if n := seen[key]; n > 1 { // the same figure written twice: each its own finding
			key += "\x00" + strconv.Itoa(n)
		}
		sum := sha256.Sum256([]byte(key))
		issues = append(issues, codeQualityIssue{
			Description: c.Name + ": " + c.Failure.Message,
			CheckName:   "mapsurvey-figure",
			Fingerprint: hex.EncodeToString(sum[:16]),
			Severity:    "major",
			Location:    codeQualityLocation{Path: s.File, Lines: codeQualityLines{Begin: c.Line}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}
