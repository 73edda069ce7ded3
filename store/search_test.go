package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/feeds"
)

// fts5Reference tokenizes texts with SQLite's own FTS5, configured as
// items_fts is (with the positions that detail=column drops, to read the
// tokens back in order).
type fts5Reference struct {
	db *sql.DB
	n  int64
}

func newFTS5Reference(t testing.TB) *fts5Reference {
	t.Helper()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	for _, q := range []string{
		`CREATE VIRTUAL TABLE f USING fts5(x, tokenize='unicode61 remove_diacritics 2')`,
		`CREATE VIRTUAL TABLE v USING fts5vocab(f, 'instance')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return &fts5Reference{db: db}
}

// tokens returns SQLite's tokens of each text.
func (r *fts5Reference) tokens(t testing.TB, texts []string) [][]string {
	t.Helper()
	tx, err := r.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	first := r.n + 1
	for _, s := range texts {
		r.n++
		if _, err := tx.Exec(`INSERT INTO f(rowid, x) VALUES (?, ?)`, r.n, s); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := tx.Query(`SELECT doc, "offset", term FROM v WHERE doc >= ? ORDER BY doc, "offset"`, first)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := make([][]string, len(texts))
	for rows.Next() {
		var doc int64
		var off int
		var term string
		if err := rows.Scan(&doc, &off, &term); err != nil {
			t.Fatal(err)
		}
		k := doc - first
		for len(out[k]) < off {
			out[k] = append(out[k], "") // an empty token: no term
		}
		out[k] = append(out[k], term)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func compareTokens(t testing.TB, r *fts5Reference, texts []string) {
	t.Helper()
	for k, want := range r.tokens(t, texts) {
		got := fts5Tokens(nil, texts[k])
		if !slices.Equal(got, want) {
			t.Errorf("tokens of %q:\n got %q\nwant %q", texts[k], got, want)
		}
	}
}

// The Go tokenizer splits text as SQLite's FTS5 does: words of many
// scripts, diacritics, marks, invalid UTF-8, tokens past FTS5's limit.
func TestFTS5TokensMatchSQLite(t *testing.T) {
	r := newFTS5Reference(t)
	texts := []string{
		"Drone strike near Shebekino, the governor said",
		"Обстрел Белгородской области: губернатор сообщил о раненых",
		"Дрон атакував Бєлгород; поранено двох. Ґрунт, їжак, Єнакієве",
		"Ελληνικά ΚΕΦΑΛΑΙΑ και τόνοι: άέήίόύώ ΐΰ",
		"Crème brûlée à Zürich, Łódź, Ærøskøbing, straße, İstanbul, ǅemal, ĳssel",
		"e\u0301cole a\u0300\u0301b \u0301lead-mark 東京都 2026-11-30 3.5 x²",
		"New Tai Lue \u1980\u19b0\u1981 and emoji 😀 in sentence",
		"invalid \xff\xfe bytes \xe2\x82 cut \xd0 and \xc3\xa9\x80 \xf4\x90\x80\x80x \xf8\x88\x80\x80\x80y \xed\xa0\x80z \xaa\x80",
		"\x00nul\x00inside",
		"standalone marks \u0300 \u0301\u0302 x\u0331 \u0331y",
		strings.Repeat("a", 40000) + "b end",
		strings.Repeat("é", 20000) + " " + strings.Repeat("ж", 17000),
		"",
	}
	compareTokens(t, r, texts)

	// Every class and fold in the tables, at their edges, and a sample of
	// the rest of the code points, each in a word and at a word's start.
	var cps []rune
	for _, rg := range fts5Separators {
		cps = append(cps, rg[0]-1, rg[0], rg[1], rg[1]+1)
	}
	cps = append(cps, fts5Marks[:]...)
	for _, f := range fts5Folds {
		cps = append(cps, f[0])
	}
	for c := rune(0); c <= utf8.MaxRune; c += 89 {
		cps = append(cps, c)
	}
	var probes []string
	for _, c := range cps {
		if utf8.ValidRune(c) {
			s := string(c)
			probes = append(probes, "q"+s+"q "+s+"z")
		}
	}
	compareTokens(t, r, probes)
	if t.Failed() {
		t.Logf("the tables come from SQLite %s: run go generate ./store after upgrading modernc.org/sqlite", fts5SQLiteVersion)
	}
}

func FuzzFTS5Tokens(f *testing.F) {
	for _, s := range []string{"Белгород Belgorod", "a\u0301b", "\xc3\xa9\x80q", "x\u19b0y", "ǅ İ ß"} {
		f.Add(s)
	}
	r := newFTS5Reference(f)
	f.Fuzz(func(t *testing.T, s string) {
		compareTokens(t, r, []string{s})
	})
}

// searchCorpus is stored in both databases by TestSearchSameOnBothBackends.
var searchCorpus = []struct{ title, text string }{
	{"Обстрел Белгородской области", "Губернатор сообщил о раненых в Шебекино"},
	{"Drone strike on Belgorod", "Two wounded, the governor said"},
	{"Дрон атакував Бєлгород", "Поранено двох, повідомив губернатор"},
	{"Kursk governor on drones", "Shelling in Sudzha and Rylsk"},
	{"NATO ministers pledge air defence", "Allies agreed in Brussels"},
	{"Évacuation à Soudja", "Les autorités de Koursk évacuent des villages"},
	{"Суджа: эвакуация", "Власти Курской области эвакуируют сёла"},
	{"Vovchansk under fire", "Kharkiv region governor Syniehubov reports shelling"},
	{"Вовчанськ під обстрілом", "Харківська область, Синєгубов"},
	{"Straße gesperrt in Zürich", "Die Polizei in ZÜRICH meldet Stau"},
	{"İstanbul summit", "ISTANBUL talks resume"},
	{"Tai Lue \u1980\u19b0\u1981 script", "emoji 😀 and marks e\u0301cole"},
	{"Long words", strings.Repeat("x", 3000) + "yz and " + strings.Repeat("x", 3000) + "ab"},
	{"More long words", strings.Repeat("x", 2999) + "q"},
	{"Belgorod again", "belgorodskaya oblast, governor Gladkov"},
}

// Searches give the same items, in the same order, on both databases:
// Latin and Cyrillic words, prefixes, diacritics, several words, groups
// of a place's spellings, words FTS5 splits or drops, long tokens.
func TestSearchSameOnBothBackends(t *testing.T) {
	ctx := context.Background()
	lite, _ := sqliteStore(t)
	pg, _ := postgresStore(t)
	pub := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	for _, s := range []*Store{lite, pg} {
		src, err := s.AddSource(ctx, SourceSpec{Name: "A", URL: "https://a.example/rss"})
		if err != nil {
			t.Fatal(err)
		}
		var items []feeds.Item
		for i, c := range searchCorpus {
			// Two items share each time: the order among them is the id's.
			items = append(items, item(fmt.Sprint(i), fmt.Sprintf("https://a.example/%d", i), c.title, c.text, pub.Add(time.Duration(i/2)*time.Minute)))
		}
		if _, err := s.SaveItems(ctx, src.ID, items); err != nil {
			t.Fatal(err)
		}
	}
	long := strings.Repeat("x", 2999)
	tests := []struct {
		q    ItemQuery
		want string // the items found, or "error"
	}{
		{ItemQuery{Search: "белгород"}, "0"},
		{ItemQuery{Search: "Белгородской"}, "0"},
		{ItemQuery{Search: "belgorod"}, "14,1"},
		{ItemQuery{Search: "BELG"}, "14,1"},
		{ItemQuery{Search: "губернатор"}, "2,0"},
		{ItemQuery{Search: "governor"}, "14,7,3,1"},
		{ItemQuery{Search: "governor drone"}, "3,1"},
		{ItemQuery{Search: "evacuation soudja"}, "5"},
		{ItemQuery{Search: "évacuent KOURSK"}, "5"},
		{ItemQuery{Search: "сёла"}, "6"},
		{ItemQuery{Search: "села"}, ""}, // FTS5 keeps ё
		{ItemQuery{Search: "ёлка"}, ""},
		{ItemQuery{Search: "strasse"}, ""},
		{ItemQuery{Search: "straße zurich"}, "9"},
		{ItemQuery{Search: "istanbul"}, "10"},
		{ItemQuery{Search: "ecole"}, "11"},
		{ItemQuery{Search: "Синєгубов"}, "8"},
		{ItemQuery{Search: "nato shebekino"}, ""},
		{ItemQuery{Search: `"); DROP TABLE items; --`}, ""},
		{ItemQuery{Search: "***"}, ""},
		{ItemQuery{Search: "\u19b0"}, ""},                  // no token: matches nothing
		{ItemQuery{Search: "governor \u19b0"}, ""},         // ... and nothing with it
		{ItemQuery{Search: "\u1980\u19b0\u1981"}, "error"}, // two tokens: FTS5 refuses
		{ItemQuery{Groups: [][]string{{"Belgorod", "Белгород", "Бєлгород"}}}, "14,2,1,0"},
		{ItemQuery{Search: "governor", Groups: [][]string{{"Belgorod", "Kursk"}}}, "14,3,1"},
		{ItemQuery{Groups: [][]string{{"Sudzha", "Суджа", "Soudja"}, {"Kursk", "Курской", "Koursk"}}}, "6,5,3"},
		{ItemQuery{Groups: [][]string{{"Vovchansk", "Вовчанськ"}, {"Kharkiv region", "Харківська область"}}}, "8,7"},
		{ItemQuery{Groups: [][]string{{"\u19b0", "NATO"}}}, "4"},
		{ItemQuery{Groups: [][]string{{"***"}}}, ""},
		{ItemQuery{Search: "governor", Limit: 2}, "14,7"},
		{ItemQuery{Search: long + "xy"}, "12"},
		{ItemQuery{Search: long}, "13,12"},
		{ItemQuery{Search: long, Limit: 1}, "13"},
		{ItemQuery{Search: long + "qq"}, ""},
		{ItemQuery{Search: "governor", Since: pub.Add(2 * time.Minute)}, "14,7"},
		{ItemQuery{Search: "governor", Source: "A", Until: pub.Add(2 * time.Minute)}, "3,1"},
	}
	for _, tt := range tests {
		var results [2]string
		for k, s := range []*Store{lite, pg} {
			got, err := s.Items(ctx, tt.q)
			if err != nil {
				t.Logf("%s: %v", s.Dialect(), err)
				results[k] = "error"
				continue
			}
			var keys []string
			for _, it := range got {
				keys = append(keys, strings.TrimPrefix(it.URL, "https://a.example/"))
			}
			results[k] = strings.Join(keys, ",")
		}
		name := fmt.Sprintf("%.40q %.60q", tt.q.Search, fmt.Sprint(tt.q.Groups))
		if results[0] != tt.want {
			t.Errorf("%s on SQLite = %q, want %q", name, results[0], tt.want)
		}
		if results[1] != results[0] {
			t.Errorf("%s on PostgreSQL = %q, on SQLite %q", name, results[1], results[0])
		}
	}
	checkSearchIndex(t, lite)
	checkSearchIndex(t, pg)
}

