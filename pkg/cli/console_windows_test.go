package cli

import (
	"os"
	"testing"

	"golang.org/x/sys/windows"
)

// Under a console (CI runs it so under Wine, .ci/wine), escape codes are switched on for the
// run and the console's mode is given back after; into a pipe or file, no progress is drawn.
func TestConsoleTakesEscapes(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if ok, _ := consoleTakesEscapes(w); ok {
		t.Error("a pipe takes escape codes?")
	}

	console, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		t.Fatalf("no console (run this test in one): %v", err)
	}
	defer console.Close()
	h := windows.Handle(console.Fd())
	var before uint32
	if err := windows.GetConsoleMode(h, &before); err != nil {
		t.Fatal(err)
	}
	if err := windows.SetConsoleMode(h, before&^windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING); err != nil {
		t.Fatal(err)
	}
	ok, restore := consoleTakesEscapes(console)
	var during uint32
	windows.GetConsoleMode(h, &during)
	restore()
	var after uint32
	windows.GetConsoleMode(h, &after)
	t.Logf("console mode before %#x, during %#x, after %#x; takes escapes: %v", before&^windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING, during, after, ok)
	if ok != (during&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0) {
		t.Errorf("says %v, but the mode during the run is %#x", ok, during)
	}
	if after != before&^windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING {
		t.Errorf("mode after %#x, want it back to %#x", after, before&^windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING)
	}
}
