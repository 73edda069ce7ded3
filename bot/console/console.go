// Package console is the terminal platform: deliveries to console:NAME
// channels are appended to a file as JSON lines, one per delivery, so
// that tests in other processes can count exactly what was delivered.
package console

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"syscall"
	"time"
)

// Line is one delivery as written (a contract: other tools read it).
type Line struct {
	Channel        string `json:"channel"`
	Thread         string `json:"thread"`
	IdempotencyKey string `json:"idempotency_key"`
	Text           string `json:"text"`
	At             string `json:"at"` // RFC 3339
}

// File appends deliveries to a file, skipping (and counting) a key it
// already holds, whichever process wrote it: the file is locked while it
// is read and appended to.
type File struct {
	path  string
	now   func() time.Time
	delay time.Duration

	mu      sync.Mutex
	skipped int
}

// New returns a File on path (created when first written).
func New(path string, now func() time.Time) *File {
	if now == nil {
		now = time.Now
	}
	return &File{path: path, now: now}
}

// SetDelay makes each Post wait d first, as a slow platform would.
func (f *File) SetDelay(d time.Duration) { f.delay = d }

// Skipped counts deliveries not written because their key was there.
func (f *File) Skipped() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.skipped
}

// Post appends one delivery; the reference returned is its key, which
// later replies use as their thread.
func (f *File) Post(ctx context.Context, channel, thread, text, key string) (string, error) {
	if f.delay > 0 {
		select {
		case <-time.After(f.delay):
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	fh, err := os.OpenFile(f.path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return "", fmt.Errorf("console file: %w", err)
	}
	defer fh.Close()
	if err := syscall.Flock(int(fh.Fd()), syscall.LOCK_EX); err != nil {
		return "", fmt.Errorf("lock console file: %w", err)
	}
	defer syscall.Flock(int(fh.Fd()), syscall.LOCK_UN)
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	whole := true // the file ends with a newline (a crash may cut a line)
	for sc.Scan() {
		whole = false
		var l Line
		if json.Unmarshal(sc.Bytes(), &l) == nil && l.IdempotencyKey == key {
			f.skipped++
			return key, nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("read console file: %w", err)
	}
	if st, err := fh.Stat(); err == nil && st.Size() > 0 && !whole {
		var last [1]byte
		if _, err := fh.ReadAt(last[:], st.Size()-1); err == nil && last[0] != '\n' {
			if _, err := fh.Write([]byte{'\n'}); err != nil {
				return "", fmt.Errorf("write console file: %w", err)
			}
		}
	}
	b, err := json.Marshal(Line{Channel: channel, Thread: thread, IdempotencyKey: key, Text: text, At: f.now().UTC().Format(time.RFC3339)})
	if err != nil {
		return "", err
	}
	if _, err := fh.Write(append(b, '\n')); err != nil {
		return "", fmt.Errorf("write console file: %w", err)
	}
	return key, fh.Sync()
}
