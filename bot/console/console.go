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
	"slices"
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
	// Admins, when not nil, are the users IsAdmin admits.
	Admins []string

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

// IsAdmin: everyone at the console runs briefbot, unless Admins names
// who may.
func (f *File) IsAdmin(user string) bool {
	return f.Admins == nil || slices.Contains(f.Admins, user)
}

// Edit appends the new text of message ref as a line of its own, keyed
// "edit:REF:N" (the Nth edit of ref in this file), in ref's thread.
func (f *File) Edit(ctx context.Context, channel, ref, text string) error {
	_, err := f.write(ctx, channel, ref, text, func(seen func(string) bool) string {
		n := 1
		for seen(fmt.Sprintf("edit:%s:%d", ref, n)) {
			n++
		}
		return fmt.Sprintf("edit:%s:%d", ref, n)
	})
	return err
}

// Answer appends a command's answer in the command's thread (id, the
// command's reference), keyed "answer:ID" so a redelivered command is
// answered once (without an id, "answer:CHANNEL:N").
func (f *File) Answer(ctx context.Context, channel, id, text string) error {
	_, err := f.write(ctx, channel, id, text, func(seen func(string) bool) string {
		if id != "" {
			return "answer:" + id
		}
		n := 1
		for seen(fmt.Sprintf("answer:%s:%d", channel, n)) {
			n++
		}
		return fmt.Sprintf("answer:%s:%d", channel, n)
	})
	return err
}

// Post appends one delivery; the reference returned is its key, which
// later replies use as their thread.
func (f *File) Post(ctx context.Context, channel, thread, text, key string) (string, error) {
	return f.write(ctx, channel, thread, text, func(func(string) bool) string { return key })
}

// write appends a line under the key that keyFor picks, knowing which
// keys the file holds; a key already there is skipped and counted.
func (f *File) write(ctx context.Context, channel, thread, text string, keyFor func(seen func(string) bool) string) (string, error) {
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
	keys := map[string]bool{}
	for sc.Scan() {
		whole = false
		var l Line
		if json.Unmarshal(sc.Bytes(), &l) == nil {
			keys[l.IdempotencyKey] = true
		}
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("read console file: %w", err)
	}
	key := keyFor(func(k string) bool { return keys[k] })
	if keys[key] {
		f.skipped++
		return key, nil
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
