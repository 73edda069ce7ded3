package slack_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/briefbot/briefbot/bot"
	slackbot "github.com/briefbot/briefbot/bot/slack"
	"github.com/briefbot/briefbot/bot/slack/slackfake"
	"github.com/briefbot/briefbot/digest"
	"github.com/briefbot/briefbot/internal/testnews"
	"github.com/briefbot/briefbot/store"
)

// Slack's documented signing example (../shared/docs/TESTING.md).
const (
	slackVectorSecret    = "8f742231b10e8888abcd99yyyzzz85a5"
	slackVectorTimestamp = 1531420618
	slackVectorBody      = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
	slackVectorSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
	slackVectorTrigger   = "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
)

const (
	httpSecret  = "test-signing-secret-0123456789abcdef"
	httpChannel = "C0NEWS"
	httpAlice   = "U0ALICE"
)

// httpWorld is an adapter in HTTP mode behind an httptest server, talking
// to a fake Slack, over a seeded SQLite store.
type httpWorld struct {
	t       testing.TB
	fake    *slackfake.Server
	st      *store.Store
	bot     *bot.Bot
	a       *slackbot.Adapter
	srv     *httptest.Server
	client  *http.Client
	guard   *httpGuard
	skew    atomic.Int64 // added to the adapter's clock
	secret  string
	drained sync.Once

	closeStore func() error
}

type httpWorldOptions struct {
	secret   string           // default httpSecret
	noSecret bool             // no signing secret at all
	now      func() time.Time // the adapter's clock; default time.Now plus skew
	quiet    bool             // no logs (benchmarks)
	// st and fake, when set, are shared with other worlds (replicas of
	// one installation); by default each world has its own.
	st   *store.Store
	fake *slackfake.Server
}

// httpGuard is the adapter's HTTP transport: only loopback hosts (tests
// may reach nothing else; Slack's example response_url is
// hooks.slack.com), and response_url posts held while hold is set.
type httpGuard struct {
	base http.RoundTripper
	mu   sync.Mutex
	hold chan struct{}
}

func (g *httpGuard) RoundTrip(r *http.Request) (*http.Response, error) {
	if h := r.URL.Hostname(); h != "127.0.0.1" && h != "::1" && h != "localhost" {
		return nil, fmt.Errorf("test transport: %s is not loopback", h)
	}
	if strings.HasPrefix(r.URL.Path, "/commands/") {
		g.mu.Lock()
		hold := g.hold
		g.mu.Unlock()
		if hold != nil {
			select {
			case <-hold:
			case <-r.Context().Done():
				return nil, r.Context().Err()
			}
		}
	}
	return g.base.RoundTrip(r)
}

// holdAnswers holds response_url posts until the returned func is called.
func (g *httpGuard) holdAnswers() (release func()) {
	ch := make(chan struct{})
	g.mu.Lock()
	g.hold = ch
	g.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			g.mu.Lock()
			g.hold = nil
			g.mu.Unlock()
			close(ch)
		})
	}
}

type httpTestWriter struct{ t testing.TB }

