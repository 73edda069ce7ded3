package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/briefbot/briefbot/feeds"
)

// Item is a stored article: one canonical link (or one source's entry when
// it has no link), with every source that carried it.
type Item struct {
	ID        string // stable public id
	Source    string // the source that carried it first
	Sources   []string
	Title     string
	URL       string // canonical link
	Link      string // as the first source published it
	Text      string
	Summary   string
	Lang      string
	Published time.Time // first-seen time when the feed gave no date
	Dated     bool
	FirstSeen time.Time
	UpdatedAt time.Time
	// Carriers is each source's own copy: name, link and title.
	Carriers []Carrier
}

// Carrier is one source's copy of an item.
type Carrier struct {
	Source    string
	Link      string
	Title     string
	Published time.Time
	FirstSeen time.Time
}

// SaveResult counts what SaveItems did for one source.
type SaveResult = feeds.SaveResult

// itemUID is stable across databases: the same article gets the same id
// in SQLite and PostgreSQL, and after export and import.
func itemUID(sourceID int64, it feeds.Item) string {
	key := it.URL
	if key == "" {
		key = fmt.Sprintf("%d\x00%s", sourceID, it.Key)
	}
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:8])
}

func contentHash(it feeds.Item) string {
	h := sha256.Sum256([]byte(it.Title + "\x00" + it.Text))
	return hex.EncodeToString(h[:12])
}

// SaveItems stores one poll's items for a source in one transaction.
// Within a source an item is known by its key (guid, link or hash); across
// sources the same canonical link is the same article, which records every
// source that carried it. A known item whose title or text changed is
// updated and its previous version kept in history. Items pruned earlier
// stay pruned even while the feed still lists them.
func (s *Store) SaveItems(ctx context.Context, sourceID int64, items []feeds.Item) (SaveResult, error) {
	var res SaveResult
	now := s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res = SaveResult{}
		seen := map[string]bool{}
		for _, it := range items {
			if seen[it.Key] {
				continue // a feed listing one entry twice
			}
			seen[it.Key] = true
			n, u, err := saveItem(ctx, tx, sourceID, it, now)
			if err != nil {
				return fmt.Errorf("save item %q: %w", it.Key, err)
			}
			res.New += n
			res.Updated += u
		}
		return nil
	})
	return res, err
}

func saveItem(ctx context.Context, tx *sql.Tx, sourceID int64, it feeds.Item, now time.Time) (added, updated int, err error) {
	var itemID int64
	err = tx.QueryRowContext(ctx, `SELECT item_id FROM item_sources WHERE source_id = ? AND item_key = ?`, sourceID, it.Key).Scan(&itemID)
	switch {
	case err == nil:
		u, err := updateItem(ctx, tx, itemID, it, now)
		return 0, u, err
	case !errors.Is(err, sql.ErrNoRows):
		return 0, 0, err
	}
	var p int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pruned WHERE source_id = ? AND item_key = ?`, sourceID, it.Key).Scan(&p); err != nil {
		return 0, 0, err
	}
	if p > 0 {
		return 0, 0, nil
	}
	published, dated := it.Published, true
	if published.IsZero() {
		published, dated = now, false
	}
	if it.URL != "" {
		err = tx.QueryRowContext(ctx, `SELECT id FROM items WHERE canonical_url = ?`, it.URL).Scan(&itemID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, 0, err
		}
	}
	if itemID == 0 {
		r, err := tx.ExecContext(ctx, `INSERT INTO items(uid, canonical_url, title, body, summary, lang, published, dated, first_seen, updated_at, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uid) DO NOTHING`,
			itemUID(sourceID, it), it.URL, it.Title, it.Text, it.Summary, it.Lang, ms(published), dated, ms(now), ms(now), contentHash(it))
		if err != nil {
			return 0, 0, err
		}
		itemID, _ = r.LastInsertId()
		if n, _ := r.RowsAffected(); n == 0 {
			if err := tx.QueryRowContext(ctx, `SELECT id FROM items WHERE uid = ?`, itemUID(sourceID, it)).Scan(&itemID); err != nil {
				return 0, 0, err
			}
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO item_sources(source_id, item_key, item_id, link, title, published, first_seen)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, sourceID, it.Key, itemID, it.Link, it.Title, ms(published), ms(now))
	if err != nil {
		return 0, 0, err
	}
	return 1, 0, nil
}

func updateItem(ctx context.Context, tx *sql.Tx, itemID int64, it feeds.Item, now time.Time) (int, error) {
	var oldHash, oldTitle, oldBody string
	if err := tx.QueryRowContext(ctx, `SELECT hash, title, body FROM items WHERE id = ?`, itemID).Scan(&oldHash, &oldTitle, &oldBody); err != nil {
		return 0, err
	}
	h := contentHash(it)
	if h == oldHash {
		return 0, nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO item_history(item_id, title, body, replaced_at) VALUES (?, ?, ?, ?)`,
		itemID, oldTitle, oldBody, ms(now)); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE items SET title = ?, body = ?, summary = ?, lang = ?, hash = ?, updated_at = ? WHERE id = ?`,
		it.Title, it.Text, it.Summary, it.Lang, h, ms(now), itemID); err != nil {
		return 0, err
	}
	return 1, nil
}

// History is an earlier version of an item.
type History struct {
	Title      string
	Text       string
	ReplacedAt time.Time
}

// ItemHistory lists an item's earlier versions, oldest first.
func (s *Store) ItemHistory(ctx context.Context, uid string) ([]History, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT h.title, h.body, h.replaced_at FROM item_history h
		JOIN items i ON i.id = h.item_id WHERE i.uid = ? ORDER BY h.rowid`, uid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []History
	for rows.Next() {
		var h History
		var at int64
		if err := rows.Scan(&h.Title, &h.Text, &at); err != nil {
			return nil, err
		}
		h.ReplacedAt = fromMS(at)
		out = append(out, h)
	}
	return out, rows.Err()
}

