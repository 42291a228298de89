package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

func TestMarkdownEscapesHTMLAndLinks(t *testing.T) {
	a, s := hostile(t)
	s.Columns[survey.Type].Values[0].Label = "[click](javascript:alert(1))"
	var buf bytes.Buffer
	if err := render.Markdown(&buf, render.Tables(a, s, render.Options{SuppressBelow: 3})); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "<img") || strings.Contains(strings.ReplaceAll(out, `\]`, ""), "](javascript") {
		t.Errorf("Markdown keeps raw HTML or a link:\n%s", out)
	}
	for _, want := range []string{`&lt;img src=x onerror=alert(1)>`, `\[click\](javascript:alert(1))`, " <3 |"} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, out)
		}
	}
}
