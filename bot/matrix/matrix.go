// Package matrix brings the bot to Matrix rooms on mautrix: a sync loop
// whose token is kept in briefbot's database, invites from allowed users
// accepted, commands answered as m.notice replies, and digests posted
// with transaction ids derived from their delivery keys, so a retried
// send (also after a crash) is dropped by the homeserver.
package matrix

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/digest"
	"github.com/briefbot/briefbot/store"
)

// Options configure an Adapter (the config's matrix section).
type Options struct {
	Homeserver  string
	UserID      string
	AccessToken string
	// Password logs in once; the token and device are kept in Store.
	Password            string
	Prefix              string   // default "!brief"
	Invites             []string // whose invites are accepted; * matches any run
	Admins              []string // may add and remove sources
	SubscribePowerLevel int      // may change a room's subscriptions
	// E2EE makes encrypted rooms work (mautrix's cryptohelper, built
	// with -tags goolm); keys and device live in Store's database.
	E2EE   bool
	Store  *store.Store
	Bot    *bot.Bot
	Logger *slog.Logger
	// SendTimeout bounds each send of an answer; default 20s.
	SendTimeout time.Duration
	// HTTPClient, when set, replaces mautrix's (tests).
	HTTPClient *http.Client
}

// Adapter is the Matrix platform. It implements bot.Platform and
// bot.Moderators for channels named matrix:!roomid:server.
type Adapter struct {
	o   Options
	cli *mautrix.Client

	mu      sync.Mutex
	pending []bot.Request       // commands seen in the sync batch being processed
	skip    map[id.EventID]bool // events of the very first sync: history, not commands

	// connMu serializes logging in; ready is set once the client holds a
	// checked token (and its device's keys, with E2EE).
	connMu sync.Mutex
	ready  atomic.Bool
}

// Prefix is the channel prefix of Matrix rooms.
const Prefix = "matrix:"

// session is what a password login leaves in the store.
type session struct {
	UserID      string `json:"user_id"`
	Homeserver  string `json:"homeserver"`
	AccessToken string `json:"access_token"`
	DeviceID    string `json:"device_id"`
}

const sessionKey = "matrix.session"

