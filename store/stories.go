package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
)

// Stories.
//
// The store keeps what the digest engine decided about each item (its
// analysis, topics and story) and each story's identity, but none of the
// engine's rules: the engine runs inside IndexBatch's transaction and
// returns what to write. An item waits in index_queue from the moment it is
// inserted or edited until a batch has analyzed it, so a poll's indexing
// costs in proportion to its new items.

// IndexedItem is an item with what the digest engine stored about it.
type IndexedItem struct {
	Item
	// Story is the id of the item's story ("" when it is in none).
	Story  string
	Topics []string
	// Analysis and Terms are the engine's own encoding, opaque here.
	Analysis []byte
	Terms    string
	Lead     string
}

// StoryRow is a story's identity: its id derives from its earliest item
// ever (by published time, then id), even if since pruned.
type StoryRow struct {
	ID        string
	FirstPub  time.Time
	FirstItem string
	Topics    []string
}

// IndexRow is one analyzed item as IndexBatch writes it.
type IndexRow struct {
	ItemID   string
	Topics   []string
	Analysis []byte
	Terms    string
	// Lead is the first sentences of the text: what a digest's summary
	// is taken from.
	Lead  string
	Story string // "" for none
	// Keys are the item's link-candidate keys (see IndexFunc).
	Keys []int64
}

// IndexUpdate is what one indexing batch writes.
type IndexUpdate struct {
	Items []IndexRow
	// Stories are the stories the batch created or changed.
	Stories []StoryRow
	// Merged maps a story id that the batch retired (merged into another
	// story, or renamed because an earlier item joined it) to the id of
	// the story that now holds its items.
	Merged map[string]string
}

// IndexFunc computes one batch: pending are the items waiting for
// analysis, oldest first (an edited item comes with its current story);
// r reads what else the batch needs, in its transaction.
type IndexFunc func(pending []IndexedItem, r IndexReader) (IndexUpdate, error)

// IndexReader reads inside an indexing batch's transaction.
type IndexReader interface {
	// Candidates returns the items in a story that were stored with any
	// of keys (IndexRow.Keys), except pending ones. Their Text is their
	// lead.
	Candidates(keys []int64) ([]IndexedItem, error)
	// Stories returns the stories with these ids.
	Stories(ids []string) ([]StoryRow, error)
}

// IndexState says how far indexing has got.
type IndexState struct {
	Fingerprint string // of the engine that indexed the stored items
	Pending     int    // items waiting
}

// IndexStatus reports the stored fingerprint and the queue length.
func (s *Store) IndexStatus(ctx context.Context) (IndexState, error) {
	var st IndexState
	err := s.db.QueryRowContext(ctx, `SELECT coalesce((SELECT value FROM meta WHERE key = 'index_fingerprint'), ''), (SELECT count(*) FROM index_queue)`).Scan(&st.Fingerprint, &st.Pending)
	if err != nil {
		return st, fmt.Errorf("index status: %w", err)
	}
	return st, nil
}

// ResetIndex forgets every analysis and story assignment and queues every
// item again, recording the fingerprint of the engine that will index
// them. Story ids survive as far as the rules allow: they derive from the
// earliest item, so an unchanged story gets its old id back.
func (s *Store) ResetIndex(ctx context.Context, fingerprint string) error {
	queue := `INSERT OR IGNORE INTO index_queue(item_id) SELECT id FROM items`
	if s.pg {
		queue = `INSERT INTO index_queue(item_id) SELECT id FROM items ON CONFLICT DO NOTHING`
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			`DELETE FROM item_keys`,
			`DELETE FROM item_analysis`,
			`DELETE FROM stories`,
			`DELETE FROM story_aliases`,
			queue,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('index_fingerprint', ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, fingerprint)
		return err
	})
	if err != nil {
		return fmt.Errorf("reset index: %w", err)
	}
	return nil
}

// ErrFingerprint is returned by IndexBatch when the stored items were
// indexed by an engine with other rules: call ResetIndex first.
var ErrFingerprint = errors.New("stored stories were built with other topic rules")

