package records_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/records"
)

// FuzzRead feeds arbitrary CSV text, read by its hashtags, with a filter, a key and an amount:
// never a panic; every finding names the file; the counts hold together (no cell has more
// activities or respondents than the total, and shares of the amount add up to its total).
func FuzzRead(f *testing.F) {
	f.Add(threeW)
	f.Add("#org,#sector\nA,WASH\n")
	f.Add("a,b\n#org,#sector+name;#adm1\nA;B,;;\n,x\n")
	f.Add("#org,#sector,#adm1,#adm2,#value,#meta\nA,W;H,N,C,\"1,5\",50;50\nB,H,N,C,x,\n")
	dir := f.TempDir()
	where, _ := records.ParseFilter("adm1!=North")
	f.Fuzz(func(t *testing.T, text string) {
		p := filepath.Join(dir, "in.csv")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, opts := range []records.Options{
			{By: []string{"sector"}},
			{By: []string{"sector", "adm2"}, Where: []records.Filter{where}, Key: []string{"org", "adm2", "sector"},
				Sum: "#value", Split: "sector=#meta"},
		} {
			ds, err := records.Read([]string{p}, opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, fd := range ds.Findings {
				if !strings.HasPrefix(fd.String(), p) {
					t.Fatalf("a finding without its file: %s", fd)
				}
			}
			res := ds.Result
			for _, tab := range res.Tables {
				sum := 0.0
				for _, c := range tab.Cells {
					if c.Activities > res.Total.Activities || c.Respondents > res.Total.Respondents || c.Activities <= 0 {
						t.Fatalf("cell %+v beyond total %+v", c, res.Total)
					}
					sum += c.Amount.Sum
				}
				if len(tab.Dims) == 1 && math.Abs(sum-res.Total.Amount.Sum) > 1e-6*math.Max(1, math.Abs(sum)) {
					t.Fatalf("shares of the amount add up to %v, not %v", sum, res.Total.Amount.Sum)
				}
			}
		}
	})
}
