package feedtest

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
)

// refMaxBody and refMaxRedirects are the limits of the reference fetcher
// below; Routes' verdicts are documented against these values.
const (
	refMaxBody      = 10 << 20
	refMaxRedirects = 5
)

// verdict is what the reference fetcher made of a route.
type verdict struct {
	want   string
	items  int
	titles []string
	err    error
}

// newClient returns a client with its own transport so tests do not share
// connection pools; the returned func releases idle connections.
func newClient(timeout time.Duration, disableCompression bool) (*http.Client, func()) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DisableCompression = disableCompression
	c := &http.Client{
		Transport: tr,
		Timeout:   timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > refMaxRedirects {
				return fmt.Errorf("stopped after %d redirects", refMaxRedirects)
			}
			return nil
		},
	}
	return c, tr.CloseIdleConnections
}

// noRedirects makes c return redirect responses instead of following them.
func noRedirects(c *http.Client) *http.Client {
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// reference is a minimal fetcher with the defences Routes assumes (body cap
// after decompression, deflate support, charset from the XML declaration,
// UTF-8 repair). Agreeing with it shows every Want is reachable as designed.
func reference(c *http.Client, url string) verdict {
	resp, err := c.Get(url)
	if err != nil {
		return verdict{want: "error", err: err}
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return verdict{want: "not_modified"}
	case resp.StatusCode != http.StatusOK:
		return verdict{want: "error", err: fmt.Errorf("status %d", resp.StatusCode)}
	}
	var r io.Reader = resp.Body
	if strings.EqualFold(resp.Header.Get("Content-Encoding"), "deflate") {
		zr, err := zlib.NewReader(r)
		if err != nil {
			return verdict{want: "error", err: err}
		}
		r = zr
	}
	body, err := io.ReadAll(io.LimitReader(r, refMaxBody+1))
	if err != nil {
		return verdict{want: "error", err: err}
	}
	if len(body) > refMaxBody {
		return verdict{want: "error", err: errors.New("body too large")}
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	switch {
	case mt == "text/html":
		return verdict{want: "html"}
	case len(bytes.TrimSpace(body)) == 0:
		return verdict{want: "error", err: errors.New("empty body")}
	case mt == "application/feed+json":
		return parseJSONFeed(body)
	}
	return parseXMLFeed(body)
}

func parseJSONFeed(body []byte) verdict {
	var f struct {
		Version string `json:"version"`
		Items   []struct {
			Title string `json:"title"`
		} `json:"items"`
	}
	if err := json.Unmarshal(body, &f); err != nil {
		return verdict{want: "error", err: err}
	}
	if !strings.HasPrefix(f.Version, "https://jsonfeed.org/version/1") {
		return verdict{want: "error", err: fmt.Errorf("version %q", f.Version)}
	}
	v := verdict{want: "ok", items: len(f.Items)}
	for _, it := range f.Items {
		v.titles = append(v.titles, it.Title)
	}
	return v
}

func parseXMLFeed(body []byte) verdict {
	decl := regexp.MustCompile(`^\s*<\?xml[^>]*encoding=["']([^"']+)["']`).FindSubmatch(body)
	if decl == nil || strings.EqualFold(string(decl[1]), "utf-8") {
		// encoding/xml rejects invalid UTF-8; real fetchers repair it.
		body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	d.CharsetReader = charset.NewReaderLabel
	var v verdict
	root, inItem := "", false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return verdict{want: "error", err: err}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = t.Name.Local
				if root != "rss" && root != "feed" {
					return verdict{want: "error", err: fmt.Errorf("root <%s>", root)}
				}
			}
			switch t.Name.Local {
			case "item", "entry":
				v.items++
				inItem = true
			case "title":
				if inItem {
					var s string
					if err := d.DecodeElement(&s, &t); err != nil {
						return verdict{want: "error", err: err}
					}
					v.titles = append(v.titles, s)
				}
			}
		case xml.EndElement:
			if t.Name.Local == "item" || t.Name.Local == "entry" {
				inItem = false
			}
		}
	}
	if root == "" {
		return verdict{want: "error", err: errors.New("no root element")}
	}
	v.want = "ok"
	return v
}

