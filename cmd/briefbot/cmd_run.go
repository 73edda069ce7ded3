package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/console"
	"github.com/briefbot/briefbot/bot/matrix"
	slackbot "github.com/briefbot/briefbot/bot/slack"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/store"
)

// pollTick is how often the scheduler looks for due sources; each
// source's own schedule decides whether it is due.
const pollTick = 5 * time.Second

// pollClaim is how long a replica sharing the database holds a source it
// has started fetching: the fetch's timeout with room for the parse and the
// write after it. If the replica dies, the source is due again after this.
func pollClaim(fetchTimeout time.Duration) time.Duration {
	return 3*fetchTimeout + 30*time.Second
}

// scheduleTick is how often due subscriptions are looked for.
const scheduleTick = 5 * time.Second

// shutdownGrace bounds a clean stop after SIGINT/SIGTERM.
const shutdownGrace = 8 * time.Second

func cmdRun(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "run", "run")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("run takes no arguments (got %q)", pos[0])
	}
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	logger := newLogger(e.stderr, slog.LevelInfo)
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	a, err := newApp(ctx, cfg, logger, feeds.NewMetrics(reg))
	if err != nil {
		if ctx.Err() != nil {
			// SIGTERM while connecting: a clean stop, not a failure.
			logger.Info("stopped", "during", "start")
			return nil
		}
		return err
	}
	defer a.Close()

	var wg sync.WaitGroup
	lease := newLeases(a.store, logger)
	lease.ttl, lease.renew = time.Duration(cfg.Replicas.Lease), time.Duration(cfg.Replicas.Renew)
	platforms := map[string]bot.Platform{}
	if cfg.Console.Path != "" {
		c := console.New(cfg.Console.Path, nil)
		c.SetDelay(time.Duration(cfg.Console.Delay))
		platforms["console"] = bot.Console{File: c}
	}
	b := a.bot()
	var slackHTTP http.Handler
	var slackWait func()
	if sc := cfg.Slack; sc.BotToken != "" {
		sl, err := slackbot.New(ctx, slackbot.Options{BotToken: sc.BotToken, AppToken: sc.AppToken, SigningSecret: sc.SigningSecret,
			APIURL: sc.APIURL, Admins: sc.Admins, Store: a.store, Bot: b, Logger: logger})
		if err != nil {
			return err
		}
		platforms["slack"] = sl
		if sc.AppToken != "" {
			wg.Go(func() {
				lease.run(ctx, "chat:slack", func(ctx context.Context) {
					if err := sl.RunSocketMode(ctx); err != nil {
						logger.Error("slack_stopped", "error", err)
					}
				})
			})
			logger.Info("slack_connected", "mode", "socket")
		} else {
			slackHTTP, slackWait = sl.Handler(), sl.Wait
			logger.Info("slack_connected", "mode", "http", "listen", cfg.HTTP.Listen)
		}
	}
	if m := cfg.Matrix; m.Homeserver != "" {
		mx, err := matrix.New(ctx, matrix.Options{Homeserver: m.Homeserver, UserID: m.UserID, AccessToken: m.AccessToken, Password: m.Password,
			Prefix: m.CommandPrefix, Invites: m.Invites, Admins: m.Admins, SubscribePowerLevel: m.SubscribePowerLevel,
			E2EE: m.E2EE, Store: a.store, Bot: b, Logger: logger})
		if err != nil {
			return err
		}
		platforms["matrix"] = mx
		wg.Go(func() {
			lease.run(ctx, "chat:matrix", func(ctx context.Context) {
				if err := mx.Run(ctx); err != nil {
					logger.Error("matrix_stopped", "error", err)
				}
			})
		})
		logger.Info("matrix_connected", "user", m.UserID, "homeserver", m.Homeserver)
	}
	var srv *http.Server
	if cfg.HTTP.Listen != "" {
		ln, err := net.Listen("tcp", cfg.HTTP.Listen)
		if err != nil {
			return usageErr("http.listen %s: %v", cfg.HTTP.Listen, err)
		}
		mux := healthMux(a.store, reg)
		if slackHTTP != nil {
			mux.Handle("/slack/", slackHTTP)
		}
		srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		wg.Go(func() {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				logger.Error("http_server_failed", "error", err)
			}
		})
		logger.Info("http_listening", "addr", ln.Addr().String())
	}
	srcs, _ := a.store.Sources(ctx)
	logger.Info("briefbot_started", "version", version, "sources", len(srcs), "schedule", cfg.Feeds.Schedule)

	delivery, err := bot.NewDelivery(ctx, a.store, bot.DeliveryOptions{Platforms: platforms, AdminChannel: cfg.Bot.AdminChannel, Logger: logger,
		Metrics: bot.NewDeliveryMetrics(reg, a.store)})
	if err != nil {
		if ctx.Err() == nil {
			return err
		}
		// SIGTERM while starting: stop what started, cleanly.
		if srv != nil {
			_ = srv.Close()
		}
		wg.Wait()
		logger.Info("stopped", "during", "start")
		return nil
	}
	// The queue stops through Stop below, after the scheduler, so jobs in
	// hand finish within the grace period.
	if err := delivery.Start(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	sched := &bot.Scheduler{Bot: b, Delivery: delivery}
	wg.Go(func() { lease.run(ctx, "leader", func(ctx context.Context) { scheduleLoop(ctx, sched, logger) }) })
	maint := &maintenance{store: a.store, retention: time.Duration(cfg.Feeds.Retention), logger: logger, every: time.Hour}
	runDone := make(chan struct{})
	go func() {
		defer close(runDone)
		// On a shared database every replica polls the sources it claims,
		// so each source is fetched once per tick, and the leader indexes
		// and prunes.
		if lease.shared {
			a.poller.Share(a.store, pollClaim(time.Duration(cfg.Feeds.Timeout)))
		}
		_ = a.poller.Run(ctx, pollTick, func(ctx context.Context) {
			if !lease.isLeader() {
				return
			}
			if err := a.index(ctx); err != nil && ctx.Err() == nil {
				logger.Error("index_failed", "error", err)
			}
			maint.run(ctx)
		})
	}()
	<-ctx.Done()
	logger.Info("shutting_down")
	return stopRun(srv, runDone, &wg, slackWait, delivery, logger)
}