// New logs in (with the token, or with the password the first time) and
// returns an adapter ready to Run. A homeserver that cannot be reached
// (no answer, a 5xx, 429) is not an error: the adapter logs in when Run
// starts or a post is made, whichever comes first, so a homeserver that
// restarts with briefbot does not stop it. A refused login is an error.
func New(ctx context.Context, o Options) (*Adapter, error) {
	if o.Prefix == "" {
		o.Prefix = "!brief"
	}
	if o.SendTimeout <= 0 {
		o.SendTimeout = 20 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	a := &Adapter{o: o, skip: map[id.EventID]bool{}}
	if o.AccessToken == "" && o.Password == "" {
		return nil, errors.New("matrix: need matrix.access_token or matrix.password")
	}
	cli, err := mautrix.NewClient(o.Homeserver, id.UserID(o.UserID), "")
	if err != nil {
		return nil, fmt.Errorf("matrix: %w", err)
	}
	if o.HTTPClient != nil {
		cli.Client = o.HTTPClient
	}
	a.cli = cli
	s := &syncer{DefaultSyncer: mautrix.NewDefaultSyncer(), a: a}
	s.OnSync(a.onSync)
	s.OnEventType(event.StateMember, a.onMember)
	s.OnEventType(event.StateTombstone, a.onTombstone)
	s.OnEventType(event.EventMessage, a.onMessage)
	cli.Syncer = s
	if err := a.connect(ctx); err != nil {
		if !unreachable(err) || ctx.Err() != nil {
			return nil, err
		}
		o.Logger.Warn("matrix_unreachable", "homeserver", o.Homeserver, "error", err)
	}
	return a, nil
}

// connect logs in and sets the adapter ready; it is called with connMu
// held, or before the adapter is shared.
func (a *Adapter) connect(ctx context.Context) error {
	o, cli := a.o, a.cli
	token, device := o.AccessToken, ""
	if token == "" {
		if raw, err := o.Store.Meta(ctx, sessionKey); err != nil {
			return err
		} else if raw != "" {
			var s session
			if json.Unmarshal([]byte(raw), &s) == nil && s.UserID == o.UserID && s.Homeserver == o.Homeserver {
				token, device = s.AccessToken, s.DeviceID
			}
		}
	}
	cli.AccessToken, cli.DeviceID = token, id.DeviceID(device)
	if token != "" {
		who, err := cli.Whoami(ctx)
		switch {
		case err == nil:
			if string(who.UserID) != o.UserID {
				return fmt.Errorf("matrix: the access token belongs to %s, not matrix.user_id %s", who.UserID, o.UserID)
			}
			cli.DeviceID = who.DeviceID
		case errors.Is(err, mautrix.MUnknownToken) && o.Password != "":
			token = "" // the kept token was revoked: log in again
		default:
			return fmt.Errorf("matrix: checking the access token at %s: %w", o.Homeserver, err)
		}
	}
	if token == "" { // New made sure there is a password then
		resp, err := cli.Login(ctx, &mautrix.ReqLogin{
			Type:                     mautrix.AuthTypePassword,
			Identifier:               mautrix.UserIdentifier{Type: mautrix.IdentifierTypeUser, User: o.UserID},
			Password:                 o.Password,
			InitialDeviceDisplayName: "briefbot",
			StoreCredentials:         true,
		})
		if err != nil {
			return fmt.Errorf("matrix: logging in as %s: %w", o.UserID, err)
		}
		raw, _ := json.Marshal(session{UserID: o.UserID, Homeserver: o.Homeserver, AccessToken: resp.AccessToken, DeviceID: string(resp.DeviceID)})
		if err := o.Store.SetMeta(ctx, sessionKey, string(raw)); err != nil {
			return err
		}
	}
	cli.Store = syncStore{o.Store}
	if o.E2EE {
		if err := a.enableCrypto(ctx); err != nil {
			return fmt.Errorf("matrix: end-to-end encryption: %w", err)
		}
	}
	a.ready.Store(true)
	return nil
}

// ensure logs in if New could not: every call that talks to the
// homeserver goes through it.
func (a *Adapter) ensure(ctx context.Context) error {
	if a.ready.Load() {
		return nil
	}
	a.connMu.Lock()
	defer a.connMu.Unlock()
	if a.ready.Load() {
		return nil
	}
	return a.connect(ctx)
}

// unreachable tells a homeserver that did not answer, or answered that
// it cannot now (5xx, 429), from one that refused.
func unreachable(err error) bool {
	var he mautrix.HTTPError
	if errors.As(err, &he) {
		if he.Response == nil {
			return true // the request never got an answer
		}
		code := he.Response.StatusCode
		return code >= 500 || code == http.StatusTooManyRequests || code == http.StatusRequestTimeout
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// connectRetry is how long Run waits between logins at first; the wait
// doubles up to connectRetryMax.
const connectRetry, connectRetryMax = 2 * time.Second, time.Minute

// Client is the underlying mautrix client.
func (a *Adapter) Client() *mautrix.Client { return a.cli }

// Run syncs until ctx ends; the sync token is kept in the store, so a
// restart neither misses nor repeats events.
func (a *Adapter) Run(ctx context.Context) error {
	for wait := connectRetry; ; wait = min(2*wait, connectRetryMax) {
		err := a.ensure(ctx)
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			return nil
		}
		if !unreachable(err) {
			return err
		}
		a.o.Logger.Warn("matrix_unreachable", "homeserver", a.o.Homeserver, "retry_in", wait.String(), "error", err)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return nil
		}
	}
	err := a.cli.SyncWithContext(ctx)
	if ctx.Err() != nil {
		return nil
	}
	return fmt.Errorf("matrix sync: %w", err)
}

// syncer runs a batch's commands after its events were dispatched and
// before its token is saved: a crash repeats the batch, and the answers'
// transaction ids make the homeserver drop what was sent already.
type syncer struct {
	*mautrix.DefaultSyncer
	a *Adapter
}

func (s *syncer) ProcessResponse(ctx context.Context, res *mautrix.RespSync, since string) error {
	err := s.DefaultSyncer.ProcessResponse(ctx, res, since)
	s.a.runPending(ctx)
	return err
}

// OnFailedSync waits and retries, whatever failed (the homeserver may be
// restarting).
func (s *syncer) OnFailedSync(_ *mautrix.RespSync, err error) (time.Duration, error) {
	s.a.o.Logger.Warn("matrix_sync_failed", "error", err)
	return 5 * time.Second, nil
}

// onSync marks the first sync's timelines as history: no command in them
// is answered. Invites in it are still handled.
func (a *Adapter) onSync(_ context.Context, res *mautrix.RespSync, since string) bool {
	if since != "" {
		return true
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, room := range res.Rooms.Join {
		for _, evt := range room.Timeline.Events {
			a.skip[evt.ID] = true
		}
	}
	return true
}

func (a *Adapter) old(evt *event.Event) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.skip[evt.ID]
}

// floorKey keeps, per room, the time of the invite the bot accepted:
// commands from before it are history, those after it are answered even
// when they arrive in the batch that holds the bot's join.
func floorKey(room id.RoomID) string { return "matrix.floor:" + string(room) }

func (a *Adapter) onMember(ctx context.Context, evt *event.Event) {
	if evt.GetStateKey() != a.o.UserID || a.old(evt) {
		return
	}
	m := evt.Content.AsMember()
	room := evt.RoomID
	switch m.Membership {
	case event.MembershipInvite:
		if evt.Mautrix.EventSource&event.SourceInvite == 0 {
			return
		}
		if !a.invitedBy(string(evt.Sender)) {
			a.o.Logger.Info("matrix_invite_refused", "room", room, "sender", evt.Sender)
			if _, err := a.cli.LeaveRoom(ctx, room); err != nil {
				a.o.Logger.Warn("matrix_reject_failed", "room", room, "error", err)
			}
			return
		}
		if err := a.o.Store.SetMeta(ctx, floorKey(room), strconv.FormatInt(evt.Timestamp, 10)); err != nil {
			a.o.Logger.Error("matrix_store_failed", "error", err)
		}
		if _, err := a.cli.JoinRoomByID(ctx, room); err != nil {
			a.o.Logger.Warn("matrix_join_failed", "room", room, "error", err)
			return
		}
		a.o.Logger.Info("matrix_joined", "room", room, "inviter", evt.Sender)
		a.upgraded(ctx, room)
	case event.MembershipLeave, event.MembershipBan:
		if evt.Sender == id.UserID(a.o.UserID) {
			return // the bot left by itself (a room upgrade)
		}
		reason := fmt.Sprintf("the bot was removed from the room by %s", evt.Sender)
		if m.Membership == event.MembershipBan {
			reason = fmt.Sprintf("the bot was banned from the room by %s", evt.Sender)
		}
		n, err := a.o.Store.PauseChannel(ctx, Prefix+string(room), reason)
		if err != nil {
			a.o.Logger.Error("matrix_pause_failed", "room", room, "error", err)
			return
		}
		a.o.Logger.Warn("matrix_removed", "room", room, "by", evt.Sender, "paused", n)
	}
}

// invitedBy tells whether matrix.invites admits user.
func (a *Adapter) invitedBy(user string) bool {
	for _, pat := range a.o.Invites {
		if globMatch(pat, user) {
			return true
		}
	}
	return false
}

// globMatch matches s against pat, where * is any run of characters.
func globMatch(pat, s string) bool {
	parts := strings.Split(pat, "*")
	if len(parts) == 1 {
		return pat == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return strings.HasSuffix(s, parts[len(parts)-1])
}

// onTombstone follows a room upgrade: the bot joins the new room and the
// old room's subscriptions, filters and watchlists move there.
func (a *Adapter) onTombstone(ctx context.Context, evt *event.Event) {
	if a.old(evt) || evt.Mautrix.EventSource&event.SourceTimeline == 0 {
		return
	}
	t := evt.Content.AsTombstone()
	if t.ReplacementRoom == "" {
		return
	}
	// Until the bot is in the new room, the move waits (an invite-only
	// room needs an invite first, which then completes it).
	if err := a.o.Store.SetMeta(ctx, upgradeKey(t.ReplacementRoom), string(evt.RoomID)); err != nil {
		a.o.Logger.Error("matrix_store_failed", "error", err)
		return
	}
	server := evt.RoomID.String()[strings.Index(evt.RoomID.String(), ":")+1:]
	if _, err := a.cli.JoinRoom(ctx, string(t.ReplacementRoom), &mautrix.ReqJoinRoom{Via: []string{server}}); err != nil {
		a.o.Logger.Warn("matrix_upgrade_waits_for_invite", "room", t.ReplacementRoom, "error", err)
		return
	}
	a.upgraded(ctx, t.ReplacementRoom)
}

// upgradeKey holds, for a replacement room, the room it replaces.
func upgradeKey(room id.RoomID) string { return "matrix.upgrade:" + string(room) }

// upgraded moves the subscriptions of the room that room replaces, once
// the bot is in it.
func (a *Adapter) upgraded(ctx context.Context, room id.RoomID) {
	old, err := a.o.Store.Meta(ctx, upgradeKey(room))
	if err != nil || old == "" {
		return
	}
	n, err := a.o.Store.MoveChannel(ctx, Prefix+old, Prefix+string(room))
	if err != nil {
		a.o.Logger.Error("matrix_move_failed", "error", err)
		return
	}
	_ = a.o.Store.SetMeta(ctx, upgradeKey(room), "")
	a.o.Logger.Info("matrix_room_upgraded", "from", old, "to", room, "subscriptions", n)
}

// onMessage queues a command for runPending.
func (a *Adapter) onMessage(ctx context.Context, evt *event.Event) {
	if evt.Sender == id.UserID(a.o.UserID) || a.old(evt) {
		return
	}
	c := evt.Content.AsMessage()
	if c.MsgType != event.MsgText || c.GetRelatesTo().GetReplaceID() != "" {
		return // notices are other bots; edits are not new commands
	}
	text, ok := a.command(c.Body)
	if !ok {
		return
	}
	if raw, _ := a.o.Store.Meta(ctx, floorKey(evt.RoomID)); raw != "" {
		if floor, _ := strconv.ParseInt(raw, 10, 64); evt.Timestamp < floor {
			return
		}
	}
	a.mu.Lock()
	a.pending = append(a.pending, bot.Request{Channel: Prefix + string(evt.RoomID), User: string(evt.Sender), Text: text, ID: string(evt.ID)})
	a.mu.Unlock()
}

// command strips the command prefix ("!brief latest" → "latest").
func (a *Adapter) command(body string) (string, bool) {
	body = strings.TrimSpace(body)
	p := a.o.Prefix
	if len(body) < len(p) || !strings.EqualFold(body[:len(p)], p) {
		return "", false
	}
	rest := body[len(p):]
	if rest != "" && rest[0] != ' ' && rest[0] != '\n' && rest[0] != '\t' {
		return "", false // "!briefly" is not a command
	}
	return strings.TrimSpace(rest), true
}

// runPending answers the batch's commands, a few at a time.
func (a *Adapter) runPending(ctx context.Context) {
	a.mu.Lock()
	reqs := a.pending
	a.pending = nil
	a.mu.Unlock()
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for _, req := range reqs {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			if req.Text == "" {
				req.Text = "help"
			}
			if _, err := bot.Serve(ctx, a, a.o.Bot, req); err != nil {
				a.o.Logger.Error("matrix_answer_failed", "room", req.Channel, "event", req.ID, "error", err)
			}
		})
	}
	wg.Wait()
}

