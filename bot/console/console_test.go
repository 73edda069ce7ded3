package console

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestKeysAreWrittenOnceAcrossWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.jsonl")
	a, b := New(path, nil), New(path, nil)
	var wg sync.WaitGroup
	for i := range 20 {
		w := a
		if i%2 == 1 {
			w = b
		}
		wg.Go(func() {
			if _, err := w.Post(context.Background(), "console:x", "", "hello", "k"+string(rune('a'+i/2))); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	data, _ := os.ReadFile(path)
	if n := strings.Count(string(data), "\n"); n != 10 {
		t.Errorf("%d lines, want 10 distinct keys:\n%s", n, data)
	}
	if a.Skipped()+b.Skipped() != 10 {
		t.Errorf("skipped %d+%d, want 10", a.Skipped(), b.Skipped())
	}
}

func TestACutLineDoesNotSpoilTheNext(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.jsonl")
	if err := os.WriteFile(path, []byte(`{"channel":"console:x","idempotency_key":"a","text":"whole"}`+"\n"+`{"channel":"console:x","idem`), 0o644); err != nil {
		t.Fatal(err)
	}
	f := New(path, nil)
	if _, err := f.Post(context.Background(), "console:x", "", "after the crash", "b"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Post(context.Background(), "console:x", "", "again", "a"); err != nil || f.Skipped() != 1 {
		t.Errorf("key a written before the cut was not recognised: skipped %d, %v", f.Skipped(), err)
	}
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 3 || !strings.Contains(lines[2], `"idempotency_key":"b"`) {
		t.Errorf("lines after a cut one:\n%s", data)
	}
}
