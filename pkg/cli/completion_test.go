package cli_test

import (
	"bytes"
	"github.com/mapsurvey/mapsurvey/pkg/internal/officetest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/cli"
	"github.com/mapsurvey/mapsurvey/pkg/workbook"
)

// complete asks cobra's hidden __complete command, as every shell's script does, and returns
// the candidates and the directive line (":4" no file completion, ":8" files by extension...).
func complete(t *testing.T, dir string, args ...string) (string, string) {
	t.Helper()
	if dir != "" {
		t.Chdir(dir)
	}
	var out, errOut bytes.Buffer
	if code := cli.Run(append([]string{"__complete"}, args...), cli.IOStreams{Out: &out, ErrOut: &errOut}); code != 0 {
		t.Fatalf("__complete %q: exit %d: %s", args, code, errOut.String())
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	return strings.Join(lines[:len(lines)-1], " "), lines[len(lines)-1]
}

// sheetsWorkbook is a workbook with a hidden sheet and a sheet name with a space and an accent.
func sheetsWorkbook(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "replies.xlsx")
	rows := [][]string{{"Member State", "Partner", "Area", "Type of support"}}
	err := workbook.Write(path, []workbook.Sheet{{Name: "Replies", Rows: rows}, {Name: "Réponses 2", Rows: rows},
		{Name: "Lists", Rows: rows, Hidden: true}})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCompletionOfFlagValues(t *testing.T) {
	dir := t.TempDir()
	sheetsWorkbook(t, dir)
	if err := os.Mkdir(filepath.Join(dir, "round2"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(sheetsWorkbook(t, filepath.Join(dir, "round2")), filepath.Join(dir, "round2", "b.xlsx")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args            []string
		want, directive string
	}{
		{[]string{"analyse", "x.xlsx", "--format", ""}, "table markdown csv json", ":4"},
		{[]string{"analyse", "x.xlsx", "-f", "m"}, "markdown", ":4"},
		{[]string{"validate", "x.xlsx", "--format", ""}, "text json", ":4"},
		{[]string{"check", "x.xlsx", "--format", "j"}, "junit", ":4"},
		{[]string{"compare", "a", "b", "--format", "c"}, "csv", ":4"},
		// report takes a comma-separated list: offer the formats not given yet, after those given.
		{[]string{"report", "x.xlsx", "--format", "md,"}, "md,html md,xlsx md,docx", ":6"},
		{[]string{"report", "x.xlsx", "--chart-format", ""}, "png svg pdf", ":4"},
		{[]string{"analyse", "x.xlsx", "--order", "s"}, "size survey", ":4"},
		// Sheets of the workbook named before --sheet, hidden ones too, in workbook order.
		{[]string{"analyse", "replies.xlsx", "--sheet", ""}, "Replies Réponses 2 Lists", ":4"},
		{[]string{"validate", "replies.xlsx", "--sheet", "r"}, "Replies Réponses 2", ":4"},
		{[]string{"analyse", "round2", "--sheet", "L"}, "Lists", ":4"},
		{[]string{"analyse", "replies.csv", "--sheet", ""}, "", ":4"},
		{[]string{"analyse", "replies.xlsx", "--schema", ""}, "yaml yml", ":8"},
		{[]string{"check", "replies.xlsx", "--expect", ""}, "yaml yml", ":8"},
		{[]string{"analyse", ""}, "xlsx xlsm ods xls docx csv", ":8"},
		{[]string{"report", "replies.xlsx", "-o", ""}, "", ":16"},
		{[]string{"template", "-o", ""}, "xlsx docx", ":8"},
		{[]string{"completion", ""}, "bash zsh fish powershell", ":4"},
	}
	for _, tt := range tests {
		got, directive := complete(t, dir, tt.args...)
		if got != tt.want || directive != tt.directive {
			t.Errorf("%q: got %q %s, want %q %s", tt.args, got, directive, tt.want, tt.directive)
		}
	}
}

// TestCompletedFormatsAreAccepted runs each command with each --format value completion offers:
// none may be refused, so that the lists cannot drift from what the commands check.
func TestCompletedFormatsAreAccepted(t *testing.T) {
	for _, command := range []string{"analyse", "validate", "check", "compare", "report"} {
		values, _ := complete(t, "", command, "x", "--format", "")
		if values == "" {
			t.Fatalf("%s: no format offered", command)
		}
		for _, v := range append(strings.Fields(values), "bogus") {
			args := []string{command, "missing.xlsx", "--format", v}
			switch command {
			case "compare":
				args = append(args, "missing.xlsx")
			case "check":
				args = append(args, "--expect", "f.yaml")
			case "report":
				args = append(args, "-o", t.TempDir())
			}
			var errOut bytes.Buffer
			cli.Run(args, cli.IOStreams{Out: &bytes.Buffer{}, ErrOut: &errOut})
			refused := strings.Contains(errOut.String(), "--format")
			if refused != (v == "bogus") {
				t.Errorf("%s --format %s: %s", command, v, errOut.String())
			}
		}
	}
}

// Every command's flag that takes a known kind of value has a completion.
func TestEveryValueFlagCompletes(t *testing.T) {
	root := cli.NewRootCmd(cli.IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}})
	n := 0
	for _, cmd := range root.Commands() {
		for _, flag := range []string{"format", "chart-format", "order", "sheet", "schema", "expect", "out"} {
			if cmd.Flags().Lookup(flag) == nil {
				continue
			}
			n++
			if fn, ok := cmd.GetFlagCompletionFunc(flag); !ok || fn == nil {
				t.Errorf("%s --%s has no completion", cmd.Name(), flag)
			}
		}
	}
	if n < 15 {
		t.Errorf("only %d flags found: the command tree changed?", n)
	}
}

func TestCompletionScripts(t *testing.T) {
	for shell, marker := range map[string]string{"bash": "__start_mapsurvey", "zsh": "#compdef mapsurvey",
		"fish": "complete -c mapsurvey", "powershell": "Register-ArgumentCompleter"} {
		var out bytes.Buffer
		if code := cli.Run([]string{"completion", shell}, cli.IOStreams{Out: &out, ErrOut: &bytes.Buffer{}}); code != 0 {
			t.Fatalf("completion %s: exit %d", shell, code)
		}
		if !strings.Contains(out.String(), marker) {
			t.Errorf("completion %s has no %q", shell, marker)
		}
	}
	var errOut bytes.Buffer
	if code := cli.Run([]string{"completion", "cmd"}, cli.IOStreams{Out: &bytes.Buffer{}, ErrOut: &errOut}); code != cli.ExitUsage ||
		!strings.Contains(errOut.String(), `invalid argument "cmd"`) {
		t.Errorf("completion cmd: exit %d: %s", code, errOut.String())
	}
}

// TestCompletionInBash sources the bash script in a real bash and presses Tab the way bash
// does (COMP_WORDS, COMP_CWORD, then the completion function), with the mapsurvey under test on
// PATH: the whole chain from the script to the sheet names of a real workbook.
func TestCompletionInBash(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatal("bash is needed:", err)
	}
	// Cobra's script uses the bash-completion package's functions, as every Linux distribution's
	// bash does; .ci/run installs it.
	if _, err := os.Stat("/usr/share/bash-completion/bash_completion"); err != nil {
		officetest.Need(t, "the bash-completion package is not installed (apt-get install bash-completion)")
	}
	dir := t.TempDir()
	sheetsWorkbook(t, dir)
	for _, tt := range []struct{ line, want string }{
		// Several candidates are listed as they are; one is inserted escaped for the shell.
		{"mapsurvey analyse replies.xlsx --sheet ", "Replies\nRéponses 2\nLists\n"},
		{"mapsurvey analyse replies.xlsx --sheet Ré", "Réponses\\ 2\n"},
		{"mapsurvey check replies.xlsx --format ju", "junit\n"},
		{"mapsurvey ana", "analyse\n"},
	} {
		script := `source /usr/share/bash-completion/bash_completion
source <(mapsurvey completion bash)
COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<< "$COMP_LINE"; [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
__start_mapsurvey mapsurvey "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"`
		cmd := exec.Command("bash", "-c", script, "bash", tt.line)
		cmd.Dir = dir
		// stderr has compopt's complaint that no real Tab is being handled; stdout the candidates.
		out, err := cmd.Output()
		if err != nil || string(out) != tt.want {
			t.Errorf("%q then Tab: %v\n%s\nwant\n%s", tt.line, err, out, tt.want)
		}
	}
}
