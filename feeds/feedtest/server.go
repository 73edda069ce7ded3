// Package feedtest provides a fault-injection HTTP feed server for
// feed-fetcher tests.
//
// Real publishers send broken encodings, hostile bodies, odd redirects and
// rate limits; a fetcher is only trustworthy if each of those paths is
// exercised. Server serves good feeds and one fixed path per fault so tests
// can be table-driven over Routes without hand-writing handlers.
package feedtest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Item counts of the feeds that should parse, so tests can assert on what a
// fetcher/parser extracted without duplicating the fixtures.
const (
	// GoodRSSItems is the number of items in /good/rss (and every route that
	// serves the same document: /moved, /redirect-chain/N, /gzip/rss,
	// /deflate/rss, /max-age, /ttl).
	GoodRSSItems = 3
	// GoodAtomEntries is the number of entries in /good/atom and /moved-308.
	GoodAtomEntries = 2
	// GoodJSONItems is the number of items in /good/json.
	GoodJSONItems = 2
	// InvalidUTF8Items is the number of items in /invalid-utf8.
	InvalidUTF8Items = 2
	// CP1251Items is the number of items in /cp1251.
	CP1251Items = 2
	// KOI8RItems is the number of items in /koi8r.
	KOI8RItems = 1
)

// Cache validators and freshness values, exported so conditional-GET and
// scheduling tests compare against the same values the server sends.
const (
	// GoodRSSETag is the strong ETag of /good/rss.
	GoodRSSETag = `"v1"`
	// GoodRSSLastModified is the Last-Modified of /good/rss, an HTTP-date.
	GoodRSSLastModified = "Mon, 02 Mar 2026 09:00:00 GMT"
	// MaxAgeSeconds is the Cache-Control max-age sent by /max-age.
	MaxAgeSeconds = 7200
	// TTLMinutes is the RSS <ttl> of /ttl (minutes, per RSS 2.0).
	TTLMinutes = 180
	// RetryAfter503Seconds is the Retry-After of /503-retry.
	RetryAfter503Seconds = 120
	// RetryAfter429Seconds is the Retry-After of /429-retry-after.
	RetryAfter429Seconds = 3600
	// RetryAfterDateAhead is how far in the future the HTTP-date Retry-After
	// of /429-date lies, measured from the moment of the request.
	RetryAfterDateAhead = 2 * time.Hour
)

// Sizes of the hostile bodies; fetchers are expected to cap bodies well below
// these (briefbot defaults to 10 MiB).
const (
	// GzipBombSize is the decompressed size of /gzip-bomb, about 1 GiB.
	GzipBombSize = 1 << 30
	// TooBigSize is the exact (uncompressed) body size of /too-big: 12 MiB.
	TooBigSize = 12 << 20
	// MaxRedirectChain is the largest N served by /redirect-chain/N.
	MaxRedirectChain = 10
)

// CP1251Titles are the item titles of /cp1251 as UTF-8, i.e. what a fetcher
// must produce after honouring the windows-1251 XML declaration.
var CP1251Titles = []string{
	"Обстрел в Белгородской области",
	"В Белгороде открыли «Зимний сад» — ёлки и гирлянды",
}

// KOI8RTitles are the item titles of /koi8r as UTF-8.
var KOI8RTitles = []string{
	"Курский вокзал: новое расписание электричек",
}

// Route is one fixed path of Server and what a fetcher should make of it.
type Route struct {
	// Path is the request path, to be passed to Server.URL.
	Path string
	// Want is the fetcher's expected verdict: "ok" (a feed with items),
	// "error" (transport, status, size or parse failure), "not_modified"
	// (HTTP 304) or "html" (a web page rather than a feed).
	Want string
}

