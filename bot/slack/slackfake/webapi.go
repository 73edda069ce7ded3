package slackfake

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"
)

// MaxTextLength is the longest text chat.postMessage takes, in characters;
// longer is msg_too_long.
const MaxTextLength = 40000

// apiMethod serves one Web API method. It runs with s.mu held, after the
// token was checked.
type apiMethod func(s *Server, w http.ResponseWriter, p params)

var apiMethods = map[string]apiMethod{
	"auth.test":             (*Server).authTest,
	"chat.postMessage":      (*Server).chatPostMessage,
	"chat.postEphemeral":    (*Server).chatPostEphemeral,
	"chat.update":           (*Server).chatUpdate,
	"chat.delete":           (*Server).chatDelete,
	"users.info":            (*Server).usersInfo,
	"conversations.info":    (*Server).conversationsInfo,
	"conversations.join":    (*Server).conversationsJoin,
	"apps.connections.open": (*Server).appsConnectionsOpen,
}

// serveAPI answers https://slack.com/api/<method>: count the call, play an
// injected fault, check the token, then run the method.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")

	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[method]++
	if rule := s.takeRuleLocked(method); rule != nil {
		rule.respond(w)
		return
	}

	serve, known := apiMethods[method]
	if !known {
		writeError(w, "unknown_method")
		return
	}
	p, err := readParams(r)
	if err != nil {
		writeError(w, "invalid_form_data")
		return
	}
	if code := s.authError(r, p, method); code != "" {
		writeError(w, code)
		return
	}
	serve(s, w, p)
}

// authError checks the call's token the way Slack does: the Authorization
// header, or else the token form field (never a JSON body's), must be the
// token of the kind the method wants. Only apps.connections.open wants the
// app-level token.
func (s *Server) authError(r *http.Request, p params, method string) string {
	token := ""
	if h := r.Header.Get("Authorization"); h != "" {
		t, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return "invalid_auth"
		}
		token = strings.TrimSpace(t)
	} else if !p.json {
		token = p.get("token")
	}
	want, other := s.opts.BotToken, s.opts.AppToken
	if method == "apps.connections.open" {
		want, other = other, want
	}
	switch token {
	case "":
		return "not_authed"
	case want:
		return ""
	case other:
		return "not_allowed_token_type"
	default:
		return "invalid_auth"
	}
}

// params are a call's arguments, from a form (body or query) or a JSON
// object body. JSON values other than strings are kept as JSON text.
type params struct {
	v    map[string]string
	json bool
}

func (p params) get(key string) string { return p.v[key] }

func (p params) has(key string) bool {
	_, ok := p.v[key]
	return ok
}

// boolPtr reads an optional boolean argument.
func (p params) boolPtr(key string) *bool {
	v, ok := p.v[key]
	if !ok {
		return nil
	}
	b := v == "true" || v == "1"
	return &b
}

func readParams(r *http.Request) (params, error) {
	p := params{v: map[string]string{}}
	ctype, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ctype == "application/json" {
		p.json = true
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return p, err
		}
		if len(strings.TrimSpace(string(body))) == 0 {
			return p, nil
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(body, &fields); err != nil {
			return p, err
		}
		for k, raw := range fields {
			var str string
			if json.Unmarshal(raw, &str) == nil {
				p.v[k] = str
			} else {
				p.v[k] = string(raw)
			}
		}
		return p, nil
	}
	if err := r.ParseForm(); err != nil {
		return p, err
	}
	for k, vs := range r.Form {
		p.v[k] = vs[0]
	}
	return p, nil
}

// writeJSON answers with Slack's content type and the given status.
func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// writeOK answers HTTP 200 {"ok":true, fields...}.
func writeOK(w http.ResponseWriter, fields map[string]any) {
	body := map[string]any{"ok": true}
	for k, v := range fields {
		body[k] = v
	}
	writeJSON(w, http.StatusOK, body)
}

// writeError answers HTTP 200 {"ok":false,"error":code}, with Slack's
// "errors" and response_metadata.messages details when given.
func writeError(w http.ResponseWriter, code string, details ...string) {
	body := map[string]any{"ok": false, "error": code}
	if len(details) > 0 {
		messages := make([]string, len(details))
		for i, d := range details {
			messages[i] = "[ERROR] " + d
		}
		body["errors"] = details
		body["response_metadata"] = map[string]any{"messages": messages}
	}
	writeJSON(w, http.StatusOK, body)
}

func (s *Server) authTest(w http.ResponseWriter, _ params) {
	writeOK(w, map[string]any{
		"url":                   "https://" + s.opts.TeamDomain + ".slack.com/",
		"team":                  s.opts.TeamDomain,
		"user":                  s.users[s.opts.BotUserID].Name,
		"team_id":               s.opts.TeamID,
		"user_id":               s.opts.BotUserID,
		"bot_id":                s.opts.BotID,
		"is_enterprise_install": false,
	})
}

