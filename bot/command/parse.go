package command

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseArgs parses the arguments of the command called name (canonical).
// Errors carry only Msg and Suggestion; Parse adds the command and usage.
func parseArgs(name string, args []token) (Command, *UsageError) {
	switch name {
	case "help":
		return parseHelp(args)
	case "topics", "status", "subscriptions":
		return Command{}, noMore(args, 0)
	case "sources":
		return parseSources(args)
	case "latest":
		return parseLatest(args)
	case "search":
		return parseSearch(args)
	case "story":
		return parseStory(args)
	case "subscribe":
		return parseSubscribe(args)
	case "unsubscribe":
		return parseTargetOnly(args, true)
	case "resume":
		return parseTargetOnly(args, false)
	case "filter":
		return parseFilter(args)
	case "watch":
		return parseWatch(args)
	case "unwatch":
		return parseUnwatch(args)
	case "digest":
		return parseDigest(args)
	}
	// Unreachable while every table entry has a case above; the fuzz test
	// checks that.
	return Command{}, bad("this command is not implemented")
}

// noMore rejects arguments after the first n.
func noMore(args []token, n int) *UsageError {
	if len(args) <= n {
		return nil
	}
	if n == 0 {
		return bad("takes no arguments (got %s)", echo(args[0].text))
	}
	return bad("too many arguments (unexpected %s)", echo(args[n].text))
}

// noMoreName is noMore where the last argument is a name (topic, source),
// which is the usual reason for extra words: a name with spaces.
func noMoreName(args []token, n int) *UsageError {
	e := noMore(args, n)
	if e != nil && n > 0 {
		e.Msg = fmt.Sprintf("too many arguments (unexpected %s; put a name with spaces in quotes)", echo(args[n].text))
	}
	return e
}

func parseHelp(args []token) (Command, *UsageError) {
	if len(args) == 0 {
		return Command{}, nil
	}
	if e := noMore(args, 1); e != nil {
		return Command{}, e
	}
	c, ok := lookup(args[0].text)
	if !ok {
		e := bad("unknown command %s", echo(args[0].text))
		e.Suggestion = suggestCommand(args[0].text)
		return Command{}, e
	}
	return Command{Name2: c.name}, nil
}

func parseSources(args []token) (Command, *UsageError) {
	if len(args) == 0 {
		return Command{}, nil
	}
	switch sub := strings.ToLower(args[0].text); sub {
	case "add":
		if len(args) < 2 {
			return Command{}, bad("add needs a feed URL, like https://example.com/feed.xml")
		}
		if e := noMore(args, 2); e != nil {
			return Command{}, e
		}
		u, e := parseURL(args[1].text)
		if e != nil {
			return Command{}, e
		}
		return Command{Sub: sub, URL: u}, nil
	case "remove":
		if len(args) < 2 {
			return Command{}, bad("remove needs a source name")
		}
		if e := noMoreName(args, 2); e != nil {
			return Command{}, e
		}
		name := args[1].text
		if rest, ok := cutPrefixFold(name, "source:"); ok {
			name = rest // "sources remove source:BBC" means the same
		}
		name = strings.TrimSpace(name)
		if name == "" {
			return Command{}, bad("remove needs a source name")
		}
		return Command{Sub: sub, Source: name}, nil
	default:
		e := bad("unknown action %s (expected add or remove)", echo(args[0].text))
		e.Suggestion = suggest(args[0].text, []string{"add", "remove"})
		return Command{}, e
	}
}

// parseURL accepts an absolute http(s) URL. Slack sends links as <url> or
// <url|label>, so that wrapping is removed first.
func parseURL(raw string) (string, *UsageError) {
	if len(raw) >= 2 && raw[0] == '<' && raw[len(raw)-1] == '>' {
		raw = raw[1 : len(raw)-1]
		if i := strings.IndexByte(raw, '|'); i >= 0 {
			raw = raw[:i]
		}
	}
	if strings.IndexFunc(raw, unicode.IsSpace) >= 0 {
		return "", bad("a URL cannot contain spaces (got %s)", echo(raw))
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", bad("not a valid URL: %s", echo(raw))
	}
	if u.Scheme == "" {
		e := bad("the URL must start with http:// or https:// (got %s)", echo(raw))
		if v, err := url.Parse("https://" + raw); err == nil && v.Host != "" && strings.Contains(v.Host, ".") {
			e.Suggestion = "https://" + raw
		}
		return "", e
	}
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return "", bad("only http and https URLs can be added (got %s)", echo(raw))
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", bad("the URL has no host name (got %s)", echo(raw))
	}
	return raw, nil
}

