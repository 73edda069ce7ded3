package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Channels' state: subscriptions, filters and watchlists. Channel names
// carry their platform: console:desk, slack:C0123ABCD, matrix:!room:server.

// Subscription is a channel's subscription to a topic, a watchlist
// (watch:NAME) or a source (source:NAME).
type Subscription struct {
	ID       int64
	Channel  string
	Target   string // topic name, "source:NAME" or "watch:NAME"
	Schedule string // canonical schedule words, e.g. "daily 08:00 Europe/Brussels"
	Origin   string // OriginConfig or "chat"
	// Cursor is the first-seen time from which the next digest reads:
	// each digest covers [Cursor, its cut-off) and moves Cursor to the
	// cut-off, so nothing falls between two digests or appears twice.
	Cursor       time.Time
	LastRun      time.Time // the scheduled time of the last digest
	NextRun      time.Time
	PausedAt     time.Time
	PausedReason string
	CreatedBy    string
	CreatedAt    time.Time
}

// Paused reports whether deliveries are paused (after a permanent error).
func (s Subscription) Paused() bool { return !s.PausedAt.IsZero() }

// OriginChat marks a subscription made with a chat command.
const OriginChat = "chat"

const subCols = `id, channel, target, schedule, origin, cursor, last_run, next_run, paused_at, paused_reason, created_by, created_at`

func scanSub(row interface{ Scan(...any) error }) (Subscription, error) {
	var s Subscription
	var cursor, last, next, paused, created int64
	err := row.Scan(&s.ID, &s.Channel, &s.Target, &s.Schedule, &s.Origin, &cursor, &last, &next, &paused, &s.PausedReason, &s.CreatedBy, &created)
	s.Cursor, s.LastRun, s.NextRun, s.PausedAt, s.CreatedAt = fromMS(cursor), fromMS(last), fromMS(next), fromMS(paused), fromMS(created)
	return s, err
}

// Subscribe creates or replaces a channel's subscription to a target
// (a new schedule for an existing one keeps its cursor). It returns the
// stored subscription and whether it was new.
func (s *Store) Subscribe(ctx context.Context, sub Subscription) (Subscription, bool, error) {
	var created bool
	var out Subscription
	err := s.tx(ctx, func(tx *sql.Tx) error {
		old, err := scanSub(tx.QueryRowContext(ctx, `SELECT `+subCols+` FROM subscriptions WHERE channel = ? AND target = ?`, sub.Channel, sub.Target))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			created = true
			now := s.now()
			if sub.Cursor.IsZero() {
				sub.Cursor = now
			}
			if sub.Origin == "" {
				sub.Origin = OriginChat
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO subscriptions(channel, target, schedule, origin, cursor, next_run, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, sub.Channel, sub.Target, sub.Schedule, sub.Origin, ms(sub.Cursor), ms(sub.NextRun), sub.CreatedBy, ms(now))
		case err != nil:
			return err
		default:
			// A resubscribe resumes a paused one. The next run moves only
			// with a new schedule: a restart re-reading the config must not
			// skip a digest that fell due while briefbot was down.
			next := old.NextRun
			if old.Schedule != sub.Schedule || old.Paused() {
				next = sub.NextRun
			}
			_, err = tx.ExecContext(ctx, `UPDATE subscriptions SET schedule = ?, next_run = ?, paused_at = 0, paused_reason = '',
				origin = CASE WHEN ? = 'config' THEN 'config' ELSE origin END WHERE id = ?`, sub.Schedule, ms(next), sub.Origin, old.ID)
		}
		if err != nil {
			return err
		}
		out, err = scanSub(tx.QueryRowContext(ctx, `SELECT `+subCols+` FROM subscriptions WHERE channel = ? AND target = ?`, sub.Channel, sub.Target))
		return err
	})
	if err != nil {
		return out, false, fmt.Errorf("subscribe %s to %s: %w", sub.Channel, sub.Target, err)
	}
	return out, created, nil
}

