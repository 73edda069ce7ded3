package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/internal/pgtest"
)

func TestRebind(t *testing.T) {
	tests := []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT a FROM t WHERE b = ? AND c = ?`, `SELECT a FROM t WHERE b = $1 AND c = $2`},
		// SQLite numbers a bare ? after the highest number so far.
		{`UPDATE t SET a = ?1 WHERE id = ?2 AND (b = 0 OR a > ?1)`, `UPDATE t SET a = $1 WHERE id = $2 AND (b = 0 OR a > $1)`},
		{`SELECT ?2, ?, ?1, ?`, `SELECT $2, $3, $1, $4`},
		{`SELECT '?', "a?b", ? -- what?
			/* why? /* nested? */ still? */ FROM t WHERE x = ?`, `SELECT '?', "a?b", $1 -- what?
			/* why? /* nested? */ still? */ FROM t WHERE x = $2`},
		{`SELECT 'it''s ?', ?`, `SELECT 'it''s ?', $1`},
		{`SELECT E'a\'?', ?`, `SELECT E'a\'?', $1`},
		{`SELECT $$ ? $$, $tag$ it's ? $tag$, ?`, `SELECT $$ ? $$, $tag$ it's ? $tag$, $1`},
		{`SELECT a$b, ?`, `SELECT a$b, $1`},
		// PostgreSQL's own placeholders: ? is then a JSON operator.
		{`SELECT id FROM river_job WHERE id = any($1::bigint[]) AND metadata ? 'cancel_attempted_at'`,
			`SELECT id FROM river_job WHERE id = any($1::bigint[]) AND metadata ? 'cancel_attempted_at'`},
		{`SELECT ?::json`, `SELECT $1::json`},
	}
	for _, tt := range tests {
		if got := rebind(tt.in); got != tt.want {
			t.Errorf("rebind(%q)\n = %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func FuzzRebind(f *testing.F) {
	for _, s := range []string{`SELECT ? FROM t WHERE a = '?' AND b = ?2`, `/* ? */ -- ?`, `$1 ?`, `E'\'' ?`, `$x$ ? $x$ ?`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		got := rebind(q)
		if strings.Count(got, "?") > strings.Count(q, "?") {
			t.Errorf("rebind(%q) = %q added question marks", q, got)
		}
		if !strings.Contains(q, "?") && got != q {
			t.Errorf("rebind(%q) = %q changed a query without ?", q, got)
		}
	})
}

// The PostgreSQL schema mirrors SQLite's: the same tables with the same
// columns, at the same version.
func TestSchemasMatch(t *testing.T) {
	ctx := context.Background()
	if len(pgMigrations) != len(migrations) {
		t.Fatalf("%d PostgreSQL migrations, %d SQLite ones", len(pgMigrations), len(migrations))
	}
	lite, _ := sqliteStore(t)
	pg, _ := postgresStore(t)
	columns := func(s *Store, q string) map[string][]string {
		t.Helper()
		rows, err := s.db.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string][]string{}
		for rows.Next() {
			var table, col string
			if err := rows.Scan(&table, &col); err != nil {
				t.Fatal(err)
			}
			out[table] = append(out[table], col)
		}
		return out
	}
	want := columns(lite, `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'items_fts%' ORDER BY m.name, p.cid`)
	got := columns(pg, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_name <> 'rowid' AND table_name <> 'item_search' ORDER BY table_name, ordinal_position`)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("PostgreSQL schema:\n%v\nSQLite schema:\n%v", got, want)
	}
	for _, s := range []*Store{lite, pg} {
		if v, err := s.SchemaVersion(ctx); v != len(migrations) || err != nil {
			t.Errorf("%s: schema version %d, %v; want %d", s.Dialect(), v, err, len(migrations))
		}
	}
}

