// Command release builds mapsurvey for every system a release publishes, into dist/, with a
// SHA256SUMS file: `make release` runs it. Run it from the repository's root.
//
//	go run ./.ci/release            # every target
//	go run ./.ci/release -targets windows/amd64,linux/amd64 -dist /tmp/d
//
// The builds are reproducible: the same commit built with the same Go release gives the same
// bytes on any machine, in any folder. -trimpath removes the build folder from the binary,
// -buildid= the build ID, -buildvcs=false what Git says about the clone; the version, commit
// and date are stamped through -ldflags -X from git describe and the commit itself (its date,
// not the build's), and the archives take that date as every file's time.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// allTargets are the systems a release publishes: Windows first, as most analysts use it.
var allTargets = []string{"windows/amd64", "windows/arm64", "darwin/amd64", "darwin/arm64", "linux/amd64", "linux/arm64"}

const buildinfoPkg = "github.com/mapsurvey/mapsurvey/pkg/buildinfo"

func main() {
	dist := flag.String("dist", "dist", "folder to write the archives and SHA256SUMS into (emptied first)")
	targets := flag.String("targets", strings.Join(allTargets, ","), "comma-separated GOOS/GOARCH pairs")
	flag.Parse()
	if err := run(*dist, strings.Split(*targets, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

// stamp is what identifies the build.
type stamp struct {
	Version, Commit string
	Date            time.Time
}

func run(dist string, targets []string) error {
	st, err := gitStamp()
	if err != nil {
		return err
	}
	if err := os.RemoveAll(dist); err != nil {
		return err
	}
	if err := os.MkdirAll(dist, 0o755); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "mapsurvey-release-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	var sums bytes.Buffer
	for _, target := range targets {
		goos, goarch, ok := strings.Cut(strings.TrimSpace(target), "/")
		if !ok {
			return fmt.Errorf("-targets: %q: want GOOS/GOARCH, e.g. windows/amd64", target)
		}
		exe := "mapsurvey"
		if goos == "windows" {
			exe += ".exe"
		}
		bin := filepath.Join(work, goos+"-"+goarch, exe)
		if err := build(bin, goos, goarch, st); err != nil {
			return fmt.Errorf("%s: %w", target, err)
		}
		// Windows users open .zip files with a double click; elsewhere tar.gz keeps the executable bit.
		name := fmt.Sprintf("mapsurvey-%s-%s-%s", st.Version, goos, goarch)
		var archive []byte
		if goos == "windows" {
			name += ".zip"
			archive, err = zipOf(bin, exe, st.Date)
		} else {
			name += ".tar.gz"
			archive, err = tarGzOf(bin, exe, st.Date)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", target, err)
		}
		if err := os.WriteFile(filepath.Join(dist, name), archive, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(&sums, "%x  %s\n", sha256.Sum256(archive), name)
		fmt.Printf("%-14s %s (%.1f MB)\n", target, filepath.Join(dist, name), float64(len(archive))/1e6)
	}
	// The format sha256sum -c reads; Get-FileHash and certutil print the same hex digits.
	if err := os.WriteFile(filepath.Join(dist, "SHA256SUMS"), sums.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("mapsurvey %s (commit %s, %s): %s\n", st.Version, st.Commit, st.Date.Format(time.RFC3339), filepath.Join(dist, "SHA256SUMS"))
	return nil
}

func gitStamp() (stamp, error) {
	version, err := git("describe", "--tags", "--always", "--dirty", "--match", "v[0-9]*")
	if err != nil {
		return stamp{}, err
	}
	commit, err := git("rev-parse", "HEAD")
	if err != nil {
		return stamp{}, err
	}
	if strings.HasSuffix(version, "-dirty") {
		commit += "+dirty"
	}
	unix, err := git("log", "-1", "--format=%ct")
	if err != nil {
		return stamp{}, err
	}
	var secs int64
	if _, err := fmt.Sscan(unix, &secs); err != nil {
		return stamp{}, fmt.Errorf("git log: commit time %q: %w", unix, err)
	}
	if !strings.HasPrefix(version, "v") {
		version = "v0.0.0-" + version // no release tag yet: the commit, as a version Go would sort
	}
	return stamp{Version: version, Commit: commit, Date: time.Unix(secs, 0).UTC()}, nil
}

func git(args ...string) (string, error) {
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return "", fmt.Errorf("git %s: %s", strings.Join(args, " "), bytes.TrimSpace(ee.Stderr))
		}
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}

func build(out, goos, goarch string, st stamp) error {
	ldflags := strings.Join([]string{"-s", "-w", "-buildid=",
		"-X " + buildinfoPkg + ".version=" + st.Version,
		"-X " + buildinfoPkg + ".commit=" + st.Commit,
		"-X " + buildinfoPkg + ".date=" + st.Date.Format(time.RFC3339)}, " ")
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags", ldflags, "-o", out, "./cmd/mapsurvey")
	// Everything that changes the bytes is set here, not taken from the caller's environment.
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch, "GOAMD64=v1", "GOARM64=v8.0", "GOFLAGS=-mod=readonly")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

func zipOf(path, name string, mtime time.Time) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mtime}
	h.SetMode(0o755)
	w, err := zw.CreateHeader(h)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func tarGzOf(path, name string, mtime time.Time) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	gz, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	gz.ModTime = mtime
	tw := tar.NewWriter(gz)
	h := &tar.Header{Name: name, Mode: 0o755, Size: st.Size(), ModTime: mtime, Typeflag: tar.TypeReg, Format: tar.FormatUSTAR,
		Uname: "root", Gname: "root"}
	if err := tw.WriteHeader(h); err != nil {
		return nil, err
	}
	if _, err := io.Copy(tw, f); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
