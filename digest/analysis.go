package digest

import "time"

// Doc is a stored item as the digest engine sees it: one article, with
// every source that carried it.
type Doc struct {
	ID        string // store item id, stable
	Title     string
	Text      string // plain text of the content
	Lang      string // en, ru, uk, ...
	Published time.Time
	FirstSeen time.Time
	Carriers  []StoryItem // one per source that carried it, first carrier first

	lede *ledeFeatures // known features of the lede (stored items), or nil
}

// Analysis is what the Analyzer extracts from one Doc. Clustering and
// summaries work from it; nothing downstream re-reads raw text except to
// pick extractive sentences.
type Analysis struct {
	// Terms are the Doc's content words, normalized across languages:
	// lowercased, stemmed, Cyrillic transliterated to Latin, stop words
	// dropped, in text order (title first), then the distinctive figures
	// ("#2.5e+09" for 2.5 billion or 2,5 млрд; see figuresOf). Used for
	// MinHash shingles and term similarity.
	Terms []string
	// Places are gazetteer matches, most specific first (village, town,
	// city, district, region), each once.
	Places []PlaceMention
	// Actors are alliance bodies, offices and governments mentioned.
	Actors []ActorMention
	// Speakers are the actors that make the statement (subject of said,
	// warned, pledged... or named in "according to"), a subset of Actors.
	Speakers []ActorMention
	// Statement is set when the Doc reports a statement, position, pledge,
	// decision or warning (said, warned, pledged, agreed, communique...).
	Statement bool
	// Events are the war-event kinds found, e.g. "shelling", "drone",
	// "missile", "glide-bomb", "incursion", "sabotage", "evacuation",
	// "casualties", "border-closure".
	Events []string
	// Topics are the names of the topics the Doc qualifies for (0, 1 or more).
	Topics []string
}

// PlaceMention is a gazetteer place found in a Doc.
type PlaceMention struct {
	ID        string // gazetteer id, e.g. ru-bel-shebekino
	Canonical string // canonical English name, e.g. Shebekino
	Kind      string // region, district, city, town, village
	Region    string // canonical name of its region, e.g. Belgorod Oblast
	Country   string // RU or UA
}

// ActorMention is an alliance body, office, official or government found in a Doc.
type ActorMention struct {
	ID        string // e.g. nato-secretary-general
	Canonical string // e.g. NATO Secretary General
	Kind      string // body, office, government, person
	Body      string // the alliance it belongs to, e.g. NATO, EU, G7, CSTO ("" for governments)
}
