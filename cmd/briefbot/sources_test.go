package main

import (
	"fmt"
	"html"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// listed is one decoded `sources list --json` line.
type listed struct {
	obj  map[string]any
	Name string
	URL  string
	Tags []string
}

func listSources(t *testing.T, cfg string) []listed {
	t.Helper()
	r := mustRun(t, "--config", cfg, "sources", "list", "--json")
	var out []listed
	for _, obj := range jsonLines(t, r.stdout) {
		out = append(out, listed{obj: obj, Name: str(t, obj, "name"), URL: str(t, obj, "url"), Tags: strList(t, obj, "tags")})
	}
	return out
}

func findListed(t *testing.T, ls []listed, name string) listed {
	t.Helper()
	for _, l := range ls {
		if l.Name == name {
			return l
		}
	}
	t.Fatalf("sources list has no %q (have %v)", name, ls)
	return listed{}
}

func TestSourcesListHealth(t *testing.T) {
	t.Parallel()
	srv := feedServer(t)
	cfg := writeConfig(t,
		testSource{Name: "healthy", URL: srv.URL("/good/rss"), Tags: []string{"official"}},
		testSource{Name: "failing", URL: srv.URL("/500")},
	)
	mustRun(t, "sources", "add", srv.URL("/good/atom"), "--name", "added later", "--no-check", "--config", cfg)

	before := listSources(t, cfg)
	if got := []string{before[0].Name, before[1].Name, before[2].Name}; !slices.Equal(got, []string{"healthy", "failing", "added later"}) || len(before) != 3 {
		t.Fatalf("sources list order = %v, want config sources then the added one", before)
	}
	if !slices.Equal(before[0].Tags, []string{"official"}) {
		t.Errorf("config tags = %q, want [official]", before[0].Tags)
	}

	start := time.Now().Add(-time.Second)
	pollJSON(t, "--config", cfg)
	after := listSources(t, cfg)

	// Health keys: last success, last error, failures, next poll.
	ts := func(l listed, key string) time.Time {
		t.Helper()
		s := str(t, l.obj, key)
		if s == "" {
			return time.Time{}
		}
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Errorf("%s: %s = %q is not RFC 3339", l.Name, key, s)
		}
		return v
	}
	ok := findListed(t, after, "healthy")
	if ls := ts(ok, "last_success"); ls.Before(start.Truncate(time.Second)) {
		t.Errorf("healthy: last_success %v, want the poll just made", ls)
	}
	if n := num(t, ok.obj, "failures"); n != 0 {
		t.Errorf("healthy: failures %d, want 0", n)
	}
	if e := str(t, ok.obj, "last_error"); e != "" {
		t.Errorf("healthy: last_error %q, want none", e)
	}
	if np := ts(ok, "next_poll"); !np.After(start) {
		t.Errorf("healthy: next_poll %v, want a time after the poll", np)
	}
	if n := num(t, ok.obj, "items"); n != 3 {
		t.Errorf("healthy: items %d, want 3", n)
	}

	bad := findListed(t, after, "failing")
	if ls := ts(bad, "last_success"); !ls.IsZero() {
		t.Errorf("failing: last_success %v, want none", ls)
	}
	if n := num(t, bad.obj, "failures"); n != 1 {
		t.Errorf("failing: failures %d, want 1", n)
	}
	if e := str(t, bad.obj, "last_error"); !strings.Contains(e, "500") {
		t.Errorf("failing: last_error %q, want the HTTP 500", e)
	}
	if np := ts(bad, "next_poll"); !np.After(start) {
		t.Errorf("failing: next_poll %v, want a time after the poll", np)
	}

	// The table shows the same health.
	r := mustRun(t, "--config", cfg, "sources", "list")
	for _, want := range []string{"LAST SUCCESS", "FAILURES", "NEXT POLL", "LAST ERROR", "healthy", "failing", "added later", srv.URL("/500")} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("sources list lacks %q\n%s", want, r)
		}
	}
	var failingLine string
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(l, "failing ") {
			failingLine = l
		}
	}
	if !strings.Contains(failingLine, "500") || !strings.Contains(failingLine, " 1 ") || !strings.Contains(failingLine, "never") {
		t.Errorf("failing source row does not show never succeeded, 1 failure and the error: %q", failingLine)
	}
}

