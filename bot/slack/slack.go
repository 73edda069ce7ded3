// Package slack brings the bot to Slack on slack-go: slash commands,
// app mentions and direct messages (over Socket Mode, or HTTP with
// signed requests), digests in Block Kit with buttons, story updates in
// the digest's thread, and Slack's errors turned into the delivery
// engine's (rate limits waited out, a channel gone pausing its
// subscriptions).
package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/digest"
	"github.com/briefbot/briefbot/store"
)

// Prefix is the channel prefix of Slack channels (slack:C0123ABCD).
const Prefix = "slack:"

// Options configure an Adapter (the config's slack section).
type Options struct {
	BotToken      string // xoxb-…
	AppToken      string // xapp-…: Socket Mode
	SigningSecret string // HTTP mode
	APIURL        string // slack-go's API base; default https://slack.com/api/
	Admins        []string
	Store         *store.Store
	Bot           *bot.Bot
	Logger        *slog.Logger
	// Now is the clock for request timestamps and response_url limits.
	Now func() time.Time
	// HTTPClient, when set, replaces slack-go's (tests).
	HTTPClient *http.Client
	// Pace is the least time between two posts to one channel; default
	// one second (Slack's chat.postMessage limit). Negative: no pacing.
	Pace time.Duration
}

// Adapter is the Slack platform: it implements bot.Platform and
// bot.Pacer.
type Adapter struct {
	o      Options
	api    *slack.Client
	botID  string // the bot's user id
	teamID string

	mu     sync.Mutex
	urls   map[string]*responseURL // by command id (trigger id)
	pruned time.Time               // when urls was last pruned
	admins map[string]adminEntry   // users.info answers, cached

	work sync.WaitGroup // commands being answered
}

// responseURL is a slash command's response_url: 5 posts within 30
// minutes.
type responseURL struct {
	url     string
	created time.Time
	used    int
}

const (
	responseURLUses     = 5
	responseURLLifetime = 30 * time.Minute
)

type adminEntry struct {
	admin bool
	at    time.Time
}

// New checks the bot token (auth.test) and returns an adapter.
func New(ctx context.Context, o Options) (*Adapter, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Pace == 0 {
		o.Pace = time.Second
	}
	opts := []slack.Option{}
	if o.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(o.APIURL))
	}
	if o.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(o.AppToken))
	}
	if o.HTTPClient != nil {
		opts = append(opts, slack.OptionHTTPClient(o.HTTPClient))
	}
	a := &Adapter{o: o, api: slack.New(o.BotToken, opts...), urls: map[string]*responseURL{}, admins: map[string]adminEntry{}}
	auth, err := a.api.AuthTestContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("slack: checking the bot token: %w", err)
	}
	a.botID, a.teamID = auth.UserID, auth.TeamID
	return a, nil
}

// API is the underlying slack-go client.
func (a *Adapter) API() *slack.Client { return a.api }

// Wait waits for the commands being answered.
func (a *Adapter) Wait() { a.work.Wait() }

// Pace is the least time between two posts to one channel.
func (a *Adapter) Pace() time.Duration { return max(a.o.Pace, 0) }

// channelID is the Slack id of a slack:ID channel.
func channelID(channel string) (string, error) {
	id, ok := strings.CutPrefix(channel, Prefix)
	if !ok || id == "" {
		return "", &bot.PermanentError{Reason: fmt.Sprintf("%q is not a Slack channel (want slack:C0123ABCD)", channel)}
	}
	return id, nil
}

// message is one rendered payload: the fallback text and the blocks.
type message struct {
	Text   string       `json:"text"`
	Blocks slack.Blocks `json:"blocks"`
}

// Render turns a response into chat.postMessage payloads (JSON): a
// digest in Block Kit with buttons (split at Slack's limits), other
// answers as mrkdwn sections.
func (a *Adapter) Render(r bot.Response) []string {
	var out []string
	if r.Digest != nil {
		for _, m := range digest.RenderSlackButtons(*r.Digest) {
			b, _ := json.Marshal(m)
			out = append(out, string(b))
		}
		return out
	}
	for _, m := range textMessages(r.Text) {
		b, _ := json.Marshal(m)
		out = append(out, string(b))
	}
	return out
}

// Slack's limits for the text messages we build.
const (
	maxSection  = 3000  // one section's text
	maxBlocks   = 50    // blocks in a message
	maxMessage  = 12000 // all text of a message, kept well under 40,000
	maxFallback = 300
)

