package xmldepth_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/xmldepth"
)

// tokens is a token stream that ends with io.EOF wherever the test wants, even inside an
// element, which encoding/xml's own decoder reports as a syntax error instead.
type tokens []xml.Token

func (t *tokens) Token() (xml.Token, error) {
	if len(*t) == 0 {
		return nil, io.EOF
	}
	tok := (*t)[0]
	*t = (*t)[1:]
	return tok, nil
}

func start(name string) xml.Token { return xml.StartElement{Name: xml.Name{Local: name}} }
func end(name string) xml.Token   { return xml.EndElement{Name: xml.Name{Local: name}} }

// trace reads r to its first error and writes each token with the depth after it; after the
// skipAt-th token (from 1; 0 never) it skips the rest of the element.
func trace(r *xmldepth.Reader, skipAt int) (string, error) {
	var out []string
	for n := 1; n < 1000; n++ {
		tok, err := r.Token()
		if err != nil {
			return strings.Join(out, " "), err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			out = append(out, fmt.Sprintf("<%s>%d", t.Name.Local, r.Depth()))
		case xml.EndElement:
			out = append(out, fmt.Sprintf("</%s>%d", t.Name.Local, r.Depth()))
		case xml.CharData:
			out = append(out, fmt.Sprintf("%q%d", t, r.Depth()))
		default:
			out = append(out, fmt.Sprintf("%T%d", tok, r.Depth()))
		}
		if n == skipAt {
			if err := r.Skip(); err != nil {
				return strings.Join(out, " "), err
			}
			out = append(out, fmt.Sprintf("skip%d", r.Depth()))
		}
	}
	return strings.Join(out, " "), errors.New("no end")
}

func TestReader(t *testing.T) {
	tooDeep := func(max int) func(error) bool {
		return func(err error) bool {
			var e *xmldepth.TooDeepError
			return errors.As(err, &e) && e.Max == max && err.Error() == fmt.Sprintf("the XML has elements nested more than %d deep", max)
		}
	}
	is := func(target error) func(error) bool { return func(err error) bool { return err == target } }
	syntax := func(err error) bool {
		var e *xml.SyntaxError
		return errors.As(err, &e)
	}
	var levels []string
	for d := 1; d <= 200; d++ {
		levels = append(levels, fmt.Sprintf("<a>%d", d))
	}
	deep200 := strings.Join(levels, " ")
	for _, tc := range []struct {
		name   string
		xml    string // read through encoding/xml's decoder, or else
		toks   tokens // given as they are
		max    int    // the bound
		skipAt int    // skip after this token (from 1), 0 not
		want   string // the tokens read, each with the depth after it
		err    func(error) bool
	}{
		{name: "flat", xml: `<a/>`, max: 1, want: "<a>1 </a>0", err: is(io.EOF)},
		{name: "text counts as in its element", xml: `<a>x<b>y</b></a>`, max: 2,
			want: `<a>1 "x"1 <b>2 "y"2 </b>1 </a>0`, err: is(io.EOF)},
		{name: "at the bound", xml: `<a><b><c/></b></a>`, max: 3,
			want: "<a>1 <b>2 <c>3 </c>2 </b>1 </a>0", err: is(io.EOF)},
		{name: "too deep", xml: `<a><b><c/></b></a>`, max: 2,
			want: "<a>1 <b>2", err: tooDeep(2)},
		{name: "too deep at the root", xml: `<a/>`, max: 0, want: "", err: tooDeep(0)},
		{name: "too deep far down", xml: strings.Repeat("<a>", 100000), max: 200,
			want: deep200, err: tooDeep(200)},
		{name: "EOF inside an element", toks: tokens{start("a"), start("b"), end("b")}, max: 5,
			want: "<a>1 <b>2 </b>1", err: is(io.ErrUnexpectedEOF)},
		{name: "EOF after the root", toks: tokens{start("a"), end("a")}, max: 5,
			want: "<a>1 </a>0", err: is(io.EOF)},
		{name: "no element", toks: tokens{}, max: 5, want: "", err: is(io.EOF)},
		{name: "the decoder's own error as it is", xml: `<a><b>`, max: 5,
			want: "<a>1 <b>2", err: syntax},
		{name: "skip the element just started", xml: `<a><b><c/>t</b><d/></a>`, max: 3, skipAt: 2,
			want: "<a>1 <b>2 skip1 <d>2 </d>1 </a>0", err: is(io.EOF)},
		{name: "skip an empty element", xml: `<a><b/><d/></a>`, max: 3, skipAt: 2,
			want: "<a>1 <b>2 skip1 <d>2 </d>1 </a>0", err: is(io.EOF)},
		{name: "skip the rest after text", xml: `<a><b>t<c/></b><d/></a>`, max: 3, skipAt: 3,
			want: `<a>1 <b>2 "t"2 skip1 <d>2 </d>1 </a>0`, err: is(io.EOF)},
		{name: "skip within the bound", xml: `<a><b><c><d/></c></b></a>`, max: 3, skipAt: 2,
			want: "<a>1 <b>2", err: tooDeep(3)},
		{name: "skip to EOF inside an element", toks: tokens{start("a"), start("b"), start("c"), end("c")}, max: 5, skipAt: 2,
			want: "<a>1 <b>2", err: is(io.ErrUnexpectedEOF)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var tr xml.TokenReader = &tc.toks
			if tc.xml != "" {
				tr = xml.NewDecoder(strings.NewReader(tc.xml))
			}
			got, err := trace(xmldepth.New(tr, tc.max), tc.skipAt)
			if got != tc.want {
				t.Errorf("read\n%s\nwant\n%s", got, tc.want)
			}
			if !tc.err(err) {
				t.Errorf("error %v (%T)", err, err)
			}
		})
	}
}

