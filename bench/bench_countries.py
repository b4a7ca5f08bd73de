"""Country names -> ISO codes on ../shared/bench/country_names_10k.tsv, beside coco and countrynames.

    python bench/bench_countries.py [--tsv PATH] [--no-peers] [--runs N] [--json OUT]

Accuracy by category (correct / wrong = a different answer / none) and names per second for
the whole list in a fresh process, including loading the data. placenames' answer is the ISO code
of the country the resolved place lies in (``Place.country``): "England" -> GB. Peers run in their
own virtual environment (bench/.peers-venv, created on first use), in the same run.

Both figures are the best of ``--runs`` rounds (default 3), each round running the tools back to
back: the machine may be shared. Steady state: names per second over the whole list once each
tool has loaded and resolved one name (a fresh process each round). placenames calls
``resolve`` name by name (its first pass, each distinct name seen for the first time, and a
second pass served by its cache); coco converts the list in one call and name by name, and its
faster way is the one compared with.
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


OURS_STEADY = """
import json, sys, time
import placenames
names = [l.split("\t")[0] for l in open(sys.argv[1], encoding="utf-8").read().splitlines()[1:]]
placenames.resolve(names[0])
start = time.perf_counter()
out = [placenames.resolve(n) for n in names]
first = time.perf_counter() - start
start = time.perf_counter()
again = [placenames.resolve(n) for n in names]
cached = time.perf_counter() - start
codes = [m.place.country if m else None for m in out]
print(json.dumps({"first_pass_seconds": first, "cached_pass_seconds": cached, "codes": codes}))
"""


def run_ours(tsv: Path, steady: bool = False) -> dict:
    out = subprocess.run([sys.executable, "-c", OURS_STEADY if steady else OURS, str(tsv)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def run_peer(peer: str, tsv: Path, steady: bool = False) -> dict:
    sys.path.insert(0, str(HERE))
    from _peers_env import python

    start = time.perf_counter()
    out = subprocess.run([str(python()), str(HERE / "_peer_countries.py"), peer, str(tsv),
                          *(["steady"] if steady else [])], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    result["process_seconds"] = time.perf_counter() - start
    return result


def whole_process(tsv: Path, peers: list[str], runs: int) -> dict[str, dict]:
    """Each tool's fresh-process run over the list, the tools back to back, the fastest of
    ``runs`` rounds kept (answers are the same in every round)."""
    best: dict[str, dict] = {}
    for _ in range(runs):
        rounds = {"placenames": run_ours(tsv)}
        rounds.update((peer, run_peer(peer, tsv)) for peer in peers)
        for tool, res in rounds.items():
            if tool not in best or res["seconds"] < best[tool]["seconds"]:
                best[tool] = res
    return best


def steady_state(tsv: Path, peers: list[str], runs: int) -> dict[str, dict[str, float]]:
    """Best-of-``runs`` seconds of each tool's steady-state passes over the list, the tools run
    back to back in each round (the machine is shared: its load varies between rounds)."""
    best: dict[str, dict[str, float]] = {}
    for _ in range(runs):
        rounds = {"placenames": run_ours(tsv, steady=True)}
        rounds.update((peer, run_peer(peer, tsv, steady=True)) for peer in peers)
        for tool, res in rounds.items():
            for key, value in res.items():
                if key.endswith("_seconds") and key != "process_seconds":
                    best.setdefault(tool, {})[key] = min(value, best.get(tool, {}).get(key, value))
    return best


def steady_report(n: int, best: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Names per second of each steady-state pass, a tool's best way as ``steady_names_per_second``."""
    out: dict[str, dict[str, float]] = {}
    for tool, seconds in best.items():
        rates = {key.replace("_seconds", "_names_per_second"): round(n / value) for key, value in seconds.items()}
        if tool == "placenames":
            rates["steady_names_per_second"] = rates["first_pass_names_per_second"]
        else:
            rates["steady_names_per_second"] = max(rates.values())
        out[tool] = rates
    return out


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
    parser.add_argument("--runs", type=int, default=3, help="rounds of each measurement (best of)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not args.tsv.exists():
        print(f"skipped: {args.tsv} not found")
        return 0
    rows = [line.split("\t") for line in args.tsv.read_text(encoding="utf-8").splitlines()[1:]]
    peers = [] if args.no_peers else ["coco", "countrynames"]
    results = whole_process(args.tsv, peers, args.runs)
    steady = steady_report(len(rows), steady_state(args.tsv, peers, args.runs))
    report = {}
    for tool, res in results.items():
        rep = score(rows, res["codes"])
        rep["names_per_second"] = round(len(rows) / res["seconds"])
        rep["seconds"] = round(res["seconds"], 3)
        rep.update(steady.get(tool, {}))
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
    print_steady(report, args.runs)
    print("\nplacenames wrong answers:", report["placenames"]["wrong_examples"][:30])
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


def print_steady(report: dict, runs: int) -> None:
    """The steady-state table, and placenames' ratio to each peer (stored in the report too)."""
    print(f"\nsteady state (loaded, one name resolved; best of {runs} rounds), names/s:")
    print("| tool | steady | whole process | steady / whole |\n|---|---|---|---|")
    for tool, rep in report.items():
        steady, whole = rep["steady_names_per_second"], rep["names_per_second"]
        ways = ", ".join(f"{k.replace('_names_per_second', '').replace('_', ' ')} {v:,}" for k, v in rep.items()
                         if k.endswith("_names_per_second") and k != "steady_names_per_second")
        print(f"| {tool} ({ways}) | {steady:,} | {whole:,} | {steady / whole:.1f}x |")
    ours = report["placenames"]
    for peer in (p for p in report if p != "placenames"):
        ours[f"steady_ratio_vs_{peer}"] = round(ours["steady_names_per_second"] /
                                                report[peer]["steady_names_per_second"], 1)
        ours[f"ratio_vs_{peer}"] = round(ours["names_per_second"] / report[peer]["names_per_second"], 1)
        print(f"placenames / {peer}: steady state {ours[f'steady_ratio_vs_{peer}']:g}x, "
              f"whole process {ours[f'ratio_vs_{peer}']:g}x")


if __name__ == "__main__":
    sys.exit(main())
