package feeds

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

const rssDoc = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Test &amp; Wire</title><link>http://wire.example/</link><language>en-gb</language><ttl>90</ttl>
<item><guid isPermaLink="false">a-1</guid><title> NATO <em>pledge</em> </title><link>/news/1?utm_source=rss&amp;id=7#top</link>
<description>&lt;p&gt;Allies &amp;amp; partners agreed.&lt;/p&gt;</description><pubDate>Sat, 28 Nov 2026 10:00:00 +0200</pubDate></item>
<item><title>No date, no guid</title><link>https://wire.example/news/2</link><description>Text</description></item>
<item><description>Only a description with enough words to become a title</description></item>
<item><guid>a-1</guid><title>duplicate guid later in the feed</title></item>
</channel></rss>`

func TestParseRSS(t *testing.T) {
	f, err := Parse([]byte(rssDoc), "application/rss+xml", "https://wire.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Test & Wire" || f.SiteURL != "https://wire.example/" || f.TTL != 90*time.Minute || f.Format != "rss" {
		t.Errorf("feed = %+v", f)
	}
	if len(f.Items) != 4 {
		t.Fatalf("got %d items", len(f.Items))
	}
	it := f.Items[0]
	if it.Key != "guid:a-1" || it.Title != "NATO pledge" || it.Link != "/news/1?utm_source=rss&id=7#top" ||
		it.URL != "https://wire.example/news/1?id=7" || it.Text != "Allies & partners agreed." || it.Lang != "en" {
		t.Errorf("item 0 = %+v", it)
	}
	if want := time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC); !it.Published.Equal(want) {
		t.Errorf("published = %v, want %v", it.Published, want)
	}
	if it := f.Items[1]; it.Key != "link:https://wire.example/news/2" || !it.Published.IsZero() {
		t.Errorf("undated item = %+v", it)
	}
	if it := f.Items[2]; !strings.HasPrefix(it.Key, "hash:") || it.Title == "" {
		t.Errorf("untitled item = %+v", it)
	}
}

func TestParseAtomUsesUpdatedWhenNoPublished(t *testing.T) {
	doc := `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Press</title><link href="https://press.example/"/>
<entry><id>urn:1</id><title type="html">Communiqu&amp;eacute;</title><link rel="alternate" href="/s/1"/>
<updated>2026-11-29T09:00:00Z</updated><content type="html">&lt;p&gt;Ministers agreed.&lt;/p&gt;</content></entry>
</feed>`
	f, err := Parse([]byte(doc), "application/atom+xml", "https://press.example/atom")
	if err != nil {
		t.Fatal(err)
	}
	it := f.Items[0]
	if it.URL != "https://press.example/s/1" || it.Text != "Ministers agreed." || !it.Published.Equal(time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("entry = %+v", it)
	}
	if it.Title != "Communiqué" {
		t.Errorf("title = %q", it.Title)
	}
}

func TestParseJSONFeed(t *testing.T) {
	doc := `{"version":"https://jsonfeed.org/version/1.1","title":"Кордон","home_page_url":"https://kordon.example/",
	"items":[{"id":"k1","url":"https://kordon.example/n/1","title":"Обстріл Сум","content_html":"<p>Вночі ворог обстріляв громаду.</p>","date_published":"2026-11-28T23:00:00+02:00"}]}`
	f, err := Parse([]byte(doc), "application/feed+json", "https://kordon.example/feed.json")
	if err != nil {
		t.Fatal(err)
	}
	it := f.Items[0]
	if it.Key != "guid:k1" || it.Lang != "uk" || it.Text != "Вночі ворог обстріляв громаду." || it.Published.Hour() != 21 {
		t.Errorf("item = %+v", it)
	}
}

func encode1251(t *testing.T, s string) []byte {
	b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseCharsets(t *testing.T) {
	title := "Обстрел Шебекино"
	declared := encode1251(t, `<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Вестник</title>
