package contract

// AnalysisSparseID names the contract of an Analysis whose cross-tabulations are sparse: the
// same document as AnalysisID (v2), except that partner_area, partner_type, area_type and
// partner_area_type list only the combinations with at least one activity, and "sparse" is
// true. A combination not listed has no state and no activity.
const AnalysisSparseID = "mapsurvey/analysis/v3"

// SparseCells is the size of the three-way cross-tabulation (partners x areas x types) above
// which an analysis is written sparse (AnalysisSparseID). The note's survey (6 x 8 x 3 = 144
// cells) and any survey of up to 10,000 combinations keep v2, every combination listed; a
// schema of 89 sectors, 61 districts and a dozen types (66,750 cells, 13.9 MB of JSON for 515
// rows) lists only its few hundred cells with activities.
const SparseCells = 10000

// SparseIfLarge makes the document sparse when its three-way cross-tabulation has more than
// SparseCells combinations.
func (a *Analysis) SparseIfLarge() {
	if len(a.PartnerAreaT) <= SparseCells {
		return
	}
	a.Schema, a.Sparse = AnalysisSparseID, true
	for _, list := range []*[]Combo{&a.PartnerArea, &a.PartnerType, &a.AreaType, &a.PartnerAreaT} {
		kept := []Combo{}
		for _, c := range *list {
			if c.Activities > 0 {
				kept = append(kept, c)
			}
		}
		*list = kept
	}
}
