#!/usr/bin/env python3
"""Build the "fresh2" evaluation corpus: feeds/, labels.json, stories.json, feeds.json.

Standard library only and deterministic: running it twice gives byte-identical
files. All item text, metadata and story definitions live in this file
(FEEDS, STORIES and the ITEMS list built by the add() calls below). The
rendering code follows the structure of the fresh corpus's generator; the
text, outlets, domains, places and events are new.

Everything is invented: outlets, .test domains, events, figures and the
named officials and analysts (marked "(invented)" in actors). Real offices
appear by title only and are paraphrased, never quoted. Dates are
7-10 September 2027.

Usage: python3 tools/build.py   (from anywhere)
"""
import html
import json
import os
import re
import uuid
import zlib
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
from xml.sax.saxutils import escape, quoteattr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
START = datetime(2027, 9, 7, 0, 0, tzinfo=timezone.utc)
END = datetime(2027, 9, 10, 23, 0, tzinfo=timezone.utc)
BUILD = datetime(2027, 9, 10, 23, 0, tzinfo=timezone.utc)
A, B = "alliance-statements", "border-developments"

# --------------------------------------------------------------------------
# Feeds. Order here is the order of feeds.json and of labels.json.
# --------------------------------------------------------------------------
FEEDS = [
    dict(id="kw", file="keystonewire.xml", format="RSS 2.0",
         title="Keystone Newswire — World", site="https://keystonewire.test/",
         self="https://keystonewire.test/feeds/world.rss", lang="en",
         desc="World desk wire copy from Keystone Newswire.",
         style="wire agency: datelines, UPDATE headlines, GMT dates"),
    dict(id="rr", file="rostrum-record.atom", format="Atom 1.0",
         title="Rostrum Record — Official statements", site="https://rostrumrecord.test/",
         self="https://rostrumrecord.test/statements.atom", lang="en",
         desc="Statements, press remarks and releases of alliances, EU bodies and allied governments, mirrored and summarised.",
         style="mirror of official texts"),
    dict(id="sd", file="seym-desna.xml", format="RSS 2.0",
         title="Сейм и Десна — Курск, Брянск, Белгород",
         site="https://seym-desna.test/", self="https://seym-desna.test/feed/", lang="ru",
         desc="Региональные новости: Курск, Брянск, Белгород.",
         style="Russian regional outlet (Russian language)"),
    dict(id="sv", file="slobidska-varta.atom", format="Atom 1.0",
         title="Слобідська варта", site="https://slobidska-varta.test/",
         self="https://slobidska-varta.test/atom.xml", lang="uk",
         desc="Новини Харківщини, Сумщини та Чернігівщини.",
         style="Ukrainian regional outlet (Ukrainian language, one English entry), CDATA content"),
    dict(id="pn", file="pivnich247.json", format="JSON Feed 1.1",
         title="Північ 24/7 | оперативно", site="https://pivnich247.test/",
         self="https://pivnich247.test/feed.json", lang="uk",
         desc="Дзеркало телеграм-каналу: коротко і швидко про північ України.",
         style="Telegram-channel mirror, short posts (Ukrainian language, JSON Feed)"),
    dict(id="gi", file="globus-info.atom", format="Atom 1.0",
         title="Глобус-Инфо — лента новостей", site="https://globus-info.test/",
         self="https://globus-info.test/export/atom.xml", lang="ru",
         desc="Новости России и мира.",
         style="Russian-language news agency (Moscow), escaped HTML summaries"),
    dict(id="bo", file="borderland-observer.xml", format="RSS 2.0",
         title="The Borderland Observer", site="https://borderland-observer.test/",
         self="https://borderland-observer.test/rss", lang="en",
         desc="News from Ukraine's northern and eastern regions, in English.",
         style="English-language Ukrainian news site"),
    dict(id="rl", file="rueloi.xml", format="RSS 2.0",
         title="Rue de la Loi Report", site="https://rueloi-report.test/",
         self="https://rueloi-report.test/rss.xml", lang="en",
         desc="EU politics and European security, from Brussels.",
         style="European politics site"),
    dict(id="ai", file="aldgate-commentary.atom", format="Atom 1.0",
         title="Aldgate Institute — Commentary", site="https://commentary.aldgate.test/",
         self="https://commentary.aldgate.test/feed.atom", lang="en",
         desc="Commentary and analysis from the Aldgate Institute for Security Studies, London.",
         style="think-tank commentary"),
    dict(id="tf", file="tallyforge.xml", format="RSS 2.0",
         title="Tallyforge — Industry & Markets", site="https://tallyforge.test/",
         self="https://tallyforge.test/rss/industry", lang="en-US",
         desc="Manufacturing, defense industry, agriculture and markets.",
         style="business and industry site (no guids, utm on every link, EDT dates, escaped HTML)"),
    dict(id="mp", file="matchpoint.atom", format="Atom 1.0",
         title="Matchpoint Daily", site="https://matchpoint-daily.test/",
         self="https://matchpoint-daily.test/feed.atom", lang="en",
         desc="Results, reports and features from world sport.",
         style="sports site"),
]
FEED = {f["id"]: f for f in FEEDS}

# --------------------------------------------------------------------------
# Stories: id -> topics, neutral one-line summary, optional related.
# --------------------------------------------------------------------------
STORIES = {
    # ---- alliance-statements only
    "g01-nato-sg-bucharest-air-defence": dict(
        topics=[A],
        one_line="On 7 September at a joint news conference in Bucharest with the Romanian president, the NATO Secretary General announced an allied air-defence training centre in Romania from 2028, also open to Ukrainian crews, said a multinational counter-drone task force would deploy along Romania's Danube border this winter, and warned that drones threatening allied airspace would be shot down."),
    "g02-nato-sg-helsinki-baltic-cables": dict(
        topics=[A],
        one_line="On 9 September at a security forum in Helsinki the NATO Secretary General said the number of allied ships protecting undersea cables and pipelines in the Baltic Sea would double to 16 over the winter, that Baltic allies would pool seabed-sensor and radar data at NATO's maritime command, and asked governments to keep two cable-repair ships on standby."),
    "g03-saceur-adazi-winter-exercise": dict(
        topics=[A],
        one_line="On 9 September at the Adazi base in Latvia, NATO's Supreme Allied Commander Europe said NATO would hold its largest winter exercise in the Baltic states in February 2028, with about 30,000 troops, including a test of moving a reinforcement division by rail from Germany."),
    "g04-eu-hr-gymnich-thessaloniki": dict(
        topics=[A],
        one_line="On 8 September, after an informal meeting of EU foreign ministers in Thessaloniki, the EU High Representative proposed spending 6 billion euros of windfall profits on immobilised Russian central-bank assets on weapons ordered from Ukraine's own defence industry in 2028, and said ministers had agreed to start work on a Schengen entry ban for Russian servicemen who fought in Ukraine."),
    "g05-g7-fm-black-sea-shipping": dict(
        topics=[A],
        one_line="On 10 September the G7 foreign ministers issued a joint statement condemning attacks on Ukraine's Black Sea and Danube ports, announcing a 1.2 billion dollar war-risk insurance facility for merchant ships calling at Ukrainian ports and promising more help with clearing sea mines."),
    "g06-germany-baltic-air-policing": dict(
        topics=[A],
        one_line="On 7 September Germany's defence ministry said Germany would lead NATO's Baltic air policing from Amari, Estonia, from 1 December with six Eurofighters instead of four, for a rotation of eight months instead of four."),
    "g07-csto-sg-incident-talks": dict(
        topics=[A],
        one_line="On 8 September in Astana the CSTO Secretary General said he had written to the NATO Secretary General proposing consultations on preventing military incidents in the Baltic and the Arctic, and that CSTO foreign ministers would discuss the proposal in November."),
    "g08-udcg-ramstein-pledges": dict(
        topics=[A],
        one_line="On 9 September the Ukraine Defence Contact Group, meeting at Ramstein Air Base under British and German co-chairs, announced pledges of about 4.2 billion euros, including two long-range air-defence batteries funded by Sweden and Norway, 3,000 interceptor drones and 400,000 artillery rounds for 2028."),
    "g09-uk-defsec-ramstein-preview": dict(
        topics=[A],
        one_line="On 8 September, the day before the Ukraine Defence Contact Group met at Ramstein, the UK Defence Secretary said Britain would commit 350 million pounds to air defence for Ukraine and would ask other members of the group to match it."),
    "g10-france-romania-forward-force": dict(
        topics=[A],
        one_line="On 10 September France's armed forces ministry said France would raise its contingent in NATO's forward land forces in Romania to about 2,000 troops by 2028 and deploy a SAMP/T air-defence unit there in 2028."),
    "g11-commission-military-mobility": dict(
        topics=[A],
        one_line="On 10 September the European Commission proposed an 11 billion euro military mobility package to upgrade about 500 bridges, rail links and port facilities on four corridors towards the EU's eastern border and to limit cross-border clearance for military convoys to three days."),
    "g12-portugal-frigate-baltic": dict(
        topics=[A],
        one_line="On 8 September Portugal's defence ministry said Portugal would assign a frigate to Standing NATO Maritime Group 1 in the Baltic Sea for six months from October."),
    # ---- both topics
    "g13-eu-hr-hlukhiv-statement": dict(
        topics=[A, B], related=["g20-hlukhiv-market-missile"],
        one_line="On 9 September the EU High Representative condemned the 8 September missile strike on the central market of Hlukhiv, Sumy oblast (seven killed, two of them children, and 23 injured, according to Ukrainian authorities) and said the EU would arrange medical evacuation of the most seriously injured to EU hospitals and send trauma kits to the region."),
    "g14-germany-iris-t-kharkiv": dict(
        topics=[A, B], related=["g21-kharkiv-parcel-terminal-strike"],
        one_line="On 10 September Germany's defence ministry said Germany would send Ukraine an additional IRIS-T SLM air-defence unit in October to protect Kharkiv, after the 9 September missile strike on a parcel-delivery terminal in the city's Osnovianskyi district that injured six workers, according to Ukrainian authorities."),
    "g15-nb8-hlukhiv-statement": dict(
        topics=[A, B], related=["g20-hlukhiv-market-missile"],
        one_line="On 9 September the foreign ministers of the Nordic-Baltic Eight condemned the 8 September missile strike on the central market of Hlukhiv, Sumy oblast (seven killed and 23 injured, according to Ukrainian authorities) and said their countries would pay to rebuild the market and send a field-hospital module to Sumy oblast."),
    # ---- border-developments only
    "g20-hlukhiv-market-missile": dict(
        topics=[B], related=["g13-eu-hr-hlukhiv-statement", "g15-nb8-hlukhiv-statement"],
        one_line="On the morning of 8 September a ballistic missile hit the central market of Hlukhiv, Sumy oblast; Ukrainian officials first reported three killed and 11 injured, and by 9 September seven killed, two of them children, and 23 injured. Russia's defence ministry said it had struck a temporary base of Ukrainian troops in the town."),
    "g21-kharkiv-parcel-terminal-strike": dict(
        topics=[B], related=["g14-germany-iris-t-kharkiv"],
        one_line="Overnight into 9 September missiles hit a parcel-delivery terminal in Kharkiv's Osnovianskyi district, starting a large fire and injuring six night-shift workers, according to regional officials; on 10 September one of them died in hospital. Russia's defence ministry said it had struck a workshop assembling attack drones."),
    "g22-guevo-drone-gas-crew": dict(
        topics=[B],
        one_line="On the morning of 7 September a drone hit a gas-service repair van near Guevo in the Sudzha district of Kursk oblast, killing one worker and injuring another, according to the Kursk governor."),
    "g23-krupets-shelling": dict(
        topics=[B],
        one_line="On the afternoon of 7 September rocket-artillery fire on Krupets, Khomutovka district of Kursk oblast, damaged the school gym, several houses and a gas pipeline, leaving about 300 residents without gas and causing no casualties, according to the Kursk governor."),
    "g24-lopandino-shop-drone": dict(
        topics=[B],
        one_line="On 8 September a drone dropped an explosive on a village shop in Lopandino, Komarichi district of Bryansk oblast, injuring the shop assistant and a customer, according to the Bryansk governor."),
    "g25-volokonovka-children-evacuation": dict(
        topics=[B],
        one_line="On 8 September the Belgorod governor announced that about 210 children would be moved from five border villages of Volokonovka district, including Tishanka and Shidlovka, to children's camps after a week of shelling and drone attacks."),
    "g26-zakutskoye-farm-drone": dict(
        topics=[B],
        one_line="On the morning of 8 September a drone hit a dairy farm in Zakutskoye, Veydelevka district of Belgorod oblast, injuring a farm worker, burning a cowshed and killing about 40 cows, according to the Belgorod governor."),
    "g27-russia-mod-57-drones": dict(
        topics=[B],
        one_line="On 10 September Russia's defence ministry said 57 Ukrainian drones had been destroyed overnight: 22 over Bryansk, 15 over Kursk, nine over Belgorod, six over Oryol and five over Smolensk oblasts."),
    "g28-trostianets-glide-bomb": dict(
        topics=[B],
        one_line="On the morning of 9 September a guided aerial bomb hit a bread factory in Trostianets, Sumy oblast, injuring three people including a teenage girl and damaging about 15 houses and a gas pipeline, according to the Sumy regional administration."),
    "g29-ryzhivka-scatter-mines": dict(
        topics=[B],
        one_line="On 10 September Ukraine's State Border Guard Service said Russian drones had scattered small anti-personnel mines on the roads around Ryzhivka, Sumy oblast, overnight; a 58-year-old resident was badly injured by one and the roads were closed for clearance."),
    "g30-kholmy-ambulance-fpv": dict(
        topics=[B],
        one_line="On the afternoon of 7 September an FPV drone hit an ambulance near Kholmy, Koriukivka district of Chernihiv oblast, injuring a paramedic and the driver, according to the Chernihiv regional administration."),
    "g31-velykyi-burluk-evacuation-zone": dict(
        topics=[B],
        one_line="On 9 September the Kharkiv regional administration added six border villages of the Velykyi Burluk community to the mandatory evacuation zone, telling the remaining residents, about 430 people including 35 children, to leave, and restricted entry to permit holders."),
    "g32-derhachi-glide-bomb": dict(
        topics=[B],
        one_line="On the afternoon of 9 September a guided aerial bomb hit a warehouse on the outskirts of Derhachi, Kharkiv oblast, injuring two men, according to local officials."),
    "g33-belgorod-city-drone-debris": dict(
        topics=[B],
        one_line="On the evening of 10 September debris from a drone shot down over Belgorod damaged the roof and fence of a private house, without casualties, according to the Belgorod governor."),
    "g34-mena-fuel-station-drone": dict(
        topics=[B],
        one_line="On 10 September a drone hit a filling station on the outskirts of Mena, Chernihiv oblast, causing a fire and no casualties, according to the regional administration."),
}

# --------------------------------------------------------------------------
# Items
# --------------------------------------------------------------------------
ITEMS = []


def add(feed, when, slug, title, body, story=None, actors=(), locations=(), lang=None,
        notes="", section=None, link=None, guid="auto", updated=None, updated_only=False):
    """Register one feed item.

    when: local time with offset, "2027-09-07T08:15+03:00", or None (undated).
    body: list of paragraphs (HTML allowed) or a ready HTML string.
    """
    ITEMS.append(dict(feed=feed, when=when, slug=slug, title=title, body=body, story=story,
                      actors=list(actors), locations=list(locations),
                      lang=lang or FEED[feed]["lang"][:2].lower(), notes=notes, section=section,
                      link=link, guid=guid, updated=updated, updated_only=updated_only,
                      order=len(ITEMS)))


# ==========================================================================
# g01  NATO Secretary General in Bucharest, Tue 7 September
# ==========================================================================
add("kw", "2027-09-07T10:05+00:00", "nato-air-defence-school-romania-counter-drone-danube",
    "NATO to open air-defence school in Romania, send counter-drone force to Danube border",
    ["BUCHAREST, Sept 7 (Keystone) – NATO will open an air-defence training centre in Romania in 2028 and send a multinational counter-drone task force to guard Romania's Danube border with Ukraine this winter, the alliance's secretary general said on Tuesday.",
     "Speaking at a joint news conference with Romania's president, the secretary general said the training centre would also take Ukrainian crews. He warned Moscow that drones straying into allied airspace would be shot down if they posed a threat. Romania has reported more than 20 drone incursions this year, most during Russian attacks on Ukrainian ports across the river.",
     "He did not say which allies would contribute to the task force. Russia's foreign ministry did not immediately comment."],
    story="g01-nato-sg-bucharest-air-defence", section="world/europe",
    actors=["NATO Secretary General", "NATO", "Romanian president"],
    locations=["Bucharest", "Romania", "Danube"],
    notes="Same official as g02 (Helsinki, 9 Sep) on another day: separate story.")

add("rr", "2027-09-07T12:40+02:00", "joint-press-conference-nato-secretary-general-president-romania",
    "Joint press conference of the NATO Secretary General and the President of Romania, Bucharest",
    ["<strong>Bucharest, 7 September 2027.</strong> Summary of the remarks of the NATO Secretary General at the joint press conference with the President of Romania. The full transcript is published by the NATO press service.",
     "The Secretary General thanked Romania for hosting Allied forces and for its contribution to air policing on the eastern flank. He made the following points:",
     "<ul><li>An Allied air-defence training centre will be established in Romania in 2028, open to crews from Allies and from Ukraine.</li>"
     "<li>A multinational counter-drone task force will deploy along Romania's border on the Danube for the winter period.</li>"
     "<li>Allies will take all necessary measures against drones or missiles that enter Allied airspace and pose a threat. The Secretary General called on Russia to stop such violations.</li></ul>",
     "<em>Updated 16:10 CEST: the opening year of the training centre has been corrected to 2028.</em>"],
    story="g01-nato-sg-bucharest-air-defence",
    actors=["NATO Secretary General", "NATO", "Romanian president"], locations=["Bucharest", "Romania"],
    updated="2027-09-07T16:10+02:00",
    notes="Mirrored official summary, paraphrased. <updated> later than <published> (correction note).")

