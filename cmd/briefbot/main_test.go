package main

// Contract tests for the briefbot CLI. Most tests drive the in-process entry
// point run(ctx, *env, args); the few that need a real process (signals,
// demo, the working directory) use a binary built once by builtBinary.
//
// Every feed is served from 127.0.0.1 (feedtest or a local httptest server)
// and every config sets feeds.allow_private_networks, its own SQLite file in
// a temp dir and http.listen "" unless the test is about HTTP.

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/briefbot/briefbot/internal/dendrite"
	"github.com/briefbot/briefbot/internal/pgtest"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/feeds/feedtest"
)

// ---------------------------------------------------------------------------
// Harness

// exitHooks run after all tests: shared fixtures and the built binary.
var exitHooks struct {
	mu  sync.Mutex
	fns []func()
}

func atExit(f func()) {
	exitHooks.mu.Lock()
	defer exitHooks.mu.Unlock()
	exitHooks.fns = append(exitHooks.fns, f)
}

func TestMain(m *testing.M) { dendrite.Main(pgtest.Wrap(withHooks{m})) }

// withHooks runs the tests, then the exit hooks (Dendrite stops after).
type withHooks struct{ m *testing.M }

func (h withHooks) Run() int {
	code := h.m.Run()
	exitHooks.mu.Lock()
	fns := exitHooks.fns
	exitHooks.mu.Unlock()
	for i := len(fns) - 1; i >= 0; i-- {
		fns[i]()
	}
	return code
}

// result is what one CLI invocation produced.
type result struct {
	code   int
	stdout string
	stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout ---\n%s\n--- stderr ---\n%s", r.code, r.stdout, r.stderr)
}

// invocation describes how to run the CLI in process.
type invocation struct {
	env      map[string]string // what getenv sees; nothing else leaks in
	terminal bool              // env.isTerminal
	stdin    string
}

// lockedBuffer is a strings.Builder safe for concurrent writers (the poller
// logs from several goroutines).
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// bb runs the CLI in process with an empty environment and a non-terminal stderr.
func bb(t testing.TB, args ...string) result {
	t.Helper()
	return invocation{}.run(t, args...)
}

