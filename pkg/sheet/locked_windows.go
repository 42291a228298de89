package sheet

import (
	"errors"
	"syscall"
)

// Windows' errors for a file another program holds open without letting others read it (Excel
// while it saves a workbook; some programs, and Excel on some network shares, as long as it is
// open), or whose bytes it has locked.
const (
	errorSharingViolation = syscall.Errno(32) // ERROR_SHARING_VIOLATION
	errorLockViolation    = syscall.Errno(33) // ERROR_LOCK_VIOLATION
)

func lockedByAnother(err error) bool {
	return errors.Is(err, errorSharingViolation) || errors.Is(err, errorLockViolation)
}