// Unsubscribe removes a channel's subscription to target ("" removes
// all of the channel's) and returns how many it removed.
func (s *Store) Unsubscribe(ctx context.Context, channel, target string) (int, error) {
	q, args := `DELETE FROM subscriptions WHERE channel = ? AND target = ?`, []any{channel, target}
	if target == "" {
		q, args = `DELETE FROM subscriptions WHERE channel = ?`, []any{channel}
	}
	r, err := s.db.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("unsubscribe: %w", err)
	}
	n, _ := r.RowsAffected()
	return int(n), nil
}

// SubscriptionQuery selects subscriptions; zero fields do not filter.
type SubscriptionQuery struct {
	Channel string
	Target  string
	// DueBy selects active subscriptions whose next run is at or before it.
	DueBy time.Time
	// Instant selects active instant subscriptions.
	Instant bool
}

// Subscriptions lists subscriptions by channel, then target.
func (s *Store) Subscriptions(ctx context.Context, q SubscriptionQuery) ([]Subscription, error) {
	var where []string
	var args []any
	if q.Channel != "" {
		where, args = append(where, `channel = ?`), append(args, q.Channel)
	}
	if q.Target != "" {
		where, args = append(where, `target = ?`), append(args, q.Target)
	}
	if !q.DueBy.IsZero() {
		where, args = append(where, `paused_at = 0 AND next_run > 0 AND next_run <= ?`), append(args, ms(q.DueBy))
	}
	if q.Instant {
		where = append(where, `paused_at = 0 AND schedule = 'instant'`)
	}
	query := `SELECT ` + subCols + ` FROM subscriptions`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	rows, err := s.db.QueryContext(ctx, query+` ORDER BY channel, target`, args...)
	if err != nil {
		return nil, fmt.Errorf("subscriptions: %w", err)
	}
	defer rows.Close()
	var out []Subscription
	for rows.Next() {
		sub, err := scanSub(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sub)
	}
	return out, rows.Err()
}

// PauseSubscription stops deliveries of a subscription, with the reason
// (a channel gone, the bot removed) shown to users and admins.
func (s *Store) PauseSubscription(ctx context.Context, id int64, reason string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE subscriptions SET paused_at = ?, paused_reason = ? WHERE id = ? AND paused_at = 0`, ms(s.now()), reason, id)
	return err
}

// ResumeSubscription resumes a paused subscription with its next run.
// ErrNotFound when the channel has no such subscription.
func (s *Store) ResumeSubscription(ctx context.Context, channel, target string, next time.Time) (Subscription, error) {
	r, err := s.db.ExecContext(ctx, `UPDATE subscriptions SET paused_at = 0, paused_reason = '', next_run = ? WHERE channel = ? AND target = ?`, ms(next), channel, target)
	if err != nil {
		return Subscription{}, err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return Subscription{}, fmt.Errorf("subscription of %s to %s: %w", channel, target, ErrNotFound)
	}
	return scanSub(s.db.QueryRowContext(ctx, `SELECT `+subCols+` FROM subscriptions WHERE channel = ? AND target = ?`, channel, target))
}

// SetNextRun records a subscription's next scheduled run.
func (s *Store) SetNextRun(ctx context.Context, id int64, next time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE subscriptions SET next_run = ? WHERE id = ?`, ms(next), id)
	return err
}

// SyncConfigSubscriptions makes the config's subscriptions present
// (adding or rescheduling them) and removes config subscriptions no
// longer in the config; chat subscriptions are left alone.
func (s *Store) SyncConfigSubscriptions(ctx context.Context, subs []Subscription) error {
	keep := map[[2]string]bool{}
	for _, sub := range subs {
		sub.Origin = OriginConfig
		if _, _, err := s.Subscribe(ctx, sub); err != nil {
			return err
		}
		keep[[2]string{sub.Channel, sub.Target}] = true
	}
	all, err := s.Subscriptions(ctx, SubscriptionQuery{})
	if err != nil {
		return err
	}
	for _, sub := range all {
		if sub.Origin == OriginConfig && !keep[[2]string{sub.Channel, sub.Target}] {
			if _, err := s.Unsubscribe(ctx, sub.Channel, sub.Target); err != nil {
				return err
			}
		}
	}
	return nil
}

