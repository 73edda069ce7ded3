package bot

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/briefbot/briefbot/bot/console"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/store"
)

func consoleLines(t *testing.T, path string) []console.Line {
	t.Helper()
	fh, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var out []console.Line
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var l console.Line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("console line %q: %v", sc.Text(), err)
		}
		out = append(out, l)
	}
	return out
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// postOnly gives a test platform that only posts the rest of Platform.
type postOnly struct{}

func (postOnly) Render(r Response) []string { return []string{r.Text} }
func (postOnly) Edit(context.Context, string, string, string) error {
	return errors.New("no edits here")
}
func (postOnly) Answer(context.Context, Request, Response) error {
	return errors.New("no answers here")
}
func (postOnly) IsAdmin(context.Context, string, string) (bool, error) { return false, nil }

// flaky fails the first posts to a channel as told, then hands over.
type flaky struct {
	postOnly
	mu    sync.Mutex
	next  Platform
	fails map[string][]error
	calls map[string]int
}

func (f *flaky) Post(ctx context.Context, channel, thread, text, key string) (string, error) {
	f.mu.Lock()
	f.calls[channel]++
	if errs := f.fails[channel]; len(errs) > 0 {
		f.fails[channel] = errs[1:]
		f.mu.Unlock()
		return "", errs[0]
	}
	f.mu.Unlock()
	return f.next.Post(ctx, channel, thread, text, key)
}

func startDelivery(t *testing.T, f *fixture, p Platform, admin string) *Delivery {
	t.Helper()
	ctx := context.Background()
	f.metrics = prometheus.NewRegistry()
	d, err := NewDelivery(ctx, f.st, DeliveryOptions{Platforms: map[string]Platform{"console": p}, AdminChannel: admin, PollInterval: 50 * time.Millisecond, PostTimeout: 5 * time.Second,
		Metrics: NewDeliveryMetrics(f.metrics, f.st)})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		d.Stop(sctx)
	})
	return d
}

func TestScheduledDigestDeliveredOnce(t *testing.T) {
	onBothDatabases(t, testScheduledDigestDeliveredOnce)
}

func testScheduledDigestDeliveredOnce(t *testing.T, newFixture fixtureMaker) {
	f := newFixture(t, Options{})
	path := filepath.Join(t.TempDir(), "console.jsonl")
	file := console.New(path, nil)
	d := startDelivery(t, f, Console{file}, "")
	s := &Scheduler{Bot: f.bot, Delivery: d, Render: PlainText}
	ctx := context.Background()

	// Items were first seen at testNow; subscribing then puts the cursor
	// there, so the first digest (an hour later) holds them.
	if r := f.say("console:desk", "subscribe border-developments hourly", false); !strings.Contains(r.Text, "Subscribed") {
		t.Fatal(r.Text)
	}
	subs, _ := f.st.Subscriptions(ctx, store.SubscriptionQuery{Channel: "console:desk"})
	due := subs[0].NextRun
	f.setNow(due)
	if n, err := s.RunDue(ctx, due.Add(-time.Second)); err != nil || n != 0 {
		t.Fatalf("before it is due: %d digests, %v", n, err)
	}
	if n, err := s.RunDue(ctx, due); err != nil || n != 1 {
		t.Fatalf("when due: %d digests, %v", n, err)
	}
	// Running again at the same time (a second scheduler, a restart)
	// delivers nothing more.
	if n, err := s.RunDue(ctx, due); err != nil || n != 0 {
		t.Fatalf("again: %d digests, %v", n, err)
	}
	waitFor(t, "the digest in the console file", func() bool { return len(consoleLines(t, path)) == 1 })
	l := consoleLines(t, path)[0]
	if l.Channel != "console:desk" || !strings.Contains(l.Text, "Shebekino") || !strings.HasPrefix(l.IdempotencyKey, "digest:") {
		t.Errorf("delivered %+v", l)
	}
	// The next hour: only what arrived since; nothing new, so "no new
	// developments" (empty_digest: post), and nothing twice.
	f.setNow(due.Add(time.Hour))
	if n, _ := s.RunDue(ctx, f.clock()); n != 1 {
		t.Fatalf("second hour: %d digests", n)
	}
	waitFor(t, "the second digest", func() bool { return len(consoleLines(t, path)) == 2 })
	second := consoleLines(t, path)[1]
	if strings.Contains(second.Text, "Shebekino") || !strings.Contains(second.Text, "No new developments") {
		t.Errorf("second digest repeats or lacks the empty note:\n%s", second.Text)
	}
}

