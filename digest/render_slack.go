package digest

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/slack-go/slack"
)

// Slack's limits for one chat.postMessage, counted in UTF-16 code units
// (at least the number of characters, so the limits hold either way).
const (
	slackMaxBlocks   = 50
	slackMaxChars    = 12000 // all text of a message: blocks and fallback
	slackMaxSection  = 3000  // one section's (or context element's) text
	slackMaxHeader   = 150   // one header's plain_text
	slackMaxFallback = 300   // the notification fallback text we write
)

// Button labels of RenderSlackButtons.
const (
	slackSourcesLabel   = "Sources"
	slackSubscribeLabel = "Subscribe this channel"
)

// SlackMessage is one chat.postMessage payload: Text is the plain
// fallback shown in notifications, Blocks the Block Kit layout.
type SlackMessage struct {
	Text   string        `json:"text"`
	Blocks []slack.Block `json:"blocks"`
}

// renderMentionRe finds broadcast mentions in feed text.
var renderMentionRe = regexp.MustCompile(`(?i)@(channel|here|everyone|room)`)

// renderNeutralizeMentions puts a zero-width joiner after the @ of
// "@channel", "@here", "@everyone" and "@room", so no chat client treats
// feed text as a broadcast mention.
func renderNeutralizeMentions(s string) string {
	return renderMentionRe.ReplaceAllString(s, "@\u200d$1")
}

var slackEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// slackEscape makes feed text inert in Slack mrkdwn: &, < and > become
// entities (so "<!channel>", "<@U123>", "<#C1>" and "<url|x>" are plain
// text) and broadcast words get a zero-width joiner after the @.
func slackEscape(s string) string {
	return slackEscaper.Replace(renderNeutralizeMentions(renderClean(s)))
}

// slackLen is the length Slack counts, in UTF-16 code units.
func slackLen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// slackTruncate shortens s to at most n UTF-16 code units, ending in "…".
func slackTruncate(s string, n int) string {
	if slackLen(s) <= n {
		return s
	}
	r := []rune(s)
	k := renderSearch(0, len(r), func(k int) bool { return slackLen(string(r[:k]))+1 <= n })
	if k < 0 {
		return ""
	}
	return strings.TrimRight(string(r[:k]), " ") + "…"
}

// slackLink is "<URL|label>" for a safe URL (with & as &amp;), or just the
// escaped label without one.
func slackLink(src renderSource) string {
	label := slackEscape(src.name)
	if src.url == "" {
		return label
	}
	return "<" + strings.ReplaceAll(src.url, "&", "&amp;") + "|" + label + ">"
}

// slackStoryText is a story's mrkdwn section text.
func slackStoryText(v renderStory) string {
	var b strings.Builder
	b.WriteString("*" + slackEscape(v.headline) + "*")
	if v.summary != "" {
		b.WriteString(" — " + slackEscape(v.summary))
	}
	if det := renderDetails(v, slackEscape); det != "" {
		b.WriteString(" " + det)
	}
	b.WriteString("\n" + renderMeta(v))
	if len(v.sources) > 0 || v.more > 0 {
		links := make([]string, 0, len(v.sources)+1)
		for _, src := range v.sources {
			links = append(links, slackLink(src))
		}
		if v.more > 0 {
			links = append(links, renderPlural(v.more, "more link", "more links"))
		}
		b.WriteString("\n" + strings.Join(links, " · "))
	}
	return b.String()
}

func slackMrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, true)
}

// slackProvenance is the provenance line, its failing list cut with
// "and N more" to fit one context element.
func slackProvenance(d Digest) string {
	head, failing := renderProvenanceParts(d)
	if len(failing) == 0 {
		return head + " · all sources OK"
	}
	s := head + " · failing: "
	shown := 0
	for _, f := range failing {
		next := slackEscape(f)
		if shown > 0 {
			next = ", " + next
		}
		if slackLen(s)+slackLen(next)+40 > slackMaxSection {
			break
		}
		s += next
		shown++
	}
	if rest := len(failing) - shown; rest > 0 {
		if shown == 0 {
			s += renderPlural(rest, "source", "sources")
		} else {
			s += ", and " + strconv.Itoa(rest) + " more"
		}
	}
	return s
}

type slackDraft struct {
	blocks []slack.Block
	chars  int
	titles []string // topic titles begun or continued here
}

// RenderSlack splits the digest into chat.postMessage payloads within
// Slack's limits: at most 50 blocks and 12,000 characters of text per
// message (fallback included), 3,000 per section and 150 per header.
// Each message opens with a context line (window, "part i of n"); each
// topic has a header (repeated with "(continued)" when it spans messages),
// one mrkdwn section per story and a divider before the next topic; the
// last message ends with the provenance in a context block. A story is
// never split across messages; one too long for a section is shortened
// (fewer links beyond its first three, then "…" in its text). Feed text
// is escaped and cannot mention anyone or form a link; mrkdwn texts are
// verbatim so Slack does not auto-link URLs or names in them.
func RenderSlack(d Digest) []SlackMessage { return renderSlack(d, false) }

