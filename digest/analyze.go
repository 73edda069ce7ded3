package digest

import (
	"embed"
	"slices"
)

// dataFS holds the analyzer's data: topics.yaml, actors.tsv and the
// gazetteer.
//
//go:embed data/*.tsv data/*.yaml
var dataFS embed.FS

// Analyzer classifies Docs into topics and extracts the places, actors,
// speakers and events they mention. It holds only read-only tables, so one
// Analyzer is safe for concurrent use.
type Analyzer struct {
	topics     []compiledTopic
	gaz        *Gazetteer
	actors     *Actors
	statements *matcher // id: index into statementTerms
	events     *matcher // id: index into eventTerms
	border     *matcher
	war        *matcher
	nonWar     *matcher
}

// NewAnalyzer builds an Analyzer from topics (see DefaultTopics), a
// gazetteer and actor tables. It does no I/O. A nil gazetteer or actor
// table finds nothing, so topics built on it never qualify.
func NewAnalyzer(topics []Topic, g *Gazetteer, a *Actors) *Analyzer {
	an := &Analyzer{gaz: g, actors: a, statements: newMatcher(), events: newMatcher(),
		border: newMatcher(), war: newMatcher(), nonWar: newMatcher()}
	for _, t := range topics {
		an.topics = append(an.topics, compileTopic(t))
	}
	for i, s := range statementTerms {
		an.statements.add(s.pat, i)
	}
	for i, e := range eventTerms {
		for _, p := range e.pats {
			an.events.add(p, i)
		}
	}
	for _, p := range borderWords {
		an.border.add(p, 0)
	}
	for _, p := range warContext {
		an.war.add(p, 0)
	}
	for _, p := range nonWar {
		an.nonWar.add(p, 0)
	}
	return an
}

// eventHit is a war-event word at toks[start:end].
type eventHit struct {
	hit
	kind string
	weak bool
}

// speech is a statement word and who said it.
type speech struct {
	hit
	speakers []int // indexes into the actor hits
}

// Analyze extracts an Analysis from d. It is pure: the same Doc gives the
// same Analysis.
func (a *Analyzer) Analyze(d Doc) Analysis {
	toks, next := tokenize(d.Title, 0, true, make([]token, 0, 64+len(d.Text)/5))
	toks, _ = tokenize(d.Text, next, false, toks)
	lead := next // first sentence of the text

	var res Analysis
	// The words, then the figures: reports of one pledge in two languages
	// share few words but its sums.
	res.Terms = append(termsOf(toks), figuresOf(d.Title+"\n"+d.Text)...)

	var placeHits []placeHit
	if a.gaz != nil {
		placeHits = a.gaz.findTokens(toks)
		res.Places = a.gaz.mentions(placeHits)
	}
	var actorHits []actorHit
	if a.actors != nil {
		actorHits = sortHits(a.actors.findTokens(toks, res.Places))
	}

	// Events.
	var events []eventHit
	strongEvent := false
	kinds := map[string]bool{}
	var nonWarMask []bool
	for _, h := range a.events.find(toks, nil) {
		e := eventTerms[h.id]
		if e.kind == "border-closure" && !a.inSentence(a.border, toks, h.start) {
			continue
		}
		if nonWarMask == nil {
			nonWarMask = a.nonWar.mask(toks)
		}
		if near(nonWarMask, toks, h.start, h.end, 4) {
			continue
		}
		events = append(events, eventHit{hit: h, kind: e.kind, weak: e.weak})
		kinds[e.kind] = true
		if !e.weak {
			strongEvent = true
		}
	}
	// Weak kinds need support: a strike that did something else (an
	// attack with casualties or damage), or words of war.
	war := strongEvent || (kinds["strike"] && len(kinds) >= 2) || len(kinds) >= 3 ||
		(len(kinds) >= 1 && len(a.war.find(toks, nil)) > 0)
	if war {
		for _, e := range eventTerms {
			if kinds[e.kind] && reportedEvents[e.kind] {
				res.Events = append(res.Events, e.kind)
			}
		}
	} else {
		events = nil
	}

	// Statements and their speakers.
	var speeches []speech
	for _, h := range a.statements.find(toks, nil) {
		sp := speech{hit: h, speakers: a.speakersOf(toks, actorHits, h)}
		speeches = append(speeches, sp)
	}
	spoke := map[int]bool{}
	for _, s := range speeches {
		for _, i := range s.speakers {
			ac := a.actors.list[actorHits[i].actor]
			if !spoke[actorHits[i].actor] {
				spoke[actorHits[i].actor] = true
				res.Speakers = append(res.Speakers, ac.ActorMention)
			}
			if ac.Body != "" || ac.Kind == "government" {
				res.Statement = true
			}
		}
	}
	if a.actors != nil {
		var named []actorHit
		for _, h := range actorHits {
			if !h.metonym || spoke[h.actor] {
				named = append(named, h)
			}
		}
		res.Actors = a.actors.mentions(named)
	}
	// Keep Speakers in order of first mention, a subset of Actors.
	slices.SortStableFunc(res.Speakers, func(x, y ActorMention) int {
		return slices.IndexFunc(res.Actors, func(m ActorMention) bool { return m.ID == x.ID }) -
			slices.IndexFunc(res.Actors, func(m ActorMention) bool { return m.ID == y.ID })
	})

	for i := range a.topics {
		t := &a.topics[i]
		var ok bool
		switch t.Rules.Signal {
		case "statement":
			ok = a.statementTopic(t, toks, actorHits, speeches)
		case "event":
			ok = a.eventTopic(t, toks, placeHits, events, lead)
		}
		if ok {
			res.Topics = append(res.Topics, t.Name)
		}
	}
	return res
}

