// Package schedule reads the schedule words users give briefbot, in chat
// (`subscribe border-developments daily 07:00 Europe/Kyiv`) and in the YAML
// config (`schedule: "daily 07:00 Europe/Kyiv"`), and computes when a digest
// is due.
//
// Fire times are exact across daylight-saving changes because other tools
// count deliveries: see Spec.Next for the rules.
package schedule

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/robfig/cron/v3"
)

// usage is appended to errors about the schedule as a whole, so a chat user
// sees every form they could have meant.
const usage = `schedules: daily HH:MM [TZ], weekdays HH:MM [TZ], hourly, every DURATION, cron "<expr>" [TZ], instant`

// Usage of each form, appended to errors about that form.
const (
	usageDaily    = "usage: daily HH:MM [TZ]"
	usageWeekdays = "usage: weekdays HH:MM [TZ]"
	usageHourly   = "usage: hourly [TZ]"
	usageEvery    = "usage: every DURATION, e.g. every 15m, every 1h30m or every 1d (at least 10s)"
	usageCron     = `usage: cron "<minute hour day-of-month month day-of-week>" [TZ], e.g. cron "0 8 * * 1-5" Europe/Kyiv`
	usageInstant  = "usage: instant"
)

// minEvery stops a typo such as `every 1s` from flooding a channel.
const minEvery = 10 * time.Second

type kind uint8

// kindInstant is zero so that the zero Spec means "post as stories appear",
// the least surprising behaviour for a subscription without a schedule.
const (
	kindInstant kind = iota
	kindDaily
	kindWeekdays
	kindHourly
	kindEvery
	kindCron
)

// Spec is a parsed schedule. The zero Spec is `instant`.
//
// Spec is comparable, but compare with Equal: time.LoadLocation returns a
// fresh *time.Location on every call, so two parses of the same words are
// not ==.
//
// Spec satisfies robfig/cron's Schedule interface, so it can be handed to
// cron.Cron.Schedule directly (an instant Spec never runs there).
type Spec struct {
	kind   kind
	hour   int           // daily, weekdays
	minute int           // daily, weekdays
	every  time.Duration // every
	expr   string        // cron, canonical text
	sched  cron.SpecSchedule
	loc    *time.Location
}

var _ cron.Schedule = Spec{}

// Parse reads schedule words as a chat command splits them, with quotes
// already removed, e.g. []string{"cron", "0 8 * * 1-5", "Europe/Kyiv"}.
// def is the time zone used when none is given (nil means UTC).
//
// Besides the documented grammar, `hourly` takes an optional TZ too, because
// String names the zone of a non-UTC hourly schedule and must parse back.
func Parse(words []string, def *time.Location) (Spec, error) {
	if def == nil {
		def = time.UTC
	}
	if len(words) == 0 {
		return Spec{}, errors.New("empty schedule; " + usage)
	}
	head := strings.ToLower(words[0])
	args := words[1:]
	switch head {
	case "instant":
		if err := noMore(args, 0, usageInstant); err != nil {
			return Spec{}, err
		}
		return Spec{kind: kindInstant, loc: def}, nil

	case "daily", "weekdays":
		k, use := kindDaily, usageDaily
		if head == "weekdays" {
			k, use = kindWeekdays, usageWeekdays
		}
		if len(args) == 0 {
			return Spec{}, fmt.Errorf("%s needs a time; %s", head, use)
		}
		h, m, err := parseClock(args[0])
		if err != nil {
			return Spec{}, err
		}
		loc, err := optionalZone(args[1:], def, use)
		if err != nil {
			return Spec{}, err
		}
		return Spec{kind: k, hour: h, minute: m, loc: loc}, nil

	case "hourly":
		loc, err := optionalZone(args, def, usageHourly)
		if err != nil {
			return Spec{}, err
		}
		return Spec{kind: kindHourly, loc: loc}, nil

	case "every":
		if len(args) == 0 {
			return Spec{}, errors.New("every needs an interval; " + usageEvery)
		}
		d, err := parseEvery(args[0])
		if err != nil {
			return Spec{}, err
		}
		if err := noMore(args, 1, usageEvery); err != nil {
			return Spec{}, err
		}
		return Spec{kind: kindEvery, every: d, loc: def}, nil

	case "cron":
		if len(args) == 0 {
			return Spec{}, errors.New("cron needs an expression; " + usageCron)
		}
		expr, sched, err := parseCron(args[0], len(args))
		if err != nil {
			return Spec{}, err
		}
		loc, err := optionalZone(args[1:], def, usageCron)
		if err != nil {
			return Spec{}, err
		}
		sched.Location = loc
		s := Spec{kind: kindCron, expr: expr, sched: sched, loc: loc}
		// A satisfiable expression fires within nine years of any instant,
		// so probing one fixed instant is enough.
		if s.Next(time.Unix(946684800, 0)).IsZero() {
			return Spec{}, fmt.Errorf("cron expression %s never fires; %s", quote(expr), usageCron)
		}
		return s, nil
	}
	return Spec{}, unknownWord(words[0])
}

