package feeds

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// Poll outcomes as reported per source (the `poll --json` contract).
const (
	StatusOK          = "ok"
	StatusNotModified = "not_modified"
	StatusError       = "error"
	StatusSkipped     = "skipped"
)

// MaxBackoff caps the wait after repeated failures: a failing source is
// retried at least daily, never disabled for good.
const MaxBackoff = 24 * time.Hour

// Store is what the poller needs from storage.
type Store interface {
	// Sources lists every source in config order, then database order.
	Sources(ctx context.Context) ([]Source, error)
	// ApplyPolls stores poll outcomes (items and fetch state) for many
	// sources at once; each update succeeds or fails on its own.
	ApplyPolls(ctx context.Context, updates []PollUpdate) []PollApplied
	// CountItems counts the items a source carries.
	CountItems(ctx context.Context, sourceID int64) (int, error)
}

// Claimer is implemented by stores that several processes share: a
// poller claims the due sources it is about to fetch, so each source is
// fetched by one of them.
type Claimer interface {
	// ClaimDue takes those of ids still due at now, moving their next
	// poll to until, and returns them.
	ClaimDue(ctx context.Context, ids []int64, now, until time.Time) ([]int64, error)
	// ReleaseClaims makes the sources of held whose claim is still
	// unanswered (their next poll is still its Until) due again at due,
	// in one transaction.
	ReleaseClaims(ctx context.Context, held []Claim, due time.Time) error
}

// Claim is one source claimed by ClaimDue until Until.
type Claim struct {
	ID    int64
	Until time.Time
}

// Doer fetches one feed URL; *Fetcher is the real one.
type Doer interface {
	Fetch(ctx context.Context, r Request) (*Response, error)
}

var _ Doer = (*Fetcher)(nil)

// PollerOptions configure a Poller.
type PollerOptions struct {
	// Schedule is the default poll schedule (cron or @every). Required.
	Schedule string
	// ParseSchedule turns schedule text into a cron.Schedule. Required.
	ParseSchedule func(string) (cron.Schedule, error)
	// Concurrency bounds fetches at once. Default 8.
	Concurrency int
	// PerHost bounds fetches at once per host; 0 means no limit.
	PerHost int
	// Jitter is the largest random delay added to each next poll, so
	// sources on one schedule do not all hit at the same second.
	Jitter  time.Duration
	Now     func() time.Time
	Logger  *slog.Logger
	Metrics *Metrics
	// Rand returns a float in [0,1) for jitter; default math/rand/v2.
	Rand func() float64
}

// Poller fetches due sources, stores their items and keeps each source's
// health and next due time in the store.
type Poller struct {
	store Store
	doer  Doer
	opts  PollerOptions
	// claim and hold are set by Share: due sources are claimed for hold
	// before they are fetched.
	claim Claimer
	hold  time.Duration
}

