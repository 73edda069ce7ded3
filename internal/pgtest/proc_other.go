//go:build !unix

package pgtest

import "syscall"

// credential is unused outside Unix, where tests never run as root.
type credential struct{ uid, gid int }

func (c *credential) sysProcAttr() *syscall.SysProcAttr { return nil }

// processAlive is true outside Unix, so no cluster is ever taken as stale.
func processAlive(pid int) bool { return true }

func signalQuit(pid int) {}
