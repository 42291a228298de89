package records

import (
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"1200", 1200}, {"-647", -647}, {"1,200.50", 1200.5}, {"1.200,50", 1200.5},
		{"4 954 784,93", 4954784.93}, {"4\u00a0954\u00a0784,93", 4954784.93}, {"4\u202f954", 4954},
		{"1,200", 1200}, {"12,345,678", 12345678}, {"784,93", 784.93}, {"0,5", 0.5},
		{"1.200.000", 1200000}, {"40%", 40}, {" 76115150 ", 76115150}, {"1'200", 1200},
	} {
		got, err := ParseNumber(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for in, msg := range map[string]string{
		"EUR 5m": "without a currency", "5 million": "without a currency", "$100": "without a currency",
		"": "not a number", "1-2": "not a number", "n/a": "not a number", "--": "not a number",
	} {
		if _, err := ParseNumber(in); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseNumber(%q): error %v, want one saying %q", in, err, msg)
		}
	}
}

func TestFold(t *testing.T) {
	for a, b := range map[string]string{
		"SEGOU": "Ségou", "Menaka": "Ménaka", "Nusaned ": "nusaned", "Nusaned + CARE": "Nusaned  + Care",
		"ECHO – ETRRM": "ECHO - ETRRM", "Tselemti/ West Telemt": "Tselemti/West Telemt",
	} {
		if Fold(a) != Fold(b) {
			t.Errorf("Fold(%q) = %q, Fold(%q) = %q", a, Fold(a), b, Fold(b))
		}
	}
	if Fold("Sour") == Fold("Saida") {
		t.Error("different labels fold alike")
	}
}

func TestSplitValues(t *testing.T) {
	for in, want := range map[string]string{
		"A;B": "A|B", "A; A ;B": "A|B", "Sierra Leone;Sierra Leone": "Sierra Leone", "A\nB": "A|B", "  x  ": "x", "": "",
	} {
		got, only := splitValues(in)
		if strings.Join(got, "|") != want || only {
			t.Errorf("splitValues(%q) = %q, %v", in, got, only)
		}
	}
	for _, in := range []string{";", ";;", " ; "} {
		if got, only := splitValues(in); len(got) != 0 || !only {
			t.Errorf("splitValues(%q) = %q, %v: separators only", in, got, only)
		}
	}
}
