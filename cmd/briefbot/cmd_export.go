package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/matrix"
	"github.com/briefbot/briefbot/store"
)

// cmdExport writes the whole database as a versioned JSON Lines archive
// on standard output.
func cmdExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export", "export > FILE")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("export takes no arguments (got %q); redirect standard output to a file", pos[0])
	}
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.Database, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	stats, err := st.Export(ctx, e.stdout)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %s\n", stats)
	return nil
}

// cmdImport loads an archive into an empty database and re-creates the
// jobs of deliveries that were pending.
func cmdImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", "import FILE")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("import takes one archive file, written by `briefbot export`")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.Database, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	stats, err := st.Import(ctx, f, store.ImportOptions{PrepareChatStores: matrix.PrepareStores(st)})
	if err != nil {
		return err
	}
	d, err := bot.NewDelivery(ctx, st, bot.DeliveryOptions{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	dels, err := st.Deliveries(ctx)
	if err != nil {
		return err
	}
	jobs := 0
	for _, m := range dels {
		if m.Status != "pending" {
			continue
		}
		if err := st.WithTx(ctx, func(tx *sql.Tx) error { return d.EnqueueTx(ctx, tx, m) }); err != nil {
			return fmt.Errorf("re-creating the job of delivery %s: %w", m.Key, err)
		}
		jobs++
	}
	fmt.Fprintf(e.stderr, "imported %s; %d pending deliveries queued\n", stats, jobs)
	return nil
}
