// Package chartdraw draws the charts that pkg/chart describes, with gonum/plot, as PNG, SVG or
// PDF at print size. Everything that could vary from run to run is fixed: fonts, colours,
// layout, and the dates PDF files carry.
package chartdraw

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	"image/color"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
)

// Formats that Draw writes.
var Formats = []string{"png", "svg", "pdf"}

// Options size the charts.
type Options struct {
	WidthCM float64 // default 16: the text width of an A4 Council note
	DPI     int     // default 300, for PNG
	Format  string  // png (default), svg or pdf
	// Untitled leaves the title and subtitle out of the image, for documents that caption
	// charts themselves; the legend and footnotes stay.
	Untitled bool
}

func (o Options) withDefaults() Options {
	if o.WidthCM <= 0 {
		o.WidthCM = 16
	}
	if o.DPI <= 0 {
		o.DPI = 300
	}
	if o.Format == "" {
		o.Format = "png"
	}
	return o
}

var setup sync.Once

// fonts are looked up once, on the first chart drawn, so that commands that draw nothing pay
// nothing for them.
var fonts *font.Cache

func initFonts() {
	coll := slices.Clone(liberation.Collection())
	for _, f := range coll {
		if f.Font.Typeface == "Liberation" && f.Font.Variant == "Sans" && f.Font.Weight == xfont.WeightBold && f.Font.Style == xfont.StyleNormal {
			coll = append(coll, font.Face{Font: font.Font{Typeface: pdfBold, Variant: "Sans"}, Face: f.Face})
			break
		}
	}
	fonts = font.NewCache(coll)
	plot.DefaultFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
	plot.DefaultTextHandler = text.Plain{Fonts: fonts}
	// PDF files carry creation dates; fixed ones make the bytes the same on every run.
	epoch := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	fpdf.SetDefaultCreationDate(epoch)
	fpdf.SetDefaultModificationDate(epoch)
	fpdf.SetDefaultCatalogSort(true)
}

// Draw renders one chart in the options' format.
func Draw(c chart.Chart, opts Options) ([]byte, error) {
	j, err := plan(c, opts)
	if err != nil {
		return nil, err
	}
	var s scratch
	return s.draw(j)
}

// DrawAll draws charts concurrently, on as many goroutines as there are processors, and hands
// each chart's bytes to write, which those goroutines call, once a chart, in no set order. The
// tallest charts start first, so that no processor is left alone with a big one at the end.
// It returns each chart's error, nil where it was drawn and written.
func DrawAll(charts []chart.Chart, opts Options, write func(i int, data []byte) error) []error {
	errs := make([]error, len(charts))
	jobs := make([]*job, 0, len(charts))
	for i, c := range charts {
		j, err := plan(c, opts)
		if err != nil {
			errs[i] = err
			continue
		}
		j.index = i
		jobs = append(jobs, j)
	}
	// Stable, and by height only: the order, and so which goroutine draws what, does not
	// change the bytes of any chart, but a fixed one is easier to reason about.
	slices.SortStableFunc(jobs, func(a, b *job) int { return cmp.Compare(b.height, a.height) })
	queue := make(chan *job, len(jobs))
	for _, j := range jobs {
		queue <- j
	}
	close(queue)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			var s scratch
			for j := range queue {
				data, err := s.draw(j)
				if err == nil {
					err = write(j.index, data)
				}
				errs[j.index] = err
			}
		})
	}
	wg.Wait()
	return errs
}

// job is a chart laid out and ready to draw.
type job struct {
	index      int
	opts       Options
	l          *layout
	h          *chart.Heading
	body       bodyDrawer
	legend     []chart.Series
	head, foot vg.Length
	width      vg.Length
	height     vg.Length
}

// plan lays a chart out: its parts and its size.
func plan(c chart.Chart, opts Options) (*job, error) {
	setup.Do(initFonts)
	opts = opts.withDefaults()
	if !slices.Contains(Formats, opts.Format) {
		return nil, fmt.Errorf("chart format %q: use png, svg or pdf", opts.Format)
	}
	width := vg.Length(opts.WidthCM) * vg.Centimeter
	l := newLayout(width, opts.Format == "pdf")
	var body bodyDrawer
	switch ch := c.(type) {
	case *chart.Bars:
		body = barsBody(l, ch)
	case *chart.Panels:
		body = panelsBody(l, ch)
	case *chart.Grouped:
		body = groupedBody(l, ch)
	case *chart.Heat:
		body = heatBody(l, ch)
	default:
		return nil, fmt.Errorf("chartdraw: unknown chart %T", c)
	}
	h := c.Header()
	if opts.Untitled {
		untitled := *h
		untitled.Title, untitled.Subtitle = "", ""
		h = &untitled
	}
	j := &job{opts: opts, l: l, h: h, body: body, legend: body.legend(), width: width}
	j.head = l.headerHeight(h, j.legend)
	j.foot = l.footerHeight(h)
	j.height = j.head + body.height() + j.foot
	return j, nil
}

