package feeds_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/feeds/feedtest"
	"github.com/briefbot/briefbot/store"
)

type fakeClock struct{ t atomic.Pointer[time.Time] }

func newClock(t time.Time) *fakeClock {
	c := &fakeClock{}
	c.set(t)
	return c
}
func (c *fakeClock) now() time.Time      { return *c.t.Load() }
func (c *fakeClock) set(t time.Time)     { c.t.Store(&t) }
func (c *fakeClock) add(d time.Duration) { c.set(c.now().Add(d)) }

type rig struct {
	store  *store.Store
	poller *feeds.Poller
	clock  *fakeClock
	srv    *feedtest.Server
}

func newRig(t *testing.T, specs []store.SourceSpec, doer feeds.Doer) *rig {
	t.Helper()
	ctx := context.Background()
	// The clock starts at this hour, not a fixed date: /429-date's
	// Retry-After is a real HTTP date two hours from now.
	clock := newClock(time.Now().UTC().Truncate(time.Hour))
	st, err := store.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "p.db"), store.Options{Now: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SyncConfigSources(ctx, specs); err != nil {
		t.Fatal(err)
	}
	if doer == nil {
		f := feeds.NewFetcher(feeds.FetcherOptions{Timeout: 2 * time.Second, AllowPrivateNetworks: true, Now: clock.now})
		t.Cleanup(f.Close)
		doer = f
	}
	p, err := feeds.NewPoller(st, doer, feeds.PollerOptions{
		Schedule: "*/15 * * * *", ParseSchedule: config.ParseSchedule, Concurrency: 8, PerHost: 0, Now: clock.now,
	})
	if err != nil {
		t.Fatal(err)
	}
	return &rig{store: st, poller: p, clock: clock}
}

func byName(reports []feeds.SourceReport) map[string]feeds.SourceReport {
	m := map[string]feeds.SourceReport{}
	for _, r := range reports {
		m[r.Source] = r
	}
	return m
}

