package cli

import (
	"os"

	"golang.org/x/sys/windows"
)

// consoleTakesEscapes tells whether f is a console that moves the cursor on escape codes, as
// the progress line needs ("\r\033[K"). Windows 10 and later do once asked to
// (ENABLE_VIRTUAL_TERMINAL_PROCESSING); an older console, or one that refuses, would print
// them as "←[K", so mapsurvey draws no progress there. restore gives the console back its mode
// at exit, as the user's other programs expect it.
//
// Labels need nothing of the kind: Go writes to a console with WriteConsoleW, in UTF-16, so
// "Türkiye" and "Ménaka" show as such whatever the console's code page. mapsurvey leaves the
// code page alone (SetConsoleOutputCP would outlive it in the user's window); bytes sent to a
// pipe or file are UTF-8, and docs/install.md says how PowerShell reads them.
func consoleTakesEscapes(f *os.File) (ok bool, restore func()) {
	h := windows.Handle(f.Fd())
	var mode uint32
	if err := windows.GetConsoleMode(h, &mode); err != nil {
		return false, func() {} // not a console: no progress is drawn into a pipe or file anyway
	}
	if mode&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 {
		return true, func() {}
	}
	if err := windows.SetConsoleMode(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING); err != nil {
		return false, func() {}
	}
	return true, func() { _ = windows.SetConsoleMode(h, mode) }
}
