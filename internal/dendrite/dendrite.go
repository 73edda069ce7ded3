// Package dendrite runs a real Matrix homeserver (Dendrite, matrix-org's
// Apache-2.0 release) on 127.0.0.1 for tests, registers users on it and
// injects faults between a client and it.
//
// The Dendrite binaries are not part of this module: ./scripts/install-dendrite
// builds them into a cache folder (see BinDir). The package imports nothing from
// Dendrite; it only runs its programs and speaks the client-server API.
//
// A test package shares one server per test binary:
//
//	func TestMain(m *testing.M) { dendrite.Main(m) }
//
//	func TestX(t *testing.T) {
//		srv := dendrite.Shared(t) // skips (fails under CI=true) without Dendrite
//		alice, err := srv.NewUser(ctx, "alice")
//		...
//	}
package dendrite

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"go.yaml.in/yaml/v3"
)

// Version is the Dendrite release this package runs.
const Version = "v0.13.8"

// ServerName is the Matrix server name of every server Start runs, so user IDs
// look like @alice:localhost.
const ServerName = "localhost"

// The binaries Start needs, all built by ./scripts/install-dendrite.
var binaries = []string{"dendrite", "generate-keys", "generate-config"}

// ErrNotInstalled is wrapped by Start's error when the Dendrite binaries are
// missing from BinDir.
var ErrNotInstalled = errors.New("dendrite binaries not installed (run ./scripts/install-dendrite and set BRIEFBOT_DENDRITE_BIN to the folder it prints)")

const (
	healthTimeout = 60 * time.Second
	stopTimeout   = 5 * time.Second
)

// BinDir returns the folder holding the Dendrite binaries: the environment
// variable BRIEFBOT_DENDRITE_BIN if set, else the folder
// ./scripts/install-dendrite installs into,
// ${BRIEFBOT_CACHE:-$HOME/.cache/briefbot}/dendrite-v0.13.8/bin.
func BinDir() string {
	if dir := os.Getenv("BRIEFBOT_DENDRITE_BIN"); dir != "" {
		return dir
	}
	cache := os.Getenv("BRIEFBOT_CACHE")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = os.TempDir()
		}
		cache = filepath.Join(home, ".cache", "briefbot")
	}
	return filepath.Join(cache, "dendrite-"+Version, "bin")
}

// Options configures Start.
type Options struct {
	// RateLimited turns on Dendrite's client API rate limiting with a small
	// budget: 5 requests per user and device (or per remote address when
	// unauthenticated) within 500 ms, then HTTP 429 M_LIMIT_EXCEEDED with
	// retry_after_ms 500 and no Retry-After header. Dendrite v0.13.8 limits
	// only some endpoints (join, leave, invite, typing, login, register,
	// whoami, profile, receipts, read markers, /messages, media, ...); it
	// never limits sending events (PUT /rooms/{id}/send/...), creating rooms or
	// /sync, and never limits server admins.
	RateLimited bool
	// Dir is the folder for keys, config, databases and the log. Empty means a
	// new temporary folder, removed by Close unless BRIEFBOT_KEEP_DENDRITE is
	// set. A given Dir is created if needed and never removed.
	Dir string
}

// Server is a running Dendrite. Its methods are safe for concurrent use.
type Server struct {
	url     string
	dir     string
	logPath string
	secret  string
	ownDir  bool

	cmd       *exec.Cmd
	exited    chan struct{} // closed when the process has exited
	waitErr   error         // set before exited is closed
	closeOnce sync.Once
	closeErr  error
}

// Start runs a new Dendrite on a free 127.0.0.1 port and returns once it
// answers GET /_matrix/client/versions (or fails after 60 s, with the tail of
// its log in the error). ctx bounds only the start; the server runs until
// Close. Federation and open registration are off; users are made with
// Register or NewUser.
func Start(ctx context.Context, opts Options) (*Server, error) {
	bin := BinDir()
	for _, name := range binaries {
		if _, err := os.Stat(filepath.Join(bin, name)); err != nil {
			return nil, fmt.Errorf("%w: %s missing in %s", ErrNotInstalled, name, bin)
		}
	}

	s := &Server{dir: opts.Dir}
	if s.dir == "" {
		dir, err := os.MkdirTemp("", "briefbot-dendrite-")
		if err != nil {
			return nil, err
		}
		s.dir, s.ownDir = dir, true
	} else {
		abs, err := filepath.Abs(s.dir)
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(abs, 0o755); err != nil {
			return nil, err
		}
		s.dir = abs
	}
	fail := func(err error) (*Server, error) {
		s.removeDir()
		return nil, err
	}

	s.secret = randomHex(32)
	keyPath := filepath.Join(s.dir, "matrix_key.pem")
	if _, err := os.Stat(keyPath); errors.Is(err, os.ErrNotExist) {
		if out, err := exec.CommandContext(ctx, filepath.Join(bin, "generate-keys"), "--private-key", keyPath).CombinedOutput(); err != nil {
			return fail(fmt.Errorf("generate-keys: %v: %s", err, out))
		}
	}
	generated, err := exec.CommandContext(ctx, filepath.Join(bin, "generate-config"), "-ci", "-dir", s.dir, "-server", ServerName).Output()
	if err != nil {
		return fail(fmt.Errorf("generate-config: %w", err))
	}
	config, err := patchConfig(generated, keyPath, s.secret, opts.RateLimited)
	if err != nil {
		return fail(fmt.Errorf("patching dendrite.yaml: %w", err))
	}
	configPath := filepath.Join(s.dir, "dendrite.yaml")
	if err := os.WriteFile(configPath, config, 0o600); err != nil {
		return fail(err)
	}

	// Another process may take the free port before Dendrite binds it: try a
	// few ports.
	s.logPath = filepath.Join(s.dir, "dendrite.log")
	for attempt := 1; ; attempt++ {
		err = s.run(ctx, bin, configPath)
		if err == nil {
			return s, nil
		}
		if attempt == 3 || !strings.Contains(err.Error(), "address already in use") {
			return fail(err)
		}
	}
}

