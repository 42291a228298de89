// Command onechart is the baseline for issue 7: the one-chart gonum/plot program a typical user
// would write. It draws an 8-bar horizontal bar chart at print size (16 cm at 300 dpi, 1890 px
// wide) and saves it as PNG through gonum's usual vg/vgimg and image/png path. mapsurvey's
// twelve charts are timed against this program's wall time.
//
//	go build -o bin/onechart ./.ci/onechart && time bin/onechart /tmp/onechart.png
package main

import (
	"fmt"
	"image/color"
	"os"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

func main() {
	out := "onechart.png"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	labels := []string{"Border management", "Asylum", "Return", "Migration management",
		"Information exchange", "Integration", "Trafficking", "Smuggling"}
	values := plotter.Values{32, 19, 14, 11, 9, 7, 5, 3}

	p := plot.New()
	p.Title.Text = "Share of activities per area"
	p.X.Label.Text = "% of activities"
	bars, err := plotter.NewBarChart(values, vg.Centimeter*0.5)
	if err != nil {
		fail(err)
	}
	bars.Horizontal = true
	bars.Color = color.RGBA{R: 0x00, G: 0x72, B: 0xb2, A: 0xff}
	p.Add(plotter.NewGrid(), bars)
	p.NominalY(labels...)

	// 16 cm wide at 300 dpi: 1890 px.
	c := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(16*vg.Centimeter, 10*vg.Centimeter), vgimg.UseDPI(300))}
	p.Draw(draw.New(c))
	f, err := os.Create(out)
	if err != nil {
		fail(err)
	}
	if _, err := c.WriteTo(f); err != nil {
		fail(err)
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "onechart:", err)
	os.Exit(1)
}
