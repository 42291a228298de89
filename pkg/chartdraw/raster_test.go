package chartdraw

import (
	"bytes"
	"image"
	"image/color"
	"math/rand/v2"
	"testing"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// Text set by rasterCanvas has the pixels that gg gives it, whatever the colour (opaque or not)
// and the ground, at positions that fall anywhere within a pixel, and at the image's edges.
func TestFillStringMatchesGG(t *testing.T) {
	setup.Do(initFonts)
	r := rand.New(rand.NewPCG(1, 2))
	colours := []color.Color{color.Black, color.White, color.RGBA{0x1a, 0x1a, 0x1a, 0xff},
		color.RGBA{0x55, 0x55, 0x55, 0xff}, color.NRGBA{0x00, 0x72, 0xb2, 0x80}, color.RGBA{0x40, 0x10, 0x00, 0x80}}
	for _, bold := range []bool{false, true} {
		f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Length(6 + r.IntN(8))}
		if bold {
			f.Weight = 700
		}
		face := fonts.Lookup(f, f.Size)
		for _, clr := range colours {
			want, got := image.NewRGBA(image.Rect(0, 0, 300, 90)), image.NewRGBA(image.Rect(0, 0, 300, 90))
			w, h := 300*vg.Inch/300, 90*vg.Inch/300
			ref := gg.NewContextForRGBA(want)
			ref.InvertY()
			ours := newRasterCanvas(got, w, h, 300)
			// A ground of every shade, painted after vgimg's white.
			for i := range got.Pix {
				got.Pix[i] = byte(i * 37 % 251)
			}
			copy(want.Pix, got.Pix)
			for range 12 {
				pt := vg.Point{X: vg.Length(r.Float64()*80 - 10), Y: vg.Length(r.Float64()*26 - 3)}
				s := "Bosnia/Herzegovina 19% (43) ÿ"
				// What vgimg's FillString does.
				ref.Push()
				ref.SetColor(clr)
				ref.SetFontFace(face.FontFace(300))
				ref.InvertY()
				ref.DrawString(s, pt.X.Dots(300), h.Dots(300)-pt.Y.Dots(300))
				ref.Pop()
				ours.SetColor(clr)
				ours.FillString(face, pt, s)
			}
			if !bytes.Equal(want.Pix, got.Pix) {
				t.Errorf("bold %v, colour %v: the pixels differ from gg's", bold, clr)
			}
		}
	}
}
