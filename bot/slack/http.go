package slack

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// The paths of HTTP mode, as the app manifest (slack/manifest.yaml)
// names them in its request URLs.
const (
	PathCommands    = "/slack/commands"    // slash commands, form-encoded
	PathEvents      = "/slack/events"      // Events API, JSON
	PathInteractive = "/slack/interactive" // button presses: form field payload, JSON
)

const (
	// MaxRequestBody is the largest request body HTTP mode reads; a
	// larger one is refused with 413 before its signature is checked.
	// Slack's requests are a few kilobytes.
	MaxRequestBody = 1 << 20
	// MaxClockSkew is how far a request's X-Slack-Request-Timestamp may
	// be from the adapter's clock, either way (Slack's advice: 5 minutes).
	MaxClockSkew = 5 * time.Minute
	// handoffTimeout bounds a hand-off to the adapter once it has its
	// turn at the store (its dedupe write); the answer itself runs under
	// its own deadline.
	handoffTimeout = 30 * time.Second
)

// Handler serves Slack's HTTP mode: POST /slack/commands (slash
// commands), POST /slack/events (the Events API) and POST
// /slack/interactive (button presses). Any other path is 404, any other
// method 405.
//
// Every request's body is read (at most MaxRequestBody, else 413) and its
// signature checked before anything in it is parsed: "v0=" +
// hex(HMAC-SHA256(signing secret, "v0:" + timestamp + ":" + body)),
// compared in constant time, with a timestamp within MaxClockSkew of the
// adapter's clock. A missing or wrong signature, a timestamp out of the
// window, or a signature already seen (a replay; recorded in the store,
// so every replica sees it) gets 401 with a short plain-text reason.
//
// A valid request is acknowledged at once with 200 and an empty body (the
// challenge for url_verification): nothing but the signature check and
// one store write comes before the ack, so a command is acknowledged well
// within Slack's 3 seconds even in a burst. The command, event or button
// press is then handed to SlashCommand, Event or Interaction in the
// background (they dedupe a retried event or a redelivered command
// through the store, and answer), counted by Wait: on shutdown, let the
// HTTP server finish its requests (http.Server.Shutdown), then call Wait.
//
// The handler's store work takes turns: the replay checks, which acks
// wait on, before the hand-offs (see turns).
func (a *Adapter) Handler() http.Handler {
	h := &httpMode{Adapter: a}
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+PathCommands, h.serveCommand)
	mux.HandleFunc("POST "+PathEvents, h.serveEvents)
	mux.HandleFunc("POST "+PathInteractive, h.serveInteractive)
	return mux
}

// httpMode is the state of one Handler.
type httpMode struct {
	*Adapter
	// turns orders the handler's store writes: the replay checks, which
	// hold up acks, before the hand-offs' dedupe writes, which hold up
	// nothing but answers.
	turns turns
}

// serveCommand takes a slash command.
func (h *httpMode) serveCommand(w http.ResponseWriter, r *http.Request) {
	body, ok := h.verify(w, r)
	if !ok {
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "malformed form body", http.StatusBadRequest)
		return
	}
	if form.Get("ssl_check") == "1" { // Slack checking the certificate
		ack(w)
		return
	}
	// slack-go's parsing, on the form already read: ParseForm leaves a
	// request with Form and PostForm set alone.
	r.Form, r.PostForm = form, form
	cmd, err := slack.SlashCommandParse(r)
	if err != nil || cmd.ChannelID == "" || cmd.UserID == "" {
		http.Error(w, "not a slash command", http.StatusBadRequest)
		return
	}
	ack(w)
	h.handoff(r, func(ctx context.Context) { h.SlashCommand(ctx, cmd) })
}

