package xlsxstream

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/klauspost/compress/s2"
)

// sharedStrings is a workbook's shared strings table held compactly, already decoded as excelize
// decodes it (xlsxSI.String()). A small table is one block of text: string i is
// arena[off[i]:off[i+1]]. A large one (a million-row export holds a description per row, 80 MB
// of text) is kept in blocks of blockStrings strings, each compressed with S2, and decompressed
// as rows ask for them: replies refer to their strings mostly in table order, so a block is
// decompressed about once. When rows jump around the table (a sheet sorted after it was
// written), the whole table is decompressed once instead, trading memory for time.
type sharedStrings struct {
	arena []byte
	// off: in a table held as one block, string i is arena[off[i]:off[i+1]]; in a compressed
	// table, the offsets of the strings of the block being filled, into arena, which holds that
	// block alone (nil once the table is read).
	off  []uint32
	n    int    // strings in the table
	free func() // releases the arenas

	packed  []byte   // compressed blocks, back to back; nil for a table held as one block
	blockAt []uint32 // block b is packed[blockAt[b]:blockAt[b+1]]
	// While a compressed table is read, its full blocks are compressed on a goroutine of their
	// own (see packer), which owns packed and blockAt until it is finished.
	pack *packer
	// A compressed block holds the byte lengths of its strings as uvarints, then their text:
	// offsets kept beside the blocks took 4 MB of heap for a million strings, and twice that of
	// memory at the garbage collector's pace. lens collects the lengths while a block is filled.
	lens  []byte
	base  uint64 // while reading: the text of the blocks before the one being filled
	cache [sstCacheBlocks]sstBlock
	clock uint64 // for the least recently used block of the cache
	loads int    // blocks decompressed, to tell order from disorder

	// blank marks the strings that hold only white space, a bit each: a column the caller left
	// out only needs to know whether a cell is blank, which then decompresses nothing.
	blank []uint64
	// long holds the characters of the strings longer than MaxCellChars, by index: a cell that
	// shows one is an error.
	long map[int]int
}

type sstBlock struct {
	b    int // block number + 1; 0 for none
	data []byte
	off  []uint32 // string k of the block is data[off[k]:off[k+1]]
	used uint64
}

// compressMin is the size of shared strings XML from which the table is kept compressed: a
// questionnaire's few kilobytes are not worth it. A variable for the tests.
var compressMin uint64 = 16 << 20

const (
	// blockStrings is the number of strings in a compressed block (about 80 KB of descriptions).
	blockStrings = 1024
	// sstCacheBlocks is the number of decompressed blocks kept: the block of the labels that
	// every row repeats, and the block of the descriptions being read.
	sstCacheBlocks = 4
)

func (s *sharedStrings) count() int { return s.n }

func (s *sharedStrings) isBlank(i int) bool { return s.blank[i>>6]&(1<<(i&63)) != 0 }

// closeString ends the string just appended to the arena: it notes whether it is blank and
// whether it is longer than a cell can hold, and adds it (see added).
func (s *sharedStrings) closeString(blank bool) error {
	if s.base+uint64(len(s.arena)) > math.MaxUint32-lensRoom {
		return fallback("shared strings: more than 4 GiB")
	}
	i, text := s.count(), s.arena[s.off[len(s.off)-1]:]
	if n := charsOver(text); n > 0 {
		if s.long == nil {
			s.long = map[int]int{}
		}
		s.long[i] = n
	}
	if i>>6 == len(s.blank) {
		s.blank = append(s.blank, 0)
	}
	if blank {
		s.blank[i>>6] |= 1 << (i & 63)
	}
	s.added()
	return nil
}

func (s *sharedStrings) bytes(i int) []byte {
	if s.packed == nil {
		return s.arena[s.off[i]:s.off[i+1]]
	}
	e := s.block(i / blockStrings)
	k := i % blockStrings
	return e.data[e.off[k]:e.off[k+1]]
}

