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
SCRIPTS = ["bench_core.py", "bench_countries.py", "bench_batch.py", "bench_tagging.py"]


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
    lines = [f"Benchmarks of {summary['date']} (Python {summary['python']}, {summary['machine']})", ""]
    for script in SCRIPTS:
        lines += [f"## {script}", "", "```", json.dumps(summary[script], indent=2, ensure_ascii=False)[:4000], "```", ""]
    (out_dir / "summary.md").write_text("\n".join(lines))
    print(f"wrote {out_dir / 'summary.md'} and summary.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