func (in invocation) run(t testing.TB, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var stdout, stderr lockedBuffer
	e := &env{
		stdin:      strings.NewReader(in.stdin),
		stdout:     &stdout,
		stderr:     &stderr,
		getenv:     func(k string) string { return in.env[k] },
		isTerminal: in.terminal,
	}
	code := run(ctx, e, slices.Clone(args))
	if ctx.Err() != nil {
		t.Fatalf("briefbot %s: did not finish within 30s", strings.Join(args, " "))
	}
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// mustRun runs the CLI and fails the test unless it exits 0.
func mustRun(t testing.TB, args ...string) result {
	t.Helper()
	r := bb(t, args...)
	if r.code != 0 {
		t.Fatalf("briefbot %s: want exit 0\n%s", strings.Join(args, " "), r)
	}
	return r
}

// testSource is one entry of a generated config's sources: list.
type testSource struct {
	Name     string
	URL      string
	Schedule string
	Tags     []string
}

// configOpts are the parts of a generated config a test may vary.
type configOpts struct {
	listen  string // http.listen; "" turns the server off
	timeout string // feeds.timeout; default 5s
}

// yq quotes s as a YAML double-quoted scalar (JSON strings are valid YAML).
func yq(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// configText renders a valid config whose database lives in dir.
func configText(dir string, o configOpts, srcs ...testSource) string {
	var b strings.Builder
	fmt.Fprintf(&b, "database: %s\n", yq("sqlite://"+filepath.Join(dir, "x.db")))
	fmt.Fprintf(&b, "http:\n  listen: %s\n", yq(o.listen))
	timeout := o.timeout
	if timeout == "" {
		timeout = "5s"
	}
	fmt.Fprintf(&b, "feeds:\n  allow_private_networks: true\n  timeout: %s\n", timeout)
	if len(srcs) > 0 {
		b.WriteString("sources:\n")
		for _, s := range srcs {
			fmt.Fprintf(&b, "  - name: %s\n    url: %s\n", yq(s.Name), yq(s.URL))
			if s.Schedule != "" {
				fmt.Fprintf(&b, "    schedule: %s\n", yq(s.Schedule))
			}
			if len(s.Tags) > 0 {
				tags := make([]string, len(s.Tags))
				for i, t := range s.Tags {
					tags[i] = yq(t)
				}
				fmt.Fprintf(&b, "    tags: [%s]\n", strings.Join(tags, ", "))
			}
		}
	}
	return b.String()
}

// writeConfig writes a valid config (database in a fresh temp dir) and
// returns its path.
func writeConfig(t testing.TB, srcs ...testSource) string {
	t.Helper()
	return writeConfigOpts(t, configOpts{}, srcs...)
}

func writeConfigOpts(t testing.TB, o configOpts, srcs ...testSource) string {
	t.Helper()
	dir := t.TempDir()
	return writeFile(t, filepath.Join(dir, "briefbot.yaml"), configText(dir, o, srcs...))
}

func writeFile(t testing.TB, path, content string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// feedServer starts a feedtest server closed at the end of the test.
func feedServer(t testing.TB) *feedtest.Server {
	t.Helper()
	s := feedtest.NewServer()
	t.Cleanup(s.Close)
	return s
}

// jsonLines decodes stdout that must hold exactly one JSON object per line.
func jsonLines(t testing.TB, out string) []map[string]any {
	t.Helper()
	var objs []map[string]any
	if out == "" {
		return nil
	}
	if !strings.HasSuffix(out, "\n") {
		t.Fatalf("JSON output does not end in a newline: %q", out)
	}
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d is not one JSON object: %v\n%s", i+1, err, line)
		}
		objs = append(objs, m)
	}
	return objs
}

// assertKeys checks that obj has exactly the keys want.
func assertKeys(t testing.TB, obj map[string]any, want ...string) {
	t.Helper()
	var got []string
	for k := range obj {
		got = append(got, k)
	}
	sort.Strings(got)
	w := slices.Clone(want)
	sort.Strings(w)
	if !slices.Equal(got, w) {
		t.Errorf("keys = %v, want exactly %v (object %v)", got, w, obj)
	}
}

// str, num and strList read a typed field, failing on the wrong JSON type.
func str(t testing.TB, obj map[string]any, key string) string {
	t.Helper()
	v, ok := obj[key].(string)
	if !ok {
		t.Errorf("%q = %#v (%T), want a JSON string", key, obj[key], obj[key])
	}
	return v
}

func num(t testing.TB, obj map[string]any, key string) int {
	t.Helper()
	v, ok := obj[key].(float64)
	if !ok || v != math.Trunc(v) {
		t.Errorf("%q = %#v (%T), want a JSON integer", key, obj[key], obj[key])
		return -1
	}
	return int(v)
}

func strList(t testing.TB, obj map[string]any, key string) []string {
	t.Helper()
	raw, ok := obj[key].([]any)
	if !ok {
		t.Errorf("%q = %#v (%T), want a JSON array", key, obj[key], obj[key])
		return nil
	}
	out := make([]string, 0, len(raw))
	for _, v := range raw {
		s, ok := v.(string)
		if !ok {
			t.Errorf("%q contains %#v (%T), want strings", key, v, v)
		}
		out = append(out, s)
	}
	return out
}

// ---------------------------------------------------------------------------
// 1. Config location and strict decoding

func TestConfigResolution(t *testing.T) {
	t.Parallel()
	fromFlag := writeConfig(t, testSource{Name: "From flag", URL: "https://127.0.0.1/flag.xml"})
	fromEnv := writeConfig(t, testSource{Name: "From env", URL: "https://127.0.0.1/env.xml"})
	bad := writeFile(t, filepath.Join(t.TempDir(), "bad.yaml"), "nonsense_key: 1\n")

	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"flag before command", nil, []string{"--config", fromFlag, "config", "check"}, "From flag"},
		{"flag after command", nil, []string{"config", "check", "--config", fromFlag}, "From flag"},
		{"flag= before command", nil, []string{"--config=" + fromFlag, "config", "check"}, "From flag"},
		{"flag= after command", nil, []string{"config", "check", "--config=" + fromFlag}, "From flag"},
		{"env", map[string]string{"BRIEFBOT_CONFIG": fromEnv}, []string{"config", "check"}, "From env"},
		{"flag beats env", map[string]string{"BRIEFBOT_CONFIG": bad}, []string{"config", "check", "--config", fromFlag}, "From flag"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := invocation{env: tc.env}.run(t, tc.args...)
			if r.code != 0 {
				t.Fatalf("want exit 0\n%s", r)
			}
			if !strings.Contains(r.stdout, tc.want) {
				t.Errorf("stdout does not name source %q\n%s", tc.want, r)
			}
		})
	}

	t.Run("missing value", func(t *testing.T) {
		r := bb(t, "config", "check", "--config")
		if r.code != 2 || !strings.Contains(r.stderr, "--config") {
			t.Errorf("want exit 2 and a message about --config\n%s", r)
		}
	})
}

