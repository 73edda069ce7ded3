package digest

import (
	"strings"
	"testing"
)

// Explain names every disagreement a corpus editor has to look at: topics
// missed and extra, labelled stories split across predicted ones (with
// each part's titles) and predicted stories merging labelled ones, in a
// stable order.
func TestExplainListsEveryDisagreement(t *testing.T) {
	str := func(s string) *string { return &s }
	labels := []Label{
		{CanonicalLink: "https://a.test/1", Title: "NATO warns", Topics: []string{"alliance-statements"}, Story: str("g1")},
		{CanonicalLink: "https://a.test/2", Title: "НАТО предупредило", Topics: []string{"alliance-statements"}, Story: str("g1")},
		{CanonicalLink: "https://a.test/3", Title: "Shelling in Sudzha", Topics: []string{"border-developments"}, Story: str("g2")},
		{CanonicalLink: "https://a.test/4", Title: "Drone over Shebekino", Topics: []string{"border-developments"}, Story: str("g3")},
		{CanonicalLink: "https://a.test/5", Title: "Football in Kharkiv"},
	}
	item := func(n string) StoryItem { return StoryItem{URL: "https://a.test/" + n} }
	d := Digest{Topics: []TopicDigest{
		{Name: "alliance-statements", Stories: []Story{
			{ID: "p1", Items: []StoryItem{item("1")}},
			{ID: "p2", Items: []StoryItem{item("2")}},
		}},
		{Name: "border-developments", Stories: []Story{
			{ID: "p3", Items: []StoryItem{item("3"), item("4"), item("5")}},
		}},
	}}
	names := []string{"alliance-statements", "border-developments"}
	var got []string
	for range 5 { // map order must not show
		var b strings.Builder
		for _, m := range Explain(d, labels, names) {
			b.WriteString(m.Kind + " " + m.Topic + " " + m.Story + m.Title + "\n")
		}
		got = append(got, b.String())
	}
	want := `topic-extra border-developments Football in Kharkiv
story-split  g1
    p1: NATO warns
    p2: НАТО предупредило
story-merged  g2+g3 in p3
    g2: Shelling in Sudzha
    g3: Drone over Shebekino
`
	for _, g := range got {
		if g != want {
			t.Fatalf("Explain printed\n%s\nwant\n%s", g, want)
		}
	}
}
