package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mapsurvey/mapsurvey/pkg/buildinfo"
	"github.com/mapsurvey/mapsurvey/pkg/contract"
	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/sheet"
)

// ValidateOptions are the flags and inputs of validate.
type ValidateOptions struct {
	IO IOStreams
	InputOptions
	Format string
	// General is the general survey model, read as analyse --by reads it.
	General ByOptions
}

// NewCmdValidate builds the validate command.
func NewCmdValidate(io IOStreams, runF func(*ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "validate FILE|FOLDER...",
		Short: "List every problem in questionnaire replies, with its cell and how to fix it",
		Long: `Reads the replies exactly as analyse does and lists every finding, sorted by file,
sheet, row and column, each with its severity and how to fix it:

  errors    stop analyse: an unknown partner, area or type (with the closest label), a missing
            Member State, a row with some of partner, area and type empty, a header not found
            or a column missing, a file that cannot be read, a formula with no stored value;
  warnings  likely mistakes that analyse still counts: the same activity twice, a Member State
            in several files, a nil reply from a state with activities, hidden rows or sheets
            that hold data, formula cells (their stored values are used);
  notes     what was passed over: sheets and files that hold no replies, repeated header rows.

Exits 0 when there is no error (warnings allowed) and 3 otherwise.`,
		Example: `  mapsurvey validate replies.xlsx
  mapsurvey validate replies/ --format json`,
		Args: needInputs("validate"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Format != "text" && opts.Format != "json" {
				return usagef("--format %q: use text or json", opts.Format)
			}
			if opts.General.active(cmd.Flags(), opts.SchemaFile) {
				if err := opts.General.complete(cmd.Flags(), &opts.InputOptions, args); err != nil {
					return err
				}
				if runF != nil {
					return runF(opts)
				}
				return validateByRun(cmd.Context(), opts)
			}
			if err := opts.complete(args); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return validateRun(cmd.Context(), opts)
		},
	}
	opts.bindFlags(cmd.Flags())
	opts.General.bindFlags(cmd.Flags())
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "output format: text or json")
	return cmd
}

// FindingsSchemaID names the JSON contract of validate, defined in pkg/contract.
const FindingsSchemaID = contract.FindingsID

type (
	findingJSON  = contract.Finding
	findingsJSON = contract.Findings
)

func validateRun(ctx context.Context, opts *ValidateOptions) error {
	pr := newProgress(opts.IO, false)
	ds, err := replies.Read(opts.Inputs, opts.readerOptions(ctx, pr))
	pr.done()
	if err != nil {
		return err
	}
	rows := 0
	files := map[string]bool{}
	for _, s := range ds.Sources {
		files[s.File] = true
		rows += s.Rows
	}
	return writeFindings(opts, ds.Findings, files, rows, ds.MoreErrors, ds.MoreInvalidRows)
}

// writeFindings writes the findings of a validation, in text or JSON, and exits 3 on errors.
// files are the files read; more counts the errors past the limit, in moreRows rows.
func writeFindings(opts *ValidateOptions, findings []replies.Finding, files map[string]bool, rows, more, moreRows int) error {
	doc := findingsJSON{Schema: FindingsSchemaID, Mapsurvey: buildinfo.Get(), Findings: []findingJSON{}, Rows: rows}
	for _, f := range findings {
		if f.Severity == replies.Error && f.Pos.File != "" {
			files[f.Pos.File] = true // a file refused as a whole was looked at too
		}
	}
	doc.Files = len(files)
	doc.Errors = more // errors past the limit, counted without their messages
	for _, f := range findings {
		switch f.Severity {
		case replies.Error:
			doc.Errors++
		case replies.Warning:
			doc.Warnings++
		default:
			doc.Notes++
		}
		j := findingJSON{File: filepath.ToSlash(f.Pos.File), Sheet: f.Pos.Sheet, Row: f.Pos.Row, Severity: f.Severity.String(), Message: f.Message}
		if f.Pos.Col > 0 {
			j.Column = sheet.ColumnName(f.Pos.Col)
			j.Cell = fmt.Sprintf("%s%d", j.Column, f.Pos.Row)
		}
		doc.Findings = append(doc.Findings, j)
	}

	var buf bytes.Buffer
	if opts.Format == "json" {
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(doc); err != nil {
			return err
		}
	} else {
		for _, r := range replies.Runs(findings) {
			fmt.Fprintf(&buf, "%s: %s: %s\n", r.Where(), r.Severity, r.Message)
		}
		if more > 0 {
			fmt.Fprintf(&buf, "... and %s more in %s, not shown\n", plural(more, "error", "errors"),
				plural(moreRows, "row", "rows"))
		}
		fmt.Fprintln(&buf, summaryLine(doc))
	}
	if _, err := opts.IO.Out.Write(buf.Bytes()); err != nil {
		return err
	}
	if doc.Errors > 0 {
		return &findingsError{errors: doc.Errors}
	}
	return nil
}

func summaryLine(doc findingsJSON) string {
	counts := []string{plural(doc.Errors, "error", "errors"), plural(doc.Warnings, "warning", "warnings")}
	if doc.Notes > 0 {
		counts = append(counts, plural(doc.Notes, "note", "notes"))
	}
	return fmt.Sprintf("%s in %s (%s read)", strings.Join(counts, ", "), plural(doc.Files, "file", "files"), plural(doc.Rows, "row", "rows"))
}
