package bot

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/digest"
	"github.com/briefbot/briefbot/store"
)

// Pacer is implemented by platforms that limit how often one channel may
// be posted to (Slack: about one message a second).
type Pacer interface {
	// Pace is the least time between two posts to one channel.
	Pace() time.Duration
}

// RateLimitError asks to retry after a delay.
type RateLimitError struct{ RetryAfter time.Duration }

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("rate limited: retry after %s", e.RetryAfter)
}

// PermanentError says a channel cannot be posted to: its subscriptions are
// paused and admins told.
type PermanentError struct{ Reason string }

func (e *PermanentError) Error() string { return "permanent failure: " + e.Reason }

// deliverArgs is a delivery job: the delivery row holds the message.
type deliverArgs struct {
	Key string `json:"key"`
}

func (deliverArgs) Kind() string { return "deliver" }

// DeliveryOptions configure the delivery engine.
type DeliveryOptions struct {
	// Platforms by channel prefix: "console", "slack", "matrix".
	Platforms map[string]Platform
	// AdminChannel gets reports of paused subscriptions ("" logs only).
	AdminChannel string
	// PostTimeout bounds one post; default 30s.
	PostTimeout time.Duration
	// PollInterval is how often the queue looks for new jobs (SQLite has
	// no notifications); default 1s.
	PollInterval time.Duration
	Logger       *slog.Logger
	// Metrics, when set, counts attempts by outcome (NewDeliveryMetrics).
	Metrics *DeliveryMetrics
}

// Delivery is the durable delivery engine: deliveries are River jobs in
// the store's database, written in the same transaction as the digest's
// bookkeeping, so a crash at any moment loses nothing.
type Delivery struct {
	st     *store.Store
	o      DeliveryOptions
	client *river.Client[*sql.Tx]
	listen *pgxpool.Pool // River's LISTEN connections on PostgreSQL

	mu   sync.Mutex
	next map[string]time.Time // per channel: the earliest time of its next post
}

// NewDelivery migrates River's tables and returns a stopped engine.
func NewDelivery(ctx context.Context, st *store.Store, o DeliveryOptions) (*Delivery, error) {
	if o.PostTimeout <= 0 {
		o.PostTimeout = 30 * time.Second
	}
	if o.PollInterval <= 0 {
		o.PollInterval = time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	var drv riverdriver.Driver[*sql.Tx] = riversqlite.New(st.DB())
	var listen *pgxpool.Pool
	if st.Dialect() == "postgres" {
		// Jobs are written through database/sql, so they commit in the
		// store's own transactions (*sql.Tx) on both databases. River's
		// pgx driver (riverpgxv5) holds a LISTEN connection: an inserted
		// job wakes a worker on whichever replica at once, and replicas
		// elect River's leader (job rescue, cleanup) through
		// notifications.
		var err error
		if listen, err = st.PgxPool(ctx, 2); err != nil {
			return nil, fmt.Errorf("job queue: %w", err)
		}
		drv = riverdatabasesql.NewWithPgxListener(st.DB(), listen)
	}
	d := &Delivery{st: st, o: o, next: map[string]time.Time{}, listen: listen}
	m, err := rivermigrate.New(drv, nil)
	if err != nil {
		d.close()
		return nil, fmt.Errorf("job queue: %w", err)
	}
	if err := migrateQueue(ctx, st, m); err != nil {
		d.close()
		return nil, fmt.Errorf("job queue: migrate: %w", err)
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &deliverWorker{d: d})
	d.client, err = river.NewClient(drv, &river.Config{
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers:           workers,
		FetchPollInterval: o.PollInterval,
		FetchCooldown:     min(o.PollInterval, 100*time.Millisecond),
		JobTimeout:        o.PostTimeout + 10*time.Second,
		// A job whose process died mid-post is retried within about a
		// minute, not River's default hour.
		RescueStuckJobsAfter: o.PostTimeout + 30*time.Second,
		MaxAttempts:          25,
		Logger:               o.Logger,
	})
	if err != nil {
		d.close()
		return nil, fmt.Errorf("job queue: %w", err)
	}
	return d, nil
}

// close lets go of the LISTEN pool, once River is done with it.
func (d *Delivery) close() {
	if d.listen != nil {
		d.listen.Close()
	}
}

// queueMigrationLock is the advisory lock replicas take in turn to
// migrate River's tables on PostgreSQL.
const queueMigrationLock = 0x62726965667102

// migrateQueue brings River's tables up to date. On PostgreSQL several
// replicas may start at once: they take turns under an advisory lock,
// held on a connection of its own while River migrates on the pool.
func migrateQueue(ctx context.Context, st *store.Store, m *rivermigrate.Migrator[*sql.Tx]) error {
	if st.Dialect() == "postgres" {
		conn, err := st.DB().Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, fmt.Sprintf(`SELECT pg_advisory_lock(%d)`, queueMigrationLock)); err != nil {
			return err
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`SELECT pg_advisory_unlock(%d)`, queueMigrationLock))
	}
	_, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	return err
}

