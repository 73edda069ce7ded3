package digest

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// Story clustering.
//
// Two docs are "linked" when a symmetric, pure predicate (match) holds for
// the pair; a story is a connected component of that graph. Because the
// predicate depends only on the two docs (and the options), and every pair
// that can match is found through the indexes below, the components do
// not depend on the order docs are added in. A story's id is derived from
// its earliest doc (by Published, then id), so it is the same whatever the
// arrival order; it can change only when an earlier doc joins the story or
// two stories are bridged by a new doc.
//
// Links (see match):
//   - same incident: both docs report war events on the same incident
//     day, their most specific places (same level: settlement, district
//     or region) intersect (region level: and they share an event kind),
//     and they are within FollowUpWindow. The incident day is the
//     publication day unless the lede dates the event ("yesterday",
//     "Tuesday's attack", "вчера", "у вівторок") up to two days earlier,
//     so an updated toll or an official's later report joins the
//     incident while a new strike on the same village the next day
//     starts a new story (no chaining of daily shelling into one story);
//   - statement: neither doc reports an incident, both report a statement
//     on the same calendar day, a speaker of one is a speaker or actor of
//     the other, they name no different places, and they agree in
//     content: a shared non-speaker actor or place, or term-set Jaccard
//     >= 0.1 (0.2 when only one names a place); terms barely overlap
//     across languages, entities do;
//   - near duplicate: the docs share a MinHash LSH band and the estimated
//     Jaccard similarity of their term shingles is at least NearDuplicate.
//
// Vetoes that override every link: different settlements; statements on
// different days (unless linked as the same incident); incident reports
// of different incident days; a statement by an alliance body (NATO,
// EU...) against a doc that is not that body's statement (incident vs
// reaction; a doc where an alliance speaks is never an incident report);
// disjoint speakers with disjoint topics; a preview ("will meet", "ahead
// of") against an outcome.
//
// Candidates come from an inverted index keyed by a hash of (kind, time
// slot, value): place ids by incident day for event docs, actor ids by
// calendar day for statements, LSH bands by 16-day block for every doc
// with enough terms. Adding a doc looks up a few place/actor buckets and
// 8-16 band buckets, so its cost depends on how many docs share its
// places, actors or bands near its date, not on the size of the archive. Posting lists are linked
// lists in flat arrays (no per-bucket allocation). Components are kept in
// a union-find with small-to-large member merging.

// ClusterOptions tune the Clusterer. The zero value is usable.
type ClusterOptions struct {
	// OfficialSources are the names of sources that are official
	// (government, alliance, regional administration channels). Their
	// items are listed first and make a story rank higher.
	OfficialSources []string
	// Location defines calendar days for the "statement on a different
	// day is a different story" rule. Default UTC.
	Location *time.Location
	// FollowUpWindow is the longest gap between two reports of the same
	// event (a toll update, an official's later report). Default 48h.
	FollowUpWindow time.Duration
	// NearDuplicate is the MinHash Jaccard estimate above which two
	// docs that share an LSH band are the same story. Default 0.5.
	NearDuplicate float64
}

func (o ClusterOptions) withDefaults() ClusterOptions {
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.FollowUpWindow <= 0 {
		o.FollowUpWindow = 48 * time.Hour
	}
	if o.NearDuplicate <= 0 {
		o.NearDuplicate = 0.5
	}
	return o
}

// MinHash parameters: 64 one-permutation hashes in 8 bands of 8 rows:
// pairs with Jaccard 0.8 share a band with probability 0.93, 0.9 with
// 0.998 (reprints and wire copies); looser paraphrases are left to the
// entity rules. 8 bands keep the index small (8 keys a doc).
const (
	mhHashes   = 64
	mhBands    = 8
	mhRows     = mhHashes / mhBands
	mhMinTerms = 4
)

// Place levels, most specific first.
const (
	rankSettlement = 0
	rankDistrict   = 1
	rankRegion     = 2
	rankNone       = -1
)

// Index kinds.
const (
	keyPlace uint64 = iota + 1
	keyActor
	keyBand
	keySettlementDistrict // a settlement-level incident, by its district
	keyWholeBody          // a statement in which an alliance alone speaks, by the alliance
	keyBodyPart           // a statement naming an alliance's parts, by the alliance
)

// bandBlockDays is the time slot of LSH band keys.
const bandBlockDays = 16

// indexKey hashes (kind, slot, value hash) into one map key. A collision
// only adds a candidate: match rechecks everything.
func indexKey(kind uint64, slot int32, h uint64) uint64 {
	return mix64(h ^ mix64(kind<<40|uint64(uint32(slot))))
}

func floorDiv(a, b int32) int32 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// ledeFeatures are what the clusterer reads in a doc's title and lede,
// stored with an indexed item so candidates need not be read again.
type ledeFeatures struct {
	back    int8 // days from publication back to the incident (events)
	preview bool // previews a meeting (statements)
}

// ledeOf returns a clustered doc's lede features.
func (s *docState) ledeOf() ledeFeatures {
	return ledeFeatures{back: int8(s.day - s.incDay), preview: s.preview}
}