func TestRoutesAgreeWithReferenceFetcher(t *testing.T) {
	s := NewServer()
	// Cleanup, not defer: the parallel subtests run after this function returns.
	t.Cleanup(s.Close)
	client, release := newClient(3*time.Second, false)
	t.Cleanup(release)

	wantItems := map[string]int{
		"/good/rss": GoodRSSItems, "/good/atom": GoodAtomEntries, "/good/json": GoodJSONItems,
		"/redirect-chain/1": GoodRSSItems, "/redirect-chain/3": GoodRSSItems,
		"/moved": GoodRSSItems, "/moved-308": GoodAtomEntries,
		"/gzip/rss": GoodRSSItems, "/deflate/rss": GoodRSSItems,
		"/invalid-utf8": InvalidUTF8Items, "/cp1251": CP1251Items, "/koi8r": KOI8RItems,
		"/max-age": GoodRSSItems, "/ttl": GoodRSSItems,
	}
	wantTitles := map[string][]string{"/cp1251": CP1251Titles, "/koi8r": KOI8RTitles}

	for _, rt := range Routes() {
		t.Run(rt.Path, func(t *testing.T) {
			t.Parallel()
			got := reference(client, s.URL(rt.Path))
			if got.want != rt.Want {
				t.Fatalf("verdict %q (err %v), want %q", got.want, got.err, rt.Want)
			}
			if got.want == "error" {
				t.Logf("error as designed: %v", got.err)
			}
			if n, ok := wantItems[rt.Path]; ok && got.items != n {
				t.Errorf("items = %d, want %d", got.items, n)
			}
			if rt.Want == "ok" {
				if _, ok := wantItems[rt.Path]; !ok {
					t.Errorf("ok route missing from wantItems")
				}
			}
			if want, ok := wantTitles[rt.Path]; ok && strings.Join(got.titles, "\n") != strings.Join(want, "\n") {
				t.Errorf("titles = %q, want %q", got.titles, want)
			}
			if s.Hits(rt.Path) < 1 {
				t.Errorf("Hits = %d, want >= 1", s.Hits(rt.Path))
			}
		})
	}
}

func TestRoutesWellFormed(t *testing.T) {
	valid := map[string]bool{"ok": true, "error": true, "not_modified": true, "html": true}
	seen := map[string]bool{}
	for _, rt := range Routes() {
		if !strings.HasPrefix(rt.Path, "/") || seen[rt.Path] || !valid[rt.Want] {
			t.Errorf("bad route %+v (duplicate=%v)", rt, seen[rt.Path])
		}
		seen[rt.Path] = true
	}
	// Routes must hand out a copy so table tests can mutate it.
	Routes()[0].Path = "/mutated"
	if Routes()[0].Path == "/mutated" {
		t.Error("Routes shares its backing array")
	}
}

func TestUnknownPathIs404AndCounted(t *testing.T) {
	s := NewServer()
	defer s.Close()
	for _, p := range []string{"/nope", "/redirect-chain/11", "/redirect-chain/x", "/redirect-chain/01"} {
		resp, err := http.Get(s.URL(p))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, resp.StatusCode)
		}
		if s.Hits(p) != 1 {
			t.Errorf("%s: Hits = %d, want 1", p, s.Hits(p))
		}
	}
}

func TestConditionalGET(t *testing.T) {
	s := NewServer()
	defer s.Close()
	c, release := newClient(5*time.Second, false)
	defer release()
	lm, err := http.ParseTime(GoodRSSLastModified)
	if err != nil || lm.UTC().Format(http.TimeFormat) != GoodRSSLastModified {
		t.Fatalf("GoodRSSLastModified %q is not a canonical HTTP-date: %v", GoodRSSLastModified, err)
	}
	date := func(d time.Duration) string { return lm.Add(d).UTC().Format(http.TimeFormat) }
	tests := []struct {
		name, inm, ims string
		want           int
	}{
		{"unconditional", "", "", 200},
		{"etag match", GoodRSSETag, "", 304},
		{"weak etag match", "W/" + GoodRSSETag, "", 304},
		{"etag in list", `"v0", ` + GoodRSSETag, "", 304},
		{"star", "*", "", 304},
		{"etag mismatch", `"v0"`, "", 200},
		{"etag mismatch wins over IMS", `"v0"`, date(time.Hour), 200},
		{"IMS equal", "", date(0), 304},
		{"IMS later", "", date(time.Hour), 304},
		{"IMS earlier", "", date(-time.Second), 200},
		{"IMS garbage", "", "yesterday", 200},
	}
	for _, path := range []string{"/good/rss", "/max-age"} {
		for _, tc := range tests {
			req, _ := http.NewRequest("GET", s.URL(path), nil)
			if tc.inm != "" {
				req.Header.Set("If-None-Match", tc.inm)
			}
			if tc.ims != "" {
				req.Header.Set("If-Modified-Since", tc.ims)
			}
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("%s %s: status %d, want %d", path, tc.name, resp.StatusCode, tc.want)
			}
			if resp.Header.Get("ETag") != GoodRSSETag || resp.Header.Get("Last-Modified") != GoodRSSLastModified {
				t.Errorf("%s %s: validators %q %q", path, tc.name, resp.Header.Get("ETag"), resp.Header.Get("Last-Modified"))
			}
			if tc.want == 304 && len(body) != 0 {
				t.Errorf("%s %s: 304 with %d-byte body", path, tc.name, len(body))
			}
			if path == "/max-age" && resp.Header.Get("Cache-Control") != "max-age="+strconv.Itoa(MaxAgeSeconds) {
				t.Errorf("%s %s: Cache-Control %q", path, tc.name, resp.Header.Get("Cache-Control"))
			}
		}
	}
	if got := s.Hits("/good/rss"); got != len(tests) {
		t.Errorf("Hits(/good/rss) = %d, want %d", got, len(tests))
	}
}

