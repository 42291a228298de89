package contract_test

import (
	"testing"

	"github.com/mapsurvey/mapsurvey/pkg/contract"
)

func TestSparseIfLarge(t *testing.T) {
	small := contract.Analysis{Schema: contract.AnalysisID, PartnerAreaT: make([]contract.Combo, contract.SparseCells), PartnerArea: []contract.Combo{{Activities: 0}, {Activities: 1}}}
	small.SparseIfLarge()
	if small.Schema != contract.AnalysisID || small.Sparse || len(small.PartnerArea) != 2 || len(small.PartnerAreaT) != contract.SparseCells {
		t.Errorf("a cross-tab of %d cells was made sparse: %s", contract.SparseCells, small.Schema)
	}
	large := contract.Analysis{Schema: contract.AnalysisID, PartnerAreaT: make([]contract.Combo, contract.SparseCells+1), PartnerArea: []contract.Combo{{Activities: 0}, {Partner: "A", Activities: 1}}}
	large.PartnerAreaT[7].Activities = 3
	large.SparseIfLarge()
	if large.Schema != contract.AnalysisSparseID || !large.Sparse || len(large.PartnerAreaT) != 1 || large.PartnerAreaT[0].Activities != 3 ||
		len(large.PartnerArea) != 1 || len(large.PartnerType) != 0 || large.PartnerType == nil {
		t.Errorf("large: %s sparse=%v, %d and %d cells, partner_type %v", large.Schema, large.Sparse, len(large.PartnerAreaT), len(large.PartnerArea), large.PartnerType)
	}
}
