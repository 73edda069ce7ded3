// Package store keeps briefbot's state: sources and their fetch health,
// items with their history, and full-text search over them. SQLite
// (modernc.org/sqlite, no cgo) serves one process; PostgreSQL (pgx) serves
// several replicas, behind the same methods and with the same results.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:generate go run ./internal/fts5gen -o fts5_tables.go

// Store is briefbot's database.
type Store struct {
	db *sql.DB
	// rdb serves the large reads (a digest of a month) on several
	// connections at once; WAL readers never wait for the writer.
	rdb *sql.DB
	now func() time.Time
	// stmts caches prepared statements by query text: preparing costs more
	// than running most of briefbot's small queries.
	stmts sync.Map // string -> *sql.Stmt
	// stop ends the checkpointer; done is closed when it has.
	stop, done chan struct{}
	// pg is set on PostgreSQL, where db and rdb are one pool; dsn names
	// the database there (see PgxPool).
	pg  bool
	dsn string

	closeOnce sync.Once // Close may be called more than once
	closeErr  error
}

// Options configure Open.
type Options struct {
	// Now is the clock used for first-seen and poll times. Default time.Now.
	Now func() time.Time
}

// ErrNotFound is returned when a named thing does not exist.
var ErrNotFound = errors.New("not found")

// ErrExists is returned when adding something whose name or URL is taken.
var ErrExists = errors.New("already exists")

// Open opens (creating if needed) the database named by dsn and brings its
// schema up to date. dsn is sqlite://PATH, or a PostgreSQL URL
// (postgres://USER:PASSWORD@HOST/DATABASE, or postgresql://): several
// processes may open one PostgreSQL database at once.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s, err := openStore(ctx, dsn, opts)
	if err != nil {
		return nil, err
	}
	for _, q := range preparedQueries {
		if _, err := s.stmt(ctx, nil, q); err != nil {
			s.Close()
			return nil, fmt.Errorf("prepare: %w", err)
		}
	}
	return s, nil
}

func openStore(ctx context.Context, dsn string, opts Options) (*Store, error) {
	if isPostgres(dsn) {
		return openPostgres(ctx, dsn, opts)
	}
	path, ok := strings.CutPrefix(dsn, "sqlite://")
	if !ok {
		return nil, fmt.Errorf("database: unsupported URL %q (want sqlite://PATH or postgres://...)", dsn)
	}
	if path == "" {
		return nil, errors.New("database: sqlite:// needs a path")
	}
	if dir := filepath.Dir(path); path != ":memory:" {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("database directory %s: %w", dir, err)
		}
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)", "cache_size(-65536)", "temp_store(MEMORY)", "mmap_size(1073741824)", "wal_autocheckpoint(0)"} {
		q.Add("_pragma", p)
	}
	// Write transactions take the write lock at BEGIN: a deferred one that
	// upgrades later fails at once with SQLITE_BUSY when another process
	// writes, whatever the busy timeout.
	q.Set("_txlock", "immediate")
	// mmap_size: reads of large windows (a digest over weeks) come from
	// the page cache without a read call per page, about twice as fast.
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// One connection: SQLite serializes writers anyway, and a single
	// connection never meets SQLITE_BUSY inside the process.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, now: opts.Now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	s.rdb = db
	if path != ":memory:" {
		rq := url.Values{}
		for _, p := range []string{"busy_timeout(10000)", "query_only(1)", "cache_size(-16384)", "temp_store(MEMORY)", "mmap_size(1073741824)"} {
			rq.Add("_pragma", p)
		}
		if s.rdb, err = sql.Open("sqlite", "file:"+path+"?"+rq.Encode()); err != nil {
			db.Close()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		s.rdb.SetMaxOpenConns(4)
		s.stop, s.done = make(chan struct{}), make(chan struct{})
		go s.checkpointer(time.Second)
	}
	return s, nil
}

// Dialect names the database: "sqlite" or "postgres".
func (s *Store) Dialect() string {
	if s.pg {
		return "postgres"
	}
	return "sqlite"
}

