package survey

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only spaces", "  \t ", ""},
		{"lower case", "Border Management", "border management"},
		{"upper case", "FYROM", "fyrom"},
		{"leading and trailing spaces", "  Serbia \t", "serbia"},
		{"repeated inner spaces", "North   Macedonia", "north macedonia"},
		{"tabs and newlines are spaces", "North\t\nMacedonia", "north macedonia"},
		{"spaces around slash", "Information exchange / situational awareness", "information exchange/situational awareness"},
		{"space before slash", "a /b", "a/b"},
		{"space after slash", "a/  b", "a/b"},
		{"ampersand between spaces", "Bosnia & Herzegovina", "bosnia and herzegovina"},
		{"ampersand without spaces", "Bosnia&Herzegovina", "bosnia and herzegovina"},
		{"ampersand at the start", "& co", "and co"},
		{"ampersand at the end", "R&", "r and"},
		{"ampersand before slash", "R & / D", "r and/d"},
		{"trailing star", "Kosovo*", "kosovo"},
		{"space and trailing star", "Kosovo *", "kosovo"},
		{"trailing stars and spaces", "Kosovo * * ", "kosovo"},
		{"lower case with space and star", "kosovo *", "kosovo"},
		{"inner star is kept", "a*b", "a*b"},
		{"leading star is kept", "*Kosovo", "*kosovo"},
		{"only a star", " * ", ""},
		{"no-break space", "North\u00a0Macedonia", "north macedonia"},
		{"trailing no-break space after star", "Kosovo*\u00a0", "kosovo"},
		{"narrow no-break space", "North\u202fMacedonia", "north macedonia"},
		{"en dash", "Bosnia\u2013Herzegovina", "bosnia-herzegovina"},
		{"em dash", "Bosnia\u2014Herzegovina", "bosnia-herzegovina"},
		{"hyphen and minus sign", "Anti\u2010smuggling \u2212 x", "anti-smuggling - x"},
		{"curly apostrophe", "Experts\u2019 assistance", "experts' assistance"},
		{"left curly quote", "\u2018quoted", "'quoted"},
		{"modifier letter apostrophe", "Experts\u02bc", "experts'"},
		{"NFC e acute folds", "Caf\u00e9", "cafe"},
		{"NFD e acute folds", "Cafe\u0301", "cafe"},
		{"NFD capital E acute folds and lowers", "E\u0301", "e"},
		{"accents of Malian regions", "S\u00e9gou", "segou"},
		{"letters with a stroke", "\u0141\u00f3d\u017a", "lodz"},
		{"dotless i", "Diyarbak\u0131r", "diyarbakir"},
		{"no-break spaces and accents", "M\u00e9naka\u00a0 Region", "menaka region"},
		{"marks of other scripts stay", "\u0915\u093f", "\u0915\u093f"},
		{"a mark after a non-Latin letter stays", "\u03b1\u0301", "\u03ac"},
		// "&" is read as "and" and there are no spaces around "/": the two rules together.
		{"ampersand right after slash", "A/&B", "a/and b"},
		{"ampersand right after slash with spaces", "Information exchange / & situational awareness",
			"information exchange/and situational awareness"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%+q) = %+q, want %+q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeSpellingsCompareEqual(t *testing.T) {
	// Each group lists spellings of one label that must reduce to the same key.
	groups := [][]string{
		{"Café", "Cafe\u0301", "CAFÉ", "CAFE\u0301", "  café  ", "Cafe", "CAFE"},
		{"Ségou", "SEGOU", "Segou", "se\u0301gou"},
		{"Ménaka", "Menaka", "MÉNAKA"},
		{"Tombouctou", "TOMBOUCTOU"},
		{"Bosnia and Herzegovina", "Bosnia & Herzegovina", "BOSNIA&HERZEGOVINA", "bosnia  and\u00a0herzegovina"},
		{"Kosovo*", "Kosovo *", "kosovo", "KOSOVO\u00a0*", "Kosovo**"},
		{"Information exchange/situational awareness", "Information exchange / situational awareness",
			"INFORMATION EXCHANGE /SITUATIONAL AWARENESS"},
		{"Experts' assistance", "Experts\u2019 assistance", "experts\u2018 assistance"},
		{"Bosnia-Herzegovina", "Bosnia\u2013Herzegovina", "bosnia\u2014herzegovina"},
	}
	for _, g := range groups {
		want := Normalize(g[0])
		for _, s := range g[1:] {
			if got := Normalize(s); got != want {
				t.Errorf("Normalize(%+q) = %+q, but Normalize(%+q) = %+q", s, got, g[0], want)
			}
		}
	}
}

