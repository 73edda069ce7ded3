package digest

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/briefbot/briefbot/store"
)

// Persistent stories.
//
// The Indexer analyzes stored items once and assigns each topical item
// to a story kept in the store. It works in batches of queued (new or
// edited) items: a batch loads only the stored items that share a
// candidate key with a batch item (the clusterer's index keys: a place on
// an incident day, a speaker on a day, a MinHash band in a time block,
// stored with each item), since match accepts no other pair; it clusters
// them together with the batch and merges the stored stories that the
// batch's items link. A story is
// the connected component of the link graph over every item ever indexed,
// which does not depend on the order items arrived in; its id derives from
// its earliest item, and an id retired by a merge stays resolvable.

// IndexStore is what the Indexer needs from the store.
type IndexStore interface {
	// IndexStatus reports the fingerprint of the stored analyses and how
	// many items wait.
	IndexStatus(ctx context.Context) (store.IndexState, error)
	// ResetIndex drops every analysis and queues every item again.
	ResetIndex(ctx context.Context, fingerprint string) error
	// IndexBatch runs fn on up to limit queued items in one write
	// transaction and stores its result; it returns the number taken, 0
	// when none wait, and store.ErrFingerprint when the stored analyses
	// were made under another fingerprint.
	IndexBatch(ctx context.Context, fingerprint string, limit int, fn store.IndexFunc) (int, error)
}

var _ IndexStore = (*store.Store)(nil)

// analyzerVersion changes whenever the analysis or the link rules change
// in a way that changes stored results: stored stories are then rebuilt.
const analyzerVersion = 5

