package schedule

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/robfig/cron/v3"
)

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

func mustParse(t testing.TB, s string) Spec {
	t.Helper()
	spec, err := ParseString(s, nil)
	if err != nil {
		t.Fatalf("ParseString(%q): %v", s, err)
	}
	return spec
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("parse time %q: %v", s, err)
	}
	return tm
}

func TestParse(t *testing.T) {
	kyiv := mustLoad(t, "Europe/Kyiv")
	tests := []struct {
		name    string
		words   []string // used when set, else in
		in      string
		def     *time.Location
		want    string // canonical String
		wantLoc string
		instant bool
	}{
		{name: "daily", in: "daily 07:00 Europe/Kyiv", want: "daily 07:00 Europe/Kyiv", wantLoc: "Europe/Kyiv"},
		{name: "daily one-digit hour", in: "daily 7:05 Europe/Brussels", want: "daily 07:05 Europe/Brussels", wantLoc: "Europe/Brussels"},
		{name: "daily midnight", in: "daily 00:00", want: "daily 00:00 UTC", wantLoc: "UTC"},
		{name: "daily last minute", in: "daily 23:59 UTC", want: "daily 23:59 UTC", wantLoc: "UTC"},
		{name: "daily default zone", in: "daily 07:00", def: kyiv, want: "daily 07:00 Europe/Kyiv", wantLoc: "Europe/Kyiv"},
		{name: "daily nil default is UTC", in: "daily 07:00", want: "daily 07:00 UTC", wantLoc: "UTC"},
		{name: "explicit UTC beats default", in: "daily 07:00 UTC", def: kyiv, want: "daily 07:00 UTC", wantLoc: "UTC"},
		{name: "explicit utc lower case", in: "daily 07:00 utc", def: kyiv, want: "daily 07:00 UTC", wantLoc: "UTC"},
		{name: "zone case-insensitive", in: "daily 07:00 europe/KYIV", want: "daily 07:00 Europe/Kyiv", wantLoc: "Europe/Kyiv"},
		{name: "zone case-insensitive new york", in: "daily 07:00 AMERICA/NEW_YORK", want: "daily 07:00 America/New_York", wantLoc: "America/New_York"},
		{name: "Etc/UTC is named", in: "daily 07:00 Etc/UTC", want: "daily 07:00 Etc/UTC", wantLoc: "Etc/UTC"},
		{name: "word case-insensitive", in: "Daily 07:00 Europe/Kyiv", want: "daily 07:00 Europe/Kyiv", wantLoc: "Europe/Kyiv"},
		{name: "weekdays", in: "WEEKDAYS 08:30 America/New_York", want: "weekdays 08:30 America/New_York", wantLoc: "America/New_York"},
		{name: "weekdays default zone", in: "weekdays 8:30", def: kyiv, want: "weekdays 08:30 Europe/Kyiv", wantLoc: "Europe/Kyiv"},
		{name: "hourly", in: "hourly", want: "hourly", wantLoc: "UTC"},
		{name: "hourly default zone", in: "Hourly", def: kyiv, want: "hourly Europe/Kyiv", wantLoc: "Europe/Kyiv"},
		{name: "hourly with zone", in: "hourly asia/kolkata", want: "hourly Asia/Kolkata", wantLoc: "Asia/Kolkata"},
		{name: "every seconds", in: "every 10s", want: "every 10s", wantLoc: "UTC"},
		{name: "every minutes", in: "EVERY 15m", want: "every 15m", wantLoc: "UTC"},
		{name: "every hours", in: "every 2h", want: "every 2h", wantLoc: "UTC"},
		{name: "every compound", in: "every 1h30m", want: "every 1h30m", wantLoc: "UTC"},
		{name: "every 90m is canonicalised", in: "every 90m", want: "every 1h30m", wantLoc: "UTC"},
		{name: "every day", in: "every 1d", want: "every 1d", wantLoc: "UTC"},
		{name: "every 24h reads as a day", in: "every 24h", want: "every 1d", wantLoc: "UTC"},
		{name: "every days and hours", in: "every 1d12h", want: "every 1d12h", wantLoc: "UTC"},
		{name: "every upper-case unit", in: "every 15M", want: "every 15m", wantLoc: "UTC"},
		{name: "every fraction making whole seconds", in: "every 1.5m", want: "every 1m30s", wantLoc: "UTC"},
		{name: "every milliseconds making whole seconds", in: "every 10000ms", want: "every 10s", wantLoc: "UTC"},
		{name: "every keeps default zone for display", in: "every 15m", def: kyiv, want: "every 15m", wantLoc: "Europe/Kyiv"},
		{name: "cron words", words: []string{"cron", "0 8 * * 1-5", "Europe/Kyiv"}, want: `cron "0 8 * * 1-5" Europe/Kyiv`, wantLoc: "Europe/Kyiv"},
		{name: "cron string", in: `cron "0 8 * * *" UTC`, want: `cron "0 8 * * *" UTC`, wantLoc: "UTC"},
		{name: "cron default zone", in: `cron "*/15 * * * *"`, def: kyiv, want: `cron "*/15 * * * *" Europe/Kyiv`, wantLoc: "Europe/Kyiv"},
		{name: "cron spacing and names normalised", in: `CRON "0  8 * *   MON-FRI" europe/brussels`, want: `cron "0 8 * * mon-fri" Europe/Brussels`, wantLoc: "Europe/Brussels"},
		{name: "cron descriptor", in: `cron "@daily" America/New_York`, want: `cron "@daily" America/New_York`, wantLoc: "America/New_York"},
		{name: "cron descriptor unquoted", in: `cron @Weekly`, want: `cron "@weekly" UTC`, wantLoc: "UTC"},
		{name: "cron feb 29", in: `cron "0 8 29 2 *"`, want: `cron "0 8 29 2 *" UTC`, wantLoc: "UTC"},
		{name: "instant", in: "instant", want: "instant", wantLoc: "UTC", instant: true},
		{name: "instant upper case with default", in: "INSTANT", def: kyiv, want: "instant", wantLoc: "Europe/Kyiv", instant: true},
		{name: "extra white space", in: "  daily \t 07:00   Europe/Kyiv  ", want: "daily 07:00 Europe/Kyiv", wantLoc: "Europe/Kyiv"},
		{name: "curly quotes from chat clients", in: "cron “0 8 * * *” Europe/Kyiv", want: `cron "0 8 * * *" Europe/Kyiv`, wantLoc: "Europe/Kyiv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				spec Spec
				err  error
			)
			if tt.words != nil {
				spec, err = Parse(tt.words, tt.def)
			} else {
				spec, err = ParseString(tt.in, tt.def)
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if got := spec.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if got := spec.Location().String(); got != tt.wantLoc {
				t.Errorf("Location() = %q, want %q", got, tt.wantLoc)
			}
			if spec.Instant() != tt.instant {
				t.Errorf("Instant() = %v, want %v", spec.Instant(), tt.instant)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		words []string // used when set, else in
		in    string
		want  []string // substrings of the error
	}{
		{name: "empty", in: "", want: []string{"empty schedule", "daily HH:MM [TZ]"}},
		{name: "empty words", words: []string{}, want: []string{"empty schedule"}},
		{name: "hour 25", in: "daily 25:00", want: []string{`bad time "25:00"`, "HH:MM", "00:00 to 23:59"}},
		{name: "hour 24", in: "daily 24:00", want: []string{`bad time "24:00"`}},
		{name: "minute 60", in: "daily 12:60", want: []string{`bad time "12:60"`}},
		{name: "one minute digit", in: "daily 7:5", want: []string{`bad time "7:5"`}},
		{name: "three hour digits", in: "daily 007:00", want: []string{`bad time "007:00"`}},
		{name: "seconds", in: "daily 07:00:00", want: []string{`bad time "07:00:00"`}},
		{name: "signed hour", in: "daily +7:00", want: []string{`bad time "+7:00"`}},
		{name: "am/pm", in: "weekdays 7am", want: []string{`bad time "7am"`}},
		{name: "zone before time", in: "daily Europe/Kyiv 07:00", want: []string{`bad time "Europe/Kyiv"`}},
		{name: "daily without time", in: "daily", want: []string{"daily needs a time", "daily HH:MM [TZ]"}},
		{name: "weekdays without time", in: "weekdays", want: []string{"weekdays needs a time", "weekdays HH:MM [TZ]"}},
		{name: "bad zone", in: "daily 07:00 Europe/Kiev2", want: []string{`unknown time zone "Europe/Kiev2"`, `did you mean "Europe/Kiev"`}},
		{name: "zone without region", in: "daily 07:00 Kyiv", want: []string{`unknown time zone "Kyiv"`, `did you mean "Europe/Kyiv"`}},
		{name: "zone path traversal", in: "daily 07:00 ../../etc/passwd", want: []string{`unknown time zone "../../etc/passwd"`}},
		{name: "zone data file", in: "daily 07:00 zone.tab", want: []string{`unknown time zone "zone.tab"`}},
		{name: "zone directory", in: "daily 07:00 Europe", want: []string{`unknown time zone "Europe"`}},
		{name: "empty zone word", words: []string{"daily", "07:00", ""}, want: []string{`unknown time zone ""`}},
		{name: "hourly bad zone", in: "hourly Mars/Olympus", want: []string{`unknown time zone "Mars/Olympus"`}},
		{name: "cron bad zone", in: `cron "0 8 * * *" Nowhere`, want: []string{`unknown time zone "Nowhere"`}},
		{name: "unknown word with suggestion", in: "dialy 07:00", want: []string{`unknown schedule "dialy"`, `did you mean "daily"?`, "daily HH:MM [TZ], weekdays HH:MM [TZ], hourly, every DURATION, cron \"<expr>\" [TZ], instant"}},
		{name: "suggest weekdays", in: "weekday 07:00", want: []string{`did you mean "weekdays"?`}},
		{name: "suggest hourly", in: "HOURLI", want: []string{`unknown schedule "HOURLI"`, `did you mean "hourly"?`}},
		{name: "suggest every", in: "evry 15m", want: []string{`did you mean "every"?`}},
		{name: "suggest instant", in: "instnat", want: []string{`did you mean "instant"?`}},
		{name: "suggest daily for a bare time", in: "07:00 Europe/Kyiv", want: []string{`unknown schedule "07:00"`, `did you mean "daily 07:00"?`}},
		{name: "unknown word without suggestion", in: "fortnightly", want: []string{`unknown schedule "fortnightly"`, "schedules: daily HH:MM [TZ]"}},
		{name: "trailing after daily", in: "daily 07:00 Europe/Kyiv please now", want: []string{`unexpected extra words "please now"`, "daily HH:MM [TZ]"}},
		{name: "trailing after instant", in: "instant now", want: []string{`unexpected extra words "now"`, "usage: instant"}},
		{name: "trailing after every", in: "every 15m Europe/Kyiv", want: []string{`unexpected extra words "Europe/Kyiv"`, "every DURATION"}},
		{name: "trailing after cron", in: `cron "0 8 * * *" UTC again`, want: []string{`unexpected extra words "again"`, `cron "<`}},
		{name: "trailing after hourly zone", in: "hourly UTC x", want: []string{`unexpected extra words "x"`, "hourly [TZ]"}},
		{name: "every missing", in: "every", want: []string{"every needs an interval", "every DURATION"}},
		{name: "every 5s", in: "every 5s", want: []string{`interval "5s" is too short`, "at least 10s"}},
		{name: "every 9s", in: "every 9s", want: []string{`interval "9s" is too short`}},
		{name: "every 9999ms", in: "every 9999ms", want: []string{"not a whole number of seconds"}},
		{name: "every 0", in: "every 0", want: []string{`interval "0" is too short`}},
		{name: "every 0s", in: "every 0s", want: []string{`interval "0s" is too short`}},
		{name: "every negative", in: "every -15m", want: []string{`interval "-15m" must be positive`}},
		{name: "every 1.5s", in: "every 1.5s", want: []string{`interval "1.5s" is not a whole number of seconds`}},
		{name: "every 10.5s", in: "every 10.5s", want: []string{"not a whole number of seconds"}},
		{name: "every without unit", in: "every 15", want: []string{`bad interval "15"`, "10s, 15m"}},
		{name: "every bad unit", in: "every 2w", want: []string{`bad interval "2w"`}},
		{name: "every garbage", in: "every soon", want: []string{`bad interval "soon"`}},
		{name: "every plus sign", in: "every +15m", want: []string{`bad interval "+15m"`}},
		{name: "every overflow", in: "every 999999999999d", want: []string{`interval "999999999999d" is too long`}},
		{name: "cron missing", in: "cron", want: []string{"cron needs an expression", `cron "<`}},
		{name: "cron bad minute", in: `cron "61 8 * * *"`, want: []string{`bad cron expression "61 8 * * *"`, "above maximum"}},
		{name: "cron too few fields", in: `cron "0 8 * *"`, want: []string{`bad cron expression "0 8 * *"`, "expected exactly 5 fields"}},
		{name: "cron seconds field", in: `cron "0 0 8 * * *"`, want: []string{"bad cron expression", "expected exactly 5 fields"}},
		{name: "cron garbage", in: `cron "every morning"`, want: []string{`bad cron expression "every morning"`}},
		{name: "cron without quotes", words: []string{"cron", "0", "8", "*", "*", "*"}, want: []string{`bad cron expression "0"`, "double quotes"}},
		{name: "cron @every", in: `cron "@every 1h"`, want: []string{"use every DURATION"}},
		{name: "cron TZ inside", in: `cron "TZ=UTC 0 8 * * *"`, want: []string{"time zone after the quoted expression"}},
		{name: "cron TZ inside without space", in: `cron "CRON_TZ=UTC"`, want: []string{"time zone after the quoted expression"}},
		{name: "cron empty", words: []string{"cron", " "}, want: []string{"bad cron expression", "empty"}},
		{name: "cron empty field", in: `cron ", 8 * * *"`, want: []string{"bad cron expression", "a field is empty"}},
		{name: "cron bad descriptor", in: `cron "@fortnightly"`, want: []string{"bad cron expression", "unrecognized descriptor"}},
		{name: "cron never fires", in: `cron "0 8 30 2 *"`, want: []string{`cron expression "0 8 30 2 *" never fires`}},
		{name: "unterminated quote", in: `cron "0 8 * * *`, want: []string{"unterminated quote"}},
		{name: "long input is shortened", in: "x" + strings.Repeat("y", 500), want: []string{"unknown schedule", "…"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.words != nil {
				_, err = Parse(tt.words, nil)
			} else {
				_, err = ParseString(tt.in, nil)
			}
			if err == nil {
				t.Fatalf("no error, want one mentioning %q", tt.want)
			}
			msg := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not mention %q", msg, w)
				}
			}
			if strings.ContainsAny(msg, "\n\r") || len(msg) > 400 {
				t.Errorf("error is not one short line: %q", msg)
			}
		})
	}
}

