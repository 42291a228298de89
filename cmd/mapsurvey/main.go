// Command mapsurvey analyses the replies to mapping surveys; see pkg/cli.
package main

import (
	"os"

	"github.com/mapsurvey/mapsurvey/pkg/cli"
)

func main() { os.Exit(cli.Main()) }