// isNumber reports whether a word is meant as a number (an optional sign
// and ASCII digits), so "latest 500" is a bad N rather than a topic.
func isNumber(t token) bool {
	s := t.text
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if t.quoted || s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// count parses a number that must be 1..maxN; what names it in messages.
func count(t token, what string) (int, *UsageError) {
	if !isNumber(t) {
		return 0, bad("%s must be a number from 1 to %d (got %s)", what, maxN, echo(t.text))
	}
	n, err := strconv.Atoi(t.text)
	if err != nil || n < 1 || n > maxN {
		return 0, bad("%s must be 1 to %d (got %s)", what, maxN, shorten(t.text))
	}
	return n, nil
}

func parseLatest(args []token) (Command, *UsageError) {
	cmd := Command{N: defaultLatest}
	switch len(args) {
	case 0:
		return cmd, nil
	case 1:
		if isNumber(args[0]) {
			n, e := count(args[0], "N")
			cmd.N = n
			return cmd, e
		}
		t, e := topicOnly(args[0])
		cmd.Topic = t
		return cmd, e
	case 2:
		if isNumber(args[0]) {
			if isNumber(args[1]) {
				return Command{}, bad("give N only once (got %s and %s); quote a topic that is a number", shorten(args[0].text), shorten(args[1].text))
			}
			return Command{}, bad("put the topic before N, as in: latest %s %s", quoteIfNeeded(shorten(args[1].text)), shorten(args[0].text))
		}
		t, e := topicOnly(args[0])
		if e != nil {
			return Command{}, e
		}
		n, e := count(args[1], "N")
		if e != nil {
			return Command{}, e
		}
		cmd.Topic, cmd.N = t, n
		return cmd, nil
	default:
		return Command{}, noMoreName(args, 2)
	}
}

func words(args []token) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a.text
	}
	return out
}

func parseSearch(args []token) (Command, *UsageError) {
	if len(args) == 0 {
		return Command{}, bad("needs at least one word to search for")
	}
	return Command{Words: words(args)}, nil
}

func parseStory(args []token) (Command, *UsageError) {
	if len(args) == 0 {
		return Command{}, bad("needs a story id (digests show them)")
	}
	if e := noMore(args, 1); e != nil {
		return Command{}, e
	}
	id := args[0].text
	if utf8.RuneCountInString(id) > maxIDChars || !allRunes(id, func(r rune) bool {
		return r < utf8.RuneSelf && (isASCIIAlnum(r) || r == '-' || r == '_')
	}) {
		return Command{}, bad("a story id is letters, digits, - and _, at most %d (got %s)", maxIDChars, echo(id))
	}
	return Command{ID: id}, nil
}

// target is what subscriptions are about: a topic, a source or (for
// unsubscribe) all of them.
type target struct {
	topic, source string
	all           bool
}

// parseTarget reads topic, source:NAME (the prefix in any case; NAME may
// be quoted, with or without the prefix inside the quotes) or, when
// allowAll, an unquoted "all".
func parseTarget(t token, allowAll bool) (target, *UsageError) {
	if allowAll && !t.quoted && strings.EqualFold(t.text, "all") {
		return target{all: true}, nil
	}
	if rest, ok := cutPrefixFold(t.text, "source:"); ok {
		name := strings.TrimSpace(rest)
		if name == "" {
			return target{}, bad(`source: needs a name right after it, like source:BBC or source:"Kyiv Independent"`)
		}
		return target{source: name}, nil
	}
	topic := strings.TrimSpace(t.text)
	if strings.HasPrefix(topic, "/") && !t.quoted {
		// Most likely "/brief" typed twice or a stray slash command.
		return target{}, bad("a topic cannot start with / (got %s)", echo(topic))
	}
	return target{topic: topic}, nil
}