// Fingerprint identifies what the engine computes: its topics, its data
// and the version of its rules, with the clustering options. Stored
// analyses made under another fingerprint are rebuilt.
func (e *Engine) Fingerprint(opts ClusterOptions) string {
	h := sha256.New()
	fmt.Fprintf(h, "v%d\n", analyzerVersion)
	y, _ := yaml.Marshal(e.topics)
	h.Write(y)
	h.Write([]byte(e.dataID))
	opts = opts.withDefaults()
	fmt.Fprintf(h, "\n%s %s %g\n", opts.Location, opts.FollowUpWindow, opts.NearDuplicate)
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// IndexStats counts what Index did.
type IndexStats struct {
	Items      int // items analyzed
	Topical    int // of which in at least one topic
	NewStories int // stories created
	Joined     int // items that joined a stored story
	Merged     int // stored stories merged into others
	Candidates int // stored items read as link candidates
	Reset      bool
}

// Indexer keeps the store's stories up to date.
type Indexer struct {
	eng   *Engine
	st    IndexStore
	opts  ClusterOptions
	fp    string
	batch int
}

// NewIndexer returns an Indexer. Official sources in opts do not affect
// stories (only ranking), so they are not part of the fingerprint.
func NewIndexer(e *Engine, st IndexStore, opts ClusterOptions) *Indexer {
	opts = opts.withDefaults()
	return &Indexer{eng: e, st: st, opts: opts, fp: e.Fingerprint(opts), batch: 2000}
}

// Index analyzes every queued item and assigns it to a story. When the
// stored analyses were made with other topics or rules, it rebuilds them
// all first. It stops between batches when ctx is done; what it stored
// stays stored.
func (x *Indexer) Index(ctx context.Context) (IndexStats, error) {
	var stats IndexStats
	status, err := x.st.IndexStatus(ctx)
	if err != nil {
		return stats, err
	}
	if status.Fingerprint != x.fp {
		if err := x.st.ResetIndex(ctx, x.fp); err != nil {
			return stats, err
		}
		stats.Reset = true
	}
	for {
		if err := ctx.Err(); err != nil {
			return stats, err
		}
		n, err := x.st.IndexBatch(ctx, x.fp, x.batch, func(pending []store.IndexedItem, r store.IndexReader) (store.IndexUpdate, error) {
			return x.indexBatch(pending, r, &stats)
		})
		if errors.Is(err, store.ErrFingerprint) {
			// Another process with other rules reset the index: ours win
			// for now, and that process will rebuild again.
			if err := x.st.ResetIndex(ctx, x.fp); err != nil {
				return stats, err
			}
			stats.Reset = true
			continue
		}
		if err != nil {
			return stats, err
		}
		if n == 0 {
			return stats, nil
		}
	}
}

// storyKey orders docs as the clusterer does: published, then id.
type storyKey struct {
	pub time.Time
	id  string
}

func (k storyKey) less(o storyKey) bool {
	if !k.pub.Equal(o.pub) {
		return k.pub.Before(o.pub)
	}
	return k.id < o.id
}

func (x *Indexer) indexBatch(pending []store.IndexedItem, r store.IndexReader, stats *IndexStats) (store.IndexUpdate, error) {
	var up store.IndexUpdate
	docs := make([]Doc, len(pending))
	for i, it := range pending {
		docs[i] = indexedDoc(it, false)
	}
	ans := x.eng.analyzeAll(docs)
	up.Items = make([]store.IndexRow, len(pending))
	var topical []int
	for i, it := range pending {
		enc, terms := encodeAnalysis(ans[i], nil)
		up.Items[i] = store.IndexRow{ItemID: it.ID, Topics: ans[i].Topics, Analysis: enc, Terms: terms, Lead: leadOf(it.Text)}
		if len(ans[i].Topics) == 0 {
			continue
		}
		topical = append(topical, i)
	}
	stats.Items += len(pending)
	stats.Topical += len(topical)
	if len(topical) == 0 {
		return up, nil
	}

	// Only stored items that share a candidate key with a batch item can
	// link to it (see match and forEachKey).
	c := NewClusterer(x.opts)
	newDocs := make([]Doc, len(topical))
	newAns := make([]Analysis, len(topical))
	var lookup []int64
	for k, i := range topical {
		newDocs[k], newAns[k] = docs[i], ans[i]
		for _, key := range c.newDocState(docs[i], ans[i]).lookupKeys {
			lookup = append(lookup, int64(key))
		}
	}
	slices.Sort(lookup)
	nb, err := r.Candidates(slices.Compact(lookup))
	if err != nil {
		return up, err
	}
	nbDocs := make([]Doc, len(nb))
	nbAns := make([]Analysis, len(nb))
	for i, it := range nb {
		nbDocs[i] = indexedDoc(it, false)
		a, f, err := decodeStored(it.Analysis, it.Terms)
		if err != nil {
			return up, fmt.Errorf("item %s: %w", it.ID, err)
		}
		nbAns[i], nbDocs[i].lede = a, f
	}
	c.addUnlinked(nbDocs, nbAns)
	c.AddBatch(newDocs, newAns)
	for _, i := range topical {
		ds := c.docs[c.byID[pending[i].ID]]
		for _, key := range ds.insertKeys {
			up.Items[i].Keys = append(up.Items[i].Keys, int64(key))
		}
		f := ds.ledeOf()
		up.Items[i].Analysis, _ = encodeAnalysis(ans[i], &f)
	}
	stats.Candidates += len(nb)

	// Group at the level of stored stories: a component of the loaded
	// graph that holds a batch item joins every stored story among its
	// members, and the batch item's own earlier story (an edit).
	known := map[string]bool{}
	note := func(it store.IndexedItem) {
		if it.Story != "" {
			known[it.Story] = true
		}
	}
	u := newStringUnion()
	hasNew := map[int32]bool{}
	for _, i := range topical {
		it := pending[i]
		root := c.find(c.byID[it.ID])
		hasNew[root] = true
		u.union("d:"+it.ID, fmt.Sprintf("r:%d", root))
		if it.Story != "" {
			note(it)
			u.union("d:"+it.ID, "s:"+it.Story)
		}
	}
	for _, it := range nb {
		if root := c.find(c.byID[it.ID]); hasNew[root] {
			note(it)
			u.union(fmt.Sprintf("r:%d", root), "s:"+it.Story)
		}
	}
	type group struct {
		first   storyKey
		topics  []string
		stories []string
		items   []int
	}
	groups := map[string]*group{}
	get := func(node string) *group {
		r := u.find(node)
		g := groups[r]
		if g == nil {
			g = &group{}
			groups[r] = g
		}
		return g
	}
	consider := func(g *group, k storyKey) {
		if g.first.id == "" || k.less(g.first) {
			g.first = k
		}
	}
	for _, i := range topical {
		g := get("d:" + pending[i].ID)
		g.items = append(g.items, i)
		g.topics = append(g.topics, ans[i].Topics...)
		consider(g, storyKey{docs[i].Published, docs[i].ID})
	}
	ids := make([]string, 0, len(known))
	for id := range known {
		ids = append(ids, id)
	}
	rows, err := r.Stories(ids)
	if err != nil {
		return up, err
	}
	if len(rows) != len(ids) {
		return up, fmt.Errorf("stored items name %d stories, %d found", len(ids), len(rows))
	}
	for _, st := range rows {
		g := get("s:" + st.ID)
		g.stories = append(g.stories, st.ID)
		g.topics = append(g.topics, st.Topics...)
		consider(g, storyKey{st.FirstPub, st.FirstItem})
	}
	up.Merged = map[string]string{}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		g := groups[k]
		id := StoryID(g.first.id)
		up.Stories = append(up.Stories, store.StoryRow{ID: id, FirstPub: g.first.pub, FirstItem: g.first.id, Topics: sortedSet(g.topics)})
		for _, i := range g.items {
			up.Items[i].Story = id
		}
		switch {
		case len(g.stories) == 0:
			stats.NewStories++
		default:
			stats.Joined += len(g.items)
		}
		for _, s := range g.stories {
			if s != id {
				up.Merged[s] = id
				stats.Merged++
			}
		}
	}
	return up, nil
}

// Summaries are taken from the lead: news puts who said what, and what
// happened where, in the first sentences.
const (
	leadSentences = 5
	leadRunes     = 1500
)

