// Package buildinfo says which mapsurvey made an output: the version, commit and date that the
// release build stamps (.ci/release, through -ldflags -X), or for any other build what the Go
// toolchain recorded (runtime/debug.ReadBuildInfo): the module version of a `go install
// ...@v1.2.3`, the commit and its date of a `go build` in a clone.
package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Stamped by the release build:
//
//	-X github.com/mapsurvey/mapsurvey/pkg/buildinfo.version=v1.2.0
//	-X github.com/mapsurvey/mapsurvey/pkg/buildinfo.commit=0123abc...
//	-X github.com/mapsurvey/mapsurvey/pkg/buildinfo.date=2026-12-01T21:00:00Z
var version, commit, date string

// Info identifies a build. Its JSON form is the same on every system for the same build, so that
// outputs stay byte-identical across Windows, macOS and Linux.
type Info struct {
	Version string `json:"version"` // "v1.2.0", or "devel" for an unreleased build
	Commit  string `json:"commit"`  // the full commit hash, "+dirty" added for uncommitted changes; "unknown" when not recorded
	Date    string `json:"date"`    // the commit's date (RFC 3339, UTC), not the build's: rebuilding gives the same bytes; "unknown" when not recorded
}

// Get returns the build's identity.
func Get() Info { return resolve(version, commit, date, debug.ReadBuildInfo) }

func resolve(version, commit, date string, read func() (*debug.BuildInfo, bool)) Info {
	info := Info{Version: version, Commit: commit, Date: date}
	if bi, ok := read(); ok {
		var revision, vcsTime string
		modified := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.time":
				vcsTime = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			info.Version = bi.Main.Version // go install github.com/mapsurvey/mapsurvey/cmd/mapsurvey@v1.2.0
		}
		if info.Commit == "" && revision != "" {
			info.Commit = revision
			if modified {
				info.Commit += "+dirty"
			}
		}
		if info.Date == "" {
			info.Date = vcsTime
		}
	}
	if info.Version == "" {
		info.Version = "devel"
	}
	if info.Commit == "" {
		info.Commit = "unknown"
	}
	if info.Date == "" {
		info.Date = "unknown"
	}
	return info
}

// String is what `mapsurvey --version` prints after the program's name.
func (i Info) String() string {
	return fmt.Sprintf("%s (commit %s, %s; %s, %s/%s)", i.Version, i.Commit, i.Date, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