add("gi", "2027-09-07T14:20+03:00", "gensek-nato-rumyniya-borba-s-bespilotnikami",
    "Генсек НАТО объявил о размещении в Румынии сил по борьбе с беспилотниками",
    ["НАТО этой зимой развернёт вдоль румынского участка границы по Дунаю многонациональную оперативную группу по борьбе с беспилотниками, а в 2028 году откроет в Румынии учебный центр ПВО, где будут готовить в том числе украинских военных. Об этом во вторник в Бухаресте заявил генеральный секретарь Североатлантического альянса на совместной пресс-конференции с президентом Румынии.",
     "Генсек также предупредил Москву, что беспилотники, нарушающие воздушное пространство стран альянса, будут сбиваться. В МИД России подобные заявления ранее называли попыткой оправдать наращивание военного присутствия НАТО у российских границ."],
    story="g01-nato-sg-bucharest-air-defence", section="world",
    actors=["NATO Secretary General", "NATO"], locations=["Bucharest", "Romania", "Danube"],
    notes="Russian-language report of the same press conference; 'Североатлантический альянс' for NATO.")

add("pn", "2027-09-07T13:02+03:00", "gensek-nato-rumuniia-navchalnyi-tsentr-ppo",
    "⚡️Генсек НАТО: у Румунії навчатимуть і українських ППОшників",
    ["⚡️У 2028 році в Румунії відкриють навчальний центр ППО НАТО — там тренуватимуть і українські екіпажі, заявив генсек Альянсу в Бухаресті.",
     "Ще одне: цієї зими вздовж Дунаю розгорнуть багатонаціональну групу для боротьби з дронами.",
     "👉 Підписатися на «Північ 24/7»"],
    story="g01-nato-sg-bucharest-air-defence",
    actors=["NATO Secretary General", "NATO"], locations=["Bucharest", "Romania"],
    notes="Telegram-style short post.")

add("rl", "2027-09-07T17:30+02:00", "romania-nato-air-defence-school-counter-drone",
    "Romania lands NATO air-defence school and a counter-drone task force",
    ["NATO's secretary general used a visit to Bucharest on Tuesday to announce that Romania will host the alliance's new air-defence training centre from 2028 — a win for a government that has lobbied for years for more allied investment on the Black Sea coast. Ukrainian crews will train there too.",
     "He also promised a multinational counter-drone task force along the Danube for the winter. Diplomats here said the contributing allies had not yet been settled.",
     "On drone incursions, the secretary general repeated that allies would act against drones that threaten their airspace, without spelling out any new rules of engagement. Romanian officials have complained privately that the existing rules leave pilots guessing."],
    story="g01-nato-sg-bucharest-air-defence",
    actors=["NATO Secretary General", "NATO", "Romanian government"], locations=["Bucharest", "Romania"],
    link="https://rueloi-report.test/article.php?id=20417",
    notes="Brussels-angle rewrite of the Bucharest statement.")

add("bo", "2027-09-07T15:40+03:00", "nato-to-train-ukrainian-air-defence-crews-romania",
    "NATO to train Ukrainian air-defence crews at new centre in Romania",
    ["Ukrainian air-defence crews will be able to train at a new NATO centre in Romania from 2028, the alliance's secretary general said in Bucharest on Tuesday.",
     "He also announced a multinational counter-drone task force for Romania's stretch of the Danube, across the river from Ukraine's Odesa region, where Russian drones regularly attack port towns.",
     "Ukraine's foreign ministry welcomed the announcement and said it hoped the centre could open sooner."],
    story="g01-nato-sg-bucharest-air-defence", section="politics",
    actors=["NATO Secretary General", "NATO", "Ukrainian foreign ministry"], locations=["Bucharest", "Romania"],
    notes="Ukrainian angle on the same NATO statement, with a Kyiv reaction: same story. Odesa region is a passing mention.")

# ==========================================================================
# g02  NATO Secretary General in Helsinki, Thu 9 September (same official, other day)
# ==========================================================================
add("kw", "2027-09-09T08:10+00:00", "nato-double-baltic-cable-patrol-16-ships-winter",
    "NATO to double Baltic Sea cable patrol to 16 ships this winter",
    ["HELSINKI, Sept 9 (Keystone) – NATO will double the number of allied warships watching over the Baltic Sea's seabed cables and pipelines to 16 over the winter, the alliance's secretary general said on Thursday, after three cable breaks since June that Finnish and Estonian investigators have linked to ships dragging their anchors.",
     "Opening the Helsinki Baltic Security Forum, the secretary general said allies on the Baltic had also agreed to pool data from seabed sensors and coastal radars into a single picture at NATO's maritime command, and he asked governments to keep at least two cable-repair ships on standby in the region.",
     "The patrol has run since last year with about eight frigates and minehunters at sea at any one time."],
    story="g02-nato-sg-helsinki-baltic-cables", section="world/europe",
    actors=["NATO Secretary General", "NATO"], locations=["Helsinki", "Finland", "Baltic Sea"],
    notes="Same official as g01 (Bucharest, 7 Sep) on another day and subject: separate story. Same day as g03 (SACEUR in Latvia, also Baltic): different official and subject.")

add("rr", "2027-09-09T09:45+02:00", "speech-nato-secretary-general-helsinki-baltic-security-forum",
    "Speech by the NATO Secretary General at the Helsinki Baltic Security Forum (summary)",
    ["Helsinki, 9 September 2027. Summary of the opening speech by the NATO Secretary General. Check against delivery.",
     "The Secretary General said the damage to undersea infrastructure in the Baltic Sea since June showed that critical infrastructure had become a front line of Allied security.",
     "<ul><li>The number of Allied vessels assigned to the protection of undersea infrastructure in the Baltic Sea will increase from eight to sixteen for the winter period.</li>"
     "<li>Baltic Sea Allies have agreed to integrate data from national seabed sensors and coastal radars into a common operational picture at Allied Maritime Command.</li>"
     "<li>Allies are asked to keep at least two cable-repair vessels on standby in the region.</li></ul>"],
    story="g02-nato-sg-helsinki-baltic-cables",
    actors=["NATO Secretary General", "NATO"], locations=["Helsinki", "Baltic Sea"],
    updated_only=True, notes="Atom entry with <updated> only (label 'published' = updated).")

add("gi", "2027-09-09T12:30+03:00", "nato-udvoit-chislo-korablei-baltika",
    "НАТО удвоит число кораблей для охраны подводных кабелей на Балтике",
    ["Североатлантический альянс этой зимой увеличит до 16 число кораблей, патрулирующих районы прокладки подводных кабелей и трубопроводов в Балтийском море. Об этом в четверг заявил генеральный секретарь НАТО, выступая на форуме по безопасности в Хельсинки.",
     "По его словам, балтийские страны альянса также объединят данные донных датчиков и береговых радаров, а правительствам предложено держать в регионе наготове не менее двух судов для ремонта кабелей.",
     "С июня на Балтике были повреждены три кабеля; финские и эстонские следователи связывают инциденты с судами, тащившими якорь по дну. Москва свою причастность отрицает."],
    story="g02-nato-sg-helsinki-baltic-cables", section="world",
    actors=["NATO Secretary General", "NATO"], locations=["Helsinki", "Baltic Sea"])

AI_G02 = """<p><img src="https://commentary.aldgate.test/media/2027/09/gulf-of-finland-minehunter.jpg" alt="A minehunter in the Gulf of Finland" width="960" height="540"/></p>
<p><em>By Pieter Vermaat, senior fellow, maritime security</em></p>
<p>The NATO Secretary General's speech in Helsinki on Thursday contained three commitments. Together they are the most concrete allied answer so far to this summer's cable breaks. They leave the hardest question untouched: what an allied captain may lawfully do about a suspect ship.</p>
<h3>What was announced</h3>
<ul>
<li>Sixteen allied ships on cable and pipeline protection through the winter, twice the current number.</li>
<li>One underwater picture: the seabed sensors and coastal radars of the Baltic allies feeding a single operational picture at Allied Maritime Command.</li>
<li>A request that governments keep two cable-repair ships on standby in the region.</li>
</ul>
<h3>What it changes</h3>
<p>More hulls shorten response times, and in a sea as shallow and crowded as the Baltic, response time is most of the game. The sensor pooling matters more than the ship count. Until now each navy has watched its own stretch of seabed, and data has been shared by telephone and goodwill. A common picture means an anchor dragging across three exclusive economic zones can be followed as one event rather than three.</p>
<p>The repair-ship request is the quiet admission in the speech. The Baltic has too few cable-laying vessels, most of them commercially chartered months ahead. A break in January can mean weeks of reduced capacity.</p>
<h3>What it does not change</h3>
<p>Patrols deter the careless. They do not deter a crew that has been paid to drag an anchor, and nothing in Thursday's speech gives allied commanders new authority to stop a merchant ship in international waters without the consent of its flag state. That is a legal problem for governments, not a naval one, and it was not on the agenda in Helsinki.</p>
<h3>Open questions</h3>
<ul>
<li>Whether the two repair ships appear, and who pays for them.</li>
<li>Whether the Baltic allies publish anything about the sensor network, or keep it entirely classified.</li>
<li>Whether the doubling lasts beyond the winter.</li>
</ul>"""

add("ai", "2027-09-09T17:20+01:00", "sixteen-ships-and-a-sensor-net",
    "Sixteen ships and a sensor net: what NATO's Helsinki announcement changes in the Baltic",
    AI_G02,
    story="g02-nato-sg-helsinki-baltic-cables",
    actors=["NATO Secretary General", "Aldgate Institute", "Aldgate Institute analyst (Pieter Vermaat, invented)"],
    locations=["Helsinki", "Baltic Sea"],
    notes="Think-tank analysis whose subject is the statement: alliance-statements. Long HTML content with <img>, <h3>, <ul>; type=\"text\" summary.")

add("rl", "2027-09-09T13:15+02:00", "nato-doubles-baltic-cable-patrol-eu-repair-fleet",
    "NATO doubles Baltic cable patrol — and the Commission's repair-ship plan suddenly looks urgent",
    ["NATO's secretary general announced in Helsinki on Thursday that the alliance will put 16 ships on cable-protection duty in the Baltic this winter, twice the current number, and asked capitals to keep two cable-repair vessels on standby.",
     "That last request lands on a Brussels desk. The Commission has been trying since the spring to get member states to co-fund a small EU reserve of repair ships, so far without much success. EU officials said on Thursday that the NATO request and the EU plan were meant to complement each other.",
     "Sensor data from the Baltic allies will also be pooled at NATO's maritime command in Northwood, a step Finland and Sweden had pushed for."],
    story="g02-nato-sg-helsinki-baltic-cables",
    actors=["NATO Secretary General", "NATO", "European Commission"], locations=["Helsinki", "Baltic Sea"],
    link="https://rueloi-report.test/article.php?id=20466",
    notes="EU-angle rewrite; the Commission plan is background, the subject is the NATO statement.")

# ==========================================================================
# g03  SACEUR at Adazi, Latvia, Thu 9 September (different NATO official, same day as g02)
# ==========================================================================
add("kw", "2027-09-09T14:20+00:00", "nato-commander-biggest-baltic-winter-exercise-30000",
    "NATO commander plans biggest Baltic winter exercise, with 30,000 troops",
    ["ADAZI, Latvia, Sept 9 (Keystone) – NATO will hold its largest winter exercise in the Baltic states next February, with about 30,000 troops, the alliance's top military commander in Europe said on Thursday, and will use it to test how quickly a reinforcement division can be moved by rail from Germany.",
     "Speaking at the Adazi military base near Riga, the Supreme Allied Commander Europe said the exercise would run across Latvia, Lithuania and Estonia in temperatures that could fall to minus 25 degrees. He did not name the division.",
     "Latvia's defence ministry said the country would host about half of the troops."],
    story="g03-saceur-adazi-winter-exercise", section="world/europe",
    actors=["Supreme Allied Commander Europe", "NATO", "Latvian defence ministry"],
    locations=["Adazi", "Latvia", "Lithuania", "Estonia"],
    notes="Look-alike of g02: NATO, same day, Baltic region, but a different official, place and subject.")

add("rl", "2027-09-09T16:55+02:00", "wire-nato-commander-baltic-winter-exercise",
    "Wire: NATO's top commander announces 30,000-strong Baltic winter exercise",
    ["(Keystone) NATO's Supreme Allied Commander Europe said on Thursday the alliance will hold its largest winter exercise in the Baltic states in February, with about 30,000 troops, including a test of moving a reinforcement division by rail from Germany.",
     "Via Keystone Newswire. Our own look at what the exercise means for the EU's military mobility money follows on Friday."],
    story="g03-saceur-adazi-winter-exercise",
    actors=["Supreme Allied Commander Europe", "NATO"], locations=["Latvia", "Lithuania", "Estonia"],
    link="http://keystonewire.test/news/world/europe/2027/09/09/nato-commander-biggest-baltic-winter-exercise-30000",
    notes="Wire pick-up linking over http:// to the Keystone article: same canonical link as the keystonewire.xml item, so g03 has 4 items and 3 links.")

add("gi", "2027-09-09T17:45+03:00", "komanduyushchii-nato-zimnie-ucheniya-pribaltika",
    "Командующий ОВС НАТО в Европе объявил о крупнейших зимних учениях в Прибалтике",
    ["Верховный главнокомандующий объединёнными вооружёнными силами НАТО в Европе заявил в четверг на базе Адажи в Латвии, что в феврале 2028 года альянс проведёт в странах Балтии крупнейшие зимние учения с участием около 30 тысяч военных.",
     "В ходе учений планируется проверить, как быстро по железной дороге из Германии можно перебросить дивизию усиления. В МИД России учения НАТО у российских границ ранее называли провокационными."],
    story="g03-saceur-adazi-winter-exercise", section="world",
    actors=["Supreme Allied Commander Europe", "NATO"], locations=["Adazi", "Latvia"])

add("rr", "2027-09-09T15:30+02:00", "shape-saceur-announces-winter-exercise-baltic-region",
    "SHAPE: Supreme Allied Commander Europe announces winter exercise in the Baltic region",
    ["Mons, 9 September 2027. Press release issued by Supreme Headquarters Allied Powers Europe (SHAPE).",
     "During a visit to Ādaži Military Base, Latvia, the Supreme Allied Commander Europe (SACEUR) announced that NATO will conduct its largest winter exercise in the Baltic region in February 2028, with approximately 30,000 personnel from Allied nations.",
     "The exercise will include the rail deployment of a reinforcement division from Germany to test military mobility under winter conditions. Participating nations and units will be announced in due course."],
    story="g03-saceur-adazi-winter-exercise",
    actors=["Supreme Allied Commander Europe", "SHAPE", "NATO"], locations=["Adazi", "Latvia"],
    notes="'Ādaži' with diacritics here, 'Adazi' in the wire copy.")

# ==========================================================================
# g04  EU High Representative after the Gymnich in Thessaloniki, Wed 8 September
# ==========================================================================
add("kw", "2027-09-08T13:05+00:00", "eu-top-diplomat-six-billion-ukrainian-made-weapons",
    "EU's top diplomat proposes 6 billion euros to buy Ukrainian-made weapons for Kyiv",
    ["THESSALONIKI, Greece, Sept 8 (Keystone) – The EU's foreign policy chief on Wednesday put forward a plan to spend 6 billion euros next year on weapons ordered from Ukraine's own arms makers for its army, paid for from windfall profits on Russian central bank assets immobilised in the EU.",
     "After an informal two-day meeting of EU foreign ministers in the Greek port city, the High Representative also said ministers had agreed to start work on barring Russian servicemen who fought in Ukraine from entering the Schengen area.",
     "The spending plan needs the backing of all 27 governments. Diplomats said Hungary and Slovakia had asked for more time to study it."],
    story="g04-eu-hr-gymnich-thessaloniki", section="world/europe",
    actors=["EU High Representative", "EU foreign ministers", "European Union"],
    locations=["Thessaloniki", "Greece", "Ukraine"],
    notes="Same official as g13 (9 Sep, Hlukhiv statement) on the previous day: separate story.")

add("rr", "2027-09-08T14:40+02:00", "remarks-high-representative-gymnich-thessaloniki",
    "Remarks by the High Representative at the press conference following the informal meeting of foreign affairs ministers (Gymnich)",
    ["Thessaloniki, 8 September 2027. Summary of the press remarks of the High Representative of the Union for Foreign Affairs and Security Policy.",
     "<ul><li>The High Representative will propose to Member States to use EUR 6 billion of the windfall profits generated by immobilised assets of the Central Bank of Russia to procure, in 2028, military equipment from Ukraine's defence industry for the Armed Forces of Ukraine.</li>"
     "<li>Ministers agreed that work should begin on a common approach to the entry into the Schengen area of Russian servicemen who have taken part in the war against Ukraine.</li>"
     "<li>Ministers also discussed the situation in the Western Balkans and relations with the countries of the southern neighbourhood.</li></ul>"],
    story="g04-eu-hr-gymnich-thessaloniki",
    actors=["EU High Representative", "EU foreign ministers"], locations=["Thessaloniki", "Greece"])

add("rl", "2027-09-08T16:10+02:00", "gymnich-high-rep-six-billion-ukrainian-arms",
    "Gymnich: High Rep wants €6bn of asset profits spent on Ukrainian-made arms",
    ["Foreign ministers spent Tuesday evening on a boat in the Thermaic Gulf and Wednesday morning arguing about money. The result, as presented by the High Representative at the closing press conference: a proposal to spend €6bn of the windfall profits on immobilised Russian central bank assets on weapons made in Ukraine, for Ukraine's army, in 2028.",
     "The second outcome is more political: work will begin on a Schengen-wide entry ban for Russian servicemen who fought in Ukraine, an idea the Baltic states and Finland have pushed for two years. Informal meetings take no decisions, and the €6bn will need unanimity. Two capitals asked for time."],
    story="g04-eu-hr-gymnich-thessaloniki",
    actors=["EU High Representative", "EU foreign ministers"], locations=["Thessaloniki", "Greece"],
    link="/eu-affairs/2027/09/08/gymnich-high-rep-six-billion-ukrainian-arms",
    notes="Relative link (resolved against https://rueloi-report.test/ for canonical_link).")

