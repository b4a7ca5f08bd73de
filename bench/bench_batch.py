"""Normalizing a column at scale, beside coco's pandas_convert in the same run.

    python bench/bench_batch.py [--rows 1000000] [--no-peers] [--json OUT]

Makes a column of ROWS values drawn from ~10,000 distinct messy values (country and city names
in several languages, upper/lower case, typos, codes, blanks, junk; seeded), then times
``placenames.pandas.normalize`` (in a fresh process, data loading included) and coco's
``pandas_convert`` (its own virtual environment, pandas < 3). Then runs ``placenames normalize``
on CSV files of ROWS and 4 x ROWS rows, reporting rows/s and peak memory of the whole process.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def distinct_values(n: int = 10_000, seed: int = 7) -> list[str]:
    import sqlite3

    db = ROOT / "placenames" / "data" / "gazetteer.sqlite"
    con = sqlite3.connect(db.as_uri() + "?mode=ro", uri=True)
    names = [r[0] for r in con.execute(
        "SELECT n.text FROM names n JOIN places p ON p.idx = n.place WHERE n.kind IN ('common','official') "
        "AND (p.kind IN ('country','territory') OR (p.kind = 'city' AND p.population > 200000)) "
        "AND n.lang IN ('en','de','fr','es','ja','ru','zh','ar','pt','it') ORDER BY n.place, n.pos")]
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < n:
        name = rng.choice(names)
        roll = rng.random()
        if roll < 0.15 and len(name) > 5:  # one random edit
            i = rng.randrange(len(name))
            name = name[:i] + name[i + 1:] if rng.random() < 0.5 else name[:i] + rng.choice("aeinrst") + name[i:]
        elif roll < 0.25:
            name = name.upper()
        elif roll < 0.32:
            name = f"  {name.lower()} "
        elif roll < 0.36:
            name = rng.choice(["n/a", "unknown", "-", "?", "TBD", "various", "12345", "asdf", "Acme Corp"]) + str(rng.randrange(300))
        out.add(name)
    return sorted(out)


def make_column(rows: int, seed: int = 11) -> list[str | None]:
    values = distinct_values()
    rng = random.Random(seed)
    weights = [1.0 / (i + 1) ** 0.6 for i in range(len(values))]  # a few values are very frequent
    column: list[str | None] = rng.choices(values, weights=weights, k=rows)
    for i in rng.sample(range(rows), rows // 50):
        column[i] = None if i % 2 else ""
    return column


OURS = r"""
import json, sys, time, pandas as pd, pyarrow.parquet as pq
series = pq.read_table(sys.argv[1]).column("place").to_pandas()
start = time.perf_counter()
import placenames.pandas as ppd
out = ppd.normalize(series)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "rows": len(out), "matched": int((out["status"] == "matched").sum())}))
"""

COCO = r"""
import json, sys, time, logging, pandas as pd
import country_converter as coco
logging.getLogger("country_converter").setLevel(logging.CRITICAL)
series = pd.read_parquet(sys.argv[1])["place"]
start = time.perf_counter()
out = coco.CountryConverter().pandas_convert(series.fillna(""), to="ISO2")
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "rows": len(out)}))
"""


_MEASURE = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_rss_mb(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command, measured by a fresh parent process
    (so earlier children of this script do not count)."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    import pyarrow as pa
    import pyarrow.parquet as pq

    report: dict[str, object] = {"rows": args.rows}
    with tempfile.TemporaryDirectory() as tmp:
        column = make_column(args.rows)
        report["distinct"] = len(set(column))
        # the floor under any pandas normalizer: grouping the column's values (pd.factorize)
        import time

        import pandas as pd

        series = pd.Series(column)
        start = time.perf_counter()
        pd.factorize(series)
        report["pandas_factorize_ms"] = round((time.perf_counter() - start) * 1e3, 1)
        parquet = Path(tmp) / "col.parquet"
        pq.write_table(pa.table({"place": column}), parquet)
        ours = json.loads(subprocess.run([sys.executable, "-c", OURS, str(parquet)], cwd=ROOT,
                                         capture_output=True, text=True, check=True).stdout)
        report["pandas_normalize_rows_per_s"] = round(args.rows / ours["seconds"])
        report["pandas_normalize_seconds"] = round(ours["seconds"], 2)
        if not args.no_peers:
            sys.path.insert(0, str(HERE))
            from _peers_env import python

            peer = json.loads(subprocess.run([str(python()), "-c", COCO, str(parquet)],
                                             capture_output=True, text=True, check=True).stdout)
            report["coco_pandas_convert_rows_per_s"] = round(args.rows / peer["seconds"])
            report["ratio_vs_coco"] = round(peer["seconds"] / ours["seconds"], 1)
        for factor in (1, 4):
            csv_path = Path(tmp) / f"in{factor}.csv"
            with open(csv_path, "w", encoding="utf-8") as fh:
                fh.write("id,place\n")
                for _ in range(factor):
                    for i, value in enumerate(column):
                        cell = "" if value is None else '"' + value.replace('"', '""') + '"'
                        fh.write(f"{i},{cell}\n")
            seconds, rss = peak_rss_mb([sys.executable, "-m", "placenames", "normalize", str(csv_path),
                                        "--column", "place", "-o", str(Path(tmp) / "out.csv"), "--quiet"])
            report[f"cli_{factor}x_rows_per_s"] = round(factor * args.rows / seconds)
            report[f"cli_{factor}x_peak_rss_mb"] = round(rss, 1)
    for key, value in report.items():
        print(f"{key:34} {value}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
