package officetest

import (
	"errors"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	found := func(string) (string, error) { return "/usr/bin/soffice", nil }
	missing := func(string) (string, error) { return "", errors.New("not found") }
	env := func(v string) func(string) string {
		return func(name string) string {
			if name == RequireVar {
				return v
			}
			return ""
		}
	}
	for _, tc := range []struct {
		name         string
		lookPath     func(string) (string, error)
		require      string
		wantPath     string
		wantRequired bool
		wantProblem  string // a part of the message
	}{
		{"on PATH", found, "", "/usr/bin/soffice", false, ""},
		{"on PATH, required", found, "1", "/usr/bin/soffice", false, ""},
		{"missing: skip", missing, "", "", false, "set MAPSURVEY_REQUIRE_TOOLS=1 to make its absence a failure"},
		{"missing, required: fail", missing, "1", "", true, "MAPSURVEY_REQUIRE_TOOLS=1 requires it"},
		{"missing, other value: skip", missing, "yes", "", false, "skipped: LibreOffice (soffice) is not on PATH"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, problem, required := find(tc.lookPath, env(tc.require))
			if path != tc.wantPath || required != tc.wantRequired {
				t.Errorf("find = %q, required %v; want %q, %v", path, required, tc.wantPath, tc.wantRequired)
			}
			if tc.wantProblem == "" && problem != "" || !strings.Contains(problem, tc.wantProblem) {
				t.Errorf("problem = %q, want it to contain %q", problem, tc.wantProblem)
			}
		})
	}
}

func TestComplaints(t *testing.T) {
	out := "javaldx: Could not find a Java Runtime Environment!\nconvert /tmp/a.xlsx -> /tmp/a.csv using filter\nGeneral Error: the file is corrupt and will be repaired\n"
	got := complaints(out)
	if len(got) != 1 || !strings.HasPrefix(got[0], "General Error") {
		t.Errorf("complaints = %q, want the General Error line only", got)
	}
}
