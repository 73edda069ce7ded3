package slackfake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// ErrNotConnected is returned by DropConnection and SendDisconnect when no
// Socket Mode client is connected.
var ErrNotConnected = errors.New("slackfake: no Socket Mode connection")

var errClosed = errors.New("slackfake: server closed")

// sockets is Slack's side of Socket Mode. Envelopes go to the newest live
// connection; an envelope sent on a connection that dies before its ack
// is sent again, retry_attempt one higher, on the next connection.
type sockets struct {
	tickets  map[string]bool // unused apps.connections.open tickets
	conns    []*wsConn       // live connections, oldest first
	connects int
	pending  []*envelope // sent or to send, not acked yet
	closed   bool
}

func newSockets() sockets { return sockets{tickets: map[string]bool{}} }

// envelope is one Socket Mode request waiting for its ack.
type envelope struct {
	id              string
	typ             string
	payload         json.RawMessage
	acceptsResponse bool
	sends           int     // times sent so far: the next retry_attempt
	conn            *wsConn // connection of the last send; nil when it must be sent
	cmd             *SlashCommand
	acked           chan ackResult // buffered, receives once
}

type ackResult struct {
	payload json.RawMessage
	err     error
}

// wsConn is one Socket Mode websocket. A single goroutine writes to it.
type wsConn struct {
	ws *websocket.Conn

	mu    sync.Mutex
	queue []frame
	wake  chan struct{}

	stop     chan struct{} // closed by kill
	stopOnce sync.Once
	gone     chan struct{} // closed once the server forgot the connection
}

// frame is a message to write: JSON text, or a PING.
type frame struct {
	data []byte
	ping bool
}

var upgrader = websocket.Upgrader{
	// slack-go dials with "Origin: https://api.slack.com".
	CheckOrigin: func(*http.Request) bool { return true },
}

// serveSocket is the URL apps.connections.open hands out. Each ticket
// connects once, as with Slack.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	ticket := r.URL.Query().Get("ticket")
	s.mu.Lock()
	valid := s.sock.tickets[ticket] && !s.sock.closed
	delete(s.sock.tickets, ticket)
	if valid {
		s.wg.Add(1)
	}
	s.mu.Unlock()
	if !valid {
		http.Error(w, "invalid or used ticket", http.StatusUnauthorized)
		return
	}
	defer s.wg.Done()

	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &wsConn{ws: ws, wake: make(chan struct{}, 1), stop: make(chan struct{}), gone: make(chan struct{})}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		c.writeLoop(s.opts.PingInterval)
	}()

	s.mu.Lock()
	s.sock.connects++
	s.sock.conns = append(s.sock.conns, c)
	c.send(frame{data: s.helloLocked()})
	c.send(frame{ping: true})
	for _, env := range s.sock.pending {
		if env.conn == nil {
			s.deliverLocked(env, c)
		}
	}
	s.notifyLocked()
	closed := s.sock.closed
	s.mu.Unlock()
	if closed { // Close ran while this connection was being set up
		c.kill()
	}

	s.readAcks(c)

	s.mu.Lock()
	s.sock.conns = slices.DeleteFunc(s.sock.conns, func(x *wsConn) bool { return x == c })
	next := s.currentLocked()
	for _, env := range s.sock.pending {
		if env.conn == c {
			env.conn = nil
			if next != nil {
				s.deliverLocked(env, next)
			}
		}
	}
	s.notifyLocked()
	s.mu.Unlock()
	c.kill()
	close(c.gone)
}

// helloLocked is Slack's first message on a connection.
func (s *Server) helloLocked() []byte {
	b, _ := json.Marshal(map[string]any{
		"type":            "hello",
		"num_connections": len(s.sock.conns),
		"debug_info": map[string]any{
			"host":                        "applink-fake-" + strconv.Itoa(s.sock.connects),
			"build_number":                1,
			"approximate_connection_time": 18060,
		},
		"connection_info": map[string]any{"app_id": s.opts.AppID},
	})
	return b
}

