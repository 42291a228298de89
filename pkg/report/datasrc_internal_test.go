package report

import (
	"html/template"
	"strings"
	"testing"
)

// TestDataSrcIsWhatTemplateWrites: the image attribute written directly is byte for byte what
// html/template writes for the same data URL, for bytes whose base64 has every character.
func TestDataSrcIsWhatTemplateWrites(t *testing.T) {
	data := make([]byte, 3*256)
	for i := range data {
		data[i] = byte(i * 7)
	}
	tmpl := template.Must(template.New("").Parse(`<img src="{{.}}">`))
	for _, mime := range []string{"image/png", "image/svg+xml"} {
		var want, got strings.Builder
		url := string(dataSrc(mime, data))
		raw := strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(url, `src="`), `"`), "&#43;", "+")
		if err := tmpl.Execute(&want, template.URL(raw)); err != nil {
			t.Fatal(err)
		}
		got.WriteString("<img " + url + ">")
		if got.String() != want.String() {
			t.Errorf("%s: wrote\n%.200s\nhtml/template writes\n%.200s", mime, got.String(), want.String())
		}
	}
}
