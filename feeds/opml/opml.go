// Package opml imports and exports feed subscription lists in OPML, the
// format every feed reader uses to move subscriptions between readers.
//
// Read is deliberately lenient about what real-world exporters produce
// (attribute-name casing, HTML entities, a UTF-8 BOM, nested folders) and
// reports individual bad subscriptions as Problems instead of failing the
// whole import, because one broken entry should not cost a user the other
// hundred. Write emits a flat OPML 2.0 list that Read turns back into the
// same outlines.
package opml

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxSize is the largest OPML document Read accepts, in bytes. Real
// subscription lists are a few hundred KiB at most; the cap keeps an upload
// endpoint from being turned into a memory sink.
const MaxSize = 16 << 20

// ErrTooLarge is returned (wrapped) by Read when the input exceeds MaxSize,
// so callers can map it to a "file too large" response with errors.Is.
var ErrTooLarge = fmt.Errorf("opml: document larger than %d bytes", MaxSize)

// maxSize is MaxSize as a variable so tests can exercise the limit without
// decoding 16 MiB under the race detector.
var maxSize int64 = MaxSize

// Outline is one feed subscription from an OPML file.
type Outline struct {
	// Name is the human-readable feed name; Read never leaves it empty.
	Name string
	// URL is the feed's absolute http(s) URL (OPML's xmlUrl).
	URL string
	// SiteURL is the feed's web site (OPML's htmlUrl): empty or an absolute
	// http(s) URL.
	SiteURL string
	// Tags are the feed's categories and enclosing folder names, in order
	// of appearance and without duplicates.
	Tags []string
}

// Problem describes one outline that Read skipped, so an import can tell the
// user what was left behind instead of silently dropping it.
type Problem struct {
	// Line is the 1-based line of the skipped outline's start tag.
	Line int
	// Reason says why the outline was skipped.
	Reason string
}

// String formats the problem as "line N: reason" for logs and UI messages.
func (p Problem) String() string {
	return fmt.Sprintf("line %d: %s", p.Line, p.Reason)
}

// Read parses an OPML 1.0 or 2.0 document.
//
// Every outline element with an xmlUrl attribute (name matched
// case-insensitively, since exporters disagree on xmlUrl/xmlurl) becomes an
// Outline. Outlines without xmlUrl are folders: their title (or text)
// becomes a tag of every feed nested inside them. The category attribute
// adds more tags; it is a comma-separated list of slash-delimited paths, so
// "/news/border,tech" yields "news", "border", "tech". Folder names are
// split the same way, so every tag Read returns can be written back by
// Write without changing meaning.
//
// Names and tags have runs of white space collapsed to one space and are
// trimmed; a feed without title and text is named after its URL. A
// site URL that is not an absolute http(s) URL is dropped, because it ends
// up as a clickable link.
//
// Feeds whose xmlUrl is empty or not an absolute http(s) URL, and repeats of
// an already seen URL, are skipped and reported as Problems. The error is
// non-nil only when the document as a whole cannot be used: malformed XML
// (the message carries the line), a root element other than <opml>, a
// declared charset other than UTF-8/ASCII, input over MaxSize, or a read
// error.
func Read(r io.Reader) ([]Outline, []Problem, error) {
	br := bufio.NewReader(&capReader{r: r, left: maxSize})
	// A UTF-8 byte order mark (Windows tools like to write one) carries no
	// information; drop it so the XML declaration really comes first rather
	// than relying on encoding/xml tolerating it as stray character data.
	if bom, err := br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		br.Discard(3)
	}

	d := xml.NewDecoder(br)
	// Many exporters paste HTML-escaped titles (&eacute;, &nbsp;) into
	// attributes, which strict XML rejects; accepting them costs nothing.
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charsetReader

	var (
		outlines []Outline
		problems []Problem
		// folders holds one entry per open <outline>: the tags it
		// contributes to its descendants (nil for feeds).
		folders [][]string
		seen    = map[string]int{} // URL -> line of first occurrence
		depth   int                // open elements, the root included
	)
	for {
		line, _ := d.InputPos() // before Token: the position of the tag's '<'
		tok, err := d.Token()
		if err == io.EOF {
			// Token reports a truncated document as a syntax error, so
			// a clean EOF here means no root element was ever seen.
			return nil, nil, errors.New("opml: empty document: no <opml> element")
		}
		if err != nil {
			return nil, nil, wrapErr(d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				if !strings.EqualFold(t.Name.Local, "opml") {
					return nil, nil, fmt.Errorf("opml: line %d: root element is <%s>, not <opml>", line, t.Name.Local)
				}
				continue
			}
			if !strings.EqualFold(t.Name.Local, "outline") {
				continue
			}
			attrs := outlineAttrs(t.Attr)
			if !attrs.isFeed {
				folders = append(folders, splitTags(firstNonEmpty(cleanText(attrs.title), cleanText(attrs.text))))
				continue
			}
			folders = append(folders, nil)

			o, reason := makeOutline(attrs, folders)
			if reason == "" {
				if first, dup := seen[o.URL]; dup {
					reason = fmt.Sprintf("duplicate feed %q (first on line %d)", o.URL, first)
				}
			}
			if reason != "" {
				problems = append(problems, Problem{Line: line, Reason: reason})
				continue
			}
			seen[o.URL] = line
			outlines = append(outlines, o)
		case xml.EndElement:
			depth--
			if depth == 0 {
				// The root closed: anything after it (trailing junk,
				// a second document) is not part of this list.
				return outlines, problems, nil
			}
			if strings.EqualFold(t.Name.Local, "outline") {
				folders = folders[:len(folders)-1]
			}
		}
	}
}

