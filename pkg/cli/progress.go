package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/mapsurvey/mapsurvey/pkg/replies"
)

// progress draws one line on a terminal's stderr while long reading goes on: rows and bytes
// read, files done of files, time left. It stays silent for the first second, so that the
// note's few hundred rows never flash a bar, and never draws into pipes, CI logs or --quiet.
type progress struct {
	w     io.Writer
	start time.Time
	last  time.Time
	drawn bool
	now   func() time.Time
	// A file read again (see replies.Progress.Again) counts its time left from when that began,
	// and from the bytes done by then: the first, abandoned reading says nothing of the pace.
	againFile  int
	againStart time.Time
	againDone  int64
}

func newProgress(io IOStreams, quiet bool) *progress {
	if !io.IsTerminal || quiet {
		return nil
	}
	return &progress{w: io.ErrOut, start: time.Now(), now: time.Now}
}

// update is a replies.Options.Progress.
func (p *progress) update(r replies.Progress) {
	now := p.now()
	if r.Again && p.againFile != r.FileIndex {
		p.againFile, p.againStart, p.againDone = r.FileIndex, now, r.DoneBytes
	}
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	start, startBytes, verb := p.start, int64(0), "reading"
	if r.Again {
		start, startBytes, verb = p.againStart, p.againDone, "reading again"
	}
	line := fmt.Sprintf("%s %s: %d rows", verb, filepath.Base(r.File), r.Rows)
	// Bytes and time left are over all the files: the files before this one, and as much of this
	// one as its reader can tell. One that cannot (a small sheet, or a workbook read by excelize)
	// leaves the time left out unless it is a small part of the whole: a large one would hold the
	// percentage still while the estimate grew.
	done := r.DoneBytes
	if r.BytesRead >= 0 {
		done += r.BytesRead
	}
	if r.AllBytes > 0 && (r.BytesRead >= 0 || r.Files > 1) {
		frac := float64(done) / float64(r.AllBytes)
		line += fmt.Sprintf(", %.0f of %.0f MB (%.0f%%)", float64(done)/1e6, float64(r.AllBytes)/1e6, 100*frac)
		paced := float64(done-startBytes) / float64(r.AllBytes) // the part done at the current pace
		if paced > 0.02 && (r.BytesRead >= 0 || r.FileBytes*10 <= r.AllBytes) {
			left := time.Duration(float64(now.Sub(start)) * (1 - frac) / paced)
			line += fmt.Sprintf(", about %s left", left.Round(time.Second))
		}
	}
	if r.Files > 1 {
		line += fmt.Sprintf(", file %d of %d", r.FileIndex, r.Files)
	}
	fmt.Fprintf(p.w, "\r\033[K%s", line)
	p.drawn = true
}

// done clears the line, so that what follows starts clean.
func (p *progress) done() {
	if p != nil && p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
