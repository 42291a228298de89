package sheet

import (
	"archive/zip"
	"bytes"
	"io"
	"path"
	"strings"
)

// Excelize reads every part of a workbook into memory and decodes the parts it opens in full:
// a part it cannot inflate (a 0-byte deflated thumbnail), or an attribute it decodes as a number
// that is not one (<row ht="string">, <pageMargins left="wide">, <sst count="many">), makes it
// refuse the whole workbook, while the fast reader, which reads only what replies need, reads
// it. So that whether a file is read does not depend on the reader, excelize is given a tidied
// copy of the package, in memory: the parts replies need (the package's relationships and
// content types, the workbook, its sheets, shared strings and styles), with the sheets and
// shared strings reduced to what replies read (cells' values, types and styles, rows' numbers
// and hidden flags, merged ranges) and the workbook to its sheets and date system.

// tidyPackage returns the tidied package: a zip archive, stored (excelize reads it once), that
// holds the sheets and the shared strings as empty placeholders, and their tidied text apart
// (by the names excelize gives them), to be put in place once excelize has opened the archive,
// so that the large parts are held once, not three times (excelize copies the archive it is
// given, then each part). kept are the parts given to excelize, as they were, for error messages.
// A kept part that cannot be unpacked is a *partError.
func tidyPackage(zr *zip.Reader) (archive []byte, large map[string][]byte, kept *zip.Reader, err error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	large = map[string][]byte{}
	kept = &zip.Reader{}
	for _, zf := range zr.File {
		if !neededPart(zf.Name) {
			continue
		}
		kept.File = append(kept.File, zf)
		data, err := readPart(zf)
		if err != nil {
			return nil, nil, nil, &partError{part: zf.Name, err: err}
		}
		if strings.HasSuffix(strings.ToLower(zf.Name), ".xml") {
			data = tidyXML(data, packageRule)
		}
		if name, ok := lazyPart(zf.Name); ok {
			large[name], data = data, nil
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Store})
		if err != nil {
			return nil, nil, nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, nil, nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, nil, nil, err
	}
	return buf.Bytes(), large, kept, nil
}

// lazyPart tells whether excelize reads a part only when asked (a worksheet, the shared
// strings), not as it opens the workbook, and the name it keeps it under.
func lazyPart(name string) (string, bool) {
	n := strings.ReplaceAll(name, "\\", "/")
	switch lower := strings.ToLower(n); {
	case lower == "xl/sharedstrings.xml":
		return "xl/sharedStrings.xml", true
	case strings.HasPrefix(lower, "xl/worksheets/") && strings.HasSuffix(lower, ".xml"):
		return n, true
	}
	return "", false
}

// partError is a part that cannot be unpacked.
type partError struct {
	part string
	err  error
}

func (e *partError) Error() string { return e.part + ": " + e.err.Error() }
func (e *partError) Unwrap() error { return e.err }

func readPart(zf *zip.File) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b := bytes.NewBuffer(make([]byte, 0, zf.UncompressedSize64)) // bounded by checkPackage
	_, err = io.Copy(b, rc)
	return b.Bytes(), err
}

// unneededFolders hold parts that replies never need: pictures, drawings and charts, comments,
// printer settings, themes, document properties, custom XML, controls and macros, pivot tables,
// external links and the like.
var unneededFolders = []string{"docprops/", "customxml/", "media/", "drawings/", "charts/", "theme/", "printersettings/",
	"comments/", "threadedcomments/", "persons/", "ctrlprops/", "activex/", "embeddings/", "externallinks/", "pivotcache/",
	"pivottables/", "tables/", "querytables/", "slicers/", "slicercaches/", "timelines/", "timelinecaches/", "richdata/",
	"webextensions/", "model/", "diagrams/"}