// Replicas starting at once on a new database migrate it once, and take
// turns writing (here each syncing the config's sources, which reads
// before it writes).
func TestReplicasStartTogether(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.NewDB(t)
	for range 2 { // the status changes nothing
		if cur, latest, err := SchemaStatus(ctx, dsn); cur != 0 || latest != len(migrations) || err != nil {
			t.Errorf("status of a new database: %d, %d, %v", cur, latest, err)
		}
	}
	specs := []SourceSpec{{Name: "A", URL: "https://a.example/rss"}, {Name: "B", URL: "https://b.example/rss"}}
	const n = 6
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			s, err := Open(ctx, dsn, Options{})
			if err != nil {
				errs[i] = err
				return
			}
			defer s.Close()
			errs[i] = s.SyncConfigSources(ctx, specs)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if cur, latest, err := SchemaStatus(ctx, dsn); cur != latest || err != nil {
		t.Errorf("status after start: %d, %d, %v", cur, latest, err)
	}
	s, _ := openStoreAt(t, dsn)
	if srcs, err := s.Sources(ctx); len(srcs) != 2 || err != nil {
		t.Errorf("sources: %+v, %v", srcs, err)
	}
}

func TestSchemaStatusSQLite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	if cur, latest, err := SchemaStatus(ctx, "sqlite://"+path); cur != 0 || latest != len(migrations) || err != nil {
		t.Errorf("status of a missing database: %d, %d, %v", cur, latest, err)
	}
	s, _ := openStoreAt(t, "sqlite://"+path)
	if cur, latest, err := SchemaStatus(ctx, "sqlite://"+path); cur != latest || err != nil {
		t.Errorf("status after Open: %d, %d, %v", cur, latest, err)
	}
	if s.Dialect() != "sqlite" {
		t.Errorf("Dialect() = %q", s.Dialect())
	}
	if _, _, err := SchemaStatus(ctx, "mysql://x"); err == nil {
		t.Error("SchemaStatus accepted mysql://")
	}
}

// The pool handed to the job queue takes PostgreSQL's own queries, and
// the store's transactions are plain *sql.Tx on it.
func TestDBTakesPostgresQueries(t *testing.T) {
	ctx := context.Background()
	s, _ := postgresStore(t)
	if s.Dialect() != "postgres" {
		t.Fatalf("Dialect() = %q", s.Dialect())
	}
	var ok bool
	if err := s.DB().QueryRowContext(ctx, `SELECT $1::jsonb ? 'a'`, `{"a": 1}`).Scan(&ok); err != nil || !ok {
		t.Errorf("jsonb ? with $1: %v, %v", ok, err)
	}
	err := s.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ($1, $2)`, "k", "v")
		return err
	})
	if v, _ := s.Meta(ctx, "k"); err != nil || v != "v" {
		t.Errorf("meta written in WithTx: %q, %v", v, err)
	}
}

// checkSearchIndex checks that the full-text index holds exactly the
// stored items' tokens.
func checkSearchIndex(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	if !s.pg {
		if _, err := s.db.ExecContext(ctx, `INSERT INTO items_fts(items_fts) VALUES ('integrity-check')`); err != nil {
			t.Errorf("full-text index inconsistent: %v", err)
		}
		return
	}
	want := map[int64][]string{}
	rows, err := s.db.QueryContext(ctx, `SELECT id, title, body FROM items`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var d searchDoc
		if err := rows.Scan(&d.id, &d.title, &d.body); err != nil {
			t.Fatal(err)
		}
		for _, tok := range itemTokens(d.title, d.body) {
			lex, _ := lexeme(tok)
			want[d.id] = append(want[d.id], lex)
		}
		want[d.id] = slices.Compact(slices.Sorted(slices.Values(want[d.id])))
	}
	rows.Close()
	got := map[int64][]string{}
	rows, err = s.db.QueryContext(ctx, `SELECT item_id, unnest(tsvector_to_array(terms)) FROM item_search`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var lex string
		if err := rows.Scan(&id, &lex); err != nil {
			t.Fatal(err)
		}
		got[id] = append(got[id], lex)
	}
	for id := range got {
		slices.Sort(got[id])
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("search index:\n%v\nwant\n%v", got, want)
	}
}

// postgresql:// names PostgreSQL too; a server that does not answer is an
// error at Open, not at the first query.
func TestOpenPostgresURLs(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.NewDB(t)
	s, _ := openStoreAt(t, "postgresql://"+strings.TrimPrefix(dsn, "postgres://"))
	if s.Dialect() != "postgres" {
		t.Errorf("Dialect() = %q", s.Dialect())
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := Open(ctx, "postgres://postgres@127.0.0.1:1/none?sslmode=disable", Options{}); err == nil || !strings.Contains(err.Error(), "connect to PostgreSQL") {
		t.Errorf("Open on a closed port: %v", err)
	}
}
