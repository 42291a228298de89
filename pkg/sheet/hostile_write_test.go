package sheet_test

import (
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteHostileInputs writes the hostile inputs the tests build, at the sizes met in the wild
// (gigabytes inflated), into a folder, to measure the built binary on them (see docs/input.md):
//
//	MAPSURVEY_HOSTILE_DIR=/tmp/hostile go test ./pkg/sheet -run TestWriteHostileInputs
func TestWriteHostileInputs(t *testing.T) {
	dir := os.Getenv("MAPSURVEY_HOSTILE_DIR")
	if dir == "" {
		t.Skip("set MAPSURVEY_HOSTILE_DIR to write the hostile inputs there")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	const gib = 1 << 30
	head := cellRow(1, inline("A1", "Member State"), inline("B1", "Partner"), inline("C1", "Area"), inline("D1", "Type of support"), inline("E1", "Description"))
	reply := func(n int) string {
		return cellRow(n, inline("A"+itoa(n), "Austria"), inline("B"+itoa(n), "Serbia"), inline("C"+itoa(n), "Asylum"), inline("D"+itoa(n), "Equipment"))
	}
	write := func(name string, parts []zipPart) { writeZip(t, filepath.Join(dir, name), parts) }
	write("bomb-spaces.xlsx", replyWorkbook(repeated(head+reply(2), " ", 3*gib, ""), nil))
	write("bomb-cell.xlsx", replyWorkbook(repeated(head+`<row r="2"><c r="E2" t="inlineStr"><is><t>`, "x", 3*gib, `</t></is></c></row>`), nil))
	write("bomb-rows.xlsx", replyWorkbook(repeated(head, "<row/>", gib/2, ""), nil))
	write("bomb-sst.xlsx", replyWorkbook(strings.NewReader(head+cellRow(2, `<c r="E2" t="s"><v>0</v></c>`)), repeated("<si><t>", "x", 3*gib, "</t></si>")))
	write("bomb-declared.xlsx", replyWorkbook(strings.NewReader(head+reply(2)), nil, zipPart{name: "xl/media/image1.png", body: strings.NewReader("tiny"), declared: 3 * gib}))
	// A 100 MB description of varied letters: it compresses as text does, so it is no bomb.
	letters := make([]byte, 100<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range letters {
		letters[i] = "abcdefghij klmnopqrstuvwxyz"[rng.IntN(27)]
	}
	write("cell-100mb.xlsx", replyWorkbook(io.MultiReader(strings.NewReader(head+`<row r="2"><c r="A2" t="inlineStr"><is><t>Austria</t></is></c><c r="E2" t="inlineStr"><is><t>`),
		strings.NewReader(string(letters)), strings.NewReader(`</t></is></c></row>`)), nil))
	write("cell-100k.xlsx", replyWorkbook(strings.NewReader(head+reply(2)+cellRow(7, inline("A7", "Austria"), inline("D7", strings.Repeat("x", 100000)))), nil))
	csv := func(name string, r io.Reader) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := io.Copy(f, r); err != nil {
			t.Fatal(err)
		}
	}
	csv("cell-100mb.csv", io.MultiReader(strings.NewReader("Member State,Partner,Area,Type of support,Description\nAustria,Serbia,Asylum,Equipment,\""), strings.NewReader(string(letters)), strings.NewReader("\"\n")))
	csv("line-1gb.csv", repeated("Member State,Partner,Area,Type of support\nAustria,Serbia,Asylum,", "x", gib, "\n"))
	csv("cr-only.csv", strings.NewReader("Member State,Partner,Area,Type of support\rAustria,Serbia,Asylum,Equipment\r"))
	csv("double-bom.csv", strings.NewReader("\uFEFF\uFEFFMember State,Partner,Area,Type of support\nAustria,Serbia,Asylum,Equipment\n"))
	// A million rows, sparse, each with one cell at the last column.
	var sparse strings.Builder
	sparse.WriteString(head + reply(2))
	for n := 3; n <= 1048576; n++ {
		sparse.WriteString(`<row r="` + itoa(n) + `"><c r="XFD` + itoa(n) + `"><v>1</v></c></row>`)
	}
	write("sparse-xfd.xlsx", replyWorkbook(strings.NewReader(sparse.String()), nil))
	write("dup-row.xlsx", replyWorkbook(strings.NewReader(head+reply(2)+reply(2)), nil))
	write("sst-abc.xlsx", replyWorkbook(strings.NewReader(head+reply(2)+cellRow(3, `<c r="A3" t="s"><v>abc</v></c>`)), strings.NewReader("<si><t>Austria</t></si>")))
	write("dup-entry.xlsx", append(replyWorkbook(strings.NewReader(head+reply(2)), nil), zipPart{name: "xl/worksheets/sheet1.xml", body: sheetXML(strings.NewReader(head))}))
	if err := os.WriteFile(filepath.Join(dir, "ole.xlsx"), append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 600)...), 0o644); err != nil {
		t.Fatal(err)
	}
}
