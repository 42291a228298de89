// Package xmldepth reads XML tokens with the depth of the element they are in, bounded, so
// that a file nesting elements without end (damaged, or made to exhaust memory) stops with
// one error instead of growing the decoder's stack. The readers of office documents (pkg/ods,
// pkg/docxtable) share it and turn its errors into their own messages.
package xmldepth

import (
	"encoding/xml"
	"fmt"
	"io"
)

// TooDeepError is an element nesting more than Max elements deep.
type TooDeepError struct {
	Max int
}

func (e *TooDeepError) Error() string {
	return fmt.Sprintf("the XML has elements nested more than %d deep", e.Max)
}

// Reader reads the tokens of an XML decoder, counting the depth of the element they are in.
type Reader struct {
	tr    xml.TokenReader
	depth int
	max   int
}

// New reads tr (usually an *xml.Decoder), refusing elements nested more than maxDepth deep.
func New(tr xml.TokenReader, maxDepth int) *Reader {
	return &Reader{tr: tr, max: maxDepth}
}

// Token is the next token. After a start element, Depth counts it; after an end element, it no
// longer does. An element that would be deeper than the bound is a *TooDeepError; the input
// ending inside an element, io.ErrUnexpectedEOF; its end elsewhere, io.EOF. Other errors come
// from the decoder as they are.
func (r *Reader) Token() (xml.Token, error) {
	tok, err := r.tr.Token()
	if err != nil {
		if err == io.EOF && r.depth > 0 {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, err
	}
	switch tok.(type) {
	case xml.StartElement:
		r.depth++
		if r.depth > r.max {
			return nil, &TooDeepError{Max: r.max}
		}
	case xml.EndElement:
		r.depth--
	}
	return tok, nil
}

// Depth is how many elements the last token is in: a start element counts itself, an end
// element does not; 0 outside the root element.
func (r *Reader) Depth() int { return r.depth }

// Skip reads to the end of the element just started (the rest of the element the reader is
// in), within the same bound.
func (r *Reader) Skip() error {
	for depth := r.depth; r.depth >= depth; {
		if _, err := r.Token(); err != nil {
			return err
		}
	}
	return nil
}
