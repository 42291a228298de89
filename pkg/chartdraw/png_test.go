package chartdraw

import (
	"bytes"
	"image"
	"image/png"
	"math/rand/v2"
	"testing"
)

// The chart encoder must give back every pixel, whatever the content.
func TestEncodePNGKeepsEveryPixel(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	for _, size := range [][2]int{{1, 1}, {3, 2}, {64, 17}, {257, 33}} {
		img := image.NewRGBA(image.Rect(0, 0, size[0], size[1]))
		for i := range img.Pix {
			img.Pix[i] = byte(r.IntN(256))
		}
		for i := 3; i < len(img.Pix); i += 4 {
			img.Pix[i] = 255 // charts are opaque
		}
		data, err := encodePNG(img, 300)
		if err != nil {
			t.Fatal(err)
		}
		back, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%v: %v", size, err)
		}
		for y := 0; y < size[1]; y++ {
			for x := 0; x < size[0]; x++ {
				r1, g1, b1, _ := img.At(x, y).RGBA()
				r2, g2, b2, _ := back.At(x, y).RGBA()
				if r1 != r2 || g1 != g2 || b1 != b2 {
					t.Fatalf("%v: pixel %d,%d differs", size, x, y)
				}
			}
		}
	}
}
