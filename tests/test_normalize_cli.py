"""``placenames normalize`` on files: quoting, newlines, BOM, encodings, Parquet, atomicity, report."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from placenames import _files
from placenames.gazetteer import Gazetteer


def run(*args):
    return subprocess.run([sys.executable, "-m", "placenames", "normalize", *args],
                          capture_output=True, text=True)


def read_csv(path, delimiter=","):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def test_csv_quoting_newlines_and_order(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text('id,place,note\n1,Deutschland,"a, ""b"""\n2,,"two\nlines"\n3,Korea,x\n4,qzxv,y\n',
                   encoding="utf-8")
    out = tmp_path / "out.csv"
    res = run(str(src), "--column", "place", "-o", str(out), "--report", str(tmp_path / "r.json"))
    assert res.returncode == 0, res.stderr
    rows = read_csv(out)
    assert rows[0][:3] == ["id", "place", "place_id"] and rows[0][-1] == "note"
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4"]
    assert rows[1][2] == "iso:DE" and rows[1][-1] == 'a, "b"'
    assert rows[2][-1] == "two\nlines" and rows[2][rows[0].index("place_status")] == "empty"
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["rows"] == 4
    counts = report["columns"]["place"]["counts"]
    assert counts == {"matched": 1, "ambiguous": 1, "unmatched": 1, "empty": 1}
    assert report["columns"]["place"]["top_unmatched"][0]["value"] == "qzxv"
    assert "iso:KR" in " ".join(report["columns"]["place"]["ambiguous"][0]["candidates"])


def test_bom_and_latin1_and_delimiter(tmp_path):
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbfcity\nM\xc3\xbcnchen\n")
    res = run(str(bom), "--column", "city", "--quiet")
    assert res.returncode == 0 and res.stdout.splitlines()[1].startswith("München,gn:2867714")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("n;city\n1;Köln\n".encode("latin-1"))
    res = run(str(latin), "--column", "city", "--encoding", "latin-1", "--quiet")
    assert res.returncode == 0 and res.stdout.splitlines()[1].startswith("1;Köln;gn:2886242")
    res = run(str(latin), "--column", "city", "--quiet")  # detected
    assert res.stdout.splitlines()[1].startswith("1;Köln;")


def test_tsv_by_extension(tmp_path):
    src = tmp_path / "in.tsv"
    src.write_text("place\tx\nJapan\t1\n", encoding="utf-8")
    res = run(str(src), "--column", "place", "--quiet")
    assert res.stdout.splitlines()[1].split("\t")[:2] == ["Japan", "iso:JP"]


def test_parquet_round_trip(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src, out = tmp_path / "in.parquet", tmp_path / "out.parquet"
    pq.write_table(pa.table({"k": [1, 2, 3], "country": ["Nihon", None, "qzxv"]}), src)
    res = run(str(src), "--column", "country", "-o", str(out), "--chunk-size", "2", "--quiet")
    assert res.returncode == 0, res.stderr
    table = pq.read_table(out).to_pydict()
    assert table["k"] == [1, 2, 3] and table["country"] == ["Nihon", None, "qzxv"]
    assert table["country_id"] == ["iso:JP", None, None]
    assert table["country_status"] == ["matched", "empty", "unmatched"]


def test_missing_column_and_file_are_usage_errors(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("a\n1\n", encoding="utf-8")
    res = run(str(src), "--column", "nope")
    assert res.returncode == 2 and "nope" in res.stderr and "Traceback" not in res.stderr
    res = run(str(tmp_path / "missing.csv"), "--column", "a")
    assert res.returncode == 2 and "no such file" in res.stderr


def test_a_failure_midway_leaves_no_output(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("place\n" + "Japan\n" * 10, encoding="utf-8")
    out = tmp_path / "out.csv"

    class Failing(_files.Normalizer):
        calls = 0

        def cells(self, name, values):  # the CSV path's per-chunk call
            Failing.calls += 1
            if Failing.calls == 2:
                raise RuntimeError("disk full")
            return super().cells(name, values)

    norm = Failing(Gazetteer.default(), {})
    with pytest.raises(RuntimeError):
        _files.normalize_csv(str(src), str(out), ["place"], norm, fmt="csv", encoding=None,
                             delimiter=None, chunk_size=3, progress=_files.Progress(None, False))
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [src]  # no temporary file left behind


def test_encoding_detection():
    assert _files.detect_encoding(b"\xef\xbb\xbfabc") == "utf-8-sig"
    assert _files.detect_encoding("Köln".encode("utf-8")) == "utf-8"
    assert _files.detect_encoding("Köln, München".encode("latin-1")) == "cp1252"
    assert _files.detect_delimiter("a;b\n1;2\n", "csv") == ";"
    assert io  # keep the import honest for readers of this file


def test_several_columns_given_in_any_order(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("from,n,to\nDeutschland,1,Japan\nJapan,2,Deutschland\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    res = run(str(src), "--column", "to", "--column", "from", "-o", str(out))
    assert res.returncode == 0, res.stderr
    header, *rows = read_csv(out)
    assert header[0] == "from" and header[1] == "from_id" and header[header.index("n") + 1] == "to"
    for row in rows:  # every source cell untouched, each result beside its own column
        assert row[header.index("from_id")] == {"Deutschland": "iso:DE", "Japan": "iso:JP"}[row[0]]
        assert row[header.index("to_id")] == {"Deutschland": "iso:DE", "Japan": "iso:JP"}[row[header.index("to")]]
    assert [r[header.index("n")] for r in rows] == ["1", "2"]
