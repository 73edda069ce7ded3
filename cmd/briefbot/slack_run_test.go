package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/slack/slackfake"
)

// TestRunOnSlack runs `briefbot run` against the fake Slack in Socket
// Mode: a slash command is answered, and a scheduled digest is posted in
// Block Kit with its buttons.
func TestRunOnSlack(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(slackfake.Options{Channels: []slackfake.Channel{{ID: "C0DESK", Name: "desk", Member: true}},
		Users: map[string]slackfake.User{"U0ANA": {Name: "ana"}}})
	defer fake.Close()
	news := newNewsServer()
	defer news.Close()
	addr := freeAddr(t)
	cfg := writeConfigOpts(t, configOpts{listen: addr}, testSource{Name: "Wire", URL: news.URL + "/wire"}, testSource{Name: "Region", URL: news.URL + "/region"})
	base, _ := os.ReadFile(cfg)
	writeFile(t, cfg, string(base)+fmt.Sprintf("slack:\n  bot_token: %s\n  app_token: %s\n  api_url: %s\nsubscriptions:\n  - channel: slack:C0DESK\n    topics: [border-developments]\n    schedule: every 10s\n",
		slackfake.DefaultBotToken, slackfake.DefaultAppToken, yq(fake.APIURL())))
	p, _ := startRunConfig(t, cfg, addr)
	defer func() {
		p.cmd.Process.Signal(syscall.SIGTERM)
		if code := p.wait(t, 15*time.Second); code != 0 {
			t.Errorf("exit %d\n%s", code, p)
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := fake.WaitConnections(ctx, 1); err != nil {
		t.Fatalf("no Socket Mode connection: %v\n%s", err, p)
	}
	if _, err := fake.SendSlashCommand(ctx, fake.NewSlashCommand("C0DESK", "U0ANA", "/brief", "topics")); err != nil {
		t.Fatal(err)
	}
	var answered, digest bool
	for !(answered && digest) {
		if ctx.Err() != nil {
			var texts []string
			for _, m := range fake.Messages("C0DESK") {
				texts = append(texts, fmt.Sprintf("ephemeral=%v %s", m.Ephemeral, m.Blocks))
			}
			t.Fatalf("answered %v, digest %v; messages:\n%s", answered, digest, strings.Join(texts, "\n"))
		}
		for _, m := range fake.Messages("C0DESK") {
			b := string(m.Blocks)
			answered = answered || (m.Ephemeral && strings.Contains(b, "border-developments"))
			digest = digest || (!m.Ephemeral && strings.Contains(b, "brief_subscribe") && strings.Contains(b, "brief_sources") && strings.Contains(b, "Shebekino"))
		}
		time.Sleep(100 * time.Millisecond)
	}
}
