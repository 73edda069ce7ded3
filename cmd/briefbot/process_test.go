package main

// Tests that need a real briefbot process: the working directory, signals,
// the HTTP server of `run`, and `demo`'s temporary files.

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// binVersion is stamped into the test binary with -ldflags -X main.version.
const binVersion = "v0.0.0-contract"

var (
	binOnce sync.Once
	binPath string
	binErr  string
)

// builtBinary builds briefbot once per test run (with -race when the tests
// run with it, so the compiled packages are reused) and returns its path.
func builtBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "briefbot-bin-")
		if err != nil {
			binErr = err.Error()
			return
		}
		atExit(func() { os.RemoveAll(dir) })
		goTool, err := exec.LookPath("go")
		if err != nil {
			goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
		}
		path := filepath.Join(dir, "briefbot")
		args := []string{"build", "-tags", "goolm", "-o", path, "-ldflags", "-X main.version=" + binVersion}
		if raceEnabled {
			args = append(args, "-race")
		}
		out, err := exec.Command(goTool, append(args, ".")...).CombinedOutput()
		if err != nil {
			binErr = "go build: " + err.Error() + "\n" + string(out)
			return
		}
		binPath = path
	})
	if binPath == "" {
		t.Fatalf("cannot build briefbot: %s", binErr)
	}
	return binPath
}

// proc is a running briefbot process.
type proc struct {
	cmd            *exec.Cmd
	stdout, stderr lockedBuffer
	done           chan struct{}
	code           int
}

// processEnv is a minimal environment: no BRIEFBOT_CONFIG, HOME and TMPDIR
// in temp dirs.
func processEnv(home, tmp string, extra ...string) []string {
	return append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "TMPDIR=" + tmp}, extra...)
}

func startBinary(t *testing.T, dir string, env []string, args ...string) *proc {
	t.Helper()
	p := &proc{done: make(chan struct{})}
	p.cmd = exec.Command(builtBinary(t), args...)
	p.cmd.Dir = dir
	p.cmd.Env = env
	p.cmd.Stdout = &p.stdout
	p.cmd.Stderr = &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(p.done)
		err := p.cmd.Wait()
		var ee *exec.ExitError
		switch {
		case err == nil:
		case errors.As(err, &ee):
			p.code = ee.ExitCode()
		default:
			p.code = -1
		}
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// wait waits up to d for the process to exit and reports its exit code.
func (p *proc) wait(t *testing.T, d time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
		return p.code
	case <-time.After(d):
		t.Fatalf("briefbot %s did not exit within %s\nstdout:\n%s\nstderr:\n%s", strings.Join(p.cmd.Args[1:], " "), d, p.stdout.String(), p.stderr.String())
		return -1
	}
}

func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

func (p *proc) String() string {
	return "stdout:\n" + p.stdout.String() + "\nstderr:\n" + p.stderr.String()
}

// runBinary runs briefbot to completion (at most 20 s).
func runBinary(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	p := startBinary(t, dir, env, args...)
	code := p.wait(t, 20*time.Second)
	return result{code: code, stdout: p.stdout.String(), stderr: p.stderr.String()}
}

// dirEntries lists what is left in dir.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// ---------------------------------------------------------------------------
// 1. ./briefbot.yaml is the last resort; 8. version from ldflags