// TestNormalizeIsIdempotent: a key is already normalized, so normalizing it again must not
// change it; otherwise a key read back from output would no longer match.
func TestNormalizeIsIdempotent(t *testing.T) {
	for _, s := range []string{
		"Border Management", " Kosovo * ", "Information exchange / situational awareness",
		"Bosnia & Herzegovina", "Cafe\u0301", "a*b", "\u00a0",
		// "&" right after "/" leaves a space after the slash on the first pass.
		"A/&B",
		// Lower-casing after NFC composition: U+0130 lowers to "i", which then composes with
		// the combining acute accent on the second pass.
		"\u0130\u0301",
	} {
		once := Normalize(s)
		if twice := Normalize(once); twice != once {
			t.Errorf("Normalize(%+q) = %+q, but Normalize of that = %+q", s, once, twice)
		}
	}
}

// TestNormalizeResultIsNFC checks the documented promise that keys are in Unicode NFC.
func TestNormalizeResultIsNFC(t *testing.T) {
	for _, s := range []string{"Cafe\u0301", "E\u0301", "A\u030a", "\u0130\u0301"} {
		if got := Normalize(s); !norm.NFC.IsNormalString(got) {
			t.Errorf("Normalize(%+q) = %+q, which is not NFC (NFC is %+q)", s, got, norm.NFC.String(got))
		}
	}
}

// builtinMatchers returns the matchers of the built-in schema, indexed by Key.
func builtinMatchers(t *testing.T) (*Schema, [4]*Matcher) {
	t.Helper()
	s := Builtin()
	var ms [4]*Matcher
	for _, k := range Keys {
		m, err := NewMatcher(s.Dim(k))
		if err != nil {
			t.Fatalf("NewMatcher(%v): %v", k, err)
		}
		ms[k] = m
	}
	return s, ms
}

func TestBuiltinLabelsAndAliasesMatchTheirValue(t *testing.T) {
	s, ms := builtinMatchers(t)
	n := 0
	for _, k := range Keys {
		for i, v := range s.Dim(k).Values {
			for _, name := range append([]string{v.Label}, v.Aliases...) {
				n++
				if got, ok := ms[k].Match(name); !ok || got != i {
					t.Errorf("%v: Match(%q) = %d, %v; want %d (%q), true", k, name, got, ok, i, v.Label)
				}
			}
		}
	}
	if n < 200 {
		t.Errorf("checked only %d labels and aliases; the built-in schema has more", n)
	}
}

// TestBuiltinMatchesNotePhrasings checks the phrasings that note 7896/20 and the replies to it
// actually use.
func TestBuiltinMatchesNotePhrasings(t *testing.T) {
	s, ms := builtinMatchers(t)
	tests := []struct {
		k     Key
		label string
		want  string
	}{
		{Partner, "BiH", "Bosnia and Herzegovina"},
		{Partner, "Bosnia & Herzegovina", "Bosnia and Herzegovina"},
		{Partner, "Bosnia and Herzegovina", "Bosnia and Herzegovina"},
		{Partner, "Republic of Serbia", "Serbia"},
		{Partner, "Serbia", "Serbia"},
		{Partner, "Kosovo", "Kosovo*"},
		{Partner, "kosovo *", "Kosovo*"},
		{Partner, "Kosovo*", "Kosovo*"},
		{Partner, "North Macedonia", "North Macedonia"},
		{Partner, "Macedonia", "North Macedonia"},
		{Partner, "FYROM", "North Macedonia"},
		{Partner, "Montenegro", "Montenegro"},
		{Partner, "Albania", "Albania"},

		{Area, "Border management", "Border management"},
		{Area, "combating the smuggling of migrants", "Combating migrant smuggling"},
		{Area, "Smuggling of migrants", "Combating migrant smuggling"},
		{Area, "Human smuggling", "Combating migrant smuggling"},
		{Area, "Migrant smuggling", "Combating migrant smuggling"},
		{Area, "Information exchange", "Information exchange/situational awareness"},
		{Area, "exchange of information and situational awareness", "Information exchange/situational awareness"},
		{Area, "Information exchange / situational awareness", "Information exchange/situational awareness"},
		{Area, "legal migration scheme", "Legal migration"},
		{Area, "labour migration schemes", "Legal migration"},
		{Area, "Returns", "Return"},
		{Area, "readmission", "Return"},
		{Area, "Asylum", "Asylum"},
		{Area, "reception conditions", "Reception"},
		{Area, "integration", "Integration"},

		{Type, "Expert", "Expert assistance"},
		{Type, "Experts", "Expert assistance"},
		{Type, "help of experts", "Expert assistance"},
		{Type, "Financial", "Financial assistance"},
		{Type, "funding", "Financial assistance"},
		{Type, "provision of equipment", "Equipment"},
		{Type, "equipment", "Equipment"},

		{State, "Czech Republic", "Czechia"},
		{State, "EL", "Greece"},
		{State, "the netherlands", "Netherlands"},
	}
	for _, tt := range tests {
		i, ok := ms[tt.k].Match(tt.label)
		if !ok {
			t.Errorf("%v: Match(%q) found nothing, want %q", tt.k, tt.label, tt.want)
			continue
		}
		if got := s.Dim(tt.k).Values[i].Label; got != tt.want {
			t.Errorf("%v: Match(%q) = %q, want %q", tt.k, tt.label, got, tt.want)
		}
	}
}

