package slackfake_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/briefbot/briefbot/bot/slack/slackfake"
)

// fakeClock is a settable clock for Options.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock { return &fakeClock{t: time.Unix(1700000000, 0)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newServer(t *testing.T, mod func(*slackfake.Options)) *slackfake.Server {
	t.Helper()
	opts := slackfake.Options{
		Channels: []slackfake.Channel{
			{ID: "C1", Name: "general", Member: true},
			{ID: "C2", Name: "random"},
			{ID: "C3", Name: "old", Member: true, Archived: true},
			{ID: "G1", Name: "secret", Private: true},
		},
		Users: map[string]slackfake.User{
			"U1": {Name: "alice", IsAdmin: true},
			"U2": {Name: "bob"},
			"U3": {Name: "carol", Deleted: true},
		},
	}
	if mod != nil {
		mod(&opts)
	}
	srv := slackfake.New(opts)
	t.Cleanup(srv.Close)
	return srv
}

func botClient(srv *slackfake.Server, opts ...slack.Option) *slack.Client {
	o := srv.Options()
	opts = append([]slack.Option{slack.OptionAPIURL(srv.APIURL()), slack.OptionAppLevelToken(o.AppToken)}, opts...)
	return slack.New(o.BotToken, opts...)
}

// slackError returns the Slack error code of err, "" if it has none.
func slackError(err error) string {
	var e slack.SlackErrorResponse
	if errors.As(err, &e) {
		return e.Err
	}
	return ""
}

func TestTokenRefused(t *testing.T) {
	srv := newServer(t, nil)
	ctx := context.Background()

	_, err := slack.New("xoxb-wrong", slack.OptionAPIURL(srv.APIURL())).AuthTestContext(ctx)
	if got := slackError(err); got != "invalid_auth" {
		t.Errorf("wrong token: error %v, want invalid_auth", err)
	}
	_, _, err = slack.New("", slack.OptionAPIURL(srv.APIURL())).PostMessageContext(ctx, "C1", slack.MsgOptionText("hi", false))
	if got := slackError(err); got != "not_authed" {
		t.Errorf("no token: error %v, want not_authed", err)
	}
	_, _, err = slack.New(srv.Options().AppToken, slack.OptionAPIURL(srv.APIURL())).PostMessageContext(ctx, "C1", slack.MsgOptionText("hi", false))
	if got := slackError(err); got != "not_allowed_token_type" {
		t.Errorf("app token on chat.postMessage: error %v, want not_allowed_token_type", err)
	}
	_, _, err = slack.New(srv.Options().BotToken, slack.OptionAPIURL(srv.APIURL()), slack.OptionAppLevelToken(srv.Options().BotToken)).StartSocketModeContext(ctx)
	if got := slackError(err); got != "not_allowed_token_type" {
		t.Errorf("bot token on apps.connections.open: error %v, want not_allowed_token_type", err)
	}
	if len(srv.Messages("C1")) != 0 {
		t.Errorf("refused calls recorded messages: %+v", srv.Messages("C1"))
	}

	auth, err := botClient(srv).AuthTestContext(ctx)
	if err != nil || auth.UserID != slackfake.DefaultBotUserID || auth.TeamID != slackfake.DefaultTeamID {
		t.Errorf("auth.test with the bot token = %+v, %v", auth, err)
	}
	if got := srv.Calls("auth.test"); got != 2 {
		t.Errorf("Calls(auth.test) = %d, want 2", got)
	}
}

