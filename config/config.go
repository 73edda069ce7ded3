// Package config reads briefbot's one YAML configuration file into a typed,
// validated struct. Decoding is strict: an unknown key, a wrong type or a bad
// value is reported as FILE:LINE: KEY: message, so a user can fix the file
// without guessing.
package config

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"go.yaml.in/yaml/v3"
)

// Example is the commented example configuration printed by
// `briefbot config example`; a test keeps it valid.
//
//go:embed example.yaml
var Example []byte

// Config is the whole configuration.
type Config struct {
	Database string   `yaml:"database"`
	HTTP     HTTP     `yaml:"http"`
	Feeds    Feeds    `yaml:"feeds"`
	Sources  []Source `yaml:"sources"`
	// Topics extend the default topic pack, or replace (or disable) the
	// default topic of the same name.
	Topics []Topic `yaml:"topics"`
	Bot    Bot     `yaml:"bot"`
	// Console, when its path is set, makes `briefbot run` deliver to
	// console:NAME channels by appending JSON lines to that file.
	Console       Console        `yaml:"console"`
	Matrix        Matrix         `yaml:"matrix"`
	Slack         Slack          `yaml:"slack"`
	Subscriptions []Subscription `yaml:"subscriptions"`
	Replicas      Replicas       `yaml:"replicas"`

	// File is the path the config was read from ("" for built-in defaults).
	File string `yaml:"-"`
	// lines maps a dotted key ("feeds.timeout", "sources[2].url") to its line.
	lines map[string]int
}

// HTTP configures the built-in HTTP server.
type HTTP struct {
	// Listen is host:port for /healthz, /readyz and /metrics; "" turns it off.
	Listen string `yaml:"listen"`
}

// Replicas times the leases of replicas sharing a PostgreSQL database
// (the leader's work and each chat connection).
type Replicas struct {
	// Lease is how long a lease lives without renewal: a dead replica's
	// part is taken over within Lease + Renew.
	Lease Duration `yaml:"lease"`
	// Renew is how often a holder renews its leases, and how often the
	// others try to take one.
	Renew Duration `yaml:"renew"`
}

// Feeds holds the defaults and limits for fetching feeds.
type Feeds struct {
	Schedule             string   `yaml:"schedule"`
	Timeout              Duration `yaml:"timeout"`
	MaxBody              Size     `yaml:"max_body"`
	Concurrency          int      `yaml:"concurrency"`
	PerHost              int      `yaml:"per_host"`
	UserAgent            string   `yaml:"user_agent"`
	AllowPrivateNetworks bool     `yaml:"allow_private_networks"`
	Retention            Duration `yaml:"retention"`
}

// Source is one feed declared in the config file.
type Source struct {
	Name     string   `yaml:"name"`
	URL      string   `yaml:"url"`
	Schedule string   `yaml:"schedule"`
	Tags     []string `yaml:"tags"`
}

// Bot configures the chat side shared by every platform.
type Bot struct {
	Timezone        string `yaml:"timezone"`          // default time zone for schedules
	EmptyDigest     string `yaml:"empty_digest"`      // post "no new developments", or skip
	WhoMaySubscribe string `yaml:"who_may_subscribe"` // anyone in the channel, or admins
	AdminChannel    string `yaml:"admin_channel"`     // where failures and paused subscriptions are reported
}

// Console is the terminal platform: deliveries appended to a file.
type Console struct {
	Path string `yaml:"path"`
	// Delay pauses before each write, as a slow chat platform would
	// (crash tests use it so that kills land mid-post). Default 0.
	Delay Duration `yaml:"delay"`
}

