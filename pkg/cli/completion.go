package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mapsurvey/mapsurvey/pkg/chartdraw"
	"github.com/mapsurvey/mapsurvey/pkg/layout"
	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// NewCmdCompletion builds the completion command: cobra's generators, with help that says
// where each shell wants the script.
func NewCmdCompletion(io IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the script that lets your shell complete mapsurvey's commands, flags and values",
		Long: `Prints a script that makes the Tab key complete mapsurvey's commands and flags, and the
values of --format, --chart-format and --order, the sheet names of the workbook you named for
--sheet, and schema and expectation files (.yaml) for --schema and --expect.

PowerShell (Windows), for this window:
  mapsurvey completion powershell | Out-String | Invoke-Expression
and for every window, add that line to your profile (notepad $PROFILE).

Bash (with the bash-completion package, which Linux distributions install), for this shell:
  source <(mapsurvey completion bash)
and for every shell:
  mapsurvey completion bash > ~/.local/share/bash-completion/completions/mapsurvey

Zsh (macOS), for every shell:
  mapsurvey completion zsh > "${fpath[1]}/_mapsurvey"    (then open a new shell)

Fish:
  mapsurvey completion fish > ~/.config/fish/completions/mapsurvey.fish`,
		ValidArgs: []string{"bash", "zsh", "fish", "powershell"},
		Args:      cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			root, out := cmd.Root(), io.Out
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, true)
			case "zsh":
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, true)
			default:
				return root.GenPowerShellCompletionWithDesc(out)
			}
		},
	}
}

// addCompletion adds the completion command and tells the shell how to complete the flags of
// every command: values from the lists each command accepts, sheets from the workbooks named
// on the command line, and files by extension.
func addCompletion(root *cobra.Command, io IOStreams) {
	root.AddCommand(NewCmdCompletion(io))
	// The lists the commands check their flags against, so that completion offers exactly those.
	formats := map[string][]string{
		"analyse":  analyseFormats,
		"compare":  analyseFormats,
		"report":   reportFormats,
		"validate": {"text", "json"},
		"check":    checkFormats,
		"template": {"xlsx", "docx"},
		"cells":    cellsFormats,
	}
	for _, cmd := range root.Commands() {
		if cmd.Name() == "completion" || cmd.Name() == "help" {
			continue
		}
		if strings.Contains(cmd.Use, "FILE|FOLDER") && cmd.ValidArgsFunction == nil {
			cmd.ValidArgsFunction = completeFiles("xlsx", "xlsm", "ods", "xls", "docx", "csv")
		}
		complete := func(flag string, fn cobra.CompletionFunc) {
			if cmd.Flags().Lookup(flag) != nil {
				_ = cmd.RegisterFlagCompletionFunc(flag, fn) // fails only when registered twice
			}
		}
		if list, ok := formats[cmd.Name()]; ok {
			if cmd.Name() == "report" {
				complete("format", completeCommaList(list))
			} else {
				complete("format", completeValues(list))
			}
		}
		complete("chart-format", completeValues(chartdraw.Formats))
		complete("order", completeValues([]string{"size", "survey"}))
		complete("layout", completeValues(layout.Modes))
		complete("sheet", completeSheets)
		complete("schema", completeFiles("yaml", "yml"))
		complete("check", completeFiles("yaml", "yml"))
		complete("expect", completeFiles("yaml", "yml"))
		complete("write-expect", completeFiles("yaml", "yml"))
		complete("old", completeFiles("xlsx", "csv"))
		complete("new", completeFiles("xlsx", "csv"))
		complete("charts", completeDirs)
		complete("password", cobra.NoFileCompletions)
		complete("columns", cobra.NoFileCompletions)
		complete("reader", completeValues(cellsReaders))
		complete("range", cobra.NoFileCompletions)
		if cmd.Name() == "template" {
			complete("out", completeFiles("xlsx", "docx"))
		} else {
			complete("out", completeDirs)
		}
	}
}

// completeValues offers the values of list that start with what was typed.
func completeValues(list []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var out []cobra.Completion
		for _, v := range list {
			if strings.HasPrefix(v, toComplete) {
				out = append(out, v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func completeFiles(exts ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return exts, cobra.ShellCompDirectiveFilterFileExt
	}
}

func completeDirs(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}

// completeCommaList completes one more item of a comma-separated list (report's --format md,html).
func completeCommaList(list []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		done, last := "", toComplete
		if i := strings.LastIndex(toComplete, ","); i >= 0 {
			done, last = toComplete[:i+1], toComplete[i+1:]
		}
		given := strings.Split(done, ",")
		var out []cobra.Completion
		for _, item := range list {
			if strings.HasPrefix(item, last) && !contains(given, item) {
				out = append(out, done+item)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// completeSheets offers the sheet names of the workbooks named so far on the command line (and
// of those in a folder named), in workbook order. It reads only each workbook's list of sheets,
// through the fast reader, so that Tab answers at once even for a workbook of a million rows;
// excelize, which inflates the whole workbook, only where the fast reader cannot open it.
func completeSheets(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var names []string
	seen := map[string]bool{}
	for _, path := range workbooksIn(args) {
		for _, name := range sheetNames(path) {
			if !seen[name] && strings.HasPrefix(strings.ToLower(name), strings.ToLower(toComplete)) {
				seen[name] = true
				names = append(names, name)
			}
		}
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}

func workbooksIn(args []string) []string {
	var out []string
	for _, arg := range args {
		if st, err := os.Stat(arg); err == nil && st.IsDir() {
			entries, _ := os.ReadDir(arg)
			var inDir []string
			for _, e := range entries {
				if !e.IsDir() && sheet.KindOf(e.Name()) == sheet.Workbook && !strings.HasPrefix(e.Name(), "~$") {
					inDir = append(inDir, filepath.Join(arg, e.Name()))
				}
			}
			sort.Strings(inDir)
			out = append(out, inDir...)
		} else if sheet.KindOf(arg) == sheet.Workbook {
			out = append(out, arg)
		}
	}
	return out
}

func sheetNames(path string) []string {
	names, err := sheet.SheetNames(path)
	if err != nil {
		return nil // encrypted, damaged or missing: nothing to offer
	}
	return names
}
