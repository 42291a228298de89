package xlsxstream

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"
)

// largePart is the size of sheet XML from which a second goroutine inflates it while the rows
// are parsed.
const largePart = 4 << 20

// preScanPart is the size of sheet XML up to which a first pass reads its merged cells before
// its rows: 64 MiB, some 250,000 rows, inflated on another core in about 0.1 s. A larger sheet
// is checked for merged cells after its rows (see Rows.Finish). A variable for tests.
var preScanPart uint64 = 64 << 20

// inflateAhead inflates a part on its own goroutine into a few buffers, so that inflating and
// parsing overlap.
type inflateAhead struct {
	full, free chan []byte
	inflated   atomic.Int64 // bytes of XML inflated so far, for progress displays
	cur, buf   []byte
	err        error // set before full is closed
	quit       chan struct{}
	done       <-chan struct{}
	once       sync.Once
}

func newInflateAhead(rc io.ReadCloser, done <-chan struct{}) *inflateAhead {
	const nbuf, size = 3, 256 << 10
	p := &inflateAhead{full: make(chan []byte, nbuf), free: make(chan []byte, nbuf), quit: make(chan struct{}), done: done}
	for range nbuf {
		p.free <- make([]byte, size)
	}
	go func() {
		defer rc.Close()
		defer close(p.full)
		for {
			var b []byte
			select {
			case b = <-p.free:
			case <-p.quit:
				return
			case <-done:
				return
			}
			n, err := readFull(rc, b)
			p.inflated.Add(int64(n))
			if n > 0 {
				select {
				case p.full <- b[:n]:
				case <-p.quit:
					return
				case <-done:
					return
				}
			}
			if err == io.EOF {
				p.err = io.EOF
				return
			}
			if err != nil {
				p.err = err
				return
			}
		}
	}()
	return p
}

func (p *inflateAhead) Read(b []byte) (int, error) {
	if len(p.cur) == 0 {
		if p.buf != nil {
			p.free <- p.buf[:cap(p.buf)]
			p.buf = nil
		}
		var ok bool
		select {
		case p.cur, ok = <-p.full:
		case <-p.done:
			return 0, errors.New("the workbook was closed")
		}
		if !ok {
			if p.err == nil {
				return 0, errors.New("the workbook was closed")
			}
			return 0, p.err
		}
		p.buf = p.cur
	}
	n := copy(b, p.cur)
	p.cur = p.cur[n:]
	return n, nil
}

func (p *inflateAhead) close() { p.once.Do(func() { close(p.quit) }) }
