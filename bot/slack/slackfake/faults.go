package slackfake

import (
	"net/http"
	"strconv"
)

// Rule makes the next calls of a method fail at the HTTP level, before
// the token is even looked at, as Slack's rate limiter and outages do.
type Rule struct {
	// Method is the Web API method ("chat.postMessage",
	// "apps.connections.open"), or "response_url" for posts to any
	// response_url.
	Method string
	// Times is how many calls fail; 1 if zero.
	Times int
	// Status is the HTTP status: 429 (the default) or a 5xx.
	Status int
	// RetryAfter is the Retry-After header's value in seconds, sent with a
	// 429 when positive. slack-go turns a 429 with the header into
	// *slack.RateLimitedError and one without into slack.StatusCodeError.
	RetryAfter int
}

// Inject queues a rule. Rules for the same method apply in the order
// injected, each for its Times calls.
func (s *Server) Inject(rule Rule) {
	if rule.Times <= 0 {
		rule.Times = 1
	}
	if rule.Status == 0 {
		rule.Status = http.StatusTooManyRequests
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rules = append(s.rules, &rule)
}

// takeRuleLocked returns the rule the next call of method meets, if any,
// and counts the call against it.
func (s *Server) takeRuleLocked(method string) *Rule {
	for i, r := range s.rules {
		if r.Method != method {
			continue
		}
		r.Times--
		if r.Times == 0 {
			s.rules = append(s.rules[:i], s.rules[i+1:]...)
		}
		return r
	}
	return nil
}

// respond answers as the rule says: Slack's 429 body is
// {"ok":false,"error":"ratelimited"}; its 5xx bodies are not JSON.
func (r *Rule) respond(w http.ResponseWriter) {
	if r.Status == http.StatusTooManyRequests {
		writeRateLimited(w, r.RetryAfter)
		return
	}
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(r.Status)
	_, _ = w.Write([]byte("<html><body>" + http.StatusText(r.Status) + "</body></html>\n"))
}

// writeRateLimited answers HTTP 429, with Retry-After when retryAfter > 0.
func writeRateLimited(w http.ResponseWriter, retryAfter int) {
	if retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
	}
	writeJSON(w, http.StatusTooManyRequests, map[string]any{"ok": false, "error": "ratelimited"})
}

// takeChannelTokenLocked applies Options.ChannelRateLimit to one post: a
// bucket of ChannelBurst messages refilled at one a second on the fake's
// clock. It reports whether the post may go through.
func (s *Server) takeChannelTokenLocked(c *channelState) bool {
	now := s.opts.Now()
	burst := float64(s.opts.ChannelBurst)
	if c.refilled.IsZero() {
		c.tokens = burst
	} else {
		c.tokens = min(burst, c.tokens+now.Sub(c.refilled).Seconds())
	}
	c.refilled = now
	if c.tokens < 1 {
		return false
	}
	c.tokens--
	return true
}