add("gi", "2027-09-08T16:30+03:00", "glava-evrodiplomatii-6-mlrd-ukrainskoe-oruzhie",
    "Глава евродипломатии предложил потратить 6 млрд евро доходов от российских активов на украинское оружие",
    ["Верховный представитель ЕС по иностранным делам и политике безопасности предложил направить в 2028 году 6 млрд евро на закупку вооружений у украинских производителей для ВСУ. Средства предлагается взять из сверхприбыли от замороженных в Евросоюзе активов Центрального банка России.",
     "Об этом он сообщил в среду по итогам неформальной встречи министров иностранных дел стран ЕС в Салониках. По его словам, министры также договорились начать подготовку запрета на въезд в Шенгенскую зону для российских военнослужащих, участвовавших в боевых действиях на Украине.",
     "В Москве ранее неоднократно называли любое использование российских активов незаконным."],
    story="g04-eu-hr-gymnich-thessaloniki", section="world",
    actors=["EU High Representative", "EU foreign ministers"], locations=["Thessaloniki", "Greece"])

add("pn", "2027-09-08T15:25+03:00", "yes-6-mlrd-zbroia-ukrainskoho-vyrobnytstva",
    "🇪🇺 Верховний представник ЄС: 6 млрд євро — на зброю українського виробництва",
    ["🇪🇺 Після неформальної зустрічі міністрів закордонних справ ЄС у Салоніках верховний представник ЄС запропонував спрямувати 6 млрд євро на закупівлю зброї в українських виробників для ЗСУ. Гроші — з надприбутків від заморожених активів ЦБ РФ.",
     "Також ЄС почне готувати заборону на в'їзд до Шенгену для російських військових, які воювали проти України."],
    story="g04-eu-hr-gymnich-thessaloniki",
    actors=["EU High Representative"], locations=["Thessaloniki", "Ukraine"])

add("bo", "2027-09-08T18:00+03:00", "eu-floats-6bn-frozen-asset-profits-ukrainian-weapons",
    "EU floats €6bn from frozen-asset profits to buy Ukrainian-made weapons",
    ["The EU's foreign policy chief has proposed spending €6 billion of the profits on Russian central bank assets frozen in Europe on weapons from Ukrainian manufacturers for Ukraine's army next year, after EU foreign ministers met informally in Thessaloniki.",
     "Ukraine's strategic industries ministry said domestic producers of drones, artillery and missiles had unused capacity worth about twice that amount. The High Representative also said ministers would start work on a Schengen entry ban for Russian soldiers who fought in Ukraine."],
    story="g04-eu-hr-gymnich-thessaloniki", section="politics",
    actors=["EU High Representative", "Ukrainian strategic industries ministry"], locations=["Thessaloniki", "Ukraine"])

add("ai", "2027-09-08T19:30+01:00", "the-gymnich-six-billion",
    "The Gymnich €6bn: buying Ukrainian, if unanimity holds",
    ["The High Representative's proposal in Thessaloniki on Wednesday — €6bn of the windfall profits on immobilised Russian assets to buy weapons from Ukraine's own industry in 2028 — is the quickest way to get more equipment to the front. Ukrainian drones and shells cost a fraction of their western equivalents and need no shipping. It is also hostage to unanimity.",
     "The entry ban for Russian ex-servicemen is the easier half politically in the north and east of the Union, and the harder half legally, since Schengen has no common list for it. Expect the money to be agreed first."],
    story="g04-eu-hr-gymnich-thessaloniki",
    actors=["EU High Representative", "Aldgate Institute"], locations=["Thessaloniki"],
    notes="Analysis whose subject is the statement.")

# ==========================================================================
# g05  G7 foreign ministers on Black Sea shipping, Fri 10 September
# ==========================================================================
add("kw", "2027-09-10T16:40+00:00", "g7-war-risk-insurance-ships-ukrainian-ports",
    "G7 backs $1.2 billion war-risk insurance scheme for ships using Ukrainian ports",
    ["Sept 10 (Keystone) – G7 foreign ministers pledged on Friday to back a $1.2 billion war-risk insurance facility for merchant ships calling at Ukraine's Black Sea and Danube ports, and condemned Russia's repeated attacks on the ports.",
     "In a joint statement issued after a video call, the ministers also promised more help with clearing sea mines along Ukraine's coast. Insurers have raised war-risk premiums for the Ukrainian route several times this year."],
    story="g05-g7-fm-black-sea-shipping", section="world",
    actors=["G7 foreign ministers", "G7"], locations=["Black Sea", "Danube", "Ukraine"],
    notes="Same day as g14 (German defence ministry on Kharkiv): different speaker, separate story. Port attacks are outside the six oblasts.")

add("rr", "2027-09-10T18:00+02:00", "g7-foreign-ministers-statement-freedom-of-navigation-black-sea",
    "G7 Foreign Ministers' Statement on Freedom of Navigation in the Black Sea",
    ["Summary of the statement issued by the G7 Presidency after a video conference of the G7 Foreign Ministers.",
     "The Ministers condemned Russia's attacks on Ukraine's seaports and on its river ports on the Danube, which they said threatened global food security and freedom of navigation.",
     "They announced a USD 1.2 billion war-risk insurance facility, backed by G7 export-credit agencies, for merchant vessels calling at Ukrainian ports, and committed to additional support for maritime demining."],
    story="g05-g7-fm-black-sea-shipping",
    actors=["G7 foreign ministers", "G7"], locations=["Black Sea", "Danube", "Ukraine"],
    notes="Mirrored official summary, paraphrased.")

add("pn", "2027-09-10T19:10+03:00", "g7-strakhuvannia-suden-ukrainski-porty",
    "G7 дасть $1,2 млрд на страхування суден, що заходять в українські порти",
    ["Міністри закордонних справ G7 засудили атаки Росії на українські порти й оголосили про страховий механізм на 1,2 млрд доларів для суден, які заходять у порти Чорного моря та Дунаю. Також обіцяють більше допомоги з розмінуванням моря."],
    story="g05-g7-fm-black-sea-shipping",
    actors=["G7 foreign ministers"], locations=["Black Sea", "Ukraine"])

add("gi", "2027-09-10T19:50+03:00", "g7-strakhovanie-sudov-porty-ukrainy",
    "Министры G7 пообещали застраховать суда, заходящие в порты Украины, на 1,2 млрд долларов",
    ["Министры иностранных дел стран «Большой семёрки» в пятницу объявили о создании механизма страхования военных рисков на 1,2 млрд долларов для торговых судов, заходящих в украинские порты на Чёрном море и Дунае. Об этом говорится в совместном заявлении, опубликованном после видеоконференции министров.",
     "В заявлении также осуждаются удары по украинским портам."],
    story="g05-g7-fm-black-sea-shipping", section="world",
    actors=["G7 foreign ministers", "G7"], locations=["Black Sea", "Ukraine"])

# ==========================================================================
# g06  German defence ministry: Baltic air policing, Tue 7 September
# ==========================================================================
add("kw", "2027-09-07T09:40+00:00", "germany-lead-nato-baltic-air-policing-six-jets-eight-months",
    "Germany to lead NATO's Baltic air policing with six jets for eight months",
    ["BERLIN, Sept 7 (Keystone) – Germany will lead NATO's air policing mission over the Baltic states from Estonia's Amari air base from Dec. 1 with six Eurofighter jets instead of the usual four, and will stay for eight months rather than four, its defence ministry said on Tuesday.",
     "The ministry said the longer rotation would free other allies' fighters for air defence further south. Estonia's defence ministry welcomed the decision."],
    story="g06-germany-baltic-air-policing", section="world/europe",
    actors=["German defence ministry", "Germany", "NATO", "Estonian defence ministry"],
    locations=["Berlin", "Amari", "Estonia"],
    notes="Allied government on its NATO commitments. Same ministry as g14 (10 Sep) on another occasion: separate story.")

add("rr", "2027-09-07T12:15+02:00", "germany-expands-contribution-nato-baltic-air-policing",
    "Federal Ministry of Defence (Germany): Germany expands its contribution to NATO's Baltic Air Policing",
    ["Berlin, 7 September 2027. Summary of a press release of the German Federal Ministry of Defence.",
     "From 1 December 2027 the German Air Force will lead NATO's Baltic Air Policing mission from Ämari Air Base, Estonia, with six Eurofighter aircraft instead of the four previously planned. The German rotation will last eight months instead of four.",
     "The ministry describes the step as part of Germany's commitments on NATO's eastern flank."],
    story="g06-germany-baltic-air-policing",
    actors=["German defence ministry", "NATO"], locations=["Berlin", "Amari", "Estonia"],
    notes="'Ämari' with diacritic here, 'Amari' in the wire copy.")

add("gi", "2027-09-07T13:10+03:00", "germaniya-shest-istrebitelei-estoniya",
    "Германия разместит в Эстонии шесть истребителей для патрулирования неба Прибалтики",
    ["С 1 декабря Германия возглавит миссию НАТО по патрулированию воздушного пространства Прибалтики и разместит на эстонской авиабазе Эмари шесть истребителей Eurofighter вместо обычных четырёх, сообщило во вторник министерство обороны ФРГ. Немецкая ротация продлится восемь месяцев вместо четырёх."],
    story="g06-germany-baltic-air-policing", section="world",
    actors=["German defence ministry", "NATO"], locations=["Amari", "Estonia"])

add("rl", "2027-09-07T18:45+02:00", "berlin-bulks-up-baltic-air-policing",
    "Berlin bulks up Baltic air policing: six jets, eight months",
    ["Germany's defence ministry said on Tuesday it will take the lead of NATO's Baltic air policing rotation from 1 December with six Eurofighters rather than four, flying from Ämari in Estonia, and will stay eight months instead of the usual four.",
     "Officials in Tallinn welcomed the move. In Berlin, the opposition asked where the aircraft would come from, given the Luftwaffe's commitments elsewhere."],
    story="g06-germany-baltic-air-policing",
    actors=["German defence ministry", "NATO"], locations=["Amari", "Estonia"],
    link="https://rueloi-report.test/article.php?id=20398")

# ==========================================================================
# g07  CSTO Secretary General in Astana, Wed 8 September
# ==========================================================================
add("gi", "2027-09-08T09:40+03:00", "gensek-odkb-predlozhil-nato-konsultacii",
    "Генсек ОДКБ предложил НАТО консультации о предотвращении военных инцидентов",
    ["Генеральный секретарь Организации Договора о коллективной безопасности направил генеральному секретарю НАТО письмо с предложением начать консультации о предотвращении опасных военных инцидентов на Балтике и в Арктике. Об этом он сообщил в среду на пресс-конференции в Астане.",
     "По его словам, ОДКБ готова к диалогу без предварительных условий, а предложение обсудят министры иностранных дел стран организации на встрече в ноябре. Ответа из штаб-квартиры альянса пока не поступало."],
    story="g07-csto-sg-incident-talks", section="world",
    actors=["CSTO Secretary General", "CSTO"], locations=["Astana", "Kazakhstan"],
    notes="CSTO statement: alliance-statements (the rules count the CSTO as an alliance).")

add("kw", "2027-09-08T07:30+00:00", "csto-proposes-incident-prevention-talks-nato",
    "Russia-led CSTO proposes incident-prevention talks with NATO",
    ["ASTANA, Sept 8 (Keystone) – The head of the Russia-led Collective Security Treaty Organisation said on Wednesday he had written to NATO's secretary general proposing talks on preventing dangerous military incidents in the Baltic and the Arctic.",
     "Speaking at a news conference in the Kazakh capital, he said the bloc's foreign ministers would discuss the proposal in November. NATO did not immediately comment."],
    story="g07-csto-sg-incident-talks", section="world/asia",
    actors=["CSTO Secretary General", "CSTO"], locations=["Astana", "Kazakhstan"])

add("bo", "2027-09-08T12:15+03:00", "csto-chief-writes-to-nato-incident-talks",
    "CSTO chief writes to NATO proposing incident talks",
    ["The secretary general of the Russia-led CSTO said on Wednesday he had sent NATO a letter proposing consultations on avoiding military incidents in the Baltic and the Arctic.",
     "Ukraine's foreign ministry said the proposal was an attempt to draw NATO into a dialogue that ignored Russia's war against Ukraine."],
    story="g07-csto-sg-incident-talks", section="world",
    actors=["CSTO Secretary General", "CSTO", "Ukrainian foreign ministry"], locations=["Astana"])

# ==========================================================================
# g09  UK Defence Secretary ahead of Ramstein, Wed 8 September (preview: separate from g08)
# ==========================================================================
add("kw", "2027-09-08T17:10+00:00", "britain-350-million-pounds-ukraine-air-defence-ramstein",
    "Britain to put 350 million pounds into Ukraine's air defence, asks allies to match at Ramstein",
    ["LONDON, Sept 8 (Keystone) – Britain will commit 350 million pounds to air defence for Ukraine and will ask other countries to match it when the Ukraine Defence Contact Group meets at Ramstein Air Base in Germany on Thursday, the Defence Secretary said on Wednesday.",
     "Britain co-chairs the group of about 50 countries with Germany. The Defence Secretary said the money would buy short-range missiles and radar for Ukrainian units defending cities."],
    story="g09-uk-defsec-ramstein-preview", section="world/europe",
    actors=["UK Defence Secretary", "United Kingdom"], locations=["London", "Ramstein"],
    notes="Preview: a statement made the day before the meeting. The meeting's outcome (g08) is a separate story.")

add("gi", "2027-09-08T21:05+03:00", "london-350-mln-funtov-pvo-ramshtain",
    "Лондон выделит 350 млн фунтов на ПВО Украины и призовёт союзников последовать примеру",
    ["Великобритания направит 350 млн фунтов стерлингов на противовоздушную оборону Украины, заявил в среду министр обороны страны. По его словам, в четверг на встрече Контактной группы по обороне Украины на авиабазе Рамштайн Лондон предложит другим участникам выделить сопоставимые суммы."],
    story="g09-uk-defsec-ramstein-preview", section="world",
    actors=["UK Defence Secretary"], locations=["London", "Ramstein"])

add("pn", "2027-09-08T20:30+03:00", "brytaniia-350-mln-ppo-ramshtain",
    "🇬🇧 £350 млн на ППО — Британія напередодні «Рамштайну»",
    ["🇬🇧 Британія виділяє £350 млн на ППО для України. Міністр оборони Великої Британії закликатиме партнерів на завтрашньому «Рамштайні» дати стільки ж."],
    story="g09-uk-defsec-ramstein-preview",
    actors=["UK Defence Secretary"], locations=["London", "Ramstein"])

# ==========================================================================
# g08  Ukraine Defence Contact Group at Ramstein, Thu 9 September
# ==========================================================================
add("kw", "2027-09-09T14:50+00:00", "allies-pledge-4-2-billion-euros-ukraine-ramstein",
    "Allies pledge 4.2 billion euros of weapons for Ukraine at Ramstein",
    ["RAMSTEIN, Germany, Sept 9 (Keystone) – Members of the Ukraine Defence Contact Group pledged about 4.2 billion euros of new military aid for Ukraine on Thursday, including two long-range air-defence batteries paid for by Sweden and Norway, 3,000 interceptor drones and 400,000 artillery rounds for delivery in 2028, the group's British and German co-chairs said.",
     "Britain's 350 million pound air-defence contribution, announced on Wednesday, is part of the total. Ukraine's defence minister, who attended in person, said the interceptor drones would go first to units protecting cities in the north and east."],
    story="g08-udcg-ramstein-pledges", section="world/europe",
    actors=["Ukraine Defence Contact Group", "UK Defence Secretary", "German defence minister", "Ukrainian defence minister"],
    locations=["Ramstein", "Germany", "Ukraine"],
    notes="A grouping of allied governments making pledges. Mentions the g09 preview in passing; separate story.")

add("rr", "2027-09-09T17:30+02:00", "udcg-joint-statement-co-chairs-ramstein",
    "Ukraine Defence Contact Group: joint statement of the co-chairs, Ramstein, 9 September 2027",
    ["The Defence Ministers of the United Kingdom and Germany, co-chairs of the Ukraine Defence Contact Group, summarised the outcome of the group's meeting at Ramstein Air Base.",
     "<ul><li>New commitments total approximately EUR 4.2 billion.</li>"
     "<li>Sweden and Norway will jointly fund two long-range air-defence batteries.</li>"
     "<li>Members will provide 3,000 interceptor drones and 400,000 rounds of artillery ammunition for delivery in 2028.</li>"
     "<li>The capability coalitions for air defence and for drones will report on progress at the next meeting.</li></ul>"],
    story="g08-udcg-ramstein-pledges",
    actors=["Ukraine Defence Contact Group", "UK Defence Secretary", "German defence minister"],
    locations=["Ramstein", "Germany"])

add("sv", "2027-09-09T18:20+03:00", "ramshtain-4-2-mlrd-ievro",
    "«Рамштайн»: партнери пообіцяли Україні озброєння на 4,2 млрд євро",
    ["Учасники Контактної групи з питань оборони України на засіданні в Рамштайні пообіцяли нову військову допомогу приблизно на 4,2 млрд євро. Про це повідомили співголови групи — міністри оборони Великої Британії та Німеччини.",
     "До пакета входять дві батареї ППО великої дальності, які профінансують Швеція та Норвегія, 3 тисячі дронів-перехоплювачів і 400 тисяч артилерійських снарядів на 2028 рік. Міністр оборони України сказав, що перехоплювачі насамперед отримають підрозділи, які захищають міста на півночі та сході, зокрема Харків і Суми."],
    story="g08-udcg-ramstein-pledges",
    actors=["Ukraine Defence Contact Group", "Ukrainian defence minister"], locations=["Ramstein", "Ukraine"],
    notes="Kharkiv and Sumy are mentioned only as future recipients: no border event.")

add("gi", "2027-09-09T18:00+03:00", "ramshtain-soyuzniki-4-2-mlrd",
    "На встрече в Рамштайне союзники пообещали Киеву оружие на 4,2 млрд евро",
    ["Страны — участницы Контактной группы по обороне Украины в четверг пообещали Киеву новую военную помощь примерно на 4,2 млрд евро, сообщили сопредседатели группы — министры обороны Великобритании и Германии.",
     "В пакет вошли две батареи ПВО большой дальности за счёт Швеции и Норвегии, 3 тысячи беспилотников-перехватчиков и 400 тысяч артиллерийских снарядов с поставкой в 2028 году."],
    story="g08-udcg-ramstein-pledges", section="world",
    actors=["Ukraine Defence Contact Group"], locations=["Ramstein", "Germany"])