func (w httpTestWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

func newHTTPWorld(t testing.TB, o httpWorldOptions) *httpWorld {
	t.Helper()
	ctx := context.Background()
	w := &httpWorld{t: t, secret: o.secret}
	if w.secret == "" && !o.noSecret {
		w.secret = httpSecret
	}
	now := o.now
	if now == nil {
		now = func() time.Time { return time.Now().Add(time.Duration(w.skew.Load())) }
	}
	st := o.st
	if st == nil {
		st = testnews.Store(t, store.Options{})
	}
	w.st, w.closeStore = st, st.Close
	w.bot = testnews.Bot(t, st, bot.Options{})
	var err error

	w.fake = o.fake
	if w.fake == nil {
		w.fake = newHTTPFake(t)
	}

	base := http.DefaultTransport.(*http.Transport).Clone()
	base.MaxIdleConns, base.MaxIdleConnsPerHost = 0, 512 // keep every connection of a burst
	w.guard = &httpGuard{base: base}
	logger := slog.New(slog.DiscardHandler)
	if !o.quiet {
		logger = slog.New(slog.NewTextHandler(httpTestWriter{t}, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	w.a, err = slackbot.New(ctx, slackbot.Options{BotToken: slackfake.DefaultBotToken, SigningSecret: w.secret,
		APIURL: w.fake.APIURL(), Store: st, Bot: w.bot, Now: now, Logger: logger,
		HTTPClient: &http.Client{Transport: w.guard, Timeout: 30 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	w.srv = httptest.NewServer(w.a.Handler())
	ct := http.DefaultTransport.(*http.Transport).Clone()
	ct.MaxIdleConns, ct.MaxIdleConnsPerHost = 0, 512
	w.client = &http.Client{Transport: ct, Timeout: 30 * time.Second}
	t.Cleanup(w.drain)
	return w
}

// newHTTPFake is a fake Slack workspace with the news channel, alice and
// bob.
func newHTTPFake(t testing.TB) *slackfake.Server {
	fake := slackfake.New(slackfake.Options{
		Channels: []slackfake.Channel{{ID: httpChannel, Name: "news", Member: true}},
		Users:    map[string]slackfake.User{httpAlice: {Name: "alice"}, "U0BOB": {Name: "bob"}},
	})
	t.Cleanup(fake.Close)
	return fake
}

// drain stops the server, which waits for the requests in hand (and so
// for their hand-off to the adapter), then waits for the answers.
func (w *httpWorld) drain() {
	w.drained.Do(func() {
		w.srv.Close()
		w.a.Wait()
		w.client.CloseIdleConnections()
		w.guard.base.(*http.Transport).CloseIdleConnections()
	})
}

var httpTestNow = time.Now()

// httpResult is an answer of the handler.
type httpResult struct {
	status  int
	body    string
	header  http.Header
	elapsed time.Duration
}

// post sends body to path with the given headers (nil: none).
func (w *httpWorld) post(path, contentType, body string, h http.Header) httpResult {
	w.t.Helper()
	req, err := http.NewRequest(http.MethodPost, w.srv.URL+path, strings.NewReader(body))
	if err != nil {
		w.t.Fatal(err)
	}
	for k, v := range h {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", contentType)
	start := time.Now()
	resp, err := w.client.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		w.t.Fatal(err)
	}
	return httpResult{status: resp.StatusCode, body: string(b), header: resp.Header, elapsed: time.Since(start)}
}

const httpForm = "application/x-www-form-urlencoded"

// signed posts body to path signed with the world's secret at time at.
func (w *httpWorld) signed(path, contentType, body string, at time.Time) httpResult {
	w.t.Helper()
	return w.post(path, contentType, body, slackfake.Sign(w.secret, at, []byte(body)))
}

// command posts a signed slash command typed by alice in the news channel.
func (w *httpWorld) command(text string) (slackfake.SlashCommand, httpResult) {
	w.t.Helper()
	cmd := w.fake.NewSlashCommand(httpChannel, httpAlice, "/brief", text)
	return cmd, w.signed(slackbot.PathCommands, httpForm, slackfake.SlashCommandForm(cmd).Encode(), time.Now())
}

// seen tells whether the store recorded key (and records it if not).
func (w *httpWorld) seen(key string) bool {
	w.t.Helper()
	first, err := w.st.FirstTime(context.Background(), key)
	if err != nil {
		w.t.Fatal(err)
	}
	return !first
}

func httpWantAck(t testing.TB, what string, r httpResult) {
	t.Helper()
	if r.status != http.StatusOK || r.body != "" {
		t.Fatalf("%s: HTTP %d %q, want 200 with an empty body", what, r.status, r.body)
	}
}

func httpWantRefused(t testing.TB, what string, r httpResult, status int, reason string) {
	t.Helper()
	if r.status != status {
		t.Errorf("%s: HTTP %d %q, want %d", what, r.status, r.body, status)
		return
	}
	if reason != "" && !strings.Contains(r.body, reason) {
		t.Errorf("%s: body %q, want it to say %q", what, r.body, reason)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("%s: Content-Type %q, want text/plain", what, ct)
	}
	if len(r.body) > 200 {
		t.Errorf("%s: a long refusal (%d bytes)", what, len(r.body))
	}
}

func httpWaitCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestHTTPSlackSigningVector(t *testing.T) {
	w := newHTTPWorld(t, httpWorldOptions{secret: slackVectorSecret, now: func() time.Time { return time.Unix(slackVectorTimestamp, 0) }})
	h := http.Header{}
	h.Set("X-Slack-Request-Timestamp", fmt.Sprint(slackVectorTimestamp))
	h.Set("X-Slack-Signature", slackVectorSignature)

	httpWantAck(t, "Slack's example request", w.post(slackbot.PathCommands, httpForm, slackVectorBody, h))
	httpWantRefused(t, "the same request again", w.post(slackbot.PathCommands, httpForm, slackVectorBody, h), http.StatusUnauthorized, "replayed")
	// The same signature in upper-case hex is the same signature.
	up := h.Clone()
	up.Set("X-Slack-Signature", "v0="+strings.ToUpper(strings.TrimPrefix(slackVectorSignature, "v0=")))
	httpWantRefused(t, "the replay in upper case", w.post(slackbot.PathCommands, httpForm, slackVectorBody, up), http.StatusUnauthorized, "replayed")

	w.drain()
	// The command was handed to the adapter (its answer went nowhere:
	// hooks.slack.com is not reachable from tests, G8PSS9T3V is unknown).
	if !w.seen("slack.command:" + slackVectorTrigger) {
		t.Error("the example command was not taken")
	}
}

func TestHTTPRefusesBadRequests(t *testing.T) {
	w := newHTTPWorld(t, httpWorldOptions{})
	cmd := w.fake.NewSlashCommand(httpChannel, httpAlice, "/brief", "latest")
	body := slackfake.SlashCommandForm(cmd).Encode()
	now := time.Now()
	sign := func(secret string, at time.Time, b string) http.Header { return slackfake.Sign(secret, at, []byte(b)) }

	onlyStamp := sign(w.secret, now, body)
	onlyStamp.Del("X-Slack-Signature")
	onlySig := sign(w.secret, now, body)
	onlySig.Del("X-Slack-Request-Timestamp")
	v1 := sign(w.secret, now, body)
	v1.Set("X-Slack-Signature", strings.Replace(v1.Get("X-Slack-Signature"), "v0=", "v1=", 1))
	short := sign(w.secret, now, body)
	short.Set("X-Slack-Signature", short.Get("X-Slack-Signature")[:40])
	badStamp := sign(w.secret, now, body)
	badStamp.Set("X-Slack-Request-Timestamp", "yesterday")
	tampered := strings.Replace(body, "text=latest", "text=sources+add+https%3A%2F%2Fevil.example", 1)
	if tampered == body {
		t.Fatal("tampering changed nothing")
	}

	for _, c := range []struct {
		name   string
		body   string
		h      http.Header
		reason string
	}{
		{"unsigned", body, nil, "missing"},
		{"no signature", body, onlyStamp, "missing X-Slack-Signature"},
		{"no timestamp", body, onlySig, "missing X-Slack-Request-Timestamp"},
		{"stale (6 minutes old)", body, sign(w.secret, now.Add(-6*time.Minute), body), "stale"},
		{"future (6 minutes ahead)", body, sign(w.secret, now.Add(6*time.Minute), body), "future"},
		{"tampered body", tampered, sign(w.secret, now, body), "bad signature"},
		{"wrong secret", body, sign("not-the-secret", now, body), "bad signature"},
		{"other version", body, v1, "version"},
		{"truncated signature", body, short, "malformed"},
		{"malformed timestamp", body, badStamp, "malformed"},
	} {
		httpWantRefused(t, c.name, w.post(slackbot.PathCommands, httpForm, c.body, c.h), http.StatusUnauthorized, c.reason)
	}
	// Every route checks, before it parses.
	ev := string(w.fake.EventCallback(w.fake.AppMention(httpChannel, httpAlice, "<@U0FAKEBOT> latest")))
	httpWantRefused(t, "unsigned event", w.post(slackbot.PathEvents, "application/json", ev, nil), http.StatusUnauthorized, "")
	httpWantRefused(t, "stale event", w.post(slackbot.PathEvents, "application/json", ev, sign(w.secret, now.Add(-6*time.Minute), ev)), http.StatusUnauthorized, "stale")
	httpWantRefused(t, "unsigned url_verification", w.post(slackbot.PathEvents, "application/json", `{"type":"url_verification","challenge":"x"}`, nil), http.StatusUnauthorized, "")
	press := url.Values{"payload": {`{"type":"block_actions","trigger_id":"1.2.3","user":{"id":"U0ALICE"},"channel":{"id":"C0NEWS"},"actions":[{"action_id":"brief_sources","value":"s1"}]}`}}.Encode()
	httpWantRefused(t, "unsigned button press", w.post(slackbot.PathInteractive, httpForm, press, nil), http.StatusUnauthorized, "")
	httpWantRefused(t, "button press, wrong secret", w.post(slackbot.PathInteractive, httpForm, press, sign("nope", now, press)), http.StatusUnauthorized, "bad signature")
	// Signed but not Slack's: refused after the check.
	httpWantRefused(t, "signed, no payload", w.signed(slackbot.PathInteractive, httpForm, "foo=bar", now), http.StatusBadRequest, "")
	httpWantRefused(t, "signed, not JSON", w.signed(slackbot.PathEvents, "application/json", "{not json", now), http.StatusBadRequest, "")

	w.drain()
	for _, m := range []string{"response_url", "users.info", "chat.postMessage", "chat.postEphemeral"} {
		if n := w.fake.Calls(m); n != 0 {
			t.Errorf("%d calls of %s after refused requests", n, m)
		}
	}
	if msgs := w.fake.Messages(httpChannel); len(msgs) != 0 {
		t.Errorf("messages after refused requests: %+v", msgs)
	}
	if w.seen("slack.command:" + cmd.TriggerID) {
		t.Error("a refused command reached the adapter")
	}
}

func TestHTTPClockWindow(t *testing.T) {
	w := newHTTPWorld(t, httpWorldOptions{})
	for _, at := range []time.Duration{-4*time.Minute - 50*time.Second, 4*time.Minute + 50*time.Second} {
		cmd := w.fake.NewSlashCommand(httpChannel, httpAlice, "/brief", "help")
		httpWantAck(t, fmt.Sprintf("signed %v from now", at), w.signed(slackbot.PathCommands, httpForm, slackfake.SlashCommandForm(cmd).Encode(), time.Now().Add(at)))
	}
	// The window follows the adapter's clock, not the machine's.
	w.skew.Store(int64(10 * time.Minute))
	cmd := w.fake.NewSlashCommand(httpChannel, httpAlice, "/brief", "help")
	httpWantRefused(t, "signed now, adapter 10 minutes ahead", w.signed(slackbot.PathCommands, httpForm, slackfake.SlashCommandForm(cmd).Encode(), time.Now()), http.StatusUnauthorized, "stale")
	cmd = w.fake.NewSlashCommand(httpChannel, httpAlice, "/brief", "help")
	httpWantAck(t, "signed on the adapter's clock", w.signed(slackbot.PathCommands, httpForm, slackfake.SlashCommandForm(cmd).Encode(), time.Now().Add(10*time.Minute)))
	w.drain()
	if msgs := w.fake.Messages(httpChannel); len(msgs) != 3 {
		t.Errorf("%d answers, want 3", len(msgs))
	}
}

func TestHTTPURLVerification(t *testing.T) {
	w := newHTTPWorld(t, httpWorldOptions{})
	const challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
	r := w.signed(slackbot.PathEvents, "application/json", `{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"`+challenge+`","type":"url_verification"}`, time.Now())
	var got struct{ Challenge string }
	if r.status != http.StatusOK || json.Unmarshal([]byte(r.body), &got) != nil || got.Challenge != challenge {
		t.Fatalf("url_verification: HTTP %d %q", r.status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
}

func TestHTTPSlashCommandLatest(t *testing.T) {
	w := newHTTPWorld(t, httpWorldOptions{})
	// The answer is held: the ack must not wait for it.
	release := w.guard.holdAnswers()
	defer release()
	cmd, r := w.command("latest")
	httpWantAck(t, "/brief latest", r)
	if r.elapsed > 3*time.Second {
		t.Errorf("acknowledged in %v, Slack waits 3s", r.elapsed)
	}
	if msgs := w.fake.Messages(httpChannel); len(msgs) != 0 {
		t.Fatalf("answered before the ack: %+v", msgs)
	}
	release()
	msgs, err := w.fake.WaitMessages(httpWaitCtx(t), httpChannel, 1)
	if err != nil {
		t.Fatal(err)
	}
	w.drain()
	msgs = w.fake.Messages(httpChannel)
	for _, m := range msgs {
		if m.Via != "response_url" || !m.Ephemeral || m.User != httpAlice {
			t.Errorf("answer not ephemeral through the response_url: %+v", m)
		}
	}
	all := string(msgs[0].Blocks) + msgs[0].Text
	if !strings.Contains(all, "Shebekino") || !strings.Contains(all, digest.SlackActionSources) {
		t.Errorf("the latest stories are missing: %s", all)
	}
	if !w.seen("slack.command:" + cmd.TriggerID) {
		t.Error("the command id was not recorded")
	}
}

func TestHTTPSlashCommandSubscribe(t *testing.T) {
	w := newHTTPWorld(t, httpWorldOptions{})
	_, r := w.command("subscribe border-developments hourly")
	httpWantAck(t, "/brief subscribe", r)
	msgs, err := w.fake.WaitMessages(httpWaitCtx(t), httpChannel, 1)
	if err != nil {
		t.Fatal(err)
	}
	m := msgs[0]
	if m.Ephemeral || m.ResponseType != "in_channel" || !strings.Contains(m.Text+string(m.Blocks), "Subscribed") {
		t.Errorf("subscription answer not in the channel: %+v", m)
	}
	subs, err := w.st.Subscriptions(context.Background(), store.SubscriptionQuery{Channel: slackbot.Prefix + httpChannel})
	if err != nil || len(subs) != 1 || subs[0].Target != "border-developments" {
		t.Errorf("subscriptions %+v, %v", subs, err)
	}
}

// httpRememberMention tells the fake about a user's message the bot may
// answer in thread (SendEvent does it before its Socket Mode delivery,
// which is given up at once: no client is connected).
func httpRememberMention(fake *slackfake.Server, cb json.RawMessage) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _ = fake.SendEvent(ctx, cb)
}

func TestHTTPEventRetriedOnce(t *testing.T) {
	w := newHTTPWorld(t, httpWorldOptions{})
	mention := w.fake.AppMention(httpChannel, httpAlice, "<@"+slackfake.DefaultBotUserID+"> latest")
	cb := w.fake.EventCallback(mention)
	httpRememberMention(w.fake, cb)
	body := string(cb)
	now := time.Now()

	httpWantAck(t, "the event", w.signed(slackbot.PathEvents, "application/json", body, now))
	// Slack's retry: the same event_id, a new signature and timestamp.
	h := slackfake.Sign(w.secret, now.Add(2*time.Second), []byte(body))
	h.Set("X-Slack-Retry-Num", "1")
	h.Set("X-Slack-Retry-Reason", "http_timeout")
	httpWantAck(t, "the retried event", w.post(slackbot.PathEvents, "application/json", body, h))
	// The retry replayed as is is refused.
	httpWantRefused(t, "the retry replayed", w.post(slackbot.PathEvents, "application/json", body, h), http.StatusUnauthorized, "replayed")

	w.drain()
	msgs := w.fake.Messages(httpChannel)
	if len(msgs) != 1 {
		t.Fatalf("%d answers to one mention sent twice, want 1: %+v", len(msgs), msgs)
	}
	if m := msgs[0]; !m.Ephemeral || m.User != httpAlice || m.ThreadTS != mention["ts"] || !strings.Contains(string(m.Blocks), "Shebekino") {
		t.Errorf("answer %+v, want the latest stories to alice in the mention's thread", m)
	}
}

func TestHTTPInteractionSources(t *testing.T) {
	w := newHTTPWorld(t, httpWorldOptions{})
	ctx := context.Background()
	resp := w.bot.Handle(ctx, bot.Request{Channel: slackbot.Prefix + httpChannel, User: httpAlice, Text: "latest"})
	if resp.Digest == nil || len(resp.Digest.Topics) == 0 || len(resp.Digest.Topics[0].Stories) == 0 {
		t.Fatalf("no stories: %s", resp.Text)
	}
	var story digest.Story
	for _, s := range resp.Digest.Topics[0].Stories {
		if strings.Contains(s.Headline, "Shebekino") {
			story = s
		}
	}
	if story.ID == "" {
		t.Fatalf("no Shebekino story in %s", resp.Text)
	}
	payload, _ := json.Marshal(map[string]any{
		"type":         "block_actions",
		"team":         map[string]any{"id": slackfake.DefaultTeamID, "domain": slackfake.DefaultTeamDomain},
		"user":         map[string]any{"id": httpAlice, "username": "alice", "team_id": slackfake.DefaultTeamID},
		"api_app_id":   slackfake.DefaultAppID,
		"token":        "fake-verification-token",
		"container":    map[string]any{"type": "message", "message_ts": "1700000000.000100", "channel_id": httpChannel, "is_ephemeral": false},
		"trigger_id":   "4242.1337.cafe",
		"channel":      map[string]any{"id": httpChannel, "name": "news"},
		"message":      map[string]any{"type": "message", "ts": "1700000000.000100", "text": "Latest stories"},
		"response_url": w.fake.NewResponseURL(httpChannel, httpAlice),
		"actions": []map[string]any{{
			"action_id": digest.SlackActionSources, "block_id": "b1", "type": "button", "value": story.ID,
			"text": map[string]any{"type": "plain_text", "text": "Sources"}, "action_ts": "1700000001.000200",
		}},
	})
	body := url.Values{"payload": {string(payload)}}.Encode()
	httpWantAck(t, "Sources pressed", w.signed(slackbot.PathInteractive, httpForm, body, time.Now()))
	w.drain()
	msgs := w.fake.Messages(httpChannel)
	if len(msgs) != 1 {
		t.Fatalf("%d answers to a button press, want 1: %+v", len(msgs), msgs)
	}
	m := msgs[0]
	all := m.Text + string(m.Blocks)
	if m.Via != "response_url" || !m.Ephemeral || m.User != httpAlice || !strings.Contains(all, "https://news.example/shebekino") || !strings.Contains(all, "Wire") {
		t.Errorf("answer %+v, want the story's sources to alice alone", m)
	}
}

// Requests whose client hangs up at any point, some while waiting for
// their turn at the store, leave no turn taken: later requests and the
// hand-offs still go through.
func TestHTTPAbandonedRequests(t *testing.T) {
	w := newHTTPWorld(t, httpWorldOptions{quiet: true})
	var wg sync.WaitGroup
	for i := range 200 {
		cmd := w.fake.NewSlashCommand(httpChannel, httpAlice, "/brief", "help")
		body := slackfake.SlashCommandForm(cmd).Encode()
		h := slackfake.Sign(w.secret, time.Now(), []byte(body))
		h.Set("Content-Type", httpForm)
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(i%20)*250*time.Microsecond)
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.srv.URL+slackbot.PathCommands, strings.NewReader(body))
			if err != nil {
				t.Error(err)
				return
			}
			req.Header = h
			if resp, err := w.client.Do(req); err == nil {
				resp.Body.Close()
			}
		})
	}
	wg.Wait()
	_, r := w.command("help")
	httpWantAck(t, "a command after 200 abandoned ones", r)
	drained := make(chan struct{})
	go func() { w.drain(); close(drained) }()
	select {
	case <-drained:
	case <-time.After(20 * time.Second):
		t.Fatal("the hand-offs are stuck")
	}
	if n := w.fake.Calls("response_url"); n < 1 {
		t.Errorf("%d answers", n)
	}
}

// Signed requests Slack may send that are not commands to answer, and
// signed requests that are not Slack's.
func TestHTTPSignedOddities(t *testing.T) {
	w := newHTTPWorld(t, httpWorldOptions{})
	now := time.Now()
	for _, c := range []struct {
		name, path, ct, body string
		status               int
	}{
		{"ssl_check", slackbot.PathCommands, httpForm, "ssl_check=1&token=fake-verification-token", http.StatusOK},
		{"a command without a channel", slackbot.PathCommands, httpForm, "command=%2Fbrief&text=help&user_id=U0ALICE", http.StatusBadRequest},
		{"a malformed form", slackbot.PathCommands, httpForm, "command=%2Fbrief&text=%zz", http.StatusBadRequest},
		{"an event slack-go does not know", slackbot.PathEvents, "application/json", `{"type":"event_callback","event_id":"Ev0ODD","event":{"type":"made_up_event","ts":"1.2"}}`, http.StatusOK},
		{"app_rate_limited", slackbot.PathEvents, "application/json", `{"token":"x","type":"app_rate_limited","team_id":"T0FAKETEAM","minute_rate_limited":1518467820,"api_app_id":"A0FAKEAPP"}`, http.StatusOK},
		{"url_verification without a challenge", slackbot.PathEvents, "application/json", `{"type":"url_verification"}`, http.StatusBadRequest},
		{"a payload that is not JSON", slackbot.PathInteractive, httpForm, "payload=%7Bnope", http.StatusBadRequest},
		{"a view submission", slackbot.PathInteractive, httpForm, url.Values{"payload": {`{"type":"view_submission","trigger_id":"9.9.9","user":{"id":"U0ALICE"}}`}}.Encode(), http.StatusOK},
	} {
		if r := w.signed(c.path, c.ct, c.body, now); r.status != c.status {
			t.Errorf("%s: HTTP %d %q, want %d", c.name, r.status, r.body, c.status)
		}
	}
	w.drain()
	if n := w.fake.Calls("response_url") + w.fake.Calls("chat.postEphemeral") + w.fake.Calls("chat.postMessage"); n != 0 {
		t.Errorf("%d answers to requests that were not commands", n)
	}
}

// Without a signing secret nothing is taken: an empty key is no secret.
func TestHTTPNoSigningSecret(t *testing.T) {
	w := newHTTPWorld(t, httpWorldOptions{noSecret: true})
	_, r := w.command("help")
	httpWantRefused(t, "a command signed with the empty secret", r, http.StatusUnauthorized, "not configured")
}

// A replay check that cannot be made is not a pass.
func TestHTTPStoreDown(t *testing.T) {
	w := newHTTPWorld(t, httpWorldOptions{})
	if err := w.closeStore(); err != nil {
		t.Fatal(err)
	}
	_, r := w.command("help")
	httpWantRefused(t, "a command with the store down", r, http.StatusServiceUnavailable, "")
}

func TestHTTPBodyLimit(t *testing.T) {
	w := newHTTPWorld(t, httpWorldOptions{})
	cmd := w.fake.NewSlashCommand(httpChannel, httpAlice, "/brief", "latest")
	form := slackfake.SlashCommandForm(cmd)
	form.Set("padding", strings.Repeat("x", slackbot.MaxRequestBody))
	big := form.Encode()
	httpWantRefused(t, "a signed body over the limit", w.signed(slackbot.PathCommands, httpForm, big, time.Now()), http.StatusRequestEntityTooLarge, "")
	bigEvent := `{"type":"event_callback","padding":"` + strings.Repeat("x", slackbot.MaxRequestBody) + `"}`
	httpWantRefused(t, "an unsigned event over the limit", w.post(slackbot.PathEvents, "application/json", bigEvent, nil), http.StatusRequestEntityTooLarge, "")

	// Without a Content-Length (chunked), the limit holds while reading.
	pr, pw := io.Pipe()
	go func() {
		_, _ = pw.Write([]byte(big))
		pw.Close()
	}()
	req, _ := http.NewRequest(http.MethodPost, w.srv.URL+slackbot.PathInteractive, pr)
	for k, v := range slackfake.Sign(w.secret, time.Now(), []byte(big)) {
		req.Header[k] = v
	}
	resp, err := w.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked body over the limit: HTTP %d", resp.StatusCode)
	}

	w.drain()
	if w.seen("slack.command:"+cmd.TriggerID) || w.fake.Calls("response_url") != 0 {
		t.Error("a body over the limit was processed")
	}
}

func TestHTTPRoutes(t *testing.T) {
	w := newHTTPWorld(t, httpWorldOptions{})
	for _, c := range []struct {
		method, path string
		status       int
	}{
		{http.MethodGet, slackbot.PathCommands, http.StatusMethodNotAllowed},
		{http.MethodPut, slackbot.PathEvents, http.StatusMethodNotAllowed},
		{http.MethodGet, slackbot.PathInteractive, http.StatusMethodNotAllowed},
		{http.MethodPost, "/slack/unknown", http.StatusNotFound},
		{http.MethodPost, "/slack/commands/extra", http.StatusNotFound},
		{http.MethodPost, "/", http.StatusNotFound},
		{http.MethodGet, "/slack/", http.StatusNotFound},
	} {
		req, _ := http.NewRequest(c.method, w.srv.URL+c.path, strings.NewReader("x=1"))
		resp, err := w.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("%s %s: HTTP %d, want %d", c.method, c.path, resp.StatusCode, c.status)
		}
		if c.status == http.StatusMethodNotAllowed && resp.Header.Get("Allow") != http.MethodPost {
			t.Errorf("%s %s: Allow %q", c.method, c.path, resp.Header.Get("Allow"))
		}
	}
}

// httpManifest is the part of Slack's app manifest the tests read.
type httpManifest struct {
	DisplayInformation struct {
		Name string `yaml:"name"`
	} `yaml:"display_information"`
	Features struct {
		BotUser struct {
			DisplayName string `yaml:"display_name"`
		} `yaml:"bot_user"`
		SlashCommands []struct {
			Command   string `yaml:"command"`
			URL       string `yaml:"url"`
			UsageHint string `yaml:"usage_hint"`
		} `yaml:"slash_commands"`
	} `yaml:"features"`
	OAuthConfig struct {
		Scopes struct {
			Bot []string `yaml:"bot"`
		} `yaml:"scopes"`
	} `yaml:"oauth_config"`
	Settings struct {
		EventSubscriptions struct {
			RequestURL string   `yaml:"request_url"`
			BotEvents  []string `yaml:"bot_events"`
		} `yaml:"event_subscriptions"`
		Interactivity struct {
			IsEnabled  bool   `yaml:"is_enabled"`
			RequestURL string `yaml:"request_url"`
		} `yaml:"interactivity"`
		SocketModeEnabled *bool `yaml:"socket_mode_enabled"`
	} `yaml:"settings"`
}

func TestSlackManifest(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "slack", "manifest.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var m httpManifest
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	if m.DisplayInformation.Name == "" || m.Features.BotUser.DisplayName == "" {
		t.Error("no app name or bot user")
	}
	if len(m.Features.SlashCommands) != 1 || m.Features.SlashCommands[0].Command != "/brief" || m.Features.SlashCommands[0].UsageHint == "" {
		t.Errorf("slash commands %+v, want /brief with a usage hint", m.Features.SlashCommands)
	}
	if m.Settings.SocketModeEnabled == nil {
		t.Error("settings.socket_mode_enabled is not set")
	}
	if !m.Settings.Interactivity.IsEnabled {
		t.Error("interactivity is off: the digests' buttons would not work")
	}

	// Each request URL is a route of the handler: an unsigned POST is
	// refused for its signature, not for its path.
	w := newHTTPWorld(t, httpWorldOptions{quiet: true})
	urls := map[string]string{slackbot.PathEvents: m.Settings.EventSubscriptions.RequestURL, slackbot.PathInteractive: m.Settings.Interactivity.RequestURL}
	if len(m.Features.SlashCommands) > 0 {
		urls[slackbot.PathCommands] = m.Features.SlashCommands[0].URL
	}
	for route, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil || u.Scheme != "https" || u.Path != route {
			t.Errorf("request URL %q, want https://…%s", raw, route)
			continue
		}
		if r := w.post(u.Path, httpForm, "x=1", nil); r.status != http.StatusUnauthorized {
			t.Errorf("POST %s: HTTP %d, want 401 (a route that checks signatures)", u.Path, r.status)
		}
	}

	// The scopes the adapter's calls and events need.
	for scope, why := range map[string]string{
		"commands":          "the /brief slash command",
		"chat:write":        "chat.postMessage, chat.postEphemeral, chat.update",
		"chat:write.public": "digests to public channels the bot was not invited to",
		"app_mentions:read": "the app_mention event",
		"im:history":        "the message.im event",
		"users:read":        "users.info (workspace admins)",
	} {
		if !slices.Contains(m.OAuthConfig.Scopes.Bot, scope) {
			t.Errorf("bot scope %s missing (for %s)", scope, why)
		}
	}
	for _, ev := range []string{"app_mention", "message.im"} {
		if !slices.Contains(m.Settings.EventSubscriptions.BotEvents, ev) {
			t.Errorf("bot event %s missing", ev)
		}
	}
}
