package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"text/tabwriter"

	"github.com/briefbot/briefbot/feeds"
)

func cmdPoll(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "poll", "poll --once [--json] [--force]")
	once := fs.Bool("once", false, "poll every source once and exit (required)")
	asJSON := fs.Bool("json", false, "one JSON object per source per line")
	force := fs.Bool("force", false, "also poll sources in backoff or under a server's not-before time")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("poll takes no arguments (got %q)", pos[0])
	}
	if !*once {
		return usageErr("poll needs --once (use 'briefbot run' to poll on schedule)")
	}
	a, err := openApp(ctx, e, newLogger(e.stderr, slog.LevelError), nil)
	if err != nil {
		return err
	}
	defer a.Close()
	mode := feeds.All
	if *force {
		mode = feeds.Force
	}
	reports, err := a.poller.PollOnce(ctx, mode, newProgress(e, "polling", !*asJSON))
	if err != nil {
		return err
	}
	// New items join their stories now, so a poll pays for its own items.
	if err := a.index(ctx); err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, r := range reports {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tSTATUS\tHTTP\tNEW\tUPDATED\tTOTAL\tERROR")
	var failed int
	for _, r := range reports {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%s\n", r.Source, r.Status, r.HTTPStatus, r.NewItems, r.UpdatedItems, r.TotalItems, r.Error)
		if r.Status == feeds.StatusError {
			failed++
		}
	}
	tw.Flush()
	if failed > 0 {
		fmt.Fprintf(e.stderr, "%d of %d sources failed; they are retried with backoff (see 'briefbot sources list').\n", failed, len(reports))
	}
	return nil
}