// readAcks reads the client's acks until the connection fails.
func (s *Server) readAcks(c *wsConn) {
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if json.Unmarshal(data, &ack) == nil && ack.EnvelopeID != "" {
			s.ack(ack.EnvelopeID, ack.Payload)
		}
	}
}

// ack settles the pending envelope id. A slash command ack's payload is
// the command's response, which Slack shows (and refuses when invalid).
func (s *Server) ack(id string, payload json.RawMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.sock.pending, func(env *envelope) bool { return env.id == id })
	if i < 0 {
		return // unknown, or acked already
	}
	env := s.sock.pending[i]
	s.sock.pending = slices.Delete(s.sock.pending, i, i+1)

	res := ackResult{payload: payload}
	if env.cmd != nil && len(payload) > 0 && string(payload) != "null" {
		res.err = s.recordAckResponseLocked(env.cmd, payload)
	}
	env.acked <- res
}

// recordAckResponseLocked records a slash command's response given in its
// ack, or reports why Slack would refuse it.
func (s *Server) recordAckResponseLocked(cmd *SlashCommand, payload json.RawMessage) error {
	var p responsePayload
	if err := json.Unmarshal(payload, &p); err != nil {
		return fmt.Errorf("slackfake: ack payload is not a message: %w", err)
	}
	var blocks json.RawMessage
	if len(p.Blocks) > 0 && string(p.Blocks) != "null" {
		var errs []string
		var code string
		if blocks, errs, code = checkBlocks(string(p.Blocks)); code != "" {
			return fmt.Errorf("slackfake: ack payload refused: %s %v", code, errs)
		}
	}
	if p.Text == "" && blocks == nil {
		return nil // an empty ack: nothing shown
	}
	s.ensureChannelLocked(cmd.ChannelID)
	s.recordLocked(s.responseMessageLocked(cmd.ChannelID, cmd.UserID, "ack", p, blocks))
	return nil
}

// currentLocked is the connection envelopes go to: the newest.
func (s *Server) currentLocked() *wsConn {
	if n := len(s.sock.conns); n > 0 {
		return s.sock.conns[n-1]
	}
	return nil
}

// deliverLocked sends env on c, as Slack frames it.
func (s *Server) deliverLocked(env *envelope, c *wsConn) {
	out := map[string]any{
		"envelope_id":              env.id,
		"type":                     env.typ,
		"payload":                  env.payload,
		"accepts_response_payload": env.acceptsResponse,
		"retry_attempt":            env.sends,
		"retry_reason":             "",
	}
	if env.sends > 0 {
		out["retry_reason"] = "timeout"
	}
	b, _ := json.Marshal(out)
	env.sends++
	env.conn = c
	c.send(frame{data: b})
}

// sendEnvelope queues env for the connected client (or the next one to
// connect) and waits for its ack until ctx ends, when Slack gives up on it.
func (s *Server) sendEnvelope(ctx context.Context, env *envelope) (json.RawMessage, error) {
	env.id = uuid()
	env.acked = make(chan ackResult, 1)
	s.mu.Lock()
	if s.sock.closed {
		s.mu.Unlock()
		return nil, errClosed
	}
	s.sock.pending = append(s.sock.pending, env)
	if c := s.currentLocked(); c != nil {
		s.deliverLocked(env, c)
	}
	s.mu.Unlock()

	select {
	case res := <-env.acked:
		return res.payload, res.err
	case <-ctx.Done():
	}
	s.mu.Lock()
	s.sock.pending = slices.DeleteFunc(s.sock.pending, func(x *envelope) bool { return x == env })
	sends := env.sends
	s.mu.Unlock()
	select {
	case res := <-env.acked: // acked just in time
		return res.payload, res.err
	default:
	}
	return nil, fmt.Errorf("slackfake: no ack for %s envelope %s (sent %d times): %w", env.typ, env.id, sends, ctx.Err())
}

