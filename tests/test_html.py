"""The HTML tagging report: structure and escaping (parsed here), and rendering in headless
Chromium (Debian's chromium package; skipped when it is not installed, installed by .ci/run)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import placenames
from placenames._html import to_html
from placenames.cli import main
from placenames.models import Match, Mention, Name, Place

ARTICLE = ("The US-Japan Security Treaty covers the Diaoyu Islands (Senkaku Islands in Japan) in the "
           "East China Sea.\nOfficials in Paris, Texas and Tbilisi, Georgia said so.\n")
INJECTION = ('\n</div></script><script>document.title="pwned";document.documentElement.dataset.pwned=1'
             '</script><img src=x onerror="document.title=\'pwned\'"><!-- "Kyiv" & <b>Seoul</b> '
             "<style>body{display:none}</style>\n")


class _Page(HTMLParser):
    """Collects elements with their attributes, and the text inside #article."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.article: list[str] = []
        self._depth = 0  # > 0 while inside #article

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if self._depth or a.get("id") == "article":
            self._depth += 1

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.article.append(data)

    def all(self, tag: str, cls: str | None = None) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if t == tag and (cls is None or cls in (a.get("class") or "").split())]


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def hostile():
    text = ARTICLE + INJECTION
    return text, placenames.tag(text)


def test_article_text_survives_exactly_and_every_mention_is_marked(hostile):
    text, mentions = hostile
    page = _parse(to_html(text, mentions, title="<i>t</i>"))
    assert "".join(page.article) == text  # injected markup is text, not elements
    marks = page.all("mark", "pn")
    assert [m["data-id"] for m in marks] == [m.match.place.id for m in mentions]
    assert len(marks) >= 9
    senkaku = [m for m in marks if m["data-id"] == "pn:senkaku-diaoyu"]
    assert [m["data-party"] for m in senkaku] == ["CN", "JP"]
    assert all("contested" in m["class"].split() for m in senkaku)
    japan = next(m for m in marks if m["data-id"] == "iso:JP")
    assert "contested" not in japan["class"].split() and japan["data-kind"] == "country"
    assert japan["data-score"] == "100" and "iso:JP" in japan["title"]


def test_injected_markup_creates_no_elements(hostile):
    text, mentions = hostile
    raw = to_html(text, mentions, title='</title><script>alert("t")</script>')
    page = _parse(raw)
    assert page.all("img") == [] and page.all("b") == []
    assert len(page.all("script")) == 2 and len(page.all("style")) == 1  # the page's own
    assert "<script>document.title" not in raw and "<img" not in raw
    assert html.escape('</title><script>alert("t")</script>') in raw


def test_labels_ids_and_notes_are_escaped_in_attributes_and_table():
    evil = '"><script>alert(1)</script>'
    place = Place(id=f"x:{evil}", kind="city", label=f"Lab{evil}", lat=10.0, lon=20.0)
    match = Match(place=place, score=88.5, matched=Name(text="Evil", party=f"P{evil}"), method="exact",
                  query="Evil")
    mention = Mention(start=0, end=4, text="Evil", match=match, usage=f"U{evil}")
    raw = to_html("Evil town", [mention])
    page = _parse(raw)
    assert "<script>alert" not in raw and page.all("script") and len(page.all("script")) == 2
    (mark,) = page.all("mark", "pn")
    assert (mark["data-id"], mark["data-label"], mark["data-party"], mark["data-usage"]) == (
        f"x:{evil}", f"Lab{evil}", f"P{evil}", f"U{evil}")
    assert mark["data-score"] == "88.5"
    (row,) = page.all("tr")[1:]
    assert row["data-id"] == f"x:{evil}"


def test_places_table_counts_and_map_dots(hostile):
    text, mentions = hostile
    raw = to_html(text, mentions)
    rows = re.findall(r'<tr(?: class="contested")? data-id="([^"]+)">.*?<td class="n">(\d+)</td></tr>', raw)
    counts = {pid: int(n) for pid, n in rows}
    assert counts["iso:JP"] == 2 and counts["pn:senkaku-diaoyu"] == 2
    assert sum(counts.values()) == len(mentions)
    assert list(counts.values()) == sorted(counts.values(), reverse=True)  # most mentioned first
    dots = {a["data-id"]: a for a in _parse(raw).all("circle")}
    assert set(dots) == {m.match.place.id for m in mentions if m.match.place.lat is not None}
    japan = placenames.get("iso:JP")
    assert float(dots["iso:JP"]["cx"]) == pytest.approx(japan.lon, abs=1e-3)
    assert float(dots["iso:JP"]["cy"]) == pytest.approx(-japan.lat, abs=1e-3)  # north is up
    assert "contested" in dots["pn:senkaku-diaoyu"]["class"].split()
    assert float(dots["iso:JP"]["r"]) > float(dots["iso:GE"]["r"])  # 2 mentions vs 1


