package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"github.com/briefbot/briefbot/internal/dendrite"
	"github.com/briefbot/briefbot/store"
)

// TestMatrixKillDuringDelivery kills `briefbot run` with SIGKILL while it
// posts digests to a room on a real Dendrite. Every send is answered
// a second after Dendrite accepted it, so kills land between the
// homeserver accepting a message and briefbot recording it. After a last
// run, the other user must see every committed digest exactly once: an
// interrupted delivery is looked for in the room before it is sent again,
// and a send repeated anyway reuses its transaction id and access token.
func TestMatrixKillDuringDelivery(t *testing.T) {
	if testing.Short() {
		t.Skip("the Matrix crash test takes about 2 minutes")
	}
	t.Parallel()
	srv := dendrite.Shared(t)
	ctx := context.Background()
	botU, err := srv.NewUser(ctx, "briefbot")
	if err != nil {
		t.Fatal(err)
	}
	alice, err := srv.NewUser(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	created, err := alice.Client.CreateRoom(ctx, &mautrix.ReqCreateRoom{Preset: "private_chat", Invite: []id.UserID{botU.ID}})
	if err != nil {
		t.Fatal(err)
	}
	room := created.RoomID
	proxy := dendrite.NewFaultProxy(srv.URL())
	defer proxy.Close()
	proxy.Inject(dendrite.Rule{Method: "PUT", Path: "/send/", DelayAnswer: time.Second})

	news := newNewsServer()
	defer news.Close()
	addr := freeAddr(t)
	cfg := writeConfigOpts(t, configOpts{listen: addr}, testSource{Name: "Wire", URL: news.URL + "/wire"}, testSource{Name: "Region", URL: news.URL + "/region"})
	base, _ := os.ReadFile(cfg)
	mx := fmt.Sprintf("matrix:\n  homeserver: %s\n  user_id: %s\n  password: %s\n  invites: [\"@alice-*:localhost\"]\n",
		yq(proxy.URL()), yq(string(botU.ID)), yq(botU.Password))
	// First the bot joins (no subscriptions yet: a post before the join
	// would be refused and pause them).
	writeFile(t, cfg, string(base)+mx)
	p, _ := startRunConfig(t, cfg, addr)
	waitFor(t, p, 30*time.Second, "the bot to join", func() bool {
		m, err := alice.Client.JoinedMembers(ctx, room)
		if err != nil {
			return false
		}
		_, ok := m.Joined[botU.ID]
		return ok
	})
	p.cmd.Process.Signal(syscall.SIGTERM)
	p.wait(t, 15*time.Second)

	writeFile(t, cfg, string(base)+mx+fmt.Sprintf("subscriptions:\n  - channel: %s\n    topics: [border-developments, alliance-statements]\n    schedule: every 10s\n", yq("matrix:"+string(room))))
	rng := rand.New(rand.NewPCG(20261201, 9))
	kills := 0
	for kills < 9 {
		sends := proxy.Count("PUT", "/send/")
		p := startBinary(t, t.TempDir(), processEnv(t.TempDir(), t.TempDir()), "--config", cfg, "run")
		if kills%3 == 2 {
			// Now and then at a random moment,
			time.Sleep(time.Duration(1000+rng.IntN(5000)) * time.Millisecond)
		} else {
			// mostly while a send waits for its answer.
			for deadline := time.Now().Add(15 * time.Second); proxy.Count("PUT", "/send/") == sends && time.Now().Before(deadline); {
				time.Sleep(20 * time.Millisecond)
			}
			time.Sleep(time.Duration(100+rng.IntN(700)) * time.Millisecond)
		}
		if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		p.wait(t, 10*time.Second)
		kills++
	}
	// A last run without subscriptions delivers what the killed ones left.
	writeFile(t, cfg, string(base)+mx)
	p, _ = startRunConfig(t, cfg, addr)
	dbPath := filepath.Join(filepath.Dir(cfg), "x.db")
	var committed []store.Delivery
	waitFor(t, p, 180*time.Second, "every committed delivery delivered", func() bool {
		st, err := store.Open(ctx, "sqlite://"+dbPath, store.Options{})
		if err != nil {
			return false
		}
		defer st.Close()
		if committed, err = st.Deliveries(ctx); err != nil {
			return false
		}
		for _, d := range committed {
			if d.Status != "delivered" {
				return false
			}
		}
		return true
	})
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t, 15*time.Second); code != 0 {
		t.Errorf("last run: exit %d\n%s", code, p)
	}

	// What alice sees: the bot's top-level notices, oldest to newest.
	seen := map[id.EventID]int{}
	from := ""
	for {
		resp, err := alice.Client.Messages(ctx, room, from, "", mautrix.DirectionBackward, nil, 500)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range resp.Chunk {
			if e.Sender != botU.ID || e.Type != event.EventMessage {
				continue
			}
			_ = e.Content.ParseRaw(e.Type)
			if c := e.Content.AsMessage(); c.MsgType == event.MsgNotice && c.RelatesTo == nil {
				seen[e.ID]++
			}
		}
		if resp.End == "" || len(resp.Chunk) == 0 {
			break
		}
		from = resp.End
	}
	digests := 0
	for _, d := range committed {
		if d.Thread != "" {
			continue
		}
		digests++
		if seen[id.EventID(d.Ref)] != 1 {
			t.Errorf("delivery %s (event %q) seen %d times", d.Key, d.Ref, seen[id.EventID(d.Ref)])
		}
	}
	if len(seen) != digests {
		t.Errorf("alice sees %d digests, %d were committed: a send was repeated", len(seen), digests)
	}
	t.Logf("%d kills, %d digests committed, %d seen by the other user, %d sends and %d look-ups of interrupted deliveries through the proxy",
		kills, digests, len(seen), proxy.Count("PUT", "/send/"), proxy.Count("GET", "/messages"))
	if digests < 6 {
		t.Errorf("too little happened: %d digests", digests)
	}
	// A delivery whose attempt was cut short is looked for in the room
	// before it is sent again: at least one must have been.
	if checks := proxy.Count("GET", "/messages"); checks == 0 {
		t.Errorf("no kill interrupted a delivery (%d sends, %d digests): the test proved nothing", proxy.Count("PUT", "/send/"), digests)
	}
}