// topicOnly reads a target where only a topic makes sense.
func topicOnly(t token) (string, *UsageError) {
	tg, e := parseTarget(t, false)
	if e != nil {
		return "", e
	}
	if tg.source != "" {
		return "", bad("this works on a topic, not a source (got %s)", echo(t.text))
	}
	return tg.topic, nil
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

func parseSubscribe(args []token) (Command, *UsageError) {
	if len(args) == 0 {
		return Command{}, bad("needs a topic or source:NAME")
	}
	tg, e := parseTarget(args[0], false)
	if e != nil {
		return Command{}, e
	}
	cmd := Command{Topic: tg.topic, Source: tg.source}
	sched := args[1:]
	for i, a := range sched {
		if a.quoted || !strings.EqualFold(a.text, "backfill") {
			continue
		}
		switch {
		case i == len(sched)-1:
			return Command{}, bad("backfill needs a number from 1 to %d", maxN)
		case i < len(sched)-2:
			return Command{}, bad("backfill N must come last, after the schedule (unexpected %s)", echo(sched[i+2].text))
		}
		n, e := count(sched[i+1], "backfill N")
		if e != nil {
			return Command{}, e
		}
		cmd.N = n
		sched = sched[:i]
		break
	}
	if len(sched) > 0 {
		cmd.Words = words(sched)
	}
	return cmd, nil
}

// parseTargetOnly parses unsubscribe (allowAll) and resume.
func parseTargetOnly(args []token, allowAll bool) (Command, *UsageError) {
	if len(args) == 0 {
		if allowAll {
			return Command{}, bad("needs a topic, source:NAME or all")
		}
		return Command{}, bad("needs a topic or source:NAME")
	}
	if e := noMoreName(args, 1); e != nil {
		return Command{}, e
	}
	tg, e := parseTarget(args[0], allowAll)
	if e != nil {
		return Command{}, e
	}
	return Command{Topic: tg.topic, Source: tg.source, All: tg.all}, nil
}

func parseFilter(args []token) (Command, *UsageError) {
	if len(args) == 0 {
		return Command{}, bad("needs a topic or source:NAME, then include, exclude or clear")
	}
	if a := strings.ToLower(args[0].text); !args[0].quoted && (a == "include" || a == "exclude" || a == "clear") {
		return Command{}, bad("needs a topic before %s", echo(args[0].text))
	}
	tg, e := parseTarget(args[0], false)
	if e != nil {
		return Command{}, e
	}
	if len(args) == 1 {
		return Command{}, bad("needs include, exclude or clear after the topic")
	}
	cmd := Command{Topic: tg.topic, Source: tg.source}
	switch sub := strings.ToLower(args[1].text); sub {
	case "clear":
		if len(args) > 2 {
			return Command{}, bad("clear takes nothing after it (got %s)", echo(args[2].text))
		}
		cmd.Sub = sub
		return cmd, nil
	case "include", "exclude":
		if len(args) == 2 {
			return Command{}, bad(`%s needs at least one word, "phrase", prefix* or /regex/`, sub)
		}
		cmd.Sub = sub
		for _, a := range args[2:] {
			t, e := parseTerm(a.text)
			if e != nil {
				return Command{}, e
			}
			cmd.Terms = append(cmd.Terms, t)
		}
		return cmd, nil
	default:
		e := bad("unknown action %s (expected include, exclude or clear)", echo(args[1].text))
		e.Suggestion = suggest(args[1].text, []string{"include", "exclude", "clear"})
		return Command{}, e
	}
}

// watchName checks a watch name. Reserved words are refused only when a
// watch is created (checkReserved), so that a watch made before a word
// became reserved can still be removed.
func watchName(s string, checkReserved bool) *UsageError {
	if n := utf8.RuneCountInString(s); n > maxNameChars {
		return bad("a watch name is at most %d characters (got %d)", maxNameChars, n)
	}
	if !allRunes(s, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_'
	}) {
		return bad("a watch name may use only letters, digits, - and _ (got %s)", echo(s))
	}
	if checkReserved && reserved(strings.ToLower(s)) {
		return bad("%s is a reserved word; pick another watch name", echo(s))
	}
	return nil
}

func parseWatch(args []token) (Command, *UsageError) {
	if len(args) == 0 {
		return Command{}, bad("needs a name, then the words to watch for")
	}
	if e := watchName(args[0].text, true); e != nil {
		return Command{}, e
	}
	if len(args) == 1 {
		return Command{}, bad("needs at least one word to watch for after the name")
	}
	return Command{Name2: args[0].text, Words: words(args[1:])}, nil
}

func parseUnwatch(args []token) (Command, *UsageError) {
	if len(args) == 0 {
		return Command{}, bad("needs the name of a watch")
	}
	if e := noMore(args, 1); e != nil {
		return Command{}, e
	}
	if e := watchName(args[0].text, false); e != nil {
		return Command{}, e
	}
	return Command{Name2: args[0].text}, nil
}

func parseDigest(args []token) (Command, *UsageError) {
	if len(args) == 0 {
		return Command{}, nil
	}
	if e := noMoreName(args, 1); e != nil {
		return Command{}, e
	}
	t, e := topicOnly(args[0])
	return Command{Topic: t}, e
}

func allRunes(s string, ok func(rune) bool) bool {
	for _, r := range s {
		if !ok(r) {
			return false
		}
	}
	return true
}

func isASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}
