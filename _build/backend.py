"""Build backend: setuptools, after compiling the gazetteer into placenames/data/.

The compiled gazetteer is generated (never committed); it is rebuilt here when it is missing or
its recorded source checksums differ from gazetteer/, so every wheel and editable install
carries data that matches its sources.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from setuptools import build_meta as _orig
from setuptools.build_meta import *  # noqa: F401,F403

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "placenames" / "data" / "gazetteer.sqlite"


def _stale() -> bool:
    if not (ROOT / "gazetteer").is_dir():
        return False  # building from an sdist that already carries the data
    if not DATA.is_file():
        return True
    try:
        con = sqlite3.connect(f"{DATA.as_uri()}?mode=ro", uri=True)
        recorded = json.loads(con.execute("SELECT value FROM meta WHERE key='sources'").fetchone()[0])
        con.close()
    except (sqlite3.Error, TypeError, ValueError):
        return True
    import hashlib

    for entry in recorded:
        path = ROOT / "gazetteer" / entry["file"]
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            return True
    current = {p.relative_to(ROOT / "gazetteer").as_posix() for p in (ROOT / "gazetteer").glob("*/*")
               if p.suffix in (".tsv", ".toml") or p.name == "not_places.txt"}
    return current != {e["file"] for e in recorded}


def _compile() -> None:
    if _stale():
        # keep pip's build-isolation path (it lives in PYTHONPATH) and put the source tree first
        paths = [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
        subprocess.run([sys.executable, "-m", "placenames.build"], cwd=ROOT, env=env, check=True)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):  # type: ignore[no-untyped-def]
    _compile()
    return _orig.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):  # type: ignore[no-untyped-def]
    _compile()
    return _orig.build_editable(wheel_directory, config_settings, metadata_directory)


def build_sdist(sdist_directory, config_settings=None):  # type: ignore[no-untyped-def]
    _compile()
    return _orig.build_sdist(sdist_directory, config_settings)
