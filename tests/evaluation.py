"""The matching evaluation set (tests/data/eval.tsv) and its scorer.

Rows: query, expected place id (or NONE for strings that must not match), category, lang of
the query, hints (``country=US;kinds=city;lang=ja``) and a note on the kind of variant. Used by
tests/test_eval.py (thresholds) and bench/eval_report.py (the full table).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

EVAL = Path(__file__).resolve().parent / "data" / "eval.tsv"
BANDS = ((90, 101), (80, 90), (70, 80))


def load(path: Path = EVAL) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def hints_of(text: str) -> dict[str, Any]:
    hints: dict[str, Any] = {}
    for part in filter(None, (text or "").split(";")):
        key, _, value = part.partition("=")
        hints[key.strip()] = {value.strip()} if key.strip() == "kinds" else value.strip()
    return hints


def evaluate(rows: list[dict[str, str]]) -> dict[str, Any]:
    import placenames

    by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_note: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    bands = {b: [0, 0] for b in BANDS}
    failures = []
    langs = set()
    for row in rows:
        m = placenames.resolve(row["query"], **hints_of(row.get("hints", "")))
        got = m.place.id if m else "NONE"
        ok = got == row["expected"]
        langs.add(row.get("lang"))
        for table, key in ((by_cat, row["category"]), (by_note, row.get("note", ""))):
            table[key][0] += 1
            table[key][1] += ok
        if m is not None:
            for low, high in BANDS:
                if low <= m.score < high:
                    bands[(low, high)][0] += 1
                    bands[(low, high)][1] += ok
        if not ok:
            failures.append((row["query"], row["expected"], got, m.score if m else None, row["category"]))
    total = len(rows)
    correct = sum(v[1] for v in by_cat.values())
    return {
        "rows": total, "accuracy": 100 * correct / total, "languages": len(langs),
        "by_category": {k: (n, 100 * ok / n) for k, (n, ok) in sorted(by_cat.items())},
        "by_note": {k: (n, 100 * ok / n) for k, (n, ok) in sorted(by_note.items())},
        "calibration": {f"{low}-{min(high, 100)}": (n, 100 * ok / n if n else None)
                        for (low, high), (n, ok) in bands.items()},
        "failures": failures,
    }
