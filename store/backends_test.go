package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/feeds"
)

// One scenario through most of the store (items, stories and their
// merges, subscriptions, deliveries, posts, filters, pruning) gives the
// same results, and leaves the same rows, on both databases.
func TestBackendsAgree(t *testing.T) {
	var logs, rows [2]string
	for k, open := range []opener{sqliteStore, postgresStore} {
		s, clk := open(t)
		logs[k] = scenario(t, s, clk)
		var buf bytes.Buffer
		if _, err := s.Export(context.Background(), &buf); err != nil {
			t.Fatal(err)
		}
		// Both list rows in their own order (PostgreSQL's heap moves
		// updated rows); the rows themselves must agree.
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")[1:]
		slices.Sort(lines)
		rows[k] = strings.Join(lines, "\n")
	}
	if logs[0] != logs[1] {
		diffLines(t, "results", logs[0], logs[1])
	}
	if rows[0] != rows[1] {
		diffLines(t, "exported rows", rows[0], rows[1])
	}
}

func diffLines(t *testing.T, what, lite, pg string) {
	t.Helper()
	a, b := strings.Split(lite, "\n"), strings.Split(pg, "\n")
	for i := range max(len(a), len(b)) {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			t.Errorf("%s differ at line %d:\nSQLite:     %.400s\nPostgreSQL: %.400s", what, i+1, x, y)
			return
		}
	}
}

