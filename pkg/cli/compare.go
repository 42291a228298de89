package cli

import (
	"bytes"
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mapsurvey/mapsurvey/pkg/compare"
	"github.com/mapsurvey/mapsurvey/pkg/tally"
)

// CompareOptions are the flags and inputs of compare.
type CompareOptions struct {
	IO IOStreams
	InputOptions
	Old, New     []string
	Format       string
	FailOnChange bool
	ByState      bool
	SkipInvalid  bool
	Quiet        bool
}

// NewCmdCompare builds the compare command.
func NewCmdCompare(io IOStreams, runF func(*CompareOptions) error) *cobra.Command {
	opts := &CompareOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "compare OLD NEW",
		Short: "Show what changed between two rounds of replies, or two drafts",
		Long: `Reads two sets of replies (each a file or a folder; or several with --old and --new) as
analyse does and shows what changed: states that replied or stopped, states that became active
or inactive, and every figure that moved (states and activities per partner, area, type and
cross-tabulation) with its old and new value and the difference.

When a state became active or inactive, the differences in activities would say what it does:
they are left out (JSON is refused) unless --by-state is given.

--fail-on-change exits 3 when anything changed, for CI.`,
		Example: `  mapsurvey compare round1/ round2/
  mapsurvey compare --old draft1.xlsx --new draft2.xlsx --new late-reply.xlsx --format json
  mapsurvey compare old.xlsx new.xlsx --fail-on-change`,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 2 && len(opts.Old) == 0 && len(opts.New) == 0:
				opts.Old, opts.New = args[:1], args[1:]
			case len(args) == 0 && len(opts.Old) > 0 && len(opts.New) > 0:
			default:
				return usagef("compare needs OLD and NEW: two files or folders, or --old and --new")
			}
			if !contains(analyseFormats, opts.Format) {
				return usagef("--format %q: use one of table, markdown, csv, json", opts.Format)
			}
			if err := opts.complete(append(append([]string{}, opts.Old...), opts.New...)); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return compareRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	opts.bindFlags(f)
	f.StringArrayVar(&opts.Old, "old", nil, "a file or folder of the old round (repeat for several)")
	f.StringArrayVar(&opts.New, "new", nil, "a file or folder of the new round (repeat for several)")
	f.StringVarP(&opts.Format, "format", "f", "table", "output format: table, markdown, csv, json")
	f.BoolVar(&opts.FailOnChange, "fail-on-change", false, "exit 3 when anything changed")
	f.BoolVar(&opts.ByState, "by-state", false, "show the differences even when they say what a named state does (confidential detail)")
	f.BoolVar(&opts.SkipInvalid, "skip-invalid", false, "leave out rows that cannot be read, and say on stderr how many and where")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print no notes on standard error, only errors")
	return cmd
}

func compareRun(ctx context.Context, opts *CompareOptions) error {
	read := func(inputs []string) (*tally.Analysis, error) {
		ds, err := opts.readReplies(ctx, inputs, opts.IO, true, opts.SkipInvalid)
		if err != nil {
			return nil, err
		}
		return ds.Analysis(), nil
	}
	old, err := read(opts.Old)
	if err != nil {
		return err
	}
	cur, err := read(opts.New)
	if err != nil {
		return err
	}
	res, err := compare.Compare(old, cur)
	if err != nil {
		return err
	}
	withheld := len(res.Revealing()) > 0 && !opts.ByState
	var buf bytes.Buffer
	if opts.Format == "json" {
		if withheld {
			return usagef("%s: JSON carries every figure, so it is written only with --by-state (confidential detail); "+
				"--format table leaves those differences out", res.WithheldReason())
		}
		err = compare.JSON(&buf, res, old, cur)
	} else {
		err = renderTables(&buf, opts.Format, compare.Tables(res, old, cur, opts.Schema, compare.Options{ByState: opts.ByState}))
	}
	if err != nil {
		return err
	}
	if _, err := opts.IO.Out.Write(buf.Bytes()); err != nil {
		return err
	}
	if !opts.Quiet {
		switch {
		case withheld:
			// Only the figures shown are counted: how many moved would say in how many
			// categories the named states are active.
			fmt.Fprintf(opts.IO.ErrOut, "%s changed, and others not shown: %s (--by-state shows them)\n",
				plural(len(res.Shown()), "figure", "figures"), res.WithheldReason())
		case res.Changed():
			fmt.Fprintf(opts.IO.ErrOut, "%s changed\n", plural(len(res.Changes), "figure", "figures"))
		default:
			fmt.Fprintln(opts.IO.ErrOut, "no figure changed")
		}
	}
	if opts.FailOnChange && res.Changed() {
		return &findingsError{errors: len(res.Changes)}
	}
	return nil
}
