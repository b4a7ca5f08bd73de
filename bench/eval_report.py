"""Print the evaluation table for tests/data/eval.tsv: python bench/eval_report.py [--json OUT]"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluation import evaluate, load  # noqa: E402


def main() -> int:
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--no-peers", action="store_true", help="accepted for run_all (no peers here)")
    args = parser.parse_args()
    result = evaluate(load())
    if args.json:
        args.json.write_text(json.dumps({k: result[k] for k in ("rows", "accuracy", "languages", "by_category",
                                                                 "calibration")}, indent=2))
    print(f"rows {result['rows']}, languages {result['languages']}, top-1 accuracy {result['accuracy']:.1f} %\n")
    for title, table in (("category", result["by_category"]), ("variant", result["by_note"]),
                         ("score band", result["calibration"])):
        print(f"| {title} | rows | accuracy % |\n|---|---|---|")
        for key, (n, acc) in table.items():
            print(f"| {key} | {n} | {'-' if acc is None else f'{acc:.1f}'} |")
        print()
    print("failures (query, expected, got, score, category):")
    for failure in result["failures"][:60]:
        print("  ", failure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