add("bo", "2027-09-09T19:30+03:00", "ramstein-air-defence-batteries-interceptor-drones-4-2bn",
    "Ramstein: two air-defence batteries and 3,000 interceptor drones in €4.2bn package",
    ["Ukraine's partners pledged about €4.2 billion of new military aid at Thursday's Ramstein meeting. Sweden and Norway will fund two long-range air-defence batteries; members also promised 3,000 interceptor drones and 400,000 artillery rounds for 2028.",
     "Ukraine's defence minister said the interceptors would go first to units defending northern and eastern cities."],
    story="g08-udcg-ramstein-pledges", section="politics",
    actors=["Ukraine Defence Contact Group", "Ukrainian defence minister"], locations=["Ramstein"])

add("pn", "2027-09-09T17:55+03:00", "ramshtain-4-2-mlrd-korotko",
    "«Рамштайн»: 4,2 млрд євро, 3 тис. дронів-перехоплювачів",
    ["Коротко про «Рамштайн»:",
     "▪️ допомога — близько 4,2 млрд євро;<br>▪️ 2 батареї ППО великої дальності (Швеція + Норвегія);<br>▪️ 3 000 дронів-перехоплювачів;<br>▪️ 400 тис. снарядів на 2028 рік."],
    story="g08-udcg-ramstein-pledges",
    actors=["Ukraine Defence Contact Group"], locations=["Ramstein"])

add("ai", "2027-09-10T09:00+01:00", "after-ramstein-the-shells-matter",
    "After Ramstein: the 400,000 shells are the number that matters",
    ["Thursday's Ramstein meeting produced the usual headline total, about €4.2bn. The batteries from Sweden and Norway and the 3,000 interceptor drones will get the attention. The artillery commitment deserves more: 400,000 rounds for 2028 is the first time the contact group has pledged ammunition a full year ahead, which is what manufacturers have asked for.",
     "What the co-chairs did not say is who is buying the shells and from whom. Until that is clear, the figure is a target, not a delivery schedule."],
    story="g08-udcg-ramstein-pledges",
    actors=["Ukraine Defence Contact Group", "Aldgate Institute"], locations=["Ramstein"],
    notes="Analysis whose subject is the meeting's pledges.")

# ==========================================================================
# g10  France on its NATO force in Romania, Fri 10 September
# ==========================================================================
add("kw", "2027-09-10T08:45+00:00", "france-boost-nato-force-romania-2000-troops",
    "France to boost its NATO force in Romania to 2,000 troops",
    ["PARIS, Sept 10 (Keystone) – France will increase its contingent in NATO's forward land forces in Romania to about 2,000 troops by 2028 and deploy a SAMP/T air-defence unit there next year, the French armed forces ministry said on Friday.",
     "France leads the multinational battlegroup in Romania, which currently numbers about 1,400 French soldiers."],
    story="g10-france-romania-forward-force", section="world/europe",
    actors=["French armed forces ministry", "France", "NATO"], locations=["Paris", "Romania"],
    notes="Second Romania-related statement of the week (after g01, 7 Sep), by a different speaker: separate story.")

add("gi", "2027-09-10T12:20+03:00", "franciya-kontingent-rumyniya-2-tysyachi",
    "Франция увеличит свой контингент в Румынии до 2 тысяч военных",
    ["Франция к 2028 году увеличит численность своих военных в составе передовых сил НАТО в Румынии примерно до 2 тысяч человек и разместит там зенитный ракетный комплекс SAMP/T, сообщило в пятницу министерство вооружённых сил Франции."],
    story="g10-france-romania-forward-force", section="world",
    actors=["French armed forces ministry", "NATO"], locations=["Romania"])

add("rl", "2027-09-10T15:00+02:00", "paris-thickens-romanian-battlegroup",
    "Paris thickens its Romanian battlegroup as flank capitals jostle for allied troops",
    ["France's armed forces ministry announced on Friday that the French contingent in NATO's forward force in Romania will grow to about 2,000 by 2028, with a SAMP/T air-defence unit arriving next year.",
     "The announcement caps a week in which Romania has been at the centre of allied attention, and it will be read in Warsaw and the Baltic capitals as a sign that Paris sees the Black Sea as its part of the flank."],
    story="g10-france-romania-forward-force",
    actors=["French armed forces ministry", "NATO"], locations=["Romania"],
    link="https://rueloi-report.test/article.php?id=20503#comments",
    notes="Link with a #fragment.")

# ==========================================================================
# g11  European Commission military mobility package, Fri 10 September
# ==========================================================================
add("rl", "2027-09-10T12:30+02:00", "commission-military-mobility-11bn",
    "Commission unveils €11bn military mobility plan and a three-day clearance rule for convoys",
    ["The Commission on Friday proposed an €11bn military mobility package: money to upgrade about 500 bridges, rail links and port facilities on four corridors running towards the EU's eastern border, and a rule that national authorities must clear cross-border military convoys within three days.",
     "Today clearance can take weeks and depends on the route. Defence officials have long complained that tanks can cross the Atlantic faster than they can cross some internal EU borders."],
    story="g11-commission-military-mobility",
    actors=["European Commission"], locations=["European Union"],
    link="https://rueloi-report.test/article.php?id=20498",
    notes="EU institution on common defence: alliance-statements (same treatment as the EU decisions in the earlier corpora). 'internal EU borders' is not a border event.")

add("kw", "2027-09-10T11:15+00:00", "eu-proposes-11-billion-euros-bridges-railways-troops",
    "EU proposes 11 billion euros to ready bridges and railways for troop movements",
    ["BRUSSELS, Sept 10 (Keystone) – The European Commission proposed on Friday spending 11 billion euros to strengthen about 500 bridges, railway lines and ports so that they can carry tanks and heavy military convoys towards the EU's eastern border.",
     "The proposal would also require member states to approve cross-border military movements within three days. It needs the approval of EU governments and the European Parliament."],
    story="g11-commission-military-mobility", section="world/europe",
    actors=["European Commission"], locations=["Brussels", "European Union"])

add("tf", "2027-09-10T09:40-04:00", "builders-eye-11bn-military-mobility",
    "Builders eye €11 billion as Brussels moves to fix bridges and rail lines for tanks",
    ["Construction and rail-engineering groups stand to win a large share of an €11 billion military mobility package the European Commission proposed on Friday, which would upgrade about 500 bridges, rail links and port facilities on four corridors leading to the EU's eastern border.",
     "Analysts said the money would be spread over seven years and that contracts would mostly go through national rail and road agencies. Shares in two listed European rail-engineering firms rose more than 3% after the announcement."],
    story="g11-commission-military-mobility", section="industry",
    actors=["European Commission", "rail-engineering companies"], locations=["European Union"],
    notes="Business angle, but the subject is the Commission's decision: same story.")

# ==========================================================================
# g12  Portugal frigate for NATO's Baltic naval group, Wed 8 September (singleton)
# ==========================================================================
add("kw", "2027-09-08T10:20+00:00", "portugal-frigate-nato-baltic-naval-group",
    "Portugal to send frigate to NATO's Baltic naval group",
    ["LISBON, Sept 8 (Keystone) – Portugal will assign a frigate to Standing NATO Maritime Group 1, which operates in the Baltic Sea, for six months from October, the Portuguese defence ministry said on Wednesday.",
     "The ship will carry about 180 crew and a helicopter. Portugal last sent a ship to the group in 2025."],
    story="g12-portugal-frigate-baltic", section="world/europe",
    actors=["Portuguese defence ministry", "NATO"], locations=["Lisbon", "Baltic Sea"],
    notes="Singleton story. Baltic naval theme, a day before g02, but a different speaker and occasion.")

# ==========================================================================
# g13  EU High Representative on the Hlukhiv strike, Thu 9 September (both topics)
# ==========================================================================
add("rr", "2027-09-09T10:05+02:00", "statement-high-representative-missile-strike-hlukhiv",
    "Ukraine: Statement by the High Representative on the Russian missile strike on Hlukhiv",
    ["The High Representative strongly condemned the Russian ballistic missile strike of 8 September on the central market of Hlukhiv, Sumy region, which according to the Ukrainian authorities killed seven civilians, two of them children, and injured 23.",
     "Deliberate attacks on civilians are a serious violation of international humanitarian law. Through the EU Civil Protection Mechanism, the European Union will arrange the medical evacuation of the most seriously injured to hospitals in Member States, and it will provide trauma kits to hospitals in the Sumy region."],
    story="g13-eu-hr-hlukhiv-statement",
    actors=["EU High Representative", "European Union"], locations=["Hlukhiv", "Sumy oblast"],
    notes="Statement that reports the strike concretely (place, target, toll): both topics. Reaction to g20 (related). Same incident and day as g15 (NB8 statement): different speaker, separate story.")

add("kw", "2027-09-09T09:25+00:00", "eu-condemns-strike-ukrainian-border-town-market-medevac",
    "EU condemns strike that killed seven at Ukrainian border-town market, offers to fly out wounded",
    ["BRUSSELS, Sept 9 (Keystone) – The EU's foreign policy chief on Thursday condemned Wednesday's Russian missile strike on the central market of the Ukrainian border town of Hlukhiv, in which seven people were killed and 23 wounded, and said the EU would fly the most badly injured to hospitals in member states.",
     "In a written statement the High Representative also promised trauma kits for hospitals in the Sumy region. A day earlier he had proposed a 6 billion euro arms-purchase plan for Ukraine at a meeting of EU foreign ministers in Greece."],
    story="g13-eu-hr-hlukhiv-statement", section="world/europe",
    actors=["EU High Representative", "European Union"], locations=["Hlukhiv", "Sumy oblast"],
    notes="Both topics. Mentions g04 (previous day) in passing.")

add("sv", "2027-09-09T12:40+03:00", "verkhovnyi-predstavnyk-yes-zasudyv-udar-po-hlukhovu",
    "Верховний представник ЄС засудив удар по Глухову: найтяжчих поранених евакуюють до лікарень ЄС",
    ["Верховний представник ЄС із питань зовнішньої політики та безпеки засудив російський ракетний удар по Глухову. Нагадаємо, 8 вересня балістична ракета влучила в центральний ринок міста: загинули семеро людей, серед них двоє дітей, ще 23 поранені.",
     "У заяві йдеться, що через Механізм цивільного захисту ЄС найтяжчих поранених евакуюють до лікарень країн Євросоюзу, а лікарні Сумщини отримають набори для допомоги при травмах."],
    story="g13-eu-hr-hlukhiv-statement",
    actors=["EU High Representative", "European Union"], locations=["Hlukhiv", "Sumy oblast"],
    notes="Both topics: statement plus the strike's place and toll.")

add("rl", "2027-09-09T11:50+02:00", "hr-statement-hlukhiv-medevac-trauma-kits",
    "HR statement on Hlukhiv: medevac for the worst injured, trauma kits for Sumy hospitals",
    ["The High Representative issued a written statement this morning on Wednesday's missile strike on Hlukhiv, a town in Ukraine's Sumy region a few kilometres from the Russian border. The missile hit the central market; Ukrainian authorities now count seven dead, including two children, and 23 injured.",
     "The EU will use its civil protection mechanism to fly the most seriously injured to hospitals in member states and will send trauma kits to the region, the statement says. It stops short of naming new sanctions."],
    story="g13-eu-hr-hlukhiv-statement",
    actors=["EU High Representative"], locations=["Hlukhiv", "Sumy oblast"],
    link="https://rueloi-report.test/article.php?id=20461",
    notes="Both topics.")

# ==========================================================================
# g14  German defence ministry: extra IRIS-T for Kharkiv after the terminal strike, Fri 10 September (both topics)
# ==========================================================================
add("rr", "2027-09-10T11:30+02:00", "germany-additional-iris-t-air-defence-kharkiv",
    "Federal Ministry of Defence (Germany): additional IRIS-T SLM fire unit for the air defence of Kharkiv",
    ["Berlin, 10 September 2027. Summary of a press release of the German Federal Ministry of Defence.",
     "Following the Russian missile attack in the night of 9 September on a parcel-delivery terminal in the Osnovianskyi district of Kharkiv, in which six workers were injured according to the Ukrainian authorities, Germany will deliver an additional IRIS-T SLM fire unit to Ukraine in October for the protection of the city of Kharkiv.",
     "The delivery is financed from the German budget for military support to Ukraine and comes in addition to the systems already pledged for 2027."],
    story="g14-germany-iris-t-kharkiv",
    actors=["German defence ministry", "Germany"], locations=["Kharkiv", "Osnovianskyi district", "Kharkiv oblast"],
    updated_only=True,
    notes="Both topics: an allied government's pledge that reports the strike concretely (place, target, injuries). Reaction to g21 (related). Atom entry with <updated> only.")

add("kw", "2027-09-10T10:20+00:00", "germany-extra-iris-t-kharkiv-after-parcel-terminal-strike",
    "Germany to send extra IRIS-T air defence to Kharkiv after strike on parcel terminal",
    ["BERLIN, Sept 10 (Keystone) – Germany will send Ukraine another IRIS-T air-defence system next month to protect the city of Kharkiv, its defence ministry said on Friday, a day after Russian missiles set a parcel-delivery terminal in the city's Osnovianskyi district ablaze and injured six workers.",
     "The ministry said the system came on top of earlier pledges for this year."],
    story="g14-germany-iris-t-kharkiv", section="world/europe",
    actors=["German defence ministry", "Germany"], locations=["Kharkiv", "Osnovianskyi district", "Kharkiv oblast"],
    notes="Both topics. Same ministry as g06 (7 Sep, Baltic air policing): separate story. Same day as g05 (G7): different speaker.")

add("sv", "2027-09-10T14:10+03:00", "nimechchyna-shche-odna-iris-t-kharkiv",
    "Німеччина передасть ще одну систему IRIS-T для захисту Харкова після удару по терміналу доставки",
    ["Міністерство оборони Німеччини оголосило, що в жовтні Україна отримає додаткову систему ППО IRIS-T SLM для захисту Харкова.",
     "Рішення ухвалили після нічного ракетного удару 9 вересня по терміналу служби доставки в Основ'янському районі, внаслідок якого поранено шістьох працівників."],
    story="g14-germany-iris-t-kharkiv",
    actors=["German defence ministry"], locations=["Kharkiv", "Osnovianskyi district", "Kharkiv oblast"],
    notes="Both topics.")

add("gi", "2027-09-10T15:40+03:00", "germaniya-eshche-odin-iris-t-harkov",
    "Германия пообещала Киеву ещё один комплекс IRIS-T для прикрытия Харькова",
    ["Министерство обороны ФРГ в пятницу объявило, что в октябре передаст Украине дополнительный зенитный ракетный комплекс IRIS-T SLM для прикрытия Харькова.",
     "Решение принято после удара 9 сентября по грузовому терминалу в Основянском районе города, где, по данным украинской стороны, ранены шесть человек. Минобороны России заявляло, что на объекте располагался цех сборки ударных беспилотников."],
    story="g14-germany-iris-t-kharkiv", section="world",
    actors=["German defence ministry", "Russian defence ministry"],
    locations=["Kharkiv", "Osnovianskyi district", "Kharkiv oblast"],
    notes="Both topics. Russian spelling 'Основянский'.")

# ==========================================================================
# g15  Nordic-Baltic Eight foreign ministers on the Hlukhiv strike, Thu 9 September (both topics)
# ==========================================================================
add("rr", "2027-09-09T16:20+02:00", "joint-statement-nb8-foreign-ministers-hlukhiv",
    "Joint statement of the Nordic-Baltic Eight foreign ministers on the missile strike on Hlukhiv",
    ["The foreign ministers of Denmark, Estonia, Finland, Iceland, Latvia, Lithuania, Norway and Sweden condemned the Russian missile strike on the central market of Hlukhiv, Sumy region, on 8 September, which killed seven civilians and injured 23, according to the Ukrainian authorities.",
     "The NB8 countries will jointly finance the reconstruction of the market and will send a field-hospital module to the Sumy region. The ministers reaffirmed their support for Ukraine's right to defend itself."],
    story="g15-nb8-hlukhiv-statement",
    actors=["Nordic-Baltic Eight foreign ministers", "Nordic-Baltic Eight"], locations=["Hlukhiv", "Sumy oblast"],
    notes="Both topics. Look-alike of g13: same incident and day, different speakers and pledges: separate story. Reaction to g20 (related).")

add("kw", "2027-09-09T15:05+00:00", "nordic-baltic-states-rebuild-bombed-market-field-hospital",
    "Nordic and Baltic states to rebuild bombed Ukrainian market, send field hospital",
    ["STOCKHOLM, Sept 9 (Keystone) – Foreign ministers of the eight Nordic and Baltic countries on Thursday condemned the Russian missile strike that killed seven people at a market in the Ukrainian town of Hlukhiv, and said they would pay to rebuild the market and send a field hospital to the Sumy region.",
     "The statement, issued by Sweden, which coordinates the group this year, said 23 people were wounded in Wednesday's attack."],
    story="g15-nb8-hlukhiv-statement", section="world/europe",
    actors=["Nordic-Baltic Eight foreign ministers", "Swedish foreign ministry"], locations=["Hlukhiv", "Sumy oblast"],
    notes="Both topics.")

add("sv", "2027-09-09T19:10+03:00", "pivnichni-baltiiski-krainy-vidbuduiut-rynok-hlukhiv",
    "Північні та балтійські країни відбудують ринок у Глухові й передадуть польовий госпіталь",
    ["Міністри закордонних справ восьми країн Північної Європи та Балтії (NB8) засудили в спільній заяві удар російської ракети по центральному ринку Глухова 8 вересня, внаслідок якого загинули семеро людей і 23 поранені.",
     "Країни NB8 спільно профінансують відбудову ринку та передадуть Сумщині модуль польового госпіталю."],
    story="g15-nb8-hlukhiv-statement",
    actors=["Nordic-Baltic Eight foreign ministers"], locations=["Hlukhiv", "Sumy oblast"],
    notes="Both topics.")

