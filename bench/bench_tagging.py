"""Tagging on real news (LGL, GeoWebNews dev parts in ../shared/eval) and tagging throughput.

    python bench/bench_tagging.py [--eval DIR] [--no-peers] [--json OUT]

Recognition precision / recall / F1 on exact spans, and accuracy within 161 km of the
recognised mentions that have gold coordinates; with the default options and with
``demonyms=True`` (both corpora annotate adjectival uses such as "Russian forces").
GeoWebNews is scored without the pragmatic types our policy leaves out (Demonym,
Embedded_Non_Lit, Language, Homonym), with a per-type breakdown.
The corpora are GPL-3.0 research data: read from ../shared at run time, never copied here.
Throughput: MB/s on a synthetic news text this script generates, beside flashtext loaded with
the same taggable names, plus spurious mentions per 1,000 words of place-free text.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
DEFAULT_EVAL = HERE.parent.parent / "shared" / "eval"
EXCLUDED_GWN_TYPES = {"Demonym", "Embedded_Non_Lit", "Language", "Homonym"}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def score_corpus(path: Path, excluded: set[str], demonyms: bool = False) -> dict:
    import placenames

    tp = fp = fn = 0
    within = resolved = same_entity = 0
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        gold = {(t["start"], t["end"]): t for t in doc["toponyms"]}
        ignore = {k for k, t in gold.items() if t.get("type") in excluded}
        found = {(m.start, m.end): m for m in placenames.tag(doc["text"], demonyms=demonyms)}
        for key, t in gold.items():
            typ = t.get("type") or "all"
            per_type[typ][0] += 1
            per_type[typ][1] += key in found
        for key, m in found.items():
            if key in ignore:
                continue
            if key in gold:
                tp += 1
                t = gold[key]
                place = m.match.place
                if t.get("lat") is not None and place.lat is not None:
                    resolved += 1
                    near = km(t["lat"], t["lon"], place.lat, place.lon) <= 161
                    within += near
                    # the same GeoNames entity counts too: a country's or state's reference point
                    # is a convention (ours: Natural Earth centroids; the corpora's: GeoNames')
                    same_entity += near or (t.get("geonames") is not None and place.geonames == t["geonames"])
            elif not any(a <= key[0] < b or a < key[1] <= b for a, b in ignore):
                fp += 1
        fn += sum(1 for key in gold if key not in found and key not in ignore)
    precision = tp / max(tp + fp, 1)
    recall = tp / max(tp + fn, 1)
    return {"precision": round(precision, 3), "recall": round(recall, 3),
            "f1": round(2 * precision * recall / max(precision + recall, 1e-9), 3),
            "acc161": round(within / max(resolved, 1), 3),
            "acc161_or_same_geonames_id": round(same_entity / max(resolved, 1), 3),
            "resolved_with_coords": resolved,
            "recall_by_type": {k: round(v[1] / v[0], 3) for k, v in sorted(per_type.items())}}


PLACE_FREE = ("The committee met on Tuesday to discuss the budget and the new rules for schools. "
              "Officials said the plan would cost more than expected, and several members asked for "
              "a delay. The market reacted calmly, and analysts had little to add after the meeting. "
              "Teachers and parents raised questions about the schedule, the buses and the meals. ")


def synthetic_news(words: int, seed: int = 3) -> str:
    import placenames

    rng = random.Random(seed)
    places = ["Tokyo", "Paris", "Germany", "the East China Sea", "Texas", "Brazil", "Nairobi", "Kyiv",
              "the Strait of Hormuz", "Seoul", "Mexico City", "Ontario", "Lagos", "the Balkans", "Jakarta"]
    filler = PLACE_FREE.split()
    out: list[str] = []
    while len(out) < words:
        out += rng.sample(filler, 12) + ["in", rng.choice(places) + "."]
    assert placenames  # the library is what we measure
    return " ".join(out)


def throughput(no_peers: bool) -> dict:
    import placenames
    from placenames._tagger import lexicon
    from placenames.gazetteer import Gazetteer

    text = synthetic_news(200_000)
    size_mb = len(text.encode("utf-8")) / 1e6
    placenames.tag("warm up in Paris")
    start = time.perf_counter()
    placenames.tag(text)
    ours = size_mb / (time.perf_counter() - start)
    free = " ".join([PLACE_FREE] * 300)
    spurious = len(placenames.tag(free)) / (len(free.split()) / 1000)
    result = {"mb": round(size_mb, 2), "placenames_mb_per_s": round(ours, 2),
              "spurious_per_1000_words": round(spurious, 2)}
    if not no_peers:
        try:
            from flashtext import KeywordProcessor
        except ImportError:
            sys.path.insert(0, str(HERE))
            result["flashtext"] = "not installed in this environment (pip install flashtext)"
            return result
        proc = KeywordProcessor()
        for key in lexicon(Gazetteer.default()).keys:
            proc.add_keyword(key)
        start = time.perf_counter()
        proc.extract_keywords(text, span_info=True)
        result["flashtext_mb_per_s"] = round(size_mb / (time.perf_counter() - start), 2)
        result["flashtext_spurious_per_1000_words"] = round(
            len(proc.extract_keywords(free)) / (len(free.split()) / 1000), 2)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report: dict = {}
    if (args.eval / "lgl.dev.jsonl").exists():
        # the default (no demonyms), and with demonyms=True: both corpora also annotate adjectives
        # such as "Russian" in "Russian forces" (GeoWebNews: Non_Literal_Modifier)
        report["lgl"] = score_corpus(args.eval / "lgl.dev.jsonl", set())
        report["gwn"] = score_corpus(args.eval / "gwn.dev.jsonl", EXCLUDED_GWN_TYPES)
        report["lgl_demonyms"] = score_corpus(args.eval / "lgl.dev.jsonl", set(), demonyms=True)
        report["gwn_demonyms"] = score_corpus(args.eval / "gwn.dev.jsonl", EXCLUDED_GWN_TYPES, demonyms=True)
    else:
        print(f"skipped the corpora: {args.eval} not found")
    report["throughput"] = throughput(args.no_peers)
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
