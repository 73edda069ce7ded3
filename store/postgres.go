package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
)

// The PostgreSQL backend runs the same code as SQLite through pgx's
// database/sql driver. Queries are written once, with SQLite's ?
// placeholders, which the connections rebind to $1..$n; where the two
// dialects differ, the PostgreSQL text sits next to the SQLite one and
// s.pg picks it.

// pgWriteLock is the advisory lock (the ASCII of "briefbot") that every
// store transaction takes first on PostgreSQL, and migrations too: the
// store's read-then-write transactions were written for SQLite, where
// writers take turns, and replicas sharing a database take turns the same
// way. Reads outside transactions run in parallel.
const pgWriteLock = 0x6272696566626f74

// pgMaxConns bounds the pool that serves both reads and writes.
const pgMaxConns = 16

// isPostgres tells whether dsn names a PostgreSQL database.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openPostgresDB returns a pool on the database named by dsn whose
// connections take ? placeholders. It does not connect yet.
func openPostgresDB(dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		// pgx leaves the password out of its message.
		return nil, fmt.Errorf("database: %w", err)
	}
	db := sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg)})
	db.SetMaxOpenConns(pgMaxConns)
	db.SetMaxIdleConns(pgMaxConns)
	return db, nil
}

func openPostgres(ctx context.Context, dsn string, opts Options) (*Store, error) {
	db, err := openPostgresDB(dsn)
	if err != nil {
		return nil, err
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	// One pool for everything: no single writer to keep reads away from,
	// and no write-ahead log of ours to checkpoint.
	s := &Store{db: db, rdb: db, now: opts.Now, pg: true, dsn: dsn}
	if err := s.migratePostgres(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// PgxPool opens a pgx pool of at most maxConns connections on the store's
// PostgreSQL database, for what database/sql cannot do (River's LISTEN
// connections). The caller closes it. On SQLite it returns an error.
func (s *Store) PgxPool(ctx context.Context, maxConns int32) (*pgxpool.Pool, error) {
	if !s.pg {
		return nil, errors.New("database: a pgx pool needs PostgreSQL")
	}
	cfg, err := pgxpool.ParseConfig(s.dsn)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	cfg.MaxConns, cfg.MinConns = maxConns, 0
	return pgxpool.NewWithConfig(ctx, cfg)
}

func (s *Store) migratePostgres(ctx context.Context) error {
	// Under the write lock, so that replicas starting at once migrate one
	// after the other: the later ones find the schema up to date. DDL is
	// transactional, so a failed migration leaves nothing behind.
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)`); err != nil {
			return err
		}
		var v int
		err := tx.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			_, err = tx.ExecContext(ctx, `INSERT INTO schema_version(version) VALUES (0)`)
		}
		if err != nil {
			return err
		}
		if v > len(pgMigrations) {
			return fmt.Errorf("database schema version %d is newer than this briefbot (%d): upgrade briefbot", v, len(pgMigrations))
		}
		for i := v; i < len(pgMigrations); i++ {
			if _, err := tx.ExecContext(ctx, pgMigrations[i]); err != nil {
				return fmt.Errorf("migrate to version %d: %w", i+1, err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE schema_version SET version = ?`, i+1); err != nil {
				return fmt.Errorf("migrate to version %d: %w", i+1, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// pgConnector makes pgx connections that rebind placeholders.
type pgConnector struct{ driver.Connector }

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{conn.(*stdlib.Conn)}, nil
}

// Driver returns pgx's driver (what db.Driver() reports, so that code
// telling databases apart by their driver sees pgx).
func (c pgConnector) Driver() driver.Driver { return c.Connector.Driver() }

// pgConn is a pgx connection whose statements may use ? placeholders;
// the rest of database/sql's optional interfaces (transactions, session
// reset, argument checks) are pgx's own.
type pgConn struct{ *stdlib.Conn }

var (
	_ driver.ConnPrepareContext = (*pgConn)(nil)
	_ driver.ExecerContext      = (*pgConn)(nil)
	_ driver.QueryerContext     = (*pgConn)(nil)
	_ driver.ConnBeginTx        = (*pgConn)(nil)
	_ driver.NamedValueChecker  = (*pgConn)(nil)
	_ driver.SessionResetter    = (*pgConn)(nil)
	_ driver.Pinger             = (*pgConn)(nil)
)

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.Conn.Prepare(rebind(query))
}

func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, rebind(query))
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.ExecContext(ctx, rebind(query), args)
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.QueryContext(ctx, rebind(query), args)
}

