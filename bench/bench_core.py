"""Core figures on the full bundled gazetteer: import time, first resolve, memory, latency.

    python bench/bench_core.py [--json OUT]

Each "fresh process" figure is the median of 5 new interpreters. Exact-hit throughput resolves
10,000 distinct names taken from the gazetteer (cold: each name once; warm: the same batch
again, served by the resolver's cache), and a batch of 1,000,000 names drawn from them with
``placenames.resolve_many`` (each distinct name resolved once). Fuzzy latency uses those names
with one letter deleted. Memory is the peak resident set of that process after 20,000 queries
(the library's own footprint: the benchmark keeps counts, not Match objects), and after the
batch too (its 1,000,000 results hold 10,000 distinct Match objects, each with its Place).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys

FRESH = {
    "import_ms": "import time; t=time.perf_counter(); import placenames; print((time.perf_counter()-t)*1e3)",
    "first_resolve_ms": ("import time; t=time.perf_counter(); import placenames; placenames.resolve('Japan'); "
                         "print((time.perf_counter()-t)*1e3)"),
}

def sample_names(path: str) -> None:
    """10,000 distinct names of the gazetteer, written one per line (kept out of the measured process)."""
    import sqlite3
    from pathlib import Path

    bundled = Path(__file__).resolve().parent.parent / "placenames" / "data" / "gazetteer.sqlite"
    if not bundled.exists():
        from placenames.gazetteer import BUNDLED as bundled

    con = sqlite3.connect(bundled.as_uri() + "?mode=ro", uri=True)
    rng = random.Random(7)
    texts = [r[0] for r in con.execute(
        "SELECT n.text FROM names n WHERE n.kind IN ('common', 'official') AND length(n.text) "
        "BETWEEN 5 AND 30 AND n.lang IN ('en', 'de', 'fr', 'es', 'ja', 'ru') ORDER BY n.place, n.pos")]
    names = sorted(set(rng.sample(texts, 12000)))[:10000]
    rng.shuffle(names)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(names))


BATCH = r"""
import json, random, resource, statistics, sys, time
import placenames
names = open(sys.argv[1], encoding="utf-8").read().split("\n")
rng = random.Random(7)
placenames.resolve("warm up")
t = time.perf_counter()
found = sum(placenames.resolve(n) is not None for n in names)
cold = time.perf_counter() - t
t = time.perf_counter()
for n in names:
    placenames.resolve(n)
warm = time.perf_counter() - t
rss_queries = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
column = [names[rng.randrange(len(names))] for _ in range(1_000_000)]
t = time.perf_counter()
placenames.resolve_many(column)
batch = time.perf_counter() - t
typos = []
for n in names[:2000]:
    i = rng.randrange(1, len(n) - 1)
    typos.append(n[:i] + n[i + 1:])
lat = []
for q in typos:
    t = time.perf_counter()
    placenames.candidates(q, limit=5)
    lat.append((time.perf_counter() - t) * 1e3)
lat.sort()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # with the batch's 1M results
print(json.dumps({
    "exact_names": len(names), "exact_found": found,
    "batch_1m_of_10k_names_per_s": round(len(column) / batch),
    "exact_cold_names_per_s": round(len(names) / cold), "exact_warm_names_per_s": round(len(names) / warm),
    "exact_cold_us_per_name": round(cold / len(names) * 1e6, 1),
    "fuzzy_queries": len(typos), "fuzzy_median_ms": round(statistics.median(lat), 3),
    "fuzzy_p95_ms": round(lat[int(0.95 * len(lat))], 3), "rss_after_20k_queries_mb": round(rss_queries, 1),
    "max_rss_mb": round(rss, 1)}))
"""


def fresh(code: str, runs: int = 5) -> float:
    values = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        values.append(float(out.stdout.strip()))
    return round(statistics.median(values), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    figures = {name: fresh(code) for name, code in FRESH.items()}
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".txt") as tmp:
        sample_names(tmp.name)
        out = subprocess.run([sys.executable, "-c", BATCH, tmp.name], capture_output=True, text=True,
                             check=True)
    figures.update(json.loads(out.stdout))
    for key, value in figures.items():
        print(f"{key:28} {value}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(figures, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
