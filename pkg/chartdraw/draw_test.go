package chartdraw_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image/png"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/chartdraw"
)

func sampleCharts() []chart.Chart {
	head := func(name string) chart.Heading {
		return chart.Heading{Name: name, Title: "Share of activities per area", Subtitle: "n = 228 activities",
			Footnotes: []string{"* This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence."}}
	}
	bars := chart.Bars{Heading: head("bars"), Axis: "% of activities", Max: 32, Bars: []chart.Bar{
		{Label: "Border management", Value: 32, Text: "32% (73)", Colour: "#0072B2"},
		{Label: "Information exchange/situational awareness", Value: 19, Text: "19% (43)", Colour: "#E69F00"},
	}}
	return []chart.Chart{
		&bars,
		&chart.Panels{Heading: head("panels"), Panels: []chart.Bars{bars, bars}},
		&chart.Grouped{Heading: head("grouped"), Axis: "Member States", Max: 9, Categories: []string{"Asylum", "Integration"},
			Series: []chart.Series{{Label: "Expert", Colour: "#009E73", Values: []float64{3, 0}, Texts: []string{"3", "0"}}}},
		&chart.Heat{Heading: head("heat"), Rows: []string{"Asylum", "Return"}, Cols: []string{"Serbia", "Bosnia and Herzegovina"},
			Values: [][]int{{3, 0}, {1, 9}}, Max: 9},
	}
}

// Print size: 16 cm at 300 dpi is 1890 pixels wide; other widths and resolutions scale.
func TestPNGSize(t *testing.T) {
	for _, tc := range []struct {
		width float64
		dpi   int
		px    int
	}{{16, 300, 1890}, {8, 150, 472}, {0, 0, 1890}} {
		for _, c := range sampleCharts() {
			data, err := chartdraw.Draw(c, chartdraw.Options{WidthCM: tc.width, DPI: tc.dpi})
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", c.FileName(), err)
			}
			b := img.Bounds()
			if b.Dx() != tc.px || b.Dy() < tc.px/4 || b.Dy() > tc.px*3 {
				t.Errorf("%s at %g cm, %d dpi: %dx%d px, want %d wide and a sensible height", c.FileName(), tc.width, tc.dpi, b.Dx(), b.Dy(), tc.px)
			}
		}
	}
}

func TestSameChartSameBytes(t *testing.T) {
	for _, format := range chartdraw.Formats {
		for _, c := range sampleCharts() {
			a, err := chartdraw.Draw(c, chartdraw.Options{Format: format})
			if err != nil {
				t.Fatal(err)
			}
			b, err := chartdraw.Draw(c, chartdraw.Options{Format: format})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s as %s: two drawings differ", c.FileName(), format)
			}
		}
	}
}

func TestFormats(t *testing.T) {
	c := sampleCharts()[0]
	for format, magic := range map[string]string{"png": "\x89PNG", "svg": "<?xml", "pdf": "%PDF"} {
		data, err := chartdraw.Draw(c, chartdraw.Options{Format: format})
		if err != nil || !strings.HasPrefix(string(data), magic) {
			t.Errorf("%s: %.10q, %v", format, data, err)
		}
	}
	if _, err := chartdraw.Draw(c, chartdraw.Options{Format: "gif"}); err == nil {
		t.Error("gif: no error")
	}
}