// Routes lists every fault and feed path (one per behaviour; /redirect-chain/N
// is sampled at 1, 3 and 10), with the verdict a well-behaved fetcher should
// reach using a plain request (no validators, a body cap of about 10 MiB, at
// most 5 redirects, a timeout of a few seconds). It returns a fresh slice so
// callers may reorder or filter it.
func Routes() []Route {
	return []Route{
		{"/good/rss", "ok"},               // RSS 2.0, 3 items, ETag + Last-Modified
		{"/good/atom", "ok"},              // Atom 1.0, 2 entries
		{"/good/json", "ok"},              // JSON Feed 1.1, 2 items
		{"/not-modified", "not_modified"}, // 304 even without validators
		{"/slow", "error"},                // headers, then 1 byte/s for 60 s
		{"/500", "error"},                 // plain server error
		{"/503-retry", "error"},           // 503, Retry-After: 120
		{"/429-retry-after", "error"},     // 429, Retry-After: 3600
		{"/429-date", "error"},            // 429, Retry-After as HTTP-date +2h
		{"/429-bare", "error"},            // 429 without Retry-After
		{"/redirect-loop", "error"},       // 302 to itself forever
		{"/redirect-chain/1", "ok"},       // 1 hop then good RSS
		{"/redirect-chain/3", "ok"},       // 3 hops then good RSS
		{"/redirect-chain/10", "error"},   // 10 hops: beyond any sane limit (Go's default stops at 10)
		{"/moved", "ok"},                  // 301 to /good/rss
		{"/moved-308", "ok"},              // 308 to /good/atom
		{"/gzip-bomb", "error"},           // ~1 MiB gzip → 1 GiB
		{"/too-big", "error"},             // 12 MiB plain RSS, chunked
		{"/gzip/rss", "ok"},               // good RSS, Content-Encoding: gzip
		{"/deflate/rss", "ok"},            // good RSS, Content-Encoding: deflate (zlib)
		{"/invalid-utf8", "ok"},           // declared UTF-8, contains bad bytes
		{"/cp1251", "ok"},                 // windows-1251 body, charset only in XML decl
		{"/koi8r", "ok"},                  // KOI8-R body, charset only in XML decl
		{"/html-with-feed", "html"},       // web page with <link rel="alternate">
		{"/html-plain", "html"},           // web page without feed link
		{"/not-a-feed", "error"},          // text/plain garbage
		{"/empty", "error"},               // 200 with empty body
		{"/truncated", "error"},           // RSS cut off mid-element
		{"/max-age", "ok"},                // good RSS + Cache-Control: max-age=7200
		{"/ttl", "ok"},                    // RSS with <ttl>180</ttl>
	}
}

// Server is an httptest server on 127.0.0.1 serving good feeds and faulty
// ones. It records per-path hit counts and the last request so tests can
// assert on what a fetcher actually sent (validators, User-Agent, retries).
type Server struct {
	*httptest.Server

	mu   sync.Mutex
	hits map[string]int
	last map[string]*http.Request

	// done is closed by Close so trickling handlers stop even when the client
	// never hangs up; otherwise httptest.Server.Close would wait up to 60 s.
	done      chan struct{}
	closeOnce sync.Once
	// slowActive counts running /slow handlers, letting tests prove that the
	// handler notices a client going away.
	slowActive atomic.Int32
}

// NewServer starts a Server; the caller must defer s.Close().
func NewServer() *Server {
	s := &Server{
		hits: make(map[string]int),
		last: make(map[string]*http.Request),
		done: make(chan struct{}),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/good/rss", serveGoodRSS(""))
	mux.HandleFunc("/good/atom", serveBody(atomType, goodAtom))
	mux.HandleFunc("/good/json", serveBody(jsonFeedType, goodJSON))
	mux.HandleFunc("/not-modified", serveNotModified)
	mux.HandleFunc("/slow", s.serveSlow)
	mux.HandleFunc("/500", serveStatus(http.StatusInternalServerError, ""))
	mux.HandleFunc("/503-retry", serveStatus(http.StatusServiceUnavailable, strconv.Itoa(RetryAfter503Seconds)))
	mux.HandleFunc("/429-retry-after", serveStatus(http.StatusTooManyRequests, strconv.Itoa(RetryAfter429Seconds)))
	mux.HandleFunc("/429-date", serve429Date)
	mux.HandleFunc("/429-bare", serveStatus(http.StatusTooManyRequests, ""))
	mux.HandleFunc("/redirect-loop", redirectTo("/redirect-loop", http.StatusFound))
	mux.HandleFunc("/redirect-chain/{n}", s.serveRedirectChain)
	mux.HandleFunc("/moved", redirectTo("/good/rss", http.StatusMovedPermanently))
	mux.HandleFunc("/moved-308", redirectTo("/good/atom", http.StatusPermanentRedirect))
	mux.HandleFunc("/gzip-bomb", serveGzipBomb)
	mux.HandleFunc("/too-big", serveTooBig)
	mux.HandleFunc("/gzip/rss", serveGzipRSS)
	mux.HandleFunc("/deflate/rss", serveDeflateRSS)
	mux.HandleFunc("/invalid-utf8", serveBody(rssType, invalidUTF8RSS))
	mux.HandleFunc("/cp1251", serveEncoded(cp1251RSS, encodeCP1251))
	mux.HandleFunc("/koi8r", serveEncoded(koi8rRSS, encodeKOI8R))
	mux.HandleFunc("/html-with-feed", serveBody(htmlType, htmlWithFeed))
	mux.HandleFunc("/html-plain", serveBody(htmlType, htmlPlain))
	mux.HandleFunc("/not-a-feed", serveBody("text/plain; charset=utf-8", notAFeed))
	mux.HandleFunc("/empty", serveBody(rssType, ""))
	mux.HandleFunc("/truncated", serveBody(rssType, truncatedRSS()))
	mux.HandleFunc("/max-age", serveGoodRSS(""))
	mux.HandleFunc("/ttl", serveGoodRSS(fmt.Sprintf("\n<ttl>%d</ttl>", TTLMinutes)))
	s.Server = httptest.NewServer(s.record(mux))
	return s
}

// Close stops trickling handlers, drops client connections (a test may have
// abandoned a response mid-body) and shuts the server down. It is safe to
// call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.done) })
	s.Server.CloseClientConnections()
	s.Server.Close()
}

