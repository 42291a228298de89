package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/cli"
)

// readmeCommand is a command line of README.md and the output it shows ("$ mapsurvey ..."
// followed by lines), or none.
type readmeCommand struct {
	line   int
	text   string
	output []string
}

// readmeCommands finds the mapsurvey command lines in README's code blocks (indented by four
// spaces) and in its inline code. Synopses, with placeholders such as FILE|FOLDER or [flags],
// are not commands.
func readmeCommands(readme string) []readmeCommand {
	var cmds []readmeCommand
	var cur *readmeCommand // the "$ " command whose output is being read
	for i, line := range strings.Split(readme, "\n") {
		code, inBlock := strings.CutPrefix(line, "    ")
		if strings.TrimSpace(line) == "" && cur != nil {
			// A blank line inside a command's output (between two tables) does not end it: the
			// next line of text does. (Ending it here checked only the first table.)
			cur.output = append(cur.output, "")
			continue
		}
		if !inBlock || strings.TrimSpace(code) == "" {
			if cur != nil {
				for len(cur.output) > 0 && cur.output[len(cur.output)-1] == "" {
					cur.output = cur.output[:len(cur.output)-1]
				}
			}
			cur = nil
			for _, span := range inlineCode(line) {
				if strings.HasPrefix(span, "mapsurvey ") && len(strings.Fields(span)) >= 3 && !isSynopsis(span) {
					cmds = append(cmds, readmeCommand{line: i + 1, text: span})
				}
			}
			continue
		}
		shown, prompt := strings.CutPrefix(code, "$ ")
		switch {
		case prompt && strings.HasPrefix(shown, "mapsurvey "):
			cmds = append(cmds, readmeCommand{line: i + 1, text: shown})
			cur = &cmds[len(cmds)-1]
		case cur != nil:
			cur.output = append(cur.output, code)
		case strings.HasPrefix(code, "mapsurvey ") && !isSynopsis(code):
			cmds = append(cmds, readmeCommand{line: i + 1, text: code})
		}
	}
	return cmds
}

func inlineCode(line string) []string {
	parts := strings.Split(line, "`")
	var spans []string
	for i := 1; i < len(parts); i += 2 {
		spans = append(spans, parts[i])
	}
	return spans
}

func isSynopsis(cmd string) bool {
	return strings.ContainsAny(cmd, "[|") || strings.Contains(cmd, "FILE") || strings.Contains(cmd, "FOLDER") ||
		strings.Contains(cmd, "OLD NEW")
}

// splitCommand splits a README command into arguments, a file its stdout is redirected to, and
// drops a trailing "# comment". Double quotes group words.
func splitCommand(t *testing.T, cmd string) (args []string, redirect string) {
	t.Helper()
	var words []string
	var word strings.Builder
	quoted, inWord := false, false
	for _, r := range cmd {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		case r == '#' && !quoted && !inWord:
			return argsAndRedirect(t, cmd, words)
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, word.String())
	}
	return argsAndRedirect(t, cmd, words)
}

// argsAndRedirect takes "mapsurvey" off the words and a trailing "> FILE"; anything else a shell
// would read is refused, so that README cannot hold a command the test runs differently.
func argsAndRedirect(t *testing.T, cmd string, words []string) (args []string, redirect string) {
	t.Helper()
	args = words[1:]
	if n := len(args); n >= 2 && args[n-2] == ">" {
		args, redirect = args[:n-2], args[n-1]
	}
	for _, w := range args {
		if strings.ContainsAny(w, "<>|;&$`") {
			t.Fatalf("README command %q: only `> FILE` is understood, not %q", cmd, w)
		}
	}
	return args, redirect
}

// TestReadmeCommands runs every mapsurvey command README.md shows, from a folder that holds what
// a clean clone holds (the repository's testdata and docs), so that no example names a file the
// repository does not ship. A command shown with its output must print those lines, in that
// order ("..." stands for lines left out); one shown without must succeed.
func TestReadmeCommands(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	cmds := readmeCommands(string(readme))
	if len(cmds) < 15 {
		t.Fatalf("found %d commands in README.md; the parser must have lost some", len(cmds))
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	for _, dir := range []string{"testdata", "docs"} {
		if err := os.Symlink(filepath.Join(repo, dir), filepath.Join(work, dir)); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(work)
	for _, c := range cmds {
		args, redirect := splitCommand(t, c.text)
		if testing.Short() && (args[0] == "report" || contains(args, "--charts")) {
			t.Logf("README.md:%d: skipped with -short (draws charts): %s", c.line, c.text)
			continue
		}
		t.Logf("README.md:%d: %s", c.line, c.text)
		var out, fileOut bytes.Buffer
		stdout := &out
		if redirect != "" {
			stdout = &fileOut
		}
		// One buffer for both streams, as a terminal shows them.
		code := cli.Run(args, cli.IOStreams{In: strings.NewReader(""), Out: stdout, ErrOut: &out})
		if redirect != "" {
			if err := os.WriteFile(redirect, fileOut.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if len(c.output) == 0 {
			if code != cli.ExitOK {
				t.Errorf("README.md:%d: %s: exit %d:\n%s", c.line, c.text, code, out.String())
			}
			continue
		}
		if missing := notShown(c.output, out.String()); missing != "" {
			t.Errorf("README.md:%d: %s: the output README shows is not what the command prints: no line\n  %s\nin order; it prints:\n%s",
				c.line, c.text, missing, out.String())
		}
	}
}

// notShown returns the first line of shown that output does not have, in order; "" if all are.
func notShown(shown []string, output string) string {
	lines := strings.Split(output, "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	at := 0
	for _, want := range shown {
		if strings.Contains(want, "...") || want == "" {
			continue // elided, or a blank line between parts
		}
		for at < len(lines) && lines[at] != want {
			at++
		}
		if at == len(lines) {
			return want
		}
		at++
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestReadmeParser(t *testing.T) {
	got := readmeCommands("text `mapsurvey schema > s.yaml` and `mapsurvey analyse`\n\n" +
		"    mapsurvey analyse FILE|FOLDER... [flags]\n" +
		"    mapsurvey analyse a.csv --format json > f.json   # a comment\n\n" +
		"    $ mapsurvey check a.csv\n    all hold\n    ...\n\nprose\n")
	if len(got) != 3 || got[0].text != "mapsurvey schema > s.yaml" || got[1].text != "mapsurvey analyse a.csv --format json > f.json   # a comment" ||
		got[2].text != "mapsurvey check a.csv" || strings.Join(got[2].output, "|") != "all hold|..." {
		t.Fatalf("readmeCommands = %+v", got)
	}
	args, redirect := splitCommand(t, got[1].text)
	if strings.Join(args, "|") != "analyse|a.csv|--format|json" || redirect != "f.json" {
		t.Errorf("splitCommand = %q > %q", args, redirect)
	}
	args, _ = splitCommand(t, `mapsurvey template -o q.xlsx --period "2019 to 2021"`)
	if strings.Join(args, "|") != "template|-o|q.xlsx|--period|2019 to 2021" {
		t.Errorf("splitCommand with quotes = %q", args)
	}
	if m := notShown([]string{"b", "...", "d"}, "a\nb\nc\nd  \n"); m != "" {
		t.Errorf("notShown: %q", m)
	}
	if m := notShown([]string{"d", "b"}, "a\nb\nc\nd\n"); m != "b" {
		t.Errorf("notShown out of order: %q, want b", m)
	}
}