// Matrix connects the bot to a Matrix homeserver (off when Homeserver
// is "").
type Matrix struct {
	Homeserver string `yaml:"homeserver"`
	UserID     string `yaml:"user_id"`
	// AccessToken, or Password: log in once, keep the token and device.
	AccessToken   string `yaml:"access_token"`
	Password      string `yaml:"password"`
	CommandPrefix string `yaml:"command_prefix"` // default "!brief"
	// Invites: whose invites are accepted; * matches any run of
	// characters. Default none.
	Invites []string `yaml:"invites"`
	// Admins may add and remove sources.
	Admins []string `yaml:"admins"`
	// SubscribePowerLevel is the power level needed to change a room's
	// subscriptions when bot.who_may_subscribe is admins. Default 50.
	SubscribePowerLevel int `yaml:"subscribe_power_level"`
	// E2EE makes encrypted rooms work; keys live in briefbot's database.
	E2EE bool `yaml:"e2ee"`
}

// Slack connects the bot to a Slack workspace (off when BotToken is "").
// Socket Mode when AppToken is set; HTTP mode otherwise, on http.listen.
type Slack struct {
	BotToken      string `yaml:"bot_token"`      // xoxb-…
	AppToken      string `yaml:"app_token"`      // xapp-…: Socket Mode (no public URL needed)
	SigningSecret string `yaml:"signing_secret"` // HTTP mode
	// APIURL is slack-go's API base URL, default https://slack.com/api/.
	APIURL string `yaml:"api_url"`
	// Admins may add and remove sources, with the workspace's admins and
	// owners.
	Admins []string `yaml:"admins"`
}

// Subscription is a channel's subscription declared in the config,
// beside those made in chat.
type Subscription struct {
	Channel  string   `yaml:"channel"` // console:NAME, slack:C0123ABCD, matrix:!room:server
	Topics   []string `yaml:"topics"`
	Schedule string   `yaml:"schedule"` // the subscribe command's words; default "daily 08:00"
}

// matrixUserRe is a Matrix user id: @localpart:server.
var matrixUserRe = regexp.MustCompile(`^@[a-z0-9._=/+-]+:[A-Za-z0-9.:\[\]-]+$`)

// slackUserRe is a Slack user id.
var slackUserRe = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)

// ValidChannel checks a channel name: platform:id.
func ValidChannel(ch string) error {
	platform, id, ok := strings.Cut(ch, ":")
	switch {
	case !ok || id == "":
		return fmt.Errorf("must be platform:id, e.g. console:desk, slack:C0123ABCD or matrix:!room:example.org (got %q)", ch)
	case platform != "console" && platform != "slack" && platform != "matrix":
		return fmt.Errorf("unknown platform %q: want console, slack or matrix", platform)
	case platform == "matrix" && !strings.HasPrefix(id, "!"):
		return fmt.Errorf("a Matrix channel is matrix:!roomid:server (got %q)", ch)
	}
	return nil
}

// Topic is a briefing topic declared in the config. The fields mirror
// the default topic pack (digest/data/topics.yaml), which documents them.
type Topic struct {
	Name     string     `yaml:"name"`
	Title    string     `yaml:"title"`
	Disabled bool       `yaml:"disabled"` // drop the default topic of this name
	Rules    TopicRules `yaml:"rules"`
}

// TopicRules say what an item must contain to be in a topic.
type TopicRules struct {
	Actors         *TopicActors `yaml:"actors"`
	Places         *TopicPlaces `yaml:"places"`
	Signal         string       `yaml:"signal"` // statement or event
	Events         []string     `yaml:"events"`
	Scope          string       `yaml:"scope"` // sentence or lead
	Negative       []string     `yaml:"negative"`
	NegativeWindow int          `yaml:"negative_window"`
}

// TopicActors select speakers from the actor list.
type TopicActors struct {
	Bodies       []string `yaml:"bodies"`
	Kinds        []string `yaml:"kinds"`
	ContextKinds []string `yaml:"context_kinds"`
	Context      []string `yaml:"context"`
}

// TopicPlaces select places from the gazetteer.
type TopicPlaces struct {
	Regions   []string `yaml:"regions"`
	Countries []string `yaml:"countries"`
}

