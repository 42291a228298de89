package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/surveyfile"
)

// SchemaOptions are the flags of schema.
type SchemaOptions struct {
	IO IOStreams
	// Check is the schema file to check; empty prints the built-in survey.
	Check string
}

// NewCmdSchema builds the schema command. runF replaces the work in tests of flag parsing.
func NewCmdSchema(io IOStreams, runF func(*SchemaOptions) error) *cobra.Command {
	opts := &SchemaOptions{IO: io}
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
			if runF != nil {
				return runF(opts)
			}
			return schemaRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Check, "check", "", "check this schema file instead of printing the built-in one")
	return cmd
}

func schemaRun(opts *SchemaOptions) error {
	if opts.Check != "" {
		if general, err := checkGeneralSchema(opts); general {
			return err
		}
		loaded, err := loadSchema(opts.Check)
		if err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.Out, "%s: a valid schema: %q, %d partners, %d areas, %d types of support\n", opts.Check, loaded.Title,
			len(loaded.Columns[survey.Partner].Values), len(loaded.Columns[survey.Area].Values), len(loaded.Columns[survey.Type].Values))
		return nil
	}
	out, err := surveyfile.Marshal(survey.Builtin())
	if err != nil {
		return err
	}
	_, err = opts.IO.Out.Write(out)
	return err
}
