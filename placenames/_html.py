"""A self-contained HTML report of tagged text: the article with its mentions highlighted, a
table of the places mentioned, and an SVG map of them.

The page needs no network: CSS and JS are inline and a Content-Security-Policy forbids every
fetch. All text (the article, labels, ids, usage notes) goes through ``html.escape``; the script
reads mention details from ``data-`` attributes and writes them with ``textContent`` only.
The map is an equirectangular projection (x = longitude, y = -latitude): a 30-degree graticule,
the Natural Earth 110m coastline (public domain; ``data/coastline_110m.txt``, written by
``gazetteer/importers/coastline.py``) and one dot per place, sized by its number of mentions.
"""

from __future__ import annotations

import math
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from .models import Mention

_CSS = """
body{font:16px/1.55 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 1.5rem;color:#1d1d1f}
h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:2rem}
#article{white-space:pre-wrap;border:1px solid #ddd;border-radius:6px;padding:1rem;background:#fcfcfc}
mark.pn,.pn{background:#d6e9ff;border-bottom:2px solid #3a7bd5;cursor:pointer;padding:0 1px;color:inherit}
mark.pn.contested,.pn.contested{background:#ffe3c2;border-bottom:2px dashed #c25e00}
mark.pn.selected,mark.pn:focus{outline:2px solid #222}
#details{position:sticky;top:0;background:#fff;border:1px solid #ccc;border-radius:6px;padding:.5rem 1rem;
margin:1rem 0;min-height:1.5rem}
#details dl{display:grid;grid-template-columns:max-content auto;gap:0 1rem;margin:0}
#details dt{font-weight:600}#details dd{margin:0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eee}
td.n{text-align:right}tr.contested td:first-child::after{content:" \\2691";color:#c25e00}
svg{width:100%;height:auto;background:#f4f8fb;border:1px solid #ddd;border-radius:6px}
.grid{stroke:#c9d6e2;stroke-width:.3;fill:none}.coast{stroke:#7d8fa0;stroke-width:.4;fill:none;stroke-linejoin:round}.axis{stroke:#9fb3c8;stroke-width:.5}
.dot{fill:#3a7bd5;fill-opacity:.75;stroke:#fff;stroke-width:.4}.dot.contested{fill:#c25e00}
.dot.selected{stroke:#222;stroke-width:1}
.legend{font-size:.9rem;color:#555}
"""

# Installed first, so that any later error (or console.error) is recorded in the DOM.
_GUARD_JS = """
(function(){var r=document.documentElement;r.dataset.errors="";
function rec(m){r.dataset.errors+=(r.dataset.errors?"\\n":"")+m;}
window.addEventListener("error",function(e){rec(String(e.message||e));});
var ce=console.error;console.error=function(){rec(Array.prototype.join.call(arguments," "));
return ce.apply(console,arguments);};})();
"""

_JS = """
(function(){
var fields=[["label","Label"],["id","Id"],["kind","Kind"],["matched","Matched name"],
["party","Party of the name"],["usage","Usage"],["score","Score"]];
var marks=document.querySelectorAll("mark.pn"),details=document.getElementById("details");
function show(m){
  document.querySelectorAll(".selected").forEach(function(e){e.classList.remove("selected");});
  document.querySelectorAll('[data-id="'+CSS.escape(m.dataset.id)+'"]').forEach(function(e){
    e.classList.add("selected");});
  var dl=document.createElement("dl");
  fields.forEach(function(f){var v=m.dataset[f[0]];if(!v)return;
    var dt=document.createElement("dt"),dd=document.createElement("dd");
    dt.textContent=f[1];dd.textContent=v;dl.appendChild(dt);dl.appendChild(dd);});
  details.replaceChildren(dl);
}
marks.forEach(function(m){
  m.addEventListener("click",function(){show(m);});
  m.addEventListener("keydown",function(e){if(e.key==="Enter"||e.key===" "){e.preventDefault();show(m);}});
});
document.querySelectorAll("tr[data-id]").forEach(function(tr){
  tr.addEventListener("click",function(){var m=document.querySelector('mark[data-id="'+
    CSS.escape(tr.dataset.id)+'"]');if(m){show(m);m.scrollIntoView({block:"center"});}});
});
document.documentElement.dataset.marks=String(marks.length);
document.documentElement.dataset.ready="1";
})();
"""

_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'")


COASTLINE = Path(__file__).resolve().parent / "data" / "coastline_110m.txt"


@lru_cache(maxsize=1)
def _coastline() -> str:
    """The coastline as SVG path data ('' when the file is missing: the map keeps its graticule)."""
    try:
        lines = COASTLINE.read_text(encoding="ascii").splitlines()
    except OSError:
        return ""
    return "".join(line for line in lines if line and not line.startswith("#"))


