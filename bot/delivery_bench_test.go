package bot

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/internal/pgtest"
	"github.com/briefbot/briefbot/store"
)

// countingPlatform accepts every post at once (pacing stubbed out).
type countingPlatform struct {
	postOnly
	n    atomic.Int64
	want int64
	done chan struct{}
	once sync.Once
}

func (c *countingPlatform) Post(ctx context.Context, channel, thread, text, key string) (string, error) {
	if c.n.Add(1) == c.want {
		c.once.Do(func() { close(c.done) })
	}
	return key, nil
}

// BenchmarkMorningDigests: 1,000 channels subscribed to 2 topics at
// 08:00, with a day of 1,000 items stored: the time until every digest is
// handed to the platform, and the peak heap meanwhile.
//
//	go test -run NONE -bench MorningDigests -benchtime 1x -count 3 ./bot
//
// The sub-benchmarks run it on SQLite and on PostgreSQL.
func BenchmarkMorningDigests(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchMorningDigests(b, newFixture) })
	b.Run("postgres", func(b *testing.B) {
		benchMorningDigests(b, func(tb testing.TB, o Options) *fixture { return newFixtureOn(tb, pgtest.NewDB(tb), o) })
	})
}

func benchMorningDigests(b *testing.B, newFixture fixtureMaker) {
	for range b.N {
		b.StopTimer()
		f := newFixture(b, Options{})
		ctx := context.Background()
		src, _ := f.st.SourceByName(ctx, "Wire")
		places := []string{"Graivoron", "Tetkino", "Glushkovo", "Krasnopillia", "Vovchansk", "Shebekino", "Sudzha", "Kupiansk", "Bilopillia", "Seredyna-Buda"}
		var items []feeds.Item
		for i := range 1000 {
			p := places[i%len(places)]
			link := fmt.Sprintf("https://news.example/day/%d", i)
			items = append(items, feeds.Item{Key: fmt.Sprintf("guid:day-%d", i), URL: link, Link: link, Lang: "en",
				Published: testNow.Add(time.Duration(i) * time.Minute),
				Title:     fmt.Sprintf("Shelling in %s, report %d", p, i),
				Text:      fmt.Sprintf("Artillery shelled %s on day %d, damaging %d houses, the regional governor said.", p, i/10, i%7+1)})
		}
		if _, err := f.st.SaveItems(ctx, src.ID, items); err != nil {
			b.Fatal(err)
		}
		f.setNow(testNow.Add(-time.Hour))
		for c := range 1000 {
			for _, topic := range []string{"border-developments", "alliance-statements"} {
				if _, _, err := f.st.Subscribe(ctx, store.Subscription{Channel: fmt.Sprintf("console:c%04d", c), Target: topic,
					Schedule: "daily 08:00 UTC", NextRun: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)}); err != nil {
					b.Fatal(err)
				}
			}
		}
		p := &countingPlatform{want: 2000, done: make(chan struct{})}
		d, err := NewDelivery(ctx, f.st, DeliveryOptions{Platforms: map[string]Platform{"console": p}, PollInterval: 20 * time.Millisecond})
		if err != nil {
			b.Fatal(err)
		}
		if err := d.Start(ctx); err != nil {
			b.Fatal(err)
		}
		s := &Scheduler{Bot: f.bot, Delivery: d, Render: PlainText}
		var peak atomic.Uint64
		stop := make(chan struct{})
		go func() {
			var m runtime.MemStats
			for {
				runtime.ReadMemStats(&m)
				if v := m.HeapInuse + m.StackInuse; v > peak.Load() {
					peak.Store(v)
				}
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}()
		at := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		f.setNow(at)
		b.StartTimer()
		start := time.Now()
		n, err := s.RunDue(ctx, at)
		if err != nil || n != 2000 {
			b.Fatalf("RunDue: %d digests, %v", n, err)
		}
		scheduled := time.Since(start)
		select {
		case <-p.done:
		case <-time.After(5 * time.Minute):
			b.Fatalf("only %d of 2000 handed over after 5 minutes", p.n.Load())
		}
		b.StopTimer()
		close(stop)
		b.ReportMetric(time.Since(start).Seconds(), "s-to-handoff")
		b.ReportMetric(scheduled.Seconds(), "s-to-schedule")
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-MiB")
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		d.Stop(sctx)
		cancel()
	}
}
