package chartdraw

import (
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/encoding/charmap"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgpdf"
)

// pdfCanvas draws bold text as the bold face's glyph outlines. gonum's PDF canvas embeds every
// font it is given under the file name "font.z", and the PDF library keeps one file per name: a
// second face (the bold) is listed under its own name with its own widths, but drawn with the
// first face's glyphs, regular letters with bold spacing. Outlines draw the real bold letters.
type pdfCanvas struct {
	*vgpdf.Canvas
}

// FillString implements vg.Canvas.
func (c pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Typeface != pdfBold || f.Face == nil {
		c.Canvas.FillString(f, pt, toCP1252(s))
		return
	}
	if p := glyphPath(f, pt, s); len(p) > 0 {
		c.Fill(p)
	}
}

// toCP1252 encodes text as gonum's PDF canvas embeds its fonts, in code page 1252: given UTF-8
// it would set each byte of a non-ASCII letter as a letter of its own ("…" as "â€¦", "é" as
// "Ã©"). A character that code page lacks becomes "?".
func toCP1252(s string) string {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < 0x80
	}
	if ascii {
		return s
	}
	out := make([]byte, 0, len(s))
	for _, r := range s {
		b, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			b = '?'
		}
		out = append(out, b)
	}
	return string(out)
}

// glyphPath is the outline of s set in f from the baseline point pt, kerned as the text
// handler measures it.
func glyphPath(f font.Face, pt vg.Point, s string) vg.Path {
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(f.Font.Size.Points() * 64)
	toPt := func(v fixed.Int26_6) vg.Length { return vg.Length(float64(v) / 64) }
	var p vg.Path
	pen := pt.X
	prev, hasPrev := sfnt.GlyphIndex(0), false
	for _, r := range s {
		idx, err := f.Face.GlyphIndex(&buf, r)
		if err != nil {
			continue
		}
		if hasPrev {
			if k, err := f.Face.Kern(&buf, prev, idx, ppem, xfont.HintingNone); err == nil {
				pen += toPt(k)
			}
		}
		segs, err := f.Face.LoadGlyph(&buf, idx, ppem, nil)
		if err == nil {
			at := func(q fixed.Point26_6) vg.Point { return vg.Point{X: pen + toPt(q.X), Y: pt.Y - toPt(q.Y)} }
			open := false
			for _, sg := range segs {
				switch sg.Op {
				case sfnt.SegmentOpMoveTo:
					if open {
						p.Close()
					}
					p.Move(at(sg.Args[0]))
					open = true
				case sfnt.SegmentOpLineTo:
					p.Line(at(sg.Args[0]))
				case sfnt.SegmentOpQuadTo:
					p.QuadTo(at(sg.Args[0]), at(sg.Args[1]))
				case sfnt.SegmentOpCubeTo:
					p.CubeTo(at(sg.Args[0]), at(sg.Args[1]), at(sg.Args[2]))
				}
			}
			if open {
				p.Close()
			}
		}
		if adv, err := f.Face.GlyphAdvance(&buf, idx, ppem, xfont.HintingNone); err == nil {
			pen += toPt(adv)
		}
		prev, hasPrev = idx, true
	}
	return p
}