// IndexBatch takes up to limit queued items, calls fn in a write
// transaction, writes its result and dequeues the items. It returns how
// many items it took (0 when the queue is empty).
func (s *Store) IndexBatch(ctx context.Context, fingerprint string, limit int, fn IndexFunc) (int, error) {
	var n int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var fp string
		err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'index_fingerprint'`).Scan(&fp)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if fp != fingerprint {
			return ErrFingerprint
		}
		pending, ids, err := s.pendingItems(ctx, tx, limit)
		if err != nil {
			return err
		}
		n = len(pending)
		if n == 0 {
			return nil
		}
		r := &indexReader{s: s, ctx: ctx, tx: tx, exclude: make(map[string]bool, n)}
		for _, it := range pending {
			r.exclude[it.ID] = true
		}
		up, err := fn(pending, r)
		if err != nil {
			return err
		}
		if err := s.writeIndex(ctx, tx, up); err != nil {
			return err
		}
		for start := 0; start < len(ids); start += 500 {
			chunk := ids[start:min(start+500, len(ids))]
			if _, err := tx.ExecContext(ctx, `DELETE FROM index_queue WHERE item_id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk)...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrFingerprint) {
			return 0, err
		}
		return 0, fmt.Errorf("index items: %w", err)
	}
	return n, nil
}

