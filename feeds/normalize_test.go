package feeds

import (
	"strings"
	"testing"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ link, base, want string }{
		{"http://Example.ORG/a/b?id=3&utm_source=x&utm_medium=y#frag", "", "https://example.org/a/b?id=3"},
		{"/news/123", "http://site.example/", "https://site.example/news/123"},
		{"news/1?b=2&a=1", "https://site.example/sec/", "https://site.example/sec/news/1?b=2&a=1"},
		{"https://x.example/p?fbclid=abc&gclid=d&q=1", "", "https://x.example/p?q=1"},
		{"https://x.example/p?UTM_Source=a", "", "https://x.example/p"},
		{"https://x.example/p?z=1&utm_campaign=c&a=%20b", "", "https://x.example/p?z=1&a=%20b"},
		{"https://x.example/путь", "", "https://x.example/%D0%BF%D1%83%D1%82%D1%8C"},
		{"mailto:a@b", "", ""},
		{"", "https://x.example/", ""},
		{"relative/only", "", ""},
		{"  https://x.example/t  ", "", "https://x.example/t"},
		// white space left at the end of a query once the fragment or a
		// tracking parameter is gone is escaped, so the link reads the same twice
		{"https://x.example/?a #f", "", "https://x.example/?a%20"},
		{"https://x.example/?q=a b&utm_source=x", "", "https://x.example/?q=a%20b"},
		{"https://x.example/?q=\u00a0\xff", "", "https://x.example/?q=%C2%A0\xff"},
	}
	for _, tt := range tests {
		if got := CanonicalURL(tt.link, tt.base); got != tt.want {
			t.Errorf("CanonicalURL(%q, %q) = %q, want %q", tt.link, tt.base, got, tt.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>Hello&nbsp;<b>world</b> &amp; co</p><p>Next</p>", "Hello world & co Next"},
		{"a<script>alert(1)</script>b<style>p{}</style>c", "abc"},
		{"plain  text\n\n with   spaces", "plain text with spaces"},
		{"&lt;b&gt;escaped&lt;/b&gt;", "<b>escaped</b>"},
		{"line<br>break", "line break"},
		{"bad \xff\xfe utf8", "bad utf8"},
		{"Шебекино &mdash; обстрел", "Шебекино — обстрел"},
	}
	for _, tt := range tests {
		if got := PlainText(tt.in); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	s := strings.Repeat("word ", 200)
	got := Truncate(s, 500)
	if n := len([]rune(got)); n > 500 || !strings.HasSuffix(got, "…") {
		t.Errorf("Truncate gave %d runes: %q", n, got[len(got)-20:])
	}
	if Truncate("short", 500) != "short" {
		t.Error("short strings must be unchanged")
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct{ text, decl, want string }{
		{"NATO Secretary General warned allies", "", "en"},
		{"Обстрел Шебекино: ранены двое мирных жителей", "", "ru"},
		{"Обстріл Сумщини: поранені двоє цивільних", "", "uk"},
		{"Белгород", "ru-RU", "ru"},
		{"Суми", "uk", "uk"},
		{"Die NATO hat erklärt", "de", "de"},
		{"NATO statement", "ru", "en"},
	}
	for _, tt := range tests {
		if got := DetectLanguage(tt.text, tt.decl); got != tt.want {
			t.Errorf("DetectLanguage(%q, %q) = %q, want %q", tt.text, tt.decl, got, tt.want)
		}
	}
}

func FuzzCanonicalURL(f *testing.F) {
	f.Add("http://Example.ORG/a?utm_source=x&id=1#f", "https://b.example/")
	f.Add("/rel", "http://x/")
	f.Add("%zz", "")
	f.Fuzz(func(t *testing.T, link, base string) {
		got := CanonicalURL(link, base)
		if got == "" {
			return
		}
		if !strings.HasPrefix(got, "https://") {
			t.Fatalf("canonical %q does not start with https://", got)
		}
		if strings.Contains(got, "#") {
			t.Fatalf("canonical %q keeps a fragment", got)
		}
		if again := CanonicalURL(got, ""); again != got {
			t.Fatalf("not idempotent: %q -> %q", got, again)
		}
	})
}

func FuzzPlainText(f *testing.F) {
	f.Add("<p>Hello &amp; <script>x</script></p>")
	f.Add("\xff<b")
	f.Fuzz(func(t *testing.T, s string) {
		got := PlainText(s)
		if strings.Contains(got, "  ") || strings.TrimSpace(got) != got {
			t.Fatalf("whitespace not collapsed: %q", got)
		}
		for _, r := range got {
			if r == '\uFFFD' && !strings.ContainsRune(s, '\uFFFD') && !strings.Contains(s, "&") {
				t.Fatalf("replacement char from nowhere in %q", got)
			}
		}
	})
}
