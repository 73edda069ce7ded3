package digest

// Renderers: plain text, Markdown and JSON live here; Slack and Matrix in
// render_slack.go and render_matrix.go. Every human format shows, per
// topic, a title line and one entry per story (headline, summary, actors,
// locations, source count, first/last seen, every source linked), and ends
// with the provenance (window, sources checked, failing sources).
//
// All feed text (headlines, summaries, actors, locations, source names,
// item titles, URLs) is untrusted: it is cleaned of control characters and
// collapsed onto one line here, then escaped for each format.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// renderSource is one item's link as shown to people.
type renderSource struct {
	name  string // cleaned source name, never empty
	title string // cleaned item title, may be empty
	url   string // safe http(s) URL, "" when the item has none
}

// renderStory is what a human format shows of a story. The chat formats
// shrink it (renderFit) to stay within their size limits.
type renderStory struct {
	headline  string
	summary   string
	actors    []string
	locations []string
	alsoIn    []string // titles of the other topics of this digest holding the story
	nSources  int      // distinct sources
	sources   []renderSource
	more      int // items whose links are not shown
	first     time.Time
	last      time.Time
	id        string
}

// renderTopic is a topic with its stories prepared for display.
type renderTopic struct {
	title   string
	stories []renderStory
}

// renderPrepare turns the digest into display views shared by the human
// formats.
func renderPrepare(d Digest) []renderTopic {
	// Which topics of this digest hold each story, to say "also in".
	where := map[string][]int{}
	for ti, t := range d.Topics {
		for _, s := range t.Stories {
			if s.ID == "" {
				continue
			}
			if l := where[s.ID]; len(l) == 0 || l[len(l)-1] != ti {
				where[s.ID] = append(l, ti)
			}
		}
	}
	out := make([]renderTopic, 0, len(d.Topics))
	for ti, t := range d.Topics {
		rt := renderTopic{title: renderTopicTitle(t)}
		for _, s := range t.Stories {
			var also []string
			if s.ID != "" {
				for _, oi := range where[s.ID] {
					if oi != ti {
						also = append(also, renderTopicTitle(d.Topics[oi]))
					}
				}
			}
			rt.stories = append(rt.stories, renderStoryView(s, also))
		}
		out = append(out, rt)
	}
	return out
}

func renderTopicTitle(t TopicDigest) string {
	if s := renderClean(t.Title); s != "" {
		return s
	}
	if s := renderClean(t.Name); s != "" {
		return s
	}
	return "Untitled topic"
}

func renderStoryView(s Story, alsoIn []string) renderStory {
	v := renderStory{
		id:       renderClean(s.ID),
		headline: renderClean(s.Headline),
		summary:  renderClean(s.Summary),
		alsoIn:   alsoIn,
		first:    s.FirstSeen,
		last:     s.LastSeen,
	}
	for _, a := range s.Actors {
		if a = renderClean(a); a != "" {
			v.actors = append(v.actors, a)
		}
	}
	for _, l := range s.Locations {
		if l = renderClean(l); l != "" {
			v.locations = append(v.locations, l)
		}
	}
	seen := map[string]bool{}
	for _, it := range s.Items {
		src := renderSource{title: renderClean(it.Title)}
		src.url = renderItemURL(it)
		src.name = renderClean(it.Source)
		if src.name == "" {
			if u, err := url.Parse(src.url); err == nil && u.Hostname() != "" {
				src.name = u.Hostname()
			} else {
				src.name = "source"
			}
		}
		if k := strings.ToLower(src.name); !seen[k] {
			seen[k] = true
			v.nSources++
		}
		v.sources = append(v.sources, src)
	}
	if v.headline == "" {
		for _, src := range v.sources {
			if src.title != "" {
				v.headline = src.title
				break
			}
		}
	}
	if v.headline == "" {
		v.headline = "(untitled)"
	}
	if v.summary == v.headline {
		v.summary = ""
	}
	return v
}