// A random corpus and random searches, built from its own words and
// their prefixes, give the same results on both databases.
func TestRandomSearchesSameOnBothBackends(t *testing.T) {
	ctx := context.Background()
	lite, _ := sqliteStore(t)
	pg, _ := postgresStore(t)
	rng := rand.New(rand.NewPCG(7, 7))
	vocab := strings.Fields("Belgorod Белгород Бєлгород Kursk Курск Koursk Sudzha Суджа Soudja drone дрон дрони governor губернатор " +
		"évacuation эвакуация straße Zürich ZÜRICH İstanbul Łódź crème brûlée 2026 x² Ñandú ação ΑΘΗΝΑ Αθήνα 東京 ǅemal")
	phrase := func(n int) string {
		var w []string
		for range n {
			w = append(w, vocab[rng.IntN(len(vocab))])
		}
		return strings.Join(w, " ")
	}
	pub := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	var items []feeds.Item
	for i := range 200 {
		items = append(items, item(fmt.Sprint(i), fmt.Sprintf("https://a.example/%d", i), phrase(1+rng.IntN(4)), phrase(rng.IntN(12)), pub.Add(time.Duration(rng.IntN(50))*time.Minute)))
	}
	for _, s := range []*Store{lite, pg} {
		src, err := s.AddSource(ctx, SourceSpec{Name: "A", URL: "https://a.example/rss"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveItems(ctx, src.ID, items); err != nil {
			t.Fatal(err)
		}
	}
	word := func() string {
		w := []rune(vocab[rng.IntN(len(vocab))])
		return string(w[:1+rng.IntN(len(w))])
	}
	found := 0
	for range 300 {
		var q ItemQuery
		for range rng.IntN(3) {
			q.Search += word() + " "
		}
		for range rng.IntN(3) {
			var g []string
			for range 1 + rng.IntN(3) {
				g = append(g, word())
			}
			q.Groups = append(q.Groups, g)
		}
		var results [2][]string
		for k, s := range []*Store{lite, pg} {
			got, err := s.Items(ctx, q)
			if err != nil {
				t.Fatalf("%s: %+v: %v", s.Dialect(), q, err)
			}
			for _, it := range got {
				results[k] = append(results[k], it.ID)
			}
		}
		if !slices.Equal(results[0], results[1]) {
			t.Errorf("search %q groups %q: SQLite %v, PostgreSQL %v", q.Search, q.Groups, results[0], results[1])
		}
		found += len(results[0])
	}
	if found == 0 {
		t.Error("no search found anything")
	}
}