func TestHitsAndLastRequest(t *testing.T) {
	s := NewServer()
	defer s.Close()
	if s.Hits("/good/atom") != 0 || s.LastRequest("/good/atom") != nil {
		t.Fatal("fresh server reports traffic")
	}
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("GET", s.URL("/good/atom?i="+strconv.Itoa(i)), nil)
			req.Header.Set("X-Seq", strconv.Itoa(i))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}()
	}
	wg.Wait()
	if got := s.Hits("/good/atom"); got != n {
		t.Errorf("Hits = %d, want %d", got, n)
	}
	if got := s.Hits("/good/atom?i=3"); got != n {
		t.Errorf("Hits with query = %d, want %d (query ignored)", got, n)
	}

	req, _ := http.NewRequest("GET", s.URL("/good/atom"), nil)
	req.Header.Set("User-Agent", "briefbot-test/1.0")
	req.Header.Set("X-Seq", "last")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	last := s.LastRequest("/good/atom")
	if last == nil || last.Header.Get("X-Seq") != "last" || last.Header.Get("User-Agent") != "briefbot-test/1.0" || last.URL.Path != "/good/atom" {
		t.Fatalf("LastRequest = %+v", last)
	}
	if last.Context().Err() != nil {
		t.Error("LastRequest context is cancelled")
	}
	last.Header.Set("X-Seq", "mutated")
	if s.LastRequest("/good/atom").Header.Get("X-Seq") != "last" {
		t.Error("LastRequest returned shared headers")
	}
}

func TestErrorStatusesAndRetryAfter(t *testing.T) {
	s := NewServer()
	defer s.Close()
	tests := []struct {
		path       string
		status     int
		retryAfter string // "" = absent, "date" = HTTP-date about 2h ahead
	}{
		{"/500", 500, ""},
		{"/503-retry", 503, "120"},
		{"/429-retry-after", 429, "3600"},
		{"/429-date", 429, "date"},
		{"/429-bare", 429, ""},
	}
	for _, tc := range tests {
		resp, err := http.Get(s.URL(tc.path))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status || len(body) == 0 || len(body) > 200 {
			t.Errorf("%s: status %d body %q", tc.path, resp.StatusCode, body)
		}
		ra, present := resp.Header["Retry-After"]
		switch tc.retryAfter {
		case "":
			if present {
				t.Errorf("%s: unexpected Retry-After %q", tc.path, ra)
			}
		case "date":
			at, err := http.ParseTime(resp.Header.Get("Retry-After"))
			if err != nil {
				t.Fatalf("%s: Retry-After %q: %v", tc.path, resp.Header.Get("Retry-After"), err)
			}
			if d := time.Until(at); d < RetryAfterDateAhead-time.Minute || d > RetryAfterDateAhead+time.Minute {
				t.Errorf("%s: Retry-After is %v ahead, want ~%v", tc.path, d, RetryAfterDateAhead)
			}
		default:
			if resp.Header.Get("Retry-After") != tc.retryAfter {
				t.Errorf("%s: Retry-After %q, want %q", tc.path, resp.Header.Get("Retry-After"), tc.retryAfter)
			}
		}
	}
}

