package main

import (
	"net"
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/feeds/feedtest"
)

// reportKeys is the exact key set of one `poll --once --json` line.
var reportKeys = []string{"source", "url", "status", "http_status", "new_items", "updated_items", "total_items", "error"}

// report is one decoded, type-checked `poll --once --json` line.
type report struct {
	Source, URL, Status, Error                     string
	HTTPStatus, NewItems, UpdatedItems, TotalItems int
}

func pollJSON(t *testing.T, args ...string) []report {
	t.Helper()
	r := bb(t, append([]string{"poll", "--once", "--json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("poll --once --json: want exit 0 even when sources fail\n%s", r)
	}
	var out []report
	for _, obj := range jsonLines(t, r.stdout) {
		assertKeys(t, obj, reportKeys...)
		rep := report{
			Source: str(t, obj, "source"), URL: str(t, obj, "url"), Status: str(t, obj, "status"), Error: str(t, obj, "error"),
			HTTPStatus: num(t, obj, "http_status"), NewItems: num(t, obj, "new_items"),
			UpdatedItems: num(t, obj, "updated_items"), TotalItems: num(t, obj, "total_items"),
		}
		if !slices.Contains([]string{"ok", "not_modified", "error", "skipped"}, rep.Status) {
			t.Errorf("%s: status %q is not ok|not_modified|error|skipped", rep.Source, rep.Status)
		}
		if (rep.Status == "error") != (rep.Error != "") {
			t.Errorf("%s: status %q with error %q: error must be set exactly when status is error", rep.Source, rep.Status, rep.Error)
		}
		if rep.Status == "skipped" && rep.HTTPStatus != 0 {
			t.Errorf("%s: skipped but http_status %d, want 0 (no response)", rep.Source, rep.HTTPStatus)
		}
		out = append(out, rep)
	}
	if strings.Contains(r.stderr, "\r") {
		t.Errorf("--json must not draw a progress bar\n%s", r)
	}
	return out
}

func reportNames(rs []report) []string {
	var names []string
	for _, r := range rs {
		names = append(names, r.Source)
	}
	return names
}

// TestPollJSON covers the poll --once --json contract over three polls of
// the same database: config order then database order, every key present,
// conditional GET on the second poll, Retry-After honoured unless --force.
func TestPollJSON(t *testing.T) {
	t.Parallel()
	srv := feedServer(t)
	// Names are deliberately not in alphabetical order: the order must be
	// the config file's, then the order sources were added.
	cfg := writeConfig(t,
		testSource{Name: "Zulu good", URL: srv.URL("/good/rss")},
		testSource{Name: "Alpha limited", URL: srv.URL("/429-retry-after")},
		testSource{Name: "Mike broken", URL: srv.URL("/500")},
	)
	mustRun(t, "sources", "add", srv.URL("/good/json"), "--no-check", "--name", "Yankee json", "--config", cfg)
	mustRun(t, "--config", cfg, "sources", "add", srv.URL("/good/atom"), "--name", "Bravo atom", "--no-check")
	wantOrder := []string{"Zulu good", "Alpha limited", "Mike broken", "Yankee json", "Bravo atom"}

	// First poll: everything is fetched.
	first := pollJSON(t, "--config", cfg)
	if got := reportNames(first); !slices.Equal(got, wantOrder) {
		t.Fatalf("first poll order = %q, want %q", got, wantOrder)
	}
	want1 := []report{
		{Source: "Zulu good", URL: srv.URL("/good/rss"), Status: "ok", HTTPStatus: 200, NewItems: feedtest.GoodRSSItems, TotalItems: feedtest.GoodRSSItems},
		{Source: "Alpha limited", URL: srv.URL("/429-retry-after"), Status: "error", HTTPStatus: 429},
		{Source: "Mike broken", URL: srv.URL("/500"), Status: "error", HTTPStatus: 500},
		{Source: "Yankee json", URL: srv.URL("/good/json"), Status: "ok", HTTPStatus: 200, NewItems: feedtest.GoodJSONItems, TotalItems: feedtest.GoodJSONItems},
		{Source: "Bravo atom", URL: srv.URL("/good/atom"), Status: "ok", HTTPStatus: 200, NewItems: feedtest.GoodAtomEntries, TotalItems: feedtest.GoodAtomEntries},
	}
	for i, w := range want1 {
		g := first[i]
		g.Error = "" // checked for presence by pollJSON
		if g != w {
			t.Errorf("first poll, %s:\n got %+v\nwant %+v", w.Source, first[i], w)
		}
	}
	if hits := srv.Hits("/429-retry-after"); hits != 1 {
		t.Fatalf("/429-retry-after hit %d times after one poll", hits)
	}

	// Second poll: conditional GET for /good/rss; the rate-limited source is
	// skipped (Retry-After: 1h) without a request.
	second := pollJSON(t, "--config", cfg)
	if got := reportNames(second); !slices.Equal(got, wantOrder) {
		t.Fatalf("second poll order = %q, want %q", got, wantOrder)
	}
	if g := second[0]; g.Status != "not_modified" || g.HTTPStatus != 304 || g.NewItems != 0 || g.UpdatedItems != 0 || g.TotalItems != feedtest.GoodRSSItems {
		t.Errorf("second poll of /good/rss = %+v, want not_modified, 304, 0 new, total %d", g, feedtest.GoodRSSItems)
	}
	if g := second[1]; g.Status != "skipped" || g.HTTPStatus != 0 || g.Error != "" {
		t.Errorf("second poll of /429-retry-after = %+v, want skipped with http_status 0 and no error", g)
	}
	if hits := srv.Hits("/429-retry-after"); hits != 1 {
		t.Errorf("/429-retry-after was requested again (%d hits) although it asked for an hour's pause", hits)
	}
	for _, g := range second[3:] {
		if g.NewItems != 0 || g.TotalItems != want1[slices.Index(wantOrder, g.Source)].TotalItems {
			t.Errorf("second poll of unchanged %s = %+v, want 0 new and the same total", g.Source, g)
		}
	}

	// Third poll with --force: the rate-limited source is fetched again.
	third := pollJSON(t, "--config", cfg, "--force")
	if got := reportNames(third); !slices.Equal(got, wantOrder) {
		t.Fatalf("forced poll order = %q, want %q", got, wantOrder)
	}
	if g := third[1]; g.Status != "error" || g.HTTPStatus != 429 {
		t.Errorf("forced poll of /429-retry-after = %+v, want error 429", g)
	}
	if hits := srv.Hits("/429-retry-after"); hits != 2 {
		t.Errorf("/429-retry-after hit %d times after --force, want 2", hits)
	}
	if g := third[2]; g.Status != "error" || g.HTTPStatus != 500 {
		t.Errorf("forced poll of /500 = %+v, want error 500 (--force also polls sources in backoff)", g)
	}
	if g := third[0]; g.TotalItems != feedtest.GoodRSSItems || g.NewItems != 0 {
		t.Errorf("forced poll of /good/rss = %+v, want 0 new, total %d", g, feedtest.GoodRSSItems)
	}
}

// TestPollJSONErrorShapes checks http_status 0 when there is no response and
// the error text for failures that are not HTTP statuses.
func TestPollJSONErrorShapes(t *testing.T) {
	t.Parallel()
	srv := feedServer(t)
	cfg := writeConfig(t,
		testSource{Name: "garbage", URL: srv.URL("/not-a-feed")},
		testSource{Name: "refused", URL: "http://127.0.0.1:1/feed.xml"},
		testSource{Name: "bom", URL: srv.URL("/gzip-bomb")},
	)
	got := pollJSON(t, "--config", cfg)
	if len(got) != 3 {
		t.Fatalf("want 3 reports, got %+v", got)
	}
	for _, g := range got {
		if g.Status != "error" || g.Error == "" || g.TotalItems != 0 {
			t.Errorf("%s: %+v, want status error with a message and total 0", g.Source, g)
		}
	}
	if got[1].HTTPStatus != 0 {
		t.Errorf("connection refused: http_status %d, want 0 (no response)", got[1].HTTPStatus)
	}
}

func TestPollTextOutput(t *testing.T) {
	t.Parallel()
	srv := feedServer(t)
	cfg := writeConfig(t,
		testSource{Name: "good", URL: srv.URL("/good/rss")},
		testSource{Name: "broken", URL: srv.URL("/500")},
	)
	r := bb(t, "poll", "--once", "--config", cfg)
	if r.code != 0 {
		t.Fatalf("want exit 0 even when a source fails\n%s", r)
	}
	for _, want := range []string{"SOURCE", "STATUS", "good", "broken", "ok", "error"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q\n%s", want, r)
		}
	}
	if !strings.Contains(r.stderr, "1 of 2 sources failed") {
		t.Errorf("stderr does not summarise the failure\n%s", r)
	}
}

// TestPollIgnoresHTTPListen: poll --once is not a server; a config whose
// http.listen is taken (by a running `briefbot run`, say) must not matter.
func TestPollIgnoresHTTPListen(t *testing.T) {
	t.Parallel()
	srv := feedServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cfg := writeConfigOpts(t, configOpts{listen: ln.Addr().String()}, testSource{Name: "rss", URL: srv.URL("/good/rss")})
	if got := pollJSON(t, "--config", cfg); len(got) != 1 || got[0].Status != "ok" {
		t.Errorf("poll with http.listen on a busy port: %+v", got)
	}
}

// ---------------------------------------------------------------------------
// 5. Progress bar

func TestPollProgressBar(t *testing.T) {
	t.Parallel()
	srv := feedServer(t)
	tests := []struct {
		name     string
		terminal bool
		json     bool
		wantBar  bool
	}{
		{"not a terminal", false, false, false},
		{"not a terminal, json", false, true, false},
		{"terminal, json", true, true, false},
		{"terminal", true, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := writeConfig(t,
				testSource{Name: "rss", URL: srv.URL("/good/rss")},
				testSource{Name: "atom", URL: srv.URL("/good/atom")},
				testSource{Name: "json", URL: srv.URL("/good/json")},
			)
			args := []string{"--config", cfg, "poll", "--once"}
			if tc.json {
				args = append(args, "--json")
			}
			r := invocation{terminal: tc.terminal}.run(t, args...)
			if r.code != 0 {
				t.Fatalf("want exit 0\n%s", r)
			}
			hasBar := strings.Contains(r.stderr, "\r")
			if hasBar != tc.wantBar {
				t.Errorf("progress bar drawn = %v, want %v\nstderr: %q", hasBar, tc.wantBar, r.stderr)
			}
			if tc.wantBar && !strings.Contains(r.stderr, "3/3") {
				t.Errorf("the bar never reaches 3/3\nstderr: %q", r.stderr)
			}
			if strings.Contains(r.stdout, "\r") {
				t.Errorf("progress leaked to stdout: %q", r.stdout)
			}
		})
	}
}
