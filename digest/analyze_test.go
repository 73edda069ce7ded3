package digest

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

const (
	tAlliance = "alliance-statements"
	tBorder   = "border-developments"
)

// Each case is written for this test (not taken from the dev corpus):
// traps must qualify for no topic; positives in en, ru and uk must
// qualify for theirs.
var topicCases = []struct {
	name, lang, title, text string
	want                    []string
}{
	// Traps: other senses of the trigger words.
	{"airline alliance", "en", "Pacific airline alliance says it will add two carriers", "The alliance said the new members would join in March, giving frequent flyers more routes.", nil},
	{"shipping alliance", "en", "Container alliance warns of delays on Asia routes", "The shipping alliance warned customers that port congestion would add four days.", nil},
	{"chip alliance", "en", "Chip alliance announces new memory standard", "The semiconductor alliance said members agreed on the specification.", nil},
	{"supermarket alliance", "en", "Supermarket alliance pledges lower prices", "The buying alliance of three grocers pledged to cut prices on 500 items.", nil},
	{"football alliance", "en", "Clubs' alliance condemns fixture pile-up", "An alliance of 12 football clubs condemned the new league calendar.", nil},
	{"opec", "en", "OPEC+ alliance agrees output cut", "The OPEC+ alliance agreed on Sunday to trim output by 500,000 barrels a day.", nil},
	{"us-mexico border", "en", "Border crossings reopen after storm", "Officials said crossings on the US-Mexico border reopened after a storm closed them for two days.", nil},
	{"schengen", "en", "Austria extends Schengen border checks", "Vienna said checks at its land borders would continue, citing migration.", nil},
	{"poland-belarus", "en", "Queues grow at Poland-Belarus border", "Trucks waited 40 hours at the Poland-Belarus border after a crossing closed.", nil},
	{"border collie", "en", "Border collie wins agility final", "A border collie named Flick won the national agility final in Birmingham.", nil},
	{"border derby", "en", "Late goal settles border derby", "A late goal settled the England-Wales border derby in front of 4,000 fans.", nil},
	{"bgp", "en", "Border Gateway Protocol hijack hits banks", "A BGP leak disrupted traffic to several banks for an hour.", nil},
	{"pea shelling", "en", "Pea-shelling championship draws record crowd", "Competitors shelled peas in a village hall in Kent.", nil},
	{"keeper shelling", "en", "Keeper survives shelling as United hold on", "The goalkeeper faced a second-half shelling from the home strikers but kept a clean sheet.", nil},
	{"hockey shelling ru", "ru", "Хоккеисты из Курска победили в овертайме", "Хоккеисты весь третий период обстреливали ворота соперника в Курске и вырвали победу.", nil},
	{"football strike", "en", "Stunning strike from Sumy forward wins the cup", "The forward's strike from 30 yards won the cup final for the Sumy club.", nil},
	{"drone light show", "en", "Drone light show lights up Kharkiv for city day", "Five hundred drones formed a light show over Kharkiv for the city day festival.", nil},
	{"agricultural drones", "en", "Belgorod farms adopt agricultural drones", "Farms in Belgorod region are using agricultural drones to spray crops.", nil},
	{"kursk submarine", "en", "Remembering the Kursk", "The Kursk submarine sank in the Barents Sea in August 2000, killing all 118 crew.", nil},
	{"kursk submarine ru", "ru", "Годовщина гибели подлодки «Курск»", "В Курске прошла церемония памяти экипажа подводной лодки «Курск», погибшего в 2000 году.", nil},
	{"kharkiv startup", "en", "Kharkiv start-up raises $5m", "The Kharkiv-based start-up closed a funding round led by a Berlin investor.", nil},
	{"kharkiv culture", "en", "Kharkiv theatre opens season", "The theatre opened its season with a premiere of a new play.", nil},
	{"sumy sport", "en", "Sumy cyclist wins national title", "A cyclist from Sumy won the national road race title.", nil},
	{"nato visitor centre", "en", "NATO visitor centre reopens", "The visitor centre at NATO headquarters reopened after renovation with a new exhibition.", nil},
	{"nato charity run", "en", "NATO staff charity run raises funds", "NATO staff ran 10 km to raise money for a local children's hospital.", nil},
	{"nato phonetic alphabet", "en", "Why NATO's phonetic alphabet says Alfa", "The NATO phonetic alphabet says Alfa, not Alpha, so that speakers of other languages pronounce it correctly.", nil},
	{"typhoon evacuation", "en", "Typhoon forces evacuation", "Authorities evacuated 50,000 people as a typhoon approached the coast.", nil},
	{"ukraine economy", "en", "Ukraine's steel output rises", "Ukrainian steelmakers raised output by 8% in August, the industry association said.", nil},
	{"eu farm ministers", "en", "EU agriculture ministers agree on fertiliser rules", "EU agriculture ministers agreed on Monday to simplify labelling rules for fertilisers.", nil},
	{"germany migration", "en", "Berlin says border checks will stay", "Berlin said checks at its borders with Poland and Austria would stay until spring, citing migration.", nil},
	{"drone outside regions", "en", "Drone hits oil depot in Krasnodar region", "A drone struck an oil depot in Russia's Krasnodar region overnight, the governor said.", nil},
	{"belgorod harvest ru", "ru", "Белгородские аграрии собрали урожай", "В Белгородской области завершили уборку подсолнечника.", nil},
	{"russian mod not alliance", "en", "Russia says NATO helped plan attack", "Russia's defence ministry said NATO satellites helped plan a strike on Crimea.", nil},
	{"un secretary general", "en", "UN Secretary-General urges ceasefire in Sudan", "The Secretary-General urged the warring parties to agree a humanitarian truce.", nil},
	{"ransomware kharkiv", "en", "Ransomware attack hits Kharkiv hospital IT", "A ransomware attack disrupted IT systems at a Kharkiv hospital, officials said.", nil},

	// Positives: alliance statements.
	{"nato sg en", "en", "NATO chief warns Russia against escalation", "NATO Secretary General said on Friday allies would defend every inch of allied territory.", []string{tAlliance}},
	{"eu hr en", "en", "EU top diplomat proposes new sanctions package", "The EU High Representative proposed listing 50 more vessels of Russia's shadow fleet.", []string{tAlliance}},
	{"g7 en", "en", "G7 foreign ministers condemn strikes on Ukraine's grid", "G7 foreign ministers said attacks on energy infrastructure were unacceptable.", []string{tAlliance}},
	{"csto ru", "ru", "Генсек ОДКБ заявил о готовности защищать союзников", "Генеральный секретарь ОДКБ заявил, что организация готова оказать помощь государствам-членам.", []string{tAlliance}},
	{"nato uk", "uk", "Генсек НАТО закликав союзників посилити ППО України", "Генеральний секретар НАТО закликав союзників передати Україні більше систем протиповітряної оборони.", []string{tAlliance}},
	{"nato ru", "ru", "В НАТО пообещали Украине новые системы ПВО", "Министры обороны НАТО пообещали поставить Украине дополнительные зенитные ракеты.", []string{tAlliance}},
	{"b9 en", "en", "Bucharest Nine leaders call for stronger eastern flank", "Leaders of the Bucharest Nine called on allies to deploy more air defence to the eastern flank.", []string{tAlliance}},
	{"government commitment", "en", "Poland pledges troops for NATO's Baltic mission", "Poland's defence minister said Warsaw would send 500 troops to NATO's mission in the Baltics.", []string{tAlliance}},
	{"nordic members", "en", "Nordic ministers meet in Oslo", "The foreign ministers of Denmark, Finland, Iceland, Norway and Sweden agreed to coordinate air defence support for Ukraine.", []string{tAlliance}},

	// Positives: border developments.
	{"belgorod en", "en", "Shelling damages houses in Belgorod region", "Ukrainian shelling damaged five houses in the village of Zhuravlevka, the governor said.", []string{tBorder}},
	{"kursk ru", "ru", "Беспилотник атаковал автомобиль в Курской области", "Украинский беспилотник атаковал автомобиль в Курской области, ранены двое, сообщил губернатор.", []string{tBorder}},
	{"bryansk ru", "ru", "В Брянской области отразили вылазку ДРГ", "Пограничники ФСБ отразили попытку диверсионной группы проникнуть на территорию Брянской области.", []string{tBorder}},
	{"sumy uk", "uk", "Росіяни обстріляли Сумщину: є поранені", "Протягом доби російські війська обстріляли прикордонні громади Сумщини, повідомила Сумська ОВА.", []string{tBorder}},
	{"kharkiv uk", "uk", "Удар КАБами по Харкову", "Росіяни скинули керовані авіабомби на Харків, поранено трьох людей.", []string{tBorder}},
	{"chernihiv en", "en", "Drones hit Chernihiv energy site", "Russian drones hit an energy facility in Chernihiv region overnight, cutting power to 20,000 homes.", []string{tBorder}},
	{"mod claims", "en", "Russia says it downed 12 drones over Bryansk region", "Russian air defences destroyed 12 Ukrainian drones over the Bryansk region, the defence ministry said.", []string{tBorder}},
	{"evacuation kharkiv", "en", "Evacuation ordered in Kharkiv villages", "Officials ordered the evacuation of three villages in Kharkiv region because of constant Russian shelling.", []string{tBorder}},

	// Both: the statement concretely reports a border event.
	{"both", "en", "NATO condemns missile strike on Sumy", "NATO's spokesperson condemned the Russian missile strike on Sumy that killed 11 civilians on Sunday.", []string{tAlliance, tBorder}},
	// Alliance statement with a passing mention of the war: alliance only.
	{"passing mention", "en", "NATO chief pledges support amid war", "The NATO Secretary General pledged continued support for Ukraine amid the war.", []string{tAlliance}},
}

