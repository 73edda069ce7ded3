package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Delivery is one message to post: a digest, a story update or a relayed
// item. Key is its idempotency key.
type Delivery struct {
	Key     string
	Channel string
	Thread  string
	// After is the key of the delivery that must be posted first (the
	// previous part of a message split at the platform's limits).
	After        string
	Text         string
	Subscription int64
	Status       string // pending, delivered, failed
	Ref          string // the platform's id of the posted message
	Error        string
	CreatedAt    time.Time
	DeliveredAt  time.Time
}

// DB returns the write connection pool (on PostgreSQL, the one pool), for
// the job queue (River) that shares the database and its transactions.
// On PostgreSQL its connections take the store's ? placeholders as well as
// $1..$n; a query with $n placeholders is passed on unchanged.
func (s *Store) DB() *sql.DB { return s.db }

// WithTx runs fn in one write transaction: a digest's deliveries, their
// jobs and the subscription's new cursor commit together or not at all.
func (s *Store) WithTx(ctx context.Context, fn func(*sql.Tx) error) error { return s.tx(ctx, fn) }

// ErrStale is returned when a subscription changed since it was read (it
// was advanced by another process, or edited).
var ErrStale = errors.New("subscription changed meanwhile")

// AdvanceTx moves a subscription past a digest in tx: its cursor to
// cursor, its last run to ran and its next run to next. It fails with
// ErrStale unless the subscription still has the next run the caller read
// (so two schedulers never deliver one digest twice).
func (s *Store) AdvanceTx(ctx context.Context, tx *sql.Tx, id int64, wasNext, ran, next, cursor time.Time) error {
	r, err := tx.ExecContext(ctx, `UPDATE subscriptions SET cursor = ?, last_run = ?, next_run = ? WHERE id = ? AND next_run = ? AND paused_at = 0`,
		ms(cursor), ms(ran), ms(next), id, ms(wasNext))
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return ErrStale
	}
	return nil
}

// AddDeliveryTx records a delivery in tx; one already recorded under its
// key is left as it is.
func (s *Store) AddDeliveryTx(ctx context.Context, tx *sql.Tx, d Delivery) error {
	q := `INSERT OR IGNORE INTO deliveries(key, channel, thread, after, text, subscription, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`
	if s.pg {
		q = `INSERT INTO deliveries(key, channel, thread, after, text, subscription, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING`
	}
	_, err := tx.ExecContext(ctx, q, d.Key, d.Channel, d.Thread, d.After, d.Text, d.Subscription, ms(s.now()))
	return err
}

// DeliveryByKey returns a delivery; ErrNotFound when there is none.
func (s *Store) DeliveryByKey(ctx context.Context, key string) (Delivery, error) {
	var d Delivery
	var created, delivered int64
	err := s.db.QueryRowContext(ctx, `SELECT key, channel, thread, after, text, subscription, status, ref, error, created_at, delivered_at FROM deliveries WHERE key = ?`, key).
		Scan(&d.Key, &d.Channel, &d.Thread, &d.After, &d.Text, &d.Subscription, &d.Status, &d.Ref, &d.Error, &created, &delivered)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("delivery %s: %w", key, ErrNotFound)
	}
	d.CreatedAt, d.DeliveredAt = fromMS(created), fromMS(delivered)
	return d, err
}

// MarkDelivered records that the platform accepted a delivery.
func (s *Store) MarkDelivered(ctx context.Context, key, ref string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE deliveries SET status = 'delivered', ref = ?, error = '', delivered_at = ? WHERE key = ?`, ref, ms(s.now()), key)
	return err
}

// MarkFailed records that a delivery will not be retried.
func (s *Store) MarkFailed(ctx context.Context, key, reason string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE deliveries SET status = 'failed', error = ? WHERE key = ?`, reason, key)
	return err
}

