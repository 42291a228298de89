package chartdraw

import (
	"image/color"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
)

// axisHeight is the room under the bars for tick labels and the axis title.
const axisHeight = 1.25 * vg.Centimeter

// labelShare is the most of the chart's width that category labels may take before wrapping.
const labelShare = 0.36

// newPlot makes a plot with the layout's fonts and a value axis from zero, ticks on whole
// numbers (counts and whole percentages alike).
func (l *layout) newPlot(axis string, xmax float64) *plot.Plot {
	p := plot.New()
	// No background: the page is white already, and plot.Draw would fill the whole canvas
	// with a transparent colour, rasterising every pixel for nothing.
	p.BackgroundColor = nil
	p.X.Label.Text = axis
	p.X.Label.TextStyle = l.label
	p.X.Label.TextStyle.XAlign, p.X.Label.TextStyle.YAlign = text.XCenter, text.YBottom
	p.X.Tick.Label = l.value
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = text.XCenter, text.YTop
	p.Y.Tick.Label = l.label
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = text.XRight, text.YCenter
	p.X.Min, p.X.Max = 0, xmax
	p.X.LineStyle.Color = l.faint
	p.X.Tick.LineStyle.Color = l.faint
	p.Y.LineStyle.Width = 0
	p.Y.Tick.LineStyle.Width = 0
	p.X.Tick.Marker = integerTicks{}
	grid := plotter.NewGrid()
	grid.Horizontal.Width = 0
	grid.Vertical.Color = l.grid
	grid.Vertical.Width = 0.5
	p.Add(grid)
	return p
}

// integerTicks puts ticks on whole numbers only: counts of states have no halves.
type integerTicks struct{}

func (integerTicks) Ticks(min, max float64) []plot.Tick {
	step := tickStep(max - min)
	var ticks []plot.Tick
	for v := math.Ceil(min/step) * step; v <= max+1e-9; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return ticks
}

// tickStep is the whole-number step that puts at most six ticks on a span.
func tickStep(span float64) float64 {
	for _, s := range []float64{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000} {
		if span/s <= 6 {
			return s
		}
	}
	return math.Pow(10, math.Ceil(math.Log10(span/6)))
}

// maxLabelLines is the most lines of a category label; a longer one ends in "…" (the tables
// give it whole).
const maxLabelLines = 2

// categoryLabels wraps labels that are wider than the label column and reports the widest line.
func (l *layout) categoryLabels(labels []string) ([]string, vg.Length, int) {
	limit := l.width * labelShare
	out := make([]string, len(labels))
	widest, lines := vg.Length(0), 1
	for i, lab := range labels {
		wrapped := fitLines(l.label, lab, limit, maxLabelLines)
		out[i] = strings.Join(wrapped, "\n")
		lines = max(lines, len(wrapped))
		for _, w := range wrapped {
			widest = max(widest, l.label.Width(w))
		}
	}
	return out, widest, lines
}

// axisMax ends the value axis on the first tick at or above the chart's maximum: a measure's
// maximum alone sets it, so that one measure has one scale in every chart, whatever the width,
// and a count of states ends at the number of states that could be there (15, not 20).
func axisMax(max float64) float64 {
	if max <= 0 {
		return 1
	}
	step := tickStep(max)
	return math.Ceil(max/step-1e-9) * step
}

// textRoom is the room right of the axis end for the text at the end of the longest bar.
func (l *layout) textRoom(texts []string) vg.Length {
	room := vg.Length(0)
	for _, t := range texts {
		room = max(room, l.value.Width(t))
	}
	return room + 6
}

// reversed puts the first category at the top: a nominal axis counts from the bottom.
func reversed(labels []string) []string {
	out := make([]string, len(labels))
	for i, s := range labels {
		out[len(labels)-1-i] = s
	}
	return out
}

// maxColLines is the most lines of a heat map's column label.
const maxColLines = 4

