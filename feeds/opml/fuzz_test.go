package opml

import (
	"bytes"
	"testing"
)

// FuzzRead checks that Read never panics and that its output is always
// something Write accepts and Read reproduces exactly: the property that
// lets users export what they imported without losing or mangling feeds.
func FuzzRead(f *testing.F) {
	for _, tc := range readCases {
		f.Add([]byte(tc.in))
	}
	f.Add([]byte(`<opml><body><outline text="a&#x9;&#xD;&#xA;b" title="&#xFFFD;" xmlUrl="http://x/" category="/a//b/,c&#xA;d"/></body></opml>`))
	f.Add([]byte(`<opml><body><outline xmlUrl="http://x/a  b"/></body></opml>`))
	f.Add([]byte(`<opml><body><outline text="a/b,c"><outline text="a" xmlUrl="http://a/" category="c,b"/></outline></body></opml>`))

	f.Fuzz(func(t *testing.T, data []byte) {
		outlines, _, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := Write(&b, "fuzz", created, outlines); err != nil {
			t.Fatalf("Write of Read output failed: %v\noutlines: %#v", err, outlines)
		}
		again, problems, err := Read(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatalf("re-Read failed: %v\ndocument:\n%s", err, b.String())
		}
		if len(problems) != 0 {
			t.Errorf("re-Read reported problems: %v\ndocument:\n%s", problems, b.String())
		}
		if !sameOutlines(again, outlines) {
			t.Fatalf("round trip changed outlines:\n got %#v\nwant %#v\ndocument:\n%s", again, outlines, b.String())
		}
	})
}