func TestParseStringSplitting(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{in: `cron "0 8 * * *" UTC`, want: []string{"cron", "0 8 * * *", "UTC"}},
		{in: "  a \t b\u00a0c ", want: []string{"a", "b", "c"}},
		{in: `a"b c"d`, want: []string{"ab cd"}},
		{in: `"" x`, want: []string{"", "x"}},
		{in: "“0 8 * * *”", want: []string{"0 8 * * *"}},
		{in: "", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := splitWords(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("splitWords(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// validForms lists one spec of every form; tests share it so a new form
// gets round-trip and restart coverage for free.
func validForms() []string {
	return []string{
		"daily 07:00 UTC",
		"daily 02:30 Europe/Brussels",
		"daily 07:05 America/New_York",
		"daily 00:00 America/Santiago",
		"daily 02:15 Australia/Lord_Howe",
		"weekdays 08:30 UTC",
		"weekdays 02:30 Europe/Brussels",
		"weekdays 00:30 Africa/Cairo",
		"hourly",
		"hourly Europe/Brussels",
		"hourly Asia/Kolkata",
		"hourly Australia/Lord_Howe",
		"every 10s",
		"every 15m",
		"every 2h",
		"every 1h30m",
		"every 1d",
		"every 1d2h3m4s",
		`cron "0 8 * * 1-5" Europe/Kyiv`,
		`cron "*/15 * * * *" UTC`,
		`cron "30 2 * * *" Europe/Brussels`,
		`cron "*/30 2 * * *" Europe/Brussels`,
		`cron "0 * * * *" America/New_York`,
		`cron "@daily" America/Santiago`,
		`cron "@weekly" Europe/Brussels`,
		`cron "0 9 1,15 * *" Asia/Kolkata`,
		"instant",
		"daily 07:00 Etc/UTC",
	}
}

func TestStringRoundTrip(t *testing.T) {
	kyiv := mustLoad(t, "Europe/Kyiv")
	for _, in := range validForms() {
		t.Run(in, func(t *testing.T) {
			spec := mustParse(t, in)
			out := spec.String()
			if out != in {
				t.Errorf("String() = %q, want the canonical input %q", out, in)
			}
			again, err := ParseString(out, nil)
			if err != nil {
				t.Fatalf("ParseString(%q): %v", out, err)
			}
			if !again.Equal(spec) {
				t.Errorf("ParseString(String()) = %#v, want %#v", again, spec)
			}
			if !isUTC(spec.Location()) {
				// A named zone survives whatever default the reader uses.
				withDef, err := ParseString(out, kyiv)
				if err != nil || !withDef.Equal(spec) {
					t.Errorf("ParseString(%q, Kyiv) = %v, %v; want Equal to the original", out, withDef, err)
				}
			}
		})
	}
}

func TestEqual(t *testing.T) {
	kyiv := mustLoad(t, "Europe/Kyiv")
	tests := []struct {
		name string
		a, b Spec
		want bool
	}{
		{"separately loaded zones", mustParse(t, "daily 07:00 Europe/Kyiv"), mustParse(t, "daily 07:00 europe/kyiv"), true},
		{"default zone equals named zone", mustParse(t, "daily 07:00 Europe/Kyiv"), func() Spec { s, _ := Parse([]string{"daily", "07:00"}, kyiv); return s }(), true},
		{"different zone", mustParse(t, "daily 07:00 Europe/Kyiv"), mustParse(t, "daily 07:00 Europe/Brussels"), false},
		{"different time", mustParse(t, "daily 07:00"), mustParse(t, "daily 07:01"), false},
		{"daily vs weekdays", mustParse(t, "daily 07:00"), mustParse(t, "weekdays 07:00"), false},
		{"every ignores zone", mustParse(t, "every 15m"), func() Spec { s, _ := Parse([]string{"every", "15m"}, kyiv); return s }(), true},
		{"every differs", mustParse(t, "every 15m"), mustParse(t, "every 16m"), false},
		{"cron differs", mustParse(t, `cron "0 8 * * *"`), mustParse(t, `cron "0 9 * * *"`), false},
		{"zero Spec is instant", Spec{}, mustParse(t, "instant"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Equal(tt.b); got != tt.want {
				t.Errorf("%v.Equal(%v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := tt.b.Equal(tt.a); got != tt.want {
				t.Errorf("Equal is not symmetric")
			}
		})
	}
}

func TestZeroSpec(t *testing.T) {
	var s Spec
	if !s.Instant() || s.String() != "instant" || s.Location() != time.UTC || !s.Next(time.Now()).IsZero() {
		t.Errorf("zero Spec: Instant=%v String=%q Location=%v", s.Instant(), s.String(), s.Location())
	}
}

// fires returns the first n fire times after from.
func fires(s Spec, from time.Time, n int) []time.Time {
	var out []time.Time
	for range n {
		from = s.Next(from)
		out = append(out, from)
	}
	return out
}

func TestNext(t *testing.T) {
	tests := []struct {
		name string
		spec string
		from string
		want []string
	}{
		{
			name: "daily plain days",
			spec: "daily 07:00 Europe/Kyiv",
			from: "2026-06-10T06:59:59+03:00",
			want: []string{"2026-06-10T07:00:00+03:00", "2026-06-11T07:00:00+03:00", "2026-06-12T07:00:00+03:00"},
		},
		{
			name: "daily strictly after a fire",
			spec: "daily 07:00 Europe/Kyiv",
			from: "2026-06-10T07:00:00+03:00",
			want: []string{"2026-06-11T07:00:00+03:00"},
		},
		{
			name: "daily from another zone's clock",
			spec: "daily 07:00 Europe/Kyiv",
			from: "2026-06-10T03:59:00Z",
			want: []string{"2026-06-10T07:00:00+03:00"},
		},
		{
			name: "daily utc across month and year",
			spec: "daily 23:59",
			from: "2026-12-31T23:58:00Z",
			want: []string{"2026-12-31T23:59:00Z", "2027-01-01T23:59:00Z"},
		},
		{
			name: "weekdays skip Saturday and Sunday",
			spec: "weekdays 08:30 Europe/Kyiv",
			from: "2026-06-11T09:00:00+03:00", // Thursday, after the fire
			want: []string{"2026-06-12T08:30:00+03:00", "2026-06-15T08:30:00+03:00", "2026-06-16T08:30:00+03:00"},
		},
		{
			name: "weekdays from Saturday",
			spec: "weekdays 08:30",
			from: "2026-06-13T12:00:00Z",
			want: []string{"2026-06-15T08:30:00Z"},
		},
		{
			name: "weekdays uses the local date",
			spec: "weekdays 00:30 Asia/Tokyo",
			from: "2026-06-12T16:00:00Z", // Saturday 01:00 in Tokyo, Friday in UTC
			want: []string{"2026-06-15T00:30:00+09:00"},
		},
		{
			name: "hourly utc",
			spec: "hourly",
			from: "2026-06-10T10:15:00Z",
			want: []string{"2026-06-10T11:00:00Z", "2026-06-10T12:00:00Z"},
		},
		{
			name: "hourly at local minute 0 in a half-hour zone",
			spec: "hourly Asia/Kolkata",
			from: "2026-06-10T10:15:00Z",
			want: []string{"2026-06-10T16:00:00+05:30", "2026-06-10T17:00:00+05:30"},
		},
		{
			name: "every 10s from a given time",
			spec: "every 10s",
			from: "2026-06-10T10:15:03.5Z",
			want: []string{"2026-06-10T10:15:10Z", "2026-06-10T10:15:20Z", "2026-06-10T10:15:30Z"},
		},
		{
			name: "every strictly after a grid point",
			spec: "every 15m",
			from: "2026-06-10T10:15:00Z",
			want: []string{"2026-06-10T10:30:00Z", "2026-06-10T10:45:00Z"},
		},
		{
			name: "every 1d is midnight UTC whatever the zone",
			spec: "every 1d",
			from: "2026-03-28T12:00:00Z",
			want: []string{"2026-03-29T00:00:00Z", "2026-03-30T00:00:00Z"},
		},
		{
			name: "every 7h counts from the Unix epoch",
			spec: "every 7h",
			from: "1970-01-01T00:00:00Z",
			want: []string{"1970-01-01T07:00:00Z", "1970-01-01T14:00:00Z"},
		},
		{
			name: "cron in a zone",
			spec: `cron "0 8 * * 1-5" Europe/Kyiv`,
			from: "2026-06-12T09:00:00+03:00", // Friday after the fire
			want: []string{"2026-06-15T08:00:00+03:00", "2026-06-16T08:00:00+03:00"},
		},
		{
			name: "cron every 15 minutes in a zone",
			spec: `cron "*/15 9 * * *" Asia/Kolkata`,
			from: "2026-06-10T09:20:00+05:30",
			want: []string{"2026-06-10T09:30:00+05:30", "2026-06-10T09:45:00+05:30", "2026-06-11T09:00:00+05:30"},
		},
		{
			name: "cron day-of-month or day-of-week",
			spec: `cron "0 8 13 * 5"`, // the 13th or any Friday, as in cron(8)
			from: "2026-06-10T00:00:00Z",
			want: []string{"2026-06-12T08:00:00Z", "2026-06-13T08:00:00Z", "2026-06-19T08:00:00Z"},
		},
		{
			name: "cron Feb 29 across 2100",
			spec: `cron "0 8 29 2 *"`,
			from: "2096-03-01T00:00:00Z",
			want: []string{"2104-02-29T08:00:00Z"},
		},
		{
			name: "robfig cron beyond its five-year horizon",
			spec: `cron "*/30 8 29 2 *"`,
			from: "2096-03-01T00:00:00Z",
			want: []string{"2104-02-29T08:00:00Z", "2104-02-29T08:30:00Z"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFires(t, mustParse(t, tt.spec), mustTime(t, tt.from), tt.want)
		})
	}
}

func checkFires(t *testing.T, spec Spec, from time.Time, want []string) {
	t.Helper()
	got := fires(spec, from, len(want))
	for i, w := range want {
		wt := mustTime(t, w)
		if !got[i].Equal(wt) {
			t.Errorf("fire %d after %s = %s, want %s", i+1, from.Format(time.RFC3339), got[i].Format(time.RFC3339), w)
			continue
		}
		// The wall clock and offset, not just the instant, must match, so
		// callers can show the result without converting it.
		if got[i].Format(time.RFC3339) != wt.Format(time.RFC3339) {
			t.Errorf("fire %d = %s, want it in the schedule's zone as %s", i+1, got[i].Format(time.RFC3339), w)
		}
		if got[i].Location() != spec.Location() {
			t.Errorf("fire %d is in %v, want %v", i+1, got[i].Location(), spec.Location())
		}
	}
}

func TestNextDST(t *testing.T) {
	tests := []struct {
		name string
		spec string
		from string
		want []string
	}{
		// Europe/Brussels 2026: 02:00 CET -> 03:00 CEST on Sun 29 March,
		// 03:00 CEST -> 02:00 CET on Sun 25 October.
		{
			name: "brussels daily 02:30 spring forward fires after the gap",
			spec: "daily 02:30 Europe/Brussels",
			from: "2026-03-27T12:00:00+01:00",
			want: []string{"2026-03-28T02:30:00+01:00", "2026-03-29T03:30:00+02:00", "2026-03-30T02:30:00+02:00"},
		},
		{
			name: "brussels daily 02:30 fall back fires at the first occurrence only",
			spec: "daily 02:30 Europe/Brussels",
			from: "2026-10-23T12:00:00+02:00",
			want: []string{"2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"},
		},
		{
			name: "brussels daily 07:00 spring forward",
			spec: "daily 07:00 Europe/Brussels",
			from: "2026-03-27T12:00:00+01:00",
			want: []string{"2026-03-28T07:00:00+01:00", "2026-03-29T07:00:00+02:00", "2026-03-30T07:00:00+02:00"},
		},
		{
			name: "brussels daily 07:00 fall back",
			spec: "daily 07:00 Europe/Brussels",
			from: "2026-10-23T12:00:00+02:00",
			want: []string{"2026-10-24T07:00:00+02:00", "2026-10-25T07:00:00+01:00", "2026-10-26T07:00:00+01:00"},
		},
		{
			name: "brussels weekdays 02:30 spring forward",
			spec: "weekdays 02:30 Europe/Brussels",
			from: "2026-03-26T12:00:00+01:00",
			want: []string{"2026-03-27T02:30:00+01:00", "2026-03-30T02:30:00+02:00", "2026-03-31T02:30:00+02:00"},
		},
		{
			name: "brussels weekdays 02:30 fall back",
			spec: "weekdays 02:30 Europe/Brussels",
			from: "2026-10-22T12:00:00+02:00",
			want: []string{"2026-10-23T02:30:00+02:00", "2026-10-26T02:30:00+01:00", "2026-10-27T02:30:00+01:00"},
		},
		{
			name: "brussels hourly spring forward",
			spec: "hourly Europe/Brussels",
			from: "2026-03-28T23:30:00+01:00",
			want: []string{"2026-03-29T00:00:00+01:00", "2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T04:00:00+02:00"},
		},
		{
			name: "brussels hourly fall back fires at both 02:00s",
			spec: "hourly Europe/Brussels",
			from: "2026-10-25T00:30:00+02:00",
			want: []string{"2026-10-25T01:00:00+02:00", "2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T03:00:00+01:00"},
		},
		{
			name: "brussels hourly from inside the repeated hour",
			spec: "hourly Europe/Brussels",
			from: "2026-10-25T02:30:00+01:00",
			want: []string{"2026-10-25T03:00:00+01:00"},
		},
		// America/New_York 2026: 02:00 EST -> 03:00 EDT on Sun 8 March,
		// 02:00 EDT -> 01:00 EST on Sun 1 November (01:xx repeats).
		{
			name: "new york daily 02:30 spring forward",
			spec: "daily 02:30 America/New_York",
			from: "2026-03-06T12:00:00-05:00",
			want: []string{"2026-03-07T02:30:00-05:00", "2026-03-08T03:30:00-04:00", "2026-03-09T02:30:00-04:00"},
		},
		{
			name: "new york daily 02:30 fall back is unambiguous",
			spec: "daily 02:30 America/New_York",
			from: "2026-10-30T12:00:00-04:00",
			want: []string{"2026-10-31T02:30:00-04:00", "2026-11-01T02:30:00-05:00", "2026-11-02T02:30:00-05:00"},
		},
		{
			name: "new york daily 01:30 fall back fires at the first occurrence only",
			spec: "daily 01:30 America/New_York",
			from: "2026-10-31T12:00:00-04:00",
			want: []string{"2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"},
		},
		{
			name: "new york daily 07:00 spring forward",
			spec: "daily 07:00 America/New_York",
			from: "2026-03-06T12:00:00-05:00",
			want: []string{"2026-03-07T07:00:00-05:00", "2026-03-08T07:00:00-04:00", "2026-03-09T07:00:00-04:00"},
		},
		{
			name: "new york daily 07:00 fall back",
			spec: "daily 07:00 America/New_York",
			from: "2026-10-30T12:00:00-04:00",
			want: []string{"2026-10-31T07:00:00-04:00", "2026-11-01T07:00:00-05:00", "2026-11-02T07:00:00-05:00"},
		},
		{
			name: "new york weekdays 02:30 spring forward",
			spec: "weekdays 02:30 America/New_York",
			from: "2026-03-05T12:00:00-05:00",
			want: []string{"2026-03-06T02:30:00-05:00", "2026-03-09T02:30:00-04:00"},
		},
		{
			name: "new york weekdays 02:30 fall back",
			spec: "weekdays 02:30 America/New_York",
			from: "2026-10-29T12:00:00-04:00",
			want: []string{"2026-10-30T02:30:00-04:00", "2026-11-02T02:30:00-05:00"},
		},
		{
			name: "new york hourly spring forward",
			spec: "hourly America/New_York",
			from: "2026-03-07T23:30:00-05:00",
			want: []string{"2026-03-08T00:00:00-05:00", "2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T04:00:00-04:00"},
		},
		{
			name: "new york hourly fall back fires at both 01:00s",
			spec: "hourly America/New_York",
			from: "2026-10-31T23:30:00-04:00",
			want: []string{"2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00"},
		},
		// Africa/Cairo changes on weekdays: 00:00 -> 01:00 on Fri 24 April,
		// 24:00 -> 23:00 on Thu 29 October 2026.
		{
			name: "cairo weekdays in the spring gap",
			spec: "weekdays 00:30 Africa/Cairo",
			from: "2026-04-23T12:00:00+02:00",
			want: []string{"2026-04-24T01:30:00+03:00", "2026-04-27T00:30:00+03:00"},
		},
		{
			name: "cairo weekdays in the repeated hour",
			spec: "weekdays 23:30 Africa/Cairo",
			from: "2026-10-29T12:00:00+03:00",
			want: []string{"2026-10-29T23:30:00+03:00", "2026-10-30T23:30:00+02:00"},
		},
		// America/Santiago skips midnight: 00:00 -> 01:00 on Sun 6 September 2026.
		{
			name: "santiago daily midnight that does not exist",
			spec: "daily 00:00 America/Santiago",
			from: "2026-09-05T12:00:00-04:00",
			want: []string{"2026-09-06T01:00:00-03:00", "2026-09-07T00:00:00-03:00"},
		},
		// Australia/Lord_Howe moves by 30 minutes: 02:00 -> 02:30 on Sun 4 October 2026.
		{
			name: "lord howe daily in a half-hour gap",
			spec: "daily 02:15 Australia/Lord_Howe",
			from: "2026-10-03T12:00:00+10:30",
			want: []string{"2026-10-04T02:45:00+11:00", "2026-10-05T02:15:00+11:00"},
		},
		{
			name: "lord howe hourly in a half-hour gap",
			spec: "hourly Australia/Lord_Howe",
			from: "2026-10-04T00:30:00+10:30",
			want: []string{"2026-10-04T01:00:00+10:30", "2026-10-04T02:30:00+11:00", "2026-10-04T03:00:00+11:00"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFires(t, mustParse(t, tt.spec), mustTime(t, tt.from), tt.want)
		})
	}
}

// firesIn returns every fire in [from, to).
func firesIn(s Spec, from, to time.Time) []time.Time {
	var out []time.Time
	for x := s.Next(from.Add(-time.Nanosecond)); x.Before(to) && len(out) < 10000; x = s.Next(x) {
		out = append(out, x)
	}
	return out
}

func checkIncreasing(t *testing.T, fs []time.Time) {
	t.Helper()
	for i := 1; i < len(fs); i++ {
		if !fs[i].After(fs[i-1]) {
			t.Fatalf("fire %d (%s) is not after fire %d (%s)", i, fs[i], i-1, fs[i-1])
		}
	}
}

func TestDailyOncePerLocalDateForAYear(t *testing.T) {
	tests := []struct {
		spec string
		days int // local dates in 2026 that should fire
	}{
		{"daily 02:30 Europe/Brussels", 365},
		{"daily 02:30 America/New_York", 365},
		{"daily 01:30 America/New_York", 365},
		{"daily 00:00 America/Santiago", 365},
		{"daily 02:15 Australia/Lord_Howe", 365},
		{"daily 07:00 Asia/Kolkata", 365},
		{"weekdays 02:30 Europe/Brussels", 261},
		{"weekdays 23:30 Africa/Cairo", 261},
		{`cron "30 2 * * *" Europe/Brussels`, 365},
		{`cron "@daily" America/Santiago`, 365},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			spec := mustParse(t, tt.spec)
			loc := spec.Location()
			fs := firesIn(spec, time.Date(2026, 1, 1, 0, 0, 0, 0, loc), time.Date(2027, 1, 1, 0, 0, 0, 0, loc))
			checkIncreasing(t, fs)
			seen := map[string]int{}
			for _, f := range fs {
				seen[f.Format("2006-01-02")]++
			}
			if len(fs) != tt.days || len(seen) != tt.days {
				t.Errorf("%d fires on %d local dates in 2026, want %d on %d", len(fs), len(seen), tt.days, tt.days)
			}
			for d, n := range seen {
				if n != 1 {
					t.Errorf("%s: %d fires, want 1", d, n)
				}
			}
		})
	}
}

func TestBrusselsDaily0230Year(t *testing.T) {
	spec := mustParse(t, "daily 02:30 Europe/Brussels")
	loc := spec.Location()
	fs := firesIn(spec, time.Date(2026, 1, 1, 0, 0, 0, 0, loc), time.Date(2027, 1, 1, 0, 0, 0, 0, loc))
	if len(fs) != 365 {
		t.Fatalf("%d fires in 2026, want 365", len(fs))
	}
	for i, f := range fs {
		if want := time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC).Format("2006-01-02"); f.Format("2006-01-02") != want {
			t.Fatalf("fire %d is on %s, want %s", i, f.Format("2006-01-02"), want)
		}
		clock := f.Format("15:04")
		if f.Format("01-02") == "03-29" {
			if clock != "03:30" {
				t.Errorf("spring-forward fire at %s, want 03:30", f)
			}
		} else if clock != "02:30" {
			t.Errorf("fire at %s, want 02:30 local", f)
		}
	}
}

func TestHourlyDSTDays(t *testing.T) {
	tests := []struct {
		zone string
		day  string // local date
		want int
	}{
		{"Europe/Brussels", "2026-03-29", 23},
		{"Europe/Brussels", "2026-10-25", 25},
		{"Europe/Brussels", "2026-06-10", 24},
		{"America/New_York", "2026-03-08", 23},
		{"America/New_York", "2026-11-01", 25},
		{"Asia/Kolkata", "2026-03-29", 24},
	}
	for _, tt := range tests {
		t.Run(tt.zone+" "+tt.day, func(t *testing.T) {
			spec := mustParse(t, "hourly "+tt.zone)
			loc := spec.Location()
			d, err := time.ParseInLocation("2006-01-02", tt.day, loc)
			if err != nil {
				t.Fatal(err)
			}
			fs := firesIn(spec, d, time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc))
			if len(fs) != tt.want {
				t.Errorf("%d fires, want %d: %v", len(fs), tt.want, fs)
			}
			checkIncreasing(t, fs)
			for i, f := range fs {
				if f.Minute() != 0 || f.Second() != 0 || f.Nanosecond() != 0 {
					t.Errorf("fire %s is not at local minute 0", f)
				}
				if i > 0 && f.Sub(fs[i-1]) != time.Hour {
					t.Errorf("fires %s and %s are not one real hour apart", fs[i-1], f)
				}
			}
		})
	}
}

func TestHourlyYearIsEveryRealHour(t *testing.T) {
	for _, zone := range []string{"Europe/Brussels", "America/New_York", "Asia/Kolkata"} {
		t.Run(zone, func(t *testing.T) {
			spec := mustParse(t, "hourly "+zone)
			from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			fs := firesIn(spec, from, from.AddDate(1, 0, 0))
			if len(fs) != 8760 {
				t.Errorf("%d fires in 8760 real hours", len(fs))
			}
			for i := 1; i < len(fs); i++ {
				if fs[i].Sub(fs[i-1]) != time.Hour {
					t.Fatalf("fires %s and %s are not one hour apart", fs[i-1], fs[i])
				}
			}
		})
	}
}

// TestRobfigDST pins what robfig/cron does on its own on DST days, which is
// why daily-style cron expressions are evaluated like daily.
func TestRobfigDST(t *testing.T) {
	brussels := mustLoad(t, "Europe/Brussels")
	raw := func(expr string, from time.Time, to time.Time) []string {
		sched, err := cron.ParseStandard(expr)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for x := sched.Next(from); x.Before(to); x = sched.Next(x) {
			out = append(out, x.Format(time.RFC3339))
		}
		return out
	}
	springFrom := time.Date(2026, 3, 29, 0, 0, 0, 0, brussels)
	springTo := time.Date(2026, 3, 30, 0, 0, 0, 0, brussels)
	fallFrom := time.Date(2026, 10, 25, 0, 0, 0, 0, brussels)
	fallTo := time.Date(2026, 10, 26, 0, 0, 0, 0, brussels)
	if got := raw("30 2 * * *", springFrom, springTo); len(got) != 0 {
		t.Errorf("robfig now fires daily 02:30 on the spring-forward day: %v; revisit the wrapper", got)
	}
	if got := raw("30 2 * * *", fallFrom, fallTo); !reflect.DeepEqual(got, []string{"2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00"}) {
		t.Errorf("robfig daily 02:30 on the fall-back day: %v; revisit the wrapper", got)
	}

	tests := []struct {
		name     string
		spec     string
		from, to time.Time
		want     []string
	}{
		{"daily-style wrapped: gap", `cron "30 2 * * *" Europe/Brussels`, springFrom, springTo, []string{"2026-03-29T03:30:00+02:00"}},
		{"daily-style wrapped: overlap", `cron "30 2 * * *" Europe/Brussels`, fallFrom, fallTo, []string{"2026-10-25T02:30:00+02:00"}},
		{"other cron as robfig: gap skipped", `cron "*/30 2 * * *" Europe/Brussels`, springFrom, springTo, nil},
		{"other cron as robfig: overlap twice", `cron "*/30 2 * * *" Europe/Brussels`, fallFrom, fallTo,
			[]string{"2026-10-25T02:00:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T02:30:00+01:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range firesIn(mustParse(t, tt.spec), tt.from, tt.to) {
				got = append(got, f.Format(time.RFC3339))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("fires %v, want %v", got, tt.want)
			}
		})
	}

	for _, day := range []struct {
		from, to time.Time
		want     int
	}{{springFrom, springTo, 23}, {fallFrom, fallTo, 25}} {
		fs := firesIn(mustParse(t, `cron "0 * * * *" Europe/Brussels`), day.from, day.to)
		checkIncreasing(t, fs)
		if len(fs) != day.want {
			t.Errorf("cron 0 * * * * on %s: %d fires, want %d (like hourly)", day.from.Format("2006-01-02"), len(fs), day.want)
		}
	}
}

