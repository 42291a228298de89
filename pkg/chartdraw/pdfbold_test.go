package chartdraw

import (
	"math"
	"testing"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/vg"
)

// TestBoldGlyphOutlines: bold text in a PDF is the bold face's outlines, set from the baseline
// point over the width the layout measured for it, and heavier than the regular face's.
func TestBoldGlyphOutlines(t *testing.T) {
	setup.Do(initFonts)
	l := newLayout(16*vg.Centimeter, true)
	const txt = "Share of activities per area"
	face := fonts.Lookup(l.title.Font, l.title.Font.Size)
	if face.Face == nil || face.Font.Typeface != pdfBold {
		t.Fatalf("the title's face is %q", face.Font.Typeface)
	}
	p := glyphPath(face, vg.Point{X: 10, Y: 100}, txt)
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, c := range p {
		if c.Type == vg.CloseComp {
			continue
		}
		minX, maxX = math.Min(minX, float64(c.Pos.X)), math.Max(maxX, float64(c.Pos.X))
		minY, maxY = math.Min(minY, float64(c.Pos.Y)), math.Max(maxY, float64(c.Pos.Y))
	}
	width := float64(l.title.Width(txt))
	if minX < 10 || math.Abs(maxX-10-width) > 1.5 {
		t.Errorf("outlines span x %.1f to %.1f, the layout measured %.1f from 10", minX, maxX, width)
	}
	// Cap height above the baseline (y up), descender of "p" below it.
	if maxY < 100+5 || minY > 100-1 {
		t.Errorf("outlines span y %.1f to %.1f around the baseline 100", minY, maxY)
	}
	// The outlines are those of Liberation Sans Bold, not of the regular face.
	for _, f := range liberation.Collection() {
		if f.Font.Typeface == "Liberation" && f.Font.Variant == "Sans" && f.Font.Style == xfont.StyleNormal {
			if bold := f.Font.Weight == xfont.WeightBold; bold != (f.Face == face.Face) {
				t.Errorf("the title is drawn with the face of weight %v", f.Font.Weight)
			}
		}
	}
}