// Filter is one include or exclude term of a channel's topic filter.
type Filter struct {
	Channel string
	Topic   string
	Mode    string // "include" or "exclude"
	Term    string // a word or phrase, or /regex/
}

// AddFilters adds terms to a channel's filter on a topic (a term already
// there is kept once).
func (s *Store) AddFilters(ctx context.Context, fs []Filter) error {
	// OR IGNORE also drops a term whose mode breaks the CHECK; PostgreSQL
	// skips it with WHERE.
	q := `INSERT OR IGNORE INTO filters(channel, topic, mode, term, created_at) VALUES (?, ?, ?, ?, ?)`
	if s.pg {
		q = `INSERT INTO filters(channel, topic, mode, term, created_at) SELECT ?1, ?2, ?3, ?4, ?5
			WHERE ?3 IN ('include', 'exclude') ON CONFLICT DO NOTHING`
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, f := range fs {
			if _, err := tx.ExecContext(ctx, q, f.Channel, f.Topic, f.Mode, f.Term, ms(s.now())); err != nil {
				return err
			}
		}
		return nil
	})
}

// ClearFilters removes a channel's filter on a topic and returns how many
// terms it held.
func (s *Store) ClearFilters(ctx context.Context, channel, topic string) (int, error) {
	r, err := s.db.ExecContext(ctx, `DELETE FROM filters WHERE channel = ? AND topic = ?`, channel, topic)
	if err != nil {
		return 0, err
	}
	n, _ := r.RowsAffected()
	return int(n), nil
}

// Filters lists a channel's filter terms ("" topic: every topic), in the
// order they were added.
func (s *Store) Filters(ctx context.Context, channel, topic string) ([]Filter, error) {
	q, args := `SELECT channel, topic, mode, term FROM filters WHERE channel = ?`, []any{channel}
	if topic != "" {
		q, args = q+` AND topic = ?`, append(args, topic)
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY rowid`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Filter
	for rows.Next() {
		var f Filter
		if err := rows.Scan(&f.Channel, &f.Topic, &f.Mode, &f.Term); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Watch is a channel's own topic: a watchlist of words.
type Watch struct {
	Channel string
	Name    string
	Words   []string
}

// SetWatch creates or replaces a channel's watchlist.
func (s *Store) SetWatch(ctx context.Context, w Watch) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO watchlists(channel, name, words, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(channel, name) DO UPDATE SET words = excluded.words`, w.Channel, w.Name, strings.Join(w.Words, "\n"), ms(s.now()))
	return err
}

// RemoveWatch deletes a watchlist and the subscriptions and filters that
// use it; ErrNotFound when the channel has none of that name.
func (s *Store) RemoveWatch(ctx context.Context, channel, name string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `DELETE FROM watchlists WHERE channel = ? AND name = ?`, channel, name)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return fmt.Errorf("watchlist %q: %w", name, ErrNotFound)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM subscriptions WHERE channel = ? AND target = ?`, channel, "watch:"+name); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM filters WHERE channel = ? AND topic = ?`, channel, name)
		return err
	})
}

// Watches lists a channel's watchlists by name.
func (s *Store) Watches(ctx context.Context, channel string) ([]Watch, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT channel, name, words FROM watchlists WHERE channel = ? ORDER BY name`, channel)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Watch
	for rows.Next() {
		var w Watch
		var words string
		if err := rows.Scan(&w.Channel, &w.Name, &words); err != nil {
			return nil, err
		}
		w.Words = strings.Split(words, "\n")
		out = append(out, w)
	}
	return out, rows.Err()
}
