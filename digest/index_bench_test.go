package digest

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/store"
)

// Benchmarks of the persistent path: a store holding 100,000 items over
// 30 days from 200 sources, written in the three languages' border and
// alliance vocabulary with the gazetteer's places and the actor list's
// offices, about 30% in no topic, and each story reported 1 to 6 times.
//
//	go test -run NONE -bench 'Digest100k|IndexAdd1000' -benchtime 1x -count 5 ./digest

const (
	benchItems   = 100_000
	benchSources = 200
	benchSpan    = 30 * 24 * time.Hour
)

var benchStart = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)

// synthNews writes reports of synthetic stories with real place and actor
// names. Story s is the same whenever it is asked for, so later reports
// of a stored story can be made.
type synthNews struct {
	settlements []PlaceMention
	actors      []ActorMention
	vocab       []string
	seed        uint64
}

func newSynthNews(tb testing.TB, seed uint64) *synthNews {
	g, err := LoadGazetteer()
	if err != nil {
		tb.Fatal(err)
	}
	a, err := LoadActors()
	if err != nil {
		tb.Fatal(err)
	}
	n := &synthNews{seed: seed}
	for _, p := range g.places {
		if (p.Kind == "village" || p.Kind == "town" || p.Kind == "city") && !p.ambiguous {
			n.settlements = append(n.settlements, p.PlaceMention)
		}
	}
	for _, x := range a.list {
		if x.Body == "NATO" || x.Body == "EU" || x.Body == "G7" {
			n.actors = append(n.actors, x.ActorMention)
		}
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	syll := []string{"ka", "lo", "mi", "ver", "sta", "nor", "pel", "dri", "ton", "bar", "qui", "sem", "fa", "ru", "gen", "tal"}
	for range 3000 {
		var b strings.Builder
		for range 2 + rng.IntN(2) {
			b.WriteString(syll[rng.IntN(len(syll))])
		}
		n.vocab = append(n.vocab, b.String())
	}
	return n
}

type synthStory struct {
	kind    int // 0 event, 1 statement, 2 other
	t0      time.Time
	place   PlaceMention
	actor   ActorMention
	reports int
	words   []string
	n       int
}

func (n *synthNews) story(s int) synthStory {
	rng := rand.New(rand.NewPCG(n.seed, uint64(s)+2))
	st := synthStory{t0: benchStart.Add(time.Duration(rng.Int64N(int64(benchSpan - 24*time.Hour)))), reports: 1 + rng.IntN(6), n: 2 + rng.IntN(9)}
	switch k := rng.IntN(10); {
	case k < 4:
		st.kind, st.place = 0, n.settlements[rng.IntN(len(n.settlements))]
	case k < 7:
		st.kind, st.actor = 1, n.actors[rng.IntN(len(n.actors))]
	default:
		st.kind = 2
	}
	for range 20 {
		st.words = append(st.words, n.vocab[int(rng.ExpFloat64()*400)%len(n.vocab)])
	}
	return st
}

var (
	eventTemplates = []string{
		"A drone struck a house in %s, %s, on %s, injuring %d people, the regional governor said.",
		"Russian forces shelled %s in %s overnight into %s, damaging %d homes, officials said.",
		"A missile hit %s in %s on %s; %d people were wounded, the regional administration said.",
	}
	statementTemplates = []string{
		"The %s said on %s that allies would send %d more air defence systems to Ukraine.",
		"The %s warned on %s that Russia's attacks threatened European security and pledged %d new measures.",
		"The %s pledged on %s new military aid for Ukraine, %d packages in all, after a meeting in Brussels.",
	}
)

// report returns report r of story s from a source.
func (n *synthNews) report(s, r int) (source int, it feeds.Item) {
	st := n.story(s)
	rng := rand.New(rand.NewPCG(n.seed^0x9e37, uint64(s)<<8|uint64(r)))
	at := st.t0.Add(time.Duration(rng.Int64N(int64(20 * time.Hour))))
	day := st.t0.Weekday().String()
	var title, text string
	tpl := rng.IntN(3)
	switch st.kind {
	case 0:
		title = fmt.Sprintf("Attack on %s", st.place.Canonical)
		text = fmt.Sprintf(eventTemplates[tpl], st.place.Canonical, st.place.Region, day, st.n)
	case 1:
		title = fmt.Sprintf("%s on Ukraine", st.actor.Canonical)
		text = fmt.Sprintf(statementTemplates[tpl], st.actor.Canonical, day, st.n)
	default:
		title = "Council budget vote"
		text = fmt.Sprintf("The city council approved the %s budget on %s, the mayor said.", st.words[0], day)
	}
	var fill []string
	for _, w := range st.words {
		if rng.IntN(5) != 0 {
			fill = append(fill, w)
		}
	}
	for range 4 {
		fill = append(fill, n.vocab[rng.IntN(len(n.vocab))])
	}
	text += " " + strings.Join(fill, " ") + "."
	key := fmt.Sprintf("s%d-r%d", s, r)
	source = rng.IntN(benchSources)
	link := fmt.Sprintf("https://src%d.example/%s", source, key)
	return source, feeds.Item{Key: "guid:" + key, URL: link, Link: link, Title: title, Text: text, Lang: "en", Published: at}
}

// benchStore returns a copy of a store holding benchItems indexed items
// (built once per process, in about a minute) and the story count.
var benchStoreOnce struct {
	sync.Once
	dir     string
	stories int // stories generated
	err     error
}

func benchStore(b *testing.B, eng *Engine) *store.Store {
	b.Helper()
	ctx := context.Background()
	o := &benchStoreOnce
	o.Do(func() {
		o.dir, o.err = os.MkdirTemp("", "briefbot-bench-")
		if o.err != nil {
			return
		}
		st, err := store.Open(ctx, "sqlite://"+filepath.Join(o.dir, "bench.db"), store.Options{})
		if err != nil {
			o.err = err
			return
		}
		defer st.Close()
		ids := make([]int64, benchSources)
		for i := range ids {
			src, err := st.AddSource(ctx, store.SourceSpec{Name: fmt.Sprintf("src%d", i), URL: fmt.Sprintf("https://src%d.example/feed", i)})
			if err != nil {
				o.err = err
				return
			}
			ids[i] = src.ID
		}
		n := newSynthNews(b, 7)
		per := make([][]feeds.Item, benchSources)
		total := 0
		for s := 0; total < benchItems; s++ {
			for r := range n.story(s).reports {
				if total == benchItems {
					break
				}
				src, it := n.report(s, r)
				per[src] = append(per[src], it)
				total++
			}
			o.stories = s + 1
		}
		for i, items := range per {
			if _, err := st.SaveItems(ctx, ids[i], items); err != nil {
				o.err = err
				return
			}
		}
		if _, err := NewIndexer(eng, st, ClusterOptions{}).Index(ctx); err != nil {
			o.err = err
		}
	})
	if o.err != nil {
		b.Fatal(o.err)
	}
	dir := b.TempDir()
	for _, name := range []string{"bench.db", "bench.db-wal"} {
		if err := copyFile(filepath.Join(o.dir, name), filepath.Join(dir, name)); err != nil && !os.IsNotExist(err) {
			b.Fatal(err)
		}
	}
	st, err := store.Open(ctx, "sqlite://"+filepath.Join(dir, "bench.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// BenchmarkDigest100k builds the digest of a window holding 100,000
// stored, indexed items: load them with their stories, rank every story
// and summarize every one (no --limit), as `briefbot digest --since 30d`
// does.
func BenchmarkDigest100k(b *testing.B) {
	eng := defaultEngine(b)
	st := benchStore(b, eng)
	ctx := context.Background()
	x := NewIndexer(eng, st, ClusterOptions{})
	if s, err := x.Index(ctx); err != nil || s.Items != 0 {
		b.Fatalf("store not indexed: %+v %v", s, err)
	}
	o := BuildOptions{Since: benchStart, Until: benchStart.Add(benchSpan), Now: benchStart.Add(benchSpan)}
	b.ResetTimer()
	for range b.N {
		items, err := st.StoryItems(ctx, store.StoryQuery{Since: o.Since, Until: o.Until})
		if err != nil {
			b.Fatal(err)
		}
		d, err := eng.BuildIndexed(items, o)
		if err != nil {
			b.Fatal(err)
		}
		stories := 0
		for _, t := range d.Topics {
			stories += len(t.Stories)
		}
		b.ReportMetric(float64(len(items)), "topical-items")
		b.ReportMetric(float64(stories), "stories")
	}
}

// BenchmarkIndexAdd1000 stores 1,000 new reports of stories already in a
// 100,000-item store, as the poller does (save-ms), and indexes them
// (index-ms: analysis, candidate lookup, story assignment, writes): the
// work of a poll that brings 1,000 items.
func BenchmarkIndexAdd1000(b *testing.B) {
	eng := defaultEngine(b)
	st := benchStore(b, eng)
	ctx := context.Background()
	n := newSynthNews(b, 7)
	srcs, err := st.Sources(ctx)
	if err != nil {
		b.Fatal(err)
	}
	byName := map[string]int64{}
	for _, s := range srcs {
		byName[s.Name] = s.ID
	}
	x := NewIndexer(eng, st, ClusterOptions{})
	rng := rand.New(rand.NewPCG(5, 6))
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		per := map[int][]feeds.Item{}
		for k := range 1000 {
			s := rng.IntN(benchStoreOnce.stories)
			src, it := n.report(s, 100+i*1000+k) // a new report of a stored story
			per[src] = append(per[src], it)
		}
		b.StartTimer()
		t0 := time.Now()
		// As the poller writes: up to 64 sources' results a transaction.
		var batch []feeds.PollUpdate
		flush := func() {
			for _, a := range st.ApplyPolls(ctx, batch) {
				if a.Err != nil {
					b.Fatal(a.Err)
				}
			}
			batch = batch[:0]
		}
		for src, items := range per {
			batch = append(batch, feeds.PollUpdate{SourceID: byName[fmt.Sprintf("src%d", src)], Save: true, Items: items,
				Result: feeds.PollResult{At: t0, Status: 200}})
			if len(batch) == 64 {
				flush()
			}
		}
		flush()
		t1 := time.Now()
		s, err := x.Index(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(t1.Sub(t0).Milliseconds()), "save-ms")
		b.ReportMetric(float64(time.Since(t1).Milliseconds()), "index-ms")
		b.ReportMetric(float64(s.Joined), "joined")
		b.ReportMetric(float64(s.Candidates), "candidates")
	}
}