// URL returns the absolute URL of path on this server.
func (s *Server) URL(path string) string {
	return s.Server.URL + path
}

// Hits reports how many requests path received, counting every hop of a
// redirect separately. Any query string in path is ignored because hits are
// keyed by URL path.
func (s *Server) Hits(path string) int {
	path, _, _ = strings.Cut(path, "?")
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// LastRequest returns a copy of the last request received on path (method,
// URL, headers; the body is not kept), or nil if there was none. The copy is
// fresh on every call so callers may modify it.
func (s *Server) LastRequest(path string) *http.Request {
	path, _, _ = strings.Cut(path, "?")
	s.mu.Lock()
	r := s.last[path]
	s.mu.Unlock()
	if r == nil {
		return nil
	}
	return r.Clone(context.Background())
}

// record counts the request before dispatching it, so the count is visible as
// soon as the client has the response.
func (s *Server) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The server cancels r's context after the handler returns; detach
		// the copy so it stays usable and does not retain the body.
		c := r.Clone(context.Background())
		c.Body = http.NoBody
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.last[r.URL.Path] = c
		s.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

const (
	rssType      = "application/rss+xml; charset=utf-8"
	atomType     = "application/atom+xml; charset=utf-8"
	jsonFeedType = "application/feed+json; charset=utf-8"
	htmlType     = "text/html; charset=utf-8"
)

// serveBody answers 200 with a fixed body.
func serveBody(contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, body)
	}
}

// serveGoodRSS serves the good RSS document (with extra channel elements
// inserted) and implements conditional GET on it, so fetchers can be tested
// for sending and honouring validators. /max-age additionally gets its
// Cache-Control header from the request path.
func serveGoodRSS(channelExtra string) http.HandlerFunc {
	body := goodRSS(channelExtra)
	return func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("ETag", GoodRSSETag)
		h.Set("Last-Modified", GoodRSSLastModified)
		if r.URL.Path == "/max-age" {
			h.Set("Cache-Control", "max-age="+strconv.Itoa(MaxAgeSeconds))
		}
		if notModified(r) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		h.Set("Content-Type", rssType)
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, body)
	}
}

// notModified applies RFC 9110 §13.2.2 precedence: If-None-Match decides
// alone when present; If-Modified-Since is consulted only otherwise.
func notModified(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	if inm := r.Header.Values("If-None-Match"); len(inm) > 0 {
		for _, list := range inm {
			for _, tag := range strings.Split(list, ",") {
				tag = strings.TrimSpace(tag)
				// If-None-Match uses weak comparison, so W/"v1" matches "v1".
				if tag == "*" || strings.TrimPrefix(tag, "W/") == GoodRSSETag {
					return true
				}
			}
		}
		return false
	}
	ims, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	if err != nil {
		return false
	}
	lastMod, err := http.ParseTime(GoodRSSLastModified)
	// Not modified when If-Modified-Since is not before Last-Modified.
	return err == nil && !ims.Before(lastMod)
}

// serveNotModified answers 304 unconditionally so the "not_modified" verdict
// has a route a table test can reach without sending validators.
func serveNotModified(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("ETag", GoodRSSETag)
	w.Header().Set("Last-Modified", GoodRSSLastModified)
	w.WriteHeader(http.StatusNotModified)
}

