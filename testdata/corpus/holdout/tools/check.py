#!/usr/bin/env python3
"""Stdlib-only checks of the holdout corpus.

- every feed in feeds/ parses with xml.etree.ElementTree;
- every feed item has exactly one label and every label one item
  (matched on feed + link + guid), with the same title and UTC date;
- canonical_link follows the rule (resolve against site, https, drop utm_*, drop fragment);
- feeds.json agrees with the files; stories.json agrees with labels.json;
- counts and the quirk inventory are printed.
Exit status 1 on any failure.
"""
import email.utils
import html
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
START = datetime(2027, 3, 12, tzinfo=timezone.utc)
END = datetime(2027, 3, 15, 23, tzinfo=timezone.utc)
FIELDS = ("feed", "guid", "link", "canonical_link", "title", "published", "lang", "topics", "story",
          "actors", "locations", "notes")
errors = []


def err(msg):
    errors.append(msg)


def plain(s):
    s = re.sub(r"<[^>]+>", "", s or "")
    return re.sub(r"\s+", " ", html.unescape(s)).strip()


def to_utc(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def canon(link, base):
    p = urlsplit(urljoin(base, link))
    q = [(k, v) for k, v in parse_qsl(p.query, keep_blank_values=True) if not k.lower().startswith("utm_")]
    return urlunsplit(("https", p.netloc, p.path, urlencode(q), ""))


def read(path):
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
                              lang=None, only_updated=False))
        return "RSS 2.0", ch.findtext("link"), items
    if root.tag == ATOM + "feed":
        base = None
        for l in root.findall(ATOM + "link"):
            if l.get("rel", "alternate") == "alternate":
                base = l.get("href")
        flang = root.get(XML_LANG)
        for e in root.findall(ATOM + "entry"):
            link = None
            for l in e.findall(ATOM + "link"):
                if l.get("rel", "alternate") == "alternate":
                    link = l.get("href")
            pub = e.findtext(ATOM + "published")
            upd = e.findtext(ATOM + "updated")
            s = pub or upd
            items.append(dict(title=e.findtext(ATOM + "title"), link=link, guid=e.findtext(ATOM + "id"),
                              published=to_utc(datetime.fromisoformat(s.replace("Z", "+00:00"))) if s else None,
                              lang=e.get(XML_LANG, flang), only_updated=pub is None and upd is not None))
        return "Atom 1.0", base, items
    raise ValueError("unknown root element " + root.tag)


