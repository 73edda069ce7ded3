package feeds

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Version is briefbot's version, set by cmd/briefbot at build time.
var Version = "dev"

// MaxHint bounds every "not before" hint a server or feed gives
// (Retry-After, Cache-Control max-age, <ttl>): a typo in a publisher's
// config must not silence a source for a month.
const MaxHint = 24 * time.Hour

// FetcherOptions are the HTTP limits of a Fetcher; zero values take the
// documented defaults.
type FetcherOptions struct {
	// Timeout bounds a whole request, body included. Default 20s.
	Timeout time.Duration
	// ConnectTimeout bounds dialing one address. Default 10s.
	ConnectTimeout time.Duration
	// MaxBody caps the body, counted after gzip/deflate decompression so a
	// compression bomb cannot get past it. Default 10 MiB.
	MaxBody int64
	// MaxRedirects is how many redirects one fetch follows. Default 5.
	MaxRedirects int
	// UserAgent is sent with every request. Default briefbot/VERSION (+URL).
	UserAgent string
	// AllowPrivateNetworks turns the SSRF guard off.
	AllowPrivateNetworks bool
	// Now is the clock for Retry-After and max-age. Default time.Now.
	Now func() time.Time

	// blocked replaces BlockedAddress in tests, which can only listen on
	// loopback addresses.
	blocked func(netip.Addr) bool
}

// DefaultUserAgent names briefbot and where to learn about it, as publishers ask.
func DefaultUserAgent() string {
	return "briefbot/" + Version + " (+https://github.com/briefbot/briefbot)"
}

// Fetcher fetches feed documents over HTTP the way a polite reader should:
// conditional requests, bounded bodies, honoured caching hints, and no way
// to reach addresses on the operator's own network unless allowed.
type Fetcher struct {
	client *http.Client
	opts   FetcherOptions
}

// NewFetcher builds a Fetcher with its own http.Client and transport.
func NewFetcher(opts FetcherOptions) *Fetcher {
	if opts.Timeout <= 0 {
		opts.Timeout = 20 * time.Second
	}
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = 10 * time.Second
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = 10 << 20
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = 5
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	dialer := &net.Dialer{Timeout: opts.ConnectTimeout, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivateNetworks {
		// Control runs after DNS resolution for every address dialed,
		// including each redirect hop, so a public name that resolves to a
		// private address is refused too.
		blocked := opts.blocked
		if blocked == nil {
			blocked = BlockedAddress
		}
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			return guardAddress(address, blocked)
		}
	}
	transport := &http.Transport{
		Proxy:                 nil, // an environment proxy would bypass the SSRF guard
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   opts.ConnectTimeout,
		ResponseHeaderTimeout: opts.Timeout,
		DisableCompression:    true, // we decompress ourselves to count the decompressed size
	}
	f := &Fetcher{opts: opts}
	f.client = &http.Client{
		Transport:     transport,
		Timeout:       opts.Timeout,
		CheckRedirect: f.checkRedirect,
	}
	return f
}

// Close releases idle connections.
func (f *Fetcher) Close() { f.client.CloseIdleConnections() }

// Request is one conditional fetch.
type Request struct {
	URL          string
	ETag         string
	LastModified string
}

// Response is a successful fetch: 200 with a body, or 304.
type Response struct {
	Status       int
	NotModified  bool
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
	// FinalURL is where the body came from after redirects.
	FinalURL string
	// MovedTo is set when every redirect hop was permanent (301/308): the
	// source's stored URL should change to it.
	MovedTo string
	// NotBefore is the earliest time the server wants to be asked again
	// (Cache-Control max-age), zero when it gave no hint.
	NotBefore time.Time
}

// HTTPError is a response outside 2xx/304.
type HTTPError struct {
	URL    string
	Status int
	// RetryAfter is the server's Retry-After (429, 503), bounded by
	// MaxHint; zero when absent.
	RetryAfter time.Duration
}

func (e *HTTPError) Error() string {
	msg := fmt.Sprintf("HTTP %d %s", e.Status, http.StatusText(e.Status))
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return msg
}

// ErrBodyTooLarge is returned when a body exceeds MaxBody after decompression.
var ErrBodyTooLarge = errors.New("feed body exceeds max_body")

// ErrBlockedAddress is returned when the SSRF guard refuses an address.
var ErrBlockedAddress = errors.New("address is loopback, private, link-local, multicast or unspecified (set feeds.allow_private_networks to allow)")

// BlockedAddress reports whether the SSRF guard refuses ip.
func BlockedAddress(ip netip.Addr) bool {
	ip = ip.Unmap()
	return !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() ||
		ip.IsUnspecified() || (ip.Is4() && ip.As4()[0] == 0)
}