// postableLocked finds the channel a message may be posted to, or the
// error Slack gives.
func (s *Server) postableLocked(ref string) (*channelState, string) {
	c := s.lookupChannelLocked(ref)
	switch {
	case c == nil, c.Private && !c.Member:
		return nil, "channel_not_found"
	case c.Archived:
		return nil, "is_archived"
	case !c.Member && (c.Private || !s.opts.ChatWritePublic):
		return nil, "not_in_channel"
	}
	return c, ""
}

// contentError checks a message's text and blocks against Slack's limits.
// It returns the blocks as compact JSON (nil when there are none), or the
// error code and details.
func contentError(p params) (blocks json.RawMessage, code string, details []string) {
	if raw := p.get("blocks"); raw != "" {
		var errs []string
		blocks, errs, code = checkBlocks(raw)
		if code != "" {
			return nil, code, errs
		}
	}
	text := p.get("text")
	if text == "" && blocks == nil && p.get("attachments") == "" {
		return nil, "no_text", nil
	}
	if utf8.RuneCountInString(text) > MaxTextLength {
		return nil, "msg_too_long", nil
	}
	return blocks, "", nil
}

// threadLocked resolves a thread_ts: a reply to a reply goes under the
// parent, and a reply to a deleted parent is posted unthreaded (slack-go
// documents this for PostMessageWithResponse); unknown is
// thread_not_found.
func (c *channelState) threadLocked(ts string) (string, string) {
	if ts == "" {
		return "", ""
	}
	if c.others[ts] {
		return ts, ""
	}
	if m := c.findLocked(ts); m != nil {
		switch {
		case m.Deleted:
			return "", ""
		case m.ThreadTS != "":
			return m.ThreadTS, ""
		}
		return ts, ""
	}
	return "", "thread_not_found"
}

// findLocked finds a message the bot posted to the channel (not an
// ephemeral one, which has no lasting ts).
func (c *channelState) findLocked(ts string) *Message {
	for _, m := range c.messages {
		if m.TS == ts && !m.Ephemeral {
			return m
		}
	}
	return nil
}

func (s *Server) chatPostMessage(w http.ResponseWriter, p params) {
	c, code := s.postableLocked(p.get("channel"))
	if code != "" {
		writeError(w, code)
		return
	}
	if s.opts.ChannelRateLimit && !s.takeChannelTokenLocked(c) {
		writeRateLimited(w, 1)
		return
	}
	blocks, code, details := contentError(p)
	if code != "" {
		writeError(w, code, details...)
		return
	}
	thread, code := c.threadLocked(p.get("thread_ts"))
	if code != "" {
		writeError(w, code)
		return
	}
	m := &Message{
		Channel:     c.ID,
		Text:        p.get("text"),
		Blocks:      blocks,
		ThreadTS:    thread,
		TS:          s.nextTSLocked(),
		UnfurlLinks: p.boolPtr("unfurl_links"),
		UnfurlMedia: p.boolPtr("unfurl_media"),
		Via:         "api",
	}
	s.recordLocked(m)
	writeOK(w, map[string]any{"channel": c.ID, "ts": m.TS, "message": s.messageJSON(m)})
}

func (s *Server) chatPostEphemeral(w http.ResponseWriter, p params) {
	c, code := s.postableLocked(p.get("channel"))
	if code != "" {
		writeError(w, code)
		return
	}
	user := p.get("user")
	if u, ok := s.users[user]; !ok || u.Deleted {
		writeError(w, "user_not_found")
		return
	}
	if c.Members != nil && !slices.Contains(c.Members, user) {
		writeError(w, "user_not_in_channel")
		return
	}
	blocks, code, details := contentError(p)
	if code != "" {
		writeError(w, code, details...)
		return
	}
	thread, code := c.threadLocked(p.get("thread_ts"))
	if code != "" {
		writeError(w, code)
		return
	}
	m := &Message{
		Channel:     c.ID,
		User:        user,
		Text:        p.get("text"),
		Blocks:      blocks,
		ThreadTS:    thread,
		TS:          s.nextTSLocked(),
		Ephemeral:   true,
		UnfurlLinks: p.boolPtr("unfurl_links"),
		UnfurlMedia: p.boolPtr("unfurl_media"),
		Via:         "api",
	}
	s.recordLocked(m)
	writeOK(w, map[string]any{"message_ts": m.TS})
}

// editableLocked finds the bot's message at channel/ts for chat.update and
// chat.delete, or the error Slack gives; cant is the error for a message
// that exists but is not the bot's.
func (s *Server) editableLocked(p params, cant string) (*channelState, *Message, string) {
	c := s.channels[p.get("channel")]
	if c == nil || c.Private && !c.Member {
		return nil, nil, "channel_not_found"
	}
	if c.Archived {
		return nil, nil, "is_archived"
	}
	ts := p.get("ts")
	m := c.findLocked(ts)
	switch {
	case m != nil && !m.Deleted:
		return c, m, ""
	case c.others[ts]:
		return nil, nil, cant
	}
	return nil, nil, "message_not_found"
}

