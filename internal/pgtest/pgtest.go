// Package pgtest runs private PostgreSQL clusters on 127.0.0.1 for tests.
//
// The server binaries are not part of this module: ./scripts/install-postgres
// installs Debian's postgresql package (see BinDir). Start makes a new cluster
// with initdb in a temporary folder and starts it with pg_ctl on a free
// loopback port, with durability turned off for speed. PostgreSQL refuses to
// run as root, so when the test runs as root the cluster belongs to, and the
// server runs as, the operating system user "postgres" (which Debian's package
// creates). Clients connect as the database superuser "postgres" without a
// password.
//
// A test package shares one server per test binary, and each test gets a
// database of its own:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
//	func TestX(t *testing.T) {
//		dsn := pgtest.NewDB(t) // skips (fails under CI=true) without PostgreSQL
//		conn, err := pgx.Connect(ctx, dsn)
//		...
//	}
//
// pg_ctl runs the server as a daemon, so a test binary that dies without
// calling Close (a panic in TestMain, a -timeout, SIGKILL) leaves it running.
// Such a server stops by itself within about a minute once its folder is gone
// (PostgreSQL checks its postmaster.pid lock file every minute), and the next
// Start removes the folders of clusters whose test binary is dead, stopping
// their servers first.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrNotInstalled is wrapped by Start's error when initdb or pg_ctl is missing
// from BinDir.
var ErrNotInstalled = errors.New("PostgreSQL server binaries not installed (run ./scripts/install-postgres and set BRIEFBOT_PG_BIN to the folder it prints)")

const (
	// Superuser is the database role every DSN connects as (trust
	// authentication, no password).
	Superuser = "postgres"
	// osUser runs the server when the test binary runs as root.
	osUser = "postgres"

	startTimeout = 60 * time.Second
	stopTimeout  = 30 * time.Second
	// rootName is the folder under the temporary folder that holds every
	// cluster; Start cleans up stale clusters in it.
	rootName = "briefbot-pgtest"
	// ownerFile in a cluster folder holds the pid of the test binary that
	// made it.
	ownerFile = "owner.pid"
)

// BinDir returns the folder holding initdb and pg_ctl: the environment
// variable BRIEFBOT_PG_BIN if set, else the newest version's
// /usr/lib/postgresql/VERSION/bin (Debian's layout), else "".
func BinDir() string {
	if dir := os.Getenv("BRIEFBOT_PG_BIN"); dir != "" {
		return dir
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	best, bestVersion := "", -1
	for _, dir := range dirs {
		v := filepath.Base(filepath.Dir(dir))
		major, err := strconv.Atoi(strings.SplitN(v, ".", 2)[0])
		if err != nil || major <= bestVersion {
			continue
		}
		if isFile(filepath.Join(dir, "initdb")) && isFile(filepath.Join(dir, "pg_ctl")) {
			best, bestVersion = dir, major
		}
	}
	return best
}

// Server is a running private PostgreSQL cluster. Its methods are safe for
// concurrent use.
type Server struct {
	port    int
	dir     string // the cluster's folder: data/, the socket, postgres.log
	dataDir string
	logPath string
	bin     string
	cred    *credential // nil: run the server as the current user

	closeOnce sync.Once
	closeErr  error
}

// Start makes a new cluster in a temporary folder and starts it on a free
// 127.0.0.1 port, returning once it accepts connections (or failing after
// 60 s, with the tail of its log in the error). ctx bounds only the start; the
// server runs until Close.
func Start(ctx context.Context) (*Server, error) {
	bin := BinDir()
	if bin == "" {
		return nil, fmt.Errorf("%w: no /usr/lib/postgresql/*/bin with initdb and pg_ctl", ErrNotInstalled)
	}
	for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
		if !isFile(filepath.Join(bin, name)) {
			return nil, fmt.Errorf("%w: %s missing in %s", ErrNotInstalled, name, bin)
		}
	}

	s := &Server{bin: bin}
	if os.Geteuid() == 0 {
		u, err := user.Lookup(osUser)
		if err != nil {
			return nil, fmt.Errorf("running as root, the server must run as the OS user %q (made by Debian's postgresql package): %w", osUser, err)
		}
		uid, err1 := strconv.Atoi(u.Uid)
		gid, err2 := strconv.Atoi(u.Gid)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("OS user %q has uid %q, gid %q", osUser, u.Uid, u.Gid)
		}
		s.cred = &credential{uid: uid, gid: gid}
	}

	root, err := clusterRoot(s.cred != nil)
	if err != nil {
		return nil, err
	}
	cleanStale(root)
	if s.dir, err = os.MkdirTemp(root, "pg-"); err != nil {
		return nil, err
	}
	fail := func(err error) (*Server, error) {
		_ = os.RemoveAll(s.dir)
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(s.dir, ownerFile), []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
		return fail(err)
	}
	s.dataDir = filepath.Join(s.dir, "data")
	s.logPath = filepath.Join(s.dir, "postgres.log")
	if s.cred != nil {
		// initdb (as postgres) creates data/ and pg_ctl the socket and log here.
		if err := os.Chown(s.dir, s.cred.uid, s.cred.gid); err != nil {
			return fail(err)
		}
	}

	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	if out, err := s.command(ctx, "initdb", "-D", s.dataDir, "-A", "trust", "-U", Superuser,
		"--no-sync", "-E", "UTF8", "--locale=C").CombinedOutput(); err != nil {
		return fail(fmt.Errorf("initdb: %v\n%s", err, tailString(string(out), 20)))
	}

	// Another process may take the free port before the server binds it: try
	// a few ports.
	for attempt := 1; ; attempt++ {
		err = s.run(ctx)
		if err == nil {
			return s, nil
		}
		if attempt == 3 || ctx.Err() != nil || !strings.Contains(err.Error(), "already in use") {
			return fail(err)
		}
	}
}