// neededPart tells whether excelize is given a part: the XML parts and relationships but those
// above, the calculation chain and comments (a sheet's values do not depend on them); no binary
// part (thumbnails, pictures, printer settings, macros).
func neededPart(name string) bool {
	n := strings.ToLower(strings.ReplaceAll(name, "\\", "/"))
	if !strings.HasSuffix(n, ".xml") && !strings.HasSuffix(n, ".rels") {
		return false
	}
	for _, dir := range unneededFolders {
		if strings.HasPrefix(n, dir) || strings.Contains(n, "/"+dir) {
			return false
		}
	}
	base := path.Base(n)
	return base != "calcchain.xml" && !strings.HasPrefix(base, "comments") && base != "connections.xml" && base != "metadata.xml"
}

// packageRule tidies the parts by their root element, wherever the package puts them: the
// worksheets, the shared strings and the workbook.
func packageRule(anc []string, name string) (bool, func(string, string) bool) {
	if len(anc) == 0 {
		if name == "sst" {
			return false, only() // the counts, which excelize decodes and nobody needs
		}
		return false, nil
	}
	switch anc[0] {
	case "worksheet":
		return sheetRule(anc, name)
	case "sst":
		return sharedStringsRule(anc, name)
	case "workbook":
		return workbookRule(anc, name)
	}
	return false, nil
}

// tidyRule says what becomes of an element, given the local names of its ancestors (outermost
// first) and its own: dropped with all it holds, or kept with the attributes keep accepts (all
// when keep is nil). Namespace declarations are always kept.
type tidyRule func(ancestors []string, name string) (drop bool, keep func(attr, value string) bool)

func only(names ...string) func(attr, value string) bool {
	return func(attr, _ string) bool {
		for _, n := range names {
			if attr == n {
				return true
			}
		}
		return false
	}
}

// sheetRule keeps of a worksheet its cells and merged ranges; of a row its number and hidden
// flag (its height, style, outline level and spans are layout); of a cell its reference, type
// and style (which number format shows its value).
func sheetRule(anc []string, name string) (bool, func(string, string) bool) {
	switch len(anc) {
	case 1:
		return name != "sheetData" && name != "mergeCells", nil
	case 2:
		if anc[1] == "sheetData" && name == "row" {
			return false, only("r", "hidden")
		}
	case 3:
		if anc[1] == "sheetData" && name == "c" {
			return false, only("r", "t", "s")
		}
	}
	return false, nil
}

// sharedStringsRule leaves out the formatting of rich text.
func sharedStringsRule(_ []string, name string) (bool, func(string, string) bool) {
	switch {
	case name == "rPr" || name == "phoneticPr":
		return true, nil
	case name == "rPh":
		return false, only()
	}
	return false, nil
}

// workbookRule keeps of the workbook its sheets (name, state, part) and its date system.
func workbookRule(anc []string, name string) (bool, func(string, string) bool) {
	switch {
	case len(anc) == 1:
		if name == "workbookPr" {
			return false, func(attr, value string) bool { return attr == "date1904" && isXMLBool(value) }
		}
		return name != "sheets", nil
	case len(anc) == 2 && name == "sheet":
		return false, func(attr, value string) bool {
			return attr == "name" || attr == "state" || attr == "sheetId" && isDigits(value) || strings.HasSuffix(attr, ":id")
		}
	}
	return false, nil
}

func isXMLBool(s string) bool { return s == "0" || s == "1" || s == "true" || s == "false" }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != "" && len(s) < 10
}