// CountItems counts the items a source carries.
func (s *Store) CountItems(ctx context.Context, sourceID int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM item_sources WHERE source_id = ?`, sourceID).Scan(&n)
	return n, err
}

// ItemQuery selects items; zero fields do not filter.
type ItemQuery struct {
	Source string    // carried by this source
	Since  time.Time // published (first seen when undated) at or after
	Until  time.Time // published before
	// Search holds words that must all match the title or text, in any
	// language; each word also matches longer words it begins
	// (Белгород matches Белгородской).
	Search string
	Limit  int
}

// Items returns items newest first by published time.
func (s *Store) Items(ctx context.Context, q ItemQuery) ([]Item, error) {
	var where []string
	var args []any
	from := `items i`
	if q.Search != "" {
		match := FTSQuery(q.Search)
		if match == "" {
			return nil, nil
		}
		from = `items i JOIN items_fts f ON f.rowid = i.id`
		where = append(where, `items_fts MATCH ?`)
		args = append(args, match)
	}
	if q.Source != "" {
		where = append(where, `i.id IN (SELECT item_id FROM item_sources s JOIN sources src ON src.id = s.source_id WHERE src.name = ?)`)
		args = append(args, q.Source)
	}
	if !q.Since.IsZero() {
		where = append(where, `i.published >= ?`)
		args = append(args, ms(q.Since))
	}
	if !q.Until.IsZero() {
		where = append(where, `i.published < ?`)
		args = append(args, ms(q.Until))
	}
	query := `SELECT i.id, i.uid, i.canonical_url, i.title, i.body, i.summary, i.lang, i.published, i.dated, i.first_seen, i.updated_at FROM ` + from
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY i.published DESC, i.id DESC`
	if q.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d`, q.Limit)
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("query items: %w", err)
	}
	var out []Item
	var ids []int64
	for rows.Next() {
		var it Item
		var id, pub, first, upd int64
		if err := rows.Scan(&id, &it.ID, &it.URL, &it.Title, &it.Text, &it.Summary, &it.Lang, &pub, &it.Dated, &first, &upd); err != nil {
			rows.Close()
			return nil, err
		}
		it.Published, it.FirstSeen, it.UpdatedAt = fromMS(pub), fromMS(first), fromMS(upd)
		out = append(out, it)
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := s.attachCarriers(ctx, out, ids); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Store) attachCarriers(ctx context.Context, items []Item, ids []int64) error {
	index := make(map[int64]int, len(ids))
	for i, id := range ids {
		index[id] = i
	}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		ph := strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := s.db.QueryContext(ctx, `SELECT s.item_id, src.name, s.link, s.title, s.published, s.first_seen
			FROM item_sources s JOIN sources src ON src.id = s.source_id
			WHERE s.item_id IN (`+ph+`) ORDER BY s.first_seen, src.position, src.id`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, pub, first int64
			var c Carrier
			if err := rows.Scan(&id, &c.Source, &c.Link, &c.Title, &pub, &first); err != nil {
				rows.Close()
				return err
			}
			c.Published, c.FirstSeen = fromMS(pub), fromMS(first)
			it := &items[index[id]]
			it.Carriers = append(it.Carriers, c)
			it.Sources = append(it.Sources, c.Source)
			if it.Source == "" {
				it.Source, it.Link = c.Source, c.Link
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// FTSQuery turns user words into an FTS5 query: every word must match,
// as a prefix, with FTS5 syntax characters neutralized.
func FTSQuery(words string) string {
	var terms []string
	for _, w := range strings.FieldsFunc(words, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
		terms = append(terms, `"`+w+`"*`)
	}
	return strings.Join(terms, " AND ")
}

// Prune deletes items first seen before cutoff. Their keys are remembered
// per source so a feed that still lists them does not bring them back.
func (s *Store) Prune(ctx context.Context, cutoff time.Time) (int, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		c := ms(cutoff)
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO pruned(source_id, item_key, pruned_at)
			SELECT s.source_id, s.item_key, ? FROM item_sources s JOIN items i ON i.id = s.item_id WHERE i.first_seen < ?`, ms(s.now()), c); err != nil {
			return err
		}
		r, err := tx.ExecContext(ctx, `DELETE FROM items WHERE first_seen < ?`, c)
		if err != nil {
			return err
		}
		n, _ = r.RowsAffected()
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("prune: %w", err)
	}
	return int(n), nil
}

// ItemCount counts all stored items (for metrics and status).
func (s *Store) ItemCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM items`).Scan(&n)
	return n, err
}
