#!/usr/bin/env python3
"""Build the "fresh" evaluation corpus: feeds/, labels.json, stories.json, feeds.json.

Standard library only and deterministic: running it twice gives byte-identical
files. All item text, metadata and story definitions live in this file
(FEEDS, STORIES and the ITEMS list built by the add() calls below). The
rendering code follows the structure of the holdout corpus's generator; the
text, outlets, domains, places and events are new.

Everything is invented: outlets, .test domains, events, figures and the
named spokespeople and analysts (marked "(invented)" in actors). Real offices
appear by title only and are never quoted directly. Dates are 3-6 June 2027.

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
START = datetime(2027, 6, 3, 0, 0, tzinfo=timezone.utc)
END = datetime(2027, 6, 6, 23, 0, tzinfo=timezone.utc)
BUILD = datetime(2027, 6, 6, 23, 0, tzinfo=timezone.utc)
A, B = "alliance-statements", "border-developments"

# --------------------------------------------------------------------------
# Feeds. Order here is the order of feeds.json and of labels.json.
# --------------------------------------------------------------------------
FEEDS = [
    dict(id="tw", file="tidewater.xml", format="RSS 2.0",
         title="Tidewater Press Agency — World service", site="https://tidewaterpa.test/",
         self="https://tidewaterpa.test/rss/world.xml", lang="en",
         desc="Breaking news and wire copy from the Tidewater Press Agency.",
         style="wire agency"),
    dict(id="cm", file="communique-monitor.atom", format="Atom 1.0",
         title="Communiqué Monitor — Official texts", site="https://communiquemonitor.test/",
         self="https://communiquemonitor.test/texts.atom", lang="en",
         desc="Declarations, speeches and releases from alliances, EU institutions and allied governments.",
         style="mirror of official texts (alliance and EU press offices, allied governments)"),
    dict(id="cz", file="chernozemye.xml", format="RSS 2.0",
         title="Черноземье сегодня — Белгород, Курск, Брянск",
         site="https://chernozemye-today.test/", self="https://chernozemye-today.test/rss.xml", lang="ru",
         desc="Новости Белгородской, Курской и Брянской областей.",
         style="Russian regional outlet (Russian language)"),
    dict(id="pk", file="prykordonna.atom", format="Atom 1.0",
         title="Прикордонна хроніка", site="https://prykordonna.test/",
         self="https://prykordonna.test/atom.xml", lang="uk",
         desc="Сумщина, Харківщина, Чернігівщина: новини прикордоння.",
         style="Ukrainian regional outlet (Ukrainian language)"),
    dict(id="po", file="polissia-online.json", format="JSON Feed 1.1",
         title="Полісся онлайн", site="https://polissia-online.test/",
         self="https://polissia-online.test/feed.json", lang="uk",
         desc="Новини Чернігова, області та країни.",
         style="Ukrainian news site, Chernihiv-based (Ukrainian language, JSON Feed)"),
    dict(id="dl", file="dailylantern.xml", format="RSS 2.0",
         title="The Daily Lantern | World", site="https://dailylantern.test/",
         self="https://dailylantern.test/world/rss", lang="en-gb",
         desc="World news, comment and culture from The Daily Lantern.",
         style="British general newspaper site (feed without guids)"),
    dict(id="hf", file="halvorsen-briefs.atom", format="Atom 1.0",
         title="Halvorsen Forum — Security Briefs", site="https://briefs.halvorsen.test/",
         self="https://briefs.halvorsen.test/feed.atom", lang="en",
         desc="Short analysis from the Halvorsen Forum on Transatlantic Security, Washington.",
         style="think-tank briefs"),
    dict(id="pn", file="perekrestok.xml", format="RSS 2.0",
         title="Перекрёсток — новости", site="https://perekrestok-news.test/",
         self="https://perekrestok-news.test/export/rss2/all.xml", lang="ru",
         desc="Независимые новости на русском языке из Риги.",
         style="Russian-language international outlet based in Riga"),
    dict(id="qc", file="quarryandcode.xml", format="RSS 2.0",
         title="Quarry & Code — Business, industry, tech", site="https://quarryandcode.test/",
         self="https://quarryandcode.test/rss.php", lang="en-US",
         desc="Markets, industry and technology.",
         style="business and technology site"),
    dict(id="sr", file="sideline.atom", format="Atom 1.0",
         title="Sideline Report", site="https://sidelinereport.test/",
         self="https://sidelinereport.test/feed.atom", lang="en",
         desc="Sport from every sideline.",
         style="sports site"),
]
FEED = {f["id"]: f for f in FEEDS}

# --------------------------------------------------------------------------
# Stories: id -> topics, neutral one-line summary, optional related.
# --------------------------------------------------------------------------
STORIES = {
    # ---- alliance-statements only
    "f01-mc-chair-oslo-readiness": dict(
        topics=[A],
        one_line="On 3 June at a security conference in Oslo the Chair of the NATO Military Committee said allies should be able to deploy the forces assigned to NATO's regional plans within 30 days by 2029, citing shortfalls in air defence, engineers and transport."),
    "f02-mc-chair-lapland-exercises": dict(
        topics=[A],
        one_line="On 6 June in Rovaniemi the Chair of the NATO Military Committee said NATO's forward land forces in Finland would exercise twice a year from 2028 and that fuel and ammunition would be pre-positioned in Lapland."),
    "f03-dsg-prague-munitions": dict(
        topics=[A],
        one_line="On 4 June at a defence-industry conference in Prague the NATO Deputy Secretary General said NATO would give industry a list of 20 priority munitions, urged allies to sign contracts of at least five years and called for European interceptor output to triple by 2030."),
    "f04-euco-president-june-loan": dict(
        topics=[A],
        one_line="On 4 June the President of the European Council said EU leaders would be asked at their 24-25 June summit to approve an 18 billion euro loan for Ukraine's 2028 defence budget and to extend economic sanctions on Russia for 12 months."),
    "f05-commission-joint-procurement-awards": dict(
        topics=[A],
        one_line="On 3 June the European Commission awarded 1.4 billion euros to 16 joint defence procurement projects, the largest for counter-drone systems, with Ukrainian manufacturers taking part in three."),
    "f06-g7-leaders-demining-compact": dict(
        topics=[A],
        one_line="On 5 June the G7 leaders' summit communique launched a 2.5 billion dollar, five-year demining compact for Ukraine, committed to meeting Ukraine's air-defence needs through 2028 and warned third-country suppliers of Russia's arms industry."),
    "f07-csto-defmin-dushanbe": dict(
        topics=[A],
        one_line="On 4 June CSTO defence ministers meeting in Dushanbe approved collective-forces exercises in Tajikistan for October and adopted a statement criticising NATO military activity in the Arctic and northern Europe."),
    "f08-b9-summit-sofia": dict(
        topics=[A],
        one_line="On 3 June Bucharest Nine heads of state in Sofia asked NATO to keep its forward forces at current levels until at least 2030, to bring forward the allies' core defence-spending goal and to build a common eastern-flank air and missile defence."),
    "f09-nordefco-tromso": dict(
        topics=[A],
        one_line="On 5 June Nordic defence ministers meeting under NORDEFCO in Tromso agreed to plan and run their air forces as a single Nordic air operations concept from 2028 and to buy artillery ammunition jointly."),
    "f10-jef-copenhagen-high-north": dict(
        topics=[A],
        one_line="On 6 June defence ministers of the Joint Expeditionary Force, meeting in Copenhagen, agreed to send a task group of about 4,000 troops to a High North exercise in September and to buy cold-weather equipment together."),
    "f11-canada-latvia-brigade": dict(
        topics=[A],
        one_line="On 5 June Canada's defence ministry said Canada would keep its contribution to NATO's Multinational Brigade Latvia at full strength until 2032 and deploy a ground-based air-defence battery there in 2028."),
    # ---- both topics
    "f13-baltic-ministers-sumy-glide-bombs": dict(
        topics=[A, B],
        one_line="On 3 June the defence ministers of Estonia, Latvia and Lithuania, visiting Sumy, pledged to fund 12,000 interceptor drones for Ukraine's northern regions; during the visit two guided bombs hit the city's Zarichnyi district, injuring five, according to the regional administration."),
    "f14-nato-dsg-kharkiv-hospital": dict(
        topics=[A, B], related=["f20-kharkiv-childrens-hospital-strike"],
        one_line="On 6 June the NATO Deputy Secretary General condemned the 5 June missile strike on a children's hospital in Kharkiv's Nemyshlianskyi district (three killed, 19 injured, according to local authorities) and said allies were speeding up interceptor deliveries."),
    "f15-csto-sg-kursk-korenevo": dict(
        topics=[A, B],
        one_line="On 6 June the CSTO Secretary General, visiting Kursk, promised humanitarian aid from CSTO members for the region's border districts after overnight shelling of Korenevo killed a woman and damaged a school, according to the governor."),
    "f16-euco-president-nizhyn-station": dict(
        topics=[A, B], related=["f21-nizhyn-station-drone-strike"],
        one_line="On 5 June the President of the European Council condemned the 4 June drone strike near Nizhyn railway station in Chernihiv oblast (three killed, nine injured) and said the EU would pay for repairs to the station."),
    # ---- border-developments only
    "f20-kharkiv-childrens-hospital-strike": dict(
        topics=[B], related=["f14-nato-dsg-kharkiv-hospital"],
        one_line="On 5 June two missiles hit the area of a children's hospital in Kharkiv's Nemyshlianskyi district; local authorities first reported two killed and 11 injured, and by 6 June three killed and 19 injured. Russia's defence ministry said it had struck a military target in Kharkiv."),
    "f21-nizhyn-station-drone-strike": dict(
        topics=[B], related=["f16-euco-president-nizhyn-station"],
        one_line="On the morning of 4 June a drone hit the square by Nizhyn railway station, Chernihiv oblast; officials first reported one killed and six injured, and by evening three killed and nine injured."),
    "f22-belgorod-district-evacuation-curfew": dict(
        topics=[B],
        one_line="On 4 June the Belgorod governor ordered the remaining residents of Zhuravlevka and Nekhoteevka in Belgorod district to evacuate after repeated drone attacks and extended the night curfew in the district's border area to 30 June."),
    "f23-belgorod-vostochny-car-park-drone": dict(
        topics=[B],
        one_line="On the evening of 5 June a drone hit a car park in Belgorod's Vostochny district, injuring four people and burning 11 cars, according to the governor."),
    "f24-sevsk-bus-fpv-drone": dict(
        topics=[B],
        one_line="On 3 June an FPV drone hit a commuter bus near Sevsk, Bryansk oblast, killing the driver; the governor first reported two and then three passengers injured, and on 4 June four."),
    "f25-klintsy-substation-power-cut": dict(
        topics=[B],
        one_line="Overnight into 6 June a drone attack damaged a substation in Klintsy, Bryansk oblast, leaving about 40,000 residents without power, according to the governor and the city administration."),
    "f26-russia-mod-41-drones": dict(
        topics=[B],
        one_line="On 5 June Russia's defence ministry said 41 Ukrainian drones had been destroyed overnight, 38 of them over Kursk, Bryansk and Belgorod oblasts and three over Kaluga oblast."),
    "f27-belaya-mine-tractor": dict(
        topics=[B],
        one_line="On 4 June a tractor hit a mine in a field near Belaya, Kursk oblast, injuring two farm workers, according to the governor."),
    "f28-sumy-border-24h-shelling": dict(
        topics=[B],
        one_line="On 5 June the Sumy regional administration reported 43 attacks and 112 explosions in nine border communities over 24 hours, with one man wounded by a drone in Esman."),
    "f29-konotop-bus-depot-drones": dict(
        topics=[B],
        one_line="Overnight into 4 June drones hit a bus depot in Konotop, Sumy oblast, burning six buses without casualties, according to the mayor."),
    "f30-konotop-ballistic-missile": dict(
        topics=[B],
        one_line="On the afternoon of 6 June a ballistic missile hit central Konotop, Sumy oblast, damaging a lyceum and houses and injuring five people, according to the regional administration."),
    "f31-kozacha-lopan-sabotage-group": dict(
        topics=[B],
        one_line="On 3 June Ukraine's State Border Guard Service said it had pushed back a Russian sabotage group of about eight near Kozacha Lopan, Kharkiv oblast, without Ukrainian losses."),
    "f32-snovsk-fpv-car": dict(
        topics=[B],
        one_line="On 5 June the Chernihiv regional administration said an FPV drone hit a car in the Snovsk community, wounding the driver, amid mortar fire on border villages."),
}

# --------------------------------------------------------------------------
# Items
# --------------------------------------------------------------------------
ITEMS = []


def add(feed, when, slug, title, body, story=None, actors=(), locations=(), lang=None,
        notes="", section=None, link=None, guid="auto", updated=None, updated_only=False):
    """Register one feed item.

    when: local time with offset, "2027-06-03T08:15+03:00", or None (undated).
    body: list of paragraphs (HTML allowed) or a ready HTML string.
    """
    ITEMS.append(dict(feed=feed, when=when, slug=slug, title=title, body=body, story=story,
                      actors=list(actors), locations=list(locations),
                      lang=lang or FEED[feed]["lang"][:2].lower(), notes=notes, section=section,
                      link=link, guid=guid, updated=updated, updated_only=updated_only,
                      order=len(ITEMS)))


# ---------------------------------------------------------------- Tidewater Press Agency (tw), RSS en
add("tw", "2027-06-03T11:20+00:00", "nato-military-committee-chair-30-day-readiness-oslo",
    "NATO's top military officer wants plan forces able to deploy within 30 days by 2029",
    ["OSLO, June 3 (Tidewater) – Allies should be able to move the troops, ships and aircraft they have assigned to NATO's regional defence plans into position within 30 days by 2029, the chair of the alliance's Military Committee said on Thursday.",
     "Opening a two-day security conference in the Norwegian capital, the officer, who chairs the committee of allied chiefs of defence, said most allies had filled their force lists on paper but fewer than half of the units could yet deploy at the speed the plans assume.",
     "He named ground-based air defence, combat engineers and strategic transport as the biggest gaps and said he would present a country-by-country assessment to the chiefs of defence in September."],
    story="f01-mc-chair-oslo-readiness",
    actors=["Chair of the NATO Military Committee", "NATO"], locations=["Oslo", "Norway"],
    section="world/europe")

add("tw", "2027-06-06T10:30+00:00", "nato-military-chief-finland-twice-yearly-drills-lapland",
    "NATO military chief: Finland drills to become twice-yearly, fuel and ammunition to be stored in Lapland",
    ["ROVANIEMI, Finland, June 6 (Tidewater) – NATO's forward land forces in Finland will hold two large exercises a year from 2028, and the alliance will pre-position fuel and ammunition in Finnish Lapland, the chair of NATO's Military Committee said on Sunday after visiting troops near the Arctic Circle.",
     "The plan still needs the approval of allied chiefs of defence, he told reporters. Finland's defence ministry said it welcomed the proposal."],
    story="f02-mc-chair-lapland-exercises",
    actors=["Chair of the NATO Military Committee", "NATO", "Finnish defence ministry"],
    locations=["Rovaniemi", "Lapland", "Finland"], section="world/europe",
    notes="Same official as f01 (Oslo, 3 June) on another day and subject: separate story.")

add("tw", "2027-06-04T09:45+00:00", "nato-deputy-chief-priority-munitions-five-year-contracts",
    "NATO deputy chief names 20 priority munitions, presses allies for five-year contracts",
    ["PRAGUE, June 4 (Tidewater) – NATO will hand arms makers a list of 20 types of munitions it most needs, from 155mm shells to air-defence interceptors, and wants allied governments to sign purchase contracts running at least five years, the alliance's deputy secretary general said on Friday.",
     "Speaking at a defence-industry conference in the Czech capital, the deputy secretary general said European production of air-defence interceptors would have to triple by 2030 to meet allies' own targets and continue supplying Ukraine.",
     "Arms makers attending the conference have argued for years that annual orders give them no basis for building new factories."],
    story="f03-dsg-prague-munitions",
    actors=["NATO Deputy Secretary General", "NATO"], locations=["Prague", "Czechia"],
    section="world/europe",
    notes="Same official as f14 (6 June, Kharkiv hospital statement): different occasion, separate story.")

add("tw", "2027-06-04T15:10+00:00", "eu-leaders-asked-approve-18-billion-loan-ukraine-defence-2028",
    "EU leaders to be asked to approve 18 billion euro loan for Ukraine's 2028 defence budget",
    ["BRUSSELS, June 4 (Tidewater) – European Union leaders will be asked at their summit on June 24-25 to approve an 18 billion euro loan to cover a large part of Ukraine's defence budget for 2028 and to extend the bloc's economic sanctions on Russia for 12 months instead of the usual six, the President of the European Council said on Friday.",
     "He told a news conference that the loan would be raised on capital markets and guaranteed by the EU budget headroom, and that a majority of governments already backed it. Hungary's government has not said how it will vote."],
    story="f04-euco-president-june-loan",
    actors=["President of the European Council", "European Council", "European Union"],
    locations=["Brussels", "Ukraine"], section="world/europe",
    notes="Same official as f16 (5 June, Nizhyn statement): separate story.")

add("tw", "2027-06-05T18:20+00:00", "g7-leaders-demining-compact-ukraine-air-defence-2028",
    "G7 leaders launch $2.5 billion demining compact for Ukraine, vow air defence through 2028",
    ["June 5 (Tidewater) – Leaders of the Group of Seven agreed on Saturday to put $2.5 billion over five years into clearing mines and unexploded ordnance in Ukraine and committed to meeting Kyiv's air-defence needs through 2028, according to the communique issued at the end of their summit.",
     "The communique also put on notice firms outside the G7 supplying machine tools, electronics and explosives to Russia's arms industry that they would face 'further coordinated measures'. Ukraine estimates that about a fifth of its territory needs to be surveyed for mines."],
    story="f06-g7-leaders-demining-compact",
    actors=["G7 leaders", "G7"], locations=["Ukraine", "Russia"], section="world")

add("tw", "2027-06-04T12:40+00:00", "csto-defence-ministers-dushanbe-drills-nato-arctic",
    "CSTO defence ministers approve autumn drills, criticise NATO activity in the Arctic",
    ["DUSHANBE, June 4 (Tidewater) – Defence ministers of the Russia-led Collective Security Treaty Organisation approved a plan on Friday to hold exercises of the bloc's collective forces in Tajikistan in October and adopted a statement criticising what they called NATO's military build-up in the Arctic and northern Europe.",
     "The statement, published after the meeting in the Tajik capital, said the alliance's exercises in Finland and Norway 'raise tension along the Union State's borders'. The ministers also agreed to set up a joint training course for drone operators."],
    story="f07-csto-defmin-dushanbe",
    actors=["CSTO defence ministers", "CSTO"], locations=["Dushanbe", "Tajikistan", "Arctic"],
    section="world/asia",
    notes="Different CSTO body and day from f15 (CSTO Secretary General in Kursk, 6 June).")

add("tw", "2027-06-03T13:55+00:00", "bucharest-nine-leaders-sofia-forward-forces-spending",
    "Eastern-flank leaders urge NATO to keep forces in place, bring forward spending goal",
    ["SOFIA, June 3 (Tidewater) – Presidents of the nine NATO members on the alliance's eastern flank called on Thursday for allied forward forces in their countries to stay at current strength until at least 2030 and for the alliance to bring forward the date by which members must reach its core defence-spending goal.",
     "In a declaration adopted at the Bucharest Nine summit in the Bulgarian capital, the leaders also proposed a common air and missile defence system for the flank, from the Baltic to the Black Sea, and described Russia as the most significant and direct threat to their security."],
    story="f08-b9-summit-sofia",
    actors=["Bucharest Nine", "Bucharest Nine heads of state"], locations=["Sofia", "Bulgaria"],
    section="world/europe",
    notes="The Halvorsen 'worth reading' entry links to this article over http://.")

add("tw", "2027-06-05T11:05+00:00", "nordic-defence-ministers-single-air-force-concept-tromso",
    "Nordic defence ministers agree to plan air operations as a single force",
    ["TROMSO, Norway, June 5 (Tidewater) – Denmark, Finland, Iceland, Norway and Sweden will plan and run their combined fleet of more than 250 combat aircraft as a single Nordic air operations concept from 2028, their defence ministers agreed on Saturday.",
     "Meeting under the Nordic Defence Cooperation (NORDEFCO) framework, the ministers also agreed to buy artillery ammunition together and to continue training Ukrainian air-force technicians at Nordic bases."],
    story="f09-nordefco-tromso",
    actors=["NORDEFCO", "Nordic defence ministers"], locations=["Tromso", "Norway"],
    section="world/europe")

add("tw", "2027-06-06T15:40+00:00", "jef-task-group-high-north-exercise-september",
    "UK-led JEF to send 4,000-strong task group to High North drills in September",
    ["COPENHAGEN, June 6 (Tidewater) – The ten members of the British-led Joint Expeditionary Force will send a task group of about 4,000 troops to an exercise in northern Norway and Finland in September, their defence ministers said after meeting in the Danish capital on Sunday.",
     "The ministers also agreed to buy cold-weather clothing and over-snow vehicles together and said the JEF would continue to act as a complement to NATO, not a substitute for it."],
    story="f10-jef-copenhagen-high-north",
    actors=["Joint Expeditionary Force", "JEF defence ministers", "United Kingdom"],
    locations=["Copenhagen", "Denmark", "Norway", "Finland"], section="world/europe")

add("tw", "2027-06-05T14:30+00:00", "canada-latvia-brigade-full-strength-2032-air-defence",
    "Canada to keep Latvia brigade contingent at full strength until 2032, add air-defence battery",
    ["OTTAWA, June 5 (Tidewater) – Canada will keep its contribution to NATO's multinational brigade in Latvia at full strength until at least 2032 and will station a ground-based air-defence battery there from 2028, the defence ministry said on Saturday.",
     "Canada leads the brigade, which includes troops from more than a dozen allies. The ministry said the decision reflected Canada's 'enduring commitment to the defence of NATO's eastern flank'."],
    story="f11-canada-latvia-brigade",
    actors=["Canadian defence ministry", "Canada", "NATO"], locations=["Ottawa", "Latvia"],
    section="world/americas")

add("tw", "2027-06-03T12:30+00:00", "glide-bombs-hit-sumy-baltic-defence-ministers-visit",
    "Glide bombs hit Sumy during Baltic ministers' visit; five hurt as trio pledges 12,000 interceptor drones",
    ["SUMY, Ukraine, June 3 (Tidewater) – Two Russian guided bombs struck the Zarichnyi district of Sumy on Thursday while the defence ministers of Estonia, Latvia and Lithuania were visiting the northern Ukrainian city, injuring five people, the regional military administration said.",
     "The bombs damaged a school building, which was empty for the summer holidays, and a nine-storey block of flats. The ministers, who were meeting regional officials, went to a shelter during the air-raid alert.",
     "Afterwards the three ministers said their countries would jointly fund 12,000 interceptor drones to protect Ukraine's northern regions, delivered by the end of the year, and would keep spending at least 0.25% of GDP a year on military aid to Ukraine as part of their commitments within NATO."],
    story="f13-baltic-ministers-sumy-glide-bombs",
    actors=["Estonian defence minister", "Latvian defence minister", "Lithuanian defence minister",
            "Sumy Regional Military Administration"],
    locations=["Sumy", "Zarichnyi district", "Sumy oblast"], section="world/europe")

add("tw", "2027-06-06T10:10+00:00", "nato-deputy-chief-condemns-kharkiv-hospital-strike",
    "NATO deputy chief condemns Kharkiv hospital strike, says interceptor deliveries are being sped up",
    ["BRUSSELS, June 6 (Tidewater) – NATO's deputy secretary general on Sunday condemned Saturday's missile strike on a children's hospital in Kharkiv, which local authorities say killed three people and injured 19, and said allies were speeding up deliveries of air-defence interceptors to Ukraine.",
     "Two missiles hit the hospital grounds in the city's Nemyshlianskyi district on Saturday morning. The deputy secretary general said the issue would be raised at a meeting of the NATO-Ukraine Council next week."],
    story="f14-nato-dsg-kharkiv-hospital",
    actors=["NATO Deputy Secretary General", "NATO", "Kharkiv authorities"],
    locations=["Kharkiv", "Nemyshlianskyi district", "Kharkiv oblast", "Brussels"],
    section="world/europe",
    notes="Reaction to f20; reports the strike concretely (place, toll), so both topics. Same official as f03.")

add("tw", "2027-06-06T12:50+00:00", "csto-chief-pledges-aid-kursk-border-districts-korenevo",
    "CSTO chief pledges aid to Kursk border districts after overnight shelling kills woman",
    ["KURSK, Russia, June 6 (Tidewater) – The secretary general of the Collective Security Treaty Organisation promised on Sunday that the bloc's members would send humanitarian aid to Russia's Kursk region, hours after overnight shelling of the border settlement of Korenevo killed a 68-year-old woman, according to the regional governor.",
     "The governor said the shelling also damaged a school and a gas pipeline in Korenevo. The CSTO secretary general, who met the governor in Kursk, said the organisation would coordinate deliveries of generators, building materials and medicines."],
    story="f15-csto-sg-kursk-korenevo",
    actors=["CSTO Secretary General", "CSTO", "Kursk governor"],
    locations=["Kursk", "Korenevo", "Korenevo district", "Kursk oblast"], section="world/europe")

add("tw", "2027-06-05T09:20+00:00", "eu-council-president-condemns-nizhyn-station-strike",
    "EU Council president condemns drone strike on Ukrainian rail station that killed three",
    ["BRUSSELS, June 5 (Tidewater) – The President of the European Council on Saturday condemned Friday's drone strike near the railway station in Nizhyn, in Ukraine's Chernihiv region, which killed three people and injured nine, and said the EU would pay to repair the station.",
     "The drone hit the square in front of the station as passengers waited for an early train to Kyiv, Ukrainian officials said. The EU will also send additional mobile shelters for railway passengers in northern Ukraine, the president said in a statement."],
    story="f16-euco-president-nizhyn-station",
    actors=["President of the European Council", "European Union"],
    locations=["Nizhyn", "Chernihiv oblast"], section="world/europe",
    notes="Reaction to f21, with the strike reported concretely: both topics. Same official as f04 (4 June).")

add("tw", "2027-06-05T08:25+00:00", "missiles-hit-childrens-hospital-kharkiv",
    "UPDATE 2-Missiles hit children's hospital in Kharkiv, two killed",
    ["KHARKIV, Ukraine, June 5 (Tidewater) – Two missiles struck the grounds of a children's hospital in the Ukrainian city of Kharkiv on Saturday morning, killing two people, the city's mayor said. Eleven others were hurt.",
     "The missiles hit at about 10:40 a.m. (0740 GMT) in the Nemyshlianskyi district in the east of the city. A security guard and a woman visiting her son were killed, the mayor said. Patients were being moved to other hospitals.",
     "<em>(Updates toll in paragraph 1, adds details in paragraph 2)</em>"],
    story="f20-kharkiv-childrens-hospital-strike",
    actors=["Kharkiv mayor"], locations=["Kharkiv", "Nemyshlianskyi district", "Kharkiv oblast"],
    section="world/europe",
    link="https://tidewaterpa.test/news/world/europe/2027/06/05/missiles-hit-childrens-hospital-kharkiv?utm_source=rss&utm_medium=feed#update-2",
    notes="First report: two killed, 11 injured. Link carries utm_ parameters and a #fragment.")

add("tw", "2027-06-04T07:30+00:00", "drone-strike-near-rail-station-kills-one-chernihiv-region",
    "Drone strike near Ukrainian rail station kills one, regional officials say",
    ["June 4 (Tidewater) – A drone hit the square outside the railway station in Nizhyn in northern Ukraine early on Friday, killing one person and wounding six as passengers waited for a train, the Chernihiv regional military administration said.",
     "The station building's windows were blown out and trains were delayed by about two hours, officials said."],
    story="f21-nizhyn-station-drone-strike",
    actors=["Chernihiv Regional Military Administration"], locations=["Nizhyn", "Chernihiv oblast"],
    section="world/europe")

add("tw", "2027-06-04T10:05+00:00", "belgorod-orders-residents-out-two-border-villages-curfew",
    "Russia's Belgorod region orders remaining residents out of two border villages, extends curfew",
    ["MOSCOW, June 4 (Tidewater) – The governor of Russia's Belgorod region ordered the remaining residents of two villages near the Ukrainian border to leave on Friday, citing daily attacks by small Ukrainian drones.",
     "About 140 people still living in Zhuravlevka and Nekhoteevka, both in Belgorod district, will be moved to temporary housing, the governor said. He also extended a 10 p.m. to 6 a.m. curfew in the district's border area until June 30."],
    story="f22-belgorod-district-evacuation-curfew",
    actors=["Belgorod governor"], locations=["Zhuravlevka", "Nekhoteevka", "Belgorod district", "Belgorod oblast"],
    section="world/europe")

add("tw", "2027-06-05T19:15+00:00", "drone-hits-car-park-belgorod-four-hurt",
    "Drone hits car park in Russia's Belgorod, four hurt – governor",
    ["June 5 (Tidewater) – A Ukrainian drone struck a car park in a residential area of the Russian city of Belgorod on Saturday evening, injuring four people, one of them seriously, the regional governor said.",
     "Eleven cars burned and windows were broken in a nearby apartment block in the city's Vostochny district, he said."],
    story="f23-belgorod-vostochny-car-park-drone",
    actors=["Belgorod governor"], locations=["Belgorod", "Vostochny district", "Belgorod oblast"],
    section="world/europe")

add("tw", "2027-06-03T08:15+00:00", "drone-hits-bus-bryansk-region-driver-killed",
    "Drone hits bus in Russia's Bryansk region, driver killed, governor says",
    ["June 3 (Tidewater) – A Ukrainian drone hit a commuter bus near the town of Sevsk in Russia's Bryansk region on Thursday morning, killing the driver and injuring three passengers, the regional governor said.",
     "Sevsk lies about 30 km (19 miles) from the border with Ukraine's Sumy region. Tidewater could not independently verify the report."],
    story="f24-sevsk-bus-fpv-drone",
    actors=["Bryansk governor"], locations=["Sevsk", "Sevsky district", "Bryansk oblast"],
    section="world/europe",
    notes="Gives three injured; the Chernozemye first report (earlier) gives two.")

add("tw", "2027-06-06T07:45+00:00", "drone-attack-substation-cuts-power-klintsy",
    "Drone attack on substation cuts power to Russian town of Klintsy",
    ["June 6 (Tidewater) – About 40,000 people in the Russian town of Klintsy were left without electricity after Ukrainian drones damaged a substation overnight, the governor of the Bryansk region said on Sunday. No one was hurt.",
     "Klintsy, with a population of about 60,000, is roughly 50 km from the Ukrainian border. Hospitals were running on generators, local officials said."],
    story="f25-klintsy-substation-power-cut",
    actors=["Bryansk governor"], locations=["Klintsy", "Bryansk oblast"], section="world/europe")

add("tw", "2027-06-05T05:10+00:00", "russia-says-downed-41-ukrainian-drones-overnight",
    "Russia says it downed 41 Ukrainian drones overnight, most over border regions",
    ["June 5 (Tidewater) – Russian air defences destroyed 41 Ukrainian drones overnight, the defence ministry in Moscow said on Saturday: 17 over the Kursk region, 14 over Bryansk, seven over Belgorod and three over Kaluga.",
     "The ministry gave no details of damage, and Kyiv made no immediate comment on the figures."],
    story="f26-russia-mod-41-drones",
    actors=["Russian defence ministry"],
    locations=["Kursk oblast", "Bryansk oblast", "Belgorod oblast", "Kaluga oblast"],
    section="world/europe",
    notes="Most of the drones were reported over the six oblasts, so border-developments despite Kaluga.")

add("tw", "2027-06-04T13:40+00:00", "two-farm-workers-hurt-landmine-kursk-region",
    "Two farm workers hurt by landmine in Russia's Kursk region",
    ["June 4 (Tidewater) – Two farm workers were injured when their tractor hit a mine while ploughing a field near the village of Belaya in Russia's Kursk region on Friday, the regional governor said. Sappers were checking nearby fields, he said."],
    story="f27-belaya-mine-tractor",
    actors=["Kursk governor"], locations=["Belaya", "Belovsky district", "Kursk oblast"],
    section="world/europe")

add("tw", "2027-06-05T07:20+00:00", "russian-fire-hits-nine-sumy-border-communities",
    "Russian fire hits nine Sumy border communities in 24 hours, one wounded",
    ["June 5 (Tidewater) – Russian forces attacked nine border communities in Ukraine's Sumy region 43 times over the past 24 hours, with 112 explosions recorded, the regional military administration said on Saturday.",
     "In Esman a drone wounded a 52-year-old man; in Yunakivka and Khotin homes were hit and a power line was brought down, it said."],
    story="f28-sumy-border-24h-shelling",
    actors=["Sumy Regional Military Administration"],
    locations=["Sumy oblast", "Esman", "Yunakivka", "Khotin"], section="world/europe")

add("tw", "2027-06-04T06:00+00:00", "drones-set-fire-bus-depot-konotop",
    "Drones set fire to bus depot in Ukraine's Konotop",
    ["June 4 (Tidewater) – Russian drones hit a bus depot in the northern Ukrainian town of Konotop overnight, burning six buses, the town's mayor said on Friday. No one was injured.",
     "Konotop, in the Sumy region, is a railway junction about 80 km from the Russian border."],
    story="f29-konotop-bus-depot-drones",
    actors=["Konotop mayor"], locations=["Konotop", "Sumy oblast"], section="world/europe",
    notes="First of two Konotop incidents (see f30, 6 June): separate stories.")

add("tw", "2027-06-03T09:30+00:00", "ukraine-repels-sabotage-group-near-kharkiv-border-village",
    "Ukraine says it repelled Russian sabotage group near Kharkiv border village",
    ["KYIV, June 3 (Tidewater) – Ukrainian border guards pushed back a group of about eight Russian soldiers who tried to cross the border near the village of Kozacha Lopan in the Kharkiv region early on Thursday, the State Border Guard Service said.",
     "The group was spotted by a surveillance drone and withdrew under mortar and drone fire, a spokesperson for the service said. There were no Ukrainian casualties."],
    story="f31-kozacha-lopan-sabotage-group",
    actors=["State Border Guard Service of Ukraine"],
    locations=["Kozacha Lopan", "Kharkiv oblast"], section="world/europe")

add("tw", "2027-06-05T15:00+00:00", "drone-hits-car-chernihiv-border-area-man-wounded",
    "Drone hits car in Ukraine's Chernihiv border area, man wounded",
    ["June 5 (Tidewater) – A Russian FPV drone hit a car in the Snovsk community of Ukraine's Chernihiv region on Saturday, wounding the 44-year-old driver, the regional military administration said. Border villages in the Snovsk and Horodnia communities also came under mortar fire, it said."],
    story="f32-snovsk-fpv-car",
    actors=["Chernihiv Regional Military Administration"],
    locations=["Snovsk community", "Horodnia community", "Chernihiv oblast"], section="world/europe")

# distractors (tw)
add("tw", "2027-06-03T16:10+00:00", "belgian-dockworkers-48-hour-strike-zeebrugge-ghent",
    "Belgian dockworkers begin 48-hour strike at Zeebrugge and Ghent",
    ["BRUSSELS, June 3 (Tidewater) – Dockworkers at the Belgian ports of Zeebrugge and Ghent began a 48-hour strike on Thursday over government plans to raise their pension age, halting container and car-carrier operations.",
     "Unions said further strikes were possible later in June if talks failed."],
    actors=["Belgian dockworkers' unions"], locations=["Zeebrugge", "Ghent", "Belgium"],
    section="business", notes="Distractor: labour strike.")

add("tw", "2027-06-04T05:30+00:00", "glide-bombs-hit-zaporizhzhia-industrial-district",
    "Glide bombs hit Zaporizhzhia industrial district, two injured",
    ["June 4 (Tidewater) – Russian glide bombs hit an industrial area of the southern Ukrainian city of Zaporizhzhia overnight, injuring two workers and damaging a warehouse, the regional governor said on Friday."],
    actors=["Zaporizhzhia Regional Military Administration"], locations=["Zaporizhzhia", "Zaporizhzhia oblast"],
    section="world/europe", notes="Distractor: war event outside the six oblasts.")

add("tw", "2027-06-06T06:20+00:00", "russia-says-drones-downed-tula-lipetsk-industrial-fire",
    "Russia says 16 drones downed over Tula and Lipetsk regions; fire at industrial zone",
    ["June 6 (Tidewater) – Russia's defence ministry said on Sunday its air defences destroyed 16 Ukrainian drones overnight over the Tula and Lipetsk regions. The Lipetsk governor said falling debris started a fire in an industrial zone on the city's outskirts, which was put out by morning."],
    actors=["Russian defence ministry", "Lipetsk governor"],
    locations=["Tula oblast", "Lipetsk oblast", "Lipetsk"],
    section="world/europe",
    notes="Distractor: Russian MoD drone claim, but only over regions outside the six oblasts (compare f26).")

add("tw", "2027-06-05T10:45+00:00", "nato-headquarters-car-parks-solar-panels",
    "NATO to cover headquarters car parks with solar panels",
    ["BRUSSELS, June 5 (Tidewater) – NATO will install about 4,000 solar panels over the car parks of its Brussels headquarters by the end of next year, the alliance's support agency said, in a contract worth 6 million euros."],
    actors=["NATO Support and Procurement Agency"], locations=["Brussels"], section="world/europe",
    notes="Distractor: NATO facilities news, not a statement or commitment.")

# ---------------------------------------------------------------- Communiqué Monitor (cm), Atom en
add("cm", "2027-06-03T13:05+02:00", "chair-military-committee-oslo-security-conference-address",
    "Address by the Chair of the NATO Military Committee at the Oslo Security Conference",
    ["The Chair of the NATO Military Committee delivered the opening address at the Oslo Security Conference on 3 June 2027.",
     "The Chair set out the Military Committee's assessment of progress in resourcing NATO's regional plans. He stated that the Alliance's objective is for forces assigned to the plans to be deployable within 30 days by 2029, and that, on current trends, fewer than half of the assigned units would meet that standard.",
     "He identified ground-based air and missile defence, combat engineering and strategic lift as priority shortfalls and announced that a nation-by-nation assessment would be presented to the Chiefs of Defence in September."],
    story="f01-mc-chair-oslo-readiness",
    actors=["Chair of the NATO Military Committee", "NATO Military Committee"], locations=["Oslo", "Norway"],
    updated="2027-06-03T18:30+02:00",
    notes="Official summary; <updated> later than <published> (full transcript added).")

add("cm", "2027-06-04T11:30+02:00", "deputy-secretary-general-prague-defence-industry-remarks",
    "Remarks by the NATO Deputy Secretary General at the Central European Defence Industry Days, Prague",
    ["In remarks to the Central European Defence Industry Days in Prague, the Deputy Secretary General said NATO would share with industry in July a list of twenty priority munition types, based on Allies' capability targets.",
     "She called on Allies to place multi-year orders of at least five years so that manufacturers have the certainty to build additional production capacity, and said European production of air-defence interceptors must triple by 2030. She also welcomed joint orders placed through the NATO Support and Procurement Agency."],
    story="f03-dsg-prague-munitions",
    actors=["NATO Deputy Secretary General", "NATO"], locations=["Prague", "Czechia"],
    updated="2027-06-04T15:10+02:00",
    notes="<updated> later than <published>.")

add("cm", "2027-06-04T17:00+02:00", "european-council-president-press-remarks-june-loan-sanctions",
    "Press remarks by the President of the European Council on the preparation of the June European Council",
    ["The President of the European Council said he would propose to the members of the European Council, meeting on 24 and 25 June, a loan of EUR 18 billion to finance Ukraine's defence needs in 2028, to be borrowed on the markets by the Union.",
     "He also said he would ask leaders to prolong the EU's economic sanctions against Russia for twelve months, and to task the Commission with a proposal for joint procurement of air-defence systems for Ukraine."],
    story="f04-euco-president-june-loan",
    actors=["President of the European Council", "European Council"], locations=["Brussels"],
    updated_only=True, notes="Atom entry with <updated> only (label 'published' = updated).")

add("cm", "2027-06-03T10:00+02:00", "commission-awards-joint-defence-procurement-projects",
    "Commission awards €1.4 billion to 16 joint defence procurement projects",
    ["The European Commission today announced the results of the first call for joint procurement under the European defence industry programme. Sixteen projects, each bringing together at least three Member States, will receive a total of €1.4 billion.",
     "The largest award, €310 million, goes to a consortium buying counter-drone systems for nine countries. Other projects cover 155mm ammunition, short-range air defence and military mobility. Ukrainian manufacturers take part in three of the projects.",
     "According to the Commissioner for Defence and Space, the results show that joint buying has become the normal way for Member States to acquire defence equipment."],
    story="f05-commission-joint-procurement-awards",
    actors=["European Commission", "Commissioner for Defence and Space"], locations=["Brussels", "European Union"],
    notes="European Commission decision on defence (alliance-statements, as the EU acting on its common defence commitments).")

add("cm", "2027-06-03T15:30+03:00", "bucharest-nine-sofia-joint-declaration",
    "Sofia Declaration of the Heads of State of the Bucharest Nine",
    ["The Heads of State of Bulgaria, Czechia, Estonia, Hungary, Latvia, Lithuania, Poland, Romania and Slovakia met in Sofia on 3 June 2027 and adopted a joint declaration.",
     "In the declaration they call on Allies to maintain NATO's forward land forces on the eastern flank at no less than their current strength until at least 2030, and to bring forward the date by which all Allies reach the agreed core defence-spending level.",
     "They propose the development of a common integrated air and missile defence architecture for the eastern flank, from the Baltic Sea to the Black Sea, and reaffirm that Russia remains the most significant and direct threat to Allies' security."],
    story="f08-b9-summit-sofia",
    actors=["Bucharest Nine", "Bucharest Nine heads of state"], locations=["Sofia", "Bulgaria"])

add("cm", "2027-06-05T12:00+02:00", "nordefco-ministerial-tromso-joint-statement",
    "NORDEFCO Ministerial Meeting, Tromsø: joint statement",
    ["The Ministers of Defence of Denmark, Finland, Iceland, Norway and Sweden met in Tromsø on 5 June under the Nordic Defence Cooperation framework.",
     "Ministers agreed that from 2028 the Nordic air forces will be planned and employed on the basis of a common Nordic air operations concept, within NATO's command structure. They agreed to pursue a joint acquisition of artillery ammunition and to continue training Ukrainian Air Force technicians."],
    story="f09-nordefco-tromso",
    actors=["NORDEFCO", "Nordic defence ministers"], locations=["Tromso", "Norway"])

add("cm", "2027-06-06T11:00+02:00", "deputy-secretary-general-statement-kharkiv-childrens-hospital",
    "Statement by the NATO Deputy Secretary General on the strike on a children's hospital in Kharkiv",
    ["The Deputy Secretary General condemned in the strongest terms the Russian missile strike of 5 June on a children's hospital in Kharkiv's Nemyshlianskyi district, which killed three people and wounded nineteen, according to the local authorities.",
     "She said Allies were accelerating the delivery of air-defence interceptors to Ukraine and that the attack would be raised at the meeting of the NATO-Ukraine Council next week."],
    story="f14-nato-dsg-kharkiv-hospital",
    actors=["NATO Deputy Secretary General", "NATO"],
    locations=["Kharkiv", "Nemyshlianskyi district", "Kharkiv oblast"],
    notes="Summary of the written statement; reports the strike with place and toll: both topics.")

# distractors (cm)
add("cm", "2027-06-03T09:00+02:00", "science-for-peace-call-drinking-water-security",
    "NATO Science for Peace and Security Programme: call for proposals on drinking-water security",
    ["The Science for Peace and Security Programme invites joint proposals from scientists in NATO and partner countries on detecting contamination in drinking-water networks. The deadline for applications is 15 September 2027."],
    actors=["NATO Science for Peace and Security Programme"], locations=[],
    updated_only=True,
    notes="Distractor: NATO research programme call, not a statement or commitment. Atom entry with <updated> only.")

add("cm", "2027-06-04T09:30+02:00", "european-alliance-for-apprenticeships-new-pledges",
    "European Alliance for Apprenticeships welcomes 40 new company pledges",
    ["Forty companies from twelve Member States have joined the European Alliance for Apprenticeships, pledging more than 3,000 new apprenticeship places in manufacturing and renewable energy."],
    actors=["European Commission", "European Alliance for Apprenticeships"], locations=["European Union"],
    notes="Distractor: 'alliance' in a training/employment sense.")

# ---------------------------------------------------------------- Черноземье сегодня (cz), RSS ru
add("cz", "2027-06-06T13:30+03:00", "gensek-odkb-kursk-pomoshch-prigranichyu-korenevo",
    "Генсек ОДКБ в Курске пообещал помощь приграничью после ночного обстрела Коренево",
    ["Генсек ОДКБ приехал в Курск в воскресенье и провёл встречу с губернатором области. По итогам встречи он заявил, что государства — члены организации направят в приграничные районы Курской области гуманитарную помощь: генераторы, стройматериалы и лекарства.",
     "Визит прошёл через несколько часов после ночного обстрела посёлка Коренево. По данным губернатора, погибла 68-летняя местная жительница, повреждены здание школы и газопровод, без газа остались около 300 домов.",
     "Генсек ОДКБ назвал обстрелы мирных посёлков недопустимыми и сообщил, что вопрос будет вынесен на ближайшее заседание Совета министров иностранных дел организации."],
    story="f15-csto-sg-kursk-korenevo",
    actors=["CSTO Secretary General", "CSTO", "Kursk governor"],
    locations=["Kursk", "Korenevo", "Korenevo district", "Kursk oblast"], section="kursk",
    notes="Statement plus concrete border event (place, death, damage): both topics.")

add("cz", "2027-06-04T11:15+03:00", "zhuravlevka-nekhoteevka-obyazatelnaya-evakuatsiya",
    "Жителей Журавлевки и Нехотеевки обязали эвакуироваться",
    ["Губернатор Белгородской области объявил обязательную эвакуацию оставшихся жителей сёл Журавлевка и Нехотеевка Белгородского района. По его словам, в сёлах остаются около 140 человек, атаки FPV-дронов происходят ежедневно: только в четверг в Журавлевке сгорел жилой дом, ранен мужчина.",
     "Эвакуированных разместят в пунктах временного размещения в Белгороде и Старом Осколе. Комендантский час с 22:00 до 06:00 в приграничной части Белгородского района продлён до 30 июня."],
    story="f22-belgorod-district-evacuation-curfew",
    actors=["Belgorod governor"],
    locations=["Zhuravlevka", "Nekhoteevka", "Belgorod district", "Belgorod oblast"], section="belgorod")

add("cz", "2027-06-05T21:40+03:00", "bespilotnik-parkovka-vostochnyy-okrug-belgorod",
    "Беспилотник атаковал парковку в Восточном округе Белгорода: четверо раненых",
    ["Вечером в субботу беспилотник ВСУ ударил по автостоянке у жилого дома в Восточном округе Белгорода, сообщил губернатор. Ранены четыре человека, один из них — в тяжёлом состоянии, его доставили в областную больницу.",
     "Сгорели 11 автомобилей, в соседней многоэтажке выбиты окна. На месте работают оперативные службы."],
    story="f23-belgorod-vostochny-car-park-drone",
    actors=["Belgorod governor"], locations=["Belgorod", "Vostochny district", "Belgorod oblast"],
    section="belgorod")

add("cz", "2027-06-03T09:40+03:00", "fpv-dron-avtobus-sevsk-pogib-voditel",
    "FPV-дрон атаковал рейсовый автобус под Севском, погиб водитель",
    ["Утром в четверг украинский FPV-дрон атаковал рейсовый автобус на трассе у Севска, сообщил губернатор Брянской области. Водитель погиб на месте, двое пассажиров ранены, их доставили в районную больницу.",
     "Автобус следовал из Севска в соседнее село. Рейсы в приграничные сёла Севского района временно отменены."],
    story="f24-sevsk-bus-fpv-drone",
    actors=["Bryansk governor"], locations=["Sevsk", "Sevsky district", "Bryansk oblast"], section="bryansk",
    notes="First report: one killed, two injured.")

add("cz", None, "sevsk-avtobus-chislo-postradavshikh-vyroslo",
    "Число пострадавших при атаке на автобус под Севском выросло до четырёх",
    ["В пятницу за медицинской помощью обратился ещё один пассажир автобуса, атакованного дроном под Севском накануне, сообщил губернатор Брянской области. Всего пострадавших теперь четверо, водитель автобуса погиб.",
     "Двое раненых переведены в областную больницу в Брянске."],
    story="f24-sevsk-bus-fpv-drone",
    actors=["Bryansk governor"], locations=["Sevsk", "Bryansk oblast"], section="bryansk",
    notes="Undated item (no pubDate), written on 4 June: follow-up with a higher count, same story.")

add("cz", "2027-06-06T08:20+03:00", "klintsy-bez-sveta-ataka-na-podstantsiyu",
    "Клинцы остались без света после атаки беспилотников на подстанцию",
    ["Ночью беспилотники атаковали электроподстанцию в Клинцах, сообщил губернатор Брянской области. Пострадавших нет, на подстанции произошёл пожар, его потушили к утру.",
     "Без электричества остаются около 40 тысяч жителей. Как сообщил представитель администрации города Аркадий Зеленин, больницы и котельные переведены на резервные генераторы, энергетики рассчитывают восстановить подачу к вечеру."],
    story="f25-klintsy-substation-power-cut",
    actors=["Bryansk governor", "Klintsy city administration spokesperson (Arkady Zelenin, invented)"],
    locations=["Klintsy", "Bryansk oblast"], section="bryansk")

add("cz", "2027-06-04T15:20+03:00", "belaya-traktor-podorvalsya-na-mine",
    "Под Белой трактор подорвался на мине, пострадали двое механизаторов",
    ["В Беловском районе трактор сельхозпредприятия подорвался на взрывном устройстве во время вспашки поля у села Белая, сообщил губернатор Курской области. Двое механизаторов получили ранения, их состояние оценивается как средней тяжести.",
     "Сапёры обследуют соседние поля. Губернатор призвал аграриев не выходить на необследованные участки вблизи границы."],
    story="f27-belaya-mine-tractor",
    actors=["Kursk governor"], locations=["Belaya", "Belovsky district", "Kursk oblast"], section="kursk")

# distractors (cz)
add("cz", "2027-06-03T14:00+03:00", "kurskie-agrarii-opryskivayut-sveklu-dronami",
    "Курские аграрии впервые обработали посевы свёклы с помощью дронов",
    ["Хозяйства Курской области в этом сезоне обработали от вредителей около 12 тысяч гектаров сахарной свёклы с помощью сельскохозяйственных беспилотников. По данным областного комитета АПК, это вдвое быстрее, чем наземной техникой."],
    actors=["Kursk oblast agriculture committee"], locations=["Kursk oblast"], section="kursk",
    notes="Distractor: agricultural drones in a border region, no war event.")

add("cz", "2027-06-05T10:30+03:00", "bryanskaya-tamozhnya-yabloki-granitsa-belorussiya",
    "На границе с Белоруссией брянские таможенники задержали 20 тонн польских яблок",
    ["Сотрудники Брянской таможни на автодороге у границы с Белоруссией остановили фуру с 20 тоннами яблок польского происхождения, ввоз которых в Россию запрещён. Груз будет уничтожен."],
    actors=["Bryansk customs"], locations=["Bryansk oblast", "Russia-Belarus border"], section="bryansk",
    notes="Distractor: Bryansk oblast and a border, but the Russia-Belarus customs border, no war event.")

add("cz", "2027-06-05T16:00+03:00", "festival-kurskiy-solovey-2027",
    "В Курске прошёл фестиваль «Курский соловей»",
    ["В городском парке Курска завершился ежегодный фестиваль народной песни «Курский соловей». В конкурсе участвовали 40 коллективов из 11 регионов, гран-при получил ансамбль из Воронежа."],
    actors=["festival organisers"], locations=["Kursk"], section="kursk",
    notes="Distractor: culture in Kursk.")

add("cz", "2027-06-04T08:30+03:00", "bryansk-voditeli-marshrutok-zabastovka-zarplata",
    "В Брянске водители маршруток устроили забастовку из-за задержки зарплаты",
    ["Около 60 водителей маршрутных такси в Фокинском районе Брянска в пятницу утром не вышли на линию. Они требуют выплатить зарплату за апрель и май. Мэрия обещала разобраться с перевозчиком до понедельника."],
    actors=["minibus drivers", "Bryansk city administration"], locations=["Bryansk", "Fokinsky district"],
    section="bryansk", notes="Distractor: labour strike (забастовка) in a border-region city.")

add("cz", "2027-06-06T11:00+03:00", "gubernator-belgorod-soveshchanie-otopitelnyy-sezon",
    "Белгородский губернатор провёл совещание о подготовке к отопительному сезону",
    ["Губернатор Белгородской области поручил к 1 сентября завершить ремонт 48 километров теплосетей в Белгороде, Старом Осколе и Губкине. На подготовку к зиме в этом году направят 2,1 млрд рублей."],
    actors=["Belgorod governor"], locations=["Belgorod oblast", "Belgorod", "Stary Oskol", "Gubkin"],
    section="belgorod", notes="Distractor: the governor of a border region on non-war business.")

add("cz", "2027-06-03T12:00+03:00", "belgorodskaya-klubnika-urozhay-2027",
    "Белгородские фермеры ожидают рекордный урожай клубники",
    ["Садоводы Белгородской области начали сбор клубники. По прогнозу минсельхоза региона, урожай составит около 9 тысяч тонн — на 15% больше прошлогоднего."],
    actors=["Belgorod oblast agriculture ministry"], locations=["Belgorod oblast"], section="belgorod",
    notes="Distractor: farming in a border region.")

# ---------------------------------------------------------------- Прикордонна хроніка (pk), Atom uk
add("pk", "2027-06-03T16:20+03:00", "ministry-oborony-baltiyskykh-krain-u-sumakh-kaby-zarichnyi",
    "Міністри оборони країн Балтії в Сумах: під час візиту КАБи влучили в Зарічний район",
    ["У четвер Суми відвідали міністри оборони Естонії, Латвії та Литви. Під час їхньої зустрічі з керівництвом обласної військової адміністрації пролунала повітряна тривога, і делегація спустилася в укриття.",
     "Близько 12:40 дві керовані авіабомби влучили в Зарічний район міста. За даними Сумської ОВА, поранено п'ятьох людей, пошкоджено будівлю школи та дев'ятиповерховий житловий будинок.",
     "Після тривоги міністри оголосили, що їхні країни спільно профінансують 12 тисяч дронів-перехоплювачів для захисту північних областей України до кінця року та й надалі спрямовуватимуть щонайменше 0,25% ВВП на військову допомогу Україні в межах своїх зобов'язань у НАТО."],
    story="f13-baltic-ministers-sumy-glide-bombs",
    actors=["Estonian defence minister", "Latvian defence minister", "Lithuanian defence minister",
            "Sumy Regional Military Administration"],
    locations=["Sumy", "Zarichnyi district", "Sumy oblast"])

add("pk", "2027-06-06T14:00+03:00", "zastupnytsia-genseka-nato-zasudyla-udar-po-likarni-kharkiv",
    "Заступниця генсека НАТО засудила удар по дитячій лікарні в Харкові",
    ["Заступниця генерального секретаря НАТО засудила ракетний удар по дитячій лікарні в Немишлянському районі Харкова. Унаслідок удару в суботу загинули троє людей, ще 19 поранені, серед них четверо дітей.",
     "У заяві йдеться, що союзники прискорюють постачання Україні ракет-перехоплювачів для ППО, а сам удар обговорять на засіданні Ради Україна — НАТО наступного тижня."],
    story="f14-nato-dsg-kharkiv-hospital",
    actors=["NATO Deputy Secretary General", "NATO"],
    locations=["Kharkiv", "Nemyshlianskyi district", "Kharkiv oblast"],
    notes="Reaction with the strike's place and toll: both topics. Related to f20.")

add("pk", "2027-06-05T12:10+03:00", "raketnyi-udar-dytyacha-likarnia-nemyshlianskyi-raion",
    "Ракетний удар по дитячій лікарні в Немишлянському районі: двоє загиблих, 14 поранених",
    ["Зранку в суботу дві ракети влучили на територію дитячої лікарні в Немишлянському районі Харкова. За даними міського голови, загинули двоє людей — охоронець і жінка, яка прийшла провідати сина. Поранено 14 людей, серед них четверо дітей.",
     "Вибухова хвиля вибила вікна в двох корпусах. Маленьких пацієнтів перевозять до інших лікарень міста. Начальник Харківської ОВА повідомив, що удару завдали балістичними ракетами."],
    story="f20-kharkiv-childrens-hospital-strike",
    actors=["Kharkiv mayor", "Head of Kharkiv Regional Military Administration"],
    locations=["Kharkiv", "Nemyshlianskyi district", "Kharkiv oblast"],
    notes="Toll higher than the first wire report (14 injured vs 11): same story.")

add("pk", "2027-06-06T09:15+03:00", "udar-po-likarni-kharkiv-19-poranenykh-zaversheno-rozbir",
    "Удар по лікарні в Харкові: кількість поранених зросла до 19, розбір завалів завершено",
    ["Рятувальники завершили роботи на території дитячої лікарні в Немишлянському районі, куди в суботу влучили дві ракети. Загинули троє людей: уночі в реанімації помер медбрат. Кількість поранених зросла до 19.",
     "Близько 60 дітей, які лікувалися в лікарні, переведено до інших закладів. У неділю в Харкові оголошено день жалоби."],
    story="f20-kharkiv-childrens-hospital-strike",
    actors=["Kharkiv mayor", "State Emergency Service of Ukraine"],
    locations=["Kharkiv", "Nemyshlianskyi district", "Kharkiv oblast"],
    notes="Next-day follow-up with rising toll: same story as the 5 June reports.")

add("pk", "2027-06-04T20:10+03:00", "nizhyn-kilkist-zahyblykh-zrosla-do-troh",
    "Кількість загиблих унаслідок атаки на Ніжин зросла до трьох",
    ["У лікарні померли двоє поранених під час ранкової атаки дрона на привокзальну площу в Ніжині, повідомила Чернігівська ОВА. Загалом загинули троє людей, ще дев'ятеро поранені.",
     "Дрон влучив о 6:20, коли на площі чекали пасажири приміського поїзда до Києва. Пошкоджено будівлю вокзалу та кілька кіосків. Секретарка міської ради Галина Мовчан повідомила, що в місті оголошено жалобу."],
    story="f21-nizhyn-station-drone-strike",
    actors=["Chernihiv Regional Military Administration", "Nizhyn city council secretary (Halyna Movchan, invented)"],
    locations=["Nizhyn", "Chernihiv oblast"], notes="Evening follow-up: toll rises from one to three.")

add("pk", "2027-06-05T09:00+03:00", "sumshchyna-za-dobu-112-vybukhiv-esman",
    "Сумщина за добу: 112 вибухів у дев'яти громадах, поранено чоловіка в Есмані",
    ["Протягом минулої доби російські військові 43 рази обстріляли прикордонні території Сумщини, повідомила обласна військова адміністрація. Зафіксовано 112 вибухів у Есманській, Юнаківській, Хотінській, Середино-Будській, Зноб-Новгородській, Свеській, Путивльській, Новослобідській та Ворожбянській громадах.",
     "В Есмані FPV-дрон поранив 52-річного чоловіка. У Юнаківці та Хотіні пошкоджено житлові будинки й лінію електропередачі."],
    story="f28-sumy-border-24h-shelling",
    actors=["Sumy Regional Military Administration"],
    locations=["Sumy oblast", "Esman", "Yunakivka", "Khotin", "Seredyna-Buda"])

add("pk", "2027-06-04T07:40+03:00", "nichna-ataka-droniv-konotop-avtobusnyi-park",
    "Нічна атака дронів на Конотоп: згоріли шість автобусів",
    ["Уночі російські ударні дрони атакували Конотоп. Влучання зафіксовано на території автобусного парку, де спалахнула пожежа. Згоріли шість автобусів, постраждалих немає, повідомив міський голова.",
     "Міський транспорт у п'ятницю працює за зміненим графіком."],
    story="f29-konotop-bus-depot-drones",
    actors=["Konotop mayor"], locations=["Konotop", "Sumy oblast"])

add("pk", "2027-06-06T17:30+03:00", "balistychna-raketa-konotop-litsei-p-yatero-poranenykh",
    "Балістична ракета влучила в центр Конотопа: пошкоджено ліцей, п'ятеро поранених",
    ["Близько 15:10 у неділю росіяни вдарили балістичною ракетою по центру Конотопа, повідомила Сумська ОВА. Поранено п'ятеро людей, серед них 15-річний підліток.",
     "Пошкоджено будівлю ліцею, три житлові будинки та магазин. Це вже друга атака на місто за три дні: у ніч на п'ятницю дрони влучили в автобусний парк."],
    story="f30-konotop-ballistic-missile",
    actors=["Sumy Regional Military Administration"], locations=["Konotop", "Sumy oblast"],
    notes="Second Konotop incident (mentions f29 in passing): separate story.")

add("pk", "2027-06-03T11:00+03:00", "kozacha-lopan-prykordonnyky-vidbyly-dhr",
    "Біля Козачої Лопані прикордонники відбили спробу проникнення ДРГ",
    ["Уранці в четвер група російських військових чисельністю близько восьми осіб спробувала перетнути державний кордон поблизу Козачої Лопані на Харківщині, повідомили в Державній прикордонній службі.",
     "За словами речника прикордонного загону Данила Кравця, групу помітили з дрона-розвідника й відтіснили вогнем мінометів і FPV-дронів. Втрат серед українських військових немає."],
    story="f31-kozacha-lopan-sabotage-group",
    actors=["State Border Guard Service of Ukraine", "border detachment spokesperson (Danylo Kravets, invented)"],
    locations=["Kozacha Lopan", "Kharkiv oblast"])

# distractors (pk)
add("pk", "2027-06-04T13:00+03:00", "kharkiv-vidkryly-shche-odnu-pidzemnu-shkolu",
    "У Харкові відкрили ще одну підземну школу",
    ["У Слобідському районі Харкова добудували підземне укриття-школу на 900 учнів. З вересня там навчатимуться діти з трьох шкіл району у дві зміни. Це вже восьма така школа в місті."],
    actors=["Kharkiv city council"], locations=["Kharkiv", "Slobidskyi district"],
    notes="Distractor: war-adapted infrastructure in Kharkiv, but no war event.")

add("pk", "2027-06-05T14:30+03:00", "chernihiv-zavershyly-restavratsiiu-khramu",
    "У Чернігові завершили реставрацію фресок давнього храму",
    ["Реставратори завершили трирічну роботу над фресками одного з найдавніших храмів Чернігова. Відвідувачів пускатимуть з 1 липня невеликими групами."],
    actors=["restorers"], locations=["Chernihiv"], notes="Distractor: culture in Chernihiv.")

add("pk", "2027-06-06T12:00+03:00", "sumskyi-klub-pidpysav-napadnyka",
    "Сумський футбольний клуб підписав нападника з Грузії",
    ["Сумська команда першої ліги оголосила про підписання 24-річного нападника з Грузії. Він забив 14 голів у минулому сезоні чемпіонату Грузії."],
    actors=["Sumy football club"], locations=["Sumy"],
    notes="Distractor: football striker (нападник), Sumy, sport.")

add("pk", "2027-06-03T19:00+03:00", "beryslav-dron-atakuvav-avto-shvydkoi-dopomohy",
    "Бериславщина: дрон атакував автомобіль швидкої допомоги",
    ["Російський дрон скинув вибухівку на автомобіль екстреної медичної допомоги в Бериславі на Херсонщині. Фельдшерку поранено, машина згоріла, повідомила Херсонська ОВА."],
    actors=["Kherson Regional Military Administration"], locations=["Beryslav", "Kherson oblast"],
    notes="Distractor: war event outside the six oblasts.")

# ---------------------------------------------------------------- Полісся онлайн (po), JSON Feed uk
add("po", "2027-06-04T19:30+03:00", "prezydent-yevrorady-kredyt-18-mlrd",
    "Президент Євроради: лідери ЄС розглянуть кредит Україні на 18 млрд євро",
    ["Президент Європейської ради запропонує лідерам ЄС на саміті 24–25 червня схвалити кредит Україні на 18 мільярдів євро. Кошти мають покрити значну частину оборонних видатків України у 2028 році.",
     "Крім того, він хоче, щоб економічні санкції проти Росії продовжили одразу на 12 місяців, а не на пів року, як зазвичай."],
    story="f04-euco-president-june-loan",
    actors=["President of the European Council", "European Council"], locations=["Brussels", "Ukraine"])

add("po", "2027-06-06T08:15+03:00", "g7-fond-rozminuvannia-ukrainy",
    "G7 створює фонд розмінування для України на 2,5 млрд доларів",
    ["Лідери «Великої сімки» за підсумками саміту домовилися спрямувати 2,5 млрд доларів протягом п'яти років на розмінування українських територій. Про це йдеться в підсумковому комюніке.",
     "Країни G7 також пообіцяли забезпечувати потреби України в протиповітряній обороні до кінця 2028 року та попередили компанії з третіх країн, які постачають верстати й електроніку російській оборонці, про нові скоординовані заходи."],
    story="f06-g7-leaders-demining-compact",
    actors=["G7 leaders", "G7"], locations=["Ukraine"])

add("po", "2027-06-03T18:45+03:00", "krainy-baltii-profinansuiut-12-tysiach-droniv-perekhoplyuvachiv",
    "Країни Балтії профінансують 12 тисяч дронів-перехоплювачів: заява в Сумах, які саме атакували КАБами",
    ["Естонія, Латвія та Литва спільно оплатять 12 тисяч дронів-перехоплювачів для захисту північних областей України. Про це міністри оборони трьох країн заявили в Сумах, куди приїхали з робочим візитом.",
     "Саме під час візиту росіяни скинули на Зарічний район міста дві керовані авіабомби: п'ятеро поранених, пошкоджено школу та багатоповерхівку. Міністри перечекали тривогу в укритті."],
    story="f13-baltic-ministers-sumy-glide-bombs",
    actors=["Estonian defence minister", "Latvian defence minister", "Lithuanian defence minister"],
    locations=["Sumy", "Zarichnyi district", "Sumy oblast"])

add("po", "2027-06-05T12:40+03:00", "prezydent-yevrorady-zasudyv-udar-po-vokzalu-nizhyn",
    "Президент Євроради засудив удар по вокзалу в Ніжині",
    ["Президент Європейської ради засудив атаку російського дрона на привокзальну площу в Ніжині, унаслідок якої в п'ятницю загинули троє людей і ще дев'ятеро дістали поранення.",
     "Він заявив, що Євросоюз профінансує відновлення вокзалу та передасть додаткові мобільні укриття для пасажирів залізниці на півночі України."],
    story="f16-euco-president-nizhyn-station",
    actors=["President of the European Council", "European Union"], locations=["Nizhyn", "Chernihiv oblast"],
    link="https://polissia-online.test/news/48213-prezydent-yevrorady-zasudyv-udar-po-vokzalu-nizhyn?utm_source=jsonfeed&utm_medium=feed",
    notes="JSON Feed url with utm_ parameters.")

add("po", "2027-06-04T08:50+03:00", "nizhyn-dron-vluchyv-u-pryvokzalnu-ploshchu",
    "Ніжин: дрон влучив у привокзальну площу, є загиблий",
    ["Близько 6:20 ворожий ударний дрон влучив у привокзальну площу Ніжина. За попередніми даними Чернігівської ОВА, одна людина загинула, шестеро поранені.",
     "Пошкоджено фасад вокзалу. Приміські поїзди до Києва затримуються."],
    story="f21-nizhyn-station-drone-strike",
    actors=["Chernihiv Regional Military Administration"], locations=["Nizhyn", "Chernihiv oblast"],
    notes="First local report: one killed, six injured.")

add("po", "2027-06-05T09:30+03:00", "rosiiany-43-razy-obstrilialy-prykordonnia-sumshchyny",
    "Росіяни 43 рази обстріляли прикордоння Сумщини",
    ["За минулу добу на Сумщині зафіксували 112 вибухів у дев'яти прикордонних громадах. В Есмані поранено чоловіка, повідомляє ОВА."],
    story="f28-sumy-border-24h-shelling",
    actors=["Sumy Regional Military Administration"], locations=["Sumy oblast", "Esman"])

add("po", "2027-06-06T18:05+03:00", "konotop-raketnyi-udar-po-tsentru-mista",
    "Конотоп: ракетний удар по центру міста",
    ["Російська балістична ракета влучила в центр Конотопа на Сумщині. П'ятеро поранених, пошкоджено ліцей і житлові будинки."],
    story="f30-konotop-ballistic-missile",
    actors=["Sumy Regional Military Administration"], locations=["Konotop", "Sumy oblast"],
    link="https://polissia-online.test/news/48307-konotop-raketnyi-udar-po-tsentru-mista#main",
    notes="JSON Feed url with a #fragment.")

add("po", "2027-06-05T16:20+03:00", "snovska-hromada-fpv-dron-avtomobil",
    "Сновська громада: FPV-дрон атакував автомобіль, поранено водія",
    ["У Сновській громаді російський FPV-дрон атакував цивільний автомобіль. 44-річного водія з осколковими пораненнями доправили до лікарні, повідомила Чернігівська ОВА.",
     "Упродовж дня прикордонні села Сновської та Городнянської громад також обстрілювали з мінометів."],
    story="f32-snovsk-fpv-car",
    actors=["Chernihiv Regional Military Administration"],
    locations=["Snovsk community", "Horodnia community", "Chernihiv oblast"])

# distractors (po)
add("po", "2027-06-05T07:10+03:00", "chornomorsk-nichna-ataka-poshkodzheno-kotelniu",
    "Чорноморськ: уночі дрони пошкодили котельню",
    ["Під час нічної атаки на Одещину ударні дрони пошкодили міську котельню в Чорноморську. Постраждалих немає, гаряче водопостачання частини міста тимчасово припинене, повідомила Одеська ОВА."],
    actors=["Odesa Regional Military Administration"], locations=["Chornomorsk", "Odesa oblast"],
    notes="Distractor: war event outside the six oblasts.")

add("po", "2027-06-03T13:20+03:00", "chernihivshchyna-ryatuvalnyky-hasiat-torfovyshcha",
    "Чернігівщина: рятувальники третю добу гасять торфовища",
    ["На Чернігівщині рятувальники третю добу ліквідують пожежу на торфовищах площею близько 20 гектарів. Через спеку в області оголошено надзвичайний рівень пожежної небезпеки."],
    actors=["State Emergency Service of Ukraine"], locations=["Chernihiv oblast"],
    notes="Distractor: non-war emergency in Chernihiv oblast.")

add("po", "2027-06-06T06:40+03:00", "kyiv-nichna-ataka-poshkodzheno-sklad-darnytskyi",
    "Нічна атака на Київ: у Дарницькому районі пошкоджено склад",
    ["Уночі Київ атакували ударні дрони. Унаслідок падіння уламків у Дарницькому районі виникла пожежа на складі, постраждалих немає, повідомила міська військова адміністрація."],
    actors=["Kyiv City Military Administration"], locations=["Kyiv", "Darnytskyi district"],
    notes="Distractor: war event in Kyiv, outside the six oblasts.")

add("po", "2027-06-04T15:00+03:00", "chernihivski-pekarni-stvoryly-aliians",
    "Чернігівські пекарні створили альянс, щоб разом закуповувати борошно",
    ["Шість невеликих пекарень Чернігова об'єдналися в альянс для спільних закупівель борошна та пакування. Власники розраховують заощадити до 10% витрат."],
    actors=["Chernihiv bakeries"], locations=["Chernihiv"],
    notes="Distractor: 'альянс' in a business sense, in Chernihiv.")

# ---------------------------------------------------------------- The Daily Lantern (dl), RSS en-gb, no guids
add("dl", "2027-06-06T13:15+01:00", "nato-twice-yearly-exercises-finnish-lapland",
    "Nato to hold twice-yearly exercises in Finnish Lapland",
    ["Nato's most senior military officer has said the alliance's land forces in Finland will exercise twice a year from 2028, and that stocks of fuel and ammunition will be stored in Lapland so that reinforcements do not have to bring them.",
     "The chair of the Military Committee made the announcement in Rovaniemi on Sunday. Finland joined Nato in 2023."],
    story="f02-mc-chair-lapland-exercises", section="world",
    actors=["Chair of the NATO Military Committee", "NATO"], locations=["Rovaniemi", "Lapland", "Finland"])

add("dl", "2027-06-03T18:30+01:00", "eu-pays-countries-to-buy-weapons-together",
    "EU pays €1.4bn to get countries buying weapons together",
    ["Brussels has handed out €1.4bn to 16 groups of EU countries that have agreed to buy arms jointly, in an effort to stop member states bidding against each other for the same scarce equipment.",
     "The biggest cheque, €310m, goes to nine countries buying systems to detect and bring down drones. Ukrainian companies are partners in three of the deals."],
    story="f05-commission-joint-procurement-awards", section="world",
    actors=["European Commission"], locations=["Brussels", "European Union"])

add("dl", "2027-06-05T21:30+01:00", "the-lantern-view-g7-mine-clearance",
    "The Lantern view on the G7 communique: clearing mines is the right priority",
    ["Summit communiques are usually long on adjectives and short on money. Saturday's text from the G7 leaders is an exception in one respect: the $2.5bn, five-year compact to clear Ukraine's minefields is concrete, costed and overdue.",
     "The promise to meet Ukraine's air-defence needs 'through 2028' is vaguer, and the warning to third-country suppliers of Russia's arms factories has been issued before. But on demining the leaders have done something useful. They should now make sure the money is spent on Ukrainian deminers, not consultants."],
    story="f06-g7-leaders-demining-compact", section="commentisfree",
    actors=["G7 leaders", "G7", "The Daily Lantern (editorial)"], locations=["Ukraine"],
    link="https://dailylantern.test/commentisfree/2027/jun/05/the-lantern-view-g7-mine-clearance?utm_source=rss&utm_medium=referral&utm_campaign=comment#comments",
    notes="Editorial whose subject is the G7 statement: alliance-statements. utm_ and #comments.")

add("dl", "2027-06-04T16:00+01:00", "russia-led-bloc-plans-autumn-exercise-tajikistan",
    "Russia-led security bloc plans autumn exercise in Tajikistan",
    ["Defence ministers of the Collective Security Treaty Organisation, which groups Russia with five former Soviet republics, have approved an exercise in Tajikistan in October and accused Nato of raising tension in the Arctic.",
     "Armenia, which stopped taking part in the organisation's work two years ago, sent no delegation to Friday's meeting in Dushanbe."],
    story="f07-csto-defmin-dushanbe", section="world",
    actors=["CSTO defence ministers", "CSTO"], locations=["Dushanbe", "Tajikistan", "Arctic"])

add("dl", "2027-06-06T17:30+01:00", "joint-expeditionary-force-arctic-exercise-september",
    "Joint Expeditionary Force agrees first combined Arctic exercise",
    ["The ten-nation Joint Expeditionary Force, led by Britain, will put about 4,000 troops into northern Norway and Finland in September in its largest exercise so far, ministers agreed in Copenhagen.",
     "The defence secretary said the JEF would also club together to buy cold-weather kit and stressed that it was designed to support Nato, not compete with it."],
    story="f10-jef-copenhagen-high-north", section="uk-news",
    actors=["Joint Expeditionary Force", "UK Defence Secretary", "United Kingdom"],
    locations=["Copenhagen", "Norway", "Finland"])

add("dl", "2027-06-05T11:00+01:00", "eu-will-pay-rebuild-nizhyn-station",
    "EU will pay to rebuild bombed Nizhyn station, says Council president",
    ["The European Council president has promised EU money to repair the railway station in Nizhyn, northern Ukraine, where a drone killed three people and injured nine on Friday morning as they waited for a train to Kyiv.",
     "In a statement on Saturday he called the strike an attack on civilians and said the EU would also send mobile shelters for railway passengers."],
    story="f16-euco-president-nizhyn-station", section="world",
    actors=["President of the European Council", "European Union"], locations=["Nizhyn", "Chernihiv oblast"])

add("dl", "2027-06-06T16:40+01:00", "missile-strike-konotop-wounds-five",
    "Missile strike on Konotop wounds five, two days after drone attack",
    ["A Russian ballistic missile hit the centre of Konotop, in Ukraine's Sumy region, on Sunday afternoon, injuring five people including a teenager and damaging a school and homes, regional officials said.",
     "It was the second attack on the town in three days: on Friday night drones set fire to a bus depot."],
    story="f30-konotop-ballistic-missile", section="world",
    actors=["Sumy Regional Military Administration"], locations=["Konotop", "Sumy oblast"],
    notes="Mentions f29 in passing; the event is the 6 June missile strike.")

# distractors (dl)
add("dl", "2027-06-04T10:00+01:00", "gdansk-drone-light-show-replaces-fireworks",
    "Gdańsk swaps fireworks for 500 drones to close its summer festival",
    ["Five hundred drones will light up the sky over the Motława river instead of fireworks at the end of Gdańsk's summer festival, organisers said, citing complaints from dog owners and wildlife groups."],
    section="world", actors=["festival organisers"], locations=["Gdansk", "Poland"],
    notes="Distractor: 'drone' in a non-war sense.")

add("dl", "2027-06-03T08:00+01:00", "thailand-cambodia-reopen-border-crossing",
    "Thailand and Cambodia agree to reopen border crossing after talks",
    ["Thailand and Cambodia will reopen a disputed border crossing closed since a stand-off between troops earlier this year, after talks between their foreign ministers in Bangkok."],
    section="world", actors=["Thai government", "Cambodian government"], locations=["Thailand", "Cambodia"],
    notes="Distractor: border dispute elsewhere.")

add("dl", "2027-06-05T09:00+01:00", "latvia-extends-night-closure-russian-border-crossings",
    "Latvia extends night-time closure of Russian border crossings",
    ["Latvia will keep two of its crossings on the Russian border closed at night until the end of the year, its interior ministry said, citing a rise in attempted illegal crossings."],
    section="world", actors=["Latvian interior ministry"], locations=["Latvia", "Latvia-Russia border"],
    notes="Distractor: Russian border, but not one of the six oblasts and not a war event.")

add("dl", "2027-06-06T08:30+01:00", "explosions-reported-near-sevastopol-air-defence",
    "Explosions reported near Sevastopol as air defences fire",
    ["Residents of Sevastopol in Russian-occupied Crimea reported several explosions before dawn on Sunday. The Russian-installed governor said air defences had shot down missiles over the bay and that a fuel store had been damaged."],
    section="world", actors=["Russian-installed governor of Sevastopol"], locations=["Sevastopol", "Crimea"],
    notes="Distractor: war event in Crimea, outside the six oblasts.")

add("dl", "2027-06-04T19:00+01:00", "glasgow-subway-staff-strike",
    "Glasgow subway shut as staff strike over rotas",
    ["Glasgow's subway was closed on Friday as maintenance and station staff began a 24-hour strike over changes to shift patterns. Union leaders said more walkouts were planned for the summer."],
    section="uk-news", actors=["subway staff union"], locations=["Glasgow"],
    notes="Distractor: labour strike.")

add("dl", "2027-06-05T15:00+01:00", "kharkiv-born-painter-retrospective-edinburgh",
    "Kharkiv-born painter's first UK retrospective opens in Edinburgh",
    ["Sixty works by a Kharkiv-born abstract painter who left the city in the 1970s go on show at an Edinburgh gallery this weekend, including canvases never exhibited outside Ukraine."],
    section="culture", actors=["Edinburgh gallery"], locations=["Edinburgh", "Kharkiv"],
    notes="Distractor: Kharkiv in culture.")

add("dl", "2027-06-06T20:00+01:00", "lightning-strike-fire-dorset-heath",
    "Lightning strike sparks heathland fire in Dorset",
    ["Firefighters spent the night tackling a blaze on heathland near Wareham that began when lightning struck during Sunday's storms. About 30 hectares burned."],
    section="uk-news", actors=["Dorset fire service"], locations=["Wareham", "Dorset"],
    notes="Distractor: 'strike' in a weather sense.")

# ---------------------------------------------------------------- Halvorsen Forum (hf), Atom en, think tank
HF_F01 = """<p><img src="https://briefs.halvorsen.test/img/2027/06/oslo-podium.jpg" alt="" width="640"/></p>
<p>By Maren Solbakk, senior fellow</p>
<p>The Chair of NATO's Military Committee chose a security conference in Oslo on Thursday to say out loud what allied planners have been saying in private for a year: the Alliance's regional defence plans are only as good as the speed at which the forces behind them can move. His benchmark, forces in place within 30 days by 2029, is not new inside NATO. Announcing it publicly, together with the admission that fewer than half of the assigned units meet it today, is.</p>
<h3>What the Chair actually committed to</h3>
<ul>
<li>A public target: deployability within 30 days for forces assigned to the regional plans, by 2029.</li>
<li>A named set of gaps: ground-based air defence, combat engineering, strategic lift.</li>
<li>A reporting date: a nation-by-nation assessment to the Chiefs of Defence in September.</li>
</ul>
<h3>Why it matters</h3>
<p>The Military Committee does not own money or troops. Its leverage is transparency. If the September assessment names laggards, even only inside the Alliance, it will shape the defence-planning targets that ministers sign off later in the year. The risk is that governments treat the 30-day figure as aspirational, as they did earlier readiness goals.</p>
<p>Watch for two things before September: whether large allies publish their own readiness data, and whether the engineering shortfall, the least glamorous of the three, attracts any money at all.</p>"""

add("hf", "2027-06-04T09:00-04:00", "the-30-day-question-military-committee-chair-oslo",
    "The 30-day question: reading the Military Committee chair's Oslo speech",
    HF_F01,
    story="f01-mc-chair-oslo-readiness",
    actors=["Chair of the NATO Military Committee", "Halvorsen Forum", "Maren Solbakk (invented analyst)"],
    locations=["Oslo"],
    notes="Think-tank analysis whose subject is the statement: alliance-statements. Long HTML content with <img>, <h3>, <ul>.")

add("hf", "2027-06-05T08:15-04:00", "twenty-munitions-five-year-horizon-nato-deputy",
    "Twenty munitions and a five-year horizon: NATO's deputy chief talks to industry",
    ["NATO's Deputy Secretary General told industry in Prague on Friday that allies should sign munitions contracts of at least five years and that the Alliance would share a list of 20 priority munitions in July. Both points answer long-standing industry complaints.",
     "The harder message was the call to triple European interceptor production by 2030. That depends on a handful of rocket-motor and seeker suppliers, and on governments actually signing the long contracts the Deputy Secretary General asked for. We expect the list to leak before July."],
    story="f03-dsg-prague-munitions",
    actors=["NATO Deputy Secretary General", "Halvorsen Forum"], locations=["Prague"],
    notes="Analysis of the 4 June statement.")

add("hf", "2027-06-06T10:00-04:00", "g7-communique-three-new-things-one-old",
    "G7 communique: three things that are new and one that is not",
    ["New: a costed five-year demining compact of $2.5 billion; a time-bound pledge to meet Ukraine's air-defence needs through 2028; and a commitment to review both at next year's summit.",
     "Not new: the warning to third-country suppliers of Russia's defence industry. It repeats language the G7 has used since 2024 without saying what the 'further coordinated measures' would be."],
    story="f06-g7-leaders-demining-compact",
    actors=["G7 leaders", "Halvorsen Forum"], locations=["Ukraine"],
    updated_only=True,
    notes="Analysis of the G7 statement. Atom entry with <updated> only.")

add("hf", "2027-06-04T07:30-04:00", "worth-reading-bucharest-nine-sofia",
    "Worth reading: what the Bucharest Nine asked NATO for in Sofia",
    ["Tidewater's report from Thursday's Bucharest Nine summit is the clearest account of the three asks in the Sofia declaration: no cuts to forward forces before 2030, an earlier deadline for the core spending goal, and a flank-wide air and missile defence. The second will be the hardest sell in western capitals."],
    story="f08-b9-summit-sofia",
    actors=["Bucharest Nine", "Halvorsen Forum"], locations=["Sofia"],
    link="http://tidewaterpa.test/news/world/europe/2027/06/03/bucharest-nine-leaders-sofia-forward-forces-spending",
    notes="Link post to the Tidewater article over http://: same canonical link as the tidewater.xml item, so f08 has 4 items and 3 links.")

# distractors (hf)
add("hf", "2027-06-03T14:00-04:00", "event-report-launch-arctic-shipping-routes",
    "Event: launch of our report on Arctic shipping routes",
    ["Join us on 17 June for the launch of our report on commercial shipping through the Northern Sea Route and the Northwest Passage, with a panel of insurers and port operators."],
    actors=["Halvorsen Forum"], locations=["Arctic"],
    notes="Distractor: think-tank event notice, no alliance statement.")

add("hf", "2027-06-05T09:00-04:00", "book-review-cold-war-air-bases-iceland",
    "Book review: the Cold War air bases of Iceland",
    ["A new history of the American air bases in Iceland is strong on the politics of the 1950s and 1960s and on life in the base towns, weaker on what the bases were for. Readers interested in NATO's northern flank will still find it useful."],
    actors=["Halvorsen Forum"], locations=["Iceland"],
    notes="Distractor: NATO history, not a current statement.")

# ---------------------------------------------------------------- Перекрёсток (pn), RSS ru (Riga)
add("pn", "2027-06-04T13:10+03:00", "ministry-oborony-odkb-dushanbe-ucheniya-arktika",
    "Министры обороны ОДКБ утвердили план учений в Таджикистане и раскритиковали активность НАТО в Арктике",
    ["Собравшиеся в Душанбе министры обороны стран ОДКБ утвердили план учений коллективных сил организации, которые пройдут в Таджикистане в октябре.",
     "В принятом заявлении министры выразили обеспокоенность «наращиванием военной активности НАТО в Арктике и на севере Европы», в том числе учениями альянса в Финляндии и Норвегии. Кроме того, решено создать общий курс подготовки операторов беспилотников. Армения в заседании не участвовала."],
    story="f07-csto-defmin-dushanbe", section="world",
    actors=["CSTO defence ministers", "CSTO"], locations=["Dushanbe", "Tajikistan", "Arctic"])

add("pn", "2027-06-03T19:00+03:00", "bukharestskaya-devyatka-sofiya-deklaratsiya",
    "«Бухарестская девятка» в Софии попросила НАТО не сокращать силы на восточном фланге",
    ["Президенты девяти стран восточного фланга НАТО, в том числе Латвии, Литвы и Эстонии, на саммите «Бухарестской девятки» в Софии приняли декларацию. Они призывают союзников сохранить передовые силы альянса в регионе как минимум до 2030 года и ускорить достижение согласованного уровня оборонных расходов.",
     "Лидеры также предложили создать общую систему ПВО и ПРО от Балтийского до Чёрного моря."],
    story="f08-b9-summit-sofia", section="world",
    actors=["Bucharest Nine", "Bucharest Nine heads of state"], locations=["Sofia", "Bulgaria"])

add("pn", "2027-06-05T22:10+03:00", "bolshaya-semerka-razminirovanie-ukrainy",
    "«Большая семёрка» выделит Украине $2,5 млрд на разминирование",
    ["Лидеры стран G7 по итогам саммита договорились в течение пяти лет направить 2,5 млрд долларов на разминирование Украины, говорится в итоговом коммюнике.",
     "Кроме того, G7 обязалась обеспечивать потребности Украины в противовоздушной обороне до конца 2028 года и пригрозила «дальнейшими скоординированными мерами» компаниям из третьих стран, поставляющим станки и электронику российскому ВПК."],
    story="f06-g7-leaders-demining-compact", section="world",
    actors=["G7 leaders", "G7"], locations=["Ukraine", "Russia"])

add("pn", "2027-06-05T19:20+03:00", "kanada-sokhranit-kontingent-v-latvii-do-2032",
    "Канада сохранит контингент в Латвии до 2032 года и разместит батарею ПВО",
    ["Минобороны Канады объявило, что страна сохранит свой вклад в многонациональную бригаду НАТО в Латвии в полном объёме как минимум до 2032 года. С 2028 года в Латвии также будет размещена канадская батарея ПВО наземного базирования.",
     "Министерство обороны Латвии приветствовало решение."],
    story="f11-canada-latvia-brigade", section="latvia",
    actors=["Canadian defence ministry", "Canada", "Latvian defence ministry"], locations=["Latvia", "Ottawa"])

add("pn", "2027-06-03T20:10+03:00", "ministry-oborony-pribaltiki-v-sumakh-aviabomby",
    "Министры обороны стран Балтии посетили Сумы; во время визита город атаковали авиабомбами",
    ["Министры обороны Латвии, Литвы и Эстонии в четверг побывали в украинских Сумах и объявили, что их страны вместе профинансируют 12 тысяч дронов-перехватчиков для защиты северных областей Украины.",
     "Во время визита по Заречному району города были нанесены удары двумя управляемыми авиабомбами. По данным областной военной администрации, ранены пять человек, повреждены школа и жилой дом. Министры находились в укрытии."],
    story="f13-baltic-ministers-sumy-glide-bombs", section="world",
    actors=["Latvian defence minister", "Lithuanian defence minister", "Estonian defence minister",
            "Sumy Regional Military Administration"],
    locations=["Sumy", "Zarichnyi district", "Sumy oblast"])

add("pn", "2027-06-06T15:00+03:00", "gensek-odkb-posetil-kurskuyu-oblast",
    "Генеральный секретарь ОДКБ посетил Курскую область",
    ["Генсек ОДКБ в воскресенье встретился в Курске с губернатором области и пообещал, что страны организации отправят в приграничные районы гуманитарную помощь.",
     "Ночью, по данным губернатора, был обстрелян посёлок Коренево: погибла пенсионерка, повреждены школа и газопровод."],
    story="f15-csto-sg-kursk-korenevo", section="russia",
    actors=["CSTO Secretary General", "CSTO", "Kursk governor"],
    locations=["Kursk", "Korenevo", "Kursk oblast"])

add("pn", "2027-06-05T21:30+03:00", "chislo-pogibshikh-udar-bolnitsa-kharkov-tri",
    "Число погибших при ударе по детской больнице в Харькове выросло до трёх",
    ["В Харькове скончался один из раненых при утреннем ракетном ударе по территории детской больницы в Немышлянском районе. Всего, по данным городских властей, погибли три человека, ранены 17.",
     "Министерство обороны России сообщило об ударе по «пункту временной дислокации операторов беспилотников» в Харькове, не упомянув больницу."],
    story="f20-kharkiv-childrens-hospital-strike", section="ukraine",
    actors=["Kharkiv authorities", "Russian defence ministry"],
    locations=["Kharkiv", "Nemyshlianskyi district", "Kharkiv oblast"],
    notes="Evening update (three killed, 17 injured); records the Russian MoD's different framing. Same story.")

add("pn", "2027-06-04T12:30+03:00", "belgorod-obyazatelnaya-evakuatsiya-dvukh-sel",
    "Белгородские власти объявили обязательную эвакуацию двух приграничных сёл",
    ["Губернатор Белгородской области распорядился эвакуировать оставшихся жителей Журавлевки и Нехотеевки. По его словам, сёла ежедневно атакуют украинские FPV-дроны. Комендантский час в приграничье Белгородского района продлён до конца июня."],
    story="f22-belgorod-district-evacuation-curfew", section="russia",
    actors=["Belgorod governor"], locations=["Zhuravlevka", "Nekhoteevka", "Belgorod district", "Belgorod oblast"],
    link="/russia/20270604/belgorod-obyazatelnaya-evakuatsiya-dvukh-sel.html",
    notes="Relative link (resolved against the site URL for canonical_link).")

add("pn", "2027-06-06T09:50+03:00", "okolo-40-tysyach-zhiteley-klintsov-bez-elektrichestva",
    "Около 40 тысяч жителей Клинцов остались без электричества",
    ["В брянских Клинцах после ночной атаки беспилотников повреждена подстанция, сообщил губернатор. Без света остаются около 40 тысяч человек, пострадавших нет."],
    story="f25-klintsy-substation-power-cut", section="russia",
    actors=["Bryansk governor"], locations=["Klintsy", "Bryansk oblast"])

add("pn", "2027-06-05T07:30+03:00", "minoborony-sbity-41-bespilotnik",
    "Минобороны России: за ночь сбит 41 беспилотник, 38 — над приграничными областями",
    ["Министерство обороны России сообщило, что ночью средства ПВО уничтожили 41 украинский беспилотник: 17 над Курской областью, 14 над Брянской, семь над Белгородской и три над Калужской.",
     "Данных о пострадавших и разрушениях ведомство не привело."],
    story="f26-russia-mod-41-drones", section="russia",
    actors=["Russian defence ministry"],
    locations=["Kursk oblast", "Bryansk oblast", "Belgorod oblast", "Kaluga oblast"])

# distractors (pn)
add("pn", "2027-06-04T10:20+03:00", "aviabomba-kramatorsk-doneckaya-oblast",
    "Авиабомба попала в жилой квартал Краматорска",
    ["Управляемая авиабомба попала в жилой квартал Краматорска в Донецкой области, ранены три человека, сообщила областная военная администрация."],
    section="ukraine", actors=["Donetsk Regional Military Administration"],
    locations=["Kramatorsk", "Donetsk oblast"],
    notes="Distractor: glide bomb, but in Donetsk oblast, outside the six.")

add("pn", "2027-06-06T09:10+03:00", "moskva-oblomki-bpla-povredili-kryshu-biznes-tsentra",
    "В Москве обломки беспилотника повредили крышу бизнес-центра",
    ["Ночью на юго-западе Москвы обломки сбитого беспилотника упали на крышу офисного здания, сообщил мэр столицы. Пострадавших нет, повреждены кровля и несколько окон, движение на соседней улице было перекрыто до утра."],
    section="russia", actors=["Moscow mayor"], locations=["Moscow"],
    notes="Distractor: war event in Moscow, outside the six oblasts.")

add("pn", "2027-06-03T11:40+03:00", "v-latvii-bastuyut-uchitelya",
    "В Латвии бастуют учителя: профсоюз требует повышения зарплат",
    ["Более 20 тысяч учителей в Латвии в четверг не вышли на работу. Профсоюз работников образования требует повысить ставки с сентября на 12%."],
    section="latvia", actors=["Latvian teachers' union"], locations=["Latvia"],
    notes="Distractor: labour strike.")

add("pn", "2027-06-05T13:00+03:00", "v-shtab-kvartire-nato-otkrylas-fotovystavka",
    "В штаб-квартире НАТО открылась фотовыставка о миротворцах",
    ["В брюссельской штаб-квартире НАТО открылась выставка фотографий о миротворческих миссиях на Балканах. Экспозиция продлится до конца лета."],
    section="world", actors=["NATO"], locations=["Brussels"],
    notes="Distractor: NATO exhibition, not a statement.")

add("pn", "2027-06-04T18:30+03:00", "azerbaydzhan-armeniya-komissiya-delimitatsiya",
    "Комиссии Азербайджана и Армении по делимитации границы провели заседание",
    ["Комиссии по делимитации государственной границы Азербайджана и Армении провели очередное заседание и согласовали порядок работы экспертных групп на следующем участке."],
    section="world", actors=["Azerbaijani border commission", "Armenian border commission"],
    locations=["Azerbaijan", "Armenia"],
    notes="Distractor: border dispute elsewhere.")

# ---------------------------------------------------------------- Quarry & Code (qc), RSS en-US
add("qc", "2027-06-04T07:50-07:00", "40211",
    "Defense stocks climb after NATO deputy chief calls for five-year munitions deals",
    ["Shares in European ammunition and missile makers rose between 2% and 5% in Frankfurt, Paris and Stockholm trading on Friday after NATO's deputy secretary general urged allied governments to sign munitions contracts lasting at least five years.",
     "Speaking in Prague, the NATO official also said the alliance would give industry a list of 20 priority munitions in July and called for European interceptor production to triple by 2030. Analysts said multi-year orders would make it easier for companies to finance new plants."],
    story="f03-dsg-prague-munitions",
    actors=["NATO Deputy Secretary General", "European defence companies"], locations=["Prague", "Europe"],
    notes="Business angle, but the subject is the NATO statement: alliance-statements.")

add("qc", "2027-06-03T08:40-07:00", "40187",
    "Brussels hands $1.5 billion in joint-buying grants to defense makers' customers",
    ["The European Commission awarded €1.4 billion ($1.5 billion) on Thursday to 16 groups of EU governments that will buy weapons together, with the largest slice, €310 million, going to counter-drone systems.",
     "Three of the projects include Ukrainian manufacturers as suppliers. Defense executives said the money was small next to national budgets but would push governments to standardize equipment."],
    story="f05-commission-joint-procurement-awards",
    actors=["European Commission", "defence executives"], locations=["Brussels", "European Union"])

# distractors (qc)
add("qc", "2027-06-03T06:00-07:00", "40179",
    "Pharmacies & wholesalers: three chains form purchasing alliance for generics",
    ["Three European pharmacy chains with 4,200 stores between them have formed a purchasing alliance to negotiate prices for generic medicines, a move wholesalers say could squeeze their margins."],
    actors=["pharmacy chains"], locations=["Europe"],
    notes="Distractor: retail purchasing alliance. Title has &amp; in the feed XML, plain & in the label.")

add("qc", "2027-06-04T09:30-07:00", "40219",
    "Solar-panel makers' alliance asks EU for minimum import price",
    ["An alliance of 30 European solar-panel manufacturers asked the European Commission to set a minimum import price for panels, saying Asian oversupply had pushed two members into insolvency this year."],
    actors=["solar manufacturers' alliance"], locations=["European Union"],
    notes="Distractor: industry alliance.")

add("qc", "2027-06-05T08:00-07:00", "40244",
    "Delivery-drone start-up cleared for beyond-line-of-sight flights in Portugal",
    ["A Lisbon-based drone delivery start-up received approval to fly parcels beyond the operator's line of sight over three rural districts, the first such permit in Portugal."],
    actors=["drone delivery start-up", "Portuguese aviation authority"], locations=["Portugal"],
    notes="Distractor: civilian drones.")

add("qc", "2027-06-05T11:00-07:00", "40251",
    "Car makers form charging-network alliance in Southeast Asia",
    ["Four car makers will jointly build 6,000 fast chargers in Thailand, Malaysia and Indonesia by 2030 under a new charging alliance."],
    actors=["car makers"], locations=["Thailand", "Malaysia", "Indonesia"],
    notes="Distractor: industry alliance.")

add("qc", None, "40233",
    "Sumy drugmaker wins Moldovan tender for antibiotics",
    ["A pharmaceutical plant in Sumy, in north-eastern Ukraine, won a two-year tender to supply antibiotics to Moldovan state hospitals, its first export contract in the European Union's neighbourhood."],
    actors=["Sumy pharmaceutical plant"], locations=["Sumy", "Moldova"],
    notes="Distractor: business news from a border region. Undated item (no pubDate).")

add("qc", "2027-06-04T04:00-07:00", "40206",
    "Strike halts blast furnace at Czech steelworks",
    ["Workers at a steelworks in Ostrava walked out for 48 hours on Friday over a pay offer, forcing the company to bank one of its two blast furnaces."],
    actors=["steelworkers' union"], locations=["Ostrava", "Czechia"],
    notes="Distractor: labour strike.")

add("qc", "2027-06-06T15:59-07:00", "40277",
    "Cross-border e-commerce parcel volumes up 18% in May",
    ["Parcels shipped across borders by online retailers in Europe rose 18% year on year in May, according to a logistics industry tracker."],
    actors=["logistics industry tracker"], locations=["Europe"],
    notes="Distractor: 'cross-border' in a trade sense. Window edge: 22:59Z on 6 June.")

add("qc", "2027-06-03T10:00-07:00", "40191",
    "Two container lines quit shipping alliance as capacity glut bites",
    ["Two mid-sized container lines will leave their vessel-sharing alliance next year, leaving the grouping with three members and about 12% of global capacity."],
    actors=["container lines"], locations=[],
    notes="Distractor: shipping alliance.")

add("qc", "2027-06-06T02:00-07:00", "40266",
    "Ukraine's steel output rises 8% in May",
    ["Ukrainian steelmakers produced 8% more crude steel in May than a year earlier, the industry association said, helped by steadier power supplies."],
    actors=["Ukrainian steel industry association"], locations=["Ukraine"],
    notes="Distractor: Ukraine economy.")

# ---------------------------------------------------------------- Sideline Report (sr), Atom en, all distractors
add("sr", "2027-06-03T00:00+00:00", "kingsmere-striker-late-double-playoff",
    "Kingsmere striker's late double sends Town into play-off final",
    ["Kingsmere Town's top scorer struck twice in the last six minutes to beat Ashby Vale 2-1 and send his side into the play-off final."],
    actors=["Kingsmere Town"], locations=[],
    notes="Distractor: football striker. Window edge: exactly 2027-06-03T00:00:00Z.")

add("sr", "2027-06-04T11:00+00:00", "kharkiv-born-striker-joins-portuguese-club",
    "Kharkiv-born striker completes move to Portuguese club",
    ["The 22-year-old forward, who grew up in Kharkiv and has played in Poland for three seasons, signed a four-year contract with a Primeira Liga club."],
    actors=["football club"], locations=["Kharkiv", "Portugal"],
    notes="Distractor: Kharkiv in sport, striker.")

add("sr", "2027-06-05T09:00+00:00", "league-bans-unauthorised-drones-training-grounds",
    "League bans unauthorised drones over training grounds after spying row",
    ["Clubs will face fines if unauthorised drones are flown over rivals' training sessions, the league said, after a camera drone was spotted over a closed session last month."],
    actors=["football league"], locations=[],
    notes="Distractor: drones in sport.")

add("sr", "2027-06-05T18:00+00:00", "bowling-perfect-game-european-championships",
    "Twelve strikes in a row: teenager bowls perfect game at European championships",
    ["A 17-year-old bowler rolled a perfect 300 game in the qualifying round of the European championships, the first at the event for six years."],
    actors=["bowler"], locations=[],
    notes="Distractor: 'strike' in bowling.")

add("sr", "2027-06-04T15:00+00:00", "basketball-clubs-form-alliance-salary-cap",
    "Basketball clubs form alliance to push for salary cap",
    ["Eleven clubs from four European leagues have joined forces in a new alliance pressing for a salary cap and shared revenue from continental competitions."],
    actors=["basketball clubs"], locations=["Europe"],
    notes="Distractor: sports alliance.")

add("sr", "2027-06-06T19:00+00:00", "ukraine-women-volleyball-beat-poland",
    "Ukraine's women beat Poland in five sets in Nations League",
    ["Ukraine came from two sets down to beat Poland 3-2 in the Volleyball Nations League, with the deciding set won 16-14."],
    actors=["Ukraine women's volleyball team"], locations=["Poland"],
    notes="Distractor: Ukraine in sport.")

add("sr", "2027-06-03T17:00+00:00", "belgorod-born-gymnast-wins-gold",
    "Belgorod-born gymnast wins beam gold at World Cup meet",
    ["A 19-year-old gymnast from Belgorod, competing as a neutral athlete, won the balance beam at a World Cup meet with a score of 14.35."],
    actors=["gymnast"], locations=["Belgorod"],
    notes="Distractor: Belgorod in sport.")

add("sr", "2027-06-06T16:00+00:00", "cycling-stage-crosses-border-into-switzerland",
    "Breakaway holds on as stage crosses the border into Switzerland",
    ["A four-man breakaway survived to the finish of the hilly sixth stage, which crossed from France into Switzerland over the Jura."],
    actors=["cyclists"], locations=["France", "Switzerland"],
    notes="Distractor: 'border' in sport.")

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


def iso_time(dt):
    return dt.isoformat().replace("+00:00", "Z")


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


MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def derive(it):
    """Fill link and guid from per-feed conventions unless overridden."""
    f = it["feed"]
    dt = parse_when(it["when"])
    d = dt or datetime(2027, 6, 4, tzinfo=timezone.utc)  # undated items were written on 4 June
    slug = it["slug"]
    if f == "tw":
        link = "https://tidewaterpa.test/news/%s/%s/%s" % (it["section"], ymd(d), slug)
        guid = "tpa-%s-%05d" % (ymd(d, ""), crc(slug))
    elif f == "cm":
        link = "https://communiquemonitor.test/texts/%s/%s" % (ymd(d, "-"), slug)
        guid = "tag:communiquemonitor.test,2027:text-%05d" % crc(slug)
    elif f == "cz":
        link = "https://chernozemye-today.test/%s/%s-%05d.html" % (it["section"], slug, crc(slug))
        guid = link
    elif f == "pk":
        link = "https://prykordonna.test/novyny/%s/%s/" % (ymd(d), slug)
        guid = "urn:uuid:%s" % uuid.uuid5(uuid.NAMESPACE_URL, "prykordonna.test/" + slug)
    elif f == "po":
        num = 48000 + crc(slug, 1000)
        link = "https://polissia-online.test/news/%d-%s" % (num, slug)
        if it["link"]:
            num = int(re.search(r"/news/(\d+)-", it["link"]).group(1))
        guid = "polissia-%d" % num
    elif f == "dl":
        link = ("https://dailylantern.test/%s/%d/%s/%02d/%s?utm_source=rss&utm_medium=referral&utm_campaign=%s"
                % (it["section"], d.year, MONTHS[d.month - 1], d.day, slug, it["section"]))
        guid = None
    elif f == "hf":
        link = "https://briefs.halvorsen.test/%d/%02d/%s" % (d.year, d.month, slug)
        guid = "tag:briefs.halvorsen.test,%s:%s" % (ymd(d, "-"), slug)
    elif f == "pn":
        link = "https://perekrestok-news.test/%s/%s/%s.html" % (it["section"], ymd(d, ""), slug)
        guid = "pn-%05d" % crc(slug)
    elif f == "qc":
        link = "https://quarryandcode.test/article.php?id=%s&utm_source=rss&utm_medium=feed" % slug
        guid = "qc-%s" % slug
    elif f == "sr":
        link = "https://sidelinereport.test/%s" % slug
        guid = "tag:sidelinereport.test,2027:%s" % slug
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
    named_gmt = f["id"] == "tw"
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
           '  <channel>',
           '    <title>%s</title>' % escape(f["title"]),
           '    <link>%s</link>' % escape(f["site"]),
           '    <description>%s</description>' % escape(f["desc"]),
           '    <language>%s</language>' % f["lang"],
           '    <atom:link href=%s rel="self" type="application/rss+xml"/>' % quoteattr(f["self"]),
           '    <lastBuildDate>%s</lastBuildDate>' % rfc822(BUILD, named_gmt),
           '    <generator>fresh corpus tools/build.py</generator>']
    for it in items:
        dt = parse_when(it["when"])
        out.append('    <item>')
        out.append('      <title>%s</title>' % escape(it["title"]))
        out.append('      <link>%s</link>' % escape(it["link"]))
        body = html_body(it["body"])
        if f["id"] == "qc":
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
        if it.get("section") and f["id"] in ("tw", "cz", "pn"):
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
        body = html_body(it["body"])
        if f["id"] == "hf" and isinstance(it["body"], str):
            out.append('    <summary type="text">%s</summary>' % escape(plain(body)[:220] + "…"))
            out.append('    <content type="html">%s</content>' % escape(body))
        elif f["id"] == "pk":
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
        "authors": [{"name": f["title"]}],
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
    for it in ITEMS:
        check_item(it)
        derive(it)
    seen = set()
    for it in ITEMS:
        k = (it["feed"], it["link"], it["guid"])
        if k in seen:
            raise SystemExit("duplicate item key %r" % (k,))
        seen.add(k)
    os.makedirs(os.path.join(ROOT, "feeds"), exist_ok=True)
    labels = []
    feeds_json = []
    for f in FEEDS:
        items = feed_items(f["id"])
        with open(os.path.join(ROOT, "feeds", f["file"]), "w", encoding="utf-8", newline="\n") as fh:
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