func guardAddress(address string, blocked func(netip.Addr) bool) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("%s: %w", address, ErrBlockedAddress)
	}
	if blocked(ip) {
		return fmt.Errorf("%s: %w", ip, ErrBlockedAddress)
	}
	return nil
}

type redirectKey struct{}

// redirectState records, per fetch, whether every hop so far was permanent.
type redirectState struct {
	hops      int
	permanent bool
}

func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.opts.MaxRedirects {
		return fmt.Errorf("stopped after %d redirects", f.opts.MaxRedirects)
	}
	if st, ok := req.Context().Value(redirectKey{}).(*redirectState); ok && req.Response != nil {
		st.hops++
		code := req.Response.StatusCode
		st.permanent = st.permanent && (code == http.StatusMovedPermanently || code == http.StatusPermanentRedirect)
	}
	return nil
}

// Fetch GETs req.URL. It returns a *Response for 200 and 304, an
// *HTTPError for other statuses, and wrapped network, size or guard errors.
func (f *Fetcher) Fetch(ctx context.Context, r Request) (*Response, error) {
	st := &redirectState{permanent: true}
	ctx = context.WithValue(ctx, redirectKey{}, st)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.URL, nil)
	if err != nil {
		return nil, fmt.Errorf("bad URL: %w", err)
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, simplifyError(err)
	}
	defer resp.Body.Close()
	now := f.opts.Now()
	out := &Response{
		Status:       resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		FinalURL:     resp.Request.URL.String(),
	}
	if st.hops > 0 && st.permanent {
		out.MovedTo = out.FinalURL
	}
	if age := maxAge(resp.Header.Get("Cache-Control")); age > 0 {
		out.NotBefore = now.Add(min(age, MaxHint))
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		if out.ETag == "" {
			out.ETag = r.ETag
		}
		if out.LastModified == "" {
			out.LastModified = r.LastModified
		}
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		he := &HTTPError{URL: r.URL, Status: resp.StatusCode}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			he.RetryAfter = ParseRetryAfter(resp.Header.Get("Retry-After"), now)
		}
		return nil, he
	}
	body, err := f.readBody(resp)
	if err != nil {
		return nil, err
	}
	out.Body = body
	return out, nil
}

func (f *Fetcher) readBody(resp *http.Response) ([]byte, error) {
	var r io.Reader = resp.Body
	switch strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))) {
	case "", "identity":
	case "gzip", "x-gzip":
		gz, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("bad gzip body: %w", err)
		}
		defer gz.Close()
		r = gz
	case "deflate":
		// RFC 9110 deflate is zlib-wrapped, but some servers send raw
		// deflate; the zlib header tells them apart.
		br := bufio.NewReader(resp.Body)
		if h, err := br.Peek(2); err == nil && h[0]&0x0f == 8 && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, fmt.Errorf("bad deflate body: %w", err)
			}
			defer zr.Close()
			r = zr
		} else {
			fr := flate.NewReader(br)
			defer fr.Close()
			r = fr
		}
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", resp.Header.Get("Content-Encoding"))
	}
	body, err := io.ReadAll(io.LimitReader(r, f.opts.MaxBody+1))
	if err != nil {
		return nil, fmt.Errorf("reading body: %w", simplifyError(err))
	}
	if int64(len(body)) > f.opts.MaxBody {
		return nil, fmt.Errorf("%w (%d bytes)", ErrBodyTooLarge, f.opts.MaxBody)
	}
	return body, nil
}

// simplifyError keeps the cause of a failed request readable: the URL is
// already known to whoever reads the error.
func simplifyError(err error) error {
	if errors.Is(err, ErrBlockedAddress) {
		return fmt.Errorf("refused: %w", ErrBlockedAddress)
	}
	if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
		return fmt.Errorf("timed out: %w", err)
	}
	return err
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// ParseRetryAfter reads a Retry-After value (seconds or an HTTP date),
// bounded by MaxHint; zero when absent or unreadable.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		return min(time.Duration(secs)*time.Second, MaxHint)
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return min(d, MaxHint)
		}
	}
	return 0
}

// maxAge reads max-age from Cache-Control; no-store/no-cache mean no hint.
func maxAge(cc string) time.Duration {
	var age time.Duration
	for _, part := range strings.Split(cc, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(strings.ToLower(part)), "=")
		switch k {
		case "no-store", "no-cache":
			return 0
		case "max-age", "s-maxage":
			if n, err := strconv.ParseInt(strings.Trim(v, `"`), 10, 64); err == nil && n > 0 {
				age = max(age, time.Duration(n)*time.Second)
			}
		}
	}
	return age
}

// mediaType returns the lowercased media type and charset of a Content-Type.
func mediaType(ct string) (typ, charset string) {
	t, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0])), ""
	}
	return t, strings.ToLower(strings.Trim(params["charset"], `"' `))
}
