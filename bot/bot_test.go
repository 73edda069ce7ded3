package bot

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/briefbot/briefbot/bot/console"
	"github.com/briefbot/briefbot/digest"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/store"
)

var testNow = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

type fixture struct {
	t   testing.TB
	st  *store.Store
	bot *Bot

	metrics *prometheus.Registry // startDelivery's

	mu  sync.Mutex // the clock is read by delivery workers too
	now time.Time
}

func (f *fixture) clock() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fixture) setNow(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = t
}

func newFixture(t testing.TB, o Options) *fixture {
	t.Helper()
	return newFixtureOn(t, "sqlite://"+filepath.Join(t.TempDir(), "t.db"), o)
}

// newFixtureOn builds the fixture on the database at dsn.
func newFixtureOn(t testing.TB, dsn string, o Options) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{t: t, now: testNow}
	st, err := store.Open(ctx, dsn, store.Options{Now: func() time.Time { return f.clock() }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	eng, err := digest.DefaultEngine()
	if err != nil {
		t.Fatal(err)
	}
	f.st = st
	src, err := st.AddSource(ctx, store.SourceSpec{Name: "Wire", URL: "https://wire.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	reg, err := st.AddSource(ctx, store.SourceSpec{Name: "Oblast Vestnik", URL: "https://vestnik.example/feed", Tags: []string{"official"}})
	if err != nil {
		t.Fatal(err)
	}
	item := func(key, title, text string, ago time.Duration) feeds.Item {
		link := "https://news.example/" + key
		return feeds.Item{Key: "guid:" + key, URL: link, Link: link, Title: title, Text: text, Lang: "en", Published: testNow.Add(-ago)}
	}
	if _, err := st.SaveItems(ctx, src.ID, []feeds.Item{
		item("shebekino", "Drone strike on Shebekino injures two", "A Ukrainian drone struck a car in Shebekino, Belgorod region, injuring two people, governor Vyacheslav Gladkov said.", 3*time.Hour),
		item("nato", "NATO chief pledges more air defence for Ukraine", "NATO Secretary General Mark Rutte said on Monday that allies pledged more air defence systems for Ukraine.", 2*time.Hour),
		item("sudzha", "Shelling in Sudzha", "Ukrainian forces shelled Sudzha in the Kursk region on Monday, damaging houses, officials said.", time.Hour),
		item("airline", "Airline alliance adds partner", "The Star Alliance said a new airline partner would join next year.", time.Hour),
	}); err != nil {
		t.Fatal(err)
	}
	ru := item("shebekino-ru", "Беспилотник атаковал автомобиль в Шебекино", "В Шебекино Белгородской области беспилотник атаковал автомобиль, пострадали два человека, сообщил губернатор.", 2*time.Hour+30*time.Minute)
	ru.Lang = "ru"
	if _, err := st.SaveItems(ctx, reg.ID, []feeds.Item{ru}); err != nil {
		t.Fatal(err)
	}
	x := digest.NewIndexer(eng, st, digest.ClusterOptions{})
	o.Store, o.Engine = st, eng
	o.Index = func(ctx context.Context) error { _, err := x.Index(ctx); return err }
	o.Now = func() time.Time { return f.clock() }
	if o.Location == nil {
		o.Location, _ = time.LoadLocation("Europe/Brussels")
	}
	f.bot = New(o)
	return f
}

func (f *fixture) say(channel, text string, admin bool) Response {
	f.t.Helper()
	return f.bot.Handle(context.Background(), Request{Channel: channel, User: "alice", Admin: admin, Text: text})
}

// storyID returns the id of the story whose text mentions word.
func storyID(t *testing.T, text, word string) string {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, word) {
			if m := regexp.MustCompile(`\bs[0-9a-f]{10}\b`).FindString(line); m != "" {
				return m
			}
		}
	}
	return ""
}

func TestCommands(t *testing.T) { onBothDatabases(t, testCommands) }

func testCommands(t *testing.T, newFixture fixtureMaker) {
	f := newFixture(t, Options{})
	const ch = "console:desk"
	steps := []struct {
		say       string
		admin     bool
		want      []string // substrings of the reply
		not       []string
		ephemeral bool
	}{
		{say: "help", want: []string{"latest", "subscribe", "watch"}, ephemeral: true},
		{say: "/brief help subscribe", want: []string{"subscribe <topic|source:NAME>"}, ephemeral: true},
		{say: "topics", want: []string{"alliance-statements", "border-developments"}, ephemeral: true},
		{say: "sources", want: []string{"Wire", "Oblast Vestnik", "not polled yet"}, ephemeral: true},
		{say: "status", want: []string{"Sources: 2", "No subscriptions here"}, ephemeral: true},
		{say: "latest", want: []string{"Shebekino", "NATO", "Sudzha"}, not: []string{"Airline"}, ephemeral: true},
		{say: "latest border-developments 1", want: []string{"Sudzha"}, not: []string{"Shebekino", "NATO"}, ephemeral: true},
		{say: "latest bordr", want: []string{`did you mean "border-developments"`}, ephemeral: true},
		{say: "search Белгород", want: []string{"Shebekino"}, not: []string{"NATO"}, ephemeral: true},
		{say: "ask rutte", want: []string{"NATO"}, ephemeral: true},
		{say: "search quantum", want: []string{`Nothing found for "quantum"`}, ephemeral: true},
		{say: "story s0000000000", want: []string{"There is no story"}, ephemeral: true},
		{say: "subscibe border-developments", want: []string{`did you mean "subscribe"`}, ephemeral: true},
		{say: "subscribe border-developments daily 07:00 Europe/Kyiv", want: []string{"Subscribed console:desk to border-developments, daily 07:00 Europe/Kyiv", "next: Tue 1 Dec"}},
		{say: "subscribe border-developments dialy 07:00", want: []string{`"daily"`}, ephemeral: true},
		{say: "subscribe nope", want: []string{`Unknown topic "nope"`}, ephemeral: true},
		{say: "subscribe source:Wire hourly", want: []string{"Subscribed console:desk to source:Wire, hourly"}},
		{say: "subscribe source:Nope", want: []string{`There is no source "Nope"`}, ephemeral: true},
		{say: "subscriptions", want: []string{"border-developments — daily 07:00 Europe/Kyiv", "source:Wire — hourly"}, ephemeral: true},
		{say: "unsubscribe source:Wire", want: []string{"Unsubscribed console:desk from source:Wire"}},
		{say: "unsubscribe alliance-statements", want: []string{"not subscribed"}, ephemeral: true},
		{say: "filter border-developments exclude sudzha", want: []string{"never items matching sudzha"}},
		{say: "digest border-developments", want: []string{"Shebekino"}, not: []string{"Sudzha"}},
		{say: "filter border-developments clear", want: []string{"Cleared the filter on border-developments (1 terms)"}},
		{say: "watch kursk Суджа", want: []string{"Watchlist kursk"}},
		{say: "latest kursk", want: []string{"Sudzha"}, not: []string{"Shebekino"}, ephemeral: true},
		{say: "watch border-developments x", want: []string{"is a topic already"}, ephemeral: true},
		{say: "unwatch kursk", want: []string{"Removed watchlist kursk"}},
		{say: "unwatch kursk", want: []string{`no watchlist "kursk"`}, ephemeral: true},
		{say: "sources add https://example.org/feed", want: []string{"Only admins may add sources"}, ephemeral: true},
		{say: "sources remove Wire", want: []string{"Only admins may remove sources"}, ephemeral: true},
		{say: "unsubscribe all", want: []string{"Removed all 1 subscriptions"}},
		{say: "subscribe alliance-statements backfill 1", want: []string{"Subscribed", "NATO"}},
	}
	for _, s := range steps {
		r := f.say(ch, s.say, s.admin)
		for _, w := range s.want {
			if !strings.Contains(r.Text, w) {
				t.Errorf("%q: reply lacks %q:\n%s", s.say, w, r.Text)
			}
		}
		for _, w := range s.not {
			if strings.Contains(r.Text, w) {
				t.Errorf("%q: reply has %q:\n%s", s.say, w, r.Text)
			}
		}
		if r.Ephemeral != s.ephemeral {
			t.Errorf("%q: ephemeral = %v, want %v", s.say, r.Ephemeral, s.ephemeral)
		}
		if strings.Contains(r.Text, "goroutine") || strings.Contains(r.Text, "panic") {
			t.Errorf("%q: reply leaks internals:\n%s", s.say, r.Text)
		}
	}
	// story <id> shows every source of the story.
	latest := f.say(ch, "latest border-developments", false)
	id := storyID(t, latest.Text, "Shebekino")
	if id == "" {
		t.Fatalf("no story id in:\n%s", latest.Text)
	}
	r := f.say(ch, "story "+id, false)
	for _, w := range []string{"Wire", "Oblast Vestnik", "https://news.example/shebekino"} {
		if !strings.Contains(r.Text, w) {
			t.Errorf("story %s lacks %q:\n%s", id, w, r.Text)
		}
	}
}

func TestSubscribeByAdminsOnly(t *testing.T) { onBothDatabases(t, testSubscribeByAdminsOnly) }

func testSubscribeByAdminsOnly(t *testing.T, newFixture fixtureMaker) {
	f := newFixture(t, Options{AdminsOnly: true})
	if r := f.say("console:x", "subscribe border-developments", false); !strings.Contains(r.Text, "Only admins") {
		t.Errorf("non-admin subscribe: %s", r.Text)
	}
	if r := f.say("console:x", "subscribe border-developments", true); !strings.Contains(r.Text, "Subscribed console:x to border-developments, daily 08:00 Europe/Brussels") {
		t.Errorf("admin subscribe (default schedule in bot.timezone): %s", r.Text)
	}
	for _, cmd := range []string{"filter border-developments exclude drill", "watch kursk Суджа", "unwatch kursk", "unsubscribe border-developments", "resume border-developments"} {
		if r := f.say("console:x", cmd, false); !strings.Contains(r.Text, "Only admins") {
			t.Errorf("non-admin %q: %s", cmd, r.Text)
		}
	}
	// A channel's moderator (Matrix power level) may change it, not add sources.
	mod := Request{Channel: "console:x", User: "mo", Moderator: true}
	for cmd, want := range map[string]string{"filter border-developments exclude drill": "never items matching drill", "sources add https://example.org/feed": "Only admins may add sources"} {
		mod.Text = cmd
		if r := f.bot.Handle(context.Background(), mod); !strings.Contains(r.Text, want) || strings.Contains(r.Text, "Only admins may change") {
			t.Errorf("moderator %q: %s", cmd, r.Text)
		}
	}
}

func TestChannelsAreSeparate(t *testing.T) { onBothDatabases(t, testChannelsAreSeparate) }

func testChannelsAreSeparate(t *testing.T, newFixture fixtureMaker) {
	f := newFixture(t, Options{})
	f.say("console:a", "subscribe border-developments", false)
	f.say("console:a", "watch kursk Суджа", false)
	if r := f.say("console:b", "subscriptions", false); !strings.Contains(r.Text, "No subscriptions") {
		t.Errorf("console:b sees console:a's subscriptions: %s", r.Text)
	}
	if r := f.say("console:b", "latest kursk", false); !strings.Contains(r.Text, "Unknown topic") {
		t.Errorf("console:b sees console:a's watchlist: %s", r.Text)
	}
}

// Serve asks the platform who is an admin and answers through it.
func TestServeAsksThePlatform(t *testing.T) {
	f := newFixture(t, Options{})
	path := filepath.Join(t.TempDir(), "c.jsonl")
	file := console.New(path, nil)
	file.Admins = []string{"alice"}
	p := Console{file}
	ctx := context.Background()
	resp, err := Serve(ctx, p, f.bot, Request{Channel: "console:desk", User: "bob", Text: `sources remove "Kyiv Independent"`, ID: "e1"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(resp.Text, "admin") {
		t.Errorf("bob (no admin) was not refused: %q", resp.Text)
	}
	if _, err := Serve(ctx, p, f.bot, Request{Channel: "console:desk", User: "alice", Text: "help", ID: "e2"}); err != nil {
		t.Fatal(err)
	}
	lines := consoleLines(t, path)
	if len(lines) != 2 || lines[0].Thread != "e1" || lines[0].IdempotencyKey != "answer:e1" || !strings.Contains(lines[1].Text, "subscribe") {
		t.Errorf("answers not written in the commands' threads: %+v", lines)
	}
}
