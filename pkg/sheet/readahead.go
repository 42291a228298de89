package sheet

import (
	"errors"
	"sync"
)

// aheadBatch is how many rows the reading goroutine hands over at a time.
const aheadBatch = 512

// rowsAhead reads rows on a goroutine of its own, so that parsing a file and counting its rows
// run on two cores at once. The goroutine starts at the first Next, so that sheets opened ahead
// of their turn do not read at the same time (the fast reader's shared strings are not safe for
// concurrent use); Close stops it and waits for it.
type rowsAhead struct {
	src     Rows
	batches chan []Row
	free    chan []Row // batches handed back, so that a million rows do not allocate 2,000
	quit    chan struct{}
	exited  chan struct{}
	err     error // set by the goroutine before it closes batches
	start   sync.Once
	stop    sync.Once

	batch []Row
	i     int
	row   Row
	ended bool // Next has returned false
	cut   bool // because Close was called
}

func readAhead(src Rows) *rowsAhead {
	return &rowsAhead{src: src, batches: make(chan []Row, 4), free: make(chan []Row, 6),
		quit: make(chan struct{}), exited: make(chan struct{})}
}

func (p *rowsAhead) run() {
	defer close(p.exited)
	defer close(p.batches)
	for {
		var batch []Row
		select {
		case <-p.quit:
			return
		case batch = <-p.free:
		default:
			batch = make([]Row, 0, aheadBatch)
		}
		for len(batch) < aheadBatch && p.src.Next() {
			batch = append(batch, p.src.Row())
			if len(batch)%64 == 0 && p.closed() {
				return
			}
		}
		if len(batch) == 0 {
			p.err = p.src.Err()
			return
		}
		select {
		case p.batches <- batch:
		case <-p.quit:
			return
		}
		if len(batch) < aheadBatch {
			p.err = p.src.Err()
			return
		}
	}
}

// closed reports whether Close was called.
func (p *rowsAhead) closed() bool {
	select {
	case <-p.quit:
		return true
	default:
		return false
	}
}

func (p *rowsAhead) Next() bool {
	if p.ended {
		return false
	}
	if p.closed() {
		// Rows read ahead are not given after Close, and Err says the rows were cut short.
		p.batch, p.ended, p.cut = nil, true, true
		return false
	}
	p.start.Do(func() { go p.run() })
	for p.i >= len(p.batch) {
		if p.batch != nil {
			select {
			case p.free <- p.batch[:0]:
			default:
			}
		}
		b, ok := <-p.batches
		if !ok {
			p.batch, p.ended = nil, true
			return false
		}
		p.batch, p.i = b, 0
	}
	p.row = p.batch[p.i]
	p.i++
	return true
}

func (p *rowsAhead) Row() Row { return p.row }

// errClosed is Err for rows closed before their end.
var errClosed = errors.New("sheet: the rows were closed before their end")

// Err is the reader's error once Next has returned false.
func (p *rowsAhead) Err() error {
	if !p.ended {
		return nil
	}
	if p.cut {
		return errClosed
	}
	<-p.exited // closed just after batches: p.err is set
	return p.err
}

// OnlyColumns passes the columns needed on to the reader (see ColumnPicker); rows read ahead
// keep their text.
func (p *rowsAhead) OnlyColumns(cols []int) {
	if cp, ok := p.src.(ColumnPicker); ok {
		cp.OnlyColumns(cols)
	}
}

// BytesRead tells roughly how much of the file has been read, when the reader can tell.
func (p *rowsAhead) BytesRead() int64 {
	if br, ok := p.src.(interface{ BytesRead() int64 }); ok {
		return br.BytesRead()
	}
	return -1
}

// Close stops the reading goroutine, when the caller stops before the end, and waits for it.
func (p *rowsAhead) Close() {
	p.stop.Do(func() {
		close(p.quit)
		started := true
		p.start.Do(func() { started = false })
		if started {
			<-p.exited
		}
	})
}
