package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
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
	// Twelve sources behind one counting server: each fetch is noted
	// with its time, per source.
	var mu sync.Mutex
	fetches := map[string][]time.Time{}
	news := newNewsServer()
	defer news.Close()
	feedPaths := []string{"/wire", "/region", "/mirror"}
	counted := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fetches[r.URL.Path] = append(fetches[r.URL.Path], time.Now())
		mu.Unlock()
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/s"))
		resp, err := http.Get(news.URL + feedPaths[n%len(feedPaths)])
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
	}))
	defer counted.Close()

	dir := t.TempDir()
	out := dir + "/console.jsonl"
	var b strings.Builder
	// Each replica serves /metrics on the address in its LISTEN.
	fmt.Fprintf(&b, "database: %s\nhttp:\n  listen: ${LISTEN}\nfeeds:\n  allow_private_networks: true\n  timeout: 5s\n  schedule: \"@every 5s\"\n", yq(dsn))
	b.WriteString("sources:\n")
	const nSources = 12
	for i := range nSources {
		fmt.Fprintf(&b, "  - name: S%02d\n    url: %s\n", i, yq(fmt.Sprintf("%s/s%02d", counted.URL, i)))
	}
	fmt.Fprintf(&b, "console:\n  path: %s\nsubscriptions:\n", yq(out))
	for i := range 200 {
		fmt.Fprintf(&b, "  - channel: console:c%03d\n    topics: [border-developments]\n    schedule: every 20s\n", i)
	}
	cfg := writeFile(t, dir+"/briefbot.yaml", b.String())
	if r := (invocation{env: map[string]string{"LISTEN": "127.0.0.1:0"}}).run(t, "--config", cfg, "migrate"); r.code != 0 {
		t.Fatalf("migrate: %s", r)
	}

	start := time.Now()
	procs := map[int]*proc{}
	addrs := map[int]string{}
	for range 3 {
		addr := freeAddr(t)
		p := startBinary(t, t.TempDir(), processEnv(t.TempDir(), t.TempDir(), "LISTEN="+addr), "--config", cfg, "run")
		procs[p.cmd.Process.Pid] = p
		addrs[p.cmd.Process.Pid] = addr
	}
	// polled counts, per replica, the polls it made (from its /metrics).
	polled := map[int]int{}
	scrape := func(pid int) {
		if n, err := pollsMade(addrs[pid]); err == nil {
			polled[pid] = n
		}
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
	scrape(pid)
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
	// Once the second round is committed, every delivery committed so
	// far, the killed leader's included, must reach the console file.
	// Later rounds keep coming every 20 s and need not be done.
	var committed []store.Delivery
	for {
		committed, err = st.Deliveries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(committed) >= 400 {
			break
		}
		if time.Since(killedAt) > 60*time.Second {
			t.Fatalf("%d deliveries committed 60 s after the kill, want the second round's 400", len(committed))
		}
		time.Sleep(500 * time.Millisecond)
	}
	waitWrittenOnce(t, out, committed, killedAt.Add(180*time.Second))
	// Every source is polled by one replica at a time: two fetches of a
	// source are at least a tick (5 s) apart, less the moments between a
	// due time and the fetch it starts.
	mu.Lock()
	total := 0
	for path, at := range fetches {
		total += len(at)
		for k := 1; k < len(at); k++ {
			if gap := at[k].Sub(at[k-1]); gap < 4*time.Second {
				t.Errorf("source %s fetched twice %v apart", path, gap.Round(time.Millisecond))
			}
		}
	}
	if len(fetches) != nSources {
		t.Errorf("%d of %d sources fetched", len(fetches), nSources)
	}
	mu.Unlock()
	// The polling was shared: more than one replica polled.
	for pid := range procs {
		scrape(pid)
	}
	sharing := 0
	for _, n := range polled {
		if n > 0 {
			sharing++
		}
	}
	if sharing < 2 {
		t.Errorf("polls per replica %v: want the sources shared", polled)
	}
	t.Logf("%d deliveries committed and written once each in %v; %d fetches of %d sources, polls per replica %v",
		len(committed), time.Since(start).Round(time.Second), total, nSources, polled)
}

// pollsMade sums a replica's briefbot_polls_total (every outcome but
// skipped) from its /metrics.
func pollsMade(addr string) (int, error) {
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, line := range strings.Split(string(body), "\n") {
		if !strings.HasPrefix(line, "briefbot_polls_total{") || strings.Contains(line, `status="skipped"`) {
			continue
		}
		f := strings.Fields(line)
		v, _ := strconv.ParseFloat(f[len(f)-1], 64)
		n += int(v)
	}
	return n, nil
}