func TestPostInThread(t *testing.T) {
	srv := newServer(t, nil)
	api := botClient(srv)
	ctx := context.Background()

	ch, parent, err := api.PostMessageContext(ctx, "#general", slack.MsgOptionText("digest", false))
	if err != nil || ch != "C1" {
		t.Fatalf("post = %q, %q, %v", ch, parent, err)
	}
	_, reply, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("item", false),
		slack.MsgOptionTS(parent), slack.MsgOptionDisableLinkUnfurl())
	if err != nil {
		t.Fatal(err)
	}
	if !(reply > parent) || len(reply) != len("1700000000.000100") {
		t.Errorf("ts %q then %q: want increasing Slack timestamps", parent, reply)
	}
	msgs := srv.Messages("C1")
	if len(msgs) != 2 {
		t.Fatalf("messages = %+v", msgs)
	}
	m := msgs[1]
	if m.ThreadTS != parent || m.TS != reply || m.Text != "item" || m.Via != "api" || m.UnfurlLinks == nil || *m.UnfurlLinks || m.UnfurlMedia != nil {
		t.Errorf("reply recorded as %+v", m)
	}

	// A reply to the reply goes under the parent, as in Slack.
	_, _, msg, err := api.PostMessageWithResponseContext(ctx, "C1", slack.MsgOptionText("more", false), slack.MsgOptionTS(reply))
	if err != nil || msg.ThreadTimestamp != parent {
		t.Errorf("reply to a reply: thread_ts %q, %v; want %q", msg.ThreadTimestamp, err, parent)
	}

	for _, tc := range []struct {
		channel string
		opts    []slack.MsgOption
		want    string
	}{
		{"C1", []slack.MsgOption{slack.MsgOptionText("x", false), slack.MsgOptionTS("1600000000.000001")}, "thread_not_found"},
		{"C2", []slack.MsgOption{slack.MsgOptionText("x", false)}, "not_in_channel"},
		{"C3", []slack.MsgOption{slack.MsgOptionText("x", false)}, "is_archived"},
		{"G1", []slack.MsgOption{slack.MsgOptionText("x", false)}, "channel_not_found"},
		{"C404", []slack.MsgOption{slack.MsgOptionText("x", false)}, "channel_not_found"},
		{"C1", nil, "no_text"},
		{"C1", []slack.MsgOption{slack.MsgOptionText(strings.Repeat("é", slackfake.MaxTextLength+1), false)}, "msg_too_long"},
	} {
		_, _, err := api.PostMessageContext(ctx, tc.channel, tc.opts...)
		if got := slackError(err); got != tc.want {
			t.Errorf("post to %s: error %v, want %s", tc.channel, err, tc.want)
		}
	}

	// Joining makes C2 postable.
	if _, _, _, err := api.JoinConversationContext(ctx, "C2"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := api.PostMessageContext(ctx, "C2", slack.MsgOptionText("hello", false)); err != nil {
		t.Errorf("post after join: %v", err)
	}
}

func TestUpdateDeleteEphemeralInfo(t *testing.T) {
	srv := newServer(t, nil)
	api := botClient(srv)
	ctx := context.Background()

	_, ts, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("working…", false))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := api.UpdateMessageContext(ctx, "C1", ts, slack.MsgOptionText("done", false)); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := api.UpdateMessageContext(ctx, "C1", "1.000001", slack.MsgOptionText("x", false)); slackError(err) != "message_not_found" {
		t.Errorf("update of an unknown ts: %v", err)
	}
	if _, err := api.PostEphemeralContext(ctx, "C1", "U2", slack.MsgOptionText("only you", false)); err != nil {
		t.Fatal(err)
	}
	if _, err := api.PostEphemeralContext(ctx, "C1", "U9", slack.MsgOptionText("nobody", false)); slackError(err) != "user_not_found" {
		t.Errorf("ephemeral to an unknown user: %v", err)
	}
	if _, _, err := api.DeleteMessageContext(ctx, "C1", ts); err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages("C1")
	if len(msgs) != 2 || msgs[0].Text != "done" || msgs[0].Edits != 1 || !msgs[0].Deleted ||
		!msgs[1].Ephemeral || msgs[1].User != "U2" {
		t.Errorf("messages = %+v", msgs)
	}

	u, err := api.GetUserInfoContext(ctx, "U1")
	if err != nil || !u.IsAdmin || u.Name != "alice" {
		t.Errorf("users.info U1 = %+v, %v", u, err)
	}
	if u, err := api.GetUserInfoContext(ctx, "U3"); err != nil || !u.Deleted {
		t.Errorf("users.info U3 = %+v, %v", u, err)
	}
	if _, err := api.GetUserInfoContext(ctx, "U9"); slackError(err) != "user_not_found" {
		t.Errorf("users.info U9: %v", err)
	}
	c, err := api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: "C3"})
	if err != nil || !c.IsArchived || c.Name != "old" || !c.IsMember {
		t.Errorf("conversations.info C3 = %+v, %v", c, err)
	}
	if _, err := api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: "G1"}); slackError(err) != "channel_not_found" {
		t.Errorf("conversations.info of a private channel the bot is not in: %v", err)
	}

	// A user id as channel reaches the bot's DM with that user.
	ch, _, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionText("psst", false))
	if err != nil || ch != slackfake.DMChannelID("U1") || len(srv.Messages(ch)) != 1 {
		t.Errorf("DM: channel %q, %v, messages %+v", ch, err, srv.Messages(ch))
	}
}

