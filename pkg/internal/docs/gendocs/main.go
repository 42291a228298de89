// Command gendocs rewrites the command reference, docs/reference/, from the command tree:
//
//	go run ./internal/docs/gendocs docs/reference    (make docs)
package main

import (
	"fmt"
	"os"

	"github.com/mapsurvey/mapsurvey/pkg/internal/docs"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gendocs DIR")
		os.Exit(2)
	}
	if err := docs.Regenerate(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
