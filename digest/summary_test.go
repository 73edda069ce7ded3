package digest

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// checkExtractive fails unless every sentence of the summary is a
// substring of some doc's text after white space normalization.
func checkExtractive(t *testing.T, summary string, docs []Doc) {
	t.Helper()
	if summary == "" {
		t.Fatal("empty summary")
	}
	if n := utf8.RuneCountInString(summary); n > maxSummaryLen {
		t.Errorf("summary is %d characters, want at most %d", n, maxSummaryLen)
	}
	for _, s := range splitSentences(summary) {
		s = strings.TrimSuffix(s, "…")
		found := false
		for _, d := range docs {
			if strings.Contains(normalizeSpace(d.Text), s) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("summary sentence %q is not in any item text", s)
		}
	}
}

func docsOf(tds []tdoc) ([]Doc, []Analysis) {
	var ds []Doc
	var as []Analysis
	for _, td := range tds {
		ds = append(ds, td.d)
		as = append(as, td.a)
	}
	return ds, as
}

// clusterCase is the docs of the clustering scenario named name.
func clusterCase(t *testing.T, name string) []tdoc {
	t.Helper()
	for _, c := range clusterCases {
		if c.name == name {
			return c.docs
		}
	}
	t.Fatalf("no clustering scenario %q", name)
	return nil
}

func TestSummaryStatementNamesSpeaker(t *testing.T) {
	tds := clusterCase(t, "same statement from 3 outlets, one in Russian")
	// Put the Russian doc first: English must still be preferred.
	tds = append([]tdoc{tds[2]}, tds[:2]...)
	docs, ans := docsOf(tds)
	s := Summarize(docs, ans, nil)
	checkExtractive(t, s.Summary, docs)
	if !strings.Contains(s.Summary, "NATO Secretary General") || !strings.Contains(s.Summary, "said") && !strings.Contains(s.Summary, "told") {
		t.Errorf("summary %q does not name the speaker with a statement verb", s.Summary)
	}
	if s.Headline != "NATO chief says allies will send more air defence to Ukraine" {
		t.Errorf("headline = %q, want the earliest English title", s.Headline)
	}
	if len(s.Actors) == 0 || s.Actors[0] != "NATO Secretary General" || len(s.Actors) > maxActors {
		t.Errorf("actors = %q, want the speaker first, at most 3", s.Actors)
	}
}

func TestSummaryEventNamesPlace(t *testing.T) {
	tds := clusterCase(t, "same shelling reported in English, Russian and Ukrainian")
	docs, ans := docsOf(tds)
	s := Summarize(docs, ans, nil)
	checkExtractive(t, s.Summary, docs)
	if !strings.Contains(s.Summary, "Shebekino") {
		t.Errorf("summary %q does not name the place", s.Summary)
	}
	if want := []string{"Shebekino", "Belgorod Oblast"}; !slices.Equal(s.Locations, want) {
		t.Errorf("locations = %q, want %q", s.Locations, want)
	}
}

func TestSummaryKeepsAttribution(t *testing.T) {
	d := mk("x", "RIA", "en", tDay, "Drone hits Novaya Tavolzhanka",
		"Residents were asleep.   Officials have not commented further.\nA Ukrainian drone hit a house in Novaya Tavolzhanka, injuring two civilians, according to the regional governor. Repairs will start tomorrow.",
		eventAn(topBorder, []string{"drone", "casualties"}, []PlaceMention{plTavol, plShebDist, plBelgorod}, actBelGov))
	s := Summarize([]Doc{d.d}, []Analysis{d.a}, nil)
	checkExtractive(t, s.Summary, []Doc{d.d})
	if !strings.Contains(s.Summary, "according to the regional governor") || !strings.Contains(s.Summary, "Novaya Tavolzhanka") {
		t.Errorf("summary %q lost the place or the attribution", s.Summary)
	}
	if want := []string{"Novaya Tavolzhanka", "Shebekinsky District", "Belgorod Oblast"}; !slices.Equal(s.Locations, want) {
		t.Errorf("locations = %q, want %q", s.Locations, want)
	}
}

