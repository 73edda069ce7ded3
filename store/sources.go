package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/briefbot/briefbot/feeds"
	"strings"
	"time"
)

// Source origins: declared in the config file, or added at run time.
const (
	OriginConfig = "config"
	OriginAdded  = "added"
)

// Source is a feed with its fetch health.
type Source = feeds.Source

// SourceSpec is what the config file (or a user) says about a source.
type SourceSpec struct {
	Name, URL, Schedule string
	Tags                []string
}

const sourceCols = `id, name, url, schedule, tags, origin, position, etag, last_modified, not_before,
	next_poll, last_poll, last_status, last_success, last_error, last_error_at, failures, failing_since, created_at`

func scanSource(row interface{ Scan(...any) error }) (Source, error) {
	var s Source
	var tags string
	var notBefore, nextPoll, lastPoll, lastSuccess, lastErrAt, failingSince, created int64
	err := row.Scan(&s.ID, &s.Name, &s.URL, &s.Schedule, &tags, &s.Origin, &s.Position, &s.ETag, &s.LastModified,
		&notBefore, &nextPoll, &lastPoll, &s.LastStatus, &lastSuccess, &s.LastError, &lastErrAt, &s.Failures, &failingSince, &created)
	if err != nil {
		return s, err
	}
	s.Tags = splitTags(tags)
	s.NotBefore, s.NextPoll, s.LastPoll = fromMS(notBefore), fromMS(nextPoll), fromMS(lastPoll)
	s.LastSuccess, s.LastErrorAt, s.FailingSince, s.CreatedAt = fromMS(lastSuccess), fromMS(lastErrAt), fromMS(failingSince), fromMS(created)
	return s, nil
}

func joinTags(tags []string) string { return strings.Join(tags, "\n") }

