package digest

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file turns text into tokens the analyzer can match across English,
// Russian and Ukrainian: words are lowercased and accent-folded (surface),
// stemmed with light suffix strippers and transliterated to Latin (key).
// Stemming only has to be consistent: a gazetteer or actor variant and the
// text go through the same pipeline, so "Белгородской", "Белгороде" and
// "Бєлгородська" meet at the same key "belgorod".

// token is one word of a Doc.
type token struct {
	surf   string // lowercased, accents folded, Ukrainian apostrophes removed
	key    string // stem transliterated to Latin, the cross-language match key
	sent   int    // sentence index; title sentences come first
	title  bool   // the word is in the title
	upper  bool   // the word starts with an uppercase letter in the source
	quoted bool   // the word directly follows an opening quotation mark
	num    bool   // digits only
	caps   bool   // written in capitals ("NATO", a dateline "MOSCOW")
	punct  bool   // a comma, dash, colon or quote comes right before the word
	poss   bool   // a possessive 's followed the word ("Russia's")
}

// tokenize splits text into word tokens and numbers them into sentences
// starting at sent0. It returns the tokens and the next free sentence index.
func tokenize(text string, sent0 int, title bool, dst []token) ([]token, int) {
	sent := sent0
	used := false // the current sentence has tokens
	var word []rune
	wordUpper, wordQuoted, wordCaps, wordPunct := false, false, false, false
	prevQuote, prevPunct := false, false
	flush := func() {
		if len(word) == 0 {
			return
		}
		surf := foldWord(word)
		word = word[:0]
		if surf == "" {
			return
		}
		t := token{surf: surf, sent: sent, title: title, upper: wordUpper, quoted: wordQuoted}
		t.num = isDigits(surf)
		t.caps = wordCaps
		t.punct = wordPunct
		t.key = keyOf(surf)
		dst = append(dst, t)
		used = true
	}
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if len(word) == 0 {
				wordUpper = unicode.IsUpper(r)
				wordQuoted = prevQuote
				wordPunct = prevPunct
				wordCaps = true
			}
			if unicode.IsLower(r) {
				wordCaps = false
			}
			word = append(word, r)
			prevQuote, prevPunct = false, false
		case isApostrophe(r):
			// Inside a Cyrillic word (Ukrainian в'їзд, м'ясо) the
			// apostrophe is part of the word; in English it starts a
			// clitic ("NATO's") that is dropped.
			if len(word) > 0 && i+1 < len(rs) && isCyrillic(word[len(word)-1]) && isCyrillic(rs[i+1]) {
				continue
			}
			n := len(dst)
			flush()
			if i+1 < len(rs) && (rs[i+1] == 's' || rs[i+1] == 'S') && (i+2 == len(rs) || !unicode.IsLetter(rs[i+2])) {
				i++ // possessive 's
				if len(dst) > n {
					dst[len(dst)-1].poss = true
				}
			}
			prevQuote = false
		default:
			flush()
			switch r {
			case '.', '!', '?', ';', '…', '\n':
				if used && sentenceEnds(rs, i) {
					sent++
					used = false
				}
				prevQuote = false
			case '«', '„', '“', '"':
				prevQuote, prevPunct = true, true
			case ',', ':', '–', '—', '»', '”':
				prevQuote, prevPunct = false, true
			case ' ', '\t', '\u00a0':
			default:
				prevQuote = false
			}
		}
	}
	flush()
	if used {
		sent++
	}
	return dst, sent
}

