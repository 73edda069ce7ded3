package matrix_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix/event"

	"github.com/briefbot/briefbot/bot/matrix"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/store"
)

// tenStories stores reports of ten separate border incidents.
func tenStories(b testing.TB, st *store.Store) {
	ctx := context.Background()
	src, err := st.AddSource(ctx, store.SourceSpec{Name: "Border Wire", URL: "https://border.example/feed"})
	if err != nil {
		b.Fatal(err)
	}
	places := []string{"Shebekino", "Graivoron", "Valuyki", "Sudzha", "Rylsk", "Klintsy", "Sevsk", "Krasnopillia", "Vovchansk", "Kupiansk"}
	var items []feeds.Item
	for i, p := range places {
		link := fmt.Sprintf("https://border.example/%d", i)
		items = append(items, feeds.Item{Key: "guid:" + link, URL: link, Link: link, Lang: "en", Published: time.Now().Add(-time.Duration(i+1) * 20 * time.Minute),
			Title: fmt.Sprintf("Shelling damages houses in %s", p),
			Text:  fmt.Sprintf("Artillery shelling damaged several houses in %s on the border, local officials said.", p)})
	}
	if _, err := st.SaveItems(ctx, src.ID, items); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkDigestToReader measures, on Dendrite, the time from a
// scheduled digest of ten stories falling due to its arrival in another
// user's /sync. It reports the median and p95 over b.N digests.
func BenchmarkDigestToReader(b *testing.B) {
	w := newWorld(b, false)
	tenStories(b, w.st)
	ctx := context.Background()
	r := follow(b, w.alice)
	s := w.scheduler(10 * time.Millisecond)
	var took []time.Duration
	b.ResetTimer()
	for range b.N {
		// Each digest goes to a room of its own, so all ten stories are
		// new there.
		b.StopTimer()
		room := w.room()
		w.waitJoined(room)
		ch := matrix.Prefix + string(room)
		if _, _, err := w.st.Subscribe(ctx, store.Subscription{Channel: ch, Target: "border-developments", Schedule: "hourly", NextRun: time.Now(), Cursor: time.Now().Add(-24 * time.Hour)}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		if n, err := s.RunDue(ctx, time.Now().Add(10*time.Second)); n != 1 || err != nil {
			b.Fatalf("RunDue = %d, %v", n, err)
		}
		var got *event.Event
		for deadline := time.Now().Add(20 * time.Second); got == nil && time.Now().Before(deadline); {
			for _, e := range r.notices(w.botID.ID) {
				if e.RoomID == room {
					got = e
				}
			}
			time.Sleep(2 * time.Millisecond)
		}
		if got == nil {
			b.Fatal("the digest never arrived")
		}
		if n := strings.Count(got.Content.AsMessage().Body, "\n  * "); n < 10 {
			b.Fatalf("digest shows %d stories, want at least 10:\n%s", n, got.Content.AsMessage().Body)
		}
		took = append(took, r.arrival(got.ID).Sub(start))
	}
	b.StopTimer()
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	b.ReportMetric(float64(took[len(took)/2].Milliseconds()), "p50-ms")
	b.ReportMetric(float64(took[min(len(took)-1, len(took)*95/100)].Milliseconds()), "p95-ms")
}

// BenchmarkCommandRoundTrip measures `!brief latest` from a user's send
// to the bot's reply arriving in the user's /sync, on Dendrite.
func BenchmarkCommandRoundTrip(b *testing.B) {
	w := newWorld(b, false)
	r := follow(b, w.alice)
	room := w.room()
	w.waitJoined(room)
	var took []time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		ev := say(b, w.alice, room, "!brief latest border-developments")
		reply := r.replyTo(b, w.botID.ID, ev)
		took = append(took, r.arrival(reply.ID).Sub(start))
	}
	b.StopTimer()
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[min(len(took)-1, len(took)*95/100)].Microseconds())/1000, "p95-ms")
}
