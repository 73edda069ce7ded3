package feeds

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestBlockedAddress(t *testing.T) {
	for addr, blocked := range map[string]bool{
		"127.0.0.1": true, "::1": true, "10.1.2.3": true, "172.16.0.1": true, "192.168.1.1": true,
		"169.254.169.254": true, "fe80::1": true, "224.0.0.1": true, "ff02::1": true, "0.0.0.0": true,
		"::": true, "0.1.2.3": true, "fc00::1": true, "::ffff:127.0.0.1": true, "::ffff:10.0.0.1": true,
		"93.184.216.34": false, "2606:2800:220:1:248:1893:25c8:1946": false, "8.8.8.8": false,
	} {
		if got := BlockedAddress(netip.MustParseAddr(addr)); got != blocked {
			t.Errorf("BlockedAddress(%s) = %v, want %v", addr, got, blocked)
		}
	}
}

func TestSSRFGuardRefusesLoopbackByDefault(t *testing.T) {
	hit := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hit = true }))
	defer srv.Close()
	f := NewFetcher(FetcherOptions{})
	defer f.Close()
	_, err := f.Fetch(context.Background(), Request{URL: srv.URL})
	if !errors.Is(err, ErrBlockedAddress) {
		t.Fatalf("err = %v, want ErrBlockedAddress", err)
	}
	if hit {
		t.Error("the guarded request reached the server")
	}
	if !strings.Contains(err.Error(), "allow_private_networks") {
		t.Errorf("the error should tell how to allow it: %v", err)
	}
	// localhost resolves to loopback: refused after DNS too.
	u := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	if _, err := f.Fetch(context.Background(), Request{URL: u}); !errors.Is(err, ErrBlockedAddress) {
		t.Errorf("localhost: err = %v", err)
	}
}

func TestSSRFGuardOnRedirectHop(t *testing.T) {
	// Only loopback can be listened on here, so the test guard allows
	// 127.0.0.1 and blocks 127.0.0.2: a public feed redirecting into the
	// operator's network must be refused at the hop, before any request.
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatalf("listen on 127.0.0.2: %v", err)
	}
	inner := &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("the redirect reached the blocked address")
	})}}
	inner.Start()
	defer inner.Close()
	outer := httptest.NewServer(http.RedirectHandler(inner.URL+"/internal", http.StatusFound))
	defer outer.Close()
	f := NewFetcher(FetcherOptions{blocked: func(a netip.Addr) bool { return a == netip.MustParseAddr("127.0.0.2") }})
	defer f.Close()
	if _, err := f.Fetch(context.Background(), Request{URL: outer.URL}); !errors.Is(err, ErrBlockedAddress) {
		t.Fatalf("err = %v, want ErrBlockedAddress", err)
	}
}

func TestFetchSendsIdentityAndValidators(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.WriteHeader(http.StatusNotModified)
	}))
	defer srv.Close()
	f := NewFetcher(FetcherOptions{AllowPrivateNetworks: true})
	defer f.Close()
	resp, err := f.Fetch(context.Background(), Request{URL: srv.URL, ETag: `"abc"`, LastModified: "Mon, 02 Mar 2026 09:00:00 GMT"})
	if err != nil {
		t.Fatal(err)
	}
	if !resp.NotModified || resp.ETag != `"abc"` {
		t.Errorf("304 response = %+v", resp)
	}
	if got.Get("If-None-Match") != `"abc"` || got.Get("If-Modified-Since") == "" {
		t.Errorf("validators not sent: %v", got)
	}
	if ua := got.Get("User-Agent"); !strings.HasPrefix(ua, "briefbot/") || !strings.Contains(ua, "+https://") {
		t.Errorf("User-Agent = %q", ua)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"120": 2 * time.Minute, "0": 0, "-5": 0, "": 0, "soon": 0,
		"999999": MaxHint,
		now.Add(90 * time.Minute).Format(http.TimeFormat): 90 * time.Minute,
		now.Add(-time.Hour).Format(http.TimeFormat):       0,
	} {
		if got := ParseRetryAfter(in, now); got != want {
			t.Errorf("ParseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestMaxAge(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"max-age=600": 10 * time.Minute, "public, max-age=60, s-maxage=120": 2 * time.Minute,
		"no-cache, max-age=600": 0, "no-store": 0, "": 0, "max-age=abc": 0,
	} {
		if got := maxAge(in); got != want {
			t.Errorf("maxAge(%q) = %v, want %v", in, got, want)
		}
	}
}
