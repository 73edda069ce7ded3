package main

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/digest"
	"github.com/briefbot/briefbot/feeds"
)

// demoFeeds are invented sample feeds (see demofeeds/README.md).
//
//go:embed demofeeds
var demoFeeds embed.FS

// demoSources names the sample feeds in the order the demo lists them.
var demoSources = []struct{ Name, File string }{
	{"Alliance Press Office", "alliance-press.atom"},
	{"Wire Service", "wire.xml"},
	{"Oblast Vestnik", "oblast-vestnik.xml"},
	{"Kordon", "kordon.json"},
	{"World Desk", "world-desk.xml"},
}

func cmdDemo(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		return usageErr("demo takes no arguments")
	}
	start := time.Now()
	srv, base, err := serveDemoFeeds()
	if err != nil {
		return err
	}
	defer srv.Close()
	dir, err := os.MkdirTemp("", "briefbot-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	cfg := config.Default()
	cfg.File = "(demo)"
	cfg.Database = "sqlite://" + filepath.Join(dir, "demo.db")
	cfg.Feeds.AllowPrivateNetworks = true // the sample feeds are served from 127.0.0.1
	for _, s := range demoSources {
		cfg.Sources = append(cfg.Sources, config.Source{Name: s.Name, URL: base + "/" + s.File})
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	a, err := newApp(ctx, cfg, newLogger(e.stderr, slog.LevelError), nil)
	if err != nil {
		return err
	}
	defer a.Close()
	reports, err := a.poller.PollOnce(ctx, feeds.Force, nil)
	if err != nil {
		return err
	}
	// No window: the sample feeds are dated around the day they were written.
	d, err := a.digest(ctx, digest.BuildOptions{Now: time.Now()})
	if err != nil {
		return err
	}
	var items int
	for _, r := range reports {
		items += r.NewItems
	}
	fmt.Fprintf(e.stdout, "briefbot demo: %d sample sources, %d items polled from 127.0.0.1 in %s\n\n", len(reports), items, time.Since(start).Round(time.Millisecond))
	if err := digest.RenderText(e.stdout, d); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "\nNext: 'briefbot config example > briefbot.yaml', add your feeds, then 'briefbot run'.")
	return nil
}

func serveDemoFeeds() (*http.Server, string, error) {
	sub, err := fs.Sub(demoFeeds, "demofeeds")
	if err != nil {
		return nil, "", err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", fmt.Errorf("demo feed server: %w", err)
	}
	types := map[string]string{".xml": "application/rss+xml", ".atom": "application/atom+xml", ".json": "application/feed+json"}
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
			data, err := fs.ReadFile(sub, name)
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", types[path.Ext(name)])
			w.Write(data)
		}),
		ReadHeaderTimeout: 5 * time.Second,
	}
	go srv.Serve(ln)
	return srv, "http://" + ln.Addr().String(), nil
}
