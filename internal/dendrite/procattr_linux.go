package dendrite

import "syscall"

// sysProcAttr makes the kernel kill Dendrite if the test binary dies without
// calling Close (a panic, a -timeout, a SIGKILL), so no server is orphaned.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