// serveSlow sends headers and the start of a feed at once, then trickles one
// byte per second for up to 60 s, so only a whole-request timeout (not a
// header timeout) catches it. It stops when the client goes away or the
// server closes, so a test never waits for the full minute.
func (s *Server) serveSlow(w http.ResponseWriter, r *http.Request) {
	s.slowActive.Add(1)
	defer s.slowActive.Add(-1)
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", rssType)
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>")
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for range 60 {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-tick.C:
		}
		if _, err := io.WriteString(w, " "); err != nil {
			return
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// serveStatus answers an error status with a short body and, when retryAfter
// is not empty, a Retry-After header.
func serveStatus(code int, retryAfter string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		http.Error(w, http.StatusText(code), code)
	}
}

// serve429Date sends Retry-After as an HTTP-date, which fetchers must parse
// in addition to delta-seconds (RFC 9110 §10.2.3). It is computed per request
// because a fixed date would be in the past by the time a test runs.
func serve429Date(w http.ResponseWriter, r *http.Request) {
	at := time.Now().Add(RetryAfterDateAhead).UTC().Format(http.TimeFormat)
	serveStatus(http.StatusTooManyRequests, at)(w, r)
}

// redirectTo answers with a fixed redirect.
func redirectTo(target string, code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target, code)
	}
}

// serveRedirectChain makes /redirect-chain/N (N=1..10) take exactly N 302
// hops: N → N-1 → … → 1 → 0, where /redirect-chain/0 serves the good RSS.
// Landing on a chain path instead of /good/rss keeps Hits("/good/rss")
// meaningful for tests that use both.
func (s *Server) serveRedirectChain(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	switch {
	case err != nil || n < 0 || n > MaxRedirectChain || strconv.Itoa(n) != r.PathValue("n"):
		http.NotFound(w, r)
	case n == 0:
		serveGoodRSS("")(w, r)
	default:
		http.Redirect(w, r, "/redirect-chain/"+strconv.Itoa(n-1), http.StatusFound)
	}
}

// serveGzipBomb sends a small gzip body that inflates to GzipBombSize bytes.
// Go's transport decompresses transparently, so a fetcher that reads without
// a cap on the decompressed size will try to hold a gigabyte.
func serveGzipBomb(w http.ResponseWriter, r *http.Request) {
	b := gzipBomb()
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Header().Set("Content-Encoding", "gzip")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	w.Write(b)
}

var (
	// gzipBombOnce guards gzipBombBytes: building the bomb costs a fraction
	// of a second and tests that never ask for it should not pay.
	gzipBombOnce  sync.Once
	gzipBombBytes []byte
)

// gzipBomb returns the cached compressed bomb, building it on first use.
func gzipBomb() []byte {
	gzipBombOnce.Do(func() { gzipBombBytes = buildGzipBomb() })
	return gzipBombBytes
}

const (
	bombPrefix = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>bomb</title>"
	bombSuffix = "</channel></rss>\n"
)

// buildGzipBomb produces a single gzip member whose payload is bombPrefix,
// padding spaces and bombSuffix, GzipBombSize bytes in all — well-formed XML,
// so only a size cap stops a fetcher.
//
// Compressing a gigabyte at BestCompression takes seconds (minutes under
// -race), so only a few 1 MiB chunks are really compressed. After a sync flush
// the deflate stream is byte-aligned, and once the 32 KiB window holds nothing
// but spaces, each further chunk of spaces compresses to the same bytes; that
// segment is repeated verbatim. The trailer's CRC-32 and size are then
// rewritten to describe the whole payload; gzip readers verify both, so the
// tests prove the splice is correct.
func buildGzipBomb() []byte {
	const chunkSize = 1 << 20
	chunk := bytes.Repeat([]byte{' '}, chunkSize)
	padding := GzipBombSize - len(bombPrefix) - len(bombSuffix)

	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		panic(err) // only on an invalid level constant
	}
	crc := crc32.NewIEEE()
	write := func(p []byte) {
		// Writes to a bytes.Buffer and a hash cannot fail.
		zw.Write(p)
		crc.Write(p)
	}
	write([]byte(bombPrefix))
	var prev, segment []byte
	for padding >= chunkSize {
		padding -= chunkSize
		if segment != nil {
			// Steady state reached: splice the compressed chunk directly.
			out.Write(segment)
			crc.Write(chunk)
			continue
		}
		start := out.Len()
		write(chunk)
		zw.Flush()
		cur := bytes.Clone(out.Bytes()[start:])
		if bytes.Equal(cur, prev) {
			segment = cur
		}
		prev = cur
	}
	// The rest goes through the compressor, whose window (all spaces) matches
	// what a decoder holds after the spliced segments, so back-references
	// into it stay valid.
	write(chunk[:padding])
	write([]byte(bombSuffix))
	zw.Close()

	b := out.Bytes()
	trailer := b[len(b)-8:]
	putLE32(trailer[0:4], crc.Sum32())
	putLE32(trailer[4:8], uint32(GzipBombSize)) // ISIZE is the size mod 2^32
	return b
}

