package survey

import (
	"slices"
	"strings"
	"testing"
)

func TestKeyString(t *testing.T) {
	tests := []struct {
		k    Key
		want string
	}{
		{State, "state"},
		{Partner, "partner"},
		{Area, "area"},
		{Type, "type"},
		{Key(4), "key(4)"},
		{Key(-1), "key(-1)"},
	}
	for _, tt := range tests {
		if got := tt.k.String(); got != tt.want {
			t.Errorf("Key(%d).String() = %q, want %q", int(tt.k), got, tt.want)
		}
	}
}

func TestParseKeyRoundTrip(t *testing.T) {
	for _, k := range Keys {
		got, ok := ParseKey(k.String())
		if !ok || got != k {
			t.Errorf("ParseKey(%q) = %v, %v; want %v, true", k.String(), got, ok, k)
		}
	}
}

func TestParseKeyRejects(t *testing.T) {
	// Names are exact: flags and JSON use the lower-case spelling only.
	for _, s := range []string{"", "State", "PARTNER", " area", "types", "key(4)", "key(0)"} {
		if k, ok := ParseKey(s); ok {
			t.Errorf("ParseKey(%q) = %v, true; want false", s, k)
		}
	}
}

func TestKeysAndDims(t *testing.T) {
	if want := []Key{State, Partner, Area, Type}; !slices.Equal(Keys, want) {
		t.Errorf("Keys = %v, want %v", Keys, want)
	}
	if want := []Key{Partner, Area, Type}; !slices.Equal(Dims, want) {
		t.Errorf("Dims = %v, want %v", Dims, want)
	}
}

func TestBuiltinValidates(t *testing.T) {
	if err := Builtin().Validate(); err != nil {
		t.Fatalf("Builtin().Validate() = %v, want nil", err)
	}
}

func TestBuiltinShape(t *testing.T) {
	s := Builtin()
	// Note 7896/20: the 27 Member States of 2020, six Western Balkan partners, eight areas and
	// three types of support, in the note's order.
	tests := []struct {
		k    Key
		n    int
		want []string // the first labels, in order
	}{
		{State, 27, []string{"Austria", "Belgium", "Bulgaria"}},
		{Partner, 6, []string{"Albania", "Bosnia and Herzegovina", "Kosovo*", "Montenegro", "North Macedonia", "Serbia"}},
		{Area, 8, []string{"Asylum", "Reception", "Border management", "Return", "Combating migrant smuggling",
			"Integration", "Legal migration", "Information exchange/situational awareness"}},
		{Type, 3, []string{"Financial assistance", "Expert assistance", "Equipment"}},
	}
	for _, tt := range tests {
		got := s.Labels(tt.k)
		if len(got) != tt.n || !slices.Equal(got[:len(tt.want)], tt.want) {
			t.Errorf("Labels(%v) = %v, want %d labels starting %v", tt.k, got, tt.n, tt.want)
		}
	}
	// The footnote belongs to Kosovo* and to nothing else.
	for _, v := range s.Dim(Partner).Values {
		if hasNote := v.Footnote != ""; hasNote != (v.Label == "Kosovo*") {
			t.Errorf("partner %q has footnote %q", v.Label, v.Footnote)
		}
	}
}

// TestBuiltinIsFresh guards the tests below that edit a Builtin schema: each call must return
// its own copy.
func TestBuiltinIsFresh(t *testing.T) {
	a := Builtin()
	a.Dim(Partner).Values[0].Aliases[0] = "changed"
	a.Dim(Area).Title = ""
	b := Builtin()
	if b.Dim(Partner).Values[0].Aliases[0] == "changed" || b.Dim(Area).Title == "" {
		t.Fatal("Builtin() shares data between calls")
	}
}

func TestDimPointsIntoSchema(t *testing.T) {
	s := Builtin()
	s.Dim(Type).Noun = "kind"
	if s.Columns[Type].Noun != "kind" {
		t.Errorf("Dim(Type) does not point at Columns[Type]")
	}
}

func TestValidateFails(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(s *Schema)
		wants []string // substrings of the error
	}{
		{
			// "Bosnia & Herzegovina" normalizes to Bosnia and Herzegovina's label.
			name: "alias that matches two values",
			edit: func(s *Schema) {
				d := s.Dim(Partner)
				d.Values[5].Aliases = append(d.Values[5].Aliases, "Bosnia & Herzegovina")
			},
			wants: []string{"partner", "Bosnia and Herzegovina", "Serbia"},
		},
		{
			name: "alias equal to another value's alias",
			edit: func(s *Schema) {
				d := s.Dim(Type)
				d.Values[2].Aliases = append(d.Values[2].Aliases, "FUNDING")
			},
			wants: []string{"type", "Financial assistance", "Equipment"},
		},
		{
			name: "label equal to another label",
			edit: func(s *Schema) {
				s.Dim(State).Values[1].Label = "austria"
			},
			wants: []string{"state", "Austria", "austria"},
		},
		{
			name:  "partner without values",
			edit:  func(s *Schema) { s.Dim(Partner).Values = nil },
			wants: []string{"partner", "no values"},
		},
		{
			name:  "area without values",
			edit:  func(s *Schema) { s.Dim(Area).Values = []Value{} },
			wants: []string{"area", "no values"},
		},
		{
			name:  "type without values",
			edit:  func(s *Schema) { s.Dim(Type).Values = nil },
			wants: []string{"type", "no values"},
		},
		{
			name:  "partner without title",
			edit:  func(s *Schema) { s.Dim(Partner).Title = "" },
			wants: []string{"partner", "no title"},
		},
		{
			name:  "state without title",
			edit:  func(s *Schema) { s.Dim(State).Title = "" },
			wants: []string{"state", "no title"},
		},
		{
			name:  "type without title",
			edit:  func(s *Schema) { s.Dim(Type).Title = "" },
			wants: []string{"type", "no title"},
		},
		{
			name:  "empty label",
			edit:  func(s *Schema) { s.Dim(Area).Values[3].Label = "" },
			wants: []string{"area", "value 4", "empty label"},
		},
		{
			// A footnote marker alone normalizes to nothing.
			name:  "label that is only a footnote marker",
			edit:  func(s *Schema) { s.Dim(Partner).Values[2].Label = " * " },
			wants: []string{"partner", "value 3", "empty label"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Builtin()
			tt.edit(s)
			err := s.Validate()
			if err == nil {
				t.Fatal("Validate() = nil, want an error")
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate() = %q, want it to mention %q", err, w)
				}
			}
		})
	}
}

func TestValidateAccepts(t *testing.T) {
	tests := []struct {
		name string
		edit func(s *Schema)
	}{
		// Any name is accepted as a respondent when the state column lists none.
		{"state without values", func(s *Schema) { s.Dim(State).Values = nil }},
		// BiH and BIH are the same key for the same value: not a conflict.
		{"alias repeated within one value", func(s *Schema) {
			d := s.Dim(Partner)
			d.Values[0].Aliases = append(d.Values[0].Aliases, "albania", "ALBANIA ")
		}},
		// Empty aliases are ignored rather than matching everything.
		{"empty alias", func(s *Schema) {
			d := s.Dim(Area)
			d.Values[0].Aliases = append(d.Values[0].Aliases, "", " * ")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Builtin()
			tt.edit(s)
			if err := s.Validate(); err != nil {
				t.Errorf("Validate() = %v, want nil", err)
			}
		})
	}
}