// TestRestart checks what a caller that persists the last fire time relies
// on: resuming from the last fire (or from just before it, or from a String
// round trip of the spec) neither repeats nor skips a fire.
func TestRestart(t *testing.T) {
	from := time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	for _, in := range validForms() {
		if in == "instant" {
			continue
		}
		t.Run(in, func(t *testing.T) {
			spec := mustParse(t, in)
			fs := firesIn(spec, from, to)
			if len(fs) > 6000 { // enough for hourly to cross both changes
				fs = fs[:6000]
			}
			if len(fs) < 2 {
				t.Fatalf("only %d fires", len(fs))
			}
			checkIncreasing(t, fs)
			reparsed := mustParse(t, spec.String())
			for i, last := range fs {
				wantNext := time.Time{}
				if i+1 < len(fs) {
					wantNext = fs[i+1]
				} else {
					wantNext = spec.Next(last)
				}
				if got := spec.Next(last); !got.Equal(wantNext) {
					t.Fatalf("Next(last=%s) = %s, want %s", last, got, wantNext)
				}
				if got := reparsed.Next(last); !got.Equal(wantNext) {
					t.Fatalf("after a restart, Next(%s) = %s, want %s", last, got, wantNext)
				}
				if got := spec.Next(last.Add(-time.Nanosecond)); !got.Equal(last) {
					t.Fatalf("Next(last-1ns) = %s, want last %s", got, last)
				}
				if got := spec.Next(last.UTC()); !got.Equal(wantNext) {
					t.Fatalf("Next depends on t's location: %s", got)
				}
				if i+1 < len(fs) {
					mid := last.Add(fs[i+1].Sub(last) / 2)
					if got := spec.Next(mid); !got.Equal(fs[i+1]) {
						t.Fatalf("Next(%s) between fires = %s, want %s", mid, got, fs[i+1])
					}
				}
			}
		})
	}
}