// Titles are bold in every format; in PDF, as the bold face's outlines.
func TestPDFTitlesAreBold(t *testing.T) {
	data, err := chartdraw.Draw(sampleCharts()[0], chartdraw.Options{Format: "pdf"})
	if err != nil {
		t.Fatal(err)
	}
	// The bold face is never handed to the PDF library, which would draw it with the regular
	// face's glyphs (one embedded file per name, and gonum names every one "font.z"): bold text
	// is drawn as the bold face's outlines (TestBoldGlyphOutlines).
	if !bytes.Contains(data, []byte("/BaseFont /LiberationSans\n")) || bytes.Contains(data, []byte("/BaseFont /LiberationSans-Bold")) {
		t.Error("the PDF embeds a bold face, whose text would show regular glyphs")
	}
	svg, err := chartdraw.Draw(sampleCharts()[0], chartdraw.Options{Format: "svg"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte("font-weight:bold")) || bytes.Contains(svg, []byte("BoldPDF")) {
		t.Error("the SVG does not set its title in Liberation Sans, bold")
	}
	// A font stack, so that a PC without Liberation Sans shows Arial rather than a serif font.
	if bytes.Contains(svg, []byte("font-family:Liberation Sans;")) ||
		!bytes.Contains(svg, []byte("font-family:'Liberation Sans',Arial,Helvetica,'Helvetica Neue',sans-serif;")) {
		t.Error("the SVG names Liberation Sans alone")
	}
}

// Heights grow with the bars, so that long lists are not squeezed.
func TestHeightGrowsWithCategories(t *testing.T) {
	short := &chart.Bars{Heading: chart.Heading{Name: "s", Title: "T"}, Max: 1, Bars: []chart.Bar{{Label: "a", Value: 1}}}
	long := &chart.Bars{Heading: chart.Heading{Name: "l", Title: "T"}, Max: 1}
	for range 12 {
		long.Bars = append(long.Bars, chart.Bar{Label: "a", Value: 1})
	}
	h := func(c chart.Chart) int {
		data, err := chartdraw.Draw(c, chartdraw.Options{})
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		return img.Bounds().Dy()
	}
	// 0.72 cm a bar at least: 85 px at 300 dpi.
	if hs, hl := h(short), h(long); hl < hs+11*85 {
		t.Errorf("1 bar: %d px high, 12 bars: %d px", hs, hl)
	}
}

// Word places a PNG by its stored resolution: the chart must say 300 dpi to come in 16 cm wide.
func TestPNGCarriesItsResolution(t *testing.T) {
	data, err := chartdraw.Draw(sampleCharts()[0], chartdraw.Options{DPI: 300})
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("pHYs"))
	if i < 0 {
		t.Fatal("no pHYs chunk")
	}
	ppm := binary.BigEndian.Uint32(data[i+4:])
	if ppm != 11811 || data[i+12] != 1 {
		t.Errorf("%d pixels per metre (unit %d), want 11811 per metre (300 dpi)", ppm, data[i+12])
	}
	// The file still decodes: the chunk's CRC is right.
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		t.Error(err)
	}
}

// An untitled chart is shorter by its title and subtitle, for documents that caption charts.
func TestUntitledLeavesTheHeadingOut(t *testing.T) {
	c := sampleCharts()[0]
	size := func(untitled bool) int {
		data, err := chartdraw.Draw(c, chartdraw.Options{Untitled: untitled})
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		return img.Bounds().Dy()
	}
	if titled, untitled := size(false), size(true); untitled >= titled-100 {
		t.Errorf("untitled %d px high, titled %d", untitled, titled)
	}
}

// DrawAll gives every chart the bytes that Draw gives it, whatever goroutine draws it, and keeps
// each chart's error to itself.
func TestDrawAllDrawsAsDraw(t *testing.T) {
	charts := append(sampleCharts(), &chart.Bars{Heading: chart.Heading{Name: "tall", Title: "T"}, Max: 1,
		Bars: make([]chart.Bar, 14)})
	for _, format := range chartdraw.Formats {
		got := make([][]byte, len(charts))
		errs := chartdraw.DrawAll(charts, chartdraw.Options{Format: format}, func(i int, data []byte) error {
			if got[i] != nil {
				t.Errorf("%s drawn twice", charts[i].FileName())
			}
			got[i] = data
			return nil
		})
		for i, c := range charts {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			want, err := chartdraw.Draw(c, chartdraw.Options{Format: format})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got[i], want) {
				t.Errorf("%s as %s: DrawAll and Draw differ", c.FileName(), format)
			}
		}
	}
	errs := chartdraw.DrawAll(charts, chartdraw.Options{}, func(i int, data []byte) error {
		if i == 1 {
			return errors.New("disk full")
		}
		return nil
	})
	for i, err := range errs {
		if (err != nil) != (i == 1) {
			t.Errorf("chart %d: error %v", i, err)
		}
	}
}
