package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mapsurvey/mapsurvey/pkg/output"
	"github.com/mapsurvey/mapsurvey/pkg/questionnaire"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// TemplateOptions are the flags of template.
type TemplateOptions struct {
	IO         IOStreams
	Out        string
	SchemaFile string
	Period     string
	Rows       int
	Force      bool
	// Format is "xlsx" (the workbook) or "docx" (the Word form); --format, else -o's extension.
	Format string
}

// NewCmdTemplate builds the template command. runF replaces the work in tests of flag parsing.
func NewCmdTemplate(io IOStreams, runF func(*TemplateOptions) error) *cobra.Command {
	opts := &TemplateOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "template -o FILE.xlsx|FILE.docx",
		Short: "Write the questionnaire workbook (or Word form) to send to the Member States",
		Long: `Writes the questionnaire that the Presidency sends out, as an .xlsx workbook that analyse
reads back as it is:

  Instructions  what to report (the period, one row per activity, each activity counting as
                one item whatever its value, how to send a reply with no activity) and the
                definitions of every partner, area and type of support, with the other
                spellings that are understood and the footnotes (Kosovo*);
  Reply         the header analyse looks for (Member State, Partner, Area, Type of support,
                Description, Year), with drop-down lists of the survey's labels in --rows rows,
                "none" among the partners, and a check that Year is a year;
  Lists         the lists, in a hidden sheet.

For Presidencies that send Word documents, -o FILE.docx (or --format docx) writes the same
questionnaire as a Word form: the instructions, a reply table whose Member State, partner, area
and type cells are drop-down lists of the survey's labels (content controls; 40 rows unless
--rows says otherwise), and the definitions. analyse reads a filled-in copy back as it is.

With --schema, the questionnaire is that of the schema: its title, column titles and labels.
The same options always give the same bytes.`,
		Example: `  mapsurvey template -o questionnaire.xlsx
  mapsurvey template -o questionnaire.xlsx --period "2019 to 2021" --rows 500
  mapsurvey template -o central-asia.xlsx --schema docs/examples/central-asia.yaml
  mapsurvey template -o questionnaire.docx`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Out == "" {
				return usagef("template needs an output file: -o FILE.xlsx")
			}
			ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(opts.Out), "."))
			switch {
			case opts.Format != "" && opts.Format != "xlsx" && opts.Format != "docx":
				return usagef("--format %q: use xlsx (a workbook) or docx (a Word form)", opts.Format)
			case opts.Format == "" && ext != "xlsx" && ext != "docx":
				return usagef("-o %s: the questionnaire is an Excel workbook or a Word form: give a name ending in .xlsx or .docx", opts.Out)
			case opts.Format == "":
				opts.Format = ext
			case ext != opts.Format:
				return usagef("-o %s: --format %s writes a .%s file: give a name ending in .%s", opts.Out, opts.Format, opts.Format, opts.Format)
			}
			if opts.Format == "docx" && !cmd.Flags().Changed("rows") {
				opts.Rows = questionnaire.DefaultWordRows
			}
			if opts.Rows < 1 || opts.Rows > questionnaire.MaxRows {
				return usagef("--rows %d: use 1 to %d", opts.Rows, questionnaire.MaxRows)
			}
			opts.Period = strings.TrimSpace(opts.Period)
			if opts.Period == "" {
				return usagef("--period: give the period the replies cover, e.g. %q", questionnaire.DefaultPeriod)
			}
			if st, err := os.Stat(opts.Out); err == nil {
				if st.IsDir() {
					return usagef("-o %s is a folder: give the name of the workbook to write", opts.Out)
				}
				if !opts.Force {
					return usagef("%s exists: give --force to replace it, or choose another name", opts.Out)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return templateRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Out, "out", "o", "", "the workbook (.xlsx) or Word form (.docx) to write")
	f.StringVar(&opts.Format, "format", "", "xlsx or docx; by default -o's extension")
	f.BoolVar(&opts.Force, "force", false, "replace the workbook if it exists")
	f.StringVar(&opts.SchemaFile, "schema", "", schemaUsage)
	f.IntVar(&opts.Rows, "rows", questionnaire.DefaultRows, "rows of the reply sheet that get drop-down lists")
	f.StringVar(&opts.Period, "period", questionnaire.DefaultPeriod, "the period the replies cover, as the instructions say it")
	return cmd
}

func templateRun(ctx context.Context, opts *TemplateOptions) error {
	s, err := loadSchema(opts.SchemaFile)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	write := questionnaire.Write
	if opts.Format == "docx" {
		write = questionnaire.WriteWord
	}
	if err := write(&buf, s, questionnaire.Options{Rows: opts.Rows, Period: opts.Period}); err != nil {
		return err
	}
	if err := output.WriteFile(ctx, opts.Out, buf.Bytes(), output.CollectInputs([]string{opts.SchemaFile}, false)); err != nil {
		return err
	}
	count := func(k survey.Key) string {
		noun := s.Dim(k).Noun
		return survey.CountOf(len(s.Dim(k).Values), noun, survey.Plural(noun))
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %s: %s for replies, lists of %s, %s, %s\n", opts.Out,
		survey.CountOf(opts.Rows, "row", "rows"), count(survey.Partner), count(survey.Area), count(survey.Type))
	return nil
}