// TestOnePollSurvivesEveryFault polls the whole fault-injection server at
// once: every good source's items are stored, every failure is recorded
// with a readable error, and nothing hangs.
func TestOnePollSurvivesEveryFault(t *testing.T) {
	srv := feedtest.NewServer()
	defer srv.Close()
	var specs []store.SourceSpec
	for _, r := range feedtest.Routes() {
		specs = append(specs, store.SourceSpec{Name: r.Path, URL: srv.URL(r.Path)})
	}
	rg := newRig(t, specs, nil)
	ctx := context.Background()
	start := time.Now()
	reports, err := rg.poller.PollOnce(ctx, feeds.All, nil)
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("poll took %s: a slow source held up the rest", took)
	}
	got := byName(reports)
	if len(reports) != len(specs) {
		t.Fatalf("%d reports for %d sources", len(reports), len(specs))
	}
	for i, r := range feedtest.Routes() {
		rep := got[r.Path]
		if reports[i].Source != r.Path {
			t.Errorf("report %d is %q, want config order (%q)", i, reports[i].Source, r.Path)
		}
		want := r.Want
		if want == "html" {
			want = feeds.StatusError
		}
		if rep.Status != want {
			t.Errorf("%s: status %q (%s), want %q", r.Path, rep.Status, rep.Error, want)
			continue
		}
		src, err := rg.store.SourceByName(ctx, r.Path)
		if err != nil {
			t.Fatal(err)
		}
		switch want {
		case feeds.StatusOK:
			if rep.NewItems == 0 || rep.TotalItems != rep.NewItems {
				t.Errorf("%s: new %d total %d", r.Path, rep.NewItems, rep.TotalItems)
			}
			if src.Failures != 0 || src.LastSuccess.IsZero() {
				t.Errorf("%s: health %+v", r.Path, src)
			}
		case feeds.StatusError:
			if rep.Error == "" || src.Failures != 1 || src.LastError != rep.Error || src.LastErrorAt.IsZero() {
				t.Errorf("%s: error not recorded: report %+v, source failures %d last %q", r.Path, rep, src.Failures, src.LastError)
			}
		}
	}
	checks := map[string]string{
		"/gzip-bomb":         "max_body",
		"/too-big":           "max_body",
		"/redirect-loop":     "redirects",
		"/redirect-chain/10": "redirects",
		"/slow":              "timed out",
		"/500":               "HTTP 500",
		"/429-retry-after":   "retry after 1h0m0s",
		"/html-with-feed":    srv.URL("/good/rss"),
		"/html-plain":        "advertises no feed",
		"/truncated":         "cannot parse feed",
		"/empty":             "empty document",
	}
	for path, want := range checks {
		if e := got[path].Error; !strings.Contains(e, want) {
			t.Errorf("%s: error %q should mention %q", path, e, want)
		}
	}
	if got["/good/json"].NewItems != feedtest.GoodJSONItems || got["/good/rss"].NewItems != feedtest.GoodRSSItems || got["/koi8r"].NewItems != feedtest.KOI8RItems {
		t.Errorf("item counts: %+v %+v %+v", got["/good/json"], got["/good/rss"], got["/koi8r"])
	}
	for _, path := range []string{"/cp1251", "/koi8r"} {
		items, _ := rg.store.Items(ctx, store.ItemQuery{Source: path})
		want := feedtest.CP1251Titles
		if path == "/koi8r" {
			want = feedtest.KOI8RTitles
		}
		var titles []string
		for _, it := range items {
			titles = append(titles, it.Title)
		}
		for _, w := range want {
			if !strings.Contains(strings.Join(titles, "|"), w) {
				t.Errorf("%s: titles %q lack %q", path, titles, w)
			}
		}
	}
	// Servers' not-before hints are per source.
	now := rg.clock.now()
	for path, want := range map[string]time.Duration{
		"/429-retry-after": time.Duration(feedtest.RetryAfter429Seconds) * time.Second,
		"/503-retry":       time.Duration(feedtest.RetryAfter503Seconds) * time.Second,
		"/max-age":         time.Duration(feedtest.MaxAgeSeconds) * time.Second,
		"/ttl":             time.Duration(feedtest.TTLMinutes) * time.Minute,
	} {
		src, _ := rg.store.SourceByName(ctx, path)
		if got := src.NotBefore.Sub(now); got < want-time.Minute || got > want+time.Minute {
			t.Errorf("%s: not before in %s, want %s", path, got, want)
		}
	}
	src, _ := rg.store.SourceByName(ctx, "/429-date")
	if d := src.NotBefore.Sub(time.Now()); d < 90*time.Minute || d > 3*time.Hour {
		t.Errorf("/429-date: not before in %s, want ~2h", d)
	}
	if src, _ := rg.store.SourceByName(ctx, "/good/rss"); !src.NotBefore.IsZero() {
		t.Errorf("/good/rss has a not-before time %v without any hint", src.NotBefore)
	}
	// Permanent redirects move the stored URL; temporary ones do not.
	if src, _ := rg.store.SourceByName(ctx, "/moved"); src.URL != srv.URL("/good/rss") {
		t.Errorf("/moved: URL %s, want %s", src.URL, srv.URL("/good/rss"))
	}
	if src, _ := rg.store.SourceByName(ctx, "/moved-308"); src.URL != srv.URL("/good/atom") {
		t.Errorf("/moved-308: URL %s", src.URL)
	}
	if src, _ := rg.store.SourceByName(ctx, "/redirect-chain/3"); src.URL != srv.URL("/redirect-chain/3") {
		t.Errorf("temporary redirects must not move the URL: %s", src.URL)
	}

	// A second poll: sources under a not-before time or in backoff are skipped.
	reports, err = rg.poller.PollOnce(ctx, feeds.All, nil)
	if err != nil {
		t.Fatal(err)
	}
	got = byName(reports)
	for _, path := range []string{"/429-retry-after", "/500", "/max-age", "/ttl"} {
		if got[path].Status != feeds.StatusSkipped {
			t.Errorf("second poll %s: %q, want skipped", path, got[path].Status)
		}
	}
	if got["/good/rss"].Status != feeds.StatusNotModified || got["/good/rss"].TotalItems != feedtest.GoodRSSItems {
		t.Errorf("second poll /good/rss: %+v", got["/good/rss"])
	}
	if r := srv.LastRequest("/good/rss"); r == nil || r.Header.Get("If-None-Match") != feedtest.GoodRSSETag {
		t.Errorf("second poll did not send the ETag")
	}
	if got["/max-age"].TotalItems != feedtest.GoodRSSItems {
		t.Errorf("skipped sources still report their stored total: %+v", got["/max-age"])
	}
	reports, _ = rg.poller.PollOnce(ctx, feeds.Force, nil)
	if r := byName(reports)["/500"]; r.Status != feeds.StatusError || r.HTTPStatus != 500 {
		t.Errorf("--force must poll sources in backoff: %+v", r)
	}
}