// serveEvents takes an Events API request: url_verification is answered
// with its challenge, event callbacks are acknowledged and handed to
// Event (which handles a retried event id once).
func (h *httpMode) serveEvents(w http.ResponseWriter, r *http.Request) {
	body, ok := h.verify(w, r)
	if !ok {
		return
	}
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		if !json.Valid(body) {
			http.Error(w, "malformed JSON body", http.StatusBadRequest)
			return
		}
		// A signed event we cannot read (an inner event type slack-go
		// does not know): acknowledged, or Slack retries it for nothing.
		h.o.Logger.Warn("slack_event_unreadable", "error", err)
		ack(w)
		return
	}
	switch ev.Type {
	case slackevents.URLVerification:
		v, _ := ev.Data.(*slackevents.EventsAPIURLVerificationEvent)
		if v == nil || v.Challenge == "" {
			http.Error(w, "url_verification without a challenge", http.StatusBadRequest)
			return
		}
		b, _ := json.Marshal(map[string]string{"challenge": v.Challenge})
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		_, _ = w.Write(b)
	case slackevents.CallbackEvent:
		ack(w)
		if n := r.Header.Get("X-Slack-Retry-Num"); n != "" {
			h.o.Logger.Info("slack_event_retried", "retry", n, "reason", r.Header.Get("X-Slack-Retry-Reason"))
		}
		h.handoff(r, func(ctx context.Context) { h.Event(ctx, ev) })
	case slackevents.AppRateLimited:
		ack(w)
		h.o.Logger.Warn("slack_events_rate_limited", "data", ev.Data)
	default:
		ack(w)
		h.o.Logger.Debug("slack_event_ignored", "type", ev.Type)
	}
}

// serveInteractive takes a button press: the form field payload holds
// the interaction callback's JSON.
func (h *httpMode) serveInteractive(w http.ResponseWriter, r *http.Request) {
	body, ok := h.verify(w, r)
	if !ok {
		return
	}
	form, err := url.ParseQuery(string(body))
	payload := form.Get("payload")
	if err != nil || payload == "" {
		http.Error(w, "no payload", http.StatusBadRequest)
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(payload), &cb); err != nil {
		http.Error(w, "malformed payload", http.StatusBadRequest)
		return
	}
	ack(w)
	h.handoff(r, func(ctx context.Context) { h.Interaction(ctx, cb) })
}

// ack answers 200 with an empty body.
func ack(w http.ResponseWriter) {
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusOK)
}

// handoff runs take (SlashCommand, Event or Interaction) after the ack,
// in the background and counted by Wait, so the request's connection is
// free for Slack's next request at once; it waits for its turn at the
// store first. Its context keeps the request's values, not its
// cancellation (Slack may hang up once it has the ack).
func (h *httpMode) handoff(r *http.Request, take func(context.Context)) {
	ctx := context.WithoutCancel(r.Context())
	h.work.Go(func() {
		_ = h.turns.wait(ctx, false) // no error: ctx does not end
		defer h.turns.done()
		ctx, cancel := context.WithTimeout(ctx, handoffTimeout)
		defer cancel()
		take(ctx)
	})
}

