"""Run every benchmark and write bench/results/summary.json and summary.md.

    python bench/run_all.py [--no-peers]

Peers (coco, countrynames, flashtext) run in bench/.peers-venv or are skipped when absent;
the corpora and the 10k country list are read from ../shared when present.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["bench_core.py", "eval_report.py", "bench_countries.py", "bench_batch.py", "bench_tagging.py"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    summary: dict[str, object] = {"date": time.strftime("%Y-%m-%d"), "python": platform.python_version(),
                                  "machine": f"{platform.machine()}, {platform.system()}"}
    for script in SCRIPTS:
        target = out_dir / script.replace(".py", ".json")
        cmd = [sys.executable, str(HERE / script), "--json", str(target)]
        if args.no_peers and script != "bench_core.py":
            cmd.append("--no-peers")
        subprocess.run(cmd, check=True, cwd=HERE.parent)
        summary[script] = json.loads(target.read_text()) if target.exists() else None
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    command = "python bench/run_all.py" + (" --no-peers" if args.no_peers else "")
    lines = [f"Benchmarks of {summary['date']} on {summary['machine']} (2 cores), Python "
             f"{summary['python']}; `{command}`.", "", *table(summary), ""]
    (out_dir / "summary.md").write_text("\n".join(lines))
    print(f"wrote {out_dir / 'summary.md'} and summary.json")
    return 0


def table(summary: dict) -> list[str]:
    """One Markdown table of the figures the issues set targets for, peers beside ours."""
    rows: list[tuple[str, str, str, str]] = []   # figure, placenames, peer, target

    def get(*path: str) -> object:
        value: object = summary
        for key in path:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return value

    def num(value: object, fmt: str = "{:,}") -> str:
        return "—" if value is None else fmt.format(value)

    core = ("bench_core.py",)
    rows += [("import placenames (ms)", num(get(*core, "import_ms")), "", "≤ 50"),
             ("first resolve() in a fresh process (ms)", num(get(*core, "first_resolve_ms")), "", "≤ 200"),
             ("peak resident memory after 20,000 queries (MB)", num(get(*core, "rss_after_20k_queries_mb")), "",
              "≤ 150"),
             ("... and after a 1M-name batch holding its results (MB)", num(get(*core, "max_rss_mb")), "", ""),
             ("exact hits, 10,000 distinct names, cold (names/s)", num(get(*core, "exact_cold_names_per_s")), "",
              "≥ 500,000 in a batch"),
             ("exact hits, batch of 1,000,000 names (10,000 distinct) (names/s)",
              num(get(*core, "batch_1m_of_10k_names_per_s")), "", "≥ 500,000"),
             ("fuzzy look-up median / p95 (ms)", f"{num(get(*core, 'fuzzy_median_ms'))} / "
              f"{num(get(*core, 'fuzzy_p95_ms'))}", "", "≤ 1 / ≤ 5")]
    ev = ("eval_report.py",)
    cats = get(*ev, "by_category") or {}
    places = {k: v for k, v in cats.items() if k != "none"}
    rows += [("evaluation set top-1 (%)", num(get(*ev, "accuracy"), "{:.1f}"), "", "≥ 97"),
             ("evaluation set, weakest category (%)",
              min((f"{v[1]:.1f} ({k})" for k, v in places.items()), key=lambda t: float(t.split()[0]),
                  default="—"), "", "≥ 93"),
             ("must-not-match strings rejected (%)", num(cats.get("none", [None, None])[1], "{:.1f}"), "", "≥ 98"),
             ("score ≥ 90 right (%)", num((get(*ev, "calibration") or {}).get("90-100", [None, None])[1], "{:.1f}"),
              "", "documented: 98")]
    co = ("bench_countries.py",)
    ours = get(*co, "placenames", "names_per_second")
    coco = get(*co, "coco", "names_per_second")
    peer = f"coco {num(coco)}, countrynames {num(get(*co, 'countrynames', 'names_per_second'))}" if coco else ""
    rows += [("10k country names: accuracy (%)", num(get(*co, "placenames", "by_category", "ALL", "accuracy")),
              f"coco {num(get(*co, 'coco', 'by_category', 'ALL', 'accuracy'))}, countrynames "
              f"{num(get(*co, 'countrynames', 'by_category', 'ALL', 'accuracy'))}", "≥ 99"),
             ("10k country names: typo_gen / typo_hand (%)",
              f"{num(get(*co, 'placenames', 'by_category', 'typo_gen', 'accuracy'))} / "
              f"{num(get(*co, 'placenames', 'by_category', 'typo_hand', 'accuracy'))}", "", "≥ 97"),
             ("10k country names: confident wrong answers", num(get(*co, "placenames", "by_category", "ALL", "wrong")),
              f"countrynames {num(get(*co, 'countrynames', 'by_category', 'ALL', 'wrong'))}", "≤ 5"),
             ("10k country names: names/s", num(ours), peer,
              f"≥ 100× coco ({ours / coco:.0f}× now)" if ours and coco else "≥ 100× coco")]
    steady = get(*co, "placenames", "steady_names_per_second")
    steady_coco = get(*co, "coco", "steady_names_per_second")
    rows.append(("10k country names, steady state (data loaded): names/s", num(steady),
                 f"coco {num(steady_coco)}" if steady_coco else "",
                 f"≥ 100× coco ({steady / steady_coco:.0f}× now)" if steady and steady_coco else "≥ 100× coco"))
    ba = ("bench_batch.py",)
    rows += [("pandas normalize, 1M rows of 10k distinct (rows/s)", num(get(*ba, "pandas_normalize_rows_per_s")),
              f"coco pandas_convert {num(get(*ba, 'coco_pandas_convert_rows_per_s'))}",
              f"≥ 2,000,000 and ≥ 250× coco ({num(get(*ba, 'ratio_vs_coco'))}× now)"),
             ("CLI normalize, 1M-row CSV (rows/s)", num(get(*ba, "cli_1x_rows_per_s")), "", "≥ 300,000"),
             ("CLI peak memory, 1M vs 4M rows (MB)", f"{num(get(*ba, 'cli_1x_peak_rss_mb'))} vs "
              f"{num(get(*ba, 'cli_4x_peak_rss_mb'))}", "", "flat")]
    tg = ("bench_tagging.py",)
    for corpus, name, acc_target in (("lgl", "LGL", "0.85"), ("gwn", "GeoWebNews", "0.94")):
        for suffix, label in (("", "default"), ("_demonyms", "demonyms=True")):
            res = get(*tg, corpus + suffix)
            if res:
                rows.append((f"{name} ({label}): P / R / F1; accuracy ≤ 161 km (or same GeoNames id)",
                             f"{res['precision']} / {res['recall']} / {res['f1']}; {res['acc161']} "
                             f"({res.get('acc161_or_same_geonames_id', '—')})", "",
                             f"F1 ≥ 0.75; ≥ {acc_target}"))
    rows += [("tagging throughput (MB/s)", num(get(*tg, "throughput", "placenames_mb_per_s")),
              f"flashtext {num(get(*tg, 'throughput', 'flashtext_mb_per_s'))} (keywords only)", "≥ 5"),
             ("spurious mentions per 1,000 place-free words", num(get(*tg, "throughput", "spurious_per_1000_words")),
              f"flashtext {num(get(*tg, 'throughput', 'flashtext_spurious_per_1000_words'))}", "≤ 1")]
    out = ["| figure | placenames | peers, same run | target |", "|---|---|---|---|"]
    out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return out


if __name__ == "__main__":
    sys.exit(main())