func sections(n int, text string) []slack.Block {
	blocks := make([]slack.Block, n)
	for i := range blocks {
		blocks[i] = slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, text, false, false), nil, nil)
	}
	return blocks
}

func TestBlockKitLimits(t *testing.T) {
	srv := newServer(t, nil)
	api := botClient(srv)
	ctx := context.Background()

	if _, _, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionBlocks(sections(50, "ok")...)); err != nil {
		t.Fatalf("50 blocks: %v", err)
	}
	var blocks json.RawMessage = srv.Messages("C1")[0].Blocks
	var decoded []map[string]any
	if err := json.Unmarshal(blocks, &decoded); err != nil || len(decoded) != 50 {
		t.Errorf("recorded blocks: %d, %v", len(decoded), err)
	}

	header := func(n int) slack.Block {
		return slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, strings.Repeat("h", n), false, false))
	}
	button := func(n int) slack.Block {
		return slack.NewActionBlock("", slack.NewButtonBlockElement("a", "v", slack.NewTextBlockObject(slack.PlainTextType, strings.Repeat("b", n), false, false)))
	}
	fields := func(n, size int) slack.Block {
		f := make([]*slack.TextBlockObject, n)
		for i := range f {
			f[i] = slack.NewTextBlockObject(slack.MarkdownType, strings.Repeat("f", size), false, false)
		}
		return slack.NewSectionBlock(nil, f, nil)
	}
	for _, tc := range []struct {
		name   string
		blocks []slack.Block
		ok     bool
	}{
		{"51 blocks", sections(51, "x"), false},
		{"section 3000", sections(1, strings.Repeat("s", 3000)), true},
		{"section 3001", sections(1, strings.Repeat("s", 3001)), false},
		{"header 150", []slack.Block{header(150)}, true},
		{"header 151", []slack.Block{header(151)}, false},
		{"button 75", []slack.Block{button(75)}, true},
		{"button 76", []slack.Block{button(76)}, false},
		{"10 fields", []slack.Block{fields(10, 2000)}, true},
		{"11 fields", []slack.Block{fields(11, 10)}, false},
		{"field 2001", []slack.Block{fields(1, 2001)}, false},
		{"block_id 256", []slack.Block{slack.NewDividerBlock(), slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "x", false, false), nil, nil, slack.SectionBlockOptionBlockID(strings.Repeat("i", 256)))}, false},
	} {
		_, _, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("fallback", false), slack.MsgOptionBlocks(tc.blocks...))
		switch {
		case tc.ok && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case !tc.ok && slackError(err) != "invalid_blocks":
			t.Errorf("%s: error %v, want invalid_blocks", tc.name, err)
		}
	}

	_, _, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionBlocks(sections(51, "x")...))
	var e slack.SlackErrorResponse
	if !errors.As(err, &e) || len(e.ResponseMetadata.Messages) == 0 || !strings.Contains(e.ResponseMetadata.Messages[0], "less than 51 items") {
		t.Errorf("invalid_blocks details: %+v", e)
	}
}

