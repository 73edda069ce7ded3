package digest

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const renderHostile = "<!channel> & <@U123> *bold* [x](javascript:alert(1)) <script>"

// renderFixture is a small digest exercising every rendering rule: two
// topics sharing a story (same ID), Cyrillic text, a topic without
// stories, a failing source, hostile feed text and a URL with | and >.
func renderFixture() Digest {
	at := func(day, h, m int) time.Time { return time.Date(2025, time.November, day, h, m, 0, 0, time.UTC) }
	kharkiv := Story{
		ID:        "st-kharkiv-substation",
		Topics:    []string{"border-developments"},
		Headline:  "Удар по подстанции в Харькове",
		Summary:   "Губернатор Олег Синегубов заявил, что в Харькове\nповреждена подстанция; без света 30 тысяч абонентов.",
		Actors:    []string{"Oleh Syniehubov"},
		Locations: []string{"Kharkiv", "Kharkiv Oblast", "Ukraine"},
		FirstSeen: at(28, 11, 5),
		LastSeen:  at(29, 8, 40),
		Items: []StoryItem{
			{Source: "Укрінформ", Title: "У Харкові пошкоджено підстанцію", URL: "https://www.ukrinform.ua/rubric-regions/3999999-u-harkovi.html", Link: "https://www.ukrinform.ua/rubric-regions/3999999-u-harkovi.html?utm_source=rss", Published: at(28, 11, 5), Lang: "uk"},
			{Source: "Reuters", Title: "Strike hits Kharkiv substation, governor says", URL: "https://www.reuters.com/world/europe/kharkiv-substation-2025-11-28/", Link: "https://www.reuters.com/world/europe/kharkiv-substation-2025-11-28/", Published: at(28, 12, 30), Lang: "en"},
			{Source: "Reuters", Title: "Kharkiv power restored in part", URL: "https://www.reuters.com/world/europe/kharkiv-power-2025-11-29/", Published: at(29, 8, 40), Lang: "en"},
			{Source: "Суспільне", Title: "Харків: енергетики відновлюють живлення", URL: "https://suspilne.media/kharkiv/999999-energetiki/", Published: at(29, 8, 10), Lang: "uk"},
		},
	}
	shared := Story{
		ID:        "st-shared-grid",
		Topics:    []string{"border-developments", "energy"},
		Headline:  "Minister says " + renderHostile,
		Summary:   "Energy minister said @channel the grid held & <b>imports</b> resumed at https://evil.example/phish and www.evil.example.",
		Actors:    []string{"Energy Minister <i>X</i>"},
		Locations: []string{"Sumy Oblast"},
		FirstSeen: at(29, 6, 0),
		LastSeen:  at(29, 6, 0),
		Items: []StoryItem{
			{Source: "Kyiv <Independent> & Co", Title: "Grid " + renderHostile, URL: "https://news.example.com/a|b>c?id=1&x=<2>", Link: "https://news.example.com/a|b>c?id=1&x=<2>", Published: at(29, 6, 0), Lang: "en"},
			{Source: "Evil feed", Title: "Click me", URL: "", Link: "javascript:alert(1)", Published: at(29, 6, 10), Lang: "en"},
		},
	}
	return Digest{
		GeneratedAt: at(29, 10, 2),
		Since:       at(28, 10, 0),
		Until:       at(29, 10, 0),
		Provenance:  Provenance{SourcesChecked: 12, SourcesFailing: []string{"Interfax-Ukraine"}},
		Topics: []TopicDigest{
			{Name: "border-developments", Title: "Border developments", Stories: []Story{kharkiv, shared}},
			{Name: "energy", Title: "Energy & grid", Stories: []Story{shared}},
			{Name: "diplomacy", Title: "Diplomacy"},
		},
	}
}

func renderGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./digest -run Render -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update to accept):\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

