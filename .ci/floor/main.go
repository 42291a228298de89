// Command floor is the floor of issue 7: it inflates a workbook's sheet XML and shared strings
// into nothing with Go's archive/zip, as sheettest.Inflate does for the Go benchmarks, so that
// .ci/bench can time the built command and the floor one after the other.
//
//	go build -o bin/floor ./.ci/floor && time bin/floor WORKBOOK.xlsx
package main

import (
	"fmt"
	"os"

	"github.com/mapsurvey/mapsurvey/pkg/sheet/sheettest"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor WORKBOOK.xlsx")
		os.Exit(2)
	}
	if _, err := sheettest.Inflate(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}