add("bo", "2027-09-09T20:30+03:00", "nordic-baltic-ministers-pledge-rebuild-hlukhiv-market",
    "Nordic-Baltic ministers pledge to rebuild Hlukhiv market",
    ["The foreign ministers of the Nordic-Baltic Eight said on Thursday their countries would finance the rebuilding of Hlukhiv's central market, wrecked by a Russian missile on Wednesday with seven people killed and 23 wounded, and would send a field-hospital module to Sumy region.",
     "Earlier in the day the EU's foreign policy chief had offered to evacuate the most seriously wounded to hospitals in the EU."],
    story="g15-nb8-hlukhiv-statement", section="politics",
    actors=["Nordic-Baltic Eight foreign ministers"], locations=["Hlukhiv", "Sumy oblast"],
    notes="Both topics. The last sentence mentions g13 in passing.")

# ==========================================================================
# g20  Missile strike on Hlukhiv central market, Wed 8 September
# ==========================================================================
add("pn", "2027-09-08T09:52+03:00", "hlukhiv-vybukh-u-tsentri",
    "❗️Глухів — потужний вибух у центрі міста",
    ["❗️Глухів. Потужний вибух у центрі, в районі ринку, над містом дим. Інформація про постраждалих уточнюється.",
     "Бережіть себе!"],
    story="g20-hlukhiv-market-missile",
    actors=[], locations=["Hlukhiv", "Sumy oblast"],
    notes="First flash, no toll and no attribution yet.")

add("sv", "2027-09-08T10:30+03:00", "raketnyi-udar-po-hlukhovu-troie-zahyblykh",
    "Ракетний удар по Глухову: троє загиблих, 11 поранених",
    ["Близько 9:40 росіяни вдарили балістичною ракетою по Глухову. Ракета влучила в центральний ринок, де в цей час було багато покупців, повідомила Сумська обласна військова адміністрація.",
     "За попередніми даними, загинули троє людей, ще 11 поранені, серед них дитина. Знищено близько 30 торговельних павільйонів, пошкоджено кілька житлових будинків і припарковані автомобілі. На місці працюють рятувальники ДСНС."],
    story="g20-hlukhiv-market-missile",
    actors=["Sumy Regional Military Administration", "State Emergency Service of Ukraine"],
    locations=["Hlukhiv", "Sumy oblast"],
    notes="First toll: 3 killed, 11 injured.")

add("kw", "2027-09-08T08:05+00:00", "russian-missile-hits-market-ukrainian-border-town",
    "Russian missile hits market in Ukrainian border town, three killed",
    ["KYIV, Sept 8 (Keystone) – A Russian ballistic missile struck the central market in Hlukhiv, a town in Ukraine's northern Sumy region close to the Russian border, on Wednesday morning, killing three people and injuring 11, regional authorities said.",
     "The blast destroyed dozens of stalls and damaged nearby homes and cars. There was no immediate comment from Moscow."],
    story="g20-hlukhiv-market-missile", section="world/europe",
    actors=["Sumy Regional Military Administration"], locations=["Hlukhiv", "Sumy oblast"])

add("pn", "2027-09-08T11:20+03:00", "hlukhiv-vzhe-5-zahyblykh",
    "Глухів: уже 5 загиблих і 17 поранених",
    ["Кількість жертв ракетного удару по Глухову зросла до п'яти, поранених — 17, повідомляє ОВА. Під уламками торговельних павільйонів можуть бути ще люди."],
    story="g20-hlukhiv-market-missile",
    actors=["Sumy Regional Military Administration"], locations=["Hlukhiv", "Sumy oblast"],
    notes="Toll revised: 5 killed, 17 injured.")

add("kw", "2027-09-08T12:30+00:00", "update-2-hlukhiv-strike-toll-rises-five",
    "UPDATE 2-Death toll from missile strike on Ukrainian border town rises to five",
    ["(Updates toll, adds comment from town official)",
     "KYIV, Sept 8 (Keystone) – The number of people killed when a Russian ballistic missile struck the central market of the Ukrainian border town of Hlukhiv on Wednesday rose to five, with 17 wounded, officials said.",
     "\u201cIt was the busiest hour of the morning. Pensioners come in from the villages to sell their vegetables,\u201d said Taras Hlushko, head of the town's military administration.",
     "Rescuers were still searching the wrecked stalls in the afternoon. Hlukhiv, a town of about 25,000 before the war, lies about 10 km from the Russian border and is shelled almost daily."],
    story="g20-hlukhiv-market-missile", section="world/europe",
    link="https://keystonewire.test/news/world/europe/2027/09/08/update-2-hlukhiv-strike-toll-rises-five#update-2",
    actors=["Hlukhiv city military administration head (Taras Hlushko, invented)", "Sumy Regional Military Administration"],
    locations=["Hlukhiv", "Sumy oblast"],
    notes="Wire UPDATE with revised toll: same story. Link with #fragment.")

add("gi", "2027-09-08T14:10+03:00", "minoborony-porazhenie-glukhov",
    "Минобороны России заявило о поражении места дислокации подразделения ВСУ в Глухове",
    ["Российские войска нанесли удар ракетным комплексом «Искандер-М» по месту временного размещения подразделения ВСУ в Глухове Сумской области, сообщило в среду Министерство обороны России.",
     "Украинские власти заявили, что ракета попала в городской рынок и что погибли пять мирных жителей. В Минобороны эти данные не комментировали."],
    story="g20-hlukhiv-market-missile", section="world",
    actors=["Russian defence ministry", "Sumy Regional Military Administration"],
    locations=["Hlukhiv", "Sumy oblast"],
    notes="Russian MoD framing of the same strike; 'Глухов' for Hlukhiv. Disagreement between sources stays in one story.")

add("sv", "2027-09-08T20:15+03:00", "hlukhiv-strike-what-we-know",
    "Hlukhiv strike: six dead, 20 wounded — what we know",
    ["One of the people wounded in the morning missile strike on Hlukhiv died in hospital in Sumy on Wednesday evening, bringing the death toll to six, the Sumy Regional Military Administration said. Twenty people are being treated, three of them in a serious condition.",
     "<strong>What happened:</strong> at about 9:40 a ballistic missile hit the town's central market at its busiest time of the morning.",
     "<strong>Damage:</strong> about 30 market pavilions destroyed; six houses and a dozen cars damaged.",
     "<strong>Russia's version:</strong> Russia's defence ministry claimed it had hit a temporary base of Ukrainian troops. Local officials say there were no military personnel in the area."],
    story="g20-hlukhiv-market-missile", lang="en",
    actors=["Sumy Regional Military Administration", "Russian defence ministry"],
    locations=["Hlukhiv", "Sumy oblast"],
    notes="English entry in a Ukrainian-language Atom feed (xml:lang=\"en\"). Toll 6/20.")

add("bo", "2027-09-09T09:30+03:00", "hlukhiv-death-toll-rises-to-seven",
    "Hlukhiv death toll rises to seven as rescuers finish search of market",
    ["Rescuers found the body of a woman under the wrecked pavilions of Hlukhiv's central market overnight, bringing to seven the number of people killed by Wednesday's Russian missile strike on the town in Sumy region. Two children are among the dead; 23 people were injured.",
     "The State Emergency Service said the search was over. The town has declared Thursday a day of mourning."],
    story="g20-hlukhiv-market-missile", section="regions",
    actors=["State Emergency Service of Ukraine"], locations=["Hlukhiv", "Sumy oblast"],
    notes="Next-day follow-up, final toll 7/23: same story.")

# ==========================================================================
# g21  Missile strike on a Kharkiv parcel terminal, night of 8-9 September
# ==========================================================================
add("pn", "2027-09-09T02:51+03:00", "kharkiv-vybukhy-pozhezha-na-pivdni",
    "⚡️Харків — вибухи, пожежа на півдні міста",
    ["⚡️Харків. Кілька вибухів, на півдні міста велика пожежа. Деталі згодом."],
    story="g21-kharkiv-parcel-terminal-strike",
    actors=[], locations=["Kharkiv", "Kharkiv oblast"],
    notes="Night flash: city only, no target, district or toll.")

add("sv", "2027-09-09T06:30+03:00", "nichnyi-raketnyi-udar-po-kharkovu-terminal-dostavky",
    "Нічний ракетний удар по Харкову: горів термінал служби доставки, шестеро поранених",
    ["Уночі росіяни вдарили ракетами по Харкову. Влучання прийшлися на термінал служби доставки посилок в Основ'янському районі: спалахнула пожежа на площі близько 3 тисяч квадратних метрів, поранено шістьох працівників нічної зміни, повідомили в Харківській ОВА.",
     "Згоріли дві вантажівки та тисячі посилок. Пожежу ліквідували лише під ранок."],
    story="g21-kharkiv-parcel-terminal-strike",
    actors=["Kharkiv Regional Military Administration"],
    locations=["Kharkiv", "Osnovianskyi district", "Kharkiv oblast"])

add("kw", "2027-09-09T04:15+00:00", "russian-missiles-hit-parcel-terminal-kharkiv",
    "Russian missiles hit parcel terminal in Kharkiv, six workers hurt",
    ["KYIV, Sept 9 (Keystone) – Russian missiles struck a parcel-delivery terminal in the Ukrainian city of Kharkiv overnight, starting a large fire and injuring six workers on the night shift, regional officials said on Thursday.",
     "The terminal is in the city's southern Osnovianskyi district. Two lorries and thousands of parcels burned."],
    story="g21-kharkiv-parcel-terminal-strike", section="world/europe",
    actors=["Kharkiv Regional Military Administration"],
    locations=["Kharkiv", "Osnovianskyi district", "Kharkiv oblast"])

add("gi", "2027-09-09T10:30+03:00", "minoborony-harkov-ceh-sborki-bespilotnikov",
    "Минобороны: в Харькове поражён цех сборки ударных беспилотников",
    ["В ночь на четверг ВС России нанесли удар высокоточным оружием по цеху сборки ударных беспилотников ВСУ, размещённому на складском объекте в Харькове, сообщило Минобороны РФ. Цель поражена, говорится в сообщении.",
     "Украинские власти заявили, что ракеты попали в терминал службы доставки посылок в Основянском районе города и что ранены шесть работников."],
    story="g21-kharkiv-parcel-terminal-strike", section="world",
    actors=["Russian defence ministry", "Kharkiv Regional Military Administration"],
    locations=["Kharkiv", "Osnovianskyi district", "Kharkiv oblast"],
    notes="Russian MoD framing; 'Харьков', 'Основянский район'.")

add("bo", "2027-09-10T16:00+03:00", "worker-dies-after-kharkiv-parcel-terminal-strike",
    "Worker dies a day after Kharkiv parcel terminal strike",
    ["One of the six workers injured when Russian missiles hit a parcel-delivery terminal in Kharkiv's Osnovianskyi district early on Thursday has died in hospital, regional officials said on Friday.",
     "\u201cHe had worked nights at the terminal for three years to pay for his daughter's studies,\u201d said Oksana Dziuba, a spokeswoman for the delivery company. The company said it had moved sorting to two smaller depots and that deliveries in Kharkiv would be a day or two late."],
    story="g21-kharkiv-parcel-terminal-strike", section="regions",
    actors=["Kharkiv Regional Military Administration", "delivery company spokeswoman (Oksana Dziuba, invented)"],
    locations=["Kharkiv", "Osnovianskyi district", "Kharkiv oblast"],
    notes="Next-day follow-up with a death: same story.")

# ==========================================================================
# g22  Drone hits a gas-repair van near Guevo, Sudzha district, Kursk oblast, Tue 7 September
# ==========================================================================
add("sd", "2027-09-07T10:05+03:00", "pod-sudzhei-bespilotnik-atakoval-brigadu-gazovikov",
    "Под Суджей беспилотник атаковал бригаду газовиков: один погиб, второй ранен",
    ["Утром во вторник украинский беспилотник атаковал служебный автомобиль аварийной бригады газовой службы у села Гуево Суджанского района. Газовики ехали восстанавливать повреждённый накануне газопровод.",
     "Как сообщил губернатор Курской области, 41-летний слесарь погиб, его напарник с осколочными ранениями доставлен в Курскую областную больницу. Без газа в Гуево остаются около 70 домов, ремонт возобновят, когда позволит обстановка."],
    story="g22-guevo-drone-gas-crew", section="kursk",
    actors=["Kursk governor"], locations=["Guevo", "Sudzha district", "Kursk oblast"])

add("gi", "2027-09-07T11:20+03:00", "kurskii-gubernator-pogib-rabotnik-gazovoi-sluzhby",
    "Курский губернатор: в Суджанском районе при атаке дрона погиб работник газовой службы",
    ["В Суджанском районе Курской области беспилотник ВСУ атаковал автомобиль аварийной бригады газовиков. Один работник погиб, второй ранен, сообщил губернатор региона."],
    story="g22-guevo-drone-gas-crew", section="russia",
    actors=["Kursk governor"], locations=["Sudzha district", "Kursk oblast"],
    notes="Names the district, not the village.")

add("kw", "2027-09-07T09:05+00:00", "gas-repairman-killed-drone-russia-kursk",
    "Gas repairman killed by drone in Russia's Kursk region, governor says",
    ["Sept 7 (Keystone) – A gas-utility worker was killed and a colleague wounded when a Ukrainian drone hit their repair van in Russia's Kursk region on Tuesday, the regional governor said on Telegram.",
     "There was no comment from Kyiv, and Keystone was unable to verify the report independently."],
    story="g22-guevo-drone-gas-crew", section="world/europe",
    actors=["Kursk governor"], locations=["Kursk oblast"],
    notes="Oblast only, no district or village.")

add("sv", "2027-09-07T13:30+03:00", "kurshchyna-hubernator-zahyblyi-hazovyk",
    "Курщина: губернатор повідомив про загиблого газовика після атаки дрона в Суджанському районі",
    ["За словами губернатора Курської області, вранці 7 вересня дрон атакував автомобіль аварійної газової бригади поблизу села Гуєве Суджанського району: один працівник загинув, ще одного поранено.",
     "Сили оборони України цю інформацію не коментували."],
    story="g22-guevo-drone-gas-crew",
    actors=["Kursk governor"], locations=["Guevo", "Sudzha district", "Kursk oblast"],
    notes="Ukrainian outlet relaying the Russian governor; 'Гуєве' in Ukrainian spelling.")

# ==========================================================================
# g23  Shelling of Krupets, Khomutovka district, Kursk oblast, Tue 7 September
# ==========================================================================
add("sd", "2027-09-07T17:40+03:00", "obstrel-krupca-sportzal-gazoprovod",
    "Обстрел Крупца: в Хомутовском районе повреждены спортзал школы и газопровод",
    ["Днём во вторник ВСУ обстреляли из реактивной системы залпового огня село Крупец Хомутовского района. Пострадавших нет, сообщил губернатор Курской области.",
     "Повреждены спортивный зал сельской школы, несколько частных домов и газопровод; около 300 жителей села сейчас без газоснабжения. Аварийные бригады приступят к ремонту, как только позволит обстановка."],
    story="g23-krupets-shelling", section="kursk",
    actors=["Kursk governor"], locations=["Krupets", "Khomutovka district", "Kursk oblast"],
    notes="Look-alike of g22: same oblast, same day, same governor, but a different district and attack type (rocket artillery, no casualties).")

add("gi", "2027-09-07T18:55+03:00", "homutovskii-raion-bez-gaza-300",
    "В Хомутовском районе Курской области после обстрела без газа остались 300 человек",
    ["В результате обстрела села Крупец Хомутовского района повреждены школьный спортзал, жилые дома и газопровод, сообщил губернатор Курской области. Пострадавших нет."],
    story="g23-krupets-shelling", section="russia",
    actors=["Kursk governor"], locations=["Krupets", "Khomutovka district", "Kursk oblast"],
    notes="Look-alike of g22 (see notes there).")

# ==========================================================================
# g24  Drone hits a village shop in Lopandino, Bryansk oblast, Wed 8 September
# ==========================================================================
add("sd", None, "v-lopandine-dron-atakoval-magazin",
    "В Лопандине дрон сбросил взрывное устройство на сельский магазин: ранены продавец и покупательница",
    ["В селе Лопандино Комаричского района украинский дрон сбросил взрывное устройство на продуктовый магазин. Ранены продавец и 67-летняя покупательница, обеих доставили в районную больницу, сообщил губернатор Брянской области.",
     "Повреждены крыльцо и витрина магазина."],
    story="g24-lopandino-shop-drone", section="bryansk",
    actors=["Bryansk governor"], locations=["Lopandino", "Komarichi district", "Bryansk oblast"],
    notes="Undated item (no pubDate), placed mid-feed.")

add("gi", "2027-09-08T13:15+03:00", "bryanskii-gubernator-magazin-komarichskii-raion",
    "Брянский губернатор: беспилотник атаковал магазин в Комаричском районе, двое раненых",
    ["Украинский беспилотник атаковал продуктовый магазин в селе Лопандино Комаричского района Брянской области. Ранены две женщины — продавец и покупательница, сообщил губернатор."],
    story="g24-lopandino-shop-drone", section="russia",
    actors=["Bryansk governor"], locations=["Lopandino", "Komarichi district", "Bryansk oblast"])

add("kw", "2027-09-08T11:40+00:00", "drone-hits-village-shop-russia-bryansk-region",
    "Drone hits village shop in Russia's Bryansk region, two wounded - governor",
    ["Sept 8 (Keystone) – A Ukrainian drone dropped an explosive on a grocery shop in a village in Russia's Bryansk region near the Ukrainian border on Wednesday, wounding a shop assistant and a customer, the regional governor said.",
     "Ukraine did not comment."],
    story="g24-lopandino-shop-drone", section="world/europe",
    actors=["Bryansk governor"], locations=["Bryansk oblast"],
    notes="Oblast only.")

