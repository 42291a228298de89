package chart

import "github.com/mapsurvey/mapsurvey/pkg/survey"

// Palettes are colour-blind safe and differ per column, so that a colour names one category in
// the whole note: areas take Okabe and Ito's colours (with Paul Tol's indigo for black), partners
// Tol's muted scheme and types of support Tol's vibrant scheme. Surveys with more categories
// than a palette holds go on with the other palettes' colours.
var Palettes = [4][]string{
	survey.Partner: {"#882255", "#44AA99", "#999933", "#AA4499", "#117733", "#DDCC77", "#88CCEE", "#CC6677", "#332288"},
	survey.Area:    {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#332288"},
	survey.Type:    {"#EE7733", "#0077BB", "#009988", "#EE3377", "#33BBEE", "#CC3311", "#BBBBBB"},
}

// Colours gives every value of every column its colour: the schema's when it names one,
// otherwise its column's palette's, by the value's place in the questionnaire. A category
// therefore has the same colour in every chart, whatever the order of the bars.
func Colours(s *survey.Schema) [4][]string {
	var out [4][]string
	for _, k := range survey.Keys {
		palette := Palettes[k]
		for _, other := range survey.Dims {
			if other != k {
				palette = append(palette[:len(palette):len(palette)], Palettes[other]...)
			}
		}
		for i, v := range s.Dim(k).Values {
			c := v.Colour
			if c == "" {
				c = palette[i%len(palette)]
			}
			out[k] = append(out[k], c)
		}
	}
	return out
}
