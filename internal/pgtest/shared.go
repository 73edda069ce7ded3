package pgtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// lazyServer is one server per test binary, started on first use.
type lazyServer struct {
	once sync.Once
	mu   sync.Mutex
	srv  *Server
	err  error
}

var (
	mainRunning atomic.Bool
	shared      = &lazyServer{}
	dbCounter   atomic.Int64
)

// Main runs a test binary's tests and then closes the server Shared started.
// Call it from TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
func Main(m interface{ Run() int }) {
	mainRunning.Store(true)
	code := m.Run()
	if err := shared.close(); err != nil {
		fmt.Fprintln(os.Stderr, "pgtest:", err)
	}
	os.Exit(code)
}

// Shared returns the test binary's shared server, starting it on first use.
// Tests that share it should each use a database of their own (NewDB). Without
// the PostgreSQL binaries, or if the server cannot start, the test is skipped
// with the reason, or fails when the environment has CI=true. The package's
// TestMain must call Main.
func Shared(t testing.TB) *Server {
	t.Helper()
	return shared.get(t)
}

// Private starts a server of the test's own, for tests that stop or crash
// it (see Server.Crash); it is closed when the test ends. It skips or
// fails like Shared.
func Private(t testing.TB) *Server {
	t.Helper()
	srv, err := Start(context.Background())
	if err != nil {
		skipOrFail(t, err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

// NewDB creates a new, empty database on the shared server and returns its
// DSN, like postgres://postgres@127.0.0.1:PORT/NAME?sslmode=disable. The
// database is dropped (ending any sessions left open) when the test and its
// subtests finish. It skips or fails like Shared.
func NewDB(t testing.TB) string {
	t.Helper()
	srv := Shared(t)
	name := dbName(t.Name(), dbCounter.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.CreateDB(ctx, name); err != nil {
		t.Fatalf("pgtest: creating database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = srv.DropDB(ctx, name)
	})
	return srv.DSN(name)
}

// dbName makes a database name unique in the test binary from the test's name
// (lower case letters, digits and underscores, shortened) and a counter,
// within PostgreSQL's 63-byte limit.
func dbName(testName string, n int64) string {
	var b strings.Builder
	for _, r := range strings.ToLower(testName) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 40 {
			break
		}
	}
	return fmt.Sprintf("t_%s_%d", b.String(), n)
}

func (l *lazyServer) get(t testing.TB) *Server {
	t.Helper()
	if !mainRunning.Load() {
		t.Fatal("pgtest.Shared needs the package's TestMain to call pgtest.Main(m), which stops the server")
	}
	l.once.Do(func() {
		srv, err := Start(context.Background())
		l.mu.Lock()
		l.srv, l.err = srv, err
		l.mu.Unlock()
	})
	l.mu.Lock()
	srv, err := l.srv, l.err
	l.mu.Unlock()
	if err != nil {
		skipOrFail(t, err)
	}
	return srv
}

// skipOrFail ends a test whose server could not start: it fails under
// CI=true and is skipped, with the reason, elsewhere.
func skipOrFail(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("PostgreSQL is required under CI=true: %v", err)
	}
	if errors.Is(err, ErrNotInstalled) {
		t.Skipf("skipping PostgreSQL test: %v", err)
	}
	t.Skipf("skipping PostgreSQL test: PostgreSQL did not start: %v", err)
}

func (l *lazyServer) close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.srv == nil {
		return nil
	}
	return l.srv.Close()
}

// Wrap is Main for a test binary whose TestMain already hands its tests
// to another Main (internal/dendrite's): run the returned value's Run
// there, and the shared server is closed after the tests.
func Wrap(m interface{ Run() int }) interface{ Run() int } { return wrapped{m} }

type wrapped struct{ m interface{ Run() int } }

func (w wrapped) Run() int {
	mainRunning.Store(true)
	code := w.m.Run()
	if err := shared.close(); err != nil {
		fmt.Fprintln(os.Stderr, "pgtest:", err)
	}
	return code
}
