package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Full-text search on both databases.
//
// SQLite searches with FTS5 (items_fts): its unicode61 tokenizer splits
// titles and texts into tokens, lower case and without diacritics, and a
// search word matches an item holding a token it begins. PostgreSQL's own
// text search splits and folds words otherwise (and by the server's
// locale), so it is not used to read text: Go splits each item exactly as
// FTS5 does (fts5Tokens, with tables generated from SQLite itself) and
// stores its distinct tokens as a tsvector, whose prefix queries ('tok':*)
// compare bytes as FTS5 does. The same words then find the same items, in
// the same order (newest first, as Items sorts). What cannot be stored in
// a tsvector (a token over 2,046 bytes) is cut, and a search for such a
// token is checked again in Go.

// fts5MaxToken is FTS5's FTS5_MAX_TOKEN_SIZE: longer tokens are cut to it,
// in the index and in queries alike.
const fts5MaxToken = 32768

// fts5Kind is what the tokenizer does with a character.
type fts5Kind byte

const (
	fts5Starts    fts5Kind = iota // starts or continues a token
	fts5Continues                 // continues a token only
	fts5Separates                 // ends a token
)

// fts5KindOf classifies a code point as decoded by fts5Decode (it may be
// beyond U+10FFFF, which SQLite counts as part of a token).
func fts5KindOf(c uint32) fts5Kind {
	if c < 0x80 {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return fts5Starts
		}
		return fts5Separates
	}
	if c > utf8.MaxRune {
		return fts5Starts
	}
	r := rune(c)
	i := sort.Search(len(fts5Separators), func(i int) bool { return fts5Separators[i][1] >= r })
	if i < len(fts5Separators) && fts5Separators[i][0] <= r {
		return fts5Separates
	}
	if r >= fts5Marks[0] && r <= fts5Marks[len(fts5Marks)-1] {
		if _, ok := slices.BinarySearch(fts5Marks[:], r); ok {
			return fts5Continues
		}
	}
	return fts5Starts
}

// fts5AppendFold appends what a token holds for code point c: its folded
// form, as SQLite writes it (four bytes beyond U+FFFF, whatever the value).
func fts5AppendFold(buf []byte, c uint32) []byte {
	switch {
	case c >= 'A' && c <= 'Z':
		return append(buf, byte(c)+'a'-'A')
	case c < 0x80:
		return append(buf, byte(c))
	case c <= utf8.MaxRune:
		i := sort.Search(len(fts5Folds), func(i int) bool { return fts5Folds[i][0] >= rune(c) })
		if i < len(fts5Folds) && fts5Folds[i][0] == rune(c) {
			if fts5Folds[i][1] < 0 {
				return buf
			}
			c = uint32(fts5Folds[i][1])
		}
	}
	switch {
	case c < 0x80:
		return append(buf, byte(c))
	case c < 0x800:
		return append(buf, 0xc0+byte(c>>6&0x1f), 0x80+byte(c&0x3f))
	case c < 0x10000:
		return append(buf, 0xe0+byte(c>>12&0x0f), 0x80+byte(c>>6&0x3f), 0x80+byte(c&0x3f))
	default:
		return append(buf, 0xf0+byte(c>>18&0x07), 0x80+byte(c>>12&0x3f), 0x80+byte(c>>6&0x3f), 0x80+byte(c&0x3f))
	}
}

// utf8Trans1 is SQLite's sqlite3Utf8Trans1: the payload bits of a UTF-8
// lead byte (0xc0 and up).
var utf8Trans1 = [64]byte{
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x00, 0x01, 0x02, 0x03, 0x00, 0x01, 0x00, 0x00,
}

// fts5Decode reads one character as SQLite's READ_UTF8 does: leniently
// (a stray continuation byte is the code point of its value, a lead byte
// takes every continuation byte that follows), with U+FFFD for what it
// rejects. It returns the code point and the bytes read.
func fts5Decode(s string) (uint32, int) {
	c := uint32(s[0])
	if c < 0xc0 {
		return c, 1
	}
	c = uint32(utf8Trans1[c-0xc0])
	n := 1
	for n < len(s) && s[n]&0xc0 == 0x80 {
		c = c<<6 + uint32(s[n]&0x3f)
		n++
	}
	if c < 0x80 || c&0xfffff800 == 0xd800 || c&0xfffffffe == 0xfffe {
		c = 0xfffd
	}
	return c, n
}

