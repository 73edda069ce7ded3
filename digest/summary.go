package digest

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// StorySummary is what Summarize extracts for a story.
type StorySummary struct {
	Headline  string
	Summary   string   // one or two sentences copied from the docs' texts
	Actors    []string // at most 3: speakers first, then other actors, by frequency
	Locations []string // at most 5 canonical English names, most specific first
}

const (
	maxSummaryLen = 300
	// maxSummaryDocs is how many of a story's docs the summary reads.
	maxSummaryDocs = 8
	maxActors      = 3
	maxLocations   = 5
)

// Summarize summarizes one story from its docs and their analyses
// (parallel slices). The headline is the title of the best doc (English
// first, then from an official source, then earliest). The summary is
// extractive: one or two whole sentences from the docs' texts, chosen for
// naming the speaker and a statement verb, or the event and its place,
// English preferred; nothing is rewritten, so attribution ("according to
// the regional governor") stays with the sentence. official may be nil.
func Summarize(docs []Doc, analyses []Analysis, official func(source string) bool) StorySummary {
	if official == nil {
		official = func(string) bool { return false }
	}
	n := min(len(docs), len(analyses))
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	docOfficial := func(d Doc) bool {
		return slices.ContainsFunc(d.Carriers, func(c StoryItem) bool { return official(c.Source) })
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := docs[i], docs[j]
		if ea, eb := isEnglish(a.Lang), isEnglish(b.Lang); ea != eb {
			if ea {
				return -1
			}
			return 1
		}
		if oa, ob := docOfficial(a), docOfficial(b); oa != ob {
			if oa {
				return -1
			}
			return 1
		}
		return cmp.Or(docTime(a).Compare(docTime(b)), strings.Compare(a.ID, b.ID))
	})

	var sum StorySummary
	for _, i := range order {
		if t := normalizeSpace(docs[i].Title); t != "" {
			sum.Headline = t
			break
		}
	}
	sum.Actors = storyActors(analyses[:n])
	sum.Locations = storyLocations(analyses[:n])
	sum.Summary = pickSummary(docs[:n], analyses[:n], order)
	if sum.Summary == "" {
		sum.Summary = sum.Headline
	}
	return sum
}

func docTime(d Doc) time.Time {
	if !d.Published.IsZero() {
		return d.Published
	}
	return d.FirstSeen
}

func isEnglish(lang string) bool {
	l := strings.ToLower(lang)
	return l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_")
}

// actorKindRank orders actors named equally often: who spoke (an office
// or official) says more than the body they belong to.
func actorKindRank(kind string) int {
	switch kind {
	case "person", "office":
		return 0
	case "government":
		return 1
	case "body":
		return 3
	}
	return 2
}

// storyActors: speakers first, then other actors, each by the number of
// docs naming them, then the more specific kind, then name.
func storyActors(analyses []Analysis) []string {
	type cnt struct {
		name      string
		spk, any  int
		firstSeen int
		kind      int
	}
	m := map[string]*cnt{}
	get := func(a ActorMention) *cnt {
		name := a.Canonical
		if name == "" {
			name = a.ID
		}
		c, ok := m[name]
		if !ok {
			c = &cnt{name: name, firstSeen: len(m), kind: actorKindRank(a.Kind)}
			m[name] = c
		}
		return c
	}
	for _, an := range analyses {
		seen := map[string]bool{}
		for _, s := range an.Speakers {
			c := get(s)
			if !seen["s"+c.name] {
				seen["s"+c.name] = true
				c.spk++
			}
		}
		for _, a := range slices.Concat(an.Speakers, an.Actors) {
			c := get(a)
			if !seen["a"+c.name] {
				seen["a"+c.name] = true
				c.any++
			}
		}
	}
	list := make([]*cnt, 0, len(m))
	for _, c := range m {
		if c.name != "" {
			list = append(list, c)
		}
	}
	slices.SortFunc(list, func(a, b *cnt) int {
		if (a.spk > 0) != (b.spk > 0) {
			if a.spk > 0 {
				return -1
			}
			return 1
		}
		return cmp.Or(b.spk-a.spk, b.any-a.any, a.kind-b.kind, strings.Compare(a.name, b.name))
	})
	var out []string
	for _, c := range list {
		if len(out) == maxActors {
			break
		}
		out = append(out, c.name)
	}
	return out
}