// TestNextProperties throws random instants at every form: the answer must
// be after t, and no fire may lie strictly between t and the answer.
func TestNextProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	lo := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for _, in := range validForms() {
		spec := mustParse(t, in)
		t.Run(in, func(t *testing.T) {
			for range 300 {
				tm := time.Unix(lo+rng.Int64N(hi-lo), rng.Int64N(1e9))
				next := spec.Next(tm)
				if spec.Instant() {
					if !next.IsZero() {
						t.Fatalf("instant Next = %s", next)
					}
					continue
				}
				if !next.After(tm) {
					t.Fatalf("Next(%s) = %s, not after", tm, next)
				}
				// Stepping from just before the answer finds the answer again.
				if got := spec.Next(next.Add(-time.Nanosecond)); !got.Equal(next) {
					t.Fatalf("Next(%s - 1ns) = %s, want %s", next, got, next)
				}
				if got := spec.Next(tm.Add(time.Nanosecond)); tm.Add(time.Nanosecond).Before(next) && !got.Equal(next) {
					t.Fatalf("a fire between %s and %s: %s", tm, next, got)
				}
			}
		})
	}
}

// TestNextExtremes covers callers that pass the zero time (nothing
// persisted yet) or a far-future time: no panic, and still after t.
func TestNextExtremes(t *testing.T) {
	for _, in := range validForms() {
		spec := mustParse(t, in)
		t.Run(in, func(t *testing.T) {
			for _, tm := range []time.Time{{}, time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(3000, 6, 1, 0, 0, 0, 0, time.UTC)} {
				next := spec.Next(tm)
				if spec.Instant() != next.IsZero() || !spec.Instant() && !next.After(tm) {
					t.Errorf("Next(%s) = %s", tm, next)
				}
			}
		})
	}
}

