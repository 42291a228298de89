package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mapsurvey/mapsurvey/pkg/output"
	"github.com/mapsurvey/mapsurvey/pkg/questionnaire"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// NewCmdTemplate builds the template command.
func NewCmdTemplate(io IOStreams) *cobra.Command {
	var (
		out, schemaFile, period string
		rows                    int
		force                   bool
	)
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
			if out == "" {
				return usagef("template needs an output file: -o FILE.xlsx")
			}
			if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
				return usagef("-o %s: the questionnaire is an Excel workbook: give a name ending in .xlsx", filepath.ToSlash(out))
			}
			if rows < 1 || rows > questionnaire.MaxRows {
				return usagef("--rows %d: use 1 to %d", rows, questionnaire.MaxRows)
			}
			period = strings.TrimSpace(period)
			if period == "" {
				return usagef("--period: give the period the replies cover, e.g. %q", questionnaire.DefaultPeriod)
			}
			if st, err := os.Stat(out); err == nil {
				if st.IsDir() {
					return usagef("-o %s is a folder: give the name of the workbook to write", filepath.ToSlash(out))
				}
				if !force {
					return usagef("%s exists: give --force to replace it, or choose another name", filepath.ToSlash(out))
				}
			}
			s, err := loadSchema(schemaFile)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := questionnaire.Write(&buf, s, questionnaire.Options{Rows: rows, Period: period}); err != nil {
				return err
			}
			if err := output.WriteFile(cmd.Context(), out, buf.Bytes(), output.CollectInputs([]string{schemaFile}, false)); err != nil {
				return err
			}
			count := func(k survey.Key) string {
				noun := s.Dim(k).Noun
				return survey.CountOf(len(s.Dim(k).Values), noun, survey.Plural(noun))
			}
			fmt.Fprintf(io.ErrOut, "wrote %s: %s for replies, lists of %s, %s, %s\n", filepath.ToSlash(out),
				survey.CountOf(rows, "row", "rows"), count(survey.Partner), count(survey.Area), count(survey.Type))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "out", "o", "", "the workbook to write (.xlsx)")
	f.BoolVar(&force, "force", false, "replace the workbook if it exists")
	f.StringVar(&schemaFile, "schema", "", "survey schema (YAML) to use instead of the built-in 7896/20 survey; see 'mapsurvey schema'")
	f.IntVar(&rows, "rows", questionnaire.DefaultRows, "rows of the reply sheet that get drop-down lists")
	f.StringVar(&period, "period", questionnaire.DefaultPeriod, "the period the replies cover, as the instructions say it")
	return cmd
}
