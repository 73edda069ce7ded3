package pgtest_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/briefbot/briefbot/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func connect(t *testing.T, dsn string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect %s: %v", dsn, err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func tableExists(t *testing.T, conn *pgx.Conn, name string) bool {
	t.Helper()
	var exists bool
	err := conn.QueryRow(context.Background(), "SELECT to_regclass($1) IS NOT NULL", name).Scan(&exists)
	if err != nil {
		t.Fatal(err)
	}
	return exists
}

func TestQuery(t *testing.T) {
	dsn := pgtest.NewDB(t)
	if !strings.HasPrefix(dsn, "postgres://postgres@127.0.0.1:") || !strings.HasSuffix(dsn, "?sslmode=disable") {
		t.Errorf("DSN %q", dsn)
	}
	conn := connect(t, dsn)
	var sum int
	var version, db, encoding string
	err := conn.QueryRow(context.Background(),
		"SELECT $1::int + $2::int, current_setting('server_version_num'), current_database(), pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()",
		40, 2).Scan(&sum, &version, &db, &encoding)
	if err != nil {
		t.Fatal(err)
	}
	if sum != 42 {
		t.Errorf("40 + 2 = %d", sum)
	}
	if encoding != "UTF8" {
		t.Errorf("encoding %s, want UTF8", encoding)
	}
	if !strings.HasSuffix(dsn, "/"+db+"?sslmode=disable") {
		t.Errorf("connected to %s via %s", db, dsn)
	}
	t.Logf("server_version_num %s, database %s", version, db)
}

func TestDatabasesAreIndependent(t *testing.T) {
	a, b := pgtest.NewDB(t), pgtest.NewDB(t)
	if a == b {
		t.Fatalf("NewDB returned %s twice", a)
	}
	ca, cb := connect(t, a), connect(t, b)
	ctx := context.Background()
	if _, err := ca.Exec(ctx, "CREATE TABLE items (id int PRIMARY KEY, name text)"); err != nil {
		t.Fatal(err)
	}
	if _, err := ca.Exec(ctx, "INSERT INTO items VALUES (1, 'one')"); err != nil {
		t.Fatal(err)
	}
	if !tableExists(t, ca, "items") {
		t.Fatal("table items missing in the database that created it")
	}
	if tableExists(t, cb, "items") {
		t.Fatal("table items created in one database shows in the other")
	}
	// The same name is free in the other database.
	if _, err := cb.Exec(ctx, "CREATE TABLE items (id int PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
}

func TestDatabaseDroppedAtCleanup(t *testing.T) {
	var dsn string
	t.Run("sub", func(t *testing.T) {
		dsn = pgtest.NewDB(t)
		connect(t, dsn) // left open: the drop must end the session
	})
	srv := pgtest.Shared(t)
	conn := connect(t, srv.DSN("postgres"))
	name := strings.TrimSuffix(dsn[strings.LastIndex(dsn, "/")+1:], "?sslmode=disable")
	var n int
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("database %s still exists after its test", name)
	}
}

func TestParallelNewDB(t *testing.T) {
	for i := range 8 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			conn := connect(t, pgtest.NewDB(t))
			ctx := context.Background()
			if _, err := conn.Exec(ctx, "CREATE TABLE marker (v int)"); err != nil {
				t.Fatal(err)
			}
			if _, err := conn.Exec(ctx, "INSERT INTO marker VALUES ($1)", i); err != nil {
				t.Fatal(err)
			}
			var got []int
			rows, _ := conn.Query(ctx, "SELECT v FROM marker")
			got, err := pgx.CollectRows(rows, pgx.RowTo[int])
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0] != i {
				t.Errorf("marker rows %v, want [%d]", got, i)
			}
		})
	}
}

func TestStartClose(t *testing.T) {
	if pgtest.BinDir() == "" && os.Getenv("CI") != "true" {
		t.Skip("PostgreSQL not installed")
	}
	start := time.Now()
	srv, err := pgtest.Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("cluster started in %s at %s", time.Since(start).Round(time.Millisecond), srv.Dir())
	conn := connect(t, srv.DSN("postgres"))
	if err := conn.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	conn.Close(context.Background())
	start = time.Now()
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("cluster stopped in %s", time.Since(start).Round(time.Millisecond))
	if _, err := os.Stat(srv.Dir()); !os.IsNotExist(err) {
		t.Errorf("cluster folder %s left behind: %v", srv.Dir(), err)
	}
	if err := srv.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
