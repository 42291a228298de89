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