// sentenceEnds reports whether the punctuation at rs[i] ends a sentence:
// a newline always does, a full stop only when the next word starts with a
// capital letter or a quote (so "U.S. and" and "2.5 million" do not split).
func sentenceEnds(rs []rune, i int) bool {
	if rs[i] == '\n' || rs[i] == ';' {
		return true
	}
	j := i + 1
	if j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '"' && rs[j] != '»' && rs[j] != '”' {
		return false // "2.5", "U.S."
	}
	for ; j < len(rs); j++ {
		r := rs[j]
		if unicode.IsSpace(r) || r == '"' || r == '»' || r == '”' || r == '«' || r == '“' || r == '(' {
			continue
		}
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	return true
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '`'
}

func isCyrillic(r rune) bool { return r >= 0x400 && r <= 0x4ff }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// foldWord lowercases a word, folds Latin accents (communiqué) and ё to е.
func foldWord(w []rune) string {
	var b strings.Builder
	b.Grow(len(w) * 2)
	for _, r := range w {
		if r < 0x80 {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if f, ok := latinFold[r]; ok {
			b.WriteString(f)
			continue
		}
		if r == 'ё' {
			r = 'е'
		}
		b.WriteRune(r)
	}
	return b.String()
}

var latinFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'ą': "a",
	'ç': "c", 'č': "c", 'ć': "c", 'ď': "d", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ě': "e", 'ę': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ł': "l", 'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ø': "o", 'ř': "r", 'š': "s", 'ś': "s", 'ß': "ss",
	'ť': "t", 'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ů': "u", 'ý': "y", 'ÿ': "y", 'ž': "z", 'ź': "z", 'ż': "z",
}

// keyOf stems a folded word and transliterates the stem to Latin.
func keyOf(surf string) string {
	if isDigits(surf) {
		return surf
	}
	if hasCyrillic(surf) {
		return transliterate(stemSlavic(surf))
	}
	return stemEnglish(surf)
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if isCyrillic(r) {
			return true
		}
	}
	return false
}

// stemEnglish strips plural, -ed and -ing endings and a final e, enough to
// make shelling/shelled/shells and pledge/pledged/pledges meet.
func stemEnglish(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		w = w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ied"):
		w = w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "sses"):
		w = w[:n-2]
	case n > 5 && strings.HasSuffix(w, "ing"):
		w = undouble(w[:n-3])
	case n > 4 && strings.HasSuffix(w, "ed"):
		w = undouble(w[:n-2])
	case n > 3 && strings.HasSuffix(w, "es") && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "xes")):
		w = w[:n-2]
	case n > 3 && w[n-1] == 's' && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:n-1]
	}
	if len(w) > 4 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	return w
}