// TxnID is the transaction id of the delivery with key: the same key
// always gives the same id, so the homeserver drops a repeated send.
func TxnID(key string) string {
	h := sha256.Sum256([]byte(key))
	return "bb" + hex.EncodeToString(h[:16])
}

func roomOf(channel string) (id.RoomID, error) {
	r, ok := strings.CutPrefix(channel, Prefix)
	if !ok || !strings.HasPrefix(r, "!") {
		return "", &bot.PermanentError{Reason: fmt.Sprintf("%q is not a Matrix room (want matrix:!roomid:server)", channel)}
	}
	return id.RoomID(r), nil
}

// Render turns a response into m.notice contents (JSON): a digest by the
// digest's Matrix renderer (split under the event size limit), other
// answers as text with their links made clickable.
func (a *Adapter) Render(r bot.Response) []string {
	var out []string
	if r.Digest != nil {
		for _, e := range digest.RenderMatrix(*r.Digest) {
			b, _ := json.Marshal(e)
			out = append(out, string(b))
		}
		return out
	}
	for _, chunk := range splitText(r.Text, maxText) {
		b, _ := json.Marshal(textNotice(chunk))
		out = append(out, string(b))
	}
	return out
}

// maxText keeps a text event far under Matrix's 64 KiB event limit once
// it is doubled into body and formatted_body and escaped.
const maxText = 16000