// NewPoller builds a poller; it does no I/O.
func NewPoller(store Store, doer Doer, opts PollerOptions) (*Poller, error) {
	if opts.ParseSchedule == nil {
		return nil, errors.New("poller: ParseSchedule is required")
	}
	if _, err := opts.ParseSchedule(opts.Schedule); err != nil {
		return nil, fmt.Errorf("poller: default schedule: %w", err)
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = 8
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Rand == nil {
		opts.Rand = rand.Float64
	}
	return &Poller{store: store, doer: doer, opts: opts}, nil
}

// SourceReport is one source's outcome in a poll (`poll --once --json`).
type SourceReport struct {
	Source       string `json:"source"`
	URL          string `json:"url"`
	Status       string `json:"status"`
	HTTPStatus   int    `json:"http_status"`
	NewItems     int    `json:"new_items"`
	UpdatedItems int    `json:"updated_items"`
	TotalItems   int    `json:"total_items"`
	Error        string `json:"error"`
}

// Mode selects which sources a poll fetches.
type Mode int

const (
	// Due polls sources whose next poll time has come (the scheduler).
	Due Mode = iota
	// All polls every source except those in backoff or under a
	// server's "not before" time (`poll --once`).
	All
	// Force polls every source.
	Force
)

// PollOnce polls sources once, each distinct URL fetched once however
// many sources share it, and reports every source in store order.
// Fetching and parsing run on feeds.concurrency workers; one writer stores
// whatever results are ready in a single transaction, so the database is
// never the queue everyone waits on. progress, if not nil, is called after
// each URL is stored.
func (p *Poller) PollOnce(ctx context.Context, mode Mode, progress func(done, total int)) ([]SourceReport, error) {
	sources, err := p.store.Sources(ctx)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	p.opts.Metrics.touch(sources)
	now := p.opts.Now()
	var claims *claimLog
	if p.claim != nil && mode == Due {
		claims = &claimLog{}
	}
	reports := make([]SourceReport, len(sources))
	var order []string
	groups := map[string][]int{}
	for i, s := range sources {
		reports[i] = SourceReport{Source: s.Name, URL: s.URL, Status: StatusSkipped}
		if !p.wanted(s, mode, now) {
			continue
		}
		if _, ok := groups[s.URL]; !ok {
			order = append(order, s.URL)
		}
		groups[s.URL] = append(groups[s.URL], i)
	}
	if mode != Due {
		// The scheduler does not report skipped sources; poll --once does.
		for i, s := range sources {
			if p.wanted(s, mode, now) {
				continue
			}
			if n, err := p.store.CountItems(ctx, s.ID); err == nil {
				reports[i].TotalItems = n
			}
			p.opts.Metrics.observe(reports[i], 0)
		}
	}

	// A buffer as large as a write batch lets results pile up while the
	// writer commits, so the next commit carries many sources: commits
	// (and their full-text index merges) are the writer's largest cost.
	results := make(chan fetched, maxWriteBatch)
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		p.write(ctx, sources, results, reports, len(order), progress)
	}()
	sem := make(chan struct{}, p.opts.Concurrency)
	hosts := newHostLimiter(p.opts.PerHost)
	var wg sync.WaitGroup
	for _, u := range order {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil || claims.failed() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-sem }()
			release := hosts.acquire(ctx, u)
			defer release()
			idx := groups[u]
			if claims != nil {
				// Claimed only now, as its fetch starts: a replica busy
				// with slow feeds leaves the rest to the others, and the
				// hold covers one fetch, not a whole poll.
				if idx = p.claimGroup(ctx, sources, idx, claims); len(idx) == 0 {
					return
				}
			}
			group := make([]Source, len(idx))
			for k, i := range idx {
				group[k] = sources[i]
			}
			f := p.fetchSafely(ctx, group)
			f.idx = idx
			results <- f
		})
	}
	wg.Wait()
	close(results)
	<-writerDone
	if claims != nil && ctx.Err() != nil {
		// Stopped mid-poll: what was claimed and not polled is due again
		// at once for the other replicas, not after the hold.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
		if err := p.claim.ReleaseClaims(rctx, claims.taken, now); err != nil {
			p.opts.Logger.Warn("poll_release_failed", "error", err)
		}
		cancel()
	}
	if err := claims.failed(); err != nil && ctx.Err() == nil {
		return reports, err
	}
	return reports, ctx.Err()
}

// claimLog keeps what one shared poll claimed, so a stopped poll can hand
// it back, and the first claim that failed, which ends the poll.
type claimLog struct {
	mu    sync.Mutex
	taken []Claim
	err   error
}

