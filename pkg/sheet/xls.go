package sheet

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Old Excel 97-2003 workbooks (.xls, BIFF8 in a compound document) are converted to .xlsx by
// LibreOffice, headless, in a folder of the run's own that is removed afterwards, and the
// .xlsx is read as any workbook. docs/formats.md says why no Go library reads them here.

// SofficeVar names the variable that gives the path of LibreOffice's soffice program, when it
// is not on PATH or in its usual place.
const SofficeVar = "MAPSURVEY_SOFFICE"

// convertTimeout bounds one conversion: LibreOffice starts in a few seconds and converts a
// workbook of replies in less than one; a file it hangs on is given up.
var convertTimeout = 2 * time.Minute

// readXLS reads an .xls workbook through LibreOffice. A workbook saved as .xlsx and named .xls
// is read directly.
func readXLS(path string, opts Options, fn func(Info, Rows) error) error {
	head, err := fileHead(path, 512)
	if err != nil {
		return openError(path, err)
	}
	infilter := "" // markup: LibreOffice tells HTML from Excel 2003 XML itself
	markup := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case len(head) == 0:
		return emptyFile(path)
	case bytes.HasPrefix(head, []byte("PK")):
		return readWorkbook(path, opts, fn)
	case bytes.HasPrefix(head, oleHeader):
		// A compound document that ends early was cut short: refused with that said, before
		// LibreOffice is started.
		if !wholeCompoundFile(path) {
			return &Error{Path: path, Problem: "the .xls workbook is damaged: it ends before its last part (the file was cut short, in a download or a copy)",
				Fix: "ask for the file again, or open it in Excel and save it as .xlsx"}
		}
		// Read as Excel 97-2003 or not at all: left to guess, LibreOffice imports a compound
		// document it does not know as text, one row of garbage.
		infilter = "MS Excel 97"
	case bytes.HasPrefix(markup, []byte("<")):
		// The HTML or XML that web applications export as .xls.
	default:
		return &Error{Path: path, Problem: "not an Excel 97-2003 workbook: the file holds plain text (a CSV or tab-separated export named .xls?)",
			Fix: "rename it .csv if it is one, or open it in Excel or LibreOffice and save it as .xlsx"}
	}
	soffice := findSoffice(exec.LookPath, os.Getenv, fileExists)
	if soffice == "" {
		return &Error{Path: path, Problem: "old Excel 97-2003 workbooks (.xls) are read through LibreOffice, which is not installed here",
			Fix: "install LibreOffice (or set " + SofficeVar + " to its soffice program), or open the file in Excel or LibreOffice and save it as .xlsx"}
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	dir, err := os.MkdirTemp("", "mapsurvey-xls-")
	if err != nil {
		return &Error{Path: path, Problem: "cannot make a temporary folder to convert it in: " + err.Error(), Fix: "check the temporary folder (TMPDIR)"}
	}
	defer os.RemoveAll(dir)
	out, err := convertXLS(ctx, soffice, path, dir, infilter)
	if err != nil {
		return err
	}
	opts.Password = ""
	err = readWorkbook(out, opts, func(info Info, rows Rows) error {
		return fn(info, &renamedRows{Rows: rows, from: out, to: path})
	})
	return renamed(err, out, path)
}

// convertXLS has LibreOffice convert path to .xlsx in dir, and returns the new file's path.
func convertXLS(ctx context.Context, soffice, path, dir, infilter string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", openError(path, err)
	}
	// A copy under the file's own name (LibreOffice names the sheet of an HTML export after
	// it), in a folder of its own so that no name can collide with the profile or the output.
	if err := os.Mkdir(filepath.Join(dir, "in"), 0o700); err != nil {
		return "", openError(path, err)
	}
	in := filepath.Join(dir, "in", filepath.Base(abs))
	if err := copyFile(abs, in); err != nil {
		return "", openError(path, err)
	}
	ctx, cancel := context.WithTimeout(ctx, convertTimeout)
	defer cancel()
	profile := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "profile"))}
	if runtime.GOOS == "windows" {
		profile.Path = "/" + profile.Path
	}
	outDir := filepath.Join(dir, "out")
	args := []string{"-env:UserInstallation=" + profile.String(), "--headless", "--norestore", "--nolockcheck"}
	if infilter != "" {
		args = append(args, "--infilter="+infilter)
	}
	args = append(args, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, in)
	cmd := exec.CommandContext(ctx, soffice, args...)
	var msg bytes.Buffer
	cmd.Stdout, cmd.Stderr = &msg, &msg
	ownGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	err = cmd.Run()
	if ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return "", &Error{Path: path, Problem: "LibreOffice did not finish converting the .xls workbook within " + convertTimeout.String() + " (the file is damaged, or LibreOffice is stuck)",
				Fix: "open it in Excel or LibreOffice and save it as .xlsx"}
		}
		return "", ctx.Err()
	}
	out := filepath.Join(outDir, strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))+".xlsx")
	if _, serr := os.Stat(out); err != nil || serr != nil {
		return "", &Error{Path: path, Problem: "LibreOffice could not read it as a workbook (the file is damaged, protected by a password, or another format renamed .xls)",
			Fix: "open it in Excel or LibreOffice and save it as .xlsx"}
	}
	return out, nil
}

