package sheet

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// countRows gives rows 1..max and counts the rows read.
type countRows struct {
	max  int
	read atomic.Int64
	row  Row
}

func (c *countRows) Next() bool {
	n := int(c.read.Load())
	if n >= c.max {
		return false
	}
	c.read.Add(1)
	c.row = Row{Num: n + 1, Cells: []string{"x"}}
	return true
}
func (c *countRows) Row() Row   { return c.row }
func (c *countRows) Err() error { return nil }

func TestPrefetchGivesEveryRowInOrder(t *testing.T) {
	src := &countRows{max: 3*aheadBatch + 7}
	p := readAhead(src)
	n := 0
	for p.Next() {
		if n++; p.Row().Num != n {
			t.Fatalf("row %d came as %d", n, p.Row().Num)
		}
	}
	if n != src.max || p.Err() != nil {
		t.Errorf("%d rows, Err %v; want %d, nil", n, p.Err(), src.max)
	}
	p.Close()
	if p.Err() != nil || p.Next() {
		t.Errorf("after the end and Close: Err %v", p.Err())
	}
}

// Close stops the reading goroutine and waits for it; rows read ahead are not given after it,
// and Err says the rows were cut short. Close before the first row never starts the goroutine.
func TestPrefetchClose(t *testing.T) {
	early := readAhead(&countRows{max: 10})
	early.Close()
	done := make(chan bool, 1)
	go func() { done <- early.Next() }()
	select {
	case more := <-done:
		if more || !errors.Is(early.Err(), errClosed) {
			t.Errorf("Next after an early Close = %v, Err %v", more, early.Err())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Next after a Close that came before any Next blocks")
	}

	src := &countRows{max: 1000000}
	p := readAhead(src)
	p.Next()
	time.Sleep(20 * time.Millisecond)
	p.Close()
	read := src.read.Load()
	if p.Next() || !errors.Is(p.Err(), errClosed) {
		t.Errorf("rows given after Close, or Err %v", p.Err())
	}
	time.Sleep(20 * time.Millisecond)
	if src.read.Load() != read || read == int64(src.max) {
		t.Errorf("the source was read on after Close returned (%d, then %d rows)", read, src.read.Load())
	}
}
