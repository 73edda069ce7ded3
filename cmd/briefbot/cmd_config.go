package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/digest"
	"github.com/briefbot/briefbot/feeds"
)

func cmdConfig(_ context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageErr("usage: briefbot config example|check")
	}
	switch args[0] {
	case "example":
		_, err := e.stdout.Write(config.Example)
		return err
	case "check":
		path := config.Resolve(e.configPath, e.getenv)
		cfg, err := config.Load(path, e.getenv)
		if err != nil {
			return err
		}
		eng, err := configEngine(cfg)
		if err != nil {
			return err
		}
		var names []string
		for _, t := range eng.Topics() {
			names = append(names, t.Name)
		}
		subs, err := configSubscriptions(cfg, names)
		if err != nil {
			return err
		}
		describeConfig(e, cfg, eng)
		fmt.Fprintf(e.stdout, "subscriptions: %d in this file\n", len(subs))
		for _, s := range subs {
			fmt.Fprintf(e.stdout, "  - %s  %s  %s\n", s.Channel, s.Target, s.Schedule)
		}
		return nil
	}
	msg := fmt.Sprintf("unknown config command %q", args[0])
	if s := suggest(args[0], []string{"example", "check"}); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return usageErr("%s; usage: briefbot config example|check", msg)
}

func describeConfig(e *env, cfg *config.Config, eng *digest.Engine) {
	w := e.stdout
	fmt.Fprintf(w, "%s is valid.\n\n", cfg.File)
	fmt.Fprintf(w, "database:  %s\n", redactDSN(cfg.Database))
	if cfg.HTTP.Listen != "" {
		fmt.Fprintf(w, "http:      http://%s/healthz, /readyz, /metrics\n", cfg.HTTP.Listen)
	} else {
		fmt.Fprintln(w, "http:      off")
	}
	ua := cfg.Feeds.UserAgent
	if ua == "" {
		ua = feeds.DefaultUserAgent()
	}
	fmt.Fprintf(w, "polling:   %q by default, %d at once (%s per host), timeout %s, max body %s\n",
		cfg.Feeds.Schedule, cfg.Feeds.Concurrency, perHost(cfg.Feeds.PerHost), time.Duration(cfg.Feeds.Timeout), cfg.Feeds.MaxBody)
	fmt.Fprintf(w, "           user agent %q; private networks %s; items kept %s\n", ua, allowed(cfg.Feeds.AllowPrivateNetworks), cfg.Feeds.Retention)
	fmt.Fprintf(w, "sources:   %d in this file\n", len(cfg.Sources))
	now := time.Now()
	for _, s := range cfg.Sources {
		sched := s.Schedule
		if sched == "" {
			sched = cfg.Feeds.Schedule
		}
		next := ""
		if sch, err := config.ParseSchedule(sched); err == nil {
			next = sch.Next(now).Format("15:04 MST")
		}
		fmt.Fprintf(w, "  - %s  %s  every %q (next %s)", s.Name, s.URL, sched, next)
		if len(s.Tags) > 0 {
			fmt.Fprintf(w, "  tags %v", s.Tags)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "topics:    %d\n", len(eng.Topics()))
	for _, t := range eng.Topics() {
		origin := "built in"
		if slices.ContainsFunc(cfg.Topics, func(c config.Topic) bool { return c.Name == t.Name }) {
			origin = "from this file"
		}
		fmt.Fprintf(w, "  - %s  %q  (%s)\n", t.Name, t.Title, origin)
	}
}

func perHost(n int) string {
	if n == 0 {
		return "no limit"
	}
	return fmt.Sprint(n)
}

func allowed(b bool) string {
	if b {
		return "ALLOWED (SSRF guard off)"
	}
	return "refused"
}
