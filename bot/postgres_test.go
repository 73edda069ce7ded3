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