func splitTags(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// SyncConfigSources makes the config file's sources present in the
// database, in config order, keeping their fetch state across restarts.
// A source that was in the config and is no longer there is removed with
// its items; sources added at run time are left alone.
func (s *Store) SyncConfigSources(ctx context.Context, specs []SourceSpec) error {
	now := ms(s.now())
	return s.tx(ctx, func(tx *sql.Tx) error {
		keep := map[string]bool{}
		for i, sp := range specs {
			keep[sp.Name] = true
			var id int64
			var origin, oldURL string
			err := tx.QueryRowContext(ctx, `SELECT id, origin, url FROM sources WHERE name = ?`, sp.Name).Scan(&id, &origin, &oldURL)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				_, err = tx.ExecContext(ctx, `INSERT INTO sources(name, url, schedule, tags, origin, position, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?)`, sp.Name, sp.URL, sp.Schedule, joinTags(sp.Tags), OriginConfig, i, now)
			case err != nil:
			default:
				// A changed URL in the config means a different feed:
				// its caching validators no longer apply.
				_, err = tx.ExecContext(ctx, `UPDATE sources SET url = ?, schedule = ?, tags = ?, origin = ?, position = ?,
					etag = CASE WHEN url = ? THEN etag ELSE '' END,
					last_modified = CASE WHEN url = ? THEN last_modified ELSE '' END
					WHERE id = ?`, sp.URL, sp.Schedule, joinTags(sp.Tags), OriginConfig, i, sp.URL, sp.URL, id)
			}
			if err != nil {
				return fmt.Errorf("sync source %q: %w", sp.Name, err)
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT name FROM sources WHERE origin = ?`, OriginConfig)
		if err != nil {
			return err
		}
		var gone []string
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				rows.Close()
				return err
			}
			if !keep[n] {
				gone = append(gone, n)
			}
		}
		rows.Close()
		for _, n := range gone {
			if err := removeSource(ctx, tx, n); err != nil {
				return err
			}
		}
		return nil
	})
}

// AddSource stores a source added at run time (CLI or chat).
func (s *Store) AddSource(ctx context.Context, sp SourceSpec) (Source, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sources WHERE name = ? OR url = ?`, sp.Name, sp.URL).Scan(&n); err != nil {
		return Source{}, err
	}
	if n > 0 {
		return Source{}, fmt.Errorf("source %q (%s): %w", sp.Name, sp.URL, ErrExists)
	}
	var pos int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(position), -1) + 1 FROM sources`).Scan(&pos); err != nil {
		return Source{}, err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO sources(name, url, schedule, tags, origin, position, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, sp.Name, sp.URL, sp.Schedule, joinTags(sp.Tags), OriginAdded, pos, ms(s.now()))
	if err != nil {
		return Source{}, fmt.Errorf("add source %q: %w", sp.Name, err)
	}
	return s.SourceByName(ctx, sp.Name)
}

// RemoveSource deletes a source added at run time and the items only it carried.
func (s *Store) RemoveSource(ctx context.Context, name string) error {
	src, err := s.SourceByName(ctx, name)
	if err != nil {
		return err
	}
	if src.Origin == OriginConfig {
		return fmt.Errorf("source %q is declared in the config file: remove it there", name)
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return removeSource(ctx, tx, name) })
}

func removeSource(ctx context.Context, tx *sql.Tx, name string) error {
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM sources WHERE name = ?`, name).Scan(&id); err != nil {
		return fmt.Errorf("remove source %q: %w", name, err)
	}
	// Items that no other source carries go with it.
	if _, err := tx.ExecContext(ctx, `DELETE FROM items WHERE id IN (
		SELECT item_id FROM item_sources WHERE source_id = ?
		EXCEPT SELECT item_id FROM item_sources WHERE source_id <> ?)`, id, id); err != nil {
		return fmt.Errorf("remove items of %q: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sources WHERE id = ?`, id); err != nil {
		return fmt.Errorf("remove source %q: %w", name, err)
	}
	return nil
}

// Sources lists every source, config file order first, then the order added.
func (s *Store) Sources(ctx context.Context) ([]Source, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sourceCols+` FROM sources
		ORDER BY CASE origin WHEN 'config' THEN 0 ELSE 1 END, position, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, rows.Err()
}

// SourceByName returns one source, ErrNotFound when there is none.
func (s *Store) SourceByName(ctx context.Context, name string) (Source, error) {
	src, err := scanSource(s.db.QueryRowContext(ctx, `SELECT `+sourceCols+` FROM sources WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return src, fmt.Errorf("source %q: %w", name, ErrNotFound)
	}
	return src, err
}

// ClaimDue takes those of the sources ids that are still due at now for
// one poller, by moving their next poll to until: pollers of several
// replicas sharing the database each fetch what they claimed, so a source
// is fetched once per tick. The claim is a write transaction, and write
// transactions take turns, so two claims never both take a source. The
// poll's outcome then sets the real next poll; a poller that dies leaves
// its sources due again at until.
func (s *Store) ClaimDue(ctx context.Context, ids []int64, now, until time.Time) ([]int64, error) {
	var claimed []int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		claimed = claimed[:0]
		for _, id := range ids {
			res, err := tx.ExecContext(ctx, `UPDATE sources SET next_poll = ? WHERE id = ? AND next_poll <= ? AND not_before <= ?`,
				ms(until), id, ms(now), ms(now))
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 1 {
				claimed = append(claimed, id)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim due sources: %w", err)
	}
	return claimed, nil
}

// ReleaseClaims hands back the claims of ClaimDue that no poll answered:
// the sources of held whose next poll is still their claim's Until become
// due at due.
func (s *Store) ReleaseClaims(ctx context.Context, held []feeds.Claim, due time.Time) error {
	if len(held) == 0 {
		return nil
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, c := range held {
			if _, err := tx.ExecContext(ctx, `UPDATE sources SET next_poll = ? WHERE id = ? AND next_poll = ?`, ms(due), c.ID, ms(c.Until)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("release claimed sources: %w", err)
	}
	return nil
}

// RecordPoll stores the outcome of a fetch: validators and health on
// success, error, failure count and failing-since on error.
func (s *Store) RecordPoll(ctx context.Context, id int64, r feeds.PollResult) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return s.recordPollTx(ctx, tx, id, r) })
}

func (s *Store) recordPollTx(ctx context.Context, tx *sql.Tx, id int64, r feeds.PollResult) error {
	at := ms(r.At)
	q, args := qRecordOK, []any{r.ETag, r.LastModified, ms(r.NotBefore), ms(r.NextPoll), at, r.Status, at, r.MovedTo, r.MovedTo, id}
	if r.Err != "" {
		q, args = qRecordErr, []any{ms(r.NotBefore), ms(r.NextPoll), at, r.Status, r.Err, at, at, id}
	}
	st, err := s.stmt(ctx, tx, q)
	if err == nil {
		_, err = st.ExecContext(ctx, args...)
	}
	if err != nil {
		return fmt.Errorf("record poll of source %d: %w", id, err)
	}
	return nil
}

// ApplyPolls stores many sources' poll outcomes in one transaction, so a
// poll of thousands of sources pays for a handful of commits (and
// full-text index flushes) instead of one per source. Savepoints per
// update would make FTS5 flush at each one, so instead, if any update
// fails, the batch is rolled back and each update retried in its own
// transaction: a failing one is recorded as a failed poll and the others
// still commit.
func (s *Store) ApplyPolls(ctx context.Context, updates []feeds.PollUpdate) []feeds.PollApplied {
	out := make([]feeds.PollApplied, len(updates))
	now := s.now()
	err := s.itemTx(ctx, func(tx *sql.Tx) error {
		for i, u := range updates {
			a, err := s.applyPollTx(ctx, tx, u, now)
			if err != nil {
				return err
			}
			out[i] = a
		}
		return nil
	})
	if err == nil || len(updates) == 1 && ctx.Err() != nil {
		return out
	}
	for i, u := range updates {
		err := s.itemTx(ctx, func(tx *sql.Tx) error {
			var err error
			out[i], err = s.applyPollTx(ctx, tx, u, now)
			return err
		})
		if err == nil {
			continue
		}
		out[i] = feeds.PollApplied{Err: fmt.Errorf("store poll result: %w", err)}
		failed := u.Result
		failed.Err = "storing the poll failed: " + err.Error()
		_ = s.RecordPoll(ctx, u.SourceID, failed)
		out[i].Total, _ = s.CountItems(ctx, u.SourceID)
	}
	return out
}

func (s *Store) applyPollTx(ctx context.Context, tx *sql.Tx, u feeds.PollUpdate, now time.Time) (feeds.PollApplied, error) {
	var a feeds.PollApplied
	if u.Save {
		res, err := s.saveItemsTx(ctx, tx, u.SourceID, u.Items, now)
		if err != nil {
			return a, err
		}
		a.Saved = res
	}
	if err := s.recordPollTx(ctx, tx, u.SourceID, u.Result); err != nil {
		return a, err
	}
	n, err := s.countItemsTx(ctx, tx, u.SourceID)
	a.Total = n
	return a, err
}

// FailingSince lists sources that have failed without a success since before t.
func (s *Store) FailingSince(ctx context.Context, t time.Time) ([]Source, error) {
	all, err := s.Sources(ctx)
	if err != nil {
		return nil, err
	}
	var out []Source
	for _, src := range all {
		if src.Failures > 0 && !src.FailingSince.IsZero() && src.FailingSince.Before(t) {
			out = append(out, src)
		}
	}
	return out, nil
}
