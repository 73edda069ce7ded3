#!/usr/bin/env python3
"""Build the holdout corpus: feeds/, labels.json, stories.json, feeds.json.

Standard library only and deterministic: running it twice gives byte-identical
files. All item text, metadata and story definitions live in this file
(FEEDS, STORIES and the ITEMS list built by the add() calls below).

Everything is invented: outlets, .test domains, events, figures and the
quoted spokespeople (marked "(invented)" in actors). Real offices appear by
title only. Dates are 12-15 March 2027.

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
START = datetime(2027, 3, 12, 0, 0, tzinfo=timezone.utc)
END = datetime(2027, 3, 15, 23, 0, tzinfo=timezone.utc)
BUILD = datetime(2027, 3, 15, 23, 0, tzinfo=timezone.utc)
A, B = "alliance-statements", "border-developments"

# --------------------------------------------------------------------------
# Feeds. Order here is the order of feeds.json and of labels.json.
# --------------------------------------------------------------------------
FEEDS = [
    dict(id="nw", file="northgatewire.xml", format="RSS 2.0",
         title="Northgate Wire — World", site="https://northgatewire.test/",
         self="https://northgatewire.test/feeds/world.rss", lang="en",
         desc="World news from the Northgate Wire agency.",
         style="wire agency"),
    dict(id="cd", file="coalitiondesk.atom", format="Atom 1.0",
         title="Coalition Desk — Official statements", site="https://coalitiondesk.test/",
         self="https://coalitiondesk.test/statements.atom", lang="en",
         desc="Statements and releases from alliances, their headquarters and allied governments.",
         style="press-release mirror for alliance headquarters and allied governments"),
    dict(id="pr", file="porubezhye.xml", format="RSS 2.0",
         title="Порубежье — новости Курской, Брянской и Белгородской областей",
         site="https://porubezhye.test/", self="https://porubezhye.test/rss/", lang="ru",
         desc="Новости приграничных областей: Курск, Брянск, Белгород.",
         style="Russian regional outlet (Russian language)"),
    dict(id="sl", file="siverlystok.atom", format="Atom 1.0",
         title="Сіверський листок", site="https://siverlystok.test/",
         self="https://siverlystok.test/feed.atom", lang="uk",
         desc="Новини Чернігівщини, Сумщини та Харківщини.",
         style="Ukrainian regional outlet (Ukrainian language)"),
    dict(id="eh", file="eastbankherald.xml", format="RSS 2.0",
         title="Eastbank Herald", site="https://eastbankherald.test/",
         self="https://eastbankherald.test/rss.xml", lang="en",
         desc="Kharkiv and north-eastern Ukraine, in English.",
         style="Ukrainian outlet, English edition (one Ukrainian-language item, not marked)"),
    dict(id="hl", file="harbourline.xml", format="RSS 2.0",
         title="Harbourline | News", site="https://harbourline.test/news",
         self="https://harbourline.test/news/rss", lang="en-gb",
         desc="News from Harbourline.",
         style="general news (feed without guids)"),
    dict(id="ln", file="lindqvist-notes.atom", format="Atom 1.0",
         title="Lindqvist Centre — Morning Note", site="https://notes.lindqvist.test/",
         self="https://notes.lindqvist.test/atom.xml", lang="en",
         desc="Short analysis from the Lindqvist Centre for Security Studies.",
         style="think-tank notes"),
    dict(id="vo", file="vobzor.atom", format="Atom 1.0",
         title="Вечерний обзор — Мир", site="https://vobzor.test/",
         self="https://vobzor.test/atom/mir.xml", lang="ru",
         desc="Мировые новости на русском языке.",
         style="Russian-language international news service"),
    dict(id="lp", file="ledgerpoint.xml", format="RSS 2.0",
         title="Ledgerpoint — Business & Technology", site="https://ledgerpoint.test/",
         self="https://ledgerpoint.test/rss.php", lang="en-US",
         desc="Business, trade and technology news.",
         style="business and technology site"),
    dict(id="fw", file="finalwhistle.xml", format="RSS 2.0",
         title="Final Whistle", site="https://finalwhistle.test/",
         self="https://finalwhistle.test/rss", lang="en-GB",
         desc="Football, rugby and more.",
         style="sports site"),
]
FEED = {f["id"]: f for f in FEEDS}

# --------------------------------------------------------------------------
# Stories: id -> topics, neutral one-line summary, optional related.
# --------------------------------------------------------------------------
STORIES = {
    "h01-nato-sg-tallinn-air-defence": dict(
        topics=[A],
        one_line="On 12 March at a forum in Tallinn the NATO Secretary General urged allies to raise ground-based air-defence holdings by about a third by 2029 and said national targets would be set in June."),
    "h02-nato-sg-baltic-surveillance": dict(
        topics=[A],
        one_line="On 15 March in Brussels the NATO Secretary General said the Alliance's surveillance of Baltic Sea undersea infrastructure would continue with no end date and add uncrewed surface vessels."),
    "h03-eu-fac-training-mission": dict(
        topics=[A],
        one_line="On 15 March the EU High Representative said EU foreign ministers had extended the EU military assistance mission for Ukraine by two years and added drone-operator and demining training."),
    "h04-g7-fm-drone-components": dict(
        topics=[A],
        one_line="On 13 March G7 foreign ministers said in a joint statement that they would sanction third-country suppliers of components for Russia's long-range attack drones."),
    "h05-csto-defmin-minsk": dict(
        topics=[A],
        one_line="On 12 March CSTO defence ministers meeting in Minsk criticised NATO spring exercises near Belarus and the Baltic states and approved a joint air-defence exercise for the autumn."),
    "h06-b9-counter-drone-bratislava": dict(
        topics=[A],
        one_line="On 14 March Bucharest Nine defence ministers signed a declaration in Bratislava on jointly buying counter-drone systems and linking national sensor networks."),
    "h07-weimar-triangle-krakow": dict(
        topics=[A],
        one_line="On 12 March the foreign ministers of France, Germany and Poland agreed in Krakow to jointly fund mid-range air defence for Ukraine and keep their eastern-flank presence at current levels through 2028."),
    "h08-nb8-undersea-infrastructure": dict(
        topics=[A],
        one_line="On 14 March Nordic-Baltic Eight defence ministers in Riga made protection of undersea infrastructure a standing joint task and pledged continued training of Ukrainian naval drone crews."),
    "h09-norway-air-defence-poland": dict(
        topics=[A],
        one_line="On 13 March Norway's defence ministry said it would deploy an air-defence unit to south-eastern Poland from May under NATO's integrated air and missile defence."),
    "h10-csto-sg-rylsk-condemnation": dict(
        topics=[A, B], related=["h14-rylsk-missile-strike"],
        one_line="On 13 March the CSTO Secretary General condemned the 12 March missile strike on Rylsk, Kursk oblast (three dead and a school damaged, according to the governor), and called for faster work on the bloc's joint air defence."),
    "h11-eu-hr-chernihiv-visit": dict(
        topics=[A, B],
        one_line="On 12 March the EU High Representative visited Chernihiv and announced EUR 60 million for northern border communities, hours after drones hit the city's Novozavodskyi district and injured two, according to the regional administration."),
    "h12-csto-sg-bryansk-pogar": dict(
        topics=[A, B],
        one_line="On 14 March the CSTO Secretary General visited Bryansk oblast and promised aid to border districts after an overnight drone attack damaged a substation in Pogar district and injured two, according to the governor."),
    "h13-g7-envoys-okhtyrka": dict(
        topics=[A, B], related=["h16-okhtyrka-water-station-strike"],
        one_line="On 14 March G7 ambassadors in Kyiv condemned the 13 March missile strike on Okhtyrka's main water pumping station (one killed, four injured) and promised water-purification units and generators."),
    "h14-rylsk-missile-strike": dict(
        topics=[B], related=["h10-csto-sg-rylsk-condemnation"],
        one_line="On 12 March missiles hit Rylsk, Kursk oblast; the governor reported two killed and nine injured, and on 13 March said the death toll had risen to three."),
    "h15-valuyki-rail-depot-drone": dict(
        topics=[B],
        one_line="Overnight into 13 March a drone hit a railway depot in Valuyki, Belgorod oblast, injuring a worker and halting trains for about five hours, according to the governor."),
    "h16-okhtyrka-water-station-strike": dict(
        topics=[B], related=["h13-g7-envoys-okhtyrka"],
        one_line="On 13 March a missile strike on the main water pumping station in Okhtyrka, Sumy oblast, killed one worker and injured four and cut running water to most of the town, according to the regional administration."),
    "h17-zolochiv-child-evacuation": dict(
        topics=[B],
        one_line="On 12 March Kharkiv regional authorities made evacuation mandatory for families with children in 11 villages of the Zolochiv community; by 14 March 214 children had been moved, they said."),
    "h18-shostka-night-drones": dict(
        topics=[B],
        one_line="Overnight into 14 March attack drones hit an industrial site in Shostka, Sumy oblast, starting a fire and injuring a guard, according to the regional administration."),
    "h19-shostka-guided-bombs": dict(
        topics=[B],
        one_line="On 15 March two guided aerial bombs hit the outskirts of Shostka, Sumy oblast, destroying three houses and injuring two, according to the regional administration."),
    "h20-suzemka-sabotage-group": dict(
        topics=[B],
        one_line="On 12 March the Bryansk governor said a Ukrainian sabotage group had tried to cross into Suzemka district and been pushed back, with one serviceman wounded."),
    "h21-russia-mod-47-drones": dict(
        topics=[B],
        one_line="On 14 March Russia's defence ministry said 47 Ukrainian drones were downed overnight, 39 of them over Bryansk, Kursk and Belgorod oblasts."),
    "h22-chuhuiv-rocket-fire": dict(
        topics=[B],
        one_line="On 13 March rocket-artillery fire on Chuhuiv, Kharkiv oblast, wounded four people including a teenager, according to the regional administration."),
    "h23-kharkiv-industrialnyi-guided-bomb": dict(
        topics=[B],
        one_line="On 14 March a guided aerial bomb hit Kharkiv's Industrialnyi district; the mayor first reported one killed and 11 injured, later two killed and 14 injured."),
    "h24-kharkiv-kholodnohirskyi-drones": dict(
        topics=[B],
        one_line="Overnight into 15 March drones hit Kharkiv's Kholodnohirskyi district, damaging a power line and flats without injuries, according to the mayor."),
    "h25-novhorod-siverskyi-shelling": dict(
        topics=[B],
        one_line="On 13 March the Chernihiv regional administration reported 64 explosions from mortar and artillery fire in the Novhorod-Siverskyi community, damaging a school and a power line."),
    "h26-lgov-bus-station-drone": dict(
        topics=[B],
        one_line="On 14 March a drone struck near the bus station in Lgov, Kursk oblast, injuring three and damaging two buses, according to the governor."),
    "h27-belgorod-substation-strike": dict(
        topics=[B],
        one_line="Overnight into 15 March an attack damaged a substation in Belgorod, leaving about 30,000 residents without power, according to the governor."),
    "h28-trubchevsk-fpv-tractor": dict(
        topics=[B],
        one_line="On 15 March the Bryansk governor said an FPV drone hit a tractor in Trubchevsk district, injuring the driver."),
}

# --------------------------------------------------------------------------
# Items
# --------------------------------------------------------------------------
ITEMS = []


def add(feed, when, slug, title, body, story=None, actors=(), locations=(), lang=None,
        notes="", section=None, link=None, guid="auto", updated=None, updated_only=False,
        xml_lang=None):
    """Register one feed item.

    when: local time with offset, "2027-03-12T08:15+03:00", or None (undated).
    body: list of paragraphs (HTML allowed) or a ready HTML string.
    """
    ITEMS.append(dict(feed=feed, when=when, slug=slug, title=title, body=body, story=story,
                      actors=list(actors), locations=list(locations),
                      lang=lang or FEED[feed]["lang"][:2].lower(), notes=notes, section=section,
                      link=link, guid=guid, updated=updated, updated_only=updated_only,
                      xml_lang=xml_lang, order=len(ITEMS)))


# ---------------------------------------------------------------- Northgate Wire (nw)
add("nw", "2027-03-12T10:05+00:00", "nato-chief-air-defence-stocks-third-2029",
    "NATO chief tells allies to raise air-defence stocks by a third by 2029",
    ["TALLINN, March 12 (Northgate) &ndash; NATO's Secretary General on Friday urged member states to increase their holdings of ground-based air-defence systems and interceptor missiles by about a third by 2029, saying current stocks would not last long in a high-intensity war.",
     "Speaking at the Baltic Defence Forum in the Estonian capital, he said national air-defence targets would be set when defence ministers meet in June, and that progress towards them would be reported every year."],
    story="h01-nato-sg-tallinn-air-defence", actors=["NATO Secretary General", "NATO"],
    locations=["Tallinn", "Estonia"], section="world/europe")

add("nw", "2027-03-15T12:15+00:00", "nato-extends-baltic-cable-patrols-uncrewed-vessels",
    "NATO extends Baltic Sea cable patrols indefinitely, adds uncrewed vessels",
    ["BRUSSELS, March 15 (Northgate) &ndash; NATO will keep up its surveillance of undersea cables and pipelines in the Baltic Sea with no end date and will add uncrewed surface vessels to the ships and aircraft already involved, the alliance's Secretary General told a news conference on Monday.",
     "The activity started as a temporary reinforcement after a series of cable breaks. Officials said about a dozen sea drones offered by four allies would join by the summer."],
    story="h02-nato-sg-baltic-surveillance", actors=["NATO Secretary General", "NATO"],
    locations=["Baltic Sea", "Brussels"], section="world/europe",
    notes="Same official as h01 but a new statement on another day and subject: separate story.")

add("nw", "2027-03-15T17:30+00:00", "eu-extends-ukraine-training-mission-drone-operators",
    "EU extends Ukraine training mission by two years, adds drone-operator courses",
    ["BRUSSELS, March 15 (Northgate) &ndash; European Union foreign ministers agreed on Monday to extend the bloc's military assistance mission for Ukraine by two years and to widen it to training for drone operators and mine-clearance teams, the EU's High Representative for foreign affairs said.",
     "He told reporters after the Foreign Affairs Council that the mission had trained more than 80,000 Ukrainian soldiers since it began, and that the new courses would start in May at sites in Germany and Poland."],
    story="h03-eu-fac-training-mission",
    actors=["EU High Representative", "EU foreign ministers", "European Union"],
    locations=["Brussels", "Ukraine"], section="world/europe",
    notes="The Lindqvist note in h03 links to this article over http://.")

add("nw", "2027-03-13T16:20+00:00", "g7-warns-suppliers-russian-drone-parts",
    "G7 warns suppliers of Russian drone parts of further sanctions",
    ["LONDON, March 13 (Northgate) &ndash; Foreign ministers of the Group of Seven said on Saturday they would impose further sanctions on companies in third countries that supply engines, navigation modules and other parts used in Russia's long-range attack drones.",
     "In a joint statement after a video conference, the ministers said more than 40 intermediaries had been identified and that listings would be coordinated among the seven governments in the coming weeks."],
    story="h04-g7-fm-drone-components", actors=["G7 foreign ministers", "G7"],
    locations=["Russia"], section="world")

add("nw", "2027-03-12T15:40+00:00", "csto-defence-ministers-minsk-nato-drills-air-defence-exercise",
    "CSTO defence ministers criticise NATO drills, plan joint air-defence exercise",
    ["MOSCOW, March 12 (Northgate) &ndash; Defence ministers of the Russian-led Collective Security Treaty Organization, meeting in Minsk on Friday, said NATO's spring exercises near Belarus and the Baltic states were raising tension in the region, the bloc said in a statement.",
     "The ministers approved a plan for a joint air-defence exercise in the autumn and set up a working group on countering drones."],
    story="h05-csto-defmin-minsk", actors=["CSTO defence ministers", "CSTO"],
    locations=["Minsk", "Belarus"], section="world/europe")

add("nw", "2027-03-12T13:50+00:00", "weimar-triangle-ministers-joint-air-defence-funding-ukraine",
    "Weimar Triangle ministers pledge joint air-defence funding for Ukraine",
    ["KRAKOW, March 12 (Northgate) &ndash; The foreign ministers of France, Germany and Poland agreed on Friday to put money into a common pot for Ukraine's air defence, starting with mid-range batteries, and said their forces on NATO's eastern flank would stay at current levels at least through 2028.",
     "Meeting in the Weimar Triangle format, the three said a first joint purchase would be announced before the alliance's summit in July."],
    story="h07-weimar-triangle-krakow",
    actors=["Weimar Triangle foreign ministers", "France", "Germany", "Poland"],
    locations=["Krakow", "Poland", "Ukraine"], section="world/europe")

add("nw", "2027-03-13T09:30+00:00", "norway-air-defence-unit-poland-nato",
    "Norway to send air-defence unit to Poland under NATO plan",
    ["OSLO, March 13 (Northgate) &ndash; Norway will deploy a ground-based air-defence unit of about 150 personnel to south-eastern Poland from May for six months as part of NATO's integrated air and missile defence, the Norwegian defence ministry said on Saturday.",
     "The unit will protect a logistics hub used for Western deliveries to Ukraine, the ministry said, adding that the deployment met a commitment Norway had made to allies last year."],
    story="h09-norway-air-defence-poland", actors=["Norwegian defence ministry", "Norway", "NATO"],
    locations=["Poland", "Norway"], section="world/europe")

add("nw", "2027-03-13T14:45+00:00", "csto-chief-condemns-rylsk-missile-strike",
    "CSTO chief condemns missile strike on Russia's Rylsk, urges faster joint air defence",
    ["MOSCOW, March 13 (Northgate) &ndash; The secretary general of the Russian-led Collective Security Treaty Organization on Saturday condemned Friday's missile strike on Rylsk in Russia's Kursk region, which the regional governor says killed three people and damaged a school and two apartment blocks.",
     "In a written statement he offered condolences, said member states were ready to help rebuild the school, and called for work on the bloc's joint regional air-defence system to be speeded up."],
    story="h10-csto-sg-rylsk-condemnation",
    actors=["CSTO Secretary General", "CSTO", "Kursk governor"],
    locations=["Rylsk", "Kursk oblast"], section="world/europe",
    notes="Reaction statement that also reports the strike concretely (place, deaths, damage): both topics. The strike itself is h14 (related). Same official as h12 on another day: separate story.")

add("nw", "2027-03-12T13:30+00:00", "eu-top-diplomat-chernihiv-visit-drone-attack",
    "EU's top diplomat pledges aid for Ukraine's north on Chernihiv visit after drone attack",
    ["CHERNIHIV, Ukraine, March 12 (Northgate) &ndash; The European Union's High Representative for foreign affairs promised 60 million euros for generators, shelters and mobile air-defence teams in Ukraine's northern border regions during a visit to Chernihiv on Friday, hours after Russian drones struck the city.",
     "The regional military administration said two drones hit a warehouse and a car-repair shop in the city's Novozavodskyi district before dawn, injuring two men. The delegation went down to a shelter when another air-raid alert sounded at midday."],
    story="h11-eu-hr-chernihiv-visit",
    actors=["EU High Representative", "European Union", "Chernihiv Regional Military Administration"],
    locations=["Chernihiv", "Novozavodskyi district", "Chernihiv oblast"], section="world/europe",
    notes="Both topics: EU pledge plus concrete drone strike on the city the same day. Same official as h03 on another day: separate story.")

add("nw", "2027-03-14T15:55+00:00", "csto-chief-visits-bryansk-after-pogar-drone-strike",
    "CSTO chief visits Russia's Bryansk region after drone strike on Pogar substation",
    ["MOSCOW, March 14 (Northgate) &ndash; The secretary general of the Collective Security Treaty Organization visited Russia's Bryansk region on Sunday and said the bloc would send humanitarian aid to border districts, after a Ukrainian drone attack overnight damaged an electricity substation in the Pogar district and injured two workers, according to the regional governor.",
     "About 4,000 households in Pogar and nearby villages were without power for several hours, the governor said."],
    story="h12-csto-sg-bryansk-pogar",
    actors=["CSTO Secretary General", "CSTO", "Bryansk governor"],
    locations=["Pogar district", "Bryansk oblast", "Bryansk"], section="world/europe",
    notes="Both topics: CSTO statement plus the Pogar strike reported concretely. No separate Pogar story exists. Same official as h10 (13 March) on another day and occasion: separate story.")

add("nw", "2027-03-12T07:50+00:00", "missile-strike-rylsk-kills-two-governor",
    "Missile strike on Russian border town of Rylsk kills two, governor says",
    ["MOSCOW, March 12 (Northgate) &ndash; Two people were killed and nine wounded when missiles hit the town of Rylsk in Russia's Kursk region early on Friday, the regional governor said.",
     "A school, two five-storey apartment buildings and a gas pipeline were damaged. Russia's defence ministry said air defences had shot down four of six missiles fired at the area. There was no comment from Kyiv."],
    story="h14-rylsk-missile-strike", actors=["Kursk governor", "Russian defence ministry"],
    locations=["Rylsk", "Kursk oblast"], section="world/europe")

add("nw", "2027-03-13T08:40+00:00", "drone-hits-rail-depot-valuyki-belgorod",
    "Drone hits rail depot in Russia's Belgorod region, worker injured",
    ["MOSCOW, March 13 (Northgate) &ndash; A Ukrainian drone struck a railway depot in the town of Valuyki in Russia's Belgorod region overnight, starting a fire and injuring a worker, the regional governor said on Saturday.",
     "Trains through the town were halted for about five hours."],
    story="h15-valuyki-rail-depot-drone", actors=["Belgorod governor"],
    locations=["Valuyki", "Belgorod oblast"], section="world/europe",
    notes="Same governor as h27 on another day and place: separate story.")

add("nw", "2027-03-13T08:05+00:00", "okhtyrka-water-station-missile-strike-one-killed",
    "Strike on water station in Ukraine's Okhtyrka kills worker, taps run dry",
    ["KYIV, March 13 (Northgate) &ndash; A Russian missile attack on the main water pumping station of Okhtyrka in north-eastern Ukraine killed one worker and injured four, leaving most of the town without running water, Sumy regional authorities said on Saturday.",
     "Repairs would take at least a week, the regional military administration said. Drinking water is being delivered by tanker trucks."],
    story="h16-okhtyrka-water-station-strike", actors=["Sumy Regional Military Administration"],
    locations=["Okhtyrka", "Sumy oblast"], section="world/europe")

add("nw", "2027-03-12T12:45+00:00", "families-with-children-must-leave-kharkiv-region-villages",
    "Families with children must leave 11 Kharkiv-region villages, officials say",
    ["KYIV, March 12 (Northgate) &ndash; Ukrainian authorities on Friday told all families with children to leave 11 villages in the Zolochiv community of the Kharkiv region, citing daily shelling and drone attacks, and said the order was binding.",
     "About 300 children live in the villages, officials said. Adults are being urged, but not ordered, to leave."],
    story="h17-zolochiv-child-evacuation", actors=["Kharkiv Regional Military Administration"],
    locations=["Zolochiv community", "Kharkiv oblast"], section="world/europe")

add("nw", "2027-03-15T12:10+00:00", "guided-bombs-hit-houses-shostka",
    "Guided bombs hit houses in Ukraine's Shostka a day after drone attack",
    ["KYIV, March 15 (Northgate) &ndash; Russian aircraft dropped two guided bombs on a residential area on the edge of Shostka in Ukraine's Sumy region on Monday, destroying three houses and injuring two people, the regional military administration said.",
     "Drones had hit the town's industrial zone the night before."],
    story="h19-shostka-guided-bombs", actors=["Sumy Regional Military Administration"],
    locations=["Shostka", "Sumy oblast"], section="world/europe",
    notes="Trap: mentions the previous night's drone attack (h18) in passing, but reports a different incident in the same town: separate story.")

add("nw", "2027-03-14T06:20+00:00", "russian-air-defences-shot-down-47-drones-ministry",
    "Russian air defences shot down 47 drones overnight, 19 of them over Bryansk, ministry says",
    ["MOSCOW, March 14 (Northgate) &ndash; Russian air defences destroyed 47 Ukrainian drones overnight, the defence ministry said on Sunday: 19 over the Bryansk region, 11 over Kursk, nine over Belgorod, five over Oryol and three over the Moscow region.",
     "The ministry did not report damage or casualties."],
    story="h21-russia-mod-47-drones", actors=["Russian defence ministry"],
    locations=["Bryansk oblast", "Kursk oblast", "Belgorod oblast", "Oryol oblast", "Moscow oblast"],
    section="world/europe",
    notes="MoD claim of drones downed over the border oblasts (also lists Oryol and Moscow region).")

add("nw", "2027-03-13T15:30+00:00", "rocket-fire-wounds-four-chuhuiv",
    "Russian rocket fire wounds four in Ukraine's Chuhuiv",
    ["KYIV, March 13 (Northgate) &ndash; Russian multiple rocket launchers shelled the town of Chuhuiv in Ukraine's Kharkiv region on Saturday afternoon, wounding four people including a 15-year-old boy, the head of the regional military administration said."],
    story="h22-chuhuiv-rocket-fire", actors=["Head of Kharkiv Regional Military Administration"],
    locations=["Chuhuiv", "Kharkiv oblast"], section="world/europe", notes="Short description.")

add("nw", "2027-03-14T10:00+00:00", "glide-bomb-strike-kharkiv-kills-one",
    "Glide bomb strike on Kharkiv kills one, injures 11",
    ["KYIV, March 14 (Northgate) &ndash; A Russian guided aerial bomb hit an industrial area in Kharkiv's Industrialnyi district on Sunday morning, killing one person and injuring 11, the city's mayor said.",
     "Kharkiv, Ukraine's second-largest city, lies about 30 km from the border and is regularly hit by glide bombs released from aircraft over Russia's Belgorod region."],
    story="h23-kharkiv-industrialnyi-guided-bomb", actors=["Kharkiv mayor"],
    locations=["Kharkiv", "Industrialnyi district"], section="world/europe",
    link="https://northgatewire.test/world/europe/2027/03/14/glide-bomb-strike-kharkiv-kills-one#update-1",
    notes="Link with #fragment. Background mention of Belgorod region is not a separate event.")

add("nw", "2027-03-14T11:05+00:00", "drone-strike-bus-station-lgov",
    "Drone strike near bus station wounds three in Russia's Lgov",
    ["MOSCOW, March 14 (Northgate) &ndash; A Ukrainian drone struck near the bus station in Lgov, a town in Russia's Kursk region, on Sunday, wounding three people and damaging two buses, the regional governor said."],
    story="h26-lgov-bus-station-drone", actors=["Kursk governor"],
    locations=["Lgov", "Kursk oblast"], section="world/europe",
    notes="Same governor as h14 on another day and town: separate story.")

add("nw", "2027-03-15T06:55+00:00", "power-out-belgorod-strike-substation",
    "Power out for 30,000 in Russia's Belgorod after overnight strike on substation",
    ["MOSCOW, March 15 (Northgate) &ndash; An overnight Ukrainian attack hit an electricity substation in the city of Belgorod, leaving about 30,000 residents without power, the regional governor said on Monday.",
     "No casualties were reported. Schools in the affected districts switched to remote lessons for the day."],
    story="h27-belgorod-substation-strike", actors=["Belgorod governor"],
    locations=["Belgorod", "Belgorod oblast"], section="world/europe")

add("nw", "2027-03-14T09:10+00:00", "drone-attack-odesa-port-kills-two",
    "Drone attack on Odesa port kills two",
    ["KYIV, March 14 (Northgate) &ndash; Russian drones struck port facilities in Odesa overnight, killing two dock workers and damaging a grain terminal, the regional military administration said."],
    actors=["Odesa Regional Military Administration"], locations=["Odesa", "Odesa oblast"],
    section="world/europe", notes="Trap: war event outside the six border oblasts.")

add("nw", "2027-03-13T12:00+00:00", "shelling-cuts-power-line-zaporizhzhia-region",
    "Shelling cuts power line in Zaporizhzhia region, 12,000 homes without electricity",
    ["KYIV, March 13 (Northgate) &ndash; Russian artillery damaged a high-voltage line in Ukraine's Zaporizhzhia region on Saturday, leaving about 12,000 households without electricity, the national grid operator said."],
    actors=["Ukrainian grid operator"], locations=["Zaporizhzhia oblast"], section="world/europe",
    notes="Trap: shelling and power cut, but outside the six border oblasts.")

add("nw", "2027-03-12T09:00+00:00", "north-sea-ports-hydrogen-import-alliance",
    "North Sea ports form hydrogen import alliance",
    ["AMSTERDAM, March 12 (Northgate) &ndash; Six North Sea ports agreed on Friday to form an alliance to coordinate terminals, storage and pipelines for imported hydrogen, saying shared planning would cut costs for shippers and industry."],
    actors=["North Sea ports"], locations=["North Sea"], section="business",
    link="https://northgatewire.test/business/2027/03/12/north-sea-ports-hydrogen-import-alliance?utm_source=rss&utm_medium=world-feed",
    notes="Trap: 'alliance' in the energy/industry sense. Link has utm_* parameters.")

add("nw", "2027-03-15T14:30+00:00", "us-canada-truck-waits-inspections",
    "Truck waits at US-Canada border lengthen as inspections tighten",
    ["TORONTO, March 15 (Northgate) &ndash; Commercial trucks waited up to five hours at the main crossings between Ontario and Michigan on Monday after US customs stepped up inspections of steel and aluminium shipments, industry groups said."],
    actors=["US customs", "trucking industry groups"],
    locations=["US-Canada border", "Ontario", "Michigan"], section="business",
    notes="Trap: 'border' in the US-Canada trade sense.")

# ---------------------------------------------------------------- Coalition Desk (cd), Atom
add("cd", "2027-03-12T13:10+02:00", "sg-keynote-baltic-defence-forum-tallinn",
    "Baltic Defence Forum: NATO Secretary General's keynote on air and missile defence",
    ["In his keynote address at the Baltic Defence Forum in Tallinn on 12 March, the NATO Secretary General said Allies needed roughly one third more ground-based air and missile defence capacity by 2029, including interceptor stocks.",
     "He announced that national air-defence targets would be agreed at the meeting of Defence Ministers in June and that progress would be reviewed annually. He also called on industry to sign multi-year contracts to expand interceptor production."],
    story="h01-nato-sg-tallinn-air-defence", actors=["NATO Secretary General", "NATO"],
    locations=["Tallinn", "Estonia"], updated="2027-03-12T16:40+02:00",
    notes="Atom <updated> later than <published> (transcript added).")

add("cd", "2027-03-15T14:00+01:00", "sg-baltic-sea-surveillance-standing-activity",
    "Secretary General: Baltic Sea surveillance to continue without end date",
    ["At a press conference at NATO Headquarters on 15 March, the Secretary General announced that the Alliance's reinforced surveillance of critical undersea infrastructure in the Baltic Sea would become a standing activity.",
     "Allies will add uncrewed surface vessels and more maritime patrol aircraft over the coming months."],
    story="h02-nato-sg-baltic-surveillance", actors=["NATO Secretary General", "NATO"],
    locations=["Baltic Sea", "Brussels"], updated_only=True,
    notes="Atom entry with <updated> only (label 'published' = updated).")

add("cd", "2027-03-14T17:20+01:00", "bucharest-nine-bratislava-declaration-counter-drone",
    "Bratislava Declaration of the Bucharest Nine defence ministers on counter-drone defence",
    ["Defence ministers of Bulgaria, Czechia, Estonia, Hungary, Latvia, Lithuania, Poland, Romania and Slovakia met in Bratislava on 14 March.",
     "In a joint declaration they committed to a common purchase of counter-drone systems and to connect national radar and acoustic sensors along the eastern flank into a shared air picture by 2028, in coordination with NATO."],
    story="h06-b9-counter-drone-bratislava",
    actors=["Bucharest Nine defence ministers", "Bucharest Nine"],
    locations=["Bratislava", "Slovakia"])

add("cd", "2027-03-14T12:00+02:00", "nb8-defence-ministers-riga-joint-statement",
    "Joint statement of the Nordic-Baltic Eight defence ministers, Riga",
    ["Ministers responsible for defence of Denmark, Estonia, Finland, Iceland, Latvia, Lithuania, Norway and Sweden met in Riga on 14 March.",
     "They agreed to treat the protection of undersea cables and pipelines as a permanent joint task, to share seabed survey data, and to continue training Ukrainian naval drone crews through 2028."],
    story="h08-nb8-undersea-infrastructure",
    actors=["Nordic-Baltic Eight defence ministers", "Nordic-Baltic Eight"],
    locations=["Riga", "Latvia", "Baltic Sea"],
    notes="Related subject to h02 (Baltic undersea infrastructure) but a different body and day: separate story.")

add("cd", "2027-03-13T15:00+03:00", "csto-secretary-general-statement-rylsk",
    "Statement by the CSTO Secretary General on the missile strike on Rylsk",
    ["The Secretary General of the Collective Security Treaty Organization condemned the missile strike on the town of Rylsk, Kursk region, on 12 March, in which, according to the regional authorities, three people were killed, nine injured and a school and two residential buildings damaged.",
     "He expressed condolences to the families of the victims, said CSTO member states were ready to assist with reconstruction, and called for accelerated work on the joint regional air-defence system."],
    story="h10-csto-sg-rylsk-condemnation",
    actors=["CSTO Secretary General", "CSTO"],
    locations=["Rylsk", "Kursk oblast"], updated_only=True,
    notes="Atom entry with <updated> only. Both topics (reaction naming place, deaths, damage).")

add("cd", "2027-03-15T09:00+01:00", "hq-band-anniversary-concert-ballot",
    "Anniversary concert: headquarters band invites staff and families",
    ["Ahead of the Alliance's anniversary on 4 April, the headquarters band will give a free concert in the main atrium on 2 April. Seats for staff and their families will be allocated by ballot; registration closes on 26 March."],
    actors=["NATO headquarters band"], locations=["Brussels"],
    notes="Trap: NATO news that is not a statement or commitment.")

add("cd", "2027-03-13T10:00+01:00", "staff-restaurant-spring-menu-reusable-cups",
    "Headquarters staff restaurant introduces spring menu and reusable cups",
    ["From 15 March the staff restaurant at NATO Headquarters will serve a seasonal menu with more vegetarian dishes. Single-use cups are being phased out; a deposit scheme for reusable cups starts the same day."],
    actors=["NATO staff restaurant"], locations=["Brussels"], updated_only=True,
    notes="Trap: NATO cafeteria news. Atom entry with <updated> only.")

add("cd", "2027-03-12T08:00+01:00", "international-staff-internship-programme-autumn-2027",
    "Applications open for the autumn 2027 internship programme",
    ["NATO's International Staff is accepting applications for six-month internships starting in September. Candidates must be nationals of an Allied country and enrolled in, or recently graduated from, a university programme."],
    actors=["NATO International Staff"], locations=["Brussels"],
    notes="Trap: NATO administrative news, not a statement.")

# ---------------------------------------------------------------- Порубежье (pr), RSS ru
add("pr", "2027-03-12T18:00+03:00", "ministry-oborony-odkb-minsk-ucheniya-nato",
    "Министры обороны стран ОДКБ выразили обеспокоенность учениями НАТО",
    ["Совет министров обороны Организации Договора о коллективной безопасности на заседании в Минске в пятницу заявил, что весенние учения НАТО вблизи границ Белоруссии и стран Балтии повышают напряжённость в регионе.",
     "Министры утвердили план совместного учения сил противовоздушной обороны осенью и договорились создать рабочую группу по противодействию беспилотникам."],
    story="h05-csto-defmin-minsk", actors=["CSTO defence ministers", "CSTO"],
    locations=["Minsk", "Belarus"], section="politika")

add("pr", "2027-03-13T20:10+03:00", "gensek-odkb-osudil-udar-po-rylsku",
    "Генсек ОДКБ осудил ракетный удар по Рыльску",
    ["Генеральный секретарь Организации Договора о коллективной безопасности осудил пятничный ракетный удар по Рыльску и выразил соболезнования родственникам погибших. По данным губернатора Курской области, погибли три человека, девять ранены, повреждены школа и два многоквартирных дома.",
     "Генсек заявил, что страны ОДКБ готовы помочь с восстановлением школы, и призвал ускорить работу над объединённой региональной системой ПВО."],
    story="h10-csto-sg-rylsk-condemnation",
    actors=["CSTO Secretary General", "CSTO", "Kursk governor"],
    locations=["Rylsk", "Kursk oblast"], section="politika",
    notes="Russian-language report of the CSTO reaction, with the strike facts: both topics.")

add("pr", "2027-03-14T16:40+03:00", "gensek-odkb-bryanskaya-oblast-pogarskiy-rayon",
    "Генсек ОДКБ посетил Брянскую область после атаки беспилотников на Погарский район",
    ["Генеральный секретарь ОДКБ в воскресенье прибыл в Брянск и провёл встречу с губернатором области. Визит пришёлся на день после ночной атаки украинских беспилотников на Погарский район: повреждена электроподстанция, ранены двое работников энергокомпании, около четырёх тысяч домохозяйств несколько часов оставались без света.",
     "Генсек заявил, что организация направит в приграничные районы гуманитарную помощь."],
    story="h12-csto-sg-bryansk-pogar",
    actors=["CSTO Secretary General", "CSTO", "Bryansk governor"],
    locations=["Bryansk", "Pogar district", "Bryansk oblast"], section="politika")

add("pr", "2027-03-12T08:15+03:00", "raketnyy-udar-po-rylsku",
    "Ракетный удар по Рыльску: двое погибших, девять раненых",
    ["Утром в пятницу ВСУ нанесли ракетный удар по Рыльску, сообщил губернатор Курской области. Погибли два человека, ещё девять получили ранения, среди них ребёнок.",
     "Повреждены здание школы, два пятиэтажных жилых дома и газопровод. Жителей пострадавших домов разместили в пункте временного размещения."],
    story="h14-rylsk-missile-strike", actors=["Kursk governor"],
    locations=["Rylsk", "Kursk oblast"], section="proisshestviya")

add("pr", "2027-03-13T09:00+03:00", "rylsk-chislo-pogibshikh-vyroslo-do-trekh",
    "Число погибших при ударе по Рыльску выросло до трёх",
    ["В больнице скончалась женщина, тяжело раненная при ракетном ударе по Рыльску в пятницу, сообщил губернатор Курской области. Число погибших выросло до трёх.",
     "В городе объявлен день траура."],
    story="h14-rylsk-missile-strike", actors=["Kursk governor"],
    locations=["Rylsk", "Kursk oblast"], section="proisshestviya",
    notes="Follow-up with a rising toll: same story.")

add("pr", "2027-03-13T07:30+03:00", "valuyki-bpla-zheleznodorozhnoe-depo",
    "В Валуйках беспилотник атаковал железнодорожное депо",
    ["Ночью украинский БПЛА атаковал территорию железнодорожного депо в Валуйках, сообщил губернатор Белгородской области. Возник пожар, ранен сотрудник депо, его доставили в районную больницу.",
     "Движение поездов через станцию было приостановлено почти на пять часов."],
    story="h15-valuyki-rail-depot-drone", actors=["Belgorod governor"],
    locations=["Valuyki", "Belgorod oblast"], section="proisshestviya")

add("pr", None, "suzemskiy-rayon-popytka-proryva-drg",
    "В Суземском районе пресекли попытку прорыва ДРГ",
    ["Украинская диверсионно-разведывательная группа пыталась проникнуть на территорию Суземского района Брянской области, сообщил губернатор. Пограничники ФСБ и подразделения Минобороны вступили в бой, противник отошёл.",
     "Ранен один военнослужащий, мирные жители не пострадали."],
    story="h20-suzemka-sabotage-group", actors=["Bryansk governor", "FSB"],
    locations=["Suzemka district", "Bryansk oblast"], section="proisshestviya",
    notes="Undated item (no pubDate).")

add("pr", "2027-03-14T08:40+03:00", "pvo-unichtozhila-19-bpla-nad-bryanskoy-oblastyu",
    "ПВО уничтожила 19 беспилотников над Брянской областью",
    ["Дежурные средства ПВО ночью уничтожили 47 украинских беспилотников самолётного типа, сообщило Минобороны России. Больше всего, 19, сбиты над Брянской областью, ещё 11 над Курской и девять над Белгородской. О пострадавших и разрушениях губернаторы не сообщали."],
    story="h21-russia-mod-47-drones", actors=["Russian defence ministry"],
    locations=["Bryansk oblast", "Kursk oblast", "Belgorod oblast"], section="proisshestviya",
    notes="Regional angle on the MoD claim (headline gives only the Bryansk figure).")

add("pr", "2027-03-14T13:20+03:00", "lgov-dron-atakoval-avtovokzal",
    "В Льгове дрон атаковал автовокзал, ранены три человека",
    ["Украинский беспилотник атаковал район автовокзала в Льгове, сообщил губернатор Курской области. Ранения получили три человека, их доставили в больницу.",
     "Повреждены два рейсовых автобуса и остановочный павильон."],
    story="h26-lgov-bus-station-drone", actors=["Kursk governor"],
    locations=["Lgov", "Kursk oblast"], section="proisshestviya")

add("pr", "2027-03-15T07:50+03:00", "belgorod-udar-po-podstantsii-bez-sveta",
    "Белгород: после удара по подстанции без света остались около 30 тысяч человек",
    ["Ночью в Белгороде в результате атаки повреждена электроподстанция, сообщил губернатор. Без электроснабжения остались около 30 тысяч жителей, пострадавших нет.",
     "Школы в обесточенных микрорайонах в понедельник перешли на дистанционное обучение. По словам пресс-секретаря энергокомпании Антона Лыскова, подачу электричества рассчитывают восстановить к вечеру."],
    story="h27-belgorod-substation-strike",
    actors=["Belgorod governor", "grid company press officer (Anton Lyskov, invented)"],
    locations=["Belgorod", "Belgorod oblast"], section="proisshestviya")

add("pr", "2027-03-15T15:30+03:00", "trubchevskiy-rayon-fpv-dron-traktor",
    "Под Трубчевском FPV-дрон атаковал трактор",
    ["В Трубчевском районе украинский FPV-дрон атаковал трактор во время полевых работ, сообщил губернатор Брянской области. Тракторист получил осколочные ранения, ему оказана медицинская помощь."],
    story="h28-trubchevsk-fpv-tractor", actors=["Bryansk governor"],
    locations=["Trubchevsk district", "Bryansk oblast"], section="proisshestviya")

add("pr", "2027-03-15T11:00+03:00", "kursk-festival-narodnykh-remesel",
    "В Курске открылся фестиваль народных ремёсел",
    ["В областном Доме народного творчества в Курске открылся весенний фестиваль народных ремёсел. Мастера из двадцати районов привезли керамику, вышивку, плетёные корзины и глиняные игрушки. Выставка продлится до конца месяца."],
    actors=["Kursk regional House of Folk Art"], locations=["Kursk"], section="obshchestvo",
    notes="Trap: non-war news from a border region.")

add("pr", "2027-03-14T20:30+03:00", "bryanskie-zubry-vyshli-v-pley-off",
    "«Брянские зубры» впервые за пять лет вышли в плей-офф",
    ["Молодёжная хоккейная команда «Брянские зубры» обыграла соперников из Смоленска со счётом 4:2 и впервые за пять лет вышла в плей-офф лиги. Первый матч серии пройдёт в Брянске в субботу."],
    actors=["Bryanskie Zubry hockey team"], locations=["Bryansk"], section="sport",
    notes="Trap: sport in a border region.")

add("pr", "2027-03-13T12:30+03:00", "v-yuzhnykh-rayonakh-nachalsya-vesenniy-sev",
    "В южных районах Белгородской области начался весенний сев",
    ["Сев ранних яровых культур начался в южных районах Белгородской области на неделю раньше обычного, сообщили в региональном министерстве сельского хозяйства. Всего яровыми планируют засеять около 600 тысяч гектаров."],
    actors=["Belgorod oblast agriculture ministry"], locations=["Belgorod oblast"],
    section="ekonomika", notes="Trap: farming news from a border region.")

add("pr", "2027-03-12T22:10+03:00", "voronezhskaya-oblast-oblomki-bpla-sklad",
    "В Воронежской области обломки беспилотника повредили крышу склада",
    ["Обломки сбитого беспилотника упали на территорию складского комплекса в Лискинском районе Воронежской области, сообщил губернатор соседнего региона. Пострадавших нет, повреждена кровля одного из складов."],
    actors=["Voronezh governor"], locations=["Liski district", "Voronezh oblast"],
    section="proisshestviya",
    notes="Trap: drone incident in Voronezh oblast, which borders Belgorod oblast but is not one of the six.")

add("pr", "2027-03-12T16:00+03:00", "bryanskie-studenty-olimpiada-programmirovanie",
    "Брянские студенты победили в олимпиаде по программированию",
    ["Команда Брянского технического университета заняла первое место на межрегиональной студенческой олимпиаде по программированию, обойдя 40 команд из 12 регионов."],
    actors=["Bryansk technical university students"], locations=["Bryansk"], section="obshchestvo",
    notes="Trap: university news from a border region.")

# ---------------------------------------------------------------- Сіверський листок (sl), Atom uk
add("sl", "2027-03-13T19:30+02:00", "g7-sanktsii-postachalnykam-detalei-droniv",
    "G7 пригрозила новими санкціями постачальникам деталей для російських дронів",
    ["Міністри закордонних справ країн «Групи семи» за підсумками відеоконференції в суботу заявили, що запровадять нові санкції проти компаній у третіх країнах, які постачають Росії двигуни, навігаційні модулі та інші компоненти для ударних дронів.",
     "За даними міністрів, уже виявлено понад 40 посередників."],
    story="h04-g7-fm-drone-components", actors=["G7 foreign ministers", "G7"],
    locations=["Russia"])

add("sl", "2027-03-12T14:20+02:00", "verkhovnyi-predstavnyk-yes-u-chernihovi",
    "Верховний представник ЄС у Чернігові: вночі місто атакували дрони",
    ["Верховний представник ЄС із закордонних справ і безпекової політики в п'ятницю прибув до Чернігова й оголосив про 60 мільйонів євро на генератори, укриття та мобільні вогневі групи для прикордонних громад півночі України.",
     "Вночі, за кілька годин до візиту, два ударні дрони влучили у склад і СТО в Новозаводському районі міста, повідомила обласна військова адміністрація. Поранено двох чоловіків. Опівдні під час зустрічі в обладміністрації знову пролунала повітряна тривога."],
    story="h11-eu-hr-chernihiv-visit",
    actors=["EU High Representative", "European Union", "Chernihiv Regional Military Administration"],
    locations=["Chernihiv", "Novozavodskyi district", "Chernihiv oblast"])

add("sl", "2027-03-14T13:15+02:00", "posly-g7-zasudyly-udar-po-vodohonu-okhtyrky",
    "Посли G7 засудили удар по водогону Охтирки",
    ["Посли країн «Групи семи» в Україні у спільній заяві засудили ракетний удар по головній насосній станції Охтирки 13 березня, унаслідок якого загинув працівник водоканалу, ще четверо поранені, а більша частина міста залишилася без водопостачання.",
     "Посли пообіцяли передати громаді мобільні установки для очищення води та генератори."],
    story="h13-g7-envoys-okhtyrka", actors=["G7 ambassadors", "G7", "Sumy Regional Military Administration"],
    locations=["Okhtyrka", "Sumy oblast"],
    notes="Reaction statement with concrete strike facts: both topics. Related to h16.")

add("sl", "2027-03-13T06:45+02:00", "udar-po-okhtyrtsi-nasosna-stantsiia",
    "Удар по Охтирці: пошкоджено насосну станцію, місто без води",
    ["Близько п'ятої ранку росіяни завдали ракетного удару по Охтирці, повідомила Сумська ОВА. Пошкоджено головну насосну станцію міського водоканалу, троє працівників поранені. Більша частина міста залишилася без водопостачання.",
     "Інформація про наслідки уточнюється."],
    story="h16-okhtyrka-water-station-strike", actors=["Sumy Regional Military Administration"],
    locations=["Okhtyrka", "Sumy oblast"],
    notes="First report (three injured); later reports give one killed and four injured: same story.")

add("sl", "2027-03-12T12:10+02:00", "prymusova-evakuatsiia-ditei-zolochivska-hromada",
    "На Харківщині оголосили примусову евакуацію дітей з 11 сіл Золочівської громади",
    ["Через постійні обстріли та атаки FPV-дронів Харківська ОВА ухвалила рішення про примусову евакуацію родин із дітьми з 11 населених пунктів Золочівської громади. Ідеться приблизно про 300 дітей.",
     "Евакуйованих розміщуватимуть у Харкові та Полтаві."],
    story="h17-zolochiv-child-evacuation", actors=["Kharkiv Regional Military Administration"],
    locations=["Zolochiv community", "Kharkiv oblast"],
    notes="Mentions Poltava only as a destination for evacuees.")

add("sl", "2027-03-14T07:10+02:00", "nichna-ataka-droniv-na-shostku",
    "Нічна атака дронів на Шостку: пожежа на підприємстві, є поранений",
    ["Вночі Шостку атакували ударні БпЛА типу «Шахед», повідомив начальник Сумської ОВА. Влучання зафіксовано на території промислового підприємства, виникла пожежа. Поранено охоронця.",
     "Частина міста тимчасово залишалася без світла."],
    story="h18-shostka-night-drones", actors=["Head of Sumy Regional Military Administration"],
    locations=["Shostka", "Sumy oblast"])

add("sl", "2027-03-15T13:30+02:00", "rosiiany-skynuly-dvi-kab-na-shostku",
    "Росіяни скинули дві керовані авіабомби на Шостку",
    ["Близько полудня російська авіація скинула дві КАБ на околицю Шостки. Зруйновано три приватні будинки, поранено двох людей: 62-річну жінку та 40-річного чоловіка, повідомила Сумська ОВА."],
    story="h19-shostka-guided-bombs", actors=["Sumy Regional Military Administration"],
    locations=["Shostka", "Sumy oblast"],
    notes="Different incident in the same town as h18 (next day, different weapon): separate story.")

add("sl", "2027-03-14T12:00+02:00", "udar-kabom-po-kharkovu-industrialnyi-raion",
    "Удар КАБом по Харкову: загинула людина, 11 поранених",
    ["Вранці росіяни вдарили керованою авіабомбою по Індустріальному району Харкова, повідомив міський голова. Загинув чоловік, 11 людей поранено.",
     "Пошкоджено виробничі приміщення та кілька приватних будинків."],
    story="h23-kharkiv-industrialnyi-guided-bomb", actors=["Kharkiv mayor"],
    locations=["Kharkiv", "Industrialnyi district"])

add("sl", "2027-03-15T06:30+02:00", "vnochi-drony-atakuvaly-kholodnohirskyi-raion",
    "Вночі дрони атакували Холодногірський район Харкова",
    ["Після другої ночі кілька ударних дронів влучили в Холодногірський район Харкова, повідомив міський голова. Пошкоджено лінію електропередачі та вікна у двох багатоповерхівках, кілька вулиць без світла. Постраждалих немає."],
    story="h24-kharkiv-kholodnohirskyi-drones", actors=["Kharkiv mayor"],
    locations=["Kharkiv", "Kholodnohirskyi district"],
    notes="Different incident in the same city as h23: separate story.")

add("sl", "2027-03-13T20:00+02:00", "novhorod-siverska-hromada-64-vybukhy",
    "Новгород-Сіверська громада: за добу 64 вибухи, пошкоджено школу",
    ["Упродовж доби російські війська обстрілювали Новгород-Сіверську громаду з мінометів і артилерії, повідомила Чернігівська ОВА. Зафіксовано 64 вибухи.",
     "Пошкоджено будівлю школи в одному з прикордонних сіл та лінію електропередачі. Загиблих і поранених немає."],
    story="h25-novhorod-siverskyi-shelling", actors=["Chernihiv Regional Military Administration"],
    locations=["Novhorod-Siverskyi community", "Chernihiv oblast"])

add("sl", "2027-03-15T10:00+02:00", "chernihiv-vidkryly-biblioteku-dlia-yunatstva",
    "У Чернігові після ремонту відкрили обласну бібліотеку для юнацтва",
    ["Оновлена бібліотека має медіазал, коворкінг і кімнату для настільних ігор. Ремонт тривав півтора року, його профінансували обласний бюджет і міжнародні донори."],
    actors=["Chernihiv regional youth library"], locations=["Chernihiv"],
    notes="Trap: culture news from a border region.")

add("sl", "2027-03-14T09:30+02:00", "ahrarii-sumshchyny-hotuiutsia-do-posivnoi",
    "Аграрії Сумщини готуються до посівної",
    ["Цього року господарства області планують засіяти ярими культурами понад 400 тисяч гектарів, найбільше кукурудзою та соняшником, повідомили в департаменті агропромислового розвитку."],
    actors=["Sumy oblast agriculture department"], locations=["Sumy oblast"],
    notes="Trap: farming news from a border region.")

add("sl", "2027-03-13T11:20+02:00", "obstril-khersona-poshkodzheno-troleibus",
    "Обстріл Херсона: пошкоджено тролейбус, поранено водія",
    ["Російські війська вранці обстріляли Херсон з артилерії. Уламки пошкодили тролейбус на одній із центральних вулиць, водія поранено, повідомила Херсонська ОВА."],
    actors=["Kherson Regional Military Administration"], locations=["Kherson"],
    notes="Trap: shelling outside the six border oblasts.")

add("sl", "2027-03-12T21:40+02:00", "poltavshchyna-dron-poshkodyv-fermu",
    "На Полтавщині дрон пошкодив будівлю ферми",
    ["Уночі уламки збитого дрона впали на територію ферми в Миргородському районі Полтавської області. Пошкоджено корівник, загиблих і поранених немає, повідомили в ОВА."],
    actors=["Poltava Regional Military Administration"], locations=["Myrhorod district", "Poltava oblast"],
    updated_only=True,
    notes="Trap: drone incident in Poltava oblast, next to Sumy and Kharkiv oblasts but not one of the six. Atom entry with <updated> only.")

add("sl", "2027-03-15T16:00+02:00", "kordon-z-moldovoiu-novyi-punkt-propusku",
    "На кордоні з Молдовою відкрили новий пункт пропуску",
    ["Новий пункт пропуску для легкових автомобілів і автобусів запрацював на кордоні з Молдовою в Одеській області. Він має скоротити черги на сусідніх переходах, повідомили в Державній прикордонній службі."],
    actors=["State Border Guard Service of Ukraine"], locations=["Ukraine-Moldova border", "Odesa oblast"],
    notes="Trap: another border, non-war news.")

# ---------------------------------------------------------------- Eastbank Herald (eh), RSS en
add("eh", "2027-03-15T19:10+02:00", "eu-to-train-drone-operators-deminers-extended-mission",
    "EU to train Ukrainian drone operators and deminers under extended mission",
    ["EU foreign ministers have extended the bloc's military assistance mission for Ukraine for two more years and added courses for drone operators and demining teams, the EU High Representative announced in Brussels on Monday.",
     "Ukraine's defence ministry welcomed the decision. The first drone-operator courses are due to start in May at training grounds in Poland and Germany."],
    story="h03-eu-fac-training-mission",
    actors=["EU High Representative", "EU foreign ministers", "Ukrainian defence ministry"],
    locations=["Brussels"], section="world")

add("eh", "2027-03-14T16:00+02:00", "eastern-flank-states-joint-counter-drone-purchase",
    "Eastern-flank states agree joint counter-drone purchase",
    ["Defence ministers of the Bucharest Nine, the group of NATO's eastern members from Estonia to Bulgaria, signed a declaration in Bratislava on Sunday to buy counter-drone systems together and to join up their national radar and acoustic sensor networks.",
     "Kharkiv drone makers said they hoped Ukrainian firms would be allowed to bid."],
    story="h06-b9-counter-drone-bratislava",
    actors=["Bucharest Nine defence ministers", "Bucharest Nine"],
    locations=["Bratislava"], section="world",
    notes="Mentions Kharkiv firms, but there is no border event: alliance-only.")

add("eh", "2027-03-12T17:40+02:00", "france-germany-poland-pool-money-air-defence",
    "France, Germany and Poland to pool money for Ukraine's air defence",
    ["The foreign ministers of the Weimar Triangle, France, Germany and Poland, agreed in Krakow on Friday to finance mid-range air-defence batteries for Ukraine together and said their forces on NATO's eastern flank would remain at current strength through 2028."],
    story="h07-weimar-triangle-krakow",
    actors=["Weimar Triangle foreign ministers", "France", "Germany", "Poland"],
    locations=["Krakow", "Ukraine"], section="world")

add("eh", "2027-03-12T15:05+02:00", "eu-foreign-policy-chief-chernihiv-drones-hit-city",
    "EU foreign policy chief visits Chernihiv as drones hit city",
    ["The EU's High Representative arrived in Chernihiv on Friday morning, a few hours after two Shahed-type drones hit a warehouse and a car-repair shop in the Novozavodskyi district, injuring two men, according to the regional military administration.",
     "During the visit he announced &euro;60m for generators, shelters and mobile air-defence teams in the northern border communities."],
    story="h11-eu-hr-chernihiv-visit",
    actors=["EU High Representative", "European Union", "Chernihiv Regional Military Administration"],
    locations=["Chernihiv", "Novozavodskyi district", "Chernihiv oblast"], section="north")

add("eh", "2027-03-14T12:30+02:00", "g7-envoys-condemn-okhtyrka-water-station-strike",
    "G7 envoys condemn strike on Okhtyrka water station, promise purification units",
    ["Ambassadors of the G7 countries in Kyiv condemned Saturday's missile strike on Okhtyrka's main water pumping station, which killed one worker, injured four and left most of the town with dry taps.",
     "In a joint statement, the envoys said their governments would send mobile water-purification units and generators to the Sumy region within two weeks."],
    story="h13-g7-envoys-okhtyrka", actors=["G7 ambassadors", "G7"],
    locations=["Okhtyrka", "Sumy oblast"], section="north",
    notes="G7 ambassadors, not the G7 foreign ministers of h04: different body and occasion.")

add("eh", "2027-03-13T09:20+02:00", "missile-strike-okhtyrka-pumping-station-no-water",
    "Okhtyrka without running water after missile hits pumping station; one dead",
    ["A Russian missile strike on the main water pumping station in Okhtyrka before dawn on Saturday killed one worker and injured four, the Sumy regional military administration said, updating an earlier report of three injured.",
     "Most of the town of about 45,000 people has no running water; the council is sending water tankers to each district."],
    story="h16-okhtyrka-water-station-strike", actors=["Sumy Regional Military Administration"],
    locations=["Okhtyrka", "Sumy oblast"], section="north")

add("eh", "2027-03-14T07:50+02:00", "overnight-drone-attack-fire-shostka-plant",
    "Overnight drone attack sets fire to Shostka plant",
    ["Shahed-type drones hit an industrial plant in Shostka, in the north of Sumy region, overnight, starting a fire and injuring a security guard, the head of the regional military administration said. Part of the town briefly lost power."],
    story="h18-shostka-night-drones", actors=["Head of Sumy Regional Military Administration"],
    locations=["Shostka", "Sumy oblast"], section="north")

add("eh", "2027-03-12T11:00+02:00", "kharkiv-region-evacuation-children-zolochiv",
    "Kharkiv region orders evacuation of children from 11 villages near Zolochiv",
    ["Evacuation is now mandatory for every family with children in 11 villages of the Zolochiv community, the Kharkiv regional military administration decided on Friday. FPV drones and artillery hit homes there almost daily.",
     "&ldquo;Drones now hunt cars on every road out of the villages. We cannot wait for the school term to end,&rdquo; said Vira Tkachenko, a spokesperson for the community."],
    story="h17-zolochiv-child-evacuation",
    actors=["Kharkiv Regional Military Administration", "Zolochiv community spokesperson (Vira Tkachenko, invented)"],
    locations=["Zolochiv community", "Kharkiv oblast"], section="kharkiv-region")

add("eh", "2027-03-14T17:20+02:00", "zolochiv-evacuation-214-children-moved",
    "Zolochiv evacuation: 214 children moved so far",
    ["Volunteers and police have moved 214 children and 190 adults out of the 11 villages of the Zolochiv community since the mandatory departure was announced on Friday, the Kharkiv regional military administration said on Sunday. About 90 children remain."],
    story="h17-zolochiv-child-evacuation", actors=["Kharkiv Regional Military Administration"],
    locations=["Zolochiv community", "Kharkiv oblast"], section="kharkiv-region",
    link="https://eastbankherald.test/kharkiv-region/2027/03/14/zolochiv-evacuation-214-children-moved#comments",
    notes="Later update of the same evacuation by the same authority: same story. Link with #fragment.")

add("eh", "2027-03-13T16:50+02:00", "rocket-artillery-strikes-chuhuiv",
    "Rocket artillery strikes Chuhuiv, four wounded",
    ["Russian forces fired multiple rocket launchers at Chuhuiv on Saturday afternoon, wounding four people including a 15-year-old, the head of the Kharkiv regional military administration said. A supermarket, a pharmacy and several cars were damaged."],
    story="h22-chuhuiv-rocket-fire", actors=["Head of Kharkiv Regional Military Administration"],
    locations=["Chuhuiv", "Kharkiv oblast"], section="kharkiv-region",
    link="/kharkiv-region/2027/03/13/rocket-artillery-strikes-chuhuiv",
    notes="Relative link, resolved against the site URL for canonical_link.")

add("eh", "2027-03-14T11:15+02:00", "guided-bomb-hits-industrialnyi-district-one-killed",
    "Guided bomb hits Kharkiv's Industrialnyi district, one killed",
    ["A Russian guided aerial bomb struck a production site in Kharkiv's Industrialnyi district on Sunday morning, killing one man and injuring 11 people, the mayor said. Several private houses nearby were damaged."],
    story="h23-kharkiv-industrialnyi-guided-bomb", actors=["Kharkiv mayor"],
    locations=["Kharkiv", "Industrialnyi district"], section="kharkiv")

add("eh", "2027-03-14T21:30+02:00", "kharkiv-glide-bomb-toll-two-dead-14-injured",
    "Kharkiv glide-bomb toll rises to two dead, 14 injured",
    ["A woman injured in Sunday morning's guided-bomb strike on the Industrialnyi district has died in hospital, the mayor said in the evening, bringing the toll to two dead. The number of injured has risen to 14."],
    story="h23-kharkiv-industrialnyi-guided-bomb", actors=["Kharkiv mayor"],
    locations=["Kharkiv", "Industrialnyi district"], section="kharkiv",
    notes="Follow-up with rising toll: same story.")

add("eh", "2027-03-15T04:40+02:00", "drones-hit-kholodnohirskyi-district-power-out",
    "Drones hit Kharkiv's Kholodnohirskyi district overnight, power out on several streets",
    ["Several attack drones struck Kharkiv's Kholodnohirskyi district after 2 a.m. on Monday, damaging a power line and windows in two apartment blocks, the mayor said. No injuries were reported."],
    story="h24-kharkiv-kholodnohirskyi-drones", actors=["Kharkiv mayor"],
    locations=["Kharkiv", "Kholodnohirskyi district"], section="kharkiv")

add("eh", "2027-03-13T21:15+02:00", "chernihivshchyna-obstrily-novhorod-siverskoi-hromady",
    "Чернігівщина: обстріли Новгород-Сіверської громади тривали весь день",
    ["За даними Чернігівської обласної військової адміністрації, російські війська протягом дня били по Новгород-Сіверській громаді з мінометів і ствольної артилерії: 64 вибухи. Пошкоджено шкільну будівлю та ЛЕП, люди не постраждали."],
    story="h25-novhorod-siverskyi-shelling", actors=["Chernihiv Regional Military Administration"],
    locations=["Novhorod-Siverskyi community", "Chernihiv oblast"], lang="uk", section="ua/novyny",
    notes="Ukrainian-language item in an English RSS feed (channel language says en).")

add("eh", "2027-03-15T10:30+02:00", "kharkiv-zoo-twin-lynx-cubs",
    "Kharkiv zoo shows off twin lynx cubs",
    ["Two lynx cubs born in January made their first public appearance at Kharkiv zoo on Monday. Keepers said the twins, a male and a female, would be named by visitors in an online vote."],
    actors=["Kharkiv zoo"], locations=["Kharkiv"], section="kharkiv",
    notes="Trap: non-war news from Kharkiv.")

add("eh", "2027-03-13T13:00+02:00", "kharkiv-it-firms-polish-partners-software-alliance",
    "Kharkiv IT firms and Polish partners launch software alliance",
    ["Fourteen software companies from Kharkiv and Rzesz&oacute;w have formed a cross-border alliance to bid jointly for EU digital-government contracts and share training programmes for junior developers."],
    actors=["Kharkiv IT companies", "Polish software companies"], locations=["Kharkiv", "Rzeszow"],
    section="business", notes="Trap: 'alliance' in the business sense; Kharkiv in the economy.")

add("eh", "2027-03-12T19:30+02:00", "families-leave-donetsk-region-frontline-towns",
    "Families leave front-line towns in Donetsk region as shelling intensifies",
    ["Evacuation buses left two front-line towns in Donetsk region on Friday as shelling intensified, regional officials said. About 1,200 people, including 180 children, were taken to Dnipro."],
    actors=["Donetsk Regional Military Administration"], locations=["Donetsk oblast", "Dnipro"],
    section="ukraine", notes="Trap: evacuation and shelling outside the six border oblasts.")

add("eh", "2027-03-14T19:00+02:00", "1920s-kharkiv-novel-first-english-translation",
    "A lost 1920s Kharkiv novel gets its first English translation",
    ["A novel set among the architects of Kharkiv's Derzhprom building, written in 1928 and banned soon after, has been published in English for the first time. The translator spent six years reconstructing the text from two surviving copies."],
    actors=["translator"], locations=["Kharkiv"], section="culture",
    notes="Trap: Kharkiv in literature and history.")

# ---------------------------------------------------------------- Harbourline (hl), RSS, no guids
add("hl", "2027-03-15T14:00+00:00", "nato-baltic-cable-patrols-no-end-date",
    "NATO to keep Baltic cable patrols going with no end date",
    ["The alliance's Secretary General said the surveillance of undersea cables and pipelines in the Baltic Sea would become permanent, with sea drones joining ships and patrol aircraft."],
    story="h02-nato-sg-baltic-surveillance", actors=["NATO Secretary General", "NATO"],
    locations=["Baltic Sea"], guid=None)

add("hl", "2027-03-13T18:00+00:00", "g7-ministers-target-drone-component-supply-chains",
    "G7 ministers target drone-component supply chains",
    ["Foreign ministers from the Group of Seven said they would sanction firms in third countries found to be selling engines and navigation parts for Russia's attack drones."],
    story="h04-g7-fm-drone-components", actors=["G7 foreign ministers", "G7"],
    locations=["Russia"], guid=None)

add("hl", "2027-03-14T15:10+00:00", "bucharest-nine-sign-counter-drone-declaration",
    "Bucharest Nine ministers sign counter-drone declaration",
    ["Nine eastern Nato members agreed in Bratislava to buy anti-drone systems jointly and link up their sensors, in a declaration signed by their defence ministers."],
    story="h06-b9-counter-drone-bratislava",
    actors=["Bucharest Nine defence ministers", "Bucharest Nine"], locations=["Bratislava"], guid=None)

add("hl", "2027-03-13T11:00+00:00", "norway-commits-air-defence-unit-eastern-flank",
    "Norway commits air-defence unit to Nato's eastern flank",
    ["About 150 Norwegian personnel will guard a logistics hub in south-eastern Poland from May, Oslo said."],
    story="h09-norway-air-defence-poland", actors=["Norwegian defence ministry", "Norway", "NATO"],
    locations=["Poland"], guid=None, notes="British house style 'Nato'.")

add("hl", "2027-03-14T13:40+00:00", "g7-ambassadors-water-units-okhtyrka",
    "G7 ambassadors pledge water units after strike on Ukrainian town's pumping station",
    ["Envoys from the G7 countries condemned the missile strike on the water pumping station of Okhtyrka, in Ukraine's Sumy region, which local officials say killed one worker and injured four, and promised mobile purification units and generators."],
    story="h13-g7-envoys-okhtyrka", actors=["G7 ambassadors", "G7"],
    locations=["Okhtyrka", "Sumy oblast"], guid=None)

add("hl", "2027-03-13T10:20+00:00", "toll-strike-kursk-region-town-rises-three",
    "Toll from missile strike on Russian town of Rylsk rises to three",
    ["A woman injured in Friday's missile strike on Rylsk, in Russia's Kursk region, has died in hospital, bringing the death toll to three, the regional governor said."],
    story="h14-rylsk-missile-strike", actors=["Kursk governor"],
    locations=["Rylsk", "Kursk oblast"], guid=None,
    link="https://harbourline.test/news/2027/mar/13/toll-strike-kursk-region-town-rises-three?utm_source=rss&utm_medium=feed&utm_campaign=news#live-2",
    notes="Follow-up with rising toll: same story. Link with utm_* and #fragment.")

add("hl", "2027-03-12T12:30+00:00", "russia-reports-raid-attempt-bryansk",
    "Russia reports cross-border raid attempt in Bryansk region",
    ["The governor of Russia's Bryansk region said a Ukrainian sabotage group had tried to cross into the Suzemka district and was driven back by border guards. One serviceman was wounded."],
    story="h20-suzemka-sabotage-group", actors=["Bryansk governor", "FSB"],
    locations=["Suzemka district", "Bryansk oblast"], guid=None)

add("hl", "2027-03-12T08:00+00:00", "finland-eastern-border-crossings-stay-closed",
    "Finland keeps eastern border crossings closed over migration concerns",
    ["The Finnish government extended the closure of all road crossings on its border with Russia for another six months, citing the risk of organised migrant arrivals."],
    actors=["Finnish government"], locations=["Finland-Russia border"], guid=None,
    notes="Trap: Finland-Russia border closure for migration reasons, not a war event in the six oblasts.")

add("hl", "2027-03-13T20:30+00:00", "drone-light-show-replaces-fireworks-harbour-festival",
    "Drone light show to replace fireworks at Aberdeen harbour festival",
    ["Five hundred drones will draw ships and seabirds in the sky over the harbour this summer after organisers dropped fireworks because of complaints from pet owners."],
    actors=["festival organisers"], locations=["Aberdeen"], guid=None,
    notes="Trap: 'drone' in a non-war sense.")

add("hl", "2027-03-14T09:00+00:00", "battle-of-kursk-exhibition-soldiers-letters",
    "Exhibition revisits the 1943 Battle of Kursk through soldiers' letters",
    ["A museum in Manchester has opened an exhibition on the 1943 tank battle at Kursk, built around letters written home by soldiers on both sides."],
    actors=["museum curators"], locations=["Manchester", "Kursk"], guid=None,
    notes="Trap: Kursk in history.")

add("hl", "2027-03-15T07:30+00:00", "crimea-bridge-traffic-halted-drone-alert",
    "Traffic halted on Crimea bridge during drone alert",
    ["Road and rail traffic across the bridge linking Crimea with southern Russia was stopped for three hours overnight during a drone alert, Russian-installed officials said."],
    actors=["Russian-installed officials in Crimea"], locations=["Crimea", "Kerch Strait"], guid=None,
    notes="Trap: war-related event outside the six border oblasts.")

add("hl", "2027-03-12T17:45+00:00", "kharkiv-born-pianist-wins-dublin-competition",
    "Kharkiv-born pianist wins Dublin piano competition",
    ["The 24-year-old, who trained in Kharkiv and Vienna, won first prize with a programme of Schubert and Lyatoshynsky."],
    actors=["pianist"], locations=["Dublin", "Kharkiv"], guid=None,
    notes="Trap: Kharkiv in culture.")

add("hl", "2027-03-15T19:00+00:00", "austria-keeps-checks-slovenian-hungarian-crossings",
    "Austria to keep police checks at Slovenian and Hungarian crossings",
    ["Vienna has told the European Commission that controls at its land borders with Slovenia and Hungary, both members of the Schengen area, will stay in place until September."],
    actors=["Austrian interior ministry"], locations=["Austria", "Schengen area"], guid=None,
    notes="Trap: Schengen border controls.")

# ---------------------------------------------------------------- Lindqvist Centre (ln), Atom
LONG_NOTE = """<p>The NATO Secretary General's keynote at the Baltic Defence Forum in Tallinn on 12 March put a number on something allies have circled for two years: ground-based air and missile defence holdings should rise by roughly a third by 2029. National targets are to follow at the June meeting of defence ministers, with an annual progress report.</p>
<h3>What was actually said</h3>
<ul>
<li>A collective increase of about one third in ground-based air-defence capacity, interceptor stocks included, by 2029.</li>
<li>National targets agreed in June, reviewed every year.</li>
<li>A call on industry to accept multi-year contracts in return for faster production lines.</li>
</ul>
<h3>Why it will be hard</h3>
<p>The binding constraint is interceptors, not launchers. Several production lines for medium-range interceptors already run at full capacity, and lead times for seekers and rocket motors remain long. Allies that have sent systems to Ukraine start from lower stocks than in 2022.</p>
<p>Budgets are a second constraint. A third more capacity means billions in procurement on top of existing plans, at a time when several governments are still negotiating their paths to the spending levels agreed at the last summit.</p>
<h3>What to watch</h3>
<ul>
<li>Whether June's targets are public or classified.</li>
<li>Whether the Tallinn number becomes a formal capability target or remains a political call.</li>
<li>How much of the increase allies plan to buy jointly.</li>
</ul>
<p><img src="https://notes.lindqvist.test/media/2027/03/air-defence-chart.png" alt="Chart: interceptor production capacity by year"/></p>
<p>Our assessment: the number is a useful forcing device. Without multi-year contracts signed this year, it will not be met.</p>"""

add("ln", "2027-03-13T07:00+00:00", "can-allies-add-a-third-to-air-defences",
    "Can allies really add a third to their air defences by 2029?",
    LONG_NOTE, story="h01-nato-sg-tallinn-air-defence",
    actors=["NATO Secretary General", "NATO", "Lindqvist Centre"], locations=["Tallinn"],
    updated="2027-03-13T09:30+00:00",
    notes="Think-tank analysis of the h01 statement. Long HTML content with <h3>, <ul>, <img>. <updated> later than <published>.")

add("ln", "2027-03-15T21:45+00:00", "evening-note-eu-training-mission-drones-deminers",
    "Evening note: the EU's training mission gets drones and deminers",
    ["Ministers' decision, announced by the EU High Representative after the Foreign Affairs Council, to extend the EU's military assistance mission for Ukraine by two years and add drone-operator and demining courses reflects what Ukrainian units say they need most. We link the wire report while the full Council conclusions are awaited."],
    story="h03-eu-fac-training-mission",
    actors=["EU High Representative", "EU foreign ministers", "Lindqvist Centre"], locations=["Brussels"],
    link="http://northgatewire.test/world/europe/2027/03/15/eu-extends-ukraine-training-mission-drone-operators",
    notes="Links over http:// to the same Northgate article that nw carries over https://: same canonical link, listed once in stories.json.")

add("ln", "2027-03-14T20:00+00:00", "bucharest-nine-counter-drone-pledge-unfunded",
    "The Bucharest Nine's counter-drone pledge: ambitious but unfunded",
    ["The Bratislava declaration signed by Bucharest Nine defence ministers on 14 March commits the group to a joint counter-drone purchase and a shared sensor picture by 2028. It names no budget and no lead nation. Without both, the declaration risks joining earlier eastern-flank pledges that stalled at the procurement stage."],
    story="h06-b9-counter-drone-bratislava",
    actors=["Bucharest Nine defence ministers", "Bucharest Nine", "Lindqvist Centre"],
    locations=["Bratislava"])

add("ln", "2027-03-14T18:30+00:00", "nb8-undersea-cable-protection-standing-task",
    "NB8 ministers make undersea-cable protection a standing task",
    ["Meeting in Riga, the Nordic-Baltic Eight defence ministers agreed that protecting cables and pipelines on the Baltic seabed would become a permanent joint task with shared survey data. They also pledged to keep training Ukrainian naval drone crews. The move complements, but is separate from, NATO's own Baltic surveillance activity."],
    story="h08-nb8-undersea-infrastructure",
    actors=["Nordic-Baltic Eight defence ministers", "Lindqvist Centre"], locations=["Riga", "Baltic Sea"])

add("ln", "2027-03-12T19:00+00:00", "eu-high-representative-chernihiv-trip-signals",
    "What the High Representative's Chernihiv trip signals",
    ["The EU High Representative chose Chernihiv, 60 km from the Belarusian border, for his first visit of the year and pledged &euro;60m for northern border communities. The timing was not comfortable: before dawn two drones hit a warehouse and a car-repair shop in the city's Novozavodskyi district, injuring two men, and the delegation spent part of the visit in a shelter during a second alert.",
     "The pledge is small, but it is the first EU money earmarked for Ukraine's northern border regions as such."],
    story="h11-eu-hr-chernihiv-visit",
    actors=["EU High Representative", "European Union", "Lindqvist Centre"],
    locations=["Chernihiv", "Novozavodskyi district"],
    notes="Analysis that repeats the concrete strike facts: both topics like the rest of h11.")

add("ln", "2027-03-12T07:00+00:00", "review-history-alliance-first-decade",
    "Review: a new history of the Alliance's first decade",
    ["A new archival history of NATO's first ten years is strongest on the 1952 Lisbon force goals and weakest on the alliance's southern members. Recommended for anyone who thinks burden-sharing rows are new."],
    actors=["Lindqvist Centre"], locations=[],
    notes="Trap: NATO history book review, not a statement.")

add("ln", "2027-03-14T07:00+00:00", "black-sea-war-risk-premiums-fall",
    "Black Sea war-risk premiums fall for a third month",
    ["War-risk insurance premiums for ships calling at Black Sea ports fell again in February, according to broker data. Rates remain several times higher than before 2022."],
    actors=["Lindqvist Centre", "insurance brokers"], locations=["Black Sea"],
    notes="Trap: war-adjacent economics, no alliance statement, no border event.")

add("ln", "2027-03-15T07:00+00:00", "outlook-longer-arctic-shipping-season",
    "Outlook: a longer Arctic shipping season",
    ["Forecasts of thinner sea ice suggest the Northern Sea Route could open two weeks earlier than last year. We look at what that means for insurers and for coastal states."],
    actors=["Lindqvist Centre"], locations=["Arctic"], notes="Trap: unrelated analysis.")

# ---------------------------------------------------------------- Вечерний обзор (vo), Atom ru
add("vo", "2027-03-12T15:30+03:00", "gensek-nato-prizval-narastit-pvo-na-tret",
    "Генсек НАТО призвал союзников нарастить средства ПВО на треть",
    ["Генеральный секретарь НАТО, выступая в пятницу на Балтийском оборонном форуме в Таллине, призвал страны альянса к 2029 году увеличить число наземных систем противовоздушной обороны и запасы ракет-перехватчиков примерно на треть.",
     "По его словам, национальные целевые показатели утвердят на встрече министров обороны в июне."],
    story="h01-nato-sg-tallinn-air-defence", actors=["NATO Secretary General", "NATO"],
    locations=["Tallinn", "Estonia"], section="mir")

add("vo", "2027-03-15T21:00+03:00", "es-prodlil-missiyu-po-podgotovke-ukrainskikh-voennykh",
    "Евросоюз продлил миссию по подготовке украинских военных на два года",
    ["Министры иностранных дел стран ЕС в понедельник продлили военную учебную миссию для Украины ещё на два года и расширили её программу: появятся курсы операторов беспилотников и сапёров, сообщил Верховный представитель ЕС по иностранным делам."],
    story="h03-eu-fac-training-mission",
    actors=["EU High Representative", "EU foreign ministers", "European Union"],
    locations=["Brussels"], section="mir")

add("vo", "2027-03-12T17:20+03:00", "sovet-ministrov-oborony-odkb-plan-ucheniy-pvo",
    "Совет министров обороны ОДКБ одобрил план совместных учений ПВО",
    ["На заседании в Минске министры обороны стран ОДКБ одобрили план совместного учения сил ПВО, которое пройдёт осенью. В итоговом заявлении выражена обеспокоенность масштабом весенних учений НАТО у границ Белоруссии."],
    story="h05-csto-defmin-minsk", actors=["CSTO defence ministers", "CSTO"],
    locations=["Minsk", "Belarus"], section="mir")

add("vo", "2027-03-12T19:45+03:00", "veymarskiy-treugolnik-finansirovanie-pvo-ukrainy",
    "Страны «Веймарского треугольника» договорились вместе финансировать ПВО для Украины",
    ["Министры иностранных дел Франции, Германии и Польши на встрече в Кракове договорились совместно оплатить закупку зенитных ракетных комплексов средней дальности для Украины.",
     "Они также заявили, что численность их войск на восточном фланге НАТО сохранится на нынешнем уровне по меньшей мере до 2028 года."],
    story="h07-weimar-triangle-krakow",
    actors=["Weimar Triangle foreign ministers", "France", "Germany", "Poland"],
    locations=["Krakow", "Poland", "Ukraine"], section="mir")

add("vo", "2027-03-14T18:05+03:00", "gensek-odkb-v-bryanske-pomoshch-prigranichnym-rayonam",
    "Генсек ОДКБ в Брянске пообещал помощь приграничным районам",
    ["Генеральный секретарь ОДКБ, посетивший в воскресенье Брянскую область, заявил, что организация направит гуманитарную помощь приграничным районам.",
     "Накануне ночью, по данным губернатора, беспилотники атаковали Погарский район: повреждена подстанция, двое работников энергокомпании ранены."],
    story="h12-csto-sg-bryansk-pogar",
    actors=["CSTO Secretary General", "CSTO", "Bryansk governor"],
    locations=["Bryansk oblast", "Pogar district"], section="rossiya")

add("vo", "2027-03-12T11:30+03:00", "kurskiy-gubernator-rylsk-pogibli-dvoe",
    "Губернатор Курской области: при ракетном ударе по Рыльску погибли двое",
    ["В результате ракетного удара по Рыльску погибли два человека, девять ранены, сообщил губернатор Курской области. Повреждены школа и жилые дома.",
     "Минобороны России заявило, что средства ПВО сбили четыре из шести ракет."],
    story="h14-rylsk-missile-strike", actors=["Kursk governor", "Russian defence ministry"],
    locations=["Rylsk", "Kursk oblast"], section="rossiya")

add("vo", "2027-03-14T10:00+03:00", "vlasti-sumskoy-oblasti-ataka-bpla-shostka",
    "Власти Сумской области сообщили об атаке беспилотников на Шостку",
    ["Ночью беспилотники атаковали Шостку в Сумской области Украины, сообщил глава областной военной администрации. На территории промышленного предприятия вспыхнул пожар, ранен охранник, часть города была обесточена."],
    story="h18-shostka-night-drones", actors=["Head of Sumy Regional Military Administration"],
    locations=["Shostka", "Sumy oblast"], section="mir",
    notes="Russian-language report attributing the event to Ukrainian officials.")

add("vo", "2027-03-12T14:10+03:00", "bryanskiy-gubernator-boy-s-drg-u-granitsy",
    "Брянский губернатор сообщил о бое с ДРГ у границы",
    ["Украинская ДРГ попыталась пересечь границу в Суземском районе Брянской области, сообщил губернатор. После боя с пограничниками группа отошла, ранен один военнослужащий."],
    story="h20-suzemka-sabotage-group", actors=["Bryansk governor", "FSB"],
    locations=["Suzemka district", "Bryansk oblast"], section="rossiya")

add("vo", "2027-03-14T08:15+03:00", "pvo-sbila-47-bpla-nad-pyatyu-regionami",
    "ПВО за ночь сбила 47 украинских БПЛА над пятью регионами",
    ["Над Брянской областью уничтожены 19 беспилотников, над Курской 11, над Белгородской девять, над Орловской пять и над Московской областью три, сообщило Минобороны России."],
    story="h21-russia-mod-47-drones", actors=["Russian defence ministry"],
    locations=["Bryansk oblast", "Kursk oblast", "Belgorod oblast", "Oryol oblast", "Moscow oblast"],
    section="rossiya")

add("vo", "2027-03-15T09:30+03:00", "chast-belgoroda-bez-elektrichestva",
    "Часть Белгорода осталась без электричества после ночной атаки",
    ["Около 30 тысяч жителей Белгорода остались без света после того, как ночью была повреждена подстанция, сообщил губернатор области. Пострадавших нет."],
    story="h27-belgorod-substation-strike", actors=["Belgorod governor"],
    locations=["Belgorod", "Belgorod oblast"], section="rossiya")

add("vo", "2027-03-15T17:00+03:00", "trubchevskiy-rayon-ranen-traktorist",
    "В Трубчевском районе Брянской области ранен тракторист",
    ["Беспилотник с камерой от первого лица атаковал трактор в поле в Трубчевском районе, сообщил губернатор Брянской области. Водитель ранен осколками и доставлен в больницу."],
    story="h28-trubchevsk-fpv-tractor", actors=["Bryansk governor"],
    locations=["Trubchevsk district", "Bryansk oblast"], section="rossiya")

add("vo", "2027-03-13T07:40+03:00", "ataka-bpla-na-podmoskove-aeroporty",
    "Атака беспилотников на Подмосковье: аэропорты ограничивали полёты",
    ["Ночью над Московской областью сбиты несколько беспилотников, сообщили власти региона. Два аэропорта на несколько часов ограничивали приём и выпуск самолётов."],
    actors=["Moscow oblast authorities"], locations=["Moscow oblast"], section="rossiya",
    notes="Trap: drone attack outside the six border oblasts.")

add("vo", "2027-03-12T12:00+03:00", "ocheredi-gruzovikov-granitsa-rossii-kazakhstana",
    "На границе России и Казахстана выросли очереди грузовиков",
    ["Очереди грузовиков на пунктах пропуска на российско-казахстанской границе выросли до 800 машин после введения новых правил электронного декларирования."],
    actors=["hauliers"], locations=["Russia-Kazakhstan border"], section="ekonomika",
    notes="Trap: another border, trade queues.")

add("vo", "2027-03-14T13:00+03:00", "drony-dostavshchiki-kazan",
    "В Казани дроны начнут доставлять посылки",
    ["Служба доставки запустит в Казани пилотный проект: дроны будут доставлять посылки весом до трёх килограммов в пункты выдачи в новых микрорайонах."],
    actors=["delivery company"], locations=["Kazan"], section="tekhnologii",
    notes="Trap: 'drone' in the delivery sense.")

add("vo", "2027-03-15T12:20+03:00", "novaya-karta-kurskoy-magnitnoy-anomalii",
    "Учёные составили новую карту Курской магнитной аномалии",
    ["Геофизики опубликовали уточнённую карту Курской магнитной аномалии, одного из крупнейших железорудных бассейнов мира. Работа основана на данных аэромагнитной съёмки."],
    actors=["geophysicists"], locations=["Kursk magnetic anomaly"], section="nauka",
    notes="Trap: Kursk in science.")

add("vo", "2027-03-13T15:00+03:00", "molochnye-proizvoditeli-sozdali-alyans",
    "Молочные производители создали альянс для экспорта в Азию",
    ["Шесть молочных компаний объявили о создании экспортного альянса: они будут вместе сертифицировать продукцию и арендовать складские мощности в Китае и Вьетнаме."],
    actors=["dairy producers"], locations=["China", "Vietnam"], section="ekonomika",
    notes="Trap: 'alliance' in the business sense.")

# ---------------------------------------------------------------- Ledgerpoint (lp), RSS, all distractors
add("lp", "2027-03-15T08:30-04:00", "51203", "Nordair and Baltjet join Polaris airline alliance",
    ["Two regional carriers will join the Polaris alliance in October, giving its members code-share access to 40 more airports in northern Europe."],
    actors=["Polaris airline alliance", "Nordair", "Baltjet"], locations=["northern Europe"],
    notes="Trap: airline alliance.")
add("lp", "2027-03-14T10:00-04:00", "51188", "Battery recycling alliance signs up 12 carmakers",
    ["An industry alliance set up to standardise the recycling of electric-car batteries now counts 12 carmakers and five recyclers among its members."],
    actors=["battery recycling alliance"], locations=[], notes="Trap: industrial alliance.")
add("lp", "2027-03-13T09:15-05:00", "51160", "Chip designers form open-hardware alliance for car processors",
    ["Eight chip-design firms said they would share an open instruction-set core for automotive processors, hoping to cut licensing costs."],
    actors=["chip-design firms"], locations=[], notes="Trap: tech alliance.")
add("lp", "2027-03-12T14:00-05:00", "51131", "Pistachio shelling plant opens in California's Central Valley",
    ["The plant can shell and sort 40 tonnes of pistachios an hour and will employ 120 people at peak season."],
    actors=["nut processor"], locations=["California"], notes="Trap: 'shelling' in the food-processing sense.")
add("lp", "2027-03-12T11:20-05:00", "51127", "Grocery start-up cleared to fly parcels beyond pilots' line of sight",
    ["Regulators approved beyond-visual-line-of-sight flights for a grocery start-up whose quadcopters lower bags of up to 2.5 kg into customers' gardens, letting it cover a wider area without extra pilots."],
    actors=["drone delivery start-up"], locations=[], notes="Trap: 'drone' in the delivery sense.")
add("lp", "2027-03-15T15:45-04:00", "51219", "Airports report longer Schengen queues as entry-exit checks bed in",
    ["Travellers from outside the EU waited up to 90 minutes at some airports as border officers registered fingerprints and photographs under the new system."],
    actors=["airports", "EU border officers"], locations=["Schengen area"],
    notes="Trap: Schengen border.")
add("lp", "2027-03-13T16:30-05:00", "51171", "Counter-drone radar start-up raises $40m",
    ["The start-up, which sells compact radars that detect small drones, said it would use the money to triple production for European customers."],
    actors=["counter-drone start-up"], locations=["Europe"],
    notes="Trap: defence-industry business news, no event and no alliance statement.")
add("lp", "2027-03-14T18:00-04:00", "51196", "Independent bookshops form buying alliance",
    ["More than 300 independent bookshops have joined a purchasing alliance to negotiate better terms with distributors."],
    actors=["independent bookshops"], locations=[],
    link="https://ledgerpoint.test/story.php?id=51196&ref=rss&utm_source=rss&utm_medium=feed",
    notes="Trap: retail alliance. Link keeps non-utm parameters id and ref.")
add("lp", None, "51100", "Data-centre cooling alliance publishes water-use standard",
    ["The alliance of operators and equipment makers says the voluntary standard could halve water use in evaporative cooling."],
    actors=["data-centre cooling alliance"], locations=[],
    notes="Trap: industry alliance. Undated item (no pubDate).")
add("lp", "2027-03-15T11:00-04:00", "51211", "Trade & tariffs: pre-clearance lanes cut waits at US-Canada crossing",
    ["New pre-clearance lanes for trusted shippers at a busy British Columbia crossing have cut average truck waits to 20 minutes, customs data show."],
    actors=["customs authorities"], locations=["US-Canada border", "British Columbia"],
    notes="Trap: trade border. Title contains an ampersand (escaped in XML).")

# ---------------------------------------------------------------- Final Whistle (fw), RSS, all distractors
add("fw", "2027-03-13T22:00+00:00", "wanderers-hold-firm-late-shelling-promotion",
    "Wanderers hold firm under late shelling to clinch promotion",
    ["Wanderers soaked up wave after wave of attacks in the last 20 minutes, blocking 14 shots, to win 2-1 and secure promotion with three games to spare."],
    actors=["Wanderers"], locations=[], notes="Trap: 'shelling' in the sports sense.")
add("fw", "2027-03-14T18:30+00:00", "slobozhanets-kharkiv-reach-cup-semi-final",
    "Slobozhanets Kharkiv reach Ukrainian Cup semi-final",
    ["The Kharkiv side beat their opponents from Vinnytsia 2-1 after extra time to reach the last four for the first time."],
    actors=["Slobozhanets Kharkiv"], locations=["Kharkiv"], notes="Trap: Kharkiv in sport.")
add("fw", "2027-03-12T12:00+00:00", "top-flight-rugby-sides-salary-cap-alliance",
    "Top-flight rugby sides band together over salary cap",
    ["Seven top-flight clubs have banded together, calling their group an alliance, to demand a higher salary cap and a bigger cut of broadcast money."],
    actors=["rugby clubs"], locations=[], notes="Trap: sports alliance.")
add("fw", "2027-03-15T09:00+00:00", "belgian-dutch-womens-clubs-cross-border-league",
    "Belgian and Dutch women's clubs back cross-border league",
    ["Clubs from both countries voted to merge their top divisions into a cross-border league from 2028."],
    actors=["Belgian and Dutch women's clubs"], locations=["Belgium", "Netherlands"],
    notes="Trap: 'cross-border' in the sports sense.")
add("fw", "2027-03-14T11:00+00:00", "club-fined-fan-flew-drone-over-pitch",
    "Club fined after fan flew drone over pitch",
    ["Play was stopped for eleven minutes when a small drone hovered over the centre circle; the club was fined for lax stewarding."],
    actors=["football club"], locations=[], notes="Trap: 'drone' in a non-war sense.")
add("fw", "2027-03-13T08:30+00:00", "sumy-born-boxer-wins-european-title",
    "Sumy-born boxer wins European title",
    ["The 27-year-old light-heavyweight from Sumy won the vacant European title on a unanimous decision."],
    actors=["boxer"], locations=["Sumy"], notes="Trap: Sumy in sport.")
add("fw", "2027-03-15T21:00+00:00", "border-rivals-kufstein-kiefersfelden-derby",
    "Border rivals Kufstein and Kiefersfelden meet in amateur derby",
    ["The Austrian and Bavarian neighbours, separated by the river Inn and a national border, met for the 150th time."],
    actors=["amateur football clubs"], locations=["Kufstein", "Kiefersfelden"],
    notes="Trap: 'border' rivalry in sport.")

# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------


def parse_when(s):
    return datetime.fromisoformat(s) if s else None


def utc(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def rfc822(dt, named_gmt=False):
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    off = dt.utcoffset()
    if named_gmt and off == timedelta(0):
        tz = "GMT"
    else:
        mins = int(off.total_seconds() // 60)
        sign = "+" if mins >= 0 else "-"
        mins = abs(mins)
        tz = "%s%02d%02d" % (sign, mins // 60, mins % 60)
    return "%s, %02d %s %d %02d:%02d:%02d %s" % (days[dt.weekday()], dt.day, months[dt.month - 1],
                                               dt.year, dt.hour, dt.minute, dt.second, tz)


def atom_time(dt):
    s = dt.isoformat()
    return s.replace("+00:00", "Z")


def crc(s, mod=100000):
    return zlib.crc32(s.encode("utf-8")) % mod


def html_body(body):
    if isinstance(body, str):
        return body
    return "\n".join("<p>%s</p>" % p for p in body)


def plain(s):
    s = re.sub(r"<[^>]+>", "", s or "")
    return re.sub(r"\s+", " ", html.unescape(s)).strip()


def canonical(link, site):
    p = urlsplit(urljoin(site, link))
    q = [(k, v) for k, v in parse_qsl(p.query, keep_blank_values=True) if not k.lower().startswith("utm_")]
    return urlunsplit(("https", p.netloc, p.path, urlencode(q), ""))


def ymd(dt, sep="/"):
    return "%04d%s%02d%s%02d" % (dt.year, sep, dt.month, sep, dt.day)


HL_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def derive(it):
    """Fill link and guid from per-feed conventions unless overridden."""
    f = it["feed"]
    dt = parse_when(it["when"])
    d = dt or datetime(2027, 3, 12, tzinfo=timezone.utc)  # undated: date from slug context
    slug = it["slug"]
    if f == "nw":
        link = "https://northgatewire.test/%s/%s/%s" % (it["section"], ymd(d), slug)
        guid = "ngw:%s:%05d" % (ymd(d, "-"), crc(slug))
    elif f == "cd":
        link = "https://coalitiondesk.test/statements/%s/%s" % (ymd(d), slug)
        guid = "tag:coalitiondesk.test,2027:stmt-%05d" % crc(slug)
    elif f == "pr":
        link = "https://porubezhye.test/news/%s/%s/%s" % (it["section"], ymd(d), slug)
        guid = link
    elif f == "sl":
        link = "https://siverlystok.test/novyny/%s/%s" % (ymd(d), slug)
        guid = "urn:uuid:%s" % uuid.uuid5(uuid.NAMESPACE_URL, "siverlystok.test/" + slug)
    elif f == "eh":
        link = "https://eastbankherald.test/%s/%s/%s" % (it["section"], ymd(d), slug)
        guid = "ebh-%05d" % crc(slug)
    elif f == "hl":
        link = ("https://harbourline.test/news/%d/%s/%02d/%s?utm_source=rss&utm_medium=feed&utm_campaign=news"
                % (d.year, HL_MONTHS[d.month - 1], d.day, slug))
        guid = None
    elif f == "ln":
        link = "https://notes.lindqvist.test/note/%s/%s" % (ymd(d, "-"), slug)
        guid = "tag:notes.lindqvist.test,%s:%s" % (ymd(d, "-"), slug)
    elif f == "vo":
        link = "https://vobzor.test/%s/%s/%s.html" % (it["section"], ymd(d), slug)
        guid = "tag:vobzor.test,2027:%05d" % crc(slug)
    elif f == "lp":
        link = "https://ledgerpoint.test/story.php?id=%s&utm_source=rss&utm_medium=feed" % slug
        guid = "ledgerpoint-%s" % slug
    elif f == "fw":
        link = "https://finalwhistle.test/news/%s-%05d" % (slug, crc(slug))
        guid = link
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
    if it["story"] is not None and it["story"] not in STORIES:
        raise SystemExit("unknown story %s" % it["story"])


def sort_key(it):
    dt = parse_when(it["when"])
    # newest first; undated items sit where they were written relative to order
    return (-(dt.timestamp() if dt else 0), it["order"])


def feed_items(fid):
    items = [it for it in ITEMS if it["feed"] == fid]
    dated = sorted([it for it in items if it["when"]], key=sort_key)
    undated = [it for it in items if not it["when"]]
    # undated items are placed in the middle of the feed, as a CMS glitch would leave them
    mid = len(dated) // 2
    return dated[:mid] + undated + dated[mid:]


def rss_feed(f, items):
    named_gmt = f["id"] in ("nw",)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
           '  <channel>',
           '    <title>%s</title>' % escape(f["title"]),
           '    <link>%s</link>' % escape(f["site"]),
           '    <description>%s</description>' % escape(f["desc"]),
           '    <language>%s</language>' % f["lang"],
           '    <atom:link href=%s rel="self" type="application/rss+xml"/>' % quoteattr(f["self"]),
           '    <lastBuildDate>%s</lastBuildDate>' % rfc822(BUILD),
           '    <generator>holdout tools/build.py</generator>']
    for it in items:
        dt = parse_when(it["when"])
        out.append('    <item>')
        out.append('      <title>%s</title>' % escape(it["title"]))
        out.append('      <link>%s</link>' % escape(it["link"]))
        body = html_body(it["body"])
        if f["id"] in ("lp", "fw"):
            out.append('      <description>%s</description>' % escape(body))
        else:
            out.append('      <description><![CDATA[%s]]></description>' % body)
        if dt is not None:
            out.append('      <pubDate>%s</pubDate>' % rfc822(dt, named_gmt))
        if it["guid"] is not None:
            if it["guid"] == it["link"]:
                out.append('      <guid>%s</guid>' % escape(it["guid"]))
            else:
                out.append('      <guid isPermaLink="false">%s</guid>' % escape(it["guid"]))
        if it.get("section") and f["id"] in ("nw", "pr", "eh"):
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
           '  <updated>%s</updated>' % atom_time(BUILD),
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
            out.append('    <published>%s</published>' % atom_time(dt))
        out.append('    <updated>%s</updated>' % atom_time(upd))
        body = html_body(it["body"])
        if f["id"] == "ln" and not isinstance(it["body"], list):
            out.append('    <summary type="text">%s</summary>' % escape(plain(body)[:240] + "…"))
            out.append('    <content type="html">%s</content>' % escape(body))
        elif f["id"] == "sl":
            out.append('    <summary type="html"><![CDATA[%s]]></summary>' % body)
        else:
            out.append('    <summary type="html">%s</summary>' % escape(body))
        out.append('  </entry>')
    out += ['</feed>', '']
    return "\n".join(out)


def main():
    for it in ITEMS:
        check_item(it)
        derive(it)
    os.makedirs(os.path.join(ROOT, "feeds"), exist_ok=True)
    labels = []
    feeds_json = []
    for f in FEEDS:
        items = feed_items(f["id"])
        text = rss_feed(f, items) if f["format"].startswith("RSS") else atom_feed(f, items)
        with open(os.path.join(ROOT, "feeds", f["file"]), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
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
    with open(os.path.join(ROOT, "labels.json"), "w", encoding="utf-8", newline="\n") as fh:
        json.dump(labels, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    with open(os.path.join(ROOT, "stories.json"), "w", encoding="utf-8", newline="\n") as fh:
        json.dump(stories, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    with open(os.path.join(ROOT, "feeds.json"), "w", encoding="utf-8", newline="\n") as fh:
        json.dump(feeds_json, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    n = len(labels)
    d = sum(1 for l in labels if not l["topics"])
    print("feeds %d, items %d, distractors %d (%.0f%%), stories %d" % (len(FEEDS), n, d, 100.0 * d / n, len(stories)))


if __name__ == "__main__":
    main()
