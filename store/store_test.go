package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// opener opens a new, empty store, closed when the test ends.
type opener func(t *testing.T) (*Store, *clock)

// backends runs test against each database, as the subtests sqlite and
// postgres (which skips without PostgreSQL, and fails under CI=true).
func backends(t *testing.T, test func(t *testing.T, open opener)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { test(t, sqliteStore) })
	t.Run("postgres", func(t *testing.T) { test(t, postgresStore) })
}

func sqliteStore(t *testing.T) (*Store, *clock) {
	t.Helper()
	return openStoreAt(t, "sqlite://"+filepath.Join(t.TempDir(), "t.db"))
}

func postgresStore(t *testing.T) (*Store, *clock) {
	t.Helper()
	return openStoreAt(t, pgtest.NewDB(t))
}

func openStoreAt(t *testing.T, dsn string) (*Store, *clock) {
	t.Helper()
	c := &clock{t: time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)}
	s, err := Open(context.Background(), dsn, Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, c
}

func mustSource(t *testing.T, s *Store, name string) feeds.Source {
	t.Helper()
	src, err := s.SourceByName(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func item(key, url, title, text string, pub time.Time) feeds.Item {
	return feeds.Item{Key: key, URL: url, Link: url, Title: title, Text: text, Summary: text, Published: pub, Lang: "en"}
}

func TestSyncConfigSources(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, _ := open(t)
		specs := []SourceSpec{{Name: "B", URL: "https://b.example/rss", Tags: []string{"x", "y"}}, {Name: "A", URL: "https://a.example/rss"}}
		if err := s.SyncConfigSources(ctx, specs); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddSource(ctx, SourceSpec{Name: "Added", URL: "https://c.example/rss"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddSource(ctx, SourceSpec{Name: "Other", URL: "https://c.example/rss"}); !errors.Is(err, ErrExists) {
			t.Errorf("duplicate URL: err = %v", err)
		}
		b := mustSource(t, s, "B")
		if err := s.RecordPoll(ctx, b.ID, feeds.PollResult{At: time.Now(), Status: 200, ETag: `"e1"`}); err != nil {
			t.Fatal(err)
		}
		// Restart with A removed from the config and B reordered: B keeps its state.
		if err := s.SyncConfigSources(ctx, []SourceSpec{{Name: "B", URL: "https://b.example/rss"}}); err != nil {
			t.Fatal(err)
		}
		srcs, err := s.Sources(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, x := range srcs {
			names = append(names, x.Name)
		}
		if strings.Join(names, ",") != "B,Added" {
			t.Errorf("sources = %v, want B,Added", names)
		}
		if srcs[0].ETag != `"e1"` {
			t.Errorf("state lost on resync: %+v", srcs[0])
		}
		if err := s.RemoveSource(ctx, "B"); err == nil {
			t.Error("removing a config source must be refused")
		}
		if err := s.RemoveSource(ctx, "Added"); err != nil {
			t.Error(err)
		}
		if err := s.RemoveSource(ctx, "nope"); !errors.Is(err, ErrNotFound) {
			t.Errorf("remove unknown: %v", err)
		}
	})
}

func TestSaveItemsNewUpdatedAndHistory(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, c := open(t)
		if err := s.SyncConfigSources(ctx, []SourceSpec{{Name: "A", URL: "https://a.example/rss"}}); err != nil {
			t.Fatal(err)
		}
		a := mustSource(t, s, "A")
		pub := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
		items := []feeds.Item{
			item("guid:1", "https://a.example/1", "Toll rises to two", "Two wounded", pub),
			item("guid:2", "https://a.example/2", "Second", "text", pub.Add(time.Hour)),
			item("guid:1", "https://a.example/1", "dup in same feed", "x", pub),
		}
		res, err := s.SaveItems(ctx, a.ID, items)
		if err != nil || res.New != 2 || res.Updated != 0 {
			t.Fatalf("first save: %+v %v", res, err)
		}
		res, _ = s.SaveItems(ctx, a.ID, items[:2])
		if res.New != 0 || res.Updated != 0 {
			t.Errorf("unchanged save: %+v", res)
		}
		c.t = c.t.Add(time.Hour)
		changed := item("guid:1", "https://a.example/1", "Toll rises to three", "Three wounded", pub)
		res, _ = s.SaveItems(ctx, a.ID, []feeds.Item{changed})
		if res.New != 0 || res.Updated != 1 {
			t.Errorf("changed save: %+v", res)
		}
		got, err := s.Items(ctx, ItemQuery{})
		if err != nil || len(got) != 2 {
			t.Fatalf("items: %v %v", got, err)
		}
		if got[0].Title != "Second" || got[1].Title != "Toll rises to three" {
			t.Errorf("order/title: %q, %q", got[0].Title, got[1].Title)
		}
		h, err := s.ItemHistory(ctx, got[1].ID)
		if err != nil || len(h) != 1 || h[0].Title != "Toll rises to two" {
			t.Errorf("history = %+v, %v", h, err)
		}
		if n, _ := s.CountItems(ctx, a.ID); n != 2 {
			t.Errorf("count = %d", n)
		}
	})
}

func TestSameLinkFromTwoSourcesIsOneArticle(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, _ := open(t)
		if err := s.SyncConfigSources(ctx, []SourceSpec{{Name: "A", URL: "https://a.example/rss"}, {Name: "B", URL: "https://b.example/rss"}}); err != nil {
			t.Fatal(err)
		}
		a, b := mustSource(t, s, "A"), mustSource(t, s, "B")
		pub := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
		if _, err := s.SaveItems(ctx, a.ID, []feeds.Item{item("guid:a1", "https://news.example/story", "Story", "t", pub)}); err != nil {
			t.Fatal(err)
		}
		other := item("link:https://news.example/story", "https://news.example/story", "Story (B)", "t", pub)
		other.Link = "http://news.example/story?utm_source=b"
		res, err := s.SaveItems(ctx, b.ID, []feeds.Item{other})
		if err != nil || res.New != 1 {
			t.Fatalf("B save: %+v %v", res, err)
		}
		got, _ := s.Items(ctx, ItemQuery{})
		if len(got) != 1 {
			t.Fatalf("want one article, got %d", len(got))
		}
		if strings.Join(got[0].Sources, ",") != "A,B" || got[0].Source != "A" || len(got[0].Carriers) != 2 || got[0].Carriers[1].Link != other.Link {
			t.Errorf("article = %+v", got[0])
		}
		if bi, _ := s.Items(ctx, ItemQuery{Source: "B"}); len(bi) != 1 {
			t.Errorf("source filter B: %d items", len(bi))
		}
	})
}

