package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/briefbot/briefbot/digest"
)

// topicFlags collects repeated --topic flags.
type topicFlags []string

func (t *topicFlags) String() string     { return strings.Join(*t, ",") }
func (t *topicFlags) Set(v string) error { *t = append(*t, v); return nil }

func cmdDigest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "digest", "digest [--topic NAME]... [--since DURATION|RFC3339] [--until RFC3339] [--format text|markdown|slack|matrix|json] [--limit N]")
	var topics topicFlags
	fs.Var(&topics, "topic", "a topic to include (repeatable; default all)")
	since := fs.String("since", "24h", "window start: a duration ago (24h, 7d) or an RFC 3339 time")
	until := fs.String("until", "", "window end, RFC 3339 (default now)")
	format := fs.String("format", "text", "text, markdown, slack, matrix or json")
	limit := fs.Int("limit", 0, "at most N stories per topic (0: all)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("digest takes no arguments (got %q)", pos[0])
	}
	now := time.Now()
	from, err := parseSince(*since, now)
	if err != nil {
		return usageErr("--since: %v", err)
	}
	to := now
	if *until != "" {
		if to, err = time.Parse(time.RFC3339, *until); err != nil {
			return usageErr("--until: want an RFC 3339 time, got %q", *until)
		}
	}
	render, err := renderer(*format)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, e, newLogger(e.stderr, slog.LevelError), nil)
	if err != nil {
		return err
	}
	defer a.Close()
	d, err := a.digest(ctx, digest.BuildOptions{Since: from, Until: to, Topics: topics, Limit: *limit, Now: now})
	if err != nil {
		return usageErr("%v", err)
	}
	return render(e.stdout, d)
}

func renderer(format string) (func(io.Writer, digest.Digest) error, error) {
	switch format {
	case "text":
		return digest.RenderText, nil
	case "markdown", "md":
		return digest.RenderMarkdown, nil
	case "json":
		return digest.RenderJSON, nil
	case "slack":
		return func(w io.Writer, d digest.Digest) error { return writeJSONLines(w, digest.RenderSlack(d)) }, nil
	case "matrix":
		return func(w io.Writer, d digest.Digest) error { return writeJSONLines(w, digest.RenderMatrix(d)) }, nil
	}
	msg := fmt.Sprintf("unknown format %q", format)
	if s := suggest(format, []string{"text", "markdown", "slack", "matrix", "json"}); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return nil, usageErr("%s; formats: text, markdown, slack, matrix, json", msg)
}

// writeJSONLines writes one JSON document per line.
func writeJSONLines[T any](w io.Writer, vs []T) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, v := range vs {
		if err := enc.Encode(v); err != nil {
			return err
		}
	}
	return nil
}