// putLE32 stores v little-endian, the byte order of the gzip trailer.
func putLE32(b []byte, v uint32) {
	b[0], b[1], b[2], b[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
}

// serveTooBig streams a valid-looking RSS document of exactly TooBigSize
// bytes without Content-Length, so a fetcher must enforce its cap while
// reading rather than trusting a header.
func serveTooBig(w http.ResponseWriter, r *http.Request) {
	const head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n" +
		"<title>Too big</title>\n<link>https://example.com/</link>\n<description>A feed far over any sane size cap.</description>\n"
	const foot = "</channel>\n</rss>\n"
	w.Header().Set("Content-Type", rssType)
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 64<<10)
	n := 0
	put := func(s string) bool {
		m, err := bw.WriteString(s)
		n += m
		return err == nil
	}
	if !put(head) {
		return
	}
	for i := 0; ; i++ {
		item := fmt.Sprintf("<item><guid isPermaLink=\"false\">too-big-%d</guid><title>Filler item %d</title>"+
			"<link>https://example.com/big/%d</link><description>%s</description>"+
			"<pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate></item>\n", i, i, i, strings.Repeat("lorem ipsum ", 20))
		if n+len(item)+len(foot) > TooBigSize {
			break
		}
		if !put(item) {
			return
		}
	}
	// Whitespace between elements pads to the exact size without breaking XML.
	for pad := TooBigSize - n - len(foot); pad > 0; {
		k := min(pad, 1024)
		if !put(strings.Repeat(" ", k)) {
			return
		}
		pad -= k
	}
	if put(foot) {
		bw.Flush()
	}
}

// serveGzipRSS sends the good RSS gzip-encoded whether or not the client
// asked for it, as misconfigured servers do.
func serveGzipRSS(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, goodRSS(""))
	zw.Close()
	serveCompressed(w, "gzip", b.Bytes())
}

// serveDeflateRSS sends the good RSS with Content-Encoding: deflate, which
// RFC 9110 §8.4.1.2 defines as zlib-wrapped deflate. Go's transport never
// decodes it, so fetchers must.
func serveDeflateRSS(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	zw := zlib.NewWriter(&b)
	io.WriteString(zw, goodRSS(""))
	zw.Close()
	serveCompressed(w, "deflate", b.Bytes())
}

// serveCompressed answers 200 with an already-encoded RSS body.
func serveCompressed(w http.ResponseWriter, encoding string, body []byte) {
	w.Header().Set("Content-Type", rssType)
	w.Header().Set("Content-Encoding", encoding)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// serveEncoded sends a UTF-8 template re-encoded into a legacy charset with
// Content-Type application/xml and no charset parameter, so the XML
// declaration is the only hint a fetcher gets.
func serveEncoded(doc string, encode func(rune) (byte, bool)) http.HandlerFunc {
	body := mustEncode(doc, encode)
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		w.Write(body)
	}
}

// mustEncode converts s with encode; it panics on an unmappable rune because
// the documents are constants and a gap in the table is a bug in this file.
func mustEncode(s string, encode func(rune) (byte, bool)) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		b, ok := encode(r)
		if !ok {
			panic(fmt.Sprintf("feedtest: rune %q has no mapping", r))
		}
		out = append(out, b)
	}
	return out
}

