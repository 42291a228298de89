package cli

import (
	"github.com/spf13/cobra"

	"github.com/mapsurvey/mapsurvey/pkg/buildinfo"
)

// setVersion gives the root command --version: the version, commit and date the release build
// stamped, or what Go recorded for any other build (see pkg/buildinfo), so that a user can say
// which build printed a figure.
func setVersion(root *cobra.Command) {
	root.Version = buildinfo.Get().String()
	root.SetVersionTemplate("mapsurvey {{.Version}}\n")
}