// SendSlashCommand delivers cmd over Socket Mode as Slack does, in a
// "slash_commands" envelope whose payload holds SlashCommandForm's fields
// as a JSON object of strings, with accepts_response_payload true. Empty
// ids, names, trigger_id and response_url are filled in as by
// NewSlashCommand (use NewSlashCommand first to know the response_url).
// It waits for the client's ack until ctx ends (Slack waits 3 seconds)
// and returns the ack's payload, nil when there is none. A payload with
// text or blocks is recorded as a Message with Via "ack"; one Slack would
// refuse is returned with an error. If no client is connected the
// envelope waits for one; if the connection drops first it is sent again
// on the next one with retry_attempt incremented.
func (s *Server) SendSlashCommand(ctx context.Context, cmd SlashCommand) (ack json.RawMessage, err error) {
	cmd = s.completeSlashCommand(cmd)
	fields := map[string]string{}
	for k, v := range SlashCommandForm(cmd) {
		fields[k] = v[0]
	}
	payload, err := json.Marshal(fields)
	if err != nil {
		return nil, err
	}
	return s.sendEnvelope(ctx, &envelope{typ: "slash_commands", payload: payload, acceptsResponse: true, cmd: &cmd})
}

// SendEvent delivers an Events API event over Socket Mode in an
// "events_api" envelope and waits for the ack like SendSlashCommand. The
// event is marshalled to JSON: an "event_callback" object is sent as is,
// anything else is taken as the inner event (see AppMention and
// DirectMessage) and wrapped by EventCallback. The inner event's
// channel/ts becomes a message the bot may reply to in thread.
func (s *Server) SendEvent(ctx context.Context, event any) (ack json.RawMessage, err error) {
	raw, err := json.Marshal(event)
	if err != nil {
		return nil, err
	}
	var outer struct {
		Type  string          `json:"type"`
		Event json.RawMessage `json:"event"`
	}
	if err := json.Unmarshal(raw, &outer); err != nil {
		return nil, fmt.Errorf("slackfake: event is not a JSON object: %w", err)
	}
	inner := outer.Event
	if outer.Type != "event_callback" {
		inner, raw = raw, s.EventCallback(json.RawMessage(raw))
	}
	s.rememberUserMessage(inner)
	return s.sendEnvelope(ctx, &envelope{typ: "events_api", payload: raw})
}

// rememberUserMessage lets the bot thread under a message it heard of.
func (s *Server) rememberUserMessage(inner json.RawMessage) {
	var ev struct {
		Channel string `json:"channel"`
		TS      string `json:"ts"`
	}
	if json.Unmarshal(inner, &ev) != nil || ev.Channel == "" || ev.TS == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.lookupChannelLocked(ev.Channel); c != nil {
		c.others[ev.TS] = true
	}
}

// EventCallback wraps an inner event in the event_callback object the
// Events API delivers (over HTTP, or as a Socket Mode payload), with the
// workspace's team_id, api_app_id, authorizations, a fresh event_id and
// event_time. It panics if event cannot be marshalled to JSON.
func (s *Server) EventCallback(event any) json.RawMessage {
	inner, err := json.Marshal(event)
	if err != nil {
		panic("slackfake: EventCallback: " + err.Error())
	}
	now := s.clock()
	b, _ := json.Marshal(map[string]any{
		"token":      s.opts.VerificationToken,
		"team_id":    s.opts.TeamID,
		"api_app_id": s.opts.AppID,
		"event":      json.RawMessage(inner),
		"type":       "event_callback",
		"event_id":   "Ev" + randomID(5),
		"event_time": now.Unix(),
		"authorizations": []map[string]any{{
			"enterprise_id":         nil,
			"team_id":               s.opts.TeamID,
			"user_id":               s.opts.BotUserID,
			"is_bot":                true,
			"is_enterprise_install": false,
		}},
		"is_ext_shared_channel": false,
		"event_context":         "4-" + randomID(8),
	})
	return b
}

