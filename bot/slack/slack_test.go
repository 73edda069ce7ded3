package slack_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	bslack "github.com/briefbot/briefbot/bot/slack"
	"github.com/briefbot/briefbot/bot/slack/slackfake"
	"github.com/briefbot/briefbot/digest"
	"github.com/briefbot/briefbot/internal/testnews"
	"github.com/briefbot/briefbot/store"
)

const (
	desk    = "C0DESK"
	gone    = "C0GONE"
	admin   = "U0ADMIN"
	analyst = "U0ANALYST"
)

// env is an adapter on a fake Slack, with a store of a few reports.
type env struct {
	fake *slackfake.Server
	st   *store.Store
	bot  *bot.Bot
	a    *bslack.Adapter
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	fake := slackfake.New(slackfake.Options{
		Channels: []slackfake.Channel{{ID: desk, Name: "desk", Member: true}, {ID: gone, Name: "gone", Member: true, Archived: true}, {ID: slackfake.DMChannelID(analyst), IM: true, Member: true, Members: []string{analyst}}},
		Users:    map[string]slackfake.User{admin: {Name: "ada", IsAdmin: true}, analyst: {Name: "ana"}},
	})
	t.Cleanup(fake.Close)
	st := testnews.Store(t, store.Options{})
	b := testnews.Bot(t, st, bot.Options{})
	a, err := bslack.New(ctx, bslack.Options{BotToken: slackfake.DefaultBotToken, AppToken: slackfake.DefaultAppToken, APIURL: fake.APIURL(), Store: st, Bot: b, Pace: -1,
		Logger: slog.New(slog.NewTextHandler(testLog{t}, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return &env{fake: fake, st: st, bot: b, a: a}
}

// socket runs the adapter over the fake's Socket Mode.
func (e *env) socket(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.a.RunSocketMode(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("socket mode: %v", err)
		}
	})
	wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
	defer wcancel()
	if err := e.fake.WaitConnections(wctx, 1); err != nil {
		t.Fatal(err)
	}
}

func waitMessages(t *testing.T, fake *slackfake.Server, channel string, n int) []slackfake.Message {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	msgs, err := fake.WaitMessages(ctx, channel, n)
	if err != nil {
		t.Fatalf("waiting for %d messages in %s: %v (have %d)", n, channel, err, len(fake.Messages(channel)))
	}
	return msgs
}

func TestSocketModeCommands(t *testing.T) {
	e := newEnv(t)
	e.socket(t)
	ctx := context.Background()
	// A lookup: acknowledged at once, answered ephemerally through the
	// response_url.
	cmd := e.fake.NewSlashCommand(desk, analyst, "/brief", "latest border-developments")
	start := time.Now()
	if _, err := e.fake.SendSlashCommand(ctx, cmd); err != nil {
		t.Fatal(err)
	}
	if ack := time.Since(start); ack > 3*time.Second {
		t.Errorf("ack took %v", ack)
	}
	msgs := waitMessages(t, e.fake, desk, 1)
	if m := msgs[0]; !m.Ephemeral || m.Via != "response_url" || !strings.Contains(blocks(m), "Shebekino") {
		t.Errorf("latest answer: %+v", m)
	}
	// A subscription change is posted in the channel.
	if _, err := e.fake.SendSlashCommand(ctx, e.fake.NewSlashCommand(desk, analyst, "/brief", "subscribe border-developments hourly")); err != nil {
		t.Fatal(err)
	}
	msgs = waitMessages(t, e.fake, desk, 2)
	if m := msgs[1]; m.Ephemeral || !strings.Contains(blocks(m), "Subscribed slack:"+desk) {
		t.Errorf("subscribe answer: %+v", m)
	}
	// A non-admin may not add sources; an unknown command gets a usage line.
	for i, text := range []string{"sources add https://example.org/feed", "lates"} {
		if _, err := e.fake.SendSlashCommand(ctx, e.fake.NewSlashCommand(desk, analyst, "/brief", text)); err != nil {
			t.Fatal(err)
		}
		m := waitMessages(t, e.fake, desk, 3+i)[2+i]
		want := []string{"Only admins may add sources", "did you mean"}[i]
		if !m.Ephemeral || !strings.Contains(blocks(m), want) {
			t.Errorf("%q: %+v", text, m)
		}
	}
	// A command Slack redelivers (same trigger id) is answered once.
	again := e.fake.NewSlashCommand(desk, analyst, "/brief", "topics")
	for range 2 {
		if _, err := e.fake.SendSlashCommand(ctx, again); err != nil {
			t.Fatal(err)
		}
	}
	waitMessages(t, e.fake, desk, 5)
	time.Sleep(300 * time.Millisecond)
	if n := len(e.fake.Messages(desk)); n != 5 {
		t.Errorf("%d messages after a redelivered command, want 5", n)
	}
}

func TestSocketModeReconnectLosesNothing(t *testing.T) {
	e := newEnv(t)
	e.socket(t)
	ctx := context.Background()
	if _, err := e.fake.SendSlashCommand(ctx, e.fake.NewSlashCommand(desk, analyst, "/brief", "topics")); err != nil {
		t.Fatal(err)
	}
	waitMessages(t, e.fake, desk, 1)
	if err := e.fake.DropConnection(); err != nil {
		t.Fatal(err)
	}
	// Sent while the connection is down: it waits for the new connection,
	// and is answered once.
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := e.fake.SendSlashCommand(wctx, e.fake.NewSlashCommand(desk, analyst, "/brief", "sources")); err != nil {
		t.Fatal(err)
	}
	if n := e.fake.Connections(); n < 2 {
		t.Errorf("%d connections: the client did not reconnect", n)
	}
	msgs := waitMessages(t, e.fake, desk, 2)
	time.Sleep(300 * time.Millisecond)
	if n := len(e.fake.Messages(desk)); n != 2 || !strings.Contains(blocks(msgs[1]), "Wire") {
		t.Errorf("after the reconnect: %d messages: %+v", n, msgs)
	}
}

func TestMentionsAndDirectMessages(t *testing.T) {
	e := newEnv(t)
	e.socket(t)
	ctx := context.Background()
	mention := e.fake.AppMention(desk, analyst, "<@"+slackfake.DefaultBotUserID+"> digest alliance-statements")
	if _, err := e.fake.SendEvent(ctx, mention); err != nil {
		t.Fatal(err)
	}
	m := waitMessages(t, e.fake, desk, 1)[0]
	if m.ThreadTS == "" || !strings.Contains(blocks(m), "NATO") || *m.UnfurlLinks {
		t.Errorf("answer to a mention: thread %q, unfurl %v:\n%s", m.ThreadTS, *m.UnfurlLinks, m.Blocks)
	}
	if _, err := e.fake.SendEvent(ctx, e.fake.DirectMessage(analyst, "topics")); err != nil {
		t.Fatal(err)
	}
	dm := waitMessages(t, e.fake, slackfake.DMChannelID(analyst), 1)
	if !strings.Contains(blocks(dm[0]), "border-developments") || dm[0].Ephemeral {
		t.Errorf("answer to a DM: %+v", dm)
	}
}

func TestPostsAndErrors(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	d, err := e.bot.BuildDigest(ctx, bslack.Prefix+desk, "border-developments", bot.Window{SeenSince: time.Now().Add(-24 * time.Hour), SeenUntil: time.Now().Add(time.Minute)}, 0)
	if err != nil {
		t.Fatal(err)
	}
	parts := e.a.Render(bot.Response{Digest: &d})
	ref, err := e.a.Post(ctx, bslack.Prefix+desk, "", parts[0], "k1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.a.Post(ctx, bslack.Prefix+desk, ref, e.a.Render(bot.Response{Text: "Update: <https://second.example/a>"})[0], "k2"); err != nil {
		t.Fatal(err)
	}
	msgs := e.fake.Messages(desk)
	if len(msgs) != 2 || msgs[0].UnfurlLinks == nil || *msgs[0].UnfurlLinks || !strings.Contains(blocks(msgs[0]), digest.SlackActionSources) {
		t.Fatalf("digest post: %+v", msgs)
	}
	if msgs[1].ThreadTS != ref || !strings.Contains(blocks(msgs[1]), "<https://second.example/a>") {
		t.Errorf("update not in the digest's thread, or its link lost: %+v", msgs[1])
	}
	if err := e.a.Edit(ctx, bslack.Prefix+desk, ref, e.a.Render(bot.Response{Text: "edited"})[0]); err != nil {
		t.Errorf("edit: %v", err)
	}

	var rl *bot.RateLimitError
	e.fake.Inject(slackfake.Rule{Method: "chat.postMessage", RetryAfter: 7})
	if _, err := e.a.Post(ctx, bslack.Prefix+desk, "", parts[0], "k3"); !errors.As(err, &rl) || rl.RetryAfter != 7*time.Second {
		t.Errorf("429 with Retry-After: %v", err)
	}
	e.fake.Inject(slackfake.Rule{Method: "chat.postMessage"})
	if _, err := e.a.Post(ctx, bslack.Prefix+desk, "", parts[0], "k4"); !errors.As(err, &rl) || rl.RetryAfter <= 0 {
		t.Errorf("429 without Retry-After: %v", err)
	}
	var pe *bot.PermanentError
	for _, ch := range []string{gone, "C0NOWHERE"} {
		if _, err := e.a.Post(ctx, bslack.Prefix+ch, "", parts[0], "k5"); !errors.As(err, &pe) {
			t.Errorf("post to %s: %v, want a permanent error", ch, err)
		}
	}
	// Workspace admins count as admins; others don't.
	if ok, err := e.a.IsAdmin(ctx, bslack.Prefix+desk, admin); !ok || err != nil {
		t.Errorf("workspace admin: %v %v", ok, err)
	}
	if ok, _ := e.a.IsAdmin(ctx, bslack.Prefix+desk, analyst); ok {
		t.Error("a plain member is an admin")
	}
}

// A scheduled digest through the delivery engine: posted once in Block
// Kit; a channel that is gone pauses its subscriptions and is reported
// to the admin channel.
func TestScheduledDeliveries(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	for _, ch := range []string{desk, gone} {
		if _, _, err := e.st.Subscribe(ctx, store.Subscription{Channel: bslack.Prefix + ch, Target: "border-developments", Schedule: "hourly",
			NextRun: time.Now(), Cursor: time.Now().Add(-24 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	d, err := bot.NewDelivery(ctx, e.st, bot.DeliveryOptions{Platforms: map[string]bot.Platform{"slack": e.a}, AdminChannel: bslack.Prefix + desk,
		PollInterval: 20 * time.Millisecond, PostTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer d.Stop(ctx)
	e.fake.Inject(slackfake.Rule{Method: "chat.postMessage", RetryAfter: 1})
	s := &bot.Scheduler{Bot: e.bot, Delivery: d}
	if n, err := s.RunDue(ctx, time.Now().Add(10*time.Second)); n != 2 || err != nil {
		t.Fatalf("RunDue = %d, %v", n, err)
	}
	msgs := waitMessages(t, e.fake, desk, 2)
	var digests, reports int
	for _, m := range msgs {
		switch {
		case strings.Contains(blocks(m), "Shebekino"):
			digests++
		case strings.Contains(blocks(m), "paused the subscriptions of slack:"+gone):
			reports++
		}
	}
	if digests != 1 || reports != 1 {
		t.Errorf("%d digests and %d admin reports in %s, want 1 each", digests, reports, desk)
	}
	subs, _ := e.st.Subscriptions(ctx, store.SubscriptionQuery{Channel: bslack.Prefix + gone})
	if len(subs) != 1 || !subs[0].Paused() || !strings.Contains(subs[0].PausedReason, "is_archived") {
		t.Errorf("the archived channel's subscription: %+v", subs)
	}
}

type testLog struct{ t *testing.T }

func (w testLog) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// blocks is a message's blocks as JSON without HTML escaping, for
// matching text in them.
func blocks(m slackfake.Message) string {
	var v any
	if err := json.Unmarshal(m.Blocks, &v); err != nil {
		return string(m.Blocks)
	}
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return sb.String()
}