func TestInstantAndLocation(t *testing.T) {
	kyiv := mustLoad(t, "Europe/Kyiv")
	s, err := Parse([]string{"instant"}, kyiv)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Instant() || !s.Next(time.Now()).IsZero() || s.Location().String() != "Europe/Kyiv" {
		t.Errorf("instant: Instant=%v Next=%v Location=%v", s.Instant(), s.Next(time.Now()), s.Location())
	}
	if mustParse(t, "daily 07:00").Instant() {
		t.Error("daily reports Instant")
	}
	every, err := Parse([]string{"every", "15m"}, kyiv)
	if err != nil {
		t.Fatal(err)
	}
	if got := every.Next(mustTime(t, "2026-06-10T10:07:00Z")); got.Location() != kyiv || got.Format(time.RFC3339) != "2026-06-10T13:15:00+03:00" {
		t.Errorf("every in Kyiv: %s", got.Format(time.RFC3339))
	}
	local, err := ParseString("daily 07:00", time.Local)
	if err != nil || local.Location() != time.Local {
		t.Errorf("time.Local default: %v, %v", local.Location(), err)
	}
	if again, err := ParseString(local.String(), nil); err != nil || !again.Equal(local) {
		t.Errorf("time.Local round trip via %q: %v, %v", local.String(), again, err)
	}
}