// pendingItems returns up to limit queued items, oldest first, with
// their stored story (for an edit), and their row ids.
func (s *Store) pendingItems(ctx context.Context, tx *sql.Tx, limit int) ([]IndexedItem, []int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT i.id, i.uid, i.canonical_url, i.title, i.body, i.lang, i.published, i.dated, i.first_seen, coalesce(a.story_id, '')
		FROM index_queue q JOIN items i ON i.id = q.item_id LEFT JOIN item_analysis a ON a.item_id = i.id
		ORDER BY i.published, i.uid LIMIT ?`, limit)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []IndexedItem
	var ids []int64
	for rows.Next() {
		var it IndexedItem
		var id, pub, first int64
		if err := rows.Scan(&id, &it.ID, &it.URL, &it.Title, &it.Text, &it.Lang, &pub, &it.Dated, &first, &it.Story); err != nil {
			return nil, nil, err
		}
		it.Published, it.FirstSeen = fromMS(pub), fromMS(first)
		out = append(out, it)
		ids = append(ids, id)
	}
	return out, ids, rows.Err()
}

type queryer interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}

type indexReader struct {
	s       *Store
	ctx     context.Context
	tx      *sql.Tx
	exclude map[string]bool
}

func (r *indexReader) Candidates(keys []int64) ([]IndexedItem, error) {
	// The batch holds the write lock and has written nothing yet, so the
	// read pool sees what the transaction sees: two halves of the keys
	// are read there at once.
	if r.s.rdb == r.s.db || len(keys) < 512 {
		return r.candidates(r.tx, keys)
	}
	half := len(keys) / 2
	var a, b []IndexedItem
	var errA, errB error
	var wg sync.WaitGroup
	wg.Go(func() { a, errA = r.candidates(r.s.rdb, keys[:half]) })
	b, errB = r.candidates(r.s.rdb, keys[half:])
	wg.Wait()
	if err := errors.Join(errA, errB); err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(a))
	for _, it := range a {
		seen[it.ID] = true
	}
	for _, it := range b {
		if !seen[it.ID] {
			a = append(a, it)
		}
	}
	return a, nil
}

func (r *indexReader) candidates(q queryer, keys []int64) ([]IndexedItem, error) {
	kb, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	// Small rows only: item_analysis holds the lead and what the
	// clusterer needs, so no item body is read.
	query := `SELECT a.uid, a.title, a.lead, a.lang, a.published, a.story_id, a.analysis, a.terms
		FROM item_analysis a WHERE a.item_id IN (SELECT k.item_id FROM item_keys k WHERE k.key IN (SELECT value FROM json_each(?)))
		AND a.story_id IS NOT NULL`
	if r.s.pg {
		query = `SELECT a.uid, a.title, a.lead, a.lang, a.published, a.story_id, a.analysis, a.terms
		FROM item_analysis a WHERE a.item_id IN (SELECT k.item_id FROM item_keys k WHERE k.key IN (SELECT value::bigint FROM json_array_elements_text(?::json)))
		AND a.story_id IS NOT NULL`
	}
	rows, err := q.QueryContext(r.ctx, query, string(kb))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IndexedItem
	for rows.Next() {
		var it IndexedItem
		var pub int64
		if err := rows.Scan(&it.ID, &it.Title, &it.Text, &it.Lang, &pub, &it.Story, &it.Analysis, &it.Terms); err != nil {
			return nil, err
		}
		if r.exclude[it.ID] {
			continue
		}
		it.Published, it.Dated, it.Lead = fromMS(pub), true, it.Text
		out = append(out, it)
	}
	return out, rows.Err()
}

func (r *indexReader) Stories(ids []string) ([]StoryRow, error) {
	var out []StoryRow
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := r.tx.QueryContext(r.ctx, `SELECT id, first_pub, first_item, topics FROM stories WHERE id IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var st StoryRow
			var pub int64
			var topics string
			if err := rows.Scan(&st.ID, &pub, &st.FirstItem, &topics); err != nil {
				rows.Close()
				return nil, err
			}
			st.FirstPub, st.Topics = fromMS(pub), strings.Fields(topics)
			out = append(out, st)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) writeIndex(ctx context.Context, tx *sql.Tx, up IndexUpdate) error {
	now := ms(s.now())
	// Retired ids: their items move, their aliases follow, and the new
	// story inherits the oldest creation time (it is not news).
	created := map[string]int64{}
	for old, nw := range up.Merged {
		if old == nw {
			continue
		}
		var c int64
		err := tx.QueryRowContext(ctx, `SELECT created_at FROM stories WHERE id = ?`, old).Scan(&c)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if c != 0 && (created[nw] == 0 || c < created[nw]) {
			created[nw] = c
		}
	}
	for _, st := range up.Stories {
		c := created[st.ID]
		if c == 0 {
			c = now
		}
		if _, err := execTx(ctx, s, tx, qUpsertStory,
			st.ID, ms(st.FirstPub), st.FirstItem, strings.Join(st.Topics, " "), c, now); err != nil {
			return err
		}
	}
	for old, nw := range up.Merged {
		if old == nw {
			continue
		}
		// Each statement gets only the arguments it uses: PostgreSQL
		// refuses one it cannot type.
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`UPDATE item_analysis SET story_id = ? WHERE story_id = ?`, []any{nw, old}},
			{`UPDATE story_aliases SET new_id = ? WHERE new_id = ?`, []any{nw, old}},
			{`INSERT INTO story_aliases(old_id, new_id) VALUES (?, ?) ON CONFLICT(old_id) DO UPDATE SET new_id = excluded.new_id`, []any{old, nw}},
			{`DELETE FROM story_aliases WHERE old_id = ?`, []any{nw}},
			{`DELETE FROM stories WHERE id = ?`, []any{old}},
		} {
			if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
				return err
			}
		}
	}
	ids := make([]int64, len(up.Items))
	var pairs [][2]int64 // key, item id
	for k, r := range up.Items {
		var story any
		if r.Story != "" {
			story = r.Story
		}
		st, err := s.stmt(ctx, tx, qSaveAnalysis)
		if err != nil {
			return err
		}
		if err := st.QueryRowContext(ctx,
			strings.Join(r.Topics, " "), r.Analysis, r.Terms, r.Lead, story, r.ItemID).Scan(&ids[k]); err != nil {
			return fmt.Errorf("item %s: %w", r.ItemID, err)
		}
		for _, key := range r.Keys {
			pairs = append(pairs, [2]int64{key, ids[k]})
		}
	}
	// Keys are replaced in two statements for the whole batch.
	ib, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	if _, err := execTx(ctx, s, tx, qDeleteKeys, string(ib)); err != nil {
		return err
	}
	if len(pairs) > 0 {
		pb, err := json.Marshal(pairs)
		if err != nil {
			return err
		}
		if _, err := execTx(ctx, s, tx, qInsertKeys, string(pb)); err != nil {
			return err
		}
	}
	return nil
}

// StoryQuery selects indexed items; zero fields do not filter.
type StoryQuery struct {
	Since, Until time.Time // published in [Since, Until)
	// SeenSince and SeenUntil bound the first-seen time: a scheduled
	// digest covers what arrived since the previous one, however dated.
	SeenSince, SeenUntil time.Time
	Story                string // this story (an alias is followed)
	// Stories restricts to these story ids.
	Stories []string
}

