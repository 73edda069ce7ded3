package store

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// ExportFormat names the archive written by Export; ExportVersion is its
// version (a reader refuses versions it does not know).
const (
	ExportFormat  = "briefbot-export"
	ExportVersion = 1
)

// exportTables are the tables an archive holds, parents before children.
// Derived tables (the full-text index) are rebuilt by the importing
// database; seen_keys are short-lived and River's jobs are re-created
// from the deliveries. Tables of the Matrix encryption stores (crypto_*,
// mx_*) follow, when present.
var exportTables = []string{
	"meta", "sources", "items", "item_sources", "item_history", "pruned",
	"stories", "index_queue", "item_analysis", "item_keys", "story_aliases",
	"subscriptions", "filters", "watchlists", "deliveries", "story_posts",
}

// exportHeader is an archive's first line.
type exportHeader struct {
	Format     string `json:"format"`
	Version    int    `json:"version"`
	Schema     int    `json:"schema"`
	ExportedAt string `json:"exported_at"`
	From       string `json:"from"` // the dialect written from
	// Tables are the tables that follow, in order.
	Tables []string `json:"tables"`
}

// exportLine is one row: its table and its columns.
type exportLine struct {
	Table string                     `json:"table"`
	Row   map[string]json.RawMessage `json:"row"`
}

// ExportStats counts what Export wrote or Import read, by table.
type ExportStats map[string]int

func (s ExportStats) String() string {
	names := make([]string, 0, len(s))
	for n := range s {
		names = append(names, n)
	}
	sort.Strings(names)
	var parts []string
	for _, n := range names {
		parts = append(parts, fmt.Sprintf("%s %d", n, s[n]))
	}
	return strings.Join(parts, ", ")
}

