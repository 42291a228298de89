package sheet

// CompressSharedStringsFrom sets the size of shared strings XML from which the fast reader keeps
// the table compressed, so that small test workbooks exercise that path; restore undoes it.
func CompressSharedStringsFrom(size uint64) (restore func()) {
	old := compressMin
	compressMin = size
	return func() { compressMin = old }
}