// scratch holds what one goroutine reuses from chart to chart: the pixels of the page and the
// PNG encoder's buffers.
type scratch struct {
	pix []byte
	png pngEncoder
}

// draw renders a planned chart.
func (s *scratch) draw(j *job) ([]byte, error) {
	opts := j.opts
	canvas, finish, err := s.newCanvas(opts, j.width, j.height)
	if err != nil {
		return nil, err
	}
	dc := draw.New(canvas)
	if opts.Format != "png" {
		// vgimg paints its background itself, fast; vector formats need a white page.
		dc.SetColor(color.White)
		dc.Fill(dc.Rectangle.Path())
	}
	j.l.drawHeader(dc, j.h, j.legend)
	bodyArea := draw.Crop(dc, 0, 0, j.foot, -j.head)
	j.body.draw(bodyArea)
	j.l.drawFooter(dc, j.h)
	return finish()
}

// newCanvas makes a canvas of the format and the function that encodes it.
func (s *scratch) newCanvas(opts Options, w, h vg.Length) (vg.CanvasSizer, func() ([]byte, error), error) {
	switch opts.Format {
	case "png":
		r := imageSize(w, h, opts.DPI)
		n := 4 * r.Dx() * r.Dy()
		if cap(s.pix) < n {
			s.pix = make([]byte, n)
		}
		img := &image.RGBA{Pix: s.pix[:n], Stride: 4 * r.Dx(), Rect: r}
		c := newRasterCanvas(img, w, h, opts.DPI)
		return c, func() ([]byte, error) { return s.png.encode(img, opts.DPI) }, nil
	case "svg":
		c := vgsvg.New(w, h)
		return c, func() ([]byte, error) {
			data, err := written(c)
			return svgFontStack(data), err
		}, nil
	case "pdf":
		c := vgpdf.New(w, h)
		return pdfCanvas{c}, func() ([]byte, error) { return written(c) }, nil
	}
	return nil, nil, fmt.Errorf("chart format %q: use png, svg or pdf", opts.Format)
}

