package dendrite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
)

// lazyServer is one server per test binary, started on first use.
type lazyServer struct {
	opts Options
	once sync.Once
	mu   sync.Mutex
	srv  *Server
	err  error
}

var (
	mainRunning atomic.Bool
	shared      = &lazyServer{}
	sharedRL    = &lazyServer{opts: Options{RateLimited: true}}
)

// Main runs a test binary's tests and then closes the servers Shared and
// SharedRateLimited started. Call it from TestMain:
//
//	func TestMain(m *testing.M) { dendrite.Main(m) }
func Main(m interface{ Run() int }) {
	mainRunning.Store(true)
	code := m.Run()
	for _, l := range []*lazyServer{shared, sharedRL} {
		if err := l.close(); err != nil {
			fmt.Fprintln(os.Stderr, "dendrite:", err)
		}
	}
	os.Exit(code)
}

// Shared returns the test binary's shared server (rate limiting off), starting
// it on first use. Tests that share it must give their users and rooms unique
// names (NewUser does). Without the Dendrite binaries, or if the server cannot
// start, the test is skipped with the reason, or fails when the environment
// has CI=true. The package's TestMain must call Main.
func Shared(t testing.TB) *Server {
	t.Helper()
	return shared.get(t)
}

// SharedRateLimited is like Shared for a second server started with
// Options{RateLimited: true}.
func SharedRateLimited(t testing.TB) *Server {
	t.Helper()
	return sharedRL.get(t)
}

func (l *lazyServer) get(t testing.TB) *Server {
	t.Helper()
	if !mainRunning.Load() {
		t.Fatal("dendrite.Shared needs the package's TestMain to call dendrite.Main(m), which stops the server")
	}
	l.once.Do(func() {
		srv, err := Start(context.Background(), l.opts)
		l.mu.Lock()
		l.srv, l.err = srv, err
		l.mu.Unlock()
	})
	l.mu.Lock()
	srv, err := l.srv, l.err
	l.mu.Unlock()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("Dendrite is required under CI=true: %v", err)
		}
		if errors.Is(err, ErrNotInstalled) {
			t.Skipf("skipping Matrix test: %v", err)
		}
		t.Skipf("skipping Matrix test: Dendrite did not start: %v", err)
	}
	return srv
}

func (l *lazyServer) close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.srv == nil {
		return nil
	}
	return l.srv.Close()
}
