package main

import (
	"context"
	"embed"
	"fmt"
	"io"
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
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/store"
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
	items, err := a.store.Items(ctx, store.ItemQuery{})
	if err != nil {
		return err
	}
	printDemo(e.stdout, reports, items, time.Since(start))
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

// printDemo prints the new items grouped by source, newest first.
func printDemo(w io.Writer, reports []feeds.SourceReport, items []store.Item, took time.Duration) {
	fmt.Fprintf(w, "briefbot demo: %d sample sources polled from 127.0.0.1 in %s\n\n", len(reports), took.Round(time.Millisecond))
	bySource := map[string][]store.Item{}
	for _, it := range items {
		for _, c := range it.Carriers {
			bySource[c.Source] = append(bySource[c.Source], it)
		}
	}
	for _, r := range reports {
		fmt.Fprintf(w, "== %s (%d new items, %s)\n", r.Source, r.NewItems, r.Status)
		if r.Error != "" {
			fmt.Fprintf(w, "   error: %s\n", r.Error)
		}
		for _, it := range bySource[r.Source] {
			also := ""
			if len(it.Sources) > 1 {
				also = fmt.Sprintf("  (also: %s)", strings.Join(others(it.Sources, r.Source), ", "))
			}
			fmt.Fprintf(w, "   %s  [%s] %s%s\n", it.Published.UTC().Format("Jan 02 15:04"), it.Lang, it.Title, also)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "Next: 'briefbot config example > briefbot.yaml', add your feeds, then 'briefbot run'.")
}

func others(all []string, except string) []string {
	var out []string
	for _, s := range all {
		if s != except {
			out = append(out, s)
		}
	}
	return out
}
