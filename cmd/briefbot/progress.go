package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progressBar draws "label [#####.....] 12/40" on a terminal's stderr,
// redrawn in place and at most ten times a second.
type progressBar struct {
	w     io.Writer
	label string
	mu    sync.Mutex
	last  time.Time
}

func newProgress(e *env, label string, enabled bool) func(done, total int) {
	if !enabled || !e.isTerminal {
		return nil
	}
	p := &progressBar{w: e.stderr, label: label}
	return p.update
}

func (p *progressBar) update(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if done < total && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	const width = 30
	filled := 0
	if total > 0 {
		filled = done * width / total
	}
	fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d", p.label, strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, total)
	if done >= total {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