// attrs are the outline attributes Read cares about.
type attrs struct {
	text, title, xmlURL, htmlURL, category string
	isFeed                                 bool // an xmlUrl attribute is present, even if empty
}

// outlineAttrs picks the known attributes out of an outline start tag. Names
// are compared case-insensitively and the first occurrence wins.
func outlineAttrs(list []xml.Attr) attrs {
	var a attrs
	set := map[string]bool{}
	for _, at := range list {
		if at.Name.Space != "" {
			continue // someone else's extension, e.g. <outline foo:title=...>
		}
		name := strings.ToLower(at.Name.Local)
		if set[name] {
			continue
		}
		set[name] = true
		switch name {
		case "text":
			a.text = at.Value
		case "title":
			a.title = at.Value
		case "xmlurl":
			a.xmlURL, a.isFeed = at.Value, true
		case "htmlurl":
			a.htmlURL = at.Value
		case "category":
			a.category = at.Value
		}
	}
	return a
}

// makeOutline builds the Outline for a feed element, or returns why it must
// be skipped. folders includes the feed's own (nil) entry.
func makeOutline(a attrs, folders [][]string) (Outline, string) {
	name := firstNonEmpty(cleanText(a.title), cleanText(a.text))
	feedURL := strings.TrimSpace(a.xmlURL)
	if feedURL == "" {
		return Outline{}, fmt.Sprintf("feed %q has an empty xmlUrl", name)
	}
	if !isWebURL(feedURL) {
		return Outline{}, fmt.Sprintf("feed %q: xmlUrl %q is not an absolute http(s) URL", name, feedURL)
	}
	o := Outline{Name: name, URL: feedURL}
	if o.Name == "" {
		// Cleaned like any name, or a URL with inner spaces would read
		// back differently once Write stores it as the title.
		o.Name = cleanText(feedURL)
	}
	if site := strings.TrimSpace(a.htmlURL); isWebURL(site) {
		o.SiteURL = site
	}
	o.Tags = appendTags(nil, splitTags(a.category)...)
	for _, f := range folders {
		o.Tags = appendTags(o.Tags, f...)
	}
	return o, ""
}

// splitTags turns a category value or folder name into tags: comma
// separated, each a slash-delimited path whose pieces are separate tags.
func splitTags(s string) []string {
	var tags []string
	for _, part := range strings.Split(s, ",") {
		for _, piece := range strings.Split(part, "/") {
			if t := cleanText(piece); t != "" {
				tags = append(tags, t)
			}
		}
	}
	return tags
}

// appendTags appends the tags not already in dst, keeping order.
func appendTags(dst []string, tags ...string) []string {
	for _, t := range tags {
		dup := false
		for _, have := range dst {
			if have == t {
				dup = true
				break
			}
		}
		if !dup {
			dst = append(dst, t)
		}
	}
	return dst
}

