package contract_test

import (
	"bytes"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/contract"
)

// TestDocsDescribeEveryField: docs/json.md is where scripts learn the contracts; a field added
// to a document without a line there fails here.
func TestDocsDescribeEveryField(t *testing.T) {
	data, err := os.ReadFile("../../docs/json.md")
	if err != nil {
		t.Fatal(err)
	}
	docs := string(data)
	for _, doc := range []struct {
		id string
		v  any
	}{{contract.AnalysisID, contract.Analysis{}}, {contract.CrossTabID, contract.CrossTab{}}, {contract.ComparisonID, contract.Comparison{}}, {contract.FindingsID, contract.Findings{}}} {
		if !strings.Contains(docs, "`"+doc.id+"`") {
			t.Errorf("docs/json.md does not name %s", doc.id)
		}
		section := sectionOf(docs, doc.id)
		for _, f := range fields(reflect.TypeOf(doc.v)) {
			if !regexp.MustCompile("`\\.?" + regexp.QuoteMeta(f) + "`").MatchString(section) {
				t.Errorf("docs/json.md, section %s, does not describe field %q", doc.id, f)
			}
		}
	}
}

// sectionOf is the part of docs that follows the heading naming id, up to the next heading.
func sectionOf(docs, id string) string {
	i := strings.Index(docs, "## ")
	for i >= 0 {
		rest := docs[i+3:]
		end := strings.Index(rest, "\n## ")
		if end < 0 {
			end = len(rest)
		}
		if head, _, _ := strings.Cut(rest, "\n"); strings.Contains(head, id) {
			return rest[:end]
		}
		if next := strings.Index(rest, "\n## "); next >= 0 {
			i += 3 + next + 1
		} else {
			i = -1
		}
	}
	return ""
}

// fields lists the JSON names of t's fields and of the structs they hold, recursively.
func fields(t reflect.Type) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		out = append(out, name)
		out = append(out, fields(f.Type)...)
	}
	return out
}

func TestWriteKeepsMarkupAndEndsWithNewline(t *testing.T) {
	var buf bytes.Buffer
	if err := contract.Write(&buf, map[string]string{"b": "<&>", "a": "x"}); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "{\n  \"a\": \"x\",\n  \"b\": \"<&>\"\n}\n"; got != want {
		t.Errorf("Write: %q, want %q", got, want)
	}
}
