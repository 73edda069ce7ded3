package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Meta returns the value stored under key, "" when none is.
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetMeta stores value under key (chat adapters keep their sync tokens,
// devices and access tokens here).
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// PauseChannel pauses every subscription of channel (the bot was removed
// from it), with the reason shown by status and subscriptions. It
// returns how many it paused.
func (s *Store) PauseChannel(ctx context.Context, channel, reason string) (int, error) {
	r, err := s.db.ExecContext(ctx, `UPDATE subscriptions SET paused_at = ?, paused_reason = ? WHERE channel = ? AND paused_at = 0`, ms(s.now()), reason, channel)
	if err != nil {
		return 0, err
	}
	n, _ := r.RowsAffected()
	return int(n), nil
}

// MoveChannel moves a channel's subscriptions, filters and watchlists to
// another channel (a Matrix room upgraded to a new room). What the new
// channel already has of its own wins. Paused subscriptions resume.
// Threads of stories posted in the old channel stay behind: updates to
// them start new messages in the new one. It returns how many
// subscriptions moved.
func (s *Store) MoveChannel(ctx context.Context, from, to string) (int, error) {
	if from == to {
		return 0, nil
	}
	var moved int
	queries := []string{
		`UPDATE OR IGNORE subscriptions SET channel = ?, paused_at = 0, paused_reason = '' WHERE channel = ?`,
		`DELETE FROM subscriptions WHERE channel = ?`,
		`UPDATE OR IGNORE filters SET channel = ? WHERE channel = ?`,
		`DELETE FROM filters WHERE channel = ?`,
		`UPDATE OR IGNORE watchlists SET channel = ? WHERE channel = ?`,
		`DELETE FROM watchlists WHERE channel = ?`,
	}
	if s.pg {
		// No UPDATE OR IGNORE: a row that the new channel already has
		// (by the table's unique key) is left to the DELETE.
		queries = []string{
			`UPDATE subscriptions SET channel = ?1, paused_at = 0, paused_reason = '' WHERE channel = ?2 AND NOT EXISTS
				(SELECT 1 FROM subscriptions o WHERE o.channel = ?1 AND o.target = subscriptions.target AND o.channel <> subscriptions.channel)`,
			`DELETE FROM subscriptions WHERE channel = ?`,
			`UPDATE filters SET channel = ?1 WHERE channel = ?2 AND NOT EXISTS
				(SELECT 1 FROM filters o WHERE o.channel = ?1 AND o.topic = filters.topic AND o.mode = filters.mode AND o.term = filters.term AND o.channel <> filters.channel)`,
			`DELETE FROM filters WHERE channel = ?`,
			`UPDATE watchlists SET channel = ?1 WHERE channel = ?2 AND NOT EXISTS
				(SELECT 1 FROM watchlists o WHERE o.channel = ?1 AND o.name = watchlists.name AND o.channel <> watchlists.channel)`,
			`DELETE FROM watchlists WHERE channel = ?`,
		}
	}
	err := s.WithTx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, queries[0], to, from)
		if err != nil {
			return err
		}
		n, _ := r.RowsAffected()
		moved = int(n)
		for _, q := range queries[1:] {
			args := []any{from}
			if q[0] == 'U' {
				args = []any{to, from}
			}
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
		return nil
	})
	return moved, err
}

// FirstTime records key and tells whether it is new: false when it was
// recorded before (a redelivered event, a replayed request).
func (s *Store) FirstTime(ctx context.Context, key string) (bool, error) {
	r, err := s.db.ExecContext(ctx, `INSERT INTO seen_keys(key, at) VALUES (?, ?) ON CONFLICT(key) DO NOTHING`, key, ms(s.now()))
	if err != nil {
		return false, err
	}
	n, _ := r.RowsAffected()
	return n == 1, nil
}

// PruneSeen forgets keys recorded before t.
func (s *Store) PruneSeen(ctx context.Context, before time.Time) (int, error) {
	r, err := s.db.ExecContext(ctx, `DELETE FROM seen_keys WHERE at < ?`, ms(before))
	if err != nil {
		return 0, err
	}
	n, _ := r.RowsAffected()
	return int(n), nil
}