// textMessages renders plain text as messages of mrkdwn sections,
// split at line ends under Slack's limits.
func textMessages(text string) []message {
	esc := mrkdwn(text)
	var msgs []message
	var cur message
	chars := 0
	flush := func() {
		if len(cur.Blocks.BlockSet) > 0 {
			msgs = append(msgs, cur)
		}
		cur, chars = message{}, 0
	}
	for _, chunk := range splitLines(esc, maxSection) {
		if len(cur.Blocks.BlockSet) >= maxBlocks || chars+len(chunk) > maxMessage {
			flush()
		}
		cur.Blocks.BlockSet = append(cur.Blocks.BlockSet, slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, chunk, false, true), nil, nil))
		chars += len(chunk)
	}
	flush()
	if len(msgs) == 0 {
		msgs = []message{{}}
	}
	fallback := firstLine(text, maxFallback)
	for i := range msgs {
		msgs[i].Text = mrkdwn(fallback)
	}
	return msgs
}

// splitLines cuts s at line ends into pieces of at most n bytes (a
// longer line is cut at a rune boundary).
func splitLines(s string, n int) []string {
	var out []string
	for len(s) > n {
		cut := strings.LastIndex(s[:n], "\n")
		if cut <= 0 {
			cut = n
			for cut > 0 && s[cut]&0xC0 == 0x80 {
				cut--
			}
		}
		out = append(out, s[:cut])
		s = strings.TrimPrefix(s[cut:], "\n")
	}
	if strings.TrimSpace(s) != "" {
		out = append(out, s)
	}
	return out
}

func firstLine(s string, n int) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	if len(line) > n {
		r := []rune(line[:n])
		line = string(r[:len(r)-1]) + "…"
	}
	return line
}

// linkRe finds the <https://…> links of the bot's plain-text answers.
var linkRe = regexp.MustCompile(`<(https?://[^\s<>|]+)>`)

// mentionRe finds broadcast words, neutralized so feed text pings nobody.
var mentionRe = regexp.MustCompile(`(?i)@(channel|here|everyone)`)

// mrkdwn escapes text for Slack (&, <, >), keeping the answers' <url>
// links as links and neutralizing broadcast mentions.
func mrkdwn(text string) string {
	text = mentionRe.ReplaceAllString(text, "@\u200d$1")
	var b strings.Builder
	last := 0
	esc := func(s string) string {
		return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
	}
	for _, m := range linkRe.FindAllStringSubmatchIndex(text, -1) {
		b.WriteString(esc(text[last:m[0]]))
		b.WriteString("<" + strings.ReplaceAll(text[m[2]:m[3]], ">", "%3E") + ">")
		last = m[1]
	}
	b.WriteString(esc(text[last:]))
	return b.String()
}

// parse reads a stored payload; a payload that is not ours (plain text)
// becomes text sections.
func parse(payload string) message {
	var m message
	if json.Unmarshal([]byte(payload), &m) != nil || (m.Text == "" && len(m.Blocks.BlockSet) == 0) {
		return textMessages(payload)[0]
	}
	return m
}

func (m message) options() []slack.MsgOption {
	opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false), slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionDisableMediaUnfurl()}
	if len(m.Blocks.BlockSet) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(m.Blocks.BlockSet...))
	}
	return opts
}

// Post posts a rendered message, in the thread of thread (a message ts)
// when set. Slack has no idempotency keys: a post retried after a crash
// between Slack's answer and our record repeats.
func (a *Adapter) Post(ctx context.Context, channel, thread, payload, _ string) (string, error) {
	ch, err := channelID(channel)
	if err != nil {
		return "", err
	}
	opts := parse(payload).options()
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	_, ts, err := a.api.PostMessageContext(ctx, ch, opts...)
	if err != nil {
		return "", classify(err)
	}
	return ts, nil
}

// Edit replaces message ref (its ts) with a rendered payload.
func (a *Adapter) Edit(ctx context.Context, channel, ref, payload string) error {
	ch, err := channelID(channel)
	if err != nil {
		return err
	}
	_, _, _, err = a.api.UpdateMessageContext(ctx, ch, ref, parse(payload).options()...)
	return classify(err)
}