# ==========================================================================
# g25  Children moved out of Volokonovka district villages, Belgorod oblast, Wed 8 September
# ==========================================================================
add("sd", "2027-09-08T13:10+03:00", "detei-iz-pyati-sel-volokonovskogo-raiona-vyvezut",
    "Детей из пяти приграничных сёл Волоконовского района вывезут в лагеря",
    ["Губернатор Белгородской области объявил об организованном вывозе детей из пяти приграничных сёл Волоконовского района, в том числе из Тишанки и Шидловки. Причина — участившиеся за последнюю неделю обстрелы и атаки беспилотников.",
     "Около 210 детей вместе с мамами разместят в детских лагерях Алексеевского округа. Вывоз начнётся в четверг, транспорт предоставит область.",
     "\u00abПонимаем, что учебный год только начался. Занятия для ребят организуем на месте, учителя поедут вместе с ними\u00bb, — сказала начальник районного управления образования Ирина Соболевская."],
    story="g25-volokonovka-children-evacuation", section="belgorod",
    actors=["Belgorod governor", "Volokonovka district education head (Irina Sobolevskaya, invented)"],
    locations=["Volokonovka district", "Tishanka", "Shidlovka", "Belgorod oblast"])

add("gi", "2027-09-08T14:05+03:00", "belgorodskii-gubernator-vyvoz-detei",
    "Белгородский губернатор объявил о вывозе детей из приграничных сёл Волоконовского района",
    ["Из пяти сёл Волоконовского района Белгородской области, которые в последние дни подвергаются обстрелам, вывезут около 210 детей, сообщил губернатор. Их разместят в детских лагерях в другой части области."],
    story="g25-volokonovka-children-evacuation", section="russia",
    actors=["Belgorod governor"], locations=["Volokonovka district", "Belgorod oblast"])

add("kw", "2027-09-08T12:25+00:00", "russia-belgorod-region-move-children-five-border-villages",
    "Russia's Belgorod region to move children out of five border villages",
    ["Sept 8 (Keystone) – Authorities in Russia's Belgorod region will move about 210 children out of five villages near the Ukrainian border in the Volokonovka district after a week of intensified shelling and drone attacks, the regional governor said on Wednesday.",
     "The children and their mothers will be housed in summer camps elsewhere in the region."],
    story="g25-volokonovka-children-evacuation", section="world/europe",
    actors=["Belgorod governor"], locations=["Volokonovka district", "Belgorod oblast"])

add("sv", "2027-09-08T17:50+03:00", "bielhorodshchyna-vyviz-ditei-volokonivskyi-raion",
    "Бєлгородщина: з п'яти прикордонних сіл Волоконовського району вивозять дітей",
    ["Губернатор Бєлгородської області оголосив про вивезення близько 210 дітей із п'яти сіл Волоконовського району, зокрема з Тишанки. За його словами, причина — обстріли та атаки дронів."],
    story="g25-volokonovka-children-evacuation",
    actors=["Belgorod governor"], locations=["Volokonovka district", "Tishanka", "Belgorod oblast"],
    notes="Ukrainian spelling 'Бєлгородщина'.")

# ==========================================================================
# g26  Drone hits a dairy farm in Zakutskoye, Veydelevka district, Wed 8 September
# ==========================================================================
add("sd", "2027-09-08T11:30+03:00", "v-zakutskom-dron-udaril-po-ferme",
    "В Закутском Вейделевского округа дрон ударил по молочной ферме",
    ["Утром в среду беспилотник атаковал молочно-товарную ферму в селе Закутское Вейделевского округа. Ранен 46-летний скотник, он госпитализирован в районную больницу.",
     "Сгорел коровник, погибли около 40 коров, сообщил губернатор Белгородской области."],
    story="g26-zakutskoye-farm-drone", section="belgorod",
    actors=["Belgorod governor"], locations=["Zakutskoye", "Veydelevka district", "Belgorod oblast"],
    notes="Look-alike of g25: same oblast, same day, same governor, but a different district and a drone strike rather than an evacuation.")

add("gi", "2027-09-08T12:10+03:00", "belgorodskaya-oblast-ataka-drona-ferma",
    "В Белгородской области при атаке дрона на ферму ранен работник",
    ["Беспилотник атаковал животноводческую ферму в Вейделевском округе Белгородской области, ранен работник, сообщил губернатор. Погибли несколько десятков коров."],
    story="g26-zakutskoye-farm-drone", section="russia",
    actors=["Belgorod governor"], locations=["Veydelevka district", "Belgorod oblast"],
    notes="Look-alike of g25 (see notes there).")

# ==========================================================================
# g27  Russian MoD: 57 drones overnight, Fri 10 September
# ==========================================================================
add("gi", "2027-09-10T07:20+03:00", "minoborony-57-bespilotnikov",
    "Минобороны: ночью над регионами России уничтожены 57 украинских беспилотников",
    ["Дежурными средствами ПВО в ночь на пятницу перехвачены и уничтожены 57 украинских беспилотников самолётного типа, сообщило Министерство обороны России.",
     "22 беспилотника сбиты над территорией Брянской области, 15 — над Курской, девять — над Белгородской, шесть — над Орловской и пять — над Смоленской областью."],
    story="g27-russia-mod-57-drones", section="russia",
    actors=["Russian defence ministry"],
    locations=["Bryansk oblast", "Kursk oblast", "Belgorod oblast", "Oryol oblast", "Smolensk oblast"],
    notes="MoD claim, 46 of 57 over three of the six oblasts: border-developments.")

add("sd", "2027-09-10T08:05+03:00", "za-noch-sbili-46-bespilotnikov",
    "За ночь над Брянской, Курской и Белгородской областями сбили 46 беспилотников",
    ["По данным Минобороны, в ночь на пятницу над Брянской областью сбиты 22 беспилотника, над Курской — 15, над Белгородской — девять. Всего над регионами России уничтожено 57 дронов.",
     "Губернатор Брянской области сообщил, что пострадавших и разрушений в регионе нет."],
    story="g27-russia-mod-57-drones", section="region",
    actors=["Russian defence ministry", "Bryansk governor"],
    locations=["Bryansk oblast", "Kursk oblast", "Belgorod oblast"])

add("kw", "2027-09-10T05:10+00:00", "moscow-claims-57-ukrainian-drones-destroyed",
    "Moscow claims 57 Ukrainian drones destroyed in the night, 46 of them near the border",
    ["Sept 10 (Keystone) – Russia's defence ministry said on Friday its air defences had destroyed 57 Ukrainian drones during the night, 46 of them over the Bryansk, Kursk and Belgorod regions bordering Ukraine and the rest over the Oryol and Smolensk regions.",
     "The ministry did not say whether any targets had been hit. Kyiv rarely responds to such reports."],
    story="g27-russia-mod-57-drones", section="world/europe",
    actors=["Russian defence ministry"],
    locations=["Bryansk oblast", "Kursk oblast", "Belgorod oblast", "Oryol oblast", "Smolensk oblast"])

add("bo", "2027-09-10T10:40+03:00", "russia-claims-57-drones-shot-down",
    "Russia claims 57 drones shot down, 46 of them over border regions",
    ["Russia's defence ministry claimed on Friday morning that its air defences had destroyed 57 Ukrainian drones overnight: 22 over Bryansk region, 15 over Kursk region, nine over Belgorod region and the rest further north. There was no response from Ukraine's General Staff."],
    story="g27-russia-mod-57-drones", section="regions",
    actors=["Russian defence ministry"],
    locations=["Bryansk oblast", "Kursk oblast", "Belgorod oblast"])

# ==========================================================================
# g28  Guided bomb on a bread factory in Trostianets, Sumy oblast, Thu 9 September
# ==========================================================================
add("pn", "2027-09-09T11:02+03:00", "trostianets-udar-kabom",
    "🔴Тростянець — удар КАБом, є поранені",
    ["🔴Тростянець. Прильот керованої авіабомби. Є поранені, інформація уточнюється."],
    story="g28-trostianets-glide-bomb",
    actors=[], locations=["Trostianets", "Sumy oblast"])

add("sv", "2027-09-09T12:20+03:00", "kab-na-trostianets-khlibozavod",
    "КАБ на Тростянець: влучання в хлібозавод, троє поранених",
    ["Близько 10:50 російська авіація скинула на Тростянець керовану авіабомбу. Вона влучила в територію міського хлібозаводу. Поранено трьох людей, серед них 16-річну дівчину, повідомила Сумська ОВА.",
     "Пошкоджено виробничий цех, близько 15 приватних будинків і газопровід. Хлібозавод постачав хліб на пів району, тепер його возитимуть із Сум."],
    story="g28-trostianets-glide-bomb",
    actors=["Sumy Regional Military Administration"], locations=["Trostianets", "Sumy oblast"])

add("kw", "2027-09-09T10:35+00:00", "glide-bomb-hits-bread-factory-trostianets",
    "Glide bomb hits bread factory in Ukrainian town of Trostianets, three wounded",
    ["Sept 9 (Keystone) – A Russian guided bomb struck a bread factory in the town of Trostianets in Ukraine's Sumy region on Thursday, wounding three people including a teenage girl and damaging about 15 homes, regional officials said."],
    story="g28-trostianets-glide-bomb", section="world/europe",
    actors=["Sumy Regional Military Administration"], locations=["Trostianets", "Sumy oblast"])

# ==========================================================================
# g29  Drone-scattered mines around Ryzhivka, Sumy oblast, Fri 10 September
# ==========================================================================
add("sv", "2027-09-10T09:45+03:00", "bilia-ryzhivky-drony-rozkydaly-miny",
    "Біля Рижівки дрони розкидали протипіхотні міни: поранено чоловіка, дороги перекрито",
    ["Уночі російські дрони розкидали на дорогах навколо села Рижівка на Сумщині малі протипіхотні міни типу «пелюстка». Уранці на одну з них наступив 58-річний місцевий житель — йому відірвало частину стопи, повідомили в Державній прикордонній службі.",
     "Дороги до села перекрили, працюють сапери. Людей просять не виходити на узбіччя й не торкатися незнайомих предметів."],
    story="g29-ryzhivka-scatter-mines",
    actors=["State Border Guard Service of Ukraine"], locations=["Ryzhivka", "Sumy oblast"])

add("bo", "2027-09-10T12:30+03:00", "russian-drones-scatter-petal-mines-ryzhivka",
    "Russian drones scatter 'petal' mines around Ryzhivka; villager maimed",
    ["Russian drones scattered small anti-personnel mines on the roads around the village of Ryzhivka in Sumy region overnight, and a 58-year-old resident lost part of his foot after stepping on one on Friday morning, Ukraine's State Border Guard Service said.",
     "Roads into the village have been closed while sappers clear them."],
    story="g29-ryzhivka-scatter-mines", section="regions",
    actors=["State Border Guard Service of Ukraine"], locations=["Ryzhivka", "Sumy oblast"])

add("kw", "2027-09-10T10:15+00:00", "ukrainian-villager-maimed-drone-dropped-mine",
    "Ukrainian villager maimed by drone-dropped mine near Russian border",
    ["Sept 10 (Keystone) – A man was badly injured in Ukraine's northern Sumy region on Friday when he stepped on a small anti-personnel mine that Russian drones had scattered along roads overnight, Ukraine's border guard service said. Russia did not comment."],
    story="g29-ryzhivka-scatter-mines", section="world/europe",
    actors=["State Border Guard Service of Ukraine"], locations=["Sumy oblast"],
    notes="Oblast only.")

# ==========================================================================
# g30  FPV drone hits an ambulance near Kholmy, Chernihiv oblast, Tue 7 September
# ==========================================================================
add("pn", "2027-09-07T15:48+03:00", "koriukivshchyna-fpv-shvydka-kholmy",
    "🚑 Корюківщина: FPV-дрон атакував «швидку» поблизу Холмів",
    ["🚑 Поблизу Холмів російський FPV-дрон атакував автомобіль екстреної допомоги, який їхав на виклик. Поранені фельдшерка та водій, обоє в лікарні, стан середньої тяжкості."],
    story="g30-kholmy-ambulance-fpv",
    actors=[], locations=["Kholmy", "Koriukivka district", "Chernihiv oblast"])

add("sv", "2027-09-07T17:20+03:00", "chernihivshchyna-dron-atakuvav-shvydku",
    "На Чернігівщині російський дрон атакував «швидку»: поранені фельдшерка і водій",
    ["У Корюківському районі російський FPV-дрон атакував автомобіль екстреної медичної допомоги, який їхав на виклик до одного з прикордонних сіл Холминської громади. Поранено 38-річну фельдшерку і 51-річного водія, повідомила Чернігівська ОВА.",
     "Автомобіль згорів. Це вже третя атака на медиків у районі від початку літа."],
    story="g30-kholmy-ambulance-fpv",
    actors=["Chernihiv Regional Military Administration"],
    locations=["Kholmy community", "Koriukivka district", "Chernihiv oblast"])

add("bo", "2027-09-07T19:05+03:00", "russian-drone-hits-ambulance-chernihiv-region",
    "Russian drone hits ambulance in Chernihiv region, two medics wounded",
    ["A Russian FPV drone struck an ambulance on its way to a call near Kholmy in the Koriukivka district of Chernihiv region on Tuesday afternoon, wounding a paramedic and the driver, the regional military administration said. The vehicle burned out."],
    story="g30-kholmy-ambulance-fpv", section="regions",
    actors=["Chernihiv Regional Military Administration"],
    locations=["Kholmy", "Koriukivka district", "Chernihiv oblast"])

# ==========================================================================
# g31  Evacuation zone widened in the Velykyi Burluk community, Kharkiv oblast, Thu 9 September
# ==========================================================================
add("sv", "2027-09-09T14:15+03:00", "velykoburlutska-hromada-shche-shist-sil-evakuatsiia",
    "Великобурлуцька громада: ще шість сіл включили до зони обов'язкової евакуації",
    ["Харківська ОВА розширила зону обов'язкової евакуації у Великобурлуцькій громаді: до неї додали шість сіл уздовж кордону. Там досі мешкають близько 430 людей, серед них 35 дітей, повідомив начальник обласної військової адміністрації.",
     "Причина — щоденні обстріли та атаки FPV-дронів. В'їзд до цих сіл відтепер лише за перепустками. Людей вивозитимуть поліція та волонтери, розміщуватимуть у Харкові та Лозовій."],
    story="g31-velykyi-burluk-evacuation-zone",
    actors=["Head of Kharkiv Regional Military Administration", "Kharkiv Regional Military Administration"],
    locations=["Velykyi Burluk community", "Kharkiv oblast"])

add("kw", "2027-09-09T12:00+00:00", "kharkiv-region-widens-evacuation-zone-six-villages",
    "Kharkiv region widens evacuation zone near Russian border by six villages",
    ["Sept 9 (Keystone) – Authorities in Ukraine's north-eastern Kharkiv region told the roughly 430 people still living in six villages of the Velykyi Burluk community near the Russian border, 35 of them children, to leave on Thursday, citing relentless shelling and drone attacks.",
     "Entry to the villages will require a permit, the regional governor said."],
    story="g31-velykyi-burluk-evacuation-zone", section="world/europe",
    actors=["Head of Kharkiv Regional Military Administration"],
    locations=["Velykyi Burluk community", "Kharkiv oblast"],
    notes="Same oblast and day as g21 (Kharkiv plant) and g32 (Derhachi): different events.")

add("gi", "2027-09-09T16:30+03:00", "harkovskaya-oblast-rasshirila-zonu-evakuacii",
    "Власти Харьковской области расширили зону обязательной эвакуации у границы с Россией",
    ["Украинские власти Харьковской области включили ещё шесть сёл Великобурлукской общины в зону обязательной эвакуации. Оттуда должны выехать около 430 жителей, в том числе 35 детей. Въезд в эти сёла будет только по пропускам."],
    story="g31-velykyi-burluk-evacuation-zone", section="world",
    actors=["Head of Kharkiv Regional Military Administration"],
    locations=["Velykyi Burluk community", "Kharkiv oblast"],
    notes="Russian spelling 'Великий Бурлук'.")

# ==========================================================================
# g32  Guided bomb on Derhachi, Kharkiv oblast, Thu 9 September
# ==========================================================================
add("pn", "2027-09-09T14:12+03:00", "derhachi-kab-dvoie-poranenykh",
    "Дергачі — прильот КАБ, двоє поранених",
    ["Дергачі. Керована авіабомба влучила у складське приміщення на околиці міста. Двоє поранених — чоловіки 35 і 60 років. Пожежу гасять рятувальники."],
    story="g32-derhachi-glide-bomb",
    actors=[], locations=["Derhachi", "Kharkiv oblast"],
    notes="Look-alike of g31: same oblast, same day, different place and event type.")

add("sv", "2027-09-09T15:30+03:00", "rosiiany-skynuly-kab-na-derhachi",
    "Росіяни скинули КАБ на Дергачі: поранено двох чоловіків",
    ["Близько 13:50 російська авіація скинула керовану авіабомбу на Дергачі. Бомба влучила у складське приміщення на околиці міста, поранено двох чоловіків 35 і 60 років, повідомив начальник міської військової адміністрації.",
     "Внаслідок удару виникла пожежа, яку рятувальники ліквідували за годину."],
    story="g32-derhachi-glide-bomb",
    actors=["Derhachi city military administration"], locations=["Derhachi", "Kharkiv oblast"])

# ==========================================================================
# g33  Drone debris on a house in Belgorod, Fri 10 September (singleton)
# ==========================================================================
add("sd", "2027-09-10T21:40+03:00", "v-belgorode-oblomki-bpla-povredili-kryshu",
    "В Белгороде обломки сбитого беспилотника повредили крышу частного дома",
    ["Вечером в пятницу над Белгородом работала система ПВО. Обломки сбитого беспилотника упали на частный дом на улице Садовой: повреждены кровля и забор, пострадавших нет, сообщил губернатор."],
    story="g33-belgorod-city-drone-debris", section="belgorod",
    actors=["Belgorod governor"], locations=["Belgorod", "Belgorod oblast"],
    notes="Singleton story.")

# ==========================================================================
# g34  Drone hits a filling station in Mena, Chernihiv oblast, Fri 10 September (singleton)
# ==========================================================================
add("pn", "2027-09-10T18:30+03:00", "mena-shakhed-azs",
    "Мена: шахед влучив в АЗС на околиці міста",
    ["Менська громада. Ударний дрон влучив в автозаправну станцію на околиці Мени. Виникла пожежа, її вже локалізували. Постраждалих немає — ОВА."],
    story="g34-mena-fuel-station-drone",
    actors=["Chernihiv Regional Military Administration"], locations=["Mena", "Chernihiv oblast"],
    notes="Singleton story.")