// Action ids of the buttons RenderSlackButtons adds.
const (
	SlackActionSources   = "brief_sources"   // value: a story id
	SlackActionSubscribe = "brief_subscribe" // value: topic names, space-separated
)

// RenderSlackButtons is RenderSlack with buttons for the chat: a
// "Sources" button on each story (its value the story id) and, at the
// end of the last message, "Subscribe this channel" (its value the
// digest's topic names).
func RenderSlackButtons(d Digest) []SlackMessage { return renderSlack(d, true) }

func renderSlack(d Digest, buttons bool) []SlackMessage {
	topics := renderPrepare(d)
	intro := renderIntro(d)
	if g := renderGenerated(d); g != "" {
		intro += " · " + g
	}
	introMax := slackLen(intro) + slackLen(" · part 9999 of 9999")
	prov := slackProvenance(d)
	reserveChars := introMax + slackLen(prov) + slackMaxFallback
	reserveBlocks := 2 // intro and provenance context blocks
	if buttons {
		reserveBlocks++ // the subscribe button's actions block
		reserveChars += slackLen(slackSubscribeLabel)
	}
	availChars := slackMaxChars - reserveChars
	availBlocks := slackMaxBlocks - reserveBlocks
	storyBudget := min(slackMaxSection, availChars-slackMaxHeader)
	cost := func(v renderStory) int { return slackLen(slackStoryText(v)) }

	var msgs []*slackDraft
	cur := &slackDraft{}
	msgs = append(msgs, cur)
	fits := func(blocks, chars int) bool {
		return len(cur.blocks)+blocks <= availBlocks && cur.chars+chars <= availChars
	}
	fresh := func() {
		cur = &slackDraft{}
		msgs = append(msgs, cur)
	}
	header := func(title string) *slack.HeaderBlock {
		return slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, slackTruncate(renderNeutralizeMentions(title), slackMaxHeader), true, false))
	}
	for _, t := range topics {
		var units []string
		if len(t.stories) == 0 {
			units = []string{"_" + renderNoNews + "_"}
		}
		var ids []string
		for _, v := range t.stories {
			units = append(units, slackStoryText(renderFit(v, cost, storyBudget)))
			ids = append(ids, v.id)
		}
		for i, u := range units {
			ul := slackLen(u)
			var accessory *slack.Accessory
			if buttons && i < len(ids) && ids[i] != "" {
				btn := slack.NewButtonBlockElement(SlackActionSources, ids[i], slack.NewTextBlockObject(slack.PlainTextType, slackSourcesLabel, false, false))
				accessory = slack.NewAccessory(btn)
				ul += slackLen(slackSourcesLabel)
			}
			if i == 0 {
				h := header(t.title)
				hl := slackLen(h.Text.Text)
				div := 0
				if len(cur.blocks) > 0 {
					div = 1
				}
				if !fits(div+2, hl+ul) {
					fresh()
					div = 0
				}
				if div == 1 {
					cur.blocks = append(cur.blocks, slack.NewDividerBlock())
				}
				cur.blocks = append(cur.blocks, h)
				cur.chars += hl
				cur.titles = append(cur.titles, t.title)
			} else if !fits(1, ul) {
				fresh()
				h := header(t.title + " (continued)")
				cur.blocks = append(cur.blocks, h)
				cur.chars += slackLen(h.Text.Text)
				cur.titles = append(cur.titles, t.title)
			}
			cur.blocks = append(cur.blocks, slack.NewSectionBlock(slackMrkdwn(u), nil, accessory))
			cur.chars += ul
		}
	}

	out := make([]SlackMessage, 0, len(msgs))
	for i, m := range msgs {
		in := intro
		if len(msgs) > 1 {
			in += " · part " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(msgs))
		}
		blocks := []slack.Block{slack.NewContextBlock("", slackMrkdwn(slackEscape(in)))}
		blocks = append(blocks, m.blocks...)
		if i == len(msgs)-1 {
			blocks = append(blocks, slack.NewContextBlock("", slackMrkdwn(prov)))
			var names []string
			for _, t := range d.Topics {
				if t.Name != "" {
					names = append(names, t.Name)
				}
			}
			if buttons && len(names) > 0 {
				btn := slack.NewButtonBlockElement(SlackActionSubscribe, strings.Join(names, " "), slack.NewTextBlockObject(slack.PlainTextType, slackSubscribeLabel, false, false))
				blocks = append(blocks, slack.NewActionBlock("brief_actions", btn))
			}
		}
		text := in + ": " + renderNoNews
		if len(m.titles) > 0 {
			text = in + ": " + strings.Join(m.titles, ", ")
		}
		out = append(out, SlackMessage{Text: slackEscape(slackTruncateRaw(text, slackMaxFallback)), Blocks: blocks})
	}
	return out
}

// slackTruncateRaw shortens plain text before escaping so that the
// escaped result stays within n code units.
func slackTruncateRaw(s string, n int) string {
	if slackLen(slackEscape(s)) <= n {
		return s
	}
	r := []rune(s)
	k := renderSearch(0, len(r), func(k int) bool { return slackLen(slackEscape(string(r[:k])+"…")) <= n })
	if k < 0 {
		return ""
	}
	return string(r[:k]) + "…"
}
