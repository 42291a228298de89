package survey

import "testing"

// A schema's own nouns make sentences: the plural takes the head of the phrase, and the article
// follows the sound of the first word.
func TestPluralOfASchemasNouns(t *testing.T) {
	for in, want := range map[string]string{
		"partner": "partners", "area": "areas", "type of support": "types of support", "Type of support": "Types of support",
		"Member State": "Member States", "country": "countries", "key": "keys",
		"activity type": "activity types", "Activity type": "Activity types", "Project Sector": "Project Sectors",
		"organisation type": "organisation types", "sector": "sectors", "region": "regions", "cluster": "clusters",
		"approach": "approaches", "box": "boxes", "NGO": "NGOs", "partners": "partners",
		"area in need": "areas in need", "field of assistance": "fields of assistance",
	} {
		if got := Plural(in); got != want {
			t.Errorf("Plural(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestArticle(t *testing.T) {
	for in, want := range map[string]string{
		"partner": "a partner", "organisation": "an organisation", "area": "an area", "Member State": "a Member State",
		"type of support": "a type of support", "activity type": "an activity type", "unit": "a unit",
		"European donor": "a European donor", "hour": "an hour", "NGO": "an NGO", "UN agency": "a UN agency",
		"urban area": "an urban area", "one-off grant": "a one-off grant", "état": "an état", "region": "a region",
		"implementing partner": "an implementing partner", "MS": "an MS", "donor": "a donor",
	} {
		if got := A(in); got != want {
			t.Errorf("A(%q) = %q, want %q", in, got, want)
		}
	}
}
