// Package xlsxreport writes the note's tables as an Excel workbook that an analyst can edit or
// paste into Word: a contents sheet, one sheet per table with counts and shares stored as
// numbers (each share as the tables show it, then in a column "(exact)" as the exact
// fraction), and native Excel bar charts of the main shares of activities.
package xlsxreport

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/mapsurvey/mapsurvey/pkg/chart"
	"github.com/mapsurvey/mapsurvey/pkg/render"
	"github.com/mapsurvey/mapsurvey/pkg/survey"
	"github.com/mapsurvey/mapsurvey/pkg/table"
	"github.com/mapsurvey/mapsurvey/pkg/workbook"
)

// ContentsSheet is the name of the first sheet, which lists the tables.
const ContentsSheet = "Contents"

// headerRow is the row of the column titles on a table sheet; the table's title is in row 1.
const headerRow = 3

// Chart size in pixels; the height grows with the number of bars.
const (
	chartWidth     = 520
	chartMinHeight = 240
	chartBarHeight = 30
	chartPadding   = 100
)

// chartedTables are the tables (by name, without the number) that get a bar chart of their
// "% of activities" column.
var chartedTables = map[string]bool{"partners": true, "types": true, "areas": true}

// shareColumn is the column that the charts show.
const shareColumn = "% of activities"

// fontFamily is named in every style and chart: a style without a font name leaves the choice
// to the program, and LibreOffice without Calibri showed the workbook in a serif font. Arial is
// on every office PC and LibreOffice maps it to Liberation Sans, with the same widths.
const fontFamily = "Arial"

// Write writes the tables as an .xlsx workbook to w. The same title and tables always give the
// same bytes.
func Write(w io.Writer, title string, tables []render.Table) error {
	return WriteWith(w, title, tables, Options{})
}

// Options colour the charts as the PNG charts are coloured.
type Options struct {
	// Colours gives an area its chart colour ("#rrggbb", from chart.Colours): the series of
	// the partner x area chart take their area's.
	Colours map[string]string
}

// WriteWith is Write with options.
func WriteWith(w io.Writer, title string, tables []render.Table, o Options) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont(fontFamily); err != nil {
		return fmt.Errorf("xlsx report: %w", err)
	}
	b := &book{f: f, styles: map[style]int{}, colours: o.Colours}
	if err := b.write(title, tables); err != nil {
		return fmt.Errorf("xlsx report: %w", err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("xlsx report: %w", err)
	}
	data, err := canonical(buf.Bytes())
	if err != nil {
		return fmt.Errorf("xlsx report: %w", err)
	}
	_, err = w.Write(data)
	return err
}

// contentTypes is the part that lists the content type of each part of the package.
const contentTypes = "[Content_Types].xml"

var defaultType = regexp.MustCompile(`<Default [^>]*(/>|></Default>)`)

// canonical makes the package's bytes depend on its content only. Everything excelize writes is
// in a fixed order but for one thing: adding a chart lists the image file types in
// [Content_Types].xml in Go's random map order. They are sorted here; every other part is
// copied as it is.
func canonical(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rewrite := map[string]func([]byte) []byte{contentTypes: sortDefaults, themePart: themeFonts}[zf.Name]
		if rewrite == nil {
			if err := zw.Copy(zf); err != nil {
				return nil, err
			}
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zf.Method})
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(rewrite(part)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

const themePart = "xl/theme/theme1.xml"

// themeFonts makes the theme's fonts Arial: text that names no font of its own (a chart's data
// labels, which excelize gives no font option) takes the theme's, Calibri, which LibreOffice
// replaces with a serif font where Calibri is missing.
func themeFonts(part []byte) []byte {
	for _, f := range []string{"Calibri Light", "Calibri"} {
		part = bytes.ReplaceAll(part, []byte(`<a:latin typeface="`+f+`"`), []byte(`<a:latin typeface="`+fontFamily+`"`))
	}
	return part
}

// sortDefaults puts the <Default Extension=...> elements of [Content_Types].xml in order, in the
// places they held.
func sortDefaults(part []byte) []byte {
	locs := defaultType.FindAllIndex(part, -1)
	elems := make([]string, len(locs))
	for i, l := range locs {
		elems[i] = string(part[l[0]:l[1]])
	}
	slices.Sort(elems)
	var out bytes.Buffer
	prev := 0
	for i, l := range locs {
		out.Write(part[prev:l[0]])
		out.WriteString(elems[i])
		prev = l[1]
	}
	out.Write(part[prev:])
	return out.Bytes()
}

type book struct {
	f       *excelize.File
	styles  map[style]int
	colours map[string]string
}

func (b *book) write(title string, tables []render.Table) error {
	f := b.f
	// excelize's template carries a fixed date too; ours says what wrote the file.
	if err := workbook.SetProps(f, title, ""); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", ContentsSheet); err != nil {
		return err
	}
	names := sheetNames(tables)
	for i, t := range tables {
		if _, err := f.NewSheet(names[i]); err != nil {
			return err
		}
		if err := b.table(names[i], tableNumber(t, i), withExactShares(t)); err != nil {
			return fmt.Errorf("table %s: %w", t.Name, err)
		}
	}
	if err := b.contents(title, tables, names); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return nil
}

