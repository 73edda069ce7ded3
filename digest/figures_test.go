package digest

import (
	"slices"
	"testing"
)

func TestFiguresReadAlikeInEveryLanguage(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"G7 leaders launch $2.5 billion demining compact", []string{"#2.5e+09"}},
		{"«Большая семёрка» выделит Украине $2,5 млрд на разминирование", []string{"#2.5e+09"}},
		{"G7 створює фонд на 2,5 мільярда доларів", []string{"#2.5e+09"}},
		{"EU pays €1.4bn; 18 billion euro loan", []string{"#1.4e+09", "#1.8e+10"}},
		{"кредит Україні на 18 млрд євро", []string{"#1.8e+10"}},
		{"a 4,000-strong task group; 4 000 военных", []string{"#4000"}},
		{"spending up 12% — на 12 процентов, 3.5 per cent", []string{"#12%", "#3.5%"}},
		{"1,2 млн человек; 300 тыс. гривен", []string{"#1.2e+06", "#300000"}},
		// Small counts, days, years, codes and words are not figures.
		{"41 drones on 5 June 2027, by 2029, Su-34, A400M, 30 days", nil},
		{"bnp 12bnx", nil},
		{"in 2027 300 drones, 1 200 шахедів", []string{"#300", "#1200"}},
	}
	for _, tt := range tests {
		if got := figuresOf(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("figuresOf(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
