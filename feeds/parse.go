package feeds

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// Feed is a parsed, normalized feed document.
type Feed struct {
	Title    string
	SiteURL  string // the feed's own site link, base for relative item links
	Language string // as declared by the feed, may be ""
	Format   string // rss, atom or json
	// TTL is the RSS <ttl> hint (how long to cache), bounded by MaxHint.
	TTL   time.Duration
	Items []Item
}

// Item is one normalized feed entry.
type Item struct {
	// Key identifies the item within its source: guid, else link, else a
	// hash of title and text.
	Key   string
	GUID  string
	Link  string // as published
	URL   string // canonical link, "" when the item has no usable link
	Title string
	Text  string // plain text of the content (or description)
	// Summary is the plain-text description, or the start of Text.
	Summary   string
	Published time.Time // zero when the item carries no date
	Lang      string
	Authors   []string
}

// NotFeedError says a document is an HTML page, not a feed. Alternates
// lists the feeds it advertises (<link rel="alternate">), absolute.
type NotFeedError struct {
	Alternates []string
}

func (e *NotFeedError) Error() string {
	if len(e.Alternates) == 0 {
		return "this is an HTML page, not a feed, and it advertises no feed"
	}
	return fmt.Sprintf("this is an HTML page, not a feed; it advertises %s (add that URL instead)", strings.Join(e.Alternates, ", "))
}

// ErrNotFeed is returned for documents that are neither a feed nor HTML.
var ErrNotFeed = errors.New("not a feed (RSS, Atom or JSON Feed expected)")

// ParseError is a feed that could not be parsed.
type ParseError struct{ Err error }

func (e *ParseError) Error() string { return "cannot parse feed: " + e.Err.Error() }
func (e *ParseError) Unwrap() error { return e.Err }

// Parse parses and normalizes a feed body. contentType is the HTTP
// Content-Type (its charset wins over the document's own declaration, as
// RFC 7303 says); feedURL is where it was fetched, the fallback base for
// relative links.
func Parse(body []byte, contentType, feedURL string) (*Feed, error) {
	mtype, headerCharset := mediaType(contentType)
	if dec, ok := decodeUTF16or32(body); ok {
		body, headerCharset = dec, "utf-8"
	}
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, &ParseError{Err: errors.New("empty document")}
	}
	if looksLikeHTML(mtype, trimmed) {
		return nil, &NotFeedError{Alternates: FeedLinks(body, feedURL)}
	}
	if trimmed[0] == '<' {
		var err error
		body, err = toUTF8XML(trimmed, headerCharset)
		if err != nil {
			return nil, &ParseError{Err: err}
		}
	}
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true
	gf, err := p.Parse(bytes.NewReader(body))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, ErrNotFeed
		}
		return nil, &ParseError{Err: err}
	}
	return normalize(gf, feedURL), nil
}

