package digest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/store"
)

func openTestStore(t testing.TB, now func() time.Time) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), "sqlite://"+filepath.Join(t.TempDir(), "t.db"), store.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func defaultEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := DefaultEngine()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// corpusFeed is one feed file of the development corpus, parsed.
type corpusFeed struct {
	name  string
	items []feeds.Item
}

func loadCorpusFeeds(t *testing.T) []corpusFeed {
	t.Helper()
	dir := filepath.Join(devCorpusDir(t), "feeds")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []corpusFeed
	for _, en := range entries {
		body, err := os.ReadFile(filepath.Join(dir, en.Name()))
		if err != nil {
			t.Fatal(err)
		}
		f, err := feeds.Parse(body, "", "https://"+en.Name()+".test/")
		if err != nil {
			t.Fatalf("parse %s: %v", en.Name(), err)
		}
		out = append(out, corpusFeed{en.Name(), f.Items})
	}
	return out
}

// storyMap returns item id -> story id for every item in a stored story.
func storyMap(t *testing.T, st *store.Store) map[string]string {
	t.Helper()
	items, err := st.StoryItems(context.Background(), store.StoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, it := range items {
		m[it.ID] = it.Story
	}
	return m
}

// TestIndexIncrementalMatchesOneShot feeds the development corpus into a
// store in random orders, a few items at a time, indexing after each
// arrival in small batches, and checks that every item ends in the story
// (same id) that clustering all items at once gives.
func TestIndexIncrementalMatchesOneShot(t *testing.T) {
	ctx := context.Background()
	corpus := loadCorpusFeeds(t)
	eng := defaultEngine(t)
	now := func() time.Time { return time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC) }

	// Reference: everything at once, in memory.
	ref := openTestStore(t, now)
	for _, f := range corpus {
		src, err := ref.AddSource(ctx, store.SourceSpec{Name: f.name, URL: "https://" + f.name + ".test/feed"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ref.SaveItems(ctx, src.ID, f.items); err != nil {
			t.Fatal(err)
		}
	}
	all, err := ref.Items(ctx, store.ItemQuery{})
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]Doc, len(all))
	for i, it := range all {
		docs[i] = Doc{ID: it.ID, Title: it.Title, Text: it.Text, Lang: it.Lang, Published: it.Published, FirstSeen: it.FirstSeen}
	}
	c := NewClusterer(ClusterOptions{})
	c.AddBatch(docs, eng.analyzeAll(docs))
	want := map[string]string{}
	for _, d := range docs {
		if id := c.StoryOf(d.ID); id != "" {
			want[d.ID] = id
		}
	}
	if len(want) < 50 {
		t.Fatalf("only %d topical items in the corpus", len(want))
	}

	for run := range 3 {
		rng := rand.New(rand.NewPCG(uint64(run), 99))
		st := openTestStore(t, now)
		x := NewIndexer(eng, st, ClusterOptions{})
		x.batch = 1 + rng.IntN(9)
		type arrival struct {
			src   int64
			items []feeds.Item
		}
		var arrivals []arrival
		for _, f := range corpus {
			src, err := st.AddSource(ctx, store.SourceSpec{Name: f.name, URL: "https://" + f.name + ".test/feed"})
			if err != nil {
				t.Fatal(err)
			}
			items := slices.Clone(f.items)
			rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
			for len(items) > 0 {
				n := min(len(items), 1+rng.IntN(6))
				arrivals = append(arrivals, arrival{src.ID, items[:n]})
				items = items[n:]
			}
		}
		rng.Shuffle(len(arrivals), func(i, j int) { arrivals[i], arrivals[j] = arrivals[j], arrivals[i] })
		for _, a := range arrivals {
			if _, err := st.SaveItems(ctx, a.src, a.items); err != nil {
				t.Fatal(err)
			}
			if _, err := x.Index(ctx); err != nil {
				t.Fatal(err)
			}
		}
		got := storyMap(t, st)
		diff := 0
		for id, w := range want {
			if got[id] != w {
				if diff < 5 {
					t.Errorf("run %d (batch %d): item %s in story %q, want %q", run, x.batch, id, got[id], w)
				}
				diff++
			}
		}
		if len(got) != len(want) {
			t.Errorf("run %d: %d items in stories, want %d", run, len(got), len(want))
		}
		if diff > 0 {
			t.Errorf("run %d: %d of %d items in another story than one-shot clustering", run, diff, len(want))
		}
		// Every retired id still resolves to its item's story.
		for id, w := range want {
			if r, err := st.ResolveStory(ctx, StoryID(id)); err == nil && r != w && got[id] == w {
				t.Errorf("run %d: story id %s of item %s resolves to %s, want %s", run, StoryID(id), id, r, w)
			}
		}
	}
}

