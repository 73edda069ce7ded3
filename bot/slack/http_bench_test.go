package slack_test

import (
	"bytes"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	slackbot "github.com/briefbot/briefbot/bot/slack"
	"github.com/briefbot/briefbot/bot/slack/slackfake"
)

// BenchmarkSlashCommandAck: 200 clients at once POST signed /brief help
// commands (each with its own trigger id, response_url and signature,
// timestamps spread over the last two minutes) to Handler on an
// httptest server; each request's time to its 200 is measured, and p50
// and p99 reported in milliseconds (target: p99 < 100 ms; Slack gives 3
// s). The answers (users.info, then the response_url) run meanwhile, as
// in production; the benchmark waits for them after the timed part and
// checks every command was answered.
//
//	go test -run NONE -bench SlashCommandAck -benchtime 2000x ./bot/slack
func BenchmarkSlashCommandAck(b *testing.B) {
	const clients = 200
	w := newHTTPWorld(b, httpWorldOptions{quiet: true})

	type request struct {
		body   []byte
		header http.Header
	}
	now := time.Now()
	reqs := make([]request, b.N)
	for i := range reqs {
		cmd := w.fake.NewSlashCommand(httpChannel, httpAlice, "/brief", "help")
		body := []byte(slackfake.SlashCommandForm(cmd).Encode())
		h := slackfake.Sign(w.secret, now.Add(-time.Duration(i%120)*time.Second), body)
		h.Set("Content-Type", httpForm)
		reqs[i] = request{body, h}
	}
	target := w.srv.URL + slackbot.PathCommands
	// Open the clients' keep-alive connections first, as a running
	// server has them: an unsigned request is refused at once.
	var warm sync.WaitGroup
	for range clients {
		warm.Go(func() {
			if resp, err := w.client.Post(target, httpForm, strings.NewReader("warm=up")); err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	}
	warm.Wait()
	lat := make([]time.Duration, b.N)
	var next, failed atomic.Int64
	var firstErr error
	var errOnce sync.Once

	b.ResetTimer()
	var wg sync.WaitGroup
	for range min(clients, b.N) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(reqs) {
					return
				}
				req, err := http.NewRequest(http.MethodPost, target, bytes.NewReader(reqs[i].body))
				if err != nil {
					panic(err)
				}
				req.Header = reqs[i].header.Clone()
				start := time.Now()
				resp, err := w.client.Do(req)
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						err = &httpStatusError{resp.StatusCode}
					}
				}
				lat[i] = time.Since(start)
				if err != nil {
					failed.Add(1)
					errOnce.Do(func() { firstErr = err })
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()

	w.drain() // the hand-offs, then the answers
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d commands not acknowledged, first: %v", n, b.N, firstErr)
	}
	if n := w.fake.Calls("response_url"); n != b.N {
		b.Errorf("%d answers through response_urls, want %d", n, b.N)
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		k := int(p*float64(len(lat))+0.999999) - 1
		return float64(lat[max(k, 0)]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1])/float64(time.Millisecond), "max-ms")
}

type httpStatusError struct{ code int }

func (e *httpStatusError) Error() string { return http.StatusText(e.code) }
