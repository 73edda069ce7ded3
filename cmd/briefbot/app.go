package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"slices"
	"time"

	"golang.org/x/term"

	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/digest"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/store"
)

// app is what most commands need: config, store, fetcher and poller.
type app struct {
	cfg     *config.Config
	store   *store.Store
	fetcher *feeds.Fetcher
	poller  *feeds.Poller
	logger  *slog.Logger
	engine  *digest.Engine
	indexer *digest.Indexer
}

func (a *app) Close() {
	a.fetcher.Close()
	a.store.Close()
}

func loadConfig(e *env) (*config.Config, error) {
	return config.Load(config.Resolve(e.configPath, e.getenv), e.getenv)
}

// openApp reads the config, opens the store and makes the config's
// sources present in it.
func openApp(ctx context.Context, e *env, logger *slog.Logger, metrics *feeds.Metrics) (*app, error) {
	cfg, err := loadConfig(e)
	if err != nil {
		return nil, err
	}
	return newApp(ctx, cfg, logger, metrics)
}

func newApp(ctx context.Context, cfg *config.Config, logger *slog.Logger, metrics *feeds.Metrics) (*app, error) {
	eng, err := configEngine(cfg)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, cfg.Database, store.Options{})
	if err != nil {
		return nil, err
	}
	specs := make([]store.SourceSpec, len(cfg.Sources))
	for i, s := range cfg.Sources {
		specs[i] = store.SourceSpec{Name: s.Name, URL: s.URL, Schedule: s.Schedule, Tags: s.Tags}
	}
	if err := st.SyncConfigSources(ctx, specs); err != nil {
		st.Close()
		return nil, fmt.Errorf("sources from %s: %w", cfg.File, err)
	}
	f := feeds.NewFetcher(feeds.FetcherOptions{
		Timeout:              time.Duration(cfg.Feeds.Timeout),
		MaxBody:              int64(cfg.Feeds.MaxBody),
		UserAgent:            cfg.Feeds.UserAgent,
		AllowPrivateNetworks: cfg.Feeds.AllowPrivateNetworks,
	})
	p, err := feeds.NewPoller(st, f, feeds.PollerOptions{
		Schedule:      cfg.Feeds.Schedule,
		ParseSchedule: config.ParseSchedule,
		Concurrency:   cfg.Feeds.Concurrency,
		PerHost:       cfg.Feeds.PerHost,
		Jitter:        30 * time.Second,
		Logger:        logger,
		Metrics:       metrics,
	})
	if err != nil {
		st.Close()
		return nil, err
	}
	var names []string
	for _, t := range eng.Topics() {
		names = append(names, t.Name)
	}
	if err := syncSubscriptions(ctx, cfg, st, names); err != nil {
		st.Close()
		return nil, err
	}
	return &app{cfg: cfg, store: st, fetcher: f, poller: p, logger: logger, engine: eng, indexer: digest.NewIndexer(eng, st, digest.ClusterOptions{})}, nil
}

// index brings the stored stories up to date with the stored items.
func (a *app) index(ctx context.Context) error {
	st, err := a.indexer.Index(ctx)
	if err != nil {
		return fmt.Errorf("build stories: %w", err)
	}
	if st.Items > 0 {
		a.logger.Info("stories_indexed", "items", st.Items, "topical", st.Topical, "new_stories", st.NewStories,
			"joined", st.Joined, "merged", st.Merged, "rebuilt", st.Reset)
	}
	return nil
}

// digest indexes what is new and builds a digest of the stored stories.
// Provenance and official sources come from the store's sources.
func (a *app) digest(ctx context.Context, o digest.BuildOptions) (digest.Digest, error) {
	if err := a.index(ctx); err != nil {
		return digest.Digest{}, err
	}
	items, err := a.store.StoryItems(ctx, store.StoryQuery{Since: o.Since, Until: o.Until})
	if err != nil {
		return digest.Digest{}, err
	}
	srcs, err := a.store.Sources(ctx)
	if err != nil {
		return digest.Digest{}, err
	}
	o.Provenance = digest.Provenance{SourcesChecked: len(srcs), SourcesFailing: []string{}}
	for _, s := range srcs {
		if s.Failures > 0 {
			o.Provenance.SourcesFailing = append(o.Provenance.SourcesFailing, s.Name)
		}
		if slices.Contains(s.Tags, "official") {
			o.OfficialSources = append(o.OfficialSources, s.Name)
		}
	}
	return a.engine.BuildIndexed(items, o)
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// redactDSN hides a database password before it is printed.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
