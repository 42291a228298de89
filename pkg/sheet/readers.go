package sheet

// readFastOnly reads a workbook with the fast reader alone (Options.FastOnly): what makes
// readWorkbook fall back to excelize is returned as an error wrapping ErrFallback.
func readFastOnly(path string, opts Options, fn func(Info, Rows) error) error {
	if err := checkFile(path); err != nil {
		return err
	}
	if opts.Password != "" {
		return fallbackError("an encrypted workbook is decrypted by excelize")
	}
	return readFast(path, opts, fn)
}

// fallbackError is ErrFallback with a reason.
func fallbackError(why string) error { return &fallback{why: why} }

type fallback struct{ why string }

func (f *fallback) Error() string { return ErrFallback.Error() + ": " + f.why }
func (f *fallback) Unwrap() error { return ErrFallback }
