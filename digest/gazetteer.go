package digest

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Gazetteer finds places in text in any of their spellings: English,
// Russian and Ukrainian, inflected (Белгородской области, на Харківщині,
// у Сумах) and transliterated. It is read-only after loading and safe for
// concurrent use.
type Gazetteer struct {
	places   []gazPlace
	index    seqIndex
	regionOf map[string]int // region canonical name -> index of the region place
}

type gazPlace struct {
	PlaceMention
	names     []string // canonical name and every spelling
	ambiguous bool     // the name is shared with other places or common words: needs context
	pop       int
}

// seqIndex maps normalized key sequences to targets, indexed by first key.
type seqIndex struct {
	first  map[string][]seqEntry
	maxLen int
}

type seqEntry struct {
	keys    []string
	targets []int
	upper   bool // an acronym ("US", "EU"): the text must write it in capitals
}

func (x *seqIndex) add(keys []string, target int) {
	x.addCased(keys, target, false)
}

func (x *seqIndex) addCased(keys []string, target int, upper bool) {
	if len(keys) == 0 {
		return
	}
	if x.first == nil {
		x.first = map[string][]seqEntry{}
	}
	list := x.first[keys[0]]
	for i := range list {
		if slices.Equal(list[i].keys, keys) && list[i].upper == upper {
			if !slices.Contains(list[i].targets, target) {
				list[i].targets = append(list[i].targets, target)
			}
			return
		}
	}
	x.first[keys[0]] = append(list, seqEntry{keys: keys, targets: []int{target}, upper: upper})
	x.maxLen = max(x.maxLen, len(keys))
}

// longest returns the longest entry matching toks at i within one sentence.
func (x *seqIndex) longest(toks []token, i int) (seqEntry, bool) {
	var best seqEntry
	found := false
	for _, e := range x.first[toks[i].key] {
		n := len(e.keys)
		if i+n > len(toks) || toks[i+n-1].sent != toks[i].sent || (found && n <= len(best.keys)) || (e.upper && !toks[i].upper) {
			continue
		}
		ok := true
		for k := 1; k < n; k++ {
			if toks[i+k].key != e.keys[k] {
				ok = false
				break
			}
		}
		if ok {
			best, found = e, true
		}
	}
	return best, found
}

// exact returns the entry whose keys equal keys.
func (x *seqIndex) exact(keys []string) (seqEntry, bool) {
	if len(keys) == 0 {
		return seqEntry{}, false
	}
	for _, e := range x.first[keys[0]] {
		if slices.Equal(e.keys, keys) {
			return e, true
		}
	}
	return seqEntry{}, false
}

// LoadGazetteer reads the embedded data/gazetteer.tsv.
func LoadGazetteer() (*Gazetteer, error) {
	b, err := dataFS.ReadFile("data/gazetteer.tsv")
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	g, err := ParseGazetteer(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("load gazetteer data/gazetteer.tsv: %w", err)
	}
	return g, nil
}