// Default returns the configuration used when a key is absent.
func Default() *Config {
	return &Config{
		Database: "sqlite://./briefbot.db",
		HTTP:     HTTP{Listen: "127.0.0.1:8080"},
		Feeds: Feeds{
			Schedule:    "*/15 * * * *",
			Timeout:     Duration(20 * time.Second),
			MaxBody:     10 << 20,
			Concurrency: 8,
			PerHost:     2,
			Retention:   Duration(90 * 24 * time.Hour),
		},
		Bot:      Bot{Timezone: "UTC", EmptyDigest: "post", WhoMaySubscribe: "anyone"},
		Matrix:   Matrix{CommandPrefix: "!brief", SubscribePowerLevel: 50},
		Replicas: Replicas{Lease: Duration(20 * time.Second), Renew: Duration(5 * time.Second)},
	}
}

// Error is a problem at one place in a config file.
type Error struct {
	File string
	Line int // 0 when unknown
	Key  string
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Key != "" {
		b.WriteString(": " + e.Key)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// Errors is every problem found in one file, in line order.
type Errors []*Error

func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

// Resolve picks the config file: the --config flag, else $BRIEFBOT_CONFIG,
// else ./briefbot.yaml.
func Resolve(flagValue string, getenv func(string) string) string {
	if flagValue != "" {
		return flagValue
	}
	if p := getenv("BRIEFBOT_CONFIG"); p != "" {
		return p
	}
	return "briefbot.yaml"
}

// Load reads, expands, decodes and validates the file at path.
func Load(path string, getenv func(string) string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: fmt.Sprintf("cannot read config: %v", errors.Unwrap(err))}
	}
	return Parse(path, data, getenv)
}

// Parse decodes data (named path in errors) over the defaults and validates it.
func Parse(path string, data []byte, getenv func(string) string) (*Config, error) {
	cfg := Default()
	cfg.File = path
	cfg.lines = map[string]int{}
	if len(bytes.TrimSpace(data)) > 0 {
		var root yaml.Node
		if err := yaml.Unmarshal(data, &root); err != nil {
			return nil, yamlSyntaxError(path, err)
		}
		d := &decoder{file: path, getenv: getenv, lines: cfg.lines}
		if len(root.Content) > 0 {
			d.decode(root.Content[0], "", cfg)
		}
		if len(d.errs) > 0 {
			return nil, sortErrors(d.errs)
		}
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return cfg, nil
}

var yamlLineRE = regexp.MustCompile(`line (\d+): (.*)`)

func yamlSyntaxError(path string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		var line int
		fmt.Sscan(m[1], &line)
		return Errors{{File: path, Line: line, Msg: "invalid YAML: " + m[2]}}
	}
	return Errors{{File: path, Msg: "invalid YAML: " + msg}}
}

func sortErrors(es Errors) Errors {
	sort.SliceStable(es, func(i, j int) bool { return es[i].Line < es[j].Line })
	return es
}

// Line returns the line a key was set on, 0 when it came from the defaults.
func (c *Config) Line(key string) int { return c.lineOf(key) }

