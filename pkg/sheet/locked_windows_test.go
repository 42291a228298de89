package sheet

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// openShared opens path for reading and writing as another program would, letting others do
// what share allows: nothing, as Excel while it saves; reading, as Excel while a workbook is open.
func openShared(t *testing.T, path string, share uint32) {
	t.Helper()
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ|syscall.GENERIC_WRITE, share, nil, syscall.OPEN_EXISTING, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.CloseHandle(h) })
}

// A workbook another program holds without sharing gives one message that says what to do,
// for a workbook and for a CSV file. (Run under Wine in CI by .ci/wine.)
func TestLockedFile(t *testing.T) {
	// Not t.TempDir: Wine 8 lacks the call Go 1.26's RemoveAll deletes with (it answers "Invalid
	// function"); os.Remove of each file works on both.
	dir, err := os.MkdirTemp("", "locked")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(dir) })
	for _, name := range []string{"locked.xlsx", "locked.csv"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("Member State\nAustria\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Remove(path) })
		openShared(t, path, 0)
		err := Read(path, Options{}, func(Info, Rows) error { return nil })
		var se *Error
		if !errors.As(err, &se) || se.Path != path || !strings.Contains(se.Problem, "another program (Excel?) has the file open and locked") {
			t.Errorf("%s: got %v", name, err)
		}
	}
}

// A file another program has open but lets others read, as Excel does with an open workbook, is
// read as any other.
func TestFileOpenElsewhere(t *testing.T) {
	path := filepath.Join(os.TempDir(), "open-in-excel.csv")
	if err := os.WriteFile(path, []byte("Member State\nAustria\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(path) })
	openShared(t, path, syscall.FILE_SHARE_READ)
	rows := 0
	err := Read(path, Options{}, func(_ Info, r Rows) error {
		for r.Next() {
			rows++
		}
		return r.Err()
	})
	if err != nil || rows != 2 {
		t.Errorf("got %d rows, %v", rows, err)
	}
}