// undouble turns "stopp" into "stop" but keeps "shell" and "pass".
func undouble(w string) string {
	n := len(w)
	if n >= 4 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouylsz", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

// Russian and Ukrainian inflectional endings, longest first within a
// length class; stemSlavic tries the longest that leaves 3 letters.
var slavicEndings = func() [][]rune {
	list := []string{
		// adjectival
		"ого", "его", "ому", "ему", "ої", "ьої", "ыми", "ими", "ой", "ей", "ий", "ый", "ій", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им", "ую", "юю", "ою", "ею", "ім", "іх",
		// nominal
		"ами", "ями", "ам", "ям", "ах", "ях", "ом", "ем", "ою",
		// verbal (past tense and infinitive; reflexive handled separately)
		"ала", "али", "ало", "ила", "или", "ило", "ела", "ели", "ыла", "ыли", "ать", "ять", "ить", "ети", "ати", "ити", "ути",
		"а", "я", "о", "е", "и", "ы", "у", "ю", "і", "ї", "є", "ь", "й",
	}
	out := make([][]rune, len(list))
	for i, s := range list {
		out[i] = []rune(s)
	}
	// longest first
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}()

// stemSlavic is a light stemmer for Russian and Ukrainian. It strips a
// reflexive particle, one inflectional ending, then the adjective-forming
// -ск-/-ськ- (Белгородской -> белгород, Сумська -> сум, Курск -> кур), and
// levels the Ukrainian і/о alternation of place names in -ів (Харків,
// Харкова -> харков).
func stemSlavic(w string) string {
	rs := []rune(w)
	const min = 3
	for _, refl := range []string{"ться", "тися", "ся", "сь"} {
		r := []rune(refl)
		if len(rs)-len(r) >= min+2 && hasRuneSuffix(rs, r) {
			rs = rs[:len(rs)-len(r)]
			break
		}
	}
	for _, e := range slavicEndings {
		if len(rs)-len(e) >= min && hasRuneSuffix(rs, e) {
			rs = rs[:len(rs)-len(e)]
			break
		}
	}
	// Genitive plural -ов/-ев/-ів only on long stems, so that short place
	// names ending in them (Харьков, Чернігів) keep their stem.
	for _, e := range []string{"ов", "ев", "ів"} {
		r := []rune(e)
		if len(rs)-2 >= 7 && hasRuneSuffix(rs, r) {
			rs = rs[:len(rs)-2]
			break
		}
	}
	for _, e := range []string{"ськ", "ск"} {
		r := []rune(e)
		if len(rs)-len(r) >= min && hasRuneSuffix(rs, r) {
			rs = rs[:len(rs)-len(r)]
			break
		}
	}
	if n := len(rs); n >= 4 && rs[n-2] == 'і' && rs[n-1] == 'в' {
		rs[n-2] = 'о' // Харків, Харкова -> харков; Чернігів -> чернігов
	}
	return string(rs)
}

func hasRuneSuffix(rs, suf []rune) bool {
	if len(suf) > len(rs) {
		return false
	}
	off := len(rs) - len(suf)
	for i, r := range suf {
		if rs[off+i] != r {
			return false
		}
	}
	return true
}

// translit maps Russian and Ukrainian letters to one Latin spelling that
// does not depend on the language (г and ґ are both g, и and і both i), so
// Russian and Ukrainian spellings of the same name meet.
var translit = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'є': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'і': "i", 'ї': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh",
	'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
}

// transliterate writes Cyrillic in Latin letters; other runes pass through.
func transliterate(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if t, ok := translit[unicode.ToLower(r)]; ok {
			b.WriteString(t)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// stopWords are dropped from Terms (matched on the folded surface).
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range []string{
		// English
		`a an the and or but nor of in on at to for from by with without into onto over under about after before
		 between during since until than as is are was were be been being has have had do does did will would
		 shall should can could may might must it its this that these those there here he she they we you i him
		 her them us his their our your who whom whose which what when where why how not no also more most
		 other some such only own same so too very just said says say told according per via up out off
		 while all any both each few many much one two three four five six seven eight nine ten new s t
		 monday tuesday wednesday thursday friday saturday sunday
		 january february march april may june july august september october november december
		 jan feb mar apr jun jul aug sep sept oct nov dec am pm`,
		// Russian
		`и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было
		 вот от меня еще нет о из ему ли если уже или ни быть был него до вас вам там потом себя ей может они
		 тут где есть ней для мы тебя их чем была сам без под будет ж тогда кто этот того потому этого какой
		 ним здесь этом один мой тем чтобы нее были всех можно при об над больше тот через эти нас про всего
		 них эту свою этой перед том такой им более между также это при после около сообщил сообщили заявил
		 заявили понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье
		 января февраля марта апреля мая июня июля августа сентября октября ноября декабря`,
		// Ukrainian
		`і й та в у на з із зі до від що як це не він вона вони за по для про при але або чи ж же його її їх
		 які який яка яке також вже ще було був була були бути є над під після через між так то тому щоб
		 коли де там тут цей ця ці того цього свою своїх які якого повідомив повідомили заявив заявили
		 понеділок вівторок середа середу четвер пятниця пятницю субота суботу неділя неділю
		 січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня`,
	} {
		for _, w := range strings.Fields(list) {
			m[w] = true
		}
	}
	return m
}()

// NormalizeTerms returns the content words of text normalized across
// languages: lowercased, stemmed, Cyrillic transliterated to Latin, stop
// words and numbers dropped, in text order. It is exactly the
// normalization of Analysis.Terms' words (which are NormalizeTerms of the
// title, a newline and the text, before the figures), so clustering can
// compare the two. lang is a hint
// only: the script of each word decides its stemmer.
func NormalizeTerms(text, lang string) []string {
	toks, _ := tokenize(text, 0, false, nil)
	return termsOf(toks)
}

func termsOf(toks []token) []string {
	out := make([]string, 0, len(toks))
	for i := range toks {
		t := &toks[i]
		if t.num || stopWords[t.surf] || utf8.RuneCountInString(t.key) < 2 {
			continue
		}
		out = append(out, t.key)
	}
	return out
}

// keysOf normalizes a name or phrase into match keys.
func keysOf(s string) []string {
	toks, _ := tokenize(s, 0, false, nil)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, t.key)
	}
	return out
}

