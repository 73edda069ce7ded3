package dendrite_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"github.com/briefbot/briefbot/internal/dendrite"
)

func TestMain(m *testing.M) { dendrite.Main(m) }

func newUser(t *testing.T, srv *dendrite.Server, prefix string) *dendrite.User {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	u, err := srv.NewUser(ctx, prefix)
	if err != nil {
		t.Fatal(err)
	}
	if u.Client.DeviceID == "" || u.Client.DeviceID == "shared_secret_registration" {
		t.Fatalf("NewUser gave device %q, want a device of its own", u.Client.DeviceID)
	}
	return u
}

func createRoom(t *testing.T, ctx context.Context, cli *mautrix.Client) id.RoomID {
	t.Helper()
	resp, err := cli.CreateRoom(ctx, &mautrix.ReqCreateRoom{Preset: "private_chat", Name: "test"})
	if err != nil {
		t.Fatal("create room:", err)
	}
	return resp.RoomID
}

// messages returns the m.room.message events in roomID in a sync response,
// with their content parsed (a raw sync request leaves content unparsed).
func messages(resp *mautrix.RespSync, roomID id.RoomID) []*event.Event {
	var out []*event.Event
	if room := resp.Rooms.Join[roomID]; room != nil {
		for _, evt := range room.Timeline.Events {
			if evt.Type == event.EventMessage {
				_ = evt.Content.ParseRaw(evt.Type) // on error AsMessage is empty and the test fails
				out = append(out, evt)
			}
		}
	}
	return out
}

// TestSendSameTxnIDOnce checks Dendrite's transaction-ID idempotency: the same
// PUT /send/.../TXN twice yields one event, seen once by another member.
func TestSendSameTxnIDOnce(t *testing.T) {
	srv := dendrite.Shared(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	a, b := newUser(t, srv, "alice"), newUser(t, srv, "bob")

	roomID := createRoom(t, ctx, a.Client)
	if _, err := a.Client.InviteUser(ctx, roomID, &mautrix.ReqInviteUser{UserID: b.ID}); err != nil {
		t.Fatal("invite:", err)
	}
	if _, err := b.Client.JoinRoomByID(ctx, roomID); err != nil {
		t.Fatal("join:", err)
	}
	// Dendrite applies the join asynchronously: sync until the room shows.
	var first *mautrix.RespSync
	for deadline := time.Now().Add(10 * time.Second); ; {
		var err error
		if first, err = b.Client.FullSyncRequest(ctx, mautrix.ReqSync{}); err != nil {
			t.Fatal("initial sync:", err)
		}
		if _, ok := first.Rooms.Join[roomID]; ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("bob's syncs lack the joined room %s", roomID)
		}
		time.Sleep(50 * time.Millisecond)
	}

	content := &event.MessageEventContent{MsgType: event.MsgText, Body: "hello once"}
	var eventIDs []id.EventID
	for range 2 {
		resp, err := a.Client.SendMessageEvent(ctx, roomID, event.EventMessage, content, mautrix.ReqSendEvent{TransactionID: "fixed-txn-1"})
		if err != nil {
			t.Fatal("send:", err)
		}
		eventIDs = append(eventIDs, resp.EventID)
	}
	if eventIDs[0] != eventIDs[1] {
		t.Errorf("same transaction ID gave two event IDs: %v", eventIDs)
	}

	// Long-poll until the message arrives, then once more briefly to catch
	// a late duplicate.
	var seen []*event.Event
	since := first.NextBatch
	for len(seen) == 0 && ctx.Err() == nil {
		resp, err := b.Client.FullSyncRequest(ctx, mautrix.ReqSync{Since: since, Timeout: 10000})
		if err != nil {
			t.Fatal("sync:", err)
		}
		seen = append(seen, messages(resp, roomID)...)
		since = resp.NextBatch
	}
	resp, err := b.Client.FullSyncRequest(ctx, mautrix.ReqSync{Since: since, Timeout: 1000})
	if err != nil {
		t.Fatal("sync:", err)
	}
	seen = append(seen, messages(resp, roomID)...)
	if len(seen) != 1 {
		t.Fatalf("bob saw %d messages, want exactly 1: %+v", len(seen), seen)
	}
	if seen[0].ID != eventIDs[0] || seen[0].Sender != a.ID || seen[0].Content.AsMessage().Body != "hello once" {
		t.Errorf("bob saw %s from %s %q, want %s from %s", seen[0].ID, seen[0].Sender, seen[0].Content.AsMessage().Body, eventIDs[0], a.ID)
	}
}

