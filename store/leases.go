package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// AcquireLease takes or renews the lease name for holder until ttl from
// now, and tells whether holder has it: a lease held by another holder
// is taken only once it has expired. Replicas use leases for work one of
// them must do at a time (the leader's periodic work, a chat
// connection); a holder that dies loses its lease after ttl.
func (s *Store) AcquireLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	now := s.now()
	r, err := s.db.ExecContext(ctx, `INSERT INTO leases(name, holder, until_ms) VALUES (?, ?, ?)
		ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms
		WHERE leases.holder = excluded.holder OR leases.until_ms < ?`, name, holder, ms(now.Add(ttl)), ms(now))
	if err != nil {
		return false, err
	}
	n, err := r.RowsAffected()
	return n == 1, err
}

// ReleaseLease gives up holder's lease name (at a clean stop), so
// another replica takes it at once.
func (s *Store) ReleaseLease(ctx context.Context, name, holder string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM leases WHERE name = ? AND holder = ?`, name, holder)
	return err
}

// Lease tells who holds name and until when ("" when nobody does).
func (s *Store) Lease(ctx context.Context, name string) (holder string, until time.Time, err error) {
	var u int64
	err = s.db.QueryRowContext(ctx, `SELECT holder, until_ms FROM leases WHERE name = ?`, name).Scan(&holder, &u)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, nil
	}
	if err != nil {
		return "", time.Time{}, err
	}
	until = time.UnixMilli(u)
	if !until.After(s.now()) {
		return "", time.Time{}, nil
	}
	return holder, until, nil
}