// run starts the server with pg_ctl on a free port and waits until it is up.
func (s *Server) run(ctx context.Context) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	return s.runOn(ctx, port)
}

// runOn starts the server with pg_ctl on port and waits until it is up.
func (s *Server) runOn(ctx context.Context, port int) error {
	s.port = port
	// pg_ctl hands -o to a shell, so quote the socket folder.
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k '%s' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
		port, s.dir)
	timeout := int(startTimeout / time.Second)
	if deadline, ok := ctx.Deadline(); ok {
		timeout = max(1, int(time.Until(deadline)/time.Second))
	}
	out, err := s.command(ctx, "pg_ctl", "-D", s.dataDir, "-l", s.logPath, "-w",
		"-t", strconv.Itoa(timeout), "-o", opts, "start").CombinedOutput()
	if err != nil {
		s.kill() // pg_ctl may have given up on a server that still comes up
		return fmt.Errorf("pg_ctl start on port %d: %v\n%s--- tail of %s ---\n%s",
			port, err, out, s.logPath, tail(s.logPath, 40))
	}
	return nil
}

// command returns a command running the named server program as the cluster's
// owner. Its output goes to pipes only if the caller asks for it: the daemon
// pg_ctl starts writes to the log file instead, so it holds no pipe open.
func (s *Server) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, filepath.Join(s.bin, name), args...)
	cmd.Dir = s.dir // the owner may be unable to enter the test's folder
	cmd.Env = append(os.Environ(), "LC_ALL=C", "PGTZ=UTC")
	if s.cred != nil {
		cmd.Env = append(cmd.Env, "HOME="+s.dir, "USER="+osUser, "LOGNAME="+osUser)
	}
	cmd.SysProcAttr = s.cred.sysProcAttr()
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// Crash stops the server at once, as a crash would (pg_ctl stop -m
// immediate: sessions are cut, no checkpoint), and starts it again on the
// same port after down. Clients see an outage and must reconnect.
func (s *Server) Crash(ctx context.Context, down time.Duration) error {
	if out, err := s.command(ctx, "pg_ctl", "-D", s.dataDir, "-m", "immediate", "-w", "stop").CombinedOutput(); err != nil {
		return fmt.Errorf("pg_ctl stop: %v: %s", err, strings.TrimSpace(string(out)))
	}
	select {
	case <-time.After(down):
	case <-ctx.Done():
		return ctx.Err()
	}
	return s.runOn(ctx, s.port)
}

// Port returns the server's TCP port on 127.0.0.1.
func (s *Server) Port() int { return s.port }

// Dir returns the cluster's folder, holding data/ and postgres.log.
func (s *Server) Dir() string { return s.dir }

// LogPath returns the server's log file.
func (s *Server) LogPath() string { return s.logPath }

// DSN returns the URL for connecting to database dbname as the superuser,
// like postgres://postgres@127.0.0.1:PORT/dbname?sslmode=disable.
func (s *Server) DSN(dbname string) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.User(Superuser),
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)),
		Path:     "/" + dbname,
		RawQuery: "sslmode=disable",
	}
	return u.String()
}

