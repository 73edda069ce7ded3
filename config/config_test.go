package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestExampleIsValid(t *testing.T) {
	cfg, err := Parse("example.yaml", Example, env(nil))
	if err != nil {
		t.Fatalf("embedded example config is invalid:\n%v", err)
	}
	if len(cfg.Sources) == 0 || cfg.Sources[0].Schedule == "" || len(cfg.Sources[0].Tags) == 0 {
		t.Errorf("example should show a source with schedule and tags, got %+v", cfg.Sources)
	}
	if time.Duration(cfg.Feeds.Retention) != 90*24*time.Hour || cfg.Feeds.MaxBody != 10<<20 {
		t.Errorf("example values: retention %v max_body %v", cfg.Feeds.Retention, cfg.Feeds.MaxBody)
	}
}

func TestEmptyFileGivesDefaults(t *testing.T) {
	cfg, err := Parse("x.yaml", nil, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Feeds.Concurrency != 8 || cfg.Feeds.PerHost != 2 || cfg.Database != "sqlite://./briefbot.db" {
		t.Errorf("defaults: %+v", cfg)
	}
}

func TestParseValues(t *testing.T) {
	src := `database: sqlite:///tmp/x.db
feeds:
  timeout: 1d2h
  max_body: 512KiB
  per_host: 0
  allow_private_networks: true
sources:
  - name: A
    url: https://a.example/rss
    schedule: "@every 90s"
    tags: [x, "y"]
  - name: B
    url: http://b.example/atom
`
	cfg, err := Parse("f.yaml", []byte(src), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if got := time.Duration(cfg.Feeds.Timeout); got != 26*time.Hour {
		t.Errorf("timeout = %v", got)
	}
	if cfg.Feeds.MaxBody != 512<<10 || cfg.Feeds.PerHost != 0 || !cfg.Feeds.AllowPrivateNetworks {
		t.Errorf("feeds = %+v", cfg.Feeds)
	}
	if len(cfg.Sources) != 2 || cfg.Sources[0].Tags[1] != "y" || cfg.Sources[1].Schedule != "" {
		t.Errorf("sources = %+v", cfg.Sources)
	}
	if cfg.Line("sources[1].url") != 13 {
		t.Errorf("line of sources[1].url = %d, want 13", cfg.Line("sources[1].url"))
	}
}

func TestEnvExpansion(t *testing.T) {
	cfg, err := Parse("f.yaml", []byte("database: postgres://bot:${PGPASS}@db/briefbot\n"), env(map[string]string{"PGPASS": "s3cret"}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Database != "postgres://bot:s3cret@db/briefbot" {
		t.Errorf("database = %q", cfg.Database)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown key", "feeds:\n  timeut: 5s\n", "f.yaml:2: feeds.timeut: unknown key (did you mean \"timeout\"?)"},
		{"unknown top key", "databse: x\n", "f.yaml:1: databse: unknown key (did you mean \"database\"?)"},
		{"wrong type int", "feeds:\n  concurrency: many\n", "f.yaml:2: feeds.concurrency: must be a whole number (got \"many\")"},
		{"wrong type bool", "feeds:\n  allow_private_networks: sometimes\n", "f.yaml:2: feeds.allow_private_networks: must be true or false"},
		{"bad duration", "feeds:\n  retention: 3 weeks\n", "f.yaml:2: feeds.retention: invalid duration \"3 weeks\""},
		{"bad size", "feeds:\n  max_body: lots\n", "f.yaml:2: feeds.max_body: invalid size"},
		{"bad schedule", "feeds:\n  schedule: every hour\n", "f.yaml:2: feeds.schedule: invalid schedule"},
		{"list expected", "sources: foo\n", "f.yaml:1: sources: must be a list"},
		{"source url", "sources:\n  - name: A\n    url: ftp://x/y\n", "f.yaml:3: sources[0].url: must be an http:// or https:// URL"},
		{"source name missing", "sources:\n  - url: https://x/y\n", "sources[0].name: is required"},
		{"duplicate name", "sources:\n  - {name: A, url: 'https://x/1'}\n  - {name: A, url: 'https://x/2'}\n", "f.yaml:3: sources[1].name: \"A\" is already used"},
		{"database scheme", "database: mysql://x\n", "f.yaml:1: database: must start with sqlite:// or postgres://"},
		{"missing env", "database: postgres://${NOPE}@x/y\n", "f.yaml:1: database: environment variable NOPE is not set"},
		{"yaml syntax", "feeds:\n  timeout: [\n", "f.yaml:"},
		{"listen", "http:\n  listen: nonsense\n", "f.yaml:2: http.listen: must be host:port"},
		{"concurrency zero", "feeds:\n  concurrency: 0\n", "f.yaml:2: feeds.concurrency: must be at least 1"},
		{"replicas lease", "replicas:\n  lease: 5s\n  renew: 5s\n", "f.yaml:2: replicas.lease: must be at least twice replicas.renew (5s)"},
		{"replicas renew", "replicas:\n  renew: 100ms\n", "f.yaml:2: replicas.renew: must be at least 1s"},
		{"matrix homeserver", "matrix:\n  homeserver: matrix.example.org\n  user_id: '@b:example.org'\n  access_token: t\n", "f.yaml:2: matrix.homeserver: want an http(s) URL"},
		{"matrix user", "matrix:\n  homeserver: https://m.example.org\n  user_id: briefbot\n  access_token: t\n", "f.yaml:3: matrix.user_id: want a Matrix user id"},
		{"matrix no token", "matrix:\n  homeserver: https://m.example.org\n  user_id: '@b:example.org'\n", "matrix.access_token: is required, or matrix.password"},
		{"matrix invites", "matrix:\n  homeserver: https://m.example.org\n  user_id: '@b:example.org'\n  password: p\n  invites: ['*']\n", "f.yaml:5: matrix.invites[0]: want a user id pattern"},
		{"matrix power", "matrix:\n  homeserver: https://m.example.org\n  user_id: '@b:example.org'\n  password: p\n  subscribe_power_level: 101\n", "f.yaml:5: matrix.subscribe_power_level: must be between 0 and 100"},
		{"slack token", "slack:\n  bot_token: xoxp-1\n  app_token: xapp-1\n", "f.yaml:2: slack.bot_token: want a bot token xoxb-"},
		{"slack no mode", "slack:\n  bot_token: xoxb-1\n", "slack.signing_secret: is required in HTTP mode"},
		{"slack http listen", "http:\n  listen: \"\"\nslack:\n  bot_token: xoxb-1\n  signing_secret: s\n", "http.listen: is required for Slack's HTTP mode"},
		{"slack admins", "slack:\n  bot_token: xoxb-1\n  app_token: xapp-1\n  admins: [alice]\n", "f.yaml:4: slack.admins[0]: want a Slack user id"},
		{"nested unknown", "sources:\n  - name: A\n    url: https://x/y\n    tag: [a]\n", "f.yaml:4: sources[0].tag: unknown key (did you mean \"tags\"?)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(tt.src), env(nil))
			if err == nil {
				t.Fatalf("no error for %q", tt.src)
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error %T is not config.Errors", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error\n  %s\nwant it to contain\n  %s", err, tt.want)
			}
		})
	}
}

func TestSeveralErrorsAllReportedInLineOrder(t *testing.T) {
	_, err := Parse("f.yaml", []byte("feeds:\n  concurrency: x\n  bogus: 1\nhttp:\n  listen: nope\n"), env(nil))
	if err == nil {
		t.Fatal("want errors")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "f.yaml:2:") || !strings.HasPrefix(lines[1], "f.yaml:3:") {
		t.Errorf("got %q", lines)
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"90d": 90 * 24 * time.Hour, "1d12h": 36 * time.Hour, "15m": 15 * time.Minute, "0.5d": 12 * time.Hour} {
		got, err := ParseDuration(in)
		if err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "d", "xd", "-1d", "5 minutes"} {
		if _, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) accepted", in)
		}
	}
}

func TestParseSchedule(t *testing.T) {
	now := time.Date(2026, 11, 30, 10, 7, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"*/15 * * * *": time.Date(2026, 11, 30, 10, 15, 0, 0, time.UTC),
		"@every 2m":    now.Add(2 * time.Minute),
		"@hourly":      time.Date(2026, 11, 30, 11, 0, 0, 0, time.UTC),
	} {
		s, err := ParseSchedule(in)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if got := s.Next(now); !got.Equal(want) {
			t.Errorf("%q next = %v, want %v", in, got, want)
		}
	}
}

func TestResolve(t *testing.T) {
	if got := Resolve("a.yaml", env(map[string]string{"BRIEFBOT_CONFIG": "b.yaml"})); got != "a.yaml" {
		t.Error(got)
	}
	if got := Resolve("", env(map[string]string{"BRIEFBOT_CONFIG": "b.yaml"})); got != "b.yaml" {
		t.Error(got)
	}
	if got := Resolve("", env(nil)); got != "briefbot.yaml" {
		t.Error(got)
	}
}