func TestRateLimitAndPermanentErrors(t *testing.T) {
	onBothDatabases(t, testRateLimitAndPermanentErrors)
}

func testRateLimitAndPermanentErrors(t *testing.T, newFixture fixtureMaker) {
	f := newFixture(t, Options{})
	path := filepath.Join(t.TempDir(), "console.jsonl")
	p := &flaky{next: Console{console.New(path, nil)}, calls: map[string]int{}, fails: map[string][]error{
		"console:busy": {&RateLimitError{RetryAfter: time.Second}},
		"console:gone": {&PermanentError{Reason: "channel_not_found"}},
	}}
	d := startDelivery(t, f, p, "console:admins")
	s := &Scheduler{Bot: f.bot, Delivery: d, Render: PlainText}
	ctx := context.Background()
	f.say("console:busy", "subscribe border-developments hourly", false)
	f.say("console:gone", "subscribe border-developments hourly", false)
	subs, _ := f.st.Subscriptions(ctx, store.SubscriptionQuery{})
	f.setNow(subs[0].NextRun)
	if n, err := s.RunDue(ctx, f.clock()); err != nil || n != 2 {
		t.Fatalf("RunDue: %d, %v", n, err)
	}
	waitFor(t, "the rate-limited digest and the admin report", func() bool {
		var busy, admin bool
		for _, l := range consoleLines(t, path) {
			busy = busy || l.Channel == "console:busy"
			admin = admin || (l.Channel == "console:admins" && strings.Contains(l.Text, "console:gone") && strings.Contains(l.Text, "channel_not_found"))
		}
		return busy && admin
	})
	for _, l := range consoleLines(t, path) {
		if l.Channel == "console:gone" {
			t.Errorf("a permanent failure was posted anyway: %+v", l)
		}
	}
	gone, _ := f.st.Subscriptions(ctx, store.SubscriptionQuery{Channel: "console:gone"})
	if len(gone) != 1 || !gone[0].Paused() || gone[0].PausedReason != "channel_not_found" {
		t.Errorf("console:gone subscription: %+v, want paused with the reason", gone)
	}
	if r := f.say("console:gone", "status", false); !strings.Contains(r.Text, "PAUSED (channel_not_found)") {
		t.Errorf("status does not show the pause:\n%s", r.Text)
	}
	// /metrics tells the same: two posts (the digest after its wait, the
	// admin report), one rate limit, one permanent failure, nothing left.
	want := map[string]float64{
		`briefbot_deliveries_total{outcome="posted",platform="console"}`:       2,
		`briefbot_deliveries_total{outcome="rate_limited",platform="console"}`: 1,
		`briefbot_deliveries_total{outcome="permanent",platform="console"}`:    1,
		`briefbot_delivery_latency_seconds_count{platform="console"}`:          2,
		`briefbot_deliveries_pending`:                                          0,
	}
	var got map[string]float64
	matches := func() bool {
		got = gather(t, f.metrics)
		for k, v := range want {
			if got[k] != v {
				return false
			}
		}
		return true
	}
	// A line is in the console file a moment before its post is counted.
	deadline := time.Now().Add(5 * time.Second)
	for !matches() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
}

// gather reads a registry's series as "name{labels}" -> value (counts for
// histograms, as name_count).
func gather(t *testing.T, reg *prometheus.Registry) map[string]float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, fmt.Sprintf("%s=%q", l.GetName(), l.GetValue()))
			}
			name := mf.GetName()
			key := func(n string) string {
				if len(labels) == 0 {
					return n
				}
				return n + "{" + strings.Join(labels, ",") + "}"
			}
			switch {
			case m.Counter != nil:
				out[key(name)] = m.GetCounter().GetValue()
			case m.Gauge != nil:
				out[key(name)] = m.GetGauge().GetValue()
			case m.Histogram != nil:
				out[key(name+"_count")] = float64(m.GetHistogram().GetSampleCount())
			}
		}
	}
	return out
}