<item><guid>1</guid><title>`+title+`</title></item></channel></rss>`)
	undeclared := encode1251(t, `<?xml version="1.0"?><rss version="2.0"><channel><title>Вестник</title>
<item><guid>1</guid><title>`+title+`</title></item></channel></rss>`)
	tests := []struct {
		name, contentType string
		body              []byte
	}{
		{"declared, no header charset", "application/xml", declared},
		{"header charset wins", "text/xml; charset=windows-1251", undeclared},
		{"header and declaration agree", "application/rss+xml; charset=cp1251", declared},
		{"header wrongly says utf-8", "text/xml; charset=utf-8", declared},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(tt.body, tt.contentType, "https://v.example/rss")
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Items) != 1 || f.Items[0].Title != title || f.Items[0].Lang != "ru" {
				t.Errorf("items = %+v", f.Items)
			}
		})
	}
}

func TestParseInvalidUTF8AndControls(t *testing.T) {
	doc := "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>x</title>" +
		"<item><guid>1</guid><title>Bad \xff\xfe bytes\x01 here</title><description>ok \xe2\x82</description></item></channel></rss>"
	f, err := Parse([]byte(doc), "application/rss+xml; charset=utf-8", "https://x.example/")
	if err != nil {
		t.Fatal(err)
	}
	if f.Items[0].Title != "Bad bytes here" {
		t.Errorf("title = %q", f.Items[0].Title)
	}
}

func TestParseHTMLPage(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>News</title>
<link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" href="https://other.example/atom">
<link rel="stylesheet" href="/s.css"></head><body><link rel="alternate" type="application/rss+xml" href="/late"></body></html>`
	_, err := Parse([]byte(page), "text/html; charset=utf-8", "https://site.example/news/")
	var nf *NotFeedError
	if !errors.As(err, &nf) {
		t.Fatalf("err = %v, want NotFeedError", err)
	}
	want := []string{"https://site.example/feed.xml", "https://other.example/atom"}
	if strings.Join(nf.Alternates, " ") != strings.Join(want, " ") {
		t.Errorf("alternates = %v, want %v", nf.Alternates, want)
	}
	if !strings.Contains(err.Error(), "https://site.example/feed.xml") {
		t.Errorf("message should name the feed: %v", err)
	}
	_, err = Parse([]byte("<html><body>hi</body></html>"), "text/html", "https://x.example/")
	if !errors.As(err, &nf) || len(nf.Alternates) != 0 {
		t.Errorf("plain page: %v", err)
	}
}

func TestParseFeedServedAsHTML(t *testing.T) {
	if _, err := Parse([]byte(rssDoc), "text/html", "https://wire.example/feed"); err != nil {
		t.Errorf("a feed mislabelled text/html must still parse: %v", err)
	}
}

func TestParseGarbage(t *testing.T) {
	for _, body := range []string{"", "   ", "hello world", "{not json", "<rss><channel><item><title>cut"} {
		if _, err := Parse([]byte(body), "text/plain", "https://x.example/"); err == nil {
			t.Errorf("Parse(%q) succeeded", body)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(rssDoc), "application/rss+xml")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"id":"1"}]}`), "application/json")
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id></entry></feed>`), "")
	f.Add([]byte(`<html><link rel=alternate type=application/rss+xml href=x></html>`), "text/html")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		feed, err := Parse(body, ct, "https://fuzz.example/feed")
		if err != nil {
			return
		}
		keys := map[string]bool{}
		for _, it := range feed.Items {
			if it.Key == "" {
				t.Fatalf("item without key: %+v", it)
			}
			if it.URL != "" && !strings.HasPrefix(it.URL, "https://") {
				t.Fatalf("non-canonical URL %q", it.URL)
			}
			if len([]rune(it.Summary)) > 500 {
				t.Fatalf("summary of %d runes", len([]rune(it.Summary)))
			}
			keys[it.Key] = true
		}
	})
}