// ParseGazetteer reads a gazetteer TSV: a header line naming the columns
// id, canonical, kind, region, country, lat, lon, population, variants,
// ambiguous (TAB-separated; variants |-separated). Lines starting with #
// are comments.
func ParseGazetteer(r io.Reader) (*Gazetteer, error) {
	g := &Gazetteer{regionOf: map[string]int{}}
	err := readTSV(r, []string{"id", "canonical", "kind", "region", "country", "variants"}, func(line int, get func(string) string) error {
		p := gazPlace{PlaceMention: PlaceMention{
			ID: get("id"), Canonical: get("canonical"), Kind: get("kind"),
			Region: get("region"), Country: get("country"),
		}}
		if p.ID == "" || p.Canonical == "" {
			return fmt.Errorf("line %d: id and canonical are required", line)
		}
		switch get("ambiguous") {
		case "1", "true", "yes":
			p.ambiguous = true
		}
		fmt.Sscan(get("population"), &p.pop)
		idx := len(g.places)
		g.places = append(g.places, p)
		if p.Kind == "region" {
			g.regionOf[p.Region] = idx
		}
		names := append([]string{p.Canonical}, strings.Split(get("variants"), "|")...)
		for _, v := range names {
			if v = strings.TrimSpace(v); v != "" {
				g.index.add(keysOf(v), idx)
				g.places[idx].names = append(g.places[idx].names, v)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Most populous first, so an unresolved shared name picks the likely place.
	for _, list := range g.index.first {
		for _, e := range list {
			slices.SortStableFunc(e.targets, func(a, b int) int { return g.places[b].pop - g.places[a].pop })
		}
	}
	return g, nil
}

// placeHit is a place found at toks[start:end].
type placeHit struct {
	place      int
	start, end int
}

// Words that, next to a place name, show it names a thing: the submarine
// Kursk, a ship or a club named after a city.
var nameContext = func() *matcher {
	m := newMatcher()
	for _, p := range []string{"submarine*", "cruiser*", "frigate*", "warship*", "ship", "vessel*", "fc",
		"подлодк*", "подводн*", "субмарин*", "крейсер*", "корабл*", "фк", "підводн*", "човен", "човна", "крейсер*"} {
		m.add(p, 0)
	}
	return m
}()

// Words that, next to an ambiguous name, confirm it is a place.
var placeContext = func() *matcher {
	m := newMatcher()
	for _, p := range []string{"village*", "town*", "city", "district*", "region*", "oblast*", "communit*", "hromada*",
		"settlement*", "raion*", "okrug*", "province*", "border*",
		"сел*", "поселок*", "посёлок*", "поселк*", "город*", "район*", "округ*", "област*", "деревн*", "хутор*",
		"громад*", "селищ*", "міст*", "област*", "приграни*", "прикордон*"} {
		m.add(p, 0)
	}
	return m
}()

// findTokens finds places in a token stream. Names must be capitalized in
// the source, not directly quoted («Курск» is a submarine, a club or a
// newspaper) and not next to a word naming a vehicle or club; names marked
// ambiguous need a place word next to them or another place in the same
// region.
func (g *Gazetteer) findTokens(toks []token) []placeHit {
	if g == nil {
		return nil
	}
	var hits []placeHit
	var pending []placeHit // ambiguous, awaiting confirmation
	var nameMask, placeMask []bool
	for i := 0; i < len(toks); {
		t := &toks[i]
		if !t.upper || t.num {
			i++
			continue
		}
		e, ok := g.index.longest(toks, i)
		if !ok {
			i++
			continue
		}
		end := i + len(e.keys)
		h := placeHit{place: e.targets[0], start: i, end: end}
		if nameMask == nil {
			nameMask, placeMask = nameContext.mask(toks), placeContext.mask(toks)
		}
		if t.quoted || near(nameMask, toks, i, end, 3) {
			i = end
			continue
		}
		if len(e.targets) > 1 || g.places[h.place].ambiguous {
			if near(placeMask, toks, i, end, 2) && len(e.targets) == 1 {
				hits = append(hits, h)
			} else {
				for _, tg := range e.targets {
					pending = append(pending, placeHit{place: tg, start: i, end: end})
				}
			}
			i = end
			continue
		}
		hits = append(hits, h)
		i = end
	}
	if len(pending) > 0 {
		regions := map[string]bool{}
		for _, h := range hits {
			regions[g.places[h.place].Region] = true
		}
		taken := map[int]bool{}
		for _, h := range pending {
			if regions[g.places[h.place].Region] && !taken[h.start] {
				hits = append(hits, h)
				taken[h.start] = true
			}
		}
	}
	// "Belgorod governor", "the governor of Kursk": the region, not the city.
	for k, h := range hits {
		p := g.places[h.place]
		if p.Kind != "city" {
			continue
		}
		if h.end < len(toks) && toks[h.end].sent == toks[h.start].sent && strings.HasPrefix(toks[h.end].surf, "governor") {
			if r, ok := g.regionOf[p.Region]; ok {
				hits[k].place = r
			}
		}
	}
	return hits
}

var kindRank = map[string]int{"village": 0, "town": 1, "city": 2, "district": 3, "region": 4}

func rankOf(kind string) int {
	if r, ok := kindRank[kind]; ok {
		return r
	}
	return 5
}

// mentions turns hits into PlaceMentions, most specific first, each once.
func (g *Gazetteer) mentions(hits []placeHit) []PlaceMention {
	if len(hits) == 0 {
		return nil
	}
	seen := map[int]bool{}
	var idx []int
	for _, h := range hits {
		if !seen[h.place] {
			seen[h.place] = true
			idx = append(idx, h.place)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return rankOf(g.places[a].Kind) - rankOf(g.places[b].Kind) })
	out := make([]PlaceMention, len(idx))
	for i, p := range idx {
		out[i] = g.places[p].PlaceMention
	}
	return out
}

// Find returns the places mentioned in text, most specific first (village,
// town, city, district, region), each once.
func (g *Gazetteer) Find(text string) []PlaceMention {
	toks, _ := tokenize(text, 0, false, nil)
	return g.mentions(g.findTokens(toks))
}

// adminWords end a label like "Belgorod oblast" or "Kupiansk district".
var adminWords = map[string]string{
	"oblast": "region", "region": "region", "province": "region", "област": "region",
	"district": "district", "raion": "district", "rayon": "district", "okrug": "district", "район": "district", "округ": "district",
	"community": "town", "hromada": "town", "city": "city", "town": "town", "village": "village",
}

// Lookup resolves a name in any spelling (Belgorod oblast, Grayvoron,
// Шебекино) to its place. Labels written with a different administrative
// word than the gazetteer's ("Belgorod oblast" for Belgorod Oblast,
// "Grayvoron district") are matched by the name and the kind of the word.
func (g *Gazetteer) Lookup(name string) (PlaceMention, bool) {
	if g == nil {
		return PlaceMention{}, false
	}
	keys := keysOf(name)
	if e, ok := g.index.exact(keys); ok {
		return g.places[e.targets[0]].PlaceMention, true
	}
	if len(keys) < 2 {
		return g.fuzzy(keys, "")
	}
	toks, _ := tokenize(name, 0, false, nil)
	last := toks[len(toks)-1].surf
	kind, ok := adminWords[last]
	if !ok {
		kind = adminWords[transliterate(stemSlavic(last))]
	}
	if kind == "" {
		return g.fuzzy(keys, "")
	}
	return g.fuzzy(keys[:len(keys)-1], kind)
}

// Variants returns every spelling of the place a name resolves to (its
// canonical name first), or nil when the gazetteer does not know it.
func (g *Gazetteer) Variants(name string) []string {
	p, ok := g.Lookup(name)
	if !ok {
		return nil
	}
	for _, gp := range g.places {
		if gp.ID == p.ID {
			return slices.Clone(gp.names)
		}
	}
	return nil
}

// fuzzy matches a bare name, then tolerates spelling variants that differ
// in one letter (Grayvoron/Graivoron), preferring places of kind.
func (g *Gazetteer) fuzzy(keys []string, kind string) (PlaceMention, bool) {
	if len(keys) == 0 {
		return PlaceMention{}, false
	}
	pick := func(targets []int) (PlaceMention, bool) {
		for _, t := range targets {
			p := g.places[t]
			if kind == "" || p.Kind == kind {
				return p.PlaceMention, true
			}
		}
		for _, t := range targets {
			p := g.places[t]
			if kind == "region" {
				if r, ok := g.regionOf[p.Region]; ok {
					return g.places[r].PlaceMention, true
				}
			}
			if kind == "district" {
				// Find the district named like the place.
				for _, list := range g.index.first {
					for _, e := range list {
						for _, d := range e.targets {
							dp := g.places[d]
							if dp.Kind == "district" && dp.Region == p.Region && strings.HasPrefix(dp.Canonical, p.Canonical+" ") {
								return dp.PlaceMention, true
							}
						}
					}
				}
			}
		}
		if len(targets) > 0 {
			return g.places[targets[0]].PlaceMention, true
		}
		return PlaceMention{}, false
	}
	if e, ok := g.index.exact(keys); ok {
		return pick(e.targets)
	}
	// One-letter differences (y/i, e/yo transliterations).
	for _, list := range g.index.first {
		for _, e := range list {
			if len(e.keys) != len(keys) {
				continue
			}
			same := true
			for i := range keys {
				if !nearlyEqual(keys[i], e.keys[i]) {
					same = false
					break
				}
			}
			if same {
				return pick(e.targets)
			}
		}
	}
	return PlaceMention{}, false
}

// nearlyEqual: equal, or the same length with one differing byte, or one
// inserted byte (Grayvoron/Graivoron, Kupiansk/Kupyansk).
func nearlyEqual(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) < 5 || len(b) < 5 {
		return false
	}
	if len(a) == len(b) {
		d := 0
		for i := 0; i < len(a); i++ {
			if a[i] != b[i] {
				d++
			}
		}
		return d == 1
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) != 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return a[i:] == b[i+1:]
}