func TestRedirects(t *testing.T) {
	s := NewServer()
	defer s.Close()
	c, release := newClient(5*time.Second, false)
	defer release()
	noRedirects(c)
	tests := []struct {
		path     string
		status   int
		location string
	}{
		{"/moved", 301, "/good/rss"},
		{"/moved-308", 308, "/good/atom"},
		{"/redirect-loop", 302, "/redirect-loop"},
		{"/redirect-chain/1", 302, "/redirect-chain/0"},
		{"/redirect-chain/10", 302, "/redirect-chain/9"},
	}
	for _, tc := range tests {
		resp, err := c.Get(s.URL(tc.path))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status || resp.Header.Get("Location") != tc.location {
			t.Errorf("%s: %d %q, want %d %q", tc.path, resp.StatusCode, resp.Header.Get("Location"), tc.status, tc.location)
		}
	}

	// Each chain takes exactly N hops and ends in the good RSS.
	for n := 1; n <= MaxRedirectChain; n++ {
		hops := 0
		c.CheckRedirect = func(_ *http.Request, via []*http.Request) error {
			hops = len(via)
			return nil
		}
		resp, err := c.Get(s.URL("/redirect-chain/" + strconv.Itoa(n)))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if hops != n || resp.StatusCode != 200 || string(body) != goodRSS("") {
			t.Errorf("chain %d: %d hops, status %d", n, hops, resp.StatusCode)
		}
	}
	// /redirect-chain/k is visited by every chain with N >= k.
	for k := 0; k <= MaxRedirectChain; k++ {
		want := MaxRedirectChain - max(k, 1) + 1
		if k == 10 {
			want++ // also fetched once without following above
		}
		if k == 1 {
			want++
		}
		if got := s.Hits("/redirect-chain/" + strconv.Itoa(k)); got != want {
			t.Errorf("Hits(/redirect-chain/%d) = %d, want %d", k, got, want)
		}
	}
	if s.Hits("/good/rss") != 0 {
		t.Error("redirect chains should not touch /good/rss")
	}

	// Go's default policy gives up on the loop.
	if _, err := http.Get(s.URL("/redirect-loop")); err == nil || !strings.Contains(err.Error(), "redirects") {
		t.Errorf("redirect loop: err = %v", err)
	}
}

// headTail is an io.Writer that counts bytes and keeps the first and last few
// so huge bodies can be checked without holding them.
type headTail struct {
	n          int64
	head, tail []byte
}

func (h *headTail) Write(p []byte) (int, error) {
	h.n += int64(len(p))
	if len(h.head) < 256 {
		h.head = append(h.head, p[:min(len(p), 256-len(h.head))]...)
	}
	h.tail = append(h.tail, p[max(0, len(p)-64):]...)
	h.tail = h.tail[max(0, len(h.tail)-64):]
	return len(p), nil
}