// locationRank orders place kinds, most specific first.
func locationRank(kind string) int {
	switch strings.ToLower(kind) {
	case "village", "hamlet":
		return 0
	case "town", "settlement":
		return 1
	case "city":
		return 2
	case "district":
		return 3
	case "region":
		return 4
	}
	return 5
}

// storyLocations: places of every doc plus the regions of the places
// found, most specific first, then by the number of docs naming them.
func storyLocations(analyses []Analysis) []string {
	type cnt struct {
		name string
		rank int
		n    int
	}
	m := map[string]*cnt{}
	add := func(name string, rank int, seen map[string]bool) {
		if name == "" || seen[name] {
			return
		}
		seen[name] = true
		c, ok := m[name]
		if !ok {
			c = &cnt{name: name, rank: rank}
			m[name] = c
		}
		c.rank = min(c.rank, rank)
		c.n++
	}
	for _, an := range analyses {
		seen := map[string]bool{}
		for _, p := range an.Places {
			add(p.Canonical, locationRank(p.Kind), seen)
		}
		for _, p := range an.Places {
			add(p.Region, locationRank("region"), seen)
		}
	}
	list := make([]*cnt, 0, len(m))
	for _, c := range m {
		list = append(list, c)
	}
	slices.SortFunc(list, func(a, b *cnt) int {
		return cmp.Or(a.rank-b.rank, b.n-a.n, strings.Compare(a.name, b.name))
	})
	var out []string
	for _, c := range list {
		if len(out) == maxLocations {
			break
		}
		out = append(out, c.name)
	}
	return out
}

// statementVerbs mark a reported statement or its attribution.
var statementVerbs = []string{
	" said", " says", " say ", "stated", "warned", "pledged", "agreed", "announced", "condemned",
	"urged", " told", "according to", "reported", "confirmed", "promised", "vowed", "declared",
	"called for", "called on", "stressed", "wrote", "accused", "denied",
	"заявил", "сообщил", "по словам", "по данным", "предупредил", "пообещал", "отметил",
	"подчеркнул", "осудил", "написал", "рассказал", "согласно",
	"заявив", "повідомив", "за словами", "за даними", "попередив", "пообіцяв", "наголосив",
	"засудив", "написав", "зазначив", "розповів",
}

// eventWords are the surface stems of each event kind, in en, ru and uk.
var eventWords = map[string][]string{
	"shelling":       {"shell", "artillery", "обстрел", "обстріл", "артиллер", "артилер"},
	"drone":          {"drone", "uav", "беспилот", "бпла", "дрон", "безпілот"},
	"missile":        {"missile", "rocket", "ракет"},
	"glide-bomb":     {"glide bomb", "guided bomb", "aerial bomb", "каб", "авиабомб", "авіабомб"},
	"incursion":      {"incursion", "raid", "sabotage group", "вторжен", "прорыв", "диверсион", "вторгнен"},
	"sabotage":       {"sabotage", "saboteur", "диверс"},
	"evacuation":     {"evacuat", "эвакуац", "евакуац"},
	"casualties":     {"killed", "injured", "wounded", "dead", "died", "toll", "casualt", "погиб", "ранен", "пострадал", "загину", "поранен", "постраждал"},
	"border-closure": {"border", "checkpoint", "crossing", "границ", "кордон", "пункт пропуска"},
}

type sentence struct {
	text string
	doc  int // position of its doc in the ranked order
	pos  int // position in its doc
}

