//go:build unix

package pgtest

import (
	"errors"
	"syscall"
)

// credential is the OS user the server runs as when the test runs as root.
type credential struct{ uid, gid int }

// sysProcAttr runs a command as c (nil: as the current user).
func (c *credential) sysProcAttr() *syscall.SysProcAttr {
	if c == nil {
		return nil
	}
	return &syscall.SysProcAttr{Credential: &syscall.Credential{
		Uid: uint32(c.uid), Gid: uint32(c.gid), NoSetGroups: false,
	}}
}

// processAlive reports whether process pid exists (EPERM: it does, as
// another user's).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// signalQuit sends SIGQUIT, PostgreSQL's immediate shutdown.
func signalQuit(pid int) { _ = syscall.Kill(pid, syscall.SIGQUIT) }