func TestInstantPostsAreBurstsPacedAndComplete(t *testing.T) {
	onBothDatabases(t, testInstantPostsAreBurstsPacedAndComplete)
}

func testInstantPostsAreBurstsPacedAndComplete(t *testing.T, newFixture fixtureMaker) {
	f := newFixture(t, Options{})
	path := filepath.Join(t.TempDir(), "console.jsonl")
	d := startDelivery(t, f, Console{console.New(path, nil)}, "")
	s := &Scheduler{Bot: f.bot, Delivery: d, Render: PlainText}
	ctx := context.Background()
	f.setNow(testNow.Add(-time.Minute)) // subscribe before the fixture's items were first seen
	f.say("console:live", "subscribe border-developments instant", false)
	f.say("console:relay", "subscribe source:Wire instant", false)
	f.setNow(testNow.Add(10 * time.Second))
	if n, err := s.RunDue(ctx, f.clock()); err != nil || n != 2 {
		t.Fatalf("first run: %d messages, %v; want the live stories and the relay", n, err)
	}
	waitFor(t, "two messages", func() bool { return len(consoleLines(t, path)) == 2 })
	// A burst of five new stories arrives.
	src, _ := f.st.SourceByName(ctx, "Wire")
	var items []feeds.Item
	for i, place := range []string{"Graivoron", "Tetkino", "Glushkovo", "Krasnopillia", "Vovchansk"} {
		link := "https://news.example/burst-" + place
		items = append(items, feeds.Item{Key: "guid:burst-" + place, URL: link, Link: link, Lang: "en", Published: f.clock().Add(time.Duration(i) * time.Second),
			Title: "Shelling in " + place, Text: "Artillery shelled " + place + " on Monday, damaging houses, the regional governor said."})
	}
	f.setNow(f.clock().Add(5 * time.Second))
	if _, err := f.st.SaveItems(ctx, src.ID, items); err != nil {
		t.Fatal(err)
	}
	// Within the minute nothing more is posted to either channel.
	if n, _ := s.RunDue(ctx, f.clock().Add(20*time.Second)); n != 0 {
		t.Errorf("%d messages within a minute of the last", n)
	}
	f.setNow(f.clock().Add(70 * time.Second))
	if n, err := s.RunDue(ctx, f.clock()); err != nil || n != 2 {
		t.Fatalf("after a minute: %d messages, %v", n, err)
	}
	waitFor(t, "four messages", func() bool { return len(consoleLines(t, path)) == 4 })
	var live, relay string
	for _, l := range consoleLines(t, path)[2:] {
		switch l.Channel {
		case "console:live":
			live = l.Text
		case "console:relay":
			relay = l.Text
		}
	}
	if !strings.Contains(live, "+2 more") {
		t.Errorf("burst not summarized as +2 more:\n%s", live)
	}
	for _, p := range []string{"Graivoron", "Tetkino", "Glushkovo", "Krasnopillia", "Vovchansk"} {
		if !strings.Contains(live, p) {
			t.Errorf("burst message drops %s:\n%s", p, live)
		}
		if !strings.Contains(relay, "https://news.example/burst-"+p) {
			t.Errorf("relay drops %s:\n%s", p, relay)
		}
	}
	if strings.Contains(live, "Shebekino") || strings.Contains(relay, "Airline") {
		t.Errorf("an item was posted twice:\n%s\n%s", live, relay)
	}
}

func TestNewSourcesGoInTheStorysThread(t *testing.T) {
	onBothDatabases(t, testNewSourcesGoInTheStorysThread)
}

