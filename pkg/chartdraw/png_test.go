package chartdraw

import (
	"bytes"
	adler32std "hash/adler32"
	"image"
	"image/png"
	"math/rand/v2"
	"testing"
)

// The chart encoder must give back every pixel, whatever the content.
func TestEncodePNGKeepsEveryPixel(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	for _, size := range [][2]int{{1, 1}, {2, 4}, {3, 2}, {6, 5}, {64, 17}, {257, 33}} {
		img := image.NewRGBA(image.Rect(0, 0, size[0], size[1]))
		for i := range img.Pix {
			img.Pix[i] = byte(r.IntN(256))
		}
		for i := 3; i < len(img.Pix); i += 4 {
			img.Pix[i] = 255 // charts are opaque
		}
		// Rows that repeat the row above, as in bars and white space, take a shortcut.
		for y := 2; y < size[1]; y += 3 {
			copy(img.Pix[y*img.Stride:(y+1)*img.Stride], img.Pix[(y-1)*img.Stride:])
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

// The checksum's shortcut for zero rows agrees with hash/adler32.
func TestAdler32(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	want := adler32std.New()
	got := adler32{a: 1}
	for i := range 200 {
		n := r.IntN(20000)
		if i%2 == 0 {
			want.Write(make([]byte, n))
			got.zeros(n)
			continue
		}
		p := make([]byte, n)
		for j := range p {
			p[j] = byte(r.IntN(256))
		}
		want.Write(p)
		got.update(p)
		if s := got.b<<16 | got.a; s != want.Sum32() {
			t.Fatalf("after %d writes: %08x, want %08x", i+1, s, want.Sum32())
		}
	}
}

// TestAxisEndsWhereTheMeasureCan: the value axis ends on the first tick at or above the chart's
// maximum and depends on nothing else, so that a count of 15 possible states ends at 15 (not
// 20) and the area shares run 0-40 in every chart that shows them.
func TestAxisEndsWhereTheMeasureCan(t *testing.T) {
	for _, c := range []struct{ max, want float64 }{{15, 15}, {13, 15}, {32, 40}, {32.02, 40}, {67.1, 80}, {2, 2}, {0, 1}} {
		if got := axisMax(c.max); got != c.want {
			t.Errorf("axisMax(%g) = %g, want %g", c.max, got, c.want)
		}
	}
}