// scenario runs the same calls on s and returns what they returned.
func scenario(t *testing.T, s *Store, clk *clock) string {
	t.Helper()
	ctx := context.Background()
	var log strings.Builder
	note := func(what string, v ...any) {
		fmt.Fprintf(&log, "%s: %v\n", what, fmt.Sprint(v...))
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", s.Dialect(), err)
		}
	}
	a, err := s.AddSource(ctx, SourceSpec{Name: "A", URL: "https://a.example/rss", Tags: []string{"official"}})
	must(err)
	b, err := s.AddSource(ctx, SourceSpec{Name: "B", URL: "https://b.example/rss"})
	must(err)
	pub := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	titles := []string{"Kursk drone strike", "Kursk governor speaks", "Belgorod shelling", "Belgorod evacuation", "Sudzha road closed", "NATO summit opens"}
	var batch []feeds.Item
	for i, title := range titles {
		batch = append(batch, item(fmt.Sprint("a", i), fmt.Sprintf("https://news.example/%d", i), title, "Text of "+title, pub.Add(time.Duration(i)*time.Hour)))
	}
	res, err := s.SaveItems(ctx, a.ID, batch)
	must(err)
	note("save A", res)
	clk.t = clk.t.Add(time.Minute)
	// B brings one article earlier, one later, and one of its own.
	res, err = s.SaveItems(ctx, b.ID, []feeds.Item{
		item("b0", "https://news.example/0", "Drone hits Kursk", "B's text", pub.Add(-time.Hour)),
		item("b2", "https://news.example/2", "Shelling in Belgorod", "B's text", pub.Add(5*time.Hour)),
		item("b9", "", "Undated note from B", "text", time.Time{}),
	})
	must(err)
	note("save B", res)
	clk.t = clk.t.Add(time.Minute)
	applied := s.ApplyPolls(ctx, []feeds.PollUpdate{
		{SourceID: a.ID, Save: true, Items: []feeds.Item{item("a1", "https://news.example/1", "Kursk governor speaks again", "Updated text", pub.Add(time.Hour))}, Result: feeds.PollResult{At: clk.t, Status: 200, ETag: `"e"`}},
		{SourceID: b.ID, Result: feeds.PollResult{At: clk.t, Status: 503, Err: "HTTP 503"}},
	})
	for _, p := range applied {
		note("apply", p.Saved, p.Total, p.Err)
	}
	items, err := s.Items(ctx, ItemQuery{})
	must(err)
	for _, it := range items {
		note("item", it)
	}
	h, err := s.ItemHistory(ctx, items[len(items)-2].ID)
	must(err)
	note("history", h)
	srcs, err := s.Sources(ctx)
	must(err)
	note("sources", srcs)

	// Stories: the first word of a title is its story and its key.
	storyOf := func(title string) string { return "s-" + strings.ToLower(strings.Fields(title)[0]) }
	keyOf := func(title string) int64 {
		h := fnv.New64a()
		h.Write([]byte(storyOf(title)))
		return int64(h.Sum64() >> 1)
	}
	index := func(merge map[string]string) {
		t.Helper()
		n, err := s.IndexBatch(ctx, "fp", 4, func(pending []IndexedItem, r IndexReader) (IndexUpdate, error) {
			var up IndexUpdate
			seen := map[string]bool{}
			for _, it := range pending {
				note("pending", it.ID, it.Title, it.Story, it.Published)
				story := storyOf(it.Title)
				if nw, ok := merge[story]; ok {
					story = nw
				}
				cands, err := r.Candidates([]int64{keyOf(it.Title), 42})
				if err != nil {
					return up, err
				}
				slices.SortFunc(cands, func(x, y IndexedItem) int { return strings.Compare(x.ID, y.ID) })
				for _, c := range cands {
					note("candidate", c.ID, c.Story, c.Lead, string(c.Analysis), c.Terms)
				}
				up.Items = append(up.Items, IndexRow{ItemID: it.ID, Topics: []string{"border", "t-" + story}, Analysis: []byte("an\x00" + it.ID),
					Terms: "terms " + it.ID, Lead: "lead of " + it.Title, Story: story, Keys: []int64{keyOf(it.Title), 42, -7}})
				if !seen[story] {
					seen[story] = true
					up.Stories = append(up.Stories, StoryRow{ID: story, FirstPub: it.Published, FirstItem: it.ID, Topics: []string{"border"}})
				}
			}
			up.Merged = map[string]string{}
			for old, nw := range merge {
				up.Merged[old] = nw
			}
			old, err := r.Stories([]string{"s-kursk", "s-belgorod", "s-none"})
			if err != nil {
				return up, err
			}
			slices.SortFunc(old, func(x, y StoryRow) int { return strings.Compare(x.ID, y.ID) })
			note("stories", old)
			return up, nil
		})
		must(err)
		note("indexed", n)
	}
	_, err = s.IndexBatch(ctx, "fp", 10, nil)
	note("wrong fingerprint", err)
	must(s.ResetIndex(ctx, "fp"))
	st, err := s.IndexStatus(ctx)
	must(err)
	note("status", st)
	for range 3 {
		index(nil)
	}
	clk.t = clk.t.Add(time.Minute)
	res, err = s.SaveItems(ctx, a.ID, []feeds.Item{item("a7", "https://news.example/7", "Belgorod and Kursk talks", "text", pub.Add(7*time.Hour))})
	must(err)
	note("save late", res)
	earliest, ok, err := s.EarliestQueued(ctx)
	must(err)
	note("earliest queued", earliest, ok)
	index(map[string]string{"s-kursk": "s-belgorod"})
	st, err = s.IndexStatus(ctx)
	must(err)
	note("status", st)
	for _, q := range []StoryQuery{{}, {Since: pub.Add(2 * time.Hour), Until: pub.Add(6 * time.Hour)}, {SeenSince: clk.t.Add(-time.Minute)}, {Story: "s-kursk"}, {Stories: []string{"s-sudzha", "s-nato"}}} {
		got, err := s.StoryItems(ctx, q)
		must(err)
		for _, it := range got {
			note("story item", it.ID, it.Story, it.Topics, it.Lead, it.Published, it.FirstSeen, it.Sources, it.Carriers)
		}
	}
	for _, id := range []string{"s-kursk", "s-belgorod", "s-nope"} {
		cur, err := s.ResolveStory(ctx, id)
		note("resolve", id, cur, err)
	}
	var ids []string
	for _, it := range items {
		ids = append(ids, it.ID)
	}
	of, err := s.StoriesOf(ctx, ids)
	must(err)
	note("stories of", of)

	// Channels and deliveries.
	sub, created, err := s.Subscribe(ctx, Subscription{Channel: "slack:C1", Target: "border", Schedule: "daily 08:00 UTC", NextRun: clk.t.Add(time.Hour)})
	must(err)
	note("subscribe", sub, created)
	_, _, err = s.Subscribe(ctx, Subscription{Channel: "slack:C1", Target: "watch:kursk", Schedule: "instant"})
	must(err)
	err = s.WithTx(ctx, func(tx *sql.Tx) error {
		if err := s.AdvanceTx(ctx, tx, sub.ID, sub.NextRun, sub.NextRun, sub.NextRun.Add(24*time.Hour), clk.t); err != nil {
			return err
		}
		for _, d := range []Delivery{{Key: "d1", Channel: "slack:C1", Text: "digest", Subscription: sub.ID}, {Key: "d1", Channel: "slack:C1", Text: "again"}, {Key: "d2", Channel: "slack:C1", After: "d1", Text: "part 2"}} {
			if err := s.AddDeliveryTx(ctx, tx, d); err != nil {
				return err
			}
		}
		return s.SetStoryPostTx(ctx, tx, StoryPost{Channel: "slack:C1", Story: "s-kursk", Delivery: "d1", Headline: "Kursk", Sources: []string{"A"}})
	})
	must(err)
	err = s.WithTx(ctx, func(tx *sql.Tx) error {
		return s.AdvanceTx(ctx, tx, sub.ID, sub.NextRun, sub.NextRun, sub.NextRun, clk.t)
	})
	note("advance again", err)
	err = s.WithTx(ctx, func(tx *sql.Tx) error { return s.AdvanceInstantTx(ctx, tx, sub.ID+1, time.Time{}, clk.t, clk.t) })
	note("advance instant", err)
	must(s.MarkDelivered(ctx, "d1", "ts1"))
	must(s.MarkFailed(ctx, "d2", "channel_not_found"))
	d, err := s.DeliveryByKey(ctx, "d1")
	note("delivery", d, err)
	_, err = s.DeliveryByKey(ctx, "nope")
	note("no delivery", err)
	ds, err := s.Deliveries(ctx)
	must(err)
	note("deliveries", ds)
	posts, err := s.StoryPosts(ctx, "slack:C1", []string{"s-belgorod", "s-nato"})
	must(err)
	note("posts", posts)
	must(s.AddFilters(ctx, []Filter{{"slack:C1", "border", "exclude", "drill"}, {"slack:C1", "border", "sometimes", "x"}, {"slack:C1", "border", "include", "kursk"}, {"slack:C1", "border", "exclude", "drill"}}))
	fs, err := s.Filters(ctx, "slack:C1", "")
	must(err)
	note("filters", fs)
	must(s.SetWatch(ctx, Watch{Channel: "slack:C1", Name: "kursk", Words: []string{"Kursk", "Курск"}}))
	must(s.SetWatch(ctx, Watch{Channel: "slack:C2", Name: "kursk", Words: []string{"Kursk"}}))
	moved, err := s.MoveChannel(ctx, "slack:C1", "slack:C2")
	note("move", moved, err)
	subs, err := s.Subscriptions(ctx, SubscriptionQuery{})
	must(err)
	note("subscriptions", subs)
	ws, err := s.Watches(ctx, "slack:C2")
	must(err)
	note("watches", ws)
	fs, err = s.Filters(ctx, "slack:C2", "border")
	must(err)
	note("filters moved", fs)
	moved, err = s.MoveChannel(ctx, "slack:C2", "slack:C2")
	note("move to itself", moved, err)
	subs, err = s.Subscriptions(ctx, SubscriptionQuery{})
	note("subscriptions", subs, err)
	for _, k := range []string{"ev1", "ev1", "ev2"} {
		first, err := s.FirstTime(ctx, k)
		note("first time", k, first, err)
	}
	must(s.SetMeta(ctx, "k", "v1"))
	must(s.SetMeta(ctx, "k", "v2"))
	v, err := s.Meta(ctx, "k")
	note("meta", v, err)
	ok, err = s.AcquireLease(ctx, "leader", "r1", time.Minute)
	note("lease", ok, err)

	// Pruning drops what was first seen before the late item.
	clk.t = clk.t.Add(time.Hour)
	n, err := s.Prune(ctx, clk.t.Add(-time.Hour-30*time.Second))
	note("pruned", n, err)
	n, err = s.PruneSeen(ctx, clk.t)
	note("pruned seen", n, err)
	items, err = s.Items(ctx, ItemQuery{})
	must(err)
	note("left", items)
	got, err := s.StoryItems(ctx, StoryQuery{})
	must(err)
	note("stories left", got)
	res, err = s.SaveItems(ctx, a.ID, batch)
	note("pruned stay pruned", res, err)
	count, err := s.CountItems(ctx, a.ID)
	note("count", count, err)
	return log.String()
}

