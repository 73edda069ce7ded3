package digest

import (
	"bytes"
	"encoding/json"
	"html"
	"strconv"
	"strings"
)

// matrixMaxEvent is the most bytes one event's content may take when
// marshalled with encoding/json (which escapes <, > and & as \u003c…, so
// this is the worst case), leaving room under Matrix's 65,536-byte event
// limit for the event envelope and signatures.
const matrixMaxEvent = 60000

// MatrixEvent is one m.room.message content.
type MatrixEvent struct {
	MsgType       string `json:"msgtype"` // "m.notice"
	Body          string `json:"body"`
	Format        string `json:"format"` // "org.matrix.custom.html"
	FormattedBody string `json:"formatted_body"`
	Mentions      struct {
		UserIDs []string `json:"user_ids"`
		Room    bool     `json:"room,omitempty"`
	} `json:"m.mentions"`
}

// MarshalJSON of MatrixEvent must produce {"msgtype","body","format","formatted_body","m.mentions":{"user_ids":[]}}
// (empty m.mentions so nobody is pinged): user_ids is [] rather than null
// when no one is mentioned.
func (e MatrixEvent) MarshalJSON() ([]byte, error) {
	type plain MatrixEvent
	p := plain(e)
	if p.Mentions.UserIDs == nil {
		p.Mentions.UserIDs = []string{}
	}
	// No HTML escaping here: json.Marshal of the event re-escapes < > &
	// anyway, while an Encoder with SetEscapeHTML(false) keeps them short.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// matrixJSONLen is how many bytes s takes inside a JSON string as
// encoding/json writes it. It is additive over concatenation.
func matrixJSONLen(s string) int {
	b, _ := json.Marshal(s)
	return len(b) - 2
}

// matrixText is feed text for the plain body: cleaned, with broadcast
// mentions neutralized.
func matrixText(s string) string { return renderNeutralizeMentions(renderClean(s)) }

// matrixHTML is feed text for formatted_body: matrixText, HTML-escaped.
func matrixHTML(s string) string { return html.EscapeString(matrixText(s)) }

// matrixStory renders one story as a plain-body fragment and an HTML
// list item.
func matrixStory(v renderStory) (body, htm string) {
	var b strings.Builder
	b.WriteString("  * " + renderTextStoryLine(v, matrixText) + "\n")
	for _, src := range v.sources {
		line := matrixText(src.name)
		if src.url != "" {
			line += ": " + src.url
		}
		b.WriteString("      " + line + "\n")
	}
	if v.more > 0 {
		b.WriteString("      (" + renderPlural(v.more, "more link", "more links") + ")\n")
	}
	body = b.String()

	var h strings.Builder
	h.WriteString("<li><b>" + matrixHTML(v.headline) + "</b>")
	if v.summary != "" {
		h.WriteString(" — " + matrixHTML(v.summary))
	}
	if det := renderDetails(v, matrixHTML); det != "" {
		h.WriteString(" " + det)
	}
	h.WriteString("<br>" + html.EscapeString(renderMeta(v)))
	if len(v.sources) > 0 || v.more > 0 {
		links := make([]string, 0, len(v.sources)+1)
		for _, src := range v.sources {
			name := matrixHTML(src.name)
			if src.url == "" {
				links = append(links, name)
				continue
			}
			links = append(links, `<a href="`+html.EscapeString(src.url)+`">`+name+"</a>")
		}
		if v.more > 0 {
			links = append(links, renderPlural(v.more, "more link", "more links"))
		}
		h.WriteString("<br>" + strings.Join(links, " · "))
	}
	h.WriteString("</li>\n")
	return body, h.String()
}

// matrixTopicOpen and matrixTopicClose frame one topic's stories.
func matrixTopicOpen(title string) (body, htm string) {
	return "\n" + matrixText(title) + "\n", "<h3>" + matrixHTML(title) + "</h3>\n<ul>\n"
}

const matrixTopicClose = "</ul>\n"

type matrixDraft struct {
	body, html strings.Builder
	size       int  // JSON bytes of body and formatted_body so far
	open       bool // a <ul> is open
	any        bool // holds a topic
}

// RenderMatrix renders the digest as m.notice events with an HTML
// formatted_body that uses only tags the Matrix spec allows (p, b, h3,
// ul, li, a, br, hr, i) and only href (http/https) on <a>, a plain body,
// and an empty m.mentions so nobody is pinged. Feed text is HTML-escaped
// and "@room"-style words are neutralized. Long digests are split between
// stories so that each event's JSON stays within 60,000 bytes; a topic
// spanning events repeats its heading with "(continued)", and the last
// event ends with the provenance.
func RenderMatrix(d Digest) []MatrixEvent {
	topics := renderPrepare(d)
	intro := renderIntro(d)
	if g := renderGenerated(d); g != "" {
		intro += " · " + g
	}
	introLong := intro + " · part 9999 of 9999"
	introMax := matrixJSONLen(introLong+"\n") + matrixJSONLen("<p><b>"+html.EscapeString(introLong)+"</b></p>\n")
	head, failing := renderProvenanceParts(d)
	for i := range failing {
		failing[i] = matrixText(failing[i])
	}
	provBody := "\n" + head + " · " + renderFailingPlain(failing) + "\n"
	provHTML := "<hr>\n<p><i>" + html.EscapeString(head+" · "+renderFailingPlain(failing)) + "</i></p>\n"
	provSize := matrixJSONLen(provBody) + matrixJSONLen(provHTML)

	empty, _ := json.Marshal(MatrixEvent{MsgType: "m.notice", Format: "org.matrix.custom.html"})
	avail := matrixMaxEvent - len(empty) - introMax - provSize - matrixJSONLen(matrixTopicClose)
	cost := func(v renderStory) int {
		b, h := matrixStory(v)
		return matrixJSONLen(b) + matrixJSONLen(h)
	}

	var drafts []*matrixDraft
	cur := &matrixDraft{}
	drafts = append(drafts, cur)
	add := func(body, htm string) {
		cur.body.WriteString(body)
		cur.html.WriteString(htm)
		cur.size += matrixJSONLen(body) + matrixJSONLen(htm)
	}
	closeList := func() {
		if cur.open {
			add("", matrixTopicClose)
			cur.open = false
		}
	}
	for _, t := range topics {
		ob, oh := matrixTopicOpen(t.title)
		cb, ch := matrixTopicOpen(t.title + " (continued)")
		openSize := matrixJSONLen(ob) + matrixJSONLen(oh) + matrixJSONLen("<hr>\n")
		contSize := matrixJSONLen(cb) + matrixJSONLen(ch)
		storyBudget := avail - contSize
		if len(t.stories) == 0 {
			nb, nh := "  "+renderNoNews+"\n", "<p><i>"+renderNoNews+"</i></p>\n"
			need := openSize + matrixJSONLen(nb) + matrixJSONLen(nh)
			closeList()
			if cur.any && cur.size+need > avail {
				cur = &matrixDraft{}
				drafts = append(drafts, cur)
			}
			if cur.any {
				add("", "<hr>\n")
			}
			add(ob, strings.TrimSuffix(oh, "<ul>\n"))
			add(nb, nh)
			cur.any = true
			continue
		}
		for i, v := range t.stories {
			sb, sh := matrixStory(renderFit(v, cost, storyBudget))
			ss := matrixJSONLen(sb) + matrixJSONLen(sh)
			if i == 0 {
				closeList()
				if cur.any && cur.size+openSize+ss > avail {
					cur = &matrixDraft{}
					drafts = append(drafts, cur)
				}
				if cur.any {
					add("", "<hr>\n")
				}
				add(ob, oh)
				cur.open, cur.any = true, true
			} else if cur.size+ss > avail {
				closeList()
				cur = &matrixDraft{}
				drafts = append(drafts, cur)
				add(cb, ch)
				cur.open, cur.any = true, true
			}
			add(sb, sh)
		}
	}
	closeList()

	out := make([]MatrixEvent, 0, len(drafts))
	for i, m := range drafts {
		in := intro
		if len(drafts) > 1 {
			in += " · part " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(drafts))
		}
		body := in + "\n" + m.body.String()
		htm := "<p><b>" + html.EscapeString(in) + "</b></p>\n" + m.html.String()
		if i == len(drafts)-1 {
			body += provBody
			htm += provHTML
		}
		out = append(out, MatrixEvent{
			MsgType:       "m.notice",
			Body:          strings.TrimRight(body, "\n"),
			Format:        "org.matrix.custom.html",
			FormattedBody: strings.TrimRight(htm, "\n"),
		})
	}
	return out
}