def _attr(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _mark(m: Mention) -> str:
    place, match = m.match.place, m.match
    classes = "pn contested" if place.dispute else "pn"
    data = {"id": place.id, "label": place.label, "kind": place.kind, "matched": match.matched.text,
            "party": match.matched.party or "none (an ordinary name)", "usage": m.usage,
            "score": f"{match.score:g}"}
    attrs = "".join(f' data-{k}="{_attr(v)}"' for k, v in data.items() if v is not None)
    tip = f"{place.label} ({place.id}, {place.kind}), party: {data['party']}, score {data['score']}"
    return (f'<mark class="{classes}" tabindex="0"{attrs} title="{_attr(tip)}">'
            f"{escape(m.text, quote=False)}</mark>")


def _article(text: str, mentions: list[Mention]) -> str:
    parts, pos = [], 0
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start < pos:
            continue  # mentions never overlap; this only guards hand-made lists
        parts += [escape(text[pos:m.start], quote=False), _mark(m)]
        pos = m.end
    parts.append(escape(text[pos:], quote=False))
    return "".join(parts)


def _places(mentions: list[Mention]) -> list[dict[str, Any]]:
    """One row per place, most mentioned first (ties by label, then id)."""
    rows: dict[str, dict[str, Any]] = {}
    for m in mentions:
        place = m.match.place
        row = rows.setdefault(place.id, {"place": place, "count": 0, "parties": []})
        row["count"] += 1
        party = m.match.matched.party
        if party and party not in row["parties"]:
            row["parties"].append(party)
    return sorted(rows.values(), key=lambda r: (-r["count"], r["place"].label, r["place"].id))


def _table(places: list[dict[str, Any]]) -> str:
    if not places:
        return "<p>No place mentions found.</p>"
    head = ("<table><thead><tr><th>Place</th><th>Id</th><th>Kind</th><th>Country</th>"
            "<th>Parties of the names used</th><th>Mentions</th></tr></thead><tbody>")
    lines = [head]
    for row in places:
        p = row["place"]
        cls = ' class="contested"' if p.dispute else ""
        lines.append(f'<tr{cls} data-id="{_attr(p.id)}"><td>{escape(p.label)}</td><td><code>'
                     f"{escape(p.id)}</code></td><td>{escape(p.kind)}</td><td>{escape(p.country or '')}"
                     f"</td><td>{escape(', '.join(row['parties']))}</td><td class=\"n\">{row['count']}</td></tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _map(places: list[dict[str, Any]]) -> str:
    """An equirectangular SVG map: viewBox -180..180 x -90..90, y pointing south."""
    lines = [('<svg id="map" viewBox="-180 -90 360 180" role="img" aria-label="Map of the places mentioned"'
              ' xmlns="http://www.w3.org/2000/svg">')]
    grid = [f"M{lon} -90V90" for lon in range(-150, 180, 30)]
    grid += [f"M-180 {lat}H180" for lat in range(-60, 90, 30)]
    lines.append(f'<path class="grid" d="{" ".join(grid)}"/>')
    lines.append('<path class="axis" d="M-180 0H180M0 -90V90"/>')
    if _coastline():
        lines.append(f'<path class="coast" d="{_coastline()}"/>')
    for row in sorted(places, key=lambda r: r["count"], reverse=True):  # small dots drawn on top
        p = row["place"]
        if p.lat is None or p.lon is None or not (math.isfinite(p.lat) and math.isfinite(p.lon)):
            continue
        radius = 1.5 + 1.2 * math.sqrt(row["count"])
        cls = "dot contested" if p.dispute else "dot"
        lines.append(f'<circle class="{cls}" data-id="{_attr(p.id)}" cx="{p.lon:.3f}" cy="{-p.lat:.3f}" '
                     f'r="{radius:.2f}"><title>{escape(p.label)} ({row["count"]})</title></circle>')
    lines.append("</svg>")
    return "\n".join(lines)


def to_html(text: str, mentions: list[Mention], *, title: str = "Place mentions") -> str:
    """The report as one self-contained HTML page (a ``str``; write it as UTF-8)."""
    places = _places(mentions)
    contested = sum(1 for r in places if r["place"].dispute)
    summary = (f"{len(mentions)} mentions of {len(places)} places"
               + (f", {contested} of them contested" if contested else ""))
    return f"""<!DOCTYPE html>
<html lang="en" data-ready="0">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{_CSS}</style>
<script>{_GUARD_JS}</script>
</head>
<body>
<h1>{escape(title)}</h1>
<p class="legend">{escape(summary)}. <span class="pn">Place</span> <span class="pn contested">contested
place</span> (neutral label shown; the party is whose usage the matched name is). Click a mention
for its details.</p>
<div id="details" aria-live="polite">Click a highlighted mention.</div>
<div id="article">{_article(text, mentions)}</div>
<h2>Places</h2>
{_table(places)}
<h2>Map</h2>
{_map(places)}
<p class="legend">Equirectangular projection, 30&deg; graticule, coastline from Natural Earth (public
domain); dot area grows with the number of mentions.</p>
<script>{_JS}</script>
</body>
</html>
"""
