package bot

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/console"
	"github.com/briefbot/briefbot/internal/pgtest"
	"github.com/briefbot/briefbot/store"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// fixtureMaker builds a test's fixture on one database.
type fixtureMaker func(testing.TB, Options) *fixture

// onBothDatabases runs a delivery test on SQLite and on PostgreSQL (a
// fresh database of the test cluster; under CI=true a missing PostgreSQL
// fails the test).
func onBothDatabases(t *testing.T, test func(*testing.T, fixtureMaker)) {
	t.Run("sqlite", func(t *testing.T) { test(t, newFixture) })
	t.Run("postgres", func(t *testing.T) {
		test(t, func(tb testing.TB, o Options) *fixture {
			tb.Helper()
			return newFixtureOn(tb, pgtest.NewDB(tb), o)
		})
	})
}

// The delivery engine on PostgreSQL: a delivery written in a store
// transaction is posted once by River (database/sql driver), and a
// subscription's digest goes out through the scheduler.
func TestDeliveryOnPostgres(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, pgtest.NewDB(t), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.Dialect() != "postgres" {
		t.Fatalf("dialect %s", st.Dialect())
	}
	path := filepath.Join(t.TempDir(), "c.jsonl")
	d, err := NewDelivery(ctx, st, DeliveryOptions{Platforms: map[string]Platform{"console": Console{console.New(path, nil)}}, PollInterval: 50 * time.Millisecond, PostTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer d.Stop(ctx)
	for _, key := range []string{"k1", "k2"} {
		if err := st.WithTx(ctx, func(tx *sql.Tx) error {
			return d.EnqueueTx(ctx, tx, store.Delivery{Key: key, Channel: "console:desk", Text: "hello " + key})
		}); err != nil {
			t.Fatal(err)
		}
	}
	// Enqueued twice: still one job, one line.
	if err := st.WithTx(ctx, func(tx *sql.Tx) error {
		return d.EnqueueTx(ctx, tx, store.Delivery{Key: "k1", Channel: "console:desk", Text: "hello k1"})
	}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "both deliveries", func() bool {
		dels, _ := st.Deliveries(ctx)
		n := 0
		for _, m := range dels {
			if m.Status == "delivered" {
				n++
			}
		}
		return n == 2
	})
	lines := consoleLines(t, path)
	if len(lines) != 2 || !strings.HasPrefix(lines[0].Text, "hello") {
		t.Errorf("console lines %+v", lines)
	}
}

// On PostgreSQL River listens for inserted jobs (riverpgxv5's LISTEN
// connection): a delivery committed by one replica is posted at once by
// the others, without waiting out a fetch poll of half a minute.
func TestDeliveryWakesOtherReplicasOnPostgres(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.NewDB(t)
	path := filepath.Join(t.TempDir(), "c.jsonl")
	var stores []*store.Store
	var engines []*Delivery
	for i := range 2 {
		st, err := store.Open(ctx, dsn, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		var platforms map[string]Platform
		if i == 1 {
			// Only the second replica can post: the first only enqueues.
			platforms = map[string]Platform{"console": Console{console.New(path, nil)}}
		}
		d, err := NewDelivery(ctx, st, DeliveryOptions{Platforms: platforms, PollInterval: 30 * time.Second, PostTimeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		stores, engines = append(stores, st), append(engines, d)
	}
	if err := engines[1].Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer engines[1].Stop(ctx)
	defer engines[0].Stop(ctx)
	// Let the worker's first fetch go by, so only a notification can
	// bring the job before the next poll.
	time.Sleep(2 * time.Second)
	start := time.Now()
	if err := stores[0].WithTx(ctx, func(tx *sql.Tx) error {
		return engines[0].EnqueueTx(ctx, tx, store.Delivery{Key: "wake", Channel: "console:desk", Text: "at once"})
	}); err != nil {
		t.Fatal(err)
	}
	for len(consoleLines(t, path)) == 0 {
		if time.Since(start) > 10*time.Second {
			t.Fatal("the other replica did not post within 10 s: it waits for its fetch poll")
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("posted by the other replica %v after the commit", time.Since(start).Round(time.Millisecond))
}