// TestFaultProxy shows what a mautrix client sees when the homeserver answers
// 429 or 500, through the fault proxy.
//
// What it pins down about mautrix v0.32.0:
//   - mautrix.NewClient sets DefaultHTTPRetries to 0, so by default nothing is
//     retried: a 429 comes back at once as a mautrix.HTTPError (a value, so
//     errors.As needs a *mautrix.HTTPError target) whose RespError has ErrCode
//     M_LIMIT_EXCEEDED and ExtraData["retry_after_ms"]; errors.Is(err,
//     mautrix.MLimitExceeded) holds.
//   - With DefaultHTTPRetries > 0 (and IgnoreRateLimit false) it retries 429
//     and 502/503/504 itself, re-sending the same transaction ID. It waits for
//     the Retry-After header (seconds or HTTP date) if present, else
//     DefaultHTTPBackoff (4 s unless set), doubling per retry, capped by
//     MaxHTTPBackoff (10 min): it ignores the body's retry_after_ms.
//   - 500 is never retried.
func TestFaultProxy(t *testing.T) {
	srv := dendrite.Shared(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	u := newUser(t, srv, "proxied")
	roomID := createRoom(t, ctx, u.Client)

	proxy := dendrite.NewFaultProxy(srv.URL())
	defer proxy.Close()
	// viaProxy returns a client of u talking to the proxy, with mautrix's
	// defaults unless retries is positive.
	viaProxy := func(retries int, backoff time.Duration) *mautrix.Client {
		cli, err := mautrix.NewClient(proxy.URL(), u.ID, u.Client.AccessToken)
		if err != nil {
			t.Fatal(err)
		}
		cli.DeviceID = u.Client.DeviceID
		if retries > 0 {
			cli.DefaultHTTPRetries, cli.DefaultHTTPBackoff = retries, backoff
		}
		return cli
	}
	send := func(cli *mautrix.Client, txnID string) (*mautrix.RespSendEvent, error) {
		return cli.SendMessageEvent(ctx, roomID, event.EventMessage,
			&event.MessageEventContent{MsgType: event.MsgText, Body: txnID},
			mautrix.ReqSendEvent{TransactionID: txnID})
	}

	t.Run("429 surfaces without retries by default", func(t *testing.T) {
		cli := viaProxy(0, 0)
		if cli.DefaultHTTPRetries != 0 {
			t.Fatalf("NewClient's DefaultHTTPRetries = %d, want 0", cli.DefaultHTTPRetries)
		}
		proxy.Inject(dendrite.LimitExceeded(1, 1500*time.Millisecond, false).On(http.MethodPut, "/send/"))
		_, err := send(cli, "txn-429-default")
		var httpErr mautrix.HTTPError
		if !errors.As(err, &httpErr) || httpErr.RespError == nil {
			t.Fatalf("send error = %v (%T), want a mautrix.HTTPError with a RespError", err, err)
		}
		if httpErr.Response.StatusCode != http.StatusTooManyRequests || httpErr.RespError.ErrCode != "M_LIMIT_EXCEEDED" {
			t.Errorf("got HTTP %d %s, want 429 M_LIMIT_EXCEEDED", httpErr.Response.StatusCode, httpErr.RespError.ErrCode)
		}
		if !errors.Is(err, mautrix.MLimitExceeded) {
			t.Error("errors.Is(err, mautrix.MLimitExceeded) = false")
		}
		if ms := httpErr.RespError.ExtraData["retry_after_ms"]; ms != float64(1500) {
			t.Errorf("retry_after_ms = %v, want 1500", ms)
		}
		if wait, ok := dendrite.RetryAfter(err); !ok || wait != 1500*time.Millisecond {
			t.Errorf("RetryAfter = %v, %v; want 1.5s, true", wait, ok)
		}
		if n := proxy.Count(http.MethodPut, "/txn-429-default"); n != 1 {
			t.Errorf("proxy saw %d PUTs of the transaction, want 1 (no retry)", n)
		}
		// The rule is used up: the same transaction now reaches Dendrite.
		if _, err := send(cli, "txn-429-default"); err != nil {
			t.Fatal("second send:", err)
		}
		if n := proxy.Count(http.MethodPut, "/txn-429-default"); n != 2 {
			t.Errorf("proxy saw %d PUTs of the transaction, want 2", n)
		}
	})

	t.Run("with retries mautrix obeys Retry-After", func(t *testing.T) {
		cli := viaProxy(2, 50*time.Millisecond)
		proxy.Inject(dendrite.LimitExceeded(1, time.Second, true).On(http.MethodPut, "/send/"))
		start := time.Now()
		if _, err := send(cli, "txn-429-header"); err != nil {
			t.Fatal("send with retries:", err)
		}
		if elapsed := time.Since(start); elapsed < 900*time.Millisecond {
			t.Errorf("retried after %s, want about the 1 s of Retry-After", elapsed)
		}
		if n := proxy.Count(http.MethodPut, "/txn-429-header"); n != 2 {
			t.Errorf("proxy saw %d PUTs of the transaction, want 2 (same txn ID re-sent)", n)
		}
	})

	t.Run("with retries mautrix ignores retry_after_ms", func(t *testing.T) {
		cli := viaProxy(2, 50*time.Millisecond)
		proxy.Inject(dendrite.LimitExceeded(1, 5*time.Second, false).On(http.MethodPut, "/send/"))
		start := time.Now()
		if _, err := send(cli, "txn-429-body"); err != nil {
			t.Fatal("send with retries:", err)
		}
		if elapsed := time.Since(start); elapsed > 2*time.Second {
			t.Errorf("retried after %s: mautrix now honours retry_after_ms (5 s)?", elapsed)
		}
		if n := proxy.Count(http.MethodPut, "/txn-429-body"); n != 2 {
			t.Errorf("proxy saw %d PUTs of the transaction, want 2", n)
		}
	})

	t.Run("500 is not retried", func(t *testing.T) {
		cli := viaProxy(2, 50*time.Millisecond)
		proxy.Inject(dendrite.ServerError(1).On(http.MethodPut, "/send/"))
		_, err := send(cli, "txn-500")
		var httpErr mautrix.HTTPError
		if !errors.As(err, &httpErr) || !httpErr.IsStatus(http.StatusInternalServerError) {
			t.Fatalf("send error = %v, want HTTP 500", err)
		}
		if n := proxy.Count(http.MethodPut, "/txn-500"); n != 1 {
			t.Errorf("proxy saw %d PUTs, want 1", n)
		}
	})

	t.Run("long-poll sync passes through", func(t *testing.T) {
		cli := viaProxy(0, 0)
		first, err := cli.FullSyncRequest(ctx, mautrix.ReqSync{})
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		var got []*event.Event
		go func() {
			since := first.NextBatch
			for len(got) == 0 && ctx.Err() == nil {
				resp, err := cli.FullSyncRequest(ctx, mautrix.ReqSync{Since: since, Timeout: 10000})
				if err != nil {
					done <- err
					return
				}
				got = append(got, messages(resp, roomID)...)
				since = resp.NextBatch
			}
			done <- ctx.Err()
		}()
		// Wait until the proxy holds a long poll with no answer yet.
		for pending := false; !pending; time.Sleep(20 * time.Millisecond) {
			if ctx.Err() != nil {
				t.Fatal("no long poll reached the proxy")
			}
			for _, r := range proxy.Requests() {
				if strings.HasSuffix(r.Path, "/sync") && r.Status == 0 {
					pending = true
				}
			}
		}
		start := time.Now()
		if _, err := u.Client.SendText(ctx, roomID, "wake up"); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatal("sync via proxy:", err)
		}
		if elapsed := time.Since(start); elapsed > 5*time.Second {
			t.Errorf("long poll answered after %s, want promptly", elapsed)
		}
		if got[0].Content.AsMessage().Body != "wake up" {
			t.Errorf("synced %q", got[0].Content.AsMessage().Body)
		}
	})
}

