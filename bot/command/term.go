package command

import (
	"errors"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Term is one filter term. It is either plain text or a compiled regular
// expression (exactly one is set), so that filters are checked once, when
// the user types them, and not each time a story is matched.
//
// Text terms match whole words, ignoring case in any script: "kursk"
// matches "Kursk region" and "КУРСК" matches "курск", but "kursk" does not
// match "Kurskaya". A phrase ("border crossing") matches those words in
// that order. Punctuation and spaces only separate words, so "Kyiv's"
// matches "Kyiv’s" and "ukraine-russia" matches "Ukraine–Russia". A trailing
// '*' makes the last word a prefix: "kursk*" matches "Kurskaya".
//
// Regexp terms (typed /re/ or /re/i for case-insensitive) use RE2 syntax and
// match anywhere in the text.
type Term struct {
	Text   string
	Regexp *regexp.Regexp
}

// String renders the term the way a user would type it, so that a filter
// listed back to the user can be pasted into a filter command again.
func (t Term) String() string {
	if t.Regexp != nil {
		pat, fold := strings.CutPrefix(t.Regexp.String(), "(?i)")
		if fold && pat == "" { // typed as /(?i)/: "//i" would not parse
			pat, fold = "(?i)", false
		}
		s := "/" + pat + "/"
		if fold {
			s += "i"
		}
		return quoteIfNeeded(s)
	}
	return quoteIfNeeded(t.Text)
}

// Match reports whether s (a story's title or text) matches the term; see
// Term for the rules. The zero Term matches nothing.
func (t Term) Match(s string) bool {
	if t.Regexp != nil {
		return t.Regexp.MatchString(s)
	}
	text, prefix := strings.CutSuffix(t.Text, "*")
	want := foldedWords(text)
	if len(want) == 0 {
		return false
	}
	have := foldedWords(s)
	last := len(want) - 1
	for i := 0; i+len(want) <= len(have); i++ {
		ok := true
		for j, w := range want {
			h := have[i+j]
			if j == last && prefix {
				ok = strings.HasPrefix(h, w)
			} else {
				ok = h == w
			}
			if !ok {
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// isWordRune says what belongs to a word for matching: letters, digits and
// combining marks (so decomposed accents stay inside their word).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// foldedWords splits s into words and case-folds them, so that comparing
// folded strings is a Unicode case-insensitive comparison.
func foldedWords(s string) []string {
	var out []string
	var b strings.Builder
	for _, r := range s {
		if isWordRune(r) {
			b.WriteRune(foldRune(r))
			continue
		}
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// foldRune maps r to the smallest rune of its simple case-folding orbit,
// so all case variants of a letter (K, k and the Kelvin sign; Σ, σ, ς)
// map to the same rune.
func foldRune(r rune) rune {
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	return m
}

// parseTerm turns one filter argument into a Term: /re/ or /re/i is a
// regular expression, anything else a word or phrase.
func parseTerm(text string) (Term, *UsageError) {
	if strings.HasPrefix(text, "/") {
		return parseRegexTerm(text)
	}
	body, prefix := strings.CutSuffix(text, "*")
	if strings.Contains(body, "*") {
		return Term{}, bad("* may only end a term, as in kursk* (got %s)", echo(text))
	}
	if prefix {
		if r, _ := utf8.DecodeLastRuneInString(body); !isWordRune(r) {
			return Term{}, bad("* must follow a letter or digit, as in kursk* (got %s)", echo(text))
		}
	}
	if len(foldedWords(body)) == 0 {
		return Term{}, bad("a term needs a letter or digit (got %s)", echo(text))
	}
	return Term{Text: text}, nil
}

func parseRegexTerm(text string) (Term, *UsageError) {
	var pat string
	fold := false
	switch {
	case len(text) >= 3 && strings.HasSuffix(text, "/i"):
		pat, fold = text[1:len(text)-2], true
	case len(text) >= 2 && strings.HasSuffix(text, "/"):
		pat = text[1 : len(text)-1]
	default:
		return Term{}, bad("a regex needs a closing /, as in /kursk/ or /kursk/i (got %s)", echo(text))
	}
	if pat == "" {
		return Term{}, bad("empty regex %s", echo(text))
	}
	if n := utf8.RuneCountInString(pat); n > maxRegexChars {
		return Term{}, bad("the regex is too long (%d characters; the limit is %d)", n, maxRegexChars)
	}
	expr := pat
	if fold {
		expr = "(?i)" + pat
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		why := "it does not compile"
		var se *syntax.Error
		if errors.As(err, &se) {
			why = se.Code.String()
		}
		return Term{}, bad("bad regex %s: %s", echo(text), why)
	}
	return Term{Regexp: re}, nil
}

// quoteIfNeeded quotes s when it would not come back from the tokenizer
// as the same single argument unquoted. A text holding both kinds of
// quote may have no exact spelling; it is then double-quoted anyway.
func quoteIfNeeded(s string) string {
	for _, c := range []string{s, `"` + s + `"`, "'" + s + "'"} {
		if toks, err := tokenize(c); err == nil && len(toks) == 1 && toks[0].text == s {
			return c
		}
	}
	return `"` + s + `"`
}