func TestGzipBomb(t *testing.T) {
	s := NewServer()
	defer s.Close()
	// Without transparent decompression we see the bytes on the wire.
	c, release := newClient(0, true)
	defer release()
	resp, err := c.Get(s.URL("/gzip-bomb"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Content-Type") != "application/rss+xml" {
		t.Fatalf("headers %v", resp.Header)
	}
	compressed, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("compressed size %d bytes", len(compressed))
	if len(compressed) >= 8<<20 || int64(len(compressed)) != resp.ContentLength {
		t.Fatalf("compressed size %d (Content-Length %d), want < 8 MiB", len(compressed), resp.ContentLength)
	}
	if testing.Short() {
		t.Skip("skipping 1 GiB decompression in -short mode")
	}
	br := bytes.NewReader(compressed)
	zr, err := gzip.NewReader(br)
	if err != nil {
		t.Fatal(err)
	}
	zr.Multistream(false) // the bomb must be one gzip member
	var ht headTail
	// io.Copy returns the gzip reader's CRC-32/size check at EOF, which
	// validates the spliced segments and rewritten trailer.
	if _, err := io.Copy(&ht, zr); err != nil {
		t.Fatalf("after %d bytes: %v", ht.n, err)
	}
	if br.Len() != 0 {
		t.Fatalf("%d bytes after the first gzip member", br.Len())
	}
	t.Logf("decompressed size %d bytes", ht.n)
	if ht.n < 500<<20 || ht.n != GzipBombSize {
		t.Errorf("decompressed %d bytes, want %d", ht.n, GzipBombSize)
	}
	if !bytes.HasPrefix(ht.head, []byte(bombPrefix)) || !bytes.HasSuffix(ht.tail, []byte(" "+bombSuffix)) {
		t.Errorf("head %q tail %q", ht.head, ht.tail)
	}
}

func TestTooBig(t *testing.T) {
	s := NewServer()
	defer s.Close()
	resp, err := http.Get(s.URL("/too-big"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.ContentLength != -1 {
		t.Errorf("Content-Length %d, want none (chunked)", resp.ContentLength)
	}
	var ht headTail
	d := xml.NewDecoder(io.TeeReader(resp.Body, &ht))
	items := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed after %d bytes: %v", ht.n, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "item" {
			items++
		}
	}
	io.Copy(&ht, resp.Body)
	if ht.n != TooBigSize {
		t.Errorf("body %d bytes, want %d", ht.n, TooBigSize)
	}
	if !bytes.HasPrefix(ht.head, []byte("<?xml")) || !bytes.HasSuffix(ht.tail, []byte("</rss>\n")) || items < 1000 {
		t.Errorf("items %d head %q tail %q", items, ht.head, ht.tail)
	}
}

func TestCompressedRSS(t *testing.T) {
	s := NewServer()
	defer s.Close()
	c, release := newClient(5*time.Second, true)
	defer release()
	for _, tc := range []struct {
		path, encoding string
		open           func(io.Reader) (io.Reader, error)
	}{
		{"/gzip/rss", "gzip", func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
		{"/deflate/rss", "deflate", func(r io.Reader) (io.Reader, error) { return zlib.NewReader(r) }},
	} {
		resp, err := c.Get(s.URL(tc.path))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.Header.Get("Content-Encoding") != tc.encoding {
			t.Errorf("%s: Content-Encoding %q", tc.path, resp.Header.Get("Content-Encoding"))
		}
		zr, err := tc.open(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: %v", tc.path, err)
		}
		body, err := io.ReadAll(zr)
		if err != nil || string(body) != goodRSS("") {
			t.Errorf("%s: decoded %d bytes, err %v", tc.path, len(body), err)
		}
	}
}

func TestLegacyCharsets(t *testing.T) {
	s := NewServer()
	defer s.Close()
	for _, tc := range []struct{ path, label, utf8Doc string }{
		{"/cp1251", "windows-1251", cp1251RSS},
		{"/koi8r", "KOI8-R", koi8rRSS},
	} {
		resp, err := http.Get(s.URL(tc.path))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if ct := resp.Header.Get("Content-Type"); ct != "application/xml" {
			t.Errorf("%s: Content-Type %q, want no charset", tc.path, ct)
		}
		if !bytes.Contains(raw, []byte(`encoding="`+tc.label+`"`)) {
			t.Errorf("%s: XML declaration lacks %s", tc.path, tc.label)
		}
		if utf8.Valid(raw) {
			t.Errorf("%s: body is valid UTF-8, so it was not re-encoded", tc.path)
		}
		r, err := charset.NewReaderLabel(tc.label, bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		decoded, _ := io.ReadAll(r)
		if string(decoded) != tc.utf8Doc {
			t.Errorf("%s: x/text decoding differs from the UTF-8 source:\n%s", tc.path, decoded)
		}
	}
}

// TestEncoderTables checks the hand-written tables against x/text for every
// BMP rune they claim, and that whole alphabets are covered.
func TestEncoderTables(t *testing.T) {
	for _, tc := range []struct {
		name    string
		encode  func(rune) (byte, bool)
		cm      *charmap.Charmap
		letters string
	}{
		{"cp1251", encodeCP1251, charmap.Windows1251, "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюяЄєІіЇїҐґ«»—–…„“”‘’№"},
		{"koi8r", encodeKOI8R, charmap.KOI8R, "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"},
	} {
		for r := rune(0); r <= 0xFFFF; r++ {
			b, ok := tc.encode(r)
			if !ok {
				continue
			}
			if want, wok := tc.cm.EncodeRune(r); !wok || want != b {
				t.Errorf("%s: %q -> %#x, x/text says %#x (ok=%v)", tc.name, r, b, want, wok)
			}
		}
		for _, r := range tc.letters {
			if _, ok := tc.encode(r); !ok {
				t.Errorf("%s: %q not covered", tc.name, r)
			}
		}
	}
}

func TestInvalidUTF8Body(t *testing.T) {
	s := NewServer()
	defer s.Close()
	resp, err := http.Get(s.URL("/invalid-utf8"))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if utf8.Valid(raw) || !bytes.Contains(raw, []byte("\xff\xfe")) || !bytes.Contains(raw, []byte(`encoding="UTF-8"`)) {
		t.Errorf("body does not carry the intended invalid bytes: %q", raw)
	}
	// Strict parsing must fail, or the route tests nothing.
	if err := xml.Unmarshal(raw, new(struct{})); err == nil {
		t.Error("encoding/xml accepted the invalid UTF-8 body")
	}
}

func TestHTMLPagesAndMisc(t *testing.T) {
	s := NewServer()
	defer s.Close()
	get := func(path string) (*http.Response, string) {
		t.Helper()
		resp, err := http.Get(s.URL(path))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, string(b)
	}
	resp, body := get("/html-with-feed")
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
		!strings.Contains(body, `<link rel="alternate" type="application/rss+xml" title="News" href="/good/rss">`) {
		t.Errorf("/html-with-feed: %q %s", resp.Header.Get("Content-Type"), body)
	}
	resp, body = get("/html-plain")
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || strings.Contains(body, "alternate") {
		t.Errorf("/html-plain: %q %s", resp.Header.Get("Content-Type"), body)
	}
	resp, body = get("/not-a-feed")
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") || resp.StatusCode != 200 {
		t.Errorf("/not-a-feed: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	resp, body = get("/empty")
	if resp.StatusCode != 200 || body != "" {
		t.Errorf("/empty: %d %q", resp.StatusCode, body)
	}
	resp, body = get("/truncated")
	if resp.StatusCode != 200 || !strings.HasSuffix(body, "<descri") || !strings.HasPrefix(goodRSS(""), body) {
		t.Errorf("/truncated: %d ...%q", resp.StatusCode, body[max(0, len(body)-20):])
	}
	resp, body = get("/not-modified")
	if resp.StatusCode != 304 || resp.Header.Get("ETag") != GoodRSSETag {
		t.Errorf("/not-modified: %d %v", resp.StatusCode, resp.Header)
	}
	_, body = get("/ttl")
	var ttl struct {
		TTL int `xml:"channel>ttl"`
	}
	if err := xml.Unmarshal([]byte(body), &ttl); err != nil || ttl.TTL != TTLMinutes {
		t.Errorf("/ttl: ttl %d, err %v", ttl.TTL, err)
	}
	resp, _ = get("/good/json")
	if resp.Header.Get("Content-Type") != "application/feed+json; charset=utf-8" {
		t.Errorf("/good/json: Content-Type %q", resp.Header.Get("Content-Type"))
	}
}

func TestSlowTricklesUntilClientLeaves(t *testing.T) {
	s := NewServer()
	defer s.Close()
	c, release := newClient(0, false)
	defer release()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL("/slow"), nil)
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if d := time.Since(start); d > 900*time.Millisecond || resp.StatusCode != 200 {
		t.Fatalf("headers after %v, status %d; want immediate 200", d, resp.StatusCode)
	}
	const prefix = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
	buf := make([]byte, len(prefix))
	if _, err := io.ReadFull(resp.Body, buf); err != nil || string(buf) != prefix {
		t.Fatalf("prefix %q, err %v", buf, err)
	}
	// The next byte trickles in about a second after the request.
	if _, err := io.ReadFull(resp.Body, buf[:1]); err != nil || buf[0] != ' ' {
		t.Fatalf("trickle byte %q, err %v", buf[0], err)
	}
	if d := time.Since(start); d < 900*time.Millisecond || d > 4*time.Second {
		t.Errorf("trickle byte after %v, want ~1s", d)
	}
	if s.slowActive.Load() != 1 {
		t.Fatalf("slowActive = %d, want 1", s.slowActive.Load())
	}
	// Hanging up must end the handler via r.Context(), without Server.Close.
	cancel()
	for deadline := time.Now().Add(3 * time.Second); s.slowActive.Load() != 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("/slow handler still running 3s after the client left")
		}
	}
}

func TestCloseDoesNotWaitForSlowClients(t *testing.T) {
	s := NewServer()
	c, release := newClient(0, false)
	defer release()
	resp, err := c.Get(s.URL("/slow")) // body deliberately left open
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	start := time.Now()
	s.Close()
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Close took %v", d)
	}
	s.Close() // idempotent
}
