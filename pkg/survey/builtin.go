package survey

// KosovoFootnote is the designation that Council documents attach to Kosovo*.
const KosovoFootnote = "This designation is without prejudice to positions on status, and is in line with " +
	"UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence."

// Builtin returns the questionnaire of Council note 7896/20: Member States' bilateral support to
// the Western Balkan partners in migration management. Its aliases are the common short and
// official names and every phrasing the note itself uses for the same category.
func Builtin() *Schema {
	return &Schema{
		Title:       "Member States' bilateral support to the Western Balkans in migration management (7896/20)",
		Respondent:  "Member State",
		Respondents: "Member States",
		NilWords:    []string{"none", "nil", "no activities", "no activity", "no bilateral activities"},
		// What the note says of its questionnaire; the document number is the next note's own.
		Period: "from 2015 to the present",
		Scope:  "not financed under EU funds",
		Columns: [4]Dimension{
			State: {
				Title: "Member State",
				Noun:  "Member State",
				HXL:   "#org",
				Headers: []string{"MS", "State", "EU Member State", "Member States", "Reporting Member State",
					"Reporting State", "Respondent", "EU MS", "Country of origin of support"},
				Values: euMemberStates(),
			},
			Partner: {
				Title: "Partner",
				Noun:  "partner",
				HXL:   "#country",
				Headers: []string{"WB partner", "Western Balkans partner", "Western Balkan partner", "Beneficiary",
					"Partner country", "Beneficiary country", "Recipient", "Recipient country", "WB"},
				Values: []Value{
					{Label: "Albania", Aliases: []string{"Republic of Albania", "AL", "ALB"}},
					{Label: "Bosnia and Herzegovina", Aliases: []string{"BiH", "B and H", "BH", "BA", "Bosnia",
						"Bosnia-Herzegovina", "Bosnia Herzegovina", "BIH"}},
					{Label: "Kosovo*", Aliases: []string{"XK", "XKX", "Kosovo under UNSCR 1244", "Kosovo under UNSCR 1244/1999",
						"Kosovo (UNSCR 1244)", "Kosovo (UNSCR 1244/1999)", "Kosovo (UNSCR 1244/99)"},
						Footnote: KosovoFootnote},
					{Label: "Montenegro", Aliases: []string{"ME", "MNE", "Crna Gora"}},
					{Label: "North Macedonia", Aliases: []string{"Republic of North Macedonia", "Macedonia", "MK", "MKD",
						"N. Macedonia", "FYROM", "former Yugoslav Republic of Macedonia",
						"the former Yugoslav Republic of Macedonia"}},
					{Label: "Serbia", Aliases: []string{"Republic of Serbia", "RS", "SRB"}},
				},
			},
			Area: {
				Title: "Area",
				Noun:  "area",
				HXL:   "#sector",
				Headers: []string{"Field", "Field of support", "Area of support", "Areas", "Fields", "Thematic area",
					"Field of assistance", "Area of assistance", "Sector", "Migration area", "Area of migration"},
				Values: []Value{
					{Label: "Asylum", Aliases: []string{"Asylum system", "Asylum systems", "Asylum procedures",
						"Asylum capacities"}},
					{Label: "Reception", Aliases: []string{"Reception conditions", "Reception system", "Reception systems",
						"Reception capacities", "Reception capacity"}},
					{Label: "Border management", Aliases: []string{"Efficient border management", "Border control",
						"Border controls", "Integrated border management", "IBM", "Borders"}},
					{Label: "Return", Aliases: []string{"Returns", "Voluntary return", "Voluntary returns", "Readmission",
						"Return and readmission", "Return capacities", "Return capacity"}},
					{Label: "Combating migrant smuggling", Aliases: []string{"Migrant smuggling", "Smuggling",
						"Smuggling of migrants", "Combating smuggling of migrants", "Combating the smuggling of migrants",
						"Combating migrants smuggling", "Human smuggling", "Combating human smuggling",
						"Fight against migrant smuggling", "Anti-smuggling", "Countering migrant smuggling"}},
					{Label: "Integration", Aliases: []string{"Integration of migrants"}},
					{Label: "Legal migration", Aliases: []string{"Legal migration scheme", "Legal migration schemes",
						"Labour migration", "Labor migration", "Labour migration scheme", "Labour migration schemes",
						"Legal pathways"}},
					{Label: "Information exchange/situational awareness", Aliases: []string{"Information exchange",
						"Exchange of information", "Situational awareness", "Information exchange and situational awareness",
						"Exchange of information and situational awareness", "Information sharing",
						"Information exchange/situation awareness", "Info exchange"}},
				},
			},
			Type: {
				Title: "Type of support",
				Noun:  "type of support",
				HXL:   "#activity+type",
				Headers: []string{"Type", "Type of assistance", "Types of support", "Form of support", "Form of assistance",
					"Support type", "Assistance type", "Kind of support"},
				Values: []Value{
					{Label: "Financial assistance", Aliases: []string{"Financial", "Financial support", "Funding",
						"Funding support", "Finance", "Financial aid"}},
					{Label: "Expert assistance", Aliases: []string{"Expert", "Experts", "Expertise", "Expert support",
						"Help of experts", "Help of an expert", "Expert help", "Experts' assistance"}},
					{Label: "Equipment", Aliases: []string{"Provision of equipment", "Equipment donation",
						"Donation of equipment", "Equipment support", "Equipments"}},
				},
			},
		},
	}
}

