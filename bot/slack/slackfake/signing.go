package slackfake

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/slack-go/slack"
)

// SlashCommand is a slash command as Slack sends it; it is slack-go's type.
type SlashCommand = slack.SlashCommand

// Sign returns the headers Slack signs an HTTP request with:
// X-Slack-Request-Timestamp (ts in Unix seconds) and X-Slack-Signature,
// "v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)).
func Sign(secret string, ts time.Time, body []byte) http.Header {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + stamp + ":"))
	mac.Write(body)
	h := http.Header{}
	h.Set("X-Slack-Request-Timestamp", stamp)
	h.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return h
}

// SlashCommandForm returns the form fields Slack POSTs for cmd in HTTP
// mode (and sends as a JSON object of strings in Socket Mode). The
// enterprise fields are only present when set, as for Slack.
func SlashCommandForm(cmd SlashCommand) url.Values {
	v := url.Values{}
	v.Set("token", cmd.Token)
	v.Set("team_id", cmd.TeamID)
	v.Set("team_domain", cmd.TeamDomain)
	if cmd.EnterpriseID != "" {
		v.Set("enterprise_id", cmd.EnterpriseID)
		v.Set("enterprise_name", cmd.EnterpriseName)
	}
	v.Set("channel_id", cmd.ChannelID)
	v.Set("channel_name", cmd.ChannelName)
	v.Set("user_id", cmd.UserID)
	v.Set("user_name", cmd.UserName)
	v.Set("command", cmd.Command)
	v.Set("text", cmd.Text)
	v.Set("api_app_id", cmd.APIAppID)
	v.Set("is_enterprise_install", strconv.FormatBool(cmd.IsEnterpriseInstall))
	v.Set("response_url", cmd.ResponseURL)
	v.Set("trigger_id", cmd.TriggerID)
	return v
}

// NewSlashCommand returns the slash command user typing "command text" in
// channel sends: the workspace's ids, channel and user names from Options,
// a fresh trigger_id and a fresh response_url (NewResponseURL).
func (s *Server) NewSlashCommand(channel, user, command, text string) SlashCommand {
	cmd := SlashCommand{ChannelID: channel, UserID: user, Command: command, Text: text}
	return s.completeSlashCommand(cmd)
}

// completeSlashCommand fills in the fields a test left empty.
func (s *Server) completeSlashCommand(cmd SlashCommand) SlashCommand {
	if cmd.ResponseURL == "" {
		cmd.ResponseURL = s.NewResponseURL(cmd.ChannelID, cmd.UserID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	setDefault(&cmd.Token, s.opts.VerificationToken)
	setDefault(&cmd.TeamID, s.opts.TeamID)
	setDefault(&cmd.TeamDomain, s.opts.TeamDomain)
	setDefault(&cmd.APIAppID, s.opts.AppID)
	setDefault(&cmd.TriggerID, "1337."+strconv.FormatInt(s.opts.Now().Unix(), 10)+"."+randomID(16))
	if c := s.channels[cmd.ChannelID]; c != nil {
		setDefault(&cmd.ChannelName, c.Name)
	}
	if cmd.ChannelName == "" && len(cmd.ChannelID) > 0 && cmd.ChannelID[0] == 'D' {
		cmd.ChannelName = "directmessage"
	}
	if u, ok := s.users[cmd.UserID]; ok {
		setDefault(&cmd.UserName, u.Name)
	}
	setDefault(&cmd.UserName, cmd.UserID)
	return cmd
}
