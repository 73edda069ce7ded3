package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/feeds/opml"
	"github.com/briefbot/briefbot/store"
)

const sourcesUsage = "sources list [--json] | add URL [--name N] [--schedule S] [--tags a,b] | remove NAME | import FILE.opml | export"

func cmdSources(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageErr("usage: briefbot %s", sourcesUsage)
	}
	sub, rest := args[0], args[1:]
	switch sub {
	case "list":
		return sourcesList(ctx, e, rest)
	case "add":
		return sourcesAdd(ctx, e, rest)
	case "remove", "rm":
		return sourcesRemove(ctx, e, rest)
	case "import":
		return sourcesImport(ctx, e, rest)
	case "export":
		return sourcesExport(ctx, e, rest)
	}
	msg := fmt.Sprintf("unknown sources command %q", sub)
	if s := suggest(sub, []string{"list", "add", "remove", "import", "export"}); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return usageErr("%s; usage: briefbot %s", msg, sourcesUsage)
}

// sourceJSON is one line of `sources list --json`.
type sourceJSON struct {
	Name         string   `json:"name"`
	URL          string   `json:"url"`
	Schedule     string   `json:"schedule"`
	Tags         []string `json:"tags"`
	Origin       string   `json:"origin"`
	Items        int      `json:"items"`
	LastPoll     string   `json:"last_poll"`
	LastSuccess  string   `json:"last_success"`
	LastStatus   int      `json:"last_status"`
	LastError    string   `json:"last_error"`
	LastErrorAt  string   `json:"last_error_at"`
	Failures     int      `json:"failures"`
	FailingSince string   `json:"failing_since"`
	NextPoll     string   `json:"next_poll"`
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func sourcesList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "sources list", "sources list [--json]")
	asJSON := fs.Bool("json", false, "one JSON object per source per line")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := openApp(ctx, e, newLogger(e.stderr, slog.LevelError), nil)
	if err != nil {
		return err
	}
	defer a.Close()
	srcs, err := a.store.Sources(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, s := range srcs {
			n, _ := a.store.CountItems(ctx, s.ID)
			sched := s.Schedule
			if sched == "" {
				sched = a.cfg.Feeds.Schedule
			}
			tags := s.Tags
			if tags == nil {
				tags = []string{}
			}
			if err := enc.Encode(sourceJSON{
				Name: s.Name, URL: s.URL, Schedule: sched, Tags: tags, Origin: s.Origin, Items: n,
				LastPoll: rfc3339(s.LastPoll), LastSuccess: rfc3339(s.LastSuccess), LastStatus: s.LastStatus,
				LastError: s.LastError, LastErrorAt: rfc3339(s.LastErrorAt), Failures: s.Failures,
				FailingSince: rfc3339(s.FailingSince), NextPoll: rfc3339(s.NextPoll),
			}); err != nil {
				return err
			}
		}
		return nil
	}
	if len(srcs) == 0 {
		fmt.Fprintln(e.stdout, "No sources. Add one with 'briefbot sources add URL' or under sources: in the config file.")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tITEMS\tLAST SUCCESS\tFAILURES\tNEXT POLL\tLAST ERROR\tURL")
	for _, s := range srcs {
		n, _ := a.store.CountItems(ctx, s.ID)
		lastErr := ""
		if s.Failures > 0 {
			lastErr = fmt.Sprintf("%s (%s)", s.LastError, ago(now, s.LastErrorAt))
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%s\t%s\t%s\n", s.Name, n, ago(now, s.LastSuccess), s.Failures, until(now, s.NextPoll, s.NotBefore), lastErr, s.URL)
	}
	return tw.Flush()
}

func ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return roughDuration(now.Sub(t)) + " ago"
}

func until(now, next, notBefore time.Time) string {
	if notBefore.After(next) {
		next = notBefore
	}
	if next.IsZero() || !next.After(now) {
		return "due"
	}
	return "in " + roughDuration(next.Sub(now))
}

func roughDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}

