package opml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// readCase is shared with FuzzRead, which uses the inputs as seeds.
type readCase struct {
	name     string
	in       string
	want     []Outline
	problems []Problem
	errHas   []string // non-empty: Read must fail with all of these in the message
}

var readCases = []readCase{
	{
		name: "nested folders and category",
		in: `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>subs</title></head>
  <body>
    <outline text="News">
      <outline text="Local" title="Local news">
        <outline type="rss" text="Daily" xmlUrl="https://daily.example/rss" htmlUrl="https://daily.example/" category="/politics/border,News"/>
      </outline>
      <outline type="rss" text="Wire" xmlUrl="http://wire.example/feed"/>
    </outline>
    <outline type="rss" text="Top" xmlUrl="https://top.example/atom"/>
  </body>
</opml>`,
		want: []Outline{
			{Name: "Daily", URL: "https://daily.example/rss", SiteURL: "https://daily.example/",
				Tags: []string{"politics", "border", "News", "Local news"}},
			{Name: "Wire", URL: "http://wire.example/feed", Tags: []string{"News"}},
			{Name: "Top", URL: "https://top.example/atom"},
		},
	},
	{
		name: "category attribute trimmed, split and deduplicated",
		in: `<opml version="2.0"><body>
<outline text="A" xmlUrl="https://a.example/" category=" /news/border , tech,,/news/ ,  Tech  stuff "/>
</body></opml>`,
		want: []Outline{{Name: "A", URL: "https://a.example/", Tags: []string{"news", "border", "tech", "Tech stuff"}}},
	},
	{
		name: "folder names with separators become several tags",
		in: `<opml version="2.0"><body>
<outline text="AC/DC, Misc"><outline text="A" xmlUrl="https://a.example/"/></outline>
</body></opml>`,
		want: []Outline{{Name: "A", URL: "https://a.example/", Tags: []string{"AC", "DC", "Misc"}}},
	},
	{
		name: "missing title falls back to text, then URL",
		in: `<opml version="1.0"><head/><body>
<outline text="Only text" xmlUrl="https://a.example/"/>
<outline title="  " text="" xmlUrl="https://b.example/"/>
<outline title="Title wins" text="ignored" xmlUrl="https://c.example/"/>
</body></opml>`,
		want: []Outline{
			{Name: "Only text", URL: "https://a.example/"},
			{Name: "https://b.example/", URL: "https://b.example/"},
			{Name: "Title wins", URL: "https://c.example/"},
		},
	},
	{
		name: "attribute names are case-insensitive",
		in: `<opml version="2.0"><body>
<outline TEXT="One" xmlurl="https://one.example/" HTMLURL="https://one.example/home" Category="x"/>
<outline Title="Two" XMLURL="https://two.example/"/>
</body></opml>`,
		want: []Outline{
			{Name: "One", URL: "https://one.example/", SiteURL: "https://one.example/home", Tags: []string{"x"}},
			{Name: "Two", URL: "https://two.example/"},
		},
	},
	{
		name: "duplicate URL keeps the first",
		in: `<opml version="2.0"><body>
<outline text="First" xmlUrl="https://dup.example/rss"/>
<outline text="Other" xmlUrl="https://other.example/rss"/>
<outline text="Second" xmlUrl=" https://dup.example/rss "/>
</body></opml>`,
		want: []Outline{
			{Name: "First", URL: "https://dup.example/rss"},
			{Name: "Other", URL: "https://other.example/rss"},
		},
		problems: []Problem{{Line: 4, Reason: `duplicate feed "https://dup.example/rss" (first on line 2)`}},
	},
	{
		name: "empty, relative and non-http URLs are skipped",
		in: `<opml version="2.0"><body>
<outline text="Relative" xmlUrl="/feed.xml"/>
<outline text="FTP" xmlUrl="ftp://files.example/feed.xml"/>
<outline text="Empty" xmlUrl=""/>
<outline text="Script" xmlUrl="javascript:alert(1)"/>
<outline text="Good" xmlUrl="HTTPS://good.example/feed" htmlUrl="javascript:alert(1)">
  <outline text="Child" xmlUrl="https://child.example/"/>
</outline>
</body></opml>`,
		want: []Outline{
			// htmlUrl dropped: not a web URL. Child: a feed is not a folder.
			{Name: "Good", URL: "HTTPS://good.example/feed"},
			{Name: "Child", URL: "https://child.example/"},
		},
		problems: []Problem{
			{Line: 2, Reason: `feed "Relative": xmlUrl "/feed.xml" is not an absolute http(s) URL`},
			{Line: 3, Reason: `feed "FTP": xmlUrl "ftp://files.example/feed.xml" is not an absolute http(s) URL`},
			{Line: 4, Reason: `feed "Empty" has an empty xmlUrl`},
			{Line: 5, Reason: `feed "Script": xmlUrl "javascript:alert(1)" is not an absolute http(s) URL`},
		},
	},
	{
		name: "XML and HTML entities in names",
		in: `<opml version="2.0"><body>
<outline text="Q&amp;A" title="Tom &amp; Jerry&nbsp;&eacute;&#169; &quot;&lt;b&gt;&quot; &apos;x&apos;" xmlUrl="https://t.example/?a=1&amp;b=2"/>
</body></opml>`,
		want: []Outline{{Name: `Tom & Jerry é© "<b>" 'x'`, URL: "https://t.example/?a=1&b=2"}},
	},
	{
		name: "Cyrillic names and folders",
		in: `<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0"><body>
<outline text="Новости"><outline text="Медуза" xmlUrl="https://meduza.example/rss" category="политика"/></outline>
</body></opml>`,
		want: []Outline{{Name: "Медуза", URL: "https://meduza.example/rss", Tags: []string{"политика", "Новости"}}},
	},
	{
		name: "UTF-8 byte order mark",
		in:   "\uFEFF" + `<?xml version="1.0"?><opml version="2.0"><body><outline text="B" xmlUrl="https://b.example/"/></body></opml>`,
		want: []Outline{{Name: "B", URL: "https://b.example/"}},
	},
	{
		name: "ASCII declaration is accepted",
		in:   `<?xml version="1.0" encoding="US-ASCII"?><opml version="2.0"><body><outline text="B" xmlUrl="https://b.example/"/></body></opml>`,
		want: []Outline{{Name: "B", URL: "https://b.example/"}},
	},
	{
		name: "empty body",
		in:   `<?xml version="1.0"?><opml version="2.0"><head><title>none</title></head><body/></opml>`,
	},
	{
		name: "content after the root is ignored",
		in:   `<opml version="2.0"><body/></opml><outline text="B" xmlUrl="https://b.example/"/>`,
	},
	{
		name: "malformed XML reports the line",
		in: `<opml version="2.0">
<body>
<outline text="A" xmlUrl="https://a.example/">
</body>
</opml>`,
		errHas: []string{"opml:", "line 4"},
	},
	{
		name:   "truncated document",
		in:     "<opml version=\"2.0\">\n<body>\n<outline text=\"A\"",
		errHas: []string{"opml:", "line 3", "unexpected EOF"},
	},
	{
		name:   "unknown entity",
		in:     "<opml>\n<body><outline text=\"&bogus;\" xmlUrl=\"https://a.example/\"/></body></opml>",
		errHas: []string{"line 2", "&bogus;"},
	},
	{
		name:   "other charset is refused",
		in:     `<?xml version="1.0" encoding="windows-1251"?><opml version="2.0"><body/></opml>`,
		errHas: []string{"line 1", `unsupported charset "windows-1251"`, "UTF-8"},
	},
	{
		name:   "not OPML",
		in:     "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>",
		errHas: []string{"line 2", "<rss>"},
	},
	{
		name:   "empty input",
		in:     "",
		errHas: []string{"empty document"},
	},
	{
		name:   "only whitespace and a comment",
		in:     "  \n<!-- nothing -->\n",
		errHas: []string{"empty document"},
	},
}

