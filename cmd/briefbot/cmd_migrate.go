package main

import (
	"context"
	"fmt"

	"github.com/briefbot/briefbot/store"
)

// cmdMigrate brings the database's schema up to date (up, the default)
// or tells how far it is (status). `run` migrates at start too; on
// PostgreSQL several replicas starting at once migrate one at a time.
func cmdMigrate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "migrate", "migrate [up|status]")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	sub := "up"
	if len(pos) > 0 {
		sub = pos[0]
	}
	if len(pos) > 1 || (sub != "up" && sub != "status") {
		return usageErr("migrate takes up or status (got %q)", pos)
	}
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	before, latest, err := store.SchemaStatus(ctx, cfg.Database)
	if err != nil {
		return err
	}
	if sub == "status" {
		if before >= latest {
			fmt.Fprintf(e.stdout, "schema version %d of %d: up to date\n", before, latest)
		} else {
			fmt.Fprintf(e.stdout, "schema version %d of %d: %d migrations pending (run `briefbot migrate up`)\n", before, latest, latest-before)
		}
		return nil
	}
	st, err := store.Open(ctx, cfg.Database, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	if before >= latest {
		fmt.Fprintf(e.stdout, "schema version %d: up to date\n", latest)
	} else {
		fmt.Fprintf(e.stdout, "migrated the schema from version %d to %d\n", before, latest)
	}
	return nil
}
