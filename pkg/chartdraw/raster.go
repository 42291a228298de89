package chartdraw

import (
	"image"
	"image/color"
	"math"

	"git.sr.ht/~sbinet/gg"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// rasterCanvas is vgimg's canvas drawing into an image the caller owns, with a faster way of
// setting text that gives the same pixels.
//
// vgimg copies a fresh image into the graphics context that it makes, and gg sets every glyph
// through golang.org/x/image/draw's general bilinear transform, which reads and writes each
// pixel through color.Color interfaces: text cost charts a fifth of their time. With the
// context's matrix the identity, as it is for all unrotated text, that transform samples each
// glyph pixel exactly once with weight 1, so fillGlyph does its arithmetic on the pixels
// directly.
type rasterCanvas struct {
	*vgimg.Canvas
	ctx    *gg.Context
	img    *image.RGBA
	w, h   vg.Length
	dpi    float64
	colour []color.Color // the current colour, pushed and popped with the context
}

// newRasterCanvas draws on img, which must be the size of w×h at dpi; vgimg paints it white.
func newRasterCanvas(img *image.RGBA, w, h vg.Length, dpi int) *rasterCanvas {
	ctx := gg.NewContextForRGBA(img)
	// What vgimg.NewWith does to the context that it makes itself.
	ctx.SetLineCapButt()
	ctx.InvertY()
	c := &rasterCanvas{ctx: ctx, img: img, w: w, h: h, dpi: float64(dpi), colour: []color.Color{color.Black}}
	c.Canvas = vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(dpi))
	return c
}

// imageSize is the size in pixels of a w×h canvas at dpi, rounded as vgimg rounds it.
func imageSize(w, h vg.Length, dpi int) image.Rectangle {
	pw := w / vg.Inch * vg.Length(dpi)
	ph := h / vg.Inch * vg.Length(dpi)
	return image.Rect(0, 0, int(pw+0.5), int(ph+0.5))
}

// Size is the canvas size asked for: vgimg would give the image's, rounded to whole pixels.
func (c *rasterCanvas) Size() (w, h vg.Length) { return c.w, c.h }

func (c *rasterCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	c.Canvas.SetColor(clr)
	c.colour[len(c.colour)-1] = clr
}

func (c *rasterCanvas) Push() {
	c.colour = append(c.colour, c.colour[len(c.colour)-1])
	c.Canvas.Push()
}

func (c *rasterCanvas) Pop() {
	c.colour = c.colour[:len(c.colour)-1]
	c.Canvas.Pop()
}

// FillString draws text as vgimg does, through gg's DrawString, but sets the glyphs itself when
// the context's matrix is the identity.
func (c *rasterCanvas) FillString(f font.Face, pt vg.Point, str string) {
	if f.Font.Size == 0 {
		return
	}
	face := f.FontFace(c.dpi)
	defer face.Close()
	x := pt.X.Dots(c.dpi)
	y := c.h.Dots(c.dpi) - pt.Y.Dots(c.dpi)

	c.ctx.Push()
	defer c.ctx.Pop()
	c.ctx.InvertY()
	if !identity(c.ctx) {
		c.ctx.SetFontFace(face)
		c.ctx.DrawString(str, x, y)
		return
	}
	drawString(c.img, face, c.colour[len(c.colour)-1], str, x, y)
}

// identity reports whether the context maps every point to itself: an affine map is known by
// where it sends three points, and these give its six coefficients exactly.
func identity(ctx *gg.Context) bool {
	x0, y0 := ctx.TransformPoint(0, 0)
	x1, y1 := ctx.TransformPoint(1, 0)
	x2, y2 := ctx.TransformPoint(0, 1)
	return x0 == 0 && y0 == 0 && x1 == 1 && y1 == 0 && x2 == 0 && y2 == 1
}

// drawString is gg's drawString (Context.DrawString with no clip and an identity matrix).
func drawString(dst *image.RGBA, face xfont.Face, clr color.Color, s string, x, y float64) {
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}
	cr, cg, cb, ca := clr.RGBA()
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += face.Kern(prev, r)
		}
		dr, mask, maskp, advance, ok := face.Glyph(dot, r)
		if !ok {
			continue
		}
		fillGlyph(dst, dr, mask, maskp, cr, cg, cb, ca)
		dot.X += advance
		prev = r
	}
}

// fillGlyph paints colour (cr, cg, cb, ca, as color.Color.RGBA gives it) through a glyph's mask
// over dst, with the arithmetic of golang.org/x/image/draw's Kernel.Transform (bilinear, Over)
// at a whole-pixel translation: each destination pixel takes the one mask pixel under it, and
// the sum is rounded to 16 bits and then cut to 8 as image.RGBA.Set does.
func fillGlyph(dst *image.RGBA, dr image.Rectangle, mask image.Image, maskp image.Point, cr, cg, cb, ca uint32) {
	a := dst.Bounds().Intersect(dr)
	if a.Empty() {
		return
	}
	alpha, _ := mask.(*image.Alpha)
	for y := a.Min.Y; y < a.Max.Y; y++ {
		my := maskp.Y + y - dr.Min.Y
		d := dst.Pix[dst.PixOffset(a.Min.X, y):]
		for x := a.Min.X; x < a.Max.X; x, d = x+1, d[4:] {
			mx := maskp.X + x - dr.Min.X
			var ma uint32
			if alpha != nil {
				if !(image.Point{X: mx, Y: my}).In(alpha.Rect) {
					continue
				}
				ma = uint32(alpha.Pix[alpha.PixOffset(mx, my)])
				ma |= ma << 8
			} else {
				_, _, _, ma = mask.At(mx, my).RGBA()
			}
			if ma == 0 {
				// Over with nothing: the pixel stays as it is.
				continue
			}
			pr, pg, pb, pa := cr*ma/0xffff, cg*ma/0xffff, cb*ma/0xffff, ca*ma/0xffff
			pr, pg, pb = min(pr, pa), min(pg, pa), min(pb, pa)
			pa1 := 0xffff - pa
			d[0] = uint8(uint16(uint32(d[0])*0x101*pa1/0xffff+pr) >> 8)
			d[1] = uint8(uint16(uint32(d[1])*0x101*pa1/0xffff+pg) >> 8)
			d[2] = uint8(uint16(uint32(d[2])*0x101*pa1/0xffff+pb) >> 8)
			d[3] = uint8(uint16(uint32(d[3])*0x101*pa1/0xffff+pa) >> 8)
		}
	}
}

