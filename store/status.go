package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
)

// LatestSchema is the schema version this build migrates to.
func LatestSchema() int { return len(migrations) }

// SchemaVersion returns the version of the open database's schema (the
// number of migrations applied).
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

// SchemaStatus reads the schema version of the database named by dsn
// without migrating it or changing anything else: current is 0 for a
// database never migrated (or a SQLite file not there yet).
func SchemaStatus(ctx context.Context, dsn string) (current, latest int, err error) {
	latest = LatestSchema()
	var db *sql.DB
	var exists string
	switch path, ok := strings.CutPrefix(dsn, "sqlite://"); {
	case isPostgres(dsn):
		if db, err = openPostgresDB(dsn); err != nil {
			return 0, latest, err
		}
		exists = `SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_version'`
	case ok && path != "" && path != ":memory:":
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return 0, latest, nil // created at the first migration
		}
		q := url.Values{}
		q.Add("_pragma", "busy_timeout(10000)")
		q.Set("mode", "ro")
		if db, err = sql.Open("sqlite", "file:"+path+"?"+q.Encode()); err != nil {
			return 0, latest, fmt.Errorf("database %s: %w", path, err)
		}
		exists = `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'`
	default:
		return 0, latest, fmt.Errorf("database: unsupported URL %q (want sqlite://PATH or postgres://...)", dsn)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, exists).Scan(&n); err != nil {
		return 0, latest, fmt.Errorf("schema version: %w", err)
	}
	if n == 0 {
		return 0, latest, nil
	}
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&current); err != nil {
		return 0, latest, fmt.Errorf("schema version: %w", err)
	}
	return current, latest, nil
}
