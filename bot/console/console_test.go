package console

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
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

func TestAnswersAndEditsAreKeyed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.jsonl")
	f := New(path, nil)
	ctx := context.Background()
	// A redelivered command (same id) is answered once.
	for range 2 {
		if err := f.Answer(ctx, "console:x", "cmd1", "the answer"); err != nil {
			t.Fatal(err)
		}
	}
	// Commands without ids each get an answer.
	for range 2 {
		if err := f.Answer(ctx, "console:x", "", "plain"); err != nil {
			t.Fatal(err)
		}
	}
	ref, _ := f.Post(ctx, "console:x", "", "v1", "digest:1")
	for _, text := range []string{"v2", "v3"} {
		if err := f.Edit(ctx, "console:x", ref, text); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(path)
	var keys []string
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var line Line
		if err := json.Unmarshal([]byte(l), &line); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, line.IdempotencyKey+"@"+line.Thread)
	}
	want := []string{"answer:cmd1@cmd1", "answer:console:x:1@", "answer:console:x:2@", "digest:1@", "edit:digest:1:1@digest:1", "edit:digest:1:2@digest:1"}
	if !slices.Equal(keys, want) {
		t.Errorf("keys@threads %q, want %q", keys, want)
	}
	if f.Skipped() != 1 {
		t.Errorf("skipped %d, want the repeated answer", f.Skipped())
	}
	if !f.IsAdmin("anyone") {
		t.Error("without Admins the console user runs briefbot")
	}
	f.Admins = []string{"alice"}
	if f.IsAdmin("bob") || !f.IsAdmin("alice") {
		t.Error("Admins not honoured")
	}
}