func TestUndatedItemsUseFirstSeen(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, c := open(t)
		s.SyncConfigSources(ctx, []SourceSpec{{Name: "A", URL: "https://a.example/rss"}})
		a := mustSource(t, s, "A")
		s.SaveItems(ctx, a.ID, []feeds.Item{item("hash:x", "", "Undated", "t", time.Time{})})
		got, _ := s.Items(ctx, ItemQuery{Since: c.t.Add(-time.Minute)})
		if len(got) != 1 || !got[0].Published.Equal(c.t) || got[0].Dated {
			t.Errorf("undated item: %+v", got)
		}
	})
}

func TestSearch(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, _ := open(t)
		s.SyncConfigSources(ctx, []SourceSpec{{Name: "A", URL: "https://a.example/rss"}})
		a := mustSource(t, s, "A")
		pub := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
		s.SaveItems(ctx, a.ID, []feeds.Item{
			item("1", "https://a.example/1", "Обстрел Белгородской области", "Губернатор сообщил о раненых", pub),
			item("2", "https://a.example/2", "NATO ministers pledge air defence", "Allies agreed in Brussels", pub.Add(time.Minute)),
			item("3", "https://a.example/3", "Drone strike near Shebekino", "Two wounded, the governor said", pub.Add(2*time.Minute)),
		})
		tests := []struct {
			q    string
			want []string
		}{
			{"белгород", []string{"1"}},
			{"Белгородской", []string{"1"}},
			{"губернатор раненых", []string{"1"}},
			{"NATO brussels", []string{"2"}},
			{"governor", []string{"3"}},
			{"nato shebekino", nil},
			{`"); DROP TABLE items; --`, nil},
			{"***", nil},
		}
		for _, tt := range tests {
			got, err := s.Items(ctx, ItemQuery{Search: tt.q})
			if err != nil {
				t.Errorf("search %q: %v", tt.q, err)
				continue
			}
			var keys []string
			for _, it := range got {
				keys = append(keys, strings.TrimPrefix(it.URL, "https://a.example/"))
			}
			if strings.Join(keys, ",") != strings.Join(tt.want, ",") {
				t.Errorf("search %q = %v, want %v", tt.q, keys, tt.want)
			}
		}
	})
}

