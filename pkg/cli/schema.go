package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/surveyfile"
)

// NewCmdSchema builds the schema command.
func NewCmdSchema(io IOStreams) *cobra.Command {
	var check string
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the built-in survey schema as YAML, to copy and edit; or check a schema file",
		Long: `Prints the built-in survey (Council note 7896/20: partners, areas, types of support, their
aliases and footnotes) in the YAML format that --schema reads. Copy it, edit it for another
mapping, and give it to analyse and validate with --schema FILE.yaml. docs/schema.md describes
every key.

With --check FILE.yaml, reads that schema and says whether it can be used; a schema with errors
is refused with the line that is wrong (exit 3).`,
		Example: `  mapsurvey schema > my-survey.yaml
  mapsurvey schema --check my-survey.yaml
  mapsurvey analyse replies.xlsx --schema my-survey.yaml`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			s := survey.Builtin()
			if check != "" {
				loaded, err := loadSchema(check)
				if err != nil {
					return err
				}
				fmt.Fprintf(io.Out, "%s: a valid schema: %q, %d partners, %d areas, %d types of support\n", check, loaded.Title,
					len(loaded.Columns[survey.Partner].Values), len(loaded.Columns[survey.Area].Values), len(loaded.Columns[survey.Type].Values))
				return nil
			}
			out, err := surveyfile.Marshal(s)
			if err != nil {
				return err
			}
			_, err = io.Out.Write(out)
			return err
		},
	}
	cmd.Flags().StringVar(&check, "check", "", "check this schema file instead of printing the built-in one")
	return cmd
}