// rebind turns SQLite's placeholders into PostgreSQL's: ?NNN becomes $NNN
// and a bare ? the next number after the highest so far, as SQLite numbers
// them. Question marks in string literals, quoted identifiers and comments
// stay. A query that has a $N placeholder anywhere is PostgreSQL's already
// (River's, the Matrix key store's, whose ? are JSON operators) and is
// left alone, as is one without a question mark.
func rebind(query string) string {
	if strings.IndexByte(query, '?') < 0 || hasDollarParam(query) {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			j := endOfQuoted(query, i)
			b.WriteString(query[i:j])
			i = j
		case c == '-' && strings.HasPrefix(query[i:], "--"):
			j := strings.IndexByte(query[i:], '\n')
			if j < 0 {
				j = len(query) - i
			}
			b.WriteString(query[i : i+j])
			i += j
		case c == '/' && strings.HasPrefix(query[i:], "/*"):
			j := endOfComment(query, i)
			b.WriteString(query[i:j])
			i = j
		case c == '$' && (i == 0 || !isIdentByte(query[i-1])):
			j := endOfDollarQuoted(query, i)
			b.WriteString(query[i:j])
			i = j
		case c == '?':
			j := i + 1
			for j < len(query) && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			num := n + 1
			if j > i+1 {
				num, _ = strconv.Atoi(query[i+1 : j])
			}
			n = max(n, num)
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(num))
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// hasDollarParam tells whether query has a $N placeholder (or something
// that looks like one inside a literal: such a query is left alone too).
func hasDollarParam(query string) bool {
	for i := strings.IndexByte(query, '$'); i >= 0; {
		if i+1 < len(query) && query[i+1] >= '0' && query[i+1] <= '9' && (i == 0 || !isIdentByte(query[i-1])) {
			return true
		}
		j := strings.IndexByte(query[i+1:], '$')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// endOfQuoted returns the index after the string literal or quoted
// identifier starting at query[i]: a doubled quote stays inside, and so
// does a backslashed one in an E'...' string.
func endOfQuoted(query string, i int) int {
	q := query[i]
	escapes := q == '\'' && i > 0 && (query[i-1] == 'E' || query[i-1] == 'e') && (i == 1 || !isIdentByte(query[i-2]))
	for j := i + 1; j < len(query); j++ {
		switch {
		case escapes && query[j] == '\\':
			j++
		case query[j] == q && j+1 < len(query) && query[j+1] == q:
			j++
		case query[j] == q:
			return j + 1
		}
	}
	return len(query)
}

// endOfComment returns the index after the block comment starting at
// query[i] (PostgreSQL's nest).
func endOfComment(query string, i int) int {
	depth := 0
	for j := i; j+1 < len(query); j++ {
		switch query[j : j+2] {
		case "/*":
			depth++
			j++
		case "*/":
			depth--
			j++
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(query)
}

// endOfDollarQuoted returns the index after the dollar-quoted string
// ($$...$$ or $tag$...$tag$) starting at query[i], or i+1 when the $
// starts none.
func endOfDollarQuoted(query string, i int) int {
	j := i + 1
	for j < len(query) && (query[j] == '_' || query[j] >= 'a' && query[j] <= 'z' || query[j] >= 'A' && query[j] <= 'Z' || j > i+1 && query[j] >= '0' && query[j] <= '9' || query[j] >= 0x80) {
		j++
	}
	if j >= len(query) || query[j] != '$' {
		return i + 1
	}
	tag := query[i : j+1]
	if k := strings.Index(query[j+1:], tag); k >= 0 {
		return j + 1 + k + len(tag)
	}
	return len(query)
}

// pgMigrations mirror migrations, version for version: the same tables,
// columns and meaning in PostgreSQL's types. INTEGER is 64 bits in SQLite,
// so it is BIGINT here (flags included: they stay 0 and 1, so that an
// export moves between the two unchanged). Text compares and sorts by
// bytes as in SQLite (COLLATE "C"), whatever the database's locale.
// Tables that SQLite lists in rowid order get a rowid column to sort by.
var pgMigrations = []string{
	// 1: sources, items, history, pruned keys, full-text index.
	`CREATE TABLE sources (
		id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
		name          TEXT COLLATE "C" NOT NULL UNIQUE,
		url           TEXT COLLATE "C" NOT NULL,
		schedule      TEXT COLLATE "C" NOT NULL DEFAULT '',
		tags          TEXT COLLATE "C" NOT NULL DEFAULT '',
		origin        TEXT COLLATE "C" NOT NULL,
		position      BIGINT NOT NULL DEFAULT 0,
		etag          TEXT COLLATE "C" NOT NULL DEFAULT '',
		last_modified TEXT COLLATE "C" NOT NULL DEFAULT '',
		not_before    BIGINT NOT NULL DEFAULT 0,
		next_poll     BIGINT NOT NULL DEFAULT 0,
		last_poll     BIGINT NOT NULL DEFAULT 0,
		last_status   BIGINT NOT NULL DEFAULT 0,
		last_success  BIGINT NOT NULL DEFAULT 0,
		last_error    TEXT COLLATE "C" NOT NULL DEFAULT '',
		last_error_at BIGINT NOT NULL DEFAULT 0,
		failures      BIGINT NOT NULL DEFAULT 0,
		failing_since BIGINT NOT NULL DEFAULT 0,
		created_at    BIGINT NOT NULL
	);
	CREATE TABLE items (
		id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
		uid           TEXT COLLATE "C" NOT NULL UNIQUE,
		canonical_url TEXT COLLATE "C" NOT NULL DEFAULT '',
		title         TEXT COLLATE "C" NOT NULL,
		body          TEXT COLLATE "C" NOT NULL,
		summary       TEXT COLLATE "C" NOT NULL,
		lang          TEXT COLLATE "C" NOT NULL,
		published     BIGINT NOT NULL,
		dated         BIGINT NOT NULL,
		first_seen    BIGINT NOT NULL,
		updated_at    BIGINT NOT NULL,
		hash          TEXT COLLATE "C" NOT NULL
	);
	CREATE INDEX items_published ON items(published);
	CREATE INDEX items_first_seen ON items(first_seen);
	CREATE TABLE item_sources (
		source_id  BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
		item_key   TEXT COLLATE "C" NOT NULL,
		item_id    BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
		link       TEXT COLLATE "C" NOT NULL,
		title      TEXT COLLATE "C" NOT NULL,
		published  BIGINT NOT NULL,
		first_seen BIGINT NOT NULL,
		hash       TEXT COLLATE "C" NOT NULL,
		PRIMARY KEY (source_id, item_key)
	);
	CREATE INDEX item_sources_item ON item_sources(item_id);
	CREATE TABLE item_history (
		rowid       BIGINT GENERATED BY DEFAULT AS IDENTITY,
		item_id     BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
		title       TEXT COLLATE "C" NOT NULL,
		body        TEXT COLLATE "C" NOT NULL,
		replaced_at BIGINT NOT NULL
	);
	CREATE INDEX item_history_item ON item_history(item_id);
	CREATE TABLE pruned (
		source_id BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
		item_key  TEXT COLLATE "C" NOT NULL,
		pruned_at BIGINT NOT NULL,
		PRIMARY KEY (source_id, item_key)
	);
	-- The full-text index: each item's distinct FTS5 tokens (see
	-- search.go), made in Go, in parts that fit a tsvector.
	CREATE TABLE item_search (
		item_id BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
		part    BIGINT NOT NULL,
		terms   TSVECTOR NOT NULL,
		PRIMARY KEY (item_id, part)
	);
	CREATE INDEX item_search_terms ON item_search USING gin (terms);`,
	// 2: stories.
	`CREATE TABLE meta (
		key   TEXT COLLATE "C" PRIMARY KEY,
		value TEXT COLLATE "C" NOT NULL
	);
	CREATE TABLE index_queue (
		item_id BIGINT PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE
	);
	INSERT INTO index_queue(item_id) SELECT id FROM items;
	CREATE TABLE stories (
		id         TEXT COLLATE "C" PRIMARY KEY,
		first_pub  BIGINT NOT NULL,
		first_item TEXT COLLATE "C" NOT NULL,
		topics     TEXT COLLATE "C" NOT NULL,
		created_at BIGINT NOT NULL,
		updated_at BIGINT NOT NULL
	);
	CREATE INDEX stories_updated ON stories(updated_at);
	CREATE TABLE item_analysis (
		item_id    BIGINT PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
		uid        TEXT COLLATE "C" NOT NULL,
		url        TEXT COLLATE "C" NOT NULL,
		title      TEXT COLLATE "C" NOT NULL,
		published  BIGINT NOT NULL,
		first_seen BIGINT NOT NULL,
		lang       TEXT COLLATE "C" NOT NULL,
		topics     TEXT COLLATE "C" NOT NULL,
		analysis   BYTEA NOT NULL,
		terms      TEXT COLLATE "C" NOT NULL,
		lead       TEXT COLLATE "C" NOT NULL,
		story_id   TEXT COLLATE "C" REFERENCES stories(id) ON DELETE SET NULL
	);
	CREATE INDEX item_analysis_story ON item_analysis(story_id);
	CREATE INDEX item_analysis_published ON item_analysis(published) WHERE story_id IS NOT NULL;
	CREATE INDEX item_analysis_first_seen ON item_analysis(first_seen) WHERE story_id IS NOT NULL;
	CREATE TABLE item_keys (
		key     BIGINT NOT NULL,
		item_id BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
		PRIMARY KEY (key, item_id)
	);
	CREATE INDEX item_keys_item ON item_keys(item_id);
	CREATE TABLE story_aliases (
		old_id TEXT COLLATE "C" PRIMARY KEY,
		new_id TEXT COLLATE "C" NOT NULL
	);
	CREATE INDEX story_aliases_new ON story_aliases(new_id);`,
	// 3: channels' subscriptions, filters and watchlists.
	`CREATE TABLE subscriptions (
		id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
		channel       TEXT COLLATE "C" NOT NULL,
		target        TEXT COLLATE "C" NOT NULL,
		schedule      TEXT COLLATE "C" NOT NULL,
		origin        TEXT COLLATE "C" NOT NULL,
		cursor        BIGINT NOT NULL,
		last_run      BIGINT NOT NULL DEFAULT 0,
		next_run      BIGINT NOT NULL DEFAULT 0,
		paused_at     BIGINT NOT NULL DEFAULT 0,
		paused_reason TEXT COLLATE "C" NOT NULL DEFAULT '',
		created_by    TEXT COLLATE "C" NOT NULL DEFAULT '',
		created_at    BIGINT NOT NULL,
		UNIQUE (channel, target)
	);
	CREATE INDEX subscriptions_next ON subscriptions(next_run) WHERE paused_at = 0;
	CREATE TABLE filters (
		rowid      BIGINT GENERATED BY DEFAULT AS IDENTITY,
		channel    TEXT COLLATE "C" NOT NULL,
		topic      TEXT COLLATE "C" NOT NULL,
		mode       TEXT COLLATE "C" NOT NULL CHECK (mode IN ('include', 'exclude')),
		term       TEXT COLLATE "C" NOT NULL,
		created_at BIGINT NOT NULL,
		PRIMARY KEY (channel, topic, mode, term)
	);
	CREATE TABLE watchlists (
		channel    TEXT COLLATE "C" NOT NULL,
		name       TEXT COLLATE "C" NOT NULL,
		words      TEXT COLLATE "C" NOT NULL,
		created_at BIGINT NOT NULL,
		PRIMARY KEY (channel, name)
	);`,
	// 4: deliveries.
	`CREATE TABLE deliveries (
		key          TEXT COLLATE "C" PRIMARY KEY,
		channel      TEXT COLLATE "C" NOT NULL,
		thread       TEXT COLLATE "C" NOT NULL DEFAULT '',
		after        TEXT COLLATE "C" NOT NULL DEFAULT '',
		text         TEXT COLLATE "C" NOT NULL,
		subscription BIGINT NOT NULL DEFAULT 0,
		status       TEXT COLLATE "C" NOT NULL DEFAULT 'pending',
		ref          TEXT COLLATE "C" NOT NULL DEFAULT '',
		error        TEXT COLLATE "C" NOT NULL DEFAULT '',
		created_at   BIGINT NOT NULL,
		delivered_at BIGINT NOT NULL DEFAULT 0
	);
	CREATE INDEX deliveries_channel ON deliveries(channel, created_at);`,
	// 5: stories posted to channels.
	`CREATE TABLE story_posts (
		channel  TEXT COLLATE "C" NOT NULL,
		story_id TEXT COLLATE "C" NOT NULL,
		delivery TEXT COLLATE "C" NOT NULL,
		headline TEXT COLLATE "C" NOT NULL,
		sources  TEXT COLLATE "C" NOT NULL,
		PRIMARY KEY (channel, story_id)
	);`,
	// 6: keys seen once.
	`CREATE TABLE seen_keys (
		key TEXT COLLATE "C" PRIMARY KEY,
		at  BIGINT NOT NULL
	);
	CREATE INDEX seen_keys_at ON seen_keys(at);`,
	// 7: leases.
	`CREATE TABLE leases (
		name     TEXT COLLATE "C" PRIMARY KEY,
		holder   TEXT COLLATE "C" NOT NULL,
		until_ms BIGINT NOT NULL
	);`,
}

// pgRowidTables are the tables with a rowid column of PostgreSQL's own
// (SQLite's is hidden): an export leaves it out, as SQLite's does, and
// lists the rows in its order.
var pgRowidTables = map[string]bool{"item_history": true, "filters": true}
