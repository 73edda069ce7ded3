package slackfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
	"unicode/utf8"
)

// Slack's response_url limits.
const (
	ResponseURLMaxUses  = 5                // posts a response_url takes
	ResponseURLLifetime = 30 * time.Minute // how long it takes them
)

// responseURL is one response_url handed out by NewResponseURL.
type responseURL struct {
	channel, user string
	created       time.Time
	uses          int
}

// NewResponseURL returns a response_url for a command typed by user in
// channel, like the one Slack puts in slash commands and interactions. It
// takes ResponseURLMaxUses POSTs of JSON ({"text", "blocks",
// "response_type": "ephemeral"|"in_channel", "replace_original",
// "delete_original", "thread_ts"}) within ResponseURLLifetime of this call
// on Options.Now; each is recorded as a Message with Via "response_url",
// ephemeral to user unless response_type is "in_channel". Past the limits
// it answers HTTP 404 with {"ok":false,"error":"used_url"} or
// "expired_url". A channel the fake did not know is added: a D... id as
// a direct message, anything else as a public channel the bot is not in.
func (s *Server) NewResponseURL(channel, user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ensureChannelLocked(channel)
	path := fmt.Sprintf("/commands/%s/%d/%s", s.opts.TeamID, len(s.responseURLs)+1, randomID(12))
	s.responseURLs[path] = &responseURL{channel: channel, user: user, created: s.opts.Now()}
	return s.http.URL + path
}

// flexBool is a JSON boolean that Slack also takes as "true"/"false".
type flexBool bool

func (b *flexBool) UnmarshalJSON(data []byte) error {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*b = v == true || v == "true"
	return nil
}

// responsePayload is what a response_url accepts.
type responsePayload struct {
	Text            string          `json:"text"`
	Blocks          json.RawMessage `json:"blocks"`
	ResponseType    string          `json:"response_type"`
	ReplaceOriginal flexBool        `json:"replace_original"`
	DeleteOriginal  flexBool        `json:"delete_original"`
	ThreadTS        string          `json:"thread_ts"`
}

// serveResponseURL answers a POST to a response_url. Errors are HTTP 4xx
// with a JSON body; slack-go reports them as slack.StatusCodeError.
func (s *Server) serveResponseURL(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls["response_url"]++
	if rule := s.takeRuleLocked("response_url"); rule != nil {
		rule.respond(w)
		return
	}

	u := s.responseURLs[r.URL.Path]
	switch {
	case u == nil:
		writeJSON(w, http.StatusNotFound, map[string]any{"ok": false, "error": "invalid_url"})
		return
	case r.Method != http.MethodPost:
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"ok": false, "error": "invalid_method"})
		return
	case s.opts.Now().Sub(u.created) > ResponseURLLifetime:
		writeJSON(w, http.StatusNotFound, map[string]any{"ok": false, "error": "expired_url"})
		return
	case u.uses >= ResponseURLMaxUses:
		writeJSON(w, http.StatusNotFound, map[string]any{"ok": false, "error": "used_url"})
		return
	}

	var p responsePayload
	if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "invalid_payload"})
		return
	}
	var blocks json.RawMessage
	if raw := bytes.TrimSpace(p.Blocks); len(raw) > 0 && string(raw) != "null" {
		var errs []string
		var code string
		if blocks, errs, code = checkBlocks(string(raw)); code != "" {
			writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": code, "errors": errs})
			return
		}
	}
	switch {
	case p.Text == "" && blocks == nil && !bool(p.DeleteOriginal):
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "no_text"})
		return
	case utf8.RuneCountInString(p.Text) > MaxTextLength:
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "msg_too_long"})
		return
	case p.ResponseType != "" && p.ResponseType != "ephemeral" && p.ResponseType != "in_channel":
		writeJSON(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "invalid_response_type"})
		return
	}

	u.uses++
	s.recordLocked(s.responseMessageLocked(u.channel, u.user, "response_url", p, blocks))
	writeJSON(w, http.StatusOK, map[string]any{"ok": true})
}

// responseMessageLocked records a command response, from a response_url
// or a Socket Mode ack; it is ephemeral unless response_type is
// "in_channel".
func (s *Server) responseMessageLocked(channel, user, via string, p responsePayload, blocks json.RawMessage) *Message {
	m := &Message{
		Channel:         channel,
		Text:            p.Text,
		Blocks:          blocks,
		ThreadTS:        p.ThreadTS,
		TS:              s.nextTSLocked(),
		Ephemeral:       p.ResponseType != "in_channel",
		Via:             via,
		ResponseType:    p.ResponseType,
		ReplaceOriginal: bool(p.ReplaceOriginal),
		DeleteOriginal:  bool(p.DeleteOriginal),
	}
	if m.ResponseType == "" {
		m.ResponseType = "ephemeral"
	}
	if m.Ephemeral {
		m.User = user
	}
	return m
}