// pattern is a trigger phrase: words matched on the folded surface, a
// trailing * makes a word a prefix ("shell*" matches shelling, shelled).
type pattern struct {
	words  []patWord
	id     int // caller's payload index
	postOK bool
}

type patWord struct {
	s      string
	prefix bool
}

// matcher finds patterns in a token stream, indexed by first word.
type matcher struct {
	pats   []pattern
	exact  map[string][]int
	prefix map[string][]int
	maxPre int             // longest prefix word in bytes
	preLen []int           // distinct lengths of prefix words, ascending
	pre2   map[uint16]bool // first two bytes of prefix words: a cheap filter
}

func newMatcher() *matcher {
	return &matcher{exact: map[string][]int{}, prefix: map[string][]int{}, pre2: map[uint16]bool{}}
}

// add compiles a pattern string like "call* on" or "air-raid alert*".
func (m *matcher) add(p string, id int) {
	var words []patWord
	for _, f := range strings.FieldsFunc(p, func(r rune) bool { return r == ' ' || r == '-' || r == '–' }) {
		pre := strings.HasSuffix(f, "*")
		f = strings.TrimSuffix(f, "*")
		pre = pre && len(f) >= 2 // the first-two-bytes filter needs two bytes
		toks, _ := tokenize(f, 0, false, nil)
		for i, t := range toks {
			words = append(words, patWord{s: t.surf, prefix: pre && i == len(toks)-1})
		}
	}
	if len(words) == 0 {
		return
	}
	idx := len(m.pats)
	m.pats = append(m.pats, pattern{words: words, id: id})
	w := words[0]
	if w.prefix {
		m.prefix[w.s] = append(m.prefix[w.s], idx)
		if len(w.s) > m.maxPre {
			m.maxPre = len(w.s)
		}
		m.pre2[first2(w.s)] = true
		if !slices.Contains(m.preLen, len(w.s)) {
			m.preLen = append(m.preLen, len(w.s))
			slices.Sort(m.preLen)
		}
	} else {
		m.exact[w.s] = append(m.exact[w.s], idx)
	}
}

// first2 packs the first two bytes of s (a one-byte s gets a zero second byte).
func first2(s string) uint16 {
	switch len(s) {
	case 0:
		return 0
	case 1:
		return uint16(s[0]) << 8
	}
	return uint16(s[0])<<8 | uint16(s[1])
}

func (w patWord) match(surf string) bool {
	if w.prefix {
		return strings.HasPrefix(surf, w.s)
	}
	return surf == w.s
}

// hit is a pattern match over toks[start:end].
type hit struct {
	start, end int
	id         int
}