// contents writes the first sheet: the title, then one line per table with a link to its sheet.
func (b *book) contents(title string, tables []render.Table, names []string) error {
	f, sh := b.f, ContentsSheet
	if err := b.set(sh, 1, 1, title, style{bold: true, size: 14}); err != nil {
		return err
	}
	widthB, widthC := 20, 12
	for i, t := range tables {
		row := headerRow + i
		if err := b.set(sh, 1, row, "Table "+strconv.Itoa(tableNumber(t, i)), style{}); err != nil {
			return err
		}
		if err := b.set(sh, 2, row, t.Title, style{}); err != nil {
			return err
		}
		if err := b.set(sh, 3, row, names[i], style{link: true}); err != nil {
			return err
		}
		tip := "Go to " + names[i]
		if err := f.SetCellHyperLink(sh, cellName(3, row), quoteSheet(names[i])+"!A1", "Location",
			excelize.HyperlinkOpts{Tooltip: &tip}); err != nil {
			return err
		}
		widthB = max(widthB, textWidth(t.Title))
		widthC = max(widthC, textWidth(names[i]))
	}
	if err := f.SetColWidth(sh, "A", "A", 10); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "B", "B", float64(min(widthB, 100)+2)); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "C", "C", float64(widthC+2)); err != nil {
		return err
	}
	return b.pageSetup(sh)
}

