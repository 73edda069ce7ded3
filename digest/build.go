package digest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/store"
)

// Engine builds digests: it analyzes documents, groups them into stories
// and selects each topic's stories.
type Engine struct {
	topics   []Topic
	analyzer *Analyzer
	gaz      *Gazetteer
	dataID   string // identifies the reference data, for Fingerprint
}

// NewEngine builds an engine from topics and reference data; no I/O.
func NewEngine(topics []Topic, g *Gazetteer, a *Actors) *Engine {
	return &Engine{topics: topics, analyzer: NewAnalyzer(topics, g, a), gaz: g, dataID: fmt.Sprintf("custom %p %p", g, a)}
}

// DefaultEngine uses the embedded topic pack, gazetteer and actor list.
func DefaultEngine() (*Engine, error) {
	topics, err := DefaultTopics()
	if err != nil {
		return nil, err
	}
	return EngineWithTopics(topics)
}

// EngineWithTopics uses the embedded gazetteer and actor list with these
// topics (see MergeTopics for the configured ones).
func EngineWithTopics(topics []Topic) (*Engine, error) {
	g, err := LoadGazetteer()
	if err != nil {
		return nil, err
	}
	a, err := LoadActors()
	if err != nil {
		return nil, err
	}
	for _, t := range topics {
		if err := t.Validate(); err != nil {
			return nil, &TopicError{Name: t.Name, Err: err}
		}
		if err := checkReferences(t, g, a); err != nil {
			return nil, &TopicError{Name: t.Name, Err: err}
		}
	}
	e := NewEngine(topics, g, a)
	e.dataID = embeddedDataID()
	return e, nil
}

// TopicError says which topic is wrong.
type TopicError struct {
	Name string
	Err  error
}

func (e *TopicError) Error() string { return e.Err.Error() }
func (e *TopicError) Unwrap() error { return e.Err }

