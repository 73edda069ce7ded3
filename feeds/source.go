package feeds

import "time"

// Source is a feed to poll with its fetch health, as the poller reads it
// from the store.
type Source struct {
	ID       int64
	Name     string
	URL      string
	Schedule string // "" means the default schedule
	Tags     []string
	Origin   string // "config" or "added"
	Position int    // order in the config file

	ETag         string
	LastModified string
	// NotBefore is the earliest next fetch the server or feed asked for.
	NotBefore time.Time
	// NextPoll is when the source is next due.
	NextPoll     time.Time
	LastPoll     time.Time
	LastStatus   int
	LastSuccess  time.Time
	LastError    string
	LastErrorAt  time.Time
	Failures     int
	FailingSince time.Time
	CreatedAt    time.Time
}

// PollResult is what one fetch changed in a source's state.
type PollResult struct {
	At           time.Time
	Status       int    // HTTP status, 0 when no response
	Err          string // "" on success (200 or 304)
	ETag         string
	LastModified string
	NotBefore    time.Time
	NextPoll     time.Time
	// MovedTo replaces the stored URL after a permanent redirect.
	MovedTo string
}

// SaveResult counts what storing one poll's items did for a source.
type SaveResult struct {
	New     int // items new to this source (including articles other sources had)
	Updated int // items whose title or text changed
}

// PollUpdate is everything one poll changes for one source: the items to
// store (when Save is set) and the fetch outcome.
type PollUpdate struct {
	SourceID int64
	Save     bool
	Items    []Item
	Result   PollResult
}

// PollApplied is what applying a PollUpdate did.
type PollApplied struct {
	Saved SaveResult
	Total int   // items the source carries afterwards
	Err   error // the update could not be stored; nothing of it was kept
}
