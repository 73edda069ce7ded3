// Package slackfake is a strict, in-process fake of Slack for tests of a
// Slack adapter built on github.com/slack-go/slack.
//
// It serves the Web API methods such an adapter calls (auth.test,
// chat.postMessage, chat.postEphemeral, chat.update, chat.delete,
// users.info, conversations.info, conversations.join,
// apps.connections.open) the way Slack answers them: every call checks its
// token, messages are checked against Slack's Block Kit and length limits,
// and errors come back as HTTP 200 {"ok":false,"error":...}. A test can
// make the next calls of a method fail with HTTP 429 or 500, switch on
// Slack's per-channel limit of about one message a second, hand out
// response_urls that expire like Slack's, and play Slack's side of a
// Socket Mode websocket: hello, envelopes, acks, disconnects and
// redelivery of unacked envelopes after a reconnect.
//
// It is written from slack-go v0.35.0's client code and Slack's
// documentation; slack-go's own slacktest package is not used because it
// checks no tokens, cannot be made strict for the routes it registers
// itself, keeps global state and speaks RTM rather than Socket Mode.
//
// Everything listens on 127.0.0.1 only.
package slackfake

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Default identities, used when the matching Options field is empty.
const (
	DefaultBotToken   = "xoxb-fake-bot-token"
	DefaultAppToken   = "xapp-fake-app-token"
	DefaultBotUserID  = "U0FAKEBOT"
	DefaultBotID      = "B0FAKEBOT"
	DefaultAppID      = "A0FAKEAPP"
	DefaultTeamID     = "T0FAKETEAM"
	DefaultTeamDomain = "fakeworkspace"
)

// Options describe the workspace the fake serves. The zero value is a
// workspace with no channels and no users but the bot, reachable with
// DefaultBotToken and DefaultAppToken.
type Options struct {
	// BotToken is the only token the Web API methods accept (xoxb-...).
	BotToken string
	// AppToken is the only token apps.connections.open accepts (xapp-...).
	AppToken string
	// BotUserID is the bot's user id, returned by auth.test.
	BotUserID string
	// BotID is the bot's bot id (B...), returned by auth.test.
	BotID string
	// AppID is the app's id (A...), sent in Socket Mode hellos and events.
	AppID string
	// TeamID is the workspace id (T...).
	TeamID string
	// TeamDomain is the workspace's subdomain, as in team_domain.
	TeamDomain string
	// VerificationToken is the deprecated verification token put in slash
	// commands and event callbacks; "fake-verification-token" if empty.
	VerificationToken string

	// Channels are the conversations that exist; any other id is
	// channel_not_found. A user id given as a channel reaches the bot's
	// direct message with that user, see DMChannelID.
	Channels []Channel
	// Users are the workspace's people by id. The bot user is added.
	Users map[string]User

	// ChatWritePublic grants the chat:write.public scope: the bot may post
	// to public channels it is not a member of. Without it Slack answers
	// not_in_channel.
	ChatWritePublic bool

	// ChannelRateLimit switches on Slack's limit of about one
	// chat.postMessage per second per channel: past a burst of
	// ChannelBurst messages a channel refills one message a second, and a
	// post finding it empty is answered HTTP 429 with Retry-After: 1.
	ChannelRateLimit bool
	// ChannelBurst is the burst allowance of ChannelRateLimit; 3 if zero.
	ChannelBurst int

	// Now is the fake's clock for response_url expiry, the channel rate
	// limit and message timestamps; time.Now if nil.
	Now func() time.Time

	// PingInterval is how often the fake sends a websocket PING on each
	// Socket Mode connection (slack-go reconnects when it hears none for
	// its socketmode.OptionPingInterval, 30s by default); 5s if zero.
	PingInterval time.Duration
}

// Channel is a conversation of the fake workspace.
type Channel struct {
	// ID is the conversation id: C... for channels, G... or C... for
	// private ones, D... for direct messages.
	ID string
	// Name is the name without '#'; chat.postMessage also accepts it.
	Name string
	// Member tells whether the bot is in the channel. Direct messages
	// always count as joined.
	Member bool
	// Private channels are invisible to a non-member bot
	// (channel_not_found) and cannot be joined.
	Private bool
	// Archived channels refuse posts (is_archived).
	Archived bool
	// IM marks a direct message conversation.
	IM bool
	// Members, when not nil, are the users in the channel; an ephemeral
	// message to anyone else is user_not_in_channel.
	Members []string
}

