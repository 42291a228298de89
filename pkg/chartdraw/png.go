package chartdraw

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"math"

	"github.com/klauspost/compress/flate"
)

// encodePNG writes an opaque chart as an 8-bit RGB PNG with its resolution.
func encodePNG(img *image.RGBA, dpi int) ([]byte, error) {
	var e pngEncoder
	return e.encode(img, dpi)
}

// pngEncoder keeps its buffers and compressor from one image to the next.
//
// Go's image/png tries five filters on every row and compresses at the default level: that was
// more than half of drawing a chart. Charts are mostly flat colour, where the "up" filter alone
// compresses as well, and half their rows repeat the row above (bars, white space): "up" makes
// those zeros without looking at a pixel, and their checksum is one multiplication. The rows go
// to klauspost/compress's fastest deflate level, twice as fast as compress/flate's BestSpeed,
// for files a sixth larger. The output depends on the pixels alone, so the same chart gives the
// same bytes on every run.
type pngEncoder struct {
	line, zeros []byte
	data, out   bytes.Buffer
	fw          *flate.Writer
}

func (e *pngEncoder) encode(img *image.RGBA, dpi int) ([]byte, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	e.out.Reset()
	e.out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits, truecolour
	chunk(&e.out, "IHDR", ihdr[:])
	// pHYs: without it Word and LibreOffice assume 96 dpi and place a 16 cm chart 50 cm wide.
	ppm := uint32(math.Round(float64(dpi) / 0.0254))
	var phys [9]byte
	binary.BigEndian.PutUint32(phys[0:], ppm)
	binary.BigEndian.PutUint32(phys[4:], ppm)
	phys[8] = 1 // unit: the metre
	chunk(&e.out, "pHYs", phys[:])

	// The zlib stream (RFC 1950): a header for deflate with a 32 KiB window at the fastest
	// level, the deflated rows, and the Adler-32 of the rows.
	e.data.Reset()
	e.data.WriteString("\x78\x01")
	if e.fw == nil {
		fw, err := flate.NewWriter(&e.data, flate.BestSpeed)
		if err != nil {
			return nil, err
		}
		e.fw = fw
	} else {
		e.fw.Reset(&e.data)
	}
	n := 1 + 3*w
	if cap(e.line) < n {
		e.line = make([]byte, n)
		e.zeros = make([]byte, n)
	}
	line, zeros := e.line[:n], e.zeros[:n]
	line[0], zeros[0] = 2, 2 // the "up" filter
	sum := adler32{a: 1}
	var prev []byte
	for y := b.Min.Y; y < b.Max.Y; y++ {
		i := img.PixOffset(b.Min.X, y)
		row := img.Pix[i : i+4*w]
		out := line
		if prev != nil && bytes.Equal(row, prev) {
			out = zeros
			sum.update(zeros[:1])
			sum.zeros(n - 1)
		} else {
			upRow(line[1:], row, prev, w)
			sum.update(line)
		}
		if _, err := e.fw.Write(out); err != nil {
			return nil, err
		}
		prev = row
	}
	if err := e.fw.Close(); err != nil {
		return nil, err
	}
	var check [4]byte
	binary.BigEndian.PutUint32(check[:], sum.b<<16|sum.a)
	e.data.Write(check[:])
	chunk(&e.out, "IDAT", e.data.Bytes())
	chunk(&e.out, "IEND", nil)
	return bytes.Clone(e.out.Bytes()), nil
}

// adler32 is the running Adler-32 checksum (RFC 1950) of the bytes so far: hash/adler32's,
// with a shortcut for runs of zeros.
type adler32 struct{ a, b uint32 }

const (
	adlerMod = 65521
	// adlerMax is the most bytes that can be added before a and b must be reduced so as not to
	// overflow 32 bits.
	adlerMax = 5552
)

func (s *adler32) update(p []byte) {
	a, b := s.a, s.b
	for len(p) > 0 {
		q := p[:min(len(p), adlerMax)]
		p = p[len(q):]
		for len(q) >= 4 {
			a += uint32(q[0])
			b += a
			a += uint32(q[1])
			b += a
			a += uint32(q[2])
			b += a
			a += uint32(q[3])
			b += a
			q = q[4:]
		}
		for _, x := range q {
			a += uint32(x)
			b += a
		}
		a %= adlerMod
		b %= adlerMod
	}
	s.a, s.b = a, b
}

// zeros adds n zero bytes: a stays, and each of them adds a to b.
func (s *adler32) zeros(n int) {
	s.b = uint32((uint64(s.b) + uint64(n)%adlerMod*uint64(s.a)) % adlerMod)
}

// upRow writes the "up" filter of w RGBA pixels as RGB bytes into out: each byte less the one
// above it (prev is nil on the first row, where nothing is above). Four pixels at a time, as two
// 64-bit words subtracted byte by byte without borrows.
func upRow(out, row, prev []byte, w int) {
	const high = 0x8080808080808080
	out, row = out[:3*w], row[:4*w]
	if prev == nil {
		prev = row[:0]
	}
	if len(prev) == len(row) {
		// A word of each row: their bytes' differences, with no borrow from byte to byte.
		for len(row) >= 16 && len(prev) >= 16 && len(out) >= 12 {
			a, b := binary.LittleEndian.Uint64(row), binary.LittleEndian.Uint64(row[8:])
			p, q := binary.LittleEndian.Uint64(prev), binary.LittleEndian.Uint64(prev[8:])
			d := ((a | high) - (p &^ high)) ^ ((a ^ ^p) & high)
			e := ((b | high) - (q &^ high)) ^ ((b ^ ^q) & high)
			// Keep bytes 0-2 and 4-6 of each word, the colours of four pixels, not their alpha.
			binary.LittleEndian.PutUint64(out, d&0xffffff|(d>>8)&0xffffff000000|e<<48)
			binary.LittleEndian.PutUint32(out[8:], uint32(e>>16)&0xff|uint32(e>>24)&0xffffff00)
			out, row, prev = out[12:], row[16:], prev[16:]
		}
	}
	// The last pixels, or the first row, where the filter is the pixels themselves.
	for len(row) >= 4 && len(out) >= 3 {
		var p [3]byte
		if len(prev) >= 3 {
			copy(p[:], prev)
			prev = prev[4:]
		}
		out[0], out[1], out[2] = row[0]-p[0], row[1]-p[1], row[2]-p[2]
		out, row = out[3:], row[4:]
	}
}

func chunk(out *bytes.Buffer, kind string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	out.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(kind))
	crc.Write(data)
	out.WriteString(kind)
	out.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	out.Write(n[:])
}