// block returns block b decompressed, from the cache or decompressing it.
func (s *sharedStrings) block(b int) *sstBlock {
	s.clock++
	lru := &s.cache[0]
	for k := range s.cache {
		e := &s.cache[k]
		if e.b == b+1 {
			e.used = s.clock
			return e
		}
		if e.used < lru.used {
			lru = e
		}
	}
	s.loads++
	if blocks := len(s.blockAt) - 1; s.loads > 64 && s.loads > 4*blocks {
		// Far more loads than blocks: the rows do not follow the table. Decompress it whole.
		if s.unpack() {
			return s.wholeBlock(b)
		}
	}
	data, err := s2.Decode(lru.data[:cap(lru.data)], s.packed[s.blockAt[b]:s.blockAt[b+1]])
	if err != nil {
		// The blocks were compressed by this process a moment ago: they cannot be damaged.
		panic("sheet: a compressed block of shared strings does not decompress: " + err.Error())
	}
	lru.b, lru.data, lru.used = b+1, data, s.clock
	lru.off, _ = s.appendOffsets(lru.off[:0], b, data, 0)
	return lru
}

// appendOffsets reads the lengths at the start of block b, decompressed into data, and appends
// the offsets of its strings, from start, and the end of the last. It returns the length of the
// lengths: the text starts there.
func (s *sharedStrings) appendOffsets(off []uint32, b int, data []byte, start uint32) ([]uint32, int) {
	n := min(blockStrings, s.n-b*blockStrings)
	k := 0
	for range n {
		_, m := binary.Uvarint(data[k:])
		k += m
	}
	start += uint32(k)
	off = append(off, start)
	for range n {
		l, m := binary.Uvarint(data)
		data = data[m:]
		start += uint32(l)
		off = append(off, start)
	}
	return off, k
}

// unpack decompresses the whole table into one arena and drops the blocks.
func (s *sharedStrings) unpack() bool {
	total := 0
	for b := 0; b+1 < len(s.blockAt); b++ {
		n, err := s2.DecodedLen(s.packed[s.blockAt[b]:s.blockAt[b+1]])
		if err != nil {
			return false
		}
		total += n
	}
	arena, free := newArena(total)
	off := make([]uint32, 0, s.n+1)
	for b := 0; b+1 < len(s.blockAt); b++ {
		n, _ := s2.DecodedLen(s.packed[s.blockAt[b]:s.blockAt[b+1]])
		end := len(arena)
		arena = arena[:end+n]
		if _, err := s2.Decode(arena[end:], s.packed[s.blockAt[b]:s.blockAt[b+1]]); err != nil {
			free()
			return false
		}
		var head int
		off, head = s.appendOffsets(off[:len(off)-min(len(off), 1)], b, arena[end:], uint32(end))
		// The text moves over the lengths, and so do its offsets.
		copy(arena[end:], arena[end+head:])
		arena = arena[:end+n-head]
		for k := len(off) - 1; k >= 0 && off[k] >= uint32(end+head); k-- {
			off[k] -= uint32(head)
		}
	}
	old := s.free
	old()
	s.arena, s.free, s.off, s.packed, s.blockAt = arena, free, off, nil, nil
	s.cache = [sstCacheBlocks]sstBlock{}
	return true
}

// wholeBlock is block b of an unpacked table, as block gives it.
func (s *sharedStrings) wholeBlock(b int) *sstBlock {
	first := b * blockStrings
	last := min(first+blockStrings, s.n)
	return &sstBlock{b: b + 1, data: s.arena, off: s.off[first : last+1]}
}

// added closes string i (the one just appended, ending at the end of arena): in a compressed
// table, a full block is compressed and the buffer reused.
func (s *sharedStrings) added() {
	s.n++
	s.off = append(s.off, uint32(len(s.arena)))
	if s.pack != nil {
		k := len(s.off) - 1
		s.lens = binary.AppendUvarint(s.lens, uint64(s.off[k]-s.off[k-1]))
		if s.n%blockStrings == 0 {
			s.flush()
		}
	}
}

// lensRoom is the room at the start of a compressed table's arena for the lengths of a block's
// strings, at most binary.MaxVarintLen32 bytes each.
const lensRoom = blockStrings * binary.MaxVarintLen32

// blockOverhead bounds what S2 adds to a block beyond its text (its length and literal
// headers): the packed arena is sized with it.
const blockOverhead = 32

// flush hands the strings read since the last block to the packer, and takes another arena
// for the next block.
func (s *sharedStrings) flush() {
	if len(s.off) == 1 {
		return // nothing since the last block
	}
	// The lengths go just before the text, in the room left for them at the arena's start.
	head := copy(s.arena[lensRoom-len(s.lens):lensRoom], s.lens)
	s.base += uint64(len(s.arena) - lensRoom)
	s.pack.blocks <- packJob{arena: s.arena, head: head}
	s.arena = <-s.pack.spare
	s.off = s.off[:1]
	s.lens = s.lens[:0]
}