// Close closes the database.
func (s *Store) Close() error {
	s.closeOnce.Do(func() { s.closeErr = s.close() })
	return s.closeErr
}

func (s *Store) close() error {
	s.stmts.Range(func(_, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
	if s.stop != nil {
		close(s.stop)
		<-s.done
		// Fold the log into the database so the file is whole on its
		// own; a busy reader elsewhere only means a later checkpoint.
		_, _ = s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	if s.rdb != s.db {
		s.rdb.Close()
	}
	return s.db.Close()
}

// checkpointer copies the write-ahead log into the database every
// interval, off the write path: the writer connection has automatic
// checkpoints off, so a commit never waits for one (a 1,000-item index
// batch commits in 60 ms instead of 260). A passive checkpoint blocks no
// reader or writer.
func (s *Store) checkpointer(every time.Duration) {
	defer close(s.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			_, _ = s.rdb.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
			cancel()
		}
	}
}

// Ping reports whether the database answers (for /readyz).
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.db.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

var migrations = []string{
	// 1: sources, items, history, pruned keys, full-text index.
	`CREATE TABLE sources (
		id            INTEGER PRIMARY KEY,
		name          TEXT NOT NULL UNIQUE,
		url           TEXT NOT NULL,
		schedule      TEXT NOT NULL DEFAULT '',
		tags          TEXT NOT NULL DEFAULT '',
		origin        TEXT NOT NULL,
		position      INTEGER NOT NULL DEFAULT 0,
		etag          TEXT NOT NULL DEFAULT '',
		last_modified TEXT NOT NULL DEFAULT '',
		not_before    INTEGER NOT NULL DEFAULT 0,
		next_poll     INTEGER NOT NULL DEFAULT 0,
		last_poll     INTEGER NOT NULL DEFAULT 0,
		last_status   INTEGER NOT NULL DEFAULT 0,
		last_success  INTEGER NOT NULL DEFAULT 0,
		last_error    TEXT NOT NULL DEFAULT '',
		last_error_at INTEGER NOT NULL DEFAULT 0,
		failures      INTEGER NOT NULL DEFAULT 0,
		failing_since INTEGER NOT NULL DEFAULT 0,
		created_at    INTEGER NOT NULL
	);
	CREATE TABLE items (
		id            INTEGER PRIMARY KEY,
		uid           TEXT NOT NULL UNIQUE,
		canonical_url TEXT NOT NULL DEFAULT '',
		title         TEXT NOT NULL,
		body          TEXT NOT NULL,
		summary       TEXT NOT NULL,
		lang          TEXT NOT NULL,
		published     INTEGER NOT NULL,
		dated         INTEGER NOT NULL,
		first_seen    INTEGER NOT NULL,
		updated_at    INTEGER NOT NULL,
		hash          TEXT NOT NULL
	);
	CREATE INDEX items_published ON items(published);
	CREATE INDEX items_first_seen ON items(first_seen);
	CREATE TABLE item_sources (
		source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
		item_key   TEXT NOT NULL,
		item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
		link       TEXT NOT NULL,
		title      TEXT NOT NULL,
		published  INTEGER NOT NULL,
		first_seen INTEGER NOT NULL,
		hash       TEXT NOT NULL,
		PRIMARY KEY (source_id, item_key)
	);
	CREATE INDEX item_sources_item ON item_sources(item_id);
	CREATE TABLE item_history (
		item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
		title      TEXT NOT NULL,
		body       TEXT NOT NULL,
		replaced_at INTEGER NOT NULL
	);
	CREATE INDEX item_history_item ON item_history(item_id);
	CREATE TABLE pruned (
		source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
		item_key  TEXT NOT NULL,
		pruned_at INTEGER NOT NULL,
		PRIMARY KEY (source_id, item_key)
	);
	CREATE VIRTUAL TABLE items_fts USING fts5(
		title, body, content='items', content_rowid='id',
		tokenize='unicode61 remove_diacritics 2', detail=column
	);
	-- No insert trigger: new items are indexed in one statement per write
	-- transaction (see itemTx), because FTS5 flushes its pending index at
	-- every statement savepoint and a trigger would flush per item.
	CREATE TRIGGER items_ad AFTER DELETE ON items BEGIN
		INSERT INTO items_fts(items_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
	END;
	CREATE TRIGGER items_au AFTER UPDATE OF title, body ON items BEGIN
		INSERT INTO items_fts(items_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
		INSERT INTO items_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
	END;`,
	// 2: stories. Every item waits in index_queue until the digest
	// engine has analyzed it (topics, entities) and assigned it to a
	// story; story ids are stable, and ids retired by a merge point to
	// the story that absorbed them.
	`CREATE TABLE meta (
		key   TEXT PRIMARY KEY,
		value TEXT NOT NULL
	);
	CREATE TABLE index_queue (
		item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE
	);
	INSERT INTO index_queue(item_id) SELECT id FROM items;
	CREATE TABLE stories (
		id         TEXT PRIMARY KEY,
		first_pub  INTEGER NOT NULL,
		first_item TEXT NOT NULL,
		topics     TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL
	);
	CREATE INDEX stories_updated ON stories(updated_at);
	-- uid, url, title, published, lang and lead (the text's first
	-- sentences) are copies kept here so that a digest and the link
	-- candidates read small rows only, never the bodies.
	CREATE TABLE item_analysis (
		item_id   INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
		uid       TEXT NOT NULL,
		url       TEXT NOT NULL,
		title     TEXT NOT NULL,
		published INTEGER NOT NULL,
		first_seen INTEGER NOT NULL,
		lang      TEXT NOT NULL,
		topics    TEXT NOT NULL,
		analysis  BLOB NOT NULL,
		terms     TEXT NOT NULL,
		lead      TEXT NOT NULL,
		story_id  TEXT REFERENCES stories(id) ON DELETE SET NULL
	);
	CREATE INDEX item_analysis_story ON item_analysis(story_id);
	CREATE INDEX item_analysis_published ON item_analysis(published) WHERE story_id IS NOT NULL;
	CREATE INDEX item_analysis_first_seen ON item_analysis(first_seen) WHERE story_id IS NOT NULL;
	-- The engine's link-candidate keys of each item in a story (e.g. a
	-- place on a day): a new item reads only the items sharing a key.
	CREATE TABLE item_keys (
		key     INTEGER NOT NULL,
		item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
		PRIMARY KEY (key, item_id)
	) WITHOUT ROWID;
	CREATE INDEX item_keys_item ON item_keys(item_id);
	CREATE TABLE story_aliases (
		old_id TEXT PRIMARY KEY,
		new_id TEXT NOT NULL
	);
	CREATE INDEX story_aliases_new ON story_aliases(new_id);`,
	// 3: channels' subscriptions, filters and watchlists.
	`CREATE TABLE subscriptions (
		id            INTEGER PRIMARY KEY,
		channel       TEXT NOT NULL,
		target        TEXT NOT NULL,
		schedule      TEXT NOT NULL,
		origin        TEXT NOT NULL,
		cursor        INTEGER NOT NULL,
		last_run      INTEGER NOT NULL DEFAULT 0,
		next_run      INTEGER NOT NULL DEFAULT 0,
		paused_at     INTEGER NOT NULL DEFAULT 0,
		paused_reason TEXT NOT NULL DEFAULT '',
		created_by    TEXT NOT NULL DEFAULT '',
		created_at    INTEGER NOT NULL,
		UNIQUE (channel, target)
	);
	CREATE INDEX subscriptions_next ON subscriptions(next_run) WHERE paused_at = 0;
	CREATE TABLE filters (
		channel    TEXT NOT NULL,
		topic      TEXT NOT NULL,
		mode       TEXT NOT NULL CHECK (mode IN ('include', 'exclude')),
		term       TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		PRIMARY KEY (channel, topic, mode, term)
	);
	CREATE TABLE watchlists (
		channel    TEXT NOT NULL,
		name       TEXT NOT NULL,
		words      TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		PRIMARY KEY (channel, name)
	);`,
	// 4: deliveries. A delivery is written with its job in the transaction
	// that advances its subscription; its key is the idempotency key a
	// platform sees.
	`CREATE TABLE deliveries (
		key          TEXT PRIMARY KEY,
		channel      TEXT NOT NULL,
		thread       TEXT NOT NULL DEFAULT '',
		after        TEXT NOT NULL DEFAULT '',
		text         TEXT NOT NULL,
		subscription INTEGER NOT NULL DEFAULT 0,
		status       TEXT NOT NULL DEFAULT 'pending',
		ref          TEXT NOT NULL DEFAULT '',
		error        TEXT NOT NULL DEFAULT '',
		created_at   INTEGER NOT NULL,
		delivered_at INTEGER NOT NULL DEFAULT 0
	);
	CREATE INDEX deliveries_channel ON deliveries(channel, created_at);`,
	// 5: which stories each channel has received, in which message, with
	// which sources: later sources go in that message's thread.
	`CREATE TABLE story_posts (
		channel  TEXT NOT NULL,
		story_id TEXT NOT NULL,
		delivery TEXT NOT NULL,
		headline TEXT NOT NULL,
		sources  TEXT NOT NULL,
		PRIMARY KEY (channel, story_id)
	);`,
	// 6: keys seen once (a Slack event id, a request signature), so that
	// a redelivered request is not processed twice, whichever replica
	// gets it.
	`CREATE TABLE seen_keys (
		key TEXT PRIMARY KEY,
		at  INTEGER NOT NULL
	);
	CREATE INDEX seen_keys_at ON seen_keys(at);`,
	// 7: leases: which process holds a piece of work shared by replicas
	// (the leader's periodic work, a chat connection), until when.
	`CREATE TABLE leases (
		name     TEXT PRIMARY KEY,
		holder   TEXT NOT NULL,
		until_ms BIGINT NOT NULL
	);`,
}

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err := s.db.ExecContext(ctx, `INSERT INTO schema_version(version) VALUES (0)`); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	} else if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("database schema version %d is newer than this briefbot (%d): upgrade briefbot", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `UPDATE schema_version SET version = ?`, i+1)
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate to version %d: %w", i+1, err)
		}
	}
	return nil
}

