"""Shared helpers of the importers: input paths and deterministic TSV output.

Importers read the pinned upstream inputs fetched by ``fetch_inputs.sh`` and write
``gazetteer/imported/*.tsv``. They are never imported by the package at run time.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable
from pathlib import Path

INPUTS = Path(os.environ.get("PLACENAMES_INPUTS", "/tmp/placenames-inputs"))
IMPORTED = Path(__file__).resolve().parent.parent / "imported"

PLACE_COLUMNS = ("id", "kind", "label", "iso", "country", "lat", "lon", "wikidata",
                 "geonames", "parent", "population")
NAME_COLUMNS = ("id", "text", "langs", "kind")


def clean(text: str) -> str:
    """NFC, single spaces, no tabs or newlines (they would break the TSV)."""
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def write_tsv(name: str, header: Iterable[str], rows: Iterable[Iterable[object]], origin: str) -> int:
    """Write a sorted, de-duplicated TSV; returns the number of data rows."""
    lines = set()
    for row in rows:
        cells = ["" if v is None else str(v) for v in row]
        if any("\t" in c or "\n" in c for c in cells):
            raise ValueError(f"tab or newline in {cells!r}")
        lines.add("\t".join(cells))
    IMPORTED.mkdir(parents=True, exist_ok=True)
    with open(IMPORTED / name, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"# written by gazetteer/importers/{origin}; do not edit\n")
        out.write("\t".join(header) + "\n")
        for line in sorted(lines):
            out.write(line + "\n")
    return len(lines)


def name_rows(names: dict[tuple[str, str, str], set[str]]) -> list[tuple[str, str, str, str]]:
    """(id, text, kind) -> languages, collapsed to one row per (id, text, kind)."""
    return [(pid, text, ",".join(sorted(langs)), kind) for (pid, text, kind), langs in names.items()]


def fmt_coord(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"