// packer compresses a large table's full blocks with S2, in order, on a goroutine of its own
// while the next block is read: compressing took a fifth of the time of reading a million
// descriptions (BenchmarkSharedStrings).
type packer struct {
	blocks chan packJob
	spare  chan []byte // arenas compressed (or not used yet), for the next blocks
	done   chan struct{}
	once   sync.Once
	// tooBig: a block would not fit the packed arena, which the sizing in readSharedStrings
	// rules out. Set before done is closed.
	tooBig bool
}

// packJob is a block to compress: arena[lensRoom-head:], its strings' lengths then their text.
type packJob struct {
	arena []byte
	head  int
}

func (s *sharedStrings) startPacker() {
	// Three arenas go round: one filled here, one waiting, one being compressed.
	p := &packer{blocks: make(chan packJob, 1), spare: make(chan []byte, 3), done: make(chan struct{})}
	for range 2 {
		p.spare <- make([]byte, lensRoom, cap(s.arena))
	}
	s.pack = p
	go func() {
		defer close(p.done)
		for job := range p.blocks {
			block := job.arena[lensRoom-job.head:]
			start := len(s.packed)
			bound := s2.MaxEncodedLen(len(block))
			if bound < 0 || start+bound > cap(s.packed) {
				p.tooBig = true
			}
			if !p.tooBig {
				s.packed = s.packed[:start+bound]
				enc := s2.Encode(s.packed[start:], block)
				s.packed = s.packed[:start+len(enc)]
				s.blockAt = append(s.blockAt, uint32(len(s.packed)))
			}
			p.spare <- job.arena[:lensRoom]
		}
	}()
}

// finishPacking waits for the blocks handed over to be compressed; it may be called again, and
// after reading stopped early. It reports false when a block did not fit.
func (s *sharedStrings) finishPacking() bool {
	p := s.pack
	if p == nil {
		return true
	}
	p.once.Do(func() { close(p.blocks) })
	<-p.done
	return !p.tooBig
}

