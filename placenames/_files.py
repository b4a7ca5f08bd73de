"""``placenames normalize``: resolve columns of CSV, TSV and Parquet files, streaming in chunks.

Rows keep their order and count; source columns are never changed; the result columns
(``COL_id``, ``COL_label``, ... ``COL_status``) go right after each source column. Output is
written to a temporary file beside the target and renamed at the end, so an interrupted run
leaves no partial output. Memory stays flat: one chunk of rows plus the cache of distinct values.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ._batch import COLUMNS, EMPTY, Row, alternatives, as_query, rows_for


class Progress:
    """A one-line progress display on a terminal (rows, rows/s, ETA); silent otherwise."""

    def __init__(self, total_bytes: int | None, enabled: bool) -> None:
        self.total, self.enabled, self.start, self.last = total_bytes, enabled, time.monotonic(), 0.0

    def update(self, rows: int, done_bytes: int | None, final: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not final and now - self.last < 0.2):
            return
        self.last = now
        rate = rows / max(now - self.start, 1e-9)
        eta = ""
        if self.total and done_bytes and not final:
            left = (now - self.start) * (self.total - done_bytes) / max(done_bytes, 1)
            eta = f", ETA {left:.0f}s"
        sys.stderr.write(f"\r{rows:,} rows, {rate:,.0f} rows/s{eta}   " + ("\n" if final else ""))
        sys.stderr.flush()


class _CountingReader(io.RawIOBase):
    """Counts the bytes read from a binary file, for the progress ETA."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw, self.count = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


def detect_format(path: str, given: str | None) -> str:
    if given:
        return given
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"tsv": "tsv", "tab": "tsv", "parquet": "parquet", "pq": "parquet"}.get(suffix, "csv")


