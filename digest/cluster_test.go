package digest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// Fixtures: actors and places as the Analyzer would report them.
var (
	tDay = time.Date(2025, 6, 10, 0, 0, 0, 0, time.UTC)

	actNatoSG  = ActorMention{ID: "nato-secretary-general", Canonical: "NATO Secretary General", Kind: "office", Body: "NATO"}
	actEU      = ActorMention{ID: "eu", Canonical: "EU", Kind: "institution", Body: "EU"}
	actEC      = ActorMention{ID: "european-commission", Canonical: "European Commission", Kind: "institution", Body: "EU"}
	actNatoFM  = ActorMention{ID: "nato-foreign-ministers", Canonical: "NATO foreign ministers", Kind: "body", Body: "NATO"}
	actBelGov  = ActorMention{ID: "ru-belgorod-governor", Canonical: "Belgorod Governor", Kind: "office"}
	actRuMoD   = ActorMention{ID: "ru-mod", Canonical: "Russian Defence Ministry", Kind: "government"}
	actUkraine = ActorMention{ID: "ua-government", Canonical: "Government of Ukraine", Kind: "government"}

	plBelgorod  = PlaceMention{ID: "ru-bel", Canonical: "Belgorod Oblast", Kind: "region", Region: "Belgorod Oblast", Country: "RU"}
	plShebDist  = PlaceMention{ID: "ru-bel-shebekinsky", Canonical: "Shebekinsky District", Kind: "district", Region: "Belgorod Oblast", Country: "RU"}
	plShebekino = PlaceMention{ID: "ru-bel-shebekino", Canonical: "Shebekino", Kind: "town", Region: "Belgorod Oblast", Country: "RU"}
	plBelCity   = PlaceMention{ID: "ru-bel-belgorod", Canonical: "Belgorod", Kind: "city", Region: "Belgorod Oblast", Country: "RU"}
	plBryCity   = PlaceMention{ID: "ru-bry-bryansk", Canonical: "Bryansk", Kind: "city", Region: "Bryansk Oblast", Country: "RU"}
	plKursk     = PlaceMention{ID: "ru-kur", Canonical: "Kursk Oblast", Kind: "region", Region: "Kursk Oblast", Country: "RU"}
	plTavol     = PlaceMention{ID: "ru-bel-novaya-tavolzhanka", Canonical: "Novaya Tavolzhanka", Kind: "village", Region: "Belgorod Oblast", Country: "RU"}
	plMurom     = PlaceMention{ID: "ru-bel-murom", Canonical: "Murom", Kind: "village", Region: "Belgorod Oblast", Country: "RU"}
)

type tdoc struct {
	d Doc
	a Analysis
}

var testStop = map[string]bool{"the": true, "and": true, "with": true, "for": true, "that": true, "from": true,
	"will": true, "would": true, "has": true, "have": true, "was": true, "were": true, "said": false, "its": true,
	"this": true, "are": true, "into": true, "over": true, "after": true, "which": true, "their": true, "been": true}

// testTerms is a crude stand-in for the Analyzer's term normalization.
func testTerms(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}) {
		if len([]rune(w)) < 3 || testStop[w] {
			continue
		}
		out = append(out, strings.TrimSuffix(w, "s"))
	}
	return out
}

// mk builds a doc carried by one source (or more, comma-separated).
func mk(id, sources, lang string, at time.Time, title, text string, a Analysis) tdoc {
	d := Doc{ID: id, Title: title, Text: text, Lang: lang, Published: at, FirstSeen: at.Add(time.Minute)}
	for _, src := range strings.Split(sources, ",") {
		d.Carriers = append(d.Carriers, StoryItem{Source: src, Title: title,
			URL: "https://" + src + ".example/" + id, Link: "https://" + src + ".example/" + id + "?utm=rss",
			Published: at, Lang: lang})
	}
	switch {
	case a.Terms == nil:
		a.Terms = testTerms(title + " " + text)
	case len(a.Terms) == 0:
		a.Terms = append(NormalizeTerms(title+"\n"+text, lang), figuresOf(title+"\n"+text)...)
	}
	return tdoc{d, a}
}

// withTerms gives a's doc the terms Analyze would: words and figures. mk
// fills them in.
func withTerms(a Analysis) Analysis {
	a.Terms = []string{} // not nil: mk sets them from the doc
	return a
}

func statementAn(topics []string, speakers []ActorMention, others ...ActorMention) Analysis {
	return Analysis{Statement: true, Speakers: speakers, Actors: slices.Concat(speakers, others), Topics: topics}
}

func eventAn(topics []string, events []string, places []PlaceMention, speakers ...ActorMention) Analysis {
	return Analysis{Statement: len(speakers) > 0, Speakers: speakers, Actors: speakers, Events: events,
		Places: places, Topics: topics}
}

