package xlsxstream

import (
	"archive/zip"
	"bytes"
	"io"
)

// Namespaces. Strict OOXML names the same things under purl.oclc.org; excelize rewrites those
// names to the transitional ones before it decodes a part (namespaceStrictToTransitional), and
// so does the fast reader (transitional).
const (
	nsStrictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main"
)

// strictNames pairs each Strict OOXML namespace excelize rewrites with its transitional name,
// longest first, so that a name is rewritten whole before a shorter one that starts it.
var strictNames = [][2]string{
	{"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument", relOfficeDocument},
	{"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"},
	{"http://purl.oclc.org/ooxml/officeDocument/relationships/comments", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"},
	{"http://purl.oclc.org/ooxml/officeDocument/relationships/chart", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"},
	{"http://purl.oclc.org/ooxml/officeDocument/relationships/image", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"},
	{"http://purl.oclc.org/ooxml/officeDocument/relationships", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"},
	{"http://purl.oclc.org/ooxml/officeDocument/extendedProperties", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"},
	{"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"},
	{"http://purl.oclc.org/ooxml/drawingml/main", "http://schemas.openxmlformats.org/drawingml/2006/main"},
	{nsStrictMain, nsMain},
}

// transitional rewrites the Strict OOXML namespaces of a part as excelize does.
func transitional(data []byte) []byte {
	if !bytes.Contains(data, []byte("purl.oclc.org")) {
		return data
	}
	for _, p := range strictNames {
		data = bytes.ReplaceAll(data, []byte(p[0]), []byte(p[1]))
	}
	return data
}

// mainNamespace tells the SpreadsheetML namespace, transitional or Strict.
func mainNamespace(ns []byte) bool { return string(ns) == nsMain || string(ns) == nsStrictMain }

// rootPrefix reads the start of a part for the prefix its root element (called name) is written
// with: "" for none, "x" for <x:worksheet xmlns:x="...">, as .NET writers (the Open XML SDK)
// write every element. ok is false when the root is prefixed in a way the fast reader does not
// handle: a prefix bound to another namespace, or a default namespace beside it, under which
// unprefixed elements would be another namespace's.
func rootPrefix(zf *zip.File, name string) (prefix string, ok bool) {
	rc, err := zf.Open()
	if err != nil {
		return "", true // the reader says so
	}
	defer rc.Close()
	c := newChunkReader(io.LimitReader(rc, 64<<10), 4<<10, 64<<10)
	if !c.skipProlog() {
		return "", true
	}
	for len(c.window()) < 256 && c.fill() {
	}
	w := c.window()
	j := 1
	for j < len(w) && !isSpace(w[j]) && w[j] != '>' && w[j] != '/' {
		j++
	}
	if len(w) < 2 || w[0] != '<' {
		return "", true
	}
	local, prefixed := localName(w[1:j])
	if !prefixed || string(local) != name {
		return "", true
	}
	pre := w[1 : j-len(local)-1]
	var scratch []byte
	_, _, attrs, res := startTag(w, j, nil, &scratch)
	if res != tagOK {
		return "", false
	}
	bound := false
	for _, a := range attrs {
		switch {
		case string(a.name) == "xmlns":
			return "", false
		case string(a.name) == "xmlns:"+string(pre):
			bound = mainNamespace(a.value)
		}
	}
	return string(pre), bound
}

// unprefix reads a part whose elements carry a prefix bound to the SpreadsheetML namespace as
// if they had none: "<x:row" reads "<row", "</x:row>" reads "</row>". Text holds no "<", so
// only tags change; the root's xmlns:x declaration is left, and so it is taken as the default
// namespace's by the root check (see rootTag).
type unprefix struct {
	r    io.Reader
	pre  []byte // "x:"
	buf  []byte
	obuf []byte
	out  []byte // rewritten, not yet read
	keep []byte // the end of the last read, which could start a tag with the prefix
	eof  bool
	err  error
}

func newUnprefix(r io.Reader, prefix string) *unprefix {
	return &unprefix{r: r, pre: []byte(prefix + ":"), buf: make([]byte, 32<<10)}
}

func (u *unprefix) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.eof || u.err != nil {
			if len(u.keep) > 0 {
				u.out, u.keep = u.keep, nil
				break
			}
			if u.err != nil {
				return 0, u.err
			}
			return 0, io.EOF
		}
		n, err := u.r.Read(u.buf)
		if err == io.EOF {
			u.eof = true
		} else if err != nil {
			u.err = err
		}
		data := append(u.keep, u.buf[:n]...)
		u.keep = nil
		// Keep back what could be the start of "</x:".
		cut := len(data)
		if !u.eof && u.err == nil {
			if k := bytes.LastIndexByte(data, '<'); k >= 0 && len(data)-k < len(u.pre)+2 {
				cut = k
			}
		}
		u.obuf = u.rewrite(u.obuf[:0], data[:cut])
		u.out = u.obuf
		u.keep = append([]byte(nil), data[cut:]...)
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// rewrite appends src to dst with the prefix taken out of every tag.
func (u *unprefix) rewrite(dst, src []byte) []byte {
	for {
		k := bytes.IndexByte(src, '<')
		if k < 0 {
			return append(dst, src...)
		}
		dst = append(dst, src[:k+1]...)
		src = src[k+1:]
		if len(src) > 0 && src[0] == '/' {
			dst = append(dst, '/')
			src = src[1:]
		}
		src = bytes.TrimPrefix(src, u.pre)
	}
}
