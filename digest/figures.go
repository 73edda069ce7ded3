package digest

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// figurePrefix marks a figure among Analysis.Terms: "#2.5e+09" is 2.5
// billion, "#18%" eighteen per cent, written alike in every language.
const figurePrefix = "#"

// figuresOf returns the figures of text that tell one report's numbers
// from another's: amounts with a scale (2.5 billion, 2,5 млрд), per cents,
// and plain numbers of 100 or more that are not years. Small counts,
// days and years are too common to tell statements apart. A number has
// its thousands grouped by comma, point or space ("4,000", "4 000") or a
// decimal part ("2.5", "2,5"); the scale or per cent word after it may be
// English, Russian or Ukrainian.
func figuresOf(text string) []string {
	var out []string
	prev := ' '
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r < '0' || r > '9' || unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == '.' || prev == ',' {
			prev = r
			i += n
			continue
		}
		num, end := scanNumber(text, i)
		unit, after := scanUnit(text, end)
		i = after
		prev, _ = utf8.DecodeLastRuneInString(text[:after])
		if next, _ := utf8.DecodeRuneInString(text[after:]); after == end && unicode.IsLetter(next) {
			continue // a code such as 12bnx or A400M's tail
		}
		if f, ok := figure(num, unit); ok && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// scanNumber reads digits from text[i], with single group or decimal
// separators between them, and returns them and where they end.
func scanNumber(text string, i int) (string, int) {
	j := i
	for j < len(text) {
		c := text[j]
		if c >= '0' && c <= '9' {
			j++
			continue
		}
		sep := 0
		switch {
		case c == ',' || c == '.' || c == ' ':
			sep = 1
		case strings.HasPrefix(text[j:], "\u00a0"):
			sep = len("\u00a0")
		case strings.HasPrefix(text[j:], "\u202f"):
			sep = len("\u202f")
		}
		if sep == 0 || j+sep >= len(text) || text[j+sep] < '0' || text[j+sep] > '9' {
			break
		}
		if c == ' ' || sep > 1 {
			// A space groups thousands only: "4 000", not "2027 300".
			k := j + sep
			for k < len(text) && text[k] >= '0' && text[k] <= '9' {
				k++
			}
			if k-(j+sep) != 3 || j-i > 3 {
				break
			}
		}
		j += sep
	}
	return text[i:j], j
}

// units are the scale and per cent words a figure may carry, by prefix
// of the lowercased word; full words must match whole.
var units = []struct {
	word   string
	prefix bool
	scale  float64 // 0 for per cent
}{
	{"%", false, 0}, {"percent", false, 0}, {"per", false, 0}, {"процент", true, 0}, {"відсот", true, 0},
	{"bn", false, 1e9}, {"billion", false, 1e9}, {"млрд", false, 1e9}, {"миллиард", true, 1e9}, {"мільярд", true, 1e9},
	{"mn", false, 1e6}, {"million", false, 1e6}, {"млн", false, 1e6}, {"миллион", true, 1e6}, {"мільйон", true, 1e6},
	{"thousand", false, 1e3}, {"тыс", true, 1e3}, {"тис", true, 1e3},
}

// scanUnit reads the unit word after a number at text[i] (spaces
// skipped): its index into units, or -1, and where it ends.
func scanUnit(text string, i int) (int, int) {
	j := i
	for j < len(text) && text[j] == ' ' {
		j++
	}
	if j < len(text) && text[j] == '%' {
		return 0, j + 1
	}
	k := j
	for k < len(text) {
		r, n := utf8.DecodeRuneInString(text[k:])
		if !unicode.IsLetter(r) {
			break
		}
		k += n
	}
	word := strings.ToLower(text[j:k])
	for u, un := range units {
		if word == un.word || un.prefix && strings.HasPrefix(word, un.word) {
			if un.word == "per" {
				// "per cent"
				rest := strings.TrimLeft(text[k:], " ")
				if !strings.HasPrefix(strings.ToLower(rest), "cent") {
					return -1, i
				}
				return u, len(text) - len(rest) + len("cent")
			}
			return u, k
		}
	}
	return -1, i
}

// figure is the term for a number and its unit (-1 for none), if it is
// distinctive enough to be one.
func figure(num string, unit int) (string, bool) {
	v, ok := parseFigure(num)
	if !ok {
		return "", false
	}
	suffix := ""
	switch {
	case unit < 0:
		grouped := strings.ContainsAny(num, ",. \u00a0\u202f")
		if v < 100 || v != float64(int64(v)) || v >= 1900 && v <= 2100 && !grouped {
			return "", false
		}
	case units[unit].scale == 0:
		suffix = "%"
	default:
		v *= units[unit].scale
	}
	return figurePrefix + strconv.FormatFloat(v, 'g', 6, 64) + suffix, true
}

// parseFigure reads "4,000", "4 000" and "1.400.000" as grouped thousands
// and "2.5" or "2,5" as decimals.
func parseFigure(s string) (float64, bool) {
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '.' || r == ' ' || r == '\u00a0' || r == '\u202f' })
	if len(groups) == 2 && len(groups[1]) != 3 {
		v, err := strconv.ParseFloat(groups[0]+"."+groups[1], 64)
		return v, err == nil
	}
	v, err := strconv.ParseFloat(strings.Join(groups, ""), 64)
	return v, err == nil
}