// Answer shows a command's response. Lookups are ephemeral: through the
// command's response_url while it lasts, else chat.postEphemeral.
// Digests are posted in the channel (so their threads and buttons work);
// other in-channel answers go through the response_url as in_channel, or
// chat.postMessage. Answers to mentions go in the mention's thread.
func (a *Adapter) Answer(ctx context.Context, req bot.Request, r bot.Response) error {
	ch, err := channelID(req.Channel)
	if err != nil {
		return err
	}
	parts := a.Render(r)
	thread := ""
	if strings.HasPrefix(req.ID, "mention:") {
		thread = strings.TrimPrefix(req.ID, "mention:")
	}
	// In a direct message only the asker sees the answer anyway.
	ephemeral := r.Ephemeral && !strings.HasPrefix(ch, "D")
	for _, part := range parts {
		m := parse(part)
		switch {
		case ephemeral:
			if a.respond(ctx, req.ID, m, "ephemeral") {
				continue
			}
			opts := m.options()
			if thread != "" {
				opts = append(opts, slack.MsgOptionTS(thread))
			}
			if _, err := a.api.PostEphemeralContext(ctx, ch, req.User, opts...); err != nil {
				return classify(err)
			}
		case r.Digest == nil && a.respond(ctx, req.ID, m, "in_channel"):
		default:
			opts := m.options()
			if thread != "" {
				opts = append(opts, slack.MsgOptionTS(thread))
			}
			if _, _, err := a.api.PostMessageContext(ctx, ch, opts...); err != nil {
				return classify(err)
			}
		}
	}
	return nil
}

// respond posts m through the response_url of command id, if it has one
// still usable; it tells whether it did.
func (a *Adapter) respond(ctx context.Context, id string, m message, kind string) bool {
	a.mu.Lock()
	u := a.urls[id]
	ok := u != nil && u.used < responseURLUses && a.o.Now().Sub(u.created) < responseURLLifetime
	if ok {
		u.used++
	}
	a.mu.Unlock()
	if !ok {
		return false
	}
	body, _ := json.Marshal(map[string]any{"response_type": kind, "text": m.Text, "blocks": m.Blocks, "replace_original": false})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.url, strings.NewReader(string(body)))
	if err != nil {
		return false
	}
	req.Header.Set("Content-Type", "application/json")
	hc := a.o.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		a.o.Logger.Warn("slack_response_url_failed", "error", err)
		return false
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // so the connection is reused
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		a.o.Logger.Warn("slack_response_url_refused", "status", resp.StatusCode)
		return false
	}
	return true
}

// IsAdmin: slack.admins, and the workspace's admins and owners
// (users.info, cached for ten minutes).
func (a *Adapter) IsAdmin(ctx context.Context, _, user string) (bool, error) {
	if slices.Contains(a.o.Admins, user) {
		return true, nil
	}
	a.mu.Lock()
	e, ok := a.admins[user]
	a.mu.Unlock()
	if ok && a.o.Now().Sub(e.at) < 10*time.Minute {
		return e.admin, nil
	}
	u, err := a.api.GetUserInfoContext(ctx, user)
	if err != nil {
		return false, err
	}
	admin := (u.IsAdmin || u.IsOwner || u.IsPrimaryOwner) && !u.Deleted
	a.mu.Lock()
	a.admins[user] = adminEntry{admin: admin, at: a.o.Now()}
	a.mu.Unlock()
	return admin, nil
}

// Errors after which posting to a channel cannot succeed.
var permanent = []string{"channel_not_found", "not_in_channel", "is_archived", "account_inactive", "invalid_auth", "token_revoked", "restricted_action", "team_access_not_granted"}

// noHeaderWait is how long to wait after a 429 that named no delay.
const noHeaderWait = 10 * time.Second

// classify turns Slack's errors into the delivery engine's.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return &bot.RateLimitError{RetryAfter: max(rl.RetryAfter, time.Second)}
	}
	var sc slack.StatusCodeError
	if errors.As(err, &sc) && sc.Code == http.StatusTooManyRequests {
		return &bot.RateLimitError{RetryAfter: noHeaderWait}
	}
	var se slack.SlackErrorResponse
	code := err.Error()
	if errors.As(err, &se) {
		code = se.Err
	}
	if slices.Contains(permanent, code) {
		return &bot.PermanentError{Reason: "Slack answered " + code}
	}
	return err
}

// once tells whether key is seen for the first time (in the database,
// so a redelivery to another replica is caught too).
func (a *Adapter) once(ctx context.Context, key string) bool {
	first, err := a.o.Store.FirstTime(ctx, key)
	if err != nil {
		a.o.Logger.Warn("slack_dedupe_failed", "key", key, "error", err)
		return true // answer rather than lose the command
	}
	return first
}