// StoryItems returns the indexed items that are in a story, with their
// carriers, oldest first (published, then id). Their Text is the lead
// (IndexRow.Lead), not the whole body, and they have no terms: this is
// what a digest reads, and it reads only small rows.
func (s *Store) StoryItems(ctx context.Context, q StoryQuery) ([]IndexedItem, error) {
	where := []string{`a.story_id IS NOT NULL`}
	var args []any
	if !q.Since.IsZero() {
		where = append(where, `a.published >= ?`)
		args = append(args, ms(q.Since))
	}
	if !q.Until.IsZero() {
		where = append(where, `a.published < ?`)
		args = append(args, ms(q.Until))
	}
	if !q.SeenSince.IsZero() {
		where = append(where, `a.first_seen >= ?`)
		args = append(args, ms(q.SeenSince))
	}
	if !q.SeenUntil.IsZero() {
		where = append(where, `a.first_seen < ?`)
		args = append(args, ms(q.SeenUntil))
	}
	ids := q.Stories
	if q.Story != "" {
		id, err := s.ResolveStory(ctx, q.Story)
		if err != nil {
			return nil, err
		}
		ids = append(slices.Clone(ids), id)
	}
	if len(ids) > 0 {
		where = append(where, `a.story_id IN (`+placeholders(len(ids))+`)`)
		for _, id := range ids {
			args = append(args, id)
		}
	}
	// A window holding much of the archive reads item_analysis in order
	// (page after page) rather than through its published index, which
	// jumps all over the file: twice as fast for a month, slower for a
	// day. It reads in two halves, and every carrier, at once.
	wide := len(ids) == 0 && q.SeenSince.IsZero() && q.SeenUntil.IsZero() && s.wideWindow(ctx, q.Since, q.Until)
	from := `item_analysis a`
	parts := [][2]int64{{0, math.MaxInt64}}
	if wide {
		if !s.pg { // PostgreSQL's planner chooses by itself
			from = `item_analysis a NOT INDEXED`
		}
		var maxID int64
		if err := s.rdb.QueryRowContext(ctx, `SELECT coalesce(max(item_id), 0) FROM item_analysis`).Scan(&maxID); err != nil {
			return nil, fmt.Errorf("query stories: %w", err)
		}
		parts = [][2]int64{{0, maxID / 2}, {maxID / 2, math.MaxInt64}}
	}
	type result struct {
		items []IndexedItem
		ids   []int64
		err   error
	}
	results := make([]result, len(parts))
	var carriers []carrierRow
	var carriersErr error
	var wg sync.WaitGroup
	if wide {
		wg.Go(func() { carriers, carriersErr = allCarriers(ctx, s.rdb) })
	}
	for k, p := range parts {
		wg.Go(func() {
			r := &results[k]
			r.items, r.ids, r.err = s.scanStoryItems(ctx, `SELECT a.item_id, a.uid, a.url, a.title, a.published, a.first_seen, a.lang, a.story_id, a.topics, a.analysis, a.lead
				FROM `+from+` WHERE a.item_id > ? AND a.item_id <= ? AND `+strings.Join(where, ` AND `),
				append([]any{p[0], p[1]}, args...)...)
		})
	}
	wg.Wait()
	var out []IndexedItem
	var ids64 []int64
	for _, r := range results {
		if r.err != nil {
			return nil, fmt.Errorf("query stories: %w", r.err)
		}
		out = append(out, r.items...)
		ids64 = append(ids64, r.ids...)
	}
	if carriersErr != nil {
		return nil, fmt.Errorf("query stories: %w", carriersErr)
	}
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := out[a].Published.Compare(out[b].Published); c != 0 {
			return c
		}
		return strings.Compare(out[a].ID, out[b].ID)
	})
	sorted := make([]IndexedItem, len(out))
	sortedIDs := make([]int64, len(out))
	for k, i := range order {
		sorted[k], sortedIDs[k] = out[i], ids64[i]
	}
	out = nil
	if err := s.attachCarriersFrom(ctx, s.rdb, func(i int) *Item { return &sorted[i].Item }, sortedIDs, carriers); err != nil {
		return nil, fmt.Errorf("query stories: %w", err)
	}
	return sorted, nil
}