// euMemberStates lists the 27 Member States (as of 2020) with their ISO and EU codes and the
// other names under which they commonly reply.
func euMemberStates() []Value {
	return []Value{
		{Label: "Austria", Aliases: []string{"AT", "AUT", "Republic of Austria"}},
		{Label: "Belgium", Aliases: []string{"BE", "BEL", "Kingdom of Belgium"}},
		{Label: "Bulgaria", Aliases: []string{"BG", "BGR", "Republic of Bulgaria"}},
		{Label: "Croatia", Aliases: []string{"HR", "HRV", "Republic of Croatia"}},
		{Label: "Cyprus", Aliases: []string{"CY", "CYP", "Republic of Cyprus"}},
		{Label: "Czechia", Aliases: []string{"CZ", "CZE", "Czech Republic"}},
		{Label: "Denmark", Aliases: []string{"DK", "DNK", "Kingdom of Denmark"}},
		{Label: "Estonia", Aliases: []string{"EE", "EST", "Republic of Estonia"}},
		{Label: "Finland", Aliases: []string{"FI", "FIN", "Republic of Finland"}},
		{Label: "France", Aliases: []string{"FR", "FRA", "French Republic"}},
		{Label: "Germany", Aliases: []string{"DE", "DEU", "Federal Republic of Germany"}},
		{Label: "Greece", Aliases: []string{"EL", "GR", "GRC", "Hellenic Republic"}},
		{Label: "Hungary", Aliases: []string{"HU", "HUN"}},
		{Label: "Ireland", Aliases: []string{"IE", "IRL"}},
		{Label: "Italy", Aliases: []string{"IT", "ITA", "Italian Republic"}},
		{Label: "Latvia", Aliases: []string{"LV", "LVA", "Republic of Latvia"}},
		{Label: "Lithuania", Aliases: []string{"LT", "LTU", "Republic of Lithuania"}},
		{Label: "Luxembourg", Aliases: []string{"LU", "LUX", "Grand Duchy of Luxembourg"}},
		{Label: "Malta", Aliases: []string{"MT", "MLT", "Republic of Malta"}},
		{Label: "Netherlands", Aliases: []string{"NL", "NLD", "The Netherlands", "Kingdom of the Netherlands"}},
		{Label: "Poland", Aliases: []string{"PL", "POL", "Republic of Poland"}},
		{Label: "Portugal", Aliases: []string{"PT", "PRT", "Portuguese Republic"}},
		{Label: "Romania", Aliases: []string{"RO", "ROU"}},
		{Label: "Slovakia", Aliases: []string{"SK", "SVK", "Slovak Republic"}},
		{Label: "Slovenia", Aliases: []string{"SI", "SVN", "Republic of Slovenia"}},
		{Label: "Spain", Aliases: []string{"ES", "ESP", "Kingdom of Spain"}},
		{Label: "Sweden", Aliases: []string{"SE", "SWE", "Kingdom of Sweden"}},
	}
}