// fitLines wraps text into at most n lines no wider than width: a word wider than the width is
// broken with a hyphen, and the last line ends in "…" when text is left over.
func fitLines(s text.Style, txt string, width vg.Length, n int) []string {
	lines := wrap(s, txt, width)
	var out []string
	for _, line := range lines {
		// A point over is not worth a broken word: heat-map column labels keep two points
		// either side, and a label shrunk to its column's width measures a hair over it.
		if s.Width(line) <= width+1 {
			out = append(out, line)
			continue
		}
		// Only a single word can be wider than the width: wrap breaks at every space.
		out = append(out, breakWord(s, line, width)...)
	}
	if len(out) <= n {
		return out
	}
	out = out[:n]
	last := out[n-1]
	for last != "" && s.Width(last+"…") > width {
		_, size := utf8.DecodeLastRuneInString(last)
		last = last[:len(last)-size]
	}
	out[n-1] = strings.TrimRight(last, " ") + "…"
	return out
}

// breakWord cuts a word into pieces no wider than width, each but the last ending in "-".
func breakWord(s text.Style, word string, width vg.Length) []string {
	var out []string
	for word != "" {
		cut := 0
		for i := range word {
			if i > 0 && s.Width(word[:i]+"-") > width {
				break
			}
			cut = i
		}
		if s.Width(word) <= width {
			cut = len(word)
		}
		if cut == 0 {
			// Not even one letter fits: take one anyway, rather than loop.
			_, cut = utf8.DecodeRuneInString(word)
		}
		if cut == len(word) {
			out = append(out, word)
			break
		}
		out = append(out, word[:cut]+"-")
		word = word[cut:]
	}
	return out
}

// --- single bar charts ---

type barsDrawer struct {
	l      *layout
	ch     *chart.Bars
	labels []string
	labelW vg.Length
	rowH   vg.Length
	hideY  bool
}

func barsBody(l *layout, ch *chart.Bars) *barsDrawer {
	raw := make([]string, len(ch.Bars))
	for i, b := range ch.Bars {
		raw[i] = b.Label
	}
	labels, w, lines := l.categoryLabels(raw)
	return &barsDrawer{l: l, ch: ch, labels: labels, labelW: w, rowH: rowHeight(l, lines)}
}

func rowHeight(l *layout, lines int) vg.Length {
	return max(0.72*vg.Centimeter, vg.Length(lines)*lineHeight(l.label)+0.32*vg.Centimeter)
}

func (d *barsDrawer) legend() []chart.Series { return nil }

func (d *barsDrawer) height() vg.Length {
	return vg.Length(len(d.ch.Bars))*d.rowH + axisHeight
}

func (d *barsDrawer) draw(c draw.Canvas) {
	c = draw.Crop(c, d.l.margin, -d.l.margin, 0, 0)
	texts := make([]string, len(d.ch.Bars))
	for i, b := range d.ch.Bars {
		texts[i] = b.Text
	}
	p := d.l.newPlot(d.ch.Axis, axisMax(d.ch.Max))
	p.Y.Min, p.Y.Max = -0.5, float64(len(d.ch.Bars))-0.5
	p.Add(&barsPlotter{l: d.l, bars: d.ch.Bars})
	if d.hideY {
		p.Y.Tick.Marker = plot.ConstantTicks(nil)
		p.Y.Padding = 0
	} else {
		d.l.categoryAxis(p, d.labels)
		p.Y.Tick.LineStyle.Width = 0
	}
	p.Draw(draw.Crop(c, 0, -d.l.textRoom(texts), 0, 0))
}

// categoryAxis makes the y axis name the categories, the first at the top, right-aligned
// against the plot.
func (l *layout) categoryAxis(p *plot.Plot, labels []string) {
	p.NominalY(reversed(labels)...)
	p.Y.Tick.Label = l.label
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = text.XRight, text.YCenter
}

// barsPlotter draws horizontal bars, each in its own colour, with its text at its end.
type barsPlotter struct {
	l    *layout
	bars []chart.Bar
}