// indexFixture stores items of one source and indexes them.
type indexFixture struct {
	t   *testing.T
	st  *store.Store
	x   *Indexer
	src int64
	now time.Time
}

func newIndexFixture(t *testing.T) *indexFixture {
	f := &indexFixture{t: t, now: time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)}
	f.st = openTestStore(t, func() time.Time { return f.now })
	f.x = NewIndexer(defaultEngine(t), f.st, ClusterOptions{})
	src, err := f.st.AddSource(context.Background(), store.SourceSpec{Name: "wire", URL: "https://wire.test/feed"})
	if err != nil {
		t.Fatal(err)
	}
	f.src = src.ID
	return f
}

func (f *indexFixture) add(key, title, text string, pub time.Time) IndexStats {
	f.t.Helper()
	it := feeds.Item{Key: "guid:" + key, URL: "https://wire.test/" + key, Link: "https://wire.test/" + key, Title: title, Text: text, Lang: "en", Published: pub}
	if _, err := f.st.SaveItems(context.Background(), f.src, []feeds.Item{it}); err != nil {
		f.t.Fatal(err)
	}
	stats, err := f.x.Index(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return stats
}

// uid is the store id of the fixture item with this key.
func (f *indexFixture) uid(key string) string {
	f.t.Helper()
	items, err := f.st.Items(context.Background(), store.ItemQuery{})
	if err != nil {
		f.t.Fatal(err)
	}
	for _, it := range items {
		if it.URL == "https://wire.test/"+key {
			return it.ID
		}
	}
	f.t.Fatalf("no item %s", key)
	return ""
}

func (f *indexFixture) stories() map[string][]string {
	f.t.Helper()
	items, err := f.st.StoryItems(context.Background(), store.StoryQuery{})
	if err != nil {
		f.t.Fatal(err)
	}
	out := map[string][]string{}
	for _, it := range items {
		out[it.Story] = append(out[it.Story], strings.TrimPrefix(it.URL, "https://wire.test/"))
	}
	return out
}

func TestIndexFollowUpJoinsAndLaterEarlierItemRenames(t *testing.T) {
	f := newIndexFixture(t)
	day := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	f.add("a", "Drone strike on Shebekino injures two",
		"A Ukrainian drone struck a car in Shebekino, Belgorod region, injuring two people, governor Vyacheslav Gladkov said.", day.Add(10*time.Hour))
	first := f.stories()
	if len(first) != 1 {
		t.Fatalf("stories after one item: %v", first)
	}
	var idA string
	for id := range first {
		idA = id
	}
	// A follow-up the same day joins the story; the id stays.
	st := f.add("b", "Shebekino drone attack toll rises to three",
		"The number of people injured in the drone attack on Shebekino rose to three, the Belgorod governor said.", day.Add(15*time.Hour))
	if st.Joined != 1 || st.NewStories != 0 {
		t.Errorf("follow-up: stats %+v, want it to join", st)
	}
	if got := f.stories(); len(got) != 1 || len(got[idA]) != 2 {
		t.Errorf("after follow-up: %v, want both in %s", got, idA)
	}
	// A report of the same strike published earlier (a late-arriving
	// feed) becomes the story's first item: the story is renamed, and the
	// old id resolves to the new one.
	f.add("c", "Drone hits car in Shebekino",
		"A drone hit a car in Shebekino in the Belgorod region, regional authorities said.", day.Add(9*time.Hour))
	got := f.stories()
	if len(got) != 1 {
		t.Fatalf("after earlier report: %v, want one story", got)
	}
	var idC string
	for id := range got {
		idC = id
	}
	if idC == idA {
		t.Errorf("story id did not move to the earliest item")
	}
	if r, err := f.st.ResolveStory(context.Background(), idA); err != nil || r != idC {
		t.Errorf("ResolveStory(%s) = %q, %v; want %s", idA, r, err, idC)
	}
	// The same village the next day is a new story.
	st = f.add("d", "Shebekino shelled again",
		"Ukrainian forces shelled Shebekino in the Belgorod region on Monday, damaging houses, the governor said.", day.Add(34*time.Hour))
	if st.NewStories != 1 {
		t.Errorf("next day's shelling: stats %+v, want a new story", st)
	}
}

func TestIndexBridgeMergesStoredStories(t *testing.T) {
	f := newIndexFixture(t)
	ctx := context.Background()
	day := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	// Reports from two settlements of one district the same day are
	// separate stories, until a district-level report links both.
	f.add("v1", "Shelling in Vovchansk", "Russian forces shelled Vovchansk in Chuhuiv district, Kharkiv region, on Sunday, the governor said.", day.Add(8*time.Hour))
	f.add("v2", "Shelling in Malynivka", "Russian forces shelled Malynivka in Chuhuiv district of the Kharkiv region on Sunday, officials said.", day.Add(9*time.Hour))
	before := f.stories()
	if len(before) != 2 {
		t.Fatalf("before the district report: %v, want two stories", before)
	}
	id1, id2 := StoryID(f.uid("v1")), StoryID(f.uid("v2"))
	f.now = f.now.Add(time.Hour)
	st := f.add("v3", "Shelling across Chuhuiv district", "Russian forces shelled Chuhuiv district of the Kharkiv region on Sunday, injuring two people, the governor said.", day.Add(11*time.Hour))
	if st.Merged != 1 {
		t.Errorf("stats %+v, want one stored story merged", st)
	}
	after := f.stories()
	if len(after) != 1 || len(after[id1]) != 3 {
		t.Fatalf("after: %v, want all three in %s (the earliest item's story)", after, id1)
	}
	if r, err := f.st.ResolveStory(ctx, id2); err != nil || r != id1 {
		t.Errorf("ResolveStory(%s) = %q, %v; want %s", id2, r, err, id1)
	}
}

func TestIndexEditedItemIsAnalyzedAgainAndKeepsItsStory(t *testing.T) {
	f := newIndexFixture(t)
	day := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	f.add("a", "NATO chief warns Russia", "NATO Secretary General Mark Rutte said on Sunday that allies would defend every inch of territory.", day.Add(9*time.Hour))
	f.add("b", "Rutte: allies will defend every inch", "NATO Secretary General Mark Rutte warned on Sunday that the alliance would defend every inch of allied territory.", day.Add(10*time.Hour))
	before := f.stories()
	if len(before) != 1 {
		t.Fatalf("stories: %v", before)
	}
	st := f.add("b", "Rutte: allies will defend every inch (updated)", "NATO Secretary General Mark Rutte warned on Sunday that the alliance would defend every inch of allied territory, and pledged more air defence.", day.Add(10*time.Hour))
	if st.Items != 1 {
		t.Errorf("edit: %d items analyzed, want 1", st.Items)
	}
	after := f.stories()
	if !storiesEqual(before, after) {
		t.Errorf("after edit: %v, want %v", after, before)
	}
}

func storiesEqual(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

func TestIndexRebuildsWhenTopicsChange(t *testing.T) {
	f := newIndexFixture(t)
	day := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	f.add("a", "Drone strike on Sumy", "A Russian drone struck an apartment block in Sumy, injuring five, the regional administration said.", day.Add(9*time.Hour))
	if len(f.stories()) != 1 {
		t.Fatal("no story")
	}
	// Only alliance statements now: the border story goes.
	topics, err := DefaultTopics()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := EngineWithTopics(topics[:1])
	if err != nil {
		t.Fatal(err)
	}
	x := NewIndexer(eng, f.st, ClusterOptions{})
	st, err := x.Index(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !st.Reset || st.Items != 1 {
		t.Errorf("stats %+v, want a rebuild of 1 item", st)
	}
	if got := f.stories(); len(got) != 0 {
		t.Errorf("stories after dropping the topic: %v", got)
	}
}

// countingStore counts the stored items a batch loads as neighbours.
type countingStore struct {
	*store.Store
	loaded int
}

func (c *countingStore) IndexBatch(ctx context.Context, fp string, limit int, fn store.IndexFunc) (int, error) {
	return c.Store.IndexBatch(ctx, fp, limit, func(p []store.IndexedItem, r store.IndexReader) (store.IndexUpdate, error) {
		return fn(p, countingReader{r, c})
	})
}

type countingReader struct {
	store.IndexReader
	c *countingStore
}

func (r countingReader) Candidates(keys []int64) ([]store.IndexedItem, error) {
	items, err := r.IndexReader.Candidates(keys)
	r.c.loaded += len(items)
	return items, err
}

// TestIndexLoadsOnlyCandidates: indexing a new item reads the stored
// items a link could reach (same place and day, same speaker and day,
// near-duplicate text), not the archive.
func TestIndexLoadsOnlyCandidates(t *testing.T) {
	f := newIndexFixture(t)
	start := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	places := []string{"Shebekino", "Graivoron", "Sudzha", "Vovchansk", "Kupiansk", "Krasnopillia"}
	var items []feeds.Item
	for d := range 60 {
		for k, p := range places {
			key := p + "-" + start.AddDate(0, 0, d).Format("0102")
			var filler []string
			for w := range 12 {
				filler = append(filler, fmt.Sprintf("%s%d", []string{"roof", "window", "school", "road", "power", "water", "field", "yard"}[(d*7+k*3+w)%8], (d*131+k*17+w*7)%97))
			}
			items = append(items, feeds.Item{Key: "guid:" + key, URL: "https://wire.test/" + key, Link: "https://wire.test/" + key,
				Title: "Shelling in " + p, Text: "Shelling hit " + p + " in the border region on the day, officials said. Damaged: " + strings.Join(filler, " ") + ".",
				Lang: "en", Published: start.AddDate(0, 0, d).Add(time.Duration(k) * time.Hour)})
		}
	}
	if _, err := f.st.SaveItems(context.Background(), f.src, items); err != nil {
		t.Fatal(err)
	}
	if _, err := f.x.Index(context.Background()); err != nil {
		t.Fatal(err)
	}
	cs := &countingStore{Store: f.st}
	x := NewIndexer(f.x.eng, cs, ClusterOptions{})
	it := feeds.Item{Key: "guid:new", URL: "https://wire.test/new", Link: "https://wire.test/new", Title: "Shelling in Sudzha",
		Text: "Shelling hit Sudzha in the Kursk region, officials said.", Lang: "en", Published: start.AddDate(0, 0, 59).Add(5 * time.Hour)}
	if _, err := f.st.SaveItems(context.Background(), f.src, []feeds.Item{it}); err != nil {
		t.Fatal(err)
	}
	st, err := x.Index(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Items != 1 || st.Joined != 1 {
		t.Errorf("stats %+v, want the new item to join the day's Sudzha story", st)
	}
	// The day's Sudzha report, and perhaps a near-duplicate or two.
	if cs.loaded == 0 || cs.loaded > 3 {
		t.Errorf("loaded %d stored items for one new item; want its candidates only (archive: %d)", cs.loaded, len(items))
	}
}

func TestAnalysisEncodingRoundTrip(t *testing.T) {
	an := defaultAnalyzer(t)
	for _, c := range topicCases {
		a := an.Analyze(Doc{Title: c.title, Text: c.text, Lang: c.lang})
		b, terms := encodeAnalysis(a, nil)
		got, err := decodeAnalysis(b, terms)
		if err != nil {
			t.Fatalf("%q: %v", c.title, err)
		}
		if !reflect.DeepEqual(got, a) {
			t.Errorf("%q: round trip\n got %+v\nwant %+v", c.title, got, a)
		}
		withLede, _ := encodeAnalysis(a, &ledeFeatures{back: 2})
		if got, f, err := decodeStored(withLede, terms); err != nil || f == nil || f.back != 2 || !reflect.DeepEqual(got, a) {
			t.Errorf("%q: with lede features: %v %+v", c.title, err, f)
		}
		// Truncated or foreign bytes are an error, never a panic.
		for cut := 1; cut < len(b); cut += 7 {
			if _, err := decodeAnalysis(b[:cut], ""); err == nil && cut < len(b) {
				t.Errorf("%q: truncated at %d of %d: no error", c.title, cut, len(b))
			}
		}
	}
}

func FuzzDecodeAnalysis(f *testing.F) {
	b, _ := encodeAnalysis(Analysis{Places: []PlaceMention{{ID: "x", Canonical: "X"}}, Topics: []string{"t"}, Statement: true}, &ledeFeatures{back: 1, preview: true})
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeAnalysis(b, "")
	})
}

func TestPlaceVariants(t *testing.T) {
	e := defaultEngine(t)
	for _, name := range []string{"Belgorod", "Белгород", "Бєлгород"} {
		vs := e.PlaceVariants(name)
		if len(vs) == 0 || vs[0] != "Belgorod" || !slices.Contains(vs, "Белгород") {
			t.Errorf("PlaceVariants(%q) = %v, want Belgorod's spellings", name, vs)
		}
	}
	if vs := e.PlaceVariants("Brussels sprouts"); vs != nil {
		t.Errorf("not a place: %v", vs)
	}
}

// An overnight attack is reported before and after midnight: one story.
// The same village shelled again the next afternoon is another.
func TestIndexSameNightAcrossMidnight(t *testing.T) {
	f := newIndexFixture(t)
	midnight := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	f.add("n1", "Drone attack on Shebekino", "A drone struck a car in Shebekino in the Belgorod region, injuring two people, the governor said.", midnight.Add(-10*time.Minute))
	f.add("n2", "Shebekino: two injured in drone attack", "Two people were injured when a drone hit a car in Shebekino, Belgorod region, the governor said.", midnight.Add(15*time.Minute))
	if got := f.stories(); len(got) != 1 {
		t.Errorf("reports 25 minutes apart across midnight: %v, want one story", got)
	}
	f.add("n3", "Shebekino shelled", "Ukrainian forces shelled Shebekino in the Belgorod region, damaging houses, the governor said.", midnight.Add(38*time.Hour))
	if got := f.stories(); len(got) != 2 {
		t.Errorf("the next afternoon's shelling: %v, want a second story", got)
	}
}
