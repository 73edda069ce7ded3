package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
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
// stay pruned even while the feed still lists them. The cost is a few
// statements per new or changed item and a constant number for the rest.
func (s *Store) SaveItems(ctx context.Context, sourceID int64, items []feeds.Item) (SaveResult, error) {
	var res SaveResult
	now := s.now()
	err := s.itemTx(ctx, func(tx *sql.Tx) error {
		var err error
		res, err = s.saveItemsTx(ctx, tx, sourceID, items, now)
		return err
	})
	if err != nil {
		return SaveResult{}, err
	}
	return res, nil
}

func (s *Store) saveItemsTx(ctx context.Context, tx *sql.Tx, sourceID int64, items []feeds.Item, now time.Time) (SaveResult, error) {
	var res SaveResult
	unique := make([]feeds.Item, 0, len(items))
	keys := make([]string, 0, len(items))
	seen := make(map[string]bool, len(items))
	for _, it := range items {
		if !seen[it.Key] { // a feed listing one entry twice
			seen[it.Key] = true
			unique = append(unique, it)
			keys = append(keys, it.Key)
		}
	}
	known, err := s.knownItems(ctx, tx, sourceID, keys)
	if err != nil {
		return res, err
	}
	for _, it := range unique {
		var err error
		if k, ok := known[it.Key]; ok {
			if k.pruned || k.hash == contentHash(it) {
				continue
			}
			err = s.updateItem(ctx, tx, sourceID, k.id, it, now)
			res.Updated++
		} else {
			err = s.insertItem(ctx, tx, sourceID, it, now)
			res.New++
		}
		if err != nil {
			return res, fmt.Errorf("save item %q: %w", it.Key, err)
		}
	}
	return res, nil
}

type knownItem struct {
	id     int64
	hash   string
	pruned bool
}

// knownItems looks up which keys the source already carries or pruned,
// in a few batched queries rather than several per item.
func (s *Store) knownItems(ctx context.Context, tx *sql.Tx, sourceID int64, keys []string) (map[string]knownItem, error) {
	known := make(map[string]knownItem, len(keys))
	list, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	st, err := s.stmt(ctx, tx, qKnownKeys)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, sourceID, string(list))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k string
		var ki knownItem
		if err := rows.Scan(&k, &ki.id, &ki.hash); err != nil {
			rows.Close()
			return nil, err
		}
		known[k] = ki
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	st, err = s.stmt(ctx, tx, qPrunedKeys)
	if err != nil {
		return nil, err
	}
	rows, err = st.QueryContext(ctx, sourceID, string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		known[k] = knownItem{pruned: true}
	}
	return known, rows.Err()
}

func (s *Store) insertItem(ctx context.Context, tx *sql.Tx, sourceID int64, it feeds.Item, now time.Time) error {
	published, dated := it.Published, true
	if published.IsZero() {
		published, dated = now, false
	}
	// The uid is derived from the canonical link when there is one, so
	// the upsert finds the article another source already brought.
	uid := itemUID(sourceID, it)
	st, err := s.stmt(ctx, tx, qInsertItem)
	if err != nil {
		return err
	}
	args := []any{uid, it.URL, it.Title, it.Text, it.Summary, it.Lang, ms(published), flag(dated), ms(now), ms(now), contentHash(it)}
	var itemID int64
	inserted := false
	if s.pg {
		// RETURNING gives no row when the article exists.
		err = st.QueryRowContext(ctx, args...).Scan(&itemID)
		if inserted = err == nil; errors.Is(err, sql.ErrNoRows) {
			err = nil
		}
	} else {
		var r sql.Result
		if r, err = st.ExecContext(ctx, args...); err == nil {
			if n, _ := r.RowsAffected(); n == 1 {
				itemID, err = r.LastInsertId()
				inserted = true
			}
		}
	}
	if err != nil {
		return err
	}
	if !inserted {
		st, err = s.stmt(ctx, tx, qFindItem)
		if err == nil {
			err = st.QueryRowContext(ctx, uid).Scan(&itemID)
		}
		if err == nil && dated {
			err = s.earlierPub(ctx, tx, itemID, published)
		}
	}
	if err != nil {
		return err
	}
	st, err = s.stmt(ctx, tx, qInsertCarrier)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, sourceID, it.Key, itemID, it.Link, it.Title, ms(published), ms(now), contentHash(it))
	return err
}