func TestEachURLFetchedOncePerTick(t *testing.T) {
	srv := feedtest.NewServer()
	defer srv.Close()
	u := srv.URL("/good/atom")
	rg := newRig(t, []store.SourceSpec{{Name: "a", URL: u}, {Name: "b", URL: u}, {Name: "c", URL: u}}, nil)
	reports, err := rg.poller.PollOnce(context.Background(), feeds.All, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := srv.Hits("/good/atom"); n != 1 {
		t.Errorf("fetched %d times, want once", n)
	}
	for _, r := range reports {
		if r.Status != feeds.StatusOK || r.NewItems != feedtest.GoodAtomEntries || r.TotalItems != feedtest.GoodAtomEntries {
			t.Errorf("%+v", r)
		}
	}
}

// flaky fails while down is set.
type flaky struct {
	down  atomic.Bool
	calls atomic.Int32
	inner feeds.Doer
}

func (f *flaky) Fetch(ctx context.Context, r feeds.Request) (*feeds.Response, error) {
	f.calls.Add(1)
	if f.down.Load() {
		return nil, errors.New("connection refused")
	}
	return f.inner.Fetch(ctx, r)
}

func TestBackoffDoublesToADayAndNeverDisables(t *testing.T) {
	srv := feedtest.NewServer()
	defer srv.Close()
	fl := &flaky{inner: feeds.NewFetcher(feeds.FetcherOptions{AllowPrivateNetworks: true})}
	fl.down.Store(true)
	rg := newRig(t, []store.SourceSpec{{Name: "s", URL: srv.URL("/good/rss"), Schedule: "@every 10m"}}, fl)
	ctx := context.Background()
	var waits []time.Duration
	for i := 0; i < 12; i++ {
		if _, err := rg.poller.PollOnce(ctx, feeds.Due, nil); err != nil {
			t.Fatal(err)
		}
		src, _ := rg.store.SourceByName(ctx, "s")
		waits = append(waits, src.NextPoll.Sub(rg.clock.now()))
		// Polling before the due time does nothing.
		rg.clock.add(waits[i] - time.Second)
		calls := fl.calls.Load()
		rg.poller.PollOnce(ctx, feeds.Due, nil)
		if fl.calls.Load() != calls {
			t.Fatalf("polled during backoff (wait %d)", i)
		}
		rg.clock.add(time.Second)
	}
	want := []time.Duration{10 * time.Minute, 20 * time.Minute, 40 * time.Minute, 80 * time.Minute, 160 * time.Minute, 320 * time.Minute, 640 * time.Minute, 1280 * time.Minute, 24 * time.Hour}
	for i, w := range want {
		if waits[i] != w {
			t.Errorf("wait after failure %d = %s, want %s (all: %v)", i+1, waits[i], w, waits)
		}
	}
	for i := len(want); i < len(waits); i++ {
		if waits[i] != 24*time.Hour {
			t.Errorf("wait %d = %s, want the 24h cap", i+1, waits[i])
		}
	}
	src, _ := rg.store.SourceByName(ctx, "s")
	if src.Failures != 12 || src.FailingSince.IsZero() {
		t.Errorf("health %+v", src)
	}
	fl.down.Store(false)
	reports, _ := rg.poller.PollOnce(ctx, feeds.Due, nil)
	if reports[0].Status != feeds.StatusOK {
		t.Fatalf("recovery: %+v", reports[0])
	}
	src, _ = rg.store.SourceByName(ctx, "s")
	if src.Failures != 0 || src.NextPoll.Sub(rg.clock.now()) != 10*time.Minute {
		t.Errorf("after recovery: failures %d next in %s", src.Failures, src.NextPoll.Sub(rg.clock.now()))
	}
}

type panicky struct{}

func (panicky) Fetch(context.Context, feeds.Request) (*feeds.Response, error) { panic("boom") }

func TestPanicInFetchIsContainedAndScheduleContinues(t *testing.T) {
	rg := newRig(t, []store.SourceSpec{{Name: "p", URL: "https://p.example/rss"}}, panicky{})
	reports, err := rg.poller.PollOnce(context.Background(), feeds.All, nil)
	if err != nil {
		t.Fatal(err)
	}
	if reports[0].Status != feeds.StatusError || !strings.Contains(reports[0].Error, "boom") {
		t.Errorf("%+v", reports[0])
	}
	src, _ := rg.store.SourceByName(context.Background(), "p")
	if src.Failures != 1 {
		t.Errorf("panic not recorded as a failure: %+v", src)
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	srv := feedtest.NewServer()
	defer srv.Close()
	rg := newRig(t, []store.SourceSpec{{Name: "s", URL: srv.URL("/good/rss")}}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		rg.poller.Run(ctx, time.Second)
		close(done)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for srv.Hits("/good/rss") == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if srv.Hits("/good/rss") == 0 {
		t.Fatal("Run never polled")
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop within 5s of cancel")
	}
}

// countingDoer serves a one-item RSS feed for any URL and counts fetches
// per URL.
type countingDoer struct {
	mu    sync.Mutex
	calls map[string]int
	gate  chan struct{} // when not nil, each fetch waits for it to close
	delay time.Duration // how long each fetch takes
}

func (c *countingDoer) Fetch(ctx context.Context, r feeds.Request) (*feeds.Response, error) {
	c.mu.Lock()
	c.calls[r.URL]++
	gate := c.gate
	c.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	time.Sleep(c.delay)
	body := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Shelling in Sudzha</title><link>` +
		r.URL + `/1</link><guid>` + r.URL + `/1</guid></item></channel></rss>`
	return &feeds.Response{Status: 200, Body: []byte(body), ContentType: "application/rss+xml", FinalURL: r.URL}, nil
}

func (c *countingDoer) counts() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.calls)
}

// Two pollers sharing one database, as replicas do, ticking at the same
// moments: every due source is fetched once per tick, by one of them, and
// a poller that claimed sources and died leaves them due again after its
// hold.
func TestSharedPollersFetchEachSourceOncePerTick(t *testing.T) {
	var specs []store.SourceSpec
	for i := range 30 {
		specs = append(specs, store.SourceSpec{Name: fmt.Sprintf("s%02d", i), URL: fmt.Sprintf("https://feeds%d.example/rss", i)})
	}
	doer := &countingDoer{calls: map[string]int{}}
	rg := newRig(t, specs, doer)
	other, err := feeds.NewPoller(rg.store, doer, feeds.PollerOptions{
		Schedule: "*/15 * * * *", ParseSchedule: config.ParseSchedule, Concurrency: 8, Now: rg.clock.now,
	})
	if err != nil {
		t.Fatal(err)
	}
	const hold = 5 * time.Minute
	rg.poller.Share(rg.store, hold)
	other.Share(rg.store, hold)
	ctx := context.Background()
	tick := func() (a, b int) {
		var wg sync.WaitGroup
		var ra, rb []feeds.SourceReport
		wg.Go(func() { ra, _ = rg.poller.PollOnce(ctx, feeds.Due, nil) })
		wg.Go(func() { rb, _ = other.PollOnce(ctx, feeds.Due, nil) })
		wg.Wait()
		for k := range ra {
			if ra[k].Status == feeds.StatusOK {
				a++
			}
			if rb[k].Status == feeds.StatusOK {
				b++
			}
			if ra[k].Status == feeds.StatusOK && rb[k].Status == feeds.StatusOK {
				t.Errorf("%s polled by both pollers", ra[k].Source)
			}
		}
		return a, b
	}
	for round := 1; round <= 3; round++ {
		a, b := tick()
		if a+b != len(specs) {
			t.Errorf("round %d: %d + %d sources polled, want %d", round, a, b, len(specs))
		}
		for u, n := range doer.counts() {
			if n != round {
				t.Errorf("round %d: %s fetched %d times", round, u, n)
			}
		}
		// Nothing is due again within the tick's minutes.
		rg.clock.add(time.Minute)
		if a, b := tick(); a+b != 0 {
			t.Errorf("round %d: %d sources polled again a minute later", round, a+b)
		}
		rg.clock.add(15 * time.Minute)
	}

	// A replica claims the due sources and dies before fetching them:
	// the others leave them alone until the hold runs out.
	srcs, err := rg.store.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, s := range srcs {
		ids = append(ids, s.ID)
	}
	now := rg.clock.now()
	claimed, err := rg.store.ClaimDue(ctx, ids, now, now.Add(hold))
	if err != nil || len(claimed) != len(ids) {
		t.Fatalf("claimed %d of %d: %v", len(claimed), len(ids), err)
	}
	if a, b := tick(); a+b != 0 {
		t.Errorf("%d sources a dead poller claimed were polled within its hold", a+b)
	}
	rg.clock.add(hold)
	if a, b := tick(); a+b != len(specs) {
		t.Errorf("after the hold: %d sources polled, want %d", a+b, len(specs))
	}
	for u, n := range doer.counts() {
		if n != 4 {
			t.Errorf("%s fetched %d times in 4 rounds", u, n)
		}
	}
}

// A replica stopped in the middle of a poll hands back the sources it
// claimed and did not poll: another replica polls them at its next tick,
// not after the hold.
func TestStoppedPollerReleasesItsClaims(t *testing.T) {
	var specs []store.SourceSpec
	for i := range 6 {
		specs = append(specs, store.SourceSpec{Name: fmt.Sprintf("s%d", i), URL: fmt.Sprintf("https://feeds%d.example/rss", i)})
	}
	stuck := &countingDoer{calls: map[string]int{}, gate: make(chan struct{})}
	rg := newRig(t, specs, stuck)
	rg.poller.Share(rg.store, 5*time.Minute)
	doer := &countingDoer{calls: map[string]int{}}
	other, err := feeds.NewPoller(rg.store, doer, feeds.PollerOptions{
		Schedule: "*/15 * * * *", ParseSchedule: config.ParseSchedule, Now: rg.clock.now,
	})
	if err != nil {
		t.Fatal(err)
	}
	other.Share(rg.store, 5*time.Minute)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := rg.poller.PollOnce(ctx, feeds.Due, nil); done <- err }()
	deadline := time.Now().Add(10 * time.Second)
	for len(stuck.counts()) < 6 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	// Every source is claimed and being fetched: the other replica gets
	// none of them.
	if reports, _ := other.PollOnce(context.Background(), feeds.Due, nil); polledCount(reports) != 0 {
		t.Fatalf("the other replica polled %d claimed sources", polledCount(reports))
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("the stopped poll returned %v", err)
	}
	rg.clock.add(5 * time.Second)
	reports, err := other.PollOnce(context.Background(), feeds.Due, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := polledCount(reports); n != 6 {
		t.Errorf("after the stop the other replica polled %d of 6 sources", n)
	}
}

// sharedPoller is another replica's poller on the rig's database.
func sharedPoller(t *testing.T, rg *rig, doer feeds.Doer, concurrency int) *feeds.Poller {
	t.Helper()
	p, err := feeds.NewPoller(rg.store, doer, feeds.PollerOptions{
		Schedule: "*/15 * * * *", ParseSchedule: config.ParseSchedule, Concurrency: concurrency, Now: rg.clock.now,
	})
	if err != nil {
		t.Fatal(err)
	}
	p.Share(rg.store, 5*time.Minute)
	return p
}

func sourceSpecs(n int) []store.SourceSpec {
	var specs []store.SourceSpec
	for i := range n {
		specs = append(specs, store.SourceSpec{Name: fmt.Sprintf("s%02d", i), URL: fmt.Sprintf("https://feeds%d.example/rss", i)})
	}
	return specs
}

// A replica claims a source only as it starts fetching it: one stuck on
// slow feeds holds those, and the other replicas poll the rest in the
// same tick instead of waiting out its hold.
func TestSharedPollerClaimsOnlyWhatItFetches(t *testing.T) {
	stuck := &countingDoer{calls: map[string]int{}, gate: make(chan struct{})}
	rg := newRig(t, sourceSpecs(30), stuck)
	slow := sharedPoller(t, rg, stuck, 2)
	doer := &countingDoer{calls: map[string]int{}}
	other := sharedPoller(t, rg, doer, 8)

	done := make(chan []feeds.SourceReport, 1)
	go func() { r, _ := slow.PollOnce(context.Background(), feeds.Due, nil); done <- r }()
	deadline := time.Now().Add(10 * time.Second)
	for len(stuck.counts()) < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	reports, err := other.PollOnce(context.Background(), feeds.Due, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := polledCount(reports); n != 28 {
		t.Errorf("beside a replica stuck on 2 feeds, the other polled %d of 28", n)
	}
	close(stuck.gate)
	if n := polledCount(<-done); n != 2 {
		t.Errorf("the slow replica polled %d sources, want the 2 it had started", n)
	}
	for u, n := range stuck.counts() {
		if doer.counts()[u] != 0 {
			t.Errorf("%s fetched by both replicas (%d and %d times)", u, n, doer.counts()[u])
		}
	}
}

// Two replicas ticking together, fetching at the same speed, each poll
// about half of the due sources: claims follow the work each can take.
func TestSharedPollersSplitTheWork(t *testing.T) {
	a := &countingDoer{calls: map[string]int{}, delay: 20 * time.Millisecond}
	b := &countingDoer{calls: map[string]int{}, delay: 20 * time.Millisecond}
	rg := newRig(t, sourceSpecs(40), a)
	pa, pb := sharedPoller(t, rg, a, 2), sharedPoller(t, rg, b, 2)
	var wg sync.WaitGroup
	var ra, rb []feeds.SourceReport
	wg.Go(func() { ra, _ = pa.PollOnce(context.Background(), feeds.Due, nil) })
	wg.Go(func() { rb, _ = pb.PollOnce(context.Background(), feeds.Due, nil) })
	wg.Wait()
	na, nb := polledCount(ra), polledCount(rb)
	if na+nb != 40 {
		t.Fatalf("%d + %d sources polled, want 40", na, nb)
	}
	// 20 each when both start together; a slow start still leaves the
	// later one a quarter.
	if na < 10 || nb < 10 {
		t.Errorf("the replicas polled %d and %d of 40 sources: not shared", na, nb)
	}
	t.Logf("replica A polled %d, replica B %d", na, nb)
}

func polledCount(reports []feeds.SourceReport) int {
	n := 0
	for _, r := range reports {
		if r.Status != feeds.StatusSkipped {
			n++
		}
	}
	return n
}