// encodeCP1251 maps a rune to windows-1251. It covers ASCII, the Russian
// and Ukrainian alphabets and common typographic punctuation — enough for the
// fixtures, without depending on golang.org/x/text.
func encodeCP1251(r rune) (byte, bool) {
	switch {
	case r < 0x80:
		return byte(r), true
	case r >= 'А' && r <= 'я': // U+0410..U+044F are contiguous at 0xC0..0xFF
		return byte(r - 'А' + 0xC0), true
	}
	switch r {
	case 'Ё':
		return 0xA8, true
	case 'ё':
		return 0xB8, true
	case 'Є':
		return 0xAA, true
	case 'є':
		return 0xBA, true
	case 'І':
		return 0xB2, true
	case 'і':
		return 0xB3, true
	case 'Ї':
		return 0xAF, true
	case 'ї':
		return 0xBF, true
	case 'Ґ':
		return 0xA5, true
	case 'ґ':
		return 0xB4, true
	case '«':
		return 0xAB, true
	case '»':
		return 0xBB, true
	case '—':
		return 0x97, true
	case '–':
		return 0x96, true
	case '…':
		return 0x85, true
	case '„':
		return 0x84, true
	case '“':
		return 0x93, true
	case '”':
		return 0x94, true
	case '‘':
		return 0x91, true
	case '’':
		return 0x92, true
	case '№':
		return 0xB9, true
	case '\u00A0': // no-break space
		return 0xA0, true
	}
	return 0, false
}

// koi8rLower and koi8rUpper list the Cyrillic letters in KOI8-R order from
// 0xC0 and 0xE0; KOI8-R is ordered by Latin transliteration, not alphabet,
// so a table is simpler than arithmetic.
const (
	koi8rLower = "юабцдефгхийклмнопярстужвьызшэщчъ"
	koi8rUpper = "ЮАБЦДЕФГХИЙКЛМНОПЯРСТУЖВЬЫЗШЭЩЧЪ"
)

// encodeKOI8R maps a rune to KOI8-R (ASCII, Russian letters, Ёё).
func encodeKOI8R(r rune) (byte, bool) {
	switch {
	case r < 0x80:
		return byte(r), true
	case r == 'ё':
		return 0xA3, true
	case r == 'Ё':
		return 0xB3, true
	}
	// Every letter in the tables is two bytes of UTF-8, so byte offset / 2
	// is the position.
	if i := strings.IndexRune(koi8rLower, r); i >= 0 {
		return byte(0xC0 + i/2), true
	}
	if i := strings.IndexRune(koi8rUpper, r); i >= 0 {
		return byte(0xE0 + i/2), true
	}
	return 0, false
}

