package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/internal/pgtest"
)

func TestMetaPauseAndMoveChannel(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, clk := open(t)
		if v, err := s.Meta(ctx, "matrix.next_batch"); v != "" || err != nil {
			t.Fatalf("unset meta = %q, %v", v, err)
		}
		for _, v := range []string{"s1", "s2"} {
			if err := s.SetMeta(ctx, "matrix.next_batch", v); err != nil {
				t.Fatal(err)
			}
		}
		if v, _ := s.Meta(ctx, "matrix.next_batch"); v != "s2" {
			t.Errorf("meta = %q, want the last value", v)
		}

		old, nw := "matrix:!old:hs", "matrix:!new:hs"
		next := clk.t.Add(time.Hour)
		for _, sub := range []Subscription{
			{Channel: old, Target: "border-developments", Schedule: "hourly", NextRun: next},
			{Channel: old, Target: "alliance-statements", Schedule: "hourly", NextRun: next},
			{Channel: nw, Target: "alliance-statements", Schedule: "daily 07:00 UTC", NextRun: next},
		} {
			if _, _, err := s.Subscribe(ctx, sub); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.AddFilters(ctx, []Filter{{Channel: old, Topic: "border-developments", Mode: "exclude", Term: "drill"}}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetWatch(ctx, Watch{Channel: old, Name: "kursk", Words: []string{"Kursk"}}); err != nil {
			t.Fatal(err)
		}
		if n, err := s.PauseChannel(ctx, old, "the bot was removed"); n != 2 || err != nil {
			t.Fatalf("PauseChannel = %d, %v; want 2 paused", n, err)
		}
		moved, err := s.MoveChannel(ctx, old, nw)
		if err != nil || moved != 1 {
			t.Fatalf("MoveChannel = %d, %v; want 1 moved (the new room keeps its own alliance-statements)", moved, err)
		}
		subs, _ := s.Subscriptions(ctx, SubscriptionQuery{Channel: nw})
		sched := map[string]string{}
		for _, sub := range subs {
			sched[sub.Target] = sub.Schedule
			if sub.Paused() {
				t.Errorf("moved subscription still paused: %+v", sub)
			}
		}
		if len(subs) != 2 || sched["border-developments"] != "hourly" || sched["alliance-statements"] != "daily 07:00 UTC" {
			t.Errorf("new room's subscriptions: %v", sched)
		}
		if left, _ := s.Subscriptions(ctx, SubscriptionQuery{Channel: old}); len(left) != 0 {
			t.Errorf("old room keeps %d subscriptions", len(left))
		}
		if fs, _ := s.Filters(ctx, nw, "border-developments"); len(fs) != 1 {
			t.Errorf("filters not moved: %+v", fs)
		}
		if ws, _ := s.Watches(ctx, nw); len(ws) != 1 {
			t.Errorf("watchlists not moved: %+v", ws)
		}
	})
}

func TestFirstTime(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, clk := open(t)
		for i, want := range []bool{true, false, false} {
			if got, err := s.FirstTime(ctx, "slack.event:Ev1"); got != want || err != nil {
				t.Errorf("call %d: FirstTime = %v, %v; want %v", i, got, err, want)
			}
		}
		clk.t = clk.t.Add(2 * time.Hour)
		if n, _ := s.PruneSeen(ctx, clk.t.Add(-time.Hour)); n != 1 {
			t.Errorf("pruned %d keys, want 1", n)
		}
		if got, _ := s.FirstTime(ctx, "slack.event:Ev1"); !got {
			t.Error("a pruned key is still seen")
		}
	})
}