func TestPrunedItemsDoNotComeBack(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, c := open(t)
		s.SyncConfigSources(ctx, []SourceSpec{{Name: "A", URL: "https://a.example/rss"}})
		a := mustSource(t, s, "A")
		old := item("guid:old", "https://a.example/old", "Old", "t", c.t.Add(-100*24*time.Hour))
		s.SaveItems(ctx, a.ID, []feeds.Item{old})
		c.t = c.t.Add(91 * 24 * time.Hour)
		fresh := item("guid:new", "https://a.example/new", "New", "t", c.t)
		s.SaveItems(ctx, a.ID, []feeds.Item{fresh})
		n, err := s.Prune(ctx, c.t.Add(-90*24*time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("prune: %d %v", n, err)
		}
		res, _ := s.SaveItems(ctx, a.ID, []feeds.Item{old, fresh})
		if res.New != 0 {
			t.Errorf("pruned item came back: %+v", res)
		}
		if got, _ := s.Items(ctx, ItemQuery{}); len(got) != 1 || got[0].Title != "New" {
			t.Errorf("items after prune: %+v", got)
		}
	})
}

func TestRecordPollHealth(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, c := open(t)
		s.SyncConfigSources(ctx, []SourceSpec{{Name: "A", URL: "http://a.example/rss"}})
		a := mustSource(t, s, "A")
		t0 := c.t
		for i := 0; i < 3; i++ {
			s.RecordPoll(ctx, a.ID, feeds.PollResult{At: t0.Add(time.Duration(i) * time.Hour), Status: 500, Err: "HTTP 500"})
		}
		a = mustSource(t, s, "A")
		if a.Failures != 3 || !a.FailingSince.Equal(t0) || a.LastError != "HTTP 500" || !a.LastErrorAt.Equal(t0.Add(2*time.Hour)) {
			t.Errorf("after failures: %+v", a)
		}
		failing, _ := s.FailingSince(ctx, t0.Add(time.Minute))
		if len(failing) != 1 {
			t.Errorf("FailingSince = %v", failing)
		}
		s.RecordPoll(ctx, a.ID, feeds.PollResult{At: t0.Add(3 * time.Hour), Status: 200, MovedTo: "https://a.example/feed"})
		a = mustSource(t, s, "A")
		if a.Failures != 0 || !a.FailingSince.IsZero() || a.URL != "https://a.example/feed" || a.LastError != "HTTP 500" {
			t.Errorf("after success: %+v", a)
		}
	})
}

func TestOpenRejectsUnknownURLs(t *testing.T) {
	for _, dsn := range []string{"mysql://x@y/z", "sqlite://", "/var/lib/briefbot.db"} {
		if _, err := Open(context.Background(), dsn, Options{}); err == nil {
			t.Errorf("Open(%q) accepted", dsn)
		}
	}
}

func TestTwoSourcesWithDifferentTitlesDoNotFlipFlop(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, _ := open(t)
		s.SyncConfigSources(ctx, []SourceSpec{{Name: "A", URL: "https://a.example/rss"}, {Name: "B", URL: "https://b.example/rss"}})
		a, b := mustSource(t, s, "A"), mustSource(t, s, "B")
		pub := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
		ia := item("guid:a", "https://news.example/x", "Title as A has it", "a text", pub)
		ib := item("guid:b", "https://news.example/x", "Title as B has it", "b text", pub)
		for round := 0; round < 3; round++ {
			ra, _ := s.SaveItems(ctx, a.ID, []feeds.Item{ia})
			rb, _ := s.SaveItems(ctx, b.ID, []feeds.Item{ib})
			if round > 0 && (ra.Updated != 0 || rb.Updated != 0 || ra.New != 0 || rb.New != 0) {
				t.Errorf("round %d: A %+v, B %+v: unchanged copies must not count as updates", round, ra, rb)
			}
		}
		got, _ := s.Items(ctx, ItemQuery{})
		if len(got) != 1 || got[0].Carriers[0].Title != "Title as A has it" || got[0].Carriers[1].Title != "Title as B has it" {
			t.Errorf("carriers keep their own titles: %+v", got)
		}
	})
}

