package feeds

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// CanonicalURL turns an item link as published into the form briefbot
// compares and stores: resolved against base (the feed's site link), scheme
// forced to https, host lowercased, tracking parameters (utm_*, fbclid,
// gclid) and the fragment dropped, every other parameter kept in its order.
// It returns "" for links that cannot be made absolute http(s) URLs.
func CanonicalURL(link, base string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if !u.IsAbs() || u.Host == "" {
		b, err := url.Parse(strings.TrimSpace(base))
		if err != nil || b.Host == "" {
			return ""
		}
		u = b.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Scheme = "https"
	u.Host = strings.ToLower(u.Host)
	if u.Path == "" && u.Opaque == "" {
		u.Path = "/" // https://x.example and https://x.example/ are one page
	}
	u.Fragment, u.RawFragment = "", ""
	u.User = nil
	if u.RawQuery != "" {
		u.RawQuery = escapeSpaces(dropTrackingParams(u.RawQuery))
	}
	u.ForceQuery = false
	return u.String()
}

// dropTrackingParams filters the raw query text piece by piece instead of
// going through url.Values, which would reorder and re-encode the rest.
func dropTrackingParams(raw string) string {
	parts := strings.Split(raw, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		name, _, _ := strings.Cut(p, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		lname := strings.ToLower(name)
		if strings.HasPrefix(lname, "utm_") || lname == "fbclid" || lname == "gclid" {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
}

// escapeSpaces percent-encodes white space left raw in a query, which a
// reader would otherwise trim from the end of the link and so make a second
// canonical form of it ("?a " and "?a").
func escapeSpaces(raw string) string {
	if strings.IndexFunc(raw, unicode.IsSpace) < 0 {
		return raw
	}
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for len(raw) > 0 {
		r, n := utf8.DecodeRuneInString(raw)
		if unicode.IsSpace(r) {
			for i := 0; i < n; i++ {
				b.WriteByte('%')
				b.WriteByte(hexDigits[raw[i]>>4])
				b.WriteByte(hexDigits[raw[i]&15])
			}
		} else {
			b.WriteString(raw[:n]) // the bytes as they were, valid UTF-8 or not
		}
		raw = raw[n:]
	}
	return b.String()
}

// blockElements end a line of text, so words on either side never run together.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Br: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Table: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true, atom.Hr: true,
	atom.Figure: true, atom.Figcaption: true, atom.Pre: true, atom.Dd: true, atom.Dt: true,
}

// skipElements hold no readable text.
// Only elements whose content is never shown: skipping fallback content
// such as <object> or <svg> would swallow the rest of a feed's text when
// the tag is left unclosed.
var skipElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true,
}

// PlainText converts an HTML fragment (or plain text) to readable text:
// tags removed, entities decoded, scripts and styles dropped, runs of
// whitespace collapsed, invalid UTF-8 removed.
func PlainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return collapseSpace(strings.ToValidUTF8(s, ""))
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return collapseSpace(strings.ToValidUTF8(b.String(), ""))
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipElements[a] && z.Token().Type == html.StartTagToken {
				skip++
			}
			if blockElements[a] {
				b.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipElements[a] && skip > 0 {
				skip--
			}
			if blockElements[a] {
				b.WriteByte('\n')
			}
		}
	}
}

// collapseSpace trims and squeezes whitespace; paragraph breaks become one
// space too, since items are shown as one-line excerpts.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' {
			space = true
			continue
		}
		if unicode.IsControl(r) {
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

// Truncate cuts s to at most n runes at a word boundary, adding "…".
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	if i := lastSpace(r); i > n/2 {
		r = r[:i]
	}
	return strings.TrimRightFunc(string(r), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
}

func lastSpace(r []rune) int {
	for i := len(r) - 1; i >= 0; i-- {
		if unicode.IsSpace(r[i]) {
			return i
		}
	}
	return -1
}

// DetectLanguage guesses the language of an item from its text: Ukrainian
// and Russian by their distinctive Cyrillic letters, otherwise the feed's
// declared language when it is a Latin-script one, else English. briefbot's
// topics understand en, ru and uk; other languages pass through as declared.
func DetectLanguage(text, declared string) string {
	var latin, cyr, uk, ru int
	for _, r := range text {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
			switch unicode.ToLower(r) {
			case 'і', 'ї', 'є', 'ґ':
				uk++
			case 'ы', 'э', 'ъ', 'ё':
				ru++
			}
		}
	}
	decl := strings.ToLower(strings.TrimSpace(declared))
	if i := strings.IndexAny(decl, "-_"); i > 0 {
		decl = decl[:i]
	}
	if cyr > latin {
		switch {
		case uk > ru:
			return "uk"
		case ru > uk:
			return "ru"
		case decl == "uk" || decl == "ru" || decl == "be" || decl == "bg":
			return decl
		}
		return "ru"
	}
	if latin == 0 && decl != "" {
		return decl
	}
	if decl != "" && decl != "ru" && decl != "uk" && len(decl) == 2 {
		return decl
	}
	return "en"
}

// ContentHash identifies an item by its words when it has neither guid nor link.
func ContentHash(title, text string) string {
	h := sha256.Sum256([]byte(strings.TrimSpace(title) + "\x00" + strings.TrimSpace(text)))
	return hex.EncodeToString(h[:16])
}

// absolute resolves ref against base, "" when the result is not http(s).
func absolute(ref, base string) string {
	r, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ""
	}
	if !r.IsAbs() {
		b, err := url.Parse(base)
		if err != nil {
			return ""
		}
		r = b.ResolveReference(r)
	}
	if r.Scheme != "http" && r.Scheme != "https" {
		return ""
	}
	return r.String()
}