// User is a person of the fake workspace.
type User struct {
	// Name is the user's handle; the id if empty.
	Name string
	// IsAdmin and IsOwner are the workspace roles users.info reports.
	IsAdmin bool
	IsOwner bool
	// Deleted users are deactivated: users.info still finds them.
	Deleted bool
	// IsBot marks bot users.
	IsBot bool
}

// Message is a message the fake received, in the order received.
type Message struct {
	// Channel is the conversation id it was posted to.
	Channel string
	// User is the user an ephemeral message is shown to; "" otherwise.
	User string
	// Text is the message's text (fallback text when it has blocks).
	Text string
	// Blocks is the Block Kit JSON array, nil when it has none.
	Blocks json.RawMessage
	// ThreadTS is the parent's ts for a threaded reply.
	ThreadTS string
	// TS is the message's unique timestamp id, like "1700000000.000100".
	TS string
	// Ephemeral messages are shown to User only.
	Ephemeral bool
	// UnfurlLinks and UnfurlMedia are the unfurl_links and unfurl_media
	// parameters when the call set them.
	UnfurlLinks *bool
	UnfurlMedia *bool
	// Via is how it arrived: "api" (chat.postMessage, chat.postEphemeral),
	// "response_url", or "ack" (the payload of a Socket Mode slash command
	// ack, which Slack shows as the command's response).
	Via string
	// ResponseType is "ephemeral" or "in_channel" for response_url and ack
	// responses.
	ResponseType string
	// ReplaceOriginal and DeleteOriginal are the response_url flags.
	ReplaceOriginal bool
	DeleteOriginal  bool
	// Edits counts the chat.update calls that changed it; Text and Blocks
	// are the latest version.
	Edits int
	// Deleted is set by chat.delete.
	Deleted bool
}

// Server is a running fake Slack. Its methods are safe for concurrent use.
type Server struct {
	opts Options
	http *httptest.Server

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced whenever messages or connections change
	calls    map[string]int
	rules    []*Rule
	channels map[string]*channelState // by id
	users    map[string]User
	lastTS   int64 // microseconds of the last ts handed out

	responseURLs map[string]*responseURL // by path

	sock sockets

	wg sync.WaitGroup // websocket goroutines
}

// channelState is a Channel with what was posted to it.
type channelState struct {
	Channel
	messages []*Message
	// others are the ts of messages the bot did not post (users'
	// messages delivered as events), which replies may thread under.
	others map[string]bool
	// tokens and refilled are the ChannelRateLimit bucket.
	tokens   float64
	refilled time.Time
}

