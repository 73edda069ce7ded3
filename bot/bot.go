// Package bot is the platform-neutral heart of briefbot: it answers the
// chat commands (the same words on every platform), keeps each channel's
// subscriptions, filters and watchlists, and builds the digests that the
// delivery side posts. It knows nothing of Slack or Matrix: adapters turn
// their events into Requests and render Responses.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot/command"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/digest"
	"github.com/briefbot/briefbot/store"
)

// Request is one command typed in a channel.
type Request struct {
	Channel string // platform:id, e.g. console:desk, slack:C0123ABCD
	User    string
	// Admin: the user may add and remove sources, and change
	// subscriptions when bot.who_may_subscribe is "admins".
	Admin bool
	// Moderator: the user may change the channel's subscriptions, filters
	// and watchlists when bot.who_may_subscribe is "admins" (in Matrix, a
	// power level of matrix.subscribe_power_level or more).
	Moderator bool
	Text      string
	// ID is the platform's reference of the command message (a Matrix
	// event id, a Slack trigger id): answers reply to it, and a platform
	// uses it to answer a redelivered command only once.
	ID string
}

// Response is the answer to a Request.
type Response struct {
	// Text is the whole answer as plain text (what the console prints).
	Text string
	// Digest is set when the answer is a digest or a list of stories,
	// for platforms that render them richly.
	Digest *digest.Digest
	// Ephemeral answers are shown only to the asker where the platform
	// can (lookups); others go to the channel (digests, subscription
	// changes).
	Ephemeral bool
}

// Options configure a Bot.
type Options struct {
	Store  *store.Store
	Engine *digest.Engine
	// Index brings the stored stories up to date before a lookup.
	Index func(context.Context) error
	// AddSource adds a feed by URL (following a page's advertised feed).
	AddSource func(ctx context.Context, url string) (store.Source, error)
	// Location is bot.timezone: schedules without a time zone use it.
	Location *time.Location
	// AdminsOnly is bot.who_may_subscribe: admins.
	AdminsOnly bool
	// EmptyDigest "skip" sends nothing when a digest has no stories;
	// "post" (default) says so.
	EmptyDigest string
	Now         func() time.Time
	Logger      *slog.Logger
}

// Bot answers commands. It is safe for concurrent use.
type Bot struct {
	o Options
}

// New returns a Bot. It does no I/O.
func New(o Options) *Bot {
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Index == nil {
		o.Index = func(context.Context) error { return nil }
	}
	return &Bot{o: o}
}

// DefaultSchedule is what subscribe uses without schedule words.
const DefaultSchedule = "daily 08:00"

// latestWindow is how far back latest looks.
const latestWindow = 7 * 24 * time.Hour

// Handle answers one command. Bad input gets a short usage line; a failure
// inside gets a sentence, and the error is logged, never shown raw.
func (b *Bot) Handle(ctx context.Context, r Request) Response {
	cmd, err := command.Parse(r.Text)
	if err != nil {
		return Response{Text: err.Error(), Ephemeral: true}
	}
	resp, err := b.dispatch(ctx, r, cmd)
	if err != nil {
		var ue *userError
		if errors.As(err, &ue) {
			return Response{Text: ue.msg, Ephemeral: true}
		}
		b.o.Logger.Error("command_failed", "channel", r.Channel, "command", cmd.Name, "error", err)
		return Response{Text: fmt.Sprintf("Sorry, %s failed inside briefbot; the error is logged. Try again in a minute.", cmd.Name), Ephemeral: true}
	}
	return resp
}

// userError is a refusal worded for the user (unknown topic, not allowed).
type userError struct{ msg string }

func (e *userError) Error() string { return e.msg }

func userErr(format string, args ...any) error { return &userError{fmt.Sprintf(format, args...)} }

