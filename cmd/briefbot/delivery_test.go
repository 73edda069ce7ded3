package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

type consoleLine struct {
	Channel        string `json:"channel"`
	Thread         string `json:"thread"`
	IdempotencyKey string `json:"idempotency_key"`
	Text           string `json:"text"`
	At             string `json:"at"`
}

func readConsole(t *testing.T, path string) []consoleLine {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer fh.Close()
	var out []consoleLine
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var l consoleLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			continue // a line cut by SIGKILL
		}
		out = append(out, l)
	}
	return out
}

// TestRunDeliversScheduledDigests: `briefbot run` with console.path
// delivers a config subscription's digests on schedule, keeps doing so
// after a SIGKILL and restart, and never writes a key twice.
func TestRunDeliversScheduledDigests(t *testing.T) {
	t.Parallel()
	srv := newNewsServer()
	defer srv.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "console.jsonl")
	addr := freeAddr(t)
	cfg := writeConfigOpts(t, configOpts{listen: addr}, testSource{Name: "Wire", URL: srv.URL + "/wire"}, testSource{Name: "Region", URL: srv.URL + "/region"})
	b, _ := os.ReadFile(cfg)
	writeFile(t, cfg, string(b)+"console:\n  path: "+yq(out)+"\nsubscriptions:\n  - channel: console:desk\n    topics: [border-developments, alliance-statements]\n    schedule: every 10s\n")

	p, _ := startRunConfig(t, cfg, addr)
	waitFor(t, p, 60*time.Second, "a digest with the Shebekino story", func() bool {
		for _, l := range readConsole(t, out) {
			if strings.Contains(l.Text, "Drone strike on Shebekino") {
				return true
			}
		}
		return false
	})
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	p.wait(t, 10*time.Second)
	before := len(readConsole(t, out))
	p2, base := startRunConfig(t, cfg, addr)
	waitFor(t, p2, 40*time.Second, "digests after the restart", func() bool { return len(readConsole(t, out)) >= before+2 })
	// /metrics counts the posts since the restart and their latency.
	waitFor(t, p2, 10*time.Second, "the posts in /metrics", func() bool {
		_, body, err := get(t.Context(), base+"/metrics")
		return err == nil && regexp.MustCompile(`(?m)^briefbot_deliveries_total\{outcome="posted",platform="console"\} [1-9]`).MatchString(body) &&
			regexp.MustCompile(`(?m)^briefbot_delivery_latency_seconds_count\{platform="console"\} [1-9]`).MatchString(body)
	})
	p2.cmd.Process.Signal(syscall.SIGTERM)
	if code := p2.wait(t, 15*time.Second); code != 0 {
		t.Errorf("exit %d after SIGTERM\n%s", code, p2)
	}

	lines := readConsole(t, out)
	seen := map[string]bool{}
	var first string
	for _, l := range lines {
		if seen[l.IdempotencyKey] {
			t.Errorf("key %s delivered twice", l.IdempotencyKey)
		}
		seen[l.IdempotencyKey] = true
		if l.Channel != "console:desk" {
			t.Errorf("delivered to %q", l.Channel)
		}
		if _, err := time.Parse(time.RFC3339, l.At); err != nil {
			t.Errorf("at %q is not RFC 3339", l.At)
		}
		if first == "" && strings.Contains(l.Text, "Shebekino") {
			first = l.IdempotencyKey
		}
	}
	if first == "" {
		t.Errorf("no digest carried the Shebekino story:\n%+v", lines)
	}
	// Each story is in one digest only: later ones say nothing new (a
	// source that reports it later goes in the digest's thread).
	n := 0
	for _, l := range lines {
		if l.Thread == "" && strings.Contains(l.Text, "Drone strike on Shebekino") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the Shebekino story was delivered %d times, want once", n)
	}
}
