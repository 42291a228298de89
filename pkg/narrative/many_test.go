package narrative_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/internal/threew"
	"github.com/mapsurvey/mapsurvey/pkg/narrative"
)

// TestLongListsAreCapped: 61 districts x 20 sectors give 40 gaps and 637 overlaps; each
// paragraph names the first narrative.MaxPhrases phrases and how many combinations it leaves to
// the charts, and the counts still add up.
func TestLongListsAreCapped(t *testing.T) {
	a, s := threew.Load(t, threew.Slow)
	g := narrative.GapsAndOverlaps(a, s, narrative.Options{})
	for i, p := range g.Paragraphs {
		// Phrases are kept apart by semicolons, or by sentences where the labels need semicolons.
		if n := max(strings.Count(p, "; "), strings.Count(p, ". In ")); n > narrative.MaxPhrases {
			t.Errorf("paragraph %d names %d phrases:\n%.300s", i, n+1, p)
		}
		m := regexp.MustCompile(`(and ([a-z0-9 ,-]+) more combinations, shown|Another ([a-z0-9 ,-]+) combinations are shown) in the charts below\.$`).FindStringSubmatch(p)
		if m == nil {
			t.Errorf("paragraph %d does not say what it leaves out:\n...%s", i, p[max(0, len(p)-200):])
		}
	}
	if len(g.Gaps) != 40 || len(g.Overlaps) != 637 {
		t.Errorf("%d gaps and %d overlaps, want 40 and 637 (the lists themselves stay whole)", len(g.Gaps), len(g.Overlaps))
	}
}
