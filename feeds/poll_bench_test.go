package feeds_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/store"
)

const (
	benchSources = 2000
	benchItems   = 50
)

// benchFeed renders source n's feed: 50 items with guids, links, dates and
// a paragraph of text, about 25 KB, like a busy news feed.
func benchFeed(n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Source %d</title><link>https://s%d.example/</link>`, n, n)
	base := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	for i := 0; i < benchItems; i++ {
		fmt.Fprintf(&b, `<item><guid>s%d-i%d</guid><title>Report %d from source %d about the border region</title>`+
			`<link>https://s%d.example/news/%d?utm_source=rss</link><pubDate>%s</pubDate>`+
			`<description>&lt;p&gt;Officials said on %s that item %d of source %d describes developments; `+
			`the regional governor reported damage and allies issued statements.&lt;/p&gt;</description></item>`,
			n, i, i, n, n, i, base.Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z), base.Format("2 January"), i, n)
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

func benchServer(b *testing.B) *httptest.Server {
	bodies := make([][]byte, benchSources)
	for i := range bodies {
		bodies[i] = benchFeed(i)
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/feed/%d", &n)
		etag := fmt.Sprintf(`"f%d"`, n)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(bodies[n])
	}))
}

func benchRig(b *testing.B, srvURL string) (*store.Store, *feeds.Poller) {
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite://"+filepath.Join(b.TempDir(), "bench.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	specs := make([]store.SourceSpec, benchSources)
	for i := range specs {
		specs[i] = store.SourceSpec{Name: fmt.Sprintf("source-%d", i), URL: fmt.Sprintf("%s/feed/%d", srvURL, i)}
	}
	if err := st.SyncConfigSources(ctx, specs); err != nil {
		b.Fatal(err)
	}
	f := feeds.NewFetcher(feeds.FetcherOptions{AllowPrivateNetworks: true})
	b.Cleanup(f.Close)
	p, err := feeds.NewPoller(st, f, feeds.PollerOptions{
		Schedule: "*/15 * * * *", ParseSchedule: config.ParseSchedule, Concurrency: 8, PerHost: 0,
	})
	if err != nil {
		b.Fatal(err)
	}
	return st, p
}

// peakHeap samples the live heap while a benchmark runs.
type peakHeap struct {
	peak atomic.Uint64
	stop chan struct{}
	wg   sync.WaitGroup
}

func watchHeap() *peakHeap {
	h := &peakHeap{stop: make(chan struct{})}
	h.wg.Go(func() {
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > h.peak.Load() {
				h.peak.Store(ms.HeapAlloc)
			}
			select {
			case <-h.stop:
				return
			case <-t.C:
			}
		}
	})
	return h
}

func (h *peakHeap) done() float64 {
	close(h.stop)
	h.wg.Wait()
	return float64(h.peak.Load()) / (1 << 20)
}

func checkReports(b *testing.B, reports []feeds.SourceReport, status string) {
	for _, r := range reports {
		if r.Status != status {
			b.Fatalf("%s: %s %s", r.Source, r.Status, r.Error)
		}
	}
}

// BenchmarkPollFirst polls 2,000 sources of 50 items each into an empty
// store. Target on 2 cores: at least 200 sources/s, peak heap < 200 MiB.
//
//	go test -run NONE -bench PollFirst -benchtime 3x -count 5 ./feeds
func BenchmarkPollFirst(b *testing.B) {
	srv := benchServer(b)
	defer srv.Close()
	var peak float64
	var elapsed time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, p := benchRig(b, srv.URL)
		runtime.GC()
		h := watchHeap()
		start := time.Now()
		b.StartTimer()
		reports, err := p.PollOnce(context.Background(), feeds.All, nil)
		b.StopTimer()
		elapsed += time.Since(start)
		peak = max(peak, h.done())
		if err != nil {
			b.Fatal(err)
		}
		checkReports(b, reports, feeds.StatusOK)
		if reports[0].NewItems != benchItems {
			b.Fatalf("new items %d", reports[0].NewItems)
		}
		st.Close()
	}
	b.ReportMetric(float64(benchSources*b.N)/elapsed.Seconds(), "sources/s")
	b.ReportMetric(peak, "peak-heap-MiB")
}

// BenchmarkPollNotModified polls the same 2,000 sources again when every
// one answers 304. Target: at least 1,500 sources/s.
//
//	go test -run NONE -bench PollNotModified -benchtime 3x -count 5 ./feeds
func BenchmarkPollNotModified(b *testing.B) {
	srv := benchServer(b)
	defer srv.Close()
	st, p := benchRig(b, srv.URL)
	defer st.Close()
	if _, err := p.PollOnce(context.Background(), feeds.All, nil); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	h := watchHeap()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		reports, err := p.PollOnce(context.Background(), feeds.Force, nil)
		if err != nil {
			b.Fatal(err)
		}
		checkReports(b, reports, feeds.StatusNotModified)
	}
	b.StopTimer()
	b.ReportMetric(float64(benchSources*b.N)/b.Elapsed().Seconds(), "sources/s")
	b.ReportMetric(h.done(), "peak-heap-MiB")
}