# ==========================================================================
# Distractors: topics [] and story null, each explained in notes
# ==========================================================================
# ---- Keystone Newswire (kw)
add("kw", "2027-09-08T06:30+00:00", "drones-damage-grain-terminal-pivdennyi-port",
    "Drones damage grain terminal at Ukraine's Pivdennyi port",
    ["ODESA, Ukraine, Sept 8 (Keystone) – Russian drones damaged a grain terminal and two storage silos at the port of Pivdennyi in Ukraine's Odesa region overnight, the regional administration said on Wednesday. No one was hurt, and loading resumed at other berths in the afternoon."],
    section="world/europe",
    actors=["Odesa Regional Military Administration"], locations=["Pivdennyi", "Odesa oblast"],
    notes="Distractor: war event outside the six border oblasts.")

add("kw", "2027-09-09T11:10+00:00", "finnish-dockers-48-hour-strike-pay",
    "Finnish dockers start 48-hour strike over pay",
    ["HELSINKI, Sept 9 (Keystone) – Dockworkers at Finland's main ports walked out for 48 hours on Thursday after talks on a new pay agreement broke down, halting container and ferry freight handling in Helsinki, Kotka and Turku, their union said. Passenger ferries were not affected."],
    section="business",
    actors=["Finnish dockworkers' union"], locations=["Helsinki", "Kotka", "Turku", "Finland"],
    notes="Distractor: labour strike, dated in Helsinki on the same day as the NATO Secretary General's speech there (g02).")

add("kw", "2027-09-08T15:45+00:00", "drone-debris-injures-two-russia-voronezh-region",
    "Drone debris injures two in Russia's Voronezh region, governor says",
    ["Sept 8 (Keystone) – Debris from a drone shot down over Russia's Voronezh region injured two people and damaged a warehouse in the town of Rossosh, the regional governor said on Wednesday."],
    section="world/europe",
    actors=["Voronezh governor"], locations=["Rossosh", "Voronezh oblast"],
    notes="Distractor: Russian region that borders Ukraine but is not one of the six oblasts.")

# ---- Rostrum Record (rr)
add("rr", "2027-09-10T11:00+02:00", "nato-defense-college-graduation-senior-course",
    "NATO Defense College: graduation of the Senior Course",
    ["Rome, 10 September 2027. Seventy-eight officers and civilian officials from Allied and partner countries graduated today from the Senior Course of the NATO Defense College after five months of study.",
     "The course programme included visits to Allied headquarters and national capitals and a simulation exercise on crisis decision-making."],
    actors=["NATO Defense College"], locations=["Rome"],
    notes="Distractor: NATO institutional news, not a statement or commitment.")

add("rr", "2027-09-08T09:00+02:00", "ncia-contract-award-service-desk",
    "NATO Communications and Information Agency: contract award notice, service desk and end-user support",
    ["The NATO Communications and Information Agency has awarded a three-year contract for service desk and end-user support at NATO sites in Mons and Brussels to a consortium of two European IT companies. Contract value: EUR 14.6 million."],
    actors=["NATO Communications and Information Agency"], locations=["Mons", "Brussels"],
    updated_only=True,
    notes="Distractor: NATO procurement notice, not a statement. Atom entry with <updated> only.")

# ---- Сейм и Десна (sd)
add("sd", "2027-09-09T10:20+03:00", "k-godovshchine-osvobozhdeniya-bryanska-memorial",
    "К 84-й годовщине освобождения Брянска отреставрирован мемориал партизанской славы",
    ["Брянск 17 сентября отметит 84-ю годовщину освобождения от немецко-фашистских захватчиков. К дате в городе завершили реставрацию мемориала партизанской славы: заменены гранитные плиты, восстановлены имена 1 200 партизан.",
     "Торжественный митинг и возложение цветов пройдут в день годовщины, сообщили в городской администрации."],
    section="bryansk",
    actors=["Bryansk city administration"], locations=["Bryansk", "Bryansk oblast"],
    notes="Distractor: historical anniversary (1943) in a border-oblast capital.")

add("sd", "2027-09-08T21:15+03:00", "belgorodskii-sokol-vyigral-predsezonnyi-turnir",
    "«Белгородский сокол» выиграл предсезонный турнир",
    ["Баскетболисты «Белгородского сокола» стали победителями предсезонного турнира, который проходил в Белгороде. В финале хозяева площадки обыграли гостей из Липецка — 84:71. Лучшим игроком турнира признан защитник белгородцев.",
     "Регулярный чемпионат стартует 2 октября."],
    section="sport",
    actors=["Belgorod basketball club"], locations=["Belgorod"],
    notes="Distractor: sports match in Belgorod.")

add("sd", "2027-09-10T12:00+03:00", "v-kurske-otkrylas-medovaya-yarmarka",
    "В Курске открылась осенняя медовая ярмарка",
    ["На Театральной площади Курска открылась осенняя медовая ярмарка: свою продукцию привезли около 60 пасечников из районов области. Цены на мёд в этом году выросли в среднем на 10%.",
     "Ярмарка продлится до воскресенья."],
    section="kursk",
    actors=["Kursk beekeepers"], locations=["Kursk"],
    notes="Distractor: cultural/economic event in a border-oblast capital.")

add("sd", "2027-09-09T16:45+03:00", "sinoptiki-pervye-zamorozki-bryanskaya-oblast",
    "Синоптики: в Брянскую область придут первые заморозки",
    ["В ночь на воскресенье в Брянской области ожидаются первые заморозки на почве до минус двух градусов. Синоптики советуют дачникам укрыть теплолюбивые растения. Днём воздух прогреется до плюс 14."],
    section="bryansk",
    actors=["forecasters"], locations=["Bryansk oblast"],
    notes="Distractor: weather in a border oblast.")

add("sd", "2027-09-07T12:30+03:00", "belgorodskie-svinovody-eksport-vetnam",
    "Белгородские свиноводы нарастили экспорт во Вьетнам на 18%",
    ["Экспорт свинины из Белгородской области во Вьетнам за восемь месяцев вырос на 18% и составил 21 тысячу тонн, сообщили в областном министерстве сельского хозяйства. Основной объём приходится на субпродукты."],
    section="belgorod",
    actors=["Belgorod oblast agriculture ministry"], locations=["Belgorod oblast", "Vietnam"],
    notes="Distractor: economy of a border oblast.")

add("sd", "2027-09-07T15:10+03:00", "kurskie-agrarii-poluchili-30-agrodronov",
    "Курские аграрии получили 30 агродронов для опрыскивания полей",
    ["Тридцать сельхозпредприятий Курской области получили по льготной программе агродроны для внесения удобрений и опрыскивания посевов. Один дрон обрабатывает до 20 гектаров в час.",
     "Операторов обучат на базе аграрного университета."],
    section="kursk",
    actors=["Kursk oblast agriculture committee"], locations=["Kursk oblast"],
    notes="Distractor: agricultural drones in a border oblast, no war event.")

# ---- Слобідська варта (sv)
add("sv", "2027-09-10T11:40+03:00", "u-kharkovi-na-stantsii-metro-knyzhkovyi-festyval",
    "У Харкові на станції метро відкрився книжковий фестиваль",
    ["На одній зі станцій харківського метро відкрився триденний книжковий фестиваль: понад 40 видавництв, презентації та зустрічі з авторами. Організатори обрали метро з міркувань безпеки — під час тривог програма не переривається.",
     "Вхід вільний."],
    actors=["festival organisers"], locations=["Kharkiv"],
    notes="Distractor: cultural event in Kharkiv; the war is context only, no war event.")

add("sv", "2027-09-08T13:00+03:00", "u-sumakh-prezentuvaly-zbirku-trostianetskoi-avtorky",
    "У Сумах презентували поетичну збірку тростянецької авторки",
    ["В обласній бібліотеці в Сумах презентували нову поетичну збірку тростянецької поетки. До книжки увійшли вірші про рідне місто, річку Боромлю та Круглий двір.",
     "Частину накладу передадуть сільським бібліотекам Сумщини."],
    actors=["Sumy regional library", "poet"], locations=["Sumy", "Trostianets"],
    notes="Distractor: cultural news from Sumy about a Trostianets author (Trostianets is also the place of g28).")

add("sv", "2027-09-09T08:50+03:00", "zaporizhzhia-nichnyi-obstril-bahatopoverkhivka",
    "Запоріжжя: унаслідок нічного обстрілу пошкоджено багатоповерхівку",
    ["Уночі росіяни атакували Запоріжжя ударними дронами. Пошкоджено дев'ятиповерховий будинок, двоє людей дістали легкі травми, повідомила Запорізька ОВА."],
    actors=["Zaporizhzhia Regional Military Administration"], locations=["Zaporizhzhia", "Zaporizhzhia oblast"],
    notes="Distractor: war event outside the six oblasts, in a regional outlet that mostly covers them.")

add("sv", "2027-09-07T11:10+03:00", "na-kharkivshchyni-zibraly-pershi-40-tysiach-tonn-soniashnyku",
    "На Харківщині аграрії зібрали перші 40 тисяч тонн соняшнику",
    ["Аграрії Харківщини обмолотили соняшник на 18 тисячах гектарів і зібрали перші 40 тисяч тонн. Середня врожайність — 22 центнери з гектара, трохи менше, ніж торік, через посуху в серпні."],
    actors=["Kharkiv oblast farmers"], locations=["Kharkiv oblast"],
    notes="Distractor: agriculture/economy in a border oblast.")

# ---- Північ 24/7 (pn)
add("pn", "2027-09-07T07:30+03:00", "shtormove-poperedzhennia-sumshchyna-chernihivshchyna",
    "⛈ Штормове попередження на Сумщині й Чернігівщині",
    ["⛈ Сьогодні вдень і ввечері на Сумщині та Чернігівщині грози, місцями град і шквали 15–20 м/с. I рівень небезпечності (жовтий). Обережно на дорогах!"],
    actors=["Ukrainian Hydrometeorological Centre"], locations=["Sumy oblast", "Chernihiv oblast"],
    notes="Distractor: weather warning for two border oblasts.")

add("pn", "2027-09-09T05:40+03:00", "lubny-ulamky-drona-lep",
    "Лубни: уламки дрона пошкодили ЛЕП",
    ["Полтавщина. У Лубнах уламки збитого дрона пошкодили лінію електропередачі, частина міста без світла. Постраждалих немає."],
    actors=["Poltava Regional Military Administration"], locations=["Lubny", "Poltava oblast"],
    notes="Distractor: war event in Poltava oblast, which neighbours Sumy and Kharkiv oblasts but is not one of the six.")

add("pn", "2027-09-10T20:05+03:00", "chernihivskyi-napivmarafon-1400-uchasnykiv",
    "🏃 Чернігівський напівмарафон: зареєструвалися 1 400 учасників",
    ["🏃 На неділю на напівмарафон у Чернігові зареєструвалися 1 400 бігунів. Частину внесків передадуть на реабілітацію ветеранів. Старт — біля Валу о 9:00."],
    actors=["race organisers"], locations=["Chernihiv"],
    notes="Distractor: sport in a border-oblast capital.")

# ---- Глобус-Инфо (gi)
add("gi", "2027-09-09T07:15+03:00", "minoborony-moskovskaya-tverskaya-12-bespilotnikov",
    "Минобороны: над Московской и Тверской областями ночью сбиты 12 беспилотников",
    ["Средствами ПВО в ночь на четверг уничтожены 12 украинских беспилотников: восемь над Московской и четыре над Тверской областью, сообщило Минобороны России. Ограничения на работу аэропортов Москвы сняты утром."],
    section="russia",
    actors=["Russian defence ministry"], locations=["Moscow oblast", "Tver oblast"],
    notes="Distractor: MoD drone claim with none of the six oblasts (compare g27 the next morning).")

add("gi", "2027-09-08T19:40+03:00", "verkhnii-lars-ochered-gruzovikov",
    "На КПП «Верхний Ларс» в очереди стоят более 1 500 грузовиков",
    ["На российско-грузинской границе у пункта пропуска «Верхний Ларс» в очереди скопились более 1 500 грузовых машин. Причина — ремонт дороги на грузинской стороне и сезонный рост перевозок."],
    section="russia",
    actors=["border officials"], locations=["Upper Lars", "Russia-Georgia border"],
    notes="Distractor: another border (Russia–Georgia), no war event.")

add("gi", "2027-09-07T16:20+03:00", "borodinskoe-srazhenie-215-let",
    "На Бородинском поле отметили 215-летие сражения",
    ["В годовщину Бородинского сражения 1812 года на Бородинском поле прошли молебен и возложение цветов к главному монументу. Военно-исторические клубы провели показательные выступления."],
    section="culture",
    actors=["military history clubs"], locations=["Borodino", "Moscow oblast"],
    notes="Distractor: historical anniversary of a battle.")

add("gi", "2027-09-10T14:30+03:00", "tri-seti-supermarketov-zakupochnyi-alyans",
    "Три региональные сети супермаркетов создали закупочный альянс",
    ["Три региональные продуктовые сети из Поволжья и Центральной России объявили о создании закупочного альянса. Совместные закупки должны снизить цены поставщиков на 5–7%."],
    section="economy",
    actors=["supermarket chains"], locations=["Russia"],
    notes="Distractor: 'альянс' in a retail sense.")

# ---- The Borderland Observer (bo)
add("bo", "2027-09-09T14:10+03:00", "national-bank-holds-key-rate-12",
    "National Bank holds key rate at 12%, sees inflation slowing",
    ["The National Bank of Ukraine kept its key policy rate at 12% on Thursday and said inflation would slow to about 7% by the end of the year, helped by a good harvest."],
    section="economy",
    actors=["National Bank of Ukraine"], locations=["Ukraine"],
    notes="Distractor: Ukraine's economy.")

add("bo", "2027-09-08T22:30+03:00", "futsal-kharkiv-side-beats-lviv-league-opener",
    "Futsal: Kharkiv side beats Lviv rivals 4-2 in league opener",
    ["Slobozhanski Lions opened the futsal league season with a 4-2 home win over a Lviv side in front of about 600 fans in Kharkiv. The captain scored twice in the second half.",
     "The match was played in a hall with a shelter next door, as the league requires for games in frontline cities."],
    section="sport",
    actors=["Kharkiv futsal club"], locations=["Kharkiv"],
    notes="Distractor: sports match in Kharkiv; shelter rule is context, not an event.")

add("bo", "2027-09-10T16:00+03:00", "chernihiv-marks-1120-years-first-chronicle-mention",
    "Chernihiv marks 1,120 years since its first mention in the chronicles",
    ["Chernihiv is marking 1,120 years since the city was first named in a written source, a treaty of 907. Museums are offering free entry this weekend, and a small exhibition of medieval seals has opened in the regional history museum."],
    section="culture",
    actors=["Chernihiv museums"], locations=["Chernihiv"],
    notes="Distractor: historical anniversary and culture in a border-oblast capital.")

# ---- Rue de la Loi Report (rl)
add("rl", "2027-09-08T10:05+02:00", "greece-tender-evros-fence-extension",
    "Greece launches tender to extend Evros border fence",
    ["Greece has launched a tender for a further 35 km of fence along the Evros river border with Turkey, its migration ministry said. Brussels will not co-fund the fence itself but will pay for surveillance equipment."],
    actors=["Greek migration ministry", "European Commission"], locations=["Evros", "Greece-Turkey border"],
    link="https://rueloi-report.test/article.php?id=20431",
    notes="Distractor: another border (Greece–Turkey), migration, no war event.")

add("rl", "2027-09-09T09:30+02:00", "rail-freight-alliance-longer-trains",
    "Rail freight alliance urges MEPs to back 740-metre trains",
    ["The European Rail Freight Alliance, a lobby of rail operators and shippers, called on MEPs to back the Commission's plan to allow 740-metre freight trains on all core network lines by 2030. The transport committee votes next month."],
    actors=["European Rail Freight Alliance"], locations=["European Union"],
    link="https://rueloi-report.test/article.php?id=20452",
    notes="Distractor: 'alliance' in an industry-lobby sense.")

# ---- Aldgate Institute (ai)
add("ai", "2027-09-07T10:00+01:00", "nato-needs-a-logistics-command-that-owns-trains",
    "Opinion: NATO needs a logistics command that owns trains, not just timetables",
    ["Every allied exercise of the past three years has ended with the same lesson: moving a brigade across Europe is harder than fighting with it. Allied staffs can plan a move to the week; they cannot make a railway wagon appear.",
     "NATO should go further than coordination. A standing logistics command with its own pool of heavy-lift wagons, low-loaders and fuel contracts, paid for in common, would cost less than one new fighter squadron and would matter more in the first month of a crisis. No ally has proposed it yet. Someone should."],
    actors=["Aldgate Institute"], locations=["Europe"],
    notes="Distractor: NATO-themed opinion, not about any statement or commitment by the alliance or an ally.")

add("ai", "2027-09-08T12:00+01:00", "book-review-the-salient-kursk-1943",
    "Book review: 'The Salient', a new history of Kursk, 1943",
    ["The battle of Kursk has been written about so often that a new history needs a reason to exist. This one has it: the author uses Soviet and German logistics records to show how much the outcome depended on railway repair crews rather than tank duels.",
     "Strong on supply, weaker on the air war. Recommended."],
    actors=["Aldgate Institute"], locations=["Kursk oblast"],
    notes="Distractor: history of the 1943 battle of Kursk.")

# ---- Tallyforge (tf), no guids
add("tf", "2027-09-07T08:15-04:00", "vireo-aerial-lifts-outlook-interceptor-drone-orders",
    "Vireo Aerial lifts outlook as interceptor-drone orders triple",
    ["Drone maker Vireo Aerial raised its full-year revenue forecast by 15% on Tuesday after orders for its interceptor drones tripled in the second quarter, driven by European governments buying for Ukraine and for their own forces.",
     "The company said it would double output at its plant in Lithuania by mid-2028. Shares rose 9% in early trading."],
    section="defense",
    actors=["Vireo Aerial"], locations=["Lithuania"],
    notes="Distractor: arms-industry earnings mentioning drones and Ukraine.")