// docState is one clustered doc with the features the predicate needs.
type docState struct {
	doc    Doc
	an     Analysis
	pub    time.Time
	day    int32
	incDay int32 // incident day, for event docs

	sig    [mhHashes]uint32
	bands  [mhBands]uint64
	hasSig bool

	statement   bool
	preview     bool
	placeRank   int8
	places      []string // place ids at placeRank, sorted
	settlements []string // settlement ids, sorted
	speakers    []string // sorted
	districts   []string // district ids, sorted
	allPlaces   []string // every place id, sorted
	spkBodies   []string // alliances (Body) of the speakers, sorted
	bodies      []string // alliances of every actor and speaker, sorted
	actors      []string // speakers ∪ actors, sorted
	events      []string // sorted
	others      []string // actors that are not speakers, sorted (statements)
	figures     []string // the figures among the terms, sorted (statements)
	wholeBody   string   // the alliance, when it alone speaks as a whole ("the EU said")
	termSet     []uint64 // sorted term hashes (statements)
	topics      []string // sorted
	roundup     bool     // an event doc naming places in several regions: a tally, not one incident

	lookupKeys, insertKeys []uint64 // index keys, see forEachKey
}

// component is the state of one story, held by its union-find root.
type component struct {
	members []int32
	first   int32 // earliest member by (pub, id)
}

// Clusterer groups docs into stories incrementally. It is not safe for
// concurrent use.
type Clusterer struct {
	opts       ClusterOptions
	official   map[string]bool
	windowDays int32

	docs     []*docState
	byID     map[string]int32
	parent   []int32
	comps    []*component     // non-nil for roots
	index    map[uint64]int32 // key → 1 + head of its posting list
	postDoc  []int32
	postNext []int32 // 1 + next posting, 0 at the end
	checked  []int32 // 1 + the doc whose Add last checked this doc
	nRoots   int
}

// NewClusterer returns an empty clusterer. It does no I/O.
func NewClusterer(opts ClusterOptions) *Clusterer {
	opts = opts.withDefaults()
	c := &Clusterer{
		opts:     opts,
		official: map[string]bool{},
		byID:     map[string]int32{},
		index:    map[uint64]int32{},
	}
	for _, s := range opts.OfficialSources {
		c.official[s] = true
	}
	// A gap of FollowUpWindow spans at most this many calendar days
	// (one more for DST and odd zones).
	c.windowDays = int32(opts.FollowUpWindow/(24*time.Hour)) + 1
	return c
}

// StoryOf returns the id of the story holding the doc with this id, or
// "" when the doc is not clustered.
func (c *Clusterer) StoryOf(docID string) string {
	i, ok := c.byID[docID]
	if !ok {
		return ""
	}
	return c.storyID(c.find(i))
}

// Len returns the number of docs clustered.
func (c *Clusterer) Len() int { return len(c.docs) }

// isOfficial reports whether a source is official.
func (c *Clusterer) isOfficial(source string) bool { return c.official[source] }

// StoryID returns the story id a story whose earliest doc has this id gets.
func StoryID(firstDocID string) string {
	sum := sha256.Sum256([]byte(firstDocID))
	return "s" + hex.EncodeToString(sum[:])[:10]
}

// Add assigns a doc (with its analysis) to a story, creating one if
// needed, and returns the story id. Only docs with at least one topic are
// clustered; Add of a doc with no topics returns "". Adding a doc id that
// is already clustered merges its carriers into the stored doc.
func (c *Clusterer) Add(d Doc, a Analysis) string {
	if len(a.Topics) == 0 {
		return ""
	}
	if i, ok := c.byID[d.ID]; ok {
		c.mergeCarriers(i, d.Carriers)
		return c.storyID(c.find(i))
	}
	return c.storyID(c.find(c.addState(c.newDocState(d, a), true)))
}

// AddBatch adds many docs at once, as Add would one by one, extracting
// their features in parallel, and returns each doc's story id after the
// whole batch is clustered ("" for docs without topics).
func (c *Clusterer) AddBatch(docs []Doc, analyses []Analysis) []string {
	n := min(len(docs), len(analyses))
	if len(c.docs) == 0 && n > 1024 {
		// About 20 index keys per doc.
		c.index = make(map[uint64]int32, 20*n)
	}
	// Link in canonical order (published, id): the result is the same in
	// any order, but neighbours in time are then neighbours in memory.
	order := make([]int, 0, n)
	for k := range n {
		if len(analyses[k].Topics) > 0 {
			order = append(order, k)
		}
	}
	pub := func(d Doc) time.Time {
		if d.Published.IsZero() {
			return d.FirstSeen
		}
		return d.Published
	}
	slices.SortStableFunc(order, func(x, y int) int {
		return cmp.Or(pub(docs[x]).Compare(pub(docs[y])), strings.Compare(docs[x].ID, docs[y].ID))
	})
	states := c.newDocStates(docs, analyses, order)
	for _, k := range order {
		s := states[k]
		if i, ok := c.byID[s.doc.ID]; ok {
			c.mergeCarriers(i, docs[k].Carriers)
			continue
		}
		c.addState(s, true)
	}
	ids := make([]string, n)
	for k, s := range states {
		if s != nil {
			ids[k] = c.StoryOf(s.doc.ID)
		}
	}
	return ids
}