// readConsoleIfAny reads the console file, or nothing before it exists.
func readConsoleIfAny(t *testing.T, path string) []consoleLine {
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	return readConsole(t, path)
}

// deploy/replicas.sh, the README's plain script, starts its replicas on
// one PostgreSQL database, each serving on its own port, restarts one
// that dies, and stops them all on SIGTERM.
func TestReplicasScript(t *testing.T) {
	t.Parallel()
	dsn := pgtest.NewDB(t)
	dir := t.TempDir()
	// Short leases: the config's replicas section sets how fast a dead
	// leader's work moves.
	cfg := writeFile(t, dir+"/briefbot.yaml", fmt.Sprintf("database: %s\nhttp:\n  listen: ${LISTEN}\nconsole:\n  path: %s\nreplicas:\n  lease: 3s\n  renew: 1s\n", yq(dsn), yq(dir+"/console.jsonl")))
	port, _ := strconv.Atoi(strings.Split(freeAddr(t), ":")[1])
	script, err := filepath.Abs("../../deploy/replicas.sh")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", script, "2", cfg)
	cmd.Env = processEnv(t.TempDir(), t.TempDir(), "BRIEFBOT="+builtBinary(t), fmt.Sprintf("BASE_PORT=%d", port))
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		cmd.Process.Kill()
		for _, pid := range replicaPIDs(cfg) {
			syscall.Kill(pid, syscall.SIGKILL)
		}
	}()
	healthy := func(p int) bool {
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/healthz", p))
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}
	waitUntil := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("%s; script output:\n%s", what, out.String())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitUntil("the two replicas did not come up", func() bool { return healthy(port) && healthy(port+1) })
	// A replica killed outright is started again on its port.
	pids := func() []int { return replicaPIDs(cfg) }
	if p := pids(); len(p) != 2 {
		t.Fatalf("replica processes %v, want 2", p)
	}
	// The leader, killed outright, hands its lease over within lease +
	// renew (4 s), and is started again on its port.
	st, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var holder string
	waitUntil("no replica took the leader's lease", func() bool {
		holder, _, _ = st.Lease(context.Background(), "leader")
		return holder != ""
	})
	parts := strings.Split(holder, ":")
	victim, _ := strconv.Atoi(parts[len(parts)-2])
	if !slices.Contains(pids(), victim) {
		t.Fatalf("leader %q is none of the replicas %v", holder, pids())
	}
	syscall.Kill(victim, syscall.SIGKILL)
	killedAt := time.Now()
	waitUntil("no replica took over the leader's lease", func() bool {
		h, _, _ := st.Lease(context.Background(), "leader")
		return h != "" && h != holder
	})
	if took := time.Since(killedAt); took > 6*time.Second {
		t.Errorf("the leader's lease moved %v after the kill, want within lease + renew (4 s)", took.Round(100*time.Millisecond))
	} else {
		t.Logf("the leader's lease moved %v after the kill", took.Round(100*time.Millisecond))
	}
	waitUntil("the killed replica was not restarted", func() bool {
		p := pids()
		return len(p) == 2 && !slices.Contains(p, victim) && healthy(port) && healthy(port+1)
	})
	// SIGTERM stops the script and every replica, cleanly.
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("script exited with %v; output:\n%s", err, out.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("the script did not stop on SIGTERM; output:\n%s", out.String())
	}
	if p := pids(); len(p) != 0 {
		t.Errorf("replicas %v still running after the script stopped", p)
	}
	if n := strings.Count(out.String(), "msg=stopped"); n != 2 {
		t.Errorf("%d replicas logged a clean stop, want 2:\n%s", n, out.String())
	}
}

// replicaPIDs lists the `briefbot --config cfg run` processes, from /proc.
func replicaPIDs(cfg string) []int {
	var pids []int
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + d.Name() + "/cmdline")
		if err != nil {
			continue
		}
		args := strings.Split(strings.TrimRight(string(b), "\x00"), "\x00")
		if len(args) >= 4 && args[len(args)-1] == "run" && slices.Contains(args, cfg) && strings.HasSuffix(args[0], "briefbot") {
			pids = append(pids, pid)
		}
	}
	return pids
}