// wholeCompoundFile tells whether the compound document at path holds every sector its
// allocation table uses (MS-CFB: a 512-byte header, sectors of 512 or 4,096 bytes, the first
// 109 sectors of the table listed in the header). It says yes when it cannot tell.
func wholeCompoundFile(path string) bool {
	data, err := os.ReadFile(path)
	if err != nil || len(data) < 512 {
		return err != nil
	}
	shift := binary.LittleEndian.Uint16(data[30:])
	if shift != 9 && shift != 12 {
		return false
	}
	size := int64(1) << shift
	offset := func(sector uint32) int64 { return (int64(sector) + 1) * size }
	n := int64(len(data))
	used := int64(-1) // the highest sector in use
	for i := 0; i < 109; i++ {
		fat := binary.LittleEndian.Uint32(data[76+4*i:])
		if fat >= 0xFFFFFFFA {
			continue
		}
		if offset(fat)+size > n {
			return false
		}
		used = max(used, int64(fat))
		table := data[offset(fat) : offset(fat)+size]
		for j := 0; j+4 <= len(table); j += 4 {
			if next := binary.LittleEndian.Uint32(table[j:]); next != 0xFFFFFFFF {
				used = max(used, int64(i)*size/4+int64(j/4))
			}
		}
	}
	return used < 0 || offset(uint32(used))+size <= n
}

// findSoffice is LibreOffice's soffice: SofficeVar, else on PATH, else in its usual place.
func findSoffice(lookPath func(string) (string, error), getenv func(string) string, exists func(string) bool) string {
	if p := getenv(SofficeVar); p != "" {
		return p
	}
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := lookPath(name); err == nil {
			return p
		}
	}
	var usual []string
	switch runtime.GOOS {
	case "windows":
		for _, v := range []string{"ProgramFiles", "ProgramFiles(x86)"} {
			if d := getenv(v); d != "" {
				usual = append(usual, filepath.Join(d, "LibreOffice", "program", "soffice.exe"))
			}
		}
	case "darwin":
		usual = []string{"/Applications/LibreOffice.app/Contents/MacOS/soffice"}
	}
	for _, p := range usual {
		if exists(p) {
			return p
		}
	}
	return ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// fileHead is the first n bytes of the file (fewer when it is shorter).
func fileHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	k, err := f.Read(buf)
	if err != nil && k == 0 && err.Error() != "EOF" {
		return nil, err
	}
	return buf[:k], nil
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o600)
}

// renamedRows gives the converted workbook's rows with errors that name the file the user gave.
type renamedRows struct {
	Rows
	from, to string
}

func (r *renamedRows) Err() error { return renamed(r.Rows.Err(), r.from, r.to) }

// OnlyColumns passes the choice on when the converted workbook's rows take it.
func (r *renamedRows) OnlyColumns(cols []int) {
	if p, ok := r.Rows.(ColumnPicker); ok {
		p.OnlyColumns(cols)
	}
}

// renamed makes an error about the converted file name the original one.
func renamed(err error, from, to string) error {
	var se *Error
	if errors.As(err, &se) && se.Path == from {
		c := *se
		c.Path = to
		c.Problem = strings.ReplaceAll(c.Problem, ".xlsx workbook", ".xls workbook")
		c.Fix = strings.ReplaceAll(c.Fix, "save it again as .xlsx", "save it as .xlsx")
		return &c
	}
	return err
}
