package sheettest

import (
	"archive/zip"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// PeakMemory reports the largest resident memory of the process while a benchmark runs, as
// peak-RSS-MB, as /usr/bin/time -v would (Linux: the peak is reset through /proc/self/clear_refs
// and read from VmHWM in /proc/self/status; elsewhere nothing is reported). Call the function it
// returns when the measured work is done.
func PeakMemory(b *testing.B) func() {
	runtime.GC()
	debug.FreeOSMemory()
	if os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) != nil {
		return func() {}
	}
	return func() {
		status, err := os.ReadFile("/proc/self/status")
		if err != nil {
			return
		}
		for _, line := range strings.Split(string(status), "\n") {
			if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" {
				if kb, err := strconv.Atoi(f[1]); err == nil {
					b.ReportMetric(float64(kb)/1024, "peak-RSS-MB")
				}
			}
		}
	}
}

// Inflate decompresses a benchmark workbook's sheet XML and shared strings into nothing and
// returns the XML's size: the floor no reader can beat without inflating in parallel.
func Inflate(path string) (int64, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return 0, err
	}
	defer zr.Close()
	var size int64
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" && f.Name != "xl/sharedStrings.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return 0, err
		}
		n, err := io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return 0, err
		}
		size += n
	}
	return size, nil
}

// AgainstFloor runs body b.N times as a benchmark's loop, inflating the workbook (see Inflate)
// untimed before each run, and reports x-floor, the median of each run's time over the
// inflation just before it, and floor-s, the median inflation. The machine is shared and its
// speed drifts: a ratio of two times taken a minute apart can be 30% off, one of neighbours is not.
func AgainstFloor(b *testing.B, path string, body func()) {
	var ratios, floors []float64
	for b.Loop() {
		b.StopTimer()
		start := time.Now()
		if _, err := Inflate(path); err != nil {
			b.Fatal(err)
		}
		floor := time.Since(start)
		b.StartTimer()
		start = time.Now()
		body()
		ratios = append(ratios, float64(time.Since(start))/float64(floor))
		floors = append(floors, floor.Seconds())
	}
	b.ReportMetric(median(ratios), "x-floor")
	b.ReportMetric(median(floors), "floor-s")
}

func median(v []float64) float64 {
	slices.Sort(v)
	if n := len(v); n%2 == 0 {
		return (v[n/2-1] + v[n/2]) / 2
	}
	return v[len(v)/2]
}