func (b *barsPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	n := len(b.bars)
	for i, bar := range b.bars {
		y := float64(n - 1 - i)
		rect := vg.Rectangle{Min: vg.Point{X: trX(0), Y: trY(y - 0.32)}, Max: vg.Point{X: trX(bar.Value), Y: trY(y + 0.32)}}
		if bar.Value > 0 {
			fillBar(c, bar.Colour, rect)
		}
		sty := b.l.value
		sty.XAlign, sty.YAlign = text.XLeft, text.YCenter
		c.FillText(sty, vg.Point{X: rect.Max.X + 4, Y: trY(y)}, bar.Text)
	}
}

func (b *barsPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmax = 0
	for _, bar := range b.bars {
		xmax = math.Max(xmax, bar.Value)
	}
	return 0, xmax, -0.5, float64(len(b.bars)) - 0.5
}

// --- panels side by side ---

type panelsDrawer struct {
	l      *layout
	ch     *chart.Panels
	panels []*barsDrawer
}

func panelsBody(l *layout, ch *chart.Panels) *panelsDrawer {
	d := &panelsDrawer{l: l, ch: ch}
	for i := range ch.Panels {
		bd := barsBody(l, &ch.Panels[i])
		bd.hideY = i > 0
		d.panels = append(d.panels, bd)
	}
	// Every panel has the rows of the first, so that the bars line up.
	for _, p := range d.panels[1:] {
		p.rowH = d.panels[0].rowH
	}
	return d
}

func (d *panelsDrawer) legend() []chart.Series { return nil }

func (d *panelsDrawer) height() vg.Length {
	return d.panels[0].height() + lineHeight(d.l.panelTitle) + 4
}

func (d *panelsDrawer) draw(c draw.Canvas) {
	titleH := lineHeight(d.l.panelTitle) + 4
	labelW := d.panels[0].labelW + 12 + d.l.margin
	rest := (c.Max.X - c.Min.X - labelW) / vg.Length(len(d.panels))
	for i, p := range d.panels {
		left := c.Min.X
		right := c.Min.X + labelW + rest*vg.Length(i+1)
		if i > 0 {
			left = c.Min.X + labelW + rest*vg.Length(i)
		}
		area := c
		area.Min.X, area.Max.X = left, right
		area.Max.Y -= titleH
		sty := d.l.panelTitle
		tx := left + 0.4*vg.Centimeter
		if i == 0 {
			tx = left + labelW
		}
		c.FillText(sty, vg.Point{X: tx, Y: c.Max.Y}, d.ch.Panels[i].Title)
		if i > 0 {
			area = draw.Crop(area, 0.4*vg.Centimeter, 0, 0, 0)
		}
		p.draw(area)
	}
}

// --- grouped bars ---

type groupedDrawer struct {
	l      *layout
	ch     *chart.Grouped
	labels []string
	labelW vg.Length
	rowH   vg.Length
}

func groupedBody(l *layout, ch *chart.Grouped) *groupedDrawer {
	labels, w, lines := l.categoryLabels(ch.Categories)
	barH := lineHeight(l.value) * 1.1
	rowH := max(vg.Length(len(ch.Series))*barH+0.35*vg.Centimeter, rowHeight(l, lines))
	return &groupedDrawer{l: l, ch: ch, labels: labels, labelW: w, rowH: rowH}
}

func (d *groupedDrawer) legend() []chart.Series { return d.ch.Series }

func (d *groupedDrawer) height() vg.Length {
	return vg.Length(len(d.ch.Categories))*d.rowH + axisHeight
}

func (d *groupedDrawer) draw(c draw.Canvas) {
	c = draw.Crop(c, d.l.margin, -d.l.margin, 0, 0)
	var texts []string
	for _, s := range d.ch.Series {
		texts = append(texts, s.Texts...)
	}
	p := d.l.newPlot(d.ch.Axis, axisMax(d.ch.Max))
	n := len(d.ch.Categories)
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	p.Add(&groupedPlotter{l: d.l, ch: d.ch})
	d.l.categoryAxis(p, d.labels)
	p.Y.Tick.LineStyle.Width = 0
	p.Draw(draw.Crop(c, 0, -d.l.textRoom(texts), 0, 0))
}