// find returns every match (overlapping allowed), within single sentences.
func (m *matcher) find(toks []token, dst []hit) []hit {
	for i := range toks {
		s := toks[i].surf
		try := func(idx int) {
			p := &m.pats[idx]
			end := i + len(p.words)
			if end > len(toks) || toks[end-1].sent != toks[i].sent {
				return
			}
			for k := 1; k < len(p.words); k++ {
				if !p.words[k].match(toks[i+k].surf) {
					return
				}
			}
			dst = append(dst, hit{start: i, end: end, id: p.id})
		}
		for _, idx := range m.exact[s] {
			try(idx)
		}
		if len(m.preLen) == 0 || !m.pre2[first2(s)] {
			continue
		}
		for _, n := range m.preLen {
			if n > len(s) {
				break
			}
			for _, idx := range m.prefix[s[:n]] {
				try(idx)
			}
		}
	}
	return dst
}

// mask marks the tokens covered by any match.
func (m *matcher) mask(toks []token) []bool {
	out := make([]bool, len(toks))
	for _, h := range m.find(toks, nil) {
		for k := h.start; k < h.end; k++ {
			out[k] = true
		}
	}
	return out
}

// near reports whether mask marks a token within win words around
// toks[start:end] in the same sentence.
func near(mask []bool, toks []token, start, end, win int) bool {
	s := toks[start].sent
	for k := start - 1; k >= 0 && k >= start-win && toks[k].sent == s; k-- {
		if mask[k] {
			return true
		}
	}
	for k := end; k < len(toks) && k < end+win && toks[k].sent == s; k++ {
		if mask[k] {
			return true
		}
	}
	return false
}

// matchAny reports whether any pattern matches within toks[lo:hi].
func (m *matcher) matchAny(toks []token, lo, hi int) bool {
	if lo < 0 {
		lo = 0
	}
	if hi > len(toks) {
		hi = len(toks)
	}
	if lo >= hi {
		return false
	}
	return len(m.find(toks[lo:hi], nil)) > 0
}

// Trigger vocabulary. These lists define Analysis.Statement and
// Analysis.Events, so they live with the language code rather than in a
// topic: topics choose which signal they need and add their own negative
// contexts (data/topics.yaml).

// statementTerms mark a statement, position, pledge, decision or warning.
// The second field says whether the speaker may follow the term ("said the
// governor", "сообщили в Минобороны", "statement by the spokesperson").
var statementTerms = []struct {
	pat  string
	post bool
}{
	// English
	{"said", true}, {"say", true}, {"says", true}, {"saying", false}, {"told", false}, {"tell", false}, {"tells", false}, {"telling", false},
	{"warn*", false}, {"pledg*", false}, {"promis*", false}, {"vow*", false}, {"agree*", false}, {"condemn*", false},
	{"communique*", true}, {"declaration*", true}, {"statement*", true}, {"remarks", true}, {"press conference", true},
	{"urge", false}, {"urged", false}, {"urges", false}, {"urging", false}, {"call* on", false}, {"call* for", false},
	{"deny", false}, {"denies", false}, {"denied", false}, {"reject*", false}, {"reaffirm*", false}, {"announc*", true},
	{"commit*", false}, {"stress*", false}, {"insist*", false}, {"welcom*", false}, {"express*", false},
	{"voice", false}, {"voiced", false}, {"voices", false}, {"decide*", false}, {"decision*", false}, {"approv*", false},
	{"endors*", false}, {"adopt*", false}, {"propos*", false}, {"back", false}, {"backs", false}, {"backed", false},
	{"preview*", false}, {"sign* off", false}, {"accus*", false}, {"criticis*", false}, {"criticiz*", false},
	{"demand*", false}, {"ask*", false}, {"caution*", false}, {"rule* out", false}, {"confirm*", true},
	{"dismiss*", false}, {"according to", true}, {"quoted", true}, {"solidarity", false}, {"seek*", false}, {"sought", false},
	{"assur*", false}, {"argu*", false}, {"declar*", false}, {"vowed", false}, {"guarantee*", false},
	{"threaten*", false}, {"keynote*", true}, {"speech", true}, {"speeches", true}, {"addressed", false},
	// Russian
	{"заяв*", true}, {"предупред*", true}, {"пообещ*", false}, {"обеща*", false}, {"осуд*", false}, {"призв*", false},
	{"призыв*", false}, {"отверг*", false}, {"отрица*", false}, {"опроверг*", false}, {"сообщ*", true}, {"сказал*", true},
	{"подчеркн*", true}, {"выраз*", false}, {"договорил*", false}, {"коммюнике", true}, {"декларац*", true},
	{"одобр*", false}, {"утверд*", false}, {"объяв*", true}, {"отметил*", true}, {"настаива*", false}, {"потребова*", false},
	{"обвин*", false}, {"предлож*", false}, {"пообещал*", false}, {"по словам", true}, {"по данным", true}, {"поддержал*", false},
	{"солидарност*", false}, {"гарантир*", false}, {"пригроз*", false}, {"выступил*", false}, {"выступлени*", true},
	// Ukrainian
	{"заява*", true}, {"заяви*", true}, {"попереди*", true}, {"пообіця*", false}, {"обіця*", false}, {"засуди*", false},
	{"закли*", false}, {"відкин*", false}, {"заперечи*", false}, {"заперечу*", false}, {"спростува*", false}, {"повідоми*", true},
	{"сказа*", true}, {"наголоси*", true}, {"наголошу*", true}, {"підкресли*", true}, {"висловил*", false}, {"висловив*", false},
	{"домовил*", false}, {"ухвали*", false}, {"комюніке", true}, {"схвали*", false}, {"запропонува*", false},
	{"звинувати*", false}, {"звинува*", false}, {"оголоси*", true}, {"за словами", true}, {"за даними", true}, {"підтрима*", false},
	{"солідарніст*", false}, {"погрози*", false}, {"виступи*", false}, {"виступ", true}, {"промов*", true},
}

