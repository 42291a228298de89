package table

import (
	"strings"
	"unicode/utf8"
)

// formulaStart holds the characters with which a spreadsheet program (Excel, LibreOffice,
// Google Sheets) starts a formula or a command when it opens a CSV file, with the full-width
// forms that some locales of Excel accept too.
const formulaStart = "=+-@\t\r\n＝＋－＠"

// FormulaStart returns the character that would make a spreadsheet program run text as a
// formula (=, +, -, @, a tab or a line break, after any spaces), and whether there is one.
// CSV writers escape such text (render.SafeCSV); schemas refuse it in labels.
func FormulaStart(s string) (rune, bool) {
	rest := strings.TrimLeft(s, " ")
	r, _ := utf8.DecodeRuneInString(rest)
	if rest == "" || !strings.ContainsRune(formulaStart, r) {
		return 0, false
	}
	return r, true
}
