package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/mapsurvey/mapsurvey/pkg/expect"
	"github.com/mapsurvey/mapsurvey/pkg/output"
)

// CheckOptions are the flags and inputs of check.
type CheckOptions struct {
	IO IOStreams
	InputOptions
	Expect      string
	WriteExpect string
	Quiet       bool
	Format      string // text, or a CI format (checkci.go)
}

// NewCmdCheck builds the check command.
func NewCmdCheck(io IOStreams, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "check FILE|FOLDER... --expect figures.yaml",
		Short: "Check that the figures a draft note states still hold (for CI)",
		Long: `Reads the replies as analyse does and compares the figures with those listed in an
expectation file (docs/check.md): respondents, active states, activities, and per partner,
area, type and combination the states, activities and shares. Exits 0 when every figure holds
and 3 otherwise, listing each figure that differs with both values and its line.

A share written with N decimals (24, or 24.1) is compared with the share as mapsurvey shows it
at N decimals: rounded within its table so that the column adds up to 100. Labels may be
written in any spelling the survey accepts.

--write-expect FILE writes the current figures in this format, to lock them.`,
		Example: `  mapsurvey check replies.xlsx --expect figures.yaml
  mapsurvey check replies.xlsx --write-expect figures.yaml
  mapsurvey check replies.xlsx --expect figures.yaml --format junit > figures-junit.xml`,
		Args: needInputs("check"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormatUsage(opts.Format, opts.Expect); err != nil {
				return err
			}
			if opts.Expect == "" && opts.WriteExpect == "" {
				return usagef("check needs --expect FILE (figures to check) or --write-expect FILE (figures to lock)")
			}
			if err := opts.complete(args); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return checkRun(cmd.Context(), opts)
		},
	}
	opts.bindFlags(cmd.Flags())
	cmd.Flags().StringVar(&opts.Expect, "expect", "", "expectation file (YAML) listing the figures a draft states")
	cmd.Flags().StringVar(&opts.WriteExpect, "write-expect", "", "write the current figures to this file")
	cmd.Flags().BoolVarP(&opts.Quiet, "quiet", "q", false, "print only the figures that do not hold")
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "output format: text, or junit, github, gitlab for CI systems (docs/check.md)")
	return cmd
}

func checkRun(ctx context.Context, opts *CheckOptions) error {
	ds, err := opts.readReplies(ctx, opts.Inputs, opts.IO, true, false)
	if err != nil {
		return err
	}
	a := ds.Analysis()
	if opts.WriteExpect != "" {
		// --expect is an input too: writing over it would make every figure hold.
		inputs := inputsOf(&opts.InputOptions, opts.Expect)
		if err := output.WriteFile(ctx, opts.WriteExpect, expect.Write(a, opts.Schema), inputs); err != nil {
			return err
		}
		if !opts.Quiet {
			fmt.Fprintf(opts.IO.ErrOut, "wrote the figures to %s\n", opts.WriteExpect)
		}
	}
	if opts.Expect == "" {
		return nil
	}
	data, err := os.ReadFile(opts.Expect)
	if err != nil {
		return &inputFileError{fmt.Errorf("--expect %s: %w", opts.Expect, err)}
	}
	figures, err := expect.Parse(opts.Expect, data, opts.Schema)
	if err != nil {
		return &inputFileError{err}
	}
	if opts.Format != "text" {
		return writeCheckCI(opts, figures, a)
	}
	bad := expect.Check(figures, a)
	for _, m := range bad {
		fmt.Fprintf(opts.IO.Out, "%s:%s\n", opts.Expect, m.String()[len("line "):])
	}
	if len(bad) > 0 {
		fmt.Fprintf(opts.IO.Out, "%d of %s do not hold\n", len(bad), plural(len(figures), "figure", "figures"))
		return &findingsError{errors: len(bad)}
	}
	if !opts.Quiet {
		fmt.Fprintf(opts.IO.Out, "all %s hold\n", plural(len(figures), "figure", "figures"))
	}
	return nil
}
