package main

import (
	"os"
	"strings"
	"testing"
)

// TestChat: one command per line, with or without a prefix; each reply
// is plain text followed by a blank line; end of input ends the session.
func TestChat(t *testing.T) {
	t.Parallel()
	srv := newNewsServer()
	defer srv.Close()
	cfg := writeConfig(t, testSource{Name: "Wire", URL: srv.URL + "/wire"}, testSource{Name: "Region", URL: srv.URL + "/region"})
	mustRun(t, "poll", "--once", "--config", cfg)
	in := strings.Join([]string{
		"/brief topics",
		"!brief latest border-developments",
		"",
		"subscribe border-developments daily 07:00 Europe/Kyiv",
		"subscriptions",
		"frobnicate",
		"search Шебекино",
	}, "\n") + "\n"
	r := invocation{stdin: in}.run(t, "chat", "--channel", "desk", "--config", cfg)
	if r.code != 0 {
		t.Fatalf("chat: exit %d\n%s", r.code, r)
	}
	replies := strings.Split(strings.TrimSuffix(r.stdout, "\n\n"), "\n\n")
	want := [][]string{
		{"alliance-statements", "border-developments"},
		{"Shebekino", "Belgorod Oblast"},
		{"Subscribed console:desk to border-developments, daily 07:00 Europe/Kyiv"},
		{"border-developments — daily 07:00 Europe/Kyiv"},
		{`unknown command "frobnicate"`},
		{"Shebekino"},
	}
	// Replies may hold blank lines themselves (a digest): find each in order.
	rest := r.stdout
	for i, ws := range want {
		for _, w := range ws {
			k := strings.Index(rest, w)
			if k < 0 {
				t.Fatalf("reply %d lacks %q; output:\n%s", i, w, r.stdout)
			}
		}
		k := strings.Index(rest, ws[0])
		rest = rest[k+len(ws[0]):]
	}
	if !strings.HasSuffix(r.stdout, "\n\n") || len(replies) < len(want) {
		t.Errorf("replies are not each followed by a blank line:\n%q", r.stdout)
	}
	// The subscription is stored: another session on another channel does not see it.
	r2 := invocation{stdin: "subscriptions\n"}.run(t, "chat", "--config", cfg)
	if !strings.Contains(r2.stdout, "No subscriptions here") {
		t.Errorf("console:terminal sees console:desk's subscriptions:\n%s", r2)
	}
	r3 := invocation{stdin: "subscriptions\n"}.run(t, "chat", "--channel", "desk", "--config", cfg)
	if !strings.Contains(r3.stdout, "daily 07:00 Europe/Kyiv") {
		t.Errorf("subscription not kept:\n%s", r3)
	}
}

// Subscriptions declared in the config are there in chat, and a bad
// schedule in them is an error at its line.
func TestConfigSubscriptions(t *testing.T) {
	t.Parallel()
	cfg := writeConfig(t)
	b, _ := os.ReadFile(cfg)
	writeFile(t, cfg, string(b)+"subscriptions:\n  - channel: console:desk\n    topics: [border-developments]\n    schedule: \"weekdays 07:30 Europe/Kyiv\"\n")
	r := invocation{stdin: "subscriptions\n"}.run(t, "chat", "--channel", "desk", "--config", cfg)
	if !strings.Contains(r.stdout, "border-developments — weekdays 07:30 Europe/Kyiv") || !strings.Contains(r.stdout, "from the config file") {
		t.Errorf("config subscription not listed:\n%s", r)
	}
	writeFile(t, cfg, string(b)+"subscriptions:\n  - channel: console:desk\n    topics: [border-developments]\n    schedule: \"dialy 07:30\"\n")
	for _, args := range [][]string{{"chat", "--config", cfg}, {"config", "check", "--config", cfg}} {
		r = bb(t, args...)
		if r.code != 2 || !strings.Contains(r.stderr, "subscriptions[0].schedule") || !strings.Contains(r.stderr, "daily") {
			t.Errorf("%v with a bad schedule: want exit 2 naming subscriptions[0].schedule\n%s", args, r)
		}
	}
	writeFile(t, cfg, string(b)+"subscriptions:\n  - channel: slack\n    topics: [nope]\n")
	r = bb(t, "config", "check", "--config", cfg)
	if r.code != 2 || !strings.Contains(r.stderr, "subscriptions[0].channel") {
		t.Errorf("bad channel: want exit 2 naming subscriptions[0].channel\n%s", r)
	}
}
