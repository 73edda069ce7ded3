package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// newsServer serves three small feeds, dated relative to the request: a
// drone strike on Shebekino reported by a wire, by the regional
// administration (official) and in Russian; a NATO statement carried by
// the wire and, under the same link, a mirror; and an airline "alliance"
// story that is in no topic.
func newNewsServer() *httptest.Server {
	rss := func(title string, items ...string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>` + title +
			`</title><link>https://news.example/</link><description>test</description>` + strings.Join(items, "\n") + `</channel></rss>`
	}
	item := func(guid, title, link, desc string, ago time.Duration) string {
		return fmt.Sprintf("<item><guid isPermaLink=\"false\">%s</guid><title>%s</title><link>%s</link><description>%s</description><pubDate>%s</pubDate></item>",
			guid, title, link, desc, time.Now().Add(-ago).UTC().Format(time.RFC1123Z))
	}
	feeds := map[string]func() string{
		"/wire": func() string {
			return rss("Wire",
				item("w1", "Drone strike on Shebekino injures two", "https://wire.example/shebekino",
					"A Ukrainian drone struck a car in Shebekino, Belgorod region, injuring two people, governor Vyacheslav Gladkov said.", 60*time.Minute),
				item("w2", "NATO chief pledges more air defence for Ukraine", "https://wire.example/nato",
					"NATO Secretary General Mark Rutte said on Monday that allies pledged more air defence systems for Ukraine.", 2*time.Hour),
				item("w3", "Airline alliance adds new partner", "https://wire.example/airline",
					"The Star Alliance said on Monday that a new airline partner would join the alliance next year.", 90*time.Minute))
		},
		"/region": func() string {
			return rss("Region",
				item("r1", "Shebekino: drone attack on a car, two injured", "https://region.example/1",
					"A drone attacked a car in Shebekino. Two people were injured, the governor said.", 50*time.Minute),
				item("r2", "Беспилотник атаковал автомобиль в Шебекино", "https://region.example/2",
					"В Шебекино Белгородской области беспилотник атаковал автомобиль, пострадали два человека, сообщил губернатор.", 40*time.Minute))
		},
		"/mirror": func() string {
			return rss("Mirror",
				item("m1", "NATO chief pledges more air defence for Ukraine", "https://wire.example/nato?utm_source=mirror",
					"NATO Secretary General Mark Rutte said on Monday that allies pledged more air defence systems for Ukraine.", 2*time.Hour))
		},
	}
	mux := http.NewServeMux()
	for path, body := range feeds {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, body())
		})
	}
	return httptest.NewServer(mux)
}

type jsonDigest struct {
	GeneratedAt string `json:"generated_at"`
	Since       string `json:"since"`
	Until       string `json:"until"`
	Provenance  struct {
		SourcesChecked int      `json:"sources_checked"`
		SourcesFailing []string `json:"sources_failing"`
	} `json:"provenance"`
	Topics []struct {
		Name    string      `json:"name"`
		Title   string      `json:"title"`
		Stories []jsonStory `json:"stories"`
	} `json:"topics"`
}

type jsonStory struct {
	ID        string   `json:"id"`
	Headline  string   `json:"headline"`
	Summary   string   `json:"summary"`
	Actors    []string `json:"actors"`
	Locations []string `json:"locations"`
	FirstSeen string   `json:"first_seen"`
	LastSeen  string   `json:"last_seen"`
	Items     []struct {
		Source    string `json:"source"`
		Title     string `json:"title"`
		URL       string `json:"url"`
		Link      string `json:"link"`
		Published string `json:"published"`
	} `json:"items"`
}

func digestJSON(t *testing.T, args ...string) jsonDigest {
	t.Helper()
	r := mustRun(t, append([]string{"digest", "--format", "json"}, args...)...)
	var d jsonDigest
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("digest --format json: %v\n%s", err, r)
	}
	// The contract's keys are all present (more may be added).
	var raw map[string]any
	json.Unmarshal([]byte(r.stdout), &raw)
	assertKeys(t, raw, "generated_at", "since", "until", "provenance", "topics")
	return d
}

