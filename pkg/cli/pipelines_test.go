package cli_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// installCommand is how both pipelines in docs/check.md install mapsurvey; the test provides
// the mapsurvey under test instead, and checks that the package named is this module's command.
const installCommand = "go install github.com/mapsurvey/mapsurvey/cmd/mapsurvey@latest"

// pipelineInDocs returns the YAML block of docs/check.md whose first line is "# name".
func pipelineInDocs(t *testing.T, name string) map[string]any {
	t.Helper()
	data, err := os.ReadFile("../../docs/check.md")
	if err != nil {
		t.Fatal(err)
	}
	start := "```yaml\n# " + name + "\n"
	i := bytes.Index(data, []byte(start))
	if i < 0 {
		t.Fatalf("docs/check.md has no block starting %q", start)
	}
	block := data[i+len("```yaml\n"):]
	block = block[:bytes.Index(block, []byte("```"))]
	var doc map[string]any
	if err := yaml.Unmarshal(block, &doc); err != nil {
		t.Fatalf("docs/check.md: %s: %v", name, err)
	}
	return doc
}

// repository lays out what both pipelines expect at the repository's root: replies/ and the
// draft's figures.yaml.
func repository(t *testing.T, figures string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "replies"), 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../testdata/sample/replies-7896-20.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "replies", "replies-7896-20.xlsx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "figures.yaml"), []byte(figures), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func noteFigures(t *testing.T) string {
	data, err := os.ReadFile("../../testdata/sample/figures-7896-20.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

const wrongFigures = "respondents: 23\nactivities: 230\npartner:\n  Kosovo*: {states: 8}\n"

// runShell runs script as a CI runner does (bash, stopping at the first command that fails) in
// dir, and returns stdout and the exit code.
func runShell(t *testing.T, dir, script string) (string, int) {
	t.Helper()
	cmd := exec.Command("bash", "-e", "-o", "pipefail", "-c", script)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return stdout.String(), 0
	case errors.As(err, &ee):
		t.Logf("%s\nexit %d, stderr:\n%s", script, ee.ExitCode(), stderr.String())
		return stdout.String(), ee.ExitCode()
	}
	t.Fatal(err)
	return "", 0
}

func checkInstall(t *testing.T, command string) {
	t.Helper()
	if command != installCommand {
		t.Fatalf("the pipeline installs mapsurvey with %q; this test knows %q", command, installCommand)
	}
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(mod, []byte("module github.com/mapsurvey/mapsurvey\n")) {
		t.Fatal("go.mod names another module than the pipelines install")
	}
	if _, err := os.Stat("../../cmd/mapsurvey/main.go"); err != nil {
		t.Fatal(err)
	}
}

func TestPipelinesInDocs(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatal("the pipelines' commands run in bash, as on the CI runners:", err)
	}
	t.Run("GitHub Actions", func(t *testing.T) {
		doc := pipelineInDocs(t, ".github/workflows/figures.yml")
		steps := doc["jobs"].(map[string]any)["check"].(map[string]any)["steps"].([]any)
		var runs []string
		for _, s := range steps {
			step := s.(map[string]any)
			run, _ := step["run"].(string)
			switch {
			case step["uses"] != nil: // checkout and setup-go: the test runs in the repository, with Go
			case step["name"] == "Install mapsurvey":
				checkInstall(t, run)
			default:
				runs = append(runs, run)
			}
		}
		if len(runs) != 1 {
			t.Fatalf("want one step that checks, got %q", runs)
		}
		// Each step is its own shell; the job stops at the first that fails.
		out, code := runShell(t, repository(t, noteFigures(t)), runs[0])
		if code != 0 || out != "" {
			t.Errorf("figures that hold: exit %d, stdout %q; want exit 0 and no annotation", code, out)
		}
		out, code = runShell(t, repository(t, wrongFigures), runs[0])
		want := "::error file=figures.yaml,line=2,title=activities::the draft says 230, the replies give 228\n" +
			"::error file=figures.yaml,line=4,title=partner/Kosovo*/states::the draft says 8, the replies give 7\n"
		if code != 3 || out != want {
			t.Errorf("figures that do not hold: exit %d, stdout\n%s\nwant exit 3 and\n%s", code, out, want)
		}
	})

	t.Run("GitLab CI", func(t *testing.T) {
		doc := pipelineInDocs(t, ".gitlab-ci.yml")
		job := doc["figures"].(map[string]any)
		var script []string
		for _, line := range job["script"].([]any) {
			if strings.HasPrefix(line.(string), "go install ") {
				checkInstall(t, line.(string))
				continue
			}
			script = append(script, line.(string))
		}
		artifacts := job["artifacts"].(map[string]any)
		if artifacts["when"] != "always" {
			t.Error("the reports must be kept when the job fails: artifacts: when: always")
		}
		reports := artifacts["reports"].(map[string]any)
		junitFile, qualityFile := reports["junit"].(string), reports["codequality"].(string)

		for _, tc := range []struct {
			name            string
			figures         string
			code            int
			tests, failures int
			qualityFindings int
		}{
			{"figures that hold", noteFigures(t), 0, 67, 0, 0},
			{"figures that do not hold", wrongFigures, 3, 3, 2, 2},
		} {
			dir := repository(t, tc.figures)
			// GitLab's shell runner stops at the first line that fails.
			if _, code := runShell(t, dir, strings.Join(script, "\n")); code != tc.code {
				t.Errorf("%s: exit %d, want %d", tc.name, code, tc.code)
			}
			var junit struct {
				Tests    int `xml:"tests,attr"`
				Failures int `xml:"failures,attr"`
				Suites   []struct {
					Cases []struct {
						File string `xml:"file,attr"`
					} `xml:"testcase"`
				} `xml:"testsuite"`
			}
			data, err := os.ReadFile(filepath.Join(dir, junitFile))
			if err != nil {
				t.Fatal(err)
			}
			if err := xml.Unmarshal(data, &junit); err != nil {
				t.Fatalf("%s: %s: %v", tc.name, junitFile, err)
			}
			if junit.Tests != tc.tests || junit.Failures != tc.failures || junit.Suites[0].Cases[0].File != "figures.yaml" {
				t.Errorf("%s: %s has %d tests, %d failures, file %q; want %d, %d, figures.yaml", tc.name, junitFile,
					junit.Tests, junit.Failures, junit.Suites[0].Cases[0].File, tc.tests, tc.failures)
			}
			var quality []struct {
				Location struct {
					Path string `json:"path"`
				} `json:"location"`
			}
			data, err = os.ReadFile(filepath.Join(dir, qualityFile))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &quality); err != nil || quality == nil {
				t.Fatalf("%s: %s is not a JSON array (%v): %s", tc.name, qualityFile, err, data)
			}
			if len(quality) != tc.qualityFindings || (len(quality) > 0 && quality[0].Location.Path != "figures.yaml") {
				t.Errorf("%s: %s: %s", tc.name, qualityFile, data)
			}
		}
	})
}