// embeddedDataID hashes the embedded reference data.
func embeddedDataID() string {
	h := sha256.New()
	for _, name := range []string{"data/gazetteer.tsv", "data/actors.tsv"} {
		b, _ := fs.ReadFile(dataFS, name)
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Topics lists the engine's topics.
func (e *Engine) Topics() []Topic { return e.topics }

// SameLocation reports whether two place names are spellings of one
// gazetteer place (or equal ignoring case when the gazetteer knows neither).
func (e *Engine) SameLocation(a, b string) bool {
	if strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) {
		return true
	}
	pa, oka := e.gaz.Lookup(a)
	pb, okb := e.gaz.Lookup(b)
	return oka && okb && pa.ID == pb.ID
}

// PlaceVariants returns every spelling of a place name (Belgorod,
// Белгород, Бєлгород...), or nil when it is not a known place: searches
// and watchlists match any of them.
func (e *Engine) PlaceVariants(name string) []string { return e.gaz.Variants(name) }

// BuildOptions select what a digest covers.
type BuildOptions struct {
	// Since and Until bound the window by published time (first-seen time
	// for undated items): [Since, Until). Zero values do not bound.
	Since, Until time.Time
	// Topics restricts the digest to these topic names; empty means all.
	Topics []string
	// Limit is the most stories per topic; 0 means no limit.
	Limit      int
	Now        time.Time
	Provenance Provenance
	// OfficialSources are the names of official sources: their items are
	// listed first and make a story rank higher.
	OfficialSources []string
	// As, when set, makes the digest one topic of that name and title
	// holding every story (a channel's watchlist); Topics is ignored.
	As *Topic
}

func (o BuildOptions) inWindow(t time.Time) bool {
	return (o.Since.IsZero() || !t.Before(o.Since)) && (o.Until.IsZero() || t.Before(o.Until))
}

func (o BuildOptions) official() func(string) bool {
	set := map[string]bool{}
	for _, s := range o.OfficialSources {
		set[s] = true
	}
	return func(s string) bool { return set[s] }
}

// Build makes a digest of docs, clustering them in memory. Stories are
// built from every doc in the window in a canonical order, so the result
// does not depend on the order the docs were fetched in. A running
// briefbot uses BuildIndexed on the stories kept in the store.
func (e *Engine) Build(docs []Doc, o BuildOptions) (Digest, error) {
	selected, err := e.selectTopics(o.Topics)
	if err != nil {
		return Digest{}, err
	}
	var in []Doc
	for _, d := range docs {
		if o.inWindow(d.Published) {
			in = append(in, d)
		}
	}
	analyses := e.analyzeAll(in)
	c := NewClusterer(ClusterOptions{OfficialSources: o.OfficialSources})
	c.AddBatch(in, analyses)
	groups := make([]storyGroup, 0, c.nRoots)
	for r, comp := range c.comps {
		if comp == nil {
			continue
		}
		g := c.group(int32(r), comp)
		// Summaries come from the lead, as from stored stories.
		for k := range g.docs {
			g.docs[k].Text = leadOf(g.docs[k].Text)
		}
		groups = append(groups, g)
	}
	return assemble(groups, selected, o), nil
}

// BuildIndexed makes a digest from items with stored stories (see
// Indexer): the stories with items in the window, each made of its items
// in the window. Items must be in canonical order (published, then id),
// as store.StoryItems returns them.
func (e *Engine) BuildIndexed(items []store.IndexedItem, o BuildOptions) (Digest, error) {
	selected, err := e.selectTopics(o.Topics)
	if err != nil {
		return Digest{}, err
	}
	if o.As != nil {
		selected = []Topic{*o.As}
	}
	byStory := map[string]int{}
	var groups []storyGroup
	for _, it := range items {
		if it.Story == "" || !o.inWindow(it.Published) {
			continue
		}
		k, ok := byStory[it.Story]
		if !ok {
			k = len(groups)
			byStory[it.Story] = k
			groups = append(groups, storyGroup{id: it.Story})
		}
		g := &groups[k]
		g.docs = append(g.docs, indexedDoc(it, true))
		g.stored = append(g.stored, it)
	}
	// Decode the analyses on all cores.
	parallel(len(groups), func(k int) {
		g := &groups[k]
		g.ans = make([]Analysis, len(g.stored))
		for i, it := range g.stored {
			// Terms are not needed to summarize.
			g.ans[i], _ = decodeAnalysis(it.Analysis, "")
		}
		g.stored = nil
	})
	return assemble(groups, selected, o), nil
}

// storyGroup is one story's docs in canonical order, before summary.
type storyGroup struct {
	id     string
	docs   []Doc
	ans    []Analysis
	stored []store.IndexedItem
}

// rankedGroup is a storyGroup with what ranking needs.
type rankedGroup struct {
	storyGroup
	story    Story // without summary until summarizeGroups
	sources  int
	official bool
	done     bool
}

// rankGroups orders stories best first: more independent sources, then
// official (an official source or a speaker), then most recent, then id.
func rankGroups(groups []storyGroup, official func(string) bool) []rankedGroup {
	out := make([]rankedGroup, len(groups))
	parallel(len(groups), func(k int) {
		g := groups[k]
		r := rankedGroup{storyGroup: g}
		st := Story{ID: g.id}
		var topics []string
		for i, d := range g.docs {
			pub := docTime(d)
			if i == 0 || pub.Before(st.FirstSeen) {
				st.FirstSeen = pub
			}
			if i == 0 || pub.After(st.LastSeen) {
				st.LastSeen = pub
			}
			topics = append(topics, g.ans[i].Topics...)
			if len(g.ans[i].Speakers) > 0 {
				r.official = true
			}
		}
		st.Topics = sortedSet(topics)
		st.Items = storyItems(g.docs, official)
		srcs := map[string]bool{}
		for _, it := range st.Items {
			if it.Source != "" {
				srcs[it.Source] = true
			}
			if official(it.Source) {
				r.official = true
			}
		}
		r.sources = len(srcs)
		r.story = st
		out[k] = r
	})
	slices.SortFunc(out, func(a, b rankedGroup) int {
		if a.sources != b.sources {
			return b.sources - a.sources
		}
		if a.official != b.official {
			if a.official {
				return -1
			}
			return 1
		}
		if !a.story.LastSeen.Equal(b.story.LastSeen) {
			return b.story.LastSeen.Compare(a.story.LastSeen)
		}
		return strings.Compare(a.story.ID, b.story.ID)
	})
	return out
}

// summarizeGroups fills in the headline, summary, actors and locations of
// the groups not yet done, on all cores.
func summarizeGroups(groups []rankedGroup, official func(string) bool) {
	parallel(len(groups), func(k int) {
		g := &groups[k]
		if g.done {
			return
		}
		sum := Summarize(g.docs, g.ans, official)
		g.story.Headline, g.story.Summary, g.story.Actors, g.story.Locations = sum.Headline, sum.Summary, sum.Actors, sum.Locations
		g.done = true
	})
}

// assemble ranks the groups, keeps each selected topic's best stories and
// summarizes only those.
func assemble(groups []storyGroup, selected []Topic, o BuildOptions) Digest {
	official := o.official()
	ranked := rankGroups(groups, official)
	picks := make([][]int, len(selected))
	var need []rankedGroup
	var needIdx []int
	chosen := map[int]bool{}
	for ti, t := range selected {
		for k := range ranked {
			if o.As == nil && !slices.Contains(ranked[k].story.Topics, t.Name) {
				continue
			}
			picks[ti] = append(picks[ti], k)
			if !chosen[k] {
				chosen[k] = true
				needIdx = append(needIdx, k)
				need = append(need, ranked[k])
			}
			if o.Limit > 0 && len(picks[ti]) == o.Limit {
				break
			}
		}
	}
	summarizeGroups(need, official)
	for i, k := range needIdx {
		ranked[k] = need[i]
	}
	out := Digest{GeneratedAt: o.Now.UTC(), Since: o.Since.UTC(), Until: o.Until.UTC(), Provenance: o.Provenance}
	for ti, t := range selected {
		td := TopicDigest{Name: t.Name, Title: t.Title, Stories: make([]Story, 0, len(picks[ti]))}
		for _, k := range picks[ti] {
			td.Stories = append(td.Stories, cloneStory(ranked[k].story))
		}
		out.Topics = append(out.Topics, td)
	}
	return out
}

func cloneStory(s Story) Story {
	s.Topics = slices.Clone(s.Topics)
	s.Actors = slices.Clone(s.Actors)
	s.Locations = slices.Clone(s.Locations)
	s.Items = slices.Clone(s.Items)
	return s
}

func (e *Engine) selectTopics(names []string) ([]Topic, error) {
	if len(names) == 0 {
		return e.topics, nil
	}
	var out []Topic
	for _, n := range names {
		i := slices.IndexFunc(e.topics, func(t Topic) bool { return t.Name == n })
		if i < 0 {
			known := make([]string, len(e.topics))
			for k, t := range e.topics {
				known[k] = t.Name
			}
			return nil, fmt.Errorf("unknown topic %q (topics: %s)", n, strings.Join(known, ", "))
		}
		out = append(out, e.topics[i])
	}
	return out, nil
}

// analyzeAll analyzes docs on all cores; analysis is pure per doc.
func (e *Engine) analyzeAll(docs []Doc) []Analysis {
	out := make([]Analysis, len(docs))
	parallel(len(docs), func(i int) { out[i] = e.analyzer.Analyze(docs[i]) })
	return out
}

// parallel calls fn(0..n-1) on all cores, in contiguous chunks.
func parallel(n int, fn func(int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/64))
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				fn(i)
			}
		})
	}
	wg.Wait()
}