func (b *Bot) dispatch(ctx context.Context, r Request, c command.Command) (Response, error) {
	switch c.Name {
	case "help":
		if c.Name2 != "" {
			return lookup(command.Usage(c.Name2)), nil
		}
		return lookup(command.Help()), nil
	case "topics":
		return b.topics(ctx, r)
	case "sources":
		switch c.Sub {
		case "add":
			return b.sourcesAdd(ctx, r, c.URL)
		case "remove":
			return b.sourcesRemove(ctx, r, c.Source)
		}
		return b.sources(ctx)
	case "status":
		return b.status(ctx, r)
	case "latest":
		return b.latest(ctx, r, c.Topic, c.N)
	case "search":
		return b.search(ctx, c.Words)
	case "story":
		return b.story(ctx, c.ID)
	case "subscribe":
		return b.subscribe(ctx, r, c)
	case "unsubscribe":
		return b.unsubscribe(ctx, r, c)
	case "subscriptions":
		return b.subscriptions(ctx, r)
	case "resume":
		return b.resume(ctx, r, c)
	case "filter":
		return b.filter(ctx, r, c)
	case "watch":
		return b.watch(ctx, r, c.Name2, c.Words)
	case "unwatch":
		return b.unwatch(ctx, r, c.Name2)
	case "digest":
		return b.digestNow(ctx, r, c.Topic)
	}
	return Response{}, fmt.Errorf("command %q has no handler", c.Name)
}

func lookup(text string) Response { return Response{Text: text, Ephemeral: true} }

func (b *Bot) now() time.Time { return b.o.Now() }

// fmtTime shows a time in the bot's zone, e.g. "Tue 1 Dec 08:00 CET".
func (b *Bot) fmtTime(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.In(b.o.Location).Format("Mon 2 Jan 15:04 MST")
}

func (b *Bot) topics(ctx context.Context, r Request) (Response, error) {
	var sb strings.Builder
	sb.WriteString("Topics:\n")
	for _, t := range b.o.Engine.Topics() {
		fmt.Fprintf(&sb, "  %s — %s\n", t.Name, t.Title)
	}
	ws, err := b.o.Store.Watches(ctx, r.Channel)
	if err != nil {
		return Response{}, err
	}
	if len(ws) > 0 {
		sb.WriteString("Watchlists in this channel:\n")
		for _, w := range ws {
			fmt.Fprintf(&sb, "  %s — %s\n", w.Name, strings.Join(w.Words, ", "))
		}
	}
	sb.WriteString("Follow one with: subscribe <topic> [daily HH:MM]")
	return lookup(sb.String()), nil
}

func (b *Bot) sources(ctx context.Context) (Response, error) {
	srcs, err := b.o.Store.Sources(ctx)
	if err != nil {
		return Response{}, err
	}
	if len(srcs) == 0 {
		return lookup("No sources yet. An admin adds one with: sources add <url>"), nil
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "%d sources:\n", len(srcs))
	for _, s := range srcs {
		health := "ok"
		switch {
		case s.Failures > 0:
			health = fmt.Sprintf("FAILING since %s (%d tries): %s", b.fmtTime(s.FailingSince), s.Failures, s.LastError)
		case s.LastPoll.IsZero():
			health = "not polled yet"
		}
		fmt.Fprintf(&sb, "  %s — %s — %s, last poll %s\n", s.Name, s.URL, health, b.fmtTime(s.LastPoll))
	}
	return lookup(strings.TrimRight(sb.String(), "\n")), nil
}

func (b *Bot) sourcesAdd(ctx context.Context, r Request, url string) (Response, error) {
	if !r.Admin {
		return Response{}, userErr("Only admins may add sources.")
	}
	if b.o.AddSource == nil {
		return Response{}, userErr("Adding sources from chat is not available here.")
	}
	src, err := b.o.AddSource(ctx, url)
	if errors.Is(err, store.ErrExists) {
		return Response{}, userErr("That source is already there (%s).", url)
	}
	if err != nil {
		return Response{}, userErr("Could not add %s: %v", url, err)
	}
	return Response{Text: fmt.Sprintf("Added source %q (%s); it is polled on the next tick.", src.Name, src.URL)}, nil
}