// ParseString splits s on white space, honouring double quotes (straight or
// the curly ones chat clients substitute), so config values like
// `cron "0 8 * * *" UTC` work, then calls Parse.
func ParseString(s string, def *time.Location) (Spec, error) {
	words, err := splitWords(s)
	if err != nil {
		return Spec{}, err
	}
	return Parse(words, def)
}

// Instant reports whether the schedule has no times: digests post as
// stories appear.
func (s Spec) Instant() bool { return s.kind == kindInstant }

// Location is the zone the schedule's wall-clock times are read in; for
// every and instant, which have none, it is the caller's default, so times
// can still be shown to the user in their zone.
func (s Spec) Location() *time.Location {
	if s.loc == nil {
		return time.UTC
	}
	return s.loc
}

// String returns the canonical words. Daily, weekdays and cron schedules
// always name their zone (UTC too): the words are stored and parsed again
// later with whatever default zone is configured then, so they must not
// depend on it. Hourly names its zone unless it is UTC. ParseString of
// the result is Equal to s. A zone built without a tz-database name
// (time.FixedZone) cannot round-trip.
func (s Spec) String() string {
	switch s.kind {
	case kindDaily:
		return fmt.Sprintf("daily %02d:%02d %s", s.hour, s.minute, s.Location())
	case kindWeekdays:
		return fmt.Sprintf("weekdays %02d:%02d %s", s.hour, s.minute, s.Location())
	case kindHourly:
		return withZone("hourly", s.Location())
	case kindEvery:
		return "every " + formatEvery(s.every)
	case kindCron:
		return `cron "` + s.expr + `" ` + s.Location().String()
	}
	return "instant"
}

// Equal reports whether s and o fire at the same instants and print the
// same. Use it instead of == (see Spec). The zone is ignored for every and
// instant because it changes neither their fire times nor their words.
func (s Spec) Equal(o Spec) bool {
	if s.kind != o.kind {
		return false
	}
	sameZone := s.Location().String() == o.Location().String()
	switch s.kind {
	case kindDaily, kindWeekdays:
		return s.hour == o.hour && s.minute == o.minute && sameZone
	case kindHourly:
		return sameZone
	case kindEvery:
		return s.every == o.every
	case kindCron:
		return s.expr == o.expr && sameZone
	}
	return true
}

func withZone(words string, loc *time.Location) string {
	if isUTC(loc) {
		return words
	}
	return words + " " + loc.String()
}

func isUTC(loc *time.Location) bool {
	return loc == time.UTC || loc.String() == "UTC"
}

func noMore(args []string, used int, use string) error {
	if len(args) <= used {
		return nil
	}
	return fmt.Errorf("unexpected extra words %s; %s", quote(strings.Join(args[used:], " ")), use)
}

func optionalZone(args []string, def *time.Location, use string) (*time.Location, error) {
	if len(args) == 0 {
		return def, nil
	}
	loc, err := loadZone(args[0])
	if err != nil {
		return nil, err
	}
	if err := noMore(args, 1, use); err != nil {
		return nil, err
	}
	return loc, nil
}