// renderItemURL returns the item's canonical URL if it is a safe http(s)
// URL, else its published link if that is, else "".
func renderItemURL(it StoryItem) string {
	if u, ok := renderSafeURL(it.URL); ok {
		return u
	}
	if u, ok := renderSafeURL(it.Link); ok {
		return u
	}
	return ""
}

// renderSafeURL accepts only absolute http and https URLs with a host and
// returns them normalized: lower-case scheme, IDNA host, and every byte
// that may not appear raw in a URI (spaces, controls, non-ASCII, and
// "<>\"\\^`{|}") percent-encoded, so the result can be put between <…>, in
// a Markdown link destination or an HTML attribute without ending it.
func renderSafeURL(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || !utf8.ValidString(raw) {
		return "", false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.Opaque != "" {
		return "", false
	}
	if !renderIsASCII(u.Host) {
		h, err := idna.Lookup.ToASCII(u.Hostname())
		if err != nil {
			return "", false
		}
		if p := u.Port(); p != "" {
			h += ":" + p
		}
		u.Host = h
	}
	s := u.String()
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), true
}

func renderIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// renderClean puts feed text on one line: invalid UTF-8 becomes U+FFFD,
// control characters (including terminal escape sequences' ESC) and
// bidirectional embedding/override/isolate controls are dropped, and runs
// of white space (newlines included) become one space.
func renderClean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r), renderIsBidiControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func renderIsBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// renderTruncate shortens s to at most n runes, ending in "…" when cut.
func renderTruncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	r := []rune(s)
	return strings.TrimRightFunc(string(r[:n-1]), unicode.IsSpace) + "…"
}