func TestBinaryConfigFallbackAndVersion(t *testing.T) {
	t.Parallel()
	home, tmp := t.TempDir(), t.TempDir()
	cwd := t.TempDir()
	writeFile(t, filepath.Join(cwd, "briefbot.yaml"), configText(cwd, configOpts{}, testSource{Name: "From cwd", URL: "https://127.0.0.1/cwd.xml"}))
	fromEnv := writeConfig(t, testSource{Name: "From env", URL: "https://127.0.0.1/env.xml"})
	empty := t.TempDir()

	r := runBinary(t, cwd, processEnv(home, tmp), "config", "check")
	if r.code != 0 || !strings.Contains(r.stdout, "From cwd") || !strings.Contains(r.stdout, "briefbot.yaml") {
		t.Errorf("config check in a directory with briefbot.yaml: want exit 0 naming From cwd\n%s", r)
	}
	r = runBinary(t, cwd, processEnv(home, tmp, "BRIEFBOT_CONFIG="+fromEnv), "config", "check")
	if r.code != 0 || !strings.Contains(r.stdout, "From env") {
		t.Errorf("$BRIEFBOT_CONFIG must beat ./briefbot.yaml\n%s", r)
	}
	r = runBinary(t, empty, processEnv(home, tmp), "config", "check")
	if r.code != 2 || !strings.Contains(r.stderr, "briefbot.yaml") {
		t.Errorf("no config anywhere: want exit 2 naming briefbot.yaml\n%s", r)
	}

	r = runBinary(t, empty, processEnv(home, tmp), "version")
	if r.code != 0 || r.stdout != "briefbot "+binVersion+"\n" {
		t.Errorf("version: want %q\n%s", "briefbot "+binVersion+"\n", r)
	}
	r = runBinary(t, empty, processEnv(home, tmp), "pol")
	if r.code != 2 || !strings.Contains(r.stderr, `did you mean "poll"`) {
		t.Errorf("briefbot pol: want exit 2 and did you mean \"poll\"\n%s", r)
	}
	if got := dirEntries(t, empty); len(got) != 0 {
		t.Errorf("commands left files in the working directory: %v", got)
	}
}

// ---------------------------------------------------------------------------
// 6. demo

func TestDemo(t *testing.T) {
	t.Parallel()
	builtBinary(t) // not part of the 10 s
	cwd, home, tmp := t.TempDir(), t.TempDir(), t.TempDir()
	start := time.Now()
	p := startBinary(t, cwd, processEnv(home, tmp), "demo")
	code := p.wait(t, 10*time.Second)
	took := time.Since(start)
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s", code, p)
	}
	t.Logf("demo took %s", took.Round(time.Millisecond))
	out := p.stdout.String()

	// A real briefing: both default topics, every sample source linked,
	// at least one story told by several sources, and provenance at the end.
	for _, want := range []string{"Alliance statements", "Border developments", "5 sources checked", "all sources OK"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	if len(demoSources) == 0 {
		t.Fatal("no demo sources")
	}
	for _, s := range demoSources {
		if !strings.Contains(out, s.Name+" — ") {
			t.Errorf("demo does not link sample source %q", s.Name)
		}
	}
	if !regexp.MustCompile(`· [2-9] sources ·`).MatchString(out) {
		t.Error("demo shows no story with several sources")
	}
	if t.Failed() {
		t.Logf("demo output:\n%s", p)
	}
	for name, dir := range map[string]string{"working directory": cwd, "HOME": home, "TMPDIR": tmp} {
		if got := dirEntries(t, dir); len(got) != 0 {
			t.Errorf("demo left files in its %s: %v", name, got)
		}
	}
}

// ---------------------------------------------------------------------------
// 7. run

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

var httpClient = &http.Client{Timeout: 3 * time.Second}