// newDocStates extracts the features of docs[k] for k in order, on all
// cores.
func (c *Clusterer) newDocStates(docs []Doc, analyses []Analysis, order []int) []*docState {
	states := make([]*docState, len(docs))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(order)/256))
	chunk := (len(order) + workers - 1) / max(workers, 1)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for _, k := range order[min(w*chunk, len(order)):min((w+1)*chunk, len(order))] {
				states[k] = c.newDocState(docs[k], analyses[k])
			}
		})
	}
	wg.Wait()
	return states
}

// addUnlinked adds docs whose stories are known elsewhere (a store's
// link candidates): docs added later link to them, but they are not
// linked to each other (their links are already in their stories).
func (c *Clusterer) addUnlinked(docs []Doc, analyses []Analysis) {
	order := make([]int, 0, len(docs))
	for k := range docs {
		if len(analyses[k].Topics) > 0 {
			order = append(order, k)
		}
	}
	states := c.newDocStates(docs, analyses, order)
	for _, k := range order {
		if _, ok := c.byID[docs[k].ID]; ok {
			continue
		}
		c.addState(states[k], false)
	}
}

// addState clusters a new doc and returns its index; link false only
// indexes it.
func (c *Clusterer) addState(s *docState, link bool) int32 {
	i := int32(len(c.docs))
	c.docs = append(c.docs, s)
	c.byID[s.doc.ID] = i
	c.parent = append(c.parent, i)
	c.comps = append(c.comps, &component{members: []int32{i}, first: i})
	c.checked = append(c.checked, 0)
	c.nRoots++

	for _, k := range s.lookupKeys {
		if !link {
			break
		}
		for p := c.index[k]; p != 0; p = c.postNext[p-1] {
			j := c.postDoc[p-1]
			if c.checked[j] == i+1 {
				continue
			}
			c.checked[j] = i + 1
			if c.find(j) == c.find(i) {
				continue
			}
			if c.match(s, c.docs[j]) {
				c.union(i, j)
			}
		}
	}
	for _, k := range s.insertKeys {
		c.postDoc = append(c.postDoc, i)
		c.postNext = append(c.postNext, c.index[k])
		c.index[k] = int32(len(c.postDoc))
	}
	return i
}

// forEachKey calls fn for the index keys of s: the keys to look up
// (lookup=true: every day a link can reach) or to insert under.
func (c *Clusterer) forEachKey(s *docState, lookup bool, fn func(uint64)) {
	if s.isEvent() {
		// Incident links need the same incident day (or the same night,
		// see sameNight): same-level places, and settlement-level
		// against district-level reports by district.
		days := []int32{s.incDay}
		if lookup {
			days = c.nightDays(s)
		}
		for _, day := range days {
			for _, p := range s.places {
				fn(indexKey(keyPlace, day, hashString(p)))
			}
			switch s.placeRank {
			case rankSettlement:
				kind := keySettlementDistrict
				if lookup {
					kind = keyPlace
				}
				for _, p := range s.districts {
					fn(indexKey(kind, day, hashString(p)))
				}
			case rankDistrict:
				if lookup {
					for _, p := range s.places {
						fn(indexKey(keySettlementDistrict, day, hashString(p)))
					}
				}
			}
		}
	}
	if s.statement && !s.isEvent() {
		// Statement links need the same calendar day, or the next for a
		// later report of the same occasion, which must give the same
		// figures (see match).
		lo, hi := s.day, s.day
		if lookup && len(s.figures) > 0 {
			lo, hi = s.day-1, s.day+1
		}
		for day := lo; day <= hi; day++ {
			for _, a := range s.actors {
				fn(indexKey(keyActor, day, hashString(a)))
			}
			// An alliance speaking as a whole meets the reports naming
			// its parts (see speakersAgree) without every report of the
			// alliance meeting every other.
			for _, b := range s.bodies {
				if lookup {
					fn(indexKey(keyWholeBody, day, hashString(b)))
				} else {
					fn(indexKey(keyBodyPart, day, hashString(b)))
				}
			}
			if s.wholeBody != "" {
				if lookup {
					fn(indexKey(keyBodyPart, day, hashString(s.wholeBody)))
				} else {
					fn(indexKey(keyWholeBody, day, hashString(s.wholeBody)))
				}
			}
		}
	}
	if s.hasSig {
		// Near duplicates are within FollowUpWindow: every block that
		// window touches.
		lo, hi := floorDiv(s.day, bandBlockDays), floorDiv(s.day, bandBlockDays)
		if lookup {
			lo, hi = floorDiv(s.day-c.windowDays, bandBlockDays), floorDiv(s.day+c.windowDays, bandBlockDays)
		}
		for _, b := range s.bands {
			for blk := lo; blk <= hi; blk++ {
				fn(indexKey(keyBand, blk, b))
			}
		}
	}
}

func (c *Clusterer) find(i int32) int32 {
	for c.parent[i] != i {
		c.parent[i] = c.parent[c.parent[i]]
		i = c.parent[i]
	}
	return i
}

