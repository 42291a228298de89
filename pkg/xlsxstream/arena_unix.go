//go:build unix

package xlsxstream

import "syscall"

// newArena returns an empty byte slice with room for size bytes, for the shared strings. It is
// mapped from the operating system outside the Go heap: pages are backed only when written, and
// the garbage collector, which does not count the arena as heap, keeps collecting at the pace of
// the small heap of rows rather than letting garbage grow to the size of the strings.
func newArena(size int) (arena []byte, free func()) {
	if size < 1<<20 {
		return make([]byte, 0, size), func() {}
	}
	b, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]byte, 0, size), func() {}
	}
	return b[:0], func() { syscall.Munmap(b) }
}