func TestAnalyzeTopics(t *testing.T) {
	an := defaultAnalyzer(t)
	for _, c := range topicCases {
		t.Run(c.name, func(t *testing.T) {
			res := an.Analyze(Doc{Title: c.title, Text: c.text, Lang: c.lang})
			want := c.want
			if want == nil {
				want = []string{}
			}
			got := res.Topics
			if got == nil {
				got = []string{}
			}
			if !slices.Equal(got, want) {
				t.Errorf("topics = %v, want %v\nplaces %v actors %v speakers %v events %v", got, want,
					placeNames(res.Places), actorNames(res.Actors), actorNames(res.Speakers), res.Events)
			}
		})
	}
}

func TestAnalyzeExtracts(t *testing.T) {
	an := defaultAnalyzer(t)
	res := an.Analyze(Doc{Title: "Shelling wounds two in Shebekino", Text: "Shelling wounded two civilians in Shebekino in Russia's Belgorod region on Monday, the regional governor said. Three houses were damaged."})
	if len(res.Places) == 0 || res.Places[0].ID != "ru-bel-shebekino" {
		t.Errorf("places = %v, want Shebekino first", res.Places)
	}
	if !slices.Contains(res.Events, "shelling") || !slices.Contains(res.Events, "casualties") {
		t.Errorf("events = %v, want shelling and casualties", res.Events)
	}
	if len(res.Speakers) != 1 || res.Speakers[0].ID != "belgorod-governor" {
		t.Errorf("speakers = %v, want the Belgorod governor", res.Speakers)
	}
	if res.Statement {
		t.Error("a governor's report is not an alliance statement")
	}
	res = an.Analyze(Doc{Title: "NATO chief urges allies to buy more shells", Text: "NATO's Secretary General on Monday called on allies to double shell output."})
	if !res.Statement || len(res.Speakers) == 0 || res.Speakers[0].ID != "nato-secretary-general" {
		t.Errorf("statement %v speakers %v, want the NATO Secretary General", res.Statement, res.Speakers)
	}
	for _, sp := range res.Speakers {
		if !slices.Contains(res.Actors, sp) {
			t.Errorf("speaker %v is not among actors %v", sp, res.Actors)
		}
	}
	// Terms are NormalizeTerms of title and text.
	d := Doc{Title: "Обстрел Шебекино", Text: "Губернатор Белгородской области сообщил о раненых."}
	if got, want := an.Analyze(d).Terms, NormalizeTerms(d.Title+"\n"+d.Text, "ru"); !slices.Equal(got, want) {
		t.Errorf("Terms %v != NormalizeTerms %v", got, want)
	}
}