func TestSearchFollowsUpdatesAndDeletes(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, c := open(t)
		s.SyncConfigSources(ctx, []SourceSpec{{Name: "A", URL: "https://a.example/rss"}})
		a := mustSource(t, s, "A")
		s.SaveItems(ctx, a.ID, []feeds.Item{item("guid:1", "https://a.example/1", "Shelling in Vovchansk", "first report", c.t)})
		s.SaveItems(ctx, a.ID, []feeds.Item{item("guid:1", "https://a.example/1", "Drone strike in Kupiansk", "corrected report", c.t)})
		if got, _ := s.Items(ctx, ItemQuery{Search: "Vovchansk"}); len(got) != 0 {
			t.Errorf("old title still found after update: %+v", got)
		}
		if got, _ := s.Items(ctx, ItemQuery{Search: "kupiansk corrected"}); len(got) != 1 {
			t.Errorf("updated title not found: %+v", got)
		}
		res := s.ApplyPolls(ctx, []feeds.PollUpdate{{SourceID: a.ID, Save: true, Items: []feeds.Item{item("guid:2", "https://a.example/2", "Evacuation from Sudzha", "t", c.t)}, Result: feeds.PollResult{At: c.t, Status: 200}}})
		if res[0].Err != nil || res[0].Saved.New != 1 || res[0].Total != 2 {
			t.Fatalf("ApplyPolls = %+v", res[0])
		}
		if got, _ := s.Items(ctx, ItemQuery{Search: "sudzha"}); len(got) != 1 {
			t.Errorf("item stored through ApplyPolls is not searchable: %+v", got)
		}
		c.t = c.t.Add(100 * 24 * time.Hour)
		if _, err := s.Prune(ctx, c.t.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Items(ctx, ItemQuery{Search: "kupiansk"}); len(got) != 0 {
			t.Errorf("pruned item still searchable: %+v", got)
		}
		checkSearchIndex(t, s)
	})
}

func TestApplyPollsIsolatesAFailingUpdate(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, c := open(t)
		s.SyncConfigSources(ctx, []SourceSpec{{Name: "A", URL: "https://a.example/rss"}, {Name: "B", URL: "https://b.example/rss"}})
		a, b := mustSource(t, s, "A"), mustSource(t, s, "B")
		ok := feeds.PollResult{At: c.t, Status: 200}
		res := s.ApplyPolls(ctx, []feeds.PollUpdate{
			{SourceID: a.ID, Save: true, Items: []feeds.Item{item("1", "https://a.example/1", "A1", "t", c.t)}, Result: ok},
			{SourceID: 9999, Save: true, Items: []feeds.Item{item("x", "https://x.example/1", "X", "t", c.t)}, Result: ok}, // no such source
			{SourceID: b.ID, Save: true, Items: []feeds.Item{item("1", "https://b.example/1", "B1", "t", c.t)}, Result: ok},
		})
		if res[0].Err != nil || res[0].Saved.New != 1 || res[2].Err != nil || res[2].Saved.New != 1 {
			t.Errorf("good updates must commit: %+v", res)
		}
		if res[1].Err == nil {
			t.Error("the update for a missing source must fail")
		}
		got, _ := s.Items(ctx, ItemQuery{})
		if len(got) != 2 {
			t.Errorf("stored %d items, want 2 (nothing of the failed update)", len(got))
		}
		if a := mustSource(t, s, "A"); a.LastSuccess.IsZero() {
			t.Error("A's poll not recorded")
		}
	})
}

