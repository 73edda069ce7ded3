// Package digest turns stored items into the briefing users read: items
// are classified into topics, grouped into stories across sources and
// languages, summarized (who said what, what happened where) and rendered
// for a terminal, Markdown, Slack, Matrix or JSON.
package digest

import "time"

// Digest is one briefing: the stories per topic for a time window.
type Digest struct {
	GeneratedAt time.Time
	Since       time.Time // window start (inclusive)
	Until       time.Time // window end (exclusive)
	Provenance  Provenance
	Topics      []TopicDigest
}

// Provenance says what the digest was built from.
type Provenance struct {
	SourcesChecked int
	SourcesFailing []string
}

// TopicDigest is one topic's stories, best first.
type TopicDigest struct {
	Name    string // e.g. border-developments
	Title   string // e.g. Border developments
	Stories []Story
}

// Story is one event or statement with every source that reported it.
type Story struct {
	ID       string // stable across runs
	Topics   []string
	Headline string
	// Summary is one or two sentences taken from the sources (extractive):
	// who said what, or what happened where.
	Summary   string
	Actors    []string // at most 3, e.g. "NATO Secretary General"
	Locations []string // at most 5, canonical English names, most specific first
	FirstSeen time.Time
	LastSeen  time.Time
	Items     []StoryItem // every source's item, best first
}

// StoryItem is one source's report of a story.
type StoryItem struct {
	Source    string
	Title     string
	URL       string // canonical link
	Link      string // as published
	Published time.Time
	Lang      string
}