// svgFontStack names fonts that office PCs have after Liberation Sans: Arial has the same
// widths (Liberation Sans was made to match it), so the text keeps its place; without a stack,
// a viewer lacking Liberation Sans falls back to a serif font.
func svgFontStack(svg []byte) []byte {
	return bytes.ReplaceAll(svg, []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,'Helvetica Neue',sans-serif;"))
}

func written(c io.WriterTo) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// bodyDrawer is the part of a chart between its header and its footnotes.
type bodyDrawer interface {
	height() vg.Length
	draw(c draw.Canvas)
	legend() []chart.Series
}

// layout holds the measures and text styles shared by every chart of one width.
type layout struct {
	width                          vg.Length
	margin                         vg.Length
	title, subtitle, label, value  text.Style
	footnote, small, panelTitle    text.Style
	ink, faint, grid, zeroCellLine color.Color
}

// pdfBold names Liberation Sans Bold as a typeface of its own, in the regular weight. gonum's PDF
// canvas registers a font under its name without a style, then asks for it with the style "B" when
// the weight is bold, and fails; under this name it asks for no style and finds it. SVG and PNG
// keep the real name and weight, which an SVG viewer needs to pick the font.
const pdfBold = "LiberationBoldPDF"

func newLayout(width vg.Length, pdf bool) *layout {
	style := func(size vg.Length, bold bool, c color.Color) text.Style {
		f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
		switch {
		case bold && pdf:
			f.Typeface = pdfBold
		case bold:
			f.Weight = xfont.WeightBold
		}
		return text.Style{Color: c, Font: f, Handler: plot.DefaultTextHandler, XAlign: text.XLeft, YAlign: text.YTop}
	}
	ink := color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	grey := color.RGBA{0x55, 0x55, 0x55, 0xff}
	return &layout{
		width:        width,
		margin:       0.35 * vg.Centimeter,
		title:        style(11, true, ink),
		subtitle:     style(8.5, false, grey),
		label:        style(8.5, false, ink),
		value:        style(8, false, ink),
		footnote:     style(7, false, grey),
		small:        style(8, false, ink),
		panelTitle:   style(8.5, true, ink),
		ink:          ink,
		faint:        color.RGBA{0x66, 0x66, 0x66, 0xff},
		grid:         color.RGBA{0xdd, 0xdd, 0xdd, 0xff},
		zeroCellLine: color.RGBA{0xbb, 0xbb, 0xbb, 0xff},
	}
}

// lineHeight is the distance between two lines of a style.
func lineHeight(s text.Style) vg.Length {
	e := s.FontExtents()
	return e.Height
}

// wrap breaks text into lines no wider than width, at spaces or after "/".
func wrap(s text.Style, txt string, width vg.Length) []string {
	var lines []string
	for _, para := range strings.Split(txt, "\n") {
		words := splitWords(para)
		line := ""
		for _, w := range words {
			try := line + w
			if line != "" && s.Width(strings.TrimRight(try, " ")) > width {
				lines = append(lines, strings.TrimRight(line, " "))
				line = strings.TrimLeft(w, " ")
				continue
			}
			line = try
		}
		lines = append(lines, strings.TrimRight(line, " "))
	}
	return lines
}

// splitWords keeps each word's trailing space or slash with it, so that joining gives the text.
func splitWords(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if r == ' ' || r == '/' {
			out = append(out, s[start:i+1])
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func (l *layout) textWidth() vg.Length { return l.width - 2*l.margin }

func (l *layout) headerHeight(h *chart.Heading, legend []chart.Series) vg.Length {
	n := l.margin
	if h.Title != "" {
		n += vg.Length(len(wrap(l.title, h.Title, l.textWidth()))) * lineHeight(l.title)
	}
	if h.Subtitle != "" {
		n += 2 + vg.Length(len(wrap(l.subtitle, h.Subtitle, l.textWidth())))*lineHeight(l.subtitle)
	}
	if len(legend) > 0 {
		n += 4 + vg.Length(len(l.legendRows(legend)))*lineHeight(l.small)*1.3
	}
	return n + 0.25*vg.Centimeter
}

func (l *layout) footerHeight(h *chart.Heading) vg.Length {
	n := l.margin
	for _, f := range h.Footnotes {
		n += vg.Length(len(wrap(l.footnote, f, l.textWidth()))) * lineHeight(l.footnote)
	}
	if len(h.Footnotes) > 0 {
		n += 0.2 * vg.Centimeter
	}
	return n
}

// drawLines writes lines from the top-left point down and returns the y below them.
func drawLines(c draw.Canvas, s text.Style, x, y vg.Length, lines []string) vg.Length {
	for _, line := range lines {
		c.FillText(s, vg.Point{X: x, Y: y}, line)
		y -= lineHeight(s)
	}
	return y
}

func (l *layout) drawHeader(c draw.Canvas, h *chart.Heading, legend []chart.Series) {
	x := c.Min.X + l.margin
	y := c.Max.Y - l.margin
	if h.Title != "" {
		y = drawLines(c, l.title, x, y, wrap(l.title, h.Title, l.textWidth()))
	}
	if h.Subtitle != "" {
		y = drawLines(c, l.subtitle, x, y-2, wrap(l.subtitle, h.Subtitle, l.textWidth()))
	}
	if len(legend) == 0 {
		return
	}
	y -= 4
	box := lineHeight(l.small) * 0.8
	for _, row := range l.legendRows(legend) {
		lx := x
		for _, s := range row {
			rect := vg.Rectangle{Min: vg.Point{X: lx, Y: y - box}, Max: vg.Point{X: lx + box, Y: y}}
			c.FillPolygon(hex(s.Colour), rectPoints(rect))
			c.FillText(l.small, vg.Point{X: lx + box + 3, Y: y + 1}, s.Label)
			lx += box + 3 + l.small.Width(s.Label) + 10
		}
		y -= lineHeight(l.small) * 1.3
	}
}

// legendRows fills rows of legend entries no wider than the text width.
func (l *layout) legendRows(series []chart.Series) [][]chart.Series {
	var rows [][]chart.Series
	var row []chart.Series
	var w vg.Length
	box := lineHeight(l.small) * 0.8
	for _, s := range series {
		entry := box + 3 + l.small.Width(s.Label) + 10
		if len(row) > 0 && w+entry > l.textWidth() {
			rows = append(rows, row)
			row, w = nil, 0
		}
		row = append(row, s)
		w += entry
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

func (l *layout) drawFooter(c draw.Canvas, h *chart.Heading) {
	if len(h.Footnotes) == 0 {
		return
	}
	total := vg.Length(0)
	for _, f := range h.Footnotes {
		total += vg.Length(len(wrap(l.footnote, f, l.textWidth()))) * lineHeight(l.footnote)
	}
	y := c.Min.Y + l.margin + total
	for _, f := range h.Footnotes {
		y = drawLines(c, l.footnote, c.Min.X+l.margin, y, wrap(l.footnote, f, l.textWidth()))
	}
}

func rectPoints(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}
}

// hex parses "#rrggbb"; anything else is mid grey, which a schema check has already refused.
func hex(s string) color.Color {
	if len(s) != 7 || s[0] != '#' {
		return color.RGBA{0x88, 0x88, 0x88, 0xff}
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.RGBA{0x88, 0x88, 0x88, 0xff}
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}