func TestLeases(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, clk := open(t)
		if ok, err := s.AcquireLease(ctx, "leader", "a", 30*time.Second); !ok || err != nil {
			t.Fatalf("a could not take a free lease: %v %v", ok, err)
		}
		if ok, _ := s.AcquireLease(ctx, "leader", "b", 30*time.Second); ok {
			t.Error("b took a's live lease")
		}
		clk.t = clk.t.Add(20 * time.Second)
		if ok, _ := s.AcquireLease(ctx, "leader", "a", 30*time.Second); !ok {
			t.Error("a could not renew")
		}
		// a dies: its lease runs out, then b takes over.
		clk.t = clk.t.Add(29 * time.Second)
		if ok, _ := s.AcquireLease(ctx, "leader", "b", 30*time.Second); ok {
			t.Error("b took the lease before it expired")
		}
		clk.t = clk.t.Add(2 * time.Second)
		if ok, _ := s.AcquireLease(ctx, "leader", "b", 30*time.Second); !ok {
			t.Error("b did not take the expired lease")
		}
		if h, _, _ := s.Lease(ctx, "leader"); h != "b" {
			t.Errorf("holder %q, want b", h)
		}
		// A clean stop hands over at once.
		if err := s.ReleaseLease(ctx, "leader", "b"); err != nil {
			t.Fatal(err)
		}
		if ok, _ := s.AcquireLease(ctx, "leader", "c", 30*time.Second); !ok {
			t.Error("c could not take a released lease")
		}
		if ok, _ := s.AcquireLease(ctx, "chat:matrix", "b", 30*time.Second); !ok {
			t.Error("leases are not independent")
		}
	})
}

// Replicas claiming due sources at the same moment, each on its own
// connection pool: every source is taken by exactly one of them, and a
// claimed source is due again after the claim's end.
func TestClaimDueTakesEachSourceOnce(t *testing.T) {
	for _, db := range []struct {
		name string
		dsn  func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return "sqlite://" + filepath.Join(t.TempDir(), "t.db") }},
		{"postgres", func(t *testing.T) string { return pgtest.NewDB(t) }},
	} {
		t.Run(db.name, func(t *testing.T) {
			ctx := context.Background()
			dsn := db.dsn(t)
			var replicas []*Store
			var clk *clock
			for range 3 {
				s, c := openStoreAt(t, dsn)
				replicas, clk = append(replicas, s), c
			}
			var ids []int64
			for i := range 40 {
				src, err := replicas[0].AddSource(ctx, SourceSpec{Name: fmt.Sprintf("s%d", i), URL: fmt.Sprintf("https://s%d.example/feed", i)})
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, src.ID)
			}
			now := clk.now()
			claims := func(at time.Time) map[int64]int {
				var mu sync.Mutex
				taken := map[int64]int{}
				var wg sync.WaitGroup
				for _, s := range replicas {
					for range 2 {
						wg.Go(func() {
							got, err := s.ClaimDue(ctx, ids, at, at.Add(5*time.Minute))
							if err != nil {
								t.Error(err)
							}
							mu.Lock()
							defer mu.Unlock()
							for _, id := range got {
								taken[id]++
							}
						})
					}
				}
				wg.Wait()
				return taken
			}
			taken := claims(now)
			for _, id := range ids {
				if taken[id] != 1 {
					t.Errorf("source %d claimed %d times", id, taken[id])
				}
			}
			if n := len(claims(now.Add(4 * time.Minute))); n != 0 {
				t.Errorf("%d sources claimed again within the claim", n)
			}
			if n := len(claims(now.Add(5 * time.Minute))); n != len(ids) {
				t.Errorf("%d sources claimed after the claim ran out, want %d", n, len(ids))
			}
			// A replica stopping hands back ten of its claims: they are due
			// again at once; a claim already answered is left alone.
			later := now.Add(5 * time.Minute)
			var held []feeds.Claim
			for _, id := range ids[:10] {
				held = append(held, feeds.Claim{ID: id, Until: later.Add(5 * time.Minute)})
			}
			for _, id := range ids[10:20] {
				held = append(held, feeds.Claim{ID: id, Until: now.Add(5 * time.Minute)})
			}
			if err := replicas[2].ReleaseClaims(ctx, held, later); err != nil {
				t.Fatal(err)
			}
			if n := len(claims(later)); n != 10 {
				t.Errorf("%d sources claimed after ten were handed back, want 10", n)
			}
		})
	}
}
