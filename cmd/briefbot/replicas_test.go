package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/internal/pgtest"
	"github.com/briefbot/briefbot/store"
)

// TestReplicasShareWork runs three `briefbot run` processes on one
// PostgreSQL database with 200 console channels. Two rounds of digests
// go out; during the second the leader is killed with SIGKILL and
// another replica takes over. Every committed delivery is in the console
// file exactly once, and no source is fetched by two replicas in a tick.
func TestReplicasShareWork(t *testing.T) {
	if testing.Short() {
		t.Skip("the replica test takes about a minute")
	}
	t.Parallel()
	dsn := pgtest.NewDB(t)
	var hits atomic.Int64
	news := newNewsServer()
	defer news.Close()
	counted := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		resp, err := http.Get(news.URL + r.URL.Path)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		buf := make([]byte, 64<<10)
		for {
			n, err := resp.Body.Read(buf)
			w.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}))
	defer counted.Close()

	dir := t.TempDir()
	out := dir + "/console.jsonl"
	var b strings.Builder
	fmt.Fprintf(&b, "database: %s\nhttp:\n  listen: \"\"\nfeeds:\n  allow_private_networks: true\n  timeout: 5s\n  schedule: \"@every 5s\"\n", yq(dsn))
	fmt.Fprintf(&b, "sources:\n  - name: Wire\n    url: %s\n", yq(counted.URL+"/wire"))
	fmt.Fprintf(&b, "console:\n  path: %s\nsubscriptions:\n", yq(out))
	for i := range 200 {
		fmt.Fprintf(&b, "  - channel: console:c%03d\n    topics: [border-developments]\n    schedule: every 20s\n", i)
	}
	cfg := writeFile(t, dir+"/briefbot.yaml", b.String())
	mustRun(t, "--config", cfg, "migrate")

	start := time.Now()
	procs := map[int]*proc{}
	for range 3 {
		p := startBinary(t, t.TempDir(), processEnv(t.TempDir(), t.TempDir()), "--config", cfg, "run")
		procs[p.cmd.Process.Pid] = p
	}
	defer func() {
		for _, p := range procs {
			p.cmd.Process.Signal(syscall.SIGTERM)
			p.wait(t, 15*time.Second)
		}
	}()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	keys := func() map[string]int {
		n := map[string]int{}
		for _, l := range readConsoleIfAny(t, out) {
			n[l.IdempotencyKey]++
		}
		return n
	}
	// Round one: 200 digests.
	deadline := time.Now().Add(90 * time.Second)
	for len(keys()) < 200 {
		if time.Now().After(deadline) {
			t.Fatalf("round one: %d of 200 digests", len(keys()))
		}
		time.Sleep(200 * time.Millisecond)
	}
	// Round two is due: kill the leader as it begins.
	holder, _, err := st.Lease(ctx, "leader")
	if err != nil || holder == "" {
		t.Fatalf("no leader: %q %v", holder, err)
	}
	parts := strings.Split(holder, ":")
	pid, _ := strconv.Atoi(parts[len(parts)-2])
	leader, ok := procs[pid]
	if !ok {
		t.Fatalf("leader %q is none of the processes", holder)
	}
	for len(keys()) < 201 && time.Now().Before(deadline.Add(60*time.Second)) {
		time.Sleep(50 * time.Millisecond)
	}
	leader.cmd.Process.Signal(syscall.SIGKILL)
	leader.wait(t, 10*time.Second)
	delete(procs, pid)
	killedAt := time.Now()
	// Another replica takes over within 30 s and every committed
	// delivery arrives.
	for {
		if h, _, _ := st.Lease(ctx, "leader"); h != "" && h != holder {
			t.Logf("leader %s took over %v after the kill", h, time.Since(killedAt).Round(time.Second))
			if took := time.Since(killedAt); took > 30*time.Second {
				t.Errorf("takeover took %v", took)
			}
			break
		}
		if time.Since(killedAt) > 40*time.Second {
			for _, p := range procs {
				lines := strings.Split(p.stderr.String(), "\n")
				var keep []string
				for _, l := range lines {
					if strings.Contains(l, "lease") || strings.Contains(l, "ERROR") || strings.Contains(l, "WARN") {
						keep = append(keep, l)
					}
				}
				t.Logf("replica %d:\n%s", p.cmd.Process.Pid, strings.Join(keep, "\n"))
			}
			t.Fatal("no replica took over the leader's lease")
		}
		time.Sleep(200 * time.Millisecond)
	}
	var committed []store.Delivery
	for {
		committed, err = st.Deliveries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		have := keys()
		missing := 0
		for _, d := range committed {
			if have[d.Key] == 0 {
				missing++
			}
		}
		if missing == 0 && len(committed) >= 400 {
			break
		}
		if time.Since(killedAt) > 150*time.Second {
			t.Fatalf("%d of %d committed deliveries missing from the console file", missing, len(committed))
		}
		time.Sleep(500 * time.Millisecond)
	}
	for k, n := range keys() {
		if n > 1 {
			t.Errorf("key %s written %d times", k, n)
		}
	}
	// One source, polled only by the leader: at most one fetch per 5 s
	// tick (plus each new leader's start-up poll).
	elapsed := time.Since(start)
	if max := int64(elapsed/(5*time.Second)) + 4; hits.Load() > max {
		t.Errorf("the feed was fetched %d times in %v: more than once per tick", hits.Load(), elapsed.Round(time.Second))
	}
	t.Logf("%d deliveries committed and written once each in %v; %d fetches of the feed", len(committed), elapsed.Round(time.Second), hits.Load())
}

// readConsoleIfAny reads the console file, or nothing before it exists.
func readConsoleIfAny(t *testing.T, path string) []consoleLine {
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	return readConsole(t, path)
}