func TestRead(t *testing.T) {
	for _, tc := range readCases {
		t.Run(tc.name, func(t *testing.T) {
			got, problems, err := Read(strings.NewReader(tc.in))
			if len(tc.errHas) > 0 {
				if err == nil {
					t.Fatalf("Read succeeded with %v, want error containing %q", got, tc.errHas)
				}
				for _, s := range tc.errHas {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not contain %q", err, s)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if !sameOutlines(got, tc.want) {
				t.Errorf("outlines:\n got %#v\nwant %#v", got, tc.want)
			}
			if len(problems) != 0 || len(tc.problems) != 0 {
				if !reflect.DeepEqual(problems, tc.problems) {
					t.Errorf("problems:\n got %v\nwant %v", problems, tc.problems)
				}
			}
		})
	}
}

func TestReadSyntaxErrorIsUnwrappable(t *testing.T) {
	_, _, err := Read(strings.NewReader("<opml>\n\n<body></opml>"))
	var syn *xml.SyntaxError
	if !errors.As(err, &syn) || syn.Line != 3 {
		t.Fatalf("err = %v, want *xml.SyntaxError on line 3", err)
	}
}

func TestReadSizeLimit(t *testing.T) {
	if maxSize != MaxSize {
		t.Fatalf("maxSize = %d, want MaxSize", maxSize)
	}
	// A small limit keeps the test fast; capReader does not care.
	defer func(old int64) { maxSize = old }(maxSize)
	maxSize = 200

	doc := func(size int) string {
		const head = `<opml version="2.0"><body><outline text="A" xmlUrl="https://a.example/"/></body><!--`
		const tail = `--></opml>`
		return head + strings.Repeat("x", size-len(head)-len(tail)) + tail
	}
	got, _, err := Read(strings.NewReader(doc(200)))
	if err != nil || len(got) != 1 {
		t.Fatalf("document of exactly the limit: got %v, %v; want 1 outline", got, err)
	}
	_, _, err = Read(strings.NewReader(doc(201)))
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "line 1") {
		t.Fatalf("document one byte over the limit: err = %v, want ErrTooLarge with a line", err)
	}
}