func TestImplementsCronSchedule(t *testing.T) {
	var sched cron.Schedule = mustParse(t, "daily 02:30 Europe/Brussels")
	got := sched.Next(mustTime(t, "2026-03-28T12:00:00Z"))
	if got.Format(time.RFC3339) != "2026-03-29T03:30:00+02:00" {
		t.Errorf("through cron.Schedule: %s", got.Format(time.RFC3339))
	}
}

func FuzzParseString(f *testing.F) {
	for _, s := range validForms() {
		f.Add(s)
	}
	for _, s := range []string{
		"", "dialy 07:00", "daily 25:00", "daily 7:05 europe/kyiv", "hourly UTC", "every 1.5s", "every 1.5m",
		"every 9s", "every -1m", "every 1d12h", "every 100000000000000d", `cron "0 8 * * *" UTC`, `cron "@every 1h"`,
		`cron "TZ=UTC"`, `cron "0 8 30 2 *"`, `cron "0-5/0 * * * *"`, `cron "0 8 * * mon-fri" Local`,
		`cron "`, "“0 8”", "daily 07:00 ../etc", "instant now", "weekdays 23:59 Pacific/Apia",
	} {
		f.Add(s)
	}
	from := time.Date(2026, 3, 29, 0, 59, 59, 500, time.UTC)
	f.Fuzz(func(t *testing.T, in string) {
		spec, err := ParseString(in, nil)
		if err != nil {
			if msg := err.Error(); msg == "" || strings.ContainsAny(msg, "\n\r") {
				t.Fatalf("ParseString(%q) error %q is not one line", in, msg)
			}
			return
		}
		out := spec.String()
		again, err := ParseString(out, nil)
		if err != nil {
			t.Fatalf("ParseString(%q) accepted, but its String %q fails: %v", in, out, err)
		}
		if !again.Equal(spec) || again.String() != out {
			t.Fatalf("ParseString(%q) = %q, which parses back to %q", in, out, again.String())
		}
		next := spec.Next(from)
		if spec.Instant() != next.IsZero() {
			t.Fatalf("%q: Instant=%v but Next=%v", out, spec.Instant(), next)
		}
		if !spec.Instant() && !next.After(from) {
			t.Fatalf("%q: Next(%s) = %s, not after", out, from, next)
		}
	})
}
