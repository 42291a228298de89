package records

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// ParseNumber reads an amount as people write it: "1200", "-647", "1,200.50", "1.200,50",
// "4 954 784,93" (spaces, no-break or narrow no-break spaces between thousands), "40%". A comma
// alone is a thousands separator when exactly three digits follow each one ("1,200"), and a
// decimal comma otherwise ("784,93"). Anything else, such as "EUR 5m" or "5 million", is
// refused with a message saying what to write instead.
func ParseNumber(s string) (float64, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimSuffix(t, "%")
	t = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\'' || r == '’' {
			return -1
		}
		return r
	}, t)
	if t == "" {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	for _, r := range t {
		if !(r >= '0' && r <= '9' || r == '.' || r == ',' || r == '-' || r == '+') {
			if (unicode.IsLetter(r) || strings.ContainsRune("$€£¥", r)) && strings.ContainsAny(t, "0123456789") {
				return 0, fmt.Errorf("%q is not a number: write the amount alone, in digits, without a currency or unit (5000000, not \"EUR 5m\")", s)
			}
			return 0, fmt.Errorf("%q is not a number", s)
		}
	}
	dot, comma := strings.LastIndex(t, "."), strings.LastIndex(t, ",")
	switch {
	case dot >= 0 && comma >= 0 && comma > dot: // 1.200,50
		t = strings.ReplaceAll(t[:comma], ".", "") + "." + t[comma+1:]
	case dot >= 0 && comma >= 0: // 1,200.50
		t = strings.ReplaceAll(t[:dot], ",", "") + t[dot:]
	case comma >= 0 && thousands(t, ','):
		t = strings.ReplaceAll(t, ",", "")
	case comma >= 0 && strings.Count(t, ",") == 1: // 784,93
		t = strings.Replace(t, ",", ".", 1)
	case dot >= 0 && strings.Count(t, ".") > 1 && thousands(t, '.'): // 1.200.000
		t = strings.ReplaceAll(t, ".", "")
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return v, nil
}

// thousands says whether every sep in t is followed by exactly three digits, and the first
// group has one to three digits: "1,200", "12,345,678".
func thousands(t string, sep byte) bool {
	groups := strings.Split(strings.TrimLeft(t, "+-"), string(sep))
	if len(groups) < 2 || len(groups[0]) == 0 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}