def detect_encoding(sample: bytes, complete: bool = True) -> str:
    """UTF-8 (with or without BOM) when the sample decodes as UTF-8, else Windows-1252.
    ``complete`` says the sample is the whole file (else its last bytes may cut a character)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if complete or exc.start < len(sample) - 4:
            return "cp1252"
    return "utf-8"


def detect_delimiter(sample: str, fmt: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return "\t" if fmt == "tsv" else ","


class Normalizer:
    """Resolves values with a shared cache and keeps the report counts."""

    def __init__(self, gaz: Any, hints: dict[str, Any]) -> None:
        self.gaz, self.hints = gaz, hints
        self.cache: dict[str, Row] = {}
        self.status: dict[str, Counter[str]] = {}
        self.unmatched: dict[str, Counter[str]] = {}
        self.ambiguous: dict[str, Counter[str]] = {}
        self.text: dict[str | None, list[str]] = {}   # the result cells of a value, as CSV text

    def column(self, name: str, values: list[Any]) -> list[Row]:
        queries = [as_query(v) for v in values]
        self._count(name, queries)
        return [self.cache[q] if q is not None else EMPTY for q in queries]

    def cells(self, name: str, values: list[str]) -> list[list[str]]:
        """The result cells (text) for a column of CSV strings: one list per distinct value,
        shared by its rows (a column of millions has thousands of distinct values)."""
        queries = [as_query(v) for v in values]
        self._count(name, queries)
        text = self.text
        for q in set(queries).difference(text):
            text[q] = [_cell(v) for v in (self.cache[q] if q is not None else EMPTY)]
        return [text[q] for q in queries]

    def _count(self, name: str, queries: list[str | None]) -> None:
        """Resolve the values not seen yet, and count statuses per distinct value, not per row."""
        new = {q for q in queries if q is not None and q not in self.cache}
        if new:
            self.cache.update(rows_for(self.gaz, sorted(new), **self.hints))
        status = self.status.setdefault(name, Counter())
        for q, n in Counter(queries).items():
            row = self.cache[q] if q is not None else EMPTY
            status[row.status] += n
            if row.status == "unmatched":
                self.unmatched.setdefault(name, Counter())[q] += n  # type: ignore[index]
            elif row.status == "ambiguous":
                self.ambiguous.setdefault(name, Counter())[q] += n  # type: ignore[index]

    def report(self, top: int = 20) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, counts in self.status.items():
            out[name] = {
                "counts": {s: counts.get(s, 0) for s in ("matched", "ambiguous", "unmatched", "empty")},
                "top_unmatched": [{"value": v, "rows": n}
                                  for v, n in self.unmatched.get(name, Counter()).most_common(top)],
                "ambiguous": [{"value": v, "rows": n, "candidates": alternatives(
                    self.gaz, v, **{k: h for k, h in self.hints.items() if k != "min_score"})}
                              for v, n in self.ambiguous.get(name, Counter()).most_common(top)],
            }
        return out


def _result_header(column: str) -> list[str]:
    return [f"{column}_{c}" for c in COLUMNS]


def _cell(value: Any) -> str:
    return "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))


def _temporary_beside(output: str | None) -> str | None:
    """A temporary file beside ``output`` (renamed onto it at the end); None for stdout."""
    if output is None or output == "-":
        return None
    target = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    os.close(fd)
    return tmp


def normalize_csv(path: str, output: str | None, columns: list[str], norm: Normalizer, *,
                  fmt: str, encoding: str | None, delimiter: str | None, chunk_size: int,
                  progress: Progress) -> int:
    """Stream a CSV/TSV file; returns the number of data rows written."""
    raw = sys.stdin.buffer if path == "-" else open(path, "rb")
    counting = _CountingReader(raw)
    buffered = io.BufferedReader(counting, buffer_size=1 << 20)
    sample = buffered.peek(1 << 16)[: 1 << 16]
    enc = encoding or detect_encoding(sample, complete=len(sample) < 1 << 16)
    text = io.TextIOWrapper(buffered, encoding=enc, newline="")
    delim = delimiter or detect_delimiter(sample.decode(enc, "replace"), fmt)
    reader = csv.reader(text, delimiter=delim)
    header = next(reader, None)
    if header is None:
        raise ValueError(f"{path}: empty file (no header row)")
    missing = [c for c in columns if c not in header]
    if missing:
        raise KeyError(f"column(s) {missing} not in {path}; columns are {header}")
    positions = [header.index(c) for c in columns]
    out_header = []
    for i, name in enumerate(header):
        out_header.append(name)
        if i in positions:
            out_header += _result_header(name)
    tmp = _temporary_beside(output)
    sink = open(tmp, "w", encoding="utf-8", newline="") if tmp else sys.stdout
    rows_written = 0
    try:
        writer = csv.writer(sink, delimiter=delim, lineterminator="\n")
        writer.writerow(out_header)
        width = len(header)
        for chunk in _chunks(reader, chunk_size):
            for record in chunk:  # a short row gets empty cells up to the header's width
                if len(record) < width:
                    record.extend([""] * (width - len(record)))
            results = [(p, norm.cells(header[p], [r[p] for r in chunk])) for p in positions]
            rows = chunk
            for p, cells in sorted(results, key=lambda pc: -pc[0]):  # right to left: positions stay valid
                rows = [r[:p + 1] + c + r[p + 1:] for r, c in zip(rows, cells)]
            writer.writerows(rows)
            rows_written += len(chunk)
            progress.update(rows_written, counting.count)
        if tmp:
            sink.close()
            os.replace(tmp, output)  # type: ignore[arg-type]
            tmp = None
    finally:
        if tmp:
            sink.close()
            Path(tmp).unlink(missing_ok=True)
        if raw is not sys.stdin.buffer:
            raw.close()
    progress.update(rows_written, counting.count, final=True)
    return rows_written


def _chunks(reader: Iterator[list[str]], size: int) -> Iterator[list[list[str]]]:
    chunk: list[list[str]] = []
    for record in reader:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def normalize_parquet(path: str, output: str | None, columns: list[str], norm: Normalizer, *,
                      chunk_size: int, progress: Progress) -> int:
    """Stream a Parquet file by record batches; returns the number of rows written."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ValueError("Parquet needs pyarrow: pip install 'placenames[parquet]'") from None
    if not output or output == "-":
        raise ValueError("Parquet output needs -o OUTPUT")
    source = pq.ParquetFile(path)
    names = source.schema_arrow.names
    missing = [c for c in columns if c not in names]
    if missing:
        raise KeyError(f"column(s) {missing} not in {path}; columns are {names}")
    tmp = _temporary_beside(output)
    writer = None
    rows_written = 0
    try:
        for batch in source.iter_batches(batch_size=chunk_size):
            arrays, fields = [], []
            for name in names:
                column = batch.column(name)
                arrays.append(column)
                fields.append(batch.schema.field(name))
                if name in columns:
                    rows = norm.column(name, column.to_pylist())
                    for i, col in enumerate(COLUMNS):
                        kind = pa.float64() if col == "score" else pa.string()
                        arrays.append(pa.array([r[i] for r in rows], type=kind))
                        fields.append(pa.field(f"{name}_{col}", kind))
            table = pa.Table.from_arrays(arrays, schema=pa.schema(fields))
            if writer is None:
                writer = pq.ParquetWriter(tmp, table.schema)
            writer.write_table(table)
            rows_written += batch.num_rows
            progress.update(rows_written, None)
        if writer is None:  # an empty file still gets its schema
            empty = pa.schema(list(source.schema_arrow) + [
                pa.field(f"{c}_{col}", pa.float64() if col == "score" else pa.string())
                for c in columns for col in COLUMNS])
            writer = pq.ParquetWriter(tmp, empty)
        writer.close()
        writer = None
        os.replace(tmp, output)  # type: ignore[arg-type]
        tmp = None
    finally:
        if writer is not None:
            writer.close()
        if tmp:
            Path(tmp).unlink(missing_ok=True)
    progress.update(rows_written, None, final=True)
    return rows_written


def print_report(report: dict[str, Any], rows: int, stream: IO[str]) -> None:
    stream.write(f"{rows:,} rows\n")
    for column, part in report.items():
        counts = ", ".join(f"{k} {v:,}" for k, v in part["counts"].items())
        stream.write(f"{column}: {counts}\n")
        if part["top_unmatched"]:
            shown = "; ".join(f"{u['value']!r} ×{u['rows']}" for u in part["top_unmatched"][:10])
            stream.write(f"  most frequent unmatched: {shown}\n")
        for amb in part["ambiguous"][:10]:
            stream.write(f"  ambiguous {amb['value']!r} ×{amb['rows']}: {' | '.join(amb['candidates'])}\n")


def write_report(path: str, report: dict[str, Any], rows: int) -> None:
    Path(path).write_text(json.dumps({"rows": rows, "columns": report}, ensure_ascii=False, indent=2),
                          encoding="utf-8")