func normalize(gf *gofeed.Feed, feedURL string) *Feed {
	f := &Feed{
		Title:    PlainText(gf.Title),
		Language: gf.Language,
		Format:   gf.FeedType,
	}
	f.SiteURL = CanonicalURL(gf.Link, feedURL)
	// Relative item links resolve against the site link as published (its
	// own scheme); only the result is canonicalized.
	base := absolute(gf.Link, feedURL)
	if base == "" {
		base = feedURL
	}
	if rf, ok := gf.OriginalFeed().(*rss.Feed); ok && rf.TTL != "" {
		if m, err := strconv.Atoi(strings.TrimSpace(rf.TTL)); err == nil && m > 0 {
			f.TTL = min(time.Duration(m)*time.Minute, MaxHint)
		}
	}
	f.Items = make([]Item, 0, len(gf.Items))
	for i, gi := range gf.Items {
		if gi == nil {
			continue
		}
		it := Item{
			GUID:  strings.TrimSpace(gi.GUID),
			Link:  strings.TrimSpace(gi.Link),
			Title: PlainText(gi.Title),
		}
		if it.Link == "" && len(gi.Links) > 0 {
			it.Link = strings.TrimSpace(gi.Links[0])
		}
		if it.Link == "" && guidIsPermalink(gf, i) {
			it.Link = it.GUID // RSS 2.0: isPermaLink defaults to true
		}
		it.URL = CanonicalURL(it.Link, base)
		desc := PlainText(gi.Description)
		it.Text = PlainText(gi.Content)
		if it.Text == "" {
			it.Text = desc
		}
		it.Summary = desc
		if it.Summary == "" {
			it.Summary = it.Text
		}
		it.Summary = Truncate(it.Summary, 500)
		if it.Title == "" {
			// Untitled items (allowed by RSS) get their first words as a title.
			it.Title = Truncate(it.Summary, 100)
		}
		if gi.PublishedParsed != nil {
			it.Published = gi.PublishedParsed.UTC()
		} else if gi.UpdatedParsed != nil {
			it.Published = gi.UpdatedParsed.UTC()
		}
		for _, a := range gi.Authors {
			if a != nil && strings.TrimSpace(a.Name) != "" {
				it.Authors = append(it.Authors, strings.TrimSpace(a.Name))
			}
		}
		it.Lang = DetectLanguage(it.Title+" "+it.Text, gf.Language)
		switch {
		case it.GUID != "":
			it.Key = "guid:" + it.GUID
		case it.URL != "":
			it.Key = "link:" + it.URL
		case it.Title == "" && it.Text == "":
			continue // nothing to show or identify
		default:
			it.Key = "hash:" + ContentHash(it.Title, it.Text)
		}
		f.Items = append(f.Items, it)
	}
	return f
}

// guidIsPermalink reports whether RSS item i's guid is a URL that the feed
// lets readers use as the item's link.
func guidIsPermalink(gf *gofeed.Feed, i int) bool {
	guid := strings.TrimSpace(gf.Items[i].GUID)
	if !strings.HasPrefix(guid, "http://") && !strings.HasPrefix(guid, "https://") {
		return false
	}
	rf, ok := gf.OriginalFeed().(*rss.Feed)
	if !ok || i >= len(rf.Items) || rf.Items[i].GUID == nil {
		return false
	}
	return !strings.EqualFold(strings.TrimSpace(rf.Items[i].GUID.IsPermalink), "false")
}

func looksLikeHTML(mtype string, body []byte) bool {
	if mtype == "text/html" || mtype == "application/xhtml+xml" {
		// Some servers label feeds text/html; only the content can tell.
		return !looksLikeFeed(body)
	}
	head := bytes.ToLower(body[:min(len(body), 1024)])
	return (bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))) && !looksLikeFeed(body)
}

var feedRootRE = regexp.MustCompile(`(?i)<(rss|feed|rdf:rdf)[\s>]`)

func looksLikeFeed(body []byte) bool {
	return feedRootRE.Match(body[:min(len(body), 4096)])
}

// FeedLinks returns the feeds an HTML page advertises with
// <link rel="alternate" type="application/rss+xml|atom+xml|feed+json">,
// resolved against pageURL.
func FeedLinks(page []byte, pageURL string) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		a := atom.Lookup(name)
		if a == atom.Body {
			return out
		}
		if a != atom.Link || !hasAttr {
			continue
		}
		var rel, typ, href string
		for {
			k, v, more := z.TagAttr()
			switch string(k) {
			case "rel":
				rel = strings.ToLower(string(v))
			case "type":
				typ = strings.ToLower(strings.TrimSpace(string(v)))
			case "href":
				href = string(v)
			}
			if !more {
				break
			}
		}
		if !strings.Contains(" "+rel+" ", " alternate ") || href == "" {
			continue
		}
		switch typ {
		case "application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml":
			if abs := absolute(href, pageURL); abs != "" {
				out = append(out, abs)
			}
		}
	}
}