// CreateDB creates the database name (connecting to the postgres database).
func (s *Server) CreateDB(ctx context.Context, name string) error {
	return s.exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
}

// DropDB drops the database name if it exists, ending its sessions first.
func (s *Server) DropDB(ctx context.Context, name string) error {
	return s.exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
}

func (s *Server) exec(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, s.DSN("postgres"))
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	_, err = conn.Exec(ctx, sql)
	return err
}

// Close stops the server (pg_ctl stop -m fast, which ends open sessions) and
// removes its folder. It is safe to call more than once.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), stopTimeout+10*time.Second)
		defer cancel()
		out, err := s.command(ctx, "pg_ctl", "-D", s.dataDir, "-m", "fast", "-w",
			"-t", strconv.Itoa(int(stopTimeout/time.Second)), "stop").CombinedOutput()
		if err != nil {
			s.kill()
			s.closeErr = fmt.Errorf("pg_ctl stop: %v: %s", err, strings.TrimSpace(string(out)))
		}
		if err := os.RemoveAll(s.dir); err != nil && s.closeErr == nil {
			s.closeErr = err
		}
	})
	return s.closeErr
}

// kill makes the cluster's server, if it runs, shut down at once.
func (s *Server) kill() { killPostmaster(s.dataDir) }

// clusterRoot returns (creating it) the folder holding every cluster:
// TMPDIR/briefbot-pgtest, sticky and writable by all like /tmp, as different
// users may run tests. When the server runs as another user (forOther) and
// that user cannot reach the temporary folder, /tmp is used instead.
func clusterRoot(forOther bool) (string, error) {
	tmp := os.TempDir()
	if forOther && !traversableByAll(tmp) {
		tmp = "/tmp"
	}
	root := filepath.Join(tmp, rootName)
	if err := os.Mkdir(root, 0o755); err == nil {
		if err := os.Chmod(root, os.ModeSticky|0o777); err != nil {
			return "", err
		}
	} else if !errors.Is(err, os.ErrExist) {
		return "", err
	}
	return root, nil
}

// traversableByAll reports whether every folder from / to dir lets others
// search it.
func traversableByAll(dir string) bool {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	for {
		fi, err := os.Stat(dir)
		if err != nil || fi.Mode().Perm()&0o001 == 0 {
			return false
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return true
		}
		dir = parent
	}
}

// cleanStale removes the cluster folders in root whose test binary has died
// without calling Close, first stopping their servers. Folders without an
// owner file are left alone while they may still be starting.
func cleanStale(root string) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), "pg-") {
			continue
		}
		dir := filepath.Join(root, e.Name())
		data, err := os.ReadFile(filepath.Join(dir, ownerFile))
		if err != nil {
			if info, serr := e.Info(); serr != nil || time.Since(info.ModTime()) < 10*time.Minute {
				continue
			}
		} else if pid, err := strconv.Atoi(strings.TrimSpace(string(data))); err != nil || processAlive(pid) {
			continue
		}
		killPostmaster(filepath.Join(dir, "data"))
		_ = os.RemoveAll(dir) // fails harmlessly for another user's clusters
	}
}

// killPostmaster asks the server of the cluster in dataDir, if it is still
// running, for an immediate shutdown (SIGQUIT) and waits up to 5 s for it to
// exit. It only signals a process whose command line names dataDir, so a
// reused pid is left alone.
func killPostmaster(dataDir string) {
	data, err := os.ReadFile(filepath.Join(dataDir, "postmaster.pid"))
	if err != nil {
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(data), "\n", 2)[0]))
	if err != nil || pid <= 0 || !isPostmasterOf(pid, dataDir) {
		return
	}
	signalQuit(pid)
	// A dead postmaster may linger as a zombie until init reaps it; its
	// command line is empty by then.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && isPostmasterOf(pid, dataDir); {
		time.Sleep(50 * time.Millisecond)
	}
}

// isPostmasterOf reports whether process pid runs with dataDir on its command
// line (pg_ctl starts it as postgres -D dataDir ...). Without /proc it is
// false.
func isPostmasterOf(pid int, dataDir string) bool {
	cmdline, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
	if err != nil {
		return false
	}
	return slices.Contains(strings.Split(string(cmdline), "\x00"), dataDir)
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

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// tail returns at most the last n lines of the file at path.
func tail(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("(no log: %v)", err)
	}
	return tailString(string(data), n)
}

func tailString(s string, n int) string {
	const maxBytes = 8 << 10
	if len(s) > maxBytes {
		s = s[len(s)-maxBytes:]
	}
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