// table writes one table on its own sheet.
func (b *book) table(sh string, number int, t render.Table) error {
	f := b.f
	ncol := len(t.Columns)
	for _, r := range append(t.Rows[:len(t.Rows):len(t.Rows)], t.Total) {
		ncol = max(ncol, len(r))
	}
	ncol = max(ncol, 1)
	if err := b.set(sh, 1, 1, fmt.Sprintf("Table %d. %s", number, t.Title), style{bold: true, size: 12}); err != nil {
		return err
	}

	widths := make([]int, ncol)
	for c := range ncol {
		col := column(t, c)
		st := style{bold: true, bottom: true, right: col.Numeric(), indent: indented(t, c)}
		if err := b.set(sh, c+1, headerRow, col.Title, st); err != nil {
			return err
		}
		// Bold titles are wider than the average text.
		widths[c] = utf8.RuneCountInString(col.Title)
	}
	row := headerRow + 1
	for _, r := range t.Rows {
		if err := b.row(sh, row, t, r, false, widths); err != nil {
			return err
		}
		row++
	}
	if t.Total != nil {
		if err := b.row(sh, row, t, t.Total, true, widths); err != nil {
			return err
		}
		row++
	}

	for c, w := range widths {
		// A little more than the longest text, bounded so that one long label does not push
		// everything else out of sight.
		width := min(max(w+2, 8), 60)
		if indented(t, c) {
			width++
		}
		widths[c] = width
		name := colName(c + 1)
		if err := f.SetColWidth(sh, name, name, float64(width)); err != nil {
			return err
		}
	}

	// The caption and the notes below the table, each wrapped across the table's width.
	total := 0
	for _, w := range widths {
		total += w
	}
	row++
	lines := []string{}
	if t.Caption != "" {
		lines = append(lines, t.Caption)
	}
	lines = append(lines, t.Notes...)
	for _, text := range lines {
		if err := b.set(sh, 1, row, text, style{wrap: true}); err != nil {
			return err
		}
		if ncol > 1 {
			if err := f.MergeCell(sh, cellName(1, row), cellName(ncol, row)); err != nil {
				return err
			}
		}
		if err := f.SetRowHeight(sh, row, 15*float64(wrappedLines(text, total))); err != nil {
			return err
		}
		row++
	}

	if err := f.SetPanes(sh, &excelize.Panes{
		Freeze: true, YSplit: headerRow, TopLeftCell: cellName(1, headerRow+1), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cellName(1, headerRow+1), ActiveCell: cellName(1, headerRow+1), Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	if err := b.pageSetup(sh); err != nil {
		return err
	}
	if _, rest := splitName(t.Name); rest == "partners-by-area" && len(t.Rows) > 0 {
		return b.gridChart(sh, t, ncol)
	}
	if wantsChart(t) {
		return b.chart(sh, t, ncol)
	}
	return nil
}

// ExactSuffix ends the title of the column that holds a share column's exact value.
const ExactSuffix = " (exact)"

// ExactNote stands under every table with exact columns.
const ExactNote = "A column marked (exact) holds the share before it as the exact fraction, for formulas; " +
	"the share shown is rounded as in the annex's tables (the shares of activities so that they add up to 100%)."

// exactDecimals are the decimals an exact share shows; the cell holds the whole fraction.
const exactDecimals = 2

// exactKind marks the columns withExactShares adds; no table of pkg/render has it.
const exactKind = table.Kind(-1)

// withExactShares puts after each share column a column "<title> (exact)" that holds the share
// as the exact fraction (activities / total, from the cell's Part and Whole), shown with two
// decimals: the share column keeps the largest-remainder value the tables print, which adds
// up to 100, and formulas and scripts get the exact value beside it. A cell with no fraction
// (a suppressed "<3", a placeholder) repeats its text, so that nothing suppressed shows.
func withExactShares(t render.Table) render.Table {
	var shares []int
	for c, col := range t.Columns {
		if col.Kind == table.Share {
			shares = append(shares, c)
		}
	}
	if len(shares) == 0 {
		return t
	}
	expand := func(row []render.Value) []render.Value {
		if row == nil {
			return nil
		}
		out := make([]render.Value, 0, len(row)+len(shares))
		for c, v := range row {
			out = append(out, v)
			if slices.Contains(shares, c) {
				exact := v
				if v.Whole == 0 && decimal.MatchString(v.Text) {
					exact.Text = "" // a share that does not say of what: nothing exact to give
				}
				out = append(out, exact)
			}
		}
		return out
	}
	x := t
	x.Columns = nil
	for c, col := range t.Columns {
		x.Columns = append(x.Columns, col)
		if slices.Contains(shares, c) {
			x.Columns = append(x.Columns, render.Column{Title: col.Title + ExactSuffix, Kind: exactKind})
		}
	}
	x.Rows = make([][]render.Value, len(t.Rows))
	for i, r := range t.Rows {
		x.Rows[i] = expand(r)
	}
	x.Total = expand(t.Total)
	x.Notes = append(t.Notes[:len(t.Notes):len(t.Notes)], ExactNote)
	return x
}

// pageSetup prints a table sheet in landscape, one page wide, so that the chart beside the
// table is printed with it.
func (b *book) pageSetup(sh string) error {
	fit := true
	if err := b.f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	// A4 (9), as Council documents are printed: without a size, programs take their locale's.
	landscape, one, unlimited, a4 := "landscape", 1, 0, 9
	return b.f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &unlimited})
}

// row writes one row of values; widths grows to the longest text shown in each column.
func (b *book) row(sh string, row int, t render.Table, values []render.Value, total bool, widths []int) error {
	for c, v := range values {
		col := column(t, c)
		shown, err := b.value(sh, c+1, row, col, v, style{bold: total, top: total, indent: indented(t, c)})
		if err != nil {
			return err
		}
		if c < len(widths) {
			widths[c] = max(widths[c], textWidth(shown))
		}
	}
	// The total row is ruled off across the whole table, empty cells included.
	if total {
		for c := len(values); c < len(widths); c++ {
			if err := b.f.SetCellStyle(sh, cellName(c+1, row), cellName(c+1, row), b.style(style{bold: true, top: true})); err != nil {
				return err
			}
		}
	}
	return nil
}

