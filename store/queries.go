package store

// The statements run once per item or per source on the poll path. They
// are prepared when the store opens: with its single connection, a
// statement cannot be prepared while a transaction holds it.
const (
	// An article another source already brought has the same uid (it is
	// derived from the canonical link): nothing is inserted and
	// qFindItem finds it. Exec is much cheaper than RETURNING here.
	qInsertItem = `INSERT INTO items(uid, canonical_url, title, body, summary, lang, published, dated, first_seen, updated_at, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uid) DO NOTHING`
	qFindItem = `SELECT id FROM items WHERE uid = ?`
	// An article's time is its earliest dated report, whichever source
	// brought it first, so the order feeds are fetched in changes nothing.
	qEarlierPub = `UPDATE items SET published = ?1, dated = 1 WHERE id = ?2 AND (dated = 0 OR published > ?1)`
	// One statement for any number of keys: an IN list of placeholders
	// would be a new statement to prepare for every feed length.
	qKnownKeys     = `SELECT item_key, item_id, hash FROM item_sources WHERE source_id = ? AND item_key IN (SELECT value FROM json_each(?))`
	qPrunedKeys    = `SELECT item_key FROM pruned WHERE source_id = ? AND item_key IN (SELECT value FROM json_each(?))`
	qInsertCarrier = `INSERT INTO item_sources(source_id, item_key, item_id, link, title, published, first_seen, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	qUpdateCarrier = `UPDATE item_sources SET title = ?, link = ?, hash = ? WHERE source_id = ? AND item_key = ?`
	qHistory       = `INSERT INTO item_history(item_id, title, body, replaced_at) SELECT id, title, body, ? FROM items WHERE id = ?`
	qUpdateItem    = `UPDATE items SET title = ?, body = ?, summary = ?, lang = ?, hash = ?, updated_at = ? WHERE id = ?`
	qQueueItem     = `INSERT OR IGNORE INTO index_queue(item_id) VALUES (?)`
	qCountItems    = `SELECT count(*) FROM item_sources WHERE source_id = ?`
	qRecordOK      = `UPDATE sources SET etag = ?, last_modified = ?, not_before = ?, next_poll = ?,
		last_poll = ?, last_status = ?, last_success = ?, failures = 0, failing_since = 0,
		url = CASE WHEN ? <> '' THEN ? ELSE url END
		WHERE id = ?`
	qRecordErr = `UPDATE sources SET not_before = ?, next_poll = ?, last_poll = ?, last_status = ?,
		last_error = ?, last_error_at = ?, failures = failures + 1,
		failing_since = CASE WHEN failing_since = 0 THEN ? ELSE failing_since END
		WHERE id = ?`
)

// The PostgreSQL texts of the statements above where the dialects differ
// (and in stories.go): PostgreSQL has no LastInsertId (RETURNING instead),
// no json_each (its own JSON functions, with the same argument), no INSERT
// OR IGNORE and no two-argument min.
const (
	// The NOT EXISTS spares a value of the id sequence when the article
	// exists (a conflict takes one), so ids run without gaps as in SQLite.
	pgInsertItem = `INSERT INTO items(uid, canonical_url, title, body, summary, lang, published, dated, first_seen, updated_at, hash)
		SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM items WHERE uid = ?1)
		ON CONFLICT(uid) DO NOTHING RETURNING id`
	pgKnownKeys  = `SELECT item_key, item_id, hash FROM item_sources WHERE source_id = ? AND item_key IN (SELECT value FROM json_array_elements_text(?::json))`
	pgPrunedKeys = `SELECT item_key FROM pruned WHERE source_id = ? AND item_key IN (SELECT value FROM json_array_elements_text(?::json))`
	pgQueueItem  = `INSERT INTO index_queue(item_id) VALUES (?) ON CONFLICT DO NOTHING`
)

// pgQueries maps a prepared statement's SQLite text to its PostgreSQL
// text when they differ.
var pgQueries = map[string]string{
	qInsertItem:  pgInsertItem,
	qKnownKeys:   pgKnownKeys,
	qPrunedKeys:  pgPrunedKeys,
	qQueueItem:   pgQueueItem,
	qUpsertStory: pgUpsertStory,
	qDeleteKeys:  pgDeleteKeys,
	qInsertKeys:  pgInsertKeys,
}

var preparedQueries = []string{qFindItem, qEarlierPub, qKnownKeys, qPrunedKeys, qInsertItem, qInsertCarrier, qUpdateCarrier, qHistory, qUpdateItem, qQueueItem, qCountItems, qRecordOK, qRecordErr,
	qUpsertStory, qSaveAnalysis, qDeleteKeys, qInsertKeys}
