//go:build goolm

package matrix_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mau.fi/util/dbutil"
	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto/cryptohelper"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
	_ "modernc.org/sqlite"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/matrix"
	"github.com/briefbot/briefbot/internal/dendrite"
	"github.com/briefbot/briefbot/internal/testnews"
	"github.com/briefbot/briefbot/store"
)

// newCryptoWorld is newWorld with end-to-end encryption on.
func newCryptoWorld(t *testing.T) *world {
	t.Helper()
	w := cryptoWorldOn(t, testnews.Store(t, store.Options{}))
	w.start()
	return w
}

// cryptoWorldOn is newCryptoWorld on the store st (seeded like
// testnews.Store's, e.g. one on PostgreSQL), not started yet: the
// caller may change w.opts first, then calls w.start.
func cryptoWorldOn(t *testing.T, st *store.Store) *world {
	t.Helper()
	ctx := context.Background()
	srv := dendrite.Shared(t)
	w := &world{t: t, srv: srv}
	w.st = st
	w.bot = testnews.Bot(t, st, bot.Options{})
	var err error
	if w.botID, err = srv.NewUser(ctx, "briefbot"); err != nil {
		t.Fatal(err)
	}
	if w.alice, err = srv.NewUser(ctx, "alice"); err != nil {
		t.Fatal(err)
	}
	w.opts = matrix.Options{Homeserver: srv.URL(), UserID: string(w.botID.ID), Password: w.botID.Password,
		Invites: []string{"@alice-*:localhost"}, Admins: []string{string(w.alice.ID)}, SubscribePowerLevel: 50,
		E2EE: true, Store: st, Bot: w.bot, Logger: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	t.Cleanup(w.halt)
	return w
}

// e2eeReader is a user's client with encryption (cryptohelper, goolm,
// its keys in a SQLite file through modernc), following its rooms.
type e2eeReader struct {
	cli  *mautrix.Client
	h    *cryptohelper.CryptoHelper
	mu   sync.Mutex
	wire map[id.EventID]string // event type as synced, before decryption
	msgs []*event.Event        // m.room.message events, decrypted ones included
}

func followEncrypted(t *testing.T, u *dendrite.User) *e2eeReader {
	t.Helper()
	ctx := context.Background()
	cli := u.Client
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "keys.db")+
		"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	db, err := dbutil.NewWithDB(raw, "sqlite3")
	if err != nil {
		t.Fatal(err)
	}
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	helper, err := cryptohelper.NewCryptoHelper(cli, key, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := helper.Init(ctx); err != nil {
		t.Fatal(err)
	}
	cli.Crypto = helper
	r := &e2eeReader{cli: cli, h: helper, wire: map[id.EventID]string{}}
	s := cli.Syncer.(*mautrix.DefaultSyncer)
	s.OnEventType(event.EventEncrypted, func(_ context.Context, e *event.Event) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.wire[e.ID] = e.Type.Type
	})
	s.OnEventType(event.EventMessage, func(_ context.Context, e *event.Event) {
		r.mu.Lock()
		defer r.mu.Unlock()
		if _, ok := r.wire[e.ID]; !ok {
			r.wire[e.ID] = e.Type.Type
		}
		r.msgs = append(r.msgs, e)
	})
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); _ = cli.SyncWithContext(sctx) }()
	t.Cleanup(func() { cancel(); <-done; raw.Close() })
	return r
}

// reply waits for from's notice in reply to cmd, decrypted.
func (r *e2eeReader) reply(t *testing.T, from id.UserID, cmd id.EventID) *event.Event {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		r.mu.Lock()
		for _, e := range r.msgs {
			c := e.Content.AsMessage()
			if e.Sender == from && c.MsgType == event.MsgNotice && c.RelatesTo != nil && c.RelatesTo.InReplyTo != nil && c.RelatesTo.InReplyTo.EventID == cmd {
				r.mu.Unlock()
				return e
			}
		}
		r.mu.Unlock()
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no decrypted reply to %s", cmd)
	return nil
}