// fts5Tokens appends to dst the tokens SQLite's FTS5 makes of text with
// tokenize='unicode61 remove_diacritics 2' (as items_fts does), in order.
func fts5Tokens(dst []string, text string) []string {
	var buf []byte
	for i := 0; i < len(text); {
		c, n := fts5Decode(text[i:])
		i += n
		if fts5KindOf(c) != fts5Starts {
			continue
		}
		buf = fts5AppendFold(buf[:0], c)
		for i < len(text) {
			c, n := fts5Decode(text[i:])
			i += n
			if fts5KindOf(c) == fts5Separates {
				break
			}
			buf = fts5AppendFold(buf, c)
		}
		if len(buf) > fts5MaxToken {
			buf = buf[:fts5MaxToken]
		}
		dst = append(dst, string(buf))
	}
	return dst
}

// itemTokens returns the distinct tokens of an item's title and text,
// sorted.
func itemTokens(title, body string) []string {
	return slices.Compact(slices.Sorted(slices.Values(fts5Tokens(fts5Tokens(nil, title), body))))
}

// pgMaxLexeme is the longest lexeme a tsquery takes, in bytes (a
// tsvector takes one more).
const pgMaxLexeme = 2046

// pgSearchPart bounds the lexeme bytes of one item_search row (a
// tsvector holds less than 1 MB).
const pgSearchPart = 256 << 10

// lexeme returns tok as stored in item_search: cut to pgMaxLexeme bytes,
// on a character boundary, and whether it was cut.
func lexeme(tok string) (string, bool) {
	if len(tok) <= pgMaxLexeme {
		return tok, false
	}
	n := pgMaxLexeme
	for n > 0 && !utf8.RuneStart(tok[n]) {
		n--
	}
	return tok[:n], true
}

// searchDoc is an item to index for search.
type searchDoc struct {
	id          int64
	title, body string
}