func TestSourcesAddRemove(t *testing.T) {
	t.Parallel()
	srv := feedServer(t)
	cfg := writeConfig(t, testSource{Name: "from config", URL: srv.URL("/good/json")})

	t.Run("html page advertising a feed", func(t *testing.T) {
		r := bb(t, "--config", cfg, "sources", "add", srv.URL("/html-with-feed"))
		if r.code != 0 {
			t.Fatalf("want exit 0\n%s", r)
		}
		out := r.stdout + r.stderr
		if !strings.Contains(out, "advertises a feed") || !strings.Contains(out, srv.URL("/good/rss")) {
			t.Errorf("add does not say it found the advertised feed %s\n%s", srv.URL("/good/rss"), r)
		}
		// Default name: the feed's title.
		l := findListed(t, listSources(t, cfg), "Briefbot Test News")
		if l.URL != srv.URL("/good/rss") {
			t.Errorf("stored URL %q, want the advertised feed %q", l.URL, srv.URL("/good/rss"))
		}
		if o := str(t, l.obj, "origin"); o == "config" {
			t.Errorf("added source has origin %q", o)
		}
	})

	t.Run("html page without a feed", func(t *testing.T) {
		n := len(listSources(t, cfg))
		r := bb(t, "--config", cfg, "sources", "add", srv.URL("/html-plain"), "--name", "plain")
		if r.code == 0 {
			t.Fatalf("want a non-zero exit\n%s", r)
		}
		if !strings.Contains(r.stderr, srv.URL("/html-plain")) || !strings.Contains(strings.ToLower(r.stderr), "not a feed") {
			t.Errorf("want a clear message naming the URL and saying it is not a feed\n%s", r)
		}
		if got := len(listSources(t, cfg)); got != n {
			t.Errorf("a failed add changed the source count from %d to %d", n, got)
		}
	})

	t.Run("not a feed at all", func(t *testing.T) {
		r := bb(t, "--config", cfg, "sources", "add", srv.URL("/500"))
		if r.code == 0 || !strings.Contains(r.stderr, "--no-check") {
			t.Errorf("want a non-zero exit suggesting --no-check\n%s", r)
		}
	})

	t.Run("name and schedule", func(t *testing.T) {
		mustRun(t, "sources", "add", srv.URL("/good/atom"), "--name", "Atom by hand", "--schedule", "@every 2h", "--tags", "border, wire", "--config", cfg)
		l := findListed(t, listSources(t, cfg), "Atom by hand")
		if !slices.Equal(l.Tags, []string{"border", "wire"}) {
			t.Errorf("tags %q, want [border wire]", l.Tags)
		}
		if l.URL != srv.URL("/good/atom") {
			t.Errorf("url %q, want %q", l.URL, srv.URL("/good/atom"))
		}
		if s := str(t, l.obj, "schedule"); s != "@every 2h" {
			t.Errorf("schedule %q, want @every 2h", s)
		}
	})

	t.Run("duplicate", func(t *testing.T) {
		for _, args := range [][]string{
			{"sources", "add", srv.URL("/good/atom"), "--name", "another name", "--no-check"},
			{"sources", "add", srv.URL("/good/atom") + "?x=1", "--name", "Atom by hand", "--no-check"},
			{"sources", "add", srv.URL("/good/json"), "--name", "config dup", "--no-check"},
		} {
			r := bb(t, append([]string{"--config", cfg}, args...)...)
			if r.code != 2 || !strings.Contains(r.stderr, "already exists") {
				t.Errorf("briefbot %s: want exit 2 and 'already exists'\n%s", strings.Join(args, " "), r)
			}
		}
	})

	t.Run("remove config source is refused", func(t *testing.T) {
		r := bb(t, "--config", cfg, "sources", "remove", "from config")
		if r.code == 0 || !strings.Contains(r.stderr, "config") {
			t.Errorf("want a non-zero exit explaining it is a config source\n%s", r)
		}
		findListed(t, listSources(t, cfg), "from config")
	})

	t.Run("remove unknown", func(t *testing.T) {
		r := bb(t, "--config", cfg, "sources", "remove", "no such source")
		if r.code != 2 || !strings.Contains(r.stderr, `"no such source"`) {
			t.Errorf("want exit 2 naming the source\n%s", r)
		}
	})

	t.Run("remove added", func(t *testing.T) {
		r := mustRun(t, "--config", cfg, "sources", "remove", "Atom by hand")
		if !strings.Contains(r.stdout, "Atom by hand") {
			t.Errorf("remove does not confirm\n%s", r)
		}
		for _, l := range listSources(t, cfg) {
			if l.Name == "Atom by hand" {
				t.Errorf("removed source still listed")
			}
		}
		// Removing twice is an unknown name.
		if r := bb(t, "--config", cfg, "sources", "remove", "Atom by hand"); r.code != 2 {
			t.Errorf("second remove: want exit 2\n%s", r)
		}
	})
}

