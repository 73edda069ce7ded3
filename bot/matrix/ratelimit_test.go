package matrix_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix/event"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/matrix"
	"github.com/briefbot/briefbot/internal/dendrite"
	"github.com/briefbot/briefbot/store"
)

// behindProxy restarts w's adapter talking to Dendrite through a
// fault-injecting proxy (Dendrite itself never rate-limits sends).
func behindProxy(t *testing.T, w *world) *dendrite.FaultProxy {
	t.Helper()
	p := dendrite.NewFaultProxy(w.srv.URL())
	t.Cleanup(p.Close)
	w.halt()
	w.opts.Homeserver = p.URL()
	w.start()
	return p
}

func TestRateLimitsHonoured(t *testing.T) {
	w := newWorld(t, false)
	ctx := context.Background()
	r := follow(t, w.alice)
	room := w.room()
	w.waitJoined(room)
	p := behindProxy(t, w)
	channel := matrix.Prefix + string(room)
	payload := w.a.Render(bot.Response{Text: "hello"})[0]

	// retry_after_ms in the body, and the Retry-After header.
	for _, tc := range []struct {
		rule dendrite.Rule
		want time.Duration
	}{
		{dendrite.LimitExceeded(1, 1500*time.Millisecond, false), 1500 * time.Millisecond},
		{dendrite.LimitExceeded(1, 2*time.Second, true), 2 * time.Second},
	} {
		p.Inject(tc.rule.On("PUT", "/send/"))
		_, err := w.a.Post(ctx, channel, "", payload, "k-limit")
		var rl *bot.RateLimitError
		if !errors.As(err, &rl) || rl.RetryAfter != tc.want {
			t.Errorf("Post under a 429: %v; want a RateLimitError after %v", err, tc.want)
		}
	}
	// The retried send reuses its transaction id: one message, one event id.
	ref1, err := w.a.Post(ctx, channel, "", payload, "k-limit")
	if err != nil {
		t.Fatal(err)
	}
	ref2, err := w.a.Post(ctx, channel, "", payload, "k-limit")
	if err != nil || ref1 != ref2 {
		t.Errorf("a repeated send made a second event: %s, %s, %v", ref1, ref2, err)
	}
	// A send cut short may still have posted: Sent finds it by its key.
	if ref, ok, err := w.a.Sent(ctx, channel, "k-limit"); !ok || ref != ref1 || err != nil {
		t.Errorf("Sent(k-limit) = %s, %v, %v; want %s", ref, ok, err, ref1)
	}
	if _, ok, err := w.a.Sent(ctx, channel, "never-sent"); ok || err != nil {
		t.Errorf("Sent(never-sent) = %v, %v", ok, err)
	}
	txnPath := "/send/m.room.message/" + matrix.TxnID("k-limit")
	if n := p.Count("PUT", txnPath); n != 4 {
		t.Errorf("%d sends of the transaction, want 4 (2 refused, 2 accepted as one)", n)
	}

	// A command's answer waits out a 429 and arrives once.
	p.Inject(dendrite.LimitExceeded(1, 300*time.Millisecond, false).On("PUT", "/send/"))
	ev := say(t, w.alice, room, "!brief topics")
	r.replyTo(t, w.botID.ID, ev)

	// A scheduled digest under two 429s and a 500 is delivered once.
	if _, _, err := w.st.Subscribe(ctx, store.Subscription{Channel: channel, Target: "border-developments", Schedule: "hourly",
		NextRun: time.Now(), Cursor: time.Now().Add(-24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	p.Inject(dendrite.LimitExceeded(2, 200*time.Millisecond, false).On("PUT", "/send/"))
	p.Inject(dendrite.ServerError(1).On("PUT", "/send/"))
	s := w.scheduler(50 * time.Millisecond)
	if n, err := s.RunDue(ctx, time.Now().Add(10*time.Second)); n != 1 || err != nil {
		t.Fatalf("RunDue = %d, %v", n, err)
	}
	r.waitNotice(t, w.botID.ID, func(c *event.MessageEventContent) bool { return strings.Contains(c.Body, "Border developments") })
	time.Sleep(500 * time.Millisecond)
	n := 0
	for _, e := range r.notices(w.botID.ID) {
		if strings.Contains(e.Content.AsMessage().Body, "Border developments") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the digest arrived %d times", n)
	}
	// Recorded once the post returns; a post that timed out on a loaded
	// machine after Dendrite took it is retried (and dropped as a repeat).
	deadline := time.Now().Add(90 * time.Second)
	for {
		dels, _ := w.st.Deliveries(ctx)
		if len(dels) == 1 && dels[0].Status == "delivered" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("deliveries not recorded as delivered: %+v", dels)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
