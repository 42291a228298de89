package table

import "testing"

func TestFormulaStart(t *testing.T) {
	for s, want := range map[string]string{
		"=1+1": "=", "+cmd|' /C calc'!A0": "+", "-2+3": "-", "@SUM(A1)": "@", "\tx": "\t", "\rx": "\r",
		"  =1+1": "=", "＝1+1": "＝", "Asylum": "", "": "", "   ": "", "a=b": "", "Kosovo*": "", "<3": "",
	} {
		r, ok := FormulaStart(s)
		if got := map[bool]string{true: string(r), false: ""}[ok]; got != want {
			t.Errorf("FormulaStart(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestOnlyLabelsAreText(t *testing.T) {
	for _, k := range []Kind{Label, Count, Share, Rank, Difference} {
		if k.Numeric() == (k == Label) {
			t.Errorf("%s: Numeric() = %v", k, k.Numeric())
		}
	}
}