// renderSearch returns the largest k in [lo, hi] with ok(k), assuming ok
// holds up to some k and fails after it; -1 if ok(lo) fails or lo > hi.
func renderSearch(lo, hi int, ok func(int) bool) int {
	if lo > hi || !ok(lo) {
		return -1
	}
	for lo < hi {
		mid := lo + (hi-lo+1)/2
		if ok(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// renderFit shrinks v until cost(v) <= budget: first it shows fewer
// source links (at least the first three), then shortens the summary with
// "…", drops actors, locations and "also in", and shortens the headline;
// only if even that is too long (huge links) does it drop more links and
// try again. The source count always stays.
func renderFit(v renderStory, cost func(renderStory) int, budget int) renderStory {
	if cost(v) <= budget {
		return v
	}
	all := v.sources
	total := len(all) + v.more
	links := func(w renderStory, k int) renderStory {
		w.sources = all[:k]
		w.more = total - k
		return w
	}
	keep := min(3, len(all))
	if k := renderSearch(keep, len(all)-1, func(k int) bool { return cost(links(v, k)) <= budget }); k >= 0 {
		return links(v, k)
	}
	for k := keep; k > 0; k-- {
		if w, ok := renderFitText(links(v, k), cost, budget); ok {
			return w
		}
	}
	w, _ := renderFitText(links(v, 0), cost, budget)
	return w
}

// renderFitText shortens v's text (summary, then details, then headline)
// until cost(v) <= budget; ok is false if even the shortest text is too
// long.
func renderFitText(v renderStory, cost func(renderStory) int, budget int) (renderStory, bool) {
	if cost(v) <= budget {
		return v, true
	}
	sum := v.summary
	short := func(w renderStory, n int) renderStory { w.summary = renderTruncate(sum, n); return w }
	if n := renderSearch(1, utf8.RuneCountInString(sum)-1, func(n int) bool { return cost(short(v, n)) <= budget }); n >= 0 {
		return short(v, n), true
	}
	v.summary = ""
	v.actors, v.locations, v.alsoIn = nil, nil, nil
	if cost(v) <= budget {
		return v, true
	}
	hl := v.headline
	shortH := func(w renderStory, n int) renderStory { w.headline = renderTruncate(hl, n); return w }
	if n := renderSearch(1, utf8.RuneCountInString(hl)-1, func(n int) bool { return cost(shortH(v, n)) <= budget }); n >= 0 {
		return shortH(v, n), true
	}
	v.headline = "…"
	return v, cost(v) <= budget
}

// renderRange formats a time span for people, in UTC:
// "28 Nov 10:00–29 Nov 10:00 UTC", "28 Nov 10:00–14:30 UTC" within a day,
// "28 Nov 10:00 UTC" for one instant; years are shown when they differ.
func renderRange(a, b time.Time) string {
	a, b = a.UTC(), b.UTC()
	switch {
	case a.IsZero() && b.IsZero():
		return ""
	case a.IsZero():
		return b.Format("2 Jan 15:04") + " UTC"
	case b.IsZero() || a.Truncate(time.Minute).Equal(b.Truncate(time.Minute)):
		return a.Format("2 Jan 15:04") + " UTC"
	case a.Year() != b.Year():
		return a.Format("2 Jan 2006 15:04") + "–" + b.Format("2 Jan 2006 15:04") + " UTC"
	case a.YearDay() == b.YearDay():
		return a.Format("2 Jan 15:04") + "–" + b.Format("15:04") + " UTC"
	}
	return a.Format("2 Jan 15:04") + "–" + b.Format("2 Jan 15:04") + " UTC"
}

func renderPlural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// renderIntro is the opening line: "Briefing 28 Nov 10:00–29 Nov 10:00 UTC".
func renderIntro(d Digest) string {
	s := "Briefing"
	if w := renderRange(d.Since, d.Until); w != "" {
		s += " " + w
	}
	return s
}

// renderGenerated is "generated 29 Nov 10:05 UTC", or "" without a time.
func renderGenerated(d Digest) string {
	if d.GeneratedAt.IsZero() {
		return ""
	}
	return "generated " + renderRange(d.GeneratedAt, time.Time{})
}

// renderProvenanceParts returns the provenance before the failing list
// ("Window … · 12 sources checked") and the cleaned failing source names.
func renderProvenanceParts(d Digest) (head string, failing []string) {
	window := renderRange(d.Since, d.Until)
	if window == "" {
		window = "unknown"
	}
	head = "Window " + window + " · " + renderPlural(d.Provenance.SourcesChecked, "source checked", "sources checked")
	for _, f := range d.Provenance.SourcesFailing {
		if f = renderClean(f); f != "" {
			failing = append(failing, f)
		}
	}
	return head, failing
}

// renderDetails is the parenthesized "actors: …; locations: …; also in: …"
// of a story, before escaping; esc escapes each feed value.
func renderDetails(v renderStory, esc func(string) string) string {
	var parts []string
	join := func(l []string) string {
		e := make([]string, len(l))
		for i, s := range l {
			e[i] = esc(s)
		}
		return strings.Join(e, ", ")
	}
	if len(v.actors) > 0 {
		parts = append(parts, "actors: "+join(v.actors))
	}
	if len(v.locations) > 0 {
		parts = append(parts, "locations: "+join(v.locations))
	}
	if len(v.alsoIn) > 0 {
		parts = append(parts, "also in: "+join(v.alsoIn))
	}
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, "; ") + ")"
}

// renderMeta is "3 sources · seen 28 Nov 11:00–29 Nov 09:00 UTC · s1a2b3c4d5e":
// the id is what `story <id>` takes.
func renderMeta(v renderStory) string {
	s := renderPlural(v.nSources, "source", "sources")
	if r := renderRange(v.first, v.last); r != "" {
		s += " · seen " + r
	}
	if v.id != "" {
		s += " · " + v.id
	}
	return s
}

// renderTextStoryLine is the one-line plain-text form of a story (without
// its source lines), with feed text passed through esc.
func renderTextStoryLine(v renderStory, esc func(string) string) string {
	var b strings.Builder
	b.WriteString(esc(v.headline))
	if v.summary != "" {
		b.WriteString(" — ")
		b.WriteString(esc(v.summary))
	}
	if det := renderDetails(v, esc); det != "" {
		b.WriteString(" ")
		b.WriteString(det)
	}
	b.WriteString(" · ")
	b.WriteString(renderMeta(v))
	return b.String()
}

const renderNoNews = "No new developments."

// RenderText writes a plain-text briefing for a terminal: a title line per
// topic, one line per story followed by one indented line per source, and
// the provenance last. Feed text is cleaned of control characters (so it
// cannot move the cursor or recolour the terminal) and never wrapped.
func RenderText(w io.Writer, d Digest) error {
	bw := bufio.NewWriter(w)
	id := func(s string) string { return s }
	intro := renderIntro(d)
	if g := renderGenerated(d); g != "" {
		intro += " (" + g + ")"
	}
	fmt.Fprintf(bw, "%s\n", intro)
	for _, t := range renderPrepare(d) {
		fmt.Fprintf(bw, "\n%s\n", t.title)
		if len(t.stories) == 0 {
			fmt.Fprintf(bw, "  %s\n", renderNoNews)
			continue
		}
		for _, v := range t.stories {
			fmt.Fprintf(bw, "  * %s\n", renderTextStoryLine(v, id))
			for _, src := range v.sources {
				line := src.name
				if src.title != "" {
					line += " — " + src.title
				}
				if src.url != "" {
					line += " <" + src.url + ">"
				} else {
					line += " (no link)"
				}
				fmt.Fprintf(bw, "      %s\n", line)
			}
		}
	}
	head, failing := renderProvenanceParts(d)
	fmt.Fprintf(bw, "\n%s · %s\n", head, renderFailingPlain(failing))
	return bw.Flush()
}

func renderFailingPlain(failing []string) string {
	if len(failing) == 0 {
		return "all sources OK"
	}
	return "failing: " + strings.Join(failing, ", ")
}

// renderMarkdownEscape backslash-escapes feed text so that, in CommonMark
// (and GFM), it cannot open emphasis, code, links, images, raw HTML,
// entities, headings, strikethrough or autolinks ("scheme://", "www.").
func renderMarkdownEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '<', '>', '&', '!', '~', '|', '{', '}':
			b.WriteByte('\\')
		case ':':
			if strings.HasPrefix(s[i+1:], "//") {
				b.WriteByte('\\')
			}
		case '.':
			if i >= 3 && strings.EqualFold(s[i-3:i], "www") && (i == 3 || !renderIsWordByte(s[i-4])) {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func renderIsWordByte(c byte) bool {
	return c == '_' || c == '-' || c >= utf8.RuneSelf ||
		(c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// RenderMarkdown writes the briefing as CommonMark: a level-2 heading per
// topic, a list item per story with a nested list of its sources, and the
// provenance last. All feed text is escaped so it cannot inject links,
// HTML or formatting; links point only to http(s) URLs.
func RenderMarkdown(w io.Writer, d Digest) error {
	bw := bufio.NewWriter(w)
	esc := renderMarkdownEscape
	fmt.Fprintf(bw, "# %s\n", renderIntro(d))
	if g := renderGenerated(d); g != "" {
		fmt.Fprintf(bw, "\n_%s_\n", strings.ToUpper(g[:1])+g[1:])
	}
	for _, t := range renderPrepare(d) {
		fmt.Fprintf(bw, "\n## %s\n\n", esc(t.title))
		if len(t.stories) == 0 {
			fmt.Fprintf(bw, "%s\n", renderNoNews)
			continue
		}
		for _, v := range t.stories {
			line := "**" + esc(v.headline) + "**"
			if v.summary != "" {
				line += " — " + esc(v.summary)
			}
			if det := renderDetails(v, esc); det != "" {
				line += " " + det
			}
			line += " · " + renderMeta(v)
			fmt.Fprintf(bw, "- %s\n", line)
			for _, src := range v.sources {
				s := esc(src.name)
				if src.url != "" {
					s = "[" + s + "](<" + src.url + ">)"
				}
				if src.title != "" {
					s += " — " + esc(src.title)
				}
				fmt.Fprintf(bw, "  - %s\n", s)
			}
		}
	}
	head, failing := renderProvenanceParts(d)
	for i := range failing {
		failing[i] = esc(failing[i])
	}
	fmt.Fprintf(bw, "\n---\n\n_%s · %s_\n", head, renderFailingPlain(failing))
	return bw.Flush()
}

// JSON contract types. Arrays are never null; times are RFC 3339 UTC.
type renderJSONDigest struct {
	GeneratedAt string               `json:"generated_at"`
	Since       string               `json:"since"`
	Until       string               `json:"until"`
	Provenance  renderJSONProvenance `json:"provenance"`
	Topics      []renderJSONTopic    `json:"topics"`
}

type renderJSONProvenance struct {
	SourcesChecked int      `json:"sources_checked"`
	SourcesFailing []string `json:"sources_failing"`
}

type renderJSONTopic struct {
	Name    string            `json:"name"`
	Title   string            `json:"title"`
	Stories []renderJSONStory `json:"stories"`
}

type renderJSONStory struct {
	ID          string           `json:"id"`
	Headline    string           `json:"headline"`
	Summary     string           `json:"summary"`
	Actors      []string         `json:"actors"`
	Locations   []string         `json:"locations"`
	Topics      []string         `json:"topics"`
	SourceCount int              `json:"source_count"`
	FirstSeen   string           `json:"first_seen"`
	LastSeen    string           `json:"last_seen"`
	Items       []renderJSONItem `json:"items"`
}

type renderJSONItem struct {
	Source    string `json:"source"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Link      string `json:"link"`
	Published string `json:"published"`
	Lang      string `json:"lang"`
}

func renderJSONTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func renderJSONStrings(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// RenderJSON writes the digest as one compact JSON object and a newline:
//
//	{"generated_at","since","until",
//	 "provenance":{"sources_checked","sources_failing":[]},
//	 "topics":[{"name","title","stories":[{"id","headline","summary",
//	   "actors":[],"locations":[],"topics":[],"source_count",
//	   "first_seen","last_seen",
//	   "items":[{"source","title","url","link","published","lang"}]}]}]}
//
// Times are RFC 3339 in UTC; arrays are never null (a topic without
// stories has "stories": []). Feed text is passed through as data (only
// invalid UTF-8 is replaced): consumers escape it for their medium.
// "topics" (the story's topic names), "source_count" (distinct sources)
// and "lang" extend the contract.
func RenderJSON(w io.Writer, d Digest) error {
	out := renderJSONDigest{
		GeneratedAt: renderJSONTime(d.GeneratedAt),
		Since:       renderJSONTime(d.Since),
		Until:       renderJSONTime(d.Until),
		Provenance: renderJSONProvenance{
			SourcesChecked: d.Provenance.SourcesChecked,
			SourcesFailing: renderJSONStrings(d.Provenance.SourcesFailing),
		},
		Topics: make([]renderJSONTopic, 0, len(d.Topics)),
	}
	for _, t := range d.Topics {
		jt := renderJSONTopic{Name: t.Name, Title: t.Title, Stories: make([]renderJSONStory, 0, len(t.Stories))}
		for _, s := range t.Stories {
			js := renderJSONStory{
				ID:          s.ID,
				Headline:    s.Headline,
				Summary:     s.Summary,
				Actors:      renderJSONStrings(s.Actors),
				Locations:   renderJSONStrings(s.Locations),
				Topics:      renderJSONStrings(s.Topics),
				SourceCount: renderStoryView(s, nil).nSources,
				FirstSeen:   renderJSONTime(s.FirstSeen),
				LastSeen:    renderJSONTime(s.LastSeen),
				Items:       make([]renderJSONItem, 0, len(s.Items)),
			}
			for _, it := range s.Items {
				js.Items = append(js.Items, renderJSONItem{
					Source:    it.Source,
					Title:     it.Title,
					URL:       it.URL,
					Link:      it.Link,
					Published: renderJSONTime(it.Published),
					Lang:      it.Lang,
				})
			}
			jt.Stories = append(jt.Stories, js)
		}
		out.Topics = append(out.Topics, jt)
	}
	return json.NewEncoder(w).Encode(out)
}