add("tf", "2027-09-10T18:59-04:00", "latvian-counter-drone-startup-raises-40-million",
    "Latvian counter-drone start-up Skarn Systems raises €40 million",
    ["Skarn Systems, a Riga-based maker of radar and jamming kits against small drones, has raised €40 million in a Series B round led by a Nordic defense fund. It plans to open an office in Kyiv."],
    section="defense",
    actors=["Skarn Systems"], locations=["Riga", "Latvia"],
    notes="Distractor: counter-drone business news. Window edge: 22:59Z on 10 September.")

add("tf", "2027-09-08T10:30-04:00", "polish-drone-maker-lublin-factory-600-jobs",
    "Polish drone maker to open Lublin factory, creating 600 jobs",
    ["A Polish military drone maker said on Wednesday it would build a factory in Lublin to produce 10,000 reconnaissance and strike drones a year from 2029, creating 600 jobs. The plant will also make parts for a Ukrainian partner."],
    section="defense",
    actors=["Polish drone maker"], locations=["Lublin", "Poland"],
    notes="Distractor: arms-industry investment; 'strike drones' is a product category.")

add("tf", "2027-09-09T13:00-04:00", "seed-breeders-form-alliance-drought-tolerant-wheat",
    "Seed breeders form alliance to share drought-tolerant wheat lines",
    ["Six seed breeders from France, Germany, Ukraine and Canada have formed an alliance to share drought-tolerant wheat breeding lines and split the cost of field trials."],
    section="agriculture",
    actors=["seed breeders' alliance"], locations=["Europe"],
    notes="Distractor: 'alliance' in an agricultural-business sense.")

add("tf", None, "insurers-raise-baltic-hull-premiums-cable-incidents",
    "Insurers raise Baltic hull premiums after a summer of cable incidents & detentions",
    ["Marine insurers have raised hull premiums for older tankers trading in the Baltic Sea by up to 20% after a string of undersea cable incidents and the detention of two ships by coastal states, brokers said."],
    section="shipping",
    actors=["marine insurers"], locations=["Baltic Sea"],
    notes="Distractor: Baltic cable theme (cf. g02) in a business story with no statement. Undated item (no pubDate). Entity in title: '&amp;' (label has a plain '&').")

# ---- Matchpoint Daily (mp)
add("mp", "2027-09-07T01:00+01:00", "tennis-kharkiv-born-qualifier-stuns-top-seed-zagreb",
    "Tennis: Kharkiv-born qualifier stuns top seed in Zagreb",
    ["A 19-year-old qualifier born in Kharkiv beat the top seed 7-6, 6-4 in the first round of the Zagreb indoor tournament late on Monday, the biggest win of her career."],
    actors=["tennis player"], locations=["Zagreb"],
    notes="Distractor: sport, Kharkiv-born player. Window edge: exactly 2027-09-07T00:00:00Z.")

add("mp", "2027-09-08T22:10+01:00", "strikers-late-double-sinks-league-leaders",
    "Striker's late double sinks the league leaders",
    ["A substitute striker scored twice in the last ten minutes as the visitors came from behind to beat the league leaders 2-1 and end their unbeaten start to the season."],
    actors=["football club"], locations=[],
    notes="Distractor: 'striker' in football.")

add("mp", "2027-09-09T19:30+01:00", "basketball-belgorod-side-lifts-preseason-cup",
    "Basketball: Belgorod side lifts preseason cup on home court",
    ["Belgorod Falcons won their preseason tournament on home court, beating a Lipetsk team 84-71 in the final. The regular season starts on October 2."],
    actors=["Belgorod basketball club"], locations=["Belgorod"],
    notes="Distractor: sports match in Belgorod (English version of the seym-desna sports item).")

add("mp", "2027-09-10T21:45+01:00", "football-slobozhanshchyna-kharkiv-come-from-behind",
    "Football: Slobozhanshchyna Kharkiv come from behind to beat Rava 2-1",
    ["Slobozhanshchyna Kharkiv scored twice after the break to beat Rava 2-1 in their home game, played in Uzhhorod under league rules for clubs from frontline cities, and climbed to third in the table."],
    actors=["Kharkiv football club"], locations=["Uzhhorod"],
    notes="Distractor: football match of a Kharkiv club.")

add("mp", "2027-09-10T08:00+01:00", "chess-sumy-teenager-wins-european-under-16-rapid",
    "Chess: Sumy teenager wins European under-16 rapid title",
    ["A 15-year-old from Sumy won the European under-16 rapid chess championship in Tbilisi with 8.5 points out of 9, a point ahead of the field."],
    actors=["chess player"], locations=["Tbilisi"],
    notes="Distractor: sport, player from a border-oblast capital.")

# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------
NAMED_TZ = {"kw": {0: "GMT"}, "tf": {-240: "EDT"}}   # feeds that write named zones in pubDate
PN_UTM = {"mena-shakhed-azs"}                         # JSON Feed url carrying utm_ parameters
PN_BASE = 18240                                       # first Telegram post number in the window


def parse_when(s):
    return datetime.fromisoformat(s) if s else None


def utc(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def rfc822(dt, fid=None):
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    mins = int(dt.utcoffset().total_seconds() // 60)
    tz = NAMED_TZ.get(fid, {}).get(mins)
    if tz is None:
        sign = "+" if mins >= 0 else "-"
        tz = "%s%02d%02d" % (sign, abs(mins) // 60, abs(mins) % 60)
    return "%s, %02d %s %d %02d:%02d:%02d %s" % (days[dt.weekday()], dt.day, months[dt.month - 1],
                                               dt.year, dt.hour, dt.minute, dt.second, tz)


def iso_time(dt):
    return dt.isoformat().replace("+00:00", "Z")


def crc(s, mod=100000):
    return zlib.crc32(s.encode("utf-8")) % mod


def html_body(body):
    if isinstance(body, str):
        return body
    out = []
    for p in body:
        out.append(p if p.startswith("<ul>") else "<p>%s</p>" % p)
    return "\n".join(out)


def plain(s):
    s = re.sub(r"<[^>]+>", "", s or "")
    return re.sub(r"\s+", " ", html.unescape(s)).strip()


def canonical(link, site):
    p = urlsplit(urljoin(site, link))
    q = [(k, v) for k, v in parse_qsl(p.query, keep_blank_values=True) if not k.lower().startswith("utm_")]
    return urlunsplit(("https", p.netloc, p.path, urlencode(q), ""))


def ymd(dt, sep="/"):
    return "%04d%s%02d%s%02d" % (dt.year, sep, dt.month, sep, dt.day)


def number_pn_posts():
    """Telegram post numbers grow with time, as in a real channel."""
    posts = sorted((it for it in ITEMS if it["feed"] == "pn"), key=lambda it: parse_when(it["when"]))
    for i, it in enumerate(posts):
        it["pn_num"] = PN_BASE + 3 * i + crc(it["slug"], 3)


def derive(it):
    """Fill link and guid from per-feed conventions unless overridden."""
    f = it["feed"]
    dt = parse_when(it["when"])
    d = dt or datetime(2027, 9, 8, tzinfo=timezone.utc)  # undated items were written on 8 September
    slug = it["slug"]
    if f == "kw":
        link = "https://keystonewire.test/news/%s/%s/%s" % (it["section"], ymd(d), slug)
        guid = "kw-%s-%05d" % (ymd(d, ""), crc(slug))
    elif f == "rr":
        link = "https://rostrumrecord.test/statements/%s/%s" % (ymd(d, "-"), slug)
        guid = "tag:rostrumrecord.test,2027:st-%05d" % crc(slug)
    elif f == "sd":
        link = "https://seym-desna.test/%s/%s/%s/" % (it["section"], ymd(d), slug)
        guid = "https://seym-desna.test/?p=%d" % (40000 + crc(slug, 10000))
    elif f == "sv":
        link = "https://slobidska-varta.test/news/%s-%05d.html" % (slug, crc(slug))
        guid = "urn:uuid:%s" % uuid.uuid5(uuid.NAMESPACE_URL, "slobidska-varta.test/" + slug)
    elif f == "pn":
        num = it["pn_num"]
        link = "https://pivnich247.test/p/%d" % num
        if slug in PN_UTM:
            link += "?utm_source=telegram&utm_medium=channel"
        guid = "pivnich247-%d" % num
    elif f == "gi":
        num = 81200000 + crc(slug)
        link = "https://globus-info.test/%s/%s/%d.html" % (it["section"], ymd(d, ""), num)
        guid = "tag:globus-info.test,2027:%d" % num
    elif f == "bo":
        link = "https://borderland-observer.test/%s/%d/%02d/%s/" % (it["section"], d.year, d.month, slug)
        guid = link
    elif f == "rl":
        link = "https://rueloi-report.test/article.php?id=%d" % (20400 + crc(slug, 100))
        guid = "rl-%05d" % crc(slug)
    elif f == "ai":
        link = "https://commentary.aldgate.test/%d/%02d/%s/" % (d.year, d.month, slug)
        guid = "tag:commentary.aldgate.test,%s:%s" % (ymd(d, "-"), slug)
    elif f == "tf":
        link = ("https://tallyforge.test/%s/%s?utm_source=rss&utm_medium=feed&utm_campaign=industry"
                % (it["section"], slug))
        guid = None
    elif f == "mp":
        link = "https://matchpoint-daily.test/%s/%s" % (ymd(d), slug)
        guid = "tag:matchpoint-daily.test,2027:%s" % slug
    else:
        raise ValueError(f)
    if it["link"] is None:
        it["link"] = link
    if it["guid"] == "auto":
        it["guid"] = guid


def check_item(it):
    dt = parse_when(it["when"])
    if dt is not None:
        if dt.tzinfo is None:
            raise SystemExit("no offset: %s" % it["title"])
        if not START <= dt.astimezone(timezone.utc) <= END:
            raise SystemExit("date outside window: %s %s" % (it["when"], it["title"]))
    if it["updated"]:
        u = parse_when(it["updated"])
        if not START <= u.astimezone(timezone.utc) <= END:
            raise SystemExit("updated outside window: %s" % it["title"])
    if it["story"] is not None and it["story"] not in STORIES:
        raise SystemExit("unknown story %s" % it["story"])
    if FEED[it["feed"]]["format"].startswith("Atom") and dt is None:
        raise SystemExit("Atom entries need a date: %s" % it["title"])
    if it["story"] is None and not it["notes"]:
        raise SystemExit("distractor without a note: %s" % it["title"])
    if it["feed"] in ("kw", "sd", "gi", "bo") and not it["section"] and it["link"] is None:
        raise SystemExit("section needed: %s" % it["title"])


def sort_key(it):
    dt = parse_when(it["when"])
    return (-(dt.timestamp() if dt else 0), it["order"])


def feed_items(fid):
    items = [it for it in ITEMS if it["feed"] == fid]
    dated = sorted([it for it in items if it["when"]], key=sort_key)
    undated = [it for it in items if not it["when"]]
    # undated items sit in the middle of the feed, as a CMS glitch would leave them
    mid = len(dated) // 2
    return dated[:mid] + undated + dated[mid:]


def rss_feed(f, items):
    fid = f["id"]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
           '  <channel>',
           '    <title>%s</title>' % escape(f["title"]),
           '    <link>%s</link>' % escape(f["site"]),
           '    <description>%s</description>' % escape(f["desc"]),
           '    <language>%s</language>' % f["lang"],
           '    <atom:link href=%s rel="self" type="application/rss+xml"/>' % quoteattr(f["self"]),
           '    <lastBuildDate>%s</lastBuildDate>' % rfc822(BUILD, fid),
           '    <generator>fresh2 corpus tools/build.py</generator>']
    for it in items:
        dt = parse_when(it["when"])
        out.append('    <item>')
        out.append('      <title>%s</title>' % escape(it["title"]))
        out.append('      <link>%s</link>' % escape(it["link"]))
        body = html_body(it["body"])
        if fid == "tf":
            out.append('      <description>%s</description>' % escape(body))
        else:
            out.append('      <description><![CDATA[%s]]></description>' % body)
        if dt is not None:
            out.append('      <pubDate>%s</pubDate>' % rfc822(dt, fid))
        if it["guid"] is not None:
            if it["guid"] == it["link"]:
                out.append('      <guid>%s</guid>' % escape(it["guid"]))
            else:
                out.append('      <guid isPermaLink="false">%s</guid>' % escape(it["guid"]))
        if it.get("section") and fid in ("kw", "sd", "bo"):
            out.append('      <category>%s</category>' % escape(it["section"]))
        out.append('    </item>')
    out += ['  </channel>', '</rss>', '']
    return "\n".join(out)


def atom_feed(f, items):
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="%s">' % f["lang"],
           '  <id>tag:%s,2027:feed</id>' % urlsplit(f["site"]).netloc,
           '  <title>%s</title>' % escape(f["title"]),
           '  <subtitle>%s</subtitle>' % escape(f["desc"]),
           '  <link rel="alternate" type="text/html" href=%s/>' % quoteattr(f["site"]),
           '  <link rel="self" type="application/atom+xml" href=%s/>' % quoteattr(f["self"]),
           '  <updated>%s</updated>' % iso_time(BUILD),
           '  <author><name>%s</name></author>' % escape(f["title"].split(" — ")[0])]
    for it in items:
        dt = parse_when(it["when"])
        lang_attr = ""
        if it["lang"] != f["lang"][:2]:
            lang_attr = ' xml:lang="%s"' % it["lang"]
        out.append('  <entry%s>' % lang_attr)
        out.append('    <id>%s</id>' % escape(it["guid"]))
        out.append('    <title type="text">%s</title>' % escape(it["title"]))
        out.append('    <link rel="alternate" type="text/html" href=%s/>' % quoteattr(it["link"]))
        upd = parse_when(it["updated"]) if it["updated"] else dt
        if not it["updated_only"]:
            out.append('    <published>%s</published>' % iso_time(dt))
        out.append('    <updated>%s</updated>' % iso_time(upd))
        if it.get("section") and f["id"] == "gi":
            out.append('    <category term=%s/>' % quoteattr(it["section"]))
        body = html_body(it["body"])
        if f["id"] == "ai" and isinstance(it["body"], str):
            out.append('    <summary type="text">%s</summary>' % escape(plain(body)[:240] + "…"))
            out.append('    <content type="html">%s</content>' % escape(body))
        elif f["id"] == "sv":
            out.append('    <content type="html"><![CDATA[%s]]></content>' % body)
        else:
            out.append('    <summary type="html">%s</summary>' % escape(body))
        out.append('  </entry>')
    out += ['</feed>', '']
    return "\n".join(out)


def json_feed(f, items):
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f["title"],
        "home_page_url": f["site"],
        "feed_url": f["self"],
        "description": f["desc"],
        "language": f["lang"],
        "authors": [{"name": f["title"].split(" | ")[0], "url": "https://t.me/s/pivnich247_test"}],
        "items": [],
    }
    for it in items:
        dt = parse_when(it["when"])
        entry = {"id": it["guid"], "url": it["link"], "title": it["title"],
                 "content_html": html_body(it["body"])}
        if dt is not None:
            entry["date_published"] = iso_time(dt)
        if it["lang"] != f["lang"][:2]:
            entry["language"] = it["lang"]
        doc["items"].append(entry)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render(f, items):
    if f["format"].startswith("RSS"):
        return rss_feed(f, items)
    if f["format"].startswith("Atom"):
        return atom_feed(f, items)
    return json_feed(f, items)


def main():
    number_pn_posts()
    for it in ITEMS:
        check_item(it)
        derive(it)
    seen = set()
    for it in ITEMS:
        k = (it["feed"], it["link"], it["guid"])
        if k in seen:
            raise SystemExit("duplicate item key %r" % (k,))
        seen.add(k)
    feeds_dir = os.path.join(ROOT, "feeds")
    os.makedirs(feeds_dir, exist_ok=True)
    for name in os.listdir(feeds_dir):          # drop feeds that are no longer defined
        if name not in {f["file"] for f in FEEDS}:
            os.remove(os.path.join(feeds_dir, name))
    labels = []
    feeds_json = []
    for f in FEEDS:
        items = feed_items(f["id"])
        with open(os.path.join(feeds_dir, f["file"]), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(render(f, items))
        feeds_json.append(dict(id=f["id"], file="feeds/" + f["file"], format=f["format"], title=f["title"],
                               site=f["site"], self=f["self"], lang=f["lang"], style=f["style"],
                               items=len(items)))
        for it in items:
            dt = parse_when(it["when"])
            if f["format"].startswith("Atom") and it["updated_only"]:
                pub = utc(parse_when(it["updated"]) if it["updated"] else dt)
            else:
                pub = utc(dt) if dt else None
            story = it["story"]
            labels.append(dict(
                feed=f["file"], guid=it["guid"], link=it["link"],
                canonical_link=canonical(it["link"], f["site"]), title=plain(it["title"]),
                published=pub, lang=it["lang"],
                topics=list(STORIES[story]["topics"]) if story else [],
                story=story, actors=it["actors"], locations=it["locations"], notes=it["notes"]))
    stories = {}
    for sid, s in STORIES.items():
        members = [l for l in labels if l["story"] == sid]
        if not members:
            raise SystemExit("story without items: " + sid)
        members.sort(key=lambda l: (l["published"] is None, l["published"] or ""))
        links = []
        for l in members:
            if l["canonical_link"] not in links:
                links.append(l["canonical_link"])
        entry = dict(topics=list(s["topics"]), one_line=s["one_line"], items=links)
        if s.get("related"):
            entry["related"] = list(s["related"])
        stories[sid] = entry
    for name, obj in (("labels.json", labels), ("stories.json", stories), ("feeds.json", feeds_json)):
        with open(os.path.join(ROOT, name), "w", encoding="utf-8", newline="\n") as fh:
            json.dump(obj, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
    n = len(labels)
    d = sum(1 for l in labels if not l["topics"])
    print("feeds %d, items %d, distractors %d (%.1f%%), stories %d"
          % (len(FEEDS), n, d, 100.0 * d / n, len(stories)))


if __name__ == "__main__":
    main()