func (l *claimLog) failed() error {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

// claimGroup claims the sources of one URL (their report indices idx) for
// this poller and returns the indices it got: none when another replica
// was first or the claim failed.
func (p *Poller) claimGroup(ctx context.Context, sources []Source, idx []int, l *claimLog) []int {
	ids := make([]int64, len(idx))
	for k, i := range idx {
		ids[k] = sources[i].ID
	}
	now := p.opts.Now()
	until := now.Add(p.hold)
	got, err := p.claim.ClaimDue(ctx, ids, now, until)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil {
		if l.err == nil && ctx.Err() == nil {
			l.err = err
		}
		return nil
	}
	if len(got) == 0 {
		return nil
	}
	for _, id := range got {
		l.taken = append(l.taken, Claim{ID: id, Until: until})
	}
	mine := idx[:0:0]
	for k, i := range idx {
		if slices.Contains(got, ids[k]) {
			mine = append(mine, i)
		}
	}
	return mine
}

// maxWriteBatch is the most fetch results stored in one transaction.
const maxWriteBatch = 64

// fetched is one URL's fetch and parse, before anything is stored.
type fetched struct {
	url     string
	idx     []int // the report indices of the sources it answers
	resp    *Response
	feed    *Feed
	err     error
	seconds float64
}

// fetchSafely fetches and parses one URL, turning a panic into an error
// for that URL: one bad feed must not take the process down, and cron's
// Recover cannot see panics in worker goroutines.
func (p *Poller) fetchSafely(ctx context.Context, group []Source) (f fetched) {
	start := p.opts.Now()
	u := group[0].URL
	f.url = u
	defer func() {
		if v := recover(); v != nil {
			p.opts.Logger.Error("poll_panic", "url", u, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			f = fetched{url: u, err: fmt.Errorf("internal error: %v", v)}
		}
		f.seconds = p.opts.Now().Sub(start).Seconds()
	}()
	req := Request{URL: u}
	// Validators are only safe when every sharer has seen the same version.
	if same(group, func(s Source) string { return s.ETag }) && same(group, func(s Source) string { return s.LastModified }) {
		req.ETag, req.LastModified = group[0].ETag, group[0].LastModified
	}
	f.resp, f.err = p.doer.Fetch(ctx, req)
	if f.err == nil && !f.resp.NotModified {
		f.feed, f.err = Parse(f.resp.Body, f.resp.ContentType, f.resp.FinalURL)
		f.resp.Body = nil // parsed: let the bytes go before the writer catches up
	}
	return f
}

// write stores fetch results as they arrive, batching whatever is ready.
func (p *Poller) write(ctx context.Context, sources []Source, results <-chan fetched, reports []SourceReport, total int, progress func(done, total int)) {
	done := 0
	for f := range results {
		batch := []fetched{f}
	drain:
		for len(batch) < maxWriteBatch {
			select {
			case g, ok := <-results:
				if !ok {
					break drain
				}
				batch = append(batch, g)
			default:
				break drain
			}
		}
		var updates []PollUpdate
		var pending []pendingReport
		now := p.opts.Now()
		for _, b := range batch {
			for _, i := range b.idx {
				u, r := p.outcome(sources[i], b, now)
				updates = append(updates, u)
				pending = append(pending, pendingReport{index: i, report: r, seconds: b.seconds})
			}
		}
		applied := p.store.ApplyPolls(ctx, updates)
		for k, pr := range pending {
			r := pr.report
			a := applied[k]
			r.NewItems, r.UpdatedItems, r.TotalItems = a.Saved.New, a.Saved.Updated, a.Total
			if a.Err != nil {
				r.Status, r.Error = StatusError, a.Err.Error()
			}
			if r.Status == StatusError {
				p.opts.Logger.Warn("poll_failed", "source", r.Source, "url", r.URL, "http_status", r.HTTPStatus, "error", r.Error)
			} else {
				p.opts.Logger.Debug("polled", "source", r.Source, "status", r.Status, "new_items", r.NewItems)
			}
			p.opts.Metrics.observe(r, pr.seconds)
			reports[pr.index] = r
		}
		done += len(batch)
		if progress != nil {
			progress(done, total)
		}
	}
}

type pendingReport struct {
	index   int
	report  SourceReport
	seconds float64
}

// outcome turns one URL's fetch into one source's update and report.
func (p *Poller) outcome(s Source, f fetched, now time.Time) (PollUpdate, SourceReport) {
	r := SourceReport{Source: s.Name, URL: s.URL}
	u := PollUpdate{SourceID: s.ID, Result: PollResult{At: now}}
	pr := &u.Result
	if f.err != nil {
		r.Status, r.Error = StatusError, f.err.Error()
		var he *HTTPError
		if errors.As(f.err, &he) {
			r.HTTPStatus = he.Status
			if he.RetryAfter > 0 {
				pr.NotBefore = now.Add(he.RetryAfter)
			}
		} else if f.resp != nil {
			r.HTTPStatus = f.resp.Status
		}
		pr.Status, pr.Err = r.HTTPStatus, r.Error
		pr.NextPoll = later(p.backoff(s, now), pr.NotBefore)
		return u, r
	}
	resp := f.resp
	r.HTTPStatus = resp.Status
	pr.Status, pr.ETag, pr.LastModified, pr.MovedTo = resp.Status, resp.ETag, resp.LastModified, resp.MovedTo
	pr.NotBefore = resp.NotBefore
	if resp.NotModified {
		r.Status = StatusNotModified
		if s.ETag != "" && resp.ETag == "" {
			pr.ETag = s.ETag
		}
		if s.LastModified != "" && resp.LastModified == "" {
			pr.LastModified = s.LastModified
		}
	} else {
		r.Status = StatusOK
		if f.feed.TTL > 0 {
			pr.NotBefore = later(pr.NotBefore, now.Add(f.feed.TTL))
		}
		u.Save, u.Items = true, f.feed.Items
	}
	if resp.MovedTo != "" {
		r.URL = resp.MovedTo
		p.opts.Logger.Info("source_moved", "source", s.Name, "from", s.URL, "to", resp.MovedTo)
	}
	pr.NextPoll = later(p.next(s, now), pr.NotBefore)
	return u, r
}

func (p *Poller) wanted(s Source, mode Mode, now time.Time) bool {
	switch mode {
	case Force:
		return true
	case All:
		inBackoff := s.Failures > 0 && s.NextPoll.After(now)
		return !inBackoff && !s.NotBefore.After(now)
	default:
		return !s.NextPoll.After(now) && !s.NotBefore.After(now)
	}
}

func same(group []Source, f func(Source) string) bool {
	for _, s := range group[1:] {
		if f(s) != f(group[0]) {
			return false
		}
	}
	return true
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func (p *Poller) schedule(s Source) cron.Schedule {
	if s.Schedule != "" {
		if sch, err := p.opts.ParseSchedule(s.Schedule); err == nil {
			return sch
		}
		p.opts.Logger.Warn("bad_schedule", "source", s.Name, "schedule", s.Schedule)
	}
	sch, _ := p.opts.ParseSchedule(p.opts.Schedule) // checked in NewPoller
	return sch
}

// interval is the schedule's period around now.
func (p *Poller) interval(s Source, now time.Time) time.Duration {
	sch := p.schedule(s)
	n1 := sch.Next(now)
	return sch.Next(n1).Sub(n1)
}

func (p *Poller) next(s Source, now time.Time) time.Time {
	return p.schedule(s).Next(now).Add(p.jitter())
}

// backoff doubles the wait with each consecutive failure, from one
// schedule interval up to MaxBackoff.
func (p *Poller) backoff(s Source, now time.Time) time.Time {
	d := p.interval(s, now)
	for i := 0; i < s.Failures && d < MaxBackoff; i++ {
		d *= 2
	}
	return now.Add(min(d, MaxBackoff)).Add(p.jitter())
}

func (p *Poller) jitter() time.Duration {
	if p.opts.Jitter <= 0 {
		return 0
	}
	return time.Duration(p.opts.Rand() * float64(p.opts.Jitter))
}

// hostLimiter bounds concurrent fetches per host.
type hostLimiter struct {
	limit int
	mu    sync.Mutex
	sems  map[string]chan struct{}
}

func newHostLimiter(limit int) *hostLimiter {
	return &hostLimiter{limit: limit, sems: map[string]chan struct{}{}}
}

func (h *hostLimiter) acquire(ctx context.Context, rawURL string) (release func()) {
	if h.limit <= 0 {
		return func() {}
	}
	host := rawURL
	if u, err := url.Parse(rawURL); err == nil {
		host = u.Hostname()
	}
	h.mu.Lock()
	sem, ok := h.sems[host]
	if !ok {
		sem = make(chan struct{}, h.limit)
		h.sems[host] = sem
	}
	h.mu.Unlock()
	select {
	case sem <- struct{}{}:
		return func() { <-sem }
	case <-ctx.Done():
		return func() {}
	}
}

// Run polls due sources on a tick until ctx ends. The tick is a cron job
// wrapped so a panic is logged and recovered (Recover inside
// SkipIfStillRunning) and a slow poll skips ticks instead of piling up.
// Due times live in the store, so a restart resumes where it left off.
// Share makes scheduled polls claim each due source in c for hold as its
// fetch starts: replicas sharing a database then split the sources between
// them as fast as each can fetch, each source fetched once per tick. hold
// must outlast a fetch and its write; it bounds how long the sources of a
// poller that died stay unpolled. Call it before Run.
func (p *Poller) Share(c Claimer, hold time.Duration) { p.claim, p.hold = c, hold }

func (p *Poller) Run(ctx context.Context, tick time.Duration, extra ...func(context.Context)) error {
	logger := cron.VerbosePrintfLogger(slogPrintf{p.opts.Logger})
	c := cron.New(cron.WithLogger(logger))
	// One wrapped job for the start-up run and every tick, so
	// SkipIfStillRunning also keeps a tick from overlapping the first run.
	job := cron.NewChain(cron.SkipIfStillRunning(logger), cron.Recover(logger)).Then(cron.FuncJob(func() {
		if _, err := p.PollOnce(ctx, Due, nil); err != nil && ctx.Err() == nil {
			p.opts.Logger.Error("poll_tick_failed", "error", err)
		}
		for _, f := range extra {
			f(ctx)
		}
	}))
	c.Schedule(cron.Every(tick), job)
	started := make(chan struct{})
	go func() {
		defer close(started)
		job.Run() // do not wait a whole tick after start
	}()
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	<-started
	return nil
}

// slogPrintf adapts slog to cron's Printf logger.
type slogPrintf struct{ l *slog.Logger }

func (s slogPrintf) Printf(format string, args ...any) {
	s.l.Debug("cron", "detail", fmt.Sprintf(format, args...))
}
