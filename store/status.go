package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
)

// LatestSchema is the schema version this build migrates to.
func LatestSchema() int { return len(migrations) }

// SchemaStatus reads the schema version of the database named by dsn
// without migrating it: current is 0 for a database never migrated.
func SchemaStatus(ctx context.Context, dsn string) (current, latest int, err error) {
	latest = LatestSchema()
	path, ok := strings.CutPrefix(dsn, "sqlite://")
	if !ok {
		s, err := Open(ctx, dsn, Options{})
		if err != nil {
			return 0, latest, err
		}
		defer s.Close()
		err = s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&current)
		return current, latest, err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return 0, latest, nil // created at the first migration
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return 0, latest, err
	}
	defer db.Close()
	err = db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&current)
	if err != nil && (errors.Is(err, sql.ErrNoRows) || strings.Contains(err.Error(), "no such table")) {
		return 0, latest, nil
	}
	if err != nil {
		return 0, latest, fmt.Errorf("database %s: %w", path, err)
	}
	return current, latest, nil
}
