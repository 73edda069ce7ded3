package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/store"
)

// TestCrashDuringDeliveries kills `briefbot run` with SIGKILL about 30
// times at seeded random moments while digests for 10 subscriptions
// (every 10s) are being scheduled and delivered to the console platform,
// then lets a last run finish. Every delivery the scheduler committed must
// be in the console file exactly once: none missing, none repeated.
func TestCrashDuringDeliveries(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test takes about 3 minutes")
	}
	t.Parallel()
	srv := newNewsServer()
	defer srv.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "console.jsonl")
	addr := freeAddr(t)
	cfg := writeConfigOpts(t, configOpts{listen: addr}, testSource{Name: "Wire", URL: srv.URL + "/wire"}, testSource{Name: "Region", URL: srv.URL + "/region"})
	b, _ := os.ReadFile(cfg)
	var subs strings.Builder
	// Each post takes 300 ms, so kills land mid-post: those jobs are
	// rescued, and a post written before its record repeats nothing.
	subs.WriteString("console:\n  path: " + yq(out) + "\n  delay: 300ms\nsubscriptions:\n")
	for i := range 5 {
		fmt.Fprintf(&subs, "  - channel: console:desk%d\n    topics: [border-developments, alliance-statements]\n    schedule: every 10s\n", i)
	}
	writeFile(t, cfg, string(b)+subs.String())

	rng := rand.New(rand.NewPCG(20261201, 7))
	kills := 0
	deadline := time.Now().Add(150 * time.Second)
	for kills < 30 && time.Now().Before(deadline) {
		p := startBinary(t, t.TempDir(), processEnv(t.TempDir(), t.TempDir()), "--config", cfg, "run")
		time.Sleep(time.Duration(500+rng.IntN(4500)) * time.Millisecond)
		if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		p.wait(t, 10*time.Second)
		kills++
	}
	// A last run, with the subscriptions gone from the config so that no
	// new digest is scheduled, delivers whatever the killed ones left in
	// the queue.
	writeFile(t, cfg, string(b)+"console:\n  path: "+yq(out)+"\n")
	p, _ := startRunConfig(t, cfg, addr)
	dbPath := filepath.Join(filepath.Dir(cfg), "x.db")
	var committed []store.Delivery
	// A job a kill caught mid-post is rescued after about a minute.
	waitFor(t, p, 180*time.Second, "every committed delivery in the console file", func() bool {
		st, err := store.Open(context.Background(), "sqlite://"+dbPath, store.Options{})
		if err != nil {
			return false
		}
		defer st.Close()
		committed, err = st.Deliveries(context.Background())
		if err != nil {
			return false
		}
		have := map[string]bool{}
		for _, l := range readConsole(t, out) {
			have[l.IdempotencyKey] = true
		}
		for _, d := range committed {
			if !have[d.Key] {
				return false
			}
		}
		return true
	})
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t, 15*time.Second); code != 0 {
		t.Errorf("last run: exit %d\n%s", code, p)
	}
	lines := readConsole(t, out)
	count := map[string]int{}
	for _, l := range lines {
		count[l.IdempotencyKey]++
	}
	missing, repeated := 0, 0
	for _, d := range committed {
		switch count[d.Key] {
		case 0:
			missing++
			t.Errorf("delivery %s (%s) never reached the console file (status %s)", d.Key, d.Channel, d.Status)
		case 1:
		default:
			repeated++
		}
	}
	for k, n := range count {
		if n > 1 {
			t.Errorf("key %s written %d times", k, n)
		}
	}
	t.Logf("%d kills, %d deliveries committed, %d lines, %d missing, %d repeated", kills, len(committed), len(lines), missing, repeated)
	if kills < 25 || len(committed) < 50 {
		t.Errorf("too little happened: %d kills, %d deliveries", kills, len(committed))
	}
}
