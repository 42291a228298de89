package xlsxstream

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"
)

// sstXML is a shared strings part of the given strings, XML-escaped.
func sstXML(strs []string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	fmt.Fprintf(&b, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(strs), len(strs))
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	for _, s := range strs {
		fmt.Fprintf(&b, `<si><t xml:space="preserve">%s</t></si>`, r.Replace(s))
	}
	b.WriteString(`</sst>`)
	return b.String()
}

// A compressed table that cannot be read to its end (here a string the fast reader does not
// handle, after three blocks went to the packer) returns its error and leaves no goroutine
// behind; the packer is done with the arena before it is freed.
func TestCompressedSharedStringsStoppedEarly(t *testing.T) {
	compressSharedStrings(t)
	before := runtime.NumGoroutine()
	for range 20 {
		strs := make([]string, 3*blockStrings+10)
		for i := range strs {
			strs[i] = fmt.Sprintf("Expert assistance for officers, project %d", i)
		}
		xml := strings.Replace(sstXML(strs), "project 3080<", "project 3080<!-- a comment -->", 1)
		_, err := readSharedStrings(strings.NewReader(xml), uint64(len(xml)), 1<<12, false)
		if !errors.Is(err, ErrFallback) {
			t.Fatalf("err = %v, want ErrFallback", err)
		}
	}
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%d goroutines after reading, %d before", runtime.NumGoroutine(), before)
}

// A large table kept in compressed blocks gives every string back, whether rows ask for them in
// table order (a block decompressed about once) or all over (the table decompressed whole).
func TestCompressedSharedStrings(t *testing.T) {
	compressSharedStrings(t)
	strs := make([]string, 5*blockStrings+37) // five full blocks and a partial one
	for i := range strs {
		strs[i] = fmt.Sprintf("Expert assistance & training <%d> for officers, project %d", i%7, i)
		if i%500 == 0 {
			strs[i] = "" // empty strings do not upset the offsets
		}
	}
	read := func(t *testing.T) *sharedStrings {
		xml := sstXML(strs)
		sst, err := readSharedStrings(strings.NewReader(xml), uint64(len(xml)), 1<<12, false)
		if err != nil {
			t.Fatal(err)
		}
		if sst.packed == nil || len(sst.blockAt) != 7 {
			t.Fatalf("want 6 compressed blocks, got packed=%v with %d offsets", sst.packed != nil, len(sst.blockAt))
		}
		if sst.count() != len(strs) {
			t.Fatalf("%d strings, want %d", sst.count(), len(strs))
		}
		return sst
	}
	check := func(t *testing.T, sst *sharedStrings, i int) {
		if got := string(sst.bytes(i)); got != strs[i] {
			t.Fatalf("string %d = %q, want %q", i, got, strs[i])
		}
	}

	t.Run("in order", func(t *testing.T) {
		sst := read(t)
		defer sst.free()
		for i := range strs {
			check(t, sst, 0) // a label every row repeats stays cached beside the descriptions
			check(t, sst, i)
		}
		if sst.packed == nil {
			t.Error("reading in table order decompressed the whole table")
		}
		if sst.loads > 7 {
			t.Errorf("%d blocks decompressed for 6 read in order", sst.loads)
		}
	})
	t.Run("out of order", func(t *testing.T) {
		sst := read(t)
		defer sst.free()
		rng := rand.New(rand.NewPCG(1, 2))
		for range 20 * len(strs) {
			check(t, sst, rng.IntN(len(strs)))
		}
		if sst.packed != nil {
			t.Errorf("reading all over the table kept it compressed after %d block loads", sst.loads)
		}
	})
}

// A table that says it is 4 GiB or more (or is) sizes its compressed blocks from its text, not
// from S2's bound for the whole, which has none past 4 GiB: 56 MB of text that does not
// compress once overran the blocks' memory.
func TestCompressedSharedStringsOfADeclared4GiB(t *testing.T) {
	if testing.Short() {
		t.Skip("compressing a large table takes seconds; runs in the full suite")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	const alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	text := make([]byte, 1<<20)
	for range 56 {
		for i := range text {
			text[i] = alnum[rng.IntN(len(alnum))] // no repeats for S2 to compress
		}
		fmt.Fprintf(&b, `<si><t>%s</t></si>`, text)
	}
	b.WriteString(`</sst>`)
	sst, err := readSharedStrings(strings.NewReader(b.String()), 1<<32+5, 1<<16, false)
	if err != nil {
		t.Fatal(err)
	}
	defer sst.free()
	if sst.count() != 56 || len(sst.bytes(55)) != 1<<20 {
		t.Errorf("%d strings, the last of %d bytes", sst.count(), len(sst.bytes(55)))
	}
}