// An archive moves a database from SQLite to PostgreSQL and back with
// every row as it was, and search working on the items.
func TestExportMovesBetweenBackends(t *testing.T) {
	ctx := context.Background()
	export := func(s *Store) string {
		t.Helper()
		var buf bytes.Buffer
		if _, err := s.Export(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	sortedRows := func(archive string) string {
		lines := strings.Split(strings.TrimSpace(archive), "\n")[1:]
		slices.Sort(lines)
		return strings.Join(lines, "\n")
	}
	lite, clk := sqliteStore(t)
	scenario(t, lite, clk)
	// Rows that only their order in the table orders: history, filters.
	src, err := lite.SourceByName(ctx, "A")
	if err != nil {
		t.Fatal(err)
	}
	for i, title := range []string{"Kursk talks", "Kursk talks end", "Kursk talks resume"} {
		clk.t = clk.t.Add(time.Minute)
		if _, err := lite.SaveItems(ctx, src.ID, []feeds.Item{item("h", "https://news.example/h", title, fmt.Sprint("text ", i), clk.t)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := lite.AddFilters(ctx, []Filter{{"matrix:!r", "t", "include", "zeta"}, {"matrix:!r", "t", "include", "alpha"}, {"matrix:!r", "t", "exclude", "mid"}}); err != nil {
		t.Fatal(err)
	}
	want := export(lite)
	from := want
	for _, open := range []opener{postgresStore, sqliteStore} {
		s, _ := open(t)
		if _, err := s.Import(ctx, strings.NewReader(from), ImportOptions{}); err != nil {
			t.Fatalf("import into %s: %v", s.Dialect(), err)
		}
		got := export(s)
		if sortedRows(got) != sortedRows(want) {
			diffLines(t, "rows after a move to "+s.Dialect(), sortedRows(want), sortedRows(got))
		}
		if items, err := s.Items(ctx, ItemQuery{Search: "belgorod kursk"}); err != nil || len(items) != 1 {
			t.Errorf("search in %s after the move: %d items, %v", s.Dialect(), len(items), err)
		}
		checkSearchIndex(t, s)
		if h, err := s.ItemHistory(ctx, itemUID(0, feeds.Item{URL: "https://news.example/h"})); err != nil || len(h) != 2 || h[1].Title != "Kursk talks end" {
			t.Errorf("history in %s after the move: %+v, %v", s.Dialect(), h, err)
		}
		if fs, err := s.Filters(ctx, "matrix:!r", "t"); err != nil || len(fs) != 3 || fs[0].Term != "zeta" || fs[2].Term != "mid" {
			t.Errorf("filters in %s after the move: %+v, %v", s.Dialect(), fs, err)
		}
		// A new item takes the next id.
		src, err := s.SourceByName(ctx, "A")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveItems(ctx, src.ID, []feeds.Item{item("new", "https://news.example/new", "After the move", "text", clk.t)}); err != nil {
			t.Errorf("save in %s after the move: %v", s.Dialect(), err)
		}
		from = got
	}
}