func get(ctx context.Context, url string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, "", err
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// waitFor polls fn every 50 ms until it returns true, the process exits or d passes.
func waitFor(t *testing.T, p *proc, d time.Duration, what string, fn func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !fn() {
		if p.exited() {
			t.Fatalf("briefbot run exited (code %d) while waiting for %s\n%s", p.code, what, p)
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s\n%s", d, what, p)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var runMetrics = []string{"briefbot_polls_total", "briefbot_poll_errors_total", "briefbot_items_total", "briefbot_fetch_duration_seconds",
	"briefbot_deliveries_pending", "briefbot_delivery_oldest_pending_seconds"}

// startRun starts `briefbot run` on srcs and waits until /healthz answers.
func startRun(t *testing.T, srcs ...testSource) (*proc, string) {
	t.Helper()
	return startRunOpts(t, configOpts{}, srcs...)
}

func startRunOpts(t *testing.T, o configOpts, srcs ...testSource) (*proc, string) {
	t.Helper()
	o.listen = freeAddr(t)
	return startRunConfig(t, writeConfigOpts(t, o, srcs...), o.listen)
}

// startRunConfig starts `briefbot run` on the config file cfg, whose
// http.listen is addr, and waits until /healthz answers.
func startRunConfig(t *testing.T, cfg, addr string) (*proc, string) {
	t.Helper()
	p := startBinary(t, t.TempDir(), processEnv(t.TempDir(), t.TempDir()), "--config", cfg, "run")
	base := "http://" + addr
	waitFor(t, p, 10*time.Second, "/healthz", func() bool {
		code, _, err := get(t.Context(), base+"/healthz")
		return err == nil && code == http.StatusOK
	})
	return p, base
}

func missingMetrics(body string) []string {
	var missing []string
	for _, m := range runMetrics {
		if !regexp.MustCompile(`(?m)^` + m + `(\{|_bucket\{|_count|_sum| )`).MatchString(body) {
			missing = append(missing, m)
		}
	}
	return missing
}

func TestRun(t *testing.T) {
	t.Parallel()
	srv := feedServer(t)
	for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
		t.Run(sig.String(), func(t *testing.T) {
			p, base := startRun(t,
				testSource{Name: "good", URL: srv.URL("/good/rss")},
				testSource{Name: "broken", URL: srv.URL("/500")},
			)
			code, body, err := get(t.Context(), base+"/readyz")
			if err != nil || code != http.StatusOK {
				t.Errorf("/readyz: %d %q %v, want 200", code, body, err)
			}
			// The first poll happens right after start.
			var metrics string
			waitFor(t, p, 10*time.Second, "all metrics after the first poll", func() bool {
				code, b, err := get(t.Context(), base+"/metrics")
				metrics = b
				return err == nil && code == http.StatusOK && len(missingMetrics(b)) == 0 &&
					strings.Contains(b, `briefbot_polls_total{source="good",status="ok"} 1`) &&
					strings.Contains(b, `briefbot_poll_errors_total{source="broken"} 1`)
			})
			for _, want := range []string{`briefbot_polls_total{source="good",status="ok"} 1`, `briefbot_poll_errors_total{source="broken"} 1`, `briefbot_items_total{source="good"} 3`} {
				if !strings.Contains(metrics, want) {
					t.Errorf("/metrics lacks %q", want)
				}
			}

			start := time.Now()
			if err := p.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			if code := p.wait(t, 10*time.Second); code != 0 {
				t.Errorf("after %s: exit %d, want 0\n%s", sig, code, p)
			}
			t.Logf("stopped %s after %s", sig, time.Since(start).Round(time.Millisecond))
		})
	}
}

// TestRunMetricsWhenHealthy checks the four series after a first poll in
// which nothing failed (the usual case), not only after a failure.
func TestRunMetricsWhenHealthy(t *testing.T) {
	t.Parallel()
	srv := feedServer(t)
	p, base := startRun(t, testSource{Name: "good", URL: srv.URL("/good/rss")})
	waitFor(t, p, 10*time.Second, "the first poll", func() bool {
		_, b, err := get(t.Context(), base+"/metrics")
		return err == nil && strings.Contains(b, `briefbot_polls_total{source="good",status="ok"} 1`)
	})
	_, body, err := get(t.Context(), base+"/metrics")
	if err != nil {
		t.Fatal(err)
	}
	if m := missingMetrics(body); len(m) > 0 {
		t.Errorf("/metrics after a healthy first poll lacks %v", m)
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t, 10*time.Second); code != 0 {
		t.Errorf("after SIGTERM: exit %d\n%s", code, p)
	}
}

func TestRunBadConfig(t *testing.T) {
	t.Parallel()
	path := badConfig(t, "feeds:\n  allow_private_networks: true\n  timeot: 5s\n")
	start := time.Now()
	r := runBinary(t, t.TempDir(), processEnv(t.TempDir(), t.TempDir()), "run", "--config", path)
	if r.code != 2 || !strings.Contains(r.stderr, path+":7: feeds.timeot: ") {
		t.Errorf("run with a bad key: want exit 2 and %s:7: feeds.timeot on stderr\n%s", path, r)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("run with a bad config took %s to fail", d)
	}
}

// TestRunStopsDuringSlowFetch sends SIGTERM while the first poll is stuck
// on a feed that trickles one byte a second (fetch timeout 60 s): the
// process must still exit 0 within 10 s.
func TestRunStopsDuringSlowFetch(t *testing.T) {
	t.Parallel()
	srv := feedServer(t)
	p, _ := startRunOpts(t, configOpts{timeout: "60s"}, testSource{Name: "slow", URL: srv.URL("/slow")})
	waitFor(t, p, 10*time.Second, "the slow fetch to start", func() bool { return srv.Hits("/slow") > 0 })
	time.Sleep(300 * time.Millisecond)
	start := time.Now()
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t, 10*time.Second); code != 0 {
		t.Errorf("SIGTERM during a slow fetch: exit %d, want 0\n%s", code, p)
	}
	t.Logf("stopped after %s", time.Since(start).Round(time.Millisecond))
	if strings.Contains(p.stderr.String(), "panic") {
		t.Errorf("panic on shutdown\n%s", p)
	}
}

// TestRunPortInUse: a listen address that cannot be bound is a config
// problem reported at once, not a hang.
func TestRunPortInUse(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cfg := writeConfigOpts(t, configOpts{listen: ln.Addr().String()})
	r := runBinary(t, t.TempDir(), processEnv(t.TempDir(), t.TempDir()), "--config", cfg, "run")
	if r.code != 2 || !strings.Contains(r.stderr, "http.listen") {
		t.Errorf("run on a busy port: want exit 2 naming http.listen\n%s", r)
	}
}

// TestRunDoesNotOverlapPolls: while the start-up poll is stuck on a slow
// feed, the scheduler's next tick (5 s later) must not fetch the same URL
// again (the start-up poll runs inside cron's SkipIfStillRunning).
func TestRunDoesNotOverlapPolls(t *testing.T) {
	t.Parallel()
	srv := feedServer(t)
	p, _ := startRunOpts(t, configOpts{timeout: "60s"}, testSource{Name: "slow", URL: srv.URL("/slow")})
	time.Sleep(pollTick + 2*time.Second)
	if hits := srv.Hits("/slow"); hits != 1 {
		t.Errorf("/slow was requested %d times by overlapping polls, want 1", hits)
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	p.wait(t, 10*time.Second)
}

// TestRunMetricsAfterRestart: restarted on a database whose sources are
// not yet due, the start-up poll fetches nothing, yet /metrics has every
// briefbot series (at zero).
func TestRunMetricsAfterRestart(t *testing.T) {
	t.Parallel()
	srv := feedServer(t)
	addr := freeAddr(t)
	cfg := writeConfigOpts(t, configOpts{listen: addr}, testSource{Name: "good", URL: srv.URL("/good/rss")})
	for round := range 2 {
		p, base := startRunConfig(t, cfg, addr)
		// The start-up poll creates the series; on a loaded machine it
		// may come a few seconds after /healthz answers.
		var missing []string
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(200 * time.Millisecond) {
			_, body, err := get(t.Context(), base+"/metrics")
			if err != nil {
				t.Fatal(err)
			}
			if missing = missingMetrics(body); len(missing) == 0 || time.Now().After(deadline) {
				break
			}
		}
		if len(missing) > 0 {
			t.Errorf("start %d: /metrics lacks %v", round+1, missing)
		}
		p.cmd.Process.Signal(syscall.SIGTERM)
		if code := p.wait(t, 10*time.Second); code != 0 {
			t.Fatalf("exit %d\n%s", code, p)
		}
	}
}