type groupedPlotter struct {
	l  *layout
	ch *chart.Grouped
}

func (g *groupedPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	n, ns := len(g.ch.Categories), len(g.ch.Series)
	band := 0.84 / float64(ns)
	for i := range g.ch.Categories {
		centre := float64(n - 1 - i)
		for s, series := range g.ch.Series {
			// Series top to bottom in legend order.
			y := centre + 0.42 - band*(float64(s)+0.5)
			v := series.Values[i]
			rect := vg.Rectangle{Min: vg.Point{X: trX(0), Y: trY(y - band*0.42)}, Max: vg.Point{X: trX(v), Y: trY(y + band*0.42)}}
			if v > 0 {
				fillBar(c, series.Colour, rect)
			}
			if empty(g.ch.Series, i) {
				continue
			}
			sty := g.l.value
			sty.XAlign, sty.YAlign = text.XLeft, text.YCenter
			if v == 0 {
				sty.Color = g.l.faint
			}
			c.FillText(sty, vg.Point{X: rect.Max.X + 3, Y: trY(y)}, series.Texts[i])
		}
		if empty(g.ch.Series, i) {
			// A gap in every type: one word says it.
			sty := g.l.value
			sty.XAlign, sty.YAlign = text.XLeft, text.YCenter
			sty.Color = g.l.faint
			c.FillText(sty, vg.Point{X: trX(0) + 3, Y: trY(centre)}, g.ch.Empty)
		}
	}
}

// empty reports whether no series has a value for category i.
func empty(series []chart.Series, i int) bool {
	for _, s := range series {
		if s.Values[i] != 0 {
			return false
		}
	}
	return true
}

// fillBar fills a bar and outlines it a shade darker, so that light colours (yellow) still
// stand out from the white page.
func fillBar(c draw.Canvas, colour string, rect vg.Rectangle) {
	fill := hex(colour)
	c.FillPolygon(fill, rectPoints(rect))
	r, g, b, _ := fill.RGBA()
	edge := color.RGBA{uint8(r >> 8 * 7 / 10), uint8(g >> 8 * 7 / 10), uint8(b >> 8 * 7 / 10), 0xff}
	c.StrokeLines(draw.LineStyle{Color: edge, Width: 0.5}, append(rectPoints(rect), rect.Min))
}

func (g *groupedPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	return 0, g.ch.Max, -0.5, float64(len(g.ch.Categories)) - 0.5
}

// --- heat map ---

type heatDrawer struct {
	l      *layout
	ch     *chart.Heat
	rows   []string
	cols   []string
	labelW vg.Length
	rowH   vg.Length
	colH   vg.Length
	colW   vg.Length // the width of one column, its label's room
	colSty text.Style
}

func heatBody(l *layout, ch *chart.Heat) *heatDrawer {
	rows, w, lines := l.categoryLabels(ch.Rows)
	d := &heatDrawer{l: l, ch: ch, rows: rows, labelW: w, rowH: rowHeight(l, lines)}
	colW := (l.width - 2*l.margin - w - 12) / vg.Length(max(1, len(ch.Cols)))
	d.colW = colW
	// Column labels wrap at spaces; a word wider than its column ("Infrastructure" among ten
	// types) makes every column label smaller, down to 6 pt, rather than run into the next.
	d.colSty = l.value
	for _, col := range ch.Cols {
		for _, word := range strings.Fields(col) {
			if ww := d.colSty.Width(word); ww > colW-4 {
				d.colSty.Font.Size = max(6, d.colSty.Font.Size*(colW-4)/ww)
			}
		}
	}
	colLines := 1
	var wrapped [][]string
	for _, col := range ch.Cols {
		w := fitLines(d.colSty, col, colW-4, maxColLines)
		colLines = max(colLines, len(w))
		wrapped = append(wrapped, w)
	}
	for _, w := range wrapped {
		// Every label gets the same number of lines, so that all start at the same height.
		for len(w) < colLines {
			w = append(w, " ")
		}
		d.cols = append(d.cols, strings.Join(w, "\n"))
	}
	d.colH = vg.Length(colLines)*lineHeight(d.colSty) + 0.3*vg.Centimeter
	return d
}