var (
	integer = regexp.MustCompile(`^-?[0-9]+$`)
	decimal = regexp.MustCompile(`^-?[0-9]+(\.([0-9]+))?$`)
)

// value writes one cell: numbers in numeric columns as numbers (shares as fractions with a
// percent format that shows the same digits as the table), anything else as text. It returns
// the text a spreadsheet shows, for the column width.
func (b *book) value(sh string, c, row int, col render.Column, v render.Value, st style) (string, error) {
	f, ref := b.f, cellName(c, row)
	text := v.Text
	switch {
	case col.Kind == exactKind && v.Whole > 0 && v.Part >= 0 && v.Part <= v.Whole:
		st.pct = 1 + exactDecimals
		x := float64(v.Part) / float64(v.Whole)
		// The shortest decimals that read back as x itself: excelize's automatic precision
		// would cut the fraction to 15 digits, which is not the exact value.
		_, decimals, _ := strings.Cut(strconv.FormatFloat(x, 'f', -1, 64), ".")
		if err := f.SetCellFloat(sh, ref, x, len(decimals), 64); err != nil {
			return "", err
		}
		text = strconv.FormatFloat(100*x, 'f', exactDecimals, 64) + "%"
	case col.Kind == table.Share && decimal.MatchString(text):
		m := decimal.FindStringSubmatch(text)
		st.pct = 1 + len(m[2])
		x, err := strconv.ParseFloat(text+"e-2", 64)
		if err != nil {
			return "", err
		}
		if err := f.SetCellFloat(sh, ref, x, -1, 64); err != nil {
			return "", err
		}
		text += "%"
	case col.Numeric() && integer.MatchString(text):
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			return "", err
		}
		if err := f.SetCellInt(sh, ref, n); err != nil {
			return "", err
		}
	case col.Numeric() && decimal.MatchString(text):
		x, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return "", err
		}
		if err := f.SetCellFloat(sh, ref, x, -1, 64); err != nil {
			return "", err
		}
	default:
		// Text, and placeholders such as "-" in numeric columns, which stay right-aligned.
		st.right = col.Numeric()
		if err := f.SetCellStr(sh, ref, text); err != nil {
			return "", err
		}
	}
	return text, f.SetCellStyle(sh, ref, ref, b.style(st))
}

// chart adds a horizontal bar chart of the share of activities beside the table.
func (b *book) chart(sh string, t render.Table, ncol int) error {
	share := -1
	for i, c := range t.Columns {
		if c.Title == shareColumn {
			share = i
		}
	}
	n := len(t.Rows)
	first, last := headerRow+1, headerRow+len(t.Rows)
	q := quoteSheet(sh)
	sc := colName(share + 1)
	decimals := 0
	for _, r := range t.Rows {
		if share < len(r) {
			if m := decimal.FindStringSubmatch(r[share].Text); m != nil {
				decimals = max(decimals, len(m[2]))
			}
		}
	}
	noun := strings.ToLower(column(t, 0).Title)
	if noun == "" {
		noun = "category"
	}
	no := false
	gap := uint(60)
	return b.f.AddChart(sh, cellName(ncol+2, headerRow+1), &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       fmt.Sprintf("%s!$%s$%d", q, sc, headerRow),
			Categories: fmt.Sprintf("%s!$A$%d:$A$%d", q, first, last),
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", q, sc, first, sc, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{strings.TrimPrefix(chart.OneMeasure, "#")}},
		}},
		Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Share of activities per " + noun,
			Font: &excelize.Font{Bold: true, Size: 12, Color: "000000", Family: fontFamily}}}},
		Legend:     excelize.ChartLegend{Position: "none"},
		VaryColors: &no,
		GapWidth:   &gap,
		Dimension:  excelize.ChartDimension{Width: chartWidth, Height: uint(max(chartMinHeight, chartPadding+chartBarHeight*n))},
		Format:     excelize.GraphicOptions{OffsetX: 5, OffsetY: 5, PrintObject: boolPtr(true), Locked: boolPtr(false)},
		// The first row of the table at the top, as in the table.
		XAxis: excelize.ChartAxis{ReverseOrder: true, Font: excelize.Font{Color: "000000", Size: 9, Family: fontFamily}},
		// The data labels give the values: no value axis or grid lines to clutter the bars.
		YAxis: excelize.ChartAxis{None: true, MajorGridLines: false, Minimum: float64Ptr(0)},
		PlotArea: excelize.ChartPlotArea{
			ShowVal: true,
			NumFmt:  excelize.ChartNumFmt{CustomNumFmt: percentFormat(decimals)},
		},
	})
}