// chatUpdate replaces the text and/or blocks given; a field left out keeps
// its value, and "blocks":[] removes the blocks.
func (s *Server) chatUpdate(w http.ResponseWriter, p params) {
	c, m, code := s.editableLocked(p, "cant_update_message")
	if code != "" {
		writeError(w, code)
		return
	}
	blocks, code, details := contentError(p)
	if code != "" {
		writeError(w, code, details...)
		return
	}
	if p.has("text") {
		m.Text = p.get("text")
	}
	if p.has("blocks") {
		m.Blocks = blocks
	}
	m.Edits++
	s.notifyLocked()
	writeOK(w, map[string]any{"channel": c.ID, "ts": m.TS, "text": m.Text, "message": s.messageJSON(m)})
}

func (s *Server) chatDelete(w http.ResponseWriter, p params) {
	c, m, code := s.editableLocked(p, "cant_delete_message")
	if code != "" {
		writeError(w, code)
		return
	}
	m.Deleted = true
	s.notifyLocked()
	writeOK(w, map[string]any{"channel": c.ID, "ts": m.TS})
}

// messageJSON is the "message" object chat.postMessage and chat.update
// return.
func (s *Server) messageJSON(m *Message) map[string]any {
	out := map[string]any{
		"type":    "message",
		"user":    s.opts.BotUserID,
		"bot_id":  s.opts.BotID,
		"app_id":  s.opts.AppID,
		"team":    s.opts.TeamID,
		"text":    m.Text,
		"ts":      m.TS,
		"blocks":  json.RawMessage("[]"),
		"channel": m.Channel,
	}
	if m.Blocks != nil {
		out["blocks"] = m.Blocks
	}
	if m.ThreadTS != "" {
		out["thread_ts"] = m.ThreadTS
	}
	return out
}

func (s *Server) usersInfo(w http.ResponseWriter, p params) {
	id := p.get("user")
	u, ok := s.users[id]
	if !ok {
		writeError(w, "user_not_found")
		return
	}
	name := u.Name
	if name == "" {
		name = id
	}
	writeOK(w, map[string]any{"user": map[string]any{
		"id":               id,
		"team_id":          s.opts.TeamID,
		"name":             name,
		"real_name":        name,
		"deleted":          u.Deleted,
		"is_admin":         u.IsAdmin,
		"is_owner":         u.IsOwner,
		"is_primary_owner": false,
		"is_bot":           u.IsBot,
		"is_app_user":      false,
		"profile":          map[string]any{"real_name": name, "display_name": name, "team": s.opts.TeamID},
	}})
}

// channelJSON is the conversation object of conversations.info and .join.
func channelJSON(c *channelState) map[string]any {
	out := map[string]any{
		"id":          c.ID,
		"is_channel":  !c.IM,
		"is_group":    false,
		"is_im":       c.IM,
		"is_private":  c.Private || c.IM,
		"is_archived": c.Archived,
		"is_member":   c.Member,
	}
	if !c.IM {
		out["name"] = c.Name
		out["name_normalized"] = c.Name
	} else if len(c.Members) == 1 {
		out["user"] = c.Members[0]
	}
	return out
}

func (s *Server) conversationsInfo(w http.ResponseWriter, p params) {
	c := s.channels[p.get("channel")]
	if c == nil || c.Private && !c.Member {
		writeError(w, "channel_not_found")
		return
	}
	writeOK(w, map[string]any{"channel": channelJSON(c)})
}

func (s *Server) conversationsJoin(w http.ResponseWriter, p params) {
	c := s.channels[p.get("channel")]
	switch {
	case c == nil, c.Private && !c.Member:
		writeError(w, "channel_not_found")
		return
	case c.IM:
		writeError(w, "method_not_supported_for_channel_type")
		return
	case c.Archived:
		writeError(w, "is_archived")
		return
	}
	if c.Member {
		writeOK(w, map[string]any{
			"channel":           channelJSON(c),
			"warning":           "already_in_channel",
			"response_metadata": map[string]any{"warnings": []string{"already_in_channel"}},
		})
		return
	}
	c.Member = true
	writeOK(w, map[string]any{"channel": channelJSON(c)})
}

// appsConnectionsOpen hands out a one-time Socket Mode URL, as Slack does.
func (s *Server) appsConnectionsOpen(w http.ResponseWriter, _ params) {
	ticket := uuid()
	s.sock.tickets[ticket] = true
	url := "ws" + strings.TrimPrefix(s.http.URL, "http") + "/link/?ticket=" + ticket + "&app_id=" + s.opts.AppID
	writeOK(w, map[string]any{"url": url})
}