// Validate checks values that decode fine but cannot work, naming the key.
func (c *Config) Validate() error {
	var errs Errors
	bad := func(key, format string, args ...any) {
		errs = append(errs, &Error{File: c.File, Line: c.lineOf(key), Key: key, Msg: fmt.Sprintf(format, args...)})
	}
	if !strings.HasPrefix(c.Database, "sqlite://") && !strings.HasPrefix(c.Database, "postgres://") && !strings.HasPrefix(c.Database, "postgresql://") {
		bad("database", "must start with sqlite:// or postgres:// (got %q)", c.Database)
	} else if c.Database == "sqlite://" {
		bad("database", "sqlite:// needs a path, e.g. sqlite://./briefbot.db")
	}
	if c.HTTP.Listen != "" {
		if _, _, err := net.SplitHostPort(c.HTTP.Listen); err != nil {
			bad("http.listen", "must be host:port, e.g. 127.0.0.1:8080 (got %q)", c.HTTP.Listen)
		}
	}
	if err := CheckSchedule(c.Feeds.Schedule); err != nil {
		bad("feeds.schedule", "%v", err)
	}
	if c.Feeds.Timeout <= 0 {
		bad("feeds.timeout", "must be positive")
	}
	if c.Feeds.MaxBody < 1024 {
		bad("feeds.max_body", "must be at least 1KiB")
	}
	if c.Feeds.Concurrency < 1 {
		bad("feeds.concurrency", "must be at least 1")
	}
	if c.Feeds.PerHost < 0 {
		bad("feeds.per_host", "must be 0 (no limit) or more")
	}
	if c.Feeds.Retention < Duration(time.Hour) {
		bad("feeds.retention", "must be at least 1h")
	}
	if c.Replicas.Renew < Duration(time.Second) {
		bad("replicas.renew", "must be at least 1s")
	}
	if c.Replicas.Lease < 2*c.Replicas.Renew {
		bad("replicas.lease", "must be at least twice replicas.renew (%s), so a holder renews before it runs out", time.Duration(c.Replicas.Renew))
	}
	names := map[string]int{}
	for i, s := range c.Sources {
		key := fmt.Sprintf("sources[%d]", i)
		if strings.TrimSpace(s.Name) == "" {
			bad(key+".name", "is required")
		} else if j, dup := names[s.Name]; dup {
			bad(key+".name", "%q is already used by sources[%d]", s.Name, j)
		} else {
			names[s.Name] = i
		}
		if err := CheckFeedURL(s.URL); err != nil {
			bad(key+".url", "%v", err)
		}
		if s.Schedule != "" {
			if err := CheckSchedule(s.Schedule); err != nil {
				bad(key+".schedule", "%v", err)
			}
		}
	}
	if _, err := time.LoadLocation(c.Bot.Timezone); err != nil {
		bad("bot.timezone", "unknown time zone %q (want an IANA name such as Europe/Brussels)", c.Bot.Timezone)
	}
	if c.Bot.EmptyDigest != "post" && c.Bot.EmptyDigest != "skip" {
		bad("bot.empty_digest", "must be post or skip (got %q)", c.Bot.EmptyDigest)
	}
	if c.Bot.WhoMaySubscribe != "anyone" && c.Bot.WhoMaySubscribe != "admins" {
		bad("bot.who_may_subscribe", "must be anyone or admins (got %q)", c.Bot.WhoMaySubscribe)
	}
	if c.Bot.AdminChannel != "" {
		if err := ValidChannel(c.Bot.AdminChannel); err != nil {
			bad("bot.admin_channel", "%v", err)
		}
	}
	if m := c.Matrix; m.Homeserver != "" {
		if u, err := url.Parse(m.Homeserver); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("matrix.homeserver", "want an http(s) URL such as https://matrix.example.org (got %q)", m.Homeserver)
		}
		if !matrixUserRe.MatchString(m.UserID) {
			bad("matrix.user_id", "want a Matrix user id such as @briefbot:example.org (got %q)", m.UserID)
		}
		if m.AccessToken == "" && m.Password == "" {
			bad("matrix.access_token", "is required, or matrix.password (set it from the environment: ${MATRIX_ACCESS_TOKEN})")
		}
		if strings.TrimSpace(m.CommandPrefix) == "" || strings.ContainsAny(m.CommandPrefix, " \t\n") {
			bad("matrix.command_prefix", "want one word such as !brief (got %q)", m.CommandPrefix)
		}
		for i, pat := range m.Invites {
			if !strings.HasPrefix(pat, "@") || !strings.Contains(pat, ":") {
				bad(fmt.Sprintf("matrix.invites[%d]", i), "want a user id pattern such as @*:example.org (got %q)", pat)
			}
		}
		for i, a := range m.Admins {
			if !matrixUserRe.MatchString(a) {
				bad(fmt.Sprintf("matrix.admins[%d]", i), "want a Matrix user id such as @alice:example.org (got %q)", a)
			}
		}
		if m.SubscribePowerLevel < 0 || m.SubscribePowerLevel > 100 {
			bad("matrix.subscribe_power_level", "must be between 0 and 100 (got %d)", m.SubscribePowerLevel)
		}
	}
	if sl := c.Slack; sl.BotToken != "" || sl.AppToken != "" || sl.SigningSecret != "" {
		if !strings.HasPrefix(sl.BotToken, "xoxb-") {
			bad("slack.bot_token", "want a bot token xoxb-… (set it from the environment: ${SLACK_BOT_TOKEN})")
		}
		if sl.AppToken != "" && !strings.HasPrefix(sl.AppToken, "xapp-") {
			bad("slack.app_token", "want an app-level token xapp-… for Socket Mode")
		}
		if sl.AppToken == "" && sl.SigningSecret == "" {
			bad("slack.signing_secret", "is required in HTTP mode (or set slack.app_token for Socket Mode)")
		}
		if sl.AppToken == "" && c.HTTP.Listen == "" {
			bad("http.listen", "is required for Slack's HTTP mode (Slack posts to /slack/commands, /slack/events and /slack/interactive); or set slack.app_token for Socket Mode")
		}
		if sl.APIURL != "" {
			if u, err := url.Parse(sl.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				bad("slack.api_url", "want an http(s) URL such as https://slack.com/api/ (got %q)", sl.APIURL)
			}
		}
		for i, a := range sl.Admins {
			if !slackUserRe.MatchString(a) {
				bad(fmt.Sprintf("slack.admins[%d]", i), "want a Slack user id such as U0123ABCD (got %q)", a)
			}
		}
	}
	if c.Console.Delay < 0 || c.Console.Delay > Duration(time.Minute) {
		bad("console.delay", "must be between 0 and 1m")
	}
	for i, s := range c.Subscriptions {
		key := fmt.Sprintf("subscriptions[%d]", i)
		if err := ValidChannel(s.Channel); err != nil {
			bad(key+".channel", "%v", err)
		}
		if len(s.Topics) == 0 {
			bad(key+".topics", "is required: the topics (or source:NAME) to deliver")
		}
	}
	topics := map[string]int{}
	for i, t := range c.Topics {
		key := fmt.Sprintf("topics[%d]", i)
		if strings.TrimSpace(t.Name) == "" {
			bad(key+".name", "is required")
		} else if j, dup := topics[t.Name]; dup {
			bad(key+".name", "%q is already used by topics[%d]", t.Name, j)
		} else {
			topics[t.Name] = i
		}
	}
	if len(errs) > 0 {
		return sortErrors(errs)
	}
	return nil
}