// gridChart charts the partner x area table: per partner, one bar per area in the area's colour,
// as the PNG chart of Member States per partner and area colours them.
func (b *book) gridChart(sh string, t render.Table, ncol int) error {
	q := quoteSheet(sh)
	first, last := headerRow+1, headerRow+len(t.Rows)
	var series []excelize.ChartSeries
	for c := 1; c < len(t.Columns); c++ {
		col := colName(c + 1)
		s := excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", q, col, headerRow),
			Categories: fmt.Sprintf("%s!$A$%d:$A$%d", q, first, last),
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", q, col, first, col, last),
		}
		if colour, ok := b.colours[t.Columns[c].Title]; ok {
			s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{strings.TrimPrefix(colour, "#")}}
		}
		series = append(series, s)
	}
	gap := uint(60)
	font := excelize.Font{Color: "000000", Size: 9, Family: fontFamily}
	// Counts of states: a small scale ticks whole states, not 0.5 of one.
	most := 0
	for _, r := range t.Rows {
		for _, v := range r[1:] {
			if n, err := strconv.Atoi(v.Raw); err == nil {
				most = max(most, n)
			}
		}
	}
	unit := 0.0
	if most <= 10 {
		unit = 1
	}
	return b.f.AddChart(sh, cellName(ncol+2, headerRow+1), &excelize.Chart{
		Type:   excelize.Bar,
		Series: series,
		Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.Title,
			Font: &excelize.Font{Bold: true, Size: 12, Color: "000000", Family: fontFamily}}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		GapWidth:  &gap,
		Dimension: excelize.ChartDimension{Width: chartWidth, Height: uint(max(chartMinHeight, chartPadding+chartBarHeight*len(t.Rows)*len(series)/2))},
		Format:    excelize.GraphicOptions{OffsetX: 5, OffsetY: 5, PrintObject: boolPtr(true), Locked: boolPtr(false)},
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: font},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Minimum: float64Ptr(0), MajorUnit: unit, Font: font},
	})
}

// wantsChart says whether t is one of the tables of shares of activities per partner, type or
// area with something to chart.
func wantsChart(t render.Table) bool {
	_, rest := splitName(t.Name)
	if !chartedTables[rest] || len(t.Rows) == 0 {
		return false
	}
	for _, c := range t.Columns {
		if c.Title == shareColumn {
			return true
		}
	}
	return false
}

// indented says whether column i holds text after another column: it is indented, so that it
// does not run into the right-aligned numbers before it.
func indented(t render.Table, i int) bool { return i > 0 && !column(t, i).Numeric() }

func column(t render.Table, i int) render.Column {
	if i < len(t.Columns) {
		return t.Columns[i]
	}
	return render.Column{}
}

// style is what a cell looks like; book.style turns it into an excelize style, once.
type style struct {
	bold, wrap, link bool
	top, bottom      bool
	right, indent    bool
	size             float64
	// pct is 0 for no percent format, else 1 + the number of decimals shown.
	pct int
}

func (b *book) style(s style) int {
	if id, ok := b.styles[s]; ok {
		return id
	}
	st := &excelize.Style{Font: &excelize.Font{Bold: s.bold, Size: s.size, Family: fontFamily}}
	if s.link {
		st.Font.Color = "0563C1"
		st.Font.Underline = "single"
	}
	if s.top {
		st.Border = append(st.Border, excelize.Border{Type: "top", Color: "000000", Style: 1})
	}
	if s.bottom {
		st.Border = append(st.Border, excelize.Border{Type: "bottom", Color: "000000", Style: 1})
	}
	if s.wrap || s.right || s.indent {
		st.Alignment = &excelize.Alignment{WrapText: s.wrap}
		if s.indent {
			// Excel and LibreOffice indent only cells aligned explicitly.
			st.Alignment.Horizontal, st.Alignment.Indent = "left", 1
		}
		if s.wrap {
			st.Alignment.Vertical = "top"
		}
		if s.right {
			st.Alignment.Horizontal = "right"
		}
	}
	if s.pct > 0 {
		f := percentFormat(s.pct - 1)
		st.CustomNumFmt = &f
	}
	id, err := b.f.NewStyle(st)
	if err != nil {
		// Every style built here is valid; a failure is a bug in this package.
		panic(fmt.Sprintf("xlsx report: style %+v: %v", s, err))
	}
	b.styles[s] = id
	return id
}