func TestSummaryLimits(t *testing.T) {
	var places []PlaceMention
	kinds := []string{"region", "district", "city", "town", "village", "village", "region"}
	for i, k := range kinds {
		places = append(places, PlaceMention{ID: k + string(rune('a'+i)), Canonical: strings.ToUpper(k[:1]) + k[1:] + string(rune('A'+i)), Kind: k, Region: "RegionA"})
	}
	var actors []ActorMention
	for _, n := range []string{"Alpha Office", "Beta Office", "Gamma Office", "Delta Office", "Epsilon Office"} {
		actors = append(actors, ActorMention{ID: strings.ToLower(n), Canonical: n, Kind: "office"})
	}
	long := strings.Repeat("The shelling went on for hours and hours without a pause in VillageE ", 8) + "."
	a1 := Analysis{Places: places, Actors: actors, Speakers: actors[4:5], Statement: true, Events: []string{"shelling"}, Topics: topBorder}
	a2 := Analysis{Places: places[4:5], Actors: actors[1:2], Topics: topBorder}
	d1 := Doc{ID: "l1", Lang: "en", Title: "  Long   title ", Text: long, Published: tDay}
	d2 := Doc{ID: "l2", Lang: "en", Text: "Epsilon Office said VillageE was shelled.", Published: tDay.Add(time.Hour)}
	s := Summarize([]Doc{d1, d2}, []Analysis{a1, a2}, nil)
	if s.Headline != "Long title" {
		t.Errorf("headline = %q", s.Headline)
	}
	checkExtractive(t, s.Summary, []Doc{d1, d2})
	if want := []string{"Epsilon Office", "Beta Office", "Alpha Office"}; !slices.Equal(s.Actors, want) {
		t.Errorf("actors = %q, want %q (speakers first, then by frequency)", s.Actors, want)
	}
	if len(s.Locations) != maxLocations {
		t.Fatalf("locations = %q, want %d", s.Locations, maxLocations)
	}
	if want := []string{"VillageE", "VillageF", "TownD", "CityC", "DistrictB"}; !slices.Equal(s.Locations, want) {
		t.Errorf("locations = %q, want %q (most specific first)", s.Locations, want)
	}
	// Only an over-long sentence: cut at a word boundary.
	s = Summarize([]Doc{d1}, []Analysis{a1}, nil)
	checkExtractive(t, s.Summary, []Doc{d1})
}

func TestSummaryOfStories(t *testing.T) {
	c := NewClusterer(ClusterOptions{})
	var all []Doc
	for _, tc := range clusterCases {
		for _, td := range tc.docs {
			c.Add(td.d, td.a)
			all = append(all, td.d)
		}
	}
	for _, st := range c.Stories() {
		checkExtractive(t, st.Summary, all)
		if st.Headline == "" || len(st.Actors) > maxActors || len(st.Locations) > maxLocations {
			t.Errorf("story %s: headline %q, actors %q, locations %q", st.ID, st.Headline, st.Actors, st.Locations)
		}
	}
}

func TestSummarySplitSentences(t *testing.T) {
	got := splitSentences("Gen. Smith said it. The U.S. agreed!  In с. Муром two were hurt. 5 died? \"Yes.\" Toll rose to 5. Done")
	want := []string{"Gen. Smith said it.", "The U.S. agreed!", "In с. Муром two were hurt.", "5 died?", "\"Yes.\"", "Toll rose to 5.", "Done"}
	if !slices.Equal(got, want) {
		t.Errorf("splitSentences = %q, want %q", got, want)
	}
}

func TestNormalizeSpace(t *testing.T) {
	for in, want := range map[string]string{
		"":                    "",
		"a b":                 "a b",
		" a b":                "a b",
		"a b ":                "a b",
		"a  b":                "a b",
		"a\tb\nc":             "a b c",
		"Шебекино\u00a0атака": "Шебекино атака",
		"a\u2003b":            "a b",
	} {
		if got := normalizeSpace(in); got != want {
			t.Errorf("normalizeSpace(%q) = %q, want %q", in, got, want)
		}
	}
}
