package dendrite

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"time"
)

// FaultProxy is a reverse proxy on 127.0.0.1 in front of a homeserver that
// answers chosen requests itself (errors, rate limits, delays) and records
// every request it sees. Point a client's homeserver URL at URL(). Long-poll
// /sync streams through unbuffered. Its methods are safe for concurrent use.
type FaultProxy struct {
	srv   *httptest.Server
	proxy *httputil.ReverseProxy

	mu       sync.Mutex
	rules    []*Rule
	requests []Request
}

// Rule makes the proxy answer matching requests itself. Rules are tried in
// the order injected; the first live rule that matches a request handles it.
type Rule struct {
	// Method matches the HTTP method exactly; empty matches any.
	Method string
	// Path matches a substring of the URL path, like "/send/"; empty matches any.
	Path string
	// Times is how many matching requests the rule handles before it expires;
	// 0 or less means every matching request.
	Times int
	// Delay is waited before answering, or before forwarding when Status is 0.
	Delay time.Duration
	// DelayAnswer, for a forwarded request, is waited after the homeserver
	// answered and before the answer is passed on: a client killed then
	// has been served without knowing it.
	DelayAnswer time.Duration
	// Status is the HTTP status to answer with; 0 forwards the request (after
	// Delay) instead.
	Status int
	// Header is added to the answer.
	Header http.Header
	// Body is the answer's body, sent as application/json.
	Body string
}

// On returns a copy of r matching method and a path substring.
func (r Rule) On(method, path string) Rule {
	r.Method, r.Path = method, path
	return r
}

// LimitExceeded returns a rule answering the next n requests with HTTP 429 and
// {"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":N}
// where N is retryAfter in milliseconds; with viaHeader it also sends
// Retry-After in whole seconds, rounded up. Narrow it with On.
func LimitExceeded(n int, retryAfter time.Duration, viaHeader bool) Rule {
	r := Rule{
		Times:  n,
		Status: http.StatusTooManyRequests,
		Body:   fmt.Sprintf(`{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":%d}`, retryAfter.Milliseconds()),
	}
	if viaHeader {
		secs := (retryAfter + time.Second - 1) / time.Second
		r.Header = http.Header{"Retry-After": {fmt.Sprint(int64(secs))}}
	}
	return r
}

// ServerError returns a rule answering the next n requests with HTTP 500
// M_UNKNOWN. Narrow it with On.
func ServerError(n int) Rule {
	return Rule{
		Times:  n,
		Status: http.StatusInternalServerError,
		Body:   `{"errcode":"M_UNKNOWN","error":"Internal server error (injected)"}`,
	}
}

// Request is one request the proxy saw.
type Request struct {
	Method string
	// Path is the URL path, like /_matrix/client/v3/rooms/!r:localhost/send/m.room.message/txn1.
	Path string
	Time time.Time
	// Status is the status answered: injected, or the homeserver's (0 while a
	// forwarded request is still waiting for the response headers).
	Status int
	// Injected is true when a rule answered instead of the homeserver.
	Injected bool
}

type recordKey struct{}

// NewFaultProxy starts a proxy forwarding to target, a base URL like
// Server.URL(). It panics if target is not a URL (a test bug).
func NewFaultProxy(target string) *FaultProxy {
	u, err := url.Parse(target)
	if err != nil || u.Scheme == "" || u.Host == "" {
		panic(fmt.Sprintf("dendrite.NewFaultProxy: bad target %q", target))
	}
	p := &FaultProxy{}
	p.proxy = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(u)
		},
		FlushInterval: -1, // flush at once: /sync long-polls and streams
		ModifyResponse: func(resp *http.Response) error {
			p.setStatus(resp.Request.Context(), resp.StatusCode)
			if d, ok := resp.Request.Context().Value(delayKey{}).(time.Duration); ok && d > 0 {
				select {
				case <-time.After(d):
				case <-resp.Request.Context().Done():
				}
			}
			return nil
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			p.setStatus(r.Context(), http.StatusBadGateway)
			w.WriteHeader(http.StatusBadGateway)
		},
	}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	return p
}

// URL returns the proxy's base URL, http://127.0.0.1:PORT.
func (p *FaultProxy) URL() string { return p.srv.URL }

// Close stops the proxy, closing open connections.
func (p *FaultProxy) Close() {
	p.srv.CloseClientConnections()
	p.srv.Close()
}

// Inject adds a rule.
func (p *FaultProxy) Inject(rule Rule) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rules = append(p.rules, &rule)
}

// Requests returns a copy of every request seen so far, in arrival order.
func (p *FaultProxy) Requests() []Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Request(nil), p.requests...)
}

// Count returns how many requests seen so far had the method (empty for any)
// and a path containing pathSubstring, e.g. a transaction ID.
func (p *FaultProxy) Count(method, pathSubstring string) int {
	n := 0
	for _, r := range p.Requests() {
		if (method == "" || r.Method == method) && strings.Contains(r.Path, pathSubstring) {
			n++
		}
	}
	return n
}

func (p *FaultProxy) serve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	idx := len(p.requests)
	p.requests = append(p.requests, Request{Method: r.Method, Path: r.URL.Path, Time: time.Now()})
	var rule Rule
	matched := false
	for i, candidate := range p.rules {
		if (candidate.Method == "" || candidate.Method == r.Method) && strings.Contains(r.URL.Path, candidate.Path) {
			rule, matched = *candidate, true
			if candidate.Times > 0 {
				candidate.Times--
				if candidate.Times == 0 {
					p.rules = append(p.rules[:i], p.rules[i+1:]...)
				}
			}
			break
		}
	}
	if matched && rule.Status != 0 {
		p.requests[idx].Status, p.requests[idx].Injected = rule.Status, true
	}
	p.mu.Unlock()

	if matched && rule.Delay > 0 {
		select {
		case <-time.After(rule.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if matched && rule.Status != 0 {
		for k, vs := range rule.Header {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rule.Status)
		_, _ = w.Write([]byte(rule.Body))
		return
	}
	ctx := context.WithValue(r.Context(), recordKey{}, idx)
	if matched && rule.DelayAnswer > 0 {
		ctx = context.WithValue(ctx, delayKey{}, rule.DelayAnswer)
	}
	p.proxy.ServeHTTP(w, r.WithContext(ctx))
}

// delayKey carries a rule's DelayAnswer to ModifyResponse.
type delayKey struct{}

func (p *FaultProxy) setStatus(ctx context.Context, status int) {
	idx, ok := ctx.Value(recordKey{}).(int)
	if !ok {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if idx < len(p.requests) {
		p.requests[idx].Status = status
	}
}
