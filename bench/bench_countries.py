"""Country names -> ISO codes on ../shared/bench/country_names_10k.tsv, beside coco and countrynames.

    python bench/bench_countries.py [--tsv PATH] [--no-peers] [--json OUT]

Accuracy by category (correct / wrong = a different answer / none) and names per second for
the whole list in a fresh process, including loading the data. placenames' answer is the ISO code
of the country the resolved place lies in (``Place.country``): "England" -> GB. Peers run in their
own virtual environment (bench/.peers-venv, created on first use), in the same run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_TSV = HERE.parent.parent / "shared" / "bench" / "country_names_10k.tsv"

OURS = """
import json, sys, time
start = time.perf_counter()
import placenames
names = [l.split("\\t")[0] for l in open(sys.argv[1], encoding="utf-8").read().splitlines()[1:]]
out = []
for n in names:
    m = placenames.resolve(n)
    out.append(m.place.country if m else None)  # the country the resolved place lies in
print(json.dumps({"seconds": time.perf_counter() - start, "codes": out}))
"""


def run_ours(tsv: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", OURS, str(tsv)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def run_peer(peer: str, tsv: Path) -> dict:
    sys.path.insert(0, str(HERE))
    from _peers_env import python

    start = time.perf_counter()
    out = subprocess.run([str(python()), str(HERE / "_peer_countries.py"), peer, str(tsv)],
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    result["process_seconds"] = time.perf_counter() - start
    return result


def score(rows: list[list[str]], codes: list[str | None]) -> dict:
    by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # n, correct, wrong, none
    wrong_examples = []
    for row, code in zip(rows, codes):
        name, gold, cat = row[0], row[1], row[2]
        for key in (cat, "ALL"):
            by_cat[key][0] += 1
            if code == gold:
                by_cat[key][1] += 1
            elif code is None:
                by_cat[key][3] += 1
            else:
                by_cat[key][2] += 1
        if code not in (gold, None):
            wrong_examples.append((name, gold, code))
    table = {cat: {"n": n, "accuracy": round(100 * ok / n, 2), "wrong": bad, "none": none}
             for cat, (n, ok, bad, none) in sorted(by_cat.items())}
    return {"by_category": table, "wrong_examples": sorted(set(wrong_examples))[:50]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tsv", type=Path, default=DEFAULT_TSV)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not args.tsv.exists():
        print(f"skipped: {args.tsv} not found")
        return 0
    rows = [line.split("\t") for line in args.tsv.read_text(encoding="utf-8").splitlines()[1:]]
    results = {"placenames": run_ours(args.tsv)}
    if not args.no_peers:
        for peer in ("coco", "countrynames"):
            results[peer] = run_peer(peer, args.tsv)
    report = {}
    for tool, res in results.items():
        rep = score(rows, res["codes"])
        rep["names_per_second"] = round(len(rows) / res["seconds"])
        rep["seconds"] = round(res["seconds"], 3)
        report[tool] = rep
    cats = list(report["placenames"]["by_category"])
    print("| tool | names/s | " + " | ".join(cats) + " | wrong |")
    print("|---|---|" + "---|" * len(cats) + "---|")
    for tool, rep in report.items():
        accs = " | ".join(f"{rep['by_category'][c]['accuracy']:.1f}" for c in cats)
        print(f"| {tool} | {rep['names_per_second']:,} | {accs} | {rep['by_category']['ALL']['wrong']} |")
    if "coco" in report:
        ratio = report["placenames"]["names_per_second"] / report["coco"]["names_per_second"]
        print(f"\nplacenames / coco names per second: {ratio:.0f}x")
    print("\nplacenames wrong answers:", report["placenames"]["wrong_examples"][:30])
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
