package feeds

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"runtime/debug"
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
	// RecordPoll stores a fetch outcome for a source.
	RecordPoll(ctx context.Context, sourceID int64, r PollResult) error
	// SaveItems stores a successful poll's items for a source.
	SaveItems(ctx context.Context, sourceID int64, items []Item) (SaveResult, error)
	// CountItems counts the items a source carries.
	CountItems(ctx context.Context, sourceID int64) (int, error)
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
// progress, if not nil, is called after each URL is done.
func (p *Poller) PollOnce(ctx context.Context, mode Mode, progress func(done, total int)) ([]SourceReport, error) {
	sources, err := p.store.Sources(ctx)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	now := p.opts.Now()
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

	sem := make(chan struct{}, p.opts.Concurrency)
	hosts := newHostLimiter(p.opts.PerHost)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for _, u := range order {
		idx := groups[u]
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-sem }()
			release := hosts.acquire(ctx, u)
			defer release()
			group := make([]Source, len(idx))
			for k, i := range idx {
				group[k] = sources[i]
			}
			out := p.pollURLSafely(ctx, group)
			mu.Lock()
			for k, i := range idx {
				reports[i] = out[k]
			}
			done++
			if progress != nil {
				progress(done, len(order))
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	return reports, ctx.Err()
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

// pollURLSafely is pollURL with a panic turned into an error for the
// sources in the group: one bad feed must not take the process down, and
// cron's Recover cannot see panics in the worker goroutines.
func (p *Poller) pollURLSafely(ctx context.Context, group []Source) (out []SourceReport) {
	defer func() {
		if v := recover(); v != nil {
			p.opts.Logger.Error("poll_panic", "url", group[0].URL, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			out = make([]SourceReport, len(group))
			for k, s := range group {
				out[k] = SourceReport{Source: s.Name, URL: s.URL, Status: StatusError, Error: fmt.Sprintf("internal error: %v", v)}
				now := p.opts.Now()
				_ = p.store.RecordPoll(ctx, s.ID, PollResult{At: now, Err: out[k].Error, NextPoll: p.backoff(s, now)})
			}
		}
	}()
	return p.pollURL(ctx, group)
}

// pollURL fetches one URL for the sources that share it.
func (p *Poller) pollURL(ctx context.Context, group []Source) []SourceReport {
	start := p.opts.Now()
	req := Request{URL: group[0].URL}
	// Validators are only safe when every sharer has seen the same version.
	if same(group, func(s Source) string { return s.ETag }) && same(group, func(s Source) string { return s.LastModified }) {
		req.ETag, req.LastModified = group[0].ETag, group[0].LastModified
	}
	resp, err := p.doer.Fetch(ctx, req)
	var feed *Feed
	if err == nil && !resp.NotModified {
		feed, err = Parse(resp.Body, resp.ContentType, resp.FinalURL)
	}
	now := p.opts.Now()
	seconds := now.Sub(start).Seconds()
	out := make([]SourceReport, len(group))
	for k, s := range group {
		r := SourceReport{Source: s.Name, URL: s.URL}
		pr := PollResult{At: now}
		switch {
		case err != nil:
			r.Status, r.Error = StatusError, err.Error()
			var he *HTTPError
			if errors.As(err, &he) {
				r.HTTPStatus = he.Status
				if he.RetryAfter > 0 {
					pr.NotBefore = now.Add(he.RetryAfter)
				}
			} else if resp != nil {
				r.HTTPStatus = resp.Status
			}
			pr.Status, pr.Err = r.HTTPStatus, r.Error
			pr.NextPoll = later(p.backoff(s, now), pr.NotBefore)
		default:
			r.HTTPStatus = resp.Status
			pr.Status, pr.ETag, pr.LastModified, pr.MovedTo = resp.Status, resp.ETag, resp.LastModified, resp.MovedTo
			pr.NotBefore = resp.NotBefore
			if resp.NotModified {
				r.Status = StatusNotModified
			} else {
				r.Status = StatusOK
				if feed.TTL > 0 {
					pr.NotBefore = later(pr.NotBefore, now.Add(feed.TTL))
				}
				res, serr := p.store.SaveItems(ctx, s.ID, feed.Items)
				if serr != nil {
					r.Status, r.Error = StatusError, serr.Error()
					pr.Err = r.Error
				}
				r.NewItems, r.UpdatedItems = res.New, res.Updated
			}
			if resp.MovedTo != "" {
				r.URL = resp.MovedTo
				p.opts.Logger.Info("source_moved", "source", s.Name, "from", s.URL, "to", resp.MovedTo)
			}
			pr.NextPoll = later(p.next(s, now), pr.NotBefore)
		}
		if rerr := p.store.RecordPoll(ctx, s.ID, pr); rerr != nil && r.Error == "" {
			r.Status, r.Error = StatusError, rerr.Error()
		}
		if n, cerr := p.store.CountItems(ctx, s.ID); cerr == nil {
			r.TotalItems = n
		}
		if r.Status == StatusError {
			p.opts.Logger.Warn("poll_failed", "source", s.Name, "url", s.URL, "http_status", r.HTTPStatus, "error", r.Error, "failures", s.Failures+1)
		} else {
			p.opts.Logger.Debug("polled", "source", s.Name, "status", r.Status, "new_items", r.NewItems)
		}
		p.opts.Metrics.observe(r, seconds)
		out[k] = r
	}
	return out
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
func (p *Poller) Run(ctx context.Context, tick time.Duration, extra ...func(context.Context)) error {
	logger := cron.VerbosePrintfLogger(slogPrintf{p.opts.Logger})
	c := cron.New(cron.WithChain(cron.SkipIfStillRunning(logger), cron.Recover(logger)), cron.WithLogger(logger))
	job := func() {
		if _, err := p.PollOnce(ctx, Due, nil); err != nil && ctx.Err() == nil {
			p.opts.Logger.Error("poll_tick_failed", "error", err)
		}
		for _, f := range extra {
			f(ctx)
		}
	}
	c.Schedule(cron.Every(tick), cron.FuncJob(job))
	go job() // do not wait a whole tick after start
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	return nil
}

// slogPrintf adapts slog to cron's Printf logger.
type slogPrintf struct{ l *slog.Logger }

func (s slogPrintf) Printf(format string, args ...any) {
	s.l.Debug("cron", "detail", fmt.Sprintf(format, args...))
}