// TestConfigFlagWithPoll runs the literal command lines of the contract.
func TestConfigFlagWithPoll(t *testing.T) {
	t.Parallel()
	srv := feedServer(t)
	forms := []struct {
		name string
		args func(cfg string) []string
	}{
		{"before", func(c string) []string { return []string{"--config", c, "poll", "--once", "--json"} }},
		{"after", func(c string) []string { return []string{"poll", "--once", "--json", "--config", c} }},
		{"equals", func(c string) []string { return []string{"--config=" + c, "poll", "--once", "--json"} }},
		{"between flags", func(c string) []string { return []string{"poll", "--once", "--config=" + c, "--json"} }},
	}
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			cfg := writeConfig(t, testSource{Name: "Only " + f.name, URL: srv.URL("/good/rss")})
			r := bb(t, f.args(cfg)...)
			if r.code != 0 {
				t.Fatalf("want exit 0\n%s", r)
			}
			lines := jsonLines(t, r.stdout)
			if len(lines) != 1 || lines[0]["source"] != "Only "+f.name || lines[0]["status"] != "ok" {
				t.Errorf("want one ok report for the configured source\n%s", r)
			}
		})
	}
}

// configCase is a bad config and the error line the contract requires.
type configCase struct {
	name string
	body string // appended to a valid database/feeds prefix (see badConfig)
	line int
	key  string
}

// badConfig writes prefix+body where prefix is 4 valid lines, so body's first
// line is line 5.
func badConfig(t testing.TB, body string) string {
	t.Helper()
	dir := t.TempDir()
	prefix := fmt.Sprintf("# a config with one mistake\ndatabase: %s\nhttp:\n  listen: \"\"\n", yq("sqlite://"+filepath.Join(dir, "x.db")))
	return writeFile(t, filepath.Join(dir, "bad.yaml"), prefix+body)
}

var badConfigs = []configCase{
	{"unknown top-level key", "databse: sqlite://x.db\n", 5, "databse"},
	{"unknown nested key", "feeds:\n  allow_private_networks: true\n  timeot: 5s\n", 7, "feeds.timeot"},
	{"unknown source key", "sources:\n  - name: a\n    url: https://127.0.0.1/a\n    tag: [x]\n", 8, "sources[0].tag"},
	{"wrong type int", "feeds:\n  concurrency: lots\n", 6, "feeds.concurrency"},
	{"wrong type bool", "feeds:\n  allow_private_networks: maybe\n", 6, "feeds.allow_private_networks"},
	{"wrong type list", "sources: just-one\n", 5, "sources"},
	{"wrong type mapping", "feeds: fast\n", 5, "feeds"},
	{"bad duration", "feeds:\n  timeout: soon\n", 6, "feeds.timeout"},
	{"bad size", "feeds:\n  max_body: huge\n", 6, "feeds.max_body"},
	{"bad schedule", "feeds:\n  schedule: \"every tuesday\"\n", 6, "feeds.schedule"},
	{"bad value concurrency", "feeds:\n  concurrency: 0\n", 6, "feeds.concurrency"},
	{"bad source url", "sources:\n  - name: a\n    url: ftp://127.0.0.1/a\n", 7, "sources[0].url"},
	{"duplicate source name", "sources:\n  - name: a\n    url: https://127.0.0.1/a\n  - name: a\n    url: https://127.0.0.1/b\n", 8, "sources[1].name"},
	{"unknown key after a section", "feeds:\n  timeout: 5s\nhttp2: {}\n", 7, "http2"},
	{"bad retention", "feeds:\n  retention: 30m\n", 6, "feeds.retention"},
}

func TestConfigStrict(t *testing.T) {
	t.Parallel()
	for _, tc := range badConfigs {
		t.Run(tc.name, func(t *testing.T) {
			path := badConfig(t, tc.body)
			want := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(path) + `:` + strconv.Itoa(tc.line) + `: ` + regexp.QuoteMeta(tc.key) + `: \S.*$`)
			for _, args := range [][]string{
				{"--config", path, "config", "check"},
				{"poll", "--once", "--config", path},
			} {
				r := bb(t, args...)
				if r.code != 2 {
					t.Errorf("briefbot %s: want exit 2\n%s", strings.Join(args, " "), r)
				}
				if !want.MatchString(r.stderr) {
					t.Errorf("briefbot %s: stderr lacks %q\n%s", strings.Join(args, " "), want, r)
				}
			}
		})
	}
}

// TestConfigMissingRequiredHasLine: a source without name or url is a bad
// value too, and the user needs the line of the list entry to find it.
func TestConfigMissingRequiredHasLine(t *testing.T) {
	t.Parallel()
	path := badConfig(t, "sources:\n  - url: https://127.0.0.1/a\n  - name: b\n")
	r := bb(t, "config", "check", "--config", path)
	if r.code != 2 {
		t.Fatalf("want exit 2\n%s", r)
	}
	for _, want := range []string{path + ":6: sources[0].name: ", path + ":7: sources[1].url: "} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q\n%s", want, r)
		}
	}
}

