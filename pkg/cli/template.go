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
}

// NewCmdTemplate builds the template command. runF replaces the work in tests of flag parsing.
func NewCmdTemplate(io IOStreams, runF func(*TemplateOptions) error) *cobra.Command {
	opts := &TemplateOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "template -o FILE.xlsx",
		Short: "Write the questionnaire workbook to send to the Member States",
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

With --schema, the questionnaire is that of the schema: its title, column titles and labels.
The same options always give the same bytes.`,
		Example: `  mapsurvey template -o questionnaire.xlsx
  mapsurvey template -o questionnaire.xlsx --period "2019 to 2021" --rows 500
  mapsurvey template -o central-asia.xlsx --schema docs/examples/central-asia.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Out == "" {
				return usagef("template needs an output file: -o FILE.xlsx")
			}
			if !strings.EqualFold(filepath.Ext(opts.Out), ".xlsx") {
				return usagef("-o %s: the questionnaire is an Excel workbook: give a name ending in .xlsx", opts.Out)
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
	f.StringVarP(&opts.Out, "out", "o", "", "the workbook to write (.xlsx)")
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
	if err := questionnaire.Write(&buf, s, questionnaire.Options{Rows: opts.Rows, Period: opts.Period}); err != nil {
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