func renderIndent(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRenderTextGolden(t *testing.T) {
	var b bytes.Buffer
	if err := RenderText(&b, renderFixture()); err != nil {
		t.Fatal(err)
	}
	renderGolden(t, "digest.txt", b.Bytes())
	out := b.String()
	for _, want := range []string{
		"Border developments\n", "No new developments.", "3 sources", "2 sources",
		"Window 28 Nov 10:00–29 Nov 10:00 UTC · 12 sources checked · failing: Interfax-Ukraine",
		"seen 28 Nov 11:05–29 Nov 08:40 UTC", "actors: Oleh Syniehubov", "locations: Kharkiv, Kharkiv Oblast, Ukraine",
		"<https://news.example.com/a%7Cb%3Ec?id=1&x=%3C2%3E>", "Evil feed — Click me (no link)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Contains(out, "javascript:") && strings.Contains(out, "<javascript:") {
		t.Error("text links a javascript: URL")
	}
	if !strings.HasSuffix(out, "failing: Interfax-Ukraine\n") {
		t.Error("text does not end with the provenance")
	}
}

func TestRenderTextOneLinePerStory(t *testing.T) {
	d := renderFixture()
	d.Topics[0].Stories[0].Summary = "line one\nline two\r\n\x1b[31mred\x1b[0m\u202eevil"
	d.Provenance.SourcesFailing = nil
	var b bytes.Buffer
	if err := RenderText(&b, d); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.ContainsAny(out, "\x1b\r\u202e") {
		t.Errorf("control characters survive: %q", out)
	}
	if !strings.Contains(out, "line one line two [31mred[0mevil (actors") {
		t.Errorf("summary not kept on one line: %q", out)
	}
	if !strings.HasSuffix(out, "12 sources checked · all sources OK\n") {
		t.Errorf("no 'all sources OK' at the end: %q", out)
	}
}

func TestRenderMarkdownGolden(t *testing.T) {
	var b bytes.Buffer
	if err := RenderMarkdown(&b, renderFixture()); err != nil {
		t.Fatal(err)
	}
	renderGolden(t, "digest.md", b.Bytes())
	out := b.String()
	for _, bad := range []string{"<!channel>", "<script>", "[x](javascript", "*bold*", " https://evil", "(javascript:alert(1))"} {
		if strings.Contains(out, bad) {
			t.Errorf("markdown contains unescaped %q", bad)
		}
	}
	// Every link destination is an angle-bracketed http(s) URL.
	for _, m := range regexp.MustCompile(`\]\(([^)]*)\)`).FindAllStringSubmatch(out, -1) {
		if !strings.HasPrefix(m[1], "<https://") || !strings.HasSuffix(m[1], ">") {
			t.Errorf("unexpected link destination %q", m[1])
		}
	}
	if !strings.HasSuffix(out, "_Window 28 Nov 10:00–29 Nov 10:00 UTC · 12 sources checked · failing: Interfax-Ukraine_\n") {
		t.Error("markdown does not end with the provenance")
	}
}

func TestRenderMarkdownEscape(t *testing.T) {
	for in, want := range map[string]string{
		renderHostile:                  `\<\!channel\> \& \<@U123\> \*bold\* \[x\]\(javascript:alert\(1\)\) \<script\>`,
		"see https://x.io or www.y.io": `see https\://x.io or www\.y.io`,
		"# not a heading_":             `\# not a heading\_`,
		"Wwwx.com and awww.b":          "Wwwx.com and awww.b",
	} {
		if got := renderMarkdownEscape(in); got != want {
			t.Errorf("renderMarkdownEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRenderJSONGolden(t *testing.T) {
	var b bytes.Buffer
	if err := RenderJSON(&b, renderFixture()); err != nil {
		t.Fatal(err)
	}
	out := b.Bytes()
	if bytes.Count(out, []byte("\n")) != 1 || out[len(out)-1] != '\n' {
		t.Error("JSON is not one compact line ending in a newline")
	}
	renderGolden(t, "digest.json", out)
}

func TestRenderJSONContract(t *testing.T) {
	var b bytes.Buffer
	if err := RenderJSON(&b, renderFixture()); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	has := func(obj map[string]any, where string, keys ...string) {
		t.Helper()
		for _, k := range keys {
			if _, ok := obj[k]; !ok {
				t.Errorf("%s lacks %q", where, k)
			}
		}
	}
	isTime := func(v any, where string) {
		t.Helper()
		s, _ := v.(string)
		if tm, err := time.Parse(time.RFC3339, s); err != nil || !strings.HasSuffix(s, "Z") || tm.Location() != time.UTC {
			t.Errorf("%s = %v is not RFC 3339 UTC", where, v)
		}
	}
	isArray := func(v any, where string) []any {
		t.Helper()
		a, ok := v.([]any)
		if !ok {
			t.Errorf("%s = %v (%T) is not an array", where, v, v)
		}
		return a
	}
	has(m, "digest", "generated_at", "since", "until", "provenance", "topics")
	for _, k := range []string{"generated_at", "since", "until"} {
		isTime(m[k], k)
	}
	prov := m["provenance"].(map[string]any)
	has(prov, "provenance", "sources_checked", "sources_failing")
	if prov["sources_checked"].(float64) != 12 {
		t.Errorf("sources_checked = %v", prov["sources_checked"])
	}
	if f := isArray(prov["sources_failing"], "sources_failing"); len(f) != 1 || f[0] != "Interfax-Ukraine" {
		t.Errorf("sources_failing = %v", f)
	}
	topics := isArray(m["topics"], "topics")
	if len(topics) != 3 {
		t.Fatalf("%d topics", len(topics))
	}
	for ti, tv := range topics {
		to := tv.(map[string]any)
		has(to, "topic", "name", "title", "stories")
		stories := isArray(to["stories"], "stories")
		if ti == 2 && (stories == nil || len(stories) != 0) {
			t.Errorf("empty topic's stories = %v, want []", to["stories"])
		}
		for _, sv := range stories {
			s := sv.(map[string]any)
			has(s, "story", "id", "headline", "summary", "actors", "locations", "first_seen", "last_seen", "items")
			isArray(s["actors"], "actors")
			isArray(s["locations"], "locations")
			isTime(s["first_seen"], "first_seen")
			isTime(s["last_seen"], "last_seen")
			for _, iv := range isArray(s["items"], "items") {
				it := iv.(map[string]any)
				has(it, "item", "source", "title", "url", "link", "published")
				isTime(it["published"], "published")
			}
		}
	}
	if !bytes.Contains(b.Bytes(), []byte(`"stories":[]`)) {
		t.Error(`no "stories":[] for the empty topic`)
	}

	// Nil slices everywhere still give arrays.
	b.Reset()
	if err := RenderJSON(&b, Digest{Topics: []TopicDigest{{Name: "x", Stories: []Story{{ID: "s"}}}}}); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte("null")) {
		t.Errorf("null in %s", b.Bytes())
	}
	b.Reset()
	if err := RenderJSON(&b, Digest{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte(`"topics":[]`)) || !bytes.Contains(b.Bytes(), []byte(`"sources_failing":[]`)) {
		t.Errorf("empty digest: %s", b.Bytes())
	}
}

func TestRenderSlackGolden(t *testing.T) {
	msgs := RenderSlack(renderFixture())
	renderGolden(t, "slack.json", renderIndent(t, msgs))
	if len(msgs) != 1 {
		t.Fatalf("%d messages for a small digest", len(msgs))
	}
	renderCheckSlack(t, msgs)
	all := renderSlackTexts(msgs[0])
	joined := strings.Join(all, "\n")
	for _, want := range []string{
		"<https://news.example.com/a%7Cb%3Ec?id=1&amp;x=%3C2%3E|Kyiv &lt;Independent&gt; &amp; Co>",
		"&lt;!channel&gt; &amp; &lt;@U123&gt;",
		"@\u200dchannel the grid",
		"12 sources checked · failing: Interfax-Ukraine",
		"_No new developments._",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("slack lacks %q", want)
		}
	}
	last := msgs[0].Blocks[len(msgs[0].Blocks)-1]
	if c, ok := last.(*slack.ContextBlock); !ok || !strings.Contains(c.ContextElements.Elements[0].(*slack.TextBlockObject).Text, "sources checked") {
		t.Error("slack message does not end with the provenance context")
	}
	var headers, dividers int
	for _, b := range msgs[0].Blocks {
		switch b.(type) {
		case *slack.HeaderBlock:
			headers++
		case *slack.DividerBlock:
			dividers++
		}
	}
	if headers != 3 || dividers != 2 {
		t.Errorf("%d headers, %d dividers; want 3 and 2", headers, dividers)
	}
}

func TestRenderMatrixGolden(t *testing.T) {
	evs := RenderMatrix(renderFixture())
	renderGolden(t, "matrix.json", renderIndent(t, evs))
	if len(evs) != 1 {
		t.Fatalf("%d events for a small digest", len(evs))
	}
	renderCheckMatrix(t, evs)
	fb := evs[0].FormattedBody
	for _, want := range []string{
		`<a href="https://news.example.com/a%7Cb%3Ec?id=1&amp;x=%3C2%3E">Kyiv &lt;Independent&gt; &amp; Co</a>`,
		"&lt;!channel&gt; &amp; &lt;@U123&gt;",
		"@\u200dchannel the grid",
		"<h3>Energy &amp; grid</h3>",
		"No new developments.",
	} {
		if !strings.Contains(fb, want) {
			t.Errorf("formatted_body lacks %q", want)
		}
	}
	if !strings.HasSuffix(evs[0].Body, "12 sources checked · failing: Interfax-Ukraine") ||
		!strings.HasSuffix(fb, "12 sources checked · failing: Interfax-Ukraine</i></p>") {
		t.Error("matrix event does not end with the provenance")
	}
	raw, err := json.Marshal(evs[0])
	if err != nil {
		t.Fatal(err)
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(raw, &keys); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"msgtype", "body", "format", "formatted_body", "m.mentions"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("event lacks %q", k)
		}
	}
	if len(keys) != 5 || string(keys["m.mentions"]) != `{"user_ids":[]}` || string(keys["msgtype"]) != `"m.notice"` ||
		string(keys["format"]) != `"org.matrix.custom.html"` {
		t.Errorf("event JSON = %s", raw)
	}
}

// renderBig is a digest of n stories with long, hostile texts spread over
// five topics and one empty topic. Story i's headline holds the marker
// renderMarker(i) once; nothing else holds any marker.
func renderBig(n int) Digest {
	at := time.Date(2025, 11, 28, 10, 0, 0, 0, time.UTC)
	d := Digest{GeneratedAt: at.Add(24 * time.Hour), Since: at, Until: at.Add(24 * time.Hour)}
	d.Provenance.SourcesChecked = 300
	for i := range 120 {
		d.Provenance.SourcesFailing = append(d.Provenance.SourcesFailing, fmt.Sprintf("Failing source <%d> & @here with a rather long name", i))
	}
	for ti := range 6 {
		d.Topics = append(d.Topics, TopicDigest{Name: fmt.Sprintf("topic-%d", ti), Title: fmt.Sprintf("Topic %d: %s", ti, strings.Repeat("Длинное название темы ", 10))})
	}
	for i := range n {
		para := strings.Repeat("Министр заявил & <!here> <@U1> <#C1|x> @everyone 🚀 ", 5+i%40)
		s := Story{
			ID:        fmt.Sprintf("big-%03d", i),
			Headline:  renderMarker(i) + " " + strings.Repeat("Headline <!channel> & stuff ", 1+i%8),
			Summary:   para,
			Actors:    []string{"Actor <One>", "Actor & Two", "@channel"},
			Locations: []string{"Kharkiv", "Kyiv", "Odesa", "Lviv", "Dnipro"},
			FirstSeen: at.Add(time.Duration(i) * time.Minute),
			LastSeen:  at.Add(time.Duration(i+30) * time.Minute),
		}
		for j := range 1 + i%15 {
			s.Items = append(s.Items, StoryItem{
				Source: fmt.Sprintf("Source %d <&>", j),
				Title:  "Title " + para[:40],
				URL:    fmt.Sprintf("https://example.com/news/%d/%d?a=1&b=%s|x>y", i, j, strings.Repeat("q", i%200)),
			})
		}
		d.Topics[i%5].Stories = append(d.Topics[i%5].Stories, s)
	}
	// One story far too long for any message: huge summary, 400 sources.
	monster := Story{ID: "monster", Headline: renderMarker(n) + " Monster " + strings.Repeat("H ", 400), Summary: strings.Repeat("Very long & <text> ", 3000)}
	for j := range 400 {
		monster.Items = append(monster.Items, StoryItem{Source: fmt.Sprintf("M%03d", j), URL: fmt.Sprintf("https://m.example/%d/%s", j, strings.Repeat("z", 300))})
	}
	d.Topics[3].Stories = append(d.Topics[3].Stories, monster)
	return d
}

func renderMarker(i int) string { return fmt.Sprintf("QQ%04dQQ", i) }

var renderMarkerRe = regexp.MustCompile(`QQ(\d{4})QQ`)

// renderSlackTexts is every text of a message: fallback, headers, sections
// and context elements.
func renderSlackTexts(m SlackMessage) []string {
	out := []string{m.Text}
	for _, b := range m.Blocks {
		switch b := b.(type) {
		case *slack.HeaderBlock:
			out = append(out, b.Text.Text)
		case *slack.SectionBlock:
			out = append(out, b.Text.Text)
		case *slack.ContextBlock:
			for _, e := range b.ContextElements.Elements {
				out = append(out, e.(*slack.TextBlockObject).Text)
			}
		}
	}
	return out
}

var (
	renderSlackLinkRe    = regexp.MustCompile(`^<https?://[^<>|\s]+\|[^<>|]*>`)
	renderBroadcastRe    = regexp.MustCompile(`(?i)@(channel|here|everyone|room)`)
	renderSlackMentionRe = regexp.MustCompile(`<[!@#]`)
)

// renderCheckSlack asserts Slack's limits and that no feed text can
// mention or link.
func renderCheckSlack(t *testing.T, msgs []SlackMessage) {
	t.Helper()
	for i, m := range msgs {
		if m.Text == "" {
			t.Errorf("message %d has no fallback text", i)
		}
		if len(m.Blocks) > 50 {
			t.Errorf("message %d has %d blocks", i, len(m.Blocks))
		}
		total := 0
		for _, s := range renderSlackTexts(m) {
			total += slackLen(s)
			if utf8.RuneCountInString(s) > slackLen(s) {
				t.Fatal("slackLen undercounts")
			}
			if renderSlackMentionRe.MatchString(s) {
				t.Errorf("message %d: raw mention in %q", i, s)
			}
			if renderBroadcastRe.MatchString(s) {
				t.Errorf("message %d: broadcast word in %q", i, s)
			}
			for j := 0; j < len(s); j++ {
				if s[j] == '<' {
					if loc := renderSlackLinkRe.FindStringIndex(s[j:]); loc == nil {
						t.Errorf("message %d: '<' that is not a link at %q", i, s[j:min(len(s), j+60)])
					} else {
						j += loc[1] - 1
					}
				} else if s[j] == '>' {
					t.Errorf("message %d: stray '>' in %q", i, s)
				}
			}
		}
		if total > 12000 {
			t.Errorf("message %d has %d characters", i, total)
		}
		for _, b := range m.Blocks {
			switch b := b.(type) {
			case *slack.HeaderBlock:
				if b.Text.Type != slack.PlainTextType || slackLen(b.Text.Text) > 150 || b.Text.Text == "" {
					t.Errorf("message %d: bad header %q", i, b.Text.Text)
				}
			case *slack.SectionBlock:
				if b.Text.Type != slack.MarkdownType || slackLen(b.Text.Text) > 3000 || b.Text.Text == "" {
					t.Errorf("message %d: section of %d characters", i, slackLen(b.Text.Text))
				}
				if err := b.Text.Validate(); err != nil {
					t.Errorf("message %d: %v", i, err)
				}
			case *slack.ContextBlock:
				for _, e := range b.ContextElements.Elements {
					if s := e.(*slack.TextBlockObject).Text; slackLen(s) > 3000 {
						t.Errorf("message %d: context of %d characters", i, slackLen(s))
					}
				}
			case *slack.DividerBlock:
			case *slack.ActionBlock:
				if len(b.Elements.ElementSet) > 25 {
					t.Errorf("message %d: %d actions", i, len(b.Elements.ElementSet))
				}
				for _, e := range b.Elements.ElementSet {
					if btn, ok := e.(*slack.ButtonBlockElement); !ok || slackLen(btn.Text.Text) > 75 || len(btn.Value) > 2000 {
						t.Errorf("message %d: bad action %+v", i, e)
					}
				}
			default:
				t.Errorf("message %d: unexpected block %T", i, b)
			}
		}
		if _, err := json.Marshal(m); err != nil {
			t.Error(err)
		}
	}
}

func TestRenderSlackLimits(t *testing.T) {
	const n = 200
	d := renderBig(n)
	msgs := RenderSlack(d)
	if len(msgs) < 2 {
		t.Fatalf("only %d messages", len(msgs))
	}
	renderCheckSlack(t, msgs)
	seen := map[string]int{}
	monsterMsg := -1
	for i, m := range msgs {
		for _, b := range m.Blocks {
			s, ok := b.(*slack.SectionBlock)
			if !ok {
				continue
			}
			for _, mk := range renderMarkerRe.FindAllString(s.Text.Text, -1) {
				seen[mk]++
				if mk == renderMarker(n) {
					monsterMsg = i
					if !strings.Contains(s.Text.Text, "|M000>") || !strings.Contains(s.Text.Text, "|M002>") || !strings.Contains(s.Text.Text, "…") {
						t.Errorf("monster story lost its first links or its ellipsis: %q", s.Text.Text[:200])
					}
				}
			}
		}
	}
	for i := 0; i <= n; i++ {
		if c := seen[renderMarker(i)]; c != 1 {
			t.Errorf("story %d appears %d times", i, c)
		}
	}
	if monsterMsg < 0 {
		t.Error("monster story missing")
	}
	// Provenance ends the last message only.
	for i, m := range msgs {
		lastCtx := false
		if c, ok := m.Blocks[len(m.Blocks)-1].(*slack.ContextBlock); ok {
			lastCtx = strings.Contains(c.ContextElements.Elements[0].(*slack.TextBlockObject).Text, "sources checked")
		}
		if lastCtx != (i == len(msgs)-1) {
			t.Errorf("message %d: provenance at end = %v", i, lastCtx)
		}
		if !strings.Contains(m.Text, fmt.Sprintf("part %d of %d", i+1, len(msgs))) {
			t.Errorf("message %d fallback %q lacks its part number", i, m.Text)
		}
	}
	t.Logf("%d stories in %d Slack messages", n+1, len(msgs))
}

var renderMatrixTags = map[string]bool{}

func init() {
	for _, tag := range strings.Fields("font del h1 h2 h3 h4 h5 h6 blockquote p a ul ol sup sub li b i u strong em s code hr br div table thead tbody tr th td caption pre span details summary") {
		renderMatrixTags[tag] = true
	}
}

// renderCheckMatrix asserts each event's size, its allowed HTML and its
// fixed fields.
func renderCheckMatrix(t *testing.T, evs []MatrixEvent) {
	t.Helper()
	for i, e := range evs {
		raw, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		if len(raw) > 60000 {
			t.Errorf("event %d is %d bytes", i, len(raw))
		}
		if e.MsgType != "m.notice" || e.Format != "org.matrix.custom.html" || e.Body == "" || len(e.Mentions.UserIDs) != 0 || e.Mentions.Room {
			t.Errorf("event %d: bad fixed fields", i)
		}
		if !bytes.Contains(raw, []byte(`"m.mentions":{"user_ids":[]}`)) {
			t.Errorf("event %d: m.mentions not empty: %s", i, raw[len(raw)-60:])
		}
		if renderBroadcastRe.MatchString(e.Body) || renderBroadcastRe.MatchString(e.FormattedBody) {
			t.Errorf("event %d: broadcast word left", i)
		}
		nodes, err := html.ParseFragment(strings.NewReader(e.FormattedBody), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			switch n.Type {
			case html.ElementNode:
				if !renderMatrixTags[n.Data] {
					t.Errorf("event %d: tag <%s> not allowed", i, n.Data)
				}
				for _, a := range n.Attr {
					if n.Data != "a" || a.Key != "href" || a.Namespace != "" {
						t.Errorf("event %d: attribute %s on <%s>", i, a.Key, n.Data)
						continue
					}
					if !strings.HasPrefix(a.Val, "https://") && !strings.HasPrefix(a.Val, "http://") && !strings.HasPrefix(a.Val, "mailto:") {
						t.Errorf("event %d: href %q", i, a.Val)
					}
				}
			case html.TextNode:
			default:
				t.Errorf("event %d: node type %v", i, n.Type)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		for _, n := range nodes {
			walk(n)
		}
		// The raw tokens agree: no tag the tokenizer sees is disallowed.
		z := html.NewTokenizer(strings.NewReader(e.FormattedBody))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt == html.StartTagToken || tt == html.EndTagToken || tt == html.SelfClosingTagToken {
				if name, _ := z.TagName(); !renderMatrixTags[string(name)] {
					t.Errorf("event %d: token <%s>", i, name)
				}
			} else if tt == html.CommentToken || tt == html.DoctypeToken {
				t.Errorf("event %d: %v token", i, tt)
			}
		}
	}
}

func TestRenderMatrixLimits(t *testing.T) {
	const n = 200
	d := renderBig(n)
	// Make the Matrix split necessary: more links and longer texts.
	for ti := range d.Topics {
		for si := range d.Topics[ti].Stories {
			s := &d.Topics[ti].Stories[si]
			s.Summary += strings.Repeat(" <b>&amp;</b>", 60)
		}
	}
	evs := RenderMatrix(d)
	if len(evs) < 2 {
		t.Fatalf("only %d events", len(evs))
	}
	renderCheckMatrix(t, evs)
	seenHTML, seenBody := map[string]int{}, map[string]int{}
	for _, e := range evs {
		for _, mk := range renderMarkerRe.FindAllString(e.FormattedBody, -1) {
			seenHTML[mk]++
			if mk == renderMarker(n) && (!strings.Contains(e.FormattedBody, ">M000</a>") || !strings.Contains(e.FormattedBody, ">M002</a>") ||
				!strings.Contains(e.FormattedBody, "…") || !strings.Contains(e.FormattedBody, "more links")) {
				t.Error("monster story lost its first links or was not shortened")
			}
		}
		for _, mk := range renderMarkerRe.FindAllString(e.Body, -1) {
			seenBody[mk]++
		}
	}
	for i := 0; i <= n; i++ {
		if seenHTML[renderMarker(i)] != 1 || seenBody[renderMarker(i)] != 1 {
			t.Errorf("story %d appears %d times in HTML, %d in body", i, seenHTML[renderMarker(i)], seenBody[renderMarker(i)])
		}
	}
	last := evs[len(evs)-1]
	if !strings.Contains(last.Body, "300 sources checked · failing: ") || !strings.HasSuffix(last.FormattedBody, "</i></p>") {
		t.Error("last event does not end with the provenance")
	}
	for i, e := range evs[:len(evs)-1] {
		if strings.Contains(e.Body, "sources checked") {
			t.Errorf("event %d has the provenance", i)
		}
	}
	t.Logf("%d stories in %d Matrix events", n+1, len(evs))
}

func TestRenderSafeURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.com/a|b>c?x=<1>&y=2": "https://example.com/a%7Cb%3Ec?x=%3C1%3E&y=2",
		"HTTP://Example.com/path with space":  "http://Example.com/path%20with%20space",
		"https://пример.рф/новости":           "https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8",
		"javascript:alert(1)":                 "",
		"data:text/html,<script>":             "",
		"//example.com/x":                     "",
		"https:///nohost":                     "",
		"mailto:a@b.c":                        "",
		"  https://ok.example/\"q\"  ":        "https://ok.example/%22q%22",
	} {
		got, ok := renderSafeURL(in)
		if got != want || ok != (want != "") {
			t.Errorf("renderSafeURL(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestRenderRange(t *testing.T) {
	at := func(y, mo, d, h, mi int) time.Time { return time.Date(y, time.Month(mo), d, h, mi, 0, 0, time.UTC) }
	kyiv := time.FixedZone("EET", 2*3600)
	for _, c := range []struct {
		a, b time.Time
		want string
	}{
		{at(2025, 11, 28, 10, 0), at(2025, 11, 29, 10, 0), "28 Nov 10:00–29 Nov 10:00 UTC"},
		{at(2025, 11, 28, 10, 0), at(2025, 11, 28, 14, 30), "28 Nov 10:00–14:30 UTC"},
		{at(2025, 11, 28, 10, 0), at(2025, 11, 28, 10, 0), "28 Nov 10:00 UTC"},
		{at(2025, 12, 31, 22, 0), at(2026, 1, 1, 2, 0), "31 Dec 2025 22:00–1 Jan 2026 02:00 UTC"},
		{time.Date(2025, 11, 28, 12, 0, 0, 0, kyiv), time.Time{}, "28 Nov 10:00 UTC"},
		{time.Time{}, time.Time{}, ""},
	} {
		if got := renderRange(c.a, c.b); got != c.want {
			t.Errorf("renderRange(%v, %v) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}

func TestRenderEmptyDigest(t *testing.T) {
	d := Digest{Since: time.Date(2025, 11, 28, 10, 0, 0, 0, time.UTC), Until: time.Date(2025, 11, 29, 10, 0, 0, 0, time.UTC)}
	var b bytes.Buffer
	if err := RenderText(&b, d); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(b.String(), "0 sources checked · all sources OK\n") {
		t.Errorf("text: %q", b.String())
	}
	msgs := RenderSlack(d)
	renderCheckSlack(t, msgs)
	if len(msgs) != 1 || len(msgs[0].Blocks) != 2 {
		t.Errorf("slack: %d messages", len(msgs))
	}
	evs := RenderMatrix(d)
	renderCheckMatrix(t, evs)
	if len(evs) != 1 || !strings.Contains(evs[0].Body, "all sources OK") {
		t.Errorf("matrix: %+v", evs)
	}
}

// A story whose only link is longer than a Slack section still fits: its
// text is shortened and, last, the link dropped; the source count stays.
func TestRenderSlackHugeLink(t *testing.T) {
	d := renderFixture()
	d.Topics = d.Topics[:1]
	d.Topics[0].Stories = []Story{{
		ID:       "huge",
		Headline: renderMarker(1) + strings.Repeat(" long headline &", 300),
		Summary:  strings.Repeat("<summary> ", 2000),
		Items:    []StoryItem{{Source: "Huge", URL: "https://example.com/" + strings.Repeat("%7C", 2000)}},
	}}
	msgs := RenderSlack(d)
	renderCheckSlack(t, msgs)
	joined := strings.Join(renderSlackTexts(msgs[0]), "\n")
	if len(msgs) != 1 || !strings.Contains(joined, renderMarker(1)) || !strings.Contains(joined, "1 source") {
		t.Errorf("huge story lost: %q", joined[:min(300, len(joined))])
	}
	evs := RenderMatrix(d)
	renderCheckMatrix(t, evs)
}

func TestRenderFit(t *testing.T) {
	v := renderStory{headline: "Head", summary: strings.Repeat("abc ", 100), nSources: 5}
	for i := range 5 {
		v.sources = append(v.sources, renderSource{name: fmt.Sprint("S", i), url: "https://x.example/"})
	}
	cost := func(w renderStory) int { return len(slackStoryText(w)) }
	full := cost(v)
	// Enough room for everything but one link: keep four links.
	got := renderFit(v, cost, full-5)
	if len(got.sources) != 4 || got.more != 1 || got.summary != v.summary {
		t.Errorf("fit 1: %d links, %d more, summary %d", len(got.sources), got.more, len(got.summary))
	}
	// Little room: three links stay, the summary is cut with "…".
	got = renderFit(v, cost, 250)
	if len(got.sources) != 3 || got.more != 2 || !strings.HasSuffix(got.summary, "…") || cost(got) > 250 {
		t.Errorf("fit 2: %+v (cost %d)", got, cost(got))
	}
	if got.nSources != 5 {
		t.Errorf("source count changed: %d", got.nSources)
	}
}

// With buttons, every story has its Sources button, the last message
// ends with "Subscribe this channel", and the limits still hold.
func TestRenderSlackButtons(t *testing.T) {
	const n = 200
	d := renderBig(n)
	msgs := RenderSlackButtons(d)
	renderCheckSlack(t, msgs)
	stories, buttons := 0, 0
	for i, m := range msgs {
		for _, b := range m.Blocks {
			s, ok := b.(*slack.SectionBlock)
			if !ok || !renderMarkerRe.MatchString(s.Text.Text) {
				continue
			}
			stories++
			if s.Accessory != nil && s.Accessory.ButtonElement != nil && s.Accessory.ButtonElement.ActionID == SlackActionSources && s.Accessory.ButtonElement.Value != "" {
				buttons++
			}
		}
		last := m.Blocks[len(m.Blocks)-1]
		a, isActions := last.(*slack.ActionBlock)
		if isActions != (i == len(msgs)-1) {
			t.Errorf("message %d: subscribe button at end = %v", i, isActions)
		}
		if isActions {
			btn := a.Elements.ElementSet[0].(*slack.ButtonBlockElement)
			var names []string
			for _, tp := range d.Topics {
				names = append(names, tp.Name)
			}
			if btn.ActionID != SlackActionSubscribe || btn.Value != strings.Join(names, " ") {
				t.Errorf("subscribe button %+v", btn)
			}
		}
	}
	if stories != n+1 || buttons != stories {
		t.Errorf("%d stories, %d with a Sources button; want %d each", stories, buttons, n+1)
	}
}
