package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/store"
)

// cmdChat is a REPL on the channel console:NAME: one command per line
// from stdin (with or without /brief or !brief), each reply printed as
// plain text followed by a blank line, until end of input.
func cmdChat(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "chat", "chat [--channel NAME]")
	channel := fs.String("channel", "terminal", "the console channel to talk in (console:NAME)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("chat takes no arguments (got %q); type commands on standard input", pos[0])
	}
	name := strings.TrimPrefix(*channel, "console:")
	if name == "" || strings.ContainsAny(name, " \t\n") {
		return usageErr("--channel: want a name without spaces (got %q)", *channel)
	}
	a, err := openApp(ctx, e, newLogger(e.stderr, slog.LevelError), nil)
	if err != nil {
		return err
	}
	defer a.Close()
	b := a.bot()
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if ctx.Err() != nil {
			return nil
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if _, err := bot.Serve(ctx, terminal{e.stdout}, b, bot.Request{Channel: "console:" + name, User: "console", Text: line}); err != nil {
			return err
		}
	}
	return sc.Err()
}

// terminal is the platform of `briefbot chat`: answers are printed, each
// followed by a blank line; its user runs briefbot, so is an admin.
type terminal struct{ w io.Writer }

func (terminal) Render(r bot.Response) []string { return []string{r.Text} }

func (t terminal) Post(_ context.Context, _, _, text, key string) (string, error) {
	_, err := fmt.Fprintf(t.w, "%s\n\n", text)
	return key, err
}

func (t terminal) Edit(ctx context.Context, channel, ref, text string) error {
	_, err := t.Post(ctx, channel, ref, text, ref)
	return err
}

func (t terminal) Answer(ctx context.Context, _ bot.Request, r bot.Response) error {
	_, err := t.Post(ctx, "", "", r.Text, "")
	return err
}

func (terminal) IsAdmin(context.Context, string, string) (bool, error) { return true, nil }

// bot returns the chat bot on this app's store and engine.
func (a *app) bot() *bot.Bot {
	loc, err := time.LoadLocation(a.cfg.Bot.Timezone)
	if err != nil {
		loc = time.UTC // Validate refused it already
	}
	return bot.New(bot.Options{
		Store:       a.store,
		Engine:      a.engine,
		Index:       a.index,
		AddSource:   a.addSource,
		Location:    loc,
		AdminsOnly:  a.cfg.Bot.WhoMaySubscribe == "admins",
		EmptyDigest: a.cfg.Bot.EmptyDigest,
		Logger:      a.logger,
	})
}

// addSource adds a feed from chat, as `sources add` does.
func (a *app) addSource(ctx context.Context, u string) (store.Source, error) {
	if err := config.CheckFeedURL(u); err != nil {
		return store.Source{}, err
	}
	feedURL, title, err := discover(ctx, a.fetcher, u)
	if err != nil {
		return store.Source{}, err
	}
	if title == "" {
		if p, err := url.Parse(feedURL); err == nil {
			title = p.Hostname()
		}
	}
	return a.store.AddSource(ctx, store.SourceSpec{Name: title, URL: feedURL})
}

// syncSubscriptions makes the config's subscriptions present in the
// store.
func syncSubscriptions(ctx context.Context, cfg *config.Config, st *store.Store, topics []string) error {
	subs, err := configSubscriptions(cfg, topics)
	if err != nil {
		return err
	}
	if err := st.SyncConfigSubscriptions(ctx, subs); err != nil {
		return fmt.Errorf("subscriptions from %s: %w", cfg.File, err)
	}
	return nil
}

// configSubscriptions reads the config's subscriptions; a bad schedule or
// topic is an error at its line.
func configSubscriptions(cfg *config.Config, topics []string) ([]store.Subscription, error) {
	loc, err := time.LoadLocation(cfg.Bot.Timezone)
	if err != nil {
		return nil, err
	}
	var errs config.Errors
	var subs []store.Subscription
	now := time.Now()
	for i, s := range cfg.Subscriptions {
		key := fmt.Sprintf("subscriptions[%d]", i)
		words := s.Schedule
		if words == "" {
			words = bot.DefaultSchedule
		}
		spec, err := schedule.ParseString(words, loc)
		if err != nil {
			errs = append(errs, &config.Error{File: cfg.File, Line: cfg.Line(key + ".schedule"), Key: key + ".schedule", Msg: err.Error()})
			continue
		}
		for j, t := range s.Topics {
			target := t
			if !strings.HasPrefix(t, "source:") && !containsString(topics, t) {
				errs = append(errs, &config.Error{File: cfg.File, Line: cfg.Line(fmt.Sprintf("%s.topics[%d]", key, j)), Key: fmt.Sprintf("%s.topics[%d]", key, j),
					Msg: fmt.Sprintf("unknown topic %q (topics: %s)", t, strings.Join(topics, ", "))})
				continue
			}
			subs = append(subs, store.Subscription{Channel: s.Channel, Target: target, Schedule: spec.String(), NextRun: spec.Next(now)})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return subs, nil
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
