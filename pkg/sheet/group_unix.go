//go:build !windows

package sheet

import (
	"os/exec"
	"syscall"
)

// ownGroup starts cmd in a process group of its own and has a cancel end the whole group:
// soffice starts soffice.bin, which a kill of soffice alone would leave running.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