func (b *Bot) sourcesRemove(ctx context.Context, r Request, name string) (Response, error) {
	if !r.Admin {
		return Response{}, userErr("Only admins may remove sources.")
	}
	err := b.o.Store.RemoveSource(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return Response{}, userErr("There is no source %q (see: sources).", name)
	}
	if err != nil {
		var se interface{ UserMessage() string }
		if errors.As(err, &se) {
			return Response{}, userErr("%s", se.UserMessage())
		}
		return Response{}, userErr("Could not remove %q: %v", name, err)
	}
	return Response{Text: fmt.Sprintf("Removed source %q.", name)}, nil
}

func (b *Bot) status(ctx context.Context, r Request) (Response, error) {
	srcs, err := b.o.Store.Sources(ctx)
	if err != nil {
		return Response{}, err
	}
	var last time.Time
	var failing []string
	for _, s := range srcs {
		if s.LastPoll.After(last) {
			last = s.LastPoll
		}
		if s.Failures > 0 {
			failing = append(failing, s.Name)
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "Last poll: %s. Sources: %d", b.fmtTime(last), len(srcs))
	if len(failing) > 0 {
		fmt.Fprintf(&sb, ", %d failing: %s.", len(failing), strings.Join(failing, ", "))
	} else {
		sb.WriteString(", none failing.")
	}
	subs, err := b.o.Store.Subscriptions(ctx, store.SubscriptionQuery{Channel: r.Channel})
	if err != nil {
		return Response{}, err
	}
	if len(subs) == 0 {
		sb.WriteString("\nNo subscriptions here.")
	}
	for _, s := range subs {
		switch {
		case s.Paused():
			fmt.Fprintf(&sb, "\n%s: PAUSED (%s); resume with: resume %s", s.Target, s.PausedReason, s.Target)
		case s.NextRun.IsZero():
			fmt.Fprintf(&sb, "\n%s: %s", s.Target, s.Schedule)
		default:
			fmt.Fprintf(&sb, "\n%s: next digest %s", s.Target, b.fmtTime(s.NextRun))
		}
	}
	return lookup(sb.String()), nil
}

// resolveTarget checks a topic, watchlist or source:NAME and returns
// the stored target form.
func (b *Bot) resolveTarget(ctx context.Context, channel, topic, source string) (string, error) {
	if source != "" {
		name, err := b.sourceName(ctx, source)
		if err != nil {
			return "", err
		}
		return "source:" + name, nil
	}
	if slices.ContainsFunc(b.o.Engine.Topics(), func(t digest.Topic) bool { return t.Name == topic }) {
		return topic, nil
	}
	ws, err := b.o.Store.Watches(ctx, channel)
	if err != nil {
		return "", err
	}
	if slices.ContainsFunc(ws, func(w store.Watch) bool { return w.Name == topic }) {
		return "watch:" + topic, nil
	}
	var names []string
	for _, t := range b.o.Engine.Topics() {
		names = append(names, t.Name)
	}
	for _, w := range ws {
		names = append(names, w.Name)
	}
	msg := fmt.Sprintf("Unknown topic %q", topic)
	if s := command.Suggest(topic, names); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return "", userErr("%s. Topics: %s.", msg, strings.Join(names, ", "))
}

// sourceName finds a source by the name a user typed: exactly, else in
// any letter case when that names one source.
func (b *Bot) sourceName(ctx context.Context, typed string) (string, error) {
	if _, err := b.o.Store.SourceByName(ctx, typed); err == nil {
		return typed, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	srcs, err := b.o.Store.Sources(ctx)
	if err != nil {
		return "", err
	}
	var names, same []string
	for _, s := range srcs {
		names = append(names, s.Name)
		if strings.EqualFold(s.Name, typed) {
			same = append(same, s.Name)
		}
	}
	if len(same) == 1 {
		return same[0], nil
	}
	msg := fmt.Sprintf("There is no source %q", typed)
	if s := command.Suggest(typed, names); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return "", userErr("%s (see: sources).", msg)
}

// targetName shows a stored target as the user typed it.
func targetName(t string) string { return strings.TrimPrefix(t, "watch:") }

// errOnlyAdmins refuses a change under bot.who_may_subscribe: admins.
var errOnlyAdmins = userErr("Only admins may change this channel's subscriptions, filters and watchlists.")

// mayChange tells whether r's user may change the channel's
// subscriptions, filters and watchlists.
func (b *Bot) mayChange(r Request) bool { return !b.o.AdminsOnly || r.Admin || r.Moderator }

func (b *Bot) subscribe(ctx context.Context, r Request, c command.Command) (Response, error) {
	if !b.mayChange(r) {
		return Response{}, errOnlyAdmins
	}
	target, err := b.resolveTarget(ctx, r.Channel, c.Topic, c.Source)
	if err != nil {
		return Response{}, err
	}
	words := c.Words
	if len(words) == 0 {
		words = strings.Fields(DefaultSchedule)
	}
	spec, err := schedule.Parse(words, b.o.Location)
	if err != nil {
		return Response{}, userErr("%v", err)
	}
	now := b.now()
	sub, created, err := b.o.Store.Subscribe(ctx, store.Subscription{Channel: r.Channel, Target: target, Schedule: spec.String(),
		NextRun: spec.Next(now), CreatedBy: r.User})
	if err != nil {
		return Response{}, err
	}
	verb := "Subscribed"
	if !created {
		verb = "Updated the subscription:"
	}
	text := fmt.Sprintf("%s %s to %s, %s", verb, r.Channel, targetName(target), spec.String())
	if !sub.NextRun.IsZero() {
		text += fmt.Sprintf(" (next: %s)", b.fmtTime(sub.NextRun))
	} else if spec.Instant() {
		text += " (each new story as it appears, at most one message a minute)"
	}
	text += "."
	resp := Response{Text: text}
	if c.N > 0 {
		d, err := b.latestDigest(ctx, r.Channel, target, c.N)
		if err != nil {
			return Response{}, err
		}
		resp.Digest = &d
		resp.Text += "\n\n" + renderText(d)
	} else if created {
		resp.Text += " Nothing is posted until then; add backfill N to get the last N stories now."
	}
	return resp, nil
}

func (b *Bot) unsubscribe(ctx context.Context, r Request, c command.Command) (Response, error) {
	if !b.mayChange(r) {
		return Response{}, errOnlyAdmins
	}
	target := ""
	if !c.All {
		subs, err := b.o.Store.Subscriptions(ctx, store.SubscriptionQuery{Channel: r.Channel})
		if err != nil {
			return Response{}, err
		}
		want := c.Topic
		if c.Source != "" {
			want = "source:" + c.Source
		}
		for _, s := range subs {
			if s.Target == want || s.Target == "watch:"+want {
				target = s.Target
			}
		}
		if target == "" {
			return Response{}, userErr("This channel is not subscribed to %q (see: subscriptions).", want)
		}
	}
	n, err := b.o.Store.Unsubscribe(ctx, r.Channel, target)
	if err != nil {
		return Response{}, err
	}
	if c.All {
		return Response{Text: fmt.Sprintf("Removed all %d subscriptions of %s.", n, r.Channel)}, nil
	}
	return Response{Text: fmt.Sprintf("Unsubscribed %s from %s.", r.Channel, targetName(target))}, nil
}

func (b *Bot) subscriptions(ctx context.Context, r Request) (Response, error) {
	subs, err := b.o.Store.Subscriptions(ctx, store.SubscriptionQuery{Channel: r.Channel})
	if err != nil {
		return Response{}, err
	}
	if len(subs) == 0 {
		return lookup("No subscriptions here. Try: subscribe border-developments daily 08:00"), nil
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "Subscriptions of %s:", r.Channel)
	for _, s := range subs {
		fmt.Fprintf(&sb, "\n  %s — %s", targetName(s.Target), s.Schedule)
		switch {
		case s.Paused():
			fmt.Fprintf(&sb, " — PAUSED: %s", s.PausedReason)
		case !s.NextRun.IsZero():
			fmt.Fprintf(&sb, " — next %s", b.fmtTime(s.NextRun))
		}
		if s.Origin == store.OriginConfig {
			sb.WriteString(" (from the config file)")
		}
	}
	return lookup(sb.String()), nil
}

func (b *Bot) resume(ctx context.Context, r Request, c command.Command) (Response, error) {
	if !b.mayChange(r) {
		return Response{}, errOnlyAdmins
	}
	target, err := b.resolveTarget(ctx, r.Channel, c.Topic, c.Source)
	if err != nil {
		return Response{}, err
	}
	subs, err := b.o.Store.Subscriptions(ctx, store.SubscriptionQuery{Channel: r.Channel, Target: target})
	if err != nil {
		return Response{}, err
	}
	if len(subs) == 0 {
		return Response{}, userErr("This channel is not subscribed to %s.", targetName(target))
	}
	spec, err := schedule.ParseString(subs[0].Schedule, b.o.Location)
	if err != nil {
		return Response{}, err
	}
	sub, err := b.o.Store.ResumeSubscription(ctx, r.Channel, target, spec.Next(b.now()))
	if err != nil {
		return Response{}, err
	}
	if !subs[0].Paused() {
		return Response{Text: fmt.Sprintf("%s was not paused; next digest %s.", targetName(target), b.fmtTime(sub.NextRun))}, nil
	}
	return Response{Text: fmt.Sprintf("Resumed %s; next digest %s.", targetName(target), b.fmtTime(sub.NextRun))}, nil
}

func (b *Bot) filter(ctx context.Context, r Request, c command.Command) (Response, error) {
	if !b.mayChange(r) {
		return Response{}, errOnlyAdmins
	}
	target, err := b.resolveTarget(ctx, r.Channel, c.Topic, c.Source)
	if err != nil {
		return Response{}, err
	}
	name := targetName(target)
	if c.Sub == "clear" {
		n, err := b.o.Store.ClearFilters(ctx, r.Channel, name)
		if err != nil {
			return Response{}, err
		}
		return Response{Text: fmt.Sprintf("Cleared the filter on %s (%d terms).", name, n)}, nil
	}
	fs := make([]store.Filter, len(c.Terms))
	for i, t := range c.Terms {
		fs[i] = store.Filter{Channel: r.Channel, Topic: name, Mode: c.Sub, Term: t.String()}
	}
	if err := b.o.Store.AddFilters(ctx, fs); err != nil {
		return Response{}, err
	}
	all, err := b.o.Store.Filters(ctx, r.Channel, name)
	if err != nil {
		return Response{}, err
	}
	return Response{Text: fmt.Sprintf("Filter on %s here: %s.", name, describeFilters(all))}, nil
}

func describeFilters(fs []store.Filter) string {
	var inc, exc []string
	for _, f := range fs {
		if f.Mode == "include" {
			inc = append(inc, f.Term)
		} else {
			exc = append(exc, f.Term)
		}
	}
	var parts []string
	if len(inc) > 0 {
		parts = append(parts, "only items matching "+strings.Join(inc, " or "))
	}
	if len(exc) > 0 {
		parts = append(parts, "never items matching "+strings.Join(exc, " or "))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "; ")
}

func (b *Bot) watch(ctx context.Context, r Request, name string, words []string) (Response, error) {
	if !b.mayChange(r) {
		return Response{}, errOnlyAdmins
	}
	if slices.ContainsFunc(b.o.Engine.Topics(), func(t digest.Topic) bool { return t.Name == name }) {
		return Response{}, userErr("%q is a topic already; pick another name for the watchlist.", name)
	}
	if err := b.o.Store.SetWatch(ctx, store.Watch{Channel: r.Channel, Name: name, Words: words}); err != nil {
		return Response{}, err
	}
	return Response{Text: fmt.Sprintf("Watchlist %s: stories mentioning %s. Use it like a topic: latest %s, subscribe %s instant.",
		name, strings.Join(words, ", "), name, name)}, nil
}

func (b *Bot) unwatch(ctx context.Context, r Request, name string) (Response, error) {
	if !b.mayChange(r) {
		return Response{}, errOnlyAdmins
	}
	err := b.o.Store.RemoveWatch(ctx, r.Channel, name)
	if errors.Is(err, store.ErrNotFound) {
		return Response{}, userErr("There is no watchlist %q here.", name)
	}
	if err != nil {
		return Response{}, err
	}
	return Response{Text: fmt.Sprintf("Removed watchlist %s (and its subscription and filter).", name)}, nil
}