// TestRateLimitedServer shows what Dendrite's own rate limiting does.
// Dendrite v0.13.8 does not rate-limit sending events at all (the /send/
// route has no limiter), so a burst of sends succeeds; typing notifications
// are limited, answering 429 M_LIMIT_EXCEEDED with retry_after_ms and no
// Retry-After header.
func TestRateLimitedServer(t *testing.T) {
	srv := dendrite.SharedRateLimited(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	u := newUser(t, srv, "burst")
	roomID := createRoom(t, ctx, u.Client)

	for i := range 20 {
		if _, err := u.Client.SendText(ctx, roomID, "burst"); err != nil {
			t.Fatalf("send %d of a burst: %v (Dendrite v0.13.8 did not limit sends)", i, err)
		}
	}

	var limited error
	for i := 0; i < 30 && limited == nil; i++ {
		_, err := u.Client.UserTyping(ctx, roomID, true, 5*time.Second)
		if errors.Is(err, mautrix.MLimitExceeded) {
			limited = err
		} else if err != nil {
			t.Fatalf("typing %d: %v", i, err)
		}
	}
	if limited == nil {
		t.Fatal("30 typing notifications in a burst were never rate limited")
	}
	var httpErr mautrix.HTTPError
	if !errors.As(limited, &httpErr) || httpErr.Response.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("rate limit error = %v, want HTTP 429", limited)
	}
	if h := httpErr.Response.Header.Get("Retry-After"); h != "" {
		t.Errorf("Dendrite sent Retry-After %q; it did not before", h)
	}
	if wait, ok := dendrite.RetryAfter(limited); !ok || wait != 500*time.Millisecond {
		t.Errorf("RetryAfter = %v, %v; want the configured cooloff 500ms, true", wait, ok)
	}

	// A client with retries rides the limit out on its fallback backoff
	// (Dendrite sends no Retry-After header).
	cli, err := mautrix.NewClient(srv.URL(), u.ID, u.Client.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	cli.DeviceID = u.Client.DeviceID
	cli.DefaultHTTPRetries, cli.DefaultHTTPBackoff = 4, 300*time.Millisecond
	for i := range 10 {
		if _, err := cli.UserTyping(ctx, roomID, true, 5*time.Second); err != nil {
			t.Fatalf("typing %d with retries: %v", i, err)
		}
	}
}

// TestStartFailureShowsLog checks that a Dendrite that dies at start is
// reported with the tail of its log.
func TestStartFailureShowsLog(t *testing.T) {
	installed := dendrite.BinDir()
	bin := t.TempDir()
	for _, name := range []string{"generate-keys", "generate-config"} {
		if _, err := os.Stat(filepath.Join(installed, name)); err != nil {
			t.Skip("Dendrite not installed:", err)
		}
		if err := os.Symlink(filepath.Join(installed, name), filepath.Join(bin, name)); err != nil {
			t.Fatal(err)
		}
	}
	fake := "#!/bin/sh\necho 'fake dendrite: cannot start' >&2\nexit 3\n"
	if err := os.WriteFile(filepath.Join(bin, "dendrite"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("BRIEFBOT_DENDRITE_BIN", bin)
	dir := filepath.Join(t.TempDir(), "server")
	srv, err := dendrite.Start(context.Background(), dendrite.Options{Dir: dir})
	if err == nil {
		srv.Close()
		t.Fatal("Start succeeded with a dendrite that exits")
	}
	if !strings.Contains(err.Error(), "fake dendrite: cannot start") {
		t.Errorf("error lacks the log tail: %v", err)
	}
	if testing.Verbose() {
		t.Log(err)
	}
	if _, statErr := os.Stat(filepath.Join(dir, "dendrite.yaml")); statErr != nil {
		t.Errorf("a given Dir must be kept: %v", statErr)
	}
}
