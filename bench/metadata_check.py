#!/usr/bin/env python3
"""Check jingwen's title and published date against the corpus (stdlib only).

    metadata_check.py --corpus DIR --pred DIR [--min-title X] [--min-title-exact X]
                      [--min-day X] [--floors FILE] [--json OUT] [--verbose]

Pred: PRED/<id>.json as `jingwen clean --format json --out PRED` writes them
(fields "title" and "published"). A missing file counts as empty output.
Only pages whose corpus json says lang == "zh" are judged.

Metrics (both texts NFKC-normalised, whitespace runs collapsed to one space,
HTML entities in the corpus value decoded: the dataset kept a few "&lt;"):
  title_exact  share of zh pages with a non-empty corpus title whose title
               equals ours.
  title        the same, except where the corpus title IS the page's own
               <title> text, or the title= of the dataset's <text> wrapper
               that recorded it (the cwced dataset keeps the raw <title>, e.g.
               "X__商贸_产业资讯_新浪网"): there ours also counts when it is
               one of the <title>'s separator-bounded parts (text between the
               string's ends and the separators _ - | – — : ·, as in
               "X" or "X__商贸"). jingwen strips site decoration by design
               (DESIGN.md stage 7), so exact equality with a raw <title>
               would measure the opposite of what we want.
  day          share of zh pages whose corpus published has a full calendar
               day (YYYY-M-D...) whose day equals ours (YYYY-MM-DD).

Floors: a flag wins; else the "metadata" entry of --floors (default
bench/accuracy_floors.json next to this script: {"title": X, "title_exact": X,
"day": X}); else --min-title 0.95, --min-day 0.90 and no title_exact floor.
Exit 0 when every number is at or above its floor, 1 below, 2 on usage errors.
"""
import argparse
import html
import json
import os
import re
import sys
import unicodedata

DEFAULT_FLOORS = {"title": 0.95, "day": 0.90}
SEPARATORS = "_-|–—:·｜"
TITLE_RE = re.compile(rb"<title[^>]*>(.*?)</title>", re.S | re.I)
WRAPPER_TITLE_RE = re.compile(rb"\A\s*<text\b[^>]*?\btitle=\"([^\"]*)\"", re.I)
DAY_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")


def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    return re.sub(r"\s+", " ", s).strip()


def norm_gold(s):
    return norm(html.unescape(s or ""))


def page_titles(html_path, charset):
    """The page's own title as recorded in the file: its first <title> text
    and the dataset wrapper's title= attribute, decoded with the corpus charset."""
    try:
        with open(html_path, "rb") as f:
            data = f.read()
    except OSError:
        return set()
    found = set()
    for regex in (TITLE_RE, WRAPPER_TITLE_RE):
        m = regex.search(data)
        if m:
            found.add(norm(html.unescape(m.group(1).decode(charset or "utf-8", "replace"))))
    return found


def is_part_of(ours, raw):
    """ours is a separator-bounded part of raw (see the module docstring)."""
    if len(ours) < 2:
        return False
    start = raw.find(ours)
    while start >= 0:
        before = raw[:start].rstrip()
        after = raw[start + len(ours):].lstrip()
        if (not before or before[-1] in SEPARATORS) and (not after or after[0] in SEPARATORS):
            return True
        start = raw.find(ours, start + 1)
    return False


def day_of(s):
    m = DAY_RE.match(s or "")
    return "%s-%02d-%02d" % (m.group(1), int(m.group(2)), int(m.group(3))) if m else None


