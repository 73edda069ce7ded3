// Package testnews gives the chat adapters' tests a store holding a few
// reports (a drone strike on Shebekino, a NATO pledge, shelling in
// Sudzha) and a bot on it.
package testnews

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/digest"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/store"
)

// Store opens a SQLite store in a temporary folder holding the reports,
// published shortly before now; it is closed at the test's end.
func Store(t testing.TB, o store.Options) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "t.db"), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	Seed(t, st, time.Now())
	return st
}

// Seed stores the reports from the source "Wire", published 3, 2 and 1
// hours before now.
func Seed(t testing.TB, st *store.Store, now time.Time) {
	t.Helper()
	ctx := context.Background()
	src, err := st.AddSource(ctx, store.SourceSpec{Name: "Wire", URL: "https://wire.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	item := func(key, title, text string, ago time.Duration) feeds.Item {
		link := "https://news.example/" + key
		return feeds.Item{Key: "guid:" + key, URL: link, Link: link, Title: title, Text: text, Lang: "en", Published: now.Add(-ago)}
	}
	if _, err := st.SaveItems(ctx, src.ID, []feeds.Item{
		item("shebekino", "Drone strike on Shebekino injures two", "A Ukrainian drone struck a car in Shebekino, Belgorod region, injuring two people, governor Vyacheslav Gladkov said.", 3*time.Hour),
		item("nato", "NATO chief pledges more air defence for Ukraine", "NATO Secretary General Mark Rutte said on Monday that allies pledged more air defence systems for Ukraine.", 2*time.Hour),
		item("sudzha", "Shelling in Sudzha", "Ukrainian forces shelled Sudzha in the Kursk region on Monday, damaging houses, officials said.", time.Hour),
	}); err != nil {
		t.Fatal(err)
	}
}

// Bot returns a bot on st with the default topics, indexing before each
// lookup; o's Store, Engine and Index are filled in.
func Bot(t testing.TB, st *store.Store, o bot.Options) *bot.Bot {
	t.Helper()
	eng, err := digest.DefaultEngine()
	if err != nil {
		t.Fatal(err)
	}
	x := digest.NewIndexer(eng, st, digest.ClusterOptions{})
	o.Store, o.Engine = st, eng
	o.Index = func(ctx context.Context) error { _, err := x.Index(ctx); return err }
	return bot.New(o)
}
