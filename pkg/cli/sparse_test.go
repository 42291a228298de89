package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/contract"
)

// TestLargeCrossTabsAreSparse: a survey of 30 partners, 30 areas and 12 types (10,800
// combinations) is written as mapsurvey/analysis/v3, its cross-tabulations listing the
// combinations with activities only (defect 9: 13.9 MB of JSON for 515 rows).
func TestLargeCrossTabsAreSparse(t *testing.T) {
	dir := t.TempDir()
	list := func(prefix string, n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "      - %s %02d\n", prefix, i)
		}
		return b.String()
	}
	schema := "title: Large\nrespondent: Donor\ndimensions:\n  partner:\n    title: Partner\n    values:\n" + list("Partner", 30) +
		"  area:\n    title: Area\n    values:\n" + list("Area", 30) + "  type:\n    title: Type\n    values:\n" + list("Type", 12)
	replies := "Donor,Partner,Area,Type\nA,Partner 01,Area 02,Type 03\nA,Partner 01,Area 02,Type 04\nB,Partner 29,Area 00,Type 11\n"
	for name, text := range map[string]string{"large.yaml": schema, "r.csv": replies} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	doc := analyseJSON(t, "--schema", filepath.Join(dir, "large.yaml"), filepath.Join(dir, "r.csv"))
	if doc.Schema != contract.AnalysisSparseID || !doc.Sparse {
		t.Fatalf("schema %s, sparse %v", doc.Schema, doc.Sparse)
	}
	if len(doc.PartnerAreaT) != 3 || len(doc.PartnerArea) != 2 || len(doc.PartnerType) != 3 || len(doc.AreaType) != 3 {
		t.Errorf("cells: %d, %d, %d, %d", len(doc.PartnerAreaT), len(doc.PartnerArea), len(doc.PartnerType), len(doc.AreaType))
	}
	if len(doc.Partner) != 30 || doc.Activities != 3 {
		t.Errorf("%d partners, %d activities: the single tables stay whole", len(doc.Partner), doc.Activities)
	}
	// The note's survey stays v2, every combination listed.
	if small := analyseJSON(t, "../../testdata/sample/replies-7896-20.xlsx"); small.Schema != contract.AnalysisID || small.Sparse {
		t.Errorf("the sample: %s", small.Schema)
	}
}
