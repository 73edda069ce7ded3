package slack_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	slackbot "github.com/briefbot/briefbot/bot/slack"
	"github.com/briefbot/briefbot/bot/slack/slackfake"
	"github.com/briefbot/briefbot/internal/pgtest"
	"github.com/briefbot/briefbot/internal/testnews"
	"github.com/briefbot/briefbot/store"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// Slack's HTTP requests may land on any replica of an installation on
// PostgreSQL: an event and its retry answered by different replicas are
// processed once, a signed request replayed to the other replica is
// refused, and either answers commands.
func TestHTTPOnTwoReplicas(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.NewDB(t)
	fake := newHTTPFake(t)
	var replicas [2]*httpWorld
	for i := range replicas {
		st, err := store.Open(ctx, dsn, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if i == 0 {
			testnews.Seed(t, st, time.Now())
		}
		replicas[i] = newHTTPWorld(t, httpWorldOptions{st: st, fake: fake})
	}
	a, b := replicas[0], replicas[1]

	mention := fake.AppMention(httpChannel, httpAlice, "<@"+slackfake.DefaultBotUserID+"> latest")
	cb := fake.EventCallback(mention)
	httpRememberMention(fake, cb)
	body := string(cb)
	now := time.Now()
	first := slackfake.Sign(a.secret, now, []byte(body))
	httpWantAck(t, "the event on replica A", a.post(slackbot.PathEvents, "application/json", body, first))
	httpWantRefused(t, "the event replayed to replica B", b.post(slackbot.PathEvents, "application/json", body, first), http.StatusUnauthorized, "replayed")
	retry := slackfake.Sign(b.secret, now.Add(2*time.Second), []byte(body))
	retry.Set("X-Slack-Retry-Num", "1")
	retry.Set("X-Slack-Retry-Reason", "http_timeout")
	httpWantAck(t, "Slack's retry on replica B", b.post(slackbot.PathEvents, "application/json", body, retry))

	cmd, r := b.command("latest")
	httpWantAck(t, "a command on replica B", r)

	a.drain()
	b.drain()
	var mentions, commands int
	for _, m := range fake.Messages(httpChannel) {
		if !strings.Contains(string(m.Blocks)+m.Text, "Shebekino") {
			t.Errorf("answer %+v, want the latest stories", m)
		}
		if m.Via == "response_url" {
			commands++
		} else if m.ThreadTS == mention["ts"] {
			mentions++
		}
	}
	if mentions != 1 || commands != 1 {
		t.Errorf("%d answers to one mention sent to both replicas and %d to one command, want 1 and 1", mentions, commands)
	}
	if !b.seen("slack.command:" + cmd.TriggerID) {
		t.Error("replica B did not record the command")
	}
}