func (s *Server) clock() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opts.Now()
}

// AppMention returns an app_mention event: user wrote text, which should
// contain "<@BotUserID>", in channel. Pass it to SendEvent.
func (s *Server) AppMention(channel, user, text string) map[string]any {
	ts := s.NewTS()
	return map[string]any{
		"type": "app_mention", "user": user, "text": text,
		"ts": ts, "event_ts": ts, "channel": channel, "team": s.opts.TeamID,
	}
}

// DirectMessage returns the message.im event of user writing text to the
// bot, in DMChannelID(user). Pass it to SendEvent.
func (s *Server) DirectMessage(user, text string) map[string]any {
	ts := s.NewTS()
	return map[string]any{
		"type": "message", "channel_type": "im", "user": user, "text": text,
		"ts": ts, "event_ts": ts, "channel": DMChannelID(user), "team": s.opts.TeamID,
	}
}

// Connections counts the Socket Mode connections made so far.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sock.connects
}

// WaitConnections waits until n Socket Mode connections were made in all.
func (s *Server) WaitConnections(ctx context.Context, n int) error {
	for {
		s.mu.Lock()
		got, changed := s.sock.connects, s.changed
		s.mu.Unlock()
		if got >= n {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return fmt.Errorf("slackfake: %d of %d Socket Mode connections: %w", got, n, ctx.Err())
		}
	}
}

// DropConnection closes the newest Socket Mode connection abruptly, with
// no close frame, as a network failure would. The client must open a new
// one with apps.connections.open; envelopes it did not ack are sent again
// there. It returns once the fake has forgotten the connection.
func (s *Server) DropConnection() error {
	s.mu.Lock()
	c := s.currentLocked()
	s.mu.Unlock()
	if c == nil {
		return ErrNotConnected
	}
	c.kill()
	<-c.gone
	return nil
}

// SendDisconnect sends Slack's {"type":"disconnect","reason":reason} on
// the newest connection, as Slack does before it closes a connection
// ("refresh_requested", "warning", "link_disabled"). slack-go then closes
// it and reconnects.
func (s *Server) SendDisconnect(reason string) error {
	b, _ := json.Marshal(map[string]any{
		"type":       "disconnect",
		"reason":     reason,
		"debug_info": map[string]any{"host": "applink-fake"},
	})
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.currentLocked()
	if c == nil {
		return ErrNotConnected
	}
	c.send(frame{data: b})
	return nil
}

// send queues f for the writer.
func (c *wsConn) send(f frame) {
	c.mu.Lock()
	c.queue = append(c.queue, f)
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// kill closes the network connection under the websocket, without a close
// frame. The reader then fails and the server forgets the connection.
func (c *wsConn) kill() {
	c.stopOnce.Do(func() {
		close(c.stop)
		_ = c.ws.NetConn().Close()
	})
}

// writeLoop writes queued frames in order and PINGs every interval, until
// the connection is killed.
func (c *wsConn) writeLoop(interval time.Duration) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-ticker.C:
			c.send(frame{ping: true})
		case <-c.wake:
			c.mu.Lock()
			queue := c.queue
			c.queue = nil
			c.mu.Unlock()
			for _, f := range queue {
				if err := c.write(f); err != nil {
					c.kill()
					return
				}
			}
		}
	}
}

func (c *wsConn) write(f frame) error {
	deadline := time.Now().Add(5 * time.Second)
	if f.ping {
		return c.ws.WriteControl(websocket.PingMessage, nil, deadline)
	}
	if err := c.ws.SetWriteDeadline(deadline); err != nil {
		return err
	}
	return c.ws.WriteMessage(websocket.TextMessage, f.data)
}