// An article's time is its earliest dated report, whichever source
// brought it first; the change queues it for the digest engine again.
func TestArticleTimeIsItsEarliestReport(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, _ := open(t)
		for _, n := range []string{"A", "B"} {
			if _, err := s.AddSource(ctx, SourceSpec{Name: n, URL: "https://" + n + ".example/rss"}); err != nil {
				t.Fatal(err)
			}
		}
		late := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
		early := late.Add(-3 * time.Hour)
		if _, err := s.SaveItems(ctx, mustSource(t, s, "A").ID, []feeds.Item{item("a1", "https://news.example/x", "X", "text", late)}); err != nil {
			t.Fatal(err)
		}
		st, _ := s.IndexStatus(ctx)
		if st.Pending != 1 {
			t.Fatalf("pending = %d, want 1", st.Pending)
		}
		if err := s.ResetIndex(ctx, "fp"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.IndexBatch(ctx, "fp", 10, func([]IndexedItem, IndexReader) (IndexUpdate, error) {
			return IndexUpdate{}, nil
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveItems(ctx, mustSource(t, s, "B").ID, []feeds.Item{item("b1", "https://news.example/x", "X", "text", early)}); err != nil {
			t.Fatal(err)
		}
		items, err := s.Items(ctx, ItemQuery{})
		if err != nil || len(items) != 1 {
			t.Fatalf("items = %v, %v", items, err)
		}
		if !items[0].Published.Equal(early) {
			t.Errorf("published = %v, want the earlier report's %v", items[0].Published, early)
		}
		if st, _ := s.IndexStatus(ctx); st.Pending != 1 {
			t.Errorf("pending after an earlier report = %d, want 1 (queued again)", st.Pending)
		}
	})
}

// The writer never checkpoints (commits do not wait for one); the read
// pool can, and Close folds the log into the database.
func TestCheckpointOffTheWritePath(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	s, err := Open(ctx, "sqlite://"+path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddSource(ctx, SourceSpec{Name: "A", URL: "https://a.example/rss"}); err != nil {
		t.Fatal(err)
	}
	var items []feeds.Item
	for i := range 300 {
		items = append(items, item(fmt.Sprint("k", i), fmt.Sprint("https://a.example/", i), "t", strings.Repeat("text ", 200), time.Now()))
	}
	if _, err := s.SaveItems(ctx, mustSource(t, s, "A").ID, items); err != nil {
		t.Fatal(err)
	}
	var busy, log, done int
	if err := s.rdb.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &log, &done); err != nil {
		t.Fatal(err)
	}
	if busy != 0 || log == 0 || done != log {
		t.Errorf("checkpoint from the read pool: busy %d, log %d frames, %d checkpointed", busy, log, done)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		t.Errorf("after Close the log holds %d bytes", st.Size())
	}
}

func TestSearchGroupsMatchAnySpelling(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s, _ := open(t)
		s.SyncConfigSources(ctx, []SourceSpec{{Name: "A", URL: "https://a.example/rss"}})
		a := mustSource(t, s, "A")
		pub := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
		s.SaveItems(ctx, a.ID, []feeds.Item{
			item("1", "https://a.example/1", "Обстрел Белгородской области", "Губернатор сообщил о раненых", pub),
			item("2", "https://a.example/2", "Drone strike on Belgorod", "Two wounded, the governor said", pub.Add(time.Minute)),
			item("3", "https://a.example/3", "Дрон атакував Бєлгород", "Поранено двох", pub.Add(2*time.Minute)),
			item("4", "https://a.example/4", "Kursk governor on drones", "Shelling in Sudzha", pub.Add(3*time.Minute)),
		})
		got, err := s.Items(ctx, ItemQuery{Groups: [][]string{{"Belgorod", "Белгород", "Бєлгород"}}})
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, it := range got {
			keys = append(keys, it.URL[len(it.URL)-1:])
		}
		if strings.Join(keys, ",") != "3,2,1" {
			t.Errorf("any spelling of Belgorod: %v, want 3,2,1 (newest first)", keys)
		}
		got, _ = s.Items(ctx, ItemQuery{Search: "governor", Groups: [][]string{{"Belgorod", "Kursk"}}})
		if len(got) != 2 {
			t.Errorf("governor AND (Belgorod OR Kursk): %d items, want 2", len(got))
		}
	})
}