func TestBuiltinRejectsUnknownLabels(t *testing.T) {
	_, ms := builtinMatchers(t)
	// None of these names a category in any column: "Border" and "Visa" are not areas of the
	// note, and "Bosnia and Serbia" must not be read as either partner.
	for _, label := range []string{"", " ", "*", "Visa", "Border", "Bosnia and Serbia", "Smuggling of weapons",
		"Kosovo and Serbia", "Macedonia Greece"} {
		for _, k := range Keys {
			if i, ok := ms[k].Match(label); ok {
				t.Errorf("%v: Match(%q) = %d, true; want no match", k, label, i)
			}
		}
	}
}

func TestSuggest(t *testing.T) {
	_, ms := builtinMatchers(t)
	tests := []struct {
		k     Key
		label string
		want  string
	}{
		{Area, "Border managment", "Border management"},
		{Area, "BORDER MANAGMENT ", "Border management"},
		{Area, "Integraton", "Integration"},
		{Area, "Informaton exchange", "Information exchange/situational awareness"},
		{Area, "Visa policy", ""},
		{Area, "Visa", ""},
		{Area, "", ""},
		{Area, " * ", ""},
		{Area, "Asylum", "Asylum"},
		{Partner, "Montengro", "Montenegro"},
		{Partner, "Bosnia Herzegovna", "Bosnia and Herzegovina"},
		{Partner, "Kosovo", "Kosovo*"},
		{Partner, "Visa policy", ""},
		{Partner, "", ""},
		{Type, "Expertise assistance", "Expert assistance"},
		{Type, "Equipmnet", "Equipment"},
		{Type, "Training of border guards", ""},
		{State, "Germnay", "Germany"},
		{State, "Luxemburg", "Luxembourg"},
		// Three-letter codes are not typing targets: "Visa" is not a slip for "ITA" (Italy).
		{State, "Visa", ""},
		{State, "Narnia", ""},
	}
	for _, tt := range tests {
		if got := ms[tt.k].Suggest(tt.label); got != tt.want {
			t.Errorf("%v: Suggest(%q) = %q, want %q", tt.k, tt.label, got, tt.want)
		}
	}
}

// TestSuggestTiesGoToTheEarlierValue: Suggest walks the values in order, so equally close values
// resolve the same way on every run.
func TestSuggestTiesGoToTheEarlierValue(t *testing.T) {
	tests := []struct {
		values []Value
		want   string
	}{
		{[]Value{{Label: "Cat"}, {Label: "Car"}}, "Cat"},
		{[]Value{{Label: "Car"}, {Label: "Cat"}}, "Car"},
	}
	for _, tt := range tests {
		m, err := NewMatcher(&Dimension{Title: "Pet", Values: tt.values})
		if err != nil {
			t.Fatalf("NewMatcher: %v", err)
		}
		// "Cab" is one edit from both.
		for range 20 {
			if got := m.Suggest("Cab"); got != tt.want {
				t.Fatalf("Suggest(%q) with values %v = %q, want %q", "Cab", tt.values, got, tt.want)
			}
		}
	}
}