// eventTerms are war-event words by kind. Kinds marked weak (a generic
// "attack", "killed", "evacuation") count only when the item has other
// evidence of war (see warContext).
var eventTerms = []struct {
	kind string
	weak bool
	pats []string
}{
	{"shelling", false, []string{"shelling*", "shelled", "artillery fire", "artillery strike*", "artillery attack*", "mortar*", "bombard*", "mlrs",
		"under fire", "fired on", "fire on", "rocket fire", "multiple rocket",
		"обстрел*", "обстреля*", "артобстрел*", "артиллерийск*", "минометн*", "миномет*", "рсзо", "под огнем",
		"обстріл*", "обстріля*", "артобстріл*", "артилерійськ*", "мінометн*", "міномет*", "під вогнем"}},
	{"drone", true, []string{"drone*", "uav*", "fpv", "shahed*", "loitering munition*", "kamikaze",
		"беспилотн*", "бпла", "дрон*", "шахед*", "герань", "безпілотн*", "бпла"}},
	{"missile", true, []string{"missile*", "ballistic*", "iskander*", "cruise missile*", "rocket attack*", "rocket strike*",
		"ракет*", "баллистическ*", "искандер*", "балістичн*", "іскандер*"}},
	{"glide-bomb", false, []string{"glide bomb*", "guided bomb*", "guided aerial bomb*", "aerial bomb*", "bombs", "bombing*", "bombed",
		"каб", "кабы", "авиабомб*", "управляем* бомб*", "авіабомб*", "керован* авіабомб*", "керован* бомб*", "бомб*"}},
	{"airstrike", false, []string{"airstrike*", "air strike*", "авиаудар*", "авіаудар*"}},
	{"incursion", false, []string{"incursion*", "cross border raid*", "raid across", "border raid*", "crossed into", "cross into", "crossed the border",
		"cross the border", "attempt* to cross", "assault group*", "infantry group*", "probing attack*", "infiltrat*", "armed group*",
		"вторжен*", "вылазк*", "прорыв*", "прорвать*", "штурмов* групп*", "вилазк*", "прорив*", "штурмов* груп*", "проникнен*"}},
	{"sabotage", false, []string{"sabotage*", "saboteur*", "drg", "дрг", "диверс*"}},
	{"evacuation", true, []string{"evacuat*", "эвакуац*", "эвакуир*", "отселен*", "евакуац*", "евакуй*", "евакуюв*", "відселен*"}},
	{"casualties", true, []string{"kill*", "wound*", "injur*", "hurt", "dead", "died", "death*", "casualt*", "toll",
		"погиб*", "ранен*", "ранил*", "пострадал*", "пострадавш*", "скончал*", "жертв*", "осколочн*", "травм*",
		"загин*", "загибл*", "поранен*", "постражд*", "помер*"}},
	{"border-closure", true, []string{"closed", "closes", "closing", "closure*", "restrict*", "shut", "ограничи*", "ограничен*", "закры*", "запрет*", "обмеж*", "закри*", "заборон*"}},
	{"strike", true, []string{"strike", "strikes", "struck", "striking", "attack*", "hit", "hits", "hitting", "shot down", "downed", "intercept*",
		"удар*", "атак*", "атакова*", "сбит*", "сбил*", "перехвач*", "уничтож*", "поражен*", "прилет*",
		"влуч*", "приліт*", "збит*", "збил*", "знищ*", "перехопл*"}},
	{"damage", true, []string{"damag*", "destroy*", "ablaze", "caught fire", "fire broke out", "set on fire", "burn*", "power line*", "without power",
		"without electricity", "lost power", "knocked out", "blackout*", "without heating", "without heat",
		"поврежд*", "разруш*", "пожар*", "загорел*", "без света", "без отопления", "без тепла", "обесточ*", "лэп",
		"пошкодж*", "зруйнов*", "знеструм*", "без світла", "без опалення", "без тепла", "лэп", "лінія електропередачі", "лінію електропередачі"}},
}