// run starts the dendrite process on a free port and waits until it is
// healthy; on failure the process is stopped.
func (s *Server) run(ctx context.Context, bin, configPath string) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	logFile, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logFile.Close() // the child keeps its own descriptor

	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(filepath.Join(bin, "dendrite"), "--config", configPath, "--http-bind-address", addr)
	cmd.Dir = s.dir
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting dendrite: %w", err)
	}
	s.cmd, s.url = cmd, "http://"+addr
	s.exited = make(chan struct{})
	go func() {
		s.waitErr = cmd.Wait()
		close(s.exited)
	}()

	if err := s.waitHealthy(ctx); err != nil {
		s.stop()
		return fmt.Errorf("%w\n--- tail of %s ---\n%s", err, s.logPath, tail(s.logPath, 40))
	}
	return nil
}

func (s *Server) waitHealthy(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	client := &http.Client{Timeout: 2 * time.Second}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.url+"/_matrix/client/versions", nil)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.exited:
			return fmt.Errorf("dendrite exited before becoming healthy: %v", s.waitErr)
		case <-ctx.Done():
			return fmt.Errorf("dendrite not healthy at %s: %w", s.url, ctx.Err())
		case <-tick.C:
		}
	}
}

// URL returns the server's base URL, like http://127.0.0.1:PORT.
func (s *Server) URL() string { return s.url }

// Dir returns the folder holding the server's config, databases and
// dendrite.log.
func (s *Server) Dir() string { return s.dir }

// Close stops the server (SIGTERM, then SIGKILL after 5 s) and removes its
// temporary folder unless the environment variable BRIEFBOT_KEEP_DENDRITE is
// set. It is safe to call more than once.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.closeErr = s.stop()
		s.removeDir()
	})
	return s.closeErr
}

// stop ends the process; an exit caused by our SIGTERM is not an error.
func (s *Server) stop() error {
	if s.cmd == nil {
		return nil
	}
	select {
	case <-s.exited:
		return nil // already gone (crashed, or stopped before)
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
		return nil
	case <-time.After(stopTimeout):
	}
	_ = s.cmd.Process.Kill()
	<-s.exited
	return fmt.Errorf("dendrite did not stop within %s of SIGTERM; killed", stopTimeout)
}

func (s *Server) removeDir() {
	if s.ownDir && os.Getenv("BRIEFBOT_KEEP_DENDRITE") == "" {
		_ = os.RemoveAll(s.dir)
	}
}

// patchConfig rewrites the output of generate-config -ci for a private test
// server. Every key it sets must already exist, so that a renamed key fails
// loudly instead of being ignored.
func patchConfig(in []byte, keyPath, secret string, rateLimited bool) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(in, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, errors.New("not a YAML document")
	}
	root := doc.Content[0]
	sets := []struct {
		path  string
		value any
	}{
		{"global.private_key", keyPath}, // relative paths resolve against the working directory
		{"global.disable_federation", true},
		{"global.report_stats.enabled", false},
		{"client_api.registration_disabled", true}, // -ci's open registration refuses to start
		{"client_api.registration_shared_secret", secret},
		{"client_api.rate_limiting.enabled", rateLimited},
		{"client_api.rate_limiting.threshold", 5},
		{"client_api.rate_limiting.cooloff_ms", 500},
	}
	for _, set := range sets {
		node, err := lookup(root, strings.Split(set.path, "."))
		if err != nil {
			return nil, err
		}
		if err := node.Encode(set.value); err != nil {
			return nil, fmt.Errorf("%s: %w", set.path, err)
		}
	}
	logging, err := lookup(root, []string{"logging"})
	if err != nil {
		return nil, err
	}
	if logging.Kind != yaml.SequenceNode || len(logging.Content) == 0 {
		return nil, errors.New("logging: not a list of hooks")
	}
	for _, hook := range logging.Content { // -ci logs at trace level
		level, err := lookup(hook, []string{"level"})
		if err != nil {
			return nil, fmt.Errorf("logging: %w", err)
		}
		if err := level.Encode("info"); err != nil {
			return nil, err
		}
	}
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// lookup returns the value node at path in nested mappings.
func lookup(node *yaml.Node, path []string) (*yaml.Node, error) {
	for i, key := range path {
		if node.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s: not a mapping", strings.Join(path[:i], "."))
		}
		var next *yaml.Node
		for j := 0; j+1 < len(node.Content); j += 2 {
			if node.Content[j].Value == key {
				next = node.Content[j+1]
				break
			}
		}
		if next == nil {
			return nil, fmt.Errorf("key %s missing from generated config", strings.Join(path[:i+1], "."))
		}
		node = next
	}
	return node, nil
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// tail returns at most the last n lines of the file at path.
func tail(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("(no log: %v)", err)
	}
	const maxBytes = 8 << 10
	if len(data) > maxBytes {
		data = data[len(data)-maxBytes:]
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