def load_pages(corpus):
    pages = []
    for source in sorted(os.listdir(corpus)):
        folder = os.path.join(corpus, source)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(".json"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    page = json.load(f)
                page["_html"] = os.path.join(folder, name[:-5] + ".html")
                pages.append(page)
    return pages


def load_pred(pred, page_id):
    try:
        with open(os.path.join(pred, page_id + ".json"), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def check(pages, pred):
    """Per-page verdicts for the zh pages."""
    results = []
    for page in pages:
        if page.get("lang") != "zh":
            continue
        ours = load_pred(pred, page["id"])
        r = {"id": page["id"], "source": page.get("source", "")}
        gold_title = norm_gold(page.get("title"))
        if gold_title:
            our_title = norm(ours.get("title"))
            r["title_gold"], r["title_ours"] = gold_title, our_title
            r["title_exact"] = our_title == gold_title
            r["title_raw"] = gold_title in page_titles(page["_html"], page.get("charset"))
            r["title"] = r["title_exact"] or (r["title_raw"] and is_part_of(our_title, gold_title))
        gold_day = day_of(page.get("published"))
        if gold_day:
            r["day_gold"], r["day_ours"] = gold_day, day_of(ours.get("published"))
            r["day"] = r["day_ours"] == gold_day
        results.append(r)
    return results


def summarize(results):
    def share(key, rows):
        judged = [r for r in rows if key in r]
        hits = sum(1 for r in judged if r[key])
        return {"share": hits / len(judged) if judged else 1.0, "hits": hits, "pages": len(judged)}

    summary = {"ALL": {k: share(k, results) for k in ("title", "title_exact", "day")}}
    for source in sorted({r["source"] for r in results}):
        rows = [r for r in results if r["source"] == source]
        summary[source] = {k: share(k, rows) for k in ("title", "title_exact", "day")}
    summary["ALL"]["raw_title_golds"] = sum(1 for r in results if r.get("title_raw"))
    return summary


def floors_from(args):
    floors = dict(DEFAULT_FLOORS)
    if args.floors and os.path.exists(args.floors):
        with open(args.floors, encoding="utf-8") as f:
            pinned = json.load(f).get("metadata")
        if pinned:
            floors = {k: v for k, v in pinned.items() if not k.startswith("_")}
    flags = (("title", args.min_title), ("title_exact", args.min_title_exact), ("day", args.min_day))
    for key, flag in flags:
        if flag is not None:
            floors[key] = flag
    return floors


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--min-title", type=float)
    ap.add_argument("--min-title-exact", type=float)
    ap.add_argument("--min-day", type=float)
    ap.add_argument("--floors", default=os.path.join(here, "accuracy_floors.json"))
    ap.add_argument("--json", help="write the summary and per-page verdicts here")
    ap.add_argument("--verbose", action="store_true", help="list every mismatch")
    args = ap.parse_args()
    if not os.path.isdir(args.corpus) or not os.path.isdir(args.pred):
        ap.error("--corpus and --pred must be folders")

    results = check(load_pages(args.corpus), args.pred)
    summary = summarize(results)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"summary": summary, "pages": results}, f, ensure_ascii=False, indent=1)

    print("%-12s %22s %22s %22s" % ("source", "title", "title_exact", "day"))
    for group, s in summary.items():
        print("%-12s" % group + "".join(
            " %8.3f (%3d/%3d)     " % (s[k]["share"], s[k]["hits"], s[k]["pages"])
            for k in ("title", "title_exact", "day")))
    print("(%d corpus titles are the page's raw <title>)" % summary["ALL"]["raw_title_golds"])
    if args.verbose:
        for r in results:
            # "title" a mismatch; "title~" accepted only as part of a raw <title>.
            if "title" in r and not r["title_exact"]:
                mark = "title~" if r["title"] else "title "
                print("%s %-24s corpus %r" % (mark, r["id"], r["title_gold"]))
                print("       %-24s ours   %r" % ("", r["title_ours"]))
            if "day" in r and not r["day"]:
                print("day    %-24s corpus %s  ours %s" % (r["id"], r["day_gold"], r["day_ours"]))

    failed = []
    for key, floor in sorted(floors_from(args).items()):
        value = summary["ALL"].get(key, {}).get("share")
        if value is None or value < floor:
            shown = "missing" if value is None else "%.3f" % value
            failed.append("metadata %s = %s, floor %.3f" % (key, shown, floor))
    for line in failed:
        print("metadata check: below floor: " + line)
    if failed:
        return 1
    print("metadata check: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