// parseClock accepts H:MM and HH:MM only: a single minute digit is more
// likely a typo (07:5 for 07:50?) than an intent.
func parseClock(w string) (hour, minute int, err error) {
	bad := fmt.Errorf("bad time %s: want HH:MM, 00:00 to 23:59", quote(w))
	hs, ms, ok := strings.Cut(w, ":")
	if !ok || len(hs) < 1 || len(hs) > 2 || len(ms) != 2 || !allDigits(hs) || !allDigits(ms) {
		return 0, 0, bad
	}
	hour, minute = atoi(hs), atoi(ms)
	if hour > 23 || minute > 59 {
		return 0, 0, bad
	}
	return hour, minute, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// atoi is for short strings already checked by allDigits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// parseCron wants the whole expression as one argument; nargs helps explain
// the common mistake of leaving the quotes off in chat.
func parseCron(arg string, nargs int) (string, cron.SpecSchedule, error) {
	fields := strings.Fields(strings.ToLower(arg))
	expr := strings.Join(fields, " ")
	fail := func(why string) (string, cron.SpecSchedule, error) {
		return "", cron.SpecSchedule{}, fmt.Errorf("bad cron expression %s: %s; %s", quote(arg), why, usageCron)
	}
	switch {
	case expr == "":
		return fail("it is empty")
	case len(fields) == 1 && !strings.HasPrefix(expr, "@") && nargs > 1:
		return fail("put the whole expression in double quotes")
	case strings.HasPrefix(expr, "@every"):
		// robfig's @every counts from whenever it is asked, so it would not
		// survive restarts; our own every is anchored.
		return fail("use every DURATION instead of @every")
	case strings.Contains(expr, "="):
		// TZ=/CRON_TZ= would fight the TZ word, and robfig panics on some of them.
		return fail("put the time zone after the quoted expression, not TZ= inside it")
	}
	parsed, err := cron.ParseStandard(expr)
	if err != nil {
		return fail(err.Error())
	}
	sp, ok := parsed.(*cron.SpecSchedule)
	if !ok {
		return fail("unsupported form")
	}
	for _, f := range []uint64{sp.Minute, sp.Hour, sp.Dom, sp.Month, sp.Dow} {
		if f&^cronStar == 0 {
			return fail("a field is empty")
		}
	}
	return expr, *sp, nil
}

// splitWords is a tiny shell-like splitter: quotes group words and are
// removed; nothing else is special.
func splitWords(s string) ([]string, error) {
	var (
		words   []string
		cur     strings.Builder
		inWord  bool
		inQuote bool
	)
	for _, r := range s {
		switch {
		case isQuote(r):
			inQuote = !inQuote
			inWord = true
		case !inQuote && unicode.IsSpace(r):
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inQuote {
		return nil, fmt.Errorf("unterminated quote in %s; %s", quote(s), usage)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

func unknownWord(w string) error {
	hint := ""
	if _, _, err := parseClock(w); err == nil {
		hint = fmt.Sprintf(" (did you mean %s?)", quote("daily "+w))
	} else if best := suggestWord(strings.ToLower(w)); best != "" {
		hint = fmt.Sprintf(" (did you mean %s?)", quote(best))
	}
	return fmt.Errorf("unknown schedule %s%s; %s", quote(w), hint, usage)
}

// suggestWord returns the closest schedule word within edit distance 2.
func suggestWord(w string) string {
	best, bestDist := "", 3
	for _, k := range [...]string{"daily", "weekdays", "hourly", "every", "cron", "instant"} {
		if d := levenshtein(w, k, bestDist); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// levenshtein returns the edit distance between a and b, or max if it is at
// least max; the cap keeps hostile input from costing quadratic time.
func levenshtein(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra)-len(rb) >= max || len(rb)-len(ra) >= max {
		return max
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return min(prev[len(rb)], max)
}

// quote quotes user input for an error message, shortened so a pasted
// paragraph does not swamp the chat reply.
func quote(s string) string {
	const maxRunes = 40
	if utf8.RuneCountInString(s) > maxRunes {
		s = string([]rune(s)[:maxRunes]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
