//go:build !unix

package xlsxstream

// newArena returns an empty byte slice with room for size bytes, for the shared strings.
func newArena(size int) (arena []byte, free func()) {
	return make([]byte, 0, size), func() {}
}