func sourcesAdd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "sources add", "sources add URL [--name N] [--schedule S] [--tags a,b] [--no-check]")
	name := fs.String("name", "", "source name (default: the feed's title)")
	schedule := fs.String("schedule", "", "poll schedule (default: feeds.schedule)")
	tags := fs.String("tags", "", "comma-separated tags")
	noCheck := fs.Bool("no-check", false, "add without fetching the URL first")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("usage: briefbot sources add URL [--name N] [--schedule S]")
	}
	u := pos[0]
	if err := config.CheckFeedURL(u); err != nil {
		return usageErr("URL %v", err)
	}
	if *schedule != "" {
		if err := config.CheckSchedule(*schedule); err != nil {
			return usageErr("--schedule: %v", err)
		}
	}
	a, err := openApp(ctx, e, newLogger(e.stderr, slog.LevelError), nil)
	if err != nil {
		return err
	}
	defer a.Close()
	title := ""
	if !*noCheck {
		feedURL, feedTitle, err := discover(ctx, a.fetcher, u)
		if err != nil {
			return fmt.Errorf("%s: %w (add it anyway with --no-check)", u, err)
		}
		if feedURL != u {
			fmt.Fprintf(e.stderr, "%s is an HTML page that advertises a feed; adding the feed %s\n", u, feedURL)
			u = feedURL
		}
		title = feedTitle
	}
	n := *name
	if n == "" {
		n = title
	}
	if n == "" {
		if p, err := url.Parse(u); err == nil {
			n = p.Hostname()
		}
	}
	src, err := a.store.AddSource(ctx, store.SourceSpec{Name: n, URL: u, Schedule: *schedule, Tags: splitList(*tags)})
	if errors.Is(err, store.ErrExists) {
		return usageErr("a source with the name %q or the URL %s already exists", n, u)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Added source %q (%s). It is polled on the next run or 'briefbot poll --once'.\n", src.Name, src.URL)
	return nil
}

// discover fetches u and returns the feed URL to store (u itself, or the
// feed an HTML page advertises) and the feed's title.
func discover(ctx context.Context, f *feeds.Fetcher, u string) (string, string, error) {
	for hop := 0; hop < 2; hop++ {
		resp, err := f.Fetch(ctx, feeds.Request{URL: u})
		if err != nil {
			return "", "", err
		}
		feed, err := feeds.Parse(resp.Body, resp.ContentType, resp.FinalURL)
		var nf *feeds.NotFeedError
		if errors.As(err, &nf) && len(nf.Alternates) > 0 && hop == 0 {
			u = nf.Alternates[0]
			continue
		}
		if err != nil {
			return "", "", err
		}
		return u, feed.Title, nil
	}
	return "", "", errors.New("the advertised feed is itself an HTML page")
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func sourcesRemove(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageErr("usage: briefbot sources remove NAME")
	}
	a, err := openApp(ctx, e, newLogger(e.stderr, slog.LevelError), nil)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.store.RemoveSource(ctx, args[0]); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return usageErr("no source named %q (see 'briefbot sources list')", args[0])
		}
		return err
	}
	fmt.Fprintf(e.stdout, "Removed source %q.\n", args[0])
	return nil
}

func sourcesImport(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageErr("usage: briefbot sources import FILE.opml")
	}
	f, err := os.Open(args[0])
	if err != nil {
		return usageErr("%v", err)
	}
	defer f.Close()
	outlines, problems, err := opml.Read(f)
	if err != nil {
		return usageErr("%s: %v", args[0], err)
	}
	for _, p := range problems {
		fmt.Fprintf(e.stderr, "%s:%d: skipped: %s\n", args[0], p.Line, p.Reason)
	}
	a, err := openApp(ctx, e, newLogger(e.stderr, slog.LevelError), nil)
	if err != nil {
		return err
	}
	defer a.Close()
	progress := newProgress(e, "importing", true)
	var added, existed int
	for i, o := range outlines {
		_, err := a.store.AddSource(ctx, store.SourceSpec{Name: o.Name, URL: o.URL, Tags: o.Tags})
		switch {
		case errors.Is(err, store.ErrExists):
			existed++
		case err != nil:
			return err
		default:
			added++
		}
		if progress != nil {
			progress(i+1, len(outlines))
		}
	}
	fmt.Fprintf(e.stdout, "Imported %d sources (%d already present, %d skipped).\n", added, existed, len(problems))
	return nil
}

func sourcesExport(ctx context.Context, e *env, args []string) error {
	if len(args) != 0 {
		return usageErr("usage: briefbot sources export > FILE.opml")
	}
	a, err := openApp(ctx, e, newLogger(e.stderr, slog.LevelError), nil)
	if err != nil {
		return err
	}
	defer a.Close()
	srcs, err := a.store.Sources(ctx)
	if err != nil {
		return err
	}
	outs := make([]opml.Outline, len(srcs))
	for i, s := range srcs {
		outs[i] = opml.Outline{Name: s.Name, URL: s.URL, Tags: s.Tags}
	}
	return opml.Write(e.stdout, "briefbot sources", time.Now(), outs)
}
