package chartdraw

import (
	"encoding/binary"
	"hash/crc32"
	"math"
)

// withDPI adds a pHYs chunk, the resolution, after the header chunk of a PNG file: without it
// Word and LibreOffice assume 96 dpi and place a 16 cm chart 50 cm wide.
func withDPI(data []byte, dpi int) []byte {
	const sig, ihdr = 8, 8 + 13 + 4 // signature; IHDR length+type, data, CRC
	if len(data) < sig+ihdr {
		return data
	}
	ppm := uint32(math.Round(float64(dpi) / 0.0254))
	chunk := make([]byte, 0, 21)
	chunk = binary.BigEndian.AppendUint32(chunk, 9)
	chunk = append(chunk, "pHYs"...)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = append(chunk, 1) // unit: the metre
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	out := make([]byte, 0, len(data)+len(chunk))
	out = append(out, data[:sig+ihdr]...)
	out = append(out, chunk...)
	return append(out, data[sig+ihdr:]...)
}