// readSharedStrings reads xl/sharedStrings.xml; size is its uncompressed size, which bounds the
// text it holds, so that the arenas are allocated once. The error is ErrFallback-wrapped when
// the table holds something the fast reader does not handle.
func readSharedStrings(r io.Reader, size uint64, bufSize int, unprefixed bool) (*sharedStrings, error) {
	c := newChunkReader(r, bufSize, maxElement)
	c.unprefixed = unprefixed
	var scratch []byte
	if !c.skipProlog() {
		return nil, c.failure("shared strings: no XML")
	}
	empty, attrs, ok := c.rootTag("sst", &scratch)
	if !ok {
		return nil, c.failure("shared strings: the root is not <sst> in the SpreadsheetML namespace")
	}
	capacity := min(size, math.MaxUint32)
	n := 0
	for _, a := range attrs {
		if string(a.name) == "uniqueCount" || string(a.name) == "count" && n == 0 {
			if v, err := strconv.Atoi(string(a.value)); err == nil && v > 0 && uint64(v) <= capacity/5+1 {
				n = v
			}
		}
	}
	sst := &sharedStrings{blank: make([]uint64, 0, (n+63)/64)}
	if size >= compressMin {
		// Compressed blocks take at most their text (no more than the XML holding it) plus a few
		// bytes each; an <si/> is 5 bytes of XML, which bounds the number of blocks.
		// Their lengths take no more than the XML around the text.
		packed, free := newArena(int(capacity) + (int(capacity)/(5*blockStrings)+2)*blockOverhead)
		sst.packed, sst.free, sst.blockAt = packed, free, []uint32{0}
		sst.arena = make([]byte, lensRoom, 128<<10)
		sst.off = make([]uint32, 1, blockStrings+1)
		sst.off[0] = lensRoom
		sst.lens = make([]byte, 0, lensRoom)
	} else {
		sst.arena, sst.free = newArena(int(capacity))
		sst.off = make([]uint32, 1, n+1)
	}
	if empty {
		return sst, nil
	}
	if sst.packed != nil {
		sst.startPacker()
	}
	complete := false
	defer func() {
		if !complete {
			sst.finishPacking() // before the packed arena goes
			sst.free()
		}
	}()
	var tagAttrs []xattr
	searched := 0
	for {
		w := c.window()
		i := skipSpace(w, 0)
		if arena, after, blank := appendVerbatimSI(sst.arena, w, i); after > 0 {
			sst.arena = arena
			if err := sst.closeString(blank); err != nil {
				return nil, err
			}
			searched = 0 // the general reading below may have stopped at this string for more data
			c.consume(after)
			continue
		}
		if i+6 > len(w) {
			if c.fill() {
				continue
			}
			return nil, c.failure("shared strings: unexpected end")
		}
		if w[i] != '<' {
			return nil, fallback("shared strings: text outside <si>")
		}
		if _, ok := endTag(w, i, "sst"); ok {
			break
		}
		match, _ := elementAt(w, i, "si")
		if !match {
			return nil, fallback("shared strings: an element other than <si>")
		}
		next, empty, a, res := startTag(w, i+3, tagAttrs, &scratch)
		tagAttrs = a
		if res == tagIncomplete {
			if c.fill() {
				continue
			}
			return nil, c.failure("shared strings: unexpected end")
		}
		if res != tagOK {
			return nil, fallback("shared strings: a malformed <si>")
		}
		end, read := next, empty
		if raw, after := plainText(w, next, "si"); !empty && after > 0 {
			// <si><t>text</t></si>, nearly every string, as richText reads it, without looking
			// for its end first.
			start := len(sst.arena)
			if sst.arena, ok = appendText(sst.arena, raw); ok {
				sst.arena = sst.arena[:start+len(bstrDecode(sst.arena[start:]))]
				end, read = after, true
			} else {
				sst.arena = sst.arena[:start]
			}
		}
		if !read {
			k := bytes.Index(w[max(next, searched):], []byte("</si>"))
			if k < 0 {
				searched = max(len(w)-4, 0)
				if c.fill() {
					continue
				}
				return nil, c.failure("shared strings: unexpected end")
			}
			body := w[next : max(next, searched)+k+len("</si>")]
			start := len(sst.arena)
			sst.arena, end, ok = richText(sst.arena, body, 0, "si", &scratch)
			if !ok {
				return nil, fallback("shared strings: an <si> the fast reader does not handle")
			}
			// Decoded in place: only the length changes.
			sst.arena = sst.arena[:start+len(bstrDecode(sst.arena[start:]))]
			end += next
		}
		if err := sst.closeString(blankText(sst.arena[sst.off[len(sst.off)-1]:])); err != nil {
			return nil, err
		}
		searched = 0
		c.consume(end)
	}
	if sst.pack != nil {
		sst.flush()
		if !sst.finishPacking() {
			return nil, fallback("shared strings: a compressed block larger than its bound")
		}
		sst.arena, sst.off, sst.pack = nil, nil, nil
	}
	complete = true
	return sst, nil
}

// appendVerbatimSI reads the string at w[i] when it is <si><t>text</t></si> with a text that
// decodes to itself (see verbatim), nearly every string of a large table: it appends the text
// to dst and returns the index after </si> and whether the text is blank, as blankText tells;
// after is 0 for any other string, or one the window does not hold whole, which the general
// reading then takes.
func appendVerbatimSI(dst, w []byte, i int) (out []byte, after int, blank bool) {
	if len(w)-i < len("<si><t></t></si>") || string(w[i:i+len("<si><t>")]) != "<si><t>" {
		return dst, 0, false
	}
	k := i + len("<si><t>")
	lt := bytes.IndexByte(w[k:], '<')
	if lt < 0 || len(w)-(k+lt) < len("</t></si>") || string(w[k+lt:k+lt+len("</t></si>")]) != "</t></si>" {
		return dst, 0, false
	}
	text := w[k : k+lt]
	if !verbatim(text) {
		return dst, 0, false
	}
	return append(dst, text...), k + lt + len("</t></si>"), asciiSpaceOnly(text)
}

