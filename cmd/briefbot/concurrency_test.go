package main

import (
	"strings"
	"sync"
	"testing"
)

// TestConcurrentCommandsShareADatabase runs read-only commands at the same
// time on one database, as a user does when they type `briefbot items`
// while `briefbot run` (or a cron'd `poll --once`) is working. Each must
// succeed: SQLite waits for a lock (busy_timeout) rather than failing.
func TestConcurrentCommandsShareADatabase(t *testing.T) {
	t.Parallel()
	srv := feedServer(t)
	cfg := writeConfig(t,
		testSource{Name: "rss", URL: srv.URL("/good/rss")},
		testSource{Name: "atom", URL: srv.URL("/good/atom")},
	)
	mustRun(t, "--config", cfg, "poll", "--once")

	const workers, rounds = 4, 3
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	for w := range workers {
		wg.Go(func() {
			for range rounds {
				args := [][]string{{"items", "--json"}, {"sources", "list", "--json"}}[w%2]
				r := bb(t, append([]string{"--config", cfg}, args...)...)
				if r.code != 0 {
					mu.Lock()
					failures = append(failures, strings.Join(args, " ")+": "+strings.TrimSpace(r.stderr))
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Errorf("%d of %d concurrent read-only commands failed, e.g.\n%s", len(failures), workers*rounds, failures[0])
	}
}
