package buildinfo

import (
	"runtime/debug"
	"testing"
)

func buildInfo(mainVersion string, settings ...string) func() (*debug.BuildInfo, bool) {
	return func() (*debug.BuildInfo, bool) {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/mapsurvey/mapsurvey", Version: mainVersion}}
		for i := 0; i+1 < len(settings); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return bi, true
	}
}

func noBuildInfo() (*debug.BuildInfo, bool) { return nil, false }

func TestResolve(t *testing.T) {
	tests := []struct {
		name                  string
		version, commit, date string
		read                  func() (*debug.BuildInfo, bool)
		want                  Info
	}{
		{"stamped by the release build wins over what Go recorded", "v1.2.0", "abc", "2026-12-01T21:00:00Z",
			buildInfo("(devel)", "vcs.revision", "def", "vcs.time", "2020-01-01T00:00:00Z", "vcs.modified", "true"),
			Info{"v1.2.0", "abc", "2026-12-01T21:00:00Z"}},
		{"go build in a clone: the commit and its date, dirty when changed", "", "", "",
			buildInfo("(devel)", "vcs.revision", "def", "vcs.time", "2020-01-01T00:00:00Z", "vcs.modified", "true"),
			Info{"devel", "def+dirty", "2020-01-01T00:00:00Z"}},
		{"go build of a clean clone", "", "", "",
			buildInfo("(devel)", "vcs.revision", "def", "vcs.time", "2020-01-01T00:00:00Z", "vcs.modified", "false"),
			Info{"devel", "def", "2020-01-01T00:00:00Z"}},
		{"go install ...@v1.3.0 records the module version only", "", "", "",
			buildInfo("v1.3.0"), Info{"v1.3.0", "unknown", "unknown"}},
		{"a test binary records nothing", "", "", "", noBuildInfo, Info{"devel", "unknown", "unknown"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := resolve(tt.version, tt.commit, tt.date, tt.read); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