func TestAnalyzeConcurrent(t *testing.T) {
	an := defaultAnalyzer(t)
	var wg sync.WaitGroup
	want := fmt.Sprint(an.Analyze(Doc{Title: topicCases[len(topicCases)-2].title, Text: topicCases[len(topicCases)-2].text}))
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, c := range topicCases {
				an.Analyze(Doc{Title: c.title, Text: c.text, Lang: c.lang})
			}
			if got := fmt.Sprint(an.Analyze(Doc{Title: topicCases[len(topicCases)-2].title, Text: topicCases[len(topicCases)-2].text})); got != want {
				t.Errorf("concurrent result differs: %s vs %s", got, want)
			}
		}()
	}
	wg.Wait()
}

func TestStem(t *testing.T) {
	same := [][]string{
		{"Белгородской", "Белгороде", "Белгородом", "Белгород", "Белгородская", "Бєлгородська", "Бєлгород"},
		{"Харків", "Харкова", "Харкові", "Харківська", "Харьков", "Харькове"},
		{"Шебекино", "Шебекине", "Шебекинском", "Шебекинский"},
		{"Сумы", "Суми", "Сумах", "Сумская", "Сумської"},
		{"Курск", "Курская", "Курской", "Курську", "Курськ"},
		{"Сумщина", "Сумщині", "Сумщини"},
		{"Харківщини", "Харківщині", "Харківщина"},
		{"shelling", "shelled", "shells", "shell"},
		{"pledged", "pledges", "pledge", "pledging"},
		{"drones", "drone"},
	}
	for _, group := range same {
		want := keyOf(foldWord([]rune(group[0])))
		for _, w := range group[1:] {
			if got := keyOf(foldWord([]rune(w))); got != want {
				t.Errorf("key(%s) = %q, want %q (as %s)", w, got, want, group[0])
			}
		}
	}
	if got := keyOf("белгородской"); got != "belgorod" {
		t.Errorf("Белгородской -> %q, want belgorod", got)
	}
}