var (
	topAlliance = []string{"alliance-statements"}
	topBorder   = []string{"border-developments"}
)

// Scenarios, each a set of docs and the expected grouping of their ids.
var clusterCases = []struct {
	name   string
	docs   []tdoc
	groups [][]string
}{
	{
		name: "same statement from 3 outlets, one in Russian",
		docs: []tdoc{
			mk("st-reuters", "Reuters", "en", tDay.Add(9*time.Hour),
				"NATO chief says allies will send more air defence to Ukraine",
				"NATO Secretary General Mark Rutte said on Tuesday that allies would deliver more air defence systems to Ukraine before winter. He spoke in Brussels.",
				statementAn(topAlliance, []ActorMention{actNatoSG}, actUkraine)),
			mk("st-ap", "AP", "en", tDay.Add(10*time.Hour+30*time.Minute),
				"Rutte: more Patriot systems coming for Kyiv",
				"Allies are preparing to send additional Patriot batteries, NATO Secretary General Mark Rutte told reporters. The pledge follows weeks of Russian strikes.",
				statementAn(topAlliance, []ActorMention{actNatoSG}, actUkraine)),
			mk("st-tass", "TASS", "ru", tDay.Add(11*time.Hour),
				"Генсек НАТО заявил о поставках ПВО Украине",
				"Генеральный секретарь НАТО Марк Рютте заявил, что союзники поставят Украине дополнительные системы ПВО.",
				func() Analysis {
					a := statementAn(topAlliance, []ActorMention{actNatoSG}, actUkraine)
					a.Terms = []string{"gensek", "nato", "zayavi", "postavk", "pvo", "ukrain", "generaln", "sekretar", "nato", "mark", "ryutt", "soyuznik", "postav", "ukrain", "dopolnitel", "sistem", "pvo"}
					return a
				}()),
		},
		groups: [][]string{{"st-ap", "st-reuters", "st-tass"}},
	},
	{
		name: "same official on two different days",
		docs: []tdoc{
			mk("day1", "Reuters", "en", tDay.Add(15*time.Hour),
				"NATO chief says alliance stands with Ukraine",
				"NATO Secretary General Mark Rutte said the alliance stands firmly with Ukraine and will keep supporting its defence.",
				statementAn(topAlliance, []ActorMention{actNatoSG}, actUkraine)),
			mk("day2", "Reuters", "en", tDay.Add(24*time.Hour+15*time.Hour),
				"NATO chief says alliance stands with Ukraine",
				"NATO Secretary General Mark Rutte said the alliance stands firmly with Ukraine and will keep supporting its defence.",
				statementAn(topAlliance, []ActorMention{actNatoSG}, actUkraine)),
		},
		groups: [][]string{{"day1"}, {"day2"}},
	},
	{
		// An evening pledge in English and the next morning's Ukrainian
		// report share no words, but the sum; the pledge the same
		// official makes the next morning on another matter is another
		// story.
		name: "an evening statement and the next morning's report of it",
		docs: []tdoc{
			mk("eve", "Reuters", "en", tDay.Add(18*time.Hour),
				"NATO chief announces $2.5 billion fund for Ukraine's air defence",
				"NATO Secretary General said allies would put $2.5 billion into a fund for Ukraine's air defence.",
				withTerms(statementAn(topAlliance, []ActorMention{actNatoSG}, actUkraine))),
			mk("morning", "Ukrinform", "uk", tDay.Add(31*time.Hour),
				"Генсек НАТО оголосив про фонд на 2,5 млрд доларів для ППО України",
				"Генеральний секретар НАТО заявив, що союзники вкладуть 2,5 млрд доларів у фонд протиповітряної оборони.",
				withTerms(statementAn(topAlliance, []ActorMention{actNatoSG}, actUkraine))),
			mk("next", "Reuters", "en", tDay.Add(33*time.Hour),
				"NATO chief urges allies to stock more shells for winter",
				"NATO Secretary General told allies to stock more artillery shells before the winter.",
				withTerms(statementAn(topAlliance, []ActorMention{actNatoSG}))),
			// The same official the next morning on an attack, recalling
			// the sum: another story.
			mk("strike", "Reuters", "en", tDay.Add(32*time.Hour),
				"NATO chief condemns missile strike on Shebekino",
				"NATO Secretary General condemned the missile strike on Shebekino, a day after announcing the $2.5 billion fund.",
				withTerms(Analysis{Statement: true, Speakers: []ActorMention{actNatoSG}, Actors: []ActorMention{actNatoSG},
					Events: []string{"missile"}, Places: []PlaceMention{plShebekino, plBelgorod}, Topics: topAlliance})),
		},
		groups: [][]string{{"eve", "morning"}, {"next"}, {"strike"}},
	},
	{
		// "The EU" is the Commission in one report and the bloc in
		// another: the same awards. The Commission's other news that day
		// is another story.
		name: "an alliance speaking as a whole and through one of its parts",
		docs: []tdoc{
			mk("ec", "Politico", "en", tDay.Add(8*time.Hour),
				"Commission awards €1.4 billion to 16 joint defence procurement projects",
				"The European Commission announced the results of its first call for joint procurement.",
				withTerms(statementAn(topAlliance, []ActorMention{actEC}))),
			mk("eu", "Lantern", "en", tDay.Add(17*time.Hour),
				"EU pays €1.4bn to get countries buying weapons together",
				"Brussels hands out money to groups of EU countries that agree to buy arms jointly, the EU said.",
				withTerms(statementAn(topAlliance, []ActorMention{actEU}))),
			mk("ec2", "Politico", "en", tDay.Add(12*time.Hour),
				"Commission proposes simpler rules for military mobility",
				"The European Commission proposed to cut paperwork for moving troops across borders.",
				withTerms(statementAn(topAlliance, []ActorMention{actEC}))),
		},
		groups: [][]string{{"ec", "eu"}, {"ec2"}},
	},
	{
		// The ministry's overnight tally names Belgorod among three
		// regions; the drone that hit a car park in Belgorod is its own
		// story. Two reports of the tally are one.
		name: "a tally over several regions and one incident it counts",
		docs: []tdoc{
			mk("tally-en", "Reuters", "en", tDay.Add(5*time.Hour),
				"Russia says it downed 41 Ukrainian drones overnight",
				"Air defences destroyed 41 drones: 17 over the Kursk region, 14 over Bryansk and seven over Belgorod.",
				eventAn(topBorder, []string{"drone"}, []PlaceMention{plBryCity, plBelCity, plKursk})),
			mk("tally-ru", "RIA", "ru", tDay.Add(4*time.Hour),
				"Минобороны: за ночь сбит 41 беспилотник",
				"ПВО уничтожили 41 беспилотник: 17 над Курской областью, 14 над Брянском, семь над Белгородом.",
				eventAn(topBorder, []string{"drone"}, []PlaceMention{plBryCity, plBelCity, plKursk})),
			mk("carpark", "Reuters", "en", tDay.Add(19*time.Hour),
				"Drone hits car park in Belgorod, four hurt",
				"A drone hit a car park in Belgorod, injuring four people, the governor said.",
				eventAn(topBorder, []string{"drone", "casualties"}, []PlaceMention{plBelCity, plBelgorod}, actBelGov)),
		},
		groups: [][]string{{"carpark"}, {"tally-en", "tally-ru"}},
	},
	{
		name: "strikes in two different villages the same day",
		docs: []tdoc{
			mk("v-tavol", "RIA", "en", tDay.Add(8*time.Hour),
				"Drone strike on Belgorod region village injures two",
				"A Ukrainian drone struck a house in the village of Novaya Tavolzhanka in the Shebekinsky district, injuring two civilians, according to the regional governor.",
				eventAn(topBorder, []string{"drone", "casualties"}, []PlaceMention{plTavol, plShebDist, plBelgorod}, actBelGov)),
			mk("v-murom", "RIA", "en", tDay.Add(9*time.Hour),
				"Drone strike on Belgorod region village injures two",
				"A Ukrainian drone struck a house in the village of Murom in the Shebekinsky district, injuring two civilians, according to the regional governor.",
				eventAn(topBorder, []string{"drone", "casualties"}, []PlaceMention{plMurom, plShebDist, plBelgorod}, actBelGov)),
		},
		groups: [][]string{{"v-tavol"}, {"v-murom"}},
	},
	{
		name: "follow-up toll update the next day, same village",
		docs: []tdoc{
			mk("toll-1", "Kommersant", "en", tDay.Add(18*time.Hour),
				"Shelling of Novaya Tavolzhanka kills one",
				"One person was killed when Ukrainian artillery shelled Novaya Tavolzhanka on Tuesday evening, the Belgorod governor said.",
				eventAn(topBorder, []string{"shelling", "casualties"}, []PlaceMention{plTavol, plBelgorod}, actBelGov)),
			mk("toll-2", "Meduza", "en", tDay.Add(24*time.Hour+11*time.Hour),
				"Death toll in Novaya Tavolzhanka rises to three",
				"The number of dead after Tuesday's attack on Novaya Tavolzhanka has risen to three, regional governor Vyacheslav Gladkov reported on Wednesday.",
				eventAn(topBorder, []string{"casualties"}, []PlaceMention{plTavol}, actBelGov)),
		},
		groups: [][]string{{"toll-1", "toll-2"}},
	},
	{
		name: "preview and outcome of the same meeting",
		docs: []tdoc{
			mk("prev", "Reuters", "en", tDay.Add(7*time.Hour),
				"NATO foreign ministers to meet on Ukraine aid ahead of summit",
				"NATO foreign ministers will meet in Brussels on Thursday to discuss long-term aid for Ukraine ahead of the summit.",
				statementAn(topAlliance, []ActorMention{actNatoFM}, actUkraine)),
			mk("outc", "Reuters", "en", tDay.Add(2*24*time.Hour+17*time.Hour),
				"NATO foreign ministers agree long-term Ukraine aid plan",
				"NATO foreign ministers agreed in Brussels on Thursday on a long-term aid plan for Ukraine, the alliance said in a communique.",
				statementAn(topAlliance, []ActorMention{actNatoFM}, actUkraine)),
			// Same day: the morning preview and the evening outcome.
			mk("prev-sameday", "AP", "en", tDay.Add(2*24*time.Hour+6*time.Hour),
				"NATO ministers set to discuss Ukraine aid in Brussels",
				"NATO foreign ministers are set to discuss long-term aid for Ukraine in Brussels on Thursday.",
				statementAn(topAlliance, []ActorMention{actNatoFM}, actUkraine)),
		},
		groups: [][]string{{"prev"}, {"outc"}, {"prev-sameday"}},
	},
	{
		name: "incident and a later reaction",
		docs: []tdoc{
			mk("incident", "TASS", "en", tDay.Add(6*time.Hour),
				"Missile strike hits Shebekino",
				"A missile strike damaged several buildings in Shebekino, the Belgorod governor said.",
				eventAn(topBorder, []string{"missile"}, []PlaceMention{plShebekino, plBelgorod}, actBelGov)),
			mk("reaction", "NATO", "en", tDay.Add(14*time.Hour),
				"NATO condemns strike in Shebekino",
				"NATO Secretary General Mark Rutte condemned the missile strike in Shebekino and called for restraint.",
				func() Analysis {
					a := eventAn(topAlliance, []string{"missile"}, []PlaceMention{plShebekino, plBelgorod}, actNatoSG)
					return a
				}()),
		},
		groups: [][]string{{"incident"}, {"reaction"}},
	},
	{
		name: "same shelling reported in English, Russian and Ukrainian",
		docs: []tdoc{
			mk("sh-en", "Reuters", "en", tDay.Add(5*time.Hour),
				"Shelling hits Shebekino, two wounded",
				"Two people were wounded when shells hit Shebekino early on Tuesday, the Russian Defence Ministry said.",
				eventAn(topBorder, []string{"shelling", "casualties"}, []PlaceMention{plShebekino, plBelgorod}, actRuMoD)),
			mk("sh-ru", "RIA", "ru", tDay.Add(4*time.Hour),
				"Обстрел Шебекино: двое раненых",
				"Двое мирных жителей получили ранения при обстреле Шебекино, сообщил губернатор Белгородской области.",
				func() Analysis {
					a := eventAn(topBorder, []string{"shelling", "casualties"}, []PlaceMention{plShebekino, plBelgorod}, actBelGov)
					a.Terms = []string{"obstrel", "shebekin", "dvoe", "ranen", "mirn", "zhitel", "poluch", "ranen", "obstrel", "shebekin", "soobsh", "gubernator", "belgorodsk", "oblast"}
					return a
				}()),
			mk("sh-uk", "Ukrainska Pravda", "uk", tDay.Add(7*time.Hour),
				"Шебекіно під обстрілом",
				"У російському Шебекіно двоє поранених після обстрілу, повідомляють місцеві канали.",
				func() Analysis {
					a := eventAn(topBorder, []string{"shelling", "casualties"}, []PlaceMention{plShebekino})
					a.Terms = []string{"shebekin", "obstril", "rosijsk", "shebekin", "dvoye", "poranen", "obstril", "povidomlyay", "miscev", "kanal"}
					return a
				}()),
		},
		groups: [][]string{{"sh-en", "sh-ru", "sh-uk"}},
	},
}

