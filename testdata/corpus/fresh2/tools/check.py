#!/usr/bin/env python3
"""Stdlib-only checks of the fresh2 corpus.

- every feed in feeds/ parses (RSS 2.0 / Atom 1.0 with xml.etree.ElementTree,
  JSON Feed 1.1 with json);
- every feed item has exactly one label and every label one item (matched on
  feed + link + guid), with the same title and UTC date;
- every label has all schema fields with the right types and allowed values;
- canonical_link follows the rule (resolve against the feed's site URL, force
  https, drop utm_* parameters, drop the fragment);
- feeds.json agrees with the files; stories.json agrees with labels.json
  (topics, items = canonical links in publication order, each once, related
  ids exist and point back; a story has one item (a singleton) or items from
  at least two feeds);
- no village, town or district used as a location in the earlier corpora
  (dev, holdout, fresh) is used as a location of an on-topic item here, except
  the unavoidable ones listed in SHARED_OK (checked only when those corpora
  are present);
- counts and a quirk inventory are printed.
Exit status 1 on any failure.

Usage: python3 tools/check.py   (from anywhere)
"""
import email.utils
import html
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ATOM = "{http://www.w3.org/2005/Atom}"
START = datetime(2027, 9, 7, tzinfo=timezone.utc)
END = datetime(2027, 9, 10, 23, tzinfo=timezone.utc)
FIELDS = ("feed", "guid", "link", "canonical_link", "title", "published", "lang", "topics", "story",
          "actors", "locations", "notes")
TOPICS = ("alliance-statements", "border-developments")
SIX = {"Belgorod oblast", "Bryansk oblast", "Kursk oblast", "Sumy oblast", "Kharkiv oblast", "Chernihiv oblast"}
EARLIER = [os.path.join(ROOT, "..", "fresh"), os.path.join(ROOT, "..", "holdout"), "/work/shared/corpus/dev"]
# Oblasts, their capitals, countries, seas, rivers and national capitals are unavoidable.
SHARED_OK = SIX | {"Belgorod", "Bryansk", "Kursk", "Sumy", "Kharkiv", "Chernihiv", "Ukraine", "Russia",
                   "Belarus", "Romania", "Bulgaria", "Estonia", "Latvia", "Lithuania", "Finland", "Germany",
                   "Poland", "European Union", "Europe", "Baltic Sea", "Berlin", "Brussels", "London",
                   "Oryol oblast", "Kyiv", "Black Sea", "Danube", "Arctic"}
errors = []


def err(msg):
    errors.append(msg)


def plain(s):
    s = re.sub(r"<[^>]+>", "", s or "")
    return re.sub(r"\s+", " ", html.unescape(s)).strip()


