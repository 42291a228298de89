package cli

import (
	"reflect"
	"testing"

	"github.com/spf13/pflag"

	"github.com/mapsurvey/mapsurvey/pkg/survey"
)

// The schema's doc_number, classification, period and scope fill the flags left out; a flag
// given, even empty, wins.
func TestWordOptionsDefaultFromSchema(t *testing.T) {
	s := survey.Builtin()
	s.DocNumber, s.Classification = "1234/26", "LIMITE"
	var o WordOptions
	f := pflag.NewFlagSet("report", pflag.ContinueOnError)
	o.bindFlags(f)
	if err := f.Parse([]string{"--classification", "", "--period", "from 2019 to 2021"}); err != nil {
		t.Fatal(err)
	}
	got := o.withDefaults(s)
	got.set = nil
	want := WordOptions{DocNumber: "1234/26", Classification: "", Period: "from 2019 to 2021", Scope: "not financed under EU funds"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}