// leadOf returns the first sentences of a text.
func leadOf(text string) string {
	var b strings.Builder
	n := 0
	for i, s := range splitSentences(text) {
		r := utf8.RuneCountInString(s)
		if i == leadSentences || (i > 0 && n+r > leadRunes) {
			break
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
		n += r + 1
	}
	return b.String()
}

// indexedDoc turns a stored item into a Doc; carriers are needed for
// summaries, not for clustering.
func indexedDoc(it store.IndexedItem, carriers bool) Doc {
	d := Doc{ID: it.ID, Title: it.Title, Text: it.Text, Lang: it.Lang, Published: it.Published, FirstSeen: it.FirstSeen}
	if carriers {
		d.Carriers = make([]StoryItem, 0, len(it.Carriers))
		for _, c := range it.Carriers {
			d.Carriers = append(d.Carriers, StoryItem{Source: c.Source, Title: c.Title, URL: it.URL, Link: c.Link, Published: c.Published, Lang: it.Lang})
		}
	}
	return d
}

// encodeAnalysis stores an Analysis without its terms (stored apart as
// text, and not needed to summarize) in a compact binary form: a version
// byte, then each list as a count and its strings, each string as a
// length and its bytes. Decoding it costs a tenth of JSON, which matters
// when a digest reads a month of items.
func encodeAnalysis(a Analysis, f *ledeFeatures) ([]byte, string) {
	b := []byte{analysisEncoding}
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(len(a.Places)))
	for _, p := range a.Places {
		str(p.ID)
		str(p.Canonical)
		str(p.Kind)
		str(p.Region)
		str(p.Country)
	}
	for _, list := range [][]ActorMention{a.Actors, a.Speakers} {
		b = binary.AppendUvarint(b, uint64(len(list)))
		for _, x := range list {
			str(x.ID)
			str(x.Canonical)
			str(x.Kind)
			str(x.Body)
		}
	}
	if a.Statement {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	for _, list := range [][]string{a.Events, a.Topics} {
		b = binary.AppendUvarint(b, uint64(len(list)))
		for _, x := range list {
			str(x)
		}
	}
	if f != nil {
		p := byte(0)
		if f.preview {
			p = 1
		}
		b = append(b, 1, byte(f.back), p)
	}
	return b, strings.Join(a.Terms, " ")
}

const analysisEncoding = 1

var errBadAnalysis = errors.New("stored analysis is corrupt")

func decodeAnalysis(b []byte, terms string) (Analysis, error) {
	a, _, err := decodeStored(b, terms)
	return a, err
}

// decodeStored decodes an analysis and, when stored with it, the lede
// features of its doc.
func decodeStored(b []byte, terms string) (Analysis, *ledeFeatures, error) {
	a := Analysis{Terms: strings.Fields(terms)}
	if len(b) == 0 {
		return a, nil, nil
	}
	if b[0] != analysisEncoding {
		return a, nil, fmt.Errorf("stored analysis encoding %d: %w", b[0], errBadAnalysis)
	}
	b = b[1:]
	bad := false
	num := func() int {
		v, n := binary.Uvarint(b)
		if n <= 0 || v > uint64(len(b)) {
			bad = true
			return 0
		}
		b = b[n:]
		return int(v)
	}
	str := func() string {
		l := num()
		if bad || l > len(b) {
			bad = true
			return ""
		}
		s := string(b[:l])
		b = b[l:]
		return s
	}
	if n := num(); n > 0 {
		a.Places = make([]PlaceMention, n)
		for i := range a.Places {
			a.Places[i] = PlaceMention{ID: str(), Canonical: str(), Kind: str(), Region: str(), Country: str()}
		}
	}
	for _, list := range []*[]ActorMention{&a.Actors, &a.Speakers} {
		if n := num(); n > 0 {
			*list = make([]ActorMention, n)
			for i := range *list {
				(*list)[i] = ActorMention{ID: str(), Canonical: str(), Kind: str(), Body: str()}
			}
		}
	}
	if len(b) == 0 {
		return a, nil, errBadAnalysis
	}
	a.Statement, b = b[0] == 1, b[1:]
	for _, list := range []*[]string{&a.Events, &a.Topics} {
		if n := num(); n > 0 {
			*list = make([]string, n)
			for i := range *list {
				(*list)[i] = str()
			}
		}
	}
	var f *ledeFeatures
	if len(b) == 3 && b[0] == 1 && b[1] <= 7 && b[2] <= 1 {
		f, b = &ledeFeatures{back: int8(b[1]), preview: b[2] == 1}, b[3:]
	}
	if bad || len(b) != 0 {
		return a, nil, errBadAnalysis
	}
	return a, f, nil
}

// stringUnion is a union-find over strings.
type stringUnion struct{ parent map[string]string }

func newStringUnion() *stringUnion { return &stringUnion{parent: map[string]string{}} }

func (u *stringUnion) find(x string) string {
	p, ok := u.parent[x]
	if !ok {
		u.parent[x] = x
		return x
	}
	if p == x {
		return x
	}
	r := u.find(p)
	u.parent[x] = r
	return r
}

func (u *stringUnion) union(a, b string) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		// The smaller name wins: deterministic whatever the call order.
		if cmp.Less(rb, ra) {
			ra, rb = rb, ra
		}
		u.parent[rb] = ra
	}
}