// A replica stopped with SIGTERM while its database does not answer yet
// (a PostgreSQL that accepts connections and says nothing) stops at
// once and cleanly: exit 0, no error.
func TestStopWhileConnecting(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // held open, unanswered, until the test ends
		}
	}()
	dir := t.TempDir()
	cfg := writeFile(t, dir+"/briefbot.yaml", fmt.Sprintf("database: postgres://briefbot@%s/briefbot?connect_timeout=60\nhttp:\n  listen: \"\"\n", ln.Addr()))
	p := startBinary(t, dir, processEnv(t.TempDir(), t.TempDir()), "--config", cfg, "run")
	time.Sleep(time.Second)
	if p.exited() {
		t.Fatalf("run exited before the signal:\n%s", p.stderr.String())
	}
	start := time.Now()
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t, 10*time.Second); code != 0 {
		t.Errorf("exit %d after SIGTERM while connecting, want 0:\n%s", code, p.stderr.String())
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("stopped %v after SIGTERM", took)
	}
	if !strings.Contains(p.stderr.String(), "msg=stopped") || strings.Contains(p.stderr.String(), "level=ERROR") {
		t.Errorf("want a clean stop logged:\n%s", p.stderr.String())
	}
}

// PostgreSQL crashes and comes back while two replicas run: they keep
// running, reconnect, take the leases again and go on delivering, and
// every committed delivery is in the console file exactly once.
func TestReplicasSurviveDatabaseCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("the outage test takes about a minute")
	}
	t.Parallel()
	srv := pgtest.Private(t)
	ctx := context.Background()
	if err := srv.CreateDB(ctx, "outage"); err != nil {
		t.Fatal(err)
	}
	dsn := srv.DSN("outage")
	news := newNewsServer()
	defer news.Close()
	dir := t.TempDir()
	out := dir + "/console.jsonl"
	var b strings.Builder
	fmt.Fprintf(&b, "database: %s\nhttp:\n  listen: \"\"\nfeeds:\n  allow_private_networks: true\n  timeout: 5s\n  schedule: \"@every 5s\"\n", yq(dsn))
	fmt.Fprintf(&b, "sources:\n  - name: Wire\n    url: %s\n", yq(news.URL+"/wire"))
	fmt.Fprintf(&b, "console:\n  path: %s\nsubscriptions:\n", yq(out))
	const channels = 20
	for i := range channels {
		fmt.Fprintf(&b, "  - channel: console:c%02d\n    topics: [border-developments]\n    schedule: every 10s\n", i)
	}
	cfg := writeFile(t, dir+"/briefbot.yaml", b.String())
	mustRun(t, "--config", cfg, "migrate")
	var procs []*proc
	for range 2 {
		procs = append(procs, startBinary(t, t.TempDir(), processEnv(t.TempDir(), t.TempDir()), "--config", cfg, "run"))
	}
	defer func() {
		for _, p := range procs {
			p.cmd.Process.Signal(syscall.SIGTERM)
			p.wait(t, 15*time.Second)
		}
	}()
	lines := func() int { return len(readConsoleIfAny(t, out)) }
	waitLines := func(n int, within time.Duration, what string) {
		t.Helper()
		deadline := time.Now().Add(within)
		for lines() < n {
			if time.Now().After(deadline) {
				for _, p := range procs {
					t.Logf("replica %d:\n%s", p.cmd.Process.Pid, tailLines(p.stderr.String(), 30))
				}
				t.Fatalf("%s: %d console lines, want %d", what, lines(), n)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	waitLines(channels, 60*time.Second, "before the crash")
	if err := srv.Crash(ctx, 8*time.Second); err != nil {
		t.Fatal(err)
	}
	after := lines()
	t.Logf("database back after an 8 s outage; %d lines so far", after)
	waitLines(after+2*channels, 90*time.Second, "after the crash")
	for _, p := range procs {
		if p.exited() {
			t.Errorf("replica %d exited during the outage:\n%s", p.cmd.Process.Pid, tailLines(p.stderr.String(), 30))
		}
	}
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	committed, err := st.Deliveries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	waitWrittenOnce(t, out, committed, time.Now().Add(90*time.Second))
	t.Logf("%d deliveries committed by then, each written once", len(committed))
}

// waitWrittenOnce waits until every committed delivery is in the console
// file at out, failing at deadline, then checks that no key was written
// twice.
func waitWrittenOnce(t *testing.T, out string, committed []store.Delivery, deadline time.Time) {
	t.Helper()
	for {
		have := map[string]int{}
		for _, l := range readConsoleIfAny(t, out) {
			have[l.IdempotencyKey]++
		}
		var missing []string
		for _, d := range committed {
			if have[d.Key] == 0 {
				missing = append(missing, d.Key)
			}
		}
		if len(missing) == 0 {
			for k, n := range have {
				if n > 1 {
					t.Errorf("key %s written %d times", k, n)
				}
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d committed deliveries missing from the console file, e.g. %v", len(missing), len(committed), missing[:min(3, len(missing))])
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// tailLines is the last n lines of s.
func tailLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