func (d *heatDrawer) legend() []chart.Series { return nil }

func (d *heatDrawer) height() vg.Length {
	return vg.Length(len(d.ch.Rows))*d.rowH + d.colH
}

func (d *heatDrawer) draw(c draw.Canvas) {
	c = draw.Crop(c, d.l.margin, -d.l.margin, 0, 0)
	p := plot.New()
	p.BackgroundColor = nil // as in newPlot
	p.X.Min, p.X.Max = -0.5, float64(len(d.ch.Cols))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(d.ch.Rows))-0.5
	p.Add(&heatPlotter{l: d.l, ch: d.ch})
	p.NominalX(d.cols...)
	d.l.categoryAxis(p, d.rows)
	p.X.Tick.Label = d.colSty
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = text.XCenter, text.YTop
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.LineStyle.Width = 0
		a.Tick.LineStyle.Width = 0
		a.Padding = 2
	}
	p.Draw(c)
}

type heatPlotter struct {
	l  *layout
	ch *chart.Heat
}

// cellColour runs from pale to deep blue with the count: one hue reads for every kind of
// colour vision, and the numbers are written in the cells anyway.
func cellColour(v, max int) color.Color {
	lo := [3]float64{0xde, 0xeb, 0xf7}
	hi := [3]float64{0x08, 0x45, 0x94}
	t := float64(v) / float64(max)
	mix := func(i int) uint8 { return uint8(math.Round(lo[i] + (hi[i]-lo[i])*t)) }
	return color.RGBA{mix(0), mix(1), mix(2), 0xff}
}

func (h *heatPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	n := len(h.ch.Rows)
	for r, row := range h.ch.Values {
		y := float64(n - 1 - r)
		for col, v := range row {
			x := float64(col)
			rect := vg.Rectangle{Min: vg.Point{X: trX(x-0.5) + 1, Y: trY(y-0.5) + 1}, Max: vg.Point{X: trX(x+0.5) - 1, Y: trY(y+0.5) - 1}}
			if v <= 0 {
				// A gap (or a suppressed cell): no fill, a faint outline, no number.
				c.StrokeLines(draw.LineStyle{Color: h.l.zeroCellLine, Width: 0.6}, append(rectPoints(rect), rect.Min))
				if v < 0 {
					sty := h.l.label
					sty.XAlign, sty.YAlign = text.XCenter, text.YCenter
					sty.Color = h.l.faint
					c.FillText(sty, vg.Point{X: (rect.Min.X + rect.Max.X) / 2, Y: (rect.Min.Y + rect.Max.Y) / 2}, h.ch.Mark)
				}
				continue
			}
			fill := cellColour(v, max(1, h.ch.Max))
			c.FillPolygon(fill, rectPoints(rect))
			sty := h.l.label
			sty.XAlign, sty.YAlign = text.XCenter, text.YCenter
			if luminance(fill) < 0.18 {
				// White only where it contrasts more than black does.
				sty.Color = color.White
			}
			c.FillText(sty, vg.Point{X: (rect.Min.X + rect.Max.X) / 2, Y: (rect.Min.Y + rect.Max.Y) / 2}, strconv.Itoa(v))
		}
	}
}

func (h *heatPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(len(h.ch.Cols)) - 0.5, -0.5, float64(len(h.ch.Rows)) - 0.5
}

// luminance is a colour's relative luminance (WCAG): 0 for black, 1 for white. Black text has
// more contrast than white above about 0.18.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