func (c *Clusterer) union(i, j int32) {
	ri, rj := c.find(i), c.find(j)
	if ri == rj {
		return
	}
	ci, cj := c.comps[ri], c.comps[rj]
	if len(ci.members) < len(cj.members) {
		ri, rj = rj, ri
		ci, cj = cj, ci
	}
	c.parent[rj] = ri
	ci.members = append(ci.members, cj.members...)
	if c.docLess(cj.first, ci.first) {
		ci.first = cj.first
	}
	c.comps[rj] = nil
	c.nRoots--
}

// docLess orders docs canonically: by published time, then id.
func (c *Clusterer) docLess(i, j int32) bool {
	a, b := c.docs[i], c.docs[j]
	if !a.pub.Equal(b.pub) {
		return a.pub.Before(b.pub)
	}
	return a.doc.ID < b.doc.ID
}

func (c *Clusterer) storyID(root int32) string {
	return StoryID(c.docs[c.comps[root].first].doc.ID)
}

func (c *Clusterer) mergeCarriers(i int32, carriers []StoryItem) {
	s := c.docs[i]
	for _, ca := range carriers {
		dup := slices.ContainsFunc(s.doc.Carriers, func(x StoryItem) bool {
			return x.Source == ca.Source && x.URL == ca.URL && x.Link == ca.Link
		})
		if !dup {
			s.doc.Carriers = append(s.doc.Carriers, ca)
		}
	}
}

// newDocState derives the features of a doc.
func (c *Clusterer) newDocState(d Doc, a Analysis) *docState {
	d.Carriers = slices.Clone(d.Carriers)
	s := &docState{doc: d, an: a, pub: d.Published}
	if s.pub.IsZero() {
		s.pub = d.FirstSeen
	}
	s.day = dayNumber(s.pub, c.opts.Location)
	s.sig, s.bands, s.hasSig = minhashSignature(a.Terms)
	s.statement = a.Statement
	s.placeRank = rankNone
	for _, p := range a.Places {
		s.allPlaces = append(s.allPlaces, p.ID)
		r := placeRank(p.Kind)
		if r == rankNone {
			continue
		}
		switch r {
		case rankSettlement:
			s.settlements = append(s.settlements, p.ID)
		case rankDistrict:
			s.districts = append(s.districts, p.ID)
		}
		if s.placeRank == rankNone || r < s.placeRank {
			s.placeRank = r
			s.places = s.places[:0]
		}
		if r == s.placeRank {
			s.places = append(s.places, p.ID)
		}
	}
	s.places = sortedSet(s.places)
	s.settlements = sortedSet(s.settlements)
	s.districts = sortedSet(s.districts)
	s.allPlaces = sortedSet(s.allPlaces)
	regions := map[string]bool{}
	for _, p := range a.Places {
		regions[p.Region] = true
	}
	s.roundup = len(regions) >= roundupRegions
	for _, sp := range a.Speakers {
		s.speakers = append(s.speakers, sp.ID)
		s.actors = append(s.actors, sp.ID)
		if g := governmentOf(sp); g != "" && g != sp.ID {
			// A ministry speaks for its government: "the Norwegian
			// defence ministry said" and "Oslo said" report one source.
			s.speakers = append(s.speakers, g)
			s.actors = append(s.actors, g)
		}
		if sp.Body != "" {
			s.spkBodies = append(s.spkBodies, sp.Body)
			s.bodies = append(s.bodies, sp.Body)
		}
	}
	for _, ac := range a.Actors {
		s.actors = append(s.actors, ac.ID)
		if ac.Body != "" {
			s.bodies = append(s.bodies, ac.Body)
		}
	}
	if len(a.Speakers) == 1 && a.Speakers[0].Body != "" && a.Speakers[0].Canonical == a.Speakers[0].Body {
		// "The EU pays" reports what "the Commission awards" does (see
		// speakersAgree).
		s.wholeBody = a.Speakers[0].Body
	}
	s.speakers = sortedSet(s.speakers)
	s.spkBodies = sortedSet(s.spkBodies)
	s.bodies = sortedSet(s.bodies)
	s.actors = sortedSet(s.actors)
	s.events = sortedSet(slices.Clone(a.Events))
	s.topics = sortedSet(slices.Clone(a.Topics))
	s.incDay = s.day
	if s.isEvent() {
		if d.lede != nil {
			s.incDay = s.day - int32(d.lede.back)
		} else {
			s.incDay = incidentDay(s.pub, c.opts.Location, d.Title, d.Text)
		}
	} else if s.statement {
		if d.lede != nil {
			s.preview = d.lede.preview
		} else {
			s.preview = isPreview(d.Title, d.Text)
		}
		for _, ac := range a.Actors {
			if !slices.Contains(s.speakers, ac.ID) {
				s.others = append(s.others, ac.ID)
			}
		}
		s.others = sortedSet(s.others)
		s.termSet = make([]uint64, 0, len(a.Terms)+4)
		for _, t := range a.Terms {
			if strings.HasPrefix(t, figurePrefix) {
				s.figures = append(s.figures, t)
			}
			s.termSet = append(s.termSet, hashString(t))
			if c := conceptOf(t); c != "" {
				// Reports of one statement in two languages share its
				// subject matter, if few words.
				s.termSet = append(s.termSet, hashString("~"+c))
			}
		}
		slices.Sort(s.termSet)
		s.termSet = slices.Compact(s.termSet)
		s.figures = sortedSet(s.figures)
	}
	c.setKeys(s)
	return s
}