func TestSuggestLimitGrowsWithLength(t *testing.T) {
	m, err := NewMatcher(&Dimension{Title: "Area", Values: []Value{
		{Label: "abcdefghijkl"}, // 12 runes: up to 4 edits
		{Label: "xy"},           // 2 runes: up to 2 edits
	}})
	if err != nil {
		t.Fatalf("NewMatcher: %v", err)
	}
	tests := []struct {
		label, want string
	}{
		{"abcdefghWXYZ", "abcdefghijkl"}, // 4 edits of 12 runes: a third
		{"abcdefgVWXYZ", ""},             // 5 edits
		{"qq", "xy"},                     // 2 edits, the minimum allowance
		{"qqq", ""},                      // 3 edits from "xy", over the allowance of 2
	}
	for _, tt := range tests {
		if got := m.Suggest(tt.label); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.label, got, tt.want)
		}
	}
}

func TestMatcherOpen(t *testing.T) {
	s := Builtin()
	tests := []struct {
		name string
		dim  *Dimension
		want bool
	}{
		{"dimension without values", &Dimension{Title: "Respondent"}, true},
		{"dimension with an empty value list", &Dimension{Title: "Respondent", Values: []Value{}}, true},
		{"built-in states", s.Dim(State), false},
		{"built-in partners", s.Dim(Partner), false},
		{"one value", &Dimension{Title: "X", Values: []Value{{Label: "x"}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := NewMatcher(tt.dim)
			if err != nil {
				t.Fatalf("NewMatcher: %v", err)
			}
			if got := m.Open(); got != tt.want {
				t.Errorf("Open() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOpenMatcherMatchesAndSuggestsNothing(t *testing.T) {
	m, err := NewMatcher(&Dimension{Title: "Respondent"})
	if err != nil {
		t.Fatalf("NewMatcher: %v", err)
	}
	if i, ok := m.Match("Germany"); ok {
		t.Errorf("Match(%q) = %d, true; want false", "Germany", i)
	}
	if got := m.Suggest("Germany"); got != "" {
		t.Errorf("Suggest(%q) = %q, want \"\"", "Germany", got)
	}
}

func TestNewMatcherErrors(t *testing.T) {
	tests := []struct {
		name   string
		values []Value
	}{
		{"two equal labels", []Value{{Label: "A"}, {Label: "a "}}},
		{"alias equal to another label", []Value{{Label: "A"}, {Label: "B", Aliases: []string{"A*"}}}},
		{"empty label", []Value{{Label: "A"}, {Label: "  "}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if m, err := NewMatcher(&Dimension{Title: "X", Values: tt.values}); err == nil {
				t.Errorf("NewMatcher(%v) = %v, nil; want an error", tt.values, m)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
		{"montengro", "montenegro", 1},
		{"border managment", "border management", 1},
		{"flaw", "lawn", 2},
		// Runes, not bytes: é is one edit from e.
		{"caf\u00e9", "cafe", 1},
		{"\u00e9\u00e9", "\u00e8\u00e8", 2},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := editDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

// TestNormalizeTitleDropsRemarksAsTheRuleSays compares NormalizeTitle with the rule written as a
// regular expression (drop a trailing `\s*\([^()]*\)`, and ":*. ", until nothing changes) on
// random titles built from the characters that matter.
func TestNormalizeTitleDropsRemarksAsTheRuleSays(t *testing.T) {
	remark := regexp.MustCompile(`\s*\([^()]*\)$`)
	byRule := func(s string) string {
		s = Normalize(s)
		for {
			u := remark.ReplaceAllString(strings.TrimRight(s, ":*. "), "")
			if u == s {
				return s
			}
			s = u
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	const chars = "ab ()\t.:*"
	for range 20000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = chars[rng.IntN(len(chars))]
		}
		if got, want := NormalizeTitle(string(b)), byRule(string(b)); got != want {
			t.Fatalf("NormalizeTitle(%q) = %q, want %q", b, got, want)
		}
	}
}

// Hostile cells cost time in proportion to their length: a megabyte of "()" in a title, a long
// unknown label repeated on every row.
func TestLongTextsCostLinearTime(t *testing.T) {
	start := time.Now()
	if got := NormalizeTitle("Type" + strings.Repeat("()", 500000)); got != "type" {
		t.Errorf("NormalizeTitle = %.40q", got)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("NormalizeTitle of 1 MB took %s", took)
	}
	m, err := NewMatcher(Builtin().Dim(State))
	if err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	long := strings.Repeat("Austria ", 12500) // 100 KB
	for range 100 {
		if s := m.Suggest(long); s != "" {
			t.Fatalf("suggested %q for a 100 KB text", s)
		}
	}
	// Just past the longest label by a third it is compared, and still found.
	if s := m.Suggest("Czech Republikk"); s != "Czechia" {
		t.Errorf("Suggest(Czech Republikk) = %q", s)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("100 suggestions for a 100 KB text took %s", took)
	}
}