def test_map_draws_the_coastline_inside_the_frame(hostile):
    paths = {a.get("class"): a.get("d") for a in _parse(to_html(*hostile)).all("path")}
    assert set(paths) == {"grid", "axis", "coast"}
    coast = paths["coast"]
    assert coast.count("M") > 100
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", coast)]
    xs, ys = numbers[::2], numbers[1::2]
    assert min(xs) >= -180 and max(xs) <= 180 and min(ys) >= -90 and max(ys) <= 90
    assert min(ys) < -80 and max(ys) > 60  # the Arctic coast is up, Antarctica down


def test_page_is_self_contained(hostile):
    raw = to_html(*hostile)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", raw)
    assert "@import" not in raw and "url(" not in raw
    csp = _parse(raw).all("meta")[1]
    assert csp["http-equiv"] == "Content-Security-Policy" and "default-src 'none'" in csp["content"]


def test_empty_text_gives_a_page_without_marks():
    page = _parse(to_html("", []))
    assert page.all("mark") == [] and page.all("circle") == []


def test_cli_writes_the_report(tmp_path, capsys):
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE + INJECTION, encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["tag", str(src), "--html", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()  # the usual listing still goes to stdout
    page = _parse(out.read_text(encoding="utf-8"))
    assert len(page.all("mark", "pn")) == len(lines) >= 9
    assert [p.name for p in tmp_path.iterdir()] != [] and not list(tmp_path.glob(".*.tmp"))
    assert main(["tag", str(src), "--html", str(tmp_path / "missing" / "r.html")]) == 2
    assert "cannot write" in capsys.readouterr().err


# --- headless Chromium ---------------------------------------------------------------------

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000"]


@pytest.fixture(scope="module")
def chromium():
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if not found:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    return found


def _render(chromium: str, page: Path, tmp_path: Path) -> tuple[str, list[str]]:
    """The DOM after the page's scripts ran, and the console messages Chromium logged."""
    profile = tmp_path / f"profile-{page.stem}"
    proc = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom",
                           page.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    return proc.stdout, console


def _report(tmp_path: Path) -> Path:
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE + INJECTION, encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["tag", str(src), "--html", str(out)]) == 0
    return out


def test_report_renders_in_chromium(chromium, tmp_path, capsys):
    out = _report(tmp_path)
    expected = len(_parse(out.read_text(encoding="utf-8")).all("mark", "pn"))
    dom, console = _render(chromium, out, tmp_path)
    assert console == []
    root = _parse(dom).all("html")[0]
    assert root["data-ready"] == "1", "the page's script did not finish"
    assert root["data-errors"] == ""
    assert root["data-marks"] == str(expected) and expected >= 9
    assert root.get("data-pwned") is None and "<title>Place mentions: article.txt</title>" in dom
    page = _parse(dom)
    assert len(page.all("mark", "pn")) == expected and page.all("img") == []
    assert "".join(page.article) == ARTICLE + INJECTION
    assert len(page.all("circle")) >= 8


def test_clicking_a_contested_mention_shows_its_details(chromium, tmp_path, capsys):
    out = _report(tmp_path)
    probe = ('<script>var m=document.querySelector("mark.contested");m.click();'
             'document.documentElement.dataset.details=document.getElementById("details").textContent;'
             'document.documentElement.dataset.selected='
             'String(document.querySelectorAll(".selected").length);</script></body>')
    clicked = tmp_path / "clicked.html"
    clicked.write_text(out.read_text(encoding="utf-8").replace("</body>", probe), encoding="utf-8")
    dom, console = _render(chromium, clicked, tmp_path)
    root = _parse(dom).all("html")[0]
    assert console == [] and root["data-errors"] == ""
    details = root["data-details"]
    for text in ("Diaoyu / Senkaku Islands", "pn:senkaku-diaoyu", "island_group", "CN", "PRC usage"):
        assert text in details
    assert int(root["data-selected"]) == 4  # both mentions, the table row and the map dot


def test_the_check_catches_script_errors(chromium, tmp_path, capsys):
    """The harness is not blind: a broken script is reported in the DOM and on the console."""
    out = _report(tmp_path)
    broken = tmp_path / "broken.html"
    broken.write_text(out.read_text(encoding="utf-8").replace("</body>", "<script>noSuchFunction()</script></body>"),
                      encoding="utf-8")
    dom, console = _render(chromium, broken, tmp_path)
    assert "noSuchFunction" in _parse(dom).all("html")[0]["data-errors"]
    assert any("noSuchFunction" in line for line in console)