func TestRateLimits(t *testing.T) {
	clock := newClock()
	srv := newServer(t, func(o *slackfake.Options) {
		o.Now = clock.Now
		o.ChannelRateLimit = true
	})
	api := botClient(srv)
	ctx := context.Background()
	post := func() error {
		_, _, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("x", false))
		return err
	}

	srv.Inject(slackfake.Rule{Method: "chat.postMessage", RetryAfter: 3})
	err := post()
	var rl *slack.RateLimitedError
	if !errors.As(err, &rl) || rl.RetryAfter != 3*time.Second {
		t.Errorf("429 with Retry-After: %#v, want *slack.RateLimitedError{3s}", err)
	}

	srv.Inject(slackfake.Rule{Method: "chat.postMessage", Times: 2})
	for range 2 {
		var sc slack.StatusCodeError
		if err := post(); !errors.As(err, &sc) || sc.Code != http.StatusTooManyRequests || errors.As(err, &rl) {
			t.Errorf("429 without Retry-After: %#v, want slack.StatusCodeError{429}", err)
		}
	}

	srv.Inject(slackfake.Rule{Method: "chat.postMessage", Status: http.StatusInternalServerError})
	var sc slack.StatusCodeError
	if err := post(); !errors.As(err, &sc) || sc.Code != http.StatusInternalServerError {
		t.Errorf("500: %#v", err)
	}
	if got := srv.Calls("chat.postMessage"); got != 4 || len(srv.Messages("C1")) != 0 {
		t.Errorf("after 4 faults: %d calls, %d messages", got, len(srv.Messages("C1")))
	}

	// Per-channel limit: a burst of 3, then one a second.
	for i := range 3 {
		if err := post(); err != nil {
			t.Fatalf("post %d of the burst: %v", i+1, err)
		}
	}
	if err := post(); !errors.As(err, &rl) || rl.RetryAfter != time.Second {
		t.Errorf("4th post in the same second: %v, want 429 Retry-After: 1", err)
	}
	clock.Advance(time.Second)
	if err := post(); err != nil {
		t.Errorf("post a second later: %v", err)
	}
	if _, _, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionText("other channel", false)); err != nil {
		t.Errorf("another channel has its own bucket: %v", err)
	}
}

func TestSlackGoRetriesOnlyWhenTold(t *testing.T) {
	srv := newServer(t, nil)
	cfg := slack.DefaultRetryConfig()
	cfg.MaxRetries = 1
	cfg.RetryAfterJitter = 0
	api := botClient(srv, slack.OptionRetryConfig(cfg))

	srv.Inject(slackfake.Rule{Method: "chat.postMessage", RetryAfter: 1})
	if _, _, err := api.PostMessageContext(context.Background(), "C1", slack.MsgOptionText("x", false)); err != nil {
		t.Fatal(err)
	}
	if got := srv.Calls("chat.postMessage"); got != 2 {
		t.Errorf("calls = %d, want 2 (the 429 then the retry)", got)
	}
}

func TestResponseURL(t *testing.T) {
	clock := newClock()
	srv := newServer(t, func(o *slackfake.Options) { o.Now = clock.Now })
	api := botClient(srv)
	ctx := context.Background()
	url := srv.NewResponseURL("C2", "U2")

	for i := range slackfake.ResponseURLMaxUses {
		opts := []slack.MsgOption{slack.MsgOptionText(fmt.Sprint("answer ", i), false), slack.MsgOptionResponseURL(url, slack.ResponseTypeEphemeral)}
		if i == 4 {
			opts[1] = slack.MsgOptionResponseURL(url, slack.ResponseTypeInChannel)
		}
		if _, _, err := api.PostMessageContext(ctx, "", opts...); err != nil {
			t.Fatalf("post %d: %v", i+1, err)
		}
	}
	_, _, err := api.PostMessageContext(ctx, "", slack.MsgOptionText("6th", false), slack.MsgOptionResponseURL(url, slack.ResponseTypeEphemeral))
	var sc slack.StatusCodeError
	if !errors.As(err, &sc) || sc.Code != http.StatusNotFound {
		t.Errorf("6th post: %#v, want slack.StatusCodeError{404}", err)
	}
	if code, body := postJSON(t, url, `{"text":"7th"}`); code != http.StatusNotFound || !strings.Contains(body, `"used_url"`) {
		t.Errorf("7th post: %d %s", code, body)
	}

	msgs := srv.Messages("C2")
	if len(msgs) != 5 {
		t.Fatalf("recorded %d posts: %+v", len(msgs), msgs)
	}
	if m := msgs[0]; !m.Ephemeral || m.User != "U2" || m.Via != "response_url" || m.Text != "answer 0" {
		t.Errorf("first post = %+v", m)
	}
	if m := msgs[4]; m.Ephemeral || m.ResponseType != "in_channel" {
		t.Errorf("in_channel post = %+v", m)
	}

	late := srv.NewResponseURL("C2", "U2")
	clock.Advance(slackfake.ResponseURLLifetime + time.Second)
	if code, body := postJSON(t, late, `{"text":"late"}`); code != http.StatusNotFound || !strings.Contains(body, `"expired_url"`) {
		t.Errorf("post after 30 minutes: %d %s", code, body)
	}
	fresh := srv.NewResponseURL("C2", "U2")
	if code, body := postJSON(t, fresh, `{"blocks":[]}`); code != http.StatusBadRequest || !strings.Contains(body, "no_text") {
		t.Errorf("empty post: %d %s", code, body)
	}
}