// earlierPub moves an article's time to an earlier dated report of it
// and queues it for analysis again when that changes it.
func (s *Store) earlierPub(ctx context.Context, tx *sql.Tx, itemID int64, published time.Time) error {
	st, err := s.stmt(ctx, tx, qEarlierPub)
	if err != nil {
		return err
	}
	r, err := st.ExecContext(ctx, ms(published), itemID)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return nil
	}
	st, err = s.stmt(ctx, tx, qQueueItem)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, itemID)
	return err
}

// updateItem records a source's changed version of an item: its own copy
// changes, and the article takes the new text with the old kept in history.
func (s *Store) updateItem(ctx context.Context, tx *sql.Tx, sourceID, itemID int64, it feeds.Item, now time.Time) error {
	st, err := s.stmt(ctx, tx, qUpdateCarrier)
	if err != nil {
		return err
	}
	if _, err := st.ExecContext(ctx, it.Title, it.Link, contentHash(it), sourceID, it.Key); err != nil {
		return err
	}
	st, err = s.stmt(ctx, tx, qHistory)
	if err != nil {
		return err
	}
	if _, err := st.ExecContext(ctx, ms(now), itemID); err != nil {
		return err
	}
	st, err = s.stmt(ctx, tx, qUpdateItem)
	if err != nil {
		return err
	}
	if _, err = st.ExecContext(ctx, it.Title, it.Text, it.Summary, it.Lang, contentHash(it), ms(now), itemID); err != nil {
		return err
	}
	if s.pg {
		// SQLite's index follows by trigger; this one is made in Go.
		if err := s.indexSearch(ctx, tx, []searchDoc{{id: itemID, title: it.Title, body: it.Text}}); err != nil {
			return err
		}
	}
	// The new text is analyzed again (the item keeps its story).
	st, err = s.stmt(ctx, tx, qQueueItem)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, itemID)
	return err
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
	return s.countItemsTx(ctx, nil, sourceID)
}

func (s *Store) countItemsTx(ctx context.Context, tx *sql.Tx, sourceID int64) (int, error) {
	st, err := s.stmt(ctx, tx, qCountItems)
	if err != nil {
		return 0, err
	}
	var n int
	err = st.QueryRowContext(ctx, sourceID).Scan(&n)
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
	// Groups also search, as words that must all match where each word
	// is a group of alternatives (the spellings of a place): any one of
	// a group matches, as a prefix.
	Groups [][]string
	// SeenSince and SeenUntil bound the first-seen time: [SeenSince, SeenUntil).
	SeenSince, SeenUntil time.Time
	Limit                int
}