// verify reads the body and checks the request's signature and
// freshness, then records the signature so it is taken once. On refusal
// it writes the answer (413, 401, or 503 when the store fails) and
// returns false.
func (h *httpMode) verify(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if r.ContentLength > MaxRequestBody {
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxRequestBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		} else {
			http.Error(w, "cannot read the request body", http.StatusBadRequest)
		}
		return nil, false
	}
	sig, reason := checkSignature(h.o.SigningSecret, r.Header, body, h.o.Now())
	if reason != "" {
		h.o.Logger.Warn("slack_request_refused", "path", r.URL.Path, "reason", reason, "remote", r.RemoteAddr)
		http.Error(w, reason, http.StatusUnauthorized)
		return nil, false
	}
	if h.turns.wait(r.Context(), true) != nil {
		return nil, false // Slack hung up
	}
	first, err := h.o.Store.FirstTime(r.Context(), "slack.sig:"+sig)
	h.turns.done()
	if err != nil {
		h.o.Logger.Error("slack_replay_check_failed", "path", r.URL.Path, "error", err)
		http.Error(w, "cannot check the request now", http.StatusServiceUnavailable)
		return nil, false
	}
	if !first {
		h.o.Logger.Warn("slack_request_refused", "path", r.URL.Path, "reason", "replayed", "remote", r.RemoteAddr)
		http.Error(w, "replayed request", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}

// checkSignature checks Slack's request signature at time now. It
// returns the signature in canonical form (lower-case hex, so a replay
// cannot pass as new by changing the case) or the reason for a refusal.
func checkSignature(secret string, h http.Header, body []byte, now time.Time) (sig, reason string) {
	if secret == "" {
		return "", "request signing is not configured (slack.signing_secret)"
	}
	stamp, given := h.Get("X-Slack-Request-Timestamp"), h.Get("X-Slack-Signature")
	switch {
	case stamp == "":
		return "", "missing X-Slack-Request-Timestamp"
	case given == "":
		return "", "missing X-Slack-Signature"
	}
	secs, err := strconv.ParseInt(stamp, 10, 64)
	if err != nil {
		return "", "malformed X-Slack-Request-Timestamp"
	}
	switch skew := now.Sub(time.Unix(secs, 0)); {
	case skew > MaxClockSkew:
		return "", "stale request timestamp"
	case skew < -MaxClockSkew:
		return "", "request timestamp in the future"
	}
	hexMAC, ok := strings.CutPrefix(given, "v0=")
	if !ok {
		return "", "unsupported signature version"
	}
	got, err := hex.DecodeString(hexMAC)
	if err != nil || len(got) != sha256.Size {
		return "", "malformed X-Slack-Signature"
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + stamp + ":"))
	mac.Write(body)
	want := mac.Sum(nil)
	if !hmac.Equal(got, want) {
		return "", "bad signature"
	}
	return "v0=" + hex.EncodeToString(want), ""
}

// turns is a lock over the store for the handler's work, taken in turn:
// urgent takers (replay checks: an ack waits on each) first come, first
// served, then the others (hand-offs, whose dedupe writes hold up
// nothing but answers), which still get a turn after every maxUrgentRun
// urgent ones so that answers do not starve under a steady stream of
// commands.
//
// The store has a single connection. Left to themselves, the requests of
// a burst queue in database/sql, which hands the connection to a random
// waiter: some acks then wait several times longer than the median, and
// the hand-offs take every other write. In BenchmarkSlashCommandAck (200
// concurrent commands on 2 cores) that made the p99 to the ack about
// 500 ms; with turns it is about 70 ms.
type turns struct {
	mu     sync.Mutex
	busy   bool
	urgent []chan struct{}
	other  []chan struct{}
	run    int // urgent turns given in a row while others waited
}

// maxUrgentRun: at 8 the p99 above was about 100 ms; at 32 hand-offs
// still get 3% of the turns when acks keep coming.
const maxUrgentRun = 32

// wait waits for a turn; done ends it. On ctx's end it returns ctx's
// error, without a turn.
func (t *turns) wait(ctx context.Context, urgent bool) error {
	t.mu.Lock()
	if !t.busy {
		t.busy = true
		t.mu.Unlock()
		return nil
	}
	ch := make(chan struct{})
	if urgent {
		t.urgent = append(t.urgent, ch)
	} else {
		t.other = append(t.other, ch)
	}
	t.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
	}
	t.mu.Lock()
	queued := false
	for _, q := range []*[]chan struct{}{&t.urgent, &t.other} {
		if i := slices.Index(*q, ch); i >= 0 {
			*q = slices.Delete(*q, i, i+1)
			queued = true
		}
	}
	t.mu.Unlock()
	if !queued { // the turn came as ctx ended: pass it on
		<-ch
		t.done()
	}
	return ctx.Err()
}

// done ends a turn, giving the next one.
func (t *turns) done() {
	t.mu.Lock()
	defer t.mu.Unlock()
	next := func(q *[]chan struct{}) {
		close((*q)[0])
		(*q)[0] = nil
		*q = (*q)[1:]
	}
	switch {
	case len(t.urgent) > 0 && (len(t.other) == 0 || t.run < maxUrgentRun):
		if len(t.other) > 0 {
			t.run++
		}
		next(&t.urgent)
	case len(t.other) > 0:
		t.run = 0
		next(&t.other)
	default:
		t.busy = false
		t.run = 0
	}
}
