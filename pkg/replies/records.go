package replies

// The hook of readers of other survey models (pkg/records): they list their inputs exactly as
// Read does, so that a folder means the same files to every command.

// ListFiles returns the files Read would read for inputs, in order (a folder stands for its
// .xlsx and .csv files sorted by name, its sub-folders' with recursive), and the findings about
// what it left out: lock files, other files, sub-folders, an empty folder.
func ListFiles(inputs []string, recursive bool) ([]string, []Finding) {
	p, err := newParser(Options{Recursive: recursive})
	if err != nil {
		return inputs, nil // the built-in survey is valid; kept for the compiler's sake
	}
	files := p.expand(inputs)
	return files, p.file.findings
}
