package chartdraw

import (
	"bytes"
	"image"
	"image/color"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/plot/vg"
)

// TestFillRectGivesVgimgsPixels fills rectangles at fractional positions, in opaque and
// translucent colours, over white and over earlier fills, once through vgimg's rasterizer and
// once through the fast path, and compares every byte.
func TestFillRectGivesVgimgsPixels(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	w, h := 6*vg.Centimeter, 4*vg.Centimeter
	for _, dpi := range []int{72, 100, 300} {
		size := imageSize(w, h, dpi)
		slow := newRasterCanvas(image.NewRGBA(size), w, h, dpi)
		fast := newRasterCanvas(image.NewRGBA(size), w, h, dpi)
		for i := range 400 {
			// Some run off the page, where vgimg's own path is taken.
			x0, y0 := vg.Length(r.Float64())*w, vg.Length(r.Float64())*h
			x1, y1 := x0+vg.Length(r.Float64()*40), y0+vg.Length(r.Float64()*30)
			if i%7 == 0 {
				x1 = x0 + vg.Length(r.Float64()) // thinner than a pixel
			}
			clr := color.RGBA{uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)), 0xff}
			if i%5 == 0 {
				clr = color.RGBA{clr.R / 2, clr.G / 2, clr.B / 2, 0x80} // premultiplied, translucent
			}
			pts := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
			if i%2 == 1 {
				pts = []vg.Point{{X: x1, Y: y1}, {X: x1, Y: y0}, {X: x0, Y: y0}, {X: x0, Y: y1}} // the other way round
			}
			var p vg.Path
			p.Move(pts[0])
			for _, q := range pts[1:] {
				p.Line(q)
			}
			p.Close()
			slow.SetColor(clr)
			slow.Canvas.Fill(p)
			fast.SetColor(clr)
			if _, ok := fast.rect(p); !ok {
				t.Fatalf("dpi %d, rectangle %d: not taken as a rectangle", dpi, i)
			}
			fast.Fill(p)
			if !bytes.Equal(slow.img.Pix, fast.img.Pix) {
				t.Fatalf("dpi %d: rectangle %d (%v-%v, %v) set other pixels than vgimg", dpi, i, pts[0], pts[2], clr)
			}
		}
	}
}