// TestConfigStrictEverywhere checks that every config-reading command
// refuses a bad file with exit 2 and FILE:LINE, also via $BRIEFBOT_CONFIG.
func TestConfigStrictEverywhere(t *testing.T) {
	t.Parallel()
	path := badConfig(t, "databse: sqlite://x.db\n")
	prefix := path + ":5: databse: "
	cmds := [][]string{
		{"config", "check"},
		{"poll", "--once"},
		{"poll", "--once", "--json"},
		{"sources", "list"},
		{"sources", "export"},
		{"sources", "remove", "x"},
		{"items"},
		{"run"},
	}
	for _, args := range cmds {
		r := invocation{env: map[string]string{"BRIEFBOT_CONFIG": path}}.run(t, args...)
		if r.code != 2 || !strings.Contains(r.stderr, prefix) {
			t.Errorf("briefbot %s with a bad $BRIEFBOT_CONFIG: want exit 2 and %q on stderr\n%s", strings.Join(args, " "), prefix, r)
		}
	}
}

func TestConfigExampleIsAccepted(t *testing.T) {
	t.Parallel()
	ex := mustRun(t, "config", "example")
	names := regexp.MustCompile(`(?m)^\s*-\s*name:\s*(.+?)\s*$`).FindAllStringSubmatch(ex.stdout, -1)
	if len(names) == 0 {
		t.Fatalf("example config declares no sources:\n%s", ex.stdout)
	}
	path := writeFile(t, filepath.Join(t.TempDir(), "example.yaml"), ex.stdout)
	r := bb(t, "config", "check", "--config", path)
	if r.code != 0 {
		t.Fatalf("config check rejects config example\n%s", r)
	}
	for _, m := range names {
		name := strings.Trim(m[1], `"'`)
		if !strings.Contains(r.stdout, name) {
			t.Errorf("config check output does not name source %q\n%s", name, r)
		}
	}
}

func TestConfigCheckMissingFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "nope.yaml")
	r := bb(t, "config", "check", "--config", path)
	if r.code == 0 || !strings.Contains(r.stderr, path) {
		t.Errorf("want a non-zero exit naming %s\n%s", path, r)
	}
}

// ---------------------------------------------------------------------------
// 8. version and unknown commands

func TestVersion(t *testing.T) {
	t.Parallel()
	r := mustRun(t, "version")
	if r.stdout != "briefbot "+version+"\n" {
		t.Errorf("stdout = %q, want %q", r.stdout, "briefbot "+version+"\n")
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	for _, arg := range []string{"help", "--help", "-h"} {
		r := bb(t, arg)
		if r.code != 0 || !strings.Contains(r.stdout, "Usage:") {
			t.Errorf("briefbot %s: want exit 0 and usage on stdout\n%s", arg, r)
		}
	}
}

func TestUnknownCommands(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args    []string
		suggest string // "" when no suggestion is expected
	}{
		{[]string{"pol"}, "poll"},
		{[]string{"versoin"}, "version"},
		{[]string{"source", "list"}, "sources"},
		{[]string{"itmes"}, "items"},
		{[]string{"frobnicate"}, ""},
		{[]string{"sources", "lsit"}, "list"},
		{[]string{"config", "chek"}, "check"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Parallel()
			r := bb(t, tc.args...)
			if r.code != 2 {
				t.Errorf("want exit 2\n%s", r)
			}
			if r.stdout != "" {
				t.Errorf("want nothing on stdout\n%s", r)
			}
			hasHint := strings.Contains(r.stderr, "did you mean")
			switch {
			case tc.suggest != "" && !strings.Contains(r.stderr, `did you mean "`+tc.suggest+`"`):
				t.Errorf("stderr lacks did you mean %q\n%s", tc.suggest, r)
			case tc.suggest == "" && hasHint:
				t.Errorf("unexpected suggestion for a far-off command\n%s", r)
			case tc.suggest == "" && !strings.Contains(r.stderr, tc.args[0]):
				t.Errorf("stderr does not name the unknown command\n%s", r)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	cfg := writeConfig(t)
	tests := [][]string{
		{},
		{"poll"},                // --once is required
		{"poll", "--once", "x"}, // no arguments
		{"poll", "--once", "--bogus"},
		{"items", "--since", "yesterday-ish"},
		{"items", "--limit", "many"},
		{"sources"},
		{"sources", "add"},
		{"sources", "add", "not a url"},
		{"sources", "add", "https://127.0.0.1/x", "--schedule", "sometimes"},
		{"sources", "remove"},
		{"config"},
		{"demo", "extra"},
		{"run", "extra"},
	}
	for _, args := range tests {
		r := bb(t, append([]string{"--config", cfg}, args...)...)
		if r.code != 2 {
			t.Errorf("briefbot %s: want exit 2\n%s", strings.Join(args, " "), r)
		}
		if strings.TrimSpace(r.stderr) == "" {
			t.Errorf("briefbot %s: want a message on stderr", strings.Join(args, " "))
		}
	}
}
