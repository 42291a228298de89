package chartdraw

import "testing"

// TestToCP1252: PDF text is set in code page 1252, as gonum's PDF canvas embeds its fonts.
func TestToCP1252(t *testing.T) {
	for in, want := range map[string]string{
		"Asylum":               "Asylum",
		"Ségou":                "S\xe9gou",
		"Telecommunicati…":     "Telecommunicati\x85",
		"Côte d’Ivoire":        "C\xf4te d\x92Ivoire",
		"Ménaka – Kidal":       "M\xe9naka \x96 Kidal",
		"北京":                   "??",
		"Kosovo* (UNSCR 1244)": "Kosovo* (UNSCR 1244)",
	} {
		if got := toCP1252(in); got != want {
			t.Errorf("toCP1252(%q) = %q, want %q", in, got, want)
		}
	}
}
