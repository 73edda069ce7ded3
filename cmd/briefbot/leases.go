package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"github.com/briefbot/briefbot/store"
)

// Lease timing (the config's replicas.lease and replicas.renew set it for
// `run`): a holder renews every leaseRenew; a dead holder's lease runs out
// after leaseTTL, and another replica, trying every leaseRenew, takes over
// within leaseTTL+leaseRenew (25 s).
const (
	leaseTTL   = 20 * time.Second
	leaseRenew = 5 * time.Second
)

// leases runs work that one replica at a time must do (the leader's
// scheduling and upkeep, each chat connection) under a lease in the
// database. On SQLite only one process uses the database, so the work
// just runs.
type leases struct {
	st     *store.Store
	holder string
	shared bool // several processes may share the database
	logger *slog.Logger
	leader atomic.Bool
	// ttl and renew default to leaseTTL and leaseRenew (tests shorten
	// them).
	ttl, renew time.Duration
}

func newLeases(st *store.Store, logger *slog.Logger) *leases {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	host, _ := os.Hostname()
	l := &leases{st: st, holder: fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b)), logger: logger, ttl: leaseTTL, renew: leaseRenew}
	l.shared = st.Dialect() == "postgres"
	if !l.shared {
		l.leader.Store(true)
	}
	return l
}

// isLeader tells whether this process holds the "leader" lease.
func (l *leases) isLeader() bool { return l.leader.Load() }

// run runs fn while this process holds lease name, until ctx ends: fn's
// context ends when the lease is lost, and fn runs again when it is
// taken back. On SQLite fn simply runs.
func (l *leases) run(ctx context.Context, name string, fn func(context.Context)) {
	if !l.shared {
		fn(ctx)
		return
	}
	defer func() {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
		defer cancel()
		_ = l.st.ReleaseLease(rctx, name, l.holder)
	}()
	t := time.NewTicker(l.renew)
	defer t.Stop()
	var held context.CancelFunc
	var done chan struct{}
	stop := func() {
		if held != nil {
			held()
			<-done
			held = nil
			if name == "leader" {
				l.leader.Store(false)
			}
		}
	}
	defer stop()
	for {
		ok, err := l.st.AcquireLease(ctx, name, l.holder, l.ttl)
		switch {
		case err != nil && ctx.Err() == nil:
			l.logger.Warn("lease_failed", "lease", name, "error", err)
			stop() // cannot tell: assume lost
		case ok && held == nil:
			l.logger.Info("lease_taken", "lease", name, "holder", l.holder)
			if name == "leader" {
				l.leader.Store(true)
			}
			held, done = startHeld(ctx, fn)
		case !ok && held != nil:
			l.logger.Warn("lease_lost", "lease", name)
			stop()
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// startHeld runs fn on a context of its own; cancel it and wait on done
// to stop it.
func startHeld(ctx context.Context, fn func(context.Context)) (cancel context.CancelFunc, done chan struct{}) {
	hctx, cancel := context.WithCancel(ctx)
	done = make(chan struct{})
	go func() { defer close(done); fn(hctx) }()
	return cancel, done
}