// inSentence reports whether m matches in the sentence of toks[i].
func (a *Analyzer) inSentence(m *matcher, toks []token, i int) bool {
	lo, hi := i, i
	for lo > 0 && toks[lo-1].sent == toks[i].sent {
		lo--
	}
	for hi < len(toks) && toks[hi].sent == toks[i].sent {
		hi++
	}
	return m.matchAny(toks, lo, hi)
}

var subjectPronouns = map[string]bool{"he": true, "she": true, "they": true, "он": true, "она": true, "они": true, "він": true, "вона": true, "вони": true}

func sentStart(toks []token, i int) int {
	for i > 0 && toks[i-1].sent == toks[i].sent {
		i--
	}
	return i
}

// locPreps before a capital make it a location, not a speaker.
var locPreps = map[string]bool{"in": true, "at": true, "to": true, "from": true, "near": true, "into": true, "of": true, "with": true, "for": true,
	"в": true, "во": true, "у": true, "из": true, "до": true, "з": true, "із": true, "на": true, "к": true, "под": true, "від": true, "от": true}

// statementNouns name a statement whose maker may follow with "of": "the
// declaration of the Bucharest Nine", "statement of the ministers".
var statementNouns = map[string]bool{"communique*": true, "declaration*": true, "statement*": true, "коммюнике": true, "декларац*": true, "комюніке": true}

// postFillers may stand between a statement word and a following speaker:
// "said the governor", "statement by the spokesperson", "сообщили в
// Минобороны", "заявили у ДПСУ".
var postFillers = map[string]bool{"the": true, "a": true, "by": true, "from": true, "of": true, "в": true, "у": true, "во": true}

