package schedule

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// parseEvery reads a Go duration extended with a d (24h) unit. It is exact
// (big.Rat, not float) so that "whole number of seconds" is a real check:
// 1.5m is 90s and fine, 1.5s is not.
func parseEvery(w string) (time.Duration, error) {
	s := strings.ToLower(w)
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("interval %s must be positive; %s", quote(w), usageEvery)
	}
	if s == "0" {
		return 0, fmt.Errorf("interval %s is too short, every needs at least %s; %s", quote(w), formatEvery(minEvery), usageEvery)
	}
	bad := fmt.Errorf("bad interval %s: want a duration like 10s, 15m, 2h, 1h30m or 1d; %s", quote(w), usageEvery)
	if s == "" {
		return 0, bad
	}
	total := new(big.Rat)
	for s != "" {
		i := 0
		for i < len(s) && (isDigit(s[i]) || s[i] == '.') {
			i++
		}
		num := s[:i]
		if num == "" || num == "." || strings.Count(num, ".") > 1 {
			return 0, bad
		}
		s = s[i:]
		j := 0
		for j < len(s) && !isDigit(s[j]) && s[j] != '.' {
			j++
		}
		unit, ok := unitNanos(s[:j])
		if !ok {
			return 0, bad
		}
		s = s[j:]
		v, ok := new(big.Rat).SetString(num)
		if !ok {
			return 0, bad
		}
		total.Add(total, v.Mul(v, new(big.Rat).SetInt64(int64(unit))))
	}
	secs := new(big.Rat).Quo(total, new(big.Rat).SetInt64(int64(time.Second)))
	if !secs.IsInt() {
		return 0, fmt.Errorf("interval %s is not a whole number of seconds; %s", quote(w), usageEvery)
	}
	if total.Cmp(new(big.Rat).SetInt64(math.MaxInt64)) > 0 {
		return 0, fmt.Errorf("interval %s is too long; %s", quote(w), usageEvery)
	}
	d := time.Duration(total.Num().Int64())
	if d < minEvery {
		return 0, fmt.Errorf("interval %s is too short, every needs at least %s; %s", quote(w), formatEvery(minEvery), usageEvery)
	}
	return d, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func unitNanos(u string) (time.Duration, bool) {
	switch u {
	case "ns":
		return time.Nanosecond, true
	case "us", "µs", "μs":
		return time.Microsecond, true
	case "ms":
		return time.Millisecond, true
	case "s":
		return time.Second, true
	case "m":
		return time.Minute, true
	case "h":
		return time.Hour, true
	case "d":
		return 24 * time.Hour, true
	}
	return 0, false
}

// formatEvery writes whole seconds as d/h/m/s parts, largest first, so
// 90m reads "1h30m" and 24h reads "1d".
func formatEvery(d time.Duration) string {
	secs := int64(d / time.Second)
	if secs == 0 {
		return "0s"
	}
	var b strings.Builder
	for _, p := range [...]struct {
		n    int64
		unit string
	}{{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}} {
		if q := secs / p.n; q > 0 {
			b.WriteString(strconv.FormatInt(q, 10))
			b.WriteString(p.unit)
			secs -= q * p.n
		}
	}
	return b.String()
}

// nextEvery puts fires on a fixed grid of multiples of d since the Unix
// epoch rather than counting from t, so the answer depends only on t's
// position in the grid: a restart that calls Next(last) or Next(last-1ns)
// lands on the same fires, and `every 15m` fires at :00, :15, :30, :45.
func nextEvery(t time.Time, d time.Duration) time.Time {
	step := int64(d / time.Second)
	return time.Unix((floorDiv(t.Unix(), step)+1)*step, 0)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
