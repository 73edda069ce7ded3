package matrix_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/matrix"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/internal/dendrite"
	"github.com/briefbot/briefbot/internal/pgtest"
	"github.com/briefbot/briefbot/internal/testnews"
	"github.com/briefbot/briefbot/store"
)

// TestMain stops the shared Dendrite and, for the tests on PostgreSQL,
// the shared PostgreSQL server after the tests.
func TestMain(m *testing.M) { dendrite.Main(pgtest.Wrap(m)) }

// world is one bot on a real Dendrite, with a store holding a few
// reports, and a human (alice) who may invite it.
type world struct {
	t     testing.TB
	srv   *dendrite.Server
	st    *store.Store
	bot   *bot.Bot
	botID *dendrite.User
	alice *dendrite.User
	opts  matrix.Options
	a     *matrix.Adapter
	stop  context.CancelFunc
	done  chan struct{}
	skew  atomic.Int64 // the store's clock runs this far ahead
}

func newWorld(t testing.TB, adminsOnly bool) *world {
	t.Helper()
	ctx := context.Background()
	srv := dendrite.Shared(t)
	w := &world{t: t, srv: srv}
	st := testnews.Store(t, store.Options{Now: func() time.Time { return time.Now().Add(time.Duration(w.skew.Load())) }})
	w.st = st
	w.bot = testnews.Bot(t, st, bot.Options{AdminsOnly: adminsOnly})
	var err error
	if w.botID, err = srv.NewUser(ctx, "briefbot"); err != nil {
		t.Fatal(err)
	}
	if w.alice, err = srv.NewUser(ctx, "alice"); err != nil {
		t.Fatal(err)
	}
	w.opts = matrix.Options{Homeserver: srv.URL(), UserID: string(w.botID.ID), Password: w.botID.Password,
		Invites: []string{"@alice-*:localhost"}, Admins: []string{string(w.alice.ID)}, SubscribePowerLevel: 50,
		Store: st, Bot: w.bot, Logger: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	w.start()
	t.Cleanup(w.halt)
	return w
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// start runs an adapter (a new one, as after a restart).
func (w *world) start() {
	w.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	a, err := matrix.New(ctx, w.opts)
	if err != nil {
		w.t.Fatal(err)
	}
	w.a, w.stop, w.done = a, cancel, make(chan struct{})
	go func() {
		defer close(w.done)
		if err := a.Run(ctx); err != nil {
			w.t.Errorf("adapter: %v", err)
		}
	}()
}

func (w *world) halt() {
	if w.stop != nil {
		w.stop()
		<-w.done
		w.stop = nil
	}
}

var testNow = time.Now()

// reader follows a user's rooms through /sync and keeps what arrives.
type reader struct {
	mu     sync.Mutex
	events []*event.Event
	at     map[id.EventID]time.Time
	cancel context.CancelFunc
	done   chan struct{}
}

func follow(t testing.TB, u *dendrite.User) *reader {
	t.Helper()
	cli, err := mautrix.NewClient(u.Client.HomeserverURL.String(), u.ID, u.Client.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	r := &reader{at: map[id.EventID]time.Time{}, done: make(chan struct{})}
	s := cli.Syncer.(*mautrix.DefaultSyncer)
	s.OnEventType(event.EventMessage, func(_ context.Context, e *event.Event) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.events = append(r.events, e)
		r.at[e.ID] = time.Now()
	})
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() { defer close(r.done); _ = cli.SyncWithContext(ctx) }()
	t.Cleanup(func() { cancel(); <-r.done })
	return r
}

// notices returns the bot's m.notice events so far.
func (r *reader) notices(from id.UserID) []*event.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*event.Event
	for _, e := range r.events {
		if e.Sender == from && e.Content.AsMessage().MsgType == event.MsgNotice {
			out = append(out, e)
		}
	}
	return out
}

// replyTo waits for the bot's reply to the command cmd.
func (r *reader) replyTo(t testing.TB, from id.UserID, cmd id.EventID) *event.Event {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		for _, e := range r.notices(from) {
			if rel := e.Content.AsMessage().RelatesTo; rel != nil && rel.InReplyTo != nil && rel.InReplyTo.EventID == cmd {
				return e
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no reply to %s", cmd)
	return nil
}

func (r *reader) repliesTo(from id.UserID, cmd id.EventID) int {
	n := 0
	for _, e := range r.notices(from) {
		if rel := e.Content.AsMessage().RelatesTo; rel != nil && rel.InReplyTo != nil && rel.InReplyTo.EventID == cmd {
			n++
		}
	}
	return n
}

func say(t testing.TB, u *dendrite.User, room id.RoomID, text string) id.EventID {
	t.Helper()
	resp, err := u.Client.SendText(context.Background(), room, text)
	if err != nil {
		t.Fatal(err)
	}
	return resp.EventID
}

// room makes a room of alice's and invites the bot.
func (w *world) room() id.RoomID {
	w.t.Helper()
	ctx := context.Background()
	resp, err := w.alice.Client.CreateRoom(ctx, &mautrix.ReqCreateRoom{Preset: "private_chat", Invite: []id.UserID{w.botID.ID}})
	if err != nil {
		w.t.Fatal(err)
	}
	return resp.RoomID
}

func (w *world) waitJoined(room id.RoomID) {
	w.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		members, err := w.alice.Client.JoinedMembers(context.Background(), room)
		if err == nil {
			if _, ok := members.Joined[w.botID.ID]; ok {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	w.t.Fatalf("the bot never joined %s", room)
}

func TestInviteJoinAndEveryCommand(t *testing.T) {
	w := newWorld(t, false)
	r := follow(t, w.alice)
	room := w.room()
	// A command sent right after the invite, before the bot joined, is
	// still answered.
	first := say(t, w.alice, room, "!brief help")
	w.waitJoined(room)
	help := r.replyTo(t, w.botID.ID, first)
	if c := help.Content.AsMessage(); c.MsgType != event.MsgNotice || c.Format != event.FormatHTML || !strings.Contains(c.Body, "subscribe") || c.FormattedBody == "" {
		t.Errorf("help reply: %+v", c)
	}

	var rtts []time.Duration
	ask := func(cmd string, want ...string) string {
		t.Helper()
		sent := time.Now()
		ev := say(t, w.alice, room, "!brief "+cmd)
		reply := r.replyTo(t, w.botID.ID, ev)
		rtts = append(rtts, r.arrival(reply.ID).Sub(sent))
		c := reply.Content.AsMessage()
		for _, s := range want {
			if !strings.Contains(c.Body, s) {
				t.Errorf("%q: reply lacks %q:\n%s", cmd, s, c.Body)
			}
		}
		if strings.Contains(c.FormattedBody, "<script") || c.MsgType != event.MsgNotice {
			t.Errorf("%q: reply not a sanitized notice: %+v", cmd, c)
		}
		return c.Body
	}
	ask("topics", "border-developments", "alliance-statements")
	ask("sources", "Wire")
	ask("status")
	latest := ask("latest border-developments", "Shebekino")
	ask("search Белгород", "Shebekino")
	sid := ""
	for _, line := range strings.Split(latest, "\n") {
		if strings.Contains(line, "Shebekino") {
			sid = regexp.MustCompile(`\bs[0-9a-f]{10}\b`).FindString(line)
		}
	}
	if sid == "" {
		t.Fatalf("no story id in latest:\n%s", latest)
	}
	ask("story "+sid, "https://news.example/shebekino")
	ask("subscribe border-developments daily 07:00 Europe/Kyiv", "Subscribed matrix:"+string(room))
	ask("subscriptions", "border-developments", "daily 07:00 Europe/Kyiv")
	ask("filter border-developments exclude drill", "drill")
	ask("watch kursk Суджа", "kursk")
	ask("latest kursk", "Sudzha")
	ask("unwatch kursk")
	ask("digest alliance-statements", "NATO")
	ask("sources add http://127.0.0.1:1/feed") // alice is an admin: tried, not refused
	ask("unsubscribe all", "Removed all 1 subscriptions")
	ask("lates", "did you mean")
	// Commands also work in any case and without words (help).
	ask("", "subscribe")
	if n := len(rtts); n > 0 {
		sort.Slice(rtts, func(i, j int) bool { return rtts[i] < rtts[j] })
		t.Logf("command round trip over %d commands: p50 %v, p95 %v", n, rtts[n/2], rtts[min(n-1, n*95/100)])
	}
	// Nothing was answered twice, and other messages were not answered.
	say(t, w.alice, room, "just chatting, !brief is a bot")
	time.Sleep(300 * time.Millisecond)
	seen := map[id.EventID]int{}
	for _, e := range r.notices(w.botID.ID) {
		if rel := e.Content.AsMessage().RelatesTo; rel != nil && rel.InReplyTo != nil {
			seen[rel.InReplyTo.EventID]++
		}
	}
	for ev, n := range seen {
		if n != 1 {
			t.Errorf("command %s answered %d times", ev, n)
		}
	}
	if len(seen) != len(rtts)+1 {
		t.Errorf("%d commands answered, want %d", len(seen), len(rtts)+1)
	}
}

func (r *reader) arrival(ev id.EventID) time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.at[ev]
}

func TestInviteFromStrangerRefused(t *testing.T) {
	w := newWorld(t, false)
	ctx := context.Background()
	mallory, err := w.srv.NewUser(ctx, "mallory")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := mallory.Client.CreateRoom(ctx, &mautrix.ReqCreateRoom{Preset: "private_chat", Invite: []id.UserID{w.botID.ID}})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		var m event.MemberEventContent
		if err := mallory.Client.StateEvent(ctx, resp.RoomID, event.StateMember, string(w.botID.ID), &m); err == nil && m.Membership == event.MembershipLeave {
			return // invite rejected
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Error("the bot neither rejected nor ignored mallory's invite in time")
}

func TestPowerLevelRefusal(t *testing.T) {
	w := newWorld(t, true)
	ctx := context.Background()
	bob, err := w.srv.NewUser(ctx, "bob")
	if err != nil {
		t.Fatal(err)
	}
	r := follow(t, w.alice)
	room := w.room()
	w.waitJoined(room)
	if _, err := w.alice.Client.InviteUser(ctx, room, &mautrix.ReqInviteUser{UserID: bob.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.Client.JoinRoomByID(ctx, room); err != nil {
		t.Fatal(err)
	}
	ev := say(t, bob, room, "!brief subscribe border-developments hourly")
	if body := r.replyTo(t, w.botID.ID, ev).Content.AsMessage().Body; !strings.Contains(body, "Only admins") {
		t.Errorf("bob (power level 0) changed the subscriptions: %s", body)
	}
	// Bob gets power level 50: now he may.
	var pl event.PowerLevelsEventContent
	if err := w.alice.Client.StateEvent(ctx, room, event.StatePowerLevels, "", &pl); err != nil {
		t.Fatal(err)
	}
	pl.SetUserLevel(bob.ID, 50)
	if _, err := w.alice.Client.SendStateEvent(ctx, room, event.StatePowerLevels, "", &pl); err != nil {
		t.Fatal(err)
	}
	ev = say(t, bob, room, "!brief subscribe border-developments hourly")
	if body := r.replyTo(t, w.botID.ID, ev).Content.AsMessage().Body; !strings.Contains(body, "Subscribed") {
		t.Errorf("bob at power level 50 refused: %s", body)
	}
	// Still no admin: sources stay closed to him.
	ev = say(t, bob, room, "!brief sources remove Wire")
	if body := r.replyTo(t, w.botID.ID, ev).Content.AsMessage().Body; !strings.Contains(body, "Only admins may remove sources") {
		t.Errorf("bob removed a source: %s", body)
	}
}

func TestRestartAnswersNothingTwice(t *testing.T) {
	w := newWorld(t, false)
	r := follow(t, w.alice)
	room := w.room()
	w.waitJoined(room)
	before := []id.EventID{say(t, w.alice, room, "!brief topics"), say(t, w.alice, room, "!brief sources")}
	for _, ev := range before {
		r.replyTo(t, w.botID.ID, ev)
	}
	w.halt()
	// Sent while the bot is down: answered after the restart.
	during := say(t, w.alice, room, "!brief status")
	w.start()
	r.replyTo(t, w.botID.ID, during)
	after := say(t, w.alice, room, "!brief help")
	r.replyTo(t, w.botID.ID, after)
	time.Sleep(500 * time.Millisecond)
	for _, ev := range append(before, during, after) {
		if n := r.repliesTo(w.botID.ID, ev); n != 1 {
			t.Errorf("command %s answered %d times across the restart", ev, n)
		}
	}
}

// The delivery engine posts a scheduled digest to a room; a later report
// of a story it carried goes into the digest's thread.
func TestScheduledDigestAndThreadUpdate(t *testing.T) {
	for _, sched := range []string{"hourly", "instant"} {
		t.Run(sched, func(t *testing.T) { testDigestAndThreadUpdate(t, sched) })
	}
}

// testDigestAndThreadUpdate: a digest (or an instant post) arrives as a
// top-level notice, and a new source of a story in it goes to its thread.
func testDigestAndThreadUpdate(t *testing.T, sched string) {
	w := newWorld(t, false)
	ctx := context.Background()
	r := follow(t, w.alice)
	room := w.room()
	w.waitJoined(room)
	channel := matrix.Prefix + string(room)
	if _, _, err := w.st.Subscribe(ctx, store.Subscription{Channel: channel, Target: "border-developments", Schedule: sched,
		NextRun: time.Now(), Cursor: time.Now().Add(-24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	s := w.scheduler(50 * time.Millisecond)
	start := time.Now()
	// Reports stored a moment ago are past the delivery's commit lag.
	if n, err := s.RunDue(ctx, time.Now().Add(10*time.Second)); n != 1 || err != nil {
		t.Fatalf("RunDue = %d, %v", n, err)
	}
	dig := r.waitNotice(t, w.botID.ID, func(c *event.MessageEventContent) bool { return strings.Contains(c.Body, "Shebekino") })
	t.Logf("digest reached the reader %v after it was scheduled", r.arrival(dig.ID).Sub(start))
	c := dig.Content.AsMessage()
	if c.Format != event.FormatHTML || !strings.Contains(c.FormattedBody, `<a href="https://news.example/shebekino"`) || c.RelatesTo != nil {
		t.Errorf("digest is not a top-level HTML notice with links: %+v", c)
	}
	// A minute later a second outlet reports the Shebekino strike.
	w.skew.Store(int64(time.Minute))
	src, err := w.st.AddSource(ctx, store.SourceSpec{Name: "Second Wire", URL: "https://second.example/feed"})
	if err != nil {
		t.Fatal(err)
	}
	link := "https://second.example/shebekino"
	if _, err := w.st.SaveItems(ctx, src.ID, []feeds.Item{{Key: "guid:s2", URL: link, Link: link, Lang: "en", Published: testNow.Add(-150 * time.Minute),
		Title: "Two hurt as drone hits car in Shebekino", Text: "A drone hit a car in Shebekino in the Belgorod region, injuring two people, the regional governor Vyacheslav Gladkov said."}}); err != nil {
		t.Fatal(err)
	}
	subs, _ := w.st.Subscriptions(ctx, store.SubscriptionQuery{Channel: channel})
	// Late enough for the report (seen "a minute later") to be inside
	// the window, and past the instant posts' once-a-minute pace.
	next := subs[0].NextRun
	if late := time.Now().Add(3 * time.Minute); next.Before(late) {
		next = late
	}
	if n, err := s.RunDue(ctx, next); n != 1 || err != nil {
		t.Fatalf("second RunDue = %d, %v", n, err)
	}
	upd := r.waitNotice(t, w.botID.ID, func(c *event.MessageEventContent) bool { return strings.Contains(c.Body, "second.example") })
	rel := upd.Content.AsMessage().RelatesTo
	if rel == nil || rel.Type != event.RelThread || rel.EventID != dig.ID {
		t.Errorf("update not in the digest's thread: %+v", rel)
	}
}

func (r *reader) waitNotice(t testing.TB, from id.UserID, ok func(*event.MessageEventContent) bool) *event.Event {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		for _, e := range r.notices(from) {
			if ok(e.Content.AsMessage()) {
				return e
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	var bodies []string
	for _, e := range r.notices(from) {
		bodies = append(bodies, e.Content.AsMessage().Body)
	}
	t.Fatalf("no such notice; got:\n%s", strings.Join(bodies, "\n---\n"))
	return nil
}

// Kicked: the room's subscriptions pause.
func TestKickPausesSubscriptions(t *testing.T) {
	w := newWorld(t, false)
	ctx := context.Background()
	r := follow(t, w.alice)
	room := w.room()
	w.waitJoined(room)
	ev := say(t, w.alice, room, "!brief subscribe border-developments hourly")
	r.replyTo(t, w.botID.ID, ev)
	if _, err := w.alice.Client.KickUser(ctx, room, &mautrix.ReqKickUser{UserID: w.botID.ID, Reason: "testing"}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		subs, _ := w.st.Subscriptions(ctx, store.SubscriptionQuery{Channel: matrix.Prefix + string(room)})
		if len(subs) == 1 && subs[0].Paused() && strings.Contains(subs[0].PausedReason, string(w.alice.ID)) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Error("subscriptions not paused after the kick")
}

// Upgraded room: the subscriptions follow to the new room.
func TestTombstoneMovesSubscriptions(t *testing.T) {
	w := newWorld(t, false)
	ctx := context.Background()
	r := follow(t, w.alice)
	room := w.room()
	w.waitJoined(room)
	r.replyTo(t, w.botID.ID, say(t, w.alice, room, "!brief subscribe border-developments hourly"))
	var up struct {
		ReplacementRoom id.RoomID `json:"replacement_room"`
	}
	if _, err := w.alice.Client.MakeRequest(ctx, "POST", w.alice.Client.BuildClientURL("v3", "rooms", room, "upgrade"), map[string]string{"new_version": "10"}, &up); err != nil {
		t.Fatalf("room upgrade: %v", err)
	}
	var newRoom id.RoomID
	var tomb event.TombstoneEventContent
	if err := w.alice.Client.StateEvent(ctx, room, event.StateTombstone, "", &tomb); err != nil {
		t.Fatal(err)
	}
	newRoom = tomb.ReplacementRoom
	// The new room is invite-only, as the old one: its owner invites the bot.
	if _, err := w.alice.Client.InviteUser(ctx, newRoom, &mautrix.ReqInviteUser{UserID: w.botID.ID}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		subs, _ := w.st.Subscriptions(ctx, store.SubscriptionQuery{Channel: matrix.Prefix + string(newRoom)})
		if len(subs) == 1 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Errorf("subscriptions did not move to %s", newRoom)
}

// Unit checks that need no server.
func TestTxnIDStable(t *testing.T) {
	if matrix.TxnID("digest:1:x") != matrix.TxnID("digest:1:x") || matrix.TxnID("a") == matrix.TxnID("b") {
		t.Error("transaction ids must follow the delivery key")
	}
}

func TestRenderTextNotice(t *testing.T) {
	a := &matrix.Adapter{}
	parts := a.Render(bot.Response{Text: "Found <b> @room\n• Title <https://x.example/a?b=1&c=2>"})
	if len(parts) != 1 {
		t.Fatalf("%d parts", len(parts))
	}
	var c map[string]any
	if err := json.Unmarshal([]byte(parts[0]), &c); err != nil {
		t.Fatal(err)
	}
	fb := fmt.Sprint(c["formatted_body"])
	for _, want := range []string{"&lt;b&gt;", `<a href="https://x.example/a?b=1&amp;c=2">`, "<br>", "@\u200droom"} {
		if !strings.Contains(fb, want) {
			t.Errorf("formatted_body %q lacks %q", fb, want)
		}
	}
	if c["msgtype"] != "m.notice" || strings.Contains(fmt.Sprint(c["body"]), "@room") {
		t.Errorf("content %v", c)
	}
	long := strings.Repeat("line of text\n", 5000)
	if parts := a.Render(bot.Response{Text: long}); len(parts) < 2 || !slices.ContainsFunc(parts, func(p string) bool { return len(p) < 64000 }) {
		t.Errorf("a long answer is not split: %d parts", len(parts))
	}
}

// A configured access token (no password) is used as is.
func TestAccessTokenLogin(t *testing.T) {
	w := newWorld(t, false)
	w.halt()
	w.opts.Password, w.opts.AccessToken = "", w.botID.Client.AccessToken
	w.start()
	r := follow(t, w.alice)
	room := w.room()
	w.waitJoined(room)
	r.replyTo(t, w.botID.ID, say(t, w.alice, room, "!brief topics"))
	if got := w.a.Client().DeviceID; got != w.botID.Client.DeviceID {
		t.Errorf("device %s, want the token's %s", got, w.botID.Client.DeviceID)
	}
	// A token of someone else's is refused with a clear error.
	o := w.opts
	o.AccessToken = w.alice.Client.AccessToken
	if _, err := matrix.New(context.Background(), o); err == nil || !strings.Contains(err.Error(), "belongs to") {
		t.Errorf("alice's token accepted for the bot: %v", err)
	}
}

// scheduler starts a delivery engine posting through w's adapter
// (stopped at the test's end) and returns a scheduler on it.
func (w *world) scheduler(poll time.Duration) *bot.Scheduler {
	w.t.Helper()
	ctx := context.Background()
	d, err := bot.NewDelivery(ctx, w.st, bot.DeliveryOptions{Platforms: map[string]bot.Platform{"matrix": w.a}, PollInterval: poll, PostTimeout: 5 * time.Second})
	if err != nil {
		w.t.Fatal(err)
	}
	if err := d.Start(ctx); err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { d.Stop(context.Background()) })
	return &bot.Scheduler{Bot: w.bot, Delivery: d}
}

// A homeserver that cannot be reached when briefbot starts (it is
// restarting with it) does not stop the adapter: New returns, a post
// fails so the delivery engine retries it, and once the homeserver
// answers the adapter logs in, answers what was said meanwhile, and
// posts. A refused login still fails at once.
func TestHomeserverDownAtStart(t *testing.T) {
	w := newWorld(t, false)
	r := follow(t, w.alice)
	room := w.room()
	w.waitJoined(room)
	w.halt()

	// Nothing listens on the homeserver's address yet.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	o := w.opts
	o.Homeserver = "http://" + addr
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, err := matrix.New(ctx, o)
	if err != nil {
		t.Fatalf("New with the homeserver down: %v", err)
	}
	payload := a.Render(bot.Response{Text: "posted once the homeserver is back"})[0]
	if _, err := a.Post(ctx, "matrix:"+string(room), "", payload, "down-at-start"); err == nil {
		t.Fatal("a post succeeded with the homeserver down")
	} else {
		var perm *bot.PermanentError
		if errors.As(err, &perm) {
			t.Fatalf("a post with the homeserver down failed for good: %v", err)
		}
	}
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	during := say(t, w.alice, room, "!brief topics")

	// The homeserver comes up at that address.
	target, _ := url.Parse(w.srv.URL())
	ln, err = net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("the address was taken meanwhile: %v", err)
	}
	proxy := &http.Server{Handler: httputil.NewSingleHostReverseProxy(target)}
	go proxy.Serve(ln)
	defer proxy.Close()

	r.replyTo(t, w.botID.ID, during)
	if _, err := a.Post(ctx, "matrix:"+string(room), "", payload, "down-at-start"); err != nil {
		t.Fatalf("a post once the homeserver is back: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}

	// A homeserver that answers and refuses the login is a config error.
	o.Homeserver, o.Password = w.srv.URL(), "not-the-password"
	if _, err := matrix.New(context.Background(), o); err == nil {
		t.Error("a wrong password was accepted")
	}
}
