package command

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// commandSpec describes one command for help, usage errors and lookup.
type commandSpec struct {
	name  string
	alias string // another word for the same command, or ""
	usage string
	desc  string
}

// commands is the command table, in the order help lists them. It is never
// written to; Names hands out copies.
var commands = [...]commandSpec{
	{name: "help", usage: "help [command]", desc: "list the commands, or explain one"},
	{name: "topics", usage: "topics", desc: "list the topics you can follow"},
	{name: "sources", usage: "sources [add <url> | remove <name>]", desc: "list the news sources, or add or remove a feed"},
	{name: "status", usage: "status", desc: "show whether polling and delivery are healthy"},
	{name: "latest", usage: "latest [topic] [N]", desc: "show the N newest stories (default 5, at most 50)"},
	{name: "search", alias: "ask", usage: "search <words...>", desc: "find stories by words in any language (also: ask)"},
	{name: "story", usage: "story <id>", desc: "show one story with all of its sources"},
	{name: "subscribe", usage: "subscribe <topic|source:NAME> [schedule...] [backfill N]", desc: "get a topic or source delivered here on a schedule"},
	{name: "unsubscribe", usage: "unsubscribe <topic|source:NAME|all>", desc: "stop a subscription, or all of them"},
	{name: "subscriptions", usage: "subscriptions", desc: "list this chat's subscriptions"},
	{name: "resume", usage: "resume <topic|source:NAME>", desc: "restart a paused subscription"},
	{name: "filter", usage: "filter <topic|source:NAME> include|exclude <terms...> | filter <topic|source:NAME> clear", desc: `keep or drop a topic's stories or a source's items by word, "phrase", prefix* or /regex/i`},
	{name: "watch", usage: "watch <name> <words...>", desc: "get an alert when a new story matches the words"},
	{name: "unwatch", usage: "unwatch <name>", desc: "remove a watch"},
	{name: "digest", usage: "digest [topic]", desc: "send a digest now"},
}

// lookup finds a command by name or alias, ignoring case.
func lookup(word string) (commandSpec, bool) {
	w := strings.ToLower(word)
	if w == "" {
		return commandSpec{}, false
	}
	for _, c := range commands {
		if w == c.name || w == c.alias {
			return c, true
		}
	}
	return commandSpec{}, false
}

// Names lists the canonical command names in help order, so that help
// output, did-you-mean and tests all draw on the one table. Aliases are
// not included. The slice is the caller's to keep.
func Names() []string {
	out := make([]string, len(commands))
	for i, c := range commands {
		out[i] = c.name
	}
	return out
}

// Usage returns the one-line usage of a command, so a handler can repeat
// it (for "help <command>", say) in the same words errors use. It accepts
// aliases and any case, and returns "" for an unknown command.
func Usage(name string) string {
	c, ok := lookup(name)
	if !ok {
		return ""
	}
	return c.usage
}

// Help returns the help text for all commands, one plain-text line each
// (usage, " - ", a short description), so every front end shows the same
// reference without its own copy to drift. Lines are not padded into
// columns: chat clients use proportional fonts.
func Help() string {
	var b strings.Builder
	for _, c := range commands {
		b.WriteString(c.usage)
		b.WriteString(" - ")
		b.WriteString(c.desc)
		b.WriteString("\n")
	}
	return b.String()
}

// reserved reports whether a (lower-case) word has a meaning of its own in
// the command language, which would make it confusing as a watch name.
func reserved(w string) bool {
	if _, ok := lookup(w); ok {
		return true
	}
	switch w {
	case "all", "source", "backfill", "include", "exclude", "clear", "add", "remove":
		return true
	}
	return false
}

// suggestCommand proposes the command (or alias) the user most likely
// meant, or "".
func suggestCommand(word string) string {
	cands := make([]string, 0, 2*len(commands))
	for _, c := range commands {
		cands = append(cands, c.name)
		if c.alias != "" {
			cands = append(cands, c.alias)
		}
	}
	return suggest(word, cands)
}

// suggest picks the candidate nearest to word: the first one at the
// smallest Levenshtein distance up to 2 (up to 1 for a two-letter word, so
// "ok" suggests nothing), else the first candidate that word is a prefix of
// (at least two letters: "sub" -> "subscribe").
func suggest(word string, cands []string) string {
	w := strings.ToLower(word)
	n := utf8.RuneCountInString(w)
	if n == 0 || n > 64 {
		return ""
	}
	best, bestD := "", 3
	for _, c := range cands {
		if d := levenshtein(w, c); d < bestD && d < n {
			best, bestD = c, d
		}
	}
	if best != "" {
		return best
	}
	if n >= 2 {
		for _, c := range cands {
			if strings.HasPrefix(c, w) {
				return c
			}
		}
	}
	return ""
}

// Suggest proposes the name a user most likely meant among names (topics,
// watchlists...): within two edits, or one edit of a name's beginning for
// four letters or more ("bordr" for border-developments), else a name the
// word begins; "" when none is close.
func Suggest(word string, names []string) string {
	lower := make([]string, len(names))
	for i, n := range names {
		lower[i] = strings.ToLower(n)
	}
	pick := func(l string) string { return names[slices.Index(lower, l)] }
	if s := suggest(word, lower); s != "" {
		return pick(s)
	}
	w := []rune(strings.ToLower(word))
	if len(w) < 4 {
		return ""
	}
	for _, l := range lower {
		if r := []rune(l); len(r) > len(w) && levenshtein(string(w), string(r[:len(w)])) <= 1 {
			return pick(l)
		}
	}
	return ""
}

// levenshtein is the edit distance between a and b in runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