// serve answers req in the background; the caller has acknowledged.
func (a *Adapter) serve(req bot.Request) {
	a.work.Go(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		if _, err := bot.Serve(ctx, a, a.o.Bot, req); err != nil {
			a.o.Logger.Error("slack_answer_failed", "channel", req.Channel, "user", req.User, "error", err)
		}
	})
}

// SlashCommand takes a /brief command: it must be acknowledged (HTTP
// 200, or a Socket Mode ack) at once; the answer follows through the
// response_url or the Web API. A redelivered command is answered once.
func (a *Adapter) SlashCommand(ctx context.Context, cmd slack.SlashCommand) {
	id := cmd.TriggerID
	if id == "" {
		id = fmt.Sprintf("%s:%s:%d", cmd.ChannelID, cmd.UserID, a.o.Now().UnixNano())
	}
	if !a.once(ctx, "slack.command:"+id) {
		return
	}
	a.keepResponseURL(id, cmd.ResponseURL)
	a.serve(bot.Request{Channel: Prefix + cmd.ChannelID, User: cmd.UserID, Text: cmd.Text, ID: id})
}

// keepResponseURL remembers the response_url of command id; expired
// ones are forgotten, at most once a minute.
func (a *Adapter) keepResponseURL(id, u string) {
	if u == "" {
		return
	}
	now := a.o.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	a.urls[id] = &responseURL{url: u, created: now}
	if now.Sub(a.pruned) < time.Minute {
		return
	}
	a.pruned = now
	for k, r := range a.urls {
		if now.Sub(r.created) > responseURLLifetime {
			delete(a.urls, k)
		}
	}
}

// mentionRe matches a leading mention of a user: <@U123> or <@U123|name>.
var leadingMention = regexp.MustCompile(`^\s*<@([A-Z0-9]+)(\|[^>]*)?>\s*`)

// Event takes an Events API callback: app mentions and direct messages
// are commands. A redelivered event (same event id) is handled once.
func (a *Adapter) Event(ctx context.Context, ev slackevents.EventsAPIEvent) {
	if ev.Type != slackevents.CallbackEvent {
		return
	}
	eventID := ""
	if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok {
		eventID = cb.EventID
	}
	if eventID != "" && !a.once(ctx, "slack.event:"+eventID) {
		return
	}
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		if e.BotID != "" || e.User == a.botID {
			return
		}
		text := leadingMention.ReplaceAllString(e.Text, "")
		thread := e.ThreadTimeStamp
		if thread == "" {
			thread = e.TimeStamp
		}
		a.serve(bot.Request{Channel: Prefix + e.Channel, User: e.User, Text: commandText(text), ID: "mention:" + thread})
	case *slackevents.MessageEvent:
		if e.ChannelType != "im" || e.BotID != "" || e.SubType != "" || e.User == "" || e.User == a.botID {
			return
		}
		a.serve(bot.Request{Channel: Prefix + e.Channel, User: e.User, Text: commandText(e.Text), ID: "dm:" + e.TimeStamp})
	}
}

// commandText strips an optional /brief or !brief and defaults to help.
func commandText(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"/brief", "!brief"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) && (len(s) == len(p) || s[len(p)] == ' ') {
			s = strings.TrimSpace(s[len(p):])
		}
	}
	if s == "" {
		return "help"
	}
	return s
}

// Interaction takes a button press: "Sources" shows the story's sources
// to the presser; "Subscribe this channel" subscribes the channel to the
// digest's topics (with the presser's rights).
func (a *Adapter) Interaction(ctx context.Context, cb slack.InteractionCallback) {
	if cb.Type != slack.InteractionTypeBlockActions {
		return
	}
	for _, act := range cb.ActionCallback.BlockActions {
		id := cb.TriggerID + ":" + act.ActionID
		if !a.once(ctx, "slack.action:"+id) {
			continue
		}
		a.keepResponseURL(id, cb.ResponseURL)
		channel := Prefix + cb.Channel.ID
		switch act.ActionID {
		case digest.SlackActionSources:
			a.serve(bot.Request{Channel: channel, User: cb.User.ID, Text: "story " + act.Value, ID: id})
		case digest.SlackActionSubscribe:
			for _, topic := range strings.Fields(act.Value) {
				a.serve(bot.Request{Channel: channel, User: cb.User.ID, Text: "subscribe " + topic, ID: id})
			}
		}
	}
}