// splitText cuts s at line ends into pieces of at most n bytes.
func splitText(s string, n int) []string {
	var out []string
	for len(s) > n {
		cut := strings.LastIndex(s[:n], "\n")
		if cut <= 0 {
			cut = n
			for cut > 0 && !utf8Start(s[cut]) {
				cut--
			}
		}
		out = append(out, s[:cut])
		s = strings.TrimPrefix(s[cut:], "\n")
	}
	return append(out, s)
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// mentionRe finds broadcast mentions, neutralized so feed text pings
// nobody.
var mentionRe = regexp.MustCompile(`(?i)@(room|channel|here|everyone)`)

// linkRe finds the <https://…> links of the bot's plain-text answers.
var linkRe = regexp.MustCompile(`<(https?://[^\s<>]+)>`)

// textNotice is an m.notice of plain text, with a sanitized HTML
// formatted_body: everything escaped, links as anchors, line breaks kept.
func textNotice(text string) digest.MatrixEvent {
	text = mentionRe.ReplaceAllString(text, "@\u200d$1")
	var h strings.Builder
	last := 0
	for _, m := range linkRe.FindAllStringSubmatchIndex(text, -1) {
		h.WriteString(html.EscapeString(text[last:m[0]]))
		u := text[m[2]:m[3]]
		h.WriteString(`<a href="` + html.EscapeString(u) + `">` + html.EscapeString(u) + `</a>`)
		last = m[1]
	}
	h.WriteString(html.EscapeString(text[last:]))
	e := digest.MatrixEvent{MsgType: "m.notice", Body: text, Format: "org.matrix.custom.html",
		FormattedBody: strings.ReplaceAll(h.String(), "\n", "<br>")}
	return e
}

// content parses a rendered payload into an event content map; a payload
// that is not JSON (written by another renderer) is sent as text.
func content(payload string) map[string]any {
	var c map[string]any
	if json.Unmarshal([]byte(payload), &c) != nil || c["msgtype"] == nil {
		b, _ := json.Marshal(textNotice(payload))
		_ = json.Unmarshal(b, &c)
	}
	return c
}

// Post sends a rendered message, in the m.thread of thread when set. The
// transaction id comes from key.
func (a *Adapter) Post(ctx context.Context, channel, thread, payload, key string) (string, error) {
	room, err := roomOf(channel)
	if err != nil {
		return "", err
	}
	if err := a.ensure(ctx); err != nil {
		return "", err // retried with backoff
	}
	c := content(payload)
	c[deliveryField] = TxnID(key)
	if thread != "" {
		c["m.relates_to"] = map[string]any{"rel_type": "m.thread", "event_id": thread, "is_falling_back": true,
			"m.in_reply_to": map[string]any{"event_id": thread}}
	}
	resp, err := a.cli.SendMessageEvent(ctx, room, event.EventMessage, c, mautrix.ReqSendEvent{TransactionID: TxnID(key)})
	if err != nil {
		return "", classify(err)
	}
	return string(resp.EventID), nil
}

// deliveryField marks a posted delivery in its event's content (with its
// transaction id), so that Sent can find it.
const deliveryField = "org.briefbot.delivery"

// Sent looks among the bot's latest events in the room for the delivery
// with key: Dendrite drops a repeated transaction id only once it has
// finished the first send, so a send cut short by a crash may have
// posted without that being known. Encrypted rooms hide the field: there
// the transaction id alone guards.
func (a *Adapter) Sent(ctx context.Context, channel, key string) (string, bool, error) {
	room, err := roomOf(channel)
	if err != nil {
		return "", false, err
	}
	if err := a.ensure(ctx); err != nil {
		return "", false, err
	}
	want := TxnID(key)
	filter := &mautrix.FilterPart{Senders: []id.UserID{id.UserID(a.o.UserID)}}
	resp, err := a.cli.Messages(ctx, room, "", "", mautrix.DirectionBackward, filter, 100)
	if err != nil {
		return "", false, classify(err)
	}
	for _, e := range resp.Chunk {
		if e.Sender == id.UserID(a.o.UserID) && e.Type == event.EventMessage {
			if v, _ := e.Content.Raw[deliveryField].(string); v == want {
				return string(e.ID), true, nil
			}
		}
	}
	return "", false, nil
}

// Edit replaces message ref with a new rendered payload (m.replace).
func (a *Adapter) Edit(ctx context.Context, channel, ref, payload string) error {
	room, err := roomOf(channel)
	if err != nil {
		return err
	}
	if err := a.ensure(ctx); err != nil {
		return err
	}
	nc := content(payload)
	c := map[string]any{"msgtype": nc["msgtype"], "body": "* " + fmt.Sprint(nc["body"]), "m.new_content": nc,
		"m.relates_to": map[string]any{"rel_type": "m.replace", "event_id": ref}}
	if fb, ok := nc["formatted_body"].(string); ok {
		c["format"], c["formatted_body"] = "org.matrix.custom.html", "* "+fb
	}
	_, err = a.cli.SendMessageEvent(ctx, room, event.EventMessage, c, mautrix.ReqSendEvent{TransactionID: TxnID("edit:" + ref + ":" + payload)})
	return classify(err)
}

// Answer replies to the command in its room (Matrix has no ephemeral
// messages), each send with its own deadline. The transaction ids come
// from the command's event id: a command seen twice is answered once.
func (a *Adapter) Answer(ctx context.Context, req bot.Request, r bot.Response) error {
	room, err := roomOf(req.Channel)
	if err != nil {
		return err
	}
	if err := a.ensure(ctx); err != nil {
		return err
	}
	for i, part := range a.Render(r) {
		c := content(part)
		if req.ID != "" {
			c["m.relates_to"] = map[string]any{"m.in_reply_to": map[string]any{"event_id": req.ID}}
		}
		key := fmt.Sprintf("answer:%s#%d", req.ID, i+1)
		if req.ID == "" {
			key = fmt.Sprintf("answer:%s:%d#%d", req.Channel, time.Now().UnixNano(), i+1)
		}
		if err := a.sendRetrying(ctx, room, c, TxnID(key)); err != nil {
			return err
		}
	}
	return nil
}

// sendRetrying sends an answer, waiting out rate limits a few times.
func (a *Adapter) sendRetrying(ctx context.Context, room id.RoomID, c map[string]any, txn string) error {
	for attempt := 0; ; attempt++ {
		sctx, cancel := context.WithTimeout(ctx, a.o.SendTimeout)
		_, err := a.cli.SendMessageEvent(sctx, room, event.EventMessage, c, mautrix.ReqSendEvent{TransactionID: txn})
		cancel()
		err = classify(err)
		var rl *bot.RateLimitError
		if err == nil || !errors.As(err, &rl) || attempt >= 5 {
			return err
		}
		select {
		case <-time.After(rl.RetryAfter):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// IsAdmin: matrix.admins may add and remove sources.
func (a *Adapter) IsAdmin(_ context.Context, _, user string) (bool, error) {
	return slices.Contains(a.o.Admins, user), nil
}

// IsModerator: a power level of matrix.subscribe_power_level or more in
// the room.
func (a *Adapter) IsModerator(ctx context.Context, channel, user string) (bool, error) {
	room, err := roomOf(channel)
	if err != nil {
		return false, err
	}
	if err := a.ensure(ctx); err != nil {
		return false, err
	}
	var pl event.PowerLevelsEventContent
	if err := a.cli.StateEvent(ctx, room, event.StatePowerLevels, "", &pl); err != nil {
		return false, err
	}
	return pl.GetUserLevel(id.UserID(user)) >= a.o.SubscribePowerLevel, nil
}

// classify turns a homeserver's refusal into the delivery engine's
// errors: a rate limit into *bot.RateLimitError (Retry-After header, or
// retry_after_ms), a refusal to post into *bot.PermanentError.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var he mautrix.HTTPError
	if !errors.As(err, &he) {
		return err
	}
	status := 0
	if he.Response != nil {
		status = he.Response.StatusCode
	}
	code := ""
	if he.RespError != nil {
		code = he.RespError.ErrCode
	}
	switch {
	case code == "M_LIMIT_EXCEEDED" || status == http.StatusTooManyRequests:
		wait := 5 * time.Second
		if he.Response != nil {
			if s, err := strconv.Atoi(he.Response.Header.Get("Retry-After")); err == nil && s >= 0 {
				wait = time.Duration(s) * time.Second
			}
		}
		if he.RespError != nil {
			if ms, ok := he.RespError.ExtraData["retry_after_ms"].(float64); ok && ms >= 0 {
				wait = time.Duration(ms) * time.Millisecond
			}
		}
		return &bot.RateLimitError{RetryAfter: max(wait, 100*time.Millisecond)}
	case code == "M_FORBIDDEN" || code == "M_NOT_FOUND" && status == http.StatusNotFound:
		return &bot.PermanentError{Reason: fmt.Sprintf("the homeserver refuses posts to this room (%s: %s)", code, he.RespError.Err)}
	}
	return err
}

// syncStore keeps the sync token and filter id in briefbot's database.
type syncStore struct{ st *store.Store }

func (s syncStore) SaveFilterID(ctx context.Context, u id.UserID, f string) error {
	return s.st.SetMeta(ctx, "matrix.filter:"+string(u), f)
}

func (s syncStore) LoadFilterID(ctx context.Context, u id.UserID) (string, error) {
	return s.st.Meta(ctx, "matrix.filter:"+string(u))
}

func (s syncStore) SaveNextBatch(ctx context.Context, u id.UserID, t string) error {
	return s.st.SetMeta(ctx, "matrix.next_batch:"+string(u), t)
}

func (s syncStore) LoadNextBatch(ctx context.Context, u id.UserID) (string, error) {
	return s.st.Meta(ctx, "matrix.next_batch:"+string(u))
}
