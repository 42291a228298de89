package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"
)

// canonicalNames gives excelize the parts of a workbook under the names they are referred to
// by (and the shared strings and styles, when xl/ has none, under the names excelize reads). Part names are case-insensitive (ECMA-376 part 2, 6.2.2.3): a workbook whose parts are
// xl/WorkBook.xml and xl/WorkSheets/SHEET1.xml, referred to as xl/workbook.xml and
// worksheets/sheet1.xml, is whole; excelize looks parts up as they are written and would find
// no sheets. The fast reader finds them whatever their case; this keeps the two readers alike.
// data is returned as it is when no part needs another name, or when it is not a zip archive
// (the readers word that).
func canonicalNames(data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return data
	}
	byLower := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		if byLower[strings.ToLower(f.Name)] != nil {
			return data // two parts of one name: both readers refuse, or read one
		}
		byLower[strings.ToLower(f.Name)] = f
	}
	// The names referred to, from _rels/.rels on, and the fixed names excelize reads.
	want := map[string]string{}
	for _, n := range []string{"_rels/.rels", "xl/styles.xml"} {
		want[strings.ToLower(n)] = n
	}
	queue := []string{"_rels/.rels"}
	for len(queue) > 0 && len(want) < 100000 {
		rels := queue[0]
		queue = queue[1:]
		f := byLower[strings.ToLower(rels)]
		if f == nil || f.UncompressedSize64 > 16<<20 {
			continue
		}
		dir := path.Dir(path.Dir(rels)) // a/_rels/b.xml.rels is about a/b.xml
		for _, rel := range relTargets(f) {
			target := rel.target
			name := strings.TrimPrefix(path.Clean(target), "/")
			if !strings.HasPrefix(target, "/") {
				name = strings.TrimPrefix(path.Clean(dir+"/"+target), "/")
			}
			if _, seen := want[strings.ToLower(name)]; seen {
				continue
			}
			want[strings.ToLower(name)] = name
			// excelize reads the shared strings and the styles from xl/, wherever the
			// workbook is: a workbook with its parts at the zip root has them there only.
			if fixed, ok := fixedParts[path.Base(rel.typ)]; ok && byLower[strings.ToLower(fixed)] == nil {
				want[strings.ToLower(name)] = fixed
			}
			r := strings.TrimPrefix(path.Dir(name)+"/_rels/"+path.Base(name)+".rels", "./")
			if _, seen := want[strings.ToLower(r)]; !seen && byLower[strings.ToLower(r)] != nil {
				want[strings.ToLower(r)] = r
				queue = append(queue, r)
			}
		}
	}
	renamed := false
	for _, f := range zr.File {
		if n, ok := want[strings.ToLower(f.Name)]; ok && n != f.Name {
			renamed = true
		}
	}
	if !renamed {
		return data
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		fh := f.FileHeader
		if n, ok := want[strings.ToLower(f.Name)]; ok {
			fh.Name = n
		}
		w, err := zw.CreateRaw(&fh)
		if err != nil {
			return data
		}
		r, err := f.OpenRaw()
		if err != nil {
			return data
		}
		if _, err := io.Copy(w, r); err != nil {
			return data
		}
	}
	if zw.Close() != nil {
		return data
	}
	return out.Bytes()
}

// fixedParts are the parts excelize reads under fixed names, by their relationship type.
var fixedParts = map[string]string{"sharedStrings": "xl/sharedStrings.xml", "styles": "xl/styles.xml"}

type relTarget struct{ target, typ string }

// relTargets lists the internal targets of a relationships part, with their types.
func relTargets(f *zip.File) []relTarget {
	rc, err := f.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	var rels struct {
		Rels []struct {
			Target string `xml:"Target,attr"`
			Type   string `xml:"Type,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if xml.NewDecoder(rc).Decode(&rels) != nil {
		return nil
	}
	var out []relTarget
	for _, r := range rels.Rels {
		if r.Mode != "External" && r.Target != "" && !strings.Contains(r.Target, "://") {
			out = append(out, relTarget{r.Target, r.Type})
		}
	}
	return out
}