// FuzzReader checks the depth against a stack of the elements open, on any input: never over
// the bound, refused exactly one past it, and the end of input told apart inside an element.
func FuzzReader(f *testing.F) {
	for _, s := range []string{`<a/>`, `<a><b>x</b><c/></a>`, `<a><b><c><d/></c></b></a>`, `<a><b>`, `<a>`, `</a>`, `<?xml version="1.0"?><!-- c --><a x="1"><![CDATA[y]]></a>`, strings.Repeat("<a>", 40)} {
		f.Add([]byte(s), uint8(3), uint8(2))
	}
	f.Fuzz(func(t *testing.T, data []byte, max, skipDepth uint8) {
		bound := int(max % 32)
		r := xmldepth.New(xml.NewDecoder(bytes.NewReader(data)), bound)
		var open []string
		for n := 0; ; n++ {
			if n > len(data)+1 {
				t.Fatalf("%d tokens from %d bytes", n, len(data))
			}
			tok, err := r.Token()
			var deep *xmldepth.TooDeepError
			switch {
			case errors.As(err, &deep):
				if deep.Max != bound || len(open) != bound {
					t.Fatalf("refused at depth %d with Max %d, bound %d", len(open)+1, deep.Max, bound)
				}
				return
			case err == io.EOF:
				if len(open) != 0 {
					t.Fatalf("io.EOF inside %v", open)
				}
				return
			case err == io.ErrUnexpectedEOF:
				if len(open) == 0 {
					t.Fatal("io.ErrUnexpectedEOF outside any element")
				}
				return
			case err != nil:
				return // the decoder's own
			}
			switch t := tok.(type) {
			case xml.StartElement:
				open = append(open, t.Name.Local)
			case xml.EndElement:
				open = open[:len(open)-1]
			}
			if r.Depth() != len(open) || r.Depth() > bound {
				t.Fatalf("depth %d in %v, bound %d", r.Depth(), open, bound)
			}
			if _, ok := tok.(xml.StartElement); ok && len(open) == int(skipDepth%8)+1 {
				if err := r.Skip(); err != nil {
					if errors.As(err, &deep) && deep.Max != bound {
						t.Fatalf("refused with Max %d, bound %d", deep.Max, bound)
					}
					return
				}
				open = open[:len(open)-1]
				if r.Depth() != len(open) {
					t.Fatalf("depth %d after skip in %v", r.Depth(), open)
				}
			}
		}
	})
}