func (s *Store) scanStoryItems(ctx context.Context, query string, args ...any) ([]IndexedItem, []int64, error) {
	rows, err := s.rdb.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []IndexedItem
	var ids []int64
	for rows.Next() {
		var it IndexedItem
		var id, pub, first int64
		var topics string
		if err := rows.Scan(&id, &it.ID, &it.URL, &it.Title, &pub, &first, &it.Lang, &it.Story, &topics, &it.Analysis, &it.Text); err != nil {
			return nil, nil, err
		}
		it.Published, it.FirstSeen, it.Dated, it.Topics = fromMS(pub), fromMS(first), true, strings.Fields(topics)
		it.Lead = it.Text
		out = append(out, it)
		ids = append(ids, id)
	}
	return out, ids, rows.Err()
}

// wideWindow reports whether [since, until) holds more than a quarter of
// the items in stories (counted on the published index alone).
func (s *Store) wideWindow(ctx context.Context, since, until time.Time) bool {
	lo, hi := ms(since), ms(until)
	if until.IsZero() {
		hi = math.MaxInt64
	}
	var in, all int64
	err := s.rdb.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM item_analysis WHERE story_id IS NOT NULL AND published >= ? AND published < ?),
		(SELECT count(*) FROM item_analysis WHERE story_id IS NOT NULL AND published >= 0)`, lo, hi).Scan(&in, &all)
	return err == nil && in*4 > all
}

// ResolveStory returns the current id of a story id, following a merge;
// ErrNotFound when no story has or had it.
func (s *Store) ResolveStory(ctx context.Context, id string) (string, error) {
	var cur string
	err := s.db.QueryRowContext(ctx, `SELECT id FROM stories WHERE id = ?1
		UNION ALL SELECT new_id FROM story_aliases WHERE old_id = ?1 LIMIT 1`, id).Scan(&cur)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("story %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("story %s: %w", id, err)
	}
	return cur, nil
}

// Statements run per story and per item when indexing, prepared at open.
const (
	qUpsertStory = `INSERT INTO stories(id, first_pub, first_item, topics, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET first_pub = excluded.first_pub, first_item = excluded.first_item, topics = excluded.topics,
			created_at = min(stories.created_at, excluded.created_at), updated_at = excluded.updated_at`
	qSaveAnalysis = `INSERT INTO item_analysis(item_id, uid, url, title, published, first_seen, lang, topics, analysis, terms, lead, story_id)
		SELECT id, uid, canonical_url, title, published, first_seen, lang, ?, ?, ?, ?, ? FROM items WHERE uid = ?
		ON CONFLICT(item_id) DO UPDATE SET title = excluded.title, published = excluded.published, lang = excluded.lang, topics = excluded.topics,
		analysis = excluded.analysis, terms = excluded.terms, lead = excluded.lead, story_id = excluded.story_id
		RETURNING item_id`
	qDeleteKeys = `DELETE FROM item_keys WHERE item_id IN (SELECT value FROM json_each(?))`
	qInsertKeys = `INSERT OR IGNORE INTO item_keys(key, item_id) SELECT value ->> 0, value ->> 1 FROM json_each(?)`

	// Their PostgreSQL texts, where they differ (see pgQueries).
	pgUpsertStory = `INSERT INTO stories(id, first_pub, first_item, topics, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET first_pub = excluded.first_pub, first_item = excluded.first_item, topics = excluded.topics,
			created_at = least(stories.created_at, excluded.created_at), updated_at = excluded.updated_at`
	pgDeleteKeys = `DELETE FROM item_keys WHERE item_id IN (SELECT value::bigint FROM json_array_elements_text(?::json))`
	pgInsertKeys = `INSERT INTO item_keys(key, item_id) SELECT (value ->> 0)::bigint, (value ->> 1)::bigint FROM json_array_elements(?::json)
		ON CONFLICT DO NOTHING`
)

func execTx(ctx context.Context, s *Store, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	st, err := s.stmt(ctx, tx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