// speakersOf finds who made the statement at h: the nearest actor before
// it in the sentence (with actors of the same body chained to it, as in
// "the Secretary General of the CSTO"), or for verbs of saying an actor
// right after it.
func (a *Analyzer) speakersOf(toks []token, hits []actorHit, h hit) []int {
	sent := toks[h.start].sent
	var out []int
	// Before: the nearest preceding actor within 12 words.
	near := -1
	for i, ah := range hits {
		// Within 12 words; within 25 for the subject opening the
		// sentence ("The High Representative chose Chernihiv, ..., for
		// his first visit of the year and pledged...").
		limit := 12
		if ah.start-sentStart(toks, ah.start) <= 1 {
			limit = 25
		}
		if toks[ah.start].sent != sent || ah.end > h.start || h.start-ah.end > limit {
			continue
		}
		if ah.metonym && ah.start > 0 && locPreps[toks[ah.start-1].surf] {
			continue // "a forum in Warsaw said" is not Warsaw speaking
		}
		if ah.metonym && toks[ah.end-1].poss {
			continue // "visited Russia's Bryansk region and said" is not Russia speaking
		}
		if near < 0 || ah.end > hits[near].end || (ah.end == hits[near].end && ah.start < hits[near].start) {
			near = i
		}
	}
	if near >= 0 {
		out = append(out, near)
		body := a.actors.list[hits[near].actor].Body
		start := hits[near].start
		for changed := true; changed && body != ""; {
			changed = false
			for i, ah := range hits {
				if slices.Contains(out, i) || toks[ah.start].sent != sent {
					continue
				}
				if ah.end <= start && start-ah.end <= 3 && a.actors.list[ah.actor].Body == body {
					out = append(out, i)
					start = ah.start
					changed = true
				}
			}
		}
		return out
	}
	// A pronoun opening the sentence, or just before the verb, continues
	// the last actor named before it: "The Secretary General addressed...
	// He said...", "During the visit he announced...".
	first := sentStart(toks, h.start)
	if !subjectPronouns[toks[first].surf] {
		for k := h.start - 1; k >= first && k >= h.start-3; k-- {
			if subjectPronouns[toks[k].surf] {
				first = k
				break
			}
		}
	}
	if subjectPronouns[toks[first].surf] {
		// The subject of the latest sentence naming an actor: its first
		// actor ("The High Representative arrived..., according to the
		// regional administration. He announced..." is the High
		// Representative).
		// A named actor goes before a generic one ("Defence ministers
		// of Bulgaria, ..., Slovakia" is the Bucharest Nine the list
		// names, not whichever body "defence ministers" resolved to).
		better := func(x, y actorHit) bool {
			sx, sy := toks[x.start].sent, toks[y.start].sent
			switch {
			case sx != sy:
				return sx > sy
			case sx == sent:
				return x.start > y.start // nearest before the pronoun
			case x.generic != y.generic:
				return !x.generic
			default:
				return x.start < y.start
			}
		}
		best := -1
		for i, ah := range hits {
			if ah.end > first || toks[ah.start].sent < sent-2 || ah.metonym {
				continue
			}
			if best < 0 || better(ah, hits[best]) {
				best = i
			}
		}
		if best >= 0 {
			return []int{best}
		}
	}
	if !statementTerms[h.id].post {
		return nil
	}
	// "..., said NATO" but not "Russia says NATO helped": the verb must
	// open its clause.
	opens := toks[h.start].punct || sentStart(toks, h.start) == h.start
	for i, ah := range hits {
		if toks[ah.start].sent != sent || ah.start < h.end || ah.start-h.end > 3 {
			continue
		}
		if !opens && toks[h.end].surf != "by" && !(toks[h.end].surf == "of" && statementNouns[statementTerms[h.id].pat]) {
			continue
		}
		ok := true
		for k := h.end; k < ah.start; k++ {
			if !postFillers[toks[k].surf] {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, i)
			break
		}
	}
	return out
}

// statementTopic: an actor of the topic is the speaker of a statement,
// with no negative context near either.
func (a *Analyzer) statementTopic(t *compiledTopic, toks []token, hits []actorHit, speeches []speech) bool {
	ctxChecked, ctxOK := false, false
	var neg []bool
	for _, s := range speeches {
		for _, i := range s.speakers {
			ah := hits[i]
			ac := a.actors.list[ah.actor].ActorMention
			if !t.actorOK(ac) {
				continue
			}
			if slices.Contains(t.ctxKinds, ac.Kind) {
				if !ctxChecked {
					ctxChecked, ctxOK = true, len(t.context.find(toks, nil)) > 0
				}
				if !ctxOK {
					continue
				}
			}
			if neg == nil {
				neg = t.negative.mask(toks)
			}
			if near(neg, toks, ah.start, ah.end, t.window) || near(neg, toks, s.start, s.end, t.window) {
				continue
			}
			return true
		}
	}
	return false
}

// eventTopic: a war event and a place of the topic in one sentence, or
// (scope lead) one in the title and the other in the lead sentence, with
// no negative context near either.
func (a *Analyzer) eventTopic(t *compiledTopic, toks []token, places []placeHit, events []eventHit, lead int) bool {
	if a.gaz == nil || len(events) == 0 {
		return false
	}
	var neg []bool
	for _, p := range places {
		if !t.placeOK(a.gaz.places[p.place].PlaceMention) {
			continue
		}
		ps := toks[p.start].sent
		pTitle := toks[p.start].title
		if neg == nil {
			neg = t.negative.mask(toks)
		}
		if near(neg, toks, p.start, p.end, t.window) {
			continue
		}
		for _, e := range events {
			if len(t.events) > 0 && !slices.Contains(t.events, e.kind) {
				continue
			}
			es := toks[e.start].sent
			same := es == ps
			if !same && t.Rules.Scope == "lead" {
				// The title names the place and the text reports the
				// event ("in the city", "the region"), or the title
				// reports the event and the lead names the place.
				eTitle := toks[e.start].title
				same = (pTitle && (es == lead || !e.weak)) || (eTitle && ps == lead)
			}
			if !same || near(neg, toks, e.start, e.end, t.window) {
				continue
			}
			return true
		}
	}
	return false
}
