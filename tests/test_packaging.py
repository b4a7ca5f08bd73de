"""The package as a newcomer gets it: build the sdist and, from it, the wheel (as ``python -m
build`` does), install the wheel into a fresh virtual environment, and run the README's main
command there from a directory outside the source tree.

Slow (the build compiles the gazetteer, about a minute, then packs 180 MB): marked
``packaging``; .ci/run runs it. Run it alone with ``python -m pytest -m packaging -s``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.packaging

# Opens of files under gazetteer/ (the sources) or of any path outside the environment's
# placenames package would mean the installed package depends on the checkout.
AUDIT = r"""
import sys, urllib.parse, urllib.request
opened = []
def hook(event, args):
    if event == "open" and args and isinstance(args[0], str):
        opened.append(args[0])
    elif event == "sqlite3.connect" and args:
        target = str(args[0])
        if target.startswith("file:"):
            target = urllib.request.url2pathname(urllib.parse.urlsplit(target).path)
        opened.append("sqlite:" + target)
sys.addaudithook(hook)
import placenames
m = placenames.resolve("Senkaku")
mentions = placenames.tag("Ships entered waters near the Diaoyu Islands, which Japan calls the Senkaku Islands.")
print(placenames.__file__)
print(m.place.id, len(mentions))
print("\n".join(p for p in opened if "placenames" in p or "gazetteer" in p))
"""


def _env() -> dict[str, str]:
    """This environment without anything that would point Python at the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(cmd: list[str], cwd: Path, timeout: int = 900) -> str:
    proc = subprocess.run(cmd, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout,
                          check=False)
    assert proc.returncode == 0, f"{cmd} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout (the tracked files are what gets packaged)")
    pytest.importorskip("build", reason='the build frontend is not installed: pip install -e ".[test]"')
    work = tmp_path_factory.mktemp("packaging")
    src = work / "src"
    # A copy of the files git would commit (tracked, or new and not ignored): nothing generated
    # in the work tree (the compiled data, caches) leaks in; the build compiles the gazetteer.
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout
    for rel in filter(None, files.decode().split("\0")):
        if (ROOT / rel).is_file():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, src / rel)
    assert not (src / "placenames" / "data" / "gazetteer.sqlite").exists()
    dist = work / "dist"
    _run([sys.executable, "-m", "build", "--outdir", str(dist), str(src)], cwd=work)
    (wheel,) = dist.glob("placenames-*.whl")
    (sdist,) = dist.glob("placenames-*.tar.gz")
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=work)
    python = venv / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], cwd=work)
    shutil.rmtree(src)  # nothing of the source tree is left to read
    outside = work / "elsewhere"
    outside.mkdir()
    return {"wheel": wheel, "sdist": sdist, "venv": venv, "python": python, "cwd": outside}


def test_wheel_carries_the_compiled_gazetteer_and_no_sources(built):
    with zipfile.ZipFile(built["wheel"]) as zf:
        names = set(zf.namelist())
        assert {"placenames/data/gazetteer.sqlite", "placenames/data/gazetteer.sqlite.sum",
                "placenames/data/coastline_110m.txt", "placenames/py.typed", "placenames/_html.py",
                "placenames/cli.py"} <= names
        assert zf.getinfo("placenames/data/gazetteer.sqlite").file_size > 50_000_000
        assert not [n for n in names if n.startswith(("gazetteer/", "tests/", "_build/", "bench/"))]
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert "placenames = placenames.cli:main" in zf.read(entry_points).decode()


def test_sdist_builds_a_wheel_and_carries_the_sources(built):
    with tarfile.open(built["sdist"]) as tf:
        names = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    assert {"pyproject.toml", "_build/backend.py", "gazetteer/SCHEMA.md", "placenames/data/gazetteer.sqlite",
            "LICENSE", "README.md"} <= names
    assert any(n.startswith("gazetteer/curated/") and n.endswith(".toml") for n in names)
    assert any(n.startswith("gazetteer/imported/") and n.endswith(".tsv") for n in names)


def test_readme_main_command_runs_in_a_fresh_venv(built):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.search(r"`pip install \. && (placenames [^`]+)`", readme.splitlines()[2])
    assert first, "the README's first command changed; update this test"
    assert first.group(1) == 'placenames resolve "Senkaku" --limit 3'
    exe = built["venv"] / "bin" / "placenames"
    out = _run([str(exe), "resolve", "Senkaku", "--limit", "3"], cwd=built["cwd"])
    lines = out.splitlines()
    assert 1 <= len(lines) <= 3
    assert lines[0].split("\t")[:3] == ["Diaoyu / Senkaku Islands", "pn:senkaku-diaoyu", "island_group"]


def test_version_shows_package_and_data_versions(built):
    out = _run([str(built["python"]), "-m", "placenames", "--version"], cwd=built["cwd"])
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert re.fullmatch(rf"placenames {re.escape(version.group(1))} \(data [0-9a-f]{{8,}}\)\n", out), out


def test_installed_package_reads_nothing_from_the_checkout(built):
    out = _run([str(built["python"]), "-c", AUDIT], cwd=built["cwd"]).splitlines()
    package_file, result, opened = out[0], out[1], out[2:]
    assert Path(package_file).is_relative_to(built["venv"])
    assert result.startswith("pn:senkaku-diaoyu ") and int(result.split()[1]) >= 2
    data = [p.removeprefix("sqlite:") for p in opened if p.startswith("sqlite:")]
    assert data and all(p.endswith("/placenames/data/gazetteer.sqlite") for p in data), opened
    assert all(Path(p.removeprefix("sqlite:")).is_relative_to(built["venv"]) for p in opened), opened


def test_report_sizes(built, capsys):
    wheel = built["wheel"].stat().st_size
    sdist = built["sdist"].stat().st_size
    site = next(built["venv"].glob("lib/python*/site-packages"))
    installed = _size(site / "placenames")
    deps = _size(site) - installed
    with capsys.disabled():
        print(f"\npackaging: wheel {wheel / 1e6:.1f} MB, sdist {sdist / 1e6:.1f} MB, installed package "
              f"{installed / 1e6:.1f} MB (plus {deps / 1e6:.1f} MB of pip and dependencies in the venv)")
    assert wheel < 150_000_000 and installed < 400_000_000