func (d jsonDigest) topic(t *testing.T, name string) []jsonStory {
	t.Helper()
	for _, tp := range d.Topics {
		if tp.Name == name {
			if tp.Stories == nil {
				t.Errorf("topic %s: stories is null, want a list", name)
			}
			return tp.Stories
		}
	}
	t.Fatalf("digest has no topic %q: %+v", name, d.Topics)
	return nil
}

func TestDigestCommand(t *testing.T) {
	t.Parallel()
	srv := newNewsServer()
	defer srv.Close()
	cfg := writeConfig(t,
		testSource{Name: "Wire", URL: srv.URL + "/wire"},
		testSource{Name: "Belgorod administration", URL: srv.URL + "/region", Tags: []string{"official"}},
		testSource{Name: "Mirror", URL: srv.URL + "/mirror"})
	mustRun(t, "poll", "--once", "--config", cfg)

	d := digestJSON(t, "--config", cfg)
	if d.Provenance.SourcesChecked != 3 || len(d.Provenance.SourcesFailing) != 0 {
		t.Errorf("provenance = %+v, want 3 checked, none failing", d.Provenance)
	}
	for _, ts := range []string{d.GeneratedAt, d.Since, d.Until} {
		if _, err := time.Parse(time.RFC3339, ts); err != nil {
			t.Errorf("time %q is not RFC 3339", ts)
		}
	}
	border := d.topic(t, "border-developments")
	if len(border) != 1 {
		t.Fatalf("border stories = %d, want the three Shebekino reports as one story: %+v", len(border), border)
	}
	s := border[0]
	if len(s.Items) != 3 {
		t.Errorf("Shebekino story has %d items, want 3 (wire, administration, Russian report)", len(s.Items))
	}
	if len(s.Locations) == 0 || s.Locations[0] != "Shebekino" || !slices.Contains(s.Locations, "Belgorod Oblast") {
		t.Errorf("locations = %v, want Shebekino first, then Belgorod Oblast", s.Locations)
	}
	if s.Items[0].Source != "Belgorod administration" {
		t.Errorf("first item from %q, want the official source first", s.Items[0].Source)
	}
	if !strings.Contains(s.Summary, "Shebekino") {
		t.Errorf("summary %q does not say where", s.Summary)
	}
	alliance := d.topic(t, "alliance-statements")
	if len(alliance) != 1 {
		t.Fatalf("alliance stories = %d, want 1 (the airline alliance is in no topic): %+v", len(alliance), alliance)
	}
	a := alliance[0]
	if len(a.Actors) == 0 || !strings.Contains(a.Actors[0], "NATO Secretary General") {
		t.Errorf("actors = %v, want the NATO Secretary General", a.Actors)
	}
	// One article carried by two sources: once per source, same canonical url.
	var srcs []string
	for _, it := range a.Items {
		srcs = append(srcs, it.Source)
		if it.URL != "https://wire.example/nato" {
			t.Errorf("item url %q, want the canonical link", it.URL)
		}
	}
	slices.Sort(srcs)
	if !slices.Equal(srcs, []string{"Mirror", "Wire"}) {
		t.Errorf("NATO story sources = %v, want Mirror and Wire", srcs)
	}

	// Stable ids: a second digest, after another poll, gives the same ones.
	mustRun(t, "poll", "--once", "--config", cfg)
	d2 := digestJSON(t, "--config", cfg)
	if got := d2.topic(t, "border-developments"); len(got) != 1 || got[0].ID != s.ID {
		t.Errorf("story id changed between runs: %v, want %s", got, s.ID)
	}

	// The window: 45 minutes back holds only the Russian report and the
	// administration's, still one story with the same id.
	d3 := digestJSON(t, "--config", cfg, "--since", "55m")
	if got := d3.topic(t, "border-developments"); len(got) != 1 || got[0].ID != s.ID || len(got[0].Items) != 2 {
		t.Errorf("--since 55m: %+v, want story %s with 2 items", got, s.ID)
	}
	if got := d3.topic(t, "alliance-statements"); len(got) != 0 {
		t.Errorf("--since 55m: alliance stories %+v, want none (an empty list)", got)
	}

	// --topic selects; an unknown one is a usage error naming the topics.
	d4 := digestJSON(t, "--config", cfg, "--topic", "alliance-statements")
	if len(d4.Topics) != 1 || d4.Topics[0].Name != "alliance-statements" {
		t.Errorf("--topic: topics %+v", d4.Topics)
	}
	r := bb(t, "digest", "--config", cfg, "--topic", "border")
	if r.code != 2 || !strings.Contains(r.stderr, "border-developments") {
		t.Errorf("unknown topic: want exit 2 naming the topics\n%s", r)
	}

	// Every format renders.
	for _, f := range []string{"text", "markdown", "slack", "matrix"} {
		r := mustRun(t, "digest", "--config", cfg, "--format", f)
		if !strings.Contains(r.stdout, "Shebekino") {
			t.Errorf("--format %s: no Shebekino\n%s", f, r.stdout)
		}
	}
}