func (c *Clusterer) setKeys(s *docState) {
	c.forEachKey(s, true, func(k uint64) { s.lookupKeys = append(s.lookupKeys, k) })
	c.forEachKey(s, false, func(k uint64) { s.insertKeys = append(s.insertKeys, k) })
}

// isEvent reports whether the doc reports war events at known places.
// A doc in which an alliance body speaks is a statement (a reaction), not
// an incident report.
func (s *docState) isEvent() bool {
	return len(s.events) > 0 && s.placeRank != rankNone && len(s.spkBodies) == 0
}

// nightWindow is how far reports of one overnight incident may lie
// apart across midnight.
const nightWindow = 6 * time.Hour

// sameNight reports whether two undated incident reports (their lede
// names no earlier day) on consecutive days were published within
// nightWindow of each other across midnight: an overnight attack is
// reported before and after midnight, and is one incident.
func (c *Clusterer) sameNight(a, b *docState) bool {
	if a.incDay != a.day || b.incDay != b.day {
		return false // a lede that dates the incident decides
	}
	d := a.incDay - b.incDay
	dt := a.pub.Sub(b.pub)
	return (d == 1 || d == -1) && dt <= nightWindow && dt >= -nightWindow
}

// nightDays are the incident days an event doc's reports may have: its
// own, and for an undated report published near midnight the day on the
// other side of it.
func (c *Clusterer) nightDays(s *docState) []int32 {
	days := []int32{s.incDay}
	if s.incDay != s.day {
		return days
	}
	local := s.pub.In(c.opts.Location)
	midnight := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, c.opts.Location)
	if local.Sub(midnight) < nightWindow {
		days = append(days, s.incDay-1)
	}
	if midnight.AddDate(0, 0, 1).Sub(local) <= nightWindow {
		days = append(days, s.incDay+1)
	}
	return days
}

// match is the link predicate. It must stay symmetric and depend only on
// the two docs, and every pair it accepts must share an index bucket
// (see forEachKey), or clustering becomes order dependent.
func (c *Clusterer) match(a, b *docState) bool {
	dt := a.pub.Sub(b.pub)
	if dt < 0 {
		dt = -dt
	}
	if dt > c.opts.FollowUpWindow {
		return false
	}
	aEvent, bEvent := a.isEvent(), b.isEvent()
	// Different settlements: different events. (Two reports of one
	// statement may name different towns: where it was made, where what
	// it is about happened.)
	if (aEvent || bEvent) && len(a.settlements) > 0 && len(b.settlements) > 0 && !intersects(a.settlements, b.settlements) {
		return false
	}
	// An alliance body's statement only joins reports of that statement.
	if !bodyCompatible(a, b) || !bodyCompatible(b, a) {
		return false
	}
	// Different officials on different matters.
	if len(a.speakers) > 0 && len(b.speakers) > 0 && !speakersAgree(a, b) && !intersects(a.topics, b.topics) {
		return false
	}
	// A preview and the outcome of a meeting are different stories.
	if a.statement && b.statement && !aEvent && !bEvent && a.preview != b.preview {
		return false
	}
	if aEvent && bEvent && a.roundup == b.roundup {
		// Reports of incidents on different days are different stories,
		// however alike, unless they are the same night's.
		if a.incDay != b.incDay && !c.sameNight(a, b) {
			return false
		}
		// Same incident.
		switch {
		case a.placeRank == b.placeRank:
			if intersects(a.places, b.places) && (a.placeRank != rankRegion || intersects(a.events, b.events)) {
				return true
			}
		case max(a.placeRank, b.placeRank) == rankDistrict:
			// A settlement report and a district-level report of the
			// same district.
			if intersects(a.districts, b.districts) {
				return true
			}
		}
	}
	// A statement made on a different day is a different story; but a
	// report of it in the next morning's papers is not a different
	// statement when it gives the same figures (below).
	nextDay := false
	if a.statement && b.statement && a.day != b.day {
		if d := a.day - b.day; d != 1 && d != -1 || dt > statementLateWindow {
			return false
		}
		nextDay = true
	}
	// Same statement (incident reports link only as the same incident).
	if a.statement && b.statement && !aEvent && !bEvent && (intersects(a.speakers, b.actors) || intersects(b.speakers, a.actors) ||
		wholeIn(a, b) || wholeIn(b, a)) {
		ok := true
		if len(a.speakers) > 0 && len(b.speakers) > 0 && !speakersAgree(a, b) {
			ok = false
		}
		if len(a.events) > 0 && len(b.events) > 0 && !intersects(a.events, b.events) {
			ok = false
		}
		// The same official says several things a day: the statements
		// must also agree in content, by shared entities (across
		// languages) or by shared words (same language, names), more of
		// them when only one names a place.
		pa, pb := len(a.allPlaces) > 0, len(b.allPlaces) > 0
		if pa && pb && !intersects(a.allPlaces, b.allPlaces) {
			ok = false
		}
		minJ := statementTermJaccard
		if pa != pb {
			minJ *= 2
		}
		// The same sums, when both are about the same kind of thing: a
		// statement on an attack that recalls a pledge is not the pledge.
		sameSums := intersects(a.figures, b.figures) && (len(a.events) > 0) == (len(b.events) > 0) && pa == pb
		if nextDay {
			// The next morning only the same sums tell a report of that
			// occasion from the official's next words: shared words
			// are mostly the official's title.
			return ok && sameSums
		} else if ok && (intersects(a.others, b.others) || intersects(a.allPlaces, b.allPlaces) ||
			sameSums || termJaccard(a.termSet, b.termSet) >= minJ) {
			return true
		}
	}
	if nextDay {
		return false
	}
	// Near duplicate.
	if a.hasSig && b.hasSig && shareBand(a, b) && estJaccard(a, b) >= c.opts.NearDuplicate {
		return true
	}
	return false
}