// Start works jobs until Stop.
func (d *Delivery) Start(ctx context.Context) error { return d.client.Start(ctx) }

// Stop finishes the jobs in hand and stops.
func (d *Delivery) Stop(ctx context.Context) error {
	err := d.client.Stop(ctx)
	d.close()
	return err
}

// EnqueueTx records a delivery and its job in tx.
func (d *Delivery) EnqueueTx(ctx context.Context, tx *sql.Tx, m store.Delivery) error {
	if err := d.st.AddDeliveryTx(ctx, tx, m); err != nil {
		return err
	}
	_, err := d.client.InsertTx(ctx, tx, deliverArgs{Key: m.Key}, &river.InsertOpts{
		UniqueOpts: river.UniqueOpts{ByArgs: true},
	})
	return err
}

type deliverWorker struct {
	river.WorkerDefaults[deliverArgs]
	d *Delivery
}

func (w *deliverWorker) Work(ctx context.Context, job *river.Job[deliverArgs]) error {
	d := w.d
	m, err := d.st.DeliveryByKey(ctx, job.Args.Key)
	if errors.Is(err, store.ErrNotFound) {
		return river.JobCancel(err)
	}
	if err != nil {
		return err
	}
	if m.Status != "pending" {
		return nil // delivered before a crash kept the job from completing
	}
	platform, _, _ := strings.Cut(m.Channel, ":")
	p, ok := d.o.Platforms[platform]
	if !ok {
		return d.permanent(ctx, m, fmt.Sprintf("the %s platform is not configured", platform))
	}
	if m.After != "" {
		// The previous part of a split message goes first.
		prev, err := d.st.DeliveryByKey(ctx, m.After)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err == nil && prev.Status == "pending" {
			return river.JobSnooze(time.Second)
		}
	}
	thread := ""
	if m.Thread != "" {
		// A reply goes in the thread of the message that carried the
		// story: that one first.
		parent, err := d.st.DeliveryByKey(ctx, m.Thread)
		switch {
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return err
		case err == nil && parent.Status == "pending":
			return river.JobSnooze(2 * time.Second)
		case err == nil && parent.Status == "delivered":
			thread = parent.Ref
		}
	}
	if sc, ok := p.(SentChecker); ok && job.Attempt > 1 {
		// An earlier attempt may have posted before it failed or its
		// process died.
		if ref, sent, err := sc.Sent(ctx, m.Channel, m.Key); err != nil {
			d.o.Logger.Warn("delivery_check_failed", "channel", m.Channel, "key", m.Key, "error", err)
		} else if sent {
			d.o.Metrics.outcome(platform, OutcomeFoundPosted)
			return d.st.MarkDelivered(ctx, m.Key, ref)
		}
	}
	if wait := d.reserve(m.Channel, p); wait > 0 {
		return river.JobSnooze(wait) // pacing: no attempt counted
	}
	pctx, cancel := context.WithTimeout(ctx, d.o.PostTimeout)
	ref, err := p.Post(pctx, m.Channel, thread, m.Text, m.Key)
	cancel()
	var rl *RateLimitError
	var pe *PermanentError
	switch {
	case err == nil:
		d.o.Metrics.posted(platform, m.CreatedAt)
		if err := d.st.MarkDelivered(ctx, m.Key, ref); err != nil {
			// Posted but not recorded: the retry reuses the key, so an
			// idempotent platform drops the repeat.
			return err
		}
		return nil
	case errors.As(err, &rl):
		d.o.Metrics.outcome(platform, OutcomeRateLimited)
		d.o.Logger.Info("delivery_rate_limited", "channel", m.Channel, "retry_in", rl.RetryAfter.String())
		return river.JobSnooze(max(rl.RetryAfter, time.Second))
	case errors.As(err, &pe):
		return d.permanent(ctx, m, pe.Reason)
	}
	d.o.Metrics.outcome(platform, OutcomeError)
	d.o.Logger.Warn("delivery_failed", "channel", m.Channel, "key", m.Key, "attempt", job.Attempt, "error", err)
	return err
}