// TestSourcesOPMLRoundTrip imports an OPML file with nested folders and
// categories, exports it, imports the export into a fresh database and
// compares names, URLs and tags.
func TestSourcesOPMLRoundTrip(t *testing.T) {
	t.Parallel()
	srv := feedServer(t)
	dir := t.TempDir()
	u := func(p string) string { return html.EscapeString(srv.URL(p)) }
	doc := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="News" title="News">
      <outline text="Border">
        <outline type="rss" text="Кордон" title="Кордон" xmlUrl="%s" htmlUrl="https://example.com/" category="wire,/ua/east"/>
      </outline>
      <outline type="rss" text="Alliance &amp; Partners" xmlUrl="%s"/>
    </outline>
    <outline type="rss" text="Loose feed" xmlUrl="%s" category="misc"/>
  </body>
</opml>
`, u("/good/json"), u("/good/atom?lang=en&v=2"), u("/good/rss"))
	opmlPath := writeFile(t, filepath.Join(dir, "in.opml"), doc)

	cfg1 := writeConfig(t)
	r := mustRun(t, "--config", cfg1, "sources", "import", opmlPath)
	if !strings.Contains(r.stdout, "3") {
		t.Errorf("import does not report 3 sources\n%s", r)
	}
	first := listSources(t, cfg1)
	want := map[string]struct {
		url  string
		tags []string
	}{
		"Кордон":              {srv.URL("/good/json"), []string{"News", "Border", "wire", "ua", "east"}},
		"Alliance & Partners": {srv.URL("/good/atom?lang=en&v=2"), []string{"News"}},
		"Loose feed":          {srv.URL("/good/rss"), []string{"misc"}},
	}
	if len(first) != len(want) {
		t.Fatalf("imported %d sources, want %d: %+v", len(first), len(want), first)
	}
	for _, l := range first {
		w, ok := want[l.Name]
		if !ok {
			t.Errorf("unexpected source %q", l.Name)
			continue
		}
		if l.URL != w.url {
			t.Errorf("%s: url %q, want %q", l.Name, l.URL, w.url)
		}
		gotTags, wantTags := slices.Sorted(slices.Values(l.Tags)), slices.Sorted(slices.Values(w.tags))
		if !slices.Equal(gotTags, wantTags) {
			t.Errorf("%s: tags %q, want %q", l.Name, l.Tags, w.tags)
		}
	}

	// Importing the same file again adds nothing.
	r = mustRun(t, "--config", cfg1, "sources", "import", opmlPath)
	if got := len(listSources(t, cfg1)); got != len(want) {
		t.Errorf("re-import changed the count to %d\n%s", got, r)
	}

	exp := mustRun(t, "--config", cfg1, "sources", "export")
	if !strings.Contains(exp.stdout, "<opml") {
		t.Fatalf("export is not OPML\n%s", exp)
	}
	exported := writeFile(t, filepath.Join(dir, "out.opml"), exp.stdout)

	cfg2 := writeConfig(t)
	mustRun(t, "--config", cfg2, "sources", "import", exported)
	second := listSources(t, cfg2)

	project := func(ls []listed) []string {
		var out []string
		for _, l := range ls {
			out = append(out, fmt.Sprintf("%s | %s | %q", l.Name, l.URL, l.Tags))
		}
		return out
	}
	if a, b := project(first), project(second); !slices.Equal(a, b) {
		t.Errorf("OPML round trip changed sources:\nbefore %q\nafter  %q", a, b)
	}
}

func TestSourcesImportErrors(t *testing.T) {
	t.Parallel()
	cfg := writeConfig(t)
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.opml")
	if r := bb(t, "--config", cfg, "sources", "import", missing); r.code != 2 || !strings.Contains(r.stderr, "missing.opml") {
		t.Errorf("import of a missing file: want exit 2 naming it\n%s", r)
	}
	garbage := writeFile(t, filepath.Join(dir, "garbage.opml"), "<html><body>nope")
	if r := bb(t, "--config", cfg, "sources", "import", garbage); r.code == 0 {
		t.Errorf("import of a non-OPML file: want a non-zero exit\n%s", r)
	}
	partial := writeFile(t, filepath.Join(dir, "partial.opml"), `<?xml version="1.0"?>
<opml version="2.0"><body>
<outline text="ok" xmlUrl="https://127.0.0.1/ok.xml"/>
<outline text="bad" xmlUrl="ftp://127.0.0.1/bad.xml"/>
</body></opml>
`)
	r := mustRun(t, "--config", cfg, "sources", "import", partial)
	if !strings.Contains(r.stderr, "partial.opml:4:") {
		t.Errorf("a skipped outline is not reported as FILE:LINE\n%s", r)
	}
	if ls := listSources(t, cfg); len(ls) != 1 || ls[0].Name != "ok" {
		t.Errorf("want only the good outline imported, got %+v", ls)
	}
}