// lineOf finds the line of key, or of the nearest enclosing key when key
// itself is absent (a missing required key is reported where its parent is).
func (c *Config) lineOf(key string) int {
	for key != "" {
		if n, ok := c.lines[key]; ok {
			return n
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

// CheckFeedURL reports whether u is an absolute http(s) URL.
func CheckFeedURL(u string) error {
	if strings.TrimSpace(u) == "" {
		return errors.New("is required")
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return fmt.Errorf("must be an http:// or https:// URL (got %q)", u)
	}
	return nil
}

// CheckSchedule reports whether s is a 5-field cron expression or @every DURATION.
func CheckSchedule(s string) error {
	if _, err := ParseSchedule(s); err != nil {
		return err
	}
	return nil
}

// ParseSchedule parses a poll schedule: a 5-field cron expression, a
// descriptor such as @hourly, or @every DURATION (days allowed).
func ParseSchedule(s string) (cron.Schedule, error) {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "@every "); ok {
		d, err := ParseDuration(rest)
		if err != nil {
			return nil, err
		}
		if d < time.Second {
			return nil, fmt.Errorf("@every needs at least 1s (got %q)", s)
		}
		return cron.Every(d), nil
	}
	sch, err := cron.ParseStandard(s)
	if err != nil {
		return nil, fmt.Errorf("invalid schedule %q: want 5 cron fields (min hour dom month dow) or @every DURATION", s)
	}
	return sch, nil
}
