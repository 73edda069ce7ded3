package digest

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Actors finds alliance bodies, their offices, allied governments and
// regional officials in text, by title in English, Russian and Ukrainian.
// It is read-only after loading and safe for concurrent use.
type Actors struct {
	list    []actor
	strong  seqIndex // full names: "NATO Secretary General", "Генсек ОДКБ"
	generic seqIndex // generic forms: "the alliance", "Secretary General"
	metonym seqIndex // country and capital names: the government only as a speaker
	groups  []int    // actors with members
	members seqIndex // member spellings -> group*memberBase + member
}

const memberBase = 1 << 10

type actor struct {
	ActorMention
	region  string
	members [][][]string // member -> spellings -> keys
}

// LoadActors reads the embedded data/actors.tsv.
func LoadActors() (*Actors, error) {
	b, err := dataFS.ReadFile("data/actors.tsv")
	if err != nil {
		return nil, fmt.Errorf("load actors: %w", err)
	}
	a, err := ParseActors(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("load actors data/actors.tsv: %w", err)
	}
	return a, nil
}

// ParseActors reads an actors TSV (see the header of data/actors.tsv).
func ParseActors(r io.Reader) (*Actors, error) {
	a := &Actors{}
	err := readTSV(r, []string{"id", "canonical", "kind", "body", "variants"}, func(line int, get func(string) string) error {
		ac := actor{ActorMention: ActorMention{ID: get("id"), Canonical: get("canonical"), Kind: get("kind"), Body: get("body")}, region: get("region")}
		if ac.ID == "" || ac.Canonical == "" || ac.Kind == "" {
			return fmt.Errorf("line %d: id, canonical and kind are required", line)
		}
		idx := len(a.list)
		for _, v := range append([]string{ac.Canonical}, strings.Split(get("variants"), "|")...) {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			if g, ok := strings.CutPrefix(v, "~"); ok {
				a.generic.add(keysOf(g), idx)
				continue
			}
			into := &a.strong
			if m, ok := strings.CutPrefix(v, "!"); ok {
				v, into = m, &a.metonym
			}
			keys := keysOf(v)
			if len(keys) == 0 {
				continue
			}
			into.addCased(keys, idx, isAcronym(v)) // "US", "EU": must be written in capitals
		}
		if m := get("members"); m != "" {
			for _, member := range strings.Split(m, ";") {
				var sp [][]string
				for _, s := range strings.Split(member, "/") {
					if s = strings.TrimSpace(s); s != "" {
						sp = append(sp, keysOf(s))
						a.members.add(keysOf(s), idx*memberBase+len(ac.members))
					}
				}
				ac.members = append(ac.members, sp)
			}
			a.groups = append(a.groups, idx)
		}
		a.list = append(a.list, ac)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// isAcronym: a short all-capitals first word ("US", "EU", "UK") that is
// also an ordinary word in lower case.
func isAcronym(v string) bool {
	w, _, _ := strings.Cut(v, " ")
	if len([]rune(w)) > 3 {
		return false
	}
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 0
}

// actorHit is an actor named at toks[start:end].
type actorHit struct {
	actor      int
	start, end int
	generic    bool
	metonym    bool // a country or capital: counts only as a speaker
}

// findTokens finds actors. Generic forms resolve to the actor of a body
// (or, for officials, of a region) named in the item: the nearest such
// mention in the sentence, else the nearest before, else the first.
func (a *Actors) findTokens(toks []token, places []PlaceMention) []actorHit {
	if a == nil {
		return nil
	}
	var hits []actorHit
	type gen struct {
		e          seqEntry
		start, end int
	}
	var generics []gen
	for i := 0; i < len(toks); {
		t := &toks[i]
		// Datelines ("WASHINGTON, Oct 6") are not speakers.
		if t.caps && utf8.RuneCountInString(t.surf) > 4 {
			i++
			continue
		}
		e, ok := longestCased(&a.strong, toks, i)
		m, mok := longestCased(&a.metonym, toks, i)
		met := false
		if mok && (!ok || len(m.keys) > len(e.keys)) {
			e, ok, met = m, true, true
		}
		g, gok := a.generic.longest(toks, i)
		if ok && (!gok || len(e.keys) >= len(g.keys)) {
			for _, tg := range e.targets {
				hits = append(hits, actorHit{actor: tg, start: i, end: i + len(e.keys), metonym: met})
			}
			i += len(e.keys)
			continue
		}
		if gok {
			generics = append(generics, gen{e: g, start: i, end: i + len(g.keys)})
			i += len(g.keys)
			continue
		}
		i++
	}
	hits = append(hits, a.findGroups(toks)...)
	if len(generics) > 0 {
		regions := map[string]bool{}
		for _, p := range places {
			regions[p.Region] = true
		}
		strongHits := make([]actorHit, 0, len(hits))
		for _, h := range hits {
			if !h.metonym {
				strongHits = append(strongHits, h)
			}
		}
		// No body named: an item that uses at least three different generic
		// forms of one body ("the Secretary General", "allies", "the
		// alliance's agency") is about that body.
		if len(strongHits) == 0 {
			votes := map[string]map[string]bool{}
			for _, g := range generics {
				form := strings.Join(g.e.keys, " ")
				for _, tg := range g.e.targets {
					if b := a.list[tg].Body; b != "" {
						if votes[b] == nil {
							votes[b] = map[string]bool{}
						}
						votes[b][form] = true
					}
				}
			}
			best, n, tie := "", 0, false
			for b, forms := range votes {
				switch {
				case len(forms) > n:
					best, n, tie = b, len(forms), false
				case len(forms) == n:
					tie = true
				}
			}
			if n >= 3 && !tie {
				for _, g := range generics {
					for _, tg := range g.e.targets {
						if a.list[tg].Body == best {
							strongHits = append(strongHits, actorHit{actor: tg, start: g.start, end: g.end})
							break
						}
					}
				}
			}
		}
		for _, g := range generics {
			best, bestDist := -1, 1<<30
			for _, tg := range g.e.targets {
				ac := &a.list[tg]
				if ac.Body == "" {
					if ac.region != "" && regions[ac.region] && bestDist > 1<<29 {
						best, bestDist = tg, 1<<29
					}
					continue
				}
				for _, h := range strongHits {
					if a.list[h.actor].Body != ac.Body {
						continue
					}
					d := 0
					switch {
					case toks[h.start].sent == toks[g.start].sent:
						d = abs(h.start - g.start)
					case h.start < g.start:
						d = 1000 + g.start - h.start
					default:
						d = 100000 + h.start - g.start
					}
					if d < bestDist {
						best, bestDist = tg, d
					}
				}
			}
			if best >= 0 {
				hits = append(hits, actorHit{actor: best, start: g.start, end: g.end, generic: true})
			}
		}
	}
	return hits
}

// findGroups names a grouping of allies from its members listed together
// ("Denmark, Finland, Iceland, Norway and Sweden"): all but one member
// within one sentence span of 25 words.
func (a *Actors) findGroups(toks []token) []actorHit {
	if len(a.groups) == 0 {
		return nil
	}
	type pos struct{ m, i int }
	var all map[int][]pos
	for i := range toks {
		e, ok := a.members.longest(toks, i)
		if !ok {
			continue
		}
		if all == nil {
			all = map[int][]pos{}
		}
		for _, tg := range e.targets {
			all[tg/memberBase] = append(all[tg/memberBase], pos{tg % memberBase, i})
		}
	}
	if all == nil {
		return nil
	}
	var out []actorHit
	for _, gi := range a.groups {
		ac := &a.list[gi]
		need := len(ac.members) - 1
		if need < 3 {
			need = len(ac.members)
		}
		found := all[gi]
		for s := 0; s < len(found); s++ {
			seen := map[int]bool{}
			last := found[s].i
			for e := s; e < len(found) && found[e].i-found[s].i <= 25 && toks[found[e].i].sent == toks[found[s].i].sent; e++ {
				seen[found[e].m] = true
				last = found[e].i
			}
			if len(seen) >= need {
				out = append(out, actorHit{actor: gi, start: found[s].i, end: last + 1})
				break
			}
		}
	}
	return out
}

// longestCased is seqIndex.longest; acronym entries check capitals.
func longestCased(x *seqIndex, toks []token, i int) (seqEntry, bool) {
	return x.longest(toks, i)
}

func matchKeys(toks []token, i int, keys []string) bool {
	for k, key := range keys {
		if toks[i+k].key != key || toks[i+k].sent != toks[i].sent {
			return false
		}
	}
	return true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Find returns the actors named in text, in order of first mention.
func (a *Actors) Find(text string) []ActorMention {
	toks, _ := tokenize(text, 0, false, nil)
	return a.mentions(a.findTokens(toks, nil))
}

func (a *Actors) mentions(hits []actorHit) []ActorMention {
	var out []ActorMention
	seen := map[int]bool{}
	for _, h := range sortHits(hits) {
		if !seen[h.actor] {
			seen[h.actor] = true
			out = append(out, a.list[h.actor].ActorMention)
		}
	}
	return out
}

func sortHits(hits []actorHit) []actorHit {
	out := append([]actorHit(nil), hits...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
