package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/store"
)

// Two replicas: one leads; when it stops cleanly the other leads at
// once; when a leader stops renewing (it died), the other takes over
// after the lease runs out.
func TestLeaseTakeover(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "t.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	replica := func() *leases {
		l := newLeases(st, slog.New(slog.DiscardHandler))
		l.shared, l.ttl, l.renew = true, 400*time.Millisecond, 50*time.Millisecond
		l.leader.Store(false)
		return l
	}
	var running atomic.Int32
	work := func(ctx context.Context) {
		if running.Add(1) > 1 {
			t.Error("two replicas lead at once")
		}
		<-ctx.Done()
		running.Add(-1)
	}
	a, b := replica(), replica()
	actx, stopA := context.WithCancel(ctx)
	aDone := make(chan struct{})
	go func() { defer close(aDone); a.run(actx, "leader", work) }()
	waitUntil(t, "a leads", a.isLeader)
	bctx, stopB := context.WithCancel(ctx)
	bDone := make(chan struct{})
	go func() { defer close(bDone); b.run(bctx, "leader", work) }()
	time.Sleep(300 * time.Millisecond)
	if b.isLeader() {
		t.Fatal("b leads beside a")
	}
	stopA()
	<-aDone
	start := time.Now()
	waitUntil(t, "b leads after a's clean stop", b.isLeader)
	if took := time.Since(start); took > 300*time.Millisecond {
		t.Errorf("takeover after a clean stop took %v", took)
	}
	stopB()
	<-bDone

	// A leader that dies keeps its lease until it runs out.
	if ok, _ := st.AcquireLease(ctx, "leader", "dead-replica", 400*time.Millisecond); !ok {
		t.Fatal("could not plant a dead leader")
	}
	c := replica()
	cctx, stopC := context.WithCancel(ctx)
	defer stopC()
	go c.run(cctx, "leader", work)
	start = time.Now()
	waitUntil(t, "c leads after the dead leader's lease", c.isLeader)
	if took := time.Since(start); took < 250*time.Millisecond {
		t.Errorf("c took a live lease after %v", took)
	}
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
