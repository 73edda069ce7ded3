package command

import (
	"strings"
	"unicode"
)

// token is one argument after quote removal. quoted records that some of
// it was in quotes, which turns keywords ("all", "backfill") and numbers
// back into plain text: `unsubscribe "all"` names a topic called all.
type token struct {
	text   string
	quoted bool
}

// Quote characters. Chat clients (and phone keyboards) replace straight
// quotes with typographic ones, so both count, and an opening quote may be
// closed by any quote of the same kind.
func isDouble(r rune) bool { return r == '"' || r == '“' || r == '”' }
func isSingle(r rune) bool { return r == '\'' || r == '‘' || r == '’' }
func isQuote(r rune) bool  { return isDouble(r) || isSingle(r) }

// lexError is a tokenizer error; being a string type, its values can be
// constants.
type lexError string

func (e lexError) Error() string { return string(e) }

const (
	errUnterminatedDouble lexError = `unterminated quote (a " has no closing ")`
	errUnterminatedSingle lexError = `unterminated quote (a ' has no closing ')`
)

// tokenize splits a line into words on any Unicode space, honouring
// quotes:
//
//   - A double quote (" “ ”) opens anywhere, also inside a word, and runs to
//     the next double quote: source:"Kyiv Independent" is one word.
//   - A single quote (' ‘ ’) opens only at the start of a word or right after
//     a ':', and closes only at a single quote that ends the word. Anywhere
//     else it is an apostrophe and kept: Kyiv’s, м'ясо, don't.
//
// Words that are empty or all space after quote removal are dropped.
func tokenize(s string) ([]token, error) {
	var (
		toks   []token
		b      strings.Builder
		inTok  bool
		quoted bool
	)
	emit := func() {
		if t := b.String(); strings.TrimSpace(t) != "" {
			toks = append(toks, token{text: t, quoted: quoted})
		}
		b.Reset()
		inTok, quoted = false, false
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			if inTok {
				emit()
			}
		case isDouble(r):
			end := -1
			for k := i + 1; k < len(rs); k++ {
				if isDouble(rs[k]) {
					end = k
					break
				}
			}
			if end < 0 {
				return nil, errUnterminatedDouble
			}
			b.WriteString(string(rs[i+1 : end]))
			inTok, quoted = true, true
			i = end
		case isSingle(r) && (!inTok || strings.HasSuffix(b.String(), ":")):
			end := -1
			for k := i + 1; k < len(rs); k++ {
				if isSingle(rs[k]) && (k+1 == len(rs) || unicode.IsSpace(rs[k+1])) {
					end = k
					break
				}
			}
			if end < 0 {
				return nil, errUnterminatedSingle
			}
			b.WriteString(string(rs[i+1 : end]))
			inTok, quoted = true, true
			i = end
		default:
			b.WriteRune(r)
			inTok = true
		}
	}
	if inTok {
		emit()
	}
	return toks, nil
}