// reserve takes the channel's next posting slot, or says how long to wait
// for it, for platforms that pace posts.
func (d *Delivery) reserve(channel string, p Platform) time.Duration {
	pc, ok := p.(Pacer)
	if !ok || pc.Pace() <= 0 {
		return 0
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	now := time.Now()
	if next := d.next[channel]; now.Before(next) {
		return next.Sub(now)
	}
	d.next[channel] = now.Add(pc.Pace())
	return 0
}

// permanent pauses the delivery's subscriptions in its channel, tells the
// admin channel, and stops retrying.
func (d *Delivery) permanent(ctx context.Context, m store.Delivery, reason string) error {
	d.o.Metrics.outcome(platformOf(m.Channel), OutcomePermanent)
	d.o.Logger.Error("delivery_permanent_failure", "channel", m.Channel, "key", m.Key, "reason", reason)
	_ = d.st.MarkFailed(ctx, m.Key, reason)
	subs, err := d.st.Subscriptions(ctx, store.SubscriptionQuery{Channel: m.Channel})
	if err == nil {
		for _, s := range subs {
			_ = d.st.PauseSubscription(ctx, s.ID, reason)
		}
	}
	if d.o.AdminChannel != "" && d.o.AdminChannel != m.Channel {
		text := fmt.Sprintf("briefbot paused the subscriptions of %s: %s. Fix it, then say \"resume <topic>\" there.", m.Channel, reason)
		key := "admin:" + m.Key
		_ = d.st.WithTx(ctx, func(tx *sql.Tx) error {
			if p, ok := d.o.Platforms[platformOf(d.o.AdminChannel)]; ok {
				text = p.Render(Response{Text: text})[0]
			}
			return d.EnqueueTx(ctx, tx, store.Delivery{Key: key, Channel: d.o.AdminChannel, Text: text})
		})
	}
	return river.JobCancel(fmt.Errorf("%s", reason))
}

// platformOf is the platform part of a channel name ("slack" of
// "slack:C0123ABCD").
func platformOf(channel string) string {
	p, _, _ := strings.Cut(channel, ":")
	return p
}

// PlainText renders a response as one plain-text message.
func PlainText(_ string, r Response) []string { return []string{r.Text} }

// commitLag is how long an item stamped first-seen may take to commit in
// another process's poll (in this process, polls and the scheduler share
// one write connection, so a queued item is always seen).
const commitLag = 5 * time.Second

// Scheduler turns due subscriptions into deliveries.
type Scheduler struct {
	Bot      *Bot
	Delivery *Delivery
	// Render, when set, replaces the platforms' own Render (tests).
	Render func(channel string, r Response) []string

	cache map[string]digest.Digest // during RunDue
}

// instantPace is the least time between two instant posts to a channel
// for one subscription: a burst becomes one message.
const instantPace = time.Minute

// instantFull is how many stories an instant post shows in full; the
// rest are listed by headline ("+N more"), never dropped.
const instantFull = 3

// RunDue delivers what is due at now: the digest of every scheduled
// subscription whose time has come, and for instant subscriptions
// (at most one message a minute each) the stories or items that arrived
// since their last post. Each message covers the items first seen since
// the subscription's cursor; the delivery, its job and the new cursor
// commit together, so a crash repeats or loses nothing.
func (s *Scheduler) RunDue(ctx context.Context, now time.Time) (int, error) {
	b := s.Bot
	due, err := b.o.Store.Subscriptions(ctx, store.SubscriptionQuery{DueBy: now})
	if err != nil {
		return 0, err
	}
	instant, err := b.o.Store.Subscriptions(ctx, store.SubscriptionQuery{Instant: true})
	if err != nil {
		return 0, err
	}
	// Instant posts: at most one message a minute per channel, whatever
	// the number of its instant subscriptions.
	lastPost := map[string]time.Time{}
	for _, sub := range instant {
		if sub.LastRun.After(lastPost[sub.Channel]) {
			lastPost[sub.Channel] = sub.LastRun
		}
	}
	for _, sub := range instant {
		if last := lastPost[sub.Channel]; last.IsZero() || !now.Before(last.Add(instantPace)) {
			due = append(due, sub)
		}
	}
	postedInstant := map[string]bool{}
	if len(due) == 0 {
		return 0, nil
	}
	if err := b.o.Index(ctx); err != nil {
		return 0, err
	}
	// The window ends a little before now: an item stamped first seen
	// just before now may still be in another process's uncommitted poll,
	// and must not fall between two messages.
	cut := now.Add(-commitLag)
	if first, ok, err := b.o.Store.EarliestQueued(ctx); err != nil {
		return 0, err
	} else if ok && first.Before(cut) {
		cut = first
	}
	// Channels subscribed to one topic at one time read the same window:
	// their digest is built once (unless a channel filters it).
	s.cache = map[string]digest.Digest{}
	defer func() { s.cache = nil }()
	n := 0
	for _, sub := range due {
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
		// A channel on a platform this process does not serve waits,
		// cursor unmoved, for one that does.
		platform, _, _ := strings.Cut(sub.Channel, ":")
		if _, ok := s.Delivery.o.Platforms[platform]; !ok {
			continue
		}
		isInstant := sub.Schedule == "instant"
		if isInstant && postedInstant[sub.Channel] {
			continue // its stories wait for the channel's next minute
		}
		c := cut
		if c.Before(sub.Cursor) {
			c = sub.Cursor
		}
		posted, err := s.deliver(ctx, sub, now, c)
		if errors.Is(err, store.ErrStale) {
			continue // another process delivered it
		}
		if err != nil {
			b.o.Logger.Error("scheduled_delivery_failed", "channel", sub.Channel, "target", sub.Target, "error", err)
			continue
		}
		if posted {
			n++
			if isInstant {
				postedInstant[sub.Channel] = true
			}
		}
	}
	return n, nil
}

// deliver builds and enqueues one subscription's message for the window
// [cursor, cut) and advances the subscription. It reports whether a
// message was enqueued.
func (s *Scheduler) deliver(ctx context.Context, sub store.Subscription, now, cut time.Time) (bool, error) {
	b := s.Bot
	spec, err := schedule.ParseString(sub.Schedule, b.o.Location)
	if err != nil {
		return false, fmt.Errorf("schedule %q: %w", sub.Schedule, err)
	}
	var parts []string
	empty := false
	var stories []digest.Story // shown in the message, to remember
	var updates []storyUpdate
	if name, ok := strings.CutPrefix(sub.Target, "source:"); ok {
		items, err := b.o.Store.Items(ctx, store.ItemQuery{Source: name, SeenSince: sub.Cursor, SeenUntil: cut})
		if err != nil {
			return false, err
		}
		// The channel's filter on the relay: on title and text.
		keep, err := b.filterFor(ctx, sub.Channel, sub.Target)
		if err != nil {
			return false, err
		}
		if keep != nil {
			items = slices.DeleteFunc(items, func(it store.Item) bool { return !keep(it.Title + " " + it.Text) })
		}
		empty = len(items) == 0
		parts = s.render(sub.Channel, Response{Text: relayText(name, items)})
	} else {
		d, err := s.digestFor(ctx, sub, cut)
		if err != nil {
			return false, err
		}
		if d, updates, err = s.splitPosted(ctx, sub.Channel, d); err != nil {
			return false, err
		}
		for _, t := range d.Topics {
			stories = append(stories, t.Stories...)
		}
		empty = len(d.Topics) == 0 || len(d.Topics[0].Stories) == 0
		if spec.Instant() && !empty {
			d = instantDigest(d)
		}
		parts = s.render(sub.Channel, Response{Text: renderText(d), Digest: &d})
	}
	post := !empty || (!spec.Instant() && b.o.EmptyDigest != "skip")
	var key string
	err = b.o.Store.WithTx(ctx, func(tx *sql.Tx) error {
		if spec.Instant() {
			ran := sub.LastRun
			if post {
				ran = now
			}
			key = fmt.Sprintf("instant:%d:%d", sub.ID, cut.UnixMilli())
			if err := b.o.Store.AdvanceInstantTx(ctx, tx, sub.ID, sub.LastRun, ran, cut); err != nil {
				return err
			}
		} else {
			// After downtime one digest covers everything missed; the
			// next run is the next one after now.
			next := spec.Next(sub.NextRun)
			if !next.After(now) {
				next = spec.Next(now)
			}
			key = fmt.Sprintf("digest:%d:%s", sub.ID, sub.NextRun.UTC().Format(time.RFC3339))
			if err := b.o.Store.AdvanceTx(ctx, tx, sub.ID, sub.NextRun, sub.NextRun, next, cut); err != nil {
				return err
			}
		}
		for _, u := range updates {
			ukey := fmt.Sprintf("update:%d:%s:%d", sub.ID, u.story.ID, cut.UnixMilli())
			if err := s.enqueueParts(ctx, tx, store.Delivery{Key: ukey, Channel: sub.Channel, Thread: u.post.Delivery, Subscription: sub.ID},
				s.render(sub.Channel, Response{Text: updateText(u)})); err != nil {
				return err
			}
			u.post.Sources = append(u.post.Sources, u.sources()...)
			if err := b.o.Store.SetStoryPostTx(ctx, tx, u.post); err != nil {
				return err
			}
		}
		if !post {
			return nil
		}
		for _, st := range stories {
			if st.ID == "" {
				continue
			}
			if err := b.o.Store.SetStoryPostTx(ctx, tx, store.StoryPost{Channel: sub.Channel, Story: st.ID, Delivery: key, Headline: st.Headline, Sources: storySources(st)}); err != nil {
				return err
			}
		}
		return s.enqueueParts(ctx, tx, store.Delivery{Key: key, Channel: sub.Channel, Subscription: sub.ID}, parts)
	})
	return (post || len(updates) > 0) && err == nil, err
}

// render renders r for channel's platform.
func (s *Scheduler) render(channel string, r Response) []string {
	if s.Render != nil {
		return s.Render(channel, r)
	}
	if p, ok := s.Delivery.o.Platforms[platformOf(channel)]; ok {
		return p.Render(r)
	}
	return []string{r.Text}
}

// enqueueParts writes one delivery per part of a split message, each
// after the one before: m.Key for the first, m.Key#2, #3… for the rest.
func (s *Scheduler) enqueueParts(ctx context.Context, tx *sql.Tx, m store.Delivery, parts []string) error {
	key, after := m.Key, ""
	for i, text := range parts {
		m.Key, m.After, m.Text = key, after, text
		if i > 0 {
			m.Key = fmt.Sprintf("%s#%d", key, i+1)
		}
		if err := s.Delivery.EnqueueTx(ctx, tx, m); err != nil {
			return err
		}
		after = m.Key
	}
	return nil
}

// storyUpdate is a story a channel already received that has new
// sources: they go in the thread of the message that carried it.
type storyUpdate struct {
	post  store.StoryPost
	story digest.Story
	added []digest.StoryItem
}

func (u storyUpdate) sources() []string {
	var out []string
	for _, it := range u.added {
		out = append(out, it.Source)
	}
	return out
}

func storySources(st digest.Story) []string {
	var out []string
	for _, it := range st.Items {
		if it.Source != "" && !slices.Contains(out, it.Source) {
			out = append(out, it.Source)
		}
	}
	return out
}

// splitPosted takes out of d the stories the channel already received:
// those with new sources become updates; the others (the same sources
// again, an edit) are not repeated. d itself is not changed.
func (s *Scheduler) splitPosted(ctx context.Context, channel string, d digest.Digest) (digest.Digest, []storyUpdate, error) {
	var ids []string
	for _, t := range d.Topics {
		for _, st := range t.Stories {
			ids = append(ids, st.ID)
		}
	}
	if len(ids) == 0 {
		return d, nil, nil
	}
	posts, err := s.Bot.o.Store.StoryPosts(ctx, channel, ids)
	if err != nil || len(posts) == 0 {
		return d, nil, err
	}
	var updates []storyUpdate
	done := map[string]bool{}
	out := d
	out.Topics = make([]digest.TopicDigest, len(d.Topics))
	for i, t := range d.Topics {
		out.Topics[i] = t
		out.Topics[i].Stories = []digest.Story{}
		for _, st := range t.Stories {
			p, ok := posts[st.ID]
			if !ok {
				out.Topics[i].Stories = append(out.Topics[i].Stories, st)
				continue
			}
			if done[st.ID] {
				continue // in two topics: one update
			}
			done[st.ID] = true
			u := storyUpdate{post: p, story: st}
			for _, it := range st.Items {
				if it.Source != "" && !slices.Contains(p.Sources, it.Source) && !slices.ContainsFunc(u.added, func(x digest.StoryItem) bool { return x.Source == it.Source }) {
					u.added = append(u.added, it)
				}
			}
			if len(u.added) > 0 {
				updates = append(updates, u)
			}
		}
	}
	return out, updates, nil
}

// updateText names the story and lists its new sources.
func updateText(u storyUpdate) string {
	var sb strings.Builder
	headline := u.post.Headline
	if headline == "" {
		headline = u.story.Headline
	}
	fmt.Fprintf(&sb, "Update: %s (%s) — %d new %s:", headline, u.story.ID, len(u.added), map[bool]string{true: "source", false: "sources"}[len(u.added) == 1])
	for _, it := range u.added {
		fmt.Fprintf(&sb, "\n• %s — %s <%s>", it.Source, it.Title, it.Link)
	}
	return sb.String()
}

// digestFor builds a subscription's digest for [cursor, cut), sharing
// one build among channels that see the same window of the same topic
// with no filter of their own.
func (s *Scheduler) digestFor(ctx context.Context, sub store.Subscription, cut time.Time) (digest.Digest, error) {
	b := s.Bot
	w := Window{SeenSince: sub.Cursor, SeenUntil: cut}
	shared := !strings.HasPrefix(sub.Target, "watch:")
	if shared {
		fs, err := b.o.Store.Filters(ctx, sub.Channel, sub.Target)
		if err != nil {
			return digest.Digest{}, err
		}
		shared = len(fs) == 0
	}
	key := fmt.Sprintf("%s|%d|%d", sub.Target, sub.Cursor.UnixMilli(), cut.UnixMilli())
	if d, ok := s.cache[key]; ok && shared {
		return d, nil
	}
	d, err := b.BuildDigest(ctx, sub.Channel, sub.Target, w, 0)
	if err == nil && shared && s.cache != nil {
		s.cache[key] = d
	}
	return d, err
}

// instantDigest keeps the first stories of each topic in full and lists
// the others by headline and id as "+N more", so a burst is one message
// and nothing is dropped.
func instantDigest(d digest.Digest) digest.Digest {
	d.Topics = slices.Clone(d.Topics) // d may be shared (digestFor)
	for i, t := range d.Topics {
		if len(t.Stories) <= instantFull {
			continue
		}
		rest := t.Stories[instantFull:]
		lines := make([]string, len(rest))
		for k, st := range rest {
			lines[k] = fmt.Sprintf("%s (%s)", st.Headline, st.ID)
		}
		more := digest.Story{ID: "", Headline: fmt.Sprintf("+%d more", len(rest)), Summary: strings.Join(lines, "; ")}
		d.Topics[i].Stories = append(slices.Clone(t.Stories[:instantFull]), more)
	}
	return d
}

// relayText lists a source's new items, as feed readers relay them.
func relayText(source string, items []store.Item) string {
	if len(items) == 0 {
		return fmt.Sprintf("No new items from %s.", source)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "New from %s:", source)
	// Oldest first, as they appeared.
	for i := len(items) - 1; i >= 0; i-- {
		it := items[i]
		fmt.Fprintf(&sb, "\n• %s <%s>", it.Title, it.Link)
	}
	return sb.String()
}