// extraTables lists the encryption stores' tables present in the
// database, sorted (their own foreign keys point at crypto_account,
// which sorts first).
func (s *Store) extraTables(ctx context.Context) ([]string, error) {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'crypto\_%' ESCAPE '\' OR name LIKE 'mx\_%' ESCAPE '\')`
	if s.pg {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND (table_name LIKE 'crypto\_%' OR table_name LIKE 'mx\_%')`
	}
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool {
		// crypto_account first: other crypto tables refer to it.
		if (out[i] == "crypto_account") != (out[j] == "crypto_account") {
			return out[i] == "crypto_account"
		}
		return out[i] < out[j]
	})
	return out, rows.Err()
}

// Export writes the whole database as JSON Lines: a header, then one line
// per row of every table, parents first. Byte columns are written as
// {"$b64": "…"}.
func (s *Store) Export(ctx context.Context, w io.Writer) (ExportStats, error) {
	var version int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&version); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	extra, err := s.extraTables(ctx)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	tables := append(append([]string{}, exportTables...), extra...)
	if err := enc.Encode(exportHeader{Format: ExportFormat, Version: ExportVersion, Schema: version, ExportedAt: s.now().UTC().Format(time.RFC3339), From: s.Dialect(), Tables: tables}); err != nil {
		return nil, err
	}
	stats := ExportStats{}
	for _, table := range tables {
		n, err := s.exportTable(ctx, enc, table)
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", table, err)
		}
		stats[table] = n
	}
	return stats, bw.Flush()
}

func (s *Store) exportTable(ctx context.Context, enc *json.Encoder, table string) (int, error) {
	q := `SELECT * FROM ` + table
	rowid := s.pg && pgRowidTables[table]
	if rowid {
		q += ` ORDER BY rowid`
	}
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		line := exportLine{Table: table, Row: make(map[string]json.RawMessage, len(cols))}
		for i, c := range cols {
			if rowid && c == "rowid" {
				continue
			}
			raw, err := encodeValue(vals[i])
			if err != nil {
				return n, fmt.Errorf("column %s: %w", c, err)
			}
			line.Row[c] = raw
		}
		if err := enc.Encode(line); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// encodeValue writes a column value: numbers, strings, booleans and null
// as themselves, bytes as {"$b64"}, times as RFC 3339 strings.
func encodeValue(v any) (json.RawMessage, error) {
	switch x := v.(type) {
	case []byte:
		return json.Marshal(map[string]string{"$b64": base64.StdEncoding.EncodeToString(x)})
	case time.Time:
		return json.Marshal(x.UTC().Format(time.RFC3339Nano))
	default:
		return json.Marshal(x)
	}
}

// decodeValue reads what encodeValue wrote.
func decodeValue(raw json.RawMessage) (any, error) {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, nil
		}
		return x.Float64()
	case map[string]any:
		if b, ok := x["$b64"].(string); ok && len(x) == 1 {
			return base64.StdEncoding.DecodeString(b)
		}
		return nil, fmt.Errorf("unexpected object %s", raw)
	}
	return v, nil
}

// ErrNotEmpty is returned by Import into a database that holds data.
var ErrNotEmpty = errors.New("the database is not empty")

// Import loads an archive written by Export into this database, which
// must be empty (freshly migrated): it refuses one holding any source,
// item, story or subscription. It returns the rows read by table. Pending
// deliveries come back pending: the caller re-creates their jobs.
// ImportOptions adapt Import.
type ImportOptions struct {
	// PrepareChatStores creates the tables of the Matrix encryption
	// stores (crypto_*, mx_*) when the archive holds some; it runs before
	// the import's transaction.
	PrepareChatStores func(context.Context) error
}

func (s *Store) Import(ctx context.Context, r io.Reader, o ImportOptions) (ExportStats, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM items) + (SELECT count(*) FROM subscriptions) + (SELECT count(*) FROM stories)`).Scan(&n); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	if n > 0 {
		return nil, fmt.Errorf("import: %w (%d sources, items, stories and subscriptions); import into a new database", ErrNotEmpty, n)
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		return nil, errors.New("import: the archive is empty")
	}
	var h exportHeader
	if err := json.Unmarshal(sc.Bytes(), &h); err != nil || h.Format != ExportFormat {
		return nil, fmt.Errorf("import: line 1 is not a %s header", ExportFormat)
	}
	if h.Version != ExportVersion {
		return nil, fmt.Errorf("import: archive version %d; this briefbot reads version %d", h.Version, ExportVersion)
	}
	var schema int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&schema); err != nil {
		return nil, err
	}
	if h.Schema > schema {
		return nil, fmt.Errorf("import: the archive comes from a newer briefbot (schema %d; this one has %d)", h.Schema, schema)
	}
	chat := false
	for _, t := range h.Tables {
		chat = chat || isChatTable(t)
	}
	if chat {
		if o.PrepareChatStores == nil {
			return nil, errors.New("import: the archive holds Matrix encryption keys, but this briefbot cannot create their tables")
		}
		if err := o.PrepareChatStores(ctx); err != nil {
			return nil, fmt.Errorf("import: preparing the Matrix key store: %w", err)
		}
	}
	stats := ExportStats{}
	known := map[string]bool{}
	for _, t := range exportTables {
		known[t] = true
	}
	err := s.WithTx(ctx, func(tx *sql.Tx) error {
		// meta may hold keys the migrations wrote (the index
		// fingerprint): the archive's values win.
		if _, err := tx.ExecContext(ctx, `DELETE FROM meta`); err != nil {
			return err
		}
		line := 1
		for sc.Scan() {
			line++
			var l exportLine
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
			if !known[l.Table] && !isChatTable(l.Table) {
				return fmt.Errorf("line %d: unknown table %q", line, l.Table)
			}
			if isChatTable(l.Table) && strings.HasSuffix(l.Table, "_version") && stats[l.Table] == 0 {
				// The prepared store wrote its own version row.
				if _, err := tx.ExecContext(ctx, `DELETE FROM `+l.Table); err != nil {
					return err
				}
			}
			if err := insertRow(ctx, tx, l); err != nil {
				return fmt.Errorf("line %d (%s): %w", line, l.Table, err)
			}
			stats[l.Table]++
		}
		if err := sc.Err(); err != nil {
			return err
		}
		if !s.pg {
			// The full-text index is written by the code that saves
			// items, not by a trigger: rebuild it from the items.
			if _, err := tx.ExecContext(ctx, `INSERT INTO items_fts(items_fts) VALUES ('rebuild')`); err != nil {
				return fmt.Errorf("full-text index: %w", err)
			}
		}
		if s.pg {
			if err := s.reindexSearch(ctx, tx); err != nil {
				return fmt.Errorf("full-text index: %w", err)
			}
			// Rows came with their ids: move the id sequences past them.
			for _, t := range []string{"sources", "items", "subscriptions"} {
				if _, err := tx.ExecContext(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), coalesce((SELECT max(id) FROM %s), 0) + 1, false)`, t, t)); err != nil {
					return fmt.Errorf("sequence of %s: %w", t, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return stats, nil
}

// isChatTable tells whether a table belongs to the Matrix encryption
// stores.
func isChatTable(t string) bool {
	return strings.HasPrefix(t, "crypto_") || strings.HasPrefix(t, "mx_")
}

// insertRow inserts one archived row.
func insertRow(ctx context.Context, tx *sql.Tx, l exportLine) error {
	cols := make([]string, 0, len(l.Row))
	for c := range l.Row {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	args := make([]any, len(cols))
	marks := make([]string, len(cols))
	for i, c := range cols {
		if strings.ContainsAny(c, `"'; `) {
			return fmt.Errorf("bad column name %q", c)
		}
		v, err := decodeValue(l.Row[c])
		if err != nil {
			return fmt.Errorf("column %s: %w", c, err)
		}
		args[i] = v
		marks[i] = "?"
	}
	if strings.ContainsAny(l.Table, `"'; `) {
		return fmt.Errorf("bad table name %q", l.Table)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO `+l.Table+` (`+strings.Join(cols, ", ")+`) VALUES (`+strings.Join(marks, ", ")+`)`, args...)
	return err
}
