package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/feeds/feedtest"
)

// itemKeys is the exact key set of one `items --json` line.
var itemKeys = []string{"id", "source", "sources", "title", "url", "link", "published", "first_seen", "lang", "summary"}

const (
	freshTitle     = "Fresh border report"
	freshLink      = "http://Example.COM/fresh/1?id=7&utm_source=feed#top"
	mirrorLink     = "https://example.com/fresh/1?id=7&utm_medium=rss"
	freshCanonical = "https://example.com/fresh/1?id=7"
	dayOldTitle    = "Day-old alliance statement"
)

// freshServer serves feeds dated relative to the time of the request:
// /fresh has an item published 10 minutes ago (with a tracking-laden link
// and a 2000-character description) and one 30 hours ago; /mirror carries
// the first item under the same canonical link.
func newFreshServer() *httptest.Server {
	long := strings.Repeat("Shelling was reported near the border crossing overnight. ", 40)
	rss := func(title string, items ...string) string {
		return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>` + title + `</title><link>https://example.com/</link>
<description>Fresh test feed</description><language>en</language>
` + strings.Join(items, "\n") + `
</channel></rss>
`
	}
	item := func(guid, title, link, desc string, ago time.Duration) string {
		return fmt.Sprintf("<item><guid isPermaLink=\"false\">%s</guid><title>%s</title><link>%s</link><description>%s</description><pubDate>%s</pubDate></item>",
			guid, title, strings.ReplaceAll(link, "&", "&amp;"), desc, time.Now().Add(-ago).UTC().Format(time.RFC1123Z))
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/fresh", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rss("Fresh",
			item("fresh-1", freshTitle, freshLink, long, 10*time.Minute),
			item("fresh-2", dayOldTitle, "https://example.com/fresh/2", "A statement from yesterday.", 30*time.Hour),
		))
	})
	mux.HandleFunc("/mirror", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rss("Mirror",
			item("m-1", freshTitle, mirrorLink, "Same story.", 10*time.Minute),
		))
	})
	return httptest.NewServer(mux)
}

// itemsFixture is one polled database shared by the read-only items tests.
type itemsFixture struct {
	// mu serializes commands on the shared database: concurrent commands
	// on one SQLite file can fail with SQLITE_BUSY (see
	// TestConcurrentCommandsShareADatabase), which is not what these
	// tests are about.
	mu  sync.Mutex
	cfg string
	all []map[string]any // items --json --limit 0
}

var (
	itemsOnce sync.Once
	itemsFix  *itemsFixture
	itemsErr  string
)

// loadItemsFixture polls one database that the items tests then only read;
// it and its servers live until TestMain ends.
func loadItemsFixture(t *testing.T) *itemsFixture {
	t.Helper()
	itemsOnce.Do(func() {
		itemsErr = "set-up failed in another test"
		ft := feedtest.NewServer()
		atExit(ft.Close)
		fresh := newFreshServer()
		atExit(fresh.Close)
		dir, err := os.MkdirTemp("", "briefbot-items-")
		if err != nil {
			itemsErr = err.Error()
			return
		}
		atExit(func() { os.RemoveAll(dir) })
		cfg := filepath.Join(dir, "briefbot.yaml")
		if err := os.WriteFile(cfg, []byte(configText(dir, configOpts{},
			testSource{Name: "Good RSS", URL: ft.URL("/good/rss")},
			testSource{Name: "Novosti", URL: ft.URL("/cp1251")},
			testSource{Name: "Atom", URL: ft.URL("/good/atom")},
			testSource{Name: "Fresh", URL: fresh.URL + "/fresh"},
			testSource{Name: "Mirror", URL: fresh.URL + "/mirror"},
		)), 0o600); err != nil {
			itemsErr = err.Error()
			return
		}
		r := bb(t, "--config", cfg, "poll", "--once")
		if r.code != 0 {
			itemsErr = "poll failed: " + r.String()
			return
		}
		r = bb(t, "--config", cfg, "items", "--json", "--limit", "0")
		if r.code != 0 {
			itemsErr = "items failed: " + r.String()
			return
		}
		itemsFix = &itemsFixture{cfg: cfg, all: jsonLines(t, r.stdout)}
	})
	if itemsFix == nil {
		t.Fatalf("items fixture: %s", itemsErr)
	}
	return itemsFix
}

func titles(objs []map[string]any) []string {
	var out []string
	for _, o := range objs {
		s, _ := o["title"].(string)
		out = append(out, s)
	}
	return out
}

// bb runs a command on the fixture's database.
func (f *itemsFixture) bb(t *testing.T, args ...string) result {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	return bb(t, append([]string{"--config", f.cfg}, args...)...)
}

func (f *itemsFixture) mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := f.bb(t, args...)
	if r.code != 0 {
		t.Fatalf("briefbot %s: want exit 0\n%s", strings.Join(args, " "), r)
	}
	return r
}

func (f *itemsFixture) items(t *testing.T, args ...string) []map[string]any {
	t.Helper()
	r := f.bb(t, append([]string{"items", "--json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("items %s: want exit 0\n%s", strings.Join(args, " "), r)
	}
	objs := jsonLines(t, r.stdout)
	for _, o := range objs {
		assertKeys(t, o, itemKeys...)
	}
	return objs
}

func TestItemsJSONShape(t *testing.T) {
	t.Parallel()
	f := loadItemsFixture(t)
	// 3 + 2 + 2 + 2 items; the mirror's story is the same article as /fresh's.
	wantN := feedtest.GoodRSSItems + feedtest.CP1251Items + feedtest.GoodAtomEntries + 2
	if len(f.all) != wantN {
		t.Fatalf("items --limit 0 returned %d items, want %d: %q", len(f.all), wantN, titles(f.all))
	}
	ids := map[string]bool{}
	var prev time.Time
	for i, o := range f.all {
		assertKeys(t, o, itemKeys...)
		id := str(t, o, "id")
		if id == "" || ids[id] {
			t.Errorf("item %d: id %q empty or repeated", i, id)
		}
		ids[id] = true
		src := str(t, o, "source")
		srcs := strList(t, o, "sources")
		if src == "" || !slices.Contains(srcs, src) {
			t.Errorf("item %d: source %q not among sources %q", i, src, srcs)
		}
		for _, k := range []string{"title", "url", "link", "lang"} {
			if str(t, o, k) == "" {
				t.Errorf("item %d: %s is empty: %v", i, k, o)
			}
		}
		pub, err := time.Parse(time.RFC3339, str(t, o, "published"))
		if err != nil {
			t.Errorf("item %d: published: %v", i, err)
		}
		if _, err := time.Parse(time.RFC3339, str(t, o, "first_seen")); err != nil {
			t.Errorf("item %d: first_seen: %v", i, err)
		}
		if i > 0 && pub.After(prev) {
			t.Errorf("item %d (%s) is newer than item %d: not newest first", i, pub, i-1)
		}
		prev = pub
		if n := utf8.RuneCountInString(str(t, o, "summary")); n > 500 {
			t.Errorf("item %d: summary is %d characters, want at most 500", i, n)
		}
	}

	// Newest first: the 10-minute-old item leads, the 30-hour-old one follows.
	if got := titles(f.all[:2]); !slices.Equal(got, []string{freshTitle, dayOldTitle}) {
		t.Errorf("first two items %q, want the fresh then the day-old one", got)
	}
	fresh := f.all[0]
	if u := str(t, fresh, "url"); u != freshCanonical {
		t.Errorf("url %q, want canonical %q", u, freshCanonical)
	}
	// Both sources carry the article; link is as published by the one
	// named in source (whichever stored it first).
	wantLink := map[string]string{"Fresh": freshLink, "Mirror": mirrorLink}[str(t, fresh, "source")]
	if l := str(t, fresh, "link"); l != wantLink {
		t.Errorf("link %q, want as published by %v: %q", l, fresh["source"], wantLink)
	}
	if srcs := slices.Sorted(slices.Values(strList(t, fresh, "sources"))); !slices.Equal(srcs, []string{"Fresh", "Mirror"}) {
		t.Errorf("sources %q, want [Fresh Mirror]", srcs)
	}
	if s := str(t, fresh, "summary"); s == "" || utf8.RuneCountInString(s) > 500 {
		t.Errorf("long description gives summary of %d characters, want 1..500", utf8.RuneCountInString(s))
	}
}

func TestItemsFilters(t *testing.T) {
	t.Parallel()
	f := loadItemsFixture(t)
	anHourAgo := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	tests := []struct {
		name string
		args []string
		want []string // titles, in order; nil means none
	}{
		{"since 1h", []string{"--since", "1h"}, []string{freshTitle}},
		{"since 2d", []string{"--since", "2d"}, []string{freshTitle, dayOldTitle}},
		{"since RFC 3339", []string{"--since", anHourAgo}, []string{freshTitle}},
		{"source", []string{"--source", "Novosti"}, feedtest.CP1251Titles},
		{"source carried second", []string{"--source", "Mirror"}, []string{freshTitle}},
		{"source and since", []string{"--source", "Good RSS", "--since", "1h"}, nil},
		{"limit", []string{"--limit", "2"}, []string{freshTitle, dayOldTitle}},
		{"search Cyrillic word", []string{"--search", "Обстрел"}, feedtest.CP1251Titles[:1]},
		{"search Cyrillic lower case", []string{"--search", "обстрел"}, feedtest.CP1251Titles[:1]},
		{"search Cyrillic inflected prefix", []string{"--search", "Белгород"}, feedtest.CP1251Titles},
		{"search all words must match", []string{"--search", "Обстрел области"}, feedtest.CP1251Titles[:1]},
		{"search one word missing", []string{"--search", "Обстрел гирлянды"}, nil},
		{"search words from both titles", []string{"--search", "ёлки гирлянды"}, feedtest.CP1251Titles[1:]},
		{"search mixed scripts", []string{"--search", "headline Обстрел"}, nil},
		{"search English", []string{"--search", "second headline"}, []string{"Second headline"}},
		{"search and source", []string{"--search", "headline", "--source", "Atom"}, nil},
		{"search punctuation only", []string{"--search", "«»—"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := titles(f.items(t, tc.args...))
			if !slices.Equal(got, tc.want) {
				t.Errorf("items %s = %q, want %q", strings.Join(tc.args, " "), got, tc.want)
			}
		})
	}

	t.Run("source filter keeps only that source", func(t *testing.T) {
		for _, o := range f.items(t, "--source", "Good RSS") {
			if !slices.Contains(strList(t, o, "sources"), "Good RSS") {
				t.Errorf("--source Good RSS returned %v", o)
			}
		}
	})
	t.Run("limit is a prefix of the full list", func(t *testing.T) {
		got := titles(f.items(t, "--limit", strconv.Itoa(4)))
		if !slices.Equal(got, titles(f.all[:4])) {
			t.Errorf("--limit 4 = %q, want %q", got, titles(f.all[:4]))
		}
	})
}

func TestItemsErrors(t *testing.T) {
	t.Parallel()
	f := loadItemsFixture(t)
	for _, args := range [][]string{
		{"--source", "No Such Source"},
		{"--since", "last tuesday"},
		{"--limit", "x"},
	} {
		r := f.bb(t, append([]string{"items"}, args...)...)
		if r.code != 2 || r.stdout != "" || strings.TrimSpace(r.stderr) == "" {
			t.Errorf("items %s: want exit 2, a message and no output\n%s", strings.Join(args, " "), r)
		}
	}
	r := f.bb(t, "items", "--source", "No Such Source")
	if !strings.Contains(r.stderr, "No Such Source") {
		t.Errorf("unknown --source: message does not name it\n%s", r)
	}
}

func TestItemsText(t *testing.T) {
	t.Parallel()
	f := loadItemsFixture(t)
	r := f.mustRun(t, "items", "--search", "Обстрел")
	if !strings.Contains(r.stdout, feedtest.CP1251Titles[0]) || !strings.Contains(r.stdout, "Novosti") {
		t.Errorf("text output lacks the title or source\n%s", r)
	}
	r = f.mustRun(t, "items", "--search", "nothingmatchesthis")
	if strings.TrimSpace(r.stdout) != "No items." {
		t.Errorf("no match: stdout %q, want No items.", r.stdout)
	}
	r = f.mustRun(t, "items", "--json", "--search", "nothingmatchesthis")
	if r.stdout != "" {
		t.Errorf("no match with --json: stdout %q, want nothing", r.stdout)
	}
}
