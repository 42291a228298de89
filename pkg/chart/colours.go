package chart

import "github.com/mapsurvey/mapsurvey/pkg/survey"

// Palette is colour-blind safe: Okabe and Ito's eight colours (without black, kept for text),
// then Paul Tol's muted scheme for surveys with more categories.
var Palette = []string{
	"#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442",
	"#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
}

// Colours gives every value of every column its colour: the schema's when it names one,
// otherwise the palette's, by the value's place in the questionnaire. A category therefore has
// the same colour in every chart, whatever the order of the bars.
func Colours(s *survey.Schema) [4][]string {
	var out [4][]string
	for _, k := range survey.Keys {
		for i, v := range s.Dim(k).Values {
			c := v.Colour
			if c == "" {
				c = Palette[i%len(Palette)]
			}
			out[k] = append(out[k], c)
		}
	}
	return out
}