// New starts a fake Slack on 127.0.0.1. Close it when done.
func New(opts Options) *Server {
	setDefault(&opts.BotToken, DefaultBotToken)
	setDefault(&opts.AppToken, DefaultAppToken)
	setDefault(&opts.BotUserID, DefaultBotUserID)
	setDefault(&opts.BotID, DefaultBotID)
	setDefault(&opts.AppID, DefaultAppID)
	setDefault(&opts.TeamID, DefaultTeamID)
	setDefault(&opts.TeamDomain, DefaultTeamDomain)
	setDefault(&opts.VerificationToken, "fake-verification-token")
	if opts.ChannelBurst <= 0 {
		opts.ChannelBurst = 3
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.PingInterval <= 0 {
		opts.PingInterval = 5 * time.Second
	}

	s := &Server{
		opts:         opts,
		changed:      make(chan struct{}),
		calls:        map[string]int{},
		channels:     map[string]*channelState{},
		users:        map[string]User{},
		responseURLs: map[string]*responseURL{},
		sock:         newSockets(),
	}
	for _, c := range opts.Channels {
		if c.IM {
			c.Member = true
		}
		s.channels[c.ID] = &channelState{Channel: c, others: map[string]bool{}}
	}
	for id, u := range opts.Users {
		s.users[id] = u
	}
	s.users[opts.BotUserID] = User{Name: "briefbot", IsBot: true}

	mux := http.NewServeMux()
	mux.HandleFunc("/api/", s.serveAPI)
	mux.HandleFunc("/commands/", s.serveResponseURL)
	mux.HandleFunc("/link/", s.serveSocket)
	s.http = httptest.NewServer(mux)
	return s
}

func setDefault(field *string, value string) {
	if *field == "" {
		*field = value
	}
}

// URL is the fake's root, like "http://127.0.0.1:40123", without a
// trailing slash.
func (s *Server) URL() string { return s.http.URL }

// APIURL is the Web API base to give slack-go: slack.OptionAPIURL(
// srv.APIURL()). It ends with a slash, because slack-go appends the method
// name to it as is ("…/api/" + "chat.postMessage").
func (s *Server) APIURL() string { return s.http.URL + "/api/" }

// Options returns the options in effect, defaults filled in.
func (s *Server) Options() Options { return s.opts }

// Close drops every Socket Mode connection, fails the envelopes waiting
// for an ack and stops the server.
func (s *Server) Close() {
	s.mu.Lock()
	conns := append([]*wsConn(nil), s.sock.conns...)
	s.sock.closed = true
	for _, env := range s.sock.pending {
		env.acked <- ackResult{err: errClosed}
	}
	s.sock.pending = nil
	s.mu.Unlock()
	for _, c := range conns {
		c.kill()
	}
	s.http.Close()
	s.wg.Wait()
}

// DMChannelID is the id of the bot's direct message conversation with
// user, where chat.postMessage to a user id lands.
func DMChannelID(user string) string {
	if len(user) < 2 {
		return "D" + user
	}
	return "D" + user[1:]
}

// Messages returns the messages posted to channel (by id), oldest first,
// including ephemeral, response_url, updated and deleted ones.
func (s *Server) Messages(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.messagesLocked(channel)
}

func (s *Server) messagesLocked(channel string) []Message {
	c := s.channels[channel]
	if c == nil {
		return nil
	}
	out := make([]Message, len(c.messages))
	for i, m := range c.messages {
		out[i] = *m
	}
	return out
}

// WaitMessages waits until channel has at least n messages and returns
// them all, or returns ctx's error with those it has.
func (s *Server) WaitMessages(ctx context.Context, channel string, n int) ([]Message, error) {
	for {
		s.mu.Lock()
		msgs, changed := s.messagesLocked(channel), s.changed
		s.mu.Unlock()
		if len(msgs) >= n {
			return msgs, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return msgs, fmt.Errorf("slackfake: %d of %d messages in %s: %w", len(msgs), n, channel, ctx.Err())
		}
	}
}

// Calls counts the requests made to a Web API method ("chat.postMessage"),
// whatever their answer, including refused and rate-limited ones. Posts to
// response_urls count as "response_url".
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// notifyLocked wakes the waiters of WaitMessages and WaitConnections.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// nextTSLocked hands out a message ts: the clock's time in microseconds,
// strictly increasing, formatted as Slack does ("1700000000.000100").
func (s *Server) nextTSLocked() string {
	us := s.opts.Now().UnixMicro()
	if us <= s.lastTS {
		us = s.lastTS + 1
	}
	s.lastTS = us
	return fmt.Sprintf("%d.%06d", us/1e6, us%1e6)
}

// NewTS hands out a fresh message ts from the fake's sequence, for events
// a test builds by hand.
func (s *Server) NewTS() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nextTSLocked()
}

// record appends m to its channel, which must exist.
func (s *Server) recordLocked(m *Message) {
	c := s.channels[m.Channel]
	c.messages = append(c.messages, m)
	s.notifyLocked()
}

// lookupChannelLocked finds a channel by id, by name (with or without
// '#'), or, for a known user id, the bot's direct message with that user.
func (s *Server) lookupChannelLocked(ref string) *channelState {
	if c := s.channels[ref]; c != nil {
		return c
	}
	name := strings.TrimPrefix(ref, "#")
	for _, c := range s.channels {
		if c.Name != "" && c.Name == name && !c.IM {
			return c
		}
	}
	if u, ok := s.users[ref]; ok && !u.Deleted && !u.IsBot {
		id := DMChannelID(ref)
		c := &channelState{Channel: Channel{ID: id, IM: true, Member: true, Members: []string{ref}}, others: map[string]bool{}}
		s.channels[id] = c
		return c
	}
	return nil
}

// ensureChannelLocked returns the channel id, adding it if the fake did
// not know it (a command typed where the bot is not): a D... id is a direct
// message, anything else a public channel the bot is not in.
func (s *Server) ensureChannelLocked(id string) *channelState {
	c := s.channels[id]
	if c == nil {
		im := strings.HasPrefix(id, "D")
		c = &channelState{Channel: Channel{ID: id, IM: im, Member: im}, others: map[string]bool{}}
		s.channels[id] = c
	}
	return c
}

// randomID returns n random bytes in hex.
func randomID(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// uuid returns a random UUID-shaped string, like Socket Mode envelope ids.
func uuid() string {
	h := randomID(16)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