func testNewSourcesGoInTheStorysThread(t *testing.T, newFixture fixtureMaker) {
	f := newFixture(t, Options{})
	path := filepath.Join(t.TempDir(), "console.jsonl")
	d := startDelivery(t, f, Console{console.New(path, nil)}, "")
	s := &Scheduler{Bot: f.bot, Delivery: d, Render: PlainText}
	ctx := context.Background()
	f.setNow(testNow.Add(-time.Minute))
	f.say("console:desk", "subscribe border-developments instant", false)
	f.setNow(testNow.Add(10 * time.Second))
	if n, err := s.RunDue(ctx, f.clock()); err != nil || n != 1 {
		t.Fatalf("first post: %d, %v", n, err)
	}
	waitFor(t, "the first post", func() bool { return len(consoleLines(t, path)) == 1 })
	first := consoleLines(t, path)[0]

	// A third outlet reports the Shebekino strike.
	kordon, err := f.st.AddSource(ctx, store.SourceSpec{Name: "Kordon", URL: "https://kordon.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	link := "https://kordon.example/shebekino"
	f.setNow(f.clock().Add(time.Second))
	if _, err := f.st.SaveItems(ctx, kordon.ID, []feeds.Item{{Key: "guid:k1", URL: link, Link: link, Lang: "en", Published: testNow.Add(-150 * time.Minute),
		Title: "Shebekino: two hurt as drone hits car", Text: "A drone hit a car in Shebekino in the Belgorod region, injuring two people, the governor said."}}); err != nil {
		t.Fatal(err)
	}
	f.setNow(f.clock().Add(2 * time.Minute))
	if n, err := s.RunDue(ctx, f.clock()); err != nil || n != 1 {
		t.Fatalf("update: %d, %v", n, err)
	}
	waitFor(t, "the update", func() bool { return len(consoleLines(t, path)) == 2 })
	u := consoleLines(t, path)[1]
	if u.Thread != first.IdempotencyKey {
		t.Errorf("update thread %q, want the first post's ref %q", u.Thread, first.IdempotencyKey)
	}
	if !strings.Contains(u.Text, "Update: Drone strike on Shebekino") || !strings.Contains(u.Text, "Kordon") || !strings.Contains(u.Text, link) {
		t.Errorf("update text:\n%s", u.Text)
	}
	if strings.Contains(u.Text, "Wire") {
		t.Errorf("update repeats a source already posted:\n%s", u.Text)
	}
	// Nothing new: nothing posted, no second update.
	f.setNow(f.clock().Add(2 * time.Minute))
	if n, _ := s.RunDue(ctx, f.clock()); n != 0 {
		t.Errorf("%d posts with nothing new", n)
	}
}

// paced records post times and asks for a second between posts.
type paced struct {
	postOnly
	mu    sync.Mutex
	times []time.Time
}

func (p *paced) Pace() time.Duration { return time.Second }
func (p *paced) Post(ctx context.Context, channel, thread, text, key string) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.times = append(p.times, time.Now())
	return key, nil
}

func TestPacingPerChannel(t *testing.T) { onBothDatabases(t, testPacingPerChannel) }

func testPacingPerChannel(t *testing.T, newFixture fixtureMaker) {
	f := newFixture(t, Options{})
	p := &paced{}
	d := startDelivery(t, f, p, "")
	ctx := context.Background()
	for i := range 4 {
		err := f.st.WithTx(ctx, func(tx *sql.Tx) error {
			return d.EnqueueTx(ctx, tx, store.Delivery{Key: fmt.Sprint("k", i), Channel: "console:busy", Text: "x"})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "four paced posts", func() bool { p.mu.Lock(); defer p.mu.Unlock(); return len(p.times) == 4 })
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := 1; i < len(p.times); i++ {
		if gap := p.times[i].Sub(p.times[i-1]); gap < 900*time.Millisecond {
			t.Errorf("posts %d and %d to one channel %s apart, want about a second", i-1, i, gap)
		}
	}
}

// TestDailyDigestOnceOnDSTDays runs the scheduler every five minutes
// (with a restart in the middle) across both 2026 DST changes in
// Brussels: a daily 02:30 digest goes out exactly once per local day.
func TestDailyDigestOnceOnDSTDays(t *testing.T) { onBothDatabases(t, testDailyDigestOnceOnDSTDays) }

func testDailyDigestOnceOnDSTDays(t *testing.T, newFixture fixtureMaker) {
	f := newFixture(t, Options{})
	ctx := context.Background()
	brussels, _ := time.LoadLocation("Europe/Brussels")
	for _, days := range [][2]time.Time{
		{time.Date(2026, 3, 27, 12, 0, 0, 0, time.UTC), time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC)},
		{time.Date(2026, 10, 23, 12, 0, 0, 0, time.UTC), time.Date(2026, 10, 27, 12, 0, 0, 0, time.UTC)},
	} {
		channel := fmt.Sprintf("console:dst%d", days[0].Month())
		f.setNow(days[0])
		if r := f.say(channel, "subscribe border-developments daily 02:30 Europe/Brussels", false); !strings.Contains(r.Text, "Subscribed") {
			t.Fatal(r.Text)
		}
		p := &countingPlatform{want: -1, done: make(chan struct{})}
		d, err := NewDelivery(ctx, f.st, DeliveryOptions{Platforms: map[string]Platform{"console": p}})
		if err != nil {
			t.Fatal(err)
		}
		s := &Scheduler{Bot: f.bot, Delivery: d, Render: PlainText}
		mid := days[0].Add(days[1].Sub(days[0]) / 2)
		for now := days[0]; now.Before(days[1]); now = now.Add(5 * time.Minute) {
			if !now.Before(mid) && now.Before(mid.Add(5*time.Minute)) {
				// A restart: new scheduler, same database.
				s = &Scheduler{Bot: New(f.bot.o), Delivery: d, Render: s.Render}
			}
			f.setNow(now)
			if _, err := s.RunDue(ctx, now); err != nil {
				t.Fatal(err)
			}
		}
		all, err := f.st.Deliveries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		perDay := map[string]int{}
		for _, dl := range all {
			if dl.Channel != channel {
				continue
			}
			// The key names the scheduled time.
			at, err := time.Parse(time.RFC3339, strings.SplitN(dl.Key, ":", 3)[2])
			if err != nil {
				t.Fatalf("key %s: %v", dl.Key, err)
			}
			local := at.In(brussels)
			perDay[local.Format("2006-01-02")]++
			if local.Hour() != 2 && local.Hour() != 3 || local.Minute() != 30 {
				t.Errorf("digest at %s local", local)
			}
		}
		if len(perDay) != 4 {
			t.Errorf("%s: digests on %d local days, want 4: %v", channel, len(perDay), perDay)
		}
		for day, n := range perDay {
			if n != 1 {
				t.Errorf("%s: %d digests on %s", channel, n, day)
			}
		}
	}
}

func TestEmptyDigestSkipAndUnservedPlatforms(t *testing.T) {
	onBothDatabases(t, testEmptyDigestSkipAndUnservedPlatforms)
}

func testEmptyDigestSkipAndUnservedPlatforms(t *testing.T, newFixture fixtureMaker) {
	f := newFixture(t, Options{EmptyDigest: "skip"})
	path := filepath.Join(t.TempDir(), "console.jsonl")
	d := startDelivery(t, f, Console{console.New(path, nil)}, "")
	s := &Scheduler{Bot: f.bot, Delivery: d, Render: PlainText}
	ctx := context.Background()
	f.say("console:quiet", "subscribe alliance-statements hourly", false)
	f.say("slack:C0123", "subscribe border-developments hourly", false)
	subs, _ := f.st.Subscriptions(ctx, store.SubscriptionQuery{})
	due := subs[0].NextRun
	f.setNow(due)
	// The NATO statement makes the first digest; the slack channel waits.
	if n, err := s.RunDue(ctx, due); err != nil || n != 1 {
		t.Fatalf("first hour: %d, %v", n, err)
	}
	waitFor(t, "the first digest", func() bool { return len(consoleLines(t, path)) == 1 })
	f.setNow(due.Add(time.Hour))
	if n, _ := s.RunDue(ctx, due.Add(time.Hour)); n != 0 {
		t.Errorf("an empty digest was posted with empty_digest: skip")
	}
	slack, _ := f.st.Subscriptions(ctx, store.SubscriptionQuery{Channel: "slack:C0123"})
	if len(slack) != 1 || !slack[0].Cursor.Equal(testNow) || slack[0].Paused() {
		t.Errorf("slack subscription without a slack platform: %+v; want it waiting, cursor unmoved", slack)
	}
}

// Two instant subscriptions in one channel still make at most one
// message a minute there; the second's stories wait, and arrive.
func TestInstantIsPacedPerChannel(t *testing.T) { onBothDatabases(t, testInstantIsPacedPerChannel) }

func testInstantIsPacedPerChannel(t *testing.T, newFixture fixtureMaker) {
	f := newFixture(t, Options{})
	path := filepath.Join(t.TempDir(), "console.jsonl")
	d := startDelivery(t, f, Console{console.New(path, nil)}, "")
	s := &Scheduler{Bot: f.bot, Delivery: d, Render: PlainText}
	ctx := context.Background()
	f.setNow(testNow.Add(-time.Minute))
	f.say("console:live", "subscribe border-developments instant", false)
	f.say("console:live", "subscribe alliance-statements instant", false)
	var times []time.Time
	for k := range 4 {
		now := testNow.Add(time.Duration(10+30*k) * time.Second)
		f.setNow(now)
		n, err := s.RunDue(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		for range n {
			times = append(times, now)
		}
	}
	if len(times) != 2 || times[1].Sub(times[0]) < time.Minute {
		t.Errorf("posts at %v: want two, a minute apart", times)
	}
	waitFor(t, "both posts", func() bool { return len(consoleLines(t, path)) == 2 })
	all := consoleLines(t, path)[0].Text + consoleLines(t, path)[1].Text
	for _, w := range []string{"Shebekino", "NATO"} {
		if !strings.Contains(all, w) {
			t.Errorf("%s never posted:\n%s", w, all)
		}
	}
}

// slowFirst records posts; a post whose text starts with "1/" is slow.
type slowFirst struct {
	postOnly
	mu    sync.Mutex
	texts []string
}

func (p *slowFirst) Post(ctx context.Context, channel, thread, text, key string) (string, error) {
	if strings.HasPrefix(text, "1/") {
		time.Sleep(300 * time.Millisecond)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.texts = append(p.texts, text[:2])
	return key, nil
}

// A digest split at the platform's limits is posted in order.
func TestSplitDigestPostedInOrder(t *testing.T) { onBothDatabases(t, testSplitDigestPostedInOrder) }

func testSplitDigestPostedInOrder(t *testing.T, newFixture fixtureMaker) {
	f := newFixture(t, Options{})
	p := &slowFirst{}
	d := startDelivery(t, f, p, "")
	s := &Scheduler{Bot: f.bot, Delivery: d, Render: func(_ string, r Response) []string {
		return []string{"1/ " + r.Text, "2/ more", "3/ end"}
	}}
	ctx := context.Background()
	f.say("console:desk", "subscribe border-developments hourly", false)
	subs, _ := f.st.Subscriptions(ctx, store.SubscriptionQuery{})
	f.setNow(subs[0].NextRun)
	if n, err := s.RunDue(ctx, subs[0].NextRun); err != nil || n != 1 {
		t.Fatalf("RunDue: %d, %v", n, err)
	}
	waitFor(t, "three parts", func() bool { p.mu.Lock(); defer p.mu.Unlock(); return len(p.texts) == 3 })
	p.mu.Lock()
	defer p.mu.Unlock()
	if strings.Join(p.texts, " ") != "1/ 2/ 3/" {
		t.Errorf("parts posted in the order %v", p.texts)
	}
}

// The queue's gauges read the database: deliveries committed while no
// worker runs show as pending, with the age of the oldest.
func TestPendingGauges(t *testing.T) {
	onBothDatabases(t, func(t *testing.T, newFixture fixtureMaker) {
		f := newFixture(t, Options{})
		ctx := context.Background()
		reg := prometheus.NewRegistry()
		d, err := NewDelivery(ctx, f.st, DeliveryOptions{Platforms: map[string]Platform{"console": Console{console.New(filepath.Join(t.TempDir(), "c.jsonl"), nil)}}, Metrics: NewDeliveryMetrics(reg, f.st)})
		if err != nil {
			t.Fatal(err)
		}
		if got := gather(t, reg); got["briefbot_deliveries_pending"] != 0 || got["briefbot_delivery_oldest_pending_seconds"] != 0 {
			t.Errorf("empty queue: %v", got)
		}
		// The fixture's clock is at testNow, so the oldest is that old.
		for _, key := range []string{"a", "b"} {
			if err := f.st.WithTx(ctx, func(tx *sql.Tx) error {
				return d.EnqueueTx(ctx, tx, store.Delivery{Key: key, Channel: "console:desk", Text: key})
			}); err != nil {
				t.Fatal(err)
			}
		}
		got := gather(t, reg)
		if got["briefbot_deliveries_pending"] != 2 {
			t.Errorf("pending = %v, want 2", got["briefbot_deliveries_pending"])
		}
		if age, want := got["briefbot_delivery_oldest_pending_seconds"], time.Since(testNow).Seconds(); age < want-60 || age > want+60 {
			t.Errorf("oldest pending %v s, want about %v s", age, want)
		}
	})
}

// A channel's filter applies to a source it relays, as to a topic: the
// relay keeps only what the filter lets through, and says nothing when
// nothing is left.
func TestFilteredRelay(t *testing.T) {
	onBothDatabases(t, func(t *testing.T, newFixture fixtureMaker) {
		f := newFixture(t, Options{EmptyDigest: "skip"})
		path := filepath.Join(t.TempDir(), "console.jsonl")
		d := startDelivery(t, f, Console{console.New(path, nil)}, "")
		s := &Scheduler{Bot: f.bot, Delivery: d, Render: PlainText}
		ctx := context.Background()
		f.setNow(testNow.Add(-time.Minute))
		f.say("console:relay", "subscribe source:Wire instant", false)
		if r := f.say("console:relay", `filter source:wire exclude airline* "Star Alliance"`, false); !strings.Contains(r.Text, "Filter on source:Wire here: never items matching airline* or \"Star Alliance\"") {
			t.Fatalf("filter: %s", r.Text)
		}
		f.say("console:relay", "filter source:Wire include NATO Shebekino Sudzha", false)
		if r := f.say("console:relay", "filter source:Nope include x", false); !strings.Contains(r.Text, `There is no source "Nope"`) {
			t.Errorf("a filter on an unknown source: %s", r.Text)
		}
		f.setNow(testNow.Add(10 * time.Second))
		if n, err := s.RunDue(ctx, f.clock()); err != nil || n != 1 {
			t.Fatalf("RunDue: %d, %v", n, err)
		}
		waitFor(t, "the relay", func() bool { return len(consoleLines(t, path)) == 1 })
		relay := consoleLines(t, path)[0].Text
		for _, want := range []string{"NATO chief", "Shebekino", "Sudzha"} {
			if !strings.Contains(relay, want) {
				t.Errorf("the relay lacks %q:\n%s", want, relay)
			}
		}
		if strings.Contains(relay, "Airline") {
			t.Errorf("the relay carries the excluded airline item:\n%s", relay)
		}
		// Only excluded items arrive: nothing is posted.
		src, _ := f.st.SourceByName(ctx, "Wire")
		f.setNow(f.clock().Add(time.Second))
		if _, err := f.st.SaveItems(ctx, src.ID, []feeds.Item{{Key: "guid:air2", URL: "https://news.example/air2", Link: "https://news.example/air2", Lang: "en",
			Published: f.clock(), Title: "Airline strike grounds flights", Text: "An airline strike grounded flights on Monday."}}); err != nil {
			t.Fatal(err)
		}
		f.setNow(f.clock().Add(2 * time.Minute))
		if n, err := s.RunDue(ctx, f.clock()); err != nil || n != 0 {
			t.Errorf("a relay of excluded items only: %d messages, %v", n, err)
		}
		if r := f.say("console:relay", "filter source:Wire clear", false); !strings.Contains(r.Text, "Cleared the filter on source:Wire (5 terms)") {
			t.Errorf("clear: %s", r.Text)
		}
	})
}