// reportedEvents are the kinds Analysis.Events reports; "strike" and
// "damage" only support the others.
var reportedEvents = map[string]bool{"shelling": true, "drone": true, "missile": true, "glide-bomb": true, "airstrike": true,
	"incursion": true, "sabotage": true, "evacuation": true, "casualties": true, "border-closure": true}

// borderWords must accompany a closure word for a border-closure event.
var borderWords = []string{"border*", "frontier*", "приграни*", "границ*", "прикордон*", "кордон*", "погранзон*"}

// warContext: words that show an event is an act of war, for weak kinds.
var warContext = []string{"russian*", "ukrainian*", "forces", "troops", "military", "army", "enemy", "war", "armed", "combat", "shelling*",
	"air defence*", "air defense*", "air raid*", "invasion", "occupied", "front line*", "frontline",
	"российск*", "украинск*", "всу", "зсу", "армия", "армии", "войск*", "противник*", "пво", "воен*", "боев*",
	"російськ*", "українськ*", "армі*", "військ*", "ворог*", "ворож*", "окупант*", "окупац*", "ппо", "бойов*", "вторгнен*"}

// nonWar words veto event words next to them in every topic: a typhoon
// evacuation, pea-shelling, a striker, a delivery drone.
var nonWar = []string{"typhoon*", "hurricane*", "storm*", "flood*", "earthquake*", "quake", "wildfire*", "pea", "peas", "recipe*", "kitchen*",
	"goalkeeper*", "keeper*", "striker*", "match", "matches", "goal", "goals", "penalt*", "football*", "derby", "league",
	"delivery", "deliveries", "light show*", "agricultur*", "crop*", "ransomware", "cyber*", "hacker*", "heart attack*", "panic attack*",
	"road accident*", "car crash*", "traffic accident*", "workers", "union*", "walkout*", "wage*",
	"тайфун*", "наводнен*", "землетрясен*", "паводок", "паводк*", "дтп", "авари*", "забастов*", "футбол*", "матч*",
	"повін*", "повен*", "землетрус*", "страйк*", "кібер*", "кибер*"}
