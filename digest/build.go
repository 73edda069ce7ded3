package digest

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// Engine builds digests: it analyzes documents, groups them into stories
// and selects each topic's stories.
type Engine struct {
	topics   []Topic
	analyzer *Analyzer
	gaz      *Gazetteer
}

// NewEngine builds an engine from topics and reference data; no I/O.
func NewEngine(topics []Topic, g *Gazetteer, a *Actors) *Engine {
	return &Engine{topics: topics, analyzer: NewAnalyzer(topics, g, a), gaz: g}
}

// DefaultEngine uses the embedded topic pack, gazetteer and actor list.
func DefaultEngine() (*Engine, error) {
	topics, err := DefaultTopics()
	if err != nil {
		return nil, err
	}
	g, err := LoadGazetteer()
	if err != nil {
		return nil, err
	}
	a, err := LoadActors()
	if err != nil {
		return nil, err
	}
	return NewEngine(topics, g, a), nil
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
}

// Build makes a digest of docs. Stories are built from every doc in the
// window in a canonical order, so the result does not depend on the order
// the docs were fetched in.
func (e *Engine) Build(docs []Doc, o BuildOptions) (Digest, error) {
	selected, err := e.selectTopics(o.Topics)
	if err != nil {
		return Digest{}, err
	}
	var in []Doc
	for _, d := range docs {
		if (!o.Since.IsZero() && d.Published.Before(o.Since)) || (!o.Until.IsZero() && !d.Published.Before(o.Until)) {
			continue
		}
		in = append(in, d)
	}
	slices.SortFunc(in, func(a, b Doc) int {
		if c := a.Published.Compare(b.Published); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	analyses := e.analyzeAll(in)
	c := NewClusterer(ClusterOptions{})
	for i, d := range in {
		c.Add(d, analyses[i])
	}
	stories := c.Stories()
	out := Digest{GeneratedAt: o.Now.UTC(), Since: o.Since.UTC(), Until: o.Until.UTC(), Provenance: o.Provenance}
	for _, t := range selected {
		td := TopicDigest{Name: t.Name, Title: t.Title, Stories: []Story{}}
		for _, s := range stories {
			if slices.Contains(s.Topics, t.Name) {
				td.Stories = append(td.Stories, s)
				if o.Limit > 0 && len(td.Stories) == o.Limit {
					break
				}
			}
		}
		out.Topics = append(out.Topics, td)
	}
	return out, nil
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
	workers := min(runtime.GOMAXPROCS(0), max(1, len(docs)/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				out[i] = e.analyzer.Analyze(docs[i])
			}
		})
	}
	wg.Wait()
	return out
}