func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if s.pg {
		// Write transactions take turns, as SQLite's do (see pgWriteLock).
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`SELECT pg_advisory_xact_lock(%d)`, pgWriteLock)); err != nil {
			_ = tx.Rollback()
			return err
		}
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// itemTx runs fn in a transaction that may insert items, then indexes
// every item inserted by it for full-text search, and queues it for the
// digest engine, in one statement each.
func (s *Store) itemTx(ctx context.Context, fn func(*sql.Tx) error) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var maxID int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM items`).Scan(&maxID); err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		if s.pg {
			if err := s.indexSearchAfter(ctx, tx, maxID); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO index_queue(item_id) SELECT id FROM items WHERE id > ? ON CONFLICT DO NOTHING`, maxID)
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO items_fts(rowid, title, body) SELECT id, title, body FROM items WHERE id > ?`, maxID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO index_queue(item_id) SELECT id FROM items WHERE id > ?`, maxID)
		return err
	})
}

// stmt returns the cached prepared statement for query, bound to tx when
// tx is not nil.
func (s *Store) stmt(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	v, ok := s.stmts.Load(query)
	if !ok && tx != nil {
		return nil, fmt.Errorf("statement used in a transaction was not prepared at open: %.40s", query)
	}
	if !ok {
		text := query
		if s.pg && pgQueries[query] != "" {
			text = pgQueries[query]
		}
		st, err := s.db.PrepareContext(ctx, text)
		if err != nil {
			return nil, err
		}
		if v, ok = s.stmts.LoadOrStore(query, st); ok {
			st.Close()
		}
	}
	st := v.(*sql.Stmt)
	if tx != nil {
		return tx.StmtContext(ctx, st), nil
	}
	return st, nil
}

// exec runs a cached prepared statement outside a transaction.
func (s *Store) exec(ctx context.Context, query string, args ...any) error {
	st, err := s.stmt(ctx, nil, query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

// flag stores a boolean as SQLite does, 1 or 0, on both databases.
func flag(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}
