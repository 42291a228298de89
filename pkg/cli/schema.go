package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mapsurvey/mapsurvey/pkg/replies"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/surveyfile"
)

// SchemaOptions are the flags of schema.
type SchemaOptions struct {
	IO IOStreams
	// Check is the schema file to check; empty prints the built-in survey.
	Check string
	// From drafts a schema from Files, files of replies, instead (--from).
	From  bool
	Files []string
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
is refused with the line that is wrong (exit 3).

With --from FILE..., drafts a schema from files of replies (a 3W table, an export): the columns
found by their titles and HXL hashtags, the ones taken for the respondent and the three counted
dimensions, and every value seen with the rows that name it, as open lists; spellings that differ
only in case, spaces or accents are one value, and values a typing slip apart are marked NEAR.
Edit the draft, then check it with --check.`,
		Example: `  mapsurvey schema > my-survey.yaml
  mapsurvey schema --check my-survey.yaml
  mapsurvey analyse replies.xlsx --schema my-survey.yaml
  mapsurvey schema --from 3w.xlsx > 3w.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if !opts.From {
				return cobra.NoArgs(cmd, args)
			}
			if opts.Check != "" {
				return usagef("--from drafts a schema and --check checks one: give one of them")
			}
			if len(args) == 0 {
				return usagef("schema --from needs at least one file of replies to draft the schema from")
			}
			opts.Files = args
			return nil
		},
		RunE: func(_ *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return schemaRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Check, "check", "", "check this schema file instead of printing the built-in one")
	cmd.Flags().BoolVar(&opts.From, "from", false, "draft a schema from the files of replies given as arguments")
	return cmd
}

func schemaRun(opts *SchemaOptions) error {
	if opts.From {
		d, err := replies.DraftSchema(opts.Files, "")
		if err != nil {
			return &inputFileError{err}
		}
		_, err = opts.IO.Out.Write(surveyfile.MarshalDraft(d, "mapsurvey schema --from "+strings.Join(opts.Files, " ")))
		return err
	}
	if opts.Check != "" {
		if general, err := checkGeneralSchema(opts); general {
			return err
		}
		loaded, err := loadSchema(opts.Check)
		if err != nil {
			return err
		}
		var counts []string
		for _, k := range survey.Dims {
			d := loaded.Dim(k)
			n := survey.CountOf(len(d.Values), d.Noun, survey.Plural(d.Noun))
			if d.Open {
				n = fmt.Sprintf("an open list of %s (%d listed)", survey.Plural(d.Noun), len(d.Values))
			}
			counts = append(counts, n)
		}
		fmt.Fprintf(opts.IO.Out, "%s: a valid schema: %q, %s\n", opts.Check, loaded.Title, strings.Join(counts, ", "))
		return nil
	}
	out, err := surveyfile.Marshal(survey.Builtin())
	if err != nil {
		return err
	}
	_, err = opts.IO.Out.Write(out)
	return err
}