def main():
    labels = json.load(open(os.path.join(ROOT, "labels.json"), encoding="utf-8"))
    stories = json.load(open(os.path.join(ROOT, "stories.json"), encoding="utf-8"))
    feeds = json.load(open(os.path.join(ROOT, "feeds.json"), encoding="utf-8"))
    by_feed = defaultdict(list)
    for i, l in enumerate(labels):
        for k in FIELDS:
            if k not in l:
                err("label %d lacks %s" % (i, k))
        by_feed[l["feed"]].append(i)

    parsed = {}
    only_updated = 0
    for f in feeds:
        path = os.path.join(ROOT, f["file"])
        name = os.path.basename(path)
        try:
            fmt, base, items = read(path)
        except Exception as e:  # noqa: BLE001
            err("%s does not parse: %s" % (name, e))
            continue
        parsed[name] = items
        if fmt != f["format"]:
            err("%s: format %s, feeds.json says %s" % (name, fmt, f["format"]))
        if base != f["site"]:
            err("%s: site %s, feeds.json says %s" % (name, base, f["site"]))
        if len(items) != f["items"]:
            err("%s: %d items, feeds.json says %d" % (name, len(items), f["items"]))
        labs = by_feed.get(name, [])
        if len(labs) != len(items):
            err("%s: %d items but %d labels" % (name, len(items), len(labs)))
        used = set()
        for it in items:
            hits = [i for i in labs if labels[i]["link"] == it["link"] and labels[i]["guid"] == it["guid"]
                    and i not in used]
            if len(hits) != 1:
                err("%s: item %r matches %d labels" % (name, it["title"], len(hits)))
                continue
            used.add(hits[0])
            l = labels[hits[0]]
            if plain(it["title"]) != l["title"]:
                err("%s: title %r vs label %r" % (name, plain(it["title"]), l["title"]))
            if it["published"] != l["published"]:
                err("%s: date %s vs label %s (%s)" % (name, it["published"], l["published"], l["title"]))
            if it["lang"] and it["lang"][:2] != l["lang"]:
                err("%s: xml:lang %s vs label %s" % (name, it["lang"], l["lang"]))
            if canon(l["link"], base) != l["canonical_link"]:
                err("%s: canonical %s, expected %s" % (name, l["canonical_link"], canon(l["link"], base)))
            only_updated += it["only_updated"]
    for name in by_feed:
        if name not in parsed:
            err("labels name unknown feed " + name)

    for l in labels:
        if l["published"]:
            dt = datetime.fromisoformat(l["published"].replace("Z", "+00:00"))
            if not START <= dt <= END:
                err("outside 12-15 March 2027: %s" % l["title"])
        if (l["story"] is None) != (not l["topics"]):
            err("story/topics mismatch: " + l["title"])

    members = defaultdict(list)
    for l in labels:
        if l["story"]:
            if l["story"] not in stories:
                err("unknown story " + l["story"])
                continue
            members[l["story"]].append(l)
            if sorted(l["topics"]) != sorted(stories[l["story"]]["topics"]):
                err("topics differ from story: " + l["title"])
    for sid, s in stories.items():
        m = sorted(members.get(sid, []), key=lambda x: (x["published"] is None, x["published"] or ""))
        want = []
        for l in m:
            if l["canonical_link"] not in want:
                want.append(l["canonical_link"])
        if want != s["items"]:
            err("stories.json items differ for " + sid)
        if not 2 <= len(m) <= 6:
            err("story %s has %d items" % (sid, len(m)))
        for r in s.get("related", []):
            if r not in stories or sid not in stories[r].get("related", []):
                err("story %s: related %s not symmetric" % (sid, r))

    langs = Counter(l["lang"] for l in labels)
    distractors = sum(1 for l in labels if not l["topics"])
    both = [sid for sid, s in stories.items() if len(s["topics"]) == 2]
    topic_items = Counter(t for l in labels for t in l["topics"])
    print("feeds: %d (%s)" % (len(feeds), ", ".join("%s %d" % kv for kv in sorted(Counter(f["format"] for f in feeds).items()))))
    print("items: %d; distractors %d (%.1f%%)" % (len(labels), distractors, 100.0 * distractors / len(labels)))
    print("languages: %s; non-English %.1f%%" % (dict(langs), 100.0 * (len(labels) - langs["en"]) / len(labels)))
    print("topic items: %s; both topics: %d" % (dict(topic_items), sum(1 for l in labels if len(l["topics"]) == 2)))
    print("stories: %d; alliance-only %d, border-only %d, both %d (%s)" % (
        len(stories), sum(1 for s in stories.values() if s["topics"] == ["alliance-statements"]),
        sum(1 for s in stories.values() if s["topics"] == ["border-developments"]), len(both), ", ".join(both)))
    print("quirks: no-guid feeds %s; utm links %d; fragment links %d; relative links %d; http links %d; "
          "undated %d; Atom entries with only <updated> %d" % (
              [f for f, ix in by_feed.items() if all(labels[i]["guid"] is None for i in ix)],
              sum("utm_" in l["link"] for l in labels), sum("#" in l["link"] for l in labels),
              sum(not urlsplit(l["link"]).scheme for l in labels),
              sum(l["link"].startswith("http://") for l in labels),
              sum(l["published"] is None for l in labels), only_updated))
    for e in errors:
        print("FAIL:", e)
    print("%d failed" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
