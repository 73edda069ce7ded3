package schedule

import (
	"math"
	"math/bits"
	"time"

	"github.com/robfig/cron/v3"
)

// cronStar mirrors robfig/cron's unexported starBit: a field written as "*"
// or "?" carries it, which changes how day-of-month and day-of-week combine.
const cronStar = 1 << 63

// Next returns the first fire time strictly after t, in the schedule's
// location, or the zero time for instant (and for a cron expression that no
// longer fires).
//
// Each schedule is a fixed set of instants and Next picks the first one
// after t, so callers that persist the last fire time and restart with
// Next(last) neither repeat nor miss a delivery, and results strictly
// increase.
//
// Daylight saving, because delivery counts must be exact:
//
//   - daily and weekdays fire exactly once on every matching local date. A
//     time that does not exist on a spring-forward day fires the length of
//     the gap later (02:30 in Europe/Brussels -> 03:30 CEST), never skipped;
//     a time that happens twice on a fall-back day fires at the first
//     occurrence only.
//   - hourly fires at every instant whose local time is HH:00, so once per
//     real hour: 23 fires on a spring-forward day, 25 on a fall-back day
//     (both 02:00s). An HH:00 inside a gap fires the gap length later, which
//     merges with the next hour's fire when the gap is a whole hour.
//   - cron with a single minute and a single hour (0 8 * * 1-5, @daily,
//     @weekly, ...) is treated like daily on the days it matches: once per
//     matching date, shifted past a gap, first occurrence on a fall-back.
//     robfig/cron alone would skip such a job when its time falls in a gap,
//     and run it twice when it falls in a repeated hour.
//   - any other cron expression follows robfig/cron exactly: times inside a
//     spring-forward gap are skipped (*/30 2 * * * does not fire that day)
//     and times in a repeated hour fire at both occurrences, which is what
//     hour-wildcard expressions such as 0 * * * * need to stay once per real
//     hour.
//   - every is a fixed interval aligned to the Unix epoch and ignores zones.
func (s Spec) Next(t time.Time) time.Time {
	loc := s.Location()
	switch s.kind {
	case kindDaily:
		return nextDaily(t, loc, s.hour, s.minute, func(time.Time) bool { return true })
	case kindWeekdays:
		return nextDaily(t, loc, s.hour, s.minute, func(day time.Time) bool {
			wd := day.Weekday()
			return wd != time.Saturday && wd != time.Sunday
		})
	case kindHourly:
		return nextHourly(t, loc)
	case kindEvery:
		return nextEvery(t, s.every).In(loc)
	case kindCron:
		return s.nextCron(t, loc)
	}
	return time.Time{}
}

func (s Spec) nextCron(t time.Time, loc *time.Location) time.Time {
	sched := s.sched
	sched.Location = loc
	if sched.Second == 1 && bits.OnesCount64(sched.Minute) == 1 && bits.OnesCount64(sched.Hour) == 1 {
		hour, minute := bits.TrailingZeros64(sched.Hour), bits.TrailingZeros64(sched.Minute)
		return nextDaily(t, loc, hour, minute, func(day time.Time) bool { return cronDayMatches(&sched, day) })
	}
	// robfig evaluates in t's location when its Location is time.Local, so
	// hand it t in our zone. It also gives up after five calendar years,
	// too soon for Feb 29 across a non-leap 2100, hence the retries; and it
	// is never trusted to be strictly after t.
	from := t.In(loc)
	for range 8 {
		next := sched.Next(from)
		switch {
		case next.IsZero():
			from = time.Date(from.Year()+5, time.December, 31, 0, 0, 0, 0, loc)
		case next.After(t):
			return next.In(loc)
		default:
			from = next
		}
	}
	return time.Time{}
}

// cronDayMatches is robfig/cron's day rule: day-of-month and day-of-week
// must both match when either is a wildcard, and either may match when both
// are restricted.
func cronDayMatches(s *cron.SpecSchedule, day time.Time) bool {
	if 1<<uint(day.Month())&s.Month == 0 {
		return false
	}
	domMatch := 1<<uint(day.Day())&s.Dom != 0
	dowMatch := 1<<uint(day.Weekday())&s.Dow != 0
	if s.Dom&cronStar != 0 || s.Dow&cronStar != 0 {
		return domMatch && dowMatch
	}
	return domMatch || dowMatch
}

// maxDailyScan bounds the search for a matching date: nine years covers any
// satisfiable cron day pattern (Feb 29 skips 2100).
const maxDailyScan = 9*366 + 7

