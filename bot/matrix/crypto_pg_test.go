//go:build goolm

package matrix_test

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"maunium.net/go/mautrix/crypto/cryptohelper"
	"maunium.net/go/mautrix/id"

	"github.com/briefbot/briefbot/internal/pgtest"
	"github.com/briefbot/briefbot/internal/testnews"
	"github.com/briefbot/briefbot/store"
)

// The key store on a PostgreSQL store: the bot answers in an encrypted
// room, keeps its device and identity across a restart, and its Olm and
// Megolm keys and room state are rows of the PostgreSQL database, seen
// through a connection of the test's own.
func TestCryptoOnPostgres(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.NewDB(t)
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if d := st.Dialect(); d != "postgres" {
		t.Fatalf("store dialect %q, want postgres", d)
	}
	testnews.Seed(t, st, time.Now())

	w := cryptoWorldOn(t, st)
	warnings := recordWarnings(&w.opts.Logger)
	w.start()
	dev := w.a.Client().DeviceID
	account := string(w.botID.ID) + "/" + string(dev)
	botKey := deviceKey(t, w.alice, w.botID.ID, dev)
	identity := ownIdentity(t, w)
	if dev == "" || botKey == "" || identity == "" {
		t.Fatalf("the bot's device %q has no keys (published %q, identity %q)", dev, botKey, identity)
	}
	r := followEncrypted(t, w.alice)
	room := encryptedRoom(t, w, r)

	ask := func(cmd, want string) time.Duration { return askEncrypted(t, w, r, room, cmd, want) }
	t.Logf("first encrypted command answered in %v", ask("!brief topics", "border-developments"))
	// A burst: answers encrypted concurrently, on PostgreSQL's pool of
	// several connections (SQLite has one writer).
	var burst []id.EventID
	for range 8 {
		burst = append(burst, say(t, w.alice, room, "!brief sources"))
	}
	for _, ev := range burst {
		if c := r.reply(t, w.botID.ID, ev).Content.AsMessage(); !strings.Contains(c.Body, "Wire") {
			t.Errorf("burst reply %q", c.Body)
		}
	}

	// The keys are in the PostgreSQL database: asked through a
	// connection of our own, not the store's pool.
	pgCount := func(what, query string, args ...any) int {
		t.Helper()
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		var n int
		if err := conn.QueryRow(ctx, query, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return n
	}
	var tables []string
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := conn.Query(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND (table_name LIKE 'crypto\_%' OR table_name LIKE 'mx\_%') ORDER BY table_name`)
	if err == nil {
		tables, err = pgx.CollectRows(rows, pgx.RowTo[string])
	}
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("key store tables in PostgreSQL: %s", strings.Join(tables, " "))
	for _, want := range []string{"crypto_account", "crypto_olm_session", "crypto_megolm_inbound_session",
		"crypto_megolm_outbound_session", "crypto_device", "crypto_version", "mx_room_state", "mx_user_profile", "mx_version"} {
		if !slices.Contains(tables, want) {
			t.Errorf("no table %s in PostgreSQL", want)
		}
	}
	// mautrix's PostgreSQL schema (dbutil's postgres dialect, not its
	// SQLite one) has an enum type for memberships.
	if n := pgCount("enum", `SELECT count(*) FROM pg_type WHERE typname = 'membership' AND typtype = 'e'`); n != 1 {
		t.Errorf("no enum type membership: the state store's schema is not mautrix's PostgreSQL one")
	}
	if n := pgCount("accounts", `SELECT count(*) FROM crypto_account WHERE account_id = $1 AND device_id = $2 AND shared`, account, string(dev)); n != 1 {
		t.Errorf("shared crypto_account rows for %s: %d, want 1", account, n)
	}
	if n := pgCount("olm sessions", `SELECT count(*) FROM crypto_olm_session WHERE account_id = $1`, account); n == 0 {
		t.Error("no Olm session with alice's device in crypto_olm_session")
	}
	if n := pgCount("inbound sessions", `SELECT count(*) FROM crypto_megolm_inbound_session WHERE account_id = $1 AND room_id = $2`, account, string(room)); n == 0 {
		t.Error("no inbound Megolm session (alice's) for the room")
	}
	if n := pgCount("outbound sessions", `SELECT count(*) FROM crypto_megolm_outbound_session WHERE account_id = $1 AND room_id = $2`, account, string(room)); n != 1 {
		t.Errorf("outbound Megolm sessions (the bot's) for the room: %d, want 1", n)
	}
	if n := pgCount("room state", `SELECT count(*) FROM mx_room_state WHERE room_id = $1 AND encryption->>'algorithm' = $2`, string(room), string(id.AlgorithmMegolmV1)); n != 1 {
		t.Errorf("mx_room_state rows saying the room is encrypted: %d, want 1", n)
	}
	if n := pgCount("members", `SELECT count(*) FROM mx_user_profile WHERE room_id = $1 AND membership = 'join'`, string(room)); n != 2 {
		t.Errorf("joined members of the room in mx_user_profile: %d, want 2", n)
	}
	pk, err := st.Meta(ctx, "matrix.pickle_key")
	if err != nil || pk == "" {
		t.Errorf("no pickle key in meta: %v", err)
	}

	// Restart: same device, same identity (loaded from PostgreSQL, not
	// made anew), still answering.
	restartKeepsDevice(t, w, dev)
	if got := ownIdentity(t, w); got != identity {
		t.Errorf("identity key after restart %s, want %s", got, identity)
	}
	if got := deviceKey(t, w.alice, w.botID.ID, dev); got != botKey {
		t.Errorf("published signing key after restart %s, want %s", got, botKey)
	}
	if pk2, _ := st.Meta(ctx, "matrix.pickle_key"); pk2 != pk {
		t.Error("the pickle key changed across the restart")
	}
	if n := pgCount("accounts", `SELECT count(*) FROM crypto_account`); n != 1 {
		t.Errorf("crypto_account rows after the restart: %d, want 1", n)
	}
	t.Logf("command after restart answered in %v", ask("!brief status", ""))
	t.Logf("second command after restart answered in %v", ask("!brief sources", "Wire"))
	w.halt()

	if ws := warnings(); len(ws) > 0 {
		t.Errorf("the adapter logged %d warnings or errors:\n%s", len(ws), strings.Join(ws, "\n"))
	}
}

// ownIdentity is the Curve25519 identity key of the adapter's Olm account.
func ownIdentity(t *testing.T, w *world) id.IdentityKey {
	t.Helper()
	h, ok := w.a.Client().Crypto.(*cryptohelper.CryptoHelper)
	if !ok || h == nil {
		t.Fatalf("the adapter's client has no crypto helper: %T", w.a.Client().Crypto)
	}
	return h.Machine().OwnIdentity().IdentityKey
}

// recordWarnings makes *l also keep its warnings and errors, returned
// by the function it returns.
func recordWarnings(l **slog.Logger) func() []string {
	rec := &warnRecorder{}
	*l = slog.New(warnHandler{Handler: (*l).Handler(), rec: rec})
	return func() []string {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		return append([]string(nil), rec.lines...)
	}
}

type warnRecorder struct {
	mu    sync.Mutex
	lines []string
}

type warnHandler struct {
	slog.Handler
	rec   *warnRecorder
	attrs []slog.Attr
}

func (h warnHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelWarn {
		var b strings.Builder
		fmt.Fprintf(&b, "%s %s", r.Level, r.Message)
		for _, a := range h.attrs {
			fmt.Fprintf(&b, " %s", a)
		}
		r.Attrs(func(a slog.Attr) bool { fmt.Fprintf(&b, " %s", a); return true })
		h.rec.mu.Lock()
		h.rec.lines = append(h.rec.lines, b.String())
		h.rec.mu.Unlock()
	}
	return h.Handler.Handle(ctx, r)
}

func (h warnHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return warnHandler{Handler: h.Handler.WithAttrs(as), rec: h.rec, attrs: append(append([]slog.Attr(nil), h.attrs...), as...)}
}

func (h warnHandler) WithGroup(name string) slog.Handler {
	return warnHandler{Handler: h.Handler.WithGroup(name), rec: h.rec, attrs: h.attrs}
}
