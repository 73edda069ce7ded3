package digest

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"strings"
)

// Label is one labelled feed item of an evaluation corpus (labels.json).
type Label struct {
	Feed          string   `json:"feed"`
	GUID          *string  `json:"guid"`
	Link          string   `json:"link"`
	CanonicalLink string   `json:"canonical_link"`
	Title         string   `json:"title"`
	Published     *string  `json:"published"`
	Lang          string   `json:"lang"`
	Topics        []string `json:"topics"`
	Story         *string  `json:"story"`
	Actors        []string `json:"actors"`
	Locations     []string `json:"locations"`
}

// LoadLabels reads a corpus's labels.json.
func LoadLabels(path string) ([]Label, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var labels []Label
	if err := json.Unmarshal(data, &labels); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return labels, nil
}

// PRF is precision, recall and their harmonic mean.
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func prf(p, r float64) PRF {
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{Precision: round4(p), Recall: round4(r), F1: round4(f)}
}

func round4(x float64) float64 { return math.Round(x*10000) / 10000 }

// EvalResult is the `briefbot eval --json` contract.
type EvalResult struct {
	Topics      map[string]PRF `json:"topics"`
	BCubed      PRF            `json:"bcubed"`
	ActorHit    float64        `json:"actor_hit"`
	LocationHit float64        `json:"location_hit"`
}

// Evaluate scores a digest against labels. Items are compared by canonical
// link. An item is in a topic when some story under that topic contains
// it. Story B-cubed is computed over the labelled story items, an item in
// no predicted story counting as a story of its own. The actor hit rate is
// the share of labelled statement stories whose predicted story lists a
// labelled actor; the location hit rate the share of labelled border
// stories whose predicted story lists a labelled location, with
// sameLocation deciding whether two spellings name one place.
func Evaluate(d Digest, labels []Label, topicNames []string, sameLocation func(a, b string) bool) EvalResult {
	predTopics, predStory := predictions(d)
	// Gold, by canonical link (two labels may share one link).
	goldTopics := map[string]map[string]bool{}
	goldStory := map[string]string{}
	for _, l := range labels {
		if goldTopics[l.CanonicalLink] == nil {
			goldTopics[l.CanonicalLink] = map[string]bool{}
		}
		for _, t := range l.Topics {
			goldTopics[l.CanonicalLink][t] = true
		}
		if l.Story != nil {
			goldStory[l.CanonicalLink] = *l.Story
		}
	}
	res := EvalResult{Topics: map[string]PRF{}}
	for _, t := range topicNames {
		var tp, fp, fn int
		for link, gt := range goldTopics {
			pred := predTopics[link][t]
			switch {
			case pred && gt[t]:
				tp++
			case pred:
				fp++
			case gt[t]:
				fn++
			}
		}
		for link, pt := range predTopics {
			if _, labelled := goldTopics[link]; !labelled && pt[t] {
				fp++ // an item the corpus does not label (should not happen)
			}
		}
		res.Topics[t] = prf(ratio(tp, tp+fp), ratio(tp, tp+fn))
	}

	// B-cubed over labelled story items.
	goldMembers := map[string][]string{}
	for link, s := range goldStory {
		goldMembers[s] = append(goldMembers[s], link)
	}
	predKey := func(link string) string {
		if s := predStory[link]; s != nil {
			return s.ID
		}
		return "single:" + link
	}
	predMembers := map[string][]string{}
	for link := range goldStory {
		k := predKey(link)
		predMembers[k] = append(predMembers[k], link)
	}
	var sumP, sumR float64
	for link, gs := range goldStory {
		pm := predMembers[predKey(link)]
		inter := 0
		for _, o := range pm {
			if goldStory[o] == gs {
				inter++
			}
		}
		sumP += float64(inter) / float64(len(pm))
		sumR += float64(inter) / float64(len(goldMembers[gs]))
	}
	n := float64(len(goldStory))
	if n > 0 {
		res.BCubed = prf(sumP/n, sumR/n)
	}

	// Actor and location hit rates per labelled story.
	type goldInfo struct {
		topics    map[string]bool
		actors    []string
		locations []string
		links     []string
	}
	stories := map[string]*goldInfo{}
	for _, l := range labels {
		if l.Story == nil {
			continue
		}
		g := stories[*l.Story]
		if g == nil {
			g = &goldInfo{topics: map[string]bool{}}
			stories[*l.Story] = g
		}
		for _, t := range l.Topics {
			g.topics[t] = true
		}
		g.actors = append(g.actors, l.Actors...)
		g.locations = append(g.locations, l.Locations...)
		g.links = append(g.links, l.CanonicalLink)
	}
	var actorN, actorHit, locN, locHit int
	for _, g := range stories {
		pred := majorityStory(g.links, predStory)
		if g.topics["alliance-statements"] {
			actorN++
			if pred != nil && anyMatch(pred.Actors, g.actors, sameActor) {
				actorHit++
			}
		}
		if g.topics["border-developments"] {
			locN++
			if pred != nil && anyMatch(pred.Locations, g.locations, sameLocation) {
				locHit++
			}
		}
	}
	res.ActorHit = round4(ratio(actorHit, actorN))
	res.LocationHit = round4(ratio(locHit, locN))
	return res
}