// set writes a text cell with a style.
func (b *book) set(sh string, c, row int, text string, s style) error {
	ref := cellName(c, row)
	if err := b.f.SetCellStr(sh, ref, text); err != nil {
		return err
	}
	return b.f.SetCellStyle(sh, ref, ref, b.style(s))
}

// percentFormat is the number format that shows a fraction as a percentage with decimals.
func percentFormat(decimals int) string {
	if decimals <= 0 {
		return "0%"
	}
	return "0." + strings.Repeat("0", decimals) + "%"
}

// sheetNames returns the sheet name of each table: "T" and the table's number, then a short
// name from Table.Name ("02-partners" -> "T02 partners", "07-partner-serbia" -> "T07 Serbia").
// Names are at most 31 characters, unique (ignoring case) and free of the characters Excel
// refuses.
func sheetNames(tables []render.Table) []string {
	used := map[string]bool{strings.ToLower(ContentsSheet): true}
	out := make([]string, len(tables))
	for i, t := range tables {
		num, rest := splitName(t.Name)
		if num == "" {
			num = fmt.Sprintf("%02d", i+1)
		}
		short := strings.ReplaceAll(rest, "-", " ")
		if slug, ok := strings.CutPrefix(rest, "partner-"); ok {
			short = strings.ReplaceAll(slug, "-", " ")
			// The partner's own spelling, from the title "Serbia: Member States per ...".
			if label, _, found := strings.Cut(t.Title, ":"); found && survey.Slug(label) == slug {
				short = label
			}
		}
		base := cleanSheetName("T" + num + " " + short)
		name := truncate(base, 31)
		for k := 2; used[strings.ToLower(name)]; k++ {
			suffix := fmt.Sprintf(" (%d)", k)
			name = truncate(base, 31-len(suffix)) + suffix
		}
		used[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

// splitName splits "07-partner-serbia" into "07" and "partner-serbia"; a name without a number
// gives "" and the whole name.
func splitName(name string) (num, rest string) {
	head, tail, ok := strings.Cut(name, "-")
	if ok && head != "" && strings.Trim(head, "0123456789") == "" {
		return head, tail
	}
	return "", name
}

// tableNumber is the number in the table's name, or its position when the name has none.
func tableNumber(t render.Table, i int) int {
	if num, _ := splitName(t.Name); num != "" {
		if n, err := strconv.Atoi(num); err == nil {
			return n
		}
	}
	return i + 1
}

// cleanSheetName drops the characters that Excel refuses in sheet names and the apostrophes it
// refuses at either end.
func cleanSheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < ' ' {
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.Trim(s, "' ")
}

// truncate cuts s to at most n UTF-16 units, as Excel counts a sheet name's length.
func truncate(s string, n int) string {
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > n {
			return strings.TrimRight(s[:i], "' ")
		}
	}
	return s
}

// quoteSheet quotes a sheet name for a formula or link: 'T02 partners'.
func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

func cellName(c, row int) string {
	ref, err := excelize.CoordinatesToCellName(c, row)
	if err != nil {
		panic(err) // columns and rows here are always positive
	}
	return ref
}

func colName(c int) string {
	name, err := excelize.ColumnNumberToName(c)
	if err != nil {
		panic(err)
	}
	return name
}

// textWidth approximates the width of text in the units of column widths (the width of a digit):
// letters of a proportional font are narrower on average.
func textWidth(s string) int { return int(math.Ceil(0.9 * float64(utf8.RuneCountInString(s)))) }

// wrappedLines estimates how many lines text takes when wrapped across width column units.
func wrappedLines(text string, width int) int {
	return max(1, int(math.Ceil(float64(textWidth(text))/math.Max(1, float64(width)))))
}

func boolPtr(b bool) *bool { return &b }

func float64Ptr(x float64) *float64 { return &x }