// scheduleLoop schedules due digests every scheduleTick until ctx ends.
func scheduleLoop(ctx context.Context, sched *bot.Scheduler, logger *slog.Logger) {
	t := time.NewTicker(scheduleTick)
	defer t.Stop()
	for {
		if n, err := sched.RunDue(ctx, time.Now()); err != nil && ctx.Err() == nil {
			logger.Error("schedule_failed", "error", err)
		} else if n > 0 {
			logger.Info("digests_scheduled", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// stopRun stops a run within the grace period: the HTTP server, the
// poller, the loops, answers in flight, then the job queue.
func stopRun(srv *http.Server, runDone chan struct{}, wg *sync.WaitGroup, slackWait func(), delivery *bot.Delivery, logger *slog.Logger) error {
	deadline := time.After(shutdownGrace)
	if srv != nil {
		sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		_ = srv.Shutdown(sctx)
		cancel()
	}
	select {
	case <-runDone:
	case <-deadline:
		logger.Warn("shutdown_timeout", "waited", shutdownGrace.String())
	}
	wg.Wait()
	if slackWait != nil {
		slackWait() // answers to commands acknowledged before the stop
	}
	sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	if err := delivery.Stop(sctx); err != nil {
		logger.Warn("delivery_stop", "error", err)
	}
	cancel()
	logger.Info("stopped")
	return nil
}

func healthMux(st *store.Store, reg *prometheus.Registry) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := st.Ping(ctx); err != nil {
			http.Error(w, "database unreachable: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	return mux
}

// maintenance prunes old items and reports long-failing sources, at most
// once per interval, from the poll loop.
type maintenance struct {
	store     *store.Store
	retention time.Duration
	logger    *slog.Logger
	every     time.Duration
	last      time.Time
}

func (m *maintenance) run(ctx context.Context) {
	now := time.Now()
	if now.Sub(m.last) < m.every {
		return
	}
	m.last = now
	if n, err := m.store.Prune(ctx, now.Add(-m.retention)); err != nil {
		m.logger.Error("prune_failed", "error", err)
	} else if n > 0 {
		m.logger.Info("pruned_items", "count", n, "retention", m.retention.String())
	}
	if _, err := m.store.PruneSeen(ctx, now.Add(-24*time.Hour)); err != nil {
		m.logger.Error("prune_seen_failed", "error", err)
	}
	failing, err := m.store.FailingSince(ctx, now.Add(-24*time.Hour))
	if err != nil {
		m.logger.Error("failing_sources_query_failed", "error", err)
		return
	}
	for _, s := range failing {
		m.logger.Warn("source_failing_over_a_day", "source", s.Name, "url", s.URL, "since", s.FailingSince, "failures", s.Failures, "last_error", s.LastError)
	}
}
