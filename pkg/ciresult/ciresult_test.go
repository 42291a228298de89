package ciresult

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
)

func sample() Suite {
	return Suite{Name: "drafts/figures.yaml", File: "drafts/figures.yaml", Cases: []Case{
		{Name: "respondents", Line: 1},
		{Name: "partner/Kosovo*/states", Line: 5, Failure: &Failure{Message: "the draft says 8, the replies give 7", Expected: "8", Found: "7"}},
		{Name: "area/Border management/activity_pct", Line: 7},
	}}
}

func TestJUnit(t *testing.T) {
	var buf bytes.Buffer
	if err := JUnit(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="mapsurvey check" tests="3" failures="1" errors="0">
  <testsuite name="drafts/figures.yaml" tests="3" failures="1" errors="0" skipped="0" file="drafts/figures.yaml">
    <testcase name="respondents" classname="drafts/figures.yaml" file="drafts/figures.yaml" line="1"></testcase>
    <testcase name="partner/Kosovo*/states" classname="drafts/figures.yaml" file="drafts/figures.yaml" line="5">
      <failure message="the draft says 8, the replies give 7" type="figure does not hold"><![CDATA[drafts/figures.yaml:5: partner/Kosovo*/states: the draft says 8, the replies give 7
expected: 8
found: 7
]]></failure>
    </testcase>
    <testcase name="area/Border management/activity_pct" classname="drafts/figures.yaml" file="drafts/figures.yaml" line="7"></testcase>
  </testsuite>
</testsuites>
`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// Labels are the survey's: a schema may hold any text, and the report must stay well-formed XML
// that gives it back unchanged.
func TestJUnitKeepsAnyLabel(t *testing.T) {
	name := `partner/"A & B" <x> ]]> Türkiye/states`
	s := Suite{Name: "f.yaml", File: "f.yaml", Cases: []Case{{Name: name, Line: 2,
		Failure: &Failure{Message: "says ]]> 1", Expected: "1", Found: "0"}}}}
	var buf bytes.Buffer
	if err := JUnit(&buf, s); err != nil {
		t.Fatal(err)
	}
	var doc junitSuites
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, buf.String())
	}
	c := doc.Suites[0].Cases[0]
	if c.Name != name || c.Failure == nil || !strings.Contains(c.Failure.Text, "says ]]> 1") {
		t.Errorf("read back %+v", c)
	}
}

func TestGitHub(t *testing.T) {
	s := sample()
	s.Cases = append(s.Cases, Case{Name: "type/a, b: c", Line: 9, Failure: &Failure{Message: "100% off\nnext line"}})
	var buf bytes.Buffer
	if err := GitHub(&buf, s); err != nil {
		t.Fatal(err)
	}
	want := "::error file=drafts/figures.yaml,line=5,title=partner/Kosovo*/states::the draft says 8, the replies give 7\n" +
		"::error file=drafts/figures.yaml,line=9,title=type/a%2C b%3A c::100%25 off%0Anext line\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestGitLab(t *testing.T) {
	s := sample()
	s.Cases = append(s.Cases, s.Cases[1]) // the same figure twice
	var buf bytes.Buffer
	if err := GitLab(&buf, s); err != nil {
		t.Fatal(err)
	}
	var issues []codeQualityIssue
	if err := json.Unmarshal(buf.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != 2 {
		t.Fatalf("got %d issues, want 2:\n%s", len(issues), buf.String())
	}
	got := issues[0]
	if got.Description != "partner/Kosovo*/states: the draft says 8, the replies give 7" || got.Location.Path != "drafts/figures.yaml" ||
		got.Location.Lines.Begin != 5 || got.Severity != "major" || len(got.Fingerprint) != 32 {
		t.Errorf("got %+v", got)
	}
	if issues[0].Fingerprint == issues[1].Fingerprint {
		t.Error("two findings share a fingerprint: GitLab would show one")
	}
	// The fingerprint follows the figure, not its line or values: an edit above it or a new
	// value leaves it the same finding.
	moved := sample()
	moved.Cases[1].Line, moved.Cases[1].Failure.Found = 6, "6"
	var again bytes.Buffer
	if err := GitLab(&again, moved); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(again.String(), issues[0].Fingerprint) {
		t.Errorf("the moved figure has another fingerprint:\n%s", again.String())
	}
}

func TestGitLabAllHold(t *testing.T) {
	s := sample()
	s.Cases[1].Failure = nil
	var buf bytes.Buffer
	if err := GitLab(&buf, s); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "[]\n" { // GitLab wants an array, never null
		t.Errorf("got %q", buf.String())
	}
}