// pickSummary chooses one or two sentences.
func pickSummary(docs []Doc, analyses []Analysis, order []int) string {
	// What the story is about, across its docs.
	var speakerNames, speakerTokens, placeNames, settlementNames, eventStems []string
	hasStatement, hasEvent := false, false
	for _, an := range analyses {
		for _, s := range an.Speakers {
			speakerNames = append(speakerNames, strings.ToLower(s.Canonical))
			for _, tok := range strings.Fields(s.Canonical) {
				if utf8.RuneCountInString(tok) >= 4 {
					speakerTokens = append(speakerTokens, strings.ToLower(tok))
				}
			}
		}
		if an.Statement && len(an.Speakers) > 0 {
			hasStatement = true
		}
		for _, p := range an.Places {
			placeNames = append(placeNames, strings.ToLower(p.Canonical))
			if locationRank(p.Kind) <= 2 {
				settlementNames = append(settlementNames, strings.ToLower(p.Canonical))
			}
		}
		for _, e := range an.Events {
			eventStems = append(eventStems, eventWords[e]...)
			eventStems = append(eventStems, strings.ToLower(e))
		}
		if len(an.Events) > 0 && len(an.Places) > 0 {
			hasEvent = true
		}
	}
	speakerNames = sortedSet(speakerNames)
	speakerTokens = sortedSet(speakerTokens)
	placeNames = sortedSet(placeNames)
	settlementNames = sortedSet(settlementNames)
	eventStems = sortedSet(eventStems)

	type scored struct {
		sentence
		score float64
	}
	var cands []scored
	score := func(s sentence, lang string) float64 {
		low := " " + strings.ToLower(s.text) + " "
		v := 0.0
		spk := containsAny(low, speakerNames)
		if spk {
			v += 4
		} else if containsAny(low, speakerTokens) {
			v += 2
		}
		verb := containsAny(low, statementVerbs)
		if verb {
			v += 2
		}
		place := containsAny(low, settlementNames)
		if place {
			v += 3
		} else if containsAny(low, placeNames) {
			v += 1.5
		}
		ev := containsAny(low, eventStems)
		if ev {
			v += 2
		}
		if hasStatement && spk && verb {
			v += 2
		}
		if hasEvent && ev && (place || containsAny(low, placeNames)) {
			v += 2
		}
		if isEnglish(lang) {
			v += 4
		}
		switch s.pos {
		case 0:
			v += 1.5
		case 1:
			v += 0.5
		}
		v -= 0.1 * float64(min(s.doc, 20))
		n := utf8.RuneCountInString(s.text)
		if n > maxSummaryLen {
			v -= 6
		}
		if n < 30 {
			v -= 2
		}
		return v
	}
	// The best-placed docs (English, official, earliest) say it; a
	// story's fiftieth report adds nothing but work.
	if len(order) > maxSummaryDocs {
		order = order[:maxSummaryDocs]
	}
	for rank, i := range order {
		for pos, t := range splitSentences(docs[i].Text) {
			s := sentence{text: t, doc: rank, pos: pos}
			cands = append(cands, scored{s, score(s, docs[i].Lang)})
		}
	}
	if len(cands) == 0 {
		return ""
	}
	best := 0
	for k := range cands {
		if cands[k].score > cands[best].score {
			best = k
		}
	}
	first := cands[best]
	out := first.text
	if utf8.RuneCountInString(out) > maxSummaryLen {
		return truncateWords(out, maxSummaryLen)
	}
	// A second sentence from the same doc when it adds a place, speaker or
	// casualty figure the first lacks and both fit.
	lowFirst := " " + strings.ToLower(first.text) + " "
	second := -1
	bestGain := 0.0
	for k, s := range cands {
		if s.doc != first.doc || s.pos == first.pos {
			continue
		}
		if utf8.RuneCountInString(out)+1+utf8.RuneCountInString(s.text) > maxSummaryLen {
			continue
		}
		low := " " + strings.ToLower(s.text) + " "
		gain := 0.0
		if containsAny(low, settlementNames) && !containsAny(lowFirst, settlementNames) {
			gain += 2
		}
		if containsAny(low, speakerNames) && !containsAny(lowFirst, speakerNames) {
			gain += 2
		}
		if containsAny(low, eventWords["casualties"]) && !containsAny(lowFirst, eventWords["casualties"]) {
			gain += 1.5
		}
		if s.pos == first.pos+1 {
			gain += 0.5
		}
		if gain > 1 && gain > bestGain {
			bestGain, second = gain, k
		}
	}
	if second >= 0 {
		if cands[second].pos < first.pos {
			out = cands[second].text + " " + out
		} else {
			out = out + " " + cands[second].text
		}
	}
	return out
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if x != "" && strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// truncateWords cuts s at a word boundary to at most n runes, ending it
// with an ellipsis.
func truncateWords(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n - 1
	for cut > n/2 && !unicode.IsSpace(r[cut]) {
		cut--
	}
	return strings.TrimRightFunc(string(r[:cut]), func(c rune) bool {
		return unicode.IsSpace(c) || c == ',' || c == ';' || c == ':'
	}) + "…"
}

// normalizeSpace collapses runs of white space into one space.
func normalizeSpace(s string) string {
	if isNormalSpace(s) {
		return s // most text (a stored lead) is: no copy
	}
	return strings.Join(strings.Fields(s), " ")
}

// isNormalSpace reports whether s has only single ASCII spaces between
// words and none at either end.
func isNormalSpace(s string) bool {
	prev := ' '
	for _, r := range s {
		if unicode.IsSpace(r) && (r != ' ' || prev == ' ') {
			return false
		}
		prev = r
	}
	return s == "" || prev != ' '
}

// nonTerminalAbbrevs end with a period without ending a sentence.
var nonTerminalAbbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "lt": true, "col": true,
	"maj": true, "sgt": true, "st": true, "no": true, "vs": true, "etc": true, "jan": true,
	"feb": true, "aug": true, "sept": true, "oct": true, "nov": true, "dec": true, "gov": true,
	"sen": true, "rep": true, "u.s": true, "u.k": true, "e.g": true, "i.e": true, "approx": true,
	"пос": true, "ул": true, "обл": true, "им": true, "т.е": true, "т.д": true, "р-н": true,
	"смт": true, "вул": true,
}

