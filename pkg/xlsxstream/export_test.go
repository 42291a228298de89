package xlsxstream

// SetPreScanPart sets the size of sheet XML from which merged cells are checked after the rows,
// for tests of that path on sheets of a few MB; the returned func restores it.
func SetPreScanPart(n uint64) (restore func()) {
	old := preScanPart
	preScanPart = n
	return func() { preScanPart = old }
}

// GeneralOnly makes r read every row with parseCells' general loop, never plainCells.
func (r *Rows) GeneralOnly() { r.generalOnly = true }