def to_utc(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def canon(link, base):
    p = urlsplit(urljoin(base, link))
    q = [(k, v) for k, v in parse_qsl(p.query, keep_blank_values=True) if not k.lower().startswith("utm_")]
    return urlunsplit(("https", p.netloc, p.path, urlencode(q), ""))


def read(path):
    """Return (format, site, items); each item: title, link, guid, published, only_updated."""
    if path.endswith(".json"):
        doc = json.load(open(path, encoding="utf-8"))
        if doc.get("version") != "https://jsonfeed.org/version/1.1":
            err("%s: not JSON Feed 1.1" % path)
        items = []
        for it in doc["items"]:
            dp = it.get("date_published")
            items.append(dict(title=it.get("title"), link=it.get("url"), guid=it.get("id"),
                              published=to_utc(iso(dp)) if dp else None, only_updated=False))
        return "JSON Feed 1.1", doc.get("home_page_url"), items
    root = ET.parse(path).getroot()
    items = []
    if root.tag == "rss":
        ch = root.find("channel")
        for it in ch.findall("item"):
            pd = it.findtext("pubDate")
            g = it.find("guid")
            items.append(dict(title=it.findtext("title"), link=it.findtext("link"),
                              guid=g.text if g is not None else None,
                              published=to_utc(email.utils.parsedate_to_datetime(pd)) if pd else None,
                              only_updated=False))
        return "RSS 2.0", ch.findtext("link"), items
    if root.tag == ATOM + "feed":
        base = None
        for l in root.findall(ATOM + "link"):
            if l.get("rel", "alternate") == "alternate":
                base = l.get("href")
        for e in root.findall(ATOM + "entry"):
            link = None
            for l in e.findall(ATOM + "link"):
                if l.get("rel", "alternate") == "alternate":
                    link = l.get("href")
            pub = e.findtext(ATOM + "published")
            upd = e.findtext(ATOM + "updated")
            s = pub or upd
            items.append(dict(title=e.findtext(ATOM + "title"), link=link, guid=e.findtext(ATOM + "id"),
                              published=to_utc(iso(s)) if s else None, only_updated=pub is None))
        return "Atom 1.0", base, items
    err("%s: unknown root %s" % (path, root.tag))
    return None, None, []


def main():
    labels = json.load(open(os.path.join(ROOT, "labels.json"), encoding="utf-8"))
    stories = json.load(open(os.path.join(ROOT, "stories.json"), encoding="utf-8"))
    feeds_json = json.load(open(os.path.join(ROOT, "feeds.json"), encoding="utf-8"))

    # ---- feeds
    by_file = {f["file"].split("/", 1)[1]: f for f in feeds_json}
    files = sorted(os.listdir(os.path.join(ROOT, "feeds")))
    if sorted(by_file) != files:
        err("feeds.json files %s != feeds/ %s" % (sorted(by_file), files))
    feed_items = {}
    quirks = Counter()
    for name in files:
        try:
            fmt, site, items = read(os.path.join(ROOT, "feeds", name))
        except (ET.ParseError, ValueError) as e:
            err("%s: does not parse: %s" % (name, e))
            continue
        meta = by_file.get(name)
        if meta:
            if meta["format"] != fmt:
                err("%s: format %s != feeds.json %s" % (name, fmt, meta["format"]))
            if meta["site"] != site:
                err("%s: site %s != feeds.json %s" % (name, site, meta["site"]))
            if meta["items"] != len(items):
                err("%s: %d items, feeds.json says %d" % (name, len(items), meta["items"]))
        feed_items[name] = items
        for it in items:
            if it["guid"] is None:
                quirks["item without guid"] += 1
            if it["published"] is None:
                quirks["undated item"] += 1
            if it["only_updated"]:
                quirks["Atom entry with only <updated>"] += 1
            if "utm_" in it["link"]:
                quirks["link with utm_ parameters"] += 1
            if "#" in it["link"]:
                quirks["link with #fragment"] += 1
            if not re.match(r"https?://", it["link"]):
                quirks["relative link"] += 1
            if it["link"].startswith("http://"):
                quirks["http:// link"] += 1
            if it["published"] and not START <= iso(it["published"]) <= END:
                err("%s: %s outside the window" % (name, it["title"]))

    # ---- labels <-> items
    index = {}
    for name, items in feed_items.items():
        for it in items:
            k = (name, it["link"], it["guid"])
            if k in index:
                err("duplicate item key %r" % (k,))
            index[k] = it
    used = set()
    for i, l in enumerate(labels):
        if tuple(l.keys()) != FIELDS:
            err("label %d: fields %s" % (i, list(l.keys())))
            continue
        k = (l["feed"], l["link"], l["guid"])
        it = index.get(k)
        if it is None:
            err("label %d (%s): no feed item with that feed/link/guid" % (i, l["title"]))
            continue
        if k in used:
            err("label %d: item labelled twice" % i)
        used.add(k)
        if plain(it["title"]) != l["title"]:
            err("label %d: title %r != %r" % (i, plain(it["title"]), l["title"]))
        if it["published"] != l["published"]:
            err("label %d: published %s != %s" % (i, it["published"], l["published"]))
        site = by_file[l["feed"]]["site"]
        if canon(l["link"], site) != l["canonical_link"]:
            err("label %d: canonical_link %s, expected %s" % (i, l["canonical_link"], canon(l["link"], site)))
        if l["lang"] not in ("en", "ru", "uk"):
            err("label %d: lang %s" % (i, l["lang"]))
        if any(t not in TOPICS for t in l["topics"]) or len(set(l["topics"])) != len(l["topics"]):
            err("label %d: topics %s" % (i, l["topics"]))
        if l["story"] is None:
            if l["topics"]:
                err("label %d: topics without story" % i)
            if not l["notes"]:
                err("label %d: distractor without notes" % i)
        else:
            s = stories.get(l["story"])
            if s is None:
                err("label %d: unknown story %s" % (i, l["story"]))
            elif s["topics"] != l["topics"]:
                err("label %d: topics %s != story topics %s" % (i, l["topics"], s["topics"]))
            if "border-developments" in l["topics"] and not SIX & set(l["locations"]):
                err("label %d: border item without one of the six oblasts in locations" % i)
        if not isinstance(l["actors"], list) or not isinstance(l["locations"], list):
            err("label %d: actors/locations not lists" % i)
        for a in l["actors"]:
            if re.search(r"\([A-Z][a-z]+ [A-Z][a-z]+", a) and "invented" not in a:
                err("label %d: named person in actors not marked invented: %s" % (i, a))
    for k in index:
        if k not in used:
            err("unlabelled item %r" % (k,))

    # ---- stories
    for sid, s in stories.items():
        if set(s) - {"topics", "one_line", "items", "related"}:
            err("%s: unexpected keys %s" % (sid, sorted(s)))
        members = [l for l in labels if l["story"] == sid]
        if not members:
            err("%s: no items" % sid)
        members.sort(key=lambda l: (l["published"] is None, l["published"] or ""))
        want = []
        for l in members:
            if l["canonical_link"] not in want:
                want.append(l["canonical_link"])
        if s["items"] != want:
            err("%s: items %s != %s" % (sid, s["items"], want))
        if len(members) > 1 and len({l["feed"] for l in members}) < 2:
            err("%s: items from only one feed" % sid)
        for r in s.get("related", []):
            if r not in stories:
                err("%s: related %s unknown" % (sid, r))
            elif sid not in stories[r].get("related", []):
                err("%s: related %s does not point back" % (sid, r))
    for l in labels:
        if l["story"] and l["story"] not in stories:
            err("story %s missing" % l["story"])

    # ---- places reused from the earlier corpora
    old = set()
    for p in EARLIER:
        path = os.path.join(p, "labels.json")
        if os.path.exists(path):
            for l in json.load(open(path, encoding="utf-8")):
                old.update(l["locations"])
    if old:
        for l in labels:
            if l["topics"]:
                for loc in set(l["locations"]) & old - SHARED_OK:
                    err("%s: location %s was already used in an earlier corpus" % (l["title"], loc))

    # ---- counts
    n = len(labels)
    d = sum(1 for l in labels if not l["topics"])
    langs = Counter(l["lang"] for l in labels)
    a = sum(1 for l in labels if "alliance-statements" in l["topics"])
    b = sum(1 for l in labels if "border-developments" in l["topics"])
    both = sum(1 for l in labels if len(l["topics"]) == 2)
    st = Counter(tuple(s["topics"]) for s in stories.values())
    print("feeds %d (%s)" % (len(feed_items), ", ".join("%s %d" % kv for kv in
                                                       sorted(Counter(by_file[f]["format"] for f in feed_items).items()))))
    print("items %d: on-topic %d (alliance %d, border %d, both %d), distractors %d (%.1f%%)"
          % (n, n - d, a, b, both, d, 100.0 * d / n))
    print("languages: %s; non-English %.1f%%" % (dict(sorted(langs.items())),
                                                 100.0 * (n - langs["en"]) / n))
    print("stories %d: alliance only %d, border only %d, both %d; with 3+ items %d; multilingual %d"
          % (len(stories), st[("alliance-statements",)], st[("border-developments",)],
             st[("alliance-statements", "border-developments")],
             sum(1 for sid in stories if sum(1 for l in labels if l["story"] == sid) >= 3),
             sum(1 for sid in stories if len({l["lang"] for l in labels if l["story"] == sid}) > 1)))
    print("stories by size: %s; singletons: %s" % (
        dict(sorted(Counter(sum(1 for l in labels if l["story"] == sid) for sid in stories).items())),
        ", ".join(sid for sid in stories if sum(1 for l in labels if l["story"] == sid) == 1)))
    print("items per feed: %s" % ", ".join("%s %d" % (f, len(v)) for f, v in sorted(feed_items.items())))
    print("quirks: %s" % dict(sorted(quirks.items())))
    if errors:
        for e in errors:
            print("FAIL", e)
        print("%d failed" % len(errors))
        sys.exit(1)
    print("0 failed")


if __name__ == "__main__":
    main()