// Fill fills a path as vgimg does, but an axis-aligned rectangle (bars, heat-map cells, the
// legend's boxes: nearly everything a chart fills) it paints itself. freetype's rasterizer gives
// a pixel the area of the pixel the rectangle covers, in 1/64 pixel, and its RGBA painter
// composites the colour over it; for a rectangle that area is the product of the covered width
// and height, so fillRect computes it directly and sets the same pixels, without building and
// scanning an outline cell by cell (a third of drawing a heat map).
func (c *rasterCanvas) Fill(p vg.Path) {
	// Inside the image only: freetype clips at its edges in its own way.
	if r, ok := c.rect(p); ok && r.In(image.Rectangle{Max: c.img.Rect.Max.Mul(64)}) {
		fillRect(c.img, r, c.colour[len(c.colour)-1])
		return
	}
	c.Canvas.Fill(p)
}

// rect is the rectangle, in 26.6 fixed-point pixels as gg rounds a path's points, that a path
// outlines, if it outlines one with sides along the axes after the context's transform.
func (c *rasterCanvas) rect(p vg.Path) (image.Rectangle, bool) {
	// A move, three or four lines, and an optional close.
	n := len(p)
	if n > 0 && p[n-1].Type == vg.CloseComp {
		n--
	}
	if n != 4 && n != 5 || p[0].Type != vg.MoveComp {
		return image.Rectangle{}, false
	}
	var pts [5]fixed.Point26_6
	for i := range n {
		if i > 0 && p[i].Type != vg.LineComp {
			return image.Rectangle{}, false
		}
		x, y := c.ctx.TransformPoint(p[i].Pos.X.Dots(c.dpi), p[i].Pos.Y.Dots(c.dpi))
		pts[i] = fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}
	}
	if n == 5 && pts[4] != pts[0] {
		return image.Rectangle{}, false
	}
	// Every point a corner of the bounding box, and each side along an axis.
	lo, hi := pts[0], pts[0]
	for _, q := range pts[1:4] {
		lo.X, lo.Y = min(lo.X, q.X), min(lo.Y, q.Y)
		hi.X, hi.Y = max(hi.X, q.X), max(hi.Y, q.Y)
	}
	for i := range 4 {
		a, b := pts[i], pts[(i+1)%4]
		if a.X != lo.X && a.X != hi.X || a.Y != lo.Y && a.Y != hi.Y || a.X != b.X && a.Y != b.Y {
			return image.Rectangle{}, false
		}
	}
	return image.Rect(int(lo.X), int(lo.Y), int(hi.X), int(hi.Y)), true
}

// fillRect composites clr over the pixels of r (in 1/64 pixel) with the coverage and the
// arithmetic of freetype's rasterizer (non-zero winding) and RGBAPainter (Over).
func fillRect(img *image.RGBA, r image.Rectangle, clr color.Color) {
	if r.Empty() {
		return
	}
	cr, cg, cb, ca := clr.RGBA()
	const m = 1<<16 - 1
	b := img.Bounds()
	y0, y1 := max(r.Min.Y>>6, b.Min.Y), min((r.Max.Y+63)>>6, b.Max.Y)
	x0, x1 := max(r.Min.X>>6, b.Min.X), min((r.Max.X+63)>>6, b.Max.X)
	cover := func(lo, hi, px int) int { return min(hi, (px+1)<<6) - max(lo, px<<6) }
	// A whole pixel of an opaque colour becomes the colour: the arithmetic below gives that.
	opaque := [4]uint8{uint8(cr >> 8), uint8(cg >> 8), uint8(cb >> 8), 0xff}
	for py := y0; py < y1; py++ {
		wy := cover(r.Min.Y, r.Max.Y, py)
		row := img.Pix[img.PixOffset(x0, py):]
		for px := x0; px < x1; px, row = px+1, row[4:] {
			wx := cover(r.Min.X, r.Max.X, px)
			if wx == 64 && wy == 64 && ca == m {
				copy(row[:4], opaque[:])
				continue
			}
			area := wx * wy
			if area <= 0 {
				continue
			}
			a12 := uint32(min(area, 0x0fff))
			ma := a12<<4 | a12>>8
			a := (m - (ca * ma / m)) * 0x101
			row[0] = uint8((uint32(row[0])*a + cr*ma) / m >> 8)
			row[1] = uint8((uint32(row[1])*a + cg*ma) / m >> 8)
			row[2] = uint8((uint32(row[2])*a + cb*ma) / m >> 8)
			row[3] = uint8((uint32(row[3])*a + ca*ma) / m >> 8)
		}
	}
}