// cleanText collapses white space runs to one space, trims, and replaces
// runes XML cannot carry with U+FFFD, the same substitution xml.EscapeText
// makes; that keeps Read's output stable under a Write/Read round trip.
func cleanText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.Map(func(r rune) rune {
		if !isXMLChar(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

// isXMLChar reports whether r may appear in an XML 1.0 document.
func isXMLChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// isWebURL reports whether s is an absolute http or https URL with a host:
// the only kind of feed briefbot can poll, and the only kind of link safe to
// show.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	return strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// charsetReader accepts the charsets that are byte-for-byte UTF-8
// compatible and refuses the rest with a message a user can act on, rather
// than encoding/xml's "CharsetReader is nil".
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "utf8", "us-ascii", "ascii":
		return input, nil
	}
	return nil, fmt.Errorf("unsupported charset %q: only UTF-8 OPML files are supported, re-save the file as UTF-8", charset)
}

// wrapErr gives every decoding error the "opml:" prefix and a line number.
// Syntax errors already say "on line N"; the others (charset, size, I/O)
// get the decoder's current line added.
func wrapErr(d *xml.Decoder, err error) error {
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Errorf("opml: %w", err)
	}
	line, _ := d.InputPos()
	return fmt.Errorf("opml: line %d: %w", line, err)
}

// capReader reads at most left bytes from r and then fails with ErrTooLarge
// if r has more, so an oversized upload is an error instead of a silently
// truncated (and then "malformed") document.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var probe [1]byte
		n, err := io.ReadFull(c.r, probe[:])
		if n > 0 {
			return 0, ErrTooLarge
		}
		if err == io.ErrUnexpectedEOF {
			err = io.EOF
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// Write writes outlines as an OPML 2.0 document with the given title and
// creation time (omitted when zero), one flat outline per feed.
//
// Everything Write accepts comes back unchanged from Read, except that a
// blank Name reads back as the URL and Read's white-space and tag
// normalisation applies. Data Read would lose is refused instead: a URL or
// non-empty SiteURL that is not an absolute http(s) URL, a repeated URL, and
// tags containing ',' or '/' (the category attribute's separators). Nothing
// is written to w when Write returns an error.
func Write(w io.Writer, title string, created time.Time, outlines []Outline) error {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<opml version="2.0">` + "\n  <head>\n    <title>")
	xml.EscapeText(&b, []byte(title))
	b.WriteString("</title>\n")
	if !created.IsZero() {
		// OPML 2.0 specifies RFC 822 dates; RFC 1123Z is its 4-digit-year form.
		b.WriteString("    <dateCreated>" + created.Format(time.RFC1123Z) + "</dateCreated>\n")
	}
	b.WriteString("  </head>\n  <body>\n")

	seen := make(map[string]bool, len(outlines))
	for i, o := range outlines {
		if !isWebURL(o.URL) {
			return fmt.Errorf("opml: outline %d (%q): URL %q is not an absolute http(s) URL", i, o.Name, o.URL)
		}
		if seen[o.URL] {
			return fmt.Errorf("opml: outline %d (%q): duplicate URL %q", i, o.Name, o.URL)
		}
		seen[o.URL] = true
		if o.SiteURL != "" && !isWebURL(o.SiteURL) {
			return fmt.Errorf("opml: outline %d (%q): site URL %q is not an absolute http(s) URL", i, o.Name, o.SiteURL)
		}
		for _, t := range o.Tags {
			if strings.ContainsAny(t, ",/") {
				return fmt.Errorf("opml: outline %d (%q): tag %q contains ',' or '/', which OPML categories cannot represent", i, o.Name, t)
			}
		}

		b.WriteString(`    <outline type="rss"`)
		writeAttr(&b, "text", o.Name)
		writeAttr(&b, "title", o.Name)
		writeAttr(&b, "xmlUrl", o.URL)
		if o.SiteURL != "" {
			writeAttr(&b, "htmlUrl", o.SiteURL)
		}
		if len(o.Tags) > 0 {
			writeAttr(&b, "category", strings.Join(o.Tags, ","))
		}
		b.WriteString("/>\n")
	}
	b.WriteString("  </body>\n</opml>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// writeAttr writes ` name="value"`. xml.EscapeText escapes quotes and
// encodes tabs and newlines as character references, so values survive
// attribute-value normalisation on the way back in.
func writeAttr(b *bytes.Buffer, name, value string) {
	b.WriteString(" " + name + `="`)
	xml.EscapeText(b, []byte(value))
	b.WriteByte('"')
}
