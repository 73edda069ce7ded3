package store

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/feeds"
)

// An archive moves everything: importing it into an empty database and
// exporting again gives the same rows; search works on the imported
// items; a database holding data refuses an import.
func TestExportImportRoundTrip(t *testing.T) {
	backends(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		a, clk := open(t)
		src, err := a.AddSource(ctx, SourceSpec{Name: "Wire", URL: "https://wire.example/feed", Tags: []string{"official"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.SaveItems(ctx, src.ID, []feeds.Item{
			item("k1", "https://news.example/1", "Drone strike on Shebekino", "A drone struck Shebekino.", clk.t.Add(-time.Hour)),
			item("k2", "https://news.example/2", "Беспилотник над Белгородом", "Беспилотник сбит над Белгородом.", clk.t.Add(-2*time.Hour)),
		}); err != nil {
			t.Fatal(err)
		}
		// An edit leaves history.
		clk.t = clk.t.Add(time.Minute)
		if _, err := a.SaveItems(ctx, src.ID, []feeds.Item{item("k1", "https://news.example/1", "Drone strike on Shebekino injures two", "A drone struck Shebekino, injuring two.", clk.t.Add(-time.Hour))}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := a.Subscribe(ctx, Subscription{Channel: "matrix:!r:hs", Target: "border-developments", Schedule: "hourly", NextRun: clk.t.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if err := a.AddFilters(ctx, []Filter{{Channel: "matrix:!r:hs", Topic: "border-developments", Mode: "exclude", Term: "drill"}}); err != nil {
			t.Fatal(err)
		}
		if err := a.SetMeta(ctx, "matrix.session", `{"device_id":"DEV"}`); err != nil {
			t.Fatal(err)
		}
		var first bytes.Buffer
		stats, err := a.Export(ctx, &first)
		if err != nil {
			t.Fatal(err)
		}
		if stats["items"] != 2 || stats["item_history"] == 0 || stats["subscriptions"] != 1 || stats["filters"] != 1 {
			t.Errorf("exported %v", stats)
		}

		b, _ := open(t)
		if _, err := b.Import(ctx, bytes.NewReader(first.Bytes()), ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		var second bytes.Buffer
		if _, err := b.Export(ctx, &second); err != nil {
			t.Fatal(err)
		}
		rows := func(buf bytes.Buffer) string { _, body, _ := strings.Cut(buf.String(), "\n"); return body }
		if rows(first) != rows(second) {
			t.Errorf("rows differ after a round trip:\n%s\n---\n%s", rows(first), rows(second))
		}
		for _, word := range []string{"Shebekino", "Белгородом"} {
			got, err := b.Items(ctx, ItemQuery{Search: word})
			if err != nil || len(got) != 1 {
				t.Errorf("search %q in the imported database: %d items, %v", word, len(got), err)
			}
		}
		if v, _ := b.Meta(ctx, "matrix.session"); v != `{"device_id":"DEV"}` {
			t.Errorf("meta not carried: %q", v)
		}
		// A database holding data refuses; a bad archive is a clear error.
		if _, err := a.Import(ctx, bytes.NewReader(first.Bytes()), ImportOptions{}); !errors.Is(err, ErrNotEmpty) {
			t.Errorf("import into a full database: %v", err)
		}
		c, _ := open(t)
		for _, bad := range []string{"", "not json\n", `{"format":"briefbot-export","version":99}` + "\n"} {
			if _, err := c.Import(ctx, strings.NewReader(bad), ImportOptions{}); err == nil {
				t.Errorf("archive %q accepted", bad)
			}
		}
		// Encryption keys need their tables prepared first.
		withKeys := strings.Replace(first.String(), `"tables":[`, `"tables":["crypto_account",`, 1)
		if _, err := c.Import(ctx, strings.NewReader(withKeys), ImportOptions{}); err == nil || !strings.Contains(err.Error(), "encryption") {
			t.Errorf("archive with keys imported without preparing their tables: %v", err)
		}
	})
}