func postJSON(t *testing.T, url, body string) (int, string) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// Slack's documented example of a signed request.
const (
	vectorSecret    = "8f742231b10e8888abcd99yyyzzz85a5"
	vectorTimestamp = 1531420618
	vectorBody      = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
	vectorSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
)

func TestSignReproducesSlackVector(t *testing.T) {
	h := slackfake.Sign(vectorSecret, time.Unix(vectorTimestamp, 0), []byte(vectorBody))
	if got := h.Get("X-Slack-Signature"); got != vectorSignature {
		t.Errorf("signature %s, want %s", got, vectorSignature)
	}
	if got := h.Get("X-Slack-Request-Timestamp"); got != "1531420618" {
		t.Errorf("timestamp %s", got)
	}

	// slack-go's verifier agrees, on a clock set to the vector's time.
	synctest.Test(t, func(t *testing.T) {
		time.Sleep(time.Until(time.Unix(vectorTimestamp, 0)))
		v, err := slack.NewSecretsVerifier(h, vectorSecret)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = v.Write([]byte(vectorBody))
		if err := v.Ensure(); err != nil {
			t.Errorf("slack-go rejects Sign's headers: %v", err)
		}
	})
}

func TestSlashCommandForm(t *testing.T) {
	srv := newServer(t, nil)
	cmd := srv.NewSlashCommand("C1", "U1", "/brief", "list")
	form := slackfake.SlashCommandForm(cmd)
	body := form.Encode()
	req, _ := http.NewRequest(http.MethodPost, "http://x/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	parsed, err := slack.SlashCommandParse(req)
	if err != nil || parsed != cmd {
		t.Errorf("parsed back %+v, %v; want %+v", parsed, err, cmd)
	}
	if cmd.ChannelName != "general" || cmd.UserName != "alice" || cmd.TeamID != slackfake.DefaultTeamID || !strings.HasPrefix(cmd.ResponseURL, srv.URL()+"/commands/") {
		t.Errorf("NewSlashCommand = %+v", cmd)
	}
}

// socketClient runs a socketmode.Client against srv. Slash commands and
// events go to handle, which tells whether to ack with the given payload.
func socketClient(t *testing.T, srv *slackfake.Server, handle func(socketmode.Event) (ack bool, payload any)) {
	t.Helper()
	client := socketmode.New(botClient(srv))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- client.RunContext(ctx) }()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case evt := <-client.Events:
				if evt.Request == nil || evt.Type == socketmode.EventTypeHello {
					continue
				}
				if ack, payload := handle(evt); ack {
					_ = client.Ack(*evt.Request, payload)
				}
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Error("socketmode client did not stop")
		}
	})
}