// nextDaily returns the first fire after t of a wall-clock time on the
// local dates match accepts. Each date contributes one instant (see
// firstInstant); the smallest one after t wins. Dates are scanned from two
// days before t's local date, because a large offset change can put a
// date's fire on either side of its neighbours'.
func nextDaily(t time.Time, loc *time.Location, hour, minute int, match func(day time.Time) bool) time.Time {
	after := t.Unix()
	y, m, d := t.In(loc).Date()
	start := time.Date(y, m, d-2, 0, 0, 0, 0, time.UTC)
	best, bestDay := int64(0), -1
	for i := range maxDailyScan {
		if bestDay >= 0 && i > bestDay+2 {
			break
		}
		day := start.AddDate(0, 0, i)
		if !match(day) {
			continue
		}
		wall := day.Unix() + int64(hour*3600+minute*60)
		x := firstInstant(loc, wall)
		if x > after && (bestDay < 0 || x < best) {
			best, bestDay = x, i
		}
	}
	if bestDay < 0 {
		return time.Time{}
	}
	return time.Unix(best, 0).In(loc)
}

// nextHourly considers every wall-clock HH:00 near t and returns the
// smallest instant after t among their occurrences. The window is widened
// by the largest offset change around t, so zones that jump by more than an
// hour are still covered.
func nextHourly(t time.Time, loc *time.Location) time.Time {
	after := t.Unix()
	const span = 72 * 3600
	periods := zonePeriods(loc, after-span, after+span)
	lo, hi := periods[0].off, periods[0].off
	for _, p := range periods {
		lo, hi = min(lo, p.off), max(hi, p.off)
	}
	wallNow := after + offsetAt(periods, after)
	first := floorDiv(wallNow-(hi-lo)-3600, 3600) * 3600
	last := wallNow + (hi - lo) + 2*3600
	best, found := int64(0), false
	for wall := first; wall <= last; wall += 3600 {
		occ, n := resolve(periods, wall)
		for _, x := range occ[:n] {
			if x > after && (!found || x < best) {
				best, found = x, true
			}
		}
	}
	if !found {
		// Not reachable with real zones; keep Next total anyway.
		return nextHourly(time.Unix(last-hi, 0), loc)
	}
	return time.Unix(best, 0).In(loc)
}

// zonePeriod is a stretch of time with one UTC offset: [start, end).
type zonePeriod struct {
	start, end int64 // Unix seconds; math.MinInt64/MaxInt64 when unbounded
	off        int64 // seconds east of UTC
}

// zonePeriods lists the periods covering [lo, hi] in order. It relies on
// time.Time.ZoneBounds rather than on time.Date, whose choice for
// ambiguous and missing wall times is documented as not guaranteed.
func zonePeriods(loc *time.Location, lo, hi int64) []zonePeriod {
	var ps []zonePeriod
	x := lo
	for range 64 {
		tt := time.Unix(x, 0).In(loc)
		_, off := tt.Zone()
		start, end := tt.ZoneBounds()
		p := zonePeriod{start: math.MinInt64, end: math.MaxInt64, off: int64(off)}
		if !start.IsZero() {
			p.start = start.Unix()
		}
		if !end.IsZero() {
			p.end = end.Unix()
		}
		ps = append(ps, p)
		if p.end > hi || p.end <= x {
			break
		}
		x = p.end
	}
	return ps
}

func offsetAt(ps []zonePeriod, x int64) int64 {
	for _, p := range ps {
		if x >= p.start && x < p.end {
			return p.off
		}
	}
	return ps[0].off
}

// resolve maps a wall-clock time (seconds since the epoch as if the wall
// clock were UTC) to the instants that show it, earliest first: one
// normally, two on a fall-back overlap. A wall time in a spring-forward gap
// maps to a single instant the gap length later (02:30 -> 03:30), that is
// the wall time read with the offset in force before the gap. ps must cover
// the wall time's day with a margin of the largest UTC offset.
func resolve(ps []zonePeriod, wall int64) (occ [2]int64, n int) {
	for _, p := range ps {
		if x := wall - p.off; x >= p.start && x < p.end && n < len(occ) {
			occ[n] = x
			n++
		}
	}
	if n > 0 {
		return occ, n
	}
	for i := 0; i+1 < len(ps); i++ {
		b, before, after := ps[i].end, ps[i].off, ps[i+1].off
		if after > before && wall >= b+before && wall < b+after {
			occ[0] = wall - before
			return occ, 1
		}
	}
	// Not reachable when ps covers the wall time; read it at the first
	// offset rather than dropping a fire.
	occ[0] = wall - ps[0].off
	return occ, 1
}

// firstInstant is the single instant a daily schedule uses for a wall time:
// the first occurrence, or the shifted one in a gap.
func firstInstant(loc *time.Location, wall int64) int64 {
	const margin = 48 * 3600
	occ, _ := resolve(zonePeriods(loc, wall-margin, wall+margin), wall)
	return occ[0]
}