// indexSearchAfter indexes the items with ids above afterID, replacing
// what item_search holds for them.
func (s *Store) indexSearchAfter(ctx context.Context, tx *sql.Tx, afterID int64) error {
	for {
		rows, err := tx.QueryContext(ctx, `SELECT id, title, body FROM items WHERE id > ? ORDER BY id LIMIT 500`, afterID)
		if err != nil {
			return err
		}
		var docs []searchDoc
		for rows.Next() {
			var d searchDoc
			if err := rows.Scan(&d.id, &d.title, &d.body); err != nil {
				rows.Close()
				return err
			}
			docs = append(docs, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(docs) == 0 {
			return nil
		}
		if err := s.indexSearch(ctx, tx, docs); err != nil {
			return err
		}
		afterID = docs[len(docs)-1].id
	}
}

// indexSearch writes the item_search rows of docs (PostgreSQL only).
func (s *Store) indexSearch(ctx context.Context, tx *sql.Tx, docs []searchDoc) error {
	type row struct {
		id, part int64
		lexemes  []string
	}
	var rows []row
	ids := make([]int64, len(docs))
	for k, d := range docs {
		ids[k] = d.id
		r := row{id: d.id}
		size := 0
		for _, tok := range itemTokens(d.title, d.body) {
			lex, _ := lexeme(tok)
			if size+len(lex) > pgSearchPart {
				rows = append(rows, r)
				r = row{id: d.id, part: r.part + 1}
				size = 0
			}
			r.lexemes = append(r.lexemes, lex)
			size += len(lex)
		}
		rows = append(rows, r)
	}
	idList, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM item_search WHERE item_id IN (SELECT value::bigint FROM json_array_elements_text(?::json))`, string(idList)); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	// Several items a statement, the JSON kept to a few megabytes.
	for len(rows) > 0 {
		var batch []any
		size := 0
		for len(rows) > 0 && (len(batch) == 0 || size < 4<<20) {
			r := rows[0]
			rows = rows[1:]
			batch = append(batch, []any{r.id, r.part, r.lexemes})
			for _, l := range r.lexemes {
				size += len(l) + 3
			}
		}
		b, err := json.Marshal(batch)
		if err != nil {
			return err
		}
		// array_to_tsvector takes the lexemes as they are: no parsing,
		// no folding by the server's locale.
		if _, err := tx.ExecContext(ctx, `INSERT INTO item_search(item_id, part, terms)
			SELECT (e ->> 0)::bigint, (e ->> 1)::bigint, array_to_tsvector(ARRAY(SELECT json_array_elements_text(e -> 2)))
			FROM json_array_elements(?::json) e`, string(b)); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	return nil
}

// reindexSearch rebuilds the whole PostgreSQL search index (after an
// import).
func (s *Store) reindexSearch(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM item_search`); err != nil {
		return err
	}
	return s.indexSearchAfter(ctx, tx, 0)
}

// searchFormula is an ItemQuery's search as FTS5 reads the query that
// FTSQuery and ftsGroups write: every clause must match; a clause matches
// when any of its alternatives does, an alternative when each of its
// tokens begins a token of the item. An alternative with a word that
// makes no token matches nothing, as FTS5's ""* does.
type searchFormula struct {
	clauses [][][]string
	none    bool // some clause can match nothing
}

// errSearchPhrase is FTS5's refusal of a word its tokenizer splits in
// two (a phrase, which items_fts, with detail=column, cannot search).
var errSearchPhrase = errors.New("the full-text index splits the word in two and cannot search for it as a phrase")

// newSearchFormula returns the formula of q's Search and Groups, nil when
// they hold no word (then FTS5 is not asked and nothing is found).
func newSearchFormula(q ItemQuery) (*searchFormula, error) {
	var clauses [][][]string // of words
	for _, w := range searchWords(q.Search) {
		clauses = append(clauses, [][]string{{w}})
	}
	for _, g := range q.Groups {
		var alts [][]string
		for _, w := range g {
			if words := searchWords(w); len(words) > 0 {
				alts = append(alts, words)
			}
		}
		if len(alts) > 0 {
			clauses = append(clauses, alts)
		}
	}
	if len(clauses) == 0 {
		return nil, nil
	}
	f := &searchFormula{}
	for _, c := range clauses {
		var alts [][]string
		for _, alt := range c {
			var toks []string
			empty := false
			for _, w := range alt {
				t := fts5Tokens(nil, w)
				switch len(t) {
				case 0:
					empty = true
				case 1:
					toks = append(toks, t[0])
				default:
					return nil, fmt.Errorf("search for %q: %w", w, errSearchPhrase)
				}
			}
			if !empty {
				alts = append(alts, toks)
			}
		}
		if len(alts) == 0 {
			f.none = true
		}
		f.clauses = append(f.clauses, alts)
	}
	return f, nil
}

// pgCondition returns the formula as a condition on items i for
// PostgreSQL, its arguments, and whether it is exact (else matches must
// check the candidates it finds).
func (f *searchFormula) pgCondition() (string, []any, bool) {
	if f.none {
		return `FALSE`, nil, true
	}
	exact := true
	var args []any
	var clauses []string
	for _, c := range f.clauses {
		var alts []string
		for _, alt := range c {
			var terms []string
			for _, tok := range alt {
				lex, cut := lexeme(tok)
				exact = exact && !cut
				terms = append(terms, `i.id IN (SELECT item_id FROM item_search WHERE terms @@ ?::tsquery)`)
				args = append(args, tsqueryPrefix(lex))
			}
			alts = append(alts, `(`+strings.Join(terms, ` AND `)+`)`)
		}
		clauses = append(clauses, `(`+strings.Join(alts, ` OR `)+`)`)
	}
	return strings.Join(clauses, ` AND `), args, exact
}

// tsqueryPrefix is the tsquery matching lexemes that begin with lex.
func tsqueryPrefix(lex string) string {
	return `'` + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(lex) + `':*`
}

// matches tells whether an item with this title and text matches f, as
// FTS5 decides.
func (f *searchFormula) matches(title, body string) bool {
	if f.none {
		return false
	}
	toks := itemTokens(title, body)
	has := func(prefix string) bool {
		i, _ := slices.BinarySearch(toks, prefix)
		return i < len(toks) && strings.HasPrefix(toks[i], prefix)
	}
	for _, c := range f.clauses {
		if !slices.ContainsFunc(c, func(alt []string) bool {
			for _, p := range alt {
				if !has(p) {
					return false
				}
			}
			return true
		}) {
			return false
		}
	}
	return true
}