// splitSentences splits text into sentences with white space normalized.
// A sentence ends at . ! ? or … followed by white space and a capital
// letter, digit or quote, except after an abbreviation or an initial.
func splitSentences(text string) []string {
	text = normalizeSpace(text)
	if text == "" {
		return nil
	}
	var out []string
	start := 0
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r != '.' && r != '!' && r != '?' && r != '…' {
			continue
		}
		// Closing quotes and brackets belong to the sentence.
		end := i + 1
		for end < len(rs) && strings.ContainsRune("\"'”’»)]", rs[end]) {
			end++
		}
		if end < len(rs) && rs[end] != ' ' {
			continue
		}
		if end+1 < len(rs) {
			next := rs[end+1]
			if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune("\"'“‘«(", next) {
				continue
			}
		}
		if r == '.' {
			// The word before the period.
			w := i - 1
			for w >= start && rs[w] != ' ' {
				w--
			}
			word := strings.ToLower(strings.Trim(string(rs[w+1:i]), "(\"'«"))
			if wr := []rune(word); (len(wr) == 1 && unicode.IsLetter(wr[0])) || nonTerminalAbbrevs[word] {
				continue
			}
		}
		if s := strings.TrimSpace(string(rs[start:end])); s != "" {
			out = append(out, s)
		}
		start = end
		i = end - 1
	}
	if s := strings.TrimSpace(string(rs[start:])); s != "" {
		out = append(out, s)
	}
	return out
}