func (r *e2eeReader) count(from id.UserID, body string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.msgs {
		if e.Sender == from && e.Content.AsMessage().Body == body {
			n++
		}
	}
	return n
}

func (r *e2eeReader) wireType(ev id.EventID) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.wire[ev]
}

// serverType is the type the homeserver holds for ev. Dendrite may
// answer 404 for a moment after the send returned.
func serverType(t *testing.T, u *dendrite.User, room id.RoomID, ev id.EventID) string {
	t.Helper()
	var e struct {
		Type string `json:"type"`
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := u.Client.MakeRequest(context.Background(), "GET", u.Client.BuildClientURL("v3", "rooms", room, "event", ev), nil, &e)
		if err == nil {
			return e.Type
		}
		if !errors.Is(err, mautrix.MNotFound) || time.Now().After(deadline) {
			t.Fatalf("GET event %s: %v", ev, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func waitUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if ok() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting until %s", what)
}

// deviceKey is the Ed25519 key the server publishes for user's device.
func deviceKey(t *testing.T, asker *dendrite.User, user id.UserID, device id.DeviceID) id.Ed25519 {
	t.Helper()
	resp, err := asker.Client.QueryKeys(context.Background(), &mautrix.ReqQueryKeys{DeviceKeys: mautrix.DeviceKeysRequest{user: {device}}})
	if err != nil {
		t.Fatal(err)
	}
	return resp.DeviceKeys[user][device].Keys.GetEd25519(device)
}

// encryptedRoom makes an encrypted room of alice's (m.megolm.v1) and
// waits until the bot joined it and alice's client knows it did: her
// client shares her session with the devices it knows are in the room.
func encryptedRoom(t *testing.T, w *world, r *e2eeReader) id.RoomID {
	t.Helper()
	ctx := context.Background()
	resp, err := w.alice.Client.CreateRoom(ctx, &mautrix.ReqCreateRoom{Preset: "private_chat", Invite: []id.UserID{w.botID.ID},
		InitialState: []*event.Event{{Type: event.StateEncryption, Content: event.Content{Parsed: &event.EncryptionEventContent{Algorithm: id.AlgorithmMegolmV1}}}}})
	if err != nil {
		t.Fatal(err)
	}
	room := resp.RoomID
	w.waitJoined(room)
	waitUntil(t, "alice's client sees the bot in the encrypted room", func() bool {
		enc, _ := r.cli.StateStore.IsEncrypted(ctx, room)
		m, _ := r.cli.StateStore.GetMember(ctx, room, w.botID.ID)
		return enc && m != nil && m.Membership == event.MembershipJoin
	})
	return room
}

func TestCryptoEncryptedRoom(t *testing.T) {
	w := newCryptoWorld(t)
	ctx := context.Background()
	dev := w.a.Client().DeviceID
	botKey := deviceKey(t, w.alice, w.botID.ID, dev)
	if dev == "" || botKey == "" {
		t.Fatalf("the bot's device %q has no published keys", dev)
	}
	r := followEncrypted(t, w.alice)

	room := encryptedRoom(t, w, r)

	ask := func(cmd, want string) time.Duration { return askEncrypted(t, w, r, room, cmd, want) }
	t.Logf("first encrypted command answered in %v", ask("!brief topics", "border-developments"))
	t.Logf("second encrypted command answered in %v", ask("!brief status", ""))
	// A burst: answers are encrypted concurrently, all on the store's
	// one write connection.
	var burst []id.EventID
	for range 8 {
		burst = append(burst, say(t, w.alice, room, "!brief sources"))
	}
	for _, ev := range burst {
		if c := r.reply(t, w.botID.ID, ev).Content.AsMessage(); !strings.Contains(c.Body, "Wire") {
			t.Errorf("burst reply %q", c.Body)
		}
	}

	// A command whose key comes after it (a sender that shared its
	// session late): decrypted when the key arrives, and answered then,
	// not at the next sync.
	late := encryptedRoom(t, w, r)
	mach := r.h.Machine()
	if err := mach.ShareGroupSession(ctx, late, []id.UserID{w.alice.ID}); err != nil {
		t.Fatal(err)
	}
	// The session key as shared at index 0, before the command used it.
	ogs, err := mach.CryptoStore.GetOutboundGroupSession(ctx, late)
	if err != nil || ogs == nil {
		t.Fatalf("alice's session: %v, %v", ogs, err)
	}
	roomKey := ogs.ShareContent()
	enc, err := mach.EncryptMegolmEvent(ctx, late, event.EventMessage, &event.MessageEventContent{MsgType: event.MsgText, Body: "!brief topics"})
	if err != nil {
		t.Fatal(err)
	}
	sent, err := w.alice.Client.SendMessageEvent(ctx, late, event.EventEncrypted, enc)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // the bot sees it and waits for its key
	botDev, err := mach.GetOrFetchDevice(ctx, w.botID.ID, dev)
	if err != nil {
		t.Fatal(err)
	}
	keyAt := time.Now()
	if err := mach.SendEncryptedToDevice(ctx, botDev, event.ToDeviceRoomKey, roomKey); err != nil {
		t.Fatal(err)
	}
	if c := r.reply(t, w.botID.ID, sent.EventID).Content.AsMessage(); !strings.Contains(c.Body, "border-developments") {
		t.Errorf("late-key command: reply %q", c.Body)
	}
	t.Logf("command with a late key answered %v after its key was sent", time.Since(keyAt))

	// A room without encryption still gets answers in clear text.
	plain, err := w.alice.Client.CreateRoom(ctx, &mautrix.ReqCreateRoom{Preset: "private_chat", Invite: []id.UserID{w.botID.ID}})
	if err != nil {
		t.Fatal(err)
	}
	w.waitJoined(plain.RoomID)
	ev := say(t, w.alice, plain.RoomID, "!brief topics")
	if c := r.reply(t, w.botID.ID, ev); r.wireType(c.ID) != "m.room.message" || !strings.Contains(c.Content.AsMessage().Body, "border-developments") {
		t.Errorf("plain room reply (%s): %q", r.wireType(c.ID), c.Content.AsMessage().Body)
	}

	// The keys live in briefbot's database.
	var accounts int
	if err := w.st.DB().QueryRowContext(ctx, `SELECT count(*) FROM crypto_account`).Scan(&accounts); err != nil || accounts != 1 {
		t.Errorf("crypto_account rows: %d, %v", accounts, err)
	}
	pk, err := w.st.Meta(ctx, "matrix.pickle_key")
	if err != nil || pk == "" {
		t.Errorf("no pickle key in meta: %v", err)
	}

	// Restart: same device, same identity, still answering.
	restartKeepsDevice(t, w, dev)
	if got := deviceKey(t, w.alice, w.botID.ID, dev); got != botKey {
		t.Errorf("identity key after restart %s, want %s", got, botKey)
	}
	if pk2, _ := w.st.Meta(ctx, "matrix.pickle_key"); pk2 != pk {
		t.Error("the pickle key changed across the restart")
	}
	t.Logf("command after restart answered in %v", ask("!brief sources", "Wire"))

	// Encrypted sends keep their transaction ids: the same delivery key
	// twice is one event.
	payload := w.a.Render(bot.Response{Text: "encrypted once"})[0]
	ref1, err := w.a.Post(ctx, matrix.Prefix+string(room), "", payload, "e2ee:idem")
	if err != nil {
		t.Fatal(err)
	}
	ref2, err := w.a.Post(ctx, matrix.Prefix+string(room), "", payload, "e2ee:idem")
	if err != nil {
		t.Fatal(err)
	}
	if ref1 != ref2 {
		t.Errorf("the repeated send made a second event: %s, %s", ref1, ref2)
	}
	if typ := serverType(t, w.alice, room, id.EventID(ref1)); typ != "m.room.encrypted" {
		t.Errorf("the post went out as %s", typ)
	}
	waitUntil(t, "alice decrypts the post", func() bool { return r.count(w.botID.ID, "encrypted once") > 0 })
	time.Sleep(300 * time.Millisecond)
	if n := r.count(w.botID.ID, "encrypted once"); n != 1 {
		t.Errorf("alice got the post %d times", n)
	}

	// Another pickle key cannot open the stored account: New fails
	// rather than making a new identity for the device.
	w.halt()
	other := make([]byte, 32)
	_, _ = rand.Read(other)
	t.Setenv(matrix.PickleKeyEnv, base64.StdEncoding.EncodeToString(other))
	if _, err := matrix.New(ctx, w.opts); err == nil || !strings.Contains(err.Error(), matrix.PickleKeyEnv) {
		t.Errorf("New with another pickle key: %v", err)
	} else {
		t.Logf("with another pickle key: %v", err)
	}
	t.Setenv(matrix.PickleKeyEnv, "short")
	if _, err := matrix.New(ctx, w.opts); err == nil || !strings.Contains(err.Error(), "base64") {
		t.Errorf("New with a malformed pickle key: %v", err)
	}
}

// Encryption turned on for a bot already in an encrypted room: the
// room's state is loaded at start, so the answer is encrypted.
func TestCryptoEnabledLater(t *testing.T) {
	w := newWorld(t, false) // no encryption yet
	r := followEncrypted(t, w.alice)
	room := encryptedRoom(t, w, r)
	w.halt()
	w.opts.E2EE = true
	w.start()
	ev := say(t, w.alice, room, "!brief topics")
	reply := r.reply(t, w.botID.ID, ev)
	if typ := serverType(t, w.alice, room, reply.ID); typ != "m.room.encrypted" {
		t.Errorf("the answer went out as %s", typ)
	}
	if c := reply.Content.AsMessage(); !strings.Contains(c.Body, "border-developments") {
		t.Errorf("reply %q", c.Body)
	}
}

// askEncrypted sends cmd as alice in the encrypted room and waits for the
// bot's reply: both go encrypted over the wire and on the homeserver, the
// reply decrypts to a notice containing want. It returns the round trip.
func askEncrypted(t *testing.T, w *world, r *e2eeReader, room id.RoomID, cmd, want string) time.Duration {
	t.Helper()
	start := time.Now()
	ev := say(t, w.alice, room, cmd)
	if typ := serverType(t, w.alice, room, ev); typ != "m.room.encrypted" {
		t.Fatalf("alice's command went out as %s", typ)
	}
	reply := r.reply(t, w.botID.ID, ev)
	took := time.Since(start)
	if typ := r.wireType(reply.ID); typ != "m.room.encrypted" {
		t.Errorf("the reply arrived as %q, not m.room.encrypted", typ)
	}
	if typ := serverType(t, w.alice, room, reply.ID); typ != "m.room.encrypted" {
		t.Errorf("the homeserver holds the reply as %s", typ)
	}
	if reply.Mautrix.EventSource&event.SourceDecrypted == 0 {
		t.Errorf("the reply was not decrypted: %+v", reply.Mautrix)
	}
	if c := reply.Content.AsMessage(); c.MsgType != event.MsgNotice || !strings.Contains(c.Body, want) {
		t.Errorf("%s: reply %q lacks %q", cmd, c.Body, want)
	}
	return took
}

// restartKeepsDevice stops and starts the bot and checks it comes back
// with the same device.
func restartKeepsDevice(t *testing.T, w *world, dev id.DeviceID) {
	t.Helper()
	w.halt()
	start := time.Now()
	w.start()
	t.Logf("restart (matrix.New with crypto on %s) took %v", w.st.Dialect(), time.Since(start))
	if got := w.a.Client().DeviceID; got != dev {
		t.Errorf("device after restart %s, want %s", got, dev)
	}
}