// EarliestQueued returns the first-seen time of the earliest item still
// waiting for the digest engine (ok false when none waits): a digest
// window must end before it.
func (s *Store) EarliestQueued(ctx context.Context) (time.Time, bool, error) {
	var v sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT min(i.first_seen) FROM index_queue q JOIN items i ON i.id = q.item_id`).Scan(&v); err != nil {
		return time.Time{}, false, err
	}
	return fromMS(v.Int64), v.Valid, nil
}

// PendingDeliveries counts the deliveries waiting to be posted and gives
// the creation time of the oldest (zero when none waits).
func (s *Store) PendingDeliveries(ctx context.Context) (int, time.Time, error) {
	var n int
	var oldest sql.NullInt64
	err := s.rdb.QueryRowContext(ctx, `SELECT count(*), min(created_at) FROM deliveries WHERE status = 'pending'`).Scan(&n, &oldest)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("count pending deliveries: %w", err)
	}
	return n, fromMS(oldest.Int64), nil
}

// AdvanceInstantTx moves an instant subscription past a post in tx: its
// cursor to cursor and its last run to ran. It fails with ErrStale unless
// the last run is still wasLast.
func (s *Store) AdvanceInstantTx(ctx context.Context, tx *sql.Tx, id int64, wasLast, ran, cursor time.Time) error {
	r, err := tx.ExecContext(ctx, `UPDATE subscriptions SET cursor = ?, last_run = ? WHERE id = ? AND last_run = ? AND paused_at = 0`,
		ms(cursor), ms(ran), id, ms(wasLast))
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return ErrStale
	}
	return nil
}

// Deliveries lists every delivery, oldest first.
func (s *Store) Deliveries(ctx context.Context) ([]Delivery, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key, channel, thread, after, text, subscription, status, ref, error, created_at, delivered_at FROM deliveries ORDER BY created_at, key`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		var d Delivery
		var created, delivered int64
		if err := rows.Scan(&d.Key, &d.Channel, &d.Thread, &d.After, &d.Text, &d.Subscription, &d.Status, &d.Ref, &d.Error, &created, &delivered); err != nil {
			return nil, err
		}
		d.CreatedAt, d.DeliveredAt = fromMS(created), fromMS(delivered)
		out = append(out, d)
	}
	return out, rows.Err()
}

// StoryPost records that a channel received a story in a delivery, with
// the sources it showed.
type StoryPost struct {
	Channel  string
	Story    string // the id it had when posted
	Delivery string // key of the message that carried it
	Headline string // as it was shown
	Sources  []string
}

// StoryPosts returns the channel's posts of these stories, by current
// story id (a post made under an id since retired by a merge counts for
// the story that absorbed it).
func (s *Store) StoryPosts(ctx context.Context, channel string, ids []string) (map[string]StoryPost, error) {
	out := map[string]StoryPost{}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := []any{channel}
		for _, id := range chunk {
			args = append(args, id)
		}
		rows, err := s.db.QueryContext(ctx, `SELECT coalesce(a.new_id, p.story_id), p.story_id, p.delivery, p.headline, p.sources
			FROM story_posts p LEFT JOIN story_aliases a ON a.old_id = p.story_id
			WHERE p.channel = ? AND coalesce(a.new_id, p.story_id) IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var cur, sources string
			p := StoryPost{Channel: channel}
			if err := rows.Scan(&cur, &p.Story, &p.Delivery, &p.Headline, &sources); err != nil {
				rows.Close()
				return nil, err
			}
			p.Sources = splitTags(sources)
			if old, ok := out[cur]; ok {
				p.Sources = append(p.Sources, old.Sources...)
				if old.Story == cur {
					p.Delivery, p.Story, p.Headline = old.Delivery, old.Story, old.Headline
				}
			}
			out[cur] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SetStoryPostTx records (or extends) a channel's post of a story in tx.
func (s *Store) SetStoryPostTx(ctx context.Context, tx *sql.Tx, p StoryPost) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO story_posts(channel, story_id, delivery, headline, sources) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(channel, story_id) DO UPDATE SET sources = excluded.sources`, p.Channel, p.Story, p.Delivery, p.Headline, joinTags(p.Sources))
	return err
}