// verbatim tells whether the text s, which holds no '<' (it ends at the next tag), is its own
// decoding, appendText then bstrDecode: it holds only ASCII characters XML allows other than
// '\r', and neither entities nor '_'. Eight bytes at a time, a word is looked at byte by byte
// only when it may hold one of those: 0x80 and above, below 0x20 ('\t' and '\n' among them, which
// are fine), '&', ']' (fine unless "]]>") or '_'. Reading the text with appendText's loop took
// a third of the time of reading a table of descriptions.
func verbatim(s []byte) bool {
	switch {
	case len(s) < 8:
		return verbatimBytes(s)
	case len(s) < 16:
		// Two words that overlap.
		return !suspectWords(binary.LittleEndian.Uint64(s), binary.LittleEndian.Uint64(s[len(s)-8:])) || verbatimBytes(s)
	}
	last := len(s) - 16
	for i := 0; i < last; i += 16 {
		if suspectWords(binary.LittleEndian.Uint64(s[i:i+8]), binary.LittleEndian.Uint64(s[i+8:i+16])) && !verbatimBytes(s[i:i+16]) {
			return false
		}
	}
	// The last two words overlap the ones before them, unless the length is a multiple of 16.
	return !suspectWords(binary.LittleEndian.Uint64(s[last:]), binary.LittleEndian.Uint64(s[last+8:])) || verbatimBytes(s[last:])
}

// suspectWords tells whether the sixteen bytes of v and w may hold a byte verbatim looks at one
// by one. Two words at a time share the constants and the test.
func suspectWords(v, w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	ampV, ampW := v^'&'*ones, w^'&'*ones
	// ']' is '_' but for bit 1.
	underV, underW := v|0x02*ones^'_'*ones, w|0x02*ones^'_'*ones
	// Below the lowest byte of interest, no subtraction borrows; at it, one of them sets the
	// high bit: v - 0x20*ones for a byte below 0x20 or from 0xA0, amp - ones for '&' or a byte
	// from 0x80 to 0x9F, under - ones for ']' or '_'. Without such a byte, no high bit is set.
	return ((v-0x20*ones)|(w-0x20*ones)|(ampV-ones)|(ampW-ones)|(underV-ones)|(underW-ones))&highs != 0
}

// verbatimBytes is verbatim byte by byte: plainness's bytes that need decoding, which include
// '_' (an _xHHHH_ escape may start there).
func verbatimBytes(s []byte) bool {
	plain, _ := plainness(s)
	return plain
}

// asciiSpaceOnly is blankText for a text verbatim accepts, whose only white space can be ' ',
// '\t' and '\n'.
func asciiSpaceOnly(s []byte) bool {
	for _, b := range s {
		if b != ' ' && b != '\t' && b != '\n' {
			return false
		}
	}
	return true
}

// richText appends the text of an <si> or <is> element, whose content starts at w[i], as
// excelize's xlsxSI.String() gives it before decoding _xHHHH_ escapes: the <t> then the <t> of
// each run <r>, phonetic runs <rPh> and properties left out. It returns the index after the end
// tag </end>.
func richText(dst, w []byte, i int, end string, scratch *[]byte) ([]byte, int, bool) {
	// The shape nearly every string has, without the general walk below.
	if raw, after := plainText(w, i, end); after > 0 {
		start := len(dst)
		if out, ok := appendText(dst, raw); ok {
			return out, after, true
		}
		dst = dst[:start]
	}
	var attrs []xattr
	haveT, haveR := false, false
	for {
		lt := bytes.IndexByte(w[i:], '<')
		if lt < 0 || !allSpace(w[i:i+lt]) {
			return dst, 0, false
		}
		i += lt
		if i+1 < len(w) && w[i+1] == '/' {
			next, ok := endTag(w, i, end)
			return dst, next, ok
		}
		switch {
		case at(w, i, "t"):
			if haveT || haveR {
				return dst, 0, false // excelize puts a <t> before the runs wherever it is, and keeps only the last
			}
			haveT = true
			var ok bool
			if dst, i, ok = textElement(dst, w, i, "t", scratch); !ok {
				return dst, 0, false
			}
		case at(w, i, "r"):
			haveR = true
			next, empty, a, res := startTag(w, i+2, attrs, scratch)
			attrs = a
			if res != tagOK {
				return dst, 0, false
			}
			i = next
			if empty {
				continue
			}
			runT := false
			for {
				lt := bytes.IndexByte(w[i:], '<')
				if lt < 0 || !allSpace(w[i:i+lt]) {
					return dst, 0, false
				}
				i += lt
				if next, ok := endTag(w, i, "r"); ok {
					i = next
					break
				}
				switch {
				case at(w, i, "t"):
					if runT {
						return dst, 0, false
					}
					runT = true
					var ok bool
					if dst, i, ok = textElement(dst, w, i, "t", scratch); !ok {
						return dst, 0, false
					}
				case at(w, i, "rPr"):
					var ok bool
					if i, ok = skipWhole(w, i, "rPr", scratch); !ok {
						return dst, 0, false
					}
				default:
					return dst, 0, false
				}
			}
		case at(w, i, "rPh"):
			var ok bool
			if i, ok = skipWhole(w, i, "rPh", scratch); !ok {
				return dst, 0, false
			}
		case at(w, i, "phoneticPr"):
			var ok bool
			if i, ok = skipWhole(w, i, "phoneticPr", scratch); !ok {
				return dst, 0, false
			}
		default:
			return dst, 0, false
		}
	}
}