// roundupRegions is how many regions an event report names to be a
// tally ("41 drones downed over the Kursk, Bryansk and Belgorod
// regions"), which joins other tallies, not each incident it counts.
const roundupRegions = 3

// statementLateWindow is how long after a statement a report of it on the
// next calendar day may still join it: an evening's statement in the next
// morning's papers, not the official's words of the next afternoon.
const statementLateWindow = 20 * time.Hour

// speakersAgree: the two docs share a speaker, or in one an alliance alone
// speaks as a whole ("the EU pays") and in the other one of its parts
// ("the Commission awards"): reports name one speaker at different depths.
func speakersAgree(a, b *docState) bool {
	return intersects(a.speakers, b.speakers) ||
		a.wholeBody != "" && slices.Contains(b.spkBodies, a.wholeBody) ||
		b.wholeBody != "" && slices.Contains(a.spkBodies, b.wholeBody)
}

// wholeIn: in x an alliance speaks as a whole, and y names it or its parts.
func wholeIn(x, y *docState) bool {
	return x.wholeBody != "" && slices.Contains(y.bodies, x.wholeBody)
}

// bodyCompatible: when an alliance body (NATO, EU...) speaks in x, y must
// report that alliance's statement too: y is a statement naming the
// alliance, and if alliances speak in y they include x's; unless x and y
// share a speaker besides.
func bodyCompatible(x, y *docState) bool {
	if len(x.spkBodies) == 0 || intersects(x.speakers, y.speakers) {
		return true
	}
	if !y.statement || !intersects(x.spkBodies, y.bodies) {
		return false
	}
	if len(y.spkBodies) > 0 && !intersects(x.spkBodies, y.spkBodies) {
		return false
	}
	return true
}

// governmentOf is the government a government actor (a ministry, a
// secretary of state) belongs to, by the actors' id convention
// COUNTRY-government, COUNTRY-foreign-ministry...; "" for other actors.
func governmentOf(ac ActorMention) string {
	if ac.Kind != "government" {
		return ""
	}
	for _, suf := range []string{"-government", "-foreign-ministry", "-defence-ministry", "-foreign-secretary", "-defence-secretary"} {
		if country, ok := strings.CutSuffix(ac.ID, suf); ok {
			return country + "-government"
		}
	}
	return ""
}

// concepts name the subject matter of statements across languages, by
// the prefixes of term keys (stemmed, transliterated: "санкції" is
// "sanktsi"): two reports of one statement in English and Ukrainian share
// few words but these.
var concepts = []struct {
	name     string
	prefixes []string
}{
	{"sanction", []string{"sanction", "sankts", "sankci"}},
	{"drone", []string{"dron", "bespilot", "bezpilot", "bpla", "uav"}},
	{"air-defence", []string{"ppo", "pvo", "antiaircraft", "zenit"}},
	{"aid", []string{"aid", "assist", "pomoshch", "dopomog"}},
	{"humanitarian", []string{"humanitar", "gumanitar"}},
	{"missile", []string{"missil", "raket", "rocket"}},
	{"brigade", []string{"brigad"}},
	{"troops", []string{"troop", "soldier", "voisk", "viisk"}},
	{"weapon", []string{"weapon", "arms", "oruzh", "zbro"}},
	{"ammunition", []string{"ammunition", "munition", "boepripas", "snaryad"}},
	{"cable", []string{"cabl", "kabel"}},
	{"pipeline", []string{"pipelin", "truboprovod"}},
	{"supplier", []string{"supplier", "postavshchik", "postachalnik"}},
	{"intermediary", []string{"intermediar", "posrednik", "poserednik"}},
	{"engine", []string{"engin", "dvigun", "dvigatel"}},
	{"component", []string{"component", "komponent", "detal"}},
	{"substation", []string{"substation", "podstants", "pidstants"}},
	{"energy", []string{"energ", "electric", "elektr", "power"}},
	{"shelter", []string{"shelter", "ukrit", "ukrytt", "ukritt"}},
	{"evacuation", []string{"evacuat", "evakuats"}},
	{"training", []string{"train", "obuchen", "navchan", "trenir"}},
	{"border", []string{"border", "granits", "kordon"}},
	{"billion", []string{"billion", "milliard", "mlrd"}},
	{"million", []string{"million", "mln"}},
	{"minister", []string{"minist"}},
	{"company", []string{"compan", "kompan", "firm"}},
	{"navigation", []string{"navig"}},
	{"conference", []string{"conferenc", "konferents", "videoconferenc", "videokonferents"}},
	{"russia", []string{"russia", "rossi", "rosi"}},
	{"ukraine", []string{"ukrain"}},
	{"country", []string{"countr", "krain", "stran"}},
	{"foreign", []string{"foreign", "zakordon", "inostran"}},
	{"government", []string{"government", "uryad", "pravitel"}},
	{"joint", []string{"joint", "sovmest", "spiln"}},
	{"meeting", []string{"meeting", "vstrech", "zustrich", "summit", "sammit", "samit"}},
	{"visit", []string{"visit", "vizit"}},
	{"declaration", []string{"declar", "deklar"}},
	{"defence", []string{"defenc", "defens", "oboron"}},
}