// tidyXML applies rule to the elements of data. It reads tags, not XML: what it does not
// understand (the XML is checked elsewhere, and excelize decodes it) leaves data as it was.
func tidyXML(data []byte, rule tidyRule) []byte {
	out := make([]byte, 0, len(data))
	var anc []string
	dropDepth := -1 // while dropping, the depth of the element dropped
	i := 0
	for i < len(data) {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			if dropDepth < 0 {
				out = append(out, data[i:]...)
			}
			break
		}
		if dropDepth < 0 {
			out = append(out, data[i:i+j]...)
		}
		i += j
		rest := data[i:]
		var end int
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			end = indexEnd(rest, "?>")
		case bytes.HasPrefix(rest, []byte("<!--")):
			end = indexEnd(rest, "-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end = indexEnd(rest, "]]>")
		case bytes.HasPrefix(rest, []byte("<!")):
			end = indexEnd(rest, ">")
		default:
			end = tagEnd(rest)
			if end < 0 {
				return data
			}
			tag := rest[:end]
			if tag[1] == '/' { // an end tag
				if len(anc) == 0 {
					return data
				}
				anc = anc[:len(anc)-1]
				if dropDepth < 0 {
					out = append(out, tag...)
				} else if len(anc) == dropDepth {
					dropDepth = -1
				}
				i += end
				continue
			}
			empty := tag[len(tag)-2] == '/'
			name := localName(tagName(tag))
			if dropDepth >= 0 {
				if !empty {
					anc = append(anc, name)
				}
				i += end
				continue
			}
			drop, keep := rule(anc, name)
			switch {
			case drop && empty:
			case drop:
				dropDepth = len(anc)
			case keep != nil:
				t, ok := keepAttrs(tag, keep)
				if !ok {
					return data
				}
				out = append(out, t...)
			default:
				out = append(out, tag...)
			}
			if !empty {
				anc = append(anc, name)
			}
			i += end
			continue
		}
		if end < 0 {
			return data
		}
		if dropDepth < 0 {
			out = append(out, rest[:end]...)
		}
		i += end
	}
	if len(anc) != 0 {
		return data
	}
	return out
}

// indexEnd is the length of b up to and including the first sep, or -1.
func indexEnd(b []byte, sep string) int {
	if k := bytes.Index(b, []byte(sep)); k >= 0 {
		return k + len(sep)
	}
	return -1
}

// tagEnd is the length of the tag that starts b, up to and including its '>' (quotes followed),
// or -1.
func tagEnd(b []byte) int {
	var quote byte
	for k := 1; k < len(b); k++ {
		switch c := b[k]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			if k < 2 {
				return -1
			}
			return k + 1
		case c == '<':
			return -1
		}
	}
	return -1
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func tagName(tag []byte) string {
	k := 1
	for k < len(tag) && !isSpace(tag[k]) && tag[k] != '/' && tag[k] != '>' {
		k++
	}
	return string(tag[1:k])
}

func localName(name string) string {
	if k := strings.IndexByte(name, ':'); k >= 0 {
		return name[k+1:]
	}
	return name
}

// keepAttrs rewrites a start tag with the attributes keep accepts and the namespace
// declarations; ok is false when the tag's attributes cannot be read.
func keepAttrs(tag []byte, keep func(attr, value string) bool) ([]byte, bool) {
	name := tagName(tag)
	out := append(make([]byte, 0, len(tag)), '<')
	out = append(out, name...)
	k := 1 + len(name)
	for {
		for k < len(tag) && isSpace(tag[k]) {
			k++
		}
		if k >= len(tag) || tag[k] == '/' || tag[k] == '>' {
			break
		}
		start := k
		for k < len(tag) && !isSpace(tag[k]) && tag[k] != '=' && tag[k] != '/' && tag[k] != '>' {
			k++
		}
		attr := string(tag[start:k])
		for k < len(tag) && isSpace(tag[k]) {
			k++
		}
		if k >= len(tag) || tag[k] != '=' {
			return nil, false
		}
		k++
		for k < len(tag) && isSpace(tag[k]) {
			k++
		}
		if k >= len(tag) || tag[k] != '"' && tag[k] != '\'' {
			return nil, false
		}
		q := tag[k]
		v := bytes.IndexByte(tag[k+1:], q)
		if v < 0 {
			return nil, false
		}
		value := string(tag[k+1 : k+1+v])
		k += v + 2
		if attr == "xmlns" || strings.HasPrefix(attr, "xmlns:") || keep(attr, value) {
			out = append(out, ' ')
			out = append(out, tag[start:k]...)
		}
	}
	if tag[len(tag)-2] == '/' {
		out = append(out, '/')
	}
	return append(out, '>'), true
}