// predictions reads a digest as link -> topics and link -> the first
// story holding it.
func predictions(d Digest) (map[string]map[string]bool, map[string]*Story) {
	topics := map[string]map[string]bool{}
	story := map[string]*Story{}
	for ti := range d.Topics {
		t := &d.Topics[ti]
		for si := range t.Stories {
			s := &t.Stories[si]
			for _, it := range s.Items {
				if topics[it.URL] == nil {
					topics[it.URL] = map[string]bool{}
				}
				topics[it.URL][t.Name] = true
				if _, ok := story[it.URL]; !ok {
					story[it.URL] = s
				}
			}
		}
	}
	return topics, story
}

// majorityStory is the predicted story holding most of a gold story's items.
func majorityStory(links []string, pred map[string]*Story) *Story {
	counts := map[*Story]int{}
	var best *Story
	for _, l := range links {
		if s := pred[l]; s != nil {
			counts[s]++
			if best == nil || counts[s] > counts[best] || counts[s] == counts[best] && s.ID < best.ID {
				best = s
			}
		}
	}
	return best
}

func anyMatch(pred, gold []string, same func(a, b string) bool) bool {
	for _, p := range pred {
		for _, g := range gold {
			if same(p, g) {
				return true
			}
		}
	}
	return false
}

// sameActor matches office names loosely: "NATO Secretary General" is hit
// by a predicted "NATO Secretary General" or "Secretary General of NATO".
func sameActor(a, b string) bool {
	na, nb := actorWords(a), actorWords(b)
	if len(na) == 0 || len(nb) == 0 {
		return false
	}
	small, large := na, nb
	if len(small) > len(large) {
		small, large = large, small
	}
	for w := range small {
		if !large[w] {
			return false
		}
	}
	return true
}

func actorWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '-' || r == ',' || r == '(' || r == ')' || r == '\'' || r == '’'
	}) {
		switch w {
		case "of", "the", "and", "for", "invented":
			continue
		}
		out[strings.TrimSuffix(w, "s")] = true
	}
	return out
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// EvalMiss is one disagreement between a digest and the labels, for
// `briefbot eval --explain`: a topic missed or added on an item, or a
// labelled story split over several predicted stories or merged with
// another.
type EvalMiss struct {
	Kind  string // "topic-missed", "topic-extra", "story-split", "story-merged"
	Topic string // for topic misses
	Story string // the labelled story
	Title string // the item, or for story misses the parts
	Link  string
}

// Explain lists the disagreements between d and labels, items in label
// order.
func Explain(d Digest, labels []Label, topicNames []string) []EvalMiss {
	predTopics, stories := predictions(d)
	predStory := map[string]string{}
	for link, s := range stories {
		predStory[link] = s.ID
	}
	var out []EvalMiss
	goldOf := map[string]string{}
	parts := map[string]map[string][]string{} // gold story -> predicted story -> titles
	var order []string
	for _, l := range labels {
		gold := map[string]bool{}
		for _, t := range l.Topics {
			gold[t] = true
		}
		story := ""
		if l.Story != nil {
			story = *l.Story
		}
		for _, t := range topicNames {
			switch p := predTopics[l.CanonicalLink][t]; {
			case gold[t] && !p:
				out = append(out, EvalMiss{Kind: "topic-missed", Topic: t, Story: story, Title: l.Title, Link: l.CanonicalLink})
			case p && !gold[t]:
				out = append(out, EvalMiss{Kind: "topic-extra", Topic: t, Story: story, Title: l.Title, Link: l.CanonicalLink})
			}
		}
		if story == "" {
			continue
		}
		goldOf[l.CanonicalLink] = story
		if parts[story] == nil {
			parts[story] = map[string][]string{}
			order = append(order, story)
		}
		ps := predStory[l.CanonicalLink]
		if ps == "" {
			ps = "(none)"
		}
		parts[story][ps] = append(parts[story][ps], l.Title)
	}
	for _, s := range order {
		if len(parts[s]) > 1 {
			out = append(out, EvalMiss{Kind: "story-split", Story: s, Title: listParts(parts[s])})
		}
	}
	// A predicted story holding items of several labelled stories, listed
	// by labelled story.
	merged := map[string]map[string][]string{} // predicted story -> gold story -> titles
	for _, l := range labels {
		g, ok := goldOf[l.CanonicalLink]
		ps := predStory[l.CanonicalLink]
		if !ok || ps == "" {
			continue
		}
		if merged[ps] == nil {
			merged[ps] = map[string][]string{}
		}
		merged[ps][g] = append(merged[ps][g], l.Title)
	}
	for _, ps := range slices.Sorted(maps.Keys(merged)) {
		if golds := merged[ps]; len(golds) > 1 {
			out = append(out, EvalMiss{Kind: "story-merged", Story: strings.Join(slices.Sorted(maps.Keys(golds)), "+"), Title: " in " + ps + listParts(golds)})
		}
	}
	return out
}

// listParts lists titles by the story they are in, one story a line.
func listParts(parts map[string][]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(parts)) {
		fmt.Fprintf(&b, "\n    %s: %s", k, strings.Join(parts[k], " | "))
	}
	return b.String()
}