// TestDigestConfigTopics: a topic from the config is briefed beside the
// default ones, and a default one can be disabled.
func TestDigestConfigTopics(t *testing.T) {
	t.Parallel()
	srv := newNewsServer()
	defer srv.Close()
	cfg := writeConfig(t, testSource{Name: "Region", URL: srv.URL + "/region"})
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, cfg, string(b)+`topics:
  - name: alliance-statements
    disabled: true
  - name: belgorod-drones
    title: Drones over Belgorod Oblast
    rules:
      places:
        regions: [Belgorod Oblast]
      signal: event
      events: [drone]
      scope: lead
`)
	mustRun(t, "poll", "--once", "--config", cfg)
	d := digestJSON(t, "--config", cfg)
	var names []string
	for _, tp := range d.Topics {
		names = append(names, tp.Name)
	}
	if !slices.Equal(names, []string{"border-developments", "belgorod-drones"}) {
		t.Errorf("topics = %v, want border-developments and belgorod-drones", names)
	}
	if got := d.topic(t, "belgorod-drones"); len(got) != 1 || got[0].ID != d.topic(t, "border-developments")[0].ID {
		t.Errorf("belgorod-drones: %+v, want the Shebekino story, with the same id as under border-developments", got)
	}
}

var badTopicConfigs = []configCase{
	{"unknown topic key", "topics:\n  - name: t\n    rulez: {}\n", 7, "topics[0].rulez"},
	{"unknown region", "topics:\n  - name: t\n    title: T\n    rules:\n      places:\n        regions: [Kharkov Oblast]\n      signal: event\n", 6, "topics[0]"},
	{"bad signal", "topics:\n  - name: t\n    title: T\n    rules:\n      places:\n        regions: [Sumy Oblast]\n      signal: maybe\n", 6, "topics[0]"},
	{"disable unknown topic", "topics:\n  - name: nope\n    disabled: true\n", 7, "topics[0].disabled"},
	{"duplicate topic", "topics:\n  - name: a\n    disabled: true\n  - name: a\n    disabled: true\n", 8, "topics[1].name"},
}

func TestDigestBadTopicConfig(t *testing.T) {
	t.Parallel()
	for _, tc := range badTopicConfigs {
		t.Run(tc.name, func(t *testing.T) {
			path := badConfig(t, tc.body)
			for _, args := range [][]string{{"config", "check", "--config", path}, {"digest", "--config", path}} {
				r := bb(t, args...)
				want := fmt.Sprintf("%s:%d: %s: ", path, tc.line, tc.key)
				if r.code != 2 || !strings.Contains(r.stderr, want) {
					t.Errorf("briefbot %s: want exit 2 and %q\n%s", strings.Join(args, " "), want, r)
				}
			}
		})
	}
}