func groupsOf(c *Clusterer, docs []tdoc) [][]string {
	by := map[string][]string{}
	for _, td := range docs {
		sid := c.StoryOf(td.d.ID)
		by[sid] = append(by[sid], td.d.ID)
	}
	var out [][]string
	for _, g := range by {
		slices.Sort(g)
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}

func sortGroups(gs [][]string) [][]string {
	out := make([][]string, len(gs))
	for i, g := range gs {
		out[i] = slices.Sorted(slices.Values(g))
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}

func TestClusterScenarios(t *testing.T) {
	for _, tc := range clusterCases {
		t.Run(tc.name, func(t *testing.T) {
			c := NewClusterer(ClusterOptions{OfficialSources: []string{"NATO"}})
			for _, td := range tc.docs {
				if id := c.Add(td.d, td.a); id == "" {
					t.Fatalf("Add(%s) = empty story id", td.d.ID)
				}
			}
			got, want := groupsOf(c, tc.docs), sortGroups(tc.groups)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("groups = %v, want %v", got, want)
			}
			stories := c.Stories()
			if len(stories) != len(want) {
				t.Errorf("%d stories, want %d", len(stories), len(want))
			}
			// Every carrier appears once, ids are derived from the earliest doc.
			items := 0
			for _, st := range stories {
				items += len(st.Items)
				var first *tdoc
				for i := range tc.docs {
					td := &tc.docs[i]
					if c.StoryOf(td.d.ID) != st.ID {
						continue
					}
					if first == nil || td.d.Published.Before(first.d.Published) {
						first = td
					}
				}
				if first == nil || st.ID != StoryID(first.d.ID) {
					t.Errorf("story %s: id not derived from its earliest doc", st.ID)
				}
			}
			if items != len(tc.docs) {
				t.Errorf("%d items, want %d", items, len(tc.docs))
			}
		})
	}
}

func TestClusterStoryFields(t *testing.T) {
	c := NewClusterer(ClusterOptions{OfficialSources: []string{"Belgorod Governor Channel"}})
	// Carried by two sources: appears once per source.
	d1 := mk("a1", "Reuters,AP", "en", tDay.Add(10*time.Hour), "Drone attack on Shebekino",
		"A drone attacked Shebekino on Tuesday, injuring one person, the regional governor said.",
		eventAn(topBorder, []string{"drone", "casualties"}, []PlaceMention{plShebekino, plBelgorod}, actBelGov))
	d2 := mk("a2", "Belgorod Governor Channel", "ru", tDay.Add(9*time.Hour), "Атака дрона на Шебекино",
		"В Шебекино беспилотник атаковал жилой дом, пострадал один человек.",
		eventAn([]string{"border-developments", "regional-news"}, []string{"drone"}, []PlaceMention{plShebekino}, actBelGov))
	noTopic := mk("a3", "Blog", "en", tDay.Add(11*time.Hour), "Weather in Shebekino", "Sunny.", Analysis{})
	if id := c.Add(noTopic.d, noTopic.a); id != "" {
		t.Errorf("Add without topics = %q, want empty", id)
	}
	id1 := c.Add(d1.d, d1.a)
	id2 := c.Add(d2.d, d2.a)
	if id1 != StoryID("a1") || id2 != StoryID("a2") {
		t.Errorf("ids = %s, %s; want %s (first item) then %s (earlier item joined)", id1, id2, StoryID("a1"), StoryID("a2"))
	}
	// Re-adding a doc with a new carrier merges it.
	again := d1.d
	again.Carriers = []StoryItem{{Source: "BBC", URL: "https://bbc.example/a1", Published: tDay.Add(12 * time.Hour), Lang: "en"}}
	if id := c.Add(again, d1.a); id != id2 {
		t.Errorf("re-Add story = %s, want %s", id, id2)
	}
	st := c.Stories()
	if len(st) != 1 {
		t.Fatalf("%d stories, want 1", len(st))
	}
	s := st[0]
	if !slices.Equal(s.Topics, []string{"border-developments", "regional-news"}) {
		t.Errorf("topics = %v", s.Topics)
	}
	if !s.FirstSeen.Equal(tDay.Add(9*time.Hour)) || !s.LastSeen.Equal(tDay.Add(10*time.Hour)) {
		t.Errorf("first/last seen = %v / %v", s.FirstSeen, s.LastSeen)
	}
	var srcs []string
	for _, it := range s.Items {
		srcs = append(srcs, it.Source)
	}
	if want := []string{"Belgorod Governor Channel", "AP", "Reuters", "BBC"}; !slices.Equal(srcs, want) {
		t.Errorf("item sources = %v, want %v (official first, then earliest)", srcs, want)
	}
	if s.Headline != "Drone attack on Shebekino" {
		t.Errorf("headline = %q, want the English title", s.Headline)
	}
}

func TestClusterStoriesRanking(t *testing.T) {
	c := NewClusterer(ClusterOptions{OfficialSources: []string{"Gov"}})
	add := func(td tdoc) { c.Add(td.d, td.a) }
	// Two sources, older.
	add(mk("r1", "A,B", "en", tDay.Add(1*time.Hour), "Shelling of Murom", "Shells hit Murom, the governor said.",
		eventAn(topBorder, []string{"shelling"}, []PlaceMention{plMurom}, actBelGov)))
	// One official source, recent.
	add(mk("r2", "Gov", "en", tDay.Add(5*time.Hour), "Evacuation of Novaya Tavolzhanka", "Residents of Novaya Tavolzhanka are being evacuated.",
		eventAn(topBorder, []string{"evacuation"}, []PlaceMention{plTavol})))
	// One unofficial source, most recent.
	add(mk("r3", "C", "en", tDay.Add(6*time.Hour), "Drone over Belgorod Oblast", "A drone was seen over Belgorod Oblast overnight.",
		eventAn(topBorder, []string{"drone"}, []PlaceMention{plBelgorod})))
	// One unofficial source, older.
	add(mk("r4", "C", "en", tDay.Add(2*time.Hour), "Missile over Belgorod Oblast", "A missile fell in a field.",
		eventAn(topBorder, []string{"missile"}, []PlaceMention{plBelgorod})))
	var got []string
	for _, s := range c.Stories() {
		got = append(got, s.Items[0].Title)
	}
	want := []string{"Shelling of Murom", "Evacuation of Novaya Tavolzhanka", "Drone over Belgorod Oblast", "Missile over Belgorod Oblast"}
	if !slices.Equal(got, want) {
		t.Errorf("ranking = %q, want %q", got, want)
	}
}

// allFixtureDocs returns every scenario's docs plus a synthetic corpus.
func allFixtureDocs(synth int) []tdoc {
	var all []tdoc
	for _, tc := range clusterCases {
		all = append(all, tc.docs...)
	}
	return append(all, synthCorpus(synth, 7, tDay.Add(-3*24*time.Hour), 6*24*time.Hour)...)
}

func TestClusterOrderIndependent(t *testing.T) {
	docs := allFixtureDocs(600)
	canon := slices.Clone(docs)
	slices.SortFunc(canon, func(a, b tdoc) int {
		if c := a.d.Published.Compare(b.d.Published); c != 0 {
			return c
		}
		return strings.Compare(a.d.ID, b.d.ID)
	})
	ref := NewClusterer(ClusterOptions{OfficialSources: []string{"NATO", "src-1"}})
	for _, td := range canon {
		ref.Add(td.d, td.a)
	}
	want := ref.Stories()
	if len(want) < 50 || len(want) >= len(docs) {
		t.Fatalf("%d stories for %d docs: synthetic corpus does not exercise clustering", len(want), len(docs))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for run := range 20 {
		shuffled := slices.Clone(docs)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		c := NewClusterer(ClusterOptions{OfficialSources: []string{"NATO", "src-1"}})
		for k, td := range shuffled {
			c.Add(td.d, td.a)
			if run == 0 && k == len(shuffled)/2 {
				c.Stories() // exercise the summary cache mid-way
			}
		}
		got := c.Stories()
		if !reflect.DeepEqual(got, want) {
			n := min(len(got), len(want))
			for i := 0; i < n; i++ {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("shuffle %d: story %d differs:\n got %+v\nwant %+v", run, i, got[i], want[i])
				}
			}
			t.Fatalf("shuffle %d: %d stories, want %d", run, len(got), len(want))
		}
	}
}

// synthCorpus generates n docs reporting about n/3 underlying stories
// (events in settlements, statements by officials, other news), each
// reported by 1-6 sources in en/ru/uk over up to a day, spread over span.
func synthCorpus(n int, seed uint64, start time.Time, span time.Duration) []tdoc {
	rng := rand.New(rand.NewPCG(seed, seed*31+7))
	const (
		nRegions   = 8
		nDistricts = 48
		nSettle    = 480
		nVocab     = 4000
	)
	region := func(i int) PlaceMention {
		name := fmt.Sprintf("Region%d Oblast", i)
		return PlaceMention{ID: fmt.Sprintf("r%d", i), Canonical: name, Kind: "region", Region: name, Country: "RU"}
	}
	district := func(i int) PlaceMention {
		return PlaceMention{ID: fmt.Sprintf("d%d", i), Canonical: fmt.Sprintf("District%d", i), Kind: "district",
			Region: region(i % nRegions).Canonical, Country: "RU"}
	}
	settlement := func(i int) PlaceMention {
		kind := "village"
		if i%7 == 0 {
			kind = "town"
		}
		return PlaceMention{ID: fmt.Sprintf("v%d", i), Canonical: fmt.Sprintf("Village%d", i), Kind: kind,
			Region: region(i % nDistricts % nRegions).Canonical, Country: "RU"}
	}
	actor := func(i int) ActorMention {
		if i < 10 {
			return ActorMention{ID: fmt.Sprintf("body%d", i), Canonical: fmt.Sprintf("Alliance%d Council", i), Kind: "body", Body: fmt.Sprintf("B%d", i%3)}
		}
		return ActorMention{ID: fmt.Sprintf("off%d", i), Canonical: fmt.Sprintf("Governor%d", i), Kind: "office"}
	}
	events := []string{"shelling", "drone", "missile", "glide-bomb", "incursion", "evacuation", "casualties", "border-closure"}
	word := func() string { return fmt.Sprintf("w%d", int(rng.ExpFloat64()*600)%nVocab) }
	langs := []string{"en", "en", "en", "ru", "ru", "uk"}

	var out []tdoc
	for story := 0; len(out) < n; story++ {
		t0 := start.Add(time.Duration(rng.Int64N(int64(span))))
		kind := rng.IntN(20)
		var a Analysis
		var what string
		switch {
		case kind < 11: // event
			s := rng.IntN(nSettle)
			pl := []PlaceMention{settlement(s), district(s % nDistricts), region(s % nDistricts % nRegions)}
			if rng.IntN(10) == 0 {
				pl = pl[2:] // region-level report
			}
			ev := []string{events[rng.IntN(len(events))]}
			if rng.IntN(2) == 0 {
				ev = append(ev, "casualties")
			}
			a = Analysis{Events: ev, Places: pl, Topics: []string{"border-developments"}}
			if rng.IntN(2) == 0 {
				gov := actor(10 + s%20)
				a.Statement, a.Speakers, a.Actors = true, []ActorMention{gov}, []ActorMention{gov}
			}
			what = fmt.Sprintf("A %s hit %s in %s on %s, according to the regional governor.", ev[0], pl[0].Canonical, pl[len(pl)-1].Canonical, t0.Weekday())
		case kind < 18: // statement
			sp := actor(rng.IntN(30))
			a = Analysis{Statement: true, Speakers: []ActorMention{sp}, Actors: []ActorMention{sp}, Topics: []string{"alliance-statements"}}
			if rng.IntN(2) == 0 { // about a government
				gov := ActorMention{ID: fmt.Sprintf("gov%d", rng.IntN(40)), Canonical: fmt.Sprintf("Government%d", rng.IntN(40)), Kind: "government"}
				a.Actors = append(a.Actors, gov)
			}
			what = fmt.Sprintf("The %s said on Tuesday that it would respond to the situation.", sp.Canonical)
		default: // other news
			a = Analysis{Topics: []string{"regional-politics"}}
			what = "Officials discussed the budget at a meeting."
		}
		base := map[string][]string{}
		for _, l := range []string{"en", "ru", "uk"} {
			ts := make([]string, 30+rng.IntN(30))
			for i := range ts {
				ts[i] = l + word()
			}
			base[l] = ts
		}
		reports := 1 + rng.IntN(6)
		for r := 0; r < reports && len(out) < n; r++ {
			lang := langs[rng.IntN(len(langs))]
			terms := make([]string, 0, len(base[lang])+6)
			for _, t := range base[lang] {
				if rng.IntN(10) != 0 {
					terms = append(terms, t)
				}
			}
			for range 5 {
				terms = append(terms, lang+word())
			}
			at := t0.Add(time.Duration(rng.Int64N(int64(20 * time.Hour))))
			id := fmt.Sprintf("syn-%d-%d-%d", seed, story, r)
			src := fmt.Sprintf("src-%d", rng.IntN(60))
			ra := a
			ra.Terms = terms
			out = append(out, mk(id, src, lang, at, fmt.Sprintf("Report %d on story %d", r, story),
				what+" More details follow in the report.", ra))
		}
	}
	return out
}

var benchCorpus []tdoc

func benchDocs(b *testing.B) []tdoc {
	if benchCorpus == nil {
		b.StopTimer()
		benchCorpus = synthCorpus(101_000, 42, tDay.Add(-60*24*time.Hour), 60*24*time.Hour)
		rng := rand.New(rand.NewPCG(3, 4))
		rng.Shuffle(len(benchCorpus), func(i, j int) { benchCorpus[i], benchCorpus[j] = benchCorpus[j], benchCorpus[i] })
		b.StartTimer()
	}
	return benchCorpus
}

// BenchmarkCluster100k clusters 100,000 docs from scratch, one Add at a
// time, in publication order (as feeds deliver them; the order does not
// change the result, only memory locality).
func BenchmarkCluster100k(b *testing.B) {
	docs := slices.Clone(benchDocs(b)[:100_000])
	slices.SortFunc(docs, func(x, y tdoc) int { return x.d.Published.Compare(y.d.Published) })
	b.ResetTimer()
	for range b.N {
		c := NewClusterer(ClusterOptions{})
		for _, td := range docs {
			c.Add(td.d, td.a)
		}
		b.ReportMetric(float64(c.nRoots), "stories")
	}
}

// BenchmarkCluster100kBatch clusters 100,000 docs, in random order, with
// AddBatch (features extracted in parallel, linked in canonical order), as
// Restore does.
func BenchmarkCluster100kBatch(b *testing.B) {
	docs, ans := docsOf(benchDocs(b)[:100_000])
	b.ResetTimer()
	for range b.N {
		c := NewClusterer(ClusterOptions{})
		c.AddBatch(docs, ans)
		b.ReportMetric(float64(c.nRoots), "stories")
	}
}

// BenchmarkStories100k summarizes and ranks the stories of 100,000 docs.
func BenchmarkStories100k(b *testing.B) {
	docs := benchDocs(b)[:100_000]
	c := NewClusterer(ClusterOptions{})
	for _, td := range docs {
		c.Add(td.d, td.a)
	}
	b.ResetTimer()
	for range b.N {
		if len(c.Stories()) == 0 {
			b.Fatal("no stories")
		}
	}
}

// BenchmarkAddToExisting adds 1,000 new docs (many of them reports of
// stories already held) to a clusterer holding 100,000 docs.
func BenchmarkAddToExisting(b *testing.B) {
	all := benchDocs(b)
	base, extra := all[:100_000], all[100_000:101_000]
	for range b.N {
		b.StopTimer()
		c := NewClusterer(ClusterOptions{})
		for _, td := range base {
			c.Add(td.d, td.a)
		}
		before := c.nRoots
		b.StartTimer()
		for _, td := range extra {
			c.Add(td.d, td.a)
		}
		b.StopTimer()
		b.ReportMetric(float64(before+len(extra)-c.nRoots), "joined")
		b.StartTimer()
	}
}

// TestClusterDevCorpusStories clusters the labelled development corpus
// (analyzed by the Analyzer) and reports story B-cubed precision and
// recall over the items that have a labelled story.
func TestClusterDevCorpusStories(t *testing.T) {
	dir := devCorpusDir(t)
	items := loadDevCorpus(t, dir)
	b, err := os.ReadFile(filepath.Join(dir, "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	var labels []struct {
		Feed  string  `json:"feed"`
		Title string  `json:"title"`
		Story *string `json:"story"`
	}
	if err := json.Unmarshal(b, &labels); err != nil {
		t.Fatal(err)
	}
	gold := map[string]string{} // doc id -> story
	for _, it := range items {
		for _, l := range labels {
			if l.Feed == it.label.Feed && l.Title == it.label.Title && l.Story != nil {
				gold[it.doc.ID] = *l.Story
			}
		}
	}
	an := defaultAnalyzer(t)
	c := NewClusterer(ClusterOptions{})
	for _, it := range items {
		d := it.doc
		d.Carriers = []StoryItem{{Source: it.label.Feed, Title: d.Title, URL: it.label.Link, Published: d.Published, Lang: d.Lang}}
		c.Add(d, an.Analyze(d))
	}
	pred := map[string]string{}
	for id := range gold {
		if pred[id] = c.StoryOf(id); pred[id] == "" {
			pred[id] = "single:" + id
		}
	}
	var p, r float64
	for id := range gold {
		same, sameGold, samePred := 0, 0, 0
		for id2 := range gold {
			g, q := gold[id2] == gold[id], pred[id2] == pred[id]
			if g && q {
				same++
			}
			if g {
				sameGold++
			}
			if q {
				samePred++
			}
		}
		p += float64(same) / float64(samePred)
		r += float64(same) / float64(sameGold)
	}
	n := float64(len(gold))
	t.Logf("dev corpus: %d items, %d with a story; story B-cubed precision %.3f recall %.3f", len(items), len(gold), p/n, r/n)
	if os.Getenv("BRIEFBOT_DEBUG_STORIES") != "" {
		for id, s := range gold {
			t.Logf("%-45s %s %s", s, pred[id], id)
		}
	}
}

// An event report is dated by the first day its title or lede names: a
// lede that goes on to recall an earlier attack still reports today's.
func TestIncidentDayIsTheFirstDayNamed(t *testing.T) {
	sunday := time.Date(2027, 6, 6, 15, 40, 0, 0, time.UTC)
	day := dayNumber(sunday, time.UTC)
	tests := []struct {
		title, text string
		back        int32
	}{
		{"Missile strike on Konotop wounds five", "A missile hit Konotop on Sunday afternoon. It was the second attack in three days: on Friday night drones set fire to a depot.", 0},
		{"Drones hit Konotop bus depot", "Drones set fire to a bus depot in Konotop on Friday night, officials said.", 2},
		{"Shelling of Sudzha yesterday kills one", "One person was killed.", 1},
		{"Обстрел Суджи", "Вчера вечером ВСУ обстреляли Суджу, в пятницу — Коренево.", 1},
		{"Shelling of Sudzha kills one", "One person was killed, the governor said.", 0},
		{"Shelling of Sudzha", "On Wednesday shells hit Sudzha.", 0}, // four days back: too far to be this report's
	}
	for _, tt := range tests {
		if got := day - incidentDay(sunday, time.UTC, tt.title, tt.text); got != tt.back {
			t.Errorf("%q: dated %d days back, want %d", tt.title, got, tt.back)
		}
	}
}