// toUTF8XML returns an XML document as UTF-8 with its encoding declaration
// saying so. A charset from the HTTP header wins (RFC 7303), except a
// header claiming UTF-8 for bytes that are not UTF-8 while the document
// declares its own encoding: that server is misconfigured, the document is
// right. Invalid UTF-8 and control characters that XML forbids are dropped
// rather than failing the whole feed.
func toUTF8XML(body []byte, headerCharset string) ([]byte, error) {
	declared := declaredEncoding(body)
	enc := declared
	if headerCharset != "" && !(isUTF8Label(headerCharset) && !utf8.Valid(body) && declared != "") {
		enc = headerCharset
	}
	if e, _ := charset.Lookup(enc); e == nil && enc != declared {
		enc = declared // an unknown header charset: the document may know better
	}
	if e, _ := charset.Lookup(enc); e == nil {
		enc = "" // unknown everywhere: read as UTF-8, dropping what is not
	}
	if enc != "" && !isUTF8Label(enc) {
		r, err := charset.NewReaderLabel(enc, bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("unsupported charset %q", enc)
		}
		conv, err := io.ReadAll(r)
		if err != nil {
			return nil, fmt.Errorf("converting from %s: %w", enc, err)
		}
		body = conv
	}
	if declared != "" {
		body = setDeclaredUTF8(body)
	}
	return cleanXMLText(body), nil
}

var xmlDeclRE = regexp.MustCompile(`^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

func declaredEncoding(body []byte) string {
	m := xmlDeclRE.FindSubmatch(body[:min(len(body), 256)])
	if m == nil {
		return ""
	}
	return strings.ToLower(string(m[1]))
}

func setDeclaredUTF8(body []byte) []byte {
	loc := xmlDeclRE.FindSubmatchIndex(body[:min(len(body), 256)])
	if loc == nil {
		return body
	}
	out := make([]byte, 0, len(body))
	out = append(out, body[:loc[2]]...)
	out = append(out, "utf-8"...)
	return append(out, body[loc[3]:]...)
}

// decodeUTF16or32 recognises UTF-16 and UTF-32 documents by their byte
// order mark or by how "<" is encoded (XML 1.0 Appendix F) and returns
// them as UTF-8.
func decodeUTF16or32(b []byte) ([]byte, bool) {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(b, []byte{0, 0, 0xfe, 0xff}), bytes.HasPrefix(b, []byte{0, 0, 0, '<'}):
		enc = utf32.UTF32(utf32.BigEndian, utf32.UseBOM)
	case bytes.HasPrefix(b, []byte{0xff, 0xfe, 0, 0}), bytes.HasPrefix(b, []byte{'<', 0, 0, 0}):
		enc = utf32.UTF32(utf32.LittleEndian, utf32.UseBOM)
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}), bytes.HasPrefix(b, []byte{0, '<', 0}):
		enc = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}), bytes.HasPrefix(b, []byte{'<', 0, '?', 0}), bytes.HasPrefix(b, []byte{'<', 0, 'r', 0}), bytes.HasPrefix(b, []byte{'<', 0, 'f', 0}):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	default:
		return nil, false
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, false
	}
	return out, true
}

func isUTF8Label(l string) bool {
	l = strings.ToLower(strings.TrimSpace(l))
	return l == "utf-8" || l == "utf8" || l == "us-ascii" || l == "ascii"
}

// cleanXMLText drops invalid UTF-8 and the C0 controls XML 1.0 forbids,
// copying only when something must go.
func cleanXMLText(b []byte) []byte {
	bad := !utf8.Valid(b)
	if !bad {
		for _, c := range b {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				bad = true
				break
			}
		}
	}
	if !bad {
		return b
	}
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if (r == utf8.RuneError && size == 1) || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') {
			b = b[size:]
			continue
		}
		out = append(out, b[:size]...)
		b = b[size:]
	}
	return out
}
