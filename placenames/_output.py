"""Tagging output for tools: mentions as JSON rows, and the places mentioned as GeoJSON."""

from __future__ import annotations

from typing import Any

from .models import Mention


def to_json(mentions: list[Mention]) -> list[dict[str, Any]]:
    """Mentions as plain JSON-ready dicts: offsets, id, label, kind, party, usage, coordinates."""
    out = []
    for m in mentions:
        place = m.match.place
        out.append({"start": m.start, "end": m.end, "text": m.text, "id": place.id, "label": place.label,
                    "kind": place.kind, "country": place.country, "lat": place.lat, "lon": place.lon,
                    "score": m.match.score, "matched": m.match.matched.text, "party": m.match.matched.party,
                    "usage": m.usage, "demonym": m.demonym, "alternatives": m.alternatives})
    return out


def to_geojson(mentions: list[Mention]) -> dict[str, Any]:
    """A FeatureCollection of the places mentioned, one feature per place, with counts."""
    features: dict[str, dict[str, Any]] = {}
    for m in mentions:
        place = m.match.place
        feature = features.get(place.id)
        if feature is None:
            geometry = ({"type": "Point", "coordinates": [place.lon, place.lat]}
                        if place.lat is not None and place.lon is not None else None)
            feature = {"type": "Feature", "id": place.id, "geometry": geometry, "properties": {
                "id": place.id, "label": place.label, "kind": place.kind, "country": place.country,
                "count": 0, "mentions": [], "parties": []}}
            features[place.id] = feature
        props = feature["properties"]
        props["count"] += 1
        props["mentions"].append({"start": m.start, "end": m.end, "text": m.text})
        party = m.match.matched.party
        if party and party not in props["parties"]:
            props["parties"].append(party)
    return {"type": "FeatureCollection", "features": list(features.values())}

