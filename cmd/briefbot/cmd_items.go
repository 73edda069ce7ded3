package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/store"
)

// itemJSON is the `items --json` contract: every key always present.
type itemJSON struct {
	ID        string   `json:"id"`
	Source    string   `json:"source"`
	Sources   []string `json:"sources"`
	Title     string   `json:"title"`
	URL       string   `json:"url"`
	Link      string   `json:"link"`
	Published string   `json:"published"`
	FirstSeen string   `json:"first_seen"`
	Lang      string   `json:"lang"`
	Summary   string   `json:"summary"`
}

func cmdItems(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "items", "items [--source N] [--since DURATION|RFC3339] [--search WORDS] [--limit N] [--json]")
	source := fs.String("source", "", "only items carried by this source")
	since := fs.String("since", "", "only items published since a duration ago (24h, 7d) or an RFC 3339 time")
	search := fs.String("search", "", "words that must all match, in any language")
	limit := fs.Int("limit", 50, "at most this many items (0: all)")
	asJSON := fs.Bool("json", false, "one JSON object per item per line")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		*search = strings.TrimSpace(*search + " " + strings.Join(pos, " "))
	}
	q := store.ItemQuery{Source: *source, Search: *search, Limit: *limit}
	if *since != "" {
		t, err := parseSince(*since, time.Now())
		if err != nil {
			return usageErr("--since: %v", err)
		}
		q.Since = t
	}
	a, err := openApp(ctx, e, newLogger(e.stderr, slog.LevelError), nil)
	if err != nil {
		return err
	}
	defer a.Close()
	if q.Source != "" {
		if _, err := a.store.SourceByName(ctx, q.Source); err != nil {
			return usageErr("no source named %q (see 'briefbot sources list')", q.Source)
		}
	}
	items, err := a.store.Items(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, it := range items {
			if err := enc.Encode(toItemJSON(it)); err != nil {
				return err
			}
		}
		return nil
	}
	if len(items) == 0 {
		fmt.Fprintln(e.stdout, "No items.")
		return nil
	}
	for _, it := range items {
		fmt.Fprintf(e.stdout, "%s  %s  [%s]\n    %s\n", it.Published.Local().Format("2006-01-02 15:04"), it.Title, strings.Join(it.Sources, ", "), it.URL)
	}
	return nil
}

func toItemJSON(it store.Item) itemJSON {
	sources := it.Sources
	if sources == nil {
		sources = []string{}
	}
	return itemJSON{
		ID: it.ID, Source: it.Source, Sources: sources, Title: it.Title, URL: it.URL, Link: it.Link,
		Published: it.Published.UTC().Format(time.RFC3339), FirstSeen: it.FirstSeen.UTC().Format(time.RFC3339),
		Lang: it.Lang, Summary: feeds.Truncate(it.Summary, 500),
	}
}

// parseSince reads a duration ago (Go syntax plus d) or an RFC 3339 time.
func parseSince(s string, now time.Time) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := config.ParseDuration(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("want a duration (24h, 7d) or an RFC 3339 time, got %q", s)
	}
	return now.Add(-d), nil
}
