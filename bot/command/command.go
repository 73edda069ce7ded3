// Package command turns one chat line into a typed briefbot command.
//
// The same words work in Slack ("/brief latest"), Matrix ("!brief latest")
// and the terminal REPL ("latest"), so parsing lives here, apart from any
// transport, store or scheduler: handlers elsewhere receive a Command that
// is already checked and never have to look at raw text. Every problem with
// a line comes back as a *UsageError whose one-line message is fit to show
// to the person who typed it.
package command

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits. They are part of the user-facing contract, so the messages that
// enforce them quote the numbers.
const (
	maxLineChars  = 2000 // longer lines are refused before any parsing
	maxN          = 50   // latest N and subscribe backfill N are 1..maxN
	defaultLatest = 5
	maxRegexChars = 200 // keeps user regexes cheap to compile and to show
	maxNameChars  = 40  // watch names
	maxIDChars    = 64  // story ids
	maxEcho       = 60  // user text quoted back in an error is cut to this
)

// Command is one parsed command. Only the fields that the command uses are
// set (see the comments on each field), so a handler can switch on Name and
// read its arguments without parsing anything again. Name is canonical:
// "search" for "ask".
type Command struct {
	Name   string
	Topic  string   // latest, subscribe/unsubscribe/resume (when a topic), filter, digest
	Source string   // subscribe/unsubscribe/resume target source:NAME -> NAME; sources remove NAME
	All    bool     // unsubscribe all
	N      int      // latest N, subscribe backfill N (0 when absent)
	Words  []string // search words, watch words, schedule words (subscribe)
	ID     string   // story id
	Name2  string   // watch/unwatch name; help's command
	URL    string   // sources add
	Sub    string   // "add"/"remove" for sources; "include"/"exclude"/"clear" for filter
	Terms  []Term   // filter include/exclude
}

// UsageError is what every rejected line produces, so that a transport can
// reply with Error() as is and never leak a Go error or stack trace to a
// user. The fields stay separate so a richer client (Slack blocks, say) can
// lay them out itself.
//
// Command is the canonical name of the command whose arguments were wrong,
// or "" when the command itself was not recognised (or could not be found
// on the line). Msg says what was wrong, quoting the user's text. Usage is
// that command's one-line usage ("" for an unknown command). Suggestion is
// a likely intended word (a command name, a sub-command, or a corrected
// URL), or "".
type UsageError struct {
	Command    string
	Msg        string
	Usage      string
	Suggestion string
}

// Error renders one line so chat replies stay short: what was wrong, a
// "did you mean", then either the command's usage or a pointer to help.
func (e *UsageError) Error() string {
	var b strings.Builder
	if e.Command != "" {
		b.WriteString(e.Command)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Suggestion != "" {
		fmt.Fprintf(&b, " (did you mean %q?)", e.Suggestion)
	}
	b.WriteString(".")
	if e.Usage != "" {
		b.WriteString(" Usage: ")
		b.WriteString(e.Usage)
	} else {
		b.WriteString(" Try: help")
	}
	return b.String()
}

// Parse parses one line as typed by a user in any front end. It accepts an
// optional "/brief" or "!brief" prefix so the transports need not strip it
// consistently, and treats an empty line as a request for help. Every error
// it returns is a *UsageError.
func Parse(line string) (Command, error) {
	if !utf8.ValidString(line) {
		return Command{}, &UsageError{Msg: "the line is not valid UTF-8 text"}
	}
	body := stripPrefix(line)
	if len(line) > maxLineChars { // bytes >= runes, so this skips counting short lines
		if n := utf8.RuneCountInString(line); n > maxLineChars {
			return Command{}, lineError(body, fmt.Sprintf("the line is too long (%d characters; the limit is %d)", n, maxLineChars))
		}
	}
	toks, err := tokenize(body)
	if err != nil {
		return Command{}, lineError(body, err.Error())
	}
	if len(toks) == 0 {
		return Command{Name: "help"}, nil
	}
	spec, ok := lookup(toks[0].text)
	if !ok {
		word := toks[0].text
		return Command{}, &UsageError{
			Msg:        fmt.Sprintf("unknown command %s", echo(word)),
			Suggestion: suggestCommand(word),
		}
	}
	cmd, uerr := parseArgs(spec.name, toks[1:])
	if uerr != nil {
		uerr.Command = spec.name
		uerr.Usage = spec.usage
		return Command{}, uerr
	}
	cmd.Name = spec.name
	return cmd, nil
}

// stripPrefix removes surrounding space and an optional "/brief" or
// "!brief" (any case) that stands as its own word.
func stripPrefix(line string) string {
	s := strings.TrimSpace(line)
	const p = len("/brief")
	if len(s) < p || (s[0] != '/' && s[0] != '!') || !strings.EqualFold(s[1:p], "brief") {
		return s
	}
	if len(s) == p {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(s[p:])
	if !unicode.IsSpace(r) {
		return s // "/briefing" is not the prefix
	}
	return strings.TrimSpace(s[p:])
}

// lineError reports a problem with the whole line (length, quoting). When
// the first word is a known command, the error carries its usage, since
// that is most likely what the user needs next.
func lineError(body, msg string) *UsageError {
	e := &UsageError{Msg: msg}
	first := body
	if i := strings.IndexFunc(body, unicode.IsSpace); i >= 0 {
		first = body[:i]
	}
	first = strings.TrimFunc(first, isQuote)
	if spec, ok := lookup(first); ok {
		e.Command = spec.name
		e.Usage = spec.usage
	}
	return e
}

// bad builds the argument error that Parse completes with the command's
// name and usage.
func bad(format string, args ...any) *UsageError {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// echo quotes user text for an error message: %q keeps the message on one
// line whatever was typed, and long input is cut so replies stay short.
func echo(s string) string {
	return fmt.Sprintf("%q", shorten(s))
}

// shorten cuts s to maxEcho characters for quoting it back.
func shorten(s string) string {
	if utf8.RuneCountInString(s) > maxEcho {
		s = string([]rune(s)[:maxEcho]) + "…"
	}
	return s
}