// plainText finds the shape nearly every string has, <t>text</t></end> with end "si" or "is",
// at w[i]: the raw text and the index after </end>, or after == 0. Its tags are compared as
// bytes and words, without bytes.HasPrefix's calls to memeqbody, a fifth of reading a row of
// inline strings.
func plainText(w []byte, i int, end string) (raw []byte, after int) {
	var closing uint64 // the first eight bytes of </t></end>, whose ninth is '>'
	switch end {
	case "si":
		closing = siClosing
	case "is":
		closing = isClosing
	default:
		return nil, 0
	}
	if len(w)-i < len("<t>") || w[i] != '<' || w[i+1] != 't' || w[i+2] != '>' {
		return nil, 0
	}
	return closedText(w, i+len("<t>"), closing)
}

// closedText is the text from w[k] to the next tag when that is </t></si> or </t></is>, whose
// first eight bytes are closing: the text and the index after the tags, or after == 0.
func closedText(w []byte, k int, closing uint64) (raw []byte, after int) {
	lt := bytes.IndexByte(w[k:], '<')
	e := k + lt
	if lt < 0 || len(w)-e < len("</t></si>") || binary.LittleEndian.Uint64(w[e:]) != closing || w[e+8] != '>' {
		return nil, 0
	}
	return w[k:e], e + len("</t></si>")
}

var siClosing, isClosing = binary.LittleEndian.Uint64([]byte("</t></si")), binary.LittleEndian.Uint64([]byte("</t></is"))

// at tells whether the element at w[i] is <name ...>, in data known to be complete.
func at(w []byte, i int, name string) bool {
	match, _ := elementAt(w, i, name)
	return match
}

// textElement appends the decoded text of the element name at w[i], which must hold only text,
// and returns the index after its end tag.
func textElement(dst, w []byte, i int, name string, scratch *[]byte) ([]byte, int, bool) {
	next, empty, _, res := startTag(w, i+1+len(name), nil, scratch)
	if res != tagOK {
		return dst, 0, false
	}
	if empty {
		return dst, next, true
	}
	lt := bytes.IndexByte(w[next:], '<')
	if lt < 0 {
		return dst, 0, false
	}
	dst, ok := appendText(dst, w[next:next+lt])
	if !ok {
		return dst, 0, false
	}
	after, ok := endTag(w, next+lt, name)
	return dst, after, ok
}

// skipWhole skips the element name at w[i], start tag, content and end tag.
func skipWhole(w []byte, i int, name string, scratch *[]byte) (int, bool) {
	next, empty, _, res := startTag(w, i+1+len(name), nil, scratch)
	if res != tagOK {
		return 0, false
	}
	if empty {
		return next, true
	}
	return skipElement(w, next, name, scratch)
}

func allSpace(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

// bstrDecode decodes the _xHHHH_ escapes of an OOXML string in place, as excelize's
// bstrUnmarshal does: _x005F_ is "_", an escape of a surrogate is dropped.
func bstrDecode(s []byte) []byte {
	if bytes.IndexByte(s, '_') < 0 {
		return s // nearly every string, found sooner than by bytes.Index
	}
	i := bytes.Index(s, []byte("_x"))
	if i < 0 {
		return s
	}
	out := s[:i]
	for i < len(s) {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if v, ok := hex4(s[i+2 : i+6]); ok {
				if v < 0xD800 || v > 0xDFFF {
					out = utf8.AppendRune(out, rune(v))
				}
				i += 7
				continue
			}
		}
		out = append(out, s[i])
		i++
	}
	return out
}

func hex4(h []byte) (int, bool) {
	v := 0
	for _, c := range h {
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | int(c-'0')
		case 'a' <= c && c <= 'f':
			v = v<<4 | int(c-'a'+10)
		case 'A' <= c && c <= 'F':
			v = v<<4 | int(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}