// Items returns items newest first by published time.
func (s *Store) Items(ctx context.Context, q ItemQuery) ([]Item, error) {
	var where []string
	var args []any
	from := `items i`
	var post *searchFormula // a search PostgreSQL's index answers only roughly
	if s.pg && (q.Search != "" || len(q.Groups) > 0) {
		f, err := newSearchFormula(q)
		if err != nil {
			return nil, fmt.Errorf("query items: %w", err)
		}
		if f == nil {
			return nil, nil
		}
		cond, condArgs, exact := f.pgCondition()
		where, args = append(where, cond), append(args, condArgs...)
		if !exact {
			post = f
		}
	} else if q.Search != "" || len(q.Groups) > 0 {
		match := FTSQuery(q.Search)
		if g := ftsGroups(q.Groups); g != "" {
			if match != "" {
				match += " AND "
			}
			match += g
		}
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
	if !q.SeenSince.IsZero() {
		where = append(where, `i.first_seen >= ?`)
		args = append(args, ms(q.SeenSince))
	}
	if !q.SeenUntil.IsZero() {
		where = append(where, `i.first_seen < ?`)
		args = append(args, ms(q.SeenUntil))
	}
	query := `SELECT i.id, i.uid, i.canonical_url, i.title, i.body, i.summary, i.lang, i.published, i.dated, i.first_seen, i.updated_at FROM ` + from
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY i.published DESC, i.id DESC`
	if q.Limit > 0 && post == nil {
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
		if post != nil && !post.matches(it.Title, it.Text) {
			continue
		}
		out = append(out, it)
		ids = append(ids, id)
		if post != nil && len(out) == q.Limit {
			break
		}
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
	return s.attachCarriersFrom(ctx, s.db, func(i int) *Item { return &items[i] }, ids, nil)
}

// attachCarriersFrom adds the carriers of items (row ids ids) read from
// db. When all is set (the carriers of every item), it is used instead of
// a query.
func (s *Store) attachCarriersFrom(ctx context.Context, db *sql.DB, item func(int) *Item, ids []int64, all []carrierRow) error {
	index := make(map[int64]int, len(ids))
	for i, id := range ids {
		index[id] = i
	}
	add := func(id int64, c Carrier) {
		i, ok := index[id]
		if !ok {
			return
		}
		it := item(i)
		it.Carriers = append(it.Carriers, c)
		it.Sources = append(it.Sources, c.Source)
		if it.Source == "" {
			it.Source, it.Link = c.Source, c.Link
		}
	}
	if all != nil {
		for _, r := range all {
			add(r.id, r.c)
		}
		return nil
	}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		ph := strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := db.QueryContext(ctx, `SELECT s.item_id, src.name, s.link, s.title, s.published, s.first_seen
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
			add(id, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// carrierRow is one carrier of item id, with its source's position.
type carrierRow struct {
	id, pos int64
	c       Carrier
}

// allCarriers reads every carrier in one pass (cheaper than thousands of
// lookups when a digest covers most items), in the order attachCarriers
// lists them: first seen, then source position.
func allCarriers(ctx context.Context, db *sql.DB) ([]carrierRow, error) {
	var all []carrierRow
	rows, err := db.QueryContext(ctx, `SELECT s.item_id, src.name, src.position * 1000000 + src.id, s.link, s.title, s.published, s.first_seen
		FROM item_sources s JOIN sources src ON src.id = s.source_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r carrierRow
		var pub, first int64
		if err := rows.Scan(&r.id, &r.c.Source, &r.pos, &r.c.Link, &r.c.Title, &pub, &first); err != nil {
			return nil, err
		}
		r.c.Published, r.c.FirstSeen = fromMS(pub), fromMS(first)
		all = append(all, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(all, func(a, b carrierRow) int {
		return cmp.Or(a.c.FirstSeen.Compare(b.c.FirstSeen), cmp.Compare(a.pos, b.pos))
	})
	return all, nil
}

// FTSQuery turns user words into an FTS5 query: every word must match,
// as a prefix, with FTS5 syntax characters neutralized.
func FTSQuery(words string) string {
	var terms []string
	for _, w := range searchWords(words) {
		terms = append(terms, `"`+w+`"*`)
	}
	return strings.Join(terms, " AND ")
}

// searchWords splits what a user typed into the words searched for.
func searchWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// ftsGroups is FTSQuery for groups of alternatives.
func ftsGroups(groups [][]string) string {
	var out []string
	for _, g := range groups {
		var alts []string
		for _, w := range g {
			if q := FTSQuery(w); q != "" {
				alts = append(alts, "("+q+")")
			}
		}
		if len(alts) > 0 {
			out = append(out, "("+strings.Join(alts, " OR ")+")")
		}
	}
	return strings.Join(out, " AND ")
}

// StoriesOf maps item ids to the ids of their stories (items in no story
// are absent).
func (s *Store) StoriesOf(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := s.db.QueryContext(ctx, `SELECT uid, story_id FROM item_analysis WHERE story_id IS NOT NULL AND uid IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, story string
			if err := rows.Scan(&id, &story); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = story
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Prune deletes items first seen before cutoff. Their keys are remembered
// per source so a feed that still lists them does not bring them back.
func (s *Store) Prune(ctx context.Context, cutoff time.Time) (int, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		c := ms(cutoff)
		q := `INSERT OR IGNORE INTO pruned(source_id, item_key, pruned_at)
			SELECT s.source_id, s.item_key, ? FROM item_sources s JOIN items i ON i.id = s.item_id WHERE i.first_seen < ?`
		if s.pg {
			q = `INSERT INTO pruned(source_id, item_key, pruned_at)
			SELECT s.source_id, s.item_key, ? FROM item_sources s JOIN items i ON i.id = s.item_id WHERE i.first_seen < ?
			ON CONFLICT DO NOTHING`
		}
		if _, err := tx.ExecContext(ctx, q, ms(s.now()), c); err != nil {
			return err
		}
		r, err := tx.ExecContext(ctx, `DELETE FROM items WHERE first_seen < ?`, c)
		if err != nil {
			return err
		}
		n, _ = r.RowsAffected()
		if n == 0 {
			return nil
		}
		// A story whose items are all gone goes too; its id keeps
		// pointing nowhere rather than at a reused story.
		if _, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE NOT EXISTS (SELECT 1 FROM item_analysis a WHERE a.story_id = stories.id)`); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM story_aliases WHERE new_id NOT IN (SELECT id FROM stories)`)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("prune: %w", err)
	}
	return int(n), nil
}