func TestProblemString(t *testing.T) {
	if got := (Problem{Line: 7, Reason: "bad"}).String(); got != "line 7: bad" {
		t.Errorf("String() = %q", got)
	}
}

var created = time.Date(2024, 3, 5, 14, 30, 0, 0, time.FixedZone("", 2*3600))

func TestWriteFormat(t *testing.T) {
	var b bytes.Buffer
	err := Write(&b, `Ann's "feeds" & more`, created, []Outline{
		{Name: "A<B>", URL: "https://a.example/?x=1&y=2", SiteURL: "https://a.example/", Tags: []string{"news", "дом"}},
		{Name: "Plain", URL: "http://p.example/rss"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>Ann&#39;s &#34;feeds&#34; &amp; more</title>
    <dateCreated>Tue, 05 Mar 2024 14:30:00 +0200</dateCreated>
  </head>
  <body>
    <outline type="rss" text="A&lt;B&gt;" title="A&lt;B&gt;" xmlUrl="https://a.example/?x=1&amp;y=2" htmlUrl="https://a.example/" category="news,дом"/>
    <outline type="rss" text="Plain" title="Plain" xmlUrl="http://p.example/rss"/>
  </body>
</opml>
`
	if b.String() != want {
		t.Errorf("Write output:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestWriteZeroTimeOmitsDate(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "t", time.Time{}, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "dateCreated") {
		t.Errorf("zero time written:\n%s", b.String())
	}
	got, problems, err := Read(&b)
	if err != nil || len(got) != 0 || len(problems) != 0 {
		t.Errorf("Read(empty Write) = %v, %v, %v", got, problems, err)
	}
}

func TestWriteRefusesLossyInput(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      []Outline
		wantErr string
	}{
		{"comma in tag", []Outline{{Name: "A", URL: "https://a.example/", Tags: []string{"ok", "rock, pop"}}}, `"rock, pop"`},
		{"slash in tag", []Outline{{Name: "A", URL: "https://a.example/", Tags: []string{"AC/DC"}}}, `"AC/DC"`},
		{"relative URL", []Outline{{Name: "A", URL: "/rss"}}, `"/rss"`},
		{"empty URL", []Outline{{Name: "A"}}, `URL ""`},
		{"bad site URL", []Outline{{Name: "A", URL: "https://a.example/", SiteURL: "javascript:x"}}, `"javascript:x"`},
		{"duplicate URL", []Outline{{Name: "A", URL: "https://a.example/"}, {Name: "B", URL: "https://a.example/"}}, `duplicate URL`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			err := Write(&b, "t", created, tc.in)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want one containing %s", err, tc.wantErr)
			}
			if b.Len() != 0 {
				t.Errorf("Write wrote %d bytes despite the error", b.Len())
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	in := []Outline{
		{Name: `Tom & Jerry's "<b>bold</b>" feed`, URL: "https://t.example/rss?a=1&b=2", SiteURL: "https://t.example/", Tags: []string{"cartoons", "a&b", `"quoted"`}},
		{Name: "Новости дня", URL: "https://новости.example/rss", SiteURL: "http://новости.example/", Tags: []string{"мир", "политика"}},
		{Name: "Emoji 📰 and CJK 新聞", URL: "http://e.example/feed.xml"},
		{Name: "https://bare.example/atom", URL: "https://bare.example/atom", Tags: []string{"x"}},
		{Name: "Tabs→spaces", URL: "https://tab.example/", Tags: []string{"one two", "ÄÖÜ"}},
	}
	var b bytes.Buffer
	if err := Write(&b, "round trip", created, in); err != nil {
		t.Fatal(err)
	}
	got, problems, err := Read(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatalf("Read: %v\n%s", err, b.String())
	}
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems)
	}
	if !sameOutlines(got, in) {
		t.Errorf("round trip:\n got %#v\nwant %#v\ndocument:\n%s", got, in, b.String())
	}
}

// sameOutlines compares outline lists treating nil and empty slices alike,
// which Read does not promise to distinguish.
func sameOutlines(a, b []Outline) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Name != y.Name || x.URL != y.URL || x.SiteURL != y.SiteURL || len(x.Tags) != len(y.Tags) {
			return false
		}
		for j := range x.Tags {
			if x.Tags[j] != y.Tags[j] {
				return false
			}
		}
	}
	return true
}