// conceptPrefixes maps each prefix of concepts to its concept; the
// longest prefix wins.
var conceptPrefixes, conceptMaxLen = func() (map[string]string, int) {
	m, n := map[string]string{}, 0
	for _, c := range concepts {
		for _, p := range c.prefixes {
			m[p] = c.name
			n = max(n, len(p))
		}
	}
	return m, n
}()

// conceptOf is the concept a term key belongs to, or "".
func conceptOf(term string) string {
	for l := min(len(term), conceptMaxLen); l >= 3; l-- {
		if c, ok := conceptPrefixes[term[:l]]; ok {
			return c
		}
	}
	return ""
}

// statementTermJaccard is the term-set overlap at which two statements
// of the same speaker on the same day are taken to be the same one.
const statementTermJaccard = 0.1

// termJaccard is the Jaccard similarity of two sorted sets.
func termJaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	i, j, n := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}

func shareBand(a, b *docState) bool {
	for k := range a.bands {
		if a.bands[k] == b.bands[k] {
			return true
		}
	}
	return false
}

func estJaccard(a, b *docState) float64 {
	n := 0
	for k := range a.sig {
		if a.sig[k] == b.sig[k] {
			n++
		}
	}
	return float64(n) / mhHashes
}

func placeRank(kind string) int8 {
	switch strings.ToLower(kind) {
	case "village", "town", "city", "settlement", "hamlet":
		return rankSettlement
	case "district":
		return rankDistrict
	case "region":
		return rankRegion
	}
	return rankNone
}