// goodRSS renders the good RSS 2.0 document with extra channel elements.
func goodRSS(channelExtra string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>Briefbot Test News</title>
<link>https://example.com/</link>
<description>Fixture feed for briefbot fetcher tests.</description>
<language>en</language>` + channelExtra + `
<item>
<guid isPermaLink="false">good-rss-1</guid>
<link>https://example.com/news/1</link>
<title>First headline</title>
<description>First story &amp; its &lt;summary&gt;.</description>
<pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate>
</item>
<item>
<guid isPermaLink="false">good-rss-2</guid>
<link>https://example.com/news/2</link>
<title>Second headline</title>
<description><![CDATA[<p>Second story with <b>HTML</b>.</p>]]></description>
<pubDate>Mon, 02 Mar 2026 07:00:00 GMT</pubDate>
</item>
<item>
<guid isPermaLink="false">good-rss-3</guid>
<link>https://example.com/news/3</link>
<title>Third headline</title>
<description>Third story.</description>
<pubDate>Sun, 01 Mar 2026 23:30:00 +0000</pubDate>
</item>
</channel>
</rss>
`
}

// truncatedRSS is the good RSS cut off inside the last <description> tag.
func truncatedRSS() string {
	s := goodRSS("")
	return s[:strings.LastIndex(s, "<description>")+len("<descri")]
}

const goodAtom = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>urn:uuid:3f1c1e9a-5d2b-4a7e-9c55-0b9a3e1d2f10</id>
<title>Briefbot Test Atom</title>
<updated>2026-03-02T09:00:00Z</updated>
<author><name>Briefbot Tests</name></author>
<link rel="alternate" href="https://example.com/"/>
<entry>
<id>urn:uuid:3f1c1e9a-5d2b-4a7e-9c55-0b9a3e1d2f11</id>
<title>Atom entry one</title>
<link rel="alternate" href="https://example.com/atom/1"/>
<updated>2026-03-02T08:00:00Z</updated>
<summary>First Atom entry.</summary>
</entry>
<entry>
<id>urn:uuid:3f1c1e9a-5d2b-4a7e-9c55-0b9a3e1d2f12</id>
<title type="html">Atom entry &lt;b&gt;two&lt;/b&gt;</title>
<link rel="alternate" href="https://example.com/atom/2"/>
<updated>2026-03-01T08:00:00Z</updated>
<content type="html">&lt;p&gt;Second Atom entry.&lt;/p&gt;</content>
</entry>
</feed>
`

const goodJSON = `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Briefbot Test JSON",
  "home_page_url": "https://example.com/",
  "items": [
    {
      "id": "json-1",
      "url": "https://example.com/json/1",
      "title": "JSON item one",
      "content_text": "First JSON Feed item.",
      "date_published": "2026-03-02T08:00:00Z"
    },
    {
      "id": "json-2",
      "url": "https://example.com/json/2",
      "title": "JSON item two",
      "content_html": "<p>Second JSON Feed item.</p>",
      "date_published": "2026-03-01T08:00:00Z"
    }
  ]
}
`

// invalidUTF8RSS declares UTF-8 but carries a stray BOM-like 0xff 0xfe and
// sequences truncated mid-rune (€ = e2 82 ac, а = d0 b0), as produced by
// CMSes that cut strings by bytes.
const invalidUTF8RSS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
	"<rss version=\"2.0\">\n<channel>\n<title>Broken bytes</title>\n<link>https://example.com/</link>\n" +
	"<description>Feed with invalid UTF-8.</description>\n" +
	"<item>\n<guid isPermaLink=\"false\">bad-utf8-1</guid>\n<link>https://example.com/bad/1</link>\n" +
	"<title>Price \xff\xfe 10 \xe2\x82 today</title>\n" +
	"<description>Cut mid-rune: \xd0</description>\n" +
	"<pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate>\n</item>\n" +
	"<item>\n<guid isPermaLink=\"false\">bad-utf8-2</guid>\n<link>https://example.com/bad/2</link>\n" +
	"<title>Caf\xe9 au lait</title>\n" +
	"<description>Latin-1 byte in UTF-8 text: na\xefve \xc3</description>\n" +
	"<pubDate>Mon, 02 Mar 2026 07:00:00 GMT</pubDate>\n</item>\n" +
	"</channel>\n</rss>\n"

// cp1251RSS is written in UTF-8 here and re-encoded when served; the second
// description exercises the Ukrainian letters and punctuation of the table.
const cp1251RSS = `<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0">
<channel>
<title>Новости Белгорода</title>
<link>https://example.com/belgorod/</link>
<description>Лента в кодировке windows-1251</description>
<item>
<guid isPermaLink="false">cp1251-1</guid>
<link>https://example.com/belgorod/1</link>
<title>Обстрел в Белгородской области</title>
<description>Подробности уточняются… Пострадавших нет.</description>
<pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate>
</item>
<item>
<guid isPermaLink="false">cp1251-2</guid>
<link>https://example.com/belgorod/2</link>
<title>В Белгороде открыли «Зимний сад» — ёлки и гирлянды</title>
<description>Гості з України: Ґанок, їжак, Євген, Іра – „№ 5“ ‘ok’ Ё.</description>
<pubDate>Mon, 02 Mar 2026 07:00:00 GMT</pubDate>
</item>
</channel>
</rss>
`

// koi8rRSS is written in UTF-8 here and re-encoded to KOI8-R when served.
const koi8rRSS = `<?xml version="1.0" encoding="KOI8-R"?>
<rss version="2.0">
<channel>
<title>Московские новости</title>
<link>https://example.com/moscow/</link>
<description>Лента в кодировке КОИ-8</description>
<item>
<guid isPermaLink="false">koi8r-1</guid>
<link>https://example.com/moscow/1</link>
<title>Курский вокзал: новое расписание электричек</title>
<description>Съешь же ещё этих мягких французских булок, да выпей чаю. ЁЖ</description>
<pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate>
</item>
</channel>
</rss>
`

const htmlWithFeed = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Briefbot Test Site</title>
<link rel="alternate" type="application/rss+xml" title="News" href="/good/rss">
</head>
<body><h1>News</h1><p>Subscribe to our feed.</p></body>
</html>
`

const htmlPlain = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Just a page</title>
</head>
<body><h1>Hello</h1><p>No feeds here.</p></body>
</html>
`

const notAFeed = "HTTP/1.1 418 this is not a feed\n\x00\x01 lorem ipsum {\"a\": [1, 2\n<<<>>> garbage\n"
