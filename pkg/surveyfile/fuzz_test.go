package surveyfile

import (
	"reflect"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// FuzzParse checks that Parse never panics, that it returns either a valid schema or an error
// every line of which names the file, and that what it accepts survives Marshal and Parse again.
// The seed corpus is in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	builtin, err := Marshal(survey.Builtin())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(builtin)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.yaml", data)
		if err != nil {
			if s != nil {
				t.Fatalf("both a schema and an error: %v", err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "fuzz.yaml:") {
					t.Fatalf("error line does not start with the file name: %q", line)
				}
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("Parse accepted an invalid schema: %v", err)
		}
		out, err := Marshal(s)
		if err != nil {
			t.Fatalf("Marshal of a parsed schema: %v", err)
		}
		again, err := Parse("again.yaml", out)
		if err != nil {
			t.Fatalf("Parse(Marshal(s)): %v\n%s", err, out)
		}
		if !reflect.DeepEqual(again, s) {
			t.Fatalf("Parse(Marshal(s)) differs from s:\n got %#v\nwant %#v\n%s", again, s, out)
		}
	})
}