func TestSocketMode(t *testing.T) {
	srv := newServer(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	seen := make(chan socketmode.Request, 10)
	socketClient(t, srv, func(evt socketmode.Event) (bool, any) {
		seen <- *evt.Request
		switch evt.Type {
		case socketmode.EventTypeSlashCommand:
			cmd := evt.Data.(slack.SlashCommand)
			if cmd.Command == "/slow" && evt.Request.RetryAttempt == 0 {
				return false, nil // lost: not acked
			}
			return true, map[string]any{"text": "ok " + cmd.Text}
		case socketmode.EventTypeEventsAPI:
			return true, nil
		}
		return false, nil
	})

	// A slash command, acked with a response Slack shows to the user.
	ack, err := srv.SendSlashCommand(ctx, srv.NewSlashCommand("C1", "U1", "/brief", "list"))
	if err != nil || string(ack) != `{"text":"ok list"}` {
		t.Fatalf("ack = %s, %v", ack, err)
	}
	if req := <-seen; req.Type != "slash_commands" || !req.AcceptsResponsePayload || req.RetryAttempt != 0 {
		t.Errorf("first envelope: %+v", req)
	}
	if msgs := srv.Messages("C1"); len(msgs) != 1 || msgs[0].Via != "ack" || !msgs[0].Ephemeral || msgs[0].User != "U1" || msgs[0].Text != "ok list" {
		t.Errorf("ack response recorded as %+v", msgs)
	}

	// An envelope the client does not ack is sent again after a reconnect.
	result := make(chan error, 1)
	go func() {
		ack, err := srv.SendSlashCommand(ctx, slackfake.SlashCommand{ChannelID: "C1", UserID: "U2", Command: "/slow", Text: "now"})
		if err == nil && string(ack) != `{"text":"ok now"}` {
			err = fmt.Errorf("ack %s", ack)
		}
		result <- err
	}()
	if req := <-seen; req.RetryAttempt != 0 {
		t.Fatalf("first delivery: %+v", req)
	}
	if err := srv.DropConnection(); err != nil {
		t.Fatal(err)
	}
	if err := srv.WaitConnections(ctx, 2); err != nil {
		t.Fatal(err)
	}
	req := <-seen
	if req.RetryAttempt != 1 || req.RetryReason == "" {
		t.Errorf("redelivery: retry_attempt %d, retry_reason %q; want 1", req.RetryAttempt, req.RetryReason)
	}
	if err := <-result; err != nil {
		t.Errorf("redelivered command: %v", err)
	}
	if got := srv.Calls("apps.connections.open"); got != 2 {
		t.Errorf("apps.connections.open called %d times, want 2", got)
	}

	// Slack's disconnect makes the client reconnect too.
	if err := srv.SendDisconnect("refresh_requested"); err != nil {
		t.Fatal(err)
	}
	if err := srv.WaitConnections(ctx, 3); err != nil {
		t.Fatal(err)
	}

	// An app_mention event; the bot may then reply in its thread.
	mention := srv.AppMention("C1", "U1", "<@"+slackfake.DefaultBotUserID+"> digest")
	if _, err := srv.SendEvent(ctx, mention); err != nil {
		t.Fatal(err)
	}
	req = <-seen
	var outer slackevents.EventsAPICallbackEvent
	if err := json.Unmarshal(req.Payload, &outer); err != nil || req.Type != "events_api" || outer.Type != "event_callback" || outer.TeamID != slackfake.DefaultTeamID {
		t.Errorf("events_api envelope: %+v / %+v, %v", req, outer, err)
	}
	if _, _, err := botClient(srv).PostMessageContext(ctx, "C1", slack.MsgOptionText("here", false), slack.MsgOptionTS(mention["ts"].(string))); err != nil {
		t.Errorf("reply in the mention's thread: %v", err)
	}
	if _, err := srv.SendEvent(ctx, srv.DirectMessage("U2", "help")); err != nil {
		t.Fatal(err)
	}
}

func TestSocketModeAckPayloadChecked(t *testing.T) {
	srv := newServer(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	socketClient(t, srv, func(socketmode.Event) (bool, any) {
		return true, map[string]any{"blocks": sections(51, "x")}
	})
	if _, err := srv.SendSlashCommand(ctx, srv.NewSlashCommand("C1", "U1", "/brief", "")); err == nil || !strings.Contains(err.Error(), "invalid_blocks") {
		t.Errorf("51 blocks in an ack: %v", err)
	}
}

func TestUnackedEnvelopeGivesUp(t *testing.T) {
	srv := newServer(t, nil)
	socketClient(t, srv, func(socketmode.Event) (bool, any) { return false, nil })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := srv.SendSlashCommand(ctx, srv.NewSlashCommand("C1", "U1", "/brief", "")); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("unacked: %v", err)
	}
}

func TestJSONBodyNeedsHeaderToken(t *testing.T) {
	srv := newServer(t, nil)
	body := fmt.Sprintf(`{"token":%q,"channel":"C1","text":"hi","blocks":[{"type":"divider"}]}`, srv.Options().BotToken)
	resp, err := http.Post(srv.APIURL()+"chat.postMessage", "application/json", bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), "not_authed") {
		t.Errorf("token in a JSON body: %s", b)
	}

	req, _ := http.NewRequest(http.MethodPost, srv.APIURL()+"chat.postMessage", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("Authorization", "Bearer "+srv.Options().BotToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if msgs := srv.Messages("C1"); len(msgs) != 1 || string(msgs[0].Blocks) != `[{"type":"divider"}]` {
		t.Errorf("JSON post: %s; messages %+v", b, msgs)
	}
	resp, err = http.Post(srv.APIURL()+"nope.nothing", "application/x-www-form-urlencoded", nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), "unknown_method") {
		t.Errorf("unknown method: %d %s", resp.StatusCode, b)
	}
}