// dayNumber is the calendar day of t in loc, counted from 1970-01-01.
func dayNumber(t time.Time, loc *time.Location) int32 {
	y, m, d := t.In(loc).Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Day references in a lede, for dating an incident.
var (
	yesterdayMarkers = []string{"yesterday", "вчера", "учора", "вчора", "накануне", "напередодні"}
	weekdayMarkers   = [7][]string{
		time.Sunday:    {"sunday", "воскресень", "неділ"},
		time.Monday:    {"monday", "понедельник", "понеділ"},
		time.Tuesday:   {"tuesday", "вторник", "вівтор"},
		time.Wednesday: {"wednesday", "в среду", "среда ", "среды", "середу", "середа "},
		time.Thursday:  {"thursday", "четверг", "у четвер ", "в четвер "},
		time.Friday:    {"friday", "пятниц", "п'ятниц", "пʼятниц", "п’ятниц"},
		time.Saturday:  {"saturday", "суббот", "субот"},
	}
)

// incidentDay dates an event report by the first day its title or lede
// names ("yesterday", a weekday name) up to two days before publication,
// else the publication day. The first, not the earliest: "on Sunday
// afternoon ... the second attack in three days: on Friday night ..."
// reports Sunday's.
func incidentDay(pub time.Time, loc *time.Location, title, text string) int32 {
	day := dayNumber(pub, loc)
	head := strings.ToLower(title + " \n " + lede(text, 320) + " ")
	back, at := 0, len(head)
	for _, m := range yesterdayMarkers {
		if i := strings.Index(head, m); i >= 0 && i < at {
			back, at = 1, i
		}
	}
	wd := pub.In(loc).Weekday()
	for w, ms := range weekdayMarkers {
		off := (int(wd) - w + 7) % 7
		if off > 2 {
			continue
		}
		for _, m := range ms {
			if i := strings.Index(head, m); i >= 0 && i < at {
				back, at = off, i
			}
		}
	}
	return day - int32(back)
}

// lede returns the first n bytes of a text with its spacing normalized,
// so the stored lead (see leadOf) gives the same answer as the full text.
func lede(text string, n int) string {
	if len(text) > 4*n {
		text = text[:4*n]
	}
	text = normalizeSpace(text)
	if len(text) > n {
		text = text[:n]
	}
	return text
}

// previewMarkers announce a coming meeting or decision; outcomeMarkers
// report one. Matched against the lowercased title and lede.
var (
	previewMarkers = []string{
		"ahead of", "will meet", "will discuss", "will hold", "will gather", "are set to",
		"is set to", "expected to", "to meet on", "upcoming", "preview", "set to discuss",
		"накануне", "проведут", "обсудят", "встретятся", "состоится", "предстоящ",
		"напередодні", "проведуть", "обговорять", "зустрінуться", "відбудеться", "майбутн",
	}
	outcomeMarkers = []string{
		"agreed", "adopted", "decided", "approved", "communique", "communiqué", "signed",
		"concluded", "endorsed",
		"договорились", "согласовали", "приняли", "утвердили", "подписали", "одобрили",
		"домовилися", "погодили", "ухвалили", "підписали", "схвалили",
	}
)

// isPreview reports whether a doc previews a meeting rather than
// reporting its outcome.
func isPreview(title, text string) bool {
	head := strings.ToLower(title + " \n " + lede(text, 240))
	for _, m := range outcomeMarkers {
		if strings.Contains(head, m) {
			return false
		}
	}
	for _, m := range previewMarkers {
		if strings.Contains(head, m) {
			return true
		}
	}
	return false
}

func sortedSet(xs []string) []string {
	if len(xs) == 0 {
		return nil
	}
	slices.Sort(xs)
	return slices.Compact(xs)
}

// intersects reports whether two sorted sets share an element.
func intersects(a, b []string) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// hashString is 64-bit FNV-1a.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix64 is the splitmix64 finalizer.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// minhashSignature computes a one-permutation MinHash (with rotation
// densification) over word bigram shingles of terms, and its LSH band
// hashes. Docs with fewer than mhMinTerms terms get none.
func minhashSignature(terms []string) (sig [mhHashes]uint32, bands [mhBands]uint64, ok bool) {
	if len(terms) < mhMinTerms {
		return sig, bands, false
	}
	var filled [mhHashes]bool
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	prev := uint64(0)
	for i, t := range terms {
		h := hashString(t)
		if i > 0 {
			sh := mix64(prev*0x9e3779b97f4a7c15 ^ h)
			bin := sh >> 58
			v := uint32(sh)
			if v <= sig[bin] {
				sig[bin] = v
				filled[bin] = true
			}
		}
		prev = h
	}
	// Densify: an empty bin takes the value of the next filled bin to its
	// right, offset by the distance so borrowed values stay distinct.
	for i := range sig {
		if filled[i] {
			continue
		}
		for d := 1; d < mhHashes; d++ {
			j := (i + d) % mhHashes
			if filled[j] {
				sig[i] = sig[j] + uint32(d)*0x9e3779b9
				break
			}
		}
	}
	for b := range bands {
		h := uint64(b+1) * 0x9e3779b97f4a7c15
		for r := 0; r < mhRows; r++ {
			h = mix64(h ^ uint64(sig[b*mhRows+r]))
		}
		bands[b] = h
	}
	return sig, bands, true
}

// Stories returns the current stories, summarized, ranked best first
// (see rankGroups).
func (c *Clusterer) Stories() []Story {
	groups := make([]storyGroup, 0, c.nRoots)
	for r, comp := range c.comps {
		if comp == nil {
			continue
		}
		groups = append(groups, c.group(int32(r), comp))
	}
	ranked := rankGroups(groups, c.isOfficial)
	summarizeGroups(ranked, c.isOfficial)
	out := make([]Story, len(ranked))
	for i, r := range ranked {
		out[i] = r.story
	}
	return out
}

// group returns a component's docs in canonical order.
func (c *Clusterer) group(root int32, comp *component) storyGroup {
	members := slices.Clone(comp.members)
	slices.SortFunc(members, func(i, j int32) int {
		if c.docLess(i, j) {
			return -1
		}
		if c.docLess(j, i) {
			return 1
		}
		return 0
	})
	g := storyGroup{id: c.storyID(root), docs: make([]Doc, len(members)), ans: make([]Analysis, len(members))}
	for k, m := range members {
		g.docs[k], g.ans[k] = c.docs[m].doc, c.docs[m].an
	}
	return g
}

// storyItems lists one StoryItem per carrier of every doc (a doc with no
// carriers gets one item without a source), official first, then
// earliest.
func storyItems(docs []Doc, official func(string) bool) []StoryItem {
	var items []StoryItem
	for _, d := range docs {
		pub := d.Published
		if pub.IsZero() {
			pub = d.FirstSeen
		}
		if len(d.Carriers) == 0 {
			items = append(items, StoryItem{Title: d.Title, Published: pub, Lang: d.Lang})
			continue
		}
		seen := map[string]bool{}
		carriers := slices.Clone(d.Carriers)
		slices.SortStableFunc(carriers, func(a, b StoryItem) int {
			return cmp.Or(a.Published.Compare(b.Published), strings.Compare(a.Source, b.Source),
				strings.Compare(a.URL, b.URL), strings.Compare(a.Link, b.Link))
		})
		for _, ca := range carriers {
			if seen[ca.Source] {
				continue
			}
			seen[ca.Source] = true
			if ca.Title == "" {
				ca.Title = d.Title
			}
			if ca.Published.IsZero() {
				ca.Published = pub
			}
			if ca.Lang == "" {
				ca.Lang = d.Lang
			}
			items = append(items, ca)
		}
	}
	slices.SortStableFunc(items, func(a, b StoryItem) int {
		oa, ob := official(a.Source), official(b.Source)
		if oa != ob {
			if oa {
				return -1
			}
			return 1
		}
		return cmp.Or(a.Published.Compare(b.Published), strings.Compare(a.Source, b.Source),
			strings.Compare(a.URL, b.URL), strings.Compare(a.Title, b.Title))
	})
	return items
}