func TestLexTransliterate(t *testing.T) {
	for in, want := range map[string]string{
		"Белгород": "belgorod", "Бєлгород": "belgorod", "Харків": "kharkiv", "Чернігів": "chernigiv",
		"Щорс": "shchors", "Грайворон": "graivoron", "Юнаковка": "yunakovka", "Ґрунь": "grun",
	} {
		if got := transliterate(in); got != want {
			t.Errorf("transliterate(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestLexTokenize(t *testing.T) {
	toks, n := tokenize("NATO's chief said. U.S. officials met in «Курске». В'їзд обмежено!", 0, false, nil)
	var surf []string
	for _, tk := range toks {
		surf = append(surf, tk.surf)
	}
	if got := strings.Join(surf, " "); got != "nato chief said u s officials met in курске вїзд обмежено" {
		t.Errorf("tokens = %q", got)
	}
	if n != 3 {
		t.Errorf("%d sentences, want 3", n)
	}
	if !toks[8].quoted {
		t.Error("«Курске» should be marked quoted")
	}
	if terms := NormalizeTerms("The drones struck Kharkiv's power plants", "en"); !slices.Equal(terms, []string{"dron", "struck", "kharkiv", "power", "plant"}) {
		t.Errorf("NormalizeTerms = %v", terms)
	}
}

func TestGazetteerFind(t *testing.T) {
	g, err := LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ text, id, region string }{
		{"Обстрел Шебекино", "ru-bel-shebekino", "Belgorod Oblast"},
		{"Ранены двое жителей в Шебекине", "ru-bel-shebekino", "Belgorod Oblast"},
		{"Обстрел в Шебекинском округе", "", "Belgorod Oblast"},
		{"Ситуація у Сумах", "ua-sum-sumy", "Sumy Oblast"},
		{"Обстріли на Харківщині", "ua-kha-oblast", "Kharkiv Oblast"},
		{"Ситуация в Белгородской области", "ru-bel-oblast", "Belgorod Oblast"},
		{"Shelling in Russia's Belgorod region", "ru-bel-oblast", "Belgorod Oblast"},
		{"Атака на Бєлгородщину", "ru-bel-oblast", "Belgorod Oblast"},
		{"Drone attack on Kharkiv", "ua-kha-kharkiv", "Kharkiv Oblast"},
		{"Удар по Харкову", "ua-kha-kharkiv", "Kharkiv Oblast"},
	}
	for _, c := range cases {
		ps := g.Find(c.text)
		if len(ps) == 0 {
			t.Errorf("Find(%q) found nothing", c.text)
			continue
		}
		if c.id != "" && ps[0].ID != c.id {
			t.Errorf("Find(%q)[0] = %s, want %s", c.text, ps[0].ID, c.id)
		}
		if ps[0].Region != c.region {
			t.Errorf("Find(%q)[0].Region = %s, want %s", c.text, ps[0].Region, c.region)
		}
	}
	// Most specific first, each once.
	ps := g.Find("Shebekino, Belgorod region: shelling of Shebekino")
	if len(ps) != 2 || ps[0].Kind != "town" || ps[1].Kind != "region" {
		t.Errorf("Find order = %v", ps)
	}
	for _, text := range []string{"the submarine Kursk sank", "Фильм о подлодке «Курск»", "a star is born"} {
		if ps := g.Find(text); len(ps) != 0 {
			t.Errorf("Find(%q) = %v, want nothing", text, ps)
		}
	}
}

func TestGazetteerLookup(t *testing.T) {
	g, err := LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	for name, id := range map[string]string{
		"Belgorod oblast":    "ru-bel-oblast",
		"Grayvoron":          "ru-bel-graivoron",
		"Grayvoron district": "ru-bel-graivoron-district",
		"Kupiansk district":  "ua-kha-kupiansk-raion",
		"Шебекино":           "ru-bel-shebekino",
		"Сумщина":            "ua-sum-oblast",
		"Kharkov":            "ua-kha-kharkiv",
	} {
		p, ok := g.Lookup(name)
		if !ok || p.ID != id {
			t.Errorf("Lookup(%q) = %v %v, want %s", name, p.ID, ok, id)
		}
	}
	if p, ok := g.Lookup("Texas"); ok {
		t.Errorf("Lookup(Texas) = %v", p)
	}
}

func TestGazetteerInlineTSV(t *testing.T) {
	const tsv = "id\tcanonical\tkind\tregion\tcountry\tlat\tlon\tpopulation\tvariants\tambiguous\n" +
		"x-oblast\tTestovo Oblast\tregion\tTestovo Oblast\tRU\t\t\t\tTestovo region|Тестовская область\t0\n" +
		"x-town\tNovoe\ttown\tTestovo Oblast\tRU\t\t\t100\tНовое|Нове\t1\n"
	g, err := ParseGazetteer(strings.NewReader(tsv))
	if err != nil {
		t.Fatal(err)
	}
	if ps := g.Find("Обстрел в Тестовской области"); len(ps) != 1 || ps[0].ID != "x-oblast" {
		t.Errorf("Find = %v", ps)
	}
	// Ambiguous names need a place word or another place of the region.
	if ps := g.Find("Новое решение"); len(ps) != 0 {
		t.Errorf("ambiguous Find = %v", ps)
	}
	if ps := g.Find("Село Новое Тестовской области"); len(ps) != 2 || ps[0].ID != "x-town" {
		t.Errorf("confirmed Find = %v", ps)
	}
	if _, err := ParseGazetteer(strings.NewReader("id\tname\n")); err == nil {
		t.Error("a header without the required columns should fail")
	}
}

func TestActorsFind(t *testing.T) {
	a, err := LoadActors()
	if err != nil {
		t.Fatal(err)
	}
	for text, id := range map[string]string{
		"Генсек НАТО заявил":                       "nato-secretary-general",
		"Генеральний секретар НАТО":                "nato-secretary-general",
		"Верховный представитель ЕС":               "eu-high-representative",
		"губернатора Белгородской области":         "belgorod-governor",
		"Сумська ОВА повідомила":                   "sumy-rma",
		"в Минобороны России":                      "russian-defence-ministry",
		"ДПСУ":                                     "ukraine-border-guard",
		"Держприкордонслужба":                      "ukraine-border-guard",
		"the EU's foreign policy chief":            "eu-high-representative",
		"the NATO-Ukraine Council":                 "nato-ukraine-council",
		"Nordic foreign ministers":                 "nordic-foreign-ministers",
		"the Secretary General of NATO said":       "nato-secretary-general",
		"Denmark, Finland, Norway and Sweden said": "nordic-foreign-ministers",
	} {
		got := a.Find(text)
		if !slices.ContainsFunc(got, func(m ActorMention) bool { return m.ID == id }) {
			t.Errorf("Find(%q) = %v, want %s", text, actorNames(got), id)
		}
	}
	// Generic forms need their body named; "us" is not the US.
	for _, text := range []string{"The alliance of airlines said", "Let us know", "The Secretary General said"} {
		if got := a.Find(text); len(got) != 0 {
			t.Errorf("Find(%q) = %v, want nothing", text, actorNames(got))
		}
	}
}

func TestTopicsConfig(t *testing.T) {
	ts, err := DefaultTopics()
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 2 || ts[0].Name != tAlliance || ts[1].Name != tBorder {
		t.Fatalf("default topics = %v", ts)
	}
	for _, bad := range []string{
		"topics:\n  - name: x\n    title: X\n    rules: {signal: event}\n",
		"topics:\n  - name: x\n    title: X\n    rules: {signal: talk, places: {regions: [A]}}\n",
		"topics:\n  - name: x\n    title: X\n    unknown: 1\n",
	} {
		if _, err := ParseTopics([]byte(bad)); err == nil {
			t.Errorf("ParseTopics accepted %q", bad)
		}
	}
	// A topic from configuration alone.
	custom, err := ParseTopics([]byte("topics:\n  - name: kursk\n    title: Kursk\n    rules: {signal: event, scope: sentence, places: {regions: [Kursk Oblast]}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	g, _ := LoadGazetteer()
	an := NewAnalyzer(custom, g, nil)
	if got := an.Analyze(Doc{Title: "Drone strike on Kursk airfield", Text: "Drones hit an airfield near Kursk."}).Topics; !slices.Equal(got, []string{"kursk"}) {
		t.Errorf("custom topic: %v", got)
	}
}

func BenchmarkAnalyze(b *testing.B) {
	an := defaultAnalyzer(b)
	docs := make([]Doc, len(topicCases))
	for i, c := range topicCases {
		docs[i] = Doc{Title: c.title, Text: strings.Repeat(c.text+" ", 3), Lang: c.lang}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		an.Analyze(docs[i%len(docs)])
	}
}
